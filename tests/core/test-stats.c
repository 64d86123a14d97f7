/* test-stats.c — quantiles, NPS and its interval, the two-proportion test,
 * the seeded bootstrap, PSI, monotonicity and the holdout, against numbers
 * worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <touchstone.h>

static void
test_quantiles (void)
{
  double v[] = { 4, 1, 3, 2 };
  double one[] = { 7 };
  double ten[] = { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };

  /* type 7: (n − 1)·q = 1.5 → between 2 and 3 */
  g_assert_cmpfloat_with_epsilon (ts_stats_median (v, 4), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (ts_stats_quantile (one, 1, 0.9), 7, 1e-12);
  /* 9 · 0.9 = 8.1 → 9 + 0.1 · (10 − 9) */
  g_assert_cmpfloat_with_epsilon (ts_stats_quantile (ten, 10, 0.9), 9.1, 1e-12);
  g_assert_true (isnan (ts_stats_median (NULL, 0)));
}

static void
test_nps (void)
{
  TsEstimate e;

  /* none: not 0 */
  e = ts_stats_nps (0, 0, 0);
  g_assert_cmpuint (e.n, ==, 0);
  g_assert_true (isnan (e.value) && isnan (e.low) && isnan (e.high));

  /* all promoters: 100, and the adjusted-Wald interval worked out by hand:
   * n + 3 = 13, pP = 10.75/13, pD = 0.75/13, NPSadj = 10/13,
   * var = 11.5/13 − (10/13)² = 0.292899…, half = 1.96 · sqrt (var/13) */
  e = ts_stats_nps (10, 0, 0);
  g_assert_cmpfloat_with_epsilon (e.value, 100, 1e-12);
  g_assert_cmpfloat_with_epsilon (e.low, 100 * (10.0 / 13 - 1.959963984540054 * sqrt ((11.5 / 13 - 100.0 / 169) / 13)), 1e-9);
  g_assert_cmpfloat_with_epsilon (e.low, 47.50, 0.01);
  g_assert_cmpfloat_with_epsilon (e.high, 100, 1e-12);

  /* 5 promoters, 3 passives, 2 detractors: 30 */
  e = ts_stats_nps (5, 3, 2);
  g_assert_cmpfloat_with_epsilon (e.value, 30, 1e-12);
  g_assert_cmpuint (e.n, ==, 10);
  g_assert_cmpfloat (e.low, <, 30);
  g_assert_cmpfloat (e.high, >, 30);
}

static void
test_two_proportion (void)
{
  double z, p;

  /* 30/100 against 20/100: pooled 0.25, se = sqrt (0.25 · 0.75 · 0.02) */
  p = ts_stats_two_proportion (30, 100, 20, 100, &z);
  g_assert_cmpfloat_with_epsilon (z, 0.1 / sqrt (0.25 * 0.75 * 0.02), 1e-12);
  g_assert_cmpfloat_with_epsilon (z, 1.632993, 1e-6);
  g_assert_cmpfloat_with_epsilon (p, 0.102470, 1e-5);

  p = ts_stats_two_proportion (0, 50, 0, 80, &z);
  g_assert_cmpfloat (p, ==, 1.0);
  g_assert_true (isnan (ts_stats_two_proportion (1, 0, 2, 10, NULL)));
}

static void
test_bootstrap (void)
{
  double a[] = { 10, 12, 11, 13, 9, 10, 12, 11 };
  double b[] = { 30, 31, 29, 33, 28, 32, 30, 31 };
  double lo1, hi1, lo2, hi2;

  g_assert_true (ts_stats_bootstrap_median_diff (a, G_N_ELEMENTS (a), b, G_N_ELEMENTS (b), 500, 42, &lo1, &hi1));
  g_assert_true (ts_stats_bootstrap_median_diff (a, G_N_ELEMENTS (a), b, G_N_ELEMENTS (b), 500, 42, &lo2, &hi2));
  /* the same seed, the same interval; it holds the difference (19.5) and not 0 */
  g_assert_cmpfloat (lo1, ==, lo2);
  g_assert_cmpfloat (hi1, ==, hi2);
  g_assert_cmpfloat (lo1, <=, 19.5);
  g_assert_cmpfloat (hi1, >=, 19.5);
  g_assert_cmpfloat (lo1, >, 0);

  g_assert_false (ts_stats_bootstrap_median_diff (a, 0, b, 8, 500, 42, &lo1, &hi1));
  g_assert_true (isnan (lo1) && isnan (hi1));
}

static void
test_psi (void)
{
  double same[] = { 10, 20, 30, 40 };
  double e[] = { 50, 50 }, a[] = { 25, 75 };
  double empty_e[] = { 100, 0 }, empty_a[] = { 50, 50 };

  g_assert_cmpfloat_with_epsilon (ts_stats_psi (same, same, 4), 0, 1e-15);
  /* (0.25 − 0.5) ln 0.5 + (0.75 − 0.5) ln 1.5 */
  g_assert_cmpfloat_with_epsilon (ts_stats_psi (e, a, 2), -0.25 * log (0.5) + 0.25 * log (1.5), 1e-12);
  g_assert_cmpfloat_with_epsilon (ts_stats_psi (e, a, 2), 0.274653, 1e-6);
  /* an empty bin counts as 0.0001, not as infinity */
  g_assert_true (isfinite (ts_stats_psi (empty_e, empty_a, 2)));
  g_assert_cmpfloat_with_epsilon (ts_stats_psi (empty_e, empty_a, 2),
                                  (0.5 - 1) * log (0.5) + (0.5 - 1e-4) * log (0.5 / 1e-4), 1e-12);

  g_assert_cmpstr (ts_stats_psi_verdict (0.05), ==, "stable");
  g_assert_cmpstr (ts_stats_psi_verdict (0.1), ==, "moderate");
  g_assert_cmpstr (ts_stats_psi_verdict (0.25), ==, "significant");
}

/* each verdict has words for people (here, untranslated, the verdict
 * itself); anything else passes through */
static void
test_psi_verdict_describe (void)
{
  const double psis[] = { NAN, 0.05, 0.1, 0.25 };

  for (guint i = 0; i < G_N_ELEMENTS (psis); i++)
    g_assert_cmpstr (ts_stats_psi_verdict_describe (ts_stats_psi_verdict (psis[i])), ==,
                     ts_stats_psi_verdict (psis[i]));
  g_assert_cmpstr (ts_stats_psi_verdict_describe (ts_stats_psi_verdict (NAN)), ==, "unknown");
  g_assert_cmpstr (ts_stats_psi_verdict_describe ("drifting"), ==, "drifting");
  g_assert_null (ts_stats_psi_verdict_describe (NULL));
}

static void
test_monotone (void)
{
  double up[] = { 1, NAN, 2, 2, 5 };
  double broken[] = { 10, 5, 7 };

  g_assert_cmpint (ts_stats_monotone (up, 5, 1), ==, -1);
  g_assert_cmpint (ts_stats_monotone (up, 5, -1), ==, 2);
  g_assert_cmpint (ts_stats_monotone (broken, 3, -1), ==, 2);
}

static void
test_holdout (void)
{
  guint held = 0;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *id = g_strdup_printf ("u_%07u", i);
      gboolean out = ts_stats_is_held_out ("q3", id, 0.1);

      /* the same id and salt, the same answer */
      g_assert_cmpint (out, ==, ts_stats_is_held_out ("q3", id, 0.1));
      held += out;
    }
  g_assert_cmpuint (held, >, 900);
  g_assert_cmpuint (held, <, 1100);
  g_assert_false (ts_stats_is_held_out ("q3", "u_0000001", 0));
  /* another salt draws another sample */
  g_assert_cmpfloat (ts_stats_holdout_draw ("a", "u_1"), !=, ts_stats_holdout_draw ("b", "u_1"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/quantiles", test_quantiles);
  g_test_add_func ("/stats/nps", test_nps);
  g_test_add_func ("/stats/two-proportion", test_two_proportion);
  g_test_add_func ("/stats/bootstrap", test_bootstrap);
  g_test_add_func ("/stats/psi", test_psi);
  g_test_add_func ("/stats/psi-verdict-describe", test_psi_verdict_describe);
  g_test_add_func ("/stats/monotone", test_monotone);
  g_test_add_func ("/stats/holdout", test_holdout);

  return g_test_run ();
}

/* ts-stats.c — the few statistics outcome reviews need
 *
 * Quantiles interpolate linearly between the order statistics (the
 * "type 7" of R and NumPy's default): q = 0.5 of {1, 2, 3, 4} is 2.5.
 *
 * NPS is % promoters (9–10) minus % detractors (0–6).  Its 95% interval is
 * the adjusted Wald interval (Sauro & Lewis): add 3/4 of a promoter and
 * 3/4 of a detractor, so n + 3 answers, and take
 *
 *   NPSadj ± 1.96 · sqrt ((pP + pD − NPSadj²) / (n + 3))
 *
 * clamped to −100..100, which stays informative at the edges: ten
 * promoters out of ten give 100 with an interval of 47.5..100, not 100..100.
 *
 * The two-proportion test is the pooled z-test; the p value is two-sided.
 * The bootstrap resamples both groups with replacement from a GRand seeded
 * by the caller, so the same seed gives the same interval.  PSI is
 * Σ (a − e) · ln (a / e) over bins of proportions, an empty bin counted as
 * 0.0001.  The holdout draw is FNV-1a (64 bits) of "salt:id", mixed by the
 * SplitMix64 finaliser, read as a number in [0, 1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-stats"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ts-stats.h"

#define Z95 1.959963984540054
#define PSI_EPSILON 1e-4

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* the k-th smallest (0-based) of values[0..n), reordering them so that
 * every value after it is at least it: a three-way quickselect, O(n) and
 * at ease with many equal values (a bootstrap sample's) */
static double
select_kth (double *v,
            gsize   n,
            gsize   k)
{
  gsize lo = 0, hi = n;

  while (hi - lo > 1)
    {
      double pivot = v[lo + (hi - lo) / 2];
      gsize lt = lo, i = lo, gt = hi;   /* [lo, lt) <, [lt, i) ==, [gt, hi) > */

      while (i < gt)
        {
          double t = v[i];

          if (t < pivot)
            {
              v[i++] = v[lt];
              v[lt++] = t;
            }
          else if (t > pivot)
            {
              v[i] = v[--gt];
              v[gt] = t;
            }
          else
            i++;
        }
      if (k < lt)
        hi = lt;
      else if (k >= gt)
        lo = gt;
      else
        return pivot;
    }
  return v[k];
}

/* the smallest of values[from..n) */
static double
min_from (const double *v,
          gsize         from,
          gsize         n)
{
  double m = v[from];

  for (gsize i = from + 1; i < n; i++)
    m = MIN (m, v[i]);
  return m;
}

/**
 * ts_stats_quantile:
 * @values: (inout): the values; reordered
 * @q: 0..1
 *
 * Returns: the q-quantile, linearly interpolated; NAN when @n is 0
 */
double
ts_stats_quantile (double *values,
                   gsize   n,
                   double  q)
{
  double h, lo;
  gsize k;

  if (n == 0)
    return NAN;
  q = CLAMP (q, 0.0, 1.0);
  h = (double) (n - 1) * q;
  k = (gsize) floor (h);
  lo = select_kth (values, n, k);
  if (k + 1 >= n || h == (double) k)
    return lo;
  /* after selection everything past k is >= the k-th: the next is their least */
  return lo + (h - (double) k) * (min_from (values, k + 1, n) - lo);
}

double
ts_stats_median (double *values,
                 gsize   n)
{
  return ts_stats_quantile (values, n, 0.5);
}

/**
 * ts_stats_nps:
 *
 * Returns: the NPS (−100..100) of the answers with its adjusted-Wald 95%
 *   interval; NANs when there are none
 */
TsEstimate
ts_stats_nps (guint promoters,
              guint passives,
              guint detractors)
{
  guint n = promoters + passives + detractors;
  TsEstimate e = { NAN, NAN, NAN, n };
  double na, pp, pd, adj, var, half;

  if (n == 0)
    return e;
  e.value = 100.0 * ((double) promoters - (double) detractors) / n;
  na = n + 3.0;
  pp = (promoters + 0.75) / na;
  pd = (detractors + 0.75) / na;
  adj = pp - pd;
  var = MAX (pp + pd - adj * adj, 0.0);
  half = Z95 * sqrt (var / na);
  e.low = 100.0 * MAX (adj - half, -1.0);
  e.high = 100.0 * MIN (adj + half, 1.0);
  /* the interval always holds the value measured */
  e.low = MIN (e.low, e.value);
  e.high = MAX (e.high, e.value);
  return e;
}

/**
 * ts_stats_two_proportion:
 * @z: (out) (optional): the z statistic, (p1 − p2) / se
 *
 * The pooled two-proportion z-test of x1/n1 against x2/n2.
 *
 * Returns: the two-sided p value; NAN when a group is empty, 1 when
 *   neither varies (both 0% or both 100%)
 */
double
ts_stats_two_proportion (guint   x1,
                         guint   n1,
                         guint   x2,
                         guint   n2,
                         double *z)
{
  double p1, p2, p, se, zz;

  if (z)
    *z = NAN;
  if (n1 == 0 || n2 == 0)
    return NAN;
  p1 = (double) x1 / n1;
  p2 = (double) x2 / n2;
  p = ((double) x1 + x2) / ((double) n1 + n2);
  se = sqrt (p * (1 - p) * (1.0 / n1 + 1.0 / n2));
  if (!(se > 0))
    {
      if (z)
        *z = 0;
      return 1.0;
    }
  zz = (p1 - p2) / se;
  if (z)
    *z = zz;
  return erfc (fabs (zz) / G_SQRT2);
}

/**
 * ts_stats_bootstrap_median_diff:
 * @resamples: how many (1000 is usual)
 * @seed: the same seed gives the same interval
 * @low: (out): the 2.5th percentile of median(b*) − median(a*)
 * @high: (out): the 97.5th percentile
 *
 * Returns: %FALSE (and NANs) when a group is empty
 */
gboolean
ts_stats_bootstrap_median_diff (const double *a,
                                gsize         n_a,
                                const double *b,
                                gsize         n_b,
                                guint         resamples,
                                guint32       seed,
                                double       *low,
                                double       *high)
{
  g_autoptr(GRand) rand = NULL;
  g_autofree double *diffs = NULL;
  g_autofree double *sa = NULL;
  g_autofree double *sb = NULL;

  *low = *high = NAN;
  if (n_a == 0 || n_b == 0 || resamples == 0)
    return FALSE;
  rand = g_rand_new_with_seed (seed);
  diffs = g_new (double, resamples);
  sa = g_new (double, n_a);
  sb = g_new (double, n_b);
  for (guint r = 0; r < resamples; r++)
    {
      for (gsize i = 0; i < n_a; i++)
        sa[i] = a[g_rand_int_range (rand, 0, (gint32) n_a)];
      for (gsize i = 0; i < n_b; i++)
        sb[i] = b[g_rand_int_range (rand, 0, (gint32) n_b)];
      diffs[r] = ts_stats_median (sb, n_b) - ts_stats_median (sa, n_a);
    }
  qsort (diffs, resamples, sizeof (double), compare_doubles);
  *low = ts_stats_quantile (diffs, resamples, 0.025);
  *high = ts_stats_quantile (diffs, resamples, 0.975);
  return TRUE;
}

/**
 * ts_stats_psi:
 * @expected: counts per bin, before
 * @actual: counts per bin, after
 *
 * Returns: the population stability index; NAN when either side is empty
 */
double
ts_stats_psi (const double *expected,
              const double *actual,
              guint         n_bins)
{
  double te = 0, ta = 0, psi = 0;

  for (guint i = 0; i < n_bins; i++)
    {
      te += expected[i];
      ta += actual[i];
    }
  if (!(te > 0) || !(ta > 0))
    return NAN;
  for (guint i = 0; i < n_bins; i++)
    {
      double e = MAX (expected[i] / te, PSI_EPSILON);
      double a = MAX (actual[i] / ta, PSI_EPSILON);

      psi += (a - e) * log (a / e);
    }
  return psi;
}

/**
 * ts_stats_psi_verdict:
 *
 * Returns: "stable" (< 0.1), "moderate" (< 0.25) or "significant"; "unknown"
 *   for NAN
 */
const char *
ts_stats_psi_verdict (double psi)
{
  if (isnan (psi))
    return "unknown";
  if (psi < TS_PSI_MODERATE)
    return "stable";
  if (psi < TS_PSI_SIGNIFICANT)
    return "moderate";
  return "significant";
}

/**
 * ts_stats_psi_verdict_describe:
 * @verdict: a verdict of ts_stats_psi_verdict()
 *
 * Returns: the verdict in the user's language, for reports and the app
 *   (machine-readable output keeps the verdict itself); @verdict if it is
 *   none of ts_stats_psi_verdict()'s
 */
const char *
ts_stats_psi_verdict_describe (const char *verdict)
{
  /* Translators: a population stability index's verdict on a distribution
   * against an earlier one: it did not move */
  if (g_strcmp0 (verdict, "stable") == 0)
    return C_("psi", "stable");
  /* Translators: a population stability index's verdict: it moved a little */
  if (g_strcmp0 (verdict, "moderate") == 0)
    return C_("psi", "moderate");
  /* Translators: a population stability index's verdict: it moved a lot */
  if (g_strcmp0 (verdict, "significant") == 0)
    return C_("psi", "significant");
  /* Translators: a population stability index's verdict: it could not be
   * computed */
  if (g_strcmp0 (verdict, "unknown") == 0)
    return C_("psi", "unknown");
  return verdict;
}

/**
 * ts_stats_monotone:
 * @direction: 1 for never falling, −1 for never rising
 *
 * Whether @values go one way, skipping NANs (a band with nothing measured
 * says nothing).
 *
 * Returns: −1 when they do; else the index of the first value that breaks
 *   the direction
 */
int
ts_stats_monotone (const double *values,
                   guint         n,
                   int           direction)
{
  int prev = -1;

  for (guint i = 0; i < n; i++)
    {
      if (isnan (values[i]))
        continue;
      if (prev >= 0 && (direction > 0 ? values[i] < values[prev] : values[i] > values[prev]))
        return (int) i;
      prev = (int) i;
    }
  return -1;
}

/**
 * ts_stats_holdout_draw:
 *
 * Returns: a number in [0, 1) that depends only on @salt and @id
 */
double
ts_stats_holdout_draw (const char *salt,
                       const char *id)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  const char *parts[] = { salt ? salt : "", ":", id ? id : "" };

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    for (const guchar *c = (const guchar *) parts[p]; *c; c++)
      {
        h ^= *c;
        h *= G_GUINT64_CONSTANT (0x100000001b3);
      }
  /* SplitMix64's finaliser: every bit of the id reaches the top bits */
  h ^= h >> 30;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  h ^= h >> 27;
  h *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  h ^= h >> 31;
  return (double) (h >> 11) * (1.0 / 9007199254740992.0);
}

/**
 * ts_stats_is_held_out:
 * @share: 0..1: the share of customers held out
 *
 * Returns: whether the customer @id is in the holdout
 */
gboolean
ts_stats_is_held_out (const char *salt,
                      const char *id,
                      double      share)
{
  return share > 0 && ts_stats_holdout_draw (salt, id) < share;
}

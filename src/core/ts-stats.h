/* ts-stats.h — the few statistics outcome reviews need: quantiles, NPS with
 * its interval, a two-proportion test, a seeded bootstrap, PSI, monotonicity
 * and a deterministic holdout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-types.h"

G_BEGIN_DECLS

/* A measured value with its 95% interval and the n behind it; value, low
 * and high are NAN when n is 0 (nothing measured is not 0). */
typedef struct
{
  double value;
  double low;
  double high;
  guint  n;
} TsEstimate;

/* PSI conventions: below 0.1 stable, below 0.25 moderate, else significant. */
#define TS_PSI_MODERATE    0.1
#define TS_PSI_SIGNIFICANT 0.25

double      ts_stats_quantile          (double       *values,
                                        gsize         n,
                                        double        q);
double      ts_stats_median            (double       *values,
                                        gsize         n);
TsEstimate  ts_stats_nps               (guint         promoters,
                                        guint         passives,
                                        guint         detractors);
double      ts_stats_two_proportion    (guint         x1,
                                        guint         n1,
                                        guint         x2,
                                        guint         n2,
                                        double       *z);
gboolean    ts_stats_bootstrap_median_diff (const double *a,
                                            gsize         n_a,
                                            const double *b,
                                            gsize         n_b,
                                            guint         resamples,
                                            guint32       seed,
                                            double       *low,
                                            double       *high);
double      ts_stats_psi               (const double *expected,
                                        const double *actual,
                                        guint         n_bins);
const char *ts_stats_psi_verdict       (double        psi);
const char *ts_stats_psi_verdict_describe (const char *verdict);
int         ts_stats_monotone          (const double *values,
                                        guint         n,
                                        int           direction);
double      ts_stats_holdout_draw      (const char   *salt,
                                        const char   *id);
gboolean    ts_stats_is_held_out       (const char   *salt,
                                        const char   *id,
                                        double        share);

G_END_DECLS

/* ts-outcomes.h — closed-loop outcomes by band and by route, governance,
 * comparisons of two runs, drift and calibration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-decider.h"
#include "ts-stats.h"

G_BEGIN_DECLS

typedef enum
{
  TS_OUTCOME_GROUP_ALL,        /* every customer: one group */
  TS_OUTCOME_GROUP_BAND,       /* one per band of the playbook, in its order */
  TS_OUTCOME_GROUP_ROUTE,      /* one per route of the playbook, in its order */
  TS_OUTCOME_GROUP_HOLDOUT,    /* 0: treated, 1: held out (when the playbook holds some out) */
} TsOutcomeGroupKind;

/* What happened to a group of customers in the window [T, T + window).
 * Rates are 0..1, _pct are percent; every KPI has the n it is measured on
 * and is NAN when that n is 0 ("no responses", not 0). */
typedef struct
{
  const char *label;                 /* band or route id, "all", "treated", "held_out" */
  guint       customers;

  TsEstimate  nps;                   /* −100..100 with its 95% interval; n: answers */
  guint       promoters, passives, detractors;

  double      csat_mean;             /* 1..5 */
  double      csat_satisfied_pct;    /* answers of 4 or 5 */
  guint       csat_n;

  guint       active;                /* customers not churned before T */
  guint       churned;               /* of those, churned in the window */
  double      churn_rate;            /* churned / active */
  double      retention_rate;        /* 1 − churn_rate */

  double      ttr_median_hours;      /* cases closed in the window: opened → closed */
  double      ttr_p90_hours;
  guint       ttr_cases;

  guint       self_service_resolutions;
  guint       cases_opened;
  guint       deflection_attempts;   /* resolutions + cases opened */
  double      deflection_rate;       /* resolutions / attempts */

  guint       onboarding_n;          /* in onboarding at T */
  guint       onboarding_completed;
  double      onboarding_rate;

  guint       complained;            /* customers with a complaint case opened */
  double      complaint_rate;
  guint       unsubscribed;          /* customers with an unsubscribe event */
  double      unsubscribe_rate;
  guint       touches;               /* touches made in the window */
  double      touches_per_customer;
} TsOutcomeGroup;

/* What a governance finding was (a bit each; several can hold). */
typedef enum
{
  TS_HARM_COMPLAINT   = 1 << 0,
  TS_HARM_UNSUBSCRIBE = 1 << 1,
  TS_HARM_DETRACTOR   = 1 << 2,
  TS_HARM_CHURN       = 1 << 3,
  TS_HARM_ESCALATION  = 1 << 4,
} TsHarm;

/* An over-contacted customer (false positive) or a missed help moment
 * (false negative), with the reason in words. */
typedef struct
{
  guint   customer;        /* row in the customers table */
  TsTime  at;              /* the first harm */
  TsHarm  harms;
  guint   touches;         /* false positives: touches in the days before */
  char   *reason;          /* "5 email touches in 14 days, then unsubscribed 1 day after the last" */
} TsGovernanceItem;

/* A KPI of one check of calibration: does it move one way across bands? */
typedef struct
{
  const char *kpi;
  int         direction;   /* 1: should rise with the score's band, −1: fall */
  gboolean    monotone;
  guint       bands;       /* bands where it is measured */
  char       *note;        /* where it breaks, or that fewer than 2 bands measure
                            it, in words; NULL when it is monotone over 2 or more */
} TsCalibration;

/* One KPI of one group in two runs. */
typedef struct
{
  TsOutcomeGroupKind  kind;
  const char         *group;
  const char         *kpi;
  double              a, b;
  double              delta;        /* b − a */
  double              low, high;    /* 95% interval of the delta; NAN when not tested */
  double              p;            /* NAN when not tested */
  gboolean            significant;
} TsComparisonRow;

/* The PSI of one distribution between two as-of dates. */
typedef struct
{
  const char *id;          /* "score" or a signal's id */
  double      psi;
  const char *verdict;     /* stable, moderate, significant */
} TsDriftItem;

typedef struct _TsOutcomes   TsOutcomes;
typedef struct _TsComparison TsComparison;
typedef struct _TsDrift      TsDrift;

#define TS_TYPE_OUTCOMES   (ts_outcomes_get_type ())
#define TS_TYPE_COMPARISON (ts_comparison_get_type ())
#define TS_TYPE_DRIFT      (ts_drift_get_type ())

GType                   ts_outcomes_get_type      (void) G_GNUC_CONST;
GType                   ts_comparison_get_type    (void) G_GNUC_CONST;
GType                   ts_drift_get_type         (void) G_GNUC_CONST;

TsOutcomes             *ts_outcomes_compute       (TsScores            *scores,
                                                   guint                window_days,
                                                   GCancellable        *cancellable,
                                                   GError             **error);
TsOutcomes             *ts_outcomes_ref           (TsOutcomes          *self);
void                    ts_outcomes_unref         (TsOutcomes          *self);

TsScores               *ts_outcomes_get_scores    (TsOutcomes          *self);
TsTime                  ts_outcomes_get_as_of     (TsOutcomes          *self);
guint                   ts_outcomes_get_window_days (TsOutcomes        *self);
const TsOutcomeGroup   *ts_outcomes_get_all       (TsOutcomes          *self);
guint                   ts_outcomes_get_n_bands   (TsOutcomes          *self);
const TsOutcomeGroup   *ts_outcomes_get_band      (TsOutcomes          *self,
                                                   guint                band);
guint                   ts_outcomes_get_n_routes  (TsOutcomes          *self);
const TsOutcomeGroup   *ts_outcomes_get_route     (TsOutcomes          *self,
                                                   guint                route);
gboolean                ts_outcomes_get_holdout   (TsOutcomes          *self,
                                                   const TsOutcomeGroup **treated,
                                                   const TsOutcomeGroup **held_out);
const TsOutcomeGroup   *ts_outcomes_get_group     (TsOutcomes          *self,
                                                   TsOutcomeGroupKind   kind,
                                                   guint                group);
const guint            *ts_outcomes_get_members   (TsOutcomes          *self,
                                                   TsOutcomeGroupKind   kind,
                                                   guint                group,
                                                   guint               *n);
int                     ts_outcomes_get_customer_route (TsOutcomes     *self,
                                                        guint           customer);
gboolean                ts_outcomes_is_held_out   (TsOutcomes          *self,
                                                   guint                customer);
const TsGovernanceItem *ts_outcomes_get_false_positives (TsOutcomes    *self,
                                                         guint         *n);
const TsGovernanceItem *ts_outcomes_get_false_negatives (TsOutcomes    *self,
                                                         guint         *n);
const TsCalibration    *ts_outcomes_calibration   (TsOutcomes          *self,
                                                   guint               *n);

TsComparison           *ts_outcomes_compare       (TsOutcomes          *a,
                                                   TsOutcomes          *b);
TsComparison           *ts_comparison_ref         (TsComparison        *self);
void                    ts_comparison_unref       (TsComparison        *self);
TsOutcomes             *ts_comparison_get_a       (TsComparison        *self);
TsOutcomes             *ts_comparison_get_b       (TsComparison        *self);
guint                   ts_comparison_get_n_rows  (TsComparison        *self);
const TsComparisonRow  *ts_comparison_get_row     (TsComparison        *self,
                                                   guint                i);
const TsComparisonRow  *ts_comparison_find        (TsComparison        *self,
                                                   TsOutcomeGroupKind   kind,
                                                   const char          *group,
                                                   const char          *kpi);

TsDrift                *ts_outcomes_drift         (TsScores            *before,
                                                   TsScores            *after);
TsDrift                *ts_drift_ref              (TsDrift             *self);
void                    ts_drift_unref            (TsDrift             *self);
TsTime                  ts_drift_get_before       (TsDrift             *self);
TsTime                  ts_drift_get_after        (TsDrift             *self);
const TsDriftItem      *ts_drift_get_score        (TsDrift             *self);
guint                   ts_drift_get_n_signals    (TsDrift             *self);
const TsDriftItem      *ts_drift_get_signal       (TsDrift             *self,
                                                   guint                i);

const char             *ts_outcome_group_kind_to_string (TsOutcomeGroupKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsOutcomes, ts_outcomes_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsComparison, ts_comparison_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsDrift, ts_drift_unref)

G_END_DECLS

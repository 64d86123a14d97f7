/* ts-maturity.h — the maturity matrix: the six capabilities of CX scoring,
 * each with its owner, where the workspace stands between ad hoc and
 * operationalised and why, and its primary KPIs measured over a period with
 * the customers behind them; the business results beside the customer ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-dataset.h"
#include "ts-drivers.h"
#include "ts-journeys.h"
#include "ts-outcomes.h"
#include "ts-playbook.h"
#include "ts-touchpoints.h"
#include "ts-workspace.h"

G_BEGIN_DECLS

typedef enum
{
  TS_CAPABILITY_SIGNAL_QUALITY,
  TS_CAPABILITY_GUARDRAILS,
  TS_CAPABILITY_ROUTING,
  TS_CAPABILITY_JOURNEYS,
  TS_CAPABILITY_OUTCOMES,
  TS_CAPABILITY_GOVERNANCE,
  TS_N_CAPABILITIES
} TsCapabilityId;

typedef enum
{
  TS_MATURITY_AD_HOC,            /* fewer than half of its criteria met */
  TS_MATURITY_DEVELOPING,        /* half or more, not all */
  TS_MATURITY_OPERATIONALISED,   /* every criterion met */
} TsMaturityLevel;

/* One thing that puts a capability where it stands, in words. */
typedef struct
{
  gboolean  met;
  char     *text;
} TsMaturityCriterion;

typedef enum
{
  TS_KPI_UNIT_RATE,      /* 0..1: count / n */
  TS_KPI_UNIT_HOURS,     /* a median in hours: n the moments measured */
  TS_KPI_UNIT_NPS,       /* −100..100: n the answers */
  TS_KPI_UNIT_CSAT,      /* 1..5: n the answers */
  TS_KPI_UNIT_PSI,       /* population stability index: n the customers */
  TS_KPI_UNIT_MONEY,     /* in the currency of the customers' value */
  TS_KPI_UNIT_NUMBER,    /* a count or a ratio */
} TsKpiUnit;

/* A primary KPI measured over the period.  value is NAN when n is 0. */
typedef struct
{
  char        *id;           /* "false_positive_rate", "sla_compliance:urgent-help" */
  char        *label;        /* in words */
  TsKpiUnit    unit;
  double       value;
  guint        count;        /* rates: the numerator */
  guint        n;            /* what it is measured on */
  int          better;       /* 1: higher is better, −1: lower is better */
  const char  *who;          /* what the customers behind it are: "complained" */
  guint       *customers;    /* rows in the customers table, no duplicates */
  guint        n_customers;
} TsMaturityKpi;

typedef struct
{
  TsCapabilityId        id;
  const char           *key;            /* "signal_quality" */
  const char           *name;           /* "Signal quality" */
  const char           *ad_hoc;         /* the seed's "from" column */
  const char           *operationalised;/* the seed's "to" column */
  const char           *default_owner;  /* the seed's owner */
  char                 *owner;          /* NULL: nobody named */
  TsMaturityLevel       level;
  TsMaturityCriterion  *criteria;
  guint                 n_criteria;
  guint                 n_met;
  TsMaturityKpi        *kpis;           /* the first is the primary KPI */
  guint                 n_kpis;
} TsCapability;

/* Speed to help and SLA compliance of one route: a help moment is a case
 * opened in the period, under the route decided for its customer at the end
 * of that day; help is the first of the case's first response, a service
 * touch or a self-service event at or after it. */
typedef struct
{
  const char  *route;
  double       sla_hours;          /* 0: none */
  guint        moments;            /* help moments of its customers */
  guint        helped;             /* with help before the period's end */
  double       median_hours;       /* speed to help of those helped */
  double       p90_hours;
  guint        met;                /* helped within the SLA */
  guint        breached;           /* helped late, or not helped and past the SLA */
  double       compliance;         /* met / (met + breached); NAN without an SLA */
} TsRouteHelp;

/* The business beside the customer: ARR of one band (or of all). */
typedef struct
{
  const char  *band;               /* "all" for every customer */
  guint        active;             /* not churned before the period */
  guint        churned;            /* of those, churned in it */
  double       arr;                /* value of the active ones */
  double       arr_retained;
  double       arr_lost;           /* value of the churned ones */
  guint        no_value;           /* active customers whose value is unknown */
} TsBandArr;

typedef struct
{
  double  touch_cost;              /* the touchpoint inventory's cost over the period */
  guint   touches;                 /* touches made in the period */
  guint   resolved_cases;          /* cases closed in the period */
  double  touches_per_resolved_case;
  guint   expansion_customers;     /* routed to an expansion route, not held back */
  double  pipeline_arr;            /* their value */
  double  pipeline_won;            /* their won opportunities' amount in the period */
} TsBusinessResults;

/* One result of two runs side by side (two periods, two playbooks): the
 * customer's results first, then the business's. */
typedef struct
{
  gboolean    business;    /* FALSE: the customer's experience */
  char       *id;          /* a KPI's id, or "arr_lost:urgent", "touch_cost"… */
  char       *label;
  TsKpiUnit   unit;
  double      before, after;
  double      delta;       /* after − before */
  int         better;      /* 1: higher is better, −1: lower, 0: neither */
} TsMaturityRow;

typedef struct _TsMaturity TsMaturity;

#define TS_TYPE_MATURITY (ts_maturity_get_type ())

GType                     ts_maturity_get_type       (void) G_GNUC_CONST;

TsMaturity               *ts_maturity_compute        (TsDataset          *ds,
                                                      TsPlaybook         *pb,
                                                      TsTime              from,
                                                      TsTime              to,
                                                      const char *const  *owners,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
TsMaturity               *ts_maturity_ref            (TsMaturity         *self);
void                      ts_maturity_unref          (TsMaturity         *self);

TsDataset                *ts_maturity_get_dataset    (TsMaturity         *self);
TsPlaybook               *ts_maturity_get_playbook   (TsMaturity         *self);
TsTime                    ts_maturity_get_from       (TsMaturity         *self);
TsTime                    ts_maturity_get_to         (TsMaturity         *self);
TsScores                 *ts_maturity_get_scores     (TsMaturity         *self);
TsOutcomes               *ts_maturity_get_outcomes   (TsMaturity         *self);
TsDrift                  *ts_maturity_get_drift      (TsMaturity         *self);
TsJourneys               *ts_maturity_get_journeys   (TsMaturity         *self);
TsTouchpoints            *ts_maturity_get_touchpoints (TsMaturity        *self);
const TsCapability       *ts_maturity_get_capability (TsMaturity         *self,
                                                      TsCapabilityId      id);
const TsMaturityKpi      *ts_maturity_find_kpi       (TsMaturity         *self,
                                                      const char         *id);
const TsRouteHelp        *ts_maturity_get_route_help (TsMaturity         *self,
                                                      guint              *n);
const TsRouteHelp        *ts_maturity_get_help_all   (TsMaturity         *self);
const TsBandArr          *ts_maturity_get_band_arr   (TsMaturity         *self,
                                                      guint              *n);
const TsBandArr          *ts_maturity_get_arr_all    (TsMaturity         *self);
const TsBusinessResults  *ts_maturity_get_business   (TsMaturity         *self);

TsMaturityRow            *ts_maturity_side_by_side   (TsMaturity         *before,
                                                      TsMaturity         *after,
                                                      guint              *n);
void                      ts_maturity_rows_free      (TsMaturityRow      *rows,
                                                      guint               n);

gboolean                  ts_maturity_month_span     (const char         *month,
                                                      TsTime             *from,
                                                      TsTime             *to);
void                      ts_maturity_previous_span  (TsTime              from,
                                                      TsTime              to,
                                                      TsTime             *previous_from,
                                                      TsTime             *previous_to);
gboolean                  ts_maturity_default_span   (TsDataset          *ds,
                                                      TsTime             *from,
                                                      TsTime             *to);
char                    **ts_maturity_dup_owners     (TsWorkspace        *workspace);
void                      ts_maturity_set_owner      (TsWorkspace        *workspace,
                                                      TsCapabilityId      id,
                                                      const char         *owner);
int                       ts_capability_from_key     (const char         *key);
const char               *ts_capability_key          (TsCapabilityId      id);
const char               *ts_maturity_level_to_string (TsMaturityLevel    level);
const char               *ts_maturity_level_describe (TsMaturityLevel     level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsMaturity, ts_maturity_unref)

G_END_DECLS

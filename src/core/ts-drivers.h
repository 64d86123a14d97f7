/* ts-drivers.h — the CX driver index: the moments that lower and raise
 * satisfaction, per period and per driver; alerts, impact on NPS and CSAT,
 * and the moments between a promoter's and a detractor's answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-dataset.h"
#include "ts-playbook.h"
#include "ts-stats.h"

G_BEGIN_DECLS

typedef enum
{
  TS_DRIVER_PERIOD_WEEK,     /* ISO weeks: Monday 00:00 UTC */
  TS_DRIVER_PERIOD_MONTH,    /* calendar months, UTC */
} TsDriverPeriod;

/* One driver in one period. per_1000 is NAN when the period has no
 * customers. */
typedef struct
{
  guint     moments;         /* records that passed the driver's filter */
  guint     customers;       /* distinct customers with one */
  double    per_1000;        /* moments per 1,000 customers of the period */
  gboolean  alert;           /* its threshold is crossed */
} TsDriverCell;

/* The seed's questions, answered for one period. */
typedef struct
{
  guint   customers;                 /* the period's base: created before its end,
                                      * not churned before its start */
  double  resolve_median_hours;      /* cases closed in the period: opened → closed */
  double  resolve_p90_hours;
  guint   resolved_cases;
  guint   cases_opened;
  guint   outages;                   /* days with moments of the driver "outage" */
  guint   outage_customers;
  guint   touches;                   /* touches made in the period */
  guint   contacts_this_year;        /* touches and cases opened from 1 January of
                                      * the period's year to its end */
  double  contacts_per_customer_this_year;
} TsDriverQuestions;

/* One record behind an alert. */
typedef struct
{
  guint   customer;                  /* row in the customers table */
  TsTime  at;
  guint   row;                       /* row in the driver's table */
} TsDriverMoment;

typedef struct
{
  guint                 period;
  guint                 driver;
  double                per_1000;
  double                threshold;
  guint                 moments;
  guint                 customers;
  const TsDriverMoment *examples;    /* the first few of the period */
  guint                 n_examples;
} TsDriverAlert;

/* NPS and CSAT of the answers given by customers exposed to a driver (a
 * moment of it in the outcome window before the answer) and by the others,
 * over the same answers of [from, to). */
typedef struct
{
  guint       driver;
  TsEstimate  exposed_nps;           /* n: answers */
  TsEstimate  unexposed_nps;
  double      nps_difference;        /* exposed − unexposed; NAN when either has no answer */
  double      nps_difference_low;    /* its 95% interval */
  double      nps_difference_high;
  double      exposed_csat;          /* mean, 1..5; NAN without answers */
  guint       exposed_csat_n;
  double      unexposed_csat;
  guint       unexposed_csat_n;
  guint       exposed_customers;     /* distinct customers behind the exposed answers */
} TsDriverImpact;

typedef enum
{
  TS_DRIVER_STORY_FELL,              /* promoter → detractor */
  TS_DRIVER_STORY_ROSE,              /* detractor → promoter */
} TsDriverStoryDirection;

typedef struct
{
  TsTime  at;
  double  score;
} TsDriverAnswer;

typedef struct
{
  TsTime  at;
  guint   driver;
} TsDriverStoryMoment;

/* A moment that mattered: two consecutive NPS answers of a customer, the
 * second in [from, to), from promoter to detractor or back, and the driver
 * moments between them in time order. */
typedef struct
{
  guint                       customer;
  TsDriverAnswer              from_answer;
  TsDriverAnswer              to_answer;
  TsDriverStoryDirection      direction;
  const TsDriverStoryMoment  *moments;
  guint                       n_moments;
} TsDriverStory;

typedef struct _TsDrivers TsDrivers;

#define TS_TYPE_DRIVERS (ts_drivers_get_type ())

GType                      ts_drivers_get_type          (void) G_GNUC_CONST;

TsDrivers                 *ts_drivers_compute           (TsDataset      *ds,
                                                         TsPlaybook     *pb,
                                                         TsDriverPeriod  period,
                                                         TsTime          from,
                                                         TsTime          to,
                                                         GCancellable   *cancellable,
                                                         GError        **error);
TsDrivers                 *ts_drivers_ref               (TsDrivers      *self);
void                       ts_drivers_unref             (TsDrivers      *self);

TsDataset                 *ts_drivers_get_dataset       (TsDrivers      *self);
TsPlaybook                *ts_drivers_get_playbook      (TsDrivers      *self);
TsDriverPeriod             ts_drivers_get_period        (TsDrivers      *self);
TsTime                     ts_drivers_get_from          (TsDrivers      *self);
TsTime                     ts_drivers_get_to            (TsDrivers      *self);
guint                      ts_drivers_get_n_periods     (TsDrivers      *self);
TsTime                     ts_drivers_get_period_start  (TsDrivers      *self,
                                                         guint           period);
TsTime                     ts_drivers_get_period_end    (TsDrivers      *self,
                                                         guint           period);
char                      *ts_drivers_dup_period_label  (TsDrivers      *self,
                                                         guint           period);
guint                      ts_drivers_get_n_drivers     (TsDrivers      *self);
const TsDriver            *ts_drivers_get_driver        (TsDrivers      *self,
                                                         guint           driver);
const TsDriverCell        *ts_drivers_get_cell          (TsDrivers      *self,
                                                         guint           period,
                                                         guint           driver);
double                     ts_drivers_get_index         (TsDrivers      *self,
                                                         guint           period);
const TsDriverQuestions   *ts_drivers_get_questions     (TsDrivers      *self,
                                                         guint           period);
const TsDriverAlert       *ts_drivers_get_alerts        (TsDrivers      *self,
                                                         guint          *n);
const TsDriverImpact      *ts_drivers_get_impact        (TsDrivers      *self,
                                                         guint          *n);
const TsDriverStory       *ts_drivers_get_stories       (TsDrivers      *self,
                                                         guint          *n);
const guint               *ts_drivers_get_members       (TsDrivers      *self,
                                                         guint           period,
                                                         guint           driver,
                                                         guint          *n);

const char                *ts_driver_period_to_string   (TsDriverPeriod  period);
const char                *ts_driver_story_direction_to_string (TsDriverStoryDirection direction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsDrivers, ts_drivers_unref)

G_END_DECLS

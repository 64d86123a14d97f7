/* ts-playbook.h — the model a user edits: signals, score, guardrails, routes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "ts-expr.h"
#include "ts-schema.h"
#include "ts-workspace.h"

G_BEGIN_DECLS

#define TS_PLAYBOOK_ERROR (ts_playbook_error_quark ())

typedef enum
{
  TS_PLAYBOOK_ERROR_INVALID,   /* the message starts with the JSON path */
} TsPlaybookError;

typedef enum
{
  TS_MEASURE_COUNT,     /* how many records */
  TS_MEASURE_EXISTS,    /* 1 when there is at least one, else 0 */
  TS_MEASURE_SUM,       /* the sum of a numeric field */
  TS_MEASURE_RECENCY,   /* days since the latest record */
  TS_MEASURE_RATE,      /* records per day over the window */
} TsMeasure;

typedef enum
{
  TS_NORMALISE_CAP,     /* min (raw / cap, 1) */
  TS_NORMALISE_LOG,     /* log1p (raw) / log1p (cap), at most 1 */
  TS_NORMALISE_MINMAX,  /* (raw - min) / (max - min), clamped to 0..1 */
} TsNormalise;

typedef struct
{
  char        *id;          /* a name conditions can use */
  char        *label;
  TsTable      table;       /* events, cases, touches or responses */
  TsExpr      *filter;      /* NULL: every record; names are the table's fields */
  TsMeasure    measure;
  int          field;       /* SUM: the numeric field summed, else -1 */
  gint64       window;      /* seconds; 0: all history before the as-of time */
  gint64       half_life;   /* seconds; 0: no decay */
  TsNormalise  normalise;
  double       min, max;    /* CAP and LOG: max is the cap; MINMAX: the range */
  double       weight;      /* from score.weights; 0 when not weighted */
  char        *explain;     /* "{raw} failed logins in the last 7 days" */
  char        *explain_none; /* when there is nothing: "no open case" */
} TsSignal;

typedef struct
{
  char   *id;
  double  min;              /* the band holds scores >= min, up to the next band */
} TsBand;

typedef enum
{
  TS_GUARDRAIL_FREQUENCY_CAP,
  TS_GUARDRAIL_CONSENT,
  TS_GUARDRAIL_SUPPRESSION,
  TS_GUARDRAIL_QUIET_HOURS,
  TS_GUARDRAIL_NO_PITCH,
} TsGuardrailKind;

typedef enum
{
  TS_NO_PITCH_OPEN_CASE,
  TS_NO_PITCH_AFTER_RENEWAL,
  TS_NO_PITCH_ONBOARDING,
  TS_NO_PITCH_AFTER_COMPLAINT,
  TS_NO_PITCH_AFTER_DETRACTOR,
} TsNoPitch;

typedef struct
{
  char            *id;
  TsGuardrailKind  kind;
  char            *channel;   /* FREQUENCY_CAP: NULL for all channels together */
  guint            max;       /* FREQUENCY_CAP */
  gint64           window;    /* FREQUENCY_CAP: seconds */
  char            *list;      /* SUPPRESSION: the list's id */
  guint            start_minute, end_minute;  /* QUIET_HOURS: minutes after midnight */
  TsNoPitch        no_pitch;  /* NO_PITCH */
  guint            days;      /* NO_PITCH: how long it lasts (not for OPEN_CASE) */
} TsGuardrail;

typedef enum
{
  TS_ROUTE_HUMAN,
  TS_ROUTE_SELF_SERVE,
  TS_ROUTE_SPECIALIST,
  TS_ROUTE_CSM,
  TS_ROUTE_NO_TOUCH,
} TsRouteTo;

typedef struct
{
  char      *id;
  TsExpr    *when;         /* NULL: always (a last, catch-all route) */
  TsExpr    *readiness;    /* expansion routes: taken only when this holds too */
  TsRouteTo  to;
  char      *channel;      /* NULL only for NO_TOUCH */
  double     sla_hours;    /* 0: none */
  char      *promise;      /* the experience promise; NULL only for NO_TOUCH */
} TsRoute;

/* What outcome reviews measure, after the as-of moment (the playbook's
 * optional "outcomes" section; every member has a default). */
typedef struct
{
  guint    window_days;           /* the outcome window after T: 90 */
  double   holdout;               /* share held out, 0..0.5: 0 */
  char    *holdout_salt;          /* "touchstone" */
  guint    false_positive_days;   /* touched, then harmed within: 14 */
  char   **unsubscribe_events;    /* email_unsubscribed, unsubscribed */
  char   **complaint_categories;  /* case categories: Complaint */
  char   **churn_events;          /* churned, subscription_cancelled, opportunity_closed_lost */
  char   **onboarding_events;     /* onboarding_completed */
  TsExpr  *onboarding_filter;     /* NULL: none; an event that passes it
                                   * completes onboarding too (a course) */
  guint    onboarding_days;       /* in onboarding: started this many days before T: 30 */
  char   **self_service_events;   /* help_article_viewed */
  guint    self_service_days;     /* resolved when no case follows within: 7 */
  char   **high_need_bands;       /* urgent (the top band) */
  double   high_need_score;       /* NAN: by band only */
} TsOutcomeRules;

typedef enum
{
  TS_DRIVER_LOWERS,        /* a moment that lowers satisfaction: an outage */
  TS_DRIVER_RAISES,        /* one that raises it: a fast answer */
} TsDriverDirection;

/* A moment that matters to satisfaction, counted in the CX driver index
 * (the playbook's optional "drivers" section; docs/drivers.md). */
typedef struct
{
  char              *id;
  char              *label;
  TsTable            table;          /* events, cases, touches or responses */
  TsExpr            *filter;         /* NULL: every record; names as in signals */
  TsDriverDirection  direction;
  double             weight;         /* ≥ 0, in the index: 1 */
  double             alert_per_1000; /* NAN: no alert; lowers: at or above it,
                                      * raises: below it */
} TsDriver;

/* A customer experience asset: a touchpoint the company controls, with
 * what it cost and what customers make of it, bound to the data by a filter
 * (the playbook's optional "touchpoints" section; docs/touchpoints.md). */
typedef struct
{
  char    *id;
  char    *label;
  char    *owner;              /* NULL: nobody named */
  TsTable  table;              /* events, cases, touches or responses */
  TsExpr  *filter;             /* NULL: every record; names as in signals */
  double   investment;         /* the initial investment, ≥ 0: 0 */
  double   upkeep_per_month;   /* upgrades and maintenance, ≥ 0: 0 */
  double   lifetime_months;    /* the investment is written off over it, > 0: 36 */
  double   perceived_value;    /* 1..5 as customers rate it; NAN: not rated */
  char    *attention;          /* a name whose number is the seconds of attention
                                * an interaction held (properties.seconds); NULL */
  guint    satisfaction_days;  /* answers this many days after an interaction: 30 */
} TsTouchpoint;

typedef enum
{
  TS_JOURNEY_STEP_TOUCH,     /* a message by a channel, with its asks and promise */
  TS_JOURNEY_STEP_WAIT,      /* N days */
  TS_JOURNEY_STEP_BRANCH,    /* on a condition, to one step or another */
} TsJourneyStepKind;

/* Where a step leads when there is no step: the journey ends there. */
#define TS_JOURNEY_END (-1)

/* A step of a journey.  Steps lead to one another by index; only a
 * branch may lead back to an earlier step (or itself), and at most
 * max_passes times per customer, so that every walk ends. */
typedef struct
{
  char              *id;
  char              *label;
  TsJourneyStepKind  kind;
  int                next;         /* TOUCH, WAIT: the step after; TS_JOURNEY_END */
  /* TOUCH */
  char              *channel;
  char              *message;
  char             **asks;         /* the fields it asks the customer for; never NULL */
  char              *promise;      /* the experience promise; NULL: none (lint says so) */
  char             **refers_to;    /* ids of the earlier touches it refers to; never NULL */
  gboolean           pitch;        /* it sells: no-pitch guardrails apply */
  /* WAIT */
  guint              days;
  /* BRANCH */
  TsExpr            *when;
  int                then_step;    /* when `when` holds; TS_JOURNEY_END */
  int                else_step;    /* when it does not; TS_JOURNEY_END */
  guint              max_passes;   /* a way back to an earlier step is taken at most
                                    * this many times per customer, then the other */
} TsJourneyStep;

/* A goal or an exit: a customer condition at the moment (`when`), or a
 * record of `table` passing `filter` since the customer entered. */
typedef struct
{
  char    *id;                /* exits only */
  TsExpr  *when;              /* NULL when it is about records */
  TsTable  table;             /* TS_TABLE_NONE when it is a condition */
  TsExpr  *filter;            /* NULL: any record of the table */
} TsJourneyCondition;

/* A stage-based journey (the playbook's optional "journeys" section;
 * docs/journeys.md). */
typedef struct
{
  char               *id;
  char               *label;
  TsExpr             *entry;      /* who enters, evaluated every day; NULL: everyone */
  TsJourneyStep      *steps;      /* the first is where customers enter */
  guint               n_steps;
  TsJourneyCondition *goal;       /* NULL: none */
  TsJourneyCondition *exits;
  guint               n_exits;
  guint               max_asks;   /* progressive profiling: new asks per touch, 2 */
  guint               send_minute; /* touches go at this local time: 10:00 */
} TsJourney;

typedef struct _TsPlaybook TsPlaybook;

#define TS_TYPE_PLAYBOOK (ts_playbook_get_type ())

GQuark             ts_playbook_error_quark     (void);
GType              ts_playbook_get_type        (void) G_GNUC_CONST;

TsPlaybook        *ts_playbook_new_from_json   (JsonObject   *object,
                                                GError      **error);
TsPlaybook        *ts_playbook_new_from_file   (const char   *path,
                                                GError      **error);
TsPlaybook        *ts_playbook_new_default     (GError      **error);
JsonObject        *ts_playbook_dup_workspace_json (TsWorkspace *workspace,
                                                   GError     **error);
TsPlaybook        *ts_playbook_new_for_workspace (TsWorkspace *workspace,
                                                GError      **error);
TsPlaybook        *ts_playbook_ref             (TsPlaybook   *self);
void               ts_playbook_unref           (TsPlaybook   *self);

guint              ts_playbook_get_n_signals   (TsPlaybook   *self);
const TsSignal    *ts_playbook_get_signal      (TsPlaybook   *self,
                                                guint         i);
int                ts_playbook_find_signal     (TsPlaybook   *self,
                                                const char   *id);
guint              ts_playbook_get_n_bands     (TsPlaybook   *self);
const TsBand      *ts_playbook_get_band        (TsPlaybook   *self,
                                                guint         i);
const TsBand      *ts_playbook_band_for_score  (TsPlaybook   *self,
                                                double        score);
guint              ts_playbook_get_n_guardrails (TsPlaybook  *self);
const TsGuardrail *ts_playbook_get_guardrail   (TsPlaybook   *self,
                                                guint         i);
guint              ts_playbook_get_n_routes    (TsPlaybook   *self);
const TsRoute     *ts_playbook_get_route       (TsPlaybook   *self,
                                                guint         i);
const TsOutcomeRules *ts_playbook_get_outcomes (TsPlaybook  *self);
guint              ts_playbook_get_n_drivers   (TsPlaybook   *self);
const TsDriver    *ts_playbook_get_driver      (TsPlaybook   *self,
                                                guint         i);
int                ts_playbook_find_driver     (TsPlaybook   *self,
                                                const char   *id);
guint              ts_playbook_get_n_touchpoints (TsPlaybook *self);
const TsTouchpoint *ts_playbook_get_touchpoint (TsPlaybook   *self,
                                                guint         i);
int                ts_playbook_find_touchpoint (TsPlaybook   *self,
                                                const char   *id);
guint              ts_playbook_get_n_journeys  (TsPlaybook   *self);
const TsJourney   *ts_playbook_get_journey     (TsPlaybook   *self,
                                                guint         i);
int                ts_playbook_find_journey    (TsPlaybook   *self,
                                                const char   *id);
int                ts_journey_find_step        (const TsJourney *journey,
                                                const char   *id);
gboolean           ts_outcome_rules_has     (char *const  *names,
                                             const char   *name);
guint32            ts_playbook_get_fields_read (TsPlaybook   *self,
                                                TsTable       table);

char              *ts_signal_describe          (const TsSignal *signal);
char              *ts_guardrail_describe       (const TsGuardrail *guardrail);
char              *ts_route_describe           (const TsRoute *route);
char              *ts_duration_format          (gint64        seconds);
const char        *ts_measure_to_string        (TsMeasure     measure);
const char        *ts_route_to_to_string       (TsRouteTo     to);
const char        *ts_guardrail_kind_to_string (TsGuardrailKind kind);
const char        *ts_driver_direction_to_string (TsDriverDirection direction);
const char        *ts_journey_step_kind_to_string (TsJourneyStepKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsPlaybook, ts_playbook_unref)

G_END_DECLS

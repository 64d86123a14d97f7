/* ts-journeys.h — the playbook's journeys simulated over the data, day by
 * day under the guardrails, and linted for continuity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-dataset.h"
#include "ts-playbook.h"

G_BEGIN_DECLS

/* As a step: where customers come in (a link's `from`), or the journey as a
 * whole (ts_journeys_get_node(), ts_journeys_get_customers()). */
#define TS_JOURNEY_ENTRY (-1)

/* How a customer's walk through a journey ended. */
typedef enum
{
  TS_JOURNEY_GOAL,        /* reached the goal */
  TS_JOURNEY_EXIT,        /* met one of the exits */
  TS_JOURNEY_FINISHED,    /* walked past the last step */
  TS_JOURNEY_STILL_IN,    /* was in the journey when the simulation ended */
  TS_JOURNEY_N_OUTCOMES
} TsJourneyOutcome;

/* One step's counts (or, for TS_JOURNEY_ENTRY, the journey's: passes and
 * customers are the customers who entered, the rest summed over steps). */
typedef struct
{
  guint  passes;           /* arrivals at the step: a loop arrives twice */
  guint  customers;        /* distinct customers who arrived */
  guint  touched;          /* touch steps: passes whose touch was made */
  guint  suppressed;       /* touch steps: passes a guardrail held back */
  guint *suppressed_by;    /* per guardrail of the playbook: the passes it held
                            * back (a pass may be held back by several) */
  guint  outcomes[TS_JOURNEY_N_OUTCOMES];  /* customers whose walk ended at this
                                            * step (still in: who were here) */
  guint *exits;            /* per exit of the journey: customers who left by it here */
} TsJourneyNode;

/* A flow between two nodes, for a Sankey diagram: from a step or the entry
 * to a step or, when `to` is TS_JOURNEY_END, to an outcome. */
typedef struct
{
  int              from;       /* a step, or TS_JOURNEY_ENTRY */
  int              to;         /* a step, or TS_JOURNEY_END */
  TsJourneyOutcome outcome;    /* when `to` is TS_JOURNEY_END */
  int              exit;       /* TS_JOURNEY_EXIT: which exit; else -1 */
  guint            passes;     /* customers who went this way (a loop: each time) */
} TsJourneyLink;

/* Which of a node's customers: ts_journeys_get_customers() */
typedef enum
{
  TS_JOURNEY_WHO_PASSED,       /* arrived at the step (entered the journey) */
  TS_JOURNEY_WHO_TOUCHED,
  TS_JOURNEY_WHO_SUPPRESSED,
  TS_JOURNEY_WHO_GOAL,
  TS_JOURNEY_WHO_EXITED,
  TS_JOURNEY_WHO_FINISHED,
  TS_JOURNEY_WHO_STILL_IN,
  TS_JOURNEY_N_WHO
} TsJourneyWho;

typedef enum
{
  TS_JOURNEY_EVENT_ENTERED,     /* step: the first */
  TS_JOURNEY_EVENT_TOUCHED,
  TS_JOURNEY_EVENT_SUPPRESSED,  /* detail: the guardrails that held it back, and why */
  TS_JOURNEY_EVENT_WAITING,     /* arg: the days */
  TS_JOURNEY_EVENT_BRANCHED,    /* arg: the step taken, or TS_JOURNEY_END */
  TS_JOURNEY_EVENT_GOAL,
  TS_JOURNEY_EVENT_EXITED,      /* arg: the exit */
  TS_JOURNEY_EVENT_FINISHED,
  TS_JOURNEY_EVENT_STILL_IN,
} TsJourneyEventKind;

/* One moment of one customer's path. */
typedef struct
{
  TsTime              at;
  guint               journey;
  int                 step;
  TsJourneyEventKind  kind;
  int                 arg;
  char               *detail;    /* in words; NULL when there is nothing to add */
} TsJourneyEvent;

typedef enum
{
  TS_JOURNEY_LINT_DUPLICATE_ASK,   /* a field asked again after a step that asked it */
  TS_JOURNEY_LINT_KNOWN_ASK,       /* a field the data already holds */
  TS_JOURNEY_LINT_TOO_MANY_ASKS,   /* more new asks in one touch than max_asks */
  TS_JOURNEY_LINT_NO_PROMISE,      /* a touch without an experience promise */
  TS_JOURNEY_LINT_NO_REFERENCE,    /* a touch after a touch, not referring to it */
  TS_JOURNEY_LINT_UNREACHABLE,     /* a step no walk reaches */
  TS_JOURNEY_LINT_NO_EXIT,         /* nothing takes a customer out early */
  TS_JOURNEY_LINT_OVERLAP,         /* two journeys touch the same customers within a week */
  TS_JOURNEY_N_LINT_RULES
} TsJourneyLintRule;

typedef struct
{
  TsJourneyLintRule  rule;
  guint              journey;
  int                step;           /* TS_JOURNEY_ENTRY: the journey as a whole */
  int                other;          /* DUPLICATE_ASK, NO_REFERENCE: the other step;
                                      * OVERLAP: the other journey; else -1 */
  char              *field;          /* the asks' rules: the field */
  guint              customers;      /* KNOWN_ASK: those the data knows it of;
                                      * OVERLAP: those touched by both */
  char              *message;        /* in words */
} TsJourneyFinding;

typedef struct _TsJourneys TsJourneys;

#define TS_TYPE_JOURNEYS (ts_journeys_get_type ())

GType                 ts_journeys_get_type        (void) G_GNUC_CONST;

TsJourneys           *ts_journeys_simulate        (TsDataset      *ds,
                                                   TsPlaybook     *pb,
                                                   TsTime          from,
                                                   guint           days,
                                                   GCancellable   *cancellable,
                                                   GError        **error);
TsJourneys           *ts_journeys_ref             (TsJourneys     *self);
void                  ts_journeys_unref           (TsJourneys     *self);

TsDataset            *ts_journeys_get_dataset     (TsJourneys     *self);
TsPlaybook           *ts_journeys_get_playbook    (TsJourneys     *self);
TsTime                ts_journeys_get_from        (TsJourneys     *self);
guint                 ts_journeys_get_days        (TsJourneys     *self);
guint                 ts_journeys_get_n_journeys  (TsJourneys     *self);
const TsJourney      *ts_journeys_get_journey     (TsJourneys     *self,
                                                   guint           journey);
const TsJourneyNode  *ts_journeys_get_node        (TsJourneys     *self,
                                                   guint           journey,
                                                   int             step);
const TsJourneyLink  *ts_journeys_get_links       (TsJourneys     *self,
                                                   guint           journey,
                                                   guint          *n);
const guint          *ts_journeys_get_customers   (TsJourneys     *self,
                                                   guint           journey,
                                                   int             step,
                                                   TsJourneyWho    who,
                                                   guint          *n);
GPtrArray            *ts_journeys_dup_path        (TsJourneys     *self,
                                                   guint           customer);
guint                 ts_journeys_get_n_findings  (TsJourneys     *self);
const TsJourneyFinding *ts_journeys_get_finding   (TsJourneys     *self,
                                                   guint           i);

GPtrArray            *ts_journeys_lint            (TsPlaybook     *pb,
                                                   TsDataset      *ds);

void                  ts_journey_event_free       (TsJourneyEvent   *event);
void                  ts_journey_finding_free     (TsJourneyFinding *finding);
const char           *ts_journey_outcome_to_string    (TsJourneyOutcome   outcome);
const char           *ts_journey_event_kind_to_string (TsJourneyEventKind kind);
const char           *ts_journey_lint_rule_to_string  (TsJourneyLintRule  rule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsJourneys, ts_journeys_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsJourneyEvent, ts_journey_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsJourneyFinding, ts_journey_finding_free)

G_END_DECLS

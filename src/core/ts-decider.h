/* ts-decider.h — a decision per customer moment: the score card, every
 * guardrail's verdict with its reason, and the route with its promise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-scorer.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean  blocks;    /* FALSE: pass */
  char     *reason;    /* in words, for the person it is about */
} TsVerdict;

typedef struct
{
  int         route;        /* index in the playbook's routes */
  gboolean    pitch;        /* the route sells (it has a readiness condition) */
  gboolean    held_back;    /* a guardrail blocks the touch */
  TsVerdict  *verdicts;     /* one per guardrail of the playbook */
} TsDecision;

/* What the decisions of many moments add up to. */
typedef struct
{
  guint   *routed;      /* per route: the moments it takes */
  guint   *held;        /* per route: of those, held back */
  guint   *blocked;     /* per guardrail: the moments it blocks */
  guint    n_held;
  guint    touched;     /* touches no guardrail holds back */
  double   sla_hours;   /* the SLA hours those touches promise */
} TsDecisionCounts;

TsDecision *ts_decide          (TsScores    *scores,
                                guint        customer,
                                GError     **error);
void        ts_decision_free   (TsDecision  *decision);

TsDecisionCounts *ts_decision_counts_new  (TsPlaybook        *playbook);
void              ts_decision_counts_add  (TsDecisionCounts  *counts,
                                           TsPlaybook        *playbook,
                                           const TsDecision  *decision);
void              ts_decision_counts_free (TsDecisionCounts  *counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsDecision, ts_decision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsDecisionCounts, ts_decision_counts_free)

G_END_DECLS

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

TsDecision *ts_decide          (TsScores    *scores,
                                guint        customer,
                                GError     **error);
void        ts_decision_free   (TsDecision  *decision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsDecision, ts_decision_free)

G_END_DECLS

/* ts-decider-private.h — a customer moment and the guardrails' verdicts on a
 * touch at it, shared by the decider and the journey simulation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ts-decider.h"

G_BEGIN_DECLS

/* One customer at one moment, as conditions and guardrails see them. */
typedef struct
{
  TsPlaybook *playbook;
  TsDataset  *dataset;
  TsScores   *scores;     /* NULL: no condition names a signal, score or band */
  guint       customer;
  TsTime      as_of;      /* the moment: nothing at or after it is seen */
} TsMoment;

/* A touch the data does not hold: one a simulation made (always counted by
 * frequency caps: it is not transactional). */
typedef struct
{
  TsTime      at;
  const char *channel;
} TsExtraTouch;

gboolean _ts_moment_resolve    (const char         *name,
                                TsExprValue        *out,
                                gpointer            moment);
gboolean _ts_guardrails_check  (const TsMoment     *moment,
                                const char         *channel,
                                gboolean            pitch,
                                const TsExtraTouch *extra,
                                guint               n_extra,
                                TsVerdict          *verdicts);

G_END_DECLS

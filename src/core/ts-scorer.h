/* ts-scorer.h — every customer's signals, score and band, as of a moment
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

/* One signal of one customer: the explanation is the score, because the
 * contributions of all signals add up to it. */
typedef struct
{
  double raw;           /* the measure; NAN when there is nothing to measure (recency) */
  guint  count;         /* the records measured (before any decay) */
  double value;         /* normalised, 0..1 */
  double contribution;  /* points of the 0–100 score */
} TsSignalValue;

typedef struct _TsScores TsScores;

#define TS_TYPE_SCORES (ts_scores_get_type ())

GType                ts_scores_get_type           (void) G_GNUC_CONST;

TsScores            *ts_scorer_run                (TsDataset     *dataset,
                                                   TsPlaybook    *playbook,
                                                   TsTime         as_of,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
TsTime               ts_scorer_default_as_of      (TsDataset     *dataset);

TsScores            *ts_scores_ref                (TsScores      *self);
void                 ts_scores_unref              (TsScores      *self);
TsTime               ts_scores_get_as_of          (TsScores      *self);
TsPlaybook          *ts_scores_get_playbook       (TsScores      *self);
TsDataset           *ts_scores_get_dataset        (TsScores      *self);
guint                ts_scores_get_n_customers    (TsScores      *self);
double               ts_scores_get_score          (TsScores      *self,
                                                   guint          customer);
const TsBand        *ts_scores_get_band           (TsScores      *self,
                                                   guint          customer);
const TsSignalValue *ts_scores_get_signal         (TsScores      *self,
                                                   guint          customer,
                                                   guint          signal);
const guint         *ts_scores_get_order          (TsScores      *self);
guint               *ts_scores_dup_order          (TsScores      *self);
guint               *ts_scores_dup_band_counts    (TsScores      *self);
guint                ts_scores_get_top_signal     (TsScores      *self,
                                                   guint          customer);
void                 ts_scores_set_signal_raw     (TsScores      *self,
                                                   guint          customer,
                                                   guint          signal,
                                                   double         raw);
char                *ts_scores_explain_signal     (TsScores      *self,
                                                   guint          customer,
                                                   guint          signal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsScores, ts_scores_unref)

G_END_DECLS

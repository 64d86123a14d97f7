/* ts-rank-model.h — every customer, by score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <touchstone.h>

G_BEGIN_DECLS

#define TS_TYPE_RANK_ITEM (ts_rank_item_get_type ())

G_DECLARE_FINAL_TYPE (TsRankItem, ts_rank_item, TS, RANK_ITEM, GObject)

guint        ts_rank_item_get_customer  (TsRankItem  *self);

#define TS_TYPE_RANK_MODEL (ts_rank_model_get_type ())

G_DECLARE_FINAL_TYPE (TsRankModel, ts_rank_model, TS, RANK_MODEL, GObject)

TsRankModel *ts_rank_model_new          (void);
void         ts_rank_model_set_scores   (TsRankModel *self,
                                         TsScores    *scores);
TsScores    *ts_rank_model_get_scores   (TsRankModel *self);
guint        ts_rank_model_get_customer (TsRankModel *self,
                                         guint        position);
guint        ts_rank_model_find         (TsRankModel *self,
                                         guint        customer);

G_END_DECLS

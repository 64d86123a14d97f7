/* ts-table-model.h — a list model over the rows of one table of a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <touchstone.h>

G_BEGIN_DECLS

#define TS_TYPE_TABLE_MODEL (ts_table_model_get_type ())

G_DECLARE_FINAL_TYPE (TsTableModel, ts_table_model, TS, TABLE_MODEL, GObject)

TsTableModel *ts_table_model_new             (TsDataset    *dataset,
                                              TsTable       table);
TsDataset    *ts_table_model_get_dataset     (TsTableModel *self);
void          ts_table_model_set_dataset     (TsTableModel *self,
                                              TsDataset    *dataset);
TsTable       ts_table_model_get_table       (TsTableModel *self);
void          ts_table_model_set_table       (TsTableModel *self,
                                              TsTable       table);
const char   *ts_table_model_get_filter      (TsTableModel *self);
void          ts_table_model_set_filter      (TsTableModel *self,
                                              const char   *filter);
guint         ts_table_model_get_n_customers (TsTableModel *self);
guint         ts_table_model_get_row         (TsTableModel *self,
                                              guint         position);
char         *ts_table_model_dup_cell_text   (TsTableModel *self,
                                              guint         row,
                                              guint         field);

guint32       *ts_table_model_compute_order (TsTableModel *self,
                                            guint         field,
                                            gboolean      descending,
                                            GCancellable *cancellable);
void           ts_table_model_set_order     (TsTableModel *self,
                                            guint32      *order);

G_END_DECLS

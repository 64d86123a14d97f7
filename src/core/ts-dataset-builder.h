/* ts-dataset-builder.h — what source plugins append to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-dataset.h"

G_BEGIN_DECLS

#define TS_TYPE_DATASET_BUILDER (ts_dataset_builder_get_type ())

G_DECLARE_FINAL_TYPE (TsDatasetBuilder, ts_dataset_builder, TS, DATASET_BUILDER, GObject)

TsDatasetBuilder *ts_dataset_builder_new          (void);
TsDatasetBuilder *ts_dataset_builder_new_sharing_strings (TsDatasetBuilder *other);
TsStrPool        *ts_dataset_builder_get_strings  (TsDatasetBuilder *self);
guint32           ts_dataset_builder_intern       (TsDatasetBuilder *self,
                                                   const char       *str,
                                                   gsize             len);
guint32           ts_dataset_builder_intern_anonymous (TsDatasetBuilder *self,
                                                       const char       *str,
                                                       gsize             len);
void              ts_dataset_builder_add_alias    (TsDatasetBuilder *self,
                                                   guint32           from,
                                                   guint32           to);
void              ts_dataset_builder_clear_row    (TsTable           table,
                                                   TsValue          *row);
void              ts_dataset_builder_reserve      (TsDatasetBuilder *self,
                                                   TsTable           table,
                                                   guint             n_rows);
void              ts_dataset_builder_append       (TsDatasetBuilder *self,
                                                   TsTable           table,
                                                   const TsValue    *row);
guint             ts_dataset_builder_get_n_rows   (TsDatasetBuilder *self,
                                                   TsTable           table);
TsSourceInfo     *ts_dataset_builder_add_source   (TsDatasetBuilder *self,
                                                   const char       *path,
                                                   const char       *plugin_id);
void              ts_dataset_builder_add_problem  (TsDatasetBuilder *self,
                                                   const char       *path,
                                                   guint64           line,
                                                   guint             column,
                                                   const char       *format,
                                                   ...) G_GNUC_PRINTF (5, 6);
guint64           ts_dataset_builder_get_n_problems (TsDatasetBuilder *self);
void              ts_dataset_builder_shift_problem_lines (TsDatasetBuilder *self,
                                                          guint64           delta);
gboolean          ts_dataset_builder_check_strings (TsDatasetBuilder *self,
                                                    TsTable          *table,
                                                    guint            *field,
                                                    guint64          *row);
void              ts_dataset_builder_merge        (TsDatasetBuilder *self,
                                                   TsDatasetBuilder *other);
TsDataset        *ts_dataset_new_for_customer     (TsDataset        *dataset,
                                                   guint             customer);
TsDataset        *ts_dataset_builder_finish       (TsDatasetBuilder *self,
                                                   GCancellable     *cancellable,
                                                   GError          **error);

G_END_DECLS

/* ts-mapping-dialog-private.h — the mapping dialog's widgets, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ts-mapping-dialog.h"

G_BEGIN_DECLS

AdwComboRow *_ts_mapping_dialog_get_plugin_row      (TsMappingDialog *self);
AdwComboRow *_ts_mapping_dialog_get_table_row       (TsMappingDialog *self);
GtkWidget   *_ts_mapping_dialog_get_apply_button    (TsMappingDialog *self);
guint        _ts_mapping_dialog_get_n_columns       (TsMappingDialog *self);
const char  *_ts_mapping_dialog_get_column_name     (TsMappingDialog *self,
                                                     guint            column);
GtkDropDown *_ts_mapping_dialog_get_field_dropdown  (TsMappingDialog *self,
                                                     guint            column);
GtkDropDown *_ts_mapping_dialog_get_format_dropdown (TsMappingDialog *self,
                                                     guint            column);
guint        _ts_mapping_dialog_get_n_preview_records (TsMappingDialog *self);
JsonObject  *_ts_mapping_dialog_build_mapping       (TsMappingDialog *self);

G_END_DECLS

/* ts-data-page-private.h — the Data page's widgets, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ts-data-page.h"
#include "ts-table-model.h"

G_BEGIN_DECLS

GtkColumnView *_ts_data_page_get_column_view    (TsDataPage *self);
GtkDropDown   *_ts_data_page_get_table_dropdown (TsDataPage *self);
GtkEditable   *_ts_data_page_get_search_entry   (TsDataPage *self);
GtkLabel      *_ts_data_page_get_count_label    (TsDataPage *self,
                                                 TsTable     table);
GtkLabel      *_ts_data_page_get_matched_label  (TsDataPage *self);
TsTableModel  *_ts_data_page_get_table_model    (TsDataPage *self);
guint          _ts_data_page_get_n_source_rows  (TsDataPage *self);
guint          _ts_data_page_get_n_finding_rows (TsDataPage *self);
AdwPreferencesGroup *_ts_data_page_get_recent_group (TsDataPage *self);
GtkDropDown   *_ts_data_page_get_sort_dropdown  (TsDataPage *self);
GtkToggleButton *_ts_data_page_get_descending_button (TsDataPage *self);
GtkLabel      *_ts_data_page_get_rows_label     (TsDataPage *self);

G_END_DECLS

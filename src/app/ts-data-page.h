/* ts-data-page.h — the Data page: what was imported, and its rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

G_BEGIN_DECLS

#define TS_TYPE_DATA_PAGE (ts_data_page_get_type ())

G_DECLARE_FINAL_TYPE (TsDataPage, ts_data_page, TS, DATA_PAGE, GtkWidget)

GtkWidget    *ts_data_page_new            (void);
TsDataset    *ts_data_page_get_dataset    (TsDataPage *self);
void          ts_data_page_set_dataset    (TsDataPage *self,
                                           TsDataset  *dataset);
gboolean      ts_data_page_get_loaded     (TsDataPage *self);
gboolean      ts_data_page_get_busy       (TsDataPage *self);
AdwViewStack *ts_data_page_get_view_stack (TsDataPage *self);
void          ts_data_page_show_table     (TsDataPage *self,
                                           TsTable     table);

void           ts_data_page_set_recent     (TsDataPage         *self,
                                            const char * const *paths);

G_END_DECLS

/* ts-table-row.h — one row of a canonical table, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TS_TYPE_TABLE_ROW (ts_table_row_get_type ())

G_DECLARE_FINAL_TYPE (TsTableRow, ts_table_row, TS, TABLE_ROW, GObject)

TsTableRow *ts_table_row_new     (guint       row);
guint       ts_table_row_get_row (TsTableRow *self);

G_END_DECLS

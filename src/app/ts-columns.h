/* ts-columns.h — children side by side when they fit, else stacked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TS_TYPE_COLUMNS (ts_columns_get_type ())

G_DECLARE_FINAL_TYPE (TsColumns, ts_columns, TS, COLUMNS, GtkWidget)

GtkWidget *ts_columns_new         (void);
void       ts_columns_append      (TsColumns *self,
                                   GtkWidget *child);
int        ts_columns_get_spacing (TsColumns *self);
void       ts_columns_set_spacing (TsColumns *self,
                                   int        spacing);

G_END_DECLS

/* ts-mapping-dialog.h — how one source is read: its plugin, table and columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

#include "ts-window.h"

G_BEGIN_DECLS

#define TS_TYPE_MAPPING_DIALOG (ts_mapping_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsMappingDialog, ts_mapping_dialog, TS, MAPPING_DIALOG, AdwWindow)

TsMappingDialog *ts_mapping_dialog_new          (TsWindow        *window,
                                                 guint            source);
guint            ts_mapping_dialog_get_source   (TsMappingDialog *self);

G_END_DECLS

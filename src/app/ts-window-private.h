/* ts-window-private.h — the window's running import and layout, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ts-window.h"

G_BEGIN_DECLS

TsImportJob        *_ts_window_get_import_job   (TsWindow *self);
AdwLeaflet         *_ts_window_get_leaflet      (TsWindow *self);
AdwViewSwitcherBar *_ts_window_get_switcher_bar (TsWindow *self);

G_END_DECLS

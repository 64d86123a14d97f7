/* ts-window.h — the main window: the sources, their import, the pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

#include "ts-data-page.h"
#include "ts-scoring-page.h"
#include "ts-routing-page.h"
#include "ts-drivers-page.h"
#include "ts-touchpoints-page.h"
#include "ts-maturity-page.h"
#include "ts-journeys-page.h"
#include "ts-outcomes-page.h"
#include "ts-scenario-page.h"

G_BEGIN_DECLS

#define TS_TYPE_WINDOW (ts_window_get_type ())

G_DECLARE_FINAL_TYPE (TsWindow, ts_window, TS, WINDOW, AdwApplicationWindow)

TsWindow           *ts_window_new                (AdwApplication      *application);
void                ts_window_add_files          (TsWindow            *self,
                                                  GFile              **files,
                                                  guint                n_files);
void                ts_window_add_paths          (TsWindow            *self,
                                                  const char * const  *paths);
const char * const *ts_window_get_paths          (TsWindow            *self);
TsDataset          *ts_window_get_dataset        (TsWindow            *self);
gboolean            ts_window_get_busy           (TsWindow            *self);
TsDataPage         *ts_window_get_data_page      (TsWindow            *self);
TsScoringPage      *ts_window_get_scoring_page   (TsWindow            *self);
TsRoutingPage      *ts_window_get_routing_page   (TsWindow            *self);
GtkWidget          *ts_window_get_visible_page   (TsWindow            *self);
TsOutcomesPage     *ts_window_get_outcomes_page  (TsWindow            *self);
TsDriversPage      *ts_window_get_drivers_page   (TsWindow            *self);
TsTouchpointsPage  *ts_window_get_touchpoints_page (TsWindow          *self);
TsMaturityPage     *ts_window_get_maturity_page (TsWindow          *self);
TsJourneysPage     *ts_window_get_journeys_page  (TsWindow            *self);
TsScenarioPage     *ts_window_get_scenario_page  (TsWindow            *self);
void                ts_window_show_page          (TsWindow            *self,
                                                  const char          *name);
void                ts_window_add_toast          (TsWindow            *self,
                                                  AdwToast            *toast);
gboolean            ts_window_open_workspace     (TsWindow            *self,
                                                  GFile               *file);
void                ts_window_open_demo          (TsWindow            *self);
void                ts_window_offer_recoveries   (TsWindow            *self);
gboolean            ts_window_save_workspace     (TsWindow            *self,
                                                  GFile               *file);
TsWorkspace        *ts_window_get_workspace      (TsWindow            *self);
gboolean            ts_window_find_source        (TsWindow            *self,
                                                  const char          *path,
                                                  guint               *index);
void                ts_window_reimport           (TsWindow            *self);
void                ts_window_edit_mapping       (TsWindow            *self,
                                                  guint                source);
void                ts_window_render_png_async   (TsWindow            *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean            ts_window_render_png_finish  (TsWindow            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS

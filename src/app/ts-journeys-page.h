/* ts-journeys-page.h — journeys simulated under the guardrails, and linted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

#include "ts-chart-view.h"

G_BEGIN_DECLS

#define TS_TYPE_JOURNEYS_PAGE (ts_journeys_page_get_type ())

G_DECLARE_FINAL_TYPE (TsJourneysPage, ts_journeys_page, TS, JOURNEYS_PAGE, GtkWidget)

GtkWidget   *ts_journeys_page_new            (void);
void         ts_journeys_page_set_scores     (TsJourneysPage *self,
                                              TsScores       *scores);
void         ts_journeys_page_set_workspace  (TsJourneysPage *self,
                                              TsWorkspace    *workspace);
void         ts_journeys_page_set_journey    (TsJourneysPage *self,
                                              guint           journey);
guint        ts_journeys_page_get_journey    (TsJourneysPage *self);
void         ts_journeys_page_set_start      (TsJourneysPage *self,
                                              TsTime          from,
                                              guint           days);
gboolean     ts_journeys_page_get_busy       (TsJourneysPage *self);
TsJourneys  *ts_journeys_page_get_journeys   (TsJourneysPage *self);
TsChartView *ts_journeys_page_get_chart_view (TsJourneysPage *self);
int          ts_journeys_page_get_node_step  (TsJourneysPage *self,
                                              guint           category);
GtkWidget   *ts_journeys_page_open_node      (TsJourneysPage *self,
                                              guint           category);
GtkWidget   *ts_journeys_page_open_path      (TsJourneysPage *self,
                                              guint           customer);

G_END_DECLS

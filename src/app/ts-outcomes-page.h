/* ts-outcomes-page.h — what happened after the moment, by band and route
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

#include "ts-chart-view.h"

G_BEGIN_DECLS

#define TS_TYPE_OUTCOMES_PAGE (ts_outcomes_page_get_type ())

G_DECLARE_FINAL_TYPE (TsOutcomesPage, ts_outcomes_page, TS, OUTCOMES_PAGE, GtkWidget)

GtkWidget    *ts_outcomes_page_new          (void);
void          ts_outcomes_page_set_scores   (TsOutcomesPage *self,
                                             TsScores       *scores);
void          ts_outcomes_page_set_workspace (TsOutcomesPage *self,
                                              TsWorkspace    *workspace);
gboolean      ts_outcomes_page_set_compare_as_of (TsOutcomesPage *self,
                                                  TsTime          as_of);
void          ts_outcomes_page_set_kpi      (TsOutcomesPage *self,
                                             const char     *kpi);
gboolean      ts_outcomes_page_get_busy     (TsOutcomesPage *self);
TsOutcomes   *ts_outcomes_page_get_outcomes (TsOutcomesPage *self);
TsComparison *ts_outcomes_page_get_comparison (TsOutcomesPage *self);
TsChartView  *ts_outcomes_page_get_chart_view (TsOutcomesPage *self);
TsChartView  *ts_outcomes_page_get_drift_view (TsOutcomesPage *self);
gboolean      ts_outcomes_page_export_csv   (TsOutcomesPage *self,
                                             GFile          *file,
                                             GError        **error);
GtkWidget    *ts_outcomes_page_open_members (TsOutcomesPage    *self,
                                             TsOutcomeGroupKind kind,
                                             guint              group);
GtkWidget    *ts_outcomes_page_open_timeline (TsOutcomesPage *self,
                                              guint           customer);

G_END_DECLS

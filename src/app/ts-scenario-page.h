/* ts-scenario-page.h — the workshop: one customer moment, edited live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

G_BEGIN_DECLS

#define TS_TYPE_SCENARIO_PAGE (ts_scenario_page_get_type ())

G_DECLARE_FINAL_TYPE (TsScenarioPage, ts_scenario_page, TS, SCENARIO_PAGE, GtkWidget)

GtkWidget        *ts_scenario_page_new             (void);
void              ts_scenario_page_set_workspace   (TsScenarioPage *self,
                                                    TsWorkspace    *workspace);
void              ts_scenario_page_set_scores      (TsScenarioPage *self,
                                                    TsScores       *scores);
gboolean          ts_scenario_page_start_from_customer (TsScenarioPage *self,
                                                        const char     *customer_id,
                                                        GError        **error);
void              ts_scenario_page_set_customer_hint (TsScenarioPage *self,
                                                      const char     *customer_id);
const TsScenario *ts_scenario_page_get_scenario    (TsScenarioPage *self);
TsScores         *ts_scenario_page_get_result      (TsScenarioPage *self,
                                                    const TsDecision **decision);
guint             ts_scenario_page_get_n_scenarios (TsScenarioPage *self);

G_END_DECLS

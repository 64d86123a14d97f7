/* ts-routing-page.h — routes, guardrail verdicts, SLA load and who is held
 * back, for every customer moment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

#include "ts-chart-view.h"

G_BEGIN_DECLS

#define TS_TYPE_ROUTING_PAGE (ts_routing_page_get_type ())

G_DECLARE_FINAL_TYPE (TsRoutingPage, ts_routing_page, TS, ROUTING_PAGE, GtkWidget)

GtkWidget *ts_routing_page_new         (void);
void       ts_routing_page_set_scores  (TsRoutingPage  *self,
                                        TsScores       *scores);
gboolean   ts_routing_page_get_busy    (TsRoutingPage  *self);
TsChartView *ts_routing_page_get_chart_view (TsRoutingPage *self);
TsScores  *ts_routing_page_get_counts  (TsRoutingPage  *self,
                                        const guint   **route_counts,
                                        const guint   **blocked_counts,
                                        guint          *n_held);

G_END_DECLS

/* ts-touchpoints-page.h — the customer experience assets, measured
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

#include "ts-chart-view.h"

G_BEGIN_DECLS

/* The period measured: the last N days of the data, or all of it */
typedef enum
{
  TS_TOUCHPOINTS_SPAN_ALL,
  TS_TOUCHPOINTS_SPAN_YEAR,
  TS_TOUCHPOINTS_SPAN_QUARTER,
  TS_TOUCHPOINTS_SPAN_MONTH,
} TsTouchpointsSpan;

#define TS_TYPE_TOUCHPOINTS_PAGE (ts_touchpoints_page_get_type ())

G_DECLARE_FINAL_TYPE (TsTouchpointsPage, ts_touchpoints_page, TS, TOUCHPOINTS_PAGE, GtkWidget)

GtkWidget     *ts_touchpoints_page_new             (void);
void           ts_touchpoints_page_set_scores      (TsTouchpointsPage *self,
                                                    TsScores          *scores);
void           ts_touchpoints_page_set_span        (TsTouchpointsPage *self,
                                                    TsTouchpointsSpan  span);
gboolean       ts_touchpoints_page_get_busy        (TsTouchpointsPage *self);
TsTouchpoints *ts_touchpoints_page_get_touchpoints (TsTouchpointsPage *self);
TsChartView   *ts_touchpoints_page_get_chart_view  (TsTouchpointsPage *self);
GtkWidget     *ts_touchpoints_page_open_members    (TsTouchpointsPage *self,
                                                    guint              touchpoint);

G_END_DECLS

/* ts-chart-view.h — a chart drawn on screen, and exported to PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

#include "ts-chart-render.h"

G_BEGIN_DECLS

#define TS_TYPE_CHART_VIEW (ts_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (TsChartView, ts_chart_view, TS, CHART_VIEW, GtkWidget)

GtkWidget     *ts_chart_view_new          (void);
TsChart       *ts_chart_view_get_chart    (TsChartView    *self);
int            ts_chart_view_get_focused_category (TsChartView *self);
void           ts_chart_view_set_chart    (TsChartView    *self,
                                           TsChart        *chart);
gboolean       ts_chart_view_export       (TsChartView    *self,
                                           GFile          *file,
                                           TsChartFormat   format,
                                           int             width,
                                           int             height,
                                           GError        **error);

void           ts_chart_view_export_as    (TsChartView    *self,
                                           TsChartFormat   format);
GtkWidget     *ts_chart_group_new         (TsChartView    *view,
                                           const char     *title,
                                           const char     *description,
                                           const char     *stem);

G_END_DECLS

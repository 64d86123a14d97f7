/* ts-drivers-page.h — the CX driver index, period by period
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

#include "ts-chart-view.h"

G_BEGIN_DECLS

#define TS_TYPE_DRIVERS_PAGE (ts_drivers_page_get_type ())

G_DECLARE_FINAL_TYPE (TsDriversPage, ts_drivers_page, TS, DRIVERS_PAGE, GtkWidget)

GtkWidget   *ts_drivers_page_new            (void);
void         ts_drivers_page_set_scores     (TsDriversPage  *self,
                                             TsScores       *scores);
void         ts_drivers_page_set_period     (TsDriversPage  *self,
                                             TsDriverPeriod  period);
gboolean     ts_drivers_page_get_busy       (TsDriversPage  *self);
TsDrivers   *ts_drivers_page_get_drivers    (TsDriversPage  *self);
TsChartView *ts_drivers_page_get_chart_view (TsDriversPage  *self);
TsChartView *ts_drivers_page_get_breakdown_view (TsDriversPage     *self,
                                                 TsDriverDirection  direction);
GtkWidget   *ts_drivers_page_open_members   (TsDriversPage  *self,
                                             guint           period,
                                             guint           driver);
GtkWidget   *ts_drivers_page_open_story     (TsDriversPage  *self,
                                             guint           story);

G_END_DECLS

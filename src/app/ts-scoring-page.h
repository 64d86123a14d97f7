/* ts-scoring-page.h — signals and weights, the score distribution by band,
 * and every customer's explained score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

#include "ts-chart-view.h"

G_BEGIN_DECLS

#define TS_TYPE_SCORING_PAGE (ts_scoring_page_get_type ())

G_DECLARE_FINAL_TYPE (TsScoringPage, ts_scoring_page, TS, SCORING_PAGE, GtkWidget)

GtkWidget  *ts_scoring_page_new            (void);
void        ts_scoring_page_set_data       (TsScoringPage *self,
                                            TsDataset     *dataset,
                                            TsWorkspace   *workspace);
TsScores   *ts_scoring_page_get_scores     (TsScoringPage *self);
gboolean    ts_scoring_page_set_weight     (TsScoringPage *self,
                                            const char    *signal,
                                            double         weight);
const char *ts_scoring_page_get_selected   (TsScoringPage *self);
gboolean    ts_scoring_page_select         (TsScoringPage *self,
                                            const char    *customer_id);
double      ts_scoring_page_get_last_ms    (TsScoringPage *self);
gboolean    ts_scoring_page_get_busy       (TsScoringPage *self);
void        ts_scoring_page_set_as_of      (TsScoringPage *self,
                                            TsTime         as_of);
TsChartView *ts_scoring_page_get_chart_view (TsScoringPage *self);

gboolean    ts_scoring_page_export_csv     (TsScoringPage *self,
                                            GFile         *file,
                                            GError       **error);

G_END_DECLS

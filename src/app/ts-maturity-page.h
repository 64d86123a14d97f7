/* ts-maturity-page.h — the maturity matrix and the monthly review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

#include "ts-report.h"

G_BEGIN_DECLS

#define TS_TYPE_MATURITY_PAGE (ts_maturity_page_get_type ())

G_DECLARE_FINAL_TYPE (TsMaturityPage, ts_maturity_page, TS, MATURITY_PAGE, GtkWidget)

GtkWidget  *ts_maturity_page_new            (void);
void        ts_maturity_page_set_scores     (TsMaturityPage *self,
                                             TsScores       *scores);
void        ts_maturity_page_set_workspace  (TsMaturityPage *self,
                                             TsWorkspace    *workspace);
gboolean    ts_maturity_page_get_busy       (TsMaturityPage *self);
TsReport   *ts_maturity_page_get_report     (TsMaturityPage *self);
void        ts_maturity_page_set_month      (TsMaturityPage *self,
                                             guint           months_back);
void        ts_maturity_page_set_owner      (TsMaturityPage *self,
                                             TsCapabilityId  id,
                                             const char     *owner);
GtkWidget  *ts_maturity_page_open_kpi       (TsMaturityPage *self,
                                             const char     *kpi);
gboolean    ts_maturity_page_export         (TsMaturityPage *self,
                                             GFile          *file,
                                             GError        **error);
void        ts_maturity_page_export_with_chooser (TsMaturityPage *self);

G_END_DECLS

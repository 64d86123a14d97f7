/* ts-touchpoints-dialog.h — the playbook's touchpoints inventory, edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ts-playbook-dialog.h"

G_BEGIN_DECLS

#define TS_TYPE_TOUCHPOINTS_DIALOG (ts_touchpoints_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsTouchpointsDialog, ts_touchpoints_dialog, TS, TOUCHPOINTS_DIALOG, TsPlaybookDialog)

GtkWidget *ts_touchpoints_dialog_new    (TsWorkspace          *workspace,
                                         GError              **error);
gboolean   ts_touchpoints_dialog_apply  (TsTouchpointsDialog  *self,
                                         guint                 index,
                                         const char           *member,
                                         JsonNode             *value,
                                         GError              **error);
char      *ts_touchpoints_dialog_add    (TsTouchpointsDialog  *self,
                                         const char           *label,
                                         GError              **error);
gboolean   ts_touchpoints_dialog_remove (TsTouchpointsDialog  *self,
                                         guint                 index,
                                         GError              **error);

G_END_DECLS

/* ts-rules-dialog.h — the playbook's routes and guardrails, edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

G_BEGIN_DECLS

#define TS_TYPE_RULES_DIALOG (ts_rules_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsRulesDialog, ts_rules_dialog, TS, RULES_DIALOG, AdwPreferencesWindow)

GtkWidget *ts_rules_dialog_new   (TsWorkspace    *workspace,
                                  GError        **error);
gboolean   ts_rules_dialog_apply (TsRulesDialog  *self,
                                  const char     *section,
                                  guint           index,
                                  const char     *member,
                                  JsonNode       *value,
                                  GError        **error);
gboolean   ts_rules_dialog_move_route (TsRulesDialog *self,
                                       guint          index,
                                       int            delta,
                                       GError       **error);

G_END_DECLS

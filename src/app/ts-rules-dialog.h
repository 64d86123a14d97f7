/* ts-rules-dialog.h — the playbook's routes and guardrails, edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* G_DECLARE_FINAL_TYPE needs the base class struct */
#include "ts-playbook-dialog-private.h"

G_BEGIN_DECLS

#define TS_TYPE_RULES_DIALOG (ts_rules_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsRulesDialog, ts_rules_dialog, TS, RULES_DIALOG, TsPlaybookDialog)

GtkWidget *ts_rules_dialog_new (TsWorkspace  *workspace,
                                GError      **error);

G_END_DECLS

/* ts-playbook-dialog.h — a part of the workspace's playbook, edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

G_BEGIN_DECLS

#define TS_TYPE_PLAYBOOK_DIALOG (ts_playbook_dialog_get_type ())

G_DECLARE_DERIVABLE_TYPE (TsPlaybookDialog, ts_playbook_dialog, TS, PLAYBOOK_DIALOG, AdwPreferencesWindow)

gboolean ts_playbook_dialog_apply (TsPlaybookDialog  *self,
                                   const char        *section,
                                   guint              index,
                                   const char        *member,
                                   JsonNode          *value,
                                   GError           **error);
gboolean ts_playbook_dialog_move  (TsPlaybookDialog  *self,
                                   const char        *section,
                                   guint              index,
                                   int                delta,
                                   GError           **error);

G_END_DECLS

/* ts-journeys-dialog.h — the playbook's journeys, edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ts-playbook-dialog.h"

G_BEGIN_DECLS

#define TS_TYPE_JOURNEYS_DIALOG (ts_journeys_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsJourneysDialog, ts_journeys_dialog, TS, JOURNEYS_DIALOG, TsPlaybookDialog)

GtkWidget *ts_journeys_dialog_new      (TsWorkspace       *workspace,
                                        GError           **error);
gboolean   ts_journeys_dialog_apply    (TsJourneysDialog  *self,
                                        guint              journey,
                                        int                step,
                                        const char        *member,
                                        JsonNode          *value,
                                        GError           **error);
char      *ts_journeys_dialog_add_step (TsJourneysDialog  *self,
                                        guint              journey,
                                        const char        *kind,
                                        const char        *label,
                                        GError           **error);
gboolean   ts_journeys_dialog_remove_step (TsJourneysDialog *self,
                                           guint             journey,
                                           guint             step,
                                           GError          **error);
gboolean   ts_journeys_dialog_move_step (TsJourneysDialog *self,
                                         guint             journey,
                                         guint             step,
                                         int               delta,
                                         GError          **error);

G_END_DECLS

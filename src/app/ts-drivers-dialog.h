/* ts-drivers-dialog.h — the playbook's CX drivers, edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* G_DECLARE_FINAL_TYPE needs the base class struct */
#include "ts-playbook-dialog-private.h"

G_BEGIN_DECLS

#define TS_TYPE_DRIVERS_DIALOG (ts_drivers_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TsDriversDialog, ts_drivers_dialog, TS, DRIVERS_DIALOG, TsPlaybookDialog)

GtkWidget *ts_drivers_dialog_new    (TsWorkspace      *workspace,
                                     GError          **error);
gboolean   ts_drivers_dialog_apply  (TsDriversDialog  *self,
                                     guint             index,
                                     const char       *member,
                                     JsonNode         *value,
                                     GError          **error);
char      *ts_drivers_dialog_add    (TsDriversDialog  *self,
                                     const char       *label,
                                     GError          **error);
gboolean   ts_drivers_dialog_remove (TsDriversDialog  *self,
                                     guint             index,
                                     GError          **error);

G_END_DECLS

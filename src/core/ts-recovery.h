/* ts-recovery.h — recovery files: unsaved workspaces kept against a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include <gio/gio.h>

#include "ts-workspace.h"

G_BEGIN_DECLS

#define TS_RECOVERY_ERROR (ts_recovery_error_quark ())

typedef enum
{
  TS_RECOVERY_ERROR_INVALID,
} TsRecoveryError;

#define TS_TYPE_RECOVERY (ts_recovery_get_type ())

G_DECLARE_FINAL_TYPE (TsRecovery, ts_recovery, TS, RECOVERY, GObject)

GQuark        ts_recovery_error_quark       (void);
GFile        *ts_recovery_dup_file_for      (GFile        *dir,
                                             GFile        *workspace_file);
gboolean      ts_recovery_write             (GFile        *file,
                                             TsWorkspace  *workspace,
                                             GError      **error);
TsRecovery   *ts_recovery_load              (GFile        *file,
                                             GError      **error);
GPtrArray    *ts_recovery_list              (GFile        *dir);

GFile        *ts_recovery_get_file          (TsRecovery   *self);
GFile        *ts_recovery_get_workspace_file (TsRecovery  *self);
GDateTime    *ts_recovery_get_written       (TsRecovery   *self);
const char   *ts_recovery_get_title         (TsRecovery   *self);
gboolean      ts_recovery_is_stale          (TsRecovery   *self);
TsWorkspace  *ts_recovery_dup_workspace     (TsRecovery   *self,
                                             GError      **error);
gboolean      ts_recovery_discard           (TsRecovery   *self,
                                             GError      **error);

G_END_DECLS

/* ts-workspace.h — a workspace: its sources, mappings, playbook and views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "ts-mapping.h"

G_BEGIN_DECLS

#define TS_WORKSPACE_ERROR (ts_workspace_error_quark ())

typedef enum
{
  TS_WORKSPACE_ERROR_PARSE,
  TS_WORKSPACE_ERROR_INVALID,
  TS_WORKSPACE_ERROR_VERSION,
} TsWorkspaceError;

#define TS_WORKSPACE_FORMAT 1

#define TS_TYPE_WORKSPACE (ts_workspace_get_type ())

G_DECLARE_FINAL_TYPE (TsWorkspace, ts_workspace, TS, WORKSPACE, GObject)

GQuark        ts_workspace_error_quark    (void);
TsWorkspace  *ts_workspace_new            (void);
TsWorkspace  *ts_workspace_load           (GFile        *file,
                                           GError      **error);
TsWorkspace  *ts_workspace_load_from_data (const char   *data,
                                           gssize        len,
                                           GFile        *base,
                                           GError      **error);
gboolean      ts_workspace_save           (TsWorkspace  *self,
                                           GFile        *file,
                                           GError      **error);
char         *ts_workspace_to_data        (TsWorkspace  *self,
                                           GFile        *base);

GFile        *ts_workspace_get_file       (TsWorkspace  *self);
void          ts_workspace_set_file       (TsWorkspace  *self,
                                           GFile        *file);
const char   *ts_workspace_get_title      (TsWorkspace  *self);
void          ts_workspace_set_title      (TsWorkspace  *self,
                                           const char   *title);
const char   *ts_workspace_get_identity   (TsWorkspace  *self);
void          ts_workspace_set_identity   (TsWorkspace  *self,
                                           const char   *identity);
gboolean      ts_workspace_get_modified   (TsWorkspace  *self);
void          ts_workspace_set_modified   (TsWorkspace  *self,
                                           gboolean      modified);

guint         ts_workspace_get_n_sources  (TsWorkspace  *self);
GFile        *ts_workspace_get_source     (TsWorkspace  *self,
                                           guint         index);
const char   *ts_workspace_get_source_plugin (TsWorkspace *self,
                                              guint        index);
JsonObject   *ts_workspace_get_source_mapping (TsWorkspace *self,
                                               guint        index);
void          ts_workspace_add_source     (TsWorkspace  *self,
                                           GFile        *file,
                                           const char   *plugin,
                                           JsonObject   *mapping);
void          ts_workspace_set_source_mapping (TsWorkspace *self,
                                               guint        index,
                                               JsonObject  *mapping);
void          ts_workspace_remove_source  (TsWorkspace  *self,
                                           guint         index);
char        **ts_workspace_dup_paths      (TsWorkspace  *self);
TsMapping    *ts_workspace_build_mapping  (TsWorkspace  *self);

GFile        *ts_workspace_dup_demo_file  (void);
GFile        *ts_workspace_dup_data_file  (const char   *folder,
                                          const char   *name);
JsonObject   *ts_workspace_get_playbook   (TsWorkspace  *self);
void          ts_workspace_set_playbook   (TsWorkspace  *self,
                                           JsonObject   *playbook);
JsonArray    *ts_workspace_get_views      (TsWorkspace  *self);
const char   *ts_workspace_get_view_string (TsWorkspace *self,
                                           const char  *page,
                                           const char  *key);
void          ts_workspace_set_view_string (TsWorkspace *self,
                                           const char  *page,
                                           const char  *key,
                                           const char  *value);
gboolean      ts_workspace_get_view_time  (TsWorkspace  *self,
                                           const char   *page,
                                           const char   *key,
                                           TsTime       *out);
void          ts_workspace_set_view_time  (TsWorkspace  *self,
                                           const char   *page,
                                           const char   *key,
                                           TsTime        time);
JsonArray    *ts_workspace_get_scenarios  (TsWorkspace  *self);
void          ts_workspace_set_scenarios  (TsWorkspace  *self,
                                           JsonArray    *scenarios);

G_END_DECLS

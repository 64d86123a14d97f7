/* ts-plugin-manager.h — finds and loads the data-source plugins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-source.h"

G_BEGIN_DECLS

#define TS_PLUGIN_ERROR (ts_plugin_error_quark ())

typedef enum
{
  TS_PLUGIN_ERROR_ABI,
  TS_PLUGIN_ERROR_LOAD,
  TS_PLUGIN_ERROR_NO_SOURCE,
} TsPluginError;

#define TS_TYPE_PLUGIN_MANAGER (ts_plugin_manager_get_type ())

G_DECLARE_FINAL_TYPE (TsPluginManager, ts_plugin_manager, TS, PLUGIN_MANAGER, GObject)

GQuark            ts_plugin_error_quark          (void);
TsPluginManager  *ts_plugin_manager_new          (const char *const *search_path);
TsPluginManager  *ts_plugin_manager_get_default  (void);
GPtrArray        *ts_plugin_manager_get_sources  (TsPluginManager   *self);
TsSource         *ts_plugin_manager_find_source  (TsPluginManager   *self,
                                                  const char        *id);
TsSource         *ts_plugin_manager_probe        (TsPluginManager   *self,
                                                  GFile             *file,
                                                  guint             *confidence,
                                                  GCancellable      *cancellable);
GPtrArray        *ts_plugin_manager_get_problems (TsPluginManager   *self);
char            **ts_plugin_manager_dup_search_path (TsPluginManager *self);

G_END_DECLS

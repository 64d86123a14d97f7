/* ts-plugin-manager.c — finds and loads the data-source plugins
 *
 * Plugins are libpeas-1.0 modules described by `.plugin` files, one folder
 * each, under the directories of $TOUCHSTONE_PLUGIN_PATH (set by
 * `meson devenv`) and the installed plugin directory.  A plugin built for
 * another ABI (`X-Ts-ABI`) or one that fails to load is reported, never fatal.
 * Peas is confined to this file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-plugin-manager"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libpeas/peas.h>

#include "ts-install.h"
#include "ts-plugin-manager.h"
#include "ts-problem.h"

struct _TsPluginManager
{
  GObject     parent_instance;
  PeasEngine *engine;
  GPtrArray  *sources;
  GPtrArray  *problems;
  GStrv       search_path;
};

G_DEFINE_QUARK (ts-plugin-error-quark, ts_plugin_error)
G_DEFINE_FINAL_TYPE (TsPluginManager, ts_plugin_manager, G_TYPE_OBJECT)

static void
ts_plugin_manager_dispose (GObject *object)
{
  TsPluginManager *self = (TsPluginManager *) object;

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (ts_plugin_manager_parent_class)->dispose (object);
}

static void
ts_plugin_manager_finalize (GObject *object)
{
  TsPluginManager *self = (TsPluginManager *) object;

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->search_path, g_strfreev);

  G_OBJECT_CLASS (ts_plugin_manager_parent_class)->finalize (object);
}

static void
ts_plugin_manager_class_init (TsPluginManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ts_plugin_manager_dispose;
  object_class->finalize = ts_plugin_manager_finalize;
}

static void
ts_plugin_manager_init (TsPluginManager *self)
{
  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_problem_free);
}

static void
add_problem (TsPluginManager *self,
             const char      *path,
             const char      *message)
{
  g_debug ("%s: %s", path, message);
  g_ptr_array_add (self->problems, ts_problem_new (path, 0, 0, message));
}

static void
load_plugins (TsPluginManager *self)
{
  const GList *plugins;

  for (guint i = 0; self->search_path[i] != NULL; i++)
    if (g_file_test (self->search_path[i], G_FILE_TEST_IS_DIR))
      peas_engine_add_search_path (self->engine, self->search_path[i], NULL);

  plugins = peas_engine_get_plugin_list (self->engine);
  for (const GList *l = plugins; l; l = l->next)
    {
      PeasPluginInfo *info = l->data;
      const char *abi = peas_plugin_info_get_external_data (info, "Ts-ABI");
      const char *module_dir = peas_plugin_info_get_module_dir (info);
      g_autoptr(GError) error = NULL;
      PeasExtension *ext;

      if (g_strcmp0 (abi, G_STRINGIFY (TS_PLUGIN_ABI)) != 0)
        {
          g_autofree char *msg =
            g_strdup_printf (_("Plugin “%s” was built for plugin ABI %s, this Touchstone needs %s: not loaded"),
                             peas_plugin_info_get_module_name (info), abi ? abi : "(none)",
                             G_STRINGIFY (TS_PLUGIN_ABI));
          add_problem (self, module_dir, msg);
          continue;
        }

      if (!peas_plugin_info_is_available (info, &error) ||
          !peas_engine_load_plugin (self->engine, info) ||
          !peas_plugin_info_is_loaded (info))
        {
          g_autoptr(GError) why = NULL;
          g_autofree char *msg = NULL;

          peas_plugin_info_is_available (info, &why);
          msg = g_strdup_printf (_("Plugin “%s” could not be loaded: %s"),
                                 peas_plugin_info_get_module_name (info),
                                 why ? why->message : _("the module failed to load"));
          add_problem (self, module_dir, msg);
          continue;
        }

      if (!peas_engine_provides_extension (self->engine, info, TS_TYPE_SOURCE))
        {
          g_autofree char *msg =
            g_strdup_printf (_("Plugin “%s” provides no data source"),
                             peas_plugin_info_get_module_name (info));
          add_problem (self, module_dir, msg);
          continue;
        }

      ext = peas_engine_create_extension (self->engine, info, TS_TYPE_SOURCE, NULL);
      if (ext == NULL || !TS_IS_SOURCE (ext))
        {
          g_autofree char *msg =
            g_strdup_printf (_("Plugin “%s” failed to create its data source"),
                             peas_plugin_info_get_module_name (info));
          add_problem (self, module_dir, msg);
          g_clear_object (&ext);
          continue;
        }

      g_ptr_array_add (self->sources, ext);
    }
}

/**
 * ts_plugin_manager_new:
 * @search_path: (nullable) (array zero-terminated=1): directories to search,
 *   or %NULL for $TOUCHSTONE_PLUGIN_PATH and the installed plugin directory
 */
TsPluginManager *
ts_plugin_manager_new (const char *const *search_path)
{
  TsPluginManager *self = g_object_new (TS_TYPE_PLUGIN_MANAGER, NULL);

  if (search_path != NULL)
    self->search_path = g_strdupv ((char **) search_path);
  else
    {
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
      const char *env = g_getenv ("TOUCHSTONE_PLUGIN_PATH");

      if (env != NULL && *env != '\0')
        {
          g_auto(GStrv) parts = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);
          for (guint i = 0; parts[i]; i++)
            if (*parts[i])
              g_strv_builder_add (b, parts[i]);
        }
      g_strv_builder_add (b, ts_install_dir (TS_PLUGINDIR));
      self->search_path = g_strv_builder_end (b);
    }

  self->engine = peas_engine_new ();
  load_plugins (self);
  return self;
}

/**
 * ts_plugin_manager_get_default:
 *
 * Returns: (transfer none): the process's plugin manager, created on first use.
 */
TsPluginManager *
ts_plugin_manager_get_default (void)
{
  static TsPluginManager *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, ts_plugin_manager_new (NULL));
  return instance;
}

/**
 * ts_plugin_manager_get_sources:
 *
 * Returns: (transfer none) (element-type TsSource): the loaded data sources
 */
GPtrArray *
ts_plugin_manager_get_sources (TsPluginManager *self)
{
  g_return_val_if_fail (TS_IS_PLUGIN_MANAGER (self), NULL);
  return self->sources;
}

/**
 * ts_plugin_manager_find_source:
 *
 * Returns: (transfer none) (nullable): the source with @id
 */
TsSource *
ts_plugin_manager_find_source (TsPluginManager *self,
                               const char      *id)
{
  g_return_val_if_fail (TS_IS_PLUGIN_MANAGER (self), NULL);

  for (guint i = 0; i < self->sources->len; i++)
    if (g_strcmp0 (ts_source_get_id (self->sources->pdata[i]), id) == 0)
      return self->sources->pdata[i];
  return NULL;
}

/**
 * ts_plugin_manager_probe:
 * @confidence: (out) (optional): the winner's confidence
 *
 * Asks every source how sure it is that it reads @file.
 *
 * Returns: (transfer none) (nullable): the most confident source, or %NULL
 * when none can read it
 */
TsSource *
ts_plugin_manager_probe (TsPluginManager *self,
                         GFile           *file,
                         guint           *confidence,
                         GCancellable    *cancellable)
{
  TsSource *best = NULL;
  guint best_score = 0;

  g_return_val_if_fail (TS_IS_PLUGIN_MANAGER (self), NULL);

  for (guint i = 0; i < self->sources->len; i++)
    {
      guint score = ts_source_probe (self->sources->pdata[i], file, cancellable);
      if (score > best_score)
        {
          best_score = score;
          best = self->sources->pdata[i];
        }
    }

  if (confidence)
    *confidence = best_score;
  return best;
}

/**
 * ts_plugin_manager_get_problems:
 *
 * Returns: (transfer none) (element-type TsProblem): plugins that did not load, and why
 */
GPtrArray *
ts_plugin_manager_get_problems (TsPluginManager *self)
{
  g_return_val_if_fail (TS_IS_PLUGIN_MANAGER (self), NULL);
  return self->problems;
}

char **
ts_plugin_manager_dup_search_path (TsPluginManager *self)
{
  g_return_val_if_fail (TS_IS_PLUGIN_MANAGER (self), NULL);
  return g_strdupv (self->search_path);
}

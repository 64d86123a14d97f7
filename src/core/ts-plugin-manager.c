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
#include <string.h>

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

/* A .plugin file libpeas cannot read is skipped with no more than a
 * warning on the terminal: reported here, as a plugin that fails to load is. */
static void
check_plugin_file (TsPluginManager *self,
                   const char      *path)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *module = NULL;
  g_autofree char *msg = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error))
    msg = g_strdup_printf (_("Plugin file %s cannot be read: %s"), path, error->message);
  else if ((module = g_key_file_get_string (key_file, "Plugin", "Module", NULL)) == NULL ||
           *module == '\0')
    msg = g_strdup_printf (_("Plugin file %s names no module (no “Module” key in its "
                             "[Plugin] group)"), path);
  if (msg != NULL)
    add_problem (self, path, msg);
}

/* The .plugin files of a search path entry and its folders, as libpeas
 * finds them. */
static void
check_plugin_files (TsPluginManager *self,
                    const char      *dir,
                    guint            depth)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_suffix (name, ".plugin") && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        check_plugin_file (self, path);
      else if (depth > 0 && g_file_test (path, G_FILE_TEST_IS_DIR))
        check_plugin_files (self, path, depth - 1);
    }
}

/* The first entry of @search_path holding @info's module. */
static guint
search_path_index (PeasPluginInfo     *info,
                   const char *const  *search_path)
{
  const char *dir = peas_plugin_info_get_module_dir (info);
  guint i;

  for (i = 0; search_path[i] != NULL; i++)
    {
      gsize n = strlen (search_path[i]);
      if (strncmp (dir, search_path[i], n) == 0 && (dir[n] == '\0' || dir[n] == G_DIR_SEPARATOR))
        break;
    }
  return i;
}

static int
compare_search_path_order (gconstpointer a,
                           gconstpointer b,
                           gpointer      search_path)
{
  guint ia = search_path_index (*(PeasPluginInfo **) a, search_path);
  guint ib = search_path_index (*(PeasPluginInfo **) b, search_path);

  if (ia != ib)
    return ia < ib ? -1 : 1;
  return g_strcmp0 (peas_plugin_info_get_module_name (*(PeasPluginInfo **) a),
                    peas_plugin_info_get_module_name (*(PeasPluginInfo **) b));
}

static void
load_plugins (TsPluginManager *self)
{
  g_autoptr(GPtrArray) plugins = g_ptr_array_new ();

  for (guint i = 0; self->search_path[i] != NULL; i++)
    if (g_file_test (self->search_path[i], G_FILE_TEST_IS_DIR))
      {
        peas_engine_add_search_path (self->engine, self->search_path[i], NULL);
        check_plugin_files (self, self->search_path[i], 1);
      }

  /* in the order of the search path, so that an earlier folder's plugin
   * keeps an id that a later one also claims */
  for (const GList *l = peas_engine_get_plugin_list (self->engine); l; l = l->next)
    g_ptr_array_add (plugins, l->data);
  g_ptr_array_sort_with_data (plugins, compare_search_path_order, self->search_path);

  for (guint p = 0; p < plugins->len; p++)
    {
      PeasPluginInfo *info = plugins->pdata[p];
      const char *abi = peas_plugin_info_get_external_data (info, "Ts-ABI");
      const char *module_dir = peas_plugin_info_get_module_dir (info);
      g_autoptr(GError) error = NULL;
      PeasExtension *ext;
      const char *id;

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

      id = ts_source_get_id (TS_SOURCE (ext));
      if (id == NULL || *id == '\0' || ts_plugin_manager_find_source (self, id) != NULL)
        {
          /* the first plugin with an id keeps it: mappings name plugins by id */
          g_autofree char *msg =
            id == NULL || *id == '\0'
              ? g_strdup_printf (_("Plugin “%s” gives its data source no id: not loaded"),
                                 peas_plugin_info_get_module_name (info))
              : g_strdup_printf (_("Plugin “%s” gives its data source the id “%s”, which another "
                                   "plugin has: not loaded"),
                                 peas_plugin_info_get_module_name (info), id);
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

/* ts-importer.c — files and folders in, one dataset out
 *
 * Folders are walked (hidden entries skipped, names sorted so the result does
 * not depend on the file system's order), unless a plugin reads the folder
 * as one source (an unpacked export); each file goes to the plugin most
 * sure it can read it; every file is imported into its own builder, and the
 * builders merge into one dataset, customers deduplicated across sources.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-importer"
#define TS_CORE_COMPILATION

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif
#include <sys/stat.h>

#include "ts-importer.h"

typedef struct
{
  char  *path;
  gsize  size;
  gboolean explicit_;
} Input;

static void
input_free (Input *in)
{
  g_free (in->path);
  g_free (in);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* A folder that a plugin reads as one source (an unpacked export). */
static gboolean
folder_is_a_source (TsPluginManager *plugins,
                    const char      *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint confidence = 0;

  return ts_plugin_manager_probe (plugins, file, &confidence, NULL) != NULL && confidence >= 50;
}

static gboolean
collect (TsPluginManager *plugins,
         const char      *path,
         gboolean         explicit_,
         GPtrArray       *inputs,
         guint            depth,
         GError         **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", path, g_strerror (saved));
      return FALSE;
    }

  if (S_ISDIR (st.st_mode) && folder_is_a_source (plugins, path))
    {
      Input *in = g_new0 (Input, 1);
      in->path = g_strdup (path);
      in->size = 1;
      in->explicit_ = explicit_;
      g_ptr_array_add (inputs, in);
      return TRUE;
    }

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (depth > 16)
        return TRUE;
      dir = g_dir_open (path, 0, error);
      if (dir == NULL)
        return FALSE;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *child = g_build_filename (path, names->pdata[i], NULL);
          if (!collect (plugins, child, FALSE, inputs, depth + 1, error))
            return FALSE;
        }
      return TRUE;
    }

  if (S_ISREG (st.st_mode))
    {
      Input *in = g_new0 (Input, 1);
      in->path = g_strdup (path);
      in->size = st.st_size;
      in->explicit_ = explicit_;
      g_ptr_array_add (inputs, in);
    }
  return TRUE;
}

/**
 * ts_importer_import:
 * @plugins: the plugins to read with
 * @paths: (array zero-terminated=1): files and folders
 * @mapping: (nullable): overrides of the plugins' guesses
 * @job: (nullable): receives progress
 *
 * Imports everything given into one dataset.  A file given by name that no
 * plugin reads is an error; such a file inside a folder is a warning.
 *
 * Returns: (transfer full): the dataset, or %NULL with @error set
 */
TsDataset *
ts_importer_import (TsPluginManager    *plugins,
                    const char * const *paths,
                    TsMapping          *mapping,
                    TsImportJob        *job,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) input_free);
  g_autoptr(TsDatasetBuilder) builder = ts_dataset_builder_new ();
  gsize total = 0, done = 0;
  gint64 start;
  TsDataset *ds;

  g_return_val_if_fail (TS_IS_PLUGIN_MANAGER (plugins), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  for (guint i = 0; paths[i] != NULL; i++)
    if (!collect (plugins, paths[i], TRUE, inputs, 0, error))
      return NULL;

  for (guint i = 0; i < inputs->len; i++)
    total += ((Input *) inputs->pdata[i])->size + 1;

  for (guint i = 0; i < inputs->len; i++)
    {
      Input *in = inputs->pdata[i];
      g_autoptr(GFile) file = g_file_new_for_path (in->path);
      g_autoptr(TsDatasetBuilder) part = NULL;
      g_autoptr(TsMapping) resolved = NULL;
      g_autofree char *message = NULL;
      TsSource *source;
      guint confidence = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      resolved = ts_mapping_resolve (mapping, in->path);
      if (ts_mapping_get_plugin (resolved) != NULL)
        {
          /* the user chose the plugin */
          source = ts_plugin_manager_find_source (plugins, ts_mapping_get_plugin (resolved));
          if (source == NULL)
            {
              g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_NOT_SUPPORTED,
                           _("%s: the plugin “%s” chosen for this file is not installed"),
                           in->path, ts_mapping_get_plugin (resolved));
              return NULL;
            }
        }
      else
        source = ts_plugin_manager_probe (plugins, file, &confidence, cancellable);
      if (source == NULL)
        {
          if (in->explicit_)
            {
              g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_NOT_SUPPORTED,
                           _("%s: no plugin can read this file"), in->path);
              return NULL;
            }
          ts_dataset_builder_add_problem (builder, in->path, 0, 0,
                                          _("skipped: no plugin can read this file"));
          done += in->size + 1;
          continue;
        }

      message = g_strdup_printf (_("Reading %s"), in->path);
      ts_import_job_set_range (job, (double) done / total, (double) (done + in->size + 1) / total);
      ts_import_job_update (job, 0.0, message);

      part = ts_dataset_builder_new ();
      start = g_get_monotonic_time ();
      if (!ts_source_import (source, file, resolved, part, job, cancellable, error))
        return NULL;
#ifdef __GLIBC__
      /* what the plugin freed (its parser's nodes, its tables of ids seen)
       * goes back to the system before the merge grows the string pool and
       * the next file is read: otherwise it stays in glibc's heap, counted
       * in the peak */
      malloc_trim (0);
#endif
      ts_dataset_builder_merge (builder, part);
      g_debug ("%s: imported by %s in %.3f s", in->path, ts_source_get_id (source),
               (g_get_monotonic_time () - start) / 1e6);
      done += in->size + 1;
    }

  ts_import_job_set_range (job, 0.0, 1.0);
  ts_import_job_update (job, 1.0, _("Indexing customers"));

  start = g_get_monotonic_time ();
  ds = ts_dataset_builder_finish (builder, cancellable, error);
  g_debug ("indexed in %.3f s", (g_get_monotonic_time () - start) / 1e6);
  return ds;
}

typedef struct
{
  TsPluginManager *plugins;
  GStrv            paths;
  TsMapping       *mapping;
  TsImportJob     *job;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->plugins);
  g_clear_pointer (&data->paths, g_strfreev);
  g_clear_pointer (&data->mapping, ts_mapping_unref);
  g_clear_object (&data->job);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  TsDataset *ds;

  ds = ts_importer_import (data->plugins, (const char *const *) data->paths, data->mapping,
                           data->job, cancellable, &error);
  if (ds == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ds, g_object_unref);
}

void
ts_importer_import_async (TsPluginManager     *plugins,
                          const char * const  *paths,
                          TsMapping           *mapping,
                          TsImportJob         *job,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (TS_IS_PLUGIN_MANAGER (plugins));

  data = g_new0 (ImportData, 1);
  data->plugins = g_object_ref (plugins);
  data->paths = g_strdupv ((char **) paths);
  data->mapping = mapping ? ts_mapping_ref (mapping) : NULL;
  data->job = job ? g_object_ref (job) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ts_importer_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * ts_importer_import_finish:
 *
 * Returns: (transfer full): the dataset, or %NULL with @error set
 */
TsDataset *
ts_importer_import_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

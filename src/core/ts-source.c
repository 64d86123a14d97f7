/* ts-source.c — the interface every data-source plugin implements
 *
 * describe (id, name, file patterns), probe (0–100: how sure the plugin is
 * that it reads a file), import (into a dataset builder, with progress and
 * cancellation; the asynchronous form runs the synchronous one in a worker
 * thread), and preview (records as parsed, before any mapping).
 *
 * Wrappers tolerate plugins that leave a vfunc NULL, and catch a plugin that
 * fails without saying why, so that a broken plugin yields a message, not a
 * crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-source"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ts-source.h"

G_DEFINE_QUARK (ts-source-error-quark, ts_source_error)
G_DEFINE_INTERFACE (TsSource, ts_source, G_TYPE_OBJECT)

static void
ts_source_default_init (TsSourceInterface *iface)
{
}

const char *
ts_source_get_id (TsSource *self)
{
  TsSourceInterface *iface;

  g_return_val_if_fail (TS_IS_SOURCE (self), NULL);

  iface = TS_SOURCE_GET_IFACE (self);
  if (iface->get_id)
    return iface->get_id (self);
  return G_OBJECT_TYPE_NAME (self);
}

const char *
ts_source_get_name (TsSource *self)
{
  TsSourceInterface *iface;

  g_return_val_if_fail (TS_IS_SOURCE (self), NULL);

  iface = TS_SOURCE_GET_IFACE (self);
  if (iface->get_name)
    return iface->get_name (self);
  return ts_source_get_id (self);
}

/**
 * ts_source_get_patterns:
 *
 * Returns: (transfer none) (array zero-terminated=1): globs of the files the
 * plugin reads, e.g. `*.csv`
 */
const char *const *
ts_source_get_patterns (TsSource *self)
{
  static const char *const none[] = { NULL };
  TsSourceInterface *iface;

  g_return_val_if_fail (TS_IS_SOURCE (self), none);

  iface = TS_SOURCE_GET_IFACE (self);
  if (iface->get_patterns)
    return iface->get_patterns (self);
  return none;
}

/**
 * ts_source_probe:
 *
 * Returns: how sure the plugin is that it can read @file, 0–100.
 */
guint
ts_source_probe (TsSource     *self,
                 GFile        *file,
                 GCancellable *cancellable)
{
  TsSourceInterface *iface;

  g_return_val_if_fail (TS_IS_SOURCE (self), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);

  iface = TS_SOURCE_GET_IFACE (self);
  if (iface->probe == NULL)
    return 0;
  return MIN (iface->probe (self, file, cancellable), 100);
}

/* A plugin's error, saying which plugin it came from. */
static GError *
plugin_error (TsSource *self,
              GError   *error)
{
  g_autofree char *message = g_strdup (error->message);

  g_free (error->message);
  /* Translators: an error message, then a plugin id */
  error->message = g_strdup_printf (_("%s (read by the “%s” plugin)"), message,
                                    ts_source_get_id (self));
  return error;
}

gboolean
ts_source_import (TsSource         *self,
                  GFile            *file,
                  TsMapping        *mapping,
                  TsDatasetBuilder *builder,
                  TsImportJob      *job,
                  GCancellable     *cancellable,
                  GError          **error)
{
  TsSourceInterface *iface;
  g_autoptr(GError) local_error = NULL;
  TsTable table;
  guint field;
  guint64 row;

  g_return_val_if_fail (TS_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (TS_IS_DATASET_BUILDER (builder), FALSE);

  iface = TS_SOURCE_GET_IFACE (self);
  if (iface->import == NULL)
    {
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_NOT_SUPPORTED,
                   _("The “%s” plugin cannot import files"), ts_source_get_id (self));
      return FALSE;
    }

  if (!iface->import (self, file, mapping, builder, job, cancellable, &local_error))
    {
      if (local_error == NULL)
        g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_FAILED,
                     _("The “%s” plugin failed without saying why"), ts_source_get_id (self));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_propagate_error (error, plugin_error (self, g_steal_pointer (&local_error)));
      return FALSE;
    }
  if (local_error != NULL)
    {
      /* succeeded and failed at once: believe the failure */
      g_propagate_error (error, plugin_error (self, g_steal_pointer (&local_error)));
      return FALSE;
    }

  if (!ts_dataset_builder_check_strings (builder, &table, &field, &row))
    {
      g_autofree char *path = g_file_get_parse_name (file);

      if (table == TS_N_TABLES)
        g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_FAILED,
                     _("%s: the “%s” plugin gave an alias or id that is not one of its strings"),
                     path, ts_source_get_id (self));
      else
        g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_FAILED,
                     /* Translators: a file, a plugin id, a row number, a table and a field */
                     _("%s: the “%s” plugin gave row %" G_GUINT64_FORMAT " of %s a %s that is "
                       "not one of its strings"),
                     path, ts_source_get_id (self), row + 1, ts_table_get_name (table),
                     ts_table_get_field (table, field)->name);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GFile            *file;
  TsMapping        *mapping;
  TsDatasetBuilder *builder;
  TsImportJob      *job;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->mapping, ts_mapping_unref);
  g_clear_object (&data->builder);
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

  if (ts_source_import (TS_SOURCE (source_object), data->file, data->mapping,
                        data->builder, data->job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * ts_source_import_async:
 *
 * Imports @file into @builder in a worker thread.  The builder must not be
 * touched until the callback runs.
 */
void
ts_source_import_async (TsSource            *self,
                        GFile               *file,
                        TsMapping           *mapping,
                        TsDatasetBuilder    *builder,
                        TsImportJob         *job,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (TS_IS_SOURCE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (TS_IS_DATASET_BUILDER (builder));

  data = g_new0 (ImportData, 1);
  data->file = g_object_ref (file);
  data->mapping = mapping ? ts_mapping_ref (mapping) : NULL;
  data->builder = g_object_ref (builder);
  data->job = job ? g_object_ref (job) : NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ts_source_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
ts_source_import_finish (TsSource      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (TS_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ts_source_preview:
 * @max_records: 0 for all
 *
 * Returns: (transfer full) (element-type GStrv): records exactly as parsed,
 * before any mapping (the header, if any, is the first record).
 */
GPtrArray *
ts_source_preview (TsSource      *self,
                   GFile         *file,
                   TsMapping     *mapping,
                   guint          max_records,
                   GCancellable  *cancellable,
                   GError       **error)
{
  TsSourceInterface *iface;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *ret;

  g_return_val_if_fail (TS_IS_SOURCE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  iface = TS_SOURCE_GET_IFACE (self);
  if (iface->preview == NULL)
    {
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_NOT_SUPPORTED,
                   _("The “%s” plugin cannot preview files"), ts_source_get_id (self));
      return NULL;
    }

  ret = iface->preview (self, file, mapping, max_records, cancellable, &local_error);
  if (ret == NULL)
    {
      if (local_error == NULL)
        g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_FAILED,
                     _("The “%s” plugin failed without saying why"), ts_source_get_id (self));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return ret;
}

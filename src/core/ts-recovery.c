/* ts-recovery.c — recovery files: unsaved workspaces kept against a crash
 *
 * While a workspace has changes that are not saved, the application writes
 * it whole to a recovery file in a folder of its own (the caller chooses it:
 * the core knows no settings), and removes the file once the workspace is
 * saved or its changes discarded.  A recovery file is the workspace as JSON,
 * with every source path absolute, plus what it recovers:
 *
 *   {
 *     "touchstone": 1, "title": …, "sources": [ … ], "playbook": { … }, …
 *     "recovery": {
 *       "workspace": "/home/ana/q3.touchstone",   absent for a new workspace
 *       "written": "2026-11-22T14:31:07.250113Z"
 *     }
 *   }
 *
 * A recovery file is named after its workspace (its name and a hash of its
 * path, so that one workspace always has the same one), or "untitled-…" for
 * a workspace never saved.  Each is written to a temporary file that is
 * renamed over the last one, so a crash while writing leaves the previous
 * snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-recovery"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ts-recovery.h"

struct _TsRecovery
{
  GObject      parent_instance;
  GFile       *file;
  GFile       *workspace_file;
  GDateTime   *written;
  char        *title;
  char        *text;
  gsize        len;
};

G_DEFINE_QUARK (ts-recovery-error-quark, ts_recovery_error)
G_DEFINE_FINAL_TYPE (TsRecovery, ts_recovery, G_TYPE_OBJECT)

#define SUFFIX ".touchstone"

static void
ts_recovery_finalize (GObject *object)
{
  TsRecovery *self = (TsRecovery *) object;

  g_clear_object (&self->file);
  g_clear_object (&self->workspace_file);
  g_clear_pointer (&self->written, g_date_time_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (ts_recovery_parent_class)->finalize (object);
}

static void
ts_recovery_class_init (TsRecoveryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ts_recovery_finalize;
}

static void
ts_recovery_init (TsRecovery *self)
{
}

/**
 * ts_recovery_dup_file_for:
 * @dir: the folder recovery files are kept in
 * @workspace_file: (nullable): where the workspace is saved, or %NULL for a
 *   workspace never saved
 *
 * Returns: (transfer full): the recovery file of a saved workspace (always
 *   the same for the same path), or a new "untitled-…" one
 */
GFile *
ts_recovery_dup_file_for (GFile *dir,
                          GFile *workspace_file)
{
  static guint counter;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);
  g_return_val_if_fail (workspace_file == NULL || G_IS_FILE (workspace_file), NULL);

  if (workspace_file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (workspace_file);
      g_autofree char *base = g_file_get_basename (workspace_file);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);

      if (g_str_has_suffix (base, SUFFIX) && strlen (base) > strlen (SUFFIX))
        base[strlen (base) - strlen (SUFFIX)] = '\0';
      g_strcanon (base, G_CSET_a_2_z G_CSET_A_2_Z G_CSET_DIGITS "-_.", '_');
      hash[16] = '\0';
      name = g_strdup_printf ("%s-%s" SUFFIX, base, hash);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");

      name = g_strdup_printf ("untitled-%s-%d-%u" SUFFIX, stamp, (int) getpid (),
                              g_atomic_int_add (&counter, 1));
    }
  return g_file_get_child (dir, name);
}

/**
 * ts_recovery_write:
 * @file: the recovery file (see ts_recovery_dup_file_for()), a local one
 *
 * Writes @workspace whole to @file, with where it belongs and when it was
 * written, creating the folder if needed.  The text goes to a temporary file
 * renamed over @file: a failure leaves the previous snapshot.
 */
gboolean
ts_recovery_write (GFile        *file,
                   TsWorkspace  *workspace,
                   GError      **error)
{
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *recovery;
  GFile *workspace_file;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (g_file_peek_path (file) != NULL, FALSE);
  g_return_val_if_fail (TS_IS_WORKSPACE (workspace), FALSE);

  /* every source path absolute: the recovery file lives elsewhere */
  data = ts_workspace_to_data (workspace, NULL);
  if (!json_parser_load_from_data (parser, data, -1, error))
    return FALSE;

  recovery = json_object_new ();
  workspace_file = ts_workspace_get_file (workspace);
  if (workspace_file != NULL)
    {
      g_autofree char *path = g_file_get_path (workspace_file);
      if (path != NULL)
        json_object_set_string_member (recovery, "workspace", path);
    }
  written = g_date_time_format_iso8601 (now);
  json_object_set_string_member (recovery, "written", written);
  json_object_set_object_member (json_node_get_object (json_parser_get_root (parser)),
                                 "recovery", recovery);

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, json_parser_get_root (parser));
  text = json_generator_to_data (gen, NULL);

  dir = g_file_get_parent (file);
  if (!g_file_make_directory_with_parents (dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* a temporary file beside it, flushed, then renamed over it: the first
   * snapshot as much as the next */
  return g_file_set_contents_full (g_file_peek_path (file), text, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static gboolean
invalid (GError    **error,
         GFile      *file,
         const char *path,
         const char *message)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, TS_RECOVERY_ERROR, TS_RECOVERY_ERROR_INVALID, "%s: %s: %s", name, path, message);
  return FALSE;
}

static TsWorkspace *
parse_workspace (TsRecovery  *self,
                 GError     **error)
{
  g_autoptr(TsWorkspace) workspace = ts_workspace_load_from_data (self->text, self->len, NULL, error);

  if (workspace == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (self->file);
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }
  ts_workspace_set_file (workspace, self->workspace_file);
  return g_steal_pointer (&workspace);
}

/**
 * ts_recovery_load:
 *
 * Reads a recovery file: what it recovers and when it was written.
 *
 * Returns: (transfer full): the recovery, or %NULL with @error naming the
 *   file and the JSON path of what is wrong
 */
TsRecovery *
ts_recovery_load (GFile   *file,
                  GError **error)
{
  g_autoptr(TsRecovery) self = g_object_new (TS_TYPE_RECOVERY, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TsWorkspace) workspace = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root, *node;
  JsonObject *recovery;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self->file = g_object_ref (file);
  if (!g_file_load_contents (file, NULL, &self->text, &self->len, NULL, error))
    return NULL;
  if (!json_parser_load_from_data (parser, self->text, self->len, &local_error))
    {
      invalid (error, file, "$", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (node = json_object_get_member (json_node_get_object (root), "recovery")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, file, "$.recovery", _("not a recovery file: expected an object saying what it recovers"));
      return NULL;
    }
  recovery = json_node_get_object (node);

  node = json_object_get_member (recovery, "written");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING ||
      (self->written = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL)) == NULL)
    {
      invalid (error, file, "$.recovery.written", _("expected the time it was written (ISO 8601)"));
      return NULL;
    }

  node = json_object_get_member (recovery, "workspace");
  if (node != NULL)
    {
      if (json_node_get_value_type (node) != G_TYPE_STRING ||
          !g_path_is_absolute (json_node_get_string (node)))
        {
          invalid (error, file, "$.recovery.workspace", _("expected the workspace's absolute path"));
          return NULL;
        }
      self->workspace_file = g_file_new_for_path (json_node_get_string (node));
    }

  workspace = parse_workspace (self, error);
  if (workspace == NULL)
    return NULL;
  self->title = g_strdup (ts_workspace_get_title (workspace));
  return g_steal_pointer (&self);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  TsRecovery *ra = *(TsRecovery **) a;
  TsRecovery *rb = *(TsRecovery **) b;

  return g_date_time_compare (rb->written, ra->written);
}

/**
 * ts_recovery_list:
 * @dir: the folder recovery files are kept in
 *
 * Reads every recovery file in @dir; one that cannot be read is skipped (and
 * left where it is).
 *
 * Returns: (transfer full) (element-type TsRecovery): the recoveries, the
 *   newest first
 */
GPtrArray *
ts_recovery_list (GFile *dir)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFileEnumerator) e = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                 G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  if (e == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("%s", error->message);
      return g_steal_pointer (&list);
    }
  while ((info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) local_error = NULL;
      TsRecovery *recovery;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR || !g_str_has_suffix (name, SUFFIX))
        continue;
      file = g_file_get_child (dir, name);
      recovery = ts_recovery_load (file, &local_error);
      if (recovery == NULL)
        g_debug ("skipped: %s", local_error->message);
      else
        g_ptr_array_add (list, recovery);
    }
  g_ptr_array_sort (list, compare_newest_first);
  return g_steal_pointer (&list);
}

/**
 * ts_recovery_get_file:
 *
 * Returns: (transfer none): the recovery file
 */
GFile *
ts_recovery_get_file (TsRecovery *self)
{
  g_return_val_if_fail (TS_IS_RECOVERY (self), NULL);
  return self->file;
}

/**
 * ts_recovery_get_workspace_file:
 *
 * Returns: (transfer none) (nullable): where the workspace recovered is
 *   saved, or %NULL for one never saved
 */
GFile *
ts_recovery_get_workspace_file (TsRecovery *self)
{
  g_return_val_if_fail (TS_IS_RECOVERY (self), NULL);
  return self->workspace_file;
}

/**
 * ts_recovery_get_written:
 *
 * Returns: (transfer none): when the recovery file was written (UTC)
 */
GDateTime *
ts_recovery_get_written (TsRecovery *self)
{
  g_return_val_if_fail (TS_IS_RECOVERY (self), NULL);
  return self->written;
}

/**
 * ts_recovery_get_title:
 *
 * Returns: the title of the workspace recovered
 */
const char *
ts_recovery_get_title (TsRecovery *self)
{
  g_return_val_if_fail (TS_IS_RECOVERY (self), NULL);
  return self->title;
}

/**
 * ts_recovery_is_stale:
 *
 * Returns: whether the workspace was saved after the recovery file was
 *   written: the recovery holds nothing the file does not
 */
gboolean
ts_recovery_is_stale (TsRecovery *self)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GDateTime) modified = NULL;

  g_return_val_if_fail (TS_IS_RECOVERY (self), FALSE);

  if (self->workspace_file == NULL)
    return FALSE;
  info = g_file_query_info (self->workspace_file,
                            G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return FALSE;
  modified = g_file_info_get_modification_date_time (info);
  return modified != NULL && g_date_time_compare (modified, self->written) > 0;
}

/**
 * ts_recovery_dup_workspace:
 *
 * Returns: (transfer full): the workspace recovered: where it belongs
 *   (#TsWorkspace:file, %NULL for one never saved) and modified, for it is
 *   not saved there
 */
TsWorkspace *
ts_recovery_dup_workspace (TsRecovery  *self,
                           GError     **error)
{
  TsWorkspace *workspace;

  g_return_val_if_fail (TS_IS_RECOVERY (self), NULL);

  workspace = parse_workspace (self, error);
  if (workspace != NULL)
    ts_workspace_set_modified (workspace, TRUE);
  return workspace;
}

/**
 * ts_recovery_discard:
 *
 * Removes the recovery file (one already gone is no error).
 */
gboolean
ts_recovery_discard (TsRecovery  *self,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TS_IS_RECOVERY (self), FALSE);

  if (!g_file_delete (self->file, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* test-workspace.c — .touchstone files: round trip, relative paths, atomic saves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <touchstone.h>

static void
test_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-workspace-XXXXXX", NULL);
  g_autofree char *ws_path = g_build_filename (dir, "review.touchstone", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "exports", "tickets.csv", NULL);
  g_autoptr(GFile) ws_file = g_file_new_for_path (ws_path);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) elsewhere = g_file_new_for_path ("/srv/shared/survey.csv");
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autoptr(TsWorkspace) back = NULL;
  g_autoptr(JsonObject) mapping = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *back_csv = NULL;

  json_object_set_string_member (mapping, "table", "cases");
  ts_workspace_set_title (ws, "Q3 review");
  ts_workspace_set_identity (ws, "email");
  ts_workspace_add_source (ws, csv, "csv", mapping);
  ts_workspace_add_source (ws, elsewhere, NULL, NULL);
  json_object_set_int_member (ts_workspace_get_playbook (ws), "weights_version", 3);
  g_assert_true (ts_workspace_get_modified (ws));

  g_assert_true (ts_workspace_save (ws, ws_file, &error));
  g_assert_no_error (error);
  g_assert_false (ts_workspace_get_modified (ws));

  /* paths under the workspace's folder are stored relative to it */
  g_assert_true (g_file_get_contents (ws_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"exports/tickets.csv\""));
  g_assert_nonnull (strstr (text, "\"/srv/shared/survey.csv\""));

  back = ts_workspace_load (ws_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ts_workspace_get_title (back), ==, "Q3 review");
  g_assert_cmpstr (ts_workspace_get_identity (back), ==, "email");
  g_assert_cmpuint (ts_workspace_get_n_sources (back), ==, 2);
  back_csv = g_file_get_path (ts_workspace_get_source (back, 0));
  g_assert_cmpstr (back_csv, ==, csv_path);
  g_assert_cmpstr (ts_workspace_get_source_plugin (back, 0), ==, "csv");
  g_assert_null (ts_workspace_get_source_plugin (back, 1));
  g_assert_cmpstr (json_object_get_string_member (ts_workspace_get_source_mapping (back, 0), "table"), ==, "cases");
  g_assert_cmpint (json_object_get_int_member (ts_workspace_get_playbook (back), "weights_version"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (ts_workspace_get_playbook (back), "schema"), ==, 1);

  /* the same text again */
  {
    g_autoptr(GFile) base = g_file_new_for_path (dir);
    g_autofree char *again = ts_workspace_to_data (back, base);
    g_assert_cmpstr (again, ==, text);
  }

  g_remove (ws_path);
  g_rmdir (dir);
}

static void
test_save_keeps_backup (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-workspace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "w.touchstone", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *now = NULL;

  ts_workspace_set_title (ws, "first");
  g_assert_true (ts_workspace_save (ws, file, &error));
  ts_workspace_set_title (ws, "second");
  g_assert_true (ts_workspace_save (ws, file, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (backup, &old, NULL, NULL));
  g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
  g_assert_nonnull (strstr (old, "\"first\""));
  g_assert_nonnull (strstr (now, "\"second\""));

  g_remove (path);
  g_remove (backup);
  g_rmdir (dir);
}

static void
test_failed_save_leaves_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-workspace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "w.touchstone", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "w.touchstone", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad = g_file_new_for_path (missing);
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;

  ts_workspace_set_title (ws, "kept");
  g_assert_true (ts_workspace_save (ws, file, &error));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  /* a save that cannot be written fails, and changes neither file nor state */
  ts_workspace_set_title (ws, "changed");
  g_assert_false (ts_workspace_save (ws, bad, &error));
  g_assert_nonnull (error);
  g_assert_true (ts_workspace_get_modified (ws));
  g_assert_true (g_file_equal (ts_workspace_get_file (ws), file));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  g_remove (path);
  g_rmdir (dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* names of the files in @dir, sorted, joined by spaces */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_failed_save_over_file_keeps_it (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-workspace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "w.touchstone", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *blocker = g_build_filename (backup, "keep", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  g_autofree char *names = NULL;

  ts_workspace_set_title (ws, "kept");
  g_assert_true (ts_workspace_save (ws, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  /* the previous version cannot be kept: FILE~ is a folder that is not
   * empty, which no one may remove with unlink(), root included */
  g_assert_cmpint (g_mkdir (backup, 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "x", -1, NULL));

  ts_workspace_set_title (ws, "changed");
  g_assert_false (ts_workspace_save (ws, file, &error));
  g_assert_nonnull (error);
  /* the error names the file */
  if (!g_str_has_prefix (error->message, path))
    g_error ("expected an error naming %s, got: %s", path, error->message);

  /* the file is byte for byte what it was; nothing is left beside it */
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "w.touchstone w.touchstone~");
  g_assert_true (ts_workspace_get_modified (ws));

  g_remove (blocker);
  g_rmdir (backup);
  g_remove (path);
  g_rmdir (dir);
}

static void
on_changed_cb (TsWorkspace *ws,
               guint       *n)
{
  (*n)++;
}

static void
test_changed_on_every_edit (void)
{
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autoptr(GFile) csv = g_file_new_for_path ("/srv/shared/survey.csv");
  guint n = 0;

  g_signal_connect (ws, "changed", G_CALLBACK (on_changed_cb), &n);
  ts_workspace_set_title (ws, "one");
  g_assert_cmpuint (n, ==, 1);
  /* still modified: every edit is a change all the same */
  ts_workspace_set_title (ws, "two");
  ts_workspace_add_source (ws, csv, NULL, NULL);
  ts_workspace_set_view_string (ws, "journeys", "journey", "win-back");
  g_assert_cmpuint (n, ==, 4);
  /* nothing changed, no change */
  ts_workspace_set_title (ws, "two");
  ts_workspace_set_modified (ws, FALSE);
  g_assert_cmpuint (n, ==, 4);
}

static void
assert_invalid (const char *json,
                const char *json_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsWorkspace) ws = ts_workspace_load_from_data (json, -1, NULL, &error);

  g_assert_null (ws);
  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, json_path))
    g_error ("expected an error at %s, got: %s", json_path, error->message);
}

static void
test_invalid (void)
{
  assert_invalid ("[]", "$");
  assert_invalid ("{}", "$.touchstone");
  assert_invalid ("{\"touchstone\": 99}", "$.touchstone");
  assert_invalid ("{\"touchstone\": 1, \"title\": 3}", "$.title");
  assert_invalid ("{\"touchstone\": 1, \"sources\": {}}", "$.sources");
  assert_invalid ("{\"touchstone\": 1, \"sources\": [{\"path\": \"a.csv\"}, {}]}", "$.sources[1].path");
  assert_invalid ("{\"touchstone\": 1, \"sources\": [{\"path\": \"a.csv\", \"mapping\": {\"table\": \"nope\"}}]}",
                  "$.sources[0].mapping.table");
  assert_invalid ("{\"touchstone\": 1, \"playbook\": []}", "$.playbook");
}

static void
test_mapping_for_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) base = g_file_new_for_path ("/data/ws");
  g_autoptr(TsWorkspace) ws = ts_workspace_load_from_data (
    "{\"touchstone\": 1, \"identity\": \"email\", \"sources\": ["
    " {\"path\": \"tickets.csv\", \"mapping\": {\"table\": \"cases\", \"time_format\": \"mdy\"}},"
    " {\"path\": \"events.csv\"}]}", -1, base, &error);
  g_autoptr(TsMapping) mapping = NULL;
  g_autoptr(TsMapping) tickets = NULL;
  g_autoptr(TsMapping) events = NULL;
  g_auto(GStrv) paths = NULL;

  g_assert_no_error (error);
  paths = ts_workspace_dup_paths (ws);
  g_assert_cmpstr (paths[0], ==, "/data/ws/tickets.csv");
  g_assert_cmpstr (paths[1], ==, "/data/ws/events.csv");

  mapping = ts_workspace_build_mapping (ws);
  tickets = ts_mapping_resolve (mapping, "/data/ws/tickets.csv");
  events = ts_mapping_resolve (mapping, "/data/ws/events.csv");
  g_assert_cmpint (ts_mapping_get_table (tickets), ==, TS_TABLE_CASES);
  g_assert_cmpint (ts_mapping_get_time_format (tickets), ==, TS_TIME_FORMAT_MDY);
  g_assert_cmpint (ts_mapping_get_table (events), ==, TS_TABLE_NONE);
  g_assert_cmpstr (ts_mapping_get_identity (events), ==, "email");
}

/* A folder source: its mapping's "files" name files inside it */
static void
test_mapping_for_files_in_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) base = g_file_new_for_path ("/data/ws");
  g_autoptr(TsWorkspace) ws = ts_workspace_load_from_data (
    "{\"touchstone\": 1, \"sources\": ["
    " {\"path\": \"exports\", \"mapping\": {\"time_format\": \"dmy\","
    "   \"files\": {\"tickets.csv\": {\"table\": \"cases\", \"time_format\": \"mdy\"}}}}]}",
    -1, base, &error);
  g_autoptr(TsMapping) mapping = NULL;
  g_autoptr(TsMapping) tickets = NULL;
  g_autoptr(TsMapping) other = NULL;

  g_assert_no_error (error);
  mapping = ts_workspace_build_mapping (ws);
  tickets = ts_mapping_resolve (mapping, "/data/ws/exports/tickets.csv");
  other = ts_mapping_resolve (mapping, "/data/ws/exports/events.csv");
  g_assert_cmpint (ts_mapping_get_table (tickets), ==, TS_TABLE_CASES);
  g_assert_cmpint (ts_mapping_get_time_format (tickets), ==, TS_TIME_FORMAT_MDY);
  g_assert_cmpint (ts_mapping_get_table (other), ==, TS_TABLE_NONE);
  g_assert_cmpint (ts_mapping_get_time_format (other), ==, TS_TIME_FORMAT_DMY);
}

static void
test_demo_is_bundled (void)
{
  g_autoptr(GFile) file = ts_workspace_dup_demo_file ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsWorkspace) ws = ts_workspace_load (file, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ts_workspace_get_n_sources (ws), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_true (g_file_query_exists (ts_workspace_get_source (ws, i), NULL));
  g_assert_cmpstr (ts_workspace_get_identity (ws), ==, "email");
}

/* A page's moment kept in its view, kept across a save, and forgotten */
static void
test_view_time (void)
{
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autoptr(TsWorkspace) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  TsTime t = ts_timestamp_from_civil (2025, 5, 1, 12, 30, 0, 0), out = 0;

  g_assert_false (ts_workspace_get_view_time (ws, "outcomes", "compare_as_of", &out));
  ts_workspace_set_view_time (ws, "outcomes", "compare_as_of", t);
  ts_workspace_set_view_time (ws, "scoring", "as_of", t + 1000000);
  g_assert_true (ts_workspace_get_modified (ws));
  g_assert_cmpuint (json_array_get_length (ts_workspace_get_views (ws)), ==, 2);

  data = ts_workspace_to_data (ws, NULL);
  back = ts_workspace_load_from_data (data, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ts_workspace_get_view_time (back, "outcomes", "compare_as_of", &out));
  g_assert_cmpint (out, ==, t);
  g_assert_true (ts_workspace_get_view_time (back, "scoring", "as_of", &out));
  g_assert_cmpint (out, ==, t + 1000000);

  ts_workspace_set_view_time (back, "outcomes", "compare_as_of", TS_TIME_NULL);
  g_assert_false (ts_workspace_get_view_time (back, "outcomes", "compare_as_of", &out));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/workspace/round-trip", test_round_trip);
  g_test_add_func ("/core/workspace/save-keeps-backup", test_save_keeps_backup);
  g_test_add_func ("/core/workspace/failed-save-leaves-file", test_failed_save_leaves_file);
  g_test_add_func ("/core/workspace/failed-save-over-file-keeps-it", test_failed_save_over_file_keeps_it);
  g_test_add_func ("/core/workspace/changed-on-every-edit", test_changed_on_every_edit);
  g_test_add_func ("/core/workspace/invalid-names-json-path", test_invalid);
  g_test_add_func ("/core/workspace/mapping-for-sources", test_mapping_for_sources);
  g_test_add_func ("/core/workspace/mapping-for-files-in-folder", test_mapping_for_files_in_folder);
  g_test_add_func ("/core/workspace/demo-is-bundled", test_demo_is_bundled);
  g_test_add_func ("/core/workspace/view-time", test_view_time);

  return g_test_run ();
}

/* test-recovery.c — recovery files: written whole, read back, stale, listed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <touchstone.h>

typedef struct
{
  char  *dir;            /* the workspace's folder */
  char  *recovery_dir;   /* where recovery files go */
  GFile *recovery;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("ts-recovery-XXXXXX", NULL);
  f->recovery_dir = g_build_filename (f->dir, "state", "touchstone", "recovery", NULL);
  f->recovery = g_file_new_for_path (f->recovery_dir);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                            NULL, NULL);
  GFileInfo *info;

  while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);

  remove_tree (dir);
  g_free (f->dir);
  g_free (f->recovery_dir);
  g_object_unref (f->recovery);
}

static TsWorkspace *
saved_workspace (Fixture    *f,
                 const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "exports", "tickets.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autoptr(GError) error = NULL;

  ts_workspace_set_title (ws, "Q3 review");
  ts_workspace_add_source (ws, csv, "csv", NULL);
  g_assert_true (ts_workspace_save (ws, file, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&ws);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(TsWorkspace) ws = saved_workspace (f, "q3.touchstone");
  g_autoptr(GFile) file = NULL;
  g_autoptr(TsRecovery) recovery = NULL;
  g_autoptr(TsWorkspace) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) before = NULL, after = NULL;
  g_autofree char *csv_path = g_build_filename (f->dir, "exports", "tickets.csv", NULL);
  g_autofree char *back_csv = NULL;
  g_autofree char *text = NULL;

  /* an unsaved edit */
  json_object_set_int_member (ts_workspace_get_playbook (ws), "weights_version", 7);
  ts_workspace_set_view_string (ws, "journeys", "journey", "win-back");
  g_assert_true (ts_workspace_get_modified (ws));

  file = ts_recovery_dup_file_for (f->recovery, ts_workspace_get_file (ws));
  before = g_date_time_new_now_utc ();
  g_assert_true (ts_recovery_write (file, ws, &error));
  g_assert_no_error (error);
  after = g_date_time_new_now_utc ();

  /* the folder was made; source paths are absolute in the recovery */
  g_assert_true (g_file_get_contents (g_file_peek_path (file), &text, NULL, NULL));
  g_assert_nonnull (strstr (text, csv_path));

  recovery = ts_recovery_load (file, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (ts_recovery_get_file (recovery), file));
  g_assert_true (g_file_equal (ts_recovery_get_workspace_file (recovery), ts_workspace_get_file (ws)));
  g_assert_cmpstr (ts_recovery_get_title (recovery), ==, "Q3 review");
  g_assert_cmpint (g_date_time_compare (before, ts_recovery_get_written (recovery)), <=, 0);
  g_assert_cmpint (g_date_time_compare (ts_recovery_get_written (recovery), after), <=, 0);
  g_assert_false (ts_recovery_is_stale (recovery));

  /* the workspace comes back with the edit, unsaved, where it belongs */
  back = ts_recovery_dup_workspace (recovery, &error);
  g_assert_no_error (error);
  g_assert_true (ts_workspace_get_modified (back));
  g_assert_true (g_file_equal (ts_workspace_get_file (back), ts_workspace_get_file (ws)));
  g_assert_cmpint (json_object_get_int_member (ts_workspace_get_playbook (back), "weights_version"), ==, 7);
  g_assert_cmpstr (ts_workspace_get_view_string (back, "journeys", "journey"), ==, "win-back");
  g_assert_cmpuint (ts_workspace_get_n_sources (back), ==, 1);
  back_csv = g_file_get_path (ts_workspace_get_source (back, 0));
  g_assert_cmpstr (back_csv, ==, csv_path);
  g_assert_cmpstr (ts_workspace_get_source_plugin (back, 0), ==, "csv");

  /* written again over the last one; discarded, it is gone */
  ts_workspace_set_title (ws, "Q3 review, final");
  g_assert_true (ts_recovery_write (file, ws, &error));
  g_clear_object (&recovery);
  recovery = ts_recovery_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ts_recovery_get_title (recovery), ==, "Q3 review, final");
  g_assert_true (ts_recovery_discard (recovery, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_true (ts_recovery_discard (recovery, &error));
  g_assert_no_error (error);
}

static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *a_path = g_build_filename (f->dir, "q3 review.touchstone", NULL);
  g_autofree char *b_path = g_build_filename (f->dir, "other", "q3 review.touchstone", NULL);
  g_autoptr(GFile) a = g_file_new_for_path (a_path);
  g_autoptr(GFile) a_again = g_file_new_for_path (a_path);
  g_autoptr(GFile) b = g_file_new_for_path (b_path);
  g_autoptr(GFile) ra = ts_recovery_dup_file_for (f->recovery, a);
  g_autoptr(GFile) ra_again = ts_recovery_dup_file_for (f->recovery, a_again);
  g_autoptr(GFile) rb = ts_recovery_dup_file_for (f->recovery, b);
  g_autoptr(GFile) u1 = ts_recovery_dup_file_for (f->recovery, NULL);
  g_autoptr(GFile) u2 = ts_recovery_dup_file_for (f->recovery, NULL);
  g_autoptr(GFile) parent = g_file_get_parent (ra);
  g_autofree char *name = g_file_get_basename (ra);
  g_autofree char *untitled = g_file_get_basename (u1);

  /* one workspace, one recovery file, named after it; another folder, another */
  g_assert_true (g_file_equal (parent, f->recovery));
  g_assert_true (g_file_equal (ra, ra_again));
  g_assert_false (g_file_equal (ra, rb));
  g_assert_true (g_str_has_prefix (name, "q3_review-"));
  g_assert_true (g_str_has_suffix (name, ".touchstone"));
  /* a new workspace's each its own */
  g_assert_true (g_str_has_prefix (untitled, "untitled-"));
  g_assert_false (g_file_equal (u1, u2));
}

static void
set_mtime (const char *path,
           GDateTime  *when)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                               g_date_time_to_unix (when), G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_file_set_attribute_uint32 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC, 0,
                               G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
}

static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TsWorkspace) ws = saved_workspace (f, "q3.touchstone");
  g_autofree char *path = g_file_get_path (ts_workspace_get_file (ws));
  g_autoptr(GFile) file = ts_recovery_dup_file_for (f->recovery, ts_workspace_get_file (ws));
  g_autoptr(TsRecovery) recovery = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) earlier = g_date_time_add_minutes (now, -10);
  g_autoptr(GDateTime) later = g_date_time_add_minutes (now, 10);

  ts_workspace_set_title (ws, "edited");
  g_assert_true (ts_recovery_write (file, ws, &error));
  recovery = ts_recovery_load (file, &error);
  g_assert_no_error (error);

  /* saved before the recovery was written: the recovery holds more */
  set_mtime (path, earlier);
  g_assert_false (ts_recovery_is_stale (recovery));
  /* saved after: it holds nothing the file does not */
  set_mtime (path, later);
  g_assert_true (ts_recovery_is_stale (recovery));
  /* the workspace gone: the recovery is all there is */
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_false (ts_recovery_is_stale (recovery));
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(TsWorkspace) named = saved_workspace (f, "q3.touchstone");
  g_autoptr(TsWorkspace) untitled = ts_workspace_new ();
  g_autoptr(GFile) named_file = ts_recovery_dup_file_for (f->recovery, ts_workspace_get_file (named));
  g_autoptr(GFile) untitled_file = ts_recovery_dup_file_for (f->recovery, NULL);
  g_autofree char *junk = g_build_filename (f->recovery_dir, "junk.touchstone", NULL);
  g_autofree char *other = g_build_filename (f->recovery_dir, "notes.txt", NULL);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  TsRecovery *first, *second;

  /* no folder yet: nothing to recover */
  none = ts_recovery_list (f->recovery);
  g_assert_cmpuint (none->len, ==, 0);

  ts_workspace_set_title (named, "edited");
  g_assert_true (ts_recovery_write (named_file, named, &error));
  g_usleep (2000);
  ts_workspace_set_title (untitled, "scratch");
  g_assert_true (ts_recovery_write (untitled_file, untitled, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (junk, "{ not json", -1, NULL));
  g_assert_true (g_file_set_contents (other, "hello", -1, NULL));

  /* the unreadable and the foreign are skipped, and left alone */
  list = ts_recovery_list (f->recovery);
  g_assert_cmpuint (list->len, ==, 2);
  first = g_ptr_array_index (list, 0);
  second = g_ptr_array_index (list, 1);
  /* the newest first */
  g_assert_cmpstr (ts_recovery_get_title (first), ==, "scratch");
  g_assert_null (ts_recovery_get_workspace_file (first));
  g_assert_cmpstr (ts_recovery_get_title (second), ==, "edited");
  g_assert_nonnull (ts_recovery_get_workspace_file (second));
  g_assert_true (g_file_test (junk, G_FILE_TEST_EXISTS));
}

static void
assert_invalid (Fixture    *f,
                const char *text,
                const char *json_path)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.touchstone", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsRecovery) recovery = NULL;
  g_autofree char *expected = g_strdup_printf ("%s: %s", path, json_path);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  recovery = ts_recovery_load (file, &error);
  g_assert_null (recovery);
  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("expected an error at %s, got: %s", expected, error->message);
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  /* a workspace is no recovery file */
  assert_invalid (f, "{ \"touchstone\": 1 }", "$.recovery");
  assert_invalid (f, "[1]", "$.recovery");
  assert_invalid (f, "{ \"touchstone\": 1, \"recovery\": { \"written\": \"yesterday\" } }",
                  "$.recovery.written");
  assert_invalid (f, "{ \"touchstone\": 1, \"recovery\": { \"written\": \"2026-11-22T10:00:00Z\", "
                  "\"workspace\": \"relative.touchstone\" } }", "$.recovery.workspace");
  assert_invalid (f, "{ \"touchstone\": 1, \"recovery\": { \"written\": \"2026-11-22T10:00:00Z\" }, "
                  "\"sources\": {} }", "$.sources");
}

static void
test_write_fails (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autofree char *state = g_build_filename (f->dir, "state", NULL);
  g_autoptr(GFile) file = ts_recovery_dup_file_for (f->recovery, NULL);
  g_autoptr(GError) error = NULL;

  /* where the folder should be, a file: the write fails and says so */
  g_assert_true (g_file_set_contents (state, "not a folder", -1, NULL));
  ts_workspace_set_title (ws, "scratch");
  g_assert_false (ts_recovery_write (file, ws, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_query_exists (file, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/recovery/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/core/recovery/names", Fixture, NULL, fixture_set_up, test_names, fixture_tear_down);
  g_test_add ("/core/recovery/stale-when-saved-after", Fixture, NULL, fixture_set_up, test_stale, fixture_tear_down);
  g_test_add ("/core/recovery/list-newest-first", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/core/recovery/write-fails-without-folder", Fixture, NULL, fixture_set_up, test_write_fails, fixture_tear_down);
  g_test_add ("/core/recovery/invalid-names-file-and-path", Fixture, NULL, fixture_set_up, test_invalid, fixture_tear_down);

  return g_test_run ();
}

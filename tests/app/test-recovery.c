/* test-recovery.c — the app keeps unsaved changes and offers them back
 *
 * Runs under Xvfb (see meson.build) with the plugins of the build tree, the
 * memory settings backend and a state folder of its own, where recovery
 * files go.  One test starts the real application as another process and
 * kills it; the others drive windows in this one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "ts-application.h"
#include "ts-window.h"

#include "app-harness.h"

static char *
sample_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", name, NULL);

  return g_canonicalize_filename (path, NULL);
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

static gboolean
file_has_sources (const char *path,
                  guint       n)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TsRecovery) recovery = NULL;
  g_autoptr(TsWorkspace) ws = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  recovery = ts_recovery_load (file, NULL);
  if (recovery == NULL)
    return FALSE;
  ws = ts_recovery_dup_workspace (recovery, NULL);
  return ws != NULL && ts_workspace_get_n_sources (ws) == n;
}

static gboolean
bus_name_owned (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus",
                                                           "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", name),
                                                           G_VARIANT_TYPE ("(b)"),
                                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Polls @cond every 50 ms for up to a minute, more under the sanitizers
 * (the app is another process). */
#define POLL_UNTIL(cond)                                                  \
  G_STMT_START {                                                          \
    gint64 end_ = g_get_monotonic_time () + 60 * TIME_SCALE * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < end_)                     \
      g_usleep (50 * 1000);                                               \
    g_assert_true (cond);                                                 \
  } G_STMT_END

/* The real application, started on a workspace in an XDG environment of its
 * own, is given a new source by a second `touchstone FILE` (as a file
 * manager opens a file with it) and killed once its unsaved changes are in
 * the recovery file; opened again, the workspace offers them back, and
 * recovered they are there to save. */
static void
test_recovery_after_sigkill (void)
{
  const char *touchstone = g_getenv ("TOUCHSTONE_APP");
  g_autofree char *tmp = g_dir_make_tmp ("ts-app-recovery-XXXXXX", NULL);
  g_autofree char *ws_path = g_build_filename (tmp, "q3.touchstone", NULL);
  g_autofree char *customers = sample_file ("customers.csv");
  g_autofree char *tickets = sample_file ("tickets.csv");
  g_autofree char *config = g_build_filename (tmp, "config", NULL);
  g_autofree char *keyfile_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autofree char *rdir_path = recovery_dir ();
  g_autoptr(GFile) rdir = g_file_new_for_path (rdir_path);
  g_autoptr(GFile) ws_file = g_file_new_for_path (ws_path);
  g_autoptr(GFile) customers_file = g_file_new_for_path (customers);
  g_autoptr(GFile) recovery_file = ts_recovery_dup_file_for (rdir, ws_file);
  g_autofree char *recovery_path = g_file_get_path (recovery_file);
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *saved = NULL, *after_kill = NULL;
  g_autofree char *dbus_daemon = g_find_program_in_path ("dbus-daemon");
  gboolean remote = dbus_daemon != NULL;
  GPid pid;
  int status;
  TsWindow *window;
  AdwMessageDialog *dialog;
  TsWorkspace *recovered;

  REQUIRE_DISPLAY ();
  g_assert_nonnull (touchstone);

  /* a saved workspace with one source */
  ts_workspace_set_title (ws, "Q3 review");
  ts_workspace_add_source (ws, customers_file, NULL, NULL);
  g_assert_true (ts_workspace_save (ws, ws_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (ws_path, &saved, NULL, NULL));

  /* its own settings (a short recovery delay), cache and state: the state
   * folder is this process's, for the second half reopens it here */
  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[io/github/touchstone/Touchstone]\nrecovery-delay=200\n",
                                      -1, NULL));
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache, TRUE);
  env = g_environ_setenv (env, "XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  if (remote)
    {
      /* a session bus of its own, where the app is unique */
      bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (bus);
      env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", g_test_dbus_get_bus_address (bus), TRUE);
      connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                           G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                           G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                           NULL, NULL, &error);
      g_assert_no_error (error);
    }
  else
    {
      /* no bus: nothing to forward to */
      g_test_message ("no dbus-daemon: the source is added from the command line");
      env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
    }

  {
    const char *argv_remote[] = { touchstone, ws_path, NULL };
    const char *argv_local[] = { touchstone, ws_path, tickets, NULL };

    g_spawn_async (NULL, (char **) (remote ? argv_remote : argv_local), env,
                   G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
    g_assert_no_error (error);
  }

  if (remote)
    {
      const char *argv[] = { touchstone, tickets, NULL };
      int remote_status;

      /* the app is up; a second start hands it the file and leaves */
      POLL_UNTIL (bus_name_owned (connection, APP_ID));
      g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                    &remote_status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (remote_status, NULL));
    }

  /* the unsaved change reaches the recovery file; then the app dies */
  POLL_UNTIL (file_has_sources (recovery_path, 2));
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  if (bus != NULL)
    g_test_dbus_down (bus);

  /* the workspace's file is as it was saved */
  g_assert_true (g_file_get_contents (ws_path, &after_kill, NULL, NULL));
  g_assert_cmpstr (after_kill, ==, saved);

  /* opened again, it offers the changes back: which workspace, and when */
  window = create_window ();
  g_assert_true (ts_window_open_workspace (window, ws_file));
  WAIT_UNTIL (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Recover Unsaved Changes?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Q3 review”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), ws_path));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d at ");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), today));
  }
  g_assert_true (adw_message_dialog_has_response (dialog, "recover"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  /* until then the window shows the file as saved */
  g_assert_cmpuint (ts_workspace_get_n_sources (ts_window_get_workspace (window)), ==, 1);

  /* recovered: the new source is there, unsaved, in the same window */
  adw_message_dialog_response (dialog, "recover");
  recovered = ts_window_get_workspace (window);
  g_assert_cmpuint (ts_workspace_get_n_sources (recovered), ==, 2);
  {
    g_autofree char *second = g_file_get_path (ts_workspace_get_source (recovered, 1));
    g_assert_cmpstr (second, ==, tickets);
  }
  g_assert_true (ts_workspace_get_modified (recovered));
  g_assert_true (g_file_equal (ts_workspace_get_file (recovered), ws_file));
  g_assert_true (g_file_test (recovery_path, G_FILE_TEST_EXISTS));
  WAIT_UNTIL (!ts_window_get_busy (window));
  g_assert_cmpuint (ts_dataset_get_n_rows (ts_window_get_dataset (window), TS_TABLE_CASES), >, 0);

  /* saved, the file holds it and there is nothing left to recover */
  g_assert_true (ts_window_save_workspace (window, ws_file));
  g_assert_false (g_file_test (recovery_path, G_FILE_TEST_EXISTS));
  g_clear_object (&ws);
  ws = ts_workspace_load (ws_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_workspace_get_n_sources (ws), ==, 2);

  destroy_toplevels ();
  {
    /* the app's own settings and cache too */
    g_autoptr(GFile) top = g_file_new_for_path (tmp);
    remove_tree (top);
  }
}

/* Discarded, the changes are gone for good; stale ones are never offered. */
static void
test_recovery_discard_and_stale (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("ts-app-recovery-XXXXXX", NULL);
  g_autofree char *ws_path = g_build_filename (tmp, "scratch.touchstone", NULL);
  g_autofree char *rdir_path = recovery_dir ();
  g_autoptr(GFile) rdir = g_file_new_for_path (rdir_path);
  g_autoptr(GFile) ws_file = g_file_new_for_path (ws_path);
  g_autoptr(GFile) recovery_file = ts_recovery_dup_file_for (rdir, ws_file);
  g_autoptr(GFile) untitled_file = ts_recovery_dup_file_for (rdir, NULL);
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autoptr(TsWorkspace) untitled = ts_workspace_new ();
  g_autoptr(GError) error = NULL;
  TsWindow *window;
  AdwMessageDialog *dialog;

  REQUIRE_DISPLAY ();

  g_assert_true (ts_workspace_save (ws, ws_file, &error));
  ts_workspace_set_title (ws, "edited");
  g_assert_true (ts_recovery_write (recovery_file, ws, &error));
  g_assert_no_error (error);

  /* Discard removes the recovery; the workspace stays as saved */
  window = create_window ();
  g_assert_true (ts_window_open_workspace (window, ws_file));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  g_assert_false (g_file_query_exists (recovery_file, NULL));
  g_assert_false (ts_workspace_get_modified (ts_window_get_workspace (window)));
  destroy_toplevels ();

  /* saved after the recovery was written: nothing is offered, and the
   * recovery is removed */
  g_assert_true (ts_recovery_write (recovery_file, ws, &error));
  g_usleep (20 * 1000);
  g_assert_true (ts_workspace_save (ws, ws_file, &error));
  window = create_window ();
  g_assert_true (ts_window_open_workspace (window, ws_file));
  spin (50);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (g_file_query_exists (recovery_file, NULL));
  destroy_toplevels ();

  /* a never saved workspace is offered at start-up, and says so */
  ts_workspace_set_title (untitled, "Scratch");
  g_assert_true (ts_recovery_write (untitled_file, untitled, &error));
  window = create_window ();
  ts_window_offer_recoveries (window);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“Scratch”"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "never saved"));
  adw_message_dialog_response (dialog, "recover");
  g_assert_cmpstr (ts_workspace_get_title (ts_window_get_workspace (window)), ==, "Scratch");
  g_assert_null (ts_workspace_get_file (ts_window_get_workspace (window)));
  g_assert_true (ts_workspace_get_modified (ts_window_get_workspace (window)));
  destroy_toplevels ();

  g_remove (ws_path);
  {
    g_autofree char *backup = g_strconcat (ws_path, "~", NULL);
    g_remove (backup);
  }
  g_rmdir (tmp);
}

/* Unsaved changes are written a moment after the last of them, and the
 * recovery goes once they are saved. */
static void
test_recovery_written_and_removed (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("ts-app-recovery-XXXXXX", NULL);
  g_autofree char *ws_path = g_build_filename (tmp, "w.touchstone", NULL);
  g_autofree char *rdir_path = recovery_dir ();
  g_autoptr(GFile) rdir = g_file_new_for_path (rdir_path);
  g_autoptr(GFile) ws_file = g_file_new_for_path (ws_path);
  g_autoptr(GFile) recovery_file = ts_recovery_dup_file_for (rdir, ws_file);
  g_autoptr(GSettings) settings = g_settings_new (TS_SETTINGS_SCHEMA_ID);
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autoptr(GError) error = NULL;
  TsWindow *window;
  TsWorkspace *shown;

  REQUIRE_DISPLAY ();

  g_settings_set_uint (settings, "recovery-delay", 300 * TIME_SCALE);
  g_assert_true (ts_workspace_save (ws, ws_file, &error));
  window = create_window ();
  g_assert_true (ts_window_open_workspace (window, ws_file));
  shown = ts_window_get_workspace (window);

  /* edits keep pushing the snapshot back */
  ts_workspace_set_title (shown, "one");
  spin (200 * TIME_SCALE);
  ts_workspace_set_title (shown, "two");
  spin (200 * TIME_SCALE);
  g_assert_false (g_file_query_exists (recovery_file, NULL));
  WAIT_UNTIL (g_file_query_exists (recovery_file, NULL));
  {
    g_autoptr(TsRecovery) recovery = ts_recovery_load (recovery_file, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ts_recovery_get_title (recovery), ==, "two");
  }

  /* saved: gone, and no snapshot while nothing changes */
  g_assert_true (ts_window_save_workspace (window, ws_file));
  g_assert_false (g_file_query_exists (recovery_file, NULL));
  spin (500 * TIME_SCALE);
  g_assert_false (g_file_query_exists (recovery_file, NULL));

  /* closed with changes given up: gone too */
  ts_workspace_set_title (shown, "three");
  WAIT_UNTIL (g_file_query_exists (recovery_file, NULL));
  gtk_window_close (GTK_WINDOW (window));   /* no sources: closes without asking */
  g_assert_false (g_file_query_exists (recovery_file, NULL));

  g_settings_reset (settings, "recovery-delay");
  destroy_toplevels ();
  g_remove (ws_path);
  {
    g_autofree char *backup = g_strconcat (ws_path, "~", NULL);
    g_remove (backup);
  }
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state_dir = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  ignore_glib_quark_block ();

  /* recovery files go to a state folder of the run's own */
  state_dir = g_dir_make_tmp ("ts-app-state-XXXXXX", NULL);
  g_setenv ("XDG_STATE_HOME", state_dir, TRUE);

  have_display = gtk_init_check ();
  if (have_display)
    {
      app = ts_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }

  g_test_add_func ("/app/recovery/written-and-removed", test_recovery_written_and_removed);
  g_test_add_func ("/app/recovery/discard-and-stale", test_recovery_discard_and_stale);
  g_test_add_func ("/app/recovery/sigkill-then-recover", test_recovery_after_sigkill);

  ret = g_test_run ();

  g_clear_object (&app);
  forget_recoveries ();
  {
    g_autofree char *recovery = recovery_dir ();
    g_autofree char *touchstone = g_path_get_dirname (recovery);
    g_rmdir (recovery);
    g_rmdir (touchstone);
    g_rmdir (state_dir);
  }
  return ret;
}

/* test-app.c — the GTK application: templates, import, the Data page
 *
 * Runs under Xvfb (see meson.build) with the plugins of the build tree and
 * the memory settings backend.  The application is registered but never
 * run; tests iterate the main context until what they wait for happens.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include <cairo.h>
#include <string.h>

#include "ts-application.h"
#include "ts-chart-view.h"
#include "ts-data-page.h"
#include "ts-data-page-private.h"
#include "ts-drivers-dialog.h"
#include "ts-mapping-dialog.h"
#include "ts-mapping-dialog-private.h"
#include "ts-rows.h"
#include "ts-rules-dialog.h"
#include "ts-table-model.h"
#include "ts-table-row.h"
#include "ts-touchpoints-dialog.h"
#include "ts-journeys-dialog.h"
#include "ts-window.h"
#include "ts-window-private.h"

#include "app-harness.h"

#include "../test-groups.h"

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* Lets @widget's window draw @n frames: layouts settle. */
static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, on_tick_cb, &frames, NULL);

  WAIT_UNTIL (frames >= n);
  gtk_widget_remove_tick_callback (widget, id);
}

static char *
sample_dir (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", NULL);

  return g_canonicalize_filename (path, NULL);
}

static char *
sample_file (const char *name)
{
  g_autofree char *dir = sample_dir ();

  return g_build_filename (dir, name, NULL);
}

static void
import_and_wait (TsWindow   *window,
                 const char *path)
{
  const char *paths[] = { path, NULL };

  ts_window_add_paths (window, paths);
  g_assert_true (ts_window_get_busy (window));
  WAIT_UNTIL (!ts_window_get_busy (window));
  /* the Data page adds the columns of its table a main-loop iteration at a time */
  WAIT_UNTIL (!ts_data_page_get_busy (ts_window_get_data_page (window)));
}

/* the toplevel titled @title, if one is shown */
static GtkWindow *
find_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }
  return NULL;
}

/* the first controller of @widget of @type */
static gpointer
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

/* A dataset imported without the window, to compare with. */
static TsDataset *
import_sample (void)
{
  g_autofree char *dir = sample_dir ();
  const char *paths[] = { dir, NULL };
  g_autoptr(GError) error = NULL;
  TsDataset *dataset;

  dataset = ts_importer_import (ts_plugin_manager_get_default (), paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* Rows of events.csv whose first field starts with @prefix: what the
 * search should keep, counted without Touchstone. */
static guint
count_sample_events (const char *prefix)
{
  g_autofree char *path = sample_file ("events.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix);
  return n;
}

static char *
cell (TsTableModel *model,
      guint         position,
      const char   *field)
{
  g_autoptr(TsTableRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);
  int index = ts_table_find_field (ts_table_model_get_table (model), field);

  g_assert_nonnull (row);
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpuint (ts_table_row_get_row (row), ==, ts_table_model_get_row (model, position));
  return ts_table_model_dup_cell_text (model, ts_table_row_get_row (row), (guint) index);
}

#define assert_cell(model, position, field, expected)        \
  G_STMT_START {                                             \
    g_autofree char *text_ = cell (model, position, field);  \
    g_assert_cmpstr (text_, ==, expected);                   \
  } G_STMT_END

/* The items of the Data page's column view (its model is replaced when the
 * table, the search or the dataset changes). */
static guint
n_rows_shown (TsDataPage *page)
{
  GtkColumnView *view = _ts_data_page_get_column_view (page);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

static guint
n_columns_shown (TsDataPage *page)
{
  GtkColumnView *view = _ts_data_page_get_column_view (page);

  return g_list_model_get_n_items (gtk_column_view_get_columns (view));
}

static const char *
visible_view (TsDataPage *page)
{
  return adw_view_stack_get_visible_child_name (ts_data_page_get_view_stack (page));
}

static guint
n_rows_in (TsWindow *window,
           TsTable   table)
{
  return ts_dataset_get_n_rows (ts_window_get_dataset (window), table);
}

/* ------------------------------------------------------------------ */

static void
test_templates (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  TsWindow *window;
  GtkWidget *page;
  GtkWindow *about;
  GtkWindow *shortcuts;

  REQUIRE_DISPLAY ();

  /* the window, and the Data page inside it */
  window = create_window ();
  g_assert_true (TS_IS_DATA_PAGE (ts_window_get_data_page (window)));
  g_assert_false (ts_data_page_get_loaded (ts_window_get_data_page (window)));
  g_assert_null (ts_window_get_dataset (window));
  spin (100);

  /* the Data page on its own */
  page = g_object_ref_sink (ts_data_page_new ());
  g_assert_nonnull (ts_data_page_get_view_stack (TS_DATA_PAGE (page)));
  g_object_unref (page);

  /* the shortcuts window, as GtkApplication loads it */
  builder = gtk_builder_new ();
  gtk_builder_add_from_resource (builder, "/io/github/touchstone/Touchstone/gtk/help-overlay.ui",
                                 &error);
  g_assert_no_error (error);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);

  /* the about window */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  spin (100);

  destroy_toplevels ();
}

/* whether the shortcut's accelerator (alternatives separated by spaces)
 * includes @accel */
static gboolean
shortcut_shows (const char *shown,
                const char *accel)
{
  g_auto(GStrv) alternatives = g_strsplit (shown ? shown : "", " ", -1);
  guint key, shown_key;
  GdkModifierType mods, shown_mods;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  for (guint i = 0; alternatives[i]; i++)
    if (gtk_accelerator_parse (alternatives[i], &shown_key, &shown_mods) &&
        shown_key == key && shown_mods == mods)
      return TRUE;
  return FALSE;
}

/* every accelerator the application sets is in the shortcuts window, and
 * every action the window names has one */
static void
test_shortcuts_complete (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) objects = NULL;
  g_auto(GStrv) actions = NULL;
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();

  REQUIRE_DISPLAY ();

  builder = gtk_builder_new ();
  gtk_builder_add_from_resource (builder, "/io/github/touchstone/Touchstone/gtk/help-overlay.ui",
                                 &error);
  g_assert_no_error (error);
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      g_ptr_array_add (shortcuts, l->data);
  g_assert_cmpuint (shortcuts->len, >, 0);

  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint a = 0; actions[a]; a++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[a]);
      gboolean found = FALSE;

      if (accels[0] == NULL)
        continue;
      for (guint i = 0; i < shortcuts->len && !found; i++)
        {
          g_autofree char *action_name = NULL;
          g_autofree char *accelerator = NULL;

          g_object_get (shortcuts->pdata[i], "action-name", &action_name, "accelerator", &accelerator, NULL);
          found = g_strcmp0 (action_name, actions[a]) == 0 ||
                  (action_name == NULL && shortcut_shows (accelerator, accels[0]));
        }
      if (!found)
        g_test_message ("%s (%s) is not in the shortcuts window", actions[a], accels[0]);
      g_assert_true (found);
    }

  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *action_name = NULL;

      g_object_get (shortcuts->pdata[i], "action-name", &action_name, NULL);
      if (action_name)
        {
          g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action_name);

          g_assert_true (g_strv_contains ((const char *const *) actions, action_name));
          g_assert_nonnull (accels[0]);
        }
    }
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

static void
test_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (TS_SETTINGS_SCHEMA_ID);
  TsWindow *window;
  int width, height;

  REQUIRE_DISPLAY ();

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 650);
  window = create_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  destroy_toplevels ();
}

/* A page's work whose worker keeps its task past the callback, as GTask's
 * own worker thread may (it lets go of its reference after queueing the
 * callback); the last reference then goes on another thread.  The page
 * is let go on the main thread all the same: a widget finalized on a worker
 * took the app down now and then when a window closed while it counted. */
static GTask *held_task;
static GThread *page_finalized_in;
static gpointer page_done_with;

static void
hold_task_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_assert_null (source);
  held_task = g_object_ref (task);
  g_task_return_boolean (task, TRUE);
}

static void
on_held_work_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_assert_true (GTK_IS_LABEL (object));
  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  page_done_with = object;
}

static void
on_page_finalized_cb (gpointer  data,
                      GObject  *where_the_object_was)
{
  page_finalized_in = g_thread_self ();
}

static gpointer
unref_task_thread (gpointer data)
{
  g_object_unref (data);
  return NULL;
}

static void
test_page_work_let_go_on_main_thread (void)
{
  TsPageWork work = { 0 };
  GtkWidget *page;

  REQUIRE_DISPLAY ();

  page = g_object_ref_sink (gtk_label_new (NULL));
  g_object_weak_ref (G_OBJECT (page), on_page_finalized_cb, NULL);
  ts_page_work_start (&work, page, NULL, NULL, on_held_work_done_cb, hold_task_thread);
  g_object_unref (page);   /* only the work holds it now, as a closed window's page */
  WAIT_UNTIL (page_done_with != NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (page_done_with == page);

  /* the task's last reference goes on another thread */
  g_assert_nonnull (held_task);
  g_thread_join (g_thread_new ("unref-task", unref_task_thread, g_steal_pointer (&held_task)));
  g_assert_true (page_finalized_in == g_thread_self ());
  ts_page_work_cancel (&work);
}

static void
test_narrow (void)
{
  g_autoptr(GSettings) settings = g_settings_new (TS_SETTINGS_SCHEMA_ID);
  g_autofree char *dir = sample_dir ();
  TsWindow *window;

  REQUIRE_DISPLAY ();

  /* a phone's width: one pane at a time, the views switched at the bottom */
  g_settings_set_int (settings, "window-width", 360);
  window = create_window ();
  wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <, 500);
  g_assert_true (adw_leaflet_get_folded (_ts_window_get_leaflet (window)));
  g_assert_false (adw_view_switcher_bar_get_reveal (_ts_window_get_switcher_bar (window)));

  import_and_wait (window, dir);
  wait_frames (GTK_WIDGET (window), 4);
  g_assert_true (adw_view_switcher_bar_get_reveal (_ts_window_get_switcher_bar (window)));

  /* wide again: the switcher goes back to the header */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  wait_frames (GTK_WIDGET (window), 4);
  g_assert_false (adw_leaflet_get_folded (_ts_window_get_leaflet (window)));
  g_assert_false (adw_view_switcher_bar_get_reveal (_ts_window_get_switcher_bar (window)));

  g_settings_reset (settings, "window-width");
  destroy_toplevels ();
}

static void
test_import_sample (void)
{
  g_autofree char *dir = sample_dir ();
  TsWindow *window;
  TsDataPage *page;
  TsDataset *dataset;
  const char * const *paths;

  REQUIRE_DISPLAY ();

  window = create_window ();
  page = ts_window_get_data_page (window);
  import_and_wait (window, dir);

  dataset = ts_window_get_dataset (window);
  g_assert_nonnull (dataset);
  g_assert_true (ts_data_page_get_dataset (page) == dataset);
  g_assert_true (ts_data_page_get_loaded (page));
  paths = ts_window_get_paths (window);
  g_assert_nonnull (paths);
  g_assert_cmpstr (paths[0], ==, dir);
  g_assert_null (paths[1]);

  /* the counts shown are the dataset's */
  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      g_autofree char *expected = g_strdup_printf ("%u", ts_dataset_get_n_rows (dataset, t));

      g_assert_cmpuint (ts_dataset_get_n_rows (dataset, t), >, 0);
      g_assert_cmpstr (gtk_label_get_label (_ts_data_page_get_count_label (page, t)), ==, expected);
    }
  g_assert_cmpuint (ts_dataset_get_n_rows (dataset, TS_TABLE_EVENTS), ==, 627);

  {
    g_autofree char *matched = g_strdup_printf ("%u", ts_dataset_get_n_matched_customers (dataset));

    g_assert_cmpstr (gtk_label_get_label (_ts_data_page_get_matched_label (page)), ==, matched);
  }
  g_assert_cmpuint (_ts_data_page_get_n_source_rows (page), ==,
                    ts_dataset_get_sources (dataset)->len);
  g_assert_cmpuint (_ts_data_page_get_n_source_rows (page), ==, 6);
  g_assert_cmpuint (_ts_data_page_get_n_finding_rows (page), >=, 1);

  /* the rows view opens on the events, one item per event */
  g_assert_cmpuint (gtk_drop_down_get_selected (_ts_data_page_get_table_dropdown (page)), ==,
                    TS_TABLE_EVENTS);
  g_assert_cmpuint (n_rows_shown (page), ==, ts_dataset_get_n_rows (dataset, TS_TABLE_EVENTS));
  g_assert_cmpuint (n_columns_shown (page), ==, ts_table_get_n_fields (TS_TABLE_EVENTS));

  /* another table: other columns, other rows */
  gtk_drop_down_set_selected (_ts_data_page_get_table_dropdown (page), TS_TABLE_CUSTOMERS);
  g_assert_cmpuint (n_rows_shown (page), ==, ts_dataset_get_n_rows (dataset, TS_TABLE_CUSTOMERS));
  g_assert_cmpuint (n_columns_shown (page), ==, ts_table_get_n_fields (TS_TABLE_CUSTOMERS));

  ts_data_page_show_table (page, TS_TABLE_CASES);
  g_assert_cmpstr (visible_view (page), ==, "rows");
  g_assert_cmpuint (gtk_drop_down_get_selected (_ts_data_page_get_table_dropdown (page)), ==,
                    TS_TABLE_CASES);
  g_assert_cmpuint (n_rows_shown (page), ==, ts_dataset_get_n_rows (dataset, TS_TABLE_CASES));
  spin (200);

  destroy_toplevels ();
}

static void
test_import_adds_sources (void)
{
  g_autofree char *customers = sample_file ("customers.csv");
  g_autofree char *events = sample_file ("events.csv");
  TsWindow *window;
  TsDataset *first;
  const char * const *paths;

  REQUIRE_DISPLAY ();

  window = create_window ();
  import_and_wait (window, customers);
  first = ts_window_get_dataset (window);
  g_assert_nonnull (first);
  g_assert_cmpuint (ts_dataset_get_n_rows (first, TS_TABLE_EVENTS), ==, 0);

  /* a second source: the whole list is imported again */
  import_and_wait (window, events);
  paths = ts_window_get_paths (window);
  g_assert_cmpuint (g_strv_length ((GStrv) paths), ==, 2);
  g_assert_cmpstr (paths[0], ==, customers);
  g_assert_cmpstr (paths[1], ==, events);
  g_assert_cmpuint (n_rows_in (window, TS_TABLE_EVENTS), ==, 627);
  g_assert_cmpuint (n_rows_in (window, TS_TABLE_CUSTOMERS), ==, 40);
  g_assert_cmpuint (ts_dataset_get_sources (ts_window_get_dataset (window))->len, ==, 2);

  /* the same source again: nothing to do */
  {
    const char *again[] = { events, NULL };

    ts_window_add_paths (window, again);
    g_assert_false (ts_window_get_busy (window));
    g_assert_cmpuint (g_strv_length ((GStrv) ts_window_get_paths (window)), ==, 2);
  }

  /* remove all, then undo */
  {
    TsDataset *before = ts_window_get_dataset (window);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.clear", NULL));
    g_assert_null (ts_window_get_dataset (window));
    g_assert_false (ts_data_page_get_loaded (ts_window_get_data_page (window)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.undo-clear", NULL));
    g_assert_true (ts_window_get_dataset (window) == before);
    g_assert_cmpuint (g_strv_length ((GStrv) ts_window_get_paths (window)), ==, 2);
  }

  destroy_toplevels ();
}

static void
test_import_cancel (void)
{
  g_autofree char *dir = sample_dir ();
  g_autofree char *other = g_test_build_filename (G_TEST_DIST, "data", "quirks", "touches.csv",
                                                  NULL);
  const char *paths[] = { other, NULL };
  g_auto(GStrv) paths_before = NULL;
  TsWindow *window;
  TsDataset *before;
  TsImportJob *job;

  REQUIRE_DISPLAY ();

  window = create_window ();
  import_and_wait (window, dir);
  before = ts_window_get_dataset (window);
  g_assert_nonnull (before);
  g_object_add_weak_pointer (G_OBJECT (before), (gpointer *) &before);
  paths_before = g_strdupv ((GStrv) ts_window_get_paths (window));

  ts_window_add_paths (window, paths);
  g_assert_true (ts_window_get_busy (window));
  job = _ts_window_get_import_job (window);
  g_assert_nonnull (job);
  g_object_add_weak_pointer (G_OBJECT (job), (gpointer *) &job);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.cancel-import", NULL));
  g_assert_false (ts_window_get_busy (window));

  /* the worker has finished and its task is gone: the job with it */
  WAIT_UNTIL (job == NULL);
  spin (100);

  g_assert_nonnull (before);
  g_assert_true (ts_window_get_dataset (window) == before);
  g_assert_true (ts_data_page_get_dataset (ts_window_get_data_page (window)) == before);
  g_assert_true (g_strv_equal ((const char * const *) paths_before, ts_window_get_paths (window)));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_object_remove_weak_pointer (G_OBJECT (before), (gpointer *) &before);
  destroy_toplevels ();
}

static void
test_import_error (void)
{
  g_autofree char *dir = sample_dir ();
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "bad",
                                                "unterminated-quote.csv", NULL);
  g_auto(GStrv) paths_before = NULL;
  TsWindow *window;
  TsDataset *before;
  GtkWindow *dialog;
  const char *body;

  REQUIRE_DISPLAY ();

  window = create_window ();
  import_and_wait (window, dir);
  before = ts_window_get_dataset (window);
  paths_before = g_strdupv ((GStrv) ts_window_get_paths (window));

  import_and_wait (window, bad);

  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "unterminated-quote.csv"));
  g_assert_nonnull (strstr (body, "line 3"));

  g_assert_true (ts_window_get_dataset (window) == before);
  g_assert_true (g_strv_equal ((const char * const *) paths_before, ts_window_get_paths (window)));

  destroy_toplevels ();
}

static void
on_add_toast_cb (TsDataPage *page,
                 AdwToast   *toast,
                 char      **title)
{
  g_free (*title);
  *title = g_strdup (adw_toast_get_title (toast));
}

static void
on_clipboard_text_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static void
test_findings (void)
{
  g_autofree char *ragged = g_test_build_filename (G_TEST_DIST, "data", "bad", "ragged.csv", NULL);
  g_autofree char *toast = NULL;
  g_autofree char *copied = NULL;
  TsWindow *window;
  TsDataPage *page;
  GPtrArray *problems;

  REQUIRE_DISPLAY ();

  window = create_window ();
  page = ts_window_get_data_page (window);
  import_and_wait (window, ragged);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* one row per finding, with its line */
  problems = ts_dataset_get_problems (ts_window_get_dataset (window));
  g_assert_cmpuint (problems->len, >=, 2);
  g_assert_cmpuint (_ts_data_page_get_n_finding_rows (page), ==, problems->len);

  /* copied with their file, line and column */
  g_signal_connect (page, "add-toast", G_CALLBACK (on_add_toast_cb), &toast);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "data.copy-findings", NULL));
  g_assert_nonnull (toast);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (page)), NULL,
                                 on_clipboard_text_cb, &copied);
  WAIT_UNTIL (copied != NULL);
  g_assert_nonnull (strstr (copied, "ragged.csv:3:3: "));
  g_assert_nonnull (strstr (copied, "ragged.csv:4:4: "));

  destroy_toplevels ();
}

static void
test_drop (void)
{
  g_autofree char *events = sample_file ("events.csv");
  g_autofree char *touches = sample_file ("touches.csv");
  g_autoptr(GFile) events_file = g_file_new_for_path (events);
  g_autoptr(GFile) touches_file = g_file_new_for_path (touches);
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files = NULL;
  GtkDropTarget *target;
  gboolean accepted = FALSE;
  TsWindow *window;

  REQUIRE_DISPLAY ();

  window = create_window ();
  target = find_controller (GTK_WIDGET (window), GTK_TYPE_DROP_TARGET);
  g_assert_nonnull (target);

  files = g_slist_append (files, events_file);
  files = g_slist_append (files, touches_file);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  g_assert_true (ts_window_get_busy (window));
  WAIT_UNTIL (!ts_window_get_busy (window));

  g_assert_cmpuint (g_strv_length ((GStrv) ts_window_get_paths (window)), ==, 2);
  g_assert_cmpuint (n_rows_in (window, TS_TABLE_EVENTS), ==, 627);
  g_assert_cmpuint (n_rows_in (window, TS_TABLE_TOUCHES), ==, 80);

  destroy_toplevels ();
}

/* ------------------------------------------------------------------ */

static void
test_model_cells (void)
{
  g_autoptr(TsDataset) dataset = import_sample ();
  g_autoptr(TsTableModel) model = ts_table_model_new (dataset, TS_TABLE_EVENTS);
  int customer;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == TS_TYPE_TABLE_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 627);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 627));
  g_assert_cmpuint (ts_table_model_get_row (model, 627), ==, G_MAXUINT);

  /* C-0024's first two events, as events.csv has them */
  customer = ts_dataset_find_customer (dataset, "C-0024");
  g_assert_cmpint (customer, >=, 0);
  {
    guint first = ts_dataset_get_events (dataset)->by_customer[customer];

    assert_cell (model, first, "customer_id", "C-0024");
    assert_cell (model, first, "at", "2025-01-18T00:19:00Z");
    assert_cell (model, first, "name", "feature_used");
    assert_cell (model, first, "channel", "web");
    assert_cell (model, first, "value", "");
    assert_cell (model, first, "properties", "");
    assert_cell (model, first + 1, "name", "pricing_viewed");
    assert_cell (model, first + 1, "at", "2025-01-23T23:12:00Z");
    assert_cell (model, first + 1, "properties", "{\"page\":\"/pricing\"}");
  }

  /* customers: strings, numbers, times, consent */
  ts_table_model_set_table (model, TS_TABLE_CUSTOMERS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 40);
  customer = ts_dataset_find_customer (dataset, "C-0001");
  assert_cell (model, customer, "customer_id", "C-0001");
  assert_cell (model, customer, "email", "ana.souza0@example.com");
  assert_cell (model, customer, "name", "Ana Souza");
  assert_cell (model, customer, "value", "1200");
  assert_cell (model, customer, "created_at", "2025-03-24T00:00:00Z");
  assert_cell (model, customer, "consent_email", "granted");
  assert_cell (model, customer, "churned_at", "");

  /* cases: day/month/year times, a quoted field with a line break */
  ts_table_model_set_table (model, TS_TABLE_CASES);
  ts_table_model_set_filter (model, "C-0018");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >=, 1);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
      {
        g_autofree char *id = cell (model, i, "case_id");

        if (g_strcmp0 (id, "4700") != 0)
          continue;
        found = TRUE;
        assert_cell (model, i, "customer_id", "C-0018");
        assert_cell (model, i, "opened_at", "2025-06-15T06:00:00Z");
        assert_cell (model, i, "closed_at", "2025-06-15T21:00:00Z");
        assert_cell (model, i, "status", "Closed");
        assert_cell (model, i, "category", "Outage: \"503\" errors\nsince this morning");
      }
    g_assert_true (found);
  }
}

static guint items_changed_removed;
static guint items_changed_added;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  g_assert_cmpuint (position, ==, 0);
  items_changed_removed = removed;
  items_changed_added = added;
}

static void
test_model_search (void)
{
  g_autoptr(TsDataset) dataset = import_sample ();
  g_autoptr(TsTableModel) model = ts_table_model_new (dataset, TS_TABLE_EVENTS);
  guint n_c0024 = count_sample_events ("C-0024,");
  guint n_c002 = count_sample_events ("C-002");
  guint n;

  g_assert_cmpuint (n_c0024, ==, 22);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), NULL);

  /* an exact id: that customer's rows, in time order */
  ts_table_model_set_filter (model, "C-0024");
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, n_c0024);
  g_assert_cmpuint (items_changed_removed, ==, 627);
  g_assert_cmpuint (items_changed_added, ==, n_c0024);
  g_assert_cmpuint (ts_table_model_get_n_customers (model), ==, 1);
  for (guint i = 0; i < n; i++)
    {
      assert_cell (model, i, "customer_id", "C-0024");
      if (i > 0)
        {
          g_autofree char *previous = cell (model, i - 1, "at");
          g_autofree char *at = cell (model, i, "at");

          g_assert_cmpstr (previous, <=, at);
        }
    }
  assert_cell (model, 0, "at", "2025-01-18T00:19:00Z");

  /* a prefix, in any case: ten customers, in customer order */
  ts_table_model_set_filter (model, " c-002 ");
  g_assert_cmpstr (ts_table_model_get_filter (model), ==, "c-002");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_c002);
  g_assert_cmpuint (ts_table_model_get_n_customers (model), ==, 10);
  for (guint i = 0; i < n_c002; i++)
    {
      g_autofree char *id = cell (model, i, "customer_id");

      g_assert_true (g_str_has_prefix (id, "C-002"));
    }

  /* an e-mail address names the customer too */
  ts_table_model_set_filter (model, "ana.souza0@example.com");
  g_assert_cmpuint (ts_table_model_get_n_customers (model), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    count_sample_events ("C-0001,"));

  /* nobody */
  ts_table_model_set_filter (model, "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (ts_table_model_get_n_customers (model), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));

  /* no filter: every row again */
  ts_table_model_set_filter (model, "");
  g_assert_null (ts_table_model_get_filter (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 627);
  g_assert_cmpuint (items_changed_removed, ==, 0);
  g_assert_cmpuint (items_changed_added, ==, 627);

  /* the customers table filters to the customer's own row */
  ts_table_model_set_table (model, TS_TABLE_CUSTOMERS);
  ts_table_model_set_filter (model, "C-0024");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  assert_cell (model, 0, "customer_id", "C-0024");
}

static void
test_search_entry (void)
{
  g_autofree char *dir = sample_dir ();
  guint n_c0024 = count_sample_events ("C-0024,");
  TsWindow *window;
  TsDataPage *page;

  REQUIRE_DISPLAY ();

  window = create_window ();
  page = ts_window_get_data_page (window);
  import_and_wait (window, dir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.search", NULL));
  g_assert_cmpstr (visible_view (page), ==, "rows");

  g_assert_cmpuint (n_rows_shown (page), ==, 627);

  /* search-changed comes after a short delay */
  gtk_editable_set_text (_ts_data_page_get_search_entry (page), "C-0024");
  WAIT_UNTIL (n_rows_shown (page) == n_c0024);
  g_assert_cmpstr (ts_table_model_get_filter (_ts_data_page_get_table_model (page)), ==, "C-0024");
  spin (100);

  /* the search holds across tables */
  gtk_drop_down_set_selected (_ts_data_page_get_table_dropdown (page), TS_TABLE_CUSTOMERS);
  g_assert_cmpuint (n_rows_shown (page), ==, 1);

  gtk_editable_set_text (_ts_data_page_get_search_entry (page), "");
  WAIT_UNTIL (n_rows_shown (page) == 40);

  destroy_toplevels ();
}

static void
test_sort (void)
{
  g_autofree char *dir = sample_dir ();
  TsWindow *window;
  TsDataPage *page;
  TsTableModel *model;
  GtkDropDown *sort;
  guint at_field = TS_EVENT_AT + 1;   /* choice 0 is the dataset's order */
  guint n;

  REQUIRE_DISPLAY ();

  window = create_window ();
  import_and_wait (window, dir);
  page = ts_window_get_data_page (window);
  gtk_drop_down_set_selected (_ts_data_page_get_table_dropdown (page), TS_TABLE_EVENTS);
  n = g_list_model_get_n_items (G_LIST_MODEL (_ts_data_page_get_table_model (page)));
  g_assert_cmpuint (n, ==, 627);

  /* latest first: sorted on a worker, then shown */
  sort = _ts_data_page_get_sort_dropdown (page);
  gtk_toggle_button_set_active (_ts_data_page_get_descending_button (page), TRUE);
  gtk_drop_down_set_selected (sort, at_field);
  WAIT_UNTIL (strstr (gtk_label_get_label (_ts_data_page_get_rows_label (page)), "ordered by at, largest") != NULL);
  model = _ts_data_page_get_table_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  for (guint p = 0; p + 1 < n; p++)
    {
      g_autofree char *a = ts_table_model_dup_cell_text (model, ts_table_model_get_row (model, p), TS_EVENT_AT);
      g_autofree char *b = ts_table_model_dup_cell_text (model, ts_table_model_get_row (model, p + 1), TS_EVENT_AT);
      g_assert_cmpstr (a, >=, b);
    }

  /* by name, A to Z */
  gtk_toggle_button_set_active (_ts_data_page_get_descending_button (page), FALSE);
  gtk_drop_down_set_selected (sort, TS_EVENT_NAME + 1);
  WAIT_UNTIL (strstr (gtk_label_get_label (_ts_data_page_get_rows_label (page)), "ordered by name ·") != NULL ||
              g_str_has_suffix (gtk_label_get_label (_ts_data_page_get_rows_label (page)), "ordered by name"));
  model = _ts_data_page_get_table_model (page);
  for (guint p = 0; p + 1 < n; p++)
    {
      g_autofree char *a = ts_table_model_dup_cell_text (model, ts_table_model_get_row (model, p), TS_EVENT_NAME);
      g_autofree char *b = ts_table_model_dup_cell_text (model, ts_table_model_get_row (model, p + 1), TS_EVENT_NAME);
      g_assert_cmpint (strcmp (a, b), <=, 0);
    }

  /* back to the dataset's order */
  gtk_drop_down_set_selected (sort, 0);
  model = _ts_data_page_get_table_model (page);
  g_assert_cmpuint (ts_table_model_get_row (model, 0), ==, 0);
  g_assert_cmpuint (ts_table_model_get_row (model, n - 1), ==, n - 1);

  destroy_toplevels ();
}

/* ------------------------------------------------------------------ */
/* Workspaces                                                          */

static void
test_workspace_demo (void)
{
  TsWindow *window;
  TsDataset *dataset;
  TsWorkspace *workspace;

  REQUIRE_DISPLAY ();

  window = create_window ();
  ts_window_open_demo (window);
  g_assert_true (ts_window_get_busy (window));
  WAIT_UNTIL (!ts_window_get_busy (window));

  dataset = ts_window_get_dataset (window);
  g_assert_nonnull (dataset);
  g_assert_true (ts_data_page_get_dataset (ts_window_get_data_page (window)) == dataset);
  /* the Salesforce export, the Segment archive, the survey and the training
   * export, one customer each */
  g_assert_cmpuint (ts_dataset_get_sources (dataset)->len, ==, 4);
  g_assert_cmpuint (ts_dataset_get_customers (dataset)->n_rows, ==, 600);
  g_assert_cmpuint (ts_dataset_get_n_matched_customers (dataset), ==, 600);
  g_assert_cmpuint (ts_dataset_get_n_rows (dataset, TS_TABLE_CASES), >, 0);
  g_assert_cmpuint (ts_dataset_get_n_rows (dataset, TS_TABLE_RESPONSES), >, 0);

  workspace = ts_window_get_workspace (window);
  g_assert_cmpuint (ts_workspace_get_n_sources (workspace), ==, 4);
  g_assert_false (ts_workspace_get_modified (workspace));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, ts_workspace_get_title (workspace));

  destroy_toplevels ();
}

static void
test_workspace_save_and_reopen (void)
{
  g_autofree char *dir = sample_dir ();
  g_autofree char *tmp = g_dir_make_tmp ("ts-app-workspace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "sample.touchstone", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TsWindow *window, *again;
  guint customers;

  REQUIRE_DISPLAY ();

  window = create_window ();
  import_and_wait (window, dir);
  customers = ts_dataset_get_customers (ts_window_get_dataset (window))->n_rows;
  /* adding a source changed the workspace */
  g_assert_true (ts_workspace_get_modified (ts_window_get_workspace (window)));
  g_assert_cmpuint (ts_workspace_get_n_sources (ts_window_get_workspace (window)), ==, 1);

  g_assert_true (ts_window_save_workspace (window, file));
  g_assert_false (ts_workspace_get_modified (ts_window_get_workspace (window)));
  /* remembered as recent, newest first */
  {
    g_autoptr(GSettings) settings = g_settings_new (TS_SETTINGS_SCHEMA_ID);
    g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-workspaces");
    g_assert_cmpstr (recent[0], ==, path);
  }
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "sample");

  again = create_window ();
  /* the welcome page offers it, and its row opens it */
  {
    TsDataPage *page = ts_window_get_data_page (again);
    AdwPreferencesGroup *group = _ts_data_page_get_recent_group (page);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (again), "window.open-recent", "s", path));
  WAIT_UNTIL (!ts_window_get_busy (again));
  g_assert_nonnull (ts_window_get_dataset (again));
  g_assert_cmpuint (ts_dataset_get_customers (ts_window_get_dataset (again))->n_rows, ==, customers);
  g_assert_false (ts_workspace_get_modified (ts_window_get_workspace (again)));

  destroy_toplevels ();
  g_remove (path);
  g_remove (backup);
  g_rmdir (tmp);
}

static void
test_workspace_unsaved_changes (void)
{
  g_autofree char *dir = sample_dir ();
  TsWindow *window;
  AdwMessageDialog *dialog;

  REQUIRE_DISPLAY ();

  window = create_window ();
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  import_and_wait (window, dir);

  /* closing asks first, and the window stays */
  gtk_window_close (GTK_WINDOW (window));
  spin (50);
  g_assert_nonnull (window);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));

  /* cancel keeps it open */
  adw_message_dialog_response (dialog, "cancel");
  spin (50);
  g_assert_nonnull (window);

  /* discard closes it */
  gtk_window_close (GTK_WINDOW (window));
  spin (50);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  WAIT_UNTIL (window == NULL);

  destroy_toplevels ();
}

static void
test_workspace_bad_file (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("ts-app-workspace-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmp, "broken.touchstone", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;
  TsWindow *window;

  REQUIRE_DISPLAY ();

  g_assert_true (g_file_set_contents (path, "{\"touchstone\": 1, \"sources\": [{}]}", -1, NULL));
  window = create_window ();
  g_assert_false (ts_window_open_workspace (window, file));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "$.sources[0].path"));
  g_assert_null (ts_window_get_dataset (window));

  destroy_toplevels ();
  g_remove (path);
  g_rmdir (tmp);
}

/* ------------------------------------------------------------------ */
/* The mapping editor                                                  */

/* The sample's files added one by one (as the file chooser adds several),
 * so that each is a workspace source with its own mapping. */
static TsWindow *
create_window_with_sample_files (void)
{
  static const char *const names[] = {
    "customers.csv", "events.csv", "suppression.csv", "survey.csv", "tickets.csv", "touches.csv",
  };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  TsWindow *window = create_window ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = sample_file (names[i]);

      g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  ts_window_add_paths (window, (const char * const *) paths);
  WAIT_UNTIL (!ts_window_get_busy (window));
  g_assert_nonnull (ts_window_get_dataset (window));
  return window;
}

static TsSourceInfo *
find_source_info (TsWindow   *window,
                  const char *name)
{
  GPtrArray *sources = ts_dataset_get_sources (ts_window_get_dataset (window));

  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      g_autofree char *base = g_path_get_basename (ts_source_info_get_path (sources->pdata[i]));

      if (g_str_equal (base, name))
        return sources->pdata[i];
    }
  g_assert_not_reached ();
  return NULL;
}

/* What the import made of @column: its field, or NULL when not used. */
static const char *
imported_field (TsSourceInfo *info,
                const char   *column)
{
  g_autoptr(JsonNode) json = ts_source_info_to_json (info);
  JsonArray *columns = json_object_get_array_member (json_node_get_object (json), "columns");
  static char *field;

  g_clear_pointer (&field, g_free);
  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *object = json_array_get_object_element (columns, i);

      if (g_str_equal (json_object_get_string_member (object, "column"), column))
        {
          field = g_strdup (json_object_get_string_member_with_default (object, "field", NULL));
          return field;
        }
    }
  g_assert_not_reached ();
  return NULL;
}

static const char *
dropdown_field (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GListModel *model = gtk_drop_down_get_model (dropdown);

  g_assert_cmpuint (selected, <, g_list_model_get_n_items (model));
  if (selected == 0)
    return NULL;   /* (not used) */
  return gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
}

static TsMappingDialog *
open_mapping_dialog (TsWindow   *window,
                     const char *name)
{
  TsSourceInfo *info = find_source_info (window, name);
  TsMappingDialog *dialog;
  guint index;

  g_assert_true (ts_window_find_source (window, ts_source_info_get_path (info), &index));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.edit-mapping", "s",
                                             ts_source_info_get_path (info)));
  dialog = TS_MAPPING_DIALOG (find_toplevel (TS_TYPE_MAPPING_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (ts_mapping_dialog_get_source (dialog), ==, index);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  wait_frames (GTK_WIDGET (dialog), 2);
  return dialog;
}

static guint
find_column (TsMappingDialog *dialog,
             const char      *name)
{
  for (guint c = 0; c < _ts_mapping_dialog_get_n_columns (dialog); c++)
    if (g_str_equal (_ts_mapping_dialog_get_column_name (dialog, c), name))
      return c;
  g_assert_not_reached ();
  return 0;
}

static guint
plugin_position (TsMappingDialog *dialog,
                 const char      *id)
{
  TsSource *source = ts_plugin_manager_find_source (ts_plugin_manager_get_default (), id);
  GListModel *model = adw_combo_row_get_model (_ts_mapping_dialog_get_plugin_row (dialog));

  g_assert_nonnull (source);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                     ts_source_get_name (source)))
      return i;
  g_assert_not_reached ();
  return 0;
}

static void
test_mapping_dialog_guesses (void)
{
  g_autoptr(JsonNode) json = NULL;
  TsMappingDialog *dialog;
  TsSourceInfo *info;
  JsonArray *columns;
  TsWindow *window;
  guint n_data_lines = 0;

  REQUIRE_DISPLAY ();

  window = create_window_with_sample_files ();
  info = find_source_info (window, "tickets.csv");
  dialog = open_mapping_dialog (window, "tickets.csv");

  /* no mapping yet: the plugin is probed, the table and fields guessed */
  g_assert_cmpuint (adw_combo_row_get_selected (_ts_mapping_dialog_get_plugin_row (dialog)), ==, 0);
  g_assert_true (ts_source_info_has_table (info, TS_TABLE_CASES));
  g_assert_cmpuint (adw_combo_row_get_selected (_ts_mapping_dialog_get_table_row (dialog)), ==,
                    TS_TABLE_CASES);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_ts_mapping_dialog_get_table_row (dialog))));

  /* one row per column, each pre-filled with what the import did */
  json = ts_source_info_to_json (info);
  columns = json_object_get_array_member (json_node_get_object (json), "columns");
  g_assert_cmpuint (_ts_mapping_dialog_get_n_columns (dialog), ==, json_array_get_length (columns));
  g_assert_cmpuint (_ts_mapping_dialog_get_n_columns (dialog), ==, 8);
  for (guint c = 0; c < json_array_get_length (columns); c++)
    {
      JsonObject *column = json_array_get_object_element (columns, c);
      const char *name = json_object_get_string_member (column, "column");
      const char *field = json_object_get_string_member_with_default (column, "field", NULL);
      GtkDropDown *dropdown = _ts_mapping_dialog_get_field_dropdown (dialog, c);

      g_assert_cmpstr (_ts_mapping_dialog_get_column_name (dialog, c), ==, name);
      g_assert_cmpstr (dropdown_field (dropdown), ==, field);
      /* a time format only where the field is a time */
      g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (_ts_mapping_dialog_get_format_dropdown (dialog, c))),
                       ==,
                       field != NULL && ts_table_get_field (TS_TABLE_CASES,
                                                            ts_table_find_field (TS_TABLE_CASES, field))->type == TS_FIELD_TYPE_TIME);
    }

  /* the preview: the first 10 records of the file */
  {
    g_autofree char *path = sample_file ("tickets.csv");
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    for (const char *p = contents; (p = strstr (p, "\n4")) != NULL; p++)
      n_data_lines++;
  }
  g_assert_cmpuint (_ts_mapping_dialog_get_n_preview_records (dialog), ==, MIN (10, n_data_lines));
  g_assert_cmpuint (_ts_mapping_dialog_get_n_preview_records (dialog), ==, 10);

  /* another table: the fields are guessed again, for that table */
  adw_combo_row_set_selected (_ts_mapping_dialog_get_table_row (dialog), TS_TABLE_EVENTS);
  g_assert_cmpstr (dropdown_field (_ts_mapping_dialog_get_field_dropdown (dialog, find_column (dialog, "customer_id"))),
                   ==, "customer_id");
  g_assert_cmpstr (dropdown_field (_ts_mapping_dialog_get_field_dropdown (dialog, find_column (dialog, "status"))),
                   ==, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (_ts_mapping_dialog_get_field_dropdown (dialog, 0))),
                    ==, 1 + ts_table_get_n_fields (TS_TABLE_EVENTS));

  /* Cancel changes nothing */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_null (find_toplevel (TS_TYPE_MAPPING_DIALOG));
  g_assert_false (ts_window_get_busy (window));
  for (guint i = 0; i < ts_workspace_get_n_sources (ts_window_get_workspace (window)); i++)
    g_assert_null (ts_workspace_get_source_mapping (ts_window_get_workspace (window), i));

  destroy_toplevels ();
}

static void
test_mapping_dialog_apply (void)
{
  TsWorkspace *workspace;
  TsMappingDialog *dialog;
  JsonObject *mapping;
  JsonObject *columns;
  TsWindow *window;
  TsDataset *before;
  guint index;
  g_autofree char *tickets = sample_file ("tickets.csv");

  REQUIRE_DISPLAY ();

  window = create_window_with_sample_files ();
  workspace = ts_window_get_workspace (window);
  g_assert_cmpstr (imported_field (find_source_info (window, "tickets.csv"), "priority"), ==,
                   "priority");
  dialog = open_mapping_dialog (window, "tickets.csv");

  adw_combo_row_set_selected (_ts_mapping_dialog_get_table_row (dialog), TS_TABLE_CASES);
  gtk_drop_down_set_selected (_ts_mapping_dialog_get_field_dropdown (dialog, find_column (dialog, "priority")), 0);
  before = ts_window_get_dataset (window);
  g_signal_emit_by_name (_ts_mapping_dialog_get_apply_button (dialog), "clicked");

  /* the dialog is gone, the workspace has the mapping, the import runs */
  g_assert_null (find_toplevel (TS_TYPE_MAPPING_DIALOG));
  g_assert_true (ts_window_get_busy (window));
  g_assert_true (ts_window_find_source (window, tickets, &index));
  mapping = ts_workspace_get_source_mapping (workspace, index);
  g_assert_nonnull (mapping);
  g_assert_cmpuint (json_object_get_size (mapping), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (mapping, "table"), ==, "cases");
  columns = json_object_get_object_member (mapping, "columns");
  g_assert_nonnull (columns);
  g_assert_cmpuint (json_object_get_size (columns), ==, 1);
  g_assert_true (json_object_has_member (columns, "priority"));
  g_assert_true (json_object_get_null_member (columns, "priority"));
  g_assert_true (ts_workspace_get_modified (workspace));
  /* the other sources keep no mapping */
  for (guint i = 0; i < ts_workspace_get_n_sources (workspace); i++)
    if (i != index)
      g_assert_null (ts_workspace_get_source_mapping (workspace, i));

  /* the import read the column as not used */
  WAIT_UNTIL (!ts_window_get_busy (window));
  g_assert_true (ts_window_get_dataset (window) != before);
  g_assert_null (imported_field (find_source_info (window, "tickets.csv"), "priority"));
  g_assert_cmpstr (imported_field (find_source_info (window, "tickets.csv"), "status"), ==, "status");
  g_assert_cmpuint (n_rows_in (window, TS_TABLE_CASES), ==, 30);

  /* opened again, the dialog shows the mapping */
  dialog = open_mapping_dialog (window, "tickets.csv");
  g_assert_cmpstr (dropdown_field (_ts_mapping_dialog_get_field_dropdown (dialog, find_column (dialog, "priority"))),
                   ==, NULL);
  g_assert_cmpstr (dropdown_field (_ts_mapping_dialog_get_field_dropdown (dialog, find_column (dialog, "status"))),
                   ==, "status");

  destroy_toplevels ();
}

static void
test_mapping_dialog_plugin (void)
{
  g_autofree char *survey = sample_file ("survey.csv");
  TsWorkspace *workspace;
  TsMappingDialog *dialog;
  JsonObject *mapping;
  TsWindow *window;
  guint index;

  REQUIRE_DISPLAY ();

  window = create_window_with_sample_files ();
  workspace = ts_window_get_workspace (window);
  dialog = open_mapping_dialog (window, "survey.csv");

  /* the probed plugin is named; choosing it stores it, and nothing else */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (_ts_mapping_dialog_get_plugin_row (dialog))),
                            ts_source_get_name (ts_plugin_manager_find_source (ts_plugin_manager_get_default (), "csv"))));
  adw_combo_row_set_selected (_ts_mapping_dialog_get_plugin_row (dialog), plugin_position (dialog, "csv"));
  g_signal_emit_by_name (_ts_mapping_dialog_get_apply_button (dialog), "clicked");

  g_assert_true (ts_window_find_source (window, survey, &index));
  mapping = ts_workspace_get_source_mapping (workspace, index);
  g_assert_nonnull (mapping);
  g_assert_cmpuint (json_object_get_size (mapping), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (mapping, "plugin"), ==, "csv");
  WAIT_UNTIL (!ts_window_get_busy (window));
  g_assert_cmpstr (ts_source_info_get_plugin_id (find_source_info (window, "survey.csv")), ==, "csv");

  /* a plugin that reads other formats: only the plugin can be chosen */
  dialog = open_mapping_dialog (window, "survey.csv");
  g_assert_cmpuint (adw_combo_row_get_selected (_ts_mapping_dialog_get_plugin_row (dialog)), ==,
                    plugin_position (dialog, "csv"));
  adw_combo_row_set_selected (_ts_mapping_dialog_get_plugin_row (dialog), plugin_position (dialog, "salesforce"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_ts_mapping_dialog_get_table_row (dialog))));
  g_assert_cmpuint (_ts_mapping_dialog_get_n_columns (dialog), ==, 0);
  /* back to automatic: the mapping is emptied */
  adw_combo_row_set_selected (_ts_mapping_dialog_get_plugin_row (dialog), 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (_ts_mapping_dialog_get_table_row (dialog))));
  g_signal_emit_by_name (_ts_mapping_dialog_get_apply_button (dialog), "clicked");
  g_assert_null (ts_workspace_get_source_mapping (workspace, index));
  WAIT_UNTIL (!ts_window_get_busy (window));

  destroy_toplevels ();
}

/* A file found in an added folder has no mapping of its own: the folder is
 * the workspace's source. */
static void
test_mapping_dialog_folder (void)
{
  g_autofree char *dir = sample_dir ();
  g_autofree char *tickets = sample_file ("tickets.csv");
  TsWindow *window;

  REQUIRE_DISPLAY ();

  window = create_window ();
  import_and_wait (window, dir);
  g_assert_false (ts_window_find_source (window, tickets, NULL));
  g_assert_true (ts_window_find_source (window, dir, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "window.edit-mapping", "s", tickets);
  g_assert_null (find_toplevel (TS_TYPE_MAPPING_DIALOG));

  destroy_toplevels ();
}

static void
test_scoring_page (void)
{
  TsWindow *window;
  TsScoringPage *page;
  TsWorkspace *workspace;
  TsScores *before, *after;
  TsPlaybook *pb;
  JsonObject *weights;
  const char *weighted[] = { "friction", "urgency", "repeat_contact", "intent", "detractor" };
  int friction, top = -1;
  guint n;

  REQUIRE_DISPLAY ();

  window = create_window ();
  ts_window_open_demo (window);
  WAIT_UNTIL (!ts_window_get_busy (window));
  page = ts_window_get_scoring_page (window);
  ts_window_show_page (window, "scoring");
  WAIT_UNTIL (ts_scoring_page_get_scores (page) != NULL && !ts_scoring_page_get_busy (page));

  /* every customer, as of the moment the demo workspace keeps */
  before = ts_scoring_page_get_scores (page);
  n = ts_scores_get_n_customers (before);
  g_assert_cmpuint (n, ==, 600);
  g_assert_cmpint (ts_scores_get_as_of (before), ==, ts_timestamp_from_civil (2025, 8, 4, 14, 0, 0, 0));
  /* the customer with the highest score is selected, its card shown */
  for (guint c = 0; c < n; c++)
    if (top < 0 || ts_scores_get_score (before, c) > ts_scores_get_score (before, top))
      top = c;
  g_assert_cmpfloat (ts_scores_get_score (before, ts_dataset_find_customer (ts_window_get_dataset (window),
                                                                             ts_scoring_page_get_selected (page))),
                     ==, ts_scores_get_score (before, top));
  g_test_message ("scored 600 customers in %.1f ms", ts_scoring_page_get_last_ms (page));

  /* a weight to 0: scored again, friction counts for nothing, the workspace keeps it */
  workspace = ts_window_get_workspace (window);
  g_assert_false (ts_workspace_get_modified (workspace));
  g_assert_true (ts_scoring_page_set_weight (page, "friction", 0));
  WAIT_UNTIL (!ts_scoring_page_get_busy (page));
  after = ts_scoring_page_get_scores (page);
  g_assert_true (after != before);
  pb = ts_scores_get_playbook (after);
  friction = ts_playbook_find_signal (pb, "friction");
  g_assert_cmpfloat (ts_playbook_get_signal (pb, friction)->weight, ==, 0);
  for (guint c = 0; c < n; c++)
    g_assert_cmpfloat (ts_scores_get_signal (after, c, friction)->contribution, ==, 0);
  g_assert_true (ts_workspace_get_modified (workspace));
  weights = json_object_get_object_member (json_object_get_object_member (ts_workspace_get_playbook (workspace), "score"),
                                           "weights");
  g_assert_cmpfloat (json_object_get_double_member (weights, "friction"), ==, 0);
  g_test_message ("after a weight change, scored again in %.1f ms", ts_scoring_page_get_last_ms (page));

  /* every weight 0 is not a playbook: refused, the last good scores stay */
  for (guint i = 1; i < G_N_ELEMENTS (weighted) - 1; i++)
    g_assert_true (ts_scoring_page_set_weight (page, weighted[i], 0));
  g_assert_false (ts_scoring_page_set_weight (page, weighted[G_N_ELEMENTS (weighted) - 1], 0));
  WAIT_UNTIL (!ts_scoring_page_get_busy (page));

  /* another moment: nothing after it is seen; the workspace keeps it */
  ts_scoring_page_set_as_of (page, ts_timestamp_from_civil (2025, 3, 1, 0, 0, 0, 0));
  WAIT_UNTIL (!ts_scoring_page_get_busy (page));
  g_assert_cmpint (ts_scores_get_as_of (ts_scoring_page_get_scores (page)), ==,
                   ts_timestamp_from_civil (2025, 3, 1, 0, 0, 0, 0));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ts_workspace_get_views (workspace), 0),
                                                  "as_of"), ==, "2025-03-01T00:00:00Z");

  destroy_toplevels ();
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_scoring_chart (void)
{
  TsWindow *window;
  TsScoringPage *page;
  TsChartView *view;
  TsChart *chart;
  TsScores *scores;
  TsPlaybook *pb;
  const TsChartBar *bars;
  g_autofree char *description = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *dir = NULL;
  double total = 0;
  guint n_bars;
  struct { const char *name; const char *magic; } files[] = {
    { "chart.png", "\x89PNG\r\n" },
    { "chart.svg", "<?xml" },
    { "chart.PDF", "%PDF-" },
  };

  REQUIRE_DISPLAY ();

  window = create_window ();
  ts_window_open_demo (window);
  WAIT_UNTIL (!ts_window_get_busy (window));
  page = ts_window_get_scoring_page (window);
  view = ts_scoring_page_get_chart_view (page);
  ts_window_show_page (window, "scoring");
  WAIT_UNTIL (ts_scoring_page_get_scores (page) != NULL && !ts_scoring_page_get_busy (page) &&
              ts_chart_view_get_chart (view) != NULL);
  wait_frames (GTK_WIDGET (view), 2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >=, 180);

  /* the score distribution: every customer scored is in one bar, and the
   * chart in words names every band */
  scores = ts_scoring_page_get_scores (page);
  pb = ts_scores_get_playbook (scores);
  chart = ts_chart_view_get_chart (view);
  bars = ts_chart_get_bars (chart, &n_bars);
  for (guint b = 0; b < n_bars; b++)
    total += bars[b].value;
  g_assert_cmpfloat (total, ==, ts_scores_get_n_customers (scores));
  g_assert_cmpuint (ts_chart_get_n_series (chart), ==, ts_playbook_get_n_bands (pb));
  description = ts_chart_describe (chart);
  g_test_message ("%s", description);
  for (guint b = 0; b < ts_playbook_get_n_bands (pb); b++)
    g_assert_nonnull (strstr (description, ts_playbook_get_band (pb, b)->id));
  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                description);
  g_assert_null (problem);

  /* a weight changed: a chart of the new scores */
  g_assert_true (ts_scoring_page_set_weight (page, "friction", 0));
  WAIT_UNTIL (!ts_scoring_page_get_busy (page) && ts_scoring_page_get_scores (page) != scores);
  g_assert_true (ts_chart_view_get_chart (view) != chart);
  chart = ts_chart_view_get_chart (view);

  /* exported to each format, from the file's ending */
  dir = g_dir_make_tmp ("touchstone-chart-XXXXXX", NULL);
  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (ts_chart_view_export (view, file, TS_CHART_FORMAT_AUTO, 0, 0, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (g_str_has_prefix (contents, files[i].magic));
      if (i == 1)
        g_assert_nonnull (strstr (contents, "<svg"));
    }
  /* the PNG is 800 × 450, and a drawing: not all its background */
  {
    g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
    cairo_surface_t *png = cairo_image_surface_create_from_png (path);
    const guchar *data;
    guint32 background;
    guint differ = 0;
    int stride;

    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
    g_assert_cmpint (cairo_image_surface_get_height (png), ==, 450);
    data = cairo_image_surface_get_data (png);
    stride = cairo_image_surface_get_stride (png);
    background = *(const guint32 *) data;
    for (int y = 0; y < 450; y++)
      for (int x = 0; x < 800; x++)
        differ += *(const guint32 *) (data + y * stride + x * 4) != background;
    g_test_message ("%u of %u pixels drawn", differ, 800 * 450);
    g_assert_cmpuint (differ, >, 2000);
    cairo_surface_destroy (png);
  }

  /* a file that cannot be written: an error that names it, and no file */
  {
    g_autofree char *path = g_build_filename (dir, "missing", "chart.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_false (ts_chart_view_export (view, file, TS_CHART_FORMAT_AUTO, 0, 0, &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, path));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  /* nor one whose name asks for no format */
  {
    g_autofree char *path = g_build_filename (dir, "chart.txt", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_false (ts_chart_view_export (view, file, TS_CHART_FORMAT_AUTO, 0, 0, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, path));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  /* an existing file replaced whole, nothing else left behind */
  {
    g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_true (ts_chart_view_export (view, file, TS_CHART_FORMAT_SVG, 400, 300, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_files (dir), ==, G_N_ELEMENTS (files));
  }

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  destroy_toplevels ();
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found)
        return found;
    }
  return NULL;
}

/* the first label under @widget whose text is @text */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found)
        return found;
    }
  return NULL;
}

/* the first label whose text matches @pattern (* and ?) */
static GtkWidget *
find_label_matching (GtkWidget  *widget,
                     const char *pattern)
{
  if (GTK_IS_LABEL (widget) && g_pattern_match_simple (pattern, gtk_label_get_text (GTK_LABEL (widget))))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_matching (child, pattern);

      if (found)
        return found;
    }
  return NULL;
}

/* the Scoring page has scored and the Guardrails & Routing page has decided
 * every moment with those scores */
static gboolean
decided (TsWindow *window)
{
  TsScoringPage *scoring = ts_window_get_scoring_page (window);
  TsRoutingPage *routing = ts_window_get_routing_page (window);

  return ts_scoring_page_get_scores (scoring) != NULL && !ts_scoring_page_get_busy (scoring) &&
         ts_routing_page_get_counts (routing, NULL, NULL, NULL) == ts_scoring_page_get_scores (scoring) &&
         !ts_routing_page_get_busy (routing);
}

/* the demo workspace open on @page, every moment decided */
static TsWindow *
open_demo_decided (const char *page)
{
  TsWindow *window = create_window ();

  ts_window_open_demo (window);
  WAIT_UNTIL (!ts_window_get_busy (window));
  ts_window_show_page (window, page);
  WAIT_UNTIL (decided (window));
  return window;
}

static void
test_routing_page (void)
{
  TsWindow *window;
  TsScoringPage *scoring;
  TsRoutingPage *routing;
  TsScores *scores;
  TsPlaybook *pb;
  const guint *routed = NULL, *blocked = NULL;
  guint n_held = 0, total = 0, consent = G_MAXUINT;

  REQUIRE_DISPLAY ();

  window = open_demo_decided ("routing");
  scoring = ts_window_get_scoring_page (window);
  routing = ts_window_get_routing_page (window);

  /* every moment has a route; the demo's held back are the ones blocked */
  scores = ts_routing_page_get_counts (routing, &routed, &blocked, &n_held);
  pb = ts_scores_get_playbook (scores);
  for (guint r = 0; r < ts_playbook_get_n_routes (pb); r++)
    total += routed[r];
  g_assert_cmpuint (total, ==, 600);
  g_assert_cmpuint (n_held, >, 0);
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    if (ts_playbook_get_guardrail (pb, i)->kind == TS_GUARDRAIL_CONSENT)
      consent = blocked[i];
  /* the same as deciding each customer here */
  {
    guint held = 0, denied = 0;

    for (guint c = 0; c < ts_scores_get_n_customers (scores); c++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(TsDecision) d = ts_decide (scores, c, &error);

        g_assert_no_error (error);
        held += d->held_back;
        for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
          if (ts_playbook_get_guardrail (pb, i)->kind == TS_GUARDRAIL_CONSENT)
            denied += d->verdicts[i].blocks;
      }
    g_assert_cmpuint (held, ==, n_held);
    g_assert_cmpuint (denied, ==, consent);
  }

  /* the chart of routed volume: a bar per route, as tall as the customers it takes */
  {
    TsChart *chart = ts_chart_view_get_chart (ts_routing_page_get_chart_view (routing));
    g_autofree char *description = NULL;

    g_assert_nonnull (chart);
    g_assert_cmpuint (ts_chart_get_n_categories (chart), ==, ts_playbook_get_n_routes (pb));
    for (guint r = 0; r < ts_playbook_get_n_routes (pb); r++)
      {
        g_assert_cmpstr (ts_chart_get_category_label (chart, r), ==, ts_playbook_get_route (pb, r)->id);
        g_assert_cmpfloat (ts_chart_get_category_total (chart, r), ==, routed[r]);
      }
    description = ts_chart_describe (chart);
    g_assert_nonnull (strstr (description, "expansion"));
  }

  /* the volume by destination and channel: urgent help is the only route to a person by phone */
  {
    GtkWidget *title = find_label (GTK_WIDGET (routing), "human by phone");
    GtkWidget *row = title ? gtk_widget_get_ancestor (title, ADW_TYPE_ACTION_ROW) : NULL;
    gboolean found = FALSE;

    /* touched and held back add up to what the route takes */
    g_assert_nonnull (row);
    for (guint k = 0; k <= routed[0] && !found; k++)
      {
        g_autofree char *text = g_strdup_printf ("%u touched, %u held back", routed[0] - k, k);
        found = find_label (row, text) != NULL;
      }
    g_assert_true (found);
  }

  /* a weight changed on the Scoring page decides every moment again */
  g_assert_true (ts_scoring_page_set_weight (scoring, "urgency", 0));
  WAIT_UNTIL (decided (window));
  g_assert_true (ts_routing_page_get_counts (routing, NULL, NULL, NULL) != scores);

  destroy_toplevels ();
}

/* the routing page's rows say, route by route, what its chart counts */
static void
assert_routing_shows (TsRoutingPage *routing,
                      const guint   *routed)
{
  TsChart *chart = ts_chart_view_get_chart (ts_routing_page_get_chart_view (routing));
  TsPlaybook *pb = ts_scores_get_playbook (ts_routing_page_get_counts (routing, NULL, NULL, NULL));

  g_assert_nonnull (chart);
  for (guint r = 0; r < ts_playbook_get_n_routes (pb); r++)
    {
      guint held = (guint) ts_chart_get_value (chart, 1, r);
      g_autofree char *text = g_strdup_printf ("%u customers, %u held back", routed[r], held);

      g_assert_cmpfloat (ts_chart_get_category_total (chart, r), ==, routed[r]);
      g_assert_nonnull (find_label (GTK_WIDGET (routing), text));
    }
}

/* Pages not on screen build nothing when their results arrive: they are
 * stale until they are shown, and then show the latest results, after a
 * load and after a recompute. */
static void
test_pages_shown_in_turn (void)
{
  TsWindow *window;
  TsScoringPage *scoring;
  TsRoutingPage *routing;
  TsDriversPage *drivers;
  TsOutcomesPage *outcomes;
  TsScores *first;
  const guint *routed = NULL;
  g_autofree guint *before = NULL;
  guint n_routes;
  gboolean changed = FALSE;

  REQUIRE_DISPLAY ();

  window = create_window ();
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  scoring = ts_window_get_scoring_page (window);
  routing = ts_window_get_routing_page (window);
  drivers = ts_window_get_drivers_page (window);
  outcomes = ts_window_get_outcomes_page (window);

  ts_window_open_demo (window);
  WAIT_UNTIL (!ts_window_get_busy (window));
  ts_window_show_page (window, "scoring");
  WAIT_UNTIL (decided (window) &&
              ts_drivers_page_get_drivers (drivers) != NULL && !ts_drivers_page_get_busy (drivers) &&
              ts_outcomes_page_get_outcomes (outcomes) != NULL && !ts_outcomes_page_get_busy (outcomes));

  /* computed, not built */
  g_assert_true (ts_page_get_stale (GTK_WIDGET (routing)));
  g_assert_true (ts_page_get_stale (GTK_WIDGET (drivers)));
  g_assert_true (ts_page_get_stale (GTK_WIDGET (outcomes)));
  g_assert_null (ts_chart_view_get_chart (ts_routing_page_get_chart_view (routing)));
  g_assert_null (find_label (GTK_WIDGET (drivers), "2025-W31 · Outages"));
  g_assert_false (ts_page_get_stale (GTK_WIDGET (scoring)));

  /* shown, each has its results before its first frame */
  ts_window_show_page (window, "routing");
  g_assert_false (ts_page_get_stale (GTK_WIDGET (routing)));
  first = ts_routing_page_get_counts (routing, &routed, NULL, NULL);
  n_routes = ts_playbook_get_n_routes (ts_scores_get_playbook (first));
  assert_routing_shows (routing, routed);
  before = g_memdup2 (routed, n_routes * sizeof (guint));

  ts_window_show_page (window, "drivers");
  g_assert_false (ts_page_get_stale (GTK_WIDGET (drivers)));
  g_assert_nonnull (find_label (GTK_WIDGET (drivers), "2025-W31 · Outages"));

  ts_window_show_page (window, "outcomes");
  g_assert_false (ts_page_get_stale (GTK_WIDGET (outcomes)));
  {
    guint n = 0;
    g_autofree char *title = NULL;

    ts_outcomes_get_false_positives (ts_comparison_get_a (ts_outcomes_page_get_comparison (outcomes)), &n);
    title = g_strdup_printf ("Over-Contacted as of 2025-05-01 (%u)", n);
    g_assert_nonnull (find_label (GTK_WIDGET (outcomes), title));
  }

  /* another moment scored on the Scoring page: the Routing page, not
   * shown, keeps its rows until it is shown again, then shows the new
   * decisions */
  ts_window_show_page (window, "scoring");
  ts_scoring_page_set_as_of (scoring, ts_timestamp_from_civil (2025, 3, 1, 0, 0, 0, 0));
  WAIT_UNTIL (ts_routing_page_get_counts (routing, NULL, NULL, NULL) != first && decided (window));
  g_assert_true (ts_page_get_stale (GTK_WIDGET (routing)));
  assert_routing_shows (routing, before);
  ts_routing_page_get_counts (routing, &routed, NULL, NULL);
  for (guint r = 0; r < n_routes; r++)
    changed |= routed[r] != before[r];
  g_assert_true (changed);

  g_assert_null (find_label (GTK_WIDGET (routing), "600 customer moments decided as of 2025-03-01T00:00:00Z"));
  ts_window_show_page (window, "routing");
  g_assert_false (ts_page_get_stale (GTK_WIDGET (routing)));
  assert_routing_shows (routing, routed);
  g_assert_nonnull (find_label (GTK_WIDGET (routing), "600 customer moments decided as of 2025-03-01T00:00:00Z"));

  destroy_toplevels ();
}

static const char *
scenario_route (TsScenarioPage    *page,
                const TsDecision **decision)
{
  TsScores *scores = ts_scenario_page_get_result (page, decision);

  g_assert_nonnull (scores);
  return ts_playbook_get_route (ts_scores_get_playbook (scores), (*decision)->route)->id;
}

static const TsVerdict *
scenario_verdict (TsScenarioPage *page,
                  const char     *id)
{
  const TsDecision *d = NULL;
  TsPlaybook *pb = ts_scores_get_playbook (ts_scenario_page_get_result (page, &d));

  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    if (g_str_equal (ts_playbook_get_guardrail (pb, i)->id, id))
      return &d->verdicts[i];
  g_assert_not_reached ();
}

/* The demo's scenarios; edits through the page's own controls decide the
 * moment again and are kept in the workspace; a real customer's moment
 * starts with its own score and route; presenting hides the sidebar. */
static void
test_workshop_page (void)
{
  TsWindow *window;
  TsScoringPage *scoring;
  TsScenarioPage *page;
  TsWorkspace *workspace;
  const TsDecision *d = NULL;
  GtkWidget *widget;
  double before;

  REQUIRE_DISPLAY ();

  window = open_demo_decided ("workshop");
  scoring = ts_window_get_scoring_page (window);
  page = ts_window_get_scenario_page (window);
  g_assert_nonnull (ts_scenario_page_get_result (page, NULL));
  workspace = ts_window_get_workspace (window);

  /* ready to grow, but two e-mails this week: the pitch is held back */
  g_assert_cmpuint (ts_scenario_page_get_n_scenarios (page), ==, 2);
  g_assert_cmpstr (ts_scenario_page_get_scenario (page)->name, ==, "Ready to grow, renewed last week");
  g_assert_cmpstr (scenario_route (page, &d), ==, "expansion");
  g_assert_true (d->held_back);
  g_assert_true (scenario_verdict (page, "email-cap")->blocks);
  g_assert_true (scenario_verdict (page, "recent-renewal")->blocks);

  /* the other demo scenario: no login measured, "never", which is −1 */
  widget = find_named (GTK_WIDGET (page), "scenario-chooser");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), 1);
  g_assert_cmpstr (ts_scenario_page_get_scenario (page)->name, ==, "Locked out during the outage");
  g_assert_cmpstr (scenario_route (page, &d), ==, "urgent-help");
  widget = find_named (GTK_WIDGET (page), "silence");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)), ==, -1);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW))),
                                   "no login yet"));
  widget = find_named (GTK_WIDGET (page), "scenario-chooser");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), 0);
  g_assert_cmpstr (ts_scenario_page_get_scenario (page)->name, ==, "Ready to grow, renewed last week");

  /* the renewal moves out of its no-pitch window */
  widget = find_named (GTK_WIDGET (page), "renewal");
  g_assert_true (ADW_IS_EXPANDER_ROW (widget));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (widget), FALSE);
  g_assert_false (scenario_verdict (page, "recent-renewal")->blocks);
  g_assert_cmpint (ts_scenario_page_get_scenario (page)->days_since_renewal, ==, -1);

  /* an urgent case opens: a person calls, with the promise of that route */
  before = ts_scores_get_score (ts_scenario_page_get_result (page, NULL), 0);
  widget = find_named (GTK_WIDGET (page), "case");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (widget), TRUE);
  g_assert_true (scenario_verdict (page, "open-case")->blocks);
  widget = find_named (GTK_WIDGET (page), "priority");
  gtk_editable_set_text (GTK_EDITABLE (widget), "Urgent");
  g_signal_emit_by_name (widget, "apply");
  g_assert_cmpstr (scenario_route (page, &d), ==, "urgent-help");
  g_assert_cmpfloat (ts_scores_get_score (ts_scenario_page_get_result (page, NULL), 0), >, before + 24);
  widget = find_named (GTK_WIDGET (page), "scenario-promise");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (widget)), "A person who can fix it"));
  /* and what the edit changed is marked for the room */
  widget = find_named (GTK_WIDGET (page), "scenario-was-route");
  g_assert_nonnull (widget);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (widget)), ==, "was expansion");
  widget = find_named (GTK_WIDGET (page), "scenario-moved");
  g_assert_nonnull (widget);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "▲ 25 from"));

  /* kept in the workspace as edited */
  {
    JsonObject *saved = json_array_get_object_element (ts_workspace_get_scenarios (workspace), 0);

    g_assert_true (ts_workspace_get_modified (workspace));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (saved, "open_case"), "priority"),
                     ==, "Urgent");
    g_assert_false (json_object_has_member (saved, "days_since_renewal"));
  }

  /* a signal set by hand */
  widget = find_named (GTK_WIDGET (page), "adoption");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 0);
  {
    double raw = -1;
    g_assert_true (ts_scenario_get_signal (ts_scenario_page_get_scenario (page), "adoption", &raw));
    g_assert_cmpfloat (raw, ==, 0);
  }

  /* from the customer at the top of the Scoring page */
  {
    TsScores *real = ts_scoring_page_get_scores (scoring);
    g_autofree guint *order = ts_scores_dup_order (real);
    const char *id = ts_dataset_get_string (ts_scores_get_dataset (real),
                                            ts_dataset_get_customers (ts_scores_get_dataset (real))->id[order[0]]);
    g_autoptr(TsDecision) real_decision = ts_decide (real, order[0], NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (ts_scenario_page_start_from_customer (page, id, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (ts_scenario_page_get_n_scenarios (page), ==, 3);
    g_assert_cmpstr (ts_scenario_page_get_scenario (page)->customer_id, ==, id);
    g_assert_cmpfloat_with_epsilon (ts_scores_get_score (ts_scenario_page_get_result (page, &d), 0),
                                    ts_scores_get_score (real, order[0]), 1e-9);
    g_assert_cmpint (d->route, ==, real_decision->route);
    g_assert_false (ts_scenario_page_start_from_customer (page, "nobody@example.com", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }

  /* or from the Scoring page's score card */
  {
    TsScores *real = ts_scoring_page_get_scores (scoring);
    g_autofree guint *order = ts_scores_dup_order (real);
    const char *id = ts_dataset_get_string (ts_scores_get_dataset (real),
                                            ts_dataset_get_customers (ts_scores_get_dataset (real))->id[order[1]]);

    ts_window_show_page (window, "scoring");
    g_assert_true (ts_scoring_page_select (scoring, id));
    widget = find_named (GTK_WIDGET (scoring), "play-in-workshop");
    g_assert_nonnull (widget);
    g_signal_emit_by_name (widget, "clicked");
    g_assert_true (ts_window_get_visible_page (window) == GTK_WIDGET (page));
    g_assert_cmpuint (ts_scenario_page_get_n_scenarios (page), ==, 4);
    g_assert_cmpstr (ts_scenario_page_get_scenario (page)->customer_id, ==, id);
    g_assert_cmpfloat_with_epsilon (ts_scores_get_score (ts_scenario_page_get_result (page, NULL), 0),
                                    ts_scores_get_score (real, order[1]), 1e-9);
  }

  /* presented (F11, from any page): full screen, large type, no sidebar */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.show-page", "s", "scoring"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.present", NULL));
  g_assert_true (ts_window_get_visible_page (window) == GTK_WIDGET (page));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (page), "presentation"));
  g_assert_false (gtk_widget_get_visible (find_named (GTK_WIDGET (window), "sidebar")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.present", NULL));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (page), "presentation"));
  g_assert_true (gtk_widget_get_visible (find_named (GTK_WIDGET (window), "sidebar")));

  ts_workspace_set_modified (workspace, FALSE);
  destroy_toplevels ();
}

/* Rules edited in the dialog go into the workspace's playbook when valid
 * (and every moment is decided again), and are refused by JSON path when
 * not; routes can be reordered. */
static void
test_rules_dialog (void)
{
  TsWindow *window;
  TsScoringPage *scoring;
  TsRoutingPage *routing;
  TsWorkspace *workspace;
  TsScores *before;
  GtkWindow *dialog;
  GtkWidget *widget;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bad = json_from_string ("\"repeat_contact >=\"", NULL);
  JsonArray *routes;

  REQUIRE_DISPLAY ();

  window = open_demo_decided ("routing");
  scoring = ts_window_get_scoring_page (window);
  routing = ts_window_get_routing_page (window);
  before = ts_scoring_page_get_scores (scoring);
  workspace = ts_window_get_workspace (window);
  g_assert_false (json_object_has_member (ts_workspace_get_playbook (workspace), "routes"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.edit-rules", NULL));
  dialog = find_toplevel (TS_TYPE_RULES_DIALOG);
  g_assert_nonnull (dialog);

  /* a shorter SLA for urgent help, through its spin button */
  widget = find_named (GTK_WIDGET (dialog), "routes[0].sla_hours");
  g_assert_true (GTK_IS_SPIN_BUTTON (widget));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 2);
  routes = json_object_get_array_member (ts_workspace_get_playbook (workspace), "routes");
  g_assert_nonnull (routes);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (routes, 0), "sla_hours"), ==, 2);
  WAIT_UNTIL (ts_scoring_page_get_scores (scoring) != before && decided (window));
  g_assert_cmpfloat (ts_playbook_get_route (ts_scores_get_playbook (ts_scoring_page_get_scores (scoring)), 0)->sla_hours,
                     ==, 2);

  /* a condition that does not parse is refused, and the playbook stays */
  g_assert_false (ts_playbook_dialog_apply (TS_PLAYBOOK_DIALOG (dialog), "routes", 1, "when", bad, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "$.routes[1].when"));
  g_clear_error (&error);
  widget = find_named (GTK_WIDGET (dialog), "routes[1].when");
  gtk_editable_set_text (GTK_EDITABLE (widget), "repeat_contact >=");
  g_signal_emit_by_name (widget, "apply");
  g_assert_true (gtk_widget_has_css_class (widget, "error"));
  routes = json_object_get_array_member (ts_workspace_get_playbook (workspace), "routes");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (routes, 1), "when"), ==,
                   "repeat_contact >= 0.66");

  /* self-serve before the specialist */
  widget = find_named (GTK_WIDGET (dialog), "routes[1].move-down");
  g_assert_true (GTK_IS_BUTTON (widget));
  g_signal_emit_by_name (widget, "clicked");
  routes = json_object_get_array_member (ts_workspace_get_playbook (workspace), "routes");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (routes, 1), "id"), ==, "self-serve");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (routes, 2), "id"), ==, "complex");
  /* the last route stays last: no button moves a route after it */
  g_assert_null (find_named (GTK_WIDGET (dialog), "routes[3].move-down"));

  /* a guardrail's parameter */
  widget = find_named (GTK_WIDGET (dialog), "guardrails[0].max");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (
                     ts_workspace_get_playbook (workspace), "guardrails"), 0), "max"), ==, 3);

  WAIT_UNTIL (!ts_scoring_page_get_busy (scoring) && !ts_routing_page_get_busy (routing));
  ts_workspace_set_modified (workspace, FALSE);
  gtk_window_destroy (dialog);
  destroy_toplevels ();
}

/* Outcomes after the demo's moment by band and route, a comparison with an
 * earlier moment, drill-down to the customers and one customer's timeline,
 * and the tables as CSV */
static void
test_outcomes_page (void)
{
  TsWindow *window;
  TsOutcomesPage *page;
  TsOutcomes *outcomes;
  TsChart *chart;
  GtkWidget *sheet, *widget;
  guint total = 0, n = 0;
  const guint *members;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GFile) file = NULL;

  REQUIRE_DISPLAY ();

  window = open_demo_decided ("outcomes");
  page = ts_window_get_outcomes_page (window);
  WAIT_UNTIL (ts_outcomes_page_get_outcomes (page) != NULL && !ts_outcomes_page_get_busy (page));
  outcomes = ts_outcomes_page_get_outcomes (page);
  g_assert_true (ts_outcomes_get_scores (outcomes) == ts_scoring_page_get_scores (ts_window_get_scoring_page (window)));

  /* the demo keeps a comparison with its spring: the over-contact campaign's
   * customers are over-contacted then, and the page lists them */
  {
    TsComparison *cmp = ts_outcomes_page_get_comparison (page);
    TsTime spring = ts_timestamp_from_civil (2025, 5, 1, 0, 0, 0, 0), kept = 0;
    g_autofree char *title = NULL;

    g_assert_nonnull (cmp);
    g_assert_cmpint (ts_outcomes_get_as_of (ts_comparison_get_a (cmp)), ==, spring);
    g_assert_true (ts_workspace_get_view_time (ts_window_get_workspace (window), "outcomes", "compare_as_of", &kept));
    g_assert_cmpint (kept, ==, spring);
    ts_outcomes_get_false_positives (ts_comparison_get_a (cmp), &n);
    g_assert_cmpuint (n, >=, 10);
    title = g_strdup_printf ("Over-Contacted as of 2025-05-01 (%u)", n);
    g_assert_nonnull (find_label (GTK_WIDGET (page), title));
  }

  /* every customer in one band; the chart a bar per band */
  for (guint b = 0; b < ts_outcomes_get_n_bands (outcomes); b++)
    total += ts_outcomes_get_band (outcomes, b)->customers;
  g_assert_cmpuint (total, ==, 600);
  chart = ts_chart_view_get_chart (ts_outcomes_page_get_chart_view (page));
  g_assert_nonnull (chart);
  g_assert_cmpuint (ts_chart_get_n_categories (chart), ==, ts_outcomes_get_n_bands (outcomes));
  ts_outcomes_page_set_kpi (page, "churn_rate");
  g_assert_true (ts_chart_view_get_chart (ts_outcomes_page_get_chart_view (page)) != chart);
  g_assert_nonnull (strstr (ts_chart_get_title (ts_chart_view_get_chart (ts_outcomes_page_get_chart_view (page))), "Churn"));

  /* a band's count opens its customers */
  members = ts_outcomes_get_members (outcomes, TS_OUTCOME_GROUP_BAND, 1, &n);
  g_assert_cmpuint (n, ==, ts_outcomes_get_band (outcomes, 1)->customers);
  sheet = ts_outcomes_page_open_members (page, TS_OUTCOME_GROUP_BAND, 1);
  g_assert_nonnull (find_label (sheet, ts_dataset_get_string (ts_scores_get_dataset (ts_outcomes_get_scores (outcomes)),
                                                              ts_dataset_get_customers (ts_scores_get_dataset (ts_outcomes_get_scores (outcomes)))->id[members[0]])));
  gtk_window_destroy (GTK_WINDOW (sheet));
  /* and so does its bar on the chart */
  {
    g_autofree char *title = g_strdup_printf ("The %u customers of %s", n, ts_outcomes_get_band (outcomes, 1)->label);

    g_signal_emit_by_name (ts_outcomes_page_get_chart_view (page), "category-activated", 1u);
    g_assert_nonnull (find_titled (title));
    gtk_window_destroy (find_titled (title));
  }

  /* one customer's timeline marks the moment scored */
  sheet = ts_outcomes_page_open_timeline (page, members[0]);
  g_assert_nonnull (find_named (sheet, "timeline-now"));
  /* with the score week by week: at the moment, the score the page measured */
  {
    TsChart *history = ts_chart_view_get_chart (TS_CHART_VIEW (find_named (sheet, "timeline-score")));
    guint at = 12;

    g_assert_nonnull (history);
    g_assert_cmpuint (ts_chart_get_n_categories (history), ==, 12 + 1 + ts_outcomes_get_window_days (outcomes) / 7);
    g_assert_cmpstr (ts_chart_get_category_label (history, at), ==, "scored");
    g_assert_cmpfloat_with_epsilon (ts_chart_get_value (history, 0, at),
                                    ts_scores_get_score (ts_outcomes_get_scores (outcomes), members[0]), 1e-9);
  }
  gtk_window_destroy (GTK_WINDOW (sheet));

  /* the tables as CSV: a header, a row per band and per route */
  dir = g_dir_make_tmp ("touchstone-outcomes-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "outcomes.csv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (ts_outcomes_page_export_csv (page, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "kind,group,customers,nps,nps_n,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + ts_outcomes_get_n_bands (outcomes) + ts_outcomes_get_n_routes (outcomes) + 1);
  g_assert_true (g_str_has_prefix (lines[1], "band,calm,"));
  g_unlink (path);
  g_rmdir (dir);

  /* compared with the spring, before the outage: NPS fell, and the page says how much */
  g_assert_true (ts_outcomes_page_set_compare_as_of (page, ts_timestamp_from_civil (2025, 5, 1, 0, 0, 0, 0)));
  WAIT_UNTIL (ts_outcomes_page_get_comparison (page) != NULL && !ts_outcomes_page_get_busy (page));
  {
    const TsComparisonRow *row = ts_comparison_find (ts_outcomes_page_get_comparison (page),
                                                     TS_OUTCOME_GROUP_ALL, "all", "nps");

    g_assert_nonnull (row);
    g_assert_cmpfloat (row->delta, <, 0);
  }

  /* the scores' drift month by month: six months, the score and each signal */
  {
    TsChart *drift = ts_chart_view_get_chart (ts_outcomes_page_get_drift_view (page));
    TsPlaybook *pb = ts_scores_get_playbook (ts_outcomes_get_scores (ts_outcomes_page_get_outcomes (page)));

    g_assert_nonnull (drift);
    g_assert_cmpuint (ts_chart_get_n_categories (drift), ==, 6);
    g_assert_cmpuint (ts_chart_get_n_series (drift), ==, 1 + ts_playbook_get_n_signals (pb));
  }

  /* or this playbook against the bundled one: the demo uses it, so nothing changes */
  widget = find_named (GTK_WIDGET (page), "compare-default");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), TRUE);
  WAIT_UNTIL (!ts_outcomes_page_get_busy (page) && ts_outcomes_page_get_comparison (page) != NULL &&
              ts_comparison_get_a (ts_outcomes_page_get_comparison (page)) != NULL);
  {
    TsComparison *cmp = ts_outcomes_page_get_comparison (page);
    const TsComparisonRow *row = ts_comparison_find (cmp, TS_OUTCOME_GROUP_ALL, "all", "nps");

    g_assert_nonnull (row);
    g_assert_cmpfloat (row->delta, ==, 0);
    g_assert_cmpint (ts_outcomes_get_as_of (ts_comparison_get_a (cmp)), ==,
                     ts_outcomes_get_as_of (ts_comparison_get_b (cmp)));
  }

  /* a playbook that holds a fifth out: the page shows the lift */
  {
    TsWorkspace *workspace = ts_window_get_workspace (window);
    TsScoringPage *scoring = ts_window_get_scoring_page (window);
    g_autoptr(JsonObject) json = ts_playbook_dup_workspace_json (workspace, NULL);
    const TsOutcomeGroup *treated = NULL, *held_out = NULL;
    TsOutcomes *before = ts_outcomes_page_get_outcomes (page);

    json_object_set_double_member (json_object_get_object_member (json, "outcomes"), "holdout", 0.2);
    ts_workspace_set_playbook (workspace, json);
    ts_scoring_page_set_data (scoring, ts_window_get_dataset (window), workspace);
    WAIT_UNTIL (ts_outcomes_page_get_outcomes (page) != before && ts_outcomes_page_get_outcomes (page) != NULL &&
                !ts_outcomes_page_get_busy (page));
    g_assert_true (ts_outcomes_get_holdout (ts_outcomes_page_get_outcomes (page), &treated, &held_out));
    g_assert_cmpuint (held_out->customers, >, 0);
    g_assert_cmpuint (treated->customers, >, held_out->customers);
    g_assert_nonnull (find_label (GTK_WIDGET (page), "Holdout"));
    ts_workspace_set_modified (workspace, FALSE);
  }

  destroy_toplevels ();
}

/* Every customer by score as CSV, the highest first, written whole; a path
 * that cannot be written is an error naming it */
static void
test_scoring_export (void)
{
  TsWindow *window;
  TsScoringPage *page;
  TsScores *scores;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *csv = NULL;
  g_autofree guint *order = NULL;
  g_autofree char *first = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) bad_file = NULL;
  TsDataset *ds;

  REQUIRE_DISPLAY ();

  window = open_demo_decided ("scoring");
  page = ts_window_get_scoring_page (window);
  scores = ts_scoring_page_get_scores (page);
  ds = ts_scores_get_dataset (scores);
  dir = g_dir_make_tmp ("touchstone-scores-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "scores.csv", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (ts_scoring_page_export_csv (page, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "customer_id,score,band,friction_raw,friction_points,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + ts_scores_get_n_customers (scores) + 1);
  order = ts_scores_dup_order (scores);
  first = g_strdup_printf ("%s,", ts_dataset_get_string (ds, ts_dataset_get_customers (ds)->id[order[0]]));
  g_assert_true (g_str_has_prefix (lines[1], first));

  bad = g_build_filename (dir, "no-such-folder", "scores.csv", NULL);
  bad_file = g_file_new_for_path (bad);
  g_assert_false (ts_scoring_page_export_csv (page, bad_file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, bad));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_unlink (path);
  g_rmdir (dir);
  destroy_toplevels ();
}

/* The CX driver index of the demo: the outage is week 31's alert, it opens
 * its customers, it tops the key drivers; by month too */
static void
test_drivers_page (void)
{
  TsWindow *window;
  TsDriversPage *page;
  TsDrivers *drivers;
  const TsDriverAlert *alerts;
  const TsDriverImpact *impact;
  guint n = 0, outage_alert = G_MAXUINT;
  TsChart *chart;

  REQUIRE_DISPLAY ();

  window = open_demo_decided ("drivers");
  page = ts_window_get_drivers_page (window);
  WAIT_UNTIL (ts_drivers_page_get_drivers (page) != NULL && !ts_drivers_page_get_busy (page));
  drivers = ts_drivers_page_get_drivers (page);

  chart = ts_chart_view_get_chart (ts_drivers_page_get_chart_view (page));
  g_assert_nonnull (chart);
  g_assert_cmpuint (ts_chart_get_n_categories (chart), ==, ts_drivers_get_n_periods (drivers));
  /* driver by driver: a line per lowering driver, its values the cells' */
  {
    TsChart *lowering = ts_chart_view_get_chart (ts_drivers_page_get_breakdown_view (page, TS_DRIVER_LOWERS));
    guint n_lowering = 0, outage = G_MAXUINT, line = 0;

    for (guint d = 0; d < ts_drivers_get_n_drivers (drivers); d++)
      if (ts_drivers_get_driver (drivers, d)->direction == TS_DRIVER_LOWERS)
        {
          if (g_str_equal (ts_drivers_get_driver (drivers, d)->id, "outage"))
            {
              outage = d;
              line = n_lowering;
            }
          n_lowering++;
        }
    g_assert_nonnull (lowering);
    g_assert_cmpuint (ts_chart_get_n_series (lowering), ==, n_lowering);
    g_assert_cmpuint (outage, !=, G_MAXUINT);
    for (guint p = 0; p < ts_drivers_get_n_periods (drivers); p++)
      g_assert_cmpfloat (ts_chart_get_value (lowering, line, p), ==, ts_drivers_get_cell (drivers, p, outage)->per_1000);
  }

  alerts = ts_drivers_get_alerts (drivers, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = ts_drivers_dup_period_label (drivers, alerts[i].period);

      if (g_str_equal (ts_drivers_get_driver (drivers, alerts[i].driver)->id, "outage") && g_str_equal (label, "2025-W31"))
        outage_alert = i;
    }
  g_assert_cmpuint (outage_alert, <, n);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "2025-W31 · Outages"));
  /* the index chart marks the week of the alert with it */
  {
    const char *mark;

    g_assert_cmpstr (ts_chart_get_category_label (chart, alerts[outage_alert].period), ==, "2025-W31");
    mark = ts_chart_get_category_mark (chart, alerts[outage_alert].period);
    g_assert_nonnull (mark);
    g_assert_nonnull (strstr (mark, "Outages: "));
    g_assert_nonnull (strstr (mark, "per 1,000 (alert at "));
  }
  {
    GtkWidget *sheet = ts_drivers_page_open_members (page, alerts[outage_alert].period, alerts[outage_alert].driver);
    g_autofree char *title = g_strdup_printf ("Outages in 2025-W31: %u customers", alerts[outage_alert].customers);

    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (sheet)), ==, title);
    gtk_window_destroy (GTK_WINDOW (sheet));
    /* clicking week 31 on the index chart opens its first alert's customers */
    g_signal_emit_by_name (ts_drivers_page_get_chart_view (page), "category-activated", alerts[outage_alert].period);
    sheet = GTK_WIDGET (find_titled (title));
    g_assert_nonnull (sheet);
    /* a customer the outage turned from promoter to detractor opens their story */
    g_assert_nonnull (find_label_matching (sheet, "from promoter to detractor, * → *"));
    gtk_window_destroy (GTK_WINDOW (sheet));
  }
  {
    const TsDriverStory *stories = ts_drivers_get_stories (drivers, &n);
    guint story = G_MAXUINT;
    GtkWidget *sheet;
    g_autofree char *title = NULL;

    for (guint i = 0; i < n && story == G_MAXUINT; i++)
      for (guint k = 0; k < stories[i].n_moments; k++)
        if (stories[i].direction == TS_DRIVER_STORY_FELL &&
            g_str_equal (ts_drivers_get_driver (drivers, stories[i].moments[k].driver)->id, "outage"))
          story = i;
    g_assert_cmpuint (story, <, n);
    sheet = ts_drivers_page_open_story (page, story);
    title = g_strdup_printf ("%s: from promoter to detractor",
                             ts_dataset_get_customer_id (ts_drivers_get_dataset (drivers), stories[story].customer));
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (sheet)), ==, title);
    g_assert_nonnull (find_label (sheet, "Outages"));
    g_assert_nonnull (find_label_matching (sheet, "NPS *: a detractor"));
    g_assert_nonnull (find_label_matching (sheet, "NPS *: a promoter"));
    gtk_window_destroy (GTK_WINDOW (sheet));
  }

  impact = ts_drivers_get_impact (drivers, &n);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (ts_drivers_get_driver (drivers, impact[0].driver)->id, ==, "outage");

  ts_drivers_page_set_period (page, TS_DRIVER_PERIOD_MONTH);
  WAIT_UNTIL (!ts_drivers_page_get_busy (page) && ts_drivers_page_get_drivers (page) != drivers);
  g_assert_cmpint (ts_drivers_get_period (ts_drivers_page_get_drivers (page)), ==, TS_DRIVER_PERIOD_MONTH);

  destroy_toplevels ();
}

/* the period labelled @label */
static guint
period_labelled (TsDrivers  *drivers,
                 const char *label)
{
  for (guint p = 0; p < ts_drivers_get_n_periods (drivers); p++)
    {
      g_autofree char *l = ts_drivers_dup_period_label (drivers, p);

      if (g_str_equal (l, label))
        return p;
    }
  g_assert_not_reached ();
}

static gboolean
alerts_in (TsDrivers  *drivers,
           const char *id,
           const char *period)
{
  guint n = 0;
  const TsDriverAlert *alerts = ts_drivers_get_alerts (drivers, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (ts_drivers_get_driver (drivers, alerts[i].driver)->id, id) &&
        alerts[i].period == period_labelled (drivers, period))
      return TRUE;
  return FALSE;
}

/* the CX Drivers page counted again after @before, on the playbook the
 * Scoring page scored with, and every moment is decided */
static gboolean
recounted (TsWindow  *window,
           TsDrivers *before)
{
  TsDriversPage *page = ts_window_get_drivers_page (window);
  TsDrivers *drivers = ts_drivers_page_get_drivers (page);

  return decided (window) && drivers != NULL && drivers != before && !ts_drivers_page_get_busy (page) &&
         ts_drivers_get_playbook (drivers) == ts_scores_get_playbook (ts_scoring_page_get_scores (ts_window_get_scoring_page (window)));
}

static JsonObject *
workspace_driver (TsWorkspace *workspace,
                  guint        index)
{
  return json_array_get_object_element (json_object_get_array_member (ts_workspace_get_playbook (workspace), "drivers"),
                                        index);
}

/* Edit Drivers…: the outage's threshold over week 31's count and its
 * weight to 0, an alert switched off, a filter that does not parse
 * refused, a driver added and removed (and put back), one moved */
static void
test_drivers_dialog (void)
{
  TsWindow *window;
  TsDriversPage *page;
  TsWorkspace *workspace;
  TsDrivers *drivers;
  GtkWindow *dialog;
  GtkWidget *widget;
  JsonObject *playbook;
  double index_before;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bad = json_from_string ("\"name ==\"", NULL);

  REQUIRE_DISPLAY ();

  window = open_demo_decided ("drivers");
  page = ts_window_get_drivers_page (window);
  workspace = ts_window_get_workspace (window);
  WAIT_UNTIL (ts_drivers_page_get_drivers (page) != NULL && !ts_drivers_page_get_busy (page));
  drivers = ts_drivers_page_get_drivers (page);
  g_assert_true (alerts_in (drivers, "outage", "2025-W31"));
  g_assert_true (alerts_in (drivers, "slow_response", "2025-W31"));
  index_before = ts_drivers_get_index (drivers, period_labelled (drivers, "2025-W31"));

  /* the page's button opens the dialog */
  widget = gtk_widget_get_ancestor (find_label (GTK_WIDGET (page), "Edit Drivers…"), GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), ==, "window.edit-drivers");
  g_signal_emit_by_name (widget, "clicked");
  dialog = find_toplevel (TS_TYPE_DRIVERS_DIALOG);
  g_assert_nonnull (dialog);

  /* the outage alerts from 500 per 1,000 (week 31 has 453) and no longer
   * counts in the index; slow response never alerts */
  widget = find_named (GTK_WIDGET (dialog), "drivers[0].alert.per_1000");
  g_assert_true (GTK_IS_SPIN_BUTTON (widget));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 500);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (workspace_driver (workspace, 0), "alert"),
                                               "per_1000"), ==, 500);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_named (GTK_WIDGET (dialog), "drivers[0].weight")), 0);
  g_assert_cmpfloat (json_object_get_double_member (workspace_driver (workspace, 0), "weight"), ==, 0);
  widget = find_named (GTK_WIDGET (dialog), "drivers[1].alert");
  g_assert_true (ADW_IS_EXPANDER_ROW (widget));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (widget), FALSE);
  g_assert_false (json_object_has_member (workspace_driver (workspace, 1), "alert"));
  WAIT_UNTIL (recounted (window, drivers));
  drivers = ts_drivers_page_get_drivers (page);
  g_assert_cmpfloat (ts_drivers_get_driver (drivers, 0)->alert_per_1000, ==, 500);
  g_assert_false (alerts_in (drivers, "outage", "2025-W31"));
  g_assert_false (alerts_in (drivers, "slow_response", "2025-W31"));
  g_assert_true (alerts_in (drivers, "unanswered_inquiry", "2025-W31"));
  g_assert_null (find_label (GTK_WIDGET (page), "2025-W31 · Outages"));
  /* without the outage's 3 × 453 per 1,000, week 31 is far less bad */
  g_assert_cmpfloat (ts_drivers_get_index (drivers, period_labelled (drivers, "2025-W31")), >, index_before + 1000);

  /* a filter that does not parse is refused with its path, and nothing changes */
  playbook = ts_workspace_get_playbook (workspace);
  g_assert_false (ts_drivers_dialog_apply (TS_DRIVERS_DIALOG (dialog), 2, "filter", bad, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "$.drivers[2].filter"));
  g_clear_error (&error);
  widget = find_named (GTK_WIDGET (dialog), "drivers[0].filter");
  gtk_editable_set_text (GTK_EDITABLE (widget), "name ==");
  g_signal_emit_by_name (widget, "apply");
  g_assert_true (gtk_widget_has_css_class (widget, "error"));
  g_assert_true (ts_workspace_get_playbook (workspace) == playbook);
  g_assert_cmpstr (json_object_get_string_member (workspace_driver (workspace, 0), "filter"), ==, "name == \"outage_affected\"");
  g_assert_true (ts_drivers_page_get_drivers (page) == drivers);

  /* a driver added from its label: an id of it, counting nothing yet */
  widget = find_named (GTK_WIDGET (dialog), "drivers.add");
  gtk_editable_set_text (GTK_EDITABLE (widget), "Billing errors");
  g_signal_emit_by_name (widget, "apply");
  g_assert_cmpstr (json_object_get_string_member (workspace_driver (workspace, 13), "id"), ==, "billing_errors");
  g_assert_cmpstr (json_object_get_string_member (workspace_driver (workspace, 13), "filter"), ==, "name == \"billing_errors\"");
  g_free (ts_drivers_dialog_add (TS_DRIVERS_DIALOG (dialog), "Billing errors", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (workspace_driver (workspace, 14), "id"), ==, "billing_errors_2");
  WAIT_UNTIL (recounted (window, drivers));
  drivers = ts_drivers_page_get_drivers (page);
  g_assert_cmpuint (ts_drivers_get_n_drivers (drivers), ==, 15);
  g_assert_cmpstr (ts_drivers_get_driver (drivers, 13)->label, ==, "Billing errors");
  g_assert_cmpfloat (ts_drivers_get_cell (drivers, period_labelled (drivers, "2025-W31"), 13)->per_1000, ==, 0);

  /* both removed again, then one of the bundled ones, which Undo puts back */
  g_signal_emit_by_name (find_named (GTK_WIDGET (dialog), "drivers[14].remove"), "clicked");
  g_signal_emit_by_name (find_named (GTK_WIDGET (dialog), "drivers[13].remove"), "clicked");
  g_assert_null (find_named (GTK_WIDGET (dialog), "drivers[13].remove"));
  g_signal_emit_by_name (find_named (GTK_WIDGET (dialog), "drivers[4].remove"), "clicked");
  g_assert_cmpstr (json_object_get_string_member (workspace_driver (workspace, 4), "id"), ==, "poor_data_quality");
  WAIT_UNTIL (recounted (window, drivers));
  drivers = ts_drivers_page_get_drivers (page);
  g_assert_cmpuint (ts_drivers_get_n_drivers (drivers), ==, 12);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "playbook.undo-remove", NULL));
  g_assert_cmpstr (json_object_get_string_member (workspace_driver (workspace, 4), "id"), ==, "confusing_navigation");

  /* slow response first */
  g_signal_emit_by_name (find_named (GTK_WIDGET (dialog), "drivers[0].move-down"), "clicked");
  g_assert_cmpstr (json_object_get_string_member (workspace_driver (workspace, 0), "id"), ==, "slow_response");
  g_assert_null (find_named (GTK_WIDGET (dialog), "drivers[0].move-up"));
  g_assert_null (find_named (GTK_WIDGET (dialog), "drivers[12].move-down"));
  WAIT_UNTIL (recounted (window, drivers));
  drivers = ts_drivers_page_get_drivers (page);
  g_assert_cmpuint (ts_drivers_get_n_drivers (drivers), ==, 13);
  g_assert_cmpstr (ts_drivers_get_driver (drivers, 0)->id, ==, "slow_response");

  ts_workspace_set_modified (workspace, FALSE);
  gtk_window_destroy (dialog);
  destroy_toplevels ();
}

/* The Touchpoints page of the demo: the inventory as a table of every
 * touchpoint, the chart a point each at its cost per interaction and NPS
 * after, the help centre marked below everyone's; a count opens the
 * customers; a shorter period measures again */
static void
on_category_activated_cb (TsChartView *view,
                          guint        category,
                          int         *activated)
{
  *activated = category;
}

/* A flow of two nodes, Start on the left and End on the right, both the
 * plot's height: found on them, nothing between them but their band */
static void
test_chart_flow (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_FLOW, "Journey");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = ts_chart_view_new ();
  GtkGesture *click;
  GtkEventController *motion;
  int activated = -1, width, height;
  GdkCursor *cursor;
  guint series;

  REQUIRE_DISPLAY ();

  series = ts_chart_add_series (chart, "in the journey", TS_CHART_ROLE_ACCENT, 0);
  ts_chart_add_category (chart, "Start");
  ts_chart_add_category (chart, "End");
  ts_chart_set_node (chart, 0, series, 0, 10);
  ts_chart_set_node (chart, 1, series, 1, 10);
  ts_chart_add_link (chart, 0, 1, 10);
  ts_chart_view_set_chart (TS_CHART_VIEW (view), chart);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 300);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_frames (view, 2);
  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);
  g_assert_cmpint (width, >=, 240);

  click = find_controller (view, GTK_TYPE_GESTURE_CLICK);
  motion = find_controller (view, GTK_TYPE_EVENT_CONTROLLER_MOTION);
  g_assert_nonnull (click);
  g_assert_nonnull (motion);
  g_signal_connect (view, "category-activated", G_CALLBACK (on_category_activated_cb), &activated);

  g_signal_emit_by_name (click, "released", 1, 5.0, height * 0.6);
  g_assert_cmpint (activated, ==, 0);
  g_signal_emit_by_name (click, "released", 1, width - 5.0, height * 0.6);
  g_assert_cmpint (activated, ==, 1);
  activated = -1;
  g_signal_emit_by_name (click, "released", 1, width / 2.0, height * 0.6);
  g_assert_cmpint (activated, ==, -1);

  /* a node under the pointer, which a click activates: a hand */
  g_signal_emit_by_name (motion, "motion", 5.0, height * 0.6);
  cursor = gtk_widget_get_cursor (view);
  g_assert_nonnull (cursor);
  g_assert_cmpstr (gdk_cursor_get_name (cursor), ==, "pointer");
  g_signal_emit_by_name (motion, "motion", width / 2.0, height * 0.6);
  g_assert_null (gtk_widget_get_cursor (view));

  /* exported through the one drawing */
  dir = g_dir_make_tmp ("touchstone-flow-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "flow.png", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (ts_chart_view_export (TS_CHART_VIEW (view), file, TS_CHART_FORMAT_AUTO, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\x89PNG"));
  g_unlink (path);
  g_rmdir (dir);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The Maturity page on the demo: the matrix of six capabilities for the
 * data's last full month; August, the outage's month, where most urgent
 * help missed its SLA and the value opens those customers; an owner typed
 * is kept in the workspace and counted; the review exported as PDF and HTML */
static void
test_maturity_page (void)
{
  TsWindow *window;
  TsMaturityPage *page;
  TsReport *report;
  TsMaturity *m;
  const TsMaturityKpi *k;
  GtkWidget *sheet, *owner;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ts-maturity-page-XXXXXX", &error);
  g_autofree char *pdf_path = g_build_filename (dir, "review.pdf", NULL);
  g_autofree char *html_path = g_build_filename (dir, "review.html", NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) html = g_file_new_for_path (html_path);
  g_autofree char *contents = NULL;
  g_auto(GStrv) owners = NULL;

  REQUIRE_DISPLAY ();
  g_assert_no_error (error);

  window = open_demo_decided ("maturity");
  page = ts_window_get_maturity_page (window);
  WAIT_UNTIL (ts_maturity_page_get_report (page) != NULL && !ts_maturity_page_get_busy (page));
  m = ts_report_get_maturity (ts_maturity_page_get_report (page));
  g_assert_cmpint (ts_maturity_get_from (m), ==, ts_timestamp_from_civil (2025, 12, 1, 0, 0, 0, 0));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Maturity, December 2025"));
  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    g_assert_nonnull (find_label (GTK_WIDGET (page), ts_maturity_get_capability (m, i)->name));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "ARR lost"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.show-page", "s", "maturity"));

  /* August: the outage's cases waited past the urgent route's four hours */
  report = ts_maturity_page_get_report (page);
  ts_maturity_page_set_month (page, 4);
  WAIT_UNTIL (!ts_maturity_page_get_busy (page) && ts_maturity_page_get_report (page) != report);
  m = ts_report_get_maturity (ts_maturity_page_get_report (page));
  g_assert_cmpint (ts_maturity_get_from (m), ==, ts_timestamp_from_civil (2025, 8, 1, 0, 0, 0, 0));
  k = ts_maturity_find_kpi (m, "sla_compliance:urgent-help");
  g_assert_nonnull (k);
  g_assert_cmpfloat (k->value, <, 0.5);
  g_assert_cmpuint (k->n_customers, >, 10);
  sheet = ts_maturity_page_open_kpi (page, "sla_compliance:urgent-help");
  title = g_strdup_printf ("%s: %u customers, breached", k->label, k->n_customers);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (sheet)), ==, title);
  gtk_window_destroy (GTK_WINDOW (sheet));
  g_assert_null (ts_maturity_page_open_kpi (page, "onboarding_rate"));

  /* an owner: typed in its entry, kept in the workspace, shown again */
  owner = find_named (GTK_WIDGET (page), "routing");
  g_assert_nonnull (owner);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (owner)), ==, "");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (owner)), ==, "Sales/Service Ops");
  report = ts_maturity_page_get_report (page);
  gtk_editable_set_text (GTK_EDITABLE (owner), "Service Ops");
  g_signal_emit_by_name (owner, "activate");
  owners = ts_maturity_dup_owners (ts_window_get_workspace (window));
  g_assert_cmpstr (owners[TS_CAPABILITY_ROUTING], ==, "Service Ops");
  g_assert_true (ts_workspace_get_modified (ts_window_get_workspace (window)));
  WAIT_UNTIL (!ts_maturity_page_get_busy (page) && ts_maturity_page_get_report (page) != report);
  m = ts_report_get_maturity (ts_maturity_page_get_report (page));
  g_assert_cmpstr (ts_maturity_get_capability (m, TS_CAPABILITY_ROUTING)->owner, ==, "Service Ops");
  g_assert_cmpint (ts_maturity_get_from (m), ==, ts_timestamp_from_civil (2025, 8, 1, 0, 0, 0, 0));
  owner = find_named (GTK_WIDGET (page), "routing");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (owner)), ==, "Service Ops");

  /* the review, whole */
  g_assert_true (ts_maturity_page_export (page, pdf, &error));
  g_assert_no_error (error);
  g_file_get_contents (pdf_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (ts_maturity_page_export (page, html, &error));
  g_file_get_contents (html_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<h1>Monthly review, August 2025</h1>"));
  g_assert_nonnull (strstr (contents, "Service Ops"));
  g_unlink (pdf_path);
  g_unlink (html_path);
  g_rmdir (dir);

  destroy_toplevels ();
}

static void
test_touchpoints_page (void)
{
  TsWindow *window;
  TsTouchpointsPage *page;
  TsTouchpoints *tp;
  TsChart *chart;
  int help;

  REQUIRE_DISPLAY ();

  window = open_demo_decided ("touchpoints");
  page = ts_window_get_touchpoints_page (window);
  WAIT_UNTIL (ts_touchpoints_page_get_touchpoints (page) != NULL && !ts_touchpoints_page_get_busy (page));
  tp = ts_touchpoints_page_get_touchpoints (page);
  g_assert_cmpuint (ts_touchpoints_get_n_touchpoints (tp), ==, 6);
  help = ts_playbook_find_touchpoint (ts_touchpoints_get_playbook (tp), "help_centre");
  g_assert_cmpint (help, >=, 0);

  chart = ts_chart_view_get_chart (ts_touchpoints_page_get_chart_view (page));
  g_assert_nonnull (chart);
  g_assert_cmpint (ts_chart_get_kind (chart), ==, TS_CHART_SCATTER);
  g_assert_cmpuint (ts_chart_get_n_categories (chart), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      const TsTouchpointMeasures *m = ts_touchpoints_get_measures (tp, i);

      g_assert_cmpfloat (ts_chart_get_point_x (chart, i), ==, m->cost_per_interaction);
      g_assert_cmpfloat (ts_chart_get_value (chart, 0, i), ==, m->nps_after.value);
    }
  g_assert_nonnull (ts_chart_get_category_mark (chart, help));
  g_assert_nonnull (strstr (ts_chart_get_category_mark (chart, help), "below everyone's"));

  /* the table: each touchpoint by name, its owner under it */
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Help centre"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Support content team"));
  {
    guint n = 0;
    GtkWidget *sheet;
    g_autofree char *title = NULL;

    ts_touchpoints_get_members (tp, help, &n);
    title = g_strdup_printf ("Help centre reached %u customers", n);
    sheet = ts_touchpoints_page_open_members (page, help);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (sheet)), ==, title);
    gtk_window_destroy (GTK_WINDOW (sheet));
    /* the chart's point opens the same customers */
    g_assert_null (find_titled (title));
    g_signal_emit_by_name (ts_touchpoints_page_get_chart_view (page), "category-activated", (guint) help);
    g_assert_nonnull (find_titled (title));
    gtk_window_destroy (find_titled (title));
    /* and by keyboard: Home, then Right to the help centre, then Enter */
    {
      TsChartView *view = ts_touchpoints_page_get_chart_view (page);
      GtkEventController *keys = find_controller (GTK_WIDGET (view), GTK_TYPE_EVENT_CONTROLLER_KEY);
      gboolean handled = FALSE;

      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));
      g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Home, 0, 0, &handled);
      g_assert_true (handled);
      for (int k = 0; k < help; k++)
        g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
      g_assert_cmpint (ts_chart_view_get_focused_category (view), ==, help);
      g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
      g_assert_nonnull (find_titled (title));
      gtk_window_destroy (find_titled (title));
      g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
      g_assert_cmpint (ts_chart_view_get_focused_category (view), ==, -1);
    }
  }

  /* the last 30 days: fewer interactions than in the whole year */
  {
    guint before = ts_touchpoints_get_measures (tp, help)->interactions;

    ts_touchpoints_page_set_span (page, TS_TOUCHPOINTS_SPAN_MONTH);
    WAIT_UNTIL (!ts_touchpoints_page_get_busy (page) && ts_touchpoints_page_get_touchpoints (page) != tp);
    tp = ts_touchpoints_page_get_touchpoints (page);
    g_assert_cmpint (ts_touchpoints_get_to (tp) - ts_touchpoints_get_from (tp), ==, (TsTime) 30 * 86400 * G_USEC_PER_SEC);
    g_assert_cmpuint (ts_touchpoints_get_measures (tp, help)->interactions, <, before);
  }

  destroy_toplevels ();
}

static JsonObject *
workspace_touchpoint (TsWorkspace *workspace,
                      guint        index)
{
  return json_array_get_object_element (json_object_get_array_member (ts_workspace_get_playbook (workspace), "touchpoints"),
                                        index);
}

static gboolean
remeasured (TsWindow      *window,
            TsTouchpoints *before)
{
  TsTouchpointsPage *page = ts_window_get_touchpoints_page (window);
  TsTouchpoints *tp = ts_touchpoints_page_get_touchpoints (page);

  return decided (window) && tp != NULL && tp != before && !ts_touchpoints_page_get_busy (page) &&
         ts_touchpoints_get_playbook (tp) == ts_scores_get_playbook (ts_scoring_page_get_scores (ts_window_get_scoring_page (window)));
}

/* Edit Touchpoints…: the help centre's upkeep doubled costs more per
 * interaction on the page; its rating switched off; a filter that names no
 * field refused with its path; a touchpoint added, bound to the data and
 * measured, then removed and put back by Undo */
static void
test_touchpoints_dialog (void)
{
  TsWindow *window;
  TsTouchpointsPage *page;
  TsWorkspace *workspace;
  TsTouchpoints *tp;
  GtkWindow *dialog;
  GtkWidget *widget;
  double per_before;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) bad = json_from_string ("\"minutes > 3\"", NULL);
  g_autoptr(JsonNode) logins = json_from_string ("\"name == \\\"login\\\"\"", NULL);
  g_autofree char *id = NULL;

  REQUIRE_DISPLAY ();

  window = open_demo_decided ("touchpoints");
  page = ts_window_get_touchpoints_page (window);
  workspace = ts_window_get_workspace (window);
  WAIT_UNTIL (ts_touchpoints_page_get_touchpoints (page) != NULL && !ts_touchpoints_page_get_busy (page));
  tp = ts_touchpoints_page_get_touchpoints (page);
  per_before = ts_touchpoints_get_measures (tp, 0)->cost_per_interaction;

  widget = gtk_widget_get_ancestor (find_label (GTK_WIDGET (page), "Edit Touchpoints…"), GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), ==, "window.edit-touchpoints");
  g_signal_emit_by_name (widget, "clicked");
  dialog = find_toplevel (TS_TYPE_TOUCHPOINTS_DIALOG);
  g_assert_nonnull (dialog);

  /* 900 a month of upkeep becomes 1,800: 24,000 / 36 + 1,800 against 24,000 / 36 + 900 */
  widget = find_named (GTK_WIDGET (dialog), "touchpoints[0].upkeep_per_month");
  g_assert_true (GTK_IS_SPIN_BUTTON (widget));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)), ==, 900);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 1800);
  g_assert_cmpint (json_object_get_int_member (workspace_touchpoint (workspace, 0), "upkeep_per_month"), ==, 1800);
  widget = find_named (GTK_WIDGET (dialog), "touchpoints[0].perceived_value");
  g_assert_true (ADW_IS_EXPANDER_ROW (widget));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (widget), FALSE);
  g_assert_false (json_object_has_member (workspace_touchpoint (workspace, 0), "perceived_value"));
  WAIT_UNTIL (remeasured (window, tp));
  tp = ts_touchpoints_page_get_touchpoints (page);
  g_assert_cmpfloat_with_epsilon (ts_touchpoints_get_measures (tp, 0)->cost_per_interaction,
                                  per_before * (24000.0 / 36 + 1800) / (24000.0 / 36 + 900), 1e-9);
  g_assert_true (isnan (ts_touchpoints_get_touchpoint (tp, 0)->perceived_value));

  /* refused, with its path; the workspace keeps the filter it had */
  g_assert_false (ts_touchpoints_dialog_apply (TS_TOUCHPOINTS_DIALOG (dialog), 1, "filter", bad, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "$.touchpoints[1].filter: "));
  g_clear_error (&error);
  g_assert_cmpstr (json_object_get_string_member (workspace_touchpoint (workspace, 1), "filter"), ==,
                   "origin in [\"Web\", \"Email\"]");

  /* a new one, bound to the logins */
  id = ts_touchpoints_dialog_add (TS_TOUCHPOINTS_DIALOG (dialog), "Login page", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "login_page");
  g_assert_true (ts_touchpoints_dialog_apply (TS_TOUCHPOINTS_DIALOG (dialog), 6, "filter", logins, &error));
  g_assert_no_error (error);
  WAIT_UNTIL (remeasured (window, tp) &&
              ts_touchpoints_get_n_touchpoints (ts_touchpoints_page_get_touchpoints (page)) == 7 &&
              ts_touchpoints_get_touchpoint (ts_touchpoints_page_get_touchpoints (page), 6)->filter != NULL);
  tp = ts_touchpoints_page_get_touchpoints (page);
  g_assert_cmpuint (ts_touchpoints_get_measures (tp, 6)->interactions, >, 1000);
  g_assert_cmpfloat (ts_touchpoints_get_measures (tp, 6)->cost, ==, 0);

  /* removed, then put back */
  g_signal_emit_by_name (find_named (GTK_WIDGET (dialog), "touchpoints[6].remove"), "clicked");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ts_workspace_get_playbook (workspace), "touchpoints")), ==, 6);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "playbook.undo-remove", NULL));
  g_assert_cmpstr (json_object_get_string_member (workspace_touchpoint (workspace, 6), "id"), ==, "login_page");

  ts_workspace_set_modified (workspace, FALSE);
  gtk_window_destroy (dialog);
  destroy_toplevels ();
}

static gboolean
simulated (TsWindow   *window,
           TsJourneys *before)
{
  TsJourneysPage *page = ts_window_get_journeys_page (window);
  TsJourneys *journeys = ts_journeys_page_get_journeys (page);

  return decided (window) && journeys != NULL && journeys != before && !ts_journeys_page_get_busy (page) &&
         ts_journeys_get_playbook (journeys) == ts_scores_get_playbook (ts_scoring_page_get_scores (ts_window_get_scoring_page (window)));
}

static int
journey_index (TsJourneys *journeys,
               const char *id)
{
  for (guint i = 0; i < ts_journeys_get_n_journeys (journeys); i++)
    if (g_str_equal (ts_journeys_get_journey (journeys, i)->id, id))
      return i;
  return -1;
}

/* The Journeys page of the demo: the onboarding flow from the Scoring
 * page's day, its steps' customers and a customer's path; the win-back
 * journey's deliberate finding shown on its step; another start day */
static void
test_journeys_page (void)
{
  TsWindow *window;
  TsJourneysPage *page;
  TsJourneys *journeys;
  TsChart *chart;
  const TsJourney *j;
  const TsJourneyNode *entry;
  int win_back;
  TsTime from;

  REQUIRE_DISPLAY ();

  window = open_demo_decided ("journeys");
  page = ts_window_get_journeys_page (window);
  WAIT_UNTIL (ts_journeys_page_get_journeys (page) != NULL && !ts_journeys_page_get_busy (page));
  journeys = ts_journeys_page_get_journeys (page);
  g_assert_cmpuint (ts_journeys_get_n_journeys (journeys), ==, 3);
  /* from the day of the Scoring page's moment, 2025-08-04 14:00 */
  g_assert_true (ts_timestamp_parse ("2025-08-04", 10, TS_TIME_FORMAT_ISO8601, NULL, &from));
  g_assert_cmpint (ts_journeys_get_from (journeys), ==, from);

  /* the demo's workspace keeps the win-back journey on the page */
  g_assert_cmpuint (ts_journeys_page_get_journey (page), ==, (guint) journey_index (journeys, "win-back"));
  ts_journeys_page_set_journey (page, 0);
  g_assert_cmpstr (ts_workspace_get_view_string (ts_window_get_workspace (window), "journeys", "journey"), ==,
                   ts_journeys_get_journey (journeys, 0)->id);

  /* the flow: entered, every step, every outcome; a node each */
  g_assert_cmpuint (ts_journeys_page_get_journey (page), ==, 0);
  j = ts_journeys_get_journey (journeys, 0);
  entry = ts_journeys_get_node (journeys, 0, TS_JOURNEY_ENTRY);
  g_assert_cmpuint (entry->customers, >, 0);
  chart = ts_chart_view_get_chart (ts_journeys_page_get_chart_view (page));
  g_assert_cmpint (ts_chart_get_kind (chart), ==, TS_CHART_FLOW);
  g_assert_cmpuint (ts_chart_get_n_categories (chart), ==, 1 + j->n_steps + 3 + j->n_exits);
  g_assert_cmpint (ts_journeys_page_get_node_step (page, 0), ==, -1);
  g_assert_cmpint (ts_journeys_page_get_node_step (page, 1), ==, 0);
  g_assert_cmpfloat (ts_chart_get_category_total (chart, 0), ==, entry->customers);
  g_assert_cmpfloat (ts_chart_get_category_total (chart, 1), ==, ts_journeys_get_node (journeys, 0, 0)->passes);

  /* the first step's node opens its customers, and one of them their path */
  {
    guint n = 0;
    const guint *who = ts_journeys_get_customers (journeys, 0, 0, TS_JOURNEY_WHO_PASSED, &n);
    g_autofree char *title = g_strdup_printf ("%s · %s: %u customers", j->label, j->steps[0].label ? j->steps[0].label : j->steps[0].id, n);
    g_autofree char *path_title = NULL;
    GtkWidget *sheet;

    g_signal_emit_by_name (ts_journeys_page_get_chart_view (page), "category-activated", 1u);
    g_assert_nonnull (find_titled (title));
    gtk_window_destroy (find_titled (title));
    g_assert_cmpuint (n, >, 0);
    sheet = ts_journeys_page_open_path (page, who[0]);
    path_title = g_strdup_printf ("%s in %s", ts_dataset_get_customer_id (ts_journeys_get_dataset (journeys), who[0]), j->label);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (sheet)), ==, path_title);
    g_assert_nonnull (find_label_matching (sheet, "Entered at *"));
    gtk_window_destroy (GTK_WINDOW (sheet));
  }

  /* the win-back journey asks the reason for leaving twice: on its step */
  win_back = journey_index (journeys, "win-back");
  g_assert_cmpint (win_back, >=, 0);
  ts_journeys_page_set_journey (page, win_back);
  g_assert_cmpuint (ts_journeys_page_get_journey (page), ==, (guint) win_back);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Asked twice"));
  g_assert_nonnull (find_label_matching (GTK_WIDGET (page), "*\n⚠ *reason_for_leaving*"));

  /* from the first of July, for 30 days */
  g_assert_true (ts_timestamp_parse ("2025-07-01", 10, TS_TIME_FORMAT_ISO8601, NULL, &from));
  ts_journeys_page_set_start (page, from, 30);
  g_assert_true (ts_workspace_get_view_time (ts_window_get_workspace (window), "journeys", "from", &from));
  WAIT_UNTIL (ts_journeys_page_get_journeys (page) != journeys && !ts_journeys_page_get_busy (page));
  journeys = ts_journeys_page_get_journeys (page);
  g_assert_cmpint (ts_journeys_get_from (journeys), ==, from);
  g_assert_cmpuint (ts_journeys_get_days (journeys), ==, 30);
  g_assert_cmpuint (ts_journeys_page_get_journey (page), ==, (guint) win_back);

  ts_workspace_set_modified (ts_window_get_workspace (window), FALSE);
  destroy_toplevels ();
}

static JsonObject *
workspace_step (TsWorkspace *workspace,
                guint        journey,
                guint        step)
{
  JsonArray *journeys = json_object_get_array_member (ts_workspace_get_playbook (workspace), "journeys");
  JsonObject *j = json_array_get_object_element (journeys, journey);

  return json_array_get_object_element (json_object_get_array_member (j, "steps"), step);
}

/* Edit Journeys…: the onboarding welcome relabelled and walked again; a
 * touch added without a promise, which the continuity check reports on
 * the page; a branch to a step that does not exist refused with its path;
 * a step moved, removed and put back */
static void
test_journeys_dialog (void)
{
  TsWindow *window;
  TsJourneysPage *page;
  TsWorkspace *workspace;
  TsJourneys *journeys;
  GtkWindow *dialog;
  GtkWidget *widget;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) hello = json_from_string ("\"Hello there\"", NULL);
  g_autoptr(JsonNode) nowhere = json_from_string ("\"nowhere\"", NULL);
  g_autofree char *id = NULL;
  guint n_steps, branch = G_MAXUINT;
  gboolean no_promise = FALSE;

  REQUIRE_DISPLAY ();

  window = open_demo_decided ("journeys");
  page = ts_window_get_journeys_page (window);
  workspace = ts_window_get_workspace (window);
  WAIT_UNTIL (ts_journeys_page_get_journeys (page) != NULL && !ts_journeys_page_get_busy (page));
  journeys = ts_journeys_page_get_journeys (page);
  n_steps = ts_journeys_get_journey (journeys, 0)->n_steps;
  ts_journeys_page_set_journey (page, 0);

  widget = gtk_widget_get_ancestor (find_label (GTK_WIDGET (page), "Edit Journeys…"), GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), ==, "window.edit-journeys");
  g_signal_emit_by_name (widget, "clicked");
  dialog = find_toplevel (TS_TYPE_JOURNEYS_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (find_named (GTK_WIDGET (dialog), "journeys[0].steps[0].label"));

  g_assert_true (ts_journeys_dialog_apply (TS_JOURNEYS_DIALOG (dialog), 0, 0, "label", hello, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (workspace_step (workspace, 0, 0), "label"), ==, "Hello there");
  WAIT_UNTIL (simulated (window, journeys));
  journeys = ts_journeys_page_get_journeys (page);
  g_assert_cmpstr (ts_journeys_get_journey (journeys, 0)->steps[0].label, ==, "Hello there");
  g_assert_nonnull (find_label (GTK_WIDGET (page), "1. Hello there"));

  /* a touch at the end, its promise still to write */
  id = ts_journeys_dialog_add_step (TS_JOURNEYS_DIALOG (dialog), 0, "touch", "Tips for week two", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "tips_for_week_two");
  WAIT_UNTIL (simulated (window, journeys));
  journeys = ts_journeys_page_get_journeys (page);
  g_assert_cmpuint (ts_journeys_get_journey (journeys, 0)->n_steps, ==, n_steps + 1);
  for (guint i = 0; i < ts_journeys_get_n_findings (journeys); i++)
    {
      const TsJourneyFinding *f = ts_journeys_get_finding (journeys, i);

      no_promise |= f->rule == TS_JOURNEY_LINT_NO_PROMISE && f->journey == 0 && f->step == (int) n_steps;
    }
  g_assert_true (no_promise);
  g_assert_nonnull (find_label (GTK_WIDGET (page), "A touch without a promise"));

  /* a branch to nowhere: refused, with its path */
  for (guint s = 0; s < n_steps; s++)
    if (ts_journeys_get_journey (journeys, 0)->steps[s].kind == TS_JOURNEY_STEP_BRANCH)
      branch = s;
  g_assert_cmpuint (branch, <, n_steps);
  g_assert_false (ts_journeys_dialog_apply (TS_JOURNEYS_DIALOG (dialog), 0, branch, "then", nowhere, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "$.journeys[0].steps["));
  g_clear_error (&error);
  g_assert_cmpstr (json_object_get_string_member (workspace_step (workspace, 0, branch), "then"), !=, "nowhere");

  /* the new touch one up, then removed, then put back */
  g_assert_true (ts_journeys_dialog_move_step (TS_JOURNEYS_DIALOG (dialog), 0, n_steps, -1, &error));
  g_assert_cmpstr (json_object_get_string_member (workspace_step (workspace, 0, n_steps - 1), "id"), ==, "tips_for_week_two");
  g_signal_emit_by_name (find_named (GTK_WIDGET (dialog), "journeys[0].steps[4].remove"), "clicked");
  g_assert_cmpstr (json_object_get_string_member (workspace_step (workspace, 0, n_steps - 1), "id"), !=, "tips_for_week_two");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "playbook.undo-remove", NULL));
  g_assert_cmpstr (json_object_get_string_member (workspace_step (workspace, 0, n_steps - 1), "id"), ==, "tips_for_week_two");

  ts_workspace_set_modified (workspace, FALSE);
  gtk_window_destroy (dialog);
  destroy_toplevels ();
}

/* a page is done computing what it shows */
static gboolean
page_settled (TsWindow   *window,
              const char *name)
{
  if (g_str_equal (name, "scoring") || g_str_equal (name, "routing") || g_str_equal (name, "workshop"))
    return decided (window);
  if (g_str_equal (name, "journeys"))
    return !ts_journeys_page_get_busy (ts_window_get_journeys_page (window));
  if (g_str_equal (name, "outcomes"))
    return !ts_outcomes_page_get_busy (ts_window_get_outcomes_page (window));
  if (g_str_equal (name, "drivers"))
    return !ts_drivers_page_get_busy (ts_window_get_drivers_page (window));
  if (g_str_equal (name, "touchpoints"))
    return !ts_touchpoints_page_get_busy (ts_window_get_touchpoints_page (window));
  if (g_str_equal (name, "maturity"))
    return !ts_maturity_page_get_busy (ts_window_get_maturity_page (window));
  return TRUE;
}

/* Every page by keyboard alone: Tab, from nothing focused, goes round the
 * window and comes back where it began; on its way it stops in the page, on
 * each of its charts (where the arrows and Enter take over), each of its lists
 * (where the arrows move from row to row, and Tab goes on past) and each of
 * its buttons, menus, drop-downs and entries. */
static void
collect_controls (GtkWidget *widget,
                  GPtrArray *controls)
{
  /* what is on the page now: not another stack page's, nor greyed out */
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_sensitive (widget))
    return;
  /* the rows of a list view are reached by the arrows, GTK's own way */
  if (GTK_IS_LIST_VIEW (widget) || GTK_IS_COLUMN_VIEW (widget))
    return;
  if (TS_IS_CHART_VIEW (widget) || GTK_IS_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
      GTK_IS_MENU_BUTTON (widget) || GTK_IS_EDITABLE (widget) || GTK_IS_LIST_BOX_ROW (widget))
    {
      g_ptr_array_add (controls, widget);
      if (!GTK_IS_LIST_BOX_ROW (widget))
        return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controls (child, controls);
}

static void
test_keyboard_every_page (void)
{
  static const char *pages[] = {
    "data", "scoring", "routing", "journeys", "outcomes", "drivers", "touchpoints",
    "workshop", "maturity",
  };
  TsWindow *window = create_window ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  ts_window_open_demo (window);
  WAIT_UNTIL (!ts_window_get_busy (window));
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      g_autoptr(GPtrArray) controls = g_ptr_array_new ();
      g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) stops = g_hash_table_new (NULL, NULL);
      GtkWidget *page;
      guint in_page = 0, charts = 0;
      gboolean round = FALSE;

      ts_window_show_page (window, pages[p]);
      WAIT_UNTIL (page_settled (window, pages[p]));
      spin (50);
      page = ts_window_get_visible_page (window);
      collect_controls (page, controls);

      gtk_window_set_focus (GTK_WINDOW (window), NULL);
      for (guint step = 0; step < 3000 && !round; step++)
        {
          GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));
          GtkWidget *list = NULL;

          for (GtkWidget *w = focus; w != NULL && list == NULL; w = gtk_widget_get_parent (w))
            if (GTK_IS_LIST_VIEW (w) || GTK_IS_COLUMN_VIEW (w))
              list = w;
          if (list != NULL)
            {
              /* Tab as the list's key handler takes it: on past the list */
              GtkEventController *keys = find_controller (list, GTK_TYPE_EVENT_CONTROLLER_KEY);
              gboolean handled = FALSE;

              g_assert_nonnull (keys);
              g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Tab, 0, 0, &handled);
              g_assert_true (handled);
            }
          else
            g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
          focus = gtk_window_get_focus (GTK_WINDOW (window));
          g_assert_nonnull (focus);
          round = !g_hash_table_add (stops, focus);
          for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
            g_hash_table_add (reached, w);
          if (gtk_widget_is_ancestor (focus, page))
            in_page++;
        }
      for (guint i = 0; i < controls->len; i++)
        charts += TS_IS_CHART_VIEW (g_ptr_array_index (controls, i));
      g_test_message ("%s: round in %u stops, %u of them in the page; %u controls, %u charts",
                      pages[p], g_hash_table_size (stops), in_page, controls->len, charts);
      g_assert_true (round);
      g_assert_cmpuint (in_page, >, 0);
      for (guint i = 0; i < controls->len; i++)
        {
          GtkWidget *control = g_ptr_array_index (controls, i);

          if (!g_hash_table_contains (reached, control))
            g_error ("%s: a %s (“%s”) cannot be reached by Tab", pages[p],
                     G_OBJECT_TYPE_NAME (control),
                     GTK_IS_BUTTON (control) && gtk_button_get_label (GTK_BUTTON (control))
                       ? gtk_button_get_label (GTK_BUTTON (control))
                       : gtk_widget_get_tooltip_text (control) ? gtk_widget_get_tooltip_text (control) : "");
        }
    }
  destroy_toplevels ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state_dir = NULL;
  int ret;

  ts_test_groups_init (&argc, &argv);
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

  g_test_add_func ("/app/window/templates", test_templates);
  g_test_add_func ("/app/window/shortcuts-complete", test_shortcuts_complete);
  g_test_add_func ("/app/window/settings", test_settings);
  g_test_add_func ("/app/window/drop", test_drop);
  g_test_add_func ("/app/window/narrow", test_narrow);
  g_test_add_func ("/app/window/page-work-let-go-on-main-thread", test_page_work_let_go_on_main_thread);
  g_test_add_func ("/app/import/sample", test_import_sample);
  g_test_add_func ("/app/import/adds-sources", test_import_adds_sources);
  g_test_add_func ("/app/import/cancel-keeps-dataset", test_import_cancel);
  g_test_add_func ("/app/import/error-keeps-dataset", test_import_error);
  g_test_add_func ("/app/data-page/findings", test_findings);
  g_test_add_func ("/app/table-model/cells", test_model_cells);
  g_test_add_func ("/app/table-model/search", test_model_search);
  g_test_add_func ("/app/data-page/search-entry", test_search_entry);
  g_test_add_func ("/app/table-model/sort", test_sort);
  g_test_add_func ("/app/workspace/demo", test_workspace_demo);
  g_test_add_func ("/app/workspace/save-and-reopen", test_workspace_save_and_reopen);
  g_test_add_func ("/app/workspace/unsaved-changes-asks", test_workspace_unsaved_changes);
  g_test_add_func ("/app/workspace/bad-file-reported", test_workspace_bad_file);
  g_test_add_func ("/app/mapping-dialog/guesses", test_mapping_dialog_guesses);
  g_test_add_func ("/app/mapping-dialog/apply", test_mapping_dialog_apply);
  g_test_add_func ("/app/mapping-dialog/plugin", test_mapping_dialog_plugin);
  g_test_add_func ("/app/mapping-dialog/folder", test_mapping_dialog_folder);
  g_test_add_func ("/app/scoring/score-edit-weight-as-of", test_scoring_page);
  g_test_add_func ("/app/scoring/chart-and-export", test_scoring_chart);
  g_test_add_func ("/app/routing/counts-follow-the-scores", test_routing_page);
  g_test_add_func ("/app/window/pages-shown-in-turn", test_pages_shown_in_turn);
  g_test_add_func ("/app/workshop/edit-the-moment", test_workshop_page);
  g_test_add_func ("/app/routing/edit-rules", test_rules_dialog);
  g_test_add_func ("/app/outcomes/bands-compare-drill-down", test_outcomes_page);
  g_test_add_func ("/app/scoring/export-customers", test_scoring_export);
  g_test_add_func ("/app/drivers/outage-alert-impact", test_drivers_page);
  g_test_add_func ("/app/drivers/edit-definitions", test_drivers_dialog);
  g_test_add_func ("/app/chart/flow-click-export", test_chart_flow);
  g_test_add_func ("/app/touchpoints/inventory-chart-members", test_touchpoints_page);
  g_test_add_func ("/app/touchpoints/edit-inventory", test_touchpoints_dialog);
  g_test_add_func ("/app/maturity/matrix-owner-export", test_maturity_page);
  g_test_add_func ("/app/journeys/flow-steps-findings", test_journeys_page);
  g_test_add_func ("/app/journeys/edit-steps", test_journeys_dialog);
  g_test_add_func ("/app/keyboard/every-page", test_keyboard_every_page);

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

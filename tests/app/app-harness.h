/* app-harness.h — what the app's test programs share: the application,
 * waiting on the main loop, and windows made, found and cleared away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "ts-application.h"
#include "ts-window.h"

static TsApplication *app;
static gboolean have_display;
static gboolean timed_out;

#define REQUIRE_DISPLAY()                                \
  G_STMT_START {                                         \
    if (!have_display)                                   \
      {                                                  \
        g_test_skip ("no display");                      \
        return;                                          \
      }                                                  \
  } G_STMT_END

static gboolean
on_timeout_cb (gpointer data)
{
  timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @cond holds; fails after 30 s. */
#define WAIT_UNTIL(cond)                                         \
  G_STMT_START {                                                 \
    guint timeout_id_ = g_timeout_add_seconds (30, on_timeout_cb, NULL); \
    timed_out = FALSE;                                           \
    while (!(cond) && !timed_out)                                \
      g_main_context_iteration (NULL, TRUE);                     \
    g_assert_false (timed_out);                                  \
    g_source_remove (timeout_id_);                               \
  } G_STMT_END

G_GNUC_UNUSED static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static TsWindow *
create_window (void)
{
  TsWindow *window = ts_window_new (ADW_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static char *
recovery_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "touchstone", "recovery", NULL);
}

/* the unsaved changes a test left for recovery are not the next test's */
static void
forget_recoveries (void)
{
  g_autofree char *path = recovery_dir ();
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_remove (file);
    }
}

static void
destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  forget_recoveries ();
}

G_GNUC_UNUSED static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* app-harness.h — what the app's test programs share: the application,
 * waiting on the main loop, and windows made, found and cleared away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>
#include <string.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

#include "ts-application.h"
#include "ts-rows.h"
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

/* AddressSanitizer makes the app several times slower: the waits and the
 * delays a test measures grow with it, so that a slow run is told from one
 * that hangs, and a delay from a main-loop iteration that took long */
#if defined(__SANITIZE_ADDRESS__)
#define TIME_SCALE 5
#else
#define TIME_SCALE 1
#endif
#define WAIT_SECONDS (30 * TIME_SCALE)

/* Iterates the main context until @cond holds; fails after WAIT_SECONDS. */
#define WAIT_UNTIL(cond)                                         \
  G_STMT_START {                                                 \
    guint timeout_id_ = g_timeout_add_seconds (WAIT_SECONDS, on_timeout_cb, NULL); \
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
  /* the closed windows' pages stop counting; their work ends here, not in
   * the next test (or on a worker thread still running at exit) */
  WAIT_UNTIL (ts_page_task_get_n_pending () == 0);
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

#if defined(__SANITIZE_ADDRESS__)
/* in AddressSanitizer's runtime (sanitizer/allocator_interface.h) */
int    __sanitizer_get_ownership      (const volatile void *p);
size_t __sanitizer_get_allocated_size (const volatile void *p);

/* ignores the blocks that GLib's writable data (its lines in
 * /proc/self/maps) points to that are its first block of quarks; returns
 * how many */
static int
ignore_quark_block (void)
{
  const char *first = g_quark_to_string (1);
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  int found = 0;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint64 start, end;
      char perms[5];

      if (strstr (lines[i], "/libglib-2.0.so") == NULL ||
          sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %4s", &start, &end, perms) != 3 ||
          perms[0] != 'r' || perms[1] != 'w')
        continue;
      for (guintptr a = start; a + sizeof (gpointer) <= end; a += sizeof (gpointer))
        {
          const char **block = *(const char ***) a;

          if (block != NULL && __sanitizer_get_ownership (block) &&
              __sanitizer_get_allocated_size (block) == 2048 * sizeof (char *) && block[1] == first)
            {
              __lsan_ignore_object (block);
              found++;
            }
        }
    }
  return found;
}
#endif

/* GLib's quark table lets go of its first block of 2048 quarks, allocated
 * as the library loads, once a process has more ("This leaks the old quarks
 * array", gquark.c: quarks are looked up without a lock), as the app's
 * longer tests do.  LeakSanitizer cannot tell that block from a leak of
 * ours (GLib has no frame pointers: the stack ends at g_malloc), so it is
 * told to ignore it, found where GLib's own data points to it.  Call first
 * thing in main(). */
G_GNUC_UNUSED static void
ignore_glib_quark_block (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_quark_from_static_string ("ts-test");   /* quark 1 exists */
  g_assert_cmpint (ignore_quark_block (), ==, 1);
#endif
}

/* bench-app.h — the app's window, opened for a benchmark under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ts-application.h"
#include "ts-window.h"

/* Starts the application (not unique, so a running Touchstone does not
 * take the window) and presents a window in it; prints why it cannot,
 * prefixed by @name, and returns NULL with the exit status in @status. */
static inline TsWindow *
bench_app_open_window (const char      *name,
                       AdwApplication **app,
                       int             *status)
{
  g_autoptr(GError) error = NULL;
  TsWindow *window;

  if (!gtk_init_check ())
    {
      g_printerr ("%s: no display (run it under xvfb-run)\n", name);
      *status = 2;
      return NULL;
    }
  *app = ADW_APPLICATION (ts_application_new ());
  g_application_set_flags (G_APPLICATION (*app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (*app), NULL, &error))
    {
      g_printerr ("%s: %s\n", name, error->message);
      *status = 1;
      return NULL;
    }
  window = ts_window_new (*app);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

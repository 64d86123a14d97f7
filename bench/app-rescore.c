/* app-rescore.c — how long after a weight change the app shows the demo
 * workspace scored and decided again
 *
 * Opens the demo workspace in the real window, on the Scoring page, then
 * changes the urgency weight back and forth N times.  Each time it measures
 * from the change (as the spin button makes it) until the Scoring page
 * shows the new scores, the Guardrails & Routing page has decided every
 * moment with them, and the window has painted a frame with them: what
 * the user sees.
 *
 *   meson devenv -C _build xvfb-run -a -s '-screen 0 1280x1024x24' \
 *     bench/app-rescore [--runs N]
 *
 * Prints the median, 90th percentile and worst of the N, and the scorer's
 * own time, in milliseconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <touchstone.h>

#include "bench-app.h"

static void
iterate_until_idle (gboolean (*done) (gpointer),
                    gpointer   data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  TsWindow *window;
  TsScores *before;
  guint     frames;
} State;

static gboolean
demo_ready (gpointer data)
{
  State *s = data;
  TsScoringPage *scoring = ts_window_get_scoring_page (s->window);
  TsRoutingPage *routing = ts_window_get_routing_page (s->window);

  return !ts_window_get_busy (s->window) && ts_scoring_page_get_scores (scoring) != NULL &&
         !ts_scoring_page_get_busy (scoring) &&
         ts_routing_page_get_counts (routing, NULL, NULL, NULL) == ts_scoring_page_get_scores (scoring) &&
         !ts_routing_page_get_busy (routing);
}

static gboolean
rescored (gpointer data)
{
  State *s = data;

  return ts_scoring_page_get_scores (ts_window_get_scoring_page (s->window)) != s->before && demo_ready (data);
}

/* a frame painted: what the user sees */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  ((State *) user_data)->frames++;
}

static gboolean
drawn (gpointer data)
{
  return ((State *) data)->frames > 0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  int runs = 30;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Weight changes to time (default 30)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time a rescore of the demo in the app");
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autofree double *ms = NULL;
  double scorer_ms = 0;
  State s = { 0, };
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1)
    {
      g_printerr ("app-rescore: %s\n", error ? error->message : "--runs must be at least 1");
      return 2;
    }
  s.window = bench_app_open_window ("app-rescore", &app, &status);
  if (s.window == NULL)
    return status;
  ts_window_open_demo (s.window);
  ts_window_show_page (s.window, g_getenv ("APP_RESCORE_PAGE") ? g_getenv ("APP_RESCORE_PAGE") : "scoring");
  iterate_until_idle (demo_ready, &s);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (s.window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &s);

  ms = g_new0 (double, runs);
  for (int i = 0; i < runs; i++)
    {
      gint64 start;

      /* let the window settle first */
      s.frames = 0;
      start = g_get_monotonic_time ();
      gtk_widget_queue_draw (GTK_WIDGET (s.window));
      iterate_until_idle (drawn, &s);
      if (g_getenv ("APP_RESCORE_DEBUG"))
        g_printerr ("a frame with no change: %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);

      s.before = ts_scoring_page_get_scores (ts_window_get_scoring_page (s.window));
      start = g_get_monotonic_time ();
      ts_scoring_page_set_weight (ts_window_get_scoring_page (s.window), "urgency", i % 2 ? 0.25 : 0.30);
      iterate_until_idle (rescored, &s);
      if (g_getenv ("APP_RESCORE_DEBUG"))
        g_printerr ("decided after %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
      s.frames = 0;
      iterate_until_idle (drawn, &s);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      scorer_ms += ts_scoring_page_get_last_ms (ts_window_get_scoring_page (s.window));
    }

  qsort (ms, runs, sizeof (double), compare_doubles);
  g_print ("demo workspace: %u customers, %d weight changes, renderer %s\n",
           ts_scores_get_n_customers (ts_scoring_page_get_scores (ts_window_get_scoring_page (s.window))), runs,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (s.window))));
  g_print ("weight change → new scores, every moment decided, frame drawn: median %.1f ms, p90 %.1f ms, worst %.1f ms\n",
           ms[runs / 2], ms[MIN (runs - 1, runs * 9 / 10)], ms[runs - 1]);
  g_print ("of which scoring (worker thread): %.2f ms on average\n", scorer_ms / runs);

  ts_workspace_set_modified (ts_window_get_workspace (s.window), FALSE);
  gtk_window_destroy (GTK_WINDOW (s.window));
  return 0;
}

/* app-load-probe.c — does the app's main loop keep running while a large
 * workspace loads and is scored again?
 *
 * Opens a workspace in the real window and, while it imports, scores,
 * decides and fills every page, runs a probe on the main loop: a timeout
 * of high priority every 10 ms that records the time since it last ran, and
 * how much of that time the main thread itself worked (its CPU clock).  A
 * gap well over 10 ms is the main loop blocked: by work on the main thread
 * (a callback, a frame's layout and drawing), or, on a machine with more
 * runnable threads than cores, by the main thread waiting for a core — the
 * app's own workers (import, scoring, every page's computation) are among
 * them.  The main thread's work between two probes is what the app's code
 * decides.  Then it changes a weight, as the Scoring page's spin button
 * does, and probes the recompute the same way.  It also counts the progress
 * bar's updates, and the longest time between two of them during the load.
 *
 *   bench/pipeline.sh … (or touchstone-cli demo) writes a workspace, then
 *   meson devenv -C _build env GSETTINGS_BACKEND=memory \
 *     xvfb-run -a -s '-screen 0 1280x1024x24' \
 *     bench/app-load-probe WORKSPACE.touchstone [--limit-ms 50]
 *
 * Prints, for the load and for the recompute, the wall time, the longest
 * gaps between probe runs and the longest stretches of main-thread work,
 * with when they happened; exits 1 when the main thread worked longer than
 * the limit between two probes.  APP_LOAD_PROBE_DEBUG=1 prints every gap
 * over the limit as it ends; APP_LOAD_PROBE_GDB=1 prints the main thread's
 * stack (from gdb) whenever the loop has been blocked for 400 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <touchstone.h>

#include "bench-app.h"

#define PROBE_MS 10
#define N_WORST 5

typedef struct
{
  gint64 at;      /* since the phase began, µs */
  gint64 gap;     /* µs */
  gint64 cpu;     /* µs of it the main thread ran */
} Gap;

typedef struct
{
  const char *name;
  gint64      start;
  gint64      last_probe;
  gint64      last_cpu;
  gint64      limit;
  guint       n_cpu_over;
  Gap         worst_cpu[N_WORST]; /* by the main thread's time, longest first */
  guint       n_probes;
  guint       n_over;
  Gap         worst[N_WORST];   /* longest first */
  /* the window's frames: the longest style-and-layout and drawing phases,
   * in the main thread's time */
  guint       n_frames;
  gint64      layout_start;
  gint64      paint_start;
  gint64      longest_layout;
  gint64      longest_paint;
  gint64      longest_layout_at;
  gint64      longest_paint_at;
  /* the progress bar */
  guint       n_progress;
  gint64      last_progress;
  gint64      longest_without_progress;
} Phase;

typedef struct
{
  TsWindow       *window;
  TsScores       *before;
  Phase          *phase;
  GtkProgressBar *progress;
} State;

/* The main thread's CPU time, µs: on a busy machine a gap in wall time is
 * also the time the thread waited for a core; this is the time it worked. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* keeps @worst (N_WORST, longest first by @by) with @g in its place */
static void
insert_worst (Gap     *worst,
              gboolean by_cpu,
              Gap      g)
{
  gint64 key = by_cpu ? g.cpu : g.gap;

  for (int i = 0; i < N_WORST; i++)
    if (key > (by_cpu ? worst[i].cpu : worst[i].gap))
      {
        memmove (&worst[i + 1], &worst[i], (N_WORST - 1 - i) * sizeof (Gap));
        worst[i] = g;
        return;
      }
}

static void
phase_begin (State      *s,
             Phase      *p,
             const char *name,
             gint64      limit)
{
  memset (p, 0, sizeof *p);
  p->name = name;
  p->limit = limit;
  p->start = p->last_probe = p->last_progress = g_get_monotonic_time ();
  p->last_cpu = thread_cpu_time ();
  s->phase = p;
}

static void
phase_note_gap (Phase  *p,
                gint64  now,
                gint64  gap,
                gint64  cpu)
{
  Gap g = { now - gap - p->start, gap, cpu };

  if (gap > p->limit)
    p->n_over++;
  if (cpu > p->limit)
    p->n_cpu_over++;
  if (gap > p->limit && g_getenv ("APP_LOAD_PROBE_DEBUG"))
    g_printerr ("gap %.1f ms (main thread working %.1f ms of it) from %.3f (monotonic s)\n",
                gap / 1000.0, cpu / 1000.0, (now - gap) / 1e6);
  insert_worst (p->worst, FALSE, g);
  insert_worst (p->worst_cpu, TRUE, g);
}

static volatile gint64 watchdog_last;

/* debugging aid: while the main loop is blocked for over 400 ms, the main
 * thread's stack, from gdb */
static gpointer
watchdog_thread (gpointer data)
{
  for (;;)
    {
      g_usleep (400 * 1000);
      if (watchdog_last > 0 && g_get_monotonic_time () - watchdog_last > 400 * 1000)
        {
          g_autofree char *cmd = g_strdup_printf ("gdb -p %d -batch -ex \"thread apply 1 bt 120\"", (int) getpid ());
          g_autofree char *out = NULL;
          g_spawn_command_line_sync (cmd, &out, NULL, NULL, NULL);
          g_printerr ("BLOCKED at %.3f:\n%s\n", g_get_monotonic_time () / 1e6, out ? out : "");
        }
    }
  return NULL;
}

static gboolean
probe_cb (gpointer data)
{
  State *s = data;
  Phase *p = s->phase;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  watchdog_last = now;
  if (p != NULL)
    {
      phase_note_gap (p, now, now - p->last_probe, cpu - p->last_cpu);
      p->last_probe = now;
      p->last_cpu = cpu;
      p->n_probes++;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_progress_notify_cb (GObject    *bar,
                       GParamSpec *pspec,
                       gpointer    data)
{
  State *s = data;
  Phase *p = s->phase;
  gint64 now = g_get_monotonic_time ();

  if (p == NULL)
    return;
  p->n_progress++;
  p->longest_without_progress = MAX (p->longest_without_progress, now - p->last_progress);
  p->last_progress = now;
}

/* The frame clock's phases, each timed by the main thread's clock: from
 * "update" to the end of "layout" (the window's own layout handler, which
 * validates styles and allocates, runs before this one), and from there to
 * "after-paint" (snapshot and render). */
static void
on_frame_update_cb (GdkFrameClock *clock,
                    gpointer       data)
{
  State *s = data;

  if (s->phase != NULL)
    s->phase->layout_start = thread_cpu_time ();
}

static void
on_frame_layout_cb (GdkFrameClock *clock,
                    gpointer       data)
{
  State *s = data;
  Phase *p = s->phase;
  gint64 now = thread_cpu_time ();

  if (p == NULL || p->layout_start == 0)
    return;
  if (now - p->layout_start > p->limit / 2 && g_getenv ("APP_LOAD_PROBE_DEBUG"))
    g_printerr ("frame: style and layout %.1f ms (CPU) at %.3f s; scores %p, visible page %s\n",
                (now - p->layout_start) / 1000.0, (g_get_monotonic_time () - p->start) / 1e6,
                (void *) ts_scoring_page_get_scores (ts_window_get_scoring_page (s->window)),
                G_OBJECT_TYPE_NAME (ts_window_get_visible_page (s->window)));
  if (now - p->layout_start > p->longest_layout)
    {
      p->longest_layout = now - p->layout_start;
      p->longest_layout_at = g_get_monotonic_time () - p->start;
    }
  p->paint_start = now;
  p->layout_start = 0;
}

static void
on_frame_after_paint_cb (GdkFrameClock *clock,
                         gpointer       data)
{
  State *s = data;
  Phase *p = s->phase;
  gint64 now = thread_cpu_time ();

  if (p == NULL || p->paint_start == 0)
    return;
  p->n_frames++;
  if (now - p->paint_start > p->longest_paint)
    {
      p->longest_paint = now - p->paint_start;
      p->longest_paint_at = g_get_monotonic_time () - p->start;
    }
  p->paint_start = 0;
}

static GtkProgressBar *
find_progress_bar (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkProgressBar *found;

      if (GTK_IS_PROGRESS_BAR (c))
        return GTK_PROGRESS_BAR (c);
      if ((found = find_progress_bar (c)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
everything_shown (gpointer data)
{
  State *s = data;
  TsScoringPage *scoring = ts_window_get_scoring_page (s->window);
  TsRoutingPage *routing = ts_window_get_routing_page (s->window);

  return !ts_window_get_busy (s->window) && !ts_data_page_get_busy (ts_window_get_data_page (s->window)) &&
         ts_scoring_page_get_scores (scoring) != NULL &&
         !ts_scoring_page_get_busy (scoring) &&
         ts_routing_page_get_counts (routing, NULL, NULL, NULL) == ts_scoring_page_get_scores (scoring) &&
         !ts_routing_page_get_busy (routing);
}

static gboolean
rescored (gpointer data)
{
  State *s = data;

  return ts_scoring_page_get_scores (ts_window_get_scoring_page (s->window)) != s->before &&
         everything_shown (data);
}

static void
iterate_until (gboolean (*done) (gpointer),
               gpointer   data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
}

/* A few more iterations, so that work queued behind the pages' results (a
 * frame, idles) is probed too. */
static void
settle (State *s,
        guint  ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

static void
phase_print (const Phase *p)
{
  g_print ("%s: %.2f s, %u probes\n", p->name, (p->last_probe - p->start) / 1e6, p->n_probes);
  g_print ("  longest main-loop gap %.1f ms (wall), %u gaps over %.0f ms:\n", p->worst[0].gap / 1000.0,
           p->n_over, p->limit / 1000.0);
  for (int i = 0; i < N_WORST && p->worst[i].gap > 0; i++)
    g_print ("    %.1f ms from %.3f s, the main thread working %.1f ms of it\n", p->worst[i].gap / 1000.0,
             p->worst[i].at / 1e6, p->worst[i].cpu / 1000.0);
  g_print ("  longest main-thread work between two probes %.1f ms (CPU), %u over %.0f ms:\n",
           p->worst_cpu[0].cpu / 1000.0, p->n_cpu_over, p->limit / 1000.0);
  for (int i = 0; i < N_WORST && p->worst_cpu[i].cpu > 0; i++)
    g_print ("    %.1f ms in a gap of %.1f ms from %.3f s\n", p->worst_cpu[i].cpu / 1000.0,
             p->worst_cpu[i].gap / 1000.0, p->worst_cpu[i].at / 1e6);
  g_print ("  %u frames; the longest style and layout %.1f ms (CPU) at %.3f s, the longest drawing %.1f ms at %.3f s\n",
           p->n_frames, p->longest_layout / 1000.0, p->longest_layout_at / 1e6,
           p->longest_paint / 1000.0, p->longest_paint_at / 1e6);
  if (p->n_progress > 0)
    g_print ("  progress bar: %u updates, at most %.2f s apart\n", p->n_progress,
             p->longest_without_progress / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  int limit_ms = 50;
  int settle_ms = 2000;
  const GOptionEntry entries[] = {
    { "limit-ms", 'l', 0, G_OPTION_ARG_INT, &limit_ms, "The longest gap allowed (default 50)", "MS" },
    { "settle-ms", 0, 0, G_OPTION_ARG_INT, &settle_ms, "Probe this long after each phase (default 2000)", "MS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("WORKSPACE — probe the main loop while it loads");
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  Phase load, rescore;
  State s = { 0, };
  int status;
  TsDataset *dataset;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || limit_ms < 1)
    {
      g_printerr ("app-load-probe: %s\n", error ? error->message : "usage: app-load-probe WORKSPACE");
      return 2;
    }
  s.window = bench_app_open_window ("app-load-probe", &app, &status);
  if (s.window == NULL)
    return status;
  s.progress = find_progress_bar (GTK_WIDGET (s.window));
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (s.window));

    g_signal_connect (clock, "update", G_CALLBACK (on_frame_update_cb), &s);
    g_signal_connect_after (clock, "layout", G_CALLBACK (on_frame_layout_cb), &s);
    g_signal_connect (clock, "after-paint", G_CALLBACK (on_frame_after_paint_cb), &s);
  }
  if (s.progress != NULL)
    g_signal_connect (s.progress, "notify::fraction", G_CALLBACK (on_progress_notify_cb), &s);
  g_timeout_add_full (G_PRIORITY_HIGH, PROBE_MS, probe_cb, &s, NULL);
  if (g_getenv ("APP_LOAD_PROBE_GDB"))
    g_thread_unref (g_thread_new ("watchdog", watchdog_thread, NULL));
  settle (&s, 500);

  /* the load: import, scores, decisions, every page */
  phase_begin (&s, &load, "load (import, score, decide, pages)", limit_ms * 1000);
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!ts_window_open_workspace (s.window, file))
    {
      g_printerr ("app-load-probe: %s: could not be opened\n", argv[1]);
      return 1;
    }
  ts_window_show_page (s.window, g_getenv ("APP_LOAD_PROBE_PAGE") ? g_getenv ("APP_LOAD_PROBE_PAGE") : "scoring");
  iterate_until (everything_shown, &s);
  settle (&s, (guint) settle_ms);
  dataset = ts_window_get_dataset (s.window);

  /* a weight changed: scored and decided again */
  phase_begin (&s, &rescore, "recompute after a weight change", limit_ms * 1000);
  s.before = ts_scoring_page_get_scores (ts_window_get_scoring_page (s.window));
  ts_scoring_page_set_weight (ts_window_get_scoring_page (s.window), "urgency", 0.30);
  iterate_until (rescored, &s);
  settle (&s, (guint) settle_ms);
  s.phase = NULL;

  g_print ("workspace %s: %u customers, %" G_GUINT64_FORMAT " events; renderer %s\n", argv[1],
           ts_scores_get_n_customers (ts_scoring_page_get_scores (ts_window_get_scoring_page (s.window))),
           dataset ? (guint64) ts_dataset_get_n_rows (dataset, TS_TABLE_EVENTS) : 0,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (s.window))));
  g_print ("(each phase probed %d ms past its end)\n", settle_ms);
  phase_print (&load);
  phase_print (&rescore);

  ts_workspace_set_modified (ts_window_get_workspace (s.window), FALSE);
  gtk_window_destroy (GTK_WINDOW (s.window));
  return load.n_cpu_over > 0 || rescore.n_cpu_over > 0 ? 1 : 0;
}

/* ts-cli.c — touchstone-cli: Touchstone's commands for scripts and terminals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ts-cli.h"

static const struct {
  const char       *name;
  TsCliCommandFunc  func;
  const char       *summary;
} commands[] = {
  { "decide", ts_cli_decide, N_("Decide every customer's moment: score, guardrail verdicts, route and promise") },
  { "demo", ts_cli_demo, N_("Write a synthetic company's exports, for trying Touchstone out") },
  { "drivers", ts_cli_drivers, N_("The CX driver index: moments that lower and raise satisfaction, alerts, impact on NPS") },
  { "export-sql", ts_cli_export_sql, N_("The playbook as SQL for a warehouse: every customer's signals, score, band and route") },
  { "export-tables", ts_cli_export_tables, N_("The canonical tables as CSV files and their DDL, for a warehouse to load") },
  { "touchpoints", ts_cli_touchpoints, N_("The touchpoints inventory: interactions, reach, attention, satisfaction after, cost") },
  { "inspect", ts_cli_inspect, N_("Import files and folders and report what was understood") },
  { "journeys", ts_cli_journeys, N_("Journeys simulated under the guardrails: who enters, is touched, held back and why; continuity lint") },
  { "maturity", ts_cli_maturity, N_("The maturity matrix: each capability's owner, stage and primary KPIs; customer and business side by side") },
  { "outcomes", ts_cli_outcomes, N_("What happened after the decisions, by band and by route; governance, drift and comparisons") },
  { "playbook", ts_cli_playbook, N_("Check a playbook and say what its signals, guardrails and routes do") },
  { "preview", ts_cli_preview, N_("Show a file's records exactly as parsed, before mapping") },
  { "report", ts_cli_report, N_("The monthly review as one document, PDF or HTML: maturity, outcomes, governance, drivers") },
  { "score", ts_cli_score, N_("Score every customer as of a moment, each score explained") },
};

int
ts_cli_fail (GError *error)
{
  g_printerr ("touchstone-cli: %s\n", error->message);
  g_error_free (error);
  return 1;
}

int
ts_cli_usage_error (GOptionContext *context,
                    const char     *format,
                    ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("touchstone-cli: %s\n", msg);
  if (context)
    g_printerr (_("Try “%s --help”.\n"), g_get_prgname ());
  return 2;
}

void
ts_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/**
 * ts_cli_load_workspace:
 * @path: (nullable): a workspace file, or %NULL for the bundled demo
 */
TsWorkspace *
ts_cli_load_workspace (const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) file = path ? g_file_new_for_commandline_arg (path) : ts_workspace_dup_demo_file ();

  if (path == NULL && !g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("the demo workspace is not installed (looked for %s)"), name);
      return NULL;
    }
  return ts_workspace_load (file, error);
}

GOptionContext *
ts_cli_option_context_new (const char         *command,
                           const char         *parameters,
                           const char         *summary,
                           const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  g_autofree char *prgname = g_strdup_printf ("touchstone-cli %s", command);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: touchstone-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n\n", _("Touchstone: CX-first customer scoring on your own data, offline."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-14s %s\n", "--help", _("Show this help"));
  fprintf (out, "  %-14s %s\n", "--version", _("Show the version"));
  fprintf (out, "\n%s\n", _("Run “touchstone-cli COMMAND --help” for a command's options."));
}

int
main (int   argc,
      char *argv[])
{
#ifdef __GLIBC__
  /* Blocks of 256 KiB and more (the columns, the string pool's arena, the
   * import's tables) are mapped apart and given back when freed.  glibc
   * otherwise raises this threshold to the largest block freed so far, after
   * which the columns are grown inside the heap: copied on each growth, and
   * leaving holes the size of a column that the peak pays for. */
  mallopt (M_MMAP_THRESHOLD, 256 * 1024);
#endif
  setlocale (LC_ALL, "");
  /* messages in the user's language, but numbers always with a decimal point:
   * the same printf writes CSV, SQL and the demo's exports, where "58,5"
   * would be two fields */
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, ts_install_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("touchstone-cli");

  if (argc < 2)
    {
      print_help (stderr);
      return 2;
    }

  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "version") == 0)
    {
      ts_cli_print ("touchstone-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      if (argc > 2 && strcmp (argv[1], "help") == 0)
        {
          char *sub[] = { argv[0], "--help", NULL };
          for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
            if (strcmp (argv[2], commands[i].name) == 0)
              return commands[i].func (2, sub);
        }
      print_help (stdout);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].func (argc - 1, argv + 1);

  g_printerr (_("touchstone-cli: unknown command “%s”\n\n"), argv[1]);
  print_help (stderr);
  return 2;
}

/**
 * ts_cli_add_workspace:
 * @path: (nullable): a workspace file, or %NULL for the bundled demo
 * @paths: (inout): the paths given; the workspace's sources come first
 * @mapping: (inout): replaced by the workspace's mapping
 */
gboolean
ts_cli_add_workspace (const char  *path,
                      char      ***paths,
                      TsMapping  **mapping,
                      GError     **error)
{
  g_autoptr(TsWorkspace) workspace = ts_cli_load_workspace (path, error);
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
  g_auto(GStrv) ws_paths = NULL;

  if (workspace == NULL)
    return FALSE;
  ws_paths = ts_workspace_dup_paths (workspace);
  g_strv_builder_addv (all, (const char **) ws_paths);
  if (*paths)
    g_strv_builder_addv (all, (const char **) *paths);
  g_strfreev (*paths);
  *paths = g_strv_builder_end (all);
  g_clear_pointer (mapping, ts_mapping_unref);
  *mapping = ts_workspace_build_mapping (workspace);
  return TRUE;
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  TsDataset    *dataset;
  GError       *error;
  gboolean      show_progress;
  gboolean      progress_shown;
} Import;

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Import *im = user_data;

  im->dataset = ts_importer_import_finish (result, &im->error);
  g_main_loop_quit (im->loop);
}

static void
on_job_fraction_cb (TsImportJob *job,
                    GParamSpec  *pspec,
                    gpointer     user_data)
{
  Import *im = user_data;
  g_autofree char *message = NULL;

  if (!im->show_progress)
    return;
  message = ts_import_job_dup_message (job);
  g_printerr ("\r\033[K%3.0f%%  %s", ts_import_job_get_fraction (job) * 100.0, message ? message : "");
  im->progress_shown = TRUE;
}

static gboolean
on_sigint_cb (gpointer user_data)
{
  Import *im = user_data;

  g_cancellable_cancel (im->cancellable);
  return G_SOURCE_CONTINUE;
}

/**
 * ts_cli_import:
 * @quiet: show no progress (it is shown on a terminal only)
 * @status: (out): the exit status when it fails: 1, or 130 when cancelled
 *   by Ctrl+C
 *
 * Imports @paths off the main thread, with progress on stderr; Ctrl+C
 * cancels. Errors are printed.
 *
 * Returns: (transfer full) (nullable): the dataset
 */
TsDataset *
ts_cli_import (const char *const *paths,
               TsMapping         *mapping,
               gboolean           quiet,
               int               *status)
{
  TsPluginManager *plugins = ts_plugin_manager_get_default ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(TsImportJob) job = NULL;
  Import im = { 0, };
  guint sigint_id;

  *status = 1;
  if (ts_plugin_manager_get_sources (plugins)->len == 0)
    {
      g_autofree char *path = g_strjoinv (":", ts_plugin_manager_dup_search_path (plugins));
      g_printerr (_("touchstone-cli: no data-source plugins found (searched %s)\n"), path);
      return NULL;
    }

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  job = ts_import_job_new ();
  im.loop = loop;
  im.cancellable = cancellable;
  im.show_progress = !quiet && isatty (STDERR_FILENO);
  g_signal_connect (job, "notify::fraction", G_CALLBACK (on_job_fraction_cb), &im);
  sigint_id = g_unix_signal_add (SIGINT, on_sigint_cb, &im);

  ts_importer_import_async (plugins, paths, mapping, job, cancellable, on_import_done_cb, &im);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_signal_handlers_disconnect_by_data (job, &im);
  if (im.progress_shown)
    g_printerr ("\r\033[K");

  if (im.dataset == NULL)
    {
      if (g_error_matches (im.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_printerr (_("touchstone-cli: cancelled\n"));
          g_error_free (im.error);
          *status = 130;
          return NULL;
        }
      ts_cli_fail (im.error);
      return NULL;
    }
  *status = 0;
  return im.dataset;
}

/**
 * ts_cli_add_route_members:
 *
 * A route's id, destination, channel, SLA and promise, as members of the
 * object @b is building.
 */
void
ts_cli_add_route_members (JsonBuilder   *b,
                          const TsRoute *r)
{
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, r->id);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, ts_route_to_to_string (r->to));
  json_builder_set_member_name (b, "channel");
  r->channel ? json_builder_add_string_value (b, r->channel) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "sla_hours");
  json_builder_add_double_value (b, r->sla_hours);
  json_builder_set_member_name (b, "promise");
  r->promise ? json_builder_add_string_value (b, r->promise) : json_builder_add_null_value (b);
}

/**
 * ts_cli_load_playbook:
 * @playbook_path: (nullable): --playbook
 * @demo: --demo
 * @workspace_path: (nullable): --workspace
 * @workspace_out: (out) (optional) (nullable): the workspace read, when
 *   one was given
 *
 * The playbook a command runs: --playbook, else the workspace's, else the
 * bundled one.
 */
TsPlaybook *
ts_cli_load_playbook (const char   *playbook_path,
                      gboolean      demo,
                      const char   *workspace_path,
                      TsWorkspace **workspace_out,
                      GError      **error)
{
  g_autoptr(TsWorkspace) workspace = NULL;
  TsPlaybook *playbook;

  if ((demo || workspace_path) && (workspace = ts_cli_load_workspace (workspace_path, error)) == NULL)
    return NULL;
  if (playbook_path)
    playbook = ts_playbook_new_from_file (playbook_path, error);
  else if (workspace)
    playbook = ts_playbook_new_for_workspace (workspace, error);
  else
    playbook = ts_playbook_new_default (error);
  if (playbook && workspace_out)
    *workspace_out = g_steal_pointer (&workspace);
  return playbook;
}

/**
 * ts_cli_parse_time:
 *
 * A date or time given as an option (2025-06-30, 2025-06-30T14:00Z).
 */
gboolean
ts_cli_parse_time (const char *text,
                   TsTime     *out)
{
  return ts_timestamp_parse (text, strlen (text), TS_TIME_FORMAT_ISO8601, NULL, out);
}

/**
 * ts_cli_gather_sources:
 * @command: its name, for the message when there is nothing to read
 * @paths: (inout): the PATHs given; the workspace's sources are added first
 * @mapping: (inout): the workspace's mapping, when there is one
 *
 * The sources a command reads: the workspace's (--workspace, --demo) and
 * the PATHs.
 *
 * Returns: 0, or the status to exit with (the error already said)
 */
int
ts_cli_gather_sources (GOptionContext *context,
                       const char     *command,
                       gboolean        demo,
                       const char     *workspace_path,
                       char         ***paths,
                       TsMapping     **mapping)
{
  g_autoptr(GError) error = NULL;

  if ((demo || workspace_path) && !ts_cli_add_workspace (workspace_path, paths, mapping, &error))
    return ts_cli_fail (g_steal_pointer (&error));
  if (*paths == NULL || (*paths)[0] == NULL)
    return ts_cli_usage_error (context, _("%s needs at least one PATH, --workspace or --demo"), command);
  return 0;
}

/* ------------------------------------------------------------------ */
/* Numbers in JSON, CSV and text                                       */
/* ------------------------------------------------------------------ */

/* a number, or null for NAN (what cannot be measured) */
void
ts_cli_json_number (JsonBuilder *b,
                    const char  *name,
                    double       v)
{
  json_builder_set_member_name (b, name);
  if (isnan (v))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, v);
}

void
ts_cli_json_int (JsonBuilder *b,
                 const char  *name,
                 gint64       v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, v);
}

/* a string, or null for NULL */
void
ts_cli_json_string (JsonBuilder *b,
                    const char  *name,
                    const char  *v)
{
  json_builder_set_member_name (b, name);
  if (v)
    json_builder_add_string_value (b, v);
  else
    json_builder_add_null_value (b);
}

/* ISO 8601 in UTC, or null for TS_TIME_NULL */
void
ts_cli_json_time (JsonBuilder *b,
                  const char  *name,
                  TsTime       t)
{
  g_autofree char *iso = ts_timestamp_format_iso (t);

  ts_cli_json_string (b, name, iso);
}

/* { "value", "low", "high", "responses" } */
void
ts_cli_json_estimate (JsonBuilder      *b,
                      const char       *name,
                      const TsEstimate *e)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  ts_cli_json_number (b, "value", e->value);
  ts_cli_json_number (b, "low", e->low);
  ts_cli_json_number (b, "high", e->high);
  ts_cli_json_int (b, "responses", e->n);
  json_builder_end_object (b);
}

/* a comma, then the number (nothing for NAN) */
void
ts_cli_csv_number (double v)
{
  if (isnan (v))
    putchar (',');
  else
    printf (",%.10g", v);
}

/* @v in @format, or a dash for NAN */
char *
ts_cli_format (double      v,
               const char *format)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return isnan (v) ? g_strdup ("–") : g_strdup_printf (format, v);
#pragma GCC diagnostic pop
}

/**
 * ts_cli_parse_span:
 * @from: (out): the day of --from, or TS_TIME_NULL
 * @to: (out): the day of --to, or TS_TIME_NULL
 *
 * A report's --from and --to.
 *
 * Returns: 0, or the exit status of a usage error
 */
int
ts_cli_parse_span (GOptionContext *context,
                   const char     *from_text,
                   const char     *to_text,
                   TsTime         *from,
                   TsTime         *to)
{
  *from = *to = TS_TIME_NULL;
  if (from_text && !ts_cli_parse_time (from_text, from))
    return ts_cli_usage_error (context, _("--from “%s” is not a date such as 2025-06-30"), from_text);
  if (to_text && !ts_cli_parse_time (to_text, to))
    return ts_cli_usage_error (context, _("--to “%s” is not a date such as 2025-06-30"), to_text);
  if (*from != TS_TIME_NULL && *to != TS_TIME_NULL && *from >= *to)
    return ts_cli_usage_error (context, _("--from must come before --to"));
  return 0;
}

/**
 * ts_cli_load_data:
 * @paths: (inout): the PATHs given; the workspace's sources are added
 * @playbook: (out): --playbook's, else the workspace's, else the bundled one
 * @dataset: (out): the sources of --workspace or --demo and the PATHs, imported
 *
 * What a report reads: its playbook and its data.
 *
 * Returns: 0, or the exit status of what went wrong (said on stderr)
 */
int
ts_cli_load_data (GOptionContext  *context,
                  const char      *command,
                  gboolean         demo,
                  const char      *workspace_path,
                  const char      *playbook_path,
                  char          ***paths,
                  gboolean         quiet,
                  TsPlaybook     **playbook,
                  TsDataset      **dataset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = NULL;
  int status;

  *playbook = NULL;
  *dataset = NULL;
  if (demo && workspace_path)
    return ts_cli_usage_error (context, _("give --workspace or --demo, not both"));
  *playbook = ts_cli_load_playbook (playbook_path, demo, workspace_path, NULL, &error);
  if (*playbook == NULL)
    return ts_cli_fail (g_steal_pointer (&error));
  if ((status = ts_cli_gather_sources (context, command, demo, workspace_path, paths, &mapping)) != 0)
    return status;
  *dataset = ts_cli_import ((const char *const *) *paths, mapping, quiet, &status);
  return *dataset ? 0 : status;
}

/* ts-cli-sql.c — `touchstone-cli export-tables` and `export-sql`: what a
 * warehouse needs to score past one machine — the canonical tables as
 * Touchstone saw them, and the playbook compiled to SQL over them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ts-cli.h"

int
ts_cli_export_tables (int    argc,
                      char **argv)
{
  gboolean demo = FALSE, quiet = FALSE;
  g_autofree char *workspace_path = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The folder to write the tables into (made when missing)"), N_("DIR") },
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Export a workspace's sources"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Export the bundled demo workspace"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("export-tables", N_("PATH…"),
                               _("Writes the canonical tables as Touchstone saw them, one CSV file per table "
                                 "(customers.csv, events.csv, cases.csv, touches.csv, responses.csv, lists.csv: "
                                 "a header row, an empty field is null, times in ISO 8601 UTC), zones.csv with "
                                 "the offsets of the customers' time zones, and schema.sql with their DDL, for "
                                 "a warehouse to load; export-sql scores them there."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = NULL;
  g_autoptr(TsDataset) dataset = NULL;
  int status;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (out == NULL)
    return ts_cli_usage_error (context, _("export-tables needs --out DIR"));
  if (demo && workspace_path)
    return ts_cli_usage_error (context, _("give --workspace or --demo, not both"));
  if ((status = ts_cli_gather_sources (context, "export-tables", demo, workspace_path, &paths, &mapping)) != 0)
    return status;
  dataset = ts_cli_import ((const char *const *) paths, mapping, quiet, &status);
  if (dataset == NULL)
    return status;
  if (!ts_sql_write_tables (dataset, out, NULL, &error))
    return ts_cli_fail (g_steal_pointer (&error));

  if (!quiet)
    {
      for (guint t = 0; t < TS_N_TABLES; t++)
        {
          guint n = ts_dataset_get_n_rows (dataset, t);
          /* Translators: "customers.csv: 600 rows" */
          ts_cli_print (ngettext ("%s.csv: %u row\n", "%s.csv: %u rows\n", n), ts_table_get_name (t), n);
        }
      ts_cli_print (_("zones.csv: the customers' time zones\n"));
      ts_cli_print (_("schema.sql: the tables' DDL\n"));
    }
  return 0;
}

int
ts_cli_export_sql (int    argc,
                   char **argv)
{
  gboolean demo = FALSE;
  g_autofree char *workspace_path = NULL;
  g_autofree char *playbook_path = NULL;
  g_autofree char *dialect_name = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *out = NULL;
  const GOptionEntry entries[] = {
    { "dialect", 'd', 0, G_OPTION_ARG_STRING, &dialect_name, N_("The SQL engine: sqlite (the default), duckdb, postgres, spark or bigquery"), N_("DIALECT") },
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Compile a workspace's playbook"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Compile the bundled demo workspace's playbook"), NULL },
    { "playbook", 'p', 0, G_OPTION_ARG_FILENAME, &playbook_path, N_("The playbook (default: the workspace's, else the bundled one)"), N_("PLAYBOOK.json") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Score as of this moment (default: the midnight after the tables' latest record)"), N_("DATE") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write the script into FILE (default: print it)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("export-sql", NULL,
                               _("Compiles the playbook into one SQL script over the tables of export-tables: "
                                 "as of a moment, every customer's signals (raw, normalised, points), score, "
                                 "band and route, and the guardrails' verdicts on the route's touch (a column "
                                 "guard_ID per guardrail, hold or pass; verdict and held_by), from the same "
                                 "conditions the engine evaluates. Its last statement is a SELECT with a row "
                                 "per customer."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) playbook = NULL;
  g_autofree char *sql = NULL;
  TsSqlDialect dialect = TS_SQL_SQLITE;
  TsTime as_of = TS_TIME_NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (argc > 1)
    return ts_cli_usage_error (context, _("export-sql reads no PATH: it compiles the playbook, not the data"));
  if (demo && workspace_path)
    return ts_cli_usage_error (context, _("give --workspace or --demo, not both"));
  if (dialect_name && !ts_sql_dialect_from_string (dialect_name, &dialect))
    return ts_cli_usage_error (context, _("--dialect “%s” is not one of sqlite, duckdb, postgres, spark, bigquery"),
                               dialect_name);
  if (as_of_text && !ts_cli_parse_time (as_of_text, &as_of))
    return ts_cli_usage_error (context, _("--as-of “%s” is not a date such as 2025-06-30"), as_of_text);

  playbook = ts_cli_load_playbook (playbook_path, demo, workspace_path, NULL, &error);
  if (playbook == NULL ||
      (sql = ts_sql_compile_playbook (playbook, dialect, as_of, &error)) == NULL)
    return ts_cli_fail (g_steal_pointer (&error));

  if (out == NULL)
    fputs (sql, stdout);
  else if (!g_file_set_contents_full (out, sql, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    return ts_cli_fail (g_steal_pointer (&error));
  return 0;
}

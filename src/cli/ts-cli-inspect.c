/* ts-cli-inspect.c — `touchstone-cli inspect`: import, then say what was understood
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include "ts-cli.h"

static guint
count_customers_with_rows (TsDataset *ds,
                           TsTable    table)
{
  const TsCustomers *c = ts_dataset_get_customers (ds);
  const guint32 *by = NULL;
  guint n = 0;

  switch (table)
    {
    case TS_TABLE_EVENTS: by = ts_dataset_get_events (ds)->by_customer; break;
    case TS_TABLE_CASES: by = ts_dataset_get_cases (ds)->by_customer; break;
    case TS_TABLE_TOUCHES: by = ts_dataset_get_touches (ds)->by_customer; break;
    case TS_TABLE_RESPONSES: by = ts_dataset_get_responses (ds)->by_customer; break;
    case TS_TABLE_LISTS: by = ts_dataset_get_lists (ds)->by_customer; break;
    case TS_TABLE_CUSTOMERS:
    case TS_N_TABLES:
    case TS_TABLE_NONE:
    default: return c->n_rows;
    }
  for (guint i = 0; i < c->n_rows; i++)
    n += by[i + 1] > by[i];
  return n;
}

static JsonNode *
dataset_to_json (TsDataset       *ds,
                 TsPluginManager *plugins)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GPtrArray *sources = ts_dataset_get_sources (ds);
  GPtrArray *problems = ts_dataset_get_problems (ds);
  const TsCustomers *customers = ts_dataset_get_customers (ds);
  guint with_email = 0;

  json_builder_begin_object (b);

  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < sources->len; i++)
    json_builder_add_value (b, ts_source_info_to_json (sources->pdata[i]));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "tables");
  json_builder_begin_object (b);
  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      TsTime first, last;

      json_builder_set_member_name (b, ts_table_get_name ((TsTable) t));
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rows");
      json_builder_add_int_value (b, ts_dataset_get_n_rows (ds, (TsTable) t));
      if (t != TS_TABLE_CUSTOMERS && t != TS_TABLE_LISTS)
        {
          json_builder_set_member_name (b, "customers");
          json_builder_add_int_value (b, count_customers_with_rows (ds, (TsTable) t));
        }
      if (t != TS_TABLE_CUSTOMERS && t != TS_TABLE_LISTS &&
          ts_dataset_get_time_range (ds, (TsTable) t, &first, &last))
        {
          ts_cli_json_time (b, "first", first);
          ts_cli_json_time (b, "last", last);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "customers");
  json_builder_add_int_value (b, customers->n_rows);

  for (guint i = 0; i < customers->n_rows; i++)
    with_email += customers->email[i] != TS_STR_NULL;
  json_builder_set_member_name (b, "identities");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from_customer_files");
  json_builder_add_int_value (b, customers->n_rows - ts_dataset_get_n_implicit_customers (ds));
  json_builder_set_member_name (b, "only_in_other_tables");
  json_builder_add_int_value (b, ts_dataset_get_n_implicit_customers (ds));
  json_builder_set_member_name (b, "merged_by_email");
  json_builder_add_int_value (b, ts_dataset_get_n_merged_by_email (ds));
  json_builder_set_member_name (b, "with_email");
  json_builder_add_int_value (b, with_email);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "identity");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "matched");
  json_builder_add_int_value (b, ts_dataset_get_n_matched_customers (ds));
  json_builder_set_member_name (b, "unmatched_by_source");
  json_builder_begin_object (b);
  for (guint i = 0; i < sources->len; i++)
    {
      json_builder_set_member_name (b, ts_source_info_get_path (sources->pdata[i]));
      json_builder_add_int_value (b, (gint64) ts_source_info_get_unmatched (sources->pdata[i]));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "memory_bytes");
  json_builder_add_int_value (b, ts_dataset_get_memory (ds));

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < problems->len; i++)
    {
      TsProblem *p = problems->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, p->path);
      json_builder_set_member_name (b, "line");
      if (p->line > 0)
        json_builder_add_int_value (b, (gint64) p->line);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "column");
      if (p->column > 0)
        json_builder_add_int_value (b, p->column);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, p->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "warnings_total");
  json_builder_add_int_value (b, (gint64) ts_dataset_get_n_problems (ds));

  json_builder_set_member_name (b, "plugin_problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_plugin_manager_get_problems (plugins)->len; i++)
    {
      g_autofree char *s = ts_problem_to_string (ts_plugin_manager_get_problems (plugins)->pdata[i]);
      json_builder_add_string_value (b, s);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_text (TsDataset       *ds,
            TsPluginManager *plugins)
{
  GPtrArray *sources = ts_dataset_get_sources (ds);
  GPtrArray *problems = ts_dataset_get_problems (ds);
  const TsCustomers *customers = ts_dataset_get_customers (ds);
  GPtrArray *plugin_problems = ts_plugin_manager_get_problems (plugins);

  ts_cli_print ("%s\n", _("Sources"));
  for (guint i = 0; i < sources->len; i++)
    {
      g_autofree char *s = ts_source_info_describe (sources->pdata[i]);
      ts_cli_print ("  %s", s);
    }

  ts_cli_print ("\n%s\n", _("Tables"));
  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      TsTime first, last;
      guint n = ts_dataset_get_n_rows (ds, (TsTable) t);

      ts_cli_print ("  %-10s %12u", ts_table_get_name ((TsTable) t), n);
      if (t != TS_TABLE_CUSTOMERS && t != TS_TABLE_LISTS && n > 0)
        {
          ts_cli_print (_("  for %u customers"), count_customers_with_rows (ds, (TsTable) t));
          if (ts_dataset_get_time_range (ds, (TsTable) t, &first, &last))
            {
              g_autofree char *a = ts_timestamp_format_iso (first);
              g_autofree char *z = ts_timestamp_format_iso (last);
              ts_cli_print ("  %s … %s", a, z);
            }
        }
      ts_cli_print ("\n");
    }

  ts_cli_print ("\n%s\n", _("Customers"));
  ts_cli_print (_("  %u customers: %u from customer files, %u known only from other tables, %u joined by e-mail\n"),
           customers->n_rows, customers->n_rows - ts_dataset_get_n_implicit_customers (ds),
           ts_dataset_get_n_implicit_customers (ds), ts_dataset_get_n_merged_by_email (ds));
  if (sources->len > 1)
    ts_cli_print (_("  %u customers appear in more than one source\n"), ts_dataset_get_n_matched_customers (ds));
  ts_cli_print (_("  %.1f MB in memory\n"), ts_dataset_get_memory (ds) / 1e6);

  if (problems->len > 0 || plugin_problems->len > 0)
    {
      ts_cli_print ("\n%s\n", _("Warnings"));
      for (guint i = 0; i < plugin_problems->len; i++)
        {
          g_autofree char *s = ts_problem_to_string (plugin_problems->pdata[i]);
          ts_cli_print ("  %s\n", s);
        }
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *s = ts_problem_to_string (problems->pdata[i]);
          ts_cli_print ("  %s\n", s);
        }
      if (ts_dataset_get_n_problems (ds) > problems->len)
        ts_cli_print (_("  … and %" PRIu64 " more\n"),
                 ts_dataset_get_n_problems (ds) - problems->len);
    }
}

int
ts_cli_inspect (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  gboolean quiet = FALSE;
  gboolean demo = FALSE;
  g_autofree char *mapping_path = NULL;
  g_autofree char *workspace_path = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "mapping", 'm', 0, G_OPTION_ARG_FILENAME, &mapping_path, N_("A mapping file that overrides the guesses"), N_("MAP.json") },
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Read the sources of a workspace"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Read the bundled demo workspace"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("inspect", N_("PATH…"),
                               _("Imports the files and folders given into one dataset and reports what was "
                                 "understood: sources, tables, rows, time ranges, identities and problems."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = NULL;
  TsPluginManager *plugins;
  TsDataset *dataset;
  int status = 0;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (demo && workspace_path)
    return ts_cli_usage_error (context, _("give --workspace or --demo, not both"));

  if ((status = ts_cli_gather_sources (context, "inspect", demo, workspace_path, &paths, &mapping)) != 0)
    return status;

  if (mapping_path)
    {
      g_clear_pointer (&mapping, ts_mapping_unref);
      mapping = ts_mapping_new_from_file (mapping_path, &error);
      if (mapping == NULL)
        return ts_cli_fail (g_steal_pointer (&error));
    }

  dataset = ts_cli_import ((const char *const *) paths, mapping, quiet, &status);
  if (dataset == NULL)
    return status;
  plugins = ts_plugin_manager_get_default ();

  if (json)
    {
      g_autoptr(JsonNode) node = dataset_to_json (dataset, plugins);
      ts_cli_print_json (node);
    }
  else
    print_text (dataset, plugins);

  g_object_unref (dataset);
  return 0;
}

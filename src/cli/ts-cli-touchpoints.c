/* ts-cli-touchpoints.c — `touchstone-cli touchpoints`: the inventory of
 * customer experience assets, each measured: interactions, reach,
 * attention, satisfaction after an interaction and cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "ts-cli.h"

static void
print_json (TsTouchpoints *tp)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  TsEstimate all = ts_touchpoints_get_nps_all (tp);

  json_builder_begin_object (b);
  ts_cli_json_time (b, "from", ts_touchpoints_get_from (tp));
  ts_cli_json_time (b, "to", ts_touchpoints_get_to (tp));
  ts_cli_json_int (b, "base_customers", ts_touchpoints_get_base (tp));
  ts_cli_json_estimate (b, "nps_all", &all);
  json_builder_set_member_name (b, "touchpoints");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_touchpoints_get_n_touchpoints (tp); i++)
    {
      const TsTouchpoint *t = ts_touchpoints_get_touchpoint (tp, i);
      const TsTouchpointMeasures *m = ts_touchpoints_get_measures (tp, i);
      g_autofree char *filter = t->filter ? ts_expr_to_string (t->filter) : NULL;

      json_builder_begin_object (b);
      ts_cli_json_string (b, "id", t->id);
      ts_cli_json_string (b, "label", t->label ? t->label : t->id);
      ts_cli_json_string (b, "owner", t->owner);
      ts_cli_json_string (b, "table", ts_table_get_name (t->table));
      ts_cli_json_string (b, "filter", filter);
      ts_cli_json_number (b, "investment", t->investment);
      ts_cli_json_number (b, "upkeep_per_month", t->upkeep_per_month);
      ts_cli_json_number (b, "lifetime_months", t->lifetime_months);
      ts_cli_json_number (b, "perceived_value", t->perceived_value);
      ts_cli_json_int (b, "satisfaction_days", t->satisfaction_days);

      ts_cli_json_int (b, "interactions", m->interactions);
      ts_cli_json_int (b, "customers", m->customers);
      ts_cli_json_number (b, "reach", m->reach);
      ts_cli_json_number (b, "interactions_per_customer", m->interactions_per_customer);

      json_builder_set_member_name (b, "attention");
      json_builder_begin_object (b);
      ts_cli_json_string (b, "field", t->attention);
      ts_cli_json_int (b, "measured", m->attention_n);
      ts_cli_json_number (b, "median_seconds", m->attention_median_seconds);
      ts_cli_json_number (b, "p90_seconds", m->attention_p90_seconds);
      ts_cli_json_number (b, "hours", m->attention_hours);
      ts_cli_json_number (b, "active_days_per_customer", m->active_days_per_customer);
      json_builder_end_object (b);

      ts_cli_json_estimate (b, "nps_after", &m->nps_after);
      json_builder_set_member_name (b, "csat_after");
      json_builder_begin_object (b);
      ts_cli_json_number (b, "mean", m->csat_after);
      ts_cli_json_int (b, "responses", m->csat_after_n);
      json_builder_end_object (b);

      ts_cli_json_number (b, "months", m->months);
      ts_cli_json_number (b, "cost", m->cost);
      ts_cli_json_number (b, "cost_per_interaction", m->cost_per_interaction);
      ts_cli_json_number (b, "cost_per_customer", m->cost_per_customer);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  ts_cli_print_json (root);
}

/* a row per touchpoint */
static void
print_csv (TsTouchpoints *tp)
{
  fputs ("id,label,owner,table,interactions,customers,reach,interactions_per_customer,"
         "attention_median_seconds,active_days_per_customer,nps_after,nps_after_responses,"
         "csat_after,csat_after_responses,perceived_value,cost,cost_per_interaction,cost_per_customer\n", stdout);
  for (guint i = 0; i < ts_touchpoints_get_n_touchpoints (tp); i++)
    {
      const TsTouchpoint *t = ts_touchpoints_get_touchpoint (tp, i);
      const TsTouchpointMeasures *m = ts_touchpoints_get_measures (tp, i);
      g_autoptr(GString) text = g_string_new (t->id);

      g_string_append_c (text, ',');
      ts_csv_append_field (text, t->label ? t->label : t->id);
      g_string_append_c (text, ',');
      ts_csv_append_field (text, t->owner ? t->owner : "");
      printf ("%s,%s,%u,%u", text->str, ts_table_get_name (t->table), m->interactions, m->customers);
      ts_cli_csv_number (m->reach);
      ts_cli_csv_number (m->interactions_per_customer);
      ts_cli_csv_number (m->attention_median_seconds);
      ts_cli_csv_number (m->active_days_per_customer);
      ts_cli_csv_number (m->nps_after.value);
      printf (",%u", m->nps_after.n);
      ts_cli_csv_number (m->csat_after);
      printf (",%u", m->csat_after_n);
      ts_cli_csv_number (t->perceived_value);
      ts_cli_csv_number (m->cost);
      ts_cli_csv_number (m->cost_per_interaction);
      ts_cli_csv_number (m->cost_per_customer);
      putchar ('\n');
    }
}

static void
print_text (TsTouchpoints *tp)
{
  g_autofree char *from = ts_timestamp_format_iso (ts_touchpoints_get_from (tp));
  g_autofree char *to = ts_timestamp_format_iso (ts_touchpoints_get_to (tp));
  TsEstimate all = ts_touchpoints_get_nps_all (tp);
  g_autofree char *all_nps = ts_cli_format (all.value, "%.0f");

  ts_cli_print (_("Touchpoints from %s to %s: %u customers; NPS of every answer %s (n=%u)\n\n"),
           from, to, ts_touchpoints_get_base (tp), all_nps, all.n);
  if (ts_touchpoints_get_n_touchpoints (tp) == 0)
    {
      ts_cli_print (_("The playbook has no touchpoints: add a “touchpoints” section (docs/touchpoints.md).\n"));
      return;
    }
  ts_cli_print ("  %-30s %8s %6s %6s %8s %6s %9s %7s %10s %8s\n", _("touchpoint"), _("inter."), _("cust."), _("reach"),
           _("attn s"), _("days"), _("NPS after"), _("value"), _("cost"), _("per int."));
  for (guint i = 0; i < ts_touchpoints_get_n_touchpoints (tp); i++)
    {
      const TsTouchpoint *t = ts_touchpoints_get_touchpoint (tp, i);
      const TsTouchpointMeasures *m = ts_touchpoints_get_measures (tp, i);
      g_autofree char *reach = ts_cli_format (100 * m->reach, "%.0f%%");
      g_autofree char *seconds = ts_cli_format (m->attention_median_seconds, "%.0f");
      g_autofree char *days = ts_cli_format (m->active_days_per_customer, "%.1f");
      g_autofree char *nps = ts_cli_format (m->nps_after.value, "%.0f");
      g_autofree char *nps_n = g_strdup_printf ("%s (%u)", nps, m->nps_after.n);
      g_autofree char *value = ts_cli_format (t->perceived_value, "%.1f");
      g_autofree char *cost = ts_cli_format (m->cost, "%.0f");
      g_autofree char *per = ts_cli_format (m->cost_per_interaction, "%.2f");

      ts_cli_print ("  %-30.30s %8u %6u %6s %8s %6s %9s %7s %10s %8s\n", t->label ? t->label : t->id, m->interactions,
               m->customers, reach, seconds, days, nps_n, value, cost, per);
    }
  ts_cli_print (_("  (attn s: median seconds of attention; days: days with an interaction per customer reached;\n"
             "   NPS after: answers within each touchpoint's satisfaction days after an interaction, their number\n"
             "   in brackets; value: perceived value, 1–5; cost: write-off of the investment and upkeep over the\n"
             "   period; per int.: per interaction)\n"));
}

int
ts_cli_touchpoints (int    argc,
                    char **argv)
{
  gboolean json = FALSE, csv = FALSE, demo = FALSE, quiet = FALSE;
  g_autofree char *workspace_path = NULL;
  g_autofree char *playbook_path = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Measure a workspace's touchpoints on its sources"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Measure the bundled demo workspace"), NULL },
    { "playbook", 'p', 0, G_OPTION_ARG_FILENAME, &playbook_path, N_("The playbook (default: the workspace's, else the bundled one)"), N_("PLAYBOOK.json") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first day (default: the data's first record)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The end, not included (default: the midnight after the data's last record)"), N_("YYYY-MM-DD") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV, a row per touchpoint"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("touchpoints", N_("PATH…"),
                               _("Measures every touchpoint of the playbook's inventory of customer experience "
                                 "assets over a period: its interactions and the customers it reached, the "
                                 "attention it held (seconds, and days with an interaction per customer), the NPS "
                                 "and CSAT of the answers that followed an interaction, and its cost — the "
                                 "investment written off and the upkeep — per interaction and per customer."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) playbook = NULL;
  g_autoptr(TsDataset) dataset = NULL;
  g_autoptr(TsTouchpoints) touchpoints = NULL;
  TsTime from = TS_TIME_NULL, to = TS_TIME_NULL;
  int status;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (json && csv)
    return ts_cli_usage_error (context, _("give --json or --csv, not both"));
  if ((status = ts_cli_parse_span (context, from_text, to_text, &from, &to)) != 0 ||
      (status = ts_cli_load_data (context, "touchpoints", demo, workspace_path, playbook_path, &paths,
                                  quiet || json || csv, &playbook, &dataset)) != 0)
    return status;
  touchpoints = ts_touchpoints_compute (dataset, playbook, from, to, NULL, &error);
  if (touchpoints == NULL)
    return ts_cli_fail (g_steal_pointer (&error));

  if (json)
    print_json (touchpoints);
  else if (csv)
    print_csv (touchpoints);
  else
    print_text (touchpoints);
  return 0;
}

/* ts-cli-maturity.c — `touchstone-cli maturity`: the maturity matrix — the
 * six capabilities of CX scoring, each with its owner, where it stands and
 * why, and its primary KPIs over a period, with the customer's results and
 * the business's side by side against the period before or another playbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ts-cli.h"

static const char *
unit_name (TsKpiUnit unit)
{
  static const char *const names[] = { "rate", "hours", "nps", "csat", "psi", "money", "number" };

  return names[unit];
}

char *
ts_cli_format_kpi (TsKpiUnit unit,
                   double    v)
{
  switch (unit)
    {
    case TS_KPI_UNIT_RATE: return ts_cli_format (100 * v, "%.1f%%");
    case TS_KPI_UNIT_HOURS: return ts_cli_format (v, "%.1f h");
    case TS_KPI_UNIT_NPS: return ts_cli_format (v, "%+.0f");
    case TS_KPI_UNIT_CSAT: return ts_cli_format (v, "%.2f");
    case TS_KPI_UNIT_PSI: return ts_cli_format (v, "%.3f");
    case TS_KPI_UNIT_MONEY: return ts_cli_format (v, "%.0f");
    case TS_KPI_UNIT_NUMBER: default: return ts_cli_format (v, v == floor (v) ? "%.0f" : "%.2f");
    }
}

static void
json_kpi (JsonBuilder         *b,
          TsMaturity          *m,
          const TsMaturityKpi *k,
          TsMaturity          *other)
{
  TsDataset *ds = ts_maturity_get_dataset (m);
  const TsMaturityKpi *o = other ? ts_maturity_find_kpi (other, k->id) : NULL;

  json_builder_begin_object (b);
  ts_cli_json_string (b, "id", k->id);
  ts_cli_json_string (b, "label", k->label);
  ts_cli_json_string (b, "unit", unit_name (k->unit));
  ts_cli_json_number (b, "value", k->value);
  ts_cli_json_int (b, "count", k->count);
  ts_cli_json_int (b, "n", k->n);
  ts_cli_json_string (b, "better", k->better > 0 ? "higher" : "lower");
  if (other)
    {
      ts_cli_json_number (b, "compared", o ? o->value : NAN);
      ts_cli_json_number (b, "delta", o ? k->value - o->value : NAN);
    }
  ts_cli_json_string (b, "customers_are", k->who);
  json_builder_set_member_name (b, "customers");
  json_builder_begin_array (b);
  for (guint i = 0; i < k->n_customers; i++)
    json_builder_add_string_value (b, ts_dataset_get_customer_id (ds, k->customers[i]));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
json_arr (JsonBuilder     *b,
          const TsBandArr *a)
{
  json_builder_begin_object (b);
  ts_cli_json_string (b, "band", a->band);
  ts_cli_json_int (b, "active", a->active);
  ts_cli_json_int (b, "churned", a->churned);
  ts_cli_json_number (b, "arr", a->arr);
  ts_cli_json_number (b, "arr_retained", a->arr_retained);
  ts_cli_json_number (b, "arr_lost", a->arr_lost);
  ts_cli_json_int (b, "no_value", a->no_value);
  json_builder_end_object (b);
}

static void
print_json (TsMaturity *m,
            TsMaturity *other,
            gboolean    other_is_before)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const TsRouteHelp *routes;
  const TsBandArr *bands;
  const TsBusinessResults *biz = ts_maturity_get_business (m);
  TsMaturityRow *rows;
  guint n;

  json_builder_begin_object (b);
  ts_cli_json_time (b, "from", ts_maturity_get_from (m));
  ts_cli_json_time (b, "to", ts_maturity_get_to (m));
  if (other)
    {
      json_builder_set_member_name (b, "compared");
      json_builder_begin_object (b);
      ts_cli_json_string (b, "kind", other_is_before ? "period" : "playbook");
      ts_cli_json_time (b, "from", ts_maturity_get_from (other));
      ts_cli_json_time (b, "to", ts_maturity_get_to (other));
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "capabilities");
  json_builder_begin_array (b);
  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    {
      const TsCapability *cap = ts_maturity_get_capability (m, i);

      json_builder_begin_object (b);
      ts_cli_json_string (b, "id", cap->key);
      ts_cli_json_string (b, "name", cap->name);
      ts_cli_json_string (b, "owner", cap->owner);
      ts_cli_json_string (b, "suggested_owner", cap->default_owner);
      ts_cli_json_string (b, "level", ts_maturity_level_to_string (cap->level));
      ts_cli_json_int (b, "criteria_met", cap->n_met);
      json_builder_set_member_name (b, "criteria");
      json_builder_begin_array (b);
      for (guint k = 0; k < cap->n_criteria; k++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "met");
          json_builder_add_boolean_value (b, cap->criteria[k].met);
          ts_cli_json_string (b, "text", cap->criteria[k].text);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "kpis");
      json_builder_begin_array (b);
      for (guint k = 0; k < cap->n_kpis; k++)
        json_kpi (b, m, &cap->kpis[k], other);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  routes = ts_maturity_get_route_help (m, &n);
  json_builder_set_member_name (b, "speed_to_help");
  json_builder_begin_array (b);
  for (guint i = 0; i <= n; i++)
    {
      const TsRouteHelp *h = i < n ? &routes[i] : ts_maturity_get_help_all (m);

      json_builder_begin_object (b);
      ts_cli_json_string (b, "route", h->route);
      ts_cli_json_number (b, "sla_hours", h->sla_hours > 0 ? h->sla_hours : NAN);
      ts_cli_json_int (b, "moments", h->moments);
      ts_cli_json_int (b, "helped", h->helped);
      ts_cli_json_number (b, "median_hours", h->median_hours);
      ts_cli_json_number (b, "p90_hours", h->p90_hours);
      ts_cli_json_int (b, "met", h->met);
      ts_cli_json_int (b, "breached", h->breached);
      ts_cli_json_number (b, "compliance", h->compliance);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "business");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "all");
  json_arr (b, ts_maturity_get_arr_all (m));
  bands = ts_maturity_get_band_arr (m, &n);
  json_builder_set_member_name (b, "bands");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_arr (b, &bands[i]);
  json_builder_end_array (b);
  ts_cli_json_number (b, "touch_cost", biz->touch_cost);
  ts_cli_json_int (b, "touches", biz->touches);
  ts_cli_json_int (b, "resolved_cases", biz->resolved_cases);
  ts_cli_json_number (b, "touches_per_resolved_case", biz->touches_per_resolved_case);
  ts_cli_json_int (b, "expansion_customers", biz->expansion_customers);
  ts_cli_json_number (b, "pipeline_arr", biz->pipeline_arr);
  ts_cli_json_number (b, "pipeline_won", biz->pipeline_won);
  json_builder_end_object (b);

  rows = other_is_before ? ts_maturity_side_by_side (other, m, &n) : ts_maturity_side_by_side (m, other, &n);
  json_builder_set_member_name (b, "side_by_side");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (b);
      ts_cli_json_string (b, "side", rows[i].business ? "business" : "customer");
      ts_cli_json_string (b, "id", rows[i].id);
      ts_cli_json_string (b, "label", rows[i].label);
      ts_cli_json_string (b, "unit", unit_name (rows[i].unit));
      ts_cli_json_number (b, "before", rows[i].before);
      ts_cli_json_number (b, "after", rows[i].after);
      ts_cli_json_number (b, "delta", rows[i].delta);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  ts_maturity_rows_free (rows, n);

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  ts_cli_print_json (root);
}

static void
print_text (TsMaturity *m,
            TsMaturity *other,
            gboolean    other_is_before,
            guint       limit)
{
  TsDataset *ds = ts_maturity_get_dataset (m);
  g_autofree char *from = ts_timestamp_format_iso (ts_maturity_get_from (m));
  g_autofree char *to = ts_timestamp_format_iso (ts_maturity_get_to (m));
  TsMaturityRow *rows;
  guint n;

  ts_cli_print (_("Maturity from %s to %s\n"), from, to);
  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    {
      const TsCapability *cap = ts_maturity_get_capability (m, i);

      ts_cli_print ("\n%s — %s (%u/%u)\n", cap->name, ts_maturity_level_describe (cap->level), cap->n_met,
               cap->n_criteria);
      if (cap->owner)
        ts_cli_print (_("  owner: %s\n"), cap->owner);
      else
        ts_cli_print (_("  owner: nobody named (the matrix suggests %s)\n"), cap->default_owner);
      for (guint k = 0; k < cap->n_criteria; k++)
        ts_cli_print ("  %s %s\n", cap->criteria[k].met ? "✓" : "✗", cap->criteria[k].text);
      for (guint k = 0; k < cap->n_kpis; k++)
        {
          const TsMaturityKpi *kpi = &cap->kpis[k];
          g_autofree char *value = ts_cli_format_kpi (kpi->unit, kpi->value);
          g_autoptr(GString) who = g_string_new (NULL);

          if (kpi->unit == TS_KPI_UNIT_RATE)
            g_string_append_printf (who, " (%u/%u)", kpi->count, kpi->n);
          else
            g_string_append_printf (who, " (n=%u)", kpi->n);
          if (other)
            {
              const TsMaturityKpi *o = ts_maturity_find_kpi (other, kpi->id);
              double before = o ? (other_is_before ? o->value : kpi->value) : NAN;
              double after = o ? (other_is_before ? kpi->value : o->value) : NAN;
              g_autofree char *delta = ts_cli_format_kpi (kpi->unit, after - before);

              g_string_append_printf (who, _(" Δ %s"), delta);
            }
          ts_cli_print ("  %s %-40s %10s%s\n", k == 0 ? "▸" : " ", kpi->label, value, who->str);
          if (kpi->n_customers && limit)
            {
              g_autoptr(GString) ids = g_string_new (NULL);

              for (guint c = 0; c < MIN (limit, kpi->n_customers); c++)
                g_string_append_printf (ids, "%s%s", c ? ", " : "", ts_dataset_get_customer_id (ds, kpi->customers[c]));
              if (kpi->n_customers > limit)
                g_string_append_printf (ids, _(" and %u more"), kpi->n_customers - limit);
              ts_cli_print ("      %s: %s\n", kpi->who, ids->str);
            }
        }
    }

  rows = other_is_before ? ts_maturity_side_by_side (other, m, &n) : ts_maturity_side_by_side (m, other, &n);
  ts_cli_print ("\n%s\n", other ? (other_is_before ? _("Customer and business, against the period before")
                                              : _("Customer and business, this playbook against the other"))
                           : _("Customer and business"));
  ts_cli_print ("  %-44s %12s %12s %12s\n", "", other_is_before ? _("before") : _("this"),
           other_is_before ? _("this") : _("other"), "Δ");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = ts_cli_format_kpi (rows[i].unit, rows[i].before);
      g_autofree char *b = ts_cli_format_kpi (rows[i].unit, rows[i].after);
      g_autofree char *d = ts_cli_format_kpi (rows[i].unit, rows[i].delta);

      if (i == 0 || rows[i].business != rows[i - 1].business)
        ts_cli_print ("  %s\n", rows[i].business ? _("Business") : _("Customer"));
      ts_cli_print ("    %-42.42s %12s %12s %12s\n", rows[i].label, a, b, d);
    }
  ts_maturity_rows_free (rows, n);
}

/**
 * ts_cli_maturity_span:
 *
 * The period of --month, or of --from and --to, else the data's last full
 * month (with no @dataset yet: only checks what was given).
 */
int
ts_cli_maturity_span (GOptionContext *context,
                      TsDataset      *dataset,
                      const char     *month,
                      const char     *from_text,
                      const char     *to_text,
                      TsTime         *from,
                      TsTime         *to)
{
  int status;

  if (month && (from_text || to_text))
    return ts_cli_usage_error (context, _("give --month or --from and --to, not both"));
  if (month)
    {
      if (!ts_maturity_month_span (month, from, to))
        return ts_cli_usage_error (context, _("--month “%s” is not a month such as 2025-06"), month);
      return 0;
    }
  if ((status = ts_cli_parse_span (context, from_text, to_text, from, to)) != 0)
    return status;
  if (*from == TS_TIME_NULL && *to == TS_TIME_NULL)
    {
      if (dataset == NULL)
        return 0;
      if (!ts_maturity_default_span (dataset, from, to))
        return ts_cli_usage_error (context, _("the data has no record to measure a month on"));
      return 0;
    }
  if (*from == TS_TIME_NULL || *to == TS_TIME_NULL)
    return ts_cli_usage_error (context, _("give both --from and --to"));
  return 0;
}

/* NAME=OWNER for a capability, into @owners */
static gboolean
set_owner (TsWorkspace *workspace,
           const char  *arg,
           GError     **error)
{
  const char *eq = strchr (arg, '=');
  g_autofree char *key = eq ? g_strndup (arg, eq - arg) : NULL;
  int id = key ? ts_capability_from_key (g_strstrip (key)) : -1;

  if (id < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--set-owner “%s”: give CAPABILITY=OWNER, a capability being one of signal_quality, "
                     "guardrails, routing, journeys, outcomes, governance"), arg);
      return FALSE;
    }
  ts_maturity_set_owner (workspace, id, eq + 1);
  return TRUE;
}

int
ts_cli_maturity (int    argc,
                 char **argv)
{
  gboolean json = FALSE, demo = FALSE, quiet = FALSE, no_compare = FALSE;
  g_autofree char *workspace_path = NULL;
  g_autofree char *playbook_path = NULL;
  g_autofree char *compare_playbook_path = NULL;
  g_autofree char *month = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_auto(GStrv) set_owners = NULL;
  g_auto(GStrv) paths = NULL;
  int limit = 5;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Judge a workspace: its sources, playbook and owners"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Judge the bundled demo workspace"), NULL },
    { "playbook", 'p', 0, G_OPTION_ARG_FILENAME, &playbook_path, N_("The playbook (default: the workspace's, else the bundled one)"), N_("PLAYBOOK.json") },
    { "month", 'm', 0, G_OPTION_ARG_STRING, &month, N_("The month measured (default: the data's last full month)"), N_("YYYY-MM") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The period's first day, instead of a month"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The period's end, not included"), N_("YYYY-MM-DD") },
    { "compare-playbook", 0, 0, G_OPTION_ARG_FILENAME, &compare_playbook_path, N_("Set another playbook beside this one over the same period (default: the period before)"), N_("PLAYBOOK.json") },
    { "no-compare", 0, 0, G_OPTION_ARG_NONE, &no_compare, N_("Compare with nothing"), NULL },
    { "set-owner", 0, 0, G_OPTION_ARG_STRING_ARRAY, &set_owners, N_("Name a capability's owner and save it in the workspace (repeatable)"), N_("CAPABILITY=OWNER") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Customers listed per KPI in text (default 5; JSON lists all)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("maturity", N_("PATH…"),
                               _("The maturity matrix of CX scoring: signal quality, experience guardrails, "
                                 "routing & SLAs, journey continuity, closed-loop outcomes and governance — each "
                                 "with its owner, where it stands between ad hoc and operationalised and why, and "
                                 "its primary KPIs measured over a month with the customers behind them; then the "
                                 "customer's results and the business's side by side, against the month before "
                                 "or another playbook."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) playbook = NULL;
  g_autoptr(TsPlaybook) other_playbook = NULL;
  g_autoptr(TsDataset) dataset = NULL;
  g_autoptr(TsWorkspace) workspace = NULL;
  g_autoptr(TsMaturity) maturity = NULL;
  g_autoptr(TsMaturity) other = NULL;
  g_auto(GStrv) owners = NULL;
  TsTime from, to;
  int status;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (limit < 0)
    return ts_cli_usage_error (context, _("--limit must be 0 or more"));
  if (compare_playbook_path && no_compare)
    return ts_cli_usage_error (context, _("give --compare-playbook or --no-compare, not both"));
  if (set_owners && workspace_path == NULL)
    return ts_cli_usage_error (context, _("--set-owner needs --workspace: owners are saved in the workspace"));
  /* the period is checked before the data is read */
  if ((status = ts_cli_maturity_span (context, NULL, month, from_text, to_text, &from, &to)) != 0)
    return status;

  if (demo || workspace_path)
    {
      if ((workspace = ts_cli_load_workspace (workspace_path, &error)) == NULL)
        return ts_cli_fail (g_steal_pointer (&error));
      for (guint i = 0; set_owners && set_owners[i]; i++)
        if (!set_owner (workspace, set_owners[i], &error))
          return ts_cli_usage_error (context, "%s", error->message);
      if (set_owners && !ts_workspace_save (workspace, ts_workspace_get_file (workspace), &error))
        return ts_cli_fail (g_steal_pointer (&error));
      owners = ts_maturity_dup_owners (workspace);
    }
  if (compare_playbook_path && (other_playbook = ts_playbook_new_from_file (compare_playbook_path, &error)) == NULL)
    return ts_cli_fail (g_steal_pointer (&error));
  if ((status = ts_cli_load_data (context, "maturity", demo, workspace_path, playbook_path, &paths,
                                  quiet || json, &playbook, &dataset)) != 0 ||
      (status = ts_cli_maturity_span (context, dataset, month, from_text, to_text, &from, &to)) != 0)
    return status;

  maturity = ts_maturity_compute (dataset, playbook, from, to, (const char *const *) owners, NULL, &error);
  if (maturity == NULL)
    return ts_cli_fail (g_steal_pointer (&error));
  to = ts_maturity_get_to (maturity);
  if (other_playbook)
    other = ts_maturity_compute (dataset, other_playbook, from, to, (const char *const *) owners, NULL, &error);
  else if (!no_compare)
    {
      TsTime before_from, before_to;

      ts_maturity_previous_span (from, to, &before_from, &before_to);
      other = ts_maturity_compute (dataset, playbook, before_from, before_to, (const char *const *) owners, NULL,
                                   &error);
    }
  if (!no_compare && other == NULL)
    return ts_cli_fail (g_steal_pointer (&error));

  if (json)
    print_json (maturity, other, other_playbook == NULL);
  else
    print_text (maturity, other, other_playbook == NULL, limit);
  return 0;
}

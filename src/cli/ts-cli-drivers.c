/* ts-cli-drivers.c — `touchstone-cli drivers`: the CX driver index per
 * period and per driver, alerts, impact on NPS and CSAT, and the moments
 * between a customer's changing answers
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

static void
print_json (TsDrivers *dr)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  TsDataset *ds = ts_drivers_get_dataset (dr);
  const TsDriverAlert *alerts;
  const TsDriverImpact *impact;
  const TsDriverStory *stories;
  guint n;

  json_builder_begin_object (b);
  ts_cli_json_string (b, "period", ts_driver_period_to_string (ts_drivers_get_period (dr)));
  ts_cli_json_time (b, "from", ts_drivers_get_from (dr));
  ts_cli_json_time (b, "to", ts_drivers_get_to (dr));
  ts_cli_json_int (b, "impact_window_days", ts_playbook_get_outcomes (ts_drivers_get_playbook (dr))->window_days);

  json_builder_set_member_name (b, "drivers");
  json_builder_begin_array (b);
  for (guint d = 0; d < ts_drivers_get_n_drivers (dr); d++)
    {
      const TsDriver *drv = ts_drivers_get_driver (dr, d);
      g_autofree char *filter = drv->filter ? ts_expr_to_string (drv->filter) : NULL;

      json_builder_begin_object (b);
      ts_cli_json_string (b, "id", drv->id);
      ts_cli_json_string (b, "label", drv->label ? drv->label : drv->id);
      ts_cli_json_string (b, "table", ts_table_get_name (drv->table));
      json_builder_set_member_name (b, "filter");
      filter ? json_builder_add_string_value (b, filter) : json_builder_add_null_value (b);
      ts_cli_json_string (b, "direction", ts_driver_direction_to_string (drv->direction));
      ts_cli_json_number (b, "weight", drv->weight);
      ts_cli_json_number (b, "alert_per_1000", drv->alert_per_1000);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "periods");
  json_builder_begin_array (b);
  for (guint p = 0; p < ts_drivers_get_n_periods (dr); p++)
    {
      const TsDriverQuestions *q = ts_drivers_get_questions (dr, p);
      g_autofree char *label = ts_drivers_dup_period_label (dr, p);

      json_builder_begin_object (b);
      ts_cli_json_string (b, "label", label);
      ts_cli_json_time (b, "start", ts_drivers_get_period_start (dr, p));
      ts_cli_json_time (b, "end", ts_drivers_get_period_end (dr, p));
      ts_cli_json_int (b, "customers", q->customers);
      ts_cli_json_number (b, "index", ts_drivers_get_index (dr, p));
      json_builder_set_member_name (b, "questions");
      json_builder_begin_object (b);
      ts_cli_json_number (b, "resolve_median_hours", q->resolve_median_hours);
      ts_cli_json_number (b, "resolve_p90_hours", q->resolve_p90_hours);
      ts_cli_json_int (b, "resolved_cases", q->resolved_cases);
      ts_cli_json_int (b, "cases_opened", q->cases_opened);
      ts_cli_json_int (b, "outages", q->outages);
      ts_cli_json_int (b, "outage_customers", q->outage_customers);
      ts_cli_json_int (b, "touches", q->touches);
      ts_cli_json_int (b, "contacts_this_year", q->contacts_this_year);
      ts_cli_json_number (b, "contacts_per_customer_this_year", q->contacts_per_customer_this_year);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "cells");
      json_builder_begin_array (b);
      for (guint d = 0; d < ts_drivers_get_n_drivers (dr); d++)
        {
          const TsDriverCell *c = ts_drivers_get_cell (dr, p, d);

          json_builder_begin_object (b);
          ts_cli_json_string (b, "driver", ts_drivers_get_driver (dr, d)->id);
          ts_cli_json_int (b, "moments", c->moments);
          ts_cli_json_int (b, "customers", c->customers);
          ts_cli_json_number (b, "per_1000", c->per_1000);
          json_builder_set_member_name (b, "alert");
          json_builder_add_boolean_value (b, c->alert);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "alerts");
  json_builder_begin_array (b);
  alerts = ts_drivers_get_alerts (dr, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = ts_drivers_dup_period_label (dr, alerts[i].period);

      json_builder_begin_object (b);
      ts_cli_json_string (b, "period", label);
      ts_cli_json_time (b, "start", ts_drivers_get_period_start (dr, alerts[i].period));
      ts_cli_json_string (b, "driver", ts_drivers_get_driver (dr, alerts[i].driver)->id);
      ts_cli_json_string (b, "direction", ts_driver_direction_to_string (ts_drivers_get_driver (dr, alerts[i].driver)->direction));
      ts_cli_json_number (b, "per_1000", alerts[i].per_1000);
      ts_cli_json_number (b, "threshold", alerts[i].threshold);
      ts_cli_json_int (b, "moments", alerts[i].moments);
      ts_cli_json_int (b, "customers", alerts[i].customers);
      json_builder_set_member_name (b, "examples");
      json_builder_begin_array (b);
      for (guint k = 0; k < alerts[i].n_examples; k++)
        {
          json_builder_begin_object (b);
          ts_cli_json_string (b, "customer_id", ts_dataset_get_customer_id (ds, alerts[i].examples[k].customer));
          ts_cli_json_time (b, "at", alerts[i].examples[k].at);
          ts_cli_json_string (b, "table", ts_table_get_name (ts_drivers_get_driver (dr, alerts[i].driver)->table));
          ts_cli_json_int (b, "row", alerts[i].examples[k].row);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "impact");
  json_builder_begin_array (b);
  impact = ts_drivers_get_impact (dr, &n);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (b);
      ts_cli_json_string (b, "driver", ts_drivers_get_driver (dr, impact[i].driver)->id);
      ts_cli_json_string (b, "direction", ts_driver_direction_to_string (ts_drivers_get_driver (dr, impact[i].driver)->direction));
      ts_cli_json_int (b, "exposed_customers", impact[i].exposed_customers);
      ts_cli_json_estimate (b, "exposed_nps", &impact[i].exposed_nps);
      ts_cli_json_estimate (b, "unexposed_nps", &impact[i].unexposed_nps);
      json_builder_set_member_name (b, "nps_difference");
      json_builder_begin_object (b);
      ts_cli_json_number (b, "value", impact[i].nps_difference);
      ts_cli_json_number (b, "low", impact[i].nps_difference_low);
      ts_cli_json_number (b, "high", impact[i].nps_difference_high);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "csat");
      json_builder_begin_object (b);
      ts_cli_json_number (b, "exposed_mean", impact[i].exposed_csat);
      ts_cli_json_int (b, "exposed_responses", impact[i].exposed_csat_n);
      ts_cli_json_number (b, "unexposed_mean", impact[i].unexposed_csat);
      ts_cli_json_int (b, "unexposed_responses", impact[i].unexposed_csat_n);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "stories");
  json_builder_begin_array (b);
  stories = ts_drivers_get_stories (dr, &n);
  for (guint i = 0; i < n; i++)
    {
      const TsDriverStory *s = &stories[i];

      json_builder_begin_object (b);
      ts_cli_json_string (b, "customer_id", ts_dataset_get_customer_id (ds, s->customer));
      ts_cli_json_string (b, "direction", ts_driver_story_direction_to_string (s->direction));
      json_builder_set_member_name (b, "from");
      json_builder_begin_object (b);
      ts_cli_json_time (b, "at", s->from_answer.at);
      ts_cli_json_number (b, "score", s->from_answer.score);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "to");
      json_builder_begin_object (b);
      ts_cli_json_time (b, "at", s->to_answer.at);
      ts_cli_json_number (b, "score", s->to_answer.score);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "moments");
      json_builder_begin_array (b);
      for (guint k = 0; k < s->n_moments; k++)
        {
          json_builder_begin_object (b);
          ts_cli_json_time (b, "at", s->moments[k].at);
          ts_cli_json_string (b, "driver", ts_drivers_get_driver (dr, s->moments[k].driver)->id);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  ts_cli_print_json (root);
}

/* a row per period and driver */
static void
print_csv (TsDrivers *dr)
{
  fputs ("period,start,customers,index,driver,direction,moments,driver_customers,per_1000,alert\n", stdout);
  for (guint p = 0; p < ts_drivers_get_n_periods (dr); p++)
    {
      g_autofree char *label = ts_drivers_dup_period_label (dr, p);
      g_autofree char *start = ts_timestamp_format_iso (ts_drivers_get_period_start (dr, p));

      for (guint d = 0; d < ts_drivers_get_n_drivers (dr); d++)
        {
          const TsDriverCell *c = ts_drivers_get_cell (dr, p, d);
          const TsDriver *drv = ts_drivers_get_driver (dr, d);

          printf ("%s,%s,%u", label, start, ts_drivers_get_questions (dr, p)->customers);
          ts_cli_csv_number (ts_drivers_get_index (dr, p));
          printf (",%s,%s,%u,%u", drv->id, ts_driver_direction_to_string (drv->direction), c->moments, c->customers);
          ts_cli_csv_number (c->per_1000);
          printf (",%s\n", c->alert ? "true" : "false");
        }
    }
}

static void
print_text (TsDrivers *dr,
            guint      limit)
{
  TsDataset *ds = ts_drivers_get_dataset (dr);
  g_autofree char *from = ts_timestamp_format_iso (ts_drivers_get_from (dr));
  g_autofree char *to = ts_timestamp_format_iso (ts_drivers_get_to (dr));
  const TsDriverAlert *alerts;
  const TsDriverImpact *impact;
  const TsDriverStory *stories;
  guint n;

  if (ts_drivers_get_period (dr) == TS_DRIVER_PERIOD_MONTH)
    ts_cli_print (_("CX driver index by month, from %s to %s (moments per 1,000 customers)\n\n"), from, to);
  else
    ts_cli_print (_("CX driver index by week, from %s to %s (moments per 1,000 customers)\n\n"), from, to);
  ts_cli_print ("  %-9s %6s %8s %9s %9s %6s %9s", _("period"), _("cust."), _("index"), _("resolve h"), _("outages"),
           C_("column", "touch"), _("contacts"));
  for (guint d = 0; d < ts_drivers_get_n_drivers (dr); d++)
    ts_cli_print (" %6.6s", ts_drivers_get_driver (dr, d)->id);
  ts_cli_print ("\n");
  for (guint p = 0; p < ts_drivers_get_n_periods (dr); p++)
    {
      const TsDriverQuestions *q = ts_drivers_get_questions (dr, p);
      g_autofree char *label = ts_drivers_dup_period_label (dr, p);
      g_autofree char *index = ts_cli_format (ts_drivers_get_index (dr, p), "%.0f");
      g_autofree char *resolve = ts_cli_format (q->resolve_median_hours, "%.1f");
      g_autofree char *contacts = ts_cli_format (q->contacts_per_customer_this_year, "%.2f");

      ts_cli_print ("  %-9s %6u %8s %9s %9u %6u %9s", label, q->customers, index, resolve, q->outages, q->touches, contacts);
      for (guint d = 0; d < ts_drivers_get_n_drivers (dr); d++)
        {
          const TsDriverCell *c = ts_drivers_get_cell (dr, p, d);
          g_autofree char *v = ts_cli_format (c->per_1000, "%.0f");
          ts_cli_print (" %5s%s", v, c->alert ? "!" : " ");
        }
      ts_cli_print ("\n");
    }
  ts_cli_print (_("  (! an alert; resolve h: median hours to resolve; contacts: touches and cases per customer this year)\n"));

  alerts = ts_drivers_get_alerts (dr, &n);
  ts_cli_print (_("\nAlerts: %u\n"), n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = ts_drivers_dup_period_label (dr, alerts[i].period);
      const TsDriver *drv = ts_drivers_get_driver (dr, alerts[i].driver);

      ts_cli_print (_("  %-9s %-22s %7.1f per 1,000 (threshold %g): %u moments, %u customers, e.g. %s\n"), label,
               drv->label ? drv->label : drv->id, alerts[i].per_1000, alerts[i].threshold, alerts[i].moments,
               alerts[i].customers, alerts[i].n_examples ? ts_dataset_get_customer_id (ds, alerts[i].examples[0].customer) : "–");
    }

  impact = ts_drivers_get_impact (dr, &n);
  ts_cli_print (_("\nImpact on NPS: answers of customers exposed to the driver in the %u days before vs the others\n"),
           ts_playbook_get_outcomes (ts_drivers_get_playbook (dr))->window_days);
  for (guint i = 0; i < n; i++)
    {
      const TsDriver *drv = ts_drivers_get_driver (dr, impact[i].driver);
      g_autofree char *e = ts_cli_format (impact[i].exposed_nps.value, "%.0f");
      g_autofree char *u = ts_cli_format (impact[i].unexposed_nps.value, "%.0f");
      g_autofree char *diff = isnan (impact[i].nps_difference) ? g_strdup ("–")
                              : g_strdup_printf ("%+.0f [%+.0f, %+.0f]", impact[i].nps_difference,
                                                 impact[i].nps_difference_low, impact[i].nps_difference_high);

      ts_cli_print (_("  %-22s exposed %5s (n=%u)  others %5s (n=%u)  difference %s\n"), drv->label ? drv->label : drv->id,
               e, impact[i].exposed_nps.n, u, impact[i].unexposed_nps.n, diff);
    }

  stories = ts_drivers_get_stories (dr, &n);
  ts_cli_print (_("\nMoments that matter: %u answers moved between promoter and detractor\n"), n);
  for (guint i = 0; i < MIN (n, limit); i++)
    {
      const TsDriverStory *s = &stories[i];
      g_autofree char *a = ts_timestamp_format_iso (s->from_answer.at);
      g_autofree char *b = ts_timestamp_format_iso (s->to_answer.at);
      g_autoptr(GString) between = g_string_new (NULL);

      guint shown = 0, raising = 0, more = 0;

      /* the lowering moments on the timeline; the raising ones counted */
      for (guint k = 0; k < s->n_moments; k++)
        {
          const TsDriver *drv = ts_drivers_get_driver (dr, s->moments[k].driver);
          g_autofree char *at = NULL;

          if (drv->direction == TS_DRIVER_RAISES)
            {
              raising++;
              continue;
            }
          if (shown == 6)
            {
              more++;
              continue;
            }
          at = ts_timestamp_format_iso (s->moments[k].at);
          g_string_append_printf (between, "%s%.10s %s", shown++ ? ", " : "", at, drv->id);
        }
      if (more)
        g_string_append_printf (between, _(" and %u more"), more);
      if (raising)
        g_string_append_printf (between, ngettext ("%s%u raising moment", "%s%u raising moments", raising),
                                between->len ? "; " : "", raising);
      ts_cli_print ("  %-12s %.10s %2.0f → %.10s %2.0f  %s\n", ts_dataset_get_customer_id (ds, s->customer), a, s->from_answer.score, b,
               s->to_answer.score, between->len ? between->str : _("no driver moments between"));
    }
  if (n > limit)
    ts_cli_print (_("  … and %u more (--json lists them all)\n"), n - limit);
}

int
ts_cli_drivers (int    argc,
                char **argv)
{
  gboolean json = FALSE, csv = FALSE, demo = FALSE, quiet = FALSE;
  int limit = 10;
  g_autofree char *workspace_path = NULL;
  g_autofree char *playbook_path = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Index a workspace's sources with its playbook"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Index the bundled demo workspace"), NULL },
    { "playbook", 'p', 0, G_OPTION_ARG_FILENAME, &playbook_path, N_("The playbook (default: the workspace's, else the bundled one)"), N_("PLAYBOOK.json") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, N_("week or month (default week)"), N_("PERIOD") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first day (default: the data's first record)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The end, not included (default: the midnight after the data's last record)"), N_("YYYY-MM-DD") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("How many stories to list in text (default 10)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV, a row per period and driver"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("drivers", N_("PATH…"),
                               _("Counts the moments that lower and raise satisfaction, per week or month and per "
                                 "driver of the playbook: per 1,000 customers, the weighted index, the alerts over "
                                 "thresholds, how long resolving takes, the outages and the contacts this year; the "
                                 "NPS of customers exposed to each driver against the others; and the customers "
                                 "whose answers moved between promoter and detractor, with the moments between."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) playbook = NULL;
  g_autoptr(TsDataset) dataset = NULL;
  g_autoptr(TsDrivers) drivers = NULL;
  TsDriverPeriod period = TS_DRIVER_PERIOD_WEEK;
  TsTime from = TS_TIME_NULL, to = TS_TIME_NULL;
  int status;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (json && csv)
    return ts_cli_usage_error (context, _("give --json or --csv, not both"));
  if (limit < 0)
    return ts_cli_usage_error (context, _("--limit must be 0 or more"));
  if (period_text && g_str_equal (period_text, "month"))
    period = TS_DRIVER_PERIOD_MONTH;
  else if (period_text && !g_str_equal (period_text, "week"))
    return ts_cli_usage_error (context, _("--period is week or month, not “%s”"), period_text);
  if ((status = ts_cli_parse_span (context, from_text, to_text, &from, &to)) != 0 ||
      (status = ts_cli_load_data (context, "drivers", demo, workspace_path, playbook_path, &paths,
                                  quiet || json || csv, &playbook, &dataset)) != 0)
    return status;
  drivers = ts_drivers_compute (dataset, playbook, period, from, to, NULL, &error);
  if (drivers == NULL)
    return ts_cli_fail (g_steal_pointer (&error));

  if (json)
    print_json (drivers);
  else if (csv)
    print_csv (drivers);
  else
    print_text (drivers, (guint) limit);
  return 0;
}

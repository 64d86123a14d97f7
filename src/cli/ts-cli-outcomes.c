/* ts-cli-outcomes.c — `touchstone-cli outcomes`: what happened after the
 * decisions, by band and by route; governance, drift, comparisons
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

#define DAY ((TsTime) 86400 * G_USEC_PER_SEC)

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

static void
add_group_json (JsonBuilder          *b,
                const char           *key,
                const TsOutcomeGroup *g)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, g->label);
  ts_cli_json_int (b, "customers", g->customers);

  json_builder_set_member_name (b, "nps");
  json_builder_begin_object (b);
  ts_cli_json_number (b, "value", g->nps.value);
  ts_cli_json_number (b, "low", g->nps.low);
  ts_cli_json_number (b, "high", g->nps.high);
  ts_cli_json_int (b, "responses", g->nps.n);
  ts_cli_json_int (b, "promoters", g->promoters);
  ts_cli_json_int (b, "passives", g->passives);
  ts_cli_json_int (b, "detractors", g->detractors);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "csat");
  json_builder_begin_object (b);
  ts_cli_json_number (b, "mean", g->csat_mean);
  ts_cli_json_number (b, "satisfied_pct", g->csat_satisfied_pct);
  ts_cli_json_int (b, "responses", g->csat_n);
  json_builder_end_object (b);

  ts_cli_json_number (b, "churn_rate", g->churn_rate);
  ts_cli_json_int (b, "churned", g->churned);
  ts_cli_json_int (b, "active", g->active);
  ts_cli_json_number (b, "retention_rate", g->retention_rate);

  json_builder_set_member_name (b, "ttr_hours");
  json_builder_begin_object (b);
  ts_cli_json_number (b, "median", g->ttr_median_hours);
  ts_cli_json_number (b, "p90", g->ttr_p90_hours);
  ts_cli_json_int (b, "cases", g->ttr_cases);
  json_builder_end_object (b);

  ts_cli_json_number (b, "deflection_rate", g->deflection_rate);
  ts_cli_json_int (b, "self_service_resolutions", g->self_service_resolutions);
  ts_cli_json_int (b, "deflection_attempts", g->deflection_attempts);
  ts_cli_json_number (b, "onboarding_rate", g->onboarding_rate);
  ts_cli_json_int (b, "onboarding_customers", g->onboarding_n);
  ts_cli_json_number (b, "complaint_rate", g->complaint_rate);
  ts_cli_json_int (b, "complained", g->complained);
  ts_cli_json_number (b, "unsubscribe_rate", g->unsubscribe_rate);
  ts_cli_json_int (b, "unsubscribed", g->unsubscribed);
  ts_cli_json_number (b, "touches_per_customer", g->touches_per_customer);
  ts_cli_json_int (b, "touches", g->touches);
  json_builder_end_object (b);
}

static void
add_harms_json (JsonBuilder *b,
                TsHarm       harms)
{
  static const char *const names[] = { "complaint", "unsubscribe", "detractor", "churn", "escalation" };

  json_builder_set_member_name (b, "harms");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (harms & (1u << i))
      json_builder_add_string_value (b, names[i]);
  json_builder_end_array (b);
}

static void
add_governance_json (JsonBuilder            *b,
                     TsOutcomes             *o,
                     const char             *name,
                     const TsGovernanceItem *items,
                     guint                   n)
{
  TsScores *scores = ts_outcomes_get_scores (o);
  TsDataset *ds = ts_scores_get_dataset (scores);
  TsPlaybook *pb = ts_scores_get_playbook (scores);

  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *at = ts_timestamp_format_iso (items[i].at);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "customer_id");
      json_builder_add_string_value (b, ts_dataset_get_customer_id (ds, items[i].customer));
      json_builder_set_member_name (b, "at");
      json_builder_add_string_value (b, at);
      json_builder_set_member_name (b, "band");
      json_builder_add_string_value (b, ts_scores_get_band (scores, items[i].customer)->id);
      json_builder_set_member_name (b, "route");
      json_builder_add_string_value (b, ts_playbook_get_route (pb, ts_outcomes_get_customer_route (o, items[i].customer))->id);
      add_harms_json (b, items[i].harms);
      ts_cli_json_int (b, "touches", items[i].touches);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, items[i].reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_drift_json (JsonBuilder *b,
                TsDrift     *drift)
{
  g_autofree char *from = ts_timestamp_format_iso (ts_drift_get_before (drift));
  g_autofree char *to = ts_timestamp_format_iso (ts_drift_get_after (drift));

  json_builder_set_member_name (b, "drift");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, to);
  json_builder_set_member_name (b, "score");
  json_builder_begin_object (b);
  ts_cli_json_number (b, "psi", ts_drift_get_score (drift)->psi);
  json_builder_set_member_name (b, "verdict");
  json_builder_add_string_value (b, ts_drift_get_score (drift)->verdict);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "signals");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_drift_get_n_signals (drift); i++)
    {
      const TsDriftItem *d = ts_drift_get_signal (drift, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, d->id);
      ts_cli_json_number (b, "psi", d->psi);
      json_builder_set_member_name (b, "verdict");
      json_builder_add_string_value (b, d->verdict);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* the groups of one run: all, bands, routes, holdout */
static void
add_run_json (JsonBuilder *b,
              TsOutcomes  *o)
{
  g_autofree char *as_of = ts_timestamp_format_iso (ts_outcomes_get_as_of (o));
  const TsOutcomeGroup *treated, *held_out;
  const TsOutcomeRules *rules = ts_playbook_get_outcomes (ts_scores_get_playbook (ts_outcomes_get_scores (o)));

  json_builder_set_member_name (b, "as_of");
  json_builder_add_string_value (b, as_of);
  ts_cli_json_int (b, "window_days", ts_outcomes_get_window_days (o));
  json_builder_set_member_name (b, "all");
  add_group_json (b, "group", ts_outcomes_get_all (o));
  json_builder_set_member_name (b, "bands");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_outcomes_get_n_bands (o); i++)
    add_group_json (b, "band", ts_outcomes_get_band (o, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "routes");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_outcomes_get_n_routes (o); i++)
    add_group_json (b, "route", ts_outcomes_get_route (o, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "holdout");
  if (ts_outcomes_get_holdout (o, &treated, &held_out))
    {
      json_builder_begin_object (b);
      ts_cli_json_number (b, "share", rules->holdout);
      json_builder_set_member_name (b, "salt");
      json_builder_add_string_value (b, rules->holdout_salt);
      json_builder_set_member_name (b, "treated");
      add_group_json (b, "group", treated);
      json_builder_set_member_name (b, "held_out");
      add_group_json (b, "group", held_out);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
}

static void
add_comparison_json (JsonBuilder  *b,
                     TsComparison *cmp)
{
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_comparison_get_n_rows (cmp); i++)
    {
      const TsComparisonRow *r = ts_comparison_get_row (cmp, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, ts_outcome_group_kind_to_string (r->kind));
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, r->group);
      json_builder_set_member_name (b, "kpi");
      json_builder_add_string_value (b, r->kpi);
      ts_cli_json_number (b, "a", r->a);
      ts_cli_json_number (b, "b", r->b);
      ts_cli_json_number (b, "delta", r->delta);
      ts_cli_json_number (b, "low", r->low);
      ts_cli_json_number (b, "high", r->high);
      ts_cli_json_number (b, "p", r->p);
      json_builder_set_member_name (b, "significant");
      json_builder_add_boolean_value (b, r->significant);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_json (TsOutcomes   *o,
            TsDrift      *drift,
            TsComparison *cmp)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const TsGovernanceItem *items;
  const TsCalibration *cal;
  guint n;

  json_builder_begin_object (b);
  add_run_json (b, o);

  json_builder_set_member_name (b, "governance");
  json_builder_begin_object (b);
  ts_cli_json_int (b, "false_positive_days",
           ts_playbook_get_outcomes (ts_scores_get_playbook (ts_outcomes_get_scores (o)))->false_positive_days);
  items = ts_outcomes_get_false_positives (o, &n);
  add_governance_json (b, o, "false_positives", items, n);
  items = ts_outcomes_get_false_negatives (o, &n);
  add_governance_json (b, o, "false_negatives", items, n);
  json_builder_end_object (b);

  if (drift)
    add_drift_json (b, drift);

  json_builder_set_member_name (b, "calibration");
  json_builder_begin_array (b);
  cal = ts_outcomes_calibration (o, &n);
  for (guint i = 0; i < n; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kpi");
      json_builder_add_string_value (b, cal[i].kpi);
      json_builder_set_member_name (b, "expected");
      json_builder_add_string_value (b, cal[i].direction > 0 ? "rises" : "falls");
      json_builder_set_member_name (b, "monotone");
      json_builder_add_boolean_value (b, cal[i].monotone);
      ts_cli_json_int (b, "bands", cal[i].bands);
      json_builder_set_member_name (b, "note");
      cal[i].note ? json_builder_add_string_value (b, cal[i].note) : json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  if (cmp)
    {
      json_builder_set_member_name (b, "compare");
      json_builder_begin_object (b);
      add_run_json (b, ts_comparison_get_b (cmp));
      add_comparison_json (b, cmp);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  ts_cli_print_json (root);
}

/* ------------------------------------------------------------------ */
/* CSV: a row per group                                                */
/* ------------------------------------------------------------------ */

static void
csv_group (const char           *run,
           const char           *kind,
           const TsOutcomeGroup *g)
{
  printf ("%s,%s,%s,%u", run, kind, g->label, g->customers);
  ts_cli_csv_number (g->nps.value);
  ts_cli_csv_number (g->nps.low);
  ts_cli_csv_number (g->nps.high);
  printf (",%u", g->nps.n);
  ts_cli_csv_number (g->csat_mean);
  ts_cli_csv_number (g->csat_satisfied_pct);
  printf (",%u", g->csat_n);
  ts_cli_csv_number (g->churn_rate);
  printf (",%u", g->churned);
  ts_cli_csv_number (g->retention_rate);
  ts_cli_csv_number (g->ttr_median_hours);
  ts_cli_csv_number (g->ttr_p90_hours);
  printf (",%u", g->ttr_cases);
  ts_cli_csv_number (g->deflection_rate);
  printf (",%u", g->deflection_attempts);
  ts_cli_csv_number (g->onboarding_rate);
  printf (",%u", g->onboarding_n);
  ts_cli_csv_number (g->complaint_rate);
  ts_cli_csv_number (g->unsubscribe_rate);
  ts_cli_csv_number (g->touches_per_customer);
  putchar ('\n');
}

static void
csv_run (const char *run,
         TsOutcomes *o)
{
  const TsOutcomeGroup *treated, *held_out;

  csv_group (run, "all", ts_outcomes_get_all (o));
  for (guint i = 0; i < ts_outcomes_get_n_bands (o); i++)
    csv_group (run, "band", ts_outcomes_get_band (o, i));
  for (guint i = 0; i < ts_outcomes_get_n_routes (o); i++)
    csv_group (run, "route", ts_outcomes_get_route (o, i));
  if (ts_outcomes_get_holdout (o, &treated, &held_out))
    {
      csv_group (run, "holdout", treated);
      csv_group (run, "holdout", held_out);
    }
}

static void
print_csv (TsOutcomes *a,
           TsOutcomes *b)
{
  fputs ("run,kind,group,customers,nps,nps_low,nps_high,nps_responses,csat_mean,csat_satisfied_pct,"
         "csat_responses,churn_rate,churned,retention_rate,ttr_median_hours,ttr_p90_hours,ttr_cases,"
         "deflection_rate,deflection_attempts,onboarding_rate,onboarding_customers,complaint_rate,"
         "unsubscribe_rate,touches_per_customer\n", stdout);
  csv_run ("a", a);
  if (b)
    csv_run ("b", b);
}

/* ------------------------------------------------------------------ */
/* Text                                                                */
/* ------------------------------------------------------------------ */

static void
print_group_row (const TsOutcomeGroup *g)
{
  g_autofree char *nps = g->nps.n ? g_strdup_printf ("%.0f [%.0f, %.0f] n=%u", g->nps.value, g->nps.low,
                                                     g->nps.high, g->nps.n)
                                  : g_strdup (_("no responses"));
  g_autofree char *csat = g->csat_n ? g_strdup_printf ("%.2f %.0f%% n=%u", g->csat_mean, g->csat_satisfied_pct, g->csat_n)
                                    : g_strdup ("–");
  g_autofree char *churn = ts_cli_format (100 * g->churn_rate, "%.1f%%");
  g_autofree char *ttr = g->ttr_cases ? g_strdup_printf ("%.0f/%.0f h n=%u", g->ttr_median_hours, g->ttr_p90_hours, g->ttr_cases)
                                      : g_strdup (_("no closed cases"));
  g_autofree char *defl = ts_cli_format (100 * g->deflection_rate, "%.0f%%");
  g_autofree char *onb = ts_cli_format (100 * g->onboarding_rate, "%.0f%%");
  g_autofree char *compl = ts_cli_format (100 * g->complaint_rate, "%.1f%%");
  g_autofree char *unsub = ts_cli_format (100 * g->unsubscribe_rate, "%.1f%%");
  g_autofree char *touches = ts_cli_format (g->touches_per_customer, "%.2f");

  ts_cli_print ("  %-14s %6u  %-22s %-16s %6s  %-18s %6s %6s %6s %6s %7s\n", g->label, g->customers, nps, csat, churn,
           ttr, defl, onb, compl, unsub, touches);
}

static void
print_groups (TsOutcomes *o)
{
  g_autofree char *as_of = ts_timestamp_format_iso (ts_outcomes_get_as_of (o));
  g_autofree char *end = ts_timestamp_format_iso (ts_outcomes_get_as_of (o) +
                                                  (TsTime) ts_outcomes_get_window_days (o) * DAY);
  const TsOutcomeGroup *treated, *held_out;
  const char *header = _("  %-14s %6s  %-22s %-16s %6s  %-18s %6s %6s %6s %6s %7s\n");
  /* xgettext:no-c-format */
  const char *csat = _("CSAT sat% n");

  ts_cli_print (_("Outcomes of the decisions as of %s, in the %u days after (to %s)\n\n"), as_of,
           ts_outcomes_get_window_days (o), end);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  ts_cli_print (header, _("band"), _("cust."), _("NPS [95%] answers"), csat, _("churn"),
           _("TTR med/p90"), _("defl."), _("onbd."), _("compl."), _("unsub."), _("touch/c"));
  print_group_row (ts_outcomes_get_all (o));
  for (guint i = 0; i < ts_outcomes_get_n_bands (o); i++)
    print_group_row (ts_outcomes_get_band (o, i));
  ts_cli_print ("\n");
  ts_cli_print (header, _("route"), "", "", "", "", "", "", "", "", "", "");
#pragma GCC diagnostic pop
  for (guint i = 0; i < ts_outcomes_get_n_routes (o); i++)
    print_group_row (ts_outcomes_get_route (o, i));
  if (ts_outcomes_get_holdout (o, &treated, &held_out))
    {
      ts_cli_print (_("\nHoldout (customers the playbook would touch)\n"));
      print_group_row (treated);
      print_group_row (held_out);
    }
}

static void
print_governance (TsOutcomes *o,
                  guint       limit)
{
  TsDataset *ds = ts_scores_get_dataset (ts_outcomes_get_scores (o));
  const TsGovernanceItem *items;
  guint n;

  items = ts_outcomes_get_false_positives (o, &n);
  ts_cli_print (_("\nOver-contacted (false positives): %u\n"), n);
  for (guint i = 0; i < MIN (n, limit); i++)
    ts_cli_print ("  %-36s %s\n", ts_dataset_get_customer_id (ds, items[i].customer), items[i].reason);
  if (n > limit)
    ts_cli_print (_("  … and %u more (--json lists them all)\n"), n - limit);

  items = ts_outcomes_get_false_negatives (o, &n);
  ts_cli_print (_("\nMissed help moments (false negatives): %u\n"), n);
  for (guint i = 0; i < MIN (n, limit); i++)
    ts_cli_print ("  %-36s %s\n", ts_dataset_get_customer_id (ds, items[i].customer), items[i].reason);
  if (n > limit)
    ts_cli_print (_("  … and %u more (--json lists them all)\n"), n - limit);
}

static void
print_drift_and_calibration (TsOutcomes *o,
                             TsDrift    *drift)
{
  const TsCalibration *cal;
  guint n;

  if (drift)
    {
      g_autofree char *from = ts_timestamp_format_iso (ts_drift_get_before (drift));

      ts_cli_print (_("\nScore drift since %s (PSI): score %.3f %s\n"), from, ts_drift_get_score (drift)->psi,
               ts_stats_psi_verdict_describe (ts_drift_get_score (drift)->verdict));
      for (guint i = 0; i < ts_drift_get_n_signals (drift); i++)
        ts_cli_print ("  %-16s %.3f %s\n", ts_drift_get_signal (drift, i)->id, ts_drift_get_signal (drift, i)->psi,
                 ts_stats_psi_verdict_describe (ts_drift_get_signal (drift, i)->verdict));
    }
  cal = ts_outcomes_calibration (o, &n);
  ts_cli_print (_("\nCalibration across bands:\n"));
  for (guint i = 0; i < n; i++)
    ts_cli_print ("  %-20s %s\n", cal[i].kpi,
             cal[i].note ? cal[i].note : (cal[i].direction > 0 ? _("rises with the band, as expected")
                                                     : _("falls with the band, as expected")));
}

static void
print_comparison (TsComparison *cmp)
{
  g_autofree char *a = ts_timestamp_format_iso (ts_outcomes_get_as_of (ts_comparison_get_a (cmp)));
  g_autofree char *b = ts_timestamp_format_iso (ts_outcomes_get_as_of (ts_comparison_get_b (cmp)));
  /* xgettext:no-c-format */
  const char *interval = _("95% interval");

  ts_cli_print (_("\nComparison: a as of %s, b as of %s (* significant at 5%%)\n"), a, b);
  ts_cli_print (_("  %-8s %-14s %-22s %10s %10s %10s  %-22s %8s\n"), _("kind"), _("group"), _("kpi"), "a", "b",
           _("delta"), interval, "p");
  for (guint i = 0; i < ts_comparison_get_n_rows (cmp); i++)
    {
      const TsComparisonRow *r = ts_comparison_get_row (cmp, i);
      g_autofree char *va = ts_cli_format (r->a, "%.3g");
      g_autofree char *vb = ts_cli_format (r->b, "%.3g");
      g_autofree char *vd = ts_cli_format (r->delta, "%+.3g");
      g_autofree char *iv = isnan (r->low) ? g_strdup ("") : g_strdup_printf ("[%.3g, %.3g]", r->low, r->high);
      g_autofree char *p = ts_cli_format (r->p, "%.3g");

      if (g_str_equal (r->kpi, "customers") && r->kind != TS_OUTCOME_GROUP_ALL)
        continue;
      ts_cli_print ("  %-8s %-14s %-22s %10s %10s %10s  %-22s %8s%s\n", ts_outcome_group_kind_to_string (r->kind),
               r->group, r->kpi, va, vb, vd, iv, p, r->significant ? " *" : "");
    }
}

/* ------------------------------------------------------------------ */

int
ts_cli_outcomes (int    argc,
                 char **argv)
{
  gboolean json = FALSE, csv = FALSE, demo = FALSE, quiet = FALSE;
  int window_days = 0, limit = 10;
  g_autofree char *workspace_path = NULL;
  g_autofree char *playbook_path = NULL;
  g_autofree char *compare_playbook_path = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *compare_as_of_text = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Review a workspace's sources with its playbook"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Review the bundled demo workspace"), NULL },
    { "playbook", 'p', 0, G_OPTION_ARG_FILENAME, &playbook_path, N_("The playbook (default: the workspace's, else the bundled one)"), N_("PLAYBOOK.json") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("The moment decided; outcomes are read in the window after it (default: the window before the latest record)"), N_("YYYY-MM-DD[THH:MM]") },
    { "window-days", 0, 0, G_OPTION_ARG_INT, &window_days, N_("The outcome window (default: the playbook's, 90)"), N_("N") },
    { "compare-playbook", 0, 0, G_OPTION_ARG_FILENAME, &compare_playbook_path, N_("Compare with another playbook on the same data"), N_("PLAYBOOK.json") },
    { "compare-as-of", 0, 0, G_OPTION_ARG_STRING, &compare_as_of_text, N_("Compare with another moment: before/after"), N_("YYYY-MM-DD[THH:MM]") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("How many governance findings to list in text (default 10)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV, a row per group"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("outcomes", N_("PATH…"),
                               _("Decides every customer as of a moment and reads what happened in the window "
                                 "after it, by band and by route: NPS and CSAT, churn, time to resolution, "
                                 "deflection, onboarding, complaints, unsubscribes and touches; the over-contacted "
                                 "and the missed help moments; score drift and band calibration; and two runs "
                                 "side by side."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = NULL;
  g_autoptr(TsPlaybook) playbook = NULL;
  g_autoptr(TsPlaybook) other_playbook = NULL;
  g_autoptr(TsDataset) dataset = NULL;
  g_autoptr(TsScores) scores = NULL;
  g_autoptr(TsScores) other_scores = NULL;
  g_autoptr(TsScores) before_scores = NULL;
  g_autoptr(TsOutcomes) outcomes = NULL;
  g_autoptr(TsOutcomes) other = NULL;
  g_autoptr(TsComparison) cmp = NULL;
  g_autoptr(TsDrift) drift = NULL;
  TsTime as_of = 0, compare_as_of = 0;
  guint window;
  int status;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (demo && workspace_path)
    return ts_cli_usage_error (context, _("give --workspace or --demo, not both"));
  if (json && csv)
    return ts_cli_usage_error (context, _("give --json or --csv, not both"));
  if (compare_playbook_path && compare_as_of_text)
    return ts_cli_usage_error (context, _("compare with another playbook or another moment, not both"));
  if (window_days < 0 || window_days > 3660)
    return ts_cli_usage_error (context, _("--window-days must be from 1 to 3660"));
  if (limit < 0)
    return ts_cli_usage_error (context, _("--limit must be 0 or more"));
  if (as_of_text && !ts_cli_parse_time (as_of_text, &as_of))
    return ts_cli_usage_error (context, _("--as-of “%s” is not a date or time such as 2025-06-30 or 2025-06-30T14:00Z"),
                               as_of_text);
  if (compare_as_of_text && !ts_cli_parse_time (compare_as_of_text, &compare_as_of))
    return ts_cli_usage_error (context, _("--compare-as-of “%s” is not a date or time such as 2025-06-30 or 2025-06-30T14:00Z"),
                               compare_as_of_text);

  playbook = ts_cli_load_playbook (playbook_path, demo, workspace_path, NULL, &error);
  if (playbook == NULL)
    return ts_cli_fail (g_steal_pointer (&error));
  if (compare_playbook_path && (other_playbook = ts_playbook_new_from_file (compare_playbook_path, &error)) == NULL)
    return ts_cli_fail (g_steal_pointer (&error));

  if ((status = ts_cli_gather_sources (context, "outcomes", demo, workspace_path, &paths, &mapping)) != 0)
    return status;

  dataset = ts_cli_import ((const char *const *) paths, mapping, quiet || json || csv, &status);
  if (dataset == NULL)
    return status;

  window = window_days ? (guint) window_days : ts_playbook_get_outcomes (playbook)->window_days;
  /* by default, the last full window the data holds */
  if (as_of_text == NULL)
    as_of = ts_scorer_default_as_of (dataset) - (TsTime) window * DAY;

  if ((scores = ts_scorer_run (dataset, playbook, as_of, NULL, &error)) == NULL ||
      (outcomes = ts_outcomes_compute (scores, window, NULL, &error)) == NULL)
    return ts_cli_fail (g_steal_pointer (&error));

  if (compare_playbook_path || compare_as_of_text)
    {
      other_scores = ts_scorer_run (dataset, other_playbook ? other_playbook : playbook,
                                    compare_as_of_text ? compare_as_of : as_of, NULL, &error);
      if (other_scores == NULL ||
          (other = ts_outcomes_compute (other_scores, window, NULL, &error)) == NULL)
        return ts_cli_fail (g_steal_pointer (&error));
      cmp = ts_outcomes_compare (outcomes, other);
    }
  /* drift: against the other moment, else against the window before */
  if (compare_as_of_text)
    drift = compare_as_of >= as_of ? ts_outcomes_drift (scores, other_scores) : ts_outcomes_drift (other_scores, scores);
  else
    {
      before_scores = ts_scorer_run (dataset, playbook, as_of - (TsTime) window * DAY, NULL, &error);
      if (before_scores == NULL)
        return ts_cli_fail (g_steal_pointer (&error));
      drift = ts_outcomes_drift (before_scores, scores);
    }

  if (json)
    print_json (outcomes, drift, cmp);
  else if (csv)
    print_csv (outcomes, other);
  else
    {
      print_groups (outcomes);
      print_governance (outcomes, (guint) limit);
      print_drift_and_calibration (outcomes, drift);
      if (cmp)
        print_comparison (cmp);
    }
  return 0;
}

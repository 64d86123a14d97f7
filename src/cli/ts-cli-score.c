/* ts-cli-score.c — `touchstone-cli score`: every customer's explained score
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
add_decision_json (JsonBuilder      *b,
                   TsPlaybook       *pb,
                   const TsDecision *d)
{
  const TsRoute *r = ts_playbook_get_route (pb, d->route);

  json_builder_set_member_name (b, "guardrails");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, ts_playbook_get_guardrail (pb, i)->id);
      json_builder_set_member_name (b, "verdict");
      json_builder_add_string_value (b, d->verdicts[i].blocks ? "block" : "pass");
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, d->verdicts[i].reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "route");
  json_builder_begin_object (b);
  ts_cli_add_route_members (b, r);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "pitch");
  json_builder_add_boolean_value (b, d->pitch);
  json_builder_set_member_name (b, "held_back");
  json_builder_add_boolean_value (b, d->held_back);
}

static void
add_customer_json (JsonBuilder      *b,
                   TsDataset        *ds,
                   TsScores         *scores,
                   guint             c,
                   const TsDecision *decision)
{
  TsPlaybook *pb = ts_scores_get_playbook (scores);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "customer_id");
  json_builder_add_string_value (b, ts_dataset_get_customer_id (ds, c));
  json_builder_set_member_name (b, "score");
  json_builder_add_double_value (b, ts_scores_get_score (scores, c));
  json_builder_set_member_name (b, "band");
  json_builder_add_string_value (b, ts_scores_get_band (scores, c)->id);
  json_builder_set_member_name (b, "signals");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    {
      const TsSignal *s = ts_playbook_get_signal (pb, i);
      const TsSignalValue *v = ts_scores_get_signal (scores, c, i);
      g_autofree char *why = ts_scores_explain_signal (scores, c, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, s->id);
      json_builder_set_member_name (b, "raw");
      if (isnan (v->raw))
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, v->raw);
      json_builder_set_member_name (b, "value");
      json_builder_add_double_value (b, v->value);
      json_builder_set_member_name (b, "weight");
      json_builder_add_double_value (b, s->weight);
      json_builder_set_member_name (b, "contribution");
      json_builder_add_double_value (b, v->contribution);
      json_builder_set_member_name (b, "explanation");
      json_builder_add_string_value (b, why);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (decision)
    add_decision_json (b, pb, decision);
  json_builder_end_object (b);
}

/* ",%.17g": the same text, without printf's cost for the whole numbers
 * (most of a score table: zeros, counts) */
static void
append_csv_number (GString *out,
                   double   v)
{
  if (v == trunc (v) && fabs (v) < 1e15 && !(v == 0 && signbit (v)))
    {
      char buf[24], *p = buf + sizeof buf;
      guint64 u = (guint64) fabs (v);

      do
        *--p = (char) ('0' + u % 10);
      while ((u /= 10) != 0);
      if (v < 0)
        *--p = '-';
      *--p = ',';
      g_string_append_len (out, p, buf + sizeof buf - p);
    }
  else
    {
      char buf[32];
      int len = snprintf (buf, sizeof buf, ",%.17g", v);

      g_string_append_len (out, buf, MIN (len, (int) sizeof buf - 1));
    }
}

#define CSV_PIECES 32

typedef struct
{
  TsDataset   *ds;
  TsScores    *scores;
  const guint *order;
  guint        n;
  GString     *text[CSV_PIECES];   /* the rows of each piece */
  gint         next;               /* the next piece to format (atomic) */
} CsvRows;

/* Formats pieces of the rows, taking them in turn with the other threads. */
static gpointer
format_csv_rows (gpointer data)
{
  CsvRows *rows = data;
  TsPlaybook *pb = ts_scores_get_playbook (rows->scores);
  guint n_signals = ts_playbook_get_n_signals (pb);
  guint j;

  while ((j = (guint) g_atomic_int_add (&rows->next, 1)) < CSV_PIECES)
    {
      guint first = (guint) ((guint64) rows->n * j / CSV_PIECES);
      guint last = (guint) ((guint64) rows->n * (j + 1) / CSV_PIECES);
      GString *out = g_string_sized_new ((gsize) (last - first) * (32 + 48 * n_signals));

      for (guint k = first; k < last; k++)
        {
          guint c = rows->order[k];

          ts_csv_append_field (out, ts_dataset_get_customer_id (rows->ds, c));
          append_csv_number (out, ts_scores_get_score (rows->scores, c));
          g_string_append_c (out, ',');
          ts_csv_append_field (out, ts_scores_get_band (rows->scores, c)->id);
          for (guint i = 0; i < n_signals; i++)
            {
              const TsSignalValue *v = ts_scores_get_signal (rows->scores, c, i);

              if (isnan (v->raw))
                g_string_append_c (out, ',');
              else
                append_csv_number (out, v->raw);
              append_csv_number (out, v->value);
              append_csv_number (out, v->contribution);
            }
          g_string_append_c (out, '\n');
        }
      rows->text[j] = out;
    }
  return NULL;
}

/* The header, then a row per customer in @order, formatted on every core
 * (%.17g is most of the time) and written in order. */
static void
print_csv (TsDataset    *ds,
           TsScores     *scores,
           const guint  *order,
           guint         n)
{
  TsPlaybook *pb = ts_scores_get_playbook (scores);
  CsvRows rows = { ds, scores, order, n, { NULL, }, 0 };
  guint n_threads = n >= 4096 ? MIN (g_get_num_processors (), 8) : 1;
  GThread *threads[8] = { NULL, };

  fputs ("customer_id,score,band", stdout);
  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    printf (",%s_raw,%s_value,%s_contribution", ts_playbook_get_signal (pb, i)->id,
            ts_playbook_get_signal (pb, i)->id, ts_playbook_get_signal (pb, i)->id);
  putchar ('\n');

  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("ts-cli-csv", format_csv_rows, &rows);
  format_csv_rows (&rows);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  for (guint j = 0; j < CSV_PIECES; j++)
    {
      fwrite (rows.text[j]->str, 1, rows.text[j]->len, stdout);
      g_string_free (rows.text[j], TRUE);
    }
}

static void
print_explained (TsDataset *ds,
                 TsScores  *scores,
                 guint      c)
{
  TsPlaybook *pb = ts_scores_get_playbook (scores);
  g_autofree char *as_of = ts_timestamp_format_iso (ts_scores_get_as_of (scores));

  ts_cli_print (_("%s as of %s\n"), ts_dataset_get_customer_id (ds, c), as_of);
  ts_cli_print (_("Score %.1f of 100, band %s\n\n"), ts_scores_get_score (scores, c), ts_scores_get_band (scores, c)->id);
  ts_cli_print (_("  %-16s %8s %6s %6s %7s  %s\n"), _("signal"), _("raw"), _("value"), _("weight"), _("points"), _("in the customer's terms"));
  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    {
      const TsSignal *s = ts_playbook_get_signal (pb, i);
      const TsSignalValue *v = ts_scores_get_signal (scores, c, i);
      g_autofree char *why = ts_scores_explain_signal (scores, c, i);
      g_autofree char *raw = isnan (v->raw) ? g_strdup ("–") : g_strdup_printf ("%.2f", v->raw);

      ts_cli_print ("  %-16s %8s %6.2f %6.2f %7.2f  %s\n", s->id, raw, v->value, s->weight, v->contribution, why);
    }
  ts_cli_print (_("  %-16s %8s %6s %6s %7.2f  the points add up to the score\n"), "", "", "", "", ts_scores_get_score (scores, c));
}

static void
print_summary (TsDataset   *ds,
               TsScores    *scores,
               const guint *order,
               guint        n)
{
  TsPlaybook *pb = ts_scores_get_playbook (scores);
  g_autofree char *as_of = ts_timestamp_format_iso (ts_scores_get_as_of (scores));
  g_autofree guint *per_band = ts_scores_dup_band_counts (scores);

  ts_cli_print (_("%u customers scored as of %s\n\n"), n, as_of);
  for (guint b = 0; b < ts_playbook_get_n_bands (pb); b++)
    ts_cli_print ("  %-12s %7u  %5.1f%%\n", ts_playbook_get_band (pb, b)->id, per_band[b],
             n ? 100.0 * per_band[b] / n : 0.0);
  ts_cli_print (_("\nHighest scores:\n"));
  for (guint k = 0; k < MIN (n, 10u); k++)
    {
      guint c = order[k];
      g_autofree char *why = ts_scores_explain_signal (scores, c, ts_scores_get_top_signal (scores, c));

      ts_cli_print ("  %5.1f  %-10s %-36s %s\n", ts_scores_get_score (scores, c),
               ts_scores_get_band (scores, c)->id, ts_dataset_get_customer_id (ds, c), why);
    }
  ts_cli_print (_("\n--customer ID explains one score; --json and --csv give them all.\n"));
}

static char *
blocked_by (TsPlaybook       *pb,
            const TsDecision *d)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    if (d->verdicts[i].blocks)
      g_string_append_printf (ids, "%s%s", ids->len ? ";" : "", ts_playbook_get_guardrail (pb, i)->id);
  return g_string_free (ids, FALSE);
}

static void
print_decision (TsPlaybook       *pb,
                const TsDecision *d)
{
  const TsRoute *r = ts_playbook_get_route (pb, d->route);
  g_autofree char *to = ts_route_describe (r);

  ts_cli_print (_("\nGuardrails:\n"));
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    ts_cli_print ("  %-20s %-5s  %s\n", ts_playbook_get_guardrail (pb, i)->id,
             d->verdicts[i].blocks ? _("BLOCK") : _("pass"), d->verdicts[i].reason);
  ts_cli_print (_("\nRoute: %s → %s%s\n"), r->id, to, d->pitch ? _(" (a pitch)") : "");
  if (r->promise)
    ts_cli_print (_("Promise: %s\n"), r->promise);
  if (d->held_back)
    ts_cli_print (_("Held back: the guardrails marked BLOCK stop this touch.\n"));
}

static gboolean
print_decide_summary (TsDataset  *ds,
                      TsScores   *scores,
                      GError    **error)
{
  TsPlaybook *pb = ts_scores_get_playbook (scores);
  guint n = ts_scores_get_n_customers (scores);
  g_autoptr(TsDecisionCounts) counts = ts_decision_counts_new (pb);
  g_autofree char *as_of = ts_timestamp_format_iso (ts_scores_get_as_of (scores));

  for (guint c = 0; c < n; c++)
    {
      g_autoptr(TsDecision) d = ts_decide (scores, c, error);

      if (d == NULL)
        return FALSE;
      ts_decision_counts_add (counts, pb, d);
    }

  ts_cli_print (_("%u customers decided as of %s\n\n"), n, as_of);
  ts_cli_print (_("Routes                 customers   held back  to\n"));
  for (guint r = 0; r < ts_playbook_get_n_routes (pb); r++)
    {
      const TsRoute *route = ts_playbook_get_route (pb, r);

      ts_cli_print ("  %-20s %9u %11u  %s%s%s\n", route->id, counts->routed[r], counts->held[r],
               ts_route_to_to_string (route->to),
               route->channel ? _(" by ") : "", route->channel ? route->channel : "");
    }
  ts_cli_print (_("\nGuardrails             customers blocked\n"));
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    ts_cli_print ("  %-20s %9u\n", ts_playbook_get_guardrail (pb, i)->id, counts->blocked[i]);
  ts_cli_print (_("\nSLA load: %.0f hours promised to the customers who are touched.\n"), counts->sla_hours);
  ts_cli_print (_("--customer ID explains one decision; --json and --csv give them all.\n"));
  return TRUE;
}

/* one CSV field on standard output */
static void
print_csv_field (const char *text)
{
  g_autoptr(GString) field = g_string_new (NULL);

  ts_csv_append_field (field, text);
  fputs (field->str, stdout);
}

static gboolean
print_decide_csv (TsDataset    *ds,
                  TsScores     *scores,
                  const guint  *order,
                  guint         n,
                  GError      **error)
{
  TsPlaybook *pb = ts_scores_get_playbook (scores);

  fputs ("customer_id,score,band,route,to,channel,sla_hours,held_back,blocked_by\n", stdout);
  for (guint k = 0; k < n; k++)
    {
      guint c = order[k];
      g_autoptr(TsDecision) d = ts_decide (scores, c, error);
      const TsRoute *r;
      g_autofree char *blocks = NULL;

      if (d == NULL)
        return FALSE;
      r = ts_playbook_get_route (pb, d->route);
      blocks = blocked_by (pb, d);
      print_csv_field (ts_dataset_get_customer_id (ds, c));
      printf (",%.17g,", ts_scores_get_score (scores, c));
      print_csv_field (ts_scores_get_band (scores, c)->id);
      putchar (',');
      print_csv_field (r->id);
      printf (",%s,", ts_route_to_to_string (r->to));
      print_csv_field (r->channel ? r->channel : "");
      printf (",%g,%s,", r->sla_hours, d->held_back ? "true" : "false");
      print_csv_field (blocks);
      putchar ('\n');
    }
  return TRUE;
}

static TsScenario *
find_scenario (TsWorkspace *workspace,
               const char  *name,
               GError     **error)
{
  JsonArray *saved = ts_workspace_get_scenarios (workspace);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (saved); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.scenarios[%u]", i);
      g_autoptr(TsScenario) s = ts_scenario_new_from_json (json_array_get_element (saved, i), path, error);

      if (s == NULL)
        return NULL;
      if (g_strcmp0 (s->name, name) == 0)
        return g_steal_pointer (&s);
      g_string_append_printf (names, "%s“%s”", names->len ? ", " : "", s->name);
    }
  if (names->len == 0)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("no scenario “%s”: the workspace has none"), name);
  else
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("no scenario “%s”; the workspace has %s"),
                 name, names->str);
  return NULL;
}

/* one workshop moment, decided by the same engine as real customers */
static int
play_scenario (TsScenario *scenario,
               TsPlaybook *playbook,
               TsTime      as_of,
               gboolean    decide,
               gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsScores) scores = ts_scenario_score (scenario, playbook, as_of, &error);
  g_autoptr(TsDecision) decision = NULL;

  if (scores == NULL)
    return ts_cli_fail (g_steal_pointer (&error));
  if (decide && (decision = ts_decide (scores, 0, &error)) == NULL)
    return ts_cli_fail (g_steal_pointer (&error));
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      add_customer_json (b, ts_scores_get_dataset (scores), scores, 0, decision);
      root = json_builder_get_root (b);
      json_object_set_string_member (json_node_get_object (root), "scenario", scenario->name);
      ts_cli_print_json (root);
      return 0;
    }
  ts_cli_print (_("Scenario “%s”\n"), scenario->name);
  print_explained (ts_scores_get_dataset (scores), scores, 0);
  if (decision)
    print_decision (playbook, decision);
  return 0;
}

static int
score_or_decide (int       argc,
                 char    **argv,
                 gboolean  decide)
{
  gboolean json = FALSE, csv = FALSE, demo = FALSE, quiet = FALSE;
  g_autofree char *workspace_path = NULL;
  g_autofree char *playbook_path = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *scenario_name = NULL;
  g_autoptr(TsScenario) scenario = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Score a workspace's sources with its playbook"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Score the bundled demo workspace"), NULL },
    { "playbook", 'p', 0, G_OPTION_ARG_FILENAME, &playbook_path, N_("The playbook (default: the workspace's, else the bundled one)"), N_("PLAYBOOK.json") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("The moment scored: nothing at or after it is seen (default: the midnight after the latest record); a date is its midnight, UTC"), N_("YYYY-MM-DD[THH:MM]") },
    { "customer", 'c', 0, G_OPTION_ARG_STRING, &customer, N_("Explain one customer's score"), N_("ID") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario_name, N_("Explain one of the workspace's workshop scenarios"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV, a row per customer"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = decide
    ? ts_cli_option_context_new ("decide", N_("PATH…"),
                                 _("Decides every customer's moment: the explained score, every guardrail's "
                                   "verdict with its reason, and the route with its channel, SLA and "
                                   "experience promise."),
                                 entries)
    : ts_cli_option_context_new ("score", N_("PATH…"),
                                 _("Scores every customer as of a moment: each signal's raw value, normalised "
                                   "value, weight and points, which add up to the score, and the band."),
                                 entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = NULL;
  g_autoptr(TsPlaybook) playbook = NULL;
  g_autoptr(TsDataset) dataset = NULL;
  g_autoptr(TsScores) scores = NULL;
  g_autofree guint *order = NULL;
  TsTime as_of = 0;
  guint n;
  int status;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (demo && workspace_path)
    return ts_cli_usage_error (context, _("give --workspace or --demo, not both"));
  if (json && csv)
    return ts_cli_usage_error (context, _("give --json or --csv, not both"));
  if (scenario_name && !(demo || workspace_path))
    return ts_cli_usage_error (context, _("--scenario needs --workspace or --demo, whose scenarios it plays"));
  if (scenario_name && (customer || csv))
    return ts_cli_usage_error (context, _("--scenario explains one moment: give it without --customer and --csv"));

  {
    g_autoptr(TsWorkspace) workspace = NULL;

    playbook = ts_cli_load_playbook (playbook_path, demo, workspace_path, &workspace, &error);
    if (playbook == NULL)
      return ts_cli_fail (g_steal_pointer (&error));
    if (scenario_name && (scenario = find_scenario (workspace, scenario_name, &error)) == NULL)
      return ts_cli_fail (g_steal_pointer (&error));
  }

  if (as_of_text && !ts_cli_parse_time (as_of_text, &as_of))
    return ts_cli_usage_error (context, _("--as-of “%s” is not a date or time such as 2025-06-30 or 2025-06-30T14:00Z"),
                               as_of_text);

  /* a moment of the scenario's own needs no data */
  if (scenario && (scenario->as_of != TS_TIME_NULL || as_of_text))
    return play_scenario (scenario, playbook, as_of, decide, json);

  if ((status = ts_cli_gather_sources (context, decide ? "decide" : "score", demo, workspace_path,
                                       &paths, &mapping)) != 0)
    return status;

  /* the sources are read for this playbook only: fields it never reads are skipped */
  if (mapping == NULL)
    mapping = ts_mapping_new ();
  for (guint t = 0; t < TS_N_TABLES; t++)
    ts_mapping_set_wanted_fields (mapping, (TsTable) t, ts_playbook_get_fields_read (playbook, (TsTable) t));

  dataset = ts_cli_import ((const char *const *) paths, mapping, quiet || json || csv, &status);
  if (dataset == NULL)
    return status;
  if (as_of_text == NULL)
    as_of = ts_scorer_default_as_of (dataset);
  if (scenario)
    return play_scenario (scenario, playbook, as_of, decide, json);

  scores = ts_scorer_run (dataset, playbook, as_of, NULL, &error);
  if (scores == NULL)
    return ts_cli_fail (g_steal_pointer (&error));

  n = ts_scores_get_n_customers (scores);
  if (customer)
    {
      int c = ts_dataset_find_customer (dataset, customer);
      g_autoptr(TsDecision) decision = NULL;

      if (c < 0)
        {
          g_printerr (_("touchstone-cli: no customer “%s” in the sources\n"), customer);
          return 1;
        }
      if (decide && (decision = ts_decide (scores, c, &error)) == NULL)
        return ts_cli_fail (g_steal_pointer (&error));
      if (json)
        {
          g_autoptr(JsonBuilder) b = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;

          add_customer_json (b, dataset, scores, c, decision);
          root = json_builder_get_root (b);
          ts_cli_print_json (root);
        }
      else
        {
          print_explained (dataset, scores, c);
          if (decision)
            print_decision (playbook, decision);
        }
      return 0;
    }

  order = ts_scores_dup_order (scores);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *iso = ts_timestamp_format_iso (as_of);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "as_of");
      json_builder_add_string_value (b, iso);
      json_builder_set_member_name (b, "customers");
      json_builder_begin_array (b);
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(TsDecision) decision = NULL;

          if (decide && (decision = ts_decide (scores, order[k], &error)) == NULL)
            return ts_cli_fail (g_steal_pointer (&error));
          add_customer_json (b, dataset, scores, order[k], decision);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      ts_cli_print_json (root);
    }
  else if (csv && decide)
    {
      if (!print_decide_csv (dataset, scores, order, n, &error))
        return ts_cli_fail (g_steal_pointer (&error));
    }
  else if (csv)
    print_csv (dataset, scores, order, n);
  else if (decide)
    {
      if (!print_decide_summary (dataset, scores, &error))
        return ts_cli_fail (g_steal_pointer (&error));
    }
  else
    print_summary (dataset, scores, order, n);
  return 0;
}

int
ts_cli_score (int    argc,
              char **argv)
{
  return score_or_decide (argc, argv, FALSE);
}

int
ts_cli_decide (int    argc,
               char **argv)
{
  return score_or_decide (argc, argv, TRUE);
}

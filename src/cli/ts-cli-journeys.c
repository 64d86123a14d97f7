/* ts-cli-journeys.c — `touchstone-cli journeys`: the playbook's journeys
 * simulated over the data under the guardrails — who enters, who is
 * touched, who is held back and why, where walks end — and their lint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ts-cli.h"

/* a link's end, as the JSON and the text name it: a step's id, "goal",
 * "exit:ID", "finished" */
static char *
link_end (const TsJourney     *j,
          const TsJourneyLink *l)
{
  if (l->to != TS_JOURNEY_END)
    return g_strdup (j->steps[l->to].id);
  if (l->outcome == TS_JOURNEY_EXIT)
    return g_strdup_printf ("exit:%s", j->exits[l->exit].id);
  return g_strdup (ts_journey_outcome_to_string (l->outcome));
}

static void
json_node_counts (JsonBuilder         *b,
                  TsPlaybook          *pb,
                  const TsJourney     *j,
                  const TsJourneyNode *node)
{
  ts_cli_json_int (b, "touched", node->touched);
  ts_cli_json_int (b, "suppressed", node->suppressed);
  json_builder_set_member_name (b, "suppressed_by");
  json_builder_begin_object (b);
  for (guint g = 0; g < ts_playbook_get_n_guardrails (pb); g++)
    if (node->suppressed_by[g] > 0)
      ts_cli_json_int (b, ts_playbook_get_guardrail (pb, g)->id, node->suppressed_by[g]);
  json_builder_end_object (b);
  for (guint o = 0; o < TS_JOURNEY_N_OUTCOMES; o++)
    ts_cli_json_int (b, ts_journey_outcome_to_string (o), node->outcomes[o]);
  json_builder_set_member_name (b, "exits");
  json_builder_begin_object (b);
  for (guint k = 0; k < j->n_exits; k++)
    ts_cli_json_int (b, j->exits[k].id, node->exits[k]);
  json_builder_end_object (b);
}

static void
json_findings (JsonBuilder *b,
               TsJourneys  *sim,
               int          only)
{
  TsPlaybook *pb = ts_journeys_get_playbook (sim);

  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < ts_journeys_get_n_findings (sim); i++)
    {
      const TsJourneyFinding *f = ts_journeys_get_finding (sim, i);
      const TsJourney *j = ts_playbook_get_journey (pb, f->journey);

      if (only >= 0 && (int) f->journey != only && !(f->rule == TS_JOURNEY_LINT_OVERLAP && f->other == only))
        continue;
      json_builder_begin_object (b);
      ts_cli_json_string (b, "rule", ts_journey_lint_rule_to_string (f->rule));
      ts_cli_json_string (b, "journey", j->id);
      ts_cli_json_string (b, "step", f->step >= 0 ? j->steps[f->step].id : NULL);
      if (f->rule == TS_JOURNEY_LINT_OVERLAP)
        ts_cli_json_string (b, "other_journey", ts_playbook_get_journey (pb, f->other)->id);
      else
        ts_cli_json_string (b, "other_step", f->other >= 0 ? j->steps[f->other].id : NULL);
      ts_cli_json_string (b, "field", f->field);
      if (f->rule == TS_JOURNEY_LINT_KNOWN_ASK || f->rule == TS_JOURNEY_LINT_OVERLAP)
        ts_cli_json_int (b, "customers", f->customers);
      ts_cli_json_string (b, "message", f->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
json_path (JsonBuilder *b,
           TsJourneys  *sim,
           guint        customer)
{
  TsPlaybook *pb = ts_journeys_get_playbook (sim);
  g_autoptr(GPtrArray) path = ts_journeys_dup_path (sim, customer);

  json_builder_set_member_name (b, "path");
  json_builder_begin_object (b);
  ts_cli_json_string (b, "customer", ts_dataset_get_customer_id (ts_journeys_get_dataset (sim), customer));
  json_builder_set_member_name (b, "events");
  json_builder_begin_array (b);
  for (guint i = 0; i < path->len; i++)
    {
      const TsJourneyEvent *e = path->pdata[i];
      const TsJourney *j = ts_playbook_get_journey (pb, e->journey);

      json_builder_begin_object (b);
      ts_cli_json_time (b, "at", e->at);
      ts_cli_json_string (b, "journey", j->id);
      ts_cli_json_string (b, "step", j->steps[e->step].id);
      ts_cli_json_string (b, "event", ts_journey_event_kind_to_string (e->kind));
      if (e->kind == TS_JOURNEY_EVENT_BRANCHED)
        ts_cli_json_string (b, "to", e->arg == TS_JOURNEY_END ? "end" : j->steps[e->arg].id);
      else if (e->kind == TS_JOURNEY_EVENT_EXITED)
        ts_cli_json_string (b, "exit", j->exits[e->arg].id);
      else if (e->kind == TS_JOURNEY_EVENT_WAITING)
        ts_cli_json_int (b, "days", e->arg);
      ts_cli_json_string (b, "detail", e->detail);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
print_json (TsJourneys *sim,
            int         only,
            gboolean    lint_only,
            int         customer)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  TsPlaybook *pb = ts_journeys_get_playbook (sim);

  json_builder_begin_object (b);
  ts_cli_json_time (b, "from", ts_journeys_get_from (sim));
  ts_cli_json_int (b, "days", ts_journeys_get_days (sim));
  if (!lint_only)
    {
      json_builder_set_member_name (b, "journeys");
      json_builder_begin_array (b);
      for (guint ji = 0; ji < ts_journeys_get_n_journeys (sim); ji++)
        {
          const TsJourney *j = ts_journeys_get_journey (sim, ji);
          const TsJourneyNode *all = ts_journeys_get_node (sim, ji, TS_JOURNEY_ENTRY);
          const TsJourneyLink *links;
          guint n_links;

          if (only >= 0 && (int) ji != only)
            continue;
          json_builder_begin_object (b);
          ts_cli_json_string (b, "id", j->id);
          ts_cli_json_string (b, "label", j->label ? j->label : j->id);
          ts_cli_json_int (b, "entered", all->customers);
          json_node_counts (b, pb, j, all);

          json_builder_set_member_name (b, "steps");
          json_builder_begin_array (b);
          for (guint s = 0; s < j->n_steps; s++)
            {
              const TsJourneyStep *step = &j->steps[s];
              const TsJourneyNode *node = ts_journeys_get_node (sim, ji, s);

              json_builder_begin_object (b);
              ts_cli_json_string (b, "id", step->id);
              ts_cli_json_string (b, "kind", ts_journey_step_kind_to_string (step->kind));
              ts_cli_json_string (b, "channel", step->channel);
              ts_cli_json_int (b, "passes", node->passes);
              ts_cli_json_int (b, "customers", node->customers);
              json_node_counts (b, pb, j, node);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);

          json_builder_set_member_name (b, "links");
          json_builder_begin_array (b);
          links = ts_journeys_get_links (sim, ji, &n_links);
          for (guint i = 0; i < n_links; i++)
            {
              g_autofree char *to = link_end (j, &links[i]);

              json_builder_begin_object (b);
              ts_cli_json_string (b, "from", links[i].from == TS_JOURNEY_ENTRY ? "entry" : j->steps[links[i].from].id);
              ts_cli_json_string (b, "to", to);
              ts_cli_json_int (b, "passes", links[i].passes);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_findings (b, sim, only);
  if (customer >= 0)
    json_path (b, sim, customer);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  ts_cli_print_json (root);
}

static void
print_findings (TsJourneys *sim,
                int         only)
{
  TsPlaybook *pb = ts_journeys_get_playbook (sim);
  guint shown = 0;

  ts_cli_print ("%s\n", _("Continuity"));
  for (guint i = 0; i < ts_journeys_get_n_findings (sim); i++)
    {
      const TsJourneyFinding *f = ts_journeys_get_finding (sim, i);
      const TsJourney *j = ts_playbook_get_journey (pb, f->journey);

      if (only >= 0 && (int) f->journey != only && !(f->rule == TS_JOURNEY_LINT_OVERLAP && f->other == only))
        continue;
      ts_cli_print ("  %s%s%s  [%s]  %s\n", j->id, f->step >= 0 ? " › " : "", f->step >= 0 ? j->steps[f->step].id : "",
               ts_journey_lint_rule_to_string (f->rule), f->message);
      shown++;
    }
  if (shown == 0)
    ts_cli_print ("  %s\n", _("no findings: every touch carries a promise, refers to the touch before, and asks little and once"));
}

static void
print_path (TsJourneys *sim,
            guint       customer)
{
  TsPlaybook *pb = ts_journeys_get_playbook (sim);
  g_autoptr(GPtrArray) path = ts_journeys_dup_path (sim, customer);

  ts_cli_print (_("Path of %s\n"), ts_dataset_get_customer_id (ts_journeys_get_dataset (sim), customer));
  if (path->len == 0)
    ts_cli_print ("  %s\n", _("entered no journey"));
  for (guint i = 0; i < path->len; i++)
    {
      const TsJourneyEvent *e = path->pdata[i];
      const TsJourney *j = ts_playbook_get_journey (pb, e->journey);
      g_autofree char *at = ts_timestamp_format_iso (e->at);
      g_autofree char *extra = NULL;

      if (e->kind == TS_JOURNEY_EVENT_BRANCHED)
        extra = g_strdup_printf ("→ %s", e->arg == TS_JOURNEY_END ? "end" : j->steps[e->arg].id);
      else if (e->kind == TS_JOURNEY_EVENT_EXITED)
        extra = g_strdup (j->exits[e->arg].id);
      else if (e->kind == TS_JOURNEY_EVENT_WAITING)
        extra = g_strdup_printf (g_dngettext (NULL, "%d day", "%d days", e->arg), e->arg);
      ts_cli_print ("  %s  %-12s %-16s %-10s %s\n", at, j->id, j->steps[e->step].id,
               ts_journey_event_kind_to_string (e->kind), e->detail ? e->detail : extra ? extra : "");
    }
  ts_cli_print ("\n");
}

static void
print_text (TsJourneys *sim,
            int         only,
            gboolean    lint_only,
            int         customer)
{
  TsPlaybook *pb = ts_journeys_get_playbook (sim);
  g_autofree char *from = ts_timestamp_format_iso (ts_journeys_get_from (sim));

  ts_cli_print (_("Journeys simulated from %s for %u days\n\n"), from, ts_journeys_get_days (sim));
  if (ts_journeys_get_n_journeys (sim) == 0)
    {
      ts_cli_print (_("The playbook has no journeys: add a “journeys” section (docs/journeys.md).\n"));
      return;
    }
  if (customer >= 0)
    print_path (sim, customer);
  for (guint ji = 0; ji < ts_journeys_get_n_journeys (sim) && !lint_only; ji++)
    {
      const TsJourney *j = ts_journeys_get_journey (sim, ji);
      const TsJourneyNode *all = ts_journeys_get_node (sim, ji, TS_JOURNEY_ENTRY);
      g_autoptr(GString) by = g_string_new (NULL);

      if (only >= 0 && (int) ji != only)
        continue;
      ts_cli_print (_("%s (%s): %u entered; %u touches made, %u held back; goal %u, exited %u, finished %u, still in %u\n"),
               j->label ? j->label : j->id, j->id, all->customers, all->touched, all->suppressed,
               all->outcomes[TS_JOURNEY_GOAL], all->outcomes[TS_JOURNEY_EXIT], all->outcomes[TS_JOURNEY_FINISHED],
               all->outcomes[TS_JOURNEY_STILL_IN]);
      ts_cli_print ("  %-18s %-7s %-7s %7s %7s %8s %7s %6s %6s %8s %8s\n", _("step"), _("kind"), _("channel"), _("passes"),
               C_("column", "touched"), _("held"), _("goal"), _("exit"), _("ended"), C_("column", "still in"), _("cust."));
      for (guint s = 0; s < j->n_steps; s++)
        {
          const TsJourneyNode *n = ts_journeys_get_node (sim, ji, s);
          const TsJourneyStep *step = &j->steps[s];

          ts_cli_print ("  %-18.18s %-7s %-7s %7u %7u %8u %7u %6u %6u %8u %8u\n", step->id,
                   ts_journey_step_kind_to_string (step->kind), step->channel ? step->channel : "", n->passes,
                   n->touched, n->suppressed, n->outcomes[TS_JOURNEY_GOAL], n->outcomes[TS_JOURNEY_EXIT],
                   n->outcomes[TS_JOURNEY_FINISHED], n->outcomes[TS_JOURNEY_STILL_IN], n->customers);
        }
      for (guint g = 0; g < ts_playbook_get_n_guardrails (pb); g++)
        if (all->suppressed_by[g] > 0)
          g_string_append_printf (by, "%s%s %u", by->len ? ", " : "", ts_playbook_get_guardrail (pb, g)->id,
                                  all->suppressed_by[g]);
      if (by->len > 0)
        ts_cli_print (_("  held back by: %s\n"), by->str);
      for (guint k = 0; k < j->n_exits; k++)
        if (all->exits[k] > 0)
          ts_cli_print (_("  exit %s: %u\n"), j->exits[k].id, all->exits[k]);
      ts_cli_print ("\n");
    }
  print_findings (sim, only);
}

int
ts_cli_journeys (int    argc,
                 char **argv)
{
  gboolean json = FALSE, demo = FALSE, quiet = FALSE, lint_only = FALSE;
  g_autofree char *workspace_path = NULL;
  g_autofree char *playbook_path = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *journey_id = NULL;
  g_autofree char *customer_id = NULL;
  int days = 30;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Simulate a workspace's journeys on its sources"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Simulate the bundled demo workspace"), NULL },
    { "playbook", 'p', 0, G_OPTION_ARG_FILENAME, &playbook_path, N_("The playbook (default: the workspace's, else the bundled one)"), N_("PLAYBOOK.json") },
    { "simulate", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first day simulated (default: the days before the midnight after the data's last record)"), N_("YYYY-MM-DD") },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("How many days to simulate (default: 30)"), N_("N") },
    { "journey", 'j', 0, G_OPTION_ARG_STRING, &journey_id, N_("Show one journey (all are simulated together, for the guardrails)"), N_("ID") },
    { "customer", 'c', 0, G_OPTION_ARG_STRING, &customer_id, N_("Show one customer's path through the journeys"), N_("ID") },
    { "lint", 0, 0, G_OPTION_ARG_NONE, &lint_only, N_("Show only the continuity findings"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("journeys", N_("PATH…"),
                               _("Walks every customer through the playbook's journeys day by day, every touch "
                                 "under the guardrails (touches of the data and of every journey counted), and "
                                 "says per step who arrived, was touched, was held back and by which guardrail, "
                                 "reached the goal, exited or is still in; and where journeys break continuity: "
                                 "asks repeated or already answered, too many asks at once, touches without a "
                                 "promise or not referring to the one before, unreachable steps, no exit, "
                                 "journeys touching the same customers in the same week."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) playbook = NULL;
  g_autoptr(TsDataset) dataset = NULL;
  g_autoptr(TsJourneys) sim = NULL;
  TsTime from = TS_TIME_NULL;
  int only = -1, customer = -1;
  int status;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (from_text && !ts_cli_parse_time (from_text, &from))
    return ts_cli_usage_error (context, _("--simulate “%s” is not a date such as 2025-06-30"), from_text);
  if (days < 1 || days > 3660)
    return ts_cli_usage_error (context, _("--days is a number of days from 1 to 3660"));

  if ((status = ts_cli_load_data (context, "journeys", demo, workspace_path, playbook_path, &paths,
                                  quiet || json, &playbook, &dataset)) != 0)
    return status;
  if (journey_id && (only = ts_playbook_find_journey (playbook, journey_id)) < 0)
    return ts_cli_usage_error (context, _("the playbook has no journey “%s”"), journey_id);
  if (customer_id && (customer = ts_dataset_find_customer (dataset, customer_id)) < 0)
    return ts_cli_usage_error (NULL, _("no customer “%s” in the data"), customer_id);
  sim = ts_journeys_simulate (dataset, playbook, from, (guint) days, NULL, &error);
  if (sim == NULL)
    return ts_cli_fail (g_steal_pointer (&error));

  if (json)
    print_json (sim, only, lint_only, customer);
  else
    print_text (sim, only, lint_only, customer);
  return 0;
}

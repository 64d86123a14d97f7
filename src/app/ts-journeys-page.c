/* ts-journeys-page.c — the playbook's journeys, simulated and linted
 *
 * The page follows the Scoring page's data and playbook and walks every
 * customer through every journey day by day on a worker thread
 * (ts-journeys.c), from the day of the Scoring page's moment or a day typed
 * here, every touch under the playbook's guardrails.  For the journey
 * chosen it shows the flow — who entered, each step's customers, where they
 * ended: the goal, an exit, past the last step, still in — as a flow chart
 * whose steps open their customers (and each customer their path), the
 * steps with what they did and what the guardrails held back, and the
 * continuity findings on the steps they concern.  Edit Journeys… opens
 * the journeys (ts-journeys-dialog.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ts-journeys-page.h"
#include "ts-rows.h"

#define DAY ((TsTime) 86400 * G_USEC_PER_SEC)
#define DEFAULT_DAYS 60

/* what a node of the flow stands for */
typedef enum
{
  NODE_ENTRY,
  NODE_STEP,
  NODE_OUTCOME,
} NodeKind;

typedef struct
{
  NodeKind          kind;
  int               step;      /* NODE_STEP */
  TsJourneyOutcome  outcome;   /* NODE_OUTCOME */
  int               exit;      /* NODE_OUTCOME, TS_JOURNEY_EXIT: which; else -1 */
} Node;

typedef struct
{
  TsTime from;
  guint  days;
} Start;

struct _TsJourneysPage
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  GtkLabel       *heading;
  GtkLabel       *subheading;
  GtkLabel       *status;
  GtkDropDown    *journey_chooser;
  GtkStringList  *journey_names;
  GtkEntry       *from_entry;
  GtkSpinButton  *days_spin;
  TsChartView    *flow_view;
  GtkWidget      *flow_group;
  GtkBox         *groups;

  TsScores       *scores;        /* the Scoring page's: its data, playbook and moment */
  TsWorkspace    *workspace;     /* keeps the journey shown and the day typed */
  Start           start;
  gboolean        from_typed;    /* the start is the user's, not the moment's day */
  guint           journey;
  gboolean        rebuilding;
  TsPageWork      work;
  TsJourneys     *journeys;
  GArray         *nodes;         /* Node, one per category of the flow */
};

G_DEFINE_FINAL_TYPE (TsJourneysPage, ts_journeys_page, GTK_TYPE_WIDGET)

static void show_journeys (TsJourneysPage *self);

/* ------------------------------------------------------------------ */
/* Simulating off the main thread                                      */
/* ------------------------------------------------------------------ */

static gpointer
simulate_thread (TsDataset     *dataset,
                 TsPlaybook    *playbook,
                 gconstpointer  options,
                 GCancellable  *cancellable,
                 GError       **error)
{
  const Start *start = options;

  return ts_journeys_simulate (dataset, playbook, start->from, start->days, cancellable, error);
}

static void
on_simulated_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TsJourneysPage *self = TS_JOURNEYS_PAGE (object);
  gpointer computed = ts_page_work_take_playbook (&self->work, result, self->status, self->stack);

  if (computed == NULL)
    return;
  g_clear_pointer (&self->journeys, ts_journeys_unref);
  self->journeys = computed;
  ts_page_show_when_mapped (GTK_WIDGET (self), (TsPageShowFunc) show_journeys);
}

static TsTime
midnight (TsTime t)
{
  return (t >= 0 ? t / DAY : (t - DAY + 1) / DAY) * DAY;
}

static void
simulate (TsJourneysPage *self)
{
  ts_page_work_cancel (&self->work);
  if (self->scores == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (!self->from_typed)
    self->start.from = midnight (ts_scores_get_as_of (self->scores));
  gtk_label_set_text (self->status, _("Simulating…"));
  ts_page_work_start_playbook (&self->work, self, self->scores, &self->start, sizeof self->start, simulate_thread,
                               (GDestroyNotify) ts_journeys_unref, on_simulated_cb);
}

/* ------------------------------------------------------------------ */
/* In words                                                            */
/* ------------------------------------------------------------------ */

static const char *
step_name (const TsJourneyStep *step)
{
  return step->label ? step->label : step->id;
}

static const char *
journey_name (const TsJourney *journey)
{
  return journey->label ? journey->label : journey->id;
}

static const char *
rule_title (TsJourneyLintRule rule)
{
  switch (rule)
    {
    case TS_JOURNEY_LINT_DUPLICATE_ASK: return _("Asked twice");
    case TS_JOURNEY_LINT_KNOWN_ASK: return _("Asks what the data knows");
    case TS_JOURNEY_LINT_TOO_MANY_ASKS: return _("Too many new asks at once");
    case TS_JOURNEY_LINT_NO_PROMISE: return _("A touch without a promise");
    case TS_JOURNEY_LINT_NO_REFERENCE: return _("Does not refer to the touch before");
    case TS_JOURNEY_LINT_UNREACHABLE: return _("Never reached");
    case TS_JOURNEY_LINT_NO_EXIT: return _("No way out");
    case TS_JOURNEY_LINT_OVERLAP: return _("Overlaps another journey");
    case TS_JOURNEY_N_LINT_RULES:
    default: return "";
    }
}

static char *
outcome_label (const TsJourney *journey,
               TsJourneyOutcome outcome,
               int              exit)
{
  switch (outcome)
    {
    case TS_JOURNEY_GOAL: return g_strdup (_("Reached the goal"));
    /* Translators: a journey's exit: "Left: unsubscribed" */
    case TS_JOURNEY_EXIT: return exit >= 0 ? g_strdup_printf (_("Left: %s"), journey->exits[exit].id) : g_strdup (_("Left"));
    case TS_JOURNEY_FINISHED: return g_strdup (_("Walked to the end"));
    case TS_JOURNEY_STILL_IN: return g_strdup (_("Still in"));
    case TS_JOURNEY_N_OUTCOMES:
    default: return g_strdup ("");
    }
}

/* "email cap 60, consent 20": the guardrails that held a step's touches back */
static char *
held_back_by (TsJourneys          *journeys,
              const TsJourneyNode *node)
{
  TsPlaybook *pb = ts_journeys_get_playbook (journeys);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint g = 0; g < ts_playbook_get_n_guardrails (pb); g++)
    if (node->suppressed_by[g] > 0)
      g_string_append_printf (s, "%s%s %u", s->len ? ", " : "", ts_playbook_get_guardrail (pb, g)->id, node->suppressed_by[g]);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* the findings of @step of the chosen journey; TS_JOURNEY_ENTRY: of the
 * journey as a whole, with the overlaps that name it */
static GPtrArray *
findings_of (TsJourneysPage *self,
             int             step)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < ts_journeys_get_n_findings (self->journeys); i++)
    {
      const TsJourneyFinding *f = ts_journeys_get_finding (self->journeys, i);
      gboolean mine = f->journey == self->journey ||
                      (f->rule == TS_JOURNEY_LINT_OVERLAP && f->other == (int) self->journey);

      if (mine && f->step == step)
        g_ptr_array_add (found, (gpointer) f);
    }
  return found;
}

/* ------------------------------------------------------------------ */
/* The flow                                                            */
/* ------------------------------------------------------------------ */

static guint
add_node (TsJourneysPage *self,
          TsChart        *chart,
          const char     *label,
          Node            node)
{
  guint c = ts_chart_add_category (chart, label);

  g_array_append_val (self->nodes, node);
  return c;
}

enum { SERIES_TOUCH, SERIES_STEP, SERIES_GOAL, SERIES_LEFT, SERIES_END, SERIES_STILL_IN };

/* Entered, then each step in the column of its longest way from the first
 * (a way back, a loop, is not drawn: its passes are in the step's count),
 * then the outcomes; a step whose touches were held back, or that the lint
 * finds fault with, is marked with why. */
static void
update_flow (TsJourneysPage *self)
{
  const TsJourney *j = ts_journeys_get_journey (self->journeys, self->journey);
  g_autofree char *title = g_strdup_printf (_("%s: the flow"), journey_name (j));
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_FLOW, title);
  g_autofree guint *column = g_new0 (guint, j->n_steps + 1);
  g_autofree guint *step_node = g_new0 (guint, j->n_steps + 1);
  guint outcome_node[TS_JOURNEY_N_OUTCOMES];
  g_autofree guint *exit_node = g_new0 (guint, j->n_exits + 1);
  guint last = 1, entry, n_links;
  const TsJourneyLink *links;

  g_array_set_size (self->nodes, 0);
  ts_chart_add_series (chart, _("touch"), TS_CHART_ROLE_ACCENT, 0);
  ts_chart_add_series (chart, _("wait or branch"), TS_CHART_ROLE_NEUTRAL, 0);
  ts_chart_add_series (chart, _("reached the goal"), TS_CHART_ROLE_CATEGORY, 0);
  ts_chart_add_series (chart, _("left by an exit"), TS_CHART_ROLE_LEVEL, 1);
  ts_chart_add_series (chart, _("walked to the end"), TS_CHART_ROLE_LEVEL, 0.5);
  ts_chart_add_series (chart, _("still in"), TS_CHART_ROLE_CATEGORY, 2);

  /* steps lead forwards but by a branch: the longest way in steps' order */
  for (guint s = 0; s < j->n_steps; s++)
    column[s] = MAX (column[s], 1);
  for (guint s = 0; s < j->n_steps; s++)
    {
      const TsJourneyStep *step = &j->steps[s];
      int to[2] = { step->kind == TS_JOURNEY_STEP_BRANCH ? step->then_step : step->next,
                    step->kind == TS_JOURNEY_STEP_BRANCH ? step->else_step : TS_JOURNEY_END };

      for (guint k = 0; k < 2; k++)
        if (to[k] > (int) s)
          column[to[k]] = MAX (column[to[k]], column[s] + 1);
    }
  for (guint s = 0; s < j->n_steps; s++)
    last = MAX (last, column[s] + 1);

  {
    const TsJourneyNode *n = ts_journeys_get_node (self->journeys, self->journey, TS_JOURNEY_ENTRY);

    entry = add_node (self, chart, _("Entered"), (Node) { NODE_ENTRY, TS_JOURNEY_ENTRY, 0, -1 });
    ts_chart_set_node (chart, entry, SERIES_TOUCH, 0, n->customers);
  }
  for (guint s = 0; s < j->n_steps; s++)
    {
      const TsJourneyStep *step = &j->steps[s];
      const TsJourneyNode *n = ts_journeys_get_node (self->journeys, self->journey, s);
      g_autoptr(GPtrArray) findings = findings_of (self, s);

      step_node[s] = add_node (self, chart, step_name (step), (Node) { NODE_STEP, s, 0, -1 });
      ts_chart_set_node (chart, step_node[s], step->kind == TS_JOURNEY_STEP_TOUCH ? SERIES_TOUCH : SERIES_STEP,
                         column[s], n->passes);
      if (n->suppressed > 0)
        {
          g_autofree char *by = held_back_by (self->journeys, n);
          /* Translators: "held back 80 times: email-cap 60, consent 20" */
          g_autofree char *note = g_strdup_printf (_("held back %u times: %s"), n->suppressed, by);

          ts_chart_mark_category (chart, step_node[s], note);
        }
      for (guint i = 0; i < findings->len; i++)
        ts_chart_mark_category (chart, step_node[s], ((TsJourneyFinding *) findings->pdata[i])->message);
    }
  for (guint o = 0; o < TS_JOURNEY_N_OUTCOMES; o++)
    {
      static const guint series[] = { SERIES_GOAL, SERIES_LEFT, SERIES_END, SERIES_STILL_IN };
      const TsJourneyNode *n = ts_journeys_get_node (self->journeys, self->journey, TS_JOURNEY_ENTRY);

      if (o == TS_JOURNEY_EXIT)
        {
          /* an exit each, so that what took customers out shows */
          for (guint e = 0; e < j->n_exits; e++)
            {
              g_autofree char *label = outcome_label (j, o, e);
              guint left = 0;

              for (guint s = 0; s < j->n_steps; s++)
                left += ts_journeys_get_node (self->journeys, self->journey, s)->exits[e];
              exit_node[e] = add_node (self, chart, label, (Node) { NODE_OUTCOME, -1, o, e });
              ts_chart_set_node (chart, exit_node[e], series[o], last, left);
            }
          outcome_node[o] = G_MAXUINT;
          continue;
        }
      {
        g_autofree char *label = outcome_label (j, o, -1);

        outcome_node[o] = add_node (self, chart, label, (Node) { NODE_OUTCOME, -1, o, -1 });
        ts_chart_set_node (chart, outcome_node[o], series[o], last, n->outcomes[o]);
      }
    }

  links = ts_journeys_get_links (self->journeys, self->journey, &n_links);
  for (guint i = 0; i < n_links; i++)
    {
      const TsJourneyLink *l = &links[i];
      guint from = l->from == TS_JOURNEY_ENTRY ? entry : step_node[l->from];
      guint to;

      if (l->to == TS_JOURNEY_END)
        to = l->outcome == TS_JOURNEY_EXIT ? (l->exit >= 0 ? exit_node[l->exit] : G_MAXUINT) : outcome_node[l->outcome];
      else if (l->to > l->from)
        to = step_node[l->to];
      else
        continue;   /* a way back */
      if (to != G_MAXUINT && l->passes > 0)
        ts_chart_add_link (chart, from, to, l->passes);
    }
  ts_chart_view_set_chart (self->flow_view, chart);
}

/* ------------------------------------------------------------------ */
/* The steps and the findings                                          */
/* ------------------------------------------------------------------ */

static void
on_step_activated_cb (AdwActionRow   *row,
                      TsJourneysPage *self)
{
  ts_journeys_page_open_node (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ts-node")));
}

static char *
step_summary (TsJourneysPage      *self,
              const TsJourneyStep *step,
              const TsJourneyNode *n)
{
  switch (step->kind)
    {
    case TS_JOURNEY_STEP_TOUCH:
      if (n->suppressed > 0)
        {
          g_autofree char *by = held_back_by (self->journeys, n);

          /* Translators: "A touch by email: 440 sent, 80 held back (email-cap 60, consent 20)" */
          return g_strdup_printf (_("A touch by %s: %u sent, %u held back (%s)"), step->channel, n->touched, n->suppressed, by);
        }
      /* Translators: "A touch by email: 440 sent" */
      return g_strdup_printf (_("A touch by %s: %u sent"), step->channel, n->touched);
    case TS_JOURNEY_STEP_WAIT:
      return g_strdup_printf (ngettext ("A wait of %u day", "A wait of %u days", step->days), step->days);
    case TS_JOURNEY_STEP_BRANCH:
      {
        g_autofree char *when = step->when ? ts_expr_to_string (step->when) : g_strdup ("");

        /* Translators: "A branch on silence >= 0.2" */
        return g_strdup_printf (_("A branch on %s"), when);
      }
    default:
      return g_strdup ("");
    }
}

static GtkWidget *
steps_group (TsJourneysPage *self)
{
  const TsJourney *j = ts_journeys_get_journey (self->journeys, self->journey);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Steps"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each step with its customers, what it did, what the guardrails held back, "
                                           "and what the continuity check found; each opens its customers"));
  for (guint s = 0; s < j->n_steps; s++)
    {
      const TsJourneyNode *n = ts_journeys_get_node (self->journeys, self->journey, s);
      g_autoptr(GPtrArray) findings = findings_of (self, s);
      g_autofree char *title = g_strdup_printf ("%u. %s", s + 1, step_name (&j->steps[s]));
      g_autofree char *summary = step_summary (self, &j->steps[s], n);
      g_autoptr(GString) subtitle = g_string_new (summary);
      g_autofree char *value = g_strdup_printf (ngettext ("%u customer", "%u customers", n->customers), n->customers);
      GtkWidget *row;

      for (guint i = 0; i < findings->len; i++)
        g_string_append_printf (subtitle, "\n⚠ %s", ((TsJourneyFinding *) findings->pdata[i])->message);
      row = ts_info_row_new (title, subtitle->str, value);
      if (findings->len > 0)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("The continuity check found something"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }
      /* the step's node: the entry is the first, the steps follow in order */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "ts-node", GUINT_TO_POINTER (s + 1));
      g_signal_connect (row, "activated", G_CALLBACK (on_step_activated_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static GtkWidget *
findings_group (TsJourneysPage *self)
{
  const TsJourney *j = ts_journeys_get_journey (self->journeys, self->journey);
  GtkWidget *group = adw_preferences_group_new ();
  guint n = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Continuity"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Messages refer to what came before, nothing is asked twice or already known, "
                                           "a few new questions at a time, a promise on every touch, a way out"));
  for (guint i = 0; i < ts_journeys_get_n_findings (self->journeys); i++)
    {
      const TsJourneyFinding *f = ts_journeys_get_finding (self->journeys, i);
      const char *where;

      if (f->journey != self->journey && !(f->rule == TS_JOURNEY_LINT_OVERLAP && f->other == (int) self->journey))
        continue;
      where = f->step >= 0 && f->journey == self->journey ? step_name (&j->steps[f->step]) : journey_name (j);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ts_info_row_new (rule_title (f->rule), f->message, where));
      n++;
    }
  if (n == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               ts_info_row_new (_("The journey keeps continuity"), _("The check found nothing"), NULL));
  return group;
}

static void
show_journeys (TsJourneysPage *self)
{
  guint n = ts_journeys_get_n_journeys (self->journeys);
  g_autofree char *from = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *subheading = NULL;
  const TsJourney *j;
  const TsJourneyNode *entry;

  /* the chooser lists the journeys simulated */
  self->rebuilding = TRUE;
  gtk_string_list_splice (self->journey_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->journey_names)), NULL);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (self->journey_names, journey_name (ts_journeys_get_journey (self->journeys, i)));
  /* the workspace's journey, when it has one of that id */
  if (self->workspace && ts_workspace_get_view_string (self->workspace, "journeys", "journey"))
    {
      const char *id = ts_workspace_get_view_string (self->workspace, "journeys", "journey");

      for (guint i = 0; i < n; i++)
        if (g_str_equal (ts_journeys_get_journey (self->journeys, i)->id, id))
          self->journey = i;
    }
  if (self->journey >= n)
    self->journey = 0;
  gtk_drop_down_set_selected (self->journey_chooser, self->journey);
  self->rebuilding = FALSE;

  ts_box_remove_all (self->groups);
  gtk_widget_set_visible (self->flow_group, n > 0);
  if (n == 0)
    {
      GtkWidget *group = adw_preferences_group_new ();

      gtk_label_set_text (self->heading, _("No journeys"));
      gtk_label_set_text (self->subheading, "");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 ts_info_row_new (_("The playbook has no journeys"),
                                                  _("Add one with Edit Journeys…, or a “journeys” section to the playbook: "
                                                    "see docs/journeys.md"), NULL));
      gtk_box_append (self->groups, group);
      return;
    }

  j = ts_journeys_get_journey (self->journeys, self->journey);
  entry = ts_journeys_get_node (self->journeys, self->journey, TS_JOURNEY_ENTRY);
  from = ts_timestamp_format_iso (ts_journeys_get_from (self->journeys));
  from[10] = '\0';
  /* Translators: "Onboarding: 212 customers entered" */
  heading = g_strdup_printf (ngettext ("%s: %u customer entered", "%s: %u customers entered", entry->customers),
                             journey_name (j), entry->customers);
  /* Translators: "walked day by day from 2025-08-04 for 60 days, every touch under the guardrails" */
  subheading = g_strdup_printf (ngettext ("walked day by day from %s for %u day, every touch under the guardrails",
                                          "walked day by day from %s for %u days, every touch under the guardrails",
                                          ts_journeys_get_days (self->journeys)),
                                from, ts_journeys_get_days (self->journeys));
  gtk_label_set_text (self->heading, heading);
  gtk_label_set_text (self->subheading, subheading);
  if (!self->from_typed)
    gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);

  update_flow (self);
  gtk_box_append (self->groups, steps_group (self));
  gtk_box_append (self->groups, findings_group (self));
}

/* ------------------------------------------------------------------ */
/* Customers and their paths                                           */
/* ------------------------------------------------------------------ */

static void
on_customer_activated_cb (AdwActionRow   *row,
                          TsJourneysPage *self)
{
  ts_journeys_page_open_path (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ts-customer")));
}

/**
 * ts_journeys_page_open_node:
 * @category: a node of the flow chart
 *
 * Shows the customers of a node: who entered, who arrived at a step, who
 * ended where; each opens their path.
 *
 * Returns: (transfer none): the window shown
 */
GtkWidget *
ts_journeys_page_open_node (TsJourneysPage *self,
                            guint           category)
{
  static const TsJourneyWho whos[] = { TS_JOURNEY_WHO_GOAL, TS_JOURNEY_WHO_EXITED, TS_JOURNEY_WHO_FINISHED,
                                       TS_JOURNEY_WHO_STILL_IN };
  const TsJourney *j;
  const Node *node;
  const guint *members;
  TsDataset *ds;
  GtkWidget *window, *list;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  guint n = 0;

  g_return_val_if_fail (TS_IS_JOURNEYS_PAGE (self) && self->journeys, NULL);
  g_return_val_if_fail (category < self->nodes->len, NULL);

  node = &g_array_index (self->nodes, Node, category);
  j = ts_journeys_get_journey (self->journeys, self->journey);
  ds = ts_journeys_get_dataset (self->journeys);
  switch (node->kind)
    {
    case NODE_ENTRY:
      members = ts_journeys_get_customers (self->journeys, self->journey, TS_JOURNEY_ENTRY, TS_JOURNEY_WHO_PASSED, &n);
      label = g_strdup (_("Entered"));
      break;
    case NODE_STEP:
      members = ts_journeys_get_customers (self->journeys, self->journey, node->step, TS_JOURNEY_WHO_PASSED, &n);
      label = g_strdup (step_name (&j->steps[node->step]));
      break;
    case NODE_OUTCOME:
    default:
      members = ts_journeys_get_customers (self->journeys, self->journey, TS_JOURNEY_ENTRY, whos[node->outcome], &n);
      label = outcome_label (j, node->outcome, -1);
      break;
    }
  /* Translators: "Onboarding · Welcome: 212 customers" */
  title = g_strdup_printf (ngettext ("%s · %s: %u customer", "%s · %s: %u customers", n), journey_name (j), label, n);
  window = ts_sheet_new (GTK_WIDGET (self), title, &list);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (list), _("Each opens the customer's path through the journey"));
  ts_sheet_add_customers (list, ds, members, n, G_CALLBACK (on_customer_activated_cb), self);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static char *
event_title (const TsJourney      *j,
             const TsJourneyEvent *e)
{
  const char *step = e->step >= 0 ? step_name (&j->steps[e->step]) : "";

  switch (e->kind)
    {
    /* Translators: the events of a customer's path, %s a step */
    case TS_JOURNEY_EVENT_ENTERED: return g_strdup_printf (_("Entered at %s"), step);
    case TS_JOURNEY_EVENT_TOUCHED: return g_strdup_printf (_("Touched: %s"), step);
    case TS_JOURNEY_EVENT_SUPPRESSED: return g_strdup_printf (_("Held back: %s"), step);
    case TS_JOURNEY_EVENT_WAITING: return g_strdup_printf (_("Waiting: %s"), step);
    case TS_JOURNEY_EVENT_BRANCHED: return g_strdup_printf (_("Branched at %s"), step);
    case TS_JOURNEY_EVENT_GOAL: return g_strdup (_("Reached the goal"));
    case TS_JOURNEY_EVENT_EXITED: return g_strdup_printf (_("Left: %s"), e->arg >= 0 && (guint) e->arg < j->n_exits ? j->exits[e->arg].id : "");
    case TS_JOURNEY_EVENT_FINISHED: return g_strdup (_("Walked to the end"));
    case TS_JOURNEY_EVENT_STILL_IN: return g_strdup_printf (_("Still in, at %s"), step);
    default: return g_strdup ("");
    }
}

/**
 * ts_journeys_page_open_path:
 * @customer: a row of the customers table
 *
 * Shows one customer's path through the chosen journey, day by day: where
 * they entered, each touch made or held back (and why), each wait and
 * branch, and how it ended.
 *
 * Returns: (transfer none): the window shown
 */
GtkWidget *
ts_journeys_page_open_path (TsJourneysPage *self,
                            guint           customer)
{
  g_autoptr(GPtrArray) path = NULL;
  const TsJourney *j;
  GtkWidget *window, *list;
  g_autofree char *title = NULL;
  guint n = 0;

  g_return_val_if_fail (TS_IS_JOURNEYS_PAGE (self) && self->journeys, NULL);

  j = ts_journeys_get_journey (self->journeys, self->journey);
  path = ts_journeys_dup_path (self->journeys, customer);
  /* Translators: "C-00042 in Onboarding" */
  title = g_strdup_printf (_("%s in %s"), ts_dataset_get_customer_id (ts_journeys_get_dataset (self->journeys), customer),
                           journey_name (j));
  window = ts_sheet_new (GTK_WIDGET (self), title, &list);
  for (guint i = 0; path && i < path->len; i++)
    {
      const TsJourneyEvent *e = path->pdata[i];
      g_autofree char *what = NULL;
      g_autofree char *iso = NULL;

      if (e->journey != self->journey)
        continue;
      what = event_title (j, e);
      iso = ts_timestamp_format_iso (e->at);
      iso[MIN (strlen (iso), 10)] = '\0';
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (list), ts_info_row_new (what, e->detail, iso));
      n++;
    }
  if (n == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (list),
                               ts_info_row_new (_("Never entered this journey"), NULL, NULL));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* ------------------------------------------------------------------ */
/* API                                                                 */
/* ------------------------------------------------------------------ */

/**
 * ts_journeys_page_set_scores:
 * @scores: (nullable): the Scoring page's: their data and playbook are
 *   simulated, from the day of their moment unless a day was typed
 */
void
ts_journeys_page_set_scores (TsJourneysPage *self,
                             TsScores       *scores)
{
  g_return_if_fail (TS_IS_JOURNEYS_PAGE (self));

  /* the same data, playbook and start: nothing to walk again */
  if (self->scores && scores && self->journeys &&
      ts_scores_get_dataset (scores) == ts_scores_get_dataset (self->scores) &&
      ts_scores_get_playbook (scores) == ts_scores_get_playbook (self->scores) &&
      (self->from_typed || midnight (ts_scores_get_as_of (scores)) == self->start.from))
    return;
  if (scores)
    ts_scores_ref (scores);
  g_clear_pointer (&self->scores, ts_scores_unref);
  self->scores = scores;
  simulate (self);
}

/**
 * ts_journeys_page_set_start:
 * @from: the first day; %TS_TIME_NULL: the day of the Scoring page's moment
 * @days: how many days to walk, 1 or more
 */
void
ts_journeys_page_set_start (TsJourneysPage *self,
                            TsTime          from,
                            guint           days)
{
  g_return_if_fail (TS_IS_JOURNEYS_PAGE (self));
  g_return_if_fail (days >= 1);

  self->from_typed = from != TS_TIME_NULL;
  if (self->from_typed)
    {
      g_autofree char *iso = ts_timestamp_format_iso (midnight (from));

      self->start.from = midnight (from);
      iso[10] = '\0';
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), iso);
    }
  self->start.days = days;
  gtk_spin_button_set_value (self->days_spin, days);
  if (self->workspace)
    ts_workspace_set_view_time (self->workspace, "journeys", "from", self->from_typed ? self->start.from : TS_TIME_NULL);
  simulate (self);
}

/**
 * ts_journeys_page_set_workspace:
 * @workspace: (nullable): keeps the journey shown and the day typed, as a
 *   view: { "page": "journeys", "journey": "win-back", "from": "…" }
 */
void
ts_journeys_page_set_workspace (TsJourneysPage *self,
                                TsWorkspace    *workspace)
{
  TsTime from;

  g_return_if_fail (TS_IS_JOURNEYS_PAGE (self));

  g_set_object (&self->workspace, workspace);
  self->from_typed = workspace && ts_workspace_get_view_time (workspace, "journeys", "from", &from);
  if (self->from_typed)
    {
      g_autofree char *iso = ts_timestamp_format_iso (midnight (from));

      self->start.from = midnight (from);
      iso[10] = '\0';
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), iso);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
}

void
ts_journeys_page_set_journey (TsJourneysPage *self,
                              guint           journey)
{
  g_return_if_fail (TS_IS_JOURNEYS_PAGE (self));
  gtk_drop_down_set_selected (self->journey_chooser, journey);
}

guint
ts_journeys_page_get_journey (TsJourneysPage *self)
{
  g_return_val_if_fail (TS_IS_JOURNEYS_PAGE (self), 0);
  return self->journey;
}

gboolean
ts_journeys_page_get_busy (TsJourneysPage *self)
{
  g_return_val_if_fail (TS_IS_JOURNEYS_PAGE (self), FALSE);
  return self->work.busy;
}

/**
 * ts_journeys_page_get_journeys:
 *
 * Returns: (transfer none) (nullable): the simulation shown
 */
TsJourneys *
ts_journeys_page_get_journeys (TsJourneysPage *self)
{
  g_return_val_if_fail (TS_IS_JOURNEYS_PAGE (self), NULL);
  return self->journeys;
}

/**
 * ts_journeys_page_get_chart_view:
 *
 * Returns: (transfer none): the flow of the chosen journey
 */
TsChartView *
ts_journeys_page_get_chart_view (TsJourneysPage *self)
{
  g_return_val_if_fail (TS_IS_JOURNEYS_PAGE (self), NULL);
  return self->flow_view;
}

/**
 * ts_journeys_page_get_node_step:
 * @category: a node of the flow chart
 *
 * Returns: the step it stands for; -1 for the entry, -2 for an outcome
 */
int
ts_journeys_page_get_node_step (TsJourneysPage *self,
                                guint           category)
{
  const Node *node;

  g_return_val_if_fail (TS_IS_JOURNEYS_PAGE (self), -2);
  g_return_val_if_fail (category < self->nodes->len, -2);
  node = &g_array_index (self->nodes, Node, category);
  return node->kind == NODE_STEP ? node->step : node->kind == NODE_ENTRY ? -1 : -2;
}

/* ------------------------------------------------------------------ */

static void
on_node_activated_cb (TsChartView    *view,
                      guint           category,
                      TsJourneysPage *self)
{
  if (self->journeys && category < self->nodes->len)
    ts_journeys_page_open_node (self, category);
}

static void
on_journey_selected_cb (GtkDropDown    *chooser,
                        GParamSpec     *pspec,
                        TsJourneysPage *self)
{
  guint journey = gtk_drop_down_get_selected (chooser);

  if (self->rebuilding || journey == GTK_INVALID_LIST_POSITION || journey == self->journey)
    return;
  self->journey = journey;
  if (self->journeys && self->workspace)
    ts_workspace_set_view_string (self->workspace, "journeys", "journey",
                                  ts_journeys_get_journey (self->journeys, journey)->id);
  if (self->journeys)
    show_journeys (self);
}

/* a day typed: from it; emptied: from the Scoring page's moment again */
static void
on_from_activate_cb (GtkEntry       *entry,
                     TsJourneysPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  TsTime from;

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (*text == '\0')
    {
      ts_journeys_page_set_start (self, TS_TIME_NULL, self->start.days);
      return;
    }
  if (!ts_timestamp_parse (text, strlen (text), TS_TIME_FORMAT_ISO8601, NULL, &from))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_label_set_text (self->status, _("Type a day such as 2025-08-04"));
      return;
    }
  ts_journeys_page_set_start (self, from, self->start.days);
}

static void
on_days_changed_cb (GtkSpinButton  *spin,
                    TsJourneysPage *self)
{
  guint days = gtk_spin_button_get_value_as_int (spin);

  if (days == self->start.days)
    return;
  self->start.days = days;
  simulate (self);
}

static void
ts_journeys_page_dispose (GObject *object)
{
  TsJourneysPage *self = TS_JOURNEYS_PAGE (object);
  GtkWidget *child;

  ts_page_work_cancel (&self->work);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->scores, ts_scores_unref);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->journeys, ts_journeys_unref);
  g_clear_pointer (&self->nodes, g_array_unref);

  G_OBJECT_CLASS (ts_journeys_page_parent_class)->dispose (object);
}

static void
ts_journeys_page_class_init (TsJourneysPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_journeys_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ts_journeys_page_init (TsJourneysPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *from_label, *days_label, *edit;

  self->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  self->start.days = DEFAULT_DAYS;
  self->stack = ts_page_stack_new (GTK_WIDGET (self), "mail-send-symbolic", _("No Journeys Yet"),
                                   _("Once data is loaded, every customer walks the playbook's journeys here, day by "
                                     "day under the guardrails: who would enter, who would be held back and why, and "
                                     "where a journey asks twice."), NULL);

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading, 0);
  gtk_label_set_wrap (self->heading, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "title-4");
  self->subheading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subheading, 0);
  gtk_label_set_wrap (self->subheading, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->subheading), "dim-label");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->heading));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->subheading));
  gtk_widget_set_hexpand (titles, TRUE);
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_box_append (GTK_BOX (top), titles);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (box), top);

  self->journey_names = gtk_string_list_new (NULL);
  self->journey_chooser = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->journey_names), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->journey_chooser), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Journey"), -1);
  g_signal_connect (self->journey_chooser, "notify::selected", G_CALLBACK (on_journey_selected_cb), self);
  from_label = gtk_label_new_with_mnemonic (_("_From"));
  self->from_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_width_chars (GTK_EDITABLE (self->from_entry), 11);
  gtk_entry_set_placeholder_text (self->from_entry, _("YYYY-MM-DD"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->from_entry),
                               _("The first day walked; empty: the day of the Scoring page's moment"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (from_label), GTK_WIDGET (self->from_entry));
  g_signal_connect (self->from_entry, "activate", G_CALLBACK (on_from_activate_cb), self);
  days_label = gtk_label_new_with_mnemonic (_("_Days"));
  self->days_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 730, 1));
  gtk_spin_button_set_value (self->days_spin, DEFAULT_DAYS);
  gtk_label_set_mnemonic_widget (GTK_LABEL (days_label), GTK_WIDGET (self->days_spin));
  g_signal_connect (self->days_spin, "value-changed", G_CALLBACK (on_days_changed_cb), self);
  edit = gtk_button_new_with_label (_("Edit Journeys…"));
  gtk_widget_set_tooltip_text (edit, _("Change the journeys: their entry, steps, asks, promises, goal and exits"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "window.edit-journeys");
  gtk_widget_set_hexpand (GTK_WIDGET (self->journey_chooser), FALSE);
  gtk_box_append (GTK_BOX (controls), GTK_WIDGET (self->journey_chooser));
  gtk_box_append (GTK_BOX (controls), from_label);
  gtk_box_append (GTK_BOX (controls), GTK_WIDGET (self->from_entry));
  gtk_box_append (GTK_BOX (controls), days_label);
  gtk_box_append (GTK_BOX (controls), GTK_WIDGET (self->days_spin));
  {
    GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_widget_set_hexpand (spacer, TRUE);
    gtk_box_append (GTK_BOX (controls), spacer);
  }
  gtk_box_append (GTK_BOX (controls), edit);
  gtk_box_append (GTK_BOX (box), controls);

  self->flow_view = TS_CHART_VIEW (ts_chart_view_new ());
  g_signal_connect (self->flow_view, "category-activated", G_CALLBACK (on_node_activated_cb), self);
  /* Translators: the file name a journey's flow is exported under, without its ending */
  self->flow_group = ts_chart_group_new (self->flow_view, _("The Flow"),
                                         _("Customers from entering, step by step, to where they ended; a step whose touches "
                                           "were held back or that breaks continuity is marked; each opens its customers"),
                                         _("journey-flow"));
  gtk_box_append (GTK_BOX (box), self->flow_group);
  self->groups = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->groups));
  gtk_stack_add_named (self->stack, ts_page_scroller_new (box, 1200, GTK_POLICY_NEVER), "content");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
ts_journeys_page_new (void)
{
  return g_object_new (TS_TYPE_JOURNEYS_PAGE, NULL);
}

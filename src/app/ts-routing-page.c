/* ts-routing-page.c — the decisions of every customer moment: how many
 * each route takes and each guardrail holds back, the SLA load, and who is
 * held back and why
 *
 * The page follows the Scoring page's scores: a weight or a moment changed
 * there decides every customer again here, on a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>

#include "ts-chart-view.h"
#include "ts-routing-page.h"
#include "ts-rows.h"

#define N_HELD_LISTED 50

struct _TsRoutingPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkLabel      *heading;
  TsChartView   *chart_view;
  GtkBox        *groups;

  TsScores      *scores;
  TsPageWork     work;         /* the latest decisions */
  /* the latest decisions, summed */
  TsDecisionCounts *counts;
  GPtrArray        *held_back;  /* "customer\troute\treasons", the first N_HELD_LISTED */
};

G_DEFINE_FINAL_TYPE (TsRoutingPage, ts_routing_page, GTK_TYPE_WIDGET)

typedef struct
{
  TsScores  *scores;
  TsDecisionCounts *counts;
  GPtrArray        *held_back;
} Job;

static void
job_free (Job *job)
{
  ts_scores_unref (job->scores);
  g_clear_pointer (&job->counts, ts_decision_counts_free);
  g_clear_pointer (&job->held_back, g_ptr_array_unref);
  g_free (job);
}

static void
decide_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  TsPlaybook *pb = ts_scores_get_playbook (job->scores);
  TsDataset *ds = ts_scores_get_dataset (job->scores);
  guint n_guardrails = ts_playbook_get_n_guardrails (pb);

  for (guint c = 0; c < ts_scores_get_n_customers (job->scores); c++)
    {
      GError *error = NULL;
      g_autoptr(TsDecision) d = NULL;

      if ((c & 1023) == 0 && g_task_return_error_if_cancelled (task))
        return;
      d = ts_decide (job->scores, c, &error);
      if (d == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      ts_decision_counts_add (job->counts, pb, d);
      if (d->held_back && job->held_back->len < N_HELD_LISTED)
        {
          const TsRoute *route = ts_playbook_get_route (pb, d->route);
          GString *line = g_string_new (ts_dataset_get_customer_id (ds, c));

          g_string_append_printf (line, "\t%s → %s\t", route->id, ts_route_to_to_string (route->to));
          for (guint i = 0, k = 0; i < n_guardrails; i++)
            if (d->verdicts[i].blocks)
              g_string_append_printf (line, "%s%s: %s", k++ ? "; " : "",
                                      ts_playbook_get_guardrail (pb, i)->id, d->verdicts[i].reason);
          g_ptr_array_add (job->held_back, g_string_free (line, FALSE));
        }
    }
  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------ */
/* Showing                                                             */
/* ------------------------------------------------------------------ */

/* a row of the page: its subtitle (a promise, a reason) in up to 3 lines */
static GtkWidget *
page_row (const char *title,
          const char *subtitle,
          const char *value)
{
  GtkWidget *row = ts_info_row_new (title, subtitle, value);

  if (subtitle)
    adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  return row;
}

/* customers per route: touched, held back, or left alone */
static TsChart *
routes_chart (TsRoutingPage *self,
              TsPlaybook    *pb)
{
  TsChart *chart = ts_chart_new (TS_CHART_BARS, _("Customers per route"));
  guint touched, held, alone;

  ts_chart_set_axis_labels (chart, _("Route"), _("Customers"));
  ts_chart_set_unit (chart, TS_CHART_UNIT_CUSTOMERS);
  touched = ts_chart_add_series (chart, _("touched"), TS_CHART_ROLE_ACCENT, 0);
  held = ts_chart_add_series (chart, _("held back"), TS_CHART_ROLE_LEVEL, 1);
  alone = ts_chart_add_series (chart, _("no touch"), TS_CHART_ROLE_NEUTRAL, 0);
  for (guint r = 0; r < ts_playbook_get_n_routes (pb); r++)
    {
      const TsRoute *route = ts_playbook_get_route (pb, r);
      guint c = ts_chart_add_category (chart, route->id);

      if (route->to == TS_ROUTE_NO_TOUCH)
        ts_chart_set_value (chart, alone, c, self->counts->routed[r]);
      else
        {
          ts_chart_set_value (chart, touched, c, self->counts->routed[r] - self->counts->held[r]);
          ts_chart_set_value (chart, held, c, self->counts->held[r]);
        }
    }
  return chart;
}

static void
update (TsRoutingPage *self)
{
  TsPlaybook *pb = ts_scores_get_playbook (self->scores);
  g_autofree char *as_of = ts_timestamp_format_iso (ts_scores_get_as_of (self->scores));
  g_autofree char *heading = NULL;
  g_autofree char *sla = NULL;
  GtkWidget *routes, *guardrails, *load, *held;

  /* Translators: "600 customer moments decided as of 2025-08-04T14:00:00Z" */
  heading = g_strdup_printf (_("%u customer moments decided as of %s"), ts_scores_get_n_customers (self->scores), as_of);
  gtk_label_set_text (self->heading, heading);

  {
    g_autoptr(TsChart) chart = routes_chart (self, pb);
    ts_chart_view_set_chart (self->chart_view, chart);
  }
  ts_box_remove_all (self->groups);

  routes = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (routes), _("Routes"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (routes),
                                         _("The first route whose condition holds takes the moment; every touch carries its promise"));
  for (guint r = 0; r < ts_playbook_get_n_routes (pb); r++)
    {
      const TsRoute *route = ts_playbook_get_route (pb, r);
      g_autofree char *to = ts_route_describe (route);
      g_autofree char *title = g_strdup_printf ("%s → %s", route->id, to);
      g_autofree char *count = NULL;

      /* Translators: "36 customers, 2 held back" */
      count = g_strdup_printf (_("%u customers, %u held back"), self->counts->routed[r], self->counts->held[r]);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (routes),
                                 page_row (title, route->promise ? route->promise : _("No touch"), count));
    }
  gtk_box_append (self->groups, routes);

  guardrails = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (guardrails), _("Guardrails"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (guardrails),
                                         _("How many customers each one holds back at this moment"));
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (pb, i);
      g_autofree char *what = ts_guardrail_describe (g);
      g_autofree char *count = g_strdup_printf (_("%u blocked"), self->counts->blocked[i]);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (guardrails), page_row (g->id, what, count));
    }
  gtk_box_append (self->groups, guardrails);

  /* the volume each destination and channel takes, whichever routes send it */
  {
    GtkWidget *by = adw_preferences_group_new ();
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (by), _("By Destination and Channel"));
    for (guint r = 0; r < ts_playbook_get_n_routes (pb); r++)
      {
        const TsRoute *route = ts_playbook_get_route (pb, r);
        g_autofree char *key = g_strdup_printf ("%s\t%s", ts_route_to_to_string (route->to),
                                                route->channel ? route->channel : "");
        g_autofree char *title = NULL;
        g_autofree char *count = NULL;
        guint routed = 0, stopped = 0;

        if (route->to == TS_ROUTE_NO_TOUCH || !g_hash_table_add (seen, g_strdup (key)))
          continue;
        for (guint k = r; k < ts_playbook_get_n_routes (pb); k++)
          {
            const TsRoute *other = ts_playbook_get_route (pb, k);

            if (other->to == route->to && g_strcmp0 (other->channel, route->channel) == 0)
              {
                routed += self->counts->routed[k];
                stopped += self->counts->held[k];
              }
          }
        /* Translators: "human by phone" */
        title = g_strdup_printf (_("%s by %s"), ts_route_to_to_string (route->to), route->channel);
        /* Translators: "36 touched, 2 held back" */
        count = g_strdup_printf (_("%u touched, %u held back"), routed - stopped, stopped);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (by), page_row (title, NULL, count));
      }
    gtk_box_append (self->groups, by);
  }

  load = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (load), _("SLA Load"));
  /* Translators: "3744 hours promised over 193 touches" */
  sla = g_strdup_printf (_("%.0f hours promised over %u touches"), self->counts->sla_hours, self->counts->touched);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (load),
                             page_row (sla, _("The touches no guardrail holds back, each within its route's SLA"), NULL));
  gtk_box_append (self->groups, load);

  held = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (held), _("Held Back"));
  {
    g_autofree char *description = NULL;

    /* Translators: "2 customers would be touched but a guardrail stops it" */
    description = g_strdup_printf (_("%u customers would be touched, but a guardrail stops it"), self->counts->n_held);
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (held), description);
  }
  for (guint i = 0; i < self->held_back->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (self->held_back->pdata[i], "\t", 3);
      g_autofree char *subtitle = g_strdup_printf ("%s — %s", parts[1], parts[2]);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (held), page_row (parts[0], subtitle, NULL));
    }
  gtk_box_append (self->groups, held);
}

static void
on_decided_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TsRoutingPage *self = TS_ROUTING_PAGE (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!ts_page_work_finish (&self->work, result, &error))
    {
      if (error)
        gtk_label_set_text (self->heading, error->message);
      return;
    }
  g_clear_pointer (&self->scores, ts_scores_unref);
  self->scores = ts_scores_ref (job->scores);
  g_clear_pointer (&self->counts, ts_decision_counts_free);
  g_clear_pointer (&self->held_back, g_ptr_array_unref);
  self->counts = g_steal_pointer (&job->counts);
  self->held_back = g_steal_pointer (&job->held_back);
  ts_page_show_when_mapped (GTK_WIDGET (self), (TsPageShowFunc) update);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

/**
 * ts_routing_page_set_scores:
 * @scores: (nullable): the Scoring page's scores
 */
void
ts_routing_page_set_scores (TsRoutingPage *self,
                            TsScores      *scores)
{
  TsPlaybook *pb;
  Job *job;

  g_return_if_fail (TS_IS_ROUTING_PAGE (self));

  /* the decisions these replace stop */
  ts_page_work_cancel (&self->work);
  if (scores == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  pb = ts_scores_get_playbook (scores);
  job = g_new0 (Job, 1);
  job->scores = ts_scores_ref (scores);
  job->counts = ts_decision_counts_new (pb);
  job->held_back = g_ptr_array_new_with_free_func (g_free);
  ts_page_work_start (&self->work, self, job, (GDestroyNotify) job_free, on_decided_cb, decide_thread);
}

/**
 * ts_routing_page_get_chart_view:
 *
 * Returns: (transfer none): the chart of customers per route
 */
TsChartView *
ts_routing_page_get_chart_view (TsRoutingPage *self)
{
  g_return_val_if_fail (TS_IS_ROUTING_PAGE (self), NULL);
  return self->chart_view;
}

gboolean
ts_routing_page_get_busy (TsRoutingPage *self)
{
  g_return_val_if_fail (TS_IS_ROUTING_PAGE (self), FALSE);
  return self->work.busy;
}

/**
 * ts_routing_page_get_counts:
 * @route_counts: (out) (optional): customers per route
 * @blocked_counts: (out) (optional): customers each guardrail blocks
 *
 * Returns: (transfer none) (nullable): the scores the counts are of
 */
TsScores *
ts_routing_page_get_counts (TsRoutingPage  *self,
                            const guint   **route_counts,
                            const guint   **blocked_counts,
                            guint          *n_held)
{
  g_return_val_if_fail (TS_IS_ROUTING_PAGE (self), NULL);
  if (route_counts)
    *route_counts = self->counts ? self->counts->routed : NULL;
  if (blocked_counts)
    *blocked_counts = self->counts ? self->counts->blocked : NULL;
  if (n_held)
    *n_held = self->counts ? self->counts->n_held : 0;
  return self->scores;
}

static void
ts_routing_page_dispose (GObject *object)
{
  TsRoutingPage *self = TS_ROUTING_PAGE (object);
  GtkWidget *child;

  ts_page_work_cancel (&self->work);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->scores, ts_scores_unref);
  g_clear_pointer (&self->counts, ts_decision_counts_free);
  g_clear_pointer (&self->held_back, g_ptr_array_unref);

  G_OBJECT_CLASS (ts_routing_page_parent_class)->dispose (object);
}

static void
ts_routing_page_class_init (TsRoutingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_routing_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ts_routing_page_init (TsRoutingPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  self->stack = ts_page_stack_new (GTK_WIDGET (self), "mail-send-symbolic", _("No Decisions Yet"),
                                   _("Once customers are scored, each moment is routed here, and the guardrails say who is held back and why."), NULL);

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading, 0);
  gtk_label_set_wrap (self->heading, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "title-4");
  self->groups = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  {
    GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *edit = gtk_button_new_with_label (_("Edit Rules…"));

    gtk_widget_set_hexpand (GTK_WIDGET (self->heading), TRUE);
    gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
    gtk_widget_set_tooltip_text (edit, _("Change the routes, their order, SLAs and promises, and the guardrails"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "window.edit-rules");
    gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->heading));
    gtk_box_append (GTK_BOX (top), edit);
    gtk_box_append (GTK_BOX (box), top);
  }
  self->chart_view = TS_CHART_VIEW (ts_chart_view_new ());
  /* Translators: the file name a chart of customers per route is exported under, without its ending */
  gtk_box_append (GTK_BOX (box), ts_chart_group_new (self->chart_view, _("Routed Volume"),
                                                     _("Customers each route takes: touched, held back by a guardrail, or left alone"),
                                                     _("customers-per-route")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->groups));
  gtk_stack_add_named (self->stack, ts_page_scroller_new (box, 860, GTK_POLICY_NEVER), "content");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
ts_routing_page_new (void)
{
  return g_object_new (TS_TYPE_ROUTING_PAGE, NULL);
}

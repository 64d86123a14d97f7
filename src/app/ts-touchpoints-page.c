/* ts-touchpoints-page.c — the inventory of customer experience assets,
 * each measured
 *
 * The page follows the Scoring page's data and playbook, and measures each
 * touchpoint of the playbook's inventory on a worker thread
 * (ts-touchpoints.c) over the data or its last year, quarter or month:
 * where each sits between what an interaction costs and how satisfied the
 * customers who met it were (a scatter chart), and the inventory as a
 * table — owner, reach, attention, satisfaction after, perceived value,
 * investment, upkeep and cost — whose customer counts open the customers
 * reached.  Edit Touchpoints… opens the inventory (ts-touchpoints-dialog.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ts-rows.h"
#include "ts-touchpoints-page.h"

#define DAY ((TsTime) 86400 * G_USEC_PER_SEC)

struct _TsTouchpointsPage
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  GtkLabel          *heading;
  GtkLabel          *subheading;
  GtkDropDown       *span_chooser;
  TsChartView       *chart_view;
  GtkWidget         *chart_group;
  GtkBox            *groups;
  GtkLabel          *status;

  TsScores          *scores;        /* the Scoring page's: its data and playbook */
  TsTouchpointsSpan  span;
  TsPageWork         work;
  TsTouchpoints     *touchpoints;
};

G_DEFINE_FINAL_TYPE (TsTouchpointsPage, ts_touchpoints_page, GTK_TYPE_WIDGET)

static void show_touchpoints (TsTouchpointsPage *self);

/* ------------------------------------------------------------------ */
/* Measuring off the main thread                                       */
/* ------------------------------------------------------------------ */

static gpointer
measure_thread (TsDataset     *dataset,
                TsPlaybook    *playbook,
                gconstpointer  options,
                GCancellable  *cancellable,
                GError       **error)
{
  static const int days[] = { 0, 365, 91, 30 };
  TsTouchpointsSpan span = *(const TsTouchpointsSpan *) options;
  TsTime to = ts_scorer_default_as_of (dataset);
  TsTime from = span == TS_TOUCHPOINTS_SPAN_ALL ? TS_TIME_NULL : to - days[span] * DAY;

  return ts_touchpoints_compute (dataset, playbook, from, to, cancellable, error);
}

static void
on_measured_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TsTouchpointsPage *self = TS_TOUCHPOINTS_PAGE (object);
  gpointer computed = ts_page_work_take_playbook (&self->work, result, self->status, self->stack);

  if (computed == NULL)
    return;
  g_clear_pointer (&self->touchpoints, ts_touchpoints_unref);
  self->touchpoints = computed;
  ts_page_show_when_mapped (GTK_WIDGET (self), (TsPageShowFunc) show_touchpoints);
}

static void
measure (TsTouchpointsPage *self)
{
  ts_page_work_cancel (&self->work);
  if (self->scores == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_label_set_text (self->status, _("Measuring…"));
  ts_page_work_start_playbook (&self->work, self, self->scores, &self->span, sizeof self->span, measure_thread,
                               (GDestroyNotify) ts_touchpoints_unref, on_measured_cb);
}

/* ------------------------------------------------------------------ */
/* Showing them                                                        */
/* ------------------------------------------------------------------ */

static const char *
touchpoint_name (const TsTouchpoint *t)
{
  return t->label ? t->label : t->id;
}

static char *
format (double      v,
        const char *format)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return isnan (v) ? g_strdup ("–") : g_strdup_printf (format, v);
#pragma GCC diagnostic pop
}

/* each touchpoint where an interaction's cost meets the NPS that followed;
 * those whose NPS after is clearly below everyone's are marked */
static void
update_chart (TsTouchpointsPage *self)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_SCATTER, _("Cost against satisfaction"));
  TsEstimate all = ts_touchpoints_get_nps_all (self->touchpoints);

  ts_chart_set_axis_labels (chart, _("Cost per interaction"), _("NPS of the answers after an interaction"));
  ts_chart_set_x_unit (chart, TS_CHART_UNIT_AMOUNT);
  ts_chart_add_series (chart, _("touchpoints"), TS_CHART_ROLE_ACCENT, 0);
  for (guint i = 0; i < ts_touchpoints_get_n_touchpoints (self->touchpoints); i++)
    {
      const TsTouchpoint *t = ts_touchpoints_get_touchpoint (self->touchpoints, i);
      const TsTouchpointMeasures *m = ts_touchpoints_get_measures (self->touchpoints, i);
      guint c = ts_chart_add_category (chart, touchpoint_name (t));

      ts_chart_set_point (chart, c, m->cost_per_interaction, m->nps_after.value);
      if (m->nps_after.n > 0 && all.n > 0 && m->nps_after.high < all.value)
        {
          /* Translators: "NPS after −79 [−88, −63], below everyone's −29" */
          g_autofree char *note = g_strdup_printf (_("NPS after %+.0f [%+.0f, %+.0f], below everyone's %+.0f"),
                                                   m->nps_after.value, m->nps_after.low, m->nps_after.high, all.value);
          ts_chart_mark_category (chart, c, note);
        }
    }
  ts_chart_view_set_chart (self->chart_view, chart);
}

static void
on_members_clicked_cb (GtkButton         *button,
                       TsTouchpointsPage *self)
{
  ts_touchpoints_page_open_members (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ts-touchpoint")));
}

/* a point of the chart is a touchpoint: its customers */
static void
on_point_activated_cb (TsChartView       *view,
                       guint              category,
                       TsTouchpointsPage *self)
{
  if (self->touchpoints && category < ts_touchpoints_get_n_touchpoints (self->touchpoints))
    ts_touchpoints_page_open_members (self, category);
}

static GtkWidget *
cell (const char *text,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* a number and, under it, what it comes to */
static GtkWidget *
cell_with_caption (GtkWidget  *top,
                   const char *caption,
                   const char *tooltip)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *under = cell (caption, "caption");

  gtk_widget_add_css_class (under, "dim-label");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), under);
  if (tooltip)
    gtk_widget_set_tooltip_text (box, tooltip);
  return box;
}

enum
{
  COL_CUSTOMERS = 1,
  COL_INTERACTIONS,
  COL_ATTENTION,
  COL_DAYS,
  COL_NPS,
  COL_CSAT,
  COL_VALUE,
  COL_COST,
  N_COLUMNS
};

/* the inventory: a touchpoint per row */
static GtkWidget *
inventory (TsTouchpointsPage *self)
{
  static const struct { const char *title; const char *help; } heads[N_COLUMNS] = {
    [COL_CUSTOMERS] = { N_("Reached"), N_("Distinct customers with an interaction, and their share of all customers "
                                          "of the period; each opens them") },
    [COL_INTERACTIONS] = { N_("Interactions"), N_("Records that passed the touchpoint's filter") },
    [COL_ATTENTION] = { N_("Attention"), N_("Median seconds an interaction held, where the data records it") },
    [COL_DAYS] = { N_("Days"), N_("Days with an interaction per customer reached: how often it draws them back") },
    [COL_NPS] = { N_("NPS After"), N_("NPS of the answers within the touchpoint's window after an interaction; answers in brackets") },
    [COL_CSAT] = { N_("CSAT After"), N_("Mean CSAT (1–5) of the answers after an interaction") },
    [COL_VALUE] = { N_("Value"), N_("The value customers say it delivers, 1–5, from the inventory") },
    [COL_COST] = { N_("Cost"), N_("The investment written off over its lifetime and the upkeep, over the period; "
                                  "under it, per interaction") },
  };
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();
  TsEstimate all = ts_touchpoints_get_nps_all (self->touchpoints);
  gboolean any_csat = FALSE;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Inventory"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Every touchpoint of the playbook with its owner, what it reached and held, "
                                           "the satisfaction that followed it, and what it costs"));
  gtk_grid_set_column_spacing (GTK_GRID (grid), 14);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);

  for (guint i = 0; i < ts_touchpoints_get_n_touchpoints (self->touchpoints); i++)
    any_csat |= ts_touchpoints_get_measures (self->touchpoints, i)->csat_after_n > 0;
  for (guint k = 1; k < N_COLUMNS; k++)
    {
      GtkWidget *head = cell (_(heads[k].title), "heading");

      gtk_widget_set_tooltip_text (head, _(heads[k].help));
      gtk_widget_set_valign (head, GTK_ALIGN_END);
      if (k != COL_CSAT || any_csat)
        gtk_grid_attach (GTK_GRID (grid), head, k, 0, 1, 1);
    }

  for (guint i = 0; i < ts_touchpoints_get_n_touchpoints (self->touchpoints); i++)
    {
      const TsTouchpoint *t = ts_touchpoints_get_touchpoint (self->touchpoints, i);
      const TsTouchpointMeasures *m = ts_touchpoints_get_measures (self->touchpoints, i);
      GtkWidget *name_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *name = gtk_label_new (touchpoint_name (t));
      GtkWidget *owner = gtk_label_new (t->owner ? t->owner : _("no owner"));
      g_autofree char *count = g_strdup_printf ("%u", m->customers);
      GtkWidget *members = gtk_button_new_with_label (count);
      g_autofree char *tip = g_strdup_printf (_("The %u customers %s reached"), m->customers, touchpoint_name (t));
      g_autofree char *reach = format (100 * m->reach, _("%.0f%% reach"));
      g_autofree char *interactions = g_strdup_printf ("%u", m->interactions);
      g_autofree char *attention = format (m->attention_median_seconds, _("%.0f s"));
      g_autofree char *days = format (m->active_days_per_customer, "%.1f");
      g_autofree char *nps = m->nps_after.n ? g_strdup_printf ("%+.0f (%u)", m->nps_after.value, m->nps_after.n) : g_strdup ("–");
      g_autofree char *csat = m->csat_after_n ? g_strdup_printf ("%.1f (%u)", m->csat_after, m->csat_after_n) : g_strdup ("–");
      g_autofree char *value = format (t->perceived_value, "%.1f");
      g_autofree char *cost = format (m->cost, "%.0f");
      g_autofree char *per = format (m->cost_per_interaction, _("%.2f each"));
      g_autofree char *cost_tip = NULL;
      GtkWidget *nps_cell;

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "heading");
      gtk_label_set_xalign (GTK_LABEL (owner), 0);
      gtk_widget_add_css_class (owner, "caption");
      gtk_widget_add_css_class (owner, "dim-label");
      gtk_box_append (GTK_BOX (name_box), name);
      gtk_box_append (GTK_BOX (name_box), owner);
      gtk_widget_set_valign (name_box, GTK_ALIGN_CENTER);
      gtk_grid_attach (GTK_GRID (grid), name_box, 0, i + 1, 1, 1);

      gtk_widget_add_css_class (members, "flat");
      gtk_widget_set_halign (members, GTK_ALIGN_END);
      gtk_widget_set_tooltip_text (members, tip);
      gtk_widget_set_sensitive (members, m->customers > 0);
      g_object_set_data (G_OBJECT (members), "ts-touchpoint", GUINT_TO_POINTER (i));
      g_signal_connect (members, "clicked", G_CALLBACK (on_members_clicked_cb), self);
      gtk_grid_attach (GTK_GRID (grid), cell_with_caption (members, reach, NULL), COL_CUSTOMERS, i + 1, 1, 1);

      /* below everyone's, beyond doubt: in red */
      nps_cell = cell (nps, m->nps_after.n && all.n && m->nps_after.high < all.value ? "error" : NULL);
      gtk_grid_attach (GTK_GRID (grid), cell (interactions, NULL), COL_INTERACTIONS, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (attention, NULL), COL_ATTENTION, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (days, NULL), COL_DAYS, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), nps_cell, COL_NPS, i + 1, 1, 1);
      /* a column of dashes says nothing: shown when some answer is a CSAT */
      if (any_csat)
        gtk_grid_attach (GTK_GRID (grid), cell (csat, NULL), COL_CSAT, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (value, NULL), COL_VALUE, i + 1, 1, 1);
      /* Translators: "Invested 24000, written off over 36 months, and 900 a month of upkeep" */
      cost_tip = g_strdup_printf (_("Invested %.0f, written off over %.0f months, and %.0f a month of upkeep"),
                                  t->investment, t->lifetime_months, t->upkeep_per_month);
      gtk_grid_attach (GTK_GRID (grid), cell_with_caption (cell (cost, NULL), per, cost_tip), COL_COST, i + 1, 1, 1);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (frame), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_widget_add_css_class (frame, "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  return group;
}

static void
show_touchpoints (TsTouchpointsPage *self)
{
  g_autofree char *from = ts_timestamp_format_iso (ts_touchpoints_get_from (self->touchpoints));
  g_autofree char *to = ts_timestamp_format_iso (ts_touchpoints_get_to (self->touchpoints));
  guint n = ts_touchpoints_get_n_touchpoints (self->touchpoints);
  TsEstimate all = ts_touchpoints_get_nps_all (self->touchpoints);
  g_autofree char *heading = NULL;
  g_autofree char *subheading = NULL;
  g_autofree char *nps = format (all.value, "%+.0f");

  from[10] = to[10] = '\0';
  /* Translators: "6 touchpoints, 2025-01-01 to 2026-01-03" */
  heading = g_strdup_printf (ngettext ("%u touchpoint, %s to %s", "%u touchpoints, %s to %s", n), n, from, to);
  /* Translators: "600 customers; NPS of every answer −29 (487 answers)" */
  subheading = g_strdup_printf (_("%u customers; NPS of every answer %s (%u answers)"),
                                ts_touchpoints_get_base (self->touchpoints), nps, all.n);
  gtk_label_set_text (self->heading, heading);
  gtk_label_set_text (self->subheading, subheading);
  ts_box_remove_all (self->groups);
  if (n == 0)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Inventory"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 ts_info_row_new (_("The playbook lists no touchpoints"),
                                                  _("Add a “touchpoints” section to the playbook: see docs/touchpoints.md"), NULL));
      gtk_box_append (self->groups, group);
    }
  else
    gtk_box_append (self->groups, inventory (self));
  update_chart (self);
  gtk_widget_set_visible (self->chart_group, n > 0);
}

/* ------------------------------------------------------------------ */
/* API                                                                 */
/* ------------------------------------------------------------------ */

/**
 * ts_touchpoints_page_open_members:
 *
 * Shows the customers a touchpoint reached, each with their interactions'
 * count left out: the table says how many.
 *
 * Returns: (transfer none): the window shown
 */
GtkWidget *
ts_touchpoints_page_open_members (TsTouchpointsPage *self,
                                  guint              touchpoint)
{
  const TsTouchpoint *t;
  const guint *members;
  TsDataset *ds;
  GtkWidget *window, *list;
  g_autofree char *title = NULL;
  guint n = 0;

  g_return_val_if_fail (TS_IS_TOUCHPOINTS_PAGE (self) && self->touchpoints, NULL);

  t = ts_touchpoints_get_touchpoint (self->touchpoints, touchpoint);
  members = ts_touchpoints_get_members (self->touchpoints, touchpoint, &n);
  ds = ts_touchpoints_get_dataset (self->touchpoints);
  /* Translators: "Help centre reached 154 customers" */
  title = g_strdup_printf (ngettext ("%s reached %u customer", "%s reached %u customers", n), touchpoint_name (t), n);
  window = ts_sheet_new (GTK_WIDGET (self), title, &list);
  ts_sheet_add_customers (list, ds, members, n, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/**
 * ts_touchpoints_page_set_scores:
 * @scores: (nullable): the Scoring page's: their data and playbook are
 *   measured
 */
void
ts_touchpoints_page_set_scores (TsTouchpointsPage *self,
                                TsScores          *scores)
{
  g_return_if_fail (TS_IS_TOUCHPOINTS_PAGE (self));

  /* the measures need the data and playbook only: a new moment alone changes nothing */
  if (self->scores && scores && self->touchpoints &&
      ts_scores_get_dataset (scores) == ts_scores_get_dataset (self->scores) &&
      ts_scores_get_playbook (scores) == ts_scores_get_playbook (self->scores))
    return;
  if (scores)
    ts_scores_ref (scores);
  g_clear_pointer (&self->scores, ts_scores_unref);
  self->scores = scores;
  measure (self);
}

void
ts_touchpoints_page_set_span (TsTouchpointsPage *self,
                              TsTouchpointsSpan  span)
{
  g_return_if_fail (TS_IS_TOUCHPOINTS_PAGE (self));
  g_return_if_fail (span <= TS_TOUCHPOINTS_SPAN_MONTH);
  gtk_drop_down_set_selected (self->span_chooser, span);
}

gboolean
ts_touchpoints_page_get_busy (TsTouchpointsPage *self)
{
  g_return_val_if_fail (TS_IS_TOUCHPOINTS_PAGE (self), FALSE);
  return self->work.busy;
}

/**
 * ts_touchpoints_page_get_touchpoints:
 *
 * Returns: (transfer none) (nullable): the measures shown
 */
TsTouchpoints *
ts_touchpoints_page_get_touchpoints (TsTouchpointsPage *self)
{
  g_return_val_if_fail (TS_IS_TOUCHPOINTS_PAGE (self), NULL);
  return self->touchpoints;
}

/**
 * ts_touchpoints_page_get_chart_view:
 *
 * Returns: (transfer none): the chart of cost against satisfaction
 */
TsChartView *
ts_touchpoints_page_get_chart_view (TsTouchpointsPage *self)
{
  g_return_val_if_fail (TS_IS_TOUCHPOINTS_PAGE (self), NULL);
  return self->chart_view;
}

/* ------------------------------------------------------------------ */

static void
on_span_selected_cb (GtkDropDown       *chooser,
                     GParamSpec        *pspec,
                     TsTouchpointsPage *self)
{
  TsTouchpointsSpan span = MIN (gtk_drop_down_get_selected (chooser), TS_TOUCHPOINTS_SPAN_MONTH);

  if (span == self->span)
    return;
  self->span = span;
  measure (self);
}

static void
ts_touchpoints_page_dispose (GObject *object)
{
  TsTouchpointsPage *self = TS_TOUCHPOINTS_PAGE (object);
  GtkWidget *child;

  ts_page_work_cancel (&self->work);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->scores, ts_scores_unref);
  g_clear_pointer (&self->touchpoints, ts_touchpoints_unref);

  G_OBJECT_CLASS (ts_touchpoints_page_parent_class)->dispose (object);
}

static void
ts_touchpoints_page_class_init (TsTouchpointsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_touchpoints_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ts_touchpoints_page_init (TsTouchpointsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *edit;

  self->span = TS_TOUCHPOINTS_SPAN_ALL;
  self->stack = ts_page_stack_new (GTK_WIDGET (self), "find-location-symbolic", _("No Touchpoints Yet"),
                                   _("Once data is loaded, every touchpoint of the playbook's inventory is measured here: "
                                     "what it reached, the attention it held, the satisfaction after it and its cost."), NULL);

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
  self->span_chooser = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *const[]) {
    _("All the Data"), _("Last 12 Months"), _("Last 3 Months"), _("Last 30 Days"), NULL }));
  gtk_widget_set_valign (GTK_WIDGET (self->span_chooser), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->span_chooser), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Period"), -1);
  g_signal_connect (self->span_chooser, "notify::selected", G_CALLBACK (on_span_selected_cb), self);
  edit = gtk_button_new_with_label (_("Edit Touchpoints…"));
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (edit, _("Change the inventory: owners, costs, values and what binds each touchpoint to the data"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "window.edit-touchpoints");
  gtk_box_append (GTK_BOX (top), titles);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->span_chooser));
  gtk_box_append (GTK_BOX (top), edit);
  gtk_box_append (GTK_BOX (box), top);

  self->chart_view = TS_CHART_VIEW (ts_chart_view_new ());
  g_signal_connect (self->chart_view, "category-activated", G_CALLBACK (on_point_activated_cb), self);
  /* Translators: the file name the touchpoints chart is exported under, without its ending */
  self->chart_group = ts_chart_group_new (self->chart_view, _("Cost against Satisfaction"),
                                          _("Each touchpoint at its cost per interaction and the NPS of the answers "
                                            "that followed an interaction; marked where that NPS is clearly below everyone's"),
                                          _("touchpoints-cost-satisfaction"));
  gtk_box_append (GTK_BOX (box), self->chart_group);
  self->groups = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->groups));
  gtk_stack_add_named (self->stack, ts_page_scroller_new (box, 1200, GTK_POLICY_NEVER), "content");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
ts_touchpoints_page_new (void)
{
  return g_object_new (TS_TYPE_TOUCHPOINTS_PAGE, NULL);
}

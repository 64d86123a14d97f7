/* ts-maturity-page.c — the maturity matrix, and the monthly review
 *
 * The page follows the Scoring page's data and playbook and, for the month
 * chosen (the data's last full month, or one of the eleven before it),
 * computes the monthly review on a worker thread (ts-report.c over
 * ts-maturity.c): the six capabilities of CX scoring, each with its owner —
 * typed here and kept in the workspace — its stage and the criteria behind
 * it, and its KPIs against the month before, each opening the customers
 * behind it; then the customer's and the business's results side by side.
 * Export Monthly Review… writes the whole review as PDF or HTML.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ts-maturity-page.h"
#include "ts-rows.h"

#define N_MONTHS 12
#define OWNER_MAX 160

typedef struct
{
  TsTime from, to;
  char   owners[TS_N_CAPABILITIES][OWNER_MAX];
} Options;

struct _TsMaturityPage
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkLabel      *heading;
  GtkLabel      *subheading;
  GtkLabel      *status;
  GtkDropDown   *month_chooser;
  GtkStringList *month_names;
  GtkBox        *groups;

  TsScores      *scores;
  TsWorkspace   *workspace;
  TsTime         months[N_MONTHS];   /* each month's first day; the latest first */
  guint          n_months;
  guint          month;
  gboolean       rebuilding;
  TsPageWork     work;
  TsReport      *report;
};

G_DEFINE_FINAL_TYPE (TsMaturityPage, ts_maturity_page, GTK_TYPE_WIDGET)

static void show_report (TsMaturityPage *self);

/* ------------------------------------------------------------------ */
/* Measuring off the main thread                                       */
/* ------------------------------------------------------------------ */

static gpointer
review_thread (TsDataset     *dataset,
               TsPlaybook    *playbook,
               gconstpointer  data,
               GCancellable  *cancellable,
               GError       **error)
{
  const Options *options = data;
  const char *owners[TS_N_CAPABILITIES];

  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    owners[i] = options->owners[i][0] ? options->owners[i] : NULL;
  return ts_report_compute (dataset, playbook, options->from, options->to, owners, NULL, cancellable, error);
}

static void
on_reviewed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TsMaturityPage *self = TS_MATURITY_PAGE (object);
  gpointer computed = ts_page_work_take_playbook (&self->work, result, self->status, self->stack);

  if (computed == NULL)
    return;
  g_clear_pointer (&self->report, ts_report_free);
  self->report = computed;
  ts_page_show_when_mapped (GTK_WIDGET (self), (TsPageShowFunc) show_report);
}

static TsTime
month_after (TsTime first)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (first / G_USEC_PER_SEC);
  int year = g_date_time_get_year (dt), month = g_date_time_get_month (dt);

  return month == 12 ? ts_timestamp_from_civil (year + 1, 1, 1, 0, 0, 0, 0)
                     : ts_timestamp_from_civil (year, month + 1, 1, 0, 0, 0, 0);
}

static void
measure (TsMaturityPage *self)
{
  Options options = { 0 };

  ts_page_work_cancel (&self->work);
  if (self->scores == NULL || self->n_months == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  options.from = self->months[self->month];
  options.to = month_after (options.from);
  if (self->workspace)
    {
      g_auto(GStrv) owners = ts_maturity_dup_owners (self->workspace);

      for (guint i = 0; i < TS_N_CAPABILITIES; i++)
        if (owners[i])
          g_strlcpy (options.owners[i], owners[i], OWNER_MAX);
    }
  gtk_label_set_text (self->status, _("Measuring…"));
  ts_page_work_start_playbook (&self->work, self, self->scores, &options, sizeof options, review_thread,
                               (GDestroyNotify) ts_report_free, on_reviewed_cb);
}

/* the data's last full month and the eleven before it, the first of them
 * after the data's first record */
static void
update_months (TsMaturityPage *self)
{
  TsDataset *ds = ts_scores_get_dataset (self->scores);
  TsTime from, to, first = G_MAXINT64;
  static const TsTable tables[] = { TS_TABLE_EVENTS, TS_TABLE_CASES, TS_TABLE_TOUCHES, TS_TABLE_RESPONSES };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      TsTime f, l;

      if (ts_dataset_get_time_range (ds, tables[i], &f, &l))
        first = MIN (first, f);
    }
  self->rebuilding = TRUE;
  gtk_string_list_splice (self->month_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->month_names)), NULL);
  self->n_months = 0;
  if (ts_maturity_default_span (ds, &from, &to))
    while (self->n_months < N_MONTHS && month_after (from) > first)
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (from / G_USEC_PER_SEC);
        g_autofree char *name = g_date_time_format (dt, "%B %Y");
        TsTime before, unused;

        self->months[self->n_months++] = from;
        gtk_string_list_append (self->month_names, name);
        ts_maturity_previous_span (from, month_after (from), &before, &unused);
        from = before;
      }
  self->month = MIN (self->month, self->n_months ? self->n_months - 1 : 0);
  gtk_drop_down_set_selected (self->month_chooser, self->month);
  self->rebuilding = FALSE;
}

/* ------------------------------------------------------------------ */
/* Showing it                                                          */
/* ------------------------------------------------------------------ */

static char *
format_kpi (TsKpiUnit unit,
            double    v,
            gboolean  delta)
{
  g_autofree char *text = NULL;

  if (isnan (v))
    return g_strdup ("–");
  switch (unit)
    {
    case TS_KPI_UNIT_RATE: text = g_strdup_printf ("%.1f%%", 100 * v); break;
    case TS_KPI_UNIT_HOURS: text = g_strdup_printf (_("%.1f h"), v); break;
    case TS_KPI_UNIT_NPS: text = g_strdup_printf ("%.0f", v); break;
    case TS_KPI_UNIT_CSAT: text = g_strdup_printf ("%.2f", v); break;
    case TS_KPI_UNIT_PSI: text = g_strdup_printf ("%.3f", v); break;
    case TS_KPI_UNIT_MONEY: text = g_strdup_printf ("%.0f", v); break;
    case TS_KPI_UNIT_NUMBER: default: text = g_strdup_printf (v == floor (v) ? "%.0f" : "%.2f", v); break;
    }
  return delta && v > 0 ? g_strconcat ("+", text, NULL) : g_steal_pointer (&text);
}

static GtkWidget *
cell (const char *text,
      const char *css_class,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  /* numbers stay on one line */
  gtk_label_set_wrap (GTK_LABEL (label), xalign < 0.5);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (xalign > 0.5)
    gtk_widget_add_css_class (label, "numeric");
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* better or worse than the month before, by the KPI's direction */
static const char *
delta_class (int    better,
             double delta)
{
  if (isnan (delta) || delta == 0 || better == 0)
    return NULL;
  return (delta > 0) == (better > 0) ? "success" : "error";
}

static const char *
level_class (TsMaturityLevel level)
{
  return level == TS_MATURITY_OPERATIONALISED ? "success" : level == TS_MATURITY_DEVELOPING ? "warning" : "error";
}

static void
on_kpi_clicked_cb (GtkButton      *button,
                   TsMaturityPage *self)
{
  ts_maturity_page_open_kpi (self, g_object_get_data (G_OBJECT (button), "ts-kpi"));
}

/* a KPI's value, a button opening its customers when it has some */
static GtkWidget *
kpi_value (TsMaturityPage      *self,
           const TsMaturityKpi *k)
{
  g_autofree char *value = format_kpi (k->unit, k->value, FALSE);
  GtkWidget *button;
  g_autofree char *tip = NULL;

  if (k->n_customers == 0)
    return cell (value, NULL, 1);
  button = gtk_button_new_with_label (value);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: "Open the 52 customers: breached" */
  tip = g_strdup_printf (ngettext ("Open the %u customer: %s", "Open the %u customers: %s", k->n_customers),
                         k->n_customers, k->who);
  gtk_widget_set_tooltip_text (button, tip);
  g_object_set_data_full (G_OBJECT (button), "ts-kpi", g_strdup (k->id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_kpi_clicked_cb), self);
  return button;
}

static void
owner_commit (GtkEntry       *entry,
              TsMaturityPage *self)
{
  TsCapabilityId id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "ts-capability"));

  ts_maturity_page_set_owner (self, id, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_owner_focus_leave_cb (GtkEventControllerFocus *focus,
                         TsMaturityPage          *self)
{
  owner_commit (GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus))), self);
}

static GtkWidget *
matrix (TsMaturityPage *self)
{
  static const char *const heads[] = { N_("Capability"), N_("Owner"), N_("Stage"), N_("Primary KPI"), N_("Value"),
                                       N_("Before"), "Δ" };
  TsMaturity *m = ts_report_get_maturity (self->report);
  TsMaturity *before = ts_report_get_before (self->report);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Matrix"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each capability with its owner, where it stands between ad hoc and "
                                           "operationalised, and its primary KPI against the month before; a value "
                                           "opens the customers behind it"));
  gtk_grid_set_column_spacing (GTK_GRID (grid), 14);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    gtk_grid_attach (GTK_GRID (grid), cell (c == 6 ? heads[c] : _(heads[c]), "heading", c >= 4 ? 1 : 0), c, 0, 1, 1);

  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    {
      const TsCapability *cap = ts_maturity_get_capability (m, i);
      const TsMaturityKpi *k = &cap->kpis[0];
      const TsMaturityKpi *o = before ? ts_maturity_find_kpi (before, k->id) : NULL;
      GtkWidget *name_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *owner = gtk_entry_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();
      g_autofree char *stage = g_strdup_printf ("%s (%u/%u)", ts_maturity_level_describe (cap->level), cap->n_met,
                                                cap->n_criteria);
      g_autofree char *was = format_kpi (k->unit, o ? o->value : NAN, FALSE);
      double delta = o ? k->value - o->value : NAN;
      g_autofree char *change = format_kpi (k->unit, delta, TRUE);
      g_autofree char *accessible = NULL;
      GtkWidget *stage_label = cell (stage, level_class (cap->level), 0);

      gtk_box_append (GTK_BOX (name_box), cell (cap->name, "heading", 0));
      gtk_box_append (GTK_BOX (name_box), cell (cap->operationalised, "caption", 0));
      gtk_widget_add_css_class (gtk_widget_get_last_child (name_box), "dim-label");
      gtk_widget_set_size_request (name_box, 220, -1);
      gtk_grid_attach (GTK_GRID (grid), name_box, 0, i + 1, 1, 1);

      gtk_editable_set_text (GTK_EDITABLE (owner), cap->owner ? cap->owner : "");
      gtk_entry_set_placeholder_text (GTK_ENTRY (owner), cap->default_owner);
      gtk_widget_set_valign (owner, GTK_ALIGN_CENTER);
      gtk_editable_set_width_chars (GTK_EDITABLE (owner), 16);
      gtk_widget_set_tooltip_text (owner, _("Who owns this capability; kept in the workspace"));
      /* Translators: "Owner of Signal quality" */
      accessible = g_strdup_printf (_("Owner of %s"), cap->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (owner), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_name (owner, cap->key);
      g_object_set_data (G_OBJECT (owner), "ts-capability", GUINT_TO_POINTER (i));
      g_signal_connect (owner, "activate", G_CALLBACK (owner_commit), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_owner_focus_leave_cb), self);
      gtk_widget_add_controller (owner, focus);
      gtk_grid_attach (GTK_GRID (grid), owner, 1, i + 1, 1, 1);

      {
        g_autoptr(GString) tip = g_string_new (NULL);

        for (guint c = 0; c < cap->n_criteria; c++)
          g_string_append_printf (tip, "%s%s %s", c ? "\n" : "", cap->criteria[c].met ? "✓" : "✗",
                                  cap->criteria[c].text);
        gtk_widget_set_tooltip_text (stage_label, tip->str);
      }
      gtk_grid_attach (GTK_GRID (grid), stage_label, 2, i + 1, 1, 1);
      {
        GtkWidget *label = cell (k->label, NULL, 0);

        gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
        gtk_widget_set_hexpand (label, TRUE);
        gtk_grid_attach (GTK_GRID (grid), label, 3, i + 1, 1, 1);
      }
      gtk_grid_attach (GTK_GRID (grid), kpi_value (self, k), 4, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (was, "dim-label", 1), 5, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (change, delta_class (k->better, delta), 1), 6, i + 1, 1, 1);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), grid);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (frame), TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (frame), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_widget_add_css_class (frame, "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  return group;
}

/* each capability: its criteria, then every KPI */
static GtkWidget *
details (TsMaturityPage *self)
{
  TsMaturity *m = ts_report_get_maturity (self->report);
  TsMaturity *before = ts_report_get_before (self->report);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Why Each Stands Where It Does"));
  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    {
      const TsCapability *cap = ts_maturity_get_capability (m, i);
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", ts_maturity_level_describe (cap->level),
                                                   cap->owner ? cap->owner : _("no owner named"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), cap->name);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      for (guint c = 0; c < cap->n_criteria; c++)
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *icon = gtk_image_new_from_icon_name (cap->criteria[c].met ? "emblem-ok-symbolic"
                                                                                : "dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, cap->criteria[c].met ? "success" : "warning");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          cap->criteria[c].met ? _("Met") : _("Not met"), -1);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cap->criteria[c].text);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      for (guint k = 0; k < cap->n_kpis; k++)
        {
          const TsMaturityKpi *kpi = &cap->kpis[k];
          const TsMaturityKpi *o = before ? ts_maturity_find_kpi (before, kpi->id) : NULL;
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *measured = kpi->unit == TS_KPI_UNIT_RATE
                                      ? g_strdup_printf (_("%u of %u"), kpi->count, kpi->n)
                                      : g_strdup_printf (_("n = %u"), kpi->n);
          g_autofree char *was = format_kpi (kpi->unit, o ? o->value : NAN, FALSE);
          g_autofree char *sub = g_strdup_printf (_("%s · the month before: %s"), measured, was);

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kpi->label);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), kpi_value (self, kpi));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
    }
  return group;
}

static GtkWidget *
side_by_side (TsMaturityPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();
  TsMaturityRow *rows;
  guint n, line = 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Customer and Business"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A decision must improve both: this month's results beside the month before's"));
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  rows = ts_maturity_side_by_side (ts_report_get_before (self->report), ts_report_get_maturity (self->report), &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = format_kpi (rows[i].unit, rows[i].before, FALSE);
      g_autofree char *b = format_kpi (rows[i].unit, rows[i].after, FALSE);
      g_autofree char *d = format_kpi (rows[i].unit, rows[i].delta, TRUE);

      if (i == 0 || rows[i].business != rows[i - 1].business)
        {
          gtk_grid_attach (GTK_GRID (grid), cell (rows[i].business ? _("Business") : _("Customer"), "heading", 0),
                           0, line, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), cell (_("Month Before"), "heading", 1), 1, line, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), cell (_("This Month"), "heading", 1), 2, line, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), cell ("Δ", "heading", 1), 3, line, 1, 1);
          line++;
        }
      gtk_grid_attach (GTK_GRID (grid), cell (rows[i].label, NULL, 0), 0, line, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (a, "dim-label", 1), 1, line, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (b, NULL, 1), 2, line, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (d, delta_class (rows[i].better, rows[i].delta), 1), 3, line, 1, 1);
      line++;
    }
  ts_maturity_rows_free (rows, n);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), grid);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (frame), TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (frame), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_widget_add_css_class (frame, "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  return group;
}

static void
show_report (TsMaturityPage *self)
{
  TsMaturity *m = ts_report_get_maturity (self->report);
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ts_maturity_get_from (m) / G_USEC_PER_SEC);
  g_autofree char *month = g_date_time_format (dt, "%B %Y");
  g_autofree char *heading = NULL;
  g_autofree char *subheading = NULL;
  guint done = 0;

  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    done += ts_maturity_get_capability (m, i)->level == TS_MATURITY_OPERATIONALISED;
  /* Translators: "Maturity, August 2025" */
  heading = g_strdup_printf (_("Maturity, %s"), month);
  /* Translators: "2 of 6 capabilities operationalised; scored on the month's first day" */
  subheading = g_strdup_printf (ngettext ("%u of %u capability operationalised; customers scored on the month's first day",
                                          "%u of %u capabilities operationalised; customers scored on the month's first day",
                                          TS_N_CAPABILITIES),
                                done, TS_N_CAPABILITIES);
  gtk_label_set_text (self->heading, heading);
  gtk_label_set_text (self->subheading, subheading);
  ts_box_remove_all (self->groups);
  gtk_box_append (self->groups, matrix (self));
  gtk_box_append (self->groups, side_by_side (self));
  gtk_box_append (self->groups, details (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "maturity.export", TRUE);
}

/* ------------------------------------------------------------------ */
/* API                                                                 */
/* ------------------------------------------------------------------ */

/**
 * ts_maturity_page_open_kpi:
 * @kpi: a KPI's id ("sla_compliance:urgent-help")
 *
 * Returns: (transfer none) (nullable): the window listing the customers
 *   behind the KPI, or %NULL when it has none
 */
GtkWidget *
ts_maturity_page_open_kpi (TsMaturityPage *self,
                           const char     *kpi)
{
  const TsMaturityKpi *k;
  TsMaturity *m;
  GtkWidget *window, *list;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TS_IS_MATURITY_PAGE (self) && self->report, NULL);

  m = ts_report_get_maturity (self->report);
  k = ts_maturity_find_kpi (m, kpi);
  if (k == NULL || k->n_customers == 0)
    return NULL;
  /* Translators: "SLA compliance: 52 customers breached" */
  title = g_strdup_printf (ngettext ("%s: %u customer, %s", "%s: %u customers, %s", k->n_customers), k->label,
                           k->n_customers, k->who);
  window = ts_sheet_new (GTK_WIDGET (self), title, &list);
  ts_sheet_add_customers (list, ts_maturity_get_dataset (m), k->customers, k->n_customers, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/**
 * ts_maturity_page_set_owner:
 * @owner: (nullable): empty or NULL: nobody named
 *
 * Names a capability's owner in the workspace and measures again (the
 * governance criterion counts the owners named).
 */
void
ts_maturity_page_set_owner (TsMaturityPage *self,
                            TsCapabilityId  id,
                            const char     *owner)
{
  g_auto(GStrv) owners = NULL;
  g_autofree char *stripped = owner ? g_strstrip (g_strdup (owner)) : g_strdup ("");

  g_return_if_fail (TS_IS_MATURITY_PAGE (self));
  g_return_if_fail (id < TS_N_CAPABILITIES);

  if (self->workspace == NULL)
    return;
  owners = ts_maturity_dup_owners (self->workspace);
  if (g_strcmp0 (owners[id] ? owners[id] : "", stripped) == 0)
    return;
  ts_maturity_set_owner (self->workspace, id, stripped);
  ts_workspace_set_modified (self->workspace, TRUE);
  measure (self);
}

static TsReportFormat
format_for_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm") ? TS_REPORT_FORMAT_HTML
                                                                               : TS_REPORT_FORMAT_PDF;
}

/**
 * ts_maturity_page_export:
 *
 * Writes the month's review to @file: HTML when its name ends in .html,
 * else PDF.
 */
gboolean
ts_maturity_page_export (TsMaturityPage *self,
                         GFile          *file,
                         GError        **error)
{
  g_return_val_if_fail (TS_IS_MATURITY_PAGE (self), FALSE);

  if (self->report == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The review is not ready yet"));
      return FALSE;
    }
  return ts_report_write (self->report, format_for_file (file), file, NULL, error);
}

static gboolean
export_save (GtkWidget  *widget,
             GFile      *file,
             GError    **error)
{
  return ts_maturity_page_export (TS_MATURITY_PAGE (widget), file, error);
}

void
ts_maturity_page_export_with_chooser (TsMaturityPage *self)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *month = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (TS_IS_MATURITY_PAGE (self));
  if (self->report == NULL)
    return;
  dt = g_date_time_new_from_unix_utc (ts_maturity_get_from (ts_report_get_maturity (self->report)) / G_USEC_PER_SEC);
  month = g_date_time_format (dt, "%Y-%m");
  /* Translators: the file name offered; %s is the month, 2025-08 */
  name = g_strdup_printf (_("monthly-review-%s.pdf"), month);
  ts_save_with_chooser (GTK_WIDGET (self), _("Export Monthly Review"), name, export_save,
                        _("Monthly review exported"));
}

/**
 * ts_maturity_page_set_month:
 * @months_back: 0: the data's last full month; 1: the one before…
 */
void
ts_maturity_page_set_month (TsMaturityPage *self,
                            guint           months_back)
{
  g_return_if_fail (TS_IS_MATURITY_PAGE (self));
  gtk_drop_down_set_selected (self->month_chooser, months_back);
}

/**
 * ts_maturity_page_set_scores:
 * @scores: (nullable): the Scoring page's: their data and playbook are
 *   reviewed
 */
void
ts_maturity_page_set_scores (TsMaturityPage *self,
                             TsScores       *scores)
{
  g_return_if_fail (TS_IS_MATURITY_PAGE (self));

  if (self->scores && scores && self->report &&
      ts_scores_get_dataset (scores) == ts_scores_get_dataset (self->scores) &&
      ts_scores_get_playbook (scores) == ts_scores_get_playbook (self->scores))
    return;
  if (scores)
    ts_scores_ref (scores);
  g_clear_pointer (&self->scores, ts_scores_unref);
  self->scores = scores;
  if (scores)
    update_months (self);
  measure (self);
}

/**
 * ts_maturity_page_set_workspace:
 * @workspace: (nullable): keeps the owners, as a view:
 *   { "page": "maturity", "owner.routing": "Service Ops" }
 */
void
ts_maturity_page_set_workspace (TsMaturityPage *self,
                                TsWorkspace    *workspace)
{
  g_return_if_fail (TS_IS_MATURITY_PAGE (self));
  g_set_object (&self->workspace, workspace);
}

gboolean
ts_maturity_page_get_busy (TsMaturityPage *self)
{
  g_return_val_if_fail (TS_IS_MATURITY_PAGE (self), FALSE);
  return self->work.busy;
}

/**
 * ts_maturity_page_get_report:
 *
 * Returns: (transfer none) (nullable): the review shown
 */
TsReport *
ts_maturity_page_get_report (TsMaturityPage *self)
{
  g_return_val_if_fail (TS_IS_MATURITY_PAGE (self), NULL);
  return self->report;
}

/* ------------------------------------------------------------------ */

static void
on_month_selected_cb (GtkDropDown    *chooser,
                      GParamSpec     *pspec,
                      TsMaturityPage *self)
{
  guint month = gtk_drop_down_get_selected (chooser);

  if (self->rebuilding || month == GTK_INVALID_LIST_POSITION || month == self->month)
    return;
  self->month = month;
  measure (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ts_maturity_page_export_with_chooser (TS_MATURITY_PAGE (widget));
}

static void
ts_maturity_page_dispose (GObject *object)
{
  TsMaturityPage *self = TS_MATURITY_PAGE (object);
  GtkWidget *child;

  ts_page_work_cancel (&self->work);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->scores, ts_scores_unref);
  g_clear_pointer (&self->report, ts_report_free);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (ts_maturity_page_parent_class)->dispose (object);
}

static void
ts_maturity_page_class_init (TsMaturityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_maturity_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "maturity.export", NULL, export_action);
}

static void
ts_maturity_page_init (TsMaturityPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *export;

  self->stack = ts_page_stack_new (GTK_WIDGET (self), "view-grid-symbolic", _("No Maturity Yet"),
                                   _("Once data is loaded, the six capabilities of CX scoring are judged here month "
                                     "by month: who owns each, where it stands and its primary KPI."), NULL);
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
  self->month_names = gtk_string_list_new (NULL);
  self->month_chooser = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->month_names), NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->month_chooser), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_chooser), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Month"), -1);
  g_signal_connect (self->month_chooser, "notify::selected", G_CALLBACK (on_month_selected_cb), self);
  export = gtk_button_new_with_label (_("Export Monthly Review…"));
  gtk_widget_set_valign (export, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (export, _("The month's review as one document, PDF or HTML: the matrix, outcomes by "
                                         "band, false positives and negatives, drift, the driver index and its stories"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "maturity.export");
  gtk_box_append (GTK_BOX (top), titles);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->month_chooser));
  gtk_box_append (GTK_BOX (top), export);
  gtk_box_append (GTK_BOX (box), top);
  self->groups = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->groups));
  gtk_stack_add_named (self->stack, ts_page_scroller_new (box, 1200, GTK_POLICY_NEVER), "content");
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "maturity.export", FALSE);
}

GtkWidget *
ts_maturity_page_new (void)
{
  return g_object_new (TS_TYPE_MATURITY_PAGE, NULL);
}

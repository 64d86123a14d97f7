/* ts-outcomes-page.c — what happened after the moment, by band and route
 *
 * The page follows the Scoring page's scores: as of their moment T it
 * measures the outcome window after T (ts-outcomes.c) on a worker thread —
 * NPS, CSAT, churn, time to resolution, deflection, onboarding,
 * complaints, unsubscribes and touches — by band and by route, as a chart
 * of one KPI by band and as tables; every customer count opens the
 * customers behind it.  Governance lists the over-contacted customers and
 * the missed help moments, each opening the customer's timeline.
 *
 * Compared with another moment, the same playbook is scored as of that
 * moment too (or, compared with the bundled playbook, that one as of the
 * same moment): each KPI shows both runs and its change, marked when
 * significant, and the scores' drift (PSI) between the two.  A chart
 * follows the drift month by month over the half year up to the moment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ts-outcomes-page.h"
#include "ts-rows.h"

#define N_MEMBERS_LISTED 200

/* the KPIs the page shows, in the comparison's names */
typedef struct
{
  const char *id;
  const char *title;      /* a column's */
  const char *unit;       /* how a value is written: "%", "h", "" */
  double      scale;      /* value × scale is written */
  int         better;     /* 1: higher is better for the customer, −1: lower, 0: neither */
} Kpi;

static const Kpi kpis[] = {
  { "nps", N_("NPS"), "", 1, 1 },
  { "csat_mean", N_("CSAT"), "", 1, 1 },
  { "churn_rate", N_("Churn"), "%", 100, -1 },
  { "ttr_median_hours", N_("Resolution"), "h", 1, -1 },
  { "deflection_rate", N_("Deflection"), "%", 100, 1 },
  { "onboarding_rate", N_("Onboarded"), "%", 100, 1 },
  { "complaint_rate", N_("Complaints"), "%", 100, -1 },
  { "unsubscribe_rate", N_("Unsubscribed"), "%", 100, -1 },
  { "touches_per_customer", N_("Touches"), "", 1, 0 },
};

/* what each column means, for its tooltip */
static const char *const kpi_help[] = {
  /* xgettext:no-c-format */
  N_("Net Promoter Score: % promoters (9–10) minus % detractors (0–6) of the answers in the window, with its 95% interval"),
  N_("Mean CSAT answer (1–5) in the window"),
  N_("Customers who churned in the window, of those active at the moment"),
  N_("Median hours from opening to closing of the cases closed in the window"),
  N_("Self-service resolutions of all resolution attempts (self-service and cases opened)"),
  N_("Customers in onboarding at the moment who completed it in the window"),
  N_("Customers with a complaint case opened in the window"),
  N_("Customers who unsubscribed in the window"),
  N_("Touches per customer in the window"),
};

struct _TsOutcomesPage
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  GtkLabel       *heading;
  GtkEntry       *compare_entry;
  GtkDropDown    *kpi_chooser;
  TsChartView    *chart_view;
  GtkBox         *groups;
  GtkLabel       *status;

  TsWorkspace    *workspace;      /* keeps the moment compared with */
  TsScores       *scores;         /* the Scoring page's */
  TsTime          compare_as_of;  /* TS_TIME_NULL: no comparison */
  guint           kpi;
  TsPageWork      work;

  gboolean        compare_default;  /* compare with the bundled playbook */
  TsChartView    *drift_view;

  TsOutcomes     *outcomes;
  TsComparison   *comparison;
  TsDrift        *drift;
};

G_DEFINE_FINAL_TYPE (TsOutcomesPage, ts_outcomes_page, GTK_TYPE_WIDGET)

static void show_outcomes (TsOutcomesPage *self);

/* ------------------------------------------------------------------ */
/* Reading a KPI                                                       */
/* ------------------------------------------------------------------ */

/* a KPI's value in a group, and the n it is measured on */
static double
kpi_value (const TsOutcomeGroup *g,
           const char           *id,
           guint                *n)
{
  guint dummy;

  if (n == NULL)
    n = &dummy;
  if (g_str_equal (id, "nps"))
    return *n = g->nps.n, g->nps.value;
  if (g_str_equal (id, "csat_mean"))
    return *n = g->csat_n, g->csat_mean;
  if (g_str_equal (id, "churn_rate"))
    return *n = g->active, g->churn_rate;
  if (g_str_equal (id, "ttr_median_hours"))
    return *n = g->ttr_cases, g->ttr_median_hours;
  if (g_str_equal (id, "deflection_rate"))
    return *n = g->deflection_attempts, g->deflection_rate;
  if (g_str_equal (id, "onboarding_rate"))
    return *n = g->onboarding_n, g->onboarding_rate;
  if (g_str_equal (id, "complaint_rate"))
    return *n = g->customers, g->complaint_rate;
  if (g_str_equal (id, "unsubscribe_rate"))
    return *n = g->customers, g->unsubscribe_rate;
  return *n = g->customers, g->touches_per_customer;
}

static char *
kpi_format (const Kpi *k,
            double     value)
{
  if (isnan (value))
    return g_strdup ("–");
  if (g_str_equal (k->unit, "%"))
    return g_strdup_printf ("%.1f%%", value * k->scale);
  if (g_str_equal (k->unit, "h"))
    return g_strdup_printf ("%.1f h", value);
  if (g_str_equal (k->id, "nps"))
    return g_strdup_printf ("%+.0f", value);
  return g_strdup_printf ("%.2f", value);
}

/* ------------------------------------------------------------------ */
/* Computing off the main thread                                       */
/* ------------------------------------------------------------------ */

typedef struct
{
  TsScores     *scores;
  TsTime        compare_as_of;
  gboolean      compare_default;
  TsOutcomes   *outcomes;
  TsComparison *comparison;
  TsDrift      *drift;
  TsChart      *drift_chart;
} Job;

static void
job_free (Job *job)
{
  ts_scores_unref (job->scores);
  g_clear_pointer (&job->outcomes, ts_outcomes_unref);
  g_clear_pointer (&job->comparison, ts_comparison_unref);
  g_clear_pointer (&job->drift, ts_drift_unref);
  g_clear_pointer (&job->drift_chart, ts_chart_unref);
  g_free (job);
}

#define DRIFT_MONTHS 6
#define MONTH ((TsTime) 30 * 86400 * G_USEC_PER_SEC)

/* The score's and each signal's PSI from one month to the next, over the
 * six months up to the moment: how stable the scores stay. */
static TsChart *
drift_by_month (TsScores     *scores,
                GCancellable *cancellable,
                GError      **error)
{
  TsPlaybook *pb = ts_scores_get_playbook (scores);
  TsTime as_of = ts_scores_get_as_of (scores);
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_LINES, _("Drift month by month (PSI)"));
  g_autoptr(TsScores) previous = NULL;
  guint score_series, n_signals = ts_playbook_get_n_signals (pb);
  g_autofree guint *signal_series = g_new0 (guint, MAX (n_signals, 1));

  ts_chart_set_axis_labels (chart, _("Month ending"), _("PSI against the month before"));
  score_series = ts_chart_add_series (chart, _("score"), TS_CHART_ROLE_ACCENT, 0);
  for (guint i = 0; i < n_signals; i++)
    signal_series[i] = ts_chart_add_series (chart, ts_playbook_get_signal (pb, i)->id, TS_CHART_ROLE_CATEGORY, i);
  for (int m = DRIFT_MONTHS; m >= 0; m--)
    {
      TsTime t = as_of - m * MONTH;
      g_autoptr(TsScores) now = m == 0 ? ts_scores_ref (scores)
                                       : ts_scorer_run (ts_scores_get_dataset (scores), pb, t, cancellable, error);
      g_autoptr(TsDrift) drift = NULL;
      g_autofree char *iso = NULL;
      guint c;

      if (now == NULL)
        return NULL;
      if (previous != NULL)
        {
          iso = ts_timestamp_format_iso (t);
          iso[10] = '\0';   /* the date */
          c = ts_chart_add_category (chart, iso);
          drift = ts_outcomes_drift (previous, now);
          ts_chart_set_value (chart, score_series, c, ts_drift_get_score (drift)->psi);
          for (guint i = 0; i < ts_drift_get_n_signals (drift) && i < n_signals; i++)
            {
              const TsDriftItem *item = ts_drift_get_signal (drift, i);
              int k = ts_playbook_find_signal (pb, item->id);

              if (k >= 0)
                ts_chart_set_value (chart, signal_series[k], c, item->psi);
            }
        }
      g_clear_pointer (&previous, ts_scores_unref);
      previous = g_steal_pointer (&now);
    }
  return g_steal_pointer (&chart);
}

static void
measure_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  job->outcomes = ts_outcomes_compute (job->scores, 0, cancellable, &error);
  if (job->outcomes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if ((job->drift_chart = drift_by_month (job->scores, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->compare_default)
    {
      /* the bundled playbook on the same data and moment: this one against it */
      g_autoptr(TsPlaybook) other_pb = ts_playbook_new_default (&error);
      g_autoptr(TsScores) other = other_pb ? ts_scorer_run (ts_scores_get_dataset (job->scores), other_pb,
                                                           ts_scores_get_as_of (job->scores), cancellable, &error)
                                           : NULL;
      g_autoptr(TsOutcomes) other_outcomes = NULL;

      if (other == NULL ||
          (other_outcomes = ts_outcomes_compute (other, ts_outcomes_get_window_days (job->outcomes),
                                                 cancellable, &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      job->comparison = ts_outcomes_compare (other_outcomes, job->outcomes);
      job->drift = ts_outcomes_drift (other, job->scores);
    }
  else if (job->compare_as_of != TS_TIME_NULL)
    {
      /* the same playbook as of the other moment: before → after */
      g_autoptr(TsScores) other = ts_scorer_run (ts_scores_get_dataset (job->scores),
                                                 ts_scores_get_playbook (job->scores),
                                                 job->compare_as_of, cancellable, &error);
      g_autoptr(TsOutcomes) other_outcomes = NULL;
      gboolean other_first = job->compare_as_of < ts_scores_get_as_of (job->scores);

      if (other == NULL ||
          (other_outcomes = ts_outcomes_compute (other, ts_outcomes_get_window_days (job->outcomes),
                                                 cancellable, &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      job->comparison = other_first ? ts_outcomes_compare (other_outcomes, job->outcomes)
                                    : ts_outcomes_compare (job->outcomes, other_outcomes);
      job->drift = other_first ? ts_outcomes_drift (other, job->scores) : ts_outcomes_drift (job->scores, other);
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_measured_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TsOutcomesPage *self = TS_OUTCOMES_PAGE (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!ts_page_work_finish (&self->work, result, &error))
    {
      if (error)
        gtk_label_set_text (self->status, error->message);
      return;
    }
  g_clear_pointer (&self->outcomes, ts_outcomes_unref);
  g_clear_pointer (&self->comparison, ts_comparison_unref);
  g_clear_pointer (&self->drift, ts_drift_unref);
  self->outcomes = g_steal_pointer (&job->outcomes);
  self->comparison = g_steal_pointer (&job->comparison);
  self->drift = g_steal_pointer (&job->drift);
  ts_chart_view_set_chart (self->drift_view, job->drift_chart);
  gtk_label_set_text (self->status, "");
  ts_page_show_when_mapped (GTK_WIDGET (self), (TsPageShowFunc) show_outcomes);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
measure (TsOutcomesPage *self)
{
  Job *job;

  ts_page_work_cancel (&self->work);
  if (self->scores == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  job = g_new0 (Job, 1);
  job->scores = ts_scores_ref (self->scores);
  job->compare_as_of = self->compare_as_of;
  job->compare_default = self->compare_default;
  gtk_label_set_text (self->status, _("Measuring…"));
  ts_page_work_start (&self->work, self, job, (GDestroyNotify) job_free, on_measured_cb, measure_thread);
}

/* ------------------------------------------------------------------ */
/* Showing them                                                        */
/* ------------------------------------------------------------------ */

static const char *
customer_id (TsOutcomesPage *self,
             guint           c)
{
  TsDataset *ds = ts_scores_get_dataset (ts_outcomes_get_scores (self->outcomes));

  return ts_dataset_get_customer_id (ds, c);
}

/* a band's bar: the band's customers */
static void
on_band_activated_cb (TsChartView    *view,
                      guint           band,
                      TsOutcomesPage *self)
{
  if (self->outcomes && band < ts_outcomes_get_n_bands (self->outcomes))
    ts_outcomes_page_open_members (self, TS_OUTCOME_GROUP_BAND, band);
}

/* one KPI by band, a bar per band in its colour */
static void
update_chart (TsOutcomesPage *self)
{
  const Kpi *k = &kpis[self->kpi];
  g_autofree char *title = g_strdup_printf (_("%s by band"), _(k->title));
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_BARS, title);
  guint n = ts_outcomes_get_n_bands (self->outcomes);

  ts_chart_set_axis_labels (chart, _("Band"), _(k->title));
  for (guint b = 0; b < n; b++)
    ts_chart_add_category (chart, ts_outcomes_get_band (self->outcomes, b)->label);
  for (guint b = 0; b < n; b++)
    {
      const TsOutcomeGroup *g = ts_outcomes_get_band (self->outcomes, b);
      guint s = ts_chart_add_series (chart, g->label, TS_CHART_ROLE_LEVEL, n > 1 ? (double) b / (n - 1) : 0);
      double v = kpi_value (g, k->id, NULL);

      if (!isnan (v))
        ts_chart_set_value (chart, s, b, v * k->scale);
    }
  ts_chart_view_set_chart (self->chart_view, chart);
}

static void
on_members_clicked_cb (GtkButton      *button,
                       TsOutcomesPage *self)
{
  ts_outcomes_page_open_members (self,
                                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "ts-kind")),
                                 GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ts-group")));
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

/* a table of groups × KPIs; compared, each value with its change under it */
static GtkWidget *
table (TsOutcomesPage     *self,
       TsOutcomeGroupKind  kind,
       guint               n_groups,
       const char         *title,
       const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 14);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);

  gtk_grid_attach (GTK_GRID (grid), cell (_("Customers"), "heading"), 1, 0, 1, 1);
  for (guint k = 0; k < G_N_ELEMENTS (kpis); k++)
    {
      GtkWidget *head = cell (_(kpis[k].title), "heading");

      gtk_widget_set_tooltip_text (head, _(kpi_help[k]));
      gtk_grid_attach (GTK_GRID (grid), head, k + 2, 0, 1, 1);
    }

  for (guint i = 0; i < n_groups; i++)
    {
      const TsOutcomeGroup *g = ts_outcomes_get_group (self->outcomes, kind, i);
      GtkWidget *name = gtk_label_new (g->label);
      g_autofree char *count = g_strdup_printf ("%u", g->customers);
      GtkWidget *members = gtk_button_new_with_label (count);
      g_autofree char *tip = g_strdup_printf (_("The %u customers of %s"), g->customers, g->label);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "heading");
      gtk_grid_attach (GTK_GRID (grid), name, 0, i + 1, 1, 1);
      gtk_widget_add_css_class (members, "flat");
      gtk_widget_set_tooltip_text (members, tip);
      g_object_set_data (G_OBJECT (members), "ts-kind", GINT_TO_POINTER (kind));
      g_object_set_data (G_OBJECT (members), "ts-group", GUINT_TO_POINTER (i));
      g_signal_connect (members, "clicked", G_CALLBACK (on_members_clicked_cb), self);
      gtk_grid_attach (GTK_GRID (grid), members, 1, i + 1, 1, 1);

      for (guint k = 0; k < G_N_ELEMENTS (kpis); k++)
        {
          guint n = 0;
          double v = kpi_value (g, kpis[k].id, &n);
          g_autofree char *text = kpi_format (&kpis[k], v);
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
          GtkWidget *value = cell (text, NULL);
          const TsComparisonRow *row = self->comparison
            ? ts_comparison_find (self->comparison, kind, g->label, kpis[k].id) : NULL;
          g_autofree char *tip_n = NULL;

          gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
          /* Translators: the n a KPI is measured on: "measured on 42" */
          tip_n = g_strdup_printf (_("measured on %u"), n);
          gtk_widget_set_tooltip_text (value, tip_n);
          gtk_box_append (GTK_BOX (box), value);
          if (row && !isnan (row->delta))
            {
              g_autofree char *delta = NULL;
              g_autofree char *before = kpi_format (&kpis[k], row->a);
              g_autofree char *after = kpi_format (&kpis[k], row->b);
              g_autofree char *both = g_strdup_printf ("%s → %s", before, after);
              GtkWidget *change;

              /* the two runs side by side, then the change */
              gtk_label_set_text (GTK_LABEL (value), both);
              if (g_str_equal (kpis[k].unit, "%"))
                delta = g_strdup_printf ("%+.1f pt%s", row->delta * kpis[k].scale, row->significant ? " *" : "");
              else
                delta = g_strdup_printf ("%+.1f%s", row->delta, row->significant ? " *" : "");
              /* significant: green when better for the customers, red when worse */
              change = cell (delta, !row->significant ? "dim-label"
                                    : kpis[k].better * row->delta > 0 ? "success"
                                    : kpis[k].better * row->delta < 0 ? "error" : "accent");
              gtk_widget_add_css_class (change, "caption");
              if (row->significant)
                gtk_widget_set_tooltip_text (change, kpis[k].better * row->delta > 0 ? _("Better, significant at 95%")
                                                     : kpis[k].better * row->delta < 0 ? _("Worse, significant at 95%")
                                                     : _("Significant at 95%"));
              gtk_box_append (GTK_BOX (box), change);
            }
          gtk_grid_attach (GTK_GRID (grid), box, k + 2, i + 1, 1, 1);
        }
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (frame), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_widget_add_css_class (frame, "card");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  return group;
}

static GtkWidget *open_timeline (TsOutcomesPage *self, TsOutcomes *run, guint c);

#define WEEK ((TsTime) 7 * 86400 * G_USEC_PER_SEC)

/* the customer's score each week from twelve weeks before the moment to the
 * end of the outcome window, scored on a dataset of the customer alone */
static TsChart *
score_history (TsScores *scores,
               guint     c,
               TsTime    as_of,
               guint     window_days)
{
  g_autoptr(TsDataset) one = ts_dataset_new_for_customer (ts_scores_get_dataset (scores), c);
  TsPlaybook *pb = ts_scores_get_playbook (scores);
  TsChart *chart = ts_chart_new (TS_CHART_LINES, _("Score over time"));
  guint series, after = MAX (window_days / 7, 1);

  ts_chart_set_axis_labels (chart, _("Week"), _("Score"));
  series = ts_chart_add_series (chart, _("score"), TS_CHART_ROLE_ACCENT, 0);
  for (int k = -12; k <= (int) after; k++)
    {
      TsTime t = as_of + k * WEEK;
      g_autoptr(TsScores) then = ts_scorer_run (one, pb, t, NULL, NULL);
      g_autofree char *iso = ts_timestamp_format_iso (t);
      guint cat;

      iso[10] = '\0';
      cat = ts_chart_add_category (chart, k == 0 ? _("scored") : iso);
      if (then)
        ts_chart_set_value (chart, series, cat, ts_scores_get_score (then, 0));
    }
  return chart;
}

static void
on_governance_row_activated_cb (AdwActionRow   *row,
                                TsOutcomesPage *self)
{
  TsOutcomes *run = g_object_get_data (G_OBJECT (row), "ts-run");

  open_timeline (self, run ? run : self->outcomes, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ts-customer")));
}

static GtkWidget *
governance (TsOutcomesPage         *self,
            TsOutcomes             *run,
            const TsGovernanceItem *items,
            guint                   n,
            const char             *title,
            const char             *description,
            const char             *none)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *counted = g_strdup_printf ("%s (%u)", title, n);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), counted);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (n == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ts_info_row_new (none, NULL, NULL));
  for (guint i = 0; i < MIN (n, 50u); i++)
    {
      GtkWidget *row = ts_info_row_new (customer_id (self, items[i].customer), items[i].reason, NULL);

      g_object_set_data (G_OBJECT (row), "ts-run", run);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data (G_OBJECT (row), "ts-customer", GUINT_TO_POINTER (items[i].customer));
      g_signal_connect (row, "activated", G_CALLBACK (on_governance_row_activated_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (n > 50)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more (touchstone-cli outcomes --json lists them all)"), n - 50);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ts_info_row_new (more, NULL, NULL));
    }
  return group;
}

static GtkWidget *
calibration_and_drift (TsOutcomesPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  guint n = 0;
  const TsCalibration *cal = ts_outcomes_calibration (self->outcomes, &n);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Calibration and Drift"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Does each outcome move one way from band to band? And, compared with another moment, "
                                           "did the scores shift (PSI: below 0.1 stable, below 0.25 moderate)?"));
  for (guint i = 0; i < n; i++)
    {
      const char *verdict = cal[i].monotone ? _("monotone") : _("not monotone");
      GtkWidget *row = ts_info_row_new (cal[i].kpi, cal[i].note, verdict);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (self->drift)
    {
      const TsDriftItem *score = ts_drift_get_score (self->drift);
      g_autofree char *psi = g_strdup_printf ("PSI %.3f, %s", score->psi, ts_stats_psi_verdict_describe (score->verdict));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ts_info_row_new (_("Score drift"), NULL, psi));
      for (guint i = 0; i < ts_drift_get_n_signals (self->drift); i++)
        {
          const TsDriftItem *s = ts_drift_get_signal (self->drift, i);
          g_autofree char *value = g_strdup_printf ("PSI %.3f, %s", s->psi, ts_stats_psi_verdict_describe (s->verdict));

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ts_info_row_new (s->id, NULL, value));
        }
    }
  return group;
}

static void
show_outcomes (TsOutcomesPage *self)
{
  g_autofree char *as_of = ts_timestamp_format_iso (ts_outcomes_get_as_of (self->outcomes));
  g_autofree char *heading = NULL;
  guint n = 0;
  const TsGovernanceItem *items;

  /* Translators: "600 customers, in the 90 days after 2025-08-04T14:00:00Z" */
  heading = g_strdup_printf (_("%u customers, in the %u days after %s"), ts_outcomes_get_all (self->outcomes)->customers,
                             ts_outcomes_get_window_days (self->outcomes), as_of);
  gtk_label_set_text (self->heading, heading);
  update_chart (self);

  ts_box_remove_all (self->groups);
  gtk_box_append (self->groups,
                  table (self, TS_OUTCOME_GROUP_BAND, ts_outcomes_get_n_bands (self->outcomes), _("By Band"),
                         self->comparison ? (self->compare_default
                                             ? _("Each KPI under the bundled playbook → under this one, and the change; * significant at 95%")
                                             : _("Each KPI at the earlier moment → at the later, and the change; * significant at 95%"))
                                          : _("Each customer count opens the customers behind it")));
  gtk_box_append (self->groups,
                  table (self, TS_OUTCOME_GROUP_ROUTE, ts_outcomes_get_n_routes (self->outcomes), _("By Route"),
                         _("Where the playbook sent each moment, and what came of it")));
  /* with a holdout: the customers the playbook would touch, touched or held out */
  if (ts_outcomes_get_holdout (self->outcomes, NULL, NULL))
    gtk_box_append (self->groups,
                    table (self, TS_OUTCOME_GROUP_HOLDOUT, 2, _("Holdout"),
                           _("Of the customers the playbook would touch, those it touched and those it held out "
                             "by their id's hash: the difference is the playbook's lift")));
  /* compared with another moment: the governance of that moment too */
  if (self->comparison && !self->compare_default)
    {
      TsOutcomes *other = ts_comparison_get_a (self->comparison) != self->outcomes ? ts_comparison_get_a (self->comparison)
                                                                                : ts_comparison_get_b (self->comparison);
      g_autofree char *when = ts_timestamp_format_iso (ts_outcomes_get_as_of (other));
      g_autofree char *title = NULL;

      when[10] = '\0';
      /* Translators: "Over-Contacted as of 2025-05-01" */
      title = g_strdup_printf (_("Over-Contacted as of %s"), when);
      items = ts_outcomes_get_false_positives (other, &n);
      gtk_box_append (self->groups,
                      governance (self, other, items, n, title,
                                  _("At the moment compared with: touched, then complained, unsubscribed or turned detractor soon after"),
                                  _("No one was over-contacted")));
    }
  items = ts_outcomes_get_false_positives (self->outcomes, &n);
  gtk_box_append (self->groups,
                  governance (self, self->outcomes, items, n, _("Over-Contacted"),
                              _("Touched in the window, then complained, unsubscribed or turned detractor soon after "
                                "(false positives); each opens the customer's timeline"),
                              _("No one was over-contacted")));
  items = ts_outcomes_get_false_negatives (self->outcomes, &n);
  gtk_box_append (self->groups,
                  governance (self, self->outcomes, items, n, _("Missed Help"),
                              _("High need, but no help routed, then churned, escalated or turned detractor (false negatives)"),
                              _("No help moment was missed")));
  gtk_box_append (self->groups, calibration_and_drift (self));
}

/* ------------------------------------------------------------------ */
/* Drilling down                                                       */
/* ------------------------------------------------------------------ */

/**
 * ts_outcomes_page_open_members:
 *
 * Shows the customers of a band or route, each with its score.
 *
 * Returns: (transfer none): the window shown
 */
GtkWidget *
ts_outcomes_page_open_members (TsOutcomesPage    *self,
                               TsOutcomeGroupKind kind,
                               guint              group)
{
  const TsOutcomeGroup *g;
  const guint *members;
  guint n = 0;
  TsScores *scores;
  GtkWidget *window, *list;
  g_autofree char *title = NULL;

  g_return_val_if_fail (TS_IS_OUTCOMES_PAGE (self) && self->outcomes, NULL);

  g = ts_outcomes_get_group (self->outcomes, kind, group);
  members = ts_outcomes_get_members (self->outcomes, kind, group, &n);
  scores = ts_outcomes_get_scores (self->outcomes);
  /* Translators: "The 40 customers of attention" */
  title = g_strdup_printf (_("The %u customers of %s"), n, g->label);
  window = ts_sheet_new (GTK_WIDGET (self), title, &list);
  for (guint i = 0; i < MIN (n, (guint) N_MEMBERS_LISTED); i++)
    {
      guint c = members[i];
      g_autofree char *score = g_strdup_printf ("%.1f", ts_scores_get_score (scores, c));
      g_autofree char *why = ts_scores_explain_signal (scores, c, ts_scores_get_top_signal (scores, c));
      GtkWidget *row = ts_info_row_new (customer_id (self, c), why, score);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "ts-customer", GUINT_TO_POINTER (c));
      g_signal_connect (row, "activated", G_CALLBACK (on_governance_row_activated_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (list), row);
    }
  if (n > N_MEMBERS_LISTED)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"), n - N_MEMBERS_LISTED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (list), ts_info_row_new (more, NULL, NULL));
    }
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

typedef struct
{
  TsTime  at;
  char   *what;
  char   *detail;
} Moment;

static void
moment_clear (gpointer data)
{
  Moment *m = data;

  g_free (m->what);
  g_free (m->detail);
}

static int
by_time (gconstpointer a,
         gconstpointer b)
{
  const Moment *x = a, *y = b;

  return (x->at > y->at) - (x->at < y->at);
}

static void
add_moment (GArray     *moments,
            TsTime      at,
            char       *what,
            char       *detail)
{
  Moment m = { at, what, detail };

  if (at == TS_TIME_NULL)
    {
      g_free (what);
      g_free (detail);
      return;
    }
  g_array_append_val (moments, m);
}

/**
 * ts_outcomes_page_open_timeline:
 *
 * One customer's touches, cases and answers on one time axis, with the
 * score at the moment and the route it took.
 *
 * Returns: (transfer none): the window shown
 */
GtkWidget *
ts_outcomes_page_open_timeline (TsOutcomesPage *self,
                                guint           c)
{
  g_return_val_if_fail (TS_IS_OUTCOMES_PAGE (self) && self->outcomes, NULL);
  return open_timeline (self, self->outcomes, c);
}

/* @run: whose moment is marked */
static GtkWidget *
open_timeline (TsOutcomesPage *self,
               TsOutcomes     *run,
               guint           c)
{
  TsScores *scores;
  TsDataset *ds;
  const TsTouches *t;
  const TsCases *k;
  const TsResponses *r;
  g_autoptr(GArray) moments = g_array_new (FALSE, FALSE, sizeof (Moment));
  GtkWidget *window, *list;
  TsTime as_of;
  int route;
  gboolean marked = FALSE;

  g_array_set_clear_func (moments, moment_clear);
  scores = ts_outcomes_get_scores (run);
  ds = ts_scores_get_dataset (scores);
  t = ts_dataset_get_touches (ds);
  k = ts_dataset_get_cases (ds);
  r = ts_dataset_get_responses (ds);
  as_of = ts_outcomes_get_as_of (run);
  route = ts_outcomes_get_customer_route (run, c);

  for (guint i = t->by_customer[c]; i < t->by_customer[c + 1]; i++)
    add_moment (moments, t->at[i],
                g_strdup_printf (_("Touched by %s"), ts_dataset_get_string (ds, t->channel[i]) ?: "?"),
                g_strdup (ts_dataset_get_string (ds, t->campaign[i]) ?: ts_dataset_get_string (ds, t->kind[i])));
  for (guint i = k->by_customer[c]; i < k->by_customer[c + 1]; i++)
    {
      const char *category = ts_dataset_get_string (ds, k->category[i]);
      const char *id = ts_dataset_get_string (ds, k->case_id[i]);

      add_moment (moments, k->opened_at[i], g_strdup_printf (_("Case %s opened"), id ?: ""),
                  g_strdup (category));
      add_moment (moments, k->closed_at[i], g_strdup_printf (_("Case %s closed"), id ?: ""), NULL);
    }
  for (guint i = r->by_customer[c]; i < r->by_customer[c + 1]; i++)
    add_moment (moments, r->at[i],
                g_strdup_printf (_("Answered %.0f"), r->score[i]),
                g_strdup (ts_dataset_get_string (ds, r->kind[i])));
  g_array_sort (moments, by_time);

  window = ts_sheet_new (GTK_WIDGET (self), customer_id (self, c), &list);
  {
    /* the customer's score week by week around the moment, on its own: cheap */
    GtkWidget *view = ts_chart_view_new ();
    g_autoptr(TsChart) history = score_history (scores, c, as_of, ts_outcomes_get_window_days (run));

    ts_chart_view_set_chart (TS_CHART_VIEW (view), history);
    gtk_widget_set_name (view, "timeline-score");
    /* Translators: the file name a customer's score history is exported under, without its ending */
    gtk_box_prepend (GTK_BOX (g_object_get_data (G_OBJECT (window), "ts-content")),
                     ts_chart_group_new (TS_CHART_VIEW (view), _("Score over Time"),
                                         _("Week by week, as the playbook would have scored the customer then"),
                                         _("score-history")));
  }
  for (guint i = 0; i <= moments->len; i++)
    {
      Moment *m = i < moments->len ? &g_array_index (moments, Moment, i) : NULL;

      /* the moment scored, where it falls among the records */
      if (!marked && (m == NULL || m->at >= as_of))
        {
          g_autofree char *when = ts_timestamp_format_iso (as_of);
          g_autofree char *what = g_strdup_printf (_("Scored %.1f, band %s → %s"), ts_scores_get_score (scores, c),
                                                   ts_scores_get_band (scores, c)->id,
                                                   route >= 0 ? ts_playbook_get_route (ts_scores_get_playbook (scores), route)->id
                                                              : "–");
          GtkWidget *row = ts_info_row_new (what, when, NULL);

          gtk_widget_add_css_class (row, "timeline-now");
          gtk_widget_set_name (row, "timeline-now");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (list), row);
          marked = TRUE;
        }
      if (m)
        {
          g_autofree char *when = ts_timestamp_format_iso (m->at);
          g_autofree char *subtitle = m->detail ? g_strdup_printf ("%s · %s", when, m->detail) : g_strdup (when);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (list), ts_info_row_new (m->what, subtitle, NULL));
        }
    }
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* ------------------------------------------------------------------ */
/* Exporting the tables                                                */
/* ------------------------------------------------------------------ */

/**
 * ts_outcomes_page_export_csv:
 *
 * Writes the tables — a row per band and per route, a column per KPI and
 * the n it is measured on — atomically.
 */
gboolean
ts_outcomes_page_export_csv (TsOutcomesPage *self,
                             GFile          *file,
                             GError        **error)
{
  g_autoptr(GString) out = g_string_new ("kind,group,customers");
  g_autoptr(GError) local = NULL;
  static const TsOutcomeGroupKind kinds[] = { TS_OUTCOME_GROUP_BAND, TS_OUTCOME_GROUP_ROUTE };

  g_return_val_if_fail (TS_IS_OUTCOMES_PAGE (self), FALSE);
  if (self->outcomes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Nothing is measured yet"));
      return FALSE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (kpis); k++)
    g_string_append_printf (out, ",%s,%s_n", kpis[k].id, kpis[k].id);
  g_string_append (out, "\r\n");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      guint n = kinds[i] == TS_OUTCOME_GROUP_BAND ? ts_outcomes_get_n_bands (self->outcomes)
                                                  : ts_outcomes_get_n_routes (self->outcomes);

      for (guint j = 0; j < n; j++)
        {
          const TsOutcomeGroup *g = ts_outcomes_get_group (self->outcomes, kinds[i], j);

          g_string_append_printf (out, "%s,", ts_outcome_group_kind_to_string (kinds[i]));
          ts_csv_append_field (out, g->label);
          g_string_append_printf (out, ",%u", g->customers);
          for (guint k = 0; k < G_N_ELEMENTS (kpis); k++)
            {
              guint m = 0;
              double v = kpi_value (g, kpis[k].id, &m);
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              /* empty: not measured */
              g_string_append_printf (out, ",%s,%u", isnan (v) ? "" : g_ascii_dtostr (buf, sizeof buf, v), m);
            }
          g_string_append (out, "\r\n");
        }
    }
  if (!g_file_replace_contents (file, out->str, out->len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &local))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local->domain, local->code, _("Could not save the table as “%s”: %s"), name, local->message);
      return FALSE;
    }
  return TRUE;
}

static void
on_export_clicked_cb (GtkButton      *button,
                      TsOutcomesPage *self)
{
  /* Translators: the file name the outcome tables are exported under */
  ts_save_with_chooser (GTK_WIDGET (self), _("Export Table"), _("outcomes.csv"),
                        (TsSaveFunc) ts_outcomes_page_export_csv,
                        /* Translators: %s is a file name */
                        _("Table saved as “%s”"));
}

/* ------------------------------------------------------------------ */
/* API                                                                 */
/* ------------------------------------------------------------------ */

/**
 * ts_outcomes_page_set_scores:
 * @scores: (nullable): the Scoring page's scores
 */
void
ts_outcomes_page_set_scores (TsOutcomesPage *self,
                             TsScores       *scores)
{
  g_return_if_fail (TS_IS_OUTCOMES_PAGE (self));

  if (scores)
    ts_scores_ref (scores);
  g_clear_pointer (&self->scores, ts_scores_unref);
  self->scores = scores;
  measure (self);
}

/**
 * ts_outcomes_page_set_workspace:
 * @workspace: (nullable): keeps the moment compared with, as a view:
 *   { "page": "outcomes", "compare_as_of": "2025-05-01T00:00:00Z" }
 */
void
ts_outcomes_page_set_workspace (TsOutcomesPage *self,
                                TsWorkspace    *workspace)
{
  TsTime t = TS_TIME_NULL;

  g_return_if_fail (TS_IS_OUTCOMES_PAGE (self));
  g_set_object (&self->workspace, workspace);
  if (workspace == NULL || !ts_workspace_get_view_time (workspace, "outcomes", "compare_as_of", &t))
    t = TS_TIME_NULL;
  self->compare_as_of = t;
  if (t != TS_TIME_NULL)
    {
      g_autofree char *iso = ts_timestamp_format_iso (t);
      gtk_editable_set_text (GTK_EDITABLE (self->compare_entry), iso);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->compare_entry), "");
}

/**
 * ts_outcomes_page_set_compare_as_of:
 * @as_of: the other moment, or %TS_TIME_NULL for none
 *
 * Returns: %FALSE when there are no scores to compare
 */
gboolean
ts_outcomes_page_set_compare_as_of (TsOutcomesPage *self,
                                    TsTime          as_of)
{
  g_return_val_if_fail (TS_IS_OUTCOMES_PAGE (self), FALSE);

  self->compare_as_of = as_of;
  if (self->workspace)
    ts_workspace_set_view_time (self->workspace, "outcomes", "compare_as_of", as_of);
  if (as_of != TS_TIME_NULL)
    {
      g_autofree char *iso = ts_timestamp_format_iso (as_of);
      gtk_editable_set_text (GTK_EDITABLE (self->compare_entry), iso);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->compare_entry), "");
  measure (self);
  return self->scores != NULL;
}

/**
 * ts_outcomes_page_set_kpi:
 * @kpi: a KPI's id, such as "nps" or "churn_rate"
 *
 * Which KPI the chart shows by band.
 */
void
ts_outcomes_page_set_kpi (TsOutcomesPage *self,
                          const char     *kpi)
{
  g_return_if_fail (TS_IS_OUTCOMES_PAGE (self));
  for (guint k = 0; k < G_N_ELEMENTS (kpis); k++)
    if (g_str_equal (kpis[k].id, kpi))
      gtk_drop_down_set_selected (self->kpi_chooser, k);
}

gboolean
ts_outcomes_page_get_busy (TsOutcomesPage *self)
{
  g_return_val_if_fail (TS_IS_OUTCOMES_PAGE (self), FALSE);
  return self->work.busy;
}

/**
 * ts_outcomes_page_get_outcomes:
 *
 * Returns: (transfer none) (nullable): the outcomes shown
 */
TsOutcomes *
ts_outcomes_page_get_outcomes (TsOutcomesPage *self)
{
  g_return_val_if_fail (TS_IS_OUTCOMES_PAGE (self), NULL);
  return self->outcomes;
}

/**
 * ts_outcomes_page_get_comparison:
 *
 * Returns: (transfer none) (nullable): the comparison shown
 */
TsComparison *
ts_outcomes_page_get_comparison (TsOutcomesPage *self)
{
  g_return_val_if_fail (TS_IS_OUTCOMES_PAGE (self), NULL);
  return self->comparison;
}

/**
 * ts_outcomes_page_get_chart_view:
 *
 * Returns: (transfer none): the chart of a KPI by band
 */
TsChartView *
ts_outcomes_page_get_chart_view (TsOutcomesPage *self)
{
  g_return_val_if_fail (TS_IS_OUTCOMES_PAGE (self), NULL);
  return self->chart_view;
}

/**
 * ts_outcomes_page_get_drift_view:
 *
 * Returns: (transfer none): the chart of drift month by month
 */
TsChartView *
ts_outcomes_page_get_drift_view (TsOutcomesPage *self)
{
  g_return_val_if_fail (TS_IS_OUTCOMES_PAGE (self), NULL);
  return self->drift_view;
}

/* ------------------------------------------------------------------ */

static void
on_kpi_selected_cb (GtkDropDown    *chooser,
                    GParamSpec     *pspec,
                    TsOutcomesPage *self)
{
  guint k = gtk_drop_down_get_selected (chooser);

  if (k == GTK_INVALID_LIST_POSITION || k >= G_N_ELEMENTS (kpis))
    return;
  self->kpi = k;
  if (self->outcomes)
    update_chart (self);
}

static void
on_compare_activate_cb (GtkEntry       *entry,
                        TsOutcomesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  TsTime t;

  if (*text == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      ts_outcomes_page_set_compare_as_of (self, TS_TIME_NULL);
      return;
    }
  if (!ts_timestamp_parse (text, strlen (text), TS_TIME_FORMAT_ISO8601, NULL, &t))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  ts_outcomes_page_set_compare_as_of (self, t);
}

static void
on_compare_default_toggled_cb (GtkCheckButton *button,
                               TsOutcomesPage *self)
{
  self->compare_default = gtk_check_button_get_active (button);
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_entry), !self->compare_default);
  measure (self);
}

static void
ts_outcomes_page_dispose (GObject *object)
{
  TsOutcomesPage *self = TS_OUTCOMES_PAGE (object);
  GtkWidget *child;

  ts_page_work_cancel (&self->work);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->scores, ts_scores_unref);
  g_clear_pointer (&self->outcomes, ts_outcomes_unref);
  g_clear_pointer (&self->comparison, ts_comparison_unref);
  g_clear_pointer (&self->drift, ts_drift_unref);

  G_OBJECT_CLASS (ts_outcomes_page_parent_class)->dispose (object);
}

static void
ts_outcomes_page_class_init (TsOutcomesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_outcomes_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ts_outcomes_page_init (TsOutcomesPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *compare_label = gtk_label_new (_("Compare with the moment"));
  GtkWidget *export = gtk_button_new_with_label (_("Export Table…"));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *chart_group;

  self->compare_as_of = TS_TIME_NULL;
  self->stack = ts_page_stack_new (GTK_WIDGET (self), "emblem-ok-symbolic", _("No Outcomes Yet"),
                                   _("Once customers are scored, what happened to them after the moment is measured here, "
                                     "by band and by route."), NULL);

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading, 0);
  gtk_label_set_wrap (self->heading, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "title-4");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->heading));

  self->compare_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->compare_entry, _("YYYY-MM-DD"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->compare_entry), 21);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->compare_entry),
                               _("Another moment: the same playbook scored then, and each KPI compared. Empty: no comparison"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->compare_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Compare with the moment"), -1);
  g_signal_connect (self->compare_entry, "activate", G_CALLBACK (on_compare_activate_cb), self);
  g_signal_connect (export, "clicked", G_CALLBACK (on_export_clicked_cb), self);
  gtk_widget_set_hexpand (GTK_WIDGET (self->compare_entry), FALSE);
  gtk_box_append (GTK_BOX (controls), compare_label);
  gtk_box_append (GTK_BOX (controls), GTK_WIDGET (self->compare_entry));
  {
    GtkWidget *playbook = gtk_check_button_new_with_label (_("or with the bundled playbook"));

    gtk_widget_set_tooltip_text (playbook, _("This workspace's playbook against the bundled one, on the same data and moment"));
    gtk_widget_set_name (playbook, "compare-default");
    g_signal_connect (playbook, "toggled", G_CALLBACK (on_compare_default_toggled_cb), self);
    gtk_box_append (GTK_BOX (controls), playbook);
  }
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  gtk_widget_set_hexpand (GTK_WIDGET (self->status), TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_box_append (GTK_BOX (controls), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (controls), export);
  gtk_box_append (GTK_BOX (box), controls);

  for (guint k = 0; k < G_N_ELEMENTS (kpis); k++)
    gtk_string_list_append (names, _(kpis[k].title));
  self->kpi_chooser = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kpi_chooser), _("The KPI the chart shows by band"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kpi_chooser), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The KPI the chart shows"), -1);
  g_signal_connect (self->kpi_chooser, "notify::selected", G_CALLBACK (on_kpi_selected_cb), self);
  self->chart_view = TS_CHART_VIEW (ts_chart_view_new ());
  g_signal_connect (self->chart_view, "category-activated", G_CALLBACK (on_band_activated_cb), self);
  /* Translators: the file name a chart of one KPI by band is exported under, without its ending */
  chart_group = ts_chart_group_new (self->chart_view, _("A KPI by Band"),
                                    _("The KPI picked above; a band with nothing to measure has no bar"),
                                    _("outcomes-by-band"));
  gtk_box_insert_child_after (GTK_BOX (controls), GTK_WIDGET (self->kpi_chooser), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (box), chart_group);
  self->drift_view = TS_CHART_VIEW (ts_chart_view_new ());
  /* Translators: the file name the drift chart is exported under, without its ending */
  gtk_box_append (GTK_BOX (box), ts_chart_group_new (self->drift_view, _("Drift"),
                                                     _("How far the scores and each signal moved from one month to the next "
                                                       "(PSI: below 0.1 stable, below 0.25 moderate, above significant)"),
                                                     _("score-drift")));

  self->groups = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->groups));
  gtk_stack_add_named (self->stack, ts_page_scroller_new (box, 1200, GTK_POLICY_AUTOMATIC), "content");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
ts_outcomes_page_new (void)
{
  return g_object_new (TS_TYPE_OUTCOMES_PAGE, NULL);
}

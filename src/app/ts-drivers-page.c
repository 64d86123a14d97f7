/* ts-drivers-page.c — the CX driver index: the moments that lower and raise
 * satisfaction, period by period
 *
 * The page follows the Scoring page's data and playbook, and counts each
 * driver of the playbook per week or month on a worker thread
 * (ts-drivers.c): the index over time as a chart, the alerts over their
 * thresholds (each opening the customers behind it), the key-driver
 * ranking (NPS of customers exposed to a driver against the others), and
 * the customers whose answers moved between promoter and detractor, with
 * the moments between.  Edit Drivers… opens the playbook's drivers
 * (ts-drivers-dialog.c); a valid edit there scores again, and the new
 * scores' playbook is counted again here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ts-drivers-page.h"
#include "ts-rows.h"

#define N_LISTED 30

struct _TsDriversPage
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  GtkLabel       *heading;
  GtkDropDown    *period_chooser;
  TsChartView    *chart_view;
  TsChartView    *lowering_view;
  TsChartView    *raising_view;
  GtkBox         *groups;
  GtkLabel       *status;

  TsScores       *scores;         /* the Scoring page's: its data and playbook */
  TsDriverPeriod  period;
  TsPageWork      work;
  TsDrivers      *drivers;
};

G_DEFINE_FINAL_TYPE (TsDriversPage, ts_drivers_page, GTK_TYPE_WIDGET)

static void show_drivers (TsDriversPage *self);

/* ------------------------------------------------------------------ */
/* Counting off the main thread                                        */
/* ------------------------------------------------------------------ */

static gpointer
count_thread (TsDataset     *dataset,
              TsPlaybook    *playbook,
              gconstpointer  options,
              GCancellable  *cancellable,
              GError       **error)
{
  TsDriverPeriod period = *(const TsDriverPeriod *) options;

  return ts_drivers_compute (dataset, playbook, period, TS_TIME_NULL, TS_TIME_NULL, cancellable, error);
}

static void
on_counted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TsDriversPage *self = TS_DRIVERS_PAGE (object);
  gpointer computed = ts_page_work_take_playbook (&self->work, result, self->status, self->stack);

  if (computed == NULL)
    return;
  g_clear_pointer (&self->drivers, ts_drivers_unref);
  self->drivers = computed;
  ts_page_show_when_mapped (GTK_WIDGET (self), (TsPageShowFunc) show_drivers);
}

static void
count (TsDriversPage *self)
{
  ts_page_work_cancel (&self->work);
  if (self->scores == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_label_set_text (self->status, _("Counting…"));
  ts_page_work_start_playbook (&self->work, self, self->scores, &self->period, sizeof self->period, count_thread,
                               (GDestroyNotify) ts_drivers_unref, on_counted_cb);
}

/* ------------------------------------------------------------------ */
/* Showing them                                                        */
/* ------------------------------------------------------------------ */

static const char *
driver_name (TsDrivers *drivers,
             guint      d)
{
  const TsDriver *driver = ts_drivers_get_driver (drivers, d);

  return driver->label ? driver->label : driver->id;
}

/* the index period by period, and each lowering driver that alerted: its
 * period marked with the driver and how far over its threshold it went */
static void
update_chart (TsDriversPage *self)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_LINES, _("CX driver index"));
  guint n = ts_drivers_get_n_periods (self->drivers);
  const TsDriverAlert *alerts;
  guint index_series, n_alerts = 0;

  ts_chart_set_axis_labels (chart, self->period == TS_DRIVER_PERIOD_WEEK ? _("Week") : _("Month"),
                            _("Index: raising minus lowering moments per 1,000, weighted"));
  index_series = ts_chart_add_series (chart, _("index"), TS_CHART_ROLE_ACCENT, 0);
  for (guint p = 0; p < n; p++)
    {
      g_autofree char *label = ts_drivers_dup_period_label (self->drivers, p);
      guint c = ts_chart_add_category (chart, label);

      ts_chart_set_value (chart, index_series, c, ts_drivers_get_index (self->drivers, p));
    }
  alerts = ts_drivers_get_alerts (self->drivers, &n_alerts);
  for (guint i = 0; i < n_alerts; i++)
    {
      /* Translators: a driver over its threshold in a period of the index chart:
       * "Outages: 453 per 1,000 (alert at 20)" */
      g_autofree char *note = g_strdup_printf (_("%s: %.0f per 1,000 (alert at %.0f)"),
                                               driver_name (self->drivers, alerts[i].driver),
                                               alerts[i].per_1000, alerts[i].threshold);

      ts_chart_mark_category (chart, alerts[i].period, note);
    }
  ts_chart_view_set_chart (self->chart_view, chart);
}

/* each driver of one direction, per 1,000 customers period by period */
static TsChart *
breakdown_chart (TsDrivers         *drivers,
                 TsDriverDirection  direction,
                 const char        *title)
{
  TsChart *chart = ts_chart_new (TS_CHART_LINES, title);
  guint n = ts_drivers_get_n_periods (drivers), n_drivers = ts_drivers_get_n_drivers (drivers), k = 0;
  g_autofree guint *series = g_new0 (guint, MAX (n_drivers, 1));

  ts_chart_set_axis_labels (chart, ts_drivers_get_period (drivers) == TS_DRIVER_PERIOD_WEEK ? _("Week") : _("Month"),
                            _("Moments per 1,000 customers"));
  for (guint p = 0; p < n; p++)
    {
      g_autofree char *label = ts_drivers_dup_period_label (drivers, p);
      ts_chart_add_category (chart, label);
    }
  for (guint d = 0; d < n_drivers; d++)
    if (ts_drivers_get_driver (drivers, d)->direction == direction)
      series[d] = ts_chart_add_series (chart, driver_name (drivers, d), TS_CHART_ROLE_CATEGORY, k++);
  for (guint d = 0; d < n_drivers; d++)
    {
      if (ts_drivers_get_driver (drivers, d)->direction != direction)
        continue;
      for (guint p = 0; p < n; p++)
        ts_chart_set_value (chart, series[d], p, ts_drivers_get_cell (drivers, p, d)->per_1000);
    }
  return chart;
}

/* a period of the index: the customers of its first alert, if it has one */
static void
on_period_activated_cb (TsChartView   *view,
                        guint          period,
                        TsDriversPage *self)
{
  const TsDriverAlert *alerts;
  guint n = 0;

  if (self->drivers == NULL)
    return;
  alerts = ts_drivers_get_alerts (self->drivers, &n);
  for (guint i = 0; i < n; i++)
    if (alerts[i].period == period)
      {
        ts_drivers_page_open_members (self, period, alerts[i].driver);
        return;
      }
}

static void
on_alert_activated_cb (AdwActionRow  *row,
                       TsDriversPage *self)
{
  ts_drivers_page_open_members (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ts-period")),
                                GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ts-driver")));
}

static void
on_story_activated_cb (AdwActionRow  *row,
                       TsDriversPage *self)
{
  ts_drivers_page_open_story (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ts-story")));
}

/* @row opens story @story */
static void
story_row_activatable (TsDriversPage *self,
                       GtkWidget     *row,
                       guint          story)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "ts-story", GUINT_TO_POINTER (story));
  g_signal_connect (row, "activated", G_CALLBACK (on_story_activated_cb), self);
}

/* "from promoter to detractor, 10 → 3" */
static char *
story_summary (const TsDriverStory *s)
{
  return g_strdup_printf (s->direction == TS_DRIVER_STORY_FELL ? _("from promoter to detractor, %.0f → %.0f")
                                                               : _("from detractor to promoter, %.0f → %.0f"),
                          s->from_answer.score, s->to_answer.score);
}

static GtkWidget *
group_new (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
show_drivers (TsDriversPage *self)
{
  TsDataset *ds = ts_drivers_get_dataset (self->drivers);
  g_autofree char *from = ts_timestamp_format_iso (ts_drivers_get_from (self->drivers));
  g_autofree char *to = ts_timestamp_format_iso (ts_drivers_get_to (self->drivers));
  g_autofree char *heading = NULL;
  const TsDriverAlert *alerts;
  const TsDriverImpact *impact;
  const TsDriverStory *stories;
  GtkWidget *group;
  guint n = 0;

  from[10] = to[10] = '\0';
  /* Translators: "13 drivers by week, 2024-12-30 to 2026-01-03" */
  heading = g_strdup_printf (self->period == TS_DRIVER_PERIOD_WEEK ? _("%u drivers by week, %s to %s")
                                                                   : _("%u drivers by month, %s to %s"),
                             ts_drivers_get_n_drivers (self->drivers), from, to);
  gtk_label_set_text (self->heading, heading);
  update_chart (self);
  {
    g_autoptr(TsChart) lowering = breakdown_chart (self->drivers, TS_DRIVER_LOWERS, _("Moments that lower satisfaction"));
    g_autoptr(TsChart) raising = breakdown_chart (self->drivers, TS_DRIVER_RAISES, _("Moments that raise satisfaction"));

    ts_chart_view_set_chart (self->lowering_view, lowering);
    ts_chart_view_set_chart (self->raising_view, raising);
  }
  ts_box_remove_all (self->groups);

  alerts = ts_drivers_get_alerts (self->drivers, &n);
  {
    g_autofree char *title = g_strdup_printf (_("Alerts (%u)"), n);

    group = group_new (title, _("Periods where a driver crossed its threshold; each opens the customers behind it"));
  }
  if (n == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ts_info_row_new (_("No driver crossed its threshold"), NULL, NULL));
  for (guint i = 0; i < MIN (n, (guint) N_LISTED); i++)
    {
      g_autofree char *period = ts_drivers_dup_period_label (self->drivers, alerts[i].period);
      g_autofree char *title = g_strdup_printf ("%s · %s", period, driver_name (self->drivers, alerts[i].driver));
      g_autofree char *subtitle = NULL;
      g_autofree char *value = g_strdup_printf (_("%.0f per 1,000"), alerts[i].per_1000);
      GtkWidget *row;

      /* Translators: "202 moments, 117 customers; threshold 100 per 1,000" */
      subtitle = g_strdup_printf (_("%u moments, %u customers; threshold %.0f per 1,000"),
                                  alerts[i].moments, alerts[i].customers, alerts[i].threshold);
      row = ts_info_row_new (title, subtitle, value);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "ts-period", GUINT_TO_POINTER (alerts[i].period));
      g_object_set_data (G_OBJECT (row), "ts-driver", GUINT_TO_POINTER (alerts[i].driver));
      g_signal_connect (row, "activated", G_CALLBACK (on_alert_activated_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->groups, group);

  impact = ts_drivers_get_impact (self->drivers, &n);
  group = group_new (_("Key Drivers"),
                     _("NPS of the answers of customers exposed to a driver in the window before, against the others; "
                       "the biggest drop first (a comparison, not a cause)"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *subtitle = NULL;
      g_autofree char *value = NULL;

      if (isnan (impact[i].nps_difference))
        continue;
      /* Translators: "exposed −97 (74 answers), others −16 (413)" */
      subtitle = g_strdup_printf (_("exposed %+.0f (%u answers), others %+.0f (%u)"),
                                  impact[i].exposed_nps.value, impact[i].exposed_nps.n,
                                  impact[i].unexposed_nps.value, impact[i].unexposed_nps.n);
      value = g_strdup_printf ("%+.0f [%+.0f, %+.0f]", impact[i].nps_difference,
                               impact[i].nps_difference_low, impact[i].nps_difference_high);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 ts_info_row_new (driver_name (self->drivers, impact[i].driver), subtitle, value));
    }
  gtk_box_append (self->groups, group);

  stories = ts_drivers_get_stories (self->drivers, &n);
  {
    g_autofree char *title = g_strdup_printf (_("Moments That Mattered (%u)"), n);

    group = group_new (title, _("Customers whose answers moved between promoter and detractor, and the lowering moments between"));
  }
  for (guint i = 0; i < MIN (n, (guint) N_LISTED); i++)
    {
      const TsDriverStory *s = &stories[i];
      g_autoptr(GString) between = g_string_new (NULL);
      g_autofree char *value = g_strdup_printf ("%.0f → %.0f", s->from_answer.score, s->to_answer.score);
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      GtkWidget *row;

      for (guint k = 0; k < s->n_moments; k++)
        {
          if (ts_drivers_get_driver (self->drivers, s->moments[k].driver)->direction != TS_DRIVER_LOWERS ||
              !g_hash_table_add (seen, GUINT_TO_POINTER (s->moments[k].driver + 1)))
            continue;
          g_string_append_printf (between, "%s%s", between->len ? ", " : "", driver_name (self->drivers, s->moments[k].driver));
        }
      if (between->len == 0)
        g_string_append (between, _("no lowering moment between the answers"));
      row = ts_info_row_new (ts_dataset_get_customer_id (ds, s->customer), between->str, value);
      story_row_activatable (self, row, i);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->groups, group);
}

/* ------------------------------------------------------------------ */
/* API                                                                 */
/* ------------------------------------------------------------------ */

/**
 * ts_drivers_page_open_members:
 *
 * Shows the customers behind a driver's moments in a period.
 *
 * Returns: (transfer none): the window shown
 */
GtkWidget *
ts_drivers_page_open_members (TsDriversPage *self,
                              guint          period,
                              guint          driver)
{
  GtkWidget *window, *group;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  const TsDriverStory *stories;
  const guint *members;
  guint n = 0, n_stories = 0;
  TsDataset *ds;

  g_return_val_if_fail (TS_IS_DRIVERS_PAGE (self) && self->drivers, NULL);

  members = ts_drivers_get_members (self->drivers, period, driver, &n);
  stories = ts_drivers_get_stories (self->drivers, &n_stories);
  ds = ts_drivers_get_dataset (self->drivers);
  label = ts_drivers_dup_period_label (self->drivers, period);
  /* Translators: "outage in 2025-W31: 117 customers" */
  title = g_strdup_printf (_("%s in %s: %u customers"), driver_name (self->drivers, driver), label, n);
  window = ts_sheet_new (GTK_WIDGET (self), title, &group);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Those whose answers moved between promoter and detractor open their story"));
  for (guint i = 0; i < MIN (n, 200u); i++)
    {
      GtkWidget *row = ts_info_row_new (ts_dataset_get_customer_id (ds, members[i]), NULL, NULL);
      int story = -1;

      /* the customer's last story, if the moment changed their mind */
      for (guint k = 0; k < n_stories; k++)
        if (stories[k].customer == members[i])
          story = (int) k;
      if (story >= 0)
        {
          g_autofree char *subtitle = story_summary (&stories[story]);

          ts_info_row_update (row, ts_dataset_get_customer_id (ds, members[i]), subtitle);
          story_row_activatable (self, row, story);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (n > 200)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"), n - 200);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ts_info_row_new (more, NULL, NULL));
    }
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static char *
day_of (TsTime t)
{
  g_autofree char *iso = ts_timestamp_format_iso (t);

  return g_strndup (iso, 10);
}

/**
 * ts_drivers_page_open_story:
 * @story: its index in the stories
 *
 * Shows a moment that mattered: the customer's two answers and, in time
 * order between them, the moments that lowered satisfaction; those that
 * raised it counted by driver.
 *
 * Returns: (transfer none): the window shown
 */
GtkWidget *
ts_drivers_page_open_story (TsDriversPage *self,
                            guint          story)
{
  const TsDriverStory *stories, *s;
  g_autofree char *title = NULL;
  g_autofree guint *raising = NULL;
  GtkWidget *window, *group, *raised;
  TsDataset *ds;
  guint n = 0, listed = 0;

  g_return_val_if_fail (TS_IS_DRIVERS_PAGE (self) && self->drivers, NULL);
  stories = ts_drivers_get_stories (self->drivers, &n);
  g_return_val_if_fail (story < n, NULL);

  s = &stories[story];
  ds = ts_drivers_get_dataset (self->drivers);
  /* Translators: "C-00042: from promoter to detractor" */
  title = g_strdup_printf (s->direction == TS_DRIVER_STORY_FELL ? _("%s: from promoter to detractor")
                                                                 : _("%s: from detractor to promoter"),
                           ts_dataset_get_customer_id (ds, s->customer));
  window = ts_sheet_new (GTK_WIDGET (self), title, &group);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Between the Two Answers"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The moments that lowered satisfaction, in time order"));
  raising = g_new0 (guint, ts_drivers_get_n_drivers (self->drivers) + 1);
  {
    g_autofree char *day = day_of (s->from_answer.at);
    /* Translators: "NPS 10: a promoter" */
    g_autofree char *what = g_strdup_printf (s->from_answer.score >= 9 ? _("NPS %.0f: a promoter") : _("NPS %.0f: a detractor"),
                                             s->from_answer.score);

    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ts_info_row_new (what, NULL, day));
  }
  for (guint k = 0; k < s->n_moments; k++)
    {
      const TsDriver *d = ts_drivers_get_driver (self->drivers, s->moments[k].driver);
      g_autofree char *day = NULL;

      if (d->direction == TS_DRIVER_RAISES)
        {
          raising[s->moments[k].driver]++;
          continue;
        }
      if (listed++ == 100)
        continue;
      day = day_of (s->moments[k].at);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 ts_info_row_new (driver_name (self->drivers, s->moments[k].driver), NULL, day));
    }
  if (listed > 100)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"), listed - 100);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ts_info_row_new (more, NULL, NULL));
    }
  if (listed == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               ts_info_row_new (_("No moment lowered satisfaction between the answers"), NULL, NULL));
  {
    g_autofree char *day = day_of (s->to_answer.at);
    g_autofree char *what = g_strdup_printf (s->to_answer.score >= 9 ? _("NPS %.0f: a promoter") : _("NPS %.0f: a detractor"),
                                             s->to_answer.score);

    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ts_info_row_new (what, NULL, day));
  }

  raised = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (raised), _("Moments That Raised Satisfaction Meanwhile"));
  for (guint d = 0; d < ts_drivers_get_n_drivers (self->drivers); d++)
    if (raising[d] > 0)
      {
        g_autofree char *count = g_strdup_printf ("%u", raising[d]);

        adw_preferences_group_add (ADW_PREFERENCES_GROUP (raised), ts_info_row_new (driver_name (self->drivers, d), NULL, count));
      }
  if (gtk_widget_get_first_child (raised) != NULL)
    gtk_box_append (GTK_BOX (g_object_get_data (G_OBJECT (window), "ts-content")), raised);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/**
 * ts_drivers_page_set_scores:
 * @scores: (nullable): the Scoring page's: their data and playbook are
 *   counted
 */
void
ts_drivers_page_set_scores (TsDriversPage *self,
                            TsScores      *scores)
{
  g_return_if_fail (TS_IS_DRIVERS_PAGE (self));

  /* the index needs the data and playbook only: a new moment alone changes nothing */
  if (self->scores && scores && self->drivers &&
      ts_scores_get_dataset (scores) == ts_scores_get_dataset (self->scores) &&
      ts_scores_get_playbook (scores) == ts_scores_get_playbook (self->scores))
    return;
  if (scores)
    ts_scores_ref (scores);
  g_clear_pointer (&self->scores, ts_scores_unref);
  self->scores = scores;
  count (self);
}

/**
 * ts_drivers_page_set_period:
 */
void
ts_drivers_page_set_period (TsDriversPage  *self,
                            TsDriverPeriod  period)
{
  g_return_if_fail (TS_IS_DRIVERS_PAGE (self));
  gtk_drop_down_set_selected (self->period_chooser, period == TS_DRIVER_PERIOD_MONTH ? 1 : 0);
}

gboolean
ts_drivers_page_get_busy (TsDriversPage *self)
{
  g_return_val_if_fail (TS_IS_DRIVERS_PAGE (self), FALSE);
  return self->work.busy;
}

/**
 * ts_drivers_page_get_drivers:
 *
 * Returns: (transfer none) (nullable): the index shown
 */
TsDrivers *
ts_drivers_page_get_drivers (TsDriversPage *self)
{
  g_return_val_if_fail (TS_IS_DRIVERS_PAGE (self), NULL);
  return self->drivers;
}

/**
 * ts_drivers_page_get_breakdown_view:
 * @direction: the drivers that lower or those that raise satisfaction
 *
 * Returns: (transfer none): the chart of those drivers, each its own line
 */
TsChartView *
ts_drivers_page_get_breakdown_view (TsDriversPage     *self,
                                    TsDriverDirection  direction)
{
  g_return_val_if_fail (TS_IS_DRIVERS_PAGE (self), NULL);
  return direction == TS_DRIVER_LOWERS ? self->lowering_view : self->raising_view;
}

/**
 * ts_drivers_page_get_chart_view:
 *
 * Returns: (transfer none): the chart of the index over time
 */
TsChartView *
ts_drivers_page_get_chart_view (TsDriversPage *self)
{
  g_return_val_if_fail (TS_IS_DRIVERS_PAGE (self), NULL);
  return self->chart_view;
}

/* ------------------------------------------------------------------ */

static void
on_period_selected_cb (GtkDropDown   *chooser,
                       GParamSpec    *pspec,
                       TsDriversPage *self)
{
  TsDriverPeriod period = gtk_drop_down_get_selected (chooser) == 1 ? TS_DRIVER_PERIOD_MONTH : TS_DRIVER_PERIOD_WEEK;

  if (period == self->period)
    return;
  self->period = period;
  count (self);
}

static void
ts_drivers_page_dispose (GObject *object)
{
  TsDriversPage *self = TS_DRIVERS_PAGE (object);
  GtkWidget *child;

  ts_page_work_cancel (&self->work);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->scores, ts_scores_unref);
  g_clear_pointer (&self->drivers, ts_drivers_unref);

  G_OBJECT_CLASS (ts_drivers_page_parent_class)->dispose (object);
}

static void
ts_drivers_page_class_init (TsDriversPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_drivers_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ts_drivers_page_init (TsDriversPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *edit;

  self->period = TS_DRIVER_PERIOD_WEEK;
  self->stack = ts_page_stack_new (GTK_WIDGET (self), "view-paged-symbolic", _("No Drivers Yet"),
                                   _("Once data is loaded, the moments that lower and raise satisfaction are counted here, "
                                     "week by week."), NULL);

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->heading, 0);
  gtk_label_set_wrap (self->heading, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->heading), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "title-4");
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "dim-label");
  self->period_chooser = GTK_DROP_DOWN (gtk_drop_down_new_from_strings ((const char *const[]) { _("By Week"), _("By Month"), NULL }));
  gtk_widget_set_valign (GTK_WIDGET (self->period_chooser), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->period_chooser), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Period"), -1);
  g_signal_connect (self->period_chooser, "notify::selected", G_CALLBACK (on_period_selected_cb), self);
  edit = gtk_button_new_with_label (_("Edit Drivers…"));
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (edit, _("Change the drivers: their filters, direction, weights and alerts"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "window.edit-drivers");
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->heading));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->status));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->period_chooser));
  gtk_box_append (GTK_BOX (top), edit);
  gtk_box_append (GTK_BOX (box), top);

  self->chart_view = TS_CHART_VIEW (ts_chart_view_new ());
  g_signal_connect (self->chart_view, "category-activated", G_CALLBACK (on_period_activated_cb), self);
  /* Translators: the file name the driver index chart is exported under, without its ending */
  gtk_box_append (GTK_BOX (box), ts_chart_group_new (self->chart_view, _("The Index over Time"),
                                                     _("Moments that raise satisfaction minus those that lower it, per 1,000 "
                                                       "customers, weighted by the playbook; a drop is where customers had a bad time"),
                                                     _("driver-index")));
  self->groups = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->groups));
  /* driver by driver, after the findings */
  self->lowering_view = TS_CHART_VIEW (ts_chart_view_new ());
  self->raising_view = TS_CHART_VIEW (ts_chart_view_new ());
  /* Translators: the file names the driver breakdown charts are exported under, without their ending */
  gtk_box_append (GTK_BOX (box), ts_chart_group_new (self->lowering_view, _("Lowering, Driver by Driver"),
                                                     _("Each moment that lowers satisfaction, per 1,000 customers"),
                                                     _("drivers-lowering")));
  gtk_box_append (GTK_BOX (box), ts_chart_group_new (self->raising_view, _("Raising, Driver by Driver"),
                                                     _("Each moment that raises satisfaction, per 1,000 customers"),
                                                     _("drivers-raising")));
  gtk_stack_add_named (self->stack, ts_page_scroller_new (box, 1000, GTK_POLICY_NEVER), "content");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
ts_drivers_page_new (void)
{
  return g_object_new (TS_TYPE_DRIVERS_PAGE, NULL);
}

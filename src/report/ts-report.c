/* ts-report.c — the monthly review as one document
 *
 * The review is built once as a list of blocks (headings, paragraphs,
 * tables, charts), then written as HTML — charts inlined as SVG drawn by
 * cairo's SVG surface — or as a PDF on A4 pages through cairo's PDF surface,
 * the text laid out by Pango, tables carried over pages with their header
 * repeated.  Charts are the project's TsChart, drawn by ts-chart-render.c
 * as the app draws them and exports them.  Either file is
 * written whole or not at all (g_file_replace_contents).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ts-chart-render.h"
#include "ts-report.h"

#define DAY ((TsTime) 86400 * G_USEC_PER_SEC)

/* A4 in points, and its margins */
#define PAGE_WIDTH  595.0
#define PAGE_HEIGHT 842.0
#define MARGIN      48.0
#define CHART_WIDTH  499.0
#define CHART_HEIGHT 230.0
#define CHART_FONT   "Sans 8"
#define LIST_LIMIT   15

typedef enum
{
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_TABLE,
  BLOCK_CHART,
} BlockKind;

typedef struct
{
  BlockKind   kind;
  char       *text;          /* TITLE, HEADING, TEXT; CHART: its caption */
  GPtrArray  *rows;          /* TABLE: GStrv, the first the header */
  double     *widths;        /* TABLE: each column's share of the width */
  guint       n_columns;
  TsChart    *chart;         /* CHART */
} Block;

struct _TsReport
{
  TsMaturity  *maturity;
  TsMaturity  *before;       /* the month before; NULL when it cannot be measured */
  TsDrivers   *drivers;
  char        *title;
  GPtrArray   *blocks;       /* Block */
};

static void
block_free (gpointer data)
{
  Block *b = data;

  g_free (b->text);
  g_clear_pointer (&b->rows, g_ptr_array_unref);
  g_free (b->widths);
  g_clear_pointer (&b->chart, ts_chart_unref);
  g_free (b);
}

void
ts_report_free (TsReport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->maturity, ts_maturity_unref);
  g_clear_pointer (&self->before, ts_maturity_unref);
  g_clear_pointer (&self->drivers, ts_drivers_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_free (self->title);
  g_free (self);
}

TsMaturity *
ts_report_get_maturity (TsReport *self)
{
  return self->maturity;
}

TsMaturity *
ts_report_get_before (TsReport *self)
{
  return self->before;
}

TsDrivers *
ts_report_get_drivers (TsReport *self)
{
  return self->drivers;
}

gboolean
ts_report_format_from_string (const char     *name,
                              TsReportFormat *format)
{
  if (g_ascii_strcasecmp (name, "pdf") == 0)
    *format = TS_REPORT_FORMAT_PDF;
  else if (g_ascii_strcasecmp (name, "html") == 0)
    *format = TS_REPORT_FORMAT_HTML;
  else
    return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* the blocks                                                             */

static Block *
add_block (TsReport   *self,
           BlockKind   kind,
           const char *text)
{
  Block *b = g_new0 (Block, 1);

  b->kind = kind;
  b->text = g_strdup (text);
  g_ptr_array_add (self->blocks, b);
  return b;
}

static void G_GNUC_PRINTF (2, 3)
add_text (TsReport   *self,
          const char *format,
          ...)
{
  va_list args;
  Block *b = add_block (self, BLOCK_TEXT, NULL);

  va_start (args, format);
  b->text = g_strdup_vprintf (format, args);
  va_end (args);
}

/* @widths: the columns' shares, then 0 */
static Block *
add_table (TsReport     *self,
           const double *widths,
           ...)
{
  Block *b = add_block (self, BLOCK_TABLE, NULL);
  GPtrArray *header = g_ptr_array_new ();
  const char *h;
  va_list args;

  for (b->n_columns = 0; widths[b->n_columns] > 0; b->n_columns++)
    ;
  b->widths = g_memdup2 (widths, b->n_columns * sizeof (double));
  b->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  va_start (args, widths);
  while ((h = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (header, g_strdup (h));
  va_end (args);
  g_assert (header->len == b->n_columns);
  g_ptr_array_add (header, NULL);
  g_ptr_array_add (b->rows, g_ptr_array_free (header, FALSE));
  return b;
}

/* the cells are taken */
static void
add_row (Block *table,
         ...)
{
  GPtrArray *row = g_ptr_array_new ();
  char *cell;
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    {
      cell = va_arg (args, char *);
      g_ptr_array_add (row, cell ? cell : g_strdup ("–"));
    }
  va_end (args);
  g_ptr_array_add (row, NULL);
  g_ptr_array_add (table->rows, g_ptr_array_free (row, FALSE));
}

static void
add_chart (TsReport   *self,
           TsChart    *chart,
           const char *caption)
{
  Block *b = add_block (self, BLOCK_CHART, caption);

  b->chart = chart;
}

static char *
fmt (double      v,
     const char *format)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return isnan (v) ? g_strdup ("–") : g_strdup_printf (format, v);
#pragma GCC diagnostic pop
}

static char *
fmt_kpi (TsKpiUnit unit,
         double    v)
{
  switch (unit)
    {
    case TS_KPI_UNIT_RATE: return fmt (100 * v, "%.1f%%");
    case TS_KPI_UNIT_HOURS: return fmt (v, "%.1f h");
    case TS_KPI_UNIT_NPS: return fmt (v, "%+.0f");
    case TS_KPI_UNIT_CSAT: return fmt (v, "%.2f");
    case TS_KPI_UNIT_PSI: return fmt (v, "%.3f");
    case TS_KPI_UNIT_MONEY: return fmt (v, "%.0f");
    case TS_KPI_UNIT_NUMBER: default: return fmt (v, v == floor (v) ? "%.0f" : "%.2f");
    }
}

static char *
fmt_delta (TsKpiUnit unit,
           double    delta)
{
  g_autofree char *v = fmt_kpi (unit, delta);

  if (isnan (delta))
    return g_steal_pointer (&v);
  return delta > 0 && v[0] != '+' ? g_strconcat ("+", v, NULL) : g_steal_pointer (&v);
}

static char *
fmt_day (TsTime t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);

  return g_date_time_format (dt, "%Y-%m-%d");
}

static void
build_matrix (TsReport *self)
{
  static const double widths[] = { 0.22, 0.18, 0.16, 0.28, 0.16, 0 };
  TsMaturity *m = self->maturity;
  Block *t;

  add_block (self, BLOCK_HEADING, _("Maturity matrix"));
  add_text (self, "%s", _("Each capability of CX scoring, where it stands between ad hoc and operationalised "
                          "(the criteria it meets), and its primary KPI against the month before."));
  t = add_table (self, widths, _("Capability"), _("Owner"), _("Stage"), _("Primary KPI"), _("Δ month"), NULL);
  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    {
      const TsCapability *cap = ts_maturity_get_capability (m, i);
      const TsMaturityKpi *k = &cap->kpis[0];
      const TsMaturityKpi *o = self->before ? ts_maturity_find_kpi (self->before, k->id) : NULL;
      g_autofree char *value = fmt_kpi (k->unit, k->value);

      add_row (t, g_strdup (cap->name),
               cap->owner ? g_strdup (cap->owner) : g_strdup_printf (_("nobody (suggested: %s)"), cap->default_owner),
               g_strdup_printf ("%s (%u/%u)", ts_maturity_level_describe (cap->level), cap->n_met, cap->n_criteria),
               g_strdup_printf ("%s: %s", k->label, value),
               o ? fmt_delta (k->unit, k->value - o->value) : NULL);
    }
  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    {
      const TsCapability *cap = ts_maturity_get_capability (m, i);
      g_autoptr(GString) s = g_string_new (NULL);

      for (guint k = 0; k < cap->n_criteria; k++)
        if (!cap->criteria[k].met)
          g_string_append_printf (s, "%s%s", s->len ? "; " : "", cap->criteria[k].text);
      if (s->len)
        add_text (self, _("%s — to do: %s."), cap->name, s->str);
    }
}

static void
build_side_by_side (TsReport *self)
{
  static const double widths[] = { 0.46, 0.18, 0.18, 0.18, 0 };
  TsMaturityRow *rows;
  guint n;
  Block *t = NULL;

  add_block (self, BLOCK_HEADING, _("Customer and business, side by side"));
  add_text (self, "%s", _("A decision must improve both the customer's experience and the business: this month "
                          "against the month before."));
  rows = ts_maturity_side_by_side (self->before, self->maturity, &n);
  for (guint i = 0; i < n; i++)
    {
      if (i == 0 || rows[i].business != rows[i - 1].business)
        t = add_table (self, widths, rows[i].business ? _("Business") : _("Customer"), _("Month before"),
                       _("This month"), "Δ", NULL);
      add_row (t, g_strdup (rows[i].label), fmt_kpi (rows[i].unit, rows[i].before),
               fmt_kpi (rows[i].unit, rows[i].after), fmt_delta (rows[i].unit, rows[i].delta));
    }
  ts_maturity_rows_free (rows, n);
}

static void
build_outcomes (TsReport *self)
{
  static const double widths[] = { 0.14, 0.14, 0.1, 0.1, 0.1, 0.14, 0.14, 0.14, 0 };
  static const double help_widths[] = { 0.2, 0.1, 0.12, 0.13, 0.13, 0.14, 0.18, 0 };
  TsOutcomes *o = ts_maturity_get_outcomes (self->maturity);
  const TsBandArr *arr;
  const TsRouteHelp *help;
  TsChart *chart;
  guint kept, lost, n;
  Block *t;

  add_block (self, BLOCK_HEADING, _("Outcomes by band"));
  add_text (self, "%s", _("Customers scored on the month's first day, and what happened to them during the month."));
  t = add_table (self, widths, _("Band"), _("Customers"), _("NPS"), _("CSAT"), _("Churn"), _("TTR median"),
                 _("Complaints"), _("Unsub."), NULL);
  for (guint i = 0; i <= ts_outcomes_get_n_bands (o); i++)
    {
      const TsOutcomeGroup *g = i < ts_outcomes_get_n_bands (o) ? ts_outcomes_get_band (o, i) : ts_outcomes_get_all (o);

      add_row (t, g_strdup (i < ts_outcomes_get_n_bands (o) ? g->label : _("all")),
               g_strdup_printf ("%u", g->customers), fmt (g->nps.value, "%+.0f"), fmt (g->csat_mean, "%.2f"),
               fmt (100 * g->churn_rate, "%.1f%%"), fmt (g->ttr_median_hours, "%.1f h"),
               fmt (100 * g->complaint_rate, "%.1f%%"), fmt (100 * g->unsubscribe_rate, "%.1f%%"));
    }

  arr = ts_maturity_get_band_arr (self->maturity, &n);
  chart = ts_chart_new (TS_CHART_BARS, _("ARR retained and lost by band"));
  ts_chart_set_axis_labels (chart, _("band"), _("ARR"));
  ts_chart_set_unit (chart, TS_CHART_UNIT_AMOUNT);
  kept = ts_chart_add_series (chart, _("retained"), TS_CHART_ROLE_ACCENT, 0);
  lost = ts_chart_add_series (chart, _("lost"), TS_CHART_ROLE_LEVEL, 1);
  for (guint i = 0; i < n; i++)
    {
      guint c = ts_chart_add_category (chart, arr[i].band);

      ts_chart_set_value (chart, kept, c, arr[i].arr_retained);
      ts_chart_set_value (chart, lost, c, arr[i].arr_lost);
    }
  add_chart (self, chart, _("The value of the customers active on the month's first day, by their band then: "
                            "kept, or lost with the customers who churned during the month."));

  add_block (self, BLOCK_HEADING, _("Speed to help and SLAs"));
  t = add_table (self, help_widths, _("Route"), _("SLA"), _("Moments"), _("Median"), _("90th pct."),
                 _("In time"), _("Compliance"), NULL);
  help = ts_maturity_get_route_help (self->maturity, &n);
  for (guint i = 0; i <= n; i++)
    {
      const TsRouteHelp *h = i < n ? &help[i] : ts_maturity_get_help_all (self->maturity);

      if (h->moments == 0 && i < n)
        continue;
      add_row (t, g_strdup (i < n ? h->route : _("all")), h->sla_hours > 0 ? g_strdup_printf ("%g h", h->sla_hours) : NULL,
               g_strdup_printf ("%u", h->moments), fmt (h->median_hours, "%.1f h"), fmt (h->p90_hours, "%.1f h"),
               h->met + h->breached ? g_strdup_printf ("%u/%u", h->met, h->met + h->breached) : NULL,
               fmt (100 * h->compliance, "%.0f%%"));
    }
}

static void
build_governance (TsReport *self)
{
  static const double widths[] = { 0.28, 0.15, 0.57, 0 };
  static const double drift_widths[] = { 0.5, 0.25, 0.25, 0 };
  TsOutcomes *o = ts_maturity_get_outcomes (self->maturity);
  TsDataset *ds = ts_maturity_get_dataset (self->maturity);
  TsDrift *drift = ts_maturity_get_drift (self->maturity);
  const TsGovernanceItem *items[2];
  guint n[2];

  items[0] = ts_outcomes_get_false_positives (o, &n[0]);
  items[1] = ts_outcomes_get_false_negatives (o, &n[1]);
  for (guint l = 0; l < 2; l++)
    {
      Block *t;

      add_block (self, BLOCK_HEADING, l == 0 ? _("False positives: over-contacted customers")
                                             : _("False negatives: missed help moments"));
      if (n[l] == 0)
        {
          add_text (self, "%s", l == 0 ? _("Nobody was touched and then harmed this month.")
                                       : _("No customer of high need went without help this month."));
          continue;
        }
      add_text (self, ngettext ("%u customer; the first %u by the time of the harm.",
                                "%u customers; the first %u by the time of the harm.", n[l]),
                n[l], MIN (n[l], LIST_LIMIT));
      t = add_table (self, widths, _("Customer"), _("When"), _("Why"), NULL);
      for (guint i = 0; i < MIN (n[l], LIST_LIMIT); i++)
        add_row (t, g_strdup (ts_dataset_get_customer_id (ds, items[l][i].customer)), fmt_day (items[l][i].at),
                 g_strdup (items[l][i].reason));
    }

  add_block (self, BLOCK_HEADING, _("Drift"));
  if (drift == NULL)
    add_text (self, "%s", _("The data does not reach back to the month before: drift cannot be measured."));
  else
    {
      const TsDriftItem *score = ts_drift_get_score (drift);
      Block *t;

      add_text (self, _("The score's population stability index from the month before: %.3f (%s)."), score->psi,
                ts_stats_psi_verdict_describe (score->verdict));
      t = add_table (self, drift_widths, _("Signal"), _("PSI"), _("Verdict"), NULL);
      add_row (t, g_strdup (_("score")), g_strdup_printf ("%.3f", score->psi),
               g_strdup (ts_stats_psi_verdict_describe (score->verdict)));
      for (guint i = 0; i < ts_drift_get_n_signals (drift); i++)
        {
          const TsDriftItem *s = ts_drift_get_signal (drift, i);

          add_row (t, g_strdup (s->id), g_strdup_printf ("%.3f", s->psi),
                   g_strdup (ts_stats_psi_verdict_describe (s->verdict)));
        }
    }
}

static void
build_drivers (TsReport *self)
{
  static const double alert_widths[] = { 0.22, 0.3, 0.16, 0.16, 0.16, 0 };
  static const double story_widths[] = { 0.3, 0.14, 0.14, 0.42, 0 };
  TsDrivers *d = self->drivers;
  TsDataset *ds = ts_maturity_get_dataset (self->maturity);
  const TsDriverAlert *alerts;
  const TsDriverStory *stories;
  TsChart *chart;
  guint series, n, fell = 0;
  Block *t;

  add_block (self, BLOCK_HEADING, _("CX driver index"));
  chart = ts_chart_new (TS_CHART_LINES, _("Driver index by week"));
  ts_chart_set_axis_labels (chart, _("week"), _("index"));
  series = ts_chart_add_series (chart, _("index"), TS_CHART_ROLE_ACCENT, 0);
  for (guint p = 0; p < ts_drivers_get_n_periods (d); p++)
    {
      g_autofree char *label = ts_drivers_dup_period_label (d, p);
      guint c = ts_chart_add_category (chart, label);

      ts_chart_set_value (chart, series, c, ts_drivers_get_index (d, p));
    }
  add_chart (self, chart, _("The weighted balance of the moments that raise satisfaction over those that lower "
                            "it, week by week."));

  alerts = ts_drivers_get_alerts (d, &n);
  if (n == 0)
    add_text (self, "%s", _("No driver crossed its alert threshold this month."));
  else
    {
      add_text (self, ngettext ("%u alert.", "%u alerts.", n), n);
      t = add_table (self, alert_widths, _("Week"), _("Driver"), _("Per 1,000"), _("Threshold"), _("Customers"), NULL);
      for (guint i = 0; i < n; i++)
        {
          const TsDriver *driver = ts_drivers_get_driver (d, alerts[i].driver);

          add_row (t, ts_drivers_dup_period_label (d, alerts[i].period),
                   g_strdup (driver->label ? driver->label : driver->id), fmt (alerts[i].per_1000, "%.1f"),
                   fmt (alerts[i].threshold, "%.1f"), g_strdup_printf ("%u", alerts[i].customers));
        }
    }

  add_block (self, BLOCK_HEADING, _("From promoter to detractor"));
  stories = ts_drivers_get_stories (d, &n);
  t = NULL;
  for (guint i = 0; i < n; i++)
    {
      const TsDriverStory *s = &stories[i];
      g_autoptr(GString) between = g_string_new (NULL);

      if (s->direction != TS_DRIVER_STORY_FELL)
        continue;
      if (fell++ >= LIST_LIMIT)
        continue;
      if (t == NULL)
        t = add_table (self, story_widths, _("Customer"), _("Before"), _("After"), _("The moments between"), NULL);
      for (guint k = 0; k < s->n_moments; k++)
        {
          const TsDriver *driver = ts_drivers_get_driver (d, s->moments[k].driver);
          g_autofree char *day = fmt_day (s->moments[k].at);

          g_string_append_printf (between, "%s%s %s", k ? "; " : "", day, driver->label ? driver->label : driver->id);
        }
      add_row (t, g_strdup (ts_dataset_get_customer_id (ds, s->customer)),
               g_strdup_printf ("%.0f (%s)", s->from_answer.score, fmt_day (s->from_answer.at)),
               g_strdup_printf ("%.0f (%s)", s->to_answer.score, fmt_day (s->to_answer.at)),
               between->len ? g_strdup (between->str) : g_strdup (_("no driver moment recorded")));
    }
  if (fell == 0)
    add_text (self, "%s", _("No promoter turned detractor this month."));
  else if (fell > LIST_LIMIT)
    add_text (self, _("…and %u more."), fell - LIST_LIMIT);
}

static void
build (TsReport *self)
{
  g_autofree char *from = fmt_day (ts_maturity_get_from (self->maturity));
  g_autofree char *last = fmt_day (ts_maturity_get_to (self->maturity) - DAY);
  TsDataset *ds = ts_maturity_get_dataset (self->maturity);

  add_block (self, BLOCK_TITLE, self->title);
  add_text (self, _("From %s to %s · %u customers · compared with the month before"), from, last,
            ts_dataset_get_customers (ds)->n_rows);
  build_matrix (self);
  build_side_by_side (self);
  build_outcomes (self);
  build_governance (self);
  build_drivers (self);
}

/**
 * ts_report_compute:
 * @title: (nullable): the document's title; NULL: "Monthly review, <month>"
 *
 * Measures the period and the one before it (the month before for a
 * calendar month), the driver index by week over the period, and lays the
 * review out.
 */
TsReport *
ts_report_compute (TsDataset          *ds,
                   TsPlaybook         *pb,
                   TsTime              from,
                   TsTime              to,
                   const char *const  *owners,
                   const char         *title,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(TsReport) self = g_new0 (TsReport, 1);
  TsTime before_from, before_to;

  self->blocks = g_ptr_array_new_with_free_func (block_free);
  if ((self->maturity = ts_maturity_compute (ds, pb, from, to, owners, cancellable, error)) == NULL)
    return NULL;
  to = ts_maturity_get_to (self->maturity);
  ts_maturity_previous_span (from, to, &before_from, &before_to);
  if ((self->before = ts_maturity_compute (ds, pb, before_from, before_to, owners, cancellable, error)) == NULL ||
      (self->drivers = ts_drivers_compute (ds, pb, TS_DRIVER_PERIOD_WEEK, from, to, cancellable, error)) == NULL)
    return NULL;
  if (title)
    self->title = g_strdup (title);
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (from / G_USEC_PER_SEC);
      g_autofree char *month = g_date_time_format (dt, "%B %Y");

      /* Translators: "Monthly review, June 2025" */
      self->title = g_strdup_printf (_("Monthly review, %s"), month);
    }
  build (self);
  return g_steal_pointer (&self);
}

/* ---------------------------------------------------------------------- */
/* charts on cairo                                                        */

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             const char *font,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
draw_text (cairo_t    *cr,
           const char *text,
           const char *font,
           double      x,
           double      y,
           double      align)     /* 0: from x, 0.5: centred on x, 1: ending at x */
{
  PangoLayout *layout = text_layout (cr, text, font, -1);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* The chart in a @w × @h box at (@x, @y), its title at the top left, dark
 * on white: drawn as the app draws it, in the review's font at the
 * resolution its text is laid out at (pango_cairo_create_layout()'s, 96
 * dpi). The page's margin stands for the chart's own on its sides and at
 * its top, which is clipped so as to leave what is above as it is. */
static void
draw_chart (cairo_t *cr,
            TsChart *chart,
            double   x,
            double   y,
            double   w,
            double   h)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (CHART_FONT);

  cairo_save (cr);
  cairo_rectangle (cr, x - TS_CHART_PAPER_PAD, y, w + 2 * TS_CHART_PAPER_PAD, h);
  cairo_clip (cr);
  cairo_translate (cr, x - TS_CHART_PAPER_PAD, y - TS_CHART_PAPER_PAD);
  ts_chart_draw (chart, cr, w + 2 * TS_CHART_PAPER_PAD, h + TS_CHART_PAPER_PAD, font, NULL, 96);
  cairo_restore (cr);
}

/* ---------------------------------------------------------------------- */
/* HTML                                                                   */

static gboolean
write_html (TsReport    *self,
            GByteArray  *out,
            GError     **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *title = g_markup_escape_text (self->title, -1);

  g_string_append_printf (s, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n", title);
  g_string_append (s, "<style>\n"
                      "body { font-family: sans-serif; max-width: 52em; margin: 2em auto; color: #222; line-height: 1.4; }\n"
                      "h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }\n"
                      "table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 0.9em; }\n"
                      "th, td { text-align: left; padding: 0.2em 0.5em; border-bottom: 1px solid #e4e4e4; vertical-align: top; }\n"
                      "th { background: #f2f2f2; }\n"
                      "figure { margin: 1em 0; } figcaption { font-size: 0.85em; color: #555; }\n"
                      "@media print { h2 { break-after: avoid; } table, figure { break-inside: avoid; } }\n"
                      "</style>\n</head>\n<body>\n");
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = self->blocks->pdata[i];
      g_autofree char *text = b->text ? g_markup_escape_text (b->text, -1) : NULL;

      switch (b->kind)
        {
        case BLOCK_TITLE:
          g_string_append_printf (s, "<h1>%s</h1>\n", text);
          break;
        case BLOCK_HEADING:
          g_string_append_printf (s, "<h2>%s</h2>\n", text);
          break;
        case BLOCK_TEXT:
          g_string_append_printf (s, "<p>%s</p>\n", text);
          break;
        case BLOCK_TABLE:
          g_string_append (s, "<table>\n");
          for (guint r = 0; r < b->rows->len; r++)
            {
              char **row = b->rows->pdata[r];

              g_string_append (s, r == 0 ? "<thead><tr>" : "<tr>");
              for (guint c = 0; c < b->n_columns; c++)
                {
                  g_autofree char *cell = g_markup_escape_text (row[c], -1);

                  g_string_append_printf (s, r == 0 ? "<th>%s</th>" : "<td>%s</td>", cell);
                }
              g_string_append (s, r == 0 ? "</tr></thead>\n<tbody>\n" : "</tr>\n");
            }
          g_string_append (s, "</tbody>\n</table>\n");
          break;
        case BLOCK_CHART:
          {
            g_autoptr(PangoFontDescription) font = pango_font_description_from_string (CHART_FONT);
            g_autoptr(GError) local = NULL;
            g_autoptr(GBytes) svg = ts_chart_render (b->chart, TS_CHART_FORMAT_SVG, CHART_WIDTH, CHART_HEIGHT, font,
                                                     NULL, 96, &local);
            g_autofree char *text_svg = NULL;
            const char *start;

            if (svg == NULL)
              {
                g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("the chart “%s” could not be drawn: %s"),
                             ts_chart_get_title (b->chart), local->message);
                return FALSE;
              }
            text_svg = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
            /* inline: without the XML declaration */
            start = strstr (text_svg, "<svg");
            g_string_append (s, "<figure>\n");
            g_string_append (s, start ? start : "");
            g_string_append_printf (s, "<figcaption>%s</figcaption>\n</figure>\n", text);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append (s, "</body>\n</html>\n");
  g_byte_array_append (out, (const guint8 *) s->str, s->len);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* PDF                                                                    */

typedef struct
{
  cairo_t    *cr;
  double      y;
  guint       pages;
  const char *title;
} Page;

static void
pdf_footer (Page *p)
{
  g_autofree char *text = g_strdup_printf (_("%s — page %u"), p->title, p->pages);

  cairo_set_source_rgba (p->cr, 0, 0, 0, 0.5);
  draw_text (p->cr, text, "Sans 7", PAGE_WIDTH / 2, PAGE_HEIGHT - MARGIN / 2 - 4, 0.5);
}

static void
new_page (Page *p)
{
  pdf_footer (p);
  cairo_show_page (p->cr);
  p->pages++;
  p->y = MARGIN;
}

static void
ensure_room (Page   *p,
             double  height)
{
  if (p->y + height > PAGE_HEIGHT - MARGIN && p->y > MARGIN)
    new_page (p);
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static void
pdf_paragraph (Page       *p,
               const char *text,
               const char *font,
               double      before,
               double      after,
               double      keep_with)   /* room wanted after it: a heading's first lines */
{
  double width = PAGE_WIDTH - 2 * MARGIN;
  PangoLayout *layout = text_layout (p->cr, text, font, width);
  double h = layout_height (layout);

  p->y += before;
  ensure_room (p, h + keep_with);
  cairo_set_source_rgba (p->cr, 0, 0, 0, 0.85);
  cairo_move_to (p->cr, MARGIN, p->y);
  pango_cairo_show_layout (p->cr, layout);
  p->y += h + after;
  g_object_unref (layout);
}

static double
pdf_row (Page   *p,
         Block  *b,
         char  **row,
         gboolean header,
         gboolean draw)
{
  double width = PAGE_WIDTH - 2 * MARGIN, x = MARGIN, h = 0;
  PangoLayout *layouts[16];

  g_assert (b->n_columns <= G_N_ELEMENTS (layouts));
  for (guint c = 0; c < b->n_columns; c++)
    {
      layouts[c] = text_layout (p->cr, row[c], header ? "Sans Bold 7.5" : "Sans 7.5", b->widths[c] * width - 6);
      h = MAX (h, layout_height (layouts[c]));
    }
  h += 5;
  if (draw)
    {
      if (header)
        {
          cairo_set_source_rgb (p->cr, 0.95, 0.95, 0.95);
          cairo_rectangle (p->cr, MARGIN, p->y, width, h);
          cairo_fill (p->cr);
        }
      for (guint c = 0; c < b->n_columns; c++)
        {
          cairo_set_source_rgba (p->cr, 0, 0, 0, 0.85);
          cairo_move_to (p->cr, x + 3, p->y + 2.5);
          pango_cairo_show_layout (p->cr, layouts[c]);
          x += b->widths[c] * width;
        }
      cairo_set_source_rgba (p->cr, 0, 0, 0, 0.12);
      cairo_set_line_width (p->cr, 0.5);
      cairo_move_to (p->cr, MARGIN, p->y + h);
      cairo_line_to (p->cr, MARGIN + width, p->y + h);
      cairo_stroke (p->cr);
      p->y += h;
    }
  for (guint c = 0; c < b->n_columns; c++)
    g_object_unref (layouts[c]);
  return h;
}

static void
pdf_table (Page  *p,
           Block *b)
{
  char **header = b->rows->pdata[0];
  double header_h = pdf_row (p, b, header, TRUE, FALSE);

  p->y += 4;
  /* the header with at least one row */
  ensure_room (p, header_h + (b->rows->len > 1 ? pdf_row (p, b, b->rows->pdata[1], FALSE, FALSE) : 0));
  pdf_row (p, b, header, TRUE, TRUE);
  for (guint r = 1; r < b->rows->len; r++)
    {
      double h = pdf_row (p, b, b->rows->pdata[r], FALSE, FALSE);

      if (p->y + h > PAGE_HEIGHT - MARGIN)
        {
          new_page (p);
          pdf_row (p, b, header, TRUE, TRUE);
        }
      pdf_row (p, b, b->rows->pdata[r], FALSE, TRUE);
    }
  p->y += 8;
}

static gboolean
write_pdf (TsReport    *self,
           GByteArray  *out,
           guint       *n_pages,
           GError     **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (ts_cairo_write_to_bytes, out,
                                                                  PAGE_WIDTH, PAGE_HEIGHT);
  cairo_status_t status;
  Page p = { cairo_create (surface), MARGIN, 1, self->title };

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Touchstone");
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = self->blocks->pdata[i];

      switch (b->kind)
        {
        case BLOCK_TITLE:
          pdf_paragraph (&p, b->text, "Sans Bold 18", 0, 6, 0);
          break;
        case BLOCK_HEADING:
          {
            Block *next = i + 1 < self->blocks->len ? self->blocks->pdata[i + 1] : NULL;

            /* a heading stays with what follows it: a chart, or the first lines */
            pdf_paragraph (&p, b->text, "Sans Bold 12", 12, 4,
                           next && next->kind == BLOCK_CHART ? CHART_HEIGHT + 30 : 60);
          }
          break;
        case BLOCK_TEXT:
          pdf_paragraph (&p, b->text, "Sans 8.5", 0, 4, 0);
          break;
        case BLOCK_TABLE:
          pdf_table (&p, b);
          break;
        case BLOCK_CHART:
          {
            double w = PAGE_WIDTH - 2 * MARGIN;

            ensure_room (&p, CHART_HEIGHT + 30);
            draw_chart (p.cr, b->chart, MARGIN, p.y, w, CHART_HEIGHT);
            p.y += CHART_HEIGHT + 2;
            pdf_paragraph (&p, b->text, "Sans Italic 7.5", 0, 8, 0);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  pdf_footer (&p);
  cairo_show_page (p.cr);
  cairo_destroy (p.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", cairo_status_to_string (status));
      return FALSE;
    }
  if (n_pages)
    *n_pages = p.pages;
  return TRUE;
}

/**
 * ts_report_write:
 * @n_pages: (out) (optional): PDF: the pages written; HTML: 1
 *
 * Writes the review to @file, whole or not at all.
 *
 * Returns: %FALSE with @error, which names the file, when it could not be
 *   written
 */
gboolean
ts_report_write (TsReport        *self,
                 TsReportFormat   format,
                 GFile           *file,
                 guint           *n_pages,
                 GError         **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *name = g_file_get_parse_name (file);
  gboolean ok;

  if (n_pages)
    *n_pages = 1;
  ok = format == TS_REPORT_FORMAT_PDF ? write_pdf (self, bytes, n_pages, error) : write_html (self, bytes, error);
  if (!ok ||
      !g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    {
      /* Translators: the error follows */
      g_prefix_error (error, _("Could not write the review to “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}

/* test-chart.c — nice axes, normalised bars, lines, scatters and flows,
 * marks on categories, the score distribution and charts in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <touchstone.h>

static void
assert_axis (double      lo,
             double      hi,
             gboolean    integral,
             double      min,
             double      max,
             double      step,
             int         decimals)
{
  TsChartAxis axis;

  ts_chart_nice_axis (lo, hi, 5, integral, &axis);
  g_test_message ("%g..%g → %g..%g step %g", lo, hi, axis.min, axis.max, axis.step);
  g_assert_cmpfloat_with_epsilon (axis.min, min, 1e-12);
  g_assert_cmpfloat_with_epsilon (axis.max, max, 1e-12);
  g_assert_cmpfloat_with_epsilon (axis.step, step, 1e-12);
  g_assert_cmpuint (axis.n_intervals, ==, (guint) lround ((max - min) / step));
  g_assert_cmpuint (axis.n_intervals, <=, 5);
  g_assert_cmpint (axis.decimals, ==, decimals);
}

static void
test_nice_axis (void)
{
  assert_axis (0, 7, TRUE, 0, 8, 2, 0);
  assert_axis (0, 1, FALSE, 0, 1, 0.2, 1);
  assert_axis (0, 1234, TRUE, 0, 1500, 500, 0);
  assert_axis (0, 100, FALSE, 0, 100, 20, 0);
  assert_axis (0, 0.07, FALSE, 0, 0.08, 0.02, 2);
  /* rounded out to a step, never more steps than asked for */
  assert_axis (-3, 7, FALSE, -5, 10, 5, 0);
  assert_axis (-2, 8, FALSE, -2, 8, 2, 0);
  /* all zero: still an axis, of whole numbers when the values are */
  assert_axis (0, 0, TRUE, 0, 1, 1, 0);
  assert_axis (0, 0, FALSE, 0, 1, 0.2, 1);
  /* a single value: 0 and the value */
  assert_axis (42, 42, TRUE, 0, 50, 10, 0);
  assert_axis (-5, -5, FALSE, -5, 0, 1, 0);
  /* few whole numbers: no fractional steps */
  assert_axis (0, 2, TRUE, 0, 2, 1, 0);
}

static void
test_bars_normalised (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_BARS, "Cases");
  const TsChartAxis *axis;
  const TsChartBar *bars;
  const TsChartTick *ticks;
  guint n, a, b, open, closed;

  a = ts_chart_add_category (chart, "A");
  b = ts_chart_add_category (chart, "B");
  ts_chart_add_category (chart, "C");
  open = ts_chart_add_series (chart, "open", TS_CHART_ROLE_ACCENT, 0);
  closed = ts_chart_add_series (chart, "closed", TS_CHART_ROLE_NEUTRAL, 0);
  ts_chart_set_value (chart, open, a, 3);
  ts_chart_set_value (chart, closed, a, 4);
  ts_chart_set_value (chart, open, b, 1);
  ts_chart_add_to_value (chart, open, b, 1);
  g_assert_cmpfloat (ts_chart_get_category_total (chart, a), ==, 7);
  g_assert_cmpfloat (ts_chart_get_series_total (chart, open), ==, 5);

  /* the tallest stack is 7: the axis goes to 8 */
  axis = ts_chart_get_y_axis (chart);
  g_assert_cmpfloat (axis->min, ==, 0);
  g_assert_cmpfloat (axis->max, ==, 8);
  ticks = ts_chart_get_y_ticks (chart, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (ticks[0].position, ==, 0);
  g_assert_cmpfloat (ticks[4].position, ==, 1);
  g_assert_cmpstr (ticks[2].label, ==, "4");

  /* labelled categories share the width; a bar takes the middle 80% */
  ticks = ts_chart_get_x_ticks (chart, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat_with_epsilon (ticks[1].position, 0.5, 1e-12);
  g_assert_cmpstr (ticks[2].label, ==, "C");

  /* stacked, in series order; a 0 has no segment, C none at all */
  bars = ts_chart_get_bars (chart, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (bars[0].series, ==, open);
  g_assert_cmpfloat_with_epsilon (bars[0].x0, 0.1 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (bars[0].x1, 0.9 / 3, 1e-12);
  g_assert_cmpfloat (bars[0].y0, ==, 0);
  g_assert_cmpfloat (bars[0].y1, ==, 3.0 / 8);
  g_assert_cmpuint (bars[1].series, ==, closed);
  g_assert_cmpfloat (bars[1].y0, ==, 3.0 / 8);
  g_assert_cmpfloat (bars[1].y1, ==, 7.0 / 8);
  g_assert_cmpuint (bars[2].category, ==, b);
  g_assert_cmpfloat (bars[2].y1, ==, 2.0 / 8);

  /* a change is seen */
  ts_chart_set_value (chart, closed, a, 20);
  g_assert_cmpfloat (ts_chart_get_y_axis (chart)->max, ==, 25);
  bars = ts_chart_get_bars (chart, &n);
  g_assert_cmpfloat (bars[1].y1, ==, 23.0 / 25);

  /* positions to categories */
  g_assert_cmpint (ts_chart_find_category (chart, 0), ==, 0);
  g_assert_cmpint (ts_chart_find_category (chart, 0.5), ==, 1);
  g_assert_cmpint (ts_chart_find_category (chart, 1), ==, 2);
  g_assert_cmpint (ts_chart_find_category (chart, 1.5), ==, -1);
}

static void
test_lines_normalised (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_LINES, "Trend");
  const TsChartPoint *points;
  const TsChartAxis *axis;
  guint n, s;

  for (guint c = 0; c < 4; c++)
    {
      g_autofree char *label = g_strdup_printf ("W%u", c);

      ts_chart_add_category (chart, label);
    }
  s = ts_chart_add_series (chart, "delta", TS_CHART_ROLE_ACCENT, 0);
  ts_chart_set_value (chart, s, 0, -0.2);
  ts_chart_set_value (chart, s, 1, 0.1);
  ts_chart_set_value (chart, s, 2, 0.7);
  ts_chart_set_value (chart, s, 3, 0);

  /* lines are not stacked: the axis holds the lowest and highest values */
  axis = ts_chart_get_y_axis (chart);
  g_assert_cmpfloat_with_epsilon (axis->min, -0.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (axis->max, 0.8, 1e-12);
  g_assert_cmpint (axis->decimals, ==, 1);
  ts_chart_get_bars (chart, &n);
  g_assert_cmpuint (n, ==, 0);
  points = ts_chart_get_points (chart, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat_with_epsilon (points[0].x, 0.125, 1e-12);
  g_assert_cmpfloat_with_epsilon (points[0].y, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (points[2].y, 0.9, 1e-12);
  g_assert_cmpfloat_with_epsilon (points[3].y, 0.2, 1e-12);
}

static void
test_bins (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_BARS, NULL);
  double edges[] = { 0, 5, 10, 20, 40 };
  const TsChartTick *ticks;
  const TsChartBar *bars;
  guint n;

  ts_chart_set_bins (chart, edges, G_N_ELEMENTS (edges));
  g_assert_cmpuint (ts_chart_get_n_categories (chart), ==, 4);
  g_assert_cmpstr (ts_chart_get_category_label (chart, 2), ==, "10–20");
  ts_chart_add_series (chart, NULL, TS_CHART_ROLE_ACCENT, 0);
  ts_chart_set_value (chart, 0, 2, 1);

  /* bins lie at their edges, bars as wide as their bins */
  bars = ts_chart_get_bars (chart, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (bars[0].x0, ==, 0.25);
  g_assert_cmpfloat (bars[0].x1, ==, 0.5);
  /* a numeric axis of nice ticks over the bins' range */
  ticks = ts_chart_get_x_ticks (chart, &n);
  g_assert_cmpuint (n, ==, 9);
  g_assert_cmpfloat (ticks[1].value, ==, 5);
  g_assert_cmpfloat (ticks[1].position, ==, 0.125);
  g_assert_cmpstr (ticks[8].label, ==, "40");
  g_assert_cmpint (ts_chart_find_category (chart, 0.3), ==, 2);
  g_assert_cmpint (ts_chart_find_category (chart, 0.2), ==, 1);
}

/* One signal, the count of "x" events capped at 32: k events score 100·k/32,
 * so 8 score exactly 25 and 9 score 28.125 — the same bin, different bands. */
static const char *playbook_json =
  "{ \"schema\": 1,"
  "  \"signals\": ["
  "    { \"id\": \"x\", \"table\": \"events\", \"filter\": \"name == \\\"x\\\"\","
  "      \"measure\": \"count\", \"normalise\": { \"kind\": \"cap\", \"cap\": 32 } }"
  "  ],"
  "  \"score\": { \"weights\": { \"x\": 1 },"
  "             \"bands\": [ { \"id\": \"calm\", \"min\": 0 }, { \"id\": \"attention\", \"min\": 25 },"
  "                          { \"id\": \"urgent\", \"min\": 27 } ] },"
  "  \"routes\": [ { \"id\": \"rest\", \"to\": \"no_touch\" } ] }";

static TsScores *
make_scores (void)
{
  static const guint events[] = { 0, 1, 8, 9, 32, 40 };
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(TsPlaybook) pb = NULL;
  g_autoptr(GError) error = NULL;
  TsTime t = ts_timestamp_from_civil (2025, 6, 1, 0, 0, 0, 0);
  TsScores *scores;

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", events[i]);
      TsValue customer[TS_CUSTOMER_N_FIELDS], row[TS_EVENT_N_FIELDS];

      ts_dataset_builder_clear_row (TS_TABLE_CUSTOMERS, customer);
      customer[TS_CUSTOMER_ID].str = ts_dataset_builder_intern (b, id, strlen (id));
      ts_dataset_builder_append (b, TS_TABLE_CUSTOMERS, customer);
      for (guint k = 0; k < events[i]; k++)
        {
          ts_dataset_builder_clear_row (TS_TABLE_EVENTS, row);
          row[TS_EVENT_CUSTOMER].str = ts_dataset_builder_intern (b, id, strlen (id));
          row[TS_EVENT_AT].time = t - (k + 1) * G_USEC_PER_SEC;
          row[TS_EVENT_NAME].str = ts_dataset_builder_intern (b, "x", 1);
          ts_dataset_builder_append (b, TS_TABLE_EVENTS, row);
        }
    }
  ds = ts_dataset_builder_finish (b, NULL, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, playbook_json, -1, &error);
  g_assert_no_error (error);
  pb = ts_playbook_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  scores = ts_scorer_run (ds, pb, t, NULL, &error);
  g_assert_no_error (error);
  return scores;
}

static void
test_score_distribution (void)
{
  g_autoptr(TsScores) scores = make_scores ();
  g_autoptr(TsChart) chart = ts_chart_new_score_distribution (scores);
  TsDataset *ds = ts_scores_get_dataset (scores);
  g_autofree guint *band_counts = ts_scores_dup_band_counts (scores);
  const TsChartBar *bars;
  double total = 0;
  guint n, calm = 0, attention = 1, urgent = 2;

  /* exactly at a band's minimum: that band */
  g_assert_cmpfloat (ts_scores_get_score (scores, ts_dataset_find_customer (ds, "c8")), ==, 25);
  g_assert_cmpstr (ts_scores_get_band (scores, ts_dataset_find_customer (ds, "c8"))->id, ==, "attention");

  /* 20 bins of 5 points, a series per band */
  g_assert_cmpuint (ts_chart_get_n_categories (chart), ==, 20);
  g_assert_cmpstr (ts_chart_get_category_label (chart, 0), ==, "0–5");
  g_assert_cmpstr (ts_chart_get_category_label (chart, 19), ==, "95–100");
  g_assert_cmpuint (ts_chart_get_n_series (chart), ==, 3);
  g_assert_cmpstr (ts_chart_get_series (chart, urgent)->label, ==, "urgent");
  g_assert_cmpint (ts_chart_get_series (chart, urgent)->role, ==, TS_CHART_ROLE_LEVEL);
  g_assert_cmpfloat (ts_chart_get_series (chart, calm)->level, ==, 0);
  g_assert_cmpfloat (ts_chart_get_series (chart, attention)->level, ==, 0.5);
  g_assert_cmpfloat (ts_chart_get_series (chart, urgent)->level, ==, 1);

  /* every customer counted once, in their band */
  for (guint c = 0; c < 20; c++)
    total += ts_chart_get_category_total (chart, c);
  g_assert_cmpfloat (total, ==, ts_scores_get_n_customers (scores));
  for (guint s = 0; s < 3; s++)
    g_assert_cmpfloat (ts_chart_get_series_total (chart, s), ==, band_counts[s]);

  /* 0 and 3.125 in the first bin; 25 (a band's minimum) and 28.125 in
   * 25–30, split between their bands; 100 in the last bin */
  g_assert_cmpfloat (ts_chart_get_value (chart, calm, 0), ==, 2);
  g_assert_cmpfloat (ts_chart_get_value (chart, attention, 5), ==, 1);
  g_assert_cmpfloat (ts_chart_get_value (chart, urgent, 5), ==, 1);
  g_assert_cmpfloat (ts_chart_get_value (chart, calm, 5), ==, 0);
  g_assert_cmpfloat (ts_chart_get_value (chart, urgent, 19), ==, 2);

  /* the split bin is one bar of two segments, the tallest stack 2 of 2 */
  g_assert_cmpfloat (ts_chart_get_y_axis (chart)->max, ==, 2);
  bars = ts_chart_get_bars (chart, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (bars[1].category, ==, 5);
  g_assert_cmpuint (bars[1].series, ==, attention);
  g_assert_cmpuint (bars[2].series, ==, urgent);
  g_assert_cmpfloat (bars[1].x0, ==, 0.25);
  g_assert_cmpfloat (bars[1].x1, ==, 0.30);
  g_assert_cmpfloat (bars[1].y1, ==, bars[2].y0);
  g_assert_cmpfloat (bars[2].y1, ==, 1);
}

static void
test_describe (void)
{
  g_autoptr(TsScores) scores = make_scores ();
  g_autoptr(TsChart) chart = ts_chart_new_score_distribution (scores);
  g_autoptr(TsChart) lines = ts_chart_new (TS_CHART_LINES, NULL);
  g_autofree char *text = ts_chart_describe (chart);
  g_autofree char *one = ts_chart_format_value (chart, 1);
  g_autofree char *line_text = NULL;

  g_test_message ("%s", text);
  g_assert_cmpstr (one, ==, "1 customer");
  g_assert_cmpstr (text, ==, "Score distribution. calm: 2 customers, attention: 1 customer, "
                              "urgent: 3 customers. 0–5: 2 customers (calm); 5–25: 0 customers; "
                              "25–30: 2 customers (1 attention, 1 urgent); 30–95: 0 customers; "
                              "95–100: 2 customers (urgent).");

  ts_chart_add_category (lines, "W1");
  ts_chart_add_series (lines, "a", TS_CHART_ROLE_ACCENT, 0);
  ts_chart_add_series (lines, "b", TS_CHART_ROLE_NEUTRAL, 0);
  ts_chart_set_value (lines, 1, 0, 2.5);
  line_text = ts_chart_describe (lines);
  g_assert_cmpstr (line_text, ==, "W1: 0 a, 2.5 b.");
}

/* a series told apart by its index keeps the index; a level stays 0..1 */
static void
test_series_roles (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_LINES, "roles");
  guint a = ts_chart_add_series (chart, "a", TS_CHART_ROLE_CATEGORY, 5);
  guint b = ts_chart_add_series (chart, "b", TS_CHART_ROLE_LEVEL, 5);

  g_assert_cmpfloat (ts_chart_get_series (chart, a)->level, ==, 5);
  g_assert_cmpfloat (ts_chart_get_series (chart, b)->level, ==, 1);
}

static void
assert_point (const TsChartPoint *point,
              guint               category,
              double              x,
              double              y)
{
  g_assert_cmpuint (point->category, ==, category);
  g_assert_cmpfloat_with_epsilon (point->x, x, 1e-12);
  g_assert_cmpfloat_with_epsilon (point->y, y, 1e-12);
}

/* Touchpoints by cost and NPS: x 0.5..12.5 is nice 0..14 by 2 (1.2 a step
 * is rounded up to 2), y -4..31 is -10..40 by 10 (7 a step, up to 10);
 * neither axis is stretched to 0 for its own sake. */
static void
test_scatter (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_SCATTER, "Touchpoints");
  g_autoptr(TsChart) lines = ts_chart_new (TS_CHART_LINES, NULL);
  g_autofree char *text = NULL;
  g_autofree char *one = NULL;
  const TsChartAxis *x, *y;
  const TsChartPoint *points;
  const TsChartTick *ticks;
  guint n, webinar, call, email, survey, chat;

  ts_chart_set_axis_labels (chart, "Cost", "NPS");
  ts_chart_set_x_unit (chart, TS_CHART_UNIT_AMOUNT);
  webinar = ts_chart_add_category (chart, "Webinar");
  call = ts_chart_add_category (chart, "Call");
  email = ts_chart_add_category (chart, "Email");
  survey = ts_chart_add_category (chart, "Survey");
  chat = ts_chart_add_category (chart, "Chat");
  ts_chart_set_point (chart, webinar, 3, 12);
  ts_chart_set_point (chart, call, 12.5, 31);
  ts_chart_set_point (chart, email, 0.5, -4);
  ts_chart_set_point (chart, chat, NAN, 5);

  /* the one series, added by the first point; a category without a point is missing */
  g_assert_cmpuint (ts_chart_get_n_series (chart), ==, 1);
  g_assert_cmpfloat (ts_chart_get_point_x (chart, call), ==, 12.5);
  g_assert_cmpfloat (ts_chart_get_value (chart, 0, call), ==, 31);
  g_assert_true (isnan (ts_chart_get_point_x (chart, survey)));
  g_assert_true (isnan (ts_chart_get_value (chart, 0, survey)));

  x = ts_chart_get_x_axis (chart);
  g_assert_nonnull (x);
  g_assert_cmpfloat (x->min, ==, 0);
  g_assert_cmpfloat (x->max, ==, 14);
  g_assert_cmpfloat (x->step, ==, 2);
  y = ts_chart_get_y_axis (chart);
  g_assert_cmpfloat (y->min, ==, -10);
  g_assert_cmpfloat (y->max, ==, 40);
  g_assert_cmpfloat (y->step, ==, 10);
  ticks = ts_chart_get_x_ticks (chart, &n);
  g_assert_cmpuint (n, ==, 8);
  g_assert_cmpfloat_with_epsilon (ticks[1].position, 1.0 / 7, 1e-12);
  g_assert_cmpstr (ticks[7].label, ==, "14");

  /* Survey and Chat not drawn */
  points = ts_chart_get_points (chart, &n);
  g_assert_cmpuint (n, ==, 3);
  assert_point (&points[0], webinar, 3.0 / 14, 22.0 / 50);
  assert_point (&points[1], call, 12.5 / 14, 41.0 / 50);
  assert_point (&points[2], email, 0.5 / 14, 6.0 / 50);
  ts_chart_get_bars (chart, &n);
  g_assert_cmpuint (n, ==, 0);

  /* found near its point, not by a span of the width */
  g_assert_cmpint (ts_chart_find_point (chart, 3.0 / 14 + 0.01, 0.45, 0.05, 0.05), ==, webinar);
  g_assert_cmpint (ts_chart_find_point (chart, 0.5, 0.5, 0.05, 0.05), ==, -1);
  g_assert_cmpint (ts_chart_find_category (chart, 3.0 / 14), ==, -1);

  /* in words: both values, x as an amount; the missing said to be */
  one = ts_chart_describe_category (chart, webinar);
  g_assert_cmpstr (one, ==, "Webinar: Cost 3.00, NPS 12");
  text = ts_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Touchpoints. Webinar: Cost 3.00, NPS 12; Call: Cost 12.50, NPS 31; "
                              "Email: Cost 0.50, NPS -4; Survey: missing; Chat: missing.");

  /* a scatter has one series; bars and lines have no x axis */
  g_test_expect_message ("ts-chart", G_LOG_LEVEL_CRITICAL, "*series->len == 0*");
  ts_chart_add_series (chart, "more", TS_CHART_ROLE_NEUTRAL, 0);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (ts_chart_get_n_series (chart), ==, 1);
  g_assert_null (ts_chart_get_x_axis (lines));
}

/* no point at all: still a plot, of 0..1 both ways */
static void
test_scatter_empty (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_SCATTER, NULL);
  g_autofree char *text = NULL;
  guint n;

  ts_chart_add_series (chart, "touchpoints", TS_CHART_ROLE_CATEGORY, 2);
  ts_chart_add_category (chart, "Survey");
  g_assert_cmpfloat (ts_chart_get_x_axis (chart)->min, ==, 0);
  g_assert_cmpfloat (ts_chart_get_x_axis (chart)->max, ==, 1);
  g_assert_cmpfloat (ts_chart_get_y_axis (chart)->max, ==, 1);
  ts_chart_get_points (chart, &n);
  g_assert_cmpuint (n, ==, 0);
  text = ts_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Survey: missing.");
}

/* the chart has one mark, on @category, spanning @x0..@x1, at (@x, @y) */
static void
assert_one_mark (TsChart *chart,
                 guint    category,
                 double   x0,
                 double   x1,
                 double   x,
                 double   y)
{
  const TsChartMark *marks;
  guint n;

  marks = ts_chart_get_marks (chart, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (marks[0].category, ==, category);
  g_assert_cmpfloat_with_epsilon (marks[0].x0, x0, 1e-12);
  g_assert_cmpfloat_with_epsilon (marks[0].x1, x1, 1e-12);
  g_assert_cmpfloat_with_epsilon (marks[0].x, x, 1e-12);
  g_assert_cmpfloat_with_epsilon (marks[0].y, y, 1e-12);
  g_assert_cmpstr (marks[0].note, ==, ts_chart_get_category_mark (chart, category));
}

/* Notes on categories: joined on one, a mark's span that of its category
 * (a labelled bar's whole share, not the bar), said after its values */
static void
test_marks (void)
{
  g_autoptr(TsChart) lines = ts_chart_new (TS_CHART_LINES, "Index");
  g_autoptr(TsChart) bars = ts_chart_new (TS_CHART_BARS, NULL);
  g_autoptr(TsChart) bins = ts_chart_new (TS_CHART_BARS, NULL);
  g_autoptr(TsChart) scatter = ts_chart_new (TS_CHART_SCATTER, NULL);
  double edges[] = { 0, 5, 10, 20, 40 };
  g_autofree char *week = NULL;
  g_autofree char *text = NULL;
  g_autofree char *bins_text = NULL;
  g_autofree char *point = NULL;
  guint n;

  for (guint c = 0; c < 4; c++)
    {
      g_autofree char *label = g_strdup_printf ("W%u", c);

      ts_chart_add_category (lines, label);
    }
  ts_chart_add_series (lines, "index", TS_CHART_ROLE_ACCENT, 0);
  ts_chart_set_value (lines, 0, 2, -12);
  ts_chart_get_marks (lines, &n);
  g_assert_cmpuint (n, ==, 0);
  ts_chart_mark_category (lines, 2, "Outages: 453 per 1,000 (alert at 20)");
  ts_chart_mark_category (lines, 2, "Calls: 30 per 1,000 (alert at 25)");
  g_assert_null (ts_chart_get_category_mark (lines, 1));
  g_assert_cmpstr (ts_chart_get_category_mark (lines, 2), ==,
                   "Outages: 453 per 1,000 (alert at 20); Calls: 30 per 1,000 (alert at 25)");
  assert_one_mark (lines, 2, 0.5, 0.75, 0.625, 1);
  week = ts_chart_describe_category (lines, 2);
  g_assert_cmpstr (week, ==, "W2: -12 — Outages: 453 per 1,000 (alert at 20); Calls: 30 per 1,000 (alert at 25)");
  text = ts_chart_describe (lines);
  g_assert_cmpstr (text, ==, "Index. W0: 0; W1: 0; W2: -12 — Outages: 453 per 1,000 (alert at 20); "
                              "Calls: 30 per 1,000 (alert at 25); W3: 0.");

  ts_chart_add_category (bars, "A");
  ts_chart_add_category (bars, "B");
  ts_chart_add_category (bars, "C");
  ts_chart_add_series (bars, NULL, TS_CHART_ROLE_ACCENT, 0);
  ts_chart_mark_category (bars, 1, "new");
  assert_one_mark (bars, 1, 1.0 / 3, 2.0 / 3, 0.5, 1);

  /* a marked empty bin is not folded into its empty neighbours */
  ts_chart_set_bins (bins, edges, G_N_ELEMENTS (edges));
  ts_chart_add_series (bins, NULL, TS_CHART_ROLE_ACCENT, 0);
  ts_chart_set_value (bins, 0, 2, 1);
  ts_chart_mark_category (bins, 1, "threshold");
  assert_one_mark (bins, 1, 0.125, 0.25, 0.1875, 1);
  bins_text = ts_chart_describe (bins);
  g_assert_cmpstr (bins_text, ==, "0–5: 0; 5–10: 0 — threshold; 10–20: 1; 20–40: 0.");

  /* a scatter's mark is its point's; a missing point has none, but its note is said */
  ts_chart_add_category (scatter, "a");
  ts_chart_add_category (scatter, "b");
  ts_chart_set_point (scatter, 0, 1, 1);
  ts_chart_set_point (scatter, 1, 2, 3);
  ts_chart_add_category (scatter, "c");
  ts_chart_mark_category (scatter, 1, "best");
  ts_chart_mark_category (scatter, 2, "not sent yet");
  assert_one_mark (scatter, 1, 1, 1, 1, 1);
  point = ts_chart_describe_category (scatter, 2);
  g_assert_cmpstr (point, ==, "c: missing — not sent yet");
}

static void
assert_node (const TsChartNode *node,
             guint              category,
             guint              column,
             double             x0,
             double             y0,
             double             y1)
{
  g_assert_cmpuint (node->category, ==, category);
  g_assert_cmpuint (node->column, ==, column);
  g_assert_cmpfloat_with_epsilon (node->x0, x0, 1e-12);
  g_assert_cmpfloat_with_epsilon (node->x1, x0 + 0.02, 1e-12);
  g_assert_cmpfloat_with_epsilon (node->y0, y0, 1e-12);
  g_assert_cmpfloat_with_epsilon (node->y1, y1, 1e-12);
}

static void
assert_link (const TsChartLink *link,
             guint              from,
             guint              to,
             double             y0_top,
             double             y1_top,
             double             thickness)
{
  g_assert_cmpuint (link->from, ==, from);
  g_assert_cmpuint (link->to, ==, to);
  g_assert_cmpfloat_with_epsilon (link->y0_top, y0_top, 1e-12);
  g_assert_cmpfloat_with_epsilon (link->y0_bottom, y0_top - thickness, 1e-12);
  g_assert_cmpfloat_with_epsilon (link->y1_top, y1_top, 1e-12);
  g_assert_cmpfloat_with_epsilon (link->y1_bottom, y1_top - thickness, 1e-12);
}

/* A flow of three columns, worked out by hand: Entry (100) splits into
 * Mail (60) and Held (40), with Quiet (0) under them; Mail (60) and Held
 * (30 of its 40) merge into Goal, set to 100, more than comes in.
 *
 * Nodes are 0.02 wide, the columns at 0, 0.49 and 0.98. The middle column
 * is the fullest: 100 and two gaps of 0.05 and a hairline of 0.005, so a
 * customer is (1 - 0.1 - 0.005) / 100 = 0.00895 of the height. */
static void
test_flow (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_FLOW, "Onboarding");
  const double s = 0.00895;
  const TsChartNode *nodes;
  const TsChartLink *links;
  g_autofree char *text = NULL;
  g_autofree char *goal_text = NULL;
  guint n, entry, mail, held, goal, quiet, in, out, won;

  ts_chart_set_unit (chart, TS_CHART_UNIT_CUSTOMERS);
  entry = ts_chart_add_category (chart, "Entry");
  mail = ts_chart_add_category (chart, "Mail");
  held = ts_chart_add_category (chart, "Held");
  goal = ts_chart_add_category (chart, "Goal");
  quiet = ts_chart_add_category (chart, "Quiet");
  in = ts_chart_add_series (chart, "in the journey", TS_CHART_ROLE_ACCENT, 0);
  out = ts_chart_add_series (chart, "held back", TS_CHART_ROLE_LEVEL, 1);
  won = ts_chart_add_series (chart, "reached the goal", TS_CHART_ROLE_CATEGORY, 0);
  ts_chart_set_node (chart, entry, in, 0, 100);
  ts_chart_set_node (chart, mail, out, 1, 60);
  ts_chart_set_node (chart, mail, in, 1, 60);      /* set again: one series only */
  ts_chart_set_node (chart, held, out, 1, 40);
  ts_chart_set_node (chart, goal, won, 2, 100);
  ts_chart_set_node (chart, quiet, out, 1, 0);
  /* added out of order: stacked by where they go, and added up */
  ts_chart_add_link (chart, entry, held, 40);
  ts_chart_add_link (chart, entry, mail, 50);
  ts_chart_add_link (chart, entry, mail, 10);
  ts_chart_add_link (chart, held, goal, 30);
  ts_chart_add_link (chart, mail, goal, 60);
  ts_chart_add_link (chart, entry, quiet, 0);        /* nothing: not drawn */
  g_assert_cmpfloat (ts_chart_get_value (chart, out, mail), ==, 0);
  g_assert_cmpfloat (ts_chart_get_category_total (chart, mail), ==, 60);

  /* in category order, each column's from the top; Quiet a hairline at the bottom */
  nodes = ts_chart_get_nodes (chart, &n);
  g_assert_cmpuint (n, ==, 5);
  assert_node (&nodes[0], entry, 0, 0, 1 - 100 * s, 1);
  assert_node (&nodes[1], mail, 1, 0.49, 1 - 60 * s, 1);
  g_assert_cmpuint (nodes[1].series, ==, in);
  assert_node (&nodes[2], held, 1, 0.49, 1 - 100 * s - 0.05, 1 - 60 * s - 0.05);
  assert_node (&nodes[3], goal, 2, 0.98, 1 - 100 * s, 1);
  assert_node (&nodes[4], quiet, 1, 0.49, 0, 0.005);
  g_assert_cmpfloat (nodes[3].value, ==, 100);

  /* out of Entry: to Mail on top, Held below; into Goal: from Mail on
   * top, then Held, whose 10 that go nowhere are left at its bottom */
  links = ts_chart_get_links (chart, &n);
  g_assert_cmpuint (n, ==, 4);
  assert_link (&links[0], entry, mail, 1, 1, 60 * s);
  assert_link (&links[1], entry, held, 1 - 60 * s, 1 - 60 * s - 0.05, 40 * s);
  assert_link (&links[2], mail, goal, 1, 1, 60 * s);
  assert_link (&links[3], held, goal, 1 - 60 * s - 0.05, 1 - 60 * s, 30 * s);
  g_assert_cmpfloat_with_epsilon (links[0].x0, 0.02, 1e-12);
  g_assert_cmpfloat_with_epsilon (links[0].x1, 0.49, 1e-12);
  g_assert_cmpfloat_with_epsilon (links[3].x0, 0.51, 1e-12);
  g_assert_cmpfloat_with_epsilon (links[3].x1, 0.98, 1e-12);

  /* no axes, no bars, no span of the width */
  ts_chart_get_x_ticks (chart, &n);
  g_assert_cmpuint (n, ==, 0);
  ts_chart_get_y_ticks (chart, &n);
  g_assert_cmpuint (n, ==, 0);
  ts_chart_get_bars (chart, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (ts_chart_find_category (chart, 0.5), ==, -1);

  /* found on the node, or near it; the hairline too */
  g_assert_cmpint (ts_chart_find_node (chart, 0.5, 0.9, 0.01, 0.01), ==, mail);
  g_assert_cmpint (ts_chart_find_node (chart, 0.52, 0.9, 0.02, 0.01), ==, mail);
  g_assert_cmpint (ts_chart_find_node (chart, 0.5, 0.01, 0.01, 0.01), ==, quiet);
  g_assert_cmpint (ts_chart_find_node (chart, 0.7, 0.9, 0.01, 0.01), ==, -1);

  /* a mark on a node: its width, the middle of its top */
  ts_chart_mark_category (chart, held, "guardrail: frequency cap");
  assert_one_mark (chart, held, 0.49, 0.51, 0.5, 1 - 60 * s - 0.05);

  /* in words: each node, its series and where its links go */
  text = ts_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Onboarding. Entry: 100 customers (in the journey), to Mail 60, to Held 40; "
                              "Mail: 60 customers (in the journey), to Goal 60; "
                              "Held: 40 customers (held back), to Goal 30 — guardrail: frequency cap; "
                              "Goal: 100 customers (reached the goal); Quiet: 0 customers (held back).");

  /* a flow runs rightwards: a link back or within a column is refused */
  g_test_expect_message ("ts-chart", G_LOG_LEVEL_CRITICAL, "*column > a->column*");
  ts_chart_add_link (chart, goal, mail, 5);
  g_test_assert_expected_messages ();
  g_test_expect_message ("ts-chart", G_LOG_LEVEL_CRITICAL, "*column > a->column*");
  ts_chart_add_link (chart, mail, held, 5);
  g_test_assert_expected_messages ();
  ts_chart_get_links (chart, &n);
  g_assert_cmpuint (n, ==, 4);

  /* Goal moved before Held: its link from Held no longer drawn nor said */
  ts_chart_set_node (chart, goal, won, 1, 100);
  links = ts_chart_get_links (chart, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (links[1].to, ==, held);
  goal_text = ts_chart_describe_category (chart, held);
  g_assert_cmpstr (goal_text, ==, "Held: 40 customers (held back) — guardrail: frequency cap");
}

/* a flow of one node, one of nothing, and a category that is no node */
static void
test_flow_lonely (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_FLOW, NULL);
  const TsChartNode *nodes;
  g_autofree char *text = NULL;
  guint n;

  ts_chart_add_series (chart, NULL, TS_CHART_ROLE_ACCENT, 0);
  ts_chart_add_category (chart, "Start");
  ts_chart_add_category (chart, "Later");
  ts_chart_set_node (chart, 0, 0, 0, 0);
  nodes = ts_chart_get_nodes (chart, &n);
  g_assert_cmpuint (n, ==, 1);
  assert_node (&nodes[0], 0, 0, 0.49, 0.995, 1);
  g_test_expect_message ("ts-chart", G_LOG_LEVEL_CRITICAL, "*placed*");
  ts_chart_add_link (chart, 0, 1, 5);
  g_test_assert_expected_messages ();
  text = ts_chart_describe (chart);
  g_assert_cmpstr (text, ==, "Start: 0; Later: missing.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/series-roles", test_series_roles);
  g_test_add_func ("/chart/nice-axis", test_nice_axis);
  g_test_add_func ("/chart/bars-normalised", test_bars_normalised);
  g_test_add_func ("/chart/lines-normalised", test_lines_normalised);
  g_test_add_func ("/chart/bins", test_bins);
  g_test_add_func ("/chart/score-distribution", test_score_distribution);
  g_test_add_func ("/chart/describe", test_describe);
  g_test_add_func ("/chart/scatter", test_scatter);
  g_test_add_func ("/chart/scatter-empty", test_scatter_empty);
  g_test_add_func ("/chart/marks", test_marks);
  g_test_add_func ("/chart/flow", test_flow);
  g_test_add_func ("/chart/flow-lonely", test_flow_lonely);

  return g_test_run ();
}

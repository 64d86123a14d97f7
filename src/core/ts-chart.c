/* ts-chart.c — a chart's data and its normalised geometry: bars, lines, scatters, flows, nice axes
 *
 * A chart is a grid of values: series × categories. Categories are labels
 * ("Week 32") or numeric bins [edges[i], edges[i+1]) ("0–5"). Bars stack
 * the series of a category (positive values up from 0, negative ones down);
 * lines join a series' values through the categories. A scatter places
 * each category (a touchpoint, say) as one labelled point: its x is its
 * own, its y its value of the chart's one series; both axes are numeric
 * and nice, and span the points only, without 0 — the points are compared
 * with each other, not with nothing. A point whose x or y is NAN (not set
 * yet) is missing: not drawn, and said to be missing in words.
 *
 * A flow (customers through a journey's steps) makes each category a node
 * in a column, coloured by its series, and joins nodes with links that
 * carry a value from one column to a later one. The columns are spread
 * evenly across the width, each node FLOW_NODE_WIDTH wide; a column's
 * nodes are stacked from the top in category order, FLOW_GAP apart, so a
 * path that keeps its customers runs straight along the top and what
 * leaves it falls below. A node is as tall as the most of its value, what
 * comes in and what goes out, on one scale for all: the largest that lets
 * the fullest column fit the height; a node of nothing is a hairline,
 * there to be seen and pointed at. A node's links leave it stacked from
 * its top in the order of their targets from the top, and arrive stacked
 * in the order of their sources: bands cross only where they must.
 *
 * A category can be marked with notes (a driver over its threshold in that
 * week): the view shows where, and its description says them.
 *
 * Everything a drawing needs that does not depend on pixels is computed
 * here, in 0..1 of the plot: x from the left, y from the bottom. The y axis
 * always holds 0 and ends on "nice" ticks (steps of 1, 2 or 5 × 10^k), so a
 * value's height is (value - min) / (max - min). Bins lie at their edges,
 * with a numeric x axis of nice ticks; labelled categories share the width
 * equally, a bar taking the middle 80% of its share. The geometry is
 * computed when first asked for after a change: build a chart on one
 * thread, then read it anywhere.
 *
 * The score distribution is a histogram of 20 bins of 5 points, one series
 * per band of the playbook, stacked. Bands may start anywhere (0/30/60, or
 * 0/33): a bin that a band boundary cuts is not widened or moved, its bar
 * is split instead, each band's customers a segment of their band's
 * colour. So every bar is 5 points wide, and every customer is counted in
 * the bin of their score and the band the playbook gives them (a score of
 * exactly 30 is in the bin 30–35 and the band starting at 30).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-chart"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ts-chart.h"

#define BAR_SHARE 0.8      /* of a labelled category's width */
#define Y_INTERVALS 5
#define X_INTERVALS 10
#define DISTRIBUTION_BINS 20
#define FLOW_NODE_WIDTH 0.02   /* of the width */
#define FLOW_GAP 0.05          /* between a column's nodes, of the height; less when
                                * a column has so many that gaps would take half of it */
#define FLOW_HAIRLINE 0.005    /* a node of nothing, of the height */

typedef struct
{
  TsChartSeries  pub;
  GArray        *values;   /* double, one per category */
} Series;

/* a flow's category as a node: where, and in what colour */
typedef struct
{
  gboolean  placed;        /* not: no node, no links */
  guint     series;
  guint     column;
} Place;

/* a flow's link as added: customers from one node to another */
typedef struct
{
  guint   from, to;
  double  value;
} Flow;

struct _TsChart
{
  gatomicrefcount  ref_count;
  TsChartKind      kind;
  TsChartUnit      unit;
  TsChartUnit      x_unit;
  char            *title;
  char            *x_label;
  char            *y_label;
  GPtrArray       *categories;   /* char * */
  GArray          *edges;        /* double, n_categories + 1; NULL: labelled categories */
  GArray          *series;       /* Series */
  GArray          *xs;           /* double, one per category: a scatter's x; NAN when not set */
  GPtrArray       *notes;        /* char *, one per category: its marks joined, or NULL */
  GArray          *places;       /* Place, one per category: a flow's nodes */
  GArray          *flows;        /* Flow: a flow's links, as added */

  /* the geometry, computed when asked for */
  gboolean         dirty;
  TsChartAxis      x_axis;       /* a scatter's */
  TsChartAxis      y_axis;
  GArray          *x_ticks;      /* TsChartTick */
  GArray          *y_ticks;      /* TsChartTick */
  GArray          *bars;         /* TsChartBar */
  GArray          *points;       /* TsChartPoint */
  GArray          *marks;        /* TsChartMark */
  GArray          *nodes;        /* TsChartNode */
  GArray          *links;        /* TsChartLink */
};

G_DEFINE_BOXED_TYPE (TsChart, ts_chart, ts_chart_ref, ts_chart_unref)

/* ------------------------------------------------------------------ */
/* Nice numbers                                                        */
/* ------------------------------------------------------------------ */

/**
 * ts_chart_nice_axis:
 * @max_intervals: at most this many steps between @lo and @hi (at least 1)
 * @integral: the values are whole numbers: no step under 1
 *
 * The "nice numbers" axis: a step of 1, 2 or 5 × 10^k, the smallest that
 * covers [@lo, @hi] in at most @max_intervals steps, and the axis's ends
 * rounded out to a step. An empty range (all zero, or a single value)
 * still gets an axis: one that holds 0 and the value, or 0..1.
 */
void
ts_chart_nice_axis (double       lo,
                    double       hi,
                    guint        max_intervals,
                    gboolean     integral,
                    TsChartAxis *axis)
{
  double raw, magnitude, r, step;

  g_return_if_fail (axis != NULL);
  g_return_if_fail (isfinite (lo) && isfinite (hi));

  if (lo > hi)
    {
      double t = lo;

      lo = hi;
      hi = t;
    }
  if (hi == lo)
    {
      lo = MIN (lo, 0);
      hi = MAX (hi, 0);
      if (hi == lo)
        hi = lo + 1;
    }
  max_intervals = MAX (max_intervals, 1);

  raw = (hi - lo) / max_intervals;
  magnitude = pow (10, floor (log10 (raw)));
  r = raw / magnitude;
  if (r <= 1 + 1e-9)
    step = magnitude;
  else if (r <= 2 + 1e-9)
    step = 2 * magnitude;
  else if (r <= 5 + 1e-9)
    step = 5 * magnitude;
  else
    step = 10 * magnitude;
  if (integral && step < 1)
    step = 1;

  /* the ends rounded out to a step can take one step too many: the next
   * nice step then (-3..7 by 2 is -4..8, six steps; by 5, -5..10) */
  for (;;)
    {
      axis->step = step;
      axis->min = floor (lo / step + 1e-9) * step;
      axis->max = ceil (hi / step - 1e-9) * step;
      axis->n_intervals = (guint) lround ((axis->max - axis->min) / step);
      if (axis->n_intervals <= max_intervals)
        break;
      magnitude = pow (10, floor (log10 (step) + 1e-9));
      r = step / magnitude;
      step = (r < 1.5 ? 2 : r < 3.5 ? 5 : 10) * magnitude;
    }
  axis->decimals = step >= 1 ? 0 : (int) ceil (-log10 (step) - 1e-9);
  /* -0 reads badly */
  if (axis->min == 0)
    axis->min = 0;
}

/* ------------------------------------------------------------------ */
/* Life cycle                                                          */
/* ------------------------------------------------------------------ */

static void
series_clear (gpointer data)
{
  Series *s = data;

  g_free (s->pub.label);
  g_array_unref (s->values);
}

static void
tick_clear (gpointer data)
{
  TsChartTick *t = data;

  g_free (t->label);
}

/**
 * ts_chart_new:
 * @title: what the chart shows, for its heading and its description
 */
TsChart *
ts_chart_new (TsChartKind  kind,
              const char  *title)
{
  TsChart *self = g_new0 (TsChart, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  self->title = g_strdup (title);
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_array_new (FALSE, TRUE, sizeof (Series));
  g_array_set_clear_func (self->series, series_clear);
  self->xs = g_array_new (FALSE, FALSE, sizeof (double));
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->places = g_array_new (FALSE, TRUE, sizeof (Place));
  self->flows = g_array_new (FALSE, FALSE, sizeof (Flow));
  self->x_ticks = g_array_new (FALSE, TRUE, sizeof (TsChartTick));
  g_array_set_clear_func (self->x_ticks, tick_clear);
  self->y_ticks = g_array_new (FALSE, TRUE, sizeof (TsChartTick));
  g_array_set_clear_func (self->y_ticks, tick_clear);
  self->bars = g_array_new (FALSE, TRUE, sizeof (TsChartBar));
  self->points = g_array_new (FALSE, TRUE, sizeof (TsChartPoint));
  self->marks = g_array_new (FALSE, TRUE, sizeof (TsChartMark));
  self->nodes = g_array_new (FALSE, TRUE, sizeof (TsChartNode));
  self->links = g_array_new (FALSE, TRUE, sizeof (TsChartLink));
  self->dirty = TRUE;
  return self;
}

TsChart *
ts_chart_ref (TsChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_chart_unref (TsChart *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->title);
  g_free (self->x_label);
  g_free (self->y_label);
  g_ptr_array_unref (self->categories);
  g_clear_pointer (&self->edges, g_array_unref);
  g_array_unref (self->series);
  g_array_unref (self->xs);
  g_ptr_array_unref (self->notes);
  g_array_unref (self->places);
  g_array_unref (self->flows);
  g_array_unref (self->x_ticks);
  g_array_unref (self->y_ticks);
  g_array_unref (self->bars);
  g_array_unref (self->points);
  g_array_unref (self->marks);
  g_array_unref (self->nodes);
  g_array_unref (self->links);
  g_free (self);
}

/* ------------------------------------------------------------------ */
/* Building                                                            */
/* ------------------------------------------------------------------ */

/**
 * ts_chart_set_axis_labels:
 * @x_label: (nullable): what the categories are ("Score")
 * @y_label: (nullable): what the values are ("Customers")
 */
void
ts_chart_set_axis_labels (TsChart    *self,
                          const char *x_label,
                          const char *y_label)
{
  g_return_if_fail (self != NULL);
  g_free (self->x_label);
  self->x_label = g_strdup (x_label);
  g_free (self->y_label);
  self->y_label = g_strdup (y_label);
}

/**
 * ts_chart_set_unit:
 *
 * What the values (y) count: their words and decimals in the description
 * and tooltips; %TS_CHART_UNIT_CUSTOMERS also keeps the y axis's steps whole.
 */
void
ts_chart_set_unit (TsChart     *self,
                   TsChartUnit  unit)
{
  g_return_if_fail (self != NULL);
  self->unit = unit;
  self->dirty = TRUE;
}

/**
 * ts_chart_set_x_unit:
 *
 * What a scatter's x values count, as ts_chart_set_unit() for y.
 */
void
ts_chart_set_x_unit (TsChart     *self,
                     TsChartUnit  unit)
{
  g_return_if_fail (self != NULL);
  self->x_unit = unit;
  self->dirty = TRUE;
}

/* the new categories' values: 0 (a bar of nothing); a scatter's, NAN (no
 * point yet) */
static void
grow_values (TsChart *self,
             GArray  *values)
{
  guint old = values->len;

  g_array_set_size (values, self->categories->len);
  for (guint c = old; c < values->len && self->kind == TS_CHART_SCATTER; c++)
    g_array_index (values, double, c) = NAN;
}

static void
grow_series (TsChart *self)
{
  guint old = self->xs->len;

  for (guint i = 0; i < self->series->len; i++)
    grow_values (self, g_array_index (self->series, Series, i).values);
  g_array_set_size (self->xs, self->categories->len);
  for (guint c = old; c < self->xs->len; c++)
    g_array_index (self->xs, double, c) = NAN;
  g_ptr_array_set_size (self->notes, self->categories->len);
  g_array_set_size (self->places, self->categories->len);
  self->dirty = TRUE;
}

/**
 * ts_chart_add_category:
 *
 * Adds a labelled category after the others; every series' value of it is 0.
 *
 * Returns: its index
 */
guint
ts_chart_add_category (TsChart    *self,
                       const char *label)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->edges == NULL, 0);
  g_ptr_array_add (self->categories, g_strdup (label));
  grow_series (self);
  return self->categories->len - 1;
}

/**
 * ts_chart_set_bins:
 * @edges: (array length=n_edges): ascending
 *
 * Makes the categories numeric bins [edges[i], edges[i + 1]), labelled
 * "0–5", with an x axis of nice ticks. Replaces any categories; the values
 * of the first bins are kept.
 */
void
ts_chart_set_bins (TsChart      *self,
                   const double *edges,
                   guint         n_edges)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->kind != TS_CHART_SCATTER && self->kind != TS_CHART_FLOW);
  g_return_if_fail (n_edges >= 2);

  g_clear_pointer (&self->edges, g_array_unref);
  self->edges = g_array_sized_new (FALSE, FALSE, sizeof (double), n_edges);
  g_array_append_vals (self->edges, edges, n_edges);
  g_ptr_array_set_size (self->categories, 0);
  for (guint i = 0; i + 1 < n_edges; i++)
    {
      g_return_if_fail (edges[i + 1] > edges[i]);
      /* Translators: a bin of a histogram, from one value up to the next: "0–5" */
      g_ptr_array_add (self->categories, g_strdup_printf (_("%g–%g"), edges[i], edges[i + 1]));
    }
  grow_series (self);
}

/**
 * ts_chart_add_series:
 * @label: its name, in the legend and the description ("calm")
 * @role: how the application colours it
 * @level: for %TS_CHART_ROLE_LEVEL, 0 (calm) to 1 (urgent)
 *
 * A scatter has one series, its points' colour: add it before the first
 * ts_chart_set_point() to name or colour it.
 *
 * Returns: its index; all its values are 0 (a scatter's, NAN)
 */
guint
ts_chart_add_series (TsChart     *self,
                     const char  *label,
                     TsChartRole  role,
                     double       level)
{
  /* a level is 0..1; a category's is its index */
  Series s = { { NULL, role, role == TS_CHART_ROLE_CATEGORY ? MAX (level, 0) : CLAMP (level, 0, 1) }, NULL };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (self->kind != TS_CHART_SCATTER || self->series->len == 0, 0);
  s.pub.label = g_strdup (label);
  s.values = g_array_new (FALSE, TRUE, sizeof (double));
  grow_values (self, s.values);
  g_array_append_val (self->series, s);
  self->dirty = TRUE;
  return self->series->len - 1;
}

static double *
value_at (TsChart *self,
          guint    series,
          guint    category)
{
  g_return_val_if_fail (series < self->series->len, NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);
  return &g_array_index (g_array_index (self->series, Series, series).values, double, category);
}

void
ts_chart_set_value (TsChart *self,
                    guint    series,
                    guint    category,
                    double   value)
{
  double *v;

  g_return_if_fail (self != NULL);
  g_return_if_fail (isfinite (value));
  if ((v = value_at (self, series, category)) == NULL)
    return;
  *v = value;
  self->dirty = TRUE;
}

/**
 * ts_chart_add_to_value:
 *
 * Adds @amount to a value: counting into a histogram.
 */
void
ts_chart_add_to_value (TsChart *self,
                       guint    series,
                       guint    category,
                       double   amount)
{
  double *v;

  g_return_if_fail (self != NULL);
  g_return_if_fail (isfinite (amount));
  if ((v = value_at (self, series, category)) == NULL)
    return;
  *v += amount;
  self->dirty = TRUE;
}

/**
 * ts_chart_set_point:
 * @x: NAN: the point is missing
 * @y: NAN: the point is missing
 *
 * Places a scatter's category at (@x, @y): @y is its value of the chart's
 * series, which is added (unnamed, of the accent colour) when there is none.
 */
void
ts_chart_set_point (TsChart *self,
                    guint    category,
                    double   x,
                    double   y)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->kind == TS_CHART_SCATTER);
  g_return_if_fail (category < self->categories->len);
  g_return_if_fail (!isinf (x) && !isinf (y));

  if (self->series->len == 0)
    ts_chart_add_series (self, NULL, TS_CHART_ROLE_ACCENT, 0);
  g_array_index (self->xs, double, category) = x;
  *value_at (self, 0, category) = y;
  self->dirty = TRUE;
}

/**
 * ts_chart_set_node:
 * @series: its colour, in the legend ("in the journey", "held back")
 * @column: 0: the leftmost
 * @value: what it holds (customers), at least 0: its size, unless its
 *   links carry more
 *
 * Makes a flow's @category a node of @series in @column, holding @value:
 * its value of @series, its value of every other series 0. A category
 * that is not made a node is not drawn and has no links.
 */
void
ts_chart_set_node (TsChart *self,
                   guint    category,
                   guint    series,
                   guint    column,
                   double   value)
{
  Place *place;

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->kind == TS_CHART_FLOW);
  g_return_if_fail (category < self->categories->len);
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (isfinite (value) && value >= 0);

  place = &g_array_index (self->places, Place, category);
  place->placed = TRUE;
  place->series = series;
  place->column = column;
  for (guint s = 0; s < self->series->len; s++)
    *value_at (self, s, category) = s == series ? value : 0;
  self->dirty = TRUE;
}

/**
 * ts_chart_add_link:
 * @from: a node's category
 * @to: a node's category in a later column than @from's
 * @value: what goes from one to the other (customers), at least 0; added
 *   to what is already linked from @from to @to
 *
 * Links two nodes of a flow. A flow runs one way, left to right: a link
 * back, or within a column, is refused (a journey's loop is a later step
 * in a later column). A link of nothing is neither drawn nor said, nor is
 * one whose nodes were later moved so that it no longer runs rightwards.
 */
void
ts_chart_add_link (TsChart *self,
                   guint    from,
                   guint    to,
                   double   value)
{
  const Place *a, *b;
  Flow flow = { from, to, value };

  g_return_if_fail (self != NULL);
  g_return_if_fail (self->kind == TS_CHART_FLOW);
  g_return_if_fail (from < self->categories->len && to < self->categories->len);
  g_return_if_fail (isfinite (value) && value >= 0);
  a = &g_array_index (self->places, Place, from);
  b = &g_array_index (self->places, Place, to);
  g_return_if_fail (a->placed && b->placed);
  g_return_if_fail (b->column > a->column);

  self->dirty = TRUE;
  for (guint i = 0; i < self->flows->len; i++)
    {
      Flow *f = &g_array_index (self->flows, Flow, i);

      if (f->from == from && f->to == to)
        {
          f->value += value;
          return;
        }
    }
  g_array_append_val (self->flows, flow);
}

/**
 * ts_chart_mark_category:
 * @note: what is to be seen there, in a few words ("Outages: 453 per
 *   1,000 (alert at 20)")
 *
 * Marks @category with @note, after any it has: the view shows a marker
 * there and the note in its tooltip, and the category's description says it.
 */
void
ts_chart_mark_category (TsChart    *self,
                        guint       category,
                        const char *note)
{
  char **notes;

  g_return_if_fail (self != NULL);
  g_return_if_fail (category < self->categories->len);
  g_return_if_fail (note != NULL);

  notes = (char **) &g_ptr_array_index (self->notes, category);
  if (*notes == NULL)
    *notes = g_strdup (note);
  else
    {
      /* Translators: the separator of two notes on one category of a chart */
      char *joined = g_strconcat (*notes, _("; "), note, NULL);

      g_free (*notes);
      *notes = joined;
    }
  self->dirty = TRUE;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

TsChartKind
ts_chart_get_kind (TsChart *self)
{
  g_return_val_if_fail (self != NULL, TS_CHART_BARS);
  return self->kind;
}

const char *
ts_chart_get_title (TsChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char *
ts_chart_get_x_label (TsChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->x_label;
}

const char *
ts_chart_get_y_label (TsChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->y_label;
}

TsChartUnit
ts_chart_get_unit (TsChart *self)
{
  g_return_val_if_fail (self != NULL, TS_CHART_UNIT_NONE);
  return self->unit;
}

TsChartUnit
ts_chart_get_x_unit (TsChart *self)
{
  g_return_val_if_fail (self != NULL, TS_CHART_UNIT_NONE);
  return self->x_unit;
}

guint
ts_chart_get_n_categories (TsChart *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->categories->len;
}

const char *
ts_chart_get_category_label (TsChart *self,
                             guint    category)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);
  return g_ptr_array_index (self->categories, category);
}

guint
ts_chart_get_n_series (TsChart *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->series->len;
}

const TsChartSeries *
ts_chart_get_series (TsChart *self,
                     guint    series)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return &g_array_index (self->series, Series, series).pub;
}

double
ts_chart_get_value (TsChart *self,
                    guint    series,
                    guint    category)
{
  double *v;

  g_return_val_if_fail (self != NULL, NAN);
  v = value_at (self, series, category);
  return v ? *v : NAN;
}

/**
 * ts_chart_get_category_total:
 *
 * Returns: the sum of every series' value of @category: a stacked bar's height
 */
double
ts_chart_get_category_total (TsChart *self,
                             guint    category)
{
  double total = 0;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (category < self->categories->len, NAN);
  for (guint s = 0; s < self->series->len; s++)
    total += *value_at (self, s, category);
  return total;
}

double
ts_chart_get_series_total (TsChart *self,
                           guint    series)
{
  double total = 0;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (series < self->series->len, NAN);
  for (guint c = 0; c < self->categories->len; c++)
    total += *value_at (self, series, c);
  return total;
}

/**
 * ts_chart_get_point_x:
 *
 * Returns: a scatter's category's x, or NAN when it is not set
 */
double
ts_chart_get_point_x (TsChart *self,
                      guint    category)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (category < self->categories->len, NAN);
  return g_array_index (self->xs, double, category);
}

/**
 * ts_chart_get_category_mark:
 *
 * Returns: (nullable): @category's notes, joined by "; ", or %NULL when it
 *   is not marked
 */
const char *
ts_chart_get_category_mark (TsChart *self,
                            guint    category)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);
  return g_ptr_array_index (self->notes, category);
}

/* ------------------------------------------------------------------ */
/* Geometry                                                            */
/* ------------------------------------------------------------------ */

/* a scatter's point is drawn when both its values are known */
static gboolean
has_point (TsChart *self,
           guint    category,
           double  *x,
           double  *y)
{
  *x = g_array_index (self->xs, double, category);
  *y = self->series->len > 0 ? *value_at (self, 0, category) : NAN;
  return !isnan (*x) && !isnan (*y);
}

static void
category_span (TsChart *self,
               guint    category,
               double  *x0,
               double  *x1)
{
  guint n = self->categories->len;

  if (self->edges != NULL)
    {
      const double *e = (const double *) self->edges->data;
      double span = e[n] - e[0];

      *x0 = (e[category] - e[0]) / span;
      *x1 = (e[category + 1] - e[0]) / span;
    }
  else
    {
      *x0 = (double) category / n;
      *x1 = (double) (category + 1) / n;
    }
}

static void
add_tick (GArray     *ticks,
          double      position,
          double      value,
          char       *label)
{
  TsChartTick t = { position, value, label };

  g_array_append_val (ticks, t);
}

static void
compute_x_ticks (TsChart *self)
{
  guint n = self->categories->len;

  if (self->kind == TS_CHART_SCATTER)
    {
      const TsChartAxis *x = &self->x_axis;

      for (guint k = 0; k <= x->n_intervals; k++)
        {
          double v = x->min + k * x->step;

          add_tick (self->x_ticks, (double) k / x->n_intervals, v, g_strdup_printf ("%.*f", x->decimals, v));
        }
    }
  else if (self->edges != NULL)
    {
      const double *e = (const double *) self->edges->data;
      double span = e[n] - e[0];
      TsChartAxis axis;

      ts_chart_nice_axis (e[0], e[n], X_INTERVALS, FALSE, &axis);
      for (guint k = 0; k <= axis.n_intervals; k++)
        {
          double v = axis.min + k * axis.step;

          if (v < e[0] - 1e-9 * span || v > e[n] + 1e-9 * span)
            continue;
          add_tick (self->x_ticks, (v - e[0]) / span, v, g_strdup_printf ("%.*f", axis.decimals, v));
        }
    }
  else
    {
      for (guint c = 0; c < n; c++)
        add_tick (self->x_ticks, (c + 0.5) / n, c, g_strdup (g_ptr_array_index (self->categories, c)));
    }
}

/* a flow's link that is drawn: of something, and rightwards (its nodes
 * may have been moved since it was added) */
static gboolean
flow_is_drawn (TsChart    *self,
               const Flow *flow)
{
  const Place *a = &g_array_index (self->places, Place, flow->from);
  const Place *b = &g_array_index (self->places, Place, flow->to);

  return flow->value > 0 && a->placed && b->placed && b->column > a->column;
}

typedef struct
{
  const TsChartNode *nodes;
  const guint       *node_of;   /* a category's index in nodes */
} FlowOrder;

/* nodes from the top: the higher first, then the nearer column */
static int
compare_nodes (const TsChartNode *a,
               const TsChartNode *b)
{
  if (a->y1 != b->y1)
    return a->y1 > b->y1 ? -1 : 1;
  if (a->column != b->column)
    return a->column < b->column ? -1 : 1;
  return a->category < b->category ? -1 : a->category > b->category;
}

/* links as they leave their sources: by source, then by target from the top */
static int
compare_leaving_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  const TsChartLink *la = a, *lb = b;
  const FlowOrder *order = data;

  if (la->from != lb->from)
    return la->from < lb->from ? -1 : 1;
  return compare_nodes (&order->nodes[order->node_of[la->to]], &order->nodes[order->node_of[lb->to]]);
}

/* links as they arrive: by target, then by source from the top */
static int
compare_arriving_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  const TsChartLink *la = *(TsChartLink * const *) a, *lb = *(TsChartLink * const *) b;
  const FlowOrder *order = data;

  if (la->to != lb->to)
    return la->to < lb->to ? -1 : 1;
  return compare_nodes (&order->nodes[order->node_of[la->from]], &order->nodes[order->node_of[lb->from]]);
}

/* A flow's nodes, links and marks (see the top of the file). */
static void
compute_flow (TsChart *self)
{
  guint n = self->categories->len, n_columns = 0, most_nodes = 0;
  g_autofree double *size = g_new0 (double, n);
  g_autofree guint *node_of = g_new0 (guint, n);
  g_autofree double *column_sum = NULL;
  g_autofree double *column_top = NULL;
  g_autofree guint *column_nodes = NULL;
  g_autofree guint *column_zeros = NULL;
  g_autoptr(GPtrArray) arriving = NULL;
  double scale = INFINITY, gap;
  FlowOrder order;

  /* each node's size: the most of its value, what comes in, what goes out */
  {
    g_autofree double *in = g_new0 (double, n);
    g_autofree double *out = g_new0 (double, n);

    for (guint i = 0; i < self->flows->len; i++)
      {
        const Flow *f = &g_array_index (self->flows, Flow, i);

        if (!flow_is_drawn (self, f))
          continue;
        out[f->from] += f->value;
        in[f->to] += f->value;
      }
    for (guint c = 0; c < n; c++)
      {
        const Place *place = &g_array_index (self->places, Place, c);

        if (!place->placed)
          continue;
        size[c] = MAX (MAX (ts_chart_get_category_total (self, c), 0), MAX (in[c], out[c]));
        n_columns = MAX (n_columns, place->column + 1);
      }
  }

  /* one scale for all: the largest at which every column fits, gaps and
   * hairlines included */
  column_sum = g_new0 (double, n_columns);
  column_top = g_new0 (double, n_columns);
  column_nodes = g_new0 (guint, n_columns);
  column_zeros = g_new0 (guint, n_columns);
  for (guint c = 0; c < n; c++)
    {
      const Place *place = &g_array_index (self->places, Place, c);

      if (!place->placed)
        continue;
      column_sum[place->column] += size[c];
      column_nodes[place->column]++;
      column_zeros[place->column] += size[c] == 0;
      most_nodes = MAX (most_nodes, column_nodes[place->column]);
    }
  gap = most_nodes > 1 ? MIN (FLOW_GAP, 0.5 / (most_nodes - 1)) : 0;
  for (guint k = 0; k < n_columns; k++)
    {
      double gaps = (column_nodes[k] > 0 ? column_nodes[k] - 1 : 0) * gap;
      double room = 1 - gaps - column_zeros[k] * FLOW_HAIRLINE;

      column_top[k] = 1;
      if (column_sum[k] > 0)
        scale = MIN (scale, room / column_sum[k]);
    }
  /* no customers at all (or, absurdly, hairlines enough to fill a column) */
  if (!isfinite (scale) || scale < 0)
    scale = 0;

  /* the nodes, stacked from the top of their columns */
  for (guint c = 0; c < n; c++)
    {
      const Place *place = &g_array_index (self->places, Place, c);
      TsChartNode node = { c, place->series, place->column, ts_chart_get_category_total (self, c) };
      double *top = &column_top[place->column];

      if (!place->placed)
        continue;
      node.x0 = n_columns > 1 ? place->column * (1 - FLOW_NODE_WIDTH) / (n_columns - 1)
                              : (1 - FLOW_NODE_WIDTH) / 2;
      node.x1 = node.x0 + FLOW_NODE_WIDTH;
      node.y1 = *top;
      node.y0 = node.y1 - (size[c] > 0 ? size[c] * scale : FLOW_HAIRLINE);
      *top = node.y0 - gap;
      node_of[c] = self->nodes->len;
      g_array_append_val (self->nodes, node);
    }
  order.nodes = (const TsChartNode *) self->nodes->data;
  order.node_of = node_of;

  /* the links: stacked down each source in its targets' order, then down
   * each target in its sources' order */
  for (guint i = 0; i < self->flows->len; i++)
    {
      const Flow *f = &g_array_index (self->flows, Flow, i);
      TsChartLink link = { f->from, f->to, f->value };

      if (!flow_is_drawn (self, f))
        continue;
      g_array_append_val (self->links, link);
    }
  g_array_sort_with_data (self->links, compare_leaving_cb, &order);
  arriving = g_ptr_array_sized_new (self->links->len);
  for (guint i = 0; i < self->links->len; i++)
    {
      TsChartLink *link = &g_array_index (self->links, TsChartLink, i);
      const TsChartNode *from = &order.nodes[node_of[link->from]];

      if (i == 0 || link->from != g_array_index (self->links, TsChartLink, i - 1).from)
        link->y0_top = from->y1;
      else
        link->y0_top = g_array_index (self->links, TsChartLink, i - 1).y0_bottom;
      link->x0 = from->x1;
      link->y0_bottom = link->y0_top - link->value * scale;
      g_ptr_array_add (arriving, link);
    }
  g_ptr_array_sort_with_data (arriving, compare_arriving_cb, &order);
  for (guint i = 0; i < arriving->len; i++)
    {
      TsChartLink *link = g_ptr_array_index (arriving, i);
      const TsChartLink *before = i > 0 ? g_ptr_array_index (arriving, i - 1) : NULL;
      const TsChartNode *to = &order.nodes[node_of[link->to]];

      link->x1 = to->x0;
      link->y1_top = before != NULL && before->to == link->to ? before->y1_bottom : to->y1;
      link->y1_bottom = link->y1_top - link->value * scale;
    }

  /* the marks: their nodes' */
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const TsChartNode *node = &order.nodes[i];
      TsChartMark m = { node->category, node->x0, node->x1, (node->x0 + node->x1) / 2, node->y1,
                        g_ptr_array_index (self->notes, node->category) };

      if (m.note != NULL)
        g_array_append_val (self->marks, m);
    }
}

static void
compute (TsChart *self)
{
  guint n = self->categories->len;
  double lo = 0, hi = 0, span;
  TsChartAxis *y = &self->y_axis;

  if (!self->dirty)
    return;
  self->dirty = FALSE;
  g_array_set_size (self->x_ticks, 0);
  g_array_set_size (self->y_ticks, 0);
  g_array_set_size (self->bars, 0);
  g_array_set_size (self->points, 0);
  g_array_set_size (self->marks, 0);
  g_array_set_size (self->nodes, 0);
  g_array_set_size (self->links, 0);

  /* a flow has no axes */
  if (self->kind == TS_CHART_FLOW)
    {
      compute_flow (self);
      return;
    }

  /* a scatter's ranges: its points', without 0 */
  if (self->kind == TS_CHART_SCATTER)
    {
      double x_lo = INFINITY, x_hi = -INFINITY;

      lo = INFINITY;
      hi = -INFINITY;
      for (guint c = 0; c < n; c++)
        {
          double x, v;

          if (!has_point (self, c, &x, &v))
            continue;
          x_lo = MIN (x_lo, x);
          x_hi = MAX (x_hi, x);
          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
      /* no point at all: an empty plot of 0..1 */
      if (x_lo > x_hi)
        x_lo = x_hi = lo = hi = 0;
      ts_chart_nice_axis (x_lo, x_hi, X_INTERVALS, self->x_unit == TS_CHART_UNIT_CUSTOMERS, &self->x_axis);
    }
  /* otherwise: stacked bars' heights, or the lines' values; and 0 */
  for (guint c = 0; c < n && self->kind != TS_CHART_SCATTER; c++)
    {
      double up = 0, down = 0;

      for (guint s = 0; s < self->series->len; s++)
        {
          double v = *value_at (self, s, c);

          if (self->kind == TS_CHART_LINES)
            {
              lo = MIN (lo, v);
              hi = MAX (hi, v);
            }
          else if (v >= 0)
            up += v;
          else
            down += v;
        }
      lo = MIN (lo, down);
      hi = MAX (hi, up);
    }
  ts_chart_nice_axis (lo, hi, Y_INTERVALS, self->unit == TS_CHART_UNIT_CUSTOMERS, y);
  span = y->max - y->min;
  for (guint k = 0; k <= y->n_intervals; k++)
    {
      double v = y->min + k * y->step;

      add_tick (self->y_ticks, (double) k / y->n_intervals, v, g_strdup_printf ("%.*f", y->decimals, v));
    }
  compute_x_ticks (self);

  for (guint c = 0; c < n && self->kind == TS_CHART_SCATTER; c++)
    {
      const TsChartAxis *xa = &self->x_axis;
      double x, v;

      if (has_point (self, c, &x, &v))
        {
          TsChartPoint p = { 0, c, v, (x - xa->min) / (xa->max - xa->min), (v - y->min) / span };

          g_array_append_val (self->points, p);
        }
    }
  for (guint c = 0; c < n && self->kind != TS_CHART_SCATTER; c++)
    {
      double x0, x1, up = 0, down = 0;

      category_span (self, c, &x0, &x1);
      if (self->edges == NULL && self->kind == TS_CHART_BARS)
        {
          double inset = (x1 - x0) * (1 - BAR_SHARE) / 2;

          x0 += inset;
          x1 -= inset;
        }
      for (guint s = 0; s < self->series->len; s++)
        {
          double v = *value_at (self, s, c);

          if (self->kind == TS_CHART_LINES)
            {
              TsChartPoint p = { s, c, v, (x0 + x1) / 2, (v - y->min) / span };

              g_array_append_val (self->points, p);
            }
          else if (v != 0)
            {
              double *base = v > 0 ? &up : &down;
              TsChartBar b = { s, c, v, x0, x1, 0, 0 };

              b.y0 = (*base - y->min) / span;
              *base += v;
              b.y1 = (*base - y->min) / span;
              if (v < 0)
                {
                  double t = b.y0;

                  b.y0 = b.y1;
                  b.y1 = t;
                }
              g_array_append_val (self->bars, b);
            }
        }
    }

  /* the marks: a category's span, or a scatter's point when it has one */
  for (guint c = 0; c < n; c++)
    {
      TsChartMark m = { c, 0, 0, 0, 1, g_ptr_array_index (self->notes, c) };

      if (m.note == NULL)
        continue;
      if (self->kind == TS_CHART_SCATTER)
        {
          const TsChartAxis *xa = &self->x_axis;
          double x, v;

          if (!has_point (self, c, &x, &v))
            continue;
          m.x0 = m.x1 = m.x = (x - xa->min) / (xa->max - xa->min);
          m.y = (v - y->min) / span;
        }
      else
        {
          category_span (self, c, &m.x0, &m.x1);
          m.x = (m.x0 + m.x1) / 2;
        }
      g_array_append_val (self->marks, m);
    }
}

/**
 * ts_chart_get_y_axis:
 *
 * Returns: the value axis: 0 and every value within it, on nice ticks
 *   (a scatter's: its points' values, without 0; a flow has none: all 0)
 */
const TsChartAxis *
ts_chart_get_y_axis (TsChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  compute (self);
  return &self->y_axis;
}

/* one of the geometry's arrays, up to date; they live as long as the chart */
static gconstpointer
computed (TsChart *self,
          GArray  *array,
          guint   *n)
{
  compute (self);
  *n = array->len;
  return array->data;
}

/**
 * ts_chart_get_x_axis:
 *
 * Returns: (nullable): a scatter's x axis: its points' x on nice ticks;
 *   %NULL for bars and lines, whose x is their categories
 */
const TsChartAxis *
ts_chart_get_x_axis (TsChart *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (self->kind != TS_CHART_SCATTER)
    return NULL;
  compute (self);
  return &self->x_axis;
}

/**
 * ts_chart_get_x_ticks:
 *
 * Returns: (array length=n_ticks): the ticks of the x axis: nice values
 *   within the bins' range or a scatter's x axis, or every labelled
 *   category's middle; a flow's, none
 */
const TsChartTick *
ts_chart_get_x_ticks (TsChart *self,
                      guint   *n_ticks)
{
  g_return_val_if_fail (self != NULL, NULL);
  return computed (self, self->x_ticks, n_ticks);
}

/**
 * ts_chart_get_y_ticks:
 *
 * Returns: (array length=n_ticks): the y axis's ticks, from the bottom;
 *   a flow's, none
 */
const TsChartTick *
ts_chart_get_y_ticks (TsChart *self,
                      guint   *n_ticks)
{
  g_return_val_if_fail (self != NULL, NULL);
  return computed (self, self->y_ticks, n_ticks);
}

/**
 * ts_chart_get_bars:
 *
 * Returns: (array length=n_bars): for a bar chart, each series' segment of
 *   each category's bar, by category then series; a value of 0 has none
 */
const TsChartBar *
ts_chart_get_bars (TsChart *self,
                   guint   *n_bars)
{
  g_return_val_if_fail (self != NULL, NULL);
  return computed (self, self->bars, n_bars);
}

/**
 * ts_chart_get_points:
 *
 * Returns: (array length=n_points): for a line chart, every series' value
 *   of every category, by category then series, at the category's middle;
 *   for a scatter, every category's point but the missing ones
 */
const TsChartPoint *
ts_chart_get_points (TsChart *self,
                     guint   *n_points)
{
  g_return_val_if_fail (self != NULL, NULL);
  return computed (self, self->points, n_points);
}

/**
 * ts_chart_get_marks:
 *
 * Returns: (array length=n_marks): the marked categories, in order; a
 *   scatter's missing point has none
 */
const TsChartMark *
ts_chart_get_marks (TsChart *self,
                    guint   *n_marks)
{
  g_return_val_if_fail (self != NULL, NULL);
  return computed (self, self->marks, n_marks);
}

/**
 * ts_chart_get_nodes:
 *
 * Returns: (array length=n_nodes): a flow's nodes, in category order; a
 *   category that is not a node has none
 */
const TsChartNode *
ts_chart_get_nodes (TsChart *self,
                    guint   *n_nodes)
{
  g_return_val_if_fail (self != NULL, NULL);
  return computed (self, self->nodes, n_nodes);
}

/**
 * ts_chart_get_links:
 *
 * Returns: (array length=n_links): a flow's links that are drawn, by
 *   source category, then from the top of the source down
 */
const TsChartLink *
ts_chart_get_links (TsChart *self,
                    guint   *n_links)
{
  g_return_val_if_fail (self != NULL, NULL);
  return computed (self, self->links, n_links);
}

/**
 * ts_chart_find_category:
 * @x: 0..1 of the plot's width
 *
 * Returns: the category at @x, or -1 when there is none (a scatter's
 *   categories and a flow's have no span: see ts_chart_find_point() and
 *   ts_chart_find_node())
 */
int
ts_chart_find_category (TsChart *self,
                        double   x)
{
  guint n;

  g_return_val_if_fail (self != NULL, -1);
  n = self->categories->len;
  if (n == 0 || !(x >= 0 && x <= 1) || self->kind == TS_CHART_SCATTER || self->kind == TS_CHART_FLOW)
    return -1;
  for (guint c = 0; c < n; c++)
    {
      double x0, x1;

      category_span (self, c, &x0, &x1);
      if (x < x1 || c == n - 1)
        return c;
    }
  return -1;
}

/**
 * ts_chart_find_point:
 * @x: 0..1 of the plot's width
 * @y: 0..1 of the plot's height, from the bottom
 * @x_radius: how far a point may be, in 0..1 of the width
 * @y_radius: and of the height: a circle of pixels is an ellipse here
 *
 * Returns: the category of the point nearest (@x, @y) within the radii, or
 *   -1 when there is none
 */
int
ts_chart_find_point (TsChart *self,
                     double   x,
                     double   y,
                     double   x_radius,
                     double   y_radius)
{
  double best = 1;
  int found = -1;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (x_radius > 0 && y_radius > 0, -1);

  compute (self);
  for (guint i = 0; i < self->points->len; i++)
    {
      const TsChartPoint *p = &g_array_index (self->points, TsChartPoint, i);
      double dx = (p->x - x) / x_radius, dy = (p->y - y) / y_radius;
      double d = dx * dx + dy * dy;

      if (d <= best)
        {
          best = d;
          found = p->category;
        }
    }
  return found;
}

/**
 * ts_chart_find_node:
 * @x: 0..1 of the plot's width
 * @y: 0..1 of the plot's height, from the bottom
 * @x_radius: how far from a node's edge (x, y) may be, in 0..1 of the width
 * @y_radius: and of the height
 *
 * Returns: the category of a flow's node that holds (@x, @y), or else the
 *   nearest within the radii (a node is narrow, a hairline thin); -1 when
 *   there is none
 */
int
ts_chart_find_node (TsChart *self,
                    double   x,
                    double   y,
                    double   x_radius,
                    double   y_radius)
{
  double best = 1;
  int found = -1;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (x_radius > 0 && y_radius > 0, -1);

  compute (self);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const TsChartNode *node = &g_array_index (self->nodes, TsChartNode, i);
      double dx = MAX (MAX (node->x0 - x, x - node->x1), 0) / x_radius;
      double dy = MAX (MAX (node->y0 - y, y - node->y1), 0) / y_radius;
      double d = dx * dx + dy * dy;

      if (d <= best)
        {
          best = d;
          found = node->category;
        }
    }
  return found;
}

/* ------------------------------------------------------------------ */
/* In words                                                            */
/* ------------------------------------------------------------------ */

/* a value as its unit writes it, without the unit's words: "120", "12.50" */
static char *
format_number (TsChartUnit unit,
               double      value)
{
  switch (unit)
    {
    case TS_CHART_UNIT_CUSTOMERS:
      return g_strdup_printf ("%.0f", value);
    case TS_CHART_UNIT_AMOUNT:
      return g_strdup_printf ("%.2f", value);
    case TS_CHART_UNIT_NONE:
    default:
      return g_strdup_printf ("%g", value);
    }
}

static char *
format_in_unit (TsChartUnit unit,
                double      value)
{
  g_autofree char *number = format_number (unit, value);

  if (unit == TS_CHART_UNIT_CUSTOMERS)
    /* Translators: %s is a number: "120 customers" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers",
                                         (gulong) fabs (round (value))), number);
  return g_steal_pointer (&number);
}

/**
 * ts_chart_format_number:
 *
 * Returns: (transfer full): @value as the chart's unit writes it, without
 *   its words: "120", "12.50" (a flow's node's label)
 */
char *
ts_chart_format_number (TsChart *self,
                        double   value)
{
  g_return_val_if_fail (self != NULL, NULL);
  return format_number (self->unit, value);
}

/**
 * ts_chart_format_value:
 *
 * Returns: (transfer full): @value in the chart's unit: "120 customers"
 */
char *
ts_chart_format_value (TsChart *self,
                       double   value)
{
  g_return_val_if_fail (self != NULL, NULL);
  return format_in_unit (self->unit, value);
}

/**
 * ts_chart_format_x_value:
 *
 * Returns: (transfer full): a scatter's x in its unit: "12.50"
 */
char *
ts_chart_format_x_value (TsChart *self,
                         double   value)
{
  g_return_val_if_fail (self != NULL, NULL);
  return format_in_unit (self->x_unit, value);
}

/* "NPS 31", or "31" on an axis without a name */
static char *
describe_on_axis (const char *axis,
                  const char *value)
{
  if (axis == NULL)
    return g_strdup (value);
  /* Translators: an axis's name and a point's value on it: "NPS 31" */
  return g_strdup_printf (_("%s %s"), axis, value);
}

/* a scatter's point: "Webinar: Cost 3.00, NPS 12", "Survey: missing" */
static char *
describe_point (TsChart *self,
                guint    category)
{
  const char *label = g_ptr_array_index (self->categories, category);
  g_autofree char *x_value = NULL;
  g_autofree char *y_value = NULL;
  g_autofree char *on_x = NULL;
  g_autofree char *on_y = NULL;
  double x, y;

  if (!has_point (self, category, &x, &y))
    /* Translators: a point of a chart without a value: "Survey: missing" */
    return g_strdup_printf (_("%s: missing"), label);
  x_value = ts_chart_format_x_value (self, x);
  y_value = ts_chart_format_value (self, y);
  on_x = describe_on_axis (self->x_label, x_value);
  on_y = describe_on_axis (self->y_label, y_value);
  /* Translators: a point of a chart and its values on both axes: "Webinar: Cost 3.00, NPS 12" */
  return g_strdup_printf (_("%s: %s, %s"), label, on_x, on_y);
}

/* a flow's node, its value, series and links out: "Welcome e-mail: 520
 * customers (in the journey), to Wait 3 days 500, to Left 20" */
static char *
describe_node (TsChart *self,
               guint    category)
{
  const Place *place = &g_array_index (self->places, Place, category);
  const char *label = g_ptr_array_index (self->categories, category);
  const char *series;
  g_autofree char *total = NULL;
  const TsChartLink *links;
  GString *text;
  guint n;

  if (!place->placed)
    return g_strdup_printf (_("%s: missing"), label);
  total = ts_chart_format_value (self, ts_chart_get_category_total (self, category));
  series = ts_chart_get_series (self, place->series)->label;
  text = g_string_new (NULL);
  if (series != NULL)
    /* Translators: a node of a flow chart, its value and its series:
     * "Welcome e-mail: 520 customers (in the journey)" */
    g_string_append_printf (text, _("%s: %s (%s)"), label, total, series);
  else
    g_string_append_printf (text, _("%s: %s"), label, total);
  links = ts_chart_get_links (self, &n);
  for (guint i = 0; i < n; i++)
    if (links[i].from == category)
      {
        g_autofree char *number = format_number (self->unit, links[i].value);

        g_string_append (text, _(", "));
        /* Translators: a link of a flow chart, after its source node: "to Wait 3 days 500" */
        g_string_append_printf (text, _("to %s %s"), (char *) g_ptr_array_index (self->categories, links[i].to),
                                number);
      }
  return g_string_free (text, FALSE);
}

/* a category's values in words, without its notes */
static char *
describe_values (TsChart *self,
                 guint    category)
{
  g_autoptr(GString) parts = g_string_new (NULL);
  const char *label;
  guint n_nonzero = 0;

  if (self->kind == TS_CHART_SCATTER)
    return describe_point (self, category);
  if (self->kind == TS_CHART_FLOW)
    return describe_node (self, category);
  label = g_ptr_array_index (self->categories, category);
  for (guint s = 0; s < self->series->len; s++)
    {
      const TsChartSeries *series = ts_chart_get_series (self, s);
      double v = *value_at (self, s, category);
      g_autofree char *number = NULL;

      if (v == 0 && self->kind == TS_CHART_BARS)
        continue;
      n_nonzero++;
      number = self->kind == TS_CHART_BARS || self->series->len > 1
               ? format_number (self->unit, v)
               : ts_chart_format_value (self, v);
      if (parts->len > 0)
        g_string_append (parts, _(", "));
      if (self->series->len > 1)
        /* Translators: a series' part of a value: "8 attention" */
        g_string_append_printf (parts, _("%s %s"), number, series->label ? series->label : "");
      else
        g_string_append (parts, number);
    }

  if (self->kind == TS_CHART_LINES)
    /* Translators: a category and its values: "Week 32: 4 calm, 1 urgent" */
    return g_strdup_printf (_("%s: %s"), label, parts->str);
  {
    g_autofree char *total = ts_chart_format_value (self, ts_chart_get_category_total (self, category));

    if (self->series->len < 2 || n_nonzero == 0)
      /* Translators: a bar and its value: "60–65: 0 customers" */
      return g_strdup_printf (_("%s: %s"), label, total);
    if (n_nonzero == 1)
      {
        /* a bar of one series: its name alone ("0–5: 120 customers (calm)") */
        for (guint s = 0; s < self->series->len; s++)
          if (*value_at (self, s, category) != 0)
            /* Translators: a bar, its value and its one series: "0–5: 120 customers (calm)" */
            return g_strdup_printf (_("%s: %s (%s)"), label, total, ts_chart_get_series (self, s)->label);
      }
    /* Translators: a bar, its value and its series: "30–35: 12 customers (8 attention, 4 urgent)" */
    return g_strdup_printf (_("%s: %s (%s)"), label, total, parts->str);
  }
}

/**
 * ts_chart_describe_category:
 *
 * Returns: (transfer full): one category in words: a bar's total and its
 *   series ("30–35: 12 customers (8 attention, 4 urgent)", "0–5: 120
 *   customers (calm)"), a line chart's values ("Week 32: 4 calm, 1
 *   urgent"), a scatter's point ("Webinar: Cost 3.00, NPS 12") or a
 *   flow's node and where its links go ("Welcome e-mail: 520 customers (in
 *   the journey), to Wait 3 days 500, to Left 20"); then its notes when it
 *   is marked ("2025-W31: −12 — Outages: 453 per 1,000")
 */
char *
ts_chart_describe_category (TsChart *self,
                            guint    category)
{
  g_autofree char *values = NULL;
  const char *note;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (category < self->categories->len, NULL);

  values = describe_values (self, category);
  note = g_ptr_array_index (self->notes, category);
  if (note == NULL)
    return g_steal_pointer (&values);
  /* Translators: a category of a chart in words, then the notes it is marked with:
   * "2025-W31: -12 — Outages: 453 per 1,000 (alert at 20)" */
  return g_strdup_printf (_("%s — %s"), values, note);
}

/**
 * ts_chart_describe:
 *
 * The chart in words, for those who do not see it (an accessible
 * description) and for the record: the title, each series' total when
 * there are several, then every category (a scatter's every point) with
 * its notes; empty bins in a row as one.
 *
 * Returns: (transfer full): "Score distribution. calm: 560 customers,
 *   attention: 40 customers, urgent: 0 customers. 0–5: 120 customers
 *   (calm); 5–10: …; 60–100: 0 customers."
 */
char *
ts_chart_describe (TsChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (self->title != NULL)
    /* Translators: the title of a chart, as the first sentence of its description */
    g_string_append_printf (text, _("%s."), self->title);
  if (self->series->len > 1 && self->kind == TS_CHART_BARS)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      for (guint s = 0; s < self->series->len; s++)
        {
          g_autofree char *total = ts_chart_format_value (self, ts_chart_get_series_total (self, s));

          if (s > 0)
            g_string_append (text, _(", "));
          /* Translators: a series and its total: "calm: 560 customers" */
          g_string_append_printf (text, _("%s: %s"), ts_chart_get_series (self, s)->label, total);
        }
      g_string_append_c (text, '.');
    }
  for (guint c = 0; c < self->categories->len; c++)
    {
      g_autofree char *category = NULL;
      guint last = c;

      /* bins in a row with nothing: one range ("30–95: 0 customers"),
       * unless one is marked, its notes to be said */
      if (self->edges != NULL && self->kind == TS_CHART_BARS)
        while (last + 1 < self->categories->len &&
               ts_chart_get_category_total (self, c) == 0 &&
               ts_chart_get_category_total (self, last + 1) == 0 &&
               g_ptr_array_index (self->notes, c) == NULL &&
               g_ptr_array_index (self->notes, last + 1) == NULL)
          last++;
      if (last > c)
        {
          const double *e = (const double *) self->edges->data;
          g_autofree char *range = g_strdup_printf (_("%g–%g"), e[c], e[last + 1]);
          g_autofree char *none = ts_chart_format_value (self, 0);

          category = g_strdup_printf (_("%s: %s"), range, none);
        }
      else
        category = ts_chart_describe_category (self, c);

      if (c == 0)
        {
          if (text->len > 0)
            g_string_append_c (text, ' ');
        }
      else
        g_string_append (text, _("; "));
      g_string_append (text, category);
      c = last;
    }
  if (self->categories->len > 0)
    g_string_append_c (text, '.');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ------------------------------------------------------------------ */
/* Charts of the scores                                                */
/* ------------------------------------------------------------------ */

/**
 * ts_chart_new_score_distribution:
 *
 * How the scores are spread: a histogram of 20 bins of 5 points from 0 to
 * 100 (the last bin holds 100), one series per band of the playbook, in
 * its order, stacked: a bin a band boundary cuts has a segment per band.
 *
 * Returns: (transfer full): a bar chart of customers
 */
TsChart *
ts_chart_new_score_distribution (TsScores *scores)
{
  TsPlaybook *pb;
  const TsBand *first;
  TsChart *self;
  double edges[DISTRIBUTION_BINS + 1];
  guint n_bands;

  g_return_val_if_fail (scores != NULL, NULL);

  pb = ts_scores_get_playbook (scores);
  n_bands = ts_playbook_get_n_bands (pb);
  first = ts_playbook_get_band (pb, 0);

  self = ts_chart_new (TS_CHART_BARS, _("Score distribution"));
  ts_chart_set_axis_labels (self, _("Score"), _("Customers"));
  ts_chart_set_unit (self, TS_CHART_UNIT_CUSTOMERS);
  for (guint i = 0; i <= DISTRIBUTION_BINS; i++)
    edges[i] = 100.0 * i / DISTRIBUTION_BINS;
  ts_chart_set_bins (self, edges, G_N_ELEMENTS (edges));
  for (guint b = 0; b < n_bands; b++)
    ts_chart_add_series (self, ts_playbook_get_band (pb, b)->id, TS_CHART_ROLE_LEVEL,
                         n_bands > 1 ? (double) b / (n_bands - 1) : 0);

  for (guint c = 0; c < ts_scores_get_n_customers (scores); c++)
    {
      double score = ts_scores_get_score (scores, c);
      guint bin;

      if (isnan (score))
        continue;
      bin = (guint) CLAMP (floor (score / (100.0 / DISTRIBUTION_BINS)), 0, DISTRIBUTION_BINS - 1);
      ts_chart_add_to_value (self, ts_scores_get_band (scores, c) - first, bin, 1);
    }
  return self;
}

/* ts-chart.h — a chart's data and its normalised geometry: bars, lines, scatters, flows, nice axes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-scorer.h"

G_BEGIN_DECLS

typedef enum
{
  TS_CHART_BARS,        /* a bar per category, the series stacked on it */
  TS_CHART_LINES,       /* a line per series through the categories */
  TS_CHART_SCATTER,     /* a labelled point per category at (x, y), both axes numeric */
  TS_CHART_FLOW,        /* a node per category in columns, joined by links as thick as
                         * what goes through them (a journey's steps); no axes */
} TsChartKind;

/* What a value counts: the description and tooltips say it in words. */
typedef enum
{
  TS_CHART_UNIT_NONE,
  TS_CHART_UNIT_CUSTOMERS,   /* whole numbers: "120 customers" */
  TS_CHART_UNIT_AMOUNT,      /* money and the like: two decimals, "12.50" */
} TsChartUnit;

/* A series' colour, as a role: the application picks the colour. */
typedef enum
{
  TS_CHART_ROLE_ACCENT,
  TS_CHART_ROLE_NEUTRAL,
  TS_CHART_ROLE_LEVEL,       /* with a level from 0 (calm) to 1 (urgent) */
  TS_CHART_ROLE_CATEGORY,    /* one of several series told apart: the level is its index */
} TsChartRole;

typedef struct
{
  char        *label;
  TsChartRole  role;
  double       level;        /* LEVEL: 0..1; CATEGORY: its index */
} TsChartSeries;

/* An axis of "nice" ticks: min, min + step, …, max, each step 1, 2 or 5 × 10^k. */
typedef struct
{
  double min, max, step;
  guint  n_intervals;        /* (max - min) / step */
  int    decimals;           /* what the ticks' labels need */
} TsChartAxis;

typedef struct
{
  double  position;          /* 0..1 along the axis */
  double  value;
  char   *label;
} TsChartTick;

/* A bar, or a series' segment of a stacked bar, in 0..1 of the plot: x from
 * the left, y from the bottom. */
typedef struct
{
  guint  series;
  guint  category;
  double value;
  double x0, x1;
  double y0, y1;
} TsChartBar;

/* A point of a line, or a scatter's point, in 0..1 of the plot. */
typedef struct
{
  guint  series;
  guint  category;
  double value;              /* a scatter's: its y; its x is ts_chart_get_point_x() */
  double x, y;
} TsChartPoint;

/* A marked category in 0..1 of the plot: the span it takes (a labelled
 * category's share, a bin's edges) and where its value lies, the middle
 * of the span at the top; for a scatter, its point (x0 = x1 = x); for a
 * flow, its node's width and the middle of its top. */
typedef struct
{
  guint       category;
  double      x0, x1;
  double      x, y;
  const char *note;          /* its notes, joined by "; " */
} TsChartMark;

/* A flow's node in 0..1 of the plot, y from the bottom: its column's
 * place across the width, stacked in its column under the nodes before
 * it. Its height is in proportion to the most of its value, what comes
 * in and what goes out; a node of nothing is a hairline. */
typedef struct
{
  guint  category;
  guint  series;             /* its colour */
  guint  column;             /* 0: the leftmost */
  double value;              /* what it holds: its category's total */
  double x0, x1;
  double y0, y1;
} TsChartNode;

/* A flow's link: a band from the right edge of its source node, x0, to
 * the left edge of its target, x1, in 0..1 of the plot, y from the
 * bottom (a top above its bottom). Its thickness at both ends is its
 * value on its nodes' scale. */
typedef struct
{
  guint  from, to;           /* categories */
  double value;
  double x0, y0_top, y0_bottom;
  double x1, y1_top, y1_bottom;
} TsChartLink;

typedef struct _TsChart TsChart;

#define TS_TYPE_CHART (ts_chart_get_type ())

GType                ts_chart_get_type            (void) G_GNUC_CONST;

void                 ts_chart_nice_axis           (double              lo,
                                                   double              hi,
                                                   guint               max_intervals,
                                                   gboolean            integral,
                                                   TsChartAxis        *axis);

TsChart             *ts_chart_new                 (TsChartKind         kind,
                                                   const char         *title);
TsChart             *ts_chart_new_score_distribution (TsScores        *scores);
TsChart             *ts_chart_ref                 (TsChart            *self);
void                 ts_chart_unref               (TsChart            *self);

void                 ts_chart_set_axis_labels     (TsChart            *self,
                                                   const char         *x_label,
                                                   const char         *y_label);
void                 ts_chart_set_unit            (TsChart            *self,
                                                   TsChartUnit         unit);
void                 ts_chart_set_x_unit          (TsChart            *self,
                                                   TsChartUnit         unit);
guint                ts_chart_add_category        (TsChart            *self,
                                                   const char         *label);
void                 ts_chart_set_bins            (TsChart            *self,
                                                   const double       *edges,
                                                   guint               n_edges);
guint                ts_chart_add_series          (TsChart            *self,
                                                   const char         *label,
                                                   TsChartRole         role,
                                                   double              level);
void                 ts_chart_set_value           (TsChart            *self,
                                                   guint               series,
                                                   guint               category,
                                                   double              value);
void                 ts_chart_add_to_value        (TsChart            *self,
                                                   guint               series,
                                                   guint               category,
                                                   double              amount);
void                 ts_chart_set_point           (TsChart            *self,
                                                   guint               category,
                                                   double              x,
                                                   double              y);
void                 ts_chart_set_node            (TsChart            *self,
                                                   guint               category,
                                                   guint               series,
                                                   guint               column,
                                                   double              value);
void                 ts_chart_add_link            (TsChart            *self,
                                                   guint               from,
                                                   guint               to,
                                                   double              value);
void                 ts_chart_mark_category       (TsChart            *self,
                                                   guint               category,
                                                   const char         *note);

TsChartKind          ts_chart_get_kind            (TsChart            *self);
const char          *ts_chart_get_title           (TsChart            *self);
const char          *ts_chart_get_x_label         (TsChart            *self);
const char          *ts_chart_get_y_label         (TsChart            *self);
TsChartUnit          ts_chart_get_unit            (TsChart            *self);
TsChartUnit          ts_chart_get_x_unit          (TsChart            *self);
guint                ts_chart_get_n_categories    (TsChart            *self);
const char          *ts_chart_get_category_label  (TsChart            *self,
                                                   guint               category);
guint                ts_chart_get_n_series        (TsChart            *self);
const TsChartSeries *ts_chart_get_series          (TsChart            *self,
                                                   guint               series);
double               ts_chart_get_value           (TsChart            *self,
                                                   guint               series,
                                                   guint               category);
double               ts_chart_get_category_total  (TsChart            *self,
                                                   guint               category);
double               ts_chart_get_series_total    (TsChart            *self,
                                                   guint               series);
double               ts_chart_get_point_x         (TsChart            *self,
                                                   guint               category);
const char          *ts_chart_get_category_mark   (TsChart            *self,
                                                   guint               category);

const TsChartAxis   *ts_chart_get_y_axis          (TsChart            *self);
const TsChartAxis   *ts_chart_get_x_axis          (TsChart            *self);
const TsChartTick   *ts_chart_get_x_ticks         (TsChart            *self,
                                                   guint              *n_ticks);
const TsChartTick   *ts_chart_get_y_ticks         (TsChart            *self,
                                                   guint              *n_ticks);
const TsChartBar    *ts_chart_get_bars            (TsChart            *self,
                                                   guint              *n_bars);
const TsChartPoint  *ts_chart_get_points          (TsChart            *self,
                                                   guint              *n_points);
const TsChartMark   *ts_chart_get_marks           (TsChart            *self,
                                                   guint              *n_marks);
const TsChartNode   *ts_chart_get_nodes           (TsChart            *self,
                                                   guint              *n_nodes);
const TsChartLink   *ts_chart_get_links           (TsChart            *self,
                                                   guint              *n_links);
int                  ts_chart_find_category       (TsChart            *self,
                                                   double              x);
int                  ts_chart_find_point          (TsChart            *self,
                                                   double              x,
                                                   double              y,
                                                   double              x_radius,
                                                   double              y_radius);
int                  ts_chart_find_node           (TsChart            *self,
                                                   double              x,
                                                   double              y,
                                                   double              x_radius,
                                                   double              y_radius);

char                *ts_chart_format_number       (TsChart            *self,
                                                   double              value);
char                *ts_chart_format_value        (TsChart            *self,
                                                   double              value);
char                *ts_chart_format_x_value      (TsChart            *self,
                                                   double              value);
char                *ts_chart_describe_category   (TsChart            *self,
                                                   guint               category);
char                *ts_chart_describe            (TsChart            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsChart, ts_chart_unref)

G_END_DECLS

/* ts-chart-render.c — a chart laid out in pixels as a scene of shapes, drawn with cairo
 *
 * One drawing for the screen, the exported files and the monthly review:
 * the chart's normalised geometry (see ts-chart.c) is laid out in pixels
 * as a list of shapes — rectangles (bars, grid and axis lines, a flow's
 * nodes), lines (a line series), dots (a scatter's points), polygons
 * (markers), bands (a flow's links) and texts — which are then replayed
 * onto a cairo context here, or onto a GtkSnapshot by the chart widget.
 * The colours are a palette's: the theme's on screen, dark on white on
 * paper, where a chart has its title too, as a chart in a document is read.
 *
 * A marked category has a faint band of the warning colour behind it and a
 * warning triangle at the top of the plot, pointing down at it; a marked
 * point of a scatter, a warning ring; a flow's node, a warning outline and
 * a triangle over it.
 *
 * A flow has no axes: its nodes are drawn in their series' colours, each
 * labelled with its value beside it where there is room, and its links
 * as smooth bands in the colour of their source fading into that of their
 * target, faint enough for the bands to show through each other. The node
 * under the pointer and its links stand out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-render"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ts-chart-render.h"

/* a place that stands for a category when pointed at: a point's or a
 * node's label */
typedef struct
{
  TsChartBox box;
  guint      category;
} Hit;

struct _TsChartScene
{
  TsChart    *chart;
  GArray     *shapes;   /* TsChartShape */
  TsChartBox  plot;     /* where 0..1 of the chart lies */
  GArray     *hits;     /* Hit */
};

typedef struct
{
  double width, height;
} Size;

/* ------------------------------------------------------------------ */
/* Boxes                                                               */
/* ------------------------------------------------------------------ */

static TsChartBox
box_make (double x,
          double y,
          double width,
          double height)
{
  return (TsChartBox) { x, y, width, height };
}

static void
box_inset (TsChartBox *box,
           double      dx,
           double      dy)
{
  box->x += dx;
  box->y += dy;
  box->width -= 2 * dx;
  box->height -= 2 * dy;
}

static gboolean
box_intersects (const TsChartBox *a,
                const TsChartBox *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
box_contains_box (const TsChartBox *outer,
                  const TsChartBox *inner)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

static gboolean
box_contains (const TsChartBox *box,
              double            x,
              double            y)
{
  return x >= box->x && y >= box->y && x <= box->x + box->width && y <= box->y + box->height;
}

/* ------------------------------------------------------------------ */
/* Colours                                                             */
/* ------------------------------------------------------------------ */

static TsChartColor
mix (const TsChartColor *a,
     const TsChartColor *b,
     double              t)
{
  return (TsChartColor) { a->red + (b->red - a->red) * t, a->green + (b->green - a->green) * t,
                          a->blue + (b->blue - a->blue) * t, a->alpha + (b->alpha - a->alpha) * t };
}

static TsChartColor
with_alpha (const TsChartColor *c,
            double              alpha)
{
  return (TsChartColor) { c->red, c->green, c->blue, c->alpha * alpha };
}

static void
set_source (cairo_t            *cr,
            const TsChartColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

/**
 * ts_chart_palette_init:
 * @fg: the texts' colour, from which the grid's, the axes' and the
 *   neutral series' are made
 * @background: behind the chart; transparent on screen
 * @calm: level 0 of a LEVEL series; @warning is 0.5 and @error 1
 */
void
ts_chart_palette_init (TsChartPalette     *palette,
                       const TsChartColor *fg,
                       const TsChartColor *background,
                       const TsChartColor *accent,
                       const TsChartColor *calm,
                       const TsChartColor *warning,
                       const TsChartColor *error)
{
  palette->fg = *fg;
  palette->dim = with_alpha (fg, 0.7);
  palette->grid = with_alpha (fg, 0.12);
  palette->axis = with_alpha (fg, 0.45);
  palette->hover = with_alpha (fg, 0.07);
  palette->background = *background;
  palette->accent = *accent;
  palette->neutral = with_alpha (fg, 0.4);
  palette->calm = *calm;
  palette->warning = *warning;
  palette->error = *error;
}

/**
 * ts_chart_palette_init_for_paper:
 *
 * Adwaita's light colours on white: a file or a document is read on white.
 */
void
ts_chart_palette_init_for_paper (TsChartPalette *palette)
{
  TsChartColor fg = { 0, 0, 0, 0.8 }, white = { 1, 1, 1, 1 };
  TsChartColor blue = { 0x35 / 255., 0x84 / 255., 0xe4 / 255., 1 };
  TsChartColor yellow = { 0xe5 / 255., 0xa5 / 255., 0x0a / 255., 1 };
  TsChartColor red = { 0xe0 / 255., 0x1b / 255., 0x24 / 255., 1 };

  ts_chart_palette_init (palette, &fg, &white, &blue, &blue, &yellow, &red);
}

/**
 * ts_chart_palette_series_color:
 *
 * Returns: the colour @series is drawn in: its role's in @palette, from
 *   calm through warning to error for a level, one of the GNOME palette's
 *   for one of several categories
 */
TsChartColor
ts_chart_palette_series_color (const TsChartPalette *palette,
                               const TsChartSeries  *series)
{
  switch (series->role)
    {
    case TS_CHART_ROLE_LEVEL:
      return series->level <= 0.5 ? mix (&palette->calm, &palette->warning, series->level * 2)
                                  : mix (&palette->warning, &palette->error, (series->level - 0.5) * 2);
    case TS_CHART_ROLE_NEUTRAL:
      return palette->neutral;
    case TS_CHART_ROLE_CATEGORY:
      {
        /* the GNOME palette's colours, in an order that keeps neighbours apart */
        static const guint32 colours[] = { 0x2ec27e, 0xe66100, 0x9141ac, 0x865e3c, 0xc01c28, 0x1c71d8,
                                           0xf5c211, 0x63452c, 0x26a269, 0x813d9c };
        guint32 rgb = colours[(guint) MAX (series->level, 0) % G_N_ELEMENTS (colours)];

        return (TsChartColor) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, 1 };
      }
    case TS_CHART_ROLE_ACCENT:
    default:
      return palette->accent;
    }
}

/* ------------------------------------------------------------------ */
/* Shapes in pixels                                                    */
/* ------------------------------------------------------------------ */

static void
shape_clear (gpointer data)
{
  TsChartShape *s = data;

  g_clear_pointer (&s->points, g_array_unref);
  g_clear_object (&s->layout);
}

static void
add_rect (TsChartScene       *scene,
          const TsChartColor *color,
          double              x,
          double              y,
          double              width,
          double              height)
{
  TsChartShape s = { TS_CHART_SHAPE_RECT, *color };

  if (width <= 0 || height <= 0 || color->alpha == 0)
    return;
  s.box = box_make (x, y, width, height);
  g_array_append_val (scene->shapes, s);
}

/* A filled circle. */
static void
add_dot (TsChartScene       *scene,
         const TsChartColor *color,
         double              x,
         double              y,
         double              radius)
{
  TsChartShape s = { TS_CHART_SHAPE_DOT, *color };

  s.box = box_make (x - radius, y - radius, 2 * radius, 2 * radius);
  g_array_append_val (scene->shapes, s);
}

static PangoLayout *
new_layout (PangoContext *context,
            const char   *text,
            double        scale,
            gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (context);
  const PangoFontDescription *base = pango_context_get_font_description (context);
  PangoFontDescription *desc = base ? pango_font_description_copy (base) : pango_font_description_from_string ("Sans 10");
  int size = pango_font_description_get_size (desc);

  if (size <= 0)
    size = 10 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (desc))
    pango_font_description_set_absolute_size (desc, size * scale);
  else
    pango_font_description_set_size (desc, (int) (size * scale));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);
  return layout;
}

/* A text whose point (@xalign, @yalign) of its box is at (@x, @y). */
static Size
add_text (TsChartScene       *scene,
          PangoContext       *context,
          const TsChartColor *color,
          const char         *text,
          double              scale,
          gboolean            bold,
          double              x,
          double              y,
          double              xalign,
          double              yalign)
{
  TsChartShape s = { TS_CHART_SHAPE_TEXT, *color };
  int w, h;

  s.layout = new_layout (context, text, scale, bold);
  /* the lines of a text of several, aligned as the whole is */
  pango_layout_set_alignment (s.layout, xalign >= 1 ? PANGO_ALIGN_RIGHT
                                        : xalign > 0 ? PANGO_ALIGN_CENTER
                                        : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (s.layout, &w, &h);
  s.box = box_make (round (x - xalign * w), round (y - yalign * h), w, h);
  g_array_append_val (scene->shapes, s);
  return (Size) { w, h };
}

static Size
text_size (PangoContext *context,
           const char   *text,
           double        scale,
           gboolean      bold)
{
  PangoLayout *layout = new_layout (context, text, scale, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  g_object_unref (layout);
  return (Size) { w, h };
}

static TsChartColor
series_color (const TsChartPalette *palette,
              TsChart              *chart,
              guint                 series)
{
  return ts_chart_palette_series_color (palette, ts_chart_get_series (chart, series));
}

#define TICK_SCALE  0.85
#define TITLE_SCALE 1.2
#define SWATCH      10
#define DOT_RADIUS  4
#define MARKER      5      /* half a mark's triangle's width */

/* The legend: a swatch and a name per series, from @x; its width. */
static double
add_legend (TsChartScene         *scene,
            PangoContext         *context,
            const TsChartPalette *palette,
            double                x,
            double                y,
            gboolean              measure_only)
{
  TsChart *chart = scene->chart;
  double start = x;

  for (guint s = 0; s < ts_chart_get_n_series (chart); s++)
    {
      const TsChartSeries *series = ts_chart_get_series (chart, s);
      TsChartColor color = ts_chart_palette_series_color (palette, series);
      Size size;

      if (series->label == NULL)
        continue;
      if (x > start)
        x += 14;
      size = text_size (context, series->label, TICK_SCALE, FALSE);
      if (!measure_only)
        {
          add_rect (scene, &color, x, round (y + (size.height - SWATCH) / 2), SWATCH, SWATCH);
          add_text (scene, context, &palette->fg, series->label, TICK_SCALE, FALSE, x + SWATCH + 5, y, 0, 0);
        }
      x += SWATCH + 5 + size.width;
    }
  return x - start;
}

static GArray *
new_points (const TsChartXY *points,
            guint            n_points)
{
  GArray *array = g_array_sized_new (FALSE, FALSE, sizeof (TsChartXY), n_points);

  g_array_append_vals (array, points, n_points);
  return array;
}

/* A mark's triangle, hanging from the top of the plot at @x and pointing
 * down at its category. */
static void
add_marker (TsChartScene       *scene,
            const TsChartColor *color,
            double              x,
            double              top)
{
  TsChartShape s = { TS_CHART_SHAPE_POLYGON, *color };
  TsChartXY corners[] = { { x - MARKER, top - 1 }, { x + MARKER, top - 1 }, { x, top - 1 + 1.6 * MARKER } };

  s.points = new_points (corners, G_N_ELEMENTS (corners));
  s.box = box_make (x - MARKER - 1, top - 2, 2 * MARKER + 2, 1.6 * MARKER + 2);
  g_array_append_val (scene->shapes, s);
}

/* A flow's link: a band from its source's edge at @x0, between @y0_top
 * and @y0_bottom, to its target's at @x1, @color fading into @color2. */
static void
add_band (TsChartScene       *scene,
          const TsChartColor *color,
          const TsChartColor *color2,
          double              x0,
          double              y0_top,
          double              y0_bottom,
          double              x1,
          double              y1_top,
          double              y1_bottom)
{
  TsChartShape s = { TS_CHART_SHAPE_BAND, *color };
  TsChartXY corners[] = { { x0, y0_top }, { x1, y1_top }, { x1, y1_bottom }, { x0, y0_bottom } };
  double top = MIN (y0_top, y1_top), bottom = MAX (y0_bottom, y1_bottom);

  s.color2 = *color2;
  s.points = new_points (corners, G_N_ELEMENTS (corners));
  s.box = box_make (floor (x0) - 1, floor (top) - 1, ceil (x1) - floor (x0) + 2, ceil (bottom) - floor (top) + 2);
  g_array_append_val (scene->shapes, s);
}

/* how far a scatter's point is drawn from its centre: a marked one's
 * ring is part of it, which its label keeps clear of too */
static double
point_reach (TsChart            *chart,
             const TsChartPoint *point)
{
  return ts_chart_get_category_mark (chart, point->category) != NULL ? DOT_RADIUS + 3 : DOT_RADIUS;
}

static gboolean
overlaps_any (const TsChartBox *box,
              GArray           *taken)
{
  /* a little air between them: labels that touch read as one */
  TsChartBox padded = *box;

  box_inset (&padded, -2, -1);
  for (guint i = 0; i < taken->len; i++)
    if (box_intersects (&padded, &g_array_index (taken, TsChartBox, i)))
      return TRUE;
  return FALSE;
}

typedef enum
{
  SIDE_RIGHT,
  SIDE_LEFT,
  SIDE_ABOVE,
  SIDE_BELOW,
} Side;

/* @category's label beside @mark (a dot, a node), on the first of @sides
 * where it stays within @room and clear of the marks and labels @taken;
 * none when there is no such place (its description still says it). A
 * label drawn is taken, and stands for @category when pointed at.
 *
 * Returns: whether it was drawn */
static gboolean
add_label_beside (TsChartScene         *scene,
                  PangoContext         *context,
                  const TsChartPalette *palette,
                  const char           *label,
                  guint                 category,
                  const TsChartBox     *mark,
                  const Side           *sides,
                  guint                 n_sides,
                  const TsChartBox     *room,
                  GArray               *taken)
{
  Size size;

  if (label == NULL || *label == '\0')
    return FALSE;
  size = text_size (context, label, TICK_SCALE, FALSE);
  for (guint i = 0; i < n_sides; i++)
    {
      double x = mark->x + mark->width / 2, y = mark->y + mark->height / 2;
      double xalign = 0.5, yalign = 0.5;
      Hit hit = { box_make (0, 0, size.width, size.height), category };

      switch (sides[i])
        {
        case SIDE_RIGHT:
          x = mark->x + mark->width + 4;
          xalign = 0;
          break;
        case SIDE_LEFT:
          x = mark->x - 4;
          xalign = 1;
          break;
        case SIDE_ABOVE:
          y = mark->y - 2;
          yalign = 1;
          break;
        case SIDE_BELOW:
        default:
          y = mark->y + mark->height + 2;
          yalign = 0;
          break;
        }
      hit.box.x = round (x - xalign * size.width);
      hit.box.y = round (y - yalign * size.height);
      if (!box_contains_box (room, &hit.box) || overlaps_any (&hit.box, taken))
        continue;
      add_text (scene, context, &palette->fg, label, TICK_SCALE, FALSE, x, y, xalign, yalign);
      g_array_append_val (taken, hit.box);
      g_array_append_val (scene->hits, hit);
      return TRUE;
    }
  return FALSE;
}

#define NODE_MIN_HEIGHT 2   /* a node of nothing, in pixels */

static int
compare_node_heights_cb (gconstpointer a,
                         gconstpointer b,
                         gpointer      data)
{
  const TsChartNode *nodes = data;
  const TsChartNode *na = &nodes[*(const guint *) a], *nb = &nodes[*(const guint *) b];
  double ha = na->y1 - na->y0, hb = nb->y1 - nb->y0;

  return ha > hb ? -1 : ha < hb;
}

/* A flow in the plot: its links, under its nodes, then its marks and its
 * nodes' labels ("Welcome e-mail · 520"). The labels are placed the largest
 * nodes' first, so that one left out for want of room is a small node's;
 * each beside its node, on the right, or on the left in the last column,
 * where the right is the edge of the plot; on two lines, the value under
 * the name, where one is too long for the space between columns. */
static void
add_flow (TsChartScene         *scene,
          PangoContext         *context,
          const TsChartPalette *palette,
          double                line_h,
          int                   hover)
{
  TsChart *chart = scene->chart;
  const TsChartBox *plot = &scene->plot;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (TsChartBox));
  g_autoptr(GArray) by_height = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree int *node_at = g_new (int, ts_chart_get_n_categories (chart));
  g_autofree TsChartBox *boxes = NULL;
  const TsChartNode *nodes;
  const TsChartLink *links;
  guint n_nodes, n_links, last_column = 0;
  /* labels may reach half a line above and below the plot, as a tick's do */
  TsChartBox room = box_make (plot->x, plot->y - line_h / 2, plot->width, plot->height + line_h);

#define PX(v) (plot->x + (v) * plot->width)
#define PY(v) (plot->y + (1 - (v)) * plot->height)

  nodes = ts_chart_get_nodes (chart, &n_nodes);
  links = ts_chart_get_links (chart, &n_links);
  for (guint c = 0; c < ts_chart_get_n_categories (chart); c++)
    node_at[c] = -1;
  for (guint i = 0; i < n_nodes; i++)
    {
      node_at[nodes[i].category] = i;
      last_column = MAX (last_column, nodes[i].column);
    }

  /* the links: the pointed node's stronger, the others then fainter */
  for (guint i = 0; i < n_links; i++)
    {
      const TsChartLink *link = &links[i];
      TsChartColor from = series_color (palette, chart, nodes[node_at[link->from]].series);
      TsChartColor to = series_color (palette, chart, nodes[node_at[link->to]].series);
      gboolean pointed = (int) link->from == hover || (int) link->to == hover;
      double alpha = hover < 0 ? 0.35 : pointed ? 0.6 : 0.15;

      from = with_alpha (&from, alpha);
      to = with_alpha (&to, alpha);
      add_band (scene, &from, &to, PX (link->x0), PY (link->y0_top), PY (link->y0_bottom),
                PX (link->x1), PY (link->y1_top), PY (link->y1_bottom));
    }

  /* the nodes: whole pixels across, at least a hairline down; a halo
   * under the pointer, a warning outline when marked */
  boxes = g_new (TsChartBox, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      const TsChartNode *node = &nodes[i];
      TsChartColor color = series_color (palette, chart, node->series);
      double x0 = round (PX (node->x0)), x1 = round (PX (node->x1));
      double y0 = PY (node->y1), y1 = PY (node->y0);
      TsChartBox padded;

      if (y1 - y0 < NODE_MIN_HEIGHT)
        {
          y0 = (y0 + y1 - NODE_MIN_HEIGHT) / 2;
          y1 = y0 + NODE_MIN_HEIGHT;
        }
      boxes[i] = box_make (x0, y0, MAX (x1 - x0, 2), y1 - y0);
      if ((int) node->category == hover)
        {
          TsChartColor halo = with_alpha (&color, 0.3);

          add_rect (scene, &halo, x0 - 4, y0 - 4, boxes[i].width + 8, boxes[i].height + 8);
        }
      if (ts_chart_get_category_mark (chart, node->category) != NULL)
        add_rect (scene, &palette->warning, x0 - 2, y0 - 2, boxes[i].width + 4, boxes[i].height + 4);
      add_rect (scene, &color, boxes[i].x, boxes[i].y, boxes[i].width, boxes[i].height);
      padded = boxes[i];
      box_inset (&padded, -2, -2);
      g_array_append_val (taken, padded);
      g_array_append_val (by_height, i);
    }

  /* the marks' triangles, over their nodes */
  for (guint i = 0; i < n_nodes; i++)
    if (ts_chart_get_category_mark (chart, nodes[i].category) != NULL)
      {
        double x = round (boxes[i].x + boxes[i].width / 2);
        double top = boxes[i].y - 4 - 1.6 * MARKER;
        TsChartBox triangle = box_make (x - MARKER, top, 2 * MARKER, 1.6 * MARKER);

        add_marker (scene, &palette->warning, x, top + 1);
        g_array_append_val (taken, triangle);
      }

  /* the labels */
  g_array_sort_with_data (by_height, compare_node_heights_cb, (gpointer) nodes);
  for (guint k = 0; k < by_height->len; k++)
    {
      guint i = g_array_index (by_height, guint, k);
      const Side right_first[] = { SIDE_RIGHT, SIDE_LEFT }, left_first[] = { SIDE_LEFT, SIDE_RIGHT };
      const Side *sides = nodes[i].column == last_column && last_column > 0 ? left_first : right_first;
      const char *name = ts_chart_get_category_label (chart, nodes[i].category);
      g_autofree char *number = ts_chart_format_number (chart, nodes[i].value);
      /* Translators: a node of a flow chart, its name and its value: "Welcome e-mail · 520" */
      g_autofree char *label = g_strdup_printf (_("%s · %s"), name, number);
      g_autofree char *two_lines = g_strdup_printf ("%s\n%s", name, number);

      if (!add_label_beside (scene, context, palette, label, nodes[i].category, &boxes[i], sides, 2,
                             &room, taken))
        add_label_beside (scene, context, palette, two_lines, nodes[i].category, &boxes[i], sides, 2,
                          &room, taken);
    }

#undef PX
#undef PY
}

/* Lays the chart out in a @width × @height box, the title at the top when
 * @with_title; the shapes in drawing order. */
static void
build_scene (TsChartScene         *scene,
             PangoContext         *context,
             const TsChartPalette *palette,
             double                width,
             double                height,
             gboolean              with_title,
             int                   hover)
{
  TsChart *chart = scene->chart;
  const double pad = with_title ? TS_CHART_PAPER_PAD : 2;
  const TsChartTick *xt, *yt;
  const TsChartBar *bars;
  const TsChartPoint *points;
  const TsChartMark *marks;
  guint n_xt, n_yt, n_bars, n_points, n_marks;
  gboolean scatter = ts_chart_get_kind (chart) == TS_CHART_SCATTER;
  TsChartColor band = with_alpha (&palette->warning, 0.2);
  double top = pad, bottom, left, right, tick_w = 0, line_h, legend_w, header_w;
  TsChartBox *plot = &scene->plot;
  const char *x_label = ts_chart_get_x_label (chart), *y_label = ts_chart_get_y_label (chart);

  add_rect (scene, &palette->background, 0, 0, width, height);

  xt = ts_chart_get_x_ticks (chart, &n_xt);
  yt = ts_chart_get_y_ticks (chart, &n_yt);
  for (guint i = 0; i < n_yt; i++)
    tick_w = MAX (tick_w, text_size (context, yt[i].label, TICK_SCALE, FALSE).width);
  line_h = text_size (context, "0", TICK_SCALE, FALSE).height;
  left = pad + tick_w + 6;

  /* the title; then the values' name on the left and the legend on the right */
  if (with_title && ts_chart_get_title (chart) != NULL)
    top += add_text (scene, context, &palette->fg, ts_chart_get_title (chart), TITLE_SCALE, TRUE,
                     pad, top, 0, 0).height + 8;
  legend_w = ts_chart_get_n_series (chart) > 1 ? add_legend (scene, context, palette, 0, 0, TRUE) : 0;
  header_w = y_label ? text_size (context, y_label, TICK_SCALE, FALSE).width : 0;
  if (y_label != NULL || legend_w > 0)
    {
      if (y_label != NULL)
        add_text (scene, context, &palette->dim, y_label, TICK_SCALE, FALSE, pad, top, 0, 0);
      if (legend_w > 0 && header_w + 24 + legend_w > width - 2 * pad)
        top += line_h + 4;     /* no room beside it: on a line of its own */
      if (legend_w > 0)
        add_legend (scene, context, palette, MAX (pad, width - pad - legend_w), top, FALSE);
      top += line_h + 8;
    }

  /* a flow has no axes: room above for a mark's triangle, and half a
   * line above and below for its nodes' labels */
  if (ts_chart_get_kind (chart) == TS_CHART_FLOW)
    {
      double above = MAX (line_h / 2, 1.6 * MARKER + 6);

      *plot = box_make (pad, top + above, width - 2 * pad, height - top - above - pad - line_h / 2);
      if (plot->width >= 20 && plot->height >= 20)
        add_flow (scene, context, palette, line_h, hover);
      return;
    }

  /* below the plot, the ticks' labels and the categories' name */
  bottom = pad + 4 + line_h + (x_label ? 4 + line_h : 0);
  right = pad;
  if (n_xt > 0)
    right = MAX (right, text_size (context, xt[n_xt - 1].label, TICK_SCALE, FALSE).width / 2 + 2);
  *plot = box_make (left, top + line_h / 2, width - left - right, height - bottom - top - line_h / 2);
  if (plot->width < 20 || plot->height < 20)
    return;

#define PX(v) (plot->x + (v) * plot->width)
#define PY(v) (plot->y + (1 - (v)) * plot->height)

  /* the category under the pointer: a shade behind its bar */
  bars = ts_chart_get_bars (chart, &n_bars);
  if (hover >= 0)
    {
      double x0 = 1, x1 = 0;

      for (guint b = 0; b < n_bars; b++)
        if (bars[b].category == (guint) hover)
          {
            x0 = MIN (x0, bars[b].x0);
            x1 = MAX (x1, bars[b].x1);
          }
      if (x1 > x0)
        add_rect (scene, &palette->hover, round (PX (x0)), plot->y, round (PX (x1)) - round (PX (x0)), plot->height);
    }

  /* a marked category: a faint band behind it, as wide as its share of the
   * plot but never less than its line's width */
  marks = ts_chart_get_marks (chart, &n_marks);
  for (guint m = 0; m < n_marks && !scatter; m++)
    {
      double x0 = round (PX (marks[m].x0)), x1 = round (PX (marks[m].x1));

      if (x1 - x0 < 4)
        {
          x0 = round (PX (marks[m].x)) - 2;
          x1 = x0 + 4;
        }
      add_rect (scene, &band, x0, plot->y, x1 - x0, plot->height);
    }

  /* the grid, each line with its value */
  for (guint i = 0; i < n_yt; i++)
    {
      double y = round (PY (yt[i].position));

      add_rect (scene, yt[i].value == 0 ? &palette->axis : &palette->grid, plot->x, y - 0.5, plot->width, 1);
      add_text (scene, context, &palette->dim, yt[i].label, TICK_SCALE, FALSE, left - 6, y, 1, 0.5);
    }

  /* the x axis's ticks; labels that would overlap the one before are left out */
  {
    double last_right = -G_MAXDOUBLE;

    for (guint i = 0; i < n_xt; i++)
      {
        double x = round (PX (xt[i].position));
        Size size = text_size (context, xt[i].label, TICK_SCALE, FALSE);

        add_rect (scene, &palette->axis, x - 0.5, plot->y + plot->height, 1, 4);
        if (x - size.width / 2 < last_right + 6)
          continue;
        add_text (scene, context, &palette->dim, xt[i].label, TICK_SCALE, FALSE,
                  x, plot->y + plot->height + 4, 0.5, 0);
        last_right = x + size.width / 2;
      }
  }
  if (x_label != NULL)
    add_text (scene, context, &palette->dim, x_label, TICK_SCALE, FALSE,
              plot->x + plot->width / 2, height - pad, 0.5, 1);

  /* bars: edges on whole pixels, so that stacked segments meet and
   * neighbouring bins keep a pixel between them */
  for (guint b = 0; b < n_bars; b++)
    {
      TsChartColor color = series_color (palette, chart, bars[b].series);
      double x0 = round (PX (bars[b].x0)), x1 = round (PX (bars[b].x1));
      double y0 = round (PY (bars[b].y1)), y1 = round (PY (bars[b].y0));

      if (x1 - x0 > 3)
        {
          x0 += 1;
          x1 -= 1;
        }
      add_rect (scene, &color, x0, y0, x1 - x0, MAX (y1 - y0, 1));
    }

  /* lines: a polyline per series, through the values it has */
  points = ts_chart_get_points (chart, &n_points);
  for (guint s = 0; s < ts_chart_get_n_series (chart) && n_points > 0 && !scatter; s++)
    {
      TsChartShape line = { TS_CHART_SHAPE_LINE, series_color (palette, chart, s) };

      line.points = g_array_new (FALSE, FALSE, sizeof (TsChartXY));
      line.width = 2;
      for (guint p = 0; p < n_points; p++)
        if (points[p].series == s && !isnan (points[p].value))
          {
            TsChartXY pt = { PX (points[p].x), PY (points[p].y) };

            g_array_append_val (line.points, pt);
          }
      line.box = box_make (plot->x - 2, plot->y - 2, plot->width + 4, plot->height + 4);
      if (line.points->len > 0)
        g_array_append_val (scene->shapes, line);
      else
        shape_clear (&line);
    }

  /* a scatter: a dot per point, ringed when marked, haloed under the
   * pointer; then the labels, clear of the dots (its marks' geometry is
   * its points') */
  if (scatter)
    {
      g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (TsChartBox));
      TsChartColor color = ts_chart_get_n_series (chart) > 0 ? series_color (palette, chart, 0) : palette->accent;
      TsChartColor halo = with_alpha (&color, 0.3);
      /* labels may reach into the half line above the plot, where the top
       * tick's label is too */
      TsChartBox room = box_make (plot->x, plot->y - line_h / 2, plot->width, plot->height + line_h / 2);

      for (guint p = 0; p < n_points; p++)
        {
          double x = PX (points[p].x), y = PY (points[p].y);
          double reach = point_reach (chart, &points[p]);
          TsChartBox dot = box_make (x - reach, y - reach, 2 * reach, 2 * reach);

          if ((int) points[p].category == hover)
            add_dot (scene, &halo, x, y, reach + 5);
          if (reach > DOT_RADIUS)
            add_dot (scene, &palette->warning, x, y, reach);
          add_dot (scene, &color, x, y, DOT_RADIUS);
          g_array_append_val (taken, dot);
        }
      for (guint p = 0; p < n_points; p++)
        {
          const Side sides[] = { SIDE_RIGHT, SIDE_LEFT, SIDE_ABOVE, SIDE_BELOW };
          double reach = point_reach (chart, &points[p]);
          TsChartBox dot = box_make (PX (points[p].x) - reach, PY (points[p].y) - reach, 2 * reach, 2 * reach);

          add_label_beside (scene, context, palette, ts_chart_get_category_label (chart, points[p].category),
                            points[p].category, &dot, sides, G_N_ELEMENTS (sides), &room, taken);
        }
    }
  /* the marks' triangles, over everything */
  else
    for (guint m = 0; m < n_marks; m++)
      add_marker (scene, &palette->warning, round (PX (marks[m].x)), plot->y);

#undef PX
#undef PY
}

/**
 * ts_chart_scene_new:
 * @context: what the texts are laid out with: its font is the chart's
 *   base font (ticks a little smaller, the title larger and bold)
 * @width: in pixels (points on paper)
 * @flags: %TS_CHART_SCENE_TITLE: the title at the top
 * @hover: the category under the pointer, shaded; -1: none
 *
 * Lays @chart out in a @width × @height box as shapes in drawing order.
 *
 * Returns: (transfer full): the scene
 */
TsChartScene *
ts_chart_scene_new (TsChart              *chart,
                    PangoContext         *context,
                    const TsChartPalette *palette,
                    double                width,
                    double                height,
                    TsChartSceneFlags     flags,
                    int                   hover)
{
  TsChartScene *self;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (palette != NULL, NULL);

  self = g_new0 (TsChartScene, 1);
  self->chart = ts_chart_ref (chart);
  self->shapes = g_array_new (FALSE, TRUE, sizeof (TsChartShape));
  g_array_set_clear_func (self->shapes, shape_clear);
  self->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  build_scene (self, context, palette, width, height, (flags & TS_CHART_SCENE_TITLE) != 0, hover);
  return self;
}

void
ts_chart_scene_free (TsChartScene *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->shapes, g_array_unref);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->chart, ts_chart_unref);
  g_free (self);
}

guint
ts_chart_scene_get_n_shapes (TsChartScene *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->shapes->len;
}

const TsChartShape *
ts_chart_scene_get_shape (TsChartScene *self,
                          guint         i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->shapes->len, NULL);
  return &g_array_index (self->shapes, TsChartShape, i);
}

/**
 * ts_chart_scene_get_plot:
 *
 * Returns: where 0..1 of the chart's geometry lies; empty when the box
 *   was too small for a plot
 */
const TsChartBox *
ts_chart_scene_get_plot (TsChartScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->plot;
}

#define POINT_REACH 10    /* how near the pointer a scatter's point is found */
#define NODE_REACH  6     /* and a flow's node */

/**
 * ts_chart_scene_category_at:
 *
 * Returns: the category at (@x, @y): the one whose share of the width
 *   holds @x, a scatter's point or a flow's node nearby, or the one whose
 *   label is there; -1 for none
 */
int
ts_chart_scene_category_at (TsChartScene *self,
                            double        x,
                            double        y)
{
  const TsChartBox *plot;
  int category;

  g_return_val_if_fail (self != NULL, -1);

  plot = &self->plot;
  if (plot->width <= 0 || plot->height <= 0)
    return -1;
  if (ts_chart_get_kind (self->chart) == TS_CHART_SCATTER)
    category = ts_chart_find_point (self->chart, (x - plot->x) / plot->width, 1 - (y - plot->y) / plot->height,
                                    POINT_REACH / plot->width, POINT_REACH / plot->height);
  else if (ts_chart_get_kind (self->chart) == TS_CHART_FLOW)
    category = ts_chart_find_node (self->chart, (x - plot->x) / plot->width, 1 - (y - plot->y) / plot->height,
                                   NODE_REACH / plot->width, NODE_REACH / plot->height);
  else
    category = ts_chart_find_category (self->chart, (x - plot->x) / plot->width);
  for (guint i = 0; i < self->hits->len && category < 0; i++)
    {
      const Hit *hit = &g_array_index (self->hits, Hit, i);

      if (box_contains (&hit->box, x, y))
        category = hit->category;
    }
  return category;
}

/* ------------------------------------------------------------------ */
/* Drawing the shapes                                                  */
/* ------------------------------------------------------------------ */

static void
draw_path (const TsChartShape *s,
           cairo_t            *cr)
{
  set_source (cr, &s->color);
  if (s->kind == TS_CHART_SHAPE_DOT)
    {
      cairo_arc (cr, s->box.x + s->box.width / 2, s->box.y + s->box.height / 2, s->box.width / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    }
  if (s->kind == TS_CHART_SHAPE_BAND)
    {
      const TsChartXY *p = (const TsChartXY *) s->points->data;
      double middle = (p[0].x + p[1].x) / 2;

      /* each edge a cubic Bézier, level at both ends */
      cairo_move_to (cr, p[0].x, p[0].y);
      cairo_curve_to (cr, middle, p[0].y, middle, p[1].y, p[1].x, p[1].y);
      cairo_line_to (cr, p[2].x, p[2].y);
      cairo_curve_to (cr, middle, p[2].y, middle, p[3].y, p[3].x, p[3].y);
      cairo_close_path (cr);
      if (memcmp (&s->color, &s->color2, sizeof s->color) != 0)
        {
          cairo_pattern_t *fade = cairo_pattern_create_linear (p[0].x, 0, p[1].x, 0);

          cairo_pattern_add_color_stop_rgba (fade, 0, s->color.red, s->color.green, s->color.blue, s->color.alpha);
          cairo_pattern_add_color_stop_rgba (fade, 1, s->color2.red, s->color2.green, s->color2.blue,
                                             s->color2.alpha);
          cairo_set_source (cr, fade);
          cairo_pattern_destroy (fade);
        }
      cairo_fill (cr);
      return;
    }
  cairo_set_line_width (cr, s->width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint p = 0; p < s->points->len; p++)
    {
      const TsChartXY *pt = &g_array_index (s->points, TsChartXY, p);

      if (p == 0)
        cairo_move_to (cr, pt->x, pt->y);
      else
        cairo_line_to (cr, pt->x, pt->y);
    }
  if (s->kind == TS_CHART_SHAPE_POLYGON)
    {
      cairo_close_path (cr);
      cairo_fill (cr);
      return;
    }
  if (s->points->len == 1)
    cairo_rel_line_to (cr, 0, 0);
  cairo_stroke (cr);
}

/**
 * ts_chart_shape_draw:
 *
 * Draws one shape of a scene on @cr.
 */
void
ts_chart_shape_draw (const TsChartShape *shape,
                     cairo_t            *cr)
{
  g_return_if_fail (shape != NULL);
  g_return_if_fail (cr != NULL);

  switch (shape->kind)
    {
    case TS_CHART_SHAPE_RECT:
      set_source (cr, &shape->color);
      cairo_rectangle (cr, shape->box.x, shape->box.y, shape->box.width, shape->box.height);
      cairo_fill (cr);
      break;
    case TS_CHART_SHAPE_TEXT:
      set_source (cr, &shape->color);
      cairo_move_to (cr, shape->box.x, shape->box.y);
      pango_cairo_show_layout (cr, shape->layout);
      break;
    case TS_CHART_SHAPE_LINE:
    case TS_CHART_SHAPE_POLYGON:
    case TS_CHART_SHAPE_BAND:
    case TS_CHART_SHAPE_DOT:
      draw_path (shape, cr);
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * ts_chart_scene_draw:
 *
 * Draws the scene on @cr, its top left corner at @cr's origin.
 */
void
ts_chart_scene_draw (TsChartScene *self,
                     cairo_t      *cr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  for (guint i = 0; i < self->shapes->len; i++)
    ts_chart_shape_draw (&g_array_index (self->shapes, TsChartShape, i), cr);
  cairo_restore (cr);
}

/* ------------------------------------------------------------------ */
/* On paper                                                            */
/* ------------------------------------------------------------------ */

/**
 * ts_chart_draw:
 * @cr: drawn on from its origin
 * @width: in @cr's units (points on paper, pixels in an image)
 * @font: (nullable): the chart's base font; NULL: Sans 10
 * @language: (nullable): its texts' language
 * @dpi: how large the font is in @cr's units: 72 for a font's points as
 *   points, 96 for them as the screen shows them
 *
 * Draws @chart with its title, dark on white, as a chart in a document
 * is read.
 */
void
ts_chart_draw (TsChart                    *chart,
               cairo_t                    *cr,
               double                      width,
               double                      height,
               const PangoFontDescription *font,
               PangoLanguage              *language,
               double                      dpi)
{
  PangoContext *context;
  g_autoptr(PangoFontDescription) fallback = NULL;
  g_autoptr(TsChartScene) scene = NULL;
  TsChartPalette palette;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (cr != NULL);

  context = pango_cairo_create_context (cr);
  if (font == NULL)
    font = fallback = pango_font_description_from_string ("Sans 10");
  pango_context_set_font_description (context, font);
  if (language != NULL)
    pango_context_set_language (context, language);
  pango_cairo_context_set_resolution (context, dpi);
  ts_chart_palette_init_for_paper (&palette);
  scene = ts_chart_scene_new (chart, context, &palette, width, height, TS_CHART_SCENE_TITLE, -1);
  ts_chart_scene_draw (scene, cr);
  g_object_unref (context);
}

/**
 * ts_cairo_write_to_bytes:
 * @closure: a GByteArray
 *
 * A cairo_write_func_t that appends what a surface writes to @closure, so
 * that a file is written whole once it is complete.
 */
cairo_status_t
ts_cairo_write_to_bytes (void                *closure,
                         const unsigned char *data,
                         unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * ts_chart_render:
 * @format: PNG, SVG or PDF
 * @width: in pixels (PNG) or points (SVG, PDF)
 * @font: (nullable): as ts_chart_draw()'s
 * @language: (nullable): as ts_chart_draw()'s
 * @dpi: as ts_chart_draw()'s
 *
 * Draws @chart as ts_chart_draw() does into a document of its own.
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error when
 *   cairo could not make it
 */
GBytes *
ts_chart_render (TsChart                    *chart,
                 TsChartFormat               format,
                 int                         width,
                 int                         height,
                 const PangoFontDescription *font,
                 PangoLanguage              *language,
                 double                      dpi,
                 GError                    **error)
{
  GByteArray *bytes;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (format != TS_CHART_FORMAT_AUTO, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_byte_array_new ();
  switch (format)
    {
    case TS_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (ts_cairo_write_to_bytes, bytes, width, height);
      break;
    case TS_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (ts_cairo_write_to_bytes, bytes, width, height);
      break;
    case TS_CHART_FORMAT_PNG:
    case TS_CHART_FORMAT_AUTO:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }
  cr = cairo_create (surface);
  ts_chart_draw (chart, cr, width, height, font, language, dpi);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == TS_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, ts_cairo_write_to_bytes, bytes);
  else if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, cairo_status_to_string (status));
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

/**
 * ts_chart_format_for_file:
 *
 * Returns: the format a file's name asks for (".png", ".svg", ".pdf", in
 *   any case), or %TS_CHART_FORMAT_AUTO when it asks for none
 */
TsChartFormat
ts_chart_format_for_file (GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (G_IS_FILE (file), TS_CHART_FORMAT_AUTO);

  name = g_file_get_basename (file);
  lower = g_ascii_strdown (name ? name : "", -1);
  if (g_str_has_suffix (lower, ".png"))
    return TS_CHART_FORMAT_PNG;
  if (g_str_has_suffix (lower, ".svg"))
    return TS_CHART_FORMAT_SVG;
  if (g_str_has_suffix (lower, ".pdf"))
    return TS_CHART_FORMAT_PDF;
  return TS_CHART_FORMAT_AUTO;
}

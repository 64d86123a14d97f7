/* ts-chart-view.c — a chart drawn on screen, and exported to PNG, SVG or PDF
 *
 * One drawing for the screen and the files: the chart's normalised geometry
 * (see ts-chart.c) is laid out in pixels as a list of shapes — rectangles
 * (bars, grid and axis lines, a flow's nodes), lines (a line series), dots
 * (a scatter's points), polygons (markers), bands (a flow's links) and
 * texts — which are then replayed onto a
 * GtkSnapshot or onto a cairo context. On screen the colours are the
 * theme's (light, dark or high contrast): the text colour, the accent, and
 * for bands from calm to urgent the accent, warning and error colours. A
 * file is always dark on white, with a title, as a chart in a document is
 * read.
 *
 * A marked category has a faint band of the warning colour behind it and a
 * warning triangle at the top of the plot, pointing down at it; a marked
 * point of a scatter, a warning ring; a flow's node, a warning outline and
 * a triangle over it. Its notes are in its tooltip.
 *
 * A flow has no axes: its nodes are drawn in their series' colours, each
 * labelled with its value beside it where there is room, and its links
 * as smooth bands in the colour of their source fading into that of their
 * target, faint enough for the bands to show through each other. The node
 * under the pointer and its links stand out. Clicking a category — a bar,
 * a point, a node, or a label — emits TsChartView::category-activated.
 *
 * Exports are written whole into memory, then replace the file in one step
 * (g_file_replace_contents: a temporary file, renamed): a failed export
 * leaves the file as it was, and its error names the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ts-chart-view.h"

#define EXPORT_WIDTH  800
#define EXPORT_HEIGHT 450

struct _TsChartView
{
  GtkWidget  parent_instance;

  TsChart   *chart;
  int        hover;          /* the category under the pointer, or -1 */

  /* the theme's colours */
  GdkRGBA    fg;
  GdkRGBA    accent;
  GdkRGBA    calm;
  GdkRGBA    warning;
  GdkRGBA    error;

  char            *export_stem;     /* the file name offered, without ending */
  GSimpleAction   *export_action;   /* of ts_chart_group_new(), enabled with a chart */
  GtkNativeDialog *export_chooser;
};

G_DEFINE_FINAL_TYPE (TsChartView, ts_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CATEGORY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Shapes in pixels                                                    */
/* ------------------------------------------------------------------ */

typedef struct
{
  GdkRGBA fg;            /* texts */
  GdkRGBA dim;           /* ticks' labels, axis names */
  GdkRGBA grid;
  GdkRGBA axis;
  GdkRGBA hover;
  GdkRGBA background;    /* transparent on screen */
  GdkRGBA accent;
  GdkRGBA neutral;
  GdkRGBA calm, warning, error;  /* levels 0, 0.5 and 1 */
} Palette;

typedef enum
{
  SHAPE_RECT,
  SHAPE_LINE,
  SHAPE_TEXT,
  SHAPE_DOT,
  SHAPE_POLYGON,
  SHAPE_BAND,
} ShapeKind;

typedef struct
{
  ShapeKind        kind;
  GdkRGBA          color;    /* BAND: at its left end */
  graphene_rect_t  rect;     /* RECT, DOT; TEXT: its top left corner and size;
                              * LINE, POLYGON, BAND: the bounds */
  GArray          *points;   /* LINE, POLYGON: graphene_point_t; BAND: its
                              * corners, top left, top right, bottom right,
                              * bottom left */
  double           width;    /* LINE */
  PangoLayout     *layout;   /* TEXT */
  GdkRGBA          color2;   /* BAND: at its right end */
} Shape;

/* a place that stands for a category when pointed at: a point's or a
 * node's label */
typedef struct
{
  graphene_rect_t  rect;
  guint            category;
} Hit;

typedef struct
{
  GArray          *shapes;   /* Shape */
  graphene_rect_t  plot;     /* where 0..1 of the chart lies */
  GArray          *hits;     /* Hit */
} Scene;

static void
shape_clear (gpointer data)
{
  Shape *s = data;

  g_clear_pointer (&s->points, g_array_unref);
  g_clear_object (&s->layout);
}

static void
scene_init (Scene *scene)
{
  scene->shapes = g_array_new (FALSE, TRUE, sizeof (Shape));
  g_array_set_clear_func (scene->shapes, shape_clear);
  graphene_rect_init (&scene->plot, 0, 0, 0, 0);
  scene->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
}

static void
scene_clear (Scene *scene)
{
  g_clear_pointer (&scene->shapes, g_array_unref);
  g_clear_pointer (&scene->hits, g_array_unref);
}

static void
add_rect (Scene         *scene,
          const GdkRGBA *color,
          double         x,
          double         y,
          double         width,
          double         height)
{
  Shape s = { SHAPE_RECT, *color };

  if (width <= 0 || height <= 0 || color->alpha == 0)
    return;
  graphene_rect_init (&s.rect, x, y, width, height);
  g_array_append_val (scene->shapes, s);
}

/* A filled circle. */
static void
add_dot (Scene         *scene,
         const GdkRGBA *color,
         double         x,
         double         y,
         double         radius)
{
  Shape s = { SHAPE_DOT, *color };

  graphene_rect_init (&s.rect, x - radius, y - radius, 2 * radius, 2 * radius);
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
static graphene_size_t
add_text (Scene         *scene,
          PangoContext  *context,
          const GdkRGBA *color,
          const char    *text,
          double         scale,
          gboolean       bold,
          double         x,
          double         y,
          double         xalign,
          double         yalign)
{
  Shape s = { SHAPE_TEXT, *color };
  int w, h;

  s.layout = new_layout (context, text, scale, bold);
  /* the lines of a text of several, aligned as the whole is */
  pango_layout_set_alignment (s.layout, xalign >= 1 ? PANGO_ALIGN_RIGHT
                                        : xalign > 0 ? PANGO_ALIGN_CENTER
                                        : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (s.layout, &w, &h);
  graphene_rect_init (&s.rect, round (x - xalign * w), round (y - yalign * h), w, h);
  g_array_append_val (scene->shapes, s);
  return GRAPHENE_SIZE_INIT (w, h);
}

static graphene_size_t
text_size (PangoContext *context,
           const char   *text,
           double        scale,
           gboolean      bold)
{
  PangoLayout *layout = new_layout (context, text, scale, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  g_object_unref (layout);
  return GRAPHENE_SIZE_INIT (w, h);
}

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     double         t)
{
  return (GdkRGBA) { a->red + (b->red - a->red) * t, a->green + (b->green - a->green) * t,
                     a->blue + (b->blue - a->blue) * t, a->alpha + (b->alpha - a->alpha) * t };
}

static GdkRGBA
with_alpha (const GdkRGBA *c,
            double         alpha)
{
  return (GdkRGBA) { c->red, c->green, c->blue, c->alpha * alpha };
}

static GdkRGBA
series_color (const Palette       *palette,
              const TsChartSeries *series)
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

        return (GdkRGBA) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, 1 };
      }
    case TS_CHART_ROLE_ACCENT:
    default:
      return palette->accent;
    }
}

#define TICK_SCALE  0.85
#define TITLE_SCALE 1.2
#define SWATCH      10
#define DOT_RADIUS  4
#define MARKER      5      /* half a mark's triangle's width */

/* The legend: a swatch and a name per series, from @x; its width. */
static double
add_legend (Scene         *scene,
            TsChart       *chart,
            PangoContext  *context,
            const Palette *palette,
            double         x,
            double         y,
            gboolean       measure_only)
{
  double start = x;

  for (guint s = 0; s < ts_chart_get_n_series (chart); s++)
    {
      const TsChartSeries *series = ts_chart_get_series (chart, s);
      GdkRGBA color = series_color (palette, series);
      graphene_size_t size;

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

/* A mark's triangle, hanging from the top of the plot at @x and pointing
 * down at its category. */
static void
add_marker (Scene         *scene,
            const GdkRGBA *color,
            double         x,
            double         top)
{
  Shape s = { SHAPE_POLYGON, *color };
  graphene_point_t corners[] = { GRAPHENE_POINT_INIT (x - MARKER, top - 1),
                                 GRAPHENE_POINT_INIT (x + MARKER, top - 1),
                                 GRAPHENE_POINT_INIT (x, top - 1 + 1.6 * MARKER) };

  s.points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  g_array_append_vals (s.points, corners, G_N_ELEMENTS (corners));
  graphene_rect_init (&s.rect, x - MARKER - 1, top - 2, 2 * MARKER + 2, 1.6 * MARKER + 2);
  g_array_append_val (scene->shapes, s);
}

/* A flow's link: a band from its source's edge at @x0, between @y0_top
 * and @y0_bottom, to its target's at @x1, @color fading into @color2. */
static void
add_band (Scene         *scene,
          const GdkRGBA *color,
          const GdkRGBA *color2,
          double         x0,
          double         y0_top,
          double         y0_bottom,
          double         x1,
          double         y1_top,
          double         y1_bottom)
{
  Shape s = { SHAPE_BAND, *color };
  graphene_point_t corners[] = { GRAPHENE_POINT_INIT (x0, y0_top), GRAPHENE_POINT_INIT (x1, y1_top),
                                 GRAPHENE_POINT_INIT (x1, y1_bottom), GRAPHENE_POINT_INIT (x0, y0_bottom) };
  double top = MIN (y0_top, y1_top), bottom = MAX (y0_bottom, y1_bottom);

  s.color2 = *color2;
  s.points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  g_array_append_vals (s.points, corners, G_N_ELEMENTS (corners));
  graphene_rect_init (&s.rect, floor (x0) - 1, floor (top) - 1, ceil (x1) - floor (x0) + 2,
                      ceil (bottom) - floor (top) + 2);
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
overlaps_any (const graphene_rect_t *rect,
              GArray                *taken)
{
  /* a little air between them: labels that touch read as one */
  graphene_rect_t padded = *rect, clash;

  graphene_rect_inset (&padded, -2, -1);
  for (guint i = 0; i < taken->len; i++)
    if (graphene_rect_intersection (&padded, &g_array_index (taken, graphene_rect_t, i), &clash))
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
 * none when there is no such place (its tooltip still says it). A label
 * drawn is taken, and stands for @category when pointed at.
 *
 * Returns: whether it was drawn */
static gboolean
add_label_beside (Scene                 *scene,
                  PangoContext          *context,
                  const Palette         *palette,
                  const char            *label,
                  guint                  category,
                  const graphene_rect_t *mark,
                  const Side            *sides,
                  guint                  n_sides,
                  const graphene_rect_t *room,
                  GArray                *taken)
{
  graphene_size_t size;

  if (label == NULL || *label == '\0')
    return FALSE;
  size = text_size (context, label, TICK_SCALE, FALSE);
  for (guint i = 0; i < n_sides; i++)
    {
      double x = mark->origin.x + mark->size.width / 2, y = mark->origin.y + mark->size.height / 2;
      double xalign = 0.5, yalign = 0.5;
      Hit hit = { GRAPHENE_RECT_INIT (0, 0, size.width, size.height), category };

      switch (sides[i])
        {
        case SIDE_RIGHT:
          x = mark->origin.x + mark->size.width + 4;
          xalign = 0;
          break;
        case SIDE_LEFT:
          x = mark->origin.x - 4;
          xalign = 1;
          break;
        case SIDE_ABOVE:
          y = mark->origin.y - 2;
          yalign = 1;
          break;
        case SIDE_BELOW:
        default:
          y = mark->origin.y + mark->size.height + 2;
          yalign = 0;
          break;
        }
      hit.rect.origin = GRAPHENE_POINT_INIT (round (x - xalign * size.width), round (y - yalign * size.height));
      if (!graphene_rect_contains_rect (room, &hit.rect) || overlaps_any (&hit.rect, taken))
        continue;
      add_text (scene, context, &palette->fg, label, TICK_SCALE, FALSE, x, y, xalign, yalign);
      g_array_append_val (taken, hit.rect);
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
add_flow (Scene         *scene,
          TsChart       *chart,
          PangoContext  *context,
          const Palette *palette,
          double         line_h,
          int            hover)
{
  const graphene_rect_t *plot = &scene->plot;
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  g_autoptr(GArray) by_height = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree int *node_at = g_new (int, ts_chart_get_n_categories (chart));
  g_autofree graphene_rect_t *boxes = NULL;
  const TsChartNode *nodes;
  const TsChartLink *links;
  guint n_nodes, n_links, last_column = 0;
  /* labels may reach half a line above and below the plot, as a tick's do */
  graphene_rect_t room = GRAPHENE_RECT_INIT (plot->origin.x, plot->origin.y - line_h / 2,
                                             plot->size.width, plot->size.height + line_h);

#define PX(v) (plot->origin.x + (v) * plot->size.width)
#define PY(v) (plot->origin.y + (1 - (v)) * plot->size.height)

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
      GdkRGBA from = series_color (palette, ts_chart_get_series (chart, nodes[node_at[link->from]].series));
      GdkRGBA to = series_color (palette, ts_chart_get_series (chart, nodes[node_at[link->to]].series));
      gboolean pointed = (int) link->from == hover || (int) link->to == hover;
      double alpha = hover < 0 ? 0.35 : pointed ? 0.6 : 0.15;

      from = with_alpha (&from, alpha);
      to = with_alpha (&to, alpha);
      add_band (scene, &from, &to, PX (link->x0), PY (link->y0_top), PY (link->y0_bottom),
                PX (link->x1), PY (link->y1_top), PY (link->y1_bottom));
    }

  /* the nodes: whole pixels across, at least a hairline down; a halo
   * under the pointer, a warning outline when marked */
  boxes = g_new (graphene_rect_t, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      const TsChartNode *node = &nodes[i];
      GdkRGBA color = series_color (palette, ts_chart_get_series (chart, node->series));
      double x0 = round (PX (node->x0)), x1 = round (PX (node->x1));
      double y0 = PY (node->y1), y1 = PY (node->y0);

      if (y1 - y0 < NODE_MIN_HEIGHT)
        {
          y0 = (y0 + y1 - NODE_MIN_HEIGHT) / 2;
          y1 = y0 + NODE_MIN_HEIGHT;
        }
      graphene_rect_init (&boxes[i], x0, y0, MAX (x1 - x0, 2), y1 - y0);
      if ((int) node->category == hover)
        {
          GdkRGBA halo = with_alpha (&color, 0.3);

          add_rect (scene, &halo, x0 - 4, y0 - 4, boxes[i].size.width + 8, boxes[i].size.height + 8);
        }
      if (ts_chart_get_category_mark (chart, node->category) != NULL)
        add_rect (scene, &palette->warning, x0 - 2, y0 - 2, boxes[i].size.width + 4, boxes[i].size.height + 4);
      add_rect (scene, &color, boxes[i].origin.x, boxes[i].origin.y, boxes[i].size.width, boxes[i].size.height);
      {
        graphene_rect_t padded = boxes[i];

        graphene_rect_inset (&padded, -2, -2);
        g_array_append_val (taken, padded);
      }
      g_array_append_val (by_height, i);
    }

  /* the marks' triangles, over their nodes */
  for (guint i = 0; i < n_nodes; i++)
    if (ts_chart_get_category_mark (chart, nodes[i].category) != NULL)
      {
        double x = round (boxes[i].origin.x + boxes[i].size.width / 2);
        double top = boxes[i].origin.y - 4 - 1.6 * MARKER;
        graphene_rect_t triangle = GRAPHENE_RECT_INIT (x - MARKER, top, 2 * MARKER, 1.6 * MARKER);

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

/* Lays @chart out in a @width × @height box, the title at the top when
 * @with_title; the shapes in drawing order. */
static void
build_scene (Scene         *scene,
             TsChart       *chart,
             PangoContext  *context,
             const Palette *palette,
             double         width,
             double         height,
             gboolean       with_title,
             int            hover)
{
  const double pad = with_title ? 16 : 2;
  const TsChartTick *xt, *yt;
  const TsChartBar *bars;
  const TsChartPoint *points;
  const TsChartMark *marks;
  guint n_xt, n_yt, n_bars, n_points, n_marks;
  gboolean scatter = ts_chart_get_kind (chart) == TS_CHART_SCATTER;
  GdkRGBA band = with_alpha (&palette->warning, 0.2);
  double top = pad, bottom, left, right, tick_w = 0, line_h, legend_w, header_w;
  graphene_rect_t *plot = &scene->plot;
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
  legend_w = ts_chart_get_n_series (chart) > 1 ? add_legend (scene, chart, context, palette, 0, 0, TRUE) : 0;
  header_w = y_label ? text_size (context, y_label, TICK_SCALE, FALSE).width : 0;
  if (y_label != NULL || legend_w > 0)
    {
      if (y_label != NULL)
        add_text (scene, context, &palette->dim, y_label, TICK_SCALE, FALSE, pad, top, 0, 0);
      if (legend_w > 0 && header_w + 24 + legend_w > width - 2 * pad)
        top += line_h + 4;     /* no room beside it: on a line of its own */
      if (legend_w > 0)
        add_legend (scene, chart, context, palette, MAX (pad, width - pad - legend_w), top, FALSE);
      top += line_h + 8;
    }

  /* a flow has no axes: room above for a mark's triangle, and half a
   * line above and below for its nodes' labels */
  if (ts_chart_get_kind (chart) == TS_CHART_FLOW)
    {
      double above = MAX (line_h / 2, 1.6 * MARKER + 6);

      graphene_rect_init (plot, pad, top + above, width - 2 * pad, height - top - above - pad - line_h / 2);
      if (plot->size.width >= 20 && plot->size.height >= 20)
        add_flow (scene, chart, context, palette, line_h, hover);
      return;
    }

  /* below the plot, the ticks' labels and the categories' name */
  bottom = pad + 4 + line_h + (x_label ? 4 + line_h : 0);
  right = pad;
  if (n_xt > 0)
    right = MAX (right, text_size (context, xt[n_xt - 1].label, TICK_SCALE, FALSE).width / 2 + 2);
  graphene_rect_init (plot, left, top + line_h / 2, width - left - right, height - bottom - top - line_h / 2);
  if (plot->size.width < 20 || plot->size.height < 20)
    return;

#define PX(v) (plot->origin.x + (v) * plot->size.width)
#define PY(v) (plot->origin.y + (1 - (v)) * plot->size.height)

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
        add_rect (scene, &palette->hover, round (PX (x0)), plot->origin.y,
                  round (PX (x1)) - round (PX (x0)), plot->size.height);
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
      add_rect (scene, &band, x0, plot->origin.y, x1 - x0, plot->size.height);
    }

  /* the grid, each line with its value */
  for (guint i = 0; i < n_yt; i++)
    {
      double y = round (PY (yt[i].position));

      add_rect (scene, yt[i].value == 0 ? &palette->axis : &palette->grid,
                plot->origin.x, y - 0.5, plot->size.width, 1);
      add_text (scene, context, &palette->dim, yt[i].label, TICK_SCALE, FALSE, left - 6, y, 1, 0.5);
    }

  /* the x axis's ticks; labels that would overlap the one before are left out */
  {
    double last_right = -G_MAXDOUBLE;

    for (guint i = 0; i < n_xt; i++)
      {
        double x = round (PX (xt[i].position));
        graphene_size_t size = text_size (context, xt[i].label, TICK_SCALE, FALSE);

        add_rect (scene, &palette->axis, x - 0.5, plot->origin.y + plot->size.height, 1, 4);
        if (x - size.width / 2 < last_right + 6)
          continue;
        add_text (scene, context, &palette->dim, xt[i].label, TICK_SCALE, FALSE,
                  x, plot->origin.y + plot->size.height + 4, 0.5, 0);
        last_right = x + size.width / 2;
      }
  }
  if (x_label != NULL)
    add_text (scene, context, &palette->dim, x_label, TICK_SCALE, FALSE,
              plot->origin.x + plot->size.width / 2, height - pad, 0.5, 1);

  /* bars: edges on whole pixels, so that stacked segments meet and
   * neighbouring bins keep a pixel between them */
  for (guint b = 0; b < n_bars; b++)
    {
      GdkRGBA color = series_color (palette, ts_chart_get_series (chart, bars[b].series));
      double x0 = round (PX (bars[b].x0)), x1 = round (PX (bars[b].x1));
      double y0 = round (PY (bars[b].y1)), y1 = round (PY (bars[b].y0));

      if (x1 - x0 > 3)
        {
          x0 += 1;
          x1 -= 1;
        }
      add_rect (scene, &color, x0, y0, x1 - x0, MAX (y1 - y0, 1));
    }

  /* lines: a polyline per series */
  points = ts_chart_get_points (chart, &n_points);
  for (guint s = 0; s < ts_chart_get_n_series (chart) && n_points > 0 && !scatter; s++)
    {
      Shape line = { SHAPE_LINE, series_color (palette, ts_chart_get_series (chart, s)) };

      line.points = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
      line.width = 2;
      for (guint p = 0; p < n_points; p++)
        if (points[p].series == s)
          {
            graphene_point_t pt = GRAPHENE_POINT_INIT (PX (points[p].x), PY (points[p].y));

            g_array_append_val (line.points, pt);
          }
      line.rect = GRAPHENE_RECT_INIT (plot->origin.x - 2, plot->origin.y - 2,
                                      plot->size.width + 4, plot->size.height + 4);
      g_array_append_val (scene->shapes, line);
    }

  /* a scatter: a dot per point, ringed when marked, haloed under the
   * pointer; then the labels, clear of the dots (its marks' geometry is
   * its points') */
  if (scatter)
    {
      g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
      GdkRGBA color = ts_chart_get_n_series (chart) > 0 ? series_color (palette, ts_chart_get_series (chart, 0))
                                                        : palette->accent;
      GdkRGBA halo = with_alpha (&color, 0.3);
      /* labels may reach into the half line above the plot, where the top
       * tick's label is too */
      graphene_rect_t room = GRAPHENE_RECT_INIT (plot->origin.x, plot->origin.y - line_h / 2,
                                                 plot->size.width, plot->size.height + line_h / 2);

      for (guint p = 0; p < n_points; p++)
        {
          double x = PX (points[p].x), y = PY (points[p].y);
          double reach = point_reach (chart, &points[p]);
          graphene_rect_t dot = GRAPHENE_RECT_INIT (x - reach, y - reach, 2 * reach, 2 * reach);

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
          graphene_rect_t dot = GRAPHENE_RECT_INIT (PX (points[p].x) - reach, PY (points[p].y) - reach,
                                                    2 * reach, 2 * reach);

          add_label_beside (scene, context, palette, ts_chart_get_category_label (chart, points[p].category),
                            points[p].category, &dot, sides, G_N_ELEMENTS (sides), &room, taken);
        }
    }
  /* the marks' triangles, over everything */
  else
    for (guint m = 0; m < n_marks; m++)
      add_marker (scene, &palette->warning, round (PX (marks[m].x)), plot->origin.y);

#undef PX
#undef PY
}

/* ------------------------------------------------------------------ */
/* Replaying the shapes                                                */
/* ------------------------------------------------------------------ */

/* a LINE, POLYGON, BAND or DOT */
static void
draw_path (cairo_t     *cr,
           const Shape *s)
{
  gdk_cairo_set_source_rgba (cr, &s->color);
  if (s->kind == SHAPE_DOT)
    {
      cairo_arc (cr, s->rect.origin.x + s->rect.size.width / 2, s->rect.origin.y + s->rect.size.height / 2,
                 s->rect.size.width / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    }
  if (s->kind == SHAPE_BAND)
    {
      const graphene_point_t *p = (const graphene_point_t *) s->points->data;
      double middle = (p[0].x + p[1].x) / 2;

      /* each edge a cubic Bézier, level at both ends */
      cairo_move_to (cr, p[0].x, p[0].y);
      cairo_curve_to (cr, middle, p[0].y, middle, p[1].y, p[1].x, p[1].y);
      cairo_line_to (cr, p[2].x, p[2].y);
      cairo_curve_to (cr, middle, p[2].y, middle, p[3].y, p[3].x, p[3].y);
      cairo_close_path (cr);
      if (!gdk_rgba_equal (&s->color, &s->color2))
        {
          cairo_pattern_t *fade = cairo_pattern_create_linear (p[0].x, 0, p[1].x, 0);

          cairo_pattern_add_color_stop_rgba (fade, 0, s->color.red, s->color.green, s->color.blue,
                                             s->color.alpha);
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
      const graphene_point_t *pt = &g_array_index (s->points, graphene_point_t, p);

      if (p == 0)
        cairo_move_to (cr, pt->x, pt->y);
      else
        cairo_line_to (cr, pt->x, pt->y);
    }
  if (s->kind == SHAPE_POLYGON)
    {
      cairo_close_path (cr);
      cairo_fill (cr);
      return;
    }
  if (s->points->len == 1)
    cairo_rel_line_to (cr, 0, 0);
  cairo_stroke (cr);
}

static void
replay_snapshot (const Scene *scene,
                 GtkSnapshot *snapshot)
{
  for (guint i = 0; i < scene->shapes->len; i++)
    {
      const Shape *s = &g_array_index (scene->shapes, Shape, i);

      switch (s->kind)
        {
        case SHAPE_RECT:
          gtk_snapshot_append_color (snapshot, &s->color, &s->rect);
          break;
        case SHAPE_TEXT:
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &s->rect.origin);
          gtk_snapshot_append_layout (snapshot, s->layout, &s->color);
          gtk_snapshot_restore (snapshot);
          break;
        case SHAPE_DOT:
          {
            GskRoundedRect round;

            gsk_rounded_rect_init_from_rect (&round, &s->rect, s->rect.size.width / 2);
            gtk_snapshot_push_rounded_clip (snapshot, &round);
            gtk_snapshot_append_color (snapshot, &s->color, &s->rect);
            gtk_snapshot_pop (snapshot);
          }
          break;
        case SHAPE_LINE:
        case SHAPE_POLYGON:
        case SHAPE_BAND:
          {
            cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &s->rect);

            draw_path (cr, s);
            cairo_destroy (cr);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
replay_cairo (const Scene *scene,
              cairo_t     *cr)
{
  for (guint i = 0; i < scene->shapes->len; i++)
    {
      const Shape *s = &g_array_index (scene->shapes, Shape, i);

      switch (s->kind)
        {
        case SHAPE_RECT:
          gdk_cairo_set_source_rgba (cr, &s->color);
          cairo_rectangle (cr, s->rect.origin.x, s->rect.origin.y, s->rect.size.width, s->rect.size.height);
          cairo_fill (cr);
          break;
        case SHAPE_TEXT:
          gdk_cairo_set_source_rgba (cr, &s->color);
          cairo_move_to (cr, s->rect.origin.x, s->rect.origin.y);
          pango_cairo_show_layout (cr, s->layout);
          break;
        case SHAPE_LINE:
        case SHAPE_POLYGON:
        case SHAPE_BAND:
        case SHAPE_DOT:
          draw_path (cr, s);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* ------------------------------------------------------------------ */
/* Colours                                                             */
/* ------------------------------------------------------------------ */

static void
palette_init (Palette       *palette,
              const GdkRGBA *fg,
              const GdkRGBA *background,
              const GdkRGBA *accent,
              const GdkRGBA *calm,
              const GdkRGBA *warning,
              const GdkRGBA *error)
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

/* Adwaita's light colours: a file is read on white */
static void
palette_init_for_export (Palette *palette)
{
  GdkRGBA fg = { 0, 0, 0, 0.8 }, white = { 1, 1, 1, 1 };
  GdkRGBA blue = { 0x35 / 255., 0x84 / 255., 0xe4 / 255., 1 };
  GdkRGBA yellow = { 0xe5 / 255., 0xa5 / 255., 0x0a / 255., 1 };
  GdkRGBA red = { 0xe0 / 255., 0x1b / 255., 0x24 / 255., 1 };

  palette_init (palette, &fg, &white, &blue, &blue, &yellow, &red);
}

static void
palette_init_for_screen (Palette     *palette,
                         TsChartView *self)
{
  GdkRGBA none = { 0, 0, 0, 0 };

  palette_init (palette, &self->fg, &none, &self->accent, &self->calm, &self->warning, &self->error);
}

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
ts_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  TsChartView *self = TS_CHART_VIEW (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  GTK_WIDGET_CLASS (ts_chart_view_parent_class)->css_changed (widget, change);

  gtk_style_context_get_color (context, &self->fg);
  lookup_color (context, "accent_bg_color", "#3584e4", &self->accent);
  lookup_color (context, "accent_bg_color", "#3584e4", &self->calm);
  lookup_color (context, "warning_bg_color", "#e5a50a", &self->warning);
  lookup_color (context, "error_bg_color", "#e01b24", &self->error);
  gtk_widget_queue_draw (widget);
}

/* ------------------------------------------------------------------ */
/* On screen                                                           */
/* ------------------------------------------------------------------ */

static void
ts_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TsChartView *self = TS_CHART_VIEW (widget);
  Palette palette;
  Scene scene;

  if (self->chart == NULL)
    return;
  palette_init_for_screen (&palette, self);
  scene_init (&scene);
  build_scene (&scene, self->chart, gtk_widget_get_pango_context (widget), &palette,
               gtk_widget_get_width (widget), gtk_widget_get_height (widget), FALSE, self->hover);
  replay_snapshot (&scene, snapshot);
  scene_clear (&scene);
}

static void
ts_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
    }
  else
    {
      *minimum = 180;
      *natural = 240;
    }
}

#define POINT_REACH 10    /* how near the pointer a scatter's point is found */
#define NODE_REACH  6     /* and a flow's node */

/* The category at (@x, @y), as the last drawing laid it out: the one whose
 * share of the width holds @x, a scatter's point or a flow's node nearby,
 * or the one whose label is there. */
static int
category_at (TsChartView *self,
             double       x,
             double       y)
{
  const graphene_rect_t *plot;
  Palette palette;
  Scene scene;
  int category;

  if (self->chart == NULL)
    return -1;
  palette_init_for_screen (&palette, self);
  scene_init (&scene);
  build_scene (&scene, self->chart, gtk_widget_get_pango_context (GTK_WIDGET (self)), &palette,
               gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)), FALSE, -1);
  plot = &scene.plot;
  if (plot->size.width <= 0 || plot->size.height <= 0)
    category = -1;
  else if (ts_chart_get_kind (self->chart) == TS_CHART_SCATTER)
    category = ts_chart_find_point (self->chart, (x - plot->origin.x) / plot->size.width,
                                    1 - (y - plot->origin.y) / plot->size.height,
                                    POINT_REACH / plot->size.width, POINT_REACH / plot->size.height);
  else if (ts_chart_get_kind (self->chart) == TS_CHART_FLOW)
    category = ts_chart_find_node (self->chart, (x - plot->origin.x) / plot->size.width,
                                   1 - (y - plot->origin.y) / plot->size.height,
                                   NODE_REACH / plot->size.width, NODE_REACH / plot->size.height);
  else
    category = ts_chart_find_category (self->chart, (x - plot->origin.x) / plot->size.width);
  for (guint i = 0; i < scene.hits->len && category < 0; i++)
    {
      const Hit *hit = &g_array_index (scene.hits, Hit, i);

      if (graphene_rect_contains_point (&hit->rect, &GRAPHENE_POINT_INIT (x, y)))
        category = hit->category;
    }
  scene_clear (&scene);
  return category;
}

static gboolean
ts_chart_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  TsChartView *self = TS_CHART_VIEW (widget);
  g_autofree char *text = NULL;
  int category = category_at (self, x, y);

  if (category < 0)
    return FALSE;
  text = ts_chart_describe_category (self->chart, category);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* a category under the pointer: shaded, and a hand when clicking it does
 * something */
static void
set_hover (TsChartView *self,
           int          category)
{
  gboolean clickable;

  if (self->hover == category)
    return;
  self->hover = category;
  clickable = category >= 0 && g_signal_has_handler_pending (self, signals[CATEGORY_ACTIVATED], 0, FALSE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), clickable ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              TsChartView              *self)
{
  set_hover (self, category_at (self, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             TsChartView              *self)
{
  set_hover (self, -1);
}

static void
on_click_released_cb (GtkGestureClick *click,
                      int              n_press,
                      double           x,
                      double           y,
                      TsChartView     *self)
{
  int category;

  if (n_press != 1)
    return;
  category = category_at (self, x, y);
  if (category >= 0)
    g_signal_emit (self, signals[CATEGORY_ACTIVATED], 0, (guint) category);
}

/* By keyboard: the arrows move from category to category (the focused
 * one is shaded as under the pointer, and is what a screen reader reads
 * out), Enter or Space opens it, Escape leaves it. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *keys,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   TsChartView           *self)
{
  int n = self->chart ? (int) ts_chart_get_n_categories (self->chart) : 0;
  int category = self->hover;

  if (n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Right: case GDK_KEY_Down: case GDK_KEY_KP_Right: case GDK_KEY_KP_Down:
      category = category < 0 ? 0 : MIN (category + 1, n - 1);
      break;
    case GDK_KEY_Left: case GDK_KEY_Up: case GDK_KEY_KP_Left: case GDK_KEY_KP_Up:
      category = category < 0 ? n - 1 : MAX (category - 1, 0);
      break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      category = 0;
      break;
    case GDK_KEY_End: case GDK_KEY_KP_End:
      category = n - 1;
      break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter: case GDK_KEY_space: case GDK_KEY_KP_Space:
      if (self->hover < 0)
        return FALSE;
      g_signal_emit (self, signals[CATEGORY_ACTIVATED], 0, (guint) self->hover);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->hover < 0)
        return FALSE;
      category = -1;
      break;
    default:
      return FALSE;
    }
  set_hover (self, category);
  if (category >= 0)
    {
      g_autofree char *words = ts_chart_describe_category (self->chart, category);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
  return TRUE;
}

/**
 * ts_chart_view_get_focused_category:
 *
 * Returns: the category under the pointer or moved to by keyboard, or -1
 */
int
ts_chart_view_get_focused_category (TsChartView *self)
{
  g_return_val_if_fail (TS_IS_CHART_VIEW (self), -1);
  return self->hover;
}

/* ------------------------------------------------------------------ */
/* Export                                                              */
/* ------------------------------------------------------------------ */

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

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_for_export (TsChartView *self,
                 cairo_t     *cr,
                 double       dpi,
                 int          width,
                 int          height)
{
  PangoContext *context = pango_cairo_create_context (cr);
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  Palette palette;
  Scene scene;

  pango_context_set_font_description (context, font);
  pango_context_set_language (context, pango_context_get_language (gtk_widget_get_pango_context (GTK_WIDGET (self))));
  pango_cairo_context_set_resolution (context, dpi);
  palette_init_for_export (&palette);
  scene_init (&scene);
  build_scene (&scene, self->chart, context, &palette, width, height, TRUE, -1);
  replay_cairo (&scene, cr);
  scene_clear (&scene);
  g_object_unref (context);
}

/**
 * ts_chart_view_export:
 * @format: %TS_CHART_FORMAT_AUTO: from @file's name
 * @width: in pixels (PNG) or points (SVG, PDF); 0 or less: 800
 * @height: 0 or less: 450
 *
 * Writes the chart to @file, dark on white and with its title. The file
 * is replaced in one step: when the export fails, it is as it was.
 *
 * Returns: %FALSE with @error, which names the file, when it could not be
 *   written
 */
gboolean
ts_chart_view_export (TsChartView    *self,
                      GFile          *file,
                      TsChartFormat   format,
                      int             width,
                      int             height,
                      GError        **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *name = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (TS_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_parse_name (file);
  if (width <= 0 || height <= 0)
    {
      width = EXPORT_WIDTH;
      height = EXPORT_HEIGHT;
    }
  if (format == TS_CHART_FORMAT_AUTO)
    format = ts_chart_format_for_file (file);
  if (format == TS_CHART_FORMAT_AUTO)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Could not save the chart as “%s”: its name must end in .png, .svg or .pdf"), name);
      return FALSE;
    }
  if (self->chart == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("Could not save the chart as “%s”: there is no chart yet"), name);
      return FALSE;
    }

  switch (format)
    {
    case TS_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_cb, bytes, width, height);
      break;
    case TS_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_cb, bytes, width, height);
      break;
    case TS_CHART_FORMAT_PNG:
    case TS_CHART_FORMAT_AUTO:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }
  cr = cairo_create (surface);
  draw_for_export (self, cr, format == TS_CHART_FORMAT_PNG ? 96 : 72, width, height);
  cairo_destroy (cr);
  if (format == TS_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_cb, bytes);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not save the chart as “%s”: %s"),
                   name, cairo_status_to_string (status));
      return FALSE;
    }

  if (!g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    {
      /* Translators: the error follows */
      g_prefix_error (error, _("Could not save the chart as “%s”: "), name);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The chart                                                           */
/* ------------------------------------------------------------------ */

TsChart *
ts_chart_view_get_chart (TsChartView *self)
{
  g_return_val_if_fail (TS_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

/**
 * ts_chart_view_set_chart:
 * @chart: (nullable): what to draw; the view keeps a reference
 *
 * Draws @chart, and tells assistive technologies what it shows.
 */
void
ts_chart_view_set_chart (TsChartView *self,
                         TsChart     *chart)
{
  g_return_if_fail (TS_IS_CHART_VIEW (self));

  if (self->chart == chart)
    return;
  g_clear_pointer (&self->chart, ts_chart_unref);
  self->chart = chart ? ts_chart_ref (chart) : NULL;
  self->hover = -1;
  if (chart != NULL)
    {
      g_autofree char *description = ts_chart_describe (chart);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, ts_chart_get_title (chart),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  if (self->export_action)
    g_simple_action_set_enabled (self->export_action, chart != NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

/* ------------------------------------------------------------------ */
/* Construction                                                        */
/* ------------------------------------------------------------------ */

static void
ts_chart_view_dispose (GObject *object)
{
  TsChartView *self = TS_CHART_VIEW (object);

  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (self->export_chooser);
  g_clear_object (&self->export_chooser);
  g_clear_object (&self->export_action);

  G_OBJECT_CLASS (ts_chart_view_parent_class)->dispose (object);
}

static void
ts_chart_view_finalize (GObject *object)
{
  TsChartView *self = TS_CHART_VIEW (object);

  g_free (self->export_stem);
  g_clear_pointer (&self->chart, ts_chart_unref);

  G_OBJECT_CLASS (ts_chart_view_parent_class)->finalize (object);
}

static void
ts_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TsChartView *self = TS_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_boxed (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TsChartView *self = TS_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      ts_chart_view_set_chart (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_chart_view_class_init (TsChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_chart_view_dispose;
  object_class->finalize = ts_chart_view_finalize;
  object_class->get_property = ts_chart_view_get_property;
  object_class->set_property = ts_chart_view_set_property;

  widget_class->snapshot = ts_chart_view_snapshot;
  widget_class->measure = ts_chart_view_measure;
  widget_class->css_changed = ts_chart_view_css_changed;
  widget_class->query_tooltip = ts_chart_view_query_tooltip;

  /**
   * TsChartView:chart:
   *
   * The chart drawn.
   */
  properties[PROP_CHART] =
    g_param_spec_boxed ("chart", NULL, NULL, TS_TYPE_CHART,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TsChartView::category-activated:
   * @category: the category clicked: a bar's or a line chart's (anywhere
   *   in its share of the width), a scatter's point or a flow's node (on
   *   it, near it or on its label)
   *
   * A category was clicked: a page may show what it holds, the customers
   * of a flow's node say. While a handler is connected, the pointer is a
   * hand over a category.
   */
  signals[CATEGORY_ACTIVATED] =
    g_signal_new ("category-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ts_chart_view_init (TsChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->hover = -1;
  gdk_rgba_parse (&self->fg, "rgba(0,0,0,0.8)");
  gdk_rgba_parse (&self->accent, "#3584e4");
  self->calm = self->accent;
  gdk_rgba_parse (&self->warning, "#e5a50a");
  gdk_rgba_parse (&self->error, "#e01b24");
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
ts_chart_view_new (void)
{
  return g_object_new (TS_TYPE_CHART_VIEW, NULL);
}

/* ------------------------------------------------------------------ */
/* Exporting from a page: a file chooser, and a toast                  */
/* ------------------------------------------------------------------ */

static const char *
format_ending (TsChartFormat format)
{
  switch (format)
    {
    case TS_CHART_FORMAT_SVG:
      return ".svg";
    case TS_CHART_FORMAT_PDF:
      return ".pdf";
    case TS_CHART_FORMAT_PNG:
    case TS_CHART_FORMAT_AUTO:
    default:
      return ".png";
    }
}

/* shown in the window's toast overlay */
static void
toast (GtkWidget  *widget,
       const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
  else
    g_message ("%s", text);
}

static void
on_export_chooser_response_cb (TsChartView     *self,
                               int              response,
                               GtkNativeDialog *chooser)
{
  TsChartFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "ts-format"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  if (self->export_chooser == chooser)
    g_clear_object (&self->export_chooser);
  if (file == NULL)
    return;

  /* a name of its own ending is written in that format; one without, in
   * the format asked for, with its ending */
  if (ts_chart_format_for_file (file) == TS_CHART_FORMAT_AUTO)
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *base = g_file_get_basename (file);
      g_autofree char *ended = g_strconcat (base, format_ending (format), NULL);

      if (parent != NULL)
        {
          g_object_unref (file);
          file = g_file_get_child (parent, ended);
        }
    }
  if (!ts_chart_view_export (self, file, TS_CHART_FORMAT_AUTO, 0, 0, &error))
    {
      toast (GTK_WIDGET (self), error->message);
      return;
    }
  name = g_file_get_basename (file);
  /* Translators: a file name */
  message = g_strdup_printf (_("Chart saved as “%s”"), name);
  toast (GTK_WIDGET (self), message);
}

/**
 * ts_chart_view_export_as:
 * @format: what the file chooser offers
 *
 * Asks for a file and exports the chart to it; the outcome is a toast.
 */
void
ts_chart_view_export_as (TsChartView   *self,
                         TsChartFormat  format)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GtkRoot *root;

  g_return_if_fail (TS_IS_CHART_VIEW (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (self->export_chooser);
  g_clear_object (&self->export_chooser);

  chooser = gtk_file_chooser_native_new (_("Export Chart"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  switch (format)
    {
    case TS_CHART_FORMAT_SVG:
      gtk_file_filter_set_name (filter, _("SVG Drawings"));
      break;
    case TS_CHART_FORMAT_PDF:
      gtk_file_filter_set_name (filter, _("PDF Documents"));
      break;
    case TS_CHART_FORMAT_PNG:
    case TS_CHART_FORMAT_AUTO:
    default:
      gtk_file_filter_set_name (filter, _("PNG Images"));
      break;
    }
  gtk_file_filter_add_suffix (filter, format_ending (format) + 1);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strconcat (self->export_stem ? self->export_stem : _("chart"), format_ending (format), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "ts-format", GINT_TO_POINTER (format));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  self->export_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->export_chooser);
}

static void
on_export_activate_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       TsChartView   *self)
{
  const char *kind = g_variant_get_string (parameter, NULL);

  ts_chart_view_export_as (self, g_str_equal (kind, "svg") ? TS_CHART_FORMAT_SVG
                                 : g_str_equal (kind, "pdf") ? TS_CHART_FORMAT_PDF
                                 : TS_CHART_FORMAT_PNG);
}

/**
 * ts_chart_group_new:
 * @stem: the file name an export offers, without its ending
 *
 * A group of a page that shows @view in a card, with an Export Chart menu
 * (PNG, SVG, PDF) in its header; the menu's action is "chart.export".
 *
 * Returns: (transfer floating): the group
 */
GtkWidget *
ts_chart_group_new (TsChartView *view,
                    const char  *title,
                    const char  *description,
                    const char  *stem)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();

  g_return_val_if_fail (TS_IS_CHART_VIEW (view), NULL);

  g_free (view->export_stem);
  view->export_stem = g_strdup (stem);
  g_clear_object (&view->export_action);
  view->export_action = g_simple_action_new ("export", G_VARIANT_TYPE_STRING);
  g_simple_action_set_enabled (view->export_action, view->chart != NULL);
  g_signal_connect_object (view->export_action, "activate", G_CALLBACK (on_export_activate_cb), view, 0);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (view->export_action));
  gtk_widget_insert_action_group (group, "chart", G_ACTION_GROUP (actions));

  g_menu_append (menu, _("PNG Image…"), "chart.export('png')");
  g_menu_append (menu, _("SVG Drawing…"), "chart.export('svg')");
  g_menu_append (menu, _("PDF Document…"), "chart.export('pdf')");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Export Chart"));
  gtk_widget_set_tooltip_text (button, _("Save the chart as a PNG image, an SVG drawing or a PDF document"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  gtk_widget_set_margin_top (GTK_WIDGET (view), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (view), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (view), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (view), 12);
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (view));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);
  return group;
}

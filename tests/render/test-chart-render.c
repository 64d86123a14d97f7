/* test-chart-render.c — charts laid out in pixels: bars, ticks, labels,
 * the legend and the title where they belong, what a point stands for,
 * and the drawing and the files made from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ts-chart-render.h"

#define WIDTH  400
#define HEIGHT 300

/* a context as a document's: Sans 10 at 96 dpi */
static PangoContext *
new_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 10");

  pango_context_set_font_description (context, font);
  pango_cairo_context_set_resolution (context, 96);
  pango_font_description_free (font);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return context;
}

/* @chart laid out on paper in a @width × @height box */
static TsChartScene *
new_scene (TsChart           *chart,
           TsChartPalette    *palette,
           double             width,
           double             height,
           TsChartSceneFlags  flags,
           int                hover)
{
  PangoContext *context = new_context ();
  TsChartScene *scene;

  ts_chart_palette_init_for_paper (palette);
  scene = ts_chart_scene_new (chart, context, palette, width, height, flags, hover);
  g_object_unref (context);
  return scene;
}

static gboolean
same_color (const TsChartColor *a,
            const TsChartColor *b)
{
  return fabs (a->red - b->red) < 1e-6 && fabs (a->green - b->green) < 1e-6 &&
         fabs (a->blue - b->blue) < 1e-6 && fabs (a->alpha - b->alpha) < 1e-6;
}

/* the shapes of @kind in @color (any colour: NULL), in drawing order */
static GPtrArray *
find_shapes (TsChartScene       *scene,
             TsChartShapeKind    kind,
             const TsChartColor *color)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < ts_chart_scene_get_n_shapes (scene); i++)
    {
      const TsChartShape *s = ts_chart_scene_get_shape (scene, i);

      if (s->kind == kind && (color == NULL || same_color (&s->color, color)))
        g_ptr_array_add (found, (gpointer) s);
    }
  return found;
}

static guint
count_shapes (TsChartScene       *scene,
              TsChartShapeKind    kind,
              const TsChartColor *color)
{
  g_autoptr(GPtrArray) found = find_shapes (scene, kind, color);

  return found->len;
}

/* the text shape that says @text, or NULL */
static const TsChartShape *
find_text (TsChartScene *scene,
           const char   *text)
{
  for (guint i = 0; i < ts_chart_scene_get_n_shapes (scene); i++)
    {
      const TsChartShape *s = ts_chart_scene_get_shape (scene, i);

      if (s->kind == TS_CHART_SHAPE_TEXT && g_str_equal (pango_layout_get_text (s->layout), text))
        return s;
    }
  return NULL;
}

static void
assert_inside (const TsChartBox *inner,
               const TsChartBox *outer)
{
  g_assert_cmpfloat (inner->x, >=, outer->x - 0.5);
  g_assert_cmpfloat (inner->y, >=, outer->y - 0.5);
  g_assert_cmpfloat (inner->x + inner->width, <=, outer->x + outer->width + 0.5);
  g_assert_cmpfloat (inner->y + inner->height, <=, outer->y + outer->height + 0.5);
}

/* two categories, 10 and 30, of one series */
static TsChart *
new_bars (void)
{
  TsChart *chart = ts_chart_new (TS_CHART_BARS, "Cases by team");
  guint s, a, b;

  ts_chart_set_axis_labels (chart, "team", "cases");
  s = ts_chart_add_series (chart, "cases", TS_CHART_ROLE_ACCENT, 0);
  a = ts_chart_add_category (chart, "alpha");
  b = ts_chart_add_category (chart, "beta");
  ts_chart_set_value (chart, s, a, 10);
  ts_chart_set_value (chart, s, b, 30);
  return chart;
}

static void
test_bars (void)
{
  g_autoptr(TsChart) chart = new_bars ();
  TsChartPalette palette;
  g_autoptr(TsChartScene) scene = NULL;
  g_autoptr(GPtrArray) bars = NULL;
  const TsChartBox *plot;
  const TsChartShape *alpha, *beta, *zero, *top_tick, *cases;
  const TsChartBox *a, *b;
  const TsChartTick *ticks;
  guint n_ticks;
  TsChartBox whole = { 0, 0, WIDTH, HEIGHT };

  scene = new_scene (chart, &palette, WIDTH, HEIGHT, TS_CHART_SCENE_NONE, -1);
  plot = ts_chart_scene_get_plot (scene);
  g_test_message ("plot %g,%g %g×%g", plot->x, plot->y, plot->width, plot->height);
  g_assert_cmpfloat (plot->width, >, WIDTH / 2);
  g_assert_cmpfloat (plot->height, >, HEIGHT / 2);
  assert_inside (plot, &whole);

  /* the white behind it all, first */
  g_assert_true (ts_chart_scene_get_shape (scene, 0)->kind == TS_CHART_SHAPE_RECT);
  g_assert_true (same_color (&ts_chart_scene_get_shape (scene, 0)->color, &palette.background));
  g_assert_cmpfloat (ts_chart_scene_get_shape (scene, 0)->box.width, ==, WIDTH);

  /* a bar per category in the accent colour, inside the plot, standing
   * on the 0 line, as tall as its value: 30 three times 10 */
  bars = find_shapes (scene, TS_CHART_SHAPE_RECT, &palette.accent);
  g_assert_cmpuint (bars->len, ==, 2);
  a = &((const TsChartShape *) bars->pdata[0])->box;
  b = &((const TsChartShape *) bars->pdata[1])->box;
  assert_inside (a, plot);
  assert_inside (b, plot);
  g_assert_cmpfloat (a->x + a->width, <, b->x);
  g_assert_cmpfloat (fabs (a->width - b->width), <=, 1);
  g_assert_cmpfloat (a->y + a->height, ==, b->y + b->height);
  g_assert_cmpfloat (fabs (b->height - 3 * a->height), <=, 3);
  ticks = ts_chart_get_y_ticks (chart, &n_ticks);
  g_assert_cmpuint (n_ticks, >=, 2);
  g_assert_cmpfloat (fabs (a->y + a->height - (plot->y + plot->height)), <=, 1);
  /* the top tick, 30: the top of the tallest bar */
  g_assert_cmpfloat (ticks[n_ticks - 1].value, ==, 30);
  g_assert_cmpfloat (fabs (b->y - plot->y), <=, 1);

  /* the categories' names under their bars; the ticks' values left of
   * the plot, each level with its grid line; the values' name above */
  alpha = find_text (scene, "alpha");
  beta = find_text (scene, "beta");
  g_assert_nonnull (alpha);
  g_assert_nonnull (beta);
  g_assert_cmpfloat (alpha->box.y, >=, plot->y + plot->height);
  g_assert_cmpfloat (fabs (alpha->box.x + alpha->box.width / 2 - (a->x + a->width / 2)), <=, 2);
  g_assert_cmpfloat (fabs (beta->box.x + beta->box.width / 2 - (b->x + b->width / 2)), <=, 2);
  zero = find_text (scene, ticks[0].label);
  top_tick = find_text (scene, ticks[n_ticks - 1].label);
  g_assert_nonnull (zero);
  g_assert_nonnull (top_tick);
  g_assert_cmpfloat (zero->box.x + zero->box.width, <=, plot->x);
  g_assert_cmpfloat (fabs (zero->box.y + zero->box.height / 2 - (plot->y + plot->height)), <=, 1);
  g_assert_cmpfloat (fabs (top_tick->box.y + top_tick->box.height / 2 - plot->y), <=, 1);
  cases = find_text (scene, "cases");
  g_assert_nonnull (cases);
  g_assert_cmpfloat (cases->box.y + cases->box.height, <=, plot->y);
  g_assert_nonnull (find_text (scene, "team"));
  /* one series: no legend, and no title on screen */
  g_assert_null (find_text (scene, "Cases by team"));
  for (guint i = 0; i < ts_chart_scene_get_n_shapes (scene); i++)
    assert_inside (&ts_chart_scene_get_shape (scene, i)->box, &whole);

  /* what a point stands for: a bar's share of the width, above it too */
  g_assert_cmpint (ts_chart_scene_category_at (scene, a->x + a->width / 2, a->y + 2), ==, 0);
  g_assert_cmpint (ts_chart_scene_category_at (scene, b->x + b->width / 2, plot->y + 2), ==, 1);
  g_assert_cmpint (ts_chart_scene_category_at (scene, plot->x - 5, a->y + 2), ==, -1);

}

static void
test_title_legend_hover (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_BARS, "ARR by band");
  TsChartPalette palette;
  g_autoptr(TsChartScene) plain = NULL;
  g_autoptr(TsChartScene) titled = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) shaded = NULL;
  TsChartColor lost_color;
  const TsChartShape *title, *kept_name, *lost_name;
  guint kept_s, lost_s;

  kept_s = ts_chart_add_series (chart, "retained", TS_CHART_ROLE_ACCENT, 0);
  lost_s = ts_chart_add_series (chart, "lost", TS_CHART_ROLE_LEVEL, 1);
  for (guint c = 0; c < 3; c++)
    {
      g_autofree char *name = g_strdup_printf ("band %u", c);
      guint category = ts_chart_add_category (chart, name);

      ts_chart_set_value (chart, kept_s, category, 100 * (c + 1));
      ts_chart_set_value (chart, lost_s, category, 10);
    }
  plain = new_scene (chart, &palette, WIDTH, HEIGHT, TS_CHART_SCENE_NONE, -1);
  titled = new_scene (chart, &palette, WIDTH, HEIGHT, TS_CHART_SCENE_TITLE, 1);
  lost_color = ts_chart_palette_series_color (&palette, ts_chart_get_series (chart, lost_s));
  g_assert_true (same_color (&lost_color, &palette.error));

  /* with its title, at the top left; the plot below it */
  title = find_text (titled, "ARR by band");
  g_assert_nonnull (title);
  g_assert_cmpfloat (title->box.x, ==, TS_CHART_PAPER_PAD);
  g_assert_cmpfloat (title->box.y, ==, TS_CHART_PAPER_PAD);
  g_assert_cmpfloat (ts_chart_scene_get_plot (titled)->y, >=, title->box.y + title->box.height);
  g_assert_cmpfloat (ts_chart_scene_get_plot (titled)->y, >, ts_chart_scene_get_plot (plain)->y);

  /* two series: a legend at the right, a swatch before each name */
  kept_name = find_text (plain, "retained");
  lost_name = find_text (plain, "lost");
  g_assert_nonnull (kept_name);
  g_assert_nonnull (lost_name);
  g_assert_cmpfloat (kept_name->box.x, <, lost_name->box.x);
  g_assert_cmpfloat (lost_name->box.x + lost_name->box.width, <=, WIDTH);
  kept = find_shapes (plain, TS_CHART_SHAPE_RECT, &palette.accent);
  /* a bar per category, and the swatch */
  g_assert_cmpuint (kept->len, ==, 4);
  g_assert_cmpfloat (((const TsChartShape *) kept->pdata[0])->box.width, ==, 10);
  g_assert_cmpfloat (((const TsChartShape *) kept->pdata[0])->box.x + 10, <, kept_name->box.x);
  g_assert_cmpuint (count_shapes (plain, TS_CHART_SHAPE_RECT, &lost_color), ==, 4);

  /* the category pointed at shaded behind its bar, before the bars */
  shaded = find_shapes (titled, TS_CHART_SHAPE_RECT, &palette.hover);
  g_assert_cmpuint (shaded->len, ==, 1);
  g_assert_cmpuint (count_shapes (plain, TS_CHART_SHAPE_RECT, &palette.hover), ==, 0);
  {
    const TsChartBox *shade = &((const TsChartShape *) shaded->pdata[0])->box;
    const TsChartBox *plot = ts_chart_scene_get_plot (titled);

    g_assert_cmpint (ts_chart_scene_category_at (titled, shade->x + shade->width / 2, plot->y + 1), ==, 1);
    g_assert_cmpfloat (shade->height, ==, plot->height);
  }

}

static void
test_lines_and_marks (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_LINES, "Index");
  TsChartPalette palette;
  g_autoptr(TsChartScene) scene = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) markers = NULL;
  const double values[] = { 5, -10, 20, 0 };
  const TsChartShape *line;
  const TsChartBox *plot;
  guint s;

  s = ts_chart_add_series (chart, "index", TS_CHART_ROLE_ACCENT, 0);
  for (guint c = 0; c < G_N_ELEMENTS (values); c++)
    {
      g_autofree char *week = g_strdup_printf ("W%u", c + 1);

      ts_chart_add_category (chart, week);
      ts_chart_set_value (chart, s, c, values[c]);
    }
  ts_chart_mark_category (chart, 1, "outages over threshold");
  scene = new_scene (chart, &palette, WIDTH, HEIGHT, TS_CHART_SCENE_NONE, -1);
  plot = ts_chart_scene_get_plot (scene);

  /* one line through the four values, left to right, higher for more */
  lines = find_shapes (scene, TS_CHART_SHAPE_LINE, NULL);
  g_assert_cmpuint (lines->len, ==, 1);
  line = lines->pdata[0];
  g_assert_true (same_color (&line->color, &palette.accent));
  g_assert_cmpuint (line->points->len, ==, G_N_ELEMENTS (values));
  for (guint p = 0; p < line->points->len; p++)
    {
      const TsChartXY *pt = &g_array_index (line->points, TsChartXY, p);

      g_assert_cmpfloat (pt->x, >=, plot->x);
      g_assert_cmpfloat (pt->x, <=, plot->x + plot->width);
      g_assert_cmpfloat (pt->y, >=, plot->y - 0.5);
      g_assert_cmpfloat (pt->y, <=, plot->y + plot->height + 0.5);
      if (p > 0)
        g_assert_cmpfloat (pt->x, >, g_array_index (line->points, TsChartXY, p - 1).x);
    }
  g_assert_cmpfloat (g_array_index (line->points, TsChartXY, 2).y, <, g_array_index (line->points, TsChartXY, 0).y);
  g_assert_cmpfloat (g_array_index (line->points, TsChartXY, 1).y, >, g_array_index (line->points, TsChartXY, 3).y);

  /* the marked week: a triangle at the top of the plot over its point */
  markers = find_shapes (scene, TS_CHART_SHAPE_POLYGON, &palette.warning);
  g_assert_cmpuint (markers->len, ==, 1);
  {
    const TsChartShape *marker = markers->pdata[0];
    const TsChartXY *tip = &g_array_index (marker->points, TsChartXY, 2);

    g_assert_cmpuint (marker->points->len, ==, 3);
    g_assert_cmpfloat (fabs (tip->x - g_array_index (line->points, TsChartXY, 1).x), <=, 1);
    g_assert_cmpfloat (fabs (marker->box.y - plot->y), <=, 2);
  }

}

static void
test_scatter_labels (void)
{
  g_autoptr(TsChart) chart = ts_chart_new (TS_CHART_SCATTER, "Touchpoints");
  TsChartPalette palette;
  g_autoptr(TsChartScene) scene = NULL;
  g_autoptr(GPtrArray) dots = NULL;
  const TsChartShape *label;

  ts_chart_add_series (chart, "satisfaction", TS_CHART_ROLE_ACCENT, 0);
  ts_chart_add_category (chart, "Help centre");
  ts_chart_add_category (chart, "Onboarding call");
  ts_chart_set_point (chart, 0, 10, 4.2);
  ts_chart_set_point (chart, 1, 50, 3.1);
  scene = new_scene (chart, &palette, WIDTH, HEIGHT, TS_CHART_SCENE_NONE, -1);

  /* a dot per point, and its name beside it, clear of it; pointing at the
   * name is pointing at the point */
  dots = find_shapes (scene, TS_CHART_SHAPE_DOT, &palette.accent);
  g_assert_cmpuint (dots->len, ==, 2);
  label = find_text (scene, "Help centre");
  g_assert_nonnull (label);
  {
    const TsChartBox *dot = &((const TsChartShape *) dots->pdata[0])->box;

    g_assert_false (label->box.x < dot->x + dot->width && dot->x < label->box.x + label->box.width &&
                    label->box.y < dot->y + dot->height && dot->y < label->box.y + label->box.height);
    g_assert_cmpint (ts_chart_scene_category_at (scene, dot->x + dot->width / 2, dot->y + dot->height / 2), ==, 0);
  }
  g_assert_cmpint (ts_chart_scene_category_at (scene, label->box.x + label->box.width - 1,
                                               label->box.y + label->box.height / 2), ==, 0);
  g_assert_nonnull (find_text (scene, "Onboarding call"));

}

static void
test_too_small (void)
{
  g_autoptr(TsChart) chart = new_bars ();
  TsChartPalette palette;
  g_autoptr(TsChartScene) scene = NULL;

  /* no room for a plot: no bars, and nothing pointed at */
  scene = new_scene (chart, &palette, 30, 30, TS_CHART_SCENE_NONE, -1);
  g_assert_cmpuint (count_shapes (scene, TS_CHART_SHAPE_RECT, &palette.accent), ==, 0);
  g_assert_cmpint (ts_chart_scene_category_at (scene, 15, 15), ==, -1);
}

static void
test_palette (void)
{
  TsChartPalette palette;
  TsChartSeries calm = { NULL, TS_CHART_ROLE_LEVEL, 0 }, middle = { NULL, TS_CHART_ROLE_LEVEL, 0.5 };
  TsChartSeries urgent = { NULL, TS_CHART_ROLE_LEVEL, 1 }, quarter = { NULL, TS_CHART_ROLE_LEVEL, 0.25 };
  TsChartSeries first = { NULL, TS_CHART_ROLE_CATEGORY, 0 }, eleventh = { NULL, TS_CHART_ROLE_CATEGORY, 10 };
  TsChartSeries second = { NULL, TS_CHART_ROLE_CATEGORY, 1 };
  TsChartColor c, a, b;

  ts_chart_palette_init_for_paper (&palette);
  g_assert_cmpfloat (palette.background.red + palette.background.green + palette.background.blue, ==, 3);
  c = ts_chart_palette_series_color (&palette, &calm);
  g_assert_true (same_color (&c, &palette.calm));
  c = ts_chart_palette_series_color (&palette, &middle);
  g_assert_true (same_color (&c, &palette.warning));
  c = ts_chart_palette_series_color (&palette, &urgent);
  g_assert_true (same_color (&c, &palette.error));
  /* halfway from calm to warning */
  c = ts_chart_palette_series_color (&palette, &quarter);
  g_assert_cmpfloat_with_epsilon (c.red, (palette.calm.red + palette.warning.red) / 2, 1e-9);
  /* categories told apart, ten colours round */
  a = ts_chart_palette_series_color (&palette, &first);
  b = ts_chart_palette_series_color (&palette, &second);
  g_assert_false (same_color (&a, &b));
  b = ts_chart_palette_series_color (&palette, &eleventh);
  g_assert_true (same_color (&a, &b));
}

/* the pixel at (@x, @y) of an ARGB32 image */
static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x) & 0xffffff;
}

static void
test_draw (void)
{
  g_autoptr(TsChart) chart = new_bars ();
  PangoContext *context = new_context ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  TsChartPalette palette;
  g_autoptr(TsChartScene) scene = NULL;
  g_autoptr(GPtrArray) bars = NULL;
  const TsChartBox *beta, *plot;

  /* the scene as ts_chart_draw() lays it out, then its pixels */
  ts_chart_palette_init_for_paper (&palette);
  pango_cairo_update_context (cr, context);
  scene = ts_chart_scene_new (chart, context, &palette, WIDTH, HEIGHT, TS_CHART_SCENE_TITLE, -1);
  bars = find_shapes (scene, TS_CHART_SHAPE_RECT, &palette.accent);
  beta = &((const TsChartShape *) bars->pdata[1])->box;
  plot = ts_chart_scene_get_plot (scene);
  ts_chart_draw (chart, cr, WIDTH, HEIGHT, pango_context_get_font_description (context), NULL, 96);
  cairo_surface_flush (surface);
  g_assert_cmphex (pixel_at (surface, beta->x + beta->width / 2, beta->y + beta->height / 2), ==, 0x3584e4);
  g_assert_cmphex (pixel_at (surface, 1, 1), ==, 0xffffff);
  /* the plot above the lower bar is white but for the grid */
  g_assert_cmphex (pixel_at (surface, ((const TsChartShape *) bars->pdata[0])->box.x + 3, plot->y + 3), ==, 0xffffff);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (context);
}

static void
test_render_formats (void)
{
  g_autoptr(TsChart) chart = new_bars ();
  g_autoptr(GError) error = NULL;
  struct
  {
    TsChartFormat  format;
    const char    *magic;
    const char    *name;
  } cases[] = {
    { TS_CHART_FORMAT_PNG, "\x89PNG\r\n", "chart.png" },
    { TS_CHART_FORMAT_SVG, "<?xml", "chart.SVG" },
    { TS_CHART_FORMAT_PDF, "%PDF-", "Chart.pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = ts_chart_render (chart, cases[i].format, 320, 200, NULL, NULL, 72, &error);
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].name);
      gsize size;
      const char *data;

      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      data = g_bytes_get_data (bytes, &size);
      g_assert_cmpuint (size, >, strlen (cases[i].magic));
      g_assert_true (memcmp (data, cases[i].magic, strlen (cases[i].magic)) == 0);
      g_assert_cmpint (ts_chart_format_for_file (file), ==, cases[i].format);
      if (cases[i].format == TS_CHART_FORMAT_PNG)
        {
          /* IHDR: the width and height, big-endian */
          g_assert_cmpuint (GUINT32_FROM_BE (*(const guint32 *) (data + 16)), ==, 320);
          g_assert_cmpuint (GUINT32_FROM_BE (*(const guint32 *) (data + 20)), ==, 200);
        }
      if (cases[i].format == TS_CHART_FORMAT_SVG)
        {
          g_autofree char *text = g_strndup (data, size);

          g_assert_nonnull (strstr (text, "width=\"320"));
        }
    }
  {
    g_autoptr(GFile) file = g_file_new_for_path ("chart.txt");

    g_assert_cmpint (ts_chart_format_for_file (file), ==, TS_CHART_FORMAT_AUTO);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/scene/bars", test_bars);
  g_test_add_func ("/render/scene/title-legend-hover", test_title_legend_hover);
  g_test_add_func ("/render/scene/lines-and-marks", test_lines_and_marks);
  g_test_add_func ("/render/scene/scatter-labels", test_scatter_labels);
  g_test_add_func ("/render/scene/too-small", test_too_small);
  g_test_add_func ("/render/palette", test_palette);
  g_test_add_func ("/render/draw/pixels", test_draw);
  g_test_add_func ("/render/render/formats", test_render_formats);

  return g_test_run ();
}

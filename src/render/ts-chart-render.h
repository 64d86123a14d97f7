/* ts-chart-render.h — a chart laid out in pixels as a scene of shapes, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>
#include <touchstone.h>

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} TsChartColor;

/* a box in pixels (or points), y from the top */
typedef struct
{
  double x, y, width, height;
} TsChartBox;

typedef struct
{
  double x, y;
} TsChartXY;

/* The colours a chart is drawn in. */
typedef struct
{
  TsChartColor fg;           /* texts */
  TsChartColor dim;          /* ticks' labels, axis names */
  TsChartColor grid;
  TsChartColor axis;
  TsChartColor hover;
  TsChartColor background;   /* transparent on screen */
  TsChartColor accent;
  TsChartColor neutral;
  TsChartColor calm, warning, error;  /* levels 0, 0.5 and 1 */
} TsChartPalette;

typedef enum
{
  TS_CHART_SHAPE_RECT,
  TS_CHART_SHAPE_LINE,
  TS_CHART_SHAPE_TEXT,
  TS_CHART_SHAPE_DOT,
  TS_CHART_SHAPE_POLYGON,
  TS_CHART_SHAPE_BAND,
} TsChartShapeKind;

typedef struct
{
  TsChartShapeKind  kind;
  TsChartColor      color;   /* BAND: at its left end */
  TsChartBox        box;     /* RECT, DOT; TEXT: its top left corner and size;
                              * LINE, POLYGON, BAND: the bounds */
  GArray           *points;  /* LINE, POLYGON: TsChartXY; BAND: its corners,
                              * top left, top right, bottom right, bottom left */
  double            width;   /* LINE */
  PangoLayout      *layout;  /* TEXT */
  TsChartColor      color2;  /* BAND: at its right end */
} TsChartShape;

/* the white margin on every side of a chart drawn with its title */
#define TS_CHART_PAPER_PAD 16

typedef enum
{
  TS_CHART_SCENE_NONE  = 0,
  TS_CHART_SCENE_TITLE = 1 << 0,   /* the chart's title at the top, as in a document */
} TsChartSceneFlags;

/* What a chart is written as. */
typedef enum
{
  TS_CHART_FORMAT_AUTO,    /* from the file name's ending */
  TS_CHART_FORMAT_PNG,
  TS_CHART_FORMAT_SVG,
  TS_CHART_FORMAT_PDF,
} TsChartFormat;

typedef struct _TsChartScene TsChartScene;

void                ts_chart_palette_init          (TsChartPalette       *palette,
                                                    const TsChartColor   *fg,
                                                    const TsChartColor   *background,
                                                    const TsChartColor   *accent,
                                                    const TsChartColor   *calm,
                                                    const TsChartColor   *warning,
                                                    const TsChartColor   *error);
void                ts_chart_palette_init_for_paper (TsChartPalette      *palette);
TsChartColor        ts_chart_palette_series_color  (const TsChartPalette *palette,
                                                    const TsChartSeries  *series);

TsChartScene       *ts_chart_scene_new             (TsChart              *chart,
                                                    PangoContext         *context,
                                                    const TsChartPalette *palette,
                                                    double                width,
                                                    double                height,
                                                    TsChartSceneFlags     flags,
                                                    int                   hover);
void                ts_chart_scene_free            (TsChartScene         *self);
guint               ts_chart_scene_get_n_shapes    (TsChartScene         *self);
const TsChartShape *ts_chart_scene_get_shape       (TsChartScene         *self,
                                                    guint                 i);
const TsChartBox   *ts_chart_scene_get_plot        (TsChartScene         *self);
int                 ts_chart_scene_category_at     (TsChartScene         *self,
                                                    double                x,
                                                    double                y);
void                ts_chart_scene_draw            (TsChartScene         *self,
                                                    cairo_t              *cr);
void                ts_chart_shape_draw            (const TsChartShape   *shape,
                                                    cairo_t              *cr);

void                ts_chart_draw                  (TsChart              *chart,
                                                    cairo_t              *cr,
                                                    double                width,
                                                    double                height,
                                                    const PangoFontDescription *font,
                                                    PangoLanguage        *language,
                                                    double                dpi);
GBytes             *ts_chart_render                (TsChart              *chart,
                                                    TsChartFormat         format,
                                                    int                   width,
                                                    int                   height,
                                                    const PangoFontDescription *font,
                                                    PangoLanguage        *language,
                                                    double                dpi,
                                                    GError              **error);
TsChartFormat       ts_chart_format_for_file       (GFile                *file);
cairo_status_t      ts_cairo_write_to_bytes        (void                 *closure,
                                                    const unsigned char  *data,
                                                    unsigned int          length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsChartScene, ts_chart_scene_free)

G_END_DECLS

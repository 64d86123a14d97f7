/* ts-chart-view.c — a chart drawn on screen, and exported to PNG, SVG or PDF
 *
 * The chart is laid out as a scene of shapes by ts-chart-render.c, the
 * same drawing as the files and the monthly review have; here the scene
 * is replayed onto a GtkSnapshot in the theme's colours (light, dark or
 * high contrast): the text colour, the accent, and for bands from calm to
 * urgent the accent, warning and error colours. A file is always dark on
 * white, with a title, as a chart in a document is read.
 *
 * A marked category's notes are in its tooltip. The node under the
 * pointer and its links stand out. Clicking a category — a bar, a point,
 * a node, or a label — emits TsChartView::category-activated.
 *
 * Exports are written whole into memory, then replace the file in one step
 * (g_file_replace_contents: a temporary file, renamed): a failed export
 * leaves the file as it was, and its error names the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>

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
/* Replaying a scene on a snapshot                                     */
/* ------------------------------------------------------------------ */

static GdkRGBA
to_rgba (const TsChartColor *c)
{
  return (GdkRGBA) { c->red, c->green, c->blue, c->alpha };
}

static TsChartColor
from_rgba (const GdkRGBA *c)
{
  return (TsChartColor) { c->red, c->green, c->blue, c->alpha };
}

/* rectangles, texts and dots as the snapshot's own nodes; lines, markers
 * and bands through cairo */
static void
replay_snapshot (TsChartScene *scene,
                 GtkSnapshot  *snapshot)
{
  for (guint i = 0; i < ts_chart_scene_get_n_shapes (scene); i++)
    {
      const TsChartShape *s = ts_chart_scene_get_shape (scene, i);
      GdkRGBA color = to_rgba (&s->color);
      graphene_rect_t rect = GRAPHENE_RECT_INIT (s->box.x, s->box.y, s->box.width, s->box.height);

      switch (s->kind)
        {
        case TS_CHART_SHAPE_RECT:
          gtk_snapshot_append_color (snapshot, &color, &rect);
          break;
        case TS_CHART_SHAPE_TEXT:
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &rect.origin);
          gtk_snapshot_append_layout (snapshot, s->layout, &color);
          gtk_snapshot_restore (snapshot);
          break;
        case TS_CHART_SHAPE_DOT:
          {
            GskRoundedRect round;

            gsk_rounded_rect_init_from_rect (&round, &rect, rect.size.width / 2);
            gtk_snapshot_push_rounded_clip (snapshot, &round);
            gtk_snapshot_append_color (snapshot, &color, &rect);
            gtk_snapshot_pop (snapshot);
          }
          break;
        case TS_CHART_SHAPE_LINE:
        case TS_CHART_SHAPE_POLYGON:
        case TS_CHART_SHAPE_BAND:
          {
            cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &rect);

            ts_chart_shape_draw (s, cr);
            cairo_destroy (cr);
          }
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
palette_init_for_screen (TsChartPalette *palette,
                         TsChartView    *self)
{
  TsChartColor none = { 0, 0, 0, 0 };
  TsChartColor fg = from_rgba (&self->fg), accent = from_rgba (&self->accent), calm = from_rgba (&self->calm);
  TsChartColor warning = from_rgba (&self->warning), error = from_rgba (&self->error);

  ts_chart_palette_init (palette, &fg, &none, &accent, &calm, &warning, &error);
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
  g_autoptr(TsChartScene) scene = NULL;
  TsChartPalette palette;

  if (self->chart == NULL)
    return;
  palette_init_for_screen (&palette, self);
  scene = ts_chart_scene_new (self->chart, gtk_widget_get_pango_context (widget), &palette,
                              gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                              TS_CHART_SCENE_NONE, self->hover);
  replay_snapshot (scene, snapshot);
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

/* The category at (@x, @y), as the last drawing laid it out: the one whose
 * share of the width holds @x, a scatter's point or a flow's node nearby,
 * or the one whose label is there. */
static int
category_at (TsChartView *self,
             double       x,
             double       y)
{
  g_autoptr(TsChartScene) scene = NULL;
  TsChartPalette palette;

  if (self->chart == NULL)
    return -1;
  palette_init_for_screen (&palette, self);
  scene = ts_chart_scene_new (self->chart, gtk_widget_get_pango_context (GTK_WIDGET (self)), &palette,
                              gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
                              TS_CHART_SCENE_NONE, -1);
  return ts_chart_scene_category_at (scene, x, y);
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
  PangoContext *context;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

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

  /* in the widget's font; an image at the screen's resolution, a drawing
   * or a document in points */
  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  bytes = ts_chart_render (self->chart, format, width, height, pango_context_get_font_description (context),
                           pango_context_get_language (context), format == TS_CHART_FORMAT_PNG ? 96 : 72, error);
  if (bytes == NULL ||
      !g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
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

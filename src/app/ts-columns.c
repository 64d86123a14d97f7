/* ts-columns.c — children side by side when they fit, else stacked
 *
 * Lays its visible children out in equal columns when each column gets at
 * least every child's minimum width, and one above the other otherwise.
 * Unlike GtkFlowBox, which flows at the children's natural widths, the
 * choice does not depend on how long the texts inside happen to be.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-columns"

#include "config.h"

#include "ts-columns.h"

struct _TsColumns
{
  GtkWidget parent_instance;
  int       spacing;
};

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkBuildableIface *parent_buildable_iface;

static void buildable_iface_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TsColumns, ts_columns, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, buildable_iface_init))

static guint
count_visible (TsColumns *self,
               int       *max_min_width)
{
  guint n = 0;

  *max_min_width = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      *max_min_width = MAX (*max_min_width, min);
      n++;
    }
  return n;
}

/* The width of a column when side by side fits in @width, else -1. */
static int
column_width (TsColumns *self,
              int        width,
              guint     *n_visible)
{
  int max_min_width;
  int column;

  *n_visible = count_visible (self, &max_min_width);
  if (*n_visible < 2 || width < 0)
    return -1;
  column = (width - self->spacing * ((int) *n_visible - 1)) / (int) *n_visible;
  return column >= max_min_width ? column : -1;
}

/* A width to measure or allocate @child with: never less than its minimum
 * (we may be given less while hidden). */
static int
at_least_min_width (GtkWidget *child,
                    int        width)
{
  int min;

  if (width < 0)
    return width;
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return MAX (width, min);
}

static GtkSizeRequestMode
ts_columns_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ts_columns_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  TsColumns *self = TS_COLUMNS (widget);
  guint n_visible = 0;
  guint n_stacked = 0;
  int column = -1;

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_VERTICAL)
    column = column_width (self, for_size, &n_visible);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* stacked at the minimum, side by side at the natural size */
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural += child_nat + (*natural > 0 ? self->spacing : 0);
        }
      else if (column >= 0)
        {
          gtk_widget_measure (child, orientation, column, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          gtk_widget_measure (child, orientation, at_least_min_width (child, for_size),
                              &child_min, &child_nat, NULL, NULL);
          if (n_stacked++ > 0)
            {
              *minimum += self->spacing;
              *natural += self->spacing;
            }
          *minimum += child_min;
          *natural += child_nat;
        }
    }
}

static void
ts_columns_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  TsColumns *self = TS_COLUMNS (widget);
  guint n_visible;
  int column = column_width (self, width, &n_visible);
  int offset = 0;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child))
        continue;

      if (column >= 0)
        {
          int x = rtl ? width - offset - column : offset;

          gtk_widget_size_allocate (child, &(GtkAllocation) { x, 0, column, height }, -1);
          offset += column + self->spacing;
        }
      else
        {
          int child_width = at_least_min_width (child, width);
          int child_height;

          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width,
                              NULL, &child_height, NULL, NULL);
          child_height = MAX (child_height, 0);
          gtk_widget_size_allocate (child,
                                    &(GtkAllocation) { 0, offset, child_width, child_height },
                                    -1);
          offset += child_height + self->spacing;
        }
    }
}

static void
ts_columns_buildable_add_child (GtkBuildable *buildable,
                                GtkBuilder   *builder,
                                GObject      *child,
                                const char   *type)
{
  if (GTK_IS_WIDGET (child))
    ts_columns_append (TS_COLUMNS (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
buildable_iface_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = ts_columns_buildable_add_child;
}

static void
ts_columns_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ts_columns_parent_class)->dispose (object);
}

static void
ts_columns_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TsColumns *self = TS_COLUMNS (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_columns_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TsColumns *self = TS_COLUMNS (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      ts_columns_set_spacing (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_columns_class_init (TsColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_columns_dispose;
  object_class->get_property = ts_columns_get_property;
  object_class->set_property = ts_columns_set_property;

  widget_class->get_request_mode = ts_columns_get_request_mode;
  widget_class->measure = ts_columns_measure;
  widget_class->size_allocate = ts_columns_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ts_columns_init (TsColumns *self)
{
}

GtkWidget *
ts_columns_new (void)
{
  return g_object_new (TS_TYPE_COLUMNS, NULL);
}

void
ts_columns_append (TsColumns *self,
                   GtkWidget *child)
{
  g_return_if_fail (TS_IS_COLUMNS (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

int
ts_columns_get_spacing (TsColumns *self)
{
  g_return_val_if_fail (TS_IS_COLUMNS (self), 0);
  return self->spacing;
}

void
ts_columns_set_spacing (TsColumns *self,
                        int        spacing)
{
  g_return_if_fail (TS_IS_COLUMNS (self));

  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

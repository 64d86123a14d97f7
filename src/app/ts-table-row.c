/* ts-table-row.c — one row of a canonical table, as a list item
 *
 * A row holds nothing but its index into the table's columns: TsTableModel
 * creates one only when a list widget asks for an item, and the cells read
 * the dataset's columns directly.  Millions of rows cost nothing until they
 * are on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-table-row"

#include "config.h"

#include "ts-table-row.h"

struct _TsTableRow
{
  GObject parent_instance;
  guint   row;
};

enum {
  PROP_0,
  PROP_ROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TsTableRow, ts_table_row, G_TYPE_OBJECT)

static void
ts_table_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TsTableRow *self = TS_TABLE_ROW (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_uint (value, self->row);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_table_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TsTableRow *self = TS_TABLE_ROW (object);

  switch (prop_id)
    {
    case PROP_ROW:
      self->row = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_table_row_class_init (TsTableRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ts_table_row_get_property;
  object_class->set_property = ts_table_row_set_property;

  /**
   * TsTableRow:row:
   *
   * The row's index in its table (not its position in a filtered model).
   */
  properties[PROP_ROW] =
    g_param_spec_uint ("row", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ts_table_row_init (TsTableRow *self)
{
}

TsTableRow *
ts_table_row_new (guint row)
{
  TsTableRow *self = g_object_new (TS_TYPE_TABLE_ROW, NULL);

  /* Set directly rather than through the property: this runs once per
   * visible row whenever a list scrolls. */
  self->row = row;
  return self;
}

guint
ts_table_row_get_row (TsTableRow *self)
{
  g_return_val_if_fail (TS_IS_TABLE_ROW (self), 0);
  return self->row;
}

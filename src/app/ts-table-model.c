/* ts-table-model.c — a list model over the rows of one table of a dataset
 *
 * The dataset is columnar and immutable; this model copies none of it.  An
 * item is a TsTableRow created in get_item() for the rows a list widget
 * shows, and the cells read the columns through
 * ts_table_model_dup_cell_text().  So a table of millions of events costs a
 * few bytes here.
 *
 * The customer filter is part of the model: fact tables are sorted by
 * (customer, time), so the rows of the customers that match are a few
 * slices `by_customer[c] .. by_customer[c + 1]`.  The model keeps one
 * (first row, first position) pair per matching customer and finds a
 * position's row by binary search; filtering never touches the rows
 * themselves, and never puts millions of items through a GtkFilter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-table-model"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "ts-table-model.h"
#include "ts-table-row.h"

typedef struct
{
  guint first;     /* the slice's first row in the table */
  guint position;  /* its position in the model */
} Slice;

struct _TsTableModel
{
  GObject    parent_instance;

  TsDataset *dataset;
  TsTable    table;
  char      *filter;

  /* Set when a filter is active: one slice per matching customer that has
   * rows in the table, in customer order, so positions stay sorted. */
  GArray    *slices;
  gboolean   filtered;
  guint      n_items;
  guint      n_customers;

  /* Set when sorted by a column: position → position in the unsorted
   * (customer, time) order */
  guint32   *order;
};

enum {
  PROP_0,
  PROP_DATASET,
  PROP_TABLE,
  PROP_FILTER,
  PROP_N_ITEMS,
  PROP_N_CUSTOMERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TsTableModel, ts_table_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
ts_table_model_get_item_type (GListModel *model)
{
  return TS_TYPE_TABLE_ROW;
}

static guint
ts_table_model_get_n_items (GListModel *model)
{
  return TS_TABLE_MODEL (model)->n_items;
}

static gpointer
ts_table_model_get_item (GListModel *model,
                         guint       position)
{
  TsTableModel *self = TS_TABLE_MODEL (model);

  if (position >= self->n_items)
    return NULL;
  return ts_table_row_new (ts_table_model_get_row (self, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ts_table_model_get_item_type;
  iface->get_n_items = ts_table_model_get_n_items;
  iface->get_item = ts_table_model_get_item;
}

/* The index of a fact table: customer c's rows are by_customer[c] ..
 * by_customer[c + 1].  The customers table has none: its row c is c. */
static const guint32 *
get_by_customer (TsDataset *dataset,
                 TsTable    table)
{
  switch (table)
    {
    case TS_TABLE_EVENTS:
      return ts_dataset_get_events (dataset)->by_customer;
    case TS_TABLE_CASES:
      return ts_dataset_get_cases (dataset)->by_customer;
    case TS_TABLE_TOUCHES:
      return ts_dataset_get_touches (dataset)->by_customer;
    case TS_TABLE_RESPONSES:
      return ts_dataset_get_responses (dataset)->by_customer;
    case TS_TABLE_LISTS:
      return ts_dataset_get_lists (dataset)->by_customer;
    case TS_TABLE_CUSTOMERS:
    case TS_N_TABLES:
    case TS_TABLE_NONE:
    default:
      return NULL;
    }
}

static void
add_customer (TsTableModel  *self,
              const guint32 *by_customer,
              guint          customer)
{
  Slice slice;
  guint end;

  self->n_customers++;
  if (self->table == TS_TABLE_CUSTOMERS)
    {
      slice.first = customer;
      end = customer + 1;
    }
  else if (by_customer == NULL)
    {
      return;
    }
  else
    {
      slice.first = by_customer[customer];
      end = by_customer[customer + 1];
    }
  if (end <= slice.first)
    return;
  slice.position = self->n_items;
  g_array_append_val (self->slices, slice);
  self->n_items += end - slice.first;
}

static gboolean
has_prefix (TsStrPool  *strings,
            guint32     id,
            const char *prefix,
            gsize       len)
{
  if (id == TS_STR_NULL || ts_str_pool_get_length (strings, id) < len)
    return FALSE;
  return g_ascii_strncasecmp (ts_str_pool_get (strings, id), prefix, len) == 0;
}

/* Exact match first (a customer id or e-mail, through the dataset's
 * index); otherwise every customer whose id or e-mail starts with the
 * filter, ignoring ASCII case. */
static void
match_customers (TsTableModel *self)
{
  const TsCustomers *customers = ts_dataset_get_customers (self->dataset);
  const guint32 *by_customer = get_by_customer (self->dataset, self->table);
  TsStrPool *strings = ts_dataset_get_strings (self->dataset);
  gsize len = strlen (self->filter);
  int exact;

  exact = ts_dataset_find_customer (self->dataset, self->filter);
  if (exact >= 0)
    {
      add_customer (self, by_customer, (guint) exact);
      return;
    }

  for (guint c = 0; c < customers->n_rows; c++)
    if (has_prefix (strings, customers->id[c], self->filter, len) ||
        has_prefix (strings, customers->email[c], self->filter, len))
      add_customer (self, by_customer, c);
}

static void
ts_table_model_rebuild (TsTableModel *self)
{
  guint old_n_items = self->n_items;
  guint old_n_customers = self->n_customers;

  g_array_set_size (self->slices, 0);
  g_clear_pointer (&self->order, g_free);
  self->filtered = FALSE;
  self->n_items = 0;
  self->n_customers = 0;

  if (self->dataset != NULL)
    {
      if (self->filter == NULL)
        {
          self->n_items = ts_dataset_get_n_rows (self->dataset, self->table);
        }
      else
        {
          self->filtered = TRUE;
          match_customers (self);
        }
    }

  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (old_n_customers != self->n_customers)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CUSTOMERS]);
}

static void
ts_table_model_finalize (GObject *object)
{
  TsTableModel *self = (TsTableModel *) object;

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->filter, g_free);
  g_clear_pointer (&self->slices, g_array_unref);
  g_clear_pointer (&self->order, g_free);

  G_OBJECT_CLASS (ts_table_model_parent_class)->finalize (object);
}

static void
ts_table_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TsTableModel *self = TS_TABLE_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_TABLE:
      g_value_set_uint (value, self->table);
      break;
    case PROP_FILTER:
      g_value_set_string (value, self->filter);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_N_CUSTOMERS:
      g_value_set_uint (value, self->n_customers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_table_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TsTableModel *self = TS_TABLE_MODEL (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      ts_table_model_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_TABLE:
      ts_table_model_set_table (self, (TsTable) g_value_get_uint (value));
      break;
    case PROP_FILTER:
      ts_table_model_set_filter (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_table_model_class_init (TsTableModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ts_table_model_finalize;
  object_class->get_property = ts_table_model_get_property;
  object_class->set_property = ts_table_model_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, TS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* A TsTable; the core registers no enum type for it. */
  properties[PROP_TABLE] =
    g_param_spec_uint ("table", NULL, NULL, 0, TS_N_TABLES - 1, TS_TABLE_EVENTS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FILTER] =
    g_param_spec_string ("filter", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_CUSTOMERS] =
    g_param_spec_uint ("n-customers", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ts_table_model_init (TsTableModel *self)
{
  self->table = TS_TABLE_EVENTS;
  self->slices = g_array_new (FALSE, FALSE, sizeof (Slice));
}

/**
 * ts_table_model_new:
 * @dataset: (nullable): the dataset
 * @table: the table whose rows are the items
 */
TsTableModel *
ts_table_model_new (TsDataset *dataset,
                    TsTable    table)
{
  g_return_val_if_fail (dataset == NULL || TS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, NULL);

  return g_object_new (TS_TYPE_TABLE_MODEL,
                       "dataset", dataset,
                       "table", (guint) table,
                       NULL);
}

TsDataset *
ts_table_model_get_dataset (TsTableModel *self)
{
  g_return_val_if_fail (TS_IS_TABLE_MODEL (self), NULL);
  return self->dataset;
}

void
ts_table_model_set_dataset (TsTableModel *self,
                            TsDataset    *dataset)
{
  g_return_if_fail (TS_IS_TABLE_MODEL (self));
  g_return_if_fail (dataset == NULL || TS_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;
  ts_table_model_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

TsTable
ts_table_model_get_table (TsTableModel *self)
{
  g_return_val_if_fail (TS_IS_TABLE_MODEL (self), TS_TABLE_NONE);
  return self->table;
}

void
ts_table_model_set_table (TsTableModel *self,
                          TsTable       table)
{
  g_return_if_fail (TS_IS_TABLE_MODEL (self));
  g_return_if_fail (table >= 0 && table < TS_N_TABLES);

  if (self->table == table)
    return;
  self->table = table;
  ts_table_model_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TABLE]);
}

const char *
ts_table_model_get_filter (TsTableModel *self)
{
  g_return_val_if_fail (TS_IS_TABLE_MODEL (self), NULL);
  return self->filter;
}

/**
 * ts_table_model_set_filter:
 * @filter: (nullable): a customer id or e-mail, or the start of one
 *
 * Keeps the rows of the customer whose id or e-mail is @filter, or, when
 * none is, of every customer whose id or e-mail starts with it (ignoring
 * ASCII case).  Leading and trailing spaces are ignored; %NULL or an empty
 * string keeps every row.
 */
void
ts_table_model_set_filter (TsTableModel *self,
                           const char   *filter)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (TS_IS_TABLE_MODEL (self));

  if (filter != NULL)
    {
      normalized = g_strstrip (g_strdup (filter));
      if (normalized[0] == '\0')
        g_clear_pointer (&normalized, g_free);
    }

  if (g_strcmp0 (normalized, self->filter) == 0)
    return;
  g_free (self->filter);
  self->filter = g_steal_pointer (&normalized);
  ts_table_model_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * ts_table_model_get_n_customers:
 *
 * Returns: how many customers the filter matches (whether or not they have
 * rows in this table), or 0 when there is no filter.
 */
guint
ts_table_model_get_n_customers (TsTableModel *self)
{
  g_return_val_if_fail (TS_IS_TABLE_MODEL (self), 0);
  return self->n_customers;
}

/**
 * ts_table_model_get_row:
 * @position: a position in the model
 *
 * Returns: the row of the table at @position, or %G_MAXUINT past the end
 */
guint
ts_table_model_get_row (TsTableModel *self,
                        guint         position)
{
  const Slice *slices;
  guint lo, hi;

  g_return_val_if_fail (TS_IS_TABLE_MODEL (self), G_MAXUINT);

  if (position >= self->n_items)
    return G_MAXUINT;
  if (self->order != NULL)
    position = self->order[position];
  if (!self->filtered)
    return position;

  /* the last slice that starts at or before position */
  slices = (const Slice *) (gpointer) self->slices->data;
  lo = 0;
  hi = self->slices->len;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (slices[mid].position <= position)
        lo = mid;
      else
        hi = mid;
    }
  return slices[lo].first + (position - slices[lo].position);
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

/**
 * ts_table_model_dup_cell_text:
 * @row: a row of the table (see ts_table_model_get_row())
 * @field: a field of the table
 *
 * The text of one cell: strings as imported, the customer reference of a
 * fact table as the customer's id, times in ISO 8601 UTC, numbers with up
 * to ten significant digits; an empty string for a missing value.
 *
 * Returns: (transfer full): the text
 */
char *
ts_table_model_dup_cell_text (TsTableModel *self,
                              guint         row,
                              guint         field)
{
  const TsFieldInfo *info;
  gconstpointer column;

  g_return_val_if_fail (TS_IS_TABLE_MODEL (self), NULL);
  g_return_val_if_fail (self->dataset != NULL, NULL);
  g_return_val_if_fail (row < ts_dataset_get_n_rows (self->dataset, self->table), NULL);
  g_return_val_if_fail (field < ts_table_get_n_fields (self->table), NULL);

  if (self->table != TS_TABLE_CUSTOMERS && field == 0)
    {
      const guint32 *customer = ts_dataset_get_column (self->dataset, self->table, 0);
      const TsCustomers *customers = ts_dataset_get_customers (self->dataset);

      return g_strdup (ts_dataset_get_string (self->dataset, customers->id[customer[row]]));
    }

  info = ts_table_get_field (self->table, field);
  column = ts_dataset_get_column (self->dataset, self->table, field);

  switch (info->type)
    {
    case TS_FIELD_TYPE_STRING:
    case TS_FIELD_TYPE_PROPERTIES:
      {
        const char *str = ts_dataset_get_string (self->dataset, ((const guint32 *) column)[row]);
        return g_strdup (str != NULL ? str : "");
      }

    case TS_FIELD_TYPE_TIME:
      {
        /* to the second: the table's column fits it, and so do people */
        TsTime t = ((const TsTime *) column)[row];
        char *str;

        if (t != TS_TIME_NULL)
          t -= ((t % 1000000) + 1000000) % 1000000;
        str = ts_timestamp_format_iso (t);
        return str != NULL ? str : g_strdup ("");
      }

    case TS_FIELD_TYPE_NUMBER:
      return format_number (((const double *) column)[row]);

    case TS_FIELD_TYPE_BOOLEAN:
      switch (((const guint8 *) column)[row])
        {
        case 0:
          /* Translators: a false value in a yes/no column of a table */
          return g_strdup (_("no"));
        case 1:
          /* Translators: a true value in a yes/no column of a table */
          return g_strdup (_("yes"));
        default:
          return g_strdup ("");
        }

    case TS_FIELD_TYPE_CONSENT:
      {
        TsConsent consent = ((const guint8 *) column)[row];

        if (consent == TS_CONSENT_UNKNOWN)
          return g_strdup ("");
        return g_strdup (ts_consent_to_string (consent));
      }

    default:
      return g_strdup ("");
    }
}

/* ------------------------------------------------------------------ */
/* Sorting by a column                                                 */

typedef struct
{
  gint64  key;
  guint32 position;
} SortKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const SortKey *ka = a, *kb = b;

  if (ka->key != kb->key)
    return ka->key < kb->key ? -1 : 1;
  return ka->position < kb->position ? -1 : ka->position > kb->position;
}

static int
compare_string_ids (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  TsStrPool *strings = user_data;

  return strcmp (ts_str_pool_get (strings, *(const guint32 *) a),
                 ts_str_pool_get (strings, *(const guint32 *) b));
}

/* A key that orders doubles as numbers, with nothing (NaN) last. */
static inline gint64
number_key (double v)
{
  gint64 bits;

  if (isnan (v))
    return G_MAXINT64;
  if (v == 0)
    v = 0;   /* -0 and 0 are equal */
  memcpy (&bits, &v, sizeof bits);
  return bits >= 0 ? bits : G_MININT64 - bits - 1;
}

/**
 * ts_table_model_compute_order:
 * @field: the field to sort by
 * @descending: largest first (missing values stay last)
 * @cancellable: (nullable): checked now and then
 *
 * Orders the rows @self shows by one column, as a permutation of its
 * positions; strings in byte (UTF-8) order, times and numbers by value.
 * Safe to call from a worker thread on a model no one changes meanwhile.
 *
 * Returns: (transfer full) (nullable): the order, or %NULL when cancelled
 */
guint32 *
ts_table_model_compute_order (TsTableModel *self,
                              guint         field,
                              gboolean      descending,
                              GCancellable *cancellable)
{
  const TsFieldInfo *info;
  gconstpointer column;
  g_autofree SortKey *keys = NULL;
  g_autofree gint64 *rank = NULL;
  guint32 *order;
  guint n = self->n_items;
  TsStrPool *strings = ts_dataset_get_strings (self->dataset);
  gboolean customer_ref = field == 0 && self->table != TS_TABLE_CUSTOMERS;
  const TsCustomers *customers = ts_dataset_get_customers (self->dataset);

  g_return_val_if_fail (field < ts_table_get_n_fields (self->table), NULL);

  info = ts_table_get_field (self->table, field);
  column = ts_dataset_get_column (self->dataset, self->table, field);

  /* strings: rank the pool's strings once, then sort by rank */
  if (info->type == TS_FIELD_TYPE_STRING || info->type == TS_FIELD_TYPE_PROPERTIES)
    {
      guint32 n_strings = ts_str_pool_get_size (strings);
      g_autofree guint32 *ids = g_new (guint32, MAX (n_strings, 1));

      for (guint32 i = 0; i < n_strings; i++)
        ids[i] = i;
      g_qsort_with_data (ids + 1, n_strings - 1, sizeof (guint32), compare_string_ids, strings);
      rank = g_new (gint64, MAX (n_strings, 1));
      rank[0] = G_MAXINT64;   /* no value: last */
      for (guint32 i = 1; i < n_strings; i++)
        rank[ids[i]] = i;
    }
  if (g_cancellable_is_cancelled (cancellable))
    return NULL;

  keys = g_new (SortKey, MAX (n, 1));
  for (guint p = 0; p < n; p++)
    {
      guint row = ts_table_model_get_row (self, p);
      gint64 key;

      if (customer_ref)
        key = rank[customers->id[((const guint32 *) column)[row]]];
      else
        switch (info->type)
          {
          case TS_FIELD_TYPE_STRING:
          case TS_FIELD_TYPE_PROPERTIES:
            key = rank[((const guint32 *) column)[row]];
            break;
          case TS_FIELD_TYPE_TIME:
            key = ((const TsTime *) column)[row];
            if (key == TS_TIME_NULL)
              key = G_MAXINT64;
            break;
          case TS_FIELD_TYPE_NUMBER:
            key = number_key (((const double *) column)[row]);
            break;
          case TS_FIELD_TYPE_BOOLEAN:
          case TS_FIELD_TYPE_CONSENT:
          default:
            key = ((const guint8 *) column)[row];
            if (info->type == TS_FIELD_TYPE_BOOLEAN && key == TS_BOOL_UNKNOWN)
              key = G_MAXINT64;
            else if (info->type == TS_FIELD_TYPE_CONSENT && key == TS_CONSENT_UNKNOWN)
              key = G_MAXINT64;
            break;
          }
      /* descending: flip everything but the missing values, which stay last */
      if (descending && key != G_MAXINT64)
        key = -key - 1;
      keys[p].key = key;
      keys[p].position = p;
    }
  if (g_cancellable_is_cancelled (cancellable))
    return NULL;

  qsort (keys, n, sizeof (SortKey), compare_keys);

  order = g_new (guint32, MAX (n, 1));
  for (guint p = 0; p < n; p++)
    order[p] = keys[p].position;
  return order;
}

/**
 * ts_table_model_set_order:
 * @order: (transfer full) (nullable): from ts_table_model_compute_order() on
 *   this model, or %NULL for the dataset's order (customer, then time)
 */
void
ts_table_model_set_order (TsTableModel *self,
                          guint32      *order)
{
  g_return_if_fail (TS_IS_TABLE_MODEL (self));

  g_free (self->order);
  self->order = order;
  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->n_items, self->n_items);
}

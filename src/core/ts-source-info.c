/* ts-source-info.c — what an import understood of one file: the tables it
 * filled, which column went to which field and how, and what it decided on
 * its own.  Shown to the user so that no mapping is ever silent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-source-info"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "ts-source-info.h"

typedef struct
{
  char    *column;
  TsTable  table;
  char    *field;     /* NULL: ignored */
  char    *detail;
} ColumnMap;

struct _TsSourceInfo
{
  gatomicrefcount ref_count;
  char           *path;
  char           *plugin_id;
  guint           tables;   /* bit per TsTable */
  guint64         rows[TS_N_TABLES];
  guint64         records;
  gboolean        has_records;
  guint64         dropped[TS_N_DROP_REASONS];
  guint64         customers;
  guint64         unmatched;
  GArray         *columns;
  GPtrArray      *notes;
  GPtrArray      *detail_keys;
  GPtrArray      *detail_values;
};

G_DEFINE_BOXED_TYPE (TsSourceInfo, ts_source_info, ts_source_info_ref, ts_source_info_unref)

static void
column_map_clear (gpointer data)
{
  ColumnMap *m = data;
  g_free (m->column);
  g_free (m->field);
  g_free (m->detail);
}

TsSourceInfo *
ts_source_info_new (const char *path,
                    const char *plugin_id)
{
  TsSourceInfo *self = g_new0 (TsSourceInfo, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->path = g_strdup (path);
  self->plugin_id = g_strdup (plugin_id);
  self->columns = g_array_new (FALSE, TRUE, sizeof (ColumnMap));
  g_array_set_clear_func (self->columns, column_map_clear);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->detail_keys = g_ptr_array_new_with_free_func (g_free);
  self->detail_values = g_ptr_array_new_with_free_func (g_free);
  return self;
}

TsSourceInfo *
ts_source_info_ref (TsSourceInfo *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_source_info_unref (TsSourceInfo *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->path);
  g_free (self->plugin_id);
  g_array_unref (self->columns);
  g_ptr_array_unref (self->notes);
  g_ptr_array_unref (self->detail_keys);
  g_ptr_array_unref (self->detail_values);
  g_free (self);
}

const char *
ts_source_info_get_path (TsSourceInfo *self)
{
  return self->path;
}

const char *
ts_source_info_get_plugin_id (TsSourceInfo *self)
{
  return self->plugin_id;
}

void
ts_source_info_add_table (TsSourceInfo *self,
                          TsTable       table)
{
  g_return_if_fail (table >= 0 && table < TS_N_TABLES);
  self->tables |= 1u << table;
}

gboolean
ts_source_info_has_table (TsSourceInfo *self,
                          TsTable       table)
{
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, FALSE);
  return (self->tables & (1u << table)) != 0;
}

void
ts_source_info_add_rows (TsSourceInfo *self,
                         TsTable       table,
                         guint64       n_rows)
{
  g_return_if_fail (table >= 0 && table < TS_N_TABLES);
  self->rows[table] += n_rows;
}

guint64
ts_source_info_get_rows (TsSourceInfo *self,
                         TsTable       table)
{
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, 0);
  return self->rows[table];
}

/**
 * ts_source_info_set_column:
 * @field: (nullable): the canonical field, or %NULL when the column is ignored
 * @detail: (nullable): how values are read, e.g. "day/month/year"
 */
const char *
ts_drop_reason_to_string (TsDropReason reason)
{
  switch (reason)
    {
    case TS_DROP_DUPLICATE: return "duplicate";
    case TS_DROP_NO_IDENTITY: return "no_identity";
    case TS_DROP_UNPARSEABLE: return "unparseable";
    case TS_N_DROP_REASONS:
    default: return "unknown";
    }
}

/**
 * ts_source_info_add_records:
 *
 * Counts records read from the source, before any was dropped.
 */
void
ts_source_info_add_records (TsSourceInfo *self,
                            guint64       n)
{
  self->has_records = TRUE;
  self->records += n;
}

guint64
ts_source_info_get_records (TsSourceInfo *self)
{
  guint64 rows = 0;

  if (self->has_records)
    return self->records;
  /* a plugin that counts no records: one per row */
  for (guint t = 0; t < TS_N_TABLES; t++)
    rows += self->rows[t];
  for (guint r = 0; r < TS_N_DROP_REASONS; r++)
    rows += self->dropped[r];
  return rows;
}

/**
 * ts_source_info_add_dropped:
 *
 * Counts records that did not become rows, by reason.  Nothing is dropped
 * silently.
 */
void
ts_source_info_add_dropped (TsSourceInfo *self,
                            TsDropReason  reason,
                            guint64       n)
{
  g_return_if_fail (reason < TS_N_DROP_REASONS);
  self->dropped[reason] += n;
}

guint64
ts_source_info_get_dropped (TsSourceInfo *self,
                            TsDropReason  reason)
{
  g_return_val_if_fail (reason < TS_N_DROP_REASONS, 0);
  return self->dropped[reason];
}

/**
 * ts_source_info_set_customers:
 * @customers: customers this source has rows for
 * @unmatched: those of them that no other source has
 */
void
ts_source_info_set_customers (TsSourceInfo *self,
                              guint64       customers,
                              guint64       unmatched)
{
  self->customers = customers;
  self->unmatched = unmatched;
}

guint64
ts_source_info_get_customers (TsSourceInfo *self)
{
  return self->customers;
}

guint64
ts_source_info_get_unmatched (TsSourceInfo *self)
{
  return self->unmatched;
}

void
ts_source_info_set_column (TsSourceInfo *self,
                           const char   *column,
                           TsTable       table,
                           const char   *field,
                           const char   *detail)
{
  ColumnMap m = { g_strdup (column), table, g_strdup (field), g_strdup (detail) };
  g_array_append_val (self->columns, m);
}

void
ts_source_info_add_note (TsSourceInfo *self,
                         const char   *note)
{
  g_ptr_array_add (self->notes, g_strdup (note));
}

GPtrArray *
ts_source_info_get_notes (TsSourceInfo *self)
{
  return self->notes;
}

void
ts_source_info_set_detail (TsSourceInfo *self,
                           const char   *key,
                           const char   *value)
{
  for (guint i = 0; i < self->detail_keys->len; i++)
    if (g_str_equal (self->detail_keys->pdata[i], key))
      {
        g_free (self->detail_values->pdata[i]);
        self->detail_values->pdata[i] = g_strdup (value);
        return;
      }
  g_ptr_array_add (self->detail_keys, g_strdup (key));
  g_ptr_array_add (self->detail_values, g_strdup (value));
}

const char *
ts_source_info_get_detail (TsSourceInfo *self,
                           const char   *key)
{
  for (guint i = 0; i < self->detail_keys->len; i++)
    if (g_str_equal (self->detail_keys->pdata[i], key))
      return self->detail_values->pdata[i];
  return NULL;
}

JsonNode *
ts_source_info_to_json (TsSourceInfo *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, self->path);
  json_builder_set_member_name (b, "plugin");
  json_builder_add_string_value (b, self->plugin_id);

  json_builder_set_member_name (b, "tables");
  json_builder_begin_array (b);
  for (guint t = 0; t < TS_N_TABLES; t++)
    if (self->tables & (1u << t))
      json_builder_add_string_value (b, ts_table_get_name ((TsTable) t));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "rows");
  json_builder_begin_object (b);
  for (guint t = 0; t < TS_N_TABLES; t++)
    if (self->tables & (1u << t))
      {
        json_builder_set_member_name (b, ts_table_get_name ((TsTable) t));
        json_builder_add_int_value (b, (gint64) self->rows[t]);
      }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "records");
  json_builder_add_int_value (b, (gint64) ts_source_info_get_records (self));
  json_builder_set_member_name (b, "dropped");
  json_builder_begin_object (b);
  for (guint r = 0; r < TS_N_DROP_REASONS; r++)
    {
      json_builder_set_member_name (b, ts_drop_reason_to_string ((TsDropReason) r));
      json_builder_add_int_value (b, (gint64) self->dropped[r]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "customers");
  json_builder_add_int_value (b, (gint64) self->customers);
  json_builder_set_member_name (b, "unmatched_customers");
  json_builder_add_int_value (b, (gint64) self->unmatched);

  for (guint i = 0; i < self->detail_keys->len; i++)
    {
      json_builder_set_member_name (b, self->detail_keys->pdata[i]);
      json_builder_add_string_value (b, self->detail_values->pdata[i]);
    }

  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->columns->len; i++)
    {
      const ColumnMap *m = &g_array_index (self->columns, ColumnMap, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "column");
      json_builder_add_string_value (b, m->column);
      json_builder_set_member_name (b, "table");
      json_builder_add_string_value (b, ts_table_get_name (m->table));
      json_builder_set_member_name (b, "field");
      if (m->field)
        json_builder_add_string_value (b, m->field);
      else
        json_builder_add_null_value (b);
      if (m->detail)
        {
          json_builder_set_member_name (b, "detail");
          json_builder_add_string_value (b, m->detail);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->notes->len; i++)
    json_builder_add_string_value (b, self->notes->pdata[i]);
  json_builder_end_array (b);

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * ts_source_info_describe:
 *
 * Returns: a few lines for people: tables, rows, the column mapping.
 */
char *
ts_source_info_describe (TsSourceInfo *self)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s  [%s]\n", self->path, self->plugin_id);
  for (guint t = 0; t < TS_N_TABLES; t++)
    if (self->tables & (1u << t))
      /* Translators: a canonical table's name and its rows: "  → events: 627 rows" */
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "  → %s: %" PRIu64 " row\n",
                                              "  → %s: %" PRIu64 " rows\n", self->rows[t]),
                              ts_table_get_name ((TsTable) t), self->rows[t]);
  {
    guint64 dropped = 0;
    for (guint r = 0; r < TS_N_DROP_REASONS; r++)
      dropped += self->dropped[r];
    if (dropped > 0)
      g_string_append_printf (s, _("    %" PRIu64 " records: %" PRIu64 " duplicates, "
                                   "%" PRIu64 " without a customer, %" PRIu64 " unreadable, not kept\n"),
                              ts_source_info_get_records (self), self->dropped[TS_DROP_DUPLICATE],
                              self->dropped[TS_DROP_NO_IDENTITY], self->dropped[TS_DROP_UNPARSEABLE]);
    if (self->customers > 0)
      g_string_append_printf (s, _("    %" PRIu64 " customers, %" PRIu64 " of them in no other source\n"),
                              self->customers, self->unmatched);
  }
  for (guint i = 0; i < self->detail_keys->len; i++)
    g_string_append_printf (s, "    %s: %s\n", (char *) self->detail_keys->pdata[i],
                            (char *) self->detail_values->pdata[i]);
  for (guint i = 0; i < self->columns->len; i++)
    {
      const ColumnMap *m = &g_array_index (self->columns, ColumnMap, i);

      if (m->field)
        g_string_append_printf (s, "    %-24s → %s.%s%s%s%s\n", m->column,
                                ts_table_get_name (m->table), m->field,
                                m->detail ? " (" : "", m->detail ? m->detail : "",
                                m->detail ? ")" : "");
      else
        g_string_append_printf (s, "    %-24s   %s\n", m->column,
                                m->detail ? m->detail : _("(not used)"));
    }
  for (guint i = 0; i < self->notes->len; i++)
    g_string_append_printf (s, "    ! %s\n", (char *) self->notes->pdata[i]);

  return g_string_free (s, FALSE);
}

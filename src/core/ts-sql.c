/* ts-sql.c — the canonical tables as CSV files, and the playbook as SQL
 *
 * Past one machine a warehouse scores the customers: it loads exactly
 * what Touchstone saw (ts_sql_write_tables(): a CSV per canonical table
 * and schema.sql) and runs the playbook compiled to SQL
 * (ts_sql_compile_playbook()).  The SQL is compiled from the same
 * expression trees the C engine evaluates, and it reproduces the engine's
 * arithmetic step by step, in the same order, so that a test can hold the
 * two to the same numbers (tests/plugins/test-sql.c; docs/sql.md).
 *
 * The tables, as the CSV files write them:
 *
 *   a header row of the schema's field names, in order (ts-schema.c); an
 *   empty field is null, an empty string is written "" ; times are ISO
 *   8601 in UTC, with six digits of microseconds when there are any
 *   (2025-06-30T14:00:00Z, 2025-06-30T14:00:00.250000Z); numbers are the
 *   shortest text that reads back to the same double; booleans are true
 *   and false; consent granted and denied; event properties their JSON
 *   text.  Fields are quoted as RFC 4180 says, only when they must be.
 *
 * The conditions have two values, where SQL has three: a comparison with
 * nothing is false (not unknown), `== null` asks whether a value is
 * nothing, and `not` of a false comparison is true.  Every comparison is
 * compiled null-safe, and every truth is made 0 or 1 before `not`, `and`
 * and `or` see it.  Times are microseconds since the epoch, integers, as
 * in the engine, so that windows and ages are exact.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-sql"
#define TS_CORE_COMPILATION

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ts-csv-reader.h"
#include "ts-record-private.h"
#include "ts-sql.h"
#include "ts-timestamp.h"

#define DAY_US G_GINT64_CONSTANT (86400000000)

G_DEFINE_QUARK (ts-sql-error-quark, ts_sql_error)

static const char *const dialect_names[] = { "sqlite", "duckdb", "postgres", "spark", "bigquery" };

G_STATIC_ASSERT (G_N_ELEMENTS (dialect_names) == TS_SQL_BIGQUERY + 1);

gboolean
ts_sql_dialect_from_string (const char   *name,
                            TsSqlDialect *dialect)
{
  for (guint i = 0; name && i < G_N_ELEMENTS (dialect_names); i++)
    if (g_ascii_strcasecmp (name, dialect_names[i]) == 0)
      {
        *dialect = (TsSqlDialect) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ts_sql_dialect_to_string (TsSqlDialect dialect)
{
  g_return_val_if_fail (dialect <= TS_SQL_BIGQUERY, NULL);
  return dialect_names[dialect];
}

/* Only SQLite is compiled and proven equal so far; the others are named so
 * that scripts can ask for them and hear why not. */
static gboolean
check_dialect (TsSqlDialect   dialect,
               GError       **error)
{
  if (dialect == TS_SQL_SQLITE)
    return TRUE;
  g_set_error (error, TS_SQL_ERROR, TS_SQL_ERROR_UNSUPPORTED,
               _("the %s dialect is not compiled yet; sqlite is"), ts_sql_dialect_to_string (dialect));
  return FALSE;
}

/* the shortest text that reads back as @v: 0.1, not 0.10000000000000001 */
static void
append_double (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      g_ascii_formatd (buf, sizeof buf, digits == 15 ? "%.15g" : digits == 16 ? "%.16g" : "%.17g", v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (s, buf);
}

/* ------------------------------------------------------------------ */
/* The tables as CSV                                                   */
/* ------------------------------------------------------------------ */

static void
append_csv_text (GString    *s,
                 const char *text)
{
  if (text == NULL)
    return;
  /* an empty string quoted, so that a reader does not take it for null */
  if (*text == '\0')
    g_string_append (s, "\"\"");
  else
    ts_csv_append_field (s, text);
}

static void
append_csv_field (GString     *s,
                  TsDataset   *dataset,
                  TsTable      table,
                  guint        field,
                  gconstpointer column,
                  guint        row)
{
  const TsFieldInfo *info = ts_table_get_field (table, field);

  /* the fact tables' customer column holds rows of the customers table */
  if (field == 0 && table != TS_TABLE_CUSTOMERS)
    {
      append_csv_text (s, ts_dataset_get_customer_id (dataset, ((const guint32 *) column)[row]));
      return;
    }
  switch (info->type)
    {
    case TS_FIELD_TYPE_STRING:
    case TS_FIELD_TYPE_PROPERTIES:
      {
        guint32 id = ((const guint32 *) column)[row];
        if (id != TS_STR_NULL)
          append_csv_text (s, ts_dataset_get_string (dataset, id));
      }
      break;
    case TS_FIELD_TYPE_TIME:
      {
        g_autofree char *iso = ts_timestamp_format_iso (((const TsTime *) column)[row]);
        if (iso)
          g_string_append (s, iso);
      }
      break;
    case TS_FIELD_TYPE_NUMBER:
      {
        double v = ((const double *) column)[row];
        if (!isnan (v))
          append_double (s, v);
      }
      break;
    case TS_FIELD_TYPE_BOOLEAN:
      {
        guint8 b = ((const guint8 *) column)[row];
        if (b != TS_BOOL_UNKNOWN)
          g_string_append (s, b ? "true" : "false");
      }
      break;
    case TS_FIELD_TYPE_CONSENT:
      {
        guint8 c = ((const guint8 *) column)[row];
        if (c != TS_CONSENT_UNKNOWN)
          g_string_append (s, ts_consent_to_string (c));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* an error of the file system, from errno: "PATH: what failed: why" */
static gboolean G_GNUC_PRINTF (3, 4)
set_io_error (GError    **error,
              const char *path,
              const char *format,
              ...)
{
  int saved = errno;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s: %s", path, message, g_strerror (saved));
  return FALSE;
}

/* @buf onto @out, emptied */
static gboolean
flush (GOutputStream *out,
       GString       *buf,
       GCancellable  *cancellable,
       GError       **error)
{
  if (buf->len > 0 && !g_output_stream_write_all (out, buf->str, buf->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buf, 0);
  return TRUE;
}

/* One table into DIR/NAME.csv, streamed through GIO's replace (a
 * temporary file renamed over it on close): a reader never sees half a
 * table, and a failure leaves the old one. */
static gboolean
write_table (TsDataset    *dataset,
             TsTable       table,
             const char   *dir,
             GCancellable *cancellable,
             GError      **error)
{
  g_autofree char *name = g_strdup_printf ("%s.csv", ts_table_get_name (table));
  g_autoptr(GFile) file = g_file_new_build_filename (dir, name, NULL);
  g_autoptr(GString) buf = g_string_sized_new (1 << 16);
  g_autoptr(GFileOutputStream) stream = NULL;
  GOutputStream *out;
  gconstpointer columns[TS_MAX_ROW_FIELDS];
  guint n_fields = ts_table_get_n_fields (table);
  guint n_rows = ts_dataset_get_n_rows (dataset, table);
  gboolean ok = TRUE;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;
  out = G_OUTPUT_STREAM (stream);

  for (guint f = 0; f < n_fields; f++)
    {
      columns[f] = ts_dataset_get_column (dataset, table, f);
      g_string_append (buf, f ? "," : "");
      g_string_append (buf, ts_table_get_field (table, f)->name);
    }
  g_string_append (buf, "\r\n");

  for (guint row = 0; ok && row < n_rows; row++)
    {
      for (guint f = 0; f < n_fields; f++)
        {
          if (f)
            g_string_append_c (buf, ',');
          append_csv_field (buf, dataset, table, f, columns[f], row);
        }
      g_string_append (buf, "\r\n");
      if (buf->len >= (1 << 16))
        ok = flush (out, buf, cancellable, error);
    }
  ok = ok && flush (out, buf, cancellable, error);
  if (!ok)
    {
      /* closed cancelled: the temporary file goes, the old table stays */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (out, abandon, NULL);
      return FALSE;
    }
  return g_output_stream_close (out, cancellable, error);
}

/**
 * ts_sql_dup_schema:
 *
 * The DDL of the canonical tables, in types SQLite, DuckDB and PostgreSQL
 * all read: TEXT, and DOUBLE PRECISION for numbers.  Times stay text, ISO
 * 8601 in UTC as the CSV files hold them, and booleans the text true or
 * false, so that every engine loads the files as they are.
 *
 * Returns: (transfer full): schema.sql
 */
char *
ts_sql_dup_schema (void)
{
  GString *s = g_string_new ("-- The canonical tables of Touchstone, as `touchstone-cli export-tables` writes\n"
                             "-- them: one CSV file per table, a header row, an empty field is null.\n"
                             "-- Times are text, ISO 8601 in UTC (2025-06-30T14:00:00Z, with .ffffff\n"
                             "-- microseconds when there are any); booleans are true or false.\n");

  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      g_string_append_printf (s, "\nCREATE TABLE \"%s\" (\n", ts_table_get_name (t));
      for (guint f = 0; f < ts_table_get_n_fields (t); f++)
        {
          const TsFieldInfo *info = ts_table_get_field (t, f);
          const char *type = info->type == TS_FIELD_TYPE_NUMBER ? "DOUBLE PRECISION" : "TEXT";

          g_string_append_printf (s, "  \"%s\" %s%s\n", info->name, type,
                                  f + 1 < ts_table_get_n_fields (t) ? "," : "");
        }
      g_string_append (s, ");\n");
    }
  return g_string_free (s, FALSE);
}

/**
 * ts_sql_write_tables:
 * @dir: a folder, made when missing
 *
 * Writes every canonical table of @dataset into @dir as NAME.csv
 * (customers.csv, events.csv, …), and schema.sql with their DDL: exactly
 * what Touchstone saw, for a warehouse to load.  Each file is written
 * whole or not at all.
 */
gboolean
ts_sql_write_tables (TsDataset     *dataset,
                     const char    *dir,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *schema = NULL;
  g_autofree char *schema_path = NULL;

  g_return_val_if_fail (TS_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    return set_io_error (error, dir, _("cannot make the folder"));
  for (guint t = 0; t < TS_N_TABLES; t++)
    if (!write_table (dataset, t, dir, cancellable, error))
      return FALSE;
  schema = ts_sql_dup_schema ();
  schema_path = g_build_filename (dir, "schema.sql", NULL);
  return g_file_set_contents_full (schema_path, schema, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/* ------------------------------------------------------------------ */
/* Conditions                                                          */
/* ------------------------------------------------------------------ */

static void
append_string_literal (GString    *s,
                       const char *text)
{
  g_string_append_c (s, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (s, '\'');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '\'');
}

static void
append_identifier (GString    *s,
                   const char *prefix,
                   const char *name)
{
  g_string_append_c (s, '"');
  g_string_append (s, prefix);
  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

/* a number SQL reads as a double: 7.0, not the integer 7 */
static void
append_real (GString *s,
             double   v)
{
  gsize start = s->len;

  append_double (s, v);
  if (strpbrk (s->str + start, ".eEn") == NULL)
    g_string_append (s, ".0");
}

typedef struct
{
  TsSqlNameFunc  names;
  gpointer       data;
  GError       **error;
} Compiler;

static gboolean compile_value (Compiler *cc, const TsExpr *e, GString *s);

static gboolean
is_truth (const TsExpr *e)
{
  /* the kinds from `and` to `not in` are the logic and the comparisons */
  return e->kind == TS_EXPR_BOOLEAN || e->kind == TS_EXPR_NOT ||
         (e->kind >= TS_EXPR_AND && e->kind <= TS_EXPR_NOT_IN);
}

/* a truth that is 0 or 1, never null: nothing counts as false */
static gboolean
compile_truth (Compiler     *cc,
               const TsExpr *e,
               GString      *s)
{
  if (is_truth (e))
    return compile_value (cc, e, s);
  g_string_append (s, "COALESCE(");
  if (!compile_value (cc, e, s))
    return FALSE;
  g_string_append (s, ", 0)");
  return TRUE;
}

/* OPEN a MIDDLE b CLOSE, with a and b as truths or as values */
static gboolean
compile_pair (Compiler     *cc,
              const TsExpr *e,
              GString      *s,
              const char   *open,
              const char   *middle,
              const char   *close,
              gboolean      truths)
{
  g_string_append (s, open);
  if (!(truths ? compile_truth : compile_value) (cc, e->children[0], s))
    return FALSE;
  g_string_append (s, middle);
  if (!(truths ? compile_truth : compile_value) (cc, e->children[1], s))
    return FALSE;
  g_string_append (s, close);
  return TRUE;
}

static gboolean
compile_value (Compiler     *cc,
               const TsExpr *e,
               GString      *s)
{
  static const char *const order_ops[] = { " < ", " <= ", " > ", " >= " };

  switch (e->kind)
    {
    case TS_EXPR_NUMBER:
    case TS_EXPR_DURATION:
      append_real (s, e->number);
      return TRUE;
    case TS_EXPR_STRING:
      append_string_literal (s, e->string);
      return TRUE;
    case TS_EXPR_BOOLEAN:
      g_string_append (s, e->number != 0 ? "1" : "0");
      return TRUE;
    case TS_EXPR_NULL:
      g_string_append (s, "NULL");
      return TRUE;
    case TS_EXPR_NAME:
      {
        g_autofree char *sql = cc->names (e->string, cc->data);

        if (sql == NULL)
          {
            g_set_error (cc->error, TS_SQL_ERROR, TS_SQL_ERROR_UNKNOWN_NAME,
                         _("column %u: unknown name “%s”"), e->column, e->string);
            return FALSE;
          }
        g_string_append (s, sql);
        return TRUE;
      }
    case TS_EXPR_LIST:
      g_set_error (cc->error, TS_SQL_ERROR, TS_SQL_ERROR_UNSUPPORTED,
                   _("column %u: a list can only follow “in”"), e->column);
      return FALSE;
    case TS_EXPR_NOT:
      g_string_append (s, "(NOT ");
      if (!compile_truth (cc, e->children[0], s))
        return FALSE;
      g_string_append_c (s, ')');
      return TRUE;
    case TS_EXPR_AND:
    case TS_EXPR_OR:
      return compile_pair (cc, e, s, "(", e->kind == TS_EXPR_AND ? " AND " : " OR ", ")", TRUE);
    case TS_EXPR_EQ:
    case TS_EXPR_NE:
      /* null-safe: `x == null` asks whether x is nothing */
      return compile_pair (cc, e, s, "(", e->kind == TS_EXPR_EQ ? " IS " : " IS NOT ", ")", FALSE);
    case TS_EXPR_LT:
    case TS_EXPR_LE:
    case TS_EXPR_GT:
    case TS_EXPR_GE:
      /* an order with nothing is false */
      return compile_pair (cc, e, s, "COALESCE(", order_ops[e->kind - TS_EXPR_LT], ", 0)", FALSE);
    case TS_EXPR_IN:
    case TS_EXPR_NOT_IN:
      {
        const TsExpr *list = e->children[1];
        g_autoptr(GString) value = g_string_new (NULL);

        if (!compile_value (cc, e->children[0], value))
          return FALSE;
        /* each element null-safe, as `==` */
        g_string_append (s, e->kind == TS_EXPR_IN ? "(0" : "(NOT (0");
        for (guint i = 0; i < list->n_children; i++)
          {
            g_string_append_printf (s, " OR %s IS ", value->str);
            if (!compile_value (cc, list->children[i], s))
              return FALSE;
          }
        g_string_append (s, e->kind == TS_EXPR_IN ? ")" : "))");
        return TRUE;
      }
    case TS_EXPR_NEGATE:
      g_string_append (s, "(- ");
      if (!compile_value (cc, e->children[0], s))
        return FALSE;
      g_string_append_c (s, ')');
      return TRUE;
    case TS_EXPR_ADD:
    case TS_EXPR_SUB:
    case TS_EXPR_MUL:
      return compile_pair (cc, e, s, "(", e->kind == TS_EXPR_ADD ? " + " : e->kind == TS_EXPR_SUB ? " - " : " * ",
                           ")", FALSE);
    case TS_EXPR_DIV:
      /* a division of doubles, never of integers; by zero, nothing */
      return compile_pair (cc, e, s, "(CAST(", " AS REAL) / NULLIF(", ", 0))", FALSE);
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/**
 * ts_expr_to_sql:
 * @names: gives the SQL of each name the condition uses
 *
 * Compiles a condition into a SQL expression that is 0 or 1 (never null),
 * true exactly when ts_expr_eval_bool() says it holds.
 *
 * Returns: (transfer full): the SQL, or %NULL when a name is unknown or
 *   the dialect not compiled yet
 */
char *
ts_expr_to_sql (const TsExpr  *expr,
                TsSqlDialect   dialect,
                TsSqlNameFunc  names,
                gpointer       user_data,
                GError       **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  Compiler cc = { names, user_data, error };

  g_return_val_if_fail (expr != NULL, NULL);
  g_return_val_if_fail (names != NULL, NULL);

  if (!check_dialect (dialect, error) || !compile_truth (&cc, expr, s))
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ------------------------------------------------------------------ */
/* The playbook                                                        */
/* ------------------------------------------------------------------ */

/* A time of the tables, ISO 8601 text, as microseconds since the epoch:
 * whole seconds from unixepoch(), then the six digits after the point
 * that export-tables writes when there are any. */
static void
append_micros (GString    *s,
               const char *field)
{
  g_string_append_printf (s, "(unixepoch(\"%s\") * 1000000 + CAST(substr(\"%s\", 21, 6) AS INTEGER))",
                          field, field);
}

/* a time field of a record, null from the moment on (ts-record.c) */
static char *
visible_time (const char *field)
{
  return g_strdup_printf ("(CASE WHEN r.\"%s\" < a.t THEN r.\"%s\" END)", field, field);
}

/* The names a signal's filter reads, over `r` (the table's rows, times in
 * microseconds) and `a` (the moment): as _ts_record_resolve() gives them. */
static char *
record_name_sql (const char *name,
                 gpointer    user_data)
{
  TsTable table = GPOINTER_TO_INT (user_data);
  const TsFieldInfo *info;
  int f;

  if (!_ts_record_name_known (table, name))
    return NULL;
  if (table == TS_TABLE_CASES)
    {
      g_autofree char *opened = visible_time ("opened_at");
      g_autofree char *closed = visible_time ("closed_at");
      g_autofree char *end = NULL;

      if (g_str_equal (name, "open"))
        return g_strdup_printf ("(CASE WHEN %s IS NOT NULL AND %s IS NULL THEN 1 ELSE 0 END)", opened, closed);
      if (g_str_equal (name, "hours_to_first_response"))
        end = visible_time ("first_response_at");
      else if (g_str_equal (name, "hours_to_close"))
        end = g_strdup (closed);
      else if (g_str_equal (name, "hours_open"))
        end = g_strdup_printf ("COALESCE(%s, a.t)", closed);
      if (end)
        return g_strdup_printf ("(CASE WHEN %s >= %s THEN (%s - %s) / 3600000000.0 END)",
                                end, opened, end, opened);
    }
  if (g_str_has_prefix (name, "properties."))
    {
      g_autofree char *path = g_strdup_printf ("$.\"%s\"", name + strlen ("properties."));
      g_autoptr(GString) s = g_string_new ("(CASE WHEN json_valid(r.\"properties\") THEN json_extract(r.\"properties\", ");

      /* text that is not a JSON object has no members */
      append_string_literal (s, path);
      g_string_append (s, ") END)");
      return g_string_free (g_steal_pointer (&s), FALSE);
    }

  f = ts_table_find_field (table, name);
  info = ts_table_get_field (table, f);
  /* a status recorded after the moment is not known at it */
  if (table == TS_TABLE_CASES && f == TS_CASE_STATUS)
    return g_strdup ("(CASE WHEN r.\"closed_at\" >= a.t THEN NULL ELSE r.\"status\" END)");
  switch (info->type)
    {
    case TS_FIELD_TYPE_TIME:
      {
        g_autofree char *t = visible_time (info->name);
        return g_strdup_printf ("(%s / 1000000.0)", t);
      }
    case TS_FIELD_TYPE_BOOLEAN:
      return g_strdup_printf ("(CASE r.\"%s\" WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)", info->name);
    case TS_FIELD_TYPE_STRING:
    case TS_FIELD_TYPE_NUMBER:
    case TS_FIELD_TYPE_CONSENT:
    case TS_FIELD_TYPE_PROPERTIES:
    default:
      return g_strdup_printf ("r.\"%s\"", info->name);
    }
}

/* The names a route's conditions read, over the scored customers: as
 * _ts_moment_resolve() gives them. */
static char *
moment_name_sql (const char *name,
                 gpointer    user_data)
{
  TsPlaybook *playbook = user_data;
  const char *field = NULL;
  g_autoptr(GString) s = NULL;
  int f;

  if (g_str_equal (name, "score") || g_str_equal (name, "band"))
    return g_strdup (name);
  if (ts_playbook_find_signal (playbook, name) >= 0)
    {
      s = g_string_new (NULL);
      append_identifier (s, "value_", name);
      return g_string_free (g_steal_pointer (&s), FALSE);
    }
  if (g_str_equal (name, "stage"))
    field = "stage";
  else if (g_str_has_prefix (name, "customer."))
    field = name + strlen ("customer.");
  if (field == NULL || (f = ts_table_find_field (TS_TABLE_CUSTOMERS, field)) < 0)
    return NULL;
  field = ts_table_get_field (TS_TABLE_CUSTOMERS, f)->name;
  if (ts_table_get_field (TS_TABLE_CUSTOMERS, f)->type == TS_FIELD_TYPE_TIME)
    return g_strdup_printf ("(CASE WHEN \"%s\" < ts_t THEN \"%s\" / 1000000.0 END)", field, field);
  return g_strdup_printf ("\"%s\"", field);
}

/* ts_NAME: the table, its times in microseconds */
static void
append_table_cte (GString *s,
                  TsTable  table)
{
  const char *name = ts_table_get_name (table);

  g_string_append_printf (s, "ts_%s AS (\n  SELECT ", name);
  for (guint f = 0; f < ts_table_get_n_fields (table); f++)
    {
      const TsFieldInfo *info = ts_table_get_field (table, f);

      if (f)
        g_string_append (s, ", ");
      if (info->type == TS_FIELD_TYPE_TIME)
        {
          append_micros (s, info->name);
          g_string_append (s, " AS ");
        }
      g_string_append_printf (s, "\"%s\"", info->name);
    }
  g_string_append_printf (s, "\n  FROM \"%s\"),\n", name);
}

/* The moment: given, or as ts_scorer_default_as_of() finds it — the
 * midnight (UTC) after the latest record, now when there is none. */
static void
append_as_of_cte (GString *s,
                  TsTime   as_of)
{
  static const TsTable tables[] = { TS_TABLE_EVENTS, TS_TABLE_CASES, TS_TABLE_TOUCHES, TS_TABLE_RESPONSES };

  if (as_of != TS_TIME_NULL)
    {
      g_autofree char *iso = ts_timestamp_format_iso (as_of);

      g_string_append_printf (s, "-- as of %s: records at or after it are not seen\n"
                                 "ts_as_of (t) AS (SELECT %" G_GINT64_FORMAT "),\n", iso, as_of);
      return;
    }
  g_string_append (s, "-- as of the midnight (UTC) after the latest record: all of it is seen\n"
                      "ts_latest (m) AS (\n  SELECT MAX(m) FROM (");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_string_append (s, i ? "\n    UNION ALL SELECT MAX(" : "\n    SELECT MAX(");
      append_micros (s, ts_table_get_field (tables[i], ts_table_get_time_field (tables[i]))->name);
      g_string_append_printf (s, ")%s FROM \"%s\"", i ? "" : " AS m", ts_table_get_name (tables[i]));
    }
  g_string_append_printf (s, ") AS latest),\n"
                             "ts_as_of (t) AS (\n"
                             "  SELECT CASE WHEN m IS NULL THEN (unixepoch('now') / 86400 + 1) * %1$" G_GINT64_FORMAT "\n"
                             "              WHEN m >= 0 THEN (m / %1$" G_GINT64_FORMAT " + 1) * %1$" G_GINT64_FORMAT "\n"
                             "              ELSE ((m - %1$" G_GINT64_FORMAT " + 1) / %1$" G_GINT64_FORMAT " + 1) * %1$" G_GINT64_FORMAT " END\n"
                             "  FROM ts_latest),\n", DAY_US);
}

/* ts_signal_I (customer_id, raw): the customers with records to measure */
static gboolean
append_signal_cte (GString        *s,
                   const TsSignal *sig,
                   guint           i,
                   GError        **error)
{
  const char *time = ts_table_get_field (sig->table, ts_table_get_time_field (sig->table))->name;
  g_autofree char *weight = NULL;
  g_autofree char *count = NULL;
  g_autofree char *filter = NULL;

  if (sig->filter &&
      (filter = ts_expr_to_sql (sig->filter, TS_SQL_SQLITE, record_name_sql,
                                GINT_TO_POINTER (sig->table), error)) == NULL)
    {
      g_prefix_error (error, "$.signals[%u].filter: ", i);
      return FALSE;
    }
  /* each record weighs 0.5^(age / half-life) when the signal decays */
  if (sig->half_life)
    {
      g_autoptr(GString) w = g_string_new ("power(2.0, -(a.t - r.\"");
      g_string_append_printf (w, "%s\") / ", time);
      append_real (w, (double) sig->half_life * G_USEC_PER_SEC);
      g_string_append_c (w, ')');
      weight = g_string_free (g_steal_pointer (&w), FALSE);
      count = g_strdup_printf ("SUM(%s)", weight);
    }
  else
    count = g_strdup ("COUNT(*)");

  g_string_append_printf (s, "-- $.signals[%u]: %s, %s of %s\n", i, sig->id,
                          ts_measure_to_string (sig->measure), ts_table_get_name (sig->table));
  g_string_append_printf (s, "ts_signal_%u (customer_id, raw) AS (\n  SELECT r.\"customer_id\", ", i);
  switch (sig->measure)
    {
    case TS_MEASURE_COUNT:
      g_string_append (s, count);
      break;
    case TS_MEASURE_EXISTS:
      g_string_append (s, "1");
      break;
    case TS_MEASURE_SUM:
      g_string_append_printf (s, "SUM(%s%sr.\"%s\")", weight ? weight : "", weight ? " * " : "",
                              ts_table_get_field (sig->table, sig->field)->name);
      break;
    case TS_MEASURE_RATE:
      /* per day of the window */
      g_string_append_printf (s, "%s / ", count);
      append_real (s, (double) sig->window / 86400.0);
      break;
    case TS_MEASURE_RECENCY:
      g_string_append_printf (s, "(a.t - MAX(r.\"%s\")) / 86400000000.0", time);
      break;
    default:
      g_assert_not_reached ();
    }
  /* before the moment, within the window */
  g_string_append_printf (s, "\n  FROM ts_%s AS r, ts_as_of AS a\n  WHERE r.\"%s\" < a.t",
                          ts_table_get_name (sig->table), time);
  if (sig->window)
    g_string_append_printf (s, " AND r.\"%s\" >= a.t - %" G_GINT64_FORMAT, time, sig->window * G_USEC_PER_SEC);
  if (filter)
    g_string_append_printf (s, "\n    AND %s", filter);
  g_string_append (s, "\n  GROUP BY r.\"customer_id\", a.t),\n");
  return TRUE;
}

/* normalised to 0..1 as the scorer's normalise(); never (null) is 1 */
static void
append_normalised (GString        *s,
                   const TsSignal *sig)
{
  g_autoptr(GString) raw = g_string_new (NULL);

  append_identifier (raw, "raw_", sig->id);
  g_string_append_printf (s, "CASE WHEN %s IS NULL THEN 1.0 ELSE MIN(MAX(", raw->str);
  switch (sig->normalise)
    {
    case TS_NORMALISE_CAP:
      g_string_append_printf (s, "%s / ", raw->str);
      append_real (s, sig->max);
      break;
    case TS_NORMALISE_LOG:
      g_string_append_printf (s, "ln(1.0 + MAX(%s, 0.0)) / ", raw->str);
      append_real (s, log1p (sig->max));
      break;
    case TS_NORMALISE_MINMAX:
    default:
      g_string_append_printf (s, "(%s - ", raw->str);
      append_real (s, sig->min);
      g_string_append (s, ") / ");
      append_real (s, sig->max - sig->min);
      break;
    }
  g_string_append (s, ", 0.0), 1.0) END");
}

/* what each signal gives, in the output's order: raw, value, points */
static void
append_signal_columns (GString    *s,
                       TsPlaybook *playbook)
{
  static const char *const prefixes[] = { "raw_", "value_", "points_" };

  for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
    for (guint i = 0; i < ts_playbook_get_n_signals (playbook); i++)
      {
        g_string_append (s, ", ");
        append_identifier (s, prefixes[p], ts_playbook_get_signal (playbook, i)->id);
      }
}

/**
 * ts_sql_compile_playbook:
 * @as_of: the moment, or %TS_TIME_NULL for the midnight after the latest
 *   record of the tables (as `touchstone-cli score` takes by default)
 *
 * Compiles @playbook into one SQL statement over the canonical tables (as
 * ts_sql_write_tables() writes them), a SELECT giving one row per customer:
 * `customer_id`, `score`, `band`, `route`, then each signal's `raw_ID`,
 * `value_ID` (normalised) and `points_ID`, ordered by customer_id.  It
 * computes what ts_scorer_run() and ts_decide() do, with the same
 * arithmetic.
 *
 * Returns: (transfer full): the script, or %NULL when the dialect is not
 *   compiled yet or a condition cannot be (the error names its JSON path)
 */
char *
ts_sql_compile_playbook (TsPlaybook    *playbook,
                         TsSqlDialect   dialect,
                         TsTime         as_of,
                         GError       **error)
{
  g_autoptr(GString) s = NULL;
  guint n_signals, n_bands, n_routes;
  gboolean used[TS_N_TABLES] = { FALSE, };
  double total = 0;

  g_return_val_if_fail (playbook != NULL, NULL);

  if (!check_dialect (dialect, error))
    return NULL;

  n_signals = ts_playbook_get_n_signals (playbook);
  n_bands = ts_playbook_get_n_bands (playbook);
  n_routes = ts_playbook_get_n_routes (playbook);
  s = g_string_new ("-- Touchstone's playbook as SQL for SQLite (3.38 or later, with its math\n"
                    "-- functions: ln, power), over the tables of `touchstone-cli export-tables`\n"
                    "-- (schema.sql).  One row per customer: its score, band and route, and each\n"
                    "-- signal's raw measure, normalised value and points.  Times are microseconds\n"
                    "-- since the epoch, as in the C engine.\n"
                    "WITH\n");
  append_as_of_cte (s, as_of);

  used[TS_TABLE_CUSTOMERS] = TRUE;
  for (guint i = 0; i < n_signals; i++)
    {
      used[ts_playbook_get_signal (playbook, i)->table] = TRUE;
      total += ts_playbook_get_signal (playbook, i)->weight;
    }
  for (guint t = 0; t < TS_N_TABLES; t++)
    if (used[t])
      append_table_cte (s, t);
  for (guint i = 0; i < n_signals; i++)
    if (!append_signal_cte (s, ts_playbook_get_signal (playbook, i), i, error))
      return NULL;

  /* every customer, with nothing measured as 0 (recency: never, null) */
  g_string_append (s, "ts_raw AS (\n  SELECT c.*, a.t AS ts_t");
  for (guint i = 0; i < n_signals; i++)
    {
      const TsSignal *sig = ts_playbook_get_signal (playbook, i);

      g_string_append_printf (s, sig->measure == TS_MEASURE_RECENCY ? ",\n    s%u.raw AS " : ",\n    COALESCE(s%u.raw, 0) AS ", i);
      append_identifier (s, "raw_", sig->id);
    }
  g_string_append (s, "\n  FROM ts_customers AS c CROSS JOIN ts_as_of AS a");
  for (guint i = 0; i < n_signals; i++)
    g_string_append_printf (s, "\n  LEFT JOIN ts_signal_%u AS s%u ON s%u.customer_id = c.\"customer_id\"", i, i, i);
  g_string_append (s, "),\n");

  g_string_append (s, "ts_value AS (\n  SELECT *");
  for (guint i = 0; i < n_signals; i++)
    {
      const TsSignal *sig = ts_playbook_get_signal (playbook, i);

      g_string_append (s, ",\n    ");
      append_normalised (s, sig);
      g_string_append (s, " AS ");
      append_identifier (s, "value_", sig->id);
    }
  g_string_append (s, "\n  FROM ts_raw),\n");

  /* 100 · wᵢ · vᵢ / Σ w, in the scorer's order of operations */
  g_string_append (s, "ts_points AS (\n  SELECT *");
  for (guint i = 0; i < n_signals; i++)
    {
      const TsSignal *sig = ts_playbook_get_signal (playbook, i);

      g_string_append (s, ",\n    100.0 * ");
      append_real (s, sig->weight);
      g_string_append (s, " * ");
      append_identifier (s, "value_", sig->id);
      g_string_append (s, " / ");
      append_real (s, total);
      g_string_append (s, " AS ");
      append_identifier (s, "points_", sig->id);
    }
  g_string_append (s, "\n  FROM ts_value),\n");

  g_string_append (s, "ts_score AS (\n  SELECT *, ");
  for (guint i = 0; i < n_signals; i++)
    {
      if (i)
        g_string_append (s, " + ");
      append_identifier (s, "points_", ts_playbook_get_signal (playbook, i)->id);
    }
  g_string_append (s, n_signals ? " AS score\n  FROM ts_points),\n" : "0.0 AS score\n  FROM ts_points),\n");

  /* the last band whose minimum the score reaches, else the first */
  g_string_append (s, "ts_band AS (\n  SELECT *, CASE");
  for (guint i = n_bands - 1; i >= 1 && i < n_bands; i--)
    {
      const TsBand *band = ts_playbook_get_band (playbook, i);

      g_string_append (s, "\n    WHEN score >= ");
      append_real (s, band->min);
      g_string_append (s, " THEN ");
      append_string_literal (s, band->id);
    }
  g_string_append (s, "\n    ELSE ");
  append_string_literal (s, ts_playbook_get_band (playbook, 0)->id);
  g_string_append (s, " END AS band\n  FROM ts_score)\n");

  /* the first route whose `when` (and readiness) holds */
  g_string_append (s, "SELECT \"customer_id\", score, band,\n  CASE");
  for (guint i = 0; i < n_routes; i++)
    {
      const TsRoute *r = ts_playbook_get_route (playbook, i);
      const TsExpr *conditions[] = { r->when, r->readiness };
      const char *const members[] = { "when", "readiness" };

      g_string_append (s, "\n    WHEN 1");
      for (guint k = 0; k < G_N_ELEMENTS (conditions); k++)
        {
          g_autofree char *sql = NULL;

          if (conditions[k] == NULL)
            continue;
          sql = ts_expr_to_sql (conditions[k], dialect, moment_name_sql, playbook, error);
          if (sql == NULL)
            {
              g_prefix_error (error, "$.routes[%u].%s: ", i, members[k]);
              return NULL;
            }
          g_string_append_printf (s, " AND %s", sql);
        }
      g_string_append (s, " THEN ");
      append_string_literal (s, r->id);
    }
  g_string_append (s, "\n  END AS route");
  append_signal_columns (s, playbook);
  g_string_append (s, "\nFROM ts_band\nORDER BY \"customer_id\";\n");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

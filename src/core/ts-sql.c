/* ts-sql.c — the canonical tables as CSV files, and the playbook as SQL
 *
 * Past one machine a warehouse scores the customers: it loads exactly
 * what Touchstone saw (ts_sql_write_tables(): a CSV per canonical table
 * and schema.sql) and runs the playbook compiled to SQL
 * (ts_sql_compile_playbook()).  The SQL is compiled from the same
 * expression trees the C engine evaluates, and it reproduces the engine's
 * arithmetic step by step, in the same order, so that a test can hold the
 * two to the same numbers (tests/plugins/test-sql.c; docs/sql.md).
 * Beside the score it gives the guardrails' verdicts on each customer's
 * route, as _ts_guardrails_check() reaches them.
 *
 * Five dialects (the Dialect table below): SQLite, DuckDB, PostgreSQL,
 * Spark SQL and BigQuery, each with its own way of reading the ISO times,
 * of null-safe equality, of truths (SQLite's 1 and 0, the others' TRUE and
 * FALSE), of double literals, integer division, quoting and JSON.
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

/* What a dialect writes its own way; the rest is the SQL they share. */
typedef struct
{
  TsSqlDialect  id;
  const char   *title;         /* the engine, for the script's first line */
  char          quote;         /* around identifiers */
  gboolean      booleans;      /* truths are TRUE and FALSE (SQLite's: 1 and 0) */
  const char   *is;            /* null-safe equality of two values ($1 and $2) */
  const char   *is_not;
  const char   *real;          /* a double literal, from its text */
  const char   *double_type;
  const char   *int_type;
  const char   *least;         /* of two values, neither ever null here */
  const char   *greatest;
  const char   *div;           /* integer division, towards zero as C's (Spark's
                                * `div` is not read by every parser: the
                                * double quotient, exact enough for times,
                                * cast) */
  const char   *mod;
  const char   *micros;        /* a column of ISO 8601 text as microseconds since the epoch */
  const char   *now_seconds;   /* whole seconds since the epoch, now */
} Dialect;

static const Dialect dialects[] = {
  { TS_SQL_SQLITE, "SQLite (3.38 or later, with its math functions ln and power)", '"', FALSE,
    "($1 IS $2)", "($1 IS NOT $2)", "$1", "REAL", "INTEGER", "MIN", "MAX", "($1 / $2)", "($1 % $2)",
    "(unixepoch($1) * 1000000 + CAST(substr($1, 21, 6) AS INTEGER))", "unixepoch('now')" },
  { TS_SQL_DUCKDB, "DuckDB (1.1 or later)", '"', TRUE,
    "($1 IS NOT DISTINCT FROM $2)", "($1 IS DISTINCT FROM $2)", "CAST($1 AS DOUBLE)", "DOUBLE", "BIGINT",
    "LEAST", "GREATEST", "($1 // $2)", "($1 % $2)", "epoch_us(CAST($1 AS TIMESTAMP))",
    "(epoch_us(now()) // 1000000)" },
  { TS_SQL_POSTGRES, "PostgreSQL (14 or later)", '"', TRUE,
    "($1 IS NOT DISTINCT FROM $2)", "($1 IS DISTINCT FROM $2)", "CAST($1 AS DOUBLE PRECISION)",
    "DOUBLE PRECISION", "BIGINT", "LEAST", "GREATEST", "($1 / $2)", "($1 % $2)",
    "CAST(EXTRACT(EPOCH FROM CAST($1 AS TIMESTAMPTZ)) * 1000000 AS BIGINT)",
    "CAST(FLOOR(EXTRACT(EPOCH FROM now())) AS BIGINT)" },
  { TS_SQL_SPARK, "Spark SQL (3.1 or later)", '`', TRUE,
    "COALESCE($1 = $2, $1 IS NULL AND $2 IS NULL)", "(NOT COALESCE($1 = $2, $1 IS NULL AND $2 IS NULL))",
    "CAST($1 AS DOUBLE)", "DOUBLE", "BIGINT", "LEAST", "GREATEST", "CAST($1 / $2 AS BIGINT)", "($1 % $2)", "unix_micros(to_timestamp($1))", "unix_seconds(current_timestamp())" },
  { TS_SQL_BIGQUERY, "BigQuery (GoogleSQL)", '`', TRUE,
    "COALESCE($1 = $2, $1 IS NULL AND $2 IS NULL)", "(NOT COALESCE($1 = $2, $1 IS NULL AND $2 IS NULL))",
    "$1", "FLOAT64", "INT64", "LEAST", "GREATEST",
    "DIV($1, $2)", "MOD($1, $2)", "UNIX_MICROS(TIMESTAMP($1))", "UNIX_SECONDS(CURRENT_TIMESTAMP())" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (dialects) == TS_SQL_BIGQUERY + 1);

/* TEMPLATE with $1 and $2 replaced by @a and @b */
static void
append_template (GString    *s,
                 const char *template,
                 const char *a,
                 const char *b)
{
  for (const char *p = template; *p; p++)
    {
      if (p[0] == '$' && (p[1] == '1' || p[1] == '2'))
        {
          g_string_append (s, *++p == '1' ? a : b);
          continue;
        }
      g_string_append_c (s, *p);
    }
}

/* TEMPLATE with $1 and $2 replaced, newly allocated */
static char *
fill (const char *template,
      const char *a,
      const char *b)
{
  GString *s = g_string_new (NULL);

  append_template (s, template, a, b);
  return g_string_free (s, FALSE);
}

static const Dialect *
get_dialect (TsSqlDialect dialect)
{
  g_assert (dialect <= TS_SQL_BIGQUERY && dialects[dialect].id == dialect);
  return &dialects[dialect];
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
 * The DDL of the canonical tables and of zones, in types SQLite, DuckDB
 * and PostgreSQL all read: TEXT, and DOUBLE PRECISION for numbers.  Times stay text, ISO
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
  g_string_append (s, "\n-- Each time zone the customers name, as Touchstone reads it: its offset from\n"
                      "-- UTC, in seconds, from starts_at (null: always) until ends_at (null: ever).\n"
                      "CREATE TABLE \"zones\" (\n"
                      "  \"time_zone\" TEXT,\n"
                      "  \"starts_at\" TEXT,\n"
                      "  \"ends_at\" TEXT,\n"
                      "  \"utc_offset\" DOUBLE PRECISION\n"
                      ");\n");
  return g_string_free (s, FALSE);
}

/* A time zone's offset at @t, seconds since the epoch: as
 * g_date_time_to_timezone() finds it. */
static gint32
offset_at (GTimeZone *zone,
           gint64     t)
{
  return g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, t));
}

static int
compare_strings (const char **a,
                        const char **b)
{
  return strcmp (*a, *b);
}

static void
append_zone_row (GString    *s,
                 const char *name,
                 gint64      starts,
                 gint64      ends,
                 gint32      offset)
{
  append_csv_text (s, name);
  g_string_append_c (s, ',');
  if (starts != G_MININT64)
    {
      g_autofree char *iso = ts_timestamp_format_iso (starts * G_USEC_PER_SEC);
      g_string_append (s, iso);
    }
  g_string_append_c (s, ',');
  if (ends != G_MAXINT64)
    {
      g_autofree char *iso = ts_timestamp_format_iso (ends * G_USEC_PER_SEC);
      g_string_append (s, iso);
    }
  g_string_append_printf (s, ",%d\r\n", (int) offset);
}

/* Each span of @zone's one offset from 1970 to 2100, found a day at a
 * time and to the second by halving; the first from always, the last
 * for ever. */
static void
append_zone_rows (GString    *s,
                  const char *name,
                  GTimeZone  *zone)
{
  const gint64 first = 0, last = G_GINT64_CONSTANT (4102444800);  /* 1970 and 2100, January 1 */
  gint64 starts = G_MININT64;
  gint32 offset = offset_at (zone, first);

  for (gint64 t = first + 86400; t <= last; t += 86400)
    {
      gint32 o = offset_at (zone, t);
      gint64 lo = t - 86400, hi = t;

      if (o == offset)
        continue;
      while (hi - lo > 1)
        {
          gint64 mid = lo + (hi - lo) / 2;

          if (offset_at (zone, mid) == offset)
            lo = mid;
          else
            hi = mid;
        }
      append_zone_row (s, name, starts, hi, offset);
      starts = hi;
      offset = offset_at (zone, hi);
      t = hi;
    }
  append_zone_row (s, name, starts, G_MAXINT64, offset);
}

/* DIR/zones.csv: the offsets of every time zone the customers name that
 * Touchstone knows, so that an engine without a zone database of its own
 * sees each customer's hour as the quiet hours do. */
static gboolean
write_zones (TsDataset   *dataset,
             const char  *dir,
             GError     **error)
{
  const TsCustomers *c = ts_dataset_get_customers (dataset);
  guint n = ts_dataset_get_n_rows (dataset, TS_TABLE_CUSTOMERS);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) s = g_string_new ("time_zone,starts_at,ends_at,utc_offset\r\n");
  g_autofree char *path = g_build_filename (dir, "zones.csv", NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *name = ts_dataset_get_string (dataset, c->timezone[i]);

      if (name && *name && g_hash_table_add (seen, (gpointer) name))
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_sort (names, (GCompareFunc) compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (names->pdata[i]);

      if (zone)
        append_zone_rows (s, names->pdata[i], zone);
    }
  return g_file_set_contents_full (path, s->str, s->len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/**
 * ts_sql_write_tables:
 * @dir: a folder, made when missing
 *
 * Writes every canonical table of @dataset into @dir as NAME.csv
 * (customers.csv, events.csv, …), zones.csv (the offsets of the time
 * zones the customers name, for the quiet hours) and schema.sql with
 * their DDL: exactly what Touchstone saw, for a warehouse to load.  Each
 * file is written whole or not at all.
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
  if (!write_zones (dataset, dir, error))
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

/* "PREFIXNAME" (`PREFIXNAME` in Spark and BigQuery), its quotes doubled */
static void
append_identifier (GString       *s,
                   const Dialect *d,
                   const char    *prefix,
                   const char    *name)
{
  g_string_append_c (s, d->quote);
  g_string_append (s, prefix);
  for (const char *p = name; *p; p++)
    {
      if (*p == d->quote)
        g_string_append_c (s, d->quote);
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, d->quote);
}

/* a column of a table, quoted: ALIAS.NAME, or NAME without an alias */
static char *
column (const Dialect *d,
        const char    *alias,
        const char    *name)
{
  GString *s = g_string_new (alias);

  if (alias)
    g_string_append_c (s, '.');
  append_identifier (s, d, "", name);
  return g_string_free (s, FALSE);
}

/* a number SQL reads as a double: 7.0, not the integer 7 (nor, in
 * PostgreSQL and DuckDB, the exact decimal 7.0) */
static void
append_real (GString       *s,
             const Dialect *d,
             double         v)
{
  g_autoptr(GString) text = g_string_new (NULL);

  append_double (text, v);
  if (strpbrk (text->str, ".eEn") == NULL)
    g_string_append (text, ".0");
  append_template (s, d->real, text->str, NULL);
}

static const char *
truth (const Dialect *d,
       gboolean       value)
{
  return d->booleans ? (value ? "TRUE" : "FALSE") : (value ? "1" : "0");
}

/* What type a name is read as where the engine's SQL needs to know:
 * an event's properties.KEY, untyped JSON, compared with a number is read
 * as a number, with a string as a string. */
typedef enum
{
  HINT_ANY,
  HINT_NUMBER,
  HINT_STRING,
  HINT_BOOLEAN,
} Hint;

typedef struct
{
  const Dialect  *d;
  TsSqlNameFunc   names;
  gpointer        data;
  Hint           *hint;    /* where the names read the type wanted, or NULL */
  GError        **error;
} Compiler;

static gboolean compile_value (Compiler *cc, const TsExpr *e, GString *s);

static gboolean
is_truth (const TsExpr *e)
{
  /* the kinds from `and` to `not in` are the logic and the comparisons */
  return e->kind == TS_EXPR_BOOLEAN || e->kind == TS_EXPR_NOT ||
         (e->kind >= TS_EXPR_AND && e->kind <= TS_EXPR_NOT_IN);
}

/* the type a value's literal or arithmetic says it has */
static Hint
hint_of (const TsExpr *e)
{
  switch (e->kind)
    {
    case TS_EXPR_NUMBER:
    case TS_EXPR_DURATION:
    case TS_EXPR_NEGATE:
    case TS_EXPR_ADD:
    case TS_EXPR_SUB:
    case TS_EXPR_MUL:
    case TS_EXPR_DIV:
      return HINT_NUMBER;
    case TS_EXPR_STRING:
      return HINT_STRING;
    default:
      return is_truth (e) ? HINT_BOOLEAN : HINT_ANY;
    }
}

/* @e, a name read as @hint */
static gboolean
compile_hinted (Compiler     *cc,
                const TsExpr *e,
                Hint          hint,
                GString      *s)
{
  gboolean ok;

  if (cc->hint)
    *cc->hint = hint;
  ok = compile_value (cc, e, s);
  if (cc->hint)
    *cc->hint = HINT_ANY;
  return ok;
}

/* a truth that is never null: nothing counts as false */
static gboolean
compile_truth (Compiler     *cc,
               const TsExpr *e,
               GString      *s)
{
  if (is_truth (e))
    return compile_value (cc, e, s);
  g_string_append (s, "COALESCE(");
  if (!compile_hinted (cc, e, HINT_BOOLEAN, s))
    return FALSE;
  g_string_append_printf (s, ", %s)", truth (cc->d, FALSE));
  return TRUE;
}

/* FORMAT with a and b, as truths or as values (each read as the other's type) */
static gboolean
compile_pair (Compiler     *cc,
              const TsExpr *e,
              GString      *s,
              const char   *format,
              gboolean      truths)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);

  if (truths)
    {
      if (!compile_truth (cc, e->children[0], a) || !compile_truth (cc, e->children[1], b))
        return FALSE;
    }
  else if (!compile_hinted (cc, e->children[0], hint_of (e->children[1]), a) ||
           !compile_hinted (cc, e->children[1], hint_of (e->children[0]), b))
    return FALSE;
  append_template (s, format, a->str, b->str);
  return TRUE;
}

static gboolean
compile_value (Compiler     *cc,
               const TsExpr *e,
               GString      *s)
{
  static const char *const order_ops[] = { "<", "<=", ">", ">=" };
  const Dialect *d = cc->d;

  switch (e->kind)
    {
    case TS_EXPR_NUMBER:
    case TS_EXPR_DURATION:
      append_real (s, d, e->number);
      return TRUE;
    case TS_EXPR_STRING:
      append_string_literal (s, e->string);
      return TRUE;
    case TS_EXPR_BOOLEAN:
      g_string_append (s, truth (d, e->number != 0));
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
      return compile_pair (cc, e, s, e->kind == TS_EXPR_AND ? "($1 AND $2)" : "($1 OR $2)", TRUE);
    case TS_EXPR_EQ:
    case TS_EXPR_NE:
      /* null-safe: `x == null` asks whether x is nothing */
      return compile_pair (cc, e, s, e->kind == TS_EXPR_EQ ? d->is : d->is_not, FALSE);
    case TS_EXPR_LT:
    case TS_EXPR_LE:
    case TS_EXPR_GT:
    case TS_EXPR_GE:
      {
        /* an order with nothing is false */
        g_autofree char *format = g_strdup_printf ("COALESCE($1 %s $2, %s)", order_ops[e->kind - TS_EXPR_LT],
                                                   truth (d, FALSE));
        return compile_pair (cc, e, s, format, FALSE);
      }
    case TS_EXPR_IN:
    case TS_EXPR_NOT_IN:
      {
        const TsExpr *list = e->children[1];
        g_autoptr(GString) value = g_string_new (NULL);
        Hint hint = HINT_ANY;

        for (guint i = 0; i < list->n_children && hint == HINT_ANY; i++)
          hint = hint_of (list->children[i]);
        if (!compile_hinted (cc, e->children[0], hint, value))
          return FALSE;
        /* each element null-safe, as `==` */
        g_string_append_printf (s, e->kind == TS_EXPR_IN ? "(%s" : "(NOT (%s", truth (d, FALSE));
        for (guint i = 0; i < list->n_children; i++)
          {
            g_autoptr(GString) element = g_string_new (NULL);

            if (!compile_value (cc, list->children[i], element))
              return FALSE;
            g_string_append (s, " OR ");
            append_template (s, d->is, value->str, element->str);
          }
        g_string_append (s, e->kind == TS_EXPR_IN ? ")" : "))");
        return TRUE;
      }
    case TS_EXPR_NEGATE:
      g_string_append (s, "(- ");
      if (!compile_hinted (cc, e->children[0], HINT_NUMBER, s))
        return FALSE;
      g_string_append_c (s, ')');
      return TRUE;
    case TS_EXPR_ADD:
    case TS_EXPR_SUB:
    case TS_EXPR_MUL:
      return compile_pair (cc, e, s, e->kind == TS_EXPR_ADD ? "($1 + $2)" : e->kind == TS_EXPR_SUB ? "($1 - $2)" : "($1 * $2)",
                           FALSE);
    case TS_EXPR_DIV:
      {
        /* a division of doubles, never of integers; by zero, nothing */
        g_autofree char *format = g_strdup_printf ("(CAST($1 AS %s) / NULLIF($2, 0))", d->double_type);
        return compile_pair (cc, e, s, format, FALSE);
      }
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static char *
expr_to_sql (const TsExpr   *expr,
             const Dialect  *d,
             TsSqlNameFunc   names,
             gpointer        user_data,
             Hint           *hint,
             GError        **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  Compiler cc = { d, names, user_data, hint, error };

  if (!compile_truth (&cc, expr, s))
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/**
 * ts_expr_to_sql:
 * @names: gives the SQL of each name the condition uses
 *
 * Compiles a condition into a SQL expression of @dialect that is never
 * null — 0 or 1 in SQLite, FALSE or TRUE in the others —, true exactly
 * when ts_expr_eval_bool() says it holds.  (In PostgreSQL an event's
 * `properties.KEY`, as ts_sql_compile_playbook() compiles it, calls
 * `pg_temp.ts_json()`, which its script defines first.)
 *
 * Returns: (transfer full): the SQL, or %NULL when a name is unknown
 */
char *
ts_expr_to_sql (const TsExpr  *expr,
                TsSqlDialect   dialect,
                TsSqlNameFunc  names,
                gpointer       user_data,
                GError       **error)
{
  g_return_val_if_fail (expr != NULL, NULL);
  g_return_val_if_fail (names != NULL, NULL);
  g_return_val_if_fail (dialect <= TS_SQL_BIGQUERY, NULL);

  return expr_to_sql (expr, get_dialect (dialect), names, user_data, NULL, error);
}

/* ------------------------------------------------------------------ */
/* The playbook                                                        */
/* ------------------------------------------------------------------ */

/* A time of the tables, ISO 8601 text, as microseconds since the epoch
 * (SQLite: whole seconds from unixepoch(), then the six digits after the
 * point that export-tables writes when there are any). */
static void
append_micros (GString       *s,
               const Dialect *d,
               const char    *field)
{
  g_autofree char *col = column (d, NULL, field);

  append_template (s, d->micros, col, NULL);
}

/* a time field of a record, null from the moment on (ts-record.c) */
static char *
visible_time (const Dialect *d,
              const char    *field)
{
  g_autofree char *col = column (d, "r", field);

  return g_strdup_printf ("(CASE WHEN %s < a.t THEN %s END)", col, col);
}

/* What a signal's filter reads: one table's records */
typedef struct
{
  const Dialect *d;
  TsTable        table;
  Hint           hint;
} RecordNames;

/* An event's properties.KEY: the member of the JSON object, null unless
 * the text is a JSON object holding it as a string, a number or a
 * boolean; in the typed engines read as @hint says. */
static char *
property_sql (const Dialect *d,
              const char    *key,
              Hint           hint)
{
  g_autofree char *col = column (d, "r", "properties");
  g_autoptr(GString) path = g_string_new ("$.\"");
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GString) lit = g_string_new (NULL);

  g_string_append (path, key);
  g_string_append_c (path, '"');
  switch (d->id)
    {
    case TS_SQL_SQLITE:
      /* text that is not a JSON object has no members */
      g_string_append_printf (s, "(CASE WHEN json_valid(%s) THEN json_extract(%s, ", col, col);
      append_string_literal (s, path->str);
      g_string_append (s, ") END)");
      break;
    case TS_SQL_DUCKDB:
      {
        const char *types = hint == HINT_NUMBER ? "'BIGINT', 'UBIGINT', 'DOUBLE'"
                          : hint == HINT_STRING ? "'VARCHAR'"
                          : hint == HINT_BOOLEAN ? "'BOOLEAN'"
                          : "'BIGINT', 'UBIGINT', 'DOUBLE', 'VARCHAR', 'BOOLEAN'";
        const char *cast = hint == HINT_NUMBER ? "DOUBLE" : hint == HINT_BOOLEAN ? "BOOLEAN" : "VARCHAR";

        append_string_literal (lit, path->str);
        g_string_append_printf (s, "(CASE WHEN json_valid(%1$s) THEN CASE WHEN json_type(%1$s) = 'OBJECT' AND "
                                   "json_type(%1$s, %2$s) IN (%3$s) THEN CAST(json_extract_string(%1$s, %2$s) AS %4$s) "
                                   "END END)", col, lit->str, types, cast);
      }
      break;
    case TS_SQL_POSTGRES:
      {
        const char *types = hint == HINT_NUMBER ? "'number'" : hint == HINT_STRING ? "'string'"
                          : hint == HINT_BOOLEAN ? "'boolean'" : "'number', 'string', 'boolean'";
        const char *cast = hint == HINT_NUMBER ? "DOUBLE PRECISION" : hint == HINT_BOOLEAN ? "BOOLEAN" : "TEXT";

        append_string_literal (lit, key);
        g_string_append_printf (s, "(CASE WHEN jsonb_typeof(pg_temp.ts_json(%1$s) -> %2$s) IN (%3$s) "
                                   "THEN CAST(pg_temp.ts_json(%1$s) ->> %2$s AS %4$s) END)",
                                col, lit->str, types, cast);
      }
      break;
    case TS_SQL_SPARK:
    case TS_SQL_BIGQUERY:
    default:
      {
        /* the member's text, cast to the type wanted */
        const char *cast = hint == HINT_NUMBER ? d->double_type : hint == HINT_BOOLEAN ? "BOOLEAN" : NULL;

        append_string_literal (lit, path->str);
        if (d->id == TS_SQL_BIGQUERY)
          g_string_append_printf (s, "%s%sJSON_VALUE(%s, %s)%s%s", cast ? "SAFE_CAST(" : "", "", col, lit->str,
                                  cast ? " AS " : "", cast ? cast : "");
        else
          g_string_append_printf (s, "%sget_json_object(%s, %s)%s%s", cast ? "CAST(" : "", col, lit->str,
                                  cast ? " AS " : "", cast ? cast : "");
        if (cast)
          g_string_append_c (s, ')');
      }
      break;
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The names a signal's filter reads, over `r` (the table's rows, times in
 * microseconds) and `a` (the moment): as _ts_record_resolve() gives them. */
static char *
record_name_sql (const char *name,
                 gpointer    user_data)
{
  RecordNames *rn = user_data;
  const Dialect *d = rn->d;
  TsTable table = rn->table;
  const TsFieldInfo *info;
  g_autofree char *col = NULL;
  int f;

  if (!_ts_record_name_known (table, name))
    return NULL;
  if (table == TS_TABLE_CASES)
    {
      g_autofree char *opened = visible_time (d, "opened_at");
      g_autofree char *closed = visible_time (d, "closed_at");
      g_autofree char *end = NULL;
      g_autoptr(GString) s = g_string_new (NULL);

      if (g_str_equal (name, "open"))
        return g_strdup_printf ("(CASE WHEN %s IS NOT NULL AND %s IS NULL THEN %s ELSE %s END)", opened, closed,
                                truth (d, TRUE), truth (d, FALSE));
      if (g_str_equal (name, "hours_to_first_response"))
        end = visible_time (d, "first_response_at");
      else if (g_str_equal (name, "hours_to_close"))
        end = g_strdup (closed);
      else if (g_str_equal (name, "hours_open"))
        end = g_strdup_printf ("COALESCE(%s, a.t)", closed);
      if (end)
        {
          g_string_append_printf (s, "(CASE WHEN %s >= %s THEN (%s - %s) / ", end, opened, end, opened);
          append_real (s, d, 3600000000.0);
          g_string_append (s, " END)");
          return g_string_free (g_steal_pointer (&s), FALSE);
        }
    }
  if (g_str_has_prefix (name, "properties."))
    return property_sql (d, name + strlen ("properties."), rn->hint);

  f = ts_table_find_field (table, name);
  info = ts_table_get_field (table, f);
  col = column (d, "r", info->name);
  /* a status recorded after the moment is not known at it */
  if (table == TS_TABLE_CASES && f == TS_CASE_STATUS)
    {
      g_autofree char *closed = column (d, "r", "closed_at");
      return g_strdup_printf ("(CASE WHEN %s >= a.t THEN NULL ELSE %s END)", closed, col);
    }
  switch (info->type)
    {
    case TS_FIELD_TYPE_TIME:
      {
        g_autofree char *t = visible_time (d, info->name);
        g_autoptr(GString) s = g_string_new (NULL);

        g_string_append_printf (s, "(%s / ", t);
        append_real (s, d, 1000000.0);
        g_string_append_c (s, ')');
        return g_string_free (g_steal_pointer (&s), FALSE);
      }
    case TS_FIELD_TYPE_BOOLEAN:
      return g_strdup_printf ("(CASE %s WHEN 'true' THEN %s WHEN 'false' THEN %s END)", col,
                              truth (d, TRUE), truth (d, FALSE));
    case TS_FIELD_TYPE_STRING:
    case TS_FIELD_TYPE_NUMBER:
    case TS_FIELD_TYPE_CONSENT:
    case TS_FIELD_TYPE_PROPERTIES:
    default:
      return g_steal_pointer (&col);
    }
}

/* What a route's conditions read: the scored customers */
typedef struct
{
  const Dialect *d;
  TsPlaybook    *playbook;
} MomentNames;

/* The names a route's conditions read, over the scored customers: as
 * _ts_moment_resolve() gives them. */
static char *
moment_name_sql (const char *name,
                 gpointer    user_data)
{
  MomentNames *mn = user_data;
  const Dialect *d = mn->d;
  const char *field = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  int f;

  if (g_str_equal (name, "score") || g_str_equal (name, "band"))
    return g_strdup (name);
  if (ts_playbook_find_signal (mn->playbook, name) >= 0)
    {
      append_identifier (s, d, "value_", name);
      return g_string_free (g_steal_pointer (&s), FALSE);
    }
  if (g_str_equal (name, "stage"))
    field = "stage";
  else if (g_str_has_prefix (name, "customer."))
    field = name + strlen ("customer.");
  if (field == NULL || (f = ts_table_find_field (TS_TABLE_CUSTOMERS, field)) < 0)
    return NULL;
  append_identifier (s, d, "", ts_table_get_field (TS_TABLE_CUSTOMERS, f)->name);
  if (ts_table_get_field (TS_TABLE_CUSTOMERS, f)->type == TS_FIELD_TYPE_TIME)
    {
      g_autofree char *col = g_string_free (g_steal_pointer (&s), FALSE);

      s = g_string_new (NULL);
      g_string_append_printf (s, "(CASE WHEN %s < ts_t THEN %s / ", col, col);
      append_real (s, d, 1000000.0);
      g_string_append (s, " END)");
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ts_NAME: the table, its times in microseconds */
static void
append_table_cte (GString       *s,
                  const Dialect *d,
                  const char    *name,
                  const char    *const *fields,
                  const gboolean *times,
                  guint          n_fields)
{
  g_string_append_printf (s, "ts_%s AS (\n  SELECT ", name);
  for (guint f = 0; f < n_fields; f++)
    {
      if (f)
        g_string_append (s, ", ");
      if (times[f])
        {
          append_micros (s, d, fields[f]);
          g_string_append (s, " AS ");
        }
      append_identifier (s, d, "", fields[f]);
    }
  g_string_append (s, "\n  FROM ");
  append_identifier (s, d, "", name);
  g_string_append (s, "),\n");
}

static void
append_canonical_table_cte (GString       *s,
                            const Dialect *d,
                            TsTable        table)
{
  const char *fields[TS_MAX_ROW_FIELDS];
  gboolean times[TS_MAX_ROW_FIELDS];
  guint n = ts_table_get_n_fields (table);

  for (guint f = 0; f < n; f++)
    {
      fields[f] = ts_table_get_field (table, f)->name;
      times[f] = ts_table_get_field (table, f)->type == TS_FIELD_TYPE_TIME;
    }
  append_table_cte (s, d, ts_table_get_name (table), fields, times, n);
}

/* The moment: given, or as ts_scorer_default_as_of() finds it — the
 * midnight (UTC) after the latest record, now when there is none. */
static void
append_as_of_cte (GString       *s,
                  const Dialect *d,
                  TsTime         as_of)
{
  static const TsTable tables[] = { TS_TABLE_EVENTS, TS_TABLE_CASES, TS_TABLE_TOUCHES, TS_TABLE_RESPONSES };
  g_autofree char *day = g_strdup_printf ("%" G_GINT64_FORMAT, DAY_US);
  g_autofree char *m_day = NULL, *m1_day = NULL, *now_day = NULL;
  g_autofree char *m1 = NULL;

  if (as_of != TS_TIME_NULL)
    {
      g_autofree char *iso = ts_timestamp_format_iso (as_of);

      g_string_append_printf (s, "-- as of %s: records at or after it are not seen\n"
                                 "ts_as_of AS (SELECT CAST(%" G_GINT64_FORMAT " AS %s) AS t),\n",
                              iso, as_of, d->int_type);
      return;
    }
  g_string_append (s, "-- as of the midnight (UTC) after the latest record: all of it is seen\n"
                      "ts_latest AS (\n  SELECT MAX(m) AS m FROM (");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_string_append (s, i ? "\n    UNION ALL SELECT MAX(" : "\n    SELECT MAX(");
      append_micros (s, d, ts_table_get_field (tables[i], ts_table_get_time_field (tables[i]))->name);
      g_string_append (s, ") AS m FROM ");
      append_identifier (s, d, "", ts_table_get_name (tables[i]));
    }
  m_day = fill (d->div, "m", day);
  m1 = g_strdup_printf ("(m - %s + 1)", day);
  m1_day = fill (d->div, m1, day);
  now_day = fill (d->div, d->now_seconds, "86400");
  g_string_append_printf (s, ") AS latest),\n"
                             "ts_as_of AS (\n"
                             "  SELECT CASE WHEN m IS NULL THEN (%s + 1) * %s\n"
                             "              WHEN m >= 0 THEN (%s + 1) * %s\n"
                             "              ELSE (%s + 1) * %s END AS t\n"
                             "  FROM ts_latest),\n", now_day, day, m_day, day, m1_day, day);
}

/* ts_signal_I (customer_id, raw): the customers with records to measure */
static gboolean
append_signal_cte (GString        *s,
                   const Dialect  *d,
                   const TsSignal *sig,
                   guint           i,
                   GError        **error)
{
  const char *time_name = ts_table_get_field (sig->table, ts_table_get_time_field (sig->table))->name;
  g_autofree char *time = column (d, "r", time_name);
  g_autofree char *customer = column (d, "r", "customer_id");
  g_autofree char *weight = NULL;
  g_autofree char *count = NULL;
  g_autofree char *filter = NULL;
  RecordNames rn = { d, sig->table, HINT_ANY };

  if (sig->filter &&
      (filter = expr_to_sql (sig->filter, d, record_name_sql, &rn, &rn.hint, error)) == NULL)
    {
      g_prefix_error (error, "$.signals[%u].filter: ", i);
      return FALSE;
    }
  /* each record weighs 0.5^(age / half-life) when the signal decays */
  if (sig->half_life)
    {
      g_autoptr(GString) w = g_string_new ("power(");

      append_real (w, d, 2.0);
      g_string_append_printf (w, ", -(a.t - %s) / ", time);
      append_real (w, d, (double) sig->half_life * G_USEC_PER_SEC);
      g_string_append_c (w, ')');
      weight = g_string_free (g_steal_pointer (&w), FALSE);
      count = g_strdup_printf ("SUM(%s)", weight);
    }
  else
    count = g_strdup ("COUNT(*)");

  g_string_append_printf (s, "-- $.signals[%u]: %s, %s of %s\n", i, sig->id,
                          ts_measure_to_string (sig->measure), ts_table_get_name (sig->table));
  g_string_append_printf (s, "ts_signal_%u AS (\n  SELECT %s AS customer_id, ", i, customer);
  switch (sig->measure)
    {
    case TS_MEASURE_COUNT:
      g_string_append (s, count);
      break;
    case TS_MEASURE_EXISTS:
      g_string_append (s, "1");
      break;
    case TS_MEASURE_SUM:
      {
        g_autofree char *field = column (d, "r", ts_table_get_field (sig->table, sig->field)->name);
        g_string_append_printf (s, "SUM(%s%s%s)", weight ? weight : "", weight ? " * " : "", field);
      }
      break;
    case TS_MEASURE_RATE:
      /* per day of the window */
      g_string_append_printf (s, "%s / ", count);
      append_real (s, d, (double) sig->window / 86400.0);
      break;
    case TS_MEASURE_RECENCY:
      g_string_append_printf (s, "(a.t - MAX(%s)) / ", time);
      append_real (s, d, 86400000000.0);
      break;
    default:
      g_assert_not_reached ();
    }
  /* before the moment, within the window */
  g_string_append_printf (s, " AS raw\n  FROM ts_%s AS r, ts_as_of AS a\n  WHERE %s < a.t",
                          ts_table_get_name (sig->table), time);
  if (sig->window)
    g_string_append_printf (s, " AND %s >= a.t - %" G_GINT64_FORMAT, time, sig->window * G_USEC_PER_SEC);
  if (filter)
    g_string_append_printf (s, "\n    AND %s", filter);
  g_string_append_printf (s, "\n  GROUP BY %s, a.t),\n", customer);
  return TRUE;
}

/* normalised to 0..1 as the scorer's normalise(); never (null) is 1 */
static void
append_normalised (GString        *s,
                   const Dialect  *d,
                   const TsSignal *sig)
{
  g_autoptr(GString) raw = g_string_new (NULL);

  append_identifier (raw, d, "raw_", sig->id);
  g_string_append_printf (s, "CASE WHEN %s IS NULL THEN ", raw->str);
  append_real (s, d, 1.0);
  g_string_append_printf (s, " ELSE %s(%s(", d->least, d->greatest);
  switch (sig->normalise)
    {
    case TS_NORMALISE_CAP:
      g_string_append_printf (s, "%s / ", raw->str);
      append_real (s, d, sig->max);
      break;
    case TS_NORMALISE_LOG:
      g_string_append (s, "ln(");
      append_real (s, d, 1.0);
      g_string_append_printf (s, " + %s(%s, ", d->greatest, raw->str);
      append_real (s, d, 0.0);
      g_string_append (s, ")) / ");
      append_real (s, d, log1p (sig->max));
      break;
    case TS_NORMALISE_MINMAX:
    default:
      g_string_append_printf (s, "(%s - ", raw->str);
      append_real (s, d, sig->min);
      g_string_append (s, ") / ");
      append_real (s, d, sig->max - sig->min);
      break;
    }
  g_string_append (s, ", ");
  append_real (s, d, 0.0);
  g_string_append (s, "), ");
  append_real (s, d, 1.0);
  g_string_append (s, ") END");
}

/* what each signal gives, in the output's order: raw, value, points */
static void
append_signal_columns (GString       *s,
                       const Dialect *d,
                       TsPlaybook    *playbook)
{
  static const char *const prefixes[] = { "raw_", "value_", "points_" };

  for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
    for (guint i = 0; i < ts_playbook_get_n_signals (playbook); i++)
      {
        g_string_append (s, ", ");
        append_identifier (s, d, prefixes[p], ts_playbook_get_signal (playbook, i)->id);
      }
}

/* ------------------------------------------------------------------ */
/* The guardrails                                                      */
/* ------------------------------------------------------------------ */

static const char *const consent_channels[] = { "email", "sms", "phone", "in_app", "push" };

/* a truth that is never null, of the dialect: COALESCE(SQL, false) */
static char *
never_null (const Dialect *d,
            const char    *sql)
{
  return g_strdup_printf ("COALESCE(%s, %s)", sql, truth (d, FALSE));
}

/* ts_guard_I: the customers a guardrail that reads records of a table
 * holds back (frequency caps: with their touches counted) */
static void
append_guardrail_cte (GString           *s,
                      const Dialect     *d,
                      const TsGuardrail *g,
                      guint              i)
{
  g_autofree char *customer = column (d, "r", "customer_id");
  g_autofree char *lower_channel = g->channel ? g_ascii_strdown (g->channel, -1) : NULL;
  TsTime days = (TsTime) g->days * DAY_US;

  switch (g->kind)
    {
    case TS_GUARDRAIL_FREQUENCY_CAP:
      {
        g_autofree char *at = column (d, "r", "at");
        g_autofree char *kind = column (d, "r", "kind");
        g_autofree char *channel = column (d, "r", "channel");

        /* touches in [T - window, T), transactional ones not counted */
        g_string_append_printf (s, "-- $.guardrails[%u]: %s, touches%s%s in the window\n"
                                   "ts_guard_%u AS (\n  SELECT %s AS customer_id, COUNT(*) AS n\n"
                                   "  FROM ts_touches AS r, ts_as_of AS a\n"
                                   "  WHERE %s < a.t AND %s >= a.t - %" G_GINT64_FORMAT "\n"
                                   "    AND (%s IS NULL OR LOWER(%s) <> 'transactional')",
                                i, g->id, g->channel ? " by " : "",
                                g->channel ? g->channel : "", i, customer, at, at, g->window * G_USEC_PER_SEC,
                                kind, kind);
        if (lower_channel)
          {
            g_string_append_printf (s, "\n    AND LOWER(%s) = ", channel);
            append_string_literal (s, lower_channel);
          }
        g_string_append_printf (s, "\n  GROUP BY %s),\n", customer);
      }
      break;
    case TS_GUARDRAIL_SUPPRESSION:
      {
        g_autofree char *list = column (d, "r", "list");

        g_string_append_printf (s, "-- $.guardrails[%u]: %s, on the list\n"
                                   "ts_guard_%u AS (\n  SELECT DISTINCT %s AS customer_id\n"
                                   "  FROM ts_lists AS r\n  WHERE %s = ", i, g->id, i, customer, list);
        append_string_literal (s, g->list);
        g_string_append (s, "),\n");
      }
      break;
    case TS_GUARDRAIL_NO_PITCH:
      {
        g_autofree char *opened = column (d, "r", "opened_at");
        g_autofree char *closed = column (d, "r", "closed_at");
        g_autofree char *category = column (d, "r", "category");
        g_autofree char *at = column (d, "r", "at");
        g_autofree char *score = column (d, "r", "score");

        switch (g->no_pitch)
          {
          case TS_NO_PITCH_OPEN_CASE:
            g_string_append_printf (s, "-- $.guardrails[%u]: %s, an open case\n"
                                       "ts_guard_%u AS (\n  SELECT DISTINCT %s AS customer_id\n"
                                       "  FROM ts_cases AS r, ts_as_of AS a\n"
                                       "  WHERE %s < a.t AND (%s IS NULL OR %s >= a.t)),\n",
                                    i, g->id, i, customer, opened, closed, closed);
            break;
          case TS_NO_PITCH_AFTER_COMPLAINT:
            g_string_append_printf (s, "-- $.guardrails[%u]: %s, a complaint in the last %u days\n"
                                       "ts_guard_%u AS (\n  SELECT DISTINCT %s AS customer_id\n"
                                       "  FROM ts_cases AS r, ts_as_of AS a\n"
                                       "  WHERE %s < a.t AND %s >= a.t - %" G_GINT64_FORMAT
                                       " AND LOWER(%s) = 'complaint'),\n",
                                    i, g->id, g->days, i, customer, opened, opened, days, category);
            break;
          case TS_NO_PITCH_AFTER_DETRACTOR:
            g_string_append_printf (s, "-- $.guardrails[%u]: %s, a detractor answer in the last %u days\n"
                                       "ts_guard_%u AS (\n  SELECT DISTINCT %s AS customer_id\n"
                                       "  FROM ts_responses AS r, ts_as_of AS a\n"
                                       "  WHERE %s < a.t AND %s >= a.t - %" G_GINT64_FORMAT " AND %s <= ",
                                    i, g->id, g->days, i, customer, at, at, days, score);
            append_real (s, d, 6.0);
            g_string_append (s, "),\n");
            break;
          case TS_NO_PITCH_AFTER_RENEWAL:
          case TS_NO_PITCH_ONBOARDING:
          default:
            break;
          }
      }
      break;
    case TS_GUARDRAIL_CONSENT:
    case TS_GUARDRAIL_QUIET_HOURS:
    default:
      break;
    }
}

static gboolean
has_guardrail_cte (const TsGuardrail *g)
{
  return g->kind == TS_GUARDRAIL_FREQUENCY_CAP || g->kind == TS_GUARDRAIL_SUPPRESSION ||
         (g->kind == TS_GUARDRAIL_NO_PITCH && g->no_pitch != TS_NO_PITCH_AFTER_RENEWAL &&
          g->no_pitch != TS_NO_PITCH_ONBOARDING);
}

/* ts_local: each customer's minute of the day at the moment, in their
 * time zone (zones.csv), UTC when it is unknown */
static void
append_local_cte (GString       *s,
                  const Dialect *d)
{
  static const char *const fields[] = { "time_zone", "starts_at", "ends_at", "utc_offset" };
  static const gboolean times[] = { FALSE, TRUE, TRUE, FALSE };
  g_autofree char *seconds = fill (d->div, "a.t", "1000000");
  g_autofree char *local = NULL, *day = NULL, *wrapped = NULL, *minute = NULL;
  g_autofree char *offset = NULL;

  append_table_cte (s, d, "zones", fields, times, G_N_ELEMENTS (fields));
  offset = g_strdup_printf ("COALESCE(CAST(z.%c%s%c AS %s), 0)", d->quote, "utc_offset", d->quote, d->int_type);
  local = g_strdup_printf ("(%s + %s)", seconds, offset);
  day = fill (d->mod, local, "86400");
  local = (g_free (local), g_strdup_printf ("(%s + 86400)", day));
  wrapped = fill (d->mod, local, "86400");
  minute = fill (d->div, wrapped, "60");
  g_string_append_printf (s, "ts_local AS (\n"
                             "  SELECT c.%1$ccustomer_id%1$c AS customer_id, %2$s AS minute\n"
                             "  FROM ts_customers AS c CROSS JOIN ts_as_of AS a\n"
                             "  LEFT JOIN ts_zones AS z ON z.%1$ctime_zone%1$c = c.%1$ctimezone%1$c\n"
                             "    AND (z.%1$cstarts_at%1$c IS NULL OR a.t >= z.%1$cstarts_at%1$c)\n"
                             "    AND (z.%1$cends_at%1$c IS NULL OR a.t < z.%1$cends_at%1$c)),\n",
                          d->quote, minute);
}

/* Whether guardrail @i holds back the touch of @route: a truth over
 * ts_route (b) and the guardrails' tables (gI, the local minute lq); NULL
 * when it cannot, as _ts_guardrails_check() says. */
static char *
guardrail_blocks (const Dialect     *d,
                  const TsGuardrail *g,
                  guint              i,
                  const TsRoute     *route)
{
  gboolean pitch = route->readiness != NULL;

  if (route->to == TS_ROUTE_NO_TOUCH)
    return NULL;
  switch (g->kind)
    {
    case TS_GUARDRAIL_FREQUENCY_CAP:
      if (g->channel && g_ascii_strcasecmp (g->channel, route->channel) != 0)
        return NULL;
      return g_strdup_printf ("COALESCE(g%u.n, 0) >= %u", i, g->max);
    case TS_GUARDRAIL_CONSENT:
      for (guint k = 0; k < G_N_ELEMENTS (consent_channels); k++)
        if (g_ascii_strcasecmp (route->channel, consent_channels[k]) == 0)
          {
            g_autofree char *sql = g_strdup_printf ("b.%cconsent_%s%c = 'denied'", d->quote, consent_channels[k],
                                                    d->quote);
            return never_null (d, sql);
          }
      return NULL;
    case TS_GUARDRAIL_SUPPRESSION:
      return g_strdup_printf ("g%u.customer_id IS NOT NULL", i);
    case TS_GUARDRAIL_QUIET_HOURS:
      if (g->start_minute <= g->end_minute)
        return g_strdup_printf ("(lq.minute >= %u AND lq.minute < %u)", g->start_minute, g->end_minute);
      return g_strdup_printf ("(lq.minute >= %u OR lq.minute < %u)", g->start_minute, g->end_minute);
    case TS_GUARDRAIL_NO_PITCH:
      if (!pitch)
        return NULL;
      if (g->no_pitch == TS_NO_PITCH_AFTER_RENEWAL || g->no_pitch == TS_NO_PITCH_ONBOARDING)
        {
          g_autofree char *t = NULL;
          g_autofree char *sql = NULL;

          if (g->no_pitch == TS_NO_PITCH_AFTER_RENEWAL)
            t = g_strdup_printf ("b.%crenewal_at%c", d->quote, d->quote);
          else
            t = g_strdup_printf ("COALESCE(b.%1$conboarding_started_at%1$c, b.%1$ccreated_at%1$c)", d->quote);
          sql = g_strdup_printf ("(%s >= b.ts_t - %" G_GINT64_FORMAT " AND %s < b.ts_t)", t,
                                 (TsTime) g->days * DAY_US, t);
          return never_null (d, sql);
        }
      return g_strdup_printf ("g%u.customer_id IS NOT NULL", i);
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* The guardrails' verdicts on each customer's route: a column guard_ID
 * per guardrail, 'hold' or 'pass'. */
static void
append_guard_cte (GString       *s,
                  const Dialect *d,
                  TsPlaybook    *playbook,
                  gboolean       quiet)
{
  guint n_guardrails = ts_playbook_get_n_guardrails (playbook);

  g_string_append (s, "ts_guard AS (\n  SELECT b.*");
  for (guint i = 0; i < n_guardrails; i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (playbook, i);
      gboolean any = FALSE;

      g_string_append (s, ",\n    CASE route");
      for (guint r = 0; r < ts_playbook_get_n_routes (playbook); r++)
        {
          const TsRoute *route = ts_playbook_get_route (playbook, r);
          g_autofree char *blocks = guardrail_blocks (d, g, i, route);

          if (blocks == NULL)
            continue;
          g_string_append (s, " WHEN ");
          append_string_literal (s, route->id);
          g_string_append_printf (s, " THEN CASE WHEN %s THEN 'hold' ELSE 'pass' END", blocks);
          any = TRUE;
        }
      if (!any)
        {
          /* no route's touch can be held back by it */
          g_string_truncate (s, s->len - strlen ("CASE route"));
          g_string_append (s, "'pass' AS ");
        }
      else
        g_string_append (s, " ELSE 'pass' END AS ");
      append_identifier (s, d, "guard_", g->id);
    }
  g_string_append (s, "\n  FROM ts_route AS b");
  for (guint i = 0; i < n_guardrails; i++)
    if (has_guardrail_cte (ts_playbook_get_guardrail (playbook, i)))
      g_string_append_printf (s, "\n  LEFT JOIN ts_guard_%1$u AS g%1$u ON g%1$u.customer_id = b.%2$ccustomer_id%2$c",
                              i, d->quote);
  if (quiet)
    g_string_append_printf (s, "\n  LEFT JOIN ts_local AS lq ON lq.customer_id = b.%1$ccustomer_id%1$c", d->quote);
  g_string_append (s, "),\n");

  /* held back when any guardrail holds the touch back; by the first */
  g_string_append_printf (s, "ts_verdict AS (\n  SELECT *,\n    CASE WHEN %s", truth (d, FALSE));
  for (guint i = 0; i < n_guardrails; i++)
    {
      g_string_append (s, " OR ");
      append_identifier (s, d, "guard_", ts_playbook_get_guardrail (playbook, i)->id);
      g_string_append (s, " = 'hold'");
    }
  g_string_append (s, " THEN 'hold' ELSE 'pass' END AS verdict,\n    CASE");
  for (guint i = 0; i < n_guardrails; i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (playbook, i);

      g_string_append (s, " WHEN ");
      append_identifier (s, d, "guard_", g->id);
      g_string_append (s, " = 'hold' THEN ");
      append_string_literal (s, g->id);
    }
  g_string_append (s, n_guardrails ? " END AS held_by\n  FROM ts_guard)\n" : " WHEN 0 = 1 THEN '' END AS held_by\n  FROM ts_guard)\n");
}

/* PostgreSQL has no test of JSON text: a function (of the session) reads
 * it, null unless it is a JSON object. */
static const char pg_json_function[] =
  "CREATE OR REPLACE FUNCTION pg_temp.ts_json (text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$\n"
  "BEGIN\n"
  "  RETURN CASE WHEN jsonb_typeof($1::jsonb) = 'object' THEN $1::jsonb END;\n"
  "EXCEPTION WHEN others THEN\n"
  "  RETURN NULL;\n"
  "END $$;\n\n";

static gboolean
reads_properties (const TsExpr *e)
{
  if (e == NULL)
    return FALSE;
  if (e->kind == TS_EXPR_NAME)
    return g_str_has_prefix (e->string, "properties.");
  for (guint i = 0; i < e->n_children; i++)
    if (reads_properties (e->children[i]))
      return TRUE;
  return FALSE;
}

/**
 * ts_sql_compile_playbook:
 * @as_of: the moment, or %TS_TIME_NULL for the midnight after the latest
 *   record of the tables (as `touchstone-cli score` takes by default)
 *
 * Compiles @playbook into a SQL script of @dialect over the canonical
 * tables (as ts_sql_write_tables() writes them), whose last statement is
 * a SELECT giving one row per customer: `customer_id`, `score`, `band`,
 * `route`, `verdict` ('hold' when a guardrail holds the route's touch
 * back, else 'pass'), `held_by` (the first such guardrail), a `guard_ID`
 * per guardrail ('hold' or 'pass'), then each signal's `raw_ID`,
 * `value_ID` (normalised) and `points_ID`, ordered by customer_id.  It
 * computes what ts_scorer_run() and ts_decide() do, with the same
 * arithmetic.
 *
 * Returns: (transfer full): the script, or %NULL when a condition cannot
 *   be compiled (the error names its JSON path)
 */
char *
ts_sql_compile_playbook (TsPlaybook    *playbook,
                         TsSqlDialect   dialect,
                         TsTime         as_of,
                         GError       **error)
{
  const Dialect *d;
  g_autoptr(GString) s = NULL;
  guint n_signals, n_bands, n_routes, n_guardrails;
  gboolean used[TS_N_TABLES] = { FALSE, };
  gboolean quiet = FALSE, json = FALSE;
  MomentNames mn;
  double total = 0;

  g_return_val_if_fail (playbook != NULL, NULL);
  g_return_val_if_fail (dialect <= TS_SQL_BIGQUERY, NULL);

  d = get_dialect (dialect);
  mn = (MomentNames) { d, playbook };
  n_signals = ts_playbook_get_n_signals (playbook);
  n_bands = ts_playbook_get_n_bands (playbook);
  n_routes = ts_playbook_get_n_routes (playbook);
  n_guardrails = ts_playbook_get_n_guardrails (playbook);

  used[TS_TABLE_CUSTOMERS] = TRUE;
  for (guint i = 0; i < n_signals; i++)
    {
      used[ts_playbook_get_signal (playbook, i)->table] = TRUE;
      total += ts_playbook_get_signal (playbook, i)->weight;
      json |= reads_properties (ts_playbook_get_signal (playbook, i)->filter);
    }
  for (guint i = 0; i < n_guardrails; i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (playbook, i);

      if (g->kind == TS_GUARDRAIL_FREQUENCY_CAP)
        used[TS_TABLE_TOUCHES] = TRUE;
      else if (g->kind == TS_GUARDRAIL_SUPPRESSION)
        used[TS_TABLE_LISTS] = TRUE;
      else if (g->kind == TS_GUARDRAIL_QUIET_HOURS)
        quiet = TRUE;
      else if (g->kind == TS_GUARDRAIL_NO_PITCH && g->no_pitch == TS_NO_PITCH_AFTER_DETRACTOR)
        used[TS_TABLE_RESPONSES] = TRUE;
      else if (g->kind == TS_GUARDRAIL_NO_PITCH && has_guardrail_cte (g))
        used[TS_TABLE_CASES] = TRUE;
    }

  s = g_string_new (NULL);
  g_string_append_printf (s, "-- Touchstone's playbook as SQL for %s, over the tables of\n"
                             "-- `touchstone-cli export-tables` (schema.sql).  One row per customer: its\n"
                             "-- score, band and route, the guardrails' verdicts on the route's touch, and\n"
                             "-- each signal's raw measure, normalised value and points.  Times are\n"
                             "-- microseconds since the epoch, as in the C engine.\n", d->title);
  if (d->id == TS_SQL_POSTGRES && json)
    g_string_append (s, pg_json_function);
  g_string_append (s, "WITH\n");
  append_as_of_cte (s, d, as_of);
  for (guint t = 0; t < TS_N_TABLES; t++)
    if (used[t])
      append_canonical_table_cte (s, d, t);
  for (guint i = 0; i < n_signals; i++)
    if (!append_signal_cte (s, d, ts_playbook_get_signal (playbook, i), i, error))
      return NULL;

  /* every customer, with nothing measured as 0 (recency: never, null) */
  g_string_append (s, "ts_raw AS (\n  SELECT c.*, a.t AS ts_t");
  for (guint i = 0; i < n_signals; i++)
    {
      const TsSignal *sig = ts_playbook_get_signal (playbook, i);

      g_string_append_printf (s, sig->measure == TS_MEASURE_RECENCY ? ",\n    s%u.raw AS " : ",\n    COALESCE(s%u.raw, 0) AS ", i);
      append_identifier (s, d, "raw_", sig->id);
    }
  g_string_append (s, "\n  FROM ts_customers AS c CROSS JOIN ts_as_of AS a");
  for (guint i = 0; i < n_signals; i++)
    g_string_append_printf (s, "\n  LEFT JOIN ts_signal_%1$u AS s%1$u ON s%1$u.customer_id = c.%2$ccustomer_id%2$c",
                            i, d->quote);
  g_string_append (s, "),\n");

  g_string_append (s, "ts_value AS (\n  SELECT *");
  for (guint i = 0; i < n_signals; i++)
    {
      const TsSignal *sig = ts_playbook_get_signal (playbook, i);

      g_string_append (s, ",\n    ");
      append_normalised (s, d, sig);
      g_string_append (s, " AS ");
      append_identifier (s, d, "value_", sig->id);
    }
  g_string_append (s, "\n  FROM ts_raw),\n");

  /* 100 · wᵢ · vᵢ / Σ w, in the scorer's order of operations */
  g_string_append (s, "ts_points AS (\n  SELECT *");
  for (guint i = 0; i < n_signals; i++)
    {
      const TsSignal *sig = ts_playbook_get_signal (playbook, i);

      g_string_append (s, ",\n    ");
      append_real (s, d, 100.0);
      g_string_append (s, " * ");
      append_real (s, d, sig->weight);
      g_string_append (s, " * ");
      append_identifier (s, d, "value_", sig->id);
      g_string_append (s, " / ");
      append_real (s, d, total);
      g_string_append (s, " AS ");
      append_identifier (s, d, "points_", sig->id);
    }
  g_string_append (s, "\n  FROM ts_value),\n");

  g_string_append (s, "ts_score AS (\n  SELECT *, ");
  for (guint i = 0; i < n_signals; i++)
    {
      if (i)
        g_string_append (s, " + ");
      append_identifier (s, d, "points_", ts_playbook_get_signal (playbook, i)->id);
    }
  if (n_signals == 0)
    append_real (s, d, 0.0);
  g_string_append (s, " AS score\n  FROM ts_points),\n");

  /* the last band whose minimum the score reaches, else the first */
  g_string_append (s, "ts_band AS (\n  SELECT *, CASE");
  for (guint i = n_bands - 1; i >= 1 && i < n_bands; i--)
    {
      const TsBand *band = ts_playbook_get_band (playbook, i);

      g_string_append (s, "\n    WHEN score >= ");
      append_real (s, d, band->min);
      g_string_append (s, " THEN ");
      append_string_literal (s, band->id);
    }
  g_string_append (s, "\n    ELSE ");
  append_string_literal (s, ts_playbook_get_band (playbook, 0)->id);
  g_string_append (s, " END AS band\n  FROM ts_score),\n");

  /* the first route whose `when` (and readiness) holds */
  g_string_append (s, "ts_route AS (\n  SELECT *,\n  CASE");
  for (guint i = 0; i < n_routes; i++)
    {
      const TsRoute *r = ts_playbook_get_route (playbook, i);
      const TsExpr *conditions[] = { r->when, r->readiness };
      const char *const members[] = { "when", "readiness" };

      g_string_append_printf (s, "\n    WHEN %s", truth (d, TRUE));
      for (guint k = 0; k < G_N_ELEMENTS (conditions); k++)
        {
          g_autofree char *sql = NULL;

          if (conditions[k] == NULL)
            continue;
          sql = expr_to_sql (conditions[k], d, moment_name_sql, &mn, NULL, error);
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
  g_string_append (s, "\n  END AS route\n  FROM ts_band),\n");

  /* the guardrails: what each reads, then their verdicts */
  for (guint i = 0; i < n_guardrails; i++)
    append_guardrail_cte (s, d, ts_playbook_get_guardrail (playbook, i), i);
  if (quiet)
    append_local_cte (s, d);
  append_guard_cte (s, d, playbook, quiet);

  g_string_append (s, "SELECT ");
  append_identifier (s, d, "", "customer_id");
  g_string_append (s, ", score, band, route, verdict, held_by");
  for (guint i = 0; i < n_guardrails; i++)
    {
      g_string_append (s, ", ");
      append_identifier (s, d, "guard_", ts_playbook_get_guardrail (playbook, i)->id);
    }
  append_signal_columns (s, d, playbook);
  g_string_append (s, "\nFROM ts_verdict\nORDER BY ");
  append_identifier (s, d, "", "customer_id");
  g_string_append (s, ";\n");
  return g_string_free (g_steal_pointer (&s), FALSE);
}

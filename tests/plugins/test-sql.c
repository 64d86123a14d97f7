/* test-sql.c — the playbook as SQL gives the C engine's numbers
 *
 * The demo workspace is imported, its tables exported as CSV files, those
 * files read back by the CSV plugin (the same data).  With a customer held
 * back by each kind of guardrail added (test-sql-cases.c) they are loaded
 * into an embedded SQLite, where the compiled playbook runs: every
 * customer's score, band, route and guardrail verdicts must be the
 * engine's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <string.h>
#include <touchstone.h>

#include "test-demo-data.h"
#include "test-sql-cases.h"

static TsDataset *demo;
static TsDataset *data;       /* the demo with the guardrails' cases */
static TsPlaybook *playbook;
static TsPlaybook *playbook_json;  /* with signals reading the events' properties */
static char *tables_dir;
static char *cases_dir;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQLite: %s", message);
}

/* One CSV file into its table: an empty field is null, numbers are read
 * as the engine reads them (not by SQLite's own conversion). */
static void
load_table (sqlite3    *db,
            TsDataset  *dataset,
            const char *dir,
            const char *table_name,
            guint       n_fields,
            const char *const *names,
            const gboolean *numbers)
{
  g_autofree char *name = g_strdup_printf ("%s.csv", table_name);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCsvReader) reader = ts_csv_reader_new_for_path (path, NULL, &error);
  g_autoptr(GString) insert = g_string_new (NULL);
  TsCsvCursor *cursor;
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;
  gsize len;

  g_assert_no_error (error);
  g_string_printf (insert, "INSERT INTO \"%s\" VALUES (?", table_name);
  for (guint f = 1; f < n_fields; f++)
    g_string_append (insert, ", ?");
  g_string_append (insert, ")");
  g_assert_cmpint (sqlite3_prepare_v2 (db, insert->str, -1, &stmt, NULL), ==, SQLITE_OK);

  ts_csv_reader_get_data (reader, &len);
  cursor = ts_csv_cursor_new (reader, 0, len, ts_csv_reader_get_first_line (reader));
  for (gboolean header = TRUE; ts_csv_cursor_next (cursor, &error); header = FALSE)
    {
      guint n;
      const TsCsvField *fields = ts_csv_cursor_get_fields (cursor, &n);

      g_assert_cmpuint (n, ==, n_fields);
      for (guint f = 0; f < n; f++)
        {
          g_autofree char *text = g_strndup (fields[f].data, fields[f].len);

          if (header)
            g_assert_cmpstr (text, ==, names[f]);
          else if (fields[f].len == 0)
            sqlite3_bind_null (stmt, f + 1);
          else if (numbers[f])
            sqlite3_bind_double (stmt, f + 1, g_ascii_strtod (text, NULL));
          else
            sqlite3_bind_text (stmt, f + 1, text, -1, SQLITE_TRANSIENT);
        }
      if (header)
        continue;
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      n_rows++;
    }
  g_assert_no_error (error);
  if (dataset)
    g_assert_cmpuint (n_rows, ==, ts_dataset_get_n_rows (dataset, ts_table_from_name (table_name)));
  ts_csv_cursor_free (cursor);
  sqlite3_finalize (stmt);
}

static sqlite3 *
open_tables (TsDataset  *dataset,
             const char *dir)
{
  static const char *const zone_fields[] = { "time_zone", "starts_at", "ends_at", "utc_offset" };
  static const gboolean zone_numbers[] = { FALSE, FALSE, FALSE, TRUE };
  g_autofree char *schema_path = g_build_filename (dir, "schema.sql", NULL);
  g_autofree char *schema = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_file_get_contents (schema_path, &schema, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  exec_sql (db, schema);
  exec_sql (db, "BEGIN");
  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      const char *names[TS_MAX_ROW_FIELDS];
      gboolean numbers[TS_MAX_ROW_FIELDS];

      for (guint f = 0; f < ts_table_get_n_fields (t); f++)
        {
          names[f] = ts_table_get_field (t, f)->name;
          numbers[f] = ts_table_get_field (t, f)->type == TS_FIELD_TYPE_NUMBER;
        }
      load_table (db, dataset, dir, ts_table_get_name (t), ts_table_get_n_fields (t), names, numbers);
    }
  load_table (db, NULL, dir, "zones", G_N_ELEMENTS (zone_fields), zone_fields, zone_numbers);
  exec_sql (db, "COMMIT");
  return db;
}

/* The script's statements, run in turn; the rows of the last, a SELECT. */
static sqlite3_stmt *
run_script (sqlite3    *db,
            const char *sql)
{
  const char *rest = sql;
  sqlite3_stmt *stmt = NULL;

  for (;;)
    {
      const char *tail = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, rest, -1, &stmt, &tail), ==, SQLITE_OK);
      g_assert_nonnull (stmt);
      while (*tail && g_ascii_isspace (*tail))
        tail++;
      if (*tail == '\0')
        return stmt;
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      rest = tail;
    }
}

typedef struct
{
  sqlite3_stmt *stmt;
  GPtrArray    *texts;   /* this row's doubles as text */
} ResultRow;

/* a column of the row: a double with all its digits */
static const char *
row_column (const char *name,
            gpointer    user_data)
{
  ResultRow *row = user_data;

  for (int i = 0; i < sqlite3_column_count (row->stmt); i++)
    if (g_str_equal (sqlite3_column_name (row->stmt, i), name))
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        switch (sqlite3_column_type (row->stmt, i))
          {
          case SQLITE_NULL:
            return NULL;
          case SQLITE_FLOAT:
          case SQLITE_INTEGER:
            g_ascii_formatd (buf, sizeof buf, "%.17g", sqlite3_column_double (row->stmt, i));
            g_ptr_array_add (row->texts, g_strdup (buf));
            return g_ptr_array_index (row->texts, row->texts->len - 1);
          default:
            return (const char *) sqlite3_column_text (row->stmt, i);
          }
      }
  return NULL;
}

/* Every customer the script scores and decides as the engine does, as of
 * the moment @i. */
static void
assert_sql_equals_engine (sqlite3    *db,
                          TsPlaybook *pb,
                          guint       i,
                          GHashTable *routes,
                          GHashTable *bands,
                          guint      *held)
{
  g_autoptr(GError) error = NULL;
  TsTime as_of = test_sql_moment (data, i);
  g_autofree char *sql = ts_sql_compile_playbook (pb, TS_SQL_SQLITE, i == 0 ? TS_TIME_NULL : as_of, &error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  ResultRow row = { NULL, texts };
  TestSqlRun run;

  g_assert_no_error (error);
  test_sql_run_init (&run, data, pb, as_of);
  row.stmt = run_script (db, sql);
  while (sqlite3_step (row.stmt) == SQLITE_ROW)
    {
      int c = ts_dataset_find_customer (data, (const char *) sqlite3_column_text (row.stmt, 0));

      test_sql_run_check_row (&run, row_column, &row);
      g_hash_table_add (routes, g_strdup (row_column ("route", &row)));
      g_hash_table_add (bands, ts_scores_get_band (run.scores, c)->id);
      g_ptr_array_set_size (texts, 0);
    }
  sqlite3_finalize (row.stmt);
  test_sql_run_finish (&run, pb == playbook ? "SQLite" : "SQLite, signals reading properties", held);
}

static void
test_sqlite_equals_engine (void)
{
  sqlite3 *db = open_tables (data, cases_dir);
  g_autoptr(GHashTable) routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) bands = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *held = g_new0 (guint, ts_playbook_get_n_guardrails (playbook));
  gboolean kinds[TS_GUARDRAIL_NO_PITCH + 1] = { FALSE, };

  /* the default moment, found by the script itself, and one during the
   * demo's outage: the records after it unseen, cases closed later still
   * open, customers in several bands */
  g_autofree guint *held_json = g_new0 (guint, ts_playbook_get_n_guardrails (playbook_json));

  for (guint i = 0; i < TEST_SQL_N_MOMENTS; i++)
    {
      assert_sql_equals_engine (db, playbook, i, routes, bands, held);
      assert_sql_equals_engine (db, playbook_json, i, routes, bands, held_json);
    }
  sqlite3_close (db);
  /* the signals reading the properties measure something */
  for (guint i = ts_playbook_get_n_signals (playbook); i < ts_playbook_get_n_signals (playbook_json); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TsScores) scores = ts_scorer_run (data, playbook_json, test_sql_moment (data, 0), NULL, &error);
      guint n = 0;

      g_assert_no_error (error);
      for (guint c = 0; c < ts_scores_get_n_customers (scores); c++)
        n += ts_scores_get_signal (scores, c, i)->raw > 0;
      g_test_message ("%s: %u customers", ts_playbook_get_signal (playbook_json, i)->id, n);
      g_assert_cmpuint (n, >, 0);
    }
  /* not equal by saying the same of everyone */
  g_test_message ("%u bands and %u routes taken", g_hash_table_size (bands), g_hash_table_size (routes));
  g_assert_cmpuint (g_hash_table_size (bands), >=, 2);
  g_assert_cmpuint (g_hash_table_size (routes), >=, 3);
  /* every kind of guardrail held someone back */
  for (guint i = 0; i < ts_playbook_get_n_guardrails (playbook); i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (playbook, i);

      g_test_message ("%s held back %u", g->id, held[i]);
      kinds[g->kind] |= held[i] > 0;
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_assert_true (kinds[k]);
}

/* The CSV files are the data: read back by the CSV plugin, they make the
 * same dataset, which scores the same. */
static void
test_tables_round_trip (void)
{
  g_autoptr(TsPluginManager) plugins = ts_plugin_manager_new (NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TsDataset) back = NULL;
  g_autoptr(TsScores) before = NULL;
  g_autoptr(TsScores) after = NULL;
  g_autoptr(GError) error = NULL;
  TsTime as_of = ts_scorer_default_as_of (demo);

  for (guint t = 0; t < TS_N_TABLES; t++)
    if (ts_dataset_get_n_rows (demo, t) > 0)
      {
        g_autofree char *name = g_strdup_printf ("%s.csv", ts_table_get_name (t));
        g_ptr_array_add (paths, g_build_filename (tables_dir, name, NULL));
      }
  g_ptr_array_add (paths, NULL);
  back = ts_importer_import (plugins, (const char *const *) paths->pdata, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint t = 0; t < TS_N_TABLES; t++)
    g_assert_cmpuint (ts_dataset_get_n_rows (back, t), ==, ts_dataset_get_n_rows (demo, t));
  g_assert_cmpuint (ts_scorer_default_as_of (back), ==, as_of);

  before = ts_scorer_run (demo, playbook, as_of, NULL, &error);
  g_assert_no_error (error);
  after = ts_scorer_run (back, playbook, as_of, NULL, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < ts_scores_get_n_customers (before); c++)
    {
      int k = ts_dataset_find_customer (back, ts_dataset_get_customer_id (demo, c));

      g_assert_cmpint (k, >=, 0);
      g_assert_cmpfloat (ts_scores_get_score (after, k), ==, ts_scores_get_score (before, c));
    }
}

/* What a condition says in C it says in SQL, for values and for nothing. */
static void
test_conditions (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  for (guint i = 0; test_sql_conditions[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TsExpr) e = ts_expr_parse (test_sql_conditions[i], &error);
      g_autofree char *sql = NULL;
      g_autofree char *query = NULL;

      g_assert_no_error (error);
      sql = ts_expr_to_sql (e, TS_SQL_SQLITE, test_sql_value_name, NULL, &error);
      g_assert_no_error (error);
      query = g_strdup_printf ("SELECT %s FROM (SELECT ?1 AS x, ?2 AS s, ?3 AS b)", sql);
      for (guint r = 0; r < TEST_SQL_N_VALUES; r++)
        {
          const TestSqlValues *row = &test_sql_values[r];
          sqlite3_stmt *stmt = NULL;
          gboolean engine = FALSE;

          g_assert_no_error (error);
          g_assert_true (ts_expr_eval_bool (e, test_sql_value_resolve, (gpointer) row, &engine, &error));
          g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
          row->x ? sqlite3_bind_double (stmt, 1, g_ascii_strtod (row->x, NULL)) : sqlite3_bind_null (stmt, 1);
          row->s ? sqlite3_bind_text (stmt, 2, row->s, -1, SQLITE_STATIC) : sqlite3_bind_null (stmt, 2);
          row->b ? sqlite3_bind_int (stmt, 3, atoi (row->b)) : sqlite3_bind_null (stmt, 3);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_type (stmt, 0), !=, SQLITE_NULL);
          if (sqlite3_column_int (stmt, 0) != engine)
            g_error ("%s with x=%s s=%s b=%s: C says %d, SQL (%s) %d", test_sql_conditions[i], row->x, row->s,
                     row->b, engine, sql, sqlite3_column_int (stmt, 0));
          sqlite3_finalize (stmt);
        }
    }
  sqlite3_close (db);
}

/* zones.csv gives each time zone the customers name its offsets, the
 * changes to the second as GLib finds them; unknown zones are left out */
static void
test_zones (void)
{
  g_autofree char *path = g_build_filename (cases_dir, "zones.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_berlin = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "time_zone,starts_at,ends_at,utc_offset");
  g_assert_null (strstr (text, "Mars/"));
  /* no summer time since 1951 */
  g_assert_nonnull (strstr (text, "\r\nAsia/Tokyo,,,32400\r\n"));
  for (guint l = 1; lines[l] && *lines[l]; l++)
    if (g_str_has_prefix (lines[l], "Europe/Berlin,"))
      {
        n_berlin++;
        /* summer time in 2025: from March 30 to October 26, at 01:00 UTC */
        if (g_str_has_prefix (lines[l], "Europe/Berlin,2025-03-30T01:00:00Z,"))
          g_assert_cmpstr (lines[l], ==, "Europe/Berlin,2025-03-30T01:00:00Z,2025-10-26T01:00:00Z,7200");
      }
  /* two changes a year since 1980 */
  g_assert_cmpuint (n_berlin, >, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TsWorkspace) workspace = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  demo = test_import_demo (&workspace);
  playbook = ts_playbook_new_for_workspace (workspace, &error);
  g_assert_no_error (error);
  playbook_json = test_sql_playbook_with_properties (workspace);
  tables_dir = g_dir_make_tmp ("touchstone-sql-XXXXXX", &error);
  g_assert_no_error (error);
  ts_sql_write_tables (demo, tables_dir, NULL, &error);
  g_assert_no_error (error);
  cases_dir = g_dir_make_tmp ("touchstone-sql-cases-XXXXXX", &error);
  g_assert_no_error (error);
  data = test_sql_cases_new (demo, cases_dir);

  g_test_add_func ("/plugins/sql/conditions", test_conditions);
  g_test_add_func ("/plugins/sql/tables-round-trip", test_tables_round_trip);
  g_test_add_func ("/plugins/sql/zones", test_zones);
  g_test_add_func ("/plugins/sql/sqlite-equals-engine", test_sqlite_equals_engine);

  ret = g_test_run ();

  test_sql_remove_tables (tables_dir);
  test_sql_remove_tables (cases_dir);
  g_free (tables_dir);
  g_free (cases_dir);
  ts_playbook_unref (playbook);
  ts_playbook_unref (playbook_json);
  g_clear_object (&demo);
  g_clear_object (&data);
  return ret;
}

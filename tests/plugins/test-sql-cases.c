/* test-sql-cases.c — the demo's tables with a customer held back by each
 * kind of guardrail, and a customer's row of the compiled playbook
 * compared with the C engine's decision
 *
 * The demo's customers all live in UTC, are on no list and are touched a
 * few times a year.  To every customer its tables add, by its place
 * among them: a time zone (several, one Touchstone does not know, and
 * none), an onboarding begun days before a moment, a place on the
 * do-not-contact list (or another), email touches (one transactional,
 * one channel in capitals) and phone touches just before each moment,
 * and an open complaint case.  The tables are read back by the CSV plugin
 * for the engine, and loaded as they are into each SQL engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "test-sql-cases.h"

#define DAY_US G_GINT64_CONSTANT (86400000000)

static const char *const zones[] = {
  "", "America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Sydney", "America/Los_Angeles",
  "Mars/Olympus_Mons",
};

/**
 * test_sql_moment:
 *
 * The moments the scripts are run as of: the default one (the midnight
 * after the latest record), and one during the demo's outage, when cases
 * closed later are still open.
 */
TsTime
test_sql_moment (TsDataset *dataset,
                 guint      i)
{
  g_assert_cmpuint (i, <, TEST_SQL_N_MOMENTS);
  return i == 0 ? ts_scorer_default_as_of (dataset) : ts_timestamp_from_civil (2025, 8, 5, 12, 0, 0, 0);
}

static char *
iso (TsTime t)
{
  return ts_timestamp_format_iso (t);
}

static void
append_to (const char *dir,
           const char *name,
           const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *old = NULL;
  g_autofree char *all = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &old, NULL, &error);
  g_assert_no_error (error);
  all = g_strconcat (old, text, NULL);
  g_file_set_contents (path, all, -1, &error);
  g_assert_no_error (error);
}

/**
 * test_sql_cases_new:
 * @dir: a folder to write the tables into
 *
 * Writes @demo's tables into @dir with the guardrails' cases added (see
 * the top of the file), reads them back and writes them again as
 * ts_sql_write_tables() does (zones.csv too).
 *
 * Returns: (transfer full): the tables, imported
 */
TsDataset *
test_sql_cases_new (TsDataset  *demo,
                    const char *dir)
{
  g_autofree char *customers_path = g_build_filename (dir, "customers.csv", NULL);
  g_autofree char *customers = NULL;
  g_autoptr(GString) rewritten = g_string_new (NULL);
  g_autoptr(GString) lists = g_string_new (NULL);
  g_autoptr(GString) touches = g_string_new (NULL);
  g_autoptr(GString) cases = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPluginManager) plugins = ts_plugin_manager_new (NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  TsTime moments[TEST_SQL_N_MOMENTS];
  int zone_field = ts_table_find_field (TS_TABLE_CUSTOMERS, "timezone");
  int onboarding_field = ts_table_find_field (TS_TABLE_CUSTOMERS, "onboarding_started_at");
  TsDataset *dataset;
  guint k = 0;

  for (guint i = 0; i < TEST_SQL_N_MOMENTS; i++)
    moments[i] = test_sql_moment (demo, i);
  g_assert_true (ts_sql_write_tables (demo, dir, NULL, &error));
  g_assert_no_error (error);

  g_file_get_contents (customers_path, &customers, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (customers, "\r\n", -1);
  g_string_append_printf (rewritten, "%s\r\n", lines[0]);
  for (guint l = 1; lines[l] && *lines[l]; l++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *id = NULL;
      g_autofree char *joined = NULL;

      /* a row without quotes is its fields between commas */
      if (strchr (lines[l], '"'))
        {
          g_string_append_printf (rewritten, "%s\r\n", lines[l]);
          continue;
        }
      fields = g_strsplit (lines[l], ",", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, ts_table_get_n_fields (TS_TABLE_CUSTOMERS));
      id = g_strdup (fields[0]);
      g_free (fields[zone_field]);
      fields[zone_field] = g_strdup (zones[k % G_N_ELEMENTS (zones)]);
      if (k % 17 == 5)
        {
          g_free (fields[onboarding_field]);
          fields[onboarding_field] = iso (moments[k % TEST_SQL_N_MOMENTS] - 3 * DAY_US);
        }
      joined = g_strjoinv (",", fields);
      g_string_append_printf (rewritten, "%s\r\n", joined);

      if (k % 10 == 3)
        g_string_append_printf (lists, "%s,do-not-contact\r\n", id);
      else if (k % 10 == 4)
        g_string_append_printf (lists, "%s,newsletter\r\n", id);
      for (guint i = 0; i < TEST_SQL_N_MOMENTS; i++)
        {
          if (k % 7 == 2)
            for (guint day = 1; day <= 3; day++)
              {
                g_autofree char *at = iso (moments[i] - day * DAY_US - G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC);

                g_string_append_printf (touches, "%s,%s,%s,,%s,\r\n", id, at, day == 2 ? "EMAIL" : "email",
                                        day == 3 ? "Transactional" : "sales");
              }
          if (k % 11 == 6)
            for (guint day = 5; day <= 8; day++)
              {
                g_autofree char *at = iso (moments[i] - day * DAY_US);

                g_string_append_printf (touches, "%s,%s,phone,,retention,\r\n", id, at);
              }
          if (k % 13 == 8)
            {
              g_autofree char *at = iso (moments[i] - 2 * DAY_US);

              g_string_append_printf (cases, "%s,TS-CASE-%u-%u,%s,,,Open,Low,Chat,Complaint,false,\r\n", id, k, i, at);
            }
        }
      k++;
    }
  g_assert_cmpuint (k, >, 100);
  g_file_set_contents (customers_path, rewritten->str, rewritten->len, &error);
  g_assert_no_error (error);
  append_to (dir, "lists.csv", lists->str);
  append_to (dir, "touches.csv", touches->str);
  append_to (dir, "cases.csv", cases->str);

  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", ts_table_get_name (t));
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
    }
  g_ptr_array_add (paths, NULL);
  dataset = ts_importer_import (plugins, (const char *const *) paths->pdata, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* the cases added are before the latest record: the moments stay */
  for (guint i = 0; i < TEST_SQL_N_MOMENTS; i++)
    g_assert_cmpint (test_sql_moment (dataset, i), ==, moments[i]);
  g_assert_true (ts_sql_write_tables (dataset, dir, NULL, &error));
  g_assert_no_error (error);
  return dataset;
}

/**
 * test_sql_playbook_with_properties:
 *
 * The workspace's playbook with three more signals, whose filters read
 * the events' JSON properties: as strings in a list, as a number, and as
 * anything compared with nothing.
 *
 * Returns: (transfer full): the playbook
 */
TsPlaybook *
test_sql_playbook_with_properties (TsWorkspace *workspace)
{
  static const char signals[] =
    "["
    "{\"id\": \"reports\", \"table\": \"events\", \"measure\": \"count\", \"window\": \"30d\","
    " \"filter\": \"name == \\\"feature_used\\\" and properties.feature in [\\\"reports\\\", \\\"exports\\\"]\","
    " \"normalise\": {\"kind\": \"cap\", \"cap\": 40}},"
    "{\"id\": \"long_reads\", \"table\": \"events\", \"measure\": \"count\", \"window\": \"90d\","
    " \"filter\": \"properties.seconds >= 60 and not properties.seconds > 600\","
    " \"normalise\": {\"kind\": \"cap\", \"cap\": 3}},"
    "{\"id\": \"coded_errors\", \"table\": \"events\", \"measure\": \"exists\", \"window\": \"14d\","
    " \"filter\": \"properties.code != null and properties.screen != \\\"settings\\\" and properties.none == null\","
    " \"normalise\": {\"kind\": \"cap\", \"cap\": 1}}"
    "]";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = ts_playbook_dup_workspace_json (workspace, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *list;
  JsonArray *more;
  TsPlaybook *playbook;

  g_assert_no_error (error);
  json_parser_load_from_data (parser, signals, -1, &error);
  g_assert_no_error (error);
  list = json_object_get_array_member (object, "signals");
  more = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (more); i++)
    json_array_add_element (list, json_node_copy (json_array_get_element (more, i)));
  playbook = ts_playbook_new_from_json (object, &error);
  g_assert_no_error (error);
  return playbook;
}

/* every file ts_sql_write_tables() wrote into @dir, and @dir */
void
test_sql_remove_tables (const char *dir)
{
  for (guint t = 0; t <= TS_N_TABLES; t++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", t < TS_N_TABLES ? ts_table_get_name (t) : "zones");
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  {
    g_autofree char *schema = g_build_filename (dir, "schema.sql", NULL);
    g_unlink (schema);
  }
  g_rmdir (dir);
}

void
test_sql_run_init (TestSqlRun *run,
                   TsDataset  *dataset,
                   TsPlaybook *playbook,
                   TsTime      as_of)
{
  g_autoptr(GError) error = NULL;

  *run = (TestSqlRun) { NULL, };
  run->scores = ts_scorer_run (dataset, playbook, as_of, NULL, &error);
  g_assert_no_error (error);
  run->seen = g_hash_table_new (g_str_hash, g_str_equal);
  run->held = g_new0 (guint, ts_playbook_get_n_guardrails (playbook));
}

static const char *
need_column (TestSqlColumnFunc  column,
             gpointer           user_data,
             const char        *name,
             gboolean           nullable)
{
  const char *text = column (name, user_data);

  if (text == NULL && !nullable)
    g_error ("the script gives no %s", name);
  return text;
}

/**
 * test_sql_run_check_row:
 *
 * Compares one row of the script's output with the engine: the score
 * within 1e-9, each raw measure within 1e-9 (null where the engine has
 * none), the band, the route, every guardrail's verdict, the verdict and
 * the first guardrail holding the touch back.
 */
void
test_sql_run_check_row (TestSqlRun        *run,
                        TestSqlColumnFunc  column,
                        gpointer           user_data)
{
  TsPlaybook *playbook = ts_scores_get_playbook (run->scores);
  TsDataset *dataset = ts_scores_get_dataset (run->scores);
  const char *id = need_column (column, user_data, "customer_id", FALSE);
  int c = ts_dataset_find_customer (dataset, id);
  g_autoptr(TsDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  const char *held_by = NULL;
  double score;

  if (c < 0)
    g_error ("the script gives a customer %s the engine does not know", id);
  g_assert_false (g_hash_table_contains (run->seen, ts_dataset_get_customer_id (dataset, c)));
  g_hash_table_add (run->seen, (gpointer) ts_dataset_get_customer_id (dataset, c));
  decision = ts_decide (run->scores, c, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ts_playbook_get_n_signals (playbook); i++)
    {
      const TsSignal *s = ts_playbook_get_signal (playbook, i);
      g_autofree char *raw_name = g_strdup_printf ("raw_%s", s->id);
      const char *raw = need_column (column, user_data, raw_name, TRUE);
      double engine = ts_scores_get_signal (run->scores, c, i)->raw;

      if (isnan (engine))
        g_assert_null (raw);
      else
        {
          g_assert_nonnull (raw);
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (raw, NULL), engine, 1e-9);
        }
    }
  score = g_ascii_strtod (need_column (column, user_data, "score", FALSE), NULL);
  run->max_delta = MAX (run->max_delta, fabs (score - ts_scores_get_score (run->scores, c)));
  g_assert_cmpfloat_with_epsilon (score, ts_scores_get_score (run->scores, c), 1e-9);
  g_assert_cmpstr (need_column (column, user_data, "band", FALSE), ==, ts_scores_get_band (run->scores, c)->id);
  g_assert_cmpstr (need_column (column, user_data, "route", FALSE), ==,
                   ts_playbook_get_route (playbook, decision->route)->id);

  for (guint i = 0; i < ts_playbook_get_n_guardrails (playbook); i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (playbook, i);
      g_autofree char *guard_name = g_strdup_printf ("guard_%s", g->id);
      const char *verdict = need_column (column, user_data, guard_name, FALSE);

      if (g_strcmp0 (verdict, decision->verdicts[i].blocks ? "hold" : "pass") != 0)
        g_error ("%s: guardrail %s says %s in SQL, the engine %s (%s)", id, g->id, verdict,
                 decision->verdicts[i].blocks ? "hold" : "pass", decision->verdicts[i].reason);
      if (decision->verdicts[i].blocks)
        {
          run->held[i]++;
          held_by = held_by ? held_by : g->id;
        }
    }
  g_assert_cmpstr (need_column (column, user_data, "verdict", FALSE), ==, decision->held_back ? "hold" : "pass");
  g_assert_cmpstr (need_column (column, user_data, "held_by", TRUE), ==, held_by);
  run->n++;
}

/**
 * test_sql_run_finish:
 * @held: (inout): per guardrail, the customers held back, added to
 *
 * Checks that the script gave every customer, and frees @run.
 */
void
test_sql_run_finish (TestSqlRun *run,
                     const char *engine,
                     guint      *held)
{
  TsPlaybook *playbook = ts_scores_get_playbook (run->scores);

  g_assert_cmpuint (run->n, ==, ts_scores_get_n_customers (run->scores));
  g_test_message ("%s: %u customers, each score, band, route and guardrail verdict the engine's; "
                  "largest difference of a score %.3g", engine, run->n, run->max_delta);
  for (guint i = 0; i < ts_playbook_get_n_guardrails (playbook); i++)
    held[i] += run->held[i];
  g_clear_pointer (&run->held, g_free);
  g_clear_pointer (&run->seen, g_hash_table_unref);
  g_clear_pointer (&run->scores, ts_scores_unref);
}

/* every construct of the conditions, NULL-terminated */
const char *const test_sql_conditions[] = {
  "x > 2", "not x > 2", "x == null", "x != null", "not (x < 2 or s == \"a\")",
  "s in [\"a\", null]", "s not in [\"a\"]", "x / 0 == null", "x * 2 + 1 >= 7",
  "-x < -2 and s != \"b\"", "x / 2 == 2.5", "b", "not b", "b == true", "x >= 3d / 1d",
  "s < \"b\"", "b != false or x == 1",
  NULL
};

const TestSqlValues test_sql_values[TEST_SQL_N_VALUES] = {
  { NULL, NULL, NULL }, { "1", "a", "1" }, { "5", "b", "0" }, { "3", "", "1" },
};

gboolean
test_sql_value_resolve (const char  *name,
                        TsExprValue *out,
                        gpointer     values)
{
  const TestSqlValues *row = values;

  out->type = TS_VALUE_NULL;
  if (g_str_equal (name, "x") && row->x)
    *out = (TsExprValue) { TS_VALUE_NUMBER, g_ascii_strtod (row->x, NULL), NULL };
  else if (g_str_equal (name, "s") && row->s)
    *out = (TsExprValue) { TS_VALUE_STRING, 0, row->s };
  else if (g_str_equal (name, "b") && row->b)
    *out = (TsExprValue) { TS_VALUE_BOOLEAN, atoi (row->b), NULL };
  return g_str_equal (name, "x") || g_str_equal (name, "s") || g_str_equal (name, "b");
}

/* x, s and b are the query's columns of those names */
char *
test_sql_value_name (const char *name,
                     gpointer    user_data)
{
  TsExprValue v;
  TestSqlValues none = { NULL, NULL, NULL };

  return test_sql_value_resolve (name, &v, &none) ? g_strdup (name) : NULL;
}

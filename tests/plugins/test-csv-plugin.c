/* test-csv-plugin.c — the CSV data source, loaded as a plugin from the build tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <touchstone.h>

static TsPluginManager *plugins;
/* a directory of this run's own, so runs side by side never share a file */
static char *tmp_dir;

static char *
data_path (const char *sub,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", sub, name, NULL);
}

static TsDataset *
import_paths (const char *const *paths,
              TsMapping         *mapping,
              GError           **error)
{
  return ts_importer_import (plugins, paths, mapping, NULL, NULL, error);
}

static TsDataset *
import_one (const char *sub,
            const char *name,
            GError    **error)
{
  g_autofree char *path = data_path (sub, name);
  const char *paths[] = { path, NULL };

  return import_paths (paths, NULL, error);
}

static TsDataset *
import_ok (const char *sub,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  TsDataset *ds = import_one (sub, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

static gboolean
has_problem (TsDataset  *ds,
             guint64     line,
             const char *needle)
{
  GPtrArray *problems = ts_dataset_get_problems (ds);

  for (guint i = 0; i < problems->len; i++)
    {
      TsProblem *p = problems->pdata[i];
      if ((line == 0 || p->line == line) && strstr (p->message, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static const char *
customer_string (TsDataset *ds,
                 const char *id,
                 TsCustomerField field)
{
  int row = ts_dataset_find_customer (ds, id);
  const guint32 *col = ts_dataset_get_column (ds, TS_TABLE_CUSTOMERS, field);

  g_assert_cmpint (row, >=, 0);
  return ts_dataset_get_string (ds, col[row]);
}

static TsTime
iso (const char *s)
{
  TsTime t = 0;
  g_assert_true (ts_timestamp_parse (s, strlen (s), TS_TIME_FORMAT_ISO8601, NULL, &t));
  return t;
}

/* ---------------------------------------------------------------------- */

static void
test_discovery (void)
{
  TsSource *csv = ts_plugin_manager_find_source (plugins, "csv");
  const char *const *patterns;

  g_assert_nonnull (csv);
  g_assert_true (TS_IS_SOURCE (csv));
  g_assert_cmpstr (ts_source_get_name (csv), ==, "CSV files");
  patterns = ts_source_get_patterns (csv);
  g_assert_true (g_strv_contains (patterns, "*.csv"));
  g_assert_cmpuint (ts_plugin_manager_get_problems (plugins)->len, ==, 0);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_discovery_bad_plugins (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("ts-plugins-XXXXXX", NULL);
  g_autofree char *abi_dir = g_build_filename (tmp, "old", NULL);
  g_autofree char *missing_dir = g_build_filename (tmp, "missing", NULL);
  g_autofree char *abi_file = g_build_filename (abi_dir, "old.plugin", NULL);
  g_autofree char *missing_file = g_build_filename (missing_dir, "missing.plugin", NULL);
  g_autofree char *build_plugins = g_strdup (g_getenv ("TOUCHSTONE_PLUGIN_PATH"));
  const char *path[] = { tmp, build_plugins, NULL };
  g_autoptr(TsPluginManager) manager = NULL;
  GPtrArray *problems;
  gboolean saw_abi = FALSE, saw_missing = FALSE;

  g_mkdir (abi_dir, 0700);
  g_mkdir (missing_dir, 0700);
  write_file (abi_file, "[Plugin]\nModule=old\nName=Old\nX-Ts-ABI=0\n");
  write_file (missing_file, "[Plugin]\nModule=missing\nName=Missing\nX-Ts-ABI=" G_STRINGIFY (TS_PLUGIN_ABI) "\n");

  g_test_expect_message ("libpeas", G_LOG_LEVEL_WARNING, "*Failed to load module 'missing'*");
  g_test_expect_message ("libpeas", G_LOG_LEVEL_WARNING, "*Error loading plugin 'missing'*");
  manager = ts_plugin_manager_new (path);
  g_test_assert_expected_messages ();

  /* the good plugin still loads */
  g_assert_nonnull (ts_plugin_manager_find_source (manager, "csv"));

  problems = ts_plugin_manager_get_problems (manager);
  for (guint i = 0; i < problems->len; i++)
    {
      TsProblem *p = problems->pdata[i];
      saw_abi |= strstr (p->message, "ABI 0") != NULL;
      saw_missing |= strstr (p->message, "“missing” could not be loaded") != NULL;
    }
  g_assert_true (saw_abi);
  g_assert_true (saw_missing);

  g_remove (abi_file);
  g_remove (missing_file);
  g_rmdir (abi_dir);
  g_rmdir (missing_dir);
  g_rmdir (tmp);
}

static void
test_probe (void)
{
  TsSource *csv = ts_plugin_manager_find_source (plugins, "csv");
  g_autofree char *good = data_path ("quirks", "customers-bom.csv");
  g_autofree char *tmp = g_build_filename (tmp_dir, "ts-probe-zip.csv", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) zip_file = g_file_new_for_path (tmp);

  g_assert_cmpuint (ts_source_probe (csv, good_file, NULL), >=, 80);
  g_file_set_contents (tmp, "PK\003\004rest-of-a-zip", -1, NULL);
  g_assert_cmpuint (ts_source_probe (csv, zip_file, NULL), ==, 0);
  g_remove (tmp);
}

/* ---------------------------------------------------------------------- */
/* quirks of real exports                                                 */

static void
test_bom_crlf_quotes (void)
{
  g_autoptr(TsDataset) ds = import_ok ("quirks", "customers-bom.csv");

  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 2);
  /* the byte order mark did not end up in the first header */
  g_assert_cmpstr (customer_string (ds, "C-00042", TS_CUSTOMER_EMAIL), ==, "ana@example.com");
  g_assert_cmpstr (customer_string (ds, "C-00043", TS_CUSTOMER_NAME), ==, "Bob \"Bobby\" Lee");
  g_assert_cmpstr (customer_string (ds, "C-00043", TS_CUSTOMER_PLAN), ==, "free");
}

static void
test_semicolon_dmy_multiline (void)
{
  g_autoptr(TsDataset) ds = import_ok ("quirks", "tickets-semicolon.csv");
  const TsCases *cases = ts_dataset_get_cases (ds);
  gboolean found = FALSE;

  g_assert_cmpuint (cases->n_rows, ==, 3);
  for (guint i = 0; i < cases->n_rows; i++)
    if (g_strcmp0 (ts_dataset_get_string (ds, cases->case_id[i]), "4711") == 0)
      {
        found = TRUE;
        g_assert_cmpint (cases->opened_at[i], ==, iso ("2023-01-15T10:22:00Z"));
        g_assert_cmpstr (ts_dataset_get_string (ds, cases->priority[i]), ==, "High");
      }
  g_assert_true (found);
}

static void
test_qualtrics (void)
{
  g_autoptr(TsDataset) ds = import_ok ("quirks", "survey-qualtrics.csv");
  const TsResponses *r = ts_dataset_get_responses (ds);
  int ana = ts_dataset_find_customer (ds, "ana@example.com");

  g_assert_cmpuint (r->n_rows, ==, 2);
  g_assert_cmpint (ana, >=, 0);
  g_assert_cmpuint (r->by_customer[ana + 1] - r->by_customer[ana], ==, 1);
  g_assert_cmpfloat (r->score[r->by_customer[ana]], ==, 9.0);
  g_assert_cmpstr (ts_dataset_get_string (ds, r->kind[r->by_customer[ana]]), ==, "nps");
  g_assert_cmpstr (ts_dataset_get_string (ds, r->comment[r->by_customer[ana]]), ==, "Fast support, thanks");
  g_assert_cmpint (r->at[r->by_customer[ana]], ==, iso ("2023-01-15T10:25:02Z"));
}

static void
test_epochs (void)
{
  g_autoptr(TsDataset) ms = import_ok ("quirks", "events-epoch-ms.csv");
  g_autoptr(TsDataset) s = import_ok ("quirks", "events-epoch-s.csv");
  TsTime first, last;

  g_assert_true (ts_dataset_get_time_range (ms, TS_TABLE_EVENTS, &first, &last));
  g_assert_cmpint (first, ==, G_GINT64_CONSTANT (1696470000000) * 1000);
  g_assert_cmpint (last, ==, G_GINT64_CONSTANT (1696470462486) * 1000);
  g_assert_true (ts_dataset_get_time_range (s, TS_TABLE_EVENTS, &first, &last));
  g_assert_cmpint (last, ==, G_GINT64_CONSTANT (1696470452) * 1000000);
}

static void
test_day_month_order (void)
{
  g_autoptr(TsDataset) mdy = import_ok ("quirks", "events-mdy.csv");
  g_autoptr(TsDataset) dmy = import_ok ("quirks", "events-dmy.csv");
  g_autoptr(TsDataset) amb = import_ok ("quirks", "events-ambiguous.csv");
  TsTime first, last;
  TsSourceInfo *info;

  g_assert_true (ts_dataset_get_time_range (mdy, TS_TABLE_EVENTS, &first, &last));
  g_assert_cmpint (first, ==, iso ("2022-12-31T23:59:00Z"));
  g_assert_cmpint (last, ==, iso ("2023-02-03T13:05:00Z"));

  g_assert_true (ts_dataset_get_time_range (dmy, TS_TABLE_EVENTS, &first, &last));
  g_assert_cmpint (first, ==, iso ("2023-01-02T00:00:00Z"));
  g_assert_cmpint (last, ==, iso ("2023-12-25T00:00:00Z"));

  /* ambiguous: assumed, and said so */
  g_assert_true (has_problem (amb, 0, "no value tells day from month"));
  info = ts_dataset_get_sources (amb)->pdata[0];
  g_assert_cmpuint (ts_source_info_get_notes (info)->len, >=, 1);
}

static void
test_excel_sep_line (void)
{
  g_autoptr(TsDataset) ds = import_ok ("quirks", "excel-sep.csv");
  TsSourceInfo *info = ts_dataset_get_sources (ds)->pdata[0];

  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 2);
  g_assert_cmpstr (ts_source_info_get_detail (info, "delimiter"), ==, "semicolon");
  g_assert_cmpstr (customer_string (ds, "C2", TS_CUSTOMER_EMAIL), ==, "b@example.com");
}

static void
test_utf16 (void)
{
  g_autoptr(TsDataset) le = import_ok ("quirks", "customers-utf16le.csv");
  g_autoptr(TsDataset) be = import_ok ("quirks", "customers-utf16be.csv");

  g_assert_cmpstr (customer_string (le, "C1", TS_CUSTOMER_NAME), ==, "Zoë Müller");
  g_assert_cmpstr (customer_string (le, "C2", TS_CUSTOMER_NAME), ==, "José");
  g_assert_cmpstr (customer_string (be, "C1", TS_CUSTOMER_NAME), ==, "Zoë");
}

static void
test_windows_1252 (void)
{
  g_autoptr(TsDataset) ds = import_ok ("quirks", "customers-cp1252.csv");

  g_assert_cmpstr (customer_string (ds, "C1", TS_CUSTOMER_NAME), ==, "René Müller");
  g_assert_cmpstr (customer_string (ds, "C2", TS_CUSTOMER_NAME), ==, "Price €");
  g_assert_true (has_problem (ds, 0, "Windows-1252"));
}

static void
test_null_markers_and_offsets (void)
{
  g_autoptr(TsDataset) ds = import_ok ("quirks", "events-nulls.csv");
  const TsEvents *e = ts_dataset_get_events (ds);
  int c1 = ts_dataset_find_customer (ds, "C1");
  int c2 = ts_dataset_find_customer (ds, "C2");
  int c3 = ts_dataset_find_customer (ds, "C3");

  g_assert_cmpuint (e->n_rows, ==, 3);
  for (guint i = 0; i < e->n_rows; i++)
    g_assert_cmpuint (e->channel[i], ==, TS_STR_NULL);
  g_assert_true (isnan (e->value[e->by_customer[c1]]));
  g_assert_cmpfloat (e->value[e->by_customer[c2]], ==, 2.5);
  g_assert_true (isnan (e->value[e->by_customer[c3]]));
  /* +0000 without a colon, and +02:00 */
  g_assert_cmpint (e->at[e->by_customer[c1]], ==, iso ("2025-06-01T10:00:00Z"));
  g_assert_cmpint (e->at[e->by_customer[c2]], ==, iso ("2025-06-01T09:00:00Z"));
}

static void
test_bare_cr (void)
{
  g_autoptr(TsDataset) ds = import_ok ("quirks", "events-cr.csv");

  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 2);
  g_assert_cmpint (ts_dataset_find_customer (ds, "C2"), >=, 0);
}

static void
test_touches_and_lists (void)
{
  g_autoptr(TsDataset) t = import_ok ("quirks", "touches.csv");
  g_autoptr(TsDataset) l = import_ok ("quirks", "suppression-list.csv");
  const TsTouches *touches = ts_dataset_get_touches (t);
  const TsLists *lists = ts_dataset_get_lists (l);

  g_assert_cmpuint (touches->n_rows, ==, 1);
  g_assert_cmpstr (ts_dataset_get_string (t, touches->promise[0]), ==, "We answer within a day");
  g_assert_cmpstr (ts_dataset_get_string (t, touches->kind[0]), ==, "marketing");
  g_assert_cmpuint (lists->n_rows, ==, 2);
  g_assert_cmpstr (ts_dataset_get_string (l, lists->list[0]), ==, "do_not_contact");
  /* e-mail identities become customers with that e-mail */
  g_assert_cmpstr (customer_string (l, "a@example.com", TS_CUSTOMER_EMAIL), ==, "a@example.com");
}

static void
test_extra_columns_to_properties (void)
{
  g_autoptr(TsDataset) ds = import_ok ("quirks", "events-extra-columns.csv");
  const TsEvents *e = ts_dataset_get_events (ds);
  int c1 = ts_dataset_find_customer (ds, "C1");
  int c2 = ts_dataset_find_customer (ds, "C2");

  g_assert_cmpstr (ts_dataset_get_string (ds, e->properties[e->by_customer[c1]]), ==,
                   "{\"page\":\"/pricing\",\"plan\":\"pro\"}");
  g_assert_cmpstr (ts_dataset_get_string (ds, e->properties[e->by_customer[c2]]), ==,
                   "{\"plan\":\"free\"}");
}

static void
test_mapping_overrides (void)
{
  g_autofree char *csv = data_path ("mapping", "odd.csv");
  g_autofree char *json = data_path ("mapping", "odd.json");
  const char *paths[] = { csv, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = ts_mapping_new_from_file (json, &error);
  g_autoptr(TsDataset) ds = NULL;
  const TsEvents *e;
  int x1;

  g_assert_no_error (error);
  ds = import_paths (paths, mapping, &error);
  g_assert_no_error (error);
  e = ts_dataset_get_events (ds);
  g_assert_cmpuint (e->n_rows, ==, 2);
  x1 = ts_dataset_find_customer (ds, "X1");
  g_assert_cmpint (x1, >=, 0);
  g_assert_cmpstr (ts_dataset_get_string (ds, e->name[e->by_customer[x1]]), ==, "signup");
  /* 10:00 in Berlin in January is 09:00 UTC */
  g_assert_cmpint (e->at[e->by_customer[x1]], ==, iso ("2023-01-15T09:00:00Z"));
  g_assert_cmpstr (ts_dataset_get_string (ds, e->channel[e->by_customer[x1]]), ==, "import");
  /* "junk": null means ignored, not kept in properties */
  g_assert_cmpuint (e->properties[e->by_customer[x1]], ==, TS_STR_NULL);
}

/* The mapping's "keep": only the rows with one of its values in a column
 * (case aside) become rows; the others are left out without a warning each,
 * and one note says how many and why.  A column the file does not have is
 * an error naming the file, its header line and the column. */
static void
test_mapping_keep (void)
{
  g_autofree char *customers = data_path ("lms", "customers.csv");
  g_autofree char *progress = data_path ("lms", "course-progress.csv");
  const char *paths[] = { customers, progress, NULL };
  const char *file_mapping =
    "{\"identity\":\"email\",\"files\":{\"course-progress*.csv\":{\"table\":\"events\","
    "\"time_format\":\"mdy\",\"columns\":{\"learner_email\":\"customer_id\",\"completed_at\":\"at\","
    "\"status\":null},\"constants\":{\"name\":\"course_completed\"},\"keep\":";
  struct {
    const char *keep;
    guint       rows;
    guint       left_out;
    gboolean    warned;     /* a kept row without a time is still skipped with a warning */
  } cases[] = {
    { "{\"status\":\"completed\"}", 3, 2, FALSE },
    { "{\"status\":[\"Completed\",\"In Progress\"]}", 3, 1, TRUE },
    { "{\"status\":\"Completed\",\"course_title\":\"Getting Started\"}", 2, 3, FALSE },
    { "{\"status\":\"Expired\"}", 0, 5, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = g_strconcat (file_mapping, cases[i].keep, "}}}", NULL);
      g_autoptr(TsMapping) mapping = ts_mapping_new_from_data (json, -1, &error);
      g_autoptr(TsDataset) ds = NULL;
      g_autofree char *note = NULL;
      TsSourceInfo *info = NULL;
      gboolean noted = FALSE;

      g_assert_no_error (error);
      ds = import_paths (paths, mapping, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ts_dataset_get_events (ds)->n_rows, ==, cases[i].rows);
      /* left out, not skipped: no row is warned about */
      g_assert_true (has_problem (ds, 0, "no readable time") == cases[i].warned);
      for (guint s = 0; s < ts_dataset_get_sources (ds)->len; s++)
        if (g_str_has_suffix (ts_source_info_get_path (ts_dataset_get_sources (ds)->pdata[s]),
                              "course-progress.csv"))
          info = ts_dataset_get_sources (ds)->pdata[s];
      g_assert_nonnull (info);
      g_assert_cmpuint (ts_source_info_get_records (info), ==, 5 - cases[i].left_out);
      note = g_strdup_printf ("%u row%s left out: the mapping keeps only rows with status = ",
                              cases[i].left_out, cases[i].left_out == 1 ? "" : "s");
      for (guint n = 0; n < ts_source_info_get_notes (info)->len; n++)
        noted |= g_str_has_prefix (ts_source_info_get_notes (info)->pdata[n], note);
      g_assert_true (noted);
    }

  /* a column the file does not have */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *json = g_strconcat (file_mapping, "{\"state\":\"Completed\"}}}}", NULL);
    g_autoptr(TsMapping) mapping = ts_mapping_new_from_data (json, -1, &error);
    g_autoptr(TsDataset) ds = NULL;

    g_assert_no_error (error);
    ds = import_paths (paths, mapping, &error);
    g_assert_null (ds);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "course-progress.csv: line 1: "));
    g_assert_nonnull (strstr (error->message, "column “state”"));
  }

  /* a keep that is not column → values: the JSON path */
  {
    const char *bad[][2] = {
      { "{\"keep\":[\"status\"]}", "$.keep: " },
      { "{\"keep\":{\"status\":[]}}", "$.keep[\"status\"]: " },
      { "{\"keep\":{\"status\":[\"a\",3]}}", "$.keep[\"status\"][1]: " },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(TsMapping) mapping = ts_mapping_new_from_data (bad[i][0], -1, &error);

        g_assert_null (mapping);
        g_assert_error (error, TS_MAPPING_ERROR, TS_MAPPING_ERROR_INVALID);
        g_assert_true (g_str_has_prefix (error->message, bad[i][1]));
      }
  }
}

/* A learning platform's course-progress export, mapped to events: keyed by
 * the learner's e-mail, its own date format, the event's name a constant;
 * rows still in progress have no completion time and are skipped with a
 * warning.  The CX driver "helpful training" of the bundled playbook sees
 * the completions, and its onboarding-completion KPI counts the onboarding
 * course: all worked out by hand from the fixture. */
static void
test_lms_export (void)
{
  g_autofree char *customers = data_path ("lms", "customers.csv");
  g_autofree char *progress = data_path ("lms", "course-progress.csv");
  g_autofree char *json = data_path ("lms", "lms.json");
  const char *paths[] = { customers, progress, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = ts_mapping_new_from_file (json, &error);
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(TsPlaybook) pb = NULL;
  g_autoptr(TsDrivers) drivers = NULL;
  g_autoptr(TsScores) scores = NULL;
  g_autoptr(TsOutcomes) outcomes = NULL;
  const TsOutcomeGroup *all;
  const TsEvents *e;
  int c1, c2, c3, training;
  guint r;

  g_assert_no_error (error);
  ds = import_paths (paths, mapping, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_dataset_get_customers (ds)->n_rows, ==, 3);
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (ds), ==, 0);

  /* five rows: three completions, two skipped */
  e = ts_dataset_get_events (ds);
  g_assert_cmpuint (e->n_rows, ==, 3);
  g_assert_true (has_problem (ds, 3, "no readable time"));
  g_assert_true (has_problem (ds, 4, "no readable time"));

  /* joined by e-mail to the customer file's ids */
  c1 = ts_dataset_find_customer (ds, "C1");
  c2 = ts_dataset_find_customer (ds, "C2");
  c3 = ts_dataset_find_customer (ds, "C3");
  g_assert_cmpint (c1, >=, 0);
  g_assert_cmpint (c2, >=, 0);
  g_assert_cmpint (c3, >=, 0);
  g_assert_cmpuint (e->by_customer[c1 + 1] - e->by_customer[c1], ==, 1);
  g_assert_cmpuint (e->by_customer[c2 + 1] - e->by_customer[c2], ==, 0);
  g_assert_cmpuint (e->by_customer[c3 + 1] - e->by_customer[c3], ==, 2);
  r = e->by_customer[c1];
  g_assert_cmpstr (ts_dataset_get_string (ds, e->name[r]), ==, "course_completed");
  g_assert_cmpstr (ts_dataset_get_string (ds, e->channel[r]), ==, "lms");
  g_assert_cmpint (e->at[r], ==, iso ("2025-03-20T16:45:00Z"));
  g_assert_cmpstr (ts_dataset_get_string (ds, e->properties[r]), ==,
                   "{\"course_title\":\"Getting Started\",\"lesson_title\":\"Your first report\","
                   "\"quiz_score\":\"92\",\"time_spent_minutes\":\"41\"}");
  r = e->by_customer[c3];
  g_assert_cmpint (e->at[r], ==, iso ("2025-03-13T07:05:00Z"));
  g_assert_cmpint (e->at[r + 1], ==, iso ("2025-04-22T18:00:00Z"));

  /* the helpful-training driver: two completions in March, one in April */
  pb = ts_playbook_new_default (&error);
  g_assert_no_error (error);
  training = ts_playbook_find_driver (pb, "helpful_training");
  g_assert_cmpint (training, >=, 0);
  drivers = ts_drivers_compute (ds, pb, TS_DRIVER_PERIOD_MONTH, iso ("2025-03-01T00:00:00Z"),
                                iso ("2025-05-01T00:00:00Z"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_drivers_get_n_periods (drivers), ==, 2);
  g_assert_cmpuint (ts_drivers_get_cell (drivers, 0, training)->moments, ==, 2);
  g_assert_cmpuint (ts_drivers_get_cell (drivers, 0, training)->customers, ==, 2);
  g_assert_cmpuint (ts_drivers_get_cell (drivers, 1, training)->moments, ==, 1);

  /* onboarding at 16 March: C1 and C2 signed up in the 30 days before and
   * have not completed the course (C3 did, on the 13th); C1 completes it */
  scores = ts_scorer_run (ds, pb, iso ("2025-03-16T00:00:00Z"), NULL, &error);
  g_assert_no_error (error);
  outcomes = ts_outcomes_compute (scores, 0, NULL, &error);
  g_assert_no_error (error);
  all = ts_outcomes_get_all (outcomes);
  g_assert_cmpuint (all->onboarding_n, ==, 2);
  g_assert_cmpuint (all->onboarding_completed, ==, 1);
  g_assert_cmpfloat (all->onboarding_rate, ==, 0.5);
}

static void
test_mapping_chooses_plugin (void)
{
  g_autofree char *csv = data_path ("quirks", "touches.csv");
  const char *paths[] = { csv, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) good = ts_mapping_new_from_data ("{\"plugin\": \"csv\"}", -1, &error);
  g_autoptr(TsMapping) bad = ts_mapping_new_from_data ("{\"plugin\": \"no-such-plugin\"}", -1, &error);
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(TsDataset) none = NULL;

  g_assert_no_error (error);
  ds = import_paths (paths, good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ts_source_info_get_plugin_id (ts_dataset_get_sources (ds)->pdata[0]), ==, "csv");

  none = import_paths (paths, bad, &error);
  g_assert_null (none);
  g_assert_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "“no-such-plugin”"));
}

static void
test_mapping_error_names_path (void)
{
  g_autofree char *json = data_path ("mapping", "bad-path.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = ts_mapping_new_from_file (json, &error);

  g_assert_null (mapping);
  g_assert_error (error, TS_MAPPING_ERROR, TS_MAPPING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "$.columns[\"when\"].format"));
}

/* ---------------------------------------------------------------------- */
/* bad input: a clear error or warning, never a crash                     */

static void
test_bad_unterminated_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = import_one ("bad", "unterminated-quote.csv", &error);

  g_assert_null (ds);
  g_assert_error (error, TS_CSV_ERROR, TS_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_nonnull (strstr (error->message, "unterminated-quote.csv"));
  g_assert_nonnull (strstr (error->message, "line 3, column 2"));
}

static void
test_bad_nul_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = import_one ("bad", "nul-bytes.csv", &error);

  g_assert_null (ds);
  g_assert_error (error, TS_CSV_ERROR, TS_CSV_ERROR_NUL_BYTE);
  g_assert_nonnull (strstr (error->message, "nul-bytes.csv: line 2, column 2"));
}

static void
test_bad_invalid_utf8 (void)
{
  g_autoptr(TsDataset) ds = import_ok ("bad", "invalid-utf8.csv");

  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 2);
  g_assert_cmpstr (customer_string (ds, "C1", TS_CUSTOMER_NAME), ==, "René");
  g_assert_true (has_problem (ds, 0, "line 2: the file is not UTF-8"));
}

static void
test_bad_invalid_utf8_late (void)
{
  /* valid for more than a megabyte, then a Latin-1 byte: that string alone
   * is repaired, and the warning names its line */
  g_autofree char *path = g_build_filename (tmp_dir, "ts-late-latin1.csv", NULL);
  GString *s = g_string_new ("customer_id,name\n");
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = NULL;
  guint line = 1;

  while (s->len < 1200 * 1024)
    {
      g_string_append_printf (s, "C%u,Name %u\n", line, line);
      line++;
    }
  g_string_append (s, "LATE,Andr\xe9\n");
  line++;
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);

  ds = import_paths (paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer_string (ds, "LATE", TS_CUSTOMER_NAME), ==, "André");
  g_assert_true (has_problem (ds, line, "not UTF-8"));

  g_string_free (s, TRUE);
  g_remove (path);
}

static void
test_bad_header_only (void)
{
  g_autoptr(TsDataset) ds = import_ok ("bad", "header-only.csv");

  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 0);
  g_assert_true (has_problem (ds, 0, "no rows"));
}

static void
test_bad_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = import_one ("bad", "empty.csv", &error);

  g_assert_null (ds);
  g_assert_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "empty.csv: the file is empty"));
}

static void
test_bad_ragged (void)
{
  g_autoptr(TsDataset) ds = import_ok ("bad", "ragged.csv");

  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 2);
  g_assert_true (has_problem (ds, 3, "2 fields where the header has 3"));
  g_assert_true (has_problem (ds, 4, "4 fields where the header has 3"));
  g_assert_cmpint (ts_dataset_find_customer (ds, "C3"), >=, 0);
  g_assert_cmpint (ts_dataset_find_customer (ds, "C2"), <, 0);
}

static void
test_bad_unknown_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = import_one ("bad", "unknown-table.csv", &error);

  g_assert_null (ds);
  g_assert_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_UNKNOWN_TABLE);
  g_assert_nonnull (strstr (error->message, "line 1"));
  g_assert_nonnull (strstr (error->message, "foo, bar, baz"));
}

static void
test_bad_text_after_quote (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "ts-after-quote.csv", NULL);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = NULL;

  write_file (path, "customer_id,name\nC1,\"Ann\" Lee\nC2,Bo\n");
  ds = import_paths (paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer_string (ds, "C1", TS_CUSTOMER_NAME), ==, "Ann Lee");
  g_assert_true (has_problem (ds, 0, "1 field has text after its closing quote"));
  g_remove (path);
}

static void
test_bad_times (void)
{
  g_autoptr(TsDataset) ds = import_ok ("bad", "bad-times.csv");

  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 1);
  g_assert_true (has_problem (ds, 3, "cannot read “yesterday”"));
  g_assert_true (has_problem (ds, 4, "cannot read “2025-13-45”"));
}

static void
test_bad_huge_field (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "ts-huge-field.csv", NULL);
  gsize big = 10 * 1024 * 1024;
  GString *s = g_string_sized_new (big + 256);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = NULL;
  const TsResponses *r;

  g_string_append (s, "customer_id,submitted_at,nps,comment\nC1,2025-01-01,10,\"");
  for (gsize i = 0; i < big; i++)
    g_string_append_c (s, i % 1000 == 999 ? '\n' : 'x');
  g_string_append (s, "\"\nC2,2025-01-02,3,short\n");
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);

  ds = import_paths (paths, NULL, &error);
  g_assert_no_error (error);
  r = ts_dataset_get_responses (ds);
  g_assert_cmpuint (r->n_rows, ==, 2);
  g_assert_cmpuint (strlen (ts_dataset_get_string (ds, r->comment[0])), ==, big);

  g_string_free (s, TRUE);
  g_remove (path);
}

/* ---------------------------------------------------------------------- */
/* several sources, large files, async, cancellation                      */

static void
test_merge_sources (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("ts-merge-XXXXXX", NULL);
  g_autofree char *customers = g_build_filename (tmp, "customers.csv", NULL);
  g_autofree char *events = g_build_filename (tmp, "events.csv", NULL);
  g_autofree char *survey = g_build_filename (tmp, "survey.csv", NULL);
  const char *paths[] = { tmp, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = NULL;
  const TsResponses *r;
  int c1;

  write_file (customers, "customer_id,email,plan\nC1,ana@example.com,pro\nC2,bob@example.com,free\nC1,,enterprise\n");
  write_file (events, "customer_id,event,timestamp\nC1,login,2025-06-02\nC1,error,2025-06-01\nC9,login,2025-06-03\n");
  write_file (survey, "email,submitted_at,nps\nana@example.com,2025-06-05,9\n");

  ds = import_paths (paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_dataset_get_sources (ds)->len, ==, 3);
  /* C1 once, first values win; C9 only from events; ana by e-mail is C1 */
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 3);
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (ds), ==, 1);
  g_assert_cmpstr (customer_string (ds, "C1", TS_CUSTOMER_PLAN), ==, "pro");
  c1 = ts_dataset_find_customer (ds, "C1");
  r = ts_dataset_get_responses (ds);
  g_assert_cmpuint (r->by_customer[c1 + 1] - r->by_customer[c1], ==, 1);
  /* events of C1 in time order */
  {
    const TsEvents *e = ts_dataset_get_events (ds);
    g_assert_cmpuint (e->by_customer[c1 + 1] - e->by_customer[c1], ==, 2);
    g_assert_cmpstr (ts_dataset_get_string (ds, e->name[e->by_customer[c1]]), ==, "error");
  }

  g_remove (customers);
  g_remove (events);
  g_remove (survey);
  g_rmdir (tmp);
}

typedef struct
{
  char   *path;
  guint   n_rows;
  guint   n_customers;
  double  value_sum;
  guint   bad_line;
  guint   n_bad;
} BigFile;

/* ~24 MB, big enough to be cut into pieces, with multi-line quoted cells */
static void
big_file_make (BigFile *bf)
{
  g_autoptr(GString) s = g_string_sized_new (26 * 1024 * 1024);
  g_autoptr(GError) error = NULL;
  guint line = 1;

  bf->path = g_build_filename (tmp_dir, "ts-big-events.csv", NULL);
  bf->n_customers = 5000;
  g_string_append (s, "customer_id,event,timestamp,value,properties\n");
  for (guint i = 0; s->len < 24 * 1024 * 1024; i++)
    {
      guint c = (i * 7919u) % bf->n_customers;
      line++;
      if (i == 150000)
        {
          bf->bad_line = line;
          g_string_append_printf (s, "C%u,login,not-a-time,1,\n", c);
          bf->n_bad++;
          continue;
        }
      g_string_append_printf (s, "C%u,%s,2025-%02u-%02uT%02u:%02u:00Z,%u,\"{\"\"note\"\":\"\"a \"\"\"\"quoted\"\"\"\"\nline\"\"}\"\n",
                              c, i % 3 ? "login" : "error", 1 + i % 12, 1 + i % 28, i % 24, i % 60, i % 10);
      line++;   /* the quoted cell spans two lines */
      bf->n_rows++;
      bf->value_sum += i % 10;
    }
  g_file_set_contents (bf->path, s->str, s->len, &error);
  g_assert_no_error (error);
}

static void
test_large_file_parallel (void)
{
  BigFile bf = { 0, };
  const char *paths[2];
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = NULL;
  const TsEvents *e;
  double sum = 0;

  big_file_make (&bf);
  paths[0] = bf.path;
  paths[1] = NULL;
  ds = import_paths (paths, NULL, &error);
  g_assert_no_error (error);

  e = ts_dataset_get_events (ds);
  g_assert_cmpuint (e->n_rows, ==, bf.n_rows);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, bf.n_customers);
  for (guint i = 0; i < e->n_rows; i++)
    sum += e->value[i];
  g_assert_cmpfloat_with_epsilon (sum, bf.value_sum, 0.5);
  for (guint c = 0; c < bf.n_customers; c++)
    for (guint i = e->by_customer[c]; i + 1 < e->by_customer[c + 1]; i++)
      {
        g_assert_cmpuint (e->customer[i], ==, c);
        g_assert_cmpint (e->at[i], <=, e->at[i + 1]);
      }
  g_assert_cmpstr (ts_dataset_get_string (ds, e->properties[0]), ==, "{\"note\":\"a \"\"quoted\"\"\nline\"}");
  /* the line of a warning is exact even when the file was parsed in pieces */
  g_assert_true (has_problem (ds, bf.bad_line, "cannot read “not-a-time”"));

  g_remove (bf.path);
  g_free (bf.path);
}

/* Only the wanted fields: the same rows, customers, times, names and warnings;
 * the other fields empty. */
static void
test_large_file_wanted_fields (void)
{
  BigFile bf = { 0, };
  const char *paths[2];
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) all = NULL;
  g_autoptr(TsDataset) some = NULL;
  g_autoptr(TsMapping) mapping = ts_mapping_new ();
  const TsEvents *a, *e;

  big_file_make (&bf);
  paths[0] = bf.path;
  paths[1] = NULL;
  all = import_paths (paths, NULL, &error);
  g_assert_no_error (error);
  ts_mapping_set_wanted_fields (mapping, TS_TABLE_EVENTS, 1u << TS_EVENT_NAME);
  some = import_paths (paths, mapping, &error);
  g_assert_no_error (error);

  a = ts_dataset_get_events (all);
  e = ts_dataset_get_events (some);
  g_assert_cmpuint (e->n_rows, ==, a->n_rows);
  g_assert_cmpuint (ts_dataset_get_n_rows (some, TS_TABLE_CUSTOMERS), ==,
                    ts_dataset_get_n_rows (all, TS_TABLE_CUSTOMERS));
  for (guint i = 0; i < e->n_rows; i++)
    {
      g_assert_cmpstr (ts_dataset_get_string (some, ts_dataset_get_customers (some)->id[e->customer[i]]), ==,
                       ts_dataset_get_string (all, ts_dataset_get_customers (all)->id[a->customer[i]]));
      g_assert_cmpint (e->at[i], ==, a->at[i]);
      g_assert_cmpstr (ts_dataset_get_string (some, e->name[i]), ==, ts_dataset_get_string (all, a->name[i]));
      g_assert_true (isnan (e->value[i]));
      g_assert_cmpuint (e->properties[i], ==, TS_STR_NULL);
      g_assert_cmpuint (e->channel[i], ==, TS_STR_NULL);
    }
  g_assert_false (isnan (a->value[0]));
  g_assert_cmpuint (a->properties[0], !=, TS_STR_NULL);
  /* the line of a warning is as exact as when every field is read */
  g_assert_true (has_problem (some, bf.bad_line, "cannot read “not-a-time”"));

  g_remove (bf.path);
  g_free (bf.path);
}

static void
test_wanted_fields_extra_columns (void)
{
  g_autofree char *path = data_path ("quirks", "events-extra-columns.csv");
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = ts_mapping_new ();
  g_autoptr(TsDataset) ds = NULL;
  const TsEvents *e;

  /* the extra columns go to the properties, which are not wanted */
  ts_mapping_set_wanted_fields (mapping, TS_TABLE_EVENTS, 1u << TS_EVENT_NAME);
  ds = import_paths (paths, mapping, &error);
  g_assert_no_error (error);
  e = ts_dataset_get_events (ds);
  g_assert_cmpuint (e->n_rows, >, 0);
  for (guint i = 0; i < e->n_rows; i++)
    {
      g_assert_cmpuint (e->properties[i], ==, TS_STR_NULL);
      g_assert_cmpuint (e->name[i], !=, TS_STR_NULL);
    }
}

typedef struct
{
  GMainLoop *loop;
  TsDataset *dataset;
  GError    *error;
  guint      n_notify;
} AsyncData;

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncData *data = user_data;

  data->dataset = ts_importer_import_finish (result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
on_fraction_cb (TsImportJob *job,
                GParamSpec  *pspec,
                gpointer     user_data)
{
  AsyncData *data = user_data;
  data->n_notify++;
}

static void
test_async_progress (void)
{
  BigFile bf = { 0, };
  const char *paths[2];
  g_autoptr(TsImportJob) job = ts_import_job_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, NULL, NULL, 0 };
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;

  big_file_make (&bf);
  paths[0] = bf.path;
  paths[1] = NULL;
  g_file_get_contents (bf.path, &before, &before_len, NULL);

  g_signal_connect (job, "notify::fraction", G_CALLBACK (on_fraction_cb), &data);
  ts_importer_import_async (plugins, paths, NULL, job, NULL, on_import_done_cb, &data);
  g_main_loop_run (loop);

  g_assert_no_error (data.error);
  g_assert_nonnull (data.dataset);
  g_assert_cmpuint (ts_dataset_get_n_rows (data.dataset, TS_TABLE_EVENTS), ==, bf.n_rows);
  /* progress reached the main loop, and ended at 1 */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (data.n_notify, >=, 1);
  g_assert_cmpfloat (ts_import_job_get_fraction (job), ==, 1.0);

  /* the import never changes its source */
  g_file_get_contents (bf.path, &after, &after_len, NULL);
  g_assert_cmpmem (before, before_len, after, after_len);

  g_object_unref (data.dataset);
  g_remove (bf.path);
  g_free (bf.path);
}

static void
test_async_cancel (void)
{
  BigFile bf = { 0, };
  const char *paths[2];
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncData data = { loop, NULL, NULL, 0 };

  big_file_make (&bf);
  paths[0] = bf.path;
  paths[1] = NULL;

  ts_importer_import_async (plugins, paths, NULL, NULL, cancellable, on_import_done_cb, &data);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (loop);

  g_assert_null (data.dataset);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&data.error);
  g_remove (bf.path);
  g_free (bf.path);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("ts-csv-plugin-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  plugins = ts_plugin_manager_new (NULL);

  g_test_add_func ("/plugins/discovery/build-tree", test_discovery);
  g_test_add_func ("/plugins/discovery/bad-plugins-reported", test_discovery_bad_plugins);
  g_test_add_func ("/plugins/csv/probe", test_probe);
  g_test_add_func ("/plugins/csv/quirks/bom-crlf-quotes", test_bom_crlf_quotes);
  g_test_add_func ("/plugins/csv/lms-export", test_lms_export);
  g_test_add_func ("/plugins/csv/mapping-keep", test_mapping_keep);
  g_test_add_func ("/plugins/csv/quirks/semicolon-dmy-multiline", test_semicolon_dmy_multiline);
  g_test_add_func ("/plugins/csv/quirks/qualtrics-header-rows", test_qualtrics);
  g_test_add_func ("/plugins/csv/quirks/epoch-seconds-milliseconds", test_epochs);
  g_test_add_func ("/plugins/csv/quirks/day-month-order", test_day_month_order);
  g_test_add_func ("/plugins/csv/quirks/excel-sep-line", test_excel_sep_line);
  g_test_add_func ("/plugins/csv/quirks/utf16-with-bom", test_utf16);
  g_test_add_func ("/plugins/csv/quirks/windows-1252", test_windows_1252);
  g_test_add_func ("/plugins/csv/quirks/null-markers-and-offsets", test_null_markers_and_offsets);
  g_test_add_func ("/plugins/csv/quirks/bare-cr", test_bare_cr);
  g_test_add_func ("/plugins/csv/quirks/touches-and-lists", test_touches_and_lists);
  g_test_add_func ("/plugins/csv/quirks/extra-columns-to-properties", test_extra_columns_to_properties);
  g_test_add_func ("/plugins/csv/mapping/overrides-guesses", test_mapping_overrides);
  g_test_add_func ("/plugins/csv/mapping/error-names-json-path", test_mapping_error_names_path);
  g_test_add_func ("/plugins/csv/mapping/chooses-plugin", test_mapping_chooses_plugin);
  g_test_add_func ("/plugins/csv/bad/unterminated-quote", test_bad_unterminated_quote);
  g_test_add_func ("/plugins/csv/bad/nul-bytes", test_bad_nul_bytes);
  g_test_add_func ("/plugins/csv/bad/invalid-utf8", test_bad_invalid_utf8);
  g_test_add_func ("/plugins/csv/bad/invalid-utf8-late", test_bad_invalid_utf8_late);
  g_test_add_func ("/plugins/csv/bad/header-only", test_bad_header_only);
  g_test_add_func ("/plugins/csv/bad/empty", test_bad_empty);
  g_test_add_func ("/plugins/csv/bad/ragged-rows", test_bad_ragged);
  g_test_add_func ("/plugins/csv/bad/unknown-table", test_bad_unknown_table);
  g_test_add_func ("/plugins/csv/bad/unreadable-times", test_bad_times);
  g_test_add_func ("/plugins/csv/bad/text-after-closing-quote", test_bad_text_after_quote);
  g_test_add_func ("/plugins/csv/bad/10mb-field", test_bad_huge_field);
  g_test_add_func ("/plugins/csv/merge/customers-deduplicated-across-sources", test_merge_sources);
  g_test_add_func ("/plugins/csv/large/parallel-pieces-exact", test_large_file_parallel);
  g_test_add_func ("/plugins/csv/large/wanted-fields-only", test_large_file_wanted_fields);
  g_test_add_func ("/plugins/csv/mapping/wanted-fields-extra-columns", test_wanted_fields_extra_columns);
  g_test_add_func ("/plugins/csv/async/progress-and-source-untouched", test_async_progress);
  g_test_add_func ("/plugins/csv/async/cancel", test_async_cancel);

  ret = g_test_run ();
  g_object_unref (plugins);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}

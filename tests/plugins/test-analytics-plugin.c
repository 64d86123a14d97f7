/* test-analytics-plugin.c — the product-analytics data source, loaded as a
 * plugin from the build tree
 *
 * The fixtures in tests/data/analytics/ are written by make-fixtures.py
 * there; its comments say what each line is for.
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
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "analytics", name, NULL);
}

static TsDataset *
import_with (const char *path,
             TsMapping  *mapping,
             GError    **error)
{
  const char *paths[] = { path, NULL };

  return ts_importer_import (plugins, paths, mapping, NULL, NULL, error);
}

static TsDataset *
import_ok (const char *name,
           const char *mapping_json)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = NULL;
  TsDataset *ds;

  if (mapping_json)
    {
      mapping = ts_mapping_new_from_data (mapping_json, -1, &error);
      g_assert_no_error (error);
    }
  ds = import_with (path, mapping, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

static TsSourceInfo *
only_source (TsDataset *ds)
{
  GPtrArray *sources = ts_dataset_get_sources (ds);

  g_assert_cmpuint (sources->len, ==, 1);
  g_assert_cmpstr (ts_source_info_get_plugin_id (sources->pdata[0]), ==, "analytics");
  return sources->pdata[0];
}

static void
assert_counts (TsDataset *ds,
               guint64    records,
               guint64    duplicate,
               guint64    no_identity,
               guint64    unparseable)
{
  TsSourceInfo *info = only_source (ds);

  g_assert_cmpuint (ts_source_info_get_records (info), ==, records);
  g_assert_cmpuint (ts_source_info_get_dropped (info, TS_DROP_DUPLICATE), ==, duplicate);
  g_assert_cmpuint (ts_source_info_get_dropped (info, TS_DROP_NO_IDENTITY), ==, no_identity);
  g_assert_cmpuint (ts_source_info_get_dropped (info, TS_DROP_UNPARSEABLE), ==, unparseable);
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

static TsTime
iso (const char *s)
{
  TsTime t = 0;
  g_assert_true (ts_timestamp_parse (s, strlen (s), TS_TIME_FORMAT_ISO8601, NULL, &t));
  return t;
}

static guint
n_events_of (TsDataset  *ds,
             const char *customer)
{
  const TsEvents *e = ts_dataset_get_events (ds);
  int row = ts_dataset_find_customer (ds, customer);

  if (row < 0)
    return 0;
  return e->by_customer[row + 1] - e->by_customer[row];
}

/* The event of @customer named @name (exactly one). */
static guint
event_of (TsDataset  *ds,
          const char *customer,
          const char *name)
{
  const TsEvents *e = ts_dataset_get_events (ds);
  int row = ts_dataset_find_customer (ds, customer);
  guint found = G_MAXUINT;

  g_assert_cmpint (row, >=, 0);
  for (guint i = e->by_customer[row]; i < e->by_customer[row + 1]; i++)
    if (g_strcmp0 (ts_dataset_get_string (ds, e->name[i]), name) == 0)
      {
        g_assert_cmpuint (found, ==, G_MAXUINT);
        found = i;
      }
  g_assert_cmpuint (found, !=, G_MAXUINT);
  return found;
}

static const char *
event_channel (TsDataset *ds,
               guint      i)
{
  return ts_dataset_get_string (ds, ts_dataset_get_events (ds)->channel[i]);
}

/* The event's properties, parsed. */
static JsonObject *
event_properties (TsDataset *ds,
                  guint      i)
{
  const char *text = ts_dataset_get_string (ds, ts_dataset_get_events (ds)->properties[i]);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (text);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static const char *
customer_string (TsDataset       *ds,
                 const char      *id,
                 TsCustomerField  field)
{
  int row = ts_dataset_find_customer (ds, id);
  const guint32 *col = ts_dataset_get_column (ds, TS_TABLE_CUSTOMERS, field);

  g_assert_cmpint (row, >=, 0);
  return ts_dataset_get_string (ds, col[row]);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------------- */

static void
test_discovery (void)
{
  TsSource *source = ts_plugin_manager_find_source (plugins, "analytics");
  const char *const *patterns;

  g_assert_nonnull (source);
  g_assert_cmpstr (ts_source_get_name (source), ==, "Product analytics exports");
  patterns = ts_source_get_patterns (source);
  g_assert_true (g_strv_contains (patterns, "*.jsonl"));
  g_assert_true (g_strv_contains (patterns, "*.zip"));
  g_assert_true (g_strv_contains (patterns, "*.gz"));
}

static void
test_probe (void)
{
  TsSource *source = ts_plugin_manager_find_source (plugins, "analytics");
  const char *const ours[] = {
    "segment.jsonl", "segment.jsonl.gz", "mixpanel.jsonl", "amplitude.zip", "ga4.jsonl", "posthog.jsonl",
  };
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "quirks", "customers-bom.csv", NULL);
  g_autofree char *other = data_path ("other.json");
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "data", "analytics", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);

  for (guint i = 0; i < G_N_ELEMENTS (ours); i++)
    {
      g_autofree char *path = data_path (ours[i]);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      guint confidence = 0;

      g_assert_cmpuint (ts_source_probe (source, file, NULL), ==, 90);
      /* and it wins against every other plugin */
      g_assert_true (ts_plugin_manager_probe (plugins, file, &confidence, NULL) == source);
    }

  /* CSV stays with the CSV plugin; JSON of another kind and folders are not ours */
  g_assert_cmpuint (ts_source_probe (source, csv_file, NULL), ==, 0);
  g_assert_cmpstr (ts_source_get_id (ts_plugin_manager_probe (plugins, csv_file, NULL, NULL)), ==, "csv");
  g_assert_cmpuint (ts_source_probe (source, other_file, NULL), ==, 0);
  g_assert_cmpuint (ts_source_probe (source, folder_file, NULL), ==, 0);
}

/* ---------------------------------------------------------------------- */
/* Segment                                                                */

static void
check_segment (TsDataset *ds)
{
  TsSourceInfo *info = only_source (ds);

  /* 17 records on 18 lines: 8 events and 2 customer rows kept by the plugin;
   * dropped: 1 duplicate (line 11), 3 unparseable (lines 9, 10, 12), 3
   * without identity: lines 7 and 17 by the plugin, line 6 (never
   * identified) when the dataset was built */
  assert_counts (ds, 17, 1, 3, 3);
  g_assert_cmpuint (ts_source_info_get_rows (info, TS_TABLE_EVENTS), ==, 8);
  g_assert_cmpuint (ts_source_info_get_rows (info, TS_TABLE_CUSTOMERS), ==, 2);
  g_assert_cmpstr (ts_source_info_get_detail (info, "format"), ==, "Segment");
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 7);
}

static void
test_segment_counts (void)
{
  g_autoptr(TsDataset) ds = import_ok ("segment.jsonl", NULL);

  check_segment (ds);
}

static void
test_segment_identities (void)
{
  g_autoptr(TsDataset) ds = import_ok ("segment.jsonl", NULL);

  /* u_1: its own order, and two anonymous events stitched by the identify's alias */
  g_assert_cmpuint (n_events_of (ds, "u_1"), ==, 3);
  event_of (ds, "u_1", "Pricing Viewed");
  event_of (ds, "u_1", "Page Viewed");
  /* a numeric userId, and a whole double, are read as text */
  g_assert_cmpuint (n_events_of (ds, "5674864"), ==, 1);
  g_assert_cmpuint (n_events_of (ds, "42"), ==, 1);
  /* u_2: its screen, and the anonymous trial joined by the alias call */
  g_assert_cmpuint (n_events_of (ds, "u_2"), ==, 2);
  event_of (ds, "u_2", "Trial Started");
  /* anonymous ids are never customers of their own: an aliased one finds
   * the customer it belongs to */
  g_assert_cmpint (ts_dataset_find_customer (ds, "anon-1"), ==, ts_dataset_find_customer (ds, "u_1"));
  g_assert_cmpint (ts_dataset_find_customer (ds, "anon-never"), <, 0);
  g_assert_cmpint (ts_dataset_find_customer (ds, "anon-3"), <, 0);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 4);

  /* identify traits */
  g_assert_cmpstr (customer_string (ds, "u_1", TS_CUSTOMER_EMAIL), ==, "ana@example.com");
  g_assert_cmpstr (customer_string (ds, "u_1", TS_CUSTOMER_NAME), ==, "Ana Souza");
  g_assert_cmpstr (customer_string (ds, "u_1", TS_CUSTOMER_PLAN), ==, "pro");
  g_assert_cmpstr (customer_string (ds, "u_1", TS_CUSTOMER_ACCOUNT_ID), ==, "acme");
  {
    const TsTime *created = ts_dataset_get_column (ds, TS_TABLE_CUSTOMERS, TS_CUSTOMER_CREATED_AT);
    g_assert_cmpint (created[ts_dataset_find_customer (ds, "u_1")], ==, iso ("2023-01-02T09:00:00Z"));
  }
}

static void
test_segment_events (void)
{
  g_autoptr(TsDataset) ds = import_ok ("segment.jsonl", NULL);
  const TsEvents *e = ts_dataset_get_events (ds);
  g_autoptr(JsonObject) order_props = NULL;
  g_autoptr(JsonObject) page_props = NULL;
  guint order = event_of (ds, "u_1", "Order Completed");
  guint pricing = event_of (ds, "u_1", "Pricing Viewed");
  guint page = event_of (ds, "u_1", "Page Viewed");
  guint invoice = event_of (ds, "5674864", "Invoice Paid");
  guint screen = event_of (ds, "u_2", "Screen Viewed");
  guint trial = event_of (ds, "u_2", "Trial Started");

  g_assert_cmpint (e->at[order], ==, iso ("2023-01-15T10:22:31.905Z"));
  g_assert_cmpint (e->at[trial], ==, iso ("2023-01-17T07:10:00Z"));   /* originalTimestamp, +01:00 */
  g_assert_cmpfloat (e->value[order], ==, 49.9);
  g_assert_cmpfloat (e->value[invoice], ==, 12.0);
  g_assert_true (isnan (e->value[pricing]));

  g_assert_cmpstr (event_channel (ds, order), ==, "web");       /* analytics.js */
  g_assert_cmpstr (event_channel (ds, pricing), ==, "ios");     /* context.device.type */
  g_assert_cmpstr (event_channel (ds, page), ==, "web");        /* a user agent */
  g_assert_cmpstr (event_channel (ds, invoice), ==, "server");  /* analytics-node */
  g_assert_cmpstr (event_channel (ds, screen), ==, "android");  /* context.os.name */

  order_props = event_properties (ds, order);
  g_assert_cmpstr (json_object_get_string_member (order_props, "currency"), ==, "EUR");
  g_assert_cmpfloat (json_object_get_double_member (order_props, "revenue"), ==, 49.9);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (order_props, "items")), ==, 2);

  /* a page call's name and category join its properties */
  page_props = event_properties (ds, page);
  g_assert_cmpstr (json_object_get_string_member (page_props, "name"), ==, "Pricing");
  g_assert_cmpstr (json_object_get_string_member (page_props, "category"), ==, "Docs");
  g_assert_cmpstr (json_object_get_string_member (page_props, "path"), ==, "/pricing");
}

static void
test_segment_problems (void)
{
  g_autoptr(TsDataset) ds = import_ok ("segment.jsonl", NULL);

  g_assert_true (has_problem (ds, 7, "no user id and no anonymous id"));
  g_assert_true (has_problem (ds, 9, "not JSON"));
  g_assert_true (has_problem (ds, 10, "$.timestamp: cannot read \"yesterday\" as a time"));
  g_assert_true (has_problem (ds, 11, "duplicate of an earlier record (messageId “m-2”)"));
  g_assert_true (has_problem (ds, 12, "a Mixpanel record among Segment records"));
  g_assert_true (has_problem (ds, 17, "only an anonymous id"));
  g_assert_false (has_problem (ds, 13, ""));   /* the empty line is no record */
}

static void
test_segment_gzip (void)
{
  /* the same lines, gzipped in two members */
  g_autoptr(TsDataset) ds = import_ok ("segment.jsonl.gz", NULL);

  check_segment (ds);
  g_assert_true (has_problem (ds, 12, "a Mixpanel record among Segment records"));
}

static void
test_segment_truncated_gzip (void)
{
  g_autofree char *path = data_path ("segment-truncated.jsonl.gz");
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = import_with (path, NULL, &error);

  g_assert_null (ds);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "segment-truncated.jsonl.gz"));
  g_assert_nonnull (strstr (error->message, "truncated"));
}

static void
test_identity_email (void)
{
  g_autoptr(TsDataset) ds = import_ok ("segment.jsonl", "{\"identity\": \"email\"}");

  /* u_1 told its e-mail in an identify call: its events, and its anonymous
   * ones, belong to the e-mail; the user id finds that customer */
  g_assert_cmpint (ts_dataset_find_customer (ds, "u_1"), ==, ts_dataset_find_customer (ds, "ana@example.com"));
  g_assert_cmpuint (n_events_of (ds, "ana@example.com"), ==, 3);
  g_assert_cmpstr (customer_string (ds, "ana@example.com", TS_CUSTOMER_EMAIL), ==, "ana@example.com");
  g_assert_cmpstr (customer_string (ds, "ana@example.com", TS_CUSTOMER_PLAN), ==, "pro");
  /* who never told an e-mail keeps the user id */
  g_assert_cmpuint (n_events_of (ds, "u_2"), ==, 2);
}

/* ---------------------------------------------------------------------- */
/* Mixpanel                                                               */

static void
test_mixpanel (void)
{
  g_autoptr(TsDataset) ds = import_ok ("mixpanel.jsonl", NULL);
  const TsEvents *e = ts_dataset_get_events (ds);
  g_autoptr(JsonObject) props = NULL;
  guint purchase_s, opened_ms, logout, report, login;

  /* 11 records: 7 events, the $identify is an alias; the $insert_id
   * duplicate and the two without a readable time are counted */
  assert_counts (ds, 11, 1, 0, 2);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 7);
  g_assert_true (has_problem (ds, 3, "duplicate of an earlier record ($insert_id “935d87b1"));
  g_assert_true (has_problem (ds, 8, "$.properties.time: not a number"));
  g_assert_true (has_problem (ds, 9, "$.properties.time: missing"));

  /* times: seconds, milliseconds by magnitude, fractional seconds */
  g_assert_cmpuint (n_events_of (ds, "u_10"), ==, 3);
  opened_ms = event_of (ds, "u_10", "App Opened");
  g_assert_cmpint (e->at[opened_ms], ==, G_GINT64_CONSTANT (1673778160123) * 1000);
  logout = event_of (ds, "77", "Logout");
  g_assert_cmpint (e->at[logout], ==, G_GINT64_CONSTANT (1673790000500000));
  purchase_s = e->by_customer[ts_dataset_find_customer (ds, "u_10")];   /* the earliest */
  g_assert_cmpint (e->at[purchase_s], ==, G_GINT64_CONSTANT (1673778151) * 1000000);

  /* $device_id joined to $user_id, and the original $identify */
  g_assert_cmpuint (n_events_of (ds, "u_11"), ==, 2);
  login = event_of (ds, "u_11", "Login Page Viewed");
  g_assert_cmpuint (n_events_of (ds, "u_12"), ==, 1);
  event_of (ds, "u_12", "Signup Started");
  g_assert_cmpint (ts_dataset_find_customer (ds, "dev-9"), ==, ts_dataset_find_customer (ds, "u_11"));
  g_assert_cmpint (ts_dataset_find_customer (ds, "$device:anon-mp"), <, 0);

  /* channels: mp_lib, else $os */
  report = event_of (ds, "u_11", "Report Run");
  g_assert_cmpstr (event_channel (ds, purchase_s), ==, "web");
  g_assert_cmpstr (event_channel (ds, opened_ms), ==, "ios");
  g_assert_cmpstr (event_channel (ds, report), ==, "server");
  g_assert_cmpstr (event_channel (ds, login), ==, "android");

  /* properties, without the bookkeeping */
  props = event_properties (ds, purchase_s);
  g_assert_cmpstr (json_object_get_string_member (props, "Item"), ==, "Coffee");
  g_assert_cmpfloat (json_object_get_double_member (props, "Amount"), ==, 5.0);
  g_assert_true (json_object_has_member (props, "tags"));
  g_assert_false (json_object_has_member (props, "time"));
  g_assert_false (json_object_has_member (props, "distinct_id"));
  g_assert_false (json_object_has_member (props, "$insert_id"));
}

static void
test_mixpanel_time_zone (void)
{
  /* a project from before 2023: epochs count the project's wall clock */
  g_autoptr(TsDataset) ds = import_ok ("mixpanel.jsonl", "{\"time_zone\": \"America/New_York\"}");
  const TsEvents *e = ts_dataset_get_events (ds);
  guint first = e->by_customer[ts_dataset_find_customer (ds, "u_10")];

  /* 2023-01-15 10:22:31 in New York (EST) is 15:22:31 UTC */
  g_assert_cmpint (e->at[first], ==, iso ("2023-01-15T15:22:31Z"));
}

/* ---------------------------------------------------------------------- */
/* Amplitude                                                              */

static void
test_amplitude_zip (void)
{
  g_autoptr(TsDataset) ds = import_ok ("amplitude.zip", NULL);
  TsSourceInfo *info = only_source (ds);
  const TsEvents *e = ts_dataset_get_events (ds);
  guint ticket, export_run, page_ios, page_android;
  gboolean readme_noted = FALSE;

  /* three hourly files (one of them two gzip members), and a README skipped */
  g_assert_cmpstr (ts_source_info_get_detail (info, "entries"), ==, "3");
  for (guint i = 0; i < ts_source_info_get_notes (info)->len; i++)
    readme_noted |= strstr (ts_source_info_get_notes (info)->pdata[i], "README.txt") != NULL;
  g_assert_true (readme_noted);

  /* 10 records: a duplicate $insert_id across files, a broken line, and a
   * device never tied to a user */
  assert_counts (ds, 10, 1, 1, 1);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 7);
  g_assert_true (has_problem (ds, 1, "entry “374182/374182_2024-03-02_13#1.json.gz”: a duplicate"));
  g_assert_true (has_problem (ds, 3, "entry “374182/374182_2024-03-02_13#1.json.gz”: not JSON"));
  g_assert_cmpint (ts_dataset_find_customer (ds, "D-ghost"), <, 0);

  /* the device's anonymous page view joined u_97980 */
  g_assert_cmpuint (n_events_of (ds, "u_97980"), ==, 4);
  page_ios = event_of (ds, "u_97980", "Page Viewed");
  export_run = event_of (ds, "u_97980", "Export Run");
  /* zone-less microsecond times are UTC; a T separator is read too */
  g_assert_cmpint (e->at[page_ios], ==, iso ("2024-03-02T00:10:00.000001Z"));
  g_assert_cmpint (e->at[export_run], ==, iso ("2024-03-02T13:05:00.5Z"));
  ticket = e->by_customer[ts_dataset_find_customer (ds, "u_97980")] + 1;   /* 00:15, the first ticket */
  g_assert_cmpstr (ts_dataset_get_string (ds, e->name[ticket]), ==, "Support Ticket Opened");
  g_assert_cmpint (e->at[ticket], ==, iso ("2024-03-02T00:15:00.123456Z"));
  g_assert_cmpfloat (e->value[ticket], ==, 3.5);

  g_assert_cmpstr (event_channel (ds, ticket), ==, "web");
  g_assert_cmpstr (event_channel (ds, page_ios), ==, "ios");
  g_assert_cmpstr (event_channel (ds, export_run), ==, "server");
  page_android = event_of (ds, "u_5", "Page Viewed");
  g_assert_cmpstr (event_channel (ds, page_android), ==, "android");
  {
    g_autoptr(JsonObject) props = event_properties (ds, ticket);
    g_assert_cmpstr (json_object_get_string_member (props, "channel"), ==, "chat");
  }

  /* user_properties: the first seen per user */
  g_assert_cmpstr (customer_string (ds, "u_97980", TS_CUSTOMER_EMAIL), ==, "bo@example.org");
  g_assert_cmpstr (customer_string (ds, "u_97980", TS_CUSTOMER_PLAN), ==, "pro");
  g_assert_cmpstr (customer_string (ds, "u_5", TS_CUSTOMER_PLAN), ==, "free");
  /* an empty snapshot first does not hide the next one */
  g_assert_cmpstr (customer_string (ds, "u_8", TS_CUSTOMER_PLAN), ==, "team");
}

static void
test_amplitude_unsafe_entry (void)
{
  g_autofree char *path = data_path ("amplitude-slip.zip");
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = import_with (path, NULL, &error);

  g_assert_null (ds);
  g_assert_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_UNSAFE_PATH);
  g_assert_nonnull (strstr (error->message, "amplitude-slip.zip"));
  g_assert_nonnull (strstr (error->message, "../../evil_2024-03-02_1#0.json.gz"));
}

static void
test_amplitude_corrupt_entry (void)
{
  g_autofree char *path = data_path ("amplitude-corrupt.zip");
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = import_with (path, NULL, &error);

  g_assert_null (ds);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "amplitude-corrupt.zip"));
  g_assert_nonnull (strstr (error->message, "374182_2024-03-02_2#0.json.gz"));
  g_assert_nonnull (strstr (error->message, "truncated"));
}

/* ---------------------------------------------------------------------- */
/* GA4                                                                    */

static void
test_ga4 (void)
{
  g_autoptr(TsDataset) ds = import_ok ("ga4.jsonl", NULL);
  const TsEvents *e = ts_dataset_get_events (ds);
  g_autoptr(JsonObject) props = NULL;
  guint purchase, page_view, iap;
  JsonNode *session;

  /* 5 records: a never-identified pseudo id, an unreadable timestamp */
  assert_counts (ds, 5, 0, 1, 1);
  g_assert_true (has_problem (ds, 5, "$.event_timestamp: not a number of microseconds"));
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 3);

  /* microseconds as a string, and as a number; the pseudo id stitched */
  g_assert_cmpuint (n_events_of (ds, "u_97980"), ==, 2);
  purchase = event_of (ds, "u_97980", "purchase");
  page_view = event_of (ds, "u_97980", "page_view");
  g_assert_cmpint (e->at[purchase], ==, G_GINT64_CONSTANT (1696470452486466));
  g_assert_cmpint (e->at[page_view], ==, G_GINT64_CONSTANT (1696470418000001));
  g_assert_cmpint (ts_dataset_find_customer (ds, "droid-ghost"), <, 0);

  /* event_params flattened; INT64 written as a string becomes a number */
  props = event_properties (ds, purchase);
  session = json_object_get_member (props, "ga_session_id");
  g_assert_nonnull (session);
  g_assert_cmpint (json_node_get_value_type (session), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (session), ==, G_GINT64_CONSTANT (1696470418));
  g_assert_cmpstr (json_object_get_string_member (props, "page_title"), ==, "Checkout");
  g_assert_cmpint (json_object_get_int_member (props, "engaged"), ==, 1);
  g_assert_cmpfloat (e->value[purchase], ==, 49.9);
  g_assert_cmpstr (event_channel (ds, purchase), ==, "web");

  iap = event_of (ds, "u_7", "in_app_purchase");
  g_assert_cmpfloat (e->value[iap], ==, 9.99);
  g_assert_cmpstr (event_channel (ds, iap), ==, "ios");

  g_assert_cmpstr (customer_string (ds, "u_97980", TS_CUSTOMER_PLAN), ==, "pro");
}

/* ---------------------------------------------------------------------- */
/* PostHog                                                                */

static void
test_posthog (void)
{
  g_autoptr(TsDataset) ds = import_ok ("posthog.jsonl", NULL);
  const TsEvents *e = ts_dataset_get_events (ds);
  g_autoptr(JsonObject) props = NULL;
  guint pageview, ticket, invoice;

  assert_counts (ds, 6, 1, 0, 1);
  g_assert_true (has_problem (ds, 5, "(uuid “0189c1e2-0004”)"));
  g_assert_true (has_problem (ds, 6, "$.properties: not a JSON object"));

  /* the anonymous pageview joined u_30 through $identify's $anon_distinct_id */
  g_assert_cmpuint (n_events_of (ds, "u_30"), ==, 2);
  g_assert_cmpint (ts_dataset_find_customer (ds, "dev-ph"), ==, ts_dataset_find_customer (ds, "u_30"));
  pageview = event_of (ds, "u_30", "$pageview");
  ticket = event_of (ds, "u_30", "ticket created");
  g_assert_cmpint (e->at[pageview], ==, iso ("2024-05-22T17:09:29.22Z"));
  g_assert_cmpint (e->at[ticket], ==, iso ("2024-05-22T17:12:03.004Z"));
  g_assert_cmpstr (event_channel (ds, pageview), ==, "web");
  g_assert_cmpstr (event_channel (ds, ticket), ==, "ios");

  /* properties written as JSON text, without $set */
  props = event_properties (ds, ticket);
  g_assert_cmpstr (json_object_get_string_member (props, "priority"), ==, "high");
  g_assert_false (json_object_has_member (props, "$set"));

  invoice = event_of (ds, "u_31", "invoice sent");
  g_assert_cmpstr (event_channel (ds, invoice), ==, "server");
  g_assert_cmpfloat (e->value[invoice], ==, 120.0);

  /* $set traits */
  g_assert_cmpstr (customer_string (ds, "u_30", TS_CUSTOMER_EMAIL), ==, "cy@example.com");
  g_assert_cmpstr (customer_string (ds, "u_30", TS_CUSTOMER_NAME), ==, "Cy");
  g_assert_cmpstr (customer_string (ds, "u_30", TS_CUSTOMER_PLAN), ==, "team");
}

/* ---------------------------------------------------------------------- */
/* detection and bad input                                                */

static void
test_detect_by_majority (void)
{
  /* a stray PostHog record first: the Segment records that follow decide */
  g_autofree char *path = g_build_filename (tmp_dir, "ts-analytics-mixed.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = NULL;

  write_file (path,
              "{\"uuid\":\"p1\",\"event\":\"$pageview\",\"distinct_id\":\"u_1\",\"timestamp\":\"2024-05-22T17:09:29Z\"}\n"
              "{\"type\":\"track\",\"userId\":\"u_1\",\"event\":\"A\",\"timestamp\":\"2024-01-01T00:00:00Z\"}\n"
              "{\"type\":\"track\",\"userId\":\"u_1\",\"event\":\"B\",\"timestamp\":\"2024-01-01T00:00:01Z\"}\n"
              "{\"type\":\"track\",\"userId\":\"u_2\",\"event\":\"C\",\"timestamp\":\"2024-01-01T00:00:02Z\"}\n",
              -1);
  ds = import_with (path, NULL, &error);
  g_assert_no_error (error);
  assert_counts (ds, 4, 0, 0, 1);
  g_assert_cmpstr (ts_source_info_get_detail (only_source (ds), "format"), ==, "Segment");
  g_assert_true (has_problem (ds, 1, "a PostHog record among Segment records"));
  g_assert_cmpuint (n_events_of (ds, "u_1"), ==, 2);
  g_remove (path);
}

static void
test_huge_line (void)
{
  /* a 17 MB line between two records: skipped and counted, memory bounded */
  g_autofree char *path = g_build_filename (tmp_dir, "ts-analytics-huge.jsonl", NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = NULL;
  gsize start;

  g_string_append (s, "{\"type\":\"track\",\"userId\":\"u_1\",\"event\":\"A\",\"timestamp\":\"2024-01-01T00:00:00Z\"}\n");
  g_string_append (s, "{\"type\":\"track\",\"userId\":\"u_1\",\"event\":\"");
  start = s->len;
  g_string_set_size (s, start + 17 * 1024 * 1024);
  memset (s->str + start, 'x', 17 * 1024 * 1024);
  g_string_append (s, "\",\"timestamp\":\"2024-01-01T00:00:00Z\"}\r\n");
  g_string_append (s, "{\"type\":\"track\",\"userId\":\"u_1\",\"event\":\"B\",\"timestamp\":\"2024-01-01T00:00:01Z\"}");
  write_file (path, s->str, (gssize) s->len);

  ds = import_with (path, NULL, &error);
  g_assert_no_error (error);
  assert_counts (ds, 3, 0, 0, 1);
  g_assert_true (has_problem (ds, 2, "longer than 16 MB"));
  g_assert_cmpuint (n_events_of (ds, "u_1"), ==, 2);
  event_of (ds, "u_1", "B");   /* the last line has no newline */
  g_remove (path);
}

static void
test_hostile_lines (void)
{
  /* a record nested 100,000 deep and one that is not UTF-8, between good
   * ones: each skipped and counted with its line, the rest read */
  g_autofree char *path = g_build_filename (tmp_dir, "ts-analytics-hostile.jsonl", NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = NULL;

  g_string_append (s, "{\"type\":\"track\",\"userId\":\"u_1\",\"event\":\"A\",\"timestamp\":\"2024-01-01T00:00:00Z\"}\n");
  g_string_append (s, "{\"type\":\"track\",\"userId\":\"u_1\",\"event\":\"Deep\",\"properties\":{\"x\":");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, ']');
  g_string_append (s, "},\"timestamp\":\"2024-01-01T00:00:00Z\"}\n");
  g_string_append (s, "{\"type\":\"track\",\"userId\":\"u_1\",\"event\":\"Caf\xe9\",\"timestamp\":\"2024-01-01T00:00:00Z\"}\n");
  g_string_append (s, "{\"type\":\"track\",\"userId\":\"u_1\",\"event\":\"B\",\"timestamp\":\"2024-01-01T00:00:01Z\"}\n");
  write_file (path, s->str, (gssize) s->len);

  ds = import_with (path, NULL, &error);
  g_assert_no_error (error);
  assert_counts (ds, 4, 0, 0, 2);
  g_assert_true (has_problem (ds, 2, "nested more than 512 deep"));
  g_assert_true (has_problem (ds, 3, "<data>:1:44: the text is not UTF-8 (byte 0xE9)"));
  g_assert_cmpuint (n_events_of (ds, "u_1"), ==, 2);
  event_of (ds, "u_1", "A");
  event_of (ds, "u_1", "B");
  g_remove (path);
}

static void
test_not_analytics (void)
{
  TsSource *source = ts_plugin_manager_find_source (plugins, "analytics");
  g_autofree char *other = data_path ("other.json");
  g_autofree char *empty = g_build_filename (tmp_dir, "ts-analytics-empty.jsonl", NULL);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(GFile) empty_file = g_file_new_for_path (empty);
  g_autoptr(TsDatasetBuilder) b1 = ts_dataset_builder_new ();
  g_autoptr(TsDatasetBuilder) b2 = ts_dataset_builder_new ();
  g_autoptr(GError) error = NULL;

  /* asked directly, the plugin says what it expected */
  g_assert_false (ts_source_import (source, other_file, NULL, b1, NULL, NULL, &error));
  g_assert_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "other.json"));
  g_clear_error (&error);

  write_file (empty, "\n  \n", -1);
  g_assert_false (ts_source_import (source, empty_file, NULL, b2, NULL, NULL, &error));
  g_assert_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_EMPTY);
  g_remove (empty);
}

static void
test_preview (void)
{
  TsSource *source = ts_plugin_manager_find_source (plugins, "analytics");
  g_autofree char *path = data_path ("amplitude.zip");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = ts_source_preview (source, file, NULL, 4, NULL, &error);
  char **header, **first;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);   /* the header and 4 records */
  header = rows->pdata[0];
  first = rows->pdata[1];
  g_assert_cmpstr (header[0], ==, "line");
  g_assert_cmpstr (header[7], ==, "name");
  g_assert_cmpstr (first[1], ==, "374182/374182_2024-03-02_0#0.json.gz");
  g_assert_cmpstr (first[2], ==, "Amplitude");
  g_assert_cmpstr (first[4], ==, "u_97980");
  g_assert_cmpstr (first[6], ==, "2024-03-02T00:15:00.123456Z");
  g_assert_cmpstr (first[7], ==, "Support Ticket Opened");
  g_assert_cmpstr (((char **) rows->pdata[4])[1], ==, "374182/374182_2024-03-02_13#0.json.gz");
}

/* ---------------------------------------------------------------------- */
/* a large file: progress and cancellation                                */

static char *
make_big_file (guint n)
{
  g_autofree char *path = g_build_filename (tmp_dir, "ts-analytics-big.jsonl.gz", NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GConverter) gz = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 1));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GOutputStream) zout = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "{\"type\":\"track\",\"messageId\":\"m%u\",\"userId\":\"u_%u\",\"anonymousId\":\"a%u\","
                            "\"event\":\"Page Viewed\",\"properties\":{\"n\":%u},"
                            "\"timestamp\":\"2024-01-01T00:00:%02uZ\"}\n", i, i % 1000, i % 3000, i % 17, i % 60);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  zout = g_converter_output_stream_new (G_OUTPUT_STREAM (out), gz);
  g_output_stream_write_all (zout, s->str, s->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (zout, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_progress (void)
{
  g_autofree char *path = make_big_file (20000);
  const char *paths[] = { path, NULL };
  g_autoptr(TsImportJob) job = ts_import_job_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = ts_importer_import (plugins, paths, NULL, job, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 20000);
  assert_counts (ds, 20000, 0, 0, 0);
  g_assert_cmpfloat (ts_import_job_get_fraction (job), ==, 1.0);
  g_remove (path);
}

typedef struct
{
  TsImportJob  *job;
  GCancellable *cancellable;
  double        seen;
  gboolean      stop;
} Watch;

static gpointer
watch_thread (gpointer data)
{
  Watch *w = data;

  /* cancel once the import has said how far it is */
  while (!g_atomic_int_get (&w->stop))
    {
      double f = ts_import_job_get_fraction (w->job);
      if (f > 0.0)
        {
          w->seen = f;
          g_cancellable_cancel (w->cancellable);
          break;
        }
      g_usleep (200);
    }
  return NULL;
}

static void
test_cancel (void)
{
  TsSource *source = ts_plugin_manager_find_source (plugins, "analytics");
  g_autofree char *path = make_big_file (300000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TsDatasetBuilder) builder = ts_dataset_builder_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TsImportJob) job = ts_import_job_new ();
  g_autoptr(GError) error = NULL;
  Watch w = { job, cancellable, 0.0, FALSE };
  GThread *thread = g_thread_new ("watch", watch_thread, &w);
  gboolean ok;

  ok = ts_source_import (source, file, NULL, builder, job, cancellable, &error);
  g_atomic_int_set (&w.stop, TRUE);
  g_thread_join (thread);

  /* progress came in pieces, and the import stopped partway */
  g_assert_cmpfloat (w.seen, >, 0.0);
  g_assert_cmpfloat (w.seen, <, 1.0);
  g_assert_false (ok);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ts_dataset_builder_get_n_rows (builder, TS_TABLE_EVENTS), <, 300000);
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("ts-analytics-plugin-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  plugins = ts_plugin_manager_new (NULL);

  g_test_add_func ("/plugins/analytics/discovery", test_discovery);
  g_test_add_func ("/plugins/analytics/probe", test_probe);
  g_test_add_func ("/plugins/analytics/segment/counts", test_segment_counts);
  g_test_add_func ("/plugins/analytics/segment/identities-and-traits", test_segment_identities);
  g_test_add_func ("/plugins/analytics/segment/times-channels-properties", test_segment_events);
  g_test_add_func ("/plugins/analytics/segment/problems-name-lines", test_segment_problems);
  g_test_add_func ("/plugins/analytics/segment/gzip-two-members", test_segment_gzip);
  g_test_add_func ("/plugins/analytics/segment/truncated-gzip", test_segment_truncated_gzip);
  g_test_add_func ("/plugins/analytics/identity/email", test_identity_email);
  g_test_add_func ("/plugins/analytics/mixpanel/times-ids-duplicates", test_mixpanel);
  g_test_add_func ("/plugins/analytics/mixpanel/project-time-zone", test_mixpanel_time_zone);
  g_test_add_func ("/plugins/analytics/amplitude/zip-of-gzip", test_amplitude_zip);
  g_test_add_func ("/plugins/analytics/amplitude/unsafe-entry-refused", test_amplitude_unsafe_entry);
  g_test_add_func ("/plugins/analytics/amplitude/truncated-entry", test_amplitude_corrupt_entry);
  g_test_add_func ("/plugins/analytics/ga4/params-and-microseconds", test_ga4);
  g_test_add_func ("/plugins/analytics/posthog/identify-and-properties", test_posthog);
  g_test_add_func ("/plugins/analytics/detect/majority-of-first-records", test_detect_by_majority);
  g_test_add_func ("/plugins/analytics/bad/17mb-line", test_huge_line);
  g_test_add_func ("/plugins/analytics/bad/nested-100000-deep-and-not-utf8", test_hostile_lines);
  g_test_add_func ("/plugins/analytics/bad/not-analytics-or-empty", test_not_analytics);
  g_test_add_func ("/plugins/analytics/preview", test_preview);
  g_test_add_func ("/plugins/analytics/large/progress", test_progress);
  g_test_add_func ("/plugins/analytics/large/cancel", test_cancel);

  ret = g_test_run ();
  g_object_unref (plugins);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}

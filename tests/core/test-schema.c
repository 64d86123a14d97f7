/* test-schema.c — canonical tables, header matching, value parsers, mappings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <touchstone.h>

/* ---------------------------------------------------------------------- */
/* Tables and headers                                                     */

static void
test_tables (void)
{
  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      const char *name = ts_table_get_name ((TsTable) t);

      g_assert_nonnull (name);
      g_assert_cmpint (ts_table_from_name (name), ==, (TsTable) t);
      g_assert_cmpuint (ts_table_get_n_fields ((TsTable) t), >, 0);
      g_assert_cmpuint (ts_table_get_n_fields ((TsTable) t), <=, TS_MAX_ROW_FIELDS);
      /* the customer reference is always field 0 */
      g_assert_cmpstr (ts_table_get_field ((TsTable) t, 0)->name, ==, "customer_id");
      g_assert_cmpstr (ts_schema_describe_requirement ((TsTable) t), !=, "");
    }
  g_assert_cmpint (ts_table_from_name ("EVENTS"), ==, TS_TABLE_EVENTS);
  g_assert_cmpint (ts_table_from_name ("widgets"), ==, TS_TABLE_NONE);
  g_assert_cmpint (ts_table_from_name (NULL), ==, TS_TABLE_NONE);
  g_assert_cmpint (ts_table_find_field (TS_TABLE_CASES, "closed_at"), ==, TS_CASE_CLOSED_AT);
  g_assert_cmpint (ts_table_find_field (TS_TABLE_EVENTS, "AT"), ==, TS_EVENT_AT);
  g_assert_cmpint (ts_table_find_field (TS_TABLE_EVENTS, "nope"), ==, -1);
  g_assert_cmpint (ts_table_get_field (TS_TABLE_EVENTS, TS_EVENT_AT)->type, ==, TS_FIELD_TYPE_TIME);
  g_assert_cmpint (ts_table_get_field (TS_TABLE_CUSTOMERS, TS_CUSTOMER_CONSENT_SMS)->type, ==,
                   TS_FIELD_TYPE_CONSENT);
}

static void
test_normalize_header (void)
{
  static const struct {
    const char *header;
    const char *expected;
  } cases[] = {
    { "CreatedDate", "created_date" },
    { "E-mail", "e_mail" },
    { "Customer ID", "customer_id" },
    { "userId", "user_id" },
    { "created date", "created_date" },
    { "Created-Date", "created_date" },
    { "  Email Address  ", "email_address" },
    { "customer__id", "customer_id" },
    { "HTTPStatus", "http_status" },
    { "NPS", "nps" },
    { "event_name", "event_name" },
    { "Ticket #", "ticket" },
    { "Straße", "straße" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *norm = ts_schema_normalize_header (cases[i].header, -1);
      g_assert_cmpstr (norm, ==, cases[i].expected);
    }

  {
    g_autofree char *norm = ts_schema_normalize_header ("Customer ID and more", 11);
    g_assert_cmpstr (norm, ==, "customer_id");
  }
}

static void
test_match_header (void)
{
  g_assert_cmpint (ts_schema_match_header (TS_TABLE_EVENTS, "user_id"), ==, TS_EVENT_CUSTOMER);
  g_assert_cmpint (ts_schema_match_header (TS_TABLE_EVENTS, "timestamp"), ==, TS_EVENT_AT);
  g_assert_cmpint (ts_schema_match_header (TS_TABLE_EVENTS, "event"), ==, TS_EVENT_NAME);
  g_assert_cmpint (ts_schema_match_header (TS_TABLE_CUSTOMERS, "email"), ==, TS_CUSTOMER_EMAIL);
  g_assert_cmpint (ts_schema_match_header (TS_TABLE_CASES, "solved_at"), ==, TS_CASE_CLOSED_AT);
  g_assert_cmpint (ts_schema_match_header (TS_TABLE_EVENTS, "colour"), ==, -1);
}

static void
test_map_columns (void)
{
  const char *const headers[] = { "User ID", "Event Name", "Timestamp", "Platform", "extra" };
  const int expected[] = { TS_EVENT_CUSTOMER, TS_EVENT_NAME, TS_EVENT_AT, TS_EVENT_CHANNEL, -1 };
  int fields[G_N_ELEMENTS (headers)];

  ts_schema_map_columns (TS_TABLE_EVENTS, headers, G_N_ELEMENTS (headers), fields);
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    g_assert_cmpint (fields[i], ==, expected[i]);
  g_assert_true (ts_schema_table_has_required (TS_TABLE_EVENTS, fields, G_N_ELEMENTS (headers)));
  /* without the time column, no events table */
  fields[2] = -1;
  g_assert_false (ts_schema_table_has_required (TS_TABLE_EVENTS, fields, G_N_ELEMENTS (headers)));
}

static void
assert_guess_table (const char *headers_csv,
                    const char *file_name,
                    TsTable     expected)
{
  g_auto(GStrv) headers = g_strsplit (headers_csv, ",", -1);
  int score = -1;
  TsTable table = ts_schema_guess_table ((const char *const *) headers, g_strv_length (headers),
                                         file_name, &score);

  g_test_message ("%s (%s): %s, score %d", headers_csv, file_name ? file_name : "no file name",
                  table == TS_TABLE_NONE ? "none" : ts_table_get_name (table), score);
  g_assert_cmpstr (table == TS_TABLE_NONE ? "none" : ts_table_get_name (table), ==,
                   expected == TS_TABLE_NONE ? "none" : ts_table_get_name (expected));
  if (expected == TS_TABLE_NONE)
    g_assert_cmpint (score, ==, 0);
  else
    g_assert_cmpint (score, >, 0);
}

static void
test_guess_table (void)
{
  static const struct {
    const char *headers;
    TsTable     table;
  } cases[] = {
    { "customer_id,event,timestamp,channel", TS_TABLE_EVENTS },
    { "id,email,plan,created_at", TS_TABLE_CUSTOMERS },
    { "ticket_id,requester_email,status,priority,created_at,solved_at", TS_TABLE_CASES },
    { "email,submitted_at,nps,comment", TS_TABLE_RESPONSES },
    { "customer_id,sent_at,channel,campaign", TS_TABLE_TOUCHES },
    { "email,list", TS_TABLE_LISTS },
    { "userId,Event Name,Timestamp", TS_TABLE_EVENTS },
    { "Customer ID,E-mail,Full Name,Plan,Signup Date", TS_TABLE_CUSTOMERS },
  };

  /* from the headers alone, and with a file name that hints at nothing */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      assert_guess_table (cases[i].headers, NULL, cases[i].table);
      assert_guess_table (cases[i].headers, "export-2024.csv", cases[i].table);
    }
}

static void
test_guess_table_file_hint (void)
{
  /* the same columns read as customers or as a suppression list */
  assert_guess_table ("email,list", "do_not_contact.csv", TS_TABLE_LISTS);
  assert_guess_table ("id,email,plan,created_at", "customers.csv", TS_TABLE_CUSTOMERS);
  assert_guess_table ("ticket_id,requester_email,status,created_at", "zendesk-tickets.csv",
                      TS_TABLE_CASES);
}

static void
test_guess_table_none (void)
{
  assert_guess_table ("sku,price,quantity", NULL, TS_TABLE_NONE);
  assert_guess_table ("foo,bar,baz", "events.csv", TS_TABLE_NONE);
  assert_guess_table ("timestamp,event", NULL, TS_TABLE_NONE);   /* no customer */
  {
    int score = -1;
    g_assert_cmpint (ts_schema_guess_table (NULL, 0, NULL, &score), ==, TS_TABLE_NONE);
    g_assert_cmpint (score, ==, 0);
  }
}

/* ---------------------------------------------------------------------- */
/* Values                                                                 */

static void
assert_number (const char *str,
               double      expected)
{
  double v = -12345.0;

  if (!ts_number_parse (str, strlen (str), &v))
    g_error ("“%s” was not read as a number", str);
  g_assert_cmpfloat_with_epsilon (v, expected, 1e-9);
}

static void
assert_not_number (const char *str)
{
  double v = 0;

  if (ts_number_parse (str, strlen (str), &v))
    g_error ("“%s” was read as the number %g", str, v);
}

static void
test_number_parse (void)
{
  assert_number ("1234.5", 1234.5);
  assert_number ("-3", -3);
  assert_number ("+7", 7);
  assert_number ("0", 0);
  assert_number ("0.1", 0.1);
  assert_number ("1e3", 1000);
  assert_number ("-2.5E-2", -0.025);
  assert_number ("1.234,56", 1234.56);
  assert_number ("-1.234,56", -1234.56);
  assert_number ("12,5", 12.5);
  assert_number ("1,234.56", 1234.56);
  assert_number ("1'234.50", 1234.5);
  assert_number (" 42 ", 42);
  assert_number ("123456789012345678901", 123456789012345678901.0);

  assert_not_number ("");
  assert_not_number ("   ");
  assert_not_number ("-");
  assert_not_number ("abc");
  assert_not_number ("12abc");
  assert_not_number ("1.2.3");
  assert_not_number ("1e");
  assert_not_number ("nan");
  assert_not_number ("inf");
  assert_not_number ("N/A");
}

/* The parser documents ' ' as a thousands separator with a decimal comma
 * (French, Swedish, Polish exports). */
static void
test_number_parse_space_thousands (void)
{
  assert_number ("1 234,56", 1234.56);
}

static void
test_consent_parse (void)
{
  static const char *const granted[] = {
    "granted", "yes", "Y", "TRUE", "1", "opt-in", "Opted In", "OptIn", "subscribed", " allowed ",
  };
  static const char *const denied[] = {
    "denied", "no", "N", "false", "0", "opt-out", "Opted-Out", "Unsubscribed", "revoked",
    "declined",
  };
  static const char *const unknown[] = { "", "maybe", "pending", "2", "yes please" };
  gboolean b;

  for (guint i = 0; i < G_N_ELEMENTS (granted); i++)
    g_assert_cmpint (ts_consent_parse (granted[i], strlen (granted[i])), ==, TS_CONSENT_GRANTED);
  for (guint i = 0; i < G_N_ELEMENTS (denied); i++)
    g_assert_cmpint (ts_consent_parse (denied[i], strlen (denied[i])), ==, TS_CONSENT_DENIED);
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_cmpint (ts_consent_parse (unknown[i], strlen (unknown[i])), ==, TS_CONSENT_UNKNOWN);
  /* the length is honoured */
  g_assert_cmpint (ts_consent_parse ("not", 2), ==, TS_CONSENT_DENIED);

  g_assert_cmpstr (ts_consent_to_string (TS_CONSENT_GRANTED), ==, "granted");
  g_assert_cmpstr (ts_consent_to_string (TS_CONSENT_DENIED), ==, "denied");
  g_assert_cmpstr (ts_consent_to_string (TS_CONSENT_UNKNOWN), ==, "unknown");

  g_assert_true (ts_boolean_parse ("Yes", 3, &b));
  g_assert_true (b);
  g_assert_true (ts_boolean_parse ("0", 1, &b));
  g_assert_false (b);
  g_assert_false (ts_boolean_parse ("maybe", 5, &b));
}

/* ---------------------------------------------------------------------- */
/* Mapping                                                                */

static TsMapping *
load_full_mapping (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "core",
                                                 "mapping-full.json", NULL);
  g_autoptr(GError) error = NULL;
  TsMapping *mapping = ts_mapping_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mapping);
  return mapping;
}

static void
test_mapping_defaults (void)
{
  g_autoptr(TsMapping) mapping = ts_mapping_new ();
  g_autoptr(TsMapping) resolved = ts_mapping_resolve (NULL, "events.csv");
  const char *const *markers = ts_mapping_get_null_markers (mapping);
  const char *field = "x";

  g_assert_cmpint (ts_mapping_get_table (mapping), ==, TS_TABLE_NONE);
  g_assert_cmpint (ts_mapping_get_delimiter (mapping), ==, 0);
  g_assert_cmpint (ts_mapping_get_encoding (mapping), ==, TS_CSV_ENCODING_AUTO);
  g_assert_true (ts_mapping_get_header (mapping));
  g_assert_null (ts_mapping_get_time_zone (mapping));
  g_assert_cmpint (ts_mapping_get_time_format (mapping), ==, TS_TIME_FORMAT_UNKNOWN);
  g_assert_true (g_strv_contains (markers, "NULL"));
  g_assert_false (ts_mapping_lookup_column (mapping, "anything", &field, NULL, NULL));
  g_assert_null (field);
  g_assert_null (ts_mapping_get_constant (mapping, "kind"));

  g_assert_nonnull (resolved);
  g_assert_cmpint (ts_mapping_get_table (resolved), ==, TS_TABLE_NONE);
}

static void
test_mapping_full (void)
{
  g_autoptr(TsMapping) mapping = load_full_mapping ();
  const char *const *markers = ts_mapping_get_null_markers (mapping);
  GTimeZone *zone = ts_mapping_get_time_zone (mapping);

  g_assert_cmpint (ts_mapping_get_table (mapping), ==, TS_TABLE_EVENTS);
  g_assert_cmpint (ts_mapping_get_delimiter (mapping), ==, ',');
  g_assert_cmpint (ts_mapping_get_encoding (mapping), ==, TS_CSV_ENCODING_UTF8);
  g_assert_true (ts_mapping_get_header (mapping));
  g_assert_cmpint (ts_mapping_get_time_format (mapping), ==, TS_TIME_FORMAT_ISO8601);
  g_assert_nonnull (zone);
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Europe/Berlin");
  g_assert_cmpuint (g_strv_length ((char **) markers), ==, 3);
  g_assert_cmpstr (markers[0], ==, "NULL");
  g_assert_cmpstr (markers[1], ==, "-");
  g_assert_cmpstr (markers[2], ==, "\\N");
  g_assert_cmpstr (ts_mapping_get_constant (mapping, "channel"), ==, "web");

  /* serialises back to an equivalent mapping */
  {
    g_autoptr(JsonNode) node = ts_mapping_to_json (mapping);
    g_autofree char *text = json_to_string (node, FALSE);
    g_autoptr(GError) error = NULL;
    g_autoptr(TsMapping) again = ts_mapping_new_from_data (text, -1, &error);

    g_assert_no_error (error);
    g_assert_cmpint (ts_mapping_get_table (again), ==, TS_TABLE_EVENTS);
    g_assert_cmpint (ts_mapping_get_delimiter (again), ==, ',');
  }
}

static void
test_mapping_lookup_column (void)
{
  g_autoptr(TsMapping) mapping = load_full_mapping ();
  g_autoptr(TsMapping) events = ts_mapping_resolve (mapping, "events.csv");
  const char *field = NULL;
  TsTimeFormat format = TS_TIME_FORMAT_ISO8601;
  GTimeZone *zone = NULL;

  /* string form */
  g_assert_true (ts_mapping_lookup_column (events, "uid", &field, &format, &zone));
  g_assert_cmpstr (field, ==, "customer_id");
  g_assert_cmpint (format, ==, TS_TIME_FORMAT_UNKNOWN);
  g_assert_null (zone);

  /* object form */
  g_assert_true (ts_mapping_lookup_column (events, "ts", &field, &format, &zone));
  g_assert_cmpstr (field, ==, "at");
  g_assert_cmpint (format, ==, TS_TIME_FORMAT_EPOCH_MS);
  g_assert_nonnull (zone);
  g_assert_cmpint (g_time_zone_get_offset (zone, 0), ==, 0);
  g_clear_pointer (&zone, g_time_zone_unref);

  /* optional out arguments */
  g_assert_true (ts_mapping_lookup_column (events, "ts", NULL, NULL, NULL));

  /* null: known, ignored */
  field = "x";
  g_assert_true (ts_mapping_lookup_column (events, "junk", &field, &format, &zone));
  g_assert_null (field);
  g_assert_null (zone);

  /* not in the mapping */
  g_assert_false (ts_mapping_lookup_column (events, "Ticket #", &field, NULL, NULL));
  g_assert_false (ts_mapping_lookup_column (events, "UID", &field, NULL, NULL));
}

static void
test_mapping_resolve_files (void)
{
  g_autoptr(TsMapping) mapping = load_full_mapping ();
  g_autoptr(TsMapping) tickets = ts_mapping_resolve (mapping, "tickets_2024.csv");
  g_autoptr(TsMapping) tickets_in_dir =
    ts_mapping_resolve (mapping, "/srv/exports/tickets_2024.csv");
  g_autoptr(TsMapping) events = ts_mapping_resolve (mapping, "events.csv");
  g_autoptr(TsMapping) tsv = ts_mapping_resolve (mapping, "clicks.tsv");
  const char *field = NULL;
  TsTimeFormat format = TS_TIME_FORMAT_UNKNOWN;
  GTimeZone *zone = NULL;
  TsMapping *with_glob[] = { tickets, tickets_in_dir };

  for (guint i = 0; i < G_N_ELEMENTS (with_glob); i++)
    {
      TsMapping *m = with_glob[i];

      /* the glob's keys override the top level … */
      g_assert_cmpint (ts_mapping_get_table (m), ==, TS_TABLE_CASES);
      g_assert_cmpint (ts_mapping_get_delimiter (m), ==, ';');
      g_assert_cmpint (ts_mapping_get_encoding (m), ==, TS_CSV_ENCODING_WINDOWS_1252);
      g_assert_cmpint (ts_mapping_get_time_format (m), ==, TS_TIME_FORMAT_DMY);
      g_assert_true (ts_mapping_lookup_column (m, "ts", &field, &format, &zone));
      g_assert_cmpstr (field, ==, "opened_at");
      g_assert_cmpint (format, ==, TS_TIME_FORMAT_UNKNOWN);
      g_assert_null (zone);
      g_assert_true (ts_mapping_lookup_column (m, "Ticket #", &field, NULL, NULL));
      g_assert_cmpstr (field, ==, "case_id");
      g_assert_cmpstr (ts_mapping_get_constant (m, "origin"), ==, "email");

      /* … and the rest is inherited */
      g_assert_true (ts_mapping_get_header (m));
      g_assert_nonnull (ts_mapping_get_time_zone (m));
      g_assert_cmpstr (g_time_zone_get_identifier (ts_mapping_get_time_zone (m)), ==,
                       "Europe/Berlin");
      g_assert_cmpuint (g_strv_length ((char **) ts_mapping_get_null_markers (m)), ==, 3);
      g_assert_true (ts_mapping_lookup_column (m, "uid", &field, NULL, NULL));
      g_assert_cmpstr (field, ==, "customer_id");
      g_assert_cmpstr (ts_mapping_get_constant (m, "channel"), ==, "web");
    }

  /* a file the glob does not match keeps the top level */
  g_assert_cmpint (ts_mapping_get_table (events), ==, TS_TABLE_EVENTS);
  g_assert_cmpint (ts_mapping_get_delimiter (events), ==, ',');
  g_assert_cmpint (ts_mapping_get_encoding (events), ==, TS_CSV_ENCODING_UTF8);
  g_assert_cmpint (ts_mapping_get_time_format (events), ==, TS_TIME_FORMAT_ISO8601);
  g_assert_null (ts_mapping_get_constant (events, "origin"));
  g_assert_false (ts_mapping_lookup_column (events, "Ticket #", NULL, NULL, NULL));

  /* another glob */
  g_assert_cmpint (ts_mapping_get_table (tsv), ==, TS_TABLE_EVENTS);
  g_assert_cmpint (ts_mapping_get_delimiter (tsv), ==, '\t');
  g_assert_false (ts_mapping_get_header (tsv));

  /* the unresolved mapping is untouched */
  g_assert_cmpint (ts_mapping_get_table (mapping), ==, TS_TABLE_EVENTS);
  g_assert_cmpint (ts_mapping_get_delimiter (mapping), ==, ',');
}

static void
test_mapping_invalid (void)
{
  static const struct {
    const char *json;
    const char *path;
  } cases[] = {
    { "{\"table\": \"widgets\"}", "$.table" },
    { "{\"table\": 3}", "$.table" },
    { "{\"tabel\": \"events\"}", "$.tabel" },
    { "{\"delimiter\": \";;\"}", "$.delimiter" },
    { "{\"encoding\": \"ebcdic\"}", "$.encoding" },
    { "{\"header\": \"yes\"}", "$.header" },
    { "{\"null_markers\": \"NULL\"}", "$.null_markers" },
    { "{\"null_markers\": [\"NULL\", 0]}", "$.null_markers[1]" },
    { "{\"time_zone\": \"Mars/Olympus_Mons\"}", "$.time_zone" },
    { "{\"time_format\": \"weekly\"}", "$.time_format" },
    { "{\"columns\": [\"a\"]}", "$.columns" },
    { "{\"columns\": {\"ts\": 5}}", "$.columns[\"ts\"]" },
    { "{\"columns\": {\"ts\": {\"field\": 1}}}", "$.columns[\"ts\"].field" },
    { "{\"columns\": {\"ts\": {\"field\": \"at\", \"format\": \"weekly\"}}}",
      "$.columns[\"ts\"].format" },
    { "{\"columns\": {\"ts\": {\"field\": \"at\", \"time_zone\": \"Mars/Olympus_Mons\"}}}",
      "$.columns[\"ts\"].time_zone" },
    { "{\"constants\": [1]}", "$.constants" },
    { "{\"files\": []}", "$.files" },
    { "{\"files\": {\"x\": 1}}", "$.files[\"x\"]" },
    { "{\"files\": {\"x\": {\"delimiter\": \";;\"}}}", "$.files[\"x\"].delimiter" },
    { "{\"files\": {\"x\": {\"table\": \"widgets\"}}}", "$.files[\"x\"].table" },
    { "{\"files\": {\"x\": {\"files\": {}}}}", "$.files[\"x\"].files" },
    { "[]", "$" },
    { "\"events\"", "$" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TsMapping) mapping = ts_mapping_new_from_data (cases[i].json, -1, &error);
      g_autofree char *prefix = g_strconcat (cases[i].path, ": ", NULL);

      g_test_message ("%s → %s", cases[i].json, error ? error->message : "(no error)");
      g_assert_null (mapping);
      g_assert_error (error, TS_MAPPING_ERROR, TS_MAPPING_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, prefix));
    }
}

static void
test_mapping_parse_error (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = ts_mapping_new_from_data ("{\"table\": ", -1, &error);

  g_assert_null (mapping);
  g_assert_error (error, TS_MAPPING_ERROR, TS_MAPPING_ERROR_PARSE);
}

static void
test_mapping_file_errors (void)
{
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "data", "core",
                                                "mapping-bad-glob.json", NULL);
  g_autofree char *missing = g_test_build_filename (G_TEST_DIST, "data", "core",
                                                    "no-such-mapping.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = ts_mapping_new_from_file (bad, &error);

  g_assert_null (mapping);
  g_assert_error (error, TS_MAPPING_ERROR, TS_MAPPING_ERROR_INVALID);
  /* names the file, then the JSON path */
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_assert_nonnull (strstr (error->message, "$.files[\"x\"].delimiter: "));
  g_clear_error (&error);

  mapping = ts_mapping_new_from_file (missing, &error);
  g_assert_null (mapping);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/schema/tables", test_tables);
  g_test_add_func ("/core/schema/normalize-header", test_normalize_header);
  g_test_add_func ("/core/schema/match-header", test_match_header);
  g_test_add_func ("/core/schema/map-columns", test_map_columns);
  g_test_add_func ("/core/schema/guess-table/headers", test_guess_table);
  g_test_add_func ("/core/schema/guess-table/file-hint", test_guess_table_file_hint);
  g_test_add_func ("/core/schema/guess-table/none", test_guess_table_none);
  g_test_add_func ("/core/schema/number-parse", test_number_parse);
  g_test_add_func ("/core/schema/number-parse/space-thousands", test_number_parse_space_thousands);
  g_test_add_func ("/core/schema/consent-parse", test_consent_parse);
  g_test_add_func ("/core/mapping/defaults", test_mapping_defaults);
  g_test_add_func ("/core/mapping/full", test_mapping_full);
  g_test_add_func ("/core/mapping/lookup-column", test_mapping_lookup_column);
  g_test_add_func ("/core/mapping/resolve-files", test_mapping_resolve_files);
  g_test_add_func ("/core/mapping/invalid", test_mapping_invalid);
  g_test_add_func ("/core/mapping/parse-error", test_mapping_parse_error);
  g_test_add_func ("/core/mapping/file-errors", test_mapping_file_errors);

  return g_test_run ();
}

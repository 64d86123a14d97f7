/* test-cli.c — touchstone-cli as scripts use it: exit status, JSON shape,
 * and the CSV conformance suites through `preview --json`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../test-groups.h"
#include "cli-run.h"


static void
run_cli (Run        *r,
         const char *first,
         ...)
{
  va_list args;

  va_start (args, first);
  run_cli_va (r, NULL, first, args);
  va_end (args);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static char *
conformance_path (const char *first,
                  ...)
{
  const char *dir = g_getenv ("TS_CONFORMANCE_DIR");
  va_list args;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_error ("The CSV conformance suites are missing: expected them in %s "
             "(../shared/conformance beside the checkout)", dir ? dir : "(TS_CONFORMANCE_DIR unset)");

  g_ptr_array_add (parts, (char *) dir);
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (parts, (char *) a);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

/* ---------------------------------------------------------------------- */

static void
test_version (void)
{
  Run r = { 0, };

  run_cli (&r, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==, "touchstone-cli " PACKAGE_VERSION "\n");
  run_clear (&r);
}

static void
test_help (void)
{
  const char *commands[] = { "preview", "inspect", "demo" };
  Run r = { 0, };

  run_cli (&r, "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (r.out, commands[i]));
  run_clear (&r);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      run_cli (&r, commands[i], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, g_str_equal (commands[i], "demo") ? "--out" : "--json"));
      run_clear (&r);
    }

  run_cli (&r, "no-such-command", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "no-such-command"));
  run_clear (&r);
}

static void
test_spectrum (void)
{
  g_autofree char *csv_dir = conformance_path ("csv-spectrum", "csvs", NULL);
  g_autoptr(GDir) dir = g_dir_open (csv_dir, 0, NULL);
  const char *name;
  guint n_cases = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stem = g_strndup (name, strlen (name) - 4);
      g_autofree char *json_name = g_strconcat (stem, ".json", NULL);
      g_autofree char *input = g_build_filename (csv_dir, name, NULL);
      g_autofree char *expected_path = conformance_path ("csv-spectrum", "json", json_name, NULL);
      g_autofree char *expected_text = NULL;
      g_autoptr(JsonNode) expected = NULL;
      g_autoptr(JsonNode) actual = NULL;
      Run r = { 0, };

      if (!g_str_has_suffix (name, ".csv"))
        continue;
      n_cases++;

      run_cli (&r, "preview", "--json", "--rows", "all", "--plugin", "csv", input, NULL);
      g_assert_cmpint (r.status, ==, 0);
      actual = parse_json (r.out);
      g_assert_true (g_file_get_contents (expected_path, &expected_text, NULL, NULL));
      expected = parse_json (expected_text);

      if (g_str_equal (stem, "location_coordinates"))
        {
          /* Known bad upstream (see the suite's README): the expected file is
           * an object, not an array, and names another phone number.  The
           * lenient reading must keep the bare quotes and the values. */
          JsonObject *row;
          g_test_message ("csv-spectrum/location_coordinates: known-bad expected file upstream; "
                          "checking the lenient reading instead");
          g_assert_true (JSON_NODE_HOLDS_ARRAY (actual));
          g_assert_cmpuint (json_array_get_length (json_node_get_array (actual)), ==, 1);
          row = json_array_get_object_element (json_node_get_array (actual), 0);
          g_assert_cmpstr (json_object_get_string_member (row, "Contact Phone Number"), ==, "2095257564");
          g_assert_cmpstr (json_object_get_string_member (row, "Location Coordinates"), ==,
                           json_object_get_string_member (json_node_get_object (expected), "Location Coordinates"));
          g_assert_cmpstr (json_object_get_string_member (row, "Cities"), ==, "Modesto");
          g_assert_cmpstr (json_object_get_string_member (row, "Counties"), ==, "Stanislaus");
        }
      else if (!json_node_equal (expected, actual))
        g_error ("csv-spectrum/%s: expected %s, got %s", stem, expected_text, r.out);

      run_clear (&r);
    }
  g_assert_cmpuint (n_cases, ==, 12);
}

static void
test_rfc4180 (void)
{
  g_autofree char *cases_dir = conformance_path ("vanillaes-csv-rfc4180", "cases", NULL);
  g_autoptr(GDir) dir = g_dir_open (cases_dir, 0, NULL);
  g_autofree char *tmp = g_dir_make_tmp ("ts-rfc4180-XXXXXX", NULL);
  const char *name;
  guint n_cases = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (cases_dir, name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *input_path = g_build_filename (tmp, "input.csv", NULL);
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(JsonNode) actual = NULL;
      g_autoptr(GString) input = g_string_new (NULL);
      JsonArray *lines;
      JsonNode *expected;
      Run r = { 0, };

      if (!g_str_has_suffix (name, ".json"))
        continue;
      n_cases++;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      root = parse_json (text);
      lines = json_object_get_array_member (json_node_get_object (root), "csv");
      for (guint i = 0; i < json_array_get_length (lines); i++)
        {
          if (i > 0)
            g_string_append_c (input, '\n');
          g_string_append (input, json_array_get_string_element (lines, i));
        }
      g_assert_true (g_file_set_contents (input_path, input->str, input->len, NULL));

      run_cli (&r, "preview", "--json", "--no-header", "--rows", "all", "--plugin", "csv", input_path, NULL);
      g_assert_cmpint (r.status, ==, 0);
      actual = parse_json (r.out);
      expected = json_object_get_member (json_node_get_object (root), "json");
      if (!json_node_equal (expected, actual))
        g_error ("rfc4180/%s: got %s", name, r.out);

      run_clear (&r);
      g_remove (input_path);
    }
  g_rmdir (tmp);
  g_assert_cmpuint (n_cases, ==, 10);
}

static char *
data_path (const char *sub,
           const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", sub, name, NULL);
}

static void
test_inspect_json_shape (void)
{
  g_autofree char *quirks = g_test_build_filename (G_TEST_DIST, "data", "quirks", NULL);
  g_autoptr(JsonNode) root = NULL;
  const char *tables[] = { "customers", "events", "cases", "touches", "responses", "lists" };
  JsonObject *o, *t, *events;
  JsonArray *sources, *warnings;
  Run r = { 0, };

  run_cli (&r, "inspect", "--json", quirks, NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);

  sources = json_object_get_array_member (o, "sources");
  g_assert_cmpuint (json_array_get_length (sources), >=, 15);
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *s = json_array_get_object_element (sources, i);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (s, "path"), quirks));
      g_assert_cmpstr (json_object_get_string_member (s, "plugin"), ==, "csv");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "tables")), ==, 1);
    }

  t = json_object_get_object_member (o, "tables");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (t, tables[i]), "rows"), >, 0);
  events = json_object_get_object_member (t, "events");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (events, "first"), "Z"));
  g_assert_cmpstr (json_object_get_string_member (events, "first"), <, json_object_get_string_member (events, "last"));
  g_assert_cmpint (json_object_get_int_member (o, "customers"), ==,
                   json_object_get_int_member (json_object_get_object_member (t, "customers"), "rows"));

  /* every source says how many records it had and which were dropped, why */
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *s = json_array_get_object_element (sources, i);
      JsonObject *dropped = json_object_get_object_member (s, "dropped");
      g_assert_cmpint (json_object_get_int_member (s, "records"), >=, 0);
      g_assert_true (json_object_has_member (dropped, "duplicate"));
      g_assert_true (json_object_has_member (dropped, "no_identity"));
      g_assert_true (json_object_has_member (dropped, "unparseable"));
    }
  {
    JsonObject *identity = json_object_get_object_member (o, "identity");
    JsonObject *unmatched = json_object_get_object_member (identity, "unmatched_by_source");
    g_assert_cmpint (json_object_get_int_member (identity, "matched"), >=, 0);
    g_assert_cmpuint (json_object_get_size (unmatched), ==, json_array_get_length (sources));
  }

  warnings = json_object_get_array_member (o, "warnings");
  g_assert_cmpuint (json_array_get_length (warnings), >=, 1);
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);
      g_assert_true (json_object_has_member (w, "path"));
      g_assert_true (json_object_has_member (w, "line"));
      g_assert_true (json_object_has_member (w, "message"));
    }
  run_clear (&r);
}

static void
test_inspect_error_exit (void)
{
  g_autofree char *bad = data_path ("bad", "unterminated-quote.csv");
  g_autofree char *nul = data_path ("bad", "nul-bytes.csv");
  Run r = { 0, };

  run_cli (&r, "inspect", "--json", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "unterminated-quote.csv: line 3, column 2"));
  g_assert_cmpstr (r.out, ==, "");
  run_clear (&r);

  run_cli (&r, "inspect", nul, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "nul-bytes.csv: line 2, column 2"));
  run_clear (&r);

  run_cli (&r, "inspect", "/nonexistent/file.csv", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "/nonexistent/file.csv"));
  run_clear (&r);
}

static void
test_inspect_warnings_do_not_fail (void)
{
  g_autofree char *ragged = data_path ("bad", "ragged.csv");
  g_autoptr(JsonNode) root = NULL;
  JsonArray *warnings;
  gboolean line3 = FALSE;
  Run r = { 0, };

  run_cli (&r, "inspect", "--json", ragged, NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  warnings = json_object_get_array_member (json_node_get_object (root), "warnings");
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);
      if (json_object_get_int_member (w, "line") == 3 &&
          g_str_has_suffix (json_object_get_string_member (w, "path"), "ragged.csv"))
        line3 = TRUE;
    }
  g_assert_true (line3);
  run_clear (&r);
}

static void
test_inspect_mapping (void)
{
  g_autofree char *csv = data_path ("mapping", "odd.csv");
  g_autofree char *map = data_path ("mapping", "odd.json");
  g_autofree char *bad_map = data_path ("mapping", "bad-path.json");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *events;
  Run r = { 0, };

  /* without the mapping the file is not understood */
  run_cli (&r, "inspect", csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  run_clear (&r);

  run_cli (&r, "inspect", "--json", "--mapping", map, csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  events = json_object_get_object_member (json_object_get_object_member (json_node_get_object (root), "tables"), "events");
  g_assert_cmpint (json_object_get_int_member (events, "rows"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (events, "first"), ==, "2023-01-15T09:00:00Z");
  run_clear (&r);

  run_cli (&r, "inspect", "--mapping", bad_map, csv, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "$.columns[\"when\"].format"));
  run_clear (&r);
}

/* Rows dropped are counted by reason, per source, and customers matched
 * across sources are counted. */
static void
test_inspect_records_and_identity (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", NULL);
  g_autofree char *bad_times = data_path ("bad", "bad-times.csv");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) bad = NULL;
  JsonObject *identity, *s;
  Run r = { 0, };

  run_cli (&r, "inspect", "--json", sample, NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  identity = json_object_get_object_member (json_node_get_object (root), "identity");
  /* every sample customer has events too */
  g_assert_cmpint (json_object_get_int_member (identity, "matched"), ==,
                   json_object_get_int_member (json_node_get_object (root), "customers"));
  run_clear (&r);

  run_cli (&r, "inspect", "--json", bad_times, NULL);
  g_assert_cmpint (r.status, ==, 0);
  bad = parse_json (r.out);
  s = json_array_get_object_element (json_object_get_array_member (json_node_get_object (bad), "sources"), 0);
  g_assert_cmpint (json_object_get_int_member (s, "records"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (s, "dropped"), "unparseable"), ==, 2);
  run_clear (&r);
}

/* the files `touchstone demo` writes */
static const char *demo_parts[] = { "WE_00D5g00000DEMO1AAA_1.ZIP", "segment-events.jsonl.gz", "nps.csv",
                                    "training-completions.csv" };

static void
remove_demo (const char *dir)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_parts); i++)
    {
      g_autofree char *path = g_build_filename (dir, demo_parts[i], NULL);
      g_remove (path);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static char *
checksum_tree (const char *dir)
{
  const char **parts = demo_parts;
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (demo_parts); i++)
    {
      g_autofree char *path = g_build_filename (dir, parts[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;
      g_autofree char *sum = NULL;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 100);
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
      g_string_append_printf (all, "%s %s\n", parts[i], sum);
    }
  return g_string_free (all, FALSE);
}

static void
test_demo_deterministic (void)
{
  g_autofree char *a = g_dir_make_tmp ("ts-demo-a-XXXXXX", NULL);
  g_autofree char *b = g_dir_make_tmp ("ts-demo-b-XXXXXX", NULL);
  g_autofree char *c = g_dir_make_tmp ("ts-demo-c-XXXXXX", NULL);
  g_autofree char *sum_a = NULL, *sum_b = NULL, *sum_c = NULL;
  Run r = { 0, };

  run_cli (&r, "demo", "--out", a, "--customers", "120", "--months", "6", "--seed", "7", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Contact"));
  run_clear (&r);
  run_cli (&r, "demo", "--out", b, "--customers", "120", "--months", "6", "--seed", "7", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  run_cli (&r, "demo", "--out", c, "--customers", "120", "--months", "6", "--seed", "8", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);

  sum_a = checksum_tree (a);
  sum_b = checksum_tree (b);
  sum_c = checksum_tree (c);
  g_assert_cmpstr (sum_a, ==, sum_b);
  g_assert_cmpstr (sum_a, !=, sum_c);
  remove_demo (a);
  remove_demo (b);
  remove_demo (c);

  run_cli (&r, "demo", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--out"));
  run_clear (&r);
}

/* The "N calls" the demo says it wrote to the Segment archive. */
static guint64
demo_calls (const char *out)
{
  const char *p = strstr (out, "segment-events.jsonl.gz");

  g_assert_nonnull (p);
  p = strchr (p, '\n');
  g_assert_nonnull (p);
  return g_ascii_strtoull (p + 1, NULL, 10);
}

static void
test_demo_events_per_customer (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-demo-e-XXXXXX", NULL);
  guint64 plain, dense, sparse;
  Run r = { 0, };

  run_cli (&r, "demo", "--out", dir, "--customers", "400", "--months", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  plain = demo_calls (r.out);
  run_clear (&r);
  run_cli (&r, "demo", "--out", dir, "--customers", "400", "--months", "2", "--events-per-customer", "50", NULL);
  g_assert_cmpint (r.status, ==, 0);
  dense = demo_calls (r.out);
  run_clear (&r);
  run_cli (&r, "demo", "--out", dir, "--customers", "400", "--months", "2", "--events-per-customer", "20", NULL);
  g_assert_cmpint (r.status, ==, 0);
  sparse = demo_calls (r.out);
  run_clear (&r);
  remove_demo (dir);

  /* two months as drawn: about 74 calls a customer; asked for, about that many */
  g_assert_cmpuint (plain, >, 400 * 60);
  g_assert_cmpuint (dense, >, 400 * 45);
  g_assert_cmpuint (dense, <, 400 * 55);
  g_assert_cmpuint (sparse, >, 400 * 17);
  g_assert_cmpuint (sparse, <, 400 * 23);

  run_cli (&r, "demo", "--out", dir, "--events-per-customer", "-1", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--events-per-customer"));
  run_clear (&r);
}

static void
test_preview_demo (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  Run r = { 0, };

  run_cli (&r, "preview", "--demo", "--rows", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "nps.csv"));
  g_assert_nonnull (strstr (r.out, "segment-events.jsonl.gz"));
  run_clear (&r);

  /* JSON: one member per source, each as records */
  run_cli (&r, "preview", "--demo", "--json", "--rows", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (o), ==, 4);
  {
    g_autoptr(GList) members = json_object_get_members (o);
    for (GList *l = members; l; l = l->next)
      if (g_str_has_suffix (l->data, "nps.csv"))
        {
          JsonArray *rows = json_object_get_array_member (o, l->data);
          g_assert_cmpuint (json_array_get_length (rows), ==, 2);
          g_assert_true (json_object_has_member (json_array_get_object_element (rows, 0), "email"));
        }
  }
  run_clear (&r);
}

static void
test_preview_text (void)
{
  g_autofree char *csv = data_path ("quirks", "tickets-semicolon.csv");
  Run r = { 0, };

  run_cli (&r, "preview", "--rows", "2", csv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "case_id"));
  g_assert_nonnull (strstr (r.out, "4712"));
  g_assert_null (strstr (r.out, "4713"));
  g_assert_nonnull (strstr (r.out, "2 records shown"));
  run_clear (&r);
}

static void
test_playbook (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ts-cli-playbook-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  JsonObject *o;
  JsonArray *routes;
  Run r = { 0, };

  /* the default playbook, said in words */
  run_cli (&r, "playbook", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "default.json"));
  g_assert_nonnull (strstr (r.out, "no pitch while a support case is open"));
  g_assert_nonnull (strstr (r.out, "promise: A person who can fix it"));
  run_clear (&r);

  /* the demo workspace writes none, so it uses the default */
  run_cli (&r, "playbook", "--demo", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_nonnull (strstr (json_object_get_string_member (o, "playbook"), "(the default playbook)"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "signals")), ==, 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "guardrails")), ==, 10);
  routes = json_object_get_array_member (o, "routes");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (routes, 0), "to"), ==, "human");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (routes, json_array_get_length (routes) - 1), "to"),
                   ==, "no_touch");
  run_clear (&r);

  /* a touch without a promise: exit 1, the file and the JSON path named */
  g_assert_true (g_file_set_contents (bad,
    "{\"schema\":1,\"signals\":[{\"id\":\"a\",\"table\":\"events\",\"measure\":\"count\","
    "\"normalise\":{\"kind\":\"cap\",\"cap\":1}}],\"score\":{\"weights\":{\"a\":1},"
    "\"bands\":[{\"id\":\"x\",\"min\":0}]},\"routes\":[{\"id\":\"r\",\"to\":\"human\","
    "\"channel\":\"phone\"},{\"id\":\"z\",\"to\":\"no_touch\"}]}", -1, NULL));
  run_cli (&r, "playbook", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, bad));
  g_assert_nonnull (strstr (r.err, "$.routes[0].promise: a route that touches a customer must carry an experience promise"));
  run_clear (&r);

  run_cli (&r, "playbook", "--demo", bad, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);

  g_remove (bad);
  g_rmdir (dir);
}

static void
test_score (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) one = NULL;
  JsonObject *o;
  JsonArray *customers;
  const char *top_id;
  double previous = G_MAXDOUBLE;
  Run r = { 0, };

  /* the demo, as of the week after the outage: JSON for every customer */
  run_cli (&r, "score", "--demo", "--as-of", "2025-08-04", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "as_of"), ==, "2025-08-04T00:00:00Z");
  customers = json_object_get_array_member (o, "customers");
  g_assert_cmpuint (json_array_get_length (customers), ==, 600);
  for (guint i = 0; i < json_array_get_length (customers); i++)
    {
      JsonObject *c = json_array_get_object_element (customers, i);
      JsonArray *signals = json_object_get_array_member (c, "signals");
      double score = json_object_get_double_member (c, "score"), sum = 0;

      /* highest first, and the points add up to the score */
      g_assert_cmpfloat (score, <=, previous);
      previous = score;
      g_assert_cmpfloat (score, >=, 0);
      g_assert_cmpfloat (score, <=, 100);
      for (guint k = 0; k < json_array_get_length (signals); k++)
        {
          JsonObject *sig = json_array_get_object_element (signals, k);

          sum += json_object_get_double_member (sig, "contribution");
          g_assert_true (json_object_has_member (sig, "raw"));
          g_assert_nonnull (json_object_get_string_member (sig, "explanation"));
        }
      g_assert_cmpfloat_with_epsilon (sum, score, 1e-9);
    }
  /* someone needs help a week after the outage */
  top_id = json_object_get_string_member (json_array_get_object_element (customers, 0), "customer_id");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (customers, 0), "score"), >, 30);
  {
    g_autofree char *id = g_strdup (top_id);

    run_clear (&r);
    /* one customer explained in words, the same score */
    run_cli (&r, "score", "--demo", "--as-of", "2025-08-04", "--customer", id, NULL);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, id));
    g_assert_nonnull (strstr (r.out, "the points add up to the score"));
    g_assert_nonnull (strstr (r.out, "in the customer's terms"));
    run_clear (&r);

    run_cli (&r, "score", "--demo", "--as-of", "2025-08-04", "--customer", id, "--json", NULL);
    g_assert_cmpint (r.status, ==, 0);
    one = parse_json (r.out);
    g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (one), "score"), ==,
                       json_object_get_double_member (json_array_get_object_element (customers, 0), "score"));
  }
  run_clear (&r);

  /* CSV, on the sample data: a header and a row per customer */
  run_cli (&r, "score", "--csv", "--as-of", "2025-09-01", sample, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "customer_id,score,band,friction_raw,friction_value,friction_contribution,"));
  {
    guint lines = 0;
    for (const char *p = r.out; *p; p++)
      lines += *p == '\n';
    g_assert_cmpuint (lines, ==, 41);
  }
  run_clear (&r);

  /* errors: an unknown customer, a bad date */
  run_cli (&r, "score", "--customer", "nobody@example.com", sample, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "nobody@example.com"));
  run_clear (&r);
  run_cli (&r, "score", "--demo", "--as-of", "August", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "August"));
  run_clear (&r);
}

static void
test_decide (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *customers;
  guint touched = 0, held = 0;
  g_autofree char *held_id = NULL;
  Run r = { 0, };

  run_cli (&r, "decide", "--demo", "--as-of", "2025-08-04T14:00Z", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  customers = json_object_get_array_member (json_node_get_object (root), "customers");
  g_assert_cmpuint (json_array_get_length (customers), ==, 600);
  for (guint i = 0; i < json_array_get_length (customers); i++)
    {
      JsonObject *c = json_array_get_object_element (customers, i);
      JsonArray *guardrails = json_object_get_array_member (c, "guardrails");
      JsonObject *route = json_object_get_object_member (c, "route");
      gboolean any_block = FALSE;

      g_assert_cmpuint (json_array_get_length (guardrails), ==, 10);
      for (guint k = 0; k < json_array_get_length (guardrails); k++)
        {
          JsonObject *g = json_array_get_object_element (guardrails, k);
          const char *verdict = json_object_get_string_member (g, "verdict");

          g_assert_true (g_str_equal (verdict, "pass") || g_str_equal (verdict, "block"));
          g_assert_cmpstr (json_object_get_string_member (g, "reason"), !=, "");
          any_block |= g_str_equal (verdict, "block");
        }
      g_assert_cmpint (json_object_get_boolean_member (c, "held_back"), ==, any_block);
      /* every touch carries its experience promise */
      if (!g_str_equal (json_object_get_string_member (route, "to"), "no_touch"))
        {
          touched++;
          g_assert_nonnull (json_object_get_string_member (route, "promise"));
          g_assert_nonnull (json_object_get_string_member (route, "channel"));
        }
      if (any_block && held_id == NULL)
        held_id = g_strdup (json_object_get_string_member (c, "customer_id"));
      held += any_block;
    }
  g_assert_cmpuint (touched, >, 0);
  g_assert_cmpuint (held, >, 0);
  run_clear (&r);

  /* one held-back decision, explained: the blocking guardrail and the promise */
  run_cli (&r, "decide", "--demo", "--as-of", "2025-08-04T14:00Z", "--customer", held_id, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "BLOCK"));
  g_assert_nonnull (strstr (r.out, "Route: "));
  g_assert_nonnull (strstr (r.out, "Promise: "));
  g_assert_nonnull (strstr (r.out, "Held back"));
  run_clear (&r);
}

/* A workshop scenario of the demo workspace, decided without the data when
 * its moment is given */
static void
test_decide_scenario (void)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *route;
  JsonArray *guardrails;
  gboolean email_cap_blocks = FALSE;
  Run r = { 0, };

  run_cli (&r, "decide", "--demo", "--scenario", "Ready to grow, renewed last week",
           "--as-of", "2025-08-04T14:00Z", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "scenario"), ==, "Ready to grow, renewed last week");
  route = json_object_get_object_member (o, "route");
  g_assert_cmpstr (json_object_get_string_member (route, "id"), ==, "expansion");
  g_assert_true (json_object_get_boolean_member (o, "held_back"));
  guardrails = json_object_get_array_member (o, "guardrails");
  for (guint i = 0; i < json_array_get_length (guardrails); i++)
    {
      JsonObject *g = json_array_get_object_element (guardrails, i);

      if (g_str_equal (json_object_get_string_member (g, "id"), "email-cap"))
        {
          email_cap_blocks = g_str_equal (json_object_get_string_member (g, "verdict"), "block");
          g_assert_cmpstr (json_object_get_string_member (g, "reason"), ==, "2 email touches in the last 7 days, cap 2");
        }
    }
  g_assert_true (email_cap_blocks);
  run_clear (&r);

  run_cli (&r, "decide", "--demo", "--scenario", "Locked out during the outage", "--as-of", "2025-08-04T14:00Z", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Scenario “Locked out during the outage”"));
  g_assert_nonnull (strstr (r.out, "Route: urgent-help"));
  g_assert_nonnull (strstr (r.out, "said yes to phone"));
  run_clear (&r);

  run_cli (&r, "decide", "--demo", "--scenario", "Nobody", "--as-of", "2025-08-04", NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "no scenario “Nobody”; the workspace has “Ready to grow, renewed last week”"));
  run_clear (&r);

  run_cli (&r, "decide", "--scenario", "Nobody", "x.csv", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--scenario needs --workspace or --demo"));
  run_clear (&r);
}

/* The demo's storylines in the outcomes: the spring upsell e-mails (from
 * 2025-05-03) are followed by unsubscribes and complaints; the outage
 * cohort (2025-08-02..04) answers the October survey far lower than the
 * whole base answered in June */
static void
test_outcomes (void)
{
  Run r = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *g;
  JsonArray *fps, *rows;
  guint campaign = 0;
  gboolean all_nps = FALSE, urgent_nps = FALSE;

  run_cli (&r, "outcomes", "--demo", "--as-of", "2025-05-01", "--compare-as-of", "2025-08-05", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "as_of"), ==, "2025-05-01T00:00:00Z");
  g_assert_cmpint (json_object_get_int_member (o, "window_days"), ==, 90);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "bands")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "routes")), ==, 5);
  g = json_array_get_object_element (json_object_get_array_member (o, "bands"), 0);
  g_assert_cmpstr (json_object_get_string_member (g, "band"), ==, "calm");
  g_assert_true (json_object_has_member (json_object_get_object_member (g, "nps"), "low"));
  g_assert_true (json_object_has_member (json_object_get_object_member (g, "ttr_hours"), "p90"));
  /* the urgent band is empty then: its KPIs are null, not 0 */
  g = json_array_get_object_element (json_object_get_array_member (o, "bands"), 2);
  g_assert_cmpint (json_object_get_int_member (g, "customers"), ==, 0);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (g, "nps"), "value"));

  /* over-contacted: e-mails, then unsubscribed or complained */
  fps = json_object_get_array_member (json_object_get_object_member (o, "governance"), "false_positives");
  g_assert_cmpuint (json_array_get_length (fps), >=, 10);
  for (guint i = 0; i < json_array_get_length (fps); i++)
    {
      const char *reason = json_object_get_string_member (json_array_get_object_element (fps, i), "reason");

      if (strstr (reason, "email touches in 14 days") &&
          (strstr (reason, "unsubscribed") || strstr (reason, "complained")))
        campaign++;
    }
  g_assert_cmpuint (campaign, >=, 10);
  g_assert_true (json_object_has_member (o, "drift"));
  g_assert_true (json_object_has_member (o, "calibration"));

  /* before/after: NPS falls, significantly, overall and where the outage
   * cohort is routed for help */
  rows = json_object_get_array_member (json_object_get_object_member (o, "compare"), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (!g_str_equal (json_object_get_string_member (row, "kpi"), "nps"))
        continue;
      if (g_str_equal (json_object_get_string_member (row, "group"), "all"))
        {
          g_assert_cmpfloat (json_object_get_double_member (row, "delta"), <, -10);
          g_assert_true (json_object_get_boolean_member (row, "significant"));
          all_nps = TRUE;
        }
      if (g_str_equal (json_object_get_string_member (row, "group"), "urgent-help"))
        {
          g_assert_cmpfloat (json_object_get_double_member (row, "b"), <, -50);
          g_assert_true (json_object_get_boolean_member (row, "significant"));
          urgent_nps = TRUE;
        }
    }
  g_assert_true (all_nps && urgent_nps);
  run_clear (&r);

  /* text and CSV */
  run_cli (&r, "outcomes", "--demo", "--as-of", "2025-05-01", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Over-contacted (false positives)"));
  g_assert_nonnull (strstr (r.out, "no responses"));
  run_clear (&r);
  run_cli (&r, "outcomes", "--demo", "--as-of", "2025-05-01", "--csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "run,kind,group,customers,nps,nps_low,nps_high,nps_responses,"));
  g_assert_nonnull (strstr (r.out, "\na,band,urgent,0,,,,0,"));
  run_clear (&r);

  run_cli (&r, "outcomes", "--demo", "--compare-as-of", "2025-08-05", "--compare-playbook", "x.json", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
}

/* The demo's outage (2025-08-02..04) in the driver index: an alert in
 * week 31, the driver that lowers NPS most, and outage moments between the
 * June promoter answers and October detractions of a cluster of customers */
static void
test_drivers (void)
{
  Run r = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *first;
  JsonArray *alerts, *stories;
  gboolean alert = FALSE;
  guint outage_stories = 0;

  run_cli (&r, "drivers", "--demo", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "period"), ==, "week");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "drivers")), ==, 13);
  alerts = json_object_get_array_member (o, "alerts");
  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonObject *a = json_array_get_object_element (alerts, i);

      if (g_str_equal (json_object_get_string_member (a, "driver"), "outage") &&
          g_str_equal (json_object_get_string_member (a, "period"), "2025-W31"))
        {
          g_assert_cmpfloat (json_object_get_double_member (a, "per_1000"), >, 100);
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "examples")), >, 0);
          alert = TRUE;
        }
    }
  g_assert_true (alert);
  first = json_array_get_object_element (json_object_get_array_member (o, "impact"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "driver"), ==, "outage");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (first, "nps_difference"), "high"), <, 0);
  stories = json_object_get_array_member (o, "stories");
  for (guint i = 0; i < json_array_get_length (stories); i++)
    {
      JsonObject *s = json_array_get_object_element (stories, i);
      JsonArray *m = json_object_get_array_member (s, "moments");

      gboolean outage = FALSE;

      if (!g_str_equal (json_object_get_string_member (s, "direction"), "fell"))
        continue;
      for (guint k = 0; k < json_array_get_length (m); k++)
        outage |= g_str_equal (json_object_get_string_member (json_array_get_object_element (m, k), "driver"), "outage");
      outage_stories += outage;
    }
  /* not one customer but a cluster: most promoters turned detractors met the outage */
  g_assert_cmpuint (outage_stories, >=, 5);
  run_clear (&r);

  run_cli (&r, "drivers", "--demo", "--period", "month", "--from", "2025-07-01", "--to", "2025-09-01", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "2025-08"));
  g_assert_nonnull (strstr (r.out, "Alerts:"));
  run_clear (&r);
  run_cli (&r, "drivers", "--demo", "--csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "period,start,customers,index,driver,direction,moments,"));
  g_assert_nonnull (strstr (r.out, "\n2025-W31,2025-07-28T00:00:00Z,"));
  run_clear (&r);
  run_cli (&r, "drivers", "--demo", "--period", "day", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
}

/* removes @dir and the files in it */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (o, "id"), id))
        return o;
    }
  return NULL;
}

/* The demo's August, when the outage hit: six capabilities, each with its
 * criteria and KPIs; the urgent route's SLA breached for most outage cases,
 * the customers behind it listed; the customer's and the business's results
 * side by side with July; the owners named with --set-owner saved in the
 * workspace and read back */
static void
test_maturity (void)
{
  Run r = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ws_path = NULL;
  g_autofree char *ws_text = NULL;
  g_autofree char *demo_dir = g_build_filename (g_getenv ("TOUCHSTONE_DATADIR"), "demo", NULL);
  JsonObject *o, *routing, *k, *biz;
  JsonArray *caps, *side;
  gboolean cx = FALSE, business = FALSE;

  run_cli (&r, "maturity", "--demo", "--month", "2025-08", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "from"), ==, "2025-08-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "to"), ==, "2025-09-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "compared"), "from"), ==,
                   "2025-07-01T00:00:00Z");
  caps = json_object_get_array_member (o, "capabilities");
  g_assert_cmpuint (json_array_get_length (caps), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      JsonObject *cap = json_array_get_object_element (caps, i);

      g_assert_true (json_object_has_member (cap, "level"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cap, "criteria")), >=, 4);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cap, "kpis")), >=, 1);
      g_assert_true (json_object_get_null_member (cap, "owner"));
    }
  routing = find_by_id (caps, "routing");
  g_assert_nonnull (routing);
  g_assert_cmpstr (json_object_get_string_member (routing, "suggested_owner"), ==, "Sales/Service Ops");
  k = find_by_id (json_object_get_array_member (routing, "kpis"), "sla_compliance:urgent-help");
  g_assert_nonnull (k);
  g_assert_cmpint (json_object_get_int_member (k, "n"), >, 20);
  g_assert_cmpfloat (json_object_get_double_member (k, "value"), <, 0.5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (k, "customers")), >, 10);
  g_assert_true (json_object_has_member (k, "delta"));
  k = find_by_id (json_object_get_array_member (routing, "kpis"), "speed_to_help_hours");
  g_assert_cmpfloat (json_object_get_double_member (k, "value"), >, 0);

  biz = json_object_get_object_member (o, "business");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (biz, "all"), "arr"), ==,
                     json_object_get_double_member (json_object_get_object_member (biz, "all"), "arr_retained") +
                     json_object_get_double_member (json_object_get_object_member (biz, "all"), "arr_lost"));
  side = json_object_get_array_member (o, "side_by_side");
  for (guint i = 0; i < json_array_get_length (side); i++)
    {
      const char *which = json_object_get_string_member (json_array_get_object_element (side, i), "side");

      cx |= g_str_equal (which, "customer");
      business |= g_str_equal (which, "business");
    }
  g_assert_true (cx && business);
  run_clear (&r);

  run_cli (&r, "maturity", "--demo", "--month", "2025-08", "--no-compare", "--limit", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Routing & SLAs — "));
  g_assert_nonnull (strstr (r.out, "breached: "));
  g_assert_null (strstr (r.out, " Δ "));
  run_clear (&r);

  run_cli (&r, "maturity", "--demo", "--month", "2025-13", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "2025-13"));
  run_clear (&r);
  run_cli (&r, "maturity", "--demo", "--set-owner", "routing=Ops", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);

  /* owners: saved in the workspace, read back by the next run */
  dir = g_dir_make_tmp ("ts-maturity-XXXXXX", &error);
  g_assert_no_error (error);
  ws_path = g_build_filename (dir, "team.touchstone", NULL);
  ws_text = g_strdup_printf ("{ \"touchstone\": 1, \"sources\": [ { \"path\": \"%s/WE_00D5g00000DEMO1AAA_1.ZIP\" },"
                             " { \"path\": \"%s/nps.csv\" } ] }", demo_dir, demo_dir);
  g_file_set_contents (ws_path, ws_text, -1, &error);
  g_assert_no_error (error);
  run_cli (&r, "maturity", "--workspace", ws_path, "--set-owner", "routing=Service Ops",
           "--set-owner", "governance=Revenue Council", "--month", "2025-08", "--no-compare", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  run_cli (&r, "maturity", "--workspace", ws_path, "--month", "2025-08", "--no-compare", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "owner: Service Ops"));
  g_assert_nonnull (strstr (r.out, "owner: Revenue Council"));
  run_clear (&r);
  run_cli (&r, "maturity", "--workspace", ws_path, "--set-owner", "budget=Finance", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "budget=Finance"));
  run_clear (&r);
  remove_dir (dir);
}

/* The monthly review from the demo: the HTML holds every section and its
 * charts as SVG; the PDF starts as one and has its pages */
static void
test_report (void)
{
  Run r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ts-report-XXXXXX", &error);
  g_autofree char *html_path = g_build_filename (dir, "review.html", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "review.pdf", NULL);
  g_autofree char *txt_path = g_build_filename (dir, "review.txt", NULL);
  g_autofree char *html = NULL;
  g_autofree char *pdf = NULL;
  const char *sections[] = { "<h1>Monthly review, August 2025</h1>", "<h2>Maturity matrix</h2>",
                             "<h2>Customer and business, side by side</h2>", "<h2>Outcomes by band</h2>",
                             "<h2>Speed to help and SLAs</h2>", "<h2>False positives: over-contacted customers</h2>",
                             "<h2>False negatives: missed help moments</h2>", "<h2>Drift</h2>",
                             "<h2>CX driver index</h2>", "<h2>From promoter to detractor</h2>",
                             "ARR lost, calm", "Outages" };
  gsize len;
  guint pages = 0;

  g_assert_no_error (error);
  run_cli (&r, "report", "--demo", "--month", "2025-08", "--format", "html", "--out", html_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_file_get_contents (html_path, &html, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_assert_nonnull (strstr (html, sections[i]));
  /* two charts, inline */
  g_assert_nonnull (strstr (html, "<svg"));
  g_assert_nonnull (strstr (strstr (html, "<svg") + 4, "<svg"));
  g_assert_null (strstr (html, "<?xml"));
  run_clear (&r);

  run_cli (&r, "report", "--demo", "--month", "2025-08", "--out", pdf_path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.err, " pages)"));
  g_file_get_contents (pdf_path, &pdf, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  /* the pages, as the PDF counts them */
  for (gsize i = 0; i + 12 < len; i++)
    if (memcmp (pdf + i, "/Type /Page", 11) == 0 && pdf[i + 11] != 's')
      pages++;
  g_assert_cmpuint (pages, >=, 3);
  {
    g_autofree char *said = g_strdup_printf ("(%u pages)", pages);

    g_assert_nonnull (strstr (r.err, said));
  }
  run_clear (&r);

  run_cli (&r, "report", "--demo", "--out", txt_path, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  run_cli (&r, "report", "--demo", "--format", "docx", "--out", pdf_path, NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  run_cli (&r, "report", "--demo", "--month", "August", "--out", pdf_path, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "August"));
  run_clear (&r);
  remove_dir (dir);
}

/* The demo's touchpoints: every one measured; the help centre's attention
 * comes from the seconds its events carry, and those who needed it answer
 * worse than everyone; CSV and text agree with the JSON */
static void
test_touchpoints (void)
{
  Run r = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *help = NULL;
  JsonArray *tps;
  double nps_all;

  run_cli (&r, "touchpoints", "--demo", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (o, "base_customers"), >, 0);
  nps_all = json_object_get_double_member (json_object_get_object_member (o, "nps_all"), "value");
  tps = json_object_get_array_member (o, "touchpoints");
  g_assert_cmpuint (json_array_get_length (tps), ==, 6);
  for (guint i = 0; i < json_array_get_length (tps); i++)
    {
      JsonObject *t = json_array_get_object_element (tps, i);
      gint64 interactions = json_object_get_int_member (t, "interactions");

      g_assert_cmpint (interactions, >, 0);
      g_assert_cmpint (json_object_get_int_member (t, "customers"), <=, interactions);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (t, "cost_per_interaction"),
                                      json_object_get_double_member (t, "cost") / interactions, 1e-6);
      if (g_str_equal (json_object_get_string_member (t, "id"), "help_centre"))
        help = t;
    }
  g_assert_nonnull (help);
  {
    JsonObject *attention = json_object_get_object_member (help, "attention");
    JsonObject *after = json_object_get_object_member (help, "nps_after");

    g_assert_cmpint (json_object_get_int_member (attention, "measured"), ==, json_object_get_int_member (help, "interactions"));
    g_assert_cmpfloat (json_object_get_double_member (attention, "median_seconds"), >=, 40);
    g_assert_cmpfloat (json_object_get_double_member (attention, "median_seconds"), <, 460);
    g_assert_cmpint (json_object_get_int_member (after, "responses"), >, 10);
    g_assert_cmpfloat (json_object_get_double_member (after, "value"), <, nps_all);
  }
  run_clear (&r);

  run_cli (&r, "touchpoints", "--demo", "--csv", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "id,label,owner,table,interactions,customers,reach,"));
  g_assert_nonnull (strstr (r.out, "\nhelp_centre,Help centre,Support content team,events,"));
  run_clear (&r);
  run_cli (&r, "touchpoints", "--demo", "--from", "2025-07-01", "--to", "2025-08-01", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Touchpoints from 2025-07-01T00:00:00Z to 2025-08-01T00:00:00Z"));
  g_assert_nonnull (strstr (r.out, "Help centre"));
  run_clear (&r);
  run_cli (&r, "touchpoints", "--demo", "--from", "2025-08-01", "--to", "2025-07-01", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
}

/* The demo's journeys: the lint finds win-back asking the reason for
 * leaving twice; the simulation's counts add up — at every touch step the
 * passes are touched or held back, the journey's touches are its steps',
 * every customer who entered ends somewhere once, and the flows out of a
 * step are its passes; one customer's path */
static void
test_journeys (void)
{
  Run r = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) lint = NULL;
  JsonObject *o;
  JsonArray *journeys, *findings;
  gboolean found = FALSE;

  run_cli (&r, "journeys", "--demo", "--lint", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  lint = parse_json (r.out);
  o = json_node_get_object (lint);
  g_assert_false (json_object_has_member (o, "journeys"));
  findings = json_object_get_array_member (o, "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (f, "rule"), "duplicate_ask") &&
          g_str_equal (json_object_get_string_member (f, "journey"), "win-back"))
        {
          g_assert_cmpstr (json_object_get_string_member (f, "step"), ==, "reminder");
          g_assert_cmpstr (json_object_get_string_member (f, "other_step"), ==, "miss-you");
          g_assert_cmpstr (json_object_get_string_member (f, "field"), ==, "reason_for_leaving");
          found = TRUE;
        }
    }
  g_assert_true (found);
  run_clear (&r);

  run_cli (&r, "journeys", "--demo", "--simulate", "2025-12-10", "--days", "14", "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  root = parse_json (r.out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (o, "days"), ==, 14);
  journeys = json_object_get_array_member (o, "journeys");
  g_assert_cmpuint (json_array_get_length (journeys), ==, 3);
  for (guint i = 0; i < json_array_get_length (journeys); i++)
    {
      JsonObject *j = json_array_get_object_element (journeys, i);
      JsonArray *steps = json_object_get_array_member (j, "steps");
      JsonArray *links = json_object_get_array_member (j, "links");
      gint64 entered = json_object_get_int_member (j, "entered"), touched = 0, suppressed = 0;
      gint64 ended = json_object_get_int_member (j, "goal") + json_object_get_int_member (j, "exit") +
                     json_object_get_int_member (j, "finished") + json_object_get_int_member (j, "still_in");

      g_assert_cmpint (entered, >, 0);
      g_assert_cmpint (ended, ==, entered);
      for (guint s = 0; s < json_array_get_length (steps); s++)
        {
          JsonObject *step = json_array_get_object_element (steps, s);
          const char *id = json_object_get_string_member (step, "id");
          gint64 passes = json_object_get_int_member (step, "passes"), out = 0;

          if (g_str_equal (json_object_get_string_member (step, "kind"), "touch"))
            g_assert_cmpint (json_object_get_int_member (step, "touched") +
                             json_object_get_int_member (step, "suppressed"), ==, passes);
          touched += json_object_get_int_member (step, "touched");
          suppressed += json_object_get_int_member (step, "suppressed");
          /* what leaves a step, and those still there, are its passes */
          for (guint l = 0; l < json_array_get_length (links); l++)
            {
              JsonObject *link = json_array_get_object_element (links, l);

              if (g_str_equal (json_object_get_string_member (link, "from"), id))
                out += json_object_get_int_member (link, "passes");
            }
          g_assert_cmpint (out + json_object_get_int_member (step, "still_in"), ==, passes);
        }
      g_assert_cmpint (touched, ==, json_object_get_int_member (j, "touched"));
      g_assert_cmpint (suppressed, ==, json_object_get_int_member (j, "suppressed"));
    }
  run_clear (&r);

  /* a few days are enough for the rest */
  run_cli (&r, "journeys", "--demo", "--simulate", "2025-12-10", "--days", "3", "--journey", "onboarding", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Onboarding (onboarding): "));
  g_assert_null (strstr (r.out, "Renewal (renewal): "));
  run_clear (&r);

  run_cli (&r, "journeys", "--demo", "--simulate", "2025-12-10", "--days", "3", "--journey", "onboarding", "--json", NULL);
  {
    g_autoptr(JsonNode) one = parse_json (r.out);
    JsonArray *a = json_object_get_array_member (json_node_get_object (one), "journeys");
    JsonObject *j = json_array_get_object_element (a, 0);
    JsonObject *step = json_array_get_object_element (json_object_get_array_member (j, "steps"), 0);

    g_assert_cmpuint (json_array_get_length (a), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (step, "id"), ==, "welcome");
    g_assert_cmpint (json_object_get_int_member (step, "customers"), ==, json_object_get_int_member (j, "entered"));
  }
  run_clear (&r);

  /* a path: a customer who signed up on 10 December is welcomed the next
   * morning, and uses a feature the day after */
  run_cli (&r, "journeys", "--demo", "--simulate", "2025-12-10", "--days", "3", "--customer", "yara.berg.139@example.com",
           "--json", NULL);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(JsonNode) path = parse_json (r.out);
    JsonObject *p = json_object_get_object_member (json_node_get_object (path), "path");
    JsonArray *events = json_object_get_array_member (p, "events");
    JsonObject *first = json_array_get_object_element (events, 0);
    JsonObject *touch = json_array_get_object_element (events, 1);

    g_assert_cmpstr (json_object_get_string_member (p, "customer"), ==, "yara.berg.139@example.com");
    g_assert_cmpstr (json_object_get_string_member (first, "journey"), ==, "onboarding");
    g_assert_cmpstr (json_object_get_string_member (first, "event"), ==, "entered");
    g_assert_cmpstr (json_object_get_string_member (touch, "event"), ==, "touched");
    g_assert_cmpstr (json_object_get_string_member (touch, "at"), ==, "2025-12-11T10:00:00Z");
  }
  run_clear (&r);
  run_cli (&r, "journeys", "--demo", "--customer", "nobody@example.com", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  run_cli (&r, "journeys", "--demo", "--journey", "none", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
}

/* export-tables writes a CSV file per table, zones.csv and schema.sql;
 * export-sql a script whose last statement is the SELECT of a row per
 * customer, in each dialect's words, and refuses a dialect it does not
 * know. */
static void
test_export_sql (void)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", NULL);
  g_autofree char *dir = g_dir_make_tmp ("touchstone-export-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (dir, "score.sql", NULL);
  g_autofree char *text = NULL;
  const char *files[] = { "customers.csv", "events.csv", "cases.csv", "touches.csv", "responses.csv",
                          "lists.csv", "zones.csv", "schema.sql", "score.sql" };
  const char *dialects[][2] = { { "duckdb", "SELECT \"customer_id\", score, band, route, verdict, held_by" },
                                { "postgres", "CAST(EXTRACT(EPOCH FROM CAST(\"at\" AS TIMESTAMPTZ))" },
                                { "spark", "SELECT `customer_id`, score, band, route" },
                                { "bigquery", "UNIX_MICROS(TIMESTAMP(`at`))" } };
  const char *last;
  Run r = { 0, };

  run_cli (&r, "export-tables", "--quiet", "--out", dir, sample, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  run_cli (&r, "export-sql", "--dialect", "sqlite", "--as-of", "2025-06-30", "--out", script, NULL);
  g_assert_cmpint (r.status, ==, 0);
  run_clear (&r);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      if (i == 0)
        {
          g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
          g_assert_true (g_str_has_prefix (text, "customer_id,email,account_id,name,stage,"));
          g_clear_pointer (&text, g_free);
        }
      g_unlink (path);
    }
  g_rmdir (dir);

  run_cli (&r, "export-sql", "--demo", NULL);
  g_assert_cmpint (r.status, ==, 0);
  last = strstr (r.out, "SELECT \"customer_id\", score, band,");
  g_assert_nonnull (last);
  /* the SELECT is the last statement */
  g_assert_true (strchr (last, ';') == r.out + strlen (r.out) - 2);
  run_clear (&r);

  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    {
      run_cli (&r, "export-sql", "--demo", "--dialect", dialects[i][0], NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, dialects[i][1]));
      run_clear (&r);
    }
  run_cli (&r, "export-sql", "--dialect", "oracle", NULL);
  g_assert_cmpint (r.status, ==, 2);
  run_clear (&r);
  run_cli (&r, "export-tables", sample, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--out"));
  run_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  ts_test_groups_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/preview/conformance/csv-spectrum", test_spectrum);
  g_test_add_func ("/cli/preview/conformance/rfc4180", test_rfc4180);
  g_test_add_func ("/cli/preview/text", test_preview_text);
  g_test_add_func ("/cli/preview/demo-workspace", test_preview_demo);
  g_test_add_func ("/cli/inspect/json-shape", test_inspect_json_shape);
  g_test_add_func ("/cli/inspect/error-exits-1-naming-file-line-column", test_inspect_error_exit);
  g_test_add_func ("/cli/inspect/warnings-do-not-fail", test_inspect_warnings_do_not_fail);
  g_test_add_func ("/cli/inspect/mapping", test_inspect_mapping);
  g_test_add_func ("/cli/inspect/records-dropped-identity", test_inspect_records_and_identity);
  g_test_add_func ("/cli/demo/deterministic-per-seed", test_demo_deterministic);
  g_test_add_func ("/cli/demo/events-per-customer", test_demo_events_per_customer);
  g_test_add_func ("/cli/playbook/default-demo-and-errors", test_playbook);
  g_test_add_func ("/cli/score/demo-json-csv-customer", test_score);
  g_test_add_func ("/cli/decide/verdicts-routes-promises", test_decide);
  g_test_add_func ("/cli/decide/scenario", test_decide_scenario);
  g_test_add_func ("/cli/outcomes/demo-storylines", test_outcomes);
  g_test_add_func ("/cli/drivers/demo-outage", test_drivers);
  g_test_add_func ("/cli/touchpoints/demo-inventory", test_touchpoints);
  g_test_add_func ("/cli/maturity/demo-august", test_maturity);
  g_test_add_func ("/cli/report/demo-august", test_report);
  g_test_add_func ("/cli/journeys/demo", test_journeys);
  g_test_add_func ("/cli/export-sql/tables-and-script", test_export_sql);

  return g_test_run ();
}

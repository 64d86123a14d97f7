/* test-csv-reader.c — TsCsvReader: conformance suites, export quirks, split
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <touchstone.h>

#define N_CSV_SPECTRUM_CASES 12
#define N_VANILLAES_CASES 10

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */

static TsCsvReader *
reader_for_data (const char         *data,
                 gssize              len,
                 const TsCsvOptions *options)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  TsCsvReader *reader;

  if (len < 0)
    len = strlen (data);
  bytes = g_bytes_new (data, len);
  reader = ts_csv_reader_new_for_bytes ("test.csv", bytes, options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

static GPtrArray *
read_all (TsCsvReader *reader)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = ts_csv_reader_read_records (reader, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static void
assert_record (GPtrArray  *records,
               guint       index,
               ...) G_GNUC_NULL_TERMINATED;

/* Asserts that record @index holds exactly the NULL-terminated fields given. */
static void
assert_record (GPtrArray *records,
               guint      index,
               ...)
{
  va_list args;
  char **row;
  const char *expected;
  guint i = 0;

  g_assert_cmpuint (index, <, records->len);
  row = records->pdata[index];

  va_start (args, index);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (row[i]);
      g_assert_cmpstr (row[i], ==, expected);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (g_strv_length (row), ==, i);
}

/* Reads "line N, column M" out of an error message. */
static void
assert_line_column (const char *message,
                    guint64     line,
                    guint       column)
{
  g_autoptr(GRegex) regex = g_regex_new ("line (\\d+), column (\\d+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *line_str = NULL;
  g_autofree char *column_str = NULL;

  g_test_message ("error: %s", message);
  if (!g_regex_match (regex, message, 0, &match))
    g_error ("“%s” does not name a line and a column", message);
  line_str = g_match_info_fetch (match, 1);
  column_str = g_match_info_fetch (match, 2);
  g_assert_cmpuint (g_ascii_strtoull (line_str, NULL, 10), ==, line);
  g_assert_cmpuint (g_ascii_strtoull (column_str, NULL, 10), ==, column);
}

static const char *
conformance_dir (void)
{
  const char *dir = g_getenv ("TS_CONFORMANCE_DIR");

  if (dir == NULL || *dir == '\0')
    g_error ("TS_CONFORMANCE_DIR is not set: run the tests through `meson test`, "
             "or point it at the shared conformance data (.../shared/conformance)");
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_error ("TS_CONFORMANCE_DIR=%s is not a directory", dir);
  return dir;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The sorted names of the files in @dir that end in @suffix, without it. */
static GPtrArray *
list_cases (const char *dir,
            const char *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, suffix))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (suffix)));
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static JsonNode *
load_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_json_equal (JsonNode   *expected,
                   JsonNode   *actual,
                   const char *what)
{
  if (!json_node_equal (expected, actual))
    {
      g_autofree char *e = json_to_string (expected, TRUE);
      g_autofree char *a = json_to_string (actual, TRUE);

      g_test_message ("%s: expected %s", what, e);
      g_test_message ("%s: actual   %s", what, a);
      g_assert_cmpstr (a, ==, e);
      g_assert_not_reached ();   /* same text, yet not equal */
    }
}

/* ---------------------------------------------------------------------- */
/* Conformance: csv-spectrum                                              */

static const char location_coordinates_reason[] =
  "known-bad upstream case: its expected JSON is a single object, not an array, and "
  "says \"Contact Phone Number\": \"1234567890\" while the CSV says 2095257564; the "
  "unquoted coordinates field holds bare quote characters, which RFC 4180 does not allow. "
  "Checked instead as the README asks: must not crash; lenient result matches the values";

static GPtrArray *
read_spectrum_case (const char *name)
{
  g_autofree char *csv_name = g_strconcat (name, ".csv", NULL);
  g_autofree char *csv = g_build_filename (conformance_dir (), "csv-spectrum", "csvs",
                                           csv_name, NULL);
  g_autoptr(TsCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = ts_csv_reader_new_for_path (csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpint (ts_csv_reader_get_delimiter (reader), ==, ',');
  return read_all (reader);
}

/* The records, the first one the header, as an array of objects. */
static JsonNode *
records_to_objects (GPtrArray *records)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;
  char **header;

  g_assert_cmpuint (records->len, >=, 1);
  header = records->pdata[0];
  for (guint r = 1; r < records->len; r++)
    {
      char **row = records->pdata[r];
      JsonObject *object = json_object_new ();

      g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (header));
      for (guint i = 0; header[i] != NULL; i++)
        json_object_set_string_member (object, header[i], row[i]);
      json_array_add_object_element (array, object);
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

static void
check_location_coordinates (void)
{
  g_autofree char *json = g_build_filename (conformance_dir (), "csv-spectrum", "json",
                                            "location_coordinates.json", NULL);
  g_autoptr(JsonNode) expected = load_json (json);
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *object;
  char **row;

  g_test_message ("%s", location_coordinates_reason);

  records = read_spectrum_case ("location_coordinates");
  g_assert_cmpuint (records->len, ==, 2);
  assert_record (records, 0,
                 "Contact Phone Number", "Location Coordinates", "Cities", "Counties", NULL);
  row = records->pdata[1];
  g_assert_cmpuint (g_strv_length (row), ==, 4);

  /* the values of the CSV, bare quotes kept literally */
  g_assert_cmpstr (row[0], ==, "2095257564");
  g_assert_cmpstr (row[1], ==, "37\xEF\xBF\xBD" "36'37.8\"N 121\xEF\xBF\xBD" "2'17.9\"W");
  g_assert_cmpstr (row[2], ==, "Modesto");
  g_assert_cmpstr (row[3], ==, "Stanislaus");

  /* and the expected object agrees on everything but the phone number */
  g_assert_true (JSON_NODE_HOLDS_OBJECT (expected));
  object = json_node_get_object (expected);
  g_assert_cmpstr (json_object_get_string_member (object, "Location Coordinates"), ==, row[1]);
  g_assert_cmpstr (json_object_get_string_member (object, "Cities"), ==, row[2]);
  g_assert_cmpstr (json_object_get_string_member (object, "Counties"), ==, row[3]);
  g_assert_cmpstr (json_object_get_string_member (object, "Contact Phone Number"), !=, row[0]);
}

static void
test_conformance_spectrum_case (gconstpointer data)
{
  const char *name = data;
  g_autofree char *json_name = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonNode) actual = NULL;
  g_autoptr(GPtrArray) records = NULL;

  if (g_str_equal (name, "location_coordinates"))
    {
      check_location_coordinates ();
      return;
    }

  json_name = g_strconcat (name, ".json", NULL);
  json = g_build_filename (conformance_dir (), "csv-spectrum", "json", json_name, NULL);
  g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
  expected = load_json (json);
  records = read_spectrum_case (name);
  actual = records_to_objects (records);
  assert_json_equal (expected, actual, name);
}

static void
test_conformance_spectrum_count (void)
{
  g_autofree char *csvs = g_build_filename (conformance_dir (), "csv-spectrum", "csvs", NULL);
  g_autofree char *jsons = g_build_filename (conformance_dir (), "csv-spectrum", "json", NULL);
  g_autoptr(GPtrArray) inputs = list_cases (csvs, ".csv");
  g_autoptr(GPtrArray) outputs = list_cases (jsons, ".json");

  g_assert_cmpuint (inputs->len, ==, N_CSV_SPECTRUM_CASES);
  g_assert_cmpuint (outputs->len, ==, N_CSV_SPECTRUM_CASES);
  for (guint i = 0; i < inputs->len; i++)
    g_assert_cmpstr (inputs->pdata[i], ==, outputs->pdata[i]);
  g_assert_true (g_ptr_array_find_with_equal_func (inputs, "location_coordinates",
                                                   g_str_equal, NULL));
}

/* ---------------------------------------------------------------------- */
/* Conformance: vanillaes/csv RFC 4180                                    */

static JsonNode *
records_to_arrays (GPtrArray *records)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;

  for (guint r = 0; r < records->len; r++)
    {
      char **row = records->pdata[r];
      JsonArray *fields = json_array_new ();

      for (guint i = 0; row[i] != NULL; i++)
        json_array_add_string_element (fields, row[i]);
      json_array_add_array_element (array, fields);
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}

static void
test_conformance_vanillaes_case (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file_name = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_build_filename (conformance_dir (), "vanillaes-csv-rfc4180",
                                            "cases", file_name, NULL);
  g_autoptr(JsonNode) root = load_json (path);
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(TsCsvReader) reader = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonNode) actual = NULL;
  JsonObject *object;
  JsonArray *csv;
  JsonNode *expected;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  csv = json_object_get_array_member (object, "csv");
  expected = json_object_get_member (object, "json");
  g_assert_nonnull (csv);
  g_assert_nonnull (expected);

  for (guint i = 0; i < json_array_get_length (csv); i++)
    {
      if (i > 0)
        g_string_append_c (input, '\n');
      g_string_append (input, json_array_get_string_element (csv, i));
    }

  reader = reader_for_data (input->str, input->len, NULL);
  records = read_all (reader);
  actual = records_to_arrays (records);
  assert_json_equal (expected, actual, name);
}

static void
test_conformance_vanillaes_count (void)
{
  g_autofree char *dir = g_build_filename (conformance_dir (), "vanillaes-csv-rfc4180",
                                           "cases", NULL);
  g_autoptr(GPtrArray) cases = list_cases (dir, ".json");

  g_assert_cmpuint (cases->len, ==, N_VANILLAES_CASES);
}

/* Registers one test per case file found; the count tests fail when the
 * data is missing or incomplete. */
static void
add_conformance_tests (void)
{
  const char *dir = g_getenv ("TS_CONFORMANCE_DIR");

  g_test_add_func ("/core/csv/conformance/csv-spectrum/count", test_conformance_spectrum_count);
  g_test_add_func ("/core/csv/conformance/vanillaes-rfc4180/count",
                   test_conformance_vanillaes_count);

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return;

  {
    g_autofree char *csvs = g_build_filename (dir, "csv-spectrum", "csvs", NULL);
    g_autofree char *cases = g_build_filename (dir, "vanillaes-csv-rfc4180", "cases", NULL);
    GPtrArray *names;

    if (g_file_test (csvs, G_FILE_TEST_IS_DIR))
      {
        names = list_cases (csvs, ".csv");
        for (guint i = 0; i < names->len; i++)
          {
            g_autofree char *test_path = g_strdup_printf ("/core/csv/conformance/csv-spectrum/%s",
                                                          (char *) names->pdata[i]);
            g_test_add_data_func_full (test_path, g_strdup (names->pdata[i]),
                                       test_conformance_spectrum_case, g_free);
          }
        g_ptr_array_unref (names);
      }

    if (g_file_test (cases, G_FILE_TEST_IS_DIR))
      {
        names = list_cases (cases, ".json");
        for (guint i = 0; i < names->len; i++)
          {
            g_autofree char *test_path =
              g_strdup_printf ("/core/csv/conformance/vanillaes-rfc4180/%s",
                               (char *) names->pdata[i]);
            g_test_add_data_func_full (test_path, g_strdup (names->pdata[i]),
                                       test_conformance_vanillaes_case, g_free);
          }
        g_ptr_array_unref (names);
      }
  }
}

/* ---------------------------------------------------------------------- */
/* Encodings                                                              */

static void
test_utf8_bom (void)
{
  g_autoptr(TsCsvReader) reader = reader_for_data ("\xEF\xBB\xBF" "id,name\n1,Ann\n", -1, NULL);
  g_autoptr(GPtrArray) records = read_all (reader);

  g_assert_true (ts_csv_reader_get_has_bom (reader));
  g_assert_cmpint (ts_csv_reader_get_encoding (reader), ==, TS_CSV_ENCODING_UTF8);
  g_assert_cmpuint (records->len, ==, 2);
  assert_record (records, 0, "id", "name", NULL);
  assert_record (records, 1, "1", "Ann", NULL);
}

static GBytes *
utf16_with_bom (const char *utf8,
                gboolean    little_endian)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *converted = NULL;
  gsize len = 0;
  GByteArray *out = g_byte_array_new ();

  converted = g_convert (utf8, -1, little_endian ? "UTF-16LE" : "UTF-16BE", "UTF-8",
                         NULL, &len, &error);
  g_assert_no_error (error);
  g_byte_array_append (out, (const guint8 *) (little_endian ? "\xFF\xFE" : "\xFE\xFF"), 2);
  g_byte_array_append (out, (const guint8 *) converted, len);
  return g_byte_array_free_to_bytes (out);
}

static void
test_utf16le_bom_tab (void)
{
  g_autoptr(GBytes) bytes =
    utf16_with_bom ("id\tname\tcity\n1\tZoë\tKöln\n2\tJosé\tMálaga\n", TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCsvReader) reader = ts_csv_reader_new_for_bytes ("utf16le.csv", bytes, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;

  g_assert_no_error (error);
  g_assert_true (ts_csv_reader_get_has_bom (reader));
  g_assert_cmpint (ts_csv_reader_get_encoding (reader), ==, TS_CSV_ENCODING_UTF16LE);
  g_assert_cmpstr (ts_csv_reader_get_encoding_name (reader), ==, "UTF-16LE");
  g_assert_cmpint (ts_csv_reader_get_delimiter (reader), ==, '\t');

  records = read_all (reader);
  g_assert_cmpuint (records->len, ==, 3);
  assert_record (records, 0, "id", "name", "city", NULL);
  assert_record (records, 1, "1", "Zoë", "Köln", NULL);
  assert_record (records, 2, "2", "José", "Málaga", NULL);
}

static void
test_utf16be_bom (void)
{
  g_autoptr(GBytes) bytes = utf16_with_bom ("id,name\r\n1,Zoë\r\n2,€uro\r\n", FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCsvReader) reader = ts_csv_reader_new_for_bytes ("utf16be.csv", bytes, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;

  g_assert_no_error (error);
  g_assert_true (ts_csv_reader_get_has_bom (reader));
  g_assert_cmpint (ts_csv_reader_get_encoding (reader), ==, TS_CSV_ENCODING_UTF16BE);
  g_assert_cmpstr (ts_csv_reader_get_encoding_name (reader), ==, "UTF-16BE");
  g_assert_cmpint (ts_csv_reader_get_delimiter (reader), ==, ',');

  records = read_all (reader);
  g_assert_cmpuint (records->len, ==, 3);
  assert_record (records, 0, "id", "name", NULL);
  assert_record (records, 1, "1", "Zoë", NULL);
  assert_record (records, 2, "2", "€uro", NULL);
}

static void
test_windows_1252 (void)
{
  /* 0xE9 é, 0x80 €, 0x93/0x94 curly quotes: not UTF-8 */
  g_autoptr(TsCsvReader) reader =
    reader_for_data ("name,price,note\nplain,1,ok\ncaf\xE9,\x80 5,\x93hi\x94\n", -1, NULL);
  g_autoptr(GPtrArray) records = read_all (reader);
  GPtrArray *notes = ts_csv_reader_get_notes (reader);
  gboolean noted = FALSE;

  g_assert_false (ts_csv_reader_get_has_bom (reader));
  g_assert_cmpint (ts_csv_reader_get_encoding (reader), ==, TS_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (ts_csv_reader_get_encoding_name (reader), ==, "Windows-1252");

  g_assert_cmpuint (records->len, ==, 3);
  assert_record (records, 0, "name", "price", "note", NULL);
  assert_record (records, 1, "plain", "1", "ok", NULL);
  assert_record (records, 2, "café", "€ 5", "“hi”", NULL);

  g_assert_nonnull (notes);
  for (guint i = 0; i < notes->len; i++)
    {
      g_test_message ("note: %s", (char *) notes->pdata[i]);
      if (strstr (notes->pdata[i], "Windows-1252") != NULL)
        {
          noted = TRUE;
          /* the first bad byte is on line 3 */
          g_assert_nonnull (strstr (notes->pdata[i], "line 3"));
        }
    }
  g_assert_true (noted);
}

/* ---------------------------------------------------------------------- */
/* Dialect                                                                */

static void
assert_lines (TsCsvReader   *reader,
              const guint64 *lines,
              guint          n_lines)
{
  gsize len;
  g_autoptr(TsCsvCursor) cursor = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  ts_csv_reader_get_data (reader, &len);
  cursor = ts_csv_cursor_new (reader, 0, len, ts_csv_reader_get_first_line (reader));
  while (ts_csv_cursor_next (cursor, &error))
    {
      g_assert_cmpuint (n, <, n_lines);
      g_assert_cmpuint (ts_csv_cursor_get_line (cursor), ==, lines[n]);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_lines);
  g_assert_cmpuint (ts_csv_cursor_get_offset (cursor), ==, len);
}

static void
test_line_ends (void)
{
  static const char *const inputs[] = {
    "a,b\n1,2\n3,4\n",
    "a,b\r\n1,2\r\n3,4\r\n",
    "a,b\r1,2\r3,4\r",
    "a,b\n1,2\n3,4",
    "a,b\r\n1,2\r\n3,4",
    "a,b\r1,2\r3,4",
    "a,b\r\n1,2\n3,4\r",
  };
  static const guint64 lines[] = { 1, 2, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(TsCsvReader) reader = reader_for_data (inputs[i], -1, NULL);
      g_autoptr(GPtrArray) records = read_all (reader);

      g_test_message ("input %u", i);
      g_assert_cmpint (ts_csv_reader_get_delimiter (reader), ==, ',');
      g_assert_cmpuint (records->len, ==, 3);
      assert_record (records, 0, "a", "b", NULL);
      assert_record (records, 1, "1", "2", NULL);
      assert_record (records, 2, "3", "4", NULL);
      assert_lines (reader, lines, G_N_ELEMENTS (lines));
    }
}

static void
test_quoted_newlines_and_quotes (void)
{
  static const char input[] =
    "id,text,other\n"
    "1,\"two\nlines\",\"he said \"\"hi\"\"\"\n"
    "2,\"crlf\r\ninside, and a comma\",\"\"\"\"\n"
    "3,\"\",plain\n";
  static const guint64 lines[] = { 1, 2, 4, 6 };
  g_autoptr(TsCsvReader) reader = reader_for_data (input, -1, NULL);
  g_autoptr(GPtrArray) records = read_all (reader);

  g_assert_cmpuint (records->len, ==, 4);
  assert_record (records, 0, "id", "text", "other", NULL);
  assert_record (records, 1, "1", "two\nlines", "he said \"hi\"", NULL);
  assert_record (records, 2, "2", "crlf\r\ninside, and a comma", "\"", NULL);
  assert_record (records, 3, "3", "", "plain", NULL);
  assert_lines (reader, lines, G_N_ELEMENTS (lines));
}

/* skipped columns: split and checked, returned empty, nothing decoded */
static void
test_skipped_columns (void)
{
  static const char input[] =
    "id,text,other\n"
    "1,\"two\nlines\",\"he said \"\"hi\"\"\"\n"
    "2,\"crlf\r\ninside, and a comma\",\"\"\"\"\n"
    "3,\"a\"b,plain\n"
    "4,\"never closed,x\nmore\n";
  static const guint8 skip[] = { 0, 1 };
  g_autoptr(TsCsvReader) reader = reader_for_data (input, -1, NULL);
  g_autoptr(TsCsvCursor) cursor = ts_csv_cursor_new (reader, 0, sizeof input - 1, 1);
  g_autoptr(GError) error = NULL;
  static const char *const other[] = { "other", "he said \"hi\"", "\"", "plain" };
  static const guint64 lines[] = { 1, 2, 4, 6 };
  const TsCsvField *f;
  guint n;

  ts_csv_cursor_set_skipped (cursor, skip, G_N_ELEMENTS (skip));
  for (guint r = 0; r < G_N_ELEMENTS (other); r++)
    {
      g_assert_true (ts_csv_cursor_next (cursor, &error));
      g_assert_no_error (error);
      f = ts_csv_cursor_get_fields (cursor, &n);
      g_assert_cmpuint (n, ==, 3);
      g_assert_cmpuint (f[0].len, >, 0);
      g_assert_cmpuint (f[1].len, ==, 0);
      g_assert_cmpmem (f[2].data, f[2].len, other[r], strlen (other[r]));
      g_assert_cmpuint (ts_csv_cursor_get_line (cursor), ==, lines[r]);
    }
  /* text after a closing quote is still counted, a quote never closed still an error */
  g_assert_cmpuint (ts_csv_cursor_get_n_trailing_text (cursor), ==, 1);
  g_assert_false (ts_csv_cursor_next (cursor, &error));
  g_assert_error (error, TS_CSV_ERROR, TS_CSV_ERROR_UNTERMINATED_QUOTE);
  assert_line_column (error->message, 7, 2);
}

static void
test_sniff_delimiter (void)
{
  static const struct {
    const char *input;
    char        delimiter;
    const char *cell;    /* record 1, field 1 */
  } cases[] = {
    { "name,price,qty\nfoo,\"1,5\",2\nbar,2.25,3\n", ',', "1,5" },
    { "name;price;qty\nfoo;1,5;2\nbar;2,25;3\n", ';', "1,5" },
    { "name\tprice\tqty\nfoo\t1,5; 2\t2\nbar\t2,25\t3\n", '\t', "1,5; 2" },
    { "name|price|qty\nfoo|1,5;x|2\nbar|2,25|3\n", '|', "1,5;x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TsCsvReader) reader = reader_for_data (cases[i].input, -1, NULL);
      g_autoptr(GPtrArray) records = read_all (reader);
      char **row;

      g_test_message ("delimiter %u", (guint) (guchar) cases[i].delimiter);
      g_assert_cmpint (ts_csv_reader_get_delimiter (reader), ==, cases[i].delimiter);
      g_assert_false (ts_csv_reader_get_had_sep_line (reader));
      g_assert_cmpuint (records->len, ==, 3);
      assert_record (records, 0, "name", "price", "qty", NULL);
      row = records->pdata[1];
      g_assert_cmpuint (g_strv_length (row), ==, 3);
      g_assert_cmpstr (row[1], ==, cases[i].cell);
    }
}

static void
test_explicit_delimiter (void)
{
  TsCsvOptions options = { ';', TS_CSV_ENCODING_AUTO };
  g_autoptr(TsCsvReader) reader = reader_for_data ("a,b;c\n1,2;3\n", -1, &options);
  g_autoptr(GPtrArray) records = read_all (reader);

  g_assert_cmpint (ts_csv_reader_get_delimiter (reader), ==, ';');
  assert_record (records, 0, "a,b", "c", NULL);
  assert_record (records, 1, "1,2", "3", NULL);
}

static void
test_excel_sep_line (void)
{
  static const guint64 lines[] = { 2, 3, 4 };
  static const char *const inputs[] = {
    "sep=;\nname;value\nfoo;1,5\nbar;2\n",
    "sep=;\r\nname;value\r\nfoo;1,5\r\nbar;2\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(TsCsvReader) reader = reader_for_data (inputs[i], -1, NULL);
      g_autoptr(GPtrArray) records = read_all (reader);

      g_assert_true (ts_csv_reader_get_had_sep_line (reader));
      g_assert_cmpint (ts_csv_reader_get_delimiter (reader), ==, ';');
      g_assert_cmpuint (ts_csv_reader_get_first_line (reader), ==, 2);
      g_assert_cmpuint (records->len, ==, 3);
      assert_record (records, 0, "name", "value", NULL);
      assert_record (records, 1, "foo", "1,5", NULL);
      assert_record (records, 2, "bar", "2", NULL);
      assert_lines (reader, lines, G_N_ELEMENTS (lines));
    }
}

static void
test_empty_lines_skipped (void)
{
  static const guint64 lines[] = { 2, 4, 7 };
  g_autoptr(TsCsvReader) reader = reader_for_data ("\na,b\n\n1,2\n\r\n\n3,4\n\n\n", -1, NULL);
  g_autoptr(GPtrArray) records = read_all (reader);

  g_assert_cmpuint (records->len, ==, 3);
  assert_record (records, 0, "a", "b", NULL);
  assert_record (records, 1, "1", "2", NULL);
  assert_record (records, 2, "3", "4", NULL);
  assert_lines (reader, lines, G_N_ELEMENTS (lines));
}

static void
test_trailing_delimiter (void)
{
  g_autoptr(TsCsvReader) reader = reader_for_data ("a,b,\n1,2,\n\"x\",\"y\",", -1, NULL);
  g_autoptr(GPtrArray) records = read_all (reader);

  g_assert_cmpuint (records->len, ==, 3);
  assert_record (records, 0, "a", "b", "", NULL);
  assert_record (records, 1, "1", "2", "", NULL);
  assert_record (records, 2, "x", "y", "", NULL);
}

/* ---------------------------------------------------------------------- */
/* Errors                                                                 */

static void
test_unterminated_quote (void)
{
  /* record 2 spans lines 2–3, so the open quote is on line 4, field 2 */
  g_autoptr(TsCsvReader) reader =
    reader_for_data ("a,b,c\n\"x\ny\",1,2\n3,\"never closed,4\nmore\n", -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = ts_csv_reader_read_records (reader, 0, &error);

  g_assert_null (records);
  g_assert_error (error, TS_CSV_ERROR, TS_CSV_ERROR_UNTERMINATED_QUOTE);
  assert_line_column (error->message, 4, 2);
}

static void
test_nul_byte_unquoted (void)
{
  static const char input[] = "a,b,c\n1,2,3\n4,x\0y,6\n";
  g_autoptr(TsCsvReader) reader = reader_for_data (input, sizeof input - 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = ts_csv_reader_read_records (reader, 0, &error);

  g_assert_null (records);
  g_assert_error (error, TS_CSV_ERROR, TS_CSV_ERROR_NUL_BYTE);
  /* the NUL is in the second field of line 3 */
  assert_line_column (error->message, 3, 2);
}

static void
test_nul_byte_quoted (void)
{
  static const char input[] = "a,b,c\n1,2,3\n4,\"x\0y\",6\n";
  g_autoptr(TsCsvReader) reader = reader_for_data (input, sizeof input - 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = ts_csv_reader_read_records (reader, 0, &error);

  g_assert_null (records);
  g_assert_error (error, TS_CSV_ERROR, TS_CSV_ERROR_NUL_BYTE);
  assert_line_column (error->message, 3, 2);
}

/* ---------------------------------------------------------------------- */
/* Sizes                                                                  */

static void
test_huge_field (void)
{
  static const char pattern[] = "lorem, ipsum \"quoted\"\nnext;line|tab\there\r\n";
  const gsize target = 10 * 1024 * 1024;
  g_autoptr(GString) value = g_string_sized_new (target + sizeof pattern);
  g_autoptr(GString) csv = g_string_sized_new (target * 2);
  g_autoptr(TsCsvReader) reader = NULL;
  g_autoptr(GPtrArray) records = NULL;
  guint64 n_lines = 0;
  char **row;

  while (value->len < target)
    g_string_append (value, pattern);
  for (gsize i = 0; i < value->len; i++)
    if (value->str[i] == '\n')
      n_lines++;

  g_string_append (csv, "id,blob,tail\n1,\"");
  for (gsize i = 0; i < value->len; i++)
    {
      if (value->str[i] == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, value->str[i]);
    }
  g_string_append (csv, "\",end\n2,x,y\n");

  reader = reader_for_data (csv->str, csv->len, NULL);
  g_assert_cmpint (ts_csv_reader_get_delimiter (reader), ==, ',');
  records = read_all (reader);
  g_assert_cmpuint (records->len, ==, 3);
  assert_record (records, 0, "id", "blob", "tail", NULL);
  row = records->pdata[1];
  g_assert_cmpuint (g_strv_length (row), ==, 3);
  g_assert_cmpstr (row[0], ==, "1");
  g_assert_cmpuint (strlen (row[1]), ==, value->len);
  g_assert_true (memcmp (row[1], value->str, value->len) == 0);
  g_assert_cmpstr (row[2], ==, "end");
  assert_record (records, 2, "2", "x", "y", NULL);

  {
    const guint64 lines[] = { 1, 2, 3 + n_lines };
    assert_lines (reader, lines, G_N_ELEMENTS (lines));
  }
}

static void
test_header_only (void)
{
  static const char *const inputs[] = { "a,b,c\n", "a,b,c", "a,b,c\r\n\r\n" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(TsCsvReader) reader = reader_for_data (inputs[i], -1, NULL);
      g_autoptr(GPtrArray) records = read_all (reader);

      g_assert_cmpuint (records->len, ==, 1);
      assert_record (records, 0, "a", "b", "c", NULL);
    }
}

static void
test_empty_input (void)
{
  static const char *const inputs[] = { "", "\n", "\r\n\n\r" };
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCsvReader) reader = ts_csv_reader_new_for_bytes ("empty.csv", empty, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;

  g_assert_no_error (error);
  records = read_all (reader);
  g_assert_cmpuint (records->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(TsCsvReader) r = reader_for_data (inputs[i], -1, NULL);
      g_autoptr(GPtrArray) recs = read_all (r);

      g_assert_cmpuint (recs->len, ==, 0);
    }
}

static void
test_max_records (void)
{
  g_autoptr(TsCsvReader) reader = reader_for_data ("a,b\n1,2\n3,4\n5,6\n", -1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = ts_csv_reader_read_records (reader, 2, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  assert_record (records, 1, "1", "2", NULL);
}

/* ---------------------------------------------------------------------- */
/* Split                                                                  */

/* ~@target bytes of CSV in which most bytes sit inside quoted multi-line
 * fields with doubled quotes, so that cuts land inside quotes.  With
 * @cp1252, some words are Windows-1252 bytes (not UTF-8). */
static GString *
generate_split_text (gsize       target,
                     const char *eol,
                     guint32     seed,
                     gboolean    cp1252)
{
  static const char *const words[] = {
    "order", "\"late\"", "refund", "please,", "call", "me", "back", "NPS", "\"\"", "x;y", "a|b",
  };
  static const char *const cp1252_words[] = { "caf\xE9", "\x80" "5", "\x93ok\x94" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *csv = g_string_sized_new (target + 4096);
  guint row = 0;

  g_string_append_printf (csv, "id,customer,comment,score%s", eol);
  while (csv->len < target)
    {
      row++;
      g_string_append_printf (csv, "%u,cust%d,", row, g_rand_int_range (rand, 1, 5000));
      if (g_rand_int_range (rand, 0, 10) == 0)
        g_string_append (csv, "plain comment");
      else
        {
          guint n_words = g_rand_int_range (rand, 5, 60);

          g_string_append_c (csv, '"');
          for (guint w = 0; w < n_words; w++)
            {
              const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

              if (cp1252 && g_rand_int_range (rand, 0, 4) == 0)
                word = cp1252_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (cp1252_words))];
              for (const char *p = word; *p; p++)
                {
                  if (*p == '"')
                    g_string_append_c (csv, '"');
                  g_string_append_c (csv, *p);
                }
              switch (g_rand_int_range (rand, 0, 6))
                {
                case 0:
                  g_string_append (csv, eol);
                  break;
                case 1:
                  g_string_append (csv, eol);
                  g_string_append (csv, eol);   /* a blank line inside quotes */
                  break;
                default:
                  g_string_append_c (csv, ' ');
                  break;
                }
            }
          g_string_append_c (csv, '"');
        }
      g_string_append_printf (csv, ",%d%s", g_rand_int_range (rand, 0, 11), eol);
      if (g_rand_int_range (rand, 0, 50) == 0)
        g_string_append (csv, eol);   /* a blank line between records */
    }

  return csv;
}

/* How many of the nominal cut offsets len / n * i fall inside quotes. */
static guint
count_cuts_in_quotes (const char *data,
                      gsize       len,
                      guint       n_chunks)
{
  gsize quotes = 0;
  gsize pos = 0;
  guint n = 0;

  for (guint i = 1; i < n_chunks; i++)
    {
      gsize cut = len / n_chunks * i;

      for (; pos < cut; pos++)
        quotes += data[pos] == '"';
      n += (quotes & 1) != 0;
    }
  return n;
}

/* Parses each range of the split with its own cursor, alongside one cursor
 * over the whole data: same records, same lines, and every range ends on
 * the next bound.  Returns how many nominal cuts fell inside quotes. */
static guint
check_split (TsCsvReader *reader,
             guint        n_chunks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCsvCursor) whole = NULL;
  g_autofree gsize *bounds = NULL;
  const char *data;
  gsize len;
  guint n_bounds = 0;
  guint64 first_line = ts_csv_reader_get_first_line (reader);
  guint64 line;
  guint64 n_records = 0;

  data = ts_csv_reader_get_data (reader, &len);
  g_assert_cmpuint (len, >, (gsize) n_chunks * 1024 * 1024);

  bounds = ts_csv_reader_split (reader, n_chunks, &n_bounds);
  g_assert_nonnull (bounds);
  g_test_message ("%u chunks: %u bounds", n_chunks, n_bounds);
  g_assert_cmpuint (n_bounds, >=, 3);
  g_assert_cmpuint (n_bounds, <=, n_chunks + 1);
  g_assert_cmpuint (bounds[0], ==, 0);
  g_assert_cmpuint (bounds[n_bounds - 1], ==, len);
  for (guint i = 1; i < n_bounds; i++)
    g_assert_cmpuint (bounds[i - 1], <, bounds[i]);

  whole = ts_csv_cursor_new (reader, 0, len, first_line);
  line = first_line;
  for (guint i = 0; i + 1 < n_bounds; i++)
    {
      g_autoptr(TsCsvCursor) part = ts_csv_cursor_new (reader, bounds[i], bounds[i + 1], line);

      while (ts_csv_cursor_next (part, &error))
        {
          guint n_part, n_whole;
          const TsCsvField *fp, *fw;

          g_assert_no_error (error);
          g_assert_true (ts_csv_cursor_next (whole, &error));
          g_assert_no_error (error);
          n_records++;

          fp = ts_csv_cursor_get_fields (part, &n_part);
          fw = ts_csv_cursor_get_fields (whole, &n_whole);
          g_assert_cmpuint (n_part, ==, n_whole);
          g_assert_cmpuint (n_part, ==, 4);
          for (guint f = 0; f < n_part; f++)
            {
              g_assert_cmpuint (fp[f].len, ==, fw[f].len);
              g_assert_true (memcmp (fp[f].data, fw[f].data, fp[f].len) == 0);
            }
          g_assert_cmpuint (ts_csv_cursor_get_line (part), ==, ts_csv_cursor_get_line (whole));
        }
      g_assert_no_error (error);
      g_assert_cmpuint (ts_csv_cursor_get_offset (part), ==, bounds[i + 1]);
      line = ts_csv_cursor_get_next_line (part);
    }
  g_assert_false (ts_csv_cursor_next (whole, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ts_csv_cursor_get_offset (whole), ==, len);
  g_assert_cmpuint (n_records, >, 5000);

  return count_cuts_in_quotes (data, len, n_chunks);
}

static void
check_split_all (TsCsvReader *reader)
{
  static const guint chunk_counts[] = { 2, 3, 8, 16 };
  guint n_inside_quotes = 0;
  gsize len;

  g_assert_cmpint (ts_csv_reader_get_delimiter (reader), ==, ',');
  ts_csv_reader_get_data (reader, &len);
  for (guint i = 0; i < G_N_ELEMENTS (chunk_counts); i++)
    if (len > (gsize) chunk_counts[i] * 1024 * 1024)
      n_inside_quotes += check_split (reader, chunk_counts[i]);

  /* a sanity check of the data: the parity logic was exercised */
  g_test_message ("%u nominal cuts fell inside quoted fields", n_inside_quotes);
  g_assert_cmpuint (n_inside_quotes, >, 0);
}

static void
test_split_bytes (gconstpointer data)
{
  const char *eol = data;
  g_autoptr(GBytes) bytes = g_string_free_to_bytes (generate_split_text (20 * 1024 * 1024, eol,
                                                                         4180, FALSE));
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCsvReader) reader = ts_csv_reader_new_for_bytes ("split.csv", bytes, NULL, &error);

  g_assert_no_error (error);
  check_split_all (reader);
}

/* A file-backed reader counts quotes from the file itself: the body may
 * start after a byte order mark and a sep= line, or be a converted copy. */
typedef enum
{
  FILE_UTF8_BOM_SEP_LINE,
  FILE_WINDOWS_1252,
  FILE_UTF16LE,
} SplitFileKind;

static void
test_split_file (gconstpointer data)
{
  SplitFileKind kind = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ts-split-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GByteArray) file = g_byte_array_new ();
  g_autoptr(TsCsvReader) reader = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "split.csv", NULL);

  switch (kind)
    {
    case FILE_UTF8_BOM_SEP_LINE:
      text = generate_split_text (20 * 1024 * 1024, "\r\n", 1252, FALSE);
      g_byte_array_append (file, (const guint8 *) "\xEF\xBB\xBF" "sep=,\r\n", 10);
      g_byte_array_append (file, (const guint8 *) text->str, text->len);
      break;
    case FILE_WINDOWS_1252:
      text = generate_split_text (12 * 1024 * 1024, "\n", 1252, TRUE);
      g_byte_array_append (file, (const guint8 *) text->str, text->len);
      break;
    case FILE_UTF16LE:
    default:
      {
        g_autofree char *utf16 = NULL;
        gsize utf16_len = 0;

        text = generate_split_text (10 * 1024 * 1024, "\n", 16, FALSE);
        utf16 = g_convert (text->str, text->len, "UTF-16LE", "UTF-8", NULL, &utf16_len, &error);
        g_assert_no_error (error);
        g_byte_array_append (file, (const guint8 *) "\xFF\xFE", 2);
        g_byte_array_append (file, (const guint8 *) utf16, utf16_len);
      }
      break;
    }

  g_file_set_contents (path, (const char *) file->data, file->len, &error);
  g_assert_no_error (error);

  reader = ts_csv_reader_new_for_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  switch (kind)
    {
    case FILE_UTF8_BOM_SEP_LINE:
      g_assert_true (ts_csv_reader_get_has_bom (reader));
      g_assert_true (ts_csv_reader_get_had_sep_line (reader));
      g_assert_cmpuint (ts_csv_reader_get_first_line (reader), ==, 2);
      break;
    case FILE_WINDOWS_1252:
      g_assert_cmpint (ts_csv_reader_get_encoding (reader), ==, TS_CSV_ENCODING_WINDOWS_1252);
      break;
    case FILE_UTF16LE:
    default:
      g_assert_cmpint (ts_csv_reader_get_encoding (reader), ==, TS_CSV_ENCODING_UTF16LE);
      break;
    }

  check_split_all (reader);

  g_clear_pointer (&reader, ts_csv_reader_unref);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_split_small (void)
{
  g_autoptr(TsCsvReader) reader = reader_for_data ("a,b\n1,2\n", -1, NULL);
  g_autofree gsize *bounds = NULL;
  guint n_bounds = 0;

  /* too small to be worth splitting: one range */
  bounds = ts_csv_reader_split (reader, 4, &n_bounds);
  g_assert_cmpuint (n_bounds, ==, 2);
  g_assert_cmpuint (bounds[0], ==, 0);
  g_assert_cmpuint (bounds[1], ==, 8);
}

/* ---------------------------------------------------------------------- */
/* Hostile input: refused with the line and column, in bounded memory     */

/* A reader over @csv's text, not a copy of it. */
static TsCsvReader *
reader_over (GString *csv)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv->str, csv->len);
  g_autoptr(GError) error = NULL;
  TsCsvReader *reader = ts_csv_reader_new_for_bytes ("test.csv", bytes, NULL, &error);

  g_assert_no_error (error);
  return reader;
}

/* The process's peak resident memory so far, in bytes. */
static guint64
peak_rss (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return (guint64) usage.ru_maxrss * 1024;
}

static void
test_hostile_million_columns (void)
{
  const guint n_columns = 1000000;
  g_autoptr(GString) csv = g_string_sized_new (2 * n_columns + 16);
  g_autoptr(TsCsvReader) reader = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint64 before;

  g_string_append (csv, "id,name\n");
  for (guint i = 0; i < n_columns; i++)
    g_string_append (csv, i ? ",x" : "x");
  g_string_append_c (csv, '\n');

  before = peak_rss ();
  reader = reader_over (csv);
  records = ts_csv_reader_read_records (reader, 0, &error);
  g_assert_null (records);
  g_assert_error (error, TS_CSV_ERROR, TS_CSV_ERROR_TOO_MANY_FIELDS);
  g_assert_nonnull (strstr (error->message, "test.csv: line 2, column 16385:"));
  g_assert_nonnull (strstr (error->message, "16384 fields"));
  /* the fields up to the limit, not a million of them */
  g_assert_cmpuint (peak_rss () - before, <, 16u << 20);
}

static void
test_hostile_widest_record_read (void)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(TsCsvReader) reader = NULL;
  g_autoptr(GPtrArray) records = NULL;

  for (guint i = 0; i < TS_CSV_MAX_FIELDS; i++)
    g_string_append_printf (csv, i ? ",c%u" : "c%u", i);
  g_string_append_c (csv, '\n');

  reader = reader_for_data (csv->str, csv->len, NULL);
  records = read_all (reader);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpuint (g_strv_length (records->pdata[0]), ==, TS_CSV_MAX_FIELDS);
  g_assert_cmpstr (((char **) records->pdata[0])[TS_CSV_MAX_FIELDS - 1], ==, "c16383");
}

/* A line of @size bytes after a header; @quoted: inside one quoted field
 * whose quotes are doubled, so that reading it would copy it. */
static void
assert_long_line_refused (gsize    size,
                          gboolean quoted)
{
  g_autoptr(GString) csv = g_string_sized_new (size + 64);
  g_autoptr(TsCsvReader) reader = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint64 before;

  g_string_append (csv, "id,note\n1,short\n2,");
  if (quoted)
    g_string_append_c (csv, '"');
  while (csv->len < size)
    g_string_append (csv, quoted ? "lorem \"\"ipsum\"\" dolor sit amet " : "lorem ipsum dolor sit amet ");
  if (quoted)
    g_string_append_c (csv, '"');
  g_string_append (csv, "\n3,after\n");

  before = peak_rss ();
  reader = reader_over (csv);
  records = ts_csv_reader_read_records (reader, 0, &error);
  g_assert_null (records);
  g_assert_error (error, TS_CSV_ERROR, TS_CSV_ERROR_RECORD_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "test.csv: line 3, column 2:"));
  /* not a copy of the line: for the quoted one, its decoded text up to the
   * record limit (about twice that under valgrind, whose shadow memory
   * counts), still less than the line */
  g_assert_cmpuint (peak_rss () - before, <, (quoted ? size - (16u << 20) : 16u << 20));
}

static void
test_hostile_100mb_line (void)
{
  assert_long_line_refused (100u << 20, FALSE);
}

static void
test_hostile_100mb_quoted_field (void)
{
  assert_long_line_refused (100u << 20, TRUE);
}

/* ---------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_conformance_tests ();

  g_test_add_func ("/core/csv/encoding/utf8-bom", test_utf8_bom);
  g_test_add_func ("/core/csv/encoding/utf16le-bom-tab", test_utf16le_bom_tab);
  g_test_add_func ("/core/csv/encoding/utf16be-bom", test_utf16be_bom);
  g_test_add_func ("/core/csv/encoding/windows-1252", test_windows_1252);
  g_test_add_func ("/core/csv/dialect/line-ends", test_line_ends);
  g_test_add_func ("/core/csv/dialect/quoted-newlines-and-quotes", test_quoted_newlines_and_quotes);
  g_test_add_func ("/core/csv/cursor/skipped-columns", test_skipped_columns);
  g_test_add_func ("/core/csv/dialect/sniff-delimiter", test_sniff_delimiter);
  g_test_add_func ("/core/csv/dialect/explicit-delimiter", test_explicit_delimiter);
  g_test_add_func ("/core/csv/dialect/excel-sep-line", test_excel_sep_line);
  g_test_add_func ("/core/csv/dialect/empty-lines-skipped", test_empty_lines_skipped);
  g_test_add_func ("/core/csv/dialect/trailing-delimiter", test_trailing_delimiter);
  g_test_add_func ("/core/csv/error/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/core/csv/error/nul-byte-unquoted", test_nul_byte_unquoted);
  g_test_add_func ("/core/csv/error/nul-byte-quoted", test_nul_byte_quoted);
  g_test_add_func ("/core/csv/size/huge-quoted-field", test_huge_field);
  g_test_add_func ("/core/csv/hostile/million-columns", test_hostile_million_columns);
  g_test_add_func ("/core/csv/hostile/widest-record-read", test_hostile_widest_record_read);
  g_test_add_func ("/core/csv/hostile/100mb-line", test_hostile_100mb_line);
  g_test_add_func ("/core/csv/hostile/100mb-quoted-field", test_hostile_100mb_quoted_field);
  g_test_add_func ("/core/csv/size/header-only", test_header_only);
  g_test_add_func ("/core/csv/size/empty", test_empty_input);
  g_test_add_func ("/core/csv/size/max-records", test_max_records);
  g_test_add_data_func ("/core/csv/split/bytes-lf", "\n", test_split_bytes);
  g_test_add_data_func ("/core/csv/split/bytes-crlf", "\r\n", test_split_bytes);
  g_test_add_data_func ("/core/csv/split/file-bom-sep-line",
                        GINT_TO_POINTER (FILE_UTF8_BOM_SEP_LINE), test_split_file);
  g_test_add_data_func ("/core/csv/split/file-windows-1252",
                        GINT_TO_POINTER (FILE_WINDOWS_1252), test_split_file);
  g_test_add_data_func ("/core/csv/split/file-utf16le",
                        GINT_TO_POINTER (FILE_UTF16LE), test_split_file);
  g_test_add_func ("/core/csv/split/small", test_split_small);

  return g_test_run ();
}

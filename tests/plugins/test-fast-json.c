/* test-fast-json.c — the analytics plugin's fast reader of Segment lines
 * gives the records json-glib and tsp_record_decode() give
 *
 * Every line of the plugin's fixtures, of a Segment archive made by
 * `touchstone-cli demo` and of hand-written tricky lines is decoded both
 * ways.  Where the fast reader decodes a line, the record must be the same
 * field for field and the properties text byte for byte; where it leaves a
 * line, json-glib's path reads it as before.  The lines the fast reader
 * must take (the bulk: track, page and screen calls) are checked to be
 * taken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <touchstone.h>

#include "tsp-analytics-formats.h"
#include "tsp-fast-json.h"

typedef struct
{
  TspFastJson      *fast;
  JsonParser       *parser;
  JsonParser       *inner;
  JsonParser       *inner2;
  TspDecodeOptions  opts;
  TspRecord         slow_rec;
  TspRecord         fast_rec;
  guint             lines;
  guint             fast_lines;      /* decoded by the fast reader */
  guint             slow_events;     /* Segment events json-glib's path decodes */
} Fixture;

static void
fixture_init (Fixture *f)
{
  memset (f, 0, sizeof *f);
  f->fast = tsp_fast_json_new ();
  f->parser = json_parser_new ();
  f->inner = json_parser_new_immutable ();
  f->inner2 = json_parser_new_immutable ();
  f->opts.mixpanel_unit = TS_TIME_FORMAT_UNKNOWN;
  f->opts.inner_parser = f->inner;
  f->opts.inner_parser2 = f->inner2;
  tsp_record_reset (&f->slow_rec);
  tsp_record_reset (&f->fast_rec);
}

static void
fixture_clear (Fixture *f)
{
  tsp_record_clear (&f->slow_rec);
  tsp_record_clear (&f->fast_rec);
  g_clear_object (&f->parser);
  g_clear_object (&f->inner);
  g_clear_object (&f->inner2);
  g_clear_pointer (&f->fast, tsp_fast_json_free);
}

static void
assert_same_record (const TspRecord *a,
                    const TspRecord *b,
                    const char      *line)
{
  if (g_test_verbose ())
    g_test_message ("line: %s", line);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpstr (a->user_id, ==, b->user_id);
  g_assert_cmpstr (a->anon_id, ==, b->anon_id);
  g_assert_cmpstr (a->alias_from, ==, b->alias_from);
  g_assert_cmpstr (a->alias_to, ==, b->alias_to);
  g_assert_cmpint (a->alias_from_anonymous, ==, b->alias_from_anonymous);
  g_assert_cmpstr (a->group_id, ==, b->group_id);
  g_assert_cmpint (a->at, ==, b->at);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->channel, ==, b->channel);
  g_assert_cmpint (isnan (a->value), ==, isnan (b->value));
  if (!isnan (a->value))
    g_assert_true (memcmp (&a->value, &b->value, sizeof (double)) == 0);
  g_assert_cmpuint (a->properties->len, ==, b->properties->len);
  g_assert_cmpstr (a->properties->str, ==, b->properties->str);
  g_assert_cmpuint (a->n_traits, ==, b->n_traits);
  g_assert_cmpint (a->traits_snapshot, ==, b->traits_snapshot);
  g_assert_cmpuint (a->n_lookup, ==, b->n_lookup);
  g_assert_cmpint (a->has_dedupe_key, ==, b->has_dedupe_key);
  g_assert_cmpuint (a->dedupe_key, ==, b->dedupe_key);
  g_assert_cmpstr (a->dedupe_label, ==, b->dedupe_label);
  g_assert_cmpstr (a->dedupe_value, ==, b->dedupe_value);
  g_assert_null (a->error_message);
  g_assert_null (b->error_message);
}

typedef enum
{
  EXPECT_ANY,
  EXPECT_FAST,       /* the fast reader must decode it */
  EXPECT_FALLBACK,   /* the fast reader must leave it to json-glib */
} Expect;

/* Decodes @line (of @len bytes) both ways as the import does for a member
 * whose format is Segment; returns whether the fast reader took it. */
static gboolean
check_line (Fixture    *f,
            const char *line,
            gsize       len,
            Expect      expect)
{
  g_autofree char *copy = g_strndup (line, len);
  gboolean slow_ok = FALSE, fast_ok;
  JsonNode *root;

  f->lines++;
  /* not NUL-terminated, as the line reader gives it */
  fast_ok = tsp_fast_json_decode (f->fast, TSP_FORMAT_SEGMENT, line, len, &f->fast_rec);

  if (ts_json_parser_load (f->parser, NULL, line, (gssize) len, NULL) &&
      (root = json_parser_get_root (f->parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      tsp_format_classify (json_node_get_object (root)) == TSP_FORMAT_SEGMENT)
    {
      slow_ok = tsp_record_decode (TSP_FORMAT_SEGMENT, json_node_get_object (root), &f->opts,
                                   &f->slow_rec);
      if (slow_ok && f->slow_rec.kind == TSP_RECORD_EVENT)
        f->slow_events++;
    }

  if (fast_ok)
    {
      f->fast_lines++;
      if (!slow_ok)
        g_error ("the fast reader decoded a line json-glib's path does not: %s", copy);
      assert_same_record (&f->slow_rec, &f->fast_rec, copy);
    }
  if (expect == EXPECT_FAST && !fast_ok)
    g_error ("the fast reader left a line it should read: %s", copy);
  if (expect == EXPECT_FALLBACK && fast_ok)
    g_error ("the fast reader took a line it should leave to json-glib: %s", copy);
  return fast_ok;
}

/* Every line of @stream, both ways. */
static void
check_stream (Fixture      *f,
              GInputStream *stream)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (stream);
  g_autoptr(GError) error = NULL;
  char *line;
  gsize len;

  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_LF);
  while ((line = g_data_input_stream_read_line (data, &len, NULL, &error)) != NULL)
    {
      if (len > 0)
        check_line (f, line, len, EXPECT_ANY);
      g_free (line);
    }
  g_assert_no_error (error);
}

static void
check_file (Fixture    *f,
            const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = G_INPUT_STREAM (g_file_read (file, NULL, &error));

  g_assert_no_error (error);
  if (g_str_has_suffix (path, ".gz"))
    {
      g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      g_autoptr(GInputStream) plain = g_converter_input_stream_new (in, G_CONVERTER (gunzip));
      check_stream (f, plain);
    }
  else
    check_stream (f, in);
}

static void
test_fixtures (void)
{
  static const char *const names[] = {
    "segment.jsonl", "segment.jsonl.gz", "mixpanel.jsonl", "posthog.jsonl", "ga4.jsonl", NULL
  };
  Fixture f;

  fixture_init (&f);
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "analytics",
                                                     names[i], NULL);
      guint before = f.fast_lines;

      check_file (&f, path);
      /* only Segment's calls are the fast reader's */
      if (!g_str_has_prefix (names[i], "segment"))
        g_assert_cmpuint (f.fast_lines, ==, before);
    }
  g_test_message ("%u lines, %u decoded by the fast reader", f.lines, f.fast_lines);
  g_assert_cmpuint (f.fast_lines, >, 0);
  fixture_clear (&f);
}

/* A Segment archive as `touchstone-cli demo` writes it: every event is the
 * fast reader's, and the same as json-glib's. */
static void
test_demo_archive (void)
{
  const char *cli = g_getenv ("TS_CLI");
  g_autofree char *dir = NULL;
  g_autofree char *archive = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  Fixture f;

  if (cli == NULL)
    {
      g_test_skip ("TS_CLI is not set: run under meson test");
      return;
    }
  dir = g_dir_make_tmp ("test-fast-json-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { cli, "demo", "--out", dir, "--customers", "120", "--months", "2",
                           "--seed", "7", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, &error))
      g_error ("touchstone-cli demo failed: %s\n%s", error->message, err);
  }
  archive = g_build_filename (dir, "segment-events.jsonl.gz", NULL);

  fixture_init (&f);
  check_file (&f, archive);
  g_test_message ("%u lines, %u events, %u decoded by the fast reader", f.lines, f.slow_events,
                  f.fast_lines);
  g_assert_cmpuint (f.lines, >, 5000);
  g_assert_cmpuint (f.fast_lines, ==, f.slow_events);
  fixture_clear (&f);

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
}

typedef struct
{
  const char *line;
  Expect      expect;
} Tricky;

#define TRACK "{\"type\":\"track\",\"messageId\":\"m\",\"userId\":\"u\",\"timestamp\":\"2024-03-01T10:00:00Z\","

static const Tricky tricky[] = {
  /* strings: escapes, unicode, surrogate pairs, control characters written escaped */
  { TRACK "\"event\":\"Caf\\u00e9 \\\"Ordered\\\"\",\"properties\":{\"note\":\"tab\\tnl\\ncr\\rbs\\\\sl\\/\"}}", EXPECT_FAST },
  { TRACK "\"event\":\"E\",\"properties\":{\"emoji\":\"\\ud83d\\ude00 😀\",\"bell\":\"\\u0007\\u001f\\b\\f\",\"k\\u00e9y\":1}}", EXPECT_FAST },
  { TRACK "\"event\":\"Ünïcödé ✓\",\"properties\":{\"名前\":\"値\"}}", EXPECT_FAST },
  /* numbers: big, negative, exponents, -0, fractions */
  { TRACK "\"event\":\"N\",\"properties\":{\"a\":9223372036854775807,\"b\":-9223372036854775808,\"c\":-17,\"d\":1e300,\"e\":-2.5E-7,\"f\":1.0,\"g\":-0,\"h\":-0.0,\"i\":0.1,\"j\":123456789.123456789,\"k\":1e2,\"l\":4.9e-324,\"m\":2.2250738585072011e-308,\"n\":9007199254740993}}", EXPECT_FAST },
  { TRACK "\"event\":\"N\",\"properties\":{\"big\":9223372036854775808}}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"N\",\"properties\":{\"big\":-9223372036854775809}}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"N\",\"properties\":{\"huge\":123456789012345678901234567890}}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"N\",\"properties\":{\"inf\":1e400}}", EXPECT_ANY },
  /* values: revenue, $revenue, value, amount, the first that is a number */
  { TRACK "\"event\":\"V\",\"properties\":{\"amount\":3,\"value\":\"12.5 \",\"revenue\":\"n/a\"}}", EXPECT_FAST },
  { TRACK "\"event\":\"V\",\"properties\":{\"revenue\":null,\"$revenue\":-4.25}}", EXPECT_FAST },
  { TRACK "\"event\":\"V\",\"properties\":{\"value\":\"0x1A\",\"amount\":\"1e3\"}}", EXPECT_FAST },
  { TRACK "\"event\":\"V\",\"properties\":{\"value\":true,\"amount\":[1]}}", EXPECT_FAST },
  /* nested objects and arrays in properties, empty ones */
  { TRACK "\"event\":\"Nested\",\"properties\":{\"o\":{\"x\":[1,{\"y\":null,\"z\":[true,false]}],\"e\":{}},\"a\":[],\"s\":[[[]]]}}", EXPECT_FAST },
  { TRACK "\"event\":\"Empty\",\"properties\":{}}", EXPECT_FAST },
  { TRACK "\"event\":\"NotObject\",\"properties\":[1,2]}", EXPECT_FAST },
  { TRACK "\"event\":\"NullProps\",\"properties\":null}", EXPECT_FAST },
  /* whitespace between tokens */
  { "  { \"type\" : \"track\" , \"userId\" : \"u\" , \"event\" : \"Spaced\" , \"timestamp\" : \"2024-03-01T10:00:00Z\" , \"properties\" : { \"a\" : [ 1 , 2 ] } }  ", EXPECT_FAST },
  /* ids: null, empty, numbers */
  { "{\"type\":\"track\",\"userId\":null,\"anonymousId\":\"a-1\",\"event\":\"E\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FAST },
  { "{\"type\":\"track\",\"userId\":\"\",\"anonymousId\":\"\",\"event\":\"E\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FAST },
  { "{\"type\":\"track\",\"userId\":5674864,\"anonymousId\":-3,\"event\":\"E\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FAST },
  { "{\"type\":\"track\",\"userId\":42.0,\"anonymousId\":1.5e3,\"event\":\"E\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FAST },
  { "{\"type\":\"track\",\"userId\":0.25,\"anonymousId\":1e16,\"event\":\"E\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FAST },
  { "{\"type\":\"track\",\"userId\":true,\"event\":\"E\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FALLBACK },
  { "{\"type\":\"track\",\"userId\":{\"id\":1},\"event\":\"E\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FALLBACK },
  { "{\"type\":\"track\",\"userId\":[\"u\"],\"event\":\"E\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FALLBACK },
  /* duplicate keys: json-glib keeps the last */
  { TRACK "\"event\":\"A\",\"event\":\"B\"}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"D\",\"properties\":{\"k\":1,\"k\":2}}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"D\",\"properties\":{\"o\":{\"k\":1,\"k\":2}}}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"D\",\"context\":{\"library\":{\"name\":\"analytics-ios\",\"name\":\"analytics.js\"}}}", EXPECT_FALLBACK },
  /* missing or bad event */
  { "{\"type\":\"track\",\"userId\":\"u\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"\"}", EXPECT_FALLBACK },
  { TRACK "\"event\":7}", EXPECT_FALLBACK },
  { TRACK "\"event\":null}", EXPECT_FALLBACK },
  /* times: bad, missing, empty, epochs, the order of the four */
  { "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"T\",\"timestamp\":\"yesterday\"}", EXPECT_FALLBACK },
  { "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"T\",\"timestamp\":true}", EXPECT_FALLBACK },
  { "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"T\"}", EXPECT_FALLBACK },
  { "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"T\",\"timestamp\":\"\",\"sentAt\":\"2024-03-01T10:00:00+02:00\"}", EXPECT_FAST },
  { "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"T\",\"timestamp\":null,\"receivedAt\":1709287200}", EXPECT_FAST },
  { "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"T\",\"timestamp\":1709287200123}", EXPECT_FAST },
  { "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"T\",\"timestamp\":\"1709287200.5\"}", EXPECT_FAST },
  { "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"T\",\"sentAt\":\"2024-03-02T00:00:00Z\",\"receivedAt\":\"2024-03-01T23:00:00Z\",\"originalTimestamp\":\"2024-03-01T22:00:00.123456Z\"}", EXPECT_FAST },
  { "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"T\",\"timestamp\":\"2024-02-30T10:00:00Z\"}", EXPECT_ANY },
  /* page and screen calls: their name and category */
  { "{\"type\":\"page\",\"anonymousId\":\"a\",\"name\":\"Pricing\",\"category\":\"Docs\",\"properties\":{\"path\":\"/p\"},\"context\":{\"userAgent\":\"Mozilla/5.0\"},\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FAST },
  { "{\"type\":\"page\",\"anonymousId\":\"a\",\"name\":\"Pricing\",\"category\":\"\",\"properties\":{\"name\":\"Own\",\"category\":null},\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FAST },
  { "{\"type\":\"screen\",\"userId\":\"u\",\"name\":7,\"context\":{\"os\":{\"name\":\"iOS\"}},\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FAST },
  { "{\"type\":\"screen\",\"userId\":\"u\",\"context\":{\"device\":{\"type\":\"android\"},\"page\":null},\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FAST },
  { "{\"type\":\"page\",\"userId\":\"u\",\"context\":{\"page\":{\"url\":\"https://x\"}},\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FAST },
  /* channels */
  { TRACK "\"event\":\"C\",\"context\":{\"library\":{\"name\":\"analytics-react-native\"},\"os\":{\"name\":\"Android\"}}}", EXPECT_FAST },
  { TRACK "\"event\":\"C\",\"context\":{\"library\":{\"name\":\"analytics-node\"}}}", EXPECT_FAST },
  { TRACK "\"event\":\"C\",\"context\":{\"device\":{\"type\":\"IOS\"},\"library\":{\"name\":\"analytics-node\"}}}", EXPECT_FAST },
  { TRACK "\"event\":\"C\",\"context\":\"web\"}", EXPECT_FAST },
  { TRACK "\"event\":\"C\",\"context\":{\"device\":null,\"library\":[\"x\"],\"os\":{\"name\":3}}}", EXPECT_FAST },
  /* traits to look an identity up in: json-glib's */
  { TRACK "\"event\":\"E\",\"traits\":{\"email\":\"a@b.c\"}}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\",\"context\":{\"traits\":{\"email\":\"a@b.c\"}}}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\",\"traits\":null,\"context\":{\"traits\":\"x\"}}", EXPECT_FAST },
  /* other calls, other tools */
  { "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"plan\":\"pro\"},\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FALLBACK },
  { "{\"type\":\"group\",\"userId\":\"u\",\"groupId\":\"g\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FALLBACK },
  { "{\"type\":\"alias\",\"userId\":\"u\",\"previousId\":\"a\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FALLBACK },
  { "{\"type\":\"Track\",\"userId\":\"u\",\"event\":\"E\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FALLBACK },
  { "{\"type\":\"track\",\"event\":\"E\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FALLBACK },
  { "{\"type\":\"track\",\"userId\":\"u\",\"event_type\":\"x\",\"event_time\":\"2024-03-01 10:00:00\",\"event\":\"E\",\"timestamp\":\"2024-03-01T10:00:00Z\"}", EXPECT_FALLBACK },
  { "{\"event\":\"Signed up\",\"properties\":{\"time\":1602611311,\"distinct_id\":\"x\"}}", EXPECT_FALLBACK },
  /* not JSON, or not all of it */
  { "{\"type\":\"track\",\"userId\":\"u\",", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\"} {\"x\":1}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\"}]", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\",\"other\":[1,,2]}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\",\"other\":{\"a\" 1}}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\",\"other\":tru}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\",\"other\":01}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\",\"other\":\"\\x\"}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\",\"properties\":{\"lone\":\"\\ud83d\"}}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\",\"properties\":{\"nul\":\"a\\u0000b\"}}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\\u0000\"}", EXPECT_FALLBACK },
  { TRACK "\"event\":\"E\",\"properties\":{\"raw\":\"a\tb\"}}", EXPECT_FALLBACK },
  { "[1,2,3]", EXPECT_FALLBACK },
  { "\"track\"", EXPECT_FALLBACK },
  { "", EXPECT_FALLBACK },
  /* unknown members, read and left */
  { TRACK "\"event\":\"E\",\"integrations\":{\"All\":true,\"x\":[{\"y\":\"z\"}],\"x\":1},\"version\":2}", EXPECT_FAST },
};

static void
test_tricky (void)
{
  Fixture f;

  fixture_init (&f);
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    check_line (&f, tricky[i].line, strlen (tricky[i].line), tricky[i].expect);

  /* not decoded past the line's end: a longer buffer holding more */
  {
    const char *text = TRACK "\"event\":\"E\"}garbage";
    gsize len = strlen (text) - strlen ("garbage");
    check_line (&f, text, len, EXPECT_FAST);
  }

  /* deeper than the fast reader goes, and a record of another tool */
  {
    g_autoptr(GString) deep = g_string_new (TRACK "\"event\":\"Deep\",\"properties\":{\"d\":");
    for (guint i = 0; i < 100; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < 100; i++)
      g_string_append_c (deep, ']');
    g_string_append (deep, "}}");
    check_line (&f, deep->str, deep->len, EXPECT_FALLBACK);
    g_assert_false (tsp_fast_json_decode (f.fast, TSP_FORMAT_MIXPANEL, tricky[0].line,
                                          strlen (tricky[0].line), &f.fast_rec));
  }
  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plugins/analytics/fast-json/tricky-lines", test_tricky);
  g_test_add_func ("/plugins/analytics/fast-json/fixtures", test_fixtures);
  g_test_add_func ("/plugins/analytics/fast-json/demo-archive", test_demo_archive);

  return g_test_run ();
}

/* fuzz-analytics.c — the analytics plugin's reading of export lines
 *
 * The first byte picks the format (or lets the record decide, as
 * detection does); the rest is an export, gzipped when it starts with gzip's
 * magic, read line by line with the plugin's bounded line reader.  Every
 * line is parsed as the plugin does (its depth checked first), classified
 * and decoded into a record.  Every line also goes through the fast reader
 * of Segment's calls: a record it decodes must be the one json-glib's path
 * gives, field for field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <touchstone.h>

#include "tsp-analytics-formats.h"
#include "tsp-fast-json.h"
#include "tsp-line-reader.h"

#include "fuzz-common.h"

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
} Memory;

static gssize
read_memory (gpointer       source,
             guint8        *buffer,
             gsize          count,
             GCancellable  *cancellable,
             GError       **error)
{
  Memory *m = source;
  gsize n = MIN (count, m->len - m->pos);

  memcpy (buffer, m->data + m->pos, n);
  m->pos += n;
  return n;
}

static void
assert_same (const TspRecord *a,
             const TspRecord *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpstr (a->user_id, ==, b->user_id);
  g_assert_cmpstr (a->anon_id, ==, b->anon_id);
  g_assert_cmpint (a->at, ==, b->at);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->channel, ==, b->channel);
  g_assert_true ((isnan (a->value) && isnan (b->value)) || a->value == b->value);
  g_assert_cmpstr (a->properties->str, ==, b->properties->str);
  g_assert_cmpuint (a->n_traits, ==, b->n_traits);
  g_assert_cmpuint (a->n_lookup, ==, b->n_lookup);
  g_assert_cmpint (a->has_dedupe_key, ==, b->has_dedupe_key);
  g_assert_cmpuint (a->dedupe_key, ==, b->dedupe_key);
  g_assert_cmpstr (a->dedupe_value, ==, b->dedupe_value);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  Memory memory = { 0, };
  g_autoptr(TspGunzip) gunzip = NULL;
  g_autoptr(TspLineReader) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) inner = json_parser_new ();
  g_autoptr(JsonParser) inner2 = json_parser_new ();
  TsArchiveLimits limits;
  TspDecodeOptions options = { 0, };
  TspFormat forced;
  const char *line;
  gsize len;
  gboolean too_long;
  TspRecord record = { 0, };
  TspRecord fast_record = { 0, };
  g_autoptr(TspFastJson) fast = tsp_fast_json_new ();

  if (size < 1)
    return 0;
  forced = data[0] % TSP_N_FORMATS;
  memory.data = data + 1;
  memory.len = size - 1;

  ts_archive_get_default_limits (&limits);
  limits.max_total = 1024 * 1024;
  options.mixpanel_unit = TS_TIME_FORMAT_UNKNOWN;
  options.inner_parser = inner;
  options.inner_parser2 = inner2;

  if (memory.len >= 2 && memory.data[0] == 0x1f && memory.data[1] == 0x8b)
    {
      gunzip = tsp_gunzip_new (read_memory, &memory, "fuzz.json.gz", &limits);
      lines = tsp_line_reader_new (tsp_gunzip_read, gunzip, 64 * 1024);
    }
  else
    lines = tsp_line_reader_new (read_memory, &memory, 64 * 1024);

  while (tsp_line_reader_next (lines, &line, &len, &too_long, NULL, NULL))
    {
      JsonNode *root;
      TspFormat format;
      gboolean fast_ok = !too_long && tsp_fast_json_decode (fast, TSP_FORMAT_SEGMENT, line, len,
                                                            &fast_record);

      if (too_long || !ts_json_parser_load (parser, NULL, line, len, NULL))
        {
          g_assert_false (fast_ok);
          continue;
        }
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_assert_false (fast_ok);
          continue;
        }
      if (fast_ok)
        {
          g_assert_cmpint (tsp_format_classify (json_node_get_object (root)), ==, TSP_FORMAT_SEGMENT);
          g_assert_true (tsp_record_decode (TSP_FORMAT_SEGMENT, json_node_get_object (root), &options,
                                            &record));
          assert_same (&record, &fast_record);
        }

      format = forced != TSP_FORMAT_NONE ? forced : tsp_format_classify (json_node_get_object (root));
      if (format == TSP_FORMAT_NONE)
        continue;

      if (tsp_record_decode (format, json_node_get_object (root), &options, &record))
        {
          g_assert (record.error_message == NULL);
          if (record.properties != NULL)
            g_assert (g_utf8_validate_len (record.properties->str, record.properties->len, NULL));
        }
      else
        g_assert (record.error_message != NULL);
    }

  tsp_record_clear (&record);
  tsp_record_clear (&fast_record);
  return 0;
}

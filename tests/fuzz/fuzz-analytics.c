/* fuzz-analytics.c — the analytics plugin's reading of export lines
 *
 * The first byte picks the format (or lets the record decide, as
 * detection does); the rest is an export, gzipped when it starts with gzip's
 * magic, read line by line with the plugin's bounded line reader.  Every
 * line is parsed as the plugin does (its depth checked first), classified
 * and decoded into a record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <touchstone.h>

#include "tsp-analytics-formats.h"
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

      if (too_long || !ts_json_parser_load (parser, NULL, line, len, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        continue;

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
  return 0;
}

/* fuzz-csv.c — the CSV reader on arbitrary bytes
 *
 * The first byte picks the dialect (sniffed or given delimiter, detected or
 * given encoding); the rest is the file.  The whole body is read record by
 * record, then again in batches over the pieces a parallel import would
 * split it into, as the CSV plugin does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <touchstone.h>

#include "fuzz-common.h"

static const char delimiters[] = { 0, ',', ';', '\t', '|', 0, 0, 0 };

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TsCsvReader) reader = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree gsize *bounds = NULL;
  TsCsvOptions options = { 0, };
  guint n_bounds = 0;
  gsize len;

  if (size < 1)
    return 0;
  options.delimiter = delimiters[data[0] & 7];
  options.encoding = (data[0] >> 3) % 5;
  bytes = g_bytes_new (data + 1, size - 1);

  reader = ts_csv_reader_new_for_bytes ("fuzz.csv", bytes, &options, NULL);
  if (reader == NULL)
    return 0;

  ts_csv_reader_get_data (reader, &len);
  records = ts_csv_reader_read_records (reader, 0, NULL);

  if (len > 0)
    {
      gsize start = ts_csv_reader_find_record_start (reader, len / 2, FALSE);
      g_assert (start <= len);
    }

  bounds = ts_csv_reader_split (reader, 1 + (data[0] >> 6), &n_bounds);
  for (guint i = 0; i + 1 < n_bounds; i++)
    {
      g_autoptr(TsCsvCursor) cursor = NULL;
      g_autoptr(GError) error = NULL;

      g_assert (bounds[i] <= bounds[i + 1] && bounds[i + 1] <= len);
      cursor = ts_csv_cursor_new (reader, bounds[i], bounds[i + 1],
                                  ts_csv_reader_get_first_line (reader));
      while (ts_csv_cursor_next_batch (cursor, 64, &error))
        {
          guint n_records;
          const guint *ends;
          const guint64 *lines;
          const TsCsvField *fields = ts_csv_cursor_get_batch (cursor, &n_records, &ends, &lines);

          for (guint r = 0; r < n_records; r++)
            for (guint f = r > 0 ? ends[r - 1] : 0; f < ends[r]; f++)
              fuzz_touch (fields[f].data, fields[f].len);
        }
    }

  return 0;
}

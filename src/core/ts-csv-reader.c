/* ts-csv-reader.c — CSV as real exports write it
 *
 * RFC 4180 plus what spreadsheets and databases really produce: a UTF-8 or
 * UTF-16 byte order mark, Windows-1252 bytes, LF / CRLF / CR line ends, a
 * `sep=` first line, and one of `,` `;` tab `|` as the delimiter.  Fields are
 * returned in place (no allocation per field); only fields with doubled
 * quotes are copied, into a scratch buffer reused from record to record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-csv"
#define TS_CORE_COMPILATION

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <unistd.h>

#include "ts-csv-reader.h"
#include "ts-strpool-private.h"

#define SNIFF_BYTES (64 * 1024)
#define VALIDATE_BYTES (1024 * 1024)

struct _TsCsvReader
{
  gatomicrefcount ref_count;
  char           *path;
  GMappedFile    *mapped;
  GBytes         *bytes;
  char           *decoded;      /* owned, when the file had to be converted */
  const char     *body;
  gsize           body_len;
  guint64         first_line;
  char            delimiter;
  TsCsvEncoding   encoding;
  gboolean        has_bom;
  gboolean        had_sep_line;
  GPtrArray      *notes;
};

typedef struct
{
  gsize offset;                 /* into the data, or into scratch */
  gsize len;
  gboolean in_scratch;
} Span;

struct _TsCsvCursor
{
  TsCsvReader *reader;
  const char  *base;
  const char  *p;
  const char  *end;
  const char  *stop;
  guint64      line;
  guint64      record_line;
  char         delimiter;
  guint8       special[256];
  Span        *spans;
  guint        n_spans;
  guint        spans_cap;
  GArray      *fields;
  guint8      *scratch_data;
  gsize        scratch_len;
  gsize        scratch_cap;
  GArray      *record_ends;
  GArray      *record_lines;
  guint64      n_trailing_text;
  guint8      *skip;          /* per column: 1 when its text is not wanted */
  guint        n_skip;
};

/* what ends a run of ordinary bytes inside quotes */
static const guint8 quoted_special[256] = { ['"'] = 1, ['\n'] = 1, ['\r'] = 1, [0] = 1 };

/* The first byte from @p that is @a, @b, @c or NUL (the bytes @table
 * marks), or @end: sixteen bytes at a time where SSE2 is there (every
 * x86-64), one at a time elsewhere. */
static inline const char *
find_special (const char   *p,
              const char   *end,
              const guint8 *table,
              char          a,
              char          b,
              char          c)
{
#ifdef __SSE2__
  const __m128i va = _mm_set1_epi8 (a), vb = _mm_set1_epi8 (b), vc = _mm_set1_epi8 (c);
  const __m128i vz = _mm_setzero_si128 ();

  while (end - p >= 16)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) (const void *) p);
      __m128i hit = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (x, va), _mm_cmpeq_epi8 (x, vb)),
                                  _mm_or_si128 (_mm_cmpeq_epi8 (x, vc), _mm_cmpeq_epi8 (x, vz)));
      int bits = _mm_movemask_epi8 (hit);

      if (bits != 0)
        return p + __builtin_ctz ((unsigned) bits);
      p += 16;
    }
#endif
  while (p < end && !table[(guchar) *p])
    p++;
  return p;
}

G_DEFINE_QUARK (ts-csv-error-quark, ts_csv_error)
G_DEFINE_BOXED_TYPE (TsCsvReader, ts_csv_reader, ts_csv_reader_ref, ts_csv_reader_unref)

static guint64
count_lines (const char *p,
             const char *end)
{
  guint64 n = 0;

  for (; p < end; p++)
    if (*p == '\n' || (*p == '\r' && (p + 1 == end || p[1] != '\n')))
      n++;
  return n;
}

/* ---------------------------------------------------------------------- */
/* Cursor                                                                 */

static TsCsvCursor *
cursor_new_full (TsCsvReader *reader,
                 const char  *base,
                 gsize        start,
                 gsize        end,
                 gsize        stop,
                 guint64      first_line,
                 char         delimiter)
{
  TsCsvCursor *self = g_new0 (TsCsvCursor, 1);

  self->reader = reader ? ts_csv_reader_ref (reader) : NULL;
  self->base = base;
  self->p = base + start;
  self->end = base + end;
  self->stop = base + MIN (stop, end);
  self->line = first_line;
  self->delimiter = delimiter;
  self->special[(guchar) delimiter] = 1;
  self->special['\n'] = 1;
  self->special['\r'] = 1;
  self->special[0] = 1;
  self->spans_cap = 32;
  self->spans = g_new (Span, self->spans_cap);
  self->fields = g_array_sized_new (FALSE, FALSE, sizeof (TsCsvField), 32);
  self->scratch_cap = 256;
  self->scratch_data = g_malloc (self->scratch_cap);
  self->record_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  self->record_lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  return self;
}

/**
 * ts_csv_cursor_new:
 * @reader: the reader
 * @start: byte offset of a record start in the reader's data
 * @stop: records that start at or after this offset are not returned
 * @first_line: the line number at @start
 */
TsCsvCursor *
ts_csv_cursor_new (TsCsvReader *reader,
                   gsize        start,
                   gsize        stop,
                   guint64      first_line)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (start <= reader->body_len, NULL);

  return cursor_new_full (reader, reader->body, start, reader->body_len, stop,
                          first_line, reader->delimiter);
}

void
ts_csv_cursor_free (TsCsvCursor *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->reader, ts_csv_reader_unref);
  g_free (self->spans);
  g_array_unref (self->fields);
  g_free (self->scratch_data);
  g_array_unref (self->record_ends);
  g_array_unref (self->record_lines);
  g_free (self->skip);
  g_free (self);
}

static gboolean
nul_error (TsCsvCursor *self,
           guint        column,
           GError     **error)
{
  g_set_error (error, TS_CSV_ERROR, TS_CSV_ERROR_NUL_BYTE,
               _("line %" PRIu64 ", column %u: the file contains a NUL byte "
                 "(is it a binary file, or UTF-16 without a byte order mark?)"),
               self->line, column);
  return FALSE;
}

static gboolean
too_many_fields_error (TsCsvCursor *self,
                       GError     **error)
{
  g_set_error (error, TS_CSV_ERROR, TS_CSV_ERROR_TOO_MANY_FIELDS,
               _("line %" G_GUINT64_FORMAT ", column %u: a record of more than %u fields "
                 "(is the delimiter right?)"),
               self->record_line, TS_CSV_MAX_FIELDS + 1, TS_CSV_MAX_FIELDS);
  return FALSE;
}

static gboolean
too_long_error (TsCsvCursor *self,
                guint        column,
                GError     **error)
{
  g_set_error (error, TS_CSV_ERROR, TS_CSV_ERROR_RECORD_TOO_LONG,
               _("line %" G_GUINT64_FORMAT ", column %u: a record longer than %u MB "
                 "(a quote never closed, or not a CSV file?)"),
               self->record_line, column, TS_CSV_MAX_RECORD_BYTES >> 20);
  return FALSE;
}

static inline void
push_span (TsCsvCursor *self,
           gsize        offset,
           gsize        len,
           gboolean     in_scratch)
{
  Span *s;

  if (G_UNLIKELY (self->n_spans == self->spans_cap))
    {
      self->spans_cap *= 2;
      self->spans = g_renew (Span, self->spans, self->spans_cap);
    }
  s = &self->spans[self->n_spans++];
  s->offset = offset;
  s->len = len;
  s->in_scratch = in_scratch;
}

static inline void
scratch_append (TsCsvCursor *self,
                const char  *data,
                gsize        len)
{
  if (G_UNLIKELY (self->scratch_len + len > self->scratch_cap))
    {
      while (self->scratch_len + len > self->scratch_cap)
        self->scratch_cap *= 2;
      self->scratch_data = g_realloc (self->scratch_data, self->scratch_cap);
    }
  memcpy (self->scratch_data + self->scratch_len, data, len);
  self->scratch_len += len;
}

/* Parses one record, appending its fields to the spans (and scratch) of the
 * records before it.  Returns %FALSE at the end of the range or on error. */
static gboolean
parse_one (TsCsvCursor *self,
           GError     **error)
{
  const char *p = self->p;
  const char *end = self->end;
  const char delim = self->delimiter;
  guint first_span = self->n_spans;
  const char *record_start;

  /* skip blank lines */
  for (;;)
    {
      if (p >= end || p >= self->stop)
        {
          self->p = p;
          return FALSE;
        }
      if (*p == '\n')
        p++;
      else if (*p == '\r')
        {
          p++;
          if (p < end && *p == '\n')
            p++;
        }
      else
        break;
      self->line++;
    }

  self->record_line = self->line;
  record_start = p;

  for (;;)
    {
      guint column = self->n_spans - first_span;
      gboolean skip = column < self->n_skip && self->skip[column];

      if (G_UNLIKELY (column >= TS_CSV_MAX_FIELDS))
        {
          self->p = end;
          return too_many_fields_error (self, error);
        }

      if (p < end && *p == '"')
        {
          const char *seg = p + 1;
          const char *q = seg;
          gboolean copied = FALSE;
          gsize scratch_start = self->scratch_len;
          guint64 field_line = self->line;

          for (;;)
            {
              const char *hit = q;

              /* one pass: stop at a quote, and count line breaks on the way */
              hit = find_special (hit, end, quoted_special, '"', '\n', '\r');

              if (hit == end)
                {
                  self->p = end;
                  g_set_error (error, TS_CSV_ERROR, TS_CSV_ERROR_UNTERMINATED_QUOTE,
                               _("line %" PRIu64 ", column %u: a quoted field "
                                 "is never closed (missing \" before the end of the file)"),
                               field_line, self->n_spans - first_span + 1);
                  return FALSE;
                }
              if (G_UNLIKELY ((gsize) (hit - record_start) > TS_CSV_MAX_RECORD_BYTES))
                {
                  self->p = end;
                  return too_long_error (self, column + 1, error);
                }
              if (*hit == '\n' || *hit == '\r')
                {
                  if (*hit == '\n' || hit + 1 == end || hit[1] != '\n')
                    self->line++;
                  q = hit + 1;
                  continue;
                }
              if (G_UNLIKELY (*hit == '\0'))
                {
                  self->p = end;
                  return nul_error (self, self->n_spans - first_span + 1, error);
                }
              if (hit + 1 < end && hit[1] == '"')
                {
                  if (!skip)
                    scratch_append (self, seg, hit + 1 - seg);
                  copied = TRUE;
                  q = seg = hit + 2;
                  continue;
                }
              if (copied && !skip)
                scratch_append (self, seg, hit - seg);
              p = hit + 1;
              break;
            }

          if (G_UNLIKELY (p < end && !self->special[(guchar) *p]))
            {
              /* Text after the closing quote ("abc"def): keep it, as
               * spreadsheets do, and count it for a warning. */
              const char *t = p;
              if (!copied && !skip)
                scratch_append (self, seg, (p - 1) - seg);
              while (t < end && !self->special[(guchar) *t])
                t++;
              if (G_UNLIKELY ((gsize) (t - record_start) > TS_CSV_MAX_RECORD_BYTES))
                {
                  self->p = end;
                  return too_long_error (self, column + 1, error);
                }
              if (!skip)
                scratch_append (self, p, t - p);
              copied = TRUE;
              p = t;
              self->n_trailing_text++;
            }

          if (skip)
            push_span (self, seg - self->base, 0, FALSE);
          else if (copied)
            push_span (self, scratch_start, self->scratch_len - scratch_start, TRUE);
          else
            push_span (self, seg - self->base, (p - 1) - seg, FALSE);
        }
      else
        {
          const char *q = find_special (p, end, self->special, delim, '\n', '\r');

          if (G_UNLIKELY ((gsize) (q - record_start) > TS_CSV_MAX_RECORD_BYTES))
            {
              self->p = end;
              return too_long_error (self, column + 1, error);
            }
          push_span (self, p - self->base, skip ? 0 : q - p, FALSE);
          p = q;
        }

      if (p >= end)
        break;
      if (*p == delim)
        {
          p++;
          continue;
        }
      if (G_UNLIKELY (*p == '\0'))
        {
          self->p = end;
          return nul_error (self, self->n_spans - first_span, error);
        }
      /* a line end */
      if (*p == '\r')
        {
          p++;
          if (p < end && *p == '\n')
            p++;
        }
      else
        p++;
      self->line++;
      break;
    }

  self->p = p;
  return TRUE;
}

static void
resolve_fields (TsCsvCursor *self)
{
  g_array_set_size (self->fields, self->n_spans);
  for (guint i = 0; i < self->n_spans; i++)
    {
      const Span *s = &self->spans[i];
      TsCsvField *f = &g_array_index (self->fields, TsCsvField, i);

      f->data = s->in_scratch ? (const char *) self->scratch_data + s->offset
                              : self->base + s->offset;
      f->len = s->len;
    }
}

static void
reset_records (TsCsvCursor *self)
{
  self->n_spans = 0;
  self->scratch_len = 0;
  g_array_set_size (self->record_ends, 0);
  g_array_set_size (self->record_lines, 0);
}

/**
 * ts_csv_cursor_set_skipped:
 * @skip: (array length=n_columns) (nullable): 1 for each column whose text
 *   is not wanted
 * @n_columns: the length of @skip
 *
 * Columns whose text the caller does not read: their fields are still
 * split and checked (quotes, line breaks, NUL bytes), but returned empty,
 * and the doubled quotes of quoted ones are not decoded.
 */
void
ts_csv_cursor_set_skipped (TsCsvCursor  *self,
                           const guint8 *skip,
                           guint         n_columns)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->skip, g_free);
  self->n_skip = 0;
  if (skip == NULL || n_columns == 0)
    return;
  self->skip = g_memdup2 (skip, n_columns);
  self->n_skip = n_columns;
}

/**
 * ts_csv_cursor_next:
 *
 * Reads the next record.  Returns %FALSE at the end of the range (with no
 * error) or when the data cannot be read (with @error set, naming the line
 * and column).  Blank lines are skipped.
 */
gboolean
ts_csv_cursor_next (TsCsvCursor *self,
                    GError     **error)
{
  reset_records (self);
  if (!parse_one (self, error))
    {
      g_array_set_size (self->fields, 0);
      return FALSE;
    }
  resolve_fields (self);
  return TRUE;
}

/**
 * ts_csv_cursor_next_batch:
 * @max_records: at most this many records
 *
 * Reads up to @max_records records at once; their fields stay valid until
 * the next call, so a caller can start the memory loads that all of them
 * need before processing any (see ts_csv_cursor_get_batch()).  Returns
 * %FALSE when no record was read: at the end of the range, or with @error
 * set when the data cannot be read.
 */
gboolean
ts_csv_cursor_next_batch (TsCsvCursor *self,
                          guint        max_records,
                          GError     **error)
{
  GError *local_error = NULL;
  guint n = 0;

  reset_records (self);
  while (n < max_records && parse_one (self, &local_error))
    {
      guint end = self->n_spans;
      g_array_append_val (self->record_ends, end);
      g_array_append_val (self->record_lines, self->record_line);
      n++;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      g_array_set_size (self->fields, 0);
      return FALSE;
    }

  resolve_fields (self);
  return n > 0;
}

/**
 * ts_csv_cursor_get_batch:
 * @n_records: (out): records in the batch
 * @record_ends: (out): record i's fields are `fields[record_ends[i - 1] .. record_ends[i]]`
 *   (from 0 for the first)
 * @record_lines: (out): the line each record starts on
 *
 * Returns: the fields of the batch read by ts_csv_cursor_next_batch()
 */
const TsCsvField *
ts_csv_cursor_get_batch (TsCsvCursor    *self,
                         guint          *n_records,
                         const guint   **record_ends,
                         const guint64 **record_lines)
{
  *n_records = self->record_ends->len;
  *record_ends = (const guint *) self->record_ends->data;
  *record_lines = (const guint64 *) self->record_lines->data;
  return (const TsCsvField *) self->fields->data;
}

const TsCsvField *
ts_csv_cursor_get_fields (TsCsvCursor *self,
                          guint       *n_fields)
{
  *n_fields = self->fields->len;
  return (const TsCsvField *) self->fields->data;
}

guint64
ts_csv_cursor_get_line (TsCsvCursor *self)
{
  return self->record_line;
}

guint64
ts_csv_cursor_get_next_line (TsCsvCursor *self)
{
  return self->line;
}

gsize
ts_csv_cursor_get_offset (TsCsvCursor *self)
{
  return self->p - self->base;
}

guint64
ts_csv_cursor_get_n_trailing_text (TsCsvCursor *self)
{
  return self->n_trailing_text;
}

/* ---------------------------------------------------------------------- */
/* Reader                                                                 */

static void
add_note (TsCsvReader *self,
          const char  *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
add_note (TsCsvReader *self,
          const char  *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

static const char *
encoding_name (TsCsvEncoding encoding)
{
  switch (encoding)
    {
    case TS_CSV_ENCODING_UTF16LE: return "UTF-16LE";
    case TS_CSV_ENCODING_UTF16BE: return "UTF-16BE";
    case TS_CSV_ENCODING_WINDOWS_1252: return "Windows-1252";
    case TS_CSV_ENCODING_UTF8:
    case TS_CSV_ENCODING_AUTO:
    default: return "UTF-8";
    }
}

static gboolean
convert_utf16 (TsCsvReader  *self,
               const char   *data,
               gsize         len,
               GError      **error)
{
  const char *from = self->encoding == TS_CSV_ENCODING_UTF16LE ? "UTF-16LE" : "UTF-16BE";
  gsize bytes_read = 0, bytes_written = 0;
  g_autoptr(GError) local_error = NULL;

  if (len % 2 != 0)
    len--;   /* a dangling odd byte cannot be a character */

  self->decoded = g_convert (data, len, "UTF-8", from, &bytes_read, &bytes_written, &local_error);
  if (self->decoded == NULL)
    {
      g_set_error (error, TS_CSV_ERROR, TS_CSV_ERROR_ENCODING,
                   _("the file says it is %s but byte %" PRIuPTR " is not: %s"),
                   from, bytes_read, local_error->message);
      return FALSE;
    }
  self->body = self->decoded;
  self->body_len = bytes_written;
  return TRUE;
}

static void
convert_windows_1252 (TsCsvReader *self,
                      const char  *data,
                      gsize        len)
{
  self->decoded = _ts_windows_1252_to_utf8 (data, len, &self->body_len);
  self->body = self->decoded;
}

/* Bytes that look like UTF-16 without a byte order mark: many NULs, all on
 * the same side of each pair. */
static TsCsvEncoding
sniff_utf16 (const char *data,
             gsize       len)
{
  gsize n = MIN (len, 4096) & ~(gsize) 1;
  gsize even = 0, odd = 0;

  for (gsize i = 0; i < n; i += 2)
    {
      even += data[i] == 0;
      odd += data[i + 1] == 0;
    }
  if (n >= 4 && odd * 10 >= n / 2 * 8 && even == 0)
    return TS_CSV_ENCODING_UTF16LE;
  if (n >= 4 && even * 10 >= n / 2 * 8 && odd == 0)
    return TS_CSV_ENCODING_UTF16BE;
  return TS_CSV_ENCODING_AUTO;
}

static gboolean
decode (TsCsvReader        *self,
        const char         *data,
        gsize               len,
        const TsCsvOptions *options,
        GError            **error)
{
  TsCsvEncoding enc = options ? options->encoding : TS_CSV_ENCODING_AUTO;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      self->has_bom = TRUE;
      data += 3;
      len -= 3;
      if (enc == TS_CSV_ENCODING_AUTO)
        enc = TS_CSV_ENCODING_UTF8;
    }
  else if (len >= 2 && memcmp (data, "\xFF\xFE", 2) == 0 && enc == TS_CSV_ENCODING_AUTO)
    {
      self->has_bom = TRUE;
      data += 2;
      len -= 2;
      enc = TS_CSV_ENCODING_UTF16LE;
    }
  else if (len >= 2 && memcmp (data, "\xFE\xFF", 2) == 0 && enc == TS_CSV_ENCODING_AUTO)
    {
      self->has_bom = TRUE;
      data += 2;
      len -= 2;
      enc = TS_CSV_ENCODING_UTF16BE;
    }

  if (enc == TS_CSV_ENCODING_AUTO)
    {
      enc = sniff_utf16 (data, len);
      if (enc != TS_CSV_ENCODING_AUTO)
        add_note (self, _("no byte order mark, but the bytes are %s: read as such"),
                  encoding_name (enc));
    }

  if (enc == TS_CSV_ENCODING_AUTO)
    {
      gsize n = MIN (len, VALIDATE_BYTES);
      const char *bad = NULL;

      if (g_utf8_validate_len (data, n, &bad) ||
          (n < len && bad != NULL && (gsize) (data + n - bad) < 4))
        enc = TS_CSV_ENCODING_UTF8;
      else if (bad != NULL && *bad == '\0')
        enc = TS_CSV_ENCODING_UTF8;   /* a NUL byte: the parser reports it */
      else
        {
          enc = TS_CSV_ENCODING_WINDOWS_1252;
          add_note (self,
                    _("line %" PRIu64 ": the file is not UTF-8 (byte 0x%02X); "
                      "it was read as Windows-1252, the encoding Excel uses for “CSV (Comma delimited)”"),
                    count_lines (data, bad) + 1, (guchar) *bad);
        }
    }

  self->encoding = enc;

  switch (enc)
    {
    case TS_CSV_ENCODING_UTF16LE:
    case TS_CSV_ENCODING_UTF16BE:
      if (!convert_utf16 (self, data, len, error))
        return FALSE;
      /* the byte order mark, once more, in UTF-8 */
      if (self->body_len >= 3 && memcmp (self->body, "\xEF\xBB\xBF", 3) == 0)
        {
          self->body += 3;
          self->body_len -= 3;
        }
      break;
    case TS_CSV_ENCODING_WINDOWS_1252:
      convert_windows_1252 (self, data, len);
      break;
    case TS_CSV_ENCODING_UTF8:
    case TS_CSV_ENCODING_AUTO:
    default:
      self->body = data;
      self->body_len = len;
      break;
    }

  return TRUE;
}

static void
strip_sep_line (TsCsvReader *self)
{
  const char *b = self->body;
  gsize n = self->body_len;
  gsize skip;

  if (n < 5 || g_ascii_strncasecmp (b, "sep=", 4) != 0)
    return;
  if (n == 5)
    skip = 5;
  else if (b[5] == '\n')
    skip = 6;
  else if (b[5] == '\r')
    skip = (n > 6 && b[6] == '\n') ? 7 : 6;
  else
    return;

  self->delimiter = b[4];
  self->had_sep_line = TRUE;
  self->body += skip;
  self->body_len -= skip;
  self->first_line = 2;
}

static void
sniff_delimiter (TsCsvReader *self)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  gsize n = MIN (self->body_len, SNIFF_BYTES);
  char best = ',';
  guint best_consistent = 0;
  guint best_fields = 1;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autoptr(TsCsvCursor) c = cursor_new_full (NULL, self->body, 0, n, n, 1, candidates[i]);
      guint first = 0;
      guint consistent = 0;
      guint records = 0;

      while (records < 200 && ts_csv_cursor_next (c, NULL))
        {
          /* the last record of a cut sample may be cut too */
          if (c->p >= c->end && n < self->body_len)
            break;
          if (records == 0)
            first = c->fields->len;
          if (c->fields->len == first)
            consistent++;
          records++;
        }

      if (first <= 1)
        continue;
      if (consistent > best_consistent ||
          (consistent == best_consistent && first > best_fields))
        {
          best = candidates[i];
          best_consistent = consistent;
          best_fields = first;
        }
    }

  self->delimiter = best;
}

static TsCsvReader *
reader_new (const char *path)
{
  TsCsvReader *self = g_new0 (TsCsvReader, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->path = g_strdup (path);
  self->first_line = 1;
  self->notes = g_ptr_array_new_with_free_func (g_free);
  return self;
}

static TsCsvReader *
reader_init (TsCsvReader        *self,
             const char         *data,
             gsize               len,
             const TsCsvOptions *options,
             GError            **error)
{
  if (!decode (self, data, len, options, error))
    {
      g_prefix_error (error, "%s: ", self->path);
      ts_csv_reader_unref (self);
      return NULL;
    }

  strip_sep_line (self);
  if (options && options->delimiter != 0)
    self->delimiter = options->delimiter;
  else if (!self->had_sep_line)
    sniff_delimiter (self);

  return self;
}

/**
 * ts_csv_reader_new_for_path:
 *
 * Maps @path into memory (the file is never written) and decides its encoding
 * and dialect.  An empty file gives a reader with no records.
 */
TsCsvReader *
ts_csv_reader_new_for_path (const char         *path,
                            const TsCsvOptions *options,
                            GError            **error)
{
  TsCsvReader *self;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = reader_new (path);
  self->mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (self->mapped == NULL)
    {
      g_set_error (error, TS_CSV_ERROR, TS_CSV_ERROR_IO, "%s", local_error->message);
      ts_csv_reader_unref (self);
      return NULL;
    }

  return reader_init (self,
                      g_mapped_file_get_contents (self->mapped),
                      g_mapped_file_get_length (self->mapped),
                      options, error);
}

TsCsvReader *
ts_csv_reader_new_for_bytes (const char         *display_name,
                             GBytes             *bytes,
                             const TsCsvOptions *options,
                             GError            **error)
{
  TsCsvReader *self;
  gsize len;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = reader_new (display_name ? display_name : "<data>");
  self->bytes = g_bytes_ref (bytes);
  data = g_bytes_get_data (bytes, &len);
  return reader_init (self, data ? data : "", len, options, error);
}

TsCsvReader *
ts_csv_reader_ref (TsCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_csv_reader_unref (TsCsvReader *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->mapped, g_mapped_file_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->decoded);
  g_free (self->path);
  g_ptr_array_unref (self->notes);
  g_free (self);
}

const char *
ts_csv_reader_get_path (TsCsvReader *self)
{
  return self->path;
}

char
ts_csv_reader_get_delimiter (TsCsvReader *self)
{
  return self->delimiter;
}

TsCsvEncoding
ts_csv_reader_get_encoding (TsCsvReader *self)
{
  return self->encoding;
}

const char *
ts_csv_reader_get_encoding_name (TsCsvReader *self)
{
  return encoding_name (self->encoding);
}

gboolean
ts_csv_reader_get_has_bom (TsCsvReader *self)
{
  return self->has_bom;
}

gboolean
ts_csv_reader_get_had_sep_line (TsCsvReader *self)
{
  return self->had_sep_line;
}

const char *
ts_csv_reader_get_data (TsCsvReader *self,
                        gsize       *len)
{
  *len = self->body_len;
  return self->body;
}

guint64
ts_csv_reader_get_first_line (TsCsvReader *self)
{
  return self->first_line;
}

/**
 * ts_csv_reader_get_notes:
 *
 * Returns: (transfer none) (element-type utf8): what the reader decided on
 * its own and a user should know (encoding fallbacks).
 */
GPtrArray *
ts_csv_reader_get_notes (TsCsvReader *self)
{
  return self->notes;
}

static inline guint64
count_byte (const char *p,
            gsize       n,
            char        ch)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 lows = G_GUINT64_CONSTANT (0x7F7F7F7F7F7F7F7F);
  const guint64 pattern = ones * (guchar) ch;
  guint64 count = 0;
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;
      memcpy (&w, p + i, 8);
      w ^= pattern;
      /* high bit set in each byte that was zero */
      w = ~(((w & lows) + lows) | w | lows);
      /* one bit per matching byte, at bit 7: add the bytes up */
      count += ((w >> 7) * ones) >> 56;
    }
  for (; i < n; i++)
    count += p[i] == ch;
  return count;
}

typedef struct
{
  const char *p;
  gsize       n;
  int         fd;        /* >= 0: read with pread from here, at @offset */
  goffset     offset;
  guint64     quotes;
} QuoteCount;

static gpointer
count_quotes_thread (gpointer data)
{
  QuoteCount *qc = data;

  if (qc->fd < 0)
    {
      qc->quotes = count_byte (qc->p, qc->n, '"');
      return NULL;
    }

  /* Read through a small buffer rather than the mapping: touching the
   * mapping would count the whole file in this process's resident memory. */
  {
    gsize bufsize = 1 << 20;
    g_autofree char *buf = g_malloc (bufsize);
    gsize done = 0;

    while (done < qc->n)
      {
        gssize got = pread (qc->fd, buf, MIN (bufsize, qc->n - done), qc->offset + done);
        if (got <= 0)
          {
            if (got < 0 && errno == EINTR)
              continue;
            /* fall back to the mapping */
            qc->quotes += count_byte (qc->p + done, qc->n - done, '"');
            break;
          }
        qc->quotes += count_byte (buf, got, '"');
        done += got;
      }
  }
  return NULL;
}

/**
 * ts_csv_reader_count_quotes:
 * @start: a byte offset in the reader's data
 * @end: the offset after the last byte counted
 *
 * Returns: how many `"` bytes the data holds between @start and @end
 */
guint64
ts_csv_reader_count_quotes (TsCsvReader *self,
                            gsize        start,
                            gsize        end)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (start <= end && end <= self->body_len, 0);

  return count_byte (self->body + start, end - start, '"');
}

/* where the next record starts after @p: past the first line end outside
 * quotes (@in_quotes: whether @p is inside a quoted field); @end if none */
static const char *
record_start_after (const char *p,
                    const char *end,
                    gboolean    in_quotes)
{
  while (p < end)
    {
      if (*p == '"')
        in_quotes = !in_quotes;
      else if (!in_quotes && (*p == '\n' || *p == '\r'))
        break;
      p++;
    }
  if (p < end && *p == '\r')
    p++;
  if (p < end && *p == '\n')
    p++;
  return p;
}

/**
 * ts_csv_reader_find_record_start:
 * @from: a byte offset in the reader's data
 * @in_quotes: whether @from is inside a quoted field (the parity of the
 *   quotes before it, see ts_csv_reader_count_quotes())
 *
 * Returns: the offset after the first line end outside quotes at or after
 *   @from, where a record starts; the data's length when there is none
 */
gsize
ts_csv_reader_find_record_start (TsCsvReader *self,
                                 gsize        from,
                                 gboolean     in_quotes)
{
  const char *p, *end;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (from <= self->body_len, self->body_len);

  p = self->body + from;
  end = self->body + self->body_len;
  return record_start_after (p, end, in_quotes) - self->body;
}

/**
 * ts_csv_reader_split:
 * @n_chunks: how many pieces to aim for
 * @out_n_bounds: (out): number of offsets returned
 *
 * Splits the data into ranges that start at record boundaries, so that
 * several threads can parse them.  The quote state at each cut is known from
 * the parity of the quotes before it (counted on several threads); the cut
 * then moves to the next line end outside quotes.  Returns offsets
 * `b[0] = 0 < b[1] < … < b[n-1] = length`.
 *
 * Bare quotes inside unquoted fields (a leniency, not RFC 4180) can fool the
 * parity: callers check that each range's parse ended exactly on the next
 * bound and fall back to one range when it did not.
 */
gsize *
ts_csv_reader_split (TsCsvReader *self,
                     guint        n_chunks,
                     guint       *out_n_bounds)
{
  gsize len = self->body_len;
  g_autofree QuoteCount *counts = NULL;
  g_autofree GThread **threads = NULL;
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize zero = 0;
  guint64 parity = 0;

  g_array_append_val (bounds, zero);
  n_chunks = MAX (n_chunks, 1);

  if (n_chunks > 1 && len > n_chunks * (gsize) 1024 * 1024)
    {
      int fd = -1;
      goffset body_offset = 0;

      /* pread only where the body is the file's own bytes, not a conversion */
      if (self->mapped != NULL && self->decoded == NULL)
        {
          fd = g_open (self->path, O_RDONLY, 0);
          body_offset = self->body - g_mapped_file_get_contents (self->mapped);
        }

      counts = g_new0 (QuoteCount, n_chunks);
      threads = g_new0 (GThread *, n_chunks);
      for (guint i = 0; i < n_chunks; i++)
        {
          gsize a = len / n_chunks * i;
          gsize b = i + 1 == n_chunks ? len : len / n_chunks * (i + 1);
          counts[i].p = self->body + a;
          counts[i].n = b - a;
          counts[i].fd = fd;
          counts[i].offset = body_offset + a;
          threads[i] = g_thread_new ("ts-csv-split", count_quotes_thread, &counts[i]);
        }
      for (guint i = 0; i < n_chunks; i++)
        g_thread_join (threads[i]);
      if (fd >= 0)
        close (fd);

      for (guint i = 1; i < n_chunks; i++)
        {
          const char *p = self->body + len / n_chunks * i;
          const char *end = self->body + len;
          gboolean in_quotes;
          gsize last;

          parity += counts[i - 1].quotes;
          in_quotes = (parity & 1) != 0;
          p = record_start_after (p, end, in_quotes);

          last = g_array_index (bounds, gsize, bounds->len - 1);
          if ((gsize) (p - self->body) > last && p < end)
            {
              gsize off = p - self->body;
              g_array_append_val (bounds, off);
            }
        }
    }

  g_array_append_val (bounds, len);
  *out_n_bounds = bounds->len;
  return (gsize *) g_array_free (bounds, FALSE);
}

/**
 * ts_csv_reader_read_records:
 * @max_records: 0 for all
 *
 * Returns: (transfer full) (element-type GStrv): the records as parsed,
 * before any mapping.
 */
GPtrArray *
ts_csv_reader_read_records (TsCsvReader *self,
                            guint        max_records,
                            GError     **error)
{
  g_autoptr(TsCsvCursor) c = ts_csv_cursor_new (self, 0, self->body_len, self->first_line);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) local_error = NULL;

  while ((max_records == 0 || records->len < max_records) && ts_csv_cursor_next (c, &local_error))
    {
      guint n;
      const TsCsvField *f = ts_csv_cursor_get_fields (c, &n);
      char **row = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        {
          if (g_utf8_validate_len (f[i].data, f[i].len, NULL))
            row[i] = g_strndup (f[i].data, f[i].len);
          else
            row[i] = _ts_windows_1252_to_utf8 (f[i].data, f[i].len, &(gsize){0});
        }
      g_ptr_array_add (records, row);
    }

  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", self->path);
      return NULL;
    }

  return g_steal_pointer (&records);
}

/**
 * ts_csv_append_field:
 *
 * Appends @text to @out as one CSV field (RFC 4180): quoted, with its
 * quotes doubled, when it holds a comma, a quote or a line break.
 */
void
ts_csv_append_field (GString    *out,
                     const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

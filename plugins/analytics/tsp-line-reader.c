/* tsp-line-reader.c — lines of bounded length from a byte stream, and gunzip
 *
 * A line reader pulls bytes through a read function (a file, an archive
 * entry, a gunzip over either) into one fixed buffer and hands out lines
 * without copying them when they lie within the buffer.  A line that spans
 * two reads is gathered in a string, up to a maximum length: past it the
 * rest of the line is skipped and the line is reported as too long, so a
 * file of one huge line costs at most that maximum in memory.
 *
 * GDataInputStream would read lines too, but it keeps a whole line in
 * memory however long it is; hence this.
 *
 * The gunzip reads gzip data (several members one after the other, as
 * `cat a.gz b.gz` makes them) and refuses to expand more than the archive
 * limits allow: the zip layer only sees the compressed bytes of a `.json.gz`
 * inside a zip, so the expansion of the inner gzip is checked here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsp-analytics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "tsp-line-reader.h"

#define READ_SIZE (256 * 1024)

gssize
tsp_read_input_stream (gpointer       stream,
                       guint8        *buffer,
                       gsize          count,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return g_input_stream_read (G_INPUT_STREAM (stream), buffer, count, cancellable, error);
}

gssize
tsp_read_archive (gpointer       archive,
                  guint8        *buffer,
                  gsize          count,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return ts_archive_read (archive, buffer, count, cancellable, error);
}

/* ---------------------------------------------------------------------- */
/* lines                                                                  */

struct _TspLineReader
{
  TspReadFunc  read;
  gpointer     source;
  guint8      *buf;
  gsize        pos;
  gsize        len;
  gboolean     eof;
  GString     *acc;          /* a line that spans reads */
  gboolean     in_acc;       /* acc holds the start of the current line */
  gboolean     overflow;     /* the current line is longer than max_line */
  gboolean     acc_returned; /* acc was handed out: empty it next time */
  gsize        max_line;
  guint64      line_no;
  guint64      bytes;
  guint64      limit;        /* 0, or the bytes to read at most */
};

TspLineReader *
tsp_line_reader_new (TspReadFunc read,
                     gpointer    source,
                     gsize       max_line)
{
  TspLineReader *self = g_new0 (TspLineReader, 1);

  self->read = read;
  self->source = source;
  self->buf = g_malloc (READ_SIZE);
  self->acc = g_string_new (NULL);
  self->max_line = MAX (max_line, 1);
  return self;
}

void
tsp_line_reader_free (TspLineReader *self)
{
  if (self == NULL)
    return;
  g_free (self->buf);
  g_string_free (self->acc, TRUE);
  g_free (self);
}

/* Reads no more than @limit bytes: the end comes there (for sniffing). */
void
tsp_line_reader_set_limit (TspLineReader *self,
                           guint64        limit)
{
  self->limit = limit;
}

/* The line's number: 1 for the first. */
guint64
tsp_line_reader_get_line_number (TspLineReader *self)
{
  return self->line_no;
}

/* Bytes read from the source so far (after any decompression). */
guint64
tsp_line_reader_get_bytes (TspLineReader *self)
{
  return self->bytes;
}

static void
accumulate (TspLineReader *self,
            const guint8  *data,
            gsize          len)
{
  if (self->overflow)
    return;
  if (self->acc->len + len > self->max_line)
    {
      /* give the memory back now: the rest of this line is skipped */
      self->overflow = TRUE;
      g_string_free (self->acc, TRUE);
      self->acc = g_string_new (NULL);
      return;
    }
  g_string_append_len (self->acc, (const char *) data, len);
}

static void
finish_line (TspLineReader  *self,
             const char    **line,
             gsize          *len,
             gboolean       *too_long)
{
  self->line_no++;
  *too_long = self->overflow;
  if (self->overflow)
    {
      *line = NULL;
      *len = 0;
    }
  else
    {
      *line = self->acc->str;
      *len = self->acc->len;
    }
  self->in_acc = FALSE;
  self->overflow = FALSE;
  self->acc_returned = TRUE;
}

/**
 * tsp_line_reader_next:
 * @line: (out): the line without its end (`\n` or `\r\n`), valid until the
 *   next call; %NULL when @too_long
 * @too_long: (out): the line was longer than the maximum and was skipped
 *
 * Returns: %TRUE with a line; %FALSE at the end, or with @error set
 */
gboolean
tsp_line_reader_next (TspLineReader  *self,
                      const char    **line,
                      gsize          *len,
                      gboolean       *too_long,
                      GCancellable   *cancellable,
                      GError        **error)
{
  if (self->acc_returned)
    {
      g_string_truncate (self->acc, 0);
      self->acc_returned = FALSE;
    }

  for (;;)
    {
      const guint8 *start, *nl;
      gsize avail;

      if (self->pos == self->len)
        {
          gssize n;

          if (self->eof)
            {
              if (self->in_acc)
                {
                  finish_line (self, line, len, too_long);
                  goto strip;
                }
              return FALSE;
            }
          if (self->limit > 0 && self->bytes >= self->limit)
            {
              self->eof = TRUE;
              continue;
            }
          n = self->read (self->source, self->buf, READ_SIZE, cancellable, error);
          if (n < 0)
            return FALSE;
          if (n == 0)
            self->eof = TRUE;
          self->pos = 0;
          self->len = (gsize) n;
          self->bytes += (guint64) n;
          continue;
        }

      start = self->buf + self->pos;
      avail = self->len - self->pos;
      nl = memchr (start, '\n', avail);
      if (nl == NULL)
        {
          accumulate (self, start, avail);
          self->in_acc = TRUE;
          self->pos = self->len;
          continue;
        }

      self->pos += (gsize) (nl - start) + 1;
      if (!self->in_acc && (gsize) (nl - start) <= self->max_line)
        {
          /* the common case: the whole line is in the buffer */
          self->line_no++;
          *line = (const char *) start;
          *len = (gsize) (nl - start);
          *too_long = FALSE;
          goto strip;
        }
      accumulate (self, start, (gsize) (nl - start));
      finish_line (self, line, len, too_long);
      goto strip;
    }

strip:
  if (*line != NULL && *len > 0 && (*line)[*len - 1] == '\r')
    (*len)--;
  if (self->line_no == 1 && *line != NULL && *len >= 3 && memcmp (*line, "\xEF\xBB\xBF", 3) == 0)
    {
      *line += 3;
      *len -= 3;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* gunzip                                                                 */

struct _TspGunzip
{
  TspReadFunc      read;
  gpointer         source;
  char            *name;
  TsArchiveLimits  limits;
  GConverter      *converter;
  guint8          *in;
  gsize            in_pos;
  gsize            in_len;
  gboolean         in_eof;
  gboolean         done;
  gboolean         member_started;
  guint64          total_in;
  guint64          total_out;
};

/**
 * tsp_gunzip_new:
 * @name: names the data in errors, e.g. "export.zip: entry “a.json.gz”"
 */
TspGunzip *
tsp_gunzip_new (TspReadFunc            read,
                gpointer               source,
                const char            *name,
                const TsArchiveLimits *limits)
{
  TspGunzip *self = g_new0 (TspGunzip, 1);

  self->read = read;
  self->source = source;
  self->name = g_strdup (name);
  if (limits)
    self->limits = *limits;
  else
    ts_archive_get_default_limits (&self->limits);
  self->converter = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  self->in = g_malloc (READ_SIZE);
  return self;
}

void
tsp_gunzip_free (TspGunzip *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->converter);
  g_free (self->in);
  g_free (self->name);
  g_free (self);
}

static gboolean
fill (TspGunzip     *self,
      GCancellable  *cancellable,
      GError       **error)
{
  gssize n;

  if (self->in_pos > 0)
    {
      memmove (self->in, self->in + self->in_pos, self->in_len - self->in_pos);
      self->in_len -= self->in_pos;
      self->in_pos = 0;
    }
  if (self->in_len == READ_SIZE || self->in_eof)
    return TRUE;
  n = self->read (self->source, self->in + self->in_len, READ_SIZE - self->in_len, cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    self->in_eof = TRUE;
  self->in_len += (gsize) n;
  self->total_in += (guint64) n;
  return TRUE;
}

gssize
tsp_gunzip_read (gpointer       data,
                 guint8        *buffer,
                 gsize          count,
                 GCancellable  *cancellable,
                 GError       **error)
{
  TspGunzip *self = data;

  while (!self->done)
    {
      GConverterResult res;
      gsize bytes_read = 0, bytes_written = 0;
      GError *local_error = NULL;

      if (self->in_pos == self->in_len && !self->in_eof)
        if (!fill (self, cancellable, error))
          return -1;

      if (self->in_pos == self->in_len && self->in_eof && !self->member_started)
        {
          /* the end, between two members */
          self->done = TRUE;
          break;
        }

      res = g_converter_convert (self->converter,
                                 self->in + self->in_pos, self->in_len - self->in_pos,
                                 buffer, count,
                                 self->in_eof ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                 &bytes_read, &bytes_written, &local_error);
      if (res == G_CONVERTER_ERROR)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) && !self->in_eof)
            {
              g_clear_error (&local_error);
              if (!fill (self, cancellable, error))
                return -1;
              continue;
            }
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_PARSE,
                         _("%s: the gzip data ends early: the file is truncated"), self->name);
          else
            g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_PARSE,
                         _("%s: the gzip data is damaged (%s)"), self->name, local_error->message);
          g_clear_error (&local_error);
          return -1;
        }

      self->member_started = TRUE;
      self->in_pos += bytes_read;
      self->total_out += bytes_written;

      if (self->total_out > self->limits.max_total)
        {
          g_set_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_TOO_LARGE,
                       _("%s: refused: expands past %" PRIu64 " bytes"),
                       self->name, self->limits.max_total);
          return -1;
        }
      if (self->total_out > self->limits.min_checked &&
          (double) self->total_out > self->limits.max_ratio * (double) MAX (self->total_in, 1))
        {
          g_set_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_TOO_LARGE,
                       _("%s: refused: expands more than %.0f times its compressed size "
                         "(%" PRIu64 " bytes from %" PRIu64 "): a zip bomb?"),
                       self->name, self->limits.max_ratio, self->total_out, self->total_in);
          return -1;
        }

      if (res == G_CONVERTER_FINISHED)
        {
          /* one member done: another may follow */
          self->member_started = FALSE;
          if (self->in_len - self->in_pos < 2 && !self->in_eof)
            if (!fill (self, cancellable, error))
              return -1;
          if (self->in_len - self->in_pos >= 2 &&
              self->in[self->in_pos] == 0x1f && self->in[self->in_pos + 1] == 0x8b)
            g_converter_reset (self->converter);
          else
            self->done = TRUE;   /* the end, or padding after the last member */
        }

      if (bytes_written > 0)
        return (gssize) bytes_written;
    }

  return 0;
}

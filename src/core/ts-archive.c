/* ts-archive.c — reading archives entry by entry, safely, never to disk
 *
 * Zip (the Salesforce weekly export, Amplitude's export), tar, and single
 * gzip/bzip2/xz files are read through libarchive, one entry at a time,
 * straight into memory or a stream.  An entry whose name is absolute or
 * climbs out with `..` is refused, and so is expansion past a ratio of the
 * compressed bytes or a total size: the usual shapes of a zip bomb.  Sizes
 * that headers claim are never trusted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-archive"
#define TS_CORE_COMPILATION

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ts-archive.h"

struct _TsArchive
{
  struct archive *a;
  char           *path;
  char           *entry_name;
  gboolean        in_entry;
  gboolean        raw;           /* a single compressed stream, not an archive */
  TsArchiveLimits limits;
  guint64         expanded;
  GInputStream   *stream;
};

G_DEFINE_QUARK (ts-archive-error-quark, ts_archive_error)

/* ---------------------------------------------------------------------- */
/* a GInputStream over the current entry                                  */

#define TS_TYPE_ARCHIVE_ENTRY_STREAM (ts_archive_entry_stream_get_type ())
G_DECLARE_FINAL_TYPE (TsArchiveEntryStream, ts_archive_entry_stream, TS, ARCHIVE_ENTRY_STREAM, GInputStream)

struct _TsArchiveEntryStream
{
  GInputStream  parent_instance;
  TsArchive    *archive;   /* not owned: the archive owns the stream */
};

G_DEFINE_FINAL_TYPE (TsArchiveEntryStream, ts_archive_entry_stream, G_TYPE_INPUT_STREAM)

static gssize
ts_archive_entry_stream_read (GInputStream  *stream,
                              void          *buffer,
                              gsize          count,
                              GCancellable  *cancellable,
                              GError       **error)
{
  TsArchiveEntryStream *self = (TsArchiveEntryStream *) stream;

  if (self->archive == NULL)
    return 0;
  return ts_archive_read (self->archive, buffer, count, cancellable, error);
}

static gboolean
ts_archive_entry_stream_close (GInputStream  *stream,
                               GCancellable  *cancellable,
                               GError       **error)
{
  return TRUE;
}

static void
ts_archive_entry_stream_class_init (TsArchiveEntryStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  stream_class->read_fn = ts_archive_entry_stream_read;
  stream_class->close_fn = ts_archive_entry_stream_close;
}

static void
ts_archive_entry_stream_init (TsArchiveEntryStream *self)
{
}

/* ---------------------------------------------------------------------- */

void
ts_archive_get_default_limits (TsArchiveLimits *limits)
{
  /* Real exports of CSV and JSON compress 5–30 times; 200 is a bomb. */
  limits->max_ratio = 200.0;
  limits->min_checked = 64u << 20;
  limits->max_total = G_GUINT64_CONSTANT (256) << 30;
}

/**
 * ts_archive_path_is_archive:
 *
 * Returns: whether @path starts like a zip, gzip, bzip2, xz or tar file.
 */
gboolean
ts_archive_path_is_archive (const char *path)
{
  guint8 head[512];
  gssize n;
  FILE *f = fopen (path, "rb");

  if (f == NULL)
    return FALSE;
  n = (gssize) fread (head, 1, sizeof head, f);
  fclose (f);

  if (n >= 4 && memcmp (head, "PK\003\004", 4) == 0)
    return TRUE;
  if (n >= 4 && memcmp (head, "PK\005\006", 4) == 0)
    return TRUE;   /* an empty zip */
  if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b)
    return TRUE;
  if (n >= 3 && memcmp (head, "BZh", 3) == 0)
    return TRUE;
  if (n >= 6 && memcmp (head, "\xfd" "7zXZ\0", 6) == 0)
    return TRUE;
  if (n >= 262 && memcmp (head + 257, "ustar", 5) == 0)
    return TRUE;
  return FALSE;
}

static gboolean
set_archive_error (TsArchive  *self,
                   int         code,
                   GError    **error)
{
  const char *msg = archive_error_string (self->a);

  g_set_error (error, TS_ARCHIVE_ERROR, code, _("%s: %s"), self->path,
               msg ? msg : _("the archive cannot be read"));
  return FALSE;
}

/**
 * ts_archive_open:
 * @limits: (nullable): expansion limits, or %NULL for the defaults
 *
 * Opens an archive (zip, tar, possibly compressed) or a single compressed
 * file (gzip, bzip2, xz), whose one entry is then named after the file
 * without its compression suffix.  The file is never written.
 */
TsArchive *
ts_archive_open (const char            *path,
                 const TsArchiveLimits *limits,
                 GError               **error)
{
  g_autoptr(TsArchive) self = g_new0 (TsArchive, 1);
  guint8 head[4] = { 0, };
  FILE *f;

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  if (limits)
    self->limits = *limits;
  else
    ts_archive_get_default_limits (&self->limits);

  /* A lone gzip/bzip2/xz stream is read "raw"; zip and tar as archives. */
  f = fopen (path, "rb");
  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_OPEN, "%s: %s", path, g_strerror (saved));
      return NULL;
    }
  if (fread (head, 1, sizeof head, f) < 2)
    memset (head, 0, sizeof head);
  fclose (f);

  self->a = archive_read_new ();
  archive_read_support_filter_all (self->a);
  if (memcmp (head, "PK", 2) == 0)
    archive_read_support_format_zip (self->a);
  else
    {
      /* tar.gz is an archive; foo.json.gz is a raw stream */
      g_autofree char *lower = g_ascii_strdown (path, -1);
      if (g_str_has_suffix (lower, ".tar") || g_str_has_suffix (lower, ".tar.gz") ||
          g_str_has_suffix (lower, ".tgz") || g_str_has_suffix (lower, ".tar.bz2") ||
          g_str_has_suffix (lower, ".tar.xz"))
        archive_read_support_format_tar (self->a);
      else
        {
          archive_read_support_format_raw (self->a);
          self->raw = TRUE;
        }
    }

  if (archive_read_open_filename (self->a, path, 64 * 1024) != ARCHIVE_OK)
    {
      set_archive_error (self, TS_ARCHIVE_ERROR_OPEN, error);
      return NULL;
    }

  {
    TsArchiveEntryStream *stream = g_object_new (TS_TYPE_ARCHIVE_ENTRY_STREAM, NULL);
    stream->archive = self;
    self->stream = G_INPUT_STREAM (stream);
  }

  return g_steal_pointer (&self);
}

void
ts_archive_free (TsArchive *self)
{
  if (self == NULL)
    return;
  if (self->stream)
    {
      ((TsArchiveEntryStream *) self->stream)->archive = NULL;
      g_object_unref (self->stream);
    }
  if (self->a)
    archive_read_free (self->a);
  g_free (self->entry_name);
  g_free (self->path);
  g_free (self);
}

static gboolean
name_is_safe (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || *name == '\0')
    return FALSE;
  if (name[0] == '/' || name[0] == '\\' || (g_ascii_isalpha (name[0]) && name[1] == ':'))
    return FALSE;
  parts = g_strsplit_set (name, "/\\", -1);
  for (guint i = 0; parts[i]; i++)
    if (g_str_equal (parts[i], ".."))
      return FALSE;
  return TRUE;
}

/**
 * ts_archive_next_entry:
 * @name: (out) (transfer none): the entry's path inside the archive
 *
 * Moves to the next regular file in the archive (folders are skipped).
 * Returns %FALSE at the end (with no error), or with @error set when the
 * archive is damaged or the entry's name is unsafe.
 */
gboolean
ts_archive_next_entry (TsArchive   *self,
                       const char **name,
                       GError     **error)
{
  struct archive_entry *entry;

  for (;;)
    {
      int r = archive_read_next_header (self->a, &entry);
      const char *entry_name;

      if (r == ARCHIVE_EOF)
        {
          self->in_entry = FALSE;
          return FALSE;
        }
      if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
        return set_archive_error (self, TS_ARCHIVE_ERROR_READ, error);

      entry_name = archive_entry_pathname (entry);
      if (self->raw)
        {
          g_autofree char *base = g_path_get_basename (self->path);
          char *dot = strrchr (base, '.');
          if (dot && dot != base)
            *dot = '\0';
          g_free (self->entry_name);
          self->entry_name = g_steal_pointer (&base);
        }
      else
        {
          if (!name_is_safe (entry_name))
            {
              g_set_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_UNSAFE_PATH,
                           _("%s: entry “%s” is refused: its path leaves the archive "
                             "(absolute, or with “..”)"),
                           self->path, entry_name ? entry_name : "");
              return FALSE;
            }
          if (archive_entry_filetype (entry) != AE_IFREG)
            continue;
          g_free (self->entry_name);
          self->entry_name = g_strdup (entry_name);
        }

      self->in_entry = TRUE;
      *name = self->entry_name;
      return TRUE;
    }
}

/**
 * ts_archive_read:
 *
 * Reads up to @count bytes of the current entry; 0 at its end.  Fails when
 * the archive expands past its limits.
 */
gssize
ts_archive_read (TsArchive     *self,
                 void          *buffer,
                 gsize          count,
                 GCancellable  *cancellable,
                 GError       **error)
{
  la_ssize_t n;
  guint64 compressed;

  if (!self->in_entry)
    return 0;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;

  n = archive_read_data (self->a, buffer, count);
  if (n < 0)
    {
      set_archive_error (self, TS_ARCHIVE_ERROR_READ, error);
      return -1;
    }

  self->expanded += (guint64) n;
  compressed = (guint64) MAX (archive_filter_bytes (self->a, -1), 1);
  if (self->expanded > self->limits.max_total)
    {
      g_set_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_TOO_LARGE,
                   _("%s: refused: entry “%s” expands past %" PRIu64 " bytes"),
                   self->path, self->entry_name, self->limits.max_total);
      return -1;
    }
  if (self->expanded > self->limits.min_checked &&
      (double) self->expanded > self->limits.max_ratio * (double) compressed)
    {
      g_set_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_TOO_LARGE,
                   _("%s: refused: entry “%s” expands more than %.0f times its compressed size "
                     "(%" PRIu64 " bytes from %" PRIu64 "): a zip bomb?"),
                   self->path, self->entry_name, self->limits.max_ratio,
                   self->expanded, compressed);
      return -1;
    }
  return n;
}

/**
 * ts_archive_get_entry_stream:
 *
 * Returns: (transfer none): a stream over the current entry (the same object
 * for every entry; it reads whichever entry is current).
 */
GInputStream *
ts_archive_get_entry_stream (TsArchive *self)
{
  return self->stream;
}

/**
 * ts_archive_read_entry:
 *
 * Returns: (transfer full): the whole current entry, in memory
 */
GBytes *
ts_archive_read_entry (TsArchive     *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GByteArray *buf = g_byte_array_new ();
  guint8 chunk[64 * 1024];

  for (;;)
    {
      gssize n = ts_archive_read (self, chunk, sizeof chunk, cancellable, error);
      if (n < 0)
        {
          g_byte_array_unref (buf);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (buf, chunk, n);
    }
  return g_byte_array_free_to_bytes (buf);
}

guint64
ts_archive_get_bytes_read (TsArchive *self)
{
  return (guint64) MAX (archive_filter_bytes (self->a, -1), 0);
}

guint64
ts_archive_get_bytes_expanded (TsArchive *self)
{
  return self->expanded;
}

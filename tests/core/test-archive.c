/* test-archive.c — archives read entry by entry, and refused when hostile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <touchstone.h>

typedef struct
{
  const char *name;
  const char *data;   /* NULL: @size zero bytes */
  gsize       size;
} Entry;

static char *
write_zip (const char  *dir,
           const char  *file,
           const Entry *entries,
           guint        n)
{
  char *path = g_build_filename (dir, file, NULL);
  struct archive *a = archive_write_new ();
  g_autofree char *zeros = NULL;

  archive_write_set_format_zip (a);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n; i++)
    {
      struct archive_entry *e = archive_entry_new ();
      const char *data = entries[i].data;
      gsize size = data ? strlen (data) : entries[i].size;

      if (data == NULL)
        {
          zeros = g_realloc (zeros, size);
          memset (zeros, 0, size);
          data = zeros;
        }
      archive_entry_set_pathname (e, entries[i].name);
      archive_entry_set_size (e, size);
      archive_entry_set_filetype (e, AE_IFREG);
      archive_entry_set_perm (e, 0644);
      archive_write_header (a, e);
      archive_write_data (a, data, size);
      archive_entry_free (e);
    }
  archive_write_close (a);
  archive_write_free (a);
  return path;
}

static char *
read_all (TsArchive *archive)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = ts_archive_read_entry (archive, NULL, &error);
  gsize len;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &len);
  return g_strndup (data, len);
}

static void
test_zip_entries (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-archive-XXXXXX", NULL);
  const Entry entries[] = {
    { "WE_00D000000000001_1/Account.csv", "Id,Name\n001,Acme\n", 0 },
    { "WE_00D000000000001_1/Contact.csv", "Id,Email\n003,ana@example.com\n", 0 },
  };
  g_autofree char *path = write_zip (dir, "WE_00D000000000001_1.ZIP", entries, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsArchive) archive = ts_archive_open (path, NULL, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (ts_archive_path_is_archive (path));
  while (ts_archive_next_entry (archive, &name, &error))
    {
      g_autofree char *text = read_all (archive);
      g_assert_cmpstr (name, ==, entries[n].name);
      g_assert_cmpstr (text, ==, entries[n].data);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_entry_stream_lines (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-archive-XXXXXX", NULL);
  const Entry entries[] = { { "events.jsonl", "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n", 0 } };
  g_autofree char *path = write_zip (dir, "x.zip", entries, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsArchive) archive = ts_archive_open (path, NULL, &error);
  g_autoptr(GDataInputStream) lines = NULL;
  const char *name;
  char *line;
  guint n = 0;

  g_assert_true (ts_archive_next_entry (archive, &name, &error));
  lines = g_data_input_stream_new (ts_archive_get_entry_stream (archive));
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      n++;
      g_free (line);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);

  g_remove (path);
  g_rmdir (dir);
}

static void
assert_refused (const char *entry_name)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-archive-XXXXXX", NULL);
  const Entry entries[] = { { "ok.csv", "a\n1\n", 0 }, { entry_name, "pwned\n", 0 } };
  g_autofree char *path = write_zip (dir, "hostile.zip", entries, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsArchive) archive = ts_archive_open (path, NULL, &error);
  const char *name;

  g_assert_no_error (error);
  g_assert_true (ts_archive_next_entry (archive, &name, &error));
  g_assert_cmpstr (name, ==, "ok.csv");
  g_assert_false (ts_archive_next_entry (archive, &name, &error));
  g_assert_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_UNSAFE_PATH);
  g_assert_nonnull (strstr (error->message, entry_name));
  g_assert_nonnull (strstr (error->message, "hostile.zip"));

  g_remove (path);
  g_rmdir (dir);
}

static void
test_refuses_parent_path (void)
{
  assert_refused ("../evil.csv");
  assert_refused ("data/../../evil.csv");
}

static void
test_refuses_absolute_path (void)
{
  assert_refused ("/etc/evil.csv");
}

static void
test_refuses_bomb (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-archive-XXXXXX", NULL);
  /* 16 MB of zeros deflate to a few kilobytes */
  const Entry entries[] = { { "zeros.csv", NULL, 16u << 20 } };
  g_autofree char *path = write_zip (dir, "bomb.zip", entries, 1);
  TsArchiveLimits limits = { .max_ratio = 100.0, .min_checked = 1u << 20, .max_total = G_MAXUINT64 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsArchive) archive = ts_archive_open (path, &limits, &error);
  g_autoptr(GBytes) bytes = NULL;
  const char *name;

  g_assert_true (ts_archive_next_entry (archive, &name, &error));
  bytes = ts_archive_read_entry (archive, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "zeros.csv"));
  /* it stopped soon after the limit, not at the end of the entry */
  g_assert_cmpuint (ts_archive_get_bytes_expanded (archive), <, 4u << 20);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_refuses_past_total (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-archive-XXXXXX", NULL);
  const Entry entries[] = { { "big.csv", NULL, 200000 } };
  g_autofree char *path = write_zip (dir, "big.zip", entries, 1);
  TsArchiveLimits limits = { .max_ratio = 1e9, .min_checked = 0, .max_total = 100000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TsArchive) archive = ts_archive_open (path, &limits, &error);
  g_autoptr(GBytes) bytes = NULL;
  const char *name;

  g_assert_true (ts_archive_next_entry (archive, &name, &error));
  bytes = ts_archive_read_entry (archive, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_TOO_LARGE);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_single_gzip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-archive-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "2025-06-01.json.gz", NULL);
  const char *text = "{\"type\":\"track\"}\n";
  g_autoptr(GZlibCompressor) gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsArchive) archive = NULL;
  g_autofree char *read = NULL;
  const char *name;

  {
    g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, 0, NULL, &error);
    g_autoptr(GOutputStream) zout = g_converter_output_stream_new (G_OUTPUT_STREAM (out), G_CONVERTER (gz));
    g_assert_no_error (error);
    g_output_stream_write_all (zout, text, strlen (text), NULL, NULL, &error);
    g_output_stream_close (zout, NULL, &error);
    g_assert_no_error (error);
  }

  g_assert_true (ts_archive_path_is_archive (path));
  archive = ts_archive_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ts_archive_next_entry (archive, &name, &error));
  g_assert_cmpstr (name, ==, "2025-06-01.json");
  read = read_all (archive);
  g_assert_cmpstr (read, ==, text);
  g_assert_false (ts_archive_next_entry (archive, &name, &error));
  g_assert_no_error (error);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_corrupt (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-archive-XXXXXX", NULL);
  const Entry entries[] = { { "a.csv", "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n", 0 } };
  g_autofree char *path = write_zip (dir, "cut.zip", entries, 1);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  g_autoptr(TsArchive) archive = NULL;
  const char *name;
  gboolean failed = FALSE;

  /* keep the local header and a few bytes of data: the rest is lost */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, 40, NULL));

  archive = ts_archive_open (path, NULL, &error);
  if (archive == NULL)
    failed = TRUE;
  else if (ts_archive_next_entry (archive, &name, &error))
    {
      g_autoptr(GBytes) bytes = ts_archive_read_entry (archive, NULL, &error);
      failed = bytes == NULL;
    }
  else
    failed = error != NULL;
  g_assert_true (failed);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "cut.zip"));

  g_remove (path);
  g_rmdir (dir);
}

static void
test_not_an_archive (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-archive-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plain.csv", NULL);

  g_assert_true (g_file_set_contents (path, "a,b\n1,2\n", -1, NULL));
  g_assert_false (ts_archive_path_is_archive (path));
  g_remove (path);
  g_rmdir (dir);
}

/* The process's peak resident memory so far, in bytes. */
static guint64
peak_rss (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return (guint64) usage.ru_maxrss * 1024;
}

/* Reads the only entry of @path, which claims 4 GB but holds a few bytes:
 * the claim is never trusted (no buffer of its size), and the entry ends in
 * a clear error naming the archive. */
static void
assert_claim_refused (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsArchive) archive = ts_archive_open (path, NULL, &error);
  g_autoptr(GBytes) bytes = NULL;
  guint64 before = peak_rss ();
  const char *name;

  g_assert_no_error (error);
  if (ts_archive_next_entry (archive, &name, &error))
    {
      g_assert_cmpstr (name, ==, "events.csv");
      bytes = ts_archive_read_entry (archive, NULL, &error);
    }
  g_assert_null (bytes);
  g_assert_error (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_READ);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_test_message ("%s", error->message);
  g_assert_cmpuint (ts_archive_get_bytes_expanded (archive), <, 1u << 20);
  g_assert_cmpuint (peak_rss () - before, <, 16u << 20);
}

static void
test_refuses_4gb_claim_tar (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-archive-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "claim.tar", NULL);
  const char body[] = "customer_id,name\nC1,Ana\n";
  guint8 block[1024] = { 0, };
  guint sum = 0;

  /* a ustar header whose size field says 4 GiB, then one block of data */
  memcpy (block, "events.csv", 10);
  memcpy (block + 100, "0000644", 7);
  memcpy (block + 108, "0000000", 7);
  memcpy (block + 116, "0000000", 7);
  memcpy (block + 124, "40000000000", 11);          /* octal 2^32 */
  memcpy (block + 136, "00000000000", 11);
  block[156] = '0';
  memcpy (block + 257, "ustar", 6);
  memcpy (block + 263, "00", 2);
  memset (block + 148, ' ', 8);
  for (guint i = 0; i < 512; i++)
    sum += block[i];
  g_snprintf ((char *) block + 148, 8, "%06o", sum);
  memcpy (block + 512, body, sizeof body - 1);
  g_assert_true (g_file_set_contents (path, (const char *) block, sizeof block, NULL));

  assert_claim_refused (path);

  g_remove (path);
  g_rmdir (dir);
}

static void
put_le (GByteArray *out,
        guint64     value,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      guint8 b = (value >> (8 * i)) & 0xff;
      g_byte_array_append (out, &b, 1);
    }
}

static void
test_refuses_4gb_claim_zip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-archive-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "claim.zip", NULL);
  g_autoptr(GByteArray) zip = g_byte_array_new ();
  const char body[] = "customer_id,name\nC1,Ana\n";
  const guint32 claim = 0xFFFFFFFEu;   /* just under the ZIP64 marker */
  guint central;

  /* a stored entry whose local and central headers both claim 4 GB */
  put_le (zip, 0x04034b50, 4);
  put_le (zip, 20, 2);                  /* version needed */
  put_le (zip, 0, 2);                   /* flags */
  put_le (zip, 0, 2);                   /* stored */
  put_le (zip, 0, 4);                   /* time, date */
  put_le (zip, 0x12345678, 4);          /* crc */
  put_le (zip, claim, 4);
  put_le (zip, claim, 4);
  put_le (zip, 10, 2);
  put_le (zip, 0, 2);
  g_byte_array_append (zip, (const guint8 *) "events.csv", 10);
  g_byte_array_append (zip, (const guint8 *) body, sizeof body - 1);

  central = zip->len;
  put_le (zip, 0x02014b50, 4);
  put_le (zip, 20, 2);                  /* made by */
  put_le (zip, 20, 2);
  put_le (zip, 0, 2);
  put_le (zip, 0, 2);
  put_le (zip, 0, 4);
  put_le (zip, 0x12345678, 4);
  put_le (zip, claim, 4);
  put_le (zip, claim, 4);
  put_le (zip, 10, 2);
  put_le (zip, 0, 2);                   /* extra */
  put_le (zip, 0, 2);                   /* comment */
  put_le (zip, 0, 2);                   /* disk */
  put_le (zip, 0, 2);                   /* internal attributes */
  put_le (zip, 0, 4);                   /* external attributes */
  put_le (zip, 0, 4);                   /* local header offset */
  g_byte_array_append (zip, (const guint8 *) "events.csv", 10);

  put_le (zip, 0x06054b50, 4);
  put_le (zip, 0, 2);
  put_le (zip, 0, 2);
  put_le (zip, 1, 2);
  put_le (zip, 1, 2);
  put_le (zip, zip->len - 12 - central, 4);
  put_le (zip, central, 4);
  put_le (zip, 0, 2);
  g_assert_true (g_file_set_contents (path, (const char *) zip->data, zip->len, NULL));

  assert_claim_refused (path);

  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/archive/zip-entries", test_zip_entries);
  g_test_add_func ("/core/archive/entry-stream-lines", test_entry_stream_lines);
  g_test_add_func ("/core/archive/refuses/parent-path", test_refuses_parent_path);
  g_test_add_func ("/core/archive/refuses/absolute-path", test_refuses_absolute_path);
  g_test_add_func ("/core/archive/refuses/zip-bomb", test_refuses_bomb);
  g_test_add_func ("/core/archive/refuses/past-total", test_refuses_past_total);
  g_test_add_func ("/core/archive/refuses/4gb-claim-tar", test_refuses_4gb_claim_tar);
  g_test_add_func ("/core/archive/refuses/4gb-claim-zip", test_refuses_4gb_claim_zip);
  g_test_add_func ("/core/archive/single-gzip", test_single_gzip);
  g_test_add_func ("/core/archive/corrupt", test_corrupt);
  g_test_add_func ("/core/archive/not-an-archive", test_not_an_archive);

  return g_test_run ();
}

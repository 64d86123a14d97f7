/* test-sources-untouched.c — imports never write to what they read
 *
 * Every format each bundled plugin reads (CSV and its quirks, a Salesforce
 * export as an archive, a folder or REST JSON, Segment, Mixpanel, GA4,
 * PostHog and Amplitude dumps, gzipped or zipped) is copied to a folder of
 * its own and imported; afterwards every file in that folder has the same
 * bytes and modification time, and no file was added or removed beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <touchstone.h>

static TsPluginManager *plugins;

typedef struct
{
  const char *name;       /* the test's name */
  const char *path;       /* under tests/data */
  TsTable     table;      /* a table the import fills */
} Case;

static const Case cases[] = {
  { "csv/utf16le", "quirks/customers-utf16le.csv", TS_TABLE_CUSTOMERS },
  { "csv/cp1252", "quirks/customers-cp1252.csv", TS_TABLE_CUSTOMERS },
  { "csv/excel-sep", "quirks/excel-sep.csv", TS_TABLE_CUSTOMERS },
  { "csv/semicolon", "quirks/tickets-semicolon.csv", TS_TABLE_CASES },
  { "salesforce/zip", "salesforce/WE_00D5g00000TouchEAB_1.ZIP", TS_TABLE_CUSTOMERS },
  { "salesforce/folder", "salesforce/export", TS_TABLE_CASES },
  { "salesforce/rest-json", "salesforce/rest/query.json", TS_TABLE_CUSTOMERS },
  { "analytics/segment-gzip", "analytics/segment.jsonl.gz", TS_TABLE_EVENTS },
  { "analytics/mixpanel", "analytics/mixpanel.jsonl", TS_TABLE_EVENTS },
  { "analytics/ga4", "analytics/ga4.jsonl", TS_TABLE_EVENTS },
  { "analytics/posthog", "analytics/posthog.jsonl", TS_TABLE_EVENTS },
  { "analytics/amplitude-zip", "analytics/amplitude.zip", TS_TABLE_EVENTS },
};

static void
copy_tree (GFile *from,
           GFile *to)
{
  g_autoptr(GError) error = NULL;

  if (g_file_query_file_type (from, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_autoptr(GFileEnumerator) e = g_file_enumerate_children (from, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                NULL, &error);
      GFileInfo *info;

      g_assert_no_error (error);
      g_assert_true (g_file_make_directory (to, NULL, &error));
      while ((info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
        {
          g_autoptr(GFileInfo) owned = info;
          g_autoptr(GFile) a = g_file_get_child (from, g_file_info_get_name (info));
          g_autoptr(GFile) b = g_file_get_child (to, g_file_info_get_name (info));
          copy_tree (a, b);
        }
    }
  else
    {
      g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
}

/* one line per file under @dir: its path, size, modification time and
 * SHA-256, sorted */
static void
describe_tree (GFile     *dir,
               GFile     *file,
               GPtrArray *lines)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info (file,
                                                 G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                                 G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                 G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  g_autofree char *rel = g_file_get_relative_path (dir, file);

  g_assert_no_error (error);
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_autoptr(GFileEnumerator) e = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                NULL, &error);
      GFileInfo *child;

      g_assert_no_error (error);
      g_ptr_array_add (lines, g_strdup_printf ("%s/ %" G_GUINT64_FORMAT ".%06u", rel ? rel : ".",
                                               g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                                               g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC)));
      while ((child = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
        {
          g_autoptr(GFileInfo) owned = child;
          g_autoptr(GFile) c = g_file_get_child (file, g_file_info_get_name (child));
          describe_tree (dir, c, lines);
        }
    }
  else
    {
      g_autofree char *contents = NULL;
      gsize len;
      g_autofree char *sum = NULL;

      g_assert_true (g_file_load_contents (file, NULL, &contents, &len, NULL, &error));
      g_assert_no_error (error);
      sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
      g_ptr_array_add (lines, g_strdup_printf ("%s %" G_GOFFSET_FORMAT " %" G_GUINT64_FORMAT ".%06u %s",
                                               rel, g_file_info_get_size (info),
                                               g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                                               g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC),
                                               sum));
    }
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
snapshot (GFile *dir)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  describe_tree (dir, dir, lines);
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                            NULL, NULL);
  GFileInfo *info;

  while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static void
test_untouched (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *tmp = g_dir_make_tmp ("ts-untouched-XXXXXX", NULL);
  g_autofree char *name = g_path_get_basename (c->path);
  g_autofree char *src = g_test_build_filename (G_TEST_DIST, "data", c->path, NULL);
  g_autofree char *copy = g_build_filename (tmp, name, NULL);
  g_autoptr(GFile) top = g_file_new_for_path (tmp);
  g_autoptr(GFile) from = g_file_new_for_path (src);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  const char *paths[] = { copy, NULL };

  copy_tree (from, to);
  before = snapshot (top);

  ds = ts_importer_import (plugins, paths, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  /* it was read */
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, c->table), >, 0);

  /* and not written: the same files, bytes and times, and nothing beside */
  after = snapshot (top);
  g_assert_cmpstr (after, ==, before);

  remove_tree (top);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  plugins = ts_plugin_manager_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/plugins/sources-untouched/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_untouched);
    }

  ret = g_test_run ();
  g_clear_object (&plugins);
  return ret;
}

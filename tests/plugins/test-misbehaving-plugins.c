/* test-misbehaving-plugins.c — plugins that fail to load, fail or misbehave
 *
 * Each is reported with a message naming it, and the other plugins go on
 * working.  The plugins are in tests/plugins/misbehaving/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <touchstone.h>

static char *tmp_dir;
static TsPluginManager *plugins;

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static gboolean
has_problem (const char *needle)
{
  GPtrArray *problems = ts_plugin_manager_get_problems (plugins);

  for (guint i = 0; i < problems->len; i++)
    if (strstr (((TsProblem *) problems->pdata[i])->message, needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Imports a file named NAME.@extension (one line of CSV for csv). */
static TsDataset *
import (const char  *extension,
        GError     **error)
{
  g_autofree char *name = g_strdup_printf ("data.%s", extension);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  const char *paths[] = { path, NULL };

  write_file (path, "customer_id,name\nC1,Ana\nC2,Bo\n");
  return ts_importer_import (plugins, paths, NULL, NULL, NULL, error);
}

/* What fails to load is reported, naming the plugin or its file; the rest
 * loads. */
static void
test_load_problems (void)
{
  g_assert_true (has_problem ("Plugin “nosymbol” could not be loaded"));
  g_assert_true (has_problem ("broken.plugin cannot be read"));
  g_assert_true (has_problem ("nomodule.plugin names no module"));
  g_assert_true (has_problem ("Plugin “impostor” gives its data source the id “csv”, "
                              "which another plugin has: not loaded"));

  for (guint i = 0; i < 4; i++)
    {
      const char *good[] = { "csv", "analytics", "salesforce", "failing" };
      g_assert_nonnull (ts_plugin_manager_find_source (plugins, good[i]));
    }
  g_assert_null (ts_plugin_manager_find_source (plugins, "nosymbol"));
  g_assert_cmpstr (ts_source_get_name (ts_plugin_manager_find_source (plugins, "csv")), !=,
                   "Misbehaving (impostor)");
}

/* After each failure, the CSV plugin still reads a file. */
static void
assert_csv_still_works (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = import ("csv", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 2);
}

static void
assert_fails (const char *id,
              const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = import (id, &error);
  g_autofree char *file = g_strdup_printf ("data.%s", id);
  g_autofree char *plugin = g_strdup_printf ("“%s” plugin", id);

  gboolean own_error = strcmp (id, "failing") == 0 || strcmp (id, "liar") == 0;

  g_assert_null (ds);
  g_assert_error (error, TS_SOURCE_ERROR, own_error ? TS_SOURCE_ERROR_PARSE : TS_SOURCE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message));
  g_assert_nonnull (strstr (error->message, plugin));
  if (strcmp (id, "silent") != 0)
    g_assert_nonnull (strstr (error->message, file));

  assert_csv_still_works ();
}

static void
test_import_error (void)
{
  assert_fails ("failing", "line 3, column 2: not what this plugin reads (read by the “failing” plugin)");
}

static void
test_fails_silently (void)
{
  assert_fails ("silent", "The “silent” plugin failed without saying why");
}

static void
test_error_and_success (void)
{
  assert_fails ("liar", "line 1: half read");
}

static void
test_stray_string (void)
{
  assert_fails ("stray", "plugin gave row 2 of customers a customer_id that is not one of its strings");
}

static void
test_not_utf8_repaired (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = import ("garbled", &error);
  const guint32 *ids;

  g_assert_no_error (error);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 1);
  ids = ts_dataset_get_column (ds, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID);
  g_assert_cmpstr (ts_dataset_get_string (ds, ids[0]), ==, "café");
  assert_csv_still_works ();
}

static guint n_libpeas_warnings;

static void
count_libpeas_warning (const char     *log_domain,
                       GLogLevelFlags  log_level,
                       const char     *message,
                       gpointer        user_data)
{
  n_libpeas_warnings++;
  g_test_message ("libpeas: %s", message);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *broken = NULL;
  g_autofree char *nomodule = NULL;
  const char *path[4] = { NULL, };
  GLogLevelFlags fatal;
  guint handler;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("ts-misbehaving-XXXXXX", NULL);
  broken = g_build_filename (tmp_dir, "broken.plugin", NULL);
  nomodule = g_build_filename (tmp_dir, "nomodule.plugin", NULL);
  write_file (broken, "[Plugin\nModule=broken\n");
  write_file (nomodule, "[Plugin]\nName=No module\nX-Ts-ABI=" G_STRINGIFY (TS_PLUGIN_ABI) "\n");

  /* the bundled plugins first: they keep their ids */
  path[0] = g_getenv ("TOUCHSTONE_PLUGIN_PATH");
  path[1] = g_getenv ("TS_MISBEHAVING_PLUGIN_DIR");
  path[2] = tmp_dir;
  g_assert_nonnull (path[0]);
  g_assert_nonnull (path[1]);

  /* libpeas warns on the terminal, in an order that depends on the file system */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  handler = g_log_set_handler ("libpeas", G_LOG_LEVEL_WARNING, count_libpeas_warning, NULL);
  plugins = ts_plugin_manager_new (path);
  g_log_remove_handler ("libpeas", handler);
  g_log_set_always_fatal (fatal);
  g_assert_cmpuint (n_libpeas_warnings, >=, 3);

  g_test_add_func ("/plugins/misbehaving/load-problems-reported", test_load_problems);
  g_test_add_func ("/plugins/misbehaving/import-error-names-plugin", test_import_error);
  g_test_add_func ("/plugins/misbehaving/fails-without-error", test_fails_silently);
  g_test_add_func ("/plugins/misbehaving/error-and-success", test_error_and_success);
  g_test_add_func ("/plugins/misbehaving/stray-string-id", test_stray_string);
  g_test_add_func ("/plugins/misbehaving/not-utf8-repaired", test_not_utf8_repaired);

  ret = g_test_run ();

  g_object_unref (plugins);
  g_remove (broken);
  g_remove (nomodule);
  for (guint i = 0; i < 6; i++)
    {
      const char *ext[] = { "csv", "failing", "silent", "liar", "stray", "garbled" };
      g_autofree char *name = g_strdup_printf ("data.%s", ext[i]);
      g_autofree char *file = g_build_filename (tmp_dir, name, NULL);
      g_remove (file);
    }
  g_rmdir (tmp_dir);
  return ret;
}

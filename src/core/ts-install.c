/* ts-install.c — where an installed Touchstone finds its files
 *
 * The folders of the plugins, the bundled data and the translations are
 * configured under the install prefix.  An install that was moved — copied
 * from a staging DESTDIR, unpacked from an archive, placed under another
 * prefix — still finds them: when the running program sits in PREFIX/bin
 * of another PREFIX that holds the same folder, that one is used.  A
 * program in a build tree (tests, `meson devenv`) is not in such a bin and
 * keeps the configured folders, which the environment overrides anyway.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-install"
#define TS_CORE_COMPILATION

#include "config.h"

#include <string.h>

#include "ts-install.h"

/* the prefix the running program is installed under, or NULL */
static const char *
running_prefix (void)
{
  static gsize once;
  static char *prefix;

  if (g_once_init_enter (&once))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *bin = exe ? g_path_get_dirname (exe) : NULL;
      g_autofree char *bin_name = bin ? g_path_get_basename (bin) : NULL;
      g_autofree char *configured_bin = g_path_get_basename (TS_BINDIR);
      char *found = NULL;

      if (bin_name && g_str_equal (bin_name, configured_bin))
        found = g_path_get_dirname (bin);
      prefix = found;
      g_once_init_leave (&once, 1);
    }
  return prefix;
}

/**
 * ts_install_dir:
 * @configured: a folder under the configured prefix (TS_PLUGINDIR…)
 *
 * Returns: (transfer none): @configured, or the same folder under the
 *   prefix the running program was moved to when that one exists
 */
const char *
ts_install_dir (const char *configured)
{
  static GHashTable *known;   /* configured → resolved, for the process' life */
  static GMutex lock;
  const char *prefix = running_prefix ();
  const char *resolved;
  gsize n = strlen (TS_PREFIX);

  g_return_val_if_fail (configured != NULL, NULL);

  if (prefix == NULL || g_str_equal (prefix, TS_PREFIX) ||
      strncmp (configured, TS_PREFIX, n) != 0 || (configured[n] != '/' && configured[n] != '\0'))
    return configured;

  g_mutex_lock (&lock);
  if (known == NULL)
    known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  resolved = g_hash_table_lookup (known, configured);
  if (resolved == NULL)
    {
      char *moved = g_strconcat (prefix, configured + n, NULL);

      if (!g_file_test (moved, G_FILE_TEST_IS_DIR))
        {
          g_free (moved);
          moved = g_strdup (configured);
        }
      g_hash_table_insert (known, g_strdup (configured), moved);
      resolved = moved;
    }
  g_mutex_unlock (&lock);
  return resolved;
}

/**
 * ts_install_locale_dir:
 *
 * The folder of the message catalogs, for bindtextdomain(): that of
 * $TOUCHSTONE_LOCALEDIR when it is set (`meson devenv` and the tests set it to
 * the catalogs the build tree compiles), else the installed one.
 *
 * Returns: (transfer none): the locale folder
 */
const char *
ts_install_locale_dir (void)
{
  const char *env = g_getenv ("TOUCHSTONE_LOCALEDIR");

  if (env != NULL && env[0] != '\0')
    return env;
  return ts_install_dir (LOCALEDIR);
}

/* test-groups.h — one test program run as several meson tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test program whose cases take minutes is run by meson as a few tests,
 * each with its own time and all sharing the cores: a group is the cases
 * under one path (GLib's own `-p PREFIX`), and the rest is run with
 * `--skip-prefix=PREFIX` for each group.  GLib knows --skip-prefix only from
 * 2.78, so it is read here: call ts_test_groups_init() before g_test_init(),
 * and a case under a skipped prefix is never added (rather than reported as
 * skipped, which would count it twice).
 */
#pragma once

#include <glib.h>
#include <string.h>

static GPtrArray *ts_test_skipped_prefixes;

static inline void
ts_test_groups_init (int    *argc,
                     char ***argv)
{
  int kept = 1;

  ts_test_skipped_prefixes = g_ptr_array_new ();
  for (int i = 1; i < *argc; i++)
    {
      if (g_str_has_prefix ((*argv)[i], "--skip-prefix="))
        g_ptr_array_add (ts_test_skipped_prefixes, (*argv)[i] + strlen ("--skip-prefix="));
      else
        (*argv)[kept++] = (*argv)[i];
    }
  *argc = kept;
  (*argv)[kept] = NULL;
}

static inline void
ts_test_add_func (const char *path,
                  GTestFunc   func)
{
  for (guint i = 0; ts_test_skipped_prefixes != NULL && i < ts_test_skipped_prefixes->len; i++)
    {
      const char *prefix = g_ptr_array_index (ts_test_skipped_prefixes, i);
      gsize n = strlen (prefix);

      if (strncmp (path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/'))
        return;
    }
  g_test_add_func (path, func);
}

/* the cases below add themselves through the groups */
#define g_test_add_func ts_test_add_func

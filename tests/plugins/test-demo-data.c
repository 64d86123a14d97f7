/* test-demo-data.c — the bundled demo workspace, imported, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "test-demo-data.h"

/**
 * test_import_demo:
 * @workspace: (out) (optional) (transfer full): the demo's workspace
 *
 * Returns: (transfer full): the demo's sources, imported with its mapping
 */
TsDataset *
test_import_demo (TsWorkspace **workspace)
{
  g_autoptr(GFile) file = ts_workspace_dup_demo_file ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsWorkspace) loaded = ts_workspace_load (file, &error);
  g_autoptr(TsMapping) mapping = NULL;
  g_autoptr(TsPluginManager) plugins = NULL;
  g_auto(GStrv) paths = NULL;
  TsDataset *dataset;

  g_assert_no_error (error);
  paths = ts_workspace_dup_paths (loaded);
  mapping = ts_workspace_build_mapping (loaded);
  plugins = ts_plugin_manager_new (NULL);
  dataset = ts_importer_import (plugins, (const char *const *) paths, mapping, NULL, NULL, &error);
  g_assert_no_error (error);
  if (workspace)
    *workspace = g_steal_pointer (&loaded);
  return dataset;
}

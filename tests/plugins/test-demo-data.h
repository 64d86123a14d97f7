/* test-demo-data.h — the bundled demo workspace, imported, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <touchstone.h>

G_BEGIN_DECLS

TsDataset *test_import_demo (TsWorkspace **workspace);

G_END_DECLS

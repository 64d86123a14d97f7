/* test-rows.h — rows of the canonical tables, written tersely in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <touchstone.h>

G_BEGIN_DECLS

guint32    test_intern (TsDatasetBuilder *b,
                        const char       *str);
void       test_append (TsDatasetBuilder *b,
                        TsTable           table,
                        ...);
TsDataset *test_finish (TsDatasetBuilder *b);
TsPlaybook *test_playbook_from (const char *text,
                                GError    **error);

G_END_DECLS

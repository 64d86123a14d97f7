/* ts-importer.h — files and folders in, one dataset out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-plugin-manager.h"

G_BEGIN_DECLS

TsDataset *ts_importer_import        (TsPluginManager     *plugins,
                                      const char * const  *paths,
                                      TsMapping           *mapping,
                                      TsImportJob         *job,
                                      GCancellable        *cancellable,
                                      GError             **error);
void       ts_importer_import_async  (TsPluginManager     *plugins,
                                      const char * const  *paths,
                                      TsMapping           *mapping,
                                      TsImportJob         *job,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
TsDataset *ts_importer_import_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS

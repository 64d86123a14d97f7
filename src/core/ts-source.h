/* ts-source.h — the interface every data-source plugin implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-dataset-builder.h"
#include "ts-import-job.h"
#include "ts-mapping.h"

G_BEGIN_DECLS

#define TS_SOURCE_ERROR (ts_source_error_quark ())

typedef enum
{
  TS_SOURCE_ERROR_FAILED,
  TS_SOURCE_ERROR_PARSE,
  TS_SOURCE_ERROR_EMPTY,
  TS_SOURCE_ERROR_UNKNOWN_TABLE,
  TS_SOURCE_ERROR_MISSING_COLUMN,
  TS_SOURCE_ERROR_NOT_SUPPORTED,
} TsSourceError;

#define TS_TYPE_SOURCE (ts_source_get_type ())

G_DECLARE_INTERFACE (TsSource, ts_source, TS, SOURCE, GObject)

struct _TsSourceInterface
{
  GTypeInterface parent_iface;

  const char        *(*get_id)        (TsSource         *self);
  const char        *(*get_name)      (TsSource         *self);
  const char *const *(*get_patterns)  (TsSource         *self);
  guint              (*probe)         (TsSource         *self,
                                       GFile            *file,
                                       GCancellable     *cancellable);
  gboolean           (*import)        (TsSource         *self,
                                       GFile            *file,
                                       TsMapping        *mapping,
                                       TsDatasetBuilder *builder,
                                       TsImportJob      *job,
                                       GCancellable     *cancellable,
                                       GError          **error);
  GPtrArray         *(*preview)       (TsSource         *self,
                                       GFile            *file,
                                       TsMapping        *mapping,
                                       guint             max_records,
                                       GCancellable     *cancellable,
                                       GError          **error);
};

GQuark             ts_source_error_quark  (void);

const char        *ts_source_get_id       (TsSource            *self);
const char        *ts_source_get_name     (TsSource            *self);
const char *const *ts_source_get_patterns (TsSource            *self);
guint              ts_source_probe        (TsSource            *self,
                                           GFile               *file,
                                           GCancellable        *cancellable);
gboolean           ts_source_import       (TsSource            *self,
                                           GFile               *file,
                                           TsMapping           *mapping,
                                           TsDatasetBuilder    *builder,
                                           TsImportJob         *job,
                                           GCancellable        *cancellable,
                                           GError             **error);
void               ts_source_import_async (TsSource            *self,
                                           GFile               *file,
                                           TsMapping           *mapping,
                                           TsDatasetBuilder    *builder,
                                           TsImportJob         *job,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean           ts_source_import_finish (TsSource           *self,
                                            GAsyncResult       *result,
                                            GError            **error);
GPtrArray         *ts_source_preview      (TsSource            *self,
                                           GFile               *file,
                                           TsMapping           *mapping,
                                           guint                max_records,
                                           GCancellable        *cancellable,
                                           GError             **error);

G_END_DECLS

/* ts-mapping.h — a user's overrides of what an importer guesses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "ts-csv-reader.h"
#include "ts-schema.h"
#include "ts-timestamp.h"

G_BEGIN_DECLS

#define TS_MAPPING_ERROR (ts_mapping_error_quark ())

typedef enum
{
  TS_MAPPING_ERROR_PARSE,
  TS_MAPPING_ERROR_INVALID,
} TsMappingError;

typedef struct _TsMapping TsMapping;

#define TS_TYPE_MAPPING (ts_mapping_get_type ())

GQuark             ts_mapping_error_quark       (void);
GType              ts_mapping_get_type          (void) G_GNUC_CONST;
TsMapping         *ts_mapping_new               (void);
TsMapping         *ts_mapping_new_from_file     (const char   *path,
                                                 GError      **error);
TsMapping         *ts_mapping_new_from_data     (const char   *data,
                                                 gssize        len,
                                                 GError      **error);
TsMapping         *ts_mapping_ref               (TsMapping    *self);
void               ts_mapping_unref             (TsMapping    *self);
TsMapping         *ts_mapping_resolve           (TsMapping    *self,
                                                 const char   *path);

TsTable            ts_mapping_get_table         (TsMapping    *self);
const char        *ts_mapping_get_plugin        (TsMapping    *self);
const char        *ts_mapping_get_identity      (TsMapping    *self);
char               ts_mapping_get_delimiter     (TsMapping    *self);
TsCsvEncoding      ts_mapping_get_encoding      (TsMapping    *self);
gboolean           ts_mapping_get_header        (TsMapping    *self);
const char *const *ts_mapping_get_null_markers  (TsMapping    *self);
GTimeZone         *ts_mapping_get_time_zone     (TsMapping    *self);
TsTimeFormat       ts_mapping_get_time_format   (TsMapping    *self);
gboolean           ts_mapping_lookup_column     (TsMapping    *self,
                                                 const char   *column,
                                                 const char  **field,
                                                 TsTimeFormat *format,
                                                 GTimeZone   **zone);
char             **ts_mapping_get_keep_columns  (TsMapping    *self);
char             **ts_mapping_get_keep_values   (TsMapping    *self,
                                                 const char   *column);
const char        *ts_mapping_get_constant      (TsMapping    *self,
                                                 const char   *field);
void               ts_mapping_set_wanted_fields (TsMapping    *self,
                                                 TsTable       table,
                                                 guint32       fields);
guint32            ts_mapping_get_wanted_fields (TsMapping    *self,
                                                 TsTable       table);
gboolean           ts_mapping_is_field_wanted   (TsMapping    *self,
                                                 TsTable       table,
                                                 guint         field);
JsonNode          *ts_mapping_to_json           (TsMapping    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsMapping, ts_mapping_unref)

G_END_DECLS

/* tsp-sf-readers.h — Salesforce CSV and JSON into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsp-sf-store.h"

G_BEGIN_DECLS

typedef struct
{
  SfStore            *store;
  TsMapping          *mapping;
  const char *const  *mapped_columns;   /* columns the mapping names */
  GHashTable         *unused;           /* object name → GUINT_TO_POINTER (records) */
  GCancellable       *cancellable;
} SfReadContext;

typedef enum
{
  SF_READ_OK,
  SF_READ_NOT_SALESFORCE,   /* no known object: nothing was read */
  SF_READ_FAILED,           /* @error is set; records before the failure were kept */
} SfReadResult;

SfReadResult sf_read_csv  (SfReadContext  *ctx,
                           TsCsvReader    *reader,
                           const char     *display,
                           GError        **error);
SfReadResult sf_read_json (SfReadContext  *ctx,
                           const char     *data,
                           gsize           len,
                           const char     *display,
                           GError        **error);

int          sf_csv_detect (TsCsvReader  *reader,
                            const char   *display,
                            GPtrArray   **lower_names,
                            GPtrArray   **names,
                            gsize        *body,
                            guint64      *body_line,
                            gboolean     *looks_salesforce,
                            GError      **error);

gboolean     sf_header_looks_salesforce (const char *const *lower_names,
                                         guint              n);
char        *sf_json_value_to_string    (JsonNode          *node);
gboolean     sf_json_looks_salesforce   (const char        *data,
                                         gsize              len);

G_END_DECLS

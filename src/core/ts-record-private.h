/* ts-record-private.h — one record's fields, as conditions see them
 *
 * Shared by the scorer (signal filters) and the driver index (driver
 * filters): the same names mean the same thing in both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ts-dataset.h"
#include "ts-expr.h"

G_BEGIN_DECLS

typedef struct
{
  TsDataset      *dataset;
  TsTable         table;
  TsTime          as_of;
  guint           row;
  gconstpointer   columns[16];
  /* event properties, parsed once per row */
  JsonParser     *parser;
  guint           parsed_row;
  JsonObject     *properties;
} TsRecord;

void     _ts_record_init       (TsRecord    *r,
                                TsDataset   *dataset,
                                TsTable      table,
                                TsTime       as_of);
void     _ts_record_clear      (TsRecord    *r);
gboolean _ts_record_resolve    (const char  *name,
                                TsExprValue *out,
                                gpointer     user_data);
gboolean _ts_record_name_known (TsTable      table,
                                const char  *name);
guint32  _ts_record_name_fields (TsTable     table,
                                 const char *name);

G_END_DECLS

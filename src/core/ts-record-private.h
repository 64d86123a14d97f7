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

void     _ts_records_init      (TsRecord    *records,
                                TsDataset   *dataset,
                                TsTime       as_of);
void     _ts_records_clear     (TsRecord    *records);
gboolean _ts_record_span       (TsDataset   *dataset,
                                TsTime      *from,
                                TsTime      *to,
                                GError     **error);
const guint32 *_ts_record_by_customer (TsDataset *dataset,
                                       TsTable    table);
TsTime   _ts_record_data_start (TsDataset   *dataset);

/* A filter that reads one string field has the same result for every row
 * with the same string: evaluated once per string (as in the scorer). */
typedef struct
{
  TsExpr        *filter;   /* NULL: every record passes */
  const guint32 *column;   /* NULL: no memo */
  guint8        *known;    /* per string id: 0 not yet, 1 fails, 2 passes */
} TsRecordFilter;

void     _ts_record_filter_init  (TsRecordFilter *f,
                                  TsDataset      *dataset,
                                  TsTable         table,
                                  TsExpr         *filter);
void     _ts_record_filter_clear (TsRecordFilter *f);
gboolean _ts_record_filter_eval  (TsRecordFilter *f,
                                  TsRecord       *r,
                                  guint           row,
                                  gboolean       *pass,
                                  GError        **error);

/* What a survey answer's kind says, cached per string id */
typedef enum
{
  TS_ANSWER_UNKNOWN,
  TS_ANSWER_NPS,           /* 0..10 */
  TS_ANSWER_CSAT,          /* 1..5 */
  TS_ANSWER_OTHER,
} TsAnswerKind;

typedef struct
{
  TsDataset *dataset;
  guint8    *kinds;        /* per string id: a TsAnswerKind */
} TsAnswerKinds;

void         _ts_answer_kinds_init  (TsAnswerKinds *k,
                                     TsDataset     *dataset);
void         _ts_answer_kinds_clear (TsAnswerKinds *k);
TsAnswerKind _ts_answer_kinds_get   (TsAnswerKinds *k,
                                     guint          row);

G_END_DECLS

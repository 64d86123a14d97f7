/* ts-dataset.h — the canonical tables, columnar and immutable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-schema.h"
#include "ts-strpool.h"
#include "ts-source-info.h"
#include "ts-problem.h"

G_BEGIN_DECLS

#define TS_DATASET_ERROR (ts_dataset_error_quark ())

typedef enum
{
  TS_DATASET_ERROR_FAILED,
  TS_DATASET_ERROR_TOO_LARGE,
} TsDatasetError;

/* Booleans in columns: 0 false, 1 true, 2 unknown. */
#define TS_BOOL_UNKNOWN 2

/* One cell while building.  Null: str 0, time TS_TIME_NULL, number NAN,
 * flag TS_BOOL_UNKNOWN (booleans) or TS_CONSENT_UNKNOWN (consent). */
typedef union
{
  guint32 str;
  TsTime  time;
  double  number;
  guint8  flag;
} TsValue;

/* Column views.  Every fact table is sorted by (customer, time);
 * `by_customer[c] .. by_customer[c + 1]` are customer c's rows. */
typedef struct
{
  guint          n_rows;
  const guint32 *id;
  const guint32 *email;
  const guint32 *account_id;
  const guint32 *name;
  const guint32 *stage;
  const guint32 *segment;
  const guint32 *plan;
  const double  *value;
  const TsTime  *created_at;
  const TsTime  *onboarding_started_at;
  const TsTime  *renewal_at;
  const TsTime  *churned_at;
  const guint32 *timezone;
  const guint8  *consent[5];   /* email, sms, phone, in_app, push */
  const guint8  *implicit;     /* 1: known only from references in other tables */
} TsCustomers;

typedef struct
{
  guint          n_rows;
  const guint32 *customer;     /* row in customers */
  const TsTime  *at;
  const guint32 *name;
  const guint32 *channel;
  const double  *value;
  const guint32 *properties;   /* JSON object text, parsed on demand */
  const guint32 *by_customer;
} TsEvents;

typedef struct
{
  guint          n_rows;
  const guint32 *customer;
  const guint32 *case_id;
  const TsTime  *opened_at;
  const TsTime  *first_response_at;
  const TsTime  *closed_at;
  const guint32 *status;
  const guint32 *priority;
  const guint32 *origin;
  const guint32 *category;
  const guint8  *escalated;
  const double  *reopened_count;
  const guint32 *by_customer;
} TsCases;

typedef struct
{
  guint          n_rows;
  const guint32 *customer;
  const TsTime  *at;
  const guint32 *channel;
  const guint32 *campaign;
  const guint32 *kind;
  const guint32 *promise;
  const guint32 *by_customer;
} TsTouches;

typedef struct
{
  guint          n_rows;
  const guint32 *customer;
  const TsTime  *at;
  const guint32 *kind;
  const double  *score;
  const guint32 *comment;
  const guint32 *by_customer;
} TsResponses;

typedef struct
{
  guint          n_rows;
  const guint32 *customer;
  const guint32 *list;
  const guint32 *by_customer;
} TsLists;

#define TS_TYPE_DATASET (ts_dataset_get_type ())

G_DECLARE_FINAL_TYPE (TsDataset, ts_dataset, TS, DATASET, GObject)

GQuark              ts_dataset_error_quark      (void);

TsDataset          *ts_dataset_new_empty        (void);
const TsCustomers  *ts_dataset_get_customers    (TsDataset  *self);
const TsEvents     *ts_dataset_get_events       (TsDataset  *self);
const TsCases      *ts_dataset_get_cases        (TsDataset  *self);
const TsTouches    *ts_dataset_get_touches      (TsDataset  *self);
const TsResponses  *ts_dataset_get_responses    (TsDataset  *self);
const TsLists      *ts_dataset_get_lists        (TsDataset  *self);

guint               ts_dataset_get_n_rows       (TsDataset  *self,
                                                 TsTable     table);
gconstpointer       ts_dataset_get_column       (TsDataset  *self,
                                                 TsTable     table,
                                                 guint       field);
gboolean            ts_dataset_get_time_range   (TsDataset  *self,
                                                 TsTable     table,
                                                 TsTime     *first,
                                                 TsTime     *last);
TsStrPool          *ts_dataset_get_strings      (TsDataset  *self);
const char         *ts_dataset_get_string       (TsDataset  *self,
                                                 guint32     id);
guint               ts_time_lower_bound         (const TsTime *time,
                                                 guint         lo,
                                                 guint         hi,
                                                 TsTime        t);
const char         *ts_dataset_get_customer_id  (TsDataset  *self,
                                                 guint       customer);
int                 ts_dataset_find_customer    (TsDataset  *self,
                                                 const char *customer_id);
guint               ts_dataset_get_n_implicit_customers (TsDataset *self);
guint               ts_dataset_get_n_merged_by_email    (TsDataset *self);
guint               ts_dataset_get_n_matched_customers  (TsDataset *self);
GPtrArray          *ts_dataset_get_sources      (TsDataset  *self);
GPtrArray          *ts_dataset_get_problems     (TsDataset  *self);
guint64             ts_dataset_get_n_problems   (TsDataset  *self);
gsize               ts_dataset_get_memory       (TsDataset  *self);

G_END_DECLS

/* ts-schema.h — the canonical tables every source produces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-types.h"

G_BEGIN_DECLS

typedef enum
{
  TS_TABLE_CUSTOMERS,
  TS_TABLE_EVENTS,
  TS_TABLE_CASES,
  TS_TABLE_TOUCHES,
  TS_TABLE_RESPONSES,
  TS_TABLE_LISTS,
  TS_N_TABLES,
  TS_TABLE_NONE = -1,
} TsTable;

/* No table has more fields than this. */
#define TS_MAX_ROW_FIELDS 24

typedef enum
{
  TS_FIELD_TYPE_STRING,      /* interned */
  TS_FIELD_TYPE_TIME,
  TS_FIELD_TYPE_NUMBER,
  TS_FIELD_TYPE_BOOLEAN,
  TS_FIELD_TYPE_CONSENT,
  TS_FIELD_TYPE_PROPERTIES,  /* JSON object text */
} TsFieldType;

/* Fields, numbered per table.  The customer reference of the fact tables is
 * always field 0 ("customer_id"). */
typedef enum
{
  TS_CUSTOMER_ID, TS_CUSTOMER_EMAIL, TS_CUSTOMER_ACCOUNT_ID, TS_CUSTOMER_NAME,
  TS_CUSTOMER_STAGE, TS_CUSTOMER_SEGMENT, TS_CUSTOMER_PLAN, TS_CUSTOMER_VALUE,
  TS_CUSTOMER_CREATED_AT, TS_CUSTOMER_ONBOARDING_STARTED_AT, TS_CUSTOMER_RENEWAL_AT,
  TS_CUSTOMER_CHURNED_AT, TS_CUSTOMER_TIMEZONE, TS_CUSTOMER_CONSENT_EMAIL,
  TS_CUSTOMER_CONSENT_SMS, TS_CUSTOMER_CONSENT_PHONE, TS_CUSTOMER_CONSENT_IN_APP,
  TS_CUSTOMER_CONSENT_PUSH,
  TS_CUSTOMER_N_FIELDS
} TsCustomerField;

typedef enum
{
  TS_EVENT_CUSTOMER, TS_EVENT_AT, TS_EVENT_NAME, TS_EVENT_CHANNEL, TS_EVENT_VALUE,
  TS_EVENT_PROPERTIES,
  TS_EVENT_N_FIELDS
} TsEventField;

typedef enum
{
  TS_CASE_CUSTOMER, TS_CASE_ID, TS_CASE_OPENED_AT, TS_CASE_FIRST_RESPONSE_AT,
  TS_CASE_CLOSED_AT, TS_CASE_STATUS, TS_CASE_PRIORITY, TS_CASE_ORIGIN, TS_CASE_CATEGORY,
  TS_CASE_ESCALATED, TS_CASE_REOPENED_COUNT,
  TS_CASE_N_FIELDS
} TsCaseField;

typedef enum
{
  TS_TOUCH_CUSTOMER, TS_TOUCH_AT, TS_TOUCH_CHANNEL, TS_TOUCH_CAMPAIGN, TS_TOUCH_KIND,
  TS_TOUCH_PROMISE,
  TS_TOUCH_N_FIELDS
} TsTouchField;

typedef enum
{
  TS_RESPONSE_CUSTOMER, TS_RESPONSE_AT, TS_RESPONSE_KIND, TS_RESPONSE_SCORE,
  TS_RESPONSE_COMMENT,
  TS_RESPONSE_N_FIELDS
} TsResponseField;

typedef enum
{
  TS_LIST_CUSTOMER, TS_LIST_NAME,
  TS_LIST_N_FIELDS
} TsListField;

typedef enum
{
  TS_CONSENT_UNKNOWN = 0,
  TS_CONSENT_GRANTED,
  TS_CONSENT_DENIED,
} TsConsent;

typedef struct
{
  const char        *name;
  TsFieldType        type;
  const char *const *synonyms;   /* normalised header names */
} TsFieldInfo;

const char        *ts_table_get_name        (TsTable      table);
TsTable            ts_table_from_name       (const char  *name);
guint              ts_table_get_n_fields    (TsTable      table);
const TsFieldInfo *ts_table_get_field       (TsTable      table,
                                             guint        field);
int                ts_table_find_field      (TsTable      table,
                                             const char  *name);
int                ts_table_get_time_field  (TsTable      table);

char              *ts_schema_normalize_header (const char *header,
                                               gssize      len);
int                ts_schema_match_header   (TsTable      table,
                                             const char  *normalized);
void               ts_schema_map_columns    (TsTable      table,
                                             const char *const *headers,
                                             guint        n_headers,
                                             int         *field_of_column);
TsTable            ts_schema_guess_table    (const char *const *headers,
                                             guint        n_headers,
                                             const char  *file_name,
                                             int         *out_score);
gboolean           ts_schema_table_has_required (TsTable     table,
                                                 const int  *field_of_column,
                                                 guint       n_columns);
const char        *ts_schema_describe_requirement (TsTable table);

TsConsent          ts_consent_parse         (const char  *str,
                                             gsize        len);
const char        *ts_consent_to_string     (TsConsent    consent);
gboolean           ts_boolean_parse         (const char  *str,
                                             gsize        len,
                                             gboolean    *out_value);
gboolean           ts_number_parse          (const char  *str,
                                             gsize        len,
                                             double      *out_value);

G_END_DECLS

/* ts-record.c — one record's fields, as conditions see them
 *
 * A record of events, cases, touches or responses is read as of a moment:
 * a time field that holds a moment at or after it reads as null — the case
 * closed tomorrow is open today — and a case's `status` is null while its
 * closing is still to come.  Besides the table's fields a condition can
 * name:
 *
 *   properties.KEY           events: a member of the properties object
 *   open                     cases: opened and not closed at the moment
 *   hours_to_first_response  cases: hours from opened to the first response;
 *                            null while there is none
 *   hours_to_close           cases: hours from opened to closed; null while open
 *   hours_open               cases: hours from opened to closed, or to the
 *                            moment while it is open (its age)
 *
 * The expression language compares fields with constants, not two fields
 * with each other: these computed hours are how a filter asks how long
 * something took ("hours_to_first_response > 8").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-record"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ts-json-text.h"
#include "ts-record-private.h"
#include "ts-scorer.h"

G_STATIC_ASSERT (TS_CASE_N_FIELDS <= 16 && TS_EVENT_N_FIELDS <= 16 &&
                 TS_TOUCH_N_FIELDS <= 16 && TS_RESPONSE_N_FIELDS <= 16);

static const char *const case_hours[] = { "hours_to_first_response", "hours_to_close", "hours_open" };

void
_ts_record_init (TsRecord  *r,
                 TsDataset *dataset,
                 TsTable    table,
                 TsTime     as_of)
{
  memset (r, 0, sizeof *r);
  r->dataset = dataset;
  r->table = table;
  r->as_of = as_of;
  r->parsed_row = G_MAXUINT;
  for (guint f = 0; f < ts_table_get_n_fields (table); f++)
    r->columns[f] = ts_dataset_get_column (dataset, table, f);
}

void
_ts_record_clear (TsRecord *r)
{
  g_clear_object (&r->parser);
}

static TsTime
record_time (TsRecord *r,
             guint     field)
{
  TsTime t = ((const TsTime *) r->columns[field])[r->row];

  return t == TS_TIME_NULL || t >= r->as_of ? TS_TIME_NULL : t;
}

static gboolean
property_value (TsRecord    *r,
                const char  *key,
                TsExprValue *out)
{
  JsonNode *n;

  if (r->parsed_row != r->row)
    {
      guint32 text = ((const guint32 *) r->columns[TS_EVENT_PROPERTIES])[r->row];
      JsonNode *root;

      r->parsed_row = r->row;
      r->properties = NULL;
      if (text == TS_STR_NULL)
        return TRUE;
      if (r->parser == NULL)
        r->parser = json_parser_new_immutable ();
      if (!ts_json_parser_load (r->parser, NULL, ts_dataset_get_string (r->dataset, text), -1, NULL))
        return TRUE;
      root = json_parser_get_root (r->parser);
      if (root && JSON_NODE_HOLDS_OBJECT (root))
        r->properties = json_node_get_object (root);
    }
  if (r->properties == NULL || (n = json_object_get_member (r->properties, key)) == NULL ||
      !JSON_NODE_HOLDS_VALUE (n))
    return TRUE;
  switch (json_node_get_value_type (n))
    {
    case G_TYPE_STRING:
      *out = (TsExprValue) { TS_VALUE_STRING, 0, json_node_get_string (n) };
      break;
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      *out = (TsExprValue) { TS_VALUE_NUMBER, json_node_get_double (n), NULL };
      break;
    case G_TYPE_BOOLEAN:
      *out = (TsExprValue) { TS_VALUE_BOOLEAN, json_node_get_boolean (n), NULL };
      break;
    default:
      break;
    }
  return TRUE;
}

/* the computed hours of a case (see the top of the file) */
static void
case_hours_value (TsRecord    *r,
                  guint        which,
                  TsExprValue *out)
{
  TsTime opened = record_time (r, TS_CASE_OPENED_AT);
  TsTime end;

  if (opened == TS_TIME_NULL)
    return;
  switch (which)
    {
    case 0:
      end = record_time (r, TS_CASE_FIRST_RESPONSE_AT);
      break;
    case 1:
      end = record_time (r, TS_CASE_CLOSED_AT);
      break;
    default:
      end = record_time (r, TS_CASE_CLOSED_AT);
      if (end == TS_TIME_NULL)
        end = r->as_of;
      break;
    }
  if (end == TS_TIME_NULL || end < opened)
    return;
  *out = (TsExprValue) { TS_VALUE_NUMBER, (double) (end - opened) / (3600.0 * G_USEC_PER_SEC), NULL };
}

/**
 * _ts_record_resolve:
 * @user_data: a #TsRecord whose row is set
 *
 * A #TsExprResolver for the record's fields as of its moment.
 */
gboolean
_ts_record_resolve (const char  *name,
                    TsExprValue *out,
                    gpointer     user_data)
{
  TsRecord *r = user_data;
  int f;

  out->type = TS_VALUE_NULL;

  if (r->table == TS_TABLE_CASES)
    {
      if (strcmp (name, "open") == 0)
        {
          TsTime opened = record_time (r, TS_CASE_OPENED_AT);
          TsTime closed = record_time (r, TS_CASE_CLOSED_AT);

          *out = (TsExprValue) { TS_VALUE_BOOLEAN, opened != TS_TIME_NULL && closed == TS_TIME_NULL, NULL };
          return TRUE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (case_hours); i++)
        if (strcmp (name, case_hours[i]) == 0)
          {
            case_hours_value (r, i, out);
            return TRUE;
          }
    }
  if (r->table == TS_TABLE_EVENTS && g_str_has_prefix (name, "properties."))
    return property_value (r, name + strlen ("properties."), out);

  f = ts_table_find_field (r->table, name);
  if (f < 0)
    return FALSE;
  if (f == 0)
    {
      /* the customer column holds rows of the customers table */
      guint32 c = ((const guint32 *) r->columns[0])[r->row];
      out->type = TS_VALUE_STRING;
      out->string = ts_dataset_get_string (r->dataset, ts_dataset_get_customers (r->dataset)->id[c]);
      return TRUE;
    }
  /* a status recorded after the moment is not known at it */
  if (r->table == TS_TABLE_CASES && f == TS_CASE_STATUS &&
      ((const TsTime *) r->columns[TS_CASE_CLOSED_AT])[r->row] != TS_TIME_NULL &&
      record_time (r, TS_CASE_CLOSED_AT) == TS_TIME_NULL)
    return TRUE;

  switch (ts_table_get_field (r->table, f)->type)
    {
    case TS_FIELD_TYPE_STRING:
    case TS_FIELD_TYPE_PROPERTIES:
      {
        guint32 id = ((const guint32 *) r->columns[f])[r->row];
        if (id != TS_STR_NULL)
          *out = (TsExprValue) { TS_VALUE_STRING, 0, ts_dataset_get_string (r->dataset, id) };
      }
      break;
    case TS_FIELD_TYPE_TIME:
      {
        TsTime t = record_time (r, f);
        if (t != TS_TIME_NULL)
          *out = (TsExprValue) { TS_VALUE_NUMBER, (double) t / G_USEC_PER_SEC, NULL };
      }
      break;
    case TS_FIELD_TYPE_NUMBER:
      {
        double v = ((const double *) r->columns[f])[r->row];
        if (!isnan (v))
          *out = (TsExprValue) { TS_VALUE_NUMBER, v, NULL };
      }
      break;
    case TS_FIELD_TYPE_BOOLEAN:
      {
        guint8 b = ((const guint8 *) r->columns[f])[r->row];
        if (b != TS_BOOL_UNKNOWN)
          *out = (TsExprValue) { TS_VALUE_BOOLEAN, b, NULL };
      }
      break;
    case TS_FIELD_TYPE_CONSENT:
      {
        guint8 c = ((const guint8 *) r->columns[f])[r->row];
        if (c != TS_CONSENT_UNKNOWN)
          *out = (TsExprValue) { TS_VALUE_STRING, 0, ts_consent_to_string (c) };
      }
      break;
    default:
      break;
    }
  return TRUE;
}

/**
 * _ts_record_name_known:
 *
 * Returns: whether a filter over @table can name @name: the table's fields,
 *   properties.KEY of events, and the computed names of cases
 */
gboolean
_ts_record_name_known (TsTable     table,
                       const char *name)
{
  if (table == TS_TABLE_CASES && g_str_equal (name, "open"))
    return TRUE;
  if (table == TS_TABLE_CASES && g_strv_contains ((const char *const *) case_hours, name))
    return TRUE;
  if (g_str_has_prefix (name, "properties.") && ts_table_find_field (table, "properties") >= 0)
    return name[strlen ("properties.")] != '\0';
  return ts_table_find_field (table, name) >= 0;
}

/**
 * _ts_record_name_fields:
 *
 * Returns: the fields of @table (a bit each) that reading @name needs
 */
guint32
_ts_record_name_fields (TsTable     table,
                        const char *name)
{
  int f;

  if (table == TS_TABLE_EVENTS && g_str_has_prefix (name, "properties."))
    return 1u << TS_EVENT_PROPERTIES;
  if (table == TS_TABLE_CASES)
    {
      if (strcmp (name, "open") == 0 || strcmp (name, "hours_to_close") == 0 || strcmp (name, "hours_open") == 0)
        return 1u << TS_CASE_OPENED_AT | 1u << TS_CASE_CLOSED_AT;
      if (strcmp (name, "hours_to_first_response") == 0)
        return 1u << TS_CASE_OPENED_AT | 1u << TS_CASE_FIRST_RESPONSE_AT;
      if (strcmp (name, "status") == 0)
        return 1u << TS_CASE_STATUS | 1u << TS_CASE_CLOSED_AT;   /* known once closed */
    }
  f = ts_table_find_field (table, name);
  return f >= 0 ? 1u << f : 0;
}

/* @records: TS_N_TABLES of them, one per table; those of the fact tables
 * (events, cases, touches, responses) are read as of @as_of */
void
_ts_records_init (TsRecord  *records,
                  TsDataset *dataset,
                  TsTime     as_of)
{
  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      memset (&records[t], 0, sizeof records[t]);
      if (t == TS_TABLE_EVENTS || t == TS_TABLE_CASES || t == TS_TABLE_TOUCHES || t == TS_TABLE_RESPONSES)
        _ts_record_init (&records[t], dataset, t, as_of);
    }
}

void
_ts_records_clear (TsRecord *records)
{
  for (guint t = 0; t < TS_N_TABLES; t++)
    _ts_record_clear (&records[t]);
}

/**
 * _ts_record_span:
 * @from: (inout): %TS_TIME_NULL: the data's first record
 * @to: (inout): %TS_TIME_NULL: the midnight after the data's last record
 *
 * A report's period, [from, to), with its defaults.
 *
 * Returns: %FALSE with @error set when @from is not before @to
 */
gboolean
_ts_record_span (TsDataset  *dataset,
                 TsTime     *from,
                 TsTime     *to,
                 GError    **error)
{
  if (*to == TS_TIME_NULL)
    *to = ts_scorer_default_as_of (dataset);
  if (*from == TS_TIME_NULL)
    *from = _ts_record_data_start (dataset);
  if (*from == TS_TIME_NULL)
    *from = *to - (TsTime) 86400 * G_USEC_PER_SEC;
  if (*from >= *to)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("the start must come before the end"));
      return FALSE;
    }
  return TRUE;
}

/**
 * _ts_record_by_customer:
 *
 * Returns: @table's by-customer index: customer c's rows are
 *   [by_customer[c], by_customer[c + 1]), in time order
 */
const guint32 *
_ts_record_by_customer (TsDataset *dataset,
                        TsTable    table)
{
  switch (table)
    {
    case TS_TABLE_EVENTS: return ts_dataset_get_events (dataset)->by_customer;
    case TS_TABLE_CASES: return ts_dataset_get_cases (dataset)->by_customer;
    case TS_TABLE_TOUCHES: return ts_dataset_get_touches (dataset)->by_customer;
    case TS_TABLE_RESPONSES: return ts_dataset_get_responses (dataset)->by_customer;
    default: g_assert_not_reached ();
    }
  return NULL;
}

/**
 * _ts_record_data_start:
 *
 * Returns: the time of the data's first event, case, touch or answer;
 *   %TS_TIME_NULL when there is none
 */
TsTime
_ts_record_data_start (TsDataset *dataset)
{
  static const TsTable tables[] = { TS_TABLE_EVENTS, TS_TABLE_CASES, TS_TABLE_TOUCHES, TS_TABLE_RESPONSES };
  TsTime earliest = TS_TIME_NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      TsTime first, last;

      if (ts_dataset_get_time_range (dataset, tables[i], &first, &last) &&
          (earliest == TS_TIME_NULL || first < earliest))
        earliest = first;
    }
  return earliest;
}

void
_ts_record_filter_init (TsRecordFilter *f,
                        TsDataset      *dataset,
                        TsTable         table,
                        TsExpr         *filter)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int field;

  f->filter = filter;
  f->column = NULL;
  f->known = NULL;
  if (filter == NULL)
    return;
  ts_expr_collect_names (filter, names);
  /* a case's status reads as null until its closing: not one value per string */
  if (names->len != 1 || (field = ts_table_find_field (table, names->pdata[0])) <= 0 ||
      ts_table_get_field (table, field)->type != TS_FIELD_TYPE_STRING ||
      (table == TS_TABLE_CASES && field == TS_CASE_STATUS))
    return;
  f->column = ts_dataset_get_column (dataset, table, field);
  f->known = g_new0 (guint8, MAX (ts_str_pool_get_size (ts_dataset_get_strings (dataset)), 1));
}

void
_ts_record_filter_clear (TsRecordFilter *f)
{
  g_clear_pointer (&f->known, g_free);
}

/* whether @row of @r's table passes the filter; @r is moved to @row */
gboolean
_ts_record_filter_eval (TsRecordFilter *f,
                        TsRecord       *r,
                        guint           row,
                        gboolean       *pass,
                        GError        **error)
{
  guint8 *known = f->column ? &f->known[f->column[row]] : NULL;

  *pass = TRUE;
  if (f->filter == NULL)
    return TRUE;
  if (known && *known)
    {
      *pass = *known == 2;
      return TRUE;
    }
  r->row = row;
  if (!ts_expr_eval_bool (f->filter, _ts_record_resolve, r, pass, error))
    return FALSE;
  if (known)
    *known = *pass ? 2 : 1;
  return TRUE;
}

void
_ts_answer_kinds_init (TsAnswerKinds *k,
                       TsDataset     *dataset)
{
  k->dataset = dataset;
  k->kinds = g_new0 (guint8, MAX (ts_str_pool_get_size (ts_dataset_get_strings (dataset)), 1));
}

void
_ts_answer_kinds_clear (TsAnswerKinds *k)
{
  g_clear_pointer (&k->kinds, g_free);
}

/* the kind of the answer in @row of the responses: NPS or CSAT by its
 * kind's name (any case), anything else OTHER; an answer with no score is
 * OTHER too */
TsAnswerKind
_ts_answer_kinds_get (TsAnswerKinds *k,
                      guint          row)
{
  const TsResponses *r = ts_dataset_get_responses (k->dataset);
  guint32 id = r->kind[row];
  guint8 *kind;
  const char *s;

  if (id == TS_STR_NULL || isnan (r->score[row]))
    return TS_ANSWER_OTHER;
  kind = &k->kinds[id];
  if (*kind)
    return *kind;
  s = ts_dataset_get_string (k->dataset, id);
  if (s && g_ascii_strcasecmp (s, "nps") == 0)
    *kind = TS_ANSWER_NPS;
  else if (s && g_ascii_strcasecmp (s, "csat") == 0)
    *kind = TS_ANSWER_CSAT;
  else
    *kind = TS_ANSWER_OTHER;
  return *kind;
}

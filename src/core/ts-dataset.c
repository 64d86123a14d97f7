/* ts-dataset.c — the canonical tables, columnar and immutable
 *
 * Strings are interned once; every table is a set of parallel column arrays;
 * fact tables are sorted by (customer, time), so one customer's history is
 * one contiguous slice.  A dataset never changes once built, so any number of
 * threads may read it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-dataset"
#define TS_CORE_COMPILATION

#include "config.h"

#include <string.h>

#include "ts-dataset.h"
#include "ts-dataset-private.h"

G_DEFINE_QUARK (ts-dataset-error-quark, ts_dataset_error)
G_DEFINE_FINAL_TYPE (TsDataset, ts_dataset, G_TYPE_OBJECT)

guint8
_ts_field_type_width (TsFieldType type)
{
  switch (type)
    {
    case TS_FIELD_TYPE_TIME:
    case TS_FIELD_TYPE_NUMBER:
      return 8;
    case TS_FIELD_TYPE_BOOLEAN:
    case TS_FIELD_TYPE_CONSENT:
      return 1;
    case TS_FIELD_TYPE_STRING:
    case TS_FIELD_TYPE_PROPERTIES:
    default:
      return 4;
    }
}

static void
ts_dataset_finalize (GObject *object)
{
  TsDataset *self = (TsDataset *) object;

  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      for (guint f = 0; f < TS_MAX_FIELDS; f++)
        _ts_column_clear (&self->columns[t][f]);
      g_clear_pointer (&self->by_customer[t], g_free);
    }
  g_clear_pointer (&self->implicit, g_free);
  g_clear_pointer (&self->customer_of_string, g_free);
  g_clear_pointer (&self->strings, ts_str_pool_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (ts_dataset_parent_class)->finalize (object);
}

static void
ts_dataset_class_init (TsDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ts_dataset_finalize;
}

static void
ts_dataset_init (TsDataset *self)
{
  for (guint t = 0; t < TS_N_TABLES; t++)
    for (guint f = 0; f < ts_table_get_n_fields ((TsTable) t); f++)
      _ts_column_init (&self->columns[t][f],
                       _ts_field_type_width (ts_table_get_field ((TsTable) t, f)->type));
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_source_info_unref);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_problem_free);
}

#define COL(t, f) ((gconstpointer) self->columns[t][f].data)

/* Each table's first and last main time, once: the pages ask for them on
 * the main thread, where a scan of 10M events would hold up a frame. */
static void
find_time_ranges (TsDataset *self)
{
  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      int field = ts_table_get_time_field ((TsTable) t);
      const TsTime *col;
      TsTime lo = G_MAXINT64, hi = G_MININT64;

      if (field >= 0 && (col = (const TsTime *) self->columns[t][field].data) != NULL)
        for (guint i = 0; i < self->n_rows[t]; i++)
          {
            if (col[i] == TS_TIME_NULL)
              continue;
            lo = MIN (lo, col[i]);
            hi = MAX (hi, col[i]);
          }
      self->time_first[t] = lo;
      self->time_last[t] = hi;
    }
}

void
_ts_dataset_bind_views (TsDataset *self)
{
  TsCustomers *c = &self->customers;
  TsEvents *e = &self->events;
  TsCases *k = &self->cases;
  TsTouches *o = &self->touches;
  TsResponses *r = &self->responses;
  TsLists *l = &self->lists;

  c->n_rows = self->n_rows[TS_TABLE_CUSTOMERS];
  c->id = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID);
  c->email = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_EMAIL);
  c->account_id = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_ACCOUNT_ID);
  c->name = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_NAME);
  c->stage = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_STAGE);
  c->segment = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_SEGMENT);
  c->plan = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_PLAN);
  c->value = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_VALUE);
  c->created_at = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_CREATED_AT);
  c->onboarding_started_at = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_ONBOARDING_STARTED_AT);
  c->renewal_at = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_RENEWAL_AT);
  c->churned_at = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_CHURNED_AT);
  c->timezone = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_TIMEZONE);
  for (guint i = 0; i < 5; i++)
    c->consent[i] = COL (TS_TABLE_CUSTOMERS, TS_CUSTOMER_CONSENT_EMAIL + i);
  c->implicit = self->implicit;

  e->n_rows = self->n_rows[TS_TABLE_EVENTS];
  e->customer = COL (TS_TABLE_EVENTS, TS_EVENT_CUSTOMER);
  e->at = COL (TS_TABLE_EVENTS, TS_EVENT_AT);
  e->name = COL (TS_TABLE_EVENTS, TS_EVENT_NAME);
  e->channel = COL (TS_TABLE_EVENTS, TS_EVENT_CHANNEL);
  e->value = COL (TS_TABLE_EVENTS, TS_EVENT_VALUE);
  e->properties = COL (TS_TABLE_EVENTS, TS_EVENT_PROPERTIES);
  e->by_customer = self->by_customer[TS_TABLE_EVENTS];

  k->n_rows = self->n_rows[TS_TABLE_CASES];
  k->customer = COL (TS_TABLE_CASES, TS_CASE_CUSTOMER);
  k->case_id = COL (TS_TABLE_CASES, TS_CASE_ID);
  k->opened_at = COL (TS_TABLE_CASES, TS_CASE_OPENED_AT);
  k->first_response_at = COL (TS_TABLE_CASES, TS_CASE_FIRST_RESPONSE_AT);
  k->closed_at = COL (TS_TABLE_CASES, TS_CASE_CLOSED_AT);
  k->status = COL (TS_TABLE_CASES, TS_CASE_STATUS);
  k->priority = COL (TS_TABLE_CASES, TS_CASE_PRIORITY);
  k->origin = COL (TS_TABLE_CASES, TS_CASE_ORIGIN);
  k->category = COL (TS_TABLE_CASES, TS_CASE_CATEGORY);
  k->escalated = COL (TS_TABLE_CASES, TS_CASE_ESCALATED);
  k->reopened_count = COL (TS_TABLE_CASES, TS_CASE_REOPENED_COUNT);
  k->by_customer = self->by_customer[TS_TABLE_CASES];

  o->n_rows = self->n_rows[TS_TABLE_TOUCHES];
  o->customer = COL (TS_TABLE_TOUCHES, TS_TOUCH_CUSTOMER);
  o->at = COL (TS_TABLE_TOUCHES, TS_TOUCH_AT);
  o->channel = COL (TS_TABLE_TOUCHES, TS_TOUCH_CHANNEL);
  o->campaign = COL (TS_TABLE_TOUCHES, TS_TOUCH_CAMPAIGN);
  o->kind = COL (TS_TABLE_TOUCHES, TS_TOUCH_KIND);
  o->promise = COL (TS_TABLE_TOUCHES, TS_TOUCH_PROMISE);
  o->by_customer = self->by_customer[TS_TABLE_TOUCHES];

  r->n_rows = self->n_rows[TS_TABLE_RESPONSES];
  r->customer = COL (TS_TABLE_RESPONSES, TS_RESPONSE_CUSTOMER);
  r->at = COL (TS_TABLE_RESPONSES, TS_RESPONSE_AT);
  r->kind = COL (TS_TABLE_RESPONSES, TS_RESPONSE_KIND);
  r->score = COL (TS_TABLE_RESPONSES, TS_RESPONSE_SCORE);
  r->comment = COL (TS_TABLE_RESPONSES, TS_RESPONSE_COMMENT);
  r->by_customer = self->by_customer[TS_TABLE_RESPONSES];

  l->n_rows = self->n_rows[TS_TABLE_LISTS];
  l->customer = COL (TS_TABLE_LISTS, TS_LIST_CUSTOMER);
  l->list = COL (TS_TABLE_LISTS, TS_LIST_NAME);
  l->by_customer = self->by_customer[TS_TABLE_LISTS];

  find_time_ranges (self);
}

#undef COL

/**
 * ts_dataset_new_empty:
 *
 * Returns: (transfer full): a dataset with no rows.
 */
TsDataset *
ts_dataset_new_empty (void)
{
  TsDataset *self = g_object_new (TS_TYPE_DATASET, NULL);

  self->strings = ts_str_pool_new ();
  for (guint t = 0; t < TS_N_TABLES; t++)
    self->by_customer[t] = g_new0 (guint32, 1);
  _ts_dataset_bind_views (self);
  return self;
}

const TsCustomers *
ts_dataset_get_customers (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  return &self->customers;
}

const TsEvents *
ts_dataset_get_events (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  return &self->events;
}

const TsCases *
ts_dataset_get_cases (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  return &self->cases;
}

const TsTouches *
ts_dataset_get_touches (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  return &self->touches;
}

const TsResponses *
ts_dataset_get_responses (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  return &self->responses;
}

const TsLists *
ts_dataset_get_lists (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  return &self->lists;
}

guint
ts_dataset_get_n_rows (TsDataset *self,
                       TsTable    table)
{
  g_return_val_if_fail (TS_IS_DATASET (self), 0);
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, 0);
  return self->n_rows[table];
}

gconstpointer
ts_dataset_get_column (TsDataset *self,
                       TsTable    table,
                       guint      field)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, NULL);
  g_return_val_if_fail (field < ts_table_get_n_fields (table), NULL);
  return self->columns[table][field].data;
}

/**
 * ts_dataset_get_time_range:
 *
 * The first and last time of a table's main timestamp (events: at, cases:
 * opened_at, customers: created_at).  Returns %FALSE when it has none.
 */
gboolean
ts_dataset_get_time_range (TsDataset *self,
                           TsTable    table,
                           TsTime    *first,
                           TsTime    *last)
{
  g_return_val_if_fail (TS_IS_DATASET (self), FALSE);
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, FALSE);

  if (self->time_first[table] > self->time_last[table])
    return FALSE;
  if (first)
    *first = self->time_first[table];
  if (last)
    *last = self->time_last[table];
  return TRUE;
}

/**
 * ts_dataset_get_strings:
 *
 * Returns: (transfer none): the interned strings the columns refer to.
 */
TsStrPool *
ts_dataset_get_strings (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  return self->strings;
}

/**
 * ts_dataset_get_string:
 *
 * Returns: (nullable): the string with @id, or %NULL for %TS_STR_NULL.
 */
const char *
ts_dataset_get_string (TsDataset *self,
                       guint32    id)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  if (id == TS_STR_NULL)
    return NULL;
  return ts_str_pool_get (self->strings, id);
}

/**
 * ts_dataset_find_customer:
 *
 * Returns: the customer row whose id — or e-mail — is @customer_id, or -1.
 */
int
ts_dataset_find_customer (TsDataset  *self,
                          const char *customer_id)
{
  guint32 id;

  g_return_val_if_fail (TS_IS_DATASET (self), -1);
  g_return_val_if_fail (customer_id != NULL, -1);

  id = ts_str_pool_lookup (self->strings, customer_id, strlen (customer_id));
  if (id == TS_STR_NULL || id >= self->n_customer_of_string)
    return -1;
  return (int) self->customer_of_string[id] - 1;
}

guint
ts_dataset_get_n_implicit_customers (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), 0);
  return self->n_implicit;
}

/**
 * ts_dataset_get_n_matched_customers:
 *
 * Returns: customers that more than one source names: the identity matches
 */
guint
ts_dataset_get_n_matched_customers (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), 0);
  return self->n_matched;
}

guint
ts_dataset_get_n_merged_by_email (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), 0);
  return self->n_merged_by_email;
}

/**
 * ts_dataset_get_sources:
 *
 * Returns: (transfer none) (element-type TsSourceInfo): one per imported file
 */
GPtrArray *
ts_dataset_get_sources (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  return self->sources;
}

/**
 * ts_dataset_get_problems:
 *
 * Returns: (transfer none) (element-type TsProblem): the warnings of the
 * import (the first ones, when there were very many: see
 * ts_dataset_get_n_problems()).
 */
GPtrArray *
ts_dataset_get_problems (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  return self->problems;
}

guint64
ts_dataset_get_n_problems (TsDataset *self)
{
  g_return_val_if_fail (TS_IS_DATASET (self), 0);
  return self->n_problems;
}

/**
 * ts_dataset_get_memory:
 *
 * Returns: bytes held by the columns, indexes and strings.
 */
gsize
ts_dataset_get_memory (TsDataset *self)
{
  gsize total;

  g_return_val_if_fail (TS_IS_DATASET (self), 0);

  total = ts_str_pool_get_memory (self->strings);
  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      for (guint f = 0; f < ts_table_get_n_fields ((TsTable) t); f++)
        total += self->columns[t][f].cap * self->columns[t][f].width;
      total += ((gsize) self->n_rows[TS_TABLE_CUSTOMERS] + 1) * sizeof (guint32);
    }
  total += self->n_rows[TS_TABLE_CUSTOMERS];
  total += (gsize) self->n_customer_of_string * sizeof (guint32);
  return total;
}

/**
 * ts_time_lower_bound:
 * @time: a time column, ascending from @lo to @hi (nulls first), such as a
 *   customer's rows of a fact table
 *
 * Returns: the first row in [@lo, @hi) whose time is at or after @t
 */
guint
ts_time_lower_bound (const TsTime *time,
                     guint         lo,
                     guint         hi,
                     TsTime        t)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (time[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * ts_dataset_get_customer_id:
 * @customer: a row of the customers table
 *
 * Returns: (transfer none): the customer's id
 */
const char *
ts_dataset_get_customer_id (TsDataset *self,
                            guint      customer)
{
  g_return_val_if_fail (TS_IS_DATASET (self), NULL);
  g_return_val_if_fail (customer < ts_dataset_get_customers (self)->n_rows, NULL);
  return ts_dataset_get_string (self, ts_dataset_get_customers (self)->id[customer]);
}

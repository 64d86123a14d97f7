/* test-dataset.c — TsDatasetBuilder → TsDataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <touchstone.h>

#include "test-rows.h"

#define HOUR (G_GINT64_CONSTANT (3600) * 1000000)
#define T0 (G_GINT64_CONSTANT (1700000000) * 1000000)

/* ---------------------------------------------------------------------- */
/* Helpers                                                                */


static void
add_customer (TsDatasetBuilder *b,
              const char       *id,
              const char       *email,
              const char       *name,
              const char       *plan,
              TsTime            created_at)
{
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, id, TS_CUSTOMER_EMAIL, email, TS_CUSTOMER_NAME, name,
               TS_CUSTOMER_PLAN, plan, TS_CUSTOMER_CREATED_AT, created_at, -1);
}

static void
add_event (TsDatasetBuilder *b,
           const char       *customer,
           TsTime            at,
           const char       *name,
           const char       *channel,
           double            value)
{
  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, customer, TS_EVENT_AT, at, TS_EVENT_NAME, name,
               TS_EVENT_CHANNEL, channel, TS_EVENT_VALUE, value, -1);
}

static void
add_case (TsDatasetBuilder *b,
          const char       *customer,
          const char       *case_id,
          TsTime            opened_at)
{
  test_append (b, TS_TABLE_CASES, TS_CASE_CUSTOMER, customer, TS_CASE_ID, case_id,
               TS_CASE_OPENED_AT, opened_at, -1);
}

static TsDataset *
finish (TsDatasetBuilder *b)
{
  return test_finish (b);
}

static int
find (TsDataset  *ds,
      const char *id)
{
  int row = ts_dataset_find_customer (ds, id);

  if (row < 0)
    g_error ("no customer “%s”", id);
  return row;
}

static const char *
customer_id_of (TsDataset *ds,
                guint32    row)
{
  const TsCustomers *c = ts_dataset_get_customers (ds);

  g_assert_cmpuint (row, <, c->n_rows);
  return ts_dataset_get_string (ds, c->id[row]);
}

/* Every fact table's index covers every customer, and each slice holds
 * that customer's rows in time order. */
static void
assert_index_consistent (TsDataset *ds)
{
  static const struct {
    TsTable table;
    int     time_field;   /* -1: not sorted by time */
  } facts[] = {
    { TS_TABLE_EVENTS, TS_EVENT_AT },
    { TS_TABLE_CASES, TS_CASE_OPENED_AT },
    { TS_TABLE_TOUCHES, TS_TOUCH_AT },
    { TS_TABLE_RESPONSES, TS_RESPONSE_AT },
    { TS_TABLE_LISTS, -1 },
  };
  guint n_customers = ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS);
  const TsCustomers *customers = ts_dataset_get_customers (ds);
  const TsEvents *events = ts_dataset_get_events (ds);
  const TsCases *cases = ts_dataset_get_cases (ds);
  const TsTouches *touches = ts_dataset_get_touches (ds);
  const TsResponses *responses = ts_dataset_get_responses (ds);
  const TsLists *lists = ts_dataset_get_lists (ds);
  const guint32 *by_customer[] = {
    events->by_customer, cases->by_customer, touches->by_customer, responses->by_customer,
    lists->by_customer,
  };

  g_assert_cmpuint (customers->n_rows, ==, n_customers);

  for (guint t = 0; t < G_N_ELEMENTS (facts); t++)
    {
      TsTable table = facts[t].table;
      guint n = ts_dataset_get_n_rows (ds, table);
      const guint32 *index = by_customer[t];
      const guint32 *customer = ts_dataset_get_column (ds, table, 0);
      const TsTime *times = facts[t].time_field >= 0
                            ? ts_dataset_get_column (ds, table, facts[t].time_field) : NULL;

      g_assert_nonnull (index);
      g_assert_cmpuint (index[0], ==, 0);
      g_assert_cmpuint (index[n_customers], ==, n);
      for (guint c = 0; c < n_customers; c++)
        {
          g_assert_cmpuint (index[c], <=, index[c + 1]);
          for (guint32 i = index[c]; i < index[c + 1]; i++)
            {
              g_assert_cmpuint (customer[i], ==, c);
              if (times != NULL && i > index[c])
                g_assert_cmpint (times[i - 1], <=, times[i]);
            }
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Customers                                                              */

static void
test_customers_dedup (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  const TsCustomers *c;
  int c1, c2;

  add_customer (b, "c1", NULL, "Ann", NULL, TS_TIME_NULL);
  add_customer (b, "c2", "bob@example.com", "Bob", "basic", T0);
  add_customer (b, "c1", "ann@example.com", "Annie", "pro", TS_TIME_NULL);
  add_customer (b, "c1", "ann.other@example.com", NULL, "basic", T0 + HOUR);
  g_assert_cmpuint (ts_dataset_builder_get_n_rows (b, TS_TABLE_CUSTOMERS), ==, 4);

  ds = finish (b);
  c = ts_dataset_get_customers (ds);
  g_assert_cmpuint (c->n_rows, ==, 2);
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (ds), ==, 0);
  g_assert_cmpuint (ts_dataset_get_n_merged_by_email (ds), ==, 0);

  c1 = find (ds, "c1");
  c2 = find (ds, "c2");
  g_assert_cmpint (c1, !=, c2);

  /* first non-null values win; later rows fill the gaps */
  g_assert_cmpstr (ts_dataset_get_string (ds, c->id[c1]), ==, "c1");
  g_assert_cmpstr (ts_dataset_get_string (ds, c->email[c1]), ==, "ann@example.com");
  g_assert_cmpstr (ts_dataset_get_string (ds, c->name[c1]), ==, "Ann");
  g_assert_cmpstr (ts_dataset_get_string (ds, c->plan[c1]), ==, "pro");
  g_assert_cmpint (c->created_at[c1], ==, T0 + HOUR);
  g_assert_cmpint (c->implicit[c1], ==, 0);

  g_assert_cmpstr (ts_dataset_get_string (ds, c->email[c2]), ==, "bob@example.com");
  g_assert_cmpstr (ts_dataset_get_string (ds, c->plan[c2]), ==, "basic");
  g_assert_cmpint (c->created_at[c2], ==, T0);
  g_assert_cmpint (c->implicit[c2], ==, 0);

  /* values never set stay null */
  g_assert_cmpuint (c->stage[c1], ==, TS_STR_NULL);
  g_assert_true (isnan (c->value[c1]));
  g_assert_cmpint (c->churned_at[c1], ==, TS_TIME_NULL);
  g_assert_cmpint (c->consent[0][c1], ==, TS_CONSENT_UNKNOWN);

  assert_index_consistent (ds);
}

static void
test_customers_merge_by_email (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  const TsCustomers *c;
  const TsEvents *e;
  int ann, bob;

  add_customer (b, "c1", "ann@example.com", "Ann", NULL, T0);
  add_customer (b, "c2", "bob@example.com", "Bob", NULL, T0);
  /* another source knows Ann by her e-mail only */
  add_customer (b, "ann@example.com", NULL, "Ann B.", "pro", T0 - HOUR);
  add_event (b, "ann@example.com", T0 + 2 * HOUR, "login", "web", NAN);
  add_event (b, "c1", T0 + HOUR, "purchase", "web", 10);
  add_event (b, "bob@example.com", T0 + HOUR, "login", "app", NAN);

  ds = finish (b);
  c = ts_dataset_get_customers (ds);
  e = ts_dataset_get_events (ds);

  g_assert_cmpuint (c->n_rows, ==, 2);
  g_assert_cmpuint (ts_dataset_get_n_merged_by_email (ds), ==, 1);
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (ds), ==, 0);

  ann = find (ds, "c1");
  bob = find (ds, "c2");
  g_assert_cmpint (find (ds, "ann@example.com"), ==, ann);
  g_assert_cmpint (find (ds, "bob@example.com"), ==, bob);
  g_assert_cmpstr (ts_dataset_get_string (ds, c->id[ann]), ==, "c1");
  g_assert_cmpstr (ts_dataset_get_string (ds, c->name[ann]), ==, "Ann");
  /* the e-mail row fills what the id row lacked */
  g_assert_cmpstr (ts_dataset_get_string (ds, c->plan[ann]), ==, "pro");
  g_assert_cmpint (c->created_at[ann], ==, T0);

  /* both of Ann's events are hers, in time order; Bob's by e-mail is his */
  g_assert_cmpuint (e->n_rows, ==, 3);
  g_assert_cmpuint (e->by_customer[ann + 1] - e->by_customer[ann], ==, 2);
  g_assert_cmpstr (ts_dataset_get_string (ds, e->name[e->by_customer[ann]]), ==, "purchase");
  g_assert_cmpstr (ts_dataset_get_string (ds, e->name[e->by_customer[ann] + 1]), ==, "login");
  g_assert_cmpuint (e->by_customer[bob + 1] - e->by_customer[bob], ==, 1);
  g_assert_cmpstr (ts_dataset_get_string (ds, e->channel[e->by_customer[bob]]), ==, "app");

  assert_index_consistent (ds);
}

static void
test_implicit_customers (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  const TsCustomers *c;
  const TsEvents *e;
  const TsCases *k;
  int c1, ghost, zoe, ghost2;

  add_customer (b, "c1", "c1@example.com", "Cee", NULL, T0);
  add_event (b, "c1", T0, "login", NULL, NAN);
  add_event (b, "ghost", T0 + HOUR, "login", NULL, NAN);
  add_event (b, "zoe@example.com", T0 + 2 * HOUR, "login", NULL, NAN);
  add_event (b, "ghost", T0 - HOUR, "signup", NULL, NAN);
  /* known only from the cases table, built after events */
  add_case (b, "ghost2", "T-1", T0);
  add_case (b, "ghost", "T-2", T0);

  ds = finish (b);
  c = ts_dataset_get_customers (ds);
  e = ts_dataset_get_events (ds);
  k = ts_dataset_get_cases (ds);

  g_assert_cmpuint (c->n_rows, ==, 4);
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (ds), ==, 3);

  c1 = find (ds, "c1");
  ghost = find (ds, "ghost");
  zoe = find (ds, "zoe@example.com");
  ghost2 = find (ds, "ghost2");
  g_assert_cmpint (c->implicit[c1], ==, 0);
  g_assert_cmpint (c->implicit[ghost], ==, 1);
  g_assert_cmpint (c->implicit[zoe], ==, 1);
  g_assert_cmpint (c->implicit[ghost2], ==, 1);

  /* an implicit customer named by an e-mail gets it as e-mail */
  g_assert_cmpstr (ts_dataset_get_string (ds, c->email[zoe]), ==, "zoe@example.com");
  g_assert_cmpuint (c->email[ghost], ==, TS_STR_NULL);

  g_assert_cmpuint (e->by_customer[ghost + 1] - e->by_customer[ghost], ==, 2);
  g_assert_cmpstr (ts_dataset_get_string (ds, e->name[e->by_customer[ghost]]), ==, "signup");
  g_assert_cmpuint (e->by_customer[ghost2 + 1] - e->by_customer[ghost2], ==, 0);
  g_assert_cmpuint (k->by_customer[ghost2 + 1] - k->by_customer[ghost2], ==, 1);
  g_assert_cmpuint (k->by_customer[ghost + 1] - k->by_customer[ghost], ==, 1);
  g_assert_cmpstr (ts_dataset_get_string (ds, k->case_id[k->by_customer[ghost2]]), ==, "T-1");

  assert_index_consistent (ds);
}

/* ---------------------------------------------------------------------- */
/* Ordering                                                               */

static char *
event_key (const char *customer,
           TsTime      at,
           const char *name)
{
  return g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s", customer, at, name);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
test_sorted_by_customer_and_time (void)
{
  static const char *const names[] = { "login", "view", "purchase", "logout", "search" };
  const guint n_known = 250, n_ids = 300, n_events = 4000, n_cases = 600;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected_cases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual_cases = g_ptr_array_new_with_free_func (g_free);
  const TsEvents *e;
  const TsCases *k;
  guint n_customers;

  for (guint i = 0; i < n_known; i++)
    {
      g_autofree char *id = g_strdup_printf ("cust%03u", i);
      add_customer (b, id, NULL, NULL, NULL, T0);
    }

  ts_dataset_builder_reserve (b, TS_TABLE_EVENTS, n_events);
  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *id = g_strdup_printf ("cust%03d", g_rand_int_range (rand, 0, n_ids));
      /* few distinct times, so that many rows tie */
      TsTime at = T0 + g_rand_int_range (rand, -200, 200) * HOUR;
      const char *name = names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))];

      add_event (b, id, at, name, "web", (double) i);
      g_ptr_array_add (expected, event_key (id, at, name));
    }

  /* cases reach customers that neither table above knows */
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *id = g_strdup_printf ("cust%03d", g_rand_int_range (rand, 0, n_ids + 50));
      g_autofree char *case_id = g_strdup_printf ("T-%u", i);
      TsTime at = T0 + g_rand_int_range (rand, -1000, 1000) * HOUR;

      add_case (b, id, case_id, at);
      g_ptr_array_add (expected_cases, event_key (id, at, case_id));
    }

  ds = finish (b);
  e = ts_dataset_get_events (ds);
  k = ts_dataset_get_cases (ds);
  n_customers = ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS);

  g_assert_cmpuint (e->n_rows, ==, n_events);
  g_assert_cmpuint (k->n_rows, ==, n_cases);
  g_assert_cmpuint (n_customers, >, n_ids);
  g_assert_cmpuint (n_customers, <=, n_ids + 50);
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (ds), ==, n_customers - n_known);
  for (guint c = 0; c < n_customers; c++)
    g_assert_cmpint (ts_dataset_get_customers (ds)->implicit[c], ==, c >= n_known);

  assert_index_consistent (ds);

  for (guint c = 0; c < n_customers; c++)
    for (guint32 i = e->by_customer[c]; i < e->by_customer[c + 1]; i++)
      {
        g_assert_cmpuint (e->customer[i], ==, c);
        /* rows at the same time keep the order they were appended in */
        if (i > e->by_customer[c] && e->at[i - 1] == e->at[i])
          g_assert_cmpfloat (e->value[i - 1], <, e->value[i]);
      }

  /* the rows are exactly the rows appended */
  for (guint i = 0; i < e->n_rows; i++)
    g_ptr_array_add (actual, event_key (customer_id_of (ds, e->customer[i]), e->at[i],
                                        ts_dataset_get_string (ds, e->name[i])));
  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_sort (actual, compare_strings);
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (actual->pdata[i], ==, expected->pdata[i]);

  for (guint i = 0; i < k->n_rows; i++)
    g_ptr_array_add (actual_cases, event_key (customer_id_of (ds, k->customer[i]), k->opened_at[i],
                                              ts_dataset_get_string (ds, k->case_id[i])));
  g_ptr_array_sort (expected_cases, compare_strings);
  g_ptr_array_sort (actual_cases, compare_strings);
  g_assert_cmpuint (actual_cases->len, ==, expected_cases->len);
  for (guint i = 0; i < expected_cases->len; i++)
    g_assert_cmpstr (actual_cases->pdata[i], ==, expected_cases->pdata[i]);
}

/* ---------------------------------------------------------------------- */
/* Merging builders                                                       */

static void
fill_part_a (TsDatasetBuilder *b)
{
  add_customer (b, "c1", "ann@example.com", "Ann", NULL, T0);
  add_customer (b, "c2", NULL, "Bob", NULL, T0 + HOUR);
  add_event (b, "c1", T0 + 5 * HOUR, "login", "web", NAN);
  add_event (b, "c2", T0 + 3 * HOUR, "login", "app", 1);
  add_event (b, "c3", T0 + 4 * HOUR, "view", "web", NAN);
  add_event (b, "c1", T0 + 1 * HOUR, "signup", "web", 2);
  add_case (b, "c2", "T-1", T0);
}

static void
fill_part_b (TsDatasetBuilder *b)
{
  /* a different pool: other strings first, ids in another order */
  test_intern (b, "zzz");
  test_intern (b, "purchase");
  add_event (b, "d@example.com", T0 + 2 * HOUR, "purchase", "shop", 99.5);
  add_customer (b, "c4", "d@example.com", "Dee", "pro", T0 + 2 * HOUR);
  add_customer (b, "c2", "bob@example.com", NULL, "basic", TS_TIME_NULL);
  add_customer (b, "ann@example.com", NULL, "Ann B.", "team", TS_TIME_NULL);
  add_event (b, "c4", T0 + 1 * HOUR, "login", "app", NAN);
  add_event (b, "ann@example.com", T0 + 3 * HOUR, "purchase", "shop", 5);
  add_event (b, "c1", T0 + 5 * HOUR, "logout", "web", NAN);
  add_event (b, "c5", T0, "view", NULL, NAN);
  add_case (b, "c3", "T-2", T0 + HOUR);
}

static void
fill_part_c (TsDatasetBuilder *b)
{
  add_event (b, "c2", T0 + 4 * HOUR, "logout", "app", NAN);
  add_customer (b, "c6", NULL, "Eve", NULL, T0);
}

static void
assert_same_string (TsDataset *a,
                    guint32    id_a,
                    TsDataset *b,
                    guint32    id_b)
{
  g_assert_cmpstr (ts_dataset_get_string (a, id_a), ==, ts_dataset_get_string (b, id_b));
}

static void
assert_same_number (double a,
                    double b)
{
  if (isnan (a) || isnan (b))
    g_assert_cmpint (isnan (a), ==, isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static void
assert_same_dataset (TsDataset *a,
                     TsDataset *b)
{
  const TsCustomers *ca = ts_dataset_get_customers (a), *cb = ts_dataset_get_customers (b);
  const TsEvents *ea = ts_dataset_get_events (a), *eb = ts_dataset_get_events (b);
  const TsCases *ka = ts_dataset_get_cases (a), *kb = ts_dataset_get_cases (b);

  for (guint t = 0; t < TS_N_TABLES; t++)
    g_assert_cmpuint (ts_dataset_get_n_rows (a, (TsTable) t), ==,
                      ts_dataset_get_n_rows (b, (TsTable) t));
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (a), ==,
                    ts_dataset_get_n_implicit_customers (b));
  g_assert_cmpuint (ts_dataset_get_n_merged_by_email (a), ==,
                    ts_dataset_get_n_merged_by_email (b));

  for (guint r = 0; r < ca->n_rows; r++)
    {
      assert_same_string (a, ca->id[r], b, cb->id[r]);
      assert_same_string (a, ca->email[r], b, cb->email[r]);
      assert_same_string (a, ca->name[r], b, cb->name[r]);
      assert_same_string (a, ca->plan[r], b, cb->plan[r]);
      g_assert_cmpint (ca->created_at[r], ==, cb->created_at[r]);
      g_assert_cmpint (ca->implicit[r], ==, cb->implicit[r]);
    }

  for (guint r = 0; r < ea->n_rows; r++)
    {
      g_assert_cmpuint (ea->customer[r], ==, eb->customer[r]);
      g_assert_cmpint (ea->at[r], ==, eb->at[r]);
      assert_same_string (a, ea->name[r], b, eb->name[r]);
      assert_same_string (a, ea->channel[r], b, eb->channel[r]);
      assert_same_number (ea->value[r], eb->value[r]);
    }
  for (guint c = 0; c <= ca->n_rows; c++)
    g_assert_cmpuint (ea->by_customer[c], ==, eb->by_customer[c]);

  for (guint r = 0; r < ka->n_rows; r++)
    {
      g_assert_cmpuint (ka->customer[r], ==, kb->customer[r]);
      g_assert_cmpint (ka->opened_at[r], ==, kb->opened_at[r]);
      assert_same_string (a, ka->case_id[r], b, kb->case_id[r]);
    }

  g_assert_cmpuint (ts_dataset_get_n_problems (a), ==, ts_dataset_get_n_problems (b));
  g_assert_cmpuint (ts_dataset_get_problems (a)->len, ==, ts_dataset_get_problems (b)->len);
  g_assert_cmpuint (ts_dataset_get_sources (a)->len, ==, ts_dataset_get_sources (b)->len);
}

/* @data: TRUE when the builder merged into has the larger string pool */
static void
test_merge_builders (gconstpointer data)
{
  gboolean self_larger = GPOINTER_TO_INT (data);
  g_autoptr(TsDatasetBuilder) one = ts_dataset_builder_new ();
  g_autoptr(TsDatasetBuilder) a = ts_dataset_builder_new ();
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) expected = NULL;
  g_autoptr(TsDataset) merged = NULL;
  g_autoptr(TsDataset) rest = NULL;
  guint32 size_a, size_b;

  if (self_larger)
    for (guint i = 0; i < 100; i++)
      {
        g_autofree char *s = g_strdup_printf ("unused %u", i);
        test_intern (a, s);
      }

  ts_dataset_builder_add_source (one, "a.csv", "csv");
  fill_part_a (one);
  ts_dataset_builder_add_source (one, "b.csv", "csv");
  fill_part_b (one);
  ts_dataset_builder_add_problem (one, "b.csv", 3, 2, "bad value %s", "x");
  fill_part_c (one);

  ts_dataset_builder_add_source (a, "a.csv", "csv");
  fill_part_a (a);
  ts_dataset_builder_add_source (b, "b.csv", "csv");
  fill_part_b (b);
  ts_dataset_builder_add_problem (b, "b.csv", 3, 2, "bad value %s", "x");
  size_a = ts_str_pool_get_size (ts_dataset_builder_get_strings (a));
  size_b = ts_str_pool_get_size (ts_dataset_builder_get_strings (b));
  g_test_message ("string pools: %u into %u", size_b, size_a);
  if (self_larger)
    g_assert_cmpuint (size_a, >, size_b);
  else
    g_assert_cmpuint (size_a, <, size_b);

  ts_dataset_builder_merge (a, b);
  /* b is left empty */
  g_assert_cmpuint (ts_dataset_builder_get_n_rows (b, TS_TABLE_EVENTS), ==, 0);
  g_assert_cmpuint (ts_dataset_builder_get_n_rows (b, TS_TABLE_CUSTOMERS), ==, 0);
  g_assert_cmpuint (ts_dataset_builder_get_n_problems (b), ==, 0);
  g_assert_cmpuint (ts_dataset_builder_get_n_rows (a, TS_TABLE_EVENTS), ==,
                    ts_dataset_builder_get_n_rows (one, TS_TABLE_EVENTS) - 1);
  /* and a keeps taking rows, and so does b, on its own */
  fill_part_c (a);
  add_customer (b, "c9", "c9@example.com", "Nine", NULL, T0);
  add_event (b, "c9", T0, "login", "web", NAN);
  rest = finish (b);
  g_assert_cmpuint (ts_dataset_get_n_rows (rest, TS_TABLE_CUSTOMERS), ==, 1);
  g_assert_cmpuint (ts_dataset_get_n_rows (rest, TS_TABLE_EVENTS), ==, 1);
  g_assert_cmpuint (ts_dataset_get_n_rows (rest, TS_TABLE_CASES), ==, 0);
  g_assert_cmpuint (ts_dataset_get_sources (rest)->len, ==, 0);
  g_assert_cmpstr (customer_id_of (rest, find (rest, "c9@example.com")), ==, "c9");
  g_assert_cmpstr (ts_dataset_get_string (rest, ts_dataset_get_events (rest)->name[0]), ==,
                   "login");

  expected = finish (one);
  merged = finish (a);

  g_assert_cmpuint (ts_dataset_get_n_rows (merged, TS_TABLE_EVENTS), ==, 10);
  g_assert_cmpuint (ts_dataset_get_n_rows (merged, TS_TABLE_CUSTOMERS), ==, 6);
  g_assert_cmpuint (ts_dataset_get_n_merged_by_email (merged), ==, 1);
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (merged), ==, 2);
  g_assert_cmpuint (ts_dataset_get_sources (merged)->len, ==, 2);
  g_assert_cmpuint (ts_dataset_get_n_problems (merged), ==, 1);
  {
    TsProblem *p = ts_dataset_get_problems (merged)->pdata[0];
    g_assert_cmpstr (p->path, ==, "b.csv");
    g_assert_cmpuint (p->line, ==, 3);
    g_assert_cmpuint (p->column, ==, 2);
    g_assert_cmpstr (p->message, ==, "bad value x");
  }
  {
    const TsCustomers *c = ts_dataset_get_customers (merged);
    int c2 = find (merged, "c2");
    int c1 = find (merged, "c1");

    g_assert_cmpstr (ts_dataset_get_string (merged, c->email[c2]), ==, "bob@example.com");
    g_assert_cmpstr (ts_dataset_get_string (merged, c->plan[c2]), ==, "basic");
    g_assert_cmpstr (ts_dataset_get_string (merged, c->plan[c1]), ==, "team");
    g_assert_cmpint (find (merged, "d@example.com"), ==, find (merged, "c4"));
  }

  assert_index_consistent (merged);
  assert_same_dataset (expected, merged);
}

/* ---------------------------------------------------------------------- */
/* Lookups and summaries                                                  */

static void
test_find_customer (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;

  add_customer (b, "c1", "ann@example.com", "Ann", NULL, T0);
  add_customer (b, "c2", "bob@example.com", "Bob", NULL, T0);
  add_customer (b, "carol@example.com", "carol@example.com", "Carol", NULL, T0);
  add_event (b, "c1", T0, "login", NULL, NAN);
  ds = finish (b);

  g_assert_cmpstr (customer_id_of (ds, find (ds, "c1")), ==, "c1");
  g_assert_cmpstr (customer_id_of (ds, find (ds, "c2")), ==, "c2");
  g_assert_cmpstr (customer_id_of (ds, find (ds, "ann@example.com")), ==, "c1");
  g_assert_cmpstr (customer_id_of (ds, find (ds, "bob@example.com")), ==, "c2");
  g_assert_cmpstr (customer_id_of (ds, find (ds, "carol@example.com")), ==, "carol@example.com");
  g_assert_cmpint (ts_dataset_find_customer (ds, "nobody"), ==, -1);
  g_assert_cmpint (ts_dataset_find_customer (ds, "Ann"), ==, -1);     /* a name, not an id */
  g_assert_cmpint (ts_dataset_find_customer (ds, "login"), ==, -1);   /* interned, not a customer */
  g_assert_cmpint (ts_dataset_find_customer (ds, "C1"), ==, -1);
  g_assert_cmpint (ts_dataset_find_customer (ds, ""), ==, -1);
}

static void
test_time_range (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  TsTime first = 0, last = 0;

  add_customer (b, "c1", NULL, NULL, NULL, T0 - 10 * HOUR);
  add_customer (b, "c2", NULL, NULL, NULL, TS_TIME_NULL);
  add_customer (b, "c3", NULL, NULL, NULL, T0 + 10 * HOUR);
  add_event (b, "c2", T0 + 7 * HOUR, "a", NULL, NAN);
  add_event (b, "c1", T0 - 3 * HOUR, "b", NULL, NAN);
  add_event (b, "c3", T0 + 30 * HOUR, "c", NULL, NAN);
  add_event (b, "c1", T0, "d", NULL, NAN);
  ds = finish (b);

  g_assert_true (ts_dataset_get_time_range (ds, TS_TABLE_EVENTS, &first, &last));
  g_assert_cmpint (first, ==, T0 - 3 * HOUR);
  g_assert_cmpint (last, ==, T0 + 30 * HOUR);

  /* customers: created_at, nulls ignored */
  g_assert_true (ts_dataset_get_time_range (ds, TS_TABLE_CUSTOMERS, &first, &last));
  g_assert_cmpint (first, ==, T0 - 10 * HOUR);
  g_assert_cmpint (last, ==, T0 + 10 * HOUR);

  /* no rows, or no time */
  g_assert_false (ts_dataset_get_time_range (ds, TS_TABLE_CASES, &first, &last));
  g_assert_false (ts_dataset_get_time_range (ds, TS_TABLE_LISTS, &first, &last));
}

static void
test_problems_capped (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDatasetBuilder) other = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  GPtrArray *problems;

  for (guint i = 0; i < 1500; i++)
    ts_dataset_builder_add_problem (b, "big.csv", i + 1, 1, "problem %u", i);
  g_assert_cmpuint (ts_dataset_builder_get_n_problems (b), ==, 1500);

  ts_dataset_builder_shift_problem_lines (b, 100);

  /* merging more does not grow the list past the cap either */
  for (guint i = 0; i < 10; i++)
    ts_dataset_builder_add_problem (other, "other.csv", 0, 0, "other %u", i);
  ts_dataset_builder_merge (b, other);
  g_assert_cmpuint (ts_dataset_builder_get_n_problems (b), ==, 1510);

  ds = finish (b);
  problems = ts_dataset_get_problems (ds);
  g_assert_cmpuint (problems->len, ==, 1000);
  g_assert_cmpuint (ts_dataset_get_n_problems (ds), ==, 1510);
  g_assert_cmpstr (((TsProblem *) problems->pdata[0])->message, ==, "problem 0");
  g_assert_cmpuint (((TsProblem *) problems->pdata[0])->line, ==, 101);
  g_assert_cmpstr (((TsProblem *) problems->pdata[999])->message, ==, "problem 999");
  g_assert_cmpuint (((TsProblem *) problems->pdata[999])->line, ==, 1100);
}

static void
test_empty_customer_not_kept (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;

  add_customer (b, NULL, "nobody@example.com", "No Id", NULL, T0);
  add_event (b, NULL, T0, "login", NULL, NAN);
  add_case (b, NULL, "T-1", T0);
  g_assert_cmpuint (ts_dataset_builder_get_n_rows (b, TS_TABLE_CUSTOMERS), ==, 0);
  g_assert_cmpuint (ts_dataset_builder_get_n_rows (b, TS_TABLE_EVENTS), ==, 0);
  g_assert_cmpuint (ts_dataset_builder_get_n_rows (b, TS_TABLE_CASES), ==, 0);

  add_event (b, "c1", T0, "login", NULL, NAN);
  add_event (b, "", T0, "login", NULL, NAN);   /* interns to "no value" */
  g_assert_cmpuint (ts_dataset_builder_get_n_rows (b, TS_TABLE_EVENTS), ==, 1);

  ds = finish (b);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 1);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 1);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CASES), ==, 0);
  g_assert_cmpint (ts_dataset_find_customer (ds, "nobody@example.com"), ==, -1);
  assert_index_consistent (ds);
}

static void
assert_empty (TsDataset *ds)
{
  TsTime first, last;

  for (guint t = 0; t < TS_N_TABLES; t++)
    g_assert_cmpuint (ts_dataset_get_n_rows (ds, (TsTable) t), ==, 0);
  g_assert_cmpuint (ts_dataset_get_n_implicit_customers (ds), ==, 0);
  g_assert_cmpuint (ts_dataset_get_n_merged_by_email (ds), ==, 0);
  g_assert_cmpuint (ts_dataset_get_n_problems (ds), ==, 0);
  g_assert_cmpuint (ts_dataset_get_problems (ds)->len, ==, 0);
  g_assert_cmpuint (ts_dataset_get_sources (ds)->len, ==, 0);
  g_assert_cmpint (ts_dataset_find_customer (ds, "c1"), ==, -1);
  g_assert_false (ts_dataset_get_time_range (ds, TS_TABLE_EVENTS, &first, &last));
  g_assert_false (ts_dataset_get_time_range (ds, TS_TABLE_CUSTOMERS, &first, &last));
  g_assert_nonnull (ts_dataset_get_strings (ds));
  assert_index_consistent (ds);
}

static void
test_empty (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = finish (b);
  g_autoptr(TsDataset) empty = ts_dataset_new_empty ();

  assert_empty (ds);
  assert_empty (empty);
}

static void
test_cancelled (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = NULL;

  add_customer (b, "c1", NULL, NULL, NULL, T0);
  add_event (b, "c1", T0, "login", NULL, NAN);
  g_cancellable_cancel (cancellable);
  ds = ts_dataset_builder_finish (b, cancellable, &error);
  g_assert_null (ds);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_dataset_freed (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  TsDataset *ds;
  TsStrPool *pool;

  add_customer (b, "c1", NULL, NULL, NULL, T0);
  ds = finish (b);
  pool = ts_str_pool_ref (ts_dataset_get_strings (ds));
  g_object_add_weak_pointer (G_OBJECT (ds), (gpointer *) &ds);
  g_clear_object (&b);
  /* the dataset outlives its builder */
  g_assert_cmpint (ts_dataset_find_customer (ds, "c1"), ==, 0);
  g_object_unref (ds);
  g_assert_null (ds);
  /* the pool outlives the dataset */
  g_assert_cmpstr (ts_str_pool_get (pool, ts_str_pool_lookup (pool, "c1", 2)), ==, "c1");
  ts_str_pool_unref (pool);
}


/* ---------------------------------------------------------------------- */
/* Identity across sources                                                */

static void
test_anonymous_stitched_by_alias (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDatasetBuilder) analytics = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  TsSourceInfo *crm, *web;
  const TsEvents *e;
  TsValue row[TS_EVENT_N_FIELDS];
  guint32 anon, lost;
  int c1;

  crm = ts_dataset_builder_add_source (b, "crm.csv", "csv");
  add_customer (b, "C1", "ana@example.com", NULL, NULL, T0);

  web = ts_dataset_builder_add_source (analytics, "web.jsonl", "analytics");
  anon = ts_dataset_builder_intern_anonymous (analytics, "anon-1", 6);
  lost = ts_dataset_builder_intern_anonymous (analytics, "anon-2", 6);
  for (guint i = 0; i < 3; i++)
    {
      ts_dataset_builder_clear_row (TS_TABLE_EVENTS, row);
      row[TS_EVENT_CUSTOMER].str = i < 2 ? anon : lost;
      row[TS_EVENT_AT].time = T0 + i * HOUR;
      row[TS_EVENT_NAME].str = test_intern (analytics, "page_viewed");
      ts_dataset_builder_append (analytics, TS_TABLE_EVENTS, row);
    }
  /* the visitor logs in later: the anonymous id is the customer */
  ts_dataset_builder_add_alias (analytics, anon, test_intern (analytics, "C1"));

  ts_dataset_builder_merge (b, analytics);
  ds = ts_dataset_builder_finish (b, NULL, NULL);

  e = ts_dataset_get_events (ds);
  c1 = ts_dataset_find_customer (ds, "C1");
  g_assert_cmpuint (e->n_rows, ==, 2);
  g_assert_cmpuint (e->by_customer[c1 + 1] - e->by_customer[c1], ==, 2);
  /* the anonymous id now finds the customer it was aliased to */
  g_assert_cmpint (ts_dataset_find_customer (ds, "anon-1"), ==, c1);
  /* never identified: not a customer, counted as dropped for its source */
  g_assert_cmpint (ts_dataset_find_customer (ds, "anon-2"), <, 0);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 1);
  g_assert_cmpuint (ts_source_info_get_dropped (web, TS_DROP_NO_IDENTITY), ==, 1);
  g_assert_cmpuint (ts_source_info_get_dropped (crm, TS_DROP_NO_IDENTITY), ==, 0);
  /* C1 is named by both sources */
  g_assert_cmpuint (ts_dataset_get_n_matched_customers (ds), ==, 1);
  g_assert_cmpuint (ts_source_info_get_unmatched (web), ==, 0);
}

static void
test_alias_to_email_identity (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  int ana;

  ts_dataset_builder_add_source (b, "crm", "test");
  add_customer (b, "ana@example.com", "ana@example.com", "Ana", NULL, T0);
  /* the product knows Ana as user 42 */
  ts_dataset_builder_add_alias (b, test_intern (b, "42"), test_intern (b, "ana@example.com"));
  add_event (b, "42", T0, "login", NULL, NAN);

  ds = ts_dataset_builder_finish (b, NULL, NULL);
  ana = ts_dataset_find_customer (ds, "ana@example.com");
  g_assert_cmpint (ana, >=, 0);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 1);
  g_assert_cmpuint (ts_dataset_get_events (ds)->by_customer[ana + 1], ==, 1);
}

/* A product's user id with a customer row of its own (from identify traits),
 * aliased to the e-mail a CRM keys the same person by, in another source. */
static void
test_alias_folds_customer_rows (void)
{
  g_autoptr(TsDatasetBuilder) crm = ts_dataset_builder_new ();
  g_autoptr(TsDatasetBuilder) product = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  const guint32 *plan;
  int ana;

  ts_dataset_builder_add_source (crm, "crm", "test");
  add_customer (crm, "ana@example.com", "ana@example.com", "Ana", NULL, T0);

  ts_dataset_builder_add_source (product, "product", "test");
  add_customer (product, "u42", NULL, NULL, "pro", T0);
  add_event (product, "u42", T0 + HOUR, "login", NULL, NAN);
  for (guint i = 0; i < 1000; i++)
    ts_dataset_builder_add_alias (product, test_intern (product, "u42"), test_intern (product, "ana@example.com"));

  ts_dataset_builder_merge (crm, product);
  ds = ts_dataset_builder_finish (crm, NULL, NULL);

  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CUSTOMERS), ==, 1);
  ana = ts_dataset_find_customer (ds, "ana@example.com");
  g_assert_cmpint (ana, ==, 0);
  g_assert_cmpint (ts_dataset_find_customer (ds, "u42"), ==, ana);
  plan = ts_dataset_get_column (ds, TS_TABLE_CUSTOMERS, TS_CUSTOMER_PLAN);
  g_assert_cmpstr (ts_dataset_get_string (ds, plan[ana]), ==, "pro");
  g_assert_cmpuint (ts_dataset_get_events (ds)->by_customer[1], ==, 1);
  g_assert_cmpuint (ts_dataset_get_n_matched_customers (ds), ==, 1);
}

static void
test_future_times_reported (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  GPtrArray *problems;
  TsTime next_year = g_get_real_time () + G_GINT64_CONSTANT (365) * 86400 * 1000000;
  gboolean found = FALSE;

  ts_dataset_builder_add_source (b, "events.csv", "test");
  add_event (b, "C1", T0, "login", NULL, NAN);
  add_event (b, "C1", next_year, "login", NULL, NAN);
  add_event (b, "C2", next_year + HOUR, "login", NULL, NAN);
  ds = ts_dataset_builder_finish (b, NULL, NULL);

  /* the rows are kept, and the finding says how many and which source */
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_EVENTS), ==, 3);
  problems = ts_dataset_get_problems (ds);
  for (guint i = 0; i < problems->len; i++)
    {
      TsProblem *p = problems->pdata[i];
      if (strstr (p->message, "2 rows of events are dated in the future") != NULL)
        {
          g_assert_cmpstr (p->path, ==, "events.csv");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_cases_deduplicated_across_sources (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDatasetBuilder) extract = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  TsSourceInfo *weekly, *loader;

  weekly = ts_dataset_builder_add_source (b, "WE_00D_1.ZIP", "salesforce");
  add_case (b, "C1", "500A", T0);
  add_case (b, "C1", "500B", T0 + HOUR);

  loader = ts_dataset_builder_add_source (extract, "cases-extract.csv", "csv");
  add_case (extract, "C1", "500B", T0 + HOUR);   /* the same case again */
  add_case (extract, "C2", "500C", T0 + 2 * HOUR);
  ts_dataset_builder_merge (b, extract);

  ds = ts_dataset_builder_finish (b, NULL, NULL);
  g_assert_cmpuint (ts_dataset_get_n_rows (ds, TS_TABLE_CASES), ==, 3);
  g_assert_cmpuint (ts_source_info_get_dropped (loader, TS_DROP_DUPLICATE), ==, 1);
  g_assert_cmpuint (ts_source_info_get_dropped (weekly, TS_DROP_DUPLICATE), ==, 0);
  /* a dropped duplicate contributes nothing: the extract's only customer
   * of its own is C2 */
  g_assert_cmpuint (ts_source_info_get_customers (loader), ==, 1);
  g_assert_cmpuint (ts_source_info_get_unmatched (loader), ==, 1);
  g_assert_cmpuint (ts_source_info_get_customers (weekly), ==, 1);
  g_assert_cmpuint (ts_dataset_get_n_matched_customers (ds), ==, 0);
}

/* columns of one value (a field not read, a constant) are filled, the
 * others gathered; either way every row has its own cell */
static void
test_uniform_columns (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDatasetBuilder) part = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  const TsEvents *e;

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", (i * 7u) % 101);
      /* the second half in another builder: more than one segment */
      add_event (i < 1500 ? b : part, id, T0 - (TsTime) (i % 17) * HOUR, "view", "web", NAN);
    }
  add_event (part, "c1", T0 - 1000 * HOUR, "view", "ios", NAN);
  ts_dataset_builder_merge (b, part);
  ds = ts_dataset_builder_finish (b, NULL, NULL);
  e = ts_dataset_get_events (ds);

  g_assert_cmpuint (e->n_rows, ==, 3001);
  for (guint i = 0; i < e->n_rows; i++)
    {
      g_assert_cmpstr (ts_dataset_get_string (ds, e->name[i]), ==, "view");
      g_assert_true (isnan (e->value[i]));
      g_assert_cmpuint (e->properties[i], ==, TS_STR_NULL);
      if (i + 1 < e->n_rows && e->customer[i] == e->customer[i + 1])
        g_assert_cmpint (e->at[i], <=, e->at[i + 1]);
    }
  /* one row differs: that column is gathered */
  {
    int c1 = ts_dataset_find_customer (ds, "c1");
    g_assert_cmpstr (ts_dataset_get_string (ds, e->channel[e->by_customer[c1]]), ==, "ios");
    g_assert_cmpstr (ts_dataset_get_string (ds, e->channel[e->by_customer[c1] + 1]), ==, "web");
  }
}

/* A field every row of a builder gives the same value is kept as one value
 * and a count until a row differs: the dataset has every row's own cell
 * either way, whether the run breaks at the first row, at the 1,024 rows a
 * column first holds or never, whether it is null, and across builders
 * merged with their string ids translated. */
static void
check_runs (guint n,
            guint differ_at)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDatasetBuilder) part = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  const TsEvents *e;
  guint n_ios = 0, n_null_name = 0;

  /* the part's pool is the larger: merging translates b's ids */
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *s = g_strdup_printf ("unused %u", i);
      test_intern (part, s);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i % 7);
      /* channel: "web" but one row; name: null throughout; value: 2.5, NaN in the part */
      add_event (b, id, T0, NULL, i == differ_at ? "ios" : "web", 2.5);
    }
  for (guint i = 0; i < 5; i++)
    add_event (part, "c1", T0 + (TsTime) i * HOUR, NULL, "web", NAN);
  ts_dataset_builder_merge (part, b);
  ds = ts_dataset_builder_finish (part, NULL, NULL);
  e = ts_dataset_get_events (ds);

  g_assert_cmpuint (e->n_rows, ==, n + 5);
  for (guint i = 0; i < e->n_rows; i++)
    {
      const char *channel = ts_dataset_get_string (ds, e->channel[i]);

      g_assert_true (g_strcmp0 (channel, "web") == 0 || g_strcmp0 (channel, "ios") == 0);
      n_ios += g_strcmp0 (channel, "ios") == 0;
      n_null_name += e->name[i] == TS_STR_NULL;
      g_assert_true (e->value[i] == 2.5 || (isnan (e->value[i]) && e->at[i] >= T0));
      g_assert_cmpuint (e->properties[i], ==, TS_STR_NULL);
    }
  g_assert_cmpuint (n_ios, ==, differ_at < n ? 1 : 0);
  g_assert_cmpuint (n_null_name, ==, n + 5);
  {
    int c1 = ts_dataset_find_customer (ds, "c1");
    guint nan_rows = 0;

    g_assert_cmpint (c1, >=, 0);
    for (guint r = e->by_customer[c1]; r < e->by_customer[c1 + 1]; r++)
      nan_rows += isnan (e->value[r]);
    g_assert_cmpuint (nan_rows, ==, 5);
  }
}

static void
test_constant_runs (void)
{
  static const guint cases[][2] = {
    { 0, G_MAXUINT },      /* no row in b */
    { 1, G_MAXUINT },      /* one row */
    { 1, 0 },              /* one row, the one that differs */
    { 2, 1 },              /* broken at the second row */
    { 1024, 1023 },        /* at the last row of the first storage */
    { 1025, 1024 },        /* at the first row past it */
    { 3000, 1500 },        /* in the middle: the column grows after */
    { 3000, G_MAXUINT },   /* never */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%u rows, differing at %u", cases[i][0], cases[i][1]);
      check_runs (cases[i][0], cases[i][1]);
    }
}

/* Fields that are constant runs are checked, translated and read wherever
 * the import reads cells: a case id shared by every case (duplicates: one
 * kept), one time for every event (sorted all the same), an id from
 * another pool (found by the check). */
static void
test_constant_runs_read (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDatasetBuilder) bad = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  TsValue row[TS_MAX_ROW_FIELDS];
  TsTable table;
  guint field;
  guint64 at_row;

  for (guint i = 0; i < 10; i++)
    add_case (b, i % 2 ? "a" : "b", "500X1", T0 + (TsTime) i * HOUR);
  for (guint i = 0; i < 10; i++)
    add_event (b, i % 2 ? "a" : "b", T0, "view", "web", NAN);
  ds = ts_dataset_builder_finish (b, NULL, NULL);
  g_assert_cmpuint (ts_dataset_get_cases (ds)->n_rows, ==, 1);
  g_assert_cmpstr (ts_dataset_get_string (ds, ts_dataset_get_cases (ds)->case_id[0]), ==, "500X1");
  g_assert_cmpuint (ts_dataset_get_events (ds)->n_rows, ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (ts_dataset_get_events (ds)->at[i], ==, T0);

  ts_dataset_builder_clear_row (TS_TABLE_EVENTS, row);
  row[TS_EVENT_CUSTOMER].str = test_intern (bad, "a");
  row[TS_EVENT_PROPERTIES].str = ts_str_pool_get_size (ts_dataset_builder_get_strings (bad)) + 5;
  for (guint i = 0; i < 3; i++)
    ts_dataset_builder_append (bad, TS_TABLE_EVENTS, row);
  g_assert_false (ts_dataset_builder_check_strings (bad, &table, &field, &at_row));
  g_assert_cmpint (table, ==, TS_TABLE_EVENTS);
  g_assert_cmpuint (field, ==, TS_EVENT_PROPERTIES);
  g_assert_cmpuint (at_row, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/dataset/customers/dedup-first-value-wins", test_customers_dedup);
  g_test_add_func ("/core/dataset/customers/merge-by-email", test_customers_merge_by_email);
  g_test_add_func ("/core/dataset/customers/implicit", test_implicit_customers);
  g_test_add_func ("/core/dataset/sorted-by-customer-and-time", test_sorted_by_customer_and_time);
  g_test_add_func ("/core/dataset/builder/uniform-columns-filled", test_uniform_columns);
  g_test_add_func ("/core/dataset/builder/constant-runs", test_constant_runs);
  g_test_add_func ("/core/dataset/builder/constant-runs-read", test_constant_runs_read);
  g_test_add_data_func ("/core/dataset/builder/merge/into-smaller-pool", GINT_TO_POINTER (FALSE),
                        test_merge_builders);
  g_test_add_data_func ("/core/dataset/builder/merge/into-larger-pool", GINT_TO_POINTER (TRUE),
                        test_merge_builders);
  g_test_add_func ("/core/dataset/find-customer", test_find_customer);
  g_test_add_func ("/core/dataset/time-range", test_time_range);
  g_test_add_func ("/core/dataset/problems-capped", test_problems_capped);
  g_test_add_func ("/core/dataset/builder/empty-customer-not-kept", test_empty_customer_not_kept);
  g_test_add_func ("/core/dataset/empty", test_empty);
  g_test_add_func ("/core/dataset/builder/cancelled", test_cancelled);
  g_test_add_func ("/core/dataset/freed", test_dataset_freed);
  g_test_add_func ("/core/dataset/identity/anonymous-stitched-by-alias", test_anonymous_stitched_by_alias);
  g_test_add_func ("/core/dataset/identity/alias-to-email", test_alias_to_email_identity);
  g_test_add_func ("/core/dataset/identity/cases-deduplicated-across-sources", test_cases_deduplicated_across_sources);
  g_test_add_func ("/core/dataset/identity/alias-folds-customer-rows", test_alias_folds_customer_rows);
  g_test_add_func ("/core/dataset/quality/future-times-reported", test_future_times_reported);

  return g_test_run ();
}

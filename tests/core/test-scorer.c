/* test-scorer.c — signals measured point in time, normalised, weighted
 * into a score whose contributions add up to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <touchstone.h>

#include "test-rows.h"

#define HOUR ((TsTime) 3600 * G_USEC_PER_SEC)
#define DAY  (24 * HOUR)

static TsTime T;   /* the moment scored: 2025-06-01 12:00 UTC */

static const char *playbook_json =
  "{ \"schema\": 1,"
  "  \"signals\": ["
  "    { \"id\": \"errors\", \"table\": \"events\", \"filter\": \"name == \\\"error\\\"\","
  "      \"measure\": \"count\", \"window\": \"7d\", \"normalise\": { \"kind\": \"cap\", \"cap\": 4 },"
  "      \"explain\": \"{count} errors in the last 7 days\", \"explain_none\": \"no errors lately\" },"
  "    { \"id\": \"open_case\", \"table\": \"cases\", \"filter\": \"open\", \"measure\": \"exists\","
  "      \"normalise\": { \"kind\": \"cap\", \"cap\": 1 }, \"explain\": \"an open case\" },"
  "    { \"id\": \"spend\", \"table\": \"events\", \"filter\": \"name == \\\"purchase\\\"\","
  "      \"measure\": \"sum\", \"field\": \"value\", \"normalise\": { \"kind\": \"log\", \"cap\": 100 } },"
  "    { \"id\": \"silence\", \"table\": \"events\", \"measure\": \"recency\","
  "      \"normalise\": { \"kind\": \"minmax\", \"min\": 0, \"max\": 30 }, \"explain\": \"{raw} days quiet\" },"
  "    { \"id\": \"decayed\", \"table\": \"events\", \"filter\": \"name == \\\"error\\\"\","
  "      \"measure\": \"count\", \"half_life\": \"1d\", \"normalise\": { \"kind\": \"cap\", \"cap\": 10 } },"
  "    { \"id\": \"closed\", \"table\": \"cases\", \"filter\": \"status == \\\"Closed\\\"\","
  "      \"measure\": \"exists\", \"normalise\": { \"kind\": \"cap\", \"cap\": 1 } },"
  "    { \"id\": \"pace\", \"table\": \"events\", \"measure\": \"rate\", \"window\": \"2d\","
  "      \"normalise\": { \"kind\": \"cap\", \"cap\": 10 } }"
  "  ],"
  "  \"score\": { \"weights\": { \"errors\": 0.5, \"open_case\": 0.3, \"spend\": 0.2 },"
  "             \"bands\": [ { \"id\": \"low\", \"min\": 0 }, { \"id\": \"high\", \"min\": 50 } ] },"
  "  \"routes\": [ { \"id\": \"rest\", \"to\": \"no_touch\" } ] }";

enum { ERRORS, OPEN_CASE, SPEND, SILENCE, DECAYED, CLOSED, PACE };


static void
add_customer (TsDatasetBuilder *b,
              const char       *id)
{
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, id, -1);
}

static void
add_event (TsDatasetBuilder *b,
           const char       *customer,
           TsTime            at,
           const char       *name,
           double            value)
{
  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, customer, TS_EVENT_AT, at,
               TS_EVENT_NAME, name, TS_EVENT_VALUE, value, -1);
}

static void
add_case (TsDatasetBuilder *b,
          const char       *customer,
          const char       *case_id,
          TsTime            opened_at,
          TsTime            closed_at,
          const char       *status)
{
  test_append (b, TS_TABLE_CASES, TS_CASE_CUSTOMER, customer, TS_CASE_ID, case_id,
               TS_CASE_OPENED_AT, opened_at, TS_CASE_CLOSED_AT, closed_at, TS_CASE_STATUS, status, -1);
}

static TsDataset *
make_dataset (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(GError) error = NULL;
  TsDataset *ds;

  add_customer (b, "ann");
  add_customer (b, "bob");
  add_event (b, "ann", T - 1 * DAY, "error", NAN);
  add_event (b, "ann", T - 2 * DAY, "error", NAN);
  add_event (b, "ann", T - 8 * DAY, "error", NAN);    /* outside the 7-day window */
  add_event (b, "ann", T, "error", NAN);              /* exactly at T: not seen */
  add_event (b, "ann", T + 1 * DAY, "error", NAN);    /* the future: not seen */
  add_event (b, "ann", T - 3 * DAY, "purchase", 50);
  add_event (b, "ann", T + 2 * DAY, "purchase", 1000); /* the future: not seen */
  /* opened before T, closed after it: open at T, and its status not yet known */
  add_case (b, "ann", "500A", T - 2 * DAY, T + 1 * DAY, "Closed");

  ds = ts_dataset_builder_finish (b, NULL, &error);
  g_assert_no_error (error);
  return ds;
}

static TsPlaybook *
make_playbook (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  TsPlaybook *pb;

  json_parser_load_from_data (parser, playbook_json, -1, &error);
  g_assert_no_error (error);
  pb = ts_playbook_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  return pb;
}

static TsScores *
score_at (TsDataset  *ds,
          TsPlaybook *pb,
          TsTime      as_of)
{
  g_autoptr(GError) error = NULL;
  TsScores *scores = ts_scorer_run (ds, pb, as_of, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scores);
  return scores;
}

static void
test_measures (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsPlaybook) pb = make_playbook ();
  g_autoptr(TsScores) s = score_at (ds, pb, T);
  guint ann = ts_dataset_find_customer (ds, "ann");

  g_assert_cmpfloat (ts_scores_get_signal (s, ann, ERRORS)->raw, ==, 2);
  g_assert_cmpuint (ts_scores_get_signal (s, ann, ERRORS)->count, ==, 2);
  g_assert_cmpfloat (ts_scores_get_signal (s, ann, ERRORS)->value, ==, 0.5);
  g_assert_cmpfloat (ts_scores_get_signal (s, ann, OPEN_CASE)->raw, ==, 1);
  g_assert_cmpfloat (ts_scores_get_signal (s, ann, SPEND)->raw, ==, 50);
  g_assert_cmpfloat_with_epsilon (ts_scores_get_signal (s, ann, SPEND)->value, log1p (50) / log1p (100), 1e-12);
  /* the latest record seen is the error a day before */
  g_assert_cmpfloat_with_epsilon (ts_scores_get_signal (s, ann, SILENCE)->raw, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ts_scores_get_signal (s, ann, SILENCE)->value, 1.0 / 30, 1e-12);
  /* no window: 0.5^1 + 0.5^2 + 0.5^8 */
  g_assert_cmpfloat_with_epsilon (ts_scores_get_signal (s, ann, DECAYED)->raw, 0.5 + 0.25 + 1.0 / 256, 1e-12);
  g_assert_cmpuint (ts_scores_get_signal (s, ann, DECAYED)->count, ==, 3);
  /* records in [T - 2d, T): the errors at T-1d and T-2d → 2 over 2 days */
  g_assert_cmpfloat (ts_scores_get_signal (s, ann, PACE)->raw, ==, 1.0);
}

static void
test_contributions_add_up (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsPlaybook) pb = make_playbook ();
  g_autoptr(TsScores) s = score_at (ds, pb, T);
  guint ann = ts_dataset_find_customer (ds, "ann");
  guint bob = ts_dataset_find_customer (ds, "bob");
  double sum = 0, expected;

  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    sum += ts_scores_get_signal (s, ann, i)->contribution;
  expected = 100 * (0.5 * 0.5 + 0.3 * 1 + 0.2 * log1p (50) / log1p (100));
  g_assert_cmpfloat_with_epsilon (ts_scores_get_score (s, ann), expected, 1e-9);
  g_assert_cmpfloat_with_epsilon (sum, ts_scores_get_score (s, ann), 1e-9);
  g_assert_cmpfloat_with_epsilon (ts_scores_get_signal (s, ann, ERRORS)->contribution, 25, 1e-12);
  g_assert_cmpfloat (ts_scores_get_signal (s, ann, DECAYED)->contribution, ==, 0);   /* not weighted */
  g_assert_cmpstr (ts_scores_get_band (s, ann)->id, ==, "high");

  /* nothing at all: score 0, band low, recency "never" normalised to 1 */
  g_assert_cmpfloat (ts_scores_get_score (s, bob), ==, 0);
  g_assert_cmpstr (ts_scores_get_band (s, bob)->id, ==, "low");
  g_assert_true (isnan (ts_scores_get_signal (s, bob, SILENCE)->raw));
  g_assert_cmpfloat (ts_scores_get_signal (s, bob, SILENCE)->value, ==, 1);
}

static void
test_point_in_time (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsPlaybook) pb = make_playbook ();
  guint ann = ts_dataset_find_customer (ds, "ann");
  g_autoptr(TsScores) at_t = score_at (ds, pb, T);
  g_autoptr(TsScores) just_after = score_at (ds, pb, T + 1);
  g_autoptr(TsScores) later = score_at (ds, pb, T + 2 * DAY + 1);

  /* the error exactly at T is seen only after T */
  g_assert_cmpfloat (ts_scores_get_signal (at_t, ann, ERRORS)->raw, ==, 2);
  g_assert_cmpfloat (ts_scores_get_signal (just_after, ann, ERRORS)->raw, ==, 3);

  /* the case closes at T+1d: open at T, and its "Closed" status unknown then */
  g_assert_cmpfloat (ts_scores_get_signal (at_t, ann, OPEN_CASE)->raw, ==, 1);
  g_assert_cmpfloat (ts_scores_get_signal (at_t, ann, CLOSED)->raw, ==, 0);
  g_assert_cmpfloat (ts_scores_get_signal (later, ann, OPEN_CASE)->raw, ==, 0);
  g_assert_cmpfloat (ts_scores_get_signal (later, ann, CLOSED)->raw, ==, 1);

  /* the purchase of 1000 at T+2d is seen a microsecond later */
  g_assert_cmpfloat (ts_scores_get_signal (later, ann, SPEND)->raw, ==, 1050);
}

static void
test_explanations (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsPlaybook) pb = make_playbook ();
  g_autoptr(TsScores) s = score_at (ds, pb, T);
  guint ann = ts_dataset_find_customer (ds, "ann");
  guint bob = ts_dataset_find_customer (ds, "bob");
  struct { guint customer, signal; const char *text; } cases[] = {
    { ann, ERRORS, "2 errors in the last 7 days" },
    { bob, ERRORS, "no errors lately" },
    { ann, OPEN_CASE, "an open case" },
    { bob, OPEN_CASE, "open_case: none" },
    { ann, SILENCE, "1 days quiet" },
    { bob, SILENCE, "silence: never" },
    { ann, SPEND, "spend: 50" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ts_scores_explain_signal (s, cases[i].customer, cases[i].signal);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_order (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(TsPlaybook) pb = make_playbook ();
  g_autoptr(TsScores) s = NULL;
  g_autofree guint *order = NULL;
  static const char *const expected[] = { "zoe", "kim", "amy", "bob", "max" };

  /* in no order: two scores, and three customers at 0 */
  add_customer (b, "max");
  add_customer (b, "kim");
  add_customer (b, "bob");
  add_customer (b, "zoe");
  add_customer (b, "amy");
  add_event (b, "kim", T - 1 * DAY, "error", NAN);
  add_event (b, "zoe", T - 1 * DAY, "error", NAN);
  add_event (b, "zoe", T - 2 * DAY, "error", NAN);
  ds = ts_dataset_builder_finish (b, NULL, &error);
  g_assert_no_error (error);
  s = score_at (ds, pb, T);

  /* highest first; equal scores by customer id */
  order = ts_scores_dup_order (s);
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    g_assert_cmpstr (ts_dataset_get_string (ds, ts_dataset_get_customers (ds)->id[order[k]]), ==, expected[k]);
}

static void
test_default_as_of_and_cancel (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsPlaybook) pb = make_playbook ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsScores) s = NULL;

  /* the latest record is the purchase at 2025-06-03 12:00 → 2025-06-04 00:00 */
  g_assert_cmpint (ts_scorer_default_as_of (ds), ==, ts_timestamp_from_civil (2025, 6, 4, 0, 0, 0, 0));

  g_cancellable_cancel (cancellable);
  s = ts_scorer_run (ds, pb, T, cancellable, &error);
  g_assert_null (s);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  T = ts_timestamp_from_civil (2025, 6, 1, 12, 0, 0, 0);

  g_test_add_func ("/scorer/measures", test_measures);
  g_test_add_func ("/scorer/contributions-add-up-to-the-score", test_contributions_add_up);
  g_test_add_func ("/scorer/point-in-time", test_point_in_time);
  g_test_add_func ("/scorer/explanations", test_explanations);
  g_test_add_func ("/scorer/order", test_order);
  g_test_add_func ("/scorer/default-as-of-and-cancel", test_default_as_of_and_cancel);

  return g_test_run ();
}

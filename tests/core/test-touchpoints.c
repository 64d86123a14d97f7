/* test-touchpoints.c — the touchpoints inventory measured on a hand-made
 * dataset, worked out by hand: interactions, reach over the base, attention
 * (seconds and days), the answers after an interaction and within the
 * window, cost written off over the period; the playbook's touchpoints
 * section and its errors; the bundled inventory
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

#define PLAYBOOK(touchpoints) \
  "{ \"schema\": 1," \
  "  \"signals\": [ { \"id\": \"need\", \"table\": \"events\", \"measure\": \"count\"," \
  "                   \"normalise\": { \"kind\": \"cap\", \"cap\": 4 } } ]," \
  "  \"score\": { \"weights\": { \"need\": 1 }, \"bands\": [ { \"id\": \"low\", \"min\": 0 } ] }," \
  "  \"routes\": [ { \"id\": \"rest\", \"to\": \"no_touch\" } ]," \
  "  \"touchpoints\": " touchpoints "}"

#define TOUCHPOINTS \
  "[ { \"id\": \"help\", \"label\": \"Help centre\", \"owner\": \"Support content\"," \
  "    \"table\": \"events\", \"filter\": \"name == \\\"help_article_viewed\\\"\"," \
  "    \"investment\": 3600, \"lifetime_months\": 12, \"upkeep_per_month\": 100," \
  "    \"perceived_value\": 4.5, \"attention\": \"properties.seconds\", \"satisfaction_days\": 7 }," \
  "  { \"id\": \"calls\", \"table\": \"touches\", \"filter\": \"channel == \\\"phone\\\"\" } ]"

static TsTime W0;   /* Monday 2025-06-02 */

static void
add_help (TsDatasetBuilder *b,
          const char       *customer,
          TsTime            at,
          const char       *properties)
{
  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, customer, TS_EVENT_AT, at,
               TS_EVENT_NAME, "help_article_viewed", TS_EVENT_PROPERTIES, properties, -1);
}

static void
add_answer (TsDatasetBuilder *b,
            const char       *customer,
            TsTime            at,
            const char       *kind,
            double            score)
{
  test_append (b, TS_TABLE_RESPONSES, TS_RESPONSE_CUSTOMER, customer, TS_RESPONSE_AT, at,
               TS_RESPONSE_KIND, kind, TS_RESPONSE_SCORE, score, -1);
}

static TsDataset *
make_dataset (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  const char *ids[] = { "a", "b", "c", "d" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, ids[i], TS_CUSTOMER_CREATED_AT, W0 - 400 * DAY, -1);
  /* not in the base: signed up after the end, churned before the start */
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, "e", TS_CUSTOMER_CREATED_AT, W0 + 40 * DAY, -1);
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, "f", TS_CUSTOMER_CREATED_AT, W0 - 400 * DAY,
               TS_CUSTOMER_CHURNED_AT, W0 - 10 * DAY, -1);

  /* a: three articles on two days, 60 + 120 + 300 seconds */
  add_help (b, "a", W0 + 1 * DAY, "{\"seconds\": 60}");
  add_help (b, "a", W0 + 1 * DAY + HOUR, "{\"seconds\": 120}");
  add_help (b, "a", W0 + 3 * DAY, "{\"seconds\": 300}");
  /* b: one, its time not recorded */
  add_help (b, "b", W0 + 2 * DAY, NULL);
  /* c: one before the start, not counted */
  add_help (b, "c", W0 - 2 * DAY, "{\"seconds\": 999}");
  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, "c", TS_EVENT_AT, W0 + DAY, TS_EVENT_NAME, "login", -1);

  test_append (b, TS_TABLE_TOUCHES, TS_TOUCH_CUSTOMER, "d", TS_TOUCH_AT, W0 + 10 * DAY, TS_TOUCH_CHANNEL, "phone", -1);
  test_append (b, TS_TABLE_TOUCHES, TS_TOUCH_CUSTOMER, "c", TS_TOUCH_AT, W0 + 10 * DAY, TS_TOUCH_CHANNEL, "email", -1);

  add_answer (b, "a", W0 + 1 * DAY + 30 * 60 * G_USEC_PER_SEC, "nps", 0);  /* 30 minutes after: counts */
  add_answer (b, "a", W0 + 5 * DAY, "nps", 10);                            /* 2 days after: counts */
  add_answer (b, "b", W0 + 4 * DAY, "csat", 4);                            /* 2 days after: counts */
  add_answer (b, "b", W0 + 12 * DAY, "nps", 3);                            /* 10 days after: too late */
  add_answer (b, "c", W0 + 1 * DAY, "nps", 6);                             /* no interaction in the period */
  add_answer (b, "d", W0 + 20 * DAY, "nps", 8);                            /* 10 days after a call */
  add_answer (b, "d", W0 + 31 * DAY, "nps", 10);                           /* after the end: unseen */
  return test_finish (b);
}

static void
test_measures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK (TOUCHPOINTS), &error);
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsTouchpoints) tp = NULL;
  const TsTouchpointMeasures *m;
  const guint *members;
  double months = 30 / 30.436875;
  TsEstimate all;
  guint n;

  g_assert_no_error (error);
  tp = ts_touchpoints_compute (ds, pb, W0, W0 + 30 * DAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_touchpoints_get_n_touchpoints (tp), ==, 2);
  g_assert_cmpuint (ts_touchpoints_get_base (tp), ==, 4);

  m = ts_touchpoints_get_measures (tp, 0);
  g_assert_cmpuint (m->interactions, ==, 4);
  g_assert_cmpuint (m->customers, ==, 2);
  g_assert_cmpfloat (m->reach, ==, 0.5);
  g_assert_cmpfloat (m->interactions_per_customer, ==, 2);
  g_assert_cmpfloat (m->active_days_per_customer, ==, 1.5);      /* a: 2 days, b: 1 */
  g_assert_cmpuint (m->attention_n, ==, 3);
  g_assert_cmpfloat (m->attention_median_seconds, ==, 120);
  g_assert_cmpfloat_with_epsilon (m->attention_p90_seconds, 120 + 0.8 * 180, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->attention_hours, 480.0 / 3600, 1e-12);
  /* a promoter and a detractor: NPS 0 of 2 answers; b's CSAT 4 */
  g_assert_cmpuint (m->nps_after.n, ==, 2);
  g_assert_cmpfloat (m->nps_after.value, ==, 0);
  g_assert_cmpfloat (m->csat_after, ==, 4);
  g_assert_cmpuint (m->csat_after_n, ==, 1);
  /* 3600 over 12 months, and 100 a month, for 30 days */
  g_assert_cmpfloat_with_epsilon (m->months, months, 1e-12);
  g_assert_cmpfloat_with_epsilon (m->cost, 400 * months, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->cost_per_interaction, 400 * months / 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (m->cost_per_customer, 400 * months / 2, 1e-9);
  members = ts_touchpoints_get_members (tp, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (ts_dataset_get_customer_id (ds, members[0]), ==, "a");
  g_assert_cmpstr (ts_dataset_get_customer_id (ds, members[1]), ==, "b");

  /* the calls: the default window of 30 days takes d's passive answer;
   * nothing costs anything, and no attention is recorded */
  m = ts_touchpoints_get_measures (tp, 1);
  g_assert_cmpuint (m->interactions, ==, 1);
  g_assert_cmpuint (m->customers, ==, 1);
  g_assert_cmpuint (m->nps_after.n, ==, 1);
  g_assert_cmpfloat (m->nps_after.value, ==, 0);
  g_assert_true (isnan (m->csat_after));
  g_assert_cmpuint (m->attention_n, ==, 0);
  g_assert_true (isnan (m->attention_median_seconds));
  g_assert_true (isnan (m->attention_hours));
  g_assert_cmpfloat (m->cost, ==, 0);
  g_assert_cmpfloat (m->cost_per_interaction, ==, 0);

  /* every NPS answer of the period: 1 promoter, 1 passive, 3 detractors */
  all = ts_touchpoints_get_nps_all (tp);
  g_assert_cmpuint (all.n, ==, 5);
  g_assert_cmpfloat_with_epsilon (all.value, -40, 1e-9);
}

/* nothing at or after the end is seen; an empty period costs its months */
static void
test_point_in_time (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK (TOUCHPOINTS), &error);
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsTouchpoints) tp = NULL;
  const TsTouchpointMeasures *m;

  tp = ts_touchpoints_compute (ds, pb, W0, W0 + 2 * DAY, NULL, &error);
  g_assert_no_error (error);
  m = ts_touchpoints_get_measures (tp, 0);
  g_assert_cmpuint (m->interactions, ==, 2);
  g_assert_cmpuint (m->customers, ==, 1);
  g_assert_cmpuint (m->nps_after.n, ==, 1);      /* the detractor of the first day */
  g_assert_cmpfloat (m->nps_after.value, ==, -100);
  m = ts_touchpoints_get_measures (tp, 1);
  g_assert_cmpuint (m->interactions, ==, 0);
  g_assert_true (isnan (m->cost_per_interaction));
  g_assert_cmpfloat (m->reach, ==, 0);

  g_assert_null (ts_touchpoints_compute (ds, pb, W0, W0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_playbook_errors (void)
{
  static const struct { const char *touchpoints; const char *message; } cases[] = {
    { "{}", "$.touchpoints: expected an array" },
    { "[ { \"id\": \"x\", \"table\": \"lists\" } ]",
      "$.touchpoints[0].table: “lists” is not one of events, cases, touches, responses" },
    { "[ { \"id\": \"x\", \"table\": \"cases\", \"filter\": \"minutes_open > 3\" } ]",
      "$.touchpoints[0].filter: " },
    { "[ { \"id\": \"x\", \"table\": \"events\", \"investment\": -1 } ]",
      "$.touchpoints[0].investment: an amount of 0 or more" },
    { "[ { \"id\": \"x\", \"table\": \"events\", \"upkeep_per_month\": \"a lot\" } ]",
      "$.touchpoints[0].upkeep_per_month: expected a number" },
    { "[ { \"id\": \"x\", \"table\": \"events\", \"lifetime_months\": 0 } ]",
      "$.touchpoints[0].lifetime_months: a number of months above 0" },
    { "[ { \"id\": \"x\", \"table\": \"events\", \"perceived_value\": 7 } ]",
      "$.touchpoints[0].perceived_value: a rating from 1 to 5" },
    { "[ { \"id\": \"x\", \"table\": \"events\", \"attention\": \"seconds\" } ]",
      "$.touchpoints[0].attention: “seconds” is not a field of events" },
    { "[ { \"id\": \"x\", \"table\": \"events\", \"satisfaction_days\": 0.5 } ]",
      "$.touchpoints[0].satisfaction_days: a whole number of days from 1 to 3660" },
    { "[ { \"id\": \"x\", \"table\": \"events\", \"owner \": \"me\" } ]",
      "$.touchpoints[0].owner : not a touchpoint's setting" },
    { "[ { \"id\": \"x\", \"table\": \"events\" }, { \"id\": \"x\", \"table\": \"cases\" } ]",
      "$.touchpoints[1].id: “x” is used twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (PLAYBOOK ("%s"), cases[i].touchpoints);
      g_autoptr(GError) error = NULL;
      g_autoptr(TsPlaybook) pb = test_playbook_from (text, &error);

      g_assert_null (pb);
      g_assert_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].message);
    }
}

/* the bundled inventory: every touchpoint owned, costed and rated */
static void
test_default_touchpoints (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "playbook", "default.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = ts_playbook_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ts_playbook_get_n_touchpoints (pb), >=, 5);
  for (guint i = 0; i < ts_playbook_get_n_touchpoints (pb); i++)
    {
      const TsTouchpoint *t = ts_playbook_get_touchpoint (pb, i);

      g_assert_nonnull (t->owner);
      g_assert_cmpfloat (t->investment + t->upkeep_per_month, >, 0);
      g_assert_false (isnan (t->perceived_value));
    }
  g_assert_cmpint (ts_playbook_find_touchpoint (pb, "help_centre"), ==, 0);
  g_assert_cmpstr (ts_playbook_get_touchpoint (pb, 0)->attention, ==, "properties.seconds");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  W0 = ts_timestamp_from_civil (2025, 6, 2, 0, 0, 0, 0);

  g_test_add_func ("/core/touchpoints/measures", test_measures);
  g_test_add_func ("/core/touchpoints/point-in-time", test_point_in_time);
  g_test_add_func ("/core/touchpoints/playbook-errors", test_playbook_errors);
  g_test_add_func ("/core/touchpoints/default", test_default_touchpoints);

  return g_test_run ();
}

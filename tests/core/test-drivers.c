/* test-drivers.c — the CX driver index on a hand-made dataset, worked out
 * by hand: counts and per 1,000 by week, the index, an alert crossed and one
 * not, the impact on NPS, a promoter→detractor story; the playbook's
 * drivers section and its errors
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

#define PLAYBOOK(drivers) \
  "{ \"schema\": 1," \
  "  \"signals\": [ { \"id\": \"need\", \"table\": \"events\", \"measure\": \"count\"," \
  "                   \"normalise\": { \"kind\": \"cap\", \"cap\": 4 } } ]," \
  "  \"score\": { \"weights\": { \"need\": 1 }, \"bands\": [ { \"id\": \"low\", \"min\": 0 } ] }," \
  "  \"routes\": [ { \"id\": \"rest\", \"to\": \"no_touch\" } ]," \
  "  \"drivers\": " drivers "}"

#define DRIVERS \
  "[ { \"id\": \"outage\", \"table\": \"events\", \"filter\": \"name == \\\"outage_affected\\\"\"," \
  "    \"direction\": \"lowers\", \"weight\": 2, \"alert\": { \"per_1000\": 300 } }," \
  "  { \"id\": \"fast\", \"label\": \"Fast service\", \"table\": \"cases\", \"filter\": \"hours_to_close <= 8\"," \
  "    \"direction\": \"raises\" } ]"

static TsTime W0;   /* Monday 2025-06-02, ISO week 23 */

static void
add_event (TsDatasetBuilder *b,
           const char       *customer,
           TsTime            at,
           const char       *name)
{
  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, customer, TS_EVENT_AT, at, TS_EVENT_NAME, name, -1);
}

static void
add_nps (TsDatasetBuilder *b,
         const char       *customer,
         TsTime            at,
         double            score)
{
  test_append (b, TS_TABLE_RESPONSES, TS_RESPONSE_CUSTOMER, customer, TS_RESPONSE_AT, at,
               TS_RESPONSE_KIND, "nps", TS_RESPONSE_SCORE, score, -1);
}

static TsDataset *
make_dataset (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  const char *ids[] = { "a", "b", "c", "d" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, ids[i], TS_CUSTOMER_CREATED_AT, W0 - 400 * DAY, -1);

  /* week 23: three outage moments of two customers (750 per 1,000: an alert) */
  add_event (b, "a", W0 + 1 * DAY, "outage_affected");
  add_event (b, "a", W0 + 2 * DAY, "outage_affected");
  add_event (b, "b", W0 + 2 * DAY, "outage_affected");
  add_event (b, "b", W0 + 2 * DAY + HOUR, "login");
  /* week 24: one (250 per 1,000: no alert), and a case closed in 4 hours */
  add_event (b, "c", W0 + 8 * DAY, "outage_affected");
  test_append (b, TS_TABLE_CASES, TS_CASE_CUSTOMER, "d", TS_CASE_ID, "K-1", TS_CASE_OPENED_AT, W0 + 8 * DAY,
               TS_CASE_CLOSED_AT, W0 + 8 * DAY + 4 * HOUR, -1);
  /* a case of 30 hours, not fast */
  test_append (b, TS_TABLE_CASES, TS_CASE_CUSTOMER, "c", TS_CASE_ID, "K-2", TS_CASE_OPENED_AT, W0 + 9 * DAY,
               TS_CASE_CLOSED_AT, W0 + 10 * DAY + 6 * HOUR, -1);

  /* a promoter before the outage, a detractor after it */
  add_nps (b, "a", W0 - DAY, 10);
  add_nps (b, "a", W0 + 18 * DAY, 3);
  add_nps (b, "b", W0 + 18 * DAY, 5);
  add_nps (b, "c", W0 + 18 * DAY, 10);
  add_nps (b, "d", W0 + 18 * DAY, 10);
  return test_finish (b);
}

static void
test_index (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK (DRIVERS), &error);
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsDrivers) dr = NULL;
  g_autofree char *label = NULL;
  const TsDriverCell *cell;
  const TsDriverAlert *alerts;
  const TsDriverImpact *impact;
  const TsDriverStory *stories;
  const TsDriverQuestions *q;
  const guint *members;
  guint n;

  g_assert_no_error (error);
  g_assert_cmpuint (ts_playbook_get_n_drivers (pb), ==, 2);
  /* from the middle of week 23: rounded down to its Monday */
  dr = ts_drivers_compute (ds, pb, TS_DRIVER_PERIOD_WEEK, W0 + 3 * DAY, W0 + 21 * DAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_drivers_get_n_periods (dr), ==, 3);
  g_assert_cmpint (ts_drivers_get_period_start (dr, 0), ==, W0);
  g_assert_cmpint (ts_drivers_get_period_start (dr, 1), ==, W0 + 7 * DAY);
  label = ts_drivers_dup_period_label (dr, 0);
  g_assert_cmpstr (label, ==, "2025-W23");

  cell = ts_drivers_get_cell (dr, 0, 0);
  g_assert_cmpuint (cell->moments, ==, 3);
  g_assert_cmpuint (cell->customers, ==, 2);
  g_assert_cmpfloat_with_epsilon (cell->per_1000, 750, 1e-9);
  g_assert_true (cell->alert);
  members = ts_drivers_get_members (dr, 0, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (members[0], ==, (guint) ts_dataset_find_customer (ds, "a"));
  cell = ts_drivers_get_cell (dr, 1, 0);
  g_assert_cmpuint (cell->moments, ==, 1);
  g_assert_cmpfloat_with_epsilon (cell->per_1000, 250, 1e-9);
  g_assert_false (cell->alert);
  cell = ts_drivers_get_cell (dr, 1, 1);
  g_assert_cmpuint (cell->moments, ==, 1);   /* K-1, not K-2 */
  g_assert_cmpuint (ts_drivers_get_cell (dr, 2, 0)->moments, ==, 0);

  /* raising minus lowering, weighted */
  g_assert_cmpfloat_with_epsilon (ts_drivers_get_index (dr, 0), -2 * 750.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ts_drivers_get_index (dr, 1), 250 - 2 * 250.0, 1e-9);

  /* the questions of week 24: two cases opened and closed, 4 h and 30 h */
  q = ts_drivers_get_questions (dr, 1);
  g_assert_cmpuint (q->customers, ==, 4);
  g_assert_cmpuint (q->cases_opened, ==, 2);
  g_assert_cmpuint (q->resolved_cases, ==, 2);
  g_assert_cmpfloat_with_epsilon (q->resolve_median_hours, 17, 1e-9);
  g_assert_cmpuint (q->outages, ==, 1);
  g_assert_cmpuint (ts_drivers_get_questions (dr, 0)->outages, ==, 2);   /* two days */
  g_assert_cmpuint (q->contacts_this_year, ==, 2);

  /* one alert: week 23's outages, with the records behind it */
  alerts = ts_drivers_get_alerts (dr, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (alerts[0].period, ==, 0);
  g_assert_cmpuint (alerts[0].driver, ==, 0);
  g_assert_cmpfloat (alerts[0].threshold, ==, 300);
  g_assert_cmpuint (alerts[0].n_examples, ==, 3);
  g_assert_cmpint (alerts[0].examples[0].at, ==, W0 + 1 * DAY);

  /* impact: the answers of weeks 23–25; exposed to the outage: a 3, b 5, c 10
   * (NPS (1 − 2) / 3 = −33.3); not: d 10 (100); −133.3 */
  impact = ts_drivers_get_impact (dr, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (impact[0].driver, ==, 0);
  g_assert_cmpuint (impact[0].exposed_nps.n, ==, 3);
  g_assert_cmpuint (impact[0].unexposed_nps.n, ==, 1);
  g_assert_cmpuint (impact[0].exposed_customers, ==, 3);
  g_assert_cmpfloat_with_epsilon (impact[0].nps_difference, -400.0 / 3, 1e-9);
  g_assert_cmpfloat (impact[0].nps_difference_low, <, impact[0].nps_difference);
  g_assert_cmpfloat (impact[0].nps_difference_high, >, impact[0].nps_difference);
  g_assert_true (isnan (impact[0].exposed_csat));
  /* fast service: d exposed (100) against a, b, c (−33.3) */
  g_assert_cmpfloat_with_epsilon (impact[1].nps_difference, 400.0 / 3, 1e-9);

  /* a's story: 10 → 3 with the two outage moments between */
  stories = ts_drivers_get_stories (dr, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (stories[0].customer, ==, (guint) ts_dataset_find_customer (ds, "a"));
  g_assert_cmpint (stories[0].direction, ==, TS_DRIVER_STORY_FELL);
  g_assert_cmpfloat (stories[0].from_answer.score, ==, 10);
  g_assert_cmpfloat (stories[0].to_answer.score, ==, 3);
  g_assert_cmpuint (stories[0].n_moments, ==, 2);
  g_assert_cmpint (stories[0].moments[0].at, ==, W0 + 1 * DAY);
  g_assert_cmpuint (stories[0].moments[1].driver, ==, 0);
}

/* point in time: as of a `to` before K-1 closes, it is not fast */
static void
test_point_in_time (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK (DRIVERS), &error);
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsDrivers) dr = NULL;

  dr = ts_drivers_compute (ds, pb, TS_DRIVER_PERIOD_MONTH, W0, W0 + 8 * DAY + 2 * HOUR, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_drivers_get_n_periods (dr), ==, 1);
  g_assert_cmpuint (ts_drivers_get_cell (dr, 0, 1)->moments, ==, 0);
  g_assert_cmpuint (ts_drivers_get_cell (dr, 0, 0)->moments, ==, 4);
}

static void
test_playbook_errors (void)
{
  static const struct { const char *drivers; const char *message; } cases[] = {
    { "{}", "$.drivers: expected an array" },
    { "[ { \"id\": \"x\", \"table\": \"events\", \"direction\": \"sideways\" } ]",
      "$.drivers[0].direction: “sideways” is not one of lowers, raises" },
    { "[ { \"id\": \"x\", \"table\": \"customers\", \"direction\": \"lowers\" } ]",
      "$.drivers[0].table: “customers” is not one of events, cases, touches, responses" },
    { "[ { \"id\": \"x\", \"table\": \"cases\", \"direction\": \"lowers\", \"filter\": \"minutes_open > 3\" } ]",
      "$.drivers[0].filter: " },
    { "[ { \"id\": \"x\", \"table\": \"cases\", \"direction\": \"lowers\", \"alert\": { \"per_1000\": -1 } } ]",
      "$.drivers[0].alert.per_1000: " },
    { "[ { \"id\": \"x\", \"table\": \"cases\", \"direction\": \"lowers\", \"weight\": -1 } ]",
      "$.drivers[0].weight: " },
    { "[ { \"id\": \"x\", \"table\": \"cases\", \"direction\": \"lowers\", \"treshold\": 1 } ]",
      "$.drivers[0].treshold: " },
    { "[ { \"id\": \"x\", \"table\": \"events\", \"direction\": \"lowers\" },"
      "  { \"id\": \"x\", \"table\": \"events\", \"direction\": \"raises\" } ]",
      "$.drivers[1].id: “x” is used twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (PLAYBOOK ("%s"), cases[i].drivers);
      g_autoptr(GError) error = NULL;
      g_autoptr(TsPlaybook) pb = test_playbook_from (text, &error);

      g_assert_null (pb);
      g_assert_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].message);
    }
}

/* the bundled playbook holds the seeds' thirteen drivers */
static void
test_default_drivers (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "data", "playbook", "default.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = ts_playbook_new_from_file (path, &error);
  guint lowers = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (ts_playbook_get_n_drivers (pb), ==, 13);
  for (guint i = 0; i < ts_playbook_get_n_drivers (pb); i++)
    lowers += ts_playbook_get_driver (pb, i)->direction == TS_DRIVER_LOWERS;
  g_assert_cmpuint (lowers, ==, 6);
  g_assert_cmpint (ts_playbook_find_driver (pb, "outage"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  W0 = ts_timestamp_from_civil (2025, 6, 2, 0, 0, 0, 0);

  g_test_add_func ("/core/drivers/index-alerts-impact-stories", test_index);
  g_test_add_func ("/core/drivers/point-in-time", test_point_in_time);
  g_test_add_func ("/core/drivers/playbook-errors", test_playbook_errors);
  g_test_add_func ("/core/drivers/default-playbook", test_default_drivers);
  return g_test_run ();
}

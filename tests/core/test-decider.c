/* test-decider.c — routes in order, and every guardrail kind's verdict
 * with its reason
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

static TsTime T;   /* 2025-06-01 12:00 UTC: 21:00 in Tokyo */

static const char *playbook_json =
  "{ \"schema\": 1,"
  "  \"signals\": ["
  "    { \"id\": \"need\", \"table\": \"events\", \"filter\": \"name == \\\"error\\\"\", \"measure\": \"count\","
  "      \"window\": \"7d\", \"normalise\": { \"kind\": \"cap\", \"cap\": 2 } },"
  "    { \"id\": \"ready\", \"table\": \"events\", \"filter\": \"name == \\\"feature_used\\\"\", \"measure\": \"count\","
  "      \"normalise\": { \"kind\": \"cap\", \"cap\": 3 } }"
  "  ],"
  "  \"score\": { \"weights\": { \"need\": 1 },"
  "             \"bands\": [ { \"id\": \"low\", \"min\": 0 }, { \"id\": \"high\", \"min\": 50 } ] },"
  "  \"guardrails\": ["
  "    { \"id\": \"email-cap\", \"kind\": \"frequency_cap\", \"channel\": \"email\", \"max\": 2, \"window\": \"7d\" },"
  "    { \"id\": \"all-cap\", \"kind\": \"frequency_cap\", \"max\": 5, \"window\": \"30d\" },"
  "    { \"id\": \"consent\", \"kind\": \"consent\" },"
  "    { \"id\": \"dnc\", \"kind\": \"suppression\", \"list\": \"dnc\" },"
  "    { \"id\": \"night\", \"kind\": \"quiet_hours\", \"start\": \"21:00\", \"end\": \"08:00\" },"
  "    { \"id\": \"open-case\", \"kind\": \"no_pitch\", \"when\": \"open_case\" },"
  "    { \"id\": \"renewal\", \"kind\": \"no_pitch\", \"when\": \"after_renewal\", \"days\": 14 },"
  "    { \"id\": \"onboarding\", \"kind\": \"no_pitch\", \"when\": \"onboarding\", \"days\": 7 },"
  "    { \"id\": \"complaint\", \"kind\": \"no_pitch\", \"when\": \"after_complaint\", \"days\": 30 },"
  "    { \"id\": \"detractor\", \"kind\": \"no_pitch\", \"when\": \"after_detractor\", \"days\": 30 }"
  "  ],"
  "  \"routes\": ["
  "    { \"id\": \"help\", \"when\": \"need >= 1\", \"to\": \"human\", \"channel\": \"phone\", \"sla_hours\": 4,"
  "      \"promise\": \"A person calls within 4 hours.\" },"
  "    { \"id\": \"expand\", \"when\": \"band == \\\"low\\\"\", \"readiness\": \"ready >= 1\", \"to\": \"csm\","
  "      \"channel\": \"email\", \"promise\": \"Only what saves you time.\" },"
  "    { \"id\": \"rest\", \"to\": \"no_touch\" }"
  "  ] }";

enum { EMAIL_CAP, ALL_CAP, CONSENT, DNC, NIGHT, OPEN_CASE, RENEWAL, ONBOARDING, COMPLAINT, DETRACTOR };
enum { HELP, EXPAND, REST };


static void
add_customer (TsDatasetBuilder *b,
              const char       *id,
              const char       *timezone,
              TsTime            created_at,
              TsTime            renewal_at,
              TsConsent         phone)
{
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, id, TS_CUSTOMER_TIMEZONE, timezone,
               TS_CUSTOMER_CREATED_AT, created_at, TS_CUSTOMER_RENEWAL_AT, renewal_at,
               TS_CUSTOMER_CONSENT_PHONE, (int) phone, -1);
}

static void
add_events (TsDatasetBuilder *b,
            const char       *customer,
            const char       *name,
            guint             n)
{
  for (guint i = 0; i < n; i++)
    test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, customer, TS_EVENT_AT, T - (TsTime) (i + 1) * HOUR,
                 TS_EVENT_NAME, name, -1);
}

static void
add_touch (TsDatasetBuilder *b,
           const char       *customer,
           TsTime            at,
           const char       *channel,
           const char       *kind)
{
  test_append (b, TS_TABLE_TOUCHES, TS_TOUCH_CUSTOMER, customer, TS_TOUCH_AT, at,
               TS_TOUCH_CHANNEL, channel, TS_TOUCH_KIND, kind, -1);
}

static void
add_case (TsDatasetBuilder *b,
          const char       *customer,
          const char       *id,
          TsTime            opened_at,
          TsTime            closed_at,
          const char       *category)
{
  test_append (b, TS_TABLE_CASES, TS_CASE_CUSTOMER, customer, TS_CASE_ID, id, TS_CASE_OPENED_AT, opened_at,
               TS_CASE_CLOSED_AT, closed_at, TS_CASE_CATEGORY, category, -1);
}

static TsScores *
make_scores (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(TsPlaybook) pb = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  TsScores *scores;

  /* needs help, but said no to phone calls */
  add_customer (b, "helpme", NULL, T - 400 * DAY, TS_TIME_NULL, TS_CONSENT_DENIED);
  add_events (b, "helpme", "error", 2);

  /* ready to grow, but over-contacted, with an open case, at night in Tokyo */
  add_customer (b, "grow", "Asia/Tokyo", T - 400 * DAY, TS_TIME_NULL, TS_CONSENT_UNKNOWN);
  add_events (b, "grow", "feature_used", 3);
  add_touch (b, "grow", T - 1 * DAY, "email", "marketing");
  add_touch (b, "grow", T - 2 * DAY, "email", "marketing");
  add_touch (b, "grow", T - 3 * DAY, "email", "transactional");   /* not counted */
  add_touch (b, "grow", T - 10 * DAY, "email", "marketing");      /* outside 7 days */
  add_touch (b, "grow", T + 1 * DAY, "email", "marketing");       /* the future */
  add_case (b, "grow", "500OPEN", T - 1 * DAY, TS_TIME_NULL, "Problem");

  /* nothing to do */
  add_customer (b, "calm", NULL, T - 400 * DAY, TS_TIME_NULL, TS_CONSENT_UNKNOWN);

  /* ready, but on the do-not-contact list, renewed, complained, a detractor */
  add_customer (b, "listed", "Europe/Berlin", T - 400 * DAY, T - 5 * DAY, TS_CONSENT_UNKNOWN);
  add_events (b, "listed", "feature_used", 3);
  add_case (b, "listed", "500COMPLAINT", T - 10 * DAY, T - 9 * DAY, "Complaint");
  test_append (b, TS_TABLE_RESPONSES, TS_RESPONSE_CUSTOMER, "listed", TS_RESPONSE_AT, T - 2 * DAY,
               TS_RESPONSE_SCORE, 3.0, -1);
  test_append (b, TS_TABLE_LISTS, TS_LIST_CUSTOMER, "listed", TS_LIST_NAME, "dnc", -1);

  /* ready, but signed up three days ago */
  add_customer (b, "fresh", NULL, T - 3 * DAY, TS_TIME_NULL, TS_CONSENT_UNKNOWN);
  add_events (b, "fresh", "feature_used", 3);

  ds = test_finish (b);
  json_parser_load_from_data (parser, playbook_json, -1, &error);
  g_assert_no_error (error);
  pb = ts_playbook_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  scores = ts_scorer_run (ds, pb, T, NULL, &error);
  g_assert_no_error (error);
  return scores;
}

static TsDecision *
decide (TsScores   *scores,
        const char *customer)
{
  g_autoptr(GError) error = NULL;
  int c = ts_dataset_find_customer (ts_scores_get_dataset (scores), customer);
  TsDecision *d;

  g_assert_cmpint (c, >=, 0);
  d = ts_decide (scores, c, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

static void
assert_verdict (TsDecision *d,
                guint       guardrail,
                gboolean    blocks,
                const char *reason)
{
  if (d->verdicts[guardrail].blocks != blocks || g_strcmp0 (d->verdicts[guardrail].reason, reason) != 0)
    g_error ("guardrail %u: expected %s “%s”, got %s “%s”", guardrail,
             blocks ? "block" : "pass", reason,
             d->verdicts[guardrail].blocks ? "block" : "pass", d->verdicts[guardrail].reason);
}

static void
test_routes_in_order (void)
{
  g_autoptr(TsScores) s = make_scores ();
  g_autoptr(TsDecision) helpme = decide (s, "helpme");
  g_autoptr(TsDecision) grow = decide (s, "grow");
  g_autoptr(TsDecision) calm = decide (s, "calm");

  g_assert_cmpint (helpme->route, ==, HELP);
  g_assert_false (helpme->pitch);
  g_assert_cmpint (grow->route, ==, EXPAND);
  g_assert_true (grow->pitch);
  /* band low, but not ready: the expansion route is skipped */
  g_assert_cmpint (calm->route, ==, REST);
  g_assert_false (calm->held_back);
  for (guint i = 0; i <= DETRACTOR; i++)
    assert_verdict (calm, i, FALSE, "no touch to hold back");
}

static void
test_caps_consent_quiet_hours (void)
{
  g_autoptr(TsScores) s = make_scores ();
  g_autoptr(TsDecision) helpme = decide (s, "helpme");
  g_autoptr(TsDecision) grow = decide (s, "grow");

  /* a help call: consent is what holds it back; no-pitch windows do not apply */
  g_assert_true (helpme->held_back);
  assert_verdict (helpme, CONSENT, TRUE, "said no to phone");
  assert_verdict (helpme, EMAIL_CAP, FALSE, "caps email touches; this one is by phone");
  assert_verdict (helpme, NIGHT, FALSE, "12:00 in UTC is outside quiet hours");
  assert_verdict (helpme, OPEN_CASE, FALSE, "not a pitch");

  g_assert_true (grow->held_back);
  assert_verdict (grow, EMAIL_CAP, TRUE, "2 email touches in the last 7 days, cap 2");
  assert_verdict (grow, ALL_CAP, FALSE, "3 touches in the last 30 days, cap 5");
  assert_verdict (grow, CONSENT, FALSE, "has not said no to email");
  assert_verdict (grow, NIGHT, TRUE, "21:00 in Asia/Tokyo is within quiet hours");
  assert_verdict (grow, OPEN_CASE, TRUE, "case 500OPEN is open");
  assert_verdict (grow, DNC, FALSE, "not on the list “dnc”");
}

static void
test_suppression_and_no_pitch_windows (void)
{
  g_autoptr(TsScores) s = make_scores ();
  g_autoptr(TsDecision) listed = decide (s, "listed");
  g_autoptr(TsDecision) fresh = decide (s, "fresh");

  g_assert_cmpint (listed->route, ==, EXPAND);
  g_assert_true (listed->held_back);
  assert_verdict (listed, DNC, TRUE, "on the list “dnc”");
  assert_verdict (listed, RENEWAL, TRUE, "renewed 5 days ago");
  assert_verdict (listed, COMPLAINT, TRUE, "complained 10 days ago");
  assert_verdict (listed, DETRACTOR, TRUE, "answered 3 in a survey 2 days ago");
  assert_verdict (listed, OPEN_CASE, FALSE, "no open case");
  assert_verdict (listed, ONBOARDING, FALSE, "past the first 7 days");
  assert_verdict (listed, NIGHT, FALSE, "14:00 in Europe/Berlin is outside quiet hours");

  g_assert_cmpint (fresh->route, ==, EXPAND);
  g_assert_true (fresh->held_back);
  assert_verdict (fresh, ONBOARDING, TRUE, "started 3 days ago, still in the first 7");
  assert_verdict (fresh, RENEWAL, FALSE, "no renewal in the last 14 days");
  for (guint i = 0; i <= DETRACTOR; i++)
    if (i != ONBOARDING)
      g_assert_false (fresh->verdicts[i].blocks);
}

/* A customer on its own (ts_dataset_new_for_customer) is scored and
 * decided as among everyone */
static void
test_customer_alone (void)
{
  g_autoptr(TsScores) all = make_scores ();
  TsDataset *ds = ts_scores_get_dataset (all);
  TsPlaybook *pb = ts_scores_get_playbook (all);

  for (guint c = 0; c < ts_scores_get_n_customers (all); c++)
    {
      g_autoptr(TsDataset) one = ts_dataset_new_for_customer (ds, c);
      g_autoptr(GError) error = NULL;
      g_autoptr(TsScores) alone = ts_scorer_run (one, pb, ts_scores_get_as_of (all), NULL, &error);
      g_autoptr(TsDecision) d_all = ts_decide (all, c, &error);
      g_autoptr(TsDecision) d_alone = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (ts_scores_get_n_customers (alone), ==, 1);
      g_assert_cmpstr (ts_dataset_get_string (one, ts_dataset_get_customers (one)->id[0]), ==,
                       ts_dataset_get_string (ds, ts_dataset_get_customers (ds)->id[c]));
      g_assert_cmpfloat_with_epsilon (ts_scores_get_score (alone, 0), ts_scores_get_score (all, c), 1e-12);
      d_alone = ts_decide (alone, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (d_alone->route, ==, d_all->route);
      for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
        g_assert_cmpstr (d_alone->verdicts[i].reason, ==, d_all->verdicts[i].reason);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  T = ts_timestamp_from_civil (2025, 6, 1, 12, 0, 0, 0);

  g_test_add_func ("/decider/customer-alone", test_customer_alone);
  g_test_add_func ("/decider/routes-in-order", test_routes_in_order);
  g_test_add_func ("/decider/caps-consent-quiet-hours", test_caps_consent_quiet_hours);
  g_test_add_func ("/decider/suppression-and-no-pitch-windows", test_suppression_and_no_pitch_windows);

  return g_test_run ();
}

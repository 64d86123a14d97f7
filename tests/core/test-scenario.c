/* test-scenario.c — a customer moment by hand and from a real customer,
 * decided by the default playbook, and its JSON with errors by path
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

static TsTime T;   /* 2025-06-01 12:00 UTC */

typedef struct
{
  TsScores   *scores;
  TsDecision *decision;
} Moment;

static void
moment_clear (Moment *m)
{
  g_clear_pointer (&m->decision, ts_decision_free);
  g_clear_pointer (&m->scores, ts_scores_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Moment, moment_clear)

static void
play (const TsScenario *scenario,
      TsPlaybook       *pb,
      Moment           *m)
{
  g_autoptr(GError) error = NULL;

  moment_clear (m);
  m->scores = ts_scenario_score (scenario, pb, T, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_scores_get_n_customers (m->scores), ==, 1);
  m->decision = ts_decide (m->scores, 0, &error);
  g_assert_no_error (error);
}

static TsPlaybook *
default_playbook (void)
{
  g_autoptr(GError) error = NULL;
  TsPlaybook *pb = ts_playbook_new_default (&error);

  g_assert_no_error (error);
  return pb;
}

static const char *
route_id (TsPlaybook *pb,
          Moment     *m)
{
  return ts_playbook_get_route (pb, m->decision->route)->id;
}

static const TsVerdict *
verdict (TsPlaybook *pb,
         Moment     *m,
         const char *id)
{
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    if (strcmp (ts_playbook_get_guardrail (pb, i)->id, id) == 0)
      return &m->decision->verdicts[i];
  g_error ("no guardrail %s", id);
}

static double
signal_raw (TsPlaybook *pb,
            Moment     *m,
            const char *id)
{
  int i = ts_playbook_find_signal (pb, id);

  g_assert_cmpint (i, >=, 0);
  return ts_scores_get_signal (m->scores, 0, i)->raw;
}

/* Each edit of the moment changes what the playbook does, as the room
 * would see it. */
static void
test_by_hand (void)
{
  g_autoptr(TsPlaybook) pb = default_playbook ();
  g_autoptr(TsScenario) s = ts_scenario_new ("Ana");
  g_auto(Moment) m = { NULL, NULL };
  g_autofree char *explained = NULL;

  /* a customer of a year with nothing going on: calm, no touch */
  play (s, pb, &m);
  g_assert_cmpfloat (ts_scores_get_score (m.scores, 0), ==, 0);
  g_assert_cmpstr (ts_scores_get_band (m.scores, 0)->id, ==, "calm");
  g_assert_cmpstr (route_id (pb, &m), ==, "no-touch");

  /* six failed logins: friction at its cap is 30 points, and a person calls */
  ts_scenario_set_signal (s, "friction", 6);
  play (s, pb, &m);
  g_assert_cmpfloat_with_epsilon (ts_scores_get_score (m.scores, 0), 30, 1e-9);
  g_assert_cmpstr (ts_scores_get_band (m.scores, 0)->id, ==, "attention");
  g_assert_cmpstr (route_id (pb, &m), ==, "urgent-help");
  explained = ts_scores_explain_signal (m.scores, 0, ts_playbook_find_signal (pb, "friction"));
  g_assert_cmpstr (explained, ==, "6 failed logins or errors in the last 14 days");

  /* an open high-priority case is measured from the moment's records */
  s->open_case = TRUE;
  s->case_priority = g_strdup ("High");
  play (s, pb, &m);
  g_assert_cmpfloat (signal_raw (pb, &m, "urgency"), ==, 1);
  g_assert_cmpfloat (signal_raw (pb, &m, "repeat_contact"), ==, 1);
  g_assert_cmpfloat_with_epsilon (ts_scores_get_score (m.scores, 0), 30 + 25 + 15.0 / 3, 1e-9);
  g_assert_cmpstr (ts_scores_get_band (m.scores, 0)->id, ==, "urgent");

  /* said no to phone calls: the help call is held back, and says why */
  s->consent[2] = TS_CONSENT_DENIED;
  play (s, pb, &m);
  g_assert_true (m.decision->held_back);
  g_assert_true (verdict (pb, &m, "consent")->blocks);
  g_assert_cmpstr (verdict (pb, &m, "consent")->reason, ==, "said no to phone");

  /* back to the measures of the records: the open case alone routes to a person */
  ts_scenario_clear_signals (s);
  play (s, pb, &m);
  g_assert_cmpfloat (signal_raw (pb, &m, "friction"), ==, 0);
  g_assert_cmpstr (route_id (pb, &m), ==, "urgent-help");
}

/* An expansion moment, and every guardrail that holds the pitch back. */
static void
test_pitch_guardrails (void)
{
  g_autoptr(TsPlaybook) pb = default_playbook ();
  g_autoptr(TsScenario) s = ts_scenario_new ("Ready to grow");
  g_auto(Moment) m = { NULL, NULL };

  ts_scenario_set_signal (s, "adoption", 40);
  ts_scenario_set_signal (s, "silence", 1);
  play (s, pb, &m);
  g_assert_cmpstr (route_id (pb, &m), ==, "expansion");
  g_assert_true (m.decision->pitch);
  g_assert_false (m.decision->held_back);

  /* e-mails one and three days ago reach the cap; a transactional one and
   * one exactly seven days ago do not count */
  ts_scenario_add_touch (s, "email", 1, FALSE);
  ts_scenario_add_touch (s, "email", 3, FALSE);
  ts_scenario_add_touch (s, "email", 2, TRUE);
  ts_scenario_add_touch (s, "email", 7, FALSE);
  play (s, pb, &m);
  g_assert_true (m.decision->held_back);
  g_assert_cmpstr (verdict (pb, &m, "email-cap")->reason, ==, "2 email touches in the last 7 days, cap 2");
  g_assert_true (verdict (pb, &m, "email-cap")->blocks);
  ts_scenario_remove_touch (s, 0);
  play (s, pb, &m);
  g_assert_false (verdict (pb, &m, "email-cap")->blocks);
  g_assert_false (m.decision->held_back);

  s->days_since_renewal = 5;
  s->days_since_signup = 3;
  s->days_since_complaint = 12;
  s->survey_score = 6;
  s->days_since_survey = 10;
  s->timezone = g_strdup ("Asia/Tokyo");   /* 21:00 there */
  ts_scenario_set_on_list (s, "do-not-contact", TRUE);
  /* the detractor answer would make the expansion route skip: hold it by hand */
  ts_scenario_set_signal (s, "detractor", 0);
  play (s, pb, &m);
  g_assert_cmpstr (route_id (pb, &m), ==, "expansion");
  g_assert_cmpstr (verdict (pb, &m, "recent-renewal")->reason, ==, "renewed 5 days ago");
  g_assert_cmpstr (verdict (pb, &m, "onboarding-week-1")->reason, ==, "started 3 days ago, still in the first 7");
  g_assert_cmpstr (verdict (pb, &m, "after-complaint")->reason, ==, "complained 12 days ago");
  g_assert_cmpstr (verdict (pb, &m, "after-detractor")->reason, ==, "answered 6 in a survey 10 days ago");
  g_assert_cmpstr (verdict (pb, &m, "quiet-hours")->reason, ==, "21:00 in Asia/Tokyo is within quiet hours");
  g_assert_cmpstr (verdict (pb, &m, "do-not-contact")->reason, ==, "on the list “do-not-contact”");
  for (const char *const *id = (const char *const[]) { "recent-renewal", "onboarding-week-1", "after-complaint",
                                                       "after-detractor", "quiet-hours", "do-not-contact", NULL };
       *id; id++)
    g_assert_true (verdict (pb, &m, *id)->blocks);
  g_assert_false (verdict (pb, &m, "open-case")->blocks);

  /* the detractor answer, measured: no pitch to an unhappy customer at all */
  ts_scenario_clear_signals (s);
  ts_scenario_set_signal (s, "adoption", 40);
  ts_scenario_set_signal (s, "silence", 1);
  play (s, pb, &m);
  g_assert_cmpfloat (signal_raw (pb, &m, "detractor"), ==, 1);
  g_assert_cmpstr (route_id (pb, &m), ==, "no-touch");
}


/* From a real customer: the scenario starts with the customer's own score,
 * route and verdicts; facts it can reproduce stay live. */
static void
test_from_customer (void)
{
  g_autoptr(TsPlaybook) pb = default_playbook ();
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(TsScores) real = NULL;
  g_autoptr(TsDecision) real_decision = NULL;
  g_autoptr(TsScenario) s = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Moment) m = { NULL, NULL };
  int c;

  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, "C-1", TS_CUSTOMER_NAME, "Ana Lima",
               TS_CUSTOMER_TIMEZONE, "Europe/Berlin", TS_CUSTOMER_CREATED_AT, T - 200 * DAY,
               TS_CUSTOMER_CONSENT_EMAIL, (int) TS_CONSENT_DENIED, -1);
  for (guint i = 0; i < 4; i++)
    test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, "C-1", TS_EVENT_AT, T - (TsTime) (i + 1) * DAY,
                 TS_EVENT_NAME, "login_failed", -1);
  test_append (b, TS_TABLE_CASES, TS_CASE_CUSTOMER, "C-1", TS_CASE_ID, "500A", TS_CASE_OPENED_AT, T - 2 * DAY,
               TS_CASE_PRIORITY, "Urgent", -1);
  test_append (b, TS_TABLE_TOUCHES, TS_TOUCH_CUSTOMER, "C-1", TS_TOUCH_AT, T - 36 * HOUR,
               TS_TOUCH_CHANNEL, "phone", -1);
  ds = test_finish (b);
  real = ts_scorer_run (ds, pb, T, NULL, &error);
  g_assert_no_error (error);
  c = ts_dataset_find_customer (ds, "C-1");
  real_decision = ts_decide (real, c, &error);
  g_assert_no_error (error);

  s = ts_scenario_new_from_customer (real, c);
  g_assert_cmpstr (s->name, ==, "Ana Lima");
  g_assert_cmpstr (s->customer_id, ==, "C-1");
  g_assert_cmpstr (s->timezone, ==, "Europe/Berlin");
  g_assert_cmpint (s->days_since_signup, ==, 200);
  g_assert_cmpint (s->consent[0], ==, TS_CONSENT_DENIED);
  g_assert_true (s->open_case);
  g_assert_cmpstr (s->case_priority, ==, "Urgent");
  g_assert_cmpuint (s->touches->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (s->touches, TsScenarioTouch, 0).days_ago, 1.5 - 1.0 / 24, 1e-9);
  /* the failed logins are events the facts do not hold: set by hand;
   * the open case is a fact: measured */
  g_assert_true (ts_scenario_get_signal (s, "friction", NULL));
  g_assert_false (ts_scenario_get_signal (s, "urgency", NULL));

  play (s, pb, &m);
  g_assert_cmpfloat_with_epsilon (ts_scores_get_score (m.scores, 0), ts_scores_get_score (real, c), 1e-9);
  g_assert_cmpint (m.decision->route, ==, real_decision->route);
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    {
      g_assert_cmpint (m.decision->verdicts[i].blocks, ==, real_decision->verdicts[i].blocks);
      g_assert_cmpstr (m.decision->verdicts[i].reason, ==, real_decision->verdicts[i].reason);
    }

  /* the case closes: urgency falls with it */
  s->open_case = FALSE;
  play (s, pb, &m);
  g_assert_cmpfloat (signal_raw (pb, &m, "urgency"), ==, 0);
  g_assert_cmpfloat (ts_scores_get_score (m.scores, 0), <, ts_scores_get_score (real, c));
}

static void
test_json_round_trip (void)
{
  g_autoptr(TsScenario) s = ts_scenario_new ("After the outage");
  g_autoptr(TsScenario) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  s->customer_id = g_strdup ("C-7");
  s->as_of = T;
  s->timezone = g_strdup ("Europe/Berlin");
  s->days_since_renewal = 5;
  s->consent[0] = TS_CONSENT_DENIED;
  s->consent[3] = TS_CONSENT_GRANTED;
  s->open_case = TRUE;
  s->case_priority = g_strdup ("High");
  s->days_since_complaint = 3;
  s->survey_score = 4;
  s->days_since_survey = 20;
  ts_scenario_add_touch (s, "email", 1.5, TRUE);
  ts_scenario_set_on_list (s, "do-not-contact", TRUE);
  ts_scenario_set_signal (s, "friction", 4);
  ts_scenario_set_signal (s, "silence", NAN);

  node = ts_scenario_to_json (s);
  text = json_to_string (node, FALSE);
  back = ts_scenario_new_from_json (node, "$.scenarios[0]", &error);
  g_assert_no_error (error);
  again = ts_scenario_to_json (back);
  text_again = json_to_string (again, FALSE);
  g_assert_cmpstr (text, ==, text_again);
  g_assert_cmpint (back->as_of, ==, T);
  g_assert_cmpint (back->consent[0], ==, TS_CONSENT_DENIED);
  g_assert_true (ts_scenario_on_list (back, "do-not-contact"));
  {
    double raw = 0;
    g_assert_true (ts_scenario_get_signal (back, "silence", &raw));
    g_assert_true (isnan (raw));
  }
}

static void
test_json_errors (void)
{
  static const struct { const char *json; const char *message; } cases[] = {
    { "[]", "$.scenarios[3]: expected an object" },
    { "{}", "$.scenarios[3].name: a scenario needs a name" },
    { "{\"name\":\"x\",\"as_of\":\"soon\"}", "$.scenarios[3].as_of: not a date or time such as 2025-06-30T14:00Z" },
    { "{\"name\":\"x\",\"timezone\":\"Mars/Olympus\"}", "$.scenarios[3].timezone: not a time zone such as Europe/Berlin" },
    { "{\"name\":\"x\",\"days_since_renewal\":-2}", "$.scenarios[3].days_since_renewal: expected a number from 0 to 36500" },
    { "{\"name\":\"x\",\"consent\":{\"fax\":\"granted\"}}", "$.scenarios[3].consent.fax: not a channel with consent: email, sms, phone, in_app or push" },
    { "{\"name\":\"x\",\"consent\":{\"email\":\"perhaps\"}}", "$.scenarios[3].consent.email: expected “granted”, “denied” or “unknown”" },
    { "{\"name\":\"x\",\"survey\":{\"score\":11,\"days_ago\":2}}", "$.scenarios[3].survey.score: expected a number from 0 to 10" },
    { "{\"name\":\"x\",\"survey\":{\"score\":3}}", "$.scenarios[3].survey: a survey answer needs its score and days_ago" },
    { "{\"name\":\"x\",\"touches\":[{\"channel\":\"email\"},{\"days_ago\":1}]}", "$.scenarios[3].touches[1].channel: a touch needs its channel" },
    { "{\"name\":\"x\",\"touches\":[{\"channel\":\"email\",\"transactional\":\"yes\"}]}", "$.scenarios[3].touches[0].transactional: expected true or false" },
    { "{\"name\":\"x\",\"lists\":[3]}", "$.scenarios[3].lists[0]: expected the name of a list" },
    { "{\"name\":\"x\",\"signals\":{\"friction\":\"high\"}}", "$.scenarios[3].signals.friction: expected a number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(TsScenario) s = ts_scenario_new_from_json (node, "$.scenarios[3]", &error);

      g_assert_null (s);
      g_assert_error (error, TS_SCENARIO_ERROR, TS_SCENARIO_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Scenarios are kept in the workspace and checked when it opens. */
static void
test_in_workspace (void)
{
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_autoptr(TsWorkspace) back = NULL;
  g_autoptr(TsWorkspace) bad = NULL;
  g_autoptr(TsScenario) s = ts_scenario_new ("Workshop");
  g_autoptr(JsonArray) list = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  ts_scenario_set_signal (s, "friction", 2);
  json_array_add_element (list, ts_scenario_to_json (s));
  ts_workspace_set_scenarios (ws, list);
  g_assert_true (ts_workspace_get_modified (ws));
  data = ts_workspace_to_data (ws, NULL);
  back = ts_workspace_load_from_data (data, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (ts_workspace_get_scenarios (back)), ==, 1);

  bad = ts_workspace_load_from_data ("{\"touchstone\":1,\"scenarios\":[{\"name\":\"a\"},{\"name\":\"\"}]}", -1, NULL, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "$.scenarios[1].name: a scenario needs a name"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  T = ts_timestamp_from_civil (2025, 6, 1, 12, 0, 0, 0);

  g_test_add_func ("/scenario/by-hand", test_by_hand);
  g_test_add_func ("/scenario/pitch-guardrails", test_pitch_guardrails);
  g_test_add_func ("/scenario/from-customer", test_from_customer);
  g_test_add_func ("/scenario/json/round-trip", test_json_round_trip);
  g_test_add_func ("/scenario/json/errors", test_json_errors);
  g_test_add_func ("/scenario/in-workspace", test_in_workspace);
  return g_test_run ();
}

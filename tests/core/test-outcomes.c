/* test-outcomes.c — every KPI by band and by route on a hand-made dataset,
 * worked out by hand; governance with its reasons; the holdout; a run
 * compared with itself; drift of identical scores; the playbook's
 * outcomes section and its errors; the onboarding course as a completion
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

static TsTime T;   /* 2025-06-01 00:00 UTC */

#define PLAYBOOK(outcomes) \
  "{ \"schema\": 1," \
  "  \"signals\": [" \
  "    { \"id\": \"need\", \"table\": \"events\", \"filter\": \"name == \\\"error\\\"\", \"measure\": \"count\"," \
  "      \"window\": \"30d\", \"normalise\": { \"kind\": \"cap\", \"cap\": 4 } } ]," \
  "  \"score\": { \"weights\": { \"need\": 1 }," \
  "             \"bands\": [ { \"id\": \"low\", \"min\": 0 }, { \"id\": \"mid\", \"min\": 20 }, { \"id\": \"high\", \"min\": 50 } ] }," \
  "  \"guardrails\": [ { \"id\": \"consent\", \"kind\": \"consent\" } ]," \
  "  \"routes\": [" \
  "    { \"id\": \"help\", \"when\": \"need >= 1\", \"to\": \"human\", \"channel\": \"phone\", \"sla_hours\": 4," \
  "      \"promise\": \"A person calls within 4 hours.\" }," \
  "    { \"id\": \"rest\", \"to\": \"no_touch\" } ]" \
  outcomes "}"

enum { LOW, MID, HIGH };
enum { HELP, REST };


static void
add_customer (TsDatasetBuilder *b,
              const char       *id,
              TsTime            created_at,
              TsTime            churned_at,
              TsConsent         phone)
{
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, id, TS_CUSTOMER_CREATED_AT, created_at,
               TS_CUSTOMER_CHURNED_AT, churned_at, TS_CUSTOMER_CONSENT_PHONE, (int) phone, -1);
}

static void
add_event (TsDatasetBuilder *b,
           const char       *customer,
           TsTime            at,
           const char       *name)
{
  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, customer, TS_EVENT_AT, at, TS_EVENT_NAME, name, -1);
}

static void
add_errors (TsDatasetBuilder *b,
            const char       *customer,
            guint             n)
{
  for (guint i = 0; i < n; i++)
    add_event (b, customer, T - (i + 1) * HOUR, "error");
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

static void
add_touch (TsDatasetBuilder *b,
           const char       *customer,
           TsTime            at)
{
  test_append (b, TS_TABLE_TOUCHES, TS_TOUCH_CUSTOMER, customer, TS_TOUCH_AT, at, TS_TOUCH_CHANNEL, "email",
               TS_TOUCH_KIND, "marketing", -1);
}

static TsDataset *
make_dataset (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(GError) error = NULL;
  TsDataset *ds;

  /* high need, helped: two promoters, a case of 10 h, churns */
  add_customer (b, "a", T - 400 * DAY, T + 20 * DAY, TS_CONSENT_UNKNOWN);
  add_errors (b, "a", 4);
  add_answer (b, "a", T + 1 * DAY, "nps", 10);
  add_answer (b, "a", T + 2 * DAY, "nps", 9);
  add_case (b, "a", "K-A", T + 3 * DAY, T + 3 * DAY + 10 * HOUR, "Problem");

  /* high need, helped: a detractor; a case opened before T closed after (72 h); CSAT 4 */
  add_customer (b, "b", T - 400 * DAY, TS_TIME_NULL, TS_CONSENT_UNKNOWN);
  add_errors (b, "b", 4);
  add_answer (b, "b", T + 5 * DAY, "nps", 0);
  add_answer (b, "b", T + 4 * DAY, "csat", 4);
  add_case (b, "b", "K-B", T - 2 * DAY, T + 1 * DAY, "Problem");

  /* high need, but said no to phone calls: held back, then a detractor */
  add_customer (b, "f", T - 400 * DAY, TS_TIME_NULL, TS_CONSENT_DENIED);
  add_errors (b, "f", 4);
  add_answer (b, "f", T + 7 * DAY, "nps", 3);

  /* some need: the middle band, with no answers and no cases */
  add_customer (b, "e", T - 400 * DAY, TS_TIME_NULL, TS_CONSENT_UNKNOWN);
  add_errors (b, "e", 1);

  /* onboarding, over-contacted: three e-mails, then unsubscribed and complained */
  add_customer (b, "c", T - 10 * DAY, TS_TIME_NULL, TS_CONSENT_UNKNOWN);
  add_touch (b, "c", T + 1 * DAY);
  add_touch (b, "c", T + 2 * DAY);
  add_touch (b, "c", T + 3 * DAY);
  add_event (b, "c", T + 3 * DAY, "onboarding_completed");
  add_event (b, "c", T + 5 * DAY, "email_unsubscribed");
  add_case (b, "c", "K-C", T + 6 * DAY, T + 6 * DAY + 4 * HOUR, "Complaint");
  add_answer (b, "c", T - 3 * DAY, "nps", 0);     /* before T: not an outcome */
  add_answer (b, "c", T + 1 * DAY, "nps", 7);
  add_answer (b, "c", T + 2 * DAY, "csat", 2);
  add_answer (b, "c", T + 40 * DAY, "nps", 0);    /* after the window */

  /* churned before T; helps itself once, then reads again and opens a case */
  add_customer (b, "d", T - 400 * DAY, T - 5 * DAY, TS_CONSENT_UNKNOWN);
  add_event (b, "d", T + 2 * DAY, "help_article_viewed");
  add_event (b, "d", T + 3 * DAY, "help_article_viewed");   /* the same attempt */
  add_event (b, "d", T + 10 * DAY, "help_article_viewed");
  add_case (b, "d", "K-D", T + 12 * DAY, TS_TIME_NULL, "Question");

  ds = ts_dataset_builder_finish (b, NULL, &error);
  g_assert_no_error (error);
  return ds;
}

static TsPlaybook *
make_playbook (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  TsPlaybook *pb;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  pb = ts_playbook_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  return pb;
}

static TsOutcomes *
make_outcomes (const char *json)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsPlaybook) pb = make_playbook (json);
  g_autoptr(TsScores) scores = NULL;
  g_autoptr(GError) error = NULL;
  TsOutcomes *o;

  scores = ts_scorer_run (ds, pb, T, NULL, &error);
  g_assert_no_error (error);
  o = ts_outcomes_compute (scores, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

static guint
row_of (TsOutcomes *o,
        const char *id)
{
  int c = ts_dataset_find_customer (ts_scores_get_dataset (ts_outcomes_get_scores (o)), id);

  g_assert_cmpint (c, >=, 0);
  return (guint) c;
}

#define EPS 1e-9

static void
test_kpis_by_band (void)
{
  g_autoptr(TsOutcomes) o = make_outcomes (PLAYBOOK (", \"outcomes\": { \"window_days\": 30 }"));
  const TsOutcomeGroup *g;

  g_assert_cmpuint (ts_outcomes_get_window_days (o), ==, 30);
  g_assert_cmpuint (ts_outcomes_get_n_bands (o), ==, 3);

  /* high: a, b, f */
  g = ts_outcomes_get_band (o, HIGH);
  g_assert_cmpstr (g->label, ==, "high");
  g_assert_cmpuint (g->customers, ==, 3);
  g_assert_cmpuint (g->promoters, ==, 2);
  g_assert_cmpuint (g->passives, ==, 0);
  g_assert_cmpuint (g->detractors, ==, 2);
  g_assert_cmpuint (g->nps.n, ==, 4);
  g_assert_cmpfloat_with_epsilon (g->nps.value, 0, EPS);
  g_assert_cmpfloat (g->nps.low, <, 0);
  g_assert_cmpfloat (g->nps.high, >, 0);
  g_assert_cmpuint (g->csat_n, ==, 1);
  g_assert_cmpfloat_with_epsilon (g->csat_mean, 4, EPS);
  g_assert_cmpfloat_with_epsilon (g->csat_satisfied_pct, 100, EPS);
  g_assert_cmpuint (g->active, ==, 3);
  g_assert_cmpuint (g->churned, ==, 1);
  g_assert_cmpfloat_with_epsilon (g->churn_rate, 1.0 / 3, EPS);
  g_assert_cmpfloat_with_epsilon (g->retention_rate, 2.0 / 3, EPS);
  /* 10 h and 72 h (opened before T, closed in the window) */
  g_assert_cmpuint (g->ttr_cases, ==, 2);
  g_assert_cmpfloat_with_epsilon (g->ttr_median_hours, 41, EPS);
  g_assert_cmpfloat_with_epsilon (g->ttr_p90_hours, 10 + 0.9 * 62, EPS);
  /* one case opened in the window, no self-service */
  g_assert_cmpuint (g->deflection_attempts, ==, 1);
  g_assert_cmpfloat_with_epsilon (g->deflection_rate, 0, EPS);
  g_assert_cmpuint (g->onboarding_n, ==, 0);
  g_assert_true (isnan (g->onboarding_rate));
  g_assert_cmpfloat_with_epsilon (g->complaint_rate, 0, EPS);
  g_assert_cmpfloat_with_epsilon (g->unsubscribe_rate, 0, EPS);
  g_assert_cmpfloat_with_epsilon (g->touches_per_customer, 0, EPS);

  /* mid: e, with no answers and no closed cases: NAN, not 0 */
  g = ts_outcomes_get_band (o, MID);
  g_assert_cmpuint (g->customers, ==, 1);
  g_assert_cmpuint (g->nps.n, ==, 0);
  g_assert_true (isnan (g->nps.value) && isnan (g->nps.low) && isnan (g->nps.high));
  g_assert_cmpuint (g->csat_n, ==, 0);
  g_assert_true (isnan (g->csat_mean) && isnan (g->csat_satisfied_pct));
  g_assert_cmpuint (g->ttr_cases, ==, 0);
  g_assert_true (isnan (g->ttr_median_hours) && isnan (g->ttr_p90_hours));
  g_assert_cmpuint (g->deflection_attempts, ==, 0);
  g_assert_true (isnan (g->deflection_rate));
  g_assert_cmpfloat_with_epsilon (g->churn_rate, 0, EPS);
  g_assert_cmpfloat_with_epsilon (g->complaint_rate, 0, EPS);

  /* low: c and d */
  g = ts_outcomes_get_band (o, LOW);
  g_assert_cmpuint (g->customers, ==, 2);
  /* one passive (7); the answers before T and after the window do not count */
  g_assert_cmpuint (g->nps.n, ==, 1);
  g_assert_cmpuint (g->passives, ==, 1);
  g_assert_cmpfloat_with_epsilon (g->nps.value, 0, EPS);
  g_assert_cmpfloat_with_epsilon (g->csat_mean, 2, EPS);
  g_assert_cmpfloat_with_epsilon (g->csat_satisfied_pct, 0, EPS);
  /* d churned before T: not in the churn rate */
  g_assert_cmpuint (g->active, ==, 1);
  g_assert_cmpfloat_with_epsilon (g->churn_rate, 0, EPS);
  g_assert_cmpuint (g->ttr_cases, ==, 1);
  g_assert_cmpfloat_with_epsilon (g->ttr_median_hours, 4, EPS);
  g_assert_cmpfloat_with_epsilon (g->ttr_p90_hours, 4, EPS);
  /* d: one resolution (the second read is the same attempt), one read
   * followed by a case; c's complaint and d's case: 1 / (1 + 2) */
  g_assert_cmpuint (g->self_service_resolutions, ==, 1);
  g_assert_cmpuint (g->cases_opened, ==, 2);
  g_assert_cmpuint (g->deflection_attempts, ==, 3);
  g_assert_cmpfloat_with_epsilon (g->deflection_rate, 1.0 / 3, EPS);
  /* c signed up 10 days before T and completed onboarding */
  g_assert_cmpuint (g->onboarding_n, ==, 1);
  g_assert_cmpfloat_with_epsilon (g->onboarding_rate, 1, EPS);
  g_assert_cmpfloat_with_epsilon (g->complaint_rate, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (g->unsubscribe_rate, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (g->touches_per_customer, 1.5, EPS);

  /* all */
  g = ts_outcomes_get_all (o);
  g_assert_cmpuint (g->customers, ==, 6);
  g_assert_cmpuint (g->nps.n, ==, 5);
  g_assert_cmpfloat_with_epsilon (g->nps.value, 0, EPS);
  g_assert_cmpuint (g->ttr_cases, ==, 3);
  g_assert_cmpfloat_with_epsilon (g->ttr_median_hours, 10, EPS);
  g_assert_cmpuint (g->touches, ==, 3);
}

static void
test_routes_and_members (void)
{
  g_autoptr(TsOutcomes) o = make_outcomes (PLAYBOOK (", \"outcomes\": { \"window_days\": 30 }"));
  const TsOutcomeGroup *help, *rest, *treated, *held_out;
  const guint *members;
  guint n;

  g_assert_cmpuint (ts_outcomes_get_n_routes (o), ==, 2);
  help = ts_outcomes_get_route (o, HELP);
  rest = ts_outcomes_get_route (o, REST);
  g_assert_cmpstr (help->label, ==, "help");
  /* f is held back, but the help route is still its route */
  g_assert_cmpuint (help->customers, ==, 3);
  g_assert_cmpfloat_with_epsilon (help->nps.value, 0, EPS);
  g_assert_cmpuint (rest->customers, ==, 3);
  g_assert_cmpint (ts_outcomes_get_customer_route (o, row_of (o, "f")), ==, HELP);

  /* drill-down: the customers behind a number */
  members = ts_outcomes_get_members (o, TS_OUTCOME_GROUP_BAND, HIGH, &n);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    g_assert_true (members[i] == row_of (o, "a") || members[i] == row_of (o, "b") || members[i] == row_of (o, "f"));
  members = ts_outcomes_get_members (o, TS_OUTCOME_GROUP_BAND, MID, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (members[0], ==, row_of (o, "e"));
  members = ts_outcomes_get_members (o, TS_OUTCOME_GROUP_ALL, 0, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_null (ts_outcomes_get_members (o, TS_OUTCOME_GROUP_BAND, 9, &n));
  g_assert_cmpuint (n, ==, 0);

  /* no holdout unless the playbook sets one */
  g_assert_false (ts_outcomes_get_holdout (o, &treated, &held_out));
  g_assert_null (treated);
  g_assert_null (held_out);
}

static void
test_governance (void)
{
  g_autoptr(TsOutcomes) o = make_outcomes (PLAYBOOK (", \"outcomes\": { \"window_days\": 30 }"));
  const TsGovernanceItem *fp, *fn;
  guint n;

  /* c: three e-mails, then unsubscribed and complained */
  fp = ts_outcomes_get_false_positives (o, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (fp[0].customer, ==, row_of (o, "c"));
  g_assert_cmpint (fp[0].at, ==, T + 5 * DAY);
  g_assert_cmpuint (fp[0].harms, ==, TS_HARM_UNSUBSCRIBE | TS_HARM_COMPLAINT);
  g_assert_cmpuint (fp[0].touches, ==, 3);
  g_assert_cmpstr (fp[0].reason, ==,
                   "3 email touches in 14 days, then unsubscribed 2 days after the last; "
                   "complained (case K-C) 3 days after the last");

  /* f: high need, held back, then a detractor; b was helped, a churned
   * though helped, e's need is not high */
  fn = ts_outcomes_get_false_negatives (o, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (fn[0].customer, ==, row_of (o, "f"));
  g_assert_cmpuint (fn[0].harms, ==, TS_HARM_DETRACTOR);
  g_assert_true (g_str_has_prefix (fn[0].reason, "score 100 (high: "));
  g_assert_nonnull (strstr (fn[0].reason, "routed to help but held back by a guardrail, then answered 3 in an NPS survey 7 days later"));
}

static void
test_calibration (void)
{
  g_autoptr(TsOutcomes) o = make_outcomes (PLAYBOOK (", \"outcomes\": { \"window_days\": 30 }"));
  const TsCalibration *cal;
  guint n;
  gboolean seen_churn = FALSE, seen_complaint = FALSE, seen_csat = FALSE;

  cal = ts_outcomes_calibration (o, &n);
  g_assert_cmpuint (n, >=, 5);
  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (cal[i].kpi, "churn_rate"))
        {
          /* 0, 0, 1/3: rises with need */
          g_assert_true (cal[i].monotone);
          g_assert_null (cal[i].note);
          seen_churn = TRUE;
        }
      else if (g_str_equal (cal[i].kpi, "complaint_rate"))
        {
          g_assert_false (cal[i].monotone);
          g_assert_cmpstr (cal[i].note, ==, "complaint_rate falls from low (0.5) to mid (0)");
          seen_complaint = TRUE;
        }
      else if (g_str_equal (cal[i].kpi, "csat_mean"))
        {
          /* low 2, mid unmeasured, high 4 */
          g_assert_false (cal[i].monotone);
          g_assert_cmpuint (cal[i].bands, ==, 2);
          g_assert_cmpstr (cal[i].note, ==, "csat_mean rises from low (2) to high (4)");
          seen_csat = TRUE;
        }
    }
  g_assert_true (seen_churn && seen_complaint && seen_csat);
}

static void
test_holdout (void)
{
  g_autoptr(TsOutcomes) o = make_outcomes (PLAYBOOK (", \"outcomes\": { \"window_days\": 30, \"holdout\": 0.5, \"holdout_salt\": \"s\" }"));
  const TsOutcomeGroup *treated, *held_out;
  const char *ids[] = { "a", "b", "f" };
  guint expect_out = 0, n;

  g_assert_true (ts_outcomes_get_holdout (o, &treated, &held_out));
  g_assert_cmpstr (treated->label, ==, "treated");
  g_assert_cmpstr (held_out->label, ==, "held_out");
  /* only those the playbook would touch: a, b, f (c, d, e: no touch) */
  g_assert_cmpuint (treated->customers + held_out->customers, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      gboolean out = ts_stats_is_held_out ("s", ids[i], 0.5);

      g_assert_cmpint (ts_outcomes_is_held_out (o, row_of (o, ids[i])), ==, out);
      expect_out += out;
    }
  g_assert_cmpuint (held_out->customers, ==, expect_out);
  ts_outcomes_get_members (o, TS_OUTCOME_GROUP_HOLDOUT, 1, &n);
  g_assert_cmpuint (n, ==, expect_out);
  g_assert_false (ts_outcomes_is_held_out (o, row_of (o, "c")));
}

static void
test_compare_and_drift (void)
{
  g_autoptr(TsOutcomes) a = make_outcomes (PLAYBOOK (", \"outcomes\": { \"window_days\": 30 }"));
  g_autoptr(TsOutcomes) b = make_outcomes (PLAYBOOK (", \"outcomes\": { \"window_days\": 30 }"));
  g_autoptr(TsComparison) cmp = ts_outcomes_compare (a, b);
  g_autoptr(TsDrift) drift = ts_outcomes_drift (ts_outcomes_get_scores (a), ts_outcomes_get_scores (b));
  const TsComparisonRow *row;

  g_assert_cmpuint (ts_comparison_get_n_rows (cmp), >, 0);
  for (guint i = 0; i < ts_comparison_get_n_rows (cmp); i++)
    {
      row = ts_comparison_get_row (cmp, i);
      g_assert_false (row->significant);
      g_assert_true (isnan (row->delta) || row->delta == 0);
    }
  row = ts_comparison_find (cmp, TS_OUTCOME_GROUP_BAND, "high", "nps");
  g_assert_nonnull (row);
  g_assert_cmpfloat (row->a, ==, 0);
  g_assert_cmpfloat (row->b, ==, 0);
  g_assert_cmpfloat (row->low, <, 0);
  g_assert_cmpfloat (row->high, >, 0);
  g_assert_cmpfloat_with_epsilon (row->p, 1, EPS);
  row = ts_comparison_find (cmp, TS_OUTCOME_GROUP_BAND, "mid", "nps");
  g_assert_true (isnan (row->a) && isnan (row->delta) && isnan (row->p));
  g_assert_nonnull (ts_comparison_find (cmp, TS_OUTCOME_GROUP_ROUTE, "help", "ttr_median_hours"));
  g_assert_nonnull (ts_comparison_find (cmp, TS_OUTCOME_GROUP_ALL, "all", "churn_rate"));

  /* identical distributions: no drift */
  g_assert_cmpfloat_with_epsilon (ts_drift_get_score (drift)->psi, 0, 1e-15);
  g_assert_cmpstr (ts_drift_get_score (drift)->verdict, ==, "stable");
  g_assert_cmpuint (ts_drift_get_n_signals (drift), ==, 1);
  g_assert_cmpstr (ts_drift_get_signal (drift, 0)->id, ==, "need");
  g_assert_cmpfloat_with_epsilon (ts_drift_get_signal (drift, 0)->psi, 0, 1e-15);
}

static void
test_window_override (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsPlaybook) pb = make_playbook (PLAYBOOK (""));
  g_autoptr(TsScores) scores = NULL;
  g_autoptr(TsOutcomes) o = NULL;
  g_autoptr(GError) error = NULL;

  /* the default window is 90 days; 3 days sees only a's first two answers and c's 7 */
  g_assert_cmpuint (ts_playbook_get_outcomes (pb)->window_days, ==, 90);
  scores = ts_scorer_run (ds, pb, T, NULL, &error);
  g_assert_no_error (error);
  o = ts_outcomes_compute (scores, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_outcomes_get_window_days (o), ==, 3);
  g_assert_cmpuint (ts_outcomes_get_all (o)->nps.n, ==, 3);
}

static void
test_playbook_section (void)
{
  static const struct { const char *outcomes; const char *error; } bad[] = {
    { ", \"outcomes\": [] ", "$.outcomes: expected an object" },
    { ", \"outcomes\": { \"windows_days\": 30 }", "$.outcomes.windows_days: not an outcomes setting" },
    { ", \"outcomes\": { \"window_days\": 0 }", "$.outcomes.window_days: a whole number from 1 to 3660" },
    { ", \"outcomes\": { \"holdout\": 0.6 }", "$.outcomes.holdout: a share of customers from 0 to 0.5" },
    { ", \"outcomes\": { \"high_need_bands\": [\"top\"] }", "$.outcomes.high_need_bands[0]: there is no band “top”" },
    { ", \"outcomes\": { \"unsubscribe_events\": [\"\"] }", "$.outcomes.unsubscribe_events[0]: expected a name" },
    { ", \"outcomes\": { \"high_need_score\": 120 }", "$.outcomes.high_need_score: scores go from 0 to 100" },
    { ", \"outcomes\": { \"onboarding_filter\": \"course == 1\" }", "$.outcomes.onboarding_filter: " },
    { ", \"outcomes\": { \"onboarding_filter\": \"name ==\" }", "$.outcomes.onboarding_filter: " },
  };
  g_autoptr(TsPlaybook) pb = make_playbook (PLAYBOOK (""));
  const TsOutcomeRules *r = ts_playbook_get_outcomes (pb);

  /* the defaults */
  g_assert_cmpuint (r->window_days, ==, 90);
  g_assert_cmpfloat (r->holdout, ==, 0);
  g_assert_cmpuint (r->false_positive_days, ==, 14);
  g_assert_true (ts_outcome_rules_has (r->unsubscribe_events, "email_unsubscribed"));
  g_assert_true (ts_outcome_rules_has (r->complaint_categories, "complaint"));
  g_assert_true (ts_outcome_rules_has (r->high_need_bands, "high"));
  g_assert_true (isnan (r->high_need_score));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *json = g_strdup_printf (PLAYBOOK ("%s"), bad[i].outcomes);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(TsPlaybook) p = NULL;

      json_parser_load_from_data (parser, json, -1, &error);
      g_assert_no_error (error);
      p = ts_playbook_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
      g_assert_null (p);
      g_assert_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, bad[i].error))
        g_error ("%s: expected “%s…”", error->message, bad[i].error);
    }
}

/* The onboarding course completes onboarding when the playbook says so: a
 * course_completed event (an LMS export's row) whose course is the
 * onboarding course, worked out by hand. */
static void
add_course (TsDatasetBuilder *b,
            const char       *customer,
            TsTime            at,
            const char       *course)
{
  g_autofree char *properties = g_strdup_printf ("{\"course_title\":\"%s\",\"quiz_score\":\"90\"}", course);

  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, customer, TS_EVENT_AT, at,
               TS_EVENT_NAME, "course_completed", TS_EVENT_PROPERTIES, properties, -1);
}

static TsOutcomes *
onboarding_of (const char *outcomes)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(TsPlaybook) pb = NULL;
  g_autoptr(TsScores) scores = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf (PLAYBOOK ("%s"), outcomes);
  TsOutcomes *o;

  /* signed up 5 days before T, completes the onboarding course in the window */
  add_customer (b, "n1", T - 5 * DAY, TS_TIME_NULL, TS_CONSENT_UNKNOWN);
  add_course (b, "n1", T + 2 * DAY, "Getting Started");
  /* signed up 8 days before T, completes another course only */
  add_customer (b, "n2", T - 8 * DAY, TS_TIME_NULL, TS_CONSENT_UNKNOWN);
  add_course (b, "n2", T + 3 * DAY, "Reporting Essentials");
  /* completed the onboarding course before T: no longer in onboarding */
  add_customer (b, "n3", T - 12 * DAY, TS_TIME_NULL, TS_CONSENT_UNKNOWN);
  add_course (b, "n3", T - 1 * DAY, "Getting Started");
  /* signed up 3 days before T, nothing yet */
  add_customer (b, "n4", T - 3 * DAY, TS_TIME_NULL, TS_CONSENT_UNKNOWN);
  /* a customer of long standing takes the course: not in onboarding */
  add_customer (b, "old", T - 400 * DAY, TS_TIME_NULL, TS_CONSENT_UNKNOWN);
  add_course (b, "old", T + 1 * DAY, "Getting Started");
  ds = ts_dataset_builder_finish (b, NULL, &error);
  g_assert_no_error (error);
  pb = make_playbook (json);
  scores = ts_scorer_run (ds, pb, T, NULL, &error);
  g_assert_no_error (error);
  o = ts_outcomes_compute (scores, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

static void
test_onboarding_course (void)
{
  g_autoptr(TsOutcomes) none = onboarding_of ("");
  g_autoptr(TsOutcomes) course = NULL, any = NULL;
  const TsOutcomeGroup *g;

  /* without the filter no course counts: n1, n2, n3 and n4 are in
   * onboarding at T, none completes */
  g = ts_outcomes_get_all (none);
  g_assert_cmpuint (g->onboarding_n, ==, 4);
  g_assert_cmpuint (g->onboarding_completed, ==, 0);
  g_assert_cmpfloat_with_epsilon (g->onboarding_rate, 0, EPS);

  /* with it, n3 completed before T; of n1, n2 and n4, n1 completes */
  course = onboarding_of (", \"outcomes\": { \"onboarding_filter\":"
                     " \"name == \\\"course_completed\\\" and properties.course_title == \\\"Getting Started\\\"\" }");
  g = ts_outcomes_get_all (course);
  g_assert_cmpuint (g->onboarding_n, ==, 3);
  g_assert_cmpuint (g->onboarding_completed, ==, 1);
  g_assert_cmpfloat_with_epsilon (g->onboarding_rate, 1.0 / 3.0, EPS);

  /* any course, by its name among the onboarding events */
  any = onboarding_of (", \"outcomes\": { \"onboarding_events\": [\"course_completed\"] }");
  g = ts_outcomes_get_all (any);
  g_assert_cmpuint (g->onboarding_n, ==, 3);
  g_assert_cmpuint (g->onboarding_completed, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  T = ts_timestamp_from_civil (2025, 6, 1, 0, 0, 0, 0);

  g_test_add_func ("/outcomes/kpis-by-band", test_kpis_by_band);
  g_test_add_func ("/outcomes/routes-and-members", test_routes_and_members);
  g_test_add_func ("/outcomes/governance", test_governance);
  g_test_add_func ("/outcomes/calibration", test_calibration);
  g_test_add_func ("/outcomes/holdout", test_holdout);
  g_test_add_func ("/outcomes/compare-and-drift", test_compare_and_drift);
  g_test_add_func ("/outcomes/window-override", test_window_override);
  g_test_add_func ("/outcomes/playbook-section", test_playbook_section);
  g_test_add_func ("/outcomes/onboarding-course", test_onboarding_course);

  return g_test_run ();
}

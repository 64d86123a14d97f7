/* test-maturity.c — the maturity matrix on a hand-made month, worked out by
 * hand: speed to help, SLA compliance per route (decided at the end of the
 * day the moment began), ARR active, retained and lost by band, the
 * false-positive, complaint, unsubscribe and churn rates with the customers
 * behind them, NPS and CSAT, touches per resolved case and the touchpoints'
 * cost; each capability's level and reasons; owners in the workspace;
 * months and their periods; the two runs side by side
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

#define PLAYBOOK \
  "{ \"schema\": 1," \
  "  \"signals\": [ { \"id\": \"urgency\", \"table\": \"cases\", \"filter\": \"open and priority == \\\"High\\\"\"," \
  "                   \"measure\": \"exists\", \"normalise\": { \"kind\": \"cap\", \"cap\": 1 } } ]," \
  "  \"score\": { \"weights\": { \"urgency\": 1 }," \
  "               \"bands\": [ { \"id\": \"low\", \"min\": 0 }, { \"id\": \"high\", \"min\": 50 } ] }," \
  "  \"routes\": [ { \"id\": \"urgent\", \"when\": \"urgency >= 1\", \"to\": \"human\", \"channel\": \"phone\"," \
  "                  \"sla_hours\": 4, \"promise\": \"A person calls within 4 hours.\" }," \
  "                { \"id\": \"rest\", \"to\": \"no_touch\" } ]," \
  "  \"touchpoints\": [ { \"id\": \"email\", \"table\": \"touches\", \"filter\": \"channel == \\\"email\\\"\"," \
  "                       \"upkeep_per_month\": 300 } ] }"

static TsTime W0;   /* 2025-06-01, the month measured */

static void
add_case (TsDatasetBuilder *b,
          const char       *customer,
          const char       *id,
          TsTime            opened,
          TsTime            responded,
          TsTime            closed,
          const char       *priority,
          const char       *category)
{
  test_append (b, TS_TABLE_CASES, TS_CASE_CUSTOMER, customer, TS_CASE_ID, id, TS_CASE_OPENED_AT, opened,
               TS_CASE_FIRST_RESPONSE_AT, responded, TS_CASE_CLOSED_AT, closed, TS_CASE_PRIORITY, priority,
               TS_CASE_CATEGORY, category, -1);
}

static TsDataset *
make_dataset (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  TsTime created = W0 - 400 * DAY;

  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, "a", TS_CUSTOMER_VALUE, 1000.0, TS_CUSTOMER_CREATED_AT, created, -1);
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, "b", TS_CUSTOMER_VALUE, 2000.0, TS_CUSTOMER_CREATED_AT, created, -1);
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, "c", TS_CUSTOMER_VALUE, 3000.0, TS_CUSTOMER_CREATED_AT, created,
               TS_CUSTOMER_CHURNED_AT, W0 + 20 * DAY, -1);
  /* d: value unknown; its lost renewal says what it was worth */
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, "d", TS_CUSTOMER_CREATED_AT, created, -1);
  /* e: gone before the month */
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, "e", TS_CUSTOMER_VALUE, 4000.0, TS_CUSTOMER_CREATED_AT, created,
               TS_CUSTOMER_CHURNED_AT, W0 - 5 * DAY, -1);
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, "f", TS_CUSTOMER_VALUE, 5000.0, TS_CUSTOMER_CREATED_AT, created, -1);

  /* a: urgent, answered in 2 hours (SLA 4: met) */
  add_case (b, "a", "A1", W0 + 1 * DAY + 9 * HOUR, W0 + 1 * DAY + 11 * HOUR, W0 + 3 * DAY, "High", "Login");
  /* b: urgent, answered in 6 hours (breached) */
  add_case (b, "b", "B1", W0 + 2 * DAY + 9 * HOUR, W0 + 2 * DAY + 15 * HOUR, W0 + 5 * DAY, "High", "Login");
  /* c: urgent, never answered (breached: the SLA passed long before the end) */
  add_case (b, "c", "C1", W0 + 4 * DAY + 9 * HOUR, TS_TIME_NULL, TS_TIME_NULL, "High", "Outage");
  /* d: not urgent; a service touch 3 hours later is the help */
  add_case (b, "d", "D1", W0 + 6 * DAY + 9 * HOUR, TS_TIME_NULL, W0 + 7 * DAY, "Low", "Question");
  test_append (b, TS_TABLE_TOUCHES, TS_TOUCH_CUSTOMER, "d", TS_TOUCH_AT, W0 + 6 * DAY + 12 * HOUR,
               TS_TOUCH_CHANNEL, "phone", TS_TOUCH_KIND, "service", -1);
  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, "d", TS_EVENT_AT, W0 + 10 * DAY,
               TS_EVENT_NAME, "opportunity_closed_lost", TS_EVENT_VALUE, 500.0, -1);
  /* f: a case before the month (not a moment of it), then a complaint
   * answered in an hour */
  add_case (b, "f", "F0", W0 - 3 * DAY, W0 - 2 * DAY, W0 - 1 * DAY, "High", "Login");
  add_case (b, "f", "F1", W0 + 8 * DAY + 9 * HOUR, W0 + 8 * DAY + 10 * HOUR, W0 + 9 * DAY, "Low", "Complaint");

  /* b: e-mailed, unsubscribed the day after (over-contacted), then a detractor */
  test_append (b, TS_TABLE_TOUCHES, TS_TOUCH_CUSTOMER, "b", TS_TOUCH_AT, W0 + 11 * DAY,
               TS_TOUCH_CHANNEL, "email", TS_TOUCH_KIND, "marketing", -1);
  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, "b", TS_EVENT_AT, W0 + 12 * DAY,
               TS_EVENT_NAME, "email_unsubscribed", -1);
  test_append (b, TS_TABLE_RESPONSES, TS_RESPONSE_CUSTOMER, "b", TS_RESPONSE_AT, W0 + 13 * DAY,
               TS_RESPONSE_KIND, "nps", TS_RESPONSE_SCORE, 3.0, -1);
  test_append (b, TS_TABLE_RESPONSES, TS_RESPONSE_CUSTOMER, "f", TS_RESPONSE_AT, W0 + 15 * DAY,
               TS_RESPONSE_KIND, "nps", TS_RESPONSE_SCORE, 10.0, -1);
  test_append (b, TS_TABLE_RESPONSES, TS_RESPONSE_CUSTOMER, "a", TS_RESPONSE_AT, W0 + 4 * DAY,
               TS_RESPONSE_KIND, "csat", TS_RESPONSE_SCORE, 2.0, -1);
  /* after the month: unseen */
  test_append (b, TS_TABLE_RESPONSES, TS_RESPONSE_CUSTOMER, "a", TS_RESPONSE_AT, W0 + 31 * DAY,
               TS_RESPONSE_KIND, "nps", TS_RESPONSE_SCORE, 0.0, -1);
  return test_finish (b);
}

static void
assert_customers (TsDataset           *ds,
                  const TsMaturityKpi *k,
                  const char          *expected)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < k->n_customers; i++)
    g_string_append_printf (ids, "%s%s", i ? "," : "", ts_dataset_get_customer_id (ds, k->customers[i]));
  g_assert_cmpstr (ids->str, ==, expected);
}

static const TsMaturityKpi *
find (TsMaturity *m,
      const char *id)
{
  const TsMaturityKpi *k = ts_maturity_find_kpi (m, id);

  g_assert_nonnull (k);
  return k;
}

static TsMaturity *
compute (TsDataset         *ds,
         const char *const *owners)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK, &error);
  TsMaturity *m;

  g_assert_no_error (error);
  m = ts_maturity_compute (ds, pb, W0, W0 + 30 * DAY, owners, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m;
}

static void
test_speed_to_help (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsMaturity) m = compute (ds, NULL);
  const TsRouteHelp *all = ts_maturity_get_help_all (m), *routes;
  const TsMaturityKpi *k;
  guint n;

  /* five cases opened in June: a 2 h, b 6 h, c never, d 3 h, f 1 h */
  g_assert_cmpuint (all->moments, ==, 5);
  g_assert_cmpuint (all->helped, ==, 4);
  g_assert_cmpfloat_with_epsilon (all->median_hours, 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (all->p90_hours, 6 - 0.3 * 3, 1e-9);   /* 3 + 0.7 · (6 − 3) */
  k = find (m, "speed_to_help_hours");
  g_assert_cmpfloat_with_epsilon (k->value, 2.5, 1e-9);
  g_assert_cmpuint (k->n, ==, 4);
  assert_customers (ds, k, "b,d,a,f");   /* the slowest first */

  /* per route: the urgent route took a, b and c (their cases open at the end
   * of the day), the others took d and f */
  routes = ts_maturity_get_route_help (m, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (routes[0].route, ==, "urgent");
  g_assert_cmpuint (routes[0].moments, ==, 3);
  g_assert_cmpuint (routes[0].helped, ==, 2);
  g_assert_cmpfloat_with_epsilon (routes[0].median_hours, 4, 1e-9);
  g_assert_cmpuint (routes[1].moments, ==, 2);
  g_assert_cmpfloat_with_epsilon (routes[1].median_hours, 2, 1e-9);
}

static void
test_sla_compliance (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsMaturity) m = compute (ds, NULL);
  const TsRouteHelp *routes;
  const TsMaturityKpi *k;
  guint n;

  routes = ts_maturity_get_route_help (m, &n);
  /* a met its 4 hours; b was 6 hours late, c never answered */
  g_assert_cmpuint (routes[0].met, ==, 1);
  g_assert_cmpuint (routes[0].breached, ==, 2);
  g_assert_cmpfloat_with_epsilon (routes[0].compliance, 1.0 / 3, 1e-9);
  /* no SLA, no compliance */
  g_assert_cmpuint (routes[1].met + routes[1].breached, ==, 0);
  g_assert_true (isnan (routes[1].compliance));

  k = find (m, "sla_compliance:urgent");
  g_assert_cmpuint (k->count, ==, 1);
  g_assert_cmpuint (k->n, ==, 3);
  assert_customers (ds, k, "b,c");
  g_assert_null (ts_maturity_find_kpi (m, "sla_compliance:rest"));
  k = find (m, "sla_compliance");
  g_assert_cmpfloat_with_epsilon (k->value, 1.0 / 3, 1e-9);
  g_assert_cmpint (k->better, ==, 1);
}

static void
test_arr_by_band (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsMaturity) m = compute (ds, NULL);
  const TsBandArr *all = ts_maturity_get_arr_all (m), *bands;
  const TsBusinessResults *biz = ts_maturity_get_business (m);
  const TsMaturityKpi *k;
  guint n;

  /* active on 1 June: a, b, c, d, f (e left in May); c churned (3000) and d
   * lost its renewal (its value unknown: the renewal's 500) */
  g_assert_cmpuint (all->active, ==, 5);
  g_assert_cmpuint (all->churned, ==, 2);
  g_assert_cmpfloat_with_epsilon (all->arr, 11500, 1e-9);
  g_assert_cmpfloat_with_epsilon (all->arr_retained, 8000, 1e-9);
  g_assert_cmpfloat_with_epsilon (all->arr_lost, 3500, 1e-9);
  g_assert_cmpuint (all->no_value, ==, 0);

  /* nobody had an open case on 1 June: everyone is "low" */
  bands = ts_maturity_get_band_arr (m, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (bands[0].band, ==, "low");
  g_assert_cmpfloat_with_epsilon (bands[0].arr_lost, 3500, 1e-9);
  g_assert_cmpfloat_with_epsilon (bands[0].arr_retained, 8000, 1e-9);
  g_assert_cmpstr (bands[1].band, ==, "high");
  g_assert_cmpuint (bands[1].active, ==, 0);
  g_assert_cmpfloat (bands[1].arr_lost, ==, 0);

  k = find (m, "churn_rate");
  g_assert_cmpfloat_with_epsilon (k->value, 0.4, 1e-9);
  assert_customers (ds, k, "c,d");
  k = find (m, "churn_rate:low");
  g_assert_cmpuint (k->count, ==, 2);
  g_assert_cmpuint (k->n, ==, 5);
  g_assert_cmpuint (find (m, "churn_rate:high")->n, ==, 0);
  g_assert_true (isnan (find (m, "churn_rate:high")->value));

  /* two touches made; a, b, d and f's cases closed in June */
  g_assert_cmpuint (biz->touches, ==, 2);
  g_assert_cmpuint (biz->resolved_cases, ==, 4);
  g_assert_cmpfloat_with_epsilon (biz->touches_per_resolved_case, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (biz->touch_cost, 300 * 30 / 30.436875, 1e-6);
  g_assert_cmpuint (biz->expansion_customers, ==, 0);
}

static void
test_customer_kpis (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsMaturity) m = compute (ds, NULL);
  const TsMaturityKpi *k;

  /* touched (not transactionally): b (marketing) and d (service); b
   * unsubscribed the day after */
  k = find (m, "false_positive_rate");
  g_assert_cmpuint (k->count, ==, 1);
  g_assert_cmpuint (k->n, ==, 2);
  g_assert_cmpfloat (k->value, ==, 0.5);
  g_assert_cmpint (k->better, ==, -1);
  assert_customers (ds, k, "b");
  /* nobody was of high need on 1 June */
  k = find (m, "missed_help_rate");
  g_assert_cmpuint (k->n, ==, 0);
  g_assert_true (isnan (k->value));

  k = find (m, "complaint_rate");
  g_assert_cmpuint (k->count, ==, 1);
  g_assert_cmpfloat_with_epsilon (k->value, 1.0 / 6, 1e-9);
  assert_customers (ds, k, "f");
  k = find (m, "unsubscribe_rate");
  g_assert_cmpuint (k->count, ==, 1);
  assert_customers (ds, k, "b");

  /* one promoter, one detractor (a's 0 comes after the month) */
  k = find (m, "nps");
  g_assert_cmpfloat (k->value, ==, 0);
  g_assert_cmpuint (k->n, ==, 2);
  assert_customers (ds, k, "b");
  k = find (m, "csat");
  g_assert_cmpfloat (k->value, ==, 2);
  assert_customers (ds, k, "a");

  /* no journey: nothing to complete */
  k = find (m, "journey_completion_rate");
  g_assert_cmpuint (k->n, ==, 0);
  g_assert_true (isnan (k->value));
  /* the data does not reach back to May: no drift */
  g_assert_null (ts_maturity_get_drift (m));
  g_assert_true (isnan (find (m, "score_psi")->value));
}

static gboolean
has_criterion (const TsCapability *cap,
               gboolean            met,
               const char         *text)
{
  for (guint i = 0; i < cap->n_criteria; i++)
    if (cap->criteria[i].met == met && strstr (cap->criteria[i].text, text))
      return TRUE;
  return FALSE;
}

static void
test_levels (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  const char *owners[TS_N_CAPABILITIES] = { "Ana", "Bo", "  ", "Di", "Ed", "Flo" };
  g_autoptr(TsMaturity) m = compute (ds, owners);
  const TsCapability *cap;

  /* friction only, no vanity, hygienic: 3 of 6 */
  cap = ts_maturity_get_capability (m, TS_CAPABILITY_SIGNAL_QUALITY);
  g_assert_cmpstr (cap->key, ==, "signal_quality");
  g_assert_cmpstr (cap->owner, ==, "Ana");
  g_assert_cmpuint (cap->n_criteria, ==, 6);
  g_assert_cmpuint (cap->n_met, ==, 3);
  g_assert_cmpint (cap->level, ==, TS_MATURITY_DEVELOPING);
  g_assert_true (has_criterion (cap, TRUE, "urgency"));
  g_assert_true (has_criterion (cap, FALSE, "No intent signal"));
  g_assert_cmpstr (cap->kpis[0].id, ==, "false_positive_rate");

  /* no guardrail at all */
  cap = ts_maturity_get_capability (m, TS_CAPABILITY_GUARDRAILS);
  g_assert_cmpuint (cap->n_met, ==, 0);
  g_assert_cmpint (cap->level, ==, TS_MATURITY_AD_HOC);

  /* a person for urgency, with an SLA; no self-service, no specialist */
  cap = ts_maturity_get_capability (m, TS_CAPABILITY_ROUTING);
  g_assert_null (cap->owner);    /* blank is nobody */
  g_assert_cmpuint (cap->n_met, ==, 3);
  g_assert_cmpint (cap->level, ==, TS_MATURITY_DEVELOPING);
  g_assert_true (has_criterion (cap, FALSE, "No self-service route"));

  cap = ts_maturity_get_capability (m, TS_CAPABILITY_JOURNEYS);
  g_assert_cmpint (cap->level, ==, TS_MATURITY_AD_HOC);
  g_assert_true (has_criterion (cap, FALSE, "No journey"));

  /* one owner blank, no drift, 50% false positives, 33% SLA compliance */
  cap = ts_maturity_get_capability (m, TS_CAPABILITY_GOVERNANCE);
  g_assert_cmpuint (cap->n_met, ==, 0);
  g_assert_true (has_criterion (cap, FALSE, "Routing & SLAs"));
  g_assert_true (has_criterion (cap, FALSE, "SLA compliance 33%"));
  g_assert_cmpint (cap->level, ==, TS_MATURITY_AD_HOC);
}

static void
test_side_by_side (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK, &error);
  g_autoptr(TsMaturity) june = compute (ds, NULL);
  g_autoptr(TsMaturity) may = ts_maturity_compute (ds, pb, W0 - 31 * DAY, W0, NULL, NULL, &error);
  TsMaturityRow *rows;
  gboolean business = FALSE, seen_lost = FALSE;
  guint n;

  g_assert_no_error (error);
  rows = ts_maturity_side_by_side (may, june, &n);
  g_assert_cmpuint (n, >, 10);
  for (guint i = 0; i < n; i++)
    {
      /* the customer's first, then the business's */
      g_assert_true (!business || rows[i].business);
      business = rows[i].business;
      if (g_str_equal (rows[i].id, "arr_lost"))
        {
          /* May: e left (4000, active on 1 May) */
          g_assert_cmpfloat_with_epsilon (rows[i].before, 4000, 1e-9);
          g_assert_cmpfloat_with_epsilon (rows[i].after, 3500, 1e-9);
          g_assert_cmpfloat_with_epsilon (rows[i].delta, -500, 1e-9);
          seen_lost = TRUE;
        }
    }
  g_assert_true (business);
  g_assert_true (seen_lost);
  ts_maturity_rows_free (rows, n);

  rows = ts_maturity_side_by_side (NULL, june, &n);
  g_assert_true (isnan (rows[0].before));
  ts_maturity_rows_free (rows, n);
}

static void
test_owners (void)
{
  g_autoptr(TsWorkspace) ws = ts_workspace_new ();
  g_auto(GStrv) owners = NULL;
  g_autofree char *text = NULL;
  g_autoptr(TsWorkspace) again = NULL;
  g_autoptr(GError) error = NULL;

  ts_maturity_set_owner (ws, TS_CAPABILITY_ROUTING, "  Service Ops ");
  ts_maturity_set_owner (ws, TS_CAPABILITY_GOVERNANCE, "Revenue Council");
  ts_maturity_set_owner (ws, TS_CAPABILITY_GOVERNANCE, "");
  text = ts_workspace_to_data (ws, NULL);
  again = ts_workspace_load_from_data (text, -1, NULL, &error);
  g_assert_no_error (error);
  owners = ts_maturity_dup_owners (again);
  g_assert_cmpuint (g_strv_length (owners), ==, TS_N_CAPABILITIES);
  g_assert_cmpstr (owners[TS_CAPABILITY_SIGNAL_QUALITY], ==, "");
  g_assert_cmpstr (owners[TS_CAPABILITY_ROUTING], ==, "Service Ops");
  g_assert_cmpstr (owners[TS_CAPABILITY_GOVERNANCE], ==, "");

  g_assert_cmpint (ts_capability_from_key ("journeys"), ==, TS_CAPABILITY_JOURNEYS);
  g_assert_cmpint (ts_capability_from_key ("nope"), ==, -1);
}

static void
test_months (void)
{
  TsTime from, to, pf, pt;

  g_assert_true (ts_maturity_month_span ("2025-12", &from, &to));
  g_assert_cmpint (from, ==, ts_timestamp_from_civil (2025, 12, 1, 0, 0, 0, 0));
  g_assert_cmpint (to, ==, ts_timestamp_from_civil (2026, 1, 1, 0, 0, 0, 0));
  ts_maturity_previous_span (from, to, &pf, &pt);
  g_assert_cmpint (pf, ==, ts_timestamp_from_civil (2025, 11, 1, 0, 0, 0, 0));
  g_assert_cmpint (pt, ==, from);
  g_assert_true (ts_maturity_month_span ("2025-03", &from, &to));
  ts_maturity_previous_span (from, to, &pf, &pt);
  g_assert_cmpint ((to - from) / DAY, ==, 31);
  g_assert_cmpint ((pt - pf) / DAY, ==, 28);   /* February */
  /* not a month: the same length before */
  ts_maturity_previous_span (W0 + 3 * DAY, W0 + 10 * DAY, &pf, &pt);
  g_assert_cmpint (pf, ==, W0 - 4 * DAY);

  g_assert_false (ts_maturity_month_span ("2025-13", &from, &to));
  g_assert_false (ts_maturity_month_span ("2025-1", &from, &to));
  g_assert_false (ts_maturity_month_span ("June", &from, &to));
  g_assert_false (ts_maturity_month_span ("2025-06-01", &from, &to));
}

static void
test_bad_period (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK, NULL);
  g_autoptr(TsMaturity) m = ts_maturity_compute (ds, pb, W0, W0, NULL, NULL, &error);

  g_assert_null (m);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_bundled_playbook (void)
{
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = ts_playbook_new_default (&error);
  g_autoptr(TsMaturity) m = NULL;
  const TsCapability *cap;

  g_assert_no_error (error);
  m = ts_maturity_compute (ds, pb, W0, W0 + 30 * DAY, NULL, NULL, &error);
  g_assert_no_error (error);
  /* the bundled playbook names intent, usage, friction and stage signals,
   * and every guardrail of the seed */
  cap = ts_maturity_get_capability (m, TS_CAPABILITY_SIGNAL_QUALITY);
  g_assert_cmpint (cap->level, ==, TS_MATURITY_OPERATIONALISED);
  cap = ts_maturity_get_capability (m, TS_CAPABILITY_GUARDRAILS);
  g_assert_cmpint (cap->level, ==, TS_MATURITY_OPERATIONALISED);
  cap = ts_maturity_get_capability (m, TS_CAPABILITY_ROUTING);
  g_assert_cmpint (cap->level, ==, TS_MATURITY_OPERATIONALISED);
  /* its win-back journey asks the reason for leaving twice */
  cap = ts_maturity_get_capability (m, TS_CAPABILITY_JOURNEYS);
  g_assert_true (has_criterion (cap, FALSE, "Progressive profiling breaks"));
  g_assert_cmpint (cap->level, !=, TS_MATURITY_OPERATIONALISED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  W0 = ts_timestamp_from_civil (2025, 6, 1, 0, 0, 0, 0);

  g_test_add_func ("/core/maturity/speed-to-help", test_speed_to_help);
  g_test_add_func ("/core/maturity/sla-compliance", test_sla_compliance);
  g_test_add_func ("/core/maturity/arr-by-band", test_arr_by_band);
  g_test_add_func ("/core/maturity/customer-kpis", test_customer_kpis);
  g_test_add_func ("/core/maturity/levels", test_levels);
  g_test_add_func ("/core/maturity/side-by-side", test_side_by_side);
  g_test_add_func ("/core/maturity/owners", test_owners);
  g_test_add_func ("/core/maturity/months", test_months);
  g_test_add_func ("/core/maturity/bad-period", test_bad_period);
  g_test_add_func ("/core/maturity/bundled-playbook", test_bundled_playbook);
  return g_test_run ();
}

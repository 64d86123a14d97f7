/* test-journeys.c — journeys walked day by day over hand-made datasets,
 * the counts worked out by hand: entering, a touch held back by a
 * frequency cap that counts another journey's touch and by consent, a
 * wait, a branch, the goal, an exit, a loop and its bound; one case per
 * lint rule; the playbook's journeys section and its errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <touchstone.h>

#include "test-rows.h"

#define HOUR ((TsTime) 3600 * G_USEC_PER_SEC)
#define DAY  (24 * HOUR)

#define PLAYBOOK(guardrails, journeys) \
  "{ \"schema\": 1," \
  "  \"signals\": [ { \"id\": \"need\", \"table\": \"events\", \"measure\": \"count\"," \
  "                   \"normalise\": { \"kind\": \"cap\", \"cap\": 4 } } ]," \
  "  \"score\": { \"weights\": { \"need\": 1 }, \"bands\": [ { \"id\": \"low\", \"min\": 0 } ] }," \
  "  \"guardrails\": " guardrails "," \
  "  \"routes\": [ { \"id\": \"rest\", \"to\": \"no_touch\" } ]," \
  "  \"journeys\": " journeys "}"

#define CAP_AND_CONSENT \
  "[ { \"id\": \"email-cap\", \"kind\": \"frequency_cap\", \"channel\": \"email\", \"max\": 1, \"window\": \"7d\" }," \
  "  { \"id\": \"consent\", \"kind\": \"consent\" } ]"

/* a: hello, wait 2 days, then a second touch for pro customers;
 * b: one note, by e-mail too, the day they enter */
#define TWO_JOURNEYS \
  "[ { \"id\": \"a\", \"entry\": \"customer.segment == \\\"new\\\"\"," \
  "    \"steps\": [" \
  "      { \"id\": \"hello\", \"kind\": \"touch\", \"channel\": \"email\", \"asks\": [ \"role\" ], \"promise\": \"p\" }," \
  "      { \"id\": \"pause\", \"kind\": \"wait\", \"days\": 2 }," \
  "      { \"id\": \"pro\", \"kind\": \"branch\", \"when\": \"customer.plan == \\\"pro\\\"\", \"then\": \"upsell\", \"else\": \"end\" }," \
  "      { \"id\": \"upsell\", \"kind\": \"touch\", \"channel\": \"email\", \"refers_to\": [ \"hello\" ], \"promise\": \"p\", \"pitch\": true } ]," \
  "    \"goal\": { \"table\": \"events\", \"filter\": \"name == \\\"activated\\\"\" }," \
  "    \"exits\": [ { \"id\": \"unsub\", \"table\": \"events\", \"filter\": \"name == \\\"unsubscribed\\\"\" } ] }," \
  "  { \"id\": \"b\", \"entry\": \"customer.segment == \\\"new\\\"\"," \
  "    \"steps\": [ { \"id\": \"note\", \"kind\": \"touch\", \"channel\": \"email\", \"promise\": \"p\" } ] } ]"

static TsTime W0;   /* Monday 2025-06-02 */

static void
add_customer (TsDatasetBuilder *b,
              const char       *id,
              const char       *segment,
              const char       *plan,
              TsConsent         email)
{
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, id, TS_CUSTOMER_CREATED_AT, W0 - 400 * DAY,
               TS_CUSTOMER_SEGMENT, segment, TS_CUSTOMER_PLAN, plan, TS_CUSTOMER_CONSENT_EMAIL, email, -1);
}

static TsDataset *
make_dataset (void)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();

  add_customer (b, "c1", "new", "pro", TS_CONSENT_GRANTED);      /* upsell held back by the cap */
  add_customer (b, "c2", "new", "basic", TS_CONSENT_GRANTED);    /* reaches the goal on day 1 */
  add_customer (b, "c3", "new", "basic", TS_CONSENT_DENIED);     /* said no to e-mail */
  add_customer (b, "c4", "new", "basic", TS_CONSENT_GRANTED);    /* unsubscribes on day 1 */
  add_customer (b, "c5", "old", "pro", TS_CONSENT_GRANTED);      /* never enters */
  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, "c2", TS_EVENT_AT, W0 + DAY + HOUR, TS_EVENT_NAME, "activated", -1);
  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, "c4", TS_EVENT_AT, W0 + DAY + HOUR, TS_EVENT_NAME, "unsubscribed", -1);
  /* before the start: not since entering */
  test_append (b, TS_TABLE_EVENTS, TS_EVENT_CUSTOMER, "c1", TS_EVENT_AT, W0 - DAY, TS_EVENT_NAME, "activated", -1);
  return test_finish (b);
}

static const guint *
customers (TsJourneys  *sim,
           guint        j,
           int          step,
           TsJourneyWho who,
           guint       *n)
{
  return ts_journeys_get_customers (sim, j, step, who, n);
}

static void
test_simulation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK (CAP_AND_CONSENT, TWO_JOURNEYS), &error);
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsJourneys) sim = NULL;
  const TsJourneyNode *n;
  const TsJourneyLink *links;
  const guint *who;
  guint count;

  g_assert_no_error (error);
  sim = ts_journeys_simulate (ds, pb, W0 + 5 * HOUR, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ts_journeys_get_from (sim), ==, W0);    /* days start at midnight */
  g_assert_cmpuint (ts_journeys_get_n_journeys (sim), ==, 2);

  /* a as a whole */
  n = ts_journeys_get_node (sim, 0, TS_JOURNEY_ENTRY);
  g_assert_cmpuint (n->customers, ==, 4);
  g_assert_cmpuint (n->touched, ==, 3);
  g_assert_cmpuint (n->suppressed, ==, 2);
  g_assert_cmpuint (n->suppressed_by[0], ==, 1);          /* the cap: c1's upsell */
  g_assert_cmpuint (n->suppressed_by[1], ==, 1);          /* consent: c3's hello */
  g_assert_cmpuint (n->outcomes[TS_JOURNEY_GOAL], ==, 1);
  g_assert_cmpuint (n->outcomes[TS_JOURNEY_EXIT], ==, 1);
  g_assert_cmpuint (n->exits[0], ==, 1);
  g_assert_cmpuint (n->outcomes[TS_JOURNEY_FINISHED], ==, 2);
  g_assert_cmpuint (n->outcomes[TS_JOURNEY_STILL_IN], ==, 0);

  n = ts_journeys_get_node (sim, 0, 0);                   /* hello */
  g_assert_cmpuint (n->passes, ==, 4);
  g_assert_cmpuint (n->touched, ==, 3);
  g_assert_cmpuint (n->suppressed_by[1], ==, 1);
  who = customers (sim, 0, 0, TS_JOURNEY_WHO_SUPPRESSED, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (ts_dataset_get_customer_id (ds, who[0]), ==, "c3");

  n = ts_journeys_get_node (sim, 0, 1);                   /* the wait: goal and exit there */
  g_assert_cmpuint (n->passes, ==, 4);
  g_assert_cmpuint (n->outcomes[TS_JOURNEY_GOAL], ==, 1);
  g_assert_cmpuint (n->outcomes[TS_JOURNEY_EXIT], ==, 1);
  who = customers (sim, 0, 1, TS_JOURNEY_WHO_GOAL, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (ts_dataset_get_customer_id (ds, who[0]), ==, "c2");
  who = customers (sim, 0, 1, TS_JOURNEY_WHO_EXITED, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (ts_dataset_get_customer_id (ds, who[0]), ==, "c4");

  n = ts_journeys_get_node (sim, 0, 2);                   /* the branch: c1 then, c3 else → end */
  g_assert_cmpuint (n->passes, ==, 2);
  g_assert_cmpuint (n->outcomes[TS_JOURNEY_FINISHED], ==, 1);

  n = ts_journeys_get_node (sim, 0, 3);                   /* upsell: hello's touch 2 days before */
  g_assert_cmpuint (n->passes, ==, 1);
  g_assert_cmpuint (n->touched, ==, 0);
  g_assert_cmpuint (n->suppressed_by[0], ==, 1);
  g_assert_cmpuint (n->outcomes[TS_JOURNEY_FINISHED], ==, 1);

  /* b: a's hello the same day fills the cap; c3 said no */
  n = ts_journeys_get_node (sim, 1, 0);
  g_assert_cmpuint (n->passes, ==, 4);
  g_assert_cmpuint (n->touched, ==, 0);
  g_assert_cmpuint (n->suppressed, ==, 4);
  g_assert_cmpuint (n->suppressed_by[0], ==, 3);
  g_assert_cmpuint (n->suppressed_by[1], ==, 1);
  g_assert_cmpuint (n->outcomes[TS_JOURNEY_FINISHED], ==, 4);

  /* links: entry → hello 4, hello → pause 4, pause → goal 1, pause → exit 1,
   * pause → pro 2, pro → upsell 1, pro → finished 1, upsell → finished 1 */
  links = ts_journeys_get_links (sim, 0, &count);
  g_assert_cmpuint (count, ==, 8);
  for (guint i = 0; i < count; i++)
    {
      const TsJourneyLink *l = &links[i];

      if (l->from == TS_JOURNEY_ENTRY)
        g_assert_cmpuint (l->passes, ==, 4);
      else if (l->from == 1 && l->to == TS_JOURNEY_END)
        {
          g_assert_cmpuint (l->passes, ==, 1);
          g_assert_true (l->outcome == TS_JOURNEY_GOAL || (l->outcome == TS_JOURNEY_EXIT && l->exit == 0));
        }
      else if (l->from == 1)
        g_assert_cmpuint (l->passes, ==, 2);
    }

  /* no overlap: b touched nobody; no other finding but b's missing exit */
  g_assert_cmpuint (ts_journeys_get_n_findings (sim), ==, 1);
  g_assert_cmpint (ts_journeys_get_finding (sim, 0)->rule, ==, TS_JOURNEY_LINT_NO_EXIT);
  g_assert_cmpuint (ts_journeys_get_finding (sim, 0)->journey, ==, 1);
}

static void
test_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK (CAP_AND_CONSENT, TWO_JOURNEYS), &error);
  g_autoptr(TsDataset) ds = make_dataset ();
  g_autoptr(TsJourneys) sim = ts_journeys_simulate (ds, pb, W0, 5, NULL, &error);
  g_autoptr(GPtrArray) path = NULL;
  static const struct { guint journey; int step; TsJourneyEventKind kind; guint day; } expected[] = {
    { 0, 0, TS_JOURNEY_EVENT_ENTERED, 0 },
    { 0, 0, TS_JOURNEY_EVENT_TOUCHED, 0 },
    { 0, 1, TS_JOURNEY_EVENT_WAITING, 0 },
    { 1, 0, TS_JOURNEY_EVENT_ENTERED, 0 },
    { 1, 0, TS_JOURNEY_EVENT_SUPPRESSED, 0 },
    { 1, 0, TS_JOURNEY_EVENT_FINISHED, 0 },
    { 0, 2, TS_JOURNEY_EVENT_BRANCHED, 2 },
    { 0, 3, TS_JOURNEY_EVENT_SUPPRESSED, 2 },
    { 0, 3, TS_JOURNEY_EVENT_FINISHED, 2 },
  };

  g_assert_no_error (error);
  path = ts_journeys_dup_path (sim, ts_dataset_find_customer (ds, "c1"));
  g_assert_cmpuint (path->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < path->len; i++)
    {
      const TsJourneyEvent *e = path->pdata[i];

      g_assert_cmpuint (e->journey, ==, expected[i].journey);
      g_assert_cmpint (e->step, ==, expected[i].step);
      g_assert_cmpint (e->kind, ==, expected[i].kind);
      /* touches go at 10:00 in the customer's zone: UTC here */
      g_assert_cmpint (e->at, ==, W0 + expected[i].day * DAY + 10 * HOUR);
    }
  g_assert_cmpint (((TsJourneyEvent *) path->pdata[6])->arg, ==, 3);
  g_assert_nonnull (strstr (((TsJourneyEvent *) path->pdata[4])->detail, "email-cap: 1 email touches in the last 7 days, cap 1"));

  g_clear_pointer (&path, g_ptr_array_unref);
  path = ts_journeys_dup_path (sim, ts_dataset_find_customer (ds, "c5"));
  g_assert_cmpuint (path->len, ==, 0);
}

/* a branch leading back, at most twice: three passes, then on */
static void
test_loop (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK ("[]",
    "[ { \"id\": \"nudge\", \"steps\": ["
    "    { \"id\": \"ping\", \"kind\": \"touch\", \"channel\": \"sms\", \"promise\": \"p\", \"refers_to\": [] },"
    "    { \"id\": \"w\", \"kind\": \"wait\", \"days\": 1 },"
    "    { \"id\": \"again\", \"kind\": \"branch\", \"when\": \"true\", \"then\": \"ping\", \"else\": \"end\", \"max_passes\": 2 } ],"
    "  \"exits\": [ { \"id\": \"gone\", \"when\": \"customer.churned_at != null\" } ] } ]"), &error);
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(TsJourneys) sim = NULL;
  const TsJourneyNode *n;

  g_assert_no_error (error);
  add_customer (b, "c1", "new", "pro", TS_CONSENT_UNKNOWN);
  /* churns on day 2, after its third ping: the exit takes it out on day 3 */
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, "c2", TS_CUSTOMER_CHURNED_AT, W0 + 2 * DAY + 11 * HOUR, -1);
  ds = test_finish (b);
  sim = ts_journeys_simulate (ds, pb, W0, 10, NULL, &error);
  g_assert_no_error (error);

  n = ts_journeys_get_node (sim, 0, 0);
  g_assert_cmpuint (n->passes, ==, 6);                  /* c1 3, c2 3 */
  g_assert_cmpuint (n->customers, ==, 2);
  g_assert_cmpuint (n->touched, ==, 6);
  n = ts_journeys_get_node (sim, 0, 2);
  g_assert_cmpuint (n->passes, ==, 5);                  /* c1: back, back, then on; c2: back, back */
  g_assert_cmpuint (n->outcomes[TS_JOURNEY_FINISHED], ==, 1);
  n = ts_journeys_get_node (sim, 0, 1);
  g_assert_cmpuint (n->outcomes[TS_JOURNEY_EXIT], ==, 1);
  /* the one-pass-per-day walk: nobody is still in after 10 days */
  g_assert_cmpuint (ts_journeys_get_node (sim, 0, TS_JOURNEY_ENTRY)->outcomes[TS_JOURNEY_STILL_IN], ==, 0);
  /* a loop asks nothing, and the ping needs no reference to itself */
  g_assert_cmpuint (ts_journeys_get_n_findings (sim), ==, 0);
}

/* ------------------------------------------------------------------ */
/* Lint                                                                */
/* ------------------------------------------------------------------ */

static const TsJourneyFinding *
find (GPtrArray         *findings,
      TsJourneyLintRule  rule,
      int                step)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const TsJourneyFinding *f = findings->pdata[i];

      if (f->rule == rule && f->step == step)
        return f;
    }
  return NULL;
}

static guint
count_rule (GPtrArray         *findings,
            TsJourneyLintRule  rule)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += ((TsJourneyFinding *) findings->pdata[i])->rule == rule;
  return n;
}

#define LINTED \
  "[ { \"id\": \"lint\", \"steps\": [" \
  "    { \"id\": \"s0\", \"kind\": \"touch\", \"channel\": \"email\", \"asks\": [ \"role\", \"size\", \"segment\" ], \"promise\": \"p\" }," \
  "    { \"id\": \"w\", \"kind\": \"wait\", \"days\": 2 }," \
  "    { \"id\": \"s1\", \"kind\": \"touch\", \"channel\": \"email\", \"asks\": [ \"role\" ], \"next\": \"end\" }," \
  "    { \"id\": \"orphan\", \"kind\": \"touch\", \"channel\": \"sms\", \"promise\": \"p\", \"refers_to\": [ \"s1\" ] } ] } ]"

static void
test_lint_rules (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK ("[]", LINTED), &error);
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const TsJourneyFinding *f;

  g_assert_no_error (error);
  add_customer (b, "c1", "retail", NULL, TS_CONSENT_UNKNOWN);
  add_customer (b, "c2", "retail", NULL, TS_CONSENT_UNKNOWN);
  test_append (b, TS_TABLE_CUSTOMERS, TS_CUSTOMER_ID, "c3", -1);
  ds = test_finish (b);

  /* without data: every rule that needs none */
  findings = ts_journeys_lint (pb, NULL);
  g_assert_cmpuint (count_rule (findings, TS_JOURNEY_LINT_KNOWN_ASK), ==, 0);

  f = find (findings, TS_JOURNEY_LINT_TOO_MANY_ASKS, 0);       /* 3 new asks, 2 at most */
  g_assert_nonnull (f);
  f = find (findings, TS_JOURNEY_LINT_DUPLICATE_ASK, 2);       /* role, asked by s0 */
  g_assert_nonnull (f);
  g_assert_cmpstr (f->field, ==, "role");
  g_assert_cmpint (f->other, ==, 0);
  g_assert_nonnull (find (findings, TS_JOURNEY_LINT_NO_PROMISE, 2));
  f = find (findings, TS_JOURNEY_LINT_NO_REFERENCE, 2);        /* s1 follows s0 through a wait */
  g_assert_nonnull (f);
  g_assert_cmpint (f->other, ==, 0);
  g_assert_nonnull (find (findings, TS_JOURNEY_LINT_UNREACHABLE, 3));
  g_assert_nonnull (find (findings, TS_JOURNEY_LINT_NO_EXIT, TS_JOURNEY_ENTRY));
  /* the orphan refers to s1, which cannot come before it: nothing more;
   * s1's one ask is not new, so it is not too many */
  g_assert_cmpuint (findings->len, ==, 6);
  g_assert_cmpuint (count_rule (findings, TS_JOURNEY_LINT_OVERLAP), ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* with data: the segment of two customers is known */
  findings = ts_journeys_lint (pb, ds);
  f = find (findings, TS_JOURNEY_LINT_KNOWN_ASK, 0);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->field, ==, "segment");
  g_assert_cmpuint (f->customers, ==, 2);
  g_assert_cmpuint (findings->len, ==, 7);
}

static void
test_lint_overlap (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK ("[]",
    "[ { \"id\": \"one\", \"steps\": [ { \"id\": \"t\", \"kind\": \"touch\", \"channel\": \"email\", \"promise\": \"p\" } ],"
    "    \"exits\": [ { \"id\": \"x\", \"when\": \"customer.churned_at != null\" } ] },"
    "  { \"id\": \"two\", \"entry\": \"customer.plan == \\\"pro\\\"\","
    "    \"steps\": [ { \"id\": \"w\", \"kind\": \"wait\", \"days\": 6 },"
    "                 { \"id\": \"t\", \"kind\": \"touch\", \"channel\": \"sms\", \"promise\": \"p\" } ],"
    "    \"exits\": [ { \"id\": \"x\", \"when\": \"customer.churned_at != null\" } ] } ]"), &error);
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  g_autoptr(TsDataset) ds = NULL;
  g_autoptr(TsJourneys) sim = NULL;
  const TsJourneyFinding *f;

  g_assert_no_error (error);
  add_customer (b, "c1", "new", "pro", TS_CONSENT_UNKNOWN);     /* one on day 0, two on day 6 */
  add_customer (b, "c2", "new", "basic", TS_CONSENT_UNKNOWN);   /* only one */
  ds = test_finish (b);
  sim = ts_journeys_simulate (ds, pb, W0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_journeys_get_n_findings (sim), ==, 1);
  f = ts_journeys_get_finding (sim, 0);
  g_assert_cmpint (f->rule, ==, TS_JOURNEY_LINT_OVERLAP);
  g_assert_cmpuint (f->journey, ==, 1);
  g_assert_cmpint (f->other, ==, 0);
  g_assert_cmpuint (f->customers, ==, 1);
  g_clear_pointer (&sim, ts_journeys_unref);

  /* six days simulated: two never touches */
  sim = ts_journeys_simulate (ds, pb, W0, 6, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_journeys_get_n_findings (sim), ==, 0);
}

/* ------------------------------------------------------------------ */
/* The playbook                                                        */
/* ------------------------------------------------------------------ */

static void
test_playbook_errors (void)
{
  static const struct { const char *journeys; const char *path; } cases[] = {
    { "{}", "$.journeys: expected an array" },
    { "[ { \"id\": \"j\", \"steps\": [] } ]", "$.journeys[0].steps: " },
    { "[ { \"id\": \"j\", \"colour\": 1, \"steps\": [] } ]", "$.journeys[0].colour: " },
    { "[ { \"id\": \"j\", \"entry\": \"nobody > 1\", \"steps\": [] } ]", "$.journeys[0].entry: " },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"jump\" } ] } ]", "$.journeys[0].steps[0].kind: " },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"touch\" } ] } ]", "$.journeys[0].steps[0].channel: missing" },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\", \"days\": 2, \"channel\": \"sms\" } ] } ]",
      "$.journeys[0].steps[0].channel: " },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\" } ] } ]", "$.journeys[0].steps[0].days: missing" },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\", \"days\": 1.5 } ] } ]", "$.journeys[0].steps[0].days: " },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\", \"days\": 1, \"next\": \"b\" } ] } ]",
      "$.journeys[0].steps[0].next: there is no step “b”" },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\", \"days\": 1 },"
      "                           { \"id\": \"b\", \"kind\": \"wait\", \"days\": 1, \"next\": \"a\" } ] } ]",
      "$.journeys[0].steps[1].next: only a branch leads back" },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"branch\", \"when\": \"true\", \"then\": \"a\", \"else\": \"a\" } ] } ]",
      "$.journeys[0].steps[0].else: " },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"branch\", \"then\": \"end\", \"else\": \"end\" } ] } ]",
      "$.journeys[0].steps[0].when: missing" },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"end\", \"kind\": \"wait\", \"days\": 1 } ] } ]", "$.journeys[0].steps[0].id: " },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\", \"days\": 1 },"
      "                           { \"id\": \"b\", \"kind\": \"touch\", \"channel\": \"sms\", \"refers_to\": [ \"a\" ] } ] } ]",
      "$.journeys[0].steps[1].refers_to[0]: there is no touch “a”" },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\", \"days\": 1 } ],"
      "    \"goal\": { \"table\": \"customers\" } } ]", "$.journeys[0].goal.table: " },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\", \"days\": 1 } ],"
      "    \"goal\": \"signal_that_is_not > 1\" } ]", "$.journeys[0].goal: " },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\", \"days\": 1 } ],"
      "    \"goal\": { \"table\": \"events\", \"filter\": \"colour == 1\" } } ]", "$.journeys[0].goal.filter: " },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\", \"days\": 1 } ],"
      "    \"exits\": [ { \"id\": \"x\", \"when\": \"true\" }, { \"id\": \"x\", \"when\": \"true\" } ] } ]",
      "$.journeys[0].exits[1].id: " },
    { "[ { \"id\": \"j\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\", \"days\": 1 } ],"
      "    \"exits\": [ { \"id\": \"x\" } ] } ]", "$.journeys[0].exits[0]: " },
    { "[ { \"id\": \"j\", \"send_at\": \"25:00\", \"steps\": [ { \"id\": \"a\", \"kind\": \"wait\", \"days\": 1 } ] } ]",
      "$.journeys[0].send_at: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf (PLAYBOOK ("[]", "%s"), cases[i].journeys);
      g_autoptr(TsPlaybook) pb = test_playbook_from (text, &error);

      g_assert_null (pb);
      g_assert_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].path))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].path);
    }
}

static void
test_playbook_section (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = test_playbook_from (PLAYBOOK (CAP_AND_CONSENT, TWO_JOURNEYS), &error);
  const TsJourney *j;

  g_assert_no_error (error);
  g_assert_cmpuint (ts_playbook_get_n_journeys (pb), ==, 2);
  g_assert_cmpint (ts_playbook_find_journey (pb, "b"), ==, 1);
  j = ts_playbook_get_journey (pb, 0);
  g_assert_cmpuint (j->n_steps, ==, 4);
  g_assert_cmpuint (j->max_asks, ==, 2);
  g_assert_cmpuint (j->send_minute, ==, 600);
  g_assert_cmpint (j->steps[0].next, ==, 1);
  g_assert_cmpint (j->steps[2].then_step, ==, 3);
  g_assert_cmpint (j->steps[2].else_step, ==, TS_JOURNEY_END);
  g_assert_cmpint (j->steps[3].next, ==, TS_JOURNEY_END);
  g_assert_true (j->steps[3].pitch);
  g_assert_cmpstr (j->steps[3].refers_to[0], ==, "hello");
  g_assert_cmpint (j->goal->table, ==, TS_TABLE_EVENTS);
  g_assert_cmpstr (j->exits[0].id, ==, "unsub");
  g_assert_cmpint (ts_journey_find_step (j, "upsell"), ==, 3);
  /* the fields the journeys read are imported */
  g_assert_true (ts_playbook_get_fields_read (pb, TS_TABLE_CUSTOMERS) & (1u << TS_CUSTOMER_PLAN));
  g_assert_true (ts_playbook_get_fields_read (pb, TS_TABLE_EVENTS) & (1u << TS_EVENT_NAME));
}

/* the bundled journeys: onboarding, renewal, win-back; win-back asks the
 * reason for leaving twice, on purpose */
static void
test_default_journeys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = ts_playbook_new_default (&error);
  g_autoptr(GPtrArray) findings = NULL;
  const TsJourneyFinding *f;

  g_assert_no_error (error);
  g_assert_cmpint (ts_playbook_find_journey (pb, "onboarding"), ==, 0);
  g_assert_cmpint (ts_playbook_find_journey (pb, "renewal"), ==, 1);
  g_assert_cmpint (ts_playbook_find_journey (pb, "win-back"), ==, 2);
  findings = ts_journeys_lint (pb, NULL);
  g_assert_cmpuint (findings->len, ==, 1);
  f = findings->pdata[0];
  g_assert_cmpint (f->rule, ==, TS_JOURNEY_LINT_DUPLICATE_ASK);
  g_assert_cmpuint (f->journey, ==, 2);
  g_assert_cmpstr (f->field, ==, "reason_for_leaving");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  W0 = ts_timestamp_from_civil (2025, 6, 2, 0, 0, 0, 0);

  g_test_add_func ("/core/journeys/simulation", test_simulation);
  g_test_add_func ("/core/journeys/path", test_path);
  g_test_add_func ("/core/journeys/loop", test_loop);
  g_test_add_func ("/core/journeys/lint-rules", test_lint_rules);
  g_test_add_func ("/core/journeys/lint-overlap", test_lint_overlap);
  g_test_add_func ("/core/journeys/playbook-errors", test_playbook_errors);
  g_test_add_func ("/core/journeys/playbook-section", test_playbook_section);
  g_test_add_func ("/core/journeys/default", test_default_journeys);

  return g_test_run ();
}

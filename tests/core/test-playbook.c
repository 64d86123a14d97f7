/* test-playbook.c — reading a playbook, and its validation errors by JSON path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <touchstone.h>

static const char *good =
  "{ \"schema\": 1,"
  "  \"signals\": ["
  "    { \"id\": \"friction\", \"label\": \"Friction\", \"table\": \"events\","
  "      \"filter\": \"name in [\\\"login_failed\\\", \\\"error\\\"] and properties.page != \\\"status\\\"\","
  "      \"measure\": \"count\", \"window\": \"30d\", \"half_life\": \"7d\","
  "      \"normalise\": { \"kind\": \"cap\", \"cap\": 5 },"
  "      \"explain\": \"{raw} failed logins or errors in the last 30 days\" },"
  "    { \"id\": \"urgency\", \"table\": \"cases\", \"filter\": \"status != \\\"closed\\\"\","
  "      \"measure\": \"exists\", \"normalise\": { \"kind\": \"cap\", \"cap\": 1 } },"
  "    { \"id\": \"spend\", \"table\": \"events\", \"measure\": \"sum\", \"field\": \"value\","
  "      \"normalise\": { \"kind\": \"log\", \"cap\": 1000 } },"
  "    { \"id\": \"quiet\", \"table\": \"events\", \"measure\": \"recency\","
  "      \"normalise\": { \"kind\": \"minmax\", \"min\": 0, \"max\": 90 } },"
  "    { \"id\": \"pace\", \"table\": \"touches\", \"measure\": \"rate\", \"window\": \"2w\","
  "      \"normalise\": { \"kind\": \"cap\", \"cap\": 1 } }"
  "  ],"
  "  \"score\": { \"weights\": { \"friction\": 0.5, \"urgency\": 0.3, \"spend\": 0.2, \"quiet\": 0 },"
  "             \"bands\": [ { \"id\": \"low\", \"min\": 0 }, { \"id\": \"medium\", \"min\": 40 },"
  "                        { \"id\": \"high\", \"min\": 70 } ] },"
  "  \"guardrails\": ["
  "    { \"id\": \"email-cap\", \"kind\": \"frequency_cap\", \"channel\": \"email\", \"max\": 2, \"window\": \"7d\" },"
  "    { \"id\": \"all-cap\", \"kind\": \"frequency_cap\", \"max\": 4, \"window\": \"30d\" },"
  "    { \"id\": \"consent\", \"kind\": \"consent\" },"
  "    { \"id\": \"do-not-contact\", \"kind\": \"suppression\", \"list\": \"do-not-contact\" },"
  "    { \"id\": \"night\", \"kind\": \"quiet_hours\", \"start\": \"21:00\", \"end\": \"08:30\" },"
  "    { \"id\": \"open-case\", \"kind\": \"no_pitch\", \"when\": \"open_case\" },"
  "    { \"id\": \"renewal\", \"kind\": \"no_pitch\", \"when\": \"after_renewal\", \"days\": 14 }"
  "  ],"
  "  \"routes\": ["
  "    { \"id\": \"urgent\", \"when\": \"urgency >= 1 or friction > 0.7\", \"to\": \"human\","
  "      \"channel\": \"phone\", \"sla_hours\": 4, \"promise\": \"A person who can fix it calls you within 4 hours.\" },"
  "    { \"id\": \"expansion\", \"when\": \"band == \\\"high\\\"\", \"readiness\": \"customer.stage == \\\"adopted\\\"\","
  "      \"to\": \"csm\", \"channel\": \"email\", \"promise\": \"Your CSM shows what the next plan adds, only if it helps.\" },"
  "    { \"id\": \"rest\", \"to\": \"no_touch\" }"
  "  ] }";

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_good (void)
{
  g_autoptr(JsonObject) o = parse_object (good);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = ts_playbook_new_from_json (o, &error);
  const TsSignal *s;
  const TsGuardrail *g;
  const TsRoute *r;

  g_assert_no_error (error);
  g_assert_nonnull (pb);

  g_assert_cmpuint (ts_playbook_get_n_signals (pb), ==, 5);
  s = ts_playbook_get_signal (pb, 0);
  g_assert_cmpstr (s->id, ==, "friction");
  g_assert_cmpint (s->table, ==, TS_TABLE_EVENTS);
  g_assert_cmpint (s->measure, ==, TS_MEASURE_COUNT);
  g_assert_cmpint (s->window, ==, 30 * 86400);
  g_assert_cmpint (s->half_life, ==, 7 * 86400);
  g_assert_cmpint (s->normalise, ==, TS_NORMALISE_CAP);
  g_assert_cmpfloat (s->max, ==, 5);
  g_assert_cmpfloat (s->weight, ==, 0.5);
  g_assert_nonnull (s->filter);
  s = ts_playbook_get_signal (pb, 2);
  g_assert_cmpint (s->measure, ==, TS_MEASURE_SUM);
  g_assert_cmpint (s->field, ==, ts_table_find_field (TS_TABLE_EVENTS, "value"));
  s = ts_playbook_get_signal (pb, 4);
  g_assert_cmpint (s->measure, ==, TS_MEASURE_RATE);
  g_assert_cmpfloat (s->weight, ==, 0);          /* not weighted */
  g_assert_cmpint (ts_playbook_find_signal (pb, "quiet"), ==, 3);
  g_assert_cmpint (ts_playbook_find_signal (pb, "nope"), ==, -1);

  g_assert_cmpuint (ts_playbook_get_n_bands (pb), ==, 3);
  g_assert_cmpstr (ts_playbook_band_for_score (pb, 0)->id, ==, "low");
  g_assert_cmpstr (ts_playbook_band_for_score (pb, 39.999)->id, ==, "low");
  g_assert_cmpstr (ts_playbook_band_for_score (pb, 40)->id, ==, "medium");
  g_assert_cmpstr (ts_playbook_band_for_score (pb, 100)->id, ==, "high");

  g_assert_cmpuint (ts_playbook_get_n_guardrails (pb), ==, 7);
  g = ts_playbook_get_guardrail (pb, 0);
  g_assert_cmpint (g->kind, ==, TS_GUARDRAIL_FREQUENCY_CAP);
  g_assert_cmpstr (g->channel, ==, "email");
  g_assert_cmpuint (g->max, ==, 2);
  g_assert_cmpint (g->window, ==, 7 * 86400);
  g_assert_null (ts_playbook_get_guardrail (pb, 1)->channel);
  g = ts_playbook_get_guardrail (pb, 4);
  g_assert_cmpuint (g->start_minute, ==, 21 * 60);
  g_assert_cmpuint (g->end_minute, ==, 8 * 60 + 30);
  g = ts_playbook_get_guardrail (pb, 6);
  g_assert_cmpint (g->no_pitch, ==, TS_NO_PITCH_AFTER_RENEWAL);
  g_assert_cmpuint (g->days, ==, 14);

  g_assert_cmpuint (ts_playbook_get_n_routes (pb), ==, 3);
  r = ts_playbook_get_route (pb, 0);
  g_assert_cmpint (r->to, ==, TS_ROUTE_HUMAN);
  g_assert_cmpfloat (r->sla_hours, ==, 4);
  g_assert_cmpstr (r->channel, ==, "phone");
  r = ts_playbook_get_route (pb, 1);
  g_assert_nonnull (r->readiness);
  g_assert_cmpstr (ts_route_to_to_string (r->to), ==, "csm");
  r = ts_playbook_get_route (pb, 2);
  g_assert_null (r->when);
  g_assert_null (r->promise);
}

/* Sets (or with value NULL removes) the member at a path such as
 * "routes/0/promise" in a copy of the good playbook. */
static JsonObject *
mutate (const char *path,
        const char *value)
{
  JsonObject *root = parse_object (good);
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  JsonNode *node = NULL;
  JsonObject *o = root;
  JsonArray *a = NULL;

  for (guint i = 0; i + 1 < n; i++)
    {
      node = a ? json_array_get_element (a, atoi (parts[i])) : json_object_get_member (o, parts[i]);
      g_assert_nonnull (node);
      o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      a = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
    }
  g_assert_nonnull (o);
  if (value == NULL)
    json_object_remove_member (o, parts[n - 1]);
  else
    json_object_set_member (o, parts[n - 1], json_from_string (value, NULL));
  return root;
}

static void
test_errors (void)
{
  static const struct { const char *path, *value, *message; } cases[] = {
    { "schema", NULL, "$.schema: missing" },
    { "schema", "2", "$.schema: version 2 is not known" },
    { "signals", "[]", "$.signals: a playbook scores with at least one signal" },
    { "signals/0/id", "\"fr iction\"", "$.signals[0].id: “fr iction”: a signal's id is a name in conditions" },
    { "signals/1/id", "\"friction\"", "$.signals[1].id: “friction” is used twice" },
    { "signals/0/table", "\"customers\"", "$.signals[0].table: “customers” is not one of events, cases, touches, responses" },
    { "signals/0/measure", "\"median\"", "$.signals[0].measure: “median” is not one of count, exists, sum, recency, rate" },
    { "signals/0/filter", "\"name ==\"", "$.signals[0].filter: column 8:" },
    { "signals/0/filter", "\"subject == 1\"", "$.signals[0].filter: column 1: unknown name “subject”" },
    { "signals/0/window", "\"30 days\"", "$.signals[0].window: “30 days” is not a duration" },
    { "signals/0/window", "\"-7d\"", "$.signals[0].window: “-7d” is not a duration" },
    { "signals/0/normalise", NULL, "$.signals[0].normalise: missing" },
    { "signals/0/normalise/cap", "0", "$.signals[0].normalise.cap: must be greater than 0" },
    { "signals/3/normalise/max", "0", "$.signals[3].normalise: max must be greater than min" },
    { "signals/2/field", "\"name\"", "$.signals[2].field: “name” is not a number field of events" },
    { "signals/2/field", NULL, "$.signals[2].field: missing" },
    { "signals/4/window", NULL, "$.signals[4]: a rate needs a window" },
    { "score/weights/frictions", "1", "$.score.weights.frictions: there is no signal “frictions”" },
    { "score/weights/friction", "-1", "$.score.weights.friction: a weight is a number of 0 or more" },
    { "score/weights", "{ \"quiet\": 0 }", "$.score.weights: at least one signal needs a weight above 0" },
    { "score/bands/0/min", "10", "$.score.bands[0].min: the first band starts at 0" },
    { "score/bands/2/min", "40", "$.score.bands[2].min: bands go up" },
    { "score/bands/2/min", "101", "$.score.bands[2].min: scores go from 0 to 100" },
    { "score/bands", "[]", "$.score.bands: at least one band is needed" },
    { "guardrails/0/kind", "\"budget\"", "$.guardrails[0].kind: “budget” is not one of frequency_cap" },
    { "guardrails/0/window", NULL, "$.guardrails[0].window: missing: the rolling window" },
    { "guardrails/0/max", "1.5", "$.guardrails[0].max: a number of touches" },
    { "guardrails/1/id", "\"email-cap\"", "$.guardrails[1].id: “email-cap” is used twice" },
    { "guardrails/3/list", NULL, "$.guardrails[3].list: missing" },
    { "guardrails/4/end", "\"25:00\"", "$.guardrails[4].end: “25:00” is not a time of day" },
    { "guardrails/6/days", "0", "$.guardrails[6].days: a whole number of days" },
    { "guardrails/6/when", "\"always\"", "$.guardrails[6].when: “always” is not one of open_case" },
    { "routes/0/promise", NULL, "$.routes[0].promise: a route that touches a customer must carry an experience promise" },
    { "routes/1/promise", "\"   \"", "$.routes[1].promise: a route that touches a customer must carry an experience promise" },
    { "routes/0/channel", NULL, "$.routes[0].channel: a route that touches a customer names the channel" },
    { "routes/0/to", "\"robot\"", "$.routes[0].to: “robot” is not one of human, self_serve, specialist, csm, no_touch" },
    { "routes/0/when", "\"urgency >= 1 or friktion > 0.7\"", "$.routes[0].when: column 17: unknown name “friktion”" },
    { "routes/1/readiness", "\"customer.mood == 1\"", "$.routes[1].readiness: column 1: unknown name “customer.mood”" },
    { "routes/0/sla_hours", "\"soon\"", "$.routes[0].sla_hours: expected a number" },
    { "routes/2/when", "\"score < 10\"", "$.routes: the last route must have no “when”" },
    { "routes/2/readiness", "\"score < 10\"", "$.routes: the last route must have no “when” and no “readiness”" },
    { "signals/0/window", "\"1000000w\"", "$.signals[0].window: “1000000w” is longer than a hundred years" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) o = mutate (cases[i].path, cases[i].value);
      g_autoptr(GError) error = NULL;
      g_autoptr(TsPlaybook) pb = ts_playbook_new_from_json (o, &error);

      g_test_message ("%s = %s", cases[i].path, cases[i].value ? cases[i].value : "(removed)");
      g_assert_null (pb);
      g_assert_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("%s: expected “%s…”, got “%s”", cases[i].path, cases[i].message, error->message);
    }
}

static void
test_file_errors_name_the_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-playbook-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "playbook.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = NULL;
  g_autoptr(JsonObject) o = mutate ("routes/0/promise", NULL);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), o);
  g_autofree char *text = json_to_string (node, TRUE);
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  pb = ts_playbook_new_from_file (path, &error);
  g_assert_null (pb);
  expected = g_strdup_printf ("%s: $.routes[0].promise: ", path);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "{ \"schema\": 1, ", -1, NULL));
  pb = ts_playbook_new_from_file (path, &error);
  g_assert_null (pb);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, ":1:"));   /* json-glib's line */
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, good, -1, NULL));
  pb = ts_playbook_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_playbook_get_n_routes (pb), ==, 3);

  g_remove (path);
  g_rmdir (dir);
}

static void
test_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = ts_playbook_new_default (&error);
  g_autoptr(GFile) demo = ts_workspace_dup_demo_file ();
  g_autoptr(TsWorkspace) ws = NULL;
  g_autoptr(TsPlaybook) demo_pb = NULL;
  double total = 0;
  guint no_pitch = 0;

  g_assert_no_error (error);
  /* the seeds' signals: intent, urgency, friction and repeats, a detractor answer */
  g_assert_cmpint (ts_playbook_find_signal (pb, "friction"), >=, 0);
  g_assert_cmpint (ts_playbook_find_signal (pb, "urgency"), >=, 0);
  g_assert_cmpint (ts_playbook_find_signal (pb, "intent"), >=, 0);
  g_assert_cmpint (ts_playbook_find_signal (pb, "repeat_contact"), >=, 0);
  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    total += ts_playbook_get_signal (pb, i)->weight;
  g_assert_cmpfloat_with_epsilon (total, 1.0, 1e-12);

  /* no-pitch windows: open case, recent renewal, onboarding week 1 */
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (pb, i);

      if (g->kind != TS_GUARDRAIL_NO_PITCH)
        continue;
      no_pitch++;
      if (g->no_pitch == TS_NO_PITCH_ONBOARDING)
        g_assert_cmpuint (g->days, ==, 7);
    }
  g_assert_cmpuint (no_pitch, ==, 5);

  /* urgent goes to a person; expansion only with readiness */
  g_assert_cmpint (ts_playbook_get_route (pb, 0)->to, ==, TS_ROUTE_HUMAN);
  for (guint i = 0; i < ts_playbook_get_n_routes (pb); i++)
    {
      const TsRoute *r = ts_playbook_get_route (pb, i);

      if (r->to == TS_ROUTE_CSM)
        g_assert_nonnull (r->readiness);
      if (r->to != TS_ROUTE_NO_TOUCH)
        g_assert_nonnull (r->promise);
    }

  /* the demo workspace writes no playbook of its own, so it uses this one */
  ws = ts_workspace_load (demo, &error);
  g_assert_no_error (error);
  demo_pb = ts_playbook_new_for_workspace (ws, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts_playbook_get_n_signals (demo_pb), ==, ts_playbook_get_n_signals (pb));
}

static void
test_workspace_errors_name_the_path (void)
{
  g_autoptr(JsonObject) o = mutate ("routes/0/promise", NULL);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), o);
  g_autofree char *playbook = json_to_string (node, FALSE);
  g_autofree char *text = g_strdup_printf ("{ \"touchstone\": 1, \"sources\": [], \"playbook\": %s }", playbook);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsWorkspace) ws = ts_workspace_load_from_data (text, -1, NULL, &error);
  g_autoptr(TsPlaybook) pb = NULL;

  g_assert_no_error (error);
  pb = ts_playbook_new_for_workspace (ws, &error);
  g_assert_null (pb);
  g_assert_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "$.playbook.routes[0].promise: a route that touches a customer must carry an experience promise"));
}

#define BIT(f) (1u << (f))

static void
test_fields_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = ts_playbook_new_default (&error);
  g_autoptr(TsMapping) mapping = ts_mapping_new ();
  g_autoptr(TsMapping) resolved = NULL;

  g_assert_no_error (error);
  /* events: the customer, the time and the name the filters compare */
  g_assert_cmphex (ts_playbook_get_fields_read (pb, TS_TABLE_EVENTS), ==,
                   BIT (TS_EVENT_CUSTOMER) | BIT (TS_EVENT_AT) | BIT (TS_EVENT_NAME));
  /* cases: `open` is read from the opening and the closing */
  g_assert_true (ts_playbook_get_fields_read (pb, TS_TABLE_CASES) & BIT (TS_CASE_PRIORITY));
  g_assert_true (ts_playbook_get_fields_read (pb, TS_TABLE_CASES) & BIT (TS_CASE_CLOSED_AT));
  g_assert_false (ts_playbook_get_fields_read (pb, TS_TABLE_CASES) & BIT (TS_CASE_ORIGIN));
  g_assert_true (ts_playbook_get_fields_read (pb, TS_TABLE_RESPONSES) & BIT (TS_RESPONSE_SCORE));
  g_assert_false (ts_playbook_get_fields_read (pb, TS_TABLE_RESPONSES) & BIT (TS_RESPONSE_COMMENT));
  /* guardrails: consent per channel, suppression lists */
  g_assert_true (ts_playbook_get_fields_read (pb, TS_TABLE_CUSTOMERS) & BIT (TS_CUSTOMER_CONSENT_EMAIL));
  g_assert_true (ts_playbook_get_fields_read (pb, TS_TABLE_LISTS) & BIT (TS_LIST_NAME));
  g_assert_false (ts_playbook_get_fields_read (pb, TS_TABLE_CUSTOMERS) & BIT (TS_CUSTOMER_NAME));

  /* a mapping wants everything until told otherwise, and keeps what places a row */
  g_assert_cmphex (ts_mapping_get_wanted_fields (mapping, TS_TABLE_EVENTS), ==, G_MAXUINT32);
  g_assert_cmphex (ts_mapping_get_wanted_fields (NULL, TS_TABLE_EVENTS), ==, G_MAXUINT32);
  ts_mapping_set_wanted_fields (mapping, TS_TABLE_EVENTS, BIT (TS_EVENT_NAME));
  ts_mapping_set_wanted_fields (mapping, TS_TABLE_CASES, 0);
  ts_mapping_set_wanted_fields (mapping, TS_TABLE_CUSTOMERS, 0);
  g_assert_cmphex (ts_mapping_get_wanted_fields (mapping, TS_TABLE_EVENTS), ==,
                   BIT (TS_EVENT_CUSTOMER) | BIT (TS_EVENT_AT) | BIT (TS_EVENT_NAME));
  g_assert_true (ts_mapping_is_field_wanted (mapping, TS_TABLE_CASES, TS_CASE_ID));
  g_assert_true (ts_mapping_is_field_wanted (mapping, TS_TABLE_CASES, TS_CASE_OPENED_AT));
  g_assert_false (ts_mapping_is_field_wanted (mapping, TS_TABLE_CASES, TS_CASE_STATUS));
  g_assert_true (ts_mapping_is_field_wanted (mapping, TS_TABLE_CUSTOMERS, TS_CUSTOMER_EMAIL));
  g_assert_false (ts_mapping_is_field_wanted (mapping, TS_TABLE_CUSTOMERS, TS_CUSTOMER_PLAN));
  /* and so does the mapping of each file */
  resolved = ts_mapping_resolve (mapping, "events.csv");
  g_assert_false (ts_mapping_is_field_wanted (resolved, TS_TABLE_EVENTS, TS_EVENT_PROPERTIES));
  g_assert_true (ts_mapping_is_field_wanted (resolved, TS_TABLE_EVENTS, TS_EVENT_NAME));
}

/* JSON nested 100,000 deep would overflow json-glib's recursive parser:
 * refused before it parses, naming the file, line and column. */
static void
test_deep_nesting_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ts-playbook-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GString) text = g_string_new ("{ \"schema\": 1,\n  \"signals\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) pb = NULL;
  const guint depth = 100000;

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "\n}\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  pb = ts_playbook_new_from_file (path, &error);
  g_assert_null (pb);
  g_assert_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID);
  /* the 512th bracket of line 2 is the first too deep: the object is the first level */
  expected = g_strdup_printf ("%s:2:%u: ", path, 13 + TS_JSON_MAX_DEPTH);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("expected “%s…”, got “%s”", expected, error->message);
  g_assert_nonnull (strstr (error->message, "nested more than 512 deep"));

  g_remove (path);
  g_rmdir (dir);
}

/* Brackets inside strings are text, not nesting; escaped quotes do not end
 * a string; the limit itself is allowed. */
static void
test_json_depth_check (void)
{
  g_autoptr(GString) at_limit = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  for (guint i = 0; i < TS_JSON_MAX_DEPTH; i++)
    g_string_append_c (at_limit, '[');
  for (guint i = 0; i < TS_JSON_MAX_DEPTH; i++)
    g_string_append_c (at_limit, ']');
  g_assert_true (ts_json_parser_load (parser, "a.json", at_limit->str, at_limit->len, &error));
  g_assert_no_error (error);

  g_string_prepend_c (at_limit, '{');
  g_assert_false (ts_json_check_depth ("a.json", at_limit->str, -1, TS_JSON_MAX_DEPTH, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "a.json:1:513: "));
  g_clear_error (&error);

  g_assert_true (ts_json_check_depth (NULL, "{\"a\": \"[[[[\\\"[[[[\", \"b\": [[1]]}", -1, 3, &error));
  g_assert_false (ts_json_check_depth (NULL, "{\"a\": \"[[[[\\\"[[[[\", \"b\": [[[1]]]}", -1, 3, &error));
  g_assert_true (g_str_has_prefix (error->message, "<data>:1:28: "));
  g_clear_error (&error);

  /* invalid UTF-8: where, which json-glib does not say */
  g_assert_false (ts_json_parser_load (parser, "c.json", "{\n  \"name\": \"Andr\xe9\"\n}", -1, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "c.json:2:16: the text is not UTF-8 (byte 0xE9)");
  g_clear_error (&error);

  /* a \u escape that names no character: json-glib 1.6 would hand back text that is not UTF-8 */
  g_assert_false (ts_json_parser_load (parser, "d.json", "{\"a\": \"ok \\\\u \\ud83d\\ude00\",\n \"b\": \"x\\ud83%d\"}",
                                       -1, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "d.json:2:9: a \\u escape that is not a character");
  g_clear_error (&error);
  g_assert_false (ts_json_parser_load (parser, NULL, "[\"\\ude00\"]", -1, &error));
  g_assert_cmpstr (error->message, ==, "<data>:1:3: a \\u escape that is not a character");
  g_clear_error (&error);
  g_assert_false (ts_json_parser_load (parser, NULL, "[\"\\u12\"]", -1, &error));
  g_clear_error (&error);
  g_assert_true (ts_json_parser_load (parser, NULL, "[\"\\u00e9\\ud83d\\ude00\\\\ud83d\"]", -1, &error));
  g_assert_no_error (error);

  /* json-glib's own errors name the file too */
  g_assert_false (ts_json_parser_load (parser, "b.json", "{\n\"a\": }", -1, &error));
  g_assert_true (g_str_has_prefix (error->message, "b.json:2:"));
}

/* JSON text of a string, as every writer of properties and workspaces
 * writes it: quotes, backslashes and control characters escaped, the rest
 * (UTF-8 included) as it is, runs and lengths kept exactly. */
static void
test_json_text_strings (void)
{
  const struct {
    const char *in;
    gssize      len;
    const char *out;
  } cases[] = {
    { "", -1, "\"\"" },
    { "plain", -1, "\"plain\"" },
    { "a\"b\\c", -1, "\"a\\\"b\\\\c\"" },
    { "\n\r\t", -1, "\"\\n\\r\\t\"" },
    { "\x01\x08\x0c\x1f ", -1, "\"\\u0001\\u0008\\u000c\\u001f \"" },
    { "Größe — 日本", -1, "\"Größe — 日本\"" },
    { "ab\"cd", 3, "\"ab\\\"\"" },
    { "x\0y", 3, "\"x\\u0000y\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new ("[");

      ts_json_text_append_string (out, cases[i].in, cases[i].len);
      g_assert_cmpstr (out->str + 1, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/playbook/read", test_good);
  g_test_add_func ("/playbook/errors-name-json-path", test_errors);
  g_test_add_func ("/playbook/file-errors-name-the-file", test_file_errors_name_the_file);
  g_test_add_func ("/playbook/hostile/nested-100000-deep", test_deep_nesting_refused);
  g_test_add_func ("/playbook/hostile/depth-check", test_json_depth_check);
  g_test_add_func ("/playbook/default-is-the-seeds-playbook", test_default);
  g_test_add_func ("/playbook/fields-read", test_fields_read);
  g_test_add_func ("/playbook/workspace-errors-name-the-path", test_workspace_errors_name_the_path);
  g_test_add_func ("/playbook/json-text-strings", test_json_text_strings);

  return g_test_run ();
}

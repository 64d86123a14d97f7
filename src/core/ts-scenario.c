/* ts-scenario.c — one customer moment, built by hand or from a real
 * customer, for a workshop to play with
 *
 * A scenario holds the facts of a moment relative to it — signed up N days
 * ago, renewed N days ago, an open case, said no to e-mail, three e-mails
 * this week — and the signal measures a workshop sets by hand.  It is
 * decided by the same engine as real customers: the facts become the
 * records of a dataset of one customer, which is scored and decided as of
 * the moment; the measures set by hand then replace what those records
 * measure.  So what the room sees is what the playbook would do.
 *
 * Facts "N days ago" are placed an hour earlier still, so that a fact of
 * N days is inside a window of more than N days and outside one of N.
 *
 * In a workspace:
 *
 *   { "name": "Ana after the outage", "customer_id": "003…", "as_of": "…",
 *     "stage": "customer", "timezone": "Europe/Berlin",
 *     "days_since_signup": 400, "days_since_renewal": 5,
 *     "consent": { "email": "denied" },
 *     "open_case": { "priority": "High" }, "days_since_complaint": 12,
 *     "survey": { "score": 3, "days_ago": 10 },
 *     "touches": [ { "channel": "email", "days_ago": 1, "transactional": false } ],
 *     "lists": [ "do-not-contact" ], "signals": { "friction": 4 } }
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-scenario"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ts-dataset-builder.h"
#include "ts-scenario.h"
#include "ts-timestamp.h"

#define DAY ((TsTime) 86400 * G_USEC_PER_SEC)
#define HOUR ((TsTime) 3600 * G_USEC_PER_SEC)
#define MAX_DAYS 36500
#define MAX_TOUCHES 200
#define TOUCH_HISTORY_DAYS 90

const char *const ts_scenario_channels[5] = { "email", "sms", "phone", "in_app", "push" };

G_DEFINE_QUARK (ts-scenario-error-quark, ts_scenario_error)
G_DEFINE_BOXED_TYPE (TsScenario, ts_scenario, ts_scenario_copy, ts_scenario_free)

static void
touch_clear (gpointer data)
{
  g_free (((TsScenarioTouch *) data)->channel);
}

static void
signal_clear (gpointer data)
{
  g_free (((TsScenarioSignal *) data)->signal);
}

/**
 * ts_scenario_new:
 *
 * A customer of a year's standing, with no case, no survey, no touches and
 * no consent given or refused.
 */
TsScenario *
ts_scenario_new (const char *name)
{
  TsScenario *self = g_new0 (TsScenario, 1);

  self->name = g_strdup (name);
  self->as_of = TS_TIME_NULL;
  self->stage = g_strdup ("customer");
  self->days_since_signup = 365;
  self->days_since_renewal = -1;
  self->days_since_complaint = -1;
  self->survey_score = NAN;
  self->days_since_survey = -1;
  self->touches = g_array_new (FALSE, TRUE, sizeof (TsScenarioTouch));
  g_array_set_clear_func (self->touches, touch_clear);
  self->lists = g_ptr_array_new_with_free_func (g_free);
  self->signals = g_array_new (FALSE, TRUE, sizeof (TsScenarioSignal));
  g_array_set_clear_func (self->signals, signal_clear);
  return self;
}

void
ts_scenario_free (TsScenario *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->customer_id);
  g_free (self->stage);
  g_free (self->timezone);
  g_free (self->case_priority);
  g_array_unref (self->touches);
  g_ptr_array_unref (self->lists);
  g_array_unref (self->signals);
  g_free (self);
}

TsScenario *
ts_scenario_copy (const TsScenario *self)
{
  TsScenario *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = ts_scenario_new (self->name);
  copy->customer_id = g_strdup (self->customer_id);
  copy->as_of = self->as_of;
  g_free (copy->stage);
  copy->stage = g_strdup (self->stage);
  copy->timezone = g_strdup (self->timezone);
  copy->days_since_signup = self->days_since_signup;
  copy->days_since_renewal = self->days_since_renewal;
  memcpy (copy->consent, self->consent, sizeof copy->consent);
  copy->open_case = self->open_case;
  copy->case_priority = g_strdup (self->case_priority);
  copy->days_since_complaint = self->days_since_complaint;
  copy->survey_score = self->survey_score;
  copy->days_since_survey = self->days_since_survey;
  for (guint i = 0; i < self->touches->len; i++)
    {
      const TsScenarioTouch *t = &g_array_index (self->touches, TsScenarioTouch, i);
      ts_scenario_add_touch (copy, t->channel, t->days_ago, t->transactional);
    }
  for (guint i = 0; i < self->lists->len; i++)
    g_ptr_array_add (copy->lists, g_strdup (g_ptr_array_index (self->lists, i)));
  for (guint i = 0; i < self->signals->len; i++)
    {
      const TsScenarioSignal *s = &g_array_index (self->signals, TsScenarioSignal, i);
      ts_scenario_set_signal (copy, s->signal, s->raw);
    }
  return copy;
}

void
ts_scenario_add_touch (TsScenario *self,
                       const char *channel,
                       double      days_ago,
                       gboolean    transactional)
{
  TsScenarioTouch t = { g_strdup (channel), MAX (days_ago, 0), transactional };

  g_return_if_fail (self != NULL && channel != NULL);
  g_array_append_val (self->touches, t);
}

void
ts_scenario_remove_touch (TsScenario *self,
                          guint       index)
{
  g_return_if_fail (index < self->touches->len);
  g_array_remove_index (self->touches, index);
}

gboolean
ts_scenario_get_signal (const TsScenario *self,
                        const char       *signal,
                        double           *raw)
{
  for (guint i = 0; i < self->signals->len; i++)
    {
      const TsScenarioSignal *s = &g_array_index (self->signals, TsScenarioSignal, i);

      if (strcmp (s->signal, signal) == 0)
        {
          if (raw)
            *raw = s->raw;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * ts_scenario_set_signal:
 *
 * Sets @signal's measure by hand: the records of the moment no longer
 * decide it.
 */
void
ts_scenario_set_signal (TsScenario *self,
                        const char *signal,
                        double      raw)
{
  TsScenarioSignal s;

  g_return_if_fail (signal != NULL);
  for (guint i = 0; i < self->signals->len; i++)
    if (strcmp (g_array_index (self->signals, TsScenarioSignal, i).signal, signal) == 0)
      {
        g_array_index (self->signals, TsScenarioSignal, i).raw = raw;
        return;
      }
  s.signal = g_strdup (signal);
  s.raw = raw;
  g_array_append_val (self->signals, s);
}

void
ts_scenario_clear_signals (TsScenario *self)
{
  g_array_set_size (self->signals, 0);
}

gboolean
ts_scenario_on_list (const TsScenario *self,
                     const char       *list)
{
  for (guint i = 0; i < self->lists->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->lists, i), list) == 0)
      return TRUE;
  return FALSE;
}

void
ts_scenario_set_on_list (TsScenario *self,
                         const char *list,
                         gboolean    on)
{
  for (guint i = 0; i < self->lists->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->lists, i), list) == 0)
      {
        if (!on)
          g_ptr_array_remove_index (self->lists, i);
        return;
      }
  if (on)
    g_ptr_array_add (self->lists, g_strdup (list));
}

/* ------------------------------------------------------------------ */
/* The moment as records                                               */
/* ------------------------------------------------------------------ */

static guint32
intern (TsDatasetBuilder *b,
        const char       *str)
{
  return str && *str ? ts_dataset_builder_intern (b, str, strlen (str)) : TS_STR_NULL;
}

static TsTime
days_before (TsTime as_of,
             double days)
{
  return as_of - (TsTime) (days * DAY) - HOUR;
}

static void
add_case (TsDatasetBuilder *b,
          guint32           customer,
          const char       *id,
          TsTime            opened_at,
          TsTime            closed_at,
          const char       *priority,
          const char       *category)
{
  TsValue row[TS_CASE_N_FIELDS];

  ts_dataset_builder_clear_row (TS_TABLE_CASES, row);
  row[TS_CASE_CUSTOMER].str = customer;
  row[TS_CASE_ID].str = intern (b, id);
  row[TS_CASE_OPENED_AT].time = opened_at;
  row[TS_CASE_CLOSED_AT].time = closed_at;
  row[TS_CASE_STATUS].str = intern (b, closed_at == TS_TIME_NULL ? "Open" : "Closed");
  row[TS_CASE_PRIORITY].str = intern (b, priority);
  row[TS_CASE_CATEGORY].str = intern (b, category);
  ts_dataset_builder_append (b, TS_TABLE_CASES, row);
}

/**
 * ts_scenario_build_dataset:
 * @as_of: the moment the facts are relative to
 *
 * Returns: (transfer full): a dataset of one customer whose records are the
 *   facts of the moment
 */
TsDataset *
ts_scenario_build_dataset (const TsScenario *self,
                           TsTime            as_of)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  TsValue row[TS_CUSTOMER_N_FIELDS];
  const char *id = self->customer_id && *self->customer_id ? self->customer_id : "scenario";
  guint32 customer;
  TsDataset *ds;

  g_return_val_if_fail (self != NULL, NULL);

  customer = intern (b, id);
  ts_dataset_builder_clear_row (TS_TABLE_CUSTOMERS, row);
  row[TS_CUSTOMER_ID].str = customer;
  row[TS_CUSTOMER_NAME].str = intern (b, self->name);
  row[TS_CUSTOMER_STAGE].str = intern (b, self->stage);
  row[TS_CUSTOMER_TIMEZONE].str = intern (b, self->timezone);
  if (self->days_since_signup >= 0)
    row[TS_CUSTOMER_CREATED_AT].time = days_before (as_of, self->days_since_signup);
  if (self->days_since_renewal >= 0)
    row[TS_CUSTOMER_RENEWAL_AT].time = days_before (as_of, self->days_since_renewal);
  for (guint i = 0; i < G_N_ELEMENTS (self->consent); i++)
    row[TS_CUSTOMER_CONSENT_EMAIL + i].flag = self->consent[i];
  ts_dataset_builder_append (b, TS_TABLE_CUSTOMERS, row);

  if (self->open_case)
    add_case (b, customer, "S-1", as_of - HOUR, TS_TIME_NULL,
              self->case_priority, "Problem");
  if (self->days_since_complaint >= 0)
    {
      TsTime opened = days_before (as_of, self->days_since_complaint);
      add_case (b, customer, "scenario-complaint", opened, MIN (opened + HOUR / 2, as_of - 1),
                NULL, "Complaint");
    }
  if (self->days_since_survey >= 0 && !isnan (self->survey_score))
    {
      TsValue r[TS_RESPONSE_N_FIELDS];

      ts_dataset_builder_clear_row (TS_TABLE_RESPONSES, r);
      r[TS_RESPONSE_CUSTOMER].str = customer;
      r[TS_RESPONSE_AT].time = days_before (as_of, self->days_since_survey);
      r[TS_RESPONSE_KIND].str = intern (b, "nps");
      r[TS_RESPONSE_SCORE].number = self->survey_score;
      ts_dataset_builder_append (b, TS_TABLE_RESPONSES, r);
    }
  for (guint i = 0; i < self->touches->len; i++)
    {
      const TsScenarioTouch *t = &g_array_index (self->touches, TsScenarioTouch, i);
      TsValue r[TS_TOUCH_N_FIELDS];

      ts_dataset_builder_clear_row (TS_TABLE_TOUCHES, r);
      r[TS_TOUCH_CUSTOMER].str = customer;
      r[TS_TOUCH_AT].time = days_before (as_of, t->days_ago);
      r[TS_TOUCH_CHANNEL].str = intern (b, t->channel);
      r[TS_TOUCH_KIND].str = intern (b, t->transactional ? "transactional" : "marketing");
      ts_dataset_builder_append (b, TS_TABLE_TOUCHES, r);
    }
  for (guint i = 0; i < self->lists->len; i++)
    {
      TsValue r[TS_LIST_N_FIELDS];

      ts_dataset_builder_clear_row (TS_TABLE_LISTS, r);
      r[TS_LIST_CUSTOMER].str = customer;
      r[TS_LIST_NAME].str = intern (b, g_ptr_array_index (self->lists, i));
      ts_dataset_builder_append (b, TS_TABLE_LISTS, r);
    }

  ds = ts_dataset_builder_finish (b, NULL, NULL);
  g_assert (ds != NULL);   /* one customer and its own records cannot fail */
  return ds;
}

/**
 * ts_scenario_score:
 * @as_of: the moment when the scenario has none of its own
 *
 * Scores the moment with @playbook: the one customer of
 * ts_scenario_build_dataset(), with the measures set by hand in place of
 * what its records measure.  ts_decide (scores, 0, …) decides it.
 *
 * Returns: (transfer full): the scores of one customer, or %NULL
 */
TsScores *
ts_scenario_score (const TsScenario *self,
                   TsPlaybook       *playbook,
                   TsTime            as_of,
                   GError          **error)
{
  g_autoptr(TsDataset) ds = NULL;
  TsScores *scores;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (playbook != NULL, NULL);

  if (self->as_of != TS_TIME_NULL)
    as_of = self->as_of;
  ds = ts_scenario_build_dataset (self, as_of);
  scores = ts_scorer_run (ds, playbook, as_of, NULL, error);
  if (scores == NULL)
    return NULL;
  for (guint i = 0; i < self->signals->len; i++)
    {
      const TsScenarioSignal *s = &g_array_index (self->signals, TsScenarioSignal, i);
      int k = ts_playbook_find_signal (playbook, s->signal);

      if (k >= 0)
        ts_scores_set_signal_raw (scores, 0, k, s->raw);
    }
  return scores;
}

/* ------------------------------------------------------------------ */
/* From a real customer                                                */
/* ------------------------------------------------------------------ */

static int
days_since (TsTime as_of,
            TsTime t)
{
  if (t == TS_TIME_NULL || t >= as_of)
    return -1;
  return (int) MIN ((as_of - t) / DAY, MAX_DAYS);
}

/**
 * ts_scenario_new_from_customer:
 *
 * The moment of a real customer as of @scores' moment: its facts from the
 * records, and by hand the measures its facts do not reproduce (events,
 * older cases), so that the scenario starts with the customer's own score.
 */
TsScenario *
ts_scenario_new_from_customer (TsScores *scores,
                               guint     customer)
{
  TsDataset *ds = ts_scores_get_dataset (scores);
  TsPlaybook *pb = ts_scores_get_playbook (scores);
  TsTime as_of = ts_scores_get_as_of (scores);
  const TsCustomers *c = ts_dataset_get_customers (ds);
  const TsCases *k = ts_dataset_get_cases (ds);
  const TsResponses *resp = ts_dataset_get_responses (ds);
  const TsTouches *t = ts_dataset_get_touches (ds);
  const TsLists *l = ts_dataset_get_lists (ds);
  const char *name = ts_dataset_get_string (ds, c->name[customer]);
  const char *id = ts_dataset_get_string (ds, c->id[customer]);
  g_autoptr(TsScores) own = NULL;
  TsScenario *self;
  TsTime start;

  g_return_val_if_fail (customer < ts_scores_get_n_customers (scores), NULL);

  self = ts_scenario_new (name && *name ? name : id);
  self->customer_id = g_strdup (id);
  self->as_of = as_of;
  g_free (self->stage);
  self->stage = g_strdup (ts_dataset_get_string (ds, c->stage[customer]));
  self->timezone = g_strdup (ts_dataset_get_string (ds, c->timezone[customer]));
  start = c->onboarding_started_at[customer] != TS_TIME_NULL ? c->onboarding_started_at[customer]
                                                              : c->created_at[customer];
  self->days_since_signup = days_since (as_of, start);
  self->days_since_renewal = days_since (as_of, c->renewal_at[customer]);
  for (guint i = 0; i < G_N_ELEMENTS (self->consent); i++)
    self->consent[i] = c->consent[i][customer];

  for (guint r = k->by_customer[customer]; r < k->by_customer[customer + 1]; r++)
    {
      const char *category = ts_dataset_get_string (ds, k->category[r]);

      if (k->opened_at[r] == TS_TIME_NULL || k->opened_at[r] >= as_of)
        continue;
      if (k->closed_at[r] == TS_TIME_NULL || k->closed_at[r] >= as_of)
        {
          self->open_case = TRUE;   /* the latest open case's priority */
          g_free (self->case_priority);
          self->case_priority = g_strdup (ts_dataset_get_string (ds, k->priority[r]));
        }
      if (category && g_ascii_strcasecmp (category, "complaint") == 0)
        self->days_since_complaint = days_since (as_of, k->opened_at[r]);
    }
  for (guint r = resp->by_customer[customer]; r < resp->by_customer[customer + 1]; r++)
    if (resp->at[r] != TS_TIME_NULL && resp->at[r] < as_of && !isnan (resp->score[r]))
      {
        self->survey_score = resp->score[r];
        self->days_since_survey = days_since (as_of, resp->at[r]);
      }
  for (guint r = t->by_customer[customer]; r < t->by_customer[customer + 1]; r++)
    {
      const char *kind = ts_dataset_get_string (ds, t->kind[r]);
      const char *channel = ts_dataset_get_string (ds, t->channel[r]);

      if (t->at[r] == TS_TIME_NULL || t->at[r] >= as_of || as_of - t->at[r] > TOUCH_HISTORY_DAYS * DAY)
        continue;
      if (self->touches->len == MAX_TOUCHES)
        ts_scenario_remove_touch (self, 0);
      ts_scenario_add_touch (self, channel ? channel : "email",
                             (double) MAX (as_of - t->at[r] - HOUR, 0) / DAY,
                             kind && g_ascii_strcasecmp (kind, "transactional") == 0);
    }
  for (guint r = l->by_customer[customer]; r < l->by_customer[customer + 1]; r++)
    ts_scenario_set_on_list (self, ts_dataset_get_string (ds, l->list[r]), TRUE);

  /* by hand, what the facts alone measure differently */
  own = ts_scenario_score (self, pb, as_of, NULL);
  for (guint i = 0; own && i < ts_playbook_get_n_signals (pb); i++)
    {
      double real = ts_scores_get_signal (scores, customer, i)->raw;
      double mine = ts_scores_get_signal (own, 0, i)->raw;

      if (isnan (real) != isnan (mine) || (!isnan (real) && fabs (real - mine) > 1e-9))
        ts_scenario_set_signal (self, ts_playbook_get_signal (pb, i)->id, real);
    }
  return self;
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

JsonNode *
ts_scenario_to_json (const TsScenario *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean any_consent = FALSE;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, self->name ? self->name : "");
  if (self->customer_id)
    {
      json_builder_set_member_name (b, "customer_id");
      json_builder_add_string_value (b, self->customer_id);
    }
  if (self->as_of != TS_TIME_NULL)
    {
      g_autofree char *iso = ts_timestamp_format_iso (self->as_of);
      json_builder_set_member_name (b, "as_of");
      json_builder_add_string_value (b, iso);
    }
  if (self->stage)
    {
      json_builder_set_member_name (b, "stage");
      json_builder_add_string_value (b, self->stage);
    }
  if (self->timezone)
    {
      json_builder_set_member_name (b, "timezone");
      json_builder_add_string_value (b, self->timezone);
    }
  if (self->days_since_signup >= 0)
    {
      json_builder_set_member_name (b, "days_since_signup");
      json_builder_add_int_value (b, self->days_since_signup);
    }
  if (self->days_since_renewal >= 0)
    {
      json_builder_set_member_name (b, "days_since_renewal");
      json_builder_add_int_value (b, self->days_since_renewal);
    }
  for (guint i = 0; i < G_N_ELEMENTS (self->consent); i++)
    {
      if (self->consent[i] == TS_CONSENT_UNKNOWN)
        continue;
      if (!any_consent)
        {
          json_builder_set_member_name (b, "consent");
          json_builder_begin_object (b);
          any_consent = TRUE;
        }
      json_builder_set_member_name (b, ts_scenario_channels[i]);
      json_builder_add_string_value (b, ts_consent_to_string (self->consent[i]));
    }
  if (any_consent)
    json_builder_end_object (b);
  if (self->open_case)
    {
      json_builder_set_member_name (b, "open_case");
      json_builder_begin_object (b);
      if (self->case_priority)
        {
          json_builder_set_member_name (b, "priority");
          json_builder_add_string_value (b, self->case_priority);
        }
      json_builder_end_object (b);
    }
  if (self->days_since_complaint >= 0)
    {
      json_builder_set_member_name (b, "days_since_complaint");
      json_builder_add_int_value (b, self->days_since_complaint);
    }
  if (self->days_since_survey >= 0 && !isnan (self->survey_score))
    {
      json_builder_set_member_name (b, "survey");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, self->survey_score);
      json_builder_set_member_name (b, "days_ago");
      json_builder_add_int_value (b, self->days_since_survey);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "touches");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->touches->len; i++)
    {
      const TsScenarioTouch *t = &g_array_index (self->touches, TsScenarioTouch, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "channel");
      json_builder_add_string_value (b, t->channel);
      json_builder_set_member_name (b, "days_ago");
      json_builder_add_double_value (b, t->days_ago);
      json_builder_set_member_name (b, "transactional");
      json_builder_add_boolean_value (b, t->transactional);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "lists");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->lists->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (self->lists, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "signals");
  json_builder_begin_object (b);
  for (guint i = 0; i < self->signals->len; i++)
    {
      const TsScenarioSignal *s = &g_array_index (self->signals, TsScenarioSignal, i);

      json_builder_set_member_name (b, s->signal);
      if (isnan (s->raw))
        json_builder_add_null_value (b);   /* "never" */
      else
        json_builder_add_double_value (b, s->raw);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
invalid (GError    **error,
         const char *path,
         const char *member,
         const char *message)
{
  g_set_error (error, TS_SCENARIO_ERROR, TS_SCENARIO_ERROR_INVALID, "%s%s%s: %s",
               path, member ? "." : "", member ? member : "", message);
  return FALSE;
}

static gboolean
get_string (JsonObject  *o,
            const char  *path,
            const char  *member,
            char       **out,
            GError     **error)
{
  JsonNode *n = json_object_get_member (o, member);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return invalid (error, path, member, _("expected a string"));
  g_free (*out);
  *out = g_strdup (json_node_get_string (n));
  return TRUE;
}

static gboolean
get_number (JsonObject  *o,
            const char  *path,
            const char  *member,
            double       min,
            double       max,
            double      *out,
            GError     **error)
{
  JsonNode *n = json_object_get_member (o, member);
  double v;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) ||
      (json_node_get_value_type (n) != G_TYPE_INT64 && json_node_get_value_type (n) != G_TYPE_DOUBLE))
    return invalid (error, path, member, _("expected a number"));
  v = json_node_get_double (n);
  if (!(v >= min && v <= max))
    {
      g_autofree char *msg = g_strdup_printf (_("expected a number from %g to %g"), min, max);
      return invalid (error, path, member, msg);
    }
  *out = v;
  return TRUE;
}

static gboolean
get_days (JsonObject  *o,
          const char  *path,
          const char  *member,
          int         *out,
          GError     **error)
{
  double v = *out;

  if (!get_number (o, path, member, 0, MAX_DAYS, &v, error))
    return FALSE;
  *out = (int) v;
  return TRUE;
}

/* an object or array member: %NULL when absent or null, or, with an
 * error, when of another kind */
static JsonNode *
get_container (JsonObject   *o,
               const char   *path,
               const char   *member,
               JsonNodeType  type,
               GError      **error)
{
  JsonNode *n = json_object_get_member (o, member);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (JSON_NODE_TYPE (n) != type)
    {
      invalid (error, path, member, type == JSON_NODE_OBJECT ? _("expected an object") : _("expected an array"));
      return NULL;
    }
  return n;
}

static JsonObject *
get_object (JsonObject  *o,
            const char  *path,
            const char  *member,
            GError     **error)
{
  JsonNode *n = get_container (o, path, member, JSON_NODE_OBJECT, error);
  return n ? json_node_get_object (n) : NULL;
}

static JsonArray *
get_array (JsonObject  *o,
           const char  *path,
           const char  *member,
           GError     **error)
{
  JsonNode *n = get_container (o, path, member, JSON_NODE_ARRAY, error);
  return n ? json_node_get_array (n) : NULL;
}

static gboolean
parse_consent (TsScenario  *self,
               JsonObject  *o,
               const char  *path,
               GError     **error)
{
  g_autofree char *consent_path = g_strconcat (path, ".consent", NULL);
  GError *local = NULL;
  JsonObject *consent = get_object (o, path, "consent", &local);
  g_autoptr(GList) members = NULL;

  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (consent == NULL)
    return TRUE;
  members = json_object_get_members (consent);
  for (GList *m = members; m; m = m->next)
    {
      g_autofree char *text = NULL;
      guint i;

      for (i = 0; i < G_N_ELEMENTS (ts_scenario_channels); i++)
        if (strcmp (m->data, ts_scenario_channels[i]) == 0)
          break;
      if (i == G_N_ELEMENTS (ts_scenario_channels))
        return invalid (error, consent_path, m->data,
                        _("not a channel with consent: email, sms, phone, in_app or push"));
      if (!get_string (consent, consent_path, m->data, &text, error))
        return FALSE;
      if (text && strcmp (text, "unknown") != 0 &&
          (self->consent[i] = ts_consent_parse (text, strlen (text))) == TS_CONSENT_UNKNOWN)
        return invalid (error, consent_path, m->data, _("expected “granted”, “denied” or “unknown”"));
    }
  return TRUE;
}

static gboolean
parse_touches (TsScenario  *self,
               JsonObject  *o,
               const char  *path,
               GError     **error)
{
  GError *local = NULL;
  JsonArray *touches = get_array (o, path, "touches", &local);

  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  for (guint i = 0; touches && i < json_array_get_length (touches); i++)
    {
      g_autofree char *touch_path = g_strdup_printf ("%s.touches[%u]", path, i);
      JsonNode *n = json_array_get_element (touches, i);
      JsonObject *t;
      g_autofree char *channel = NULL;
      double days = 0;
      JsonNode *tr;

      if (i == MAX_TOUCHES)
        return invalid (error, touch_path, NULL, _("a moment of more than 200 touches"));
      if (!JSON_NODE_HOLDS_OBJECT (n))
        return invalid (error, touch_path, NULL, _("expected an object"));
      t = json_node_get_object (n);
      if (!get_string (t, touch_path, "channel", &channel, error) ||
          !get_number (t, touch_path, "days_ago", 0, MAX_DAYS, &days, error))
        return FALSE;
      if (channel == NULL || *channel == '\0')
        return invalid (error, touch_path, "channel", _("a touch needs its channel"));
      tr = json_object_get_member (t, "transactional");
      if (tr && !(JSON_NODE_HOLDS_VALUE (tr) && json_node_get_value_type (tr) == G_TYPE_BOOLEAN))
        return invalid (error, touch_path, "transactional", _("expected true or false"));
      ts_scenario_add_touch (self, channel, days, tr && json_node_get_boolean (tr));
    }
  return TRUE;
}

static gboolean
parse_lists_and_signals (TsScenario  *self,
                         JsonObject  *o,
                         const char  *path,
                         GError     **error)
{
  GError *local = NULL;
  JsonArray *lists = get_array (o, path, "lists", &local);
  JsonObject *signals = local ? NULL : get_object (o, path, "signals", &local);
  g_autoptr(GList) members = NULL;

  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  for (guint i = 0; lists && i < json_array_get_length (lists); i++)
    {
      JsonNode *n = json_array_get_element (lists, i);

      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        {
          g_autofree char *list_path = g_strdup_printf ("%s.lists[%u]", path, i);
          return invalid (error, list_path, NULL, _("expected the name of a list"));
        }
      ts_scenario_set_on_list (self, json_node_get_string (n), TRUE);
    }
  if (signals)
    {
      g_autofree char *signals_path = g_strconcat (path, ".signals", NULL);

      members = json_object_get_members (signals);
      for (GList *m = members; m; m = m->next)
        {
          JsonNode *n = json_object_get_member (signals, m->data);
          double raw = NAN;

          if (!JSON_NODE_HOLDS_NULL (n) &&
              !get_number (signals, signals_path, m->data, -1e15, 1e15, &raw, error))
            return FALSE;
          ts_scenario_set_signal (self, m->data, raw);
        }
    }
  return TRUE;
}

/**
 * ts_scenario_new_from_json:
 * @path: the node's JSON path, for errors ("$.scenarios[2]")
 *
 * Returns: (transfer full): the scenario, or %NULL with an error that names
 *   the JSON path of what is wrong
 */
TsScenario *
ts_scenario_new_from_json (JsonNode    *node,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(TsScenario) self = ts_scenario_new (NULL);
  g_autofree char *as_of = NULL;
  JsonObject *o, *sub;
  GError *local = NULL;
  double survey = NAN;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, path, NULL, _("expected an object"));
      return NULL;
    }
  o = json_node_get_object (node);
  if (!get_string (o, path, "name", &self->name, error) ||
      !get_string (o, path, "customer_id", &self->customer_id, error) ||
      !get_string (o, path, "as_of", &as_of, error) ||
      !get_string (o, path, "stage", &self->stage, error) ||
      !get_string (o, path, "timezone", &self->timezone, error))
    return NULL;
  if (self->name == NULL || *self->name == '\0')
    {
      invalid (error, path, "name", _("a scenario needs a name"));
      return NULL;
    }
  if (as_of && !ts_timestamp_parse (as_of, strlen (as_of), TS_TIME_FORMAT_ISO8601, NULL, &self->as_of))
    {
      invalid (error, path, "as_of", _("not a date or time such as 2025-06-30T14:00Z"));
      return NULL;
    }
  if (self->timezone && *self->timezone)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (self->timezone);
      if (zone == NULL)
        {
          invalid (error, path, "timezone", _("not a time zone such as Europe/Berlin"));
          return NULL;
        }
    }
  self->days_since_signup = -1;
  if (!get_days (o, path, "days_since_signup", &self->days_since_signup, error) ||
      !get_days (o, path, "days_since_renewal", &self->days_since_renewal, error) ||
      !get_days (o, path, "days_since_complaint", &self->days_since_complaint, error) ||
      !parse_consent (self, o, path, error))
    return NULL;

  if ((sub = get_object (o, path, "open_case", &local)) != NULL)
    {
      g_autofree char *case_path = g_strconcat (path, ".open_case", NULL);
      self->open_case = TRUE;
      if (!get_string (sub, case_path, "priority", &self->case_priority, error))
        return NULL;
    }
  if (local == NULL && (sub = get_object (o, path, "survey", &local)) != NULL)
    {
      g_autofree char *survey_path = g_strconcat (path, ".survey", NULL);
      if (!get_number (sub, survey_path, "score", 0, 10, &survey, error) ||
          !get_days (sub, survey_path, "days_ago", &self->days_since_survey, error))
        return NULL;
      if (isnan (survey) || self->days_since_survey < 0)
        {
          invalid (error, survey_path, NULL, _("a survey answer needs its score and days_ago"));
          return NULL;
        }
      self->survey_score = survey;
    }
  if (local)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (!parse_touches (self, o, path, error) || !parse_lists_and_signals (self, o, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

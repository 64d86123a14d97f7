/* ts-decider.c — a decision per customer moment
 *
 * As of the scores' moment T, for one customer:
 *
 *  1. the route: the first whose `when` holds — and, for an expansion
 *     route, whose `readiness` holds too. Conditions see each signal's
 *     normalised value, `score`, `band`, `stage` and `customer.FIELD`.
 *  2. every guardrail's verdict on the touch that route would make, with
 *     its reason:
 *       frequency_cap  touches in [T - window, T) on the channel (or all),
 *                      transactional ones not counted
 *       consent        the customer said no to the channel
 *       suppression    the customer is on the list
 *       quiet_hours    T falls in the hours, in the customer's time zone
 *                      (UTC when unknown)
 *       no_pitch       only for expansion routes: an open case, N days after
 *                      a renewal, the first N days of onboarding, N days
 *                      after a complaint case or a detractor answer (≤ 6)
 *     A route that makes no touch passes every guardrail.
 *  3. held back when any guardrail blocks.
 *
 * The guardrails' verdicts on any touch (_ts_guardrails_check()) are the
 * journey simulation's too, which adds the touches it made to those the
 * frequency caps count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-decider"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ts-decider-private.h"

#define DAY ((TsTime) 86400 * G_USEC_PER_SEC)

void
ts_decision_free (TsDecision *decision)
{
  if (decision == NULL)
    return;
  for (guint i = 0; decision->verdicts && decision->verdicts[i].reason; i++)
    g_free (decision->verdicts[i].reason);
  g_free (decision->verdicts);
  g_free (decision);
}

/* The names a route's (or a journey's) conditions use: `score`, `band`,
 * each signal's normalised value, `stage` and `customer.FIELD` (a time
 * only once it has passed, in seconds since the epoch). */
gboolean
_ts_moment_resolve (const char  *name,
                    TsExprValue *out,
                    gpointer     user_data)
{
  const TsMoment *m = user_data;
  const char *field = NULL;
  int i, f;

  out->type = TS_VALUE_NULL;
  if (strcmp (name, "score") == 0)
    {
      if (m->scores == NULL)
        return FALSE;
      *out = (TsExprValue) { TS_VALUE_NUMBER, ts_scores_get_score (m->scores, m->customer), NULL };
      return TRUE;
    }
  if (strcmp (name, "band") == 0)
    {
      if (m->scores == NULL)
        return FALSE;
      *out = (TsExprValue) { TS_VALUE_STRING, 0, ts_scores_get_band (m->scores, m->customer)->id };
      return TRUE;
    }
  if ((i = ts_playbook_find_signal (m->playbook, name)) >= 0)
    {
      if (m->scores == NULL)
        return FALSE;
      *out = (TsExprValue) { TS_VALUE_NUMBER, ts_scores_get_signal (m->scores, m->customer, i)->value, NULL };
      return TRUE;
    }
  if (strcmp (name, "stage") == 0)
    field = "stage";
  else if (g_str_has_prefix (name, "customer."))
    field = name + strlen ("customer.");
  if (field == NULL || (f = ts_table_find_field (TS_TABLE_CUSTOMERS, field)) < 0)
    return FALSE;

  switch (ts_table_get_field (TS_TABLE_CUSTOMERS, f)->type)
    {
    case TS_FIELD_TYPE_STRING:
      {
        guint32 id = ((const guint32 *) ts_dataset_get_column (m->dataset, TS_TABLE_CUSTOMERS, f))[m->customer];
        if (id != TS_STR_NULL)
          *out = (TsExprValue) { TS_VALUE_STRING, 0, ts_dataset_get_string (m->dataset, id) };
      }
      break;
    case TS_FIELD_TYPE_NUMBER:
      {
        double v = ((const double *) ts_dataset_get_column (m->dataset, TS_TABLE_CUSTOMERS, f))[m->customer];
        if (!isnan (v))
          *out = (TsExprValue) { TS_VALUE_NUMBER, v, NULL };
      }
      break;
    case TS_FIELD_TYPE_TIME:
      {
        TsTime t = ((const TsTime *) ts_dataset_get_column (m->dataset, TS_TABLE_CUSTOMERS, f))[m->customer];
        if (t != TS_TIME_NULL && t < m->as_of)
          *out = (TsExprValue) { TS_VALUE_NUMBER, (double) t / G_USEC_PER_SEC, NULL };
      }
      break;
    case TS_FIELD_TYPE_CONSENT:
      {
        guint8 v = ((const guint8 *) ts_dataset_get_column (m->dataset, TS_TABLE_CUSTOMERS, f))[m->customer];
        if (v != TS_CONSENT_UNKNOWN)
          *out = (TsExprValue) { TS_VALUE_STRING, 0, ts_consent_to_string (v) };
      }
      break;
    default:
      break;
    }
  return TRUE;
}

static gboolean
holds (const TsExpr *e,
       TsMoment     *m,
       const char   *path,
       GError      **error)
{
  gboolean result = FALSE;

  if (e == NULL)
    return TRUE;
  if (!ts_expr_eval_bool (e, _ts_moment_resolve, m, &result, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return result;
}

/* ------------------------------------------------------------------ */
/* Guardrails                                                          */
/* ------------------------------------------------------------------ */

static const char *const consent_channels[] = { "email", "sms", "phone", "in_app", "push" };

/* whole days in a span of time */
static guint
days_in (TsTime t)
{
  return (guint) (t / DAY);
}

static const char *
text_or_empty (TsDataset *ds,
               guint32    id)
{
  const char *s = ts_dataset_get_string (ds, id);
  return s ? s : "";
}

static void
frequency_cap (const TsMoment     *m,
               const TsGuardrail  *g,
               const char         *channel,
               const TsExtraTouch *extra,
               guint               n_extra,
               TsVerdict          *v)
{
  const TsTouches *t = ts_dataset_get_touches (m->dataset);
  TsTime as_of = m->as_of;
  TsTime from = as_of - g->window * G_USEC_PER_SEC;
  guint window = days_in (g->window * G_USEC_PER_SEC);
  guint n = 0;

  if (g->channel && g_ascii_strcasecmp (g->channel, channel) != 0)
    {
      v->reason = g_strdup_printf (_("caps %s touches; this one is by %s"), g->channel, channel);
      return;
    }
  for (guint r = t->by_customer[m->customer]; r < t->by_customer[m->customer + 1]; r++)
    {
      const char *kind = ts_dataset_get_string (m->dataset, t->kind[r]);

      if (t->at[r] == TS_TIME_NULL || t->at[r] < from || t->at[r] >= as_of)
        continue;
      if (kind && g_ascii_strcasecmp (kind, "transactional") == 0)
        continue;
      if (g->channel && g_ascii_strcasecmp (text_or_empty (m->dataset, t->channel[r]), g->channel) != 0)
        continue;
      n++;
    }
  /* a touch made at this very moment (another journey's, the same day at
   * the same hour) was made first: it counts */
  for (guint i = 0; i < n_extra; i++)
    if (extra[i].at >= from && extra[i].at <= as_of &&
        (g->channel == NULL || g_ascii_strcasecmp (extra[i].channel, g->channel) == 0))
      n++;
  v->blocks = n >= g->max;
  if (g->channel)
    v->reason = g_strdup_printf (_("%u %s touches in the last %u days, cap %u"), n, g->channel, window, g->max);
  else
    v->reason = g_strdup_printf (_("%u touches in the last %u days, cap %u"), n, window, g->max);
}

static void
consent (const TsMoment *m,
         const char     *channel,
         TsVerdict      *v)
{
  const TsCustomers *c = ts_dataset_get_customers (m->dataset);

  for (guint i = 0; i < G_N_ELEMENTS (consent_channels); i++)
    {
      if (g_ascii_strcasecmp (channel, consent_channels[i]) != 0)
        continue;
      switch (c->consent[i][m->customer])
        {
        case TS_CONSENT_DENIED:
          v->blocks = TRUE;
          v->reason = g_strdup_printf (_("said no to %s"), channel);
          return;
        case TS_CONSENT_GRANTED:
          v->reason = g_strdup_printf (_("said yes to %s"), channel);
          return;
        default:
          v->reason = g_strdup_printf (_("has not said no to %s"), channel);
          return;
        }
    }
  v->reason = g_strdup_printf (_("%s needs no consent of its own"), channel);
}

static void
suppression (const TsMoment    *m,
             const TsGuardrail *g,
             TsVerdict         *v)
{
  const TsLists *l = ts_dataset_get_lists (m->dataset);

  for (guint r = l->by_customer[m->customer]; r < l->by_customer[m->customer + 1]; r++)
    if (g_strcmp0 (ts_dataset_get_string (m->dataset, l->list[r]), g->list) == 0)
      {
        v->blocks = TRUE;
        v->reason = g_strdup_printf (_("on the list “%s”"), g->list);
        return;
      }
  v->reason = g_strdup_printf (_("not on the list “%s”"), g->list);
}

static void
quiet_hours (const TsMoment    *m,
             const TsGuardrail *g,
             TsVerdict         *v)
{
  const TsCustomers *c = ts_dataset_get_customers (m->dataset);
  const char *zone_name = ts_dataset_get_string (m->dataset, c->timezone[m->customer]);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  guint minute;
  gboolean inside;

  if (zone_name && *zone_name)
    zone = g_time_zone_new_identifier (zone_name);
  if (zone == NULL)
    {
      zone = g_time_zone_new_utc ();
      zone_name = "UTC";
    }
  utc = g_date_time_new_from_unix_utc (m->as_of / G_USEC_PER_SEC);
  local = g_date_time_to_timezone (utc, zone);
  minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  if (g->start_minute <= g->end_minute)
    inside = minute >= g->start_minute && minute < g->end_minute;
  else
    inside = minute >= g->start_minute || minute < g->end_minute;
  v->blocks = inside;
  v->reason = g_strdup_printf (inside ? _("%02u:%02u in %s is within quiet hours")
                                      : _("%02u:%02u in %s is outside quiet hours"),
                               minute / 60, minute % 60, zone_name);
}

static void
no_pitch (const TsMoment    *m,
          const TsGuardrail *g,
          gboolean           pitch,
          TsVerdict         *v)
{
  TsTime as_of = m->as_of;
  TsTime from = as_of - (TsTime) g->days * DAY;
  const TsCustomers *c = ts_dataset_get_customers (m->dataset);
  const TsCases *k = ts_dataset_get_cases (m->dataset);
  const TsResponses *resp = ts_dataset_get_responses (m->dataset);
  TsTime t;

  if (!pitch)
    {
      v->reason = g_strdup (_("not a pitch"));
      return;
    }
  switch (g->no_pitch)
    {
    case TS_NO_PITCH_OPEN_CASE:
      for (guint r = k->by_customer[m->customer]; r < k->by_customer[m->customer + 1]; r++)
        if (k->opened_at[r] != TS_TIME_NULL && k->opened_at[r] < as_of &&
            (k->closed_at[r] == TS_TIME_NULL || k->closed_at[r] >= as_of))
          {
            v->blocks = TRUE;
            v->reason = g_strdup_printf (_("case %s is open"), text_or_empty (m->dataset, k->case_id[r]));
            return;
          }
      v->reason = g_strdup (_("no open case"));
      return;
    case TS_NO_PITCH_AFTER_RENEWAL:
      t = c->renewal_at[m->customer];
      v->blocks = t != TS_TIME_NULL && t >= from && t < as_of;
      v->reason = v->blocks ? g_strdup_printf (_("renewed %u days ago"), days_in (as_of - t))
                            : g_strdup_printf (_("no renewal in the last %u days"), g->days);
      return;
    case TS_NO_PITCH_ONBOARDING:
      t = c->onboarding_started_at[m->customer] != TS_TIME_NULL ? c->onboarding_started_at[m->customer]
                                                                 : c->created_at[m->customer];
      v->blocks = t != TS_TIME_NULL && t >= from && t < as_of;
      v->reason = v->blocks ? g_strdup_printf (_("started %u days ago, still in the first %u"), days_in (as_of - t), g->days)
                            : g_strdup_printf (_("past the first %u days"), g->days);
      return;
    case TS_NO_PITCH_AFTER_COMPLAINT:
      for (guint r = k->by_customer[m->customer]; r < k->by_customer[m->customer + 1]; r++)
        {
          const char *category = ts_dataset_get_string (m->dataset, k->category[r]);

          if (k->opened_at[r] != TS_TIME_NULL && k->opened_at[r] >= from && k->opened_at[r] < as_of &&
              category && g_ascii_strcasecmp (category, "complaint") == 0)
            {
              v->blocks = TRUE;
              v->reason = g_strdup_printf (_("complained %u days ago"), days_in (as_of - k->opened_at[r]));
              return;
            }
        }
      v->reason = g_strdup_printf (_("no complaint in the last %u days"), g->days);
      return;
    case TS_NO_PITCH_AFTER_DETRACTOR:
      for (guint r = resp->by_customer[m->customer]; r < resp->by_customer[m->customer + 1]; r++)
        if (resp->at[r] != TS_TIME_NULL && resp->at[r] >= from && resp->at[r] < as_of &&
            !isnan (resp->score[r]) && resp->score[r] <= 6)
          {
            v->blocks = TRUE;
            v->reason = g_strdup_printf (_("answered %.0f in a survey %u days ago"), resp->score[r],
                                         days_in (as_of - resp->at[r]));
            return;
          }
      v->reason = g_strdup_printf (_("no detractor answer in the last %u days"), g->days);
      return;
    default:
      g_assert_not_reached ();
    }
}

/*
 * Every guardrail's verdict on a touch by @channel at the moment, into
 * @verdicts (one per guardrail, their reasons newly allocated), counting
 * the @extra touches beside those of the data.  Returns whether any
 * guardrail holds the touch back.
 */
gboolean
_ts_guardrails_check (const TsMoment     *m,
                      const char         *channel,
                      gboolean            pitch,
                      const TsExtraTouch *extra,
                      guint               n_extra,
                      TsVerdict          *verdicts)
{
  gboolean held_back = FALSE;

  for (guint i = 0; i < ts_playbook_get_n_guardrails (m->playbook); i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (m->playbook, i);
      TsVerdict *v = &verdicts[i];

      switch (g->kind)
        {
        case TS_GUARDRAIL_FREQUENCY_CAP: frequency_cap (m, g, channel, extra, n_extra, v); break;
        case TS_GUARDRAIL_CONSENT: consent (m, channel, v); break;
        case TS_GUARDRAIL_SUPPRESSION: suppression (m, g, v); break;
        case TS_GUARDRAIL_QUIET_HOURS: quiet_hours (m, g, v); break;
        case TS_GUARDRAIL_NO_PITCH: no_pitch (m, g, pitch, v); break;
        default: g_assert_not_reached ();
        }
      held_back |= v->blocks;
    }
  return held_back;
}

/**
 * ts_decide:
 *
 * The decision for @customer at the moment @scores were made for.
 *
 * Returns: (transfer full): the decision, or %NULL when a condition cannot
 *   be evaluated (the error names its JSON path)
 */
TsDecision *
ts_decide (TsScores *scores,
           guint     customer,
           GError  **error)
{
  TsPlaybook *pb = ts_scores_get_playbook (scores);
  TsMoment m = { pb, ts_scores_get_dataset (scores), scores, customer, ts_scores_get_as_of (scores) };
  g_autoptr(TsDecision) d = g_new0 (TsDecision, 1);
  const TsRoute *route = NULL;
  guint n = ts_playbook_get_n_guardrails (pb);

  g_return_val_if_fail (customer < ts_scores_get_n_customers (scores), NULL);

  d->verdicts = g_new0 (TsVerdict, n + 1);   /* ends with a NULL reason */
  d->route = -1;
  for (guint i = 0; i < ts_playbook_get_n_routes (pb); i++)
    {
      const TsRoute *r = ts_playbook_get_route (pb, i);
      g_autofree char *when_path = g_strdup_printf ("$.routes[%u].when", i);
      g_autofree char *ready_path = g_strdup_printf ("$.routes[%u].readiness", i);
      g_autoptr(GError) local = NULL;

      if (!holds (r->when, &m, when_path, &local))
        {
          if (local)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          continue;
        }
      if (!holds (r->readiness, &m, ready_path, &local))
        {
          if (local)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          continue;
        }
      d->route = i;
      route = r;
      break;
    }
  /* the playbook's last route has no condition, so one always holds */
  if (route == NULL)
    {
      g_set_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID,
                   "$.routes: %s", _("no route holds for this moment"));
      return NULL;
    }
  d->pitch = route->readiness != NULL;

  if (route->to == TS_ROUTE_NO_TOUCH)
    {
      for (guint i = 0; i < n; i++)
        d->verdicts[i].reason = g_strdup (_("no touch to hold back"));
    }
  else
    d->held_back = _ts_guardrails_check (&m, route->channel, d->pitch, NULL, 0, d->verdicts);
  return g_steal_pointer (&d);
}

TsDecisionCounts *
ts_decision_counts_new (TsPlaybook *playbook)
{
  TsDecisionCounts *counts = g_new0 (TsDecisionCounts, 1);

  counts->routed = g_new0 (guint, ts_playbook_get_n_routes (playbook));
  counts->held = g_new0 (guint, ts_playbook_get_n_routes (playbook));
  counts->blocked = g_new0 (guint, MAX (ts_playbook_get_n_guardrails (playbook), 1));
  return counts;
}

/**
 * ts_decision_counts_add:
 *
 * Counts @decision, one made with @playbook, into @counts.
 */
void
ts_decision_counts_add (TsDecisionCounts *counts,
                        TsPlaybook       *playbook,
                        const TsDecision *decision)
{
  const TsRoute *route = ts_playbook_get_route (playbook, decision->route);

  counts->routed[decision->route]++;
  for (guint i = 0; i < ts_playbook_get_n_guardrails (playbook); i++)
    counts->blocked[i] += decision->verdicts[i].blocks;
  if (decision->held_back)
    {
      counts->held[decision->route]++;
      counts->n_held++;
    }
  else if (route->to != TS_ROUTE_NO_TOUCH)
    {
      counts->touched++;
      counts->sla_hours += route->sla_hours;
    }
}

void
ts_decision_counts_free (TsDecisionCounts *counts)
{
  if (counts == NULL)
    return;
  g_free (counts->routed);
  g_free (counts->held);
  g_free (counts->blocked);
  g_free (counts);
}

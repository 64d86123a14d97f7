/* ts-outcomes.c — closed-loop outcomes by band and by route
 *
 * As of T, every customer is scored and decided by the playbook with what
 * happened before T (the scorer and the decider see nothing at or after
 * it); outcomes are read only from the window [T, T + window):
 *
 *   NPS         answers of kind "nps" (0–10): % promoters (9–10) minus %
 *               detractors (0–6), with its 95% interval (ts_stats_nps)
 *   CSAT        answers of kind "csat" (1–5): the mean, and % satisfied (4–5)
 *   churn       of the customers not churned before T, those whose
 *               churned_at falls in the window or who have a churn event
 *               (outcomes.churn_events) in it; retention is 1 − churn
 *   TTR         hours from opened to closed of the cases closed in the
 *               window: median and 90th percentile
 *   deflection  self-service resolutions / (resolutions + cases opened):
 *               a self-service event (outcomes.self_service_events) is an
 *               attempt, one per customer per self_service_days (reads in
 *               the days after a counted one are the same attempt); it
 *               resolves when the customer opens no case within
 *               self_service_days of it (and in the window)
 *   onboarding  of the customers in onboarding at T (stage "onboarding", or
 *               onboarding started — else created — in the onboarding_days
 *               before T; not completed before T), those with a completion
 *               event (outcomes.onboarding_events, or an event that passes
 *               outcomes.onboarding_filter: the onboarding course) in the
 *               window
 *   complaints  customers with a case of a complaint category opened in the
 *               window, over the group's customers
 *   unsubscribe customers with an unsubscribe event in the window, likewise
 *   touches     touches made in the window, per customer of the group
 *
 * Groups: all customers, each band, each route (the route the playbook
 * decides at T, held back or not), and with a holdout the customers the
 * playbook would touch split into treated and held out (ts_stats_is_held_out
 * of the customer id with the playbook's salt).
 *
 * Governance:
 *   false positive  touched (not transactional) in the window, then a
 *                   complaint case, an unsubscribe or a detractor answer
 *                   within false_positive_days of a touch
 *   false negative  high need at T (a band of high_need_bands, or a score
 *                   of high_need_score or more), not helped (the route is
 *                   not human, self_serve or specialist, or it is held
 *                   back), then churned, an escalated case, or a detractor
 *                   answer in the window
 *
 * One pass over each customer's slice of each table: linear in the data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-outcomes"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ts-outcomes.h"
#include "ts-record-private.h"

#define DAY  ((TsTime) 86400 * G_USEC_PER_SEC)
#define HOUR ((TsTime) 3600 * G_USEC_PER_SEC)
#define Z95  1.959963984540054
#define BOOTSTRAP_RESAMPLES 1000
#define BOOTSTRAP_SEED      20250101u

/* per customer: held back by a guardrail, held out of the playbook */
enum { HELD_BACK = 1, HELD_OUT = 2 };

/* what a string of the dataset is to the outcome rules */
enum
{
  NAME_KNOWN        = 1 << 0,
  NAME_UNSUBSCRIBE  = 1 << 1,
  NAME_CHURN        = 1 << 2,
  NAME_ONBOARDED    = 1 << 3,
  NAME_SELF_SERVICE = 1 << 4,
  NAME_COMPLAINT    = 1 << 5,
  NAME_NPS          = 1 << 6,
  NAME_CSAT         = 1 << 7,
};

typedef struct
{
  guint   customers, promoters, passives, detractors;
  guint   csat_n, csat_satisfied;
  double  csat_sum, csat_sumsq;
  guint   active, churned;
  GArray *ttr;                      /* double hours */
  guint   resolutions, cases_opened;
  guint   onboarding_n, onboarding_completed;
  guint   complained, unsubscribed, touches;
} Acc;

struct _TsOutcomes
{
  gatomicrefcount  ref_count;
  TsScores        *scores;
  TsTime           as_of, end;
  guint            window_days;
  guint            n_customers;
  guint            n_bands, n_routes, n_groups;
  gboolean         holdout;
  gint32          *route;           /* per customer */
  guint8          *flags;           /* per customer */
  TsOutcomeGroup  *groups;          /* all, bands, routes, treated, held out */
  Acc             *acc;
  guint          **members;
  guint           *n_members;
  GArray          *false_positives; /* TsGovernanceItem */
  GArray          *false_negatives;
  GArray          *calibration;     /* TsCalibration */
};

G_DEFINE_BOXED_TYPE (TsOutcomes, ts_outcomes, ts_outcomes_ref, ts_outcomes_unref)

static void
governance_item_clear (gpointer data)
{
  g_free (((TsGovernanceItem *) data)->reason);
}

static void
calibration_clear (gpointer data)
{
  g_free (((TsCalibration *) data)->note);
}

TsOutcomes *
ts_outcomes_ref (TsOutcomes *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_outcomes_unref (TsOutcomes *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint g = 0; g < self->n_groups; g++)
    {
      g_clear_pointer (&self->acc[g].ttr, g_array_unref);
      g_free (self->members[g]);
    }
  g_free (self->acc);
  g_free (self->members);
  g_free (self->n_members);
  g_free (self->groups);
  g_free (self->route);
  g_free (self->flags);
  g_clear_pointer (&self->false_positives, g_array_unref);
  g_clear_pointer (&self->false_negatives, g_array_unref);
  g_clear_pointer (&self->calibration, g_array_unref);
  ts_scores_unref (self->scores);
  g_free (self);
}

const char *
ts_outcome_group_kind_to_string (TsOutcomeGroupKind kind)
{
  static const char *const names[] = { "all", "band", "route", "holdout" };

  g_return_val_if_fail (kind <= TS_OUTCOME_GROUP_HOLDOUT, NULL);
  return names[kind];
}

static int
group_index (TsOutcomes         *self,
             TsOutcomeGroupKind  kind,
             guint               i)
{
  switch (kind)
    {
    case TS_OUTCOME_GROUP_ALL:
      return i == 0 ? 0 : -1;
    case TS_OUTCOME_GROUP_BAND:
      return i < self->n_bands ? (int) (1 + i) : -1;
    case TS_OUTCOME_GROUP_ROUTE:
      return i < self->n_routes ? (int) (1 + self->n_bands + i) : -1;
    case TS_OUTCOME_GROUP_HOLDOUT:
      return self->holdout && i < 2 ? (int) (1 + self->n_bands + self->n_routes + i) : -1;
    default:
      return -1;
    }
}

/* ------------------------------------------------------------------ */
/* Words                                                               */
/* ------------------------------------------------------------------ */

/* "2 days", "5 hours", "under an hour" */
static char *
format_span (TsTime span)
{
  if (span >= DAY)
    {
      guint d = (guint) (span / DAY);
      return g_strdup_printf (ngettext ("%u day", "%u days", d), d);
    }
  if (span >= HOUR)
    {
      guint h = (guint) (span / HOUR);
      return g_strdup_printf (ngettext ("%u hour", "%u hours", h), h);
    }
  return g_strdup (_("under an hour"));
}

static const char *
str (TsDataset *ds,
     guint32    id)
{
  const char *s = ts_dataset_get_string (ds, id);
  return s ? s : "";
}

/* ------------------------------------------------------------------ */
/* One customer                                                        */
/* ------------------------------------------------------------------ */

typedef struct
{
  TsOutcomes           *self;
  TsDataset            *ds;
  const TsOutcomeRules *rules;
  guint8               *names;      /* per string id: NAME_* */
  GArray               *ttr;        /* scratch: this customer's hours */
  GArray               *self_service; /* scratch: TsTime */
  TsRecordFilter        onboarding;   /* outcomes.onboarding_filter */
  TsRecord              record;       /* of the events, for it */
} Pass;

static guint8
name_flags (Pass    *pass,
            guint32  id)
{
  guint8 *f = &pass->names[id];
  const char *s;

  if (*f & NAME_KNOWN)
    return *f;
  s = ts_dataset_get_string (pass->ds, id);
  *f = NAME_KNOWN;
  if (s == NULL)
    return *f;
  if (ts_outcome_rules_has (pass->rules->unsubscribe_events, s))
    *f |= NAME_UNSUBSCRIBE;
  if (ts_outcome_rules_has (pass->rules->churn_events, s))
    *f |= NAME_CHURN;
  if (ts_outcome_rules_has (pass->rules->onboarding_events, s))
    *f |= NAME_ONBOARDED;
  if (ts_outcome_rules_has (pass->rules->self_service_events, s))
    *f |= NAME_SELF_SERVICE;
  if (ts_outcome_rules_has (pass->rules->complaint_categories, s))
    *f |= NAME_COMPLAINT;
  if (g_ascii_strcasecmp (s, "nps") == 0)
    *f |= NAME_NPS;
  if (g_ascii_strcasecmp (s, "csat") == 0)
    *f |= NAME_CSAT;
  return *f;
}

typedef struct
{
  TsTime  at;
  TsHarm  harm;
  double  score;      /* detractor: the answer */
  guint32 case_id;    /* complaint, escalation: the case */
} Harm;

static int
by_time (gconstpointer a,
         gconstpointer b)
{
  const Harm *x = a, *y = b;
  return (x->at > y->at) - (x->at < y->at);
}

static void
append_harm_words (GString    *s,
                   TsDataset  *ds,
                   const Harm *h)
{
  switch (h->harm)
    {
    case TS_HARM_UNSUBSCRIBE:
      g_string_append (s, _("unsubscribed"));
      break;
    case TS_HARM_COMPLAINT:
      g_string_append_printf (s, _("complained (case %s)"), str (ds, h->case_id));
      break;
    case TS_HARM_DETRACTOR:
      g_string_append_printf (s, _("answered %.0f in an NPS survey"), h->score);
      break;
    case TS_HARM_CHURN:
      g_string_append (s, _("churned"));
      break;
    case TS_HARM_ESCALATION:
      g_string_append_printf (s, _("had an escalated case (%s)"), str (ds, h->case_id));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* touched, then harmed within the days after a touch */
static void
find_false_positive (Pass   *pass,
                     guint   c,
                     GArray *harms)
{
  TsOutcomes *self = pass->self;
  TsDataset *ds = pass->ds;
  const TsTouches *t = ts_dataset_get_touches (ds);
  TsTime span = (TsTime) pass->rules->false_positive_days * DAY;
  guint lo = ts_time_lower_bound (t->at, t->by_customer[c], t->by_customer[c + 1], self->as_of);
  guint hi = ts_time_lower_bound (t->at, lo, t->by_customer[c + 1], self->end);
  g_autoptr(GString) reason = NULL;
  TsGovernanceItem item = { c, TS_TIME_NULL, 0, 0, NULL };
  TsTime last = TS_TIME_NULL;
  guint32 channel = TS_STR_NULL;
  gboolean one_channel = TRUE;

  if (lo == hi || harms->len == 0)
    return;
  for (guint i = 0; i < harms->len; i++)
    {
      const Harm *h = &g_array_index (harms, Harm, i);
      TsTime latest = TS_TIME_NULL;
      guint n = 0;

      if (h->harm != TS_HARM_COMPLAINT && h->harm != TS_HARM_UNSUBSCRIBE && h->harm != TS_HARM_DETRACTOR)
        continue;
      for (guint r = lo; r < hi && t->at[r] < h->at; r++)
        {
          const char *kind = ts_dataset_get_string (ds, t->kind[r]);

          if (t->at[r] < h->at - span || (kind && g_ascii_strcasecmp (kind, "transactional") == 0))
            continue;
          if (item.at == TS_TIME_NULL)
            {
              if (n == 0)
                channel = t->channel[r];
              else if (t->channel[r] != channel)
                one_channel = FALSE;
            }
          n++;
          latest = t->at[r];
        }
      if (n == 0)
        continue;
      if (item.at == TS_TIME_NULL)
        {
          g_autofree char *days = NULL;

          item.at = h->at;
          item.touches = n;
          last = latest;
          reason = g_string_new (NULL);
          days = g_strdup_printf (ngettext ("%u day", "%u days", pass->rules->false_positive_days),
                                  pass->rules->false_positive_days);
          if (one_channel && channel != TS_STR_NULL)
            /* Translators: "5 email touches in 14 days, then …" */
            g_string_append_printf (reason, ngettext ("%u %s touch in %s, then ", "%u %s touches in %s, then ", n),
                                    n, str (ds, channel), days);
          else
            g_string_append_printf (reason, ngettext ("%u touch in %s, then ", "%u touches in %s, then ", n), n, days);
        }
      else if (item.harms & h->harm)
        continue;
      else
        g_string_append (reason, "; ");
      item.harms |= h->harm;
      append_harm_words (reason, ds, h);
      {
        g_autofree char *after = format_span (h->at - (h->at == item.at ? last : latest));
        /* Translators: "… unsubscribed 2 days after the last" */
        g_string_append_printf (reason, _(" %s after the last"), after);
      }
    }
  if (item.at == TS_TIME_NULL)
    return;
  item.reason = g_string_free (g_steal_pointer (&reason), FALSE);
  g_array_append_val (self->false_positives, item);
}

/* high need, no help, then harm */
static void
find_false_negative (Pass   *pass,
                     guint   c,
                     GArray *harms)
{
  TsOutcomes *self = pass->self;
  TsScores *scores = self->scores;
  TsPlaybook *pb = ts_scores_get_playbook (scores);
  const TsOutcomeRules *rules = pass->rules;
  const TsBand *band = ts_scores_get_band (scores, c);
  double score = ts_scores_get_score (scores, c);
  const TsRoute *route = ts_playbook_get_route (pb, self->route[c]);
  gboolean helps = route->to == TS_ROUTE_HUMAN || route->to == TS_ROUTE_SELF_SERVE || route->to == TS_ROUTE_SPECIALIST;
  TsGovernanceItem item = { c, TS_TIME_NULL, 0, 0, NULL };
  g_autoptr(GString) reason = NULL;
  g_autofree char *why = NULL;

  if (!ts_outcome_rules_has (rules->high_need_bands, band->id) &&
      !(!isnan (rules->high_need_score) && score >= rules->high_need_score))
    return;
  if (helps && !(self->flags[c] & (HELD_BACK | HELD_OUT)))
    return;
  for (guint i = 0; i < harms->len; i++)
    {
      const Harm *h = &g_array_index (harms, Harm, i);

      if (h->harm != TS_HARM_CHURN && h->harm != TS_HARM_ESCALATION && h->harm != TS_HARM_DETRACTOR)
        continue;
      if (item.at == TS_TIME_NULL)
        {
          why = ts_scores_explain_signal (scores, c, ts_scores_get_top_signal (scores, c));
          item.at = h->at;
          reason = g_string_new (NULL);
          /* Translators: "score 72 (urgent: an open high-priority support case); " */
          g_string_append_printf (reason, _("score %.0f (%s: %s); "), score, band->id, why);
          if (!helps)
            g_string_append_printf (reason, _("routed to %s (%s), then "), route->id, ts_route_to_to_string (route->to));
          else if (self->flags[c] & HELD_OUT)
            g_string_append_printf (reason, _("routed to %s but in the holdout, then "), route->id);
          else
            g_string_append_printf (reason, _("routed to %s but held back by a guardrail, then "), route->id);
        }
      else if (item.harms & h->harm)
        continue;
      else
        g_string_append (reason, "; ");
      item.harms |= h->harm;
      append_harm_words (reason, pass->ds, h);
      {
        g_autofree char *after = format_span (h->at - self->as_of);
        /* Translators: "… churned 20 days after the moment decided" */
        g_string_append_printf (reason, _(" %s later"), after);
      }
    }
  if (item.at == TS_TIME_NULL)
    return;
  item.reason = g_string_free (g_steal_pointer (&reason), FALSE);
  g_array_append_val (self->false_negatives, item);
}

static void
acc_add (Acc        *to,
         const Acc  *one,
         GArray     *ttr)
{
  to->customers += one->customers;
  to->promoters += one->promoters;
  to->passives += one->passives;
  to->detractors += one->detractors;
  to->csat_n += one->csat_n;
  to->csat_satisfied += one->csat_satisfied;
  to->csat_sum += one->csat_sum;
  to->csat_sumsq += one->csat_sumsq;
  to->active += one->active;
  to->churned += one->churned;
  if (ttr->len)
    g_array_append_vals (to->ttr, ttr->data, ttr->len);
  to->resolutions += one->resolutions;
  to->cases_opened += one->cases_opened;
  to->onboarding_n += one->onboarding_n;
  to->onboarding_completed += one->onboarding_completed;
  to->complained += one->complained;
  to->unsubscribed += one->unsubscribed;
  to->touches += one->touches;
}

/* a completion of onboarding: by its name, or by the onboarding filter */
static gboolean
is_onboarding_completion (Pass     *pass,
                          guint     row,
                          guint8    flags,
                          gboolean *completes,
                          GError  **error)
{
  *completes = (flags & NAME_ONBOARDED) != 0;
  if (*completes || pass->onboarding.filter == NULL)
    return TRUE;
  if (_ts_record_filter_eval (&pass->onboarding, &pass->record, row, completes, error))
    return TRUE;
  g_prefix_error (error, "$.outcomes.onboarding_filter: ");
  return FALSE;
}

static gboolean
measure_customer (Pass    *pass,
                  guint    c,
                  Acc     *one,
                  GArray  *harms,
                  GError **error)
{
  TsOutcomes *self = pass->self;
  TsDataset *ds = pass->ds;
  const TsOutcomeRules *rules = pass->rules;
  const TsCustomers *cu = ts_dataset_get_customers (ds);
  const TsEvents *ev = ts_dataset_get_events (ds);
  const TsCases *ca = ts_dataset_get_cases (ds);
  const TsTouches *to = ts_dataset_get_touches (ds);
  const TsResponses *re = ts_dataset_get_responses (ds);
  TsTime T = self->as_of, E = self->end;
  TsTime self_span = (TsTime) rules->self_service_days * DAY;
  gboolean churned_before = cu->churned_at[c] != TS_TIME_NULL && cu->churned_at[c] < T;
  gboolean onboarded_before = FALSE, churned = FALSE, completed = FALSE, unsubscribed = FALSE, complained = FALSE;
  TsTime started;
  const char *stage;
  guint lo, hi;

  memset (one, 0, sizeof *one);
  g_array_set_size (pass->ttr, 0);
  g_array_set_size (pass->self_service, 0);
  g_array_set_size (harms, 0);
  one->customers = 1;

  /* events: everything before T for the states at T, then the window */
  for (guint r = ev->by_customer[c]; r < ev->by_customer[c + 1] && ev->at[r] < E; r++)
    {
      gboolean onboards;
      guint8 f;

      if (ev->at[r] == TS_TIME_NULL)
        continue;
      f = name_flags (pass, ev->name[r]);
      if (!is_onboarding_completion (pass, r, f, &onboards, error))
        return FALSE;
      if (ev->at[r] < T)
        {
          churned_before |= (f & NAME_CHURN) != 0;
          onboarded_before |= onboards;
          continue;
        }
      if ((f & NAME_UNSUBSCRIBE) && !unsubscribed)
        {
          Harm h = { ev->at[r], TS_HARM_UNSUBSCRIBE, NAN, TS_STR_NULL };
          unsubscribed = TRUE;
          g_array_append_val (harms, h);
        }
      if ((f & NAME_CHURN) && !churned)
        {
          Harm h = { ev->at[r], TS_HARM_CHURN, NAN, TS_STR_NULL };
          churned = TRUE;
          g_array_append_val (harms, h);
        }
      completed |= onboards;
      if ((f & NAME_SELF_SERVICE) &&
          (pass->self_service->len == 0 ||
           ev->at[r] >= g_array_index (pass->self_service, TsTime, pass->self_service->len - 1) + self_span))
        g_array_append_val (pass->self_service, ev->at[r]);
    }
  if (!churned && cu->churned_at[c] != TS_TIME_NULL && cu->churned_at[c] >= T && cu->churned_at[c] < E)
    {
      Harm h = { cu->churned_at[c], TS_HARM_CHURN, NAN, TS_STR_NULL };
      churned = TRUE;
      g_array_append_val (harms, h);
    }
  if (!churned_before)
    {
      one->active = 1;
      one->churned = churned;
    }

  /* onboarding at T */
  stage = ts_dataset_get_string (ds, cu->stage[c]);
  started = cu->onboarding_started_at[c] != TS_TIME_NULL ? cu->onboarding_started_at[c] : cu->created_at[c];
  if (!onboarded_before &&
      ((stage && g_ascii_strcasecmp (stage, "onboarding") == 0) ||
       (started != TS_TIME_NULL && started < T && started >= T - (TsTime) rules->onboarding_days * DAY)))
    {
      one->onboarding_n = 1;
      one->onboarding_completed = completed;
    }

  /* cases: opened in the window, closed in the window */
  for (guint r = ca->by_customer[c]; r < ca->by_customer[c + 1]; r++)
    {
      TsTime opened = ca->opened_at[r], closed = ca->closed_at[r];

      if (closed != TS_TIME_NULL && closed >= T && closed < E && opened != TS_TIME_NULL && closed >= opened)
        {
          double hours = (double) (closed - opened) / (double) HOUR;
          g_array_append_val (pass->ttr, hours);
        }
      if (opened == TS_TIME_NULL || opened < T || opened >= E)
        continue;
      one->cases_opened++;
      if (!complained && (name_flags (pass, ca->category[r]) & NAME_COMPLAINT))
        {
          Harm h = { opened, TS_HARM_COMPLAINT, NAN, ca->case_id[r] };
          complained = TRUE;
          g_array_append_val (harms, h);
        }
      if (ca->escalated[r] == 1)
        {
          Harm h = { opened, TS_HARM_ESCALATION, NAN, ca->case_id[r] };
          g_array_append_val (harms, h);
        }
    }
  one->complained = complained;
  one->unsubscribed = unsubscribed;

  /* self-service: resolved when no case follows within the days */
  for (guint i = 0; i < pass->self_service->len; i++)
    {
      TsTime at = g_array_index (pass->self_service, TsTime, i);
      TsTime until = MIN (at + self_span, E);
      gboolean followed = FALSE;

      for (guint r = ca->by_customer[c]; r < ca->by_customer[c + 1] && !followed; r++)
        followed = ca->opened_at[r] != TS_TIME_NULL && ca->opened_at[r] >= at && ca->opened_at[r] < until;
      one->resolutions += !followed;
    }

  /* answers */
  lo = ts_time_lower_bound (re->at, re->by_customer[c], re->by_customer[c + 1], T);
  hi = ts_time_lower_bound (re->at, lo, re->by_customer[c + 1], E);
  for (guint r = lo; r < hi; r++)
    {
      guint8 f = name_flags (pass, re->kind[r]);
      double s = re->score[r];

      if (isnan (s))
        continue;
      if ((f & NAME_NPS) && s >= 0 && s <= 10)
        {
          if (s >= 9)
            one->promoters++;
          else if (s >= 7)
            one->passives++;
          else
            {
              Harm h = { re->at[r], TS_HARM_DETRACTOR, s, TS_STR_NULL };
              one->detractors++;
              if (one->detractors == 1)
                g_array_append_val (harms, h);
            }
        }
      else if ((f & NAME_CSAT) && s >= 1 && s <= 5)
        {
          one->csat_n++;
          one->csat_sum += s;
          one->csat_sumsq += s * s;
          one->csat_satisfied += s >= 4;
        }
    }

  /* touches */
  lo = ts_time_lower_bound (to->at, to->by_customer[c], to->by_customer[c + 1], T);
  hi = ts_time_lower_bound (to->at, lo, to->by_customer[c + 1], E);
  one->touches = hi - lo;

  g_array_sort (harms, by_time);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The groups                                                          */
/* ------------------------------------------------------------------ */

static double
ratio (guint x,
       guint n)
{
  return n ? (double) x / n : NAN;
}

static void
finish_group (TsOutcomeGroup *g,
              Acc            *a)
{
  g_autofree double *ttr = g_memdup2 (a->ttr->data, MAX (a->ttr->len, 1) * sizeof (double));

  g->customers = a->customers;
  g->nps = ts_stats_nps (a->promoters, a->passives, a->detractors);
  g->promoters = a->promoters;
  g->passives = a->passives;
  g->detractors = a->detractors;
  g->csat_n = a->csat_n;
  g->csat_mean = a->csat_n ? a->csat_sum / a->csat_n : NAN;
  g->csat_satisfied_pct = a->csat_n ? 100.0 * a->csat_satisfied / a->csat_n : NAN;
  g->active = a->active;
  g->churned = a->churned;
  g->churn_rate = ratio (a->churned, a->active);
  g->retention_rate = a->active ? 1.0 - g->churn_rate : NAN;
  g->ttr_cases = a->ttr->len;
  g->ttr_median_hours = ts_stats_quantile (ttr, a->ttr->len, 0.5);
  g->ttr_p90_hours = ts_stats_quantile (ttr, a->ttr->len, 0.9);
  g->self_service_resolutions = a->resolutions;
  g->cases_opened = a->cases_opened;
  g->deflection_attempts = a->resolutions + a->cases_opened;
  g->deflection_rate = ratio (a->resolutions, g->deflection_attempts);
  g->onboarding_n = a->onboarding_n;
  g->onboarding_completed = a->onboarding_completed;
  g->onboarding_rate = ratio (a->onboarding_completed, a->onboarding_n);
  g->complained = a->complained;
  g->complaint_rate = ratio (a->complained, a->customers);
  g->unsubscribed = a->unsubscribed;
  g->unsubscribe_rate = ratio (a->unsubscribed, a->customers);
  g->touches = a->touches;
  g->touches_per_customer = ratio (a->touches, a->customers);
}

/* KPIs checked for calibration, with the way they should go as the bands
 * rise (the score is need: higher bands fare worse) */
static const struct
{
  const char *kpi;
  int         direction;
  gsize       offset;
} calibrated[] = {
  { "nps", -1, G_STRUCT_OFFSET (TsOutcomeGroup, nps.value) },
  { "csat_mean", -1, G_STRUCT_OFFSET (TsOutcomeGroup, csat_mean) },
  { "csat_satisfied_pct", -1, G_STRUCT_OFFSET (TsOutcomeGroup, csat_satisfied_pct) },
  { "churn_rate", 1, G_STRUCT_OFFSET (TsOutcomeGroup, churn_rate) },
  { "ttr_median_hours", 1, G_STRUCT_OFFSET (TsOutcomeGroup, ttr_median_hours) },
  { "complaint_rate", 1, G_STRUCT_OFFSET (TsOutcomeGroup, complaint_rate) },
  { "unsubscribe_rate", 1, G_STRUCT_OFFSET (TsOutcomeGroup, unsubscribe_rate) },
};

#define KPI(g, off) (*(const double *) ((const char *) (g) + (off)))

static void
calibrate (TsOutcomes *self)
{
  g_autofree double *values = g_new (double, MAX (self->n_bands, 1));

  for (guint k = 0; k < G_N_ELEMENTS (calibrated); k++)
    {
      TsCalibration cal = { calibrated[k].kpi, calibrated[k].direction, TRUE, 0, NULL };
      int brk;

      for (guint b = 0; b < self->n_bands; b++)
        {
          values[b] = KPI (ts_outcomes_get_band (self, b), calibrated[k].offset);
          cal.bands += !isnan (values[b]);
        }
      brk = ts_stats_monotone (values, self->n_bands, cal.direction);
      if (cal.bands < 2)
        /* Translators: a KPI that cannot be checked: "nps: measured in 1 band only" */
        cal.note = g_strdup_printf (ngettext ("%s: measured in %u band only", "%s: measured in %u bands only", cal.bands),
                                    cal.kpi, cal.bands);
      else if (brk >= 0)
        {
          int prev = brk - 1;

          while (isnan (values[prev]))
            prev--;
          cal.monotone = FALSE;
          /* Translators: "nps rises from attention (−5) to urgent (12)" */
          cal.note = g_strdup_printf (cal.direction < 0 ? _("%s rises from %s (%.3g) to %s (%.3g)")
                                                        : _("%s falls from %s (%.3g) to %s (%.3g)"),
                                      cal.kpi, ts_outcomes_get_band (self, prev)->label, values[prev],
                                      ts_outcomes_get_band (self, brk)->label, values[brk]);
        }
      g_array_append_val (self->calibration, cal);
    }
}

/**
 * ts_outcomes_compute:
 * @scores: every customer scored as of T
 * @window_days: the outcome window after T; 0: the playbook's
 *
 * Decides every customer at T and measures what happened after, by band,
 * by route and (with a holdout) treated against held out; finds the false
 * positives and false negatives; checks the bands' calibration.
 *
 * Returns: (transfer full): the outcomes, or %NULL when cancelled or when a
 *   route's condition or the onboarding filter cannot be evaluated
 */
TsOutcomes *
ts_outcomes_compute (TsScores      *scores,
                     guint          window_days,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(TsOutcomes) self = NULL;
  TsPlaybook *pb;
  const TsOutcomeRules *rules;
  TsDataset *ds;
  const TsCustomers *cu;
  g_autoptr(GArray) harms = g_array_new (FALSE, FALSE, sizeof (Harm));
  g_autofree GArray **members = NULL;
  g_autofree guint8 *names = NULL;
  Pass pass;
  Acc one;

  g_return_val_if_fail (scores != NULL, NULL);

  pb = ts_scores_get_playbook (scores);
  rules = ts_playbook_get_outcomes (pb);
  ds = ts_scores_get_dataset (scores);
  cu = ts_dataset_get_customers (ds);

  self = g_new0 (TsOutcomes, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->scores = ts_scores_ref (scores);
  self->as_of = ts_scores_get_as_of (scores);
  self->window_days = window_days ? window_days : rules->window_days;
  self->end = self->as_of + (TsTime) self->window_days * DAY;
  self->n_customers = ts_scores_get_n_customers (scores);
  self->n_bands = ts_playbook_get_n_bands (pb);
  self->n_routes = ts_playbook_get_n_routes (pb);
  self->holdout = rules->holdout > 0;
  self->n_groups = 1 + self->n_bands + self->n_routes + 2;
  self->route = g_new0 (gint32, MAX (self->n_customers, 1));
  self->flags = g_new0 (guint8, MAX (self->n_customers, 1));
  self->groups = g_new0 (TsOutcomeGroup, self->n_groups);
  self->acc = g_new0 (Acc, self->n_groups);
  self->members = g_new0 (guint *, self->n_groups);
  self->n_members = g_new0 (guint, self->n_groups);
  self->false_positives = g_array_new (FALSE, FALSE, sizeof (TsGovernanceItem));
  g_array_set_clear_func (self->false_positives, governance_item_clear);
  self->false_negatives = g_array_new (FALSE, FALSE, sizeof (TsGovernanceItem));
  g_array_set_clear_func (self->false_negatives, governance_item_clear);
  self->calibration = g_array_new (FALSE, FALSE, sizeof (TsCalibration));
  g_array_set_clear_func (self->calibration, calibration_clear);

  members = g_new0 (GArray *, self->n_groups + 1);
  for (guint g = 0; g < self->n_groups; g++)
    {
      self->acc[g].ttr = g_array_new (FALSE, FALSE, sizeof (double));
      members[g] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  self->groups[0].label = "all";
  for (guint b = 0; b < self->n_bands; b++)
    self->groups[1 + b].label = ts_playbook_get_band (pb, b)->id;
  for (guint r = 0; r < self->n_routes; r++)
    self->groups[1 + self->n_bands + r].label = ts_playbook_get_route (pb, r)->id;
  self->groups[1 + self->n_bands + self->n_routes].label = "treated";
  self->groups[2 + self->n_bands + self->n_routes].label = "held_out";

  names = g_new0 (guint8, MAX (ts_str_pool_get_size (ts_dataset_get_strings (ds)), 1));
  pass = (Pass) { self, ds, rules, names, g_array_new (FALSE, FALSE, sizeof (double)),
                  g_array_new (FALSE, FALSE, sizeof (TsTime)) };
  _ts_record_filter_init (&pass.onboarding, ds, TS_TABLE_EVENTS, rules->onboarding_filter);
  _ts_record_init (&pass.record, ds, TS_TABLE_EVENTS, self->as_of);

  for (guint c = 0; c < self->n_customers; c++)
    {
      g_autoptr(TsDecision) d = NULL;
      const TsRoute *route;
      int groups[4], n_groups = 0;

      if ((c & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      d = ts_decide (scores, c, error);
      if (d == NULL)
        goto fail;
      route = ts_playbook_get_route (pb, d->route);
      self->route[c] = d->route;
      if (d->held_back)
        self->flags[c] |= HELD_BACK;

      if (!measure_customer (&pass, c, &one, harms, error))
        goto fail;
      find_false_positive (&pass, c, harms);

      groups[n_groups++] = 0;
      groups[n_groups++] = 1 + (int) (ts_scores_get_band (scores, c) - ts_playbook_get_band (pb, 0));
      groups[n_groups++] = 1 + (int) self->n_bands + d->route;
      if (self->holdout && route->to != TS_ROUTE_NO_TOUCH)
        {
          gboolean out = ts_stats_is_held_out (rules->holdout_salt, str (ds, cu->id[c]), rules->holdout);

          if (out)
            self->flags[c] |= HELD_OUT;
          groups[n_groups++] = 1 + (int) (self->n_bands + self->n_routes) + (out ? 1 : 0);
        }
      find_false_negative (&pass, c, harms);
      for (int i = 0; i < n_groups; i++)
        {
          acc_add (&self->acc[groups[i]], &one, pass.ttr);
          g_array_append_val (members[groups[i]], c);
        }
    }

  for (guint g = 0; g < self->n_groups; g++)
    {
      finish_group (&self->groups[g], &self->acc[g]);
      self->n_members[g] = members[g]->len;
      self->members[g] = (guint *) (void *) g_array_free (g_steal_pointer (&members[g]), FALSE);
    }
  calibrate (self);
  g_array_unref (pass.ttr);
  g_array_unref (pass.self_service);
  _ts_record_filter_clear (&pass.onboarding);
  _ts_record_clear (&pass.record);
  return g_steal_pointer (&self);

fail:
  for (guint g = 0; g < self->n_groups; g++)
    g_clear_pointer (&members[g], g_array_unref);
  g_array_unref (pass.ttr);
  g_array_unref (pass.self_service);
  _ts_record_filter_clear (&pass.onboarding);
  _ts_record_clear (&pass.record);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Access                                                              */
/* ------------------------------------------------------------------ */

TsScores *
ts_outcomes_get_scores (TsOutcomes *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->scores;
}

TsTime
ts_outcomes_get_as_of (TsOutcomes *self)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  return self->as_of;
}

guint
ts_outcomes_get_window_days (TsOutcomes *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->window_days;
}

const TsOutcomeGroup *
ts_outcomes_get_all (TsOutcomes *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->groups[0];
}

guint
ts_outcomes_get_n_bands (TsOutcomes *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_bands;
}

const TsOutcomeGroup *
ts_outcomes_get_band (TsOutcomes *self,
                      guint       band)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (band < self->n_bands, NULL);
  return &self->groups[1 + band];
}

guint
ts_outcomes_get_n_routes (TsOutcomes *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_routes;
}

const TsOutcomeGroup *
ts_outcomes_get_route (TsOutcomes *self,
                       guint       route)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (route < self->n_routes, NULL);
  return &self->groups[1 + self->n_bands + route];
}

/**
 * ts_outcomes_get_holdout:
 * @treated: (out) (optional): the customers the playbook would touch, touched
 * @held_out: (out) (optional): those it would touch, held out
 *
 * Returns: %FALSE when the playbook holds no one out
 */
gboolean
ts_outcomes_get_holdout (TsOutcomes            *self,
                         const TsOutcomeGroup **treated,
                         const TsOutcomeGroup **held_out)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (treated)
    *treated = self->holdout ? &self->groups[1 + self->n_bands + self->n_routes] : NULL;
  if (held_out)
    *held_out = self->holdout ? &self->groups[2 + self->n_bands + self->n_routes] : NULL;
  return self->holdout;
}

/**
 * ts_outcomes_get_group:
 *
 * Returns: (nullable): a group by kind and index (ALL: 0; HOLDOUT: 0
 *   treated, 1 held out)
 */
const TsOutcomeGroup *
ts_outcomes_get_group (TsOutcomes         *self,
                       TsOutcomeGroupKind  kind,
                       guint               group)
{
  int g;

  g_return_val_if_fail (self != NULL, NULL);
  g = group_index (self, kind, group);
  return g < 0 ? NULL : &self->groups[g];
}

/**
 * ts_outcomes_get_members:
 * @n: (out): how many
 *
 * The customers behind a group's numbers, for drill-down: rows of the
 * customers table, ascending.
 *
 * Returns: (array length=n) (transfer none) (nullable): the rows
 */
const guint *
ts_outcomes_get_members (TsOutcomes         *self,
                         TsOutcomeGroupKind  kind,
                         guint               group,
                         guint              *n)
{
  int g;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n != NULL, NULL);
  g = group_index (self, kind, group);
  *n = g < 0 ? 0 : self->n_members[g];
  return g < 0 ? NULL : self->members[g];
}

/**
 * ts_outcomes_get_customer_route:
 *
 * Returns: the route the playbook decided for @customer at T
 */
int
ts_outcomes_get_customer_route (TsOutcomes *self,
                                guint       customer)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (customer < self->n_customers, -1);
  return self->route[customer];
}

gboolean
ts_outcomes_is_held_out (TsOutcomes *self,
                         guint       customer)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (customer < self->n_customers, FALSE);
  return (self->flags[customer] & HELD_OUT) != 0;
}

/**
 * ts_outcomes_get_false_positives:
 *
 * Over-contacted customers, by customer row.
 *
 * Returns: (array length=n) (transfer none): the findings
 */
const TsGovernanceItem *
ts_outcomes_get_false_positives (TsOutcomes *self,
                                 guint      *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n = self->false_positives->len;
  return (const TsGovernanceItem *) (void *) self->false_positives->data;
}

/**
 * ts_outcomes_get_false_negatives:
 *
 * Missed help moments, by customer row.
 *
 * Returns: (array length=n) (transfer none): the findings
 */
const TsGovernanceItem *
ts_outcomes_get_false_negatives (TsOutcomes *self,
                                 guint      *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n = self->false_negatives->len;
  return (const TsGovernanceItem *) (void *) self->false_negatives->data;
}

/**
 * ts_outcomes_calibration:
 *
 * For each outcome KPI, whether it moves one way across the bands, as it
 * should when the score measures need; where it does not, a note says
 * between which bands it breaks.
 *
 * Returns: (array length=n) (transfer none): one per KPI
 */
const TsCalibration *
ts_outcomes_calibration (TsOutcomes *self,
                         guint      *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n = self->calibration->len;
  return (const TsCalibration *) (void *) self->calibration->data;
}

/* ------------------------------------------------------------------ */
/* Comparison                                                          */
/* ------------------------------------------------------------------ */

struct _TsComparison
{
  gatomicrefcount  ref_count;
  TsOutcomes      *a, *b;
  GArray          *rows;   /* TsComparisonRow */
};

G_DEFINE_BOXED_TYPE (TsComparison, ts_comparison, ts_comparison_ref, ts_comparison_unref)

TsComparison *
ts_comparison_ref (TsComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_comparison_unref (TsComparison *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  ts_outcomes_unref (self->a);
  ts_outcomes_unref (self->b);
  g_array_unref (self->rows);
  g_free (self);
}

static TsComparisonRow
row_new (TsOutcomeGroupKind  kind,
         const char         *group,
         const char         *kpi,
         double              a,
         double              b)
{
  return (TsComparisonRow) { kind, group, kpi, a, b, b - a, NAN, NAN, NAN, FALSE };
}

/* a difference of proportions x/n: the pooled test's p, the Wald interval */
static TsComparisonRow
row_proportion (TsOutcomeGroupKind  kind,
                const char         *group,
                const char         *kpi,
                double              scale,
                guint xa, guint na,
                guint xb, guint nb)
{
  TsComparisonRow row = row_new (kind, group, kpi, scale * ratio (xa, na), scale * ratio (xb, nb));

  if (na && nb)
    {
      double pa = (double) xa / na, pb = (double) xb / nb;
      double se = sqrt (pa * (1 - pa) / na + pb * (1 - pb) / nb);

      row.p = ts_stats_two_proportion (xb, nb, xa, na, NULL);
      row.low = scale * (pb - pa - Z95 * se);
      row.high = scale * (pb - pa + Z95 * se);
      row.significant = row.p < 0.05;
    }
  return row;
}

/* NPS as the mean of +1 / 0 / −1 per answer, with the adjusted-Wald spread */
static double
nps_se (const TsOutcomeGroup *g)
{
  double na = g->nps.n + 3.0;
  double pp = (g->promoters + 0.75) / na, pd = (g->detractors + 0.75) / na;

  return sqrt (MAX (pp + pd - (pp - pd) * (pp - pd), 0.0) / na);
}

static void
compare_groups (TsComparison         *self,
                TsOutcomeGroupKind    kind,
                const TsOutcomeGroup *a,
                const TsOutcomeGroup *b,
                const Acc            *acc_a,
                const Acc            *acc_b,
                guint32               seed)
{
  const char *label = b->label;
  TsComparisonRow row;

  row = row_new (kind, label, "customers", a->customers, b->customers);
  g_array_append_val (self->rows, row);

  row = row_new (kind, label, "nps", a->nps.value, b->nps.value);
  if (a->nps.n && b->nps.n)
    {
      double se = 100.0 * sqrt (nps_se (a) * nps_se (a) + nps_se (b) * nps_se (b));

      row.low = row.delta - Z95 * se;
      row.high = row.delta + Z95 * se;
      row.p = se > 0 ? erfc (fabs (row.delta) / se / G_SQRT2) : 1.0;
      row.significant = row.p < 0.05;
    }
  g_array_append_val (self->rows, row);

  row = row_new (kind, label, "csat_mean", a->csat_mean, b->csat_mean);
  if (a->csat_n > 1 && b->csat_n > 1)
    {
      double va = (acc_a->csat_sumsq - acc_a->csat_sum * acc_a->csat_sum / a->csat_n) / (a->csat_n - 1);
      double vb = (acc_b->csat_sumsq - acc_b->csat_sum * acc_b->csat_sum / b->csat_n) / (b->csat_n - 1);
      double se = sqrt (MAX (va, 0) / a->csat_n + MAX (vb, 0) / b->csat_n);

      row.low = row.delta - Z95 * se;
      row.high = row.delta + Z95 * se;
      row.p = se > 0 ? erfc (fabs (row.delta) / se / G_SQRT2) : 1.0;
      row.significant = row.p < 0.05;
    }
  g_array_append_val (self->rows, row);

  row = row_proportion (kind, label, "csat_satisfied_pct", 100.0,
                        acc_a->csat_satisfied, a->csat_n, acc_b->csat_satisfied, b->csat_n);
  g_array_append_val (self->rows, row);
  row = row_proportion (kind, label, "churn_rate", 1.0, a->churned, a->active, b->churned, b->active);
  g_array_append_val (self->rows, row);

  row = row_new (kind, label, "ttr_median_hours", a->ttr_median_hours, b->ttr_median_hours);
  if (ts_stats_bootstrap_median_diff ((const double *) (void *) acc_a->ttr->data, acc_a->ttr->len,
                                      (const double *) (void *) acc_b->ttr->data, acc_b->ttr->len,
                                      BOOTSTRAP_RESAMPLES, seed, &row.low, &row.high))
    row.significant = row.low > 0 || row.high < 0;
  g_array_append_val (self->rows, row);
  row = row_new (kind, label, "ttr_p90_hours", a->ttr_p90_hours, b->ttr_p90_hours);
  g_array_append_val (self->rows, row);

  row = row_proportion (kind, label, "deflection_rate", 1.0, a->self_service_resolutions, a->deflection_attempts,
                        b->self_service_resolutions, b->deflection_attempts);
  g_array_append_val (self->rows, row);
  row = row_proportion (kind, label, "onboarding_rate", 1.0, a->onboarding_completed, a->onboarding_n,
                        b->onboarding_completed, b->onboarding_n);
  g_array_append_val (self->rows, row);
  row = row_proportion (kind, label, "complaint_rate", 1.0, a->complained, a->customers, b->complained, b->customers);
  g_array_append_val (self->rows, row);
  row = row_proportion (kind, label, "unsubscribe_rate", 1.0, a->unsubscribed, a->customers, b->unsubscribed, b->customers);
  g_array_append_val (self->rows, row);
  row = row_new (kind, label, "touches_per_customer", a->touches_per_customer, b->touches_per_customer);
  g_array_append_val (self->rows, row);
}

static void
compare_kind (TsComparison       *self,
              TsOutcomeGroupKind  kind,
              guint               n_a,
              guint               n_b)
{
  for (guint j = 0; j < n_b; j++)
    for (guint i = 0; i < n_a; i++)
      {
        int ga = group_index (self->a, kind, i), gb = group_index (self->b, kind, j);

        if (g_strcmp0 (self->a->groups[ga].label, self->b->groups[gb].label) != 0)
          continue;
        compare_groups (self, kind, &self->a->groups[ga], &self->b->groups[gb],
                        &self->a->acc[ga], &self->b->acc[gb], BOOTSTRAP_SEED + (guint32) gb);
      }
}

/**
 * ts_outcomes_compare:
 * @a: the first run (before, or the current playbook)
 * @b: the second (after, or the other playbook)
 *
 * Every KPI of all customers, of each band and of each route that both runs
 * have (matched by id), side by side: a, b, the delta b − a and whether it
 * is significant at 5% — a two-proportion test for rates, the difference
 * of NPS with its adjusted-Wald spread, a z-test for mean CSAT, and a
 * bootstrap interval (1000 resamples, seeded) for the median TTR.
 *
 * Returns: (transfer full): the comparison
 */
TsComparison *
ts_outcomes_compare (TsOutcomes *a,
                     TsOutcomes *b)
{
  TsComparison *self;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  self = g_new0 (TsComparison, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->a = ts_outcomes_ref (a);
  self->b = ts_outcomes_ref (b);
  self->rows = g_array_new (FALSE, FALSE, sizeof (TsComparisonRow));
  compare_kind (self, TS_OUTCOME_GROUP_ALL, 1, 1);
  compare_kind (self, TS_OUTCOME_GROUP_BAND, a->n_bands, b->n_bands);
  compare_kind (self, TS_OUTCOME_GROUP_ROUTE, a->n_routes, b->n_routes);
  if (a->holdout && b->holdout)
    compare_kind (self, TS_OUTCOME_GROUP_HOLDOUT, 2, 2);
  return self;
}

TsOutcomes *
ts_comparison_get_a (TsComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->a;
}

TsOutcomes *
ts_comparison_get_b (TsComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->b;
}

guint
ts_comparison_get_n_rows (TsComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows->len;
}

const TsComparisonRow *
ts_comparison_get_row (TsComparison *self,
                       guint         i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->rows->len, NULL);
  return &g_array_index (self->rows, TsComparisonRow, i);
}

/**
 * ts_comparison_find:
 *
 * Returns: (nullable): the row of one KPI of one group
 */
const TsComparisonRow *
ts_comparison_find (TsComparison       *self,
                    TsOutcomeGroupKind  kind,
                    const char         *group,
                    const char         *kpi)
{
  g_return_val_if_fail (self != NULL, NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      const TsComparisonRow *r = &g_array_index (self->rows, TsComparisonRow, i);

      if (r->kind == kind && g_strcmp0 (r->group, group) == 0 && g_strcmp0 (r->kpi, kpi) == 0)
        return r;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Drift                                                               */
/* ------------------------------------------------------------------ */

#define DRIFT_BINS 10

struct _TsDrift
{
  gatomicrefcount  ref_count;
  TsScores        *before, *after;
  TsDriftItem      score;
  GArray          *signals;   /* TsDriftItem */
};

G_DEFINE_BOXED_TYPE (TsDrift, ts_drift, ts_drift_ref, ts_drift_unref)

TsDrift *
ts_drift_ref (TsDrift *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_drift_unref (TsDrift *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  ts_scores_unref (self->before);
  ts_scores_unref (self->after);
  g_array_unref (self->signals);
  g_free (self);
}

static guint
bin_of (double v,
        double max)
{
  int b = (int) floor (v / max * DRIFT_BINS);
  return (guint) CLAMP (b, 0, DRIFT_BINS - 1);
}

/* the scores (signal < 0) or a signal's normalised values, in ten bins */
static void
histogram (TsScores *scores,
           int       signal,
           double    counts[DRIFT_BINS])
{
  memset (counts, 0, sizeof (double) * DRIFT_BINS);
  for (guint c = 0; c < ts_scores_get_n_customers (scores); c++)
    {
      if (signal < 0)
        counts[bin_of (ts_scores_get_score (scores, c), 100.0)]++;
      else
        counts[bin_of (ts_scores_get_signal (scores, c, (guint) signal)->value, 1.0)]++;
    }
}

/**
 * ts_outcomes_drift:
 * @before: scores as of the earlier moment
 * @after: scores as of the later one
 *
 * The population stability index of the score (ten bins of ten points) and
 * of each signal both playbooks have (ten bins of its 0..1 value), with the
 * usual verdicts: below 0.1 stable, below 0.25 moderate, else significant.
 *
 * Returns: (transfer full): the drift
 */
TsDrift *
ts_outcomes_drift (TsScores *before,
                   TsScores *after)
{
  TsDrift *self;
  TsPlaybook *pa, *pb;
  double e[DRIFT_BINS], a[DRIFT_BINS];

  g_return_val_if_fail (before != NULL && after != NULL, NULL);

  self = g_new0 (TsDrift, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->before = ts_scores_ref (before);
  self->after = ts_scores_ref (after);
  self->signals = g_array_new (FALSE, FALSE, sizeof (TsDriftItem));

  histogram (before, -1, e);
  histogram (after, -1, a);
  self->score.id = "score";
  self->score.psi = ts_stats_psi (e, a, DRIFT_BINS);
  self->score.verdict = ts_stats_psi_verdict (self->score.psi);

  pa = ts_scores_get_playbook (before);
  pb = ts_scores_get_playbook (after);
  for (guint i = 0; i < ts_playbook_get_n_signals (pa); i++)
    {
      const TsSignal *s = ts_playbook_get_signal (pa, i);
      int j = ts_playbook_find_signal (pb, s->id);
      TsDriftItem item;

      if (j < 0)
        continue;
      histogram (before, (int) i, e);
      histogram (after, j, a);
      item.id = s->id;
      item.psi = ts_stats_psi (e, a, DRIFT_BINS);
      item.verdict = ts_stats_psi_verdict (item.psi);
      g_array_append_val (self->signals, item);
    }
  return self;
}

TsTime
ts_drift_get_before (TsDrift *self)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  return ts_scores_get_as_of (self->before);
}

TsTime
ts_drift_get_after (TsDrift *self)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  return ts_scores_get_as_of (self->after);
}

const TsDriftItem *
ts_drift_get_score (TsDrift *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->score;
}

guint
ts_drift_get_n_signals (TsDrift *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->signals->len;
}

const TsDriftItem *
ts_drift_get_signal (TsDrift *self,
                     guint    i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->signals->len, NULL);
  return &g_array_index (self->signals, TsDriftItem, i);
}

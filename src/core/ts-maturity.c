/* ts-maturity.c — the maturity matrix of CX scoring, judged and measured
 *
 * The six capabilities of the matrix, each judged from the playbook and the
 * data against the criteria that take it from ad hoc to operationalised
 * (all met: operationalised; half or more: developing; else ad hoc), and
 * measured over a period [from, to) by its primary KPIs:
 *
 *   signal quality        false-positive rate: over-contacted customers (the
 *                         outcomes' false positives) over the customers touched
 *                         (not transactionally) in the period; missed help
 *                         moments over the customers of high need at `from`
 *   experience guardrails complaint and unsubscribe rates
 *   routing & SLAs        speed to help: a help moment is a case opened in the
 *                         period, help the first of its first response, a
 *                         service touch or a self-service event at or after
 *                         it; the median hours from one to the other.  SLA
 *                         compliance per route (the route the playbook decides
 *                         for the customer at the end of the day the moment
 *                         began, so that the moment itself is seen):
 *                         moments helped within the route's SLA over those
 *                         helped in time or not (late, or unanswered when the
 *                         SLA had passed by the period's end); time to
 *                         resolution
 *   journey continuity    journey completion (customers who entered a journey
 *                         in the period and reached its goal), deflection and
 *                         onboarding completion
 *   closed-loop outcomes  NPS, CSAT, churn, and churn per band
 *   governance            the score's stability (PSI between the period before
 *                         and this one) and SLA compliance
 *
 * Beside them the business: ARR (the customers' value) of those active at
 * `from`, retained and lost (churned in the period; a churned customer of no
 * known value is worth the amount of their churn event, a lost renewal's)
 * per band; the touchpoint inventory's
 * cost; touches per resolved case; the pipeline of the expansion routes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-maturity"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ts-decider.h"
#include "ts-maturity.h"
#include "ts-record-private.h"
#include "ts-scorer.h"

#define HOUR ((TsTime) 3600 * G_USEC_PER_SEC)
#define DAY  (24 * HOUR)

/* SLA compliance and the false-positive rate governance expects */
#define GOOD_SLA_COMPLIANCE 0.9
#define GOOD_FALSE_POSITIVE_RATE 0.1

static const struct
{
  const char *key;
  const char *name;
  const char *ad_hoc;
  const char *operationalised;
  const char *owner;
} capabilities[TS_N_CAPABILITIES] = {
  { "signal_quality", N_("Signal quality"), N_("Clicks and form fills only"),
    N_("Intent, product usage, friction and stage signals with hygiene rules"), N_("Ops/Analytics") },
  { "guardrails", N_("Experience guardrails"), N_("One-size outreach"),
    N_("Frequency caps, consent logic and suppression during sensitive moments"), N_("RevOps/Compliance") },
  { "routing", N_("Routing & SLAs"), N_("Manual assignment"),
    N_("Rules-based routing by urgency, channel fit and specialisation"), N_("Sales/Service Ops") },
  { "journeys", N_("Journey continuity"), N_("Disjointed campaigns"),
    N_("Stage-based journeys with progressive profiling and context-aware messaging"), N_("Lifecycle Marketing") },
  { "outcomes", N_("Closed-loop outcomes"), N_("Score tracked, outcomes ignored"),
    N_("CSAT/NPS, churn and adoption tied to score bands and model tuning"), N_("Customer Success") },
  { "governance", N_("Governance"), N_("Set-and-forget scoring"),
    N_("Monthly quality reviews, bias checks and drift monitoring"), N_("Revenue Council") },
};

struct _TsMaturity
{
  gatomicrefcount    ref_count;
  TsDataset         *dataset;
  TsPlaybook        *playbook;
  TsTime             from, to;
  TsScores          *scores;
  TsScores          *before;      /* NULL without the history */
  TsOutcomes        *outcomes;
  TsDrift           *drift;       /* NULL without the history */
  TsJourneys        *journeys;
  TsTouchpoints     *touchpoints;
  TsCapability       caps[TS_N_CAPABILITIES];
  TsRouteHelp       *route_help;  /* per route */
  guint              n_routes;
  TsRouteHelp        help_all;
  TsBandArr         *band_arr;    /* per band */
  guint              n_bands;
  TsBandArr          arr_all;
  TsBusinessResults  business;
};

G_DEFINE_BOXED_TYPE (TsMaturity, ts_maturity, ts_maturity_ref, ts_maturity_unref)

TsMaturity *
ts_maturity_ref (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_maturity_unref (TsMaturity *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    {
      TsCapability *cap = &self->caps[i];

      g_free (cap->owner);
      for (guint k = 0; k < cap->n_criteria; k++)
        g_free (cap->criteria[k].text);
      g_free (cap->criteria);
      for (guint k = 0; k < cap->n_kpis; k++)
        {
          g_free (cap->kpis[k].id);
          g_free (cap->kpis[k].label);
          g_free (cap->kpis[k].customers);
        }
      g_free (cap->kpis);
    }
  g_free (self->route_help);
  g_free (self->band_arr);
  g_clear_pointer (&self->scores, ts_scores_unref);
  g_clear_pointer (&self->before, ts_scores_unref);
  g_clear_pointer (&self->outcomes, ts_outcomes_unref);
  g_clear_pointer (&self->drift, ts_drift_unref);
  g_clear_pointer (&self->journeys, ts_journeys_unref);
  g_clear_pointer (&self->touchpoints, ts_touchpoints_unref);
  g_clear_pointer (&self->playbook, ts_playbook_unref);
  g_clear_object (&self->dataset);
  g_free (self);
}

/* ---------------------------------------------------------------------- */
/* building a capability                                                  */

typedef struct
{
  GArray *criteria;     /* TsMaturityCriterion */
  GArray *kpis;         /* TsMaturityKpi */
} Builder;

static void
criterion (Builder    *b,
           gboolean    met,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
criterion (Builder    *b,
           gboolean    met,
           const char *format,
           ...)
{
  TsMaturityCriterion c = { met, NULL };
  va_list args;

  va_start (args, format);
  c.text = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (b->criteria, c);
}

/* @customers (guint rows, may repeat) is taken: sorted, made unique */
static TsMaturityKpi *
kpi (Builder    *b,
     const char *id,
     const char *label,
     TsKpiUnit   unit,
     double      value,
     guint       count,
     guint       n,
     int         better,
     const char *who,
     GArray     *customers)
{
  TsMaturityKpi k = { 0 };

  k.id = g_strdup (id);
  k.label = g_strdup (label);
  k.unit = unit;
  k.value = n > 0 ? value : NAN;
  k.count = count;
  k.n = n;
  k.better = better;
  k.who = who;
  if (customers != NULL && customers->len > 0)
    {
      guint *rows = (guint *) customers->data;
      guint m = 0, max = 0;
      g_autofree guint8 *seen = NULL;

      /* in their order of arrival (the slowest first, the first harmed
       * first), each once */
      for (guint i = 0; i < customers->len; i++)
        max = MAX (max, rows[i]);
      seen = g_new0 (guint8, max / 8 + 1);
      for (guint i = 0; i < customers->len; i++)
        if (!(seen[rows[i] / 8] & (1u << (rows[i] % 8))))
          {
            seen[rows[i] / 8] |= 1u << (rows[i] % 8);
            rows[m++] = rows[i];
          }
      k.n_customers = m;
      k.customers = g_memdup2 (rows, m * sizeof (guint));
    }
  g_array_append_val (b->kpis, k);
  return &g_array_index (b->kpis, TsMaturityKpi, b->kpis->len - 1);
}

static TsMaturityKpi *
kpi_rate (Builder    *b,
          const char *id,
          const char *label,
          guint       count,
          guint       n,
          int         better,
          const char *who,
          GArray     *customers)
{
  return kpi (b, id, label, TS_KPI_UNIT_RATE, n ? (double) count / n : NAN, count, n, better, who, customers);
}

static void
finish (TsMaturity     *self,
        TsCapabilityId  id,
        Builder        *b,
        const char     *owner)
{
  TsCapability *cap = &self->caps[id];

  cap->id = id;
  cap->key = capabilities[id].key;
  cap->name = g_dgettext (GETTEXT_PACKAGE, capabilities[id].name);
  cap->ad_hoc = g_dgettext (GETTEXT_PACKAGE, capabilities[id].ad_hoc);
  cap->operationalised = g_dgettext (GETTEXT_PACKAGE, capabilities[id].operationalised);
  cap->default_owner = g_dgettext (GETTEXT_PACKAGE, capabilities[id].owner);
  cap->owner = owner && *owner ? g_strstrip (g_strdup (owner)) : NULL;
  if (cap->owner && *cap->owner == '\0')
    g_clear_pointer (&cap->owner, g_free);
  cap->n_criteria = b->criteria->len;
  cap->criteria = (TsMaturityCriterion *) g_array_free (b->criteria, FALSE);
  cap->n_kpis = b->kpis->len;
  cap->kpis = (TsMaturityKpi *) g_array_free (b->kpis, FALSE);
  for (guint i = 0; i < cap->n_criteria; i++)
    cap->n_met += cap->criteria[i].met;
  if (cap->n_met == cap->n_criteria)
    cap->level = TS_MATURITY_OPERATIONALISED;
  else if (2 * cap->n_met >= cap->n_criteria)
    cap->level = TS_MATURITY_DEVELOPING;
  else
    cap->level = TS_MATURITY_AD_HOC;
}

static void
builder_init (Builder *b)
{
  b->criteria = g_array_new (FALSE, TRUE, sizeof (TsMaturityCriterion));
  b->kpis = g_array_new (FALSE, TRUE, sizeof (TsMaturityKpi));
}

/* ---------------------------------------------------------------------- */
/* what the playbook says                                                 */

typedef enum
{
  FAMILY_ENGAGEMENT,   /* clicks, opens, form fills: vanity */
  FAMILY_FRICTION,
  FAMILY_USAGE,
  FAMILY_INTENT,
  FAMILY_STAGE,
  FAMILY_SENTIMENT,
  N_FAMILIES
} Family;

static gboolean
has_any (const char        *text,
         const char *const *words)
{
  for (guint i = 0; words[i]; i++)
    if (strstr (text, words[i]))
      return TRUE;
  return FALSE;
}

/* The family of a signal, from what it is called and what it reads. */
static Family
signal_family (const TsSignal *s)
{
  static const char *const engagement[] = { "click", "form", "opened", "open_rate", "page_view", "pageview", NULL };
  static const char *const friction[] = { "friction", "error", "fail", "urgen", "repeat", "complaint", "outage",
                                          "rage", "escalat", "reopen", NULL };
  static const char *const usage[] = { "usage", "adoption", "feature", "login", "session", "active", "silence", NULL };
  static const char *const intent[] = { "intent", "help_article", "pricing", "search", "trial", "request", "viewed", NULL };
  static const char *const stage[] = { "stage", "onboarding", "renewal", "lifecycle", "tenure", NULL };
  g_autofree char *filter = s->filter ? ts_expr_to_string (s->filter) : NULL;
  g_autofree char *joined = g_strjoin (" ", s->id, s->label ? s->label : "", filter ? filter : "", NULL);
  g_autofree char *text = g_ascii_strdown (joined, -1);
  g_autofree char *no_rage = g_strdup (text);
  char *p;

  /* a rage click is friction, not engagement */
  while ((p = strstr (no_rage, "rage_click")) != NULL)
    memset (p, ' ', strlen ("rage_click"));
  if (has_any (no_rage, engagement) && !has_any (no_rage, friction) && !has_any (text, intent))
    return FAMILY_ENGAGEMENT;
  if (s->table == TS_TABLE_CASES || has_any (text, friction))
    return FAMILY_FRICTION;
  if (has_any (text, usage))
    return FAMILY_USAGE;
  if (has_any (text, intent))
    return FAMILY_INTENT;
  if (has_any (text, stage))
    return FAMILY_STAGE;
  if (s->table == TS_TABLE_RESPONSES)
    return FAMILY_SENTIMENT;
  return s->table == TS_TABLE_EVENTS ? FAMILY_INTENT : FAMILY_FRICTION;
}

/* Whether a condition reads where the customer is in their lifecycle. */
static gboolean
reads_stage (const TsExpr *e)
{
  static const char *const names[] = { "stage", "customer.stage", "customer.created_at",
                                       "customer.onboarding_started_at", "customer.renewal_at",
                                       "customer.churned_at", NULL };
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func (g_free);

  if (e == NULL)
    return FALSE;
  ts_expr_collect_names (e, read);
  for (guint i = 0; i < read->len; i++)
    if (g_strv_contains (names, read->pdata[i]))
      return TRUE;
  return FALSE;
}

static char *
join_ids (GPtrArray *ids)
{
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (", ", (char **) ids->pdata);
}

/* ---------------------------------------------------------------------- */
/* the pass over the customers                                            */

enum
{
  NAME_KNOWN       = 1 << 0,
  NAME_CHURN       = 1 << 1,
  NAME_UNSUBSCRIBE = 1 << 2,
  NAME_SELF        = 1 << 3,
  NAME_COMPLAINT   = 1 << 4,
  NAME_WON         = 1 << 5,
  NAME_TRANSACTION = 1 << 6,
  NAME_SERVICE     = 1 << 7,
};

typedef struct
{
  TsDataset             *ds;
  const TsOutcomeRules  *rules;
  guint8                *names;      /* per string id */
} Names;

static guint8
name_flags (Names   *n,
            guint32  id)
{
  guint8 *f = &n->names[id];
  const char *s;

  if (*f & NAME_KNOWN)
    return *f;
  *f = NAME_KNOWN;
  if ((s = ts_dataset_get_string (n->ds, id)) == NULL)
    return *f;
  if (ts_outcome_rules_has (n->rules->churn_events, s))
    *f |= NAME_CHURN;
  if (ts_outcome_rules_has (n->rules->unsubscribe_events, s))
    *f |= NAME_UNSUBSCRIBE;
  if (ts_outcome_rules_has (n->rules->self_service_events, s))
    *f |= NAME_SELF;
  if (ts_outcome_rules_has (n->rules->complaint_categories, s))
    *f |= NAME_COMPLAINT;
  if (g_str_equal (s, "opportunity_closed_won"))
    *f |= NAME_WON;
  if (g_ascii_strcasecmp (s, "transactional") == 0)
    *f |= NAME_TRANSACTION;
  if (g_ascii_strcasecmp (s, "service") == 0)
    *f |= NAME_SERVICE;
  return *f;
}

/* the customers behind each KPI, in rows of the customers table */
typedef struct
{
  GArray  *touched, *complained, *unsubscribed, *detractors, *dissatisfied, *churned;
  GArray **churned_in_band;
  GArray  *help_slowest;       /* guint customer, sorted by hours below */
  GArray  *help;               /* HelpMoment */
  GArray  *help_hours;         /* double, per help moment */
  GArray  *breached;           /* customers with a late or unanswered moment */
  GArray **route_hours;        /* per route: double */
  GArray **route_breached;     /* per route: guint */
  GArray  *cases_opened;
  GArray  *high_need;
} Lists;

typedef struct
{
  double  hours;
  guint   customer;
} Moment;

/* a case opened in the period, and when help came (TS_TIME_NULL: not before
 * the period's end) */
typedef struct
{
  guint   customer;
  TsTime  opened;
  TsTime  help;
} HelpMoment;

static int
compare_moment_slowest (gconstpointer a,
                        gconstpointer b)
{
  const Moment *x = a, *y = b;

  return (x->hours < y->hours) - (x->hours > y->hours);
}

static gboolean
is_high_need (TsMaturity *self,
              guint       c)
{
  const TsOutcomeRules *rules = ts_playbook_get_outcomes (self->playbook);
  const TsBand *band = ts_scores_get_band (self->scores, c);
  guint n_bands = ts_playbook_get_n_bands (self->playbook);

  if (!isnan (rules->high_need_score) && ts_scores_get_score (self->scores, c) >= rules->high_need_score)
    return TRUE;
  if (band == NULL)
    return FALSE;
  if (rules->high_need_bands && rules->high_need_bands[0])
    return ts_outcome_rules_has (rules->high_need_bands, band->id);
  return n_bands > 0 && band == ts_playbook_get_band (self->playbook, n_bands - 1);
}

static int
band_index (TsMaturity *self,
            guint       c)
{
  const TsBand *band = ts_scores_get_band (self->scores, c);

  for (guint i = 0; i < self->n_bands; i++)
    if (band == ts_playbook_get_band (self->playbook, i))
      return i;
  return -1;
}

static void
add_arr (TsBandArr *a,
         double     value,
         gboolean   churned)
{
  a->active++;
  if (isnan (value))
    {
      a->no_value++;
      value = 0;
    }
  a->arr += value;
  if (churned)
    {
      a->churned++;
      a->arr_lost += value;
    }
  else
    a->arr_retained += value;
}

static gboolean
customer_pass (TsMaturity    *self,
               Lists         *l,
               GCancellable  *cancellable,
               GError       **error)
{
  TsDataset *ds = self->dataset;
  const TsCustomers *cu = ts_dataset_get_customers (ds);
  const TsEvents *ev = ts_dataset_get_events (ds);
  const TsCases *ca = ts_dataset_get_cases (ds);
  const TsTouches *to = ts_dataset_get_touches (ds);
  const TsResponses *re = ts_dataset_get_responses (ds);
  TsTime T = self->from, E = self->to;
  TsAnswerKinds kinds;
  Names names = { ds, ts_playbook_get_outcomes (self->playbook), NULL };

  names.names = g_new0 (guint8, ts_str_pool_get_size (ts_dataset_get_strings (ds)) + 1);
  _ts_answer_kinds_init (&kinds, ds);

  for (guint c = 0; c < cu->n_rows; c++)
    {
      gboolean churned_before = cu->churned_at[c] != TS_TIME_NULL && cu->churned_at[c] < T;
      gboolean churned = cu->churned_at[c] != TS_TIME_NULL && cu->churned_at[c] >= T && cu->churned_at[c] < E;
      gboolean touched = FALSE, complained = FALSE, unsubscribed = FALSE, detractor = FALSE, dissatisfied = FALSE;
      double won = 0, churn_amount = NAN, value = cu->value[c];
      int route = ts_outcomes_get_customer_route (self->outcomes, c);
      const TsRoute *r = route >= 0 ? ts_playbook_get_route (self->playbook, route) : NULL;
      int band = band_index (self, c);

      if ((c & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          _ts_answer_kinds_clear (&kinds);
          g_free (names.names);
          return FALSE;
        }

      for (guint e = ev->by_customer[c]; e < ev->by_customer[c + 1] && ev->at[e] < E; e++)
        {
          guint8 f;

          if (ev->at[e] == TS_TIME_NULL)
            continue;
          f = name_flags (&names, ev->name[e]);
          if (ev->at[e] < T)
            churned_before |= (f & NAME_CHURN) != 0;
          else
            {
              churned |= (f & NAME_CHURN) != 0;
              if ((f & NAME_CHURN) && isnan (churn_amount) && !isnan (ev->value[e]))
                churn_amount = ev->value[e];
              unsubscribed |= (f & NAME_UNSUBSCRIBE) != 0;
              if ((f & NAME_WON) && !isnan (ev->value[e]))
                won += ev->value[e];
            }
        }
      for (guint t = to->by_customer[c]; t < to->by_customer[c + 1] && to->at[t] < E; t++)
        if (to->at[t] != TS_TIME_NULL && to->at[t] >= T)
          {
            self->business.touches++;
            touched |= !(name_flags (&names, to->kind[t]) & NAME_TRANSACTION);
          }
      for (guint a = re->by_customer[c]; a < re->by_customer[c + 1] && re->at[a] < E; a++)
        {
          TsAnswerKind kind;

          if (re->at[a] == TS_TIME_NULL || re->at[a] < T || isnan (re->score[a]))
            continue;
          kind = _ts_answer_kinds_get (&kinds, a);
          detractor |= kind == TS_ANSWER_NPS && re->score[a] <= 6;
          dissatisfied |= kind == TS_ANSWER_CSAT && re->score[a] <= 3;
        }

      /* cases: complaints, resolutions and help moments */
      for (guint k = ca->by_customer[c]; k < ca->by_customer[c + 1]; k++)
        {
          TsTime opened = ca->opened_at[k], help = TS_TIME_NULL;

          if (ca->closed_at[k] != TS_TIME_NULL && ca->closed_at[k] >= T && ca->closed_at[k] < E)
            self->business.resolved_cases++;
          if (opened == TS_TIME_NULL || opened < T || opened >= E)
            continue;
          g_array_append_val (l->cases_opened, c);
          complained |= (name_flags (&names, ca->category[k]) & NAME_COMPLAINT) != 0;

          if (ca->first_response_at[k] != TS_TIME_NULL && ca->first_response_at[k] >= opened)
            help = ca->first_response_at[k];
          for (guint t = ts_time_lower_bound (to->at, to->by_customer[c], to->by_customer[c + 1], opened);
               t < to->by_customer[c + 1]; t++)
            if (to->at[t] != TS_TIME_NULL && to->at[t] >= opened &&
                (name_flags (&names, to->kind[t]) & NAME_SERVICE))
              {
                if (help == TS_TIME_NULL || to->at[t] < help)
                  help = to->at[t];
                break;
              }
          for (guint e = ts_time_lower_bound (ev->at, ev->by_customer[c], ev->by_customer[c + 1], opened);
               e < ev->by_customer[c + 1]; e++)
            if (ev->at[e] != TS_TIME_NULL && ev->at[e] >= opened && (name_flags (&names, ev->name[e]) & NAME_SELF))
              {
                if (help == TS_TIME_NULL || ev->at[e] < help)
                  help = ev->at[e];
                break;
              }
          if (help != TS_TIME_NULL && help >= E)
            help = TS_TIME_NULL;

          {
            HelpMoment h = { c, opened, help };

            g_array_append_val (l->help, h);
          }
        }

      if (touched)
        g_array_append_val (l->touched, c);
      if (complained)
        g_array_append_val (l->complained, c);
      if (unsubscribed)
        g_array_append_val (l->unsubscribed, c);
      if (detractor)
        g_array_append_val (l->detractors, c);
      if (dissatisfied)
        g_array_append_val (l->dissatisfied, c);
      if (is_high_need (self, c))
        g_array_append_val (l->high_need, c);

      /* a churned customer whose value is not known (or nothing, as when
       * their only renewal was lost) is worth what they took away: the amount
       * of their churn event */
      if (churned && (isnan (value) || value == 0) && !isnan (churn_amount))
        value = churn_amount;
      if (!churned_before)
        {
          add_arr (&self->arr_all, value, churned);
          if (band >= 0)
            add_arr (&self->band_arr[band], value, churned);
          if (churned)
            {
              g_array_append_val (l->churned, c);
              if (band >= 0)
                g_array_append_val (l->churned_in_band[band], c);
            }
        }

      /* expansion: a route that waits for readiness, its touch not held back */
      if (r != NULL && r->readiness != NULL && r->to == TS_ROUTE_CSM && !churned_before)
        {
          g_autoptr(TsDecision) d = ts_decide (self->scores, c, NULL);

          if (d != NULL && !d->held_back)
            {
              self->business.expansion_customers++;
              self->business.pipeline_arr += isnan (cu->value[c]) ? 0 : cu->value[c];
              self->business.pipeline_won += won;
            }
        }
    }
  _ts_answer_kinds_clear (&kinds);
  g_free (names.names);
  return TRUE;
}

static int
compare_help_by_day (gconstpointer a,
                     gconstpointer b)
{
  const HelpMoment *x = a, *y = b;

  return (x->opened > y->opened) - (x->opened < y->opened);
}

/* Each help moment under the route the playbook decides for its customer at
 * the end of the day it began (the moment itself seen), and that route's SLA. */
static gboolean
route_help (TsMaturity    *self,
            Lists         *l,
            GArray        *moments,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(TsScores) scores = NULL;
  TsTime scored_at = TS_TIME_NULL;

  g_array_sort (l->help, compare_help_by_day);
  for (guint i = 0; i < l->help->len; i++)
    {
      const HelpMoment *m = &g_array_index (l->help, HelpMoment, i);
      TsTime day_end = MIN ((m->opened - self->from) / DAY * DAY + DAY + self->from, self->to);
      g_autoptr(TsDecision) d = NULL;
      const TsRoute *r = NULL;
      double hours = m->help != TS_TIME_NULL ? (double) (m->help - m->opened) / HOUR
                                             : (double) (self->to - m->opened) / HOUR;
      int route = -1;

      if (day_end != scored_at)
        {
          g_clear_pointer (&scores, ts_scores_unref);
          if ((scores = ts_scorer_run (self->dataset, self->playbook, day_end, cancellable, error)) == NULL)
            return FALSE;
          scored_at = day_end;
        }
      if ((d = ts_decide (scores, m->customer, NULL)) != NULL && d->route >= 0)
        {
          route = d->route;
          r = ts_playbook_get_route (self->playbook, route);
        }

      self->help_all.moments++;
      if (route >= 0)
        self->route_help[route].moments++;
      if (m->help != TS_TIME_NULL)
        {
          Moment slow = { hours, m->customer };

          self->help_all.helped++;
          g_array_append_val (l->help_hours, hours);
          g_array_append_val (moments, slow);
          if (route >= 0)
            {
              self->route_help[route].helped++;
              g_array_append_val (l->route_hours[route], hours);
            }
        }
      if (r != NULL && r->sla_hours > 0)
        {
          TsRouteHelp *h = &self->route_help[route];

          if (m->help != TS_TIME_NULL && hours <= r->sla_hours)
            {
              h->met++;
              self->help_all.met++;
            }
          else if (m->help != TS_TIME_NULL || hours > r->sla_hours)
            {
              h->breached++;
              self->help_all.breached++;
              g_array_append_val (l->route_breached[route], m->customer);
              g_array_append_val (l->breached, m->customer);
            }
        }
    }
  return TRUE;
}

static void
finish_help (TsRouteHelp *h,
             GArray      *hours)
{
  h->median_hours = hours->len ? ts_stats_median ((double *) hours->data, hours->len) : NAN;
  h->p90_hours = hours->len ? ts_stats_quantile ((double *) hours->data, hours->len, 0.9) : NAN;
  h->compliance = h->met + h->breached ? (double) h->met / (h->met + h->breached) : NAN;
}

/* ---------------------------------------------------------------------- */
/* the capabilities                                                       */

static void
judge_signals (TsMaturity  *self,
               Lists       *l,
               const char  *owner)
{
  TsPlaybook *pb = self->playbook;
  Builder b;
  GPtrArray *family[N_FAMILIES] = { NULL };
  g_autoptr(GPtrArray) unbounded = g_ptr_array_new ();
  g_autoptr(GArray) fp = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) fn = g_array_new (FALSE, FALSE, sizeof (guint));
  const TsGovernanceItem *items;
  gboolean stage_read = FALSE;
  guint n;

  builder_init (&b);
  for (guint f = 0; f < N_FAMILIES; f++)
    family[f] = g_ptr_array_new ();
  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    {
      const TsSignal *s = ts_playbook_get_signal (pb, i);

      g_ptr_array_add (family[signal_family (s)], s->id);
      if (s->window == 0 && s->half_life == 0 && s->measure != TS_MEASURE_RECENCY && s->measure != TS_MEASURE_EXISTS)
        g_ptr_array_add (unbounded, s->id);
    }
  stage_read = family[FAMILY_STAGE]->len > 0;
  for (guint i = 0; i < ts_playbook_get_n_routes (pb) && !stage_read; i++)
    stage_read = reads_stage (ts_playbook_get_route (pb, i)->when) ||
                 reads_stage (ts_playbook_get_route (pb, i)->readiness);
  for (guint i = 0; i < ts_playbook_get_n_journeys (pb) && !stage_read; i++)
    stage_read = reads_stage (ts_playbook_get_journey (pb, i)->entry);

#define FAMILY_CRITERION(fam, yes, no) \
  G_STMT_START { \
    if (family[fam]->len) \
      { \
        g_autofree char *ids = join_ids (family[fam]); \
        criterion (&b, TRUE, yes, ids); \
      } \
    else \
      criterion (&b, FALSE, "%s", no); \
  } G_STMT_END

  FAMILY_CRITERION (FAMILY_INTENT, _("Intent: %s"),
                    _("No intent signal: nothing weighs what the customer is trying to do"));
  FAMILY_CRITERION (FAMILY_USAGE, _("Product usage: %s"),
                    _("No usage signal: the score does not see whether the product is used"));
  FAMILY_CRITERION (FAMILY_FRICTION, _("Friction: %s"),
                    _("No friction signal: errors, failed logins and repeat contacts go unseen"));
  if (stage_read)
    criterion (&b, TRUE, "%s", _("Stage: the score, a route or a journey reads where the customer is in their lifecycle"));
  else
    criterion (&b, FALSE, "%s", _("No stage: nothing reads where the customer is in their lifecycle"));
  if (family[FAMILY_ENGAGEMENT]->len)
    {
      g_autofree char *ids = join_ids (family[FAMILY_ENGAGEMENT]);
      criterion (&b, FALSE, _("Vanity engagement weighed (clicks, opens, form fills): %s"), ids);
    }
  else
    criterion (&b, TRUE, "%s", _("No vanity engagement: no signal counts clicks, opens or form fills"));
  if (unbounded->len)
    {
      g_autofree char *ids = join_ids (unbounded);
      criterion (&b, FALSE, _("Hygiene: counted over all history with no window or decay: %s"), ids);
    }
  else
    criterion (&b, TRUE, "%s", _("Hygiene: every count has a window or a decay"));
#undef FAMILY_CRITERION

  items = ts_outcomes_get_false_positives (self->outcomes, &n);
  for (guint i = 0; i < n; i++)
    g_array_append_val (fp, items[i].customer);
  kpi_rate (&b, "false_positive_rate", _("False-positive rate"), fp->len, l->touched->len, -1,
            _("over-contacted"), fp);
  items = ts_outcomes_get_false_negatives (self->outcomes, &n);
  for (guint i = 0; i < n; i++)
    g_array_append_val (fn, items[i].customer);
  kpi_rate (&b, "missed_help_rate", _("Missed help moments"), fn->len, l->high_need->len, -1,
            _("missed"), fn);
  finish (self, TS_CAPABILITY_SIGNAL_QUALITY, &b, owner);
  for (guint f = 0; f < N_FAMILIES; f++)
    g_ptr_array_unref (family[f]);
}

static void
judge_guardrails (TsMaturity *self,
                  Lists      *l,
                  const char *owner)
{
  TsPlaybook *pb = self->playbook;
  const TsOutcomeGroup *all = ts_outcomes_get_all (self->outcomes);
  gboolean cap = FALSE, consent = FALSE, suppression = FALSE, open_case = FALSE, sensitive = FALSE;
  Builder b;

  builder_init (&b);
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (pb, i);

      cap |= g->kind == TS_GUARDRAIL_FREQUENCY_CAP;
      consent |= g->kind == TS_GUARDRAIL_CONSENT;
      suppression |= g->kind == TS_GUARDRAIL_SUPPRESSION;
      open_case |= g->kind == TS_GUARDRAIL_NO_PITCH && g->no_pitch == TS_NO_PITCH_OPEN_CASE;
      sensitive |= g->kind == TS_GUARDRAIL_NO_PITCH && g->no_pitch != TS_NO_PITCH_OPEN_CASE;
    }
  criterion (&b, cap, "%s", cap ? _("Frequency caps limit the touches per channel or overall")
                                : _("No frequency cap: nothing limits how often a customer is touched"));
  criterion (&b, consent, "%s", consent ? _("Consent is checked before every touch")
                                        : _("No consent guardrail: touches ignore what customers agreed to"));
  criterion (&b, suppression, "%s", suppression ? _("Suppression lists hold back who asked not to be contacted")
                                                : _("No suppression list"));
  criterion (&b, open_case, "%s", open_case ? _("No pitching while a support case is open")
                                            : _("Pitches go out while a support case is open"));
  criterion (&b, sensitive, "%s",
             sensitive ? _("No-pitch windows after renewals, complaints, detractor answers or in onboarding")
                       : _("No no-pitch window for sensitive moments (onboarding, renewal, complaint)"));

  kpi_rate (&b, "complaint_rate", _("Complaint rate"), all->complained, all->customers, -1, _("complained"),
            l->complained);
  kpi_rate (&b, "unsubscribe_rate", _("Unsubscribe rate"), all->unsubscribed, all->customers, -1,
            _("unsubscribed"), l->unsubscribed);
  finish (self, TS_CAPABILITY_GUARDRAILS, &b, owner);
}

static void
judge_routing (TsMaturity *self,
               Lists      *l,
               GArray     *slowest,
               const char *owner)
{
  TsPlaybook *pb = self->playbook;
  const TsOutcomeGroup *all = ts_outcomes_get_all (self->outcomes);
  gboolean human = FALSE, self_serve = FALSE, specialist = FALSE;
  g_autoptr(GPtrArray) no_sla = g_ptr_array_new ();
  g_autoptr(GPtrArray) unready = g_ptr_array_new ();
  Builder b;

  builder_init (&b);
  for (guint i = 0; i < ts_playbook_get_n_routes (pb); i++)
    {
      const TsRoute *r = ts_playbook_get_route (pb, i);

      human |= r->to == TS_ROUTE_HUMAN && r->when != NULL;
      self_serve |= r->to == TS_ROUTE_SELF_SERVE;
      specialist |= r->to == TS_ROUTE_SPECIALIST;
      if ((r->to == TS_ROUTE_HUMAN || r->to == TS_ROUTE_SPECIALIST || r->to == TS_ROUTE_CSM) && r->sla_hours <= 0)
        g_ptr_array_add (no_sla, r->id);
      if (r->to == TS_ROUTE_CSM && r->readiness == NULL)
        g_ptr_array_add (unready, r->id);
    }
  criterion (&b, human, "%s", human ? _("Urgent, high-friction moments go to a person")
                                    : _("No route takes urgent or high-friction moments to a person"));
  criterion (&b, self_serve, "%s", self_serve ? _("Low-friction moments go to self-service")
                                              : _("No self-service route"));
  criterion (&b, specialist, "%s", specialist ? _("Complex moments go to a specialist")
                                              : _("No specialist route for complex moments"));
  if (no_sla->len)
    {
      g_autofree char *ids = join_ids (no_sla);
      criterion (&b, FALSE, _("Routes to people without an SLA: %s"), ids);
    }
  else
    criterion (&b, TRUE, "%s", _("Every route to a person has an SLA"));
  if (unready->len)
    {
      g_autofree char *ids = join_ids (unready);
      criterion (&b, FALSE, _("Expansion routes taken without proven readiness: %s"), ids);
    }
  else
    criterion (&b, TRUE, "%s", _("Expansion goes to a CSM only when readiness is proven"));

  kpi (&b, "speed_to_help_hours", _("Speed to help (median hours)"), TS_KPI_UNIT_HOURS,
       self->help_all.median_hours, self->help_all.helped, self->help_all.helped, -1, _("slowest first"), slowest);
  kpi_rate (&b, "sla_compliance", _("SLA compliance"), self->help_all.met,
            self->help_all.met + self->help_all.breached, 1, _("breached"), l->breached);
  for (guint i = 0; i < self->n_routes; i++)
    {
      const TsRouteHelp *h = &self->route_help[i];
      g_autofree char *id = NULL, *label = NULL;

      if (h->sla_hours <= 0)
        continue;
      id = g_strdup_printf ("sla_compliance:%s", h->route);
      /* Translators: "SLA compliance, urgent-help (4 h)" */
      label = g_strdup_printf (_("SLA compliance, %s (%g h)"), h->route, h->sla_hours);
      kpi_rate (&b, id, label, h->met, h->met + h->breached, 1, _("breached"), l->route_breached[i]);
    }
  kpi (&b, "ttr_median_hours", _("Time to resolution (median hours)"), TS_KPI_UNIT_HOURS,
       all->ttr_median_hours, all->ttr_cases, all->ttr_cases, -1, NULL, NULL);
  finish (self, TS_CAPABILITY_ROUTING, &b, owner);
}

static void
judge_journeys (TsMaturity *self,
                Lists      *l,
                const char *owner)
{
  TsPlaybook *pb = self->playbook;
  const TsOutcomeGroup *all = ts_outcomes_get_all (self->outcomes);
  guint n_journeys = ts_playbook_get_n_journeys (pb);
  guint counts[TS_JOURNEY_N_LINT_RULES] = { 0 };
  g_autoptr(GPtrArray) unstaged = g_ptr_array_new ();
  g_autoptr(GArray) not_completed = g_array_new (FALSE, FALSE, sizeof (guint));
  guint entered = 0, goal = 0;
  Builder b;

  builder_init (&b);
  for (guint i = 0; i < ts_journeys_get_n_findings (self->journeys); i++)
    counts[ts_journeys_get_finding (self->journeys, i)->rule]++;
  for (guint j = 0; j < n_journeys; j++)
    {
      const TsJourney *journey = ts_playbook_get_journey (pb, j);
      const TsJourneyNode *node = ts_journeys_get_node (self->journeys, j, TS_JOURNEY_ENTRY);
      const guint *in, *reached;
      guint n_in, n_reached;

      if (!reads_stage (journey->entry))
        g_ptr_array_add (unstaged, journey->id);
      entered += node->customers;
      goal += node->outcomes[TS_JOURNEY_GOAL];
      in = ts_journeys_get_customers (self->journeys, j, TS_JOURNEY_ENTRY, TS_JOURNEY_WHO_PASSED, &n_in);
      reached = ts_journeys_get_customers (self->journeys, j, TS_JOURNEY_ENTRY, TS_JOURNEY_WHO_GOAL, &n_reached);
      if (n_in > 0)
        {
          g_autofree guint8 *done = g_new0 (guint8, ts_dataset_get_customers (self->dataset)->n_rows);

          for (guint i = 0; i < n_reached; i++)
            done[reached[i]] = 1;
          for (guint i = 0; i < n_in; i++)
            if (!done[in[i]])
              g_array_append_val (not_completed, in[i]);
        }
    }

  criterion (&b, n_journeys > 0, "%s", n_journeys > 0 ? _("Customers walk the playbook's journeys")
                                                       : _("No journey: touches are disjointed campaigns"));
  if (n_journeys > 0 && unstaged->len == 0)
    criterion (&b, TRUE, "%s", _("Every journey is entered by stage"));
  else
    {
      g_autofree char *ids = join_ids (unstaged);
      criterion (&b, FALSE, _("Journeys not entered by stage: %s"), n_journeys ? ids : _("none defined"));
    }
#define LINT(cond, yes, no) \
  G_STMT_START { \
    guint _n = (cond); \
    if (n_journeys > 0 && _n == 0) \
      criterion (&b, TRUE, "%s", yes); \
    else if (n_journeys == 0) \
      criterion (&b, FALSE, "%s", no); \
    else \
      criterion (&b, FALSE, ngettext ("%s: %u finding", "%s: %u findings", _n), no, _n); \
  } G_STMT_END
  LINT (counts[TS_JOURNEY_LINT_DUPLICATE_ASK] + counts[TS_JOURNEY_LINT_KNOWN_ASK] +
        counts[TS_JOURNEY_LINT_TOO_MANY_ASKS],
        _("Progressive profiling: no ask repeated, already known or one too many"),
        _("Progressive profiling breaks"));
  LINT (counts[TS_JOURNEY_LINT_NO_PROMISE] + counts[TS_JOURNEY_LINT_NO_REFERENCE],
        _("Context-aware messaging: every touch refers to the one before and makes a promise"),
        _("Touches without context or promise"));
  LINT (counts[TS_JOURNEY_LINT_NO_EXIT] + counts[TS_JOURNEY_LINT_UNREACHABLE] +
        counts[TS_JOURNEY_LINT_OVERLAP],
        _("Every journey has an exit, every step is reached, no two journeys crowd the same customers"),
        _("Exits, reachability or overlaps"));
#undef LINT

  kpi_rate (&b, "journey_completion_rate", _("Journey completion rate"), goal, entered, 1,
            _("did not reach the goal"), not_completed);
  kpi_rate (&b, "deflection_rate", _("Deflection rate"), all->self_service_resolutions, all->deflection_attempts,
            1, _("opened a case"), l->cases_opened);
  kpi_rate (&b, "onboarding_rate", _("Onboarding completion rate"), all->onboarding_completed, all->onboarding_n,
            1, NULL, NULL);
  finish (self, TS_CAPABILITY_JOURNEYS, &b, owner);
}

static void
judge_outcomes (TsMaturity *self,
                Lists      *l,
                const char *owner)
{
  const TsOutcomeGroup *all = ts_outcomes_get_all (self->outcomes);
  const TsOutcomeRules *rules = ts_playbook_get_outcomes (self->playbook);
  const TsCalibration *cal;
  gboolean churn_calibrated = FALSE;
  guint n_cal;
  Builder b;

  builder_init (&b);
  criterion (&b, all->nps.n + all->csat_n > 0, "%s",
             all->nps.n + all->csat_n > 0 ? _("NPS or CSAT answers arrive in the period")
                                          : _("No NPS or CSAT answer in the period: satisfaction is not measured"));
  criterion (&b, all->active > 0 && (l->churned->len > 0 || rules->churn_events != NULL), "%s",
             all->active > 0 ? _("Churn is recorded, by date or by event") : _("No active customer to measure churn on"));
  cal = ts_outcomes_calibration (self->outcomes, &n_cal);
  for (guint i = 0; i < n_cal; i++)
    if (g_str_equal (cal[i].kpi, "churn_rate"))
      churn_calibrated = cal[i].monotone && cal[i].bands >= 2;
  criterion (&b, churn_calibrated, "%s",
             churn_calibrated ? _("Churn rises band by band: the score is tied to outcomes")
                              : _("Churn does not rise band by band (or fewer than two bands measure it)"));
  criterion (&b, rules->holdout > 0, "%s",
             rules->holdout > 0 ? _("A holdout measures the lift of the touches")
                                : _("No holdout: the lift of the touches is not measured"));

  kpi (&b, "nps", _("NPS"), TS_KPI_UNIT_NPS, all->nps.value, all->nps.n, all->nps.n, 1, _("detractors"),
       l->detractors);
  kpi (&b, "csat", _("CSAT (mean)"), TS_KPI_UNIT_CSAT, all->csat_mean, all->csat_n, all->csat_n, 1,
       _("dissatisfied"), l->dissatisfied);
  kpi_rate (&b, "churn_rate", _("Churn rate"), all->churned, all->active, -1, _("churned"), l->churned);
  for (guint i = 0; i < self->n_bands; i++)
    {
      const TsOutcomeGroup *g = ts_outcomes_get_band (self->outcomes, i);
      g_autofree char *id = g_strdup_printf ("churn_rate:%s", g->label);
      /* Translators: "Churn rate, urgent" — a band */
      g_autofree char *label = g_strdup_printf (_("Churn rate, %s"), g->label);

      kpi_rate (&b, id, label, g->churned, g->active, -1, _("churned"), l->churned_in_band[i]);
    }
  finish (self, TS_CAPABILITY_OUTCOMES, &b, owner);
}

static void
judge_governance (TsMaturity        *self,
                  Lists             *l,
                  const char *const *owners)
{
  g_autoptr(GPtrArray) unowned = g_ptr_array_new ();
  g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (guint));
  const TsMaturityKpi *fp = &self->caps[TS_CAPABILITY_SIGNAL_QUALITY].kpis[0];
  double psi = self->drift ? ts_drift_get_score (self->drift)->psi : NAN;
  Builder b;

  builder_init (&b);
  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    {
      g_autofree char *o = owners && owners[i] ? g_strstrip (g_strdup (owners[i])) : NULL;

      if (o == NULL || *o == '\0')
        g_ptr_array_add (unowned, (gpointer) g_dgettext (GETTEXT_PACKAGE, capabilities[i].name));
    }
  if (unowned->len)
    {
      g_autofree char *names = join_ids (unowned);
      criterion (&b, FALSE, _("Capabilities with no owner named: %s"), names);
    }
  else
    criterion (&b, TRUE, "%s", _("Every capability has an owner"));
  if (self->drift)
    criterion (&b, psi < TS_PSI_MODERATE, _("Score drift from the period before: PSI %.3f (%s)"), psi,
               ts_drift_get_score (self->drift)->verdict);
  else
    criterion (&b, FALSE, "%s", _("Drift cannot be checked: the data does not cover the period before"));
  criterion (&b, !isnan (fp->value) && fp->value < GOOD_FALSE_POSITIVE_RATE,
             _("False positives reviewed: %u over-contacted of %u touched (below 10%% expected)"), fp->count, fp->n);
  if (isnan (self->help_all.compliance))
    criterion (&b, FALSE, "%s", _("SLA compliance cannot be checked: no help moment on a route with an SLA"));
  else
    criterion (&b, self->help_all.compliance >= GOOD_SLA_COMPLIANCE,
               _("SLA compliance %.0f%% (90%% expected): %u moments helped in time, %u late or unanswered"),
               100 * self->help_all.compliance, self->help_all.met, self->help_all.breached);

  if (self->before)
    for (guint c = 0; c < ts_scores_get_n_customers (self->scores); c++)
      if (ts_scores_get_band (self->scores, c) != ts_scores_get_band (self->before, c))
        g_array_append_val (moved, c);
  kpi (&b, "score_psi", _("Model stability (PSI of the score)"), TS_KPI_UNIT_PSI, psi,
       self->drift ? ts_scores_get_n_customers (self->scores) : 0,
       self->drift ? ts_scores_get_n_customers (self->scores) : 0, -1, _("changed band"), moved);
  kpi_rate (&b, "sla_compliance", _("SLA compliance"), self->help_all.met,
            self->help_all.met + self->help_all.breached, 1, _("breached"), l->breached);
  finish (self, TS_CAPABILITY_GOVERNANCE, &b, owners ? owners[TS_CAPABILITY_GOVERNANCE] : NULL);
}

/* ---------------------------------------------------------------------- */

static GArray *
uints (void)
{
  return g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
lists_init (Lists *l,
            guint  n_bands,
            guint  n_routes)
{
  l->touched = uints ();
  l->complained = uints ();
  l->unsubscribed = uints ();
  l->detractors = uints ();
  l->dissatisfied = uints ();
  l->churned = uints ();
  l->breached = uints ();
  l->cases_opened = uints ();
  l->high_need = uints ();
  l->help_hours = g_array_new (FALSE, FALSE, sizeof (double));
  l->help = g_array_new (FALSE, FALSE, sizeof (HelpMoment));
  l->churned_in_band = g_new0 (GArray *, n_bands + 1);
  for (guint i = 0; i < n_bands; i++)
    l->churned_in_band[i] = uints ();
  l->route_hours = g_new0 (GArray *, n_routes + 1);
  l->route_breached = g_new0 (GArray *, n_routes + 1);
  for (guint i = 0; i < n_routes; i++)
    {
      l->route_hours[i] = g_array_new (FALSE, FALSE, sizeof (double));
      l->route_breached[i] = uints ();
    }
}

static void
free_arrays (GArray **arrays)
{
  for (guint i = 0; arrays[i]; i++)
    g_array_unref (arrays[i]);
  g_free (arrays);
}

static void
lists_clear (Lists *l)
{
  GArray *all[] = { l->touched, l->complained, l->unsubscribed, l->detractors, l->dissatisfied, l->churned,
                    l->breached, l->cases_opened, l->high_need, l->help_hours, l->help };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_array_unref (all[i]);
  free_arrays (l->churned_in_band);
  free_arrays (l->route_hours);
  free_arrays (l->route_breached);
}

/**
 * ts_maturity_compute:
 * @from: the period's start; the moment decided (scores, routes, bands)
 * @to: its end, not included (rounded up to whole days after @from)
 * @owners: (nullable) (array fixed-size=6): per capability, its owner; NULL
 *   or an empty string: nobody named
 *
 * Judges and measures the six capabilities over [@from, @to): the customers
 * are scored and decided at @from and their outcomes read in the period
 * after it; the score's drift is measured against @from − (@to − @from) when
 * the data reaches back that far.
 *
 * Returns: (transfer full): the matrix, or %NULL with @error set
 */
TsMaturity *
ts_maturity_compute (TsDataset          *ds,
                     TsPlaybook         *pb,
                     TsTime              from,
                     TsTime              to,
                     const char *const  *owners,
                     GCancellable       *cancellable,
                     GError            **error)
{
  g_autoptr(TsMaturity) self = NULL;
  g_autoptr(GArray) moments = NULL;
  g_autoptr(GArray) slowest = NULL;
  guint days;
  TsTime start;
  Lists l;
  gboolean ok;

  g_return_val_if_fail (TS_IS_DATASET (ds), NULL);
  g_return_val_if_fail (pb != NULL, NULL);

  if (from == TS_TIME_NULL || to == TS_TIME_NULL || from >= to)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("the start must come before the end"));
      return NULL;
    }
  days = (guint) ((to - from + DAY - 1) / DAY);

  self = g_new0 (TsMaturity, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = g_object_ref (ds);
  self->playbook = ts_playbook_ref (pb);
  self->from = from;
  self->to = from + (TsTime) days * DAY;

  if ((self->scores = ts_scorer_run (ds, pb, from, cancellable, error)) == NULL ||
      (self->outcomes = ts_outcomes_compute (self->scores, days, cancellable, error)) == NULL ||
      (self->journeys = ts_journeys_simulate (ds, pb, from, days, cancellable, error)) == NULL ||
      (self->touchpoints = ts_touchpoints_compute (ds, pb, from, self->to, cancellable, error)) == NULL)
    return NULL;
  start = _ts_record_data_start (ds);
  if (start != TS_TIME_NULL && start <= from - (TsTime) days * DAY)
    {
      if ((self->before = ts_scorer_run (ds, pb, from - (TsTime) days * DAY, cancellable, error)) == NULL)
        return NULL;
      self->drift = ts_outcomes_drift (self->before, self->scores);
    }

  self->n_routes = ts_playbook_get_n_routes (pb);
  self->route_help = g_new0 (TsRouteHelp, MAX (self->n_routes, 1));
  for (guint i = 0; i < self->n_routes; i++)
    {
      self->route_help[i].route = ts_playbook_get_route (pb, i)->id;
      self->route_help[i].sla_hours = ts_playbook_get_route (pb, i)->sla_hours;
    }
  self->help_all.route = "all";
  self->n_bands = ts_playbook_get_n_bands (pb);
  self->band_arr = g_new0 (TsBandArr, MAX (self->n_bands, 1));
  for (guint i = 0; i < self->n_bands; i++)
    self->band_arr[i].band = ts_playbook_get_band (pb, i)->id;
  self->arr_all.band = "all";

  lists_init (&l, self->n_bands, self->n_routes);
  moments = g_array_new (FALSE, FALSE, sizeof (Moment));
  ok = customer_pass (self, &l, cancellable, error) && route_help (self, &l, moments, cancellable, error);
  if (ok)
    {
      finish_help (&self->help_all, l.help_hours);
      for (guint i = 0; i < self->n_routes; i++)
        finish_help (&self->route_help[i], l.route_hours[i]);

      g_array_sort (moments, compare_moment_slowest);
      slowest = uints ();
      for (guint i = 0; i < moments->len; i++)
        g_array_append_val (slowest, g_array_index (moments, Moment, i).customer);

      for (guint i = 0; i < ts_touchpoints_get_n_touchpoints (self->touchpoints); i++)
        {
          double cost = ts_touchpoints_get_measures (self->touchpoints, i)->cost;

          if (!isnan (cost))
            self->business.touch_cost += cost;
        }
      self->business.touches_per_resolved_case =
        self->business.resolved_cases ? (double) self->business.touches / self->business.resolved_cases : NAN;

      judge_signals (self, &l, owners ? owners[TS_CAPABILITY_SIGNAL_QUALITY] : NULL);
      judge_guardrails (self, &l, owners ? owners[TS_CAPABILITY_GUARDRAILS] : NULL);
      judge_routing (self, &l, slowest, owners ? owners[TS_CAPABILITY_ROUTING] : NULL);
      judge_journeys (self, &l, owners ? owners[TS_CAPABILITY_JOURNEYS] : NULL);
      judge_outcomes (self, &l, owners ? owners[TS_CAPABILITY_OUTCOMES] : NULL);
      judge_governance (self, &l, owners);
    }
  lists_clear (&l);
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

/* ---------------------------------------------------------------------- */
/* accessors                                                              */

TsDataset *
ts_maturity_get_dataset (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

TsPlaybook *
ts_maturity_get_playbook (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->playbook;
}

TsTime
ts_maturity_get_from (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  return self->from;
}

TsTime
ts_maturity_get_to (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  return self->to;
}

TsScores *
ts_maturity_get_scores (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->scores;
}

TsOutcomes *
ts_maturity_get_outcomes (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->outcomes;
}

/**
 * ts_maturity_get_drift:
 *
 * Returns: (nullable): the drift from the period before; %NULL when the data
 *   does not reach back that far
 */
TsDrift *
ts_maturity_get_drift (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->drift;
}

TsJourneys *
ts_maturity_get_journeys (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->journeys;
}

TsTouchpoints *
ts_maturity_get_touchpoints (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->touchpoints;
}

const TsCapability *
ts_maturity_get_capability (TsMaturity     *self,
                            TsCapabilityId  id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id < TS_N_CAPABILITIES, NULL);
  return &self->caps[id];
}

/**
 * ts_maturity_find_kpi:
 *
 * Returns: (nullable): the KPI of that id, in the first capability that
 *   measures it
 */
const TsMaturityKpi *
ts_maturity_find_kpi (TsMaturity *self,
                      const char *id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    for (guint k = 0; k < self->caps[i].n_kpis; k++)
      if (g_str_equal (self->caps[i].kpis[k].id, id))
        return &self->caps[i].kpis[k];
  return NULL;
}

const TsRouteHelp *
ts_maturity_get_route_help (TsMaturity *self,
                            guint      *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n = self->n_routes;
  return self->route_help;
}

const TsRouteHelp *
ts_maturity_get_help_all (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->help_all;
}

const TsBandArr *
ts_maturity_get_band_arr (TsMaturity *self,
                          guint      *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  *n = self->n_bands;
  return self->band_arr;
}

const TsBandArr *
ts_maturity_get_arr_all (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->arr_all;
}

const TsBusinessResults *
ts_maturity_get_business (TsMaturity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->business;
}

/* ---------------------------------------------------------------------- */
/* side by side                                                           */

static void
side_row (GArray     *rows,
          gboolean    business,
          const char *id,
          const char *label,
          TsKpiUnit   unit,
          double      before,
          double      after,
          int         better)
{
  TsMaturityRow r = { business, g_strdup (id), g_strdup (label), unit, before, after, after - before, better };

  g_array_append_val (rows, r);
}

static double
kpi_value (TsMaturity *m,
           const char *id)
{
  const TsMaturityKpi *k = m ? ts_maturity_find_kpi (m, id) : NULL;

  return k ? k->value : NAN;
}

static const TsBandArr *
find_band_arr (TsMaturity *m,
               const char *band)
{
  if (m == NULL)
    return NULL;
  for (guint i = 0; i < m->n_bands; i++)
    if (g_str_equal (m->band_arr[i].band, band))
      return &m->band_arr[i];
  return NULL;
}

/**
 * ts_maturity_side_by_side:
 * @before: (nullable): the run compared with: the period before, or the
 *   playbook in use; NULL: @after alone (before and delta NAN)
 * @after: the run reviewed
 *
 * The customer's results and the business's of two runs, side by side:
 * NPS, CSAT, churn, complaints, unsubscribes, speed to help, SLA compliance,
 * journey completion, deflection, onboarding and false positives; then ARR
 * active, retained and lost (in all and per band of @after), the cost of the
 * touchpoints, touches, touches per resolved case and the expansion
 * routes' pipeline.
 *
 * Returns: (transfer full) (array length=n): free with ts_maturity_rows_free()
 */
TsMaturityRow *
ts_maturity_side_by_side (TsMaturity *before,
                          TsMaturity *after,
                          guint      *n)
{
  static const char *const cx[] = { "nps", "csat", "churn_rate", "complaint_rate", "unsubscribe_rate",
                                    "speed_to_help_hours", "sla_compliance", "journey_completion_rate",
                                    "deflection_rate", "onboarding_rate", "false_positive_rate",
                                    "missed_help_rate" };
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (TsMaturityRow));
  const TsBusinessResults *bb = before ? &before->business : NULL, *ba = &after->business;

  g_return_val_if_fail (after != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cx); i++)
    {
      const TsMaturityKpi *k = ts_maturity_find_kpi (after, cx[i]);

      side_row (rows, FALSE, cx[i], k->label, k->unit, kpi_value (before, cx[i]), k->value, k->better);
    }

  side_row (rows, TRUE, "arr", _("ARR of active customers"), TS_KPI_UNIT_MONEY,
            before ? before->arr_all.arr : NAN, after->arr_all.arr, 1);
  side_row (rows, TRUE, "arr_retained", _("ARR retained"), TS_KPI_UNIT_MONEY,
            before ? before->arr_all.arr_retained : NAN, after->arr_all.arr_retained, 1);
  side_row (rows, TRUE, "arr_lost", _("ARR lost"), TS_KPI_UNIT_MONEY,
            before ? before->arr_all.arr_lost : NAN, after->arr_all.arr_lost, -1);
  for (guint i = 0; i < after->n_bands; i++)
    {
      const TsBandArr *a = &after->band_arr[i], *b = find_band_arr (before, a->band);
      g_autofree char *id_kept = g_strdup_printf ("arr_retained:%s", a->band);
      g_autofree char *id_lost = g_strdup_printf ("arr_lost:%s", a->band);
      /* Translators: "ARR retained, urgent" — a band */
      g_autofree char *kept = g_strdup_printf (_("ARR retained, %s"), a->band);
      /* Translators: "ARR lost, urgent" — a band */
      g_autofree char *lost = g_strdup_printf (_("ARR lost, %s"), a->band);

      side_row (rows, TRUE, id_kept, kept, TS_KPI_UNIT_MONEY, b ? b->arr_retained : NAN, a->arr_retained, 1);
      side_row (rows, TRUE, id_lost, lost, TS_KPI_UNIT_MONEY, b ? b->arr_lost : NAN, a->arr_lost, -1);
    }
  side_row (rows, TRUE, "touch_cost", _("Cost of the touchpoints"), TS_KPI_UNIT_MONEY,
            bb ? bb->touch_cost : NAN, ba->touch_cost, -1);
  side_row (rows, TRUE, "touches", _("Touches made"), TS_KPI_UNIT_NUMBER,
            bb ? bb->touches : NAN, ba->touches, 0);
  side_row (rows, TRUE, "touches_per_resolved_case", _("Touches per resolved case"), TS_KPI_UNIT_NUMBER,
            bb ? bb->touches_per_resolved_case : NAN, ba->touches_per_resolved_case, -1);
  side_row (rows, TRUE, "expansion_customers", _("Customers ready for expansion"), TS_KPI_UNIT_NUMBER,
            bb ? bb->expansion_customers : NAN, ba->expansion_customers, 1);
  side_row (rows, TRUE, "pipeline_arr", _("Pipeline from expansion routes (their ARR)"), TS_KPI_UNIT_MONEY,
            bb ? bb->pipeline_arr : NAN, ba->pipeline_arr, 1);
  side_row (rows, TRUE, "pipeline_won", _("Won by expansion routes' customers"), TS_KPI_UNIT_MONEY,
            bb ? bb->pipeline_won : NAN, ba->pipeline_won, 1);

  *n = rows->len;
  return (TsMaturityRow *) g_array_free (rows, FALSE);
}

void
ts_maturity_rows_free (TsMaturityRow *rows,
                       guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      g_free (rows[i].id);
      g_free (rows[i].label);
    }
  g_free (rows);
}

/* ---------------------------------------------------------------------- */
/* periods, owners, names                                                 */

/**
 * ts_maturity_month_span:
 * @month: "YYYY-MM"
 *
 * Returns: %FALSE when @month is not a month; else [@from, @to) is that
 *   calendar month, UTC
 */
gboolean
ts_maturity_month_span (const char *month,
                        TsTime     *from,
                        TsTime     *to)
{
  guint64 year, mon;
  char *end;

  g_return_val_if_fail (month != NULL, FALSE);
  if (strlen (month) != 7 || month[4] != '-' || !g_ascii_isdigit (month[0]) || !g_ascii_isdigit (month[5]))
    return FALSE;
  year = g_ascii_strtoull (month, &end, 10);
  if (end != month + 4)
    return FALSE;
  mon = g_ascii_strtoull (month + 5, &end, 10);
  if (*end != '\0' || mon < 1 || mon > 12 || year < 1970 || year > 9999)
    return FALSE;
  *from = ts_timestamp_from_civil ((int) year, (int) mon, 1, 0, 0, 0, 0);
  *to = mon == 12 ? ts_timestamp_from_civil ((int) year + 1, 1, 1, 0, 0, 0, 0)
                  : ts_timestamp_from_civil ((int) year, (int) mon + 1, 1, 0, 0, 0, 0);
  return TRUE;
}

/**
 * ts_maturity_previous_span:
 *
 * The period before [@from, @to): the calendar month before when it is a
 * calendar month, else the span of the same length that ends at @from.
 */
void
ts_maturity_previous_span (TsTime  from,
                           TsTime  to,
                           TsTime *previous_from,
                           TsTime *previous_to)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (from / G_USEC_PER_SEC);
  int year = g_date_time_get_year (dt), month = g_date_time_get_month (dt);
  TsTime month_start = ts_timestamp_from_civil (year, month, 1, 0, 0, 0, 0);
  TsTime next = month == 12 ? ts_timestamp_from_civil (year + 1, 1, 1, 0, 0, 0, 0)
                            : ts_timestamp_from_civil (year, month + 1, 1, 0, 0, 0, 0);

  *previous_to = from;
  if (from == month_start && to == next)
    *previous_from = month == 1 ? ts_timestamp_from_civil (year - 1, 12, 1, 0, 0, 0, 0)
                                : ts_timestamp_from_civil (year, month - 1, 1, 0, 0, 0, 0);
  else
    *previous_from = from - (to - from);
}

/**
 * ts_maturity_default_span:
 *
 * The last full calendar month of the data: the month before the one in
 * which the midnight after the latest record falls.
 *
 * Returns: %FALSE when the data has no record
 */
gboolean
ts_maturity_default_span (TsDataset *ds,
                          TsTime    *from,
                          TsTime    *to)
{
  TsTime end = ts_scorer_default_as_of (ds);
  g_autoptr(GDateTime) dt = NULL;
  int year, month;

  if (end == TS_TIME_NULL || _ts_record_data_start (ds) == TS_TIME_NULL)
    return FALSE;
  dt = g_date_time_new_from_unix_utc (end / G_USEC_PER_SEC);
  year = g_date_time_get_year (dt);
  month = g_date_time_get_month (dt);
  *to = ts_timestamp_from_civil (year, month, 1, 0, 0, 0, 0);
  *from = month == 1 ? ts_timestamp_from_civil (year - 1, 12, 1, 0, 0, 0, 0)
                     : ts_timestamp_from_civil (year, month - 1, 1, 0, 0, 0, 0);
  return TRUE;
}

/**
 * ts_maturity_dup_owners:
 *
 * Returns: (transfer full): the owners the workspace names, per capability
 *   (six strings, then NULL: free with g_strfreev()); "" where nobody is named
 */
char **
ts_maturity_dup_owners (TsWorkspace *workspace)
{
  char **owners = g_new0 (char *, TS_N_CAPABILITIES + 1);

  g_return_val_if_fail (TS_IS_WORKSPACE (workspace), owners);
  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    {
      g_autofree char *key = g_strconcat ("owner.", capabilities[i].key, NULL);
      const char *owner = ts_workspace_get_view_string (workspace, "maturity", key);

      owners[i] = g_strdup (owner ? owner : "");
    }
  return owners;
}

/**
 * ts_maturity_set_owner:
 * @owner: (nullable): NULL or empty: nobody named
 *
 * Names a capability's owner in the workspace (saved with it).
 */
void
ts_maturity_set_owner (TsWorkspace    *workspace,
                       TsCapabilityId  id,
                       const char     *owner)
{
  g_autofree char *key = NULL;
  g_autofree char *stripped = owner ? g_strstrip (g_strdup (owner)) : NULL;

  g_return_if_fail (TS_IS_WORKSPACE (workspace));
  g_return_if_fail (id < TS_N_CAPABILITIES);
  key = g_strconcat ("owner.", capabilities[id].key, NULL);
  ts_workspace_set_view_string (workspace, "maturity", key, stripped && *stripped ? stripped : NULL);
}

/**
 * ts_capability_from_key:
 *
 * Returns: the capability of @key ("signal_quality"…), or -1
 */
int
ts_capability_from_key (const char *key)
{
  g_return_val_if_fail (key != NULL, -1);
  for (guint i = 0; i < TS_N_CAPABILITIES; i++)
    if (g_str_equal (key, capabilities[i].key))
      return i;
  return -1;
}

const char *
ts_capability_key (TsCapabilityId id)
{
  g_return_val_if_fail (id < TS_N_CAPABILITIES, NULL);
  return capabilities[id].key;
}

const char *
ts_maturity_level_to_string (TsMaturityLevel level)
{
  static const char *const names[] = { "ad_hoc", "developing", "operationalised" };

  g_return_val_if_fail (level <= TS_MATURITY_OPERATIONALISED, NULL);
  return names[level];
}

const char *
ts_maturity_level_describe (TsMaturityLevel level)
{
  static const char *const names[] = { N_("Ad hoc"), N_("Developing"), N_("Operationalised") };

  g_return_val_if_fail (level <= TS_MATURITY_OPERATIONALISED, NULL);
  return g_dgettext (GETTEXT_PACKAGE, names[level]);
}

/* ts-touchpoints.c — customer experience assets, measured
 *
 * Each touchpoint of the playbook is bound to one table (events, cases,
 * touches, responses) by a filter: a record that passes it in [from, to) is
 * an interaction, at the record's time (a case's: when it was opened).
 * Records are read as of `to`, as the driver index reads them.  For each:
 *
 *   interactions, customers     records, and the distinct customers reached
 *   reach                       customers / the base: those created before
 *                               `to` (or with no creation date) and not
 *                               churned before `from`
 *   attention: time             the seconds an interaction held, where the
 *                               touchpoint names a number for it
 *                               ("properties.seconds"): median, 90th
 *                               percentile and the total in hours
 *   attention: span             distinct days with an interaction per
 *                               customer reached: how often it draws them back
 *   satisfaction after          NPS (0–10) and CSAT (1–5) answers in
 *                               (interaction, interaction + satisfaction_days],
 *                               before `to`: each answer once per touchpoint
 *   cost                        (investment / lifetime_months + upkeep_per_month)
 *                               × the months of [from, to) (30.436875 days
 *                               each), per interaction and per customer
 *
 * The NPS of every answer in [from, to) is given beside, to compare with.
 * One pass over each customer's slice of each table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-touchpoints"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ts-record-private.h"
#include "ts-scorer.h"
#include "ts-touchpoints.h"

#define DAY ((TsTime) 86400 * G_USEC_PER_SEC)
#define MONTH_DAYS 30.436875

typedef struct
{
  guint  promoters, passives, detractors;
  double csat_sum;
  guint  csat_n;
  guint  active_days;
  GArray *seconds;           /* double */
} Acc;

struct _TsTouchpoints
{
  gatomicrefcount       ref_count;
  TsDataset            *dataset;
  TsPlaybook           *playbook;
  TsTime                from, to;
  guint                 n_touchpoints;
  guint                 base;
  TsEstimate            nps_all;
  TsTouchpointMeasures *measures;
  GArray              **members;    /* per touchpoint: guint */
};

G_DEFINE_BOXED_TYPE (TsTouchpoints, ts_touchpoints, ts_touchpoints_ref, ts_touchpoints_unref)

TsTouchpoints *
ts_touchpoints_ref (TsTouchpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_touchpoints_unref (TsTouchpoints *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < self->n_touchpoints; i++)
    g_array_unref (self->members[i]);
  g_free (self->members);
  g_free (self->measures);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->playbook, ts_playbook_unref);
  g_free (self);
}

static void
count_answer (guint  *promoters,
              guint  *passives,
              guint  *detractors,
              double  score)
{
  if (score >= 9)
    (*promoters)++;
  else if (score >= 7)
    (*passives)++;
  else
    (*detractors)++;
}

/* one customer's interactions with touchpoint @t and the answers after them */
static gboolean
measure_customer (TsTouchpoints  *self,
                  guint           c,
                  guint           t,
                  TsRecord       *records,
                  TsRecordFilter *filter,
                  TsAnswerKinds  *kinds,
                  GArray         *times,
                  Acc            *acc,
                  GError        **error)
{
  const TsTouchpoint *tp = ts_playbook_get_touchpoint (self->playbook, t);
  TsDataset *ds = self->dataset;
  const guint32 *bc = _ts_record_by_customer (ds, tp->table);
  const TsTime *time = ts_dataset_get_column (ds, tp->table, ts_table_get_time_field (tp->table));
  const TsResponses *r = ts_dataset_get_responses (ds);
  TsRecord *rec = &records[tp->table];
  guint hi = ts_time_lower_bound (time, bc[c], bc[c + 1], self->to);
  guint lo = ts_time_lower_bound (time, bc[c], hi, self->from);
  TsTime window = (TsTime) tp->satisfaction_days * DAY;
  TsTime last_day = TS_TIME_NULL;
  guint k = 0;

  g_array_set_size (times, 0);
  for (guint row = lo; row < hi; row++)
    {
      gboolean pass;
      TsTime day;

      if (!_ts_record_filter_eval (filter, rec, row, &pass, error))
        {
          g_prefix_error (error, "$.touchpoints[%u].filter: ", t);
          return FALSE;
        }
      if (!pass)
        continue;
      g_array_append_val (times, time[row]);
      day = time[row] >= 0 ? time[row] / DAY : (time[row] - DAY + 1) / DAY;
      if (day != last_day)
        acc->active_days++;
      last_day = day;
      if (tp->attention != NULL)
        {
          TsExprValue v;

          rec->row = row;
          if (_ts_record_resolve (tp->attention, &v, rec) && v.type == TS_VALUE_NUMBER && v.number >= 0)
            g_array_append_val (acc->seconds, v.number);
        }
    }
  if (times->len == 0)
    return TRUE;

  /* the answers after an interaction: both lists are in time order */
  lo = ts_time_lower_bound (r->at, r->by_customer[c], r->by_customer[c + 1], g_array_index (times, TsTime, 0) + 1);
  hi = ts_time_lower_bound (r->at, lo, r->by_customer[c + 1], self->to);
  for (guint row = lo; row < hi; row++)
    {
      TsAnswerKind kind = _ts_answer_kinds_get (kinds, row);
      TsTime at = r->at[row];

      if (kind != TS_ANSWER_NPS && kind != TS_ANSWER_CSAT)
        continue;
      /* the last interaction before the answer */
      while (k + 1 < times->len && g_array_index (times, TsTime, k + 1) < at)
        k++;
      if (g_array_index (times, TsTime, k) >= at || at - g_array_index (times, TsTime, k) > window)
        continue;
      if (kind == TS_ANSWER_NPS)
        count_answer (&acc->promoters, &acc->passives, &acc->detractors, r->score[row]);
      else
        {
          acc->csat_sum += r->score[row];
          acc->csat_n++;
        }
    }
  return TRUE;
}

static void
finish (TsTouchpoints *self,
        guint          t,
        Acc           *acc)
{
  const TsTouchpoint *tp = ts_playbook_get_touchpoint (self->playbook, t);
  TsTouchpointMeasures *m = &self->measures[t];
  double *seconds = (double *) (gpointer) acc->seconds->data;
  guint n = acc->seconds->len;

  m->customers = self->members[t]->len;
  m->reach = self->base > 0 ? (double) m->customers / self->base : NAN;
  m->interactions_per_customer = m->customers > 0 ? (double) m->interactions / m->customers : NAN;
  m->active_days_per_customer = m->customers > 0 ? (double) acc->active_days / m->customers : NAN;
  m->attention_n = n;
  m->attention_hours = NAN;
  if (n > 0)
    {
      double total = 0;

      for (guint i = 0; i < n; i++)
        total += seconds[i];
      m->attention_hours = total / 3600;
    }
  m->attention_median_seconds = ts_stats_quantile (seconds, n, 0.5);
  m->attention_p90_seconds = ts_stats_quantile (seconds, n, 0.9);
  m->nps_after = ts_stats_nps (acc->promoters, acc->passives, acc->detractors);
  m->csat_after = acc->csat_n > 0 ? acc->csat_sum / acc->csat_n : NAN;
  m->csat_after_n = acc->csat_n;
  m->months = (double) (self->to - self->from) / DAY / MONTH_DAYS;
  m->cost = (tp->investment / tp->lifetime_months + tp->upkeep_per_month) * m->months;
  m->cost_per_interaction = m->interactions > 0 ? m->cost / m->interactions : NAN;
  m->cost_per_customer = m->customers > 0 ? m->cost / m->customers : NAN;
}

/**
 * ts_touchpoints_compute:
 * @ds: the data
 * @pb: the playbook: its touchpoints
 * @from: the first moment measured; %TS_TIME_NULL: the data's first record
 * @to: the end, not included: nothing at or after it is seen;
 *   %TS_TIME_NULL: the midnight after the data's last record
 *
 * Measures every touchpoint of @pb over [@from, @to).  Checks @cancellable
 * every 1,024 customers.
 *
 * Returns: (transfer full): the measures, or %NULL with @error set: a
 *   filter that cannot be evaluated (its JSON path), or @from not before @to
 */
TsTouchpoints *
ts_touchpoints_compute (TsDataset     *ds,
                        TsPlaybook    *pb,
                        TsTime         from,
                        TsTime         to,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(TsTouchpoints) self = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (TsTime));
  g_autofree TsRecordFilter *filters = NULL;
  g_autofree Acc *accs = NULL;
  TsRecord records[TS_N_TABLES];
  TsAnswerKinds kinds;
  const TsCustomers *cu;
  const TsResponses *r;
  guint all[3] = { 0, };
  gboolean ok = TRUE;

  g_return_val_if_fail (TS_IS_DATASET (ds), NULL);
  g_return_val_if_fail (pb != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_ts_record_span (ds, &from, &to, error))
    return NULL;

  self = g_new0 (TsTouchpoints, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = g_object_ref (ds);
  self->playbook = ts_playbook_ref (pb);
  self->from = from;
  self->to = to;
  self->n_touchpoints = ts_playbook_get_n_touchpoints (pb);
  self->measures = g_new0 (TsTouchpointMeasures, MAX (self->n_touchpoints, 1));
  self->members = g_new0 (GArray *, MAX (self->n_touchpoints, 1));
  filters = g_new0 (TsRecordFilter, MAX (self->n_touchpoints, 1));
  accs = g_new0 (Acc, MAX (self->n_touchpoints, 1));
  for (guint t = 0; t < self->n_touchpoints; t++)
    {
      const TsTouchpoint *tp = ts_playbook_get_touchpoint (pb, t);

      self->members[t] = g_array_new (FALSE, FALSE, sizeof (guint));
      accs[t].seconds = g_array_new (FALSE, FALSE, sizeof (double));
      _ts_record_filter_init (&filters[t], ds, tp->table, tp->filter);
    }
  _ts_records_init (records, ds, to);
  _ts_answer_kinds_init (&kinds, ds);

  cu = ts_dataset_get_customers (ds);
  r = ts_dataset_get_responses (ds);
  for (guint c = 0; c < cu->n_rows && ok; c++)
    {
      TsTime created = cu->created_at[c], churned = cu->churned_at[c];

      if ((c & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if ((created == TS_TIME_NULL || created < to) && (churned == TS_TIME_NULL || churned >= from))
        self->base++;

      for (guint t = 0; t < self->n_touchpoints && ok; t++)
        {
          if (!measure_customer (self, c, t, records, &filters[t], &kinds, times, &accs[t], error))
            ok = FALSE;
          else if (times->len > 0)
            {
              self->measures[t].interactions += times->len;
              g_array_append_val (self->members[t], c);
            }
        }

      /* every answer of the period, to compare with */
      for (guint row = ts_time_lower_bound (r->at, r->by_customer[c], r->by_customer[c + 1], from);
           row < r->by_customer[c + 1] && r->at[row] < to; row++)
        if (_ts_answer_kinds_get (&kinds, row) == TS_ANSWER_NPS)
          count_answer (&all[0], &all[1], &all[2], r->score[row]);
    }
  _ts_records_clear (records);
  _ts_answer_kinds_clear (&kinds);
  for (guint t = 0; t < self->n_touchpoints; t++)
    {
      if (ok)
        finish (self, t, &accs[t]);
      _ts_record_filter_clear (&filters[t]);
      g_array_unref (accs[t].seconds);
    }
  if (!ok)
    return NULL;
  self->nps_all = ts_stats_nps (all[0], all[1], all[2]);
  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------ */
/* Access                                                              */
/* ------------------------------------------------------------------ */

TsDataset *
ts_touchpoints_get_dataset (TsTouchpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

TsPlaybook *
ts_touchpoints_get_playbook (TsTouchpoints *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->playbook;
}

TsTime
ts_touchpoints_get_from (TsTouchpoints *self)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  return self->from;
}

TsTime
ts_touchpoints_get_to (TsTouchpoints *self)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  return self->to;
}

/**
 * ts_touchpoints_get_base:
 *
 * Returns: the customers reach is a share of: created before the end (or
 *   with no creation date), not churned before the start
 */
guint
ts_touchpoints_get_base (TsTouchpoints *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->base;
}

/**
 * ts_touchpoints_get_nps_all:
 *
 * Returns: the NPS of every NPS answer in [from, to), after an interaction
 *   or not: what each touchpoint's NPS after is compared with
 */
TsEstimate
ts_touchpoints_get_nps_all (TsTouchpoints *self)
{
  g_return_val_if_fail (self != NULL, ts_stats_nps (0, 0, 0));
  return self->nps_all;
}

guint
ts_touchpoints_get_n_touchpoints (TsTouchpoints *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_touchpoints;
}

const TsTouchpoint *
ts_touchpoints_get_touchpoint (TsTouchpoints *self,
                               guint          i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->n_touchpoints, NULL);
  return ts_playbook_get_touchpoint (self->playbook, i);
}

const TsTouchpointMeasures *
ts_touchpoints_get_measures (TsTouchpoints *self,
                             guint          i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->n_touchpoints, NULL);
  return &self->measures[i];
}

/**
 * ts_touchpoints_get_members:
 * @n: (out): how many
 *
 * Returns: (transfer none): the customers (rows of the customers table) the
 *   touchpoint reached in [from, to), in row order
 */
const guint *
ts_touchpoints_get_members (TsTouchpoints *self,
                            guint          i,
                            guint         *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->n_touchpoints, NULL);
  g_return_val_if_fail (n != NULL, NULL);
  *n = self->members[i]->len;
  return (const guint *) (gpointer) self->members[i]->data;
}

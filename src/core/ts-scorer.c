/* ts-scorer.c — every customer's signals, score and band, as of a moment
 *
 * Strictly point in time: as of T, a record is seen only when its time is
 * before T (a record exactly at T is not), and a time field that holds a
 * moment at or after T reads as null — the case closed tomorrow is open
 * today.  A case's `status` is null while its closing is still to come;
 * conditions ask `open` instead.
 *
 * For each signal, the records of the customer in the signal's table, in
 * the window [T - window, T), that pass its filter are measured, each
 * weighing 0.5^(age / half_life) when the signal decays:
 *
 *   count    the (weighted) number of records
 *   exists   1 when there is one, else 0
 *   sum      the (weighted) sum of the numeric field
 *   rate     the count per day of the window
 *   recency  days since the latest; NAN when there is none
 *
 * and normalised to 0..1 (a NAN, "never", normalises to 1).  The score is
 * 100 · Σ wᵢ·vᵢ / Σ wᵢ, kept as its contributions, which add up to it.
 *
 * Customers are split across the cores; each thread has its own reader of
 * event properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-scorer"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ts-record-private.h"
#include "ts-scorer.h"
#include "ts-timestamp.h"

#define DAY ((TsTime) 86400 * G_USEC_PER_SEC)

struct _TsScores
{
  gatomicrefcount  ref_count;
  TsDataset       *dataset;
  TsPlaybook      *playbook;
  TsTime           as_of;
  guint            n_customers;
  guint            n_signals;
  double          *score;       /* n_customers */
  TsSignalValue   *values;      /* n_customers × n_signals */
  gsize            order_once;
  guint           *order;       /* by score, highest first: once asked for */
};

G_DEFINE_BOXED_TYPE (TsScores, ts_scores, ts_scores_ref, ts_scores_unref)

TsScores *
ts_scores_ref (TsScores *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_scores_unref (TsScores *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_object_unref (self->dataset);
  ts_playbook_unref (self->playbook);
  g_free (self->score);
  g_free (self->values);
  g_free (self->order);
  g_free (self);
}

/* ------------------------------------------------------------------ */
/* Measuring                                                           */
/* ------------------------------------------------------------------ */

static double
normalise (const TsSignal *s,
           double          raw)
{
  double v;

  if (isnan (raw))
    return 1.0;
  switch (s->normalise)
    {
    case TS_NORMALISE_CAP:
      v = raw / s->max;
      break;
    case TS_NORMALISE_LOG:
      v = log1p (MAX (raw, 0.0)) / log1p (s->max);
      break;
    case TS_NORMALISE_MINMAX:
    default:
      v = (raw - s->min) / (s->max - s->min);
      break;
    }
  return CLAMP (v, 0.0, 1.0);
}

typedef struct
{
  TsScores      *scores;
  guint          first, last;        /* customers */
  GCancellable  *cancellable;
  GError        *error;
} Slice;

/* A filter that reads one string field (`name in [...]`) has the same
 * result for every row with the same string: it is evaluated once per
 * distinct string and remembered. Returns the field, or -1. */
static int
memo_field (const TsSignal *s)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int f;

  if (s->filter == NULL)
    return -1;
  ts_expr_collect_names (s->filter, names);
  if (names->len != 1 || (f = ts_table_find_field (s->table, names->pdata[0])) <= 0)
    return -1;
  if (ts_table_get_field (s->table, f)->type != TS_FIELD_TYPE_STRING)
    return -1;
  /* a case's status depends on the moment (see ts-record.c) */
  if (s->table == TS_TABLE_CASES && f == TS_CASE_STATUS)
    return -1;
  return f;
}

typedef struct
{
  const guint32 *column;   /* NULL: no memo */
  guint8        *known;    /* per string id: 0 not yet, 1 fails, 2 passes */
} Memo;

static gboolean
measure (TsScores       *scores,
         const TsSignal *s,
         guint           signal,
         TsRecord       *rec,
         Memo           *memo,
         guint           customer,
         TsSignalValue  *out,
         GError        **error)
{
  const guint32 *by_customer;
  const TsTime *time;
  const double *field = s->field >= 0 ? ts_dataset_get_column (scores->dataset, s->table, s->field) : NULL;
  guint lo, hi;
  double count = 0, sum = 0;
  TsTime latest = TS_TIME_NULL;
  gboolean any = FALSE;

  switch (s->table)
    {
    case TS_TABLE_EVENTS: by_customer = ts_dataset_get_events (scores->dataset)->by_customer; break;
    case TS_TABLE_CASES: by_customer = ts_dataset_get_cases (scores->dataset)->by_customer; break;
    case TS_TABLE_TOUCHES: by_customer = ts_dataset_get_touches (scores->dataset)->by_customer; break;
    case TS_TABLE_RESPONSES: by_customer = ts_dataset_get_responses (scores->dataset)->by_customer; break;
    default: g_assert_not_reached ();
    }
  time = ts_dataset_get_column (scores->dataset, s->table, ts_table_get_time_field (s->table));

  lo = by_customer[customer];
  hi = by_customer[customer + 1];
  /* nothing at or after the moment, nothing older than the window, no null times */
  hi = ts_time_lower_bound (time, lo, hi, scores->as_of);
  lo = ts_time_lower_bound (time, lo, hi, s->window ? scores->as_of - s->window * G_USEC_PER_SEC : TS_TIME_NULL + 1);

  for (guint row = lo; row < hi; row++)
    {
      double w = 1.0;

      if (s->filter)
        {
          gboolean pass = FALSE;
          guint8 *known = memo->column ? &memo->known[memo->column[row]] : NULL;

          if (known && *known)
            pass = *known == 2;
          else
            {
              rec->row = row;
              if (!ts_expr_eval_bool (s->filter, _ts_record_resolve, rec, &pass, error))
                {
                  g_prefix_error (error, "$.signals[%u].filter: ", signal);
                  return FALSE;
                }
              if (known)
                *known = pass ? 2 : 1;
            }
          if (!pass)
            continue;
        }
      if (s->half_life)
        w = exp2 (-(double) (scores->as_of - time[row]) / ((double) s->half_life * G_USEC_PER_SEC));
      any = TRUE;
      out->count++;
      count += w;
      if (field && !isnan (field[row]))
        sum += w * field[row];
      latest = time[row];
    }

  switch (s->measure)
    {
    case TS_MEASURE_COUNT: out->raw = count; break;
    case TS_MEASURE_EXISTS: out->raw = any ? 1 : 0; break;
    case TS_MEASURE_SUM: out->raw = sum; break;
    case TS_MEASURE_RATE: out->raw = count / ((double) s->window / 86400.0); break;
    case TS_MEASURE_RECENCY:
      out->raw = any ? (double) (scores->as_of - latest) / (double) DAY : NAN;
      break;
    default: g_assert_not_reached ();
    }
  return TRUE;
}

static gpointer
score_slice (gpointer data)
{
  Slice *slice = data;
  TsScores *scores = slice->scores;
  TsPlaybook *pb = scores->playbook;
  TsRecord records[TS_N_TABLES];
  g_autofree Memo *memos = g_new0 (Memo, MAX (scores->n_signals, 1));
  guint n_strings = ts_str_pool_get_size (ts_dataset_get_strings (scores->dataset));
  double total = 0;

  for (guint i = 0; i < scores->n_signals; i++)
    total += ts_playbook_get_signal (pb, i)->weight;
  memset (records, 0, sizeof records);
  for (guint i = 0; i < scores->n_signals; i++)
    {
      TsTable t = ts_playbook_get_signal (pb, i)->table;

      int f = memo_field (ts_playbook_get_signal (pb, i));

      if (records[t].dataset == NULL)
        _ts_record_init (&records[t], scores->dataset, t, scores->as_of);
      if (f >= 0)
        {
          memos[i].column = ts_dataset_get_column (scores->dataset, t, f);
          memos[i].known = g_new0 (guint8, MAX (n_strings, 1));
        }
    }

  for (guint c = slice->first; c < slice->last; c++)
    {
      TsSignalValue *v = &scores->values[(gsize) c * scores->n_signals];
      double score = 0;

      if ((c & 1023) == 0 && g_cancellable_set_error_if_cancelled (slice->cancellable, &slice->error))
        break;
      for (guint i = 0; i < scores->n_signals; i++)
        {
          const TsSignal *s = ts_playbook_get_signal (pb, i);

          if (!measure (scores, s, i, &records[s->table], &memos[i], c, &v[i], &slice->error))
            goto out;
          v[i].value = normalise (s, v[i].raw);
          v[i].contribution = 100.0 * s->weight * v[i].value / total;
          score += v[i].contribution;
        }
      scores->score[c] = score;
    }
out:
  for (guint t = 0; t < TS_N_TABLES; t++)
    _ts_record_clear (&records[t]);
  for (guint i = 0; i < scores->n_signals; i++)
    g_free (memos[i].known);
  return NULL;
}

/**
 * ts_scorer_run:
 * @as_of: the moment: records at or after it are not seen
 *
 * Scores every customer of @dataset with @playbook, on all cores.
 *
 * Returns: (transfer full): the scores, or %NULL when cancelled or when a
 *   filter cannot be evaluated (the error names the signal's JSON path)
 */
TsScores *
ts_scorer_run (TsDataset     *dataset,
               TsPlaybook    *playbook,
               TsTime         as_of,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(TsScores) self = NULL;
  guint n_threads;
  Slice *slices;
  GThread **threads;
  GError *first_error = NULL;

  g_return_val_if_fail (TS_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (playbook != NULL, NULL);

  self = g_new0 (TsScores, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = g_object_ref (dataset);
  self->playbook = ts_playbook_ref (playbook);
  self->as_of = as_of;
  self->n_customers = ts_dataset_get_n_rows (dataset, TS_TABLE_CUSTOMERS);
  self->n_signals = ts_playbook_get_n_signals (playbook);
  self->score = g_new0 (double, MAX (self->n_customers, 1));
  self->values = g_new0 (TsSignalValue, MAX ((gsize) self->n_customers * self->n_signals, 1));

  n_threads = CLAMP (g_get_num_processors (), 1, 16);
  if (self->n_customers < 4096)
    n_threads = 1;
  slices = g_new0 (Slice, n_threads);
  threads = g_new0 (GThread *, n_threads);
  for (guint i = 0; i < n_threads; i++)
    {
      slices[i].scores = self;
      slices[i].first = (guint) ((guint64) self->n_customers * i / n_threads);
      slices[i].last = (guint) ((guint64) self->n_customers * (i + 1) / n_threads);
      slices[i].cancellable = cancellable;
      if (i > 0)
        threads[i] = g_thread_new ("ts-scorer", score_slice, &slices[i]);
    }
  score_slice (&slices[0]);
  for (guint i = 0; i < n_threads; i++)
    {
      if (threads[i])
        g_thread_join (threads[i]);
      if (slices[i].error && first_error == NULL)
        first_error = g_steal_pointer (&slices[i].error);
      g_clear_error (&slices[i].error);
    }
  g_free (slices);
  g_free (threads);

  if (first_error)
    {
      g_propagate_error (error, first_error);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * ts_scorer_default_as_of:
 *
 * The midnight (UTC) after the dataset's latest record: the moment at which
 * all of it is seen.
 */
TsTime
ts_scorer_default_as_of (TsDataset *dataset)
{
  static const TsTable tables[] = { TS_TABLE_EVENTS, TS_TABLE_CASES, TS_TABLE_TOUCHES, TS_TABLE_RESPONSES };
  TsTime latest = TS_TIME_NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      TsTime first, last;

      if (ts_dataset_get_time_range (dataset, tables[i], &first, &last))
        latest = MAX (latest, last);
    }
  if (latest == TS_TIME_NULL)
    return (g_get_real_time () / DAY + 1) * DAY;
  return (latest >= 0 ? latest / DAY : (latest - DAY + 1) / DAY) * DAY + DAY;
}

/* ------------------------------------------------------------------ */
/* Access                                                              */
/* ------------------------------------------------------------------ */

TsTime
ts_scores_get_as_of (TsScores *self)
{
  return self->as_of;
}

TsDataset *
ts_scores_get_dataset (TsScores *self)
{
  return self->dataset;
}

TsPlaybook *
ts_scores_get_playbook (TsScores *self)
{
  return self->playbook;
}

guint
ts_scores_get_n_customers (TsScores *self)
{
  return self->n_customers;
}

double
ts_scores_get_score (TsScores *self,
                     guint     customer)
{
  g_return_val_if_fail (customer < self->n_customers, NAN);
  return self->score[customer];
}

const TsBand *
ts_scores_get_band (TsScores *self,
                    guint     customer)
{
  g_return_val_if_fail (customer < self->n_customers, NULL);
  return ts_playbook_band_for_score (self->playbook, self->score[customer]);
}

const TsSignalValue *
ts_scores_get_signal (TsScores *self,
                      guint     customer,
                      guint     signal)
{
  g_return_val_if_fail (customer < self->n_customers, NULL);
  g_return_val_if_fail (signal < self->n_signals, NULL);
  return &self->values[(gsize) customer * self->n_signals + signal];
}

/**
 * ts_scores_set_signal_raw:
 * @raw: the measure, as a workshop sets it by hand
 *
 * Replaces one signal's measure of one customer and recomputes its value,
 * its contribution and the customer's score, so that the explanation is
 * still the score.  For scores no one else holds (a scenario's own).
 */
void
ts_scores_set_signal_raw (TsScores *self,
                          guint     customer,
                          guint     signal,
                          double    raw)
{
  const TsSignal *s;
  TsSignalValue *v;
  double total = 0, score = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (g_atomic_ref_count_compare (&self->ref_count, 1));
  g_return_if_fail (customer < self->n_customers);
  g_return_if_fail (signal < self->n_signals);

  s = ts_playbook_get_signal (self->playbook, signal);
  v = &self->values[(gsize) customer * self->n_signals];
  v[signal].raw = raw;
  if (s->measure == TS_MEASURE_COUNT || s->measure == TS_MEASURE_EXISTS)
    v[signal].count = isnan (raw) || raw < 0 ? 0 : (guint) round (raw);
  v[signal].value = normalise (s, raw);
  for (guint i = 0; i < self->n_signals; i++)
    total += ts_playbook_get_signal (self->playbook, i)->weight;
  for (guint i = 0; i < self->n_signals; i++)
    {
      v[i].contribution = total > 0 ? 100.0 * ts_playbook_get_signal (self->playbook, i)->weight * v[i].value / total : 0;
      score += v[i].contribution;
    }
  self->score[customer] = score;
}

typedef struct
{
  double      score;
  const char *id;
  guint       customer;
} Ranked;

static int
by_score_desc (const void *a,
               const void *b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->score != rb->score)
    return ra->score < rb->score ? 1 : -1;
  return g_strcmp0 (ra->id, rb->id);
}

/**
 * ts_scores_get_order:
 *
 * The customers by score, highest first; equal scores by customer id.
 * Sorted once, on the first call, from whichever thread makes it: a caller
 * on a worker thread spares the main thread the sort.
 *
 * Returns: (transfer none): ts_scores_get_n_customers() customer rows
 */
const guint *
ts_scores_get_order (TsScores *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (g_once_init_enter (&self->order_once))
    {
      guint *order = g_new (guint, MAX (self->n_customers, 1));
      const guint32 *id = ts_dataset_get_customers (self->dataset)->id;
      /* score and id side by side: the comparisons touch one array */
      g_autofree Ranked *ranked = g_new (Ranked, MAX (self->n_customers, 1));

      for (guint c = 0; c < self->n_customers; c++)
        ranked[c] = (Ranked) { self->score[c], ts_dataset_get_string (self->dataset, id[c]), c };
      qsort (ranked, self->n_customers, sizeof (Ranked), by_score_desc);
      for (guint c = 0; c < self->n_customers; c++)
        order[c] = ranked[c].customer;
      self->order = order;
      g_once_init_leave (&self->order_once, 1);
    }
  return self->order;
}

/**
 * ts_scores_dup_order:
 *
 * Returns: (transfer full): a copy of ts_scores_get_order()
 */
guint *
ts_scores_dup_order (TsScores *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (ts_scores_get_order (self), MAX (self->n_customers, 1) * sizeof (guint));
}

/**
 * ts_scores_dup_band_counts:
 *
 * Returns: (transfer full): how many customers each band of the playbook
 *   holds, in the playbook's order
 */
guint *
ts_scores_dup_band_counts (TsScores *self)
{
  guint *count = g_new0 (guint, ts_playbook_get_n_bands (self->playbook));
  const TsBand *first = ts_playbook_get_band (self->playbook, 0);

  for (guint c = 0; c < self->n_customers; c++)
    count[ts_scores_get_band (self, c) - first]++;
  return count;
}

/**
 * ts_scores_get_top_signal:
 *
 * Returns: the signal that gives @customer the most points: the main reason
 */
guint
ts_scores_get_top_signal (TsScores *self,
                          guint     customer)
{
  const TsSignalValue *v = ts_scores_get_signal (self, customer, 0);
  guint top = 0;

  for (guint i = 1; i < self->n_signals; i++)
    if (v[i].contribution > v[top].contribution)
      top = i;
  return top;
}

/**
 * ts_scores_explain_signal:
 *
 * The signal in the customer's terms: its `explain` sentence with `{raw}`
 * (the measure) and `{count}` (the records measured, before decay) filled
 * in ("3 failed logins in the last 14 days"), or its `explain_none` when
 * there is nothing.
 */
char *
ts_scores_explain_signal (TsScores *self,
                          guint     customer,
                          guint     signal)
{
  const TsSignal *s = ts_playbook_get_signal (self->playbook, signal);
  const TsSignalValue *v = ts_scores_get_signal (self, customer, signal);
  g_autofree char *raw = NULL;

  if (isnan (v->raw))
    raw = g_strdup (_("never"));
  else if (fabs (v->raw - round (v->raw)) < 1e-9)
    raw = g_strdup_printf ("%.0f", v->raw);
  else
    raw = g_strdup_printf ("%.1f", v->raw);

  /* nothing to measure: the sentence for none, when the playbook has one */
  if ((isnan (v->raw) || v->raw == 0) && s->explain_none != NULL)
    return g_strdup (s->explain_none);
  if (s->explain == NULL || isnan (v->raw) || (s->measure == TS_MEASURE_EXISTS && v->raw == 0))
    {
      /* Translators: a signal without a sentence: "Urgency: 3", "Urgency: none" */
      return g_strdup_printf (_("%s: %s"), s->label ? s->label : s->id,
                              s->measure == TS_MEASURE_EXISTS ? (v->raw != 0 ? _("yes") : _("none")) : raw);
    }
  {
    g_autofree char *count = g_strdup_printf ("%u", v->count);
    g_autoptr(GString) text = g_string_new (s->explain);

    g_string_replace (text, "{raw}", raw, 0);
    g_string_replace (text, "{count}", count, 0);
    return g_string_free (g_steal_pointer (&text), FALSE);
  }
}

/* ts-drivers.c — the CX driver index
 *
 * Each driver of the playbook is a rule over one table (events, cases,
 * touches, responses): a record that passes its filter is a moment of the
 * driver, at the record's time (a case's: when it was opened).  Records are
 * read as of `to`, the end of the report, like the scorer reads them as of
 * T: nothing at or after `to` is seen, and a time at or after it reads as
 * null (a case closed later is still open).  Conditions name the table's
 * fields and, for cases, the computed hours of ts-record.c.
 *
 * Periods are ISO weeks (Monday 00:00 UTC) or calendar months (UTC) from
 * the period holding `from` (rounded down to its start) to `to`; the last
 * may be cut short by `to`.  A moment belongs to the period of its time.
 *
 *   base        the period's customers: created before its end (or with no
 *               creation date), not churned before its start
 *   per_1000    moments / base · 1000
 *   alert       a lowering driver with moments at or above its threshold per
 *               1,000; a raising one below it
 *   index       Σ weight · per_1000 of the raising drivers minus the same of
 *               the lowering ones: above 0, more good moments than bad
 *
 * The seed's questions per period: how long resolving a request takes (the
 * median and 90th percentile hours from opened to closed of the cases
 * closed in the period), how many outages (days with moments of the
 * driver whose id is "outage", and its customers), how many times we spoke
 * to a customer this year (touches and cases opened from 1 January of the
 * period's year to its end, per customer of the base).
 *
 * Impact: every NPS (0–10) and CSAT (1–5) answer in [from, to) is exposed
 * to a driver when its customer had a moment of it in the outcome window
 * (outcomes.window_days, 90) before the answer, else unexposed; the NPS of
 * each side (ts_stats_nps: adjusted-Wald interval) and the difference of
 * the plain NPS with a Wald interval,
 *
 *   ± 1.96 · 100 · sqrt (v₁ / n₁ + v₂ / n₂),  v = pP + pD − (pP − pD)²
 *
 * ranked from the most negative difference.
 *
 * Stories: two consecutive NPS answers of a customer (any earlier answer,
 * the second in [from, to)) going from a promoter (9–10) to a detractor
 * (0–6) or back, with the driver moments in [first answer, second answer).
 *
 * One pass over each customer's slice of each table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-drivers"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ts-drivers.h"
#include "ts-record-private.h"
#include "ts-scorer.h"

#define DAY  ((TsTime) 86400 * G_USEC_PER_SEC)
#define HOUR ((TsTime) 3600 * G_USEC_PER_SEC)
#define Z95  1.959963984540054
#define MAX_EXAMPLES 5
#define MAX_PERIODS 100000

typedef struct
{
  guint  promoters, passives, detractors;
  double csat_sum;
  guint  csat_n;
} Answers;

typedef struct
{
  Answers exposed, unexposed;
  guint   exposed_customers;
  gint64  last_customer;
} ImpactAcc;

struct _TsDrivers
{
  gatomicrefcount    ref_count;
  TsDataset         *dataset;
  TsPlaybook        *playbook;
  TsDriverPeriod     period;
  TsTime             from, to;
  guint              n_periods;
  guint              n_drivers;
  TsTime            *starts;        /* n_periods + 1: the last is `to` */
  TsDriverCell      *cells;         /* n_periods × n_drivers */
  GArray           **members;       /* per cell: guint, or NULL */
  TsDriverMoment    *examples;      /* per cell: MAX_EXAMPLES */
  guint8            *n_examples;    /* per cell */
  double            *index;         /* per period */
  TsDriverQuestions *questions;     /* per period */
  GArray            *alerts;        /* TsDriverAlert */
  GArray            *impact;        /* TsDriverImpact */
  GArray            *stories;       /* TsDriverStory */
};

G_DEFINE_BOXED_TYPE (TsDrivers, ts_drivers, ts_drivers_ref, ts_drivers_unref)

static void
story_clear (gpointer data)
{
  g_free ((gpointer) ((TsDriverStory *) data)->moments);
}

TsDrivers *
ts_drivers_ref (TsDrivers *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_drivers_unref (TsDrivers *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (gsize i = 0; i < (gsize) self->n_periods * self->n_drivers; i++)
    g_clear_pointer (&self->members[i], g_array_unref);
  g_free (self->members);
  g_free (self->starts);
  g_free (self->cells);
  g_free (self->examples);
  g_free (self->n_examples);
  g_free (self->index);
  g_free (self->questions);
  g_clear_pointer (&self->alerts, g_array_unref);
  g_clear_pointer (&self->impact, g_array_unref);
  g_clear_pointer (&self->stories, g_array_unref);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->playbook, ts_playbook_unref);
  g_free (self);
}

const char *
ts_driver_period_to_string (TsDriverPeriod period)
{
  static const char *const names[] = { "week", "month" };

  g_return_val_if_fail (period <= TS_DRIVER_PERIOD_MONTH, NULL);
  return names[period];
}

const char *
ts_driver_story_direction_to_string (TsDriverStoryDirection direction)
{
  static const char *const names[] = { "fell", "rose" };

  g_return_val_if_fail (direction <= TS_DRIVER_STORY_ROSE, NULL);
  return names[direction];
}

/* ------------------------------------------------------------------ */
/* Calendar                                                            */
/* ------------------------------------------------------------------ */

static TsTime
floor_day (TsTime t)
{
  return (t >= 0 ? t / DAY : (t - DAY + 1) / DAY) * DAY;
}

static void
civil (TsTime  t,
       int    *year,
       int    *month)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (floor_day (t) / DAY * 86400);

  *year = g_date_time_get_year (dt);
  *month = g_date_time_get_month (dt);
}

static TsTime
period_floor (TsDriverPeriod period,
              TsTime         t)
{
  TsTime day = floor_day (t);
  int y, m;

  if (period == TS_DRIVER_PERIOD_WEEK)
    {
      gint64 days = day / DAY;
      gint64 monday_offset = ((days + 3) % 7 + 7) % 7;   /* 1970-01-01 was a Thursday */
      return day - monday_offset * DAY;
    }
  civil (t, &y, &m);
  return ts_timestamp_from_civil (y, m, 1, 0, 0, 0, 0);
}

static TsTime
period_next (TsDriverPeriod period,
             TsTime         start)
{
  int y, m;

  if (period == TS_DRIVER_PERIOD_WEEK)
    return start + 7 * DAY;
  civil (start, &y, &m);
  return m == 12 ? ts_timestamp_from_civil (y + 1, 1, 1, 0, 0, 0, 0)
                 : ts_timestamp_from_civil (y, m + 1, 1, 0, 0, 0, 0);
}

static TsTime
year_start (TsTime t)
{
  int y, m;

  civil (t, &y, &m);
  return ts_timestamp_from_civil (y, 1, 1, 0, 0, 0, 0);
}

/* the period holding @t, which is in [starts[0], to) */
static guint
period_of (TsDrivers *self,
           TsTime     t)
{
  guint lo = 0, hi = self->n_periods;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->starts[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* ------------------------------------------------------------------ */
/* Moments                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  TsTime at;
  guint  driver;
  guint  row;
} Moment;

static int
moment_by_time (gconstpointer a,
                gconstpointer b)
{
  const Moment *x = a, *y = b;

  if (x->at != y->at)
    return (x->at > y->at) - (x->at < y->at);
  return (x->driver > y->driver) - (x->driver < y->driver);
}

/* the customer's moments of every driver before `to`, in time order */
static gboolean
collect_moments (TsDrivers       *self,
                 guint            c,
                 TsRecord        *records,
                 TsRecordFilter  *filters,
                 GArray          *out,
                 GError         **error)
{
  TsDataset *ds = self->dataset;

  g_array_set_size (out, 0);
  for (guint d = 0; d < self->n_drivers; d++)
    {
      const TsDriver *drv = ts_playbook_get_driver (self->playbook, d);
      const guint32 *bc = _ts_record_by_customer (ds, drv->table);
      const TsTime *time = ts_dataset_get_column (ds, drv->table, ts_table_get_time_field (drv->table));
      guint hi = ts_time_lower_bound (time, bc[c], bc[c + 1], self->to);
      guint lo = ts_time_lower_bound (time, bc[c], hi, TS_TIME_NULL + 1);

      for (guint row = lo; row < hi; row++)
        {
          gboolean pass;

          if (!_ts_record_filter_eval (&filters[d], &records[drv->table], row, &pass, error))
            {
              g_prefix_error (error, "$.drivers[%u].filter: ", d);
              return FALSE;
            }
          if (pass)
            {
              Moment m = { time[row], d, row };
              g_array_append_val (out, m);
            }
        }
    }
  g_array_sort (out, moment_by_time);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* One customer                                                        */
/* ------------------------------------------------------------------ */

typedef struct
{
  TsDrivers *self;
  int        outage;          /* the driver "outage", or -1 */
  guint32   *outage_days;     /* per period: a bit per day */
  gint64    *last_customer;   /* per cell */
  ImpactAcc *impact;          /* per driver */
  gboolean  *exposed;         /* scratch, per driver */
  TsAnswerKinds kinds;
} Pass;

static void
count_moments (Pass   *pass,
               guint   c,
               GArray *moments)
{
  TsDrivers *self = pass->self;

  for (guint i = 0; i < moments->len; i++)
    {
      const Moment *m = &g_array_index (moments, Moment, i);
      guint p;
      gsize cell;

      if (m->at < self->from)
        continue;
      p = period_of (self, m->at);
      cell = (gsize) p * self->n_drivers + m->driver;
      self->cells[cell].moments++;
      if (pass->last_customer[cell] != (gint64) c)
        {
          pass->last_customer[cell] = c;
          self->cells[cell].customers++;
          if (self->members[cell] == NULL)
            self->members[cell] = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (self->members[cell], c);
        }
      if (self->n_examples[cell] < MAX_EXAMPLES)
        self->examples[cell * MAX_EXAMPLES + self->n_examples[cell]++] = (TsDriverMoment) { c, m->at, m->row };
      if ((int) m->driver == pass->outage)
        {
          gint64 day = (m->at - self->starts[p]) / DAY;
          if (day >= 0 && day < 32)
            pass->outage_days[p] |= 1u << day;
        }
    }
}

static void
add_answer (Answers      *a,
            TsAnswerKind  kind,
            double        score)
{
  if (kind == TS_ANSWER_NPS)
    {
      if (score >= 9)
        a->promoters++;
      else if (score >= 7)
        a->passives++;
      else
        a->detractors++;
    }
  else
    {
      a->csat_sum += score;
      a->csat_n++;
    }
}

static void
customer_answers (Pass   *pass,
                  guint   c,
                  GArray *moments)
{
  TsDrivers *self = pass->self;
  const TsResponses *r = ts_dataset_get_responses (self->dataset);
  TsTime window = (TsTime) ts_playbook_get_outcomes (self->playbook)->window_days * DAY;
  guint hi = ts_time_lower_bound (r->at, r->by_customer[c], r->by_customer[c + 1], self->to);
  guint lo = ts_time_lower_bound (r->at, r->by_customer[c], hi, TS_TIME_NULL + 1);
  int previous = -1;      /* the last NPS answer's row */

  for (guint row = lo; row < hi; row++)
    {
      TsAnswerKind kind = _ts_answer_kinds_get (&pass->kinds, row);
      double score = r->score[row];

      if (kind != TS_ANSWER_NPS && kind != TS_ANSWER_CSAT)
        continue;

      /* impact: exposed to each driver in the window before the answer */
      if (r->at[row] >= self->from)
        {
          memset (pass->exposed, 0, sizeof (gboolean) * self->n_drivers);
          for (guint i = 0; i < moments->len; i++)
            {
              const Moment *m = &g_array_index (moments, Moment, i);

              if (m->at >= r->at[row])
                break;
              if (m->at >= r->at[row] - window)
                pass->exposed[m->driver] = TRUE;
            }
          for (guint d = 0; d < self->n_drivers; d++)
            {
              ImpactAcc *acc = &pass->impact[d];

              add_answer (pass->exposed[d] ? &acc->exposed : &acc->unexposed, kind, score);
              if (pass->exposed[d] && acc->last_customer != (gint64) c)
                {
                  acc->last_customer = c;
                  acc->exposed_customers++;
                }
            }
        }

      /* stories: promoter → detractor and back */
      if (kind != TS_ANSWER_NPS)
        continue;
      if (previous >= 0 && r->at[row] >= self->from)
        {
          double before = r->score[previous];
          gboolean fell = before >= 9 && score <= 6;
          gboolean rose = before <= 6 && score >= 9;

          if (fell || rose)
            {
              g_autoptr(GArray) between = g_array_new (FALSE, FALSE, sizeof (TsDriverStoryMoment));
              TsDriverStory story = {
                c, { r->at[previous], before }, { r->at[row], score },
                fell ? TS_DRIVER_STORY_FELL : TS_DRIVER_STORY_ROSE, NULL, 0,
              };

              for (guint i = 0; i < moments->len; i++)
                {
                  const Moment *m = &g_array_index (moments, Moment, i);
                  TsDriverStoryMoment sm = { m->at, m->driver };

                  if (m->at >= r->at[previous] && m->at < r->at[row])
                    g_array_append_val (between, sm);
                }
              story.n_moments = between->len;
              story.moments = (const TsDriverStoryMoment *) (gpointer) g_array_free (g_steal_pointer (&between), FALSE);
              g_array_append_val (self->stories, story);
            }
        }
      previous = (int) row;
    }
}

/* ------------------------------------------------------------------ */
/* The periods' questions                                              */
/* ------------------------------------------------------------------ */

static guint
popcount (guint32 x)
{
  guint n = 0;

  for (; x; x &= x - 1)
    n++;
  return n;
}

static void
answer_questions (TsDrivers *self,
                  guint32   *outage_days)
{
  TsDataset *ds = self->dataset;
  const TsCustomers *cu = ts_dataset_get_customers (ds);
  const TsCases *cases = ts_dataset_get_cases (ds);
  const TsTouches *touches = ts_dataset_get_touches (ds);
  TsTime y0 = year_start (self->starts[0]);
  gsize n_days = (gsize) ((self->to - y0 + DAY - 1) / DAY) + 1;
  g_autofree guint64 *contacts = g_new0 (guint64, n_days + 1);   /* prefix sums by day */
  g_autofree gint64 *base = g_new0 (gint64, self->n_periods + 1); /* differences */
  g_autoptr(GPtrArray) hours = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  int outage = ts_playbook_find_driver (self->playbook, "outage");

  for (guint p = 0; p < self->n_periods; p++)
    g_ptr_array_add (hours, g_array_new (FALSE, FALSE, sizeof (double)));

  /* the base: created before the period's end, not churned before its start */
  for (guint c = 0; c < cu->n_rows; c++)
    {
      TsTime created = cu->created_at[c], churned = cu->churned_at[c];
      guint first = 0, last = self->n_periods;   /* [first, last) */

      if (created != TS_TIME_NULL && created >= self->to)
        continue;
      if (churned != TS_TIME_NULL && churned >= self->to)
        churned = TS_TIME_NULL;
      if (created != TS_TIME_NULL && created >= self->starts[0])
        first = period_of (self, created);
      if (churned != TS_TIME_NULL)
        {
          if (churned < self->starts[0])
            continue;
          last = period_of (self, churned) + 1;
        }
      base[first]++;
      base[last]--;
    }

  for (guint row = 0; row < touches->n_rows; row++)
    {
      TsTime t = touches->at[row];

      if (t == TS_TIME_NULL || t >= self->to)
        continue;
      if (t >= y0)
        contacts[(t - y0) / DAY + 1]++;
      if (t >= self->from)
        self->questions[period_of (self, t)].touches++;
    }
  for (guint row = 0; row < cases->n_rows; row++)
    {
      TsTime opened = cases->opened_at[row], closed = cases->closed_at[row];

      if (opened == TS_TIME_NULL || opened >= self->to)
        continue;
      if (opened >= y0)
        contacts[(opened - y0) / DAY + 1]++;
      if (opened >= self->from)
        self->questions[period_of (self, opened)].cases_opened++;
      if (closed != TS_TIME_NULL && closed < self->to && closed >= self->from && closed >= opened)
        {
          double h = (double) (closed - opened) / (double) HOUR;
          g_array_append_val (g_ptr_array_index (hours, period_of (self, closed)), h);
        }
    }
  for (gsize k = 1; k <= n_days; k++)
    contacts[k] += contacts[k - 1];

  for (guint p = 0, running = 0; p < self->n_periods; p++)
    {
      TsDriverQuestions *q = &self->questions[p];
      GArray *h = g_ptr_array_index (hours, p);
      TsTime ys = MAX (year_start (self->starts[p]), y0);
      gsize end = (gsize) ((self->starts[p + 1] - y0 + DAY - 1) / DAY);

      running += base[p];
      q->customers = running;
      q->resolved_cases = h->len;
      q->resolve_median_hours = ts_stats_median ((double *) (gpointer) h->data, h->len);
      q->resolve_p90_hours = ts_stats_quantile ((double *) (gpointer) h->data, h->len, 0.9);
      q->outages = outage >= 0 ? popcount (outage_days[p]) : 0;
      q->outage_customers = outage >= 0 ? self->cells[(gsize) p * self->n_drivers + outage].customers : 0;
      q->contacts_this_year = (guint) (contacts[MIN (end, n_days)] - contacts[(ys - y0) / DAY]);
      q->contacts_per_customer_this_year = q->customers ? (double) q->contacts_this_year / q->customers : NAN;
    }
}

/* ------------------------------------------------------------------ */
/* Index, alerts, impact                                               */
/* ------------------------------------------------------------------ */

static void
finish_cells (TsDrivers *self)
{
  for (guint p = 0; p < self->n_periods; p++)
    {
      guint base = self->questions[p].customers;
      double index = 0;

      for (guint d = 0; d < self->n_drivers; d++)
        {
          const TsDriver *drv = ts_playbook_get_driver (self->playbook, d);
          gsize cell = (gsize) p * self->n_drivers + d;
          TsDriverCell *x = &self->cells[cell];

          x->per_1000 = base ? 1000.0 * x->moments / base : NAN;
          index += (drv->direction == TS_DRIVER_RAISES ? 1 : -1) * drv->weight * x->per_1000;
          if (isnan (drv->alert_per_1000) || isnan (x->per_1000))
            continue;
          x->alert = drv->direction == TS_DRIVER_LOWERS
                     ? x->moments > 0 && x->per_1000 >= drv->alert_per_1000
                     : x->per_1000 < drv->alert_per_1000;
          if (x->alert)
            {
              TsDriverAlert a = {
                p, d, x->per_1000, drv->alert_per_1000, x->moments, x->customers,
                &self->examples[cell * MAX_EXAMPLES], self->n_examples[cell],
              };
              g_array_append_val (self->alerts, a);
            }
        }
      self->index[p] = index;
    }
}

static double
nps_variance (const Answers *a,
              guint          n)
{
  double pp = (double) a->promoters / n, pd = (double) a->detractors / n;

  return pp + pd - (pp - pd) * (pp - pd);
}

static int
impact_by_difference (gconstpointer a,
                      gconstpointer b)
{
  const TsDriverImpact *x = a, *y = b;

  if (isnan (x->nps_difference) != isnan (y->nps_difference))
    return isnan (x->nps_difference) ? 1 : -1;
  if (!isnan (x->nps_difference) && x->nps_difference != y->nps_difference)
    return x->nps_difference < y->nps_difference ? -1 : 1;
  return (x->driver > y->driver) - (x->driver < y->driver);
}

static void
finish_impact (TsDrivers *self,
               ImpactAcc *acc)
{
  for (guint d = 0; d < self->n_drivers; d++)
    {
      const Answers *e = &acc[d].exposed, *u = &acc[d].unexposed;
      guint ne = e->promoters + e->passives + e->detractors;
      guint nu = u->promoters + u->passives + u->detractors;
      TsDriverImpact im = { 0, };

      im.driver = d;
      im.exposed_nps = ts_stats_nps (e->promoters, e->passives, e->detractors);
      im.unexposed_nps = ts_stats_nps (u->promoters, u->passives, u->detractors);
      im.nps_difference = im.nps_difference_low = im.nps_difference_high = NAN;
      if (ne && nu)
        {
          double diff = 100.0 * ((double) ((gint64) e->promoters - e->detractors) / ne -
                                 (double) ((gint64) u->promoters - u->detractors) / nu);
          double se = 100.0 * sqrt (nps_variance (e, ne) / ne + nps_variance (u, nu) / nu);

          im.nps_difference = diff;
          im.nps_difference_low = diff - Z95 * se;
          im.nps_difference_high = diff + Z95 * se;
        }
      im.exposed_csat = e->csat_n ? e->csat_sum / e->csat_n : NAN;
      im.exposed_csat_n = e->csat_n;
      im.unexposed_csat = u->csat_n ? u->csat_sum / u->csat_n : NAN;
      im.unexposed_csat_n = u->csat_n;
      im.exposed_customers = acc[d].exposed_customers;
      g_array_append_val (self->impact, im);
    }
  g_array_sort (self->impact, impact_by_difference);
}

/* ------------------------------------------------------------------ */
/* Computing                                                           */
/* ------------------------------------------------------------------ */

/**
 * ts_drivers_compute:
 * @ds: the data
 * @pb: the playbook: its drivers, and its outcome window for the impact
 * @period: weeks or months
 * @from: the first moment counted, rounded down to the start of its period;
 *   %TS_TIME_NULL: the data's first record
 * @to: the end, not included: nothing at or after it is seen;
 *   %TS_TIME_NULL: the midnight after the data's last record
 *
 * The driver index of @pb's drivers over [@from, @to).
 *
 * Returns: (transfer full): the index, or %NULL with @error set: @from is
 *   not before @to, or a filter cannot be evaluated (the error names the
 *   driver's JSON path), or @cancellable was cancelled
 */
TsDrivers *
ts_drivers_compute (TsDataset      *ds,
                    TsPlaybook     *pb,
                    TsDriverPeriod  period,
                    TsTime          from,
                    TsTime          to,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(TsDrivers) self = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (TsTime));
  g_autoptr(GArray) moments = g_array_new (FALSE, FALSE, sizeof (Moment));
  g_autofree TsRecordFilter *filters = NULL;
  g_autofree guint32 *outage_days = NULL;
  g_autofree gint64 *last_customer = NULL;
  g_autofree ImpactAcc *impact = NULL;
  g_autofree gboolean *exposed = NULL;
  TsRecord records[TS_N_TABLES];
  const TsCustomers *cu;
  gsize n_cells;
  Pass pass;
  gboolean ok = TRUE;

  g_return_val_if_fail (TS_IS_DATASET (ds), NULL);
  g_return_val_if_fail (pb != NULL, NULL);
  g_return_val_if_fail (period <= TS_DRIVER_PERIOD_MONTH, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_ts_record_span (ds, &from, &to, error))
    return NULL;

  self = g_new0 (TsDrivers, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = g_object_ref (ds);
  self->playbook = ts_playbook_ref (pb);
  self->period = period;
  self->from = period_floor (period, from);
  self->to = to;
  for (TsTime t = self->from; t < to; t = period_next (period, t))
    {
      if (starts->len == MAX_PERIODS)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("more than %u periods"), MAX_PERIODS);
          return NULL;
        }
      g_array_append_val (starts, t);
    }
  self->n_periods = starts->len;
  g_array_append_val (starts, to);
  self->starts = (TsTime *) (gpointer) g_array_free (g_steal_pointer (&starts), FALSE);
  self->n_drivers = ts_playbook_get_n_drivers (pb);
  n_cells = (gsize) self->n_periods * self->n_drivers;
  self->cells = g_new0 (TsDriverCell, n_cells);
  self->members = g_new0 (GArray *, n_cells);
  self->examples = g_new0 (TsDriverMoment, n_cells * MAX_EXAMPLES);
  self->n_examples = g_new0 (guint8, n_cells);
  self->index = g_new0 (double, self->n_periods);
  self->questions = g_new0 (TsDriverQuestions, self->n_periods);
  self->alerts = g_array_new (FALSE, FALSE, sizeof (TsDriverAlert));
  self->impact = g_array_new (FALSE, FALSE, sizeof (TsDriverImpact));
  self->stories = g_array_new (FALSE, FALSE, sizeof (TsDriverStory));
  g_array_set_clear_func (self->stories, story_clear);

  filters = g_new0 (TsRecordFilter, MAX (self->n_drivers, 1));
  for (guint d = 0; d < self->n_drivers; d++)
    {
      const TsDriver *drv = ts_playbook_get_driver (pb, d);
      _ts_record_filter_init (&filters[d], ds, drv->table, drv->filter);
    }
  _ts_records_init (records, ds, to);
  outage_days = g_new0 (guint32, self->n_periods);
  last_customer = g_new (gint64, MAX (n_cells, 1));
  for (gsize i = 0; i < n_cells; i++)
    last_customer[i] = -1;
  impact = g_new0 (ImpactAcc, MAX (self->n_drivers, 1));
  for (guint d = 0; d < self->n_drivers; d++)
    impact[d].last_customer = -1;
  exposed = g_new0 (gboolean, MAX (self->n_drivers, 1));
  pass = (Pass) { self, ts_playbook_find_driver (pb, "outage"), outage_days, last_customer, impact, exposed, { 0, } };
  _ts_answer_kinds_init (&pass.kinds, ds);

  cu = ts_dataset_get_customers (ds);
  for (guint c = 0; c < cu->n_rows && ok; c++)
    {
      if ((c & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (!collect_moments (self, c, records, filters, moments, error))
        ok = FALSE;
      else
        {
          count_moments (&pass, c, moments);
          customer_answers (&pass, c, moments);
        }
    }
  _ts_records_clear (records);
  for (guint d = 0; d < self->n_drivers; d++)
    _ts_record_filter_clear (&filters[d]);
  _ts_answer_kinds_clear (&pass.kinds);
  if (!ok)
    return NULL;

  answer_questions (self, outage_days);
  finish_cells (self);
  finish_impact (self, impact);
  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------ */
/* Access                                                              */
/* ------------------------------------------------------------------ */

TsDataset *
ts_drivers_get_dataset (TsDrivers *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

TsPlaybook *
ts_drivers_get_playbook (TsDrivers *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->playbook;
}

TsDriverPeriod
ts_drivers_get_period (TsDrivers *self)
{
  g_return_val_if_fail (self != NULL, TS_DRIVER_PERIOD_WEEK);
  return self->period;
}

/**
 * ts_drivers_get_from:
 *
 * Returns: the start of the first period (the @from asked, rounded down)
 */
TsTime
ts_drivers_get_from (TsDrivers *self)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  return self->from;
}

TsTime
ts_drivers_get_to (TsDrivers *self)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  return self->to;
}

guint
ts_drivers_get_n_periods (TsDrivers *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_periods;
}

TsTime
ts_drivers_get_period_start (TsDrivers *self,
                             guint      period)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  g_return_val_if_fail (period < self->n_periods, TS_TIME_NULL);
  return self->starts[period];
}

/**
 * ts_drivers_get_period_end:
 *
 * Returns: the end of @period, not included; the last ends at `to`
 */
TsTime
ts_drivers_get_period_end (TsDrivers *self,
                           guint      period)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  g_return_val_if_fail (period < self->n_periods, TS_TIME_NULL);
  return self->starts[period + 1];
}

/**
 * ts_drivers_dup_period_label:
 *
 * Returns: (transfer full): "2025-W31" (the ISO week) or "2025-08"
 */
char *
ts_drivers_dup_period_label (TsDrivers *self,
                             guint      period)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (period < self->n_periods, NULL);
  dt = g_date_time_new_from_unix_utc (self->starts[period] / G_USEC_PER_SEC);
  if (self->period == TS_DRIVER_PERIOD_WEEK)
    return g_strdup_printf ("%04d-W%02d", g_date_time_get_week_numbering_year (dt),
                            g_date_time_get_week_of_year (dt));
  return g_strdup_printf ("%04d-%02d", g_date_time_get_year (dt), g_date_time_get_month (dt));
}

guint
ts_drivers_get_n_drivers (TsDrivers *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_drivers;
}

const TsDriver *
ts_drivers_get_driver (TsDrivers *self,
                       guint      driver)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (driver < self->n_drivers, NULL);
  return ts_playbook_get_driver (self->playbook, driver);
}

const TsDriverCell *
ts_drivers_get_cell (TsDrivers *self,
                     guint      period,
                     guint      driver)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (period < self->n_periods && driver < self->n_drivers, NULL);
  return &self->cells[(gsize) period * self->n_drivers + driver];
}

/**
 * ts_drivers_get_index:
 *
 * Returns: the weighted index of @period: Σ weight · per_1000 of the raising
 *   drivers minus that of the lowering ones; NAN when the period has no
 *   customers
 */
double
ts_drivers_get_index (TsDrivers *self,
                      guint      period)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (period < self->n_periods, NAN);
  return self->index[period];
}

const TsDriverQuestions *
ts_drivers_get_questions (TsDrivers *self,
                          guint      period)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (period < self->n_periods, NULL);
  return &self->questions[period];
}

/**
 * ts_drivers_get_alerts:
 *
 * Returns: (array length=n): the thresholds crossed, by period then driver
 */
const TsDriverAlert *
ts_drivers_get_alerts (TsDrivers *self,
                       guint     *n)
{
  g_return_val_if_fail (self != NULL && n != NULL, NULL);
  *n = self->alerts->len;
  return (const TsDriverAlert *) (gpointer) self->alerts->data;
}

/**
 * ts_drivers_get_impact:
 *
 * Returns: (array length=n): one per driver, from the most negative NPS
 *   difference; drivers with no difference last
 */
const TsDriverImpact *
ts_drivers_get_impact (TsDrivers *self,
                       guint     *n)
{
  g_return_val_if_fail (self != NULL && n != NULL, NULL);
  *n = self->impact->len;
  return (const TsDriverImpact *) (gpointer) self->impact->data;
}

/**
 * ts_drivers_get_stories:
 *
 * Returns: (array length=n): by customer, then time
 */
const TsDriverStory *
ts_drivers_get_stories (TsDrivers *self,
                        guint     *n)
{
  g_return_val_if_fail (self != NULL && n != NULL, NULL);
  *n = self->stories->len;
  return (const TsDriverStory *) (gpointer) self->stories->data;
}

/**
 * ts_drivers_get_members:
 *
 * Returns: (array length=n): the customers (rows) with a moment of @driver in
 *   @period, ascending
 */
const guint *
ts_drivers_get_members (TsDrivers *self,
                        guint      period,
                        guint      driver,
                        guint     *n)
{
  GArray *m;

  g_return_val_if_fail (self != NULL && n != NULL, NULL);
  g_return_val_if_fail (period < self->n_periods && driver < self->n_drivers, NULL);
  m = self->members[(gsize) period * self->n_drivers + driver];
  *n = m ? m->len : 0;
  return m ? (const guint *) (gpointer) m->data : NULL;
}

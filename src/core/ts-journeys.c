/* ts-journeys.c — the playbook's journeys, simulated and linted
 *
 * Simulation.  From the midnight (UTC) of the start, day by day for N
 * days, every customer and every journey together, in the playbook's order:
 *
 *   the moment    a customer's day is the first `send_at` (local time, in
 *                 the customer's zone; UTC when unknown) at or after the
 *                 day's midnight: conditions and guardrails are evaluated
 *                 then; signals, score and band are the scores as of the
 *                 day's midnight (scored only when a condition names them)
 *   entering      a customer not yet in the journey whose entry condition
 *                 holds enters it, at its first step; a customer enters a
 *                 journey at most once
 *   leaving       from the day after entering, before anything else: the
 *                 goal (a condition now, or a record passing the filter
 *                 since entering), then each exit in order
 *   walking       touch: every guardrail of the playbook checks it, with
 *                 the touches of the data and those the simulation made,
 *                 in this journey and the others, counted by frequency
 *                 caps; held back, it is suppressed and the walk goes on;
 *                 wait: the customer stays N days; branch: `then` when its
 *                 condition holds, else `else` — a way back to an earlier
 *                 step taken at most max_passes times, then the other way;
 *                 past the last step (or at "end"): finished
 *
 * What is counted: per step, passes and customers, touches made and held
 * back (by which guardrail), and where walks ended; the links between
 * steps for a flow diagram; the customers behind each count; every
 * customer's path.
 *
 * Lint.  Per journey, over the steps as a graph (every way, the bounds of
 * loops aside): a field asked again by a step that can follow one that
 * asked it; a field the data already holds for customers who reach the
 * step (for all customers without a simulation); more new asks in a touch
 * than max_asks (asks of no step before it: progressive profiling); a touch
 * without a promise; a touch that can directly follow another touch (no
 * touch between) without referring to it; a step no walk reaches; no exit.
 * With a simulation: two journeys touching the same customers within a
 * week.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-journeys"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ts-decider-private.h"
#include "ts-journeys.h"
#include "ts-record-private.h"
#include "ts-scorer.h"

#define DAY ((TsTime) 86400 * G_USEC_PER_SEC)
#define WEEK (7 * DAY)

static const char *const outcome_names[] = { "goal", "exit", "finished", "still_in" };
static const char *const event_names[] = {
  "entered", "touched", "suppressed", "waiting", "branched", "goal", "exited", "finished", "still_in",
};
static const char *const rule_names[] = {
  "duplicate_ask", "known_ask", "too_many_asks", "no_promise", "no_reference", "unreachable",
  "no_exit", "overlap",
};

G_STATIC_ASSERT (G_N_ELEMENTS (outcome_names) == TS_JOURNEY_N_OUTCOMES);
G_STATIC_ASSERT (G_N_ELEMENTS (event_names) == TS_JOURNEY_EVENT_STILL_IN + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (rule_names) == TS_JOURNEY_N_LINT_RULES);

const char *
ts_journey_outcome_to_string (TsJourneyOutcome outcome)
{
  g_return_val_if_fail (outcome < TS_JOURNEY_N_OUTCOMES, NULL);
  return outcome_names[outcome];
}

const char *
ts_journey_event_kind_to_string (TsJourneyEventKind kind)
{
  g_return_val_if_fail (kind <= TS_JOURNEY_EVENT_STILL_IN, NULL);
  return event_names[kind];
}

const char *
ts_journey_lint_rule_to_string (TsJourneyLintRule rule)
{
  g_return_val_if_fail (rule < TS_JOURNEY_N_LINT_RULES, NULL);
  return rule_names[rule];
}

void
ts_journey_event_free (TsJourneyEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->detail);
  g_free (event);
}

void
ts_journey_finding_free (TsJourneyFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->field);
  g_free (finding->message);
  g_free (finding);
}

/* one moment of a path, compactly: paths are kept for every customer */
typedef struct
{
  guint    customer;
  guint16  journey;
  gint16   step;
  guint8   kind;
  gint32   arg;
  guint32  detail;      /* in details; G_MAXUINT32: none */
  TsTime   at;
} Event;

typedef struct
{
  TsJourneyNode *nodes;       /* n_steps + 1: [0] is the journey as a whole */
  GArray        *links;       /* TsJourneyLink */
  GArray       **who;         /* (n_steps + 1) × TS_JOURNEY_N_WHO: guint */
} Flow;

struct _TsJourneys
{
  gatomicrefcount  ref_count;
  TsDataset       *dataset;
  TsPlaybook      *playbook;
  TsTime           from;
  guint            days;
  guint            n_journeys;
  Flow            *flows;
  GArray          *events;     /* Event, day by day */
  GPtrArray       *details;    /* char *: why a touch was held back */
  GPtrArray       *findings;   /* TsJourneyFinding */
};

G_DEFINE_BOXED_TYPE (TsJourneys, ts_journeys, ts_journeys_ref, ts_journeys_unref)

TsJourneys *
ts_journeys_ref (TsJourneys *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_journeys_unref (TsJourneys *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint j = 0; self->flows && j < self->n_journeys; j++)
    {
      Flow *f = &self->flows[j];
      guint n = ts_playbook_get_journey (self->playbook, j)->n_steps + 1;

      for (guint s = 0; s < n; s++)
        {
          g_free (f->nodes[s].suppressed_by);
          g_free (f->nodes[s].exits);
        }
      for (guint k = 0; k < n * TS_JOURNEY_N_WHO; k++)
        g_array_unref (f->who[k]);
      g_free (f->nodes);
      g_free (f->who);
      g_array_unref (f->links);
    }
  g_free (self->flows);
  g_clear_pointer (&self->events, g_array_unref);
  g_clear_pointer (&self->details, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->playbook, ts_playbook_unref);
  g_free (self);
}

/* ------------------------------------------------------------------ */
/* Lint                                                                */
/* ------------------------------------------------------------------ */

/* the steps a step leads to directly */
static guint
successors (const TsJourneyStep *s,
            int                  out[2])
{
  guint n = 0;

  if (s->kind == TS_JOURNEY_STEP_BRANCH)
    {
      if (s->then_step != TS_JOURNEY_END)
        out[n++] = s->then_step;
      if (s->else_step != TS_JOURNEY_END && s->else_step != s->then_step)
        out[n++] = s->else_step;
    }
  else if (s->next != TS_JOURNEY_END)
    out[n++] = s->next;
  return n;
}

/* reach[a * n + b]: b can come after a (by one way or more; a loop makes a
 * step come after itself) */
static guint8 *
reachability (const TsJourney *j)
{
  guint n = j->n_steps;
  guint8 *reach = g_new0 (guint8, n * n);
  g_autofree int *stack = g_new (int, n * 2 + 2);

  for (guint a = 0; a < n; a++)
    {
      guint top = 0;
      int next[2];

      for (guint k = successors (&j->steps[a], next); k > 0; k--)
        stack[top++] = next[k - 1];
      while (top > 0)
        {
          int b = stack[--top];

          if (reach[a * n + b])
            continue;
          reach[a * n + b] = 1;
          for (guint k = successors (&j->steps[b], next); k > 0; k--)
            if (!reach[a * n + next[k - 1]])
              stack[top++] = next[k - 1];
        }
    }
  return reach;
}

static gboolean
asks (const TsJourneyStep *s,
      const char          *field)
{
  return s->kind == TS_JOURNEY_STEP_TOUCH && g_strv_contains ((const char *const *) s->asks, field);
}

static TsJourneyFinding *
finding_new (GPtrArray         *findings,
             TsJourneyLintRule  rule,
             guint              journey,
             int                step,
             int                other,
             const char        *field,
             char              *message)
{
  TsJourneyFinding *f = g_new0 (TsJourneyFinding, 1);

  f->rule = rule;
  f->journey = journey;
  f->step = step;
  f->other = other;
  f->field = g_strdup (field);
  f->message = message;
  g_ptr_array_add (findings, f);
  return f;
}

/* the customers of @rows (all when NULL) for whom the data holds customer
 * field @f */
static guint
count_known (TsDataset   *ds,
             int          f,
             const guint *rows,
             guint        n_rows)
{
  gconstpointer column = ts_dataset_get_column (ds, TS_TABLE_CUSTOMERS, f);
  guint known = 0;

  if (rows == NULL)
    n_rows = ts_dataset_get_customers (ds)->n_rows;
  for (guint i = 0; i < n_rows; i++)
    {
      guint c = rows ? rows[i] : i;

      switch (ts_table_get_field (TS_TABLE_CUSTOMERS, f)->type)
        {
        case TS_FIELD_TYPE_STRING: known += ((const guint32 *) column)[c] != TS_STR_NULL; break;
        case TS_FIELD_TYPE_NUMBER: known += !isnan (((const double *) column)[c]); break;
        case TS_FIELD_TYPE_TIME: known += ((const TsTime *) column)[c] != TS_TIME_NULL; break;
        case TS_FIELD_TYPE_CONSENT: known += ((const guint8 *) column)[c] != TS_CONSENT_UNKNOWN; break;
        default: break;
        }
    }
  return known;
}

/* the rules over one journey's steps; with @ds, asks the data already
 * answers, among @sim's customers who reached the step when given */
static void
lint_journey (TsPlaybook *pb,
              guint       ji,
              TsDataset  *ds,
              TsJourneys *sim,
              GPtrArray  *findings)
{
  const TsJourney *j = ts_playbook_get_journey (pb, ji);
  guint n = j->n_steps;
  g_autofree guint8 *reach = reachability (j);

  for (guint b = 0; b < n; b++)
    {
      const TsJourneyStep *s = &j->steps[b];
      guint new_asks = 0;

      if (b > 0 && !reach[0 * n + b])
        finding_new (findings, TS_JOURNEY_LINT_UNREACHABLE, ji, b, -1, NULL,
                     g_strdup_printf (_("“%s” is never reached: no step leads to it from “%s”"), s->id, j->steps[0].id));
      if (s->kind != TS_JOURNEY_STEP_TOUCH)
        continue;
      if (s->promise == NULL)
        finding_new (findings, TS_JOURNEY_LINT_NO_PROMISE, ji, b, -1, NULL,
                     g_strdup_printf (_("“%s” touches the customer without an experience promise: say what they get "
                                        "(faster help, a clearer next step, smarter personalisation)"), s->id));

      for (guint k = 0; s->asks[k]; k++)
        {
          const char *field = s->asks[k];
          const char *name = g_str_has_prefix (field, "customer.") ? field + strlen ("customer.") : field;
          int asked = -1, f;

          /* the same field twice in one touch, or in a step that can come before */
          for (guint i = 0; i < k && asked < 0; i++)
            if (g_str_equal (s->asks[i], field))
              asked = b;
          for (guint a = 0; a < n && asked < 0; a++)
            if (reach[a * n + b] && asks (&j->steps[a], field))
              asked = a;
          if (asked >= 0)
            finding_new (findings, TS_JOURNEY_LINT_DUPLICATE_ASK, ji, b, asked, field,
                         asked == (int) b
                         ? g_strdup_printf (_("“%s” asks for “%s” again each time a customer comes back to it"), s->id, field)
                         : g_strdup_printf (_("“%s” asks for “%s” again: “%s” already asked for it"), s->id, field,
                                            j->steps[asked].id));
          else
            new_asks++;

          f = ts_table_find_field (TS_TABLE_CUSTOMERS, name);
          if (ds != NULL && f >= 0)
            {
              const guint *rows = NULL;
              guint n_rows = 0, known;

              if (sim != NULL)
                rows = ts_journeys_get_customers (sim, ji, b, TS_JOURNEY_WHO_PASSED, &n_rows);
              known = count_known (ds, f, rows, n_rows);
              if (known > 0)
                {
                  TsJourneyFinding *x;

                  x = finding_new (findings, TS_JOURNEY_LINT_KNOWN_ASK, ji, b, -1, field,
                                   sim != NULL
                                   ? g_strdup_printf (_("“%s” asks for “%s”, which the data already holds for %u of the %u customers who reach it"),
                                                      s->id, field, known, n_rows)
                                   : g_strdup_printf (_("“%s” asks for “%s”, which the data already holds for %u customers"),
                                                      s->id, field, known));
                  x->customers = known;
                }
            }
        }
      if (new_asks > j->max_asks)
        finding_new (findings, TS_JOURNEY_LINT_TOO_MANY_ASKS, ji, b, -1, NULL,
                     g_strdup_printf (_("“%s” asks for %u new fields at once; progressive profiling asks at most %u a touch"),
                                      s->id, new_asks, j->max_asks));
    }

  /* a touch that can come right after another touch (nothing but waits
   * and branches between) refers to it */
  for (guint a = 0; a < n; a++)
    {
      g_autofree guint8 *seen = g_new0 (guint8, n);
      g_autofree int *stack = g_new (int, n * 2 + 2);
      guint top = 0;
      int next[2];

      if (j->steps[a].kind != TS_JOURNEY_STEP_TOUCH)
        continue;
      for (guint k = successors (&j->steps[a], next); k > 0; k--)
        stack[top++] = next[k - 1];
      while (top > 0)
        {
          int b = stack[--top];
          const TsJourneyStep *s = &j->steps[b];

          if (seen[b])
            continue;
          seen[b] = 1;
          if (s->kind == TS_JOURNEY_STEP_TOUCH)
            {
              if ((guint) b != a && !g_strv_contains ((const char *const *) s->refers_to, j->steps[a].id))
                finding_new (findings, TS_JOURNEY_LINT_NO_REFERENCE, ji, b, a, NULL,
                             g_strdup_printf (_("“%s” follows “%s” without referring to it: the customer hears "
                                                "from us as if for the first time"), s->id, j->steps[a].id));
              continue;
            }
          for (guint k = successors (s, next); k > 0; k--)
            stack[top++] = next[k - 1];
        }
    }

  if (j->n_exits == 0)
    finding_new (findings, TS_JOURNEY_LINT_NO_EXIT, ji, TS_JOURNEY_ENTRY, -1, NULL,
                 g_strdup_printf (_("“%s” has no exit: a customer who churns, complains or says no keeps being "
                                    "touched until the last step"), j->id));
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const TsJourneyFinding *x = *(TsJourneyFinding **) a, *y = *(TsJourneyFinding **) b;

  if (x->journey != y->journey)
    return x->journey < y->journey ? -1 : 1;
  if (x->step != y->step)
    return x->step < y->step ? -1 : 1;
  return (int) x->rule - (int) y->rule;
}

static GPtrArray *
lint (TsPlaybook *pb,
      TsDataset  *ds,
      TsJourneys *sim)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_journey_finding_free);

  for (guint j = 0; j < ts_playbook_get_n_journeys (pb); j++)
    lint_journey (pb, j, ds, sim, findings);
  return findings;
}

/**
 * ts_journeys_lint:
 * @pb: the playbook: its journeys
 * @ds: (nullable): the data, to find asks it already answers
 *
 * Checks the continuity of every journey without simulating it: every rule
 * but the overlap of journeys, which needs a simulation (see
 * ts_journeys_get_finding()).  A field the data holds is counted over all
 * its customers.
 *
 * Returns: (transfer container) (element-type TsJourneyFinding): the
 *   findings, by journey and step
 */
GPtrArray *
ts_journeys_lint (TsPlaybook *pb,
                  TsDataset  *ds)
{
  GPtrArray *findings;

  g_return_val_if_fail (pb != NULL, NULL);
  g_return_val_if_fail (ds == NULL || TS_IS_DATASET (ds), NULL);

  findings = lint (pb, ds, NULL);
  g_ptr_array_sort (findings, compare_findings);
  return findings;
}

/* ------------------------------------------------------------------ */
/* Simulation                                                          */
/* ------------------------------------------------------------------ */

enum { OUTSIDE, INSIDE, DONE };

typedef struct
{
  guint8  status;
  gboolean waiting;
  int     step;          /* where the customer is */
  guint   wait_until;    /* the day the wait ends */
  TsTime  entered_at;
} State;

typedef struct
{
  TsJourneys      *self;
  TsPlaybook      *pb;
  TsDataset       *ds;
  guint            n_customers;
  State           *states;       /* customer × journey */
  guint8          *passes;       /* customer × all steps: ways back taken */
  guint           *step_offset;  /* per journey: its first step in passes */
  guint            n_all_steps;
  GArray         **touched;      /* per customer: TsExtraTouch, NULL until one */
  TsTime          *last_touch;   /* customer × journey: TS_TIME_NULL */
  GHashTable      *overlapped;   /* customer × pair of journeys, counted once */
  guint           *overlaps;     /* per pair (a < b): customers */
  TsRecord         records[TS_N_TABLES];
  TsRecordFilter  *filters;      /* per journey: goal, then its exits */
  guint           *filter_offset;
  TsVerdict       *verdicts;
  TsMoment         moment;
  guint            day;
} Sim;

/* a journey's conditions also know `now`: the moment */
static gboolean
resolve (const char  *name,
         TsExprValue *out,
         gpointer     user_data)
{
  const TsMoment *m = user_data;

  if (strcmp (name, "now") == 0)
    {
      *out = (TsExprValue) { TS_VALUE_NUMBER, (double) m->as_of / G_USEC_PER_SEC, NULL };
      return TRUE;
    }
  return _ts_moment_resolve (name, out, user_data);
}

/* where a condition is in the playbook, for its errors */
typedef enum
{
  AT_ENTRY,
  AT_GOAL,
  AT_EXIT,
  AT_STEP,
} Where;

static char *
path_of (guint j,
         Where where,
         int   index)
{
  switch (where)
    {
    case AT_ENTRY: return g_strdup_printf ("$.journeys[%u].entry", j);
    case AT_GOAL: return g_strdup_printf ("$.journeys[%u].goal", j);
    case AT_EXIT: return g_strdup_printf ("$.journeys[%u].exits[%d]", j, index);
    case AT_STEP: return g_strdup_printf ("$.journeys[%u].steps[%d].when", j, index);
    default: g_assert_not_reached ();
    }
}

static gboolean
holds (Sim          *sim,
       const TsExpr *e,
       guint         j,
       Where         where,
       int           index,
       gboolean     *result,
       GError      **error)
{
  *result = TRUE;
  if (e == NULL)
    return TRUE;
  if (!ts_expr_eval_bool (e, resolve, &sim->moment, result, error))
    {
      g_autofree char *path = path_of (j, where, index);

      g_prefix_error (error, "%s%s: ", path, where == AT_EXIT ? ".when" : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
names_scores (TsPlaybook   *pb,
              const TsExpr *e)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (e == NULL)
    return FALSE;
  ts_expr_collect_names (e, names);
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], "score") || g_str_equal (names->pdata[i], "band") ||
        ts_playbook_find_signal (pb, names->pdata[i]) >= 0)
      return TRUE;
  return FALSE;
}

static gboolean
needs_scores (TsPlaybook *pb)
{
  for (guint j = 0; j < ts_playbook_get_n_journeys (pb); j++)
    {
      const TsJourney *jo = ts_playbook_get_journey (pb, j);

      if (names_scores (pb, jo->entry) || (jo->goal && names_scores (pb, jo->goal->when)))
        return TRUE;
      for (guint s = 0; s < jo->n_steps; s++)
        if (names_scores (pb, jo->steps[s].when))
          return TRUE;
      for (guint k = 0; k < jo->n_exits; k++)
        if (names_scores (pb, jo->exits[k].when))
          return TRUE;
    }
  return FALSE;
}

static void
record (Sim                *sim,
        guint               j,
        int                 step,
        TsJourneyEventKind  kind,
        int                 arg,
        char               *detail)
{
  Event e = { sim->moment.customer, j, step, kind, arg, G_MAXUINT32, sim->moment.as_of };

  if (detail != NULL)
    {
      e.detail = sim->self->details->len;
      g_ptr_array_add (sim->self->details, detail);
    }
  g_array_append_val (sim->self->events, e);
}

static void
who_add (Sim          *sim,
         guint         j,
         int           step,
         TsJourneyWho  who)
{
  GArray *a = sim->self->flows[j].who[(step + 1) * TS_JOURNEY_N_WHO + who];

  g_array_append_val (a, sim->moment.customer);
}

static void
link_add (Sim              *sim,
          guint             j,
          int               from,
          int               to,
          TsJourneyOutcome  outcome,
          int               exit)
{
  GArray *links = sim->self->flows[j].links;
  TsJourneyLink l = { from, to, to == TS_JOURNEY_END ? outcome : 0, to == TS_JOURNEY_END ? exit : -1, 1 };

  for (guint i = 0; i < links->len; i++)
    {
      TsJourneyLink *x = &g_array_index (links, TsJourneyLink, i);

      if (x->from == l.from && x->to == l.to && x->outcome == l.outcome && x->exit == l.exit)
        {
          x->passes++;
          return;
        }
    }
  g_array_append_val (links, l);
}

static void
arrive (Sim  *sim,
        guint j,
        int   step)
{
  sim->self->flows[j].nodes[step + 1].passes++;
  who_add (sim, j, step, TS_JOURNEY_WHO_PASSED);
}

static void
leave (Sim              *sim,
       guint             j,
       int               step,
       TsJourneyOutcome  outcome,
       int               exit)
{
  static const TsJourneyWho who[] = {
    TS_JOURNEY_WHO_GOAL, TS_JOURNEY_WHO_EXITED, TS_JOURNEY_WHO_FINISHED, TS_JOURNEY_WHO_STILL_IN,
  };
  static const TsJourneyEventKind kinds[] = {
    TS_JOURNEY_EVENT_GOAL, TS_JOURNEY_EVENT_EXITED, TS_JOURNEY_EVENT_FINISHED, TS_JOURNEY_EVENT_STILL_IN,
  };
  TsJourneyNode *node = &sim->self->flows[j].nodes[step + 1];

  node->outcomes[outcome]++;
  if (outcome == TS_JOURNEY_EXIT)
    node->exits[exit]++;
  who_add (sim, j, step, who[outcome]);
  if (outcome != TS_JOURNEY_STILL_IN)
    link_add (sim, j, step, TS_JOURNEY_END, outcome, exit);
  record (sim, j, step, kinds[outcome], outcome == TS_JOURNEY_EXIT ? exit : 0, NULL);
  sim->states[sim->moment.customer * sim->self->n_journeys + j].status = DONE;
}

/* a goal or an exit: its condition now, or a record since entering */
static gboolean
condition_met (Sim                      *sim,
               guint                     j,
               const TsJourneyCondition *c,
               TsRecordFilter           *filter,
               Where                     where,
               int                       index,
               TsTime                    since,
               gboolean                 *met,
               GError                  **error)
{
  const guint32 *bc;
  const TsTime *time;
  guint customer = sim->moment.customer;
  guint lo, hi;

  *met = FALSE;
  if (c->table == TS_TABLE_NONE)
    return holds (sim, c->when, j, where, index, met, error);
  bc = _ts_record_by_customer (sim->ds, c->table);
  time = ts_dataset_get_column (sim->ds, c->table, ts_table_get_time_field (c->table));
  hi = ts_time_lower_bound (time, bc[customer], bc[customer + 1], sim->moment.as_of);
  lo = ts_time_lower_bound (time, bc[customer], hi, since);
  for (guint row = lo; row < hi && !*met; row++)
    if (!_ts_record_filter_eval (filter, &sim->records[c->table], row, met, error))
      {
        g_autofree char *p = path_of (j, where, index);

        g_prefix_error (error, "%s.filter: ", p);
        return FALSE;
      }
  return TRUE;
}

/* held back or made: a touch of journey @j's step @s */
static void
touch (Sim  *sim,
       guint j,
       int   s)
{
  const TsJourneyStep *step = &ts_playbook_get_journey (sim->pb, j)->steps[s];
  TsJourneyNode *node = &sim->self->flows[j].nodes[s + 1];
  TsJourneyNode *all = &sim->self->flows[j].nodes[0];
  guint c = sim->moment.customer;
  GArray *mine = sim->touched[c];
  guint n_guardrails = ts_playbook_get_n_guardrails (sim->pb);
  TsTime at = sim->moment.as_of;

  if (_ts_guardrails_check (&sim->moment, step->channel, step->pitch,
                            mine ? (const TsExtraTouch *) (gpointer) mine->data : NULL,
                            mine ? mine->len : 0, sim->verdicts))
    {
      GString *why = g_string_new (NULL);

      node->suppressed++;
      all->suppressed++;
      for (guint g = 0; g < n_guardrails; g++)
        if (sim->verdicts[g].blocks)
          {
            node->suppressed_by[g]++;
            all->suppressed_by[g]++;
            g_string_append_printf (why, "%s%s: %s", why->len ? "; " : "",
                                    ts_playbook_get_guardrail (sim->pb, g)->id, sim->verdicts[g].reason);
          }
      who_add (sim, j, s, TS_JOURNEY_WHO_SUPPRESSED);
      record (sim, j, s, TS_JOURNEY_EVENT_SUPPRESSED, 0, g_string_free (why, FALSE));
    }
  else
    {
      TsExtraTouch t = { at, step->channel };

      node->touched++;
      all->touched++;
      who_add (sim, j, s, TS_JOURNEY_WHO_TOUCHED);
      record (sim, j, s, TS_JOURNEY_EVENT_TOUCHED, 0, NULL);
      if (mine == NULL)
        mine = sim->touched[c] = g_array_new (FALSE, FALSE, sizeof (TsExtraTouch));
      g_array_append_val (mine, t);

      /* another journey's touch within the week before: an overlap */
      for (guint k = 0; k < sim->self->n_journeys; k++)
        {
          TsTime last = sim->last_touch[c * sim->self->n_journeys + k];
          guint a = MIN (j, k), b = MAX (j, k);
          guint pair = a * sim->self->n_journeys + b;

          if (k == j || last == TS_TIME_NULL || at - last >= WEEK)
            continue;
          if (g_hash_table_add (sim->overlapped, GSIZE_TO_POINTER ((gsize) c * sim->self->n_journeys * sim->self->n_journeys + pair + 1)))
            sim->overlaps[pair]++;
        }
      sim->last_touch[c * sim->self->n_journeys + j] = at;
    }
  for (guint g = 0; g < n_guardrails; g++)
    g_clear_pointer (&sim->verdicts[g].reason, g_free);
  memset (sim->verdicts, 0, sizeof (TsVerdict) * n_guardrails);
}

/* walks customer's steps of journey @j from where they are, as far as
 * today goes */
static gboolean
walk (Sim     *sim,
      guint    j,
      GError **error)
{
  const TsJourney *jo = ts_playbook_get_journey (sim->pb, j);
  State *st = &sim->states[sim->moment.customer * sim->self->n_journeys + j];
  int s = st->step;

  for (;;)
    {
      const TsJourneyStep *step = &jo->steps[s];
      int next;

      switch (step->kind)
        {
        case TS_JOURNEY_STEP_TOUCH:
          touch (sim, j, s);
          next = step->next;
          break;
        case TS_JOURNEY_STEP_WAIT:
          if (!st->waiting)
            {
              st->waiting = TRUE;
              st->wait_until = sim->day + step->days;
              st->step = s;
              record (sim, j, s, TS_JOURNEY_EVENT_WAITING, step->days, NULL);
              return TRUE;
            }
          if (sim->day < st->wait_until)
            return TRUE;
          st->waiting = FALSE;
          next = step->next;
          break;
        case TS_JOURNEY_STEP_BRANCH:
          {
            gboolean yes;
            int other;
            guint8 *passes = &sim->passes[(gsize) sim->moment.customer * sim->n_all_steps + sim->step_offset[j] + s];

            if (!holds (sim, step->when, j, AT_STEP, s, &yes, error))
              return FALSE;
            next = yes ? step->then_step : step->else_step;
            other = yes ? step->else_step : step->then_step;
            if (next != TS_JOURNEY_END && next <= s)
              {
                if (*passes < step->max_passes)
                  (*passes)++;
                else
                  next = other;
              }
            record (sim, j, s, TS_JOURNEY_EVENT_BRANCHED, next, NULL);
          }
          break;
        default:
          g_assert_not_reached ();
        }
      if (next == TS_JOURNEY_END)
        {
          leave (sim, j, s, TS_JOURNEY_FINISHED, -1);
          return TRUE;
        }
      link_add (sim, j, s, next, 0, -1);
      arrive (sim, j, next);
      st->step = s = next;
    }
}

/* one customer's day in journey @j */
static gboolean
live_day (Sim     *sim,
          guint    j,
          GError **error)
{
  const TsJourney *jo = ts_playbook_get_journey (sim->pb, j);
  State *st = &sim->states[sim->moment.customer * sim->self->n_journeys + j];
  TsRecordFilter *filters = &sim->filters[sim->filter_offset[j]];
  gboolean met;

  if (st->status == DONE)
    return TRUE;
  if (st->status == OUTSIDE)
    {
      if (!holds (sim, jo->entry, j, AT_ENTRY, 0, &met, error))
        return FALSE;
      if (!met)
        return TRUE;
      st->status = INSIDE;
      st->step = 0;
      st->entered_at = sim->moment.as_of;
      sim->self->flows[j].nodes[0].passes++;
      who_add (sim, j, TS_JOURNEY_ENTRY, TS_JOURNEY_WHO_PASSED);
      record (sim, j, 0, TS_JOURNEY_EVENT_ENTERED, 0, NULL);
      link_add (sim, j, TS_JOURNEY_ENTRY, 0, 0, -1);
      arrive (sim, j, 0);
      return walk (sim, j, error);
    }

  if (jo->goal != NULL)
    {
      if (!condition_met (sim, j, jo->goal, &filters[0], AT_GOAL, 0, st->entered_at, &met, error))
        return FALSE;
      if (met)
        {
          leave (sim, j, st->step, TS_JOURNEY_GOAL, -1);
          return TRUE;
        }
    }
  for (guint k = 0; k < jo->n_exits; k++)
    {
      if (!condition_met (sim, j, &jo->exits[k], &filters[1 + k], AT_EXIT, k, st->entered_at, &met, error))
        return FALSE;
      if (met)
        {
          leave (sim, j, st->step, TS_JOURNEY_EXIT, k);
          return TRUE;
        }
    }
  return walk (sim, j, error);
}

/* the first send_at in the customer's zone at or after @midnight */
static TsTime
send_moment (GHashTable *zones,
             TsDataset  *ds,
             guint32     zone_id,
             TsTime      midnight,
             guint       send_minute)
{
  gpointer cached;
  const char *name = ts_dataset_get_string (ds, zone_id);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) send = NULL;
  TsTime at;

  if (g_hash_table_lookup_extended (zones, GUINT_TO_POINTER (zone_id), NULL, &cached))
    return *(TsTime *) cached;
  if (name && *name)
    zone = g_time_zone_new_identifier (name);
  if (zone == NULL)
    at = midnight + (TsTime) send_minute * 60 * G_USEC_PER_SEC;
  else
    {
      utc = g_date_time_new_from_unix_utc (midnight / G_USEC_PER_SEC);
      local = g_date_time_to_timezone (utc, zone);
      send = g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local), send_minute / 60, send_minute % 60, 0);
      at = g_date_time_to_unix (send) * G_USEC_PER_SEC;
      if (at < midnight)
        at += DAY;
    }
  g_hash_table_insert (zones, GUINT_TO_POINTER (zone_id), g_memdup2 (&at, sizeof at));
  return at;
}

static void
flows_init (TsJourneys *self)
{
  self->flows = g_new0 (Flow, MAX (self->n_journeys, 1));
  for (guint j = 0; j < self->n_journeys; j++)
    {
      const TsJourney *jo = ts_playbook_get_journey (self->playbook, j);
      Flow *f = &self->flows[j];
      guint n = jo->n_steps + 1;

      f->nodes = g_new0 (TsJourneyNode, n);
      for (guint s = 0; s < n; s++)
        {
          f->nodes[s].suppressed_by = g_new0 (guint, MAX (ts_playbook_get_n_guardrails (self->playbook), 1));
          f->nodes[s].exits = g_new0 (guint, MAX (jo->n_exits, 1));
        }
      f->links = g_array_new (FALSE, FALSE, sizeof (TsJourneyLink));
      f->who = g_new0 (GArray *, n * TS_JOURNEY_N_WHO);
      for (guint k = 0; k < n * TS_JOURNEY_N_WHO; k++)
        f->who[k] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* customers in row order, each once */
static void
sort_unique (GArray *a)
{
  guint *v = (guint *) (gpointer) a->data, n = 0;

  g_array_sort (a, compare_uint);
  for (guint i = 0; i < a->len; i++)
    if (n == 0 || v[n - 1] != v[i])
      v[n++] = v[i];
  g_array_set_size (a, n);
}

/* the customers behind each count; the journey's totals */
static void
flows_finish (TsJourneys *self)
{
  for (guint j = 0; j < self->n_journeys; j++)
    {
      const TsJourney *jo = ts_playbook_get_journey (self->playbook, j);
      Flow *f = &self->flows[j];

      for (guint k = 0; k < (jo->n_steps + 1) * TS_JOURNEY_N_WHO; k++)
        sort_unique (f->who[k]);
      for (guint s = 0; s <= jo->n_steps; s++)
        f->nodes[s].customers = f->who[s * TS_JOURNEY_N_WHO + TS_JOURNEY_WHO_PASSED]->len;
      for (guint s = 1; s <= jo->n_steps; s++)
        {
          for (guint o = 0; o < TS_JOURNEY_N_OUTCOMES; o++)
            f->nodes[0].outcomes[o] += f->nodes[s].outcomes[o];
          for (guint k = 0; k < jo->n_exits; k++)
            f->nodes[0].exits[k] += f->nodes[s].exits[k];
        }
      for (guint w = TS_JOURNEY_WHO_TOUCHED; w < TS_JOURNEY_N_WHO; w++)
        {
          GArray *all = f->who[w];

          for (guint s = 1; s <= jo->n_steps; s++)
            g_array_append_vals (all, f->who[s * TS_JOURNEY_N_WHO + w]->data, f->who[s * TS_JOURNEY_N_WHO + w]->len);
          sort_unique (all);
        }
    }
}

static void
sim_clear (Sim *sim)
{
  for (guint c = 0; sim->touched && c < sim->n_customers; c++)
    if (sim->touched[c])
      g_array_unref (sim->touched[c]);
  g_free (sim->touched);
  g_free (sim->states);
  g_free (sim->passes);
  g_free (sim->step_offset);
  g_free (sim->last_touch);
  g_clear_pointer (&sim->overlapped, g_hash_table_unref);
  g_free (sim->overlaps);
  for (guint t = 0; t < TS_N_TABLES; t++)
    _ts_record_clear (&sim->records[t]);
  for (guint f = 0; sim->filters && f < sim->filter_offset[sim->self->n_journeys]; f++)
    _ts_record_filter_clear (&sim->filters[f]);
  g_free (sim->filters);
  g_free (sim->filter_offset);
  g_free (sim->verdicts);
}

static void
sim_init (Sim        *sim,
          TsJourneys *self)
{
  TsPlaybook *pb = self->playbook;
  guint nj = self->n_journeys;

  memset (sim, 0, sizeof *sim);
  sim->self = self;
  sim->pb = pb;
  sim->ds = self->dataset;
  sim->n_customers = ts_dataset_get_customers (sim->ds)->n_rows;
  sim->states = g_new0 (State, (gsize) sim->n_customers * nj + 1);
  sim->step_offset = g_new0 (guint, nj + 1);
  sim->filter_offset = g_new0 (guint, nj + 1);
  for (guint j = 0; j < nj; j++)
    {
      const TsJourney *jo = ts_playbook_get_journey (pb, j);

      sim->step_offset[j + 1] = sim->step_offset[j] + jo->n_steps;
      sim->filter_offset[j + 1] = sim->filter_offset[j] + 1 + jo->n_exits;
    }
  sim->n_all_steps = sim->step_offset[nj];
  sim->passes = g_new0 (guint8, (gsize) sim->n_customers * sim->n_all_steps + 1);
  sim->touched = g_new0 (GArray *, sim->n_customers + 1);
  sim->last_touch = g_new (TsTime, (gsize) sim->n_customers * nj + 1);
  for (gsize i = 0; i < (gsize) sim->n_customers * nj + 1; i++)
    sim->last_touch[i] = TS_TIME_NULL;
  sim->overlapped = g_hash_table_new (g_direct_hash, g_direct_equal);
  sim->overlaps = g_new0 (guint, nj * nj + 1);
  for (guint t = 0; t < TS_N_TABLES; t++)
    if (t == TS_TABLE_EVENTS || t == TS_TABLE_CASES || t == TS_TABLE_TOUCHES || t == TS_TABLE_RESPONSES)
      _ts_record_init (&sim->records[t], sim->ds, t, self->from + (TsTime) self->days * DAY);
  sim->filters = g_new0 (TsRecordFilter, sim->filter_offset[nj] + 1);
  for (guint j = 0; j < nj; j++)
    {
      const TsJourney *jo = ts_playbook_get_journey (pb, j);

      for (guint k = 0; k <= jo->n_exits; k++)
        {
          const TsJourneyCondition *c = k == 0 ? jo->goal : &jo->exits[k - 1];

          if (c != NULL && c->table != TS_TABLE_NONE)
            _ts_record_filter_init (&sim->filters[sim->filter_offset[j] + k], sim->ds, c->table, c->filter);
        }
    }
  sim->verdicts = g_new0 (TsVerdict, ts_playbook_get_n_guardrails (pb) + 1);
  sim->moment.playbook = pb;
  sim->moment.dataset = sim->ds;
}

static void
overlap_findings (Sim *sim)
{
  guint nj = sim->self->n_journeys;

  for (guint a = 0; a < nj; a++)
    for (guint b = a + 1; b < nj; b++)
      if (sim->overlaps[a * nj + b] > 0)
        {
          TsJourneyFinding *f;
          guint n = sim->overlaps[a * nj + b];

          f = finding_new (sim->self->findings, TS_JOURNEY_LINT_OVERLAP, b, TS_JOURNEY_ENTRY, a, NULL,
                           g_strdup_printf (ngettext ("“%s” and “%s” touch the same customer within a week",
                                                      "“%s” and “%s” touch the same %u customers within a week", n),
                                            ts_playbook_get_journey (sim->pb, a)->id,
                                            ts_playbook_get_journey (sim->pb, b)->id, n));
          f->customers = n;
        }
}

/**
 * ts_journeys_simulate:
 * @ds: the data
 * @pb: the playbook: its journeys and guardrails
 * @from: the first day (its midnight, UTC); %TS_TIME_NULL: @days before the
 *   midnight after the data's last record
 * @days: how many days, 1 or more
 *
 * Walks every customer through every journey of @pb together, day by day,
 * every touch under the playbook's guardrails (see the top of this file),
 * and lints the journeys with what the walks found.  Checks @cancellable
 * every day.
 *
 * Returns: (transfer full): the flows, paths and findings, or %NULL with
 *   @error set: a condition that cannot be evaluated (its JSON path)
 */
TsJourneys *
ts_journeys_simulate (TsDataset     *ds,
                      TsPlaybook    *pb,
                      TsTime         from,
                      guint          days,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(TsJourneys) self = NULL;
  g_autoptr(GHashTable) zones = NULL;
  const TsCustomers *cu;
  gboolean scored;
  gboolean ok = TRUE;
  Sim sim;

  g_return_val_if_fail (TS_IS_DATASET (ds), NULL);
  g_return_val_if_fail (pb != NULL, NULL);
  g_return_val_if_fail (days >= 1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (from == TS_TIME_NULL)
    from = ts_scorer_default_as_of (ds) - (TsTime) days * DAY;
  /* days start at midnight, UTC */
  from -= ((from % DAY) + DAY) % DAY;

  self = g_new0 (TsJourneys, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dataset = g_object_ref (ds);
  self->playbook = ts_playbook_ref (pb);
  self->from = from;
  self->days = days;
  self->n_journeys = ts_playbook_get_n_journeys (pb);
  self->events = g_array_new (FALSE, FALSE, sizeof (Event));
  self->details = g_ptr_array_new_with_free_func (g_free);
  flows_init (self);

  cu = ts_dataset_get_customers (ds);
  scored = needs_scores (pb);
  zones = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  sim_init (&sim, self);
  for (guint d = 0; d < days && ok && self->n_journeys > 0; d++)
    {
      TsTime midnight = from + (TsTime) d * DAY;
      g_autoptr(TsScores) scores = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (scored && (scores = ts_scorer_run (ds, pb, midnight, cancellable, error)) == NULL)
        {
          ok = FALSE;
          break;
        }
      g_hash_table_remove_all (zones);
      sim.day = d;
      sim.moment.scores = scores;
      for (guint c = 0; c < cu->n_rows && ok; c++)
        {
          sim.moment.customer = c;
          for (guint j = 0; j < self->n_journeys && ok; j++)
            {
              sim.moment.as_of = send_moment (zones, ds, cu->timezone[c], midnight,
                                              ts_playbook_get_journey (pb, j)->send_minute);
              ok = live_day (&sim, j, error);
            }
        }
    }
  /* who is still on the way */
  for (guint c = 0; c < cu->n_rows && ok; c++)
    for (guint j = 0; j < self->n_journeys; j++)
      {
        State *st = &sim.states[c * self->n_journeys + j];

        if (st->status != INSIDE)
          continue;
        sim.moment.customer = c;
        sim.moment.as_of = from + (TsTime) days * DAY;
        leave (&sim, j, st->step, TS_JOURNEY_STILL_IN, -1);
      }
  if (ok)
    {
      flows_finish (self);
      self->findings = lint (pb, ds, self);
      overlap_findings (&sim);
      g_ptr_array_sort (self->findings, compare_findings);
    }
  sim_clear (&sim);
  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------ */
/* Access                                                              */
/* ------------------------------------------------------------------ */

TsDataset *
ts_journeys_get_dataset (TsJourneys *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->dataset;
}

TsPlaybook *
ts_journeys_get_playbook (TsJourneys *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->playbook;
}

/**
 * ts_journeys_get_from:
 *
 * Returns: the midnight (UTC) the simulation started at
 */
TsTime
ts_journeys_get_from (TsJourneys *self)
{
  g_return_val_if_fail (self != NULL, TS_TIME_NULL);
  return self->from;
}

guint
ts_journeys_get_days (TsJourneys *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->days;
}

guint
ts_journeys_get_n_journeys (TsJourneys *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_journeys;
}

const TsJourney *
ts_journeys_get_journey (TsJourneys *self,
                         guint       journey)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (journey < self->n_journeys, NULL);
  return ts_playbook_get_journey (self->playbook, journey);
}

/**
 * ts_journeys_get_node:
 * @step: a step of @journey, or %TS_JOURNEY_ENTRY for the journey as a whole
 *
 * Returns: (transfer none): the step's counts
 */
const TsJourneyNode *
ts_journeys_get_node (TsJourneys *self,
                      guint       journey,
                      int         step)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (journey < self->n_journeys, NULL);
  g_return_val_if_fail (step >= TS_JOURNEY_ENTRY &&
                        step < (int) ts_playbook_get_journey (self->playbook, journey)->n_steps, NULL);
  return &self->flows[journey].nodes[step + 1];
}

/**
 * ts_journeys_get_links:
 * @n: (out): how many
 *
 * Returns: (transfer none) (array length=n): the ways customers went, in
 *   the order they were first taken
 */
const TsJourneyLink *
ts_journeys_get_links (TsJourneys *self,
                       guint       journey,
                       guint      *n)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (journey < self->n_journeys, NULL);
  g_return_val_if_fail (n != NULL, NULL);
  *n = self->flows[journey].links->len;
  return (const TsJourneyLink *) (gpointer) self->flows[journey].links->data;
}

/**
 * ts_journeys_get_customers:
 * @step: a step, or %TS_JOURNEY_ENTRY for the journey as a whole
 * @n: (out): how many
 *
 * Returns: (transfer none) (array length=n): the customers (rows of the
 *   customers table) behind a count of the node, each once, in row order
 */
const guint *
ts_journeys_get_customers (TsJourneys   *self,
                           guint         journey,
                           int           step,
                           TsJourneyWho  who,
                           guint        *n)
{
  GArray *a;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (journey < self->n_journeys, NULL);
  g_return_val_if_fail (step >= TS_JOURNEY_ENTRY &&
                        step < (int) ts_playbook_get_journey (self->playbook, journey)->n_steps, NULL);
  g_return_val_if_fail (who < TS_JOURNEY_N_WHO, NULL);
  g_return_val_if_fail (n != NULL, NULL);
  a = self->flows[journey].who[(step + 1) * TS_JOURNEY_N_WHO + who];
  *n = a->len;
  return (const guint *) (gpointer) a->data;
}

/**
 * ts_journeys_dup_path:
 * @customer: a row of the customers table
 *
 * Returns: (transfer container) (element-type TsJourneyEvent): what
 *   happened to @customer in every journey, in time order
 */
GPtrArray *
ts_journeys_dup_path (TsJourneys *self,
                      guint       customer)
{
  GPtrArray *path;

  g_return_val_if_fail (self != NULL, NULL);

  path = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_journey_event_free);
  for (guint i = 0; i < self->events->len; i++)
    {
      const Event *e = &g_array_index (self->events, Event, i);
      TsJourneyEvent *x;

      if (e->customer != customer)
        continue;
      x = g_new0 (TsJourneyEvent, 1);
      x->at = e->at;
      x->journey = e->journey;
      x->step = e->step;
      x->kind = e->kind;
      x->arg = e->arg;
      if (e->detail != G_MAXUINT32)
        x->detail = g_strdup (self->details->pdata[e->detail]);
      g_ptr_array_add (path, x);
    }
  return path;
}

guint
ts_journeys_get_n_findings (TsJourneys *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->findings->len;
}

/**
 * ts_journeys_get_finding:
 *
 * Returns: (transfer none): the lint's finding @i, by journey and step:
 *   every rule, with the asks the data holds counted over the customers
 *   who reached the step, and the journeys that overlap
 */
const TsJourneyFinding *
ts_journeys_get_finding (TsJourneys *self,
                         guint       i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->findings->len, NULL);
  return self->findings->pdata[i];
}

/* ts-playbook.c — the model a user edits: signals, score, guardrails, routes
 *
 * A playbook is one JSON document, saved inside the workspace:
 *
 *   {
 *     "schema": 1,
 *     "signals": [
 *       { "id": "friction", "label": "Friction", "table": "events",
 *         "filter": "name in [\"login_failed\", \"error\"]",
 *         "measure": "count",                 count, exists, sum, recency, rate
 *         "field": "value",                   sum only: the numeric field
 *         "window": "30d", "half_life": "7d", durations; both optional
 *         "normalise": { "kind": "cap", "cap": 5 },   cap, log (cap), minmax (min, max)
 *         "explain": "{count} failed logins or errors in the last 30 days",
 *         "explain_none": "no failed logins or errors in the last 30 days" }
 *     ],
 *     "score": {
 *       "weights": { "friction": 0.4, … },    signal → weight ≥ 0
 *       "bands": [ { "id": "low", "min": 0 }, { "id": "high", "min": 70 } ]
 *     },
 *     "guardrails": [
 *       { "id": "email-cap", "kind": "frequency_cap", "channel": "email", "max": 2, "window": "7d" },
 *       { "id": "consent", "kind": "consent" },
 *       { "id": "do-not-contact", "kind": "suppression", "list": "do-not-contact" },
 *       { "id": "night", "kind": "quiet_hours", "start": "21:00", "end": "08:00" },
 *       { "id": "renewal", "kind": "no_pitch", "when": "after_renewal", "days": 14 }
 *     ],
 *     "routes": [                             the first whose condition holds
 *       { "id": "urgent", "when": "friction >= 0.7", "to": "human",
 *         "channel": "phone", "sla_hours": 4, "promise": "…",
 *         "readiness": "…" }                  expansion routes: must hold too
 *     ],
 *     "outcomes": { "window_days": 90, … }    optional: what outcome reviews
 *                                             measure (docs/outcomes.md)
 *     "drivers": [                            optional: the CX driver index
 *       { "id": "outage", "label": "Outages", "table": "events",
 *         "filter": "name == \"outage_affected\"",
 *         "direction": "lowers",              lowers, raises
 *         "weight": 3,                        ≥ 0; optional, 1
 *         "alert": { "per_1000": 20 } }       optional (docs/drivers.md)
 *     ],
 *     "touchpoints": [                        optional: customer experience assets
 *       { "id": "help_centre", "label": "Help centre", "owner": "Support content",
 *         "table": "events", "filter": "name == \"help_article_viewed\"",
 *         "investment": 24000, "upkeep_per_month": 800, "lifetime_months": 36,
 *         "perceived_value": 4.2,             1..5
 *         "attention": "properties.seconds",  seconds an interaction held
 *         "satisfaction_days": 30 }           optional (docs/touchpoints.md)
 *     ],
 *     "journeys": [                           optional: stage-based journeys
 *       { "id": "onboarding", "label": "Onboarding",
 *         "entry": "customer.created_at >= now - 14d",   checked every day
 *         "steps": [                          the first is where customers enter
 *           { "id": "welcome", "kind": "touch", "channel": "email",
 *             "message": "…", "asks": [ "role" ], "promise": "…",
 *             "refers_to": [], "pitch": false, "next": "pause" },
 *           { "id": "pause", "kind": "wait", "days": 3 },
 *           { "id": "active", "kind": "branch", "when": "…",
 *             "then": "end", "else": "welcome", "max_passes": 1 }
 *         ],
 *         "goal": { "table": "events", "filter": "name == \"feature_used\"" },
 *         "exits": [ { "id": "unsubscribed", "table": "events", "filter": "…" },
 *                    { "id": "churned", "when": "customer.churned_at != null" } ],
 *         "max_asks": 2, "send_at": "10:00" }  optional (docs/journeys.md)
 *     ]
 *   }
 *
 * Every error starts with the JSON path of what is wrong, and a condition's
 * errors carry its column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-playbook"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ts-json-text.h"
#include "ts-playbook.h"
#include "ts-record-private.h"

struct _TsPlaybook
{
  gatomicrefcount  ref_count;
  GArray          *signals;     /* TsSignal */
  GArray          *bands;       /* TsBand, ascending min */
  GArray          *guardrails;  /* TsGuardrail */
  GArray          *routes;      /* TsRoute */
  TsOutcomeRules   outcomes;
  GArray          *drivers;     /* TsDriver */
  GArray          *touchpoints; /* TsTouchpoint */
  GArray          *journeys;    /* TsJourney */
};

G_DEFINE_QUARK (ts-playbook-error-quark, ts_playbook_error)
G_DEFINE_BOXED_TYPE (TsPlaybook, ts_playbook, ts_playbook_ref, ts_playbook_unref)

static const char *const measure_names[] = { "count", "exists", "sum", "recency", "rate" };
static const char *const normalise_names[] = { "cap", "log", "minmax" };
static const char *const guardrail_names[] = {
  "frequency_cap", "consent", "suppression", "quiet_hours", "no_pitch",
};
static const char *const no_pitch_names[] = {
  "open_case", "after_renewal", "onboarding", "after_complaint", "after_detractor",
};
static const char *const direction_names[] = { "lowers", "raises" };
static const char *const route_names[] = { "human", "self_serve", "specialist", "csm", "no_touch" };
static const char *const step_names[] = { "touch", "wait", "branch" };

G_STATIC_ASSERT (G_N_ELEMENTS (measure_names) == TS_MEASURE_RATE + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (normalise_names) == TS_NORMALISE_MINMAX + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (guardrail_names) == TS_GUARDRAIL_NO_PITCH + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (no_pitch_names) == TS_NO_PITCH_AFTER_DETRACTOR + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (route_names) == TS_ROUTE_NO_TOUCH + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == TS_JOURNEY_STEP_BRANCH + 1);

const char *
ts_journey_step_kind_to_string (TsJourneyStepKind kind)
{
  g_return_val_if_fail (kind <= TS_JOURNEY_STEP_BRANCH, NULL);
  return step_names[kind];
}

const char *
ts_measure_to_string (TsMeasure measure)
{
  g_return_val_if_fail (measure <= TS_MEASURE_RATE, NULL);
  return measure_names[measure];
}

const char *
ts_route_to_to_string (TsRouteTo to)
{
  g_return_val_if_fail (to <= TS_ROUTE_NO_TOUCH, NULL);
  return route_names[to];
}

const char *
ts_driver_direction_to_string (TsDriverDirection direction)
{
  g_return_val_if_fail (direction <= TS_DRIVER_RAISES, NULL);
  return direction_names[direction];
}

const char *
ts_guardrail_kind_to_string (TsGuardrailKind kind)
{
  g_return_val_if_fail (kind <= TS_GUARDRAIL_NO_PITCH, NULL);
  return guardrail_names[kind];
}

/* ------------------------------------------------------------------ */
/* Freeing                                                             */
/* ------------------------------------------------------------------ */

static void
signal_clear (gpointer data)
{
  TsSignal *s = data;

  g_free (s->id);
  g_free (s->label);
  g_clear_pointer (&s->filter, ts_expr_free);
  g_free (s->explain);
  g_free (s->explain_none);
}

static void
driver_clear (gpointer data)
{
  TsDriver *d = data;

  g_free (d->id);
  g_free (d->label);
  g_clear_pointer (&d->filter, ts_expr_free);
}

static void
touchpoint_clear (gpointer data)
{
  TsTouchpoint *t = data;

  g_free (t->id);
  g_free (t->label);
  g_free (t->owner);
  g_clear_pointer (&t->filter, ts_expr_free);
  g_free (t->attention);
}

static void
journey_condition_clear (TsJourneyCondition *c)
{
  g_free (c->id);
  g_clear_pointer (&c->when, ts_expr_free);
  g_clear_pointer (&c->filter, ts_expr_free);
}

static void
journey_clear (gpointer data)
{
  TsJourney *j = data;

  g_free (j->id);
  g_free (j->label);
  g_clear_pointer (&j->entry, ts_expr_free);
  for (guint i = 0; i < j->n_steps; i++)
    {
      TsJourneyStep *s = &j->steps[i];

      g_free (s->id);
      g_free (s->label);
      g_free (s->channel);
      g_free (s->message);
      g_strfreev (s->asks);
      g_free (s->promise);
      g_strfreev (s->refers_to);
      g_clear_pointer (&s->when, ts_expr_free);
    }
  g_free (j->steps);
  if (j->goal)
    journey_condition_clear (j->goal);
  g_free (j->goal);
  for (guint i = 0; i < j->n_exits; i++)
    journey_condition_clear (&j->exits[i]);
  g_free (j->exits);
}

static void
band_clear (gpointer data)
{
  g_free (((TsBand *) data)->id);
}

static void
guardrail_clear (gpointer data)
{
  TsGuardrail *g = data;

  g_free (g->id);
  g_free (g->channel);
  g_free (g->list);
}

static void
route_clear (gpointer data)
{
  TsRoute *r = data;

  g_free (r->id);
  g_clear_pointer (&r->when, ts_expr_free);
  g_clear_pointer (&r->readiness, ts_expr_free);
  g_free (r->channel);
  g_free (r->promise);
}

static GArray *
array_new (guint          size,
           GDestroyNotify clear)
{
  GArray *a = g_array_new (FALSE, TRUE, size);

  g_array_set_clear_func (a, clear);
  return a;
}

static void
outcome_rules_clear (TsOutcomeRules *o)
{
  g_free (o->holdout_salt);
  g_strfreev (o->unsubscribe_events);
  g_strfreev (o->complaint_categories);
  g_strfreev (o->churn_events);
  g_strfreev (o->onboarding_events);
  g_clear_pointer (&o->onboarding_filter, ts_expr_free);
  g_strfreev (o->self_service_events);
  g_strfreev (o->high_need_bands);
}

TsPlaybook *
ts_playbook_ref (TsPlaybook *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_playbook_unref (TsPlaybook *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->signals);
  g_array_unref (self->bands);
  g_array_unref (self->guardrails);
  g_array_unref (self->routes);
  outcome_rules_clear (&self->outcomes);
  g_clear_pointer (&self->drivers, g_array_unref);
  g_clear_pointer (&self->touchpoints, g_array_unref);
  g_clear_pointer (&self->journeys, g_array_unref);
  g_free (self);
}

/* ------------------------------------------------------------------ */
/* Reading, with the JSON path of every error                          */
/* ------------------------------------------------------------------ */

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError    **error,
         const char *path,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID, "%s: %s", path, message);
  return FALSE;
}

/* a member's node, NULL when absent or null */
static JsonNode *
member (JsonObject *o,
        const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n && !JSON_NODE_HOLDS_NULL (n) ? n : NULL;
}

static gboolean
get_string (JsonObject  *o,
            const char  *name,
            const char  *path,
            gboolean     required,
            char       **out,
            GError     **error)
{
  JsonNode *n = member (o, name);
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);

  if (n == NULL)
    return required ? invalid (error, p, _("missing")) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return invalid (error, p, _("expected a string"));
  if (required && *json_node_get_string (n) == '\0')
    return invalid (error, p, _("must not be empty"));
  *out = g_strdup (json_node_get_string (n));
  return TRUE;
}

static gboolean
get_number (JsonObject *o,
            const char *name,
            const char *path,
            gboolean    required,
            double     *out,
            GError    **error)
{
  JsonNode *n = member (o, name);
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);

  if (n == NULL)
    return required ? invalid (error, p, _("missing")) : TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) ||
      (json_node_get_value_type (n) != G_TYPE_INT64 && json_node_get_value_type (n) != G_TYPE_DOUBLE))
    return invalid (error, p, _("expected a number"));
  *out = json_node_get_double (n);
  return TRUE;
}

/* one of names[], by its text */
static gboolean
get_enum (JsonObject        *o,
          const char        *name,
          const char        *path,
          const char *const *names,
          guint              n_names,
          guint             *out,
          GError           **error)
{
  g_autofree char *text = NULL;
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
  g_autoptr(GString) choices = g_string_new (NULL);

  if (!get_string (o, name, path, TRUE, &text, error))
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (text, names[i]) == 0)
        {
          *out = i;
          return TRUE;
        }
      g_string_append_printf (choices, "%s%s", i ? ", " : "", names[i]);
    }
  /* Translators: the first %s is what the file says, the second the choices */
  return invalid (error, p, _("“%s” is not one of %s"), text, choices->str);
}

/* "7d", "12h", "30m", "2w": seconds, > 0 */
static gboolean
get_duration (JsonObject *o,
              const char *name,
              const char *path,
              gint64     *out,
              GError    **error)
{
  g_autofree char *text = NULL;
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
  g_autoptr(TsExpr) e = NULL;

  if (!get_string (o, name, path, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  e = ts_expr_parse (text, NULL);
  if (e == NULL || e->kind != TS_EXPR_DURATION || !(e->number >= 1))
    return invalid (error, p, _("“%s” is not a duration such as 30m, 12h, 7d or 2w"), text);
  /* a century is room enough, and keeps microseconds far from overflow */
  if (e->number > 100.0 * 366 * 86400)
    return invalid (error, p, _("“%s” is longer than a hundred years"), text);
  *out = (gint64) round (e->number);
  return TRUE;
}

/* a condition's text, parsed and its names checked: errors at @path */
static gboolean
parse_condition (const char      *text,
                 const char      *path,
                 TsExprResolver   known,
                 gpointer         known_data,
                 TsExpr         **out,
                 GError         **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(TsExpr) e = ts_expr_parse (text, &local);

  if (e == NULL || !ts_expr_check_names (e, known, known_data, &local))
    return invalid (error, path, "%s", local->message);
  *out = g_steal_pointer (&e);
  return TRUE;
}

static gboolean
get_condition (JsonObject      *o,
               const char      *name,
               const char      *path,
               TsExprResolver   known,
               gpointer         known_data,
               TsExpr         **out,
               GError         **error)
{
  g_autofree char *text = NULL;
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);

  if (!get_string (o, name, path, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  return parse_condition (text, p, known, known_data, out, error);
}

/* an id: a letter or _, then letters, digits, _ (and - where the id is
 * never a name in a condition) */
static gboolean
get_id (JsonObject *o,
        const char *path,
        GHashTable *seen,
        gboolean    dashes,
        char      **out,
        GError    **error)
{
  g_autofree char *p = g_strdup_printf ("%s.id", path);

  if (!get_string (o, "id", path, TRUE, out, error))
    return FALSE;
  for (const char *c = *out; *c; c++)
    if (!(g_ascii_isalpha (*c) || *c == '_' ||
          (c > *out && (g_ascii_isdigit (*c) || (dashes && *c == '-')))))
      return invalid (error, p, dashes
                      ? _("“%s”: an id is a letter or _ followed by letters, digits, _ or -")
                      : _("“%s”: a signal's id is a name in conditions: a letter or _ followed by letters, digits or _"),
                      *out);
  if (!g_hash_table_add (seen, *out))
    return invalid (error, p, _("“%s” is used twice"), *out);
  return TRUE;
}

static JsonArray *
get_array (JsonObject *o,
           const char *name,
           const char *path,
           GError    **error)
{
  JsonNode *n = member (o, name);
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);

  if (n == NULL)
    {
      invalid (error, p, _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (n))
    {
      invalid (error, p, _("expected an array"));
      return NULL;
    }
  return json_node_get_array (n);
}

static JsonObject *
array_object (JsonArray  *a,
              guint       i,
              const char *path,
              char      **item_path,
              GError    **error)
{
  JsonNode *n = json_array_get_element (a, i);

  *item_path = g_strdup_printf ("%s[%u]", path, i);
  if (!JSON_NODE_HOLDS_OBJECT (n))
    {
      invalid (error, *item_path, _("expected an object"));
      return NULL;
    }
  return json_node_get_object (n);
}

/* ------------------------------------------------------------------ */
/* Signals                                                             */
/* ------------------------------------------------------------------ */

/* names a signal's filter can use: its table's fields, properties.KEY of
 * events, and `open` and the computed hours of cases (see ts-record.c) */
static gboolean
table_field_known (const char  *name,
                   TsExprValue *value,
                   gpointer     user_data)
{
  return _ts_record_name_known (GPOINTER_TO_INT (user_data), name);
}

static gboolean
read_signal (JsonObject *o,
             const char *path,
             GHashTable *ids,
             TsSignal   *s,
             GError    **error)
{
  g_autofree char *table = NULL;
  g_autofree char *table_path = g_strdup_printf ("%s.table", path);
  g_autofree char *norm_path = g_strdup_printf ("%s.normalise", path);
  guint measure, kind;
  JsonNode *n;
  JsonObject *norm;

  s->field = -1;
  if (!get_id (o, path, ids, FALSE, &s->id, error) ||
      !get_string (o, "label", path, FALSE, &s->label, error) ||
      !get_string (o, "table", path, TRUE, &table, error))
    return FALSE;
  s->table = ts_table_from_name (table);
  if (s->table == TS_TABLE_NONE || s->table == TS_TABLE_CUSTOMERS || s->table == TS_TABLE_LISTS)
    return invalid (error, table_path, _("“%s” is not one of events, cases, touches, responses"), table);
  if (!get_enum (o, "measure", path, measure_names, G_N_ELEMENTS (measure_names), &measure, error))
    return FALSE;
  s->measure = measure;
  if (!get_condition (o, "filter", path, table_field_known, GINT_TO_POINTER (s->table), &s->filter, error) ||
      !get_duration (o, "window", path, &s->window, error) ||
      !get_duration (o, "half_life", path, &s->half_life, error) ||
      !get_string (o, "explain", path, FALSE, &s->explain, error) ||
      !get_string (o, "explain_none", path, FALSE, &s->explain_none, error))
    return FALSE;

  if (s->measure == TS_MEASURE_SUM)
    {
      g_autofree char *field = NULL;
      g_autofree char *field_path = g_strdup_printf ("%s.field", path);

      if (!get_string (o, "field", path, TRUE, &field, error))
        return FALSE;
      s->field = ts_table_find_field (s->table, field);
      if (s->field < 0 || ts_table_get_field (s->table, s->field)->type != TS_FIELD_TYPE_NUMBER)
        return invalid (error, field_path, _("“%s” is not a number field of %s"), field, table);
    }
  if (s->measure == TS_MEASURE_RATE && s->window == 0)
    return invalid (error, path, _("a rate needs a window to count over"));

  n = member (o, "normalise");
  if (n == NULL)
    return invalid (error, norm_path, _("missing: how the raw value becomes 0..1 (cap, log or minmax)"));
  if (!JSON_NODE_HOLDS_OBJECT (n))
    return invalid (error, norm_path, _("expected an object"));
  norm = json_node_get_object (n);
  if (!get_enum (norm, "kind", norm_path, normalise_names, G_N_ELEMENTS (normalise_names), &kind, error))
    return FALSE;
  s->normalise = kind;
  if (s->normalise == TS_NORMALISE_MINMAX)
    {
      if (!get_number (norm, "min", norm_path, TRUE, &s->min, error) ||
          !get_number (norm, "max", norm_path, TRUE, &s->max, error))
        return FALSE;
      if (!(s->max > s->min))
        return invalid (error, norm_path, _("max must be greater than min"));
    }
  else
    {
      g_autofree char *cap_path = g_strdup_printf ("%s.cap", norm_path);

      if (!get_number (norm, "cap", norm_path, TRUE, &s->max, error))
        return FALSE;
      if (!(s->max > 0))
        return invalid (error, cap_path, _("must be greater than 0"));
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Score and bands                                                     */
/* ------------------------------------------------------------------ */

static gboolean
read_score (TsPlaybook *self,
            JsonObject *root,
            GError    **error)
{
  JsonNode *n = member (root, "score");
  JsonObject *score, *weights;
  JsonArray *bands;
  g_autoptr(GHashTable) band_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) names = NULL;
  double total = 0;

  if (n == NULL)
    return invalid (error, "$.score", _("missing"));
  if (!JSON_NODE_HOLDS_OBJECT (n))
    return invalid (error, "$.score", _("expected an object"));
  score = json_node_get_object (n);

  n = member (score, "weights");
  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    return invalid (error, "$.score.weights", n ? _("expected an object") : _("missing"));
  weights = json_node_get_object (n);
  names = json_object_get_members (weights);
  for (GList *l = names; l; l = l->next)
    {
      g_autofree char *p = g_strdup_printf ("$.score.weights.%s", (const char *) l->data);
      int i = ts_playbook_find_signal (self, l->data);
      double w = 0;

      if (i < 0)
        return invalid (error, p, _("there is no signal “%s”"), (const char *) l->data);
      if (!get_number (weights, l->data, "$.score.weights", TRUE, &w, error))
        return FALSE;
      if (!(w >= 0) || !isfinite (w))
        return invalid (error, p, _("a weight is a number of 0 or more"));
      g_array_index (self->signals, TsSignal, i).weight = w;
      total += w;
    }
  if (!(total > 0))
    return invalid (error, "$.score.weights", _("at least one signal needs a weight above 0"));

  bands = get_array (score, "bands", "$.score", error);
  if (bands == NULL)
    return FALSE;
  if (json_array_get_length (bands) == 0)
    return invalid (error, "$.score.bands", _("at least one band is needed"));
  for (guint i = 0; i < json_array_get_length (bands); i++)
    {
      g_autofree char *p = NULL;
      g_autofree char *min_path = NULL;
      JsonObject *o = array_object (bands, i, "$.score.bands", &p, error);
      TsBand b = { NULL, 0 };

      if (o == NULL)
        return FALSE;
      g_array_set_size (self->bands, i + 1);
      if (!get_id (o, p, band_ids, TRUE, &g_array_index (self->bands, TsBand, i).id, error) ||
          !get_number (o, "min", p, TRUE, &b.min, error))
        return FALSE;
      min_path = g_strdup_printf ("%s.min", p);
      if (i == 0 && b.min != 0)
        return invalid (error, min_path, _("the first band starts at 0, so every score has a band"));
      if (i > 0 && !(b.min > g_array_index (self->bands, TsBand, i - 1).min))
        return invalid (error, min_path, _("bands go up: this one must start above the one before"));
      if (b.min > 100)
        return invalid (error, min_path, _("scores go from 0 to 100"));
      g_array_index (self->bands, TsBand, i).min = b.min;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Guardrails                                                          */
/* ------------------------------------------------------------------ */

/* "21:00" → minutes after midnight */
static gboolean
get_clock (JsonObject *o,
           const char *name,
           const char *path,
           guint      *out,
           GError    **error)
{
  g_autofree char *text = NULL;
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
  guint h, m;
  char extra;

  if (!get_string (o, name, path, TRUE, &text, error))
    return FALSE;
  if (sscanf (text, "%2u:%2u%c", &h, &m, &extra) != 2 || h > 23 || m > 59)
    return invalid (error, p, _("“%s” is not a time of day such as 21:00"), text);
  *out = h * 60 + m;
  return TRUE;
}

static gboolean
read_guardrail (JsonObject  *o,
                const char  *path,
                GHashTable  *ids,
                TsGuardrail *g,
                GError     **error)
{
  guint kind;
  double number = 0;

  if (!get_id (o, path, ids, TRUE, &g->id, error) ||
      !get_enum (o, "kind", path, guardrail_names, G_N_ELEMENTS (guardrail_names), &kind, error))
    return FALSE;
  g->kind = kind;
  switch (g->kind)
    {
    case TS_GUARDRAIL_FREQUENCY_CAP:
      {
        g_autofree char *max_path = g_strdup_printf ("%s.max", path);
        g_autofree char *window_path = g_strdup_printf ("%s.window", path);

        if (!get_string (o, "channel", path, FALSE, &g->channel, error) ||
            !get_number (o, "max", path, TRUE, &number, error) ||
            !get_duration (o, "window", path, &g->window, error))
          return FALSE;
        if (!(number >= 0) || number != (guint) number)
          return invalid (error, max_path, _("a number of touches: 0 or more, whole"));
        g->max = (guint) number;
        if (g->window == 0)
          return invalid (error, window_path, _("missing: the rolling window the cap counts over"));
      }
      break;
    case TS_GUARDRAIL_CONSENT:
      break;
    case TS_GUARDRAIL_SUPPRESSION:
      if (!get_string (o, "list", path, TRUE, &g->list, error))
        return FALSE;
      break;
    case TS_GUARDRAIL_QUIET_HOURS:
      if (!get_clock (o, "start", path, &g->start_minute, error) ||
          !get_clock (o, "end", path, &g->end_minute, error))
        return FALSE;
      break;
    case TS_GUARDRAIL_NO_PITCH:
      {
        g_autofree char *days_path = g_strdup_printf ("%s.days", path);
        guint when;

        if (!get_enum (o, "when", path, no_pitch_names, G_N_ELEMENTS (no_pitch_names), &when, error))
          return FALSE;
        g->no_pitch = when;
        if (g->no_pitch == TS_NO_PITCH_OPEN_CASE)
          break;
        if (!get_number (o, "days", path, TRUE, &number, error))
          return FALSE;
        if (!(number >= 1) || number != (guint) number)
          return invalid (error, days_path, _("a whole number of days, 1 or more"));
        g->days = (guint) number;
      }
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Routes                                                              */
/* ------------------------------------------------------------------ */

/* names a route's conditions can use: signals, score, band, stage and
 * customer.FIELD */
static gboolean
moment_name_known (const char  *name,
                   TsExprValue *value,
                   gpointer     user_data)
{
  TsPlaybook *self = user_data;

  if (g_str_equal (name, "score") || g_str_equal (name, "band") || g_str_equal (name, "stage"))
    return TRUE;
  if (g_str_has_prefix (name, "customer."))
    return ts_table_find_field (TS_TABLE_CUSTOMERS, name + strlen ("customer.")) >= 0;
  return ts_playbook_find_signal (self, name) >= 0;
}

static gboolean
read_route (TsPlaybook *self,
            JsonObject *o,
            const char *path,
            GHashTable *ids,
            TsRoute    *r,
            GError    **error)
{
  guint to;

  if (!get_id (o, path, ids, TRUE, &r->id, error) ||
      !get_condition (o, "when", path, moment_name_known, self, &r->when, error) ||
      !get_condition (o, "readiness", path, moment_name_known, self, &r->readiness, error) ||
      !get_enum (o, "to", path, route_names, G_N_ELEMENTS (route_names), &to, error) ||
      !get_string (o, "channel", path, FALSE, &r->channel, error) ||
      !get_string (o, "promise", path, FALSE, &r->promise, error) ||
      !get_number (o, "sla_hours", path, FALSE, &r->sla_hours, error))
    return FALSE;
  r->to = to;
  if (r->to == TS_ROUTE_NO_TOUCH)
    return TRUE;
  if (r->promise == NULL || *g_strstrip (r->promise) == '\0')
    {
      g_autofree char *p = g_strdup_printf ("%s.promise", path);
      return invalid (error, p, _("a route that touches a customer must carry an experience promise"));
    }
  if (r->channel == NULL || *r->channel == '\0')
    {
      g_autofree char *p = g_strdup_printf ("%s.channel", path);
      return invalid (error, p, _("a route that touches a customer names the channel it uses"));
    }
  if (r->sla_hours < 0 || !isfinite (r->sla_hours))
    {
      g_autofree char *p = g_strdup_printf ("%s.sla_hours", path);
      return invalid (error, p, _("hours: 0 or more"));
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Outcomes                                                            */
/* ------------------------------------------------------------------ */

/* a list of names: an array of non-empty strings; absent: @defaults */
static gboolean
get_names (JsonObject        *o,
           const char        *name,
           const char        *path,
           const char *const *defaults,
           char            ***out,
           GError           **error)
{
  JsonNode *n = member (o, name);
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonArray *a;

  if (n == NULL)
    {
      *out = g_strdupv ((char **) defaults);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (n))
    return invalid (error, p, _("expected an array of names"));
  a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      g_autofree char *ep = g_strdup_printf ("%s[%u]", p, i);

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING ||
          *json_node_get_string (e) == '\0')
        return invalid (error, ep, _("expected a name"));
      g_strv_builder_add (names, json_node_get_string (e));
    }
  *out = g_strv_builder_end (names);
  return TRUE;
}

/* a whole number in min..max; absent: left as it is */
static gboolean
get_whole (JsonObject *o,
           const char *name,
           const char *path,
           guint       min,
           guint       max,
           guint      *out,
           GError    **error)
{
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
  double v = *out;

  if (!get_number (o, name, path, FALSE, &v, error))
    return FALSE;
  if (!(v >= min && v <= max) || v != floor (v))
    return invalid (error, p, _("a whole number from %u to %u"), min, max);
  *out = (guint) v;
  return TRUE;
}

static gboolean
read_outcomes (TsPlaybook *self,
               JsonObject *root,
               GError    **error)
{
  static const char *const known[] = {
    "window_days", "holdout", "holdout_salt", "false_positive_days", "unsubscribe_events",
    "complaint_categories", "churn_events", "onboarding_events", "onboarding_filter",
    "onboarding_days", "self_service_events", "self_service_days", "high_need_bands",
    "high_need_score", NULL
  };
  static const char *const unsubscribe[] = { "email_unsubscribed", "unsubscribed", NULL };
  static const char *const complaint[] = { "Complaint", NULL };
  static const char *const churn[] = { "churned", "subscription_cancelled", "opportunity_closed_lost", NULL };
  static const char *const onboarding[] = { "onboarding_completed", NULL };
  static const char *const self_service[] = { "help_article_viewed", NULL };
  const char *top[] = { ts_playbook_get_band (self, self->bands->len - 1)->id, NULL };
  TsOutcomeRules *r = &self->outcomes;
  const char *path = "$.outcomes";
  JsonNode *n = member (root, "outcomes");
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(GList) names = NULL;
  JsonObject *o;

  r->window_days = 90;
  r->false_positive_days = 14;
  r->onboarding_days = 30;
  r->self_service_days = 7;
  r->high_need_score = NAN;
  if (n != NULL && !JSON_NODE_HOLDS_OBJECT (n))
    return invalid (error, path, _("expected an object"));
  o = n ? json_node_get_object (n) : empty;

  /* a misspelt setting would silently be its default */
  names = json_object_get_members (o);
  for (GList *l = names; l; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *p = g_strdup_printf ("%s.%s", path, (const char *) l->data);
        g_autofree char *choices = g_strjoinv (", ", (char **) known);
        return invalid (error, p, _("not an outcomes setting; they are %s"), choices);
      }

  if (!get_whole (o, "window_days", path, 1, 3660, &r->window_days, error) ||
      !get_number (o, "holdout", path, FALSE, &r->holdout, error) ||
      !get_string (o, "holdout_salt", path, FALSE, &r->holdout_salt, error) ||
      !get_whole (o, "false_positive_days", path, 1, 365, &r->false_positive_days, error) ||
      !get_names (o, "unsubscribe_events", path, unsubscribe, &r->unsubscribe_events, error) ||
      !get_names (o, "complaint_categories", path, complaint, &r->complaint_categories, error) ||
      !get_names (o, "churn_events", path, churn, &r->churn_events, error) ||
      !get_names (o, "onboarding_events", path, onboarding, &r->onboarding_events, error) ||
      !get_condition (o, "onboarding_filter", path, table_field_known,
                      GINT_TO_POINTER (TS_TABLE_EVENTS), &r->onboarding_filter, error) ||
      !get_whole (o, "onboarding_days", path, 1, 365, &r->onboarding_days, error) ||
      !get_names (o, "self_service_events", path, self_service, &r->self_service_events, error) ||
      !get_whole (o, "self_service_days", path, 1, 365, &r->self_service_days, error) ||
      !get_names (o, "high_need_bands", path, top, &r->high_need_bands, error) ||
      !get_number (o, "high_need_score", path, FALSE, &r->high_need_score, error))
    return FALSE;
  if (!(r->holdout >= 0 && r->holdout <= 0.5))
    return invalid (error, "$.outcomes.holdout", _("a share of customers from 0 to 0.5"));
  if (r->holdout_salt == NULL)
    r->holdout_salt = g_strdup ("touchstone");
  if (!isnan (r->high_need_score) && !(r->high_need_score >= 0 && r->high_need_score <= 100))
    return invalid (error, "$.outcomes.high_need_score", _("scores go from 0 to 100"));
  for (guint i = 0; r->high_need_bands[i]; i++)
    {
      gboolean found = FALSE;

      for (guint b = 0; b < self->bands->len; b++)
        found |= g_strcmp0 (g_array_index (self->bands, TsBand, b).id, r->high_need_bands[i]) == 0;
      if (!found)
        {
          g_autofree char *p = g_strdup_printf ("%s.high_need_bands[%u]", path, i);
          return invalid (error, p, _("there is no band “%s”"), r->high_need_bands[i]);
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Drivers                                                             */
/* ------------------------------------------------------------------ */

static gboolean
read_driver (JsonObject *o,
             const char *path,
             GHashTable *ids,
             TsDriver   *d,
             GError    **error)
{
  static const char *const known[] = { "id", "label", "table", "filter", "direction", "weight", "alert", NULL };
  g_autofree char *table = NULL;
  g_autofree char *table_path = g_strdup_printf ("%s.table", path);
  g_autofree char *weight_path = g_strdup_printf ("%s.weight", path);
  g_autofree char *alert_path = g_strdup_printf ("%s.alert", path);
  g_autoptr(GList) names = json_object_get_members (o);
  guint direction;
  JsonNode *n;

  d->weight = 1;
  d->alert_per_1000 = NAN;
  for (GList *l = names; l; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *p = g_strdup_printf ("%s.%s", path, (const char *) l->data);
        g_autofree char *choices = g_strjoinv (", ", (char **) known);
        return invalid (error, p, _("not a driver's setting; they are %s"), choices);
      }
  if (!get_id (o, path, ids, TRUE, &d->id, error) ||
      !get_string (o, "label", path, FALSE, &d->label, error) ||
      !get_string (o, "table", path, TRUE, &table, error))
    return FALSE;
  d->table = ts_table_from_name (table);
  if (d->table == TS_TABLE_NONE || d->table == TS_TABLE_CUSTOMERS || d->table == TS_TABLE_LISTS)
    return invalid (error, table_path, _("“%s” is not one of events, cases, touches, responses"), table);
  if (!get_condition (o, "filter", path, table_field_known, GINT_TO_POINTER (d->table), &d->filter, error) ||
      !get_enum (o, "direction", path, direction_names, G_N_ELEMENTS (direction_names), &direction, error) ||
      !get_number (o, "weight", path, FALSE, &d->weight, error))
    return FALSE;
  d->direction = direction;
  if (!(d->weight >= 0) || isinf (d->weight))
    return invalid (error, weight_path, _("a weight is a number of 0 or more"));

  n = member (o, "alert");
  if (n != NULL)
    {
      g_autofree char *per_path = g_strdup_printf ("%s.per_1000", alert_path);
      g_autoptr(GList) alert_names = NULL;
      JsonObject *alert;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return invalid (error, alert_path, _("expected an object such as {\"per_1000\": 20}"));
      alert = json_node_get_object (n);
      alert_names = json_object_get_members (alert);
      for (GList *l = alert_names; l; l = l->next)
        if (!g_str_equal (l->data, "per_1000"))
          {
            g_autofree char *p = g_strdup_printf ("%s.%s", alert_path, (const char *) l->data);
            return invalid (error, p, _("not an alert setting; an alert has per_1000"));
          }
      if (!get_number (alert, "per_1000", alert_path, TRUE, &d->alert_per_1000, error))
        return FALSE;
      if (!(d->alert_per_1000 >= 0) || isinf (d->alert_per_1000))
        return invalid (error, per_path, _("moments per 1,000 customers: a number of 0 or more"));
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Touchpoints                                                         */
/* ------------------------------------------------------------------ */

static gboolean
get_amount (JsonObject *o,
            const char *name,
            const char *path,
            double     *out,
            GError    **error)
{
  g_autofree char *p = g_strdup_printf ("%s.%s", path, name);

  if (!get_number (o, name, path, FALSE, out, error))
    return FALSE;
  if (!(*out >= 0) || isinf (*out))
    return invalid (error, p, _("an amount of 0 or more"));
  return TRUE;
}

static gboolean
read_touchpoint (JsonObject   *o,
                 const char   *path,
                 GHashTable   *ids,
                 TsTouchpoint *t,
                 GError      **error)
{
  static const char *const known[] = {
    "id", "label", "owner", "table", "filter", "investment", "upkeep_per_month",
    "lifetime_months", "perceived_value", "attention", "satisfaction_days", NULL
  };
  g_autofree char *table = NULL;
  g_autofree char *table_path = g_strdup_printf ("%s.table", path);
  g_autofree char *lifetime_path = g_strdup_printf ("%s.lifetime_months", path);
  g_autofree char *value_path = g_strdup_printf ("%s.perceived_value", path);
  g_autofree char *attention_path = g_strdup_printf ("%s.attention", path);
  g_autofree char *days_path = g_strdup_printf ("%s.satisfaction_days", path);
  g_autoptr(GList) names = json_object_get_members (o);
  double days = 30;

  t->lifetime_months = 36;
  t->perceived_value = NAN;
  for (GList *l = names; l; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *p = g_strdup_printf ("%s.%s", path, (const char *) l->data);
        g_autofree char *choices = g_strjoinv (", ", (char **) known);
        return invalid (error, p, _("not a touchpoint's setting; they are %s"), choices);
      }
  if (!get_id (o, path, ids, TRUE, &t->id, error) ||
      !get_string (o, "label", path, FALSE, &t->label, error) ||
      !get_string (o, "owner", path, FALSE, &t->owner, error) ||
      !get_string (o, "table", path, TRUE, &table, error))
    return FALSE;
  t->table = ts_table_from_name (table);
  if (t->table == TS_TABLE_NONE || t->table == TS_TABLE_CUSTOMERS || t->table == TS_TABLE_LISTS)
    return invalid (error, table_path, _("“%s” is not one of events, cases, touches, responses"), table);
  if (!get_condition (o, "filter", path, table_field_known, GINT_TO_POINTER (t->table), &t->filter, error) ||
      !get_amount (o, "investment", path, &t->investment, error) ||
      !get_amount (o, "upkeep_per_month", path, &t->upkeep_per_month, error) ||
      !get_number (o, "lifetime_months", path, FALSE, &t->lifetime_months, error) ||
      !get_number (o, "perceived_value", path, FALSE, &t->perceived_value, error) ||
      !get_string (o, "attention", path, FALSE, &t->attention, error) ||
      !get_number (o, "satisfaction_days", path, FALSE, &days, error))
    return FALSE;
  if (!(t->lifetime_months > 0) || isinf (t->lifetime_months))
    return invalid (error, lifetime_path, _("a number of months above 0"));
  if (member (o, "perceived_value") != NULL && !(t->perceived_value >= 1 && t->perceived_value <= 5))
    return invalid (error, value_path, _("a rating from 1 to 5"));
  if (t->attention != NULL && !_ts_record_name_known (t->table, t->attention))
    return invalid (error, attention_path, _("“%s” is not a field of %s"), t->attention, table);
  if (!(days >= 1 && days <= 3660) || days != floor (days))
    return invalid (error, days_path, _("a whole number of days from 1 to 3660"));
  t->satisfaction_days = (guint) days;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Journeys                                                            */
/* ------------------------------------------------------------------ */

/* a member's names are all among @known (NULL-terminated): a misspelt one
 * would silently be left out */
static gboolean
only_members (JsonObject        *o,
              const char        *path,
              const char *const *known,
              const char        *what,
              GError           **error)
{
  g_autoptr(GList) names = json_object_get_members (o);

  for (GList *l = names; l; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *p = g_strdup_printf ("%s.%s", path, (const char *) l->data);
        g_autofree char *choices = g_strjoinv (", ", (char **) known);
        /* Translators: the first %s is what has settings ("a touch step"), the second the settings */
        return invalid (error, p, _("not a setting of %s; they are %s"), what, choices);
      }
  return TRUE;
}

/* the names a journey's conditions use: a route's, and `now` (the moment,
 * in seconds since the epoch, so that `customer.created_at >= now - 14d`) */
static gboolean
journey_name_known (const char  *name,
                    TsExprValue *value,
                    gpointer     user_data)
{
  return g_str_equal (name, "now") || moment_name_known (name, value, user_data);
}

/* "goal": "a condition" or { "when": … } or { "table": …, "filter": … } */
static gboolean
read_journey_condition (TsPlaybook         *self,
                        JsonNode           *n,
                        const char         *path,
                        gboolean            exit,
                        TsJourneyCondition *c,
                        GError            **error)
{
  static const char *const goal_known[] = { "when", "table", "filter", NULL };
  static const char *const exit_known[] = { "id", "when", "table", "filter", NULL };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *table = NULL;
  g_autofree char *table_path = g_strdup_printf ("%s.table", path);
  JsonObject *o;

  c->table = TS_TABLE_NONE;
  if (!exit && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return parse_condition (json_node_get_string (n), path, journey_name_known, self, &c->when, error);
  if (!JSON_NODE_HOLDS_OBJECT (n))
    return invalid (error, path, exit ? _("expected an object such as {\"id\": \"churned\", \"when\": \"…\"}")
                                      : _("expected a condition, or an object such as {\"table\": \"events\", \"filter\": \"…\"}"));
  o = json_node_get_object (n);
  if (!only_members (o, path, exit ? exit_known : goal_known, exit ? _("an exit") : _("a goal"), error) ||
      (exit && !get_id (o, path, ids, TRUE, &c->id, error)) ||
      !get_condition (o, "when", path, journey_name_known, self, &c->when, error) ||
      !get_string (o, "table", path, FALSE, &table, error))
    return FALSE;
  if (table == NULL && c->when == NULL)
    return invalid (error, path, _("needs “when” (a condition on the customer) or “table” (a record since entry)"));
  if (table != NULL && c->when != NULL)
    return invalid (error, path, _("give “when” or “table”, not both"));
  if (table == NULL)
    return member (o, "filter") == NULL || invalid (error, path, _("a “filter” goes with a “table”"));
  c->table = ts_table_from_name (table);
  if (c->table == TS_TABLE_NONE || c->table == TS_TABLE_CUSTOMERS || c->table == TS_TABLE_LISTS)
    return invalid (error, table_path, _("“%s” is not one of events, cases, touches, responses"), table);
  return get_condition (o, "filter", path, table_field_known, GINT_TO_POINTER (c->table), &c->filter, error);
}

/* a step id, "end" or absent (@dflt); resolved once every step is read */
static gboolean
resolve_step (const TsJourney *j,
              const char      *id,
              const char      *path,
              int             *out,
              GError         **error)
{
  if (g_strcmp0 (id, "end") == 0)
    {
      *out = TS_JOURNEY_END;
      return TRUE;
    }
  *out = ts_journey_find_step (j, id);
  return *out >= 0 || invalid (error, path, _("there is no step “%s” in this journey (or “end”)"), id);
}

static gboolean
read_names (JsonObject  *o,
            const char  *name,
            const char  *path,
            char      ***out,
            GError     **error)
{
  static const char *const none[] = { NULL };

  return get_names (o, name, path, none, out, error);
}

static gboolean
read_step (TsPlaybook    *self,
           JsonObject    *o,
           const char    *path,
           GHashTable    *ids,
           TsJourneyStep *s,
           char         **next,
           char         **then_id,
           char         **else_id,
           GError       **error)
{
  static const char *const touch_known[] = {
    "id", "label", "kind", "channel", "message", "asks", "promise", "refers_to", "pitch", "next", NULL
  };
  static const char *const wait_known[] = { "id", "label", "kind", "days", "next", NULL };
  static const char *const branch_known[] = { "id", "label", "kind", "when", "then", "else", "max_passes", NULL };
  g_autofree char *when_path = g_strdup_printf ("%s.when", path);
  guint kind;
  JsonNode *n;

  if (!get_id (o, path, ids, TRUE, &s->id, error))
    return FALSE;
  if (g_str_equal (s->id, "end"))
    {
      g_autofree char *p = g_strdup_printf ("%s.id", path);
      return invalid (error, p, _("“end” is where a journey ends: a step needs another id"));
    }
  if (!get_string (o, "label", path, FALSE, &s->label, error) ||
      !get_enum (o, "kind", path, step_names, G_N_ELEMENTS (step_names), &kind, error))
    return FALSE;
  s->kind = kind;
  s->max_passes = 1;
  switch (s->kind)
    {
    case TS_JOURNEY_STEP_TOUCH:
      if (!only_members (o, path, touch_known, _("a touch step"), error) ||
          !get_string (o, "channel", path, TRUE, &s->channel, error) ||
          !get_string (o, "message", path, FALSE, &s->message, error) ||
          !read_names (o, "asks", path, &s->asks, error) ||
          !get_string (o, "promise", path, FALSE, &s->promise, error) ||
          !read_names (o, "refers_to", path, &s->refers_to, error) ||
          !get_string (o, "next", path, FALSE, next, error))
        return FALSE;
      /* a blank promise is no promise: the lint says so */
      if (s->promise && *g_strstrip (s->promise) == '\0')
        g_clear_pointer (&s->promise, g_free);
      n = member (o, "pitch");
      if (n != NULL)
        {
          g_autofree char *p = g_strdup_printf ("%s.pitch", path);

          if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
            return invalid (error, p, _("expected true or false"));
          s->pitch = json_node_get_boolean (n);
        }
      break;
    case TS_JOURNEY_STEP_WAIT:
      if (!only_members (o, path, wait_known, _("a wait step"), error))
        return FALSE;
      if (member (o, "days") == NULL)
        {
          g_autofree char *p = g_strdup_printf ("%s.days", path);
          return invalid (error, p, _("missing: how many days the customer waits"));
        }
      if (!get_whole (o, "days", path, 1, 3660, &s->days, error) ||
          !get_string (o, "next", path, FALSE, next, error))
        return FALSE;
      break;
    case TS_JOURNEY_STEP_BRANCH:
      if (!only_members (o, path, branch_known, _("a branch step"), error) ||
          !get_condition (o, "when", path, journey_name_known, self, &s->when, error) ||
          !get_string (o, "then", path, TRUE, then_id, error) ||
          !get_string (o, "else", path, TRUE, else_id, error) ||
          !get_whole (o, "max_passes", path, 1, 100, &s->max_passes, error))
        return FALSE;
      if (s->when == NULL)
        return invalid (error, when_path, _("missing: the condition the branch is on"));
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static gboolean
read_journey (TsPlaybook *self,
              JsonObject *o,
              const char *path,
              GHashTable *ids,
              TsJourney  *j,
              GError    **error)
{
  static const char *const known[] = {
    "id", "label", "entry", "steps", "goal", "exits", "max_asks", "send_at", NULL
  };
  g_autoptr(GHashTable) step_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) exit_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *steps_path = g_strdup_printf ("%s.steps", path);
  g_autofree char *exits_path = g_strdup_printf ("%s.exits", path);
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);   /* per step: next, then, else */
  JsonArray *a;
  JsonNode *n;

  j->max_asks = 2;
  j->send_minute = 10 * 60;
  if (!only_members (o, path, known, _("a journey"), error) ||
      !get_id (o, path, ids, TRUE, &j->id, error) ||
      !get_string (o, "label", path, FALSE, &j->label, error) ||
      !get_condition (o, "entry", path, journey_name_known, self, &j->entry, error) ||
      !get_whole (o, "max_asks", path, 1, 100, &j->max_asks, error))
    return FALSE;
  if (member (o, "send_at") != NULL && !get_clock (o, "send_at", path, &j->send_minute, error))
    return FALSE;

  if ((a = get_array (o, "steps", path, error)) == NULL)
    return FALSE;
  if (json_array_get_length (a) == 0)
    return invalid (error, steps_path, _("a journey has at least one step"));
  j->n_steps = json_array_get_length (a);
  j->steps = g_new0 (TsJourneyStep, j->n_steps);
  for (guint i = 0; i < j->n_steps; i++)
    {
      g_autofree char *p = NULL;
      JsonObject *so = array_object (a, i, steps_path, &p, error);
      char *next = NULL, *then_id = NULL, *else_id = NULL;
      gboolean ok;

      if (so == NULL)
        {
          j->n_steps = i;
          return FALSE;
        }
      ok = read_step (self, so, p, step_ids, &j->steps[i], &next, &then_id, &else_id, error);
      g_ptr_array_add (links, next);
      g_ptr_array_add (links, then_id);
      g_ptr_array_add (links, else_id);
      if (!ok)
        {
          j->n_steps = i + 1;
          return FALSE;
        }
    }

  /* every way between steps, now that all are known */
  for (guint i = 0; i < j->n_steps; i++)
    {
      TsJourneyStep *s = &j->steps[i];
      const char *next = links->pdata[3 * i];
      g_autofree char *next_path = g_strdup_printf ("%s[%u].next", steps_path, i);
      g_autofree char *then_path = g_strdup_printf ("%s[%u].then", steps_path, i);
      g_autofree char *else_path = g_strdup_printf ("%s[%u].else", steps_path, i);
      g_autofree char *refers_path = g_strdup_printf ("%s[%u].refers_to", steps_path, i);

      if (s->kind == TS_JOURNEY_STEP_BRANCH)
        {
          if (!resolve_step (j, links->pdata[3 * i + 1], then_path, &s->then_step, error) ||
              !resolve_step (j, links->pdata[3 * i + 2], else_path, &s->else_step, error))
            return FALSE;
          s->next = TS_JOURNEY_END;
          /* a way back is bounded by max_passes, then the other way is taken:
           * that one must go forward, or the walk might never end */
          if (s->then_step != TS_JOURNEY_END && s->then_step <= (int) i &&
              s->else_step != TS_JOURNEY_END && s->else_step <= (int) i)
            return invalid (error, else_path, _("“then” already leads back to an earlier step: “else” must lead on"));
          continue;
        }
      if (next == NULL)
        s->next = i + 1 < j->n_steps ? (int) i + 1 : TS_JOURNEY_END;
      else if (!resolve_step (j, next, next_path, &s->next, error))
        return FALSE;
      if (s->next != TS_JOURNEY_END && s->next <= (int) i)
        return invalid (error, next_path, _("only a branch leads back to an earlier step, so that the passes are bounded"));
      for (guint r = 0; s->refers_to && s->refers_to[r]; r++)
        {
          int k = ts_journey_find_step (j, s->refers_to[r]);
          g_autofree char *rp = g_strdup_printf ("%s[%u]", refers_path, r);

          if (k < 0 || j->steps[k].kind != TS_JOURNEY_STEP_TOUCH)
            return invalid (error, rp, _("there is no touch “%s” in this journey"), s->refers_to[r]);
          if (k == (int) i)
            return invalid (error, rp, _("a touch refers to earlier touches, not to itself"));
        }
    }

  n = member (o, "goal");
  if (n != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.goal", path);

      j->goal = g_new0 (TsJourneyCondition, 1);
      if (!read_journey_condition (self, n, p, FALSE, j->goal, error))
        return FALSE;
    }
  if (member (o, "exits") != NULL)
    {
      if ((a = get_array (o, "exits", path, error)) == NULL)
        return FALSE;
      j->exits = g_new0 (TsJourneyCondition, MAX (json_array_get_length (a), 1));
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *p = g_strdup_printf ("%s[%u]", exits_path, i);
          g_autofree char *id_path = g_strdup_printf ("%s.id", p);

          j->n_exits = i + 1;
          if (!read_journey_condition (self, json_array_get_element (a, i), p, TRUE, &j->exits[i], error))
            return FALSE;
          if (!g_hash_table_add (exit_ids, j->exits[i].id))
            return invalid (error, id_path, _("“%s” is used twice"), j->exits[i].id);
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The whole document                                                  */
/* ------------------------------------------------------------------ */

TsPlaybook *
ts_playbook_new_from_json (JsonObject *object,
                           GError    **error)
{
  g_autoptr(TsPlaybook) self = g_new0 (TsPlaybook, 1);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) guardrail_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) route_ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *a;
  JsonNode *n;

  g_return_val_if_fail (object != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->signals = array_new (sizeof (TsSignal), signal_clear);
  self->bands = array_new (sizeof (TsBand), band_clear);
  self->guardrails = array_new (sizeof (TsGuardrail), guardrail_clear);
  self->routes = array_new (sizeof (TsRoute), route_clear);
  self->drivers = array_new (sizeof (TsDriver), driver_clear);
  self->touchpoints = array_new (sizeof (TsTouchpoint), touchpoint_clear);
  self->journeys = array_new (sizeof (TsJourney), journey_clear);

  n = member (object, "schema");
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    {
      invalid (error, "$.schema", _("missing: this playbook says nothing of its version"));
      return NULL;
    }
  if (json_node_get_int (n) != 1)
    {
      invalid (error, "$.schema", _("version %" PRId64 " is not known to this Touchstone, which reads version 1"),
               json_node_get_int (n));
      return NULL;
    }

  if ((a = get_array (object, "signals", "$", error)) == NULL)
    return NULL;
  if (json_array_get_length (a) == 0)
    {
      invalid (error, "$.signals", _("a playbook scores with at least one signal"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *p = NULL;
      JsonObject *o = array_object (a, i, "$.signals", &p, error);

      if (o == NULL)
        return NULL;
      g_array_set_size (self->signals, i + 1);
      if (!read_signal (o, p, ids, &g_array_index (self->signals, TsSignal, i), error))
        return NULL;
    }

  if (!read_score (self, object, error))
    return NULL;

  if (member (object, "guardrails") != NULL)
    {
      if ((a = get_array (object, "guardrails", "$", error)) == NULL)
        return NULL;
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *p = NULL;
          JsonObject *o = array_object (a, i, "$.guardrails", &p, error);

          if (o == NULL)
            return NULL;
          g_array_set_size (self->guardrails, i + 1);
          if (!read_guardrail (o, p, guardrail_ids, &g_array_index (self->guardrails, TsGuardrail, i), error))
            return NULL;
        }
    }

  if ((a = get_array (object, "routes", "$", error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *p = NULL;
      JsonObject *o = array_object (a, i, "$.routes", &p, error);

      if (o == NULL)
        return NULL;
      g_array_set_size (self->routes, i + 1);
      if (!read_route (self, o, p, route_ids, &g_array_index (self->routes, TsRoute, i), error))
        return NULL;
    }
  /* every moment gets a decision: the last route takes what the others leave */
  if (self->routes->len == 0 ||
      g_array_index (self->routes, TsRoute, self->routes->len - 1).when != NULL ||
      g_array_index (self->routes, TsRoute, self->routes->len - 1).readiness != NULL)
    {
      invalid (error, "$.routes", _("the last route must have no “when” and no “readiness”, so that every moment has a route"));
      return NULL;
    }
  if (!read_outcomes (self, object, error))
    return NULL;

  if (member (object, "drivers") != NULL)
    {
      g_autoptr(GHashTable) driver_ids = g_hash_table_new (g_str_hash, g_str_equal);

      if ((a = get_array (object, "drivers", "$", error)) == NULL)
        return NULL;
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *p = NULL;
          JsonObject *o = array_object (a, i, "$.drivers", &p, error);

          if (o == NULL)
            return NULL;
          g_array_set_size (self->drivers, i + 1);
          if (!read_driver (o, p, driver_ids, &g_array_index (self->drivers, TsDriver, i), error))
            return NULL;
        }
    }

  if (member (object, "touchpoints") != NULL)
    {
      g_autoptr(GHashTable) touchpoint_ids = g_hash_table_new (g_str_hash, g_str_equal);

      if ((a = get_array (object, "touchpoints", "$", error)) == NULL)
        return NULL;
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *p = NULL;
          JsonObject *o = array_object (a, i, "$.touchpoints", &p, error);

          if (o == NULL)
            return NULL;
          g_array_set_size (self->touchpoints, i + 1);
          if (!read_touchpoint (o, p, touchpoint_ids, &g_array_index (self->touchpoints, TsTouchpoint, i), error))
            return NULL;
        }
    }

  if (member (object, "journeys") != NULL)
    {
      g_autoptr(GHashTable) journey_ids = g_hash_table_new (g_str_hash, g_str_equal);

      if ((a = get_array (object, "journeys", "$", error)) == NULL)
        return NULL;
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *p = NULL;
          JsonObject *o = array_object (a, i, "$.journeys", &p, error);

          if (o == NULL)
            return NULL;
          g_array_set_size (self->journeys, i + 1);
          if (!read_journey (self, o, p, journey_ids, &g_array_index (self->journeys, TsJourney, i), error))
            return NULL;
        }
    }

  return g_steal_pointer (&self);
}

TsPlaybook *
ts_playbook_new_from_file (const char *path,
                           GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;
  TsPlaybook *self;

  g_return_val_if_fail (path != NULL, NULL);

  if (!ts_json_parser_load_file (parser, path, &local))
    {
      /* the message starts with the path, a line and a column */
      g_set_error_literal (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID, local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID, "%s: $: %s", path, _("expected an object"));
      return NULL;
    }
  self = ts_playbook_new_from_json (json_node_get_object (root), &local);
  if (self == NULL)
    g_set_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID, "%s: %s", path, local->message);
  return self;
}

/**
 * ts_playbook_new_default:
 *
 * The bundled playbook: the seeds' CX-first playbook.
 */
TsPlaybook *
ts_playbook_new_default (GError **error)
{
  g_autoptr(GFile) file = ts_workspace_dup_data_file ("playbook", "default.json");
  g_autofree char *path = g_file_get_path (file);

  return ts_playbook_new_from_file (path, error);
}

/**
 * ts_playbook_new_for_workspace:
 *
 * The workspace's playbook; a workspace whose playbook has no signals yet
 * uses the bundled default. Errors name the workspace file and the path
 * inside it ("demo.touchstone: $.playbook.routes[0].promise: …").
 */
TsPlaybook *
ts_playbook_new_for_workspace (TsWorkspace *workspace,
                               GError     **error)
{
  JsonObject *object = ts_workspace_get_playbook (workspace);
  g_autoptr(GError) local = NULL;
  GFile *file;
  g_autofree char *name = NULL;
  TsPlaybook *self;

  if (!json_object_has_member (object, "signals"))
    return ts_playbook_new_default (error);
  self = ts_playbook_new_from_json (object, &local);
  if (self != NULL)
    return self;
  file = ts_workspace_get_file (workspace);
  name = file ? g_file_get_parse_name (file) : g_strdup (_("the workspace"));
  g_set_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID, "%s: $.playbook%s",
               name, local->message + (local->message[0] == '$' ? 1 : 0));
  return NULL;
}

/**
 * ts_playbook_dup_workspace_json:
 * @workspace: (nullable): whose playbook
 *
 * The playbook a workspace uses, as JSON to edit: a deep copy of the
 * workspace's own, or of the bundled default when it has no signals yet
 * (or there is no workspace).
 *
 * Returns: (transfer full): the playbook object, or %NULL when the default
 *   cannot be read
 */
JsonObject *
ts_playbook_dup_workspace_json (TsWorkspace *workspace,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  JsonNode *root;

  if (workspace && json_object_has_member (ts_workspace_get_playbook (workspace), "signals"))
    return ts_json_object_dup (ts_workspace_get_playbook (workspace));
  parser = json_parser_new ();
  file = ts_workspace_dup_data_file ("playbook", "default.json");
  path = g_file_get_path (file);
  if (!ts_json_parser_load_file (parser, path, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TS_PLAYBOOK_ERROR, TS_PLAYBOOK_ERROR_INVALID, _("%s: $: expected an object"), path);
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* ------------------------------------------------------------------ */
/* Words                                                               */
/* ------------------------------------------------------------------ */

/**
 * ts_duration_format:
 *
 * 1209600 → "14d": a duration in seconds, in the unit a user would write.
 */
char *
ts_duration_format (gint64 seconds)
{
  if (seconds % 86400 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "d", seconds / 86400);
  if (seconds % 3600 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "h", seconds / 3600);
  return g_strdup_printf ("%" G_GINT64_FORMAT "m", seconds / 60);
}

/**
 * ts_signal_describe:
 *
 * What a signal measures, in one line: "count events where name == \"error\", last 14d, cap 6".
 */
char *
ts_signal_describe (const TsSignal *s)
{
  GString *d = g_string_new (ts_measure_to_string (s->measure));
  static const char *const normalise[] = { "cap", "log", "minmax" };

  g_string_append_printf (d, " %s", ts_table_get_name (s->table));
  if (s->measure == TS_MEASURE_SUM)
    g_string_append_printf (d, ".%s", ts_table_get_field (s->table, s->field)->name);
  if (s->filter)
    {
      g_autofree char *f = ts_expr_to_string (s->filter);
      g_string_append_printf (d, " where %s", f);
    }
  if (s->window)
    {
      g_autofree char *w = ts_duration_format (s->window);
      g_string_append_printf (d, ", last %s", w);
    }
  if (s->half_life)
    {
      g_autofree char *h = ts_duration_format (s->half_life);
      g_string_append_printf (d, ", half-life %s", h);
    }
  if (s->normalise == TS_NORMALISE_MINMAX)
    g_string_append_printf (d, ", minmax %g..%g", s->min, s->max);
  else
    g_string_append_printf (d, ", %s %g", normalise[s->normalise], s->max);
  return g_string_free (d, FALSE);
}

/**
 * ts_guardrail_describe:
 *
 * What a guardrail holds back, in one line: "at most 2 email touches per 7d".
 */
char *
ts_guardrail_describe (const TsGuardrail *g)
{
  static const char *const no_pitch[] = {
    N_("no pitch while a support case is open"),
    N_("no pitch for %u days after a renewal"),
    N_("no pitch in the first %u days of onboarding"),
    N_("no pitch for %u days after a complaint"),
    N_("no pitch for %u days after a detractor answer"),
  };
  g_autofree char *window = NULL;

  switch (g->kind)
    {
    case TS_GUARDRAIL_FREQUENCY_CAP:
      window = ts_duration_format (g->window);
      if (g->channel == NULL)
        /* Translators: "at most 4 touches on all channels together per 30d" */
        return g_strdup_printf (_("at most %u touches on all channels together per %s"), g->max, window);
      /* Translators: "at most 2 email touches per 7d" */
      return g_strdup_printf (_("at most %u %s touches per %s"), g->max, g->channel, window);
    case TS_GUARDRAIL_CONSENT:
      return g_strdup (_("never a channel the customer said no to (transactional touches neither)"));
    case TS_GUARDRAIL_SUPPRESSION:
      return g_strdup_printf (_("never customers on the list “%s”"), g->list);
    case TS_GUARDRAIL_QUIET_HOURS:
      return g_strdup_printf (_("no touches %02u:%02u–%02u:%02u in the customer's time zone"),
                              g->start_minute / 60, g->start_minute % 60,
                              g->end_minute / 60, g->end_minute % 60);
    case TS_GUARDRAIL_NO_PITCH:
      if (g->no_pitch == TS_NO_PITCH_OPEN_CASE)
        return g_strdup (_(no_pitch[g->no_pitch]));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      return g_strdup_printf (_(no_pitch[g->no_pitch]), g->days);
#pragma GCC diagnostic pop
    default:
      g_assert_not_reached ();
    }
}

/**
 * ts_route_describe:
 *
 * Where a route sends a moment, in one line: "human by phone within 4 h".
 */
char *
ts_route_describe (const TsRoute *route)
{
  GString *d = g_string_new (ts_route_to_to_string (route->to));

  if (route->channel)
    g_string_append_printf (d, _(" by %s"), route->channel);
  if (route->sla_hours > 0)
    g_string_append_printf (d, _(" within %g h"), route->sla_hours);
  return g_string_free (d, FALSE);
}

/* ------------------------------------------------------------------ */
/* Access                                                              */
/* ------------------------------------------------------------------ */

guint
ts_playbook_get_n_signals (TsPlaybook *self)
{
  return self->signals->len;
}

const TsSignal *
ts_playbook_get_signal (TsPlaybook *self,
                        guint       i)
{
  g_return_val_if_fail (i < self->signals->len, NULL);
  return &g_array_index (self->signals, TsSignal, i);
}

int
ts_playbook_find_signal (TsPlaybook *self,
                         const char *id)
{
  for (guint i = 0; i < self->signals->len; i++)
    if (g_strcmp0 (g_array_index (self->signals, TsSignal, i).id, id) == 0)
      return (int) i;
  return -1;
}

guint
ts_playbook_get_n_bands (TsPlaybook *self)
{
  return self->bands->len;
}

const TsBand *
ts_playbook_get_band (TsPlaybook *self,
                      guint       i)
{
  g_return_val_if_fail (i < self->bands->len, NULL);
  return &g_array_index (self->bands, TsBand, i);
}

const TsBand *
ts_playbook_band_for_score (TsPlaybook *self,
                            double      score)
{
  const TsBand *band = &g_array_index (self->bands, TsBand, 0);

  for (guint i = 1; i < self->bands->len; i++)
    if (score >= g_array_index (self->bands, TsBand, i).min)
      band = &g_array_index (self->bands, TsBand, i);
  return band;
}

guint
ts_playbook_get_n_guardrails (TsPlaybook *self)
{
  return self->guardrails->len;
}

const TsGuardrail *
ts_playbook_get_guardrail (TsPlaybook *self,
                           guint       i)
{
  g_return_val_if_fail (i < self->guardrails->len, NULL);
  return &g_array_index (self->guardrails, TsGuardrail, i);
}

guint
ts_playbook_get_n_routes (TsPlaybook *self)
{
  return self->routes->len;
}

const TsRoute *
ts_playbook_get_route (TsPlaybook *self,
                       guint       i)
{
  g_return_val_if_fail (i < self->routes->len, NULL);
  return &g_array_index (self->routes, TsRoute, i);
}

guint
ts_playbook_get_n_drivers (TsPlaybook *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->drivers->len;
}

const TsDriver *
ts_playbook_get_driver (TsPlaybook *self,
                        guint       i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->drivers->len, NULL);
  return &g_array_index (self->drivers, TsDriver, i);
}

int
ts_playbook_find_driver (TsPlaybook *self,
                         const char *id)
{
  g_return_val_if_fail (self != NULL, -1);
  for (guint i = 0; i < self->drivers->len; i++)
    if (g_strcmp0 (g_array_index (self->drivers, TsDriver, i).id, id) == 0)
      return (int) i;
  return -1;
}

guint
ts_playbook_get_n_touchpoints (TsPlaybook *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->touchpoints->len;
}

const TsTouchpoint *
ts_playbook_get_touchpoint (TsPlaybook *self,
                            guint       i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->touchpoints->len, NULL);
  return &g_array_index (self->touchpoints, TsTouchpoint, i);
}

int
ts_playbook_find_touchpoint (TsPlaybook *self,
                             const char *id)
{
  g_return_val_if_fail (self != NULL, -1);
  for (guint i = 0; i < self->touchpoints->len; i++)
    if (g_strcmp0 (g_array_index (self->touchpoints, TsTouchpoint, i).id, id) == 0)
      return (int) i;
  return -1;
}

guint
ts_playbook_get_n_journeys (TsPlaybook *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->journeys->len;
}

const TsJourney *
ts_playbook_get_journey (TsPlaybook *self,
                         guint       i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->journeys->len, NULL);
  return &g_array_index (self->journeys, TsJourney, i);
}

int
ts_playbook_find_journey (TsPlaybook *self,
                          const char *id)
{
  g_return_val_if_fail (self != NULL, -1);
  for (guint i = 0; i < self->journeys->len; i++)
    if (g_strcmp0 (g_array_index (self->journeys, TsJourney, i).id, id) == 0)
      return (int) i;
  return -1;
}

/**
 * ts_journey_find_step:
 *
 * Returns: the index of the step of @journey with @id, or -1
 */
int
ts_journey_find_step (const TsJourney *journey,
                      const char      *id)
{
  g_return_val_if_fail (journey != NULL, -1);
  for (guint i = 0; i < journey->n_steps; i++)
    if (g_strcmp0 (journey->steps[i].id, id) == 0)
      return (int) i;
  return -1;
}

/**
 * ts_playbook_get_outcomes:
 *
 * Returns: what outcome reviews measure: the "outcomes" section with its
 *   defaults filled in
 */
const TsOutcomeRules *
ts_playbook_get_outcomes (TsPlaybook *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->outcomes;
}

/**
 * ts_outcome_rules_has:
 *
 * Returns: whether @name is one of @names, case aside
 */
gboolean
ts_outcome_rules_has (char *const *names,
                      const char  *name)
{
  if (name == NULL || names == NULL)
    return FALSE;
  for (guint i = 0; names[i]; i++)
    if (g_ascii_strcasecmp (names[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* What the playbook reads                                             */
/* ------------------------------------------------------------------ */

static inline guint32
field_bit (TsTable     table,
           const char *name)
{
  int f = ts_table_find_field (table, name);

  return f >= 0 ? 1u << f : 0;
}

/* the fields of @table a signal's filter names (see the scorer's records) */
static guint32
filter_fields (TsTable       table,
               const TsExpr *filter)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint32 fields = 0;

  ts_expr_collect_names (filter, names);
  for (guint i = 0; i < names->len; i++)
    fields |= _ts_record_name_fields (table, names->pdata[i]);
  return fields;
}

/* the customer fields a route's condition names: `stage`, `customer.FIELD` */
static guint32
condition_fields (const TsExpr *condition)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint32 fields = 0;

  if (condition == NULL)
    return 0;
  ts_expr_collect_names (condition, names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];

      if (strcmp (name, "stage") == 0)
        fields |= 1u << TS_CUSTOMER_STAGE;
      else if (g_str_has_prefix (name, "customer."))
        fields |= field_bit (TS_TABLE_CUSTOMERS, name + strlen ("customer."));
    }
  return fields;
}

static guint32
guardrail_fields (const TsGuardrail *g,
                  TsTable            table)
{
  switch (g->kind)
    {
    case TS_GUARDRAIL_FREQUENCY_CAP:
      return table == TS_TABLE_TOUCHES
             ? 1u << TS_TOUCH_AT | 1u << TS_TOUCH_KIND | 1u << TS_TOUCH_CHANNEL : 0;
    case TS_GUARDRAIL_CONSENT:
      return table == TS_TABLE_CUSTOMERS
             ? 1u << TS_CUSTOMER_CONSENT_EMAIL | 1u << TS_CUSTOMER_CONSENT_SMS |
               1u << TS_CUSTOMER_CONSENT_PHONE | 1u << TS_CUSTOMER_CONSENT_IN_APP |
               1u << TS_CUSTOMER_CONSENT_PUSH
             : 0;
    case TS_GUARDRAIL_SUPPRESSION:
      return table == TS_TABLE_LISTS ? 1u << TS_LIST_NAME : 0;
    case TS_GUARDRAIL_QUIET_HOURS:
      return table == TS_TABLE_CUSTOMERS ? 1u << TS_CUSTOMER_TIMEZONE : 0;
    case TS_GUARDRAIL_NO_PITCH:
      switch (g->no_pitch)
        {
        case TS_NO_PITCH_OPEN_CASE:
          return table == TS_TABLE_CASES
                 ? 1u << TS_CASE_OPENED_AT | 1u << TS_CASE_CLOSED_AT | 1u << TS_CASE_ID : 0;
        case TS_NO_PITCH_AFTER_RENEWAL:
          return table == TS_TABLE_CUSTOMERS ? 1u << TS_CUSTOMER_RENEWAL_AT : 0;
        case TS_NO_PITCH_ONBOARDING:
          return table == TS_TABLE_CUSTOMERS
                 ? 1u << TS_CUSTOMER_ONBOARDING_STARTED_AT | 1u << TS_CUSTOMER_CREATED_AT : 0;
        case TS_NO_PITCH_AFTER_COMPLAINT:
          return table == TS_TABLE_CASES ? 1u << TS_CASE_OPENED_AT | 1u << TS_CASE_CATEGORY : 0;
        case TS_NO_PITCH_AFTER_DETRACTOR:
          return table == TS_TABLE_RESPONSES ? 1u << TS_RESPONSE_AT | 1u << TS_RESPONSE_SCORE : 0;
        default:
          return 0;
        }
    default:
      return 0;
    }
}

/**
 * ts_playbook_get_fields_read:
 * @table: a table
 *
 * The fields of @table that scoring and deciding with the playbook read:
 * the customer and the time of every fact table, the fields its signals'
 * filters name and sum, those its routes' and journeys' conditions name
 * and those its guardrails check.  An import for this playbook alone needs no other
 * (see ts_mapping_set_wanted_fields()).
 *
 * Returns: bit f set when field f of @table is read
 */
guint32
ts_playbook_get_fields_read (TsPlaybook *self,
                             TsTable     table)
{
  guint32 fields = 1u << 0;
  int time_field;

  g_return_val_if_fail (self != NULL, G_MAXUINT32);
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, G_MAXUINT32);

  time_field = ts_table_get_time_field (table);
  if (time_field >= 0)
    fields |= 1u << time_field;

  for (guint i = 0; i < self->signals->len; i++)
    {
      const TsSignal *s = &g_array_index (self->signals, TsSignal, i);

      if (s->table != table)
        continue;
      if (s->filter != NULL)
        fields |= filter_fields (table, s->filter);
      if (s->field >= 0)
        fields |= 1u << s->field;
    }
  for (guint i = 0; i < self->routes->len; i++)
    {
      const TsRoute *r = &g_array_index (self->routes, TsRoute, i);

      if (table == TS_TABLE_CUSTOMERS)
        fields |= condition_fields (r->when) | condition_fields (r->readiness);
    }
  for (guint i = 0; i < self->guardrails->len; i++)
    fields |= guardrail_fields (&g_array_index (self->guardrails, TsGuardrail, i), table);
  for (guint i = 0; i < self->journeys->len; i++)
    {
      const TsJourney *j = &g_array_index (self->journeys, TsJourney, i);

      for (guint k = 0; k <= j->n_exits; k++)
        {
          const TsJourneyCondition *c = k < j->n_exits ? &j->exits[k] : j->goal;

          if (c == NULL)
            continue;
          if (table == TS_TABLE_CUSTOMERS)
            fields |= condition_fields (c->when);
          if (c->table == table && c->filter != NULL)
            fields |= filter_fields (table, c->filter);
        }
      if (table != TS_TABLE_CUSTOMERS)
        continue;
      fields |= condition_fields (j->entry) | 1u << TS_CUSTOMER_TIMEZONE;
      for (guint s = 0; s < j->n_steps; s++)
        fields |= condition_fields (j->steps[s].when);
    }
  return fields;
}

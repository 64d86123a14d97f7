/* ts-schema.c — canonical tables, their fields, and the header names real
 * exports use for them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-schema"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ts-schema.h"

#define S(...) (const char *const[]) { __VA_ARGS__, NULL }

/* Synonyms are normalised header names (see ts_schema_normalize_header), best first. */
static const TsFieldInfo customer_fields[] = {
  { "customer_id", TS_FIELD_TYPE_STRING, S ("customer_id", "customer", "customerid", "client_id", "contact_id", "external_id", "user_id", "distinct_id", "id", "email", "e_mail", "email_address") },
  { "email", TS_FIELD_TYPE_STRING, S ("email", "e_mail", "email_address", "mail") },
  { "account_id", TS_FIELD_TYPE_STRING, S ("account_id", "accountid", "company_id", "organization_id", "account") },
  { "name", TS_FIELD_TYPE_STRING, S ("name", "full_name", "customer_name", "contact_name") },
  { "stage", TS_FIELD_TYPE_STRING, S ("stage", "lifecycle_stage", "lifecycle", "lifecyclestage") },
  { "segment", TS_FIELD_TYPE_STRING, S ("segment", "tier", "customer_segment") },
  { "plan", TS_FIELD_TYPE_STRING, S ("plan", "plan_name", "subscription", "subscription_plan") },
  { "value", TS_FIELD_TYPE_NUMBER, S ("value", "arr", "ltv", "mrr", "lifetime_value", "annual_revenue", "revenue") },
  { "created_at", TS_FIELD_TYPE_TIME, S ("created_at", "created", "created_date", "signup_date", "signed_up_at", "signup_at", "customer_since") },
  { "onboarding_started_at", TS_FIELD_TYPE_TIME, S ("onboarding_started_at", "onboarding_start", "onboarding_started", "onboarded_at") },
  { "renewal_at", TS_FIELD_TYPE_TIME, S ("renewal_at", "renewal_date", "renews_at", "next_renewal", "contract_end", "contract_end_date") },
  { "churned_at", TS_FIELD_TYPE_TIME, S ("churned_at", "churn_date", "churned", "cancelled_at", "canceled_at") },
  { "timezone", TS_FIELD_TYPE_STRING, S ("timezone", "time_zone", "tz") },
  { "consent_email", TS_FIELD_TYPE_CONSENT, S ("consent_email", "email_consent", "email_opt_in", "email_optin") },
  { "consent_sms", TS_FIELD_TYPE_CONSENT, S ("consent_sms", "sms_consent", "sms_opt_in") },
  { "consent_phone", TS_FIELD_TYPE_CONSENT, S ("consent_phone", "phone_consent", "phone_opt_in") },
  { "consent_in_app", TS_FIELD_TYPE_CONSENT, S ("consent_in_app", "in_app_consent", "in_app_opt_in") },
  { "consent_push", TS_FIELD_TYPE_CONSENT, S ("consent_push", "push_consent", "push_opt_in") },
};

static const TsFieldInfo event_fields[] = {
  { "customer_id", TS_FIELD_TYPE_STRING, S ("customer_id", "user_id", "customerid", "userid", "distinct_id", "contact_id", "client_id", "customer", "user", "email", "e_mail", "email_address") },
  { "at", TS_FIELD_TYPE_TIME, S ("at", "timestamp", "occurred_at", "event_time", "event_timestamp", "time", "ts", "datetime", "date", "sent_at") },
  { "name", TS_FIELD_TYPE_STRING, S ("name", "event", "event_name", "action", "event_type", "type") },
  { "channel", TS_FIELD_TYPE_STRING, S ("channel", "platform", "source", "medium") },
  { "value", TS_FIELD_TYPE_NUMBER, S ("value", "amount", "revenue") },
  { "properties", TS_FIELD_TYPE_PROPERTIES, S ("properties", "props", "event_properties", "attributes", "metadata", "context", "data") },
};

static const TsFieldInfo case_fields[] = {
  { "customer_id", TS_FIELD_TYPE_STRING, S ("customer_id", "contact_id", "requester_id", "user_id", "customerid", "client_id", "customer", "requester", "email", "requester_email", "e_mail", "email_address") },
  { "case_id", TS_FIELD_TYPE_STRING, S ("case_id", "ticket_id", "case_number", "ticket_number", "caseid", "ticketid", "id", "case", "ticket") },
  { "opened_at", TS_FIELD_TYPE_TIME, S ("opened_at", "created_at", "created", "created_date", "opened", "date_opened", "submitted_at", "reported_at") },
  { "first_response_at", TS_FIELD_TYPE_TIME, S ("first_response_at", "first_reply_at", "first_responded_at", "first_response") },
  { "closed_at", TS_FIELD_TYPE_TIME, S ("closed_at", "solved_at", "resolved_at", "closed", "closed_date", "date_closed", "resolved") },
  { "status", TS_FIELD_TYPE_STRING, S ("status", "state") },
  { "priority", TS_FIELD_TYPE_STRING, S ("priority", "severity", "urgency") },
  { "origin", TS_FIELD_TYPE_STRING, S ("origin", "channel", "via", "source") },
  { "category", TS_FIELD_TYPE_STRING, S ("category", "type", "reason", "topic", "subject") },
  { "escalated", TS_FIELD_TYPE_BOOLEAN, S ("escalated", "is_escalated") },
  { "reopened_count", TS_FIELD_TYPE_NUMBER, S ("reopened_count", "reopen_count", "reopens", "times_reopened") },
};

static const TsFieldInfo touch_fields[] = {
  { "customer_id", TS_FIELD_TYPE_STRING, S ("customer_id", "contact_id", "user_id", "customerid", "recipient_id", "customer", "recipient", "email", "e_mail", "email_address") },
  { "at", TS_FIELD_TYPE_TIME, S ("at", "sent_at", "touched_at", "contacted_at", "timestamp", "time", "date") },
  { "channel", TS_FIELD_TYPE_STRING, S ("channel", "medium") },
  { "campaign", TS_FIELD_TYPE_STRING, S ("campaign", "campaign_name", "journey", "journey_name", "campaign_id") },
  { "kind", TS_FIELD_TYPE_STRING, S ("kind", "touch_type", "purpose", "category") },
  { "promise", TS_FIELD_TYPE_STRING, S ("promise", "experience_promise") },
};

static const TsFieldInfo response_fields[] = {
  { "customer_id", TS_FIELD_TYPE_STRING, S ("customer_id", "respondent_id", "contact_id", "user_id", "customerid", "customer", "respondent", "email", "respondent_email", "recipient_email", "e_mail", "email_address") },
  { "at", TS_FIELD_TYPE_TIME, S ("at", "submitted_at", "responded_at", "answered_at", "completed_at", "end_date", "recorded_date", "timestamp", "date", "created_at") },
  { "kind", TS_FIELD_TYPE_STRING, S ("kind", "survey_type", "metric", "survey", "type") },
  { "score", TS_FIELD_TYPE_NUMBER, S ("score", "rating", "nps", "csat", "ces", "nps_score", "csat_score", "ces_score", "likelihood_to_recommend", "answer", "~recommend", "~satisfied", "~satisfaction") },
  { "comment", TS_FIELD_TYPE_STRING, S ("comment", "comments", "feedback", "verbatim", "why", "reason", "text") },
};

static const TsFieldInfo list_fields[] = {
  { "customer_id", TS_FIELD_TYPE_STRING, S ("customer_id", "contact_id", "user_id", "customerid", "customer", "email", "e_mail", "email_address") },
  { "list", TS_FIELD_TYPE_STRING, S ("list", "list_name", "suppression_list") },
};

static const struct {
  const char        *name;
  const TsFieldInfo *fields;
  guint              n_fields;
  const char *const *file_hints;
} tables[TS_N_TABLES] = {
  { "customers", customer_fields, G_N_ELEMENTS (customer_fields), S ("customer", "contact", "account", "user", "client") },
  { "events", event_fields, G_N_ELEMENTS (event_fields), S ("event", "track", "activity", "analytics", "clickstream") },
  { "cases", case_fields, G_N_ELEMENTS (case_fields), S ("case", "ticket", "support", "incident") },
  { "touches", touch_fields, G_N_ELEMENTS (touch_fields), S ("touch", "outreach", "send", "campaign", "contact_history", "message") },
  { "responses", response_fields, G_N_ELEMENTS (response_fields), S ("response", "survey", "nps", "csat", "feedback") },
  { "lists", list_fields, G_N_ELEMENTS (list_fields), S ("list", "suppression", "do_not_contact", "dnc", "unsubscribe", "blocklist") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (customer_fields) == TS_CUSTOMER_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (event_fields) == TS_EVENT_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (case_fields) == TS_CASE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (touch_fields) == TS_TOUCH_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (response_fields) == TS_RESPONSE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (list_fields) == TS_LIST_N_FIELDS);

const char *
ts_table_get_name (TsTable table)
{
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, NULL);
  return tables[table].name;
}

TsTable
ts_table_from_name (const char *name)
{
  if (name == NULL)
    return TS_TABLE_NONE;
  for (guint t = 0; t < TS_N_TABLES; t++)
    if (g_ascii_strcasecmp (tables[t].name, name) == 0)
      return (TsTable) t;
  return TS_TABLE_NONE;
}

guint
ts_table_get_n_fields (TsTable table)
{
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, 0);
  return tables[table].n_fields;
}

const TsFieldInfo *
ts_table_get_field (TsTable table,
                    guint   field)
{
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, NULL);
  g_return_val_if_fail (field < tables[table].n_fields, NULL);
  return &tables[table].fields[field];
}

/**
 * ts_table_get_time_field:
 *
 * The field that places a table's rows in time (events: at, cases:
 * opened_at, customers: created_at), or -1 for lists.
 */
int
ts_table_get_time_field (TsTable table)
{
  switch (table)
    {
    case TS_TABLE_EVENTS: return TS_EVENT_AT;
    case TS_TABLE_CASES: return TS_CASE_OPENED_AT;
    case TS_TABLE_TOUCHES: return TS_TOUCH_AT;
    case TS_TABLE_RESPONSES: return TS_RESPONSE_AT;
    case TS_TABLE_CUSTOMERS: return TS_CUSTOMER_CREATED_AT;
    case TS_TABLE_LISTS:
    case TS_N_TABLES:
    case TS_TABLE_NONE:
    default: return -1;
    }
}

int
ts_table_find_field (TsTable     table,
                     const char *name)
{
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, -1);
  for (guint f = 0; f < tables[table].n_fields; f++)
    if (g_ascii_strcasecmp (tables[table].fields[f].name, name) == 0)
      return (int) f;
  return -1;
}

/**
 * ts_schema_normalize_header:
 *
 * Lower-cases a header and turns camelCase boundaries and every run of
 * characters that are not letters or digits into one underscore, so that
 * `CreatedDate`, `created date` and `Created-Date` all read `created_date`.
 */
char *
ts_schema_normalize_header (const char *header,
                            gssize      len)
{
  GString *out;
  gboolean pending_sep = FALSE;

  if (len < 0)
    len = strlen (header);

  out = g_string_sized_new (len);
  for (gssize i = 0; i < len; i++)
    {
      guchar c = (guchar) header[i];

      if (g_ascii_isalnum (c))
        {
          gboolean boundary = g_ascii_isupper (c) && i > 0 &&
                              (g_ascii_islower (header[i - 1]) ||
                               (i + 1 < len && g_ascii_islower (header[i + 1]) &&
                                g_ascii_isupper (header[i - 1])));
          if ((pending_sep || boundary) && out->len > 0)
            g_string_append_c (out, '_');
          pending_sep = FALSE;
          g_string_append_c (out, g_ascii_tolower (c));
        }
      else if (c >= 0x80)
        {
          /* keep non-ASCII letters as they are: headers in other languages */
          if (pending_sep && out->len > 0)
            g_string_append_c (out, '_');
          pending_sep = FALSE;
          g_string_append_c (out, (char) c);
        }
      else
        pending_sep = TRUE;
    }

  return g_string_free (out, FALSE);
}

/* Returns the rank of @normalized among @field's synonyms, or -1.  A synonym
 * that starts with '~' matches headers that contain it, for survey questions
 * exported as their full text ("How likely are you to recommend us?"). */
static int
synonym_rank (const TsFieldInfo *field,
              const char        *normalized)
{
  for (int i = 0; field->synonyms[i] != NULL; i++)
    {
      const char *syn = field->synonyms[i];
      if (syn[0] == '~' ? strstr (normalized, syn + 1) != NULL : strcmp (syn, normalized) == 0)
        return i;
    }
  return -1;
}

/**
 * ts_schema_match_header:
 *
 * Returns the field of @table that a normalised header names, or -1.  When
 * several fields accept the name, the one that lists it earliest wins.
 */
int
ts_schema_match_header (TsTable     table,
                        const char *normalized)
{
  int best = -1;
  int best_rank = G_MAXINT;

  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, -1);

  for (guint f = 0; f < tables[table].n_fields; f++)
    {
      int rank = synonym_rank (&tables[table].fields[f], normalized);
      if (rank >= 0 && rank < best_rank)
        {
          best = (int) f;
          best_rank = rank;
        }
    }
  return best;
}

gboolean
ts_schema_table_has_required (TsTable    table,
                              const int *field_of_column,
                              guint      n_columns)
{
  gboolean have[32] = { FALSE, };

  for (guint i = 0; i < n_columns; i++)
    if (field_of_column[i] >= 0 && field_of_column[i] < 32)
      have[field_of_column[i]] = TRUE;

  switch (table)
    {
    case TS_TABLE_CUSTOMERS:
      return have[TS_CUSTOMER_ID] || have[TS_CUSTOMER_EMAIL];
    case TS_TABLE_EVENTS:
      return have[TS_EVENT_CUSTOMER] && have[TS_EVENT_AT] && have[TS_EVENT_NAME];
    case TS_TABLE_CASES:
      return have[TS_CASE_CUSTOMER] && have[TS_CASE_OPENED_AT] &&
             (have[TS_CASE_ID] || have[TS_CASE_STATUS] || have[TS_CASE_CLOSED_AT]);
    case TS_TABLE_TOUCHES:
      return have[TS_TOUCH_CUSTOMER] && have[TS_TOUCH_AT] && have[TS_TOUCH_CHANNEL] &&
             (have[TS_TOUCH_CAMPAIGN] || have[TS_TOUCH_KIND] || have[TS_TOUCH_PROMISE]);
    case TS_TABLE_RESPONSES:
      return have[TS_RESPONSE_CUSTOMER] && have[TS_RESPONSE_AT] && have[TS_RESPONSE_SCORE];
    case TS_TABLE_LISTS:
      return have[TS_LIST_CUSTOMER] && have[TS_LIST_NAME];
    case TS_N_TABLES:
    case TS_TABLE_NONE:
    default:
      return FALSE;
    }
}

const char *
ts_schema_describe_requirement (TsTable table)
{
  switch (table)
    {
    case TS_TABLE_CUSTOMERS: return _("a customer id or e-mail column");
    case TS_TABLE_EVENTS: return _("customer, time and event-name columns");
    case TS_TABLE_CASES: return _("customer, opened-at and case id, status or closed-at columns");
    case TS_TABLE_TOUCHES: return _("customer, time, channel and campaign, kind or promise columns");
    case TS_TABLE_RESPONSES: return _("customer, time and score columns");
    case TS_TABLE_LISTS: return _("customer and list-name columns");
    case TS_N_TABLES:
    case TS_TABLE_NONE:
    default: return "";
    }
}

static void
map_columns (TsTable            table,
             char *const       *normalized,
             guint              n_headers,
             int               *field_of_column)
{
  int best_col[32];
  int best_rank[32];

  for (guint f = 0; f < 32; f++)
    {
      best_col[f] = -1;
      best_rank[f] = G_MAXINT;
    }

  for (guint c = 0; c < n_headers; c++)
    {
      field_of_column[c] = -1;
      for (guint f = 0; f < tables[table].n_fields; f++)
        {
          int rank = synonym_rank (&tables[table].fields[f], normalized[c]);
          if (rank >= 0 && rank < best_rank[f])
            {
              best_rank[f] = rank;
              best_col[f] = (int) c;
            }
        }
    }

  /* Each column names at most one field: the one where it ranks best. */
  for (guint f = 0; f < tables[table].n_fields; f++)
    {
      int c = best_col[f];
      if (c < 0)
        continue;
      if (field_of_column[c] < 0 || best_rank[f] < best_rank[field_of_column[c]])
        field_of_column[c] = (int) f;
    }
}

/**
 * ts_schema_map_columns:
 * @table: the table
 * @headers: raw header names
 * @n_headers: number of headers
 * @field_of_column: (out caller-allocates): field per column, -1 when unmapped
 */
void
ts_schema_map_columns (TsTable            table,
                       const char *const *headers,
                       guint              n_headers,
                       int               *field_of_column)
{
  g_auto(GStrv) normalized = g_new0 (char *, n_headers + 1);

  for (guint c = 0; c < n_headers; c++)
    normalized[c] = ts_schema_normalize_header (headers[c], -1);
  map_columns (table, normalized, n_headers, field_of_column);
}

static gboolean
file_hint_matches (TsTable     table,
                   const char *file_name)
{
  g_autofree char *norm = NULL;

  if (file_name == NULL)
    return FALSE;
  norm = ts_schema_normalize_header (file_name, -1);
  for (guint i = 0; tables[table].file_hints[i] != NULL; i++)
    if (strstr (norm, tables[table].file_hints[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Names that many tables use: they count for less when telling tables apart. */
static gboolean
is_generic_header (const char *normalized)
{
  static const char *const generic[] = {
    "id", "email", "e_mail", "email_address", "created_at", "created", "created_date",
    "date", "time", "timestamp", "ts", "datetime", "type", "name", "value", "user", "customer",
    NULL
  };
  return g_strv_contains (generic, normalized);
}

/**
 * ts_schema_guess_table:
 *
 * Guesses which canonical table a file holds from its header names and, to
 * break ties, its file name.  Returns %TS_TABLE_NONE when no table's
 * required columns are all present.
 */
TsTable
ts_schema_guess_table (const char *const *headers,
                       guint              n_headers,
                       const char        *file_name,
                       int               *out_score)
{
  g_auto(GStrv) normalized = g_new0 (char *, n_headers + 1);
  g_autofree int *fields = g_new0 (int, MAX (n_headers, 1));
  TsTable best = TS_TABLE_NONE;
  int best_score = 0;

  for (guint c = 0; c < n_headers; c++)
    normalized[c] = ts_schema_normalize_header (headers[c], -1);

  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      int score = 0;

      map_columns ((TsTable) t, normalized, n_headers, fields);
      if (!ts_schema_table_has_required ((TsTable) t, fields, n_headers))
        continue;
      for (guint c = 0; c < n_headers; c++)
        if (fields[c] >= 0)
          score += is_generic_header (normalized[c]) ? 1 : 2;
      /* a fact table whose requirements hold explains more than "a list of ids" */
      if (t != TS_TABLE_CUSTOMERS)
        score += 1;
      if (file_hint_matches ((TsTable) t, file_name))
        score += 4;
      if (score > best_score)
        {
          best_score = score;
          best = (TsTable) t;
        }
    }

  if (out_score)
    *out_score = best_score;
  return best;
}

TsConsent
ts_consent_parse (const char *str,
                  gsize       len)
{
  static const char *const granted[] = { "granted", "yes", "y", "true", "1", "opt_in", "opted_in", "optin", "subscribed", "allowed", NULL };
  static const char *const denied[] = { "denied", "no", "n", "false", "0", "opt_out", "opted_out", "optout", "unsubscribed", "revoked", "declined", NULL };
  g_autofree char *norm = ts_schema_normalize_header (str, len);

  for (guint i = 0; granted[i]; i++)
    if (strcmp (norm, granted[i]) == 0)
      return TS_CONSENT_GRANTED;
  for (guint i = 0; denied[i]; i++)
    if (strcmp (norm, denied[i]) == 0)
      return TS_CONSENT_DENIED;
  return TS_CONSENT_UNKNOWN;
}

const char *
ts_consent_to_string (TsConsent consent)
{
  switch (consent)
    {
    case TS_CONSENT_GRANTED: return "granted";
    case TS_CONSENT_DENIED: return "denied";
    case TS_CONSENT_UNKNOWN:
    default: return "unknown";
    }
}

gboolean
ts_boolean_parse (const char *str,
                  gsize       len,
                  gboolean   *out_value)
{
  switch (ts_consent_parse (str, len))
    {
    case TS_CONSENT_GRANTED:
      *out_value = TRUE;
      return TRUE;
    case TS_CONSENT_DENIED:
      *out_value = FALSE;
      return TRUE;
    case TS_CONSENT_UNKNOWN:
    default:
      return FALSE;
    }
}

/**
 * ts_number_parse:
 *
 * Reads a decimal number as exports write it: `1234.5`, `-3`, `1e3`, and the
 * European `1.234,56` or `12,5`.  Surrounding spaces are ignored.
 */
gboolean
ts_number_parse (const char *str,
                 gsize       len,
                 double     *out_value)
{
  const char *p = str;
  const char *end = str + len;
  gboolean neg = FALSE;
  guint64 mant = 0;
  int digits = 0;
  int frac_digits = 0;
  const char *last_dot, *last_comma;

  while (p < end && *p == ' ')
    p++;
  while (end > p && end[-1] == ' ')
    end--;
  if (p == end)
    return FALSE;

  if (*p == '-' || *p == '+')
    {
      neg = *p == '-';
      p++;
    }

  /* Fast path: digits, an optional '.', digits. */
  {
    const char *q = p;
    gboolean seen_dot = FALSE;
    while (q < end)
      {
        if (*q >= '0' && *q <= '9')
          {
            if (digits < 18)
              {
                mant = mant * 10 + (guint64) (*q - '0');
                digits++;
                if (seen_dot)
                  frac_digits++;
              }
            else if (!seen_dot)
              break;  /* too long for the fast path */
          }
        else if (*q == '.' && !seen_dot)
          seen_dot = TRUE;
        else
          break;
        q++;
      }
    if (q == end && digits > 0 && digits < 18)
      {
        static const double pow10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
                                        1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18 };
        double v = (double) mant / pow10[frac_digits];
        *out_value = neg ? -v : v;
        return TRUE;
      }
  }

  /* General path on a NUL-terminated copy, with decimal commas made dots. */
  {
    char buf[128];
    gsize n = 0;
    char *endptr;
    double v;

    last_dot = NULL;
    last_comma = NULL;
    for (const char *q = p; q < end; q++)
      {
        if (*q == '.')
          last_dot = q;
        else if (*q == ',')
          last_comma = q;
      }

    if ((gsize) (end - p) >= sizeof buf - 2)
      return FALSE;
    if (neg)
      buf[n++] = '-';
    for (const char *q = p; q < end; q++)
      {
        char c = *q;
        if (last_comma && (!last_dot || last_comma > last_dot))
          {
            /* ',' is the decimal separator; '.' and '\'' group thousands */
            if (c == '.' || c == '\'')
              continue;
            if (c == ',')
              c = '.';
          }
        else if (c == ',' || c == '\'')
          continue;  /* thousands separator */
        if (c == ' ')
          continue;  /* thousands separator, in French and Scandinavian locales */
        buf[n++] = c;
      }
    buf[n] = '\0';
    v = g_ascii_strtod (buf, &endptr);
    if (endptr == buf || *endptr != '\0' || !isfinite (v))
      return FALSE;
    *out_value = v;
    return TRUE;
  }
}

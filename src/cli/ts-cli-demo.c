/* ts-cli-demo.c — `touchstone-cli demo`: a synthetic company in real export formats
 *
 * Writes what a CS team would export from its systems:
 *
 *   WE_00D5g00000DEMO1AAA_1.ZIP   the Salesforce weekly Data Export: Account, Contact,
 *                                 Case, CaseComment, Task, Opportunity CSVs
 *   segment-events.jsonl.gz       a Segment S3 archive: identify, page, track
 *   nps.csv                       NPS survey answers, keyed by e-mail
 *   training-completions.csv      the learning platform's course-progress export,
 *                                 keyed by the learner's e-mail
 *
 * The same seed gives the same bytes.  Customers are generated one at a time
 * and written straight out (the zip is assembled from per-object files in a
 * temporary folder), so memory stays flat for a million customers.
 *
 * Storylines a workspace built on it must reveal:
 *   - an outage in week 31 that hits about a fifth of customers (errors,
 *     "outage_affected", slower cases), and their NPS falls at the next survey;
 *   - onboarding friction: new customers' first week brings failed logins and
 *     errors, and some open "cannot log in" cases;
 *   - an over-contacting "spring upsell" campaign: six e-mails in two weeks to
 *     one customer in seven, followed by unsubscribes and complaint cases;
 *   - self-service: about half the customers with a problem read help articles
 *     and resolve it themselves instead of opening a case;
 *   - renewals: an Opportunity per account a year after signing, lost more
 *     often by detractors;
 *   - training: every customer is enrolled in the onboarding course when they
 *     sign up; the engaged ones complete it, and sooner, so those who complete
 *     it adopt faster and rate better (the training export is drawn from a
 *     hash of the customer, not the random stream, so that the other files
 *     are the same bytes with it or without it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone-cli"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "ts-cli.h"

#define DAY (G_GINT64_CONSTANT (86400) * 1000000)
#define HOUR (G_GINT64_CONSTANT (3600) * 1000000)
#define MINUTE (G_GINT64_CONSTANT (60) * 1000000)

enum { OBJ_ACCOUNT, OBJ_CONTACT, OBJ_CASE, OBJ_CASE_COMMENT, OBJ_TASK, OBJ_OPPORTUNITY, N_OBJECTS };

static const struct {
  const char *name;
  const char *prefix;
  const char *header;
} objects[N_OBJECTS] = {
  { "Account", "001", "Id,IsDeleted,Name,Type,Industry,AnnualRevenue,CreatedDate,SystemModstamp" },
  { "Contact", "003", "Id,IsDeleted,AccountId,FirstName,LastName,Email,HasOptedOutOfEmail,External_Id__c,CreatedDate,SystemModstamp" },
  { "Case", "500", "Id,IsDeleted,CaseNumber,ContactId,AccountId,Subject,Status,Priority,Origin,Reason,IsEscalated,IsClosed,CreatedDate,ClosedDate" },
  { "CaseComment", "00a", "Id,IsDeleted,ParentId,IsPublished,CommentBody,CreatedDate" },
  { "Task", "00T", "Id,IsDeleted,WhoId,WhatId,Subject,Type,TaskSubtype,Status,ActivityDate,CreatedDate" },
  { "Opportunity", "006", "Id,IsDeleted,AccountId,Name,StageName,Type,Amount,CloseDate,IsClosed,IsWon,CreatedDate" },
};

static const char *const first_names[] = {
  "Ana", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Gustav", "Hana", "Ivan", "Jo", "Kai", "Lea",
  "Mateo", "Nia", "Olu", "Pia", "Quinn", "Rui", "Sam", "Tara", "Uma", "Viktor", "Wen", "Yara", "Zoë",
};
static const char *const last_names[] = {
  "Souza", "Lee", "Wang", "Kowalski", "Obi", "Haddad", "Berg", "Sato", "Petrov", "Smith", "Nguyen",
  "Roth", "Díaz", "Khan", "Adeyemi", "Moreau", "Park", "Silva", "Ito", "Novak", "Okafor", "Larsen",
};
static const char *const industries[] = { "Technology", "Retail", "Healthcare", "Finance", "Education", "Manufacturing" };
static const char *const articles[] = { "/help/reset-password", "/help/two-factor", "/help/exports", "/help/billing", "/help/integrations" };
static const char *const features[] = { "dashboard", "reports", "exports", "integrations", "alerts", "sharing" };

typedef struct
{
  GRand         *rand;
  guint          n_customers;
  guint          months;
  guint          events_per_customer;  /* 0: as engaged as each customer is */
  TsTime         start;
  TsTime         end;
  TsTime         outage_start;
  TsTime         campaign_start;
  TsTime         survey_1;
  TsTime         survey_2;
  char          *tmp;
  FILE          *sf[N_OBJECTS];
  guint64        sf_rows[N_OBJECTS];
  guint64        sf_counter[N_OBJECTS];
  GOutputStream *segment;
  guint64        segment_lines;
  GString       *segment_buf;      /* calls not yet handed to the compressing thread */
  GAsyncQueue   *segment_queue;    /* full buffers to compress; an empty one ends it */
  GAsyncQueue   *segment_free;     /* buffers the thread is done with */
  GThread       *segment_thread;
  GError        *segment_error;    /* the thread's first error */
  gint           segment_failed;
  FILE          *survey;
  guint64        survey_rows;
  FILE          *training;
  guint64        training_rows;
  guint32        seed;
  GString       *line;
  guint64        message_counter;
} Demo;

/* ---------------------------------------------------------------------- */
/* Salesforce ids                                                          */

static void
salesforce_id (char        out[19],
               const char *prefix,
               guint64     n)
{
  static const char base62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  static const char suffix_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  char id15[16];

  /* prefix (3) + pod "5g0" (3) + a base-62 counter (9) */
  memcpy (id15, prefix, 3);
  memcpy (id15 + 3, "5g0", 3);
  for (int i = 14; i >= 6; i--)
    {
      id15[i] = base62[n % 62];
      n /= 62;
    }
  id15[15] = '\0';

  memcpy (out, id15, 15);
  for (int chunk = 0; chunk < 3; chunk++)
    {
      guint bits = 0;
      for (int i = 0; i < 5; i++)
        {
          char c = id15[chunk * 5 + i];
          if (c >= 'A' && c <= 'Z')
            bits |= 1u << i;
        }
      out[15 + chunk] = suffix_chars[bits];
    }
  out[18] = '\0';
}

static void
next_id (Demo *demo,
         int   object,
         char  out[19])
{
  salesforce_id (out, objects[object].prefix, ++demo->sf_counter[object]);
}

/* ---------------------------------------------------------------------- */
/* writing                                                                */

/* Days since 1970-01-01 to a civil date (proleptic Gregorian). */
static void
civil_from_days (gint64    z,
                 int      *year,
                 unsigned *month,
                 unsigned *day)
{
  gint64 era, y;
  unsigned doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (unsigned) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = (gint64) yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = (int) (y + (*month <= 2));
}

static inline char *
put_digits (char     *p,
            unsigned  value,
            int       width)
{
  for (int i = width - 1; i >= 0; i--)
    {
      p[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  return p + width;
}

/* "YYYY-MM-DD", then with @clock "THH:MM:SS" and with @millis ".mmm": returns the end. */
static char *
put_time (char     *out,
          TsTime    t,
          gboolean  clock,
          gboolean  millis)
{
  gint64 secs = t / 1000000;
  gint64 days = secs / 86400;
  gint64 rem = secs % 86400;
  int year;
  unsigned month, day;
  char *p = out;

  if (rem < 0)
    {
      rem += 86400;
      days--;
    }
  civil_from_days (days, &year, &month, &day);
  p = put_digits (p, (unsigned) year, 4);
  *p++ = '-';
  p = put_digits (p, month, 2);
  *p++ = '-';
  p = put_digits (p, day, 2);
  if (clock)
    {
      *p++ = 'T';
      p = put_digits (p, (unsigned) (rem / 3600), 2);
      *p++ = ':';
      p = put_digits (p, (unsigned) (rem / 60 % 60), 2);
      *p++ = ':';
      p = put_digits (p, (unsigned) (rem % 60), 2);
    }
  if (millis)
    {
      *p++ = '.';
      p = put_digits (p, (unsigned) ((t / 1000) % 1000), 3);
    }
  *p = '\0';
  return p;
}

static void
sf_time (char   out[32],
         TsTime t)
{
  char *p = put_time (out, t, TRUE, FALSE);

  memcpy (p, ".000Z", 6);
}

static void
sf_date (char   out[16],
         TsTime t)
{
  put_time (out, t, FALSE, FALSE);
}

/* One CSV record, every value quoted as the Data Export does. */
static void
sf_write (Demo *demo,
          int   object,
          ...)
{
  va_list args;
  const char *v;
  gboolean first = TRUE;
  GString *line = demo->line;

  g_string_truncate (line, 0);
  va_start (args, object);
  while ((v = va_arg (args, const char *)) != NULL)
    {
      if (!first)
        g_string_append_c (line, ',');
      first = FALSE;
      g_string_append_c (line, '"');
      for (const char *p = v; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *p);
        }
      g_string_append_c (line, '"');
    }
  va_end (args);
  g_string_append (line, "\r\n");
  fwrite (line->str, 1, line->len, demo->sf[object]);
  demo->sf_rows[object]++;
}

static void
iso_time (char   out[32],
          TsTime t)
{
  char *p = put_time (out, t, TRUE, TRUE);

  memcpy (p, "Z", 2);
}

/* The compressing thread: gzip takes as long as writing the calls, so it runs
 * beside the generator on the buffers it fills, in order (the same bytes). */
static gpointer
segment_compress_thread (gpointer data)
{
  Demo *demo = data;

  for (;;)
    {
      GString *buf = g_async_queue_pop (demo->segment_queue);
      gboolean last = buf->len == 0;

      if (!last && demo->segment_error == NULL &&
          !g_output_stream_write_all (demo->segment, buf->str, buf->len, NULL, NULL, &demo->segment_error))
        g_atomic_int_set (&demo->segment_failed, 1);
      g_string_truncate (buf, 0);
      g_async_queue_push (demo->segment_free, buf);
      if (last)
        return NULL;
    }
}

#define SEGMENT_BUFFER (1024 * 1024)

/* Hands the buffered calls to the compressing thread. */
static void
segment_flush (Demo *demo)
{
  if (demo->segment_buf->len == 0)
    return;
  g_async_queue_push (demo->segment_queue, demo->segment_buf);
  demo->segment_buf = g_async_queue_pop (demo->segment_free);
}

/* Ends the compressing thread and closes the archive. */
static gboolean
segment_finish (Demo     *demo,
                gboolean  ok,
                GError  **error)
{
  GString *buf;

  segment_flush (demo);
  g_async_queue_push (demo->segment_queue, demo->segment_buf);
  g_thread_join (demo->segment_thread);
  demo->segment_thread = NULL;
  while ((buf = g_async_queue_try_pop (demo->segment_free)) != NULL)
    g_string_free (buf, TRUE);
  demo->segment_buf = NULL;
  if (ok && demo->segment_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&demo->segment_error));
      ok = FALSE;
    }
  g_clear_error (&demo->segment_error);
  if (ok)
    ok = g_output_stream_close (demo->segment, NULL, error);
  g_clear_object (&demo->segment);
  g_async_queue_unref (demo->segment_queue);
  g_async_queue_unref (demo->segment_free);
  return ok;
}

static inline void
append_uint64 (GString *s,
               guint64  value)
{
  char digits[24];
  int n = 0;

  do
    {
      digits[sizeof digits - 1 - n++] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value > 0);
  g_string_append_len (s, digits + sizeof digits - n, n);
}

/* A Segment call.  @properties is a JSON object text, or NULL. */
static gboolean
segment_write (Demo        *demo,
               const char  *type,
               const char  *user_id,
               const char  *anonymous_id,
               const char  *event,
               const char  *properties,
               const char  *traits,
               TsTime       at,
               GError     **error)
{
  GString *s = demo->segment_buf;
  char ts[32], received[32];

  iso_time (ts, at);
  iso_time (received, at + 150 * 1000);
  g_string_append (s, "{\"type\":\"");
  g_string_append (s, type);
  g_string_append (s, "\",\"messageId\":\"demo-");
  append_uint64 (s, ++demo->message_counter);
  g_string_append (s, "\",\"userId\":");
  if (user_id)
    ts_json_text_append_string (s, user_id, -1);
  else
    g_string_append (s, "null");
  if (anonymous_id)
    {
      g_string_append (s, ",\"anonymousId\":");
      ts_json_text_append_string (s, anonymous_id, -1);
    }
  if (event && g_str_equal (type, "track"))
    {
      g_string_append (s, ",\"event\":");
      ts_json_text_append_string (s, event, -1);
    }
  if (event && g_str_equal (type, "page"))
    {
      g_string_append (s, ",\"name\":");
      ts_json_text_append_string (s, event, -1);
    }
  if (properties)
    {
      g_string_append (s, ",\"properties\":");
      g_string_append (s, properties);
    }
  if (traits)
    {
      g_string_append (s, ",\"traits\":");
      g_string_append (s, traits);
    }
  g_string_append (s, ",\"context\":{\"library\":{\"name\":\"analytics.js\",\"version\":\"4.1.0\"}}"
                      ",\"timestamp\":\"");
  g_string_append (s, ts);
  g_string_append (s, "\",\"receivedAt\":\"");
  g_string_append (s, received);
  g_string_append (s, "\"}\n");
  demo->segment_lines++;
  if (s->len >= SEGMENT_BUFFER)
    {
      segment_flush (demo);
      if (g_atomic_int_get (&demo->segment_failed))
        {
          /* the thread's error is reported when it ends */
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Writing the Segment archive failed"));
          return FALSE;
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* one customer                                                           */

static TsTime
between (Demo  *demo,
         TsTime a,
         TsTime b)
{
  if (b <= a)
    return a;
  return a + (TsTime) (g_rand_double (demo->rand) * (double) (b - a));
}

static gboolean
chance (Demo  *demo,
        double p)
{
  return g_rand_double (demo->rand) < p;
}

static gboolean
write_case (Demo        *demo,
            const char  *contact_id,
            const char  *account_id,
            const char  *subject,
            const char  *reason,
            const char  *priority,
            TsTime       opened,
            double       hours_to_close,
            GError     **error)
{
  char id[19], comment_id[19], created[32], closed[32], replied[32], number[16];
  TsTime close_at = opened + (TsTime) (hours_to_close * HOUR);
  TsTime reply_at = opened + (TsTime) (MIN (hours_to_close * 0.3, 24.0) * HOUR) + 10 * MINUTE;
  gboolean is_closed = close_at < demo->end;
  const char *origins[] = { "Web", "Email", "Phone" };

  next_id (demo, OBJ_CASE, id);
  g_snprintf (number, sizeof number, "%08" G_GUINT64_FORMAT, demo->sf_counter[OBJ_CASE]);
  sf_time (created, opened);
  sf_time (closed, close_at);
  sf_write (demo, OBJ_CASE, id, "false", number, contact_id, account_id, subject,
            is_closed ? "Closed" : "Working", priority,
            origins[g_rand_int_range (demo->rand, 0, 3)], reason,
            hours_to_close > 48 ? "true" : "false", is_closed ? "true" : "false",
            created, is_closed ? closed : "", NULL);

  if (reply_at < demo->end)
    {
      next_id (demo, OBJ_CASE_COMMENT, comment_id);
      sf_time (replied, reply_at);
      sf_write (demo, OBJ_CASE_COMMENT, comment_id, "false", id, "true",
                "Thanks for reaching out, we are on it.", replied, NULL);
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* The learning platform's export                                           */

#define ONBOARDING_COURSE "Getting Started"

static const struct {
  const char *title;
  const char *lessons[4];
} courses[] = {
  { ONBOARDING_COURSE, { "Set up your workspace", "Import your customers", "Invite your team", "Your first report" } },
  { "Reporting Essentials", { "Dashboards", "Filters and segments", "Scheduled reports", "Sharing" } },
  { "Admin and Integrations", { "Single sign-on", "Roles and permissions", "Connect your CRM", "Audit log" } },
};

/* a number from a hash of the seed, the customer and what it is for (k):
 * the training stream, apart from the random one */
static guint32
training_hash (Demo    *demo,
               guint    i,
               guint    k)
{
  guint64 z = ((guint64) demo->seed << 40) ^ ((guint64) i << 8) ^ k;

  z += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return (guint32) (z ^ (z >> 31));
}

static double
training_unit (Demo *demo,
               guint i,
               guint k)
{
  return training_hash (demo, i, k) / 4294967296.0;
}

/* the platform's own format: month/day/year, 24-hour clock, UTC */
static void
lms_time (char   out[32],
          TsTime t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);
  g_autofree char *s = g_date_time_format (dt, "%m/%d/%Y %H:%M");

  g_strlcpy (out, s, 32);
}

/* one learner's progress in one course, enrolled at @enrolled: completed
 * after @days when that falls before the export, else in progress (or
 * never started) */
static void
write_course (Demo       *demo,
              guint       i,
              guint       c,
              const char *email,
              const char *first,
              const char *last,
              TsTime      enrolled,
              gboolean    completes,
              double      days,
              double      engagement)
{
  char enrolled_s[32], completed_s[32] = "";
  TsTime completed = enrolled + (TsTime) (days * DAY);
  const char *status;
  guint lessons, minutes, score = 0;

  if (enrolled >= demo->end)
    return;
  minutes = 20 + training_hash (demo, i, 10 + c) % 50;
  if (completes && completed < demo->end)
    {
      status = "Completed";
      lessons = G_N_ELEMENTS (courses[c].lessons);
      score = 60 + (guint) (engagement * 30) + training_hash (demo, i, 20 + c) % 11;
      lms_time (completed_s, completed);
    }
  else if (training_unit (demo, i, 30 + c) < 0.6)
    {
      status = "In Progress";
      lessons = 1 + training_hash (demo, i, 40 + c) % (G_N_ELEMENTS (courses[c].lessons) - 1);
      minutes = minutes * lessons / G_N_ELEMENTS (courses[c].lessons);
    }
  else
    {
      status = "Not Started";
      lessons = 0;
      minutes = 0;
    }
  lms_time (enrolled_s, enrolled);
  fprintf (demo->training, "%s,%s,%s,%s,%s,%u,%u,%s,%s,%s,",
           email, first, last, courses[c].title,
           lessons > 0 ? courses[c].lessons[lessons - 1] : "",
           lessons, (guint) G_N_ELEMENTS (courses[c].lessons), enrolled_s, completed_s, status);
  if (score > 0)
    fprintf (demo->training, "%u", score);
  fprintf (demo->training, ",%u\n", minutes);
  demo->training_rows++;
}

/* the onboarding course for everyone who signs up in the export's time (the
 * engaged complete it, and sooner; early friction holds some back), then
 * reporting for the engaged and administration for the big accounts */
static void
write_training (Demo       *demo,
                guint       i,
                const char *email,
                const char *first,
                const char *last,
                TsTime      created,
                double      engagement,
                gboolean    friction,
                int         plan)
{
  double p = 0.1 + 0.85 * engagement - (friction ? 0.15 : 0.0);
  TsTime enrolled;

  if (created < demo->start)
    return;
  enrolled = created + (TsTime) (training_unit (demo, i, 1) * 6 * HOUR);
  write_course (demo, i, 0, email, first, last, enrolled, training_unit (demo, i, 2) < p,
                0.5 + (1.0 - engagement) * 30.0 * training_unit (demo, i, 3), engagement);
  if (training_unit (demo, i, 4) < engagement * 0.6)
    write_course (demo, i, 1, email, first, last,
                  created + (TsTime) ((20 + 100 * training_unit (demo, i, 5)) * DAY),
                  training_unit (demo, i, 6) < 0.8, 2 + 20 * training_unit (demo, i, 7), engagement);
  if (plan == 2 && training_unit (demo, i, 8) < 0.5)
    write_course (demo, i, 2, email, first, last,
                  created + (TsTime) ((10 + 60 * training_unit (demo, i, 9)) * DAY),
                  training_unit (demo, i, 11) < 0.7, 3 + 30 * training_unit (demo, i, 12), engagement);
}

static gboolean
write_customer (Demo    *demo,
                guint    i,
                GError **error)
{
  char account_id[19], contact_id[19], created_s[32], date_s[16];
  char user_id[32], anonymous_id[32], email[128];
  g_autofree char *name = NULL;
  g_autofree char *traits = NULL;
  const char *first = first_names[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (first_names))];
  const char *last = last_names[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (last_names))];
  TsTime created = between (demo, demo->start - 180 * DAY, demo->end - 14 * DAY);
  TsTime active_from = MAX (created, demo->start);
  double engagement = 0.2 + 0.8 * g_rand_double (demo->rand);     /* active days per week / 7 */
  gboolean new_customer = created > demo->start;
  gboolean friction = new_customer && chance (demo, 0.45);
  gboolean outage = chance (demo, 0.24);
  gboolean self_serve = chance (demo, 0.5);
  gboolean blasted = chance (demo, 1.0 / 7.0);
  gboolean unsubscribed = FALSE;
  gboolean complained = FALSE;
  int base_nps = (int) (5 + engagement * 5.5);
  const char *plans[] = { "Starter", "Growth", "Enterprise" };
  int plan = engagement > 0.8 ? 2 : engagement > 0.45 ? 1 : 0;
  int last_nps = -1;
  double use_chance = engagement;

  g_snprintf (user_id, sizeof user_id, "u_%07u", i + 1);
  g_snprintf (anonymous_id, sizeof anonymous_id, "anon-%08x", g_rand_int (demo->rand));
  name = g_strdup_printf ("%s %s", first, last);
  {
    g_autofree char *lf = g_utf8_strdown (first, -1);
    g_autofree char *ll = g_utf8_strdown (last, -1);
    g_autofree char *lf_ascii = g_str_to_ascii (lf, "C");
    g_autofree char *ll_ascii = g_str_to_ascii (ll, "C");
    g_snprintf (email, sizeof email, "%s.%s.%u@example.com", lf_ascii, ll_ascii, i + 1);
  }

  /* Salesforce: an account for every two contacts */
  if (i % 2 == 0)
    {
      char revenue[32];
      g_autofree char *acct_name = g_strdup_printf ("%s %s", last, plans[plan]);
      next_id (demo, OBJ_ACCOUNT, account_id);
      sf_time (created_s, created);
      g_snprintf (revenue, sizeof revenue, "%d", (plan + 1) * 12000 * g_rand_int_range (demo->rand, 1, 5));
      sf_write (demo, OBJ_ACCOUNT, account_id, "false", acct_name, "Customer - Direct",
                industries[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (industries))],
                revenue, created_s, created_s, NULL);
    }
  salesforce_id (account_id, objects[OBJ_ACCOUNT].prefix, demo->sf_counter[OBJ_ACCOUNT]);
  next_id (demo, OBJ_CONTACT, contact_id);
  sf_time (created_s, created);

  /* the web: anonymous visits, then sign-up identifies them */
  if (created > demo->start)
    for (int k = 0; k < 2; k++)
      if (!segment_write (demo, "page", NULL, anonymous_id, "Pricing", "{\"path\":\"/pricing\"}", NULL,
                          created - (2 - k) * HOUR, error))
        return FALSE;
  traits = g_strdup_printf ("{\"email\":\"%s\",\"name\":\"%s\",\"plan\":\"%s\",\"createdAt\":\"%s\"}",
                            email, name, plans[plan], created_s);
  if (!segment_write (demo, "identify", user_id, anonymous_id, NULL, NULL, traits,
                      active_from, error))
    return FALSE;

  /* product use, day by day: on a day of use a login and a feature used, and
   * one time in twelve the pricing page; asked for a number of events a
   * customer, each day's chance is scaled to about that many in the customer's
   * days (the calls besides use, a handful, counted in) */
  if (demo->events_per_customer > 0)
    {
      double days = (double) ((demo->end - active_from + DAY - 1) / DAY);
      double wanted = MAX ((double) demo->events_per_customer - 3.0, 0.0);
      use_chance = MIN (1.0, engagement / 0.6 * wanted / (2.08 * MAX (days, 1.0)));
    }
  for (TsTime day = active_from; day < demo->end; day += DAY)
    {
      gboolean first_week = day < created + 7 * DAY;
      gboolean in_outage = day >= demo->outage_start && day < demo->outage_start + 3 * DAY;

      if (first_week && friction)
        {
          if (chance (demo, 0.6) &&
              !segment_write (demo, "track", user_id, NULL, "login_failed",
                              "{\"reason\":\"invalid_password\"}", NULL, day + 9 * HOUR, error))
            return FALSE;
          if (chance (demo, 0.4) &&
              !segment_write (demo, "track", user_id, NULL, "error",
                              "{\"code\":\"E403\",\"screen\":\"setup\"}", NULL, day + 10 * HOUR, error))
            return FALSE;
        }
      if (in_outage && outage)
        {
          if (!segment_write (demo, "track", user_id, NULL, "outage_affected",
                              "{\"service\":\"sync\"}", NULL, day + 11 * HOUR, error) ||
              !segment_write (demo, "track", user_id, NULL, "error",
                              "{\"code\":\"E503\",\"screen\":\"dashboard\"}", NULL, day + 11 * HOUR + 5 * MINUTE, error))
            return FALSE;
        }
      if (!chance (demo, use_chance))
        continue;
      {
        TsTime t = day + between (demo, 8 * HOUR, 20 * HOUR);
        g_autofree char *props = g_strdup_printf ("{\"feature\":\"%s\"}",
                                                  features[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (features))]);
        if (!segment_write (demo, "track", user_id, NULL, "login", NULL, NULL, t, error) ||
            !segment_write (demo, "track", user_id, NULL, "feature_used", props, NULL, t + 3 * MINUTE, error))
          return FALSE;
        if (chance (demo, 0.08) &&
            !segment_write (demo, "page", user_id, NULL, "Pricing", "{\"path\":\"/pricing\"}", NULL, t + 9 * MINUTE, error))
          return FALSE;
      }
    }

  /* problems: self-service, or a case */
  if (friction || outage)
    {
      TsTime when = friction ? created + between (demo, HOUR, 5 * DAY)
                             : demo->outage_start + between (demo, HOUR, 2 * DAY);
      if (when < demo->end)
        {
          if (self_serve)
            {
              /* the seconds spent reading: from a hash, not the random
               * stream, so that the rest of the company stays the same */
              guint seconds = 40 + (guint) (((i + 1) * 2654435761u) ^ (guint32) (when / G_USEC_PER_SEC)) % 420;
              g_autofree char *props = g_strdup_printf ("{\"path\":\"%s\",\"seconds\":%u}",
                                                        articles[friction ? 0 : g_rand_int_range (demo->rand, 1, G_N_ELEMENTS (articles))],
                                                        seconds);
              if (!segment_write (demo, "track", user_id, NULL, "help_article_viewed", props, NULL, when, error) ||
                  !segment_write (demo, "track", user_id, NULL, "issue_resolved_self_service", NULL, NULL,
                                  when + 20 * MINUTE, error))
                return FALSE;
            }
          else if (friction)
            write_case (demo, contact_id, account_id, "Cannot log in after sign-up", "Login",
                        "High", when, 2 + g_rand_double (demo->rand) * 30, error);
          else
            write_case (demo, contact_id, account_id, "Sync errors (503) since this morning", "Outage",
                        "Urgent", when, 24 + g_rand_double (demo->rand) * 96, error);
        }
    }
  /* everyday questions */
  if (chance (demo, 0.25))
    write_case (demo, contact_id, account_id, "Question about exports", "Question", "Low",
                between (demo, active_from, demo->end), 3 + g_rand_double (demo->rand) * 40, error);

  /* the over-contacting campaign */
  if (blasted && created < demo->campaign_start)
    {
      for (int k = 0; k < 6; k++)
        {
          char task_id[19], date[16], when_s[32];
          g_autofree char *subject = g_strdup_printf ("Spring upsell %d/6: unlock %s", k + 1, plans[MIN (plan + 1, 2)]);
          TsTime when = demo->campaign_start + k * (14 * DAY / 6) + between (demo, 8 * HOUR, 10 * HOUR);
          if (when >= demo->end)
            break;
          next_id (demo, OBJ_TASK, task_id);
          sf_date (date, when);
          sf_time (when_s, when);
          sf_write (demo, OBJ_TASK, task_id, "false", contact_id, account_id, subject, "Email", "Email",
                    "Completed", date, when_s, NULL);
        }
      unsubscribed = chance (demo, 0.4);
      complained = chance (demo, 0.2);
      if (unsubscribed &&
          !segment_write (demo, "track", user_id, NULL, "email_unsubscribed", "{\"list\":\"marketing\"}", NULL,
                          demo->campaign_start + 9 * DAY, error))
        return FALSE;
      if (complained)
        write_case (demo, contact_id, account_id, "Complaint: too many sales e-mails", "Complaint", "Medium",
                    demo->campaign_start + 10 * DAY, 4 + g_rand_double (demo->rand) * 20, error);
    }
  /* a CSM check-in for the big accounts */
  if (plan == 2 && chance (demo, 0.6))
    {
      char task_id[19], date[16], when_s[32];
      TsTime when = between (demo, active_from, demo->end);
      next_id (demo, OBJ_TASK, task_id);
      sf_date (date, when);
      sf_time (when_s, when);
      sf_write (demo, OBJ_TASK, task_id, "false", contact_id, account_id, "Quarterly check-in", "Call",
                "Call", "Completed", date, when_s, NULL);
    }

  /* NPS, twice a year; the outage leaves a mark */
  {
    TsTime waves[2] = { demo->survey_1, demo->survey_2 };
    for (int w = 0; w < 2; w++)
      {
        int score = base_nps + g_rand_int_range (demo->rand, -2, 2);
        const char *comment = "";
        char when[32];

        if (waves[w] < created + 30 * DAY || !chance (demo, 0.6))
          continue;
        if (w == 1 && outage)
          {
            score -= 4;
            comment = "The sync outage cost us a day";
          }
        if (w == 1 && complained)
          {
            score -= 3;
            comment = "Too many sales e-mails";
          }
        if (friction && w == 0 && waves[w] < created + 90 * DAY)
          {
            score -= 2;
            comment = "Setting up was painful";
          }
        score = CLAMP (score, 0, 10);
        if (*comment == '\0' && score >= 9)
          comment = "Fast support, thanks";
        iso_time (when, waves[w] + between (demo, 0, 5 * DAY));
        fprintf (demo->survey, "%s,%s,%d,\"%s\"\n", email, when, score, comment);
        demo->survey_rows++;
        last_nps = score;
      }
  }

  write_training (demo, i, email, first, last, created, engagement, friction, plan);

  /* the contact (after the campaign decided the opt-out) */
  sf_write (demo, OBJ_CONTACT, contact_id, "false", account_id, first, last, email,
            unsubscribed ? "true" : "false", user_id, created_s, created_s, NULL);

  /* renewal, a year after signing */
  if (i % 2 == 0)
    {
      TsTime close = created + 365 * DAY;
      if (close < demo->end + 60 * DAY)
        {
          char opp_id[19], close_s[16], amount[32];
          gboolean lost = last_nps >= 0 && last_nps <= 6 ? chance (demo, 0.5) : chance (demo, 0.08);
          gboolean closed = close < demo->end;
          next_id (demo, OBJ_OPPORTUNITY, opp_id);
          sf_date (close_s, close);
          g_snprintf (amount, sizeof amount, "%d.00", (plan + 1) * 12000);
          sf_write (demo, OBJ_OPPORTUNITY, opp_id, "false", account_id, "Renewal",
                    closed ? (lost ? "Closed Lost" : "Closed Won") : "Negotiation",
                    "Existing Business", amount, close_s,
                    closed ? "true" : "false", closed && !lost ? "true" : "false", created_s, NULL);
        }
    }

  (void) date_s;
  return TRUE;
}

/* ---------------------------------------------------------------------- */

static gboolean
zip_objects (Demo        *demo,
             const char  *zip_path,
             GError     **error)
{
  struct archive *a = archive_write_new ();
  char buf[64 * 1024];
  gboolean ok = TRUE;

  archive_write_set_format_zip (a);
  if (archive_write_open_filename (a, zip_path) != ARCHIVE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", zip_path, archive_error_string (a));
      archive_write_free (a);
      return FALSE;
    }

  for (int o = 0; o < N_OBJECTS && ok; o++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", objects[o].name);
      g_autofree char *path = g_build_filename (demo->tmp, name, NULL);
      struct archive_entry *entry = archive_entry_new ();
      GStatBuf st;
      FILE *f;
      size_t n;

      g_stat (path, &st);
      archive_entry_set_pathname (entry, name);
      archive_entry_set_size (entry, st.st_size);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_mtime (entry, demo->end / 1000000, 0);
      archive_write_header (a, entry);
      archive_entry_free (entry);

      f = fopen (path, "rb");
      while (f && (n = fread (buf, 1, sizeof buf, f)) > 0)
        if (archive_write_data (a, buf, n) < 0)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", zip_path, archive_error_string (a));
            ok = FALSE;
            break;
          }
      if (f)
        fclose (f);
      g_remove (path);
    }

  if (archive_write_close (a) != ARCHIVE_OK && ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", zip_path, archive_error_string (a));
      ok = FALSE;
    }
  archive_write_free (a);
  return ok;
}

static char *
make_dir (const char  *parent,
          const char  *name,
          GError     **error)
{
  char *path = g_build_filename (parent, name, NULL);

  if (g_mkdir_with_parents (path, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      g_free (path);
      return NULL;
    }
  return path;
}

static gboolean
generate (Demo        *demo,
          const char  *out,
          GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *zip_path = NULL, *segment_path = NULL, *survey_path = NULL, *training_path = NULL;
  g_autoptr(GFile) segment_file = NULL;
  g_autoptr(GFileOutputStream) raw = NULL;
  g_autoptr(GZlibCompressor) gz = NULL;
  gboolean ok = TRUE;

  if (!(dir = make_dir (out, ".", error)))
    return FALSE;

  demo->tmp = g_dir_make_tmp (NULL, error);
  if (demo->tmp == NULL)
    return FALSE;
  for (int o = 0; o < N_OBJECTS; o++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", objects[o].name);
      g_autofree char *path = g_build_filename (demo->tmp, name, NULL);
      demo->sf[o] = fopen (path, "wb");
      fprintf (demo->sf[o], "%s\r\n", objects[o].header);
    }

  segment_path = g_build_filename (out, "segment-events.jsonl.gz", NULL);
  segment_file = g_file_new_for_path (segment_path);
  raw = g_file_replace (segment_file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (raw == NULL)
    return FALSE;
  gz = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  {
    GOutputStream *z = g_converter_output_stream_new (G_OUTPUT_STREAM (raw), G_CONVERTER (gz));
    demo->segment = g_buffered_output_stream_new_sized (z, 256 * 1024);
    g_object_unref (z);
  }

  survey_path = g_build_filename (out, "nps.csv", NULL);
  demo->survey = fopen (survey_path, "wb");
  if (demo->survey == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", survey_path, g_strerror (saved));
      return FALSE;
    }
  fprintf (demo->survey, "email,submitted_at,nps,comment\n");

  training_path = g_build_filename (out, "training-completions.csv", NULL);
  demo->training = fopen (training_path, "wb");
  if (demo->training == NULL)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", training_path, g_strerror (saved));
      fclose (demo->survey);
      return FALSE;
    }
  fprintf (demo->training, "learner_email,first_name,last_name,course_title,lesson_title,lessons_completed,"
                           "lessons_total,enrolled_at,completed_at,status,quiz_score,time_spent_minutes\n");

  demo->segment_queue = g_async_queue_new ();
  demo->segment_free = g_async_queue_new ();
  for (int k = 0; k < 3; k++)
    g_async_queue_push (demo->segment_free, g_string_sized_new (SEGMENT_BUFFER + 4096));
  demo->segment_buf = g_async_queue_pop (demo->segment_free);
  demo->segment_thread = g_thread_new ("demo-gzip", segment_compress_thread, demo);

  for (guint i = 0; i < demo->n_customers && ok; i++)
    ok = write_customer (demo, i, error);

  ok = segment_finish (demo, ok, error);
  fclose (demo->survey);
  if (fclose (demo->training) != 0 && ok)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", training_path, g_strerror (saved));
      ok = FALSE;
    }
  for (int o = 0; o < N_OBJECTS; o++)
    fclose (demo->sf[o]);

  zip_path = g_build_filename (out, "WE_00D5g00000DEMO1AAA_1.ZIP", NULL);
  if (ok)
    ok = zip_objects (demo, zip_path, error);
  g_rmdir (demo->tmp);

  if (ok)
    {
      ts_cli_print (_("Wrote a synthetic company of %u customers over %u months:\n"), demo->n_customers, demo->months);
      ts_cli_print ("  %s\n", zip_path);
      for (int o = 0; o < N_OBJECTS; o++)
        ts_cli_print ("    %-12s %10" G_GUINT64_FORMAT " rows\n", objects[o].name, demo->sf_rows[o]);
      ts_cli_print ("  %s\n    %" G_GUINT64_FORMAT " calls\n", segment_path, demo->segment_lines);
      ts_cli_print ("  %s\n    %" G_GUINT64_FORMAT " answers\n", survey_path, demo->survey_rows);
      {
        g_autofree char *rows = g_strdup_printf ("%" G_GUINT64_FORMAT, demo->training_rows);
        /* TRANSLATORS: %s is a number of rows of a learning platform's course-progress export */
        ts_cli_print ("  %s\n    ", training_path);
        ts_cli_print (_("%s course enrolments\n"), rows);
      }
    }
  return ok;
}

int
ts_cli_demo (int    argc,
             char **argv)
{
  g_autofree char *out = NULL;
  int customers = 2000;
  int months = 12;
  int seed = 1;
  int events_per_customer = 0;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write the exports into this folder"), N_("DIR") },
    { "customers", 'n', 0, G_OPTION_ARG_INT, &customers, N_("How many customers (default 2000)"), N_("N") },
    { "months", 'm', 0, G_OPTION_ARG_INT, &months, N_("How many months of history (default 12)"), N_("M") },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, N_("Random seed: the same seed writes the same files (default 1)"), N_("S") },
    { "events-per-customer", 'e', 0, G_OPTION_ARG_INT, &events_per_customer,
      N_("About this many Segment calls a customer, from product use made more or less frequent (default: "
         "each customer as engaged as drawn, about 37 a month)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("demo", NULL,
                               _("Writes a synthetic company in the formats real systems export: a Salesforce "
                                 "weekly export, a Segment archive, an NPS survey and a learning platform's course "
                                 "completions, with storylines to find: an outage, onboarding friction, an "
                                 "over-contacting campaign, self-service, renewals, training."),
                               entries);
  g_autoptr(GError) error = NULL;
  Demo demo = { 0, };

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (out == NULL)
    return ts_cli_usage_error (context, _("demo needs --out DIR"));
  if (customers < 1 || months < 1 || months > 120)
    return ts_cli_usage_error (context, _("--customers must be at least 1 and --months between 1 and 120"));
  if (events_per_customer < 0)
    return ts_cli_usage_error (context, _("--events-per-customer must be 0 or more"));

  demo.rand = g_rand_new_with_seed ((guint32) seed);
  demo.seed = (guint32) seed;
  demo.n_customers = (guint) customers;
  demo.months = (guint) months;
  demo.events_per_customer = (guint) events_per_customer;
  demo.start = ts_timestamp_from_civil (2025, 1, 1, 0, 0, 0, 0);
  demo.end = demo.start + (TsTime) months * 30 * DAY + (TsTime) (months / 2) * DAY;
  demo.outage_start = demo.start + (demo.end - demo.start) * 7 / 12;
  demo.outage_start -= demo.outage_start % DAY;
  demo.campaign_start = demo.start + (demo.end - demo.start) * 4 / 12;
  demo.campaign_start -= demo.campaign_start % DAY;
  demo.survey_1 = demo.start + (demo.end - demo.start) * 5 / 12;
  demo.survey_2 = demo.start + (demo.end - demo.start) * 9 / 12;
  demo.line = g_string_sized_new (1024);

  if (!generate (&demo, out, &error))
    {
      g_rand_free (demo.rand);
      g_string_free (demo.line, TRUE);
      g_free (demo.tmp);
      return ts_cli_fail (g_steal_pointer (&error));
    }

  g_rand_free (demo.rand);
  g_string_free (demo.line, TRUE);
  g_free (demo.tmp);
  return 0;
}

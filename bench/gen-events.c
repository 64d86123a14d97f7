/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gen-events: deterministic generator for a realistic "product events" CSV,
 * used by bench/run.sh to benchmark `touchstone-cli inspect`.
 *
 * Usage: gen-events ROWS SEED OUTPUT   (OUTPUT may be "-" for stdout)
 *
 * Columns: customer_id,event,timestamp,channel,value,properties
 *
 *   customer_id  C-0001234 style, ~200k distinct ids, skewed (a hot set of
 *                customers produces a large share of the events)
 *   event        ~30 names with a skewed frequency (page_viewed dominates)
 *   timestamp    ISO 8601 UTC (2025-06-01T12:34:56Z) over 6 months; rows
 *                drift forward in time but are not globally sorted (export
 *                batches overlap and some events arrive late)
 *   channel      web, ios, android, email, in_app
 *   value        decimal with 2 places, empty in ~30% of rows
 *   properties   JSON object with 1-3 keys from a small vocabulary, written
 *                as one quoted CSV cell with doubled quotes
 *
 * The output depends only on ROWS and SEED (own PRNG, no locale, no libc
 * rand), so the same arguments give a byte-identical file on any machine.
 */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUT_BUF_SIZE (8u << 20) /* 8 MiB output buffer */
#define ROW_MAX 512             /* generous upper bound for one row */

#define N_CUSTOMERS 200000u
#define N_HOT_CUSTOMERS 5000u

#define START_DAYS 20089 /* 2025-01-01 as days since 1970-01-01 */
#define N_DAYS 181       /* 2025-01-01 .. 2025-06-30 */
#define SPAN_SECONDS ((int64_t) N_DAYS * 86400)

/* ------------------------------------------------------------------------ */
/* PRNG: splitmix64 for seeding, xoshiro256** for the stream.               */

typedef struct {
  uint64_t s[4];
} Rng;

static uint64_t
splitmix64 (uint64_t *x)
{
  uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static void
rng_seed (Rng *r, uint64_t seed)
{
  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&seed);
}

static inline uint64_t
rotl (uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static inline uint64_t
rng_next (Rng *r)
{
  uint64_t *s = r->s;
  uint64_t result = rotl (s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n) (Lemire's multiply-shift; bias is negligible here). */
static inline uint32_t
rng_below (Rng *r, uint32_t n)
{
  return (uint32_t) (((rng_next (r) >> 32) * (uint64_t) n) >> 32);
}

/* ------------------------------------------------------------------------ */
/* Vocabularies. Weights are relative; a cumulative table is built at start. */

typedef struct {
  const char *s;
  unsigned weight;
} Weighted;

static const Weighted events[] = {
  { "page_viewed", 220 },
  { "session_started", 90 },
  { "session_ended", 80 },
  { "button_clicked", 110 },
  { "search_performed", 45 },
  { "pricing_viewed", 30 },
  { "feature_used", 70 },
  { "login", 40 },
  { "login_failed", 8 },
  { "logout", 15 },
  { "signup_started", 6 },
  { "signup_completed", 4 },
  { "trial_started", 3 },
  { "plan_upgraded", 2 },
  { "plan_downgraded", 1 },
  { "subscription_cancelled", 1 },
  { "invoice_paid", 5 },
  { "payment_failed", 2 },
  { "error", 14 },
  { "outage_affected", 2 },
  { "help_article_viewed", 18 },
  { "support_ticket_opened", 4 },
  { "support_ticket_closed", 3 },
  { "nps_submitted", 2 },
  { "email_opened", 25 },
  { "email_clicked", 8 },
  { "push_received", 20 },
  { "push_opened", 6 },
  { "file_exported", 5 },
  { "integration_connected", 2 },
  { "invite_sent", 3 },
};

static const Weighted channels[] = {
  { "web", 50 }, { "ios", 18 }, { "android", 17 }, { "email", 8 }, { "in_app", 7 },
};

/* Property keys and their value vocabularies. Values are emitted verbatim
 * into the JSON object: string values carry their own (doubled) quotes. */
typedef struct {
  const char *key;
  const char *const *values;
  unsigned n_values;
} PropKey;

#define Q(s) "\"\"" s "\"\"" /* a JSON string inside a quoted CSV cell */

static const char *const v_plan[] = { Q ("free"), Q ("starter"), Q ("pro"), Q ("team"), Q ("enterprise") };
static const char *const v_page[] = {
  Q ("/"), Q ("/pricing"), Q ("/docs"), Q ("/docs/getting-started"), Q ("/settings"),
  Q ("/settings/billing"), Q ("/dashboard"), Q ("/reports"), Q ("/help"),
  Q ("/help/reset-password"), Q ("/integrations"), Q ("/changelog"),
};
static const char *const v_browser[] = { Q ("chrome"), Q ("safari"), Q ("firefox"), Q ("edge") };
static const char *const v_country[] = { Q ("US"), Q ("GB"), Q ("DE"), Q ("FR"), Q ("IN"), Q ("BR"), Q ("JP"), Q ("CA") };
static const char *const v_app_version[] = { Q ("3.12.0"), Q ("3.12.1"), Q ("3.13.0"), Q ("3.14.2"), Q ("4.0.0") };
static const char *const v_error_code[] = { Q ("E_TIMEOUT"), Q ("E_AUTH"), Q ("E_RATE_LIMIT"), Q ("E_INTERNAL"), Q ("E_NOT_FOUND") };
static const char *const v_referrer[] = { Q ("google"), Q ("newsletter"), Q ("direct"), Q ("partner"), Q ("twitter") };
static const char *const v_experiment[] = { Q ("checkout_v2"), Q ("onboarding_b"), Q ("control") };
static const char *const v_items[] = { "1", "2", "3", "4", "5", "8", "12" };
static const char *const v_logged_in[] = { "true", "false" };

#define N_OF(a) (sizeof (a) / sizeof ((a)[0]))
#define PK(name, arr) { "\"\"" name "\"\":", arr, N_OF (arr) }

static const PropKey prop_keys[] = {
  PK ("plan", v_plan),
  PK ("page", v_page),
  PK ("browser", v_browser),
  PK ("country", v_country),
  PK ("app_version", v_app_version),
  PK ("error_code", v_error_code),
  PK ("referrer", v_referrer),
  PK ("experiment", v_experiment),
  PK ("items", v_items),
  PK ("logged_in", v_logged_in),
};
#define N_PROP_KEYS N_OF (prop_keys)

typedef struct {
  const char *s;
  size_t len;
} Str;

typedef struct {
  Str *items;
  uint32_t *cumulative; /* cumulative weights */
  unsigned n;
  uint32_t total;
} Table;

static Table
table_new (const Weighted *w, unsigned n)
{
  Table t = { calloc (n, sizeof (Str)), calloc (n, sizeof (uint32_t)), n, 0 };
  if (t.items == NULL || t.cumulative == NULL)
    {
      perror ("gen-events: calloc");
      exit (1);
    }
  for (unsigned i = 0; i < n; i++)
    {
      t.items[i].s = w[i].s;
      t.items[i].len = strlen (w[i].s);
      t.total += w[i].weight;
      t.cumulative[i] = t.total;
    }
  return t;
}

static inline const Str *
table_pick (const Table *t, Rng *r)
{
  uint32_t x = rng_below (r, t->total);
  unsigned i = 0;
  while (t->cumulative[i] <= x) /* tables are tiny: a linear scan is fine */
    i++;
  return &t->items[i];
}

/* ------------------------------------------------------------------------ */
/* Output buffer.                                                           */

typedef struct {
  int fd;
  char *buf;
  size_t len;
} Out;

static void
out_flush (Out *o)
{
  size_t off = 0;
  while (off < o->len)
    {
      ssize_t n = write (o->fd, o->buf + off, o->len - off);
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          perror ("gen-events: write");
          exit (1);
        }
      off += (size_t) n;
    }
  o->len = 0;
}

static inline void
put (char **p, const char *s, size_t n)
{
  memcpy (*p, s, n);
  *p += n;
}

#define PUT_LIT(p, lit) put (p, lit, sizeof (lit) - 1)

static inline void
put_digits (char **p, uint32_t v, int width)
{
  for (int i = width - 1; i >= 0; i--)
    {
      (*p)[i] = (char) ('0' + v % 10);
      v /= 10;
    }
  *p += width;
}

/* Unsigned decimal without padding. */
static inline void
put_uint (char **p, uint32_t v)
{
  char tmp[10];
  int n = 0;
  do
    {
      tmp[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);
  while (n > 0)
    *(*p)++ = tmp[--n];
}

/* Civil date from days since 1970-01-01 (H. Hinnant's algorithm). */
static void
civil_from_days (int64_t z, int *y, unsigned *m, unsigned *d)
{
  int64_t era, yy;
  unsigned doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (unsigned) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  yy = (int64_t) yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = (int) (yy + (*m <= 2));
}

/* ------------------------------------------------------------------------ */
/* Everything a row needs besides the PRNG. */
typedef struct {
  Table events;
  Table channels;
  uint32_t hot[N_HOT_CUSTOMERS];
  char day_prefix[N_DAYS][11]; /* "2025-06-01T" for every day in the range */
  double inv_rows;
} Gen;

static void
gen_init (Gen *g, Rng *rng, uint64_t rows)
{
  int i;

  g->events = table_new (events, N_OF (events));
  g->channels = table_new (channels, N_OF (channels));

  for (i = 0; i < N_DAYS; i++)
    {
      int y;
      unsigned m, d;
      char *p = g->day_prefix[i];

      civil_from_days (START_DAYS + i, &y, &m, &d);
      put_digits (&p, (uint32_t) y, 4);
      *p++ = '-';
      put_digits (&p, m, 2);
      *p++ = '-';
      put_digits (&p, d, 2);
      *p = 'T';
    }

  /* Hot customers: a fixed random subset of ids that produce ~35% of rows. */
  for (i = 0; i < (int) N_HOT_CUSTOMERS; i++)
    g->hot[i] = 1 + rng_below (rng, N_CUSTOMERS);

  g->inv_rows = rows > 0 ? 1.0 / (double) rows : 0.0;
}

static void
gen_clear (Gen *g)
{
  free (g->events.items);
  free (g->events.cumulative);
  free (g->channels.items);
  free (g->channels.cumulative);
}

/* Timestamp of row number ROW, in seconds from the start of the range:
 * export batches drift forward through the range with a +-36 h jitter, and
 * 5% of rows are late arrivals from anywhere earlier. */
static int64_t
gen_time (const Gen *g, Rng *rng, uint64_t row)
{
  int64_t trend = (int64_t) ((double) row * g->inv_rows * (double) SPAN_SECONDS);
  int64_t t;

  if (rng_below (rng, 100) < 5)
    t = trend > 0 ? (int64_t) (rng_next (rng) % (uint64_t) trend) : 0;
  else
    t = trend + (int64_t) rng_below (rng, 72 * 3600) - 36 * 3600;
  if (t < 0)
    t = rng_below (rng, 86400);
  if (t >= SPAN_SECONDS)
    t = SPAN_SECONDS - 1 - rng_below (rng, 86400);
  return t;
}

/* Write one CSV row (with its newline) at P; returns the new end. */
static char *
gen_row (const Gen *g, Rng *rng, uint64_t row, char *p)
{
  uint32_t cust, day, sec;
  const Str *s;
  int64_t t;
  unsigned nkeys, used = 0, k;

  /* customer_id */
  cust = rng_below (rng, 100) < 35 ? g->hot[rng_below (rng, N_HOT_CUSTOMERS)]
                                   : 1 + rng_below (rng, N_CUSTOMERS);
  PUT_LIT (&p, "C-");
  put_digits (&p, cust, 7);
  *p++ = ',';

  /* event */
  s = table_pick (&g->events, rng);
  put (&p, s->s, s->len);
  *p++ = ',';

  /* timestamp */
  t = gen_time (g, rng, row);
  day = (uint32_t) (t / 86400);
  sec = (uint32_t) (t % 86400);
  put (&p, g->day_prefix[day], 11);
  put_digits (&p, sec / 3600, 2);
  *p++ = ':';
  put_digits (&p, sec / 60 % 60, 2);
  *p++ = ':';
  put_digits (&p, sec % 60, 2);
  PUT_LIT (&p, "Z,");

  /* channel */
  s = table_pick (&g->channels, rng);
  put (&p, s->s, s->len);
  *p++ = ',';

  /* value: empty in ~30% of rows, else a skewed amount with 2 decimals */
  if (rng_below (rng, 100) >= 30)
    {
      uint32_t cents = rng_below (rng, 100) < 80 ? rng_below (rng, 10000)   /* < 100 */
                                                 : rng_below (rng, 2000000); /* < 20000 */
      put_uint (&p, cents / 100);
      *p++ = '.';
      put_digits (&p, cents % 100, 2);
    }
  *p++ = ',';

  /* properties: 1-3 distinct keys */
  nkeys = 1 + rng_below (rng, 3);
  PUT_LIT (&p, "\"{");
  for (k = 0; k < nkeys; k++)
    {
      const PropKey *pk;
      const char *v;
      unsigned ki;

      do
        ki = rng_below (rng, N_PROP_KEYS);
      while (used & (1u << ki));
      used |= 1u << ki;
      pk = &prop_keys[ki];
      v = pk->values[rng_below (rng, pk->n_values)];
      if (k > 0)
        *p++ = ',';
      put (&p, pk->key, strlen (pk->key));
      put (&p, v, strlen (v));
    }
  PUT_LIT (&p, "}\"\n");

  return p;
}

static void
usage (void)
{
  fprintf (stderr, "usage: gen-events ROWS SEED OUTPUT\n"
                   "  ROWS    number of data rows (header not counted)\n"
                   "  SEED    unsigned integer seed\n"
                   "  OUTPUT  output file path, or - for stdout\n");
  exit (2);
}

static uint64_t
parse_u64 (const char *s, const char *what)
{
  char *end = NULL;
  unsigned long long v;

  errno = 0;
  v = strtoull (s, &end, 10);
  if (errno != 0 || end == s || *end != '\0' || s[0] == '-')
    {
      fprintf (stderr, "gen-events: invalid %s: %s\n", what, s);
      usage ();
    }
  return (uint64_t) v;
}

int
main (int argc, char **argv)
{
  static const char header[] = "customer_id,event,timestamp,channel,value,properties\n";
  static Gen gen;
  uint64_t rows, seed, row;
  const char *path;
  Out out;
  Rng rng;

  if (argc != 4)
    usage ();
  rows = parse_u64 (argv[1], "ROWS");
  seed = parse_u64 (argv[2], "SEED");
  path = argv[3];

  out.fd = 1;
  out.len = 0;
  out.buf = malloc (OUT_BUF_SIZE);
  if (out.buf == NULL)
    {
      perror ("gen-events: malloc");
      return 1;
    }
  if (strcmp (path, "-") != 0)
    {
      out.fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (out.fd < 0)
        {
          fprintf (stderr, "gen-events: %s: %s\n", path, strerror (errno));
          return 1;
        }
    }

  rng_seed (&rng, seed);
  gen_init (&gen, &rng, rows);

  memcpy (out.buf, header, sizeof (header) - 1);
  out.len = sizeof (header) - 1;

  for (row = 0; row < rows; row++)
    {
      if (OUT_BUF_SIZE - out.len < ROW_MAX)
        out_flush (&out);
      out.len = (size_t) (gen_row (&gen, &rng, row, out.buf + out.len) - out.buf);
    }

  out_flush (&out);
  if (out.fd != 1 && close (out.fd) != 0)
    {
      perror ("gen-events: close");
      return 1;
    }

  gen_clear (&gen);
  free (out.buf);
  return 0;
}

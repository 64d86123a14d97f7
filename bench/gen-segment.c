/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * gen-segment: deterministic generator of a Segment-style NDJSON dump (what
 * Segment's S3 destination archives, gunzipped), used by
 * bench/analytics-stream.sh to measure `touchstone-cli inspect` streaming
 * a large analytics export.
 *
 * Usage: gen-segment BYTES SEED OUTPUT [--duplicates]   (OUTPUT may be "-")
 *
 * Writes whole lines until at least BYTES bytes are written.  The calls:
 *
 *   track 80%, page 11%, screen 3%, identify 4%, track by a visitor who
 *   never logs in 2% (dropped as "no identity" when the dataset is built)
 *
 *   ~200k users (a hot set of 5k produce a third of the calls), each with
 *   one or two anonymousIds; 30% of a user's calls are made before login
 *   (userId null, only the anonymousId: stitched through the identify
 *   call's alias); server-side calls have no anonymousId
 *
 *   web (analytics.js, with context.page and a user agent), ios, android
 *   (analytics-ios / -android, context.device and os) or server
 *   (analytics-node); properties with 1-4 keys; ISO 8601 timestamps with
 *   milliseconds over 2025-01-01 … 2025-06-30, drifting forward with
 *   jitter; a unique messageId per call.  Lines are ~720 bytes.
 *
 * --duplicates writes the first line again and again: every call but the
 * first is a duplicate (same messageId), so an import reads the whole file
 * and keeps one row.  That isolates what reading itself costs in memory.
 *
 * The output depends only on BYTES, SEED and the flag (own PRNG, no
 * locale), so the same arguments give a byte-identical file anywhere.
 */

#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_USERS 200000u
#define N_HOT 5000u
#define START_DAYS 20089 /* 2025-01-01 as days since 1970-01-01 */
#define N_DAYS 181
#define LINE_MAX_BYTES 4096

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

static inline uint64_t
rotl (uint64_t x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static uint64_t
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

static inline uint32_t
below (Rng *r, uint32_t n)
{
  return (uint32_t) (((rng_next (r) >> 32) * (uint64_t) n) >> 32);
}

#define N_OF(a) (sizeof (a) / sizeof ((a)[0]))

static const char *const events[] = {
  "Product Viewed", "Product Viewed", "Product Viewed", "Button Clicked", "Button Clicked",
  "Search Performed", "Feature Used", "Feature Used", "Report Exported", "Login", "Logout",
  "Signup Started", "Trial Started", "Plan Upgraded", "Order Completed", "Invoice Paid",
  "Payment Failed", "Error Shown", "Help Article Viewed", "Support Ticket Opened",
  "Integration Connected", "Invite Sent", "Dashboard Loaded", "Filter Applied",
};
static const char *const pages[] = {
  "/", "/pricing", "/docs", "/docs/getting-started", "/settings", "/settings/billing",
  "/dashboard", "/reports", "/help", "/help/reset-password", "/integrations", "/changelog",
};
static const char *const titles[] = {
  "Home", "Pricing", "Docs", "Getting started", "Settings", "Billing",
  "Dashboard", "Reports", "Help", "Reset your password", "Integrations", "Changelog",
};
static const char *const screens[] = { "Home", "Inbox", "Settings", "Report", "Search" };
static const char *const plans[] = { "free", "starter", "pro", "team", "enterprise" };
static const char *const countries[] = { "US", "GB", "DE", "FR", "IN", "BR", "JP", "CA" };
static const char *const agents[] = {
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
};

static void
iso_time (char *buf, size_t len, int64_t t_ms)
{
  int64_t secs = t_ms / 1000;
  int ms = (int) (t_ms % 1000);
  int64_t days = secs / 86400;
  int rem = (int) (secs % 86400);
  /* civil from days (H. Hinnant) */
  int64_t z = days + 719468;
  int64_t era = z / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = (int64_t) yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;

  y += m <= 2;
  snprintf (buf, len, "%04" PRId64 "-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d,
            rem / 3600, rem / 60 % 60, rem % 60, ms);
}

static uint32_t
pick_user (Rng *r)
{
  if (below (r, 3) == 0)
    return below (r, N_HOT);
  return below (r, N_USERS);
}

/* One call; returns its length. */
static int
write_call (char *out, Rng *r, uint64_t n, uint64_t total_est)
{
  char ts[40], sent[40], recv[40], user[32], anon[40], props[512], context[1024];
  uint32_t u = pick_user (r);
  uint32_t roll = below (r, 100);
  uint32_t channel = u % 10 < 6 ? 0 : u % 10 < 8 ? 1 : u % 10 < 9 ? 2 : 3; /* web ios android server */
  int64_t base = ((int64_t) START_DAYS * 86400 + (int64_t) ((double) n / (double) total_est * N_DAYS * 86400)) * 1000;
  int64_t t = base + (int64_t) below (r, 36 * 3600 * 1000) - 18 * 3600 * 1000;
  const char *type = "track";
  const char *user_json;
  int with_anon = 1;
  int len;

  if (t < (int64_t) START_DAYS * 86400 * 1000)
    t = (int64_t) START_DAYS * 86400 * 1000 + below (r, 3600 * 1000);
  iso_time (ts, sizeof ts, t);
  iso_time (sent, sizeof sent, t + 40 + below (r, 200));
  iso_time (recv, sizeof recv, t + 300 + below (r, 900));
  snprintf (user, sizeof user, "\"user_%06u\"", u);
  snprintf (anon, sizeof anon, "anon-%08x-%u", (unsigned) (u * 2654435761u), (unsigned) (n % 2 && u % 3 == 0));
  user_json = user;

  if (roll < 4)
    type = "identify";
  else if (roll < 6)
    {
      /* a visitor who never logs in */
      snprintf (anon, sizeof anon, "visitor-%08x", (unsigned) below (r, 400000));
      user_json = "null";
      channel = 0;
      type = "page";
    }
  else if (roll < 17)
    type = channel == 0 ? "page" : "screen";
  else if (roll < 20 && channel != 0 && channel != 3)
    type = "screen";

  if (strcmp (type, "identify") != 0 && user_json == user && channel != 3 && below (r, 10) < 3)
    user_json = below (r, 4) == 0 ? "\"\"" : "null";   /* before login */
  if (channel == 3)
    with_anon = 0;

  switch (channel)
    {
    case 0:
      {
        uint32_t p = below (r, N_OF (pages));
        snprintf (context, sizeof context,
                  "{\"library\":{\"name\":\"analytics.js\",\"version\":\"next-1.64.0\"},"
                  "\"page\":{\"path\":\"%s\",\"referrer\":\"https://www.google.com/\",\"search\":\"\","
                  "\"title\":\"%s\",\"url\":\"https://app.example.com%s\"},"
                  "\"userAgent\":\"%s\",\"locale\":\"en-US\",\"ip\":\"203.0.113.%u\","
                  "\"timezone\":\"Europe/Berlin\"}",
                  pages[p], titles[p], pages[p], agents[u % N_OF (agents)], u % 250);
      }
      break;
    case 1:
    case 2:
      snprintf (context, sizeof context,
                "{\"library\":{\"name\":\"%s\",\"version\":\"4.1.%u\"},"
                "\"device\":{\"id\":\"%08X-%04X\",\"manufacturer\":\"%s\",\"model\":\"%s\",\"type\":\"%s\"},"
                "\"os\":{\"name\":\"%s\",\"version\":\"%u.%u\"},\"app\":{\"name\":\"Example\",\"version\":\"3.%u.0\","
                "\"build\":\"%u\"},\"network\":{\"wifi\":%s},\"locale\":\"en-US\",\"ip\":\"198.51.100.%u\"}",
                channel == 1 ? "analytics-ios" : "analytics-android", u % 9,
                u * 2654435761u, u % 65536, channel == 1 ? "Apple" : "Google",
                channel == 1 ? "iPhone15,2" : "Pixel 8", channel == 1 ? "ios" : "android",
                channel == 1 ? "iOS" : "Android", channel == 1 ? 17 : 14, u % 5, u % 20, 1000 + u % 500,
                u % 2 ? "true" : "false", u % 250);
      break;
    default:
      snprintf (context, sizeof context,
                "{\"library\":{\"name\":\"analytics-node\",\"version\":\"2.1.0\"}}");
      break;
    }

  if (strcmp (type, "identify") == 0)
    {
      len = snprintf (out, LINE_MAX_BYTES,
                      "{\"type\":\"identify\",\"messageId\":\"ajs-next-%016" PRIx64 "\",\"userId\":%s,"
                      "\"anonymousId\":\"%s\",\"traits\":{\"email\":\"user%06u@example.com\","
                      "\"name\":\"User %u\",\"plan\":\"%s\",\"createdAt\":\"2024-%02u-%02uT08:00:00.000Z\","
                      "\"company\":{\"id\":\"acct-%u\",\"name\":\"Account %u\"}},\"context\":%s,"
                      "\"integrations\":{},\"originalTimestamp\":\"%s\",\"sentAt\":\"%s\",\"receivedAt\":\"%s\","
                      "\"timestamp\":\"%s\",\"version\":2}\n",
                      rng_next (r), user, anon, u, u, plans[u % N_OF (plans)], 1 + u % 12, 1 + u % 28,
                      u / 20, u / 20, context, ts, sent, recv, ts);
      return len;
    }

  {
    uint32_t k = 1 + below (r, 4);
    int pl = snprintf (props, sizeof props, "{\"plan\":\"%s\"", plans[u % N_OF (plans)]);
    if (k > 1)
      pl += snprintf (props + pl, sizeof props - pl, ",\"country\":\"%s\"", countries[below (r, N_OF (countries))]);
    if (k > 2)
      pl += snprintf (props + pl, sizeof props - pl, ",\"item_id\":\"sku-%u\"", below (r, 5000));
    if (k > 3)
      pl += snprintf (props + pl, sizeof props - pl, ",\"value\":%u.%02u", below (r, 500), below (r, 100));
    snprintf (props + pl, sizeof props - pl, "}");
  }

  if (strcmp (type, "track") == 0)
    len = snprintf (out, LINE_MAX_BYTES,
                    "{\"type\":\"track\",\"messageId\":\"ajs-next-%016" PRIx64 "\",\"userId\":%s,%s%s%s"
                    "\"event\":\"%s\",\"properties\":%s,\"context\":%s,\"integrations\":{},"
                    "\"originalTimestamp\":\"%s\",\"sentAt\":\"%s\",\"receivedAt\":\"%s\",\"timestamp\":\"%s\","
                    "\"version\":2}\n",
                    rng_next (r), user_json, with_anon ? "\"anonymousId\":\"" : "", with_anon ? anon : "",
                    with_anon ? "\"," : "", events[below (r, N_OF (events))], props, context,
                    ts, sent, recv, ts);
  else
    len = snprintf (out, LINE_MAX_BYTES,
                    "{\"type\":\"%s\",\"messageId\":\"ajs-next-%016" PRIx64 "\",\"userId\":%s,"
                    "\"anonymousId\":\"%s\",\"name\":\"%s\",\"properties\":%s,\"context\":%s,\"integrations\":{},"
                    "\"originalTimestamp\":\"%s\",\"sentAt\":\"%s\",\"receivedAt\":\"%s\",\"timestamp\":\"%s\","
                    "\"version\":2}\n",
                    type, rng_next (r), user_json, anon,
                    strcmp (type, "page") == 0 ? titles[below (r, N_OF (titles))] : screens[below (r, N_OF (screens))],
                    props, context, ts, sent, recv, ts);
  return len;
}

int
main (int argc, char **argv)
{
  uint64_t target, seed, written = 0, n = 0;
  int duplicates = 0;
  FILE *out;
  Rng r;
  static char line[LINE_MAX_BYTES];
  int first_len = 0;

  if (argc < 4 || argc > 5 || (argc == 5 && strcmp (argv[4], "--duplicates") != 0))
    {
      fprintf (stderr, "usage: gen-segment BYTES SEED OUTPUT [--duplicates]\n");
      return 2;
    }
  target = strtoull (argv[1], NULL, 10);
  seed = strtoull (argv[2], NULL, 10);
  duplicates = argc == 5;
  out = strcmp (argv[3], "-") == 0 ? stdout : fopen (argv[3], "wb");
  if (out == NULL)
    {
      perror (argv[3]);
      return 1;
    }
  setvbuf (out, NULL, _IOFBF, 8u << 20);
  for (int i = 0; i < 4; i++)
    r.s[i] = splitmix64 (&seed);

  while (written < target)
    {
      int len;
      if (duplicates && first_len > 0)
        len = first_len;
      else
        len = write_call (line, &r, n, target / 720 + 1);
      if (len <= 0 || len >= LINE_MAX_BYTES)
        {
          fprintf (stderr, "gen-segment: line %" PRIu64 " too long\n", n + 1);
          return 1;
        }
      if (first_len == 0)
        first_len = len;
      if (fwrite (line, 1, (size_t) len, out) != (size_t) len)
        {
          perror ("write");
          return 1;
        }
      written += (uint64_t) len;
      n++;
    }
  if (fclose (out) != 0)
    {
      perror ("close");
      return 1;
    }
  fprintf (stderr, "gen-segment: %" PRIu64 " lines, %" PRIu64 " bytes\n", n, written);
  return 0;
}

/* ts-timestamp.c — a hand-written fast path for the timestamp forms exports use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-timestamp"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ts-timestamp.h"

#define USEC_PER_SEC G_GINT64_CONSTANT (1000000)

static const struct {
  TsTimeFormat format;
  const char *name;
} format_names[] = {
  { TS_TIME_FORMAT_UNKNOWN, "unknown" },
  { TS_TIME_FORMAT_ISO8601, "iso8601" },
  { TS_TIME_FORMAT_DMY, "dmy" },
  { TS_TIME_FORMAT_MDY, "mdy" },
  { TS_TIME_FORMAT_EPOCH_S, "epoch_s" },
  { TS_TIME_FORMAT_EPOCH_MS, "epoch_ms" },
  { TS_TIME_FORMAT_EPOCH_US, "epoch_us" },
};

const char *
ts_time_format_to_string (TsTimeFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;
  return "unknown";
}

TsTimeFormat
ts_time_format_from_string (const char *str)
{
  if (str == NULL)
    return TS_TIME_FORMAT_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (format_names[i].name, str) == 0)
      return format_names[i].format;
  if (g_ascii_strcasecmp (str, "iso") == 0)
    return TS_TIME_FORMAT_ISO8601;
  return TS_TIME_FORMAT_UNKNOWN;
}

const char *
ts_time_format_describe (TsTimeFormat format)
{
  switch (format)
    {
    case TS_TIME_FORMAT_ISO8601: return _("ISO 8601");
    case TS_TIME_FORMAT_DMY: return _("day/month/year");
    case TS_TIME_FORMAT_MDY: return _("month/day/year");
    case TS_TIME_FORMAT_EPOCH_S: return _("Unix epoch seconds");
    case TS_TIME_FORMAT_EPOCH_MS: return _("Unix epoch milliseconds");
    case TS_TIME_FORMAT_EPOCH_US: return _("Unix epoch microseconds");
    case TS_TIME_FORMAT_UNKNOWN:
    default: return _("unknown");
    }
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static inline gint64
days_from_civil (gint64 y,
                 unsigned m,
                 unsigned d)
{
  gint64 era;
  unsigned yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (unsigned) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

static inline gboolean
valid_date (int y, int m, int d)
{
  static const guint8 mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int max;

  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
    return FALSE;
  max = mdays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    max = 29;
  return d <= max;
}

TsTime
ts_timestamp_from_civil (int year,
                         int month,
                         int day,
                         int hour,
                         int minute,
                         int second,
                         int microsecond)
{
  gint64 days = days_from_civil (year, (unsigned) month, (unsigned) day);

  return ((days * 86400 + hour * 3600 + minute * 60 + second) * USEC_PER_SEC) + microsecond;
}

char *
ts_timestamp_format_iso (TsTime time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (time == TS_TIME_NULL)
    return NULL;

  {
    /* floor, not truncation: -0.5 s is 23:59:59.5 of the day before */
    gint64 secs = time / USEC_PER_SEC;
    gint64 us = time % USEC_PER_SEC;
    if (us < 0)
      {
        us += USEC_PER_SEC;
        secs--;
      }
    dt = g_date_time_new_from_unix_utc (secs);
    if (dt == NULL)
      return NULL;
    if (us == 0)
      return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
    {
      g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
      return g_strdup_printf ("%s.%06" G_GINT64_FORMAT "Z", base, us);
    }
  }
}

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

static inline gboolean
read_digits (Cursor *c,
             guint   n,
             int    *out)
{
  int v = 0;

  if ((gsize) (c->end - c->p) < n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      unsigned d = (unsigned) (c->p[i] - '0');
      if (d > 9)
        return FALSE;
      v = v * 10 + (int) d;
    }
  c->p += n;
  *out = v;
  return TRUE;
}

/* 1 or 2 digits */
static inline gboolean
read_small (Cursor *c,
            int    *out)
{
  int v = 0;
  guint n = 0;

  while (c->p < c->end && n < 2 && g_ascii_isdigit (*c->p))
    {
      v = v * 10 + (*c->p - '0');
      c->p++;
      n++;
    }
  *out = v;
  return n > 0;
}

static inline gboolean
accept (Cursor *c,
        char    ch)
{
  if (c->p < c->end && *c->p == ch)
    {
      c->p++;
      return TRUE;
    }
  return FALSE;
}

/* [T| ]HH:MM[:SS[.fff…]] [AM|PM], then [Z|±HH[:]MM|±HH| UTC] */
static gboolean
read_time_and_zone (Cursor   *c,
                    int      *hour,
                    int      *minute,
                    int      *second,
                    int      *usec,
                    gboolean *has_offset,
                    int      *offset_sec)
{
  *hour = *minute = *second = *usec = 0;
  *has_offset = FALSE;
  *offset_sec = 0;

  if (c->p == c->end)
    return TRUE;

  if (*c->p == 'T' || *c->p == 't' || *c->p == ' ')
    {
      c->p++;
      while (c->p < c->end && *c->p == ' ')
        c->p++;
      if (c->p == c->end)
        return TRUE;
      if (!read_small (c, hour) || !accept (c, ':') || !read_digits (c, 2, minute))
        return FALSE;
      if (accept (c, ':'))
        {
          if (!read_digits (c, 2, second))
            return FALSE;
          if (c->p < c->end && (*c->p == '.' || *c->p == ','))
            {
              int scale = 100000;
              c->p++;
              if (c->p == c->end || !g_ascii_isdigit (*c->p))
                return FALSE;
              while (c->p < c->end && g_ascii_isdigit (*c->p))
                {
                  *usec += (*c->p - '0') * scale;
                  scale /= 10;
                  c->p++;
                }
            }
        }
      /* 12-hour clock, as US spreadsheets write it */
      {
        const char *save = c->p;
        while (c->p < c->end && *c->p == ' ')
          c->p++;
        if (c->end - c->p >= 2 &&
            (g_ascii_toupper (c->p[0]) == 'A' || g_ascii_toupper (c->p[0]) == 'P') &&
            g_ascii_toupper (c->p[1]) == 'M')
          {
            gboolean pm = g_ascii_toupper (c->p[0]) == 'P';
            if (*hour < 1 || *hour > 12)
              return FALSE;
            if (*hour == 12)
              *hour = 0;
            if (pm)
              *hour += 12;
            c->p += 2;
          }
        else
          c->p = save;
      }
      if (*hour > 23 || *minute > 59 || *second > 60)
        return FALSE;
      if (*second == 60)
        *second = 59;   /* leap second: clamp */
    }
  else
    return FALSE;

  while (c->p < c->end && *c->p == ' ')
    c->p++;
  if (c->p == c->end)
    return TRUE;

  if (*c->p == 'Z' || *c->p == 'z')
    {
      c->p++;
      *has_offset = TRUE;
      return c->p == c->end;
    }
  if (c->end - c->p == 3 && strncmp (c->p, "UTC", 3) == 0)
    {
      c->p += 3;
      *has_offset = TRUE;
      return TRUE;
    }
  if (*c->p == '+' || *c->p == '-')
    {
      int sign = *c->p == '-' ? -1 : 1;
      int oh = 0, om = 0;
      c->p++;
      if (!read_digits (c, 2, &oh))
        return FALSE;
      accept (c, ':');
      if (c->p < c->end && !read_digits (c, 2, &om))
        return FALSE;
      if (oh > 23 || om > 59)
        return FALSE;
      *has_offset = TRUE;
      *offset_sec = sign * (oh * 3600 + om * 60);
      return c->p == c->end;
    }
  return FALSE;
}

static gboolean
finish (int        year,
        int        month,
        int        day,
        int        hour,
        int        minute,
        int        second,
        int        usec,
        gboolean   has_offset,
        int        offset_sec,
        GTimeZone *zone,
        TsTime    *out_time)
{
  if (!valid_date (year, month, day))
    return FALSE;

  if (!has_offset && zone != NULL)
    {
      /* A local wall-clock time in the source's zone. */
      g_autoptr(GDateTime) dt = g_date_time_new (zone, year, month, day, hour, minute, second);
      if (dt == NULL)
        return FALSE;
      *out_time = g_date_time_to_unix (dt) * USEC_PER_SEC + usec;
      return TRUE;
    }

  *out_time = ts_timestamp_from_civil (year, month, day, hour, minute, second, usec)
              - (gint64) offset_sec * USEC_PER_SEC;
  return TRUE;
}

static gboolean
parse_iso (Cursor    *c,
           GTimeZone *zone,
           TsTime    *out_time)
{
  int y, m, d, hh, mm, ss, us, off;
  gboolean has_off;

  if (!read_digits (c, 4, &y) || !accept (c, '-') || !read_digits (c, 2, &m) ||
      !accept (c, '-') || !read_digits (c, 2, &d))
    return FALSE;
  /* A date-only value is a calendar day: never shift it by a zone. */
  if (c->p == c->end)
    return finish (y, m, d, 0, 0, 0, 0, TRUE, 0, NULL, out_time);
  if (!read_time_and_zone (c, &hh, &mm, &ss, &us, &has_off, &off) || c->p != c->end)
    return FALSE;
  return finish (y, m, d, hh, mm, ss, us, has_off, off, zone, out_time);
}

static gboolean
parse_dmy_mdy (Cursor    *c,
               gboolean   day_first,
               GTimeZone *zone,
               TsTime    *out_time)
{
  int a, b, y, hh, mm, ss, us, off;
  gboolean has_off;
  char sep;

  if (!read_small (c, &a) || c->p == c->end)
    return FALSE;
  sep = *c->p;
  if (sep != '.' && sep != '/' && sep != '-')
    return FALSE;
  c->p++;
  if (!read_small (c, &b) || !accept (c, sep))
    return FALSE;
  {
    const char *start = c->p;
    while (c->p < c->end && g_ascii_isdigit (*c->p))
      c->p++;
    if (c->p - start == 4)
      y = (int) g_ascii_strtoll (start, NULL, 10);
    else if (c->p - start == 2)
      y = 2000 + (start[0] - '0') * 10 + (start[1] - '0');
    else
      return FALSE;
  }
  if (c->p == c->end)
    return finish (y, day_first ? b : a, day_first ? a : b, 0, 0, 0, 0, TRUE, 0, NULL, out_time);
  if (!read_time_and_zone (c, &hh, &mm, &ss, &us, &has_off, &off) || c->p != c->end)
    return FALSE;
  if (day_first)
    return finish (y, b, a, hh, mm, ss, us, has_off, off, zone, out_time);
  return finish (y, a, b, hh, mm, ss, us, has_off, off, zone, out_time);
}

static gboolean
parse_epoch (Cursor *c,
             gint64  scale,
             TsTime *out_time)
{
  gint64 v = 0;
  gboolean neg = FALSE;
  gint64 frac_us = 0;

  if (accept (c, '-'))
    neg = TRUE;
  if (c->p == c->end)
    return FALSE;
  while (c->p < c->end && g_ascii_isdigit (*c->p))
    {
      if (v > G_MAXINT64 / 100)
        return FALSE;
      v = v * 10 + (*c->p - '0');
      c->p++;
    }
  if (c->p < c->end && *c->p == '.')
    {
      gint64 s = scale / 10;
      c->p++;
      while (c->p < c->end && g_ascii_isdigit (*c->p))
        {
          frac_us += (*c->p - '0') * s;
          s /= 10;
          c->p++;
        }
    }
  if (c->p != c->end)
    return FALSE;
  if (v > G_MAXINT64 / scale)
    return FALSE;
  *out_time = (neg ? -1 : 1) * (v * scale + frac_us);
  return TRUE;
}

gboolean
ts_timestamp_parse (const char   *str,
                    gsize         len,
                    TsTimeFormat  format,
                    GTimeZone    *zone,
                    TsTime       *out_time)
{
  Cursor c;

  g_return_val_if_fail (out_time != NULL, FALSE);

  while (len > 0 && (str[0] == ' ' || str[0] == '\t'))
    str++, len--;
  while (len > 0 && (str[len - 1] == ' ' || str[len - 1] == '\t'))
    len--;
  if (len == 0)
    return FALSE;

  c.p = str;
  c.end = str + len;

  switch (format)
    {
    case TS_TIME_FORMAT_ISO8601:
      return parse_iso (&c, zone, out_time);
    case TS_TIME_FORMAT_DMY:
      return parse_dmy_mdy (&c, TRUE, zone, out_time);
    case TS_TIME_FORMAT_MDY:
      return parse_dmy_mdy (&c, FALSE, zone, out_time);
    case TS_TIME_FORMAT_EPOCH_S:
      return parse_epoch (&c, USEC_PER_SEC, out_time);
    case TS_TIME_FORMAT_EPOCH_MS:
      return parse_epoch (&c, 1000, out_time);
    case TS_TIME_FORMAT_EPOCH_US:
      return parse_epoch (&c, 1, out_time);
    case TS_TIME_FORMAT_UNKNOWN:
    default:
      if (parse_iso (&c, zone, out_time))
        return TRUE;
      return FALSE;
    }
}

void
ts_time_guess_add (TsTimeGuess *guess,
                   const char  *str,
                   gsize        len)
{
  Cursor c = { str, str + len };
  gboolean all_digits = len > 0;
  TsTime t;
  int a, b;

  while (c.p < c.end && *c.p == ' ')
    c.p++;
  if (c.p == c.end)
    return;

  guess->n_samples++;

  {
    guint dots = 0;
    for (const char *p = c.p; p < c.end; p++)
      if (!g_ascii_isdigit (*p) && !(*p == '.' && p > c.p && ++dots == 1))
        {
          all_digits = FALSE;
          break;
        }
  }

  if (all_digits)
    {
      gint64 iv = 0;
      for (const char *p = c.p; p < c.end && g_ascii_isdigit (*p); p++)
        iv = iv < G_MAXINT64 / 10 ? iv * 10 + (*p - '0') : iv;
      if (iv >= G_GINT64_CONSTANT (100000000) && iv < G_GINT64_CONSTANT (100000000000))
        guess->n_epoch_s++;
      else if (iv >= G_GINT64_CONSTANT (100000000000) && iv < G_GINT64_CONSTANT (100000000000000))
        guess->n_epoch_ms++;
      else if (iv >= G_GINT64_CONSTANT (100000000000000) && iv < G_GINT64_CONSTANT (100000000000000000))
        guess->n_epoch_us++;
      else
        guess->n_other++;
      return;
    }

  if (ts_timestamp_parse (c.p, c.end - c.p, TS_TIME_FORMAT_ISO8601, NULL, &t))
    {
      guess->n_iso++;
      return;
    }

  if (read_small (&c, &a) && c.p < c.end && (*c.p == '.' || *c.p == '/' || *c.p == '-'))
    {
      char sep = *c.p++;
      if (read_small (&c, &b) && accept (&c, sep))
        {
          Cursor rest = { str, str + len };
          if (ts_timestamp_parse (rest.p, len, TS_TIME_FORMAT_DMY, NULL, &t) ||
              ts_timestamp_parse (rest.p, len, TS_TIME_FORMAT_MDY, NULL, &t))
            {
              guess->n_slash_or_dot++;
              if (sep == '.')
                guess->n_dot++;
              guess->max_first_part = MAX (guess->max_first_part, (guint) a);
              guess->max_second_part = MAX (guess->max_second_part, (guint) b);
              return;
            }
        }
    }

  guess->n_other++;
}

TsTimeFormat
ts_time_guess_decide (const TsTimeGuess *guess,
                      gboolean          *ambiguous)
{
  guint best;

  if (ambiguous)
    *ambiguous = FALSE;
  if (guess->n_samples == 0)
    return TS_TIME_FORMAT_UNKNOWN;

  best = MAX (MAX (guess->n_iso, guess->n_slash_or_dot),
              MAX (guess->n_epoch_s, MAX (guess->n_epoch_ms, guess->n_epoch_us)));
  /* Most values of the column must agree. */
  if (best * 10 < guess->n_samples * 8)
    return TS_TIME_FORMAT_UNKNOWN;

  if (best == guess->n_iso)
    return TS_TIME_FORMAT_ISO8601;
  if (best == guess->n_epoch_s)
    return TS_TIME_FORMAT_EPOCH_S;
  if (best == guess->n_epoch_ms)
    return TS_TIME_FORMAT_EPOCH_MS;
  if (best == guess->n_epoch_us)
    return TS_TIME_FORMAT_EPOCH_US;

  /* dd.mm.yyyy or nn/nn/yyyy: a first part above 12 can only be a day,
   * a second part above 12 only a day. */
  if (guess->max_first_part > 12)
    return TS_TIME_FORMAT_DMY;
  if (guess->max_second_part > 12)
    return TS_TIME_FORMAT_MDY;
  if (ambiguous)
    *ambiguous = TRUE;
  return guess->n_dot * 2 >= guess->n_slash_or_dot ? TS_TIME_FORMAT_DMY : TS_TIME_FORMAT_MDY;
}

/* test-timestamp.c — timestamp parsing, format guessing and ISO output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <touchstone.h>

#define USEC G_GINT64_CONSTANT (1000000)
#define HOUR (3600 * USEC)

static TsTime
parse_ok (const char   *str,
          TsTimeFormat  format,
          GTimeZone    *zone)
{
  TsTime t = 0;

  if (!ts_timestamp_parse (str, strlen (str), format, zone, &t))
    g_error ("“%s” (%s) was not accepted", str, ts_time_format_to_string (format));
  return t;
}

static void
assert_parse (const char   *str,
              TsTimeFormat  format,
              GTimeZone    *zone,
              TsTime        expected)
{
  TsTime t = parse_ok (str, format, zone);

  if (t != expected)
    {
      g_autofree char *got = ts_timestamp_format_iso (t);
      g_autofree char *want = ts_timestamp_format_iso (expected);

      g_test_message ("“%s” (%s): got %s, expected %s", str, ts_time_format_to_string (format),
                      got, want);
    }
  g_assert_cmpint (t, ==, expected);
}

static void
assert_rejected (const char   *str,
                 TsTimeFormat  format)
{
  TsTime t = 0;

  if (ts_timestamp_parse (str, strlen (str), format, NULL, &t))
    {
      g_autofree char *got = ts_timestamp_format_iso (t);
      g_error ("“%s” (%s) was accepted as %s", str, ts_time_format_to_string (format), got);
    }
}

static GTimeZone *
zone_new (const char *id)
{
  GTimeZone *zone = g_time_zone_new_identifier (id);

  if (zone == NULL)
    g_error ("time zone %s is not installed (tzdata)", id);
  return zone;
}

static void
test_civil (void)
{
  g_assert_cmpint (ts_timestamp_from_civil (1970, 1, 1, 0, 0, 0, 0), ==, 0);
  g_assert_cmpint (ts_timestamp_from_civil (2000, 3, 1, 0, 0, 0, 0), ==,
                   G_GINT64_CONSTANT (951868800) * USEC);
  g_assert_cmpint (ts_timestamp_from_civil (2023, 11, 14, 22, 13, 20, 0), ==,
                   G_GINT64_CONSTANT (1700000000) * USEC);
  g_assert_cmpint (ts_timestamp_from_civil (1969, 12, 31, 23, 59, 59, 0), ==, -USEC);
}

static void
test_iso_zones (void)
{
  const TsTime base = ts_timestamp_from_civil (2025, 6, 1, 10, 22, 31, 0);

  assert_parse ("2025-06-01T10:22:31Z", TS_TIME_FORMAT_ISO8601, NULL, base);
  assert_parse ("2025-06-01T10:22:31z", TS_TIME_FORMAT_ISO8601, NULL, base);
  assert_parse ("2025-06-01T10:22:31+00:00", TS_TIME_FORMAT_ISO8601, NULL, base);
  assert_parse ("2025-06-01T10:22:31+0000", TS_TIME_FORMAT_ISO8601, NULL, base);
  assert_parse ("2025-06-01T10:22:31-05:00", TS_TIME_FORMAT_ISO8601, NULL, base + 5 * HOUR);
  assert_parse ("2025-06-01T10:22:31-0500", TS_TIME_FORMAT_ISO8601, NULL, base + 5 * HOUR);
  assert_parse ("2025-06-01T10:22:31+05:30", TS_TIME_FORMAT_ISO8601, NULL,
                base - 5 * HOUR - 30 * 60 * USEC);
  assert_parse ("2025-06-01T10:22:31+02", TS_TIME_FORMAT_ISO8601, NULL, base - 2 * HOUR);
  assert_parse ("2025-06-01 10:22:31 UTC", TS_TIME_FORMAT_ISO8601, NULL, base);
  /* an explicit offset wins over the source's zone */
  {
    g_autoptr(GTimeZone) berlin = zone_new ("Europe/Berlin");
    assert_parse ("2025-06-01T10:22:31Z", TS_TIME_FORMAT_ISO8601, berlin, base);
    assert_parse ("2025-06-01T10:22:31-05:00", TS_TIME_FORMAT_ISO8601, berlin, base + 5 * HOUR);
  }
  /* UNKNOWN reads ISO */
  assert_parse ("2025-06-01T10:22:31Z", TS_TIME_FORMAT_UNKNOWN, NULL, base);
}

static void
test_iso_fractions (void)
{
  const TsTime base = ts_timestamp_from_civil (2025, 6, 1, 10, 22, 31, 0);

  assert_parse ("2025-06-01T10:22:31.000Z", TS_TIME_FORMAT_ISO8601, NULL, base);
  assert_parse ("2025-06-01T10:22:31.123456Z", TS_TIME_FORMAT_ISO8601, NULL, base + 123456);
  assert_parse ("2025-06-01T10:22:31.123Z", TS_TIME_FORMAT_ISO8601, NULL, base + 123000);
  assert_parse ("2025-06-01T10:22:31.5+01:00", TS_TIME_FORMAT_ISO8601, NULL,
                base + 500000 - HOUR);
  assert_parse ("2025-06-01T10:22:31,25Z", TS_TIME_FORMAT_ISO8601, NULL, base + 250000);
  assert_rejected ("2025-06-01T10:22:31.Z", TS_TIME_FORMAT_ISO8601);
}

static void
test_iso_space_separator (void)
{
  assert_parse ("2025-06-01 10:22:31", TS_TIME_FORMAT_ISO8601, NULL,
                ts_timestamp_from_civil (2025, 6, 1, 10, 22, 31, 0));
  assert_parse ("2025-06-01 10:22", TS_TIME_FORMAT_ISO8601, NULL,
                ts_timestamp_from_civil (2025, 6, 1, 10, 22, 0, 0));
  assert_parse ("2025-06-01 9:05", TS_TIME_FORMAT_ISO8601, NULL,
                ts_timestamp_from_civil (2025, 6, 1, 9, 5, 0, 0));
  assert_parse ("  2025-06-01T10:22:31Z\t", TS_TIME_FORMAT_ISO8601, NULL,
                ts_timestamp_from_civil (2025, 6, 1, 10, 22, 31, 0));
}

static void
test_date_only (void)
{
  const TsTime midnight = ts_timestamp_from_civil (2025, 6, 1, 0, 0, 0, 0);
  const TsTime winter = ts_timestamp_from_civil (2023, 1, 15, 0, 0, 0, 0);
  g_autoptr(GTimeZone) berlin = zone_new ("Europe/Berlin");
  g_autoptr(GTimeZone) new_york = zone_new ("America/New_York");
  g_autoptr(GTimeZone) tokyo = zone_new ("Asia/Tokyo");

  assert_parse ("2025-06-01", TS_TIME_FORMAT_ISO8601, NULL, midnight);
  /* a calendar day: never shifted by the source's zone */
  assert_parse ("2025-06-01", TS_TIME_FORMAT_ISO8601, berlin, midnight);
  assert_parse ("2025-06-01", TS_TIME_FORMAT_ISO8601, new_york, midnight);
  assert_parse ("2025-06-01", TS_TIME_FORMAT_ISO8601, tokyo, midnight);
  assert_parse ("15.01.2023", TS_TIME_FORMAT_DMY, berlin, winter);
  assert_parse ("01/15/2023", TS_TIME_FORMAT_MDY, new_york, winter);
  assert_parse ("15.01.2023", TS_TIME_FORMAT_DMY, NULL, winter);
}

static void
test_dmy (void)
{
  assert_parse ("15.01.2023 10:22", TS_TIME_FORMAT_DMY, NULL,
                ts_timestamp_from_civil (2023, 1, 15, 10, 22, 0, 0));
  assert_parse ("15.01.2023 10:22:05", TS_TIME_FORMAT_DMY, NULL,
                ts_timestamp_from_civil (2023, 1, 15, 10, 22, 5, 0));
  assert_parse ("5.1.2023 7:03", TS_TIME_FORMAT_DMY, NULL,
                ts_timestamp_from_civil (2023, 1, 5, 7, 3, 0, 0));
  assert_parse ("15/01/2023", TS_TIME_FORMAT_DMY, NULL,
                ts_timestamp_from_civil (2023, 1, 15, 0, 0, 0, 0));
  assert_parse ("15-01-23", TS_TIME_FORMAT_DMY, NULL,
                ts_timestamp_from_civil (2023, 1, 15, 0, 0, 0, 0));
  /* the separators must agree */
  assert_rejected ("15.01/2023", TS_TIME_FORMAT_DMY);
  assert_rejected ("15.13.2023", TS_TIME_FORMAT_DMY);
  assert_rejected ("30.02.2023", TS_TIME_FORMAT_DMY);
}

static void
test_mdy (void)
{
  assert_parse ("01/15/2023 10:22 AM", TS_TIME_FORMAT_MDY, NULL,
                ts_timestamp_from_civil (2023, 1, 15, 10, 22, 0, 0));
  assert_parse ("01/15/2023 10:22 PM", TS_TIME_FORMAT_MDY, NULL,
                ts_timestamp_from_civil (2023, 1, 15, 22, 22, 0, 0));
  assert_parse ("1/15/2023 12:05 AM", TS_TIME_FORMAT_MDY, NULL,
                ts_timestamp_from_civil (2023, 1, 15, 0, 5, 0, 0));
  assert_parse ("1/15/2023 12:05 PM", TS_TIME_FORMAT_MDY, NULL,
                ts_timestamp_from_civil (2023, 1, 15, 12, 5, 0, 0));
  assert_parse ("01/15/2023 3:04:05 pm", TS_TIME_FORMAT_MDY, NULL,
                ts_timestamp_from_civil (2023, 1, 15, 15, 4, 5, 0));
  assert_parse ("01/15/2023 10:22AM", TS_TIME_FORMAT_MDY, NULL,
                ts_timestamp_from_civil (2023, 1, 15, 10, 22, 0, 0));
  assert_parse ("01/15/2023 22:22", TS_TIME_FORMAT_MDY, NULL,
                ts_timestamp_from_civil (2023, 1, 15, 22, 22, 0, 0));
  /* a 12-hour clock has no hour 0 or 13 */
  assert_rejected ("01/15/2023 13:22 PM", TS_TIME_FORMAT_MDY);
  assert_rejected ("01/15/2023 0:22 AM", TS_TIME_FORMAT_MDY);
  assert_rejected ("15/01/2023 10:22 AM", TS_TIME_FORMAT_MDY);
}

static void
test_epoch (void)
{
  const TsTime t = G_GINT64_CONSTANT (1700000000) * USEC;

  assert_parse ("1700000000", TS_TIME_FORMAT_EPOCH_S, NULL, t);
  assert_parse ("1700000000.5", TS_TIME_FORMAT_EPOCH_S, NULL, t + 500000);
  assert_parse ("-1", TS_TIME_FORMAT_EPOCH_S, NULL, -USEC);
  assert_parse ("0", TS_TIME_FORMAT_EPOCH_S, NULL, 0);
  assert_parse ("1700000000123", TS_TIME_FORMAT_EPOCH_MS, NULL, t + 123000);
  assert_parse ("1700000000123.5", TS_TIME_FORMAT_EPOCH_MS, NULL, t + 123500);
  assert_parse ("1700000000123456", TS_TIME_FORMAT_EPOCH_US, NULL, t + 123456);
  assert_parse (" 1700000000 ", TS_TIME_FORMAT_EPOCH_S, NULL, t);
  assert_rejected ("1700000000x", TS_TIME_FORMAT_EPOCH_S);
  assert_rejected ("", TS_TIME_FORMAT_EPOCH_S);
  assert_rejected ("-", TS_TIME_FORMAT_EPOCH_MS);
  assert_rejected ("99999999999999999999999", TS_TIME_FORMAT_EPOCH_US);
}

static void
test_invalid (void)
{
  assert_rejected ("2023-02-30", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("2023-02-29", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("2023-13-01", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("2023-00-10", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("2023-04-31T10:00:00Z", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("2023-01-01T25:00", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("2023-01-01 25:00", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("2023-01-01T10:60", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("2023-01-01T10:00:00+25:00", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("2023-01-01T10:00:00Zjunk", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("2023-01-01X10:00", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("2023-1-1", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("yesterday", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("   ", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("25:00", TS_TIME_FORMAT_ISO8601);
  assert_rejected ("31.04.2023 10:00", TS_TIME_FORMAT_DMY);
  assert_rejected ("02/30/2023", TS_TIME_FORMAT_MDY);
  assert_rejected ("01/15/2023 25:00", TS_TIME_FORMAT_MDY);

  /* but leap days are real */
  assert_parse ("2024-02-29", TS_TIME_FORMAT_ISO8601, NULL,
                ts_timestamp_from_civil (2024, 2, 29, 0, 0, 0, 0));
  assert_parse ("2000-02-29", TS_TIME_FORMAT_ISO8601, NULL,
                ts_timestamp_from_civil (2000, 2, 29, 0, 0, 0, 0));
  assert_rejected ("1900-02-29", TS_TIME_FORMAT_ISO8601);
}

static void
test_local_zone (void)
{
  g_autoptr(GTimeZone) berlin = zone_new ("Europe/Berlin");
  g_autoptr(GTimeZone) new_york = zone_new ("America/New_York");

  /* summer: CEST, UTC+2 */
  assert_parse ("2023-07-01T12:00:00", TS_TIME_FORMAT_ISO8601, berlin,
                ts_timestamp_from_civil (2023, 7, 1, 10, 0, 0, 0));
  /* winter: CET, UTC+1 */
  assert_parse ("2023-01-15 12:00", TS_TIME_FORMAT_ISO8601, berlin,
                ts_timestamp_from_civil (2023, 1, 15, 11, 0, 0, 0));
  assert_parse ("15.01.2023 12:00", TS_TIME_FORMAT_DMY, berlin,
                ts_timestamp_from_civil (2023, 1, 15, 11, 0, 0, 0));
  assert_parse ("07/01/2023 12:00 PM", TS_TIME_FORMAT_MDY, new_york,
                ts_timestamp_from_civil (2023, 7, 1, 16, 0, 0, 0));
  /* the fraction survives the zone conversion */
  assert_parse ("2023-07-01T12:00:00.250", TS_TIME_FORMAT_ISO8601, berlin,
                ts_timestamp_from_civil (2023, 7, 1, 10, 0, 0, 250000));
  /* without a zone, a naive time is UTC */
  assert_parse ("2023-07-01T12:00:00", TS_TIME_FORMAT_ISO8601, NULL,
                ts_timestamp_from_civil (2023, 7, 1, 12, 0, 0, 0));
}

/* ---------------------------------------------------------------------- */
/* Guessing                                                               */

static TsTimeFormat
guess (const char *const *samples,
       gboolean          *ambiguous)
{
  TsTimeGuess g = { 0, };

  for (guint i = 0; samples[i] != NULL; i++)
    ts_time_guess_add (&g, samples[i], strlen (samples[i]));
  g_assert_cmpuint (g.n_samples, ==, g_strv_length ((char **) samples));
  return ts_time_guess_decide (&g, ambiguous);
}

static void
assert_guess (const char *const *samples,
              TsTimeFormat       expected,
              gboolean           expected_ambiguous)
{
  gboolean ambiguous = !expected_ambiguous;
  TsTimeFormat format = guess (samples, &ambiguous);

  g_test_message ("%s…: %s%s", samples[0], ts_time_format_to_string (format),
                  ambiguous ? " (ambiguous)" : "");
  g_assert_cmpstr (ts_time_format_to_string (format), ==, ts_time_format_to_string (expected));
  g_assert_cmpint (ambiguous, ==, expected_ambiguous);
}

static void
test_guess_iso (void)
{
  const char *const samples[] = {
    "2025-06-01T10:22:31.000Z", "2025-06-02 08:00", "2025-06-03T10:00:00+02:00", "2025-06-04", NULL
  };

  assert_guess (samples, TS_TIME_FORMAT_ISO8601, FALSE);
}

static void
test_guess_epoch (void)
{
  const char *const seconds[] = { "1700000000", "1700003600", "1699990000", "1700100000.5", NULL };
  const char *const millis[] = { "1700000000123", "1700003600000", "1699990000999", NULL };
  const char *const micros[] = { "1700000000123456", "1700003600000000", NULL };

  assert_guess (seconds, TS_TIME_FORMAT_EPOCH_S, FALSE);
  assert_guess (millis, TS_TIME_FORMAT_EPOCH_MS, FALSE);
  assert_guess (micros, TS_TIME_FORMAT_EPOCH_US, FALSE);
}

static void
test_guess_dmy (void)
{
  const char *const dotted[] = { "03.02.2023 10:22", "15.01.2023 09:00", "01.12.2023 18:30", NULL };
  const char *const slashed[] = { "03/02/2023", "25/01/2023", "01/12/2023", NULL };

  assert_guess (dotted, TS_TIME_FORMAT_DMY, FALSE);
  assert_guess (slashed, TS_TIME_FORMAT_DMY, FALSE);
}

/* German exports often carry dates without a time: dd.mm.yyyy alone. */
static void
test_guess_dmy_date_only (void)
{
  const char *const dotted[] = { "03.02.2023", "15.01.2023", "01.12.2023", NULL };

  assert_guess (dotted, TS_TIME_FORMAT_DMY, FALSE);
}

static void
test_guess_mdy (void)
{
  const char *const samples[] = {
    "02/03/2023 10:22 AM", "01/15/2023 9:00 PM", "12/01/2023 6:30 PM", NULL
  };

  assert_guess (samples, TS_TIME_FORMAT_MDY, FALSE);
}

static void
test_guess_ambiguous (void)
{
  const char *const slashed[] = { "02/03/2023", "01/12/2023", "11/10/2023 10:00", NULL };
  const char *const dotted[] = { "02.03.2023 10:00", "01.12.2023 11:00", NULL };

  /* no part above 12: flagged, with a default by separator */
  assert_guess (slashed, TS_TIME_FORMAT_MDY, TRUE);
  assert_guess (dotted, TS_TIME_FORMAT_DMY, TRUE);
}

static void
test_guess_unknown (void)
{
  const char *const junk[] = { "soon", "later", "2025-06-01", NULL };
  const char *const mixed[] = { "2025-06-01", "1700000000", "03.02.2023 10:00", "x", NULL };
  TsTimeGuess empty = { 0, };
  gboolean ambiguous = TRUE;

  assert_guess (junk, TS_TIME_FORMAT_UNKNOWN, FALSE);
  assert_guess (mixed, TS_TIME_FORMAT_UNKNOWN, FALSE);
  g_assert_cmpint (ts_time_guess_decide (&empty, &ambiguous), ==, TS_TIME_FORMAT_UNKNOWN);
  g_assert_false (ambiguous);
}

/* ---------------------------------------------------------------------- */
/* ISO output                                                             */

static void
assert_round_trip (TsTime      t,
                   const char *expected)
{
  g_autofree char *iso = ts_timestamp_format_iso (t);
  TsTime back = 0;

  g_assert_nonnull (iso);
  if (expected != NULL)
    g_assert_cmpstr (iso, ==, expected);
  g_assert_true (ts_timestamp_parse (iso, strlen (iso), TS_TIME_FORMAT_ISO8601, NULL, &back));
  g_assert_cmpint (back, ==, t);
}

static void
test_format_iso (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (8601);

  assert_round_trip (0, "1970-01-01T00:00:00Z");
  assert_round_trip (ts_timestamp_from_civil (2025, 6, 1, 10, 22, 31, 0), "2025-06-01T10:22:31Z");
  assert_round_trip (ts_timestamp_from_civil (2025, 6, 1, 10, 22, 31, 123456),
                     "2025-06-01T10:22:31.123456Z");
  assert_round_trip (ts_timestamp_from_civil (2025, 6, 1, 10, 22, 31, 1),
                     "2025-06-01T10:22:31.000001Z");
  assert_round_trip (ts_timestamp_from_civil (2024, 2, 29, 23, 59, 59, 999999),
                     "2024-02-29T23:59:59.999999Z");
  assert_round_trip (ts_timestamp_from_civil (1969, 12, 31, 0, 0, 0, 0), "1969-12-31T00:00:00Z");
  g_assert_null (ts_timestamp_format_iso (TS_TIME_NULL));

  /* any time after 1970, to the microsecond */
  for (guint i = 0; i < 1000; i++)
    {
      TsTime t = (TsTime) (g_rand_double (rand) * 4102444800.0 * 1e6);
      assert_round_trip (t, NULL);
    }
}

/* Times before 1970 with a fraction of a second. */
static void
test_format_iso_pre_epoch_fraction (void)
{
  assert_round_trip (-500000, "1969-12-31T23:59:59.500000Z");
  assert_round_trip (ts_timestamp_from_civil (1969, 7, 20, 20, 17, 40, 123456),
                     "1969-07-20T20:17:40.123456Z");
}

static void
test_format_names (void)
{
  static const TsTimeFormat formats[] = {
    TS_TIME_FORMAT_ISO8601, TS_TIME_FORMAT_DMY, TS_TIME_FORMAT_MDY,
    TS_TIME_FORMAT_EPOCH_S, TS_TIME_FORMAT_EPOCH_MS, TS_TIME_FORMAT_EPOCH_US,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      const char *name = ts_time_format_to_string (formats[i]);
      g_assert_cmpint (ts_time_format_from_string (name), ==, formats[i]);
      g_assert_cmpstr (ts_time_format_describe (formats[i]), !=, "");
    }
  g_assert_cmpint (ts_time_format_from_string ("iso"), ==, TS_TIME_FORMAT_ISO8601);
  g_assert_cmpint (ts_time_format_from_string ("EPOCH_MS"), ==, TS_TIME_FORMAT_EPOCH_MS);
  g_assert_cmpint (ts_time_format_from_string ("weekly"), ==, TS_TIME_FORMAT_UNKNOWN);
  g_assert_cmpint (ts_time_format_from_string (NULL), ==, TS_TIME_FORMAT_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/timestamp/civil", test_civil);
  g_test_add_func ("/core/timestamp/iso/zones", test_iso_zones);
  g_test_add_func ("/core/timestamp/iso/fractions", test_iso_fractions);
  g_test_add_func ("/core/timestamp/iso/space-separator", test_iso_space_separator);
  g_test_add_func ("/core/timestamp/date-only-never-shifted", test_date_only);
  g_test_add_func ("/core/timestamp/dmy", test_dmy);
  g_test_add_func ("/core/timestamp/mdy-am-pm", test_mdy);
  g_test_add_func ("/core/timestamp/epoch", test_epoch);
  g_test_add_func ("/core/timestamp/invalid-rejected", test_invalid);
  g_test_add_func ("/core/timestamp/local-zone", test_local_zone);
  g_test_add_func ("/core/timestamp/guess/iso", test_guess_iso);
  g_test_add_func ("/core/timestamp/guess/epoch", test_guess_epoch);
  g_test_add_func ("/core/timestamp/guess/dmy", test_guess_dmy);
  g_test_add_func ("/core/timestamp/guess/dmy-date-only", test_guess_dmy_date_only);
  g_test_add_func ("/core/timestamp/guess/mdy", test_guess_mdy);
  g_test_add_func ("/core/timestamp/guess/ambiguous", test_guess_ambiguous);
  g_test_add_func ("/core/timestamp/guess/unknown", test_guess_unknown);
  g_test_add_func ("/core/timestamp/format-iso/round-trip", test_format_iso);
  g_test_add_func ("/core/timestamp/format-iso/pre-epoch-fraction",
                   test_format_iso_pre_epoch_fraction);
  g_test_add_func ("/core/timestamp/format-names", test_format_names);

  return g_test_run ();
}

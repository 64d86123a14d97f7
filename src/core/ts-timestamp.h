/* ts-timestamp.h — timestamps as the exports write them, to UTC microseconds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-types.h"

G_BEGIN_DECLS

typedef enum
{
  TS_TIME_FORMAT_UNKNOWN = 0,
  TS_TIME_FORMAT_ISO8601,    /* 2025-06-01, 2025-06-01T10:22:31.000Z, …+00:00, …+0000, 2025-06-01 10:22 */
  TS_TIME_FORMAT_DMY,        /* 15.01.2023 10:22, 15/01/2023 */
  TS_TIME_FORMAT_MDY,        /* 01/15/2023 10:22 AM */
  TS_TIME_FORMAT_EPOCH_S,
  TS_TIME_FORMAT_EPOCH_MS,
  TS_TIME_FORMAT_EPOCH_US,
} TsTimeFormat;

const char   *ts_time_format_to_string   (TsTimeFormat  format);
TsTimeFormat  ts_time_format_from_string (const char   *str);
const char   *ts_time_format_describe    (TsTimeFormat  format);

gboolean      ts_timestamp_parse         (const char   *str,
                                          gsize         len,
                                          TsTimeFormat  format,
                                          GTimeZone    *zone,
                                          TsTime       *out_time);
char         *ts_timestamp_format_iso    (TsTime        time);
TsTime        ts_timestamp_from_civil    (int           year,
                                          int           month,
                                          int           day,
                                          int           hour,
                                          int           minute,
                                          int           second,
                                          int           microsecond);

/* Decides the format of a column from sample values. */
typedef struct
{
  guint n_samples;
  guint n_iso;
  guint n_slash_or_dot;
  guint n_dot;
  guint n_epoch_s;
  guint n_epoch_ms;
  guint n_epoch_us;
  guint n_other;
  guint max_first_part;
  guint max_second_part;
} TsTimeGuess;

void          ts_time_guess_add          (TsTimeGuess  *guess,
                                          const char   *str,
                                          gsize         len);
TsTimeFormat  ts_time_guess_decide       (const TsTimeGuess *guess,
                                          gboolean     *ambiguous);

G_END_DECLS

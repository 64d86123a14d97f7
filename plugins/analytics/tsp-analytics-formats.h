/* tsp-analytics-formats.h — what a record of each analytics export means
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <touchstone.h>

G_BEGIN_DECLS

typedef enum
{
  TSP_FORMAT_NONE,
  TSP_FORMAT_SEGMENT,
  TSP_FORMAT_MIXPANEL,
  TSP_FORMAT_AMPLITUDE,
  TSP_FORMAT_GA4,
  TSP_FORMAT_POSTHOG,
  TSP_N_FORMATS
} TspFormat;

typedef enum
{
  TSP_RECORD_EVENT,      /* a row in events */
  TSP_RECORD_IDENTIFY,   /* a row in customers (traits), maybe an alias */
  TSP_RECORD_GROUP,      /* a row in customers: the account the user belongs to */
  TSP_RECORD_ALIAS,      /* only an alias: alias_from → alias_to */
} TspRecordKind;

#define TSP_ID_BUF 40

/* One record, decoded.  Strings and objects are borrowed from the parsed
 * JSON (or the record's own buffers) and live until the next record. */
typedef struct
{
  TspRecordKind  kind;

  const char    *user_id;          /* an identified user, or NULL */
  const char    *anon_id;          /* an anonymous or device id, or NULL */
  const char    *alias_from;       /* TSP_RECORD_ALIAS */
  const char    *alias_to;
  gboolean       alias_from_anonymous;
  const char    *group_id;         /* TSP_RECORD_GROUP */

  TsTime         at;
  const char    *name;
  const char    *channel;          /* web, ios, android, server, or NULL */
  double         value;            /* NAN: none */
  GString       *properties;       /* compact JSON object text; empty: none */

  JsonObject    *traits[3];        /* customer traits, first wins per field */
  guint          n_traits;
  gboolean       traits_snapshot;  /* a copy on every event: use the first seen per customer */
  JsonObject    *lookup[5];        /* where an identity key (e-mail, external id) is looked up */
  guint          n_lookup;

  gboolean       has_dedupe_key;
  guint64        dedupe_key;
  const char    *dedupe_label;     /* e.g. "$insert_id" */
  const char    *dedupe_value;

  /* why the record cannot be read: a JSON path and a message */
  char          *error_path;
  char          *error_message;

  char           user_buf[TSP_ID_BUF];
  char           anon_buf[TSP_ID_BUF];
  char           extra_buf[TSP_ID_BUF];
  char           id_buf[TSP_ID_BUF];
  JsonObject    *scratch;          /* owned: built for GA4 user properties */
} TspRecord;

typedef struct
{
  GTimeZone    *mixpanel_zone;     /* Mixpanel projects before 2023: project time, not UTC */
  TsTimeFormat  mixpanel_unit;     /* TS_TIME_FORMAT_UNKNOWN: decided by magnitude */
  JsonParser   *inner_parser;      /* PostHog properties written as JSON text */
  JsonParser   *inner_parser2;     /* … and person_properties */
} TspDecodeOptions;

const char *tsp_format_get_name   (TspFormat          format);
TspFormat   tsp_format_classify   (JsonObject        *record);
void        tsp_record_reset      (TspRecord         *record);
void        tsp_record_clear      (TspRecord         *record);
gboolean    tsp_record_decode     (TspFormat          format,
                                   JsonObject        *object,
                                   const TspDecodeOptions *options,
                                   TspRecord         *record);
void        tsp_record_set_dedupe (TspRecord         *record,
                                   const char        *label,
                                   const char        *value,
                                   const char        *a,
                                   const char        *b,
                                   const char        *c);

const char *tsp_channel_from_library  (const char    *library);
const char *tsp_channel_from_os       (const char    *os);
const char *tsp_channel_from_platform (const char    *platform);

gboolean    tsp_json_scalar_text  (JsonNode          *node,
                                   char              *buf,
                                   gsize              buf_len,
                                   const char       **out);
void        tsp_json_write_node   (GString           *out,
                                   JsonNode          *node);
void        tsp_json_write_string (GString           *out,
                                   const char        *str);
void        tsp_json_format_double (char             *buf,
                                    gsize             len,
                                    double            v);
gboolean    tsp_json_number       (JsonNode          *node,
                                   double            *out);
TsTime      tsp_epoch_to_time     (double             value,
                                   TsTimeFormat       unit);

G_END_DECLS

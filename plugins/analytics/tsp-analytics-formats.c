/* tsp-analytics-formats.c — what a record of each analytics export means
 *
 * Every export is one JSON object per line; each tool names its fields its
 * own way.  This file tells the tools apart by their tell-tale keys, and
 * decodes one record into a TspRecord: who (an identified user, an
 * anonymous or device id), when, what (event name, properties), from where
 * (channel), and any customer traits it carries.  What to do with a record
 * (aliases, duplicates, rows) is the source's business, not this file's.
 * See docs/analytics.md for the rules, tool by tool.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsp-analytics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tsp-analytics-formats.h"

#define USEC_PER_SEC G_GINT64_CONSTANT (1000000)

const char *
tsp_format_get_name (TspFormat format)
{
  switch (format)
    {
    case TSP_FORMAT_SEGMENT: return "Segment";
    case TSP_FORMAT_MIXPANEL: return "Mixpanel";
    case TSP_FORMAT_AMPLITUDE: return "Amplitude";
    case TSP_FORMAT_GA4: return "GA4";
    case TSP_FORMAT_POSTHOG: return "PostHog";
    case TSP_FORMAT_NONE:
    case TSP_N_FORMATS:
    default: return "unknown";
    }
}

/* ---------------------------------------------------------------------- */
/* JSON helpers                                                           */

static inline JsonNode *
member (JsonObject *o,
        const char *name)
{
  return o ? json_object_get_member (o, name) : NULL;
}

static inline gboolean
has_value (JsonObject *o,
           const char *name)
{
  JsonNode *n = member (o, name);
  return n != NULL && !JSON_NODE_HOLDS_NULL (n);
}

static JsonObject *
object_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = member (o, name);
  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static const char *
string_member (JsonObject *o,
               const char *name)
{
  JsonNode *n = member (o, name);
  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

/* A double as the shortest of %.15g and %.17g that reads back the same. */
void
tsp_json_format_double (char   *buf,
                        gsize   len,
                        double  v)
{
  g_ascii_formatd (buf, len, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, len, "%.17g", v);
}

/**
 * tsp_json_scalar_text:
 * @out: (out): the text, or %NULL for null or ""
 *
 * An id as text: strings as they are, numbers in decimal (a whole double
 * without its ".0"), null and "" as nothing.
 *
 * Returns: %FALSE when the node is an object, an array or a boolean
 */
gboolean
tsp_json_scalar_text (JsonNode    *node,
                      char        *buf,
                      gsize        buf_len,
                      const char **out)
{
  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        if (s != NULL && *s != '\0')
          *out = s;
        return TRUE;
      }
    case G_TYPE_INT64:
      g_snprintf (buf, buf_len, "%" G_GINT64_FORMAT, json_node_get_int (node));
      *out = buf;
      return TRUE;
    case G_TYPE_DOUBLE:
      {
        double v = json_node_get_double (node);
        if (!isfinite (v))
          return FALSE;
        if (v == floor (v) && fabs (v) < 9e15)
          g_snprintf (buf, buf_len, "%" G_GINT64_FORMAT, (gint64) v);
        else
          tsp_json_format_double (buf, buf_len, v);
        *out = buf;
        return TRUE;
      }
    default:
      return FALSE;
    }
}

/* A number, or a string that holds one. */
gboolean
tsp_json_number (JsonNode *node,
                 double   *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return isfinite (*out);
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        char *end = NULL;
        if (s == NULL || *s == '\0')
          return FALSE;
        *out = g_ascii_strtod (s, &end);
        while (end && *end == ' ')
          end++;
        return end != NULL && *end == '\0' && end != s && isfinite (*out);
      }
    default:
      return FALSE;
    }
}

/* An INT64 as BigQuery dumps write it: a number or a string of digits. */
static gboolean
json_int64 (JsonNode *node,
            gint64   *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      {
        double v = json_node_get_double (node);
        if (!isfinite (v) || fabs (v) > 9.2e18)
          return FALSE;
        *out = (gint64) llround (v);
        return TRUE;
      }
    case G_TYPE_STRING:
      return g_ascii_string_to_signed (json_node_get_string (node), 10, G_MININT64, G_MAXINT64,
                                       out, NULL);
    default:
      return FALSE;
    }
}

void
tsp_json_write_string (GString    *out,
                       const char *str)
{
  ts_json_text_append_string (out, str, -1);
}

/* Compact JSON text of @node, members in their order. */
void
tsp_json_write_node (GString  *out,
                     JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *child;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &child))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            tsp_json_write_string (out, name);
            g_string_append_c (out, ':');
            tsp_json_write_node (out, child);
          }
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *a = json_node_get_array (node);
        guint n = json_array_get_length (a);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            tsp_json_write_node (out, json_array_get_element (a, i));
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          tsp_json_write_string (out, json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];
            double v = json_node_get_double (node);
            if (!isfinite (v))
              g_string_append (out, "null");
            else
              {
                tsp_json_format_double (buf, sizeof buf, v);
                g_string_append (out, buf);
              }
          }
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* properties text: '{' members '}', or empty when there are none */

static inline void
props_begin (GString *s)
{
  g_string_truncate (s, 0);
  g_string_append_c (s, '{');
}

static inline void
props_key (GString    *s,
           const char *key)
{
  if (s->len > 1)
    g_string_append_c (s, ',');
  tsp_json_write_string (s, key);
  g_string_append_c (s, ':');
}

static void
props_add_object (GString           *s,
                  JsonObject        *o,
                  const char *const *skip)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *child;

  if (o == NULL)
    return;
  json_object_iter_init_ordered (&iter, o);
  while (json_object_iter_next_ordered (&iter, &name, &child))
    {
      if (skip != NULL && g_strv_contains (skip, name))
        continue;
      props_key (s, name);
      tsp_json_write_node (s, child);
    }
}

static inline void
props_end (GString *s)
{
  if (s->len <= 1)
    g_string_truncate (s, 0);
  else
    g_string_append_c (s, '}');
}

/* ---------------------------------------------------------------------- */
/* times                                                                  */

/**
 * tsp_epoch_to_time:
 * @unit: the epoch's unit, or %TS_TIME_FORMAT_UNKNOWN to decide by
 *   magnitude: below 10^11 seconds (until the year 5138), below 10^14
 *   milliseconds, else microseconds
 */
TsTime
tsp_epoch_to_time (double       v,
                   TsTimeFormat unit)
{
  if (unit != TS_TIME_FORMAT_EPOCH_S && unit != TS_TIME_FORMAT_EPOCH_MS &&
      unit != TS_TIME_FORMAT_EPOCH_US)
    {
      double a = fabs (v);
      unit = a < 1e11 ? TS_TIME_FORMAT_EPOCH_S : a < 1e14 ? TS_TIME_FORMAT_EPOCH_MS
                                                          : TS_TIME_FORMAT_EPOCH_US;
    }
  switch (unit)
    {
    case TS_TIME_FORMAT_EPOCH_S: return (TsTime) llround (v * 1e6);
    case TS_TIME_FORMAT_EPOCH_MS: return (TsTime) llround (v * 1e3);
    case TS_TIME_FORMAT_EPOCH_US:
    default: return (TsTime) llround (v);
    }
}

typedef enum
{
  TIME_OK,
  TIME_MISSING,
  TIME_BAD,
} TimeResult;

/* An ISO 8601 string (a zone-less one is UTC), or an epoch number. */
static TimeResult
read_time (JsonNode *node,
           TsTime   *out)
{
  double v;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TIME_MISSING;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return TIME_BAD;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      if (*s == '\0')
        return TIME_MISSING;
      if (ts_timestamp_parse (s, strlen (s), TS_TIME_FORMAT_ISO8601, NULL, out))
        return TIME_OK;
    }
  if (tsp_json_number (node, &v))
    {
      *out = tsp_epoch_to_time (v, TS_TIME_FORMAT_UNKNOWN);
      return TIME_OK;
    }
  return TIME_BAD;
}

static void record_fail (TspRecord  *r,
                         const char *path,
                         const char *format,
                         ...) G_GNUC_PRINTF (3, 4);

static void
record_fail (TspRecord  *r,
             const char *path,
             const char *format,
             ...)
{
  va_list args;

  if (r->error_message != NULL)
    return;
  va_start (args, format);
  r->error_path = g_strdup (path);
  r->error_message = g_strdup_vprintf (format, args);
  va_end (args);
}

static char *
node_excerpt (JsonNode *node)
{
  g_autoptr(GString) s = g_string_new (NULL);

  tsp_json_write_node (s, node);
  if (s->len > 60)
    {
      /* cut at a character boundary */
      const char *end = g_utf8_find_prev_char (s->str, s->str + 58);
      g_string_truncate (s, end ? (gsize) (end - s->str) : 58);
      g_string_append (s, "…");
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The first of @names that holds a time; fails the record when none does. */
static gboolean
time_from (TspRecord         *r,
           JsonObject        *o,
           const char        *prefix,
           const char *const *names)
{
  for (guint i = 0; names[i]; i++)
    {
      JsonNode *n = member (o, names[i]);
      switch (read_time (n, &r->at))
        {
        case TIME_OK:
          return TRUE;
        case TIME_BAD:
          {
            g_autofree char *path = g_strdup_printf ("%s.%s", prefix, names[i]);
            g_autofree char *text = node_excerpt (n);
            record_fail (r, path, _("cannot read %s as a time"), text);
            return FALSE;
          }
        case TIME_MISSING:
        default:
          break;
        }
    }
  {
    g_autofree char *path = g_strdup_printf ("%s.%s", prefix, names[0]);
    record_fail (r, path, _("missing: the record has no time"));
  }
  return FALSE;
}

/* An id member: a string or number; null and "" are none. */
static gboolean
id_from (TspRecord   *r,
         JsonObject  *o,
         const char  *prefix,
         const char  *name,
         char        *buf,
         const char **out)
{
  JsonNode *n = member (o, name);

  if (!tsp_json_scalar_text (n, buf, TSP_ID_BUF, out))
    {
      g_autofree char *path = g_strdup_printf ("%s.%s", prefix, name);
      record_fail (r, path, _("an id must be a string or a number, not %s"),
                   JSON_NODE_HOLDS_OBJECT (n) ? _("an object")
                   : JSON_NODE_HOLDS_ARRAY (n) ? _("an array") : _("a boolean"));
      return FALSE;
    }
  return TRUE;
}

static const char *
required_string (TspRecord  *r,
                 JsonObject *o,
                 const char *path,
                 const char *name)
{
  const char *s = string_member (o, name);

  if (s == NULL || *s == '\0')
    {
      JsonNode *n = member (o, name);
      g_autofree char *p = g_strdup_printf ("%s.%s", path, name);
      if (n == NULL || JSON_NODE_HOLDS_NULL (n) || s != NULL)
        record_fail (r, p, _("missing"));
      else
        record_fail (r, p, _("not a string"));
      return NULL;
    }
  return s;
}

/* ---------------------------------------------------------------------- */
/* channels                                                               */

static const char *const ios_words[] = {
  "ios", "iphone", "ipad", "ipados", "swift", "objc", "tvos", "watchos", NULL
};
static const char *const android_words[] = { "android", "kotlin", NULL };
static const char *const cross_words[] = {
  "react", "native", "flutter", "unity", "xamarin", "cordova", "capacitor", "ionic", "expo", NULL
};
static const char *const web_words[] = {
  "web", "js", "javascript", "browser", "ajs", "next", "snippet", "html", NULL
};
static const char *const server_words[] = {
  "node", "nodejs", "python", "ruby", "go", "golang", "java", "php", "dotnet", "net", "csharp",
  "http", "server", "rust", "elixir", "clojure", "scala", "perl", "api", "backend", NULL
};

static gboolean
has_word (char *const        *words,
          const char *const *list)
{
  for (guint i = 0; words[i]; i++)
    if (g_strv_contains (list, words[i]))
      return TRUE;
  return FALSE;
}

/**
 * tsp_channel_from_library:
 *
 * The channel a tracking library's name tells: `analytics.js`, `amplitude-js`,
 * `web` → web; `analytics-ios`, `posthog-ios`, `iphone` → ios;
 * `analytics-android` → android; `analytics-node`, `posthog-python`,
 * `http/2.0` → server.  Cross-platform libraries (React Native, Flutter…)
 * tell nothing: the operating system decides.
 *
 * Returns: (nullable): web, ios, android or server
 */
const char *
tsp_channel_from_library (const char *library)
{
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;

  if (library == NULL || *library == '\0')
    return NULL;
  lower = g_ascii_strdown (library, -1);
  words = g_strsplit_set (lower, "-_/@ :.", -1);

  if (has_word (words, cross_words))
    return NULL;
  if (has_word (words, ios_words))
    return "ios";
  if (has_word (words, android_words))
    return "android";
  if (g_str_has_prefix (lower, "analytics.js") || has_word (words, web_words))
    return "web";
  if (has_word (words, server_words))
    return "server";
  return NULL;
}

/* iOS and Android; a desktop system tells nothing by itself. */
const char *
tsp_channel_from_os (const char *os)
{
  g_autofree char *lower = NULL;

  if (os == NULL)
    return NULL;
  lower = g_ascii_strdown (os, -1);
  if (g_str_has_prefix (lower, "ios") || g_str_has_prefix (lower, "ipados") ||
      g_str_has_prefix (lower, "iphone"))
    return "ios";
  if (g_str_has_prefix (lower, "android"))
    return "android";
  return NULL;
}

/* Amplitude's and GA4's platform: Web / WEB, iOS / IOS, Android / ANDROID. */
const char *
tsp_channel_from_platform (const char *platform)
{
  if (platform == NULL)
    return NULL;
  if (g_ascii_strcasecmp (platform, "web") == 0)
    return "web";
  if (g_ascii_strcasecmp (platform, "ios") == 0 || g_ascii_strcasecmp (platform, "ipados") == 0)
    return "ios";
  if (g_ascii_strcasecmp (platform, "android") == 0)
    return "android";
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* dedupe keys                                                            */

static inline guint64
fnv (guint64     h,
     const char *s)
{
  if (s != NULL)
    for (; *s; s++)
      h = (h ^ (guchar) *s) * G_GUINT64_CONSTANT (0x100000001b3);
  return (h ^ 0xff) * G_GUINT64_CONSTANT (0x100000001b3);
}

static inline guint64
mix (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* The key a record is told a duplicate by: @label and @value, with up to
 * three more parts. */
void
tsp_record_set_dedupe (TspRecord  *r,
                       const char *label,
                       const char *value,
                       const char *a,
                       const char *b,
                       const char *c)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  h = fnv (h, label);
  h = fnv (h, value);
  h = fnv (h, a);
  h = fnv (h, b);
  h = fnv (h, c);
  r->has_dedupe_key = TRUE;
  r->dedupe_key = mix (h);
  r->dedupe_label = label;
  r->dedupe_value = value;
}

/* ---------------------------------------------------------------------- */
/* classify                                                               */

static gboolean
is_segment_type (const char *type)
{
  static const char *const types[] = { "track", "identify", "page", "screen", "group", "alias", NULL };
  return type != NULL && g_strv_contains (types, type);
}

/**
 * tsp_format_classify:
 *
 * Which export a record comes from, by its tell-tale keys:
 * GA4 `event_name` + `event_timestamp`; Amplitude `event_type` + one of
 * `amplitude_id`, `event_time`, `client_event_time`, `server_upload_time`;
 * Segment a `type` of its calls + one of `messageId`, `userId`,
 * `anonymousId`, `receivedAt`, `sentAt`, `originalTimestamp`; PostHog
 * `event` + a top-level `distinct_id` + one of `uuid`, `timestamp`,
 * `properties`; Mixpanel `event` + a `properties` object with `time`,
 * `distinct_id` or `$insert_id`.
 */
TspFormat
tsp_format_classify (JsonObject *o)
{
  JsonObject *props;

  if (o == NULL)
    return TSP_FORMAT_NONE;
  if (json_object_has_member (o, "event_name") && json_object_has_member (o, "event_timestamp"))
    return TSP_FORMAT_GA4;
  if (json_object_has_member (o, "event_type") &&
      (json_object_has_member (o, "amplitude_id") || json_object_has_member (o, "event_time") ||
       json_object_has_member (o, "client_event_time") || json_object_has_member (o, "server_upload_time")))
    return TSP_FORMAT_AMPLITUDE;
  if (is_segment_type (string_member (o, "type")) &&
      (json_object_has_member (o, "messageId") || json_object_has_member (o, "userId") ||
       json_object_has_member (o, "anonymousId") || json_object_has_member (o, "receivedAt") ||
       json_object_has_member (o, "sentAt") || json_object_has_member (o, "originalTimestamp")))
    return TSP_FORMAT_SEGMENT;
  if (string_member (o, "event") != NULL && json_object_has_member (o, "distinct_id") &&
      (json_object_has_member (o, "uuid") || json_object_has_member (o, "timestamp") ||
       json_object_has_member (o, "properties")))
    return TSP_FORMAT_POSTHOG;
  props = object_member (o, "properties");
  if (string_member (o, "event") != NULL && props != NULL &&
      (json_object_has_member (props, "time") || json_object_has_member (props, "distinct_id") ||
       json_object_has_member (props, "$insert_id")))
    return TSP_FORMAT_MIXPANEL;
  return TSP_FORMAT_NONE;
}

/* ---------------------------------------------------------------------- */
/* records                                                                */

void
tsp_record_reset (TspRecord *r)
{
  GString *props = r->properties;
  JsonObject *scratch = r->scratch;

  g_free (r->error_path);
  g_free (r->error_message);
  memset (r, 0, G_STRUCT_OFFSET (TspRecord, user_buf));
  r->at = TS_TIME_NULL;
  r->value = NAN;
  r->properties = props ? props : g_string_new (NULL);
  g_string_truncate (r->properties, 0);
  if (scratch)
    json_object_unref (scratch);
  r->scratch = NULL;
}

void
tsp_record_clear (TspRecord *r)
{
  g_clear_pointer (&r->error_path, g_free);
  g_clear_pointer (&r->error_message, g_free);
  if (r->properties)
    g_string_free (r->properties, TRUE);
  r->properties = NULL;
  g_clear_pointer (&r->scratch, json_object_unref);
}

static inline void
add_traits (TspRecord  *r,
            JsonObject *o)
{
  /* an empty snapshot must not count as the user's first */
  if (o != NULL && json_object_get_size (o) > 0 && r->n_traits < G_N_ELEMENTS (r->traits))
    r->traits[r->n_traits++] = o;
}

static inline void
add_lookup (TspRecord  *r,
            JsonObject *o)
{
  if (o != NULL && r->n_lookup < G_N_ELEMENTS (r->lookup))
    r->lookup[r->n_lookup++] = o;
}

/* revenue, $revenue, value or amount, the first that is a number */
static void
value_from (TspRecord  *r,
            JsonObject *props)
{
  static const char *const keys[] = { "revenue", "$revenue", "value", "amount", NULL };
  double v;

  for (guint i = 0; keys[i]; i++)
    if (tsp_json_number (member (props, keys[i]), &v))
      {
        r->value = v;
        return;
      }
}

/* An event's properties, all but @skip, and its value among them. */
static void
event_properties (TspRecord         *r,
                  JsonObject        *props,
                  const char *const *skip)
{
  props_begin (r->properties);
  props_add_object (r->properties, props, skip);
  props_end (r->properties);
  value_from (r, props);
}

/* Channel of a Mixpanel or PostHog event: the library named in @lib_key,
 * else the system, else a browser */
static const char *
channel_from_props (JsonObject *props,
                    const char *lib_key)
{
  const char *channel = tsp_channel_from_library (string_member (props, lib_key));

  if (channel == NULL)
    channel = tsp_channel_from_os (string_member (props, "$os"));
  if (channel == NULL && has_value (props, "$browser"))
    channel = "web";
  return channel;
}

/* An id that the record cannot be without: %FALSE (and the record failed)
 * when it is not one or missing. */
static gboolean
required_id (TspRecord   *r,
             JsonObject  *o,
             const char  *prefix,
             const char  *name,
             char        *buf,
             const char **out)
{
  if (!id_from (r, o, prefix, name, buf, out))
    return FALSE;
  if (*out == NULL)
    {
      g_autofree char *path = g_strdup_printf ("%s.%s", prefix, name);
      record_fail (r, path, _("missing"));
      return FALSE;
    }
  return TRUE;
}

/* Segment: track, page, screen, identify, group, alias */
static gboolean
decode_segment (JsonObject *o,
                TspRecord  *r)
{
  static const char *const times[] = { "timestamp", "originalTimestamp", "receivedAt", "sentAt", NULL };
  const char *type = string_member (o, "type");
  JsonObject *context = object_member (o, "context");
  JsonObject *props = object_member (o, "properties");
  const char *message_id = string_member (o, "messageId");

  if (!id_from (r, o, "$", "userId", r->user_buf, &r->user_id) ||
      !id_from (r, o, "$", "anonymousId", r->anon_buf, &r->anon_id))
    return FALSE;

  /* an e-mail or external id is the user's in traits (a group call's are
   * the account's); in properties it may be anyone's */
  if (g_strcmp0 (type, "group") != 0)
    add_lookup (r, object_member (o, "traits"));
  add_lookup (r, object_member (context, "traits"));

  if (g_strcmp0 (type, "identify") == 0)
    {
      r->kind = TSP_RECORD_IDENTIFY;
      add_traits (r, object_member (o, "traits"));
      add_traits (r, object_member (context, "traits"));
    }
  else if (g_strcmp0 (type, "group") == 0)
    {
      r->kind = TSP_RECORD_GROUP;
      if (!required_id (r, o, "$", "groupId", r->extra_buf, &r->group_id))
        return FALSE;
    }
  else if (g_strcmp0 (type, "alias") == 0)
    {
      r->kind = TSP_RECORD_ALIAS;
      if (!required_id (r, o, "$", "previousId", r->extra_buf, &r->alias_from))
        return FALSE;
      if (r->user_id == NULL)
        {
          record_fail (r, "$.userId", _("missing: an alias needs the new user id"));
          return FALSE;
        }
      r->alias_to = r->user_id;
    }
  else
    {
      r->kind = TSP_RECORD_EVENT;
      if (!time_from (r, o, "$", times))
        return FALSE;

      props_begin (r->properties);
      props_add_object (r->properties, props, NULL);
      if (g_strcmp0 (type, "track") == 0)
        {
          r->name = required_string (r, o, "$", "event");
          if (r->name == NULL)
            return FALSE;
        }
      else
        {
          /* page and screen calls: the page's name and category go to the properties */
          const char *page_name = string_member (o, "name");
          const char *category = string_member (o, "category");

          r->name = g_strcmp0 (type, "page") == 0 ? "Page Viewed" : "Screen Viewed";
          if (page_name && !has_value (props, "name"))
            {
              props_key (r->properties, "name");
              tsp_json_write_string (r->properties, page_name);
            }
          if (category && !has_value (props, "category"))
            {
              props_key (r->properties, "category");
              tsp_json_write_string (r->properties, category);
            }
        }
      props_end (r->properties);
      value_from (r, props);

      /* channel: the device type, else the library, else the system, else a browser */
      {
        JsonObject *device = object_member (context, "device");
        JsonObject *library = object_member (context, "library");
        JsonObject *os = object_member (context, "os");

        r->channel = tsp_channel_from_platform (string_member (device, "type"));
        if (r->channel == NULL)
          r->channel = tsp_channel_from_library (string_member (library, "name"));
        if (r->channel == NULL)
          r->channel = tsp_channel_from_os (string_member (os, "name"));
        if (r->channel == NULL && (has_value (context, "userAgent") || has_value (context, "page")))
          r->channel = "web";
      }
    }

  if (message_id != NULL && *message_id != '\0')
    tsp_record_set_dedupe (r, "messageId", message_id, NULL, NULL, NULL);
  return TRUE;
}

/* Mixpanel: {"event":…, "properties":{"time":…, "distinct_id":…, …}} */
static gboolean
decode_mixpanel (JsonObject             *o,
                 const TspDecodeOptions *opts,
                 TspRecord              *r)
{
  static const char *const skip[] = {
    "time", "distinct_id", "$insert_id", "$user_id", "$device_id", "mp_processing_time_ms",
    "$mp_api_timestamp_ms", "$mp_api_endpoint", "token", NULL
  };
  JsonObject *props = object_member (o, "properties");
  const char *distinct = NULL, *user = NULL, *device = NULL;
  JsonNode *time_node;
  double t;

  r->name = required_string (r, o, "$", "event");
  if (r->name == NULL)
    return FALSE;
  if (props == NULL)
    {
      record_fail (r, "$.properties", has_value (o, "properties") ? _("not an object") : _("missing"));
      return FALSE;
    }

  if (!id_from (r, props, "$.properties", "distinct_id", r->id_buf, &distinct) ||
      !id_from (r, props, "$.properties", "$user_id", r->user_buf, &user) ||
      !id_from (r, props, "$.properties", "$device_id", r->anon_buf, &device))
    return FALSE;

  /* identity bookkeeping of ID merge: an alias, no event */
  if (g_strcmp0 (r->name, "$identify") == 0 || g_strcmp0 (r->name, "$create_alias") == 0)
    {
      const char *from = NULL, *to = NULL;

      if (g_strcmp0 (r->name, "$identify") == 0)
        {
          if (!id_from (r, props, "$.properties", "$anon_id", r->anon_buf, &from) ||
              !id_from (r, props, "$.properties", "$identified_id", r->extra_buf, &to))
            return FALSE;
          if (to == NULL)
            to = user ? user : distinct;
        }
      else
        {
          if (!id_from (r, props, "$.properties", "alias", r->extra_buf, &to))
            return FALSE;
          from = distinct;
        }
      if (from == NULL || to == NULL)
        {
          record_fail (r, from == NULL ? "$.properties.$anon_id" : "$.properties.alias",
                       _("missing: the identity record names no pair of ids"));
          return FALSE;
        }
      if (g_str_has_prefix (from, "$device:"))
        from += strlen ("$device:");
      r->kind = TSP_RECORD_ALIAS;
      r->alias_from = from;
      r->alias_to = to;
      r->alias_from_anonymous = TRUE;
      return TRUE;
    }

  r->kind = TSP_RECORD_EVENT;

  /* who: $user_id, else a distinct_id that is not the device's, else the device */
  if (device != NULL && g_str_has_prefix (device, "$device:"))
    device += strlen ("$device:");
  if (user != NULL)
    {
      r->user_id = user;
      r->anon_id = device;
    }
  else if (distinct != NULL && g_str_has_prefix (distinct, "$device:"))
    {
      r->anon_id = device ? device : distinct + strlen ("$device:");
    }
  else if (distinct != NULL && device != NULL && strcmp (distinct, device) == 0)
    r->anon_id = device;
  else if (distinct != NULL)
    {
      r->user_id = distinct;
      r->anon_id = device;
    }
  else
    r->anon_id = device;

  /* when: seconds, sometimes milliseconds; project time in old projects */
  time_node = member (props, "time");
  if (time_node == NULL || JSON_NODE_HOLDS_NULL (time_node))
    {
      record_fail (r, "$.properties.time", _("missing: the record has no time"));
      return FALSE;
    }
  if (!tsp_json_number (time_node, &t))
    {
      g_autofree char *text = node_excerpt (time_node);
      record_fail (r, "$.properties.time", _("not a number: %s"), text);
      return FALSE;
    }
  r->at = tsp_epoch_to_time (t, opts ? opts->mixpanel_unit : TS_TIME_FORMAT_UNKNOWN);
  if (opts && opts->mixpanel_zone)
    {
      /* the epoch counts the project's wall clock, not UTC */
      gint64 secs = r->at >= 0 ? r->at / USEC_PER_SEC : -((-r->at + USEC_PER_SEC - 1) / USEC_PER_SEC);
      gint64 usec = r->at - secs * USEC_PER_SEC;
      g_autoptr(GDateTime) wall = g_date_time_new_from_unix_utc (secs);
      if (wall)
        {
          g_autoptr(GDateTime) local = g_date_time_new (opts->mixpanel_zone,
                                                        g_date_time_get_year (wall),
                                                        g_date_time_get_month (wall),
                                                        g_date_time_get_day_of_month (wall),
                                                        g_date_time_get_hour (wall),
                                                        g_date_time_get_minute (wall),
                                                        g_date_time_get_second (wall));
          if (local)
            r->at = g_date_time_to_unix (local) * USEC_PER_SEC + usec;
        }
    }

  event_properties (r, props, skip);
  add_lookup (r, props);   /* the event export has no profiles: properties are all there is */

  r->channel = channel_from_props (props, "mp_lib");

  {
    const char *insert_id = string_member (props, "$insert_id");
    if (insert_id != NULL && *insert_id != '\0')
      {
        char at[32];
        g_snprintf (at, sizeof at, "%" G_GINT64_FORMAT, r->at);
        tsp_record_set_dedupe (r, "$insert_id", insert_id, r->name, distinct ? distinct : r->anon_id, at);
      }
  }
  return TRUE;
}

/* Amplitude: one event per line of each hourly file */
static gboolean
decode_amplitude (JsonObject *o,
                  TspRecord  *r)
{
  static const char *const times[] = { "event_time", "client_event_time", "server_received_time",
                                       "server_upload_time", NULL };
  JsonObject *event_props = object_member (o, "event_properties");
  JsonObject *user_props = object_member (o, "user_properties");

  r->name = required_string (r, o, "$", "event_type");
  if (r->name == NULL)
    return FALSE;
  if (!id_from (r, o, "$", "user_id", r->user_buf, &r->user_id) ||
      !id_from (r, o, "$", "device_id", r->anon_buf, &r->anon_id))
    return FALSE;

  add_lookup (r, user_props);

  if (g_strcmp0 (r->name, "$identify") == 0)
    {
      /* a user-property update, not an event */
      r->kind = TSP_RECORD_IDENTIFY;
      add_traits (r, user_props);
    }
  else
    {
      r->kind = TSP_RECORD_EVENT;
      if (!time_from (r, o, "$", times))
        return FALSE;
      event_properties (r, event_props, NULL);
      add_traits (r, user_props);
      r->traits_snapshot = TRUE;

      r->channel = tsp_channel_from_platform (string_member (o, "platform"));
      if (r->channel == NULL)
        r->channel = tsp_channel_from_library (string_member (o, "library"));
      if (r->channel == NULL)
        r->channel = tsp_channel_from_os (string_member (o, "os_name"));
    }

  {
    const char *insert_id = string_member (o, "$insert_id");
    const char *uuid = string_member (o, "uuid");
    if (insert_id != NULL && *insert_id != '\0')
      tsp_record_set_dedupe (r, "$insert_id", insert_id, r->user_id, r->anon_id, NULL);
    else if (uuid != NULL && *uuid != '\0')
      tsp_record_set_dedupe (r, "uuid", uuid, NULL, NULL, NULL);
  }
  return TRUE;
}

/* GA4 event_params / user_properties value: the slot that is set */
static JsonNode *
ga4_value (JsonObject *value,
           gboolean   *is_int)
{
  static const char *const slots[] = { "string_value", "int_value", "double_value", "float_value", NULL };

  for (guint i = 0; slots[i]; i++)
    {
      JsonNode *n = member (value, slots[i]);
      if (n != NULL && !JSON_NODE_HOLDS_NULL (n))
        {
          *is_int = i == 1;
          return n;
        }
    }
  return NULL;
}

/* Writes a GA4 value as JSON: INT64 slots as integers even when written as strings. */
static void
ga4_write_value (GString  *s,
                 JsonNode *n,
                 gboolean  is_int)
{
  gint64 i;

  if (is_int && json_int64 (n, &i))
    g_string_append_printf (s, "%" G_GINT64_FORMAT, i);
  else
    tsp_json_write_node (s, n);
}

/* GA4 BigQuery export, one row per line */
static gboolean
decode_ga4 (JsonObject *o,
            TspRecord  *r)
{
  JsonNode *ts = member (o, "event_timestamp");
  JsonNode *params = member (o, "event_params");
  JsonNode *user_props = member (o, "user_properties");
  gint64 us;
  double v;

  r->kind = TSP_RECORD_EVENT;
  r->name = required_string (r, o, "$", "event_name");
  if (r->name == NULL)
    return FALSE;
  if (!id_from (r, o, "$", "user_id", r->user_buf, &r->user_id) ||
      !id_from (r, o, "$", "user_pseudo_id", r->anon_buf, &r->anon_id))
    return FALSE;

  if (ts == NULL || JSON_NODE_HOLDS_NULL (ts))
    {
      record_fail (r, "$.event_timestamp", _("missing: the record has no time"));
      return FALSE;
    }
  if (!json_int64 (ts, &us))
    {
      g_autofree char *text = node_excerpt (ts);
      record_fail (r, "$.event_timestamp", _("not a number of microseconds: %s"), text);
      return FALSE;
    }
  r->at = us;

  /* event_params flattened: {"ga_session_id":1696470418,"page_title":"Pricing",…} */
  props_begin (r->properties);
  if (params != NULL && JSON_NODE_HOLDS_ARRAY (params))
    {
      JsonArray *a = json_node_get_array (params);
      guint n = json_array_get_length (a);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *el = json_array_get_element (a, i);
          JsonObject *p = JSON_NODE_HOLDS_OBJECT (el) ? json_node_get_object (el) : NULL;
          const char *key = string_member (p, "key");
          JsonNode *value;
          gboolean is_int = FALSE;

          if (key == NULL)
            {
              g_autofree char *path = g_strdup_printf ("$.event_params[%u].key", i);
              record_fail (r, path, _("missing"));
              return FALSE;
            }
          value = ga4_value (object_member (p, "value"), &is_int);
          props_key (r->properties, key);
          if (value == NULL)
            g_string_append (r->properties, "null");
          else
            ga4_write_value (r->properties, value, is_int);
          if (value != NULL && g_str_equal (key, "value") && tsp_json_number (value, &v))
            r->value = v;
        }
    }
  else if (params != NULL && !JSON_NODE_HOLDS_NULL (params))
    {
      record_fail (r, "$.event_params", _("not an array"));
      return FALSE;
    }
  props_end (r->properties);
  if (tsp_json_number (member (o, "event_value_in_usd"), &v))
    r->value = v;

  /* user_properties, same shape: a snapshot of the user's traits */
  if (user_props != NULL && JSON_NODE_HOLDS_ARRAY (user_props))
    {
      JsonArray *a = json_node_get_array (user_props);
      guint n = json_array_get_length (a);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *el = json_array_get_element (a, i);
          JsonObject *p = JSON_NODE_HOLDS_OBJECT (el) ? json_node_get_object (el) : NULL;
          const char *key = string_member (p, "key");
          gboolean is_int = FALSE;
          JsonNode *value = ga4_value (object_member (p, "value"), &is_int);
          gint64 iv;

          if (key == NULL || value == NULL)
            continue;
          if (r->scratch == NULL)
            r->scratch = json_object_new ();
          if (is_int && json_int64 (value, &iv))
            json_object_set_int_member (r->scratch, key, iv);
          else
            json_object_set_member (r->scratch, key, json_node_copy (value));
        }
      if (r->scratch != NULL)
        {
          add_traits (r, r->scratch);
          add_lookup (r, r->scratch);
          r->traits_snapshot = TRUE;
        }
    }

  r->channel = tsp_channel_from_platform (string_member (o, "platform"));
  return TRUE;
}

/* PostHog properties may be an object, or (as in Parquet) its JSON text. */
static JsonObject *
posthog_object (TspRecord  *r,
                JsonObject *o,
                const char *name,
                JsonParser *parser)
{
  JsonNode *n = member (o, name);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (n))
    return json_node_get_object (n);
  if (parser != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (n);
      JsonNode *root;

      if (*text == '\0')
        return NULL;
      if (ts_json_parser_load (parser, NULL, text, -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        return json_node_get_object (root);
    }
  {
    g_autofree char *path = g_strdup_printf ("$.%s", name);
    record_fail (r, path, _("not a JSON object"));
  }
  return NULL;
}

/* PostHog events export */
static gboolean
decode_posthog (JsonObject             *o,
                const TspDecodeOptions *opts,
                TspRecord              *r)
{
  static const char *const times[] = { "timestamp", "created_at", "sent_at", NULL };
  static const char *const skip[] = { "$set", "$set_once", NULL };
  JsonObject *props, *person, *set, *set_once;
  const char *distinct = NULL, *device = NULL, *anon_distinct = NULL;
  gboolean anonymous = FALSE;
  JsonNode *identified;

  r->name = required_string (r, o, "$", "event");
  if (r->name == NULL)
    return FALSE;
  props = posthog_object (r, o, "properties", opts ? opts->inner_parser : NULL);
  if (r->error_message)
    return FALSE;
  if (!id_from (r, o, "$", "distinct_id", r->user_buf, &distinct) ||
      !id_from (r, props, "$.properties", "$device_id", r->anon_buf, &device) ||
      !id_from (r, props, "$.properties", "$anon_distinct_id", r->extra_buf, &anon_distinct))
    return FALSE;
  set = object_member (props, "$set");
  set_once = object_member (props, "$set_once");

  /* anonymous: PostHog says so, or the distinct id is the device's */
  identified = member (props, "$is_identified");
  if (identified && JSON_NODE_HOLDS_VALUE (identified) &&
      json_node_get_value_type (identified) == G_TYPE_BOOLEAN)
    anonymous = !json_node_get_boolean (identified);
  if (distinct != NULL && ((device && strcmp (distinct, device) == 0) ||
                           (anon_distinct && strcmp (distinct, anon_distinct) == 0)))
    anonymous = TRUE;

  if (g_strcmp0 (r->name, "$create_alias") == 0)
    {
      const char *alias = NULL;

      if (!id_from (r, props, "$.properties", "alias", r->id_buf, &alias))
        return FALSE;
      if (alias == NULL || distinct == NULL)
        {
          record_fail (r, alias == NULL ? "$.properties.alias" : "$.distinct_id", _("missing"));
          return FALSE;
        }
      r->kind = TSP_RECORD_ALIAS;
      if (anonymous)
        {
          r->alias_from = distinct;
          r->alias_to = alias;
          r->alias_from_anonymous = TRUE;
        }
      else
        {
          r->alias_from = alias;
          r->alias_to = distinct;
        }
      return TRUE;
    }

  if (anonymous)
    r->anon_id = distinct;
  else
    {
      r->user_id = distinct;
      /* the anonymous ids this user was known by before */
      r->anon_id = anon_distinct ? anon_distinct : device;
    }

  add_lookup (r, set);
  add_lookup (r, set_once);
  person = posthog_object (r, o, "person_properties", opts ? opts->inner_parser2 : NULL);
  if (r->error_message)
    return FALSE;
  add_lookup (r, person);

  if (g_strcmp0 (r->name, "$identify") == 0 || g_strcmp0 (r->name, "$set") == 0)
    {
      r->kind = TSP_RECORD_IDENTIFY;
      add_traits (r, set);
      add_traits (r, set_once);
      add_traits (r, person);
    }
  else
    {
      r->kind = TSP_RECORD_EVENT;
      if (!time_from (r, o, "$", times))
        return FALSE;
      event_properties (r, props, skip);

      /* explicit updates always count; the person snapshot only once */
      add_traits (r, set);
      add_traits (r, set_once);
      if (set == NULL && set_once == NULL)
        {
          add_traits (r, person);
          r->traits_snapshot = TRUE;
        }

      r->channel = channel_from_props (props, "$lib");
    }

  {
    const char *uuid = string_member (o, "uuid");
    if (uuid != NULL && *uuid != '\0')
      tsp_record_set_dedupe (r, "uuid", uuid, NULL, NULL, NULL);
  }
  return TRUE;
}

/**
 * tsp_record_decode:
 *
 * Decodes @object as a record of @format into @record (reset first).
 *
 * Returns: %FALSE when the record cannot be read; its error_path and
 * error_message say why
 */
gboolean
tsp_record_decode (TspFormat               format,
                   JsonObject             *object,
                   const TspDecodeOptions *options,
                   TspRecord              *record)
{
  tsp_record_reset (record);

  switch (format)
    {
    case TSP_FORMAT_SEGMENT: return decode_segment (object, record);
    case TSP_FORMAT_MIXPANEL: return decode_mixpanel (object, options, record);
    case TSP_FORMAT_AMPLITUDE: return decode_amplitude (object, record);
    case TSP_FORMAT_GA4: return decode_ga4 (object, record);
    case TSP_FORMAT_POSTHOG: return decode_posthog (object, options, record);
    case TSP_FORMAT_NONE:
    case TSP_N_FORMATS:
    default:
      record_fail (record, "$", _("not a record of a known analytics export"));
      return FALSE;
    }
}

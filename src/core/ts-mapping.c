/* ts-mapping.c — a user's overrides of what an importer guesses
 *
 * A mapping is a JSON object:
 *
 *   {
 *     "table": "events",                  which canonical table the file holds
 *     "delimiter": ";",                   "," ";" "\t" "|"
 *     "encoding": "windows-1252",         utf-8, utf-16le, utf-16be, windows-1252
 *     "header": true,
 *     "null_markers": ["NULL", "\\N"],
 *     "time_zone": "Europe/Berlin",       zone of timestamps that carry no offset
 *     "time_format": "dmy",               iso8601, dmy, mdy, epoch_s, epoch_ms, epoch_us
 *     "columns": {                        column → field, or null to ignore it
 *       "uid": "customer_id",
 *       "ts": { "field": "at", "format": "epoch_ms", "time_zone": "UTC" },
 *       "junk": null
 *     },
 *     "constants": { "kind": "nps" },     a field's value for every row
 *     "keep": { "status": ["completed"] },   only rows with one of these values
 *                                         in the column (case aside); the
 *                                         others are left out and counted
 *     "identity": "email",                what joins sources: id, email or an external-id field
 *     "plugin": "csv",                    the plugin that reads the file (default: probe)
 *     "files": { "tickets*.csv": { … } }  the same keys, for files matching a glob
 *   }
 *
 * Every key is optional; errors name the JSON path.
 *
 * Besides the user's keys, a mapping can carry which fields of each table are
 * wanted (ts_mapping_set_wanted_fields()): a caller that reads only some
 * fields lets the importers skip the others.  That is not part of the JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-mapping"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ts-json-text.h"
#include "ts-mapping.h"

struct _TsMapping
{
  gatomicrefcount ref_count;
  JsonObject     *object;
  GTimeZone      *zone;
  char          **null_markers;
  guint32         wanted[TS_N_TABLES];   /* bit f: field f is read */
};

static const char *const default_null_markers[] = { "NULL", "null", "\\N", "N/A", "#N/A", NULL };

G_DEFINE_QUARK (ts-mapping-error-quark, ts_mapping_error)
G_DEFINE_BOXED_TYPE (TsMapping, ts_mapping, ts_mapping_ref, ts_mapping_unref)

static TsMapping *
mapping_new_for_object (JsonObject *object)
{
  TsMapping *self = g_new0 (TsMapping, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->object = object ? json_object_ref (object) : json_object_new ();
  for (guint t = 0; t < TS_N_TABLES; t++)
    self->wanted[t] = G_MAXUINT32;
  return self;
}

TsMapping *
ts_mapping_new (void)
{
  return mapping_new_for_object (NULL);
}

TsMapping *
ts_mapping_ref (TsMapping *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_mapping_unref (TsMapping *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  json_object_unref (self->object);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_strfreev (self->null_markers);
  g_free (self);
}

static gboolean
invalid (GError    **error,
         const char *path,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError    **error,
         const char *path,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, TS_MAPPING_ERROR, TS_MAPPING_ERROR_INVALID, "%s: %s", path, msg);
  return FALSE;
}

static gboolean
check_string (JsonObject *obj,
              const char *key,
              const char *path,
              GError    **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, path, _("expected a string"));
  return TRUE;
}

static gboolean
check_time_zone (const char *id,
                 const char *path,
                 GError    **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (id);

  if (tz == NULL)
    return invalid (error, path, _("unknown time zone “%s”"), id);
  return TRUE;
}

static gboolean
validate_level (JsonObject *obj,
                const char *base,
                gboolean    allow_files,
                GError    **error)
{
  static const char *const known[] = {
    "table", "delimiter", "encoding", "header", "null_markers", "time_zone",
    "time_format", "columns", "constants", "keep", "files", "identity", "plugin", NULL
  };
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *p = g_strdup_printf ("%s.%s", base, (char *) l->data);
        return invalid (error, p, _("unknown key (known: table, delimiter, encoding, header, "
                                    "null_markers, time_zone, time_format, columns, constants, keep, files, identity, plugin)"));
      }

  if (json_object_has_member (obj, "table"))
    {
      g_autofree char *p = g_strdup_printf ("%s.table", base);
      if (!check_string (obj, "table", p, error))
        return FALSE;
      if (ts_table_from_name (json_object_get_string_member (obj, "table")) == TS_TABLE_NONE)
        return invalid (error, p, _("unknown table “%s” (customers, events, cases, touches, responses, lists)"),
                        json_object_get_string_member (obj, "table"));
    }

  if (json_object_has_member (obj, "plugin"))
    {
      g_autofree char *p = g_strdup_printf ("%s.plugin", base);
      if (!check_string (obj, "plugin", p, error))
        return FALSE;
    }

  if (json_object_has_member (obj, "identity"))
    {
      g_autofree char *p = g_strdup_printf ("%s.identity", base);
      if (!check_string (obj, "identity", p, error))
        return FALSE;
      if (*json_object_get_string_member (obj, "identity") == '\0')
        return invalid (error, p, _("name the identity key: \"id\", \"email\" or an external-id field"));
    }

  if (json_object_has_member (obj, "delimiter"))
    {
      g_autofree char *p = g_strdup_printf ("%s.delimiter", base);
      if (!check_string (obj, "delimiter", p, error))
        return FALSE;
      if (strlen (json_object_get_string_member (obj, "delimiter")) != 1)
        return invalid (error, p, _("a delimiter is one character"));
    }

  if (json_object_has_member (obj, "encoding"))
    {
      g_autofree char *p = g_strdup_printf ("%s.encoding", base);
      const char *e;
      if (!check_string (obj, "encoding", p, error))
        return FALSE;
      e = json_object_get_string_member (obj, "encoding");
      if (g_ascii_strcasecmp (e, "utf-8") != 0 && g_ascii_strcasecmp (e, "utf8") != 0 &&
          g_ascii_strcasecmp (e, "utf-16le") != 0 && g_ascii_strcasecmp (e, "utf-16be") != 0 &&
          g_ascii_strcasecmp (e, "windows-1252") != 0 && g_ascii_strcasecmp (e, "cp1252") != 0)
        return invalid (error, p, _("unknown encoding “%s” (utf-8, utf-16le, utf-16be, windows-1252)"), e);
    }

  if (json_object_has_member (obj, "header"))
    {
      JsonNode *n = json_object_get_member (obj, "header");
      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
        {
          g_autofree char *p = g_strdup_printf ("%s.header", base);
          return invalid (error, p, _("expected true or false"));
        }
    }

  if (json_object_has_member (obj, "null_markers"))
    {
      JsonNode *n = json_object_get_member (obj, "null_markers");
      g_autofree char *p = g_strdup_printf ("%s.null_markers", base);
      JsonArray *a;

      if (!JSON_NODE_HOLDS_ARRAY (n))
        return invalid (error, p, _("expected an array of strings"));
      a = json_node_get_array (n);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
            {
              g_autofree char *pi = g_strdup_printf ("%s[%u]", p, i);
              return invalid (error, pi, _("expected a string"));
            }
        }
    }

  if (json_object_has_member (obj, "time_zone"))
    {
      g_autofree char *p = g_strdup_printf ("%s.time_zone", base);
      if (!check_string (obj, "time_zone", p, error) ||
          !check_time_zone (json_object_get_string_member (obj, "time_zone"), p, error))
        return FALSE;
    }

  if (json_object_has_member (obj, "time_format"))
    {
      g_autofree char *p = g_strdup_printf ("%s.time_format", base);
      if (!check_string (obj, "time_format", p, error))
        return FALSE;
      if (ts_time_format_from_string (json_object_get_string_member (obj, "time_format")) == TS_TIME_FORMAT_UNKNOWN)
        return invalid (error, p, _("unknown time format “%s” (iso8601, dmy, mdy, epoch_s, epoch_ms, epoch_us)"),
                        json_object_get_string_member (obj, "time_format"));
    }

  if (json_object_has_member (obj, "columns"))
    {
      JsonNode *n = json_object_get_member (obj, "columns");
      g_autofree char *p = g_strdup_printf ("%s.columns", base);
      g_autoptr(GList) cols = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return invalid (error, p, _("expected an object of column → field"));
      cols = json_object_get_members (json_node_get_object (n));
      for (GList *l = cols; l; l = l->next)
        {
          JsonNode *c = json_object_get_member (json_node_get_object (n), l->data);
          g_autofree char *pc = g_strdup_printf ("%s[\"%s\"]", p, (char *) l->data);

          if (JSON_NODE_HOLDS_NULL (c))
            continue;
          if (JSON_NODE_HOLDS_VALUE (c) && json_node_get_value_type (c) == G_TYPE_STRING)
            continue;
          if (JSON_NODE_HOLDS_OBJECT (c))
            {
              JsonObject *co = json_node_get_object (c);
              g_autofree char *pf = g_strdup_printf ("%s.field", pc);
              g_autofree char *pt = g_strdup_printf ("%s.format", pc);
              g_autofree char *pz = g_strdup_printf ("%s.time_zone", pc);

              if (!check_string (co, "field", pf, error) ||
                  !check_string (co, "format", pt, error) ||
                  !check_string (co, "time_zone", pz, error))
                return FALSE;
              if (json_object_has_member (co, "format") &&
                  ts_time_format_from_string (json_object_get_string_member (co, "format")) == TS_TIME_FORMAT_UNKNOWN)
                return invalid (error, pt, _("unknown time format “%s”"),
                                json_object_get_string_member (co, "format"));
              if (json_object_has_member (co, "time_zone") &&
                  !check_time_zone (json_object_get_string_member (co, "time_zone"), pz, error))
                return FALSE;
              continue;
            }
          return invalid (error, pc, _("expected a field name, an object or null"));
        }
    }

  if (json_object_has_member (obj, "constants"))
    {
      JsonNode *n = json_object_get_member (obj, "constants");
      g_autofree char *p = g_strdup_printf ("%s.constants", base);
      if (!JSON_NODE_HOLDS_OBJECT (n))
        return invalid (error, p, _("expected an object of field → value"));
    }

  if (json_object_has_member (obj, "keep"))
    {
      JsonNode *n = json_object_get_member (obj, "keep");
      g_autofree char *p = g_strdup_printf ("%s.keep", base);
      g_autoptr(GList) cols = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return invalid (error, p, _("expected an object of column → the values of the rows to keep"));
      cols = json_object_get_members (json_node_get_object (n));
      for (GList *l = cols; l; l = l->next)
        {
          JsonNode *v = json_object_get_member (json_node_get_object (n), l->data);
          g_autofree char *pc = g_strdup_printf ("%s[\"%s\"]", p, (char *) l->data);
          JsonArray *a;

          if (JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING)
            continue;
          if (!JSON_NODE_HOLDS_ARRAY (v) || json_array_get_length (json_node_get_array (v)) == 0)
            return invalid (error, pc, _("expected a value or an array of values"));
          a = json_node_get_array (v);
          for (guint i = 0; i < json_array_get_length (a); i++)
            {
              JsonNode *e = json_array_get_element (a, i);
              if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
                {
                  g_autofree char *pi = g_strdup_printf ("%s[%u]", pc, i);
                  return invalid (error, pi, _("expected a string"));
                }
            }
        }
    }

  if (json_object_has_member (obj, "files"))
    {
      JsonNode *n = json_object_get_member (obj, "files");
      g_autofree char *p = g_strdup_printf ("%s.files", base);
      g_autoptr(GList) globs = NULL;

      if (!allow_files)
        return invalid (error, p, _("“files” cannot be nested"));
      if (!JSON_NODE_HOLDS_OBJECT (n))
        return invalid (error, p, _("expected an object of glob → mapping"));
      globs = json_object_get_members (json_node_get_object (n));
      for (GList *l = globs; l; l = l->next)
        {
          JsonNode *g = json_object_get_member (json_node_get_object (n), l->data);
          g_autofree char *pg = g_strdup_printf ("%s[\"%s\"]", p, (char *) l->data);
          if (!JSON_NODE_HOLDS_OBJECT (g))
            return invalid (error, pg, _("expected an object"));
          if (!validate_level (json_node_get_object (g), pg, FALSE, error))
            return FALSE;
        }
    }

  return TRUE;
}

TsMapping *
ts_mapping_new_from_data (const char *data,
                          gssize      len,
                          GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!ts_json_parser_load (parser, NULL, data, len, &local_error))
    {
      g_set_error (error, TS_MAPPING_ERROR, TS_MAPPING_ERROR_PARSE, "%s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, TS_MAPPING_ERROR, TS_MAPPING_ERROR_INVALID, "$: %s",
                   _("a mapping is a JSON object"));
      return NULL;
    }
  if (!validate_level (json_node_get_object (root), "$", TRUE, error))
    return NULL;
  return mapping_new_for_object (json_node_get_object (root));
}

TsMapping *
ts_mapping_new_from_file (const char *path,
                          GError    **error)
{
  g_autofree char *contents = NULL;
  gsize len;
  TsMapping *ret;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  ret = ts_mapping_new_from_data (contents, len, error);
  if (ret == NULL)
    g_prefix_error (error, "%s: ", path);
  return ret;
}

/**
 * ts_mapping_resolve:
 * @path: the file being imported
 *
 * Returns: (transfer full): the mapping for @path: the top-level keys, with
 * those of every "files" entry whose glob matches the file's name (or path)
 * laid over them.
 */
TsMapping *
ts_mapping_resolve (TsMapping  *self,
                    const char *path)
{
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(JsonObject) columns = json_object_new ();
  g_autoptr(JsonObject) constants = json_object_new ();
  g_autoptr(GList) keys = NULL;
  g_autofree char *base = path ? g_path_get_basename (path) : NULL;
  JsonObject *levels[64];
  guint n_levels = 0;

  if (self == NULL)
    return ts_mapping_new ();

  levels[n_levels++] = self->object;
  if (path && json_object_has_member (self->object, "files"))
    {
      JsonObject *files = json_object_get_object_member (self->object, "files");
      g_autoptr(GList) globs = json_object_get_members (files);

      for (GList *l = globs; l && n_levels < G_N_ELEMENTS (levels); l = l->next)
        if (g_pattern_match_simple (l->data, base) || g_pattern_match_simple (l->data, path))
          levels[n_levels++] = json_object_get_object_member (files, l->data);
    }

  for (guint i = 0; i < n_levels; i++)
    {
      g_autoptr(GList) members = json_object_get_members (levels[i]);

      for (GList *l = members; l; l = l->next)
        {
          const char *key = l->data;
          JsonNode *node = json_object_get_member (levels[i], key);

          if (g_str_equal (key, "files"))
            continue;
          if (g_str_equal (key, "columns") || g_str_equal (key, "constants"))
            {
              JsonObject *into = g_str_equal (key, "columns") ? columns : constants;
              g_autoptr(GList) cols = json_object_get_members (json_node_get_object (node));
              for (GList *c = cols; c; c = c->next)
                json_object_set_member (into, c->data,
                                        json_node_copy (json_object_get_member (json_node_get_object (node), c->data)));
              continue;
            }
          json_object_set_member (merged, key, json_node_copy (node));
        }
    }
  json_object_set_object_member (merged, "columns", json_object_ref (columns));
  json_object_set_object_member (merged, "constants", json_object_ref (constants));

  {
    TsMapping *ret = mapping_new_for_object (merged);
    memcpy (ret->wanted, self->wanted, sizeof ret->wanted);
    return ret;
  }
}

TsTable
ts_mapping_get_table (TsMapping *self)
{
  if (self == NULL || !json_object_has_member (self->object, "table"))
    return TS_TABLE_NONE;
  return ts_table_from_name (json_object_get_string_member (self->object, "table"));
}

/**
 * ts_mapping_get_plugin:
 *
 * Returns: (nullable): the id of the plugin that must read the file, or
 * %NULL to let the plugins probe it
 */
const char *
ts_mapping_get_plugin (TsMapping *self)
{
  if (self == NULL || !json_object_has_member (self->object, "plugin"))
    return NULL;
  return json_object_get_string_member (self->object, "plugin");
}

/**
 * ts_mapping_get_identity:
 *
 * The key that makes records of different sources one customer: %NULL or
 * "id" for each source's own id, "email", or the name of a field that holds
 * an external id shared between systems.
 *
 * Returns: (nullable): the identity key
 */
const char *
ts_mapping_get_identity (TsMapping *self)
{
  if (self == NULL || !json_object_has_member (self->object, "identity"))
    return NULL;
  return json_object_get_string_member (self->object, "identity");
}

char
ts_mapping_get_delimiter (TsMapping *self)
{
  if (self == NULL || !json_object_has_member (self->object, "delimiter"))
    return 0;
  return json_object_get_string_member (self->object, "delimiter")[0];
}

TsCsvEncoding
ts_mapping_get_encoding (TsMapping *self)
{
  const char *e;

  if (self == NULL || !json_object_has_member (self->object, "encoding"))
    return TS_CSV_ENCODING_AUTO;
  e = json_object_get_string_member (self->object, "encoding");
  if (g_ascii_strcasecmp (e, "utf-16le") == 0)
    return TS_CSV_ENCODING_UTF16LE;
  if (g_ascii_strcasecmp (e, "utf-16be") == 0)
    return TS_CSV_ENCODING_UTF16BE;
  if (g_ascii_strcasecmp (e, "windows-1252") == 0 || g_ascii_strcasecmp (e, "cp1252") == 0)
    return TS_CSV_ENCODING_WINDOWS_1252;
  return TS_CSV_ENCODING_UTF8;
}

gboolean
ts_mapping_get_header (TsMapping *self)
{
  if (self == NULL || !json_object_has_member (self->object, "header"))
    return TRUE;
  return json_object_get_boolean_member (self->object, "header");
}

/**
 * ts_mapping_get_null_markers:
 *
 * Returns: (transfer none): cell texts that mean "no value" (besides the
 * empty cell).
 */
const char *const *
ts_mapping_get_null_markers (TsMapping *self)
{
  JsonArray *a;

  if (self == NULL || !json_object_has_member (self->object, "null_markers"))
    return default_null_markers;
  if (self->null_markers == NULL)
    {
      a = json_object_get_array_member (self->object, "null_markers");
      self->null_markers = g_new0 (char *, json_array_get_length (a) + 1);
      for (guint i = 0; i < json_array_get_length (a); i++)
        self->null_markers[i] = g_strdup (json_array_get_string_element (a, i));
    }
  return (const char *const *) self->null_markers;
}

/**
 * ts_mapping_get_time_zone:
 *
 * Returns: (transfer none) (nullable): the zone of timestamps without an
 * offset, or %NULL for UTC.
 */
GTimeZone *
ts_mapping_get_time_zone (TsMapping *self)
{
  if (self == NULL || !json_object_has_member (self->object, "time_zone"))
    return NULL;
  if (self->zone == NULL)
    self->zone = g_time_zone_new_identifier (json_object_get_string_member (self->object, "time_zone"));
  return self->zone;
}

TsTimeFormat
ts_mapping_get_time_format (TsMapping *self)
{
  if (self == NULL || !json_object_has_member (self->object, "time_format"))
    return TS_TIME_FORMAT_UNKNOWN;
  return ts_time_format_from_string (json_object_get_string_member (self->object, "time_format"));
}

/**
 * ts_mapping_lookup_column:
 * @field: (out) (optional) (nullable): the field, %NULL when the column is to be ignored
 * @format: (out) (optional): the column's time format, or %TS_TIME_FORMAT_UNKNOWN
 * @zone: (out) (optional) (transfer full) (nullable): the column's zone
 *
 * Returns: %TRUE when the mapping says what @column is.
 */
gboolean
ts_mapping_lookup_column (TsMapping    *self,
                          const char   *column,
                          const char  **field,
                          TsTimeFormat *format,
                          GTimeZone   **zone)
{
  JsonObject *columns;
  JsonNode *node;

  if (field)
    *field = NULL;
  if (format)
    *format = TS_TIME_FORMAT_UNKNOWN;
  if (zone)
    *zone = NULL;

  if (self == NULL || !json_object_has_member (self->object, "columns"))
    return FALSE;
  columns = json_object_get_object_member (self->object, "columns");
  node = json_object_get_member (columns, column);
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (field)
        *field = json_node_get_string (node);
      return TRUE;
    }
  {
    JsonObject *o = json_node_get_object (node);
    if (field && json_object_has_member (o, "field"))
      *field = json_object_get_string_member (o, "field");
    if (format && json_object_has_member (o, "format"))
      *format = ts_time_format_from_string (json_object_get_string_member (o, "format"));
    if (zone && json_object_has_member (o, "time_zone"))
      *zone = g_time_zone_new_identifier (json_object_get_string_member (o, "time_zone"));
  }
  return TRUE;
}

const char *
ts_mapping_get_constant (TsMapping  *self,
                         const char *field)
{
  JsonObject *constants;
  JsonNode *node;

  if (self == NULL || !json_object_has_member (self->object, "constants"))
    return NULL;
  constants = json_object_get_object_member (self->object, "constants");
  node = json_object_get_member (constants, field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return json_node_get_string (node);
}

/**
 * ts_mapping_get_keep_columns:
 *
 * The columns whose values say which rows to keep ("keep"), in the
 * mapping's order.
 *
 * Returns: (transfer full): a %NULL-terminated array, empty when every row
 *   is kept
 */
char **
ts_mapping_get_keep_columns (TsMapping *self)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  if (self != NULL && json_object_has_member (self->object, "keep"))
    {
      g_autoptr(GList) cols =
        json_object_get_members (json_object_get_object_member (self->object, "keep"));
      for (GList *l = cols; l; l = l->next)
        g_strv_builder_add (b, l->data);
    }
  return g_strv_builder_end (b);
}

/**
 * ts_mapping_get_keep_values:
 * @column: a column named in "keep"
 *
 * Returns: (transfer full) (nullable): the values a row keeps in @column,
 *   or %NULL when the mapping says none for it
 */
char **
ts_mapping_get_keep_values (TsMapping  *self,
                            const char *column)
{
  g_autoptr(GStrvBuilder) b = NULL;
  JsonObject *keep;
  JsonNode *node;

  if (self == NULL || !json_object_has_member (self->object, "keep"))
    return NULL;
  keep = json_object_get_object_member (self->object, "keep");
  node = json_object_get_member (keep, column);
  if (node == NULL)
    return NULL;
  b = g_strv_builder_new ();
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (a); i++)
        g_strv_builder_add (b, json_array_get_string_element (a, i));
    }
  else
    g_strv_builder_add (b, json_node_get_string (node));
  return g_strv_builder_end (b);
}

/* The fields that place a row, read whatever else is wanted: the customer
 * (field 0), the time a fact table's rows are ordered by (a row without it
 * is skipped), the e-mail that joins customers and the id that makes a
 * case unique. */
static guint32
placing_fields (TsTable table)
{
  guint32 fields = 1u << 0;
  int time_field = ts_table_get_time_field (table);

  if (time_field >= 0)
    fields |= 1u << time_field;
  if (table == TS_TABLE_CUSTOMERS)
    fields |= 1u << TS_CUSTOMER_EMAIL;
  if (table == TS_TABLE_CASES)
    fields |= 1u << TS_CASE_ID;
  return fields;
}

/**
 * ts_mapping_set_wanted_fields:
 * @table: a table
 * @fields: bit f set when field f of @table is read
 *
 * Says that only @fields of @table will be read from the dataset, so that
 * importers may skip the others: not parse them, not keep their strings
 * (they stay empty).  The fields that place a row — the customer, the time,
 * a customer's e-mail, a case's id — are always wanted.  By default every
 * field is; an importer that cannot skip fields reads them all.
 */
void
ts_mapping_set_wanted_fields (TsMapping *self,
                              TsTable    table,
                              guint32    fields)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (table >= 0 && table < TS_N_TABLES);

  self->wanted[table] = fields | placing_fields (table);
}

/**
 * ts_mapping_get_wanted_fields:
 *
 * Returns: the fields of @table to read (bit f for field f); every bit is
 *   set when nothing was said, or for a %NULL mapping
 */
guint32
ts_mapping_get_wanted_fields (TsMapping *self,
                              TsTable    table)
{
  g_return_val_if_fail (table >= 0 && table < TS_N_TABLES, G_MAXUINT32);

  if (self == NULL)
    return G_MAXUINT32;
  return self->wanted[table];
}

gboolean
ts_mapping_is_field_wanted (TsMapping *self,
                            TsTable    table,
                            guint      field)
{
  g_return_val_if_fail (field < 32, TRUE);

  return (ts_mapping_get_wanted_fields (self, table) & (1u << field)) != 0;
}

JsonNode *
ts_mapping_to_json (TsMapping *self)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, self->object);
  return node;
}

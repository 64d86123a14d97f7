/* ts-json-text.c — writing JSON text by hand where a builder would be too slow,
 * and reading it only when it is not nested too deep
 *
 * Importers turn millions of cells into small JSON objects (the properties of
 * an event); a JsonBuilder per row would cost more than the parse.
 *
 * json-glib parses (and frees) nested arrays and objects recursively, with no
 * limit: text nested 100,000 deep overflows the stack.  Every JSON text the
 * core and plugins read goes through ts_json_parser_load(), which refuses
 * text nested deeper than TS_JSON_MAX_DEPTH before json-glib sees it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-json-text"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "ts-json-text.h"

/**
 * ts_json_text_append_string:
 * @len: the length of @str, or -1 when it is NUL-terminated
 *
 * Appends @str to @out as a quoted JSON string, escaping quotes, backslashes
 * and control characters.  @str must be UTF-8.
 */
void
ts_json_text_append_string (GString    *out,
                            const char *str,
                            gssize      len)
{
  static const char hex[] = "0123456789abcdef";
  const char *p, *end, *run;

  g_return_if_fail (out != NULL);
  g_return_if_fail (str != NULL || len == 0);

  if (len < 0)
    len = strlen (str);

  /* runs of characters that need no escape are copied whole */
  g_string_append_c (out, '"');
  for (p = run = str, end = str + len; p < end; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xf]);
          break;
        }
      run = p + 1;
    }
  g_string_append_len (out, run, end - run);
  g_string_append_c (out, '"');
}

/**
 * ts_json_object_dup:
 *
 * A deep copy of @object, to edit without touching the original
 * (json_node_copy() shares objects).
 *
 * Returns: (transfer full): the copy
 */
JsonObject *
ts_json_object_dup (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  copy = json_from_string (text, NULL);   /* written by json-glib: as deep as @object */
  return json_object_ref (json_node_get_object (copy));
}

/**
 * ts_json_check_depth:
 * @name: (nullable): the file the text comes from, for the message
 * @data: JSON text
 * @len: its length, or -1 when it is NUL-terminated
 * @max_depth: the deepest nesting of arrays and objects allowed
 *
 * Checks, without parsing, that arrays and objects in @data are nested no
 * deeper than @max_depth.  The text is not otherwise validated.
 *
 * Returns: %FALSE with @error (JSON_PARSER_ERROR_PARSE) naming the line and
 *   column of the first bracket too deep
 */
gboolean
ts_json_check_depth (const char  *name,
                     const char  *data,
                     gssize       len,
                     guint        max_depth,
                     GError     **error)
{
  const char *p = data;
  const char *end;
  const char *line_start = data;
  guint64 line = 1;
  guint depth = 0;
  gboolean in_string = FALSE;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len < 0)
    len = strlen (data);
  end = data + len;

  for (; p < end; p++)
    {
      char c = *p;

      if (in_string)
        {
          if (c == '\\' && p + 1 < end)
            p++;
          else if (c == '"')
            in_string = FALSE;
          else if (c == '\n')
            line++, line_start = p + 1;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              /* the column in characters, as json-glib counts */
              guint64 column = 1 + g_utf8_strlen (line_start, p - line_start);

              g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           /* Translators: the first %s is a file name, then a line and a column */
                           _("%s:%" PRIu64 ":%" PRIu64 ": arrays and objects "
                             "nested more than %u deep"),
                           name ? name : "<data>", line, column, max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        case '\n':
          line++;
          line_start = p + 1;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

static int
hex4 (const char *p,
      const char *end)
{
  int v = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* Every \u escape names a character: four hex digits, a high surrogate
 * followed by a low one.  json-glib 1.6 takes some that do not (\ud83%d)
 * and hands back text that is not UTF-8. */
static gboolean
check_escapes (const char  *name,
               const char  *data,
               gsize        len,
               GError     **error)
{
  const char *end = data + len;

  for (const char *p = memchr (data, '\\', len); p != NULL && p + 1 < end;
       p = memchr (p, '\\', end - p))
    {
      int hi, lo = 0;

      if (p[1] != 'u')
        {
          p += 2;
          continue;
        }
      hi = hex4 (p + 2, end);
      if (hi >= 0xD800 && hi <= 0xDBFF)
        lo = end - p >= 12 && p[6] == '\\' && p[7] == 'u' ? hex4 (p + 8, end) : -1;
      if (hi < 0 || (hi >= 0xDC00 && hi <= 0xDFFF) ||
          (hi >= 0xD800 && hi <= 0xDBFF && !(lo >= 0xDC00 && lo <= 0xDFFF)))
        {
          guint64 line = 1;
          const char *line_start = data;

          for (const char *q = data; q < p; q++)
            if (*q == '\n')
              line++, line_start = q + 1;
          g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                       /* Translators: the first %s is a file name, then a line and a column */
                       _("%s:%" PRIu64 ":%" PRIu64 ": a \\u escape that is not a character"),
                       name ? name : "<data>", line,
                       (guint64) (1 + g_utf8_strlen (line_start, p - line_start)));
          return FALSE;
        }
      p += hi >= 0xD800 && hi <= 0xDBFF ? 12 : 6;
    }
  return TRUE;
}

/**
 * ts_json_parser_load:
 * @name: (nullable): the file the text comes from, for messages
 * @data: JSON text
 * @len: its length, or -1 when it is NUL-terminated
 *
 * json_parser_load_from_data() behind a check that the text is UTF-8, that
 * every \u escape names a character, and ts_json_check_depth() with
 * %TS_JSON_MAX_DEPTH.  Errors start with @name
 * (or "<data>"), a line and a column, as json-glib's own do.
 */
gboolean
ts_json_parser_load (JsonParser  *parser,
                     const char  *name,
                     const char  *data,
                     gssize       len,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  const char *bad;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);

  if (len < 0)
    len = strlen (data);
  /* json-glib refuses such text too, but without saying where */
  if (!g_utf8_validate_len (data, len, &bad))
    {
      guint64 line = 1;
      const char *line_start = data;

      for (const char *p = data; p < bad; p++)
        if (*p == '\n')
          line++, line_start = p + 1;
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   /* Translators: the first %s is a file name, then a line, a column and a byte */
                   _("%s:%" PRIu64 ":%" PRIu64 ": the text is not UTF-8 "
                     "(byte 0x%02X)"),
                   name ? name : "<data>", line,
                   (guint64) (1 + g_utf8_strlen (line_start, bad - line_start)), (guchar) *bad);
      return FALSE;
    }
  if (!check_escapes (name, data, len, error))
    return FALSE;
  if (!ts_json_check_depth (name, data, len, TS_JSON_MAX_DEPTH, error))
    return FALSE;
  if (json_parser_load_from_data (parser, data, len, &local_error))
    return TRUE;

  if (name != NULL && g_str_has_prefix (local_error->message, "<data>"))
    g_set_error (error, local_error->domain, local_error->code, "%s%s",
                 name, local_error->message + strlen ("<data>"));
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * ts_json_parser_load_file:
 *
 * ts_json_parser_load() on the contents of @path, whose errors start with
 * @path.
 */
gboolean
ts_json_parser_load_file (JsonParser  *parser,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);

  if (mapped == NULL)
    return FALSE;
  return ts_json_parser_load (parser, path, g_mapped_file_get_contents (mapped),
                              g_mapped_file_get_length (mapped), error);
}

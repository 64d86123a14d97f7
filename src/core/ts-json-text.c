/* ts-json-text.c — writing JSON text by hand where a builder would be too slow
 *
 * Importers turn millions of cells into small JSON objects (the properties of
 * an event); a JsonBuilder per row would cost more than the parse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-json-text"
#define TS_CORE_COMPILATION

#include "config.h"

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

  g_return_if_fail (out != NULL);
  g_return_if_fail (str != NULL || len == 0);

  if (len < 0)
    len = strlen (str);

  g_string_append_c (out, '"');
  for (gssize i = 0; i < len; i++)
    {
      guchar c = (guchar) str[i];

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            {
              g_string_append (out, "\\u00");
              g_string_append_c (out, hex[c >> 4]);
              g_string_append_c (out, hex[c & 0xf]);
            }
          else
            g_string_append_c (out, (char) c);
        }
    }
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
  copy = json_from_string (text, NULL);
  return json_object_ref (json_node_get_object (copy));
}

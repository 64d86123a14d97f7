/* ts-json-text.h — writing JSON text by hand where a builder would be too slow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "ts-types.h"

G_BEGIN_DECLS

void ts_json_text_append_string (GString    *out,
                                 const char *str,
                                 gssize      len);
JsonObject *ts_json_object_dup  (JsonObject *object);

/* Arrays and objects nested deeper than this are refused. */
#define TS_JSON_MAX_DEPTH 512

gboolean ts_json_check_depth      (const char  *name,
                                   const char  *data,
                                   gssize       len,
                                   guint        max_depth,
                                   GError     **error);
gboolean ts_json_parser_load      (JsonParser  *parser,
                                   const char  *name,
                                   const char  *data,
                                   gssize       len,
                                   GError     **error);
gboolean ts_json_parser_load_file (JsonParser  *parser,
                                   const char  *path,
                                   GError     **error);

G_END_DECLS

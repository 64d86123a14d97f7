/* ts-source-info.h — what an import understood of one file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "ts-schema.h"

G_BEGIN_DECLS

/* Why a record of a source did not become a row. */
typedef enum
{
  TS_DROP_DUPLICATE,       /* the same record again (same id) */
  TS_DROP_NO_IDENTITY,     /* no customer it could be tied to */
  TS_DROP_UNPARSEABLE,     /* could not be read */
  TS_N_DROP_REASONS
} TsDropReason;

const char    *ts_drop_reason_to_string     (TsDropReason  reason);

#define TS_TYPE_SOURCE_INFO (ts_source_info_get_type ())

GType          ts_source_info_get_type      (void) G_GNUC_CONST;
TsSourceInfo  *ts_source_info_new           (const char   *path,
                                             const char   *plugin_id);
TsSourceInfo  *ts_source_info_ref           (TsSourceInfo *self);
void           ts_source_info_unref         (TsSourceInfo *self);

const char    *ts_source_info_get_path      (TsSourceInfo *self);
const char    *ts_source_info_get_plugin_id (TsSourceInfo *self);
void           ts_source_info_add_table     (TsSourceInfo *self,
                                             TsTable       table);
gboolean       ts_source_info_has_table     (TsSourceInfo *self,
                                             TsTable       table);
void           ts_source_info_add_rows      (TsSourceInfo *self,
                                             TsTable       table,
                                             guint64       n_rows);
guint64        ts_source_info_get_rows      (TsSourceInfo *self,
                                             TsTable       table);
void           ts_source_info_add_records   (TsSourceInfo *self,
                                             guint64       n);
guint64        ts_source_info_get_records   (TsSourceInfo *self);
void           ts_source_info_add_dropped   (TsSourceInfo *self,
                                             TsDropReason  reason,
                                             guint64       n);
guint64        ts_source_info_get_dropped   (TsSourceInfo *self,
                                             TsDropReason  reason);
void           ts_source_info_set_customers (TsSourceInfo *self,
                                             guint64       customers,
                                             guint64       unmatched);
guint64        ts_source_info_get_customers (TsSourceInfo *self);
guint64        ts_source_info_get_unmatched (TsSourceInfo *self);
void           ts_source_info_set_column    (TsSourceInfo *self,
                                             const char   *column,
                                             TsTable       table,
                                             const char   *field,
                                             const char   *detail);
void           ts_source_info_add_note      (TsSourceInfo *self,
                                             const char   *note);
void           ts_source_info_set_detail    (TsSourceInfo *self,
                                             const char   *key,
                                             const char   *value);
const char    *ts_source_info_get_detail    (TsSourceInfo *self,
                                             const char   *key);
GPtrArray     *ts_source_info_get_notes     (TsSourceInfo *self);
JsonNode      *ts_source_info_to_json       (TsSourceInfo *self);
char          *ts_source_info_describe      (TsSourceInfo *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsSourceInfo, ts_source_info_unref)

G_END_DECLS

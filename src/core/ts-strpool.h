/* ts-strpool.h — interned strings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-types.h"

G_BEGIN_DECLS

#define TS_TYPE_STR_POOL (ts_str_pool_get_type ())

GType        ts_str_pool_get_type      (void) G_GNUC_CONST;
TsStrPool   *ts_str_pool_new           (void);
TsStrPool   *ts_str_pool_ref           (TsStrPool  *self);
void         ts_str_pool_unref         (TsStrPool  *self);
guint32      ts_str_pool_intern        (TsStrPool  *self,
                                        const char *str,
                                        gsize       len);
guint32      ts_str_pool_hash          (const char *str,
                                        gsize       len);
void         ts_str_pool_prefetch      (TsStrPool  *self,
                                        guint32     hash);
void         ts_str_pool_prefetch_text (TsStrPool  *self,
                                        guint32     hash);
guint32      ts_str_pool_intern_hashed (TsStrPool  *self,
                                        const char *str,
                                        gsize       len,
                                        guint32     hash);
guint32      ts_str_pool_lookup        (TsStrPool  *self,
                                        const char *str,
                                        gsize       len);
const char  *ts_str_pool_get           (TsStrPool  *self,
                                        guint32     id);
guint        ts_str_pool_get_length    (TsStrPool  *self,
                                        guint32     id);
guint32      ts_str_pool_get_size      (TsStrPool  *self);
guint64      ts_str_pool_get_n_repaired (TsStrPool *self);
gsize        ts_str_pool_get_memory    (TsStrPool  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsStrPool, ts_str_pool_unref)

G_END_DECLS

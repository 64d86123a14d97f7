/* ts-archive.h — reading archives entry by entry, safely, never to disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-types.h"

G_BEGIN_DECLS

#define TS_ARCHIVE_ERROR (ts_archive_error_quark ())

typedef enum
{
  TS_ARCHIVE_ERROR_OPEN,
  TS_ARCHIVE_ERROR_READ,
  TS_ARCHIVE_ERROR_UNSAFE_PATH,
  TS_ARCHIVE_ERROR_TOO_LARGE,
} TsArchiveError;

typedef struct
{
  double  max_ratio;         /* expanded / compressed bytes, checked past min_checked */
  guint64 min_checked;       /* expanded bytes before the ratio is checked */
  guint64 max_total;         /* expanded bytes of the whole archive */
} TsArchiveLimits;

typedef struct _TsArchive TsArchive;

GQuark        ts_archive_error_quark       (void);
gboolean      ts_archive_path_is_archive   (const char            *path);
void          ts_archive_get_default_limits (TsArchiveLimits      *limits);
TsArchive    *ts_archive_open              (const char            *path,
                                            const TsArchiveLimits *limits,
                                            GError               **error);
void          ts_archive_free              (TsArchive             *self);
gboolean      ts_archive_next_entry        (TsArchive             *self,
                                            const char           **name,
                                            GError               **error);
gssize        ts_archive_read              (TsArchive             *self,
                                            void                  *buffer,
                                            gsize                  count,
                                            GCancellable          *cancellable,
                                            GError               **error);
GInputStream *ts_archive_get_entry_stream  (TsArchive             *self);
GBytes       *ts_archive_read_entry        (TsArchive             *self,
                                            GCancellable          *cancellable,
                                            GError               **error);
guint64       ts_archive_get_bytes_read    (TsArchive             *self);
guint64       ts_archive_get_bytes_expanded (TsArchive            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsArchive, ts_archive_free)

G_END_DECLS

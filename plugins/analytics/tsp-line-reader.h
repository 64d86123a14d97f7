/* tsp-line-reader.h — lines of bounded length from a byte stream, and gunzip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <touchstone.h>

G_BEGIN_DECLS

/* Reads up to @count bytes; 0 at the end, -1 with @error set. */
typedef gssize (*TspReadFunc) (gpointer       source,
                               guint8        *buffer,
                               gsize          count,
                               GCancellable  *cancellable,
                               GError       **error);

gssize tsp_read_input_stream (gpointer       stream,
                              guint8        *buffer,
                              gsize          count,
                              GCancellable  *cancellable,
                              GError       **error);
gssize tsp_read_archive      (gpointer       archive,
                              guint8        *buffer,
                              gsize          count,
                              GCancellable  *cancellable,
                              GError       **error);

typedef struct _TspLineReader TspLineReader;

TspLineReader *tsp_line_reader_new             (TspReadFunc    read,
                                                gpointer       source,
                                                gsize          max_line);
void           tsp_line_reader_free            (TspLineReader *self);
gboolean       tsp_line_reader_next            (TspLineReader *self,
                                                const char   **line,
                                                gsize         *len,
                                                gboolean      *too_long,
                                                GCancellable  *cancellable,
                                                GError       **error);
void           tsp_line_reader_set_limit       (TspLineReader *self,
                                                guint64        limit);
guint64        tsp_line_reader_get_line_number (TspLineReader *self);
guint64        tsp_line_reader_get_bytes       (TspLineReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TspLineReader, tsp_line_reader_free)

typedef struct _TspGunzip TspGunzip;

TspGunzip     *tsp_gunzip_new                  (TspReadFunc            read,
                                                gpointer               source,
                                                const char            *name,
                                                const TsArchiveLimits *limits);
void           tsp_gunzip_free                 (TspGunzip     *self);
gssize         tsp_gunzip_read                 (gpointer       self,
                                                guint8        *buffer,
                                                gsize          count,
                                                GCancellable  *cancellable,
                                                GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TspGunzip, tsp_gunzip_free)

G_END_DECLS

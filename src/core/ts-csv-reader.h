/* ts-csv-reader.h — CSV as real exports write it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-types.h"

G_BEGIN_DECLS

#define TS_CSV_ERROR (ts_csv_error_quark ())

typedef enum
{
  TS_CSV_ERROR_IO,
  TS_CSV_ERROR_ENCODING,
  TS_CSV_ERROR_UNTERMINATED_QUOTE,
  TS_CSV_ERROR_NUL_BYTE,
  TS_CSV_ERROR_TOO_MANY_FIELDS,
  TS_CSV_ERROR_RECORD_TOO_LONG,
} TsCsvError;

/* A record with more fields than a spreadsheet has columns is refused… */
#define TS_CSV_MAX_FIELDS 16384
/* … and so is one longer than this many bytes (a line of 100 MB is not a record). */
#define TS_CSV_MAX_RECORD_BYTES (32u << 20)

typedef enum
{
  TS_CSV_ENCODING_AUTO = 0,
  TS_CSV_ENCODING_UTF8,
  TS_CSV_ENCODING_UTF16LE,
  TS_CSV_ENCODING_UTF16BE,
  TS_CSV_ENCODING_WINDOWS_1252,
} TsCsvEncoding;

typedef struct
{
  char          delimiter;   /* 0: sniff from the data */
  TsCsvEncoding encoding;    /* AUTO: byte order mark, then UTF-8, else Windows-1252 */
} TsCsvOptions;

typedef struct
{
  const char *data;          /* not NUL-terminated */
  gsize       len;
} TsCsvField;

typedef struct _TsCsvCursor TsCsvCursor;

#define TS_TYPE_CSV_READER (ts_csv_reader_get_type ())

GQuark             ts_csv_error_quark             (void);
void               ts_csv_append_field            (GString            *out,
                                                   const char         *text);
GType              ts_csv_reader_get_type         (void) G_GNUC_CONST;

TsCsvReader       *ts_csv_reader_new_for_path     (const char         *path,
                                                   const TsCsvOptions *options,
                                                   GError            **error);
TsCsvReader       *ts_csv_reader_new_for_bytes    (const char         *display_name,
                                                   GBytes             *bytes,
                                                   const TsCsvOptions *options,
                                                   GError            **error);
TsCsvReader       *ts_csv_reader_ref              (TsCsvReader        *self);
void               ts_csv_reader_unref            (TsCsvReader        *self);

const char        *ts_csv_reader_get_path         (TsCsvReader        *self);
char               ts_csv_reader_get_delimiter    (TsCsvReader        *self);
TsCsvEncoding      ts_csv_reader_get_encoding     (TsCsvReader        *self);
const char        *ts_csv_reader_get_encoding_name (TsCsvReader       *self);
gboolean           ts_csv_reader_get_has_bom      (TsCsvReader        *self);
gboolean           ts_csv_reader_get_had_sep_line (TsCsvReader        *self);
const char        *ts_csv_reader_get_data         (TsCsvReader        *self,
                                                   gsize              *len);
guint64            ts_csv_reader_get_first_line   (TsCsvReader        *self);
GPtrArray         *ts_csv_reader_get_notes        (TsCsvReader        *self);
guint64            ts_csv_reader_count_quotes     (TsCsvReader        *self,
                                                   gsize               start,
                                                   gsize               end);
gsize              ts_csv_reader_find_record_start (TsCsvReader       *self,
                                                    gsize              from,
                                                    gboolean           in_quotes);
gsize             *ts_csv_reader_split            (TsCsvReader        *self,
                                                   guint               n_chunks,
                                                   guint              *out_n_bounds);
GPtrArray         *ts_csv_reader_read_records     (TsCsvReader        *self,
                                                   guint               max_records,
                                                   GError            **error);

TsCsvCursor       *ts_csv_cursor_new              (TsCsvReader        *reader,
                                                   gsize               start,
                                                   gsize               stop,
                                                   guint64             first_line);
void               ts_csv_cursor_free             (TsCsvCursor        *self);
void               ts_csv_cursor_set_skipped      (TsCsvCursor        *self,
                                                   const guint8       *skip,
                                                   guint               n_columns);
gboolean           ts_csv_cursor_next             (TsCsvCursor        *self,
                                                   GError            **error);
gboolean           ts_csv_cursor_next_batch       (TsCsvCursor        *self,
                                                   guint               max_records,
                                                   GError            **error);
const TsCsvField  *ts_csv_cursor_get_batch        (TsCsvCursor        *self,
                                                   guint              *n_records,
                                                   const guint       **record_ends,
                                                   const guint64     **record_lines);
const TsCsvField  *ts_csv_cursor_get_fields       (TsCsvCursor        *self,
                                                   guint              *n_fields);
guint64            ts_csv_cursor_get_line         (TsCsvCursor        *self);
guint64            ts_csv_cursor_get_next_line    (TsCsvCursor        *self);
gsize              ts_csv_cursor_get_offset       (TsCsvCursor        *self);
guint64            ts_csv_cursor_get_n_trailing_text (TsCsvCursor     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCsvReader, ts_csv_reader_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsCsvCursor, ts_csv_cursor_free)

G_END_DECLS

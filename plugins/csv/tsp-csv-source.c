/* tsp-csv-source.c — the CSV data source
 *
 * Reads one CSV file into one canonical table.  Which table is guessed from
 * the headers (and the file name), each column's field from header synonyms,
 * each time column's format from a sample of its values (with the day/month
 * order decided per column and reported); a mapping overrides any guess.
 * Large files are cut at record boundaries into pieces, several per core,
 * which the cores take in turn, each piece into its own builder (those of
 * one core share its strings).  Problems in rows are warnings with line and
 * column, the first of each kind listed in the file's order; a file that
 * cannot be read at all is an error.  Columns of fields
 * the mapping does not want are skipped: split into fields like the others
 * (so lines and quotes are checked), but neither parsed nor interned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsp-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#ifdef G_OS_UNIX
# include <sys/mman.h>
#endif

#include "tsp-csv-source.h"

#define SAMPLE_RECORDS 1000
#define MAX_WARNINGS_PER_KIND 20
#define PROGRESS_EVERY 65536
#define PARALLEL_MIN_BYTES (8 * 1024 * 1024)
#define RELEASE_EVERY (16 * 1024 * 1024)
#define PIECE_MIN_BYTES (4 * 1024 * 1024)
#define PIECES_PER_CORE 16

struct _TspCsvSource
{
  GObject parent_instance;
};

static void ts_source_iface_init (TsSourceInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TspCsvSource, tsp_csv_source, G_TYPE_OBJECT, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (TS_TYPE_SOURCE, ts_source_iface_init))

void
tsp_csv_source_register (GTypeModule *module)
{
  tsp_csv_source_register_type (module);
}

static void
tsp_csv_source_class_init (TspCsvSourceClass *klass)
{
}

static void
tsp_csv_source_class_finalize (TspCsvSourceClass *klass)
{
}

static void
tsp_csv_source_init (TspCsvSource *self)
{
}

/* ---------------------------------------------------------------------- */
/* describe and probe                                                     */

static const char *
tsp_csv_source_get_id (TsSource *source)
{
  return "csv";
}

static const char *
tsp_csv_source_get_name (TsSource *source)
{
  return _("CSV files");
}

static const char *const *
tsp_csv_source_get_patterns (TsSource *source)
{
  static const char *const patterns[] = { "*.csv", "*.tsv", "*.txt", NULL };
  return patterns;
}

static guint
tsp_csv_source_probe (TsSource     *source,
                      GFile        *file,
                      GCancellable *cancellable)
{
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *lower = g_ascii_strdown (base, -1);
  g_autoptr(GFileInputStream) in = NULL;
  guint8 buf[4096];
  gssize n;
  guint score = 0;
  gboolean utf16 = FALSE;

  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv"))
    score = 80;
  else if (g_str_has_suffix (lower, ".txt"))
    score = 50;

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) != G_FILE_TYPE_REGULAR)
    return 0;

  in = g_file_read (file, cancellable, NULL);
  if (in == NULL)
    return score;
  n = g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf, cancellable, NULL);
  if (n <= 0)
    return score;   /* empty: let the import say so */

  /* archives and compressed files are other plugins' business */
  if ((n >= 4 && memcmp (buf, "PK\003\004", 4) == 0) || (n >= 2 && buf[0] == 0x1f && buf[1] == 0x8b))
    return 0;
  if (n >= 2 && ((buf[0] == 0xFF && buf[1] == 0xFE) || (buf[0] == 0xFE && buf[1] == 0xFF)))
    utf16 = TRUE;
  if (!utf16 && memchr (buf, '\0', n) != NULL)
    return MIN (score, 10);   /* binary; the import names the byte */
  if (score == 0)
    {
      /* a text file with no telling extension: does it look like CSV? */
      const guint8 *nl = memchr (buf, '\n', n);
      if (nl && (memchr (buf, ',', nl - buf) || memchr (buf, ';', nl - buf) ||
                 memchr (buf, '\t', nl - buf)))
        score = 30;
    }
  return score;
}

static TsCsvReader *
open_reader (GFile      *file,
             TsMapping  *mapping,
             GError    **error)
{
  g_autofree char *path = g_file_get_path (file);
  TsCsvOptions options = { 0, };

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_FAILED,
                   _("%s: only local files can be read"), uri);
      return NULL;
    }

  options.delimiter = ts_mapping_get_delimiter (mapping);
  options.encoding = ts_mapping_get_encoding (mapping);
  return ts_csv_reader_new_for_path (path, &options, error);
}

static GPtrArray *
tsp_csv_source_preview (TsSource      *source,
                        GFile         *file,
                        TsMapping     *mapping,
                        guint          max_records,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(TsCsvReader) reader = open_reader (file, mapping, error);

  if (reader == NULL)
    return NULL;
  return ts_csv_reader_read_records (reader, max_records, error);
}

/* ---------------------------------------------------------------------- */
/* import                                                                 */

typedef enum
{
  WARN_RAGGED,
  WARN_BAD_TIME,
  WARN_BAD_NUMBER,
  WARN_BAD_BOOLEAN,
  WARN_NO_CUSTOMER,
  WARN_NO_TIME,
  WARN_NOT_UTF8,
  N_WARN_KINDS
} WarnKind;

typedef struct
{
  int          field;       /* -1: not used */
  TsFieldType  type;
  TsTimeFormat format;
  GTimeZone   *zone;        /* NULL: UTC */
  char        *name;
  gboolean     to_properties;
  gboolean     ignored;      /* the mapping says so */
  gboolean     skipped;      /* its field is not wanted: not read */
} Column;

typedef struct
{
  char              *path;
  TsCsvReader       *reader;
  TsTable            table;
  guint              n_fields;
  Column            *columns;
  guint              n_columns;
  guint             *read;           /* the columns read, in order */
  guint              n_read;
  guint             *strings;        /* those of them that are interned */
  guint              n_strings;
  guint8            *skip;           /* per column: 1 when its text is not read */
  TsValue           *null_row;       /* per-field defaults, constants included */
  char             **constant_text;  /* per field, or NULL */
  const char *const *null_markers;
  gsize             *marker_len;
  guint8             marker_first[256];   /* first bytes of the markers */
  guint              max_marker_len;
  int                required_time_field;
  guint              n_keep;         /* the mapping's "keep": rows with one of */
  guint             *keep_column;    /* keep_values[k] in column keep_column[k] */
  char            ***keep_values;
  gboolean           has_extras;
  TsStrPool         *constants_pool;
  double             bytes_per_row;
  gsize              data_len;
  GCancellable      *cancellable;
  TsImportJob       *job;
  guint              n_workers;
} Plan;

typedef struct
{
  WarnKind  kind;
  guint64   line;        /* from the piece's first line, 1; 0: none */
  guint     column;
  char     *message;
} Warning;

typedef struct
{
  Plan             *plan;
  guint             index;
  gsize             start;
  gsize             stop;
  guint64           first_line;
  TsDatasetBuilder *builder;
  TsValue           null_row[TS_MAX_ROW_FIELDS];
  guint64           lines;        /* lines consumed */
  gsize             end_offset;
  guint64           rows;
  guint64           records;
  guint64           trailing_text;   /* fields with text after their closing quote */
  guint64           left_out;        /* rows the mapping's "keep" leaves out */
  guint64           warn_count[N_WARN_KINDS];
  GArray           *warnings;     /* the first of each kind, in order */
  GError           *error;
  GString          *props;
} Worker;

static void
plan_clear (Plan *plan)
{
  for (guint c = 0; plan->columns != NULL && c < plan->n_columns; c++)
    {
      g_clear_pointer (&plan->columns[c].zone, g_time_zone_unref);
      g_free (plan->columns[c].name);
    }
  g_free (plan->columns);
  g_free (plan->read);
  g_free (plan->strings);
  g_free (plan->skip);
  g_free (plan->null_row);
  g_free (plan->marker_len);
  if (plan->constant_text)
    for (guint f = 0; f < plan->n_fields; f++)
      g_free (plan->constant_text[f]);
  g_free (plan->constant_text);
  for (guint k = 0; k < plan->n_keep; k++)
    g_strfreev (plan->keep_values[k]);
  g_free (plan->keep_values);
  g_free (plan->keep_column);
  g_clear_pointer (&plan->reader, ts_csv_reader_unref);
  g_free (plan->path);
}

static inline gboolean
is_null (const Plan *plan,
         const char *data,
         gsize       len)
{
  if (len == 0)
    return TRUE;
  if (len > plan->max_marker_len || !plan->marker_first[(guchar) data[0]])
    return FALSE;
  for (guint i = 0; plan->null_markers[i]; i++)
    if (plan->marker_len[i] == len && memcmp (plan->null_markers[i], data, len) == 0)
      return TRUE;
  return FALSE;
}

static void
warn (Worker     *w,
      WarnKind    kind,
      guint64     line,
      guint       column,
      const char *format,
      ...) G_GNUC_PRINTF (5, 6);

static void
warn (Worker     *w,
      WarnKind    kind,
      guint64     line,
      guint       column,
      const char *format,
      ...)
{
  va_list args;
  Warning warning = { kind, line, column, NULL };

  if (w->warn_count[kind]++ >= MAX_WARNINGS_PER_KIND)
    return;
  va_start (args, format);
  warning.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (w->warnings, warning);
}

static void
warning_clear (Warning *warning)
{
  g_free (warning->message);
}

static void
release_pages (Plan  *plan,
               gsize  from,
               gsize  to)
{
#ifdef G_OS_UNIX
  /* The records before @to are done: drop their pages from this process's
   * memory (they stay in the page cache), so that importing a file larger
   * than memory does not count the whole file in our resident set. */
  gsize len;
  const char *data = ts_csv_reader_get_data (plan->reader, &len);
  gsize page = 4096;
  guintptr a = ((guintptr) (data + from) + page - 1) & ~(guintptr) (page - 1);
  guintptr b = ((guintptr) (data + to)) & ~(guintptr) (page - 1);

  if (b > a)
    madvise ((void *) a, b - a, MADV_DONTNEED);
#endif
}

#define BATCH_RECORDS 64

/* Whether a record is one the mapping's "keep" keeps: in each of its
 * columns, one of its values (ASCII case aside). */
static gboolean
is_kept (const Plan       *plan,
         const TsCsvField *f,
         guint             n)
{
  for (guint k = 0; k < plan->n_keep; k++)
    {
      guint c = plan->keep_column[k];
      const char *data = c < n ? f[c].data : "";
      gsize len = c < n ? f[c].len : 0;
      gboolean found = FALSE;

      for (char **v = plan->keep_values[k]; *v && !found; v++)
        found = strlen (*v) == len && g_ascii_strncasecmp (*v, data, len) == 0;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static inline gboolean
is_string_column (const Column *col)
{
  return col->field >= 0 && !col->skipped &&
         (col->type == TS_FIELD_TYPE_STRING || col->type == TS_FIELD_TYPE_PROPERTIES);
}

/* One record into one row.  @hashes holds the pool hash of each string cell. */
static void
process_record (Worker           *w,
                TsStrPool        *pool,
                const TsCsvField *f,
                guint             n,
                guint64           line,
                const guint32    *hashes,
                guint64          *repaired)
{
  Plan *plan = w->plan;
  TsValue row[TS_MAX_ROW_FIELDS];
  gboolean keep = TRUE;

  if (G_UNLIKELY (n != plan->n_columns))
    {
      if (n == 1 && f[0].len == 0)
        return;
      warn (w, WARN_RAGGED, line, MIN (n, plan->n_columns) + 1,
            n > plan->n_columns
              ? _("%u fields where the header has %u: the extra fields are ignored")
              : _("%u fields where the header has %u: the missing fields are empty"),
            n, plan->n_columns);
    }

  if (plan->n_keep > 0 && !is_kept (plan, f, n))
    {
      w->left_out++;
      return;
    }

  w->records++;
  memcpy (row, w->null_row, plan->n_fields * sizeof (TsValue));
  if (plan->has_extras)
    g_string_truncate (w->props, 0);

  for (guint i = 0; i < plan->n_read && plan->read[i] < n; i++)
    {
      guint c = plan->read[i];
      const Column *col = &plan->columns[c];
      const char *data = f[c].data;
      gsize len = f[c].len;

      if (col->field < 0)
        {
          if (col->to_properties && !is_null (plan, data, len))
            {
              g_string_append_c (w->props, w->props->len == 0 ? '{' : ',');
              ts_json_text_append_string (w->props, col->name, -1);
              g_string_append_c (w->props, ':');
              ts_json_text_append_string (w->props, data, len);
            }
          continue;
        }
      if (is_null (plan, data, len))
        continue;

      switch (col->type)
        {
        case TS_FIELD_TYPE_STRING:
        case TS_FIELD_TYPE_PROPERTIES:
          row[col->field].str = ts_str_pool_intern_hashed (pool, data, len, hashes[c]);
          break;
        case TS_FIELD_TYPE_TIME:
          if (!ts_timestamp_parse (data, len, col->format, col->zone, &row[col->field].time))
            {
              row[col->field].time = TS_TIME_NULL;
              warn (w, WARN_BAD_TIME, line, c + 1,
                    _("column “%s”: cannot read “%.*s” as a time (%s)"),
                    col->name, (int) MIN (len, 64), data, ts_time_format_describe (col->format));
            }
          break;
        case TS_FIELD_TYPE_NUMBER:
          if (!ts_number_parse (data, len, &row[col->field].number))
            {
              row[col->field].number = NAN;
              warn (w, WARN_BAD_NUMBER, line, c + 1,
                    _("column “%s”: “%.*s” is not a number"),
                    col->name, (int) MIN (len, 64), data);
            }
          break;
        case TS_FIELD_TYPE_BOOLEAN:
          {
            gboolean b;
            if (ts_boolean_parse (data, len, &b))
              row[col->field].flag = b ? 1 : 0;
            else
              warn (w, WARN_BAD_BOOLEAN, line, c + 1,
                    _("column “%s”: “%.*s” is neither true nor false"),
                    col->name, (int) MIN (len, 64), data);
          }
          break;
        case TS_FIELD_TYPE_CONSENT:
          row[col->field].flag = ts_consent_parse (data, len);
          break;
        default:
          break;
        }
    }

  if (plan->has_extras && w->props->len > 0)
    {
      g_string_append_c (w->props, '}');
      if (row[TS_EVENT_PROPERTIES].str == TS_STR_NULL)
        row[TS_EVENT_PROPERTIES].str = ts_str_pool_intern (pool, w->props->str, w->props->len);
      else
        {
          /* splice the extra columns into the properties object */
          const char *orig = ts_str_pool_get (pool, row[TS_EVENT_PROPERTIES].str);
          gsize olen = strlen (orig);
          if (olen >= 2 && orig[0] == '{' && orig[olen - 1] == '}')
            {
              g_string_truncate (w->props, w->props->len - 1);
              if (olen > 2)
                {
                  g_string_append_c (w->props, ',');
                  g_string_append_len (w->props, orig + 1, olen - 2);
                }
              g_string_append_c (w->props, '}');
              row[TS_EVENT_PROPERTIES].str = ts_str_pool_intern (pool, w->props->str, w->props->len);
            }
        }
    }

  if (G_UNLIKELY (ts_str_pool_get_n_repaired (pool) != *repaired))
    {
      *repaired = ts_str_pool_get_n_repaired (pool);
      warn (w, WARN_NOT_UTF8, line, 0,
            _("text that is not UTF-8 was read as Windows-1252"));
    }

  if (plan->table == TS_TABLE_CUSTOMERS && row[TS_CUSTOMER_ID].str == TS_STR_NULL)
    row[TS_CUSTOMER_ID].str = row[TS_CUSTOMER_EMAIL].str;   /* known by e-mail only */

  if (row[0].str == TS_STR_NULL)
    {
      warn (w, WARN_NO_CUSTOMER, line, 0, _("no customer id: the row is skipped"));
      keep = FALSE;
    }
  else if (plan->required_time_field >= 0 && row[plan->required_time_field].time == TS_TIME_NULL)
    {
      warn (w, WARN_NO_TIME, line, 0, _("no readable time: the row is skipped"));
      keep = FALSE;
    }

  if (keep)
    {
      ts_dataset_builder_append (w->builder, plan->table, row);
      w->rows++;
    }
}

static gboolean
parse_range (Worker *w)
{
  Plan *plan = w->plan;
  g_autoptr(TsCsvCursor) cursor = ts_csv_cursor_new (plan->reader, w->start, w->stop, w->first_line);
  TsStrPool *pool = ts_dataset_builder_get_strings (w->builder);
  guint nc = MAX (plan->n_columns, 1);
  g_autofree guint32 *hashes = g_new0 (guint32, (gsize) BATCH_RECORDS * nc);
  guint64 repaired = ts_str_pool_get_n_repaired (pool);
  guint64 n_records = 0;
  gsize released = w->start;
  GError *error = NULL;

  ts_csv_cursor_set_skipped (cursor, plan->skip, plan->n_columns);
  while (ts_csv_cursor_next_batch (cursor, BATCH_RECORDS, &error))
    {
      guint n_batch;
      const guint *ends;
      const guint64 *lines;
      const TsCsvField *fields = ts_csv_cursor_get_batch (cursor, &n_batch, &ends, &lines);

      /* Interning is bound by cache misses on the pool's table and texts.
       * Hash every string cell of the batch and start loading its slot,
       * then its text, before looking any up: the misses overlap. */
      for (guint r = 0; r < n_batch; r++)
        {
          guint first = r > 0 ? ends[r - 1] : 0;
          guint n = ends[r] - first;

          for (guint i = 0; i < plan->n_strings && plan->strings[i] < n; i++)
            {
              guint c = plan->strings[i];
              guint32 h = ts_str_pool_hash (fields[first + c].data, fields[first + c].len);

              hashes[(gsize) r * nc + c] = h;
              ts_str_pool_prefetch (pool, h);
            }
        }
      for (guint r = 0; r < n_batch; r++)
        {
          guint first = r > 0 ? ends[r - 1] : 0;
          guint n = ends[r] - first;

          for (guint i = 0; i < plan->n_strings && plan->strings[i] < n; i++)
            ts_str_pool_prefetch_text (pool, hashes[(gsize) r * nc + plan->strings[i]]);
        }
      for (guint r = 0; r < n_batch; r++)
        {
          guint first = r > 0 ? ends[r - 1] : 0;
          process_record (w, pool, fields + first, ends[r] - first, lines[r],
                          hashes + (gsize) r * nc, &repaired);
        }

      n_records += n_batch;
      if (G_UNLIKELY (n_records >= PROGRESS_EVERY))
        {
          gsize off = ts_csv_cursor_get_offset (cursor);

          n_records = 0;
          if (g_cancellable_is_cancelled (plan->cancellable))
            return FALSE;
          if (plan->n_workers == 1)
            ts_import_job_update (plan->job, (double) off / MAX (plan->data_len, 1), NULL);
          if (off - released >= RELEASE_EVERY)
            {
              release_pages (plan, released, off - 1);
              released = off - 1;
            }
        }
    }

  w->lines = ts_csv_cursor_get_next_line (cursor) - w->first_line;
  w->trailing_text = ts_csv_cursor_get_n_trailing_text (cursor);
  w->end_offset = ts_csv_cursor_get_offset (cursor);

  if (error != NULL)
    {
      w->error = error;
      return FALSE;
    }
  return TRUE;
}

static void
worker_clear (Worker *w)
{
  g_clear_object (&w->builder);
  g_clear_error (&w->error);
  g_clear_pointer (&w->warnings, g_array_unref);
  if (w->props)
    g_string_free (w->props, TRUE);
  w->props = NULL;
}

static void
workers_free (Worker *workers,
              guint   n)
{
  if (workers == NULL)
    return;
  for (guint i = 0; i < n; i++)
    worker_clear (&workers[i]);
  g_free (workers);
}

static gboolean
workers_ok (Worker *workers,
            guint   n)
{
  for (guint i = 0; i < n; i++)
    {
      if (workers[i].error != NULL)
        return FALSE;
      if (i + 1 < n && workers[i].end_offset != workers[i + 1].start)
        return FALSE;
    }
  return TRUE;
}

/* Readies @w to parse [@start, @stop) into a new builder, which shares the
 * strings of @strings_of when given (a piece after another on one thread). */
static void
worker_init (Worker           *w,
             Plan             *plan,
             guint             index,
             gsize             start,
             gsize             stop,
             guint64           first_line,
             TsDatasetBuilder *strings_of)
{
  TsStrPool *pool;

  w->plan = plan;
  w->index = index;
  w->start = start;
  w->stop = stop;
  w->first_line = first_line;
  w->builder = strings_of ? ts_dataset_builder_new_sharing_strings (strings_of)
                          : ts_dataset_builder_new ();
  w->props = g_string_new (NULL);
  w->warnings = g_array_new (FALSE, FALSE, sizeof (Warning));
  g_array_set_clear_func (w->warnings, (GDestroyNotify) warning_clear);
  if (plan->bytes_per_row > 0 && stop > start)
    ts_dataset_builder_reserve (w->builder, plan->table,
                                (guint) MIN ((stop - start) / plan->bytes_per_row * 1.05 + 16,
                                             (double) G_MAXUINT32 / 2));

  /* the row template's constants, in this builder's own strings */
  pool = ts_dataset_builder_get_strings (w->builder);
  memcpy (w->null_row, plan->null_row, plan->n_fields * sizeof (TsValue));
  for (guint f = 0; f < plan->n_fields; f++)
    {
      TsFieldType type = ts_table_get_field (plan->table, f)->type;
      if ((type == TS_FIELD_TYPE_STRING || type == TS_FIELD_TYPE_PROPERTIES) &&
          plan->null_row[f].str != TS_STR_NULL)
        w->null_row[f].str = ts_str_pool_intern (pool,
                                                 ts_str_pool_get (plan->constants_pool, plan->null_row[f].str),
                                                 ts_str_pool_get_length (plan->constants_pool, plan->null_row[f].str));
    }
}

/* A large file is parsed in pieces, several per core, which the cores take
 * in turn (a core slowed by other work takes fewer).  A piece starts at the
 * first line end outside quotes after its cut: whether the cut is inside
 * quotes is the parity of the quotes before it, which the thread that takes
 * a piece counts (in the piece's own bytes, which it then parses while they
 * are fresh) and the prefix of those counts gives.  The pieces one thread
 * takes share its strings, so that they merge with one translation. */
typedef struct
{
  Plan      *plan;
  Worker    *pieces;
  guint      n_pieces;
  gsize     *cut;        /* n_pieces + 1 */
  guint64   *quotes;     /* per piece, from its cut to the next */
  guint8    *state;      /* per piece: 0 not counted, 1 counting, 2 counted */
  GMutex     lock;
  GCond      counted;
  gint       next;       /* the next piece to take (atomic) */
  gint       done;       /* pieces parsed (atomic) */
} Pieces;

/* Counts the quotes of pieces 0 … @last, those no other thread is counting,
 * and waits for the others'. */
static void
count_quotes_through (Pieces *pc,
                      guint   last)
{
  for (guint k = 0; k <= last; k++)
    {
      /* its own piece first, then any before it still uncounted */
      guint i = k == 0 ? last : k - 1;
      gboolean mine = FALSE;

      g_mutex_lock (&pc->lock);
      if (pc->state[i] == 0)
        {
          pc->state[i] = 1;
          mine = TRUE;
        }
      g_mutex_unlock (&pc->lock);
      if (!mine)
        continue;

      {
        guint64 n = ts_csv_reader_count_quotes (pc->plan->reader, pc->cut[i], pc->cut[i + 1]);
        g_mutex_lock (&pc->lock);
        pc->quotes[i] = n;
        pc->state[i] = 2;
        g_cond_broadcast (&pc->counted);
        g_mutex_unlock (&pc->lock);
      }
    }

  g_mutex_lock (&pc->lock);
  for (guint i = 0; i <= last; i++)
    while (pc->state[i] != 2)
      g_cond_wait (&pc->counted, &pc->lock);
  g_mutex_unlock (&pc->lock);
}

/* Where piece @j starts: the first record after its cut. */
static gsize
piece_start (Pieces *pc,
             guint   j)
{
  guint64 parity = 0;

  if (j == 0 || j == pc->n_pieces)
    return pc->cut[j];
  for (guint i = 0; i < j; i++)
    parity += pc->quotes[i];
  return ts_csv_reader_find_record_start (pc->plan->reader, pc->cut[j], (parity & 1) != 0);
}

static gpointer
pieces_thread (gpointer data)
{
  Pieces *pc = data;
  TsDatasetBuilder *first = NULL;   /* the strings this thread's pieces share */
  guint j;

  while ((j = (guint) g_atomic_int_add (&pc->next, 1)) < pc->n_pieces)
    {
      Worker *w = &pc->pieces[j];
      gsize start, stop;

      if (g_cancellable_is_cancelled (pc->plan->cancellable))
        break;
      count_quotes_through (pc, MIN (j, pc->n_pieces - 2));
      start = piece_start (pc, j);
      stop = piece_start (pc, j + 1);
      worker_init (w, pc->plan, j, start, MAX (start, stop), 1, first);
      if (first == NULL)
        first = w->builder;
      parse_range (w);
      release_pages (pc->plan, w->start, w->end_offset);
      {
        gint done = g_atomic_int_add (&pc->done, 1) + 1;
        if (first == pc->pieces[0].builder)   /* one thread reports */
          ts_import_job_update (pc->plan->job, (double) done / pc->n_pieces, NULL);
      }
    }
  return NULL;
}

/* Parses [@start, @end) in @n_pieces pieces on @n_threads threads. */
static Worker *
run_pieces (Plan  *plan,
            gsize  start,
            gsize  end,
            guint  n_pieces,
            guint  n_threads)
{
  Pieces pc = { 0, };
  g_autofree GThread **threads = g_new0 (GThread *, n_threads);

  pc.plan = plan;
  pc.n_pieces = n_pieces;
  pc.pieces = g_new0 (Worker, n_pieces);
  pc.cut = g_new (gsize, n_pieces + 1);
  pc.quotes = g_new0 (guint64, n_pieces);
  pc.state = g_new0 (guint8, n_pieces);
  g_mutex_init (&pc.lock);
  g_cond_init (&pc.counted);
  for (guint i = 0; i <= n_pieces; i++)
    pc.cut[i] = start + (gsize) ((double) (end - start) * i / n_pieces);
  pc.cut[n_pieces] = end;

  plan->n_workers = n_pieces;
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("tsp-csv", pieces_thread, &pc);
  pieces_thread (&pc);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  g_mutex_clear (&pc.lock);
  g_cond_clear (&pc.counted);
  g_free (pc.cut);
  g_free (pc.quotes);
  g_free (pc.state);
  return pc.pieces;
}

/* Parses [@start, @stop) in one piece, on this thread. */
static Worker *
run_one (Plan    *plan,
         gsize    start,
         gsize    stop,
         guint64  first_line)
{
  Worker *w = g_new0 (Worker, 1);

  plan->n_workers = 1;
  worker_init (w, plan, 0, start, stop, first_line, NULL);
  parse_range (w);
  return w;
}

static gboolean
is_qualtrics_import_row (const TsCsvField *f,
                         guint             n)
{
  guint hits = 0;

  for (guint i = 0; i < n; i++)
    if (f[i].len > 12 && memcmp (f[i].data, "{\"ImportId\"", 11) == 0)
      hits++;
  return n > 0 && hits * 2 >= n;
}

static const char *
guess_response_kind (const char *header)
{
  g_autofree char *norm = ts_schema_normalize_header (header, -1);

  if (strstr (norm, "nps") || strstr (norm, "recommend"))
    return "nps";
  if (strstr (norm, "csat") || strstr (norm, "satisf"))
    return "csat";
  if (strstr (norm, "ces") || strstr (norm, "effort"))
    return "ces";
  return NULL;
}

static int
required_time_field (TsTable table)
{
  switch (table)
    {
    case TS_TABLE_EVENTS: return TS_EVENT_AT;
    case TS_TABLE_TOUCHES: return TS_TOUCH_AT;
    case TS_TABLE_RESPONSES: return TS_RESPONSE_AT;
    case TS_TABLE_CASES: return TS_CASE_OPENED_AT;
    case TS_TABLE_CUSTOMERS:
    case TS_TABLE_LISTS:
    case TS_N_TABLES:
    case TS_TABLE_NONE:
    default: return -1;
    }
}

static char *
delimiter_name (char d)
{
  switch (d)
    {
    case ',': return g_strdup (_("comma"));
    case ';': return g_strdup (_("semicolon"));
    case '\t': return g_strdup (_("tab"));
    case '|': return g_strdup (_("pipe"));
    default: return g_strdup_printf ("“%c”", d);
    }
}

static gboolean
tsp_csv_source_import (TsSource         *source,
                       GFile            *file,
                       TsMapping        *mapping,
                       TsDatasetBuilder *builder,
                       TsImportJob      *job,
                       GCancellable     *cancellable,
                       GError          **error)
{
  Plan plan = { 0, };
  TsSourceInfo *info;
  g_autoptr(TsCsvCursor) head = NULL;
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autofree int *auto_fields = NULL;
  g_autofree char *delim = NULL;
  gsize data_len;
  gsize body_start;
  guint64 body_line;
  GError *local_error = NULL;
  gboolean ok = FALSE;
  int score = 0;
  guint nf;
  const TsCsvField *f;

  plan.path = g_file_get_path (file);
  plan.reader = open_reader (file, mapping, error);
  if (plan.reader == NULL)
    goto out;
  plan.cancellable = cancellable;
  plan.job = job;
  ts_csv_reader_get_data (plan.reader, &data_len);
  plan.data_len = data_len;

  info = ts_dataset_builder_add_source (builder, plan.path, "csv");
  delim = delimiter_name (ts_csv_reader_get_delimiter (plan.reader));
  ts_source_info_set_detail (info, "encoding", ts_csv_reader_get_encoding_name (plan.reader));
  ts_source_info_set_detail (info, "delimiter", delim);
  if (ts_csv_reader_get_has_bom (plan.reader))
    ts_source_info_add_note (info, _("the file starts with a byte order mark (removed)"));
  if (ts_csv_reader_get_had_sep_line (plan.reader))
    ts_source_info_add_note (info, _("the first line names the delimiter (Excel's “sep=”)"));
  {
    GPtrArray *notes = ts_csv_reader_get_notes (plan.reader);
    for (guint i = 0; i < notes->len; i++)
      {
        ts_source_info_add_note (info, notes->pdata[i]);
        ts_dataset_builder_add_problem (builder, plan.path, 0, 0, "%s", (char *) notes->pdata[i]);
      }
  }

  /* the header */
  head = ts_csv_cursor_new (plan.reader, 0, data_len, ts_csv_reader_get_first_line (plan.reader));
  if (!ts_csv_cursor_next (head, &local_error))
    {
      if (local_error)
        g_propagate_prefixed_error (error, local_error, "%s: ", plan.path);
      else
        g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_EMPTY,
                     _("%s: the file is empty"), plan.path);
      goto out;
    }
  f = ts_csv_cursor_get_fields (head, &nf);
  if (ts_mapping_get_header (mapping))
    {
      for (guint i = 0; i < nf; i++)
        {
          char *name = g_utf8_make_valid (f[i].data, f[i].len);
          g_strstrip (name);
          if (*name == '\0')
            {
              g_free (name);
              name = g_strdup_printf ("column %u", i + 1);
            }
          g_ptr_array_add (headers, name);
        }
      body_start = ts_csv_cursor_get_offset (head);
      body_line = ts_csv_cursor_get_next_line (head);
    }
  else
    {
      for (guint i = 0; i < nf; i++)
        g_ptr_array_add (headers, g_strdup_printf ("column %u", i + 1));
      body_start = 0;
      body_line = ts_csv_reader_get_first_line (plan.reader);
    }
  g_ptr_array_add (headers, NULL);
  plan.n_columns = nf;

  /* Qualtrics: question texts and ImportIds in rows 2 and 3 */
  {
    g_autoptr(TsCsvCursor) peek = ts_csv_cursor_new (plan.reader, body_start, data_len, body_line);
    if (ts_csv_cursor_next (peek, NULL) && ts_csv_cursor_next (peek, NULL))
      {
        guint n3;
        const TsCsvField *f3 = ts_csv_cursor_get_fields (peek, &n3);
        if (is_qualtrics_import_row (f3, n3))
          {
            /* question ids (Q1, QID2_TEXT) say less than the question texts of row 2 */
            g_autoptr(TsCsvCursor) texts = ts_csv_cursor_new (plan.reader, body_start, data_len, body_line);
            if (ts_csv_cursor_next (texts, NULL))
              {
                guint n2;
                const TsCsvField *f2 = ts_csv_cursor_get_fields (texts, &n2);
                for (guint c = 0; c < nf && c < n2; c++)
                  {
                    const char *name = headers->pdata[c];
                    if ((name[0] == 'Q' || name[0] == 'q') && g_ascii_isdigit (name[1]) && f2[c].len > 0)
                      {
                        g_free (headers->pdata[c]);
                        headers->pdata[c] = g_utf8_make_valid (f2[c].data, f2[c].len);
                      }
                  }
              }
            body_start = ts_csv_cursor_get_offset (peek);
            body_line = ts_csv_cursor_get_next_line (peek);
            ts_source_info_add_note (info, _("a Qualtrics export: the question-text and ImportId rows are skipped"));
          }
      }
  }

  /* which table */
  plan.table = ts_mapping_get_table (mapping);
  if (plan.table == TS_TABLE_NONE)
    {
      g_autofree char *base = g_path_get_basename (plan.path);
      plan.table = ts_schema_guess_table ((const char *const *) headers->pdata, nf, base, &score);
      if (plan.table == TS_TABLE_NONE)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) headers->pdata);
          g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_UNKNOWN_TABLE,
                       _("%s: line %" PRIu64 ": cannot tell which table this file holds "
                         "from its header (%s). Customers need %s; events need %s; cases need %s; "
                         "touches need %s; responses need %s. Name the table and columns in a mapping."),
                       plan.path, ts_csv_reader_get_first_line (plan.reader), list,
                       ts_schema_describe_requirement (TS_TABLE_CUSTOMERS),
                       ts_schema_describe_requirement (TS_TABLE_EVENTS),
                       ts_schema_describe_requirement (TS_TABLE_CASES),
                       ts_schema_describe_requirement (TS_TABLE_TOUCHES),
                       ts_schema_describe_requirement (TS_TABLE_RESPONSES));
          goto out;
        }
      ts_source_info_set_detail (info, "table_guessed_from", "header");
    }
  else
    ts_source_info_set_detail (info, "table_guessed_from", "mapping");
  ts_source_info_add_table (info, plan.table);
  plan.n_fields = ts_table_get_n_fields (plan.table);
  plan.required_time_field = required_time_field (plan.table);

  /* which field each column fills */
  auto_fields = g_new0 (int, MAX (nf, 1));
  ts_schema_map_columns (plan.table, (const char *const *) headers->pdata, nf, auto_fields);
  plan.columns = g_new0 (Column, MAX (nf, 1));
  for (guint c = 0; c < nf; c++)
    {
      Column *col = &plan.columns[c];
      const char *field_name = NULL;
      TsTimeFormat format = TS_TIME_FORMAT_UNKNOWN;
      GTimeZone *zone = NULL;

      col->name = g_strdup (headers->pdata[c]);
      if (ts_mapping_lookup_column (mapping, col->name, &field_name, &format, &zone))
        {
          col->field = field_name ? ts_table_find_field (plan.table, field_name) : -1;
          col->ignored = field_name == NULL;
          if (field_name && col->field < 0)
            {
              g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_MISSING_COLUMN,
                           _("%s: the mapping sends column “%s” to “%s”, which the %s table does not have"),
                           plan.path, col->name, field_name, ts_table_get_name (plan.table));
              g_clear_pointer (&zone, g_time_zone_unref);
              goto out;
            }
        }
      else
        col->field = auto_fields[c];
      col->format = format;
      col->zone = zone;
    }
  /* a field named twice: the first column wins */
  for (guint c = 0; c < nf; c++)
    for (guint d = 0; d < c; d++)
      if (plan.columns[c].field >= 0 && plan.columns[c].field == plan.columns[d].field)
        plan.columns[c].field = -1;

  {
    /* a field the mapping gives a constant has a value in every row: an
     * export of one kind of event (course completions) names it so */
    guint n_fields = ts_table_get_n_fields (plan.table), n = nf;
    g_autofree int *fields = g_new0 (int, nf + n_fields + 1);
    for (guint c = 0; c < nf; c++)
      fields[c] = plan.columns[c].field;
    for (guint k = 0; k < n_fields; k++)
      if (ts_mapping_get_constant (mapping, ts_table_get_field (plan.table, k)->name))
        fields[n++] = (int) k;
    if (!ts_schema_table_has_required (plan.table, fields, n))
      {
        g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_MISSING_COLUMN,
                     _("%s: line %" PRIu64 ": a %s file needs %s"),
                     plan.path, ts_csv_reader_get_first_line (plan.reader),
                     ts_table_get_name (plan.table), ts_schema_describe_requirement (plan.table));
        goto out;
      }
  }

  for (guint c = 0; c < nf; c++)
    {
      Column *col = &plan.columns[c];
      if (col->field >= 0)
        {
          col->type = ts_table_get_field (plan.table, col->field)->type;
          col->skipped = !ts_mapping_is_field_wanted (mapping, plan.table, col->field);
        }
      else if (plan.table == TS_TABLE_EVENTS && !col->ignored)
        {
          col->to_properties = TRUE;
          col->skipped = !ts_mapping_is_field_wanted (mapping, plan.table, TS_EVENT_PROPERTIES);
          plan.has_extras |= !col->skipped;
        }
    }

  /* the columns read, and which of them are interned */
  plan.read = g_new0 (guint, MAX (nf, 1));
  plan.strings = g_new0 (guint, MAX (nf, 1));
  plan.skip = g_new0 (guint8, MAX (nf, 1));
  for (guint c = 0; c < nf; c++)
    {
      const Column *col = &plan.columns[c];

      if (col->skipped || (col->field < 0 && !col->to_properties))
        {
          /* the first stays whole: an empty one-field record is a blank row */
          plan.skip[c] = c > 0;
          continue;
        }
      plan.read[plan.n_read++] = c;
      if (is_string_column (col))
        plan.strings[plan.n_strings++] = c;
    }

  /* the mapping's "keep": the columns that say which rows to keep are read
   * whatever they map to */
  {
    g_auto(GStrv) keep = ts_mapping_get_keep_columns (mapping);

    plan.n_keep = g_strv_length (keep);
    plan.keep_column = g_new0 (guint, MAX (plan.n_keep, 1));
    plan.keep_values = g_new0 (char **, MAX (plan.n_keep, 1));
    for (guint k = 0; k < plan.n_keep; k++)
      {
        guint c = 0;

        while (c < nf && g_strcmp0 (plan.columns[c].name, keep[k]) != 0)
          c++;
        plan.keep_values[k] = ts_mapping_get_keep_values (mapping, keep[k]);
        if (c == nf)
          {
            g_autofree char *list = g_strjoinv (", ", (char **) headers->pdata);
            g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_MISSING_COLUMN,
                         _("%s: line %" PRIu64 ": the mapping keeps rows by column “%s”, "
                           "which the header does not have (%s)"),
                         plan.path, ts_csv_reader_get_first_line (plan.reader), keep[k], list);
            goto out;
          }
        plan.keep_column[k] = c;
        plan.skip[c] = 0;
      }
  }

  if (plan.table == TS_TABLE_CUSTOMERS)
    {
      gboolean has_id = FALSE;
      for (guint c = 0; c < nf; c++)
        has_id |= plan.columns[c].field == TS_CUSTOMER_ID;
      if (!has_id)
        ts_source_info_add_note (info, _("no customer id column: customers are identified by e-mail"));
    }

  /* rows get every field's default, and the mapping's constants */
  plan.null_row = g_new0 (TsValue, TS_MAX_ROW_FIELDS);
  ts_dataset_builder_clear_row (plan.table, plan.null_row);
  for (guint fi = 0; fi < plan.n_fields; fi++)
    {
      const TsFieldInfo *fld = ts_table_get_field (plan.table, fi);
      const char *constant = ts_mapping_get_constant (mapping, fld->name);
      gboolean mapped = FALSE;

      for (guint c = 0; c < nf; c++)
        mapped |= plan.columns[c].field == (int) fi;

      if (constant == NULL && plan.table == TS_TABLE_RESPONSES && fi == TS_RESPONSE_KIND && !mapped)
        {
          for (guint c = 0; c < nf && constant == NULL; c++)
            if (plan.columns[c].field == TS_RESPONSE_SCORE)
              constant = guess_response_kind (plan.columns[c].name);
          if (constant)
            {
              g_autofree char *note = g_strdup_printf (_("every response is of kind “%s” (from the score column's name)"), constant);
              ts_source_info_add_note (info, note);
            }
          else
            ts_source_info_add_note (info, _("no kind column: response kinds are unknown (set constants.kind in a mapping: nps, csat or ces)"));
        }
      if (constant == NULL || !ts_mapping_is_field_wanted (mapping, plan.table, fi))
        continue;
      switch (fld->type)
        {
        case TS_FIELD_TYPE_STRING:
        case TS_FIELD_TYPE_PROPERTIES:
          plan.null_row[fi].str = ts_dataset_builder_intern (builder, constant, strlen (constant));
          break;
        case TS_FIELD_TYPE_NUMBER:
          ts_number_parse (constant, strlen (constant), &plan.null_row[fi].number);
          break;
        case TS_FIELD_TYPE_TIME:
          ts_timestamp_parse (constant, strlen (constant), TS_TIME_FORMAT_ISO8601, NULL, &plan.null_row[fi].time);
          break;
        case TS_FIELD_TYPE_BOOLEAN:
          {
            gboolean b;
            if (ts_boolean_parse (constant, strlen (constant), &b))
              plan.null_row[fi].flag = b;
          }
          break;
        case TS_FIELD_TYPE_CONSENT:
          plan.null_row[fi].flag = ts_consent_parse (constant, strlen (constant));
          break;
        default:
          break;
        }
    }

  plan.null_markers = ts_mapping_get_null_markers (mapping);
  plan.marker_len = g_new0 (gsize, g_strv_length ((char **) plan.null_markers) + 1);
  for (guint i = 0; plan.null_markers[i]; i++)
    {
      plan.marker_len[i] = strlen (plan.null_markers[i]);
      plan.max_marker_len = MAX (plan.max_marker_len, plan.marker_len[i]);
      plan.marker_first[(guchar) plan.null_markers[i][0]] = 1;
    }

  /* time formats: from the mapping, else from a sample of the values */
  {
    TsTimeGuess *guesses = g_new0 (TsTimeGuess, MAX (nf, 1));
    g_autoptr(TsCsvCursor) sample = ts_csv_cursor_new (plan.reader, body_start, data_len, body_line);
    guint n_sampled = 0;
    gsize sample_bytes = 0;
    GTimeZone *default_zone = ts_mapping_get_time_zone (mapping);
    TsTimeFormat default_format = ts_mapping_get_time_format (mapping);

    while (n_sampled < SAMPLE_RECORDS && ts_csv_cursor_next (sample, NULL))
      {
        guint n;
        const TsCsvField *sf = ts_csv_cursor_get_fields (sample, &n);
        for (guint c = 0; c < nf && c < n; c++)
          if (plan.columns[c].type == TS_FIELD_TYPE_TIME && plan.columns[c].field >= 0 &&
              !plan.columns[c].skipped && !is_null (&plan, sf[c].data, sf[c].len))
            ts_time_guess_add (&guesses[c], sf[c].data, sf[c].len);
        n_sampled++;
      }
    sample_bytes = ts_csv_cursor_get_offset (sample) - body_start;

    for (guint c = 0; c < nf; c++)
      {
        Column *col = &plan.columns[c];
        g_autofree char *detail = NULL;

        if (col->field < 0)
          {
            ts_source_info_set_column (info, col->name, plan.table, NULL,
                                       col->skipped ? _("not read: its field is not wanted")
                                       : col->to_properties ? _("kept in properties") : _("not used"));
            continue;
          }
        if (col->skipped)
          {
            ts_source_info_set_column (info, col->name, plan.table,
                                       ts_table_get_field (plan.table, col->field)->name,
                                       _("not read: its field is not wanted"));
            continue;
          }

        if (col->type == TS_FIELD_TYPE_TIME)
          {
            gboolean ambiguous = FALSE;
            const char *how = _("from the mapping");

            if (col->zone == NULL && default_zone != NULL)
              col->zone = g_time_zone_ref (default_zone);
            if (col->format == TS_TIME_FORMAT_UNKNOWN)
              col->format = default_format;
            if (col->format == TS_TIME_FORMAT_UNKNOWN)
              {
                col->format = ts_time_guess_decide (&guesses[c], &ambiguous);
                how = _("guessed from the values");
                if (col->format == TS_TIME_FORMAT_UNKNOWN)
                  {
                    g_autofree char *note = NULL;
                    col->format = TS_TIME_FORMAT_ISO8601;
                    if (guesses[c].n_samples > 0)
                      {
                        note = g_strdup_printf (_("column “%s”: the values are in no known time format; read as ISO 8601"),
                                                col->name);
                        ts_source_info_add_note (info, note);
                      }
                  }
                else if (ambiguous)
                  {
                    g_autofree char *note =
                      g_strdup_printf (_("column “%s”: no value tells day from month; %s assumed "
                                         "(set \"time_format\" in a mapping to change it)"),
                                       col->name, ts_time_format_describe (col->format));
                    ts_source_info_add_note (info, note);
                    ts_dataset_builder_add_problem (builder, plan.path, 0, c + 1, "%s", note);
                  }
              }
            detail = g_strdup_printf ("%s, %s%s%s", ts_time_format_describe (col->format), how,
                                      col->zone ? ", " : "",
                                      col->zone ? g_time_zone_get_identifier (col->zone) : "");
          }

        ts_source_info_set_column (info, col->name, plan.table,
                                   ts_table_get_field (plan.table, col->field)->name, detail);
      }
    g_free (guesses);

    if (n_sampled > 0 && sample_bytes > 0)
      plan.bytes_per_row = (double) sample_bytes / n_sampled;
  }

  /* parse, on every core for a large file */
  plan.constants_pool = ts_dataset_builder_get_strings (builder);
  {
    guint n_cpus = MAX (1, MIN (g_get_num_processors (), 16));
    Worker *workers = NULL;
    guint n_workers = 0;
    guint64 line = body_line;

    if (data_len - body_start >= PARALLEL_MIN_BYTES && n_cpus > 1)
      {
        n_workers = (guint) CLAMP ((data_len - body_start) / PIECE_MIN_BYTES, 2, n_cpus * PIECES_PER_CORE);
        workers = run_pieces (&plan, body_start, data_len, n_workers, n_cpus);
        if (!workers_ok (workers, n_workers) || workers[n_workers - 1].end_offset != data_len)
          {
            /* A bare quote fooled the cut, or a piece hit an error: parse the
             * whole file in one piece, which also names the exact line. */
            g_debug ("%s: parsing again in one piece", plan.path);
            workers_free (workers, n_workers);
            workers = NULL;
          }
      }
    if (workers == NULL && !g_cancellable_is_cancelled (cancellable))
      {
        n_workers = 1;
        workers = run_one (&plan, body_start, data_len, body_line);
        line = 1;   /* its lines are the file's */
      }

    if (g_cancellable_set_error_if_cancelled (cancellable, error))
      {
        workers_free (workers, n_workers);
        goto out;
      }

    if (workers[0].error != NULL)
      {
        g_propagate_prefixed_error (error, g_steal_pointer (&workers[0].error), "%s: ", plan.path);
        workers_free (workers, n_workers);
        goto out;
      }

    {
      guint64 rows = 0, records = 0, trailing_text = 0, left_out = 0;
      guint64 warn_count[N_WARN_KINDS] = { 0, };
      guint listed[N_WARN_KINDS] = { 0, };
      static const char *const kind_names[N_WARN_KINDS] = {
        N_("rows with the wrong number of fields"),
        N_("unreadable times"),
        N_("unreadable numbers"),
        N_("unreadable booleans"),
        N_("rows without a customer id"),
        N_("rows without a time"),
        N_("rows with text that is not UTF-8"),
      };

      /* the pieces in order: their warnings, the first of each kind with
       * the file's line numbers, then their rows */
      for (guint i = 0; i < n_workers; i++)
        {
          Worker *w = &workers[i];

          for (guint k = 0; k < w->warnings->len; k++)
            {
              const Warning *warning = &g_array_index (w->warnings, Warning, k);

              if (listed[warning->kind]++ >= MAX_WARNINGS_PER_KIND)
                continue;
              ts_dataset_builder_add_problem (builder, plan.path,
                                              warning->line > 0 ? warning->line + line - 1 : 0,
                                              warning->column, "%s", warning->message);
            }
          line += w->lines;
          rows += w->rows;
          records += w->records;
          trailing_text += w->trailing_text;
          left_out += w->left_out;
          for (guint k = 0; k < N_WARN_KINDS; k++)
            warn_count[k] += w->warn_count[k];
          ts_dataset_builder_merge (builder, w->builder);
        }
      for (guint k = 0; k < N_WARN_KINDS; k++)
        if (warn_count[k] > MAX_WARNINGS_PER_KIND)
          ts_dataset_builder_add_problem (builder, plan.path, 0, 0,
                                          _("%" PRIu64 " %s in all (only the first %u are listed)"),
                                          warn_count[k], _(kind_names[k]), MAX_WARNINGS_PER_KIND);
      if (trailing_text > 0)
        ts_dataset_builder_add_problem (builder, plan.path, 0, 0,
                                        g_dngettext (GETTEXT_PACKAGE,
                                                     "%" PRIu64 " field has text after its closing quote (as in \"abc\"def): kept as one value",
                                                     "%" PRIu64 " fields have text after their closing quote (as in \"abc\"def): kept as one value",
                                                     trailing_text),
                                        trailing_text);
      if (plan.n_keep > 0)
        {
          g_autoptr(GString) kept = g_string_new (NULL);
          g_autofree char *note = NULL;

          for (guint k = 0; k < plan.n_keep; k++)
            {
              g_autofree char *values = g_strjoinv (" | ", plan.keep_values[k]);

              if (k > 0)
                g_string_append (kept, "; ");
              g_string_append_printf (kept, "%s = %s", plan.columns[plan.keep_column[k]].name, values);
            }
          /* Translators: a number of rows, then what the mapping keeps, e.g. "status = completed" */
          note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%" PRIu64 " row left out: the mapping keeps only rows with %s",
                                               "%" PRIu64 " rows left out: the mapping keeps only rows with %s",
                                               left_out),
                                  left_out, kept->str);
          ts_source_info_add_note (info, note);
        }
      ts_source_info_add_rows (info, plan.table, rows);
      ts_source_info_add_records (info, records);
      ts_source_info_add_dropped (info, TS_DROP_NO_IDENTITY, warn_count[WARN_NO_CUSTOMER]);
      ts_source_info_add_dropped (info, TS_DROP_UNPARSEABLE, warn_count[WARN_NO_TIME]);
      if (rows == 0)
        ts_dataset_builder_add_problem (builder, plan.path, 0, 0, _("the file has a header but no rows"));
    }

    workers_free (workers, n_workers);
  }

  ts_import_job_update (job, 1.0, NULL);
  ok = TRUE;

out:
  plan_clear (&plan);
  return ok;
}

static void
ts_source_iface_init (TsSourceInterface *iface)
{
  iface->get_id = tsp_csv_source_get_id;
  iface->get_name = tsp_csv_source_get_name;
  iface->get_patterns = tsp_csv_source_get_patterns;
  iface->probe = tsp_csv_source_probe;
  iface->import = tsp_csv_source_import;
  iface->preview = tsp_csv_source_preview;
}

/* tsp-analytics-source.c — the product-analytics data source
 *
 * Reads event exports of Segment, Mixpanel, Amplitude, GA4 (BigQuery JSON)
 * and PostHog: JSON lines, plain, gzipped, or in a zip (Amplitude's export
 * is a zip of hourly gzipped files).  Everything is streamed: a line at a
 * time through one fixed buffer, so the memory an import takes grows with
 * the rows it keeps, not with the file.
 *
 * Which tool wrote a file (or each entry of a zip) is decided from its
 * first records; a record that does not fit is counted unparseable.  Each
 * record becomes an event row, a customer row (identify calls, traits), or
 * an alias that ties an anonymous or device id to the user it turned out
 * to be.  Nothing is dropped silently: every record that does not become a
 * row is counted by reason, and the first few of each reason are listed as
 * problems with their line and JSON path.  docs/analytics.md has the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsp-analytics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tsp-analytics-formats.h"
#include "tsp-analytics-source.h"
#include "tsp-fast-json.h"
#include "tsp-line-reader.h"

#define MAX_LINE (16 * 1024 * 1024)
#define MAX_LISTED 20               /* problems listed per drop reason */
#define CHECK_EVERY 4096            /* lines between progress and cancellation checks */
#define DETECT_VOTES 8              /* records that decide a file's format */
#define DETECT_MAX_LINES 256        /* lines held back while deciding */
#define DETECT_MAX_BYTES (16 * 1024 * 1024)
#define PROBE_MAX_LINES 32
#define PROBE_MAX_BYTES (1024 * 1024)
#define PROBE_MAX_ENTRIES 8

struct _TspAnalyticsSource
{
  GObject parent_instance;
};

static void ts_source_iface_init (TsSourceInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TspAnalyticsSource, tsp_analytics_source, G_TYPE_OBJECT, G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (TS_TYPE_SOURCE, ts_source_iface_init))

void
tsp_analytics_source_register (GTypeModule *module)
{
  tsp_analytics_source_register_type (module);
}

static void
tsp_analytics_source_class_init (TspAnalyticsSourceClass *klass)
{
}

static void
tsp_analytics_source_class_finalize (TspAnalyticsSourceClass *klass)
{
}

static void
tsp_analytics_source_init (TspAnalyticsSource *self)
{
}

static const char *
tsp_analytics_source_get_id (TsSource *source)
{
  return "analytics";
}

static const char *
tsp_analytics_source_get_name (TsSource *source)
{
  return _("Product analytics exports");
}

static const char *const *
tsp_analytics_source_get_patterns (TsSource *source)
{
  static const char *const patterns[] = { "*.json", "*.jsonl", "*.ndjson", "*.gz", "*.zip", NULL };
  return patterns;
}

/* ---------------------------------------------------------------------- */
/* files, compressed files and archives, as members of lines              */

typedef enum
{
  CONTAINER_PLAIN,
  CONTAINER_COMPRESSED,   /* one gzip, bzip2 or xz stream */
  CONTAINER_ARCHIVE,      /* zip, tar: entries */
} Container;

typedef struct
{
  const char    *path;
  const char    *entry;        /* NULL: the file itself */
  TspLineReader *lines;
  TsArchive     *archive;      /* NULL for a plain file */
  guint64        size;
} Member;

/* Returns FALSE to stop (with @error set on failure). */
typedef gboolean (*MemberFunc) (Member   *member,
                                gpointer  user_data,
                                GError  **error);

typedef struct
{
  TsArchive *archive;
  guint8     head[2];
  gsize      head_len;
  gsize      head_pos;
} EntryReader;

static gssize
entry_read (gpointer       data,
            guint8        *buffer,
            gsize          count,
            GCancellable  *cancellable,
            GError       **error)
{
  EntryReader *e = data;

  if (e->head_pos < e->head_len)
    {
      gsize n = MIN (count, e->head_len - e->head_pos);
      memcpy (buffer, e->head + e->head_pos, n);
      e->head_pos += n;
      return (gssize) n;
    }
  return ts_archive_read (e->archive, buffer, count, cancellable, error);
}

static Container
sniff_container (const char *path,
                 gboolean   *is_tar)
{
  guint8 head[8] = { 0, };
  g_autofree char *lower = g_ascii_strdown (path, -1);
  FILE *f = fopen (path, "rb");
  gsize n = 0;

  *is_tar = g_str_has_suffix (lower, ".tar") || g_str_has_suffix (lower, ".tar.gz") ||
            g_str_has_suffix (lower, ".tgz") || g_str_has_suffix (lower, ".tar.bz2") ||
            g_str_has_suffix (lower, ".tar.xz");
  if (f != NULL)
    {
      n = fread (head, 1, sizeof head, f);
      fclose (f);
    }
  if (n >= 4 && (memcmp (head, "PK\003\004", 4) == 0 || memcmp (head, "PK\005\006", 4) == 0))
    return CONTAINER_ARCHIVE;
  if ((n >= 2 && head[0] == 0x1f && head[1] == 0x8b) || (n >= 3 && memcmp (head, "BZh", 3) == 0) ||
      (n >= 6 && memcmp (head, "\xfd" "7zXZ\0", 6) == 0))
    return *is_tar ? CONTAINER_ARCHIVE : CONTAINER_COMPRESSED;
  return CONTAINER_PLAIN;
}

/* Entries of an archive worth reading: JSON lines, maybe gzipped. */
static gboolean
entry_is_json (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  const char *base = strrchr (lower, '/');

  base = base ? base + 1 : lower;
  if (g_str_has_prefix (lower, "__macosx/") || base[0] == '.')
    return FALSE;
  if (g_str_has_suffix (lower, ".gz"))
    lower[strlen (lower) - 3] = '\0';
  return g_str_has_suffix (lower, ".json") || g_str_has_suffix (lower, ".jsonl") ||
         g_str_has_suffix (lower, ".ndjson") || g_str_has_suffix (lower, ".gz");
}

/* Returns whether to go on; sets @error on failure. */
static gboolean
read_member (Member      *m,
             TspReadFunc  read,
             gpointer     source,
             gsize        limit,
             MemberFunc   func,
             gpointer     user_data,
             GError     **error)
{
  g_autoptr(TspLineReader) lines = tsp_line_reader_new (read, source, limit > 0 ? limit : MAX_LINE);
  gboolean go_on;

  if (limit > 0)
    tsp_line_reader_set_limit (lines, limit);
  m->lines = lines;
  go_on = func (m, user_data, error);
  m->lines = NULL;
  return go_on;
}

/**
 * for_each_member:
 * @skipped: (nullable): receives the names of archive entries not read
 *
 * @limit: 0, or the bytes of each member to read at most (when probing)
 *
 * Calls @func with a line reader for the file, or for each JSON entry of
 * an archive (gunzipping `.json.gz` entries).  Stops when @func returns
 * %FALSE, after @max_members members (0: all), or on an error.
 */
static gboolean
for_each_member (const char    *path,
                 guint          max_members,
                 gsize          limit,
                 GPtrArray     *skipped,
                 MemberFunc     func,
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) finfo = NULL;
  gboolean is_tar = FALSE;
  Container container;
  Member m = { path, NULL, NULL, NULL, 0 };
  GError *local_error = NULL;

  finfo = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                             cancellable, &local_error);
  if (finfo == NULL)
    {
      g_propagate_prefixed_error (error, local_error, "%s: ", path);
      return FALSE;
    }
  m.size = (guint64) g_file_info_get_size (finfo);

  container = sniff_container (path, &is_tar);
  if (container == CONTAINER_PLAIN)
    {
      g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, &local_error);
      if (in == NULL)
        {
          g_propagate_prefixed_error (error, local_error, "%s: ", path);
          return FALSE;
        }
      read_member (&m, tsp_read_input_stream, in, limit, func, user_data, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      return TRUE;
    }

  {
    g_autoptr(TsArchive) archive = ts_archive_open (path, NULL, error);
    const char *name;
    guint n_members = 0;

    if (archive == NULL)
      return FALSE;
    m.archive = archive;

    for (;;)
      {
        EntryReader reader = { archive, { 0, }, 0, 0 };
        g_autofree char *label = NULL;
        gboolean go_on;

        if (g_cancellable_set_error_if_cancelled (cancellable, error))
          return FALSE;
        if (!ts_archive_next_entry (archive, &name, &local_error))
          {
            if (local_error != NULL)
              {
                g_propagate_error (error, local_error);
                return FALSE;
              }
            return TRUE;
          }
        if (container == CONTAINER_ARCHIVE && !entry_is_json (name))
          {
            if (skipped)
              g_ptr_array_add (skipped, g_strdup (name));
            continue;
          }

        m.entry = container == CONTAINER_ARCHIVE ? name : NULL;
        label = m.entry ? g_strdup_printf (_("%s: entry “%s”"), path, name) : g_strdup (path);

        /* a gzipped entry, as Amplitude's are: gunzip it too */
        while (reader.head_len < 2)
          {
            gssize n = ts_archive_read (archive, reader.head + reader.head_len, 2 - reader.head_len,
                                        cancellable, error);
            if (n < 0)
              return FALSE;
            if (n == 0)
              break;
            reader.head_len += (gsize) n;
          }
        if (reader.head_len == 2 && reader.head[0] == 0x1f && reader.head[1] == 0x8b)
          {
            g_autoptr(TspGunzip) gunzip = tsp_gunzip_new (entry_read, &reader, label, NULL);
            go_on = read_member (&m, tsp_gunzip_read, gunzip, limit, func, user_data, &local_error);
          }
        else
          go_on = read_member (&m, entry_read, &reader, limit, func, user_data, &local_error);

        if (local_error != NULL)
          {
            g_propagate_error (error, local_error);
            return FALSE;
          }
        if (!go_on || (max_members > 0 && ++n_members >= max_members) || container != CONTAINER_ARCHIVE)
          return TRUE;
      }
  }
}

static inline gboolean
is_blank (const char *line,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* probe                                                                  */

typedef struct
{
  JsonParser *parser;
  TspFormat   format;
  guint       members;
} Probe;

static gboolean
probe_member (Member   *m,
              gpointer  user_data,
              GError  **error)
{
  Probe *p = user_data;
  const char *line;
  gsize len;
  gboolean too_long;
  guint n = 0;

  p->members++;
  while (n < PROBE_MAX_LINES &&
         tsp_line_reader_next (m->lines, &line, &len, &too_long, NULL, NULL))
    {
      JsonNode *root;

      if (too_long || is_blank (line, len))
        continue;
      n++;
      if (len == 0 || line[0] != '{')
        continue;
      if (!ts_json_parser_load (p->parser, NULL, line, (gssize) len, NULL))
        continue;
      root = json_parser_get_root (p->parser);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        continue;
      p->format = tsp_format_classify (json_node_get_object (root));
      if (p->format != TSP_FORMAT_NONE)
        return FALSE;   /* decided: stop */
    }
  return TRUE;
}

static guint
tsp_analytics_source_probe (TsSource     *source,
                            GFile        *file,
                            GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *lower = NULL;
  g_autoptr(GError) error = NULL;
  Probe p = { NULL, TSP_FORMAT_NONE, 0 };

  if (path == NULL ||
      g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) != G_FILE_TYPE_REGULAR)
    return 0;

  p.parser = json_parser_new_immutable ();
  for_each_member (path, PROBE_MAX_ENTRIES, PROBE_MAX_BYTES, NULL, probe_member, &p, cancellable, &error);
  g_object_unref (p.parser);

  if (p.format != TSP_FORMAT_NONE)
    return 90;

  /* A zip that cannot be listed (an unsafe entry, a damaged file) is still
   * claimed, faintly, so that the import says what is wrong with it. */
  lower = g_ascii_strdown (path, -1);
  if (error != NULL && p.members == 0 && g_str_has_suffix (lower, ".zip"))
    return 10;
  return 0;
}

/* ---------------------------------------------------------------------- */
/* import                                                                 */

/* The records' dedupe keys seen so far (64-bit hashes of their message ids),
 * in open-addressing tables chosen by the key's top byte.  Each table grows
 * on its own, by half, so growing copies a few kilobytes at a time and the
 * set takes 11–16 bytes a key: one table grown by doubling holds the old and
 * the new slots at once, up to 48 bytes a key, the dataset's own size. */
#define SEEN_SHARDS 256
#define SEEN_FIRST_CAP 64

typedef struct
{
  guint64 *slots;
  guint32  cap;
  guint32  n;
} SeenShard;

typedef struct
{
  SeenShard *shards;   /* SEEN_SHARDS of them, allocated on the first key */
} Seen;

/* The slot a key starts its probe at: its low 32 bits scaled to @cap. */
static inline guint32
seen_home (guint64 key,
           guint32 cap)
{
  return (guint32) (((guint64) (guint32) key * cap) >> 32);
}

static void
seen_grow (SeenShard *sh)
{
  guint32 cap = sh->cap == 0 ? SEEN_FIRST_CAP : sh->cap + sh->cap / 2;
  guint64 *slots = g_new0 (guint64, cap);

  for (guint32 j = 0; j < sh->cap; j++)
    if (sh->slots[j] != 0)
      {
        guint32 k = seen_home (sh->slots[j], cap);
        while (slots[k] != 0)
          k = k + 1 == cap ? 0 : k + 1;
        slots[k] = sh->slots[j];
      }
  g_free (sh->slots);
  sh->slots = slots;
  sh->cap = cap;
}

/* Adds @key; FALSE when it was there already. */
static gboolean
seen_add (Seen    *s,
          guint64  key)
{
  SeenShard *sh;
  guint32 i;

  if (key == 0)
    key = 1;
  if (s->shards == NULL)
    s->shards = g_new0 (SeenShard, SEEN_SHARDS);
  sh = &s->shards[key >> 56];
  /* at most 80% full */
  if (((guint64) sh->n + 1) * 5 > (guint64) sh->cap * 4)
    seen_grow (sh);
  for (i = seen_home (key, sh->cap); sh->slots[i] != 0; i = i + 1 == sh->cap ? 0 : i + 1)
    if (sh->slots[i] == key)
      return FALSE;
  sh->slots[i] = key;
  sh->n++;
  return TRUE;
}

static void
seen_clear (Seen *s)
{
  if (s->shards == NULL)
    return;
  for (guint i = 0; i < SEEN_SHARDS; i++)
    g_free (s->shards[i].slots);
  g_clear_pointer (&s->shards, g_free);
}

/* Sets bit @id; returns whether it was set already. */
static gboolean
bit_test_and_set (GByteArray *bits,
                  guint32     id)
{
  guint byte = id / 8;
  guint8 mask = (guint8) (1u << (id % 8));
  gboolean was;

  if (byte >= bits->len)
    {
      guint old = bits->len;
      g_byte_array_set_size (bits, MAX (byte + 1, old * 2));
      memset (bits->data + old, 0, bits->len - old);
    }
  was = (bits->data[byte] & mask) != 0;
  bits->data[byte] |= mask;
  return was;
}

typedef struct
{
  guint64  line;
  char    *text;       /* NULL: too long */
  gsize    len;
} Pending;

static void
pending_free (Pending *p)
{
  g_free (p->text);
  g_free (p);
}

typedef struct
{
  /* the import */
  TsDatasetBuilder *builder;
  TsSourceInfo     *info;
  TsImportJob      *job;
  GCancellable     *cancellable;
  const char       *path;
  const char       *identity_key;     /* NULL: each tool's user id */
  char             *identity_key_dollar;
  TspDecodeOptions  opts;
  JsonParser       *parser;
  TspFastJson      *fast;             /* the member's bulk records, without a tree */
  TspRecord         rec;
  char              ext_buf[TSP_ID_BUF];

  /* the member being read */
  Member           *member;
  TspFormat         format;
  GPtrArray        *pending;
  gsize             pending_bytes;
  guint             votes[TSP_N_FORMATS];
  guint             n_votes;
  guint64           member_records;

  /* what came of it */
  guint64           records;
  guint64           rows[TS_N_TABLES];
  guint64           dropped[TS_N_DROP_REASONS];
  guint64           aliases;
  guint64           identity_records;
  guint64           format_records[TSP_N_FORMATS];
  guint             format_members[TSP_N_FORMATS];
  guint             n_members;
  guint             n_undecided;
  Seen              seen;
  GByteArray       *anonymous;        /* string ids already marked anonymous */
  GArray           *alias_to;         /* string id → the id it was aliased to, 0: none */
  GByteArray       *traits_done;      /* customers whose trait snapshot is in */
  guint32           channel_ids[4];
  guint64           lines_since_check;
} Import;

static void drop (Import       *im,
                  TsDropReason  reason,
                  guint64       line,
                  const char   *format,
                  ...) G_GNUC_PRINTF (4, 5);

static void
drop (Import       *im,
      TsDropReason  reason,
      guint64       line,
      const char   *format,
      ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  if (im->dropped[reason]++ >= MAX_LISTED)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (im->member && im->member->entry)
    ts_dataset_builder_add_problem (im->builder, im->path, line, 0, _("entry “%s”: %s"),
                                    im->member->entry, msg);
  else
    ts_dataset_builder_add_problem (im->builder, im->path, line, 0, "%s", msg);
}

static guint32
intern_anonymous (Import     *im,
                  const char *id)
{
  guint32 s = ts_dataset_builder_intern (im->builder, id, strlen (id));

  /* the core keeps one entry per call: mark each id once */
  if (!bit_test_and_set (im->anonymous, s))
    ts_dataset_builder_intern_anonymous (im->builder, id, strlen (id));
  return s;
}

static void
add_alias (Import  *im,
           guint32  from,
           guint32  to)
{
  /* the first alias of an id wins, in the core too: say it once */
  if (from == TS_STR_NULL || to == TS_STR_NULL || from == to)
    return;
  if (from >= im->alias_to->len)
    g_array_set_size (im->alias_to, MAX (from + 1, im->alias_to->len * 2));
  if (g_array_index (im->alias_to, guint32, from) != TS_STR_NULL)
    return;
  g_array_index (im->alias_to, guint32, from) = to;
  ts_dataset_builder_add_alias (im->builder, from, to);
  im->aliases++;
}

static guint32
aliased_to (Import  *im,
            guint32  from)
{
  return from < im->alias_to->len ? g_array_index (im->alias_to, guint32, from) : TS_STR_NULL;
}

static guint32
channel_id (Import     *im,
            const char *channel)
{
  static const char *const channels[] = { "web", "ios", "android", "server" };

  if (channel == NULL)
    return TS_STR_NULL;
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (strcmp (channel, channels[i]) == 0)
      {
        if (im->channel_ids[i] == TS_STR_NULL)
          im->channel_ids[i] = ts_dataset_builder_intern (im->builder, channels[i], strlen (channels[i]));
        return im->channel_ids[i];
      }
  return ts_dataset_builder_intern (im->builder, channel, strlen (channel));
}

/* The identity key's value (an e-mail, an external id), if the record has one. */
static const char *
lookup_identity (Import    *im,
                 TspRecord *r)
{
  for (guint i = 0; i < r->n_lookup; i++)
    {
      JsonNode *n = json_object_get_member (r->lookup[i], im->identity_key);
      const char *text = NULL;

      if (n == NULL)
        n = json_object_get_member (r->lookup[i], im->identity_key_dollar);
      if (n != NULL && tsp_json_scalar_text (n, im->ext_buf, sizeof im->ext_buf, &text) && text != NULL)
        return text;
    }
  return NULL;
}

/* A customer trait's time: ISO 8601, or epoch seconds/milliseconds. */
static gboolean
trait_time (JsonNode *n,
            TsTime   *out)
{
  double v;

  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (n);
      if (ts_timestamp_parse (s, strlen (s), TS_TIME_FORMAT_ISO8601, NULL, out))
        return TRUE;
    }
  if (tsp_json_number (n, &v))
    {
      *out = tsp_epoch_to_time (v, TS_TIME_FORMAT_UNKNOWN);
      return TRUE;
    }
  return FALSE;
}

static void
set_string_cell (Import   *im,
                 TsValue  *cell,
                 JsonNode *n)
{
  char buf[TSP_ID_BUF];
  const char *text = NULL;

  if (cell->str == TS_STR_NULL && tsp_json_scalar_text (n, buf, sizeof buf, &text) && text != NULL)
    cell->str = ts_dataset_builder_intern (im->builder, text, strlen (text));
}

/* Traits to customer fields, by the same synonyms as CSV headers; the first
 * value of a field wins.  `$email`, `createdAt`, `first_name` + `last_name`,
 * `company.id` are understood. */
static void
fill_customer (Import    *im,
               TspRecord *r,
               TsValue   *row)
{
  const char *first = NULL, *last = NULL;

  for (guint t = 0; t < r->n_traits; t++)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *n;

      json_object_iter_init_ordered (&iter, r->traits[t]);
      while (json_object_iter_next_ordered (&iter, &key, &n))
        {
          g_autofree char *norm = NULL;
          int field;

          if (JSON_NODE_HOLDS_NULL (n))
            continue;
          if (key[0] == '$')
            key++;
          norm = ts_schema_normalize_header (key, -1);

          if (g_str_equal (norm, "company") && JSON_NODE_HOLDS_OBJECT (n))
            {
              JsonObject *company = json_node_get_object (n);
              JsonNode *id = json_object_get_member (company, "id");
              set_string_cell (im, &row[TS_CUSTOMER_ACCOUNT_ID],
                               id ? id : json_object_get_member (company, "name"));
              continue;
            }
          if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
            {
              if (first == NULL && (g_str_equal (norm, "first_name") || g_str_equal (norm, "firstname")))
                first = json_node_get_string (n);
              if (last == NULL && (g_str_equal (norm, "last_name") || g_str_equal (norm, "lastname")))
                last = json_node_get_string (n);
            }

          field = ts_schema_match_header (TS_TABLE_CUSTOMERS, norm);
          if (field <= TS_CUSTOMER_ID)
            continue;
          switch (ts_table_get_field (TS_TABLE_CUSTOMERS, field)->type)
            {
            case TS_FIELD_TYPE_STRING:
              set_string_cell (im, &row[field], n);
              break;
            case TS_FIELD_TYPE_TIME:
              if (row[field].time == TS_TIME_NULL && !trait_time (n, &row[field].time))
                row[field].time = TS_TIME_NULL;
              break;
            case TS_FIELD_TYPE_NUMBER:
              if (isnan (row[field].number) && !tsp_json_number (n, &row[field].number))
                row[field].number = NAN;
              break;
            case TS_FIELD_TYPE_CONSENT:
              if (row[field].flag == TS_CONSENT_UNKNOWN && JSON_NODE_HOLDS_VALUE (n))
                {
                  if (json_node_get_value_type (n) == G_TYPE_BOOLEAN)
                    row[field].flag = json_node_get_boolean (n) ? TS_CONSENT_GRANTED : TS_CONSENT_DENIED;
                  else if (json_node_get_value_type (n) == G_TYPE_STRING)
                    row[field].flag = ts_consent_parse (json_node_get_string (n),
                                                        strlen (json_node_get_string (n)));
                }
              break;
            case TS_FIELD_TYPE_BOOLEAN:
            case TS_FIELD_TYPE_PROPERTIES:
            default:
              break;
            }
        }
    }

  if (row[TS_CUSTOMER_NAME].str == TS_STR_NULL && (first || last))
    {
      g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", first ? first : "", last ? last : ""));
      if (*name)
        row[TS_CUSTOMER_NAME].str = ts_dataset_builder_intern (im->builder, name, strlen (name));
    }
}

static void
append_customer (Import    *im,
                 TspRecord *r,
                 guint32    customer,
                 const char *group_id)
{
  TsValue row[TS_MAX_ROW_FIELDS];

  ts_dataset_builder_clear_row (TS_TABLE_CUSTOMERS, row);
  row[TS_CUSTOMER_ID].str = customer;
  if (group_id != NULL)
    row[TS_CUSTOMER_ACCOUNT_ID].str = ts_dataset_builder_intern (im->builder, group_id, strlen (group_id));
  fill_customer (im, r, row);
  ts_dataset_builder_append (im->builder, TS_TABLE_CUSTOMERS, row);
  im->rows[TS_TABLE_CUSTOMERS]++;
}

static const char *
identity_fields (TspFormat format)
{
  switch (format)
    {
    case TSP_FORMAT_SEGMENT: return "userId, anonymousId";
    case TSP_FORMAT_MIXPANEL: return "properties.distinct_id, $user_id, $device_id";
    case TSP_FORMAT_AMPLITUDE: return "user_id, device_id";
    case TSP_FORMAT_GA4: return "user_id, user_pseudo_id";
    case TSP_FORMAT_POSTHOG: return "distinct_id";
    case TSP_FORMAT_NONE:
    case TSP_N_FORMATS:
    default: return "";
    }
}

/* One decoded record into rows and aliases. */
static void
emit (Import    *im,
      TspRecord *r,
      guint64    line)
{
  guint32 customer = TS_STR_NULL, user = TS_STR_NULL, anon = TS_STR_NULL;
  const char *ext = NULL;

  if (r->has_dedupe_key && !seen_add (&im->seen, r->dedupe_key))
    {
      drop (im, TS_DROP_DUPLICATE, line, _("a duplicate of an earlier record (%s “%s”): skipped"),
            r->dedupe_label, r->dedupe_value);
      return;
    }

  if (r->kind == TSP_RECORD_ALIAS)
    {
      guint32 from = r->alias_from_anonymous ? intern_anonymous (im, r->alias_from)
                                             : ts_dataset_builder_intern (im->builder, r->alias_from,
                                                                          strlen (r->alias_from));
      guint32 to = ts_dataset_builder_intern (im->builder, r->alias_to, strlen (r->alias_to));
      add_alias (im, from, to);
      im->identity_records++;
      return;
    }

  if (im->identity_key != NULL)
    ext = lookup_identity (im, r);
  if (r->user_id != NULL)
    user = ts_dataset_builder_intern (im->builder, r->user_id, strlen (r->user_id));
  if (r->anon_id != NULL)
    anon = intern_anonymous (im, r->anon_id);

  if (ext != NULL)
    {
      customer = ts_dataset_builder_intern (im->builder, ext, strlen (ext));
      add_alias (im, user, customer);
      add_alias (im, anon, customer);
    }
  else if (user != TS_STR_NULL)
    {
      /* by an identity key, a user seen with it before is already known by it */
      customer = user;
      if (im->identity_key != NULL && aliased_to (im, user) != TS_STR_NULL)
        customer = aliased_to (im, user);
      add_alias (im, anon, customer);
    }
  else if (anon != TS_STR_NULL)
    customer = anon;
  else
    {
      drop (im, TS_DROP_NO_IDENTITY, line, _("no user id and no anonymous id (%s): skipped"),
            identity_fields (im->format));
      return;
    }

  switch (r->kind)
    {
    case TSP_RECORD_EVENT:
      {
        TsValue row[TS_MAX_ROW_FIELDS];

        ts_dataset_builder_clear_row (TS_TABLE_EVENTS, row);
        row[TS_EVENT_CUSTOMER].str = customer;
        row[TS_EVENT_AT].time = r->at;
        row[TS_EVENT_NAME].str = ts_dataset_builder_intern (im->builder, r->name, strlen (r->name));
        row[TS_EVENT_CHANNEL].str = channel_id (im, r->channel);
        row[TS_EVENT_VALUE].number = r->value;
        if (r->properties->len > 0)
          row[TS_EVENT_PROPERTIES].str = ts_dataset_builder_intern (im->builder, r->properties->str,
                                                                    r->properties->len);
        ts_dataset_builder_append (im->builder, TS_TABLE_EVENTS, row);
        im->rows[TS_TABLE_EVENTS]++;

        /* traits riding on events: explicit updates always, snapshots once */
        if (r->n_traits > 0 && customer != anon &&
            (!r->traits_snapshot || !bit_test_and_set (im->traits_done, customer)))
          append_customer (im, r, customer, NULL);
      }
      break;

    case TSP_RECORD_IDENTIFY:
    case TSP_RECORD_GROUP:
      if (customer == anon)
        {
          /* traits of someone never identified cannot be tied to a customer */
          drop (im, TS_DROP_NO_IDENTITY, line,
                _("%s with only an anonymous id: it names no customer: skipped"),
                r->kind == TSP_RECORD_GROUP ? "group" : "identify");
          return;
        }
      im->identity_records++;
      append_customer (im, r, customer, r->kind == TSP_RECORD_GROUP ? r->group_id : NULL);
      break;

    case TSP_RECORD_ALIAS:
    default:
      break;
    }
}

/* A record of the member's format, in its JSON. */
static void
handle_object (Import     *im,
               JsonObject *object,
               guint64     line)
{
  TspFormat format = tsp_format_classify (object);

  if (format != im->format)
    {
      if (format == TSP_FORMAT_NONE)
        drop (im, TS_DROP_UNPARSEABLE, line, _("not a %s record: it has none of the keys that tell one"),
              tsp_format_get_name (im->format));
      else
        drop (im, TS_DROP_UNPARSEABLE, line, _("a %s record among %s records: skipped"),
              tsp_format_get_name (format), tsp_format_get_name (im->format));
      return;
    }

  if (!tsp_record_decode (im->format, object, &im->opts, &im->rec))
    {
      drop (im, TS_DROP_UNPARSEABLE, line, "%s: %s", im->rec.error_path, im->rec.error_message);
      return;
    }
  im->format_records[im->format]++;
  emit (im, &im->rec, line);
}

/* Parses a line; returns its object, or NULL (counted) when it is not one. */
static JsonObject *
parse_line (Import     *im,
            const char *text,
            gsize       len,
            guint64     line,
            gboolean    count)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (text == NULL)
    {
      if (count)
        drop (im, TS_DROP_UNPARSEABLE, line, _("longer than %u MB: skipped"), MAX_LINE / (1024 * 1024));
      return NULL;
    }
  if (!ts_json_parser_load (im->parser, NULL, text, (gssize) len, &error))
    {
      if (count)
        drop (im, TS_DROP_UNPARSEABLE, line, _("not JSON: %s"), error->message);
      return NULL;
    }
  root = json_parser_get_root (im->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      if (count)
        drop (im, TS_DROP_UNPARSEABLE, line, _("not a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

/* Decides the member's format from the held-back records, then reads them. */
static void
decide (Import *im)
{
  guint best = 0;

  for (guint f = 1; f < TSP_N_FORMATS; f++)
    if (im->votes[f] > best)
      {
        best = im->votes[f];
        im->format = (TspFormat) f;
      }
  if (best == 0)
    {
      /* nothing in this member is a record of a known tool */
      im->format = TSP_FORMAT_NONE;
      for (guint i = 0; i < im->pending->len; i++)
        {
          Pending *p = im->pending->pdata[i];
          if (parse_line (im, p->text, p->len, p->line, TRUE) != NULL)
            drop (im, TS_DROP_UNPARSEABLE, p->line,
                  _("not a record of Segment, Mixpanel, Amplitude, GA4 or PostHog"));
        }
      im->n_undecided++;
    }
  else
    {
      for (guint i = 0; i < im->pending->len; i++)
        {
          Pending *p = im->pending->pdata[i];
          JsonObject *o = parse_line (im, p->text, p->len, p->line, TRUE);
          if (o != NULL)
            handle_object (im, o, p->line);
        }
      im->format_members[im->format]++;
    }
  g_ptr_array_set_size (im->pending, 0);
  im->pending_bytes = 0;
}

static void
handle_line (Import     *im,
             const char *text,
             gsize       len,
             guint64     line)
{
  JsonObject *o;

  if (text != NULL && is_blank (text, len))
    return;
  im->records++;
  im->member_records++;

  if (im->format == TSP_FORMAT_NONE)
    {
      /* hold the first records back until enough of them tell the tool */
      Pending *p = g_new0 (Pending, 1);

      p->line = line;
      if (text != NULL)
        {
          p->text = g_malloc (len + 1);
          memcpy (p->text, text, len);
          p->text[len] = '\0';
        }
      p->len = len;
      g_ptr_array_add (im->pending, p);
      im->pending_bytes += len;

      o = parse_line (im, text, len, line, FALSE);
      if (o != NULL)
        {
          TspFormat f = tsp_format_classify (o);
          if (f != TSP_FORMAT_NONE)
            {
              im->votes[f]++;
              im->n_votes++;
            }
        }
      if (im->n_votes >= DETECT_VOTES || im->pending->len >= DETECT_MAX_LINES ||
          im->pending_bytes >= DETECT_MAX_BYTES)
        decide (im);
      return;
    }

  /* what the fast reader leaves is read as before */
  if (tsp_fast_json_decode (im->fast, im->format, text, len, &im->rec))
    {
      im->format_records[im->format]++;
      emit (im, &im->rec, line);
      return;
    }
  o = parse_line (im, text, len, line, TRUE);
  if (o != NULL)
    handle_object (im, o, line);
}

static void
report_progress (Import *im)
{
  Member *m = im->member;
  guint64 pos = m->archive ? ts_archive_get_bytes_read (m->archive)
                           : tsp_line_reader_get_bytes (m->lines);

  ts_import_job_update (im->job, m->size > 0 ? (double) pos / (double) m->size : 0.0, NULL);
}

static gboolean
import_member (Member   *m,
               gpointer  user_data,
               GError  **error)
{
  Import *im = user_data;
  const char *line;
  gsize len;
  gboolean too_long;
  GError *local_error = NULL;

  im->member = m;
  im->format = TSP_FORMAT_NONE;
  im->n_votes = 0;
  im->member_records = 0;
  memset (im->votes, 0, sizeof im->votes);
  im->n_members++;

  while (tsp_line_reader_next (m->lines, &line, &len, &too_long, im->cancellable, &local_error))
    {
      handle_line (im, too_long ? NULL : line, len, tsp_line_reader_get_line_number (m->lines));
      if (++im->lines_since_check >= CHECK_EVERY)
        {
          im->lines_since_check = 0;
          if (g_cancellable_set_error_if_cancelled (im->cancellable, error))
            return FALSE;
          report_progress (im);
        }
    }
  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_str_has_prefix (local_error->message, im->path))
        g_propagate_error (error, local_error);
      else if (m->entry)
        g_propagate_prefixed_error (error, local_error, _("%s: entry “%s”: "), im->path, m->entry);
      else
        g_propagate_prefixed_error (error, local_error, "%s: ", im->path);
      return FALSE;
    }

  if (im->format == TSP_FORMAT_NONE && im->pending->len > 0)
    decide (im);
  im->member = NULL;
  return TRUE;
}

static void
describe (Import    *im,
          GPtrArray *skipped)
{
  TsSourceInfo *info = im->info;
  g_autoptr(GString) formats = g_string_new (NULL);
  TspFormat main_format = TSP_FORMAT_NONE;
  guint64 most = 0;

  for (guint f = 1; f < TSP_N_FORMATS; f++)
    if (im->format_members[f] > 0)
      {
        if (formats->len > 0)
          g_string_append (formats, ", ");
        g_string_append (formats, tsp_format_get_name ((TspFormat) f));
        if (im->format_records[f] >= most)
          {
            most = im->format_records[f];
            main_format = (TspFormat) f;
          }
      }
  ts_source_info_set_detail (info, "format", formats->str);
  if (im->n_members > 1)
    {
      g_autofree char *n = g_strdup_printf ("%u", im->n_members);
      ts_source_info_set_detail (info, "entries", n);
    }
  ts_source_info_set_detail (info, "identity", im->identity_key ? im->identity_key : "id");
  {
    g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, im->aliases);
    ts_source_info_set_detail (info, "aliases", n);
  }

  /* which field came from where, for the main format */
  switch (main_format)
    {
    case TSP_FORMAT_SEGMENT:
      ts_source_info_set_column (info, "userId", TS_TABLE_EVENTS, "customer_id",
                                 _("numbers read as text; anonymousId when null or empty, "
                                   "joined to the user through an alias"));
      ts_source_info_set_column (info, "timestamp", TS_TABLE_EVENTS, "at",
                                 _("ISO 8601; else originalTimestamp, receivedAt, sentAt"));
      ts_source_info_set_column (info, "event", TS_TABLE_EVENTS, "name",
                                 _("track calls; page and screen calls are “Page Viewed” and “Screen Viewed”"));
      ts_source_info_set_column (info, "context.device.type, context.library.name, context.os.name",
                                 TS_TABLE_EVENTS, "channel", _("web, ios, android or server"));
      ts_source_info_set_column (info, "properties", TS_TABLE_EVENTS, "properties", NULL);
      ts_source_info_set_column (info, "traits", TS_TABLE_CUSTOMERS, "email",
                                 _("identify calls; name, plan, created_at… by their names"));
      break;
    case TSP_FORMAT_MIXPANEL:
      ts_source_info_set_column (info, "properties.$user_id, properties.distinct_id",
                                 TS_TABLE_EVENTS, "customer_id",
                                 _("$device_id when anonymous, joined through an alias"));
      ts_source_info_set_column (info, "properties.time", TS_TABLE_EVENTS, "at",
                                 im->opts.mixpanel_zone
                                   ? _("epoch seconds (milliseconds by magnitude) in the mapping's time zone")
                                   : _("epoch seconds (milliseconds by magnitude), UTC"));
      ts_source_info_set_column (info, "event", TS_TABLE_EVENTS, "name", NULL);
      ts_source_info_set_column (info, "properties.mp_lib, properties.$os", TS_TABLE_EVENTS, "channel",
                                 _("web, ios, android or server"));
      ts_source_info_set_column (info, "properties", TS_TABLE_EVENTS, "properties",
                                 _("without time, distinct_id, $insert_id, $user_id, $device_id"));
      ts_source_info_set_column (info, "properties.$insert_id", TS_TABLE_EVENTS, NULL,
                                 _("duplicates skipped"));
      break;
    case TSP_FORMAT_AMPLITUDE:
      ts_source_info_set_column (info, "user_id", TS_TABLE_EVENTS, "customer_id",
                                 _("device_id when null, joined through an alias"));
      ts_source_info_set_column (info, "event_time", TS_TABLE_EVENTS, "at", _("UTC, microseconds"));
      ts_source_info_set_column (info, "event_type", TS_TABLE_EVENTS, "name", NULL);
      ts_source_info_set_column (info, "platform, library", TS_TABLE_EVENTS, "channel",
                                 _("web, ios, android or server"));
      ts_source_info_set_column (info, "event_properties", TS_TABLE_EVENTS, "properties", NULL);
      ts_source_info_set_column (info, "user_properties", TS_TABLE_CUSTOMERS, "email",
                                 _("the first seen per user; name, plan… by their names"));
      break;
    case TSP_FORMAT_GA4:
      ts_source_info_set_column (info, "user_id", TS_TABLE_EVENTS, "customer_id",
                                 _("user_pseudo_id when null, joined through an alias"));
      ts_source_info_set_column (info, "event_timestamp", TS_TABLE_EVENTS, "at",
                                 _("microseconds, a number or a string"));
      ts_source_info_set_column (info, "event_name", TS_TABLE_EVENTS, "name", NULL);
      ts_source_info_set_column (info, "platform", TS_TABLE_EVENTS, "channel", _("web, ios or android"));
      ts_source_info_set_column (info, "event_params", TS_TABLE_EVENTS, "properties", _("flattened"));
      ts_source_info_set_column (info, "user_properties", TS_TABLE_CUSTOMERS, "email",
                                 _("the first seen per user; name, plan… by their names"));
      break;
    case TSP_FORMAT_POSTHOG:
      ts_source_info_set_column (info, "distinct_id", TS_TABLE_EVENTS, "customer_id",
                                 _("anonymous when it is the $device_id; $identify joins it to the user"));
      ts_source_info_set_column (info, "timestamp", TS_TABLE_EVENTS, "at", _("ISO 8601"));
      ts_source_info_set_column (info, "event", TS_TABLE_EVENTS, "name", NULL);
      ts_source_info_set_column (info, "properties.$lib, properties.$os", TS_TABLE_EVENTS, "channel",
                                 _("web, ios, android or server"));
      ts_source_info_set_column (info, "properties", TS_TABLE_EVENTS, "properties",
                                 _("without $set and $set_once"));
      ts_source_info_set_column (info, "properties.$set, person_properties", TS_TABLE_CUSTOMERS,
                                 "email", _("name, plan… by their names"));
      break;
    case TSP_FORMAT_NONE:
    case TSP_N_FORMATS:
    default:
      break;
    }

  if (im->identity_key != NULL)
    {
      g_autofree char *note =
        g_strdup_printf (_("customers are identified by “%s” where a record's traits have it; "
                           "the tool's user id is aliased to it"),
                         im->identity_key);
      ts_source_info_add_note (info, note);
    }
  if (im->identity_records > 0)
    {
      g_autofree char *note =
        g_strdup_printf (_("%" PRIu64 " identity records (identify, alias, group calls) became "
                           "customer traits or aliases, not events; %" PRIu64 " ids were aliased "
                           "to the customer they belong to"),
                         im->identity_records, im->aliases);
      ts_source_info_add_note (info, note);
    }
  for (guint i = 0; skipped && i < skipped->len; i++)
    {
      g_autofree char *note = g_strdup_printf (_("entry “%s” skipped: not JSON lines"),
                                               (char *) skipped->pdata[i]);
      ts_source_info_add_note (info, note);
    }
}

static gboolean
tsp_analytics_source_import (TsSource         *source,
                             GFile            *file,
                             TsMapping        *mapping,
                             TsDatasetBuilder *builder,
                             TsImportJob      *job,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) inner = NULL;
  g_autoptr(JsonParser) inner2 = NULL;
  Import im = { 0, };
  gboolean ok = FALSE;
  const char *identity;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_FAILED,
                   _("%s: only local files can be read"), uri);
      return FALSE;
    }

  /* each line's tree lives only until the next line is parsed and nothing
   * keeps or hashes it: sealing every node (an immutable parser) costs about
   * a tenth of the import's time for nothing */
  parser = json_parser_new ();
  inner = json_parser_new_immutable ();
  inner2 = json_parser_new_immutable ();
  im.builder = builder;
  im.job = job;
  im.cancellable = cancellable;
  im.path = path;
  im.parser = parser;
  im.fast = tsp_fast_json_new ();
  im.opts.inner_parser = inner;
  im.opts.inner_parser2 = inner2;
  im.opts.mixpanel_zone = ts_mapping_get_time_zone (mapping);
  im.opts.mixpanel_unit = ts_mapping_get_time_format (mapping);
  identity = ts_mapping_get_identity (mapping);
  if (identity != NULL && *identity != '\0' && g_ascii_strcasecmp (identity, "id") != 0)
    {
      im.identity_key = identity;
      im.identity_key_dollar = g_strconcat ("$", identity, NULL);
    }
  im.pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  im.anonymous = g_byte_array_new ();
  im.alias_to = g_array_new (FALSE, TRUE, sizeof (guint32));
  im.traits_done = g_byte_array_new ();
  tsp_record_reset (&im.rec);

  im.info = ts_dataset_builder_add_source (builder, path, "analytics");

  if (!for_each_member (path, 0, 0, skipped, import_member, &im, cancellable, error))
    goto out;

  if (im.records == 0)
    {
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_EMPTY,
                   skipped->len > 0 ? _("%s: the archive holds no JSON lines")
                                    : _("%s: the file holds no records"), path);
      goto out;
    }
  if (im.n_undecided == im.n_members)
    {
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_PARSE,
                   _("%s: no record is an event of Segment, Mixpanel, Amplitude, GA4 (BigQuery JSON) or "
                     "PostHog (JSON lines, one object per line)"), path);
      goto out;
    }

  for (guint r = 0; r < TS_N_DROP_REASONS; r++)
    if (im.dropped[r] > MAX_LISTED)
      ts_dataset_builder_add_problem (builder, path, 0, 0,
                                      _("%" PRIu64 " records dropped as %s in all (only the first %u are listed)"),
                                      im.dropped[r], ts_drop_reason_to_string ((TsDropReason) r), MAX_LISTED);

  ts_source_info_add_records (im.info, im.records);
  for (guint r = 0; r < TS_N_DROP_REASONS; r++)
    ts_source_info_add_dropped (im.info, (TsDropReason) r, im.dropped[r]);
  for (guint t = 0; t < TS_N_TABLES; t++)
    if (im.rows[t] > 0)
      {
        ts_source_info_add_table (im.info, (TsTable) t);
        ts_source_info_add_rows (im.info, (TsTable) t, im.rows[t]);
      }
  describe (&im, skipped);

  ts_import_job_update (job, 1.0, NULL);
  ok = TRUE;

out:
  tsp_record_clear (&im.rec);
  g_clear_pointer (&im.fast, tsp_fast_json_free);
  g_ptr_array_unref (im.pending);
  g_byte_array_unref (im.anonymous);
  g_array_unref (im.alias_to);
  g_byte_array_unref (im.traits_done);
  seen_clear (&im.seen);
  g_free (im.identity_key_dollar);
  return ok;
}

/* ---------------------------------------------------------------------- */
/* preview                                                                */

typedef struct
{
  GPtrArray        *rows;
  guint             max;
  JsonParser       *parser;
  TspDecodeOptions  opts;
  TspRecord         rec;
} Preview;

static gboolean
preview_member (Member   *m,
                gpointer  user_data,
                GError  **error)
{
  Preview *p = user_data;
  const char *line;
  gsize len;
  gboolean too_long;
  TspFormat format = TSP_FORMAT_NONE;

  while ((p->max == 0 || p->rows->len <= p->max) &&
         tsp_line_reader_next (m->lines, &line, &len, &too_long, NULL, error))
    {
      GStrvBuilder *b;
      JsonNode *root = NULL;
      TspFormat f = TSP_FORMAT_NONE;
      g_autofree char *at = NULL;
      g_autofree char *value = NULL;
      g_autofree char *problem = NULL;
      char line_no[32];

      if (!too_long && is_blank (line, len))
        continue;
      if (too_long)
        problem = g_strdup_printf (_("longer than %u MB"), MAX_LINE / (1024 * 1024));
      else if (!ts_json_parser_load (p->parser, NULL, line, (gssize) len, NULL) ||
               (root = json_parser_get_root (p->parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        problem = g_strdup (_("not a JSON object"));
      else
        {
          f = tsp_format_classify (json_node_get_object (root));
          if (format == TSP_FORMAT_NONE)
            format = f;
          if (f == TSP_FORMAT_NONE || f != format)
            problem = g_strdup (_("not a record of this file's tool"));
          else if (!tsp_record_decode (f, json_node_get_object (root), &p->opts, &p->rec))
            problem = g_strdup_printf ("%s: %s", p->rec.error_path, p->rec.error_message);
        }

      g_snprintf (line_no, sizeof line_no, "%" G_GUINT64_FORMAT, tsp_line_reader_get_line_number (m->lines));
      b = g_strv_builder_new ();
      g_strv_builder_add (b, line_no);
      g_strv_builder_add (b, m->entry ? m->entry : "");
      g_strv_builder_add (b, f != TSP_FORMAT_NONE ? tsp_format_get_name (f) : "");
      if (problem == NULL)
        {
          static const char *const kinds[] = { "event", "identify", "group", "alias" };
          TspRecord *r = &p->rec;

          at = r->at != TS_TIME_NULL ? ts_timestamp_format_iso (r->at) : NULL;
          if (!isnan (r->value))
            {
              value = g_malloc (G_ASCII_DTOSTR_BUF_SIZE);
              g_ascii_formatd (value, G_ASCII_DTOSTR_BUF_SIZE, "%.15g", r->value);
            }
          g_strv_builder_add (b, kinds[r->kind]);
          g_strv_builder_add (b, r->kind == TSP_RECORD_ALIAS ? r->alias_to : r->user_id ? r->user_id : "");
          g_strv_builder_add (b, r->kind == TSP_RECORD_ALIAS ? r->alias_from : r->anon_id ? r->anon_id : "");
          g_strv_builder_add (b, at ? at : "");
          g_strv_builder_add (b, r->name ? r->name : "");
          g_strv_builder_add (b, r->channel ? r->channel : "");
          g_strv_builder_add (b, value ? value : "");
          g_strv_builder_add (b, r->properties->str);
          g_strv_builder_add (b, "");
        }
      else
        {
          for (guint i = 0; i < 8; i++)
            g_strv_builder_add (b, "");
          g_strv_builder_add (b, problem);
        }
      g_ptr_array_add (p->rows, g_strv_builder_end (b));
      g_strv_builder_unref (b);
    }
  return p->max == 0 || p->rows->len <= p->max;
}

static GPtrArray *
tsp_analytics_source_preview (TsSource      *source,
                              GFile         *file,
                              TsMapping     *mapping,
                              guint          max_records,
                              GCancellable  *cancellable,
                              GError       **error)
{
  static const char *const header[] = {
    "line", "entry", "format", "kind", "user_id", "anonymous_id", "at", "name", "channel", "value",
    "properties", "problem", NULL
  };
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(JsonParser) inner = json_parser_new_immutable ();
  g_autoptr(JsonParser) inner2 = json_parser_new_immutable ();
  Preview p = { rows, max_records, NULL, { 0, }, { 0, } };
  gboolean ok;

  if (path == NULL)
    {
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_FAILED, _("only local files can be read"));
      return NULL;
    }
  g_ptr_array_add (rows, g_strdupv ((char **) header));
  p.parser = json_parser_new_immutable ();
  p.opts.inner_parser = inner;
  p.opts.inner_parser2 = inner2;
  p.opts.mixpanel_zone = ts_mapping_get_time_zone (mapping);
  p.opts.mixpanel_unit = ts_mapping_get_time_format (mapping);
  tsp_record_reset (&p.rec);
  ok = for_each_member (path, 0, 0, NULL, preview_member, &p, cancellable, error);
  tsp_record_clear (&p.rec);
  g_object_unref (p.parser);
  if (!ok)
    return NULL;
  return g_steal_pointer (&rows);
}

static void
ts_source_iface_init (TsSourceInterface *iface)
{
  iface->get_id = tsp_analytics_source_get_id;
  iface->get_name = tsp_analytics_source_get_name;
  iface->get_patterns = tsp_analytics_source_get_patterns;
  iface->probe = tsp_analytics_source_probe;
  iface->import = tsp_analytics_source_import;
  iface->preview = tsp_analytics_source_preview;
}

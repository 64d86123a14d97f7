/* ts-dataset-builder.c — what source plugins append to
 *
 * Rows are appended into segments of columns.  Several builders (one per
 * file, or one per thread of a large file) merge by moving their segments,
 * with string ids translated in place; nothing is copied until finish()
 * gathers each column once, in (customer, time) order, into the dataset.
 *
 * Customers are deduplicated by customer_id; a customer known only by e-mail
 * in one source joins the customer with that e-mail in another; rows of the
 * fact tables whose customer appears nowhere else create an "implicit"
 * customer, counted so the user sees it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-dataset-builder"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif

#include "ts-dataset-builder.h"
#include "ts-dataset-private.h"
#include "ts-timestamp.h"

#define MAX_PROBLEMS 1000
#define NO_ROW G_MAXUINT32

typedef struct
{
  TsColumn      cols[TS_N_TABLES][TS_MAX_FIELDS];
  TsSourceInfo *source;     /* the file these rows came from (borrowed) */
} Segment;

struct _TsDatasetBuilder
{
  GObject    parent_instance;

  TsStrPool *strings;
  GPtrArray *segments;
  Segment   *current;
  GPtrArray *sources;
  GPtrArray *problems;
  guint64    n_problems;
  GArray    *anonymous;     /* string ids that name no customer by themselves */
  GArray    *aliases;       /* pairs of string ids: a reference to [0] means [1] */
  GHashTable *seen_anonymous; /* ids already in @anonymous, as keys */
  GHashTable *seen_aliases;   /* ids already aliased (the first alias wins) */
  gboolean   sharing;       /* other builders may have the same strings */
  GPtrArray *remaps;        /* Remap: such shared pools merged from */
  gboolean   finished;
};

G_DEFINE_FINAL_TYPE (TsDatasetBuilder, ts_dataset_builder, G_TYPE_OBJECT)

/* The ids of a pool merged from, in the builder's own pool (valid while
 * neither is replaced and the first has not grown). */
typedef struct
{
  TsStrPool *from;
  guint32    size;
  guint32   *ids;
} Remap;

static void
remap_free (Remap *r)
{
  ts_str_pool_unref (r->from);
  g_free (r->ids);
  g_free (r);
}

/* The fields of the fact tables after the customer reference start as
 * constant runs: a file that gives every row the same value (or none) in a
 * field stores that value once, not once a row.  The customer reference is
 * rewritten row by row when customers are resolved, and the customers table
 * is read and compacted cell by cell, so they are stored as they come. */
static gboolean
field_may_be_constant (TsTable table,
                       guint   f)
{
  return table != TS_TABLE_CUSTOMERS && f > 0;
}

static Segment *
segment_new (void)
{
  Segment *seg = g_new0 (Segment, 1);

  for (guint t = 0; t < TS_N_TABLES; t++)
    for (guint f = 0; f < ts_table_get_n_fields ((TsTable) t); f++)
      {
        TsColumn *col = &seg->cols[t][f];

        _ts_column_init (col, _ts_field_type_width (ts_table_get_field ((TsTable) t, f)->type));
        col->constant = field_may_be_constant ((TsTable) t, f);
      }
  return seg;
}

/* Stores a constant run's cells, with room for @cap; it then grows as any
 * column. */
static void
column_materialize (TsColumn *col,
                    gsize     cap)
{
  gsize len = col->len;

  if (!col->constant)
    return;
  col->constant = 0;
  col->len = 0;
  _ts_column_reserve (col, MAX (MAX (cap, len), 1));
  for (gsize i = 0; i < len; i++)
    memcpy (col->data + i * col->width, col->value, col->width);
  col->len = len;
}

/* The cell's bytes as a column of @width stores them. */
static inline const void *
value_cell (const TsValue *v,
            guint8         width)
{
  switch (width)
    {
    case 8:
      return &v->time;
    case 4:
      return &v->str;
    case 1:
    default:
      return &v->flag;
    }
}

static gboolean
segment_is_empty (const Segment *seg)
{
  for (guint t = 0; t < TS_N_TABLES; t++)
    if (seg->cols[t][0].len > 0)
      return FALSE;
  return TRUE;
}

static void
segment_free (Segment *seg)
{
  for (guint t = 0; t < TS_N_TABLES; t++)
    for (guint f = 0; f < TS_MAX_FIELDS; f++)
      _ts_column_clear (&seg->cols[t][f]);
  g_free (seg);
}

static void
ts_dataset_builder_finalize (GObject *object)
{
  TsDatasetBuilder *self = (TsDatasetBuilder *) object;

  g_clear_pointer (&self->strings, ts_str_pool_unref);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->anonymous, g_array_unref);
  g_clear_pointer (&self->aliases, g_array_unref);
  g_clear_pointer (&self->seen_anonymous, g_hash_table_unref);
  g_clear_pointer (&self->seen_aliases, g_hash_table_unref);
  g_clear_pointer (&self->remaps, g_ptr_array_unref);

  G_OBJECT_CLASS (ts_dataset_builder_parent_class)->finalize (object);
}

static void
ts_dataset_builder_class_init (TsDatasetBuilderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ts_dataset_builder_finalize;
}

static void
ts_dataset_builder_init (TsDatasetBuilder *self)
{
  self->strings = ts_str_pool_new ();
  self->segments = g_ptr_array_new_with_free_func ((GDestroyNotify) segment_free);
  self->current = segment_new ();
  g_ptr_array_add (self->segments, self->current);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_source_info_unref);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_problem_free);
  self->anonymous = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->aliases = g_array_new (FALSE, FALSE, 2 * sizeof (guint32));
  self->seen_anonymous = g_hash_table_new (NULL, NULL);
  self->seen_aliases = g_hash_table_new (NULL, NULL);
  self->remaps = g_ptr_array_new_with_free_func ((GDestroyNotify) remap_free);
}

TsDatasetBuilder *
ts_dataset_builder_new (void)
{
  return g_object_new (TS_TYPE_DATASET_BUILDER, NULL);
}

/**
 * ts_dataset_builder_new_sharing_strings:
 * @other: a builder
 *
 * A builder whose strings are @other's: the same string ids in both, so
 * merging one into a builder that took the other's strings translates no
 * ids, and several builders merged from the same pool translate it once.
 * For the pieces of a file that one thread parses in turn: the builders
 * sharing strings must not be used on two threads at once.
 *
 * Returns: (transfer full): a new builder
 */
TsDatasetBuilder *
ts_dataset_builder_new_sharing_strings (TsDatasetBuilder *other)
{
  TsDatasetBuilder *self;

  g_return_val_if_fail (TS_IS_DATASET_BUILDER (other), NULL);

  self = ts_dataset_builder_new ();
  ts_str_pool_unref (self->strings);
  self->strings = ts_str_pool_ref (other->strings);
  self->sharing = other->sharing = TRUE;
  return self;
}

/**
 * ts_dataset_builder_get_strings:
 *
 * The pool the builder's string ids refer to.  A merge may replace it (the
 * builder keeps the larger of two pools), so do not hold it across
 * ts_dataset_builder_merge().
 *
 * Returns: (transfer none): the builder's string pool.
 */
TsStrPool *
ts_dataset_builder_get_strings (TsDatasetBuilder *self)
{
  g_return_val_if_fail (TS_IS_DATASET_BUILDER (self), NULL);
  return self->strings;
}

guint32
ts_dataset_builder_intern (TsDatasetBuilder *self,
                           const char       *str,
                           gsize             len)
{
  return ts_str_pool_intern (self->strings, str, len);
}

/**
 * ts_dataset_builder_intern_anonymous:
 *
 * Interns an anonymous or device id (Segment's anonymousId, Amplitude's
 * device_id, GA4's user_pseudo_id…).  A row whose customer is such an id
 * joins the customer it is aliased to (ts_dataset_builder_add_alias(), in
 * any source); a row whose anonymous id is never aliased is dropped when
 * the dataset is built, and counted as "no identity" for its source.
 *
 * Returns: the string id
 */
guint32
ts_dataset_builder_intern_anonymous (TsDatasetBuilder *self,
                                     const char       *str,
                                     gsize             len)
{
  guint32 id;

  g_return_val_if_fail (TS_IS_DATASET_BUILDER (self), TS_STR_NULL);

  id = ts_str_pool_intern (self->strings, str, len);
  /* once per id, however many events carry it */
  if (id != TS_STR_NULL && g_hash_table_add (self->seen_anonymous, GUINT_TO_POINTER (id)))
    g_array_append_val (self->anonymous, id);
  return id;
}

/**
 * ts_dataset_builder_add_alias:
 * @from: a string id (an anonymous id, a user id…)
 * @to: the customer it belongs to
 *
 * Says that rows referring to @from are @to's: how an anonymous visitor
 * becomes a customer once identified, or how a user id joins the e-mail a
 * workspace identifies customers by.
 */
void
ts_dataset_builder_add_alias (TsDatasetBuilder *self,
                              guint32           from,
                              guint32           to)
{
  guint32 pair[2] = { from, to };

  g_return_if_fail (TS_IS_DATASET_BUILDER (self));

  if (from == TS_STR_NULL || to == TS_STR_NULL || from == to)
    return;
  /* the first alias of an id wins; later ones are not kept */
  if (!g_hash_table_add (self->seen_aliases, GUINT_TO_POINTER (from)))
    return;
  g_array_append_val (self->aliases, pair);
}

/**
 * ts_dataset_builder_clear_row:
 * @row: (array): ts_table_get_n_fields() cells
 *
 * Sets every cell of @row to "no value".
 */
void
ts_dataset_builder_clear_row (TsTable  table,
                              TsValue *row)
{
  guint n = ts_table_get_n_fields (table);

  for (guint f = 0; f < n; f++)
    {
      switch (ts_table_get_field (table, f)->type)
        {
        case TS_FIELD_TYPE_TIME:
          row[f].time = TS_TIME_NULL;
          break;
        case TS_FIELD_TYPE_NUMBER:
          row[f].number = NAN;
          break;
        case TS_FIELD_TYPE_BOOLEAN:
          row[f].time = 0;
          row[f].flag = TS_BOOL_UNKNOWN;
          break;
        case TS_FIELD_TYPE_CONSENT:
          row[f].time = 0;
          row[f].flag = TS_CONSENT_UNKNOWN;
          break;
        case TS_FIELD_TYPE_STRING:
        case TS_FIELD_TYPE_PROPERTIES:
        default:
          row[f].time = 0;
          row[f].str = TS_STR_NULL;
          break;
        }
    }
}

void
ts_dataset_builder_reserve (TsDatasetBuilder *self,
                            TsTable           table,
                            guint             n_rows)
{
  g_return_if_fail (TS_IS_DATASET_BUILDER (self));
  g_return_if_fail (table >= 0 && table < TS_N_TABLES);

  for (guint f = 0; f < ts_table_get_n_fields (table); f++)
    _ts_column_reserve (&self->current->cols[table][f],
                        self->current->cols[table][f].len + n_rows);
}

/**
 * ts_dataset_builder_append:
 * @row: (array): one cell per field of @table, in field order
 *
 * Appends one row.  Field 0 of every table but customers is the customer
 * reference (a customer id or an e-mail); field 0 of customers is the
 * customer id.  A row whose field 0 is empty is not kept.
 */
void
ts_dataset_builder_append (TsDatasetBuilder *self,
                           TsTable           table,
                           const TsValue    *row)
{
  TsColumn *cols = self->current->cols[table];
  guint n = ts_table_get_n_fields (table);

  /* a row that names no customer cannot be placed; the plugin warns */
  if (G_UNLIKELY (row[0].str == TS_STR_NULL))
    return;

  for (guint f = 0; f < n; f++)
    {
      TsColumn *col = &cols[f];

      if (col->constant)
        {
          const void *cell = value_cell (&row[f], col->width);

          if (col->len == 0)
            memcpy (col->value, cell, col->width);
          if (memcmp (col->value, cell, col->width) == 0)
            {
              col->len++;
              continue;
            }
          column_materialize (col, col->len < 1024 ? 1024 : col->len + col->len / 2);
        }
      if (G_UNLIKELY (col->len == col->cap))
        _ts_column_reserve (col, col->cap < 1024 ? 1024 : col->cap + col->cap / 2);
      switch (col->width)
        {
        case 8:
          ((gint64 *) col->data)[col->len++] = row[f].time;
          break;
        case 4:
          ((guint32 *) col->data)[col->len++] = row[f].str;
          break;
        case 1:
        default:
          col->data[col->len++] = row[f].flag;
          break;
        }
    }
}

guint
ts_dataset_builder_get_n_rows (TsDatasetBuilder *self,
                               TsTable           table)
{
  guint n = 0;

  g_return_val_if_fail (TS_IS_DATASET_BUILDER (self), 0);

  for (guint s = 0; s < self->segments->len; s++)
    n += ((Segment *) self->segments->pdata[s])->cols[table][0].len;
  return n;
}

/**
 * ts_dataset_builder_add_source:
 *
 * Records that a file is being imported; the plugin annotates the returned
 * info with what it understood.
 *
 * Returns: (transfer none): the source's info
 */
TsSourceInfo *
ts_dataset_builder_add_source (TsDatasetBuilder *self,
                               const char       *path,
                               const char       *plugin_id)
{
  TsSourceInfo *info;

  g_return_val_if_fail (TS_IS_DATASET_BUILDER (self), NULL);

  info = ts_source_info_new (path, plugin_id);
  g_ptr_array_add (self->sources, info);
  /* rows appended from now on come from this source */
  if (!segment_is_empty (self->current) || self->current->source != NULL)
    {
      self->current = segment_new ();
      g_ptr_array_add (self->segments, self->current);
    }
  self->current->source = info;
  return info;
}

void
ts_dataset_builder_add_problem (TsDatasetBuilder *self,
                                const char       *path,
                                guint64           line,
                                guint             column,
                                const char       *format,
                                ...)
{
  va_list args;
  g_autofree char *message = NULL;

  g_return_if_fail (TS_IS_DATASET_BUILDER (self));

  self->n_problems++;
  if (self->problems->len >= MAX_PROBLEMS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->problems, ts_problem_new (path, line, column, message));
}

guint64
ts_dataset_builder_get_n_problems (TsDatasetBuilder *self)
{
  g_return_val_if_fail (TS_IS_DATASET_BUILDER (self), 0);
  return self->n_problems;
}

/**
 * ts_dataset_builder_shift_problem_lines:
 *
 * Adds @delta to the line of every problem: a builder that parsed a piece of
 * a file counted lines from the start of its piece.
 */
void
ts_dataset_builder_shift_problem_lines (TsDatasetBuilder *self,
                                        guint64           delta)
{
  g_return_if_fail (TS_IS_DATASET_BUILDER (self));

  for (guint i = 0; i < self->problems->len; i++)
    {
      TsProblem *p = self->problems->pdata[i];
      if (p->line > 0)
        p->line += delta;
    }
}

static void
remap_segment (Segment       *seg,
               const guint32 *remap)
{
  for (guint t = 0; t < TS_N_TABLES; t++)
    for (guint f = 0; f < ts_table_get_n_fields ((TsTable) t); f++)
      {
        TsFieldType type = ts_table_get_field ((TsTable) t, f)->type;
        TsColumn *col = &seg->cols[t][f];
        guint32 *ids = (guint32 *) col->data;

        if (type != TS_FIELD_TYPE_STRING && type != TS_FIELD_TYPE_PROPERTIES)
          continue;
        if (col->constant)
          {
            guint32 id;

            memcpy (&id, col->value, sizeof id);
            id = col->len > 0 ? remap[id] : id;
            memcpy (col->value, &id, sizeof id);
            continue;
          }
        for (gsize i = 0; i < col->len; i++)
          ids[i] = remap[ids[i]];
      }
}

static void
remap_ids (GArray        *ids,
           const guint32 *remap)
{
  guint32 *v = (guint32 *) ids->data;
  guint n = ids->len * (g_array_get_element_size (ids) / sizeof (guint32));

  for (guint i = 0; i < n; i++)
    v[i] = remap[v[i]];
}

/**
 * ts_dataset_builder_check_strings:
 * @table: (out) (optional): the table of the first bad cell
 * @field: (out) (optional): its field
 * @row: (out) (optional): its row, from the first row appended
 *
 * Checks that every string a plugin put in the rows (and in the aliases and
 * anonymous ids) is one of the builder's strings: an id from anywhere else
 * would be read past the end of the pool.  The importer checks every
 * plugin's builder before using it.
 *
 * Returns: %FALSE at the first cell whose string id is out of range
 */
gboolean
ts_dataset_builder_check_strings (TsDatasetBuilder *self,
                                  TsTable          *table,
                                  guint            *field,
                                  guint64          *row)
{
  guint32 size;
  guint64 base[TS_N_TABLES] = { 0, };

  g_return_val_if_fail (TS_IS_DATASET_BUILDER (self), FALSE);

  if (table)
    *table = TS_N_TABLES;   /* not a row: an alias or an anonymous id */
  if (field)
    *field = 0;
  if (row)
    *row = 0;
  size = ts_str_pool_get_size (self->strings);
  for (guint s = 0; s < self->segments->len; s++)
    {
      Segment *seg = self->segments->pdata[s];

      for (guint t = 0; t < TS_N_TABLES; t++)
        {
          for (guint f = 0; f < ts_table_get_n_fields ((TsTable) t); f++)
            {
              TsFieldType type = ts_table_get_field ((TsTable) t, f)->type;
              const TsColumn *col = &seg->cols[t][f];
              const guint32 *ids = (const guint32 *) col->data;

              if (type != TS_FIELD_TYPE_STRING && type != TS_FIELD_TYPE_PROPERTIES)
                continue;
              if (col->constant)
                {
                  guint32 id;

                  memcpy (&id, col->value, sizeof id);
                  if (G_UNLIKELY (col->len > 0 && id >= size))
                    {
                      if (table)
                        *table = (TsTable) t;
                      if (field)
                        *field = f;
                      if (row)
                        *row = base[t];
                      return FALSE;
                    }
                  continue;
                }
              for (gsize i = 0; i < col->len; i++)
                if (G_UNLIKELY (ids[i] >= size))
                  {
                    if (table)
                      *table = (TsTable) t;
                    if (field)
                      *field = f;
                    if (row)
                      *row = base[t] + i;
                    return FALSE;
                  }
            }
          base[t] += seg->cols[t][0].len;
        }
    }

  for (guint i = 0; i < self->anonymous->len; i++)
    if (g_array_index (self->anonymous, guint32, i) >= size)
      return FALSE;
  for (guint i = 0; i < self->aliases->len * 2; i++)
    if (((const guint32 *) self->aliases->data)[i] >= size)
      return FALSE;

  return TRUE;
}

/**
 * ts_dataset_builder_merge:
 * @other: a builder whose rows, sources and problems move into @self
 *
 * @other is left empty.
 */
void
ts_dataset_builder_merge (TsDatasetBuilder *self,
                          TsDatasetBuilder *other)
{
  TsStrPool *from, *into;
  guint32 n;
  guint32 *remap;   /* NULL: the ids stay */
  g_autofree guint32 *owned = NULL;
  gboolean adopt;

  g_return_if_fail (TS_IS_DATASET_BUILDER (self));
  g_return_if_fail (TS_IS_DATASET_BUILDER (other));
  g_return_if_fail (self != other);

  /* Translate the smaller pool's ids into the larger pool, which is kept:
   * merging a big file's builder into a fresh one copies no strings.  A
   * pool already shared needs no translation; one that several builders
   * share (the pieces of a file) is translated once. */
  remap = NULL;
  for (guint i = 0; i < self->remaps->len; i++)
    {
      Remap *r = self->remaps->pdata[i];
      if (r->from == other->strings && r->size == ts_str_pool_get_size (other->strings))
        remap = r->ids;
    }
  if (other->strings != self->strings && remap == NULL)
    {
      adopt = ts_str_pool_get_size (other->strings) > ts_str_pool_get_size (self->strings);
      from = adopt ? self->strings : other->strings;
      into = adopt ? other->strings : self->strings;

      n = ts_str_pool_get_size (from);
      remap = g_new (guint32, n);
      remap[0] = TS_STR_NULL;
      for (guint32 id = 1; id < n; id++)
        remap[id] = ts_str_pool_intern (into,
                                        ts_str_pool_get (from, id),
                                        ts_str_pool_get_length (from, id));

      if (adopt)
        {
          for (guint s = 0; s < self->segments->len; s++)
            remap_segment (self->segments->pdata[s], remap);
          remap_ids (self->anonymous, remap);
          remap_ids (self->aliases, remap);
          ts_str_pool_unref (self->strings);
          self->strings = ts_str_pool_ref (other->strings);
          ts_str_pool_unref (other->strings);
          other->strings = ts_str_pool_new ();
          g_clear_pointer (&remap, g_free);
          /* the ids kept were into the pool given up */
          g_ptr_array_set_size (self->remaps, 0);
        }
      else if (other->sharing)
        {
          Remap *r = g_new (Remap, 1);
          r->from = ts_str_pool_ref (other->strings);
          r->size = n;
          r->ids = remap;
          g_ptr_array_add (self->remaps, r);
        }
      else
        owned = remap;
    }

  if (remap != NULL)
    {
      remap_ids (other->anonymous, remap);
      remap_ids (other->aliases, remap);
    }
  g_array_append_vals (self->anonymous, other->anonymous->data, other->anonymous->len);
  g_array_set_size (other->anonymous, 0);
  /* the sets only keep the arrays short; after a merge they restart */
  g_hash_table_remove_all (self->seen_anonymous);
  g_hash_table_remove_all (self->seen_aliases);
  g_hash_table_remove_all (other->seen_anonymous);
  g_hash_table_remove_all (other->seen_aliases);
  g_array_append_vals (self->aliases, other->aliases->data, other->aliases->len);
  g_array_set_size (other->aliases, 0);

  {
    /* rows of a builder that named no source came from @self's latest */
    TsSourceInfo *fallback = self->sources->len > 0
                             ? self->sources->pdata[self->sources->len - 1] : self->current->source;

    for (guint s = 0; s < other->segments->len; s++)
      {
        Segment *seg = other->segments->pdata[s];
        if (remap != NULL)
          remap_segment (seg, remap);
        if (seg->source == NULL)
          seg->source = fallback;
        g_ptr_array_add (self->segments, seg);
      }
  }
  g_ptr_array_set_free_func (other->segments, NULL);
  g_ptr_array_set_size (other->segments, 0);
  g_ptr_array_set_free_func (other->segments, (GDestroyNotify) segment_free);
  other->current = segment_new ();
  g_ptr_array_add (other->segments, other->current);

  /* appends keep going to a fresh segment after the merged ones */
  {
    TsSourceInfo *source = self->current->source;
    self->current = segment_new ();
    self->current->source = source;
    g_ptr_array_add (self->segments, self->current);
  }

  for (guint i = 0; i < other->sources->len; i++)
    g_ptr_array_add (self->sources, ts_source_info_ref (other->sources->pdata[i]));
  g_ptr_array_set_size (other->sources, 0);

  for (guint i = 0; i < other->problems->len && self->problems->len < MAX_PROBLEMS; i++)
    g_ptr_array_add (self->problems, ts_problem_copy (other->problems->pdata[i]));
  self->n_problems += other->n_problems;
  g_ptr_array_set_size (other->problems, 0);
  other->n_problems = 0;
}

/* ---------------------------------------------------------------------- */
/* finish                                                                 */

typedef struct
{
  TsDatasetBuilder *self;
  TsDataset        *ds;
  guint32          *of_id;       /* string id → customer row + 1 */
  guint32          *of_email;    /* string id → customer row + 1 */
  guint32           n_ids;
  guint             n_customers_at_build[TS_N_TABLES];
  guint32          *alias_of;    /* string id → string id, 0: none */
  guint8           *anonymous;   /* string id → 1 when anonymous */
  GHashTable       *source_bit;  /* TsSourceInfo → bit + 1 */
  GArray           *masks;       /* guint64 per customer: the sources that name it */
  TsTime            now;
} Finish;

static inline guint64
source_mask (Finish       *fin,
             TsSourceInfo *source)
{
  guint bit;

  if (source == NULL)
    return 0;
  bit = GPOINTER_TO_UINT (g_hash_table_lookup (fin->source_bit, source));
  return bit == 0 ? 0 : G_GUINT64_CONSTANT (1) << MIN (bit - 1, 63);
}

static inline void
mark_customer (Finish  *fin,
               guint32  row,
               guint64  mask)
{
  if (row >= fin->masks->len)
    g_array_set_size (fin->masks, row + 1);
  g_array_index (fin->masks, guint64, row) |= mask;
}

static inline const guint8 *
cell (const TsColumn *col,
      gsize           row)
{
  return col->data + row * col->width;
}

static gboolean
cell_is_null (const TsColumn *col,
              TsFieldType     type,
              gsize           row)
{
  const guint8 *c = cell (col, row);

  switch (type)
    {
    case TS_FIELD_TYPE_TIME:
      return *(const gint64 *) c == TS_TIME_NULL;
    case TS_FIELD_TYPE_NUMBER:
      return isnan (*(const double *) c);
    case TS_FIELD_TYPE_BOOLEAN:
      return *c == TS_BOOL_UNKNOWN;
    case TS_FIELD_TYPE_CONSENT:
      return *c == TS_CONSENT_UNKNOWN;
    case TS_FIELD_TYPE_STRING:
    case TS_FIELD_TYPE_PROPERTIES:
    default:
      return *(const guint32 *) c == TS_STR_NULL;
    }
}

/* Fills the empty cells of customer @dst from @src (first value wins). */
static void
coalesce_customer (TsColumn       *dst_cols,
                   guint32         dst,
                   const TsColumn *src_cols,
                   gsize           src)
{
  for (guint f = 1; f < TS_CUSTOMER_N_FIELDS; f++)
    {
      TsFieldType type = ts_table_get_field (TS_TABLE_CUSTOMERS, f)->type;

      if (cell_is_null (&dst_cols[f], type, dst) && !cell_is_null (&src_cols[f], type, src))
        memcpy (dst_cols[f].data + (gsize) dst * dst_cols[f].width,
                cell (&src_cols[f], src), dst_cols[f].width);
    }
}

/* Drops the customer rows whose @new_row is NO_ROW, moves the others to
 * their new places, and points the id (and e-mail) lookups there.  Ids of a
 * dropped row keep pointing at the row it was merged into when the lookup
 * was redirected beforehand; otherwise, with @via_email, they are left to
 * the e-mail lookup. */
static void
compact_customers (Finish        *fin,
                   const guint32 *new_row,
                   guint          n,
                   guint          kept,
                   gboolean       via_email)
{
  TsColumn *out = fin->ds->columns[TS_TABLE_CUSTOMERS];
  guint64 *m = (guint64 *) fin->masks->data;

  if (kept == n)
    return;

  for (guint f = 0; f < TS_CUSTOMER_N_FIELDS; f++)
    {
      TsColumn *col = &out[f];
      for (guint r = 0; r < n; r++)
        if (new_row[r] != NO_ROW && new_row[r] != r)
          memcpy (col->data + (gsize) new_row[r] * col->width,
                  col->data + (gsize) r * col->width, col->width);
      col->len = kept;
    }
  for (guint r = 0; r < n; r++)
    if (new_row[r] != NO_ROW)
      m[new_row[r]] = m[r];
  g_array_set_size (fin->masks, kept);

  for (guint32 id = 1; id < fin->n_ids; id++)
    {
      guint32 row = fin->of_id[id];
      if (row == 0)
        continue;
      if (new_row[row - 1] == NO_ROW)
        fin->of_id[id] = 0;
      else
        fin->of_id[id] = new_row[row - 1] + 1;
    }
  if (via_email)
    for (guint32 id = 1; id < fin->n_ids; id++)
      if (fin->of_email[id] != 0)
        fin->of_email[id] = new_row[fin->of_email[id] - 1] + 1;
}

static void
build_customers (Finish *fin)
{
  TsDatasetBuilder *self = fin->self;
  TsDataset *ds = fin->ds;
  TsColumn *out = ds->columns[TS_TABLE_CUSTOMERS];
  const guint32 *ids;
  const guint32 *emails;
  guint n;

  /* 1. one row per customer_id, first values winning */
  for (guint s = 0; s < self->segments->len; s++)
    {
      Segment *seg = self->segments->pdata[s];
      TsColumn *in = seg->cols[TS_TABLE_CUSTOMERS];
      const guint32 *seg_ids = (const guint32 *) in[TS_CUSTOMER_ID].data;

      for (gsize r = 0; r < in[TS_CUSTOMER_ID].len; r++)
        {
          guint32 id = seg_ids[r];
          guint32 row;

          if (id == TS_STR_NULL)
            continue;
          row = fin->of_id[id];
          if (row != 0)
            {
              coalesce_customer (out, row - 1, in, r);
              mark_customer (fin, row - 1, source_mask (fin, seg->source));
              continue;
            }
          for (guint f = 0; f < TS_CUSTOMER_N_FIELDS; f++)
            _ts_column_push (&out[f], cell (&in[f], r));
          fin->of_id[id] = (guint32) out[TS_CUSTOMER_ID].len;
          mark_customer (fin, fin->of_id[id] - 1, source_mask (fin, seg->source));
        }

      for (guint f = 0; f < TS_CUSTOMER_N_FIELDS; f++)
        _ts_column_clear (&in[f]);
    }

  /* 2. a customer whose id is aliased to another customer's id is that
   * customer (a user id a product knows, aliased to the e-mail the CRM
   * uses); one whose id is aliased to an id nobody has takes that id */
  n = (guint) out[TS_CUSTOMER_ID].len;
  {
    g_autofree guint32 *new_row = g_new (guint32, MAX (n, 1));
    guint32 *ids_rw = (guint32 *) out[TS_CUSTOMER_ID].data;
    guint kept = 0;

    for (guint r = 0; r < n; r++)
      {
        guint32 id = ids_rw[r];
        guint32 final = id;

        for (guint hops = 0; hops < 8 && fin->alias_of[final] != 0; hops++)
          final = fin->alias_of[final];

        if (final != id && fin->of_id[final] != 0 && fin->of_id[final] - 1 != r)
          {
            guint32 target = fin->of_id[final] - 1;
            coalesce_customer (out, target, out, r);
            mark_customer (fin, target, g_array_index (fin->masks, guint64, r));
            fin->of_id[id] = target + 1;
            new_row[r] = NO_ROW;
            continue;
          }
        if (final != id && fin->of_id[final] == 0)
          {
            ids_rw[r] = final;
            fin->of_id[final] = r + 1;
          }
        new_row[r] = kept++;
      }
    compact_customers (fin, new_row, n, kept, FALSE);
  }

  /* 3. a customer known by e-mail only joins the customer with that e-mail */
  n = (guint) out[TS_CUSTOMER_ID].len;
  ids = (const guint32 *) out[TS_CUSTOMER_ID].data;
  emails = (const guint32 *) out[TS_CUSTOMER_EMAIL].data;
  for (guint r = 0; r < n; r++)
    if (emails[r] != TS_STR_NULL && emails[r] != ids[r] && fin->of_email[emails[r]] == 0)
      fin->of_email[emails[r]] = r + 1;

  {
    g_autofree guint32 *new_row = g_new (guint32, MAX (n, 1));
    guint kept = 0;

    for (guint r = 0; r < n; r++)
      {
        guint32 target = fin->of_email[ids[r]];

        if (target != 0 && target - 1 != r)
          {
            coalesce_customer (out, target - 1, out, r);
            mark_customer (fin, target - 1, g_array_index (fin->masks, guint64, r));
            new_row[r] = NO_ROW;
            ds->n_merged_by_email++;
          }
        else
          new_row[r] = kept++;
      }
    compact_customers (fin, new_row, n, kept, TRUE);
  }
}

static guint32
resolve_customer (Finish  *fin,
                  guint32  id)
{
  TsDataset *ds = fin->ds;
  TsColumn *out = ds->columns[TS_TABLE_CUSTOMERS];
  TsValue row[TS_CUSTOMER_N_FIELDS];
  const char *str;

  /* an alias leads to the id that names the customer (a few hops at most) */
  for (guint hops = 0; hops < 8 && fin->alias_of[id] != 0 && fin->of_id[id] == 0; hops++)
    id = fin->alias_of[id];

  if (fin->of_id[id] != 0)
    return fin->of_id[id] - 1;
  if (fin->of_email[id] != 0)
    return fin->of_email[id] - 1;
  if (fin->anonymous[id])
    return NO_ROW;   /* never identified anywhere: dropped, and counted */

  /* known only from this reference */
  ts_dataset_builder_clear_row (TS_TABLE_CUSTOMERS, row);
  row[TS_CUSTOMER_ID].str = id;
  str = ts_str_pool_get (fin->self->strings, id);
  if (strchr (str, '@') != NULL)
    row[TS_CUSTOMER_EMAIL].str = id;
  for (guint f = 0; f < TS_CUSTOMER_N_FIELDS; f++)
    _ts_column_push (&out[f], &row[f]);
  fin->of_id[id] = (guint32) out[TS_CUSTOMER_ID].len;
  ds->n_implicit++;
  return fin->of_id[id] - 1;
}

static int
sort_field_of (TsTable table)
{
  switch (table)
    {
    case TS_TABLE_EVENTS: return TS_EVENT_AT;
    case TS_TABLE_CASES: return TS_CASE_OPENED_AT;
    case TS_TABLE_TOUCHES: return TS_TOUCH_AT;
    case TS_TABLE_RESPONSES: return TS_RESPONSE_AT;
    case TS_TABLE_LISTS:
    case TS_TABLE_CUSTOMERS:
    case TS_N_TABLES:
    case TS_TABLE_NONE:
    default: return -1;
    }
}

typedef struct
{
  TsTime  at;
  guint32 row;
} TimedRow;

static inline gboolean
timed_row_less (const TimedRow *a,
                const TimedRow *b)
{
  return a->at < b->at || (a->at == b->at && a->row < b->row);
}

/* Sorts one customer's rows by time (ties keep the sources' order). */
static void
sort_timed_rows (TimedRow *v,
                 gsize     n)
{
  while (n > 24)
    {
      /* quicksort with a median-of-three pivot; recurse on the smaller side */
      gsize mid = n / 2, i = 0, j = n - 1;
      TimedRow pivot, tmp;

      if (timed_row_less (&v[mid], &v[0]))
        tmp = v[mid], v[mid] = v[0], v[0] = tmp;
      if (timed_row_less (&v[n - 1], &v[0]))
        tmp = v[n - 1], v[n - 1] = v[0], v[0] = tmp;
      if (timed_row_less (&v[n - 1], &v[mid]))
        tmp = v[n - 1], v[n - 1] = v[mid], v[mid] = tmp;
      pivot = v[mid];

      for (;;)
        {
          while (timed_row_less (&v[i], &pivot))
            i++;
          while (timed_row_less (&pivot, &v[j]))
            j--;
          if (i >= j)
            break;
          tmp = v[i], v[i] = v[j], v[j] = tmp;
          i++;
          j--;
        }

      if (j + 1 < n - (j + 1))
        {
          sort_timed_rows (v, j + 1);
          v += j + 1;
          n -= j + 1;
        }
      else
        {
          sort_timed_rows (v + j + 1, n - (j + 1));
          n = j + 1;
        }
    }

  for (gsize i = 1; i < n; i++)
    {
      TimedRow x = v[i];
      gsize j = i;
      while (j > 0 && timed_row_less (&x, &v[j - 1]))
        {
          v[j] = v[j - 1];
          j--;
        }
      v[j] = x;
    }
}

/* ---------------------------------------------------------------------- */
/* Running a loop on every core                                           */

typedef void (*RangeFunc) (gpointer data,
                           guint    begin,
                           guint    end);

#define PIECES_PER_CORE 8

typedef struct
{
  RangeFunc      func;
  gpointer       data;
  const guint   *cuts;       /* piece j is [cuts[j], cuts[j + 1]) */
  guint          n_pieces;
  gint           next;       /* the next piece to take (atomic) */
} RangeJob;

/* Takes the next piece not yet taken, until none is left. */
static gpointer
range_thread (gpointer data)
{
  RangeJob *job = data;
  guint j;

  while ((j = (guint) g_atomic_int_add (&job->next, 1)) < job->n_pieces)
    if (job->cuts[j] < job->cuts[j + 1])
      job->func (job->data, job->cuts[j], job->cuts[j + 1]);
  return NULL;
}

/* Calls @func on consecutive pieces of [0, @n), a few per core, which the
 * cores take in turn (a core slowed by other work takes fewer), or on the
 * whole range when it is small.  @bounds, if given, are @n + 1
 * non-decreasing weights (e.g. row offsets per customer) used to give each
 * piece the same amount of work. */
static void
run_in_parallel (guint          n,
                 const guint32 *bounds,
                 RangeFunc      func,
                 gpointer       data)
{
  guint k = MIN (g_get_num_processors (), 8);
  guint64 total = bounds ? bounds[n] : n;
  guint cuts[8 * PIECES_PER_CORE + 1];
  GThread *threads[8];
  RangeJob job = { func, data, cuts, k * PIECES_PER_CORE, 0 };

  if (k <= 1 || total < 65536)
    {
      func (data, 0, n);
      return;
    }

  cuts[0] = 0;
  for (guint j = 0; j < job.n_pieces; j++)
    {
      guint end;

      if (j + 1 == job.n_pieces)
        end = n;
      else if (bounds != NULL)
        {
          /* first index whose weight reaches (j + 1) / pieces of the total */
          guint64 target = total * (j + 1) / job.n_pieces;
          guint lo = cuts[j], hi = n;
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;
              if (bounds[mid] < target)
                lo = mid + 1;
              else
                hi = mid;
            }
          end = lo;
        }
      else
        end = (guint) ((guint64) n * (j + 1) / job.n_pieces);
      cuts[j + 1] = MAX (end, cuts[j]);
    }

  for (guint j = 1; j < k; j++)
    threads[j] = g_thread_new ("ts-finish", range_thread, &job);
  range_thread (&job);
  for (guint j = 1; j < k; j++)
    g_thread_join (threads[j]);
}

typedef struct
{
  const guint32 *offsets;
  const TsTime  *times;
  guint32       *perm;
} SortJob;

static void
sort_customers_range (gpointer data,
                      guint    first,
                      guint    last)
{
  SortJob *job = data;
  const guint32 *offsets = job->offsets;
  const TsTime *times = job->times;
  guint32 *perm = job->perm;
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (TimedRow));

  for (guint c = first; c < last; c++)
    {
      guint32 a = offsets[c], b = offsets[c + 1];
      gboolean sorted = TRUE;
      TimedRow *v;

      for (guint32 i = a + 1; i < b && sorted; i++)
        sorted = times[perm[i - 1]] <= times[perm[i]];
      if (sorted)
        continue;

      g_array_set_size (scratch, b - a);
      v = (TimedRow *) scratch->data;
      for (guint32 i = a; i < b; i++)
        {
          v[i - a].at = times[perm[i]];
          v[i - a].row = perm[i];
        }
      sort_timed_rows (v, b - a);
      for (guint32 i = a; i < b; i++)
        perm[i] = v[i - a].row;
    }
}

/* Row g of the segments is read from data[k] at (g - start[k]) · width,
 * where k is the number of bounds at or below g: bound[k] is where segment
 * k + 1 starts, and past the last segment bound is G_MAXSIZE.  When no
 * segment is shorter than 2^shift rows, a block of that many rows holds at
 * most one bound: k is the segment of the block's first row, or the next.
 * Otherwise k is searched for, in a few steps without branches (bound is
 * padded with G_MAXSIZE to a power of two). */
typedef struct
{
  guint8         *out;
  guint8          width;
  const guint32  *perm;
  guint           n_bounds;    /* a power of two */
  const guint8  **data;
  const gsize    *start;
  const gsize    *bound;
  const guint32  *block;       /* block b's first segment, or NULL */
  guint           shift;
} GatherJob;

static inline const guint8 *
gather_source (const GatherJob *job,
               gsize            g)
{
  const gsize *bound = job->bound;
  guint k;

  if (G_LIKELY (job->block != NULL))
    {
      k = job->block[g >> job->shift];
      k += bound[k] <= g;
    }
  else
    {
      k = 0;
      for (guint step = job->n_bounds / 2; step > 0; step /= 2)
        k += (bound[k + step - 1] <= g) ? step : 0;
    }
  return job->data[k] + (g - job->start[k]) * job->width;
}

static void
gather_range (gpointer data,
              guint    first,
              guint    last)
{
  GatherJob *job = data;
  const guint32 *perm = job->perm;

#define SRC(g) gather_source (job, (g))
  switch (job->width)
    {
    case 8:
      for (guint i = first; i < last; i++)
        {
          if (i + 16 < last)
            __builtin_prefetch (SRC ((gsize) perm[i + 16]));
          ((guint64 *) job->out)[i] = *(const guint64 *) SRC ((gsize) perm[i]);
        }
      break;
    case 4:
      for (guint i = first; i < last; i++)
        {
          if (i + 16 < last)
            __builtin_prefetch (SRC ((gsize) perm[i + 16]));
          ((guint32 *) job->out)[i] = *(const guint32 *) SRC ((gsize) perm[i]);
        }
      break;
    default:
      for (guint i = first; i < last; i++)
        job->out[i] = *SRC ((gsize) perm[i]);
      break;
    }
#undef SRC
}

/* The segments' columns of a large file's pieces are a few megabytes each:
 * glibc keeps such blocks in its heaps once freed, where the dataset's
 * columns (larger, mapped apart) cannot reuse them.  Give them back as
 * each column is gathered, so that the peak is not both at once. */
static void
release_freed_memory (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

/* Whether every cell of column @f of @table, in every segment, holds the
 * same bytes (a field that was not read, a constant); if so, @value gets
 * them.  Reads the cells in order and stops at the first difference. */
static gboolean
column_is_uniform (TsDatasetBuilder *self,
                   TsTable           table,
                   guint             f,
                   guint8           *value)
{
  gboolean first = TRUE;

  for (guint s = 0; s < self->segments->len; s++)
    {
      const TsColumn *col = &((Segment *) self->segments->pdata[s])->cols[table][f];
      guint8 w = col->width;

      if (col->len == 0)
        continue;
      if (first)
        {
          memcpy (value, col->constant ? col->value : col->data, w);
          first = FALSE;
        }
      if (col->constant)
        {
          if (memcmp (col->value, value, w) != 0)
            return FALSE;
          continue;
        }
      switch (w)
        {
        case 8:
          {
            guint64 v, *cells = (guint64 *) col->data;
            memcpy (&v, value, sizeof v);
            for (gsize i = 0; i < col->len; i++)
              if (cells[i] != v)
                return FALSE;
          }
          break;
        case 4:
          {
            guint32 v, *cells = (guint32 *) col->data;
            memcpy (&v, value, sizeof v);
            for (gsize i = 0; i < col->len; i++)
              if (cells[i] != v)
                return FALSE;
          }
          break;
        default:
          for (gsize i = 0; i < col->len; i++)
            if (memcmp (col->data + i * w, value, w) != 0)
              return FALSE;
          break;
        }
    }
  return !first;
}

/* Gathers column @f of @table from all segments through @perm: a random
 * read per row, so the reads run a few rows ahead of the writes, on every
 * core.  A column of one value is filled instead. */
static void
gather_column (Finish        *fin,
               TsTable        table,
               guint          f,
               const guint32 *perm,
               guint          n,
               const gsize   *seg_start)
{
  TsDatasetBuilder *self = fin->self;
  TsColumn *out = &fin->ds->columns[table][f];
  guint n_segs = self->segments->len;
  GatherJob job = { 0, };
  guint k = 0, n_bounds;
  g_autofree const guint8 **data = NULL;
  g_autofree gsize *start = NULL;
  g_autofree gsize *bound = NULL;
  g_autofree guint32 *block = NULL;
  gsize shortest = G_MAXSIZE;
  guint shift = 0;
  guint8 value[8];

  _ts_column_reserve (out, MAX (n, 1));

  if (column_is_uniform (self, table, f, value))
    {
      guint64 v8;
      guint32 v4;

      switch (out->width)
        {
        case 8:
          memcpy (&v8, value, sizeof v8);
          for (guint i = 0; i < n; i++)
            ((guint64 *) out->data)[i] = v8;
          break;
        case 4:
          memcpy (&v4, value, sizeof v4);
          for (guint i = 0; i < n; i++)
            ((guint32 *) out->data)[i] = v4;
          break;
        default:
          for (guint i = 0; i < n; i++)
            memcpy (out->data + (gsize) i * out->width, value, out->width);
          break;
        }
      out->len = n;
      for (guint s = 0; s < n_segs; s++)
        _ts_column_clear (&((Segment *) self->segments->pdata[s])->cols[table][f]);
      release_freed_memory ();
      return;
    }
  /* segments that differ: a constant run is gathered as stored cells */
  for (guint s = 0; s < n_segs; s++)
    {
      TsColumn *col = &((Segment *) self->segments->pdata[s])->cols[table][f];
      column_materialize (col, col->len);
    }
  /* the non-empty segments */
  n_bounds = 1;
  for (guint s = 0; s < n_segs; s++)
    {
      gsize len = ((Segment *) self->segments->pdata[s])->cols[table][f].len;
      if (len == 0)
        continue;
      while (n_bounds < k + 1)
        n_bounds *= 2;
      k++;
      shortest = MIN (shortest, len);
    }
  k = 0;
  data = g_new0 (const guint8 *, n_bounds);
  start = g_new0 (gsize, n_bounds);
  bound = g_new (gsize, n_bounds);
  for (guint i = 0; i < n_bounds; i++)
    bound[i] = G_MAXSIZE;
  for (guint s = 0; s < n_segs; s++)
    {
      const TsColumn *col = &((Segment *) self->segments->pdata[s])->cols[table][f];
      if (col->len == 0)
        continue;
      data[k] = col->data;
      start[k] = seg_start[s];
      if (k > 0)
        bound[k - 1] = seg_start[s];
      k++;
    }
  job.out = out->data;
  job.width = out->width;
  job.perm = perm;
  job.n_bounds = n_bounds;
  job.data = data;
  job.start = start;
  job.bound = bound;
  while (shift < 30 && ((gsize) 2 << shift) <= shortest)
    shift++;
  if (((gsize) seg_start[n_segs] >> shift) <= (gsize) n / 16 + 64)
    {
      gsize n_blocks = ((gsize) seg_start[n_segs] >> shift) + 1;

      block = g_new (guint32, n_blocks);
      for (gsize b = 0, seg = 0; b < n_blocks; b++)
        {
          while (seg + 1 < k && bound[seg] <= b << shift)
            seg++;
          block[b] = (guint32) seg;
        }
      job.block = block;
      job.shift = shift;
    }
  run_in_parallel (n, NULL, gather_range, &job);
  out->len = n;

  for (guint s = 0; s < n_segs; s++)
    _ts_column_clear (&((Segment *) self->segments->pdata[s])->cols[table][f]);
  release_freed_memory ();
}

/* Rows dated after tomorrow are a data-quality finding: a clock, a time
 * zone or a day/month order is wrong somewhere. */
static void
report_future_times (Finish        *fin,
                     Segment       *seg,
                     TsTable        table,
                     const TsTime  *times,
                     gsize          n)
{
  TsTime limit = fin->now + G_GINT64_CONSTANT (86400) * 1000000;
  TsTime latest = TS_TIME_NULL;
  guint64 count = 0;
  g_autofree char *when = NULL;

  for (gsize i = 0; i < n; i++)
    if (times[i] != TS_TIME_NULL && times[i] > limit)
      {
        count++;
        latest = MAX (latest, times[i]);
      }
  if (count == 0)
    return;

  when = ts_timestamp_format_iso (latest);
  ts_dataset_builder_add_problem (fin->self,
                                  seg->source ? ts_source_info_get_path (seg->source) : NULL, 0, 0,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%" PRIu64 " row of %s is dated in the future "
                                               "(the latest: %s): is a clock, a time zone or the day/month order wrong?",
                                               "%" PRIu64 " rows of %s are dated in the future "
                                               "(the latest: %s): is a clock, a time zone or the day/month order wrong?",
                                               count),
                                  count, ts_table_get_name (table), when);
}

static void
build_fact_table (Finish  *fin,
                  TsTable  table)
{
  TsDatasetBuilder *self = fin->self;
  TsDataset *ds = fin->ds;
  guint n_segs = self->segments->len;
  g_autofree gsize *seg_start = g_new0 (gsize, n_segs + 1);
  g_autofree guint32 *perm = NULL;
  g_autofree TsTime *times = NULL;
  guint32 *offsets;
  guint n = 0, n_customers;
  int time_field = sort_field_of (table);
  gboolean uniform[TS_MAX_FIELDS];

  for (guint s = 0; s < n_segs; s++)
    {
      seg_start[s] = n;
      n += ((Segment *) self->segments->pdata[s])->cols[table][0].len;
    }
  seg_start[n_segs] = n;

  /* resolve customers, in place: string ids become customer rows (this
   * may add implicit customers).  Rows that name no customer, and cases
   * seen before under the same id, become NO_ROW and are counted against
   * their source. */
  {
    g_autofree guint8 *seen = table == TS_TABLE_CASES ? g_new0 (guint8, fin->n_ids) : NULL;

    for (guint s = 0; s < n_segs; s++)
      {
        Segment *seg = self->segments->pdata[s];
        TsColumn *col = &seg->cols[table][0];
        guint32 *ids = (guint32 *) col->data;
        const guint32 *case_ids = NULL;
        guint64 mask = source_mask (fin, seg->source);
        guint64 no_identity = 0, duplicate = 0;

        if (seen)
          {
            column_materialize (&seg->cols[table][TS_CASE_ID], seg->cols[table][TS_CASE_ID].len);
            case_ids = (const guint32 *) seg->cols[table][TS_CASE_ID].data;
          }

        for (gsize r = 0; r < col->len; r++)
          {
            if (case_ids != NULL && case_ids[r] != TS_STR_NULL)
              {
                if (seen[case_ids[r]])
                  {
                    ids[r] = NO_ROW;
                    duplicate++;
                    continue;
                  }
                seen[case_ids[r]] = 1;
              }
            ids[r] = resolve_customer (fin, ids[r]);
            if (ids[r] == NO_ROW)
              no_identity++;
            else
              mark_customer (fin, ids[r], mask);
          }
        if (seg->source != NULL)
          {
            ts_source_info_add_dropped (seg->source, TS_DROP_NO_IDENTITY, no_identity);
            ts_source_info_add_dropped (seg->source, TS_DROP_DUPLICATE, duplicate);
          }
      }
  }

  /* counting sort by customer; customers only grow, so size for the final count later */
  n_customers = (guint) ds->columns[TS_TABLE_CUSTOMERS][TS_CUSTOMER_ID].len;
  offsets = g_new0 (guint32, (gsize) n_customers + 1);
  for (guint s = 0; s < n_segs; s++)
    {
      const TsColumn *col = &((Segment *) self->segments->pdata[s])->cols[table][0];
      const guint32 *cust = (const guint32 *) col->data;
      for (gsize r = 0; r < col->len; r++)
        if (cust[r] != NO_ROW)
          offsets[cust[r] + 1]++;
    }
  for (guint c = 0; c < n_customers; c++)
    offsets[c + 1] += offsets[c];
  n = offsets[n_customers];   /* the rows kept */
  perm = g_new (guint32, MAX (n, 1));
  {
    g_autofree guint32 *fill = g_memdup2 (offsets, ((gsize) n_customers + 1) * sizeof (guint32));
    for (guint s = 0, g = 0; s < n_segs; s++)
      {
        const TsColumn *col = &((Segment *) self->segments->pdata[s])->cols[table][0];
        const guint32 *cust = (const guint32 *) col->data;
        for (gsize r = 0; r < col->len; r++, g++)
          if (cust[r] != NO_ROW)
            perm[fill[cust[r]]++] = g;
      }
  }

  /* then by time within each customer */
  if (time_field >= 0)
    {
      times = g_new (TsTime, MAX (seg_start[n_segs], 1));
      for (guint s = 0, g = 0; s < n_segs; s++)
        {
          Segment *seg = self->segments->pdata[s];
          TsColumn *col = &seg->cols[table][time_field];
          if (col->len > 0)
            {
              if (col->constant)
                for (gsize r = 0; r < col->len; r++)
                  memcpy (times + g + r, col->value, sizeof (TsTime));
              else
                memcpy (times + g, col->data, col->len * sizeof (TsTime));
              report_future_times (fin, seg, table, times + g, col->len);
            }
          g += (guint) col->len;
          _ts_column_clear (col);
        }
      release_freed_memory ();
      {
        SortJob job = { offsets, times, perm };
        run_in_parallel (n_customers, offsets, sort_customers_range, &job);
      }
    }

  /* gather; the columns of one value (a field not read, a constant) are
   * filled last, once the permutation is freed: the peak is then the
   * table itself */
  for (guint f = 0; f < ts_table_get_n_fields (table); f++)
    {
      guint8 value[8];

      uniform[f] = (int) f != time_field && column_is_uniform (self, table, f, value);
    }
  for (guint f = 0; f < ts_table_get_n_fields (table); f++)
    {
      if (uniform[f])
        continue;
      if ((int) f == time_field)
        {
          TsColumn *out = &ds->columns[table][f];
          GatherJob job = { 0, };
          const guint8 *data = (const guint8 *) times;
          gsize zero = 0;

          _ts_column_reserve (out, MAX (n, 1));
          job.out = out->data;
          job.width = sizeof (TsTime);
          job.perm = perm;
          job.n_bounds = 1;
          job.data = &data;
          job.start = &zero;
          job.bound = &zero;   /* not read: one segment */
          run_in_parallel (n, NULL, gather_range, &job);
          out->len = n;
          g_clear_pointer (&times, g_free);
          continue;
        }
      gather_column (fin, table, f, perm, n, seg_start);
    }
  g_clear_pointer (&perm, g_free);
  for (guint f = 0; f < ts_table_get_n_fields (table); f++)
    if (uniform[f])
      gather_column (fin, table, f, NULL, n, seg_start);

  ds->n_rows[table] = n;
  ds->by_customer[table] = offsets;
  fin->n_customers_at_build[table] = n_customers;
}

static void
finish_clear (Finish *fin)
{
  g_clear_pointer (&fin->of_email, g_free);
  g_clear_pointer (&fin->alias_of, g_free);
  g_clear_pointer (&fin->anonymous, g_free);
  g_clear_pointer (&fin->masks, g_array_unref);
  g_clear_pointer (&fin->source_bit, g_hash_table_unref);
}

/**
 * ts_dataset_builder_finish:
 *
 * Turns the appended rows into an immutable dataset.  The builder cannot be
 * used afterwards.
 *
 * Returns: (transfer full): the dataset, or %NULL when cancelled
 */
TsDataset *
ts_dataset_builder_finish (TsDatasetBuilder *self,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr(TsDataset) ds = NULL;
  Finish fin = { 0, };
  static const TsTable facts[] = {
    TS_TABLE_EVENTS, TS_TABLE_CASES, TS_TABLE_TOUCHES, TS_TABLE_RESPONSES, TS_TABLE_LISTS,
  };

  g_return_val_if_fail (TS_IS_DATASET_BUILDER (self), NULL);
  g_return_val_if_fail (!self->finished, NULL);

  self->finished = TRUE;

  for (guint t = 0; t < TS_N_TABLES; t++)
    if (ts_dataset_builder_get_n_rows (self, (TsTable) t) >= G_MAXUINT32 - 1)
      {
        g_set_error (error, TS_DATASET_ERROR, TS_DATASET_ERROR_TOO_LARGE,
                     _("the %s table has more than 4 billion rows"),
                     ts_table_get_name ((TsTable) t));
        return NULL;
      }

  ds = g_object_new (TS_TYPE_DATASET, NULL);
  ds->strings = ts_str_pool_ref (self->strings);

  fin.self = self;
  fin.ds = ds;
  fin.n_ids = ts_str_pool_get_size (self->strings);
  fin.of_id = g_new0 (guint32, fin.n_ids);
  fin.of_email = g_new0 (guint32, fin.n_ids);
  fin.alias_of = g_new0 (guint32, fin.n_ids);
  fin.anonymous = g_new0 (guint8, fin.n_ids);
  fin.masks = g_array_new (FALSE, TRUE, sizeof (guint64));
  fin.now = g_get_real_time ();
  fin.source_bit = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->sources->len; i++)
    g_hash_table_insert (fin.source_bit, self->sources->pdata[i], GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < self->anonymous->len; i++)
    fin.anonymous[g_array_index (self->anonymous, guint32, i)] = 1;
  for (guint i = 0; i < self->aliases->len; i++)
    {
      const guint32 *pair = &((const guint32 *) self->aliases->data)[2 * i];
      /* the first alias wins; an id never aliases to itself */
      if (fin.alias_of[pair[0]] == 0)
        fin.alias_of[pair[0]] = pair[1];
    }

  build_customers (&fin);

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          finish_clear (&fin);
          g_free (fin.of_id);
          return NULL;
        }
      build_fact_table (&fin, facts[i]);
    }

  /* Implicit customers were added while resolving; extend every table's
   * index to the final customer count. */
  ds->n_rows[TS_TABLE_CUSTOMERS] = (guint) ds->columns[TS_TABLE_CUSTOMERS][TS_CUSTOMER_ID].len;
  {
    guint nc = ds->n_rows[TS_TABLE_CUSTOMERS];

    for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
      {
        TsTable t = facts[i];
        guint32 *old = ds->by_customer[t];
        guint old_n = fin.n_customers_at_build[t];
        guint32 *grown;

        /* customers added after this table was built have no rows in it */
        grown = g_new (guint32, (gsize) nc + 1);
        for (guint c = 0; c <= nc; c++)
          grown[c] = c <= old_n ? old[c] : ds->n_rows[t];
        g_free (old);
        ds->by_customer[t] = grown;
      }
  }

  ds->implicit = g_new0 (guint8, MAX (ds->n_rows[TS_TABLE_CUSTOMERS], 1));
  {
    guint first_implicit = ds->n_rows[TS_TABLE_CUSTOMERS] - ds->n_implicit;
    for (guint c = first_implicit; c < ds->n_rows[TS_TABLE_CUSTOMERS]; c++)
      ds->implicit[c] = 1;
  }

  /* an alias finds its customer too (a merged contact's old id…) */
  for (guint32 id = 1; id < fin.n_ids; id++)
    if (fin.alias_of[id] != 0 && fin.of_id[id] == 0)
      {
        guint32 final = id;
        for (guint hops = 0; hops < 8 && fin.alias_of[final] != 0 && fin.of_id[final] == 0; hops++)
          final = fin.alias_of[final];
        if (fin.of_id[final] != 0)
          fin.of_id[id] = fin.of_id[final];
        else if (fin.of_email[final] != 0)
          fin.of_id[id] = fin.of_email[final];
      }

  /* customer lookups by id, and by e-mail where the id is something else */
  for (guint32 id = 1; id < fin.n_ids; id++)
    if (fin.of_id[id] == 0 && fin.of_email[id] != 0)
      fin.of_id[id] = fin.of_email[id];
  ds->customer_of_string = fin.of_id;
  ds->n_customer_of_string = fin.n_ids;

  /* which customers several sources name, and which only one */
  {
    guint n_sources = self->sources->len;
    g_autofree guint64 *customers = g_new0 (guint64, MAX (n_sources, 1));
    g_autofree guint64 *unmatched = g_new0 (guint64, MAX (n_sources, 1));
    const guint64 *m = (const guint64 *) fin.masks->data;

    for (guint c = 0; c < fin.masks->len; c++)
      {
        if (m[c] == 0)
          continue;
        if ((m[c] & (m[c] - 1)) != 0)
          ds->n_matched++;
        for (guint i = 0; i < MIN (n_sources, 64); i++)
          if (m[c] & (G_GUINT64_CONSTANT (1) << i))
            {
              customers[i]++;
              if (m[c] == (G_GUINT64_CONSTANT (1) << i))
                unmatched[i]++;
            }
      }
    for (guint i = 0; i < n_sources; i++)
      ts_source_info_set_customers (self->sources->pdata[i], i < 64 ? customers[i] : 0,
                                    i < 64 ? unmatched[i] : 0);
  }
  finish_clear (&fin);

  g_ptr_array_extend_and_steal (ds->sources, g_steal_pointer (&self->sources));
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_source_info_unref);
  g_ptr_array_extend_and_steal (ds->problems, g_steal_pointer (&self->problems));
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_problem_free);
  ds->n_problems = self->n_problems;

  g_ptr_array_set_size (self->segments, 0);

  _ts_dataset_bind_views (ds);
  return g_steal_pointer (&ds);
}

/**
 * ts_dataset_new_for_customer:
 * @dataset: a finished dataset
 * @customer: a row of its customers
 *
 * A dataset of that one customer and all its records: what is measured of
 * the customer in it is what is measured in @dataset, at a fraction of the
 * cost — a customer's history, scored at many moments.
 *
 * Returns: (transfer full): the dataset
 */
TsDataset *
ts_dataset_new_for_customer (TsDataset *dataset,
                             guint      customer)
{
  g_autoptr(TsDatasetBuilder) b = ts_dataset_builder_new ();
  const TsCustomers *cu;
  TsDataset *one;

  g_return_val_if_fail (TS_IS_DATASET (dataset), NULL);
  cu = ts_dataset_get_customers (dataset);
  g_return_val_if_fail (customer < cu->n_rows, NULL);

  for (TsTable t = 0; t < TS_N_TABLES; t++)
    {
      guint n_fields = ts_table_get_n_fields (t);
      const guint32 *by = NULL;
      guint first = customer, last = customer + 1;
      g_autofree TsValue *row = g_new (TsValue, n_fields);

      if (t != TS_TABLE_CUSTOMERS)
        {
          /* a fact table's rows of the customer; its field 0 is the customer */
          switch (t)
            {
            case TS_TABLE_EVENTS: by = ts_dataset_get_events (dataset)->by_customer; break;
            case TS_TABLE_CASES: by = ts_dataset_get_cases (dataset)->by_customer; break;
            case TS_TABLE_TOUCHES: by = ts_dataset_get_touches (dataset)->by_customer; break;
            case TS_TABLE_RESPONSES: by = ts_dataset_get_responses (dataset)->by_customer; break;
            case TS_TABLE_LISTS: by = ts_dataset_get_lists (dataset)->by_customer; break;
            default: g_assert_not_reached ();
            }
          first = by[customer];
          last = by[customer + 1];
        }
      for (guint r = first; r < last; r++)
        {
          ts_dataset_builder_clear_row (t, row);
          for (guint f = 0; f < n_fields; f++)
            {
              gconstpointer column = ts_dataset_get_column (dataset, t, f);

              if (t != TS_TABLE_CUSTOMERS && f == 0)
                {
                  const char *id = ts_dataset_get_string (dataset, cu->id[customer]);
                  row[f].str = ts_dataset_builder_intern (b, id, strlen (id));
                  continue;
                }
              switch (ts_table_get_field (t, f)->type)
                {
                case TS_FIELD_TYPE_STRING:
                case TS_FIELD_TYPE_PROPERTIES:
                  {
                    const char *text = ts_dataset_get_string (dataset, ((const guint32 *) column)[r]);
                    row[f].str = text ? ts_dataset_builder_intern (b, text, strlen (text)) : TS_STR_NULL;
                  }
                  break;
                case TS_FIELD_TYPE_TIME:
                  row[f].time = ((const TsTime *) column)[r];
                  break;
                case TS_FIELD_TYPE_NUMBER:
                  row[f].number = ((const double *) column)[r];
                  break;
                case TS_FIELD_TYPE_BOOLEAN:
                case TS_FIELD_TYPE_CONSENT:
                default:
                  row[f].flag = ((const guint8 *) column)[r];
                  break;
                }
            }
          ts_dataset_builder_append (b, t, row);
        }
    }
  one = ts_dataset_builder_finish (b, NULL, NULL);
  g_assert (one != NULL);   /* rows of a finished dataset: nothing to refuse */
  return one;
}

/* ts-dataset-private.h — shared between the dataset and its builder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ts-dataset.h"

G_BEGIN_DECLS

#define TS_MAX_FIELDS TS_MAX_ROW_FIELDS

/* A growable array of fixed-width cells.  A builder's column may be a
 * constant run instead: no cells stored, @len cells all equal to @value,
 * until a different cell arrives (a field no row of a file has, one
 * channel for every event). */
typedef struct
{
  guint8 *data;
  gsize   len;        /* cells */
  gsize   cap;        /* cells */
  guint8  width;      /* bytes per cell */
  guint8  constant;   /* 1: a constant run, @data unused */
  guint8  value[8];   /* the run's cell */
} TsColumn;

static inline void
_ts_column_init (TsColumn *col,
                 guint8    width)
{
  col->data = NULL;
  col->len = col->cap = 0;
  col->width = width;
  col->constant = 0;
}


static inline void
_ts_column_reserve (TsColumn *col,
                    gsize     cap)
{
  if (col->constant || cap <= col->cap)
    return;
  col->data = g_realloc (col->data, cap * col->width);
  col->cap = cap;
}

static inline void
_ts_column_push (TsColumn   *col,
                 const void *cell)
{
  g_assert (!col->constant);
  if (G_UNLIKELY (col->len == col->cap))
    _ts_column_reserve (col, col->cap < 1024 ? 1024 : col->cap + col->cap / 2);
  memcpy (col->data + col->len * col->width, cell, col->width);
  col->len++;
}

static inline void
_ts_column_clear (TsColumn *col)
{
  g_clear_pointer (&col->data, g_free);
  col->len = col->cap = 0;
  col->constant = 0;
}

guint8 _ts_field_type_width (TsFieldType type);

struct _TsDataset
{
  GObject      parent_instance;

  TsStrPool   *strings;
  TsColumn     columns[TS_N_TABLES][TS_MAX_FIELDS];
  guint        n_rows[TS_N_TABLES];
  guint32     *by_customer[TS_N_TABLES];
  guint8      *implicit;
  guint        n_implicit;
  guint        n_merged_by_email;
  guint        n_matched;
  guint32     *customer_of_string;   /* string id → customer row + 1 */
  guint32      n_customer_of_string;

  TsCustomers  customers;
  TsEvents     events;
  TsCases      cases;
  TsTouches    touches;
  TsResponses  responses;
  TsLists      lists;

  GPtrArray   *sources;
  GPtrArray   *problems;
  guint64      n_problems;

  /* each table's first and last main time, found when the views are bound
   * (first > last: none) */
  TsTime       time_first[TS_N_TABLES];
  TsTime       time_last[TS_N_TABLES];
};

void _ts_dataset_bind_views (TsDataset *self);

G_END_DECLS

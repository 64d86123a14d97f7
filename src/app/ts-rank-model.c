/* ts-rank-model.c — every customer, by score
 *
 * A list model over a TsScores' order (highest score first): an item is a
 * TsRankItem holding the customer at its position, created in get_item()
 * for the rows a list view shows.  A million customers cost the order
 * arrays and nothing per customer.
 *
 * New scores of as many customers change no item: the items alive (those a
 * view holds) are told their position's new customer ("notify::customer"),
 * so the view keeps its rows and only their texts change.  Replacing every
 * item instead would make a view build all its rows again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include "ts-rank-model.h"

struct _TsRankItem
{
  GObject parent_instance;
  guint   customer;
};

G_DEFINE_FINAL_TYPE (TsRankItem, ts_rank_item, G_TYPE_OBJECT)

static GParamSpec *customer_pspec;

static void
ts_rank_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  if (prop_id == 1)
    g_value_set_uint (value, TS_RANK_ITEM (object)->customer);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ts_rank_item_class_init (TsRankItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ts_rank_item_get_property;
  customer_pspec = g_param_spec_uint ("customer", NULL, NULL, 0, G_MAXUINT, 0,
                                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, 1, customer_pspec);
}

static void
ts_rank_item_init (TsRankItem *self)
{
}

guint
ts_rank_item_get_customer (TsRankItem *self)
{
  g_return_val_if_fail (TS_IS_RANK_ITEM (self), 0);
  return self->customer;
}

struct _TsRankModel
{
  GObject   parent_instance;

  TsScores *scores;
  guint    *order;      /* position → customer */
  guint    *position;   /* customer → position */
  guint     n_items;
  GHashTable *alive;    /* position → TsRankItem a view holds (not a reference) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TsRankModel, ts_rank_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
on_item_finalized (gpointer  data,
                   GObject  *where)
{
  TsRankModel *self = data;
  gpointer position = g_object_get_data (where, "ts-position");

  if (g_hash_table_lookup (self->alive, position) == (gpointer) where)
    g_hash_table_remove (self->alive, position);
}

/* items a view still holds no longer belong to the model */
static void
forget_items (TsRankModel *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    g_object_weak_unref (item, on_item_finalized, self);
  g_hash_table_remove_all (self->alive);
}

static GType
ts_rank_model_get_item_type (GListModel *model)
{
  return TS_TYPE_RANK_ITEM;
}

static guint
ts_rank_model_get_n_items (GListModel *model)
{
  return TS_RANK_MODEL (model)->n_items;
}

static gpointer
ts_rank_model_get_item (GListModel *model,
                        guint       position)
{
  TsRankModel *self = TS_RANK_MODEL (model);
  TsRankItem *item;

  if (position >= self->n_items)
    return NULL;
  item = g_hash_table_lookup (self->alive, GUINT_TO_POINTER (position));
  if (item)
    return g_object_ref (item);
  item = g_object_new (TS_TYPE_RANK_ITEM, NULL);
  item->customer = self->order[position];
  g_object_set_data (G_OBJECT (item), "ts-position", GUINT_TO_POINTER (position));
  g_object_weak_ref (G_OBJECT (item), on_item_finalized, self);
  g_hash_table_insert (self->alive, GUINT_TO_POINTER (position), item);
  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ts_rank_model_get_item_type;
  iface->get_n_items = ts_rank_model_get_n_items;
  iface->get_item = ts_rank_model_get_item;
}

static void
ts_rank_model_finalize (GObject *object)
{
  TsRankModel *self = TS_RANK_MODEL (object);

  forget_items (self);
  g_hash_table_unref (self->alive);
  g_clear_pointer (&self->scores, ts_scores_unref);
  g_free (self->order);
  g_free (self->position);

  G_OBJECT_CLASS (ts_rank_model_parent_class)->finalize (object);
}

static void
ts_rank_model_class_init (TsRankModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ts_rank_model_finalize;
}

static void
ts_rank_model_init (TsRankModel *self)
{
  self->alive = g_hash_table_new (NULL, NULL);
}

TsRankModel *
ts_rank_model_new (void)
{
  return g_object_new (TS_TYPE_RANK_MODEL, NULL);
}

/**
 * ts_rank_model_set_scores:
 * @scores: (nullable): whose customers to rank
 */
void
ts_rank_model_set_scores (TsRankModel *self,
                          TsScores    *scores)
{
  guint removed;
  gboolean same_items;

  g_return_if_fail (TS_IS_RANK_MODEL (self));

  removed = self->n_items;
  same_items = self->scores && scores && ts_scores_get_n_customers (scores) == removed &&
               ts_scores_get_dataset (scores) == ts_scores_get_dataset (self->scores);
  if (scores)
    ts_scores_ref (scores);
  g_clear_pointer (&self->scores, ts_scores_unref);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->position, g_free);
  self->scores = scores;
  self->n_items = scores ? ts_scores_get_n_customers (scores) : 0;
  if (scores)
    {
      self->order = ts_scores_dup_order (scores);
      self->position = g_new (guint, MAX (self->n_items, 1));
      for (guint k = 0; k < self->n_items; k++)
        self->position[self->order[k]] = k;
    }
  if (same_items)
    {
      GHashTableIter iter;
      gpointer position, item;
      g_autoptr(GPtrArray) alive = g_ptr_array_new_with_free_func (g_object_unref);

      g_hash_table_iter_init (&iter, self->alive);
      while (g_hash_table_iter_next (&iter, &position, &item))
        {
          TS_RANK_ITEM (item)->customer = self->order[GPOINTER_TO_UINT (position)];
          g_ptr_array_add (alive, g_object_ref (item));
        }
      /* each notifies, also one whose customer stayed: its score moved;
       * after the walk, since a handler may ask for more items */
      for (guint i = 0; i < alive->len; i++)
        g_object_notify_by_pspec (alive->pdata[i], customer_pspec);
      return;
    }
  forget_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
}

/**
 * ts_rank_model_get_scores:
 *
 * Returns: (transfer none) (nullable): the scores ranked
 */
TsScores *
ts_rank_model_get_scores (TsRankModel *self)
{
  g_return_val_if_fail (TS_IS_RANK_MODEL (self), NULL);
  return self->scores;
}

guint
ts_rank_model_get_customer (TsRankModel *self,
                            guint        position)
{
  g_return_val_if_fail (TS_IS_RANK_MODEL (self) && position < self->n_items, 0);
  return self->order[position];
}

/**
 * ts_rank_model_find:
 *
 * Returns: the customer's position, or %GTK_INVALID_LIST_POSITION
 */
guint
ts_rank_model_find (TsRankModel *self,
                    guint        customer)
{
  g_return_val_if_fail (TS_IS_RANK_MODEL (self), G_MAXUINT);
  if (customer >= self->n_items)
    return G_MAXUINT;
  return self->position[customer];
}

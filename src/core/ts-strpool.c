/* ts-strpool.c — interned strings: an arena plus an open-addressing hash table
 *
 * Every distinct string is stored once, NUL-terminated, in large arena blocks;
 * columns refer to it by a 32-bit id.  Id 0 means "no value".  Strings are
 * always valid UTF-8: bytes that are not are read as Windows-1252, the legacy
 * code page spreadsheets write, and counted so importers can warn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-strpool"
#define TS_CORE_COMPILATION

#include "config.h"

#include <string.h>

#include "ts-strpool.h"
#include "ts-strpool-private.h"

#define BLOCK_SIZE (1u << 20)

typedef struct
{
  guint32     hash;
  guint32     id;      /* 0: empty */
  const char *str;     /* the string; its length is the 4 bytes before it */
} Slot;

struct _TsStrPool
{
  gatomicrefcount ref_count;

  /* ids → strings */
  const char **strings;
  guint32      n_strings;   /* including the reserved id 0 */
  guint32      n_alloc;

  /* open addressing; a slot holds the hash and the string itself, so a
   * probe costs one cache miss for the slot and one for the text */
  Slot        *slots;
  guint32      mask;

  /* arena */
  GPtrArray   *blocks;
  char        *cursor;
  gsize        remaining;
  gsize        arena_bytes;

  guint64      n_repaired;
};

static inline guint32
stored_length (const char *str)
{
  guint32 len;
  memcpy (&len, str - sizeof (guint32), sizeof len);
  return len;
}

G_DEFINE_BOXED_TYPE (TsStrPool, ts_str_pool, ts_str_pool_ref, ts_str_pool_unref)

static inline guint32
hash_bytes (const char *s,
            gsize       len)
{
  guint64 h = 0x9e3779b97f4a7c15ull ^ ((guint64) len * 0xff51afd7ed558ccdull);

  while (len >= 8)
    {
      guint64 w;
      memcpy (&w, s, 8);
      h = (h ^ w) * 0xff51afd7ed558ccdull;
      h ^= h >> 31;
      s += 8;
      len -= 8;
    }
  if (len > 0)
    {
      guint64 w = 0;
      memcpy (&w, s, len);
      h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return (guint32) h;
}

static char *
arena_alloc (TsStrPool *self,
             gsize      size)
{
  char *ret;

  if (size > self->remaining)
    {
      gsize block = MAX (BLOCK_SIZE, size);
      char *mem = g_malloc (block);

      g_ptr_array_add (self->blocks, mem);
      self->cursor = mem;
      self->remaining = block;
      self->arena_bytes += block;
    }

  ret = self->cursor;
  self->cursor += size;
  self->remaining -= size;
  return ret;
}

TsStrPool *
ts_str_pool_new (void)
{
  TsStrPool *self = g_new0 (TsStrPool, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->n_alloc = 1024;
  self->strings = g_new (const char *, self->n_alloc);
  self->n_strings = 1;
  self->mask = 2047;
  self->slots = g_new0 (Slot, self->mask + 1);
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  {
    /* id 0: the empty string, with its length in front like every other */
    char *empty = arena_alloc (self, sizeof (guint32) + 1);
    memset (empty, 0, sizeof (guint32) + 1);
    self->strings[0] = empty + sizeof (guint32);
  }

  return self;
}

TsStrPool *
ts_str_pool_ref (TsStrPool *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ts_str_pool_unref (TsStrPool *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->strings);
  g_free (self->slots);
  g_ptr_array_unref (self->blocks);
  g_free (self);
}

static void
grow_table (TsStrPool *self)
{
  guint32 new_mask = self->mask * 2 + 1;
  Slot *slots = g_new0 (Slot, (gsize) new_mask + 1);

  for (guint32 j = 0; j <= self->mask; j++)
    {
      const Slot *slot = &self->slots[j];
      guint32 i;

      if (slot->id == 0)
        continue;
      i = slot->hash & new_mask;
      while (slots[i].id != 0)
        i = (i + 1) & new_mask;
      slots[i] = *slot;
    }

  g_free (self->slots);
  self->slots = slots;
  self->mask = new_mask;
}

static inline guint32
find_slot (TsStrPool  *self,
           const char *str,
           gsize       len,
           guint32     hash)
{
  guint32 i = hash & self->mask;

  for (;;)
    {
      const Slot *slot = &self->slots[i];

      if (slot->id == 0)
        return i;
      if (slot->hash == hash &&
          stored_length (slot->str) == len &&
          memcmp (slot->str, str, len) == 0)
        return i;
      i = (i + 1) & self->mask;
    }
}

guint32
ts_str_pool_lookup (TsStrPool  *self,
                    const char *str,
                    gsize       len)
{
  guint32 hash;

  if (len == 0)
    return TS_STR_NULL;

  hash = hash_bytes (str, len);
  return self->slots[find_slot (self, str, len, hash)].id;
}

static guint32
insert_valid (TsStrPool  *self,
              const char *str,
              gsize       len,
              guint32     hash,
              guint32     slot)
{
  guint32 id;
  guint32 len32 = (guint32) len;
  char *copy;

  g_assert (len < G_MAXUINT32);

  if (self->n_strings == G_MAXUINT32)
    g_error ("string pool full");

  if (self->n_strings == self->n_alloc)
    {
      self->n_alloc *= 2;
      self->strings = g_renew (const char *, self->strings, self->n_alloc);
    }

  copy = arena_alloc (self, sizeof (guint32) + len + 1);
  memcpy (copy, &len32, sizeof len32);
  copy += sizeof (guint32);
  memcpy (copy, str, len);
  copy[len] = '\0';

  id = self->n_strings++;
  self->strings[id] = copy;
  self->slots[slot].hash = hash;
  self->slots[slot].id = id;
  self->slots[slot].str = copy;

  /* linear probing stays short up to three quarters full */
  if ((guint64) self->n_strings * 4 > (guint64) self->mask * 3)
    grow_table (self);

  return id;
}

/**
 * ts_str_pool_hash:
 *
 * The hash the pool files @str under; with ts_str_pool_prefetch(), lets a
 * caller start the memory loads of several lookups before doing any.
 */
guint32
ts_str_pool_hash (const char *str,
                  gsize       len)
{
  return hash_bytes (str, len);
}

void
ts_str_pool_prefetch (TsStrPool *self,
                      guint32    hash)
{
  __builtin_prefetch (&self->slots[hash & self->mask]);
}

/**
 * ts_str_pool_prefetch_text:
 *
 * Once the slot is loaded (after ts_str_pool_prefetch()), starts loading the
 * text it points to, which the lookup will compare.
 */
void
ts_str_pool_prefetch_text (TsStrPool *self,
                           guint32    hash)
{
  const Slot *slot = &self->slots[hash & self->mask];

  if (slot->id != 0 && slot->hash == hash)
    __builtin_prefetch (slot->str - sizeof (guint32));
}

guint32
ts_str_pool_intern_hashed (TsStrPool  *self,
                           const char *str,
                           gsize       len,
                           guint32     hash)
{
  guint32 slot;
  g_autofree char *repaired = NULL;
  gsize repaired_len = 0;

  if (len == 0)
    return TS_STR_NULL;

  slot = find_slot (self, str, len, hash);
  if (self->slots[slot].id != 0)
    return self->slots[slot].id;

  if (G_LIKELY (g_utf8_validate_len (str, len, NULL)))
    return insert_valid (self, str, len, hash, slot);

  /* Not UTF-8: keep what the bytes most likely meant. */
  self->n_repaired++;
  repaired = _ts_windows_1252_to_utf8 (str, len, &repaired_len);
  if (repaired_len == 0)
    return TS_STR_NULL;
  hash = hash_bytes (repaired, repaired_len);
  slot = find_slot (self, repaired, repaired_len, hash);
  if (self->slots[slot].id != 0)
    return self->slots[slot].id;
  return insert_valid (self, repaired, repaired_len, hash, slot);
}

guint32
ts_str_pool_intern (TsStrPool  *self,
                    const char *str,
                    gsize       len)
{
  if (len == 0)
    return TS_STR_NULL;
  return ts_str_pool_intern_hashed (self, str, len, hash_bytes (str, len));
}

const char *
ts_str_pool_get (TsStrPool *self,
                 guint32    id)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (id < self->n_strings, NULL);

  return self->strings[id];
}

guint
ts_str_pool_get_length (TsStrPool *self,
                        guint32    id)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (id < self->n_strings, 0);

  return stored_length (self->strings[id]);
}

guint32
ts_str_pool_get_size (TsStrPool *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_strings;
}

guint64
ts_str_pool_get_n_repaired (TsStrPool *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_repaired;
}

gsize
ts_str_pool_get_memory (TsStrPool *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->arena_bytes +
         (gsize) self->n_alloc * sizeof (char *) +
         ((gsize) self->mask + 1) * sizeof (Slot);
}

/* Windows-1252 bytes 0x80–0x9F; the five holes map to the C1 controls, as
 * Windows' own conversion does.  0xA0–0xFF equal Latin-1. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

char *
_ts_windows_1252_to_utf8 (const char *str,
                          gsize       len,
                          gsize      *out_len)
{
  GString *out = g_string_sized_new (len + len / 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) str[i];

      if (c == 0)
        continue;
      else if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0xA0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        g_string_append_unichar (out, c);
    }

  *out_len = out->len;
  return g_string_free (out, FALSE);
}

/* fuzz-common.h — what every fuzz harness shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Reads every byte of a field so that the sanitizers see a read past its end. */
static inline void
fuzz_touch (const char *data,
            gsize       len)
{
  volatile guint8 sum = 0;

  for (gsize i = 0; i < len; i++)
    sum ^= (guint8) data[i];
  (void) sum;
}

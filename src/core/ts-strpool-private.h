/* ts-strpool-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ts-types.h"

G_BEGIN_DECLS

char *_ts_windows_1252_to_utf8 (const char *str,
                                gsize       len,
                                gsize      *out_len);

G_END_DECLS

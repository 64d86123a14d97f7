/* ts-types.h — forward declarations shared by the core headers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include <glib-object.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* Timestamps are microseconds since the Unix epoch, UTC. */
typedef gint64 TsTime;
#define TS_TIME_NULL G_MININT64

/* String ids index a TsStrPool; 0 is reserved for "no value". */
#define TS_STR_NULL 0u

typedef struct _TsStrPool        TsStrPool;
typedef struct _TsProblem        TsProblem;
typedef struct _TsCsvReader      TsCsvReader;
typedef struct _TsSourceInfo     TsSourceInfo;

G_END_DECLS

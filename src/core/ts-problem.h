/* ts-problem.h — a warning or error tied to a place in a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-types.h"

G_BEGIN_DECLS

#define TS_TYPE_PROBLEM (ts_problem_get_type ())

struct _TsProblem
{
  char    *path;      /* file, or NULL */
  guint64  line;      /* 1-based, 0 when not tied to a line */
  guint    column;    /* 1-based field number, 0 when not tied to a column */
  char    *message;
};

GType      ts_problem_get_type  (void) G_GNUC_CONST;
TsProblem *ts_problem_new       (const char      *path,
                                 guint64          line,
                                 guint            column,
                                 const char      *message);
TsProblem *ts_problem_copy      (const TsProblem *self);
void       ts_problem_free      (TsProblem       *self);
char      *ts_problem_to_string (const TsProblem *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsProblem, ts_problem_free)

G_END_DECLS

/* ts-problem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-problem"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ts-problem.h"

G_DEFINE_BOXED_TYPE (TsProblem, ts_problem, ts_problem_copy, ts_problem_free)

TsProblem *
ts_problem_new (const char *path,
                guint64     line,
                guint       column,
                const char *message)
{
  TsProblem *self = g_new0 (TsProblem, 1);

  self->path = g_strdup (path);
  self->line = line;
  self->column = column;
  self->message = g_strdup (message);
  return self;
}

TsProblem *
ts_problem_copy (const TsProblem *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return ts_problem_new (self->path, self->line, self->column, self->message);
}

void
ts_problem_free (TsProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->message);
  g_free (self);
}

char *
ts_problem_to_string (const TsProblem *self)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (self->path)
    g_string_append (s, self->path);
  if (self->line > 0)
    g_string_append_printf (s, ":%" G_GUINT64_FORMAT, self->line);
  if (self->column > 0)
    g_string_append_printf (s, ":%u", self->column);
  if (s->len > 0)
    g_string_append (s, ": ");
  g_string_append (s, self->message);
  return g_string_free (s, FALSE);
}

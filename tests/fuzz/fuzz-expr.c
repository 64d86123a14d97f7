/* fuzz-expr.c — the condition language on arbitrary text
 *
 * Text that parses is printed, and the printed form must parse again to the
 * same text; the expression is copied, its names collected and checked, and
 * it is evaluated against values of every type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <touchstone.h>

#include "fuzz-common.h"

/* Every name has a value; which type depends on the name. */
static gboolean
resolve (const char  *name,
         TsExprValue *value,
         gpointer     user_data)
{
  guint h = g_str_hash (name);

  switch (h % 5)
    {
    case 0:
      value->type = TS_VALUE_NULL;
      break;
    case 1:
      value->type = TS_VALUE_NUMBER;
      value->number = (double) (h % 200) - 100.0;
      break;
    case 2:
      value->type = TS_VALUE_STRING;
      value->string = name;
      break;
    case 3:
      value->type = TS_VALUE_BOOLEAN;
      value->number = h & 1;
      break;
    default:
      return FALSE;   /* an unknown name */
    }
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(TsExpr) expr = NULL;
  g_autoptr(TsExpr) copy = NULL;
  g_autoptr(TsExpr) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *printed = NULL;
  g_autofree char *printed_again = NULL;
  TsExprValue value = { 0, };
  gboolean b;

  expr = ts_expr_parse (text, &error);
  if (expr == NULL)
    {
      g_assert (error != NULL && error->message != NULL && *error->message != '\0');
      return 0;
    }

  printed = ts_expr_to_string (expr);
  again = ts_expr_parse (printed, &error);
  if (again == NULL)
    g_error ("“%s” printed as “%s”, which does not parse: %s", text, printed, error->message);
  printed_again = ts_expr_to_string (again);
  if (strcmp (printed, printed_again) != 0)
    g_error ("“%s” printed as “%s”, then as “%s”", text, printed, printed_again);

  copy = ts_expr_copy (expr);
  ts_expr_collect_names (copy, names);
  ts_expr_check_names (expr, resolve, NULL, NULL);
  ts_expr_eval (expr, resolve, NULL, &value, NULL);
  ts_expr_eval_bool (expr, resolve, NULL, &b, NULL);

  return 0;
}

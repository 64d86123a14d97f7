/* test-expr.c — the condition language: parsing, errors with columns,
 * printing, evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <touchstone.h>

/* names the tests know */
static gboolean
resolve (const char  *name,
         TsExprValue *value,
         gpointer     user_data)
{
  if (g_str_equal (name, "urgency"))
    *value = (TsExprValue) { TS_VALUE_NUMBER, 0.8, NULL };
  else if (g_str_equal (name, "friction"))
    *value = (TsExprValue) { TS_VALUE_NUMBER, 0.2, NULL };
  else if (g_str_equal (name, "customer.stage"))
    *value = (TsExprValue) { TS_VALUE_STRING, 0, "onboarding" };
  else if (g_str_equal (name, "band"))
    *value = (TsExprValue) { TS_VALUE_STRING, 0, "high" };
  else if (g_str_equal (name, "score"))
    *value = (TsExprValue) { TS_VALUE_NUMBER, 72, NULL };
  else if (g_str_equal (name, "since_renewal"))
    *value = (TsExprValue) { TS_VALUE_NUMBER, 5 * 86400.0, NULL };
  else if (g_str_equal (name, "open_case"))
    *value = (TsExprValue) { TS_VALUE_BOOLEAN, 1, NULL };
  else if (g_str_equal (name, "customer.plan"))
    *value = (TsExprValue) { TS_VALUE_NULL, 0, NULL };
  else
    return FALSE;
  return TRUE;
}

static gboolean
truth (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsExpr) e = ts_expr_parse (text, &error);
  gboolean t = FALSE;

  g_assert_no_error (error);
  g_assert_true (ts_expr_eval_bool (e, resolve, NULL, &t, &error));
  g_assert_no_error (error);
  return t;
}

static void
test_evaluates (void)
{
  g_assert_true (truth ("urgency >= 0.7 or (friction > 0.5 and customer.stage == \"onboarding\")"));
  g_assert_false (truth ("urgency < 0.7 and friction > 0.5"));
  g_assert_true (truth ("not friction > 0.5"));
  g_assert_true (truth ("band in [\"high\", \"urgent\"]"));
  g_assert_false (truth ("band not in [\"high\", \"urgent\"]"));
  g_assert_true (truth ("since_renewal < 30d"));
  g_assert_false (truth ("since_renewal < 1d"));
  g_assert_true (truth ("since_renewal == 120h"));
  g_assert_true (truth ("score / 100 > urgency - 0.1"));
  g_assert_true (truth ("open_case and score >= 70"));
  g_assert_true (truth ("-urgency < 0"));
  g_assert_true (truth ("2 + 3 * 4 == 14"));
  g_assert_true (truth ("(2 + 3) * 4 == 20"));
  g_assert_true (truth ("1 - 2 - 3 == -4"));
  /* nothing: equal to null, never ordered, false in a condition */
  g_assert_true (truth ("customer.plan == null"));
  g_assert_false (truth ("customer.plan != null"));
  g_assert_false (truth ("customer.plan > 3"));
  g_assert_false (truth ("customer.plan < 3"));
  g_assert_false (truth ("1 / 0 > 0"));
  g_assert_true (truth ("'single quotes' == \"single quotes\""));
  g_assert_true (truth ("TRUE and not False"));
}

static void
assert_parse_error (const char *text,
                    guint       column,
                    const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsExpr) e = ts_expr_parse (text, &error);
  g_autofree char *prefix = g_strdup_printf ("column %u: ", column);

  g_assert_null (e);
  g_assert_error (error, TS_EXPR_ERROR, TS_EXPR_ERROR_SYNTAX);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, needle) == NULL)
    g_error ("%s: expected “%s…%s”, got “%s”", text, prefix, needle, error->message);
}

static void
test_parse_errors_point_at_column (void)
{
  assert_parse_error ("", 1, "empty");
  assert_parse_error ("urgency >= ", 12, "expected a value");
  assert_parse_error ("urgency >= 0.7 or", 18, "expected a value");
  assert_parse_error ("(urgency > 1", 13, "expected “)”");
  assert_parse_error ("urgency = 1", 9, "compare with “==”");
  assert_parse_error ("urgency > 1 && friction", 13, "“and”");
  assert_parse_error ("band in \"high\"", 9, "list after “in”");
  assert_parse_error ("band in [\"high\"", 16, "“]”");
  assert_parse_error ("since_renewal < 7y", 18, "durations take");
  assert_parse_error ("stage == \"onboarding", 10, "never closed");
  assert_parse_error ("urgency 0.7", 9, "operator or the end");
  assert_parse_error ("band not \"x\"", 6, "not in");
  assert_parse_error ("score > 1 # comment", 11, "unexpected “#”");
  /* columns count characters, not bytes */
  assert_parse_error ("\"é\" == ", 8, "expected a value");
}

static void
test_deep_nesting_refused (void)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsExpr) e = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (s, '(');
  g_string_append_c (s, '1');
  e = ts_expr_parse (s->str, &error);
  g_assert_null (e);
  g_assert_nonnull (strstr (error->message, "nests too deeply"));
  g_string_free (s, TRUE);
}

static void
test_round_trip (void)
{
  const char *cases[][2] = {
    { "urgency>=0.7 or (friction>0.5 and customer.stage==\"onboarding\")",
      "urgency >= 0.7 or friction > 0.5 and customer.stage == \"onboarding\"" },
    { "(urgency >= 0.7 or friction > 0.5) and band in ['high','urgent']",
      "(urgency >= 0.7 or friction > 0.5) and band in [\"high\", \"urgent\"]" },
    { "since_renewal < 30d and last_touch > 12h", "since_renewal < 30d and last_touch > 12h" },
    { "not (a or b)", "not (a or b)" },
    { "1 - (2 - 3)", "1 - (2 - 3)" },
    { "a not in [1, 2]", "a not in [1, 2]" },
    { "x == \"say \\\"hi\\\"\"", "x == \"say \\\"hi\\\"\"" },
    { "d > 90m", "d > 90m" },
    { "d > 2w", "d > 2w" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TsExpr) e = ts_expr_parse (cases[i][0], &error);
      g_autoptr(TsExpr) again = NULL;
      g_autofree char *text = NULL, *text2 = NULL;

      g_assert_no_error (error);
      text = ts_expr_to_string (e);
      g_assert_cmpstr (text, ==, cases[i][1]);
      /* canonical text parses back to the same text */
      again = ts_expr_parse (text, &error);
      g_assert_no_error (error);
      text2 = ts_expr_to_string (again);
      g_assert_cmpstr (text2, ==, text);
    }
}

static void
test_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsExpr) e = ts_expr_parse ("urgency > 1 or mystery == 2 or urgency < 0", &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean t;

  ts_expr_collect_names (e, names);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (names->pdata[0], ==, "urgency");
  g_assert_cmpstr (names->pdata[1], ==, "mystery");

  g_assert_false (ts_expr_check_names (e, resolve, NULL, &error));
  g_assert_error (error, TS_EXPR_ERROR, TS_EXPR_ERROR_UNKNOWN_NAME);
  g_assert_true (g_str_has_prefix (error->message, "column 16: unknown name “mystery”"));
  g_clear_error (&error);

  /* or stops at the first true side: the unknown name is never read */
  {
    g_autoptr(TsExpr) short_circuit = ts_expr_parse ("urgency > 0.5 or mystery == 2", NULL);
    g_assert_true (ts_expr_eval_bool (short_circuit, resolve, NULL, &t, &error));
    g_assert_true (t);
  }
}

static void
test_type_errors (void)
{
  const char *cases[] = {
    "band > 3",              /* a string ordered against a number */
    "band == 3",
    "urgency and open_case", /* a number as a condition */
    "band + 1 > 0",
    "open_case < true",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TsExpr) e = ts_expr_parse (cases[i], &error);
      gboolean t;

      g_assert_no_error (error);
      g_assert_false (ts_expr_eval_bool (e, resolve, NULL, &t, &error));
      g_assert_error (error, TS_EXPR_ERROR, TS_EXPR_ERROR_TYPE);
      g_assert_true (g_str_has_prefix (error->message, "column "));
    }
}

static void
test_copy (void)
{
  g_autoptr(TsExpr) e = ts_expr_parse ("a in [1, 2d, \"x\"] and not b", NULL);
  g_autoptr(TsExpr) copy = ts_expr_copy (e);
  g_autofree char *t1 = ts_expr_to_string (e);
  g_autofree char *t2 = ts_expr_to_string (copy);

  g_assert_cmpstr (t1, ==, t2);
  g_assert_cmpuint (copy->n_children, ==, 2);
  g_assert_cmpint (copy->children[0]->kind, ==, TS_EXPR_IN);
  g_assert_cmpfloat (copy->children[0]->children[1]->children[1]->number, ==, 2 * 86400.0);
}

/* Found by fuzz-expr: 5,000 terms joined by "+" parsed into a tree 5,000
 * deep, and printing it overflowed the stack.  Trees deeper than 1,000 are
 * refused; the deepest allowed is printed, copied and evaluated. */
static void
test_long_rows_refused (void)
{
  g_autoptr(GString) text = g_string_new ("1");
  g_autoptr(GError) error = NULL;
  g_autoptr(TsExpr) e = NULL;
  g_autoptr(TsExpr) copy = NULL;
  g_autofree char *printed = NULL;
  TsExprValue value = { 0, };

  for (guint i = 0; i < 999; i++)
    g_string_append (text, " + 1");
  e = ts_expr_parse (text->str, &error);
  g_assert_no_error (error);
  printed = ts_expr_to_string (e);
  g_assert_cmpstr (printed, ==, text->str);
  copy = ts_expr_copy (e);
  g_assert_true (ts_expr_eval (copy, resolve, NULL, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (value.number, ==, 1000.0);
  g_clear_pointer (&e, ts_expr_free);

  /* the 1000th operator, at column 3999, makes the tree 1,001 deep */
  g_string_append (text, " + 1");
  e = ts_expr_parse (text->str, &error);
  g_assert_null (e);
  g_assert_error (error, TS_EXPR_ERROR, TS_EXPR_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "column 3999: the condition is too long: its operators reach more than 1000 deep");
  g_clear_error (&error);

  /* rows inside rows count together: each is a level of the tree */
  g_string_assign (text, "a");
  for (guint i = 0; i < 600; i++)
    g_string_append (text, " and b");
  for (guint i = 0; i < 600; i++)
    g_string_append (text, " or c");
  g_assert_null (ts_expr_parse (text->str, &error));
  g_assert_error (error, TS_EXPR_ERROR, TS_EXPR_ERROR_SYNTAX);
  g_clear_error (&error);

  /* 50,000 terms of a row would have overflowed it: refused, and so quickly */
  g_string_assign (text, "1");
  for (guint i = 0; i < 50000; i++)
    g_string_append (text, " - 1");
  g_assert_null (ts_expr_parse (text->str, &error));
  g_assert_error (error, TS_EXPR_ERROR, TS_EXPR_ERROR_SYNTAX);
}

/* A list is flat, however long. */
static void
test_long_list (void)
{
  g_autoptr(GString) text = g_string_new ("7 in [");
  g_autoptr(GError) error = NULL;
  g_autoptr(TsExpr) e = NULL;
  g_autofree char *printed = NULL;
  gboolean result = FALSE;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (text, i ? ", %u" : "%u", i);
  g_string_append_c (text, ']');
  e = ts_expr_parse (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (e->children[1]->n_children, ==, 100000);
  printed = ts_expr_to_string (e);
  g_assert_cmpstr (printed, ==, text->str);
  g_assert_true (ts_expr_eval_bool (e, resolve, NULL, &result, &error));
  g_assert_true (result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/expr/evaluates", test_evaluates);
  g_test_add_func ("/core/expr/parse-errors-point-at-column", test_parse_errors_point_at_column);
  g_test_add_func ("/core/expr/deep-nesting-refused", test_deep_nesting_refused);
  g_test_add_func ("/core/expr/long-rows-refused", test_long_rows_refused);
  g_test_add_func ("/core/expr/long-list", test_long_list);
  g_test_add_func ("/core/expr/round-trip", test_round_trip);
  g_test_add_func ("/core/expr/names", test_names);
  g_test_add_func ("/core/expr/type-errors", test_type_errors);
  g_test_add_func ("/core/expr/copy", test_copy);

  return g_test_run ();
}

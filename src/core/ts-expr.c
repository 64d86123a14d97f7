/* ts-expr.c — the playbook's condition language
 *
 *   urgency >= 0.7 or (friction > 0.5 and customer.stage == "onboarding")
 *   band in ["high", "urgent"] and not customer.plan == "free"
 *   days_since_renewal < 30d
 *
 * Grammar, loosest first:
 *
 *   expr    := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | compare
 *   compare := sum (("=="|"!="|"<"|"<="|">"|">=") sum | ["not"] "in" list)?
 *   sum     := product (("+"|"-") product)*
 *   product := unary (("*"|"/") unary)*
 *   unary   := "-" unary | primary
 *   primary := number | duration | string | "true" | "false" | "null"
 *            | name ("." name)* | "(" expr ")" | list
 *   list    := "[" (expr ("," expr)*)? "]"
 *
 * A duration is a number with a unit — s, m, h, d or w — and its value is in
 * seconds.  Parsing gives a plain tree (TsExpr) that the engine evaluates and
 * that a SQL compiler can walk; every node keeps the column it came from, so
 * errors point at it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-expr"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ts-expr.h"

G_DEFINE_QUARK (ts-expr-error-quark, ts_expr_error)
G_DEFINE_BOXED_TYPE (TsExpr, ts_expr, ts_expr_copy, ts_expr_free)

#define MAX_DEPTH 200
/* Operators in a row (a + b + c…) make a tree as deep as the row is long,
 * and printing, copying, evaluating and freeing walk it recursively: a tree
 * deeper than this is refused. */
#define MAX_TREE_DEPTH 1000

typedef enum
{
  TOK_END,
  TOK_NUMBER,
  TOK_DURATION,
  TOK_STRING,
  TOK_NAME,
  TOK_AND,
  TOK_OR,
  TOK_NOT,
  TOK_IN,
  TOK_TRUE,
  TOK_FALSE,
  TOK_NULL,
  TOK_EQ,
  TOK_NE,
  TOK_LT,
  TOK_LE,
  TOK_GT,
  TOK_GE,
  TOK_PLUS,
  TOK_MINUS,
  TOK_STAR,
  TOK_SLASH,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_LBRACKET,
  TOK_RBRACKET,
  TOK_COMMA,
} TokKind;

typedef struct
{
  TokKind  kind;
  guint    column;
  double   number;
  char    *text;       /* NAME, STRING */
} Token;

typedef struct
{
  const char *src;
  const char *p;
  Token       tok;
  guint       depth;
  GHashTable *depths;      /* node → depth of its tree, for nodes with children */
  const char *counted;     /* column_of() counted characters up to here… */
  guint       counted_column; /* … which is this column */
  GError    **error;
  gboolean    failed;
} Parser;

static TsExpr *parse_or (Parser *ps);

/* ---------------------------------------------------------------------- */
/* nodes                                                                  */

static TsExpr *
node_new (TsExprKind kind,
          guint      column)
{
  TsExpr *e = g_new0 (TsExpr, 1);
  e->kind = kind;
  e->column = column;
  return e;
}

static void
node_add (TsExpr *e,
          TsExpr *child)
{
  guint n = e->n_children;

  /* room for a power of two of children: a long list grows in O(n) */
  if ((n & (n - 1)) == 0)
    e->children = g_renew (TsExpr *, e->children, n == 0 ? 1 : 2 * n);
  e->children[e->n_children++] = child;
}

static TsExpr *
node_binary (TsExprKind kind,
             guint      column,
             TsExpr    *a,
             TsExpr    *b)
{
  TsExpr *e = node_new (kind, column);
  node_add (e, a);
  node_add (e, b);
  return e;
}

void
ts_expr_free (TsExpr *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_children; i++)
    ts_expr_free (self->children[i]);
  g_free (self->children);
  g_free (self->string);
  g_free (self);
}

TsExpr *
ts_expr_copy (const TsExpr *self)
{
  TsExpr *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = node_new (self->kind, self->column);
  copy->number = self->number;
  copy->string = g_strdup (self->string);
  for (guint i = 0; i < self->n_children; i++)
    node_add (copy, ts_expr_copy (self->children[i]));
  return copy;
}

/* ---------------------------------------------------------------------- */
/* lexer                                                                  */

static const char *
token_describe (const Token *t)
{
  switch (t->kind)
    {
    case TOK_END: return _("the end");
    case TOK_NUMBER: return _("a number");
    case TOK_DURATION: return _("a duration");
    case TOK_STRING: return _("a string");
    case TOK_NAME: return _("a name");
    case TOK_AND: return "“and”";
    case TOK_OR: return "“or”";
    case TOK_NOT: return "“not”";
    case TOK_IN: return "“in”";
    case TOK_TRUE: return "“true”";
    case TOK_FALSE: return "“false”";
    case TOK_NULL: return "“null”";
    case TOK_EQ: return "“==”";
    case TOK_NE: return "“!=”";
    case TOK_LT: return "“<”";
    case TOK_LE: return "“<=”";
    case TOK_GT: return "“>”";
    case TOK_GE: return "“>=”";
    case TOK_PLUS: return "“+”";
    case TOK_MINUS: return "“-”";
    case TOK_STAR: return "“*”";
    case TOK_SLASH: return "“/”";
    case TOK_LPAREN: return "“(”";
    case TOK_RPAREN: return "“)”";
    case TOK_LBRACKET: return "“[”";
    case TOK_RBRACKET: return "“]”";
    case TOK_COMMA: return "“,”";
    default: return "?";
    }
}

static void
fail (Parser     *ps,
      guint       column,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

static void
fail (Parser     *ps,
      guint       column,
      int         code,
      const char *format,
      ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  if (ps->failed)
    return;
  ps->failed = TRUE;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (ps->error, TS_EXPR_ERROR, code, _("column %u: %s"), column, msg);
}

static guint
column_of (Parser     *ps,
           const char *p)
{
  /* tokens come in order: count on from the last one, not from the start */
  if (ps->counted == NULL || p < ps->counted)
    {
      ps->counted = ps->src;
      ps->counted_column = 1;
    }
  ps->counted_column += (guint) g_utf8_strlen (ps->counted, p - ps->counted);
  ps->counted = p;
  return ps->counted_column;
}

static void
next_token (Parser *ps)
{
  const char *p = ps->p;
  Token *t = &ps->tok;

  g_clear_pointer (&t->text, g_free);
  t->number = 0;

  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  t->column = column_of (ps, p);

  if (*p == '\0')
    {
      t->kind = TOK_END;
      ps->p = p;
      return;
    }

  if (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
    {
      char *end = NULL;
      double v = g_ascii_strtod (p, &end);

      p = end;
      t->kind = TOK_NUMBER;
      t->number = v;
      if (g_ascii_isalpha (*p))
        {
          static const struct { char unit; double seconds; } units[] = {
            { 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 }, { 'w', 604800 },
          };
          gboolean known = FALSE;

          if (!g_ascii_isalnum (p[1]) && p[1] != '_')
            for (guint i = 0; i < G_N_ELEMENTS (units); i++)
              if (*p == units[i].unit)
                {
                  t->kind = TOK_DURATION;
                  t->number = v * units[i].seconds;
                  known = TRUE;
                  p++;
                  break;
                }
          if (!known)
            {
              fail (ps, column_of (ps, p), TS_EXPR_ERROR_SYNTAX,
                    _("a number with the unit “%c”: durations take s, m, h, d or w (as in 7d)"), *p);
              t->kind = TOK_END;
            }
        }
      ps->p = p;
      return;
    }

  if (*p == '"' || *p == '\'')
    {
      char quote = *p++;
      GString *s = g_string_new (NULL);

      while (*p && *p != quote)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          g_string_append_c (s, *p++);
        }
      if (*p != quote)
        {
          fail (ps, t->column, TS_EXPR_ERROR_SYNTAX, _("this string is never closed"));
          g_string_free (s, TRUE);
          t->kind = TOK_END;
          ps->p = p;
          return;
        }
      p++;
      t->kind = TOK_STRING;
      t->text = g_string_free (s, FALSE);
      ps->p = p;
      return;
    }

  if (g_ascii_isalpha (*p) || *p == '_')
    {
      const char *start = p;
      static const struct { const char *word; TokKind kind; } keywords[] = {
        { "and", TOK_AND }, { "or", TOK_OR }, { "not", TOK_NOT }, { "in", TOK_IN },
        { "true", TOK_TRUE }, { "false", TOK_FALSE }, { "null", TOK_NULL },
      };

      /* a dotted name is one token: customer.plan */
      while (g_ascii_isalnum (*p) || *p == '_' ||
             (*p == '.' && (g_ascii_isalpha (p[1]) || p[1] == '_')))
        p++;
      t->text = g_strndup (start, p - start);
      t->kind = TOK_NAME;
      for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
        if (g_ascii_strcasecmp (t->text, keywords[i].word) == 0)
          t->kind = keywords[i].kind;
      ps->p = p;
      return;
    }

  switch (*p)
    {
    case '=':
      if (p[1] == '=')
        {
          t->kind = TOK_EQ;
          p += 2;
        }
      else
        {
          fail (ps, t->column, TS_EXPR_ERROR_SYNTAX, _("“=” alone: compare with “==”"));
          t->kind = TOK_END;
          p++;
        }
      break;
    case '!':
      if (p[1] == '=')
        {
          t->kind = TOK_NE;
          p += 2;
        }
      else
        {
          fail (ps, t->column, TS_EXPR_ERROR_SYNTAX, _("“!” alone: write “not”, or “!=” to compare"));
          t->kind = TOK_END;
          p++;
        }
      break;
    case '<':
      t->kind = p[1] == '=' ? TOK_LE : TOK_LT;
      p += p[1] == '=' ? 2 : 1;
      break;
    case '>':
      t->kind = p[1] == '=' ? TOK_GE : TOK_GT;
      p += p[1] == '=' ? 2 : 1;
      break;
    case '+': t->kind = TOK_PLUS; p++; break;
    case '-': t->kind = TOK_MINUS; p++; break;
    case '*': t->kind = TOK_STAR; p++; break;
    case '/': t->kind = TOK_SLASH; p++; break;
    case '(': t->kind = TOK_LPAREN; p++; break;
    case ')': t->kind = TOK_RPAREN; p++; break;
    case '[': t->kind = TOK_LBRACKET; p++; break;
    case ']': t->kind = TOK_RBRACKET; p++; break;
    case ',': t->kind = TOK_COMMA; p++; break;
    case '&':
    case '|':
      fail (ps, t->column, TS_EXPR_ERROR_SYNTAX,
            *p == '&' ? _("write “and”, not “&”") : _("write “or”, not “|”"));
      t->kind = TOK_END;
      p++;
      break;
    default:
      {
        gunichar c = g_utf8_get_char_validated (p, -1);
        char buf[8] = { 0, };
        if (c == (gunichar) -1 || c == (gunichar) -2)
          c = '?';
        g_unichar_to_utf8 (c, buf);
        fail (ps, t->column, TS_EXPR_ERROR_SYNTAX, _("unexpected “%s”"), buf);
        t->kind = TOK_END;
        p = g_utf8_next_char (p);
      }
    }
  ps->p = p;
}

/* ---------------------------------------------------------------------- */
/* parser                                                                 */

static gboolean
expect (Parser     *ps,
        TokKind     kind,
        const char *what)
{
  if (ps->tok.kind == kind)
    {
      next_token (ps);
      return TRUE;
    }
  fail (ps, ps->tok.column, TS_EXPR_ERROR_SYNTAX, _("expected %s, found %s"), what,
        token_describe (&ps->tok));
  return FALSE;
}

/* Notes the depth of @e's tree, built from its children's; frees it, and
 * fails, when it is deeper than MAX_TREE_DEPTH. */
static TsExpr *
check_depth (Parser *ps,
             TsExpr *e)
{
  guint depth = 1;

  for (guint i = 0; i < e->n_children; i++)
    {
      guint child = GPOINTER_TO_UINT (g_hash_table_lookup (ps->depths, e->children[i]));
      depth = MAX (depth, MAX (child, 1) + 1);
      g_hash_table_remove (ps->depths, e->children[i]);
    }
  if (depth > MAX_TREE_DEPTH)
    {
      fail (ps, e->column, TS_EXPR_ERROR_SYNTAX,
            _("the condition is too long: its operators reach more than %u deep"),
            MAX_TREE_DEPTH);
      ts_expr_free (e);
      return NULL;
    }
  g_hash_table_insert (ps->depths, e, GUINT_TO_POINTER (depth));
  return e;
}

static TsExpr *
parse_list (Parser *ps)
{
  TsExpr *list = node_new (TS_EXPR_LIST, ps->tok.column);

  next_token (ps);   /* [ */
  if (ps->tok.kind != TOK_RBRACKET)
    for (;;)
      {
        TsExpr *item = parse_or (ps);
        if (item == NULL)
          {
            ts_expr_free (list);
            return NULL;
          }
        node_add (list, item);
        if (ps->tok.kind != TOK_COMMA)
          break;
        next_token (ps);
      }
  if ((list = check_depth (ps, list)) == NULL)
    return NULL;
  if (!expect (ps, TOK_RBRACKET, "“]”"))
    {
      ts_expr_free (list);
      return NULL;
    }
  return list;
}

static TsExpr *
parse_primary (Parser *ps)
{
  Token *t = &ps->tok;
  TsExpr *e = NULL;

  if (ps->failed)
    return NULL;

  switch (t->kind)
    {
    case TOK_NUMBER:
    case TOK_DURATION:
      e = node_new (t->kind == TOK_NUMBER ? TS_EXPR_NUMBER : TS_EXPR_DURATION, t->column);
      e->number = t->number;
      next_token (ps);
      return e;
    case TOK_STRING:
      e = node_new (TS_EXPR_STRING, t->column);
      e->string = g_steal_pointer (&t->text);
      next_token (ps);
      return e;
    case TOK_NAME:
      e = node_new (TS_EXPR_NAME, t->column);
      e->string = g_steal_pointer (&t->text);
      next_token (ps);
      return e;
    case TOK_TRUE:
    case TOK_FALSE:
      e = node_new (TS_EXPR_BOOLEAN, t->column);
      e->number = t->kind == TOK_TRUE;
      next_token (ps);
      return e;
    case TOK_NULL:
      e = node_new (TS_EXPR_NULL, t->column);
      next_token (ps);
      return e;
    case TOK_LPAREN:
      next_token (ps);
      e = parse_or (ps);
      if (e == NULL)
        return NULL;
      if (!expect (ps, TOK_RPAREN, "“)”"))
        {
          ts_expr_free (e);
          return NULL;
        }
      return e;
    case TOK_LBRACKET:
      return parse_list (ps);
    case TOK_END:
    case TOK_AND:
    case TOK_OR:
    case TOK_NOT:
    case TOK_IN:
    case TOK_EQ:
    case TOK_NE:
    case TOK_LT:
    case TOK_LE:
    case TOK_GT:
    case TOK_GE:
    case TOK_PLUS:
    case TOK_MINUS:
    case TOK_STAR:
    case TOK_SLASH:
    case TOK_RPAREN:
    case TOK_RBRACKET:
    case TOK_COMMA:
    default:
      fail (ps, t->column, TS_EXPR_ERROR_SYNTAX, _("expected a value, found %s"), token_describe (t));
      return NULL;
    }
}

typedef TsExpr *(*ParseFunc) (Parser *ps);

/* A prefix operator: `op operand`, where the operand may carry the same
 * operator again (- - 1, not not a); else the next level's value. */
static TsExpr *
parse_prefixed (Parser     *ps,
                TokKind     op,
                TsExprKind  kind,
                ParseFunc   self,
                ParseFunc   next)
{
  guint column = ps->tok.column;
  TsExpr *operand, *e;

  if (ps->tok.kind != op)
    return next (ps);
  if (++ps->depth > MAX_DEPTH)
    {
      fail (ps, column, TS_EXPR_ERROR_SYNTAX, _("the condition nests too deeply"));
      return NULL;
    }
  next_token (ps);
  operand = self (ps);
  ps->depth--;
  if (operand == NULL)
    return NULL;
  e = node_new (kind, column);
  node_add (e, operand);
  e = check_depth (ps, e);
  return e;
}

/* A left-associative level: `operand (op operand)*`, with one or two
 * operators (op2 TOK_END: none). */
static TsExpr *
parse_binary (Parser     *ps,
              ParseFunc   operand,
              TokKind     op1,
              TsExprKind  kind1,
              TokKind     op2,
              TsExprKind  kind2)
{
  TsExpr *left = operand (ps);

  while (left && (ps->tok.kind == op1 || (op2 != TOK_END && ps->tok.kind == op2)))
    {
      TsExprKind kind = ps->tok.kind == op1 ? kind1 : kind2;
      guint column = ps->tok.column;
      TsExpr *right;

      next_token (ps);
      right = operand (ps);
      if (right == NULL)
        {
          ts_expr_free (left);
          return NULL;
        }
      left = check_depth (ps, node_binary (kind, column, left, right));
    }
  return left;
}

static TsExpr *
parse_unary (Parser *ps)
{
  return parse_prefixed (ps, TOK_MINUS, TS_EXPR_NEGATE, parse_unary, parse_primary);
}

static TsExpr *
parse_product (Parser *ps)
{
  return parse_binary (ps, parse_unary, TOK_STAR, TS_EXPR_MUL, TOK_SLASH, TS_EXPR_DIV);
}

static TsExpr *
parse_sum (Parser *ps)
{
  return parse_binary (ps, parse_product, TOK_PLUS, TS_EXPR_ADD, TOK_MINUS, TS_EXPR_SUB);
}

static TsExpr *
parse_compare (Parser *ps)
{
  TsExpr *left = parse_sum (ps);
  TsExprKind kind;
  guint column;
  TsExpr *right;

  if (left == NULL)
    return NULL;

  column = ps->tok.column;
  switch (ps->tok.kind)
    {
    case TOK_EQ: kind = TS_EXPR_EQ; break;
    case TOK_NE: kind = TS_EXPR_NE; break;
    case TOK_LT: kind = TS_EXPR_LT; break;
    case TOK_LE: kind = TS_EXPR_LE; break;
    case TOK_GT: kind = TS_EXPR_GT; break;
    case TOK_GE: kind = TS_EXPR_GE; break;
    case TOK_IN: kind = TS_EXPR_IN; break;
    case TOK_NOT:
      {
        /* "a not in [...]": the "not" must be followed by "in" */
        next_token (ps);
        if (ps->tok.kind != TOK_IN)
          {
            fail (ps, column, TS_EXPR_ERROR_SYNTAX, _("“not” here can only start “not in”"));
            ts_expr_free (left);
            return NULL;
          }
        kind = TS_EXPR_NOT_IN;
      }
      break;
    case TOK_END:
    case TOK_NUMBER:
    case TOK_DURATION:
    case TOK_STRING:
    case TOK_NAME:
    case TOK_AND:
    case TOK_OR:
    case TOK_TRUE:
    case TOK_FALSE:
    case TOK_NULL:
    case TOK_PLUS:
    case TOK_MINUS:
    case TOK_STAR:
    case TOK_SLASH:
    case TOK_LPAREN:
    case TOK_RPAREN:
    case TOK_LBRACKET:
    case TOK_RBRACKET:
    case TOK_COMMA:
    default:
      return left;
    }

  next_token (ps);
  if (kind == TS_EXPR_IN || kind == TS_EXPR_NOT_IN)
    {
      if (ps->tok.kind != TOK_LBRACKET)
        {
          fail (ps, ps->tok.column, TS_EXPR_ERROR_SYNTAX, _("expected a list after “in”, as in [\"a\", \"b\"]"));
          ts_expr_free (left);
          return NULL;
        }
      right = parse_list (ps);
    }
  else
    right = parse_sum (ps);
  if (right == NULL)
    {
      ts_expr_free (left);
      return NULL;
    }
  return check_depth (ps, node_binary (kind, column, left, right));
}

static TsExpr *
parse_not (Parser *ps)
{
  return parse_prefixed (ps, TOK_NOT, TS_EXPR_NOT, parse_not, parse_compare);
}

static TsExpr *
parse_and (Parser *ps)
{
  return parse_binary (ps, parse_not, TOK_AND, TS_EXPR_AND, TOK_END, TS_EXPR_AND);
}

static TsExpr *
parse_or (Parser *ps)
{
  TsExpr *e;

  if (++ps->depth > MAX_DEPTH)
    {
      fail (ps, ps->tok.column, TS_EXPR_ERROR_SYNTAX, _("the condition nests too deeply"));
      return NULL;
    }
  e = parse_binary (ps, parse_and, TOK_OR, TS_EXPR_OR, TOK_END, TS_EXPR_OR);
  ps->depth--;
  return e;
}

/**
 * ts_expr_parse:
 *
 * Returns: (transfer full): the tree of @text, or %NULL with @error saying
 * what is wrong and at which column (counted in characters, from 1)
 */
TsExpr *
ts_expr_parse (const char  *text,
               GError     **error)
{
  Parser ps = { 0, };
  TsExpr *e;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, TS_EXPR_ERROR, TS_EXPR_ERROR_SYNTAX, _("column 1: the condition is not UTF-8"));
      return NULL;
    }

  ps.src = text;
  ps.p = text;
  ps.error = error;
  next_token (&ps);
  if (ps.tok.kind == TOK_END && !ps.failed)
    {
      fail (&ps, ps.tok.column, TS_EXPR_ERROR_SYNTAX, _("the condition is empty"));
      g_free (ps.tok.text);
      return NULL;
    }

  ps.depths = g_hash_table_new (NULL, NULL);
  e = parse_or (&ps);
  if (e != NULL && ps.tok.kind != TOK_END)
    {
      fail (&ps, ps.tok.column, TS_EXPR_ERROR_SYNTAX, _("expected an operator or the end, found %s"),
            token_describe (&ps.tok));
      g_clear_pointer (&e, ts_expr_free);
    }
  if (ps.failed)
    g_clear_pointer (&e, ts_expr_free);
  g_free (ps.tok.text);
  g_hash_table_unref (ps.depths);
  return e;
}

/* ---------------------------------------------------------------------- */
/* printing                                                               */

/* How tightly each kind binds (higher: tighter), and how a binary one is
 * written, by TsExprKind. */
static const struct {
  int         precedence;
  const char *text;
} kinds[] = {
  [TS_EXPR_NUMBER] = { 8, "" },
  [TS_EXPR_DURATION] = { 8, "" },
  [TS_EXPR_STRING] = { 8, "" },
  [TS_EXPR_BOOLEAN] = { 8, "" },
  [TS_EXPR_NULL] = { 8, "" },
  [TS_EXPR_NAME] = { 8, "" },
  [TS_EXPR_LIST] = { 8, "" },
  [TS_EXPR_NOT] = { 3, "not " },
  [TS_EXPR_NEGATE] = { 7, "-" },
  [TS_EXPR_AND] = { 2, " and " },
  [TS_EXPR_OR] = { 1, " or " },
  [TS_EXPR_EQ] = { 4, " == " },
  [TS_EXPR_NE] = { 4, " != " },
  [TS_EXPR_LT] = { 4, " < " },
  [TS_EXPR_LE] = { 4, " <= " },
  [TS_EXPR_GT] = { 4, " > " },
  [TS_EXPR_GE] = { 4, " >= " },
  [TS_EXPR_IN] = { 4, " in " },
  [TS_EXPR_NOT_IN] = { 4, " not in " },
  [TS_EXPR_ADD] = { 5, " + " },
  [TS_EXPR_SUB] = { 5, " - " },
  [TS_EXPR_MUL] = { 6, " * " },
  [TS_EXPR_DIV] = { 6, " / " },
};

/* the shortest text that reads back as the same number */
static void
append_number (GString *s,
               double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (s, buf);
}

static void
print (GString      *s,
       const TsExpr *e,
       int           parent)
{
  int prec = kinds[e->kind].precedence;
  gboolean parens = prec < parent;

  if (parens)
    g_string_append_c (s, '(');

  switch (e->kind)
    {
    case TS_EXPR_NUMBER:
      append_number (s, e->number);
      break;
    case TS_EXPR_DURATION:
      {
        static const struct { char unit; double seconds; } units[] = {
          { 'w', 604800 }, { 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 },
        };
        for (guint i = 0; i < G_N_ELEMENTS (units); i++)
          if (fmod (e->number, units[i].seconds) == 0 || units[i].unit == 's')
            {
              append_number (s, e->number / units[i].seconds);
              g_string_append_c (s, units[i].unit);
              break;
            }
      }
      break;
    case TS_EXPR_STRING:
      g_string_append_c (s, '"');
      for (const char *p = e->string; *p; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
      g_string_append_c (s, '"');
      break;
    case TS_EXPR_BOOLEAN:
      g_string_append (s, e->number != 0 ? "true" : "false");
      break;
    case TS_EXPR_NULL:
      g_string_append (s, "null");
      break;
    case TS_EXPR_NAME:
      g_string_append (s, e->string);
      break;
    case TS_EXPR_LIST:
      g_string_append_c (s, '[');
      for (guint i = 0; i < e->n_children; i++)
        {
          if (i > 0)
            g_string_append (s, ", ");
          print (s, e->children[i], 0);
        }
      g_string_append_c (s, ']');
      break;
    case TS_EXPR_NOT:
    case TS_EXPR_NEGATE:
      g_string_append (s, kinds[e->kind].text);
      print (s, e->children[0], prec);
      break;
    case TS_EXPR_AND:
    case TS_EXPR_OR:
    case TS_EXPR_EQ:
    case TS_EXPR_NE:
    case TS_EXPR_LT:
    case TS_EXPR_LE:
    case TS_EXPR_GT:
    case TS_EXPR_GE:
    case TS_EXPR_IN:
    case TS_EXPR_NOT_IN:
    case TS_EXPR_ADD:
    case TS_EXPR_SUB:
    case TS_EXPR_MUL:
    case TS_EXPR_DIV:
    default:
      /* left-associative: the right side needs parentheses at equal precedence */
      print (s, e->children[0], prec == 4 ? prec + 1 : prec);
      g_string_append (s, kinds[e->kind].text);
      print (s, e->children[1], prec + 1);
      break;
    }

  if (parens)
    g_string_append_c (s, ')');
}

/**
 * ts_expr_to_string:
 *
 * Returns: (transfer full): the condition in canonical form; parsing it
 * again gives the same tree
 */
char *
ts_expr_to_string (const TsExpr *self)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  print (s, self, 0);
  return g_string_free (s, FALSE);
}

/**
 * ts_expr_collect_names:
 * @names: (element-type utf8): receives the names the condition reads
 *
 * Adds every name the condition reads (once each) to @names.
 */
void
ts_expr_collect_names (const TsExpr *self,
                       GPtrArray    *names)
{
  g_return_if_fail (self != NULL);

  if (self->kind == TS_EXPR_NAME)
    {
      for (guint i = 0; i < names->len; i++)
        if (g_str_equal (names->pdata[i], self->string))
          return;
      g_ptr_array_add (names, g_strdup (self->string));
      return;
    }
  for (guint i = 0; i < self->n_children; i++)
    ts_expr_collect_names (self->children[i], names);
}

/* ---------------------------------------------------------------------- */
/* evaluation                                                             */

static gboolean
type_error (const TsExpr *e,
            GError      **error,
            const char   *what)
{
  g_set_error (error, TS_EXPR_ERROR, TS_EXPR_ERROR_TYPE, _("column %u: %s"), e->column, what);
  return FALSE;
}

static const char *
value_type_name (TsValueType t)
{
  switch (t)
    {
    case TS_VALUE_NUMBER: return _("a number");
    case TS_VALUE_STRING: return _("a string");
    case TS_VALUE_BOOLEAN: return _("true or false");
    case TS_VALUE_NULL:
    default: return _("nothing");
    }
}

static gboolean eval (const TsExpr *e, TsExprResolver resolver, gpointer data,
                      TsExprValue *out, GError **error);

static gboolean
values_equal (const TsExprValue *a,
              const TsExprValue *b)
{
  if (a->type != b->type)
    return FALSE;
  switch (a->type)
    {
    case TS_VALUE_NUMBER:
    case TS_VALUE_BOOLEAN:
      return a->number == b->number;
    case TS_VALUE_STRING:
      return g_strcmp0 (a->string, b->string) == 0;
    case TS_VALUE_NULL:
    default:
      return TRUE;
    }
}

static gboolean
eval_compare (const TsExpr   *e,
              TsExprResolver  resolver,
              gpointer        data,
              TsExprValue    *out,
              GError        **error)
{
  TsExprValue a, b;
  int cmp;

  if (!eval (e->children[0], resolver, data, &a, error))
    return FALSE;

  out->type = TS_VALUE_BOOLEAN;

  if (e->kind == TS_EXPR_IN || e->kind == TS_EXPR_NOT_IN)
    {
      const TsExpr *list = e->children[1];
      gboolean found = FALSE;

      for (guint i = 0; i < list->n_children && !found; i++)
        {
          if (!eval (list->children[i], resolver, data, &b, error))
            return FALSE;
          found = values_equal (&a, &b);
        }
      out->number = (e->kind == TS_EXPR_IN) == found;
      return TRUE;
    }

  if (!eval (e->children[1], resolver, data, &b, error))
    return FALSE;

  if (e->kind == TS_EXPR_EQ || e->kind == TS_EXPR_NE)
    {
      if (a.type != b.type && a.type != TS_VALUE_NULL && b.type != TS_VALUE_NULL)
        {
          g_autofree char *msg = g_strdup_printf (_("cannot compare %s with %s"),
                                                  value_type_name (a.type), value_type_name (b.type));
          return type_error (e, error, msg);
        }
      out->number = values_equal (&a, &b) == (e->kind == TS_EXPR_EQ);
      return TRUE;
    }

  /* an order with nothing is false, as in SQL's WHERE */
  if (a.type == TS_VALUE_NULL || b.type == TS_VALUE_NULL)
    {
      out->number = 0;
      return TRUE;
    }
  if (a.type != b.type || a.type == TS_VALUE_BOOLEAN)
    {
      g_autofree char *msg = g_strdup_printf (_("cannot order %s and %s"),
                                              value_type_name (a.type), value_type_name (b.type));
      return type_error (e, error, msg);
    }
  if (a.type == TS_VALUE_STRING)
    cmp = g_strcmp0 (a.string, b.string);
  else
    cmp = a.number < b.number ? -1 : a.number > b.number ? 1 : 0;

  switch (e->kind)
    {
    case TS_EXPR_LT: out->number = cmp < 0; break;
    case TS_EXPR_LE: out->number = cmp <= 0; break;
    case TS_EXPR_GT: out->number = cmp > 0; break;
    case TS_EXPR_GE: out->number = cmp >= 0; break;
    default: g_assert_not_reached ();
    }
  return TRUE;
}

static gboolean
eval_truth (const TsExpr   *e,
            TsExprResolver  resolver,
            gpointer        data,
            gboolean       *truth,
            GError        **error)
{
  TsExprValue v;

  if (!eval (e, resolver, data, &v, error))
    return FALSE;
  if (v.type == TS_VALUE_NULL)
    {
      *truth = FALSE;
      return TRUE;
    }
  if (v.type != TS_VALUE_BOOLEAN)
    {
      g_autofree char *msg = g_strdup_printf (_("expected true or false, found %s"), value_type_name (v.type));
      return type_error (e, error, msg);
    }
  *truth = v.number != 0;
  return TRUE;
}

static gboolean
eval (const TsExpr   *e,
      TsExprResolver  resolver,
      gpointer        data,
      TsExprValue    *out,
      GError        **error)
{
  out->string = NULL;
  out->number = 0;

  switch (e->kind)
    {
    case TS_EXPR_NUMBER:
    case TS_EXPR_DURATION:
      out->type = TS_VALUE_NUMBER;
      out->number = e->number;
      return TRUE;
    case TS_EXPR_STRING:
      out->type = TS_VALUE_STRING;
      out->string = e->string;
      return TRUE;
    case TS_EXPR_BOOLEAN:
      out->type = TS_VALUE_BOOLEAN;
      out->number = e->number;
      return TRUE;
    case TS_EXPR_NULL:
      out->type = TS_VALUE_NULL;
      return TRUE;
    case TS_EXPR_NAME:
      out->type = TS_VALUE_NULL;
      if (resolver == NULL || !resolver (e->string, out, data))
        {
          g_set_error (error, TS_EXPR_ERROR, TS_EXPR_ERROR_UNKNOWN_NAME,
                       _("column %u: unknown name “%s”"), e->column, e->string);
          return FALSE;
        }
      return TRUE;
    case TS_EXPR_LIST:
      return type_error (e, error, _("a list can only follow “in”"));
    case TS_EXPR_NOT:
      {
        gboolean t;
        if (!eval_truth (e->children[0], resolver, data, &t, error))
          return FALSE;
        out->type = TS_VALUE_BOOLEAN;
        out->number = !t;
        return TRUE;
      }
    case TS_EXPR_AND:
    case TS_EXPR_OR:
      {
        gboolean t;
        if (!eval_truth (e->children[0], resolver, data, &t, error))
          return FALSE;
        out->type = TS_VALUE_BOOLEAN;
        if (t == (e->kind == TS_EXPR_OR))
          {
            out->number = t;
            return TRUE;
          }
        if (!eval_truth (e->children[1], resolver, data, &t, error))
          return FALSE;
        out->number = t;
        return TRUE;
      }
    case TS_EXPR_EQ:
    case TS_EXPR_NE:
    case TS_EXPR_LT:
    case TS_EXPR_LE:
    case TS_EXPR_GT:
    case TS_EXPR_GE:
    case TS_EXPR_IN:
    case TS_EXPR_NOT_IN:
      return eval_compare (e, resolver, data, out, error);
    case TS_EXPR_NEGATE:
    case TS_EXPR_ADD:
    case TS_EXPR_SUB:
    case TS_EXPR_MUL:
    case TS_EXPR_DIV:
      {
        TsExprValue a, b = { TS_VALUE_NUMBER, 0, NULL };
        if (!eval (e->children[0], resolver, data, &a, error))
          return FALSE;
        if (e->kind != TS_EXPR_NEGATE && !eval (e->children[1], resolver, data, &b, error))
          return FALSE;
        if (a.type == TS_VALUE_NULL || b.type == TS_VALUE_NULL)
          {
            out->type = TS_VALUE_NULL;
            return TRUE;
          }
        if (a.type != TS_VALUE_NUMBER || b.type != TS_VALUE_NUMBER)
          return type_error (e, error, _("arithmetic needs numbers"));
        out->type = TS_VALUE_NUMBER;
        switch (e->kind)
          {
          case TS_EXPR_NEGATE: out->number = -a.number; break;
          case TS_EXPR_ADD: out->number = a.number + b.number; break;
          case TS_EXPR_SUB: out->number = a.number - b.number; break;
          case TS_EXPR_MUL: out->number = a.number * b.number; break;
          case TS_EXPR_DIV:
            if (b.number == 0)
              out->type = TS_VALUE_NULL;   /* nothing, as SQL gives */
            else
              out->number = a.number / b.number;
            break;
          default: g_assert_not_reached ();
          }
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/**
 * ts_expr_eval:
 * @resolver: gives the values of names
 *
 * Evaluates the condition.  Comparisons with nothing (null) are false,
 * except `== null` and `!= null`; arithmetic with nothing is nothing, and so
 * is a division by zero.
 */
gboolean
ts_expr_eval (const TsExpr    *self,
              TsExprResolver   resolver,
              gpointer         user_data,
              TsExprValue     *result,
              GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  return eval (self, resolver, user_data, result, error);
}

/**
 * ts_expr_eval_bool:
 *
 * Evaluates a condition that must be true or false; nothing counts as false.
 */
gboolean
ts_expr_eval_bool (const TsExpr    *self,
                   TsExprResolver   resolver,
                   gpointer         user_data,
                   gboolean        *result,
                   GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  return eval_truth (self, resolver, user_data, result, error);
}

static gboolean
check (const TsExpr   *e,
       TsExprResolver  resolver,
       gpointer        data,
       GError        **error)
{
  if (e->kind == TS_EXPR_NAME)
    {
      TsExprValue v;
      if (!resolver (e->string, &v, data))
        {
          g_set_error (error, TS_EXPR_ERROR, TS_EXPR_ERROR_UNKNOWN_NAME,
                       _("column %u: unknown name “%s”"), e->column, e->string);
          return FALSE;
        }
    }
  for (guint i = 0; i < e->n_children; i++)
    if (!check (e->children[i], resolver, data, error))
      return FALSE;
  return TRUE;
}

/**
 * ts_expr_check_names:
 *
 * Fails on the first name @resolver does not know, naming its column.
 */
gboolean
ts_expr_check_names (const TsExpr    *self,
                     TsExprResolver   resolver,
                     gpointer         user_data,
                     GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (resolver != NULL, FALSE);

  return check (self, resolver, user_data, error);
}

/* ts-expr.h — the playbook's condition language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-types.h"

G_BEGIN_DECLS

#define TS_EXPR_ERROR (ts_expr_error_quark ())

typedef enum
{
  TS_EXPR_ERROR_SYNTAX,
  TS_EXPR_ERROR_UNKNOWN_NAME,
  TS_EXPR_ERROR_TYPE,
} TsExprError;

typedef enum
{
  TS_EXPR_NUMBER,      /* 0.7, 12 */
  TS_EXPR_DURATION,    /* 7d, 12h, 30m, 2w: the number is in seconds */
  TS_EXPR_STRING,      /* "onboarding" */
  TS_EXPR_BOOLEAN,     /* true, false */
  TS_EXPR_NULL,        /* null */
  TS_EXPR_NAME,        /* urgency, customer.plan, band, score */
  TS_EXPR_LIST,        /* [1, 2, 3] */
  TS_EXPR_NOT,         /* not a */
  TS_EXPR_NEGATE,      /* -a */
  TS_EXPR_AND,
  TS_EXPR_OR,
  TS_EXPR_EQ,
  TS_EXPR_NE,
  TS_EXPR_LT,
  TS_EXPR_LE,
  TS_EXPR_GT,
  TS_EXPR_GE,
  TS_EXPR_IN,          /* a in [...] */
  TS_EXPR_NOT_IN,      /* a not in [...] */
  TS_EXPR_ADD,
  TS_EXPR_SUB,
  TS_EXPR_MUL,
  TS_EXPR_DIV,
} TsExprKind;

typedef struct _TsExpr TsExpr;

struct _TsExpr
{
  TsExprKind  kind;
  guint       column;      /* 1-based position in the source text */
  double      number;      /* NUMBER, DURATION (seconds), BOOLEAN (0/1) */
  char       *string;      /* STRING, NAME */
  TsExpr    **children;
  guint       n_children;
};

typedef enum
{
  TS_VALUE_NULL,
  TS_VALUE_NUMBER,
  TS_VALUE_STRING,
  TS_VALUE_BOOLEAN,
} TsValueType;

typedef struct
{
  TsValueType  type;
  double       number;
  const char  *string;     /* borrowed: valid while the resolver's data is */
} TsExprValue;

/* Gives the value of a name ("urgency", "customer.plan", "band"…). Returns
 * FALSE when the name is unknown. */
typedef gboolean (*TsExprResolver) (const char  *name,
                                    TsExprValue *value,
                                    gpointer     user_data);

#define TS_TYPE_EXPR (ts_expr_get_type ())

GQuark      ts_expr_error_quark  (void);
GType       ts_expr_get_type     (void) G_GNUC_CONST;
TsExpr     *ts_expr_parse        (const char      *text,
                                  GError         **error);
TsExpr     *ts_expr_copy         (const TsExpr    *self);
void        ts_expr_free         (TsExpr          *self);
char       *ts_expr_to_string    (const TsExpr    *self);
gboolean    ts_expr_check_names  (const TsExpr    *self,
                                  TsExprResolver   resolver,
                                  gpointer         user_data,
                                  GError         **error);
void        ts_expr_collect_names (const TsExpr   *self,
                                   GPtrArray      *names);
gboolean    ts_expr_eval         (const TsExpr    *self,
                                  TsExprResolver   resolver,
                                  gpointer         user_data,
                                  TsExprValue     *result,
                                  GError         **error);
gboolean    ts_expr_eval_bool    (const TsExpr    *self,
                                  TsExprResolver   resolver,
                                  gpointer         user_data,
                                  gboolean        *result,
                                  GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsExpr, ts_expr_free)

G_END_DECLS

/* ts-sql.h — the canonical tables as CSV files, and the playbook as SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-dataset.h"
#include "ts-playbook.h"

G_BEGIN_DECLS

#define TS_SQL_ERROR (ts_sql_error_quark ())

typedef enum
{
  TS_SQL_ERROR_UNSUPPORTED,   /* a dialect or a construct not compiled yet */
  TS_SQL_ERROR_UNKNOWN_NAME,  /* a condition names what SQL cannot see */
} TsSqlError;

typedef enum
{
  TS_SQL_SQLITE,
  TS_SQL_DUCKDB,
  TS_SQL_POSTGRES,
  TS_SQL_SPARK,
  TS_SQL_BIGQUERY,
} TsSqlDialect;

/* The SQL for a name of a condition, newly allocated, or %NULL when the
 * name is unknown. */
typedef char *(*TsSqlNameFunc) (const char *name,
                                gpointer    user_data);

GQuark        ts_sql_error_quark         (void);
gboolean      ts_sql_dialect_from_string (const char    *name,
                                          TsSqlDialect  *dialect);
const char   *ts_sql_dialect_to_string   (TsSqlDialect   dialect);

gboolean      ts_sql_write_tables        (TsDataset     *dataset,
                                          const char    *dir,
                                          GCancellable  *cancellable,
                                          GError       **error);
char         *ts_sql_dup_schema          (void);

char         *ts_expr_to_sql             (const TsExpr  *expr,
                                          TsSqlDialect   dialect,
                                          TsSqlNameFunc  names,
                                          gpointer       user_data,
                                          GError       **error);
char         *ts_sql_compile_playbook    (TsPlaybook    *playbook,
                                          TsSqlDialect   dialect,
                                          TsTime         as_of,
                                          GError       **error);

G_END_DECLS

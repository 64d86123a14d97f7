/* test-sql-cases.h — the demo's tables with a customer held back by each
 * kind of guardrail, and a customer's row of the compiled playbook
 * compared with the C engine's decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <touchstone.h>

G_BEGIN_DECLS

#define TEST_SQL_N_MOMENTS 2

TsTime     test_sql_moment        (TsDataset   *dataset,
                                   guint        i);
TsDataset *test_sql_cases_new     (TsDataset   *demo,
                                   const char  *dir);
void       test_sql_remove_tables (const char  *dir);
TsPlaybook *test_sql_playbook_with_properties (TsWorkspace *workspace);

/* What one run of the script, one moment, gave and how it compares. */
typedef struct
{
  TsScores   *scores;
  GHashTable *seen;       /* the customers' ids met */
  guint      *held;       /* per guardrail, the customers it held back */
  guint       n;
  double      max_delta;  /* of a score */
} TestSqlRun;

/* A column of the row the script gave for a customer: its text, NULL for
 * nothing. */
typedef const char *(*TestSqlColumnFunc) (const char *name,
                                          gpointer    user_data);

void       test_sql_run_init      (TestSqlRun  *run,
                                   TsDataset   *dataset,
                                   TsPlaybook  *playbook,
                                   TsTime       as_of);
void       test_sql_run_check_row (TestSqlRun        *run,
                                   TestSqlColumnFunc  column,
                                   gpointer           user_data);
void       test_sql_run_finish    (TestSqlRun  *run,
                                   const char  *engine,
                                   guint       *held);

/* Conditions, and values of x (a number), s (a string) and b (a boolean,
 * 0 or 1), NULL for nothing, to compare C and SQL on */
typedef struct
{
  const char *x, *s, *b;
} TestSqlValues;

#define TEST_SQL_N_VALUES 4

extern const char *const   test_sql_conditions[];
extern const TestSqlValues test_sql_values[TEST_SQL_N_VALUES];

gboolean   test_sql_value_resolve (const char  *name,
                                   TsExprValue *out,
                                   gpointer     values);
char      *test_sql_value_name    (const char  *name,
                                   gpointer     user_data);

G_END_DECLS

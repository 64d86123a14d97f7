/* test-sql-engines.c — the playbook as SQL, run on real engines, gives
 * the C engine's numbers and verdicts
 *
 * The demo's tables, with a customer held back by each kind of guardrail
 * (test-sql-cases.c), are loaded into a PostgreSQL server started for the
 * test and into DuckDB (through node and @duckdb/node-api); the playbook
 * (and a variant whose signals read the events' JSON properties) compiled
 * for each runs as of two moments, and every customer's score,
 * band, route and guardrail verdicts are compared with the engine's; so
 * is every condition construct, for values and for nothing.  The
 * Spark and BigQuery scripts, which no engine here runs, must parse
 * (node-sql-parser).  Each test is skipped, saying why, when its engine is
 * not installed (tests/sql/install-engines; apt-get install postgresql).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <touchstone.h>

#include "test-demo-data.h"
#include "test-sql-cases.h"

static TsDataset *data;
static TsPlaybook *playbooks[2];   /* the workspace's, and with signals reading the events' properties */
static TsPlaybook *playbook;       /* the first */
static char *tables_dir;

/* ------------------------------------------------------------------ */
/* Processes                                                           */
/* ------------------------------------------------------------------ */

/* Runs @argv; its output into @out.  FALSE, with what it said, when it
 * fails. */
static gboolean
run_argv (const char *const  *argv,
          char              **out,
          GError            **error)
{
  g_autoptr(GSubprocess) p = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  p = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (p == NULL || !g_subprocess_communicate_utf8 (p, NULL, NULL, &stdout_text, &stderr_text, error))
    return FALSE;
  if (!g_subprocess_get_successful (p))
    {
      g_autofree char *command = g_strjoinv (" ", (char **) argv);

      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "%s: %s%s", command, stderr_text, stdout_text);
      return FALSE;
    }
  if (out)
    *out = g_steal_pointer (&stdout_text);
  return TRUE;
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };
  g_autoptr(GError) error = NULL;

  run_argv (argv, NULL, &error);
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------ */
/* The engines' rows                                                   */
/* ------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *names;    /* the header */
  GPtrArray *fields;   /* this row's, NULL for an empty field */
} CsvRow;

static const char *
csv_column (const char *name,
            gpointer    user_data)
{
  CsvRow *row = user_data;

  for (guint i = 0; i < row->names->len; i++)
    if (g_str_equal (row->names->pdata[i], name))
      return i < row->fields->len ? row->fields->pdata[i] : NULL;
  return NULL;
}

/* Every row of a script's output, @path (CSV with a header), compared
 * with the engine as of moment @i. */
static void
check_output (const char *engine,
              TsPlaybook *pb,
              const char *path,
              guint       i,
              guint      *held)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCsvReader) reader = ts_csv_reader_new_for_path (path, NULL, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  CsvRow row = { names, fields };
  TsCsvCursor *cursor;
  TestSqlRun run;
  gsize len;

  g_assert_no_error (error);
  test_sql_run_init (&run, data, pb, test_sql_moment (data, i));
  ts_csv_reader_get_data (reader, &len);
  cursor = ts_csv_cursor_new (reader, 0, len, ts_csv_reader_get_first_line (reader));
  for (gboolean header = TRUE; ts_csv_cursor_next (cursor, &error); header = FALSE)
    {
      guint n;
      const TsCsvField *f = ts_csv_cursor_get_fields (cursor, &n);

      g_ptr_array_set_size (fields, 0);
      for (guint k = 0; k < n; k++)
        g_ptr_array_add (header ? names : fields, f[k].len ? g_strndup (f[k].data, f[k].len) : NULL);
      if (!header)
        test_sql_run_check_row (&run, csv_column, &row);
    }
  g_assert_no_error (error);
  ts_csv_cursor_free (cursor);
  test_sql_run_finish (&run, engine, held);
}

/* the script of playbook @p for moment @i (the first: the default moment,
 * which the script finds itself), written into @dir */
static char *
write_script (TsSqlDialect  dialect,
              const char   *dir,
              guint         p,
              guint         i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = ts_sql_compile_playbook (playbooks[p], dialect,
                                                  i == 0 ? TS_TIME_NULL : test_sql_moment (data, i), &error);
  g_autofree char *name = g_strdup_printf ("%s-%u-%u.sql", ts_sql_dialect_to_string (dialect), p, i);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_no_error (error);
  g_file_set_contents (path, sql, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Every condition construct over every value (test-sql-cases.c), one
 * query: a row per values, a column per condition. */
static char *
write_conditions (TsSqlDialect  dialect,
                  const char   *dir)
{
  const char *dbl = dialect == TS_SQL_POSTGRES ? "DOUBLE PRECISION" : "DOUBLE";
  const char *text = dialect == TS_SQL_POSTGRES ? "TEXT" : "VARCHAR";
  g_autoptr(GString) s = g_string_new ("SELECT v.i");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "conditions.sql", NULL);

  for (guint k = 0; test_sql_conditions[k]; k++)
    {
      g_autoptr(TsExpr) e = ts_expr_parse (test_sql_conditions[k], &error);
      g_autofree char *sql = NULL;

      g_assert_no_error (error);
      sql = ts_expr_to_sql (e, dialect, test_sql_value_name, NULL, &error);
      g_assert_no_error (error);
      g_string_append_printf (s, ",\n  %s AS c%u", sql, k);
    }
  g_string_append (s, "\nFROM (VALUES");
  for (guint r = 0; r < TEST_SQL_N_VALUES; r++)
    {
      const TestSqlValues *v = &test_sql_values[r];

      g_string_append_printf (s, "%s\n  (%u, CAST(%s AS %s), ", r ? "," : "", r, v->x ? v->x : "NULL", dbl);
      if (v->s)
        g_string_append_printf (s, "CAST('%s' AS %s), ", v->s, text);
      else
        g_string_append_printf (s, "CAST(NULL AS %s), ", text);
      g_string_append_printf (s, "CAST(%s AS BOOLEAN))", v->b ? (atoi (v->b) ? "TRUE" : "FALSE") : "NULL");
    }
  g_string_append (s, ") AS v (i, x, s, b)\nORDER BY v.i;\n");
  g_file_set_contents (path, s->str, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* The conditions' output (CSV): each the engine's truth, never null. */
static void
check_conditions (const char *engine,
                  const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsCsvReader) reader = ts_csv_reader_new_for_path (path, NULL, &error);
  TsCsvCursor *cursor;
  guint n_rows = 0;
  gsize len;

  g_assert_no_error (error);
  ts_csv_reader_get_data (reader, &len);
  cursor = ts_csv_cursor_new (reader, 0, len, ts_csv_reader_get_first_line (reader));
  for (gboolean header = TRUE; ts_csv_cursor_next (cursor, &error); header = FALSE)
    {
      guint n;
      const TsCsvField *f = ts_csv_cursor_get_fields (cursor, &n);
      g_autofree char *first = g_strndup (f[0].data, f[0].len);
      const TestSqlValues *v;

      if (header)
        continue;
      v = &test_sql_values[atoi (first)];
      for (guint k = 0; test_sql_conditions[k]; k++)
        {
          g_autoptr(TsExpr) e = ts_expr_parse (test_sql_conditions[k], &error);
          g_autofree char *text = g_strndup (f[k + 1].data, f[k + 1].len);
          gboolean c = FALSE;
          gboolean sql;

          g_assert_no_error (error);
          g_assert_true (ts_expr_eval_bool (e, test_sql_value_resolve, (gpointer) v, &c, &error));
          g_assert_cmpuint (k + 1, <, n);
          if (*text == '\0')
            g_error ("%s: %s is null with x=%s s=%s b=%s", engine, test_sql_conditions[k], v->x, v->s, v->b);
          sql = g_str_equal (text, "t") || g_str_equal (text, "true");
          if (sql != c)
            g_error ("%s: %s with x=%s s=%s b=%s: C says %d, SQL %s", engine, test_sql_conditions[k], v->x, v->s,
                     v->b, c, text);
        }
      n_rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, TEST_SQL_N_VALUES);
  ts_csv_cursor_free (cursor);
  g_test_message ("%s: %u conditions over %u values, each the engine's truth", engine,
                  g_strv_length ((char **) test_sql_conditions), n_rows);
}

/* every guardrail agreed on; some held someone back */
static void
report_held (const guint *held)
{
  guint total = 0;

  for (guint i = 0; i < ts_playbook_get_n_guardrails (playbook); i++)
    {
      g_test_message ("%s held back %u", ts_playbook_get_guardrail (playbook, i)->id, held[i]);
      total += held[i];
    }
  g_assert_cmpuint (total, >, 0);
}

/* ------------------------------------------------------------------ */
/* PostgreSQL                                                          */
/* ------------------------------------------------------------------ */

/* the folder of initdb, pg_ctl and psql: $TS_PG_BINDIR, else the newest
 * of Debian's /usr/lib/postgresql/VERSION/bin, else the PATH's */
static char *
find_postgres (void)
{
  const char *env = g_getenv ("TS_PG_BINDIR");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *found = NULL;
  g_autofree char *initdb = NULL;
  int best = -1;

  if (env && *env)
    return g_strdup (env);
  dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  for (const char *name; dir && (name = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *path = g_build_filename ("/usr/lib/postgresql", name, "bin", "initdb", NULL);
      int version = atoi (name);

      if (version > best && g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        {
          best = version;
          g_free (found);
          found = g_build_filename ("/usr/lib/postgresql", name, "bin", NULL);
        }
    }
  if (found)
    return g_steal_pointer (&found);
  initdb = g_find_program_in_path ("initdb");
  return initdb ? g_path_get_dirname (initdb) : NULL;
}

/* a TCP port of the loopback no one listens on, now */
static guint16
free_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

typedef struct
{
  char    *bindir;
  char    *dir;       /* the server's folder: data/, its log, its socket */
  char    *data;
  char    *port;
  gboolean as_nobody; /* postgres refuses to run as root */
} Server;

/* @argv as the server's user */
static gboolean
server_run (Server             *server,
            const char *const  *argv,
            char              **out,
            GError            **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  if (server->as_nobody)
    {
      g_ptr_array_add (all, (gpointer) "runuser");
      g_ptr_array_add (all, (gpointer) "-u");
      g_ptr_array_add (all, (gpointer) "nobody");
      g_ptr_array_add (all, (gpointer) "--");
    }
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (all, (gpointer) argv[i]);
  g_ptr_array_add (all, NULL);
  return run_argv ((const char *const *) all->pdata, out, error);
}

static gboolean
server_start (Server  *server,
              GError **error)
{
  g_autofree char *initdb = g_build_filename (server->bindir, "initdb", NULL);
  g_autofree char *pg_ctl = g_build_filename (server->bindir, "pg_ctl", NULL);
  g_autofree char *log = g_build_filename (server->dir, "server.log", NULL);
  g_autofree char *options = g_strdup_printf ("-h 127.0.0.1 -p %s -k %s -c fsync=off", server->port, server->dir);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *watch = NULL;
  const char *init_argv[] = { initdb, "-D", server->data, "-U", "touchstone", "-A", "trust", "-E", "UTF8",
                              "--locale=C", "--no-sync", NULL };
  const char *start_argv[] = { pg_ctl, "-D", server->data, "-l", log, "-o", options, "-w", "-t", "60", "start", NULL };
  g_autoptr(GSubprocess) watchdog = NULL;

  if (server->as_nobody)
    {
      struct passwd *nobody = getpwnam ("nobody");

      g_assert_nonnull (nobody);
      g_assert_cmpint (chown (server->dir, nobody->pw_uid, nobody->pw_gid), ==, 0);
    }
  /* should this process end before it stops the server (an assertion
   * failed), the server stops all the same, and its folder goes */
  watch = g_strdup_printf ("while kill -0 %s 2>/dev/null; do sleep 1; done; "
                           "%s '%s' -D '%s' -m immediate -w stop; rm -rf '%s'",
                           pid, server->as_nobody ? "runuser -u nobody --" : "", pg_ctl, server->data, server->dir);
  watchdog = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, error,
                               "sh", "-c", watch, NULL);
  return watchdog != NULL && server_run (server, init_argv, NULL, error) && server_run (server, start_argv, NULL, error);
}

static void
server_stop (Server *server)
{
  g_autofree char *pg_ctl = g_build_filename (server->bindir, "pg_ctl", NULL);
  const char *stop_argv[] = { pg_ctl, "-D", server->data, "-m", "fast", "-w", "stop", NULL };
  g_autoptr(GError) error = NULL;

  server_run (server, stop_argv, NULL, &error);
  g_assert_no_error (error);
  remove_tree (server->dir);
}

static gboolean
psql (Server      *server,
      const char  *script,
      const char  *out,
      GError     **error)
{
  g_autofree char *path = g_build_filename (server->bindir, "psql", NULL);
  const char *argv[] = { path, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", server->port,
                         "-U", "touchstone", "-d", "postgres", "-f", script,
                         out ? "--csv" : NULL, "-o", out, NULL };

  return run_argv (argv, NULL, error);
}

static void
test_postgres_equals_engine (void)
{
  g_autofree char *bindir = find_postgres ();
  g_autofree char *schema_path = g_build_filename (tables_dir, "schema.sql", NULL);
  g_autofree char *schema = NULL;
  g_autofree char *load = NULL;
  g_autoptr(GString) load_sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *held = g_new0 (guint, ts_playbook_get_n_guardrails (playbook));
  Server server = { NULL, };

  if (bindir == NULL)
    {
      g_test_skip ("PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin nor in the PATH; "
                   "apt-get install postgresql, or set TS_PG_BINDIR)");
      return;
    }
  server.bindir = bindir;
  server.as_nobody = geteuid () == 0;
  server.dir = g_dir_make_tmp ("touchstone-pg-XXXXXX", &error);
  g_assert_no_error (error);
  server.data = g_build_filename (server.dir, "data", NULL);
  server.port = g_strdup_printf ("%u", free_port ());
  if (!server_start (&server, &error))
    g_error ("PostgreSQL did not start: %s", error->message);

  /* the tables as export-tables wrote them: COPY reads an empty field as
   * null, a quoted empty one as an empty string */
  g_file_get_contents (schema_path, &schema, NULL, &error);
  g_assert_no_error (error);
  load_sql = g_string_new (schema);
  for (guint t = 0; t <= TS_N_TABLES; t++)
    {
      const char *name = t < TS_N_TABLES ? ts_table_get_name (t) : "zones";
      g_autofree char *file = g_strdup_printf ("%s.csv", name);
      g_autofree char *path = g_build_filename (tables_dir, file, NULL);

      g_string_append_printf (load_sql, "\\copy \"%s\" FROM '%s' WITH (FORMAT csv, HEADER)\n", name, path);
    }
  load = g_build_filename (server.dir, "load.sql", NULL);
  g_file_set_contents (load, load_sql->str, -1, &error);
  g_assert_no_error (error);
  psql (&server, load, NULL, &error);
  g_assert_no_error (error);

  for (guint p = 0; p < G_N_ELEMENTS (playbooks); p++)
    for (guint i = 0; i < TEST_SQL_N_MOMENTS; i++)
      {
        g_autofree char *script = write_script (TS_SQL_POSTGRES, server.dir, p, i);
        g_autofree char *out = g_strdup_printf ("%s.csv", script);
        g_autofree guint *held_here = g_new0 (guint, ts_playbook_get_n_guardrails (playbooks[p]));

        psql (&server, script, out, &error);
        g_assert_no_error (error);
        check_output (p == 0 ? "PostgreSQL" : "PostgreSQL, signals reading properties", playbooks[p], out, i, p == 0 ? held : held_here);
      }
  report_held (held);
  {
    g_autofree char *script = write_conditions (TS_SQL_POSTGRES, server.dir);
    g_autofree char *out = g_strdup_printf ("%s.csv", script);

    psql (&server, script, out, &error);
    g_assert_no_error (error);
    check_conditions ("PostgreSQL", out);
  }

  server_stop (&server);
  g_free (server.dir);
  g_free (server.data);
  g_free (server.port);
}

/* ------------------------------------------------------------------ */
/* Through node: DuckDB, and the parser                                */
/* ------------------------------------------------------------------ */

/* the npm prefix of the engines (tests/sql/install-engines): the
 * source tree's _build-sql-engines, or $TS_SQL_NODE_MODULES; when node and
 * @package are there, else why not, in @why */
static char *
find_node_modules (const char  *package,
                   char       **why)
{
  const char *env = g_getenv ("TS_SQL_NODE_MODULES");
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *dir = NULL;
  g_autofree char *manifest = NULL;

  if (node == NULL)
    {
      *why = g_strdup ("node is not installed");
      return NULL;
    }
  dir = env && *env ? g_strdup (env) : g_test_build_filename (G_TEST_DIST, "..", "_build-sql-engines", NULL);
  manifest = g_build_filename (dir, "node_modules", package, "package.json", NULL);
  if (!g_file_test (manifest, G_FILE_TEST_IS_REGULAR))
    {
      *why = g_strdup_printf ("%s is not installed in %s (tests/sql/install-engines _build-sql-engines, "
                              "or install-engines DIR with TS_SQL_NODE_MODULES=DIR)", package, dir);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

static void
test_duckdb_equals_engine (void)
{
  g_autofree char *why = NULL;
  g_autofree char *modules = find_node_modules ("@duckdb/node-api", &why);
  g_autofree char *runner = g_test_build_filename (G_TEST_DIST, "sql", "duckdb-run.mjs", NULL);
  g_autofree guint *held = g_new0 (guint, ts_playbook_get_n_guardrails (playbook));
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  char *conditions;

  if (modules == NULL)
    {
      g_test_skip (why);
      return;
    }
  dir = g_dir_make_tmp ("touchstone-duckdb-XXXXXX", &error);
  g_assert_no_error (error);
  g_ptr_array_add (argv, g_strdup ("node"));
  g_ptr_array_add (argv, g_strdup (runner));
  g_ptr_array_add (argv, g_strdup (modules));
  g_ptr_array_add (argv, g_strdup (tables_dir));
  for (guint p = 0; p < G_N_ELEMENTS (playbooks); p++)
    for (guint i = 0; i < TEST_SQL_N_MOMENTS; i++)
      {
        char *script = write_script (TS_SQL_DUCKDB, dir, p, i);

        g_ptr_array_add (argv, script);
        g_ptr_array_add (argv, g_strdup_printf ("%s.csv", script));
      }
  conditions = write_conditions (TS_SQL_DUCKDB, dir);
  g_ptr_array_add (argv, conditions);
  g_ptr_array_add (argv, g_strdup_printf ("%s.csv", conditions));
  g_ptr_array_add (argv, NULL);
  run_argv ((const char *const *) argv->pdata, NULL, &error);
  g_assert_no_error (error);
  check_conditions ("DuckDB", argv->pdata[argv->len - 2]);
  for (guint p = 0, k = 0; p < G_N_ELEMENTS (playbooks); p++)
    for (guint i = 0; i < TEST_SQL_N_MOMENTS; i++, k++)
      {
        g_autofree guint *held_here = g_new0 (guint, ts_playbook_get_n_guardrails (playbooks[p]));

        check_output (p == 0 ? "DuckDB" : "DuckDB, signals reading properties", playbooks[p], argv->pdata[5 + 2 * k], i, p == 0 ? held : held_here);
      }
  report_held (held);
  remove_tree (dir);
}

/* The Spark and BigQuery scripts parse, every statement. */
static void
test_scripts_parse (void)
{
  static const struct { TsSqlDialect dialect; const char *database; } engines[] = {
    { TS_SQL_SPARK, "hive" },
    { TS_SQL_BIGQUERY, "bigquery" },
  };
  g_autofree char *why = NULL;
  g_autofree char *modules = find_node_modules ("node-sql-parser", &why);
  g_autofree char *parser = g_test_build_filename (G_TEST_DIST, "sql", "parse.mjs", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (modules == NULL)
    {
      g_test_skip (why);
      return;
    }
  dir = g_dir_make_tmp ("touchstone-parse-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint e = 0; e < G_N_ELEMENTS (engines); e++)
    {
      g_autofree char *a = write_script (engines[e].dialect, dir, 0, 0);
      g_autofree char *b = write_script (engines[e].dialect, dir, 0, 1);
      g_autofree char *c = write_script (engines[e].dialect, dir, 1, 0);
      g_autofree char *d = write_script (engines[e].dialect, dir, 1, 1);
      const char *argv[] = { "node", parser, modules, engines[e].database, a, b, c, d, NULL };
      g_autofree char *out = NULL;

      run_argv (argv, &out, &error);
      g_assert_no_error (error);
      g_test_message ("%s", out);
    }
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TsWorkspace) workspace = NULL;
  g_autoptr(TsDataset) demo = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  demo = test_import_demo (&workspace);
  playbook = playbooks[0] = ts_playbook_new_for_workspace (workspace, &error);
  g_assert_no_error (error);
  playbooks[1] = test_sql_playbook_with_properties (workspace);
  tables_dir = g_dir_make_tmp ("touchstone-sql-engines-XXXXXX", &error);
  g_assert_no_error (error);
  data = test_sql_cases_new (demo, tables_dir);

  g_test_add_func ("/plugins/sql/postgres-equals-engine", test_postgres_equals_engine);
  g_test_add_func ("/plugins/sql/duckdb-equals-engine", test_duckdb_equals_engine);
  g_test_add_func ("/plugins/sql/spark-and-bigquery-parse", test_scripts_parse);

  ret = g_test_run ();

  test_sql_remove_tables (tables_dir);
  g_free (tables_dir);
  for (guint p = 0; p < G_N_ELEMENTS (playbooks); p++)
    ts_playbook_unref (playbooks[p]);
  g_clear_object (&data);
  return ret;
}

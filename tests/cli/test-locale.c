/* test-locale.c — touchstone-cli speaks German under a German locale: its
 * help, a command's report and the errors of the core it reports, from the
 * catalog the build compiles (po/de.po)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cli-run.h"

/* runs touchstone-cli with the environment's locale variables replaced by
 * @lc_all and @language (%NULL: unset) */
static void
run_cli_in (Run        *r,
            const char *lc_all,
            const char *language,
            const char *first,
            ...)
{
  g_auto(GStrv) env = g_get_environ ();
  const char *const locale_vars[] = { "LANG", "LC_MESSAGES", "LC_CTYPE", "LC_ALL", "LANGUAGE" };
  va_list args;

  for (guint i = 0; i < G_N_ELEMENTS (locale_vars); i++)
    env = g_environ_unsetenv (env, locale_vars[i]);
  env = g_environ_setenv (env, "LC_ALL", lc_all, TRUE);
  if (language)
    env = g_environ_setenv (env, "LANGUAGE", language, TRUE);

  va_start (args, first);
  run_cli_va (r, env, first, args);
  va_end (args);
}

/* a small CSV of customers in a new folder; returns the file's path */
static char *
write_csv (const char *dir,
           const char *name,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* the top-level usage and a command's --help, with LANGUAGE=de over the
 * C.UTF-8 locale every machine has */
static void
test_help_language (void)
{
  Run r = { 0 };

  run_cli_in (&r, "C.UTF-8", "de", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "Aufruf: touchstone-cli BEFEHL [OPTION …]"));
  g_assert_nonnull (strstr (r.err, "Befehle:"));
  g_assert_nonnull (strstr (r.err, "Diese Hilfe anzeigen"));
  g_assert_null (strstr (r.err, "Commands:"));
  run_clear (&r);

  run_cli_in (&r, "C.UTF-8", "de", "score", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Bewertet jeden Kunden zu einem Zeitpunkt"));
  g_assert_nonnull (strstr (r.out, "Die Bewertung eines Kunden erklären"));
  g_assert_nonnull (strstr (r.out, "JJJJ-MM-TT[THH:MM]"));
  g_assert_null (strstr (r.out, "Scores every customer"));
  run_clear (&r);

  /* the same program without LANGUAGE speaks English */
  run_cli_in (&r, "C.UTF-8", NULL, "score", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Scores every customer as of a moment"));
  run_clear (&r);
}

/* a command's report, and errors from the CLI, the core's CSV reader (a
 * message with a 64-bit line number) and a plugin, in German */
static void
test_report_and_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ts-locale-XXXXXX", &error);
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  Run r = { 0 };

  g_assert_no_error (error);
  good = write_csv (dir, "customers.csv", "customer_id,email\nc1,a@example.com\nc2,b@example.com\n");
  bad = write_csv (dir, "broken.csv", "customer_id,email\nc1,\"a@example.com\n");

  run_cli_in (&r, "C.UTF-8", "de", "inspect", good, NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Quellen"));
  g_assert_nonnull (strstr (r.out, "→ customers: 2 Zeilen"));
  g_assert_nonnull (strstr (r.out, "2 Kunden: 2 aus Kundendateien, 0 nur aus anderen Tabellen bekannt"));
  run_clear (&r);

  run_cli_in (&r, "C.UTF-8", "de", "inspect", bad, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "broken.csv: Zeile 2, Spalte 2: ein Feld in Anführungszeichen wird nie geschlossen"));
  run_clear (&r);

  run_cli_in (&r, "C.UTF-8", "de", "score", "--as-of", "gestern", good, NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--as-of „gestern“ ist kein Datum und keine Zeit"));
  run_clear (&r);

  /* a message with two 64-bit numbers, a line and a column */
  {
    g_autoptr(GString) text = g_string_new ("{\n\"journeys\": ");
    g_autofree char *deep = NULL;

    for (guint i = 0; i < 600; i++)
      g_string_append_c (text, '[');
    for (guint i = 0; i < 600; i++)
      g_string_append_c (text, ']');
    g_string_append (text, "\n}\n");
    deep = write_csv (dir, "deep.json", text->str);
    run_cli_in (&r, "C.UTF-8", "de", "playbook", deep, NULL);
    g_assert_cmpint (r.status, !=, 0);
    g_assert_nonnull (strstr (r.err, "deep.json:2:"));
    g_assert_nonnull (strstr (r.err, ": Arrays und Objekte mehr als 512 Ebenen tief verschachtelt"));
    run_clear (&r);
  }

  run_cli_in (&r, "C.UTF-8", "de", "frobnicate", NULL);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "touchstone-cli: unbekannter Befehl „frobnicate“"));
  run_clear (&r);

  remove_dir (dir);
}

/* the maturity matrix in German: the capabilities, their criteria, the
 * owners the matrix suggests, and the drift verdict computed in the core */
static void
test_maturity (void)
{
  Run r = { 0 };

  run_cli_in (&r, "C.UTF-8", "de", "maturity", "--demo", "--limit", "0", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Reifegrad von "));
  g_assert_nonnull (strstr (r.out, "Signalqualität — "));
  g_assert_nonnull (strstr (r.out, "verantwortlich: niemand benannt (die Matrix schlägt Betrieb/Analytik vor)"));
  g_assert_nonnull (strstr (r.out, "Drift der Bewertung gegenüber dem vorigen Zeitraum: PSI "));
  g_assert_nonnull (strstr (r.out, " (stabil)"));
  g_assert_nonnull (strstr (r.out, "Kunde und Geschäft"));
  g_assert_null (strstr (r.out, "stable"));
  g_assert_null (strstr (r.out, "Customer and business"));
  run_clear (&r);
}

/* a German locale proper (LC_ALL=de_DE.UTF-8, no LANGUAGE), where the
 * machine has it generated (build-aux/dev generates it) */
static void
test_german_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  gboolean available = setlocale (LC_ALL, "de_DE.UTF-8") != NULL;
  Run r = { 0 };

  setlocale (LC_ALL, saved);
  if (!available)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not generated on this machine "
                   "(Debian: apt install locales; enable de_DE.UTF-8 in /etc/locale.gen; locale-gen)");
      return;
    }

  run_cli_in (&r, "de_DE.UTF-8", NULL, "playbook", "--help", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "Prüft ein Playbook"));
  run_clear (&r);

  /* a German locale writes decimal commas; the CSV keeps decimal points, so
   * that every row has as many fields as the header */
  {
    g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", NULL);
    g_auto(GStrv) lines = NULL;
    g_auto(GStrv) header = NULL;

    run_cli_in (&r, "de_DE.UTF-8", NULL, "score", "--csv", "--as-of", "2025-06-30", sample, NULL);
    g_assert_cmpint (r.status, ==, 0);
    lines = g_strsplit (r.out, "\n", -1);
    g_assert_nonnull (lines[0]);
    g_assert_nonnull (lines[1]);
    header = g_strsplit (lines[0], ",", -1);
    for (guint i = 1; lines[i] && lines[i][0]; i++)
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

        g_assert_cmpuint (g_strv_length (fields), ==, g_strv_length (header));
      }
    g_assert_nonnull (strchr (r.out, '.'));
    run_clear (&r);
  }
}

/* the outcomes table in German lines up on the terminal: its header (with
 * "Lösz.") and every band's row, some with "–" for no value, take the same
 * number of columns */
static void
test_table_columns (void)
{
  g_auto(GStrv) lines = NULL;
  glong width = -1;
  guint rows = 0;
  gboolean in_table = FALSE;
  Run r = { 0 };

  run_cli_in (&r, "C.UTF-8", "de", "outcomes", "--demo", NULL);
  g_assert_cmpint (r.status, ==, 0);
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (g_str_has_prefix (lines[i], "  Stufe "))
        {
          g_assert_nonnull (strstr (lines[i], "Lösz."));
          width = g_utf8_strlen (lines[i], -1);
          in_table = TRUE;
          continue;
        }
      if (!in_table)
        continue;
      if (lines[i][0] == '\0')
        break;
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), ==, width);
      rows++;
    }
  /* "all" and the default playbook's three bands */
  g_assert_cmpuint (rows, >=, 4);
  g_assert_nonnull (strstr (r.out, "–"));
  run_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/po/locale/cli-help-language-de", test_help_language);
  g_test_add_func ("/po/locale/cli-report-and-errors-de", test_report_and_errors);
  g_test_add_func ("/po/locale/cli-maturity-de", test_maturity);
  g_test_add_func ("/po/locale/cli-table-columns-de", test_table_columns);
  g_test_add_func ("/po/locale/cli-de-DE-utf8-messages-and-csv-numbers", test_german_locale);

  return g_test_run ();
}

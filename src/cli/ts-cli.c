/* ts-cli.c — touchstone-cli: Touchstone's commands for scripts and terminals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "ts-cli.h"

static const struct {
  const char       *name;
  TsCliCommandFunc  func;
  const char       *summary;
} commands[] = {
  { "demo", ts_cli_demo, N_("Write a synthetic company's exports, for trying Touchstone out") },
  { "inspect", ts_cli_inspect, N_("Import files and folders and report what was understood") },
  { "playbook", ts_cli_playbook, N_("Check a playbook and say what its signals, guardrails and routes do") },
  { "preview", ts_cli_preview, N_("Show a file's records exactly as parsed, before mapping") },
};

int
ts_cli_fail (GError *error)
{
  g_printerr ("touchstone-cli: %s\n", error->message);
  g_error_free (error);
  return 1;
}

int
ts_cli_usage_error (GOptionContext *context,
                    const char     *format,
                    ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("touchstone-cli: %s\n", msg);
  if (context)
    g_printerr (_("Try “%s --help”.\n"), g_get_prgname ());
  return 2;
}

void
ts_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/**
 * ts_cli_load_workspace:
 * @path: (nullable): a workspace file, or %NULL for the bundled demo
 */
TsWorkspace *
ts_cli_load_workspace (const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) file = path ? g_file_new_for_commandline_arg (path) : ts_workspace_dup_demo_file ();

  if (path == NULL && !g_file_query_exists (file, NULL))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("the demo workspace is not installed (looked for %s)"), name);
      return NULL;
    }
  return ts_workspace_load (file, error);
}

GOptionContext *
ts_cli_option_context_new (const char         *command,
                           const char         *parameters,
                           const char         *summary,
                           const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  g_autofree char *prgname = g_strdup_printf ("touchstone-cli %s", command);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: touchstone-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n\n", _("Touchstone: CX-first customer scoring on your own data, offline."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-10s %s\n", "--help", _("Show this help"));
  fprintf (out, "  %-10s %s\n", "--version", _("Show the version"));
  fprintf (out, "\n%s\n", _("Run “touchstone-cli COMMAND --help” for a command's options."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("touchstone-cli");

  if (argc < 2)
    {
      print_help (stderr);
      return 2;
    }

  if (strcmp (argv[1], "--version") == 0 || strcmp (argv[1], "version") == 0)
    {
      g_print ("touchstone-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      if (argc > 2 && strcmp (argv[1], "help") == 0)
        {
          char *sub[] = { argv[0], "--help", NULL };
          for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
            if (strcmp (argv[2], commands[i].name) == 0)
              return commands[i].func (2, sub);
        }
      print_help (stdout);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].func (argc - 1, argv + 1);

  g_printerr (_("touchstone-cli: unknown command “%s”\n\n"), argv[1]);
  print_help (stderr);
  return 2;
}

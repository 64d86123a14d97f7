/* ts-cli-report.c — `touchstone-cli report`: the monthly review as one
 * printable document, PDF or HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ts-cli.h"
#include "ts-report.h"

int
ts_cli_report (int    argc,
               char **argv)
{
  gboolean demo = FALSE, quiet = FALSE;
  g_autofree char *workspace_path = NULL;
  g_autofree char *playbook_path = NULL;
  g_autofree char *month = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) paths = NULL;
  const GOptionEntry entries[] = {
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Review a workspace: its sources, playbook and owners"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Review the bundled demo workspace"), NULL },
    { "playbook", 'p', 0, G_OPTION_ARG_FILENAME, &playbook_path, N_("The playbook (default: the workspace's, else the bundled one)"), N_("PLAYBOOK.json") },
    { "month", 'm', 0, G_OPTION_ARG_STRING, &month, N_("The month reviewed (default: the data's last full month)"), N_("YYYY-MM") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("pdf or html (default: from --out's name)"), N_("FORMAT") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, N_("The file written"), N_("FILE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The document's title (default: Monthly review, and the month)"), N_("TEXT") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("report", N_("PATH…"),
                               _("Writes the monthly review as one printable document: the maturity matrix, the "
                                 "customer's and the business's results side by side with the month before, "
                                 "outcomes by band, speed to help and SLAs, the false positives and negatives with "
                                 "their reasons, drift, the driver index with its alerts and the month's "
                                 "promoter→detractor stories, with charts."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) playbook = NULL;
  g_autoptr(TsDataset) dataset = NULL;
  g_autoptr(TsWorkspace) workspace = NULL;
  g_autoptr(TsReport) report = NULL;
  g_autoptr(GFile) out = NULL;
  g_auto(GStrv) owners = NULL;
  TsReportFormat format;
  TsTime from, to;
  guint pages;
  int status;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (out_path == NULL)
    return ts_cli_usage_error (context, _("give the file to write with --out"));
  if (format_name == NULL)
    format_name = g_str_has_suffix (out_path, ".html") || g_str_has_suffix (out_path, ".htm") ? g_strdup ("html")
                : g_str_has_suffix (out_path, ".pdf") ? g_strdup ("pdf") : NULL;
  if (format_name == NULL)
    return ts_cli_usage_error (context, _("give --format pdf or html, or an --out ending in .pdf or .html"));
  if (!ts_report_format_from_string (format_name, &format))
    return ts_cli_usage_error (context, _("--format “%s”: pdf or html"), format_name);

  /* the month is checked before the data is read */
  if ((status = ts_cli_maturity_span (context, NULL, month, NULL, NULL, &from, &to)) != 0)
    return status;
  if (demo || workspace_path)
    {
      if ((workspace = ts_cli_load_workspace (workspace_path, &error)) == NULL)
        return ts_cli_fail (g_steal_pointer (&error));
      owners = ts_maturity_dup_owners (workspace);
    }
  if ((status = ts_cli_load_data (context, "report", demo, workspace_path, playbook_path, &paths, quiet,
                                  &playbook, &dataset)) != 0 ||
      (status = ts_cli_maturity_span (context, dataset, month, NULL, NULL, &from, &to)) != 0)
    return status;

  report = ts_report_compute (dataset, playbook, from, to, (const char *const *) owners, title, NULL, &error);
  out = g_file_new_for_commandline_arg (out_path);
  if (report == NULL || !ts_report_write (report, format, out, &pages, &error))
    return ts_cli_fail (g_steal_pointer (&error));
  if (!quiet)
    {
      if (format == TS_REPORT_FORMAT_PDF)
        g_printerr (ngettext ("Wrote %s (%u page)\n", "Wrote %s (%u pages)\n", pages), out_path, pages);
      else
        g_printerr (_("Wrote %s\n"), out_path);
    }
  return 0;
}

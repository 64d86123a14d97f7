/* main.c — touchstone, the Touchstone application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include <touchstone.h>

#include "ts-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TsApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ts_install_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ts_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : ts_application_get_exit_status (app);
}

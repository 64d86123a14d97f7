/* ts-application.c — the Touchstone application
 *
 * Opens a window, opens a workspace (`FILE.touchstone`, or `--demo` for the
 * bundled demo) or adds the files and folders given on the command line as
 * sources, and holds the application-wide actions and every keyboard
 * accelerator.  `--render-png FILE` renders the window once the initial
 * import has finished, then quits: for tests and screenshots.  Started on
 * nothing in particular, it offers back the workspaces whose unsaved
 * changes a crash left in their recovery files (see ts-recovery.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>

#include "ts-application.h"
#include "ts-data-page.h"
#include "ts-window.h"

struct _TsApplication
{
  AdwApplication  parent_instance;

  char           *render_png;
  char           *initial_view;
  gboolean        demo;
  gboolean        rendering;
  int             exit_status;
};

G_DEFINE_FINAL_TYPE (TsApplication, ts_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the bundled demo workspace: a synthetic company's exports"), NULL },
  { "render-png", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Render the window to a PNG file once the files given are imported, then quit"),
    N_("FILE") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open on VIEW: overview or rows (of the Data page), scoring, routing, journeys, outcomes, drivers, touchpoints, workshop or maturity"),
    N_("VIEW") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"),
    NULL },
  { NULL }
};

static const struct {
  const char *action;
  const char *accels[3];
} accelerators[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "win.show-help-overlay", { "<Primary>question", NULL } },
  { "window.close", { "<Primary>w", NULL } },
  { "window.open", { "<Primary>o", NULL } },
  { "window.save", { "<Primary>s", NULL } },
  { "window.save-as", { "<Primary><Shift>s", NULL } },
  { "window.add-sources", { "<Primary>i", NULL } },
  { "window.add-folder", { "<Primary><Shift>i", NULL } },
  { "window.reload", { "<Primary>r", "F5", NULL } },
  { "window.search", { "<Primary>f", NULL } },
  { "window.show-page('data')", { "<Alt>1", NULL } },
  { "window.show-page('scoring')", { "<Alt>2", NULL } },
  { "window.show-page('routing')", { "<Alt>3", NULL } },
  { "window.show-page('journeys')", { "<Alt>4", NULL } },
  { "window.show-page('outcomes')", { "<Alt>5", NULL } },
  { "window.show-page('drivers')", { "<Alt>6", NULL } },
  { "window.show-page('touchpoints')", { "<Alt>7", NULL } },
  { "window.show-page('workshop')", { "<Alt>8", NULL } },
  { "window.show-page('maturity')", { "<Alt>9", NULL } },
  { "window.edit-rules", { "<Primary>e", NULL } },
  { "window.edit-drivers", { "<Primary>d", NULL } },
  { "window.edit-touchpoints", { "<Primary>t", NULL } },
  { "window.edit-journeys", { "<Primary>j", NULL } },
  { "window.present", { "F11", NULL } },
};

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* closing, not destroying: each window saves its size */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
  g_application_quit (app);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (app);
  const char *developers[] = { _("The Touchstone developers"), NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  adw_about_window_set_application_name (about, _("Touchstone"));
  adw_about_window_set_application_icon (about,
                                         gtk_window_get_default_icon_name ());
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Touchstone developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
                                 _("A workbench for CX-first customer scoring: score need "
                                   "rather than engagement, apply experience guardrails, route "
                                   "each moment to the right help and measure the outcomes. "
                                   "Your data stays on this computer."));
  adw_about_window_set_website (about, "https://github.com/touchstone");
  adw_about_window_set_issue_url (about, "https://github.com/touchstone/touchstone/issues");
  adw_about_window_set_copyright (about, _("© The Touchstone developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: put your names here, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
};

static void
on_render_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TsApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ts_window_render_png_finish (TS_WINDOW (object), result, &error))
    {
      g_printerr ("touchstone: %s\n", error->message);
      self->exit_status = 1;
    }
  g_application_quit (G_APPLICATION (self));
}

static void
ts_application_show (TsApplication  *self,
                     GFile         **files,
                     int             n_files)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  gboolean starting = window == NULL;

  if (window == NULL)
    window = GTK_WINDOW (ts_window_new (ADW_APPLICATION (self)));
  /* started on nothing in particular: the work a crash left unsaved is
   * offered back (opening a workspace offers its own) */
  starting = starting && n_files == 0 && !self->demo && self->render_png == NULL;

  if (self->demo)
    {
      self->demo = FALSE;
      ts_window_open_demo (TS_WINDOW (window));
    }

  if (n_files > 0)
    {
      g_autoptr(GPtrArray) sources = g_ptr_array_new ();

      /* a workspace opens; anything else is a source */
      for (int i = 0; i < n_files; i++)
        {
          g_autofree char *name = g_file_get_basename (files[i]);
          if (name != NULL && g_str_has_suffix (name, ".touchstone"))
            ts_window_open_workspace (TS_WINDOW (window), files[i]);
          else
            g_ptr_array_add (sources, files[i]);
        }
      if (sources->len > 0)
        ts_window_add_files (TS_WINDOW (window), (GFile **) sources->pdata, sources->len);
    }

  if (self->initial_view != NULL)
    {
      TsDataPage *page = ts_window_get_data_page (TS_WINDOW (window));

      if (g_str_equal (self->initial_view, "scoring") || g_str_equal (self->initial_view, "routing") ||
          g_str_equal (self->initial_view, "workshop") || g_str_equal (self->initial_view, "outcomes") ||
          g_str_equal (self->initial_view, "drivers") || g_str_equal (self->initial_view, "touchpoints") ||
          g_str_equal (self->initial_view, "journeys") || g_str_equal (self->initial_view, "maturity"))
        ts_window_show_page (TS_WINDOW (window), self->initial_view);
      else
        adw_view_stack_set_visible_child_name (ts_data_page_get_view_stack (page),
                                               self->initial_view);
      g_clear_pointer (&self->initial_view, g_free);
    }

  gtk_window_present (window);
  if (starting)
    ts_window_offer_recoveries (TS_WINDOW (window));

  if (self->render_png != NULL && !self->rendering)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->render_png);

      self->rendering = TRUE;
      ts_window_render_png_async (TS_WINDOW (window), file, NULL, on_render_cb,
                                  g_object_ref (self));
    }
}

static void
ts_application_activate (GApplication *app)
{
  ts_application_show (TS_APPLICATION (app), NULL, 0);
}

static void
ts_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  ts_application_show (TS_APPLICATION (app), files, n_files);
}

static int
ts_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  TsApplication *self = TS_APPLICATION (app);
  g_autofree char *render_png = NULL;
  const char *view = NULL;

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("touchstone %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "view", "&s", &view))
    {
      if (g_strcmp0 (view, "overview") != 0 && g_strcmp0 (view, "rows") != 0 &&
          g_strcmp0 (view, "scoring") != 0 && g_strcmp0 (view, "routing") != 0 &&
          g_strcmp0 (view, "workshop") != 0 && g_strcmp0 (view, "outcomes") != 0 &&
          g_strcmp0 (view, "drivers") != 0 && g_strcmp0 (view, "touchpoints") != 0 &&
          g_strcmp0 (view, "journeys") != 0 && g_strcmp0 (view, "maturity") != 0)
        {
          /* Translators: %s is what was given to --view */
          g_printerr (_("touchstone: unknown view “%s”: use overview, rows, scoring, routing, journeys, outcomes, drivers, touchpoints, workshop or maturity\n"), view);
          return 2;
        }
      self->initial_view = g_strdup (view);
    }

  if (g_variant_dict_lookup (options, "render-png", "^ay", &render_png))
    {
      self->render_png = g_canonicalize_filename (render_png, NULL);
      /* render in this process, not in a running instance's window */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
ts_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (ts_application_parent_class)->startup (app);

  /* installed, under the app id; uninstalled, the resource's icon (a
   * development build's id has none of its own) */
  gtk_window_set_default_icon_name (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gdk_display_get_default ()), APP_ID)
                                    ? APP_ID : "io.github.touchstone.Touchstone");

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accelerators[i].action,
                                           accelerators[i].accels);
}

static void
ts_application_finalize (GObject *object)
{
  TsApplication *self = (TsApplication *) object;

  g_clear_pointer (&self->render_png, g_free);
  g_clear_pointer (&self->initial_view, g_free);

  G_OBJECT_CLASS (ts_application_parent_class)->finalize (object);
}

static void
ts_application_class_init (TsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ts_application_finalize;
  app_class->activate = ts_application_activate;
  app_class->open = ts_application_open;
  app_class->startup = ts_application_startup;
  app_class->handle_local_options = ts_application_handle_local_options;
}

static void
ts_application_init (TsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Open a workspace (FILE.touchstone), or the files and folders given as sources."));
}

TsApplication *
ts_application_new (void)
{
  return g_object_new (TS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/touchstone/Touchstone",
                       NULL);
}

/**
 * ts_application_get_exit_status:
 *
 * Returns: 1 when --render-png failed, else 0
 */
int
ts_application_get_exit_status (TsApplication *self)
{
  g_return_val_if_fail (TS_IS_APPLICATION (self), 1);
  return self->exit_status;
}

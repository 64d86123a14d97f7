/* ts-window.c — the main window: the sources, their import, the pages
 *
 * The window keeps the list of sources the user added (files and folders,
 * from the file chooser, drag and drop or the command line).  Adding one
 * imports the whole list again, on a worker thread, into a new immutable
 * dataset; the progress bar is bound to the import's TsImportJob and its
 * Cancel button cancels the GCancellable.  Only a finished import replaces
 * the dataset the pages show: a cancelled or failed one leaves it as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ts-application.h"
#include "ts-data-page.h"
#include "ts-scoring-page.h"
#include "ts-routing-page.h"
#include "ts-drivers-dialog.h"
#include "ts-touchpoints-dialog.h"
#include "ts-journeys-dialog.h"
#include "ts-journeys-page.h"
#include "ts-drivers-page.h"
#include "ts-touchpoints-page.h"
#include "ts-maturity-page.h"
#include "ts-outcomes-page.h"
#include "ts-rules-dialog.h"
#include "ts-scenario-page.h"
#include "ts-mapping-dialog.h"
#include "ts-window.h"
#include "ts-window-private.h"

struct _TsWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  GtkStack             *stack;
  TsDataPage           *data_page;
  TsScoringPage        *scoring_page;
  TsRoutingPage        *routing_page;
  TsScenarioPage       *scenario_page;
  TsOutcomesPage       *outcomes_page;
  TsDriversPage        *drivers_page;
  TsTouchpointsPage    *touchpoints_page;
  TsMaturityPage       *maturity_page;
  TsJourneysPage       *journeys_page;
  GtkWidget            *sidebar_box;
  GtkWidget            *sidebar_separator;
  AdwWindowTitle       *workspace_title;

  GSettings            *settings;
  TsPluginManager      *plugins;
  GListModel           *pages;
  guint                 switcher_tick_id;
  guint                 switcher_frames;

  /* the sources of the dataset shown */
  GStrv                 paths;
  TsDataset            *dataset;

  /* the running import, if any */
  GStrv                 import_paths;
  GCancellable         *cancellable;
  TsImportJob          *job;
  GBinding             *fraction_binding;
  GBinding             *message_binding;

  GtkNativeDialog      *chooser;

  /* the workspace: its sources are the paths above, plus their mappings,
   * the identity key, the playbook and saved views */
  TsWorkspace          *workspace;
  GtkNativeDialog      *workspace_chooser;
  gboolean              close_after_save;
  gboolean              close_confirmed;

  /* the unsaved changes are written to the recovery file a moment after
   * each change (see ts-recovery.c); the recoveries found at start-up are
   * offered one after the other */
  GFile                *recovery_file;
  guint                 recovery_id;
  gint64                recovery_since;
  gboolean              recovery_failed;
  GPtrArray            *recoveries;

  /* what "Remove All Sources" removed, while its toast offers to undo */
  GStrv                 cleared_paths;
  TsDataset            *cleared_dataset;
};

enum {
  PROP_0,
  PROP_DATASET,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TsWindow, ts_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  TsWindow     *self;
  GCancellable *cancellable;
  GStrv         paths;
} Import;

static void
import_free (Import *import)
{
  g_clear_object (&import->self);
  g_clear_object (&import->cancellable);
  g_clear_pointer (&import->paths, g_strfreev);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static void
update_actions (TsWindow *self)
{
  gboolean busy = self->cancellable != NULL;
  gboolean has_paths = self->paths != NULL && self->paths[0] != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.cancel-import", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.reload", has_paths);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.clear", has_paths || busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.undo-clear",
                                 self->cleared_paths != NULL);
}

static void
update_subtitle (TsWindow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->cancellable != NULL)
    {
      subtitle = g_strdup (_("Importing…"));
    }
  else if (self->dataset != NULL)
    {
      GPtrArray *sources = ts_dataset_get_sources (self->dataset);
      guint n_sources = sources != NULL ? sources->len : 0;
      guint n_customers = ts_dataset_get_customers (self->dataset)->n_rows;
      g_autofree char *files = g_strdup_printf (ngettext ("%u file", "%u files", n_sources),
                                                n_sources);

      /* Translators: e.g. "6 files · 40 customers" */
      subtitle = g_strdup_printf (ngettext ("%s · %u customer", "%s · %u customers", n_customers),
                                  files, n_customers);
    }
  else
    {
      subtitle = g_strdup (_("No sources"));
    }
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
update_switcher_bar (TsWindow *self)
{
  gboolean enabled = adw_view_switcher_title_get_view_switcher_enabled (self->switcher_title);
  gboolean title_visible = adw_view_switcher_title_get_title_visible (self->switcher_title);

  adw_view_switcher_bar_set_reveal (self->switcher_bar, enabled && title_visible);
}

static gboolean
on_switcher_bar_tick_cb (GtkWidget     *widget,
                         GdkFrameClock *clock,
                         gpointer       user_data)
{
  TsWindow *self = TS_WINDOW (widget);

  /* the frame after the switcher was enabled has laid the title out */
  if (++self->switcher_frames < 2)
    return G_SOURCE_CONTINUE;
  self->switcher_tick_id = 0;
  update_switcher_bar (self);
  return G_SOURCE_REMOVE;
}

/* The header shows the visible page's title, and a switcher when the page
 * has views and something to show in them.  Whether the title has room for
 * the switcher is known after the next layout: the bar at the bottom, for
 * narrow windows, is updated then, rather than revealed for one frame. */
static void
update_switcher (TsWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);
  AdwViewStack *views = NULL;
  GtkStackPage *page;
  gboolean enabled = FALSE;

  if (child == NULL)
    return;

  if (TS_IS_DATA_PAGE (child))
    {
      views = ts_data_page_get_view_stack (TS_DATA_PAGE (child));
      enabled = ts_data_page_get_loaded (TS_DATA_PAGE (child));
    }

  page = gtk_stack_get_page (self->stack, child);
  adw_view_switcher_title_set_title (self->switcher_title, gtk_stack_page_get_title (page));
  adw_view_switcher_title_set_stack (self->switcher_title, views);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, enabled);
  adw_view_switcher_bar_set_stack (self->switcher_bar, views);
  if (!enabled)
    {
      update_switcher_bar (self);
    }
  else
    {
      self->switcher_frames = 0;
      if (self->switcher_tick_id == 0)
        self->switcher_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                               on_switcher_bar_tick_cb,
                                                               NULL, NULL);
    }
}

static void
on_switcher_title_notify_title_visible_cb (TsWindow             *self,
                                           GParamSpec           *pspec,
                                           AdwViewSwitcherTitle *title)
{
  update_switcher_bar (self);
}

/* the routing page decides on the scores the Scoring page shows */
static void
on_scoring_page_notify_scores_cb (TsWindow      *self,
                                  GParamSpec    *pspec,
                                  TsScoringPage *page)
{
  ts_routing_page_set_scores (self->routing_page, ts_scoring_page_get_scores (page));
  ts_scenario_page_set_scores (self->scenario_page, ts_scoring_page_get_scores (page));
  ts_outcomes_page_set_scores (self->outcomes_page, ts_scoring_page_get_scores (page));
  ts_drivers_page_set_scores (self->drivers_page, ts_scoring_page_get_scores (page));
  ts_touchpoints_page_set_scores (self->touchpoints_page, ts_scoring_page_get_scores (page));
  ts_journeys_page_set_scores (self->journeys_page, ts_scoring_page_get_scores (page));
  ts_maturity_page_set_scores (self->maturity_page, ts_scoring_page_get_scores (page));
}

/* a workshop presents the moment alone, full screen */
static void
on_scenario_page_notify_presenting_cb (TsWindow       *self,
                                       GParamSpec     *pspec,
                                       TsScenarioPage *page)
{
  gboolean presenting = FALSE;

  g_object_get (page, "presenting", &presenting, NULL);
  gtk_widget_set_visible (self->sidebar_box, !presenting);
  gtk_widget_set_visible (self->sidebar_separator, !presenting);
}

static void
on_data_page_notify_loaded_cb (TsWindow   *self,
                               GParamSpec *pspec,
                               TsDataPage *page)
{
  update_switcher (self);
}

static void
on_stack_visible_child_cb (TsWindow   *self,
                           GParamSpec *pspec,
                           GtkStack   *stack)
{
  GtkWidget *child = gtk_stack_get_visible_child (stack);

  update_switcher (self);
  if (child == GTK_WIDGET (self->scenario_page))
    ts_scenario_page_set_customer_hint (self->scenario_page, ts_scoring_page_get_selected (self->scoring_page));

  for (guint i = 0; child != NULL && i < g_list_model_get_n_items (self->pages); i++)
    {
      g_autoptr(GObject) page = g_list_model_get_item (self->pages, i);

      if (gtk_stack_page_get_child (GTK_STACK_PAGE (page)) == child)
        gtk_list_box_select_row (self->sidebar_list,
                                 gtk_list_box_get_row_at_index (self->sidebar_list, i));
    }
}

static void
on_sidebar_list_row_activated_cb (TsWindow      *self,
                                  GtkListBoxRow *row,
                                  GtkListBox    *list)
{
  g_autoptr(GObject) page = g_list_model_get_item (self->pages, gtk_list_box_row_get_index (row));

  if (page == NULL)
    return;
  gtk_stack_set_visible_child (self->stack, gtk_stack_page_get_child (GTK_STACK_PAGE (page)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static GtkWidget *
create_sidebar_row (gpointer item,
                    gpointer user_data)
{
  GtkStackPage *page = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_bind_property (page, "icon-name", icon, "icon-name", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "title", label, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "visible", row, "visible", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
on_page_add_toast_cb (TsWindow   *self,
                      AdwToast   *toast,
                      GtkWidget  *page)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

void
ts_window_add_toast (TsWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (TS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
add_toast_text (TsWindow   *self,
                const char *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* ------------------------------------------------------------------ */
/* Import                                                              */

/* Forgets the running import; its callback will see that it is stale. */
static void
forget_import (TsWindow *self)
{
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_pointer (&self->message_binding, g_binding_unbind);
  g_clear_object (&self->job);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->import_paths, g_strfreev);

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_actions (self);
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
cancel_import (TsWindow *self)
{
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  forget_import (self);
}

static void sync_workspace_sources (TsWindow *self);

static void
set_dataset (TsWindow  *self,
             TsDataset *dataset,
             GStrv      paths)
{
  g_strfreev (self->paths);
  self->paths = paths;
  sync_workspace_sources (self);
  g_set_object (&self->dataset, dataset);
  ts_data_page_set_dataset (self->data_page, dataset);
  ts_scenario_page_set_workspace (self->scenario_page, self->workspace);
  ts_outcomes_page_set_workspace (self->outcomes_page, self->workspace);
  ts_journeys_page_set_workspace (self->journeys_page, self->workspace);
  ts_maturity_page_set_workspace (self->maturity_page, self->workspace);
  ts_scoring_page_set_data (self->scoring_page, dataset, self->workspace);
  update_actions (self);
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

static void
show_import_error (TsWindow     *self,
                   const GError *error)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (self->dataset != NULL)
    /* Translators: %s is the error, with the file and line it is about */
    body = g_strdup_printf (_("%s\n\nThe data shown before is unchanged."), error->message);
  else
    body = g_strdup (error->message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Could Not Add Sources"),
                                                       body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Import) import = user_data;
  TsWindow *self = import->self;
  g_autoptr(TsDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sources;
  gboolean announce;

  dataset = ts_importer_import_finish (result, &error);

  /* cancelled, or replaced by an import of more sources */
  if (import->cancellable != self->cancellable)
    return;

  forget_import (self);

  if (dataset == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_import_error (self, error);
      return;
    }

  /* the first import replaces the welcome page, which says enough */
  announce = self->dataset != NULL;
  sources = ts_dataset_get_sources (dataset);
  set_dataset (self, dataset, g_steal_pointer (&import->paths));

  if (announce)
    {
      guint n = sources != NULL ? sources->len : 0;
      g_autofree char *title = NULL;

      title = g_strdup_printf (ngettext ("Imported %u file", "Imported %u files", n), n);

      add_toast_text (self, title);
    }
}

/* Imports @paths (all the sources, not only new ones) in place of any
 * running import. */
static void
start_import (TsWindow *self,
              GStrv     paths)
{
  g_autoptr(TsMapping) mapping = NULL;
  Import *import;

  cancel_import (self);

  self->cancellable = g_cancellable_new ();
  self->job = ts_import_job_new ();
  self->import_paths = g_strdupv (paths);

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Looking for files…"));
  self->fraction_binding = g_object_bind_property (self->job, "fraction",
                                                   self->progress_bar, "fraction",
                                                   G_BINDING_DEFAULT);
  self->message_binding = g_object_bind_property (self->job, "message",
                                                  self->progress_bar, "text",
                                                  G_BINDING_DEFAULT);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);

  import = g_new0 (Import, 1);
  import->self = g_object_ref (self);
  import->cancellable = g_object_ref (self->cancellable);
  import->paths = paths;

  mapping = ts_workspace_build_mapping (self->workspace);
  ts_importer_import_async (self->plugins,
                            (const char * const *) import->paths,
                            mapping,
                            self->job,
                            self->cancellable,
                            on_import_cb,
                            import);

  update_actions (self);
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * ts_window_add_paths:
 * @paths: (array zero-terminated=1): files and folders
 *
 * Adds sources and imports every source again (also those of an import
 * still running).  Paths already added are skipped.
 */
void
ts_window_add_paths (TsWindow           *self,
                     const char * const *paths)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  const char * const *current;
  guint n_skipped = 0;

  g_return_if_fail (TS_IS_WINDOW (self));
  g_return_if_fail (paths != NULL);

  current = (const char * const *) (self->import_paths != NULL ? self->import_paths : self->paths);
  if (current != NULL)
    g_strv_builder_addv (builder, (const char **) current);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *path = g_canonicalize_filename (paths[i], NULL);
      gboolean known = current != NULL && g_strv_contains (current, path);

      for (guint j = 0; !known && j < added->len; j++)
        known = g_str_equal (added->pdata[j], path);
      if (known)
        {
          n_skipped++;
          continue;
        }
      g_strv_builder_add (builder, path);
      g_ptr_array_add (added, g_steal_pointer (&path));
    }

  if (added->len == 0)
    {
      if (n_skipped > 0)
        add_toast_text (self, ngettext ("This source was added already",
                                        "These sources were added already", n_skipped));
      return;
    }

  start_import (self, g_strv_builder_end (builder));
}

/**
 * ts_window_add_files:
 * @files: (array length=n_files): files and folders
 *
 * Like ts_window_add_paths(); files that are not on this computer are
 * skipped, with a toast.
 */
void
ts_window_add_files (TsWindow  *self,
                     GFile    **files,
                     guint      n_files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  guint n_remote = 0;

  g_return_if_fail (TS_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        n_remote++;
      else
        g_strv_builder_add (builder, path);
    }
  if (n_remote > 0)
    add_toast_text (self, _("Only files on this computer can be added"));

  paths = g_strv_builder_end (builder);
  if (paths[0] != NULL)
    ts_window_add_paths (self, (const char * const *) paths);
}


/* ------------------------------------------------------------------ */
/* The workspace                                                       */

static gboolean
same_path (GFile      *file,
           const char *path)
{
  g_autofree char *a = g_file_get_path (file);
  g_autofree char *ca = a ? g_canonicalize_filename (a, NULL) : NULL;
  g_autofree char *cb = g_canonicalize_filename (path, NULL);

  return g_strcmp0 (ca, cb) == 0;
}

/* The workspace lists the sources shown: the ones added since are added
 * to it (without a mapping: the plugins probe them), the ones removed are
 * removed, and the others keep their mappings. */
static void
sync_workspace_sources (TsWindow *self)
{
  const char * const *paths = (const char * const *) self->paths;
  guint n_paths = paths ? g_strv_length ((char **) paths) : 0;

  for (guint i = ts_workspace_get_n_sources (self->workspace); i > 0; i--)
    {
      GFile *file = ts_workspace_get_source (self->workspace, i - 1);
      gboolean kept = FALSE;

      for (guint j = 0; j < n_paths && !kept; j++)
        kept = same_path (file, paths[j]);
      if (!kept)
        ts_workspace_remove_source (self->workspace, i - 1);
    }

  for (guint j = 0; j < n_paths; j++)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < ts_workspace_get_n_sources (self->workspace) && !known; i++)
        known = same_path (ts_workspace_get_source (self->workspace, i), paths[j]);
      if (!known)
        {
          g_autoptr(GFile) file = g_file_new_for_path (paths[j]);
          ts_workspace_add_source (self->workspace, file, NULL, NULL);
        }
    }
}

static void
update_title (TsWindow *self)
{
  const char *title = ts_workspace_get_title (self->workspace);

  adw_window_title_set_title (self->workspace_title, title);
  adw_window_title_set_subtitle (self->workspace_title,
                                 ts_workspace_get_modified (self->workspace)
                                 ? _("Unsaved changes") : NULL);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.save",
                                 ts_workspace_get_modified (self->workspace) ||
                                 ts_workspace_get_file (self->workspace) == NULL);
}

static void
update_recent (TsWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");

  ts_data_page_set_recent (self->data_page, (const char * const *) recent);
}

static void
remember_recent (TsWindow *self,
                 GFile    *file)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-workspaces");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autofree char *path = g_file_get_path (file);
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  if (path == NULL)
    return;
  g_strv_builder_add (b, path);
  for (guint i = 0; recent[i] != NULL && n < 8; i++)
    if (!g_str_equal (recent[i], path))
      {
        g_strv_builder_add (b, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (b);
  g_settings_set_strv (self->settings, "recent-workspaces", (const char * const *) updated);
}

/* ------------------------------------------------------------------ */
/* Recovery                                                            */

static GFile *
dup_recovery_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "touchstone", "recovery", NULL);

  return g_file_new_for_path (path);
}

static gboolean
write_recovery_cb (gpointer data)
{
  TsWindow *self = data;
  g_autoptr(GError) error = NULL;

  self->recovery_id = 0;
  if (!ts_workspace_get_modified (self->workspace))
    return G_SOURCE_REMOVE;

  if (self->recovery_file == NULL)
    {
      g_autoptr(GFile) dir = dup_recovery_dir ();
      self->recovery_file = ts_recovery_dup_file_for (dir, ts_workspace_get_file (self->workspace));
    }
  if (!ts_recovery_write (self->recovery_file, self->workspace, &error))
    {
      /* said once, not at every change */
      if (!self->recovery_failed)
        {
          /* Translators: %s is why, e.g. "No space left on device" */
          g_autofree char *text = g_strdup_printf (_("Unsaved changes cannot be kept for recovery: %s"),
                                                   error->message);
          AdwToast *toast = adw_toast_new (text);

          adw_toast_set_timeout (toast, 0);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
      self->recovery_failed = TRUE;
      return G_SOURCE_REMOVE;
    }
  self->recovery_failed = FALSE;
  g_debug ("unsaved changes written to %s", g_file_peek_path (self->recovery_file));
  return G_SOURCE_REMOVE;
}

/* Each change puts the snapshot off by the delay, but changes that never
 * stop (a weight dragged, a moment typed) put it off by ten at most. */
static void
on_workspace_changed_cb (TsWindow    *self,
                         TsWorkspace *workspace)
{
  gint64 now = g_get_monotonic_time ();
  gint64 delay = g_settings_get_uint (self->settings, "recovery-delay");
  gint64 wait = delay;

  if (self->recovery_id == 0)
    self->recovery_since = now;
  else
    wait = MIN (delay, MAX (0, self->recovery_since / 1000 + 10 * delay - now / 1000));
  g_clear_handle_id (&self->recovery_id, g_source_remove);
  if (!ts_workspace_get_modified (workspace))
    return;
  self->recovery_id = g_timeout_add ((guint) wait, write_recovery_cb, self);
}

/* The changes are saved or given up: nothing is left to recover. */
static void
discard_recovery (TsWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->recovery_id, g_source_remove);
  if (self->recovery_file == NULL)
    return;
  if (!g_file_delete (self->recovery_file, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_warning ("%s", error->message);
  g_clear_object (&self->recovery_file);
}

static void
on_workspace_notify_modified_cb (TsWindow    *self,
                                 GParamSpec  *pspec,
                                 TsWorkspace *workspace)
{
  update_title (self);
  if (!ts_workspace_get_modified (workspace))
    discard_recovery (self);
}

static void
set_workspace (TsWindow    *self,
               TsWorkspace *workspace)
{
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  /* the changes of the workspace replaced stay in its recovery file */
  g_clear_handle_id (&self->recovery_id, g_source_remove);
  g_clear_object (&self->recovery_file);
  self->recovery_failed = FALSE;

  g_set_object (&self->workspace, workspace);
  g_signal_connect_object (workspace, "notify::modified", G_CALLBACK (on_workspace_notify_modified_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::title", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "changed", G_CALLBACK (on_workspace_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_title (self);
}

/* Shows @workspace in place of the current one, and imports its sources. */
static void
show_workspace (TsWindow    *self,
                TsWorkspace *workspace)
{
  g_auto(GStrv) paths = ts_workspace_dup_paths (workspace);

  cancel_import (self);
  set_workspace (self, workspace);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->paths, g_strfreev);
  ts_data_page_set_dataset (self->data_page, NULL);
  if (paths[0] != NULL)
    start_import (self, g_steal_pointer (&paths));
  update_actions (self);
  update_subtitle (self);
}

static void offer_next_recovery (TsWindow *self);

static void
recover (TsWindow   *self,
         TsRecovery *recovery)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsWorkspace) workspace = ts_recovery_dup_workspace (recovery, &error);
  TsWindow *window = self;

  if (workspace == NULL)
    {
      add_toast_text (self, error->message);
      return;
    }
  /* a window at work on something else keeps it: the recovery opens beside it */
  if (ts_workspace_get_modified (self->workspace) ||
      (ts_workspace_get_n_sources (self->workspace) > 0 &&
       !(ts_workspace_get_file (self->workspace) != NULL &&
         ts_recovery_get_workspace_file (recovery) != NULL &&
         g_file_equal (ts_workspace_get_file (self->workspace),
                       ts_recovery_get_workspace_file (recovery)))))
    {
      window = ts_window_new (ADW_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      gtk_window_present (GTK_WINDOW (window));
    }
  show_workspace (window, workspace);
  /* until it is saved, the recovered workspace's changes stay in this file */
  g_set_object (&window->recovery_file, ts_recovery_get_file (recovery));
  add_toast_text (window, _("Unsaved changes recovered: save the workspace to keep them"));
}

static void
on_recovery_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         TsWindow         *self)
{
  TsRecovery *recovery = g_object_get_data (G_OBJECT (dialog), "recovery");
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "recover"))
    recover (self, recovery);
  else if (g_str_equal (response, "discard") && !ts_recovery_discard (recovery, &error))
    add_toast_text (self, error->message);
  /* any other answer keeps it for the next time */
  offer_next_recovery (self);
}

static void
offer_recovery (TsWindow   *self,
                TsRecovery *recovery)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (ts_recovery_get_written (recovery));
  GFile *file = ts_recovery_get_workspace_file (recovery);
  g_autofree char *where = file ? g_file_get_parse_name (file) : NULL;
  /* Translators: when the unsaved changes were written, see g_date_time_format() */
  g_autofree char *when = g_date_time_format (local, _("%Y-%m-%d at %H:%M:%S"));
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (where != NULL)
    /* Translators: the first %s is the workspace's title, the second when the
     * changes were kept, the third the workspace's file */
    body = g_strdup_printf (_("“%s” had changes that were not saved when Touchstone stopped. "
                              "They were kept on %s.\n\nWorkspace: %s\n\n"
                              "Recover opens them as unsaved changes; the file is not changed until you save."),
                            ts_recovery_get_title (recovery), when, where);
  else
    /* Translators: the first %s is the workspace's title, the second when the
     * changes were kept */
    body = g_strdup_printf (_("“%s” had changes that were not saved when Touchstone stopped. "
                              "They were kept on %s.\n\nWorkspace: never saved\n\n"
                              "Recover opens them as a new workspace to save where you want."),
                            ts_recovery_get_title (recovery), when);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Recover Unsaved Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "recover");
  /* Escape decides nothing: the changes are offered again next time */
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "recovery", g_object_ref (recovery), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
offer_next_recovery (TsWindow *self)
{
  g_autoptr(TsRecovery) recovery = NULL;

  if (self->recoveries == NULL || self->recoveries->len == 0)
    {
      g_clear_pointer (&self->recoveries, g_ptr_array_unref);
      return;
    }
  recovery = g_ptr_array_steal_index (self->recoveries, 0);
  offer_recovery (self, recovery);
}

static void
on_map_offer_recovery_cb (TsWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, on_map_offer_recovery_cb, self);
  offer_next_recovery (self);
}

/* Queues the recoveries that hold more than their workspace's file, and
 * removes those that do not; the first is offered once the window is up,
 * for its dialog to stand over it. */
static void
queue_recoveries (TsWindow  *self,
                  GPtrArray *recoveries)
{
  gboolean idle = self->recoveries == NULL;

  if (self->recoveries == NULL)
    self->recoveries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < recoveries->len; i++)
    {
      TsRecovery *recovery = g_ptr_array_index (recoveries, i);

      if (ts_recovery_is_stale (recovery))
        ts_recovery_discard (recovery, NULL);
      else
        g_ptr_array_add (self->recoveries, g_object_ref (recovery));
    }
  if (!idle)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    offer_next_recovery (self);
  else
    g_signal_connect_swapped (self, "map", G_CALLBACK (on_map_offer_recovery_cb), self);
}

/**
 * ts_window_offer_recoveries:
 *
 * Offers back every workspace whose unsaved changes were kept when the
 * application stopped without saving or discarding them, the newest first.
 */
void
ts_window_offer_recoveries (TsWindow *self)
{
  g_autoptr(GFile) dir = dup_recovery_dir ();
  g_autoptr(GPtrArray) recoveries = ts_recovery_list (dir);

  g_return_if_fail (TS_IS_WINDOW (self));

  queue_recoveries (self, recoveries);
}

/* Offers back the unsaved changes of the workspace in @file, if any. */
static void
offer_recovery_of (TsWindow *self,
                   GFile    *file)
{
  g_autoptr(GFile) dir = dup_recovery_dir ();
  g_autoptr(GFile) recovery_file = ts_recovery_dup_file_for (dir, file);
  g_autoptr(GPtrArray) recoveries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  TsRecovery *recovery;

  if (!g_file_query_exists (recovery_file, NULL))
    return;
  recovery = ts_recovery_load (recovery_file, &error);
  if (recovery == NULL)
    {
      g_debug ("%s", error->message);
      return;
    }
  g_ptr_array_add (recoveries, recovery);
  queue_recoveries (self, recoveries);
}

/**
 * ts_window_open_workspace:
 *
 * Opens a workspace in this window in place of the current one, and imports
 * its sources.  A workspace that cannot be read is reported, and the
 * current one stays.
 *
 * Returns: whether the workspace was opened
 */
gboolean
ts_window_open_workspace (TsWindow *self,
                          GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TsWorkspace) workspace = NULL;

  g_return_val_if_fail (TS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  workspace = ts_workspace_load (file, &error);
  if (workspace == NULL)
    {
      AdwMessageDialog *dialog =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                    _("Could Not Open the Workspace"),
                                                    error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  show_workspace (self, workspace);
  remember_recent (self, file);
  offer_recovery_of (self, file);
  return TRUE;
}

/**
 * ts_window_open_demo:
 *
 * Opens the bundled demo workspace: a synthetic company's exports.
 */
void
ts_window_open_demo (TsWindow *self)
{
  g_autoptr(GFile) demo = ts_workspace_dup_demo_file ();

  g_return_if_fail (TS_IS_WINDOW (self));

  if (ts_window_open_workspace (self, demo))
    {
      /* the demo is for trying things: saving it asks where */
      ts_workspace_set_modified (self->workspace, FALSE);
    }
}

/**
 * ts_window_get_workspace:
 *
 * Returns: (transfer none): the workspace shown
 */
TsWorkspace *
ts_window_get_workspace (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return self->workspace;
}

/**
 * ts_window_save_workspace:
 *
 * Saves the workspace to @file, atomically (the previous version is kept as
 * FILE~).  A failure is reported and changes nothing.
 */
gboolean
ts_window_save_workspace (TsWindow *self,
                          GFile    *file)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TS_IS_WINDOW (self), FALSE);

  if (!ts_workspace_save (self->workspace, file, &error))
    {
      AdwMessageDialog *dialog =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                    _("Could Not Save the Workspace"),
                                                    error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }
  discard_recovery (self);
  remember_recent (self, file);
  update_title (self);
  add_toast_text (self, _("Workspace saved"));
  return TRUE;
}

static void
on_workspace_chooser_response_cb (TsWindow        *self,
                                  int              response,
                                  GtkNativeDialog *chooser)
{
  GtkFileChooserAction action = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GFile) file = NULL;
  gboolean close = self->close_after_save;

  self->close_after_save = FALSE;
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  if (self->workspace_chooser == chooser)
    g_clear_object (&self->workspace_chooser);
  if (file == NULL)
    return;

  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    ts_window_open_workspace (self, file);
  else if (ts_window_save_workspace (self, file) && close)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
open_workspace_chooser (TsWindow *self,
                        gboolean  save)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->workspace_chooser != NULL)
    gtk_native_dialog_destroy (self->workspace_chooser);
  g_clear_object (&self->workspace_chooser);

  chooser = gtk_file_chooser_native_new (save ? _("Save Workspace") : _("Open Workspace"),
                                         GTK_WINDOW (self),
                                         save ? GTK_FILE_CHOOSER_ACTION_SAVE
                                              : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         save ? _("_Save") : _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Touchstone Workspaces"));
  gtk_file_filter_add_suffix (filter, "touchstone");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (save)
    {
      /* Translators: the file name a new workspace is saved under */
      g_autofree char *name = g_strdup_printf ("%s.touchstone", _("Untitled"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_workspace_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  self->workspace_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->workspace_chooser);
}

static gboolean
save_or_ask (TsWindow *self)
{
  GFile *file = ts_workspace_get_file (self->workspace);
  g_autoptr(GFile) demo = ts_workspace_dup_demo_file ();

  /* the bundled demo is never overwritten */
  if (file != NULL && !g_file_equal (file, demo))
    return ts_window_save_workspace (self, file);
  open_workspace_chooser (self, TRUE);
  return FALSE;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_workspace_chooser (TS_WINDOW (widget), FALSE);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ts_window_open_demo (TS_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  ts_window_open_workspace (TS_WINDOW (widget), file);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_or_ask (TS_WINDOW (widget));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_workspace_chooser (TS_WINDOW (widget), TRUE);
}

static gboolean
close_confirmed_cb (gpointer data)
{
  TsWindow *self = data;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

/* Closes once the dialog that asked is gone: a window destroyed while its
 * dialog still answers leaves the dialog pointing at it. */
static void
close_when_idle (TsWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_confirmed_cb, g_object_ref (self), g_object_unref);
}

static void
on_unsaved_response_cb (TsWindow         *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "discard"))
    close_when_idle (self);
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      if (save_or_ask (self))
        {
          self->close_after_save = FALSE;
          close_when_idle (self);
        }
    }
}

/* Returns whether closing must wait for the user's answer. */
static gboolean
ask_about_unsaved_changes (TsWindow *self)
{
  AdwMessageDialog *dialog;

  if (self->close_confirmed || !ts_workspace_get_modified (self->workspace) ||
      ts_workspace_get_n_sources (self->workspace) == 0)
    return FALSE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Save Changes?"),
                                                       _("The workspace has changes that are not saved. "
                                                         "Its sources and settings are lost unless you save it.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_unsaved_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Adding sources                                                      */

static void
on_chooser_response_cb (TsWindow        *self,
                        int              response,
                        GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      ts_window_add_files (self, (GFile **) array->pdata, array->len);
    }
  gtk_native_dialog_destroy (chooser);
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

static GtkFileFilter *
create_supported_filter (TsWindow *self)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  GPtrArray *sources = ts_plugin_manager_get_sources (self->plugins);

  gtk_file_filter_set_name (filter, _("Supported Files"));
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const char * const *patterns = ts_source_get_patterns (sources->pdata[i]);

      for (guint j = 0; patterns != NULL && patterns[j] != NULL; j++)
        {
          /* suffixes match in any case: EXPORT.CSV too */
          if (g_str_has_prefix (patterns[j], "*.") && strpbrk (patterns[j] + 2, "*?[") == NULL)
            gtk_file_filter_add_suffix (filter, patterns[j] + 2);
          else
            gtk_file_filter_add_pattern (filter, patterns[j]);
        }
    }
  return filter;
}

static void
open_chooser (TsWindow *self,
              gboolean  folders)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return;
    }

  chooser = gtk_file_chooser_native_new (folders ? _("Add Folders") : _("Add Files"),
                                         GTK_WINDOW (self),
                                         folders ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                 : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Add"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (!folders)
    {
      g_autoptr(GtkFileFilter) supported = create_supported_filter (self);
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), supported);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
add_sources_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_chooser (TS_WINDOW (widget), FALSE);
}

static void
add_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_chooser (TS_WINDOW (widget), TRUE);
}

/* a valid edit is in the workspace's playbook: score and decide again, and
 * the pages that follow the scores count again */
static void
on_playbook_changed_cb (TsWindow         *self,
                        TsPlaybookDialog *dialog)
{
  ts_scoring_page_set_data (self->scoring_page, self->dataset, self->workspace);
}

/* window.edit-rules (routes and guardrails), window.edit-journeys,
 * window.edit-drivers and window.edit-touchpoints */
static void
edit_playbook_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TsWindow *self = TS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = g_str_equal (action_name, "window.edit-drivers") ? ts_drivers_dialog_new (self->workspace, &error)
                      : g_str_equal (action_name, "window.edit-touchpoints") ? ts_touchpoints_dialog_new (self->workspace, &error)
                      : g_str_equal (action_name, "window.edit-journeys") ? ts_journeys_dialog_new (self->workspace, &error)
                      : ts_rules_dialog_new (self->workspace, &error);

  if (dialog == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (on_playbook_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ts_window_show_page (TS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* a real customer's moment on the Workshop page */
static void
play_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TsWindow *self = TS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!ts_scenario_page_start_from_customer (self->scenario_page, g_variant_get_string (parameter, NULL), &error))
    {
      add_toast_text (self, error->message);
      return;
    }
  ts_window_show_page (self, "workshop");
}

/* the Workshop page, full screen in large type; again: back */
static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TsWindow *self = TS_WINDOW (widget);
  gboolean presenting = FALSE;

  g_object_get (self->scenario_page, "presenting", &presenting, NULL);
  if (!presenting)
    ts_window_show_page (self, "workshop");
  g_object_set (self->scenario_page, "presenting", !presenting, NULL);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ts_window_reimport (TS_WINDOW (widget));
}

/**
 * ts_window_reimport:
 *
 * Imports the sources again, with the workspace's mappings as they are now
 * (also those of an import still running, which it replaces).
 */
void
ts_window_reimport (TsWindow *self)
{
  const char * const *paths;

  g_return_if_fail (TS_IS_WINDOW (self));

  paths = (const char * const *) (self->import_paths != NULL ? self->import_paths : self->paths);
  if (paths != NULL && paths[0] != NULL)
    start_import (self, g_strdupv ((char **) paths));
}

/**
 * ts_window_find_source:
 * @path: a file or folder the dataset was imported from
 * @index: (out) (optional): its index among the workspace's sources
 *
 * Returns: whether @path is one of the workspace's sources (a file found in
 * a folder that was added is not: the folder is)
 */
gboolean
ts_window_find_source (TsWindow   *self,
                       const char *path,
                       guint      *index)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < ts_workspace_get_n_sources (self->workspace); i++)
    if (same_path (ts_workspace_get_source (self->workspace, i), path))
      {
        if (index != NULL)
          *index = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * ts_window_edit_mapping:
 * @source: an index among the workspace's sources
 *
 * Opens the mapping editor of @source: its plugin, table and columns.
 */
void
ts_window_edit_mapping (TsWindow *self,
                        guint     source)
{
  g_return_if_fail (TS_IS_WINDOW (self));
  g_return_if_fail (source < ts_workspace_get_n_sources (self->workspace));

  gtk_window_present (GTK_WINDOW (ts_mapping_dialog_new (self, source)));
}

static void
edit_mapping_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TsWindow *self = TS_WINDOW (widget);
  guint index;

  if (ts_window_find_source (self, g_variant_get_string (parameter, NULL), &index))
    ts_window_edit_mapping (self, index);
}

static void
on_clear_toast_dismissed_cb (TsWindow *self,
                             AdwToast *toast)
{
  g_clear_pointer (&self->cleared_paths, g_strfreev);
  g_clear_object (&self->cleared_dataset);
  update_actions (self);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsWindow *self = TS_WINDOW (widget);
  AdwToast *toast;

  cancel_import (self);
  if (self->paths == NULL || self->paths[0] == NULL)
    return;

  g_strfreev (self->cleared_paths);
  self->cleared_paths = g_steal_pointer (&self->paths);
  g_set_object (&self->cleared_dataset, self->dataset);
  set_dataset (self, NULL, NULL);

  toast = adw_toast_new (_("Sources removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "window.undo-clear");
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_clear_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_clear_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TsWindow *self = TS_WINDOW (widget);
  g_autoptr(TsDataset) dataset = NULL;

  if (self->cleared_paths == NULL)
    return;
  cancel_import (self);
  dataset = g_steal_pointer (&self->cleared_dataset);
  set_dataset (self, dataset, g_steal_pointer (&self->cleared_paths));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  cancel_import (TS_WINDOW (widget));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  adw_leaflet_navigate (TS_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* the Maturity page's month, as one document */
static void
export_review_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TsWindow *self = TS_WINDOW (widget);

  ts_window_show_page (self, "maturity");
  ts_maturity_page_export_with_chooser (self->maturity_page);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsWindow *self = TS_WINDOW (widget);

  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->data_page));
  gtk_widget_activate_action (GTK_WIDGET (self->data_page), "data.search", NULL);
}

static gboolean
on_drop_cb (TsWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GdkFileList *list = g_value_get_boxed (value);
  GSList *files = gdk_file_list_get_files (list);
  g_autoptr(GPtrArray) array = g_ptr_array_new ();

  for (const GSList *l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, l->data);
  g_slist_free (files);

  if (array->len == 0)
    return FALSE;
  ts_window_add_files (self, (GFile **) array->pdata, array->len);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Rendering to PNG (--render-png)                                     */

/* Transitions (the welcome page fading out, the progress bar sliding
 * away) last at most half a second. */
#define RENDER_SETTLE_USEC (700 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  GFile  *file;
  gint64  start;
  guint   frames;
} Render;

static void
render_free (Render *render)
{
  g_clear_object (&render->file);
  g_free (render);
}

static gboolean
render_widget_to_png (GtkWidget   *widget,
                      const char  *path,
                      GError     **error)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;

  if (width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window has no size yet"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window drew nothing"));
      return FALSE;
    }
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
render_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  TsWindow *self = g_task_get_source_object (task);
  Render *render = g_task_get_task_data (task);
  g_autofree char *path = g_file_get_path (render->file);
  GError *error = NULL;

  if (render_widget_to_png (GTK_WIDGET (self), path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  return G_SOURCE_REMOVE;
}

/* A few frames after the import, once transitions are over, so that the
 * picture shows every page laid out and still. */
static gboolean
on_render_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  GTask *task = user_data;
  Render *render = g_task_get_task_data (task);

  if (render->start == 0)
    render->start = gdk_frame_clock_get_frame_time (clock);
  if (++render->frames < 3 ||
      gdk_frame_clock_get_frame_time (clock) - render->start < RENDER_SETTLE_USEC ||
      ts_data_page_get_busy (TS_WINDOW (widget)->data_page) ||
      ts_scoring_page_get_busy (TS_WINDOW (widget)->scoring_page) ||
      ts_routing_page_get_busy (TS_WINDOW (widget)->routing_page) ||
      ts_outcomes_page_get_busy (TS_WINDOW (widget)->outcomes_page) ||
      ts_drivers_page_get_busy (TS_WINDOW (widget)->drivers_page) ||
      ts_touchpoints_page_get_busy (TS_WINDOW (widget)->touchpoints_page) ||
      ts_journeys_page_get_busy (TS_WINDOW (widget)->journeys_page) ||
      ts_maturity_page_get_busy (TS_WINDOW (widget)->maturity_page))
    return G_SOURCE_CONTINUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, render_idle_cb, g_object_ref (task), g_object_unref);
  return G_SOURCE_REMOVE;
}

static void
render_when_idle (TsWindow *self,
                  GTask    *task)
{
  gtk_widget_add_tick_callback (GTK_WIDGET (self), on_render_tick_cb,
                                g_object_ref (task), g_object_unref);
}

static void
on_render_busy_cb (TsWindow   *self,
                   GParamSpec *pspec,
                   GTask      *task)
{
  if (ts_window_get_busy (self))
    return;
  render_when_idle (self, task);
  g_signal_handlers_disconnect_by_func (self, on_render_busy_cb, task);
}

/**
 * ts_window_render_png_async:
 * @file: a local PNG file to write
 *
 * Once no import is running, and the window has drawn a few frames and
 * its transitions are over, renders the window into @file.
 */
void
ts_window_render_png_async (TsWindow            *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Render *render;

  g_return_if_fail (TS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  render = g_new0 (Render, 1);
  render->file = g_object_ref (file);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ts_window_render_png_async);
  g_task_set_task_data (task, render, (GDestroyNotify) render_free);

  if (ts_window_get_busy (self))
    g_signal_connect_data (self, "notify::busy", G_CALLBACK (on_render_busy_cb),
                           g_object_ref (task), (GClosureNotify) g_object_unref, 0);
  else
    render_when_idle (self, task);
}

gboolean
ts_window_render_png_finish (TsWindow      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */

static gboolean
ts_window_close_request (GtkWindow *window)
{
  TsWindow *self = TS_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);

  if (ask_about_unsaved_changes (self))
    return TRUE;

  /* saved, or the changes given up */
  discard_recovery (self);
  cancel_import (self);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (ts_window_parent_class)->close_request (window);
}

static void
ts_window_dispose (GObject *object)
{
  TsWindow *self = (TsWindow *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->fraction_binding, g_binding_unbind);
  g_clear_pointer (&self->message_binding, g_binding_unbind);
  g_clear_object (&self->job);
  g_clear_object (&self->cancellable);
  if (self->switcher_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->switcher_tick_id);
      self->switcher_tick_id = 0;
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->workspace_chooser != NULL)
    gtk_native_dialog_destroy (self->workspace_chooser);
  g_clear_object (&self->workspace_chooser);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  g_clear_handle_id (&self->recovery_id, g_source_remove);
  g_clear_object (&self->recovery_file);
  g_clear_pointer (&self->recoveries, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), TS_TYPE_WINDOW);

  g_clear_object (&self->pages);
  g_clear_object (&self->dataset);
  g_clear_object (&self->cleared_dataset);
  g_clear_object (&self->settings);
  g_clear_object (&self->plugins);

  G_OBJECT_CLASS (ts_window_parent_class)->dispose (object);
}

static void
ts_window_finalize (GObject *object)
{
  TsWindow *self = (TsWindow *) object;

  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->import_paths, g_strfreev);
  g_clear_pointer (&self->cleared_paths, g_strfreev);

  G_OBJECT_CLASS (ts_window_parent_class)->finalize (object);
}

static void
ts_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TsWindow *self = TS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, ts_window_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_window_class_init (TsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ts_window_dispose;
  object_class->finalize = ts_window_finalize;
  object_class->get_property = ts_window_get_property;
  window_class->close_request = ts_window_close_request;

  /**
   * TsWindow:dataset:
   *
   * The dataset of the sources added so far; %NULL before the first import.
   */
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, TS_TYPE_DATASET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * TsWindow:busy:
   *
   * Whether an import is running.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TS_TYPE_DATA_PAGE);
  g_type_ensure (TS_TYPE_SCORING_PAGE);
  g_type_ensure (TS_TYPE_ROUTING_PAGE);
  g_type_ensure (TS_TYPE_SCENARIO_PAGE);
  g_type_ensure (TS_TYPE_OUTCOMES_PAGE);
  g_type_ensure (TS_TYPE_DRIVERS_PAGE);
  g_type_ensure (TS_TYPE_TOUCHPOINTS_PAGE);
  g_type_ensure (TS_TYPE_JOURNEYS_PAGE);
  g_type_ensure (TS_TYPE_MATURITY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/touchstone/Touchstone/ui/ts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, data_page);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, scoring_page);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, routing_page);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, scenario_page);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, outcomes_page);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, drivers_page);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, touchpoints_page);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, maturity_page);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, journeys_page);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, sidebar_separator);
  gtk_widget_class_bind_template_callback (widget_class, on_scoring_page_notify_scores_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_scenario_page_notify_presenting_cb);
  gtk_widget_class_bind_template_child (widget_class, TsWindow, workspace_title);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_switcher_title_notify_title_visible_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_data_page_notify_loaded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_visible_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_add_toast_cb);

  /* accelerators: ts-application.c */
  gtk_widget_class_install_action (widget_class, "window.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "window.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "window.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "window.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "window.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "window.add-sources", NULL, add_sources_action);
  gtk_widget_class_install_action (widget_class, "window.add-folder", NULL, add_folder_action);
  gtk_widget_class_install_action (widget_class, "window.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "window.edit-rules", NULL, edit_playbook_action);
  gtk_widget_class_install_action (widget_class, "window.edit-drivers", NULL, edit_playbook_action);
  gtk_widget_class_install_action (widget_class, "window.edit-touchpoints", NULL, edit_playbook_action);
  gtk_widget_class_install_action (widget_class, "window.edit-journeys", NULL, edit_playbook_action);
  gtk_widget_class_install_action (widget_class, "window.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "window.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "window.play-customer", "s", play_customer_action);
  gtk_widget_class_install_action (widget_class, "window.edit-mapping", "s",
                                   edit_mapping_action);
  gtk_widget_class_install_action (widget_class, "window.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "window.undo-clear", NULL, undo_clear_action);
  gtk_widget_class_install_action (widget_class, "window.cancel-import", NULL,
                                   cancel_import_action);
  gtk_widget_class_install_action (widget_class, "window.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "window.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "window.export-review", NULL, export_review_action);
}

static void
ts_window_init (TsWindow *self)
{
  GtkDropTarget *target;
  int width, height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->plugins = g_object_ref (ts_plugin_manager_get_default ());

  self->settings = g_settings_new (TS_SETTINGS_SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::recent-workspaces",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);
  {
    g_autoptr(TsWorkspace) workspace = ts_workspace_new ();
    set_workspace (self, workspace);
  }
  width = MAX (360, g_settings_get_int (self->settings, "window-width"));
  height = MAX (400, g_settings_get_int (self->settings, "window-height"));
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->pages = G_LIST_MODEL (gtk_stack_get_pages (self->stack));
  gtk_list_box_bind_model (self->sidebar_list, self->pages, create_sidebar_row, NULL, NULL);
  gtk_list_box_select_row (self->sidebar_list,
                           gtk_list_box_get_row_at_index (self->sidebar_list, 0));
  update_switcher (self);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  update_actions (self);
  update_subtitle (self);

  {
    GPtrArray *problems = ts_plugin_manager_get_problems (self->plugins);

    if (problems != NULL && problems->len > 0)
      {
        g_autofree char *text = ts_problem_to_string (problems->pdata[0]);
        AdwToast *toast = adw_toast_new (text);

        adw_toast_set_timeout (toast, 0);
        adw_toast_overlay_add_toast (self->toast_overlay, toast);
      }
  }
}

TsWindow *
ts_window_new (AdwApplication *application)
{
  return g_object_new (TS_TYPE_WINDOW, "application", application, NULL);
}

/**
 * ts_window_get_paths:
 *
 * Returns: (transfer none) (array zero-terminated=1) (nullable): the files and
 * folders the dataset shown was imported from
 */
const char * const *
ts_window_get_paths (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return (const char * const *) self->paths;
}

/**
 * ts_window_get_dataset:
 *
 * Returns: (transfer none) (nullable): the dataset shown
 */
TsDataset *
ts_window_get_dataset (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return self->dataset;
}

gboolean
ts_window_get_busy (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * ts_window_get_data_page:
 *
 * Returns: (transfer none): the Data page
 */
TsDataPage *
ts_window_get_data_page (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return self->data_page;
}

/**
 * ts_window_show_page:
 * @name: "data", "scoring", "routing", "journeys", "outcomes", "drivers",
 *   "touchpoints", "workshop" or "maturity"
 */
void
ts_window_show_page (TsWindow   *self,
                     const char *name)
{
  g_return_if_fail (TS_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->stack, name);
}

/**
 * ts_window_get_visible_page:
 *
 * Returns: (transfer none): the page shown
 */
GtkWidget *
ts_window_get_visible_page (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child (self->stack);
}

/**
 * ts_window_get_routing_page:
 *
 * Returns: (transfer none): the Guardrails & Routing page
 */
TsRoutingPage *
ts_window_get_routing_page (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return self->routing_page;
}

/**
 * ts_window_get_scoring_page:
 *
 * Returns: (transfer none): the Scoring page
 */
TsScoringPage *
ts_window_get_scoring_page (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return self->scoring_page;
}

TsImportJob *
_ts_window_get_import_job (TsWindow *self)
{
  return self->job;
}

AdwLeaflet *
_ts_window_get_leaflet (TsWindow *self)
{
  return self->leaflet;
}

AdwViewSwitcherBar *
_ts_window_get_switcher_bar (TsWindow *self)
{
  return self->switcher_bar;
}

/**
 * ts_window_get_scenario_page:
 *
 * Returns: (transfer none): the Workshop page
 */
TsScenarioPage *
ts_window_get_scenario_page (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return self->scenario_page;
}

/**
 * ts_window_get_outcomes_page:
 *
 * Returns: (transfer none): the Outcomes page
 */
TsOutcomesPage *
ts_window_get_outcomes_page (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return self->outcomes_page;
}

/**
 * ts_window_get_drivers_page:
 *
 * Returns: (transfer none): the CX Drivers page
 */
TsDriversPage *
ts_window_get_drivers_page (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return self->drivers_page;
}

/**
 * ts_window_get_touchpoints_page:
 *
 * Returns: (transfer none): the Touchpoints page
 */
TsTouchpointsPage *
ts_window_get_touchpoints_page (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return self->touchpoints_page;
}

/**
 * ts_window_get_maturity_page:
 *
 * Returns: (transfer none): the Maturity page
 */
TsMaturityPage *
ts_window_get_maturity_page (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return self->maturity_page;
}

/**
 * ts_window_get_journeys_page:
 *
 * Returns: (transfer none): the Journeys page
 */
TsJourneysPage *
ts_window_get_journeys_page (TsWindow *self)
{
  g_return_val_if_fail (TS_IS_WINDOW (self), NULL);
  return self->journeys_page;
}

/* ts-rows.c — rows the pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ts-rows.h"

/**
 * ts_info_row_new:
 * @subtitle: (nullable)
 * @value: (nullable): a short value shown at the end: a count, an encoding
 *
 * An action row whose texts are shown as they are — file names,
 * conditions and reasons hold "<" and "&" — with its value never cut.
 */
GtkWidget *
ts_info_row_new (const char *title,
                 const char *subtitle,
                 const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

/**
 * ts_info_row_update:
 * @subtitle: (nullable)
 *
 * Gives the row new texts, touching only those that changed: a page that
 * refreshes its rows in place lays out again only what is new.
 */
void
ts_info_row_update (GtkWidget  *row,
                    const char *title,
                    const char *subtitle)
{
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle ? subtitle : "") != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
}

/**
 * ts_label_update:
 *
 * Sets @label's text when it differs.
 */
void
ts_label_update (GtkWidget  *label,
                 const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

/**
 * ts_page_scroller_new:
 * @child: the page's content
 * @max_width: how wide the content grows at most
 * @hpolicy: %GTK_POLICY_NEVER, or %GTK_POLICY_AUTOMATIC for content that
 *   may scroll sideways in a narrow window rather than refuse to shrink
 *
 * A page's scrolled, centred and clamped content, with the pages' margins.
 */
GtkWidget *
ts_page_scroller_new (GtkWidget     *child,
                      int            max_width,
                      GtkPolicyType  hpolicy)
{
  GtkWidget *sw = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_widget_set_margin_top (child, 18);
  gtk_widget_set_margin_bottom (child, 18);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), max_width);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), hpolicy, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_hexpand (sw, TRUE);
  gtk_widget_set_vexpand (sw, TRUE);
  return sw;
}

static gboolean
on_list_tab_cb (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (keys));
  GtkDirectionType direction;
  gboolean moved;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  if (keyval == GDK_KEY_ISO_Left_Tab || ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab) &&
                                         (state & GDK_SHIFT_MASK)))
    direction = GTK_DIR_TAB_BACKWARD;
  else if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = GTK_DIR_TAB_FORWARD;
  else
    return FALSE;

  /* the list and its rows out of the chain for one move: focus goes on to
   * the widget after (or before) the list */
  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (list)), direction);
  gtk_widget_set_can_focus (list, TRUE);
  return moved;
}

/**
 * ts_list_tab_past:
 * @list: a #GtkListView or #GtkColumnView
 *
 * Tab and Shift+Tab leave @list for the widget after or before it, as they
 * do with every other widget; within it the arrows move from row to row.
 * (GTK 4.8's lists take Tab a row at a time: a page's buttons below 600
 * customers would be 600 presses away.)
 */
void
ts_list_tab_past (GtkWidget *list)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_tab_cb), NULL);
  gtk_widget_add_controller (list, keys);
}

/**
 * ts_box_remove_all:
 *
 * Empties @box.
 */
void
ts_box_remove_all (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

typedef struct
{
  GtkWidget     *widget;
  TsSaveFunc     save;
  char          *saved;
} SaveJob;

static void
on_save_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     SaveJob         *job)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWidget *overlay = gtk_widget_get_ancestor (job->widget, ADW_TYPE_TOAST_OVERLAY);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      if (job->save (job->widget, file, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          GString *text = g_string_new (job->saved);

          g_string_replace (text, "%s", name, 1);
          message = g_string_free (text, FALSE);
        }
      else
        message = g_strdup (error->message);
      if (overlay)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (job->widget);
  g_free (job->saved);
  g_free (job);
  g_object_unref (chooser);
}

/**
 * ts_save_with_chooser:
 * @widget: whose @save writes the file
 * @title: the chooser's
 * @name: the file name offered
 * @saved: the toast once saved, where "%s" stands for the file's name
 *
 * Asks for a file, has @save write it, and says how it went in a toast of
 * the window's.
 */
void
ts_save_with_chooser (GtkWidget  *widget,
                      const char *title,
                      const char *name,
                      TsSaveFunc  save,
                      const char *saved)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  SaveJob *job = g_new0 (SaveJob, 1);

  job->widget = g_object_ref (widget);
  job->save = save;
  job->saved = g_strdup (saved);
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GTask lets go of its worker thread's reference after it has queued the
 * callback, so the task's last reference, and with it its source object's,
 * can go on the worker thread once the callback has run.  A page is a
 * widget, to be finalized on the main thread only (a window closed while
 * its pages count would otherwise finalize them on a worker, now and then):
 * so the task has no source object, and the page is held here, for the
 * callback, and let go after it, on the main thread. */
typedef struct
{
  GObject             *page;
  GAsyncReadyCallback  done;
} WorkDone;

/* tasks made by ts_page_task_new() whose callback has not run yet */
static guint n_pending;

static void
on_work_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WorkDone *work_done = user_data;

  g_assert (source == NULL);
  work_done->done (work_done->page, result, NULL);
  g_object_unref (work_done->page);
  g_free (work_done);
  n_pending--;
}

/**
 * ts_page_task_get_n_pending:
 *
 * Returns: how many tasks of ts_page_task_new() have not ended yet: their
 *   callback, on the main thread, has not run (tests wait for none, so that
 *   no work of a closed window runs on into the next)
 */
guint
ts_page_task_get_n_pending (void)
{
  return n_pending;
}

/**
 * ts_page_task_new:
 * @page: what @done is called on (its first argument), held until then
 * @done: called on the main thread when the task ends
 *
 * A task for a page's work on a worker thread, as g_task_new (@page, …)
 * but without @page as its source object: the page is let go on the main
 * thread, after @done, whichever thread ends the task.
 *
 * Returns: (transfer full): the task
 */
GTask *
ts_page_task_new (gpointer             page,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  done)
{
  WorkDone *work_done = g_new0 (WorkDone, 1);

  work_done->page = g_object_ref (page);
  work_done->done = done;
  n_pending++;
  return g_task_new (NULL, cancellable, on_work_done_cb, work_done);
}

/**
 * ts_page_work_start:
 * @work: the page's
 * @page: what @done is called on (its first argument), held until then;
 *   @thread is given no source object
 * @task_data: (transfer full): what @thread works on and returns in
 * @done: called on the main thread when the work ends
 *
 * Runs @thread on a worker thread for @page (ts_page_task_new()); the work
 * it replaces is cancelled, and its result is ignored (ts_page_work_finish()).
 */
void
ts_page_work_start (TsPageWork          *work,
                    gpointer             page,
                    gpointer             task_data,
                    GDestroyNotify       task_data_free,
                    GAsyncReadyCallback  done,
                    GTaskThreadFunc      thread)
{
  g_autoptr(GTask) task = NULL;

  ts_page_work_cancel (work);
  work->cancellable = g_cancellable_new ();
  task = ts_page_task_new (page, work->cancellable, done);
  g_task_set_task_data (task, task_data, task_data_free);
  g_object_set_data (G_OBJECT (task), "ts-generation", GUINT_TO_POINTER (work->generation));
  work->busy = TRUE;
  g_task_run_in_thread (task, thread);
}

/**
 * ts_page_work_finish:
 *
 * Returns: %TRUE when @result is of the latest work and it succeeded;
 *   %FALSE with @error set when it failed, and without when it was
 *   replaced
 */
gboolean
ts_page_work_finish (TsPageWork    *work,
                     GAsyncResult  *result,
                     GError       **error)
{
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "ts-generation")) != work->generation)
    return FALSE;
  work->busy = FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  TsDataset          *dataset;
  TsPlaybook         *playbook;
  gpointer            options;
  TsPlaybookWorkFunc  compute;
  GDestroyNotify      result_free;
} PlaybookJob;

static void
playbook_job_free (PlaybookJob *job)
{
  g_object_unref (job->dataset);
  ts_playbook_unref (job->playbook);
  g_free (job->options);
  g_free (job);
}

static void
playbook_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  PlaybookJob *job = task_data;
  GError *error = NULL;
  gpointer result = job->compute (job->dataset, job->playbook, job->options, cancellable, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

/**
 * ts_page_work_start_playbook:
 * @scores: whose data and playbook @compute works on
 * @options: (nullable): passed to @compute (a copy of @options_size bytes):
 *   a period, a span…
 * @result_free: frees what @compute returns, when it is not taken
 *
 * Runs @compute on a worker thread for @page, like ts_page_work_start();
 * @done takes the result with ts_page_work_finish_playbook().
 */
void
ts_page_work_start_playbook (TsPageWork          *work,
                             gpointer             page,
                             TsScores            *scores,
                             gconstpointer        options,
                             gsize                options_size,
                             TsPlaybookWorkFunc   compute,
                             GDestroyNotify       result_free,
                             GAsyncReadyCallback  done)
{
  PlaybookJob *job = g_new0 (PlaybookJob, 1);

  job->dataset = g_object_ref (ts_scores_get_dataset (scores));
  job->playbook = ts_playbook_ref (ts_scores_get_playbook (scores));
  job->options = options ? g_memdup2 (options, options_size) : NULL;
  job->compute = compute;
  job->result_free = result_free;
  ts_page_work_start (work, page, job, (GDestroyNotify) playbook_job_free, done, playbook_thread);
}

/**
 * ts_page_work_finish_playbook:
 *
 * Returns: (transfer full) (nullable): what the latest work computed;
 *   %NULL with @error set when it failed, and without when it was replaced
 */
gpointer
ts_page_work_finish_playbook (TsPageWork    *work,
                              GAsyncResult  *result,
                              GError       **error)
{
  if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "ts-generation")) != work->generation)
    return NULL;
  work->busy = FALSE;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ts_page_work_take_playbook:
 * @status: the page's status label: the error, or nothing
 * @stack: the page's stack, which shows its "content" when the work succeeded
 *
 * ts_page_work_finish_playbook(), saying how it went on the page.
 *
 * Returns: (transfer full) (nullable): what the latest work computed
 */
gpointer
ts_page_work_take_playbook (TsPageWork   *work,
                            GAsyncResult *result,
                            GtkLabel     *status,
                            GtkStack     *stack)
{
  g_autoptr(GError) error = NULL;
  gpointer computed = ts_page_work_finish_playbook (work, result, &error);

  if (computed == NULL)
    {
      if (error)
        gtk_label_set_text (status, error->message);
      return NULL;
    }
  gtk_label_set_text (status, "");
  gtk_stack_set_visible_child_name (stack, "content");
  return computed;
}

/**
 * ts_page_work_cancel:
 *
 * Cancels the work under way, whose result is then ignored.
 */
void
ts_page_work_cancel (TsPageWork *work)
{
  work->generation++;
  work->busy = FALSE;
  g_cancellable_cancel (work->cancellable);
  g_clear_object (&work->cancellable);
}

/* ------------------------------------------------------------------ */
/* Pages shown in turn                                                 */

static GQuark
pending_show_quark (void)
{
  return g_quark_from_static_string ("ts-page-pending-show");
}

static GQuark
map_handler_quark (void)
{
  return g_quark_from_static_string ("ts-page-map-handler");
}

static void
forget_pending_show (GArray         *pending,
                     TsPageShowFunc  show)
{
  for (guint i = 0; i < pending->len; i++)
    if (g_array_index (pending, TsPageShowFunc, i) == show)
      {
        g_array_remove_index (pending, i);
        return;
      }
}

/* the page comes on screen: it shows its results as they are now */
static void
on_page_map_cb (GtkWidget *page,
                gpointer   user_data)
{
  g_autoptr(GArray) pending = g_object_steal_qdata (G_OBJECT (page), pending_show_quark ());

  for (guint i = 0; pending != NULL && i < pending->len; i++)
    g_array_index (pending, TsPageShowFunc, i) (page);
}

/**
 * ts_page_show_when_mapped:
 * @page: a page of the window's stack
 * @show: builds what @page shows of its results
 *
 * Calls @show now when @page is on screen, or when its window is not (a
 * window being built, or one that is never shown); otherwise the page is
 * stale until it is mapped, and @show runs then, before its first frame.
 * A window that takes a new dataset thus styles and lays out the widgets of
 * the page it shows, not those of every page.
 */
void
ts_page_show_when_mapped (GtkWidget      *page,
                          TsPageShowFunc  show)
{
  GtkRoot *root;
  GArray *pending;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (show != NULL);

  root = gtk_widget_get_root (page);
  pending = g_object_get_qdata (G_OBJECT (page), pending_show_quark ());
  if (gtk_widget_get_mapped (page) || root == NULL || !gtk_widget_get_mapped (GTK_WIDGET (root)))
    {
      if (pending != NULL)
        forget_pending_show (pending, show);
      show (page);
      return;
    }

  if (pending == NULL)
    {
      pending = g_array_new (FALSE, FALSE, sizeof (TsPageShowFunc));
      g_object_set_qdata_full (G_OBJECT (page), pending_show_quark (), pending, (GDestroyNotify) g_array_unref);
    }
  forget_pending_show (pending, show);
  g_array_append_val (pending, show);
  if (g_object_get_qdata (G_OBJECT (page), map_handler_quark ()) == NULL)
    {
      g_signal_connect (page, "map", G_CALLBACK (on_page_map_cb), NULL);
      g_object_set_qdata (G_OBJECT (page), map_handler_quark (), GINT_TO_POINTER (TRUE));
    }
}

/**
 * ts_page_get_stale:
 *
 * Returns: whether @page has results it will show once it is mapped
 */
gboolean
ts_page_get_stale (GtkWidget *page)
{
  GArray *pending;

  g_return_val_if_fail (GTK_IS_WIDGET (page), FALSE);

  pending = g_object_get_qdata (G_OBJECT (page), pending_show_quark ());
  return pending != NULL && pending->len > 0;
}

/* the widgets still to be shown, and the tick that shows them */
typedef struct
{
  GPtrArray *widgets;
  guint      tick_id;
} Reveal;

static GQuark
reveal_quark (void)
{
  return g_quark_from_static_string ("ts-reveal");
}

static void
reveal_free (Reveal *reveal)
{
  for (guint i = 0; i < reveal->widgets->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (reveal->widgets, i), TRUE);
  g_ptr_array_unref (reveal->widgets);
  g_free (reveal);
}

static gboolean
on_reveal_tick_cb (GtkWidget     *parent,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  Reveal *reveal = g_object_get_qdata (G_OBJECT (parent), reveal_quark ());

  if (reveal == NULL)
    return G_SOURCE_REMOVE;
  if (reveal->widgets->len > 0)
    {
      gtk_widget_set_visible (g_ptr_array_index (reveal->widgets, 0), TRUE);
      g_ptr_array_remove_index (reveal->widgets, 0);
    }
  if (reveal->widgets->len > 0)
    return G_SOURCE_CONTINUE;
  reveal->tick_id = 0;
  g_object_set_qdata (G_OBJECT (parent), reveal_quark (), NULL);
  return G_SOURCE_REMOVE;
}

/**
 * ts_reveal_in_turn:
 * @parent: an ancestor of @widgets, whose frames show them
 * @widgets: (array length=n): the parts of a page just filled, in the order
 *   they are shown
 *
 * Hides those of @widgets that are visible and shows them again one a
 * frame, so that the window styles and lays out a page filled at once over
 * several frames.  A reveal of @parent still under way takes @widgets on
 * after its own.  Nothing is hidden while @parent is not on screen.
 */
void
ts_reveal_in_turn (GtkWidget  *parent,
                   GtkWidget **widgets,
                   guint       n)
{
  Reveal *reveal;

  g_return_if_fail (GTK_IS_WIDGET (parent));

  if (!gtk_widget_get_mapped (parent))
    return;
  reveal = g_object_get_qdata (G_OBJECT (parent), reveal_quark ());
  if (reveal == NULL)
    {
      reveal = g_new0 (Reveal, 1);
      reveal->widgets = g_ptr_array_new_with_free_func (g_object_unref);
      g_object_set_qdata_full (G_OBJECT (parent), reveal_quark (), reveal, (GDestroyNotify) reveal_free);
    }
  for (guint i = 0; i < n; i++)
    if (gtk_widget_get_visible (widgets[i]))
      {
        gtk_widget_set_visible (widgets[i], FALSE);
        g_ptr_array_add (reveal->widgets, g_object_ref (widgets[i]));
      }
  if (reveal->tick_id == 0)
    reveal->tick_id = gtk_widget_add_tick_callback (parent, on_reveal_tick_cb, NULL, NULL);
}

/**
 * ts_page_stack_new:
 * @page: the page, which the stack fills
 * @child: (nullable): a button under the description, say
 *
 * A page's stack with its "empty" child: a status page saying what the
 * page will show, shown until the page adds and shows its "content".
 *
 * Returns: (transfer none): the stack
 */
GtkStack *
ts_page_stack_new (GtkWidget  *page,
                   const char *icon_name,
                   const char *title,
                   const char *description,
                   GtkWidget  *child)
{
  GtkStack *stack = GTK_STACK (gtk_stack_new ());
  GtkWidget *empty = adw_status_page_new ();

  gtk_widget_set_parent (GTK_WIDGET (stack), page);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), description);
  if (child)
    adw_status_page_set_child (ADW_STATUS_PAGE (empty), child);
  gtk_stack_add_named (stack, empty, "empty");
  return stack;
}

/**
 * ts_sheet_new:
 * @parent: the page it opens from: its window is the sheet's parent
 * @group_out: (out) (transfer none): the group to fill with rows
 *
 * A modal window over @parent's for what a number stands for: the
 * customers behind it, one customer's timeline.  More can be appended to
 * the box under the group, g_object_get_data (window, "ts-content").
 *
 * Returns: (transfer none): the window, not yet presented
 */
GtkWidget *
ts_sheet_new (GtkWidget  *parent,
              const char *title,
              GtkWidget **group_out)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkRoot *root = gtk_widget_get_root (parent);

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_box_append (GTK_BOX (content), group);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), ts_page_scroller_new (content, 600, GTK_POLICY_NEVER));
  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "ts-content", content);
  *group_out = group;
  return window;
}

#define SHEET_CUSTOMERS_LISTED 200

/**
 * ts_sheet_add_customers:
 * @group: a sheet's group (ts_sheet_new())
 * @customers: (array length=n): rows of the customers table
 * @activated: (nullable): connected to a row's "activated"; the row holds
 *   its customer as "ts-customer"
 *
 * Lists the first customers by id, and how many more there are.
 */
void
ts_sheet_add_customers (GtkWidget   *group,
                        TsDataset   *dataset,
                        const guint *customers,
                        guint        n,
                        GCallback    activated,
                        gpointer     user_data)
{
  for (guint i = 0; i < MIN (n, (guint) SHEET_CUSTOMERS_LISTED); i++)
    {
      GtkWidget *row = ts_info_row_new (ts_dataset_get_customer_id (dataset, customers[i]), NULL, NULL);

      if (activated)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data (G_OBJECT (row), "ts-customer", GUINT_TO_POINTER (customers[i]));
          g_signal_connect (row, "activated", activated, user_data);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  if (n > SHEET_CUSTOMERS_LISTED)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"), n - SHEET_CUSTOMERS_LISTED);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ts_info_row_new (more, NULL, NULL));
    }
}

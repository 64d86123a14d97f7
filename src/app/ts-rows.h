/* ts-rows.h — rows the pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <touchstone.h>

G_BEGIN_DECLS

GtkWidget *ts_info_row_new (const char *title,
                            const char *subtitle,
                            const char *value);
void       ts_info_row_update (GtkWidget  *row,
                               const char *title,
                               const char *subtitle);
void       ts_label_update    (GtkWidget  *label,
                               const char *text);
GtkWidget *ts_page_scroller_new (GtkWidget     *child,
                                 int            max_width,
                                 GtkPolicyType  hpolicy);
void       ts_box_remove_all  (GtkBox     *box);
void       ts_list_tab_past   (GtkWidget  *list);
GtkStack  *ts_page_stack_new  (GtkWidget  *page,
                               const char *icon_name,
                               const char *title,
                               const char *description,
                               GtkWidget  *child);

GtkWidget *ts_sheet_new       (GtkWidget  *parent,
                               const char *title,
                               GtkWidget **group_out);
void       ts_sheet_add_customers (GtkWidget   *group,
                                   TsDataset   *dataset,
                                   const guint *customers,
                                   guint        n,
                                   GCallback    activated,
                                   gpointer     user_data);

/* writes @file for @widget: the tables of a page, say */
typedef gboolean (*TsSaveFunc) (GtkWidget *widget,
                                GFile     *file,
                                GError   **error);

void       ts_save_with_chooser (GtkWidget  *widget,
                                 const char *title,
                                 const char *name,
                                 TsSaveFunc  save,
                                 const char *saved);

/* A page's work on a worker thread: only the latest counts. */
typedef struct
{
  guint         generation;
  GCancellable *cancellable;
  gboolean      busy;
} TsPageWork;

GTask     *ts_page_task_new    (gpointer             page,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  done);
guint      ts_page_task_get_n_pending (void);
void       ts_page_work_start  (TsPageWork          *work,
                                gpointer             page,
                                gpointer             task_data,
                                GDestroyNotify       task_data_free,
                                GAsyncReadyCallback  done,
                                GTaskThreadFunc      thread);
gboolean   ts_page_work_finish (TsPageWork          *work,
                                GAsyncResult        *result,
                                GError             **error);
void       ts_page_work_cancel (TsPageWork          *work);

/* what a page computes from the data and playbook of the scores, on the
 * worker; @options are the page's (a period, a span…), copied at the start */
typedef gpointer (*TsPlaybookWorkFunc) (TsDataset     *dataset,
                                        TsPlaybook    *playbook,
                                        gconstpointer  options,
                                        GCancellable  *cancellable,
                                        GError       **error);

void       ts_page_work_start_playbook  (TsPageWork          *work,
                                         gpointer             page,
                                         TsScores            *scores,
                                         gconstpointer        options,
                                         gsize                options_size,
                                         TsPlaybookWorkFunc   compute,
                                         GDestroyNotify       result_free,
                                         GAsyncReadyCallback  done);
gpointer   ts_page_work_finish_playbook (TsPageWork          *work,
                                         GAsyncResult        *result,
                                         GError             **error);
gpointer   ts_page_work_take_playbook   (TsPageWork          *work,
                                         GAsyncResult        *result,
                                         GtkLabel            *status,
                                         GtkStack            *stack);

/* what a page shows of its results, built again whenever they change */
typedef void (*TsPageShowFunc) (gpointer page);

void       ts_page_show_when_mapped (GtkWidget      *page,
                                     TsPageShowFunc  show);
gboolean   ts_page_get_stale        (GtkWidget      *page);
void       ts_reveal_in_turn        (GtkWidget      *parent,
                                     GtkWidget     **widgets,
                                     guint           n);

G_END_DECLS

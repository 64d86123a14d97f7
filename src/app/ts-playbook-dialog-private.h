/* ts-playbook-dialog-private.h — what the playbook's editors share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ts-playbook-dialog.h"

G_BEGIN_DECLS

struct _TsPlaybookDialogClass
{
  AdwPreferencesWindowClass parent_class;

  /* adds the dialog's pages (_ts_playbook_dialog_add_page()) for the
   * playbook as it is now (_ts_playbook_dialog_get_json()) */
  void (*build) (TsPlaybookDialog *self);
};

GtkWidget  *_ts_playbook_dialog_new          (GType              type,
                                              TsWorkspace       *workspace,
                                              GError           **error);
JsonObject *_ts_playbook_dialog_get_json     (TsPlaybookDialog  *self);
JsonArray  *_ts_playbook_dialog_get_section  (JsonObject        *playbook,
                                              const char        *section);
gboolean    _ts_playbook_dialog_commit       (TsPlaybookDialog  *self,
                                              JsonObject        *edited,
                                              GError           **error);
void        _ts_playbook_dialog_rebuild      (TsPlaybookDialog  *self);
void        _ts_playbook_dialog_toast        (TsPlaybookDialog  *self,
                                              const char        *message);
AdwPreferencesPage *_ts_playbook_dialog_add_page (TsPlaybookDialog *self,
                                                  const char       *name,
                                                  const char       *title,
                                                  const char       *icon_name,
                                                  const char       *description);

/* Rows that edit one member of one element of a section ("routes",
 * "drivers"…) when the playbook stays valid, and show the error when not.
 * @r holds the member's value as it is; a member "alert.per_1000" is one
 * of an object member. */
GtkWidget  *_ts_playbook_dialog_text_row     (TsPlaybookDialog  *self,
                                              JsonObject        *r,
                                              const char        *section,
                                              guint              index,
                                              const char        *member,
                                              const char        *title);
GtkWidget  *_ts_playbook_dialog_list_row     (TsPlaybookDialog  *self,
                                              JsonObject        *r,
                                              const char        *section,
                                              guint              index,
                                              const char        *member,
                                              const char        *title);
GtkWidget  *_ts_playbook_dialog_number_row   (TsPlaybookDialog  *self,
                                              JsonObject        *r,
                                              const char        *section,
                                              guint              index,
                                              const char        *member,
                                              const char        *title,
                                              const char        *subtitle,
                                              double             max,
                                              guint              digits);
GtkWidget  *_ts_playbook_dialog_choice_row   (TsPlaybookDialog  *self,
                                              JsonObject        *r,
                                              const char        *section,
                                              guint              index,
                                              const char        *member,
                                              const char        *title,
                                              const char *const *choices);
GtkWidget  *_ts_playbook_dialog_move_button  (TsPlaybookDialog  *self,
                                              const char        *section,
                                              guint              index,
                                              int                delta,
                                              const char        *tooltip);
GtkWidget  *_ts_playbook_dialog_element_buttons (TsPlaybookDialog *self,
                                                const char       *section,
                                                guint             index,
                                                guint             n,
                                                const char       *earlier,
                                                const char       *later,
                                                const char       *remove_tooltip);
/* adds an element made from @label; returns its id */
typedef char *(*TsPlaybookDialogAddFunc) (TsPlaybookDialog  *self,
                                          const char        *label,
                                          GError           **error);

void        _ts_playbook_dialog_add_new_group (TsPlaybookDialog        *self,
                                               AdwPreferencesPage      *page,
                                               const char              *section,
                                               const char              *title,
                                               const char              *row_title,
                                               TsPlaybookDialogAddFunc  add);
JsonObject *_ts_playbook_dialog_new_element  (TsPlaybookDialog  *self,
                                              const char        *section,
                                              const char        *label,
                                              const char        *fallback);
char       *_ts_playbook_dialog_new_id       (TsPlaybookDialog  *self,
                                              const char        *section,
                                              const char        *label,
                                              const char        *fallback);
gboolean    _ts_playbook_dialog_add_element  (TsPlaybookDialog  *self,
                                              const char        *section,
                                              JsonObject        *element,
                                              GError           **error);
gboolean    _ts_playbook_dialog_remove_element (TsPlaybookDialog *self,
                                                const char       *section,
                                                guint             index,
                                                GError          **error);
void        _ts_playbook_dialog_bind_target  (GtkWidget         *widget,
                                              const char        *section,
                                              guint              index,
                                              const char        *member);
gboolean    _ts_playbook_dialog_apply_from   (TsPlaybookDialog  *self,
                                              GtkWidget         *widget,
                                              JsonNode          *value);

G_END_DECLS

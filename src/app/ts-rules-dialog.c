/* ts-rules-dialog.c — the playbook's routes and guardrails, edited
 *
 * Two pages: the routes in their order (the first whose condition holds
 * takes the moment) with their conditions, destination, channel, SLA and
 * promise; and each guardrail's parameters.  Every edit is checked by
 * reading the whole playbook again (ts-playbook-dialog.c): a valid one
 * goes into the workspace at once (and the window decides every customer
 * again); an invalid one is refused with its JSON path
 * ("$.routes[1].when: …") and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>

#include "ts-rules-dialog.h"

struct _TsRulesDialog
{
  TsPlaybookDialog  parent_instance;
};

G_DEFINE_FINAL_TYPE (TsRulesDialog, ts_rules_dialog, TS_TYPE_PLAYBOOK_DIALOG)

static const char *const destinations[] = { "human", "self_serve", "specialist", "csm", "no_touch", NULL };

static void
build_routes (TsRulesDialog      *self,
              AdwPreferencesPage *page)
{
  TsPlaybookDialog *dialog = TS_PLAYBOOK_DIALOG (self);
  JsonArray *routes = _ts_playbook_dialog_get_section (_ts_playbook_dialog_get_json (dialog), "routes");
  guint n = routes ? json_array_get_length (routes) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *r = json_array_get_object_element (routes, i);
      GtkWidget *group = adw_preferences_group_new ();
      AdwPreferencesGroup *pg = ADW_PREFERENCES_GROUP (group);
      GtkWidget *moves = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, json_object_get_string_member_with_default (r, "id", "?"));
      gboolean last = i + 1 == n;

      adw_preferences_group_set_title (pg, title);
      if (last)
        adw_preferences_group_set_description (pg, _("The last route takes every moment no route before it took"));
      if (i > 0 && !last)
        gtk_box_append (GTK_BOX (moves), _ts_playbook_dialog_move_button (dialog, "routes", i, -1,
                                                                          _("Earlier: tried before the route above")));
      if (i + 2 < n)
        gtk_box_append (GTK_BOX (moves), _ts_playbook_dialog_move_button (dialog, "routes", i, +1,
                                                                          _("Later: tried after the route below")));
      adw_preferences_group_set_header_suffix (pg, moves);

      if (!last)
        {
          adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, r, "routes", i, "when", _("When")));
          adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, r, "routes", i, "readiness",
                                                                       _("Only when ready (an expansion route)")));
        }
      adw_preferences_group_add (pg, _ts_playbook_dialog_choice_row (dialog, r, "routes", i, "to", _("To"), destinations));
      adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, r, "routes", i, "channel", _("Channel")));
      adw_preferences_group_add (pg, _ts_playbook_dialog_number_row (dialog, r, "routes", i, "sla_hours", _("SLA"),
                                                                     _("Hours within which the promise is kept (0: none)"),
                                                                     24 * 365, 0));
      adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, r, "routes", i, "promise", _("Experience promise")));
      adw_preferences_page_add (page, pg);
    }
}

static void
build_guardrails (TsRulesDialog      *self,
                  AdwPreferencesPage *page)
{
  TsPlaybookDialog *dialog = TS_PLAYBOOK_DIALOG (self);
  JsonObject *json = _ts_playbook_dialog_get_json (dialog);
  JsonArray *guardrails = _ts_playbook_dialog_get_section (json, "guardrails");
  g_autoptr(TsPlaybook) pb = ts_playbook_new_from_json (json, NULL);

  for (guint i = 0; guardrails && pb && i < json_array_get_length (guardrails); i++)
    {
      JsonObject *g = json_array_get_object_element (guardrails, i);
      const TsGuardrail *guardrail = ts_playbook_get_guardrail (pb, i);
      g_autofree char *what = ts_guardrail_describe (guardrail);
      GtkWidget *group = adw_preferences_group_new ();
      AdwPreferencesGroup *pg = ADW_PREFERENCES_GROUP (group);

      adw_preferences_group_set_title (pg, guardrail->id);
      adw_preferences_group_set_description (pg, what);
      switch (guardrail->kind)
        {
        case TS_GUARDRAIL_FREQUENCY_CAP:
          adw_preferences_group_add (pg, _ts_playbook_dialog_number_row (dialog, g, "guardrails", i, "max", _("At most"),
                                                                         _("Touches in the window, transactional ones not counted"),
                                                                         1000, 0));
          adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, g, "guardrails", i, "window", _("Window (e.g. 7d)")));
          adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, g, "guardrails", i, "channel", _("Channel (empty: all)")));
          break;
        case TS_GUARDRAIL_SUPPRESSION:
          adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, g, "guardrails", i, "list", _("List")));
          break;
        case TS_GUARDRAIL_QUIET_HOURS:
          adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, g, "guardrails", i, "start",
                                                                       _("From (HH:MM, the customer's time)")));
          adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, g, "guardrails", i, "end", _("Until")));
          break;
        case TS_GUARDRAIL_NO_PITCH:
          if (guardrail->no_pitch != TS_NO_PITCH_OPEN_CASE)
            adw_preferences_group_add (pg, _ts_playbook_dialog_number_row (dialog, g, "guardrails", i, "days", _("Days"),
                                                                           _("How long no one pitches"), 3650, 0));
          break;
        case TS_GUARDRAIL_CONSENT:
        default:
          break;
        }
      adw_preferences_page_add (page, pg);
    }
}

static void
ts_rules_dialog_build (TsPlaybookDialog *dialog)
{
  TsRulesDialog *self = TS_RULES_DIALOG (dialog);

  build_routes (self, _ts_playbook_dialog_add_page (dialog, "routes", _("Routes"), "mail-send-symbolic",
                                                    _("Tried in order: the first whose condition holds takes the moment. "
                                                      "Conditions see the signals, score, band, stage and customer.FIELD.")));
  build_guardrails (self, _ts_playbook_dialog_add_page (dialog, "guardrails", _("Guardrails"), "security-high-symbolic",
                                                        _("Each one can hold a touch back; a help route is never held back by a no-pitch window.")));
}

static void
ts_rules_dialog_class_init (TsRulesDialogClass *klass)
{
  TsPlaybookDialogClass *dialog_class = TS_PLAYBOOK_DIALOG_CLASS (klass);

  dialog_class->build = ts_rules_dialog_build;
}

static void
ts_rules_dialog_init (TsRulesDialog *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Routes and Guardrails"));
}

/**
 * ts_rules_dialog_new:
 * @workspace: whose playbook to edit
 *
 * Returns: (transfer none): the dialog, or %NULL when the playbook
 *   cannot be read
 */
GtkWidget *
ts_rules_dialog_new (TsWorkspace *workspace,
                     GError     **error)
{
  return _ts_playbook_dialog_new (TS_TYPE_RULES_DIALOG, workspace, error);
}

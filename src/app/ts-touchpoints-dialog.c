/* ts-touchpoints-dialog.c — the playbook's touchpoints inventory, edited
 *
 * One page: each touchpoint of the playbook's "touchpoints" section with
 * its label, owner, table and filter (what binds it to the data), its
 * investment, upkeep and write-off, the value customers say it delivers,
 * where its attention is recorded and how long after an interaction an
 * answer counts; a touchpoint added from a label, removed (with Undo) or
 * moved.  Every edit is checked by reading the whole playbook again
 * (ts-playbook-dialog.c): a valid one goes into the workspace at once and
 * the Touchpoints page measures again; an invalid one is refused with its
 * JSON path ("$.touchpoints[1].filter: …") and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>

#include "ts-playbook-dialog-private.h"
#include "ts-touchpoints-dialog.h"

struct _TsTouchpointsDialog
{
  TsPlaybookDialog  parent_instance;
};

G_DEFINE_FINAL_TYPE (TsTouchpointsDialog, ts_touchpoints_dialog, TS_TYPE_PLAYBOOK_DIALOG)

static const char *const tables[] = { "events", "cases", "touches", "responses", NULL };

/* the rating a touchpoint starts from when rated */
#define OFFERED_VALUE 3

/**
 * ts_touchpoints_dialog_apply:
 * @index: the touchpoint's, in the playbook's order
 * @member: "label", "owner", "table", "filter", "investment",
 *   "upkeep_per_month", "lifetime_months", "perceived_value", "attention"
 *   or "satisfaction_days"
 * @value: (nullable): the member's new value; %NULL removes it
 *
 * Sets one member of one touchpoint, when the playbook stays valid.
 *
 * Returns: %FALSE, with the error naming the JSON path, when it would not
 */
gboolean
ts_touchpoints_dialog_apply (TsTouchpointsDialog  *self,
                             guint                 index,
                             const char           *member,
                             JsonNode             *value,
                             GError              **error)
{
  g_return_val_if_fail (TS_IS_TOUCHPOINTS_DIALOG (self), FALSE);
  return ts_playbook_dialog_apply (TS_PLAYBOOK_DIALOG (self), "touchpoints", index, member, value, error);
}

/**
 * ts_touchpoints_dialog_add:
 * @label: the new touchpoint's label, from which its id is made
 *
 * Adds a touchpoint at the end: the events named as its id — none, until
 * its filter is bound to the data — costing nothing yet.
 *
 * Returns: (transfer full): the new touchpoint's id, or %NULL with @error set
 */
char *
ts_touchpoints_dialog_add (TsTouchpointsDialog  *self,
                           const char           *label,
                           GError              **error)
{
  g_autoptr(JsonObject) touchpoint = NULL;

  g_return_val_if_fail (TS_IS_TOUCHPOINTS_DIALOG (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  touchpoint = _ts_playbook_dialog_new_element (TS_PLAYBOOK_DIALOG (self), "touchpoints", label, "touchpoint");
  json_object_set_int_member (touchpoint, "investment", 0);
  json_object_set_int_member (touchpoint, "upkeep_per_month", 0);
  if (!_ts_playbook_dialog_add_element (TS_PLAYBOOK_DIALOG (self), "touchpoints", touchpoint, error))
    return NULL;
  return g_strdup (json_object_get_string_member (touchpoint, "id"));
}

/**
 * ts_touchpoints_dialog_remove:
 *
 * Removes a touchpoint, which the dialog's Undo puts back.
 */
gboolean
ts_touchpoints_dialog_remove (TsTouchpointsDialog  *self,
                              guint                 index,
                              GError              **error)
{
  g_return_val_if_fail (TS_IS_TOUCHPOINTS_DIALOG (self), FALSE);
  return _ts_playbook_dialog_remove_element (TS_PLAYBOOK_DIALOG (self), "touchpoints", index, error);
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

static void
on_rated_cb (AdwExpanderRow      *row,
             GParamSpec          *pspec,
             TsTouchpointsDialog *self)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "rating");
  g_autoptr(JsonNode) value = NULL;

  if (adw_expander_row_get_enable_expansion (row))
    {
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_double (value, gtk_spin_button_get_value (spin));
    }
  _ts_playbook_dialog_apply_from (TS_PLAYBOOK_DIALOG (self), GTK_WIDGET (row), value);
}

/* on: rated, 1 to 5; off: not rated */
static GtkWidget *
value_row (TsTouchpointsDialog *self,
           JsonObject          *t,
           guint                index)
{
  GtkWidget *expander = adw_expander_row_new ();
  gboolean rated = json_object_has_member (t, "perceived_value");
  g_autoptr(JsonObject) shown = json_object_new ();
  GtkWidget *rating, *spin;

  json_object_set_double_member (shown, "perceived_value",
                                 rated ? json_object_get_double_member (t, "perceived_value") : OFFERED_VALUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Perceived Value"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("What customers say it delivers, from research or interviews"));
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (expander), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), rated);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), FALSE);
  rating = _ts_playbook_dialog_number_row (TS_PLAYBOOK_DIALOG (self), shown, "touchpoints", index, "perceived_value",
                                           _("Rating"), _("From 1 to 5"), 5, 1);
  spin = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (rating));
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (spin), 1, 5);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), rating);
  g_object_set_data (G_OBJECT (expander), "rating", spin);
  _ts_playbook_dialog_bind_target (expander, "touchpoints", index, "perceived_value");
  g_signal_connect (expander, "notify::enable-expansion", G_CALLBACK (on_rated_cb), self);
  return expander;
}

static void
ts_touchpoints_dialog_build (TsPlaybookDialog *dialog)
{
  TsTouchpointsDialog *self = TS_TOUCHPOINTS_DIALOG (dialog);
  JsonArray *touchpoints = _ts_playbook_dialog_get_section (_ts_playbook_dialog_get_json (dialog), "touchpoints");
  guint n = touchpoints ? json_array_get_length (touchpoints) : 0;
  AdwPreferencesPage *page;

  page = _ts_playbook_dialog_add_page (dialog, "touchpoints", _("Touchpoints"), "find-location-symbolic",
                                       _("Each touchpoint is an asset: what it cost to build and costs to keep, and the "
                                         "records of its table that pass its filter are its interactions, whose reach, "
                                         "attention and the satisfaction after them are measured."));
  _ts_playbook_dialog_add_new_group (dialog, page, "touchpoints", _("New Touchpoint"), _("Label of a new touchpoint"),
                                     (TsPlaybookDialogAddFunc) ts_touchpoints_dialog_add);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *t = json_array_get_object_element (touchpoints, i);
      g_autoptr(JsonObject) shown = ts_json_object_dup (t);
      GtkWidget *group = adw_preferences_group_new ();
      AdwPreferencesGroup *pg = ADW_PREFERENCES_GROUP (group);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, json_object_get_string_member_with_default (t, "id", "?"));

      /* the rows start from the playbook's defaults where a member is absent */
      if (!json_object_has_member (shown, "lifetime_months"))
        json_object_set_int_member (shown, "lifetime_months", 36);
      if (!json_object_has_member (shown, "satisfaction_days"))
        json_object_set_int_member (shown, "satisfaction_days", 30);

      adw_preferences_group_set_title (pg, title);
      adw_preferences_group_set_header_suffix (pg, _ts_playbook_dialog_element_buttons (dialog, "touchpoints", i, n,
                                                                                         _("Earlier: listed before the touchpoint above"),
                                                                                         _("Later: listed after the touchpoint below"),
                                                                                         _("Remove the touchpoint")));
      adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, shown, "touchpoints", i, "label", _("Label")));
      adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, shown, "touchpoints", i, "owner", _("Owner")));
      adw_preferences_group_add (pg, _ts_playbook_dialog_choice_row (dialog, shown, "touchpoints", i, "table", _("Table"), tables));
      adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, shown, "touchpoints", i, "filter",
                                                                   _("Filter (empty: every record)")));
      adw_preferences_group_add (pg, _ts_playbook_dialog_number_row (dialog, shown, "touchpoints", i, "investment",
                                                                     _("Investment"), _("What it cost to build"), 1e9, 0));
      adw_preferences_group_add (pg, _ts_playbook_dialog_number_row (dialog, shown, "touchpoints", i, "upkeep_per_month",
                                                                     _("Upkeep per Month"), _("Upgrades and maintenance"), 1e8, 0));
      adw_preferences_group_add (pg, _ts_playbook_dialog_number_row (dialog, shown, "touchpoints", i, "lifetime_months",
                                                                     _("Written Off over"), _("Months"), 1200, 0));
      adw_preferences_group_add (pg, value_row (self, t, i));
      adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, shown, "touchpoints", i, "attention",
                                                                   _("Attention in Seconds (e.g. properties.seconds)")));
      adw_preferences_group_add (pg, _ts_playbook_dialog_number_row (dialog, shown, "touchpoints", i, "satisfaction_days",
                                                                     _("Satisfaction Window"),
                                                                     _("Days after an interaction an answer counts"), 3660, 0));
      adw_preferences_page_add (page, pg);
    }
}

static void
ts_touchpoints_dialog_class_init (TsTouchpointsDialogClass *klass)
{
  TsPlaybookDialogClass *dialog_class = TS_PLAYBOOK_DIALOG_CLASS (klass);

  dialog_class->build = ts_touchpoints_dialog_build;
}

static void
ts_touchpoints_dialog_init (TsTouchpointsDialog *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Touchpoints"));
}

/**
 * ts_touchpoints_dialog_new:
 * @workspace: whose playbook to edit
 *
 * Returns: (transfer none): the dialog, or %NULL when the playbook
 *   cannot be read
 */
GtkWidget *
ts_touchpoints_dialog_new (TsWorkspace *workspace,
                           GError     **error)
{
  return _ts_playbook_dialog_new (TS_TYPE_TOUCHPOINTS_DIALOG, workspace, error);
}

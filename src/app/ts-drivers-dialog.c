/* ts-drivers-dialog.c — the playbook's CX drivers, edited
 *
 * One page: each driver of the playbook's "drivers" section in its order,
 * with its label, table, filter, direction, weight and alert threshold,
 * and a driver added from a label, removed (with Undo) or moved.  Every
 * edit is checked by reading the whole playbook again
 * (ts-playbook-dialog.c): a valid one goes into the workspace at once
 * (and the CX Drivers page counts again); an invalid one is refused with
 * its JSON path ("$.drivers[2].filter: …") and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>

#include "ts-drivers-dialog.h"

struct _TsDriversDialog
{
  TsPlaybookDialog  parent_instance;
};

G_DEFINE_FINAL_TYPE (TsDriversDialog, ts_drivers_dialog, TS_TYPE_PLAYBOOK_DIALOG)

static const char *const tables[] = { "events", "cases", "touches", "responses", NULL };
static const char *const directions[] = { "lowers", "raises", NULL };

/* the threshold an alert starts from when switched on */
#define OFFERED_PER_1000 20

/**
 * ts_drivers_dialog_apply:
 * @index: the driver's, in the playbook's order
 * @member: "label", "table", "filter", "direction", "weight", "alert" or
 *   "alert.per_1000"
 * @value: (nullable): the member's new value; %NULL removes it
 *
 * Sets one member of one driver, when the playbook stays valid.
 *
 * Returns: %FALSE, with the error naming the JSON path, when it would not
 */
gboolean
ts_drivers_dialog_apply (TsDriversDialog  *self,
                         guint             index,
                         const char       *member,
                         JsonNode         *value,
                         GError          **error)
{
  g_return_val_if_fail (TS_IS_DRIVERS_DIALOG (self), FALSE);
  return ts_playbook_dialog_apply (TS_PLAYBOOK_DIALOG (self), "drivers", index, member, value, error);
}

/**
 * ts_drivers_dialog_add:
 * @label: the new driver's label, from which its id is made
 *
 * Adds a driver at the end: a lowering one of weight 1 that counts the
 * events named as its id — none, until its filter is bound to the data.
 *
 * Returns: (transfer full): the new driver's id, or %NULL with @error set
 */
char *
ts_drivers_dialog_add (TsDriversDialog  *self,
                       const char       *label,
                       GError          **error)
{
  g_autoptr(JsonObject) driver = NULL;

  g_return_val_if_fail (TS_IS_DRIVERS_DIALOG (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  driver = _ts_playbook_dialog_new_element (TS_PLAYBOOK_DIALOG (self), "drivers", label, "driver");
  json_object_set_string_member (driver, "direction", "lowers");
  json_object_set_int_member (driver, "weight", 1);
  if (!_ts_playbook_dialog_add_element (TS_PLAYBOOK_DIALOG (self), "drivers", driver, error))
    return NULL;
  return g_strdup (json_object_get_string_member (driver, "id"));
}

/**
 * ts_drivers_dialog_remove:
 *
 * Removes a driver, which the dialog's Undo puts back.
 */
gboolean
ts_drivers_dialog_remove (TsDriversDialog  *self,
                          guint             index,
                          GError          **error)
{
  g_return_val_if_fail (TS_IS_DRIVERS_DIALOG (self), FALSE);
  return _ts_playbook_dialog_remove_element (TS_PLAYBOOK_DIALOG (self), "drivers", index, error);
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

static void
on_alert_enabled_cb (AdwExpanderRow  *row,
                     GParamSpec      *pspec,
                     TsDriversDialog *self)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "threshold");
  g_autoptr(JsonNode) value = NULL;

  if (adw_expander_row_get_enable_expansion (row))
    {
      g_autoptr(JsonObject) alert = json_object_new ();

      json_object_set_int_member (alert, "per_1000", gtk_spin_button_get_value_as_int (spin));
      value = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (value, alert);
    }
  _ts_playbook_dialog_apply_from (TS_PLAYBOOK_DIALOG (self), GTK_WIDGET (row), value);
}

/* on: an alert at the threshold of its row; off: none */
static GtkWidget *
alert_row (TsDriversDialog *self,
           JsonObject      *d,
           guint            index)
{
  TsPlaybookDialog *dialog = TS_PLAYBOOK_DIALOG (self);
  GtkWidget *expander = adw_expander_row_new ();
  JsonNode *alert = json_object_get_member (d, "alert");
  g_autoptr(JsonObject) offered = json_object_new ();
  GtkWidget *threshold;

  json_object_set_int_member (offered, "per_1000", OFFERED_PER_1000);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Alert"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("When a period crosses a threshold of moments per 1,000 customers"));
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (expander), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), alert != NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), FALSE);
  threshold = _ts_playbook_dialog_number_row (dialog, alert && JSON_NODE_HOLDS_OBJECT (alert) ? json_node_get_object (alert) : offered,
                                              "drivers", index, "alert.per_1000", _("Threshold"),
                                              _("Moments per 1,000 customers in a period: a lowering driver alerts at "
                                                "or above it, a raising one below it"),
                                              100000, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), threshold);
  g_object_set_data (G_OBJECT (expander), "threshold",
                     adw_action_row_get_activatable_widget (ADW_ACTION_ROW (threshold)));
  _ts_playbook_dialog_bind_target (expander, "drivers", index, "alert");
  g_signal_connect (expander, "notify::enable-expansion", G_CALLBACK (on_alert_enabled_cb), self);
  return expander;
}

static void
ts_drivers_dialog_build (TsPlaybookDialog *dialog)
{
  TsDriversDialog *self = TS_DRIVERS_DIALOG (dialog);
  JsonArray *drivers = _ts_playbook_dialog_get_section (_ts_playbook_dialog_get_json (dialog), "drivers");
  guint n = drivers ? json_array_get_length (drivers) : 0;
  AdwPreferencesPage *page;

  page = _ts_playbook_dialog_add_page (dialog, "drivers", _("Drivers"), "view-paged-symbolic",
                                       _("Each record of a driver's table that passes its filter is a moment that lowers "
                                         "or raises satisfaction. The index adds the raising moments per 1,000 customers "
                                         "and takes away the lowering ones, each times its weight."));
  _ts_playbook_dialog_add_new_group (dialog, page, "drivers", _("New Driver"), _("Label of a new driver"),
                                     (TsPlaybookDialogAddFunc) ts_drivers_dialog_add);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *d = json_array_get_object_element (drivers, i);
      GtkWidget *group = adw_preferences_group_new ();
      AdwPreferencesGroup *pg = ADW_PREFERENCES_GROUP (group);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, json_object_get_string_member_with_default (d, "id", "?"));

      adw_preferences_group_set_title (pg, title);
      /* the order is the charts' and the CLI's */
      adw_preferences_group_set_header_suffix (pg, _ts_playbook_dialog_element_buttons (dialog, "drivers", i, n,
                                                                                         _("Earlier: listed before the driver above"),
                                                                                         _("Later: listed after the driver below"),
                                                                                         _("Remove the driver")));
      adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, d, "drivers", i, "label", _("Label")));
      adw_preferences_group_add (pg, _ts_playbook_dialog_choice_row (dialog, d, "drivers", i, "table", _("Table"), tables));
      adw_preferences_group_add (pg, _ts_playbook_dialog_text_row (dialog, d, "drivers", i, "filter",
                                                                   _("Filter (empty: every record)")));
      adw_preferences_group_add (pg, _ts_playbook_dialog_choice_row (dialog, d, "drivers", i, "direction",
                                                                     _("Satisfaction"), directions));
      adw_preferences_group_add (pg, _ts_playbook_dialog_number_row (dialog, d, "drivers", i, "weight", _("Weight"),
                                                                     _("How much a moment counts in the index"),
                                                                     1000, 2));
      adw_preferences_group_add (pg, alert_row (self, d, i));
      adw_preferences_page_add (page, pg);
    }
}

static void
ts_drivers_dialog_class_init (TsDriversDialogClass *klass)
{
  TsPlaybookDialogClass *dialog_class = TS_PLAYBOOK_DIALOG_CLASS (klass);

  dialog_class->build = ts_drivers_dialog_build;
}

static void
ts_drivers_dialog_init (TsDriversDialog *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("CX Drivers"));
}

/**
 * ts_drivers_dialog_new:
 * @workspace: whose playbook to edit
 *
 * Returns: (transfer none): the dialog, or %NULL when the playbook
 *   cannot be read
 */
GtkWidget *
ts_drivers_dialog_new (TsWorkspace *workspace,
                       GError     **error)
{
  return _ts_playbook_dialog_new (TS_TYPE_DRIVERS_DIALOG, workspace, error);
}

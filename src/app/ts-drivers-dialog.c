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

  JsonNode         *removed;        /* the driver the last removal took, for Undo */
  guint             removed_index;
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

static gboolean
has_id (JsonArray  *drivers,
        const char *id)
{
  for (guint i = 0; drivers && i < json_array_get_length (drivers); i++)
    {
      JsonObject *d = json_array_get_object_element (drivers, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (d, "id", NULL), id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "Billing errors" → billing_errors, then billing_errors_2…: an id as the
 * playbook wants it (a letter or _, then letters, digits, _), unused */
static char *
id_for_label (JsonArray  *drivers,
              const char *label)
{
  g_autofree char *ascii = g_str_to_ascii (label, NULL);
  g_autoptr(GString) id = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *candidate;

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (id, g_ascii_tolower (*p));
    else if (id->len > 0 && id->str[id->len - 1] != '_')
      g_string_append_c (id, '_');
  while (id->len > 0 && id->str[id->len - 1] == '_')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0 || g_ascii_isdigit (id->str[0]))
    g_string_prepend (id, id->len ? "driver_" : "driver");
  base = g_string_free (g_steal_pointer (&id), FALSE);
  candidate = g_strdup (base);
  for (guint n = 2; has_id (drivers, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s_%u", base, n);
    }
  return candidate;
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
  g_autoptr(JsonObject) edited = NULL;
  g_autoptr(JsonObject) driver = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *filter = NULL;
  JsonArray *drivers;

  g_return_val_if_fail (TS_IS_DRIVERS_DIALOG (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  edited = ts_json_object_dup (_ts_playbook_dialog_get_json (TS_PLAYBOOK_DIALOG (self)));
  drivers = _ts_playbook_dialog_get_section (edited, "drivers");
  if (drivers == NULL)
    {
      json_object_set_array_member (edited, "drivers", json_array_new ());
      drivers = _ts_playbook_dialog_get_section (edited, "drivers");
    }
  id = id_for_label (drivers, label);
  filter = g_strdup_printf ("name == \"%s\"", id);
  json_object_set_string_member (driver, "id", id);
  if (*label)
    json_object_set_string_member (driver, "label", label);
  json_object_set_string_member (driver, "table", "events");
  json_object_set_string_member (driver, "filter", filter);
  json_object_set_string_member (driver, "direction", "lowers");
  json_object_set_int_member (driver, "weight", 1);
  json_array_add_object_element (drivers, g_steal_pointer (&driver));
  if (!_ts_playbook_dialog_commit (TS_PLAYBOOK_DIALOG (self), edited, error))
    return NULL;
  _ts_playbook_dialog_rebuild (TS_PLAYBOOK_DIALOG (self));
  return g_steal_pointer (&id);
}

/* puts @node at @index of the drivers */
static gboolean
insert (TsDriversDialog  *self,
        guint             index,
        JsonNode         *node,
        GError          **error)
{
  g_autoptr(JsonObject) edited = ts_json_object_dup (_ts_playbook_dialog_get_json (TS_PLAYBOOK_DIALOG (self)));
  JsonArray *drivers = _ts_playbook_dialog_get_section (edited, "drivers");
  g_autoptr(JsonArray) changed = json_array_new ();
  guint n = drivers ? json_array_get_length (drivers) : 0;

  for (guint i = 0; i <= n; i++)
    {
      if (i == MIN (index, n))
        json_array_add_element (changed, json_node_copy (node));
      if (i < n)
        json_array_add_element (changed, json_node_copy (json_array_get_element (drivers, i)));
    }
  json_object_set_array_member (edited, "drivers", g_steal_pointer (&changed));
  if (!_ts_playbook_dialog_commit (TS_PLAYBOOK_DIALOG (self), edited, error))
    return FALSE;
  _ts_playbook_dialog_rebuild (TS_PLAYBOOK_DIALOG (self));
  return TRUE;
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
  g_autoptr(JsonObject) edited = NULL;
  JsonArray *drivers;
  g_autoptr(JsonNode) removed = NULL;

  g_return_val_if_fail (TS_IS_DRIVERS_DIALOG (self), FALSE);

  edited = ts_json_object_dup (_ts_playbook_dialog_get_json (TS_PLAYBOOK_DIALOG (self)));
  drivers = _ts_playbook_dialog_get_section (edited, "drivers");
  g_return_val_if_fail (drivers && index < json_array_get_length (drivers), FALSE);

  removed = json_node_copy (json_array_get_element (drivers, index));
  json_array_remove_element (drivers, index);
  if (!_ts_playbook_dialog_commit (TS_PLAYBOOK_DIALOG (self), edited, error))
    return FALSE;
  g_clear_pointer (&self->removed, json_node_unref);
  self->removed = g_steal_pointer (&removed);
  self->removed_index = index;
  _ts_playbook_dialog_rebuild (TS_PLAYBOOK_DIALOG (self));
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

static void
on_add_apply_cb (AdwEntryRow     *row,
                 TsDriversDialog *self)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (*label == '\0')
    return;
  id = ts_drivers_dialog_add (self, label, &error);
  if (id == NULL)
    {
      _ts_playbook_dialog_toast (TS_PLAYBOOK_DIALOG (self), error->message);
      return;
    }
  /* Translators: the first %s is the new driver's label, the second its id */
  message = g_strdup_printf (_("“%s” added at the end: it counts the events named %s until its filter says otherwise"),
                             label, id);
  _ts_playbook_dialog_toast (TS_PLAYBOOK_DIALOG (self), message);
}

static void
on_remove_cb (GtkButton       *button,
              TsDriversDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (!ts_drivers_dialog_remove (self, index, &error))
    {
      _ts_playbook_dialog_toast (TS_PLAYBOOK_DIALOG (self), error->message);
      return;
    }
  /* Translators: %s is the driver's id */
  message = g_strdup_printf (_("%s removed"),
                             json_object_get_string_member_with_default (json_node_get_object (self->removed), "id", "?"));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "drivers.undo-remove");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TsDriversDialog *self = TS_DRIVERS_DIALOG (widget);
  g_autoptr(JsonNode) removed = g_steal_pointer (&self->removed);
  g_autoptr(GError) error = NULL;

  if (removed && !insert (self, self->removed_index, removed, &error))
    _ts_playbook_dialog_toast (TS_PLAYBOOK_DIALOG (self), error->message);
}

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

static GtkWidget *
header_buttons (TsDriversDialog *self,
                guint            index,
                guint            n)
{
  TsPlaybookDialog *dialog = TS_PLAYBOOK_DIALOG (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *name = g_strdup_printf ("drivers[%u].remove", index);

  /* the order is the charts' and the CLI's */
  if (index > 0)
    gtk_box_append (GTK_BOX (box), _ts_playbook_dialog_move_button (dialog, "drivers", index, -1,
                                                                    _("Earlier: listed before the driver above")));
  if (index + 1 < n)
    gtk_box_append (GTK_BOX (box), _ts_playbook_dialog_move_button (dialog, "drivers", index, +1,
                                                                    _("Later: listed after the driver below")));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove the driver"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the driver"), -1);
  gtk_widget_set_name (remove, name);
  g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_cb), self);
  gtk_box_append (GTK_BOX (box), remove);
  return box;
}

static void
ts_drivers_dialog_build (TsPlaybookDialog *dialog)
{
  TsDriversDialog *self = TS_DRIVERS_DIALOG (dialog);
  JsonArray *drivers = _ts_playbook_dialog_get_section (_ts_playbook_dialog_get_json (dialog), "drivers");
  guint n = drivers ? json_array_get_length (drivers) : 0;
  AdwPreferencesPage *page;
  GtkWidget *add;

  page = _ts_playbook_dialog_add_page (dialog, "drivers", _("Drivers"), "view-paged-symbolic",
                                       _("Each record of a driver's table that passes its filter is a moment that lowers "
                                         "or raises satisfaction. The index adds the raising moments per 1,000 customers "
                                         "and takes away the lowering ones, each times its weight."));
  {
    GtkWidget *group = adw_preferences_group_new ();

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("New Driver"));
    add = adw_entry_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add), _("Label of a new driver"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add), TRUE);
    gtk_widget_set_name (add, "drivers.add");
    g_signal_connect (add, "apply", G_CALLBACK (on_add_apply_cb), self);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
    adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  }

  for (guint i = 0; i < n; i++)
    {
      JsonObject *d = json_array_get_object_element (drivers, i);
      GtkWidget *group = adw_preferences_group_new ();
      AdwPreferencesGroup *pg = ADW_PREFERENCES_GROUP (group);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, json_object_get_string_member_with_default (d, "id", "?"));

      adw_preferences_group_set_title (pg, title);
      adw_preferences_group_set_header_suffix (pg, header_buttons (self, i, n));
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
ts_drivers_dialog_dispose (GObject *object)
{
  TsDriversDialog *self = TS_DRIVERS_DIALOG (object);

  g_clear_pointer (&self->removed, json_node_unref);

  G_OBJECT_CLASS (ts_drivers_dialog_parent_class)->dispose (object);
}

static void
ts_drivers_dialog_class_init (TsDriversDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  TsPlaybookDialogClass *dialog_class = TS_PLAYBOOK_DIALOG_CLASS (klass);

  object_class->dispose = ts_drivers_dialog_dispose;
  dialog_class->build = ts_drivers_dialog_build;
  gtk_widget_class_install_action (widget_class, "drivers.undo-remove", NULL, undo_remove_action);
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

/* ts-rules-dialog.c — the playbook's routes and guardrails, edited
 *
 * Two pages: the routes in their order (the first whose condition holds
 * takes the moment) with their conditions, destination, channel, SLA and
 * promise; and each guardrail's parameters.  Every edit is checked by
 * reading the whole playbook again: a valid one goes into the workspace at
 * once (and the window decides every customer again); an invalid one is
 * refused with its JSON path ("$.routes[1].when: …") and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>

#include "ts-rules-dialog.h"

struct _TsRulesDialog
{
  AdwPreferencesWindow  parent_instance;

  TsWorkspace          *workspace;
  JsonObject           *json;        /* the playbook as last applied */
  GtkWidget            *routes_page;
  GtkWidget            *guardrails_page;
};

G_DEFINE_FINAL_TYPE (TsRulesDialog, ts_rules_dialog, ADW_TYPE_PREFERENCES_WINDOW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *const destinations[] = { "human", "self_serve", "specialist", "csm", "no_touch", NULL };

static void rebuild (TsRulesDialog *self);

static JsonObject *
rule (JsonObject *playbook,
      const char *section,
      guint       index)
{
  JsonArray *array = json_object_get_array_member (playbook, section);

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  return json_array_get_object_element (array, index);
}

/* the edited playbook, if it is one: into the workspace */
static gboolean
commit (TsRulesDialog *self,
        JsonObject    *edited,
        GError       **error)
{
  g_autoptr(TsPlaybook) pb = ts_playbook_new_from_json (edited, error);

  if (pb == NULL)
    return FALSE;
  json_object_unref (self->json);
  self->json = json_object_ref (edited);
  ts_workspace_set_playbook (self->workspace, edited);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * ts_rules_dialog_apply:
 * @section: "routes" or "guardrails"
 * @value: (nullable): the member's new value; %NULL removes it
 *
 * Sets one member of one rule, when the playbook stays valid.
 *
 * Returns: %FALSE, with the error naming the JSON path, when it would not
 */
gboolean
ts_rules_dialog_apply (TsRulesDialog *self,
                       const char    *section,
                       guint          index,
                       const char    *member,
                       JsonNode      *value,
                       GError       **error)
{
  g_autoptr(JsonObject) edited = NULL;
  JsonObject *r;

  g_return_val_if_fail (TS_IS_RULES_DIALOG (self), FALSE);

  edited = ts_json_object_dup (self->json);
  r = rule (edited, section, index);
  g_return_val_if_fail (r != NULL, FALSE);
  if (value)
    json_object_set_member (r, member, json_node_copy (value));
  else if (json_object_has_member (r, member))
    json_object_remove_member (r, member);
  return commit (self, edited, error);
}

/**
 * ts_rules_dialog_move_route:
 * @delta: -1 earlier, +1 later
 */
gboolean
ts_rules_dialog_move_route (TsRulesDialog *self,
                            guint          index,
                            int            delta,
                            GError       **error)
{
  g_autoptr(JsonObject) edited = NULL;
  JsonArray *routes;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  guint other = index + delta;

  g_return_val_if_fail (TS_IS_RULES_DIALOG (self), FALSE);

  edited = ts_json_object_dup (self->json);
  routes = json_object_get_array_member (edited, "routes");
  g_return_val_if_fail (routes && index < json_array_get_length (routes), FALSE);
  g_return_val_if_fail (other < json_array_get_length (routes), FALSE);

  /* JsonArray has no swap: rebuild it in the new order */
  a = json_node_copy (json_array_get_element (routes, index));
  b = json_node_copy (json_array_get_element (routes, other));
  {
    g_autoptr(JsonArray) reordered = json_array_new ();

    for (guint i = 0; i < json_array_get_length (routes); i++)
      json_array_add_element (reordered, json_node_copy (i == index ? b : i == other ? a
                                                         : json_array_get_element (routes, i)));
    json_object_set_array_member (edited, "routes", g_steal_pointer (&reordered));
  }
  if (!commit (self, edited, error))
    return FALSE;
  rebuild (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

typedef struct
{
  char  *section;
  guint  index;
  char  *member;
} Target;

static void
target_free (Target *t)
{
  g_free (t->section);
  g_free (t->member);
  g_free (t);
}

static void
bind_target (GtkWidget  *widget,
             const char *section,
             guint       index,
             const char *member)
{
  Target *t = g_new0 (Target, 1);
  g_autofree char *name = g_strdup_printf ("%s[%u].%s", section, index, member);

  t->section = g_strdup (section);
  t->index = index;
  t->member = g_strdup (member);
  g_object_set_data_full (G_OBJECT (widget), "target", t, (GDestroyNotify) target_free);
  gtk_widget_set_name (widget, name);
}

static void
apply_from (TsRulesDialog *self,
            GtkWidget     *widget,
            JsonNode      *value)
{
  Target *t = g_object_get_data (G_OBJECT (widget), "target");
  g_autoptr(GError) error = NULL;

  if (ts_rules_dialog_apply (self, t->section, t->index, t->member, value, &error))
    {
      gtk_widget_remove_css_class (widget, "error");
      return;
    }
  gtk_widget_add_css_class (widget, "error");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static void
on_text_apply_cb (AdwEntryRow   *row,
                  TsRulesDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(JsonNode) value = NULL;

  if (*text)
    {
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (value, text);
    }
  apply_from (self, GTK_WIDGET (row), value);
}

static void
on_number_changed_cb (GtkSpinButton *spin,
                      TsRulesDialog *self)
{
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (value, gtk_spin_button_get_value_as_int (spin));
  apply_from (self, GTK_WIDGET (spin), value);
}

static void
on_destination_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   TsRulesDialog *self)
{
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (value, destinations[MIN (adw_combo_row_get_selected (row), 4)]);
  apply_from (self, GTK_WIDGET (row), value);
}

static GtkWidget *
text_row (TsRulesDialog *self,
          JsonObject    *r,
          const char    *section,
          guint          index,
          const char    *member,
          const char    *title)
{
  GtkWidget *row = adw_entry_row_new ();
  const char *text = json_object_get_string_member_with_default (r, member, "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  bind_target (row, section, index, member);
  g_signal_connect (row, "apply", G_CALLBACK (on_text_apply_cb), self);
  return row;
}

static GtkWidget *
number_row (TsRulesDialog *self,
            JsonObject    *r,
            const char    *section,
            guint          index,
            const char    *member,
            const char    *title,
            const char    *subtitle,
            double         max)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), json_object_get_int_member_with_default (r, member, 0));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  bind_target (spin, section, index, member);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_number_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

static void
on_move_cb (GtkButton     *button,
            TsRulesDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  g_autoptr(GError) error = NULL;

  if (!ts_rules_dialog_move_route (self, index, delta, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
}

static GtkWidget *
move_button (TsRulesDialog *self,
             guint          index,
             int            delta)
{
  GtkWidget *button = gtk_button_new_from_icon_name (delta < 0 ? "go-up-symbolic" : "go-down-symbolic");
  g_autofree char *name = g_strdup_printf ("routes[%u].move%s", index, delta < 0 ? "-up" : "-down");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, delta < 0 ? _("Earlier: tried before the route above")
                                                 : _("Later: tried after the route below"));
  gtk_widget_set_name (button, name);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_move_cb), self);
  return button;
}

static void
build_routes (TsRulesDialog *self)
{
  JsonArray *routes = json_object_get_array_member (self->json, "routes");
  guint n = routes ? json_array_get_length (routes) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *r = json_array_get_object_element (routes, i);
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *combo = adw_combo_row_new ();
      GtkWidget *moves = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      g_autoptr(GtkStringList) model = gtk_string_list_new (destinations);
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, json_object_get_string_member_with_default (r, "id", "?"));
      const char *to = json_object_get_string_member_with_default (r, "to", "no_touch");
      gboolean last = i + 1 == n;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      if (last)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("The last route takes every moment no route before it took"));
      if (i > 0 && !last)
        gtk_box_append (GTK_BOX (moves), move_button (self, i, -1));
      if (i + 2 < n)
        gtk_box_append (GTK_BOX (moves), move_button (self, i, +1));
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), moves);

      if (!last)
        {
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     text_row (self, r, "routes", i, "when", _("When")));
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     text_row (self, r, "routes", i, "readiness", _("Only when ready (an expansion route)")));
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("To"));
      adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (model));
      for (guint k = 0; destinations[k]; k++)
        if (g_str_equal (destinations[k], to))
          adw_combo_row_set_selected (ADW_COMBO_ROW (combo), k);
      bind_target (combo, "routes", i, "to");
      g_signal_connect (combo, "notify::selected", G_CALLBACK (on_destination_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 text_row (self, r, "routes", i, "channel", _("Channel")));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 number_row (self, r, "routes", i, "sla_hours", _("SLA"),
                                             _("Hours within which the promise is kept (0: none)"), 24 * 365));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 text_row (self, r, "routes", i, "promise", _("Experience promise")));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->routes_page), ADW_PREFERENCES_GROUP (group));
    }
}

static void
build_guardrails (TsRulesDialog *self)
{
  JsonArray *guardrails = json_object_get_array_member (self->json, "guardrails");
  g_autoptr(TsPlaybook) pb = ts_playbook_new_from_json (self->json, NULL);

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
          adw_preferences_group_add (pg, number_row (self, g, "guardrails", i, "max", _("At most"),
                                                     _("Touches in the window, transactional ones not counted"), 1000));
          adw_preferences_group_add (pg, text_row (self, g, "guardrails", i, "window", _("Window (e.g. 7d)")));
          adw_preferences_group_add (pg, text_row (self, g, "guardrails", i, "channel", _("Channel (empty: all)")));
          break;
        case TS_GUARDRAIL_SUPPRESSION:
          adw_preferences_group_add (pg, text_row (self, g, "guardrails", i, "list", _("List")));
          break;
        case TS_GUARDRAIL_QUIET_HOURS:
          adw_preferences_group_add (pg, text_row (self, g, "guardrails", i, "start", _("From (HH:MM, the customer's time)")));
          adw_preferences_group_add (pg, text_row (self, g, "guardrails", i, "end", _("Until")));
          break;
        case TS_GUARDRAIL_NO_PITCH:
          if (guardrail->no_pitch != TS_NO_PITCH_OPEN_CASE)
            adw_preferences_group_add (pg, number_row (self, g, "guardrails", i, "days", _("Days"),
                                                       _("How long no one pitches"), 3650));
          break;
        case TS_GUARDRAIL_CONSENT:
        default:
          break;
        }
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self->guardrails_page), pg);
    }
}

static GtkWidget *
page_new (const char *title,
          const char *icon,
          const char *description)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *intro = adw_preferences_group_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), title);
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), icon);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (intro), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (intro));
  return page;
}

static void
rebuild (TsRulesDialog *self)
{
  const char *visible = self->routes_page ? adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (self))
                                          : NULL;
  g_autofree char *keep = g_strdup (visible);

  if (self->routes_page)
    adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->routes_page));
  if (self->guardrails_page)
    adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->guardrails_page));
  self->routes_page = page_new (_("Routes"), "mail-send-symbolic",
                                _("Tried in order: the first whose condition holds takes the moment. "
                                  "Conditions see the signals, score, band, stage and customer.FIELD."));
  gtk_widget_set_name (self->routes_page, "routes");
  self->guardrails_page = page_new (_("Guardrails"), "security-high-symbolic",
                                    _("Each one can hold a touch back; a help route is never held back by a no-pitch window."));
  gtk_widget_set_name (self->guardrails_page, "guardrails");
  build_routes (self);
  build_guardrails (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->routes_page));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->guardrails_page));
  if (keep)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), keep);
}

static void
ts_rules_dialog_dispose (GObject *object)
{
  TsRulesDialog *self = TS_RULES_DIALOG (object);

  g_clear_object (&self->workspace);
  g_clear_pointer (&self->json, json_object_unref);

  G_OBJECT_CLASS (ts_rules_dialog_parent_class)->dispose (object);
}

static void
ts_rules_dialog_class_init (TsRulesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ts_rules_dialog_dispose;

  /**
   * TsRulesDialog::changed:
   *
   * A valid edit went into the workspace's playbook.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ts_rules_dialog_init (TsRulesDialog *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Routes and Guardrails"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 760);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), TRUE);
}

/**
 * ts_rules_dialog_new:
 * @workspace: whose playbook to edit
 *
 * Returns: (transfer floating): the dialog, or %NULL when the playbook
 *   cannot be read
 */
GtkWidget *
ts_rules_dialog_new (TsWorkspace *workspace,
                     GError     **error)
{
  g_autoptr(JsonObject) json = ts_playbook_dup_workspace_json (workspace, error);
  TsRulesDialog *self;

  g_return_val_if_fail (TS_IS_WORKSPACE (workspace), NULL);
  if (json == NULL)
    return NULL;
  self = g_object_new (TS_TYPE_RULES_DIALOG, NULL);
  self->workspace = g_object_ref (workspace);
  self->json = g_steal_pointer (&json);
  rebuild (self);
  return GTK_WIDGET (self);
}

/* ts-playbook-dialog.c — a part of the workspace's playbook, edited
 *
 * What the rules dialog (routes and guardrails) and the drivers dialog
 * share: they edit a copy of the workspace's playbook JSON, and every edit
 * is checked by reading the whole playbook again.  A valid one goes into
 * the workspace at once and the dialog says "changed" (the window scores
 * and decides again, and the pages that follow it count again); an
 * invalid one is refused with its JSON path ("$.drivers[2].filter: …"),
 * shown on its row and in a toast, and changes nothing.
 *
 * A subclass builds its pages from the JSON with the rows here, each
 * bound to one member of one element of a section; after an edit that
 * adds, removes or moves an element the pages are built again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ts-playbook-dialog-private.h"

typedef struct
{
  TsWorkspace *workspace;
  JsonObject  *json;         /* the playbook as last applied */
  GPtrArray   *pages;        /* the AdwPreferencesPages build() added */
  /* what the last removal took, for Undo */
  char        *removed_section;
  JsonNode    *removed;
  guint        removed_index;
} TsPlaybookDialogPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TsPlaybookDialog, ts_playbook_dialog, ADW_TYPE_PREFERENCES_WINDOW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The object that holds @section's array, and the array's name in it: a
 * section is a member of the playbook ("drivers") or a path to an array
 * in an element of one ("journeys[0].steps"). */
static JsonObject *
section_owner (JsonObject  *playbook,
               const char  *section,
               char       **name)
{
  g_auto(GStrv) parts = g_strsplit (section, ".", -1);
  JsonObject *owner = playbook;
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    {
      /* "name[i]": the i-th element of the array member */
      char *bracket = strchr (parts[i], '[');
      char *end = NULL;
      guint64 k;
      JsonNode *node;
      JsonArray *array;

      if (bracket == NULL)
        return NULL;
      *bracket = '\0';
      k = g_ascii_strtoull (bracket + 1, &end, 10);
      if (end == bracket + 1 || *end != ']')
        return NULL;
      node = json_object_get_member (owner, parts[i]);
      array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      if (array == NULL || k >= json_array_get_length (array) ||
          !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, k)))
        return NULL;
      owner = json_array_get_object_element (array, k);
    }
  *name = n > 0 ? g_strdup (parts[n - 1]) : g_strdup ("");
  return owner;
}

/**
 * _ts_playbook_dialog_get_section:
 * @section: "drivers", or a path to an array in an element of one:
 *   "journeys[0].steps"
 *
 * Returns: (transfer none) (nullable): the playbook's array @section, if
 *   it has one
 */
JsonArray *
_ts_playbook_dialog_get_section (JsonObject *playbook,
                                 const char *section)
{
  g_autofree char *name = NULL;
  JsonObject *owner = section_owner (playbook, section, &name);
  JsonNode *node = owner ? json_object_get_member (owner, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* puts @array (transfer full) as the playbook's @section */
static void
set_section (JsonObject *playbook,
             const char *section,
             JsonArray  *array)
{
  g_autofree char *name = NULL;
  JsonObject *owner = section_owner (playbook, section, &name);

  g_return_if_fail (owner != NULL);
  json_object_set_array_member (owner, name, array);
}

static JsonObject *
element (JsonObject *playbook,
         const char *section,
         guint       index)
{
  JsonArray *array = _ts_playbook_dialog_get_section (playbook, section);

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  return json_array_get_object_element (array, index);
}

/**
 * _ts_playbook_dialog_get_json:
 *
 * Returns: (transfer none): the playbook as last applied; copy it
 *   (ts_json_object_dup()) to edit it
 */
JsonObject *
_ts_playbook_dialog_get_json (TsPlaybookDialog *self)
{
  TsPlaybookDialogPrivate *priv = ts_playbook_dialog_get_instance_private (self);

  return priv->json;
}

/**
 * _ts_playbook_dialog_commit:
 * @edited: a copy of the playbook, edited
 *
 * Puts @edited into the workspace when it is a valid playbook.
 *
 * Returns: %FALSE, with the error naming the JSON path, when it is not
 */
gboolean
_ts_playbook_dialog_commit (TsPlaybookDialog  *self,
                            JsonObject        *edited,
                            GError           **error)
{
  TsPlaybookDialogPrivate *priv = ts_playbook_dialog_get_instance_private (self);
  g_autoptr(TsPlaybook) pb = ts_playbook_new_from_json (edited, error);

  if (pb == NULL)
    return FALSE;
  json_object_unref (priv->json);
  priv->json = json_object_ref (edited);
  ts_workspace_set_playbook (priv->workspace, edited);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * ts_playbook_dialog_apply:
 * @section: "routes", "guardrails", "drivers"…
 * @member: a member of the element, or of an object member of it
 *   ("alert.per_1000"), which is added when missing
 * @value: (nullable): the member's new value; %NULL removes it
 *
 * Sets one member of one element of a section, when the playbook stays
 * valid.
 *
 * Returns: %FALSE, with the error naming the JSON path, when it would not
 */
gboolean
ts_playbook_dialog_apply (TsPlaybookDialog  *self,
                          const char        *section,
                          guint              index,
                          const char        *member,
                          JsonNode          *value,
                          GError           **error)
{
  g_autoptr(JsonObject) edited = NULL;
  const char *dot;
  JsonObject *r;

  g_return_val_if_fail (TS_IS_PLAYBOOK_DIALOG (self), FALSE);
  g_return_val_if_fail (section != NULL && member != NULL, FALSE);

  edited = ts_json_object_dup (_ts_playbook_dialog_get_json (self));
  r = element (edited, section, index);
  g_return_val_if_fail (r != NULL, FALSE);
  dot = strchr (member, '.');
  if (dot != NULL)
    {
      g_autofree char *outer = g_strndup (member, dot - member);
      JsonNode *node = json_object_get_member (r, outer);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        json_object_set_object_member (r, outer, json_object_new ());
      r = json_object_get_object_member (r, outer);
      member = dot + 1;
    }
  if (value)
    json_object_set_member (r, member, json_node_copy (value));
  else if (json_object_has_member (r, member))
    json_object_remove_member (r, member);
  return _ts_playbook_dialog_commit (self, edited, error);
}

/**
 * ts_playbook_dialog_move:
 * @delta: -1 earlier, +1 later
 *
 * Swaps an element of a section with its neighbour, when the playbook
 * stays valid, and builds the pages again.
 */
gboolean
ts_playbook_dialog_move (TsPlaybookDialog  *self,
                         const char        *section,
                         guint              index,
                         int                delta,
                         GError           **error)
{
  g_autoptr(JsonObject) edited = NULL;
  g_autoptr(JsonArray) reordered = NULL;
  JsonArray *array;
  guint other = index + delta;

  g_return_val_if_fail (TS_IS_PLAYBOOK_DIALOG (self), FALSE);

  edited = ts_json_object_dup (_ts_playbook_dialog_get_json (self));
  array = _ts_playbook_dialog_get_section (edited, section);
  g_return_val_if_fail (array && index < json_array_get_length (array), FALSE);
  g_return_val_if_fail (other < json_array_get_length (array), FALSE);

  /* JsonArray has no swap: build it again in the new order */
  reordered = json_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    json_array_add_element (reordered, json_node_copy (json_array_get_element (array, i == index ? other
                                                                                  : i == other ? index : i)));
  set_section (edited, section, g_steal_pointer (&reordered));
  if (!_ts_playbook_dialog_commit (self, edited, error))
    return FALSE;
  _ts_playbook_dialog_rebuild (self);
  return TRUE;
}

/**
 * _ts_playbook_dialog_toast:
 *
 * Says @message in the dialog.
 */
void
_ts_playbook_dialog_toast (TsPlaybookDialog *self,
                           const char       *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
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

/**
 * _ts_playbook_dialog_bind_target:
 *
 * Makes @widget edit @member of element @index of @section
 * (_ts_playbook_dialog_apply_from()), and names it "section[index].member"
 * for tests to find.
 */
void
_ts_playbook_dialog_bind_target (GtkWidget  *widget,
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

/**
 * _ts_playbook_dialog_apply_from:
 * @widget: bound with _ts_playbook_dialog_bind_target()
 * @value: (nullable): the member's new value; %NULL removes it
 *
 * Applies @value to @widget's member; when it is refused, @widget shows
 * the error and a toast says why.
 */
gboolean
_ts_playbook_dialog_apply_from (TsPlaybookDialog *self,
                                GtkWidget        *widget,
                                JsonNode         *value)
{
  Target *t = g_object_get_data (G_OBJECT (widget), "target");
  g_autoptr(GError) error = NULL;

  g_assert (t != NULL);
  if (ts_playbook_dialog_apply (self, t->section, t->index, t->member, value, &error))
    {
      gtk_widget_remove_css_class (widget, "error");
      return TRUE;
    }
  gtk_widget_add_css_class (widget, "error");
  _ts_playbook_dialog_toast (self, error->message);
  return FALSE;
}

/* the value a row shows: of "per_1000" for "alert.per_1000" */
static const char *
leaf (const char *member)
{
  const char *dot = strrchr (member, '.');

  return dot ? dot + 1 : member;
}

static void
on_text_apply_cb (AdwEntryRow      *row,
                  TsPlaybookDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autoptr(JsonNode) value = NULL;

  if (*text)
    {
      value = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (value, text);
    }
  _ts_playbook_dialog_apply_from (self, GTK_WIDGET (row), value);
}

/**
 * _ts_playbook_dialog_text_row:
 *
 * An entry row, applied with its button or Enter; empty removes the
 * member.
 */
GtkWidget *
_ts_playbook_dialog_text_row (TsPlaybookDialog *self,
                              JsonObject       *r,
                              const char       *section,
                              guint             index,
                              const char       *member,
                              const char       *title)
{
  GtkWidget *row = adw_entry_row_new ();
  const char *text = json_object_get_string_member_with_default (r, leaf (member), "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  _ts_playbook_dialog_bind_target (row, section, index, member);
  g_signal_connect (row, "apply", G_CALLBACK (on_text_apply_cb), self);
  return row;
}

static void
on_list_apply_cb (AdwEntryRow      *row,
                  TsPlaybookDialog *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) value = NULL;

  for (guint i = 0; parts[i]; i++)
    if (*g_strstrip (parts[i]))
      json_array_add_string_element (array, parts[i]);
  if (json_array_get_length (array) > 0)
    {
      value = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (value, array);
    }
  _ts_playbook_dialog_apply_from (self, GTK_WIDGET (row), value);
}

/**
 * _ts_playbook_dialog_list_row:
 *
 * An entry row for a list of words, written "a, b"; applied with its
 * button or Enter; empty removes the member.
 */
GtkWidget *
_ts_playbook_dialog_list_row (TsPlaybookDialog *self,
                              JsonObject       *r,
                              const char       *section,
                              guint             index,
                              const char       *member,
                              const char       *title)
{
  GtkWidget *row = adw_entry_row_new ();
  JsonNode *node = json_object_get_member (r, leaf (member));
  g_autoptr(GString) text = g_string_new (NULL);

  if (node && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (text, "%s%s", i ? ", " : "", json_array_get_string_element (array, i));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text->str);
  _ts_playbook_dialog_bind_target (row, section, index, member);
  g_signal_connect (row, "apply", G_CALLBACK (on_list_apply_cb), self);
  return row;
}

static void
on_number_changed_cb (GtkSpinButton    *spin,
                      TsPlaybookDialog *self)
{
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);

  /* whole numbers stay integers in the JSON */
  if (gtk_spin_button_get_digits (spin) == 0)
    json_node_set_int (value, gtk_spin_button_get_value_as_int (spin));
  else
    json_node_set_double (value, gtk_spin_button_get_value (spin));
  _ts_playbook_dialog_apply_from (self, GTK_WIDGET (spin), value);
}

/**
 * _ts_playbook_dialog_number_row:
 * @subtitle: (nullable)
 * @max: the largest value; the smallest is 0
 * @digits: 0 for whole numbers, else how many decimals
 *
 * A row with a spin button, applied as it changes; the spin button is the
 * row's activatable widget.
 */
GtkWidget *
_ts_playbook_dialog_number_row (TsPlaybookDialog *self,
                                JsonObject       *r,
                                const char       *section,
                                guint             index,
                                const char       *member,
                                const char       *title,
                                const char       *subtitle,
                                double            max,
                                guint             digits)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, digits ? 0.1 : 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), json_object_get_double_member_with_default (r, leaf (member), 0));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  _ts_playbook_dialog_bind_target (spin, section, index, member);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_number_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  return row;
}

static void
on_choice_selected_cb (AdwComboRow      *row,
                       GParamSpec       *pspec,
                       TsPlaybookDialog *self)
{
  const char *const *choices = g_object_get_data (G_OBJECT (row), "choices");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(JsonNode) value = NULL;

  if (selected >= g_strv_length ((char **) choices))
    return;
  value = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (value, choices[selected]);
  _ts_playbook_dialog_apply_from (self, GTK_WIDGET (row), value);
}

/**
 * _ts_playbook_dialog_choice_row:
 * @choices: (array zero-terminated=1): the member's words, which outlive
 *   the row
 *
 * A combo row of the words a member can be, applied as it changes.
 */
GtkWidget *
_ts_playbook_dialog_choice_row (TsPlaybookDialog  *self,
                                JsonObject        *r,
                                const char        *section,
                                guint              index,
                                const char        *member,
                                const char        *title,
                                const char *const *choices)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (choices);
  const char *now = json_object_get_string_member_with_default (r, leaf (member), "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  for (guint k = 0; choices[k]; k++)
    if (g_str_equal (choices[k], now))
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), k);
  g_object_set_data (G_OBJECT (row), "choices", (gpointer) choices);
  _ts_playbook_dialog_bind_target (row, section, index, member);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_choice_selected_cb), self);
  return row;
}

static void
on_move_cb (GtkButton        *button,
            TsPlaybookDialog *self)
{
  const char *section = g_object_get_data (G_OBJECT (button), "section");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  g_autoptr(GError) error = NULL;

  if (!ts_playbook_dialog_move (self, section, index, delta, &error))
    _ts_playbook_dialog_toast (self, error->message);
}

/**
 * _ts_playbook_dialog_move_button:
 * @delta: -1 earlier, +1 later
 *
 * A button that moves an element of @section (ts_playbook_dialog_move()),
 * named "section[index].move-up" or "….move-down".
 */
GtkWidget *
_ts_playbook_dialog_move_button (TsPlaybookDialog *self,
                                 const char       *section,
                                 guint             index,
                                 int               delta,
                                 const char       *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (delta < 0 ? "go-up-symbolic" : "go-down-symbolic");
  g_autofree char *name = g_strdup_printf ("%s[%u].move%s", section, index, delta < 0 ? "-up" : "-down");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  /* an icon alone says nothing to a screen reader */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_name (button, name);
  g_object_set_data_full (G_OBJECT (button), "section", g_strdup (section), g_free);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (on_move_cb), self);
  return button;
}

/* ------------------------------------------------------------------ */
/* Adding and removing elements                                        */
/* ------------------------------------------------------------------ */

static gboolean
has_id (JsonArray  *elements,
        const char *id)
{
  for (guint i = 0; elements && i < json_array_get_length (elements); i++)
    {
      JsonObject *e = json_array_get_object_element (elements, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (e, "id", NULL), id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "Billing errors" → billing_errors, then billing_errors_2…: an id as the
 * playbook wants it (a letter or _, then letters, digits, _), unused */
static char *
id_for_label (JsonArray  *elements,
              const char *label,
              const char *fallback)
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
  if (id->len == 0)
    g_string_append (id, fallback);
  else if (g_ascii_isdigit (id->str[0]))
    g_string_prepend (id, "_");
  base = g_string_free (g_steal_pointer (&id), FALSE);
  candidate = g_strdup (base);
  for (guint n = 2; has_id (elements, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s_%u", base, n);
    }
  return candidate;
}

/* the playbook's @section, made when missing */
static JsonArray *
section_of (JsonObject *playbook,
            const char *section)
{
  if (_ts_playbook_dialog_get_section (playbook, section) == NULL)
    set_section (playbook, section, json_array_new ());
  return _ts_playbook_dialog_get_section (playbook, section);
}

/**
 * _ts_playbook_dialog_new_id:
 * @label: whence the id is made: "Billing errors" → billing_errors, or
 *   @fallback when it has no letters
 *
 * Returns: (transfer full): an id no element of @section has (a number is
 *   added when it is taken)
 */
char *
_ts_playbook_dialog_new_id (TsPlaybookDialog *self,
                            const char       *section,
                            const char       *label,
                            const char       *fallback)
{
  return id_for_label (_ts_playbook_dialog_get_section (_ts_playbook_dialog_get_json (self), section), label, fallback);
}

/**
 * _ts_playbook_dialog_new_element:
 * @label: the new element's label, whence its id (_ts_playbook_dialog_new_id())
 *
 * A new element of a section whose elements are bound to the data by a
 * filter (drivers, touchpoints): its id, its label, and a filter on the
 * events named as its id — none, until the filter is bound to the data.
 *
 * Returns: (transfer full): the element, not yet added
 */
JsonObject *
_ts_playbook_dialog_new_element (TsPlaybookDialog *self,
                                 const char       *section,
                                 const char       *label,
                                 const char       *fallback)
{
  JsonObject *element = json_object_new ();
  g_autofree char *id = _ts_playbook_dialog_new_id (self, section, label, fallback);
  g_autofree char *filter = g_strdup_printf ("name == \"%s\"", id);

  json_object_set_string_member (element, "id", id);
  if (*label)
    json_object_set_string_member (element, "label", label);
  json_object_set_string_member (element, "table", "events");
  json_object_set_string_member (element, "filter", filter);
  return element;
}

/**
 * _ts_playbook_dialog_add_element:
 * @element: (transfer none): the new element, with its id
 *   (_ts_playbook_dialog_new_id())
 *
 * Adds @element at the end of @section, when the playbook stays valid,
 * and builds the pages again.
 */
gboolean
_ts_playbook_dialog_add_element (TsPlaybookDialog  *self,
                                 const char        *section,
                                 JsonObject        *element,
                                 GError           **error)
{
  g_autoptr(JsonObject) edited = ts_json_object_dup (_ts_playbook_dialog_get_json (self));

  json_array_add_object_element (section_of (edited, section), ts_json_object_dup (element));
  if (!_ts_playbook_dialog_commit (self, edited, error))
    return FALSE;
  _ts_playbook_dialog_rebuild (self);
  return TRUE;
}

/* puts @node at @index of @section */
static gboolean
insert (TsPlaybookDialog  *self,
        const char        *section,
        guint              index,
        JsonNode          *node,
        GError           **error)
{
  g_autoptr(JsonObject) edited = ts_json_object_dup (_ts_playbook_dialog_get_json (self));
  JsonArray *elements = section_of (edited, section);
  g_autoptr(JsonArray) changed = json_array_new ();
  guint n = json_array_get_length (elements);

  for (guint i = 0; i <= n; i++)
    {
      if (i == MIN (index, n))
        json_array_add_element (changed, json_node_copy (node));
      if (i < n)
        json_array_add_element (changed, json_node_copy (json_array_get_element (elements, i)));
    }
  set_section (edited, section, g_steal_pointer (&changed));
  if (!_ts_playbook_dialog_commit (self, edited, error))
    return FALSE;
  _ts_playbook_dialog_rebuild (self);
  return TRUE;
}

/**
 * _ts_playbook_dialog_remove_element:
 *
 * Removes an element of @section, when the playbook stays valid; the
 * dialog's action "playbook.undo-remove" puts it back.
 */
gboolean
_ts_playbook_dialog_remove_element (TsPlaybookDialog  *self,
                                    const char        *section,
                                    guint              index,
                                    GError           **error)
{
  TsPlaybookDialogPrivate *priv = ts_playbook_dialog_get_instance_private (self);
  g_autoptr(JsonObject) edited = ts_json_object_dup (_ts_playbook_dialog_get_json (self));
  JsonArray *elements = _ts_playbook_dialog_get_section (edited, section);
  g_autoptr(JsonNode) removed = NULL;

  g_return_val_if_fail (elements && index < json_array_get_length (elements), FALSE);

  removed = json_node_copy (json_array_get_element (elements, index));
  json_array_remove_element (elements, index);
  if (!_ts_playbook_dialog_commit (self, edited, error))
    return FALSE;
  g_clear_pointer (&priv->removed, json_node_unref);
  g_free (priv->removed_section);
  priv->removed = g_steal_pointer (&removed);
  priv->removed_section = g_strdup (section);
  priv->removed_index = index;
  _ts_playbook_dialog_rebuild (self);
  return TRUE;
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TsPlaybookDialog *self = TS_PLAYBOOK_DIALOG (widget);
  TsPlaybookDialogPrivate *priv = ts_playbook_dialog_get_instance_private (self);
  g_autoptr(JsonNode) removed = g_steal_pointer (&priv->removed);
  g_autoptr(GError) error = NULL;

  if (removed && !insert (self, priv->removed_section, priv->removed_index, removed, &error))
    _ts_playbook_dialog_toast (self, error->message);
}

static void
on_remove_cb (GtkButton        *button,
              TsPlaybookDialog *self)
{
  TsPlaybookDialogPrivate *priv = ts_playbook_dialog_get_instance_private (self);
  const char *section = g_object_get_data (G_OBJECT (button), "section");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (!_ts_playbook_dialog_remove_element (self, section, index, &error))
    {
      _ts_playbook_dialog_toast (self, error->message);
      return;
    }
  /* Translators: %s is the id of what was removed */
  message = g_strdup_printf (_("%s removed"),
                             json_object_get_string_member_with_default (json_node_get_object (priv->removed), "id", "?"));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "playbook.undo-remove");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/**
 * _ts_playbook_dialog_element_buttons:
 * @n: how many elements @section has
 *
 * An element's buttons, for its group's header: earlier and later (where
 * it can move) and remove, named "section[index].remove".
 */
GtkWidget *
_ts_playbook_dialog_element_buttons (TsPlaybookDialog *self,
                                     const char       *section,
                                     guint             index,
                                     guint             n,
                                     const char       *earlier,
                                     const char       *later,
                                     const char       *remove_tooltip)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *name = g_strdup_printf ("%s[%u].remove", section, index);

  if (index > 0)
    gtk_box_append (GTK_BOX (box), _ts_playbook_dialog_move_button (self, section, index, -1, earlier));
  if (index + 1 < n)
    gtk_box_append (GTK_BOX (box), _ts_playbook_dialog_move_button (self, section, index, +1, later));
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_tooltip, -1);
  gtk_widget_set_name (remove, name);
  g_object_set_data_full (G_OBJECT (remove), "section", g_strdup (section), g_free);
  g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_cb), self);
  gtk_box_append (GTK_BOX (box), remove);
  return box;
}

static void
on_add_apply_cb (AdwEntryRow      *row,
                 TsPlaybookDialog *self)
{
  TsPlaybookDialogAddFunc add = g_object_get_data (G_OBJECT (row), "add");
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (*label == '\0')
    return;
  id = add (self, label, &error);
  if (id == NULL)
    {
      _ts_playbook_dialog_toast (self, error->message);
      return;
    }
  /* Translators: the first %s is the new element's label, the second its id */
  message = g_strdup_printf (_("“%s” added at the end: it counts the events named %s until its filter says otherwise"),
                             label, id);
  _ts_playbook_dialog_toast (self, message);
}

/**
 * _ts_playbook_dialog_add_new_group:
 * @add: adds an element from a label, returning its id
 *
 * Adds to @page a group with an entry row, named "section.add", whose
 * label @add makes a new element of @section.
 */
void
_ts_playbook_dialog_add_new_group (TsPlaybookDialog        *self,
                                   AdwPreferencesPage      *page,
                                   const char              *section,
                                   const char              *title,
                                   const char              *row_title,
                                   TsPlaybookDialogAddFunc  add)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *name = g_strdup_printf ("%s.add", section);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), row_title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "add", add);
  g_signal_connect (row, "apply", G_CALLBACK (on_add_apply_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
}

/* ------------------------------------------------------------------ */
/* Pages                                                               */
/* ------------------------------------------------------------------ */

/**
 * _ts_playbook_dialog_add_page:
 * @name: the page's name, for tests and to stay on it when built again
 * @description: what the page edits, in a group at its top
 *
 * Adds a page to the dialog; build() adds its pages with this.
 *
 * Returns: (transfer none): the page
 */
AdwPreferencesPage *
_ts_playbook_dialog_add_page (TsPlaybookDialog *self,
                              const char       *name,
                              const char       *title,
                              const char       *icon_name,
                              const char       *description)
{
  TsPlaybookDialogPrivate *priv = ts_playbook_dialog_get_instance_private (self);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *intro = adw_preferences_group_new ();

  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (page), name);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), title);
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), icon_name);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (intro), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (intro));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
  g_ptr_array_add (priv->pages, page);
  return ADW_PREFERENCES_PAGE (page);
}

/**
 * _ts_playbook_dialog_rebuild:
 *
 * Builds the pages again from the playbook as it is, staying on the page
 * shown: after an element was added, removed or moved.
 */
void
_ts_playbook_dialog_rebuild (TsPlaybookDialog *self)
{
  TsPlaybookDialogPrivate *priv = ts_playbook_dialog_get_instance_private (self);
  g_autofree char *keep = NULL;

  if (priv->pages->len > 0)
    keep = g_strdup (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (self)));
  for (guint i = 0; i < priv->pages->len; i++)
    adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), g_ptr_array_index (priv->pages, i));
  g_ptr_array_set_size (priv->pages, 0);
  TS_PLAYBOOK_DIALOG_GET_CLASS (self)->build (self);
  if (keep)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), keep);
}

/**
 * _ts_playbook_dialog_new:
 * @type: a subclass
 * @workspace: whose playbook to edit
 *
 * Returns: (transfer none): the dialog, or %NULL when the playbook
 *   cannot be read
 */
GtkWidget *
_ts_playbook_dialog_new (GType         type,
                         TsWorkspace  *workspace,
                         GError      **error)
{
  g_autoptr(JsonObject) json = NULL;
  TsPlaybookDialogPrivate *priv;
  TsPlaybookDialog *self;

  g_return_val_if_fail (g_type_is_a (type, TS_TYPE_PLAYBOOK_DIALOG), NULL);
  g_return_val_if_fail (TS_IS_WORKSPACE (workspace), NULL);

  json = ts_playbook_dup_workspace_json (workspace, error);
  if (json == NULL)
    return NULL;
  self = g_object_new (type, NULL);
  priv = ts_playbook_dialog_get_instance_private (self);
  priv->workspace = g_object_ref (workspace);
  priv->json = g_steal_pointer (&json);
  _ts_playbook_dialog_rebuild (self);
  return GTK_WIDGET (self);
}

static void
ts_playbook_dialog_dispose (GObject *object)
{
  TsPlaybookDialog *self = TS_PLAYBOOK_DIALOG (object);
  TsPlaybookDialogPrivate *priv = ts_playbook_dialog_get_instance_private (self);

  g_clear_object (&priv->workspace);
  g_clear_pointer (&priv->json, json_object_unref);
  g_clear_pointer (&priv->removed, json_node_unref);
  g_clear_pointer (&priv->removed_section, g_free);

  G_OBJECT_CLASS (ts_playbook_dialog_parent_class)->dispose (object);
}

static void
ts_playbook_dialog_finalize (GObject *object)
{
  TsPlaybookDialog *self = TS_PLAYBOOK_DIALOG (object);
  TsPlaybookDialogPrivate *priv = ts_playbook_dialog_get_instance_private (self);

  g_clear_pointer (&priv->pages, g_ptr_array_unref);

  G_OBJECT_CLASS (ts_playbook_dialog_parent_class)->finalize (object);
}

static void
ts_playbook_dialog_class_init (TsPlaybookDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_playbook_dialog_dispose;
  object_class->finalize = ts_playbook_dialog_finalize;
  gtk_widget_class_install_action (widget_class, "playbook.undo-remove", NULL, undo_remove_action);

  /**
   * TsPlaybookDialog::changed:
   *
   * A valid edit went into the workspace's playbook.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ts_playbook_dialog_init (TsPlaybookDialog *self)
{
  TsPlaybookDialogPrivate *priv = ts_playbook_dialog_get_instance_private (self);

  /* the window owns the pages; these are only the ones to remove */
  priv->pages = g_ptr_array_new ();
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 760);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), TRUE);
}

/* ts-journeys-dialog.c — the playbook's journeys, edited
 *
 * A page per journey: who enters it, its goal and how many new questions
 * a touch may ask, then its steps in order, each a form — a touch's
 * channel, message, asks, promise and the touches it refers to; a wait's
 * days; a branch's condition, where it leads and how often a way back is
 * taken — moved up or down, removed (with Undo), and new touches, waits
 * and branches added at the end.  Every edit is checked by reading the
 * whole playbook again (ts-playbook-dialog.c): a valid one goes into the
 * workspace at once and the Journeys page walks the customers again; an
 * invalid one is refused with its JSON path ("$.journeys[0].steps[2].then:
 * …") and changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>

#include "ts-playbook-dialog-private.h"
#include "ts-journeys-dialog.h"

struct _TsJourneysDialog
{
  TsPlaybookDialog  parent_instance;
};

G_DEFINE_FINAL_TYPE (TsJourneysDialog, ts_journeys_dialog, TS_TYPE_PLAYBOOK_DIALOG)

static const char *const channels[] = { "email", "sms", "phone", "in_app", "push", NULL };

static char *
steps_of (guint journey)
{
  return g_strdup_printf ("journeys[%u].steps", journey);
}

/**
 * ts_journeys_dialog_apply:
 * @step: a step of the journey; -1: the journey itself
 * @member: a member of the step ("label", "channel", "asks", "then"…) or
 *   of the journey ("label", "entry", "goal.filter", "max_asks"…)
 * @value: (nullable): the member's new value; %NULL removes it
 *
 * Sets one member, when the playbook stays valid.
 *
 * Returns: %FALSE, with the error naming the JSON path, when it would not
 */
gboolean
ts_journeys_dialog_apply (TsJourneysDialog  *self,
                          guint              journey,
                          int                step,
                          const char        *member,
                          JsonNode          *value,
                          GError           **error)
{
  g_autofree char *steps = steps_of (journey);

  g_return_val_if_fail (TS_IS_JOURNEYS_DIALOG (self), FALSE);
  if (step < 0)
    return ts_playbook_dialog_apply (TS_PLAYBOOK_DIALOG (self), "journeys", journey, member, value, error);
  return ts_playbook_dialog_apply (TS_PLAYBOOK_DIALOG (self), steps, step, member, value, error);
}

/**
 * ts_journeys_dialog_add_step:
 * @kind: "touch", "wait" or "branch"
 * @label: (nullable): the step's label, whence its id
 *
 * Adds a step at the end of a journey: a touch by e-mail saying its label
 * (whose promise is still to write: the continuity check says so), a wait
 * of a week, or a branch that ends the journey either way until its
 * condition and ways are set.
 *
 * Returns: (transfer full): the new step's id, or %NULL with @error set
 */
char *
ts_journeys_dialog_add_step (TsJourneysDialog  *self,
                             guint              journey,
                             const char        *kind,
                             const char        *label,
                             GError           **error)
{
  TsPlaybookDialog *dialog = TS_PLAYBOOK_DIALOG (self);
  g_autofree char *steps = steps_of (journey);
  g_autoptr(JsonObject) step = json_object_new ();
  g_autofree char *id = NULL;

  g_return_val_if_fail (TS_IS_JOURNEYS_DIALOG (self), NULL);
  g_return_val_if_fail (g_strv_contains ((const char *const[]) { "touch", "wait", "branch", NULL }, kind), NULL);

  id = _ts_playbook_dialog_new_id (dialog, steps, label && *label ? label : kind, kind);
  json_object_set_string_member (step, "id", id);
  if (label && *label)
    json_object_set_string_member (step, "label", label);
  json_object_set_string_member (step, "kind", kind);
  if (g_str_equal (kind, "touch"))
    {
      json_object_set_string_member (step, "channel", "email");
      json_object_set_string_member (step, "message", label && *label ? label : id);
    }
  else if (g_str_equal (kind, "wait"))
    json_object_set_int_member (step, "days", 7);
  else
    {
      json_object_set_string_member (step, "when", "true");
      json_object_set_string_member (step, "then", "end");
      json_object_set_string_member (step, "else", "end");
    }
  if (!_ts_playbook_dialog_add_element (dialog, steps, step, error))
    return NULL;
  return g_steal_pointer (&id);
}

/**
 * ts_journeys_dialog_remove_step:
 *
 * Removes a step, which the dialog's Undo puts back; refused when another
 * step still leads to it.
 */
gboolean
ts_journeys_dialog_remove_step (TsJourneysDialog  *self,
                                guint              journey,
                                guint              step,
                                GError           **error)
{
  g_autofree char *steps = steps_of (journey);

  g_return_val_if_fail (TS_IS_JOURNEYS_DIALOG (self), FALSE);
  return _ts_playbook_dialog_remove_element (TS_PLAYBOOK_DIALOG (self), steps, step, error);
}

/**
 * ts_journeys_dialog_move_step:
 * @delta: -1 earlier, +1 later
 */
gboolean
ts_journeys_dialog_move_step (TsJourneysDialog  *self,
                              guint              journey,
                              guint              step,
                              int                delta,
                              GError           **error)
{
  g_autofree char *steps = steps_of (journey);

  g_return_val_if_fail (TS_IS_JOURNEYS_DIALOG (self), FALSE);
  return ts_playbook_dialog_move (TS_PLAYBOOK_DIALOG (self), steps, step, delta, error);
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

static void
on_add_clicked_cb (GtkButton        *button,
                   TsJourneysDialog *self)
{
  GtkEditable *label = g_object_get_data (G_OBJECT (button), "label");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (label)));
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  id = ts_journeys_dialog_add_step (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "journey")),
                                    g_object_get_data (G_OBJECT (button), "kind"), text, &error);
  if (id == NULL)
    _ts_playbook_dialog_toast (TS_PLAYBOOK_DIALOG (self), error->message);
}

/* a choice of where a branch leads: a step, or the end */
static GtkWidget *
way_row (TsPlaybookDialog *dialog,
         JsonObject       *step,
         JsonArray        *steps,
         const char       *section,
         guint            index,
         const char       *member,
         const char       *title)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  GtkWidget *row;
  char **ways;

  for (guint i = 0; i < json_array_get_length (steps); i++)
    g_strv_builder_add (b, json_object_get_string_member_with_default (json_array_get_object_element (steps, i), "id", "?"));
  g_strv_builder_add (b, "end");
  ways = g_strv_builder_end (b);
  if (!json_object_has_member (step, member))
    json_object_set_string_member (step, member, "end");
  row = _ts_playbook_dialog_choice_row (dialog, step, section, index, member, title, (const char *const *) ways);
  /* the row keeps its choices */
  g_object_set_data_full (G_OBJECT (row), "ts-ways", ways, (GDestroyNotify) g_strfreev);
  return row;
}

static void
add_step_rows (TsPlaybookDialog    *dialog,
               AdwPreferencesGroup *group,
               JsonObject          *step,
               JsonArray           *steps,
               const char          *section,
               guint                index)
{
  const char *kind = json_object_get_string_member_with_default (step, "kind", "");

  adw_preferences_group_add (group, _ts_playbook_dialog_text_row (dialog, step, section, index, "label", _("Label")));
  if (g_str_equal (kind, "touch"))
    {
      adw_preferences_group_add (group, _ts_playbook_dialog_choice_row (dialog, step, section, index, "channel",
                                                                        _("Channel"), channels));
      adw_preferences_group_add (group, _ts_playbook_dialog_text_row (dialog, step, section, index, "message", _("Message")));
      adw_preferences_group_add (group, _ts_playbook_dialog_list_row (dialog, step, section, index, "asks",
                                                                      _("Asks for (fields, separated by commas)")));
      adw_preferences_group_add (group, _ts_playbook_dialog_text_row (dialog, step, section, index, "promise",
                                                                      _("Experience Promise")));
      adw_preferences_group_add (group, _ts_playbook_dialog_list_row (dialog, step, section, index, "refers_to",
                                                                      _("Refers to (earlier touches, separated by commas)")));
    }
  else if (g_str_equal (kind, "wait"))
    adw_preferences_group_add (group, _ts_playbook_dialog_number_row (dialog, step, section, index, "days", _("Days"),
                                                                      _("How long customers stay at this step"), 365, 0));
  else if (g_str_equal (kind, "branch"))
    {
      adw_preferences_group_add (group, _ts_playbook_dialog_text_row (dialog, step, section, index, "when", _("Condition")));
      adw_preferences_group_add (group, way_row (dialog, step, steps, section, index, "then", _("When It Holds")));
      adw_preferences_group_add (group, way_row (dialog, step, steps, section, index, "else", _("Otherwise")));
      if (!json_object_has_member (step, "max_passes"))
        json_object_set_int_member (step, "max_passes", 1);
      adw_preferences_group_add (group, _ts_playbook_dialog_number_row (dialog, step, section, index, "max_passes",
                                                                        _("Times a Way Back Is Taken"),
                                                                        _("Then the other way, so that every walk ends"),
                                                                        100, 0));
    }
}

static GtkWidget *
add_button (TsJourneysDialog *self,
            guint             journey,
            const char       *kind,
            const char       *text,
            GtkWidget        *label)
{
  GtkWidget *button = gtk_button_new_with_label (text);
  g_autofree char *name = g_strdup_printf ("journeys[%u].add-%s", journey, kind);

  gtk_widget_set_name (button, name);
  g_object_set_data (G_OBJECT (button), "journey", GUINT_TO_POINTER (journey));
  g_object_set_data (G_OBJECT (button), "kind", (gpointer) kind);
  g_object_set_data (G_OBJECT (button), "label", label);
  g_signal_connect (button, "clicked", G_CALLBACK (on_add_clicked_cb), self);
  return button;
}

static void
build_journey (TsJourneysDialog *self,
               JsonObject       *journey,
               guint             j)
{
  TsPlaybookDialog *dialog = TS_PLAYBOOK_DIALOG (self);
  g_autofree char *section = steps_of (j);
  g_autofree char *page_name = g_strdup_printf ("journey-%u", j);
  const char *id = json_object_get_string_member_with_default (journey, "id", "?");
  const char *label = json_object_get_string_member_with_default (journey, "label", id);
  JsonArray *steps = _ts_playbook_dialog_get_section (_ts_playbook_dialog_get_json (dialog), section);
  guint n = steps ? json_array_get_length (steps) : 0;
  AdwPreferencesPage *page;
  GtkWidget *group, *new_label, *buttons;
  JsonNode *goal = json_object_get_member (journey, "goal");

  page = _ts_playbook_dialog_add_page (dialog, page_name, label, "mail-send-symbolic",
                                       _("Customers whose entry condition holds enter at the first step and walk the "
                                         "steps day by day; every touch passes the guardrails. Conditions name customer "
                                         "fields, signals, the score and the band, as routes do."));
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Journey"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), _ts_playbook_dialog_text_row (dialog, journey, "journeys", j, "label", _("Label")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), _ts_playbook_dialog_text_row (dialog, journey, "journeys", j, "entry",
                                                                                          _("Who Enters (a condition)")));
  if (goal && JSON_NODE_HOLDS_OBJECT (goal))
    {
      JsonObject *g = json_node_get_object (goal);
      gboolean records = json_object_has_member (g, "filter");

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 _ts_playbook_dialog_text_row (dialog, g, "journeys", j, records ? "goal.filter" : "goal.when",
                                                               records ? _("Goal: a record that passes") : _("Goal: a condition")));
    }
  if (!json_object_has_member (journey, "max_asks"))
    json_object_set_int_member (journey, "max_asks", 2);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             _ts_playbook_dialog_number_row (dialog, journey, "journeys", j, "max_asks", _("New Asks per Touch"),
                                                             _("Progressive profiling: at most this many new questions at once"),
                                                             20, 0));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));

  for (guint i = 0; i < n; i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      g_autoptr(JsonObject) shown = ts_json_object_dup (step);
      g_autofree char *title = NULL;

      /* Translators: a step's group: "2. touch · welcome" */
      title = g_strdup_printf (_("%u. %s · %s"), i + 1, json_object_get_string_member_with_default (step, "kind", "?"),
                               json_object_get_string_member_with_default (step, "id", "?"));
      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group),
                                               _ts_playbook_dialog_element_buttons (dialog, section, i, n,
                                                                                    _("Earlier: before the step above"),
                                                                                    _("Later: after the step below"),
                                                                                    _("Remove the step")));
      add_step_rows (dialog, ADW_PREFERENCES_GROUP (group), shown, steps, section, i);
      adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
    }

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("New Step"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("Added at the end, then moved where it belongs"));
  new_label = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (new_label), _("Label of the new step"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_label);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_box_append (GTK_BOX (buttons), add_button (self, j, "touch", _("Add a Touch"), new_label));
  gtk_box_append (GTK_BOX (buttons), add_button (self, j, "wait", _("Add a Wait"), new_label));
  gtk_box_append (GTK_BOX (buttons), add_button (self, j, "branch", _("Add a Branch"), new_label));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
}

static void
ts_journeys_dialog_build (TsPlaybookDialog *dialog)
{
  JsonArray *journeys = _ts_playbook_dialog_get_section (_ts_playbook_dialog_get_json (dialog), "journeys");
  guint n = journeys ? json_array_get_length (journeys) : 0;

  for (guint j = 0; j < n; j++)
    {
      g_autoptr(JsonObject) shown = ts_json_object_dup (json_array_get_object_element (journeys, j));

      build_journey (TS_JOURNEYS_DIALOG (dialog), shown, j);
    }
  if (n == 0)
    _ts_playbook_dialog_add_page (dialog, "none", _("Journeys"), "mail-send-symbolic",
                                  _("The playbook has no journeys: add a “journeys” section (docs/journeys.md)."));
}

static void
ts_journeys_dialog_class_init (TsJourneysDialogClass *klass)
{
  TsPlaybookDialogClass *dialog_class = TS_PLAYBOOK_DIALOG_CLASS (klass);

  dialog_class->build = ts_journeys_dialog_build;
}

static void
ts_journeys_dialog_init (TsJourneysDialog *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Journeys"));
}

/**
 * ts_journeys_dialog_new:
 * @workspace: whose playbook to edit
 *
 * Returns: (transfer none): the dialog, or %NULL when the playbook
 *   cannot be read
 */
GtkWidget *
ts_journeys_dialog_new (TsWorkspace *workspace,
                        GError     **error)
{
  return _ts_playbook_dialog_new (TS_TYPE_JOURNEYS_DIALOG, workspace, error);
}

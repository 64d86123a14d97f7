/* ts-scenario-page.c — the workshop: one customer moment, edited live
 *
 * On the left, the moment: when it is, who the customer is (stage, time
 * zone, sign-up, renewal), what happened (an open case, a complaint, a
 * survey answer, recent touches), what they agreed to (consent, lists),
 * and each signal's measure, which a facilitator can set by hand.  On the
 * right, what the playbook does with it: the score and band, the route
 * and its promise, every guardrail's verdict with its reason, and the
 * signals that make up the score.  Every edit decides the moment again
 * (ts-scenario.c: the same engine as for real customers), and what it
 * changed is marked: the score's move, the route it was, the verdicts that
 * flipped.
 *
 * Scenarios are kept in the workspace as they are edited.  "Present"
 * shows the page full screen in large type; Escape leaves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ts-rows.h"
#include "ts-scenario-page.h"

struct _TsScenarioPage
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  GtkDropDown    *chooser;
  GtkStringList  *names;
  GtkEntry       *customer_entry;
  GtkToggleButton *present_button;
  GtkBox         *editor;
  GtkBox         *result;
  GtkLabel       *error_label;

  TsWorkspace    *workspace;
  TsScores       *scores;         /* the real customers', for "start from" */
  GPtrArray      *scenarios;      /* TsScenario */
  guint           current;
  gboolean        loading;        /* filling in controls: edits are not the user's */
  gboolean        presenting;

  TsScores       *result_scores;  /* the moment's, one customer */
  TsDecision     *decision;
  GPtrArray      *signal_spins;   /* per playbook signal */

  /* what the room saw before the latest edit, to show what changed */
  double          was_score;      /* NAN: nothing to compare with */
  char           *was_route;
  GArray         *was_blocks;     /* gboolean per guardrail */
};

G_DEFINE_FINAL_TYPE (TsScenarioPage, ts_scenario_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_PRESENTING, N_PROPS };
static GParamSpec *properties[N_PROPS];

static const char *const consent_labels[] = { N_("Not asked"), N_("Said yes"), N_("Said no"), NULL };
static const char *const channel_labels[] = { N_("E-mail"), N_("SMS"), N_("Phone"), N_("In-app"), N_("Push") };

static void rebuild_editor (TsScenarioPage *self);

static TsScenario *
current (TsScenarioPage *self)
{
  if (self->scenarios->len == 0)
    return NULL;
  return g_ptr_array_index (self->scenarios, self->current);
}

static TsPlaybook *
playbook (TsScenarioPage *self)
{
  return self->scores ? ts_scores_get_playbook (self->scores) : NULL;
}

/* ------------------------------------------------------------------ */
/* Keeping scenarios in the workspace                                  */
/* ------------------------------------------------------------------ */

static void
save (TsScenarioPage *self)
{
  g_autoptr(JsonArray) array = json_array_new ();

  if (self->workspace == NULL)
    return;
  for (guint i = 0; i < self->scenarios->len; i++)
    json_array_add_element (array, ts_scenario_to_json (g_ptr_array_index (self->scenarios, i)));
  ts_workspace_set_scenarios (self->workspace, array);
}

static void
refill_names (TsScenarioPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < self->scenarios->len; i++)
    g_ptr_array_add (names, ((TsScenario *) g_ptr_array_index (self->scenarios, i))->name);
  g_ptr_array_add (names, NULL);
  self->loading = TRUE;
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char *const *) names->pdata);
  gtk_drop_down_set_selected (self->chooser, self->current);
  self->loading = FALSE;
}

/* ------------------------------------------------------------------ */
/* What the playbook does with the moment                               */
/* ------------------------------------------------------------------ */

static GtkWidget *
big_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
show_result (TsScenarioPage *self)
{
  TsPlaybook *pb = playbook (self);
  const TsRoute *route;
  g_autofree char *score = NULL;
  g_autofree char *to = NULL;
  g_autofree char *as_of = NULL;
  GtkWidget *head, *group;

  ts_box_remove_all (self->result);
  if (self->decision == NULL)
    return;

  route = ts_playbook_get_route (pb, self->decision->route);
  as_of = ts_timestamp_format_iso (ts_scores_get_as_of (self->result_scores));
  gtk_box_append (self->result, big_label (as_of, "dim-label"));

  head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  score = g_strdup_printf ("%.0f", ts_scores_get_score (self->result_scores, 0));
  gtk_box_append (GTK_BOX (head), big_label (score, "scenario-score"));
  {
    GtkWidget *col = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *band = big_label (ts_scores_get_band (self->result_scores, 0)->id, "scenario-band");
    GtkWidget *of;

    gtk_widget_set_valign (col, GTK_ALIGN_CENTER);
    gtk_box_append (GTK_BOX (col), band);
    of = big_label (_("score of 100"), "dim-label");
    gtk_label_set_wrap (GTK_LABEL (of), FALSE);
    gtk_box_append (GTK_BOX (col), of);
    gtk_box_append (GTK_BOX (head), col);
  }
  if (!isnan (self->was_score) && round (self->was_score) != round (ts_scores_get_score (self->result_scores, 0)))
    {
      double now = ts_scores_get_score (self->result_scores, 0);
      /* Translators: how the score moved with the latest edit: "▲ 25 from 5" */
      g_autofree char *moved = g_strdup_printf (now > self->was_score ? _("▲ %.0f from %.0f") : _("▼ %.0f from %.0f"),
                                                fabs (now - self->was_score), self->was_score);
      GtkWidget *label = big_label (moved, "scenario-changed");

      gtk_label_set_wrap (GTK_LABEL (label), FALSE);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_name (label, "scenario-moved");
      gtk_box_append (GTK_BOX (head), label);
    }
  gtk_widget_set_name (head, "scenario-score");
  gtk_box_append (self->result, head);

  to = ts_route_describe (route);
  {
    g_autofree char *line = g_strdup_printf ("%s → %s", route->id, to);
    GtkWidget *route_label = big_label (line, "scenario-route");

    gtk_widget_set_name (route_label, "scenario-route");
    gtk_box_append (self->result, route_label);
    if (self->was_route && g_strcmp0 (self->was_route, route->id) != 0)
      {
        /* Translators: the route before the latest edit */
        g_autofree char *was = g_strdup_printf (_("was %s"), self->was_route);
        GtkWidget *label = big_label (was, "scenario-changed");

        gtk_widget_set_name (label, "scenario-was-route");
        gtk_box_append (self->result, label);
      }
  }
  if (self->decision->held_back)
    gtk_box_append (self->result, big_label (_("Held back: a guardrail stops this touch"), "error"));
  if (route->promise)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", route->promise);
      GtkWidget *promise = big_label (quoted, "scenario-promise");

      gtk_widget_set_name (promise, "scenario-promise");
      gtk_box_append (self->result, promise);
    }

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Guardrails"));
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    {
      const TsVerdict *v = &self->decision->verdicts[i];
      GtkWidget *row = ts_info_row_new (ts_playbook_get_guardrail (pb, i)->id, v->reason, NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name (v->blocks ? "action-unavailable-symbolic"
                                                                : "emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, v->blocks ? "error" : "success");
      if (self->was_blocks && i < self->was_blocks->len &&
          g_array_index (self->was_blocks, gboolean, i) != v->blocks)
        {
          GtkWidget *flag = gtk_label_new (v->blocks ? _("now blocks") : _("now passes"));

          gtk_widget_add_css_class (flag, "scenario-changed");
          gtk_widget_add_css_class (row, "scenario-changed-row");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), flag);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      v->blocks ? _("Blocks") : _("Passes"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->result, group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("The Score, Explained"));
  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    {
      const TsSignal *s = ts_playbook_get_signal (pb, i);
      const TsSignalValue *v = ts_scores_get_signal (self->result_scores, 0, i);
      g_autofree char *explain = ts_scores_explain_signal (self->result_scores, 0, i);
      g_autofree char *points = NULL;

      if (s->weight == 0)
        continue;
      points = g_strdup_printf (_("%+.1f points"), v->contribution);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 ts_info_row_new (s->label ? s->label : s->id, explain, points));
    }
  gtk_box_append (self->result, group);
}

static void
forget (TsScenarioPage *self)
{
  self->was_score = NAN;
  g_clear_pointer (&self->was_route, g_free);
  g_array_set_size (self->was_blocks, 0);
}

/* what the room sees now, for the next edit to be compared with */
static void
remember (TsScenarioPage *self)
{
  TsPlaybook *pb = playbook (self);

  forget (self);
  if (self->decision == NULL)
    return;
  self->was_score = ts_scores_get_score (self->result_scores, 0);
  self->was_route = g_strdup (ts_playbook_get_route (pb, self->decision->route)->id);
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    g_array_append_val (self->was_blocks, self->decision->verdicts[i].blocks);
}

static void
refresh_signal_spins (TsScenarioPage *self)
{
  TsScenario *s = current (self);
  TsPlaybook *pb = playbook (self);

  self->loading = TRUE;
  for (guint i = 0; self->result_scores && i < self->signal_spins->len; i++)
    {
      GtkWidget *spin = g_ptr_array_index (self->signal_spins, i);
      GtkWidget *row = gtk_widget_get_ancestor (spin, ADW_TYPE_ACTION_ROW);
      double raw = ts_scores_get_signal (self->result_scores, 0, i)->raw;
      g_autofree char *explain = ts_scores_explain_signal (self->result_scores, 0, i);
      gboolean by_hand = ts_scenario_get_signal (s, ts_playbook_get_signal (pb, i)->id, NULL);
      g_autofree char *subtitle = by_hand ? g_strdup_printf (_("%s — set by hand"), explain)
                                          : g_strdup_printf (_("%s — from the moment"), explain);

      /* "never" (a recency with nothing to measure) is −1 in its spin button */
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), isnan (raw) ? -1 : raw);
      if (row)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  self->loading = FALSE;
}

static void
decide (TsScenarioPage *self)
{
  TsScenario *s = current (self);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->decision, ts_decision_free);
  g_clear_pointer (&self->result_scores, ts_scores_unref);
  if (s == NULL || self->scores == NULL)
    {
      ts_box_remove_all (self->result);
      return;
    }
  self->result_scores = ts_scenario_score (s, playbook (self), ts_scores_get_as_of (self->scores), &error);
  if (self->result_scores)
    self->decision = ts_decide (self->result_scores, 0, &error);
  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  show_result (self);
  refresh_signal_spins (self);
  remember (self);
}

/* an edit of the user's: decide again, and keep it */
static void
changed (TsScenarioPage *self)
{
  if (self->loading)
    return;
  decide (self);
  save (self);
}

/* ------------------------------------------------------------------ */
/* The moment's controls                                               */
/* ------------------------------------------------------------------ */

static void
on_name_apply_cb (AdwEntryRow    *row,
                  TsScenarioPage *self)
{
  TsScenario *s = current (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (*text == '\0')
    return;
  g_free (s->name);
  s->name = g_strdup (text);
  refill_names (self);
  save (self);
}

static void
on_text_fact_apply_cb (AdwEntryRow    *row,
                       TsScenarioPage *self)
{
  TsScenario *s = current (self);
  const char *which = g_object_get_data (G_OBJECT (row), "fact");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  char **field = g_str_equal (which, "stage") ? &s->stage
                 : g_str_equal (which, "timezone") ? &s->timezone : &s->case_priority;

  if (g_str_equal (which, "timezone") && *text)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (text);

      if (zone == NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          return;
        }
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_free (*field);
  *field = *text ? g_strdup (text) : NULL;
  changed (self);
}

static void
on_as_of_apply_cb (AdwEntryRow    *row,
                   TsScenarioPage *self)
{
  TsScenario *s = current (self);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  TsTime t;

  if (*text == '\0')
    s->as_of = TS_TIME_NULL;
  else if (ts_timestamp_parse (text, strlen (text), TS_TIME_FORMAT_ISO8601, NULL, &t))
    s->as_of = t;
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  changed (self);
}

static int *
days_field (TsScenario *s,
            const char *which)
{
  if (g_str_equal (which, "signup"))
    return &s->days_since_signup;
  if (g_str_equal (which, "renewal"))
    return &s->days_since_renewal;
  if (g_str_equal (which, "complaint"))
    return &s->days_since_complaint;
  return &s->days_since_survey;
}

/* a fact that happened N days ago, or not at all */
static void
on_fact_enabled_cb (AdwExpanderRow *row,
                    GParamSpec     *pspec,
                    TsScenarioPage *self)
{
  TsScenario *s;
  const char *which = g_object_get_data (G_OBJECT (row), "fact");
  GtkSpinButton *days = g_object_get_data (G_OBJECT (row), "days");
  gboolean on = adw_expander_row_get_enable_expansion (row);

  if (self->loading)
    return;
  s = current (self);
  if (g_str_equal (which, "case"))
    s->open_case = on;
  else
    {
      *days_field (s, which) = on ? gtk_spin_button_get_value_as_int (days) : -1;
      if (g_str_equal (which, "survey"))
        s->survey_score = on ? gtk_spin_button_get_value (g_object_get_data (G_OBJECT (row), "score")) : NAN;
    }
  changed (self);
}

static void
on_fact_days_cb (GtkSpinButton  *spin,
                 TsScenarioPage *self)
{
  AdwExpanderRow *row = g_object_get_data (G_OBJECT (spin), "row");

  if (self->loading)
    return;
  if (adw_expander_row_get_enable_expansion (row))
    on_fact_enabled_cb (row, NULL, self);
}

static GtkWidget *
spin_row (const char *title,
          const char *subtitle,
          double      min,
          double      max,
          double      step,
          guint       digits,
          double      value,
          GtkWidget **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  *spin_out = spin;
  return row;
}

static GtkWidget *
fact_row (TsScenarioPage *self,
          const char     *which,
          const char     *title,
          int             days)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *spin;
  GtkWidget *inner = spin_row (_("Days ago"), NULL, 0, 3650, 1, 0, MAX (days, 0), &spin);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (row), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), days >= 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), inner);
  g_object_set_data (G_OBJECT (row), "fact", (gpointer) which);
  g_object_set_data (G_OBJECT (row), "days", spin);
  g_object_set_data (G_OBJECT (spin), "row", row);
  gtk_widget_set_name (row, which);
  g_signal_connect (row, "notify::enable-expansion", G_CALLBACK (on_fact_enabled_cb), self);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_fact_days_cb), self);
  return row;
}

static GtkWidget *
entry_row (TsScenarioPage *self,
           const char     *which,
           const char     *title,
           const char     *text,
           GCallback       apply)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_object_set_data (G_OBJECT (row), "fact", (gpointer) which);
  gtk_widget_set_name (row, which);
  g_signal_connect (row, "apply", apply, self);
  return row;
}

static void
on_consent_selected_cb (AdwComboRow    *row,
                        GParamSpec     *pspec,
                        TsScenarioPage *self)
{
  guint channel = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "channel"));
  static const TsConsent values[] = { TS_CONSENT_UNKNOWN, TS_CONSENT_GRANTED, TS_CONSENT_DENIED };

  if (self->loading)
    return;
  current (self)->consent[channel] = values[MIN (adw_combo_row_get_selected (row), 2)];
  changed (self);
}

static void
on_list_toggled_cb (GtkSwitch      *sw,
                    GParamSpec     *pspec,
                    TsScenarioPage *self)
{
  if (self->loading)
    return;
  ts_scenario_set_on_list (current (self), g_object_get_data (G_OBJECT (sw), "list"),
                           gtk_switch_get_active (sw));
  changed (self);
}

static void
on_touch_remove_cb (GtkButton      *button,
                    TsScenarioPage *self)
{
  ts_scenario_remove_touch (current (self), GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
  rebuild_editor (self);
  changed (self);
}

static void
on_touch_add_cb (GtkButton      *button,
                 TsScenarioPage *self)
{
  GtkDropDown *channel = g_object_get_data (G_OBJECT (button), "channel");
  GtkSpinButton *days = g_object_get_data (G_OBJECT (button), "days");
  GtkCheckButton *transactional = g_object_get_data (G_OBJECT (button), "transactional");

  ts_scenario_add_touch (current (self), ts_scenario_channels[gtk_drop_down_get_selected (channel)],
                         gtk_spin_button_get_value (days), gtk_check_button_get_active (transactional));
  rebuild_editor (self);
  changed (self);
}

static void
on_signal_changed_cb (GtkSpinButton  *spin,
                      TsScenarioPage *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "signal"));

  if (self->loading)
    return;
  ts_scenario_set_signal (current (self), ts_playbook_get_signal (playbook (self), i)->id,
                          gtk_spin_button_get_value (spin) < 0 ? NAN : gtk_spin_button_get_value (spin));
  changed (self);
}

static void
on_signals_reset_cb (GtkButton      *button,
                     TsScenarioPage *self)
{
  ts_scenario_clear_signals (current (self));
  changed (self);
}

static GtkWidget *
group_new (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
build_touches (TsScenarioPage *self,
               TsScenario     *s,
               GtkWidget      *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *channel = gtk_drop_down_new_from_strings ((const char *const[]) {
    _(channel_labels[0]), _(channel_labels[1]), _(channel_labels[2]), _(channel_labels[3]), _(channel_labels[4]), NULL });
  GtkWidget *days = gtk_spin_button_new_with_range (0, 90, 1);
  GtkWidget *transactional = gtk_check_button_new_with_label (_("Transactional"));
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");

  for (guint i = 0; i < s->touches->len; i++)
    {
      const TsScenarioTouch *t = &g_array_index (s->touches, TsScenarioTouch, i);
      g_autofree char *title = g_strdup_printf (_("%s, %.1f days ago"), t->channel, t->days_ago);
      GtkWidget *r = ts_info_row_new (title, t->transactional ? _("Transactional: no cap counts it") : NULL, NULL);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this touch"));
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (on_touch_remove_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (r), remove);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), r);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add a touch"));
  gtk_widget_set_valign (channel, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (days, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (transactional, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (days), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Days ago"), -1);
  gtk_widget_set_tooltip_text (days, _("Days ago"));
  gtk_widget_set_tooltip_text (add, _("Add the touch"));
  gtk_widget_set_name (add, "add-touch");
  g_object_set_data (G_OBJECT (add), "channel", channel);
  g_object_set_data (G_OBJECT (add), "days", days);
  g_object_set_data (G_OBJECT (add), "transactional", transactional);
  g_signal_connect (add, "clicked", G_CALLBACK (on_touch_add_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), channel);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), days);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), transactional);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), add);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
build_signals (TsScenarioPage *self,
               GtkWidget      *group)
{
  TsPlaybook *pb = playbook (self);
  GtkWidget *reset = gtk_button_new_with_label (_("Measure All from the Moment"));

  gtk_widget_add_css_class (reset, "flat");
  g_signal_connect (reset, "clicked", G_CALLBACK (on_signals_reset_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), reset);
  g_ptr_array_set_size (self->signal_spins, 0);
  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    {
      const TsSignal *sig = ts_playbook_get_signal (pb, i);
      GtkWidget *spin;
      gboolean recency = sig->measure == TS_MEASURE_RECENCY;
      GtkWidget *row = spin_row (sig->label ? sig->label : sig->id, NULL, recency ? -1 : 0, 100000, 1,
                                 sig->measure == TS_MEASURE_EXISTS || sig->measure == TS_MEASURE_COUNT ? 0 : 1,
                                 0, &spin);

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      if (recency)
        {
          gtk_widget_set_tooltip_text (spin, _("Days since; −1: never"));
        }
      gtk_widget_set_name (spin, sig->id);
      g_object_set_data (G_OBJECT (spin), "signal", GUINT_TO_POINTER (i));
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_signal_changed_cb), self);
      g_ptr_array_add (self->signal_spins, spin);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
rebuild_editor (TsScenarioPage *self)
{
  TsScenario *s = current (self);
  TsPlaybook *pb = playbook (self);
  GtkWidget *group, *row, *spin;
  g_autofree char *as_of = NULL;

  self->loading = TRUE;
  ts_box_remove_all (self->editor);
  g_ptr_array_set_size (self->signal_spins, 0);
  if (s == NULL || pb == NULL)
    {
      self->loading = FALSE;
      return;
    }

  group = group_new (_("The Moment"), s->customer_id ? NULL : _("A customer made up for the workshop"));
  if (s->customer_id)
    {
      g_autofree char *from = g_strdup_printf (_("Started from customer %s"), s->customer_id);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), from);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row (self, "name", _("Name"), s->name, G_CALLBACK (on_name_apply_cb)));
  if (s->as_of != TS_TIME_NULL)
    as_of = ts_timestamp_format_iso (s->as_of);
  row = entry_row (self, "as-of", _("When (empty: the Scoring page's moment)"), as_of, G_CALLBACK (on_as_of_apply_cb));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row (self, "stage", _("Stage"), s->stage, G_CALLBACK (on_text_fact_apply_cb)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row (self, "timezone", _("Time zone (empty: UTC)"), s->timezone,
                                        G_CALLBACK (on_text_fact_apply_cb)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), fact_row (self, "signup", _("Signed up"), s->days_since_signup));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), fact_row (self, "renewal", _("Renewed"), s->days_since_renewal));
  gtk_box_append (self->editor, group);

  group = group_new (_("What Happened"), NULL);
  row = fact_row (self, "case", _("An open support case"), s->open_case ? 0 : -1);
  /* an open case has a priority, not an age: swap the days for it */
  {
    GtkWidget *priority = entry_row (self, "priority", _("Priority"), s->case_priority,
                                     G_CALLBACK (on_text_fact_apply_cb));
    GtkWidget *days_row = gtk_widget_get_ancestor (g_object_get_data (G_OBJECT (row), "days"), ADW_TYPE_ACTION_ROW);

    adw_expander_row_remove (ADW_EXPANDER_ROW (row), days_row);
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), priority);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             fact_row (self, "complaint", _("Complained"), s->days_since_complaint));
  row = fact_row (self, "survey", _("Answered a survey"), isnan (s->survey_score) ? -1 : s->days_since_survey);
  {
    GtkWidget *score_row = spin_row (_("Score, 0 to 10"), NULL, 0, 10, 1, 0,
                                     isnan (s->survey_score) ? 9 : s->survey_score, &spin);

    g_object_set_data (G_OBJECT (row), "score", spin);
    g_object_set_data (G_OBJECT (spin), "row", row);
    g_signal_connect (spin, "value-changed", G_CALLBACK (on_fact_days_cb), self);
    gtk_widget_set_name (spin, "survey-score");
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), score_row);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_box_append (self->editor, group);

  group = group_new (_("Recent Touches"), _("What the customer was sent before the moment"));
  build_touches (self, s, group);
  gtk_box_append (self->editor, group);

  group = group_new (_("Consent and Lists"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (s->consent); i++)
    {
      GtkWidget *combo = adw_combo_row_new ();
      g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
      static const guint index_of[] = { [TS_CONSENT_UNKNOWN] = 0, [TS_CONSENT_GRANTED] = 1, [TS_CONSENT_DENIED] = 2 };

      for (guint k = 0; consent_labels[k]; k++)
        gtk_string_list_append (model, _(consent_labels[k]));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _(channel_labels[i]));
      adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (model));
      adw_combo_row_set_selected (ADW_COMBO_ROW (combo), index_of[s->consent[i]]);
      g_object_set_data (G_OBJECT (combo), "channel", GUINT_TO_POINTER (i));
      gtk_widget_set_name (combo, ts_scenario_channels[i]);
      g_signal_connect (combo, "notify::selected", G_CALLBACK (on_consent_selected_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), combo);
    }
  for (guint i = 0; i < ts_playbook_get_n_guardrails (pb); i++)
    {
      const TsGuardrail *g = ts_playbook_get_guardrail (pb, i);
      g_autofree char *title = NULL;
      GtkWidget *sw;

      if (g->kind != TS_GUARDRAIL_SUPPRESSION)
        continue;
      title = g_strdup_printf (_("On the list “%s”"), g->list);
      row = ts_info_row_new (title, NULL, NULL);
      sw = gtk_switch_new ();
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw), ts_scenario_on_list (s, g->list));
      g_object_set_data_full (G_OBJECT (sw), "list", g_strdup (g->list), g_free);
      gtk_widget_set_name (sw, g->list);
      g_signal_connect (sw, "notify::active", G_CALLBACK (on_list_toggled_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->editor, group);

  group = group_new (_("Signals"), _("Each measure as of the moment; change one to set it by hand"));
  build_signals (self, group);
  gtk_box_append (self->editor, group);
  self->loading = FALSE;
}

/* ------------------------------------------------------------------ */
/* Choosing, adding and removing scenarios                              */
/* ------------------------------------------------------------------ */

static void
show_scenario (TsScenarioPage *self)
{
  forget (self);
  refill_names (self);
  rebuild_editor (self);
  decide (self);
  gtk_stack_set_visible_child_name (self->stack, self->scenarios->len && self->scores ? "content" : "empty");
}

/* the page builds the scenario's controls when it is shown */
static void
select_scenario (TsScenarioPage *self,
                 guint           index)
{
  self->current = MIN (index, self->scenarios->len ? self->scenarios->len - 1 : 0);
  ts_page_show_when_mapped (GTK_WIDGET (self), (TsPageShowFunc) show_scenario);
}

static void
add_scenario (TsScenarioPage *self,
              TsScenario     *scenario)
{
  g_ptr_array_add (self->scenarios, scenario);
  select_scenario (self, self->scenarios->len - 1);
  save (self);
}

static void
on_chooser_selected_cb (GtkDropDown    *chooser,
                        GParamSpec     *pspec,
                        TsScenarioPage *self)
{
  guint i = gtk_drop_down_get_selected (chooser);

  if (self->loading || i == GTK_INVALID_LIST_POSITION || i == self->current)
    return;
  select_scenario (self, i);
}

static void
on_new_cb (GtkButton      *button,
           TsScenarioPage *self)
{
  g_autofree char *name = g_strdup_printf (_("Scenario %u"), self->scenarios->len + 1);

  add_scenario (self, ts_scenario_new (name));
}

static void
on_from_customer_cb (TsScenarioPage *self)
{
  const char *id = gtk_editable_get_text (GTK_EDITABLE (self->customer_entry));
  g_autoptr(GError) error = NULL;

  if (!ts_scenario_page_start_from_customer (self, id, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
on_delete_cb (GtkButton      *button,
              TsScenarioPage *self)
{
  if (self->scenarios->len == 0)
    return;
  g_ptr_array_remove_index (self->scenarios, self->current);
  select_scenario (self, self->current > 0 ? self->current - 1 : 0);
  save (self);
}

static void
set_presenting (TsScenarioPage *self,
                gboolean        presenting)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->presenting == presenting)
    return;
  self->presenting = presenting;
  if (presenting)
    gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
  if (GTK_IS_WINDOW (root))
    {
      if (presenting)
        gtk_window_fullscreen (GTK_WINDOW (root));
      else
        gtk_window_unfullscreen (GTK_WINDOW (root));
    }
  gtk_toggle_button_set_active (self->present_button, presenting);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTING]);
}

static void
on_present_toggled_cb (GtkToggleButton *button,
                       TsScenarioPage  *self)
{
  set_presenting (self, gtk_toggle_button_get_active (button));
}

static gboolean
on_escape_cb (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  TsScenarioPage *self = TS_SCENARIO_PAGE (widget);

  if (!self->presenting)
    return FALSE;
  set_presenting (self, FALSE);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* API                                                                 */
/* ------------------------------------------------------------------ */

/**
 * ts_scenario_page_set_workspace:
 *
 * Shows the workspace's scenarios; edits are kept in it.
 */
void
ts_scenario_page_set_workspace (TsScenarioPage *self,
                                TsWorkspace    *workspace)
{
  JsonArray *saved;

  g_return_if_fail (TS_IS_SCENARIO_PAGE (self));

  g_set_object (&self->workspace, workspace);
  g_ptr_array_set_size (self->scenarios, 0);
  saved = workspace ? ts_workspace_get_scenarios (workspace) : NULL;
  for (guint i = 0; saved && i < json_array_get_length (saved); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.scenarios[%u]", i);
      TsScenario *s = ts_scenario_new_from_json (json_array_get_element (saved, i), path, NULL);

      if (s)   /* checked when the workspace was read */
        g_ptr_array_add (self->scenarios, s);
    }
  select_scenario (self, 0);
}

/* the editor's controls depend on the playbook's signals and lists only: a
 * weight or a rule changed leaves them as they are */
static gboolean
same_controls (TsPlaybook *a,
               TsPlaybook *b)
{
  guint n = ts_playbook_get_n_guardrails (a);

  if (a == b)
    return TRUE;
  if (ts_playbook_get_n_signals (a) != ts_playbook_get_n_signals (b) || n != ts_playbook_get_n_guardrails (b))
    return FALSE;
  for (guint i = 0; i < ts_playbook_get_n_signals (a); i++)
    {
      const TsSignal *x = ts_playbook_get_signal (a, i), *y = ts_playbook_get_signal (b, i);

      if (g_strcmp0 (x->id, y->id) != 0 || g_strcmp0 (x->label, y->label) != 0 || x->measure != y->measure)
        return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      const TsGuardrail *x = ts_playbook_get_guardrail (a, i), *y = ts_playbook_get_guardrail (b, i);

      if (x->kind != y->kind || g_strcmp0 (x->list, y->list) != 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * ts_scenario_page_set_scores:
 * @scores: (nullable): the Scoring page's scores: their playbook decides
 *   the moment, their moment is the default one, their customers can be
 *   started from
 */
void
ts_scenario_page_set_scores (TsScenarioPage *self,
                             TsScores       *scores)
{
  TsPlaybook *before;

  g_return_if_fail (TS_IS_SCENARIO_PAGE (self));

  before = playbook (self);
  if (scores)
    ts_scores_ref (scores);
  if (before && scores && same_controls (before, ts_scores_get_playbook (scores)))
    {
      /* the same controls: decide again, with the new playbook and moment */
      g_clear_pointer (&self->scores, ts_scores_unref);
      self->scores = scores;
      ts_page_show_when_mapped (GTK_WIDGET (self), (TsPageShowFunc) decide);
      return;
    }
  g_clear_pointer (&self->scores, ts_scores_unref);
  self->scores = scores;
  select_scenario (self, self->current);
}

/**
 * ts_scenario_page_set_customer_hint:
 *
 * The customer "Start from customer" offers (the one selected on the
 * Scoring page).
 */
void
ts_scenario_page_set_customer_hint (TsScenarioPage *self,
                                    const char     *customer_id)
{
  g_return_if_fail (TS_IS_SCENARIO_PAGE (self));
  if (customer_id && *gtk_editable_get_text (GTK_EDITABLE (self->customer_entry)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->customer_entry), customer_id);
}

/**
 * ts_scenario_page_start_from_customer:
 *
 * Adds a scenario of the real customer's moment and shows it.
 *
 * Returns: %FALSE when there are no scores or no such customer
 */
gboolean
ts_scenario_page_start_from_customer (TsScenarioPage *self,
                                      const char     *customer_id,
                                      GError        **error)
{
  int c;

  g_return_val_if_fail (TS_IS_SCENARIO_PAGE (self), FALSE);

  if (self->scores == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No customers are scored yet"));
      return FALSE;
    }
  c = ts_dataset_find_customer (ts_scores_get_dataset (self->scores), customer_id);
  if (c < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No customer “%s” in the data"), customer_id);
      return FALSE;
    }
  add_scenario (self, ts_scenario_new_from_customer (self->scores, c));
  return TRUE;
}

/**
 * ts_scenario_page_get_scenario:
 *
 * Returns: (transfer none) (nullable): the scenario shown
 */
const TsScenario *
ts_scenario_page_get_scenario (TsScenarioPage *self)
{
  g_return_val_if_fail (TS_IS_SCENARIO_PAGE (self), NULL);
  return current (self);
}

/**
 * ts_scenario_page_get_result:
 * @decision: (out) (optional): the moment's decision
 *
 * Returns: (transfer none) (nullable): the moment's scores (one customer)
 */
TsScores *
ts_scenario_page_get_result (TsScenarioPage    *self,
                             const TsDecision **decision)
{
  g_return_val_if_fail (TS_IS_SCENARIO_PAGE (self), NULL);
  if (decision)
    *decision = self->decision;
  return self->result_scores;
}

guint
ts_scenario_page_get_n_scenarios (TsScenarioPage *self)
{
  g_return_val_if_fail (TS_IS_SCENARIO_PAGE (self), 0);
  return self->scenarios->len;
}

/* ------------------------------------------------------------------ */

static void
ts_scenario_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TsScenarioPage *self = TS_SCENARIO_PAGE (object);

  switch (prop_id)
    {
    case PROP_PRESENTING:
      g_value_set_boolean (value, self->presenting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_scenario_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TsScenarioPage *self = TS_SCENARIO_PAGE (object);

  switch (prop_id)
    {
    case PROP_PRESENTING:
      set_presenting (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_scenario_page_dispose (GObject *object)
{
  TsScenarioPage *self = TS_SCENARIO_PAGE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->scores, ts_scores_unref);
  g_clear_pointer (&self->result_scores, ts_scores_unref);
  g_clear_pointer (&self->decision, ts_decision_free);
  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
  g_clear_pointer (&self->signal_spins, g_ptr_array_unref);
  g_clear_pointer (&self->was_route, g_free);
  g_clear_pointer (&self->was_blocks, g_array_unref);

  G_OBJECT_CLASS (ts_scenario_page_parent_class)->dispose (object);
}

static void
ts_scenario_page_class_init (TsScenarioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_scenario_page_dispose;
  object_class->get_property = ts_scenario_page_get_property;
  object_class->set_property = ts_scenario_page_set_property;

  properties[PROP_PRESENTING] =
    g_param_spec_boolean ("presenting", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_escape_cb, NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* "Start from customer": an id, offered from the Scoring page's selection */
static GtkWidget *
customer_button_new (TsScenarioPage *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *go = gtk_button_new_with_label (_("Start"));

  self->customer_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->customer_entry, _("Customer id"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->customer_entry), 32);
  gtk_widget_add_css_class (go, "suggested-action");
  g_signal_connect_swapped (self->customer_entry, "activate", G_CALLBACK (on_from_customer_cb), self);
  g_signal_connect_swapped (go, "clicked", G_CALLBACK (on_from_customer_cb), self);
  g_signal_connect_swapped (go, "clicked", G_CALLBACK (gtk_popover_popdown), popover);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->customer_entry));
  gtk_box_append (GTK_BOX (box), go);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("From Customer"));
  gtk_widget_set_tooltip_text (button, _("Start from a real customer's moment"));
  return button;
}

static void
ts_scenario_page_init (TsScenarioPage *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *new_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *empty_new = gtk_button_new_with_label (_("New Scenario"));

  self->scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_scenario_free);
  self->signal_spins = g_ptr_array_new ();
  self->was_score = NAN;
  self->was_blocks = g_array_new (FALSE, FALSE, sizeof (gboolean));
  gtk_widget_add_css_class (empty_new, "pill");
  gtk_widget_add_css_class (empty_new, "suggested-action");
  gtk_widget_set_halign (empty_new, GTK_ALIGN_CENTER);
  g_signal_connect (empty_new, "clicked", G_CALLBACK (on_new_cb), self);
  self->stack = ts_page_stack_new (GTK_WIDGET (self), "applications-games-symbolic", _("Play a Customer Moment"),
                                   _("Build one moment by hand, or start from a real customer, and watch the score, "
                                     "every guardrail, the route and its promise change as you edit it."),
                                   empty_new);

  /* the scenario bar */
  self->names = gtk_string_list_new (NULL);
  self->chooser = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->names)), NULL));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_name_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_name_cb), NULL);
  gtk_drop_down_set_factory (self->chooser, factory);
  g_object_unref (factory);
  gtk_widget_set_hexpand (GTK_WIDGET (self->chooser), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->chooser), GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chooser), _("Scenario"));
  gtk_widget_set_name (GTK_WIDGET (self->chooser), "scenario-chooser");
  g_signal_connect (self->chooser, "notify::selected", G_CALLBACK (on_chooser_selected_cb), self);
  gtk_widget_set_tooltip_text (new_button, _("New scenario"));
  g_signal_connect (new_button, "clicked", G_CALLBACK (on_new_cb), self);
  gtk_widget_set_tooltip_text (delete_button, _("Delete this scenario"));
  g_signal_connect (delete_button, "clicked", G_CALLBACK (on_delete_cb), self);
  self->present_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Present")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->present_button), _("Full screen in large type (Escape leaves)"));
  g_signal_connect (self->present_button, "toggled", G_CALLBACK (on_present_toggled_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->chooser));
  gtk_box_append (GTK_BOX (bar), new_button);
  gtk_box_append (GTK_BOX (bar), delete_button);
  gtk_box_append (GTK_BOX (bar), customer_button_new (self));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->present_button));
  gtk_widget_add_css_class (bar, "toolbar");
  gtk_box_append (GTK_BOX (content), bar);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->error_label));

  self->editor = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  self->result = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_widget_add_css_class (GTK_WIDGET (self->result), "scenario-result");
  gtk_box_append (GTK_BOX (columns), ts_page_scroller_new (GTK_WIDGET (self->editor), 560, GTK_POLICY_AUTOMATIC));
  gtk_box_append (GTK_BOX (columns), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (columns), ts_page_scroller_new (GTK_WIDGET (self->result), 640, GTK_POLICY_AUTOMATIC));
  gtk_widget_set_vexpand (columns, TRUE);
  gtk_box_append (GTK_BOX (content), columns);
  gtk_stack_add_named (self->stack, content, "content");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
ts_scenario_page_new (void)
{
  return g_object_new (TS_TYPE_SCENARIO_PAGE, NULL);
}

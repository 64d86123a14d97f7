/* ts-scoring-page.c — signals and weights, the score distribution by band,
 * and every customer's explained score
 *
 * The page scores the dataset with the workspace's playbook (the bundled
 * default when the workspace has none of its own) as of the midnight after
 * the latest record. A weight changed in a spin button is written into the
 * workspace's playbook and every customer is scored again on a worker
 * thread; only the latest result is shown, with the distribution of the
 * scores as a histogram by band that can be exported (PNG, SVG, PDF) and
 * the customers each band holds. Every customer is listed by score (a
 * list view: only the rows in sight exist, so a weight change costs the
 * same for 600 customers as for a million); the one selected shows its
 * score card, whose points add up to its score.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ts-chart-view.h"
#include "ts-rank-model.h"
#include "ts-rows.h"
#include "ts-scoring-page.h"

struct _TsScoringPage
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  AdwStatusPage  *empty;
  GtkLabel       *as_of_label;
  GtkEntry       *as_of_entry;
  GtkLabel       *status_label;
  GtkWidget      *chart_group;
  TsChartView    *chart_view;
  GtkBox         *bands_box;
  GtkBox         *signals_box;
  GtkListView    *customers;
  TsRankModel    *ranking;
  GtkSliceListModel *shown;        /* the ranking's first rows, while they grow */
  guint           grow_id;         /* the tick that lets them grow */
  GtkSingleSelection *selection;
  GtkBox         *card_box;
  GtkWidget      *parts[3];        /* shown a frame each when the page fills, */
                                   /* then the rows of the bands, card and signals */

  TsDataset      *dataset;
  TsWorkspace    *workspace;
  JsonObject     *playbook_json;   /* what is edited */
  TsPlaybook     *playbook;
  TsScores       *scores;
  TsTime          as_of;
  guint           generation;      /* of the latest computation asked for */
  GCancellable   *cancellable;     /* of the latest computation */
  guint           recompute_id;
  double          last_ms;
  gboolean        busy;
  char           *selected;
};

G_DEFINE_FINAL_TYPE (TsScoringPage, ts_scoring_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SCORES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Computing, off the main thread                                      */
/* ------------------------------------------------------------------ */

typedef struct
{
  TsDataset  *dataset;
  TsPlaybook *playbook;
  TsTime      as_of;
  guint       generation;
  double      ms;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->dataset);
  ts_playbook_unref (job->playbook);
  g_free (job);
}

static void
score_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();
  TsScores *scores = ts_scorer_run (job->dataset, job->playbook, job->as_of, cancellable, &error);

  job->ms = (g_get_monotonic_time () - start) / 1000.0;
  /* the customers' ranking, sorted here rather than on the main thread */
  if (scores != NULL)
    ts_scores_get_order (scores);
  if (scores == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scores, (GDestroyNotify) ts_scores_unref);
}

static void update_results (TsScoringPage *self);

static void
on_scored_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TsScoringPage *self = TS_SCORING_PAGE (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  TsScores *scores = g_task_propagate_pointer (G_TASK (result), &error);

  if (job->generation != self->generation)
    {
      g_clear_pointer (&scores, ts_scores_unref);
      return;                       /* a newer computation is on its way */
    }
  self->busy = FALSE;
  if (scores == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  g_clear_pointer (&self->scores, ts_scores_unref);
  self->scores = scores;
  self->last_ms = job->ms;
  update_results (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORES]);
}

static void
compute (TsScoringPage *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->dataset == NULL || self->playbook == NULL)
    return;
  job = g_new0 (Job, 1);
  job->dataset = g_object_ref (self->dataset);
  job->playbook = ts_playbook_ref (self->playbook);
  job->as_of = self->as_of;
  job->generation = ++self->generation;
  /* the computation this one replaces stops */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  task = ts_page_task_new (self, self->cancellable, on_scored_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, score_thread);
  self->busy = TRUE;
  gtk_label_set_text (self->status_label, _("Scoring…"));
}

/* ------------------------------------------------------------------ */
/* Showing the results                                                 */
/* ------------------------------------------------------------------ */

static const char *
customer_id (TsScoringPage *self,
             guint          c)
{
  return ts_dataset_get_customer_id (self->dataset, c);
}

/* A group of rows that new scores refresh in place when it has as many rows
 * (a weight changed), and build again when not (another playbook). */
static GtkWidget *
refreshed_group (GtkBox     *box,
                 guint       n_rows,
                 gboolean   *fresh)
{
  GtkWidget *group = gtk_widget_get_first_child (GTK_WIDGET (box));

  if (group && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (group), "ts-n-rows")) == n_rows)
    {
      *fresh = FALSE;
      return group;
    }
  ts_box_remove_all (box);
  group = adw_preferences_group_new ();
  g_object_set_data (G_OBJECT (group), "ts-n-rows", GUINT_TO_POINTER (n_rows));
  g_object_set_data_full (G_OBJECT (group), "ts-rows", g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
  gtk_box_append (box, group);
  *fresh = TRUE;
  return group;
}

/* the row @i of a group from refreshed_group(), with its value label */
static GtkWidget *
group_row (GtkWidget  *group,
           gboolean    fresh,
           guint       i,
           GtkWidget **value)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (group), "ts-rows");
  GtkWidget *row;

  if (fresh)
    {
      row = ts_info_row_new ("", NULL, NULL);
      *value = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (*value), 1.0);
      gtk_widget_add_css_class (*value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), *value);
      g_object_set_data (G_OBJECT (row), "ts-value", *value);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (rows, row);
      return row;
    }
  row = g_ptr_array_index (rows, i);
  *value = g_object_get_data (G_OBJECT (row), "ts-value");
  return row;
}

static void
update_bands (TsScoringPage *self)
{
  TsPlaybook *pb = ts_scores_get_playbook (self->scores);
  guint n = ts_scores_get_n_customers (self->scores), n_bands = ts_playbook_get_n_bands (pb);
  g_autofree guint *count = ts_scores_dup_band_counts (self->scores);
  g_autoptr(TsChart) chart = ts_chart_new_score_distribution (self->scores);
  gboolean fresh;
  GtkWidget *group = refreshed_group (self->bands_box, n_bands, &fresh);

  ts_chart_view_set_chart (self->chart_view, chart);
  gtk_widget_set_visible (self->chart_group, TRUE);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Bands"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), _("How many customers each band of the score holds"));
  for (guint b = 0; b < n_bands; b++)
    {
      const TsBand *band = ts_playbook_get_band (pb, b);
      double top = b + 1 < n_bands ? ts_playbook_get_band (pb, b + 1)->min : 100;
      g_autofree char *title = g_strdup_printf ("%s  (%g–%g)", band->id, band->min, top);
      g_autofree char *subtitle = NULL;
      g_autofree char *share = g_strdup_printf ("%.1f%%", n ? 100.0 * count[b] / n : 0.0);
      GtkWidget *value;
      GtkWidget *row = group_row (group, fresh, b, &value);

      /* Translators: how many customers a band holds: "412 customers" */
      subtitle = g_strdup_printf (ngettext ("%u customer", "%u customers", count[b]), count[b]);
      ts_info_row_update (row, title, subtitle);
      ts_label_update (value, share);
    }
}

static void
update_card (TsScoringPage *self)
{
  TsPlaybook *pb;
  GtkWidget *group;
  g_autofree char *title = NULL;
  gboolean fresh;
  int c;

  if (self->scores == NULL || self->selected == NULL ||
      (c = ts_dataset_find_customer (self->dataset, self->selected)) < 0)
    {
      ts_box_remove_all (self->card_box);
      return;
    }
  pb = ts_scores_get_playbook (self->scores);
  group = refreshed_group (self->card_box, ts_playbook_get_n_signals (pb), &fresh);
  /* Translators: "54.1 points, band attention: each signal's points; together they are the score" */
  title = g_strdup_printf (_("%.1f points, band %s: each signal's points; together they are the score"),
                           ts_scores_get_score (self->scores, c), ts_scores_get_band (self->scores, c)->id);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), self->selected);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), title);
  if (fresh)
    {
      GtkWidget *play = gtk_button_new_with_label (_("Play in Workshop"));

      gtk_widget_add_css_class (play, "flat");
      gtk_widget_set_valign (play, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (play, _("This customer's moment on the Workshop page, to change and watch"));
      gtk_widget_set_name (play, "play-in-workshop");
      /* the target first: an action with a parameter refuses a button without one */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (play), "s", self->selected);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (play), "window.play-customer");
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), play);
      g_object_set_data (G_OBJECT (group), "ts-play", play);
    }
  gtk_actionable_set_action_target (GTK_ACTIONABLE (g_object_get_data (G_OBJECT (group), "ts-play")),
                                    "s", self->selected);
  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    {
      const TsSignal *s = ts_playbook_get_signal (pb, i);
      const TsSignalValue *v = ts_scores_get_signal (self->scores, c, i);
      g_autofree char *why = ts_scores_explain_signal (self->scores, c, i);
      /* Translators: "friction · normalised 0.30 × weight 0.30" */
      g_autofree char *subtitle = g_strdup_printf (_("%s · normalised %.2f × weight %.2f"),
                                                   s->id, v->value, s->weight);
      g_autofree char *points = g_strdup_printf ("%.1f", v->contribution);
      GtkWidget *label;
      GtkWidget *row = group_row (group, fresh, i, &label);

      ts_info_row_update (row, why, subtitle);
      ts_label_update (label, points);
      if (v->contribution > 0)
        {
          gtk_widget_add_css_class (label, "heading");
          gtk_widget_remove_css_class (label, "dim-label");
        }
      else
        {
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_remove_css_class (label, "heading");
        }
    }
}

/* the row of a customer in the list: id and main reason, band, score */
static void
setup_customer_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   TsScoringPage            *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *id = gtk_label_new (NULL);
  GtkWidget *why = gtk_label_new (NULL);
  GtkWidget *band = gtk_label_new (NULL);
  GtkWidget *score = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (id), 0);
  gtk_label_set_ellipsize (GTK_LABEL (id), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (why), 0);
  gtk_label_set_ellipsize (GTK_LABEL (why), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (why, "dim-label");
  gtk_widget_add_css_class (why, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), id);
  gtk_box_append (GTK_BOX (texts), why);
  gtk_widget_add_css_class (band, "dim-label");
  gtk_widget_add_css_class (score, "numeric");
  gtk_widget_add_css_class (score, "heading");
  gtk_label_set_width_chars (GTK_LABEL (score), 5);
  gtk_label_set_xalign (GTK_LABEL (score), 1);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), band);
  gtk_box_append (GTK_BOX (row), score);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  g_object_set_data (G_OBJECT (row), "ts-id", id);
  g_object_set_data (G_OBJECT (row), "ts-why", why);
  g_object_set_data (G_OBJECT (row), "ts-band", band);
  g_object_set_data (G_OBJECT (row), "ts-score", score);
  gtk_list_item_set_child (item, row);
}

static void
show_customer (GtkWidget  *row,
               TsRankItem *item)
{
  TsScoringPage *self = g_object_get_data (G_OBJECT (row), "ts-page");
  TsScores *scores = ts_rank_model_get_scores (self->ranking);
  TsDataset *ds;
  guint c = ts_rank_item_get_customer (item);
  const char *id, *band;
  g_autofree char *why = NULL;
  g_autofree char *score = NULL;
  g_autofree char *label = NULL;

  if (scores == NULL || c >= ts_scores_get_n_customers (scores))
    return;
  ds = ts_scores_get_dataset (scores);
  id = ts_dataset_get_customer_id (ds, c);
  why = ts_scores_explain_signal (scores, c, ts_scores_get_top_signal (scores, c));
  score = g_strdup_printf ("%.1f", ts_scores_get_score (scores, c));
  band = ts_scores_get_band (scores, c)->id;
  label = g_strdup_printf ("%s, %s, %s: %s", id, band, score, why);
  ts_label_update (g_object_get_data (G_OBJECT (row), "ts-id"), id);
  ts_label_update (g_object_get_data (G_OBJECT (row), "ts-why"), why);
  ts_label_update (g_object_get_data (G_OBJECT (row), "ts-band"), band);
  ts_label_update (g_object_get_data (G_OBJECT (row), "ts-score"), score);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_item_customer_cb (TsRankItem *item,
                     GParamSpec *pspec,
                     GtkWidget  *row)
{
  show_customer (row, item);
}

/* new scores tell the items a row shows, and the row follows */
static void
bind_customer_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  TsScoringPage            *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  TsRankItem *rank = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (row), "ts-page", self);
  show_customer (row, rank);
  g_signal_connect_object (rank, "notify::customer", G_CALLBACK (on_item_customer_cb), row, 0);
}

static void
unbind_customer_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    TsScoringPage            *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), on_item_customer_cb,
                                        gtk_list_item_get_child (item));
}

/* the rows of the lists under @widget */
static void
add_rows (GPtrArray *parts,
          GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      g_ptr_array_add (parts, child);
    else
      add_rows (parts, child);
}

/* A page filled at once is styled and laid out a part a frame: what the
 * eye looks for first, the list of customers, then a row at a time the
 * bands, the score card and the signals. */
static void
reveal_parts (TsScoringPage *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (self->parts); i++)
    g_ptr_array_add (parts, self->parts[i]);
  add_rows (parts, GTK_WIDGET (self->bands_box));
  add_rows (parts, GTK_WIDGET (self->card_box));
  add_rows (parts, GTK_WIDGET (self->signals_box));
  ts_reveal_in_turn (GTK_WIDGET (self), (GtkWidget **) parts->pdata, parts->len);
}

/* A list view of GTK 4.8 makes up to 200 rows around what it shows, and a
 * window styles and lays them out in one frame: the customers' list of a
 * new dataset shows its first rows at once, and grows by as many a frame
 * until it holds more rows than the list view makes. */
#define GROW_ROWS 10
#define GROW_UNTIL 250

static void
stop_growing (TsScoringPage *self)
{
  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->customers), self->grow_id);
  self->grow_id = 0;
  gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
}

static gboolean
on_customers_grow_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  TsScoringPage *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->shown);

  if (size + GROW_ROWS >= GROW_UNTIL)
    {
      self->grow_id = 0;
      gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
      return G_SOURCE_REMOVE;
    }
  gtk_slice_list_model_set_size (self->shown, size + GROW_ROWS);
  return G_SOURCE_CONTINUE;
}

static void
select_customer_row (TsScoringPage *self)
{
  int c = self->selected ? ts_dataset_find_customer (self->dataset, self->selected) : -1;
  guint position = c >= 0 ? ts_rank_model_find (self->ranking, c) : G_MAXUINT;

  /* a customer further down: the list has every row at once */
  if (position != G_MAXUINT && position >= g_list_model_get_n_items (G_LIST_MODEL (self->shown)))
    stop_growing (self);

  gtk_single_selection_set_selected (self->selection,
                                     position == G_MAXUINT ? GTK_INVALID_LIST_POSITION : position);
}

static void
update_customers (TsScoringPage *self)
{
  /* an empty list fills over several frames; one shown is updated in place */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0 && self->grow_id == 0 &&
      ts_scores_get_n_customers (self->scores) > GROW_ROWS)
    {
      gtk_slice_list_model_set_size (self->shown, GROW_ROWS);
      self->grow_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->customers), on_customers_grow_cb, self, NULL);
    }
  ts_rank_model_set_scores (self->ranking, self->scores);
  if (self->selected == NULL && ts_scores_get_n_customers (self->scores) > 0)
    self->selected = g_strdup (customer_id (self, ts_rank_model_get_customer (self->ranking, 0)));
  select_customer_row (self);
}

static void
update_results (TsScoringPage *self)
{
  g_autofree char *as_of = ts_timestamp_format_iso (self->as_of);
  g_autofree char *heading = NULL;
  g_autofree char *status = NULL;
  /* the first results of a dataset */
  gboolean filling = g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0;

  /* Translators: followed by the moment, in an entry */
  heading = g_strdup_printf (_("%u customers scored as of"), ts_scores_get_n_customers (self->scores));
  gtk_label_set_text (self->as_of_label, heading);
  gtk_editable_set_text (GTK_EDITABLE (self->as_of_entry), as_of);
  gtk_widget_remove_css_class (GTK_WIDGET (self->as_of_entry), "error");
  /* Translators: how long scoring every customer took */
  status = g_strdup_printf (_("Scored in %.0f ms"), self->last_ms);
  gtk_label_set_text (self->status_label, status);
  update_bands (self);
  update_customers (self);
  update_card (self);
  if (filling)
    reveal_parts (self);
}

/* ------------------------------------------------------------------ */
/* Editing weights                                                     */
/* ------------------------------------------------------------------ */

static gboolean
on_recompute_cb (gpointer user_data)
{
  TsScoringPage *self = user_data;

  self->recompute_id = 0;
  compute (self);
  return G_SOURCE_REMOVE;
}

static gboolean
apply_weight (TsScoringPage *self,
              const char    *signal,
              double         weight)
{
  g_autoptr(JsonObject) json = ts_json_object_dup (self->playbook_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsPlaybook) playbook = NULL;
  JsonObject *score, *weights;

  score = json_object_get_object_member (json, "score");
  weights = score ? json_object_get_object_member (score, "weights") : NULL;
  if (weights == NULL)
    return FALSE;
  json_object_set_double_member (weights, signal, weight);

  playbook = ts_playbook_new_from_json (json, &error);
  if (playbook == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return FALSE;
    }
  json_object_unref (self->playbook_json);
  self->playbook_json = json_object_ref (json);
  g_clear_pointer (&self->playbook, ts_playbook_unref);
  self->playbook = g_steal_pointer (&playbook);
  if (self->workspace)
    ts_workspace_set_playbook (self->workspace, self->playbook_json);

  /* the changes of one main loop iteration (a spin button held down) are
   * scored once; scoring still running for an older weight is cancelled */
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  self->recompute_id = g_idle_add (on_recompute_cb, self);
  return TRUE;
}

static void
on_weight_changed_cb (GtkSpinButton *spin,
                      TsScoringPage *self)
{
  const char *signal = g_object_get_data (G_OBJECT (spin), "ts-signal");

  apply_weight (self, signal, gtk_spin_button_get_value (spin));
}

static void
build_signals (TsScoringPage *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Signals and Weights"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Change a weight and every customer is scored again; "
                                           "the workspace keeps the change"));
  for (guint i = 0; i < ts_playbook_get_n_signals (self->playbook); i++)
    {
      const TsSignal *s = ts_playbook_get_signal (self->playbook, i);
      g_autofree char *subtitle = ts_signal_describe (s);
      GtkWidget *row = ts_info_row_new (s->label ? s->label : s->id, subtitle, NULL);
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 1, 0.05);

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), s->weight);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      s->label ? s->label : s->id, -1);
      g_object_set_data_full (G_OBJECT (spin), "ts-signal", g_strdup (s->id), g_free);
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_weight_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  ts_box_remove_all (self->signals_box);
  gtk_box_append (self->signals_box, group);
}

static void
on_customer_selected_cb (GtkSingleSelection *selection,
                         GParamSpec         *pspec,
                         TsScoringPage      *self)
{
  guint position = gtk_single_selection_get_selected (selection);
  const char *id;

  if (position == GTK_INVALID_LIST_POSITION || self->dataset == NULL)
    return;
  id = customer_id (self, ts_rank_model_get_customer (self->ranking, position));
  if (g_strcmp0 (id, self->selected) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (id);
  update_card (self);
}

/* The moment is kept in the workspace as a view of this page:
 * { "page": "scoring", "as_of": "2025-08-04T14:00:00Z" } */
static void
save_as_of (TsScoringPage *self)
{
  if (self->workspace)
    ts_workspace_set_view_time (self->workspace, "scoring", "as_of", self->as_of);
}

/**
 * ts_scoring_page_set_as_of:
 *
 * Scores every customer again as of @as_of: nothing at or after it is seen.
 * The workspace keeps the moment.
 */
void
ts_scoring_page_set_as_of (TsScoringPage *self,
                           TsTime         as_of)
{
  g_return_if_fail (TS_IS_SCORING_PAGE (self));
  if (self->playbook == NULL)
    return;
  self->as_of = as_of;
  save_as_of (self);
  compute (self);
}

static void
on_as_of_activate_cb (GtkEntry      *entry,
                      TsScoringPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  TsTime as_of;

  if (!ts_timestamp_parse (text, strlen (text), TS_TIME_FORMAT_ISO8601, NULL, &as_of))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a date or time such as 2025-08-04 or 2025-08-04T14:00Z"), text);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_label_set_text (self->status_label, message);
      return;
    }
  ts_scoring_page_set_as_of (self, as_of);
}

/* ------------------------------------------------------------------ */
/* Public                                                              */
/* ------------------------------------------------------------------ */

/**
 * ts_scoring_page_set_data:
 * @dataset: (nullable): what to score
 * @workspace: (nullable): whose playbook to use and edit
 */
void
ts_scoring_page_set_data (TsScoringPage *self,
                          TsDataset     *dataset,
                          TsWorkspace   *workspace)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TS_IS_SCORING_PAGE (self));

  g_set_object (&self->dataset, dataset);
  g_set_object (&self->workspace, workspace);
  if (self->scores)
    {
      g_clear_pointer (&self->scores, ts_scores_unref);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORES]);
    }
  g_clear_pointer (&self->playbook, ts_playbook_unref);
  g_clear_pointer (&self->playbook_json, json_object_unref);
  g_clear_pointer (&self->selected, g_free);
  ts_rank_model_set_scores (self->ranking, NULL);
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  self->generation++;
  self->busy = FALSE;
  g_cancellable_cancel (self->cancellable);

  if (dataset == NULL || ts_dataset_get_customers (dataset)->n_rows == 0)
    {
      adw_status_page_set_description (self->empty, _("Add customer data on the Data page, and every customer is scored here."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->playbook_json = ts_playbook_dup_workspace_json (workspace, &error);
  if (self->playbook_json)
    self->playbook = ts_playbook_new_from_json (self->playbook_json, &error);
  if (self->playbook == NULL)
    {
      adw_status_page_set_description (self->empty, error ? error->message : _("The playbook could not be read."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (workspace == NULL || !ts_workspace_get_view_time (workspace, "scoring", "as_of", &self->as_of))
    self->as_of = ts_scorer_default_as_of (dataset);
  build_signals (self);
  gtk_stack_set_visible_child_name (self->stack, "content");
  reveal_parts (self);
  compute (self);
}

TsScores *
ts_scoring_page_get_scores (TsScoringPage *self)
{
  g_return_val_if_fail (TS_IS_SCORING_PAGE (self), NULL);
  return self->scores;
}

/**
 * ts_scoring_page_set_weight:
 *
 * What the signal's spin button does: the weight is written into the
 * workspace's playbook, and every customer is scored again.
 *
 * Returns: %FALSE when the playbook would not be valid (shown on the page)
 */
gboolean
ts_scoring_page_set_weight (TsScoringPage *self,
                            const char    *signal,
                            double         weight)
{
  g_return_val_if_fail (TS_IS_SCORING_PAGE (self), FALSE);
  if (self->playbook_json == NULL)
    return FALSE;
  return apply_weight (self, signal, weight);
}

const char *
ts_scoring_page_get_selected (TsScoringPage *self)
{
  g_return_val_if_fail (TS_IS_SCORING_PAGE (self), NULL);
  return self->selected;
}

gboolean
ts_scoring_page_select (TsScoringPage *self,
                        const char    *customer_id)
{
  g_return_val_if_fail (TS_IS_SCORING_PAGE (self), FALSE);
  if (self->dataset == NULL || ts_dataset_find_customer (self->dataset, customer_id) < 0)
    return FALSE;
  g_free (self->selected);
  self->selected = g_strdup (customer_id);
  if (ts_rank_model_get_scores (self->ranking))
    select_customer_row (self);
  update_card (self);
  return TRUE;
}

/**
 * ts_scoring_page_get_busy:
 *
 * Whether scores are being computed, or a weight change waits for it.
 */
gboolean
ts_scoring_page_get_busy (TsScoringPage *self)
{
  g_return_val_if_fail (TS_IS_SCORING_PAGE (self), FALSE);
  return self->busy || self->recompute_id != 0;
}

double
ts_scoring_page_get_last_ms (TsScoringPage *self)
{
  return self->last_ms;
}

/**
 * ts_scoring_page_get_chart_view:
 *
 * Returns: (transfer none): the chart of the score distribution by band
 */
TsChartView *
ts_scoring_page_get_chart_view (TsScoringPage *self)
{
  g_return_val_if_fail (TS_IS_SCORING_PAGE (self), NULL);
  return self->chart_view;
}

/* ------------------------------------------------------------------ */
/* Exporting the customers                                             */
/* ------------------------------------------------------------------ */

/**
 * ts_scoring_page_export_csv:
 *
 * Writes every customer by score — id, score, band, and each signal's raw
 * value and points — atomically.
 */
gboolean
ts_scoring_page_export_csv (TsScoringPage *self,
                            GFile         *file,
                            GError       **error)
{
  g_autoptr(GString) out = g_string_new ("customer_id,score,band");
  g_autoptr(GError) local = NULL;
  g_autofree guint *order = NULL;
  TsPlaybook *pb;
  guint n;

  g_return_val_if_fail (TS_IS_SCORING_PAGE (self), FALSE);
  if (self->scores == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("No customers are scored yet"));
      return FALSE;
    }
  pb = ts_scores_get_playbook (self->scores);
  n = ts_scores_get_n_customers (self->scores);
  order = ts_scores_dup_order (self->scores);
  for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
    {
      const char *id = ts_playbook_get_signal (pb, i)->id;
      g_string_append_printf (out, ",%s_raw,%s_points", id, id);
    }
  g_string_append (out, "\r\n");
  for (guint k = 0; k < n; k++)
    {
      guint c = order[k];
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      ts_csv_append_field (out, customer_id (self, c));
      g_string_append_printf (out, ",%s,", g_ascii_dtostr (buf, sizeof buf, ts_scores_get_score (self->scores, c)));
      ts_csv_append_field (out, ts_scores_get_band (self->scores, c)->id);
      for (guint i = 0; i < ts_playbook_get_n_signals (pb); i++)
        {
          const TsSignalValue *v = ts_scores_get_signal (self->scores, c, i);

          g_string_append_c (out, ',');
          if (!isnan (v->raw))
            g_string_append (out, g_ascii_dtostr (buf, sizeof buf, v->raw));
          g_string_append_printf (out, ",%s", g_ascii_dtostr (buf, sizeof buf, v->contribution));
        }
      g_string_append (out, "\r\n");
    }
  if (!g_file_replace_contents (file, out->str, out->len, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &local))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local->domain, local->code, _("Could not save the customers as “%s”: %s"), name, local->message);
      return FALSE;
    }
  return TRUE;
}

static void
on_export_customers_clicked_cb (TsScoringPage *self)
{
  /* Translators: the file name every customer's score is exported under */
  ts_save_with_chooser (GTK_WIDGET (self), _("Export Customers"), _("scores.csv"),
                        (TsSaveFunc) ts_scoring_page_export_csv,
                        /* Translators: %s is a file name */
                        _("Customers saved as “%s”"));
}

/* ------------------------------------------------------------------ */
/* Construction                                                        */
/* ------------------------------------------------------------------ */

static void
ts_scoring_page_dispose (GObject *object)
{
  TsScoringPage *self = TS_SCORING_PAGE (object);
  GtkWidget *child;

  if (self->grow_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->customers), self->grow_id);
  self->grow_id = 0;
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->dataset);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->scores, ts_scores_unref);
  g_clear_pointer (&self->playbook, ts_playbook_unref);
  g_clear_pointer (&self->playbook_json, json_object_unref);
  g_clear_pointer (&self->selected, g_free);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->ranking);

  G_OBJECT_CLASS (ts_scoring_page_parent_class)->dispose (object);
}

static void
ts_scoring_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TsScoringPage *self = TS_SCORING_PAGE (object);

  switch (prop_id)
    {
    case PROP_SCORES:
      g_value_set_boxed (value, self->scores);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_scoring_page_class_init (TsScoringPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_scoring_page_dispose;
  object_class->get_property = ts_scoring_page_get_property;

  /**
   * TsScoringPage:scores:
   *
   * The scores shown, once computed; every change of weight or moment
   * brings new ones.
   */
  properties[PROP_SCORES] =
    g_param_spec_boxed ("scores", NULL, NULL, TS_TYPE_SCORES,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ts_scoring_page_init (TsScoringPage *self)
{
  GtkWidget *paned, *left, *right, *heading, *list_title, *customers_sw;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  self->empty = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty, "starred-symbolic");
  adw_status_page_set_title (self->empty, _("Nothing to Score Yet"));
  adw_status_page_set_description (self->empty, _("Add customer data on the Data page, and every customer is scored here."));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty), "empty");

  /* left: the heading, the bands, the signals and their weights */
  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  heading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  {
    GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

    self->as_of_label = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_xalign (self->as_of_label, 0);
    gtk_widget_add_css_class (GTK_WIDGET (self->as_of_label), "title-4");
    /* a long heading (in some languages) wraps rather than widening the page */
    gtk_label_set_wrap (self->as_of_label, TRUE);
    gtk_widget_set_hexpand (GTK_WIDGET (self->as_of_label), TRUE);
    self->as_of_entry = GTK_ENTRY (gtk_entry_new ());
    gtk_editable_set_width_chars (GTK_EDITABLE (self->as_of_entry), 21);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->as_of_entry),
                                 _("The moment scored: nothing at or after it is seen. Enter a date or time, such as 2025-08-04T14:00Z"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->as_of_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Scored as of"), -1);
    g_signal_connect (self->as_of_entry, "activate", G_CALLBACK (on_as_of_activate_cb), self);
    gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->as_of_label));
    gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->as_of_entry));
    gtk_box_append (GTK_BOX (heading), line);
  }
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (heading), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (left), heading);
  self->chart_view = TS_CHART_VIEW (ts_chart_view_new ());
  /* Translators: the file name a chart of the score distribution is exported under, without its ending */
  self->chart_group = ts_chart_group_new (self->chart_view, _("Score Distribution"),
                                          _("Customers by score, in steps of 5 points, in the colour of their band"),
                                          _("score-distribution"));
  gtk_widget_set_visible (self->chart_group, FALSE);
  gtk_box_append (GTK_BOX (left), self->chart_group);
  self->bands_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  self->signals_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->bands_box));
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->signals_box));

  /* right: the customers by score, and the selected one's score card */
  right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  list_title = gtk_label_new (_("Customers by Score"));
  gtk_label_set_xalign (GTK_LABEL (list_title), 0);
  gtk_widget_add_css_class (list_title, "heading");
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (setup_customer_cb), self);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_customer_cb), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_customer_cb), self);
    self->ranking = ts_rank_model_new ();
    self->shown = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->ranking)), 0, G_MAXUINT);
    self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->shown)));
    gtk_single_selection_set_autoselect (self->selection, FALSE);
    g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_customer_selected_cb), self);
    self->customers = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory));
    gtk_widget_add_css_class (GTK_WIDGET (self->customers), "navigation-sidebar");
    ts_list_tab_past (GTK_WIDGET (self->customers));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->customers), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Customers by score"), -1);
  }
  customers_sw = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (customers_sw), GTK_WIDGET (self->customers));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (customers_sw), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (customers_sw, -1, 280);
  gtk_widget_add_css_class (customers_sw, "card");
  self->card_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  {
    GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *export = gtk_button_new_with_label (_("Export…"));

    gtk_widget_set_hexpand (list_title, TRUE);
    gtk_widget_add_css_class (export, "flat");
    gtk_widget_set_tooltip_text (export, _("Every customer's score, band and each signal's points, as CSV"));
    g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_customers_clicked_cb), self);
    gtk_box_append (GTK_BOX (line), list_title);
    gtk_box_append (GTK_BOX (line), export);
    gtk_box_append (GTK_BOX (right), line);
  }
  gtk_box_append (GTK_BOX (right), customers_sw);
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->card_box));
  /* what the eye looks for first comes first */
  self->parts[0] = heading;
  self->parts[1] = gtk_widget_get_first_child (right);
  self->parts[2] = customers_sw;

  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_position (GTK_PANED (paned), 480);
  gtk_paned_set_start_child (GTK_PANED (paned), ts_page_scroller_new (left, 720, GTK_POLICY_NEVER));
  gtk_paned_set_end_child (GTK_PANED (paned), ts_page_scroller_new (right, 720, GTK_POLICY_NEVER));
  gtk_paned_set_resize_start_child (GTK_PANED (paned), TRUE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), TRUE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), TRUE);
  gtk_stack_add_named (self->stack, paned, "content");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
ts_scoring_page_new (void)
{
  return g_object_new (TS_TYPE_SCORING_PAGE, NULL);
}

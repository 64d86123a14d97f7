/* ts-data-page.c — the Data page: what was imported, and its rows
 *
 * Two views of one dataset.  The overview: a card per canonical table (rows,
 * customers, time range), the sources with what each contributed and how
 * its columns were mapped, how identities were joined, and the import's
 * data-quality findings with file and line.  The rows view: any table in a
 * GtkColumnView over a TsTableModel, which reads the dataset's columns for
 * the visible rows only and filters by customer through the customer index.
 *
 * The page never imports; the window hands it finished datasets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-data-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ts-columns.h"
#include "ts-data-page.h"
#include "ts-rows.h"
#include "ts-data-page-private.h"
#include "ts-table-model.h"
#include "ts-table-row.h"
#include "ts-window.h"

/* Findings listed on the page; "Copy Findings" copies all the import kept. */
#define MAX_FINDING_ROWS 50

struct _TsDataPage
{
  GtkWidget            parent_instance;

  /* template */
  GtkStack            *main_stack;
  AdwViewStack        *view_stack;
  GtkFlowBox          *tables_box;
  AdwPreferencesGroup *sources_group;
  AdwPreferencesGroup *findings_group;
  AdwPreferencesGroup *recent_group;
  GPtrArray           *recent_rows;
  GtkWidget           *copy_findings_button;
  GtkLabel            *customers_label;
  GtkLabel            *matched_label;
  GtkLabel            *single_label;
  GtkLabel            *implicit_label;
  GtkLabel            *email_label;
  GtkBox              *rows_box;
  GtkDropDown         *table_dropdown;
  GtkDropDown         *sort_dropdown;
  GtkToggleButton     *descending_button;
  GCancellable        *sort_cancellable;
  int                  sort_field;      /* -1: the dataset's order */
  gboolean             sort_descending;
  GtkSearchEntry      *search_entry;
  GtkLabel            *rows_label;
  GtkStack            *rows_stack;
  GtkColumnView       *column_view;
  guint                columns_id;      /* installs the rows, then adds the next column */
  gboolean             rows_pending;    /* the rows of the dataset are still to install */
  AdwStatusPage       *no_match_page;

  TsDataset           *dataset;
  TsTableModel        *model;
  GtkLabel            *count_labels[TS_N_TABLES];
  GtkLabel            *detail_labels[TS_N_TABLES];
  GtkLabel            *range_labels[TS_N_TABLES];
  GPtrArray           *source_rows;
  GPtrArray           *finding_rows;
};

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LOADED,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TsDataPage, ts_data_page, GTK_TYPE_WIDGET)

static const char *const table_titles[TS_N_TABLES] = {
  N_("Customers"),
  N_("Events"),
  N_("Cases"),
  N_("Touches"),
  N_("Responses"),
  N_("Lists"),
};

static char *
format_count (guint64 n)
{
  /* the locale's digit grouping */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static char *
format_date (TsTime time)
{
  g_autofree char *iso = ts_timestamp_format_iso (time);

  if (iso == NULL)
    return g_strdup ("?");
  if (strlen (iso) > 10)
    iso[10] = '\0';
  return g_steal_pointer (&iso);
}

static void
emit_toast (TsDataPage *self,
            const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

/* ------------------------------------------------------------------ */
/* Overview: tables                                                    */

static GtkWidget *
create_table_card (TsDataPage *self,
                   TsTable     table)
{
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (_(table_titles[table]));
  GtkWidget *count = gtk_label_new ("0");
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *range = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_add_css_class (title, "heading");

  gtk_label_set_xalign (GTK_LABEL (count), 0.0);
  gtk_widget_add_css_class (count, "title-1");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_set_margin_top (count, 4);
  gtk_widget_set_margin_bottom (count, 4);

  gtk_label_set_xalign (GTK_LABEL (detail), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");

  gtk_label_set_xalign (GTK_LABEL (range), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (range), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (range, "caption");
  gtk_widget_add_css_class (range, "dim-label");
  gtk_widget_add_css_class (range, "numeric");

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), count);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_box_append (GTK_BOX (box), range);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);

  gtk_widget_add_css_class (child, "card");
  gtk_widget_add_css_class (child, "activatable");
  gtk_widget_add_css_class (child, "table-card");
  gtk_widget_set_tooltip_text (child, _("Browse the rows of this table"));

  self->count_labels[table] = GTK_LABEL (count);
  self->detail_labels[table] = GTK_LABEL (detail);
  self->range_labels[table] = GTK_LABEL (range);

  return child;
}

static guint
count_customers_with_rows (TsDataset *dataset,
                           TsTable    table)
{
  const TsCustomers *customers = ts_dataset_get_customers (dataset);
  const guint32 *by_customer = NULL;
  guint n = 0;

  switch (table)
    {
    case TS_TABLE_EVENTS: by_customer = ts_dataset_get_events (dataset)->by_customer; break;
    case TS_TABLE_CASES: by_customer = ts_dataset_get_cases (dataset)->by_customer; break;
    case TS_TABLE_TOUCHES: by_customer = ts_dataset_get_touches (dataset)->by_customer; break;
    case TS_TABLE_RESPONSES: by_customer = ts_dataset_get_responses (dataset)->by_customer; break;
    case TS_TABLE_LISTS: by_customer = ts_dataset_get_lists (dataset)->by_customer; break;
    case TS_TABLE_CUSTOMERS:
    case TS_N_TABLES:
    case TS_TABLE_NONE:
    default: return customers->n_rows;
    }

  if (by_customer == NULL)
    return 0;
  for (guint c = 0; c < customers->n_rows; c++)
    n += by_customer[c + 1] > by_customer[c];
  return n;
}

static guint
count_lists (TsDataset *dataset)
{
  const TsLists *lists = ts_dataset_get_lists (dataset);
  g_autoptr(GHashTable) names = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < lists->n_rows; i++)
    g_hash_table_add (names, GUINT_TO_POINTER (lists->list[i]));
  return g_hash_table_size (names);
}

static void
update_table_card (TsDataPage *self,
                   TsTable     table)
{
  guint n_rows = ts_dataset_get_n_rows (self->dataset, table);
  g_autofree char *count = format_count (n_rows);
  g_autofree char *detail = NULL;
  g_autofree char *range = NULL;
  g_autofree char *tooltip = NULL;
  TsTime first, last;

  if (n_rows == 0)
    {
      detail = g_strdup (_("In none of the sources"));
    }
  else if (table == TS_TABLE_CUSTOMERS)
    {
      guint implicit = ts_dataset_get_n_implicit_customers (self->dataset);
      g_autofree char *n = format_count (n_rows - implicit);

      /* Translators: %s is a number of customers */
      detail = g_strdup_printf (_("%s from customer files"), n);
    }
  else if (table == TS_TABLE_LISTS)
    {
      guint n_lists = count_lists (self->dataset);

      /* Translators: rows of suppression or do-not-contact lists */
      detail = g_strdup_printf (ngettext ("On %u list", "On %u lists", n_lists), n_lists);
    }
  else
    {
      guint n_customers = count_customers_with_rows (self->dataset, table);
      g_autofree char *n = format_count (n_customers);

      /* Translators: %s is a number of customers, e.g. "627 events for 40 customers" */
      detail = g_strdup_printf (ngettext ("For %s customer", "For %s customers", n_customers), n);
    }

  if (n_rows > 0 && ts_dataset_get_time_range (self->dataset, table, &first, &last))
    {
      g_autofree char *first_date = format_date (first);
      g_autofree char *last_date = format_date (last);
      g_autofree char *first_iso = ts_timestamp_format_iso (first);
      g_autofree char *last_iso = ts_timestamp_format_iso (last);

      if (table == TS_TABLE_CUSTOMERS)
        /* Translators: the first and last dates customers were created */
        range = g_strdup_printf (_("Created %s – %s"), first_date, last_date);
      else
        /* Translators: the first and last dates of a table's rows */
        range = g_strdup_printf (_("%s – %s"), first_date, last_date);
      /* Translators: the first and last times of a table's rows, in UTC */
      tooltip = g_strdup_printf (_("From %s to %s (UTC)"), first_iso, last_iso);
    }
  else if (n_rows > 0 && table != TS_TABLE_LISTS)
    {
      range = g_strdup (_("No times"));
    }

  gtk_label_set_label (self->count_labels[table], count);
  gtk_label_set_label (self->detail_labels[table], detail);
  gtk_label_set_label (self->range_labels[table], range != NULL ? range : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->range_labels[table]), tooltip);
}

static void
update_identity (TsDataPage *self)
{
  guint n_customers = ts_dataset_get_customers (self->dataset)->n_rows;
  guint matched = ts_dataset_get_n_matched_customers (self->dataset);
  g_autofree char *customers = format_count (n_customers);
  g_autofree char *matched_text = format_count (matched);
  g_autofree char *single = format_count (n_customers - MIN (matched, n_customers));
  g_autofree char *implicit = format_count (ts_dataset_get_n_implicit_customers (self->dataset));
  g_autofree char *email = format_count (ts_dataset_get_n_merged_by_email (self->dataset));

  gtk_label_set_label (self->customers_label, customers);
  gtk_label_set_label (self->matched_label, matched_text);
  gtk_label_set_label (self->single_label, single);
  gtk_label_set_label (self->implicit_label, implicit);
  gtk_label_set_label (self->email_label, email);
}

/* ------------------------------------------------------------------ */
/* Overview: sources                                                   */

/* "table_guessed_from" → "Table guessed from" */
static char *
humanize_key (const char *key)
{
  char *ret = g_strdup (key);

  for (char *p = ret; *p; p++)
    if (*p == '_')
      *p = ' ';
  ret[0] = g_ascii_toupper (ret[0]);
  return ret;
}

static gboolean
is_summary_member (const char *name)
{
  static const char *const members[] = {
    "path", "plugin", "tables", "rows", "records", "dropped", "customers",
    "unmatched_customers", "columns", "notes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (g_str_equal (name, members[i]))
      return TRUE;
  return FALSE;
}

/* Which column became which field, and how its values were read: one line
 * per column, the plugin's detail under its target. */
static GtkWidget *
create_columns_row (JsonArray *columns)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *heading = gtk_label_new (_("Columns"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (grid, "column-mapping");
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_widget_set_margin_bottom (heading, 2);
  gtk_grid_attach (GTK_GRID (grid), heading, 0, 0, 2, 1);

  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      JsonObject *column = json_array_get_object_element (columns, i);
      const char *name = json_object_get_string_member_with_default (column, "column", "");
      const char *table = json_object_get_string_member_with_default (column, "table", "");
      const char *field = json_object_get_string_member_with_default (column, "field", NULL);
      const char *detail = json_object_get_string_member_with_default (column, "detail", NULL);
      g_autofree char *target = NULL;
      GtkWidget *from, *box, *to;

      if (field != NULL)
        target = g_strdup_printf ("→ %s.%s", table, field);
      else
        /* Translators: a column of a file that no field was read from */
        target = g_strdup (_("not used"));

      from = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (from), 0.0);
      gtk_label_set_yalign (GTK_LABEL (from), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (from), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (from), 16);
      gtk_widget_set_tooltip_text (from, name);
      gtk_widget_add_css_class (from, "monospace");

      to = gtk_label_new (target);
      gtk_label_set_xalign (GTK_LABEL (to), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (to), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (to, target);
      gtk_widget_add_css_class (to, "monospace");
      if (field == NULL)
        gtk_widget_add_css_class (to, "dim-label");

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_set_hexpand (box, TRUE);
      gtk_box_append (GTK_BOX (box), to);
      if (detail != NULL)
        {
          GtkWidget *how = gtk_label_new (detail);

          gtk_label_set_xalign (GTK_LABEL (how), 0.0);
          gtk_label_set_wrap (GTK_LABEL (how), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (how), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_max_width_chars (GTK_LABEL (how), 30);
          gtk_widget_add_css_class (how, "dim-label");
          gtk_widget_add_css_class (how, "caption");
          gtk_box_append (GTK_BOX (box), how);
        }

      gtk_grid_attach (GTK_GRID (grid), from, 0, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), box, 1, i + 1, 1, 1);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid);
  return row;
}

static char *
describe_tables (TsSourceInfo *info)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint t = 0; t < TS_N_TABLES; t++)
    {
      guint64 rows;
      g_autofree char *count = NULL;

      if (!ts_source_info_has_table (info, (TsTable) t))
        continue;
      rows = ts_source_info_get_rows (info, (TsTable) t);
      count = format_count (rows);
      if (s->len > 0)
        g_string_append (s, ", ");
      /* Translators: a table a file filled and its rows, e.g. "events: 627 rows" */
      g_string_append_printf (s, ngettext ("%s: %s row", "%s: %s rows", rows),
                              _(table_titles[t]), count);
    }
  if (s->len == 0)
    g_string_append (s, _("No rows"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* How the source is read, with a button to change it.  Mappings belong
 * to the workspace's sources: a file found in a folder that was added
 * shares the folder's. */
static GtkWidget *
create_mapping_row (TsDataPage *self,
                    const char *path)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Edit Mapping…"));
  const char *subtitle;
  guint index;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Mapping"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  if (TS_IS_WINDOW (root) && ts_window_find_source (TS_WINDOW (root), path, &index))
    {
      TsWorkspace *workspace = ts_window_get_workspace (TS_WINDOW (root));
      JsonObject *mapping = ts_workspace_get_source_mapping (workspace, index);

      subtitle = mapping != NULL && json_object_get_size (mapping) > 0
                 ? _("Set by you") : _("Guessed by the plugin");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "window.edit-mapping");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", path);
      gtk_widget_set_tooltip_text (button, _("Choose the plugin, table and columns"));
    }
  else
    {
      subtitle = _("Found in a folder that was added: add the file on its own to map its columns");
      gtk_widget_set_sensitive (button, FALSE);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
create_source_row (TsDataPage   *self,
                   TsSourceInfo *info)
{
  const char *path = ts_source_info_get_path (info);
  const char *plugin_id = ts_source_info_get_plugin_id (info);
  TsSource *source = ts_plugin_manager_find_source (ts_plugin_manager_get_default (), plugin_id);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *dirname = g_path_get_dirname (path);
  g_autofree char *tables = describe_tables (info);
  g_autofree char *records = format_count (ts_source_info_get_records (info));
  g_autofree char *customers = format_count (ts_source_info_get_customers (info));
  g_autofree char *unmatched = format_count (ts_source_info_get_unmatched (info));
  g_autofree char *subtitle = NULL;
  g_autofree char *customers_detail = NULL;
  g_autofree char *dropped_detail = NULL;
  g_autoptr(JsonNode) json = ts_source_info_to_json (info);
  JsonObject *object = json_node_get_object (json);
  g_autoptr(GList) members = NULL;
  JsonArray *columns;
  guint64 dropped = 0;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon;
  GtkWidget *tag;

  for (guint r = 0; r < TS_N_DROP_REASONS; r++)
    dropped += ts_source_info_get_dropped (info, (TsDropReason) r);

  /* Translators: e.g. "Events: 627 rows · 40 customers" */
  subtitle = g_strdup_printf (ngettext ("%s · %s customer", "%s · %s customers",
                                        ts_source_info_get_customers (info)),
                              tables, customers);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), basename);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, path);

  icon = gtk_image_new_from_icon_name (g_file_test (path, G_FILE_TEST_IS_DIR)
                                       ? "folder-symbolic" : "text-x-generic-symbolic");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  if (dropped > 0 || json_array_get_length (json_object_get_array_member (object, "notes")) > 0)
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (warning, "warning");
      gtk_widget_set_tooltip_text (warning, _("Some records were not kept, or the import made "
                                              "a choice: see the details"));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), warning);
    }

  tag = gtk_label_new (plugin_id);
  gtk_widget_add_css_class (tag, "tag");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  if (source != NULL)
    {
      /* Translators: %s is the name of a data-source plugin, e.g. "CSV files" */
      g_autofree char *read_by = g_strdup_printf (_("Read by the “%s” plugin"),
                                                  ts_source_get_name (source));
      gtk_widget_set_tooltip_text (tag, read_by);
    }
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), tag);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            ts_info_row_new (_("Folder"), dirname, NULL));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), create_mapping_row (self, path));

  if (dropped == 0)
    {
      dropped_detail = g_strdup (_("Every record became a row"));
    }
  else
    {
      g_autofree char *duplicates = NULL;
      g_autofree char *no_identity = NULL;
      g_autofree char *unparseable = NULL;

      duplicates = format_count (ts_source_info_get_dropped (info, TS_DROP_DUPLICATE));
      no_identity = format_count (ts_source_info_get_dropped (info, TS_DROP_NO_IDENTITY));
      unparseable = format_count (ts_source_info_get_dropped (info, TS_DROP_UNPARSEABLE));
      /* Translators: why records of a file were not kept; each %s is a count */
      dropped_detail = g_strdup_printf (_("Not kept: %s duplicates, %s without a customer, "
                                          "%s unreadable"),
                                        duplicates, no_identity, unparseable);
    }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            ts_info_row_new (_("Records"), dropped_detail, records));

  /* Translators: %s is a number of customers */
  customers_detail = g_strdup_printf (_("%s of them in no other source"), unmatched);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            ts_info_row_new (_("Customers"), customers_detail, customers));

  /* the plugin's own details: encoding, delimiter, how the table was chosen… */
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);
      g_autofree char *title = NULL;

      if (is_summary_member (name) || !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      title = humanize_key (name);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                ts_info_row_new (title, NULL, json_node_get_string (node)));
    }

  columns = json_object_get_array_member (object, "columns");
  if (columns != NULL && json_array_get_length (columns) > 0)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), create_columns_row (columns));

  {
    JsonArray *notes = json_object_get_array_member (object, "notes");

    for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
      {
        GtkWidget *note = ts_info_row_new (json_array_get_string_element (notes, i), NULL, NULL);
        GtkWidget *note_icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");

        adw_action_row_add_prefix (ADW_ACTION_ROW (note), note_icon);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), note);
      }
  }

  return row;
}

static void
clear_group_rows (AdwPreferencesGroup *group,
                  GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, rows->pdata[i]);
  g_ptr_array_set_size (rows, 0);
}

static void
add_group_row (AdwPreferencesGroup *group,
               GPtrArray           *rows,
               GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

static void
update_sources (TsDataPage *self)
{
  GPtrArray *sources = ts_dataset_get_sources (self->dataset);
  g_autofree char *description = NULL;

  clear_group_rows (self->sources_group, self->source_rows);
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    add_group_row (self->sources_group, self->source_rows,
                   create_source_row (self, sources->pdata[i]));

  description = g_strdup_printf (ngettext ("%u file; expand one to see how its columns were read",
                                           "%u files; expand one to see how its columns were read",
                                           sources ? sources->len : 0),
                                 sources ? sources->len : 0);
  adw_preferences_group_set_description (self->sources_group, description);
}

/* ------------------------------------------------------------------ */
/* Overview: findings                                                  */

static char *
describe_place (const TsProblem *problem)
{
  g_autofree char *basename = NULL;

  if (problem->path == NULL)
    return NULL;
  basename = g_path_get_basename (problem->path);
  if (problem->line > 0 && problem->column > 0)
    return g_strdup_printf ("%s:%" G_GUINT64_FORMAT ":%u",
                            basename, problem->line, problem->column);
  if (problem->line > 0)
    return g_strdup_printf ("%s:%" G_GUINT64_FORMAT, basename, problem->line);
  return g_steal_pointer (&basename);
}

static void
update_findings (TsDataPage *self)
{
  GPtrArray *problems = ts_dataset_get_problems (self->dataset);
  guint64 n_problems = MAX (ts_dataset_get_n_problems (self->dataset),
                            problems != NULL ? problems->len : 0);
  guint n_shown = problems != NULL ? MIN (problems->len, MAX_FINDING_ROWS) : 0;
  g_autofree char *count = format_count (n_problems);
  g_autofree char *description = NULL;

  clear_group_rows (self->findings_group, self->finding_rows);

  if (n_problems == 0)
    {
      GtkWidget *row = ts_info_row_new (_("No problems found"),
                                        _("No malformed rows, unreadable values or skipped files"),
                                        NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      add_group_row (self->findings_group, self->finding_rows, row);
      description = g_strdup (_("Warnings of the import, with file and line"));
    }
  else
    {
      /* Translators: %s is a number of warnings of the import */
      description = g_strdup_printf (ngettext ("%s finding, with file and line",
                                               "%s findings, with file and line", n_problems),
                                     count);
    }
  adw_preferences_group_set_description (self->findings_group, description);

  for (guint i = 0; i < n_shown; i++)
    {
      const TsProblem *problem = problems->pdata[i];
      g_autofree char *place = describe_place (problem);
      GtkWidget *row = ts_info_row_new (problem->message, place, NULL);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_tooltip_text (row, problem->path);
      add_group_row (self->findings_group, self->finding_rows, row);
    }

  if (n_problems > n_shown)
    {
      g_autofree char *rest = format_count (n_problems - n_shown);
      /* Translators: %s is a number of warnings not listed */
      g_autofree char *title = g_strdup_printf (ngettext ("And %s more", "And %s more",
                                                          n_problems - n_shown), rest);
      GtkWidget *row = ts_info_row_new (title, _("Copy the findings to read them all"), NULL);

      add_group_row (self->findings_group, self->finding_rows, row);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.copy-findings",
                                 problems != NULL && problems->len > 0);
  gtk_widget_set_visible (self->copy_findings_button, problems != NULL && problems->len > 0);
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */

/* The whole value, where the cell cuts it.  Asked for on hover rather than
 * set when a row is bound: setting a tooltip makes GTK look for the pointer,
 * a round trip to the X server for every cell. */
static gboolean
on_cell_query_tooltip_cb (GtkWidget  *cell,
                          int         x,
                          int         y,
                          gboolean    keyboard,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));
  guint shown = gtk_inscription_get_nat_chars (GTK_INSCRIPTION (cell));

  if (text == NULL || g_utf8_strlen (text, -1) <= (glong) shown)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  TsFieldType type = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "ts-field-type"));
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  switch (type)
    {
    case TS_FIELD_TYPE_TIME:
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 20);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 20);
      gtk_widget_add_css_class (cell, "numeric");
      break;
    case TS_FIELD_TYPE_NUMBER:
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 6);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 10);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
      break;
    case TS_FIELD_TYPE_BOOLEAN:
    case TS_FIELD_TYPE_CONSENT:
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 6);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 8);
      break;
    case TS_FIELD_TYPE_PROPERTIES:
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 16);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 40);
      gtk_widget_add_css_class (cell, "monospace");
      break;
    case TS_FIELD_TYPE_STRING:
    default:
      /* the first column is the customer id, often an e-mail address:
       * wide enough to tell customers apart at a glance */
      if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "ts-field")) == 0)
        {
          gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 24);
          gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 30);
        }
      else
        {
          gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 14);
          gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), 20);
        }
      break;
    }
  gtk_widget_set_has_tooltip (cell, TRUE);
  g_signal_connect (cell, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), NULL);
  gtk_list_item_set_child (item, cell);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 TsDataPage               *self)
{
  guint field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "ts-field"));
  GtkInscription *cell = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  TsTableRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (row == NULL || field >= ts_table_get_n_fields (ts_table_model_get_table (self->model)))
    return;
  text = ts_table_model_dup_cell_text (self->model, ts_table_row_get_row (row), field);
  gtk_inscription_set_text (cell, text);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), NULL);
}

static void
remove_columns (TsDataPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column =
        g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);

      gtk_column_view_remove_column (self->column_view, column);
    }
}

/* Appends the column of the next field of the table shown; FALSE when
 * every field has its column. */
static gboolean
append_column (TsDataPage *self)
{
  TsTable table = ts_table_model_get_table (self->model);
  guint f = g_list_model_get_n_items (gtk_column_view_get_columns (self->column_view));
  const TsFieldInfo *info;
  GtkListItemFactory *factory;
  g_autoptr(GtkColumnViewColumn) column = NULL;

  if (f >= ts_table_get_n_fields (table))
    return FALSE;

  info = ts_table_get_field (table, f);
  factory = gtk_signal_list_item_factory_new ();
  g_object_set_data (G_OBJECT (factory), "ts-field", GUINT_TO_POINTER (f));
  g_object_set_data (G_OBJECT (factory), "ts-field-type", GUINT_TO_POINTER (info->type));
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind_cb), NULL);

  /* the column takes the factory; headers are the canonical field names */
  column = gtk_column_view_column_new (info->name, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (info->type == TS_FIELD_TYPE_PROPERTIES || f + 1 == ts_table_get_n_fields (table))
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  return f + 1 < ts_table_get_n_fields (table);
}

static void
add_columns (TsDataPage *self)
{
  g_clear_handle_id (&self->columns_id, g_source_remove);
  self->rows_pending = FALSE;
  while (append_column (self))
    ;
}

static void update_rows_state (TsDataPage *self);
static void replace_model (TsDataPage *self,
                           TsDataset  *dataset,
                           TsTable     table,
                           const char *filter);
static const char *get_search_text (TsDataPage *self);

static gboolean
on_add_column_cb (gpointer user_data)
{
  TsDataPage *self = user_data;

  if (self->rows_pending)
    {
      self->rows_pending = FALSE;
      replace_model (self, self->dataset, ts_table_model_get_table (self->model), get_search_text (self));
      update_rows_state (self);
      return G_SOURCE_CONTINUE;
    }
  if (append_column (self))
    return G_SOURCE_CONTINUE;
  self->columns_id = 0;
  return G_SOURCE_REMOVE;
}

/* The columns, one per main-loop iteration.  GTK 4.8's column view keeps
 * up to 200 rows alive even while hidden, so a column costs 200 cells set
 * up and bound: all of a table's columns at once, with the model, kept the
 * main loop from running for over 100 ms once a large dataset arrived. */
static void
add_columns_later (TsDataPage *self)
{
  g_clear_handle_id (&self->columns_id, g_source_remove);
  self->columns_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_add_column_cb, self, NULL);
}

static void
update_rows_state (TsDataPage *self)
{
  TsTable table = ts_table_model_get_table (self->model);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  const char *filter = ts_table_model_get_filter (self->model);
  g_autofree char *count = format_count (n_items);
  g_autofree char *label = NULL;
  const char *order;

  g_autofree char *sorted_by = NULL;

  if (self->sort_cancellable != NULL && self->sort_field >= 0 &&
      (guint) self->sort_field < ts_table_get_n_fields (table))
    {
      /* Translators: shown while the rows are sorted; %s is a field */
      sorted_by = g_strdup_printf (_("sorting by %s…"), ts_table_get_field (table, self->sort_field)->name);
      order = sorted_by;
    }
  else if (self->sort_field >= 0 && (guint) self->sort_field < ts_table_get_n_fields (table))
    {
      /* Translators: e.g. "ordered by opened_at, latest first" */
      sorted_by = g_strdup_printf (self->sort_descending ? _("ordered by %s, largest or latest first")
                                                         : _("ordered by %s"),
                                   ts_table_get_field (table, self->sort_field)->name);
      order = sorted_by;
    }
  else if (table == TS_TABLE_CUSTOMERS)
    order = _("in the order they were read");
  else if (table == TS_TABLE_LISTS)
    order = _("ordered by customer");
  else
    order = _("ordered by customer, then time");

  if (self->dataset == NULL)
    {
      label = g_strdup ("");
    }
  else if (filter == NULL)
    {
      /* Translators: e.g. "627 rows · ordered by customer, then time" */
      label = g_strdup_printf (ngettext ("%s row · %s", "%s rows · %s", n_items), count, order);
    }
  else
    {
      guint n_customers = ts_table_model_get_n_customers (self->model);
      g_autofree char *total = format_count (ts_dataset_get_n_rows (self->dataset, table));
      g_autofree char *rows = NULL;

      /* Translators: e.g. "12 of 627 rows"; the first %s is the rows shown, the second all rows */
      rows = g_strdup_printf (ngettext ("%s of %s row", "%s of %s rows",
                                        ts_dataset_get_n_rows (self->dataset, table)),
                              count, total);
      /* Translators: e.g. "12 of 627 rows · 1 matching customer · ordered by customer,
       * then time" */
      label = g_strdup_printf (ngettext ("%s · %u matching customer · %s",
                                         "%s · %u matching customers · %s", n_customers),
                               rows, n_customers, order);
    }
  gtk_label_set_label (self->rows_label, label);

  if (self->dataset == NULL || n_items > 0)
    {
      gtk_stack_set_visible_child_name (self->rows_stack, "table");
    }
  else if (filter != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (filter, -1);
      g_autofree char *description = NULL;
      guint n_customers = ts_table_model_get_n_customers (self->model);

      if (n_customers == 0)
        /* Translators: %s is what the user searched for */
        description = g_strdup_printf (_("No customer’s id or e-mail is or starts "
                                         "with “%s”."), escaped);
      else
        /* Translators: %u customers match the search %s */
        description = g_strdup_printf (ngettext ("%u customer matches “%s”, without rows "
                                                 "in this table.",
                                                 "%u customers match “%s”, without rows "
                                                 "in this table.",
                                                 n_customers),
                                       n_customers, escaped);
      adw_status_page_set_description (self->no_match_page, description);
      gtk_stack_set_visible_child_name (self->rows_stack, "no-match");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->rows_stack, "empty");
    }
}

/* A new model in place of the old one, rather than the old one changed:
 * GTK 4.8's list views visit every removed item on items-changed, which
 * takes about a second for two million rows, while a new model costs only
 * the rows on screen. */
static void
install_model (TsDataPage   *self,
               TsTableModel *model)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (model)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);

  g_set_object (&self->model, model);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

typedef struct
{
  TsTableModel *model;
  guint         field;
  gboolean      descending;
} SortData;

static void
sort_data_free (SortData *data)
{
  g_clear_object (&data->model);
  g_free (data);
}

static void
sort_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SortData *data = task_data;
  guint32 *order = ts_table_model_compute_order (data->model, data->field, data->descending,
                                                 cancellable);

  if (order == NULL)
    g_task_return_error_if_cancelled (task);
  else
    g_task_return_pointer (task, order, g_free);
}

static void update_rows_state (TsDataPage *self);

static void
on_sorted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TsDataPage *self = TS_DATA_PAGE (object);
  SortData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint32 *order = g_task_propagate_pointer (G_TASK (result), &error);

  if (order == NULL)
    return;   /* cancelled: a newer sort, table or search took over */
  g_clear_object (&self->sort_cancellable);
  ts_table_model_set_order (data->model, order);
  install_model (self, data->model);
  update_rows_state (self);
}

/* A new model in place of the old one, rather than the old one changed:
 * GTK 4.8's list views visit every removed item on items-changed, which
 * takes about a second for two million rows, while a new model costs only
 * the rows on screen.  With a sort chosen, the new model is sorted on a
 * worker thread first and shown when done. */
static void
replace_model (TsDataPage *self,
               TsDataset  *dataset,
               TsTable     table,
               const char *filter)
{
  g_autoptr(TsTableModel) model = ts_table_model_new (dataset, table);

  self->rows_pending = FALSE;
  ts_table_model_set_filter (model, filter);

  g_cancellable_cancel (self->sort_cancellable);
  g_clear_object (&self->sort_cancellable);

  if (self->sort_field >= 0 && dataset != NULL &&
      (guint) self->sort_field < ts_table_get_n_fields (table))
    {
      g_autoptr(GTask) task = NULL;
      SortData *data = g_new0 (SortData, 1);

      data->model = g_object_ref (model);
      data->field = (guint) self->sort_field;
      data->descending = self->sort_descending;
      self->sort_cancellable = g_cancellable_new ();
      task = ts_page_task_new (self, self->sort_cancellable, on_sorted_cb);
      g_task_set_source_tag (task, replace_model);
      g_task_set_task_data (task, data, (GDestroyNotify) sort_data_free);
      g_task_run_in_thread (task, sort_thread);
      if (self->model != NULL && ts_table_model_get_table (self->model) == table)
        return;   /* the rows shown stay until the sorted ones are ready */
    }

  install_model (self, model);
}

static void on_sort_changed_cb (TsDataPage *self);

/* The sort choices of the table shown: the dataset's order, then a field. */
static void
update_sort_choices (TsDataPage *self,
                     TsTable     table)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, table == TS_TABLE_CUSTOMERS ? _("As read")
                                : table == TS_TABLE_LISTS ? _("By customer")
                                : _("By customer, then time"));
  for (guint f = 0; f < ts_table_get_n_fields (table); f++)
    {
      /* Translators: a sort choice; %s is a field such as "opened_at" */
      g_autofree char *label = g_strdup_printf (_("By %s"), ts_table_get_field (table, f)->name);
      gtk_string_list_append (list, label);
    }
  self->sort_field = -1;
  g_signal_handlers_block_by_func (self->sort_dropdown, on_sort_changed_cb, self);
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->sort_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->sort_dropdown, on_sort_changed_cb, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->descending_button), FALSE);
}

static const char *
get_search_text (TsDataPage *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

static void
set_table (TsDataPage *self,
           TsTable     table,
           gboolean    columns_later)
{
  if (table == ts_table_model_get_table (self->model) &&
      g_list_model_get_n_items (gtk_column_view_get_columns (self->column_view)) > 0)
    return;

  /* columns first: the cells of a column of the old table would be bound
   * to rows of the new one */
  g_clear_handle_id (&self->columns_id, g_source_remove);
  self->rows_pending = FALSE;
  remove_columns (self);
  update_sort_choices (self, table);
  replace_model (self, self->dataset, table, get_search_text (self));
  if (columns_later)
    add_columns_later (self);
  else
    add_columns (self);
  update_rows_state (self);

  if (gtk_drop_down_get_selected (self->table_dropdown) != (guint) table)
    gtk_drop_down_set_selected (self->table_dropdown, table);
}

static void
on_table_dropdown_selected_cb (TsDataPage  *self,
                               GParamSpec  *pspec,
                               GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected < TS_N_TABLES)
    set_table (self, (TsTable) selected, FALSE);
}

static void
on_search_entry_search_changed_cb (TsDataPage     *self,
                                   GtkSearchEntry *entry)
{
  replace_model (self, self->dataset, ts_table_model_get_table (self->model),
                 gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_rows_state (self);
}

static void
on_sort_changed_cb (TsDataPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  self->sort_field = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
  self->sort_descending = gtk_toggle_button_get_active (self->descending_button);
  gtk_widget_set_sensitive (GTK_WIDGET (self->descending_button), self->sort_field >= 0);
  replace_model (self, self->dataset, ts_table_model_get_table (self->model), get_search_text (self));
  update_rows_state (self);
}

static void
on_search_entry_stop_search_cb (TsDataPage     *self,
                                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_tables_box_child_activated_cb (TsDataPage      *self,
                                  GtkFlowBoxChild *child,
                                  GtkFlowBox      *box)
{
  int index = gtk_flow_box_child_get_index (child);

  if (index >= 0 && index < TS_N_TABLES)
    ts_data_page_show_table (self, (TsTable) index);
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */

static void
copy_findings_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TsDataPage *self = TS_DATA_PAGE (widget);
  GPtrArray *problems;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (self->dataset == NULL)
    return;
  problems = ts_dataset_get_problems (self->dataset);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autofree char *line = ts_problem_to_string (problems->pdata[i]);

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);

  title = g_strdup_printf (ngettext ("%u finding copied", "%u findings copied",
                                     problems ? problems->len : 0),
                           problems ? problems->len : 0);
  emit_toast (self, title);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TsDataPage *self = TS_DATA_PAGE (widget);

  if (self->dataset == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "rows");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ------------------------------------------------------------------ */

static void
ts_data_page_dispose (GObject *object)
{
  TsDataPage *self = (TsDataPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TS_TYPE_DATA_PAGE);

  g_clear_handle_id (&self->columns_id, g_source_remove);
  g_cancellable_cancel (self->sort_cancellable);
  g_clear_object (&self->sort_cancellable);
  g_clear_object (&self->model);
  g_clear_object (&self->dataset);
  g_clear_pointer (&self->source_rows, g_ptr_array_unref);
  g_clear_pointer (&self->finding_rows, g_ptr_array_unref);
  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ts_data_page_parent_class)->dispose (object);
}

static void
ts_data_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TsDataPage *self = TS_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, ts_data_page_get_loaded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_data_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TsDataPage *self = TS_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      ts_data_page_set_dataset (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_data_page_class_init (TsDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_data_page_dispose;
  object_class->get_property = ts_data_page_get_property;
  object_class->set_property = ts_data_page_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, TS_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TsDataPage::add-toast:
   * @toast: the toast to show
   *
   * Asks the window to show @toast.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (TS_TYPE_COLUMNS);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/touchstone/Touchstone/ui/ts-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, tables_box);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, sources_group);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, findings_group);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, descending_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, copy_findings_button);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, customers_label);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, matched_label);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, single_label);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, implicit_label);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, email_label);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, rows_box);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, table_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, rows_label);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, rows_stack);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TsDataPage, no_match_page);
  gtk_widget_class_bind_template_callback (widget_class, on_tables_box_child_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_dropdown_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);

  gtk_widget_class_install_action (widget_class, "data.copy-findings", NULL, copy_findings_action);
  gtk_widget_class_install_action (widget_class, "data.search", NULL, search_action);
}

static void
ts_data_page_init (TsDataPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ts_list_tab_past (GTK_WIDGET (self->column_view));

  self->source_rows = g_ptr_array_new ();
  self->finding_rows = g_ptr_array_new ();

  for (guint t = 0; t < TS_N_TABLES; t++)
    gtk_flow_box_append (self->tables_box, create_table_card (self, (TsTable) t));

  self->sort_field = -1;
  update_sort_choices (self, TS_TABLE_EVENTS);
  replace_model (self, NULL, TS_TABLE_EVENTS, NULL);
  add_columns (self);
  gtk_drop_down_set_selected (self->table_dropdown, TS_TABLE_EVENTS);
  update_rows_state (self);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->rows_box));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.copy-findings", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.search", FALSE);
}

GtkWidget *
ts_data_page_new (void)
{
  return g_object_new (TS_TYPE_DATA_PAGE, NULL);
}

TsDataset *
ts_data_page_get_dataset (TsDataPage *self)
{
  g_return_val_if_fail (TS_IS_DATA_PAGE (self), NULL);
  return self->dataset;
}

/* The table to open on first: the events when there are any. */
static TsTable
pick_table (TsDataset *dataset)
{
  static const TsTable order[] = {
    TS_TABLE_EVENTS, TS_TABLE_CASES, TS_TABLE_TOUCHES, TS_TABLE_RESPONSES,
    TS_TABLE_CUSTOMERS, TS_TABLE_LISTS,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (ts_dataset_get_n_rows (dataset, order[i]) > 0)
      return order[i];
  return TS_TABLE_EVENTS;
}

/**
 * ts_data_page_set_dataset:
 * @dataset: (nullable): the dataset to show, or %NULL for the welcome page
 */
void
ts_data_page_set_dataset (TsDataPage *self,
                          TsDataset  *dataset)
{
  gboolean was_loaded;
  gint64 start;

  g_return_if_fail (TS_IS_DATA_PAGE (self));
  g_return_if_fail (dataset == NULL || TS_IS_DATASET (dataset));

  was_loaded = self->dataset != NULL;
  if (!g_set_object (&self->dataset, dataset))
    return;
  start = g_get_monotonic_time ();

  if (dataset != NULL)
    {
      for (guint t = 0; t < TS_N_TABLES; t++)
        update_table_card (self, (TsTable) t);
      update_identity (self);
      update_sources (self);
      update_findings (self);
    }
  else
    {
      clear_group_rows (self->sources_group, self->source_rows);
      clear_group_rows (self->findings_group, self->finding_rows);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.copy-findings", FALSE);
      gtk_widget_set_visible (self->copy_findings_button, FALSE);
    }

  if (dataset != NULL && !was_loaded &&
      pick_table (dataset) != ts_table_model_get_table (self->model))
    {
      set_table (self, pick_table (dataset), TRUE);
    }
  else if (dataset != NULL)
    {
      /* the rows without columns on the next main-loop iteration, then a
       * column at a time */
      g_clear_handle_id (&self->columns_id, g_source_remove);
      remove_columns (self);
      self->rows_pending = TRUE;
      add_columns_later (self);
    }
  else
    {
      self->rows_pending = FALSE;
      replace_model (self, dataset, ts_table_model_get_table (self->model), get_search_text (self));
      update_rows_state (self);
    }

  gtk_stack_set_visible_child_name (self->main_stack, dataset != NULL ? "data" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "data.search", dataset != NULL);

  g_debug ("dataset shown in %.3f s", (g_get_monotonic_time () - start) / 1e6);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  if (was_loaded != (dataset != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/**
 * ts_data_page_get_loaded:
 *
 * Returns: whether the page shows a dataset rather than the welcome page
 */
gboolean
ts_data_page_get_loaded (TsDataPage *self)
{
  g_return_val_if_fail (TS_IS_DATA_PAGE (self), FALSE);
  return self->dataset != NULL;
}

/**
 * ts_data_page_get_busy:
 *
 * Returns: whether the columns of the table shown are still being added
 */
gboolean
ts_data_page_get_busy (TsDataPage *self)
{
  g_return_val_if_fail (TS_IS_DATA_PAGE (self), FALSE);
  return self->columns_id != 0;
}

/**
 * ts_data_page_get_view_stack:
 *
 * Returns: (transfer none): the stack of the page's views, for a switcher
 */
AdwViewStack *
ts_data_page_get_view_stack (TsDataPage *self)
{
  g_return_val_if_fail (TS_IS_DATA_PAGE (self), NULL);
  return self->view_stack;
}

/**
 * ts_data_page_show_table:
 *
 * Shows the rows of @table.
 */
void
ts_data_page_show_table (TsDataPage *self,
                         TsTable     table)
{
  g_return_if_fail (TS_IS_DATA_PAGE (self));
  g_return_if_fail (table >= 0 && table < TS_N_TABLES);

  set_table (self, table, FALSE);
  adw_view_stack_set_visible_child_name (self->view_stack, "rows");
}

GtkColumnView *
_ts_data_page_get_column_view (TsDataPage *self)
{
  return self->column_view;
}

GtkDropDown *
_ts_data_page_get_table_dropdown (TsDataPage *self)
{
  return self->table_dropdown;
}

GtkEditable *
_ts_data_page_get_search_entry (TsDataPage *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GtkLabel *
_ts_data_page_get_count_label (TsDataPage *self,
                               TsTable     table)
{
  return self->count_labels[table];
}

GtkLabel *
_ts_data_page_get_matched_label (TsDataPage *self)
{
  return self->matched_label;
}

TsTableModel *
_ts_data_page_get_table_model (TsDataPage *self)
{
  return self->model;
}

guint
_ts_data_page_get_n_source_rows (TsDataPage *self)
{
  return self->source_rows->len;
}

guint
_ts_data_page_get_n_finding_rows (TsDataPage *self)
{
  return self->finding_rows->len;
}

/**
 * ts_data_page_set_recent:
 * @paths: (array zero-terminated=1) (nullable): workspace files, newest first
 *
 * Lists the recent workspaces on the welcome page; those that no longer
 * exist are left out.
 */
void
ts_data_page_set_recent (TsDataPage         *self,
                         const char * const *paths)
{
  guint shown = 0;

  g_return_if_fail (TS_IS_DATA_PAGE (self));

  if (self->recent_rows == NULL)
    self->recent_rows = g_ptr_array_new ();
  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, self->recent_rows->pdata[i]);
  g_ptr_array_set_size (self->recent_rows, 0);

  for (guint i = 0; paths != NULL && paths[i] != NULL && shown < 5; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *folder = NULL;
      GtkWidget *row;
      char *dot;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        continue;
      name = g_path_get_basename (paths[i]);
      dot = strrchr (name, '.');
      if (dot != NULL && dot != name)
        *dot = '\0';
      dir = g_path_get_dirname (paths[i]);
      folder = g_filename_display_name (dir);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "window.open-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", paths[i]);
      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), shown > 0);
}

AdwPreferencesGroup *
_ts_data_page_get_recent_group (TsDataPage *self)
{
  return self->recent_group;
}

GtkDropDown *
_ts_data_page_get_sort_dropdown (TsDataPage *self)
{
  return self->sort_dropdown;
}

GtkToggleButton *
_ts_data_page_get_descending_button (TsDataPage *self)
{
  return self->descending_button;
}

GtkLabel *
_ts_data_page_get_rows_label (TsDataPage *self)
{
  return self->rows_label;
}

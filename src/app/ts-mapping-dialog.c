/* ts-mapping-dialog.c — how one source is read: its plugin, table and columns
 *
 * The dialog edits the mapping of one workspace source.  It shows which
 * plugin probing picks and lets the user choose another; for a file the CSV
 * plugin reads, it also shows the table, the first records as parsed, and
 * one row per column with the field it fills, pre-filled from the mapping
 * or, failing that, from the same guess the import makes.  Apply stores
 * only what differs from those guesses (the rest of the mapping, such as
 * its delimiter or constants, is kept) and imports the sources again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-mapping-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ts-mapping-dialog.h"
#include "ts-mapping-dialog-private.h"

/* Records shown in the preview, below the header. */
#define N_PREVIEW_RECORDS 10

/* The time formats offered, in the order of the format drop-downs. */
static const TsTimeFormat time_formats[] = {
  TS_TIME_FORMAT_UNKNOWN,
  TS_TIME_FORMAT_ISO8601,
  TS_TIME_FORMAT_DMY,
  TS_TIME_FORMAT_MDY,
  TS_TIME_FORMAT_EPOCH_S,
  TS_TIME_FORMAT_EPOCH_MS,
};

static const char *const table_titles[TS_N_TABLES] = {
  N_("Customers"),
  N_("Events"),
  N_("Cases"),
  N_("Touches"),
  N_("Responses"),
  N_("Lists"),
};

typedef struct
{
  char        *name;
  int          guess;        /* the field the import would fill, or -1 */
  GtkWidget   *row;
  GtkDropDown *field;        /* 0: not used, else field + 1 */
  GtkDropDown *format;       /* an index into time_formats */
  JsonNode    *time_zone;    /* the mapping's, kept as it was */
} Column;

struct _TsMappingDialog
{
  AdwWindow            parent_instance;

  /* template */
  AdwWindowTitle      *window_title;
  GtkWidget           *apply_button;
  AdwComboRow         *plugin_row;
  AdwComboRow         *table_row;
  AdwPreferencesGroup *note_group;
  GtkLabel            *note_label;
  AdwPreferencesGroup *preview_group;
  GtkGrid             *preview_grid;
  AdwPreferencesGroup *columns_group;

  TsWindow            *window;
  guint                source;
  GFile               *file;
  JsonObject          *mapping;       /* the source's, or an empty one */
  GPtrArray           *plugin_ids;    /* NULL first: automatic */
  TsSource            *probed;
  TsTable              guessed_table;
  GPtrArray           *records;       /* GStrv; the header first */
  guint                n_preview_records;
  GArray              *columns;       /* Column */
  gboolean             filling;
};

G_DEFINE_FINAL_TYPE (TsMappingDialog, ts_mapping_dialog, ADW_TYPE_WINDOW)

static void
column_clear (Column *column)
{
  g_clear_pointer (&column->name, g_free);
  g_clear_pointer (&column->time_zone, json_node_unref);
}

/* ------------------------------------------------------------------ */
/* What the source's mapping says                                      */

static const char *
mapping_get_string (JsonObject *mapping,
                    const char *member)
{
  JsonNode *node = json_object_get_member (mapping, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The mapping's entry for @column: its field (NULL: not used) and format.
 * Returns whether the mapping names the column. */
static gboolean
mapping_lookup_column (JsonObject    *mapping,
                       const char    *column,
                       const char   **field,
                       TsTimeFormat  *format,
                       JsonNode     **time_zone)
{
  JsonObject *columns;
  JsonNode *node;

  *field = NULL;
  *format = TS_TIME_FORMAT_UNKNOWN;
  *time_zone = NULL;

  if (!json_object_has_member (mapping, "columns"))
    return FALSE;
  node = json_object_get_member (mapping, "columns");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  columns = json_node_get_object (node);
  node = json_object_get_member (columns, column);
  if (node == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *zone = json_object_get_member (object, "time_zone");

      *field = mapping_get_string (object, "field");
      *format = ts_time_format_from_string (mapping_get_string (object, "format"));
      if (zone != NULL)
        *time_zone = json_node_copy (zone);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *field = json_node_get_string (node);
    }
  return TRUE;
}

static TsMapping *
mapping_from_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  return ts_mapping_new_from_data (text, -1, NULL);
}

/* ------------------------------------------------------------------ */
/* The plugin                                                          */

static const char *
get_chosen_plugin (TsMappingDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->plugin_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->plugin_ids->len)
    return NULL;
  return self->plugin_ids->pdata[selected];
}

/* The plugin the import would use: the chosen one, or the probed one. */
static TsSource *
get_effective_source (TsMappingDialog *self)
{
  const char *id = get_chosen_plugin (self);

  if (id != NULL)
    return ts_plugin_manager_find_source (ts_plugin_manager_get_default (), id);
  return self->probed;
}

/* Table, preview and columns are the CSV plugin's vocabulary; other
 * plugins read their formats' layout themselves. */
static gboolean
is_csv_like (TsMappingDialog *self)
{
  TsSource *source = get_effective_source (self);

  return source != NULL && g_str_equal (ts_source_get_id (source), "csv") &&
         g_file_query_file_type (self->file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR;
}

static void
fill_plugins (TsMappingDialog *self)
{
  TsPluginManager *plugins = ts_plugin_manager_get_default ();
  GPtrArray *sources = ts_plugin_manager_get_sources (plugins);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = mapping_get_string (self->mapping, "plugin");
  g_autofree char *subtitle = NULL;
  guint selected = 0;
  guint confidence = 0;

  self->probed = ts_plugin_manager_probe (plugins, self->file, &confidence, NULL);

  gtk_string_list_append (names, _("Automatic (probe)"));
  g_ptr_array_add (self->plugin_ids, NULL);
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const char *id = ts_source_get_id (sources->pdata[i]);

      gtk_string_list_append (names, ts_source_get_name (sources->pdata[i]));
      g_ptr_array_add (self->plugin_ids, g_strdup (id));
      if (g_strcmp0 (current, id) == 0)
        selected = self->plugin_ids->len - 1;
    }
  adw_combo_row_set_model (self->plugin_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->plugin_row, selected);

  if (self->probed != NULL)
    /* Translators: %s is the name of a data-source plugin, e.g. "CSV files" */
    subtitle = g_strdup_printf (_("Probing picks “%s”"), ts_source_get_name (self->probed));
  else
    subtitle = g_strdup (_("No plugin recognises this file"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->plugin_row), subtitle);
}

/* ------------------------------------------------------------------ */
/* The preview                                                         */

static void
clear_preview (TsMappingDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
  self->n_preview_records = 0;
}

/* Longer values are cut, with the whole value in the tooltip. */
#define MAX_CELL_CHARS 24

static GtkWidget *
create_cell (const char *text,
             gboolean    header)
{
  g_autofree char *line = g_strdup (text != NULL ? text : "");
  GtkWidget *label;

  /* one line per record: a field's line breaks would stretch the row */
  g_strdelimit (line, "\r\n\t", ' ');
  if (g_utf8_strlen (line, -1) > MAX_CELL_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, MAX_CELL_CHARS - 1);

      g_free (line);
      line = g_strconcat (cut, "…", NULL);
    }
  /* not ellipsized: the preview scrolls sideways rather than squeeze */
  label = gtk_label_new (line);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (!g_str_equal (line, text != NULL ? text : ""))
    gtk_widget_set_tooltip_text (label, text);
  if (header)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
load_preview (TsMappingDialog *self)
{
  g_autoptr(TsMapping) mapping = mapping_from_object (self->mapping);
  g_autoptr(TsMapping) resolved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (self->file);
  TsSource *source = get_effective_source (self);

  clear_preview (self);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  if (source == NULL)
    return;

  resolved = ts_mapping_resolve (mapping, path);
  self->records = ts_source_preview (source, self->file, resolved, N_PREVIEW_RECORDS + 1,
                                     NULL, &error);
  if (self->records == NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "error");
      gtk_grid_attach (self->preview_grid, label, 0, 0, 1, 1);
      return;
    }

  for (guint r = 0; r < self->records->len && r <= N_PREVIEW_RECORDS; r++)
    {
      char **fields = self->records->pdata[r];

      for (guint c = 0; fields != NULL && fields[c] != NULL; c++)
        gtk_grid_attach (self->preview_grid, create_cell (fields[c], r == 0), c, r, 1, 1);
    }
  self->n_preview_records = self->records->len > 0 ? MIN (self->records->len - 1,
                                                          N_PREVIEW_RECORDS) : 0;
}

/* ------------------------------------------------------------------ */
/* Table and columns                                                   */

static const char *const *
get_header (TsMappingDialog *self,
            guint           *n_columns)
{
  char **header;

  *n_columns = 0;
  if (self->records == NULL || self->records->len == 0)
    return NULL;
  header = self->records->pdata[0];
  *n_columns = g_strv_length (header);
  return (const char *const *) header;
}

static TsTable
get_table (TsMappingDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->table_row);

  return selected < TS_N_TABLES ? (TsTable) selected : TS_TABLE_NONE;
}

/* The import's guess: the fields the headers name, and where two columns
 * name one field, the first. */
static void
guess_fields (TsMappingDialog *self,
              TsTable          table)
{
  guint n_columns;
  const char *const *header = get_header (self, &n_columns);
  g_autofree int *fields = g_new0 (int, MAX (n_columns, 1));

  if (header == NULL || table == TS_TABLE_NONE)
    return;
  ts_schema_map_columns (table, header, n_columns, fields);
  for (guint c = 0; c < n_columns; c++)
    for (guint d = 0; d < c; d++)
      if (fields[c] >= 0 && fields[c] == fields[d])
        fields[c] = -1;
  for (guint c = 0; c < n_columns && c < self->columns->len; c++)
    g_array_index (self->columns, Column, c).guess = fields[c];
}

static GListModel *
create_field_model (TsTable table)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  /* Translators: a column of a file that fills no field */
  gtk_string_list_append (names, _("(not used)"));
  for (guint f = 0; table != TS_TABLE_NONE && f < ts_table_get_n_fields (table); f++)
    gtk_string_list_append (names, ts_table_get_field (table, f)->name);
  return G_LIST_MODEL (names);
}

static int
get_column_field (Column *column)
{
  guint selected = gtk_drop_down_get_selected (column->field);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return -1;
  return (int) selected - 1;
}

static void
update_column_row (TsMappingDialog *self,
                   Column          *column)
{
  TsTable table = get_table (self);
  int field = get_column_field (column);
  gboolean is_time = field >= 0 && table != TS_TABLE_NONE &&
                     ts_table_get_field (table, field)->type == TS_FIELD_TYPE_TIME;

  gtk_widget_set_visible (GTK_WIDGET (column->format), is_time);
  if (field == column->guess)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (column->row), NULL);
  else if (column->guess >= 0)
    {
      /* Translators: %s is the field the import guessed for a column */
      g_autofree char *guessed = g_strdup_printf (_("Guessed: %s"),
                                                  ts_table_get_field (table, column->guess)->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (column->row), guessed);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (column->row), _("Guessed: not used"));
}

static void
on_field_notify_selected_cb (GtkDropDown *dropdown,
                             GParamSpec  *pspec,
                             gpointer     user_data)
{
  TsMappingDialog *self = user_data;

  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *column = &g_array_index (self->columns, Column, c);

      if (column->field == dropdown)
        update_column_row (self, column);
    }
}

static GListModel *
create_format_model (void)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (time_formats); i++)
    {
      if (time_formats[i] == TS_TIME_FORMAT_UNKNOWN)
        /* Translators: a time format the import decides from the values */
        gtk_string_list_append (names, _("Automatic format"));
      else
        gtk_string_list_append (names, ts_time_format_describe (time_formats[i]));
    }
  return G_LIST_MODEL (names);
}

static guint
format_index (TsTimeFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (time_formats); i++)
    if (time_formats[i] == format)
      return i;
  return 0;
}

/* The first values of column @c, to tell columns apart by what they hold. */
static char *
describe_values (TsMappingDialog *self,
                 guint            c)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint r = 1; self->records != NULL && r < self->records->len && r <= 3; r++)
    {
      char **fields = self->records->pdata[r];

      if (c >= g_strv_length (fields) || fields[c][0] == '\0')
        continue;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, fields[c]);
    }
  g_strdelimit (s->str, "\r\n\t", ' ');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
clear_columns (TsMappingDialog *self)
{
  for (guint c = 0; c < self->columns->len; c++)
    adw_preferences_group_remove (self->columns_group,
                                  g_array_index (self->columns, Column, c).row);
  g_array_set_size (self->columns, 0);
}

static void
create_columns (TsMappingDialog *self)
{
  guint n_columns;
  const char *const *header = get_header (self, &n_columns);

  clear_columns (self);
  for (guint c = 0; c < n_columns; c++)
    {
      Column column = { 0, };
      g_autoptr(GListModel) formats = create_format_model ();
      g_autofree char *values = describe_values (self, c);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      column.name = g_strdup (header[c]);
      column.guess = -1;
      column.row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (column.row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (column.row),
                                     column.name[0] != '\0' ? column.name : _("(no name)"));
      gtk_widget_set_tooltip_text (column.row, values[0] != '\0' ? values : NULL);

      column.format = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (formats), NULL));
      gtk_widget_set_valign (GTK_WIDGET (column.format), GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (GTK_WIDGET (column.format), _("How the times are written"));
      gtk_widget_set_visible (GTK_WIDGET (column.format), FALSE);

      column.field = GTK_DROP_DOWN (gtk_drop_down_new (create_field_model (get_table (self)), NULL));
      gtk_widget_set_valign (GTK_WIDGET (column.field), GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (GTK_WIDGET (column.field), _("The field this column fills"));
      g_signal_connect (column.field, "notify::selected",
                        G_CALLBACK (on_field_notify_selected_cb), self);

      gtk_box_append (GTK_BOX (box), GTK_WIDGET (column.format));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (column.field));
      adw_action_row_add_suffix (ADW_ACTION_ROW (column.row), box);
      adw_preferences_group_add (self->columns_group, column.row);
      g_array_append_val (self->columns, column);
    }
}

/* Fields from the guess for @table, or where @use_mapping and the mapping
 * names a column, from the mapping. */
static void
fill_fields (TsMappingDialog *self,
             gboolean         use_mapping)
{
  TsTable table = get_table (self);

  guess_fields (self, table);
  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *column = &g_array_index (self->columns, Column, c);
      g_autoptr(GListModel) model = create_field_model (table);
      const char *field_name = NULL;
      TsTimeFormat format = TS_TIME_FORMAT_UNKNOWN;
      JsonNode *zone = NULL;
      int field = column->guess;

      g_clear_pointer (&column->time_zone, json_node_unref);
      if (use_mapping &&
          mapping_lookup_column (self->mapping, column->name, &field_name, &format, &zone))
        {
          field = field_name != NULL ? ts_table_find_field (table, field_name) : -1;
          column->time_zone = zone;
        }

      gtk_drop_down_set_model (column->field, model);
      gtk_drop_down_set_selected (column->field, (guint) (field + 1));
      gtk_drop_down_set_selected (column->format, format_index (format));
      update_column_row (self, column);
    }
}

static void
update_visibility (TsMappingDialog *self)
{
  gboolean csv = is_csv_like (self);

  gtk_widget_set_visible (GTK_WIDGET (self->table_row), csv);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), csv);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), csv && self->columns->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->note_group), !csv);
  if (!csv)
    gtk_label_set_label (self->note_label,
                         _("This plugin finds the tables and columns of its formats itself: "
                           "only the plugin can be chosen."));
}

/* Everything below the plugin, for the plugin now chosen. */
static void
fill_csv (TsMappingDialog *self)
{
  TsTable table;

  self->filling = TRUE;
  clear_preview (self);
  clear_columns (self);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  if (is_csv_like (self))
    {
      g_autofree char *description = NULL;
      g_autofree char *base = g_file_get_basename (self->file);
      guint n_columns;
      const char *const *header;
      int score;

      load_preview (self);
      header = get_header (self, &n_columns);
      self->guessed_table = header != NULL
                            ? ts_schema_guess_table (header, n_columns, base, &score)
                            : TS_TABLE_NONE;

      table = ts_table_from_name (mapping_get_string (self->mapping, "table"));
      if (table == TS_TABLE_NONE)
        table = self->guessed_table;
      adw_combo_row_set_selected (self->table_row,
                                  table != TS_TABLE_NONE ? (guint) table : GTK_INVALID_LIST_POSITION);

      description = g_strdup_printf (ngettext ("The first record as read",
                                               "The first %u records as read",
                                               self->n_preview_records),
                                     self->n_preview_records);
      adw_preferences_group_set_description (self->preview_group, description);

      create_columns (self);
      fill_fields (self, TRUE);
    }

  update_visibility (self);
  self->filling = FALSE;
}

static void
on_plugin_row_notify_selected_cb (TsMappingDialog *self,
                                  GParamSpec      *pspec,
                                  AdwComboRow     *row)
{
  if (self->filling || self->plugin_ids->len == 0)
    return;
  fill_csv (self);
}

static void
on_table_row_notify_selected_cb (TsMappingDialog *self,
                                 GParamSpec      *pspec,
                                 AdwComboRow     *row)
{
  if (self->filling)
    return;
  /* another table, other fields: guess them again */
  self->filling = TRUE;
  fill_fields (self, FALSE);
  self->filling = FALSE;
}

/* ------------------------------------------------------------------ */
/* Apply                                                               */

JsonObject *
_ts_mapping_dialog_build_mapping (TsMappingDialog *self)
{
  g_autoptr(JsonObject) mapping = json_object_new ();
  g_autoptr(JsonObject) columns = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (self->mapping);
  const char *plugin = get_chosen_plugin (self);
  TsTable table = get_table (self);

  /* what the dialog does not edit stays as it was */
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_equal (name, "plugin") || g_str_equal (name, "table") ||
          g_str_equal (name, "columns"))
        continue;
      json_object_set_member (mapping, name,
                              json_node_copy (json_object_get_member (self->mapping, name)));
    }

  if (plugin != NULL)
    json_object_set_string_member (mapping, "plugin", plugin);

  if (is_csv_like (self) && table != TS_TABLE_NONE)
    {
      for (guint c = 0; c < self->columns->len; c++)
        {
          Column *column = &g_array_index (self->columns, Column, c);
          int field = get_column_field (column);
          TsTimeFormat format = TS_TIME_FORMAT_UNKNOWN;
          const char *name;

          if (field >= 0 && gtk_widget_get_visible (GTK_WIDGET (column->format)))
            format = time_formats[gtk_drop_down_get_selected (column->format)];
          if (field == column->guess && format == TS_TIME_FORMAT_UNKNOWN &&
              column->time_zone == NULL)
            continue;

          if (field < 0)
            {
              json_object_set_null_member (columns, column->name);
              continue;
            }
          name = ts_table_get_field (table, field)->name;
          if (format == TS_TIME_FORMAT_UNKNOWN && column->time_zone == NULL)
            {
              json_object_set_string_member (columns, column->name, name);
            }
          else
            {
              JsonObject *object = json_object_new ();

              json_object_set_string_member (object, "field", name);
              if (format != TS_TIME_FORMAT_UNKNOWN)
                json_object_set_string_member (object, "format",
                                               ts_time_format_to_string (format));
              if (column->time_zone != NULL)
                json_object_set_member (object, "time_zone", json_node_copy (column->time_zone));
              json_object_set_object_member (columns, column->name, object);
            }
        }

      /* columns name fields of one table: a guess of another table later
       * would make them wrong */
      if (table != self->guessed_table || json_object_get_size (columns) > 0)
        json_object_set_string_member (mapping, "table", ts_table_get_name (table));
      if (json_object_get_size (columns) > 0)
        json_object_set_object_member (mapping, "columns", g_steal_pointer (&columns));
    }
  else if (!is_csv_like (self))
    {
      /* a table and columns another plugin would not understand are kept
       * for when the CSV plugin reads the file again */
      const char *names[] = { "table", "columns" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (json_object_has_member (self->mapping, names[i]))
          json_object_set_member (mapping, names[i],
                                  json_node_copy (json_object_get_member (self->mapping, names[i])));
    }

  return g_steal_pointer (&mapping);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TsMappingDialog *self = TS_MAPPING_DIALOG (widget);
  TsWorkspace *workspace = ts_window_get_workspace (self->window);
  g_autoptr(JsonObject) mapping = _ts_mapping_dialog_build_mapping (self);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(TsMapping) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  json_node_set_object (node, mapping);
  text = json_to_string (node, FALSE);
  check = ts_mapping_new_from_data (text, -1, &error);
  if (check == NULL)
    {
      AdwMessageDialog *dialog =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                    _("Could Not Apply the Mapping"),
                                                    error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (self->source >= ts_workspace_get_n_sources (workspace) ||
      !g_file_equal (ts_workspace_get_source (workspace, self->source), self->file))
    {
      /* the sources changed while the dialog was open */
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  ts_workspace_set_source_mapping (workspace, self->source,
                                   json_object_get_size (mapping) > 0 ? mapping : NULL);
  ts_window_reimport (self->window);
  gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------ */

static void
ts_mapping_dialog_dispose (GObject *object)
{
  TsMappingDialog *self = (TsMappingDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TS_TYPE_MAPPING_DIALOG);

  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->plugin_ids, g_ptr_array_unref);
  g_clear_pointer (&self->mapping, json_object_unref);
  g_clear_object (&self->file);
  g_clear_object (&self->window);

  G_OBJECT_CLASS (ts_mapping_dialog_parent_class)->dispose (object);
}

static void
ts_mapping_dialog_class_init (TsMappingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ts_mapping_dialog_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/touchstone/Touchstone/ui/ts-mapping-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TsMappingDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TsMappingDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, TsMappingDialog, plugin_row);
  gtk_widget_class_bind_template_child (widget_class, TsMappingDialog, table_row);
  gtk_widget_class_bind_template_child (widget_class, TsMappingDialog, note_group);
  gtk_widget_class_bind_template_child (widget_class, TsMappingDialog, note_label);
  gtk_widget_class_bind_template_child (widget_class, TsMappingDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, TsMappingDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, TsMappingDialog, columns_group);
  gtk_widget_class_bind_template_callback (widget_class, on_plugin_row_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_row_notify_selected_cb);

  gtk_widget_class_install_action (widget_class, "mapping.apply", NULL, apply_action);
}

static void
ts_mapping_dialog_init (TsMappingDialog *self)
{
  g_autoptr(GtkStringList) tables = gtk_string_list_new (NULL);

  self->plugin_ids = g_ptr_array_new_with_free_func (g_free);
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, (GDestroyNotify) column_clear);
  self->guessed_table = TS_TABLE_NONE;

  /* before the template's signal handlers can run */
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint t = 0; t < TS_N_TABLES; t++)
    gtk_string_list_append (tables, _(table_titles[t]));
  adw_combo_row_set_model (self->table_row, G_LIST_MODEL (tables));
  self->filling = FALSE;
}

/**
 * ts_mapping_dialog_new:
 * @window: the window whose workspace holds the source
 * @source: the source's index in the workspace
 *
 * Returns: (transfer none): a dialog, transient for @window
 */
TsMappingDialog *
ts_mapping_dialog_new (TsWindow *window,
                       guint     source)
{
  TsWorkspace *workspace;
  TsMappingDialog *self;
  JsonObject *mapping;
  g_autofree char *base = NULL;

  g_return_val_if_fail (TS_IS_WINDOW (window), NULL);
  workspace = ts_window_get_workspace (window);
  g_return_val_if_fail (source < ts_workspace_get_n_sources (workspace), NULL);

  self = g_object_new (TS_TYPE_MAPPING_DIALOG, "transient-for", window, NULL);
  self->window = g_object_ref (window);
  self->source = source;
  self->file = g_object_ref (ts_workspace_get_source (workspace, source));
  mapping = ts_workspace_get_source_mapping (workspace, source);
  self->mapping = mapping != NULL ? json_object_ref (mapping) : json_object_new ();

  base = g_file_get_basename (self->file);
  adw_window_title_set_subtitle (self->window_title, base);

  self->filling = TRUE;
  fill_plugins (self);
  self->filling = FALSE;
  fill_csv (self);

  return self;
}

guint
ts_mapping_dialog_get_source (TsMappingDialog *self)
{
  g_return_val_if_fail (TS_IS_MAPPING_DIALOG (self), 0);
  return self->source;
}

AdwComboRow *
_ts_mapping_dialog_get_plugin_row (TsMappingDialog *self)
{
  return self->plugin_row;
}

AdwComboRow *
_ts_mapping_dialog_get_table_row (TsMappingDialog *self)
{
  return self->table_row;
}

GtkWidget *
_ts_mapping_dialog_get_apply_button (TsMappingDialog *self)
{
  return self->apply_button;
}

guint
_ts_mapping_dialog_get_n_columns (TsMappingDialog *self)
{
  return self->columns->len;
}

const char *
_ts_mapping_dialog_get_column_name (TsMappingDialog *self,
                                    guint            column)
{
  g_assert (column < self->columns->len);
  return g_array_index (self->columns, Column, column).name;
}

GtkDropDown *
_ts_mapping_dialog_get_field_dropdown (TsMappingDialog *self,
                                       guint            column)
{
  g_assert (column < self->columns->len);
  return g_array_index (self->columns, Column, column).field;
}

GtkDropDown *
_ts_mapping_dialog_get_format_dropdown (TsMappingDialog *self,
                                        guint            column)
{
  g_assert (column < self->columns->len);
  return g_array_index (self->columns, Column, column).format;
}

guint
_ts_mapping_dialog_get_n_preview_records (TsMappingDialog *self)
{
  return self->n_preview_records;
}

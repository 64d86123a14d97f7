/* ts-cli-preview.c — `touchstone-cli preview`: records exactly as parsed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "touchstone-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ts-cli.h"

#define CELL_WIDTH 24

static void
print_table (GPtrArray *records,
             gboolean   header,
             guint      shown)
{
  guint n_cols = 0;
  g_autofree guint *width = NULL;

  for (guint r = 0; r < records->len; r++)
    n_cols = MAX (n_cols, g_strv_length (records->pdata[r]));
  width = g_new0 (guint, MAX (n_cols, 1));
  for (guint r = 0; r < records->len; r++)
    {
      char **row = records->pdata[r];
      for (guint c = 0; row[c]; c++)
        width[c] = MAX (width[c], MIN (g_utf8_strlen (row[c], -1), CELL_WIDTH));
    }

  for (guint r = 0; r < records->len; r++)
    {
      char **row = records->pdata[r];
      GString *line = g_string_new (NULL);

      for (guint c = 0; c < n_cols; c++)
        {
          const char *cell = row[c] ? row[c] : "";
          glong len = g_utf8_strlen (cell, -1);
          GString *shown_cell = g_string_new (NULL);

          /* one line per record: show line breaks and tabs as symbols */
          for (const char *p = cell; *p && (glong) g_utf8_strlen (shown_cell->str, -1) < CELL_WIDTH; p = g_utf8_next_char (p))
            {
              gunichar ch = g_utf8_get_char (p);
              if (ch == '\n')
                g_string_append (shown_cell, "⏎");
              else if (ch == '\r')
                continue;
              else if (ch == '\t')
                g_string_append (shown_cell, "→");
              else
                g_string_append_unichar (shown_cell, ch);
            }
          if (len > CELL_WIDTH)
            {
              g_string_truncate (shown_cell, g_utf8_offset_to_pointer (shown_cell->str, CELL_WIDTH - 1) - shown_cell->str);
              g_string_append (shown_cell, "…");
            }
          g_string_append (line, shown_cell->str);
          if (c + 1 < n_cols)
            for (glong pad = g_utf8_strlen (shown_cell->str, -1); pad < (glong) width[c] + 2; pad++)
              g_string_append_c (line, ' ');
          g_string_free (shown_cell, TRUE);
        }
      ts_cli_print ("%s\n", line->str);
      g_string_free (line, TRUE);

      if (r == 0 && header)
        {
          GString *rule = g_string_new (NULL);
          for (guint c = 0; c < n_cols; c++)
            {
              for (guint i = 0; i < width[c]; i++)
                g_string_append (rule, "─");
              if (c + 1 < n_cols)
                g_string_append (rule, "  ");
            }
          ts_cli_print ("%s\n", rule->str);
          g_string_free (rule, TRUE);
        }
    }
  ts_cli_print ("\n");
  ts_cli_print (ngettext ("%u record shown\n", "%u records shown\n", shown), shown);
}

static JsonNode *
records_to_json (GPtrArray *records,
                 gboolean   header)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  if (!header)
    {
      for (guint r = 0; r < records->len; r++)
        {
          char **row = records->pdata[r];
          json_builder_begin_array (b);
          for (guint c = 0; row[c]; c++)
            json_builder_add_string_value (b, row[c]);
          json_builder_end_array (b);
        }
    }
  else if (records->len > 0)
    {
      char **names = records->pdata[0];
      guint n_names = g_strv_length (names);

      for (guint r = 1; r < records->len; r++)
        {
          char **row = records->pdata[r];
          guint n = g_strv_length (row);

          json_builder_begin_object (b);
          for (guint c = 0; c < MAX (n, n_names); c++)
            {
              g_autofree char *extra = NULL;
              const char *key = c < n_names ? names[c] : (extra = g_strdup_printf ("column %u", c + 1));
              json_builder_set_member_name (b, key);
              if (c < n)
                json_builder_add_string_value (b, row[c]);
              else
                json_builder_add_null_value (b);
            }
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* The records of one file, or NULL with @error set. */
static GPtrArray *
read_records (TsPluginManager *plugins,
              const char      *path,
              TsMapping       *mapping,
              const char      *plugin_id,
              guint            max_records,
              GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(TsMapping) resolved = ts_mapping_resolve (mapping, path);
  TsSource *source;

  if (!g_file_query_exists (file, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s: no such file"), path);
      return NULL;
    }
  if (plugin_id == NULL)
    plugin_id = ts_mapping_get_plugin (resolved);
  if (plugin_id != NULL)
    {
      source = ts_plugin_manager_find_source (plugins, plugin_id);
      if (source == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("no plugin “%s”"), plugin_id);
          return NULL;
        }
    }
  else
    {
      source = ts_plugin_manager_probe (plugins, file, NULL, NULL);
      if (source == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("%s: no plugin can read this file"), path);
          return NULL;
        }
    }
  return ts_source_preview (source, file, resolved, max_records, NULL, error);
}

int
ts_cli_preview (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  gboolean no_header = FALSE;
  gboolean demo = FALSE;
  g_autofree char *rows_arg = NULL;
  g_autofree char *mapping_path = NULL;
  g_autofree char *workspace_path = NULL;
  g_autofree char *plugin_id = NULL;
  g_auto(GStrv) files = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON: an array of objects keyed by header (with --no-header, an array of arrays)"), NULL },
    { "no-header", 0, 0, G_OPTION_ARG_NONE, &no_header, N_("The first record is data, not a header"), NULL },
    { "rows", 'n', 0, G_OPTION_ARG_STRING, &rows_arg, N_("How many records to show (default 20), or “all”"), N_("N|all") },
    { "mapping", 'm', 0, G_OPTION_ARG_FILENAME, &mapping_path, N_("A mapping file (its delimiter and encoding apply)"), N_("MAP.json") },
    { "plugin", 'p', 0, G_OPTION_ARG_STRING, &plugin_id, N_("Read with this plugin instead of the one that probes best"), N_("ID") },
    { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &workspace_path, N_("Preview a workspace's sources (or FILE with the workspace's mappings)"), N_("FILE.touchstone") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Preview the bundled demo workspace's sources"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ts_cli_option_context_new ("preview", N_("[FILE]"),
                               _("Shows a file's records exactly as the plugin parsed them, before any mapping; "
                                 "with --workspace or --demo, those of each of the workspace's sources."),
                               entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(TsMapping) mapping = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(JsonBuilder) all_json = NULL;
  TsPluginManager *plugins;
  guint max_rows = 20;
  gboolean all = FALSE;
  gboolean header;
  gboolean several;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ts_cli_usage_error (context, "%s", error->message);
  if (files != NULL && files[0] != NULL && files[1] != NULL)
    return ts_cli_usage_error (context, _("preview takes one FILE"));
  if (demo && workspace_path)
    return ts_cli_usage_error (context, _("give --workspace or --demo, not both"));

  if (rows_arg != NULL)
    {
      guint64 v;
      if (g_ascii_strcasecmp (rows_arg, "all") == 0)
        all = TRUE;
      else if (g_ascii_string_to_unsigned (rows_arg, 10, 0, G_MAXUINT32 - 1, &v, NULL))
        max_rows = (guint) v;
      else
        return ts_cli_usage_error (context, _("--rows takes a number or “all”, not “%s”"), rows_arg);
    }

  if (demo || workspace_path)
    {
      g_autoptr(TsWorkspace) workspace = ts_cli_load_workspace (workspace_path, &error);
      if (workspace == NULL)
        return ts_cli_fail (g_steal_pointer (&error));
      mapping = ts_workspace_build_mapping (workspace);
      if (files == NULL || files[0] == NULL)
        paths = ts_workspace_dup_paths (workspace);
    }
  if (paths == NULL)
    {
      if (files == NULL || files[0] == NULL)
        return ts_cli_usage_error (context, _("preview needs a FILE, --workspace or --demo"));
      paths = g_strdupv (files);
    }

  if (mapping_path)
    {
      g_clear_pointer (&mapping, ts_mapping_unref);
      mapping = ts_mapping_new_from_file (mapping_path, &error);
      if (mapping == NULL)
        return ts_cli_fail (g_steal_pointer (&error));
    }
  header = !no_header && ts_mapping_get_header (mapping);
  plugins = ts_plugin_manager_get_default ();
  several = g_strv_length (paths) > 1;
  if (json && several)
    {
      all_json = json_builder_new ();
      json_builder_begin_object (all_json);
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) records =
        read_records (plugins, paths[i], mapping, plugin_id,
                      all ? 0 : max_rows + (header ? 1 : 0), &error);

      if (records == NULL)
        return ts_cli_fail (g_steal_pointer (&error));

      if (json)
        {
          g_autoptr(JsonNode) node = records_to_json (records, header);
          if (all_json)
            {
              json_builder_set_member_name (all_json, paths[i]);
              json_builder_add_value (all_json, g_steal_pointer (&node));
            }
          else
            ts_cli_print_json (node);
        }
      else
        {
          if (several)
            ts_cli_print ("%s%s\n\n", i > 0 ? "\n" : "", paths[i]);
          print_table (records, header, records->len - (header && records->len > 0 ? 1 : 0));
        }
    }

  if (all_json)
    {
      g_autoptr(JsonNode) root = NULL;
      json_builder_end_object (all_json);
      root = json_builder_get_root (all_json);
      ts_cli_print_json (root);
    }

  return 0;
}

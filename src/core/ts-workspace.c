/* ts-workspace.c — a workspace: its sources, mappings, playbook and views
 *
 * A `.touchstone` file is JSON:
 *
 *   {
 *     "touchstone": 1,                        the file format
 *     "title": "Q3 review",
 *     "identity": "email",                    what joins sources (see TsMapping)
 *     "sources": [
 *       { "path": "exports/WE_00D…_1.ZIP",     relative to the workspace where possible
 *         "plugin": "salesforce",             optional: the plugin chosen by the user
 *         "mapping": { … } }                  optional: a TsMapping for this source
 *     ],
 *     "playbook": { "schema": 1, … },         the model the user edits
 *     "views": [ … ]                          saved views
 *     "scenarios": [ … ]                      workshop moments (ts-scenario.c)
 *   }
 *
 * Saves are atomic: the new file is written beside the old one and renamed
 * over it, and the previous version is kept as `FILE~`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ts-workspace"
#define TS_CORE_COMPILATION

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "ts-json-text.h"
#include "ts-install.h"
#include "ts-scenario.h"
#include "ts-timestamp.h"
#include "ts-workspace.h"

typedef struct
{
  GFile      *file;
  char       *plugin;
  JsonObject *mapping;
} Source;

struct _TsWorkspace
{
  GObject     parent_instance;
  GFile      *file;
  char       *title;
  char       *identity;
  GArray     *sources;
  JsonObject *playbook;
  JsonArray  *views;
  JsonArray  *scenarios;
  gboolean    modified;
};

enum {
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  SOURCES_CHANGED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (ts-workspace-error-quark, ts_workspace_error)
G_DEFINE_FINAL_TYPE (TsWorkspace, ts_workspace, G_TYPE_OBJECT)

static void
source_clear (gpointer data)
{
  Source *s = data;
  g_clear_object (&s->file);
  g_clear_pointer (&s->plugin, g_free);
  g_clear_pointer (&s->mapping, json_object_unref);
}

static void
ts_workspace_finalize (GObject *object)
{
  TsWorkspace *self = (TsWorkspace *) object;

  g_clear_object (&self->file);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->identity, g_free);
  g_clear_pointer (&self->sources, g_array_unref);
  g_clear_pointer (&self->playbook, json_object_unref);
  g_clear_pointer (&self->views, json_array_unref);
  g_clear_pointer (&self->scenarios, json_array_unref);

  G_OBJECT_CLASS (ts_workspace_parent_class)->finalize (object);
}

static void
ts_workspace_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TsWorkspace *self = TS_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, ts_workspace_get_title (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_workspace_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TsWorkspace *self = TS_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      ts_workspace_set_title (self, g_value_get_string (value));
      break;
    case PROP_MODIFIED:
      ts_workspace_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ts_workspace_class_init (TsWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ts_workspace_finalize;
  object_class->get_property = ts_workspace_get_property;
  object_class->set_property = ts_workspace_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TsWorkspace::sources-changed:
   *
   * A source was added or removed: the dataset must be imported again.
   */
  signals[SOURCES_CHANGED] =
    g_signal_new ("sources-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TsWorkspace::changed:
   *
   * Something in the workspace was changed: emitted on every change, while
   * #TsWorkspace:modified is notified only when it turns on or off.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ts_workspace_init (TsWorkspace *self)
{
  self->sources = g_array_new (FALSE, TRUE, sizeof (Source));
  g_array_set_clear_func (self->sources, source_clear);
  self->playbook = json_object_new ();
  json_object_set_int_member (self->playbook, "schema", 1);
  self->views = json_array_new ();
  self->scenarios = json_array_new ();
}

TsWorkspace *
ts_workspace_new (void)
{
  return g_object_new (TS_TYPE_WORKSPACE, NULL);
}

static gboolean
invalid (GError    **error,
         const char *path,
         const char *message)
{
  g_set_error (error, TS_WORKSPACE_ERROR, TS_WORKSPACE_ERROR_INVALID, "%s: %s", path, message);
  return FALSE;
}

static GFile *
resolve (GFile      *base,
         const char *path)
{
  if (g_path_is_absolute (path) || base == NULL)
    return g_file_new_for_path (path);
  return g_file_resolve_relative_path (base, path);
}

static gboolean
parse_root (TsWorkspace *self,
            JsonNode    *root,
            GFile       *base,
            GError     **error)
{
  JsonObject *o;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, "$", _("a workspace is a JSON object"));
  o = json_node_get_object (root);

  if (!json_object_has_member (o, "touchstone") ||
      json_node_get_value_type (json_object_get_member (o, "touchstone")) != G_TYPE_INT64)
    return invalid (error, "$.touchstone", _("missing the format number (\"touchstone\": 1)"));
  if (json_object_get_int_member (o, "touchstone") > TS_WORKSPACE_FORMAT)
    {
      g_set_error (error, TS_WORKSPACE_ERROR, TS_WORKSPACE_ERROR_VERSION,
                   _("$.touchstone: this workspace was written by a newer Touchstone (format %" PRId64 ")"),
                   json_object_get_int_member (o, "touchstone"));
      return FALSE;
    }

  if (json_object_has_member (o, "title"))
    {
      JsonNode *n = json_object_get_member (o, "title");
      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        return invalid (error, "$.title", _("expected a string"));
      self->title = g_strdup (json_node_get_string (n));
    }

  if (json_object_has_member (o, "identity"))
    {
      JsonNode *n = json_object_get_member (o, "identity");
      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
        return invalid (error, "$.identity", _("expected \"id\", \"email\" or an external-id field"));
      self->identity = g_strdup (json_node_get_string (n));
    }

  if (json_object_has_member (o, "sources"))
    {
      JsonNode *n = json_object_get_member (o, "sources");
      JsonArray *a;

      if (!JSON_NODE_HOLDS_ARRAY (n))
        return invalid (error, "$.sources", _("expected an array"));
      a = json_node_get_array (n);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          g_autofree char *p = g_strdup_printf ("$.sources[%u]", i);
          JsonObject *so;
          Source s = { 0, };

          if (!JSON_NODE_HOLDS_OBJECT (e))
            return invalid (error, p, _("expected an object with a \"path\""));
          so = json_node_get_object (e);
          if (!json_object_has_member (so, "path") ||
              json_node_get_value_type (json_object_get_member (so, "path")) != G_TYPE_STRING)
            {
              g_autofree char *pp = g_strdup_printf ("%s.path", p);
              return invalid (error, pp, _("expected the source's path"));
            }
          if (json_object_has_member (so, "mapping"))
            {
              JsonNode *m = json_object_get_member (so, "mapping");
              g_autofree char *pm = g_strdup_printf ("%s.mapping", p);
              g_autoptr(JsonGenerator) gen = json_generator_new ();
              g_autofree char *text = NULL;
              g_autoptr(GError) merror = NULL;
              g_autoptr(TsMapping) check = NULL;

              if (!JSON_NODE_HOLDS_OBJECT (m))
                return invalid (error, pm, _("expected a mapping object"));
              json_generator_set_root (gen, m);
              text = json_generator_to_data (gen, NULL);
              check = ts_mapping_new_from_data (text, -1, &merror);
              if (check == NULL)
                {
                  /* the mapping's own paths start at "$" */
                  const char *rest = merror->message[0] == '$' ? merror->message + 1 : merror->message;
                  g_set_error (error, TS_WORKSPACE_ERROR, TS_WORKSPACE_ERROR_INVALID, "%s%s", pm, rest);
                  return FALSE;
                }
              s.mapping = json_object_ref (json_node_get_object (m));
            }
          if (json_object_has_member (so, "plugin") &&
              json_node_get_value_type (json_object_get_member (so, "plugin")) == G_TYPE_STRING)
            s.plugin = g_strdup (json_object_get_string_member (so, "plugin"));
          s.file = resolve (base, json_object_get_string_member (so, "path"));
          g_array_append_val (self->sources, s);
        }
    }

  if (json_object_has_member (o, "playbook"))
    {
      JsonNode *n = json_object_get_member (o, "playbook");
      if (!JSON_NODE_HOLDS_OBJECT (n))
        return invalid (error, "$.playbook", _("expected an object"));
      json_object_unref (self->playbook);
      self->playbook = json_object_ref (json_node_get_object (n));
    }

  if (json_object_has_member (o, "views"))
    {
      JsonNode *n = json_object_get_member (o, "views");
      if (!JSON_NODE_HOLDS_ARRAY (n))
        return invalid (error, "$.views", _("expected an array"));
      json_array_unref (self->views);
      self->views = json_array_ref (json_node_get_array (n));
    }
  if (json_object_has_member (o, "scenarios"))
    {
      JsonNode *n = json_object_get_member (o, "scenarios");
      JsonArray *a;

      if (!JSON_NODE_HOLDS_ARRAY (n))
        return invalid (error, "$.scenarios", _("expected an array"));
      a = json_node_get_array (n);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *path = g_strdup_printf ("$.scenarios[%u]", i);
          g_autoptr(TsScenario) scenario = ts_scenario_new_from_json (json_array_get_element (a, i), path, error);

          if (scenario == NULL)
            return FALSE;
        }
      json_array_unref (self->scenarios);
      self->scenarios = json_array_ref (a);
    }

  return TRUE;
}

/**
 * ts_workspace_load_from_data:
 * @base: (nullable): the folder relative source paths start from
 */
TsWorkspace *
ts_workspace_load_from_data (const char  *data,
                             gssize       len,
                             GFile       *base,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TsWorkspace) self = ts_workspace_new ();
  g_autoptr(GError) local_error = NULL;

  if (!ts_json_parser_load (parser, NULL, data, len, &local_error))
    {
      g_set_error (error, TS_WORKSPACE_ERROR, TS_WORKSPACE_ERROR_PARSE, "%s", local_error->message);
      return NULL;
    }
  if (!parse_root (self, json_parser_get_root (parser), base, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * ts_workspace_load:
 *
 * Returns: (transfer full): the workspace, or %NULL with @error naming the
 * file and the JSON path of what is wrong
 */
TsWorkspace *
ts_workspace_load (GFile   *file,
                   GError **error)
{
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GFile) base = g_file_get_parent (file);
  TsWorkspace *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, NULL, &contents, &len, NULL, error))
    return NULL;
  self = ts_workspace_load_from_data (contents, len, base, error);
  if (self == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_prefix_error (error, "%s: ", name);
      return NULL;
    }
  self->file = g_object_ref (file);
  return self;
}

/**
 * ts_workspace_to_data:
 * @base: (nullable): source paths under this folder are written relative to it
 *
 * Returns: (transfer full): the workspace as JSON text
 */
char *
ts_workspace_to_data (TsWorkspace *self,
                      GFile       *base)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "touchstone");
  json_builder_add_int_value (b, TS_WORKSPACE_FORMAT);
  if (self->title)
    {
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, self->title);
    }
  if (self->identity)
    {
      json_builder_set_member_name (b, "identity");
      json_builder_add_string_value (b, self->identity);
    }
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->sources->len; i++)
    {
      Source *s = &g_array_index (self->sources, Source, i);
      g_autofree char *rel = base ? g_file_get_relative_path (base, s->file) : NULL;
      g_autofree char *abs = g_file_get_path (s->file);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, rel ? rel : abs);
      if (s->plugin)
        {
          json_builder_set_member_name (b, "plugin");
          json_builder_add_string_value (b, s->plugin);
        }
      if (s->mapping)
        {
          JsonNode *m = json_node_new (JSON_NODE_OBJECT);
          json_node_set_object (m, s->mapping);
          json_builder_set_member_name (b, "mapping");
          json_builder_add_value (b, m);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  {
    JsonNode *p = json_node_new (JSON_NODE_OBJECT);
    JsonNode *v = json_node_new (JSON_NODE_ARRAY);
    json_node_set_object (p, self->playbook);
    json_node_set_array (v, self->views);
    json_builder_set_member_name (b, "playbook");
    json_builder_add_value (b, p);
    json_builder_set_member_name (b, "views");
    json_builder_add_value (b, v);
    if (json_array_get_length (self->scenarios) > 0)
      {
        JsonNode *sc = json_node_new (JSON_NODE_ARRAY);
        json_node_set_array (sc, self->scenarios);
        json_builder_set_member_name (b, "scenarios");
        json_builder_add_value (b, sc);
      }
  }
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/**
 * ts_workspace_save:
 *
 * Writes the workspace to @file atomically: the text goes to a temporary
 * file beside it, which is then renamed over @file; the previous version is
 * kept as `FILE~`.  A save that fails leaves @file as it was.
 */
gboolean
ts_workspace_save (TsWorkspace  *self,
                   GFile        *file,
                   GError      **error)
{
  g_autoptr(GFile) base = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (TS_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  base = g_file_get_parent (file);
  text = ts_workspace_to_data (self, base);
  if (!g_file_replace_contents (file, text, strlen (text), NULL, TRUE /* backup */,
                                G_FILE_CREATE_NONE, NULL, NULL, error))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }

  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      g_set_object (&self->file, file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  ts_workspace_set_modified (self, FALSE);
  return TRUE;
}

/**
 * ts_workspace_get_file:
 *
 * Returns: (transfer none) (nullable): where the workspace was loaded from or saved to
 */
GFile *
ts_workspace_get_file (TsWorkspace *self)
{
  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);
  return self->file;
}

const char *
ts_workspace_get_title (TsWorkspace *self)
{
  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);

  if (self->title)
    return self->title;
  if (self->file)
    {
      g_autofree char *base = g_file_get_basename (self->file);
      char *dot = strrchr (base, '.');
      if (dot && dot != base)
        *dot = '\0';
      g_free (self->title);
      self->title = g_steal_pointer (&base);
      return self->title;
    }
  return _("New Workspace");
}

void
ts_workspace_set_title (TsWorkspace *self,
                        const char  *title)
{
  g_return_if_fail (TS_IS_WORKSPACE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  ts_workspace_set_modified (self, TRUE);
}

/**
 * ts_workspace_get_identity:
 *
 * Returns: (nullable): the identity key (see ts_mapping_get_identity())
 */
const char *
ts_workspace_get_identity (TsWorkspace *self)
{
  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);
  return self->identity;
}

void
ts_workspace_set_identity (TsWorkspace *self,
                           const char  *identity)
{
  g_return_if_fail (TS_IS_WORKSPACE (self));

  if (g_strcmp0 (self->identity, identity) == 0)
    return;
  g_free (self->identity);
  self->identity = g_strdup (identity);
  ts_workspace_set_modified (self, TRUE);
  g_signal_emit (self, signals[SOURCES_CHANGED], 0);
}

gboolean
ts_workspace_get_modified (TsWorkspace *self)
{
  g_return_val_if_fail (TS_IS_WORKSPACE (self), FALSE);
  return self->modified;
}

void
ts_workspace_set_modified (TsWorkspace *self,
                           gboolean     modified)
{
  g_return_if_fail (TS_IS_WORKSPACE (self));

  modified = !!modified;
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (modified)
    g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * ts_workspace_set_file:
 * @file: (nullable): where the workspace belongs
 *
 * Sets where the workspace is saved without saving it: a workspace
 * recovered after a crash belongs where it was (see ts_recovery_load()).
 */
void
ts_workspace_set_file (TsWorkspace *self,
                       GFile       *file)
{
  g_return_if_fail (TS_IS_WORKSPACE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;
  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

guint
ts_workspace_get_n_sources (TsWorkspace *self)
{
  g_return_val_if_fail (TS_IS_WORKSPACE (self), 0);
  return self->sources->len;
}

/**
 * ts_workspace_get_source:
 *
 * Returns: (transfer none): the source's file
 */
GFile *
ts_workspace_get_source (TsWorkspace *self,
                         guint        index)
{
  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (index < self->sources->len, NULL);
  return g_array_index (self->sources, Source, index).file;
}

/**
 * ts_workspace_get_source_plugin:
 *
 * Returns: (nullable): the plugin the user chose for the source, or %NULL
 * to let the plugins probe it
 */
const char *
ts_workspace_get_source_plugin (TsWorkspace *self,
                                guint        index)
{
  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (index < self->sources->len, NULL);
  return g_array_index (self->sources, Source, index).plugin;
}

/**
 * ts_workspace_get_source_mapping:
 *
 * Returns: (transfer none) (nullable): the source's mapping object
 */
JsonObject *
ts_workspace_get_source_mapping (TsWorkspace *self,
                                 guint        index)
{
  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (index < self->sources->len, NULL);
  return g_array_index (self->sources, Source, index).mapping;
}

/**
 * ts_workspace_add_source:
 * @plugin: (nullable): a plugin id, or %NULL to probe
 * @mapping: (nullable): a mapping object for this source
 */
void
ts_workspace_add_source (TsWorkspace *self,
                         GFile       *file,
                         const char  *plugin,
                         JsonObject  *mapping)
{
  Source s = { 0, };

  g_return_if_fail (TS_IS_WORKSPACE (self));
  g_return_if_fail (G_IS_FILE (file));

  s.file = g_object_ref (file);
  s.plugin = g_strdup (plugin);
  s.mapping = mapping ? json_object_ref (mapping) : NULL;
  g_array_append_val (self->sources, s);
  ts_workspace_set_modified (self, TRUE);
  g_signal_emit (self, signals[SOURCES_CHANGED], 0);
}

/**
 * ts_workspace_set_source_mapping:
 * @mapping: (nullable): the source's mapping, or %NULL for none
 *
 * Replaces a source's mapping (its "plugin" key chooses the plugin).
 */
void
ts_workspace_set_source_mapping (TsWorkspace *self,
                                 guint        index,
                                 JsonObject  *mapping)
{
  Source *s;

  g_return_if_fail (TS_IS_WORKSPACE (self));
  g_return_if_fail (index < self->sources->len);

  s = &g_array_index (self->sources, Source, index);
  if (mapping)
    json_object_ref (mapping);
  g_clear_pointer (&s->mapping, json_object_unref);
  s->mapping = mapping;
  ts_workspace_set_modified (self, TRUE);
  g_signal_emit (self, signals[SOURCES_CHANGED], 0);
}

void
ts_workspace_remove_source (TsWorkspace *self,
                            guint        index)
{
  g_return_if_fail (TS_IS_WORKSPACE (self));
  g_return_if_fail (index < self->sources->len);

  g_array_remove_index (self->sources, index);
  ts_workspace_set_modified (self, TRUE);
  g_signal_emit (self, signals[SOURCES_CHANGED], 0);
}

/**
 * ts_workspace_dup_paths:
 *
 * Returns: (transfer full): the sources' absolute paths, for the importer
 */
char **
ts_workspace_dup_paths (TsWorkspace *self)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);

  for (guint i = 0; i < self->sources->len; i++)
    {
      g_autofree char *path = g_file_get_path (g_array_index (self->sources, Source, i).file);
      if (path)
        g_strv_builder_add (b, path);
    }
  return g_strv_builder_end (b);
}

/**
 * ts_workspace_build_mapping:
 *
 * One mapping for the importer: the identity key, and each source's own
 * mapping applied to that source's path (and, for a folder or archive, to
 * every file under it); a source mapping's own "files" globs are relative to
 * the source's folder and weigh more than the source's other keys.
 *
 * Returns: (transfer full): the mapping
 */
TsMapping *
ts_workspace_build_mapping (TsWorkspace *self)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) files = json_object_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  TsMapping *mapping;

  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);

  if (self->identity)
    json_object_set_string_member (root, "identity", self->identity);
  for (guint i = 0; i < self->sources->len; i++)
    {
      Source *s = &g_array_index (self->sources, Source, i);
      g_autofree char *path = g_file_get_path (s->file);
      g_autofree char *under = NULL;

      g_autoptr(JsonObject) own = NULL;

      if (s->mapping == NULL || path == NULL)
        continue;

      /* the source's own keys, for itself and everything under it */
      own = json_object_new ();
      {
        g_autoptr(GList) members = json_object_get_members (s->mapping);
        for (GList *l = members; l; l = l->next)
          if (!g_str_equal (l->data, "files"))
            json_object_set_member (own, l->data,
                                    json_node_copy (json_object_get_member (s->mapping, l->data)));
      }
      json_object_set_object_member (files, path, json_object_ref (own));
      under = g_build_filename (path, "*", NULL);
      json_object_set_object_member (files, under, json_object_ref (own));

      /* its "files" (globs relative to a folder source), laid over those */
      if (json_object_has_member (s->mapping, "files"))
        {
          JsonObject *inner = json_object_get_object_member (s->mapping, "files");
          g_autoptr(GList) globs = json_object_get_members (inner);

          for (GList *l = globs; l; l = l->next)
            {
              const char *glob = l->data;
              g_autofree char *full = g_path_is_absolute (glob) ? g_strdup (glob)
                                                               : g_build_filename (path, glob, NULL);
              json_object_set_object_member (files, full,
                                             json_object_ref (json_object_get_object_member (inner, glob)));
            }
        }
    }
  if (json_object_get_size (files) > 0)
    json_object_set_object_member (root, "files", json_object_ref (files));

  json_node_set_object (node, root);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  mapping = ts_mapping_new_from_data (text, -1, &error);
  if (mapping == NULL)
    {
      /* every part was validated when it was loaded or added */
      g_critical ("workspace mapping: %s", error->message);
      return ts_mapping_new ();
    }
  return mapping;
}

/**
 * ts_workspace_dup_data_file:
 * @folder: a folder of Touchstone's data, such as "demo" or "playbook"
 * @name: a file in it
 *
 * A file of the bundled data: under $TOUCHSTONE_DATADIR (set for
 * uninstalled builds) or the installed data folder.
 *
 * Returns: (transfer full): the file (which may not exist)
 */
GFile *
ts_workspace_dup_data_file (const char *folder,
                            const char *name)
{
  const char *dir = g_getenv ("TOUCHSTONE_DATADIR");
  g_autofree char *path = NULL;

  if (dir != NULL && *dir != '\0')
    {
      path = g_build_filename (dir, folder, name, NULL);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_file_new_for_path (path);
      g_clear_pointer (&path, g_free);
    }
  path = g_build_filename (ts_install_dir (TS_PKGDATADIR), folder, name, NULL);
  return g_file_new_for_path (path);
}

/**
 * ts_workspace_dup_demo_file:
 *
 * Returns: (transfer full): the bundled demo workspace's file
 */
GFile *
ts_workspace_dup_demo_file (void)
{
  return ts_workspace_dup_data_file ("demo", "demo.touchstone");
}

/**
 * ts_workspace_get_playbook:
 *
 * Returns: (transfer none): the playbook object (`"schema": 1`)
 */
JsonObject *
ts_workspace_get_playbook (TsWorkspace *self)
{
  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);
  return self->playbook;
}

void
ts_workspace_set_playbook (TsWorkspace *self,
                           JsonObject  *playbook)
{
  g_return_if_fail (TS_IS_WORKSPACE (self));
  g_return_if_fail (playbook != NULL);

  json_object_ref (playbook);
  json_object_unref (self->playbook);
  self->playbook = playbook;
  ts_workspace_set_modified (self, TRUE);
}

/**
 * ts_workspace_get_views:
 *
 * Returns: (transfer none): the saved views
 */
JsonArray *
ts_workspace_get_views (TsWorkspace *self)
{
  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);
  return self->views;
}

/**
 * ts_workspace_get_scenarios:
 *
 * Returns: (transfer none): the workshop's scenarios, each valid for
 *   ts_scenario_new_from_json()
 */
JsonArray *
ts_workspace_get_scenarios (TsWorkspace *self)
{
  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);
  return self->scenarios;
}

/**
 * ts_workspace_set_scenarios:
 *
 * Replaces the scenarios and marks the workspace modified.
 */
void
ts_workspace_set_scenarios (TsWorkspace *self,
                            JsonArray   *scenarios)
{
  g_return_if_fail (TS_IS_WORKSPACE (self));
  g_return_if_fail (scenarios != NULL);

  json_array_ref (scenarios);
  json_array_unref (self->scenarios);
  self->scenarios = scenarios;
  ts_workspace_set_modified (self, TRUE);
}

/* a page's saved view: { "page": "scoring", … } */
static JsonObject *
find_view (TsWorkspace *self,
           const char  *page)
{
  for (guint i = 0; i < json_array_get_length (self->views); i++)
    {
      JsonNode *n = json_array_get_element (self->views, i);

      if (JSON_NODE_HOLDS_OBJECT (n) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (n), "page", NULL), page) == 0)
        return json_node_get_object (n);
    }
  return NULL;
}

/* a page's view, made when @create and missing */
static JsonObject *
view_for (TsWorkspace *self,
          const char  *page,
          gboolean     create)
{
  JsonObject *view = find_view (self, page);

  if (view == NULL && create)
    {
      view = json_object_new ();
      json_object_set_string_member (view, "page", page);
      json_array_add_object_element (self->views, view);
    }
  return view;
}

/**
 * ts_workspace_get_view_string:
 * @page: the page whose view, such as "journeys"
 * @key: the setting's name in it, such as "journey"
 *
 * Returns: (nullable): what the view keeps there
 */
const char *
ts_workspace_get_view_string (TsWorkspace *self,
                              const char  *page,
                              const char  *key)
{
  JsonObject *view;

  g_return_val_if_fail (TS_IS_WORKSPACE (self), NULL);
  view = find_view (self, page);
  return view ? json_object_get_string_member_with_default (view, key, NULL) : NULL;
}

/**
 * ts_workspace_set_view_string:
 * @value: (nullable): what to keep; %NULL forgets it
 *
 * Keeps a page's setting in its view, and marks the workspace modified
 * when that changes it.
 */
void
ts_workspace_set_view_string (TsWorkspace *self,
                              const char  *page,
                              const char  *key,
                              const char  *value)
{
  JsonObject *view;

  g_return_if_fail (TS_IS_WORKSPACE (self));
  if (g_strcmp0 (ts_workspace_get_view_string (self, page, key), value) == 0)
    return;
  view = view_for (self, page, value != NULL);
  if (view == NULL)
    return;
  if (value == NULL)
    json_object_remove_member (view, key);
  else
    json_object_set_string_member (view, key, value);
  ts_workspace_set_modified (self, TRUE);
}

/**
 * ts_workspace_get_view_time:
 * @page: the page whose view, such as "scoring"
 * @key: the moment's name in it, such as "as_of"
 *
 * Returns: whether the view keeps that moment (then in @out)
 */
gboolean
ts_workspace_get_view_time (TsWorkspace *self,
                            const char  *page,
                            const char  *key,
                            TsTime      *out)
{
  JsonObject *view;
  const char *text;

  g_return_val_if_fail (TS_IS_WORKSPACE (self), FALSE);
  view = find_view (self, page);
  text = view ? json_object_get_string_member_with_default (view, key, NULL) : NULL;
  return text && ts_timestamp_parse (text, strlen (text), TS_TIME_FORMAT_ISO8601, NULL, out);
}

/**
 * ts_workspace_set_view_time:
 * @time: the moment, or %TS_TIME_NULL to forget it
 *
 * Keeps a page's moment in its view, and marks the workspace modified.
 */
void
ts_workspace_set_view_time (TsWorkspace *self,
                            const char  *page,
                            const char  *key,
                            TsTime       time)
{
  JsonObject *view;

  g_return_if_fail (TS_IS_WORKSPACE (self));
  view = view_for (self, page, time != TS_TIME_NULL);
  if (view == NULL)
    return;
  if (time == TS_TIME_NULL)
    json_object_remove_member (view, key);
  else
    {
      g_autofree char *text = ts_timestamp_format_iso (time);
      json_object_set_string_member (view, key, text);
    }
  ts_workspace_set_modified (self, TRUE);
}

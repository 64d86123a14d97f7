/* misbehaving-plugin.c — data sources that go wrong, for the tests
 *
 * Built once per behaviour (MISBEHAVIOUR names it, and is the plugin's id):
 * each claims the files named *.ID and imports them wrongly.
 *
 *   failing   returns an error, as a plugin that cannot read a file does
 *   silent    fails without saying why
 *   liar      sets an error and says it succeeded
 *   stray     appends a row whose string is not one of the builder's
 *   garbled   appends text that is not UTF-8
 *   impostor  has the id of a plugin already loaded (csv)
 *   nosymbol  built without peas_register_types(): never loads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsp-misbehaving"

#include "config.h"

#include <libpeas/peas.h>
#include <math.h>
#include <touchstone.h>

/* Each build registers its own type: one name for all would clash. */
static GType source_type;

static void ts_source_iface_init (TsSourceInterface *iface);

static void
register_source_type (GTypeModule *module)
{
  const GTypeInfo info = {
    .class_size = sizeof (GObjectClass),
    .instance_size = sizeof (GObject),
  };
  const GInterfaceInfo iface_info = {
    .interface_init = (GInterfaceInitFunc) ts_source_iface_init,
  };

  source_type = g_type_module_register_type (module, G_TYPE_OBJECT,
                                             "TspMisbehaving_" MISBEHAVIOUR, &info,
                                             G_TYPE_FLAG_FINAL);
  g_type_module_add_interface (module, source_type, TS_TYPE_SOURCE, &iface_info);
}

static const char *
get_id (TsSource *source)
{
  return g_str_equal (MISBEHAVIOUR, "impostor") ? "csv" : MISBEHAVIOUR;
}

static const char *
get_name (TsSource *source)
{
  return "Misbehaving (" MISBEHAVIOUR ")";
}

static guint
probe (TsSource     *source,
       GFile        *file,
       GCancellable *cancellable)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_str_has_suffix (name, "." MISBEHAVIOUR) ? 90 : 0;
}

static void
append_customer (TsDatasetBuilder *builder,
                 guint32           id)
{
  TsValue row[TS_MAX_ROW_FIELDS];

  ts_dataset_builder_clear_row (TS_TABLE_CUSTOMERS, row);
  row[TS_CUSTOMER_ID].str = id;
  ts_dataset_builder_append (builder, TS_TABLE_CUSTOMERS, row);
}

static gboolean
import (TsSource          *source,
        GFile             *file,
        TsMapping         *mapping,
        TsDatasetBuilder  *builder,
        TsImportJob       *job,
        GCancellable      *cancellable,
        GError           **error)
{
  g_autofree char *path = g_file_get_path (file);
  const char *what = MISBEHAVIOUR;

  ts_dataset_builder_add_source (builder, path, get_id (source));

  if (g_str_equal (what, "failing"))
    {
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_PARSE,
                   "%s: line 3, column 2: not what this plugin reads", path);
      return FALSE;
    }
  if (g_str_equal (what, "silent"))
    return FALSE;
  if (g_str_equal (what, "liar"))
    {
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_PARSE,
                   "%s: line 1: half read", path);
      return TRUE;
    }
  if (g_str_equal (what, "stray"))
    {
      append_customer (builder, ts_dataset_builder_intern (builder, "C1", 2));
      append_customer (builder, 123456789);   /* no such string */
      return TRUE;
    }
  if (g_str_equal (what, "garbled"))
    {
      append_customer (builder, ts_dataset_builder_intern (builder, "caf\xe9", 4));
      return TRUE;
    }
  append_customer (builder, ts_dataset_builder_intern (builder, "C1", 2));
  return TRUE;
}

static void
ts_source_iface_init (TsSourceInterface *iface)
{
  iface->get_id = get_id;
  iface->get_name = get_name;
  iface->probe = probe;
  iface->import = import;
}

#ifndef NO_REGISTER
G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  register_source_type (G_TYPE_MODULE (module));
  peas_object_module_register_extension_type (module, TS_TYPE_SOURCE, source_type);
}
#else
G_MODULE_EXPORT void tsp_misbehaving_unused (PeasObjectModule *module);

/* what a module built without the registration looks like */
G_MODULE_EXPORT void
tsp_misbehaving_unused (PeasObjectModule *module)
{
  register_source_type (G_TYPE_MODULE (module));
}
#endif

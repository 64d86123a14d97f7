/* csv-plugin.c — registers the CSV data source with libpeas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsp-csv"

#include "config.h"

#include <libpeas/peas.h>
#include <touchstone.h>

#include "tsp-csv-source.h"

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  tsp_csv_source_register (G_TYPE_MODULE (module));
  peas_object_module_register_extension_type (module, TS_TYPE_SOURCE, TSP_TYPE_CSV_SOURCE);
}

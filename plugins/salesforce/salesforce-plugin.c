/* salesforce-plugin.c — registers the Salesforce data source with libpeas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsp-salesforce"

#include "config.h"

#include <libpeas/peas.h>
#include <touchstone.h>

#include "tsp-salesforce-source.h"

G_MODULE_EXPORT void peas_register_types (PeasObjectModule *module);

G_MODULE_EXPORT void
peas_register_types (PeasObjectModule *module)
{
  tsp_salesforce_source_register (G_TYPE_MODULE (module));
  peas_object_module_register_extension_type (module, TS_TYPE_SOURCE, TSP_TYPE_SALESFORCE_SOURCE);
}

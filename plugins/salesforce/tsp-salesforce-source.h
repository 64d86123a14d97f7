/* tsp-salesforce-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <touchstone.h>

G_BEGIN_DECLS

#define TSP_TYPE_SALESFORCE_SOURCE (tsp_salesforce_source_get_type ())

G_DECLARE_FINAL_TYPE (TspSalesforceSource, tsp_salesforce_source, TSP, SALESFORCE_SOURCE, GObject)

void tsp_salesforce_source_register (GTypeModule *module);

G_END_DECLS

/* tsp-csv-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <touchstone.h>

G_BEGIN_DECLS

#define TSP_TYPE_CSV_SOURCE (tsp_csv_source_get_type ())

G_DECLARE_FINAL_TYPE (TspCsvSource, tsp_csv_source, TSP, CSV_SOURCE, GObject)

void tsp_csv_source_register (GTypeModule *module);

G_END_DECLS

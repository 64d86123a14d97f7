/* tsp-analytics-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <touchstone.h>

G_BEGIN_DECLS

#define TSP_TYPE_ANALYTICS_SOURCE (tsp_analytics_source_get_type ())

G_DECLARE_FINAL_TYPE (TspAnalyticsSource, tsp_analytics_source, TSP, ANALYTICS_SOURCE, GObject)

void tsp_analytics_source_register (GTypeModule *module);

G_END_DECLS

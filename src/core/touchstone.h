/* touchstone.h — the public API of libtouchstone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define TS_CORE_INSIDE

#include "ts-types.h"
#include "ts-archive.h"
#include "ts-strpool.h"
#include "ts-timestamp.h"
#include "ts-json-text.h"
#include "ts-expr.h"
#include "ts-schema.h"
#include "ts-problem.h"
#include "ts-csv-reader.h"
#include "ts-mapping.h"
#include "ts-source-info.h"
#include "ts-dataset.h"
#include "ts-dataset-builder.h"
#include "ts-import-job.h"
#include "ts-source.h"
#include "ts-plugin-manager.h"
#include "ts-importer.h"
#include "ts-workspace.h"
#include "ts-recovery.h"
#include "ts-playbook.h"
#include "ts-scorer.h"
#include "ts-decider.h"
#include "ts-sql.h"
#include "ts-stats.h"
#include "ts-outcomes.h"
#include "ts-drivers.h"
#include "ts-touchpoints.h"
#include "ts-install.h"
#include "ts-journeys.h"
#include "ts-maturity.h"
#include "ts-scenario.h"
#include "ts-chart.h"

#undef TS_CORE_INSIDE

/* ts-import-job.h — progress of a running import, safe to set from workers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-types.h"

G_BEGIN_DECLS

#define TS_TYPE_IMPORT_JOB (ts_import_job_get_type ())

G_DECLARE_FINAL_TYPE (TsImportJob, ts_import_job, TS, IMPORT_JOB, GObject)

TsImportJob  *ts_import_job_new           (void);
double        ts_import_job_get_fraction  (TsImportJob *self);
char         *ts_import_job_dup_message   (TsImportJob *self);
void          ts_import_job_update        (TsImportJob *self,
                                           double       fraction,
                                           const char  *message);
void          ts_import_job_set_range     (TsImportJob *self,
                                           double       start,
                                           double       end);

G_END_DECLS

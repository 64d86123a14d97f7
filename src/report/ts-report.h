/* ts-report.h — the monthly review: one printable document (PDF through
 * cairo, or HTML with SVG charts) with the maturity matrix, the customer's
 * and the business's results side by side, outcomes by band, the false
 * positives and negatives, drift, the driver index with its alerts and the
 * month's promoter→detractor stories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <touchstone.h>

G_BEGIN_DECLS

typedef enum
{
  TS_REPORT_FORMAT_PDF,
  TS_REPORT_FORMAT_HTML,
} TsReportFormat;

typedef struct _TsReport TsReport;

TsReport   *ts_report_compute           (TsDataset          *ds,
                                         TsPlaybook         *pb,
                                         TsTime              from,
                                         TsTime              to,
                                         const char *const  *owners,
                                         const char         *title,
                                         GCancellable       *cancellable,
                                         GError            **error);
void        ts_report_free              (TsReport           *self);
TsMaturity *ts_report_get_maturity      (TsReport           *self);
TsMaturity *ts_report_get_before        (TsReport           *self);
TsDrivers  *ts_report_get_drivers       (TsReport           *self);

gboolean    ts_report_write             (TsReport           *self,
                                         TsReportFormat      format,
                                         GFile              *file,
                                         guint              *n_pages,
                                         GError            **error);

gboolean    ts_report_format_from_string (const char        *name,
                                          TsReportFormat    *format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsReport, ts_report_free)

G_END_DECLS

/* ts-cli.h — shared helpers of touchstone-cli's commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdarg.h>
#include <touchstone.h>

G_BEGIN_DECLS

typedef int (*TsCliCommandFunc) (int argc, char **argv);

int   ts_cli_preview        (int          argc,
                             char       **argv);
int   ts_cli_inspect        (int          argc,
                             char       **argv);
int   ts_cli_demo           (int          argc,
                             char       **argv);
int   ts_cli_playbook       (int          argc,
                             char       **argv);
int   ts_cli_score          (int          argc,
                             char       **argv);
int   ts_cli_decide         (int          argc,
                             char       **argv);
int   ts_cli_outcomes       (int          argc,
                             char       **argv);
int   ts_cli_drivers        (int          argc,
                             char       **argv);
int   ts_cli_touchpoints    (int          argc,
                             char       **argv);
int   ts_cli_maturity       (int          argc,
                             char       **argv);
int   ts_cli_report         (int          argc,
                             char       **argv);
int   ts_cli_journeys       (int          argc,
                             char       **argv);
int   ts_cli_export_tables  (int          argc,
                             char       **argv);
int   ts_cli_export_sql     (int          argc,
                             char       **argv);

void  ts_cli_print          (const char  *format,
                             ...) G_GNUC_PRINTF (1, 2);
char *ts_cli_strdup_printf  (const char  *format,
                             ...) G_GNUC_PRINTF (1, 2);
void  ts_cli_append_vprintf (GString     *out,
                             const char  *format,
                             va_list      args);
int   ts_cli_fail           (GError      *error);
int   ts_cli_usage_error    (GOptionContext *context,
                             const char  *format,
                             ...) G_GNUC_PRINTF (2, 3);
void  ts_cli_print_json     (JsonNode    *node);
void  ts_cli_add_route_members (JsonBuilder   *b,
                                const TsRoute *r);
gboolean     ts_cli_parse_time     (const char      *text,
                                   TsTime          *out);
int          ts_cli_gather_sources (GOptionContext  *context,
                                   const char      *command,
                                   gboolean         demo,
                                   const char      *workspace_path,
                                   char          ***paths,
                                   TsMapping      **mapping);
TsPlaybook  *ts_cli_load_playbook  (const char   *playbook_path,
                                   gboolean      demo,
                                   const char   *workspace_path,
                                   TsWorkspace **workspace_out,
                                   GError      **error);
TsWorkspace *ts_cli_load_workspace (const char  *path,
                                    GError     **error);
gboolean     ts_cli_add_workspace (const char  *path,
                                   char      ***paths,
                                   TsMapping  **mapping,
                                   GError     **error);
int          ts_cli_parse_span     (GOptionContext  *context,
                                   const char      *from_text,
                                   const char      *to_text,
                                   TsTime          *from,
                                   TsTime          *to);
int          ts_cli_load_data      (GOptionContext  *context,
                                   const char      *command,
                                   gboolean         demo,
                                   const char      *workspace_path,
                                   const char      *playbook_path,
                                   char          ***paths,
                                   gboolean         quiet,
                                   TsPlaybook     **playbook,
                                   TsDataset      **dataset);
TsDataset   *ts_cli_import         (const char *const *paths,
                                    TsMapping         *mapping,
                                    gboolean           quiet,
                                    int               *status);
void         ts_cli_json_number    (JsonBuilder      *b,
                                   const char       *name,
                                   double            v);
void         ts_cli_json_int       (JsonBuilder      *b,
                                   const char       *name,
                                   gint64            v);
void         ts_cli_json_string    (JsonBuilder      *b,
                                   const char       *name,
                                   const char       *v);
void         ts_cli_json_time      (JsonBuilder      *b,
                                   const char       *name,
                                   TsTime            t);
void         ts_cli_json_estimate  (JsonBuilder      *b,
                                   const char       *name,
                                   const TsEstimate *e);
void         ts_cli_csv_number     (double            v);
char        *ts_cli_format         (double            v,
                                   const char       *format);
char        *ts_cli_format_kpi     (TsKpiUnit         unit,
                                   double            v);
int          ts_cli_maturity_span  (GOptionContext   *context,
                                   TsDataset        *dataset,
                                   const char       *month,
                                   const char       *from_text,
                                   const char       *to_text,
                                   TsTime           *from,
                                   TsTime           *to);
GOptionContext *ts_cli_option_context_new (const char *command,
                                           const char *parameters,
                                           const char *summary,
                                           const GOptionEntry *entries);

G_END_DECLS

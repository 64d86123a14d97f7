/* ts-scenario.h — one customer moment, built by hand or from a real
 * customer, for a workshop to play with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "ts-decider.h"

G_BEGIN_DECLS

#define TS_SCENARIO_ERROR (ts_scenario_error_quark ())

typedef enum
{
  TS_SCENARIO_ERROR_INVALID,
} TsScenarioError;

/* A touch the customer had before the moment. */
typedef struct
{
  char     *channel;
  double    days_ago;
  gboolean  transactional;   /* exempt from frequency caps, never from consent */
} TsScenarioTouch;

/* A signal's measure set by hand. */
typedef struct
{
  char   *signal;
  double  raw;
} TsScenarioSignal;

/* The moment, in facts relative to it: "renewed 5 days ago".  Negative
 * days and a NAN survey score mean "none". */
typedef struct
{
  char      *name;
  char      *customer_id;          /* the real customer it started from, or NULL */
  TsTime     as_of;                /* TS_TIME_NULL: the moment the page scores */
  char      *stage;
  char      *timezone;             /* IANA name; NULL: UTC */
  int        days_since_signup;
  int        days_since_renewal;
  TsConsent  consent[5];           /* email, sms, phone, in_app, push */
  gboolean   open_case;
  char      *case_priority;        /* of the open case */
  int        days_since_complaint;
  double     survey_score;         /* the latest answer, 0–10 */
  int        days_since_survey;
  GArray    *touches;              /* TsScenarioTouch */
  GPtrArray *lists;                /* the suppression lists it is on */
  GArray    *signals;              /* TsScenarioSignal: measures set by hand */
} TsScenario;

#define TS_TYPE_SCENARIO (ts_scenario_get_type ())

GType        ts_scenario_get_type          (void) G_GNUC_CONST;
GQuark       ts_scenario_error_quark       (void);
extern const char *const ts_scenario_channels[5];

TsScenario  *ts_scenario_new               (const char  *name);
TsScenario  *ts_scenario_new_from_customer (TsScores    *scores,
                                            guint        customer);
TsScenario  *ts_scenario_copy              (const TsScenario *self);
void         ts_scenario_free              (TsScenario  *self);

void         ts_scenario_add_touch         (TsScenario  *self,
                                            const char  *channel,
                                            double       days_ago,
                                            gboolean     transactional);
void         ts_scenario_remove_touch      (TsScenario  *self,
                                            guint        index);
gboolean     ts_scenario_get_signal        (const TsScenario *self,
                                            const char  *signal,
                                            double      *raw);
void         ts_scenario_set_signal        (TsScenario  *self,
                                            const char  *signal,
                                            double       raw);
void         ts_scenario_clear_signals     (TsScenario  *self);
gboolean     ts_scenario_on_list           (const TsScenario *self,
                                            const char  *list);
void         ts_scenario_set_on_list       (TsScenario  *self,
                                            const char  *list,
                                            gboolean     on);

TsDataset   *ts_scenario_build_dataset     (const TsScenario *self,
                                            TsTime       as_of);
TsScores    *ts_scenario_score             (const TsScenario *self,
                                            TsPlaybook  *playbook,
                                            TsTime       as_of,
                                            GError     **error);

JsonNode    *ts_scenario_to_json           (const TsScenario *self);
TsScenario  *ts_scenario_new_from_json     (JsonNode    *node,
                                            const char  *path,
                                            GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsScenario, ts_scenario_free)

G_END_DECLS

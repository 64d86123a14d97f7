/* ts-touchpoints.h — the inventory of customer experience assets, measured:
 * interactions, reach, attention, satisfaction after an interaction, cost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include "ts-dataset.h"
#include "ts-playbook.h"
#include "ts-stats.h"

G_BEGIN_DECLS

/* One touchpoint over [from, to).  A value that cannot be measured (no
 * interactions, no answers, no attention recorded) is NAN. */
typedef struct
{
  guint       interactions;                /* records that passed its filter */
  guint       customers;                   /* distinct customers reached */
  double      reach;                       /* customers / the base */
  double      interactions_per_customer;
  double      active_days_per_customer;    /* attention's span: distinct days with an
                                            * interaction, per customer reached */
  guint       attention_n;                 /* interactions whose seconds are known */
  double      attention_median_seconds;    /* attention's time */
  double      attention_p90_seconds;
  double      attention_hours;             /* all of them together */
  TsEstimate  nps_after;                   /* NPS answers within satisfaction_days
                                            * after an interaction; n: answers */
  double      csat_after;                  /* the mean CSAT answer (1..5) so placed */
  guint       csat_after_n;
  double      months;                      /* the length of [from, to) in months */
  double      cost;                        /* (investment / lifetime_months
                                            *  + upkeep_per_month) · months */
  double      cost_per_interaction;
  double      cost_per_customer;
} TsTouchpointMeasures;

typedef struct _TsTouchpoints TsTouchpoints;

#define TS_TYPE_TOUCHPOINTS (ts_touchpoints_get_type ())

GType                       ts_touchpoints_get_type        (void) G_GNUC_CONST;

TsTouchpoints              *ts_touchpoints_compute         (TsDataset     *ds,
                                                            TsPlaybook    *pb,
                                                            TsTime         from,
                                                            TsTime         to,
                                                            GCancellable  *cancellable,
                                                            GError       **error);
TsTouchpoints              *ts_touchpoints_ref             (TsTouchpoints *self);
void                        ts_touchpoints_unref           (TsTouchpoints *self);

TsDataset                  *ts_touchpoints_get_dataset     (TsTouchpoints *self);
TsPlaybook                 *ts_touchpoints_get_playbook    (TsTouchpoints *self);
TsTime                      ts_touchpoints_get_from        (TsTouchpoints *self);
TsTime                      ts_touchpoints_get_to          (TsTouchpoints *self);
guint                       ts_touchpoints_get_base        (TsTouchpoints *self);
TsEstimate                  ts_touchpoints_get_nps_all     (TsTouchpoints *self);
guint                       ts_touchpoints_get_n_touchpoints (TsTouchpoints *self);
const TsTouchpoint         *ts_touchpoints_get_touchpoint  (TsTouchpoints *self,
                                                            guint          i);
const TsTouchpointMeasures *ts_touchpoints_get_measures    (TsTouchpoints *self,
                                                            guint          i);
const guint                *ts_touchpoints_get_members     (TsTouchpoints *self,
                                                            guint          i,
                                                            guint         *n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TsTouchpoints, ts_touchpoints_unref)

G_END_DECLS

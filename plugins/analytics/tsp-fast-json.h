/* tsp-fast-json.h — Segment's bulk calls decoded without a JSON tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tsp-analytics-formats.h"

G_BEGIN_DECLS

typedef struct _TspFastJson TspFastJson;

TspFastJson *tsp_fast_json_new    (void);
void         tsp_fast_json_free   (TspFastJson *self);
gboolean     tsp_fast_json_decode (TspFastJson *self,
                                   TspFormat    format,
                                   const char  *text,
                                   gsize        len,
                                   TspRecord   *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TspFastJson, tsp_fast_json_free)

G_END_DECLS

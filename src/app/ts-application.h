/* ts-application.h — the Touchstone application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The settings schema; the same for the .Devel application id. */
#define TS_SETTINGS_SCHEMA_ID "io.github.touchstone.Touchstone"

#define TS_TYPE_APPLICATION (ts_application_get_type ())

G_DECLARE_FINAL_TYPE (TsApplication, ts_application, TS, APPLICATION, AdwApplication)

TsApplication *ts_application_new             (void);
int            ts_application_get_exit_status (TsApplication *self);

G_END_DECLS

/* ts-install.h — where an installed Touchstone finds its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined(TS_CORE_INSIDE) && !defined(TS_CORE_COMPILATION)
# error "Only <touchstone.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

const char *ts_install_dir        (const char *configured);
const char *ts_install_locale_dir (void);

G_END_DECLS

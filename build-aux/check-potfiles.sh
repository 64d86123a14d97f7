#!/bin/sh
# check-potfiles.sh — every source file with a translatable string is in
# po/POTFILES.in, so that no message is left out of the translations.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"
missing=0
for f in $(find src plugins data -type f \( -name '*.c' -o -name '*.ui' -o -name '*.desktop.in' -o -name '*.xml' \) | sort); do
  if grep -q -e '_("' -e 'N_("' -e 'translatable="yes"' "$f"; then
    if ! grep -qx "$f" po/POTFILES.in; then
      echo "po/POTFILES.in: $f has translatable strings but is not listed"
      missing=1
    fi
  fi
done
exit $missing

#!/bin/sh
# check-potfiles.sh — every source file with a translatable string is in
# po/POTFILES.in, so that no message is left out of the translations, and
# every file POTFILES.in lists exists.
#
# Translatable: C with _(), N_(), C_(), NC_() or g_dngettext()/ngettext();
# UI files with translatable="yes"; desktop entries (the app's and the
# plugins' .plugin.desktop.in) with a Name; metainfo with a summary; the
# GSettings schema with summaries.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"
missing=0
for f in $(find src plugins data -type f \( -name '*.c' -o -name '*.ui' -o -name '*.desktop.in' \
             -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \) | sort); do
  case "$f" in
    *.c) pattern='\(^\|[^A-Za-z0-9_]\)\(N\|C\|NC\|\)_ *(\|ngettext *(' ;;
    *.ui) pattern='translatable="yes"' ;;
    *.desktop.in) pattern='^Name=' ;;
    *) pattern='<summary>' ;;
  esac
  if grep -q "$pattern" "$f" && ! grep -qx "$f" po/POTFILES.in; then
    echo "po/POTFILES.in: $f has translatable strings but is not listed"
    missing=1
  fi
done
n=0
while IFS= read -r f; do
  n=$((n + 1))
  case "$f" in ''|'#'*) continue ;; esac
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in:$n: $f does not exist"
    missing=1
  fi
done < po/POTFILES.in
exit $missing

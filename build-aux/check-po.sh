#!/bin/sh
# check-po.sh — every translation in po/LINGUAS compiles with msgfmt's
# checks (C format strings that match the original, one "_" mnemonic where
# the original has one, a valid header) and holds no fuzzy or untranslated
# message.
#
#   check-po.sh SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top/po"
status=0
for lang in $(sed 's/#.*//' LINGUAS); do
  if ! stats=$(LC_ALL=C msgfmt --check --check-accelerators=_ --statistics -o /dev/null "$lang.po" 2>&1); then
    printf 'po/%s.po does not compile:\n%s\n' "$lang" "$stats"
    status=1
    continue
  fi
  echo "po/$lang.po: $stats"
  case "$stats" in
    *fuzzy*|*untranslated*)
      echo "po/$lang.po: fuzzy or untranslated messages (msgattrib --only-fuzzy / --untranslated po/$lang.po)"
      status=1 ;;
  esac
done
exit $status

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reference loader: the sqlite3 command-line shell's CSV `.import` into an
# in-memory database (the header line names the columns). Prints the row
# count.
#
# Usage: bench/ref-sqlite.sh FILE.csv

set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: ref-sqlite.sh FILE.csv" >&2
  exit 2
fi

exec sqlite3 -batch -bail :memory: \
  ".import --csv '${1//\'/\'\'}' t" \
  "SELECT 'rows: ' || count(*) FROM t;"

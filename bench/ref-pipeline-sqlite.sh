#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The warehouse path in SQLite (Debian's sqlite3 shell), in two steps timed
# apart by bench/pipeline.sh:
#
#   ref-pipeline-sqlite.sh load TABLES_DIR DB      the DDL of `touchstone-cli export-tables`
#                                                  (schema.sql), every table's CSV file with
#                                                  .import, then empty fields made null (the
#                                                  shell keeps them empty strings; docs/sql.md)
#   ref-pipeline-sqlite.sh query DB SCRIPT OUT     the script of `touchstone-cli export-sql
#                                                  --dialect sqlite`, its rows as CSV into OUT
#
# DB is a file (deleted first when loading): 50M events do not belong in memory.

set -euo pipefail

case ${1:-} in
  load)
    [[ $# -eq 3 ]] || { echo "usage: $0 load TABLES_DIR DB" >&2; exit 2; }
    dir=$2 db=$3
    [[ -f $dir/schema.sql ]] || { echo "$dir/schema.sql: missing" >&2; exit 1; }
    rm -f "$db" "$db-journal"
    {
      echo ".bail on"
      echo "PRAGMA journal_mode = OFF;"
      echo "PRAGMA synchronous = OFF;"
      echo ".read '$dir/schema.sql'"
      for t in $(sed -n 's/^ *CREATE TABLE *"\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\)"\{0,1\}.*/\1/p' "$dir/schema.sql"); do
        [[ -f $dir/$t.csv ]] || { echo "$dir/$t.csv: missing (schema.sql creates \"$t\")" >&2; exit 1; }
        echo ".import --csv --skip 1 '$dir/$t.csv' \"$t\""
        # an empty field is null: every column of the header
        sets=$(head -n1 "$dir/$t.csv" | tr -d '\r' | tr ',' '\n' |
          awk 'NF { printf "%s\"%s\" = NULLIF(\"%s\", '"''"')", (n++ ? ", " : ""), $0, $0 }')
        [[ -n $sets ]] && echo "UPDATE \"$t\" SET $sets;"
      done
    } | sqlite3 "$db"
    ;;
  query)
    [[ $# -eq 4 ]] || { echo "usage: $0 query DB SCRIPT OUT" >&2; exit 2; }
    db=$2 script=$3 out=$4
    {
      echo ".bail on"
      echo ".headers on"
      echo ".mode csv"
      echo ".output '$out'"
      echo ".read '$script'"
    } | sqlite3 "$db"
    ;;
  *)
    echo "usage: $0 load TABLES_DIR DB | query DB SCRIPT OUT" >&2
    exit 2
    ;;
esac

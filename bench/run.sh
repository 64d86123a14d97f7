#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Benchmark `touchstone-cli inspect` against reference CSV loaders on the same
# generated events file: DuckDB read_csv into a table, pandas read_csv +
# to_datetime, sqlite3 .import, and `cat` as the page-cache read floor.
# See bench/README.md.

set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/run.sh [--rows N] [--build-dir DIR] [--work-dir DIR] [options]

  --rows N         data rows in the generated CSV        (default 10000000)
  --build-dir DIR  meson build directory                 (default ./build)
  --work-dir DIR   CSV, npm packages, logs, results      (default bench/.work)
  --runs N         runs per tool; the best wall time is reported (default 3)
  --seed N         generator seed                        (default 42)
  --tools LIST     comma-separated subset of: cat,touchstone,duckdb,pandas,sqlite
                   (default: all)
  --no-build       do not run `meson compile` on the build directory
  -h, --help       show this help

Default directories are relative to the repository root; given ones are
relative to the current directory.
EOF
}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$BENCH_DIR")

ROWS=10000000
BUILD_DIR="$ROOT_DIR/build"
WORK_DIR="$BENCH_DIR/.work"
RUNS=3
SEED=42
TOOLS="cat,touchstone,duckdb,pandas,sqlite"
DO_BUILD=1

BENCH_NAME=run.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) need_arg "$@"; ROWS=$2; shift 2 ;;
    --build-dir) need_arg "$@"; BUILD_DIR=$(abspath "$2"); shift 2 ;;
    --work-dir) need_arg "$@"; WORK_DIR=$(abspath "$2"); shift 2 ;;
    --runs) need_arg "$@"; RUNS=$2; shift 2 ;;
    --seed) need_arg "$@"; SEED=$2; shift 2 ;;
    --tools) need_arg "$@"; TOOLS=$2; shift 2 ;;
    --no-build) DO_BUILD=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

[[ $ROWS =~ ^[1-9][0-9]*$ ]] || die "--rows must be a positive integer"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ $SEED =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer"

parse_tools "$TOOLS" cat touchstone duckdb pandas sqlite

mkdir -p "$WORK_DIR/logs"

# ---------------------------------------------------------------------------
# Prerequisites: Debian packages only when missing, DuckDB from npm.

missing=()
[[ -x /usr/bin/time ]] || missing+=(time)
command -v cc >/dev/null || missing+=(gcc)
if wants pandas && ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
  missing+=(python3-pandas)
fi
if wants sqlite && ! command -v sqlite3 >/dev/null; then
  missing+=(sqlite3)
fi
if wants duckdb; then
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
fi
install_missing "${missing[@]}"

# ---------------------------------------------------------------------------
# Build: the meson tree (gen-events and touchstone-cli), or gen-events alone
# with cc when the build directory does not have it.

build_tree

# ---------------------------------------------------------------------------
# Data: generated once per (rows, seed).

events_csv
FILE_BYTES=$(stat -c %s "$CSV")

# ---------------------------------------------------------------------------
# Measurement.

TS_BIN="$BUILD_DIR/src/cli/touchstone-cli"
PANDAS_VERSION=$(/usr/bin/python3 -c 'import pandas; print(pandas.__version__)' 2>/dev/null || echo "?")
SQLITE_VERSION=$(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo "?")
DUCKDB_VERSION=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' \
  "$WORK_DIR/node_modules/@duckdb/node-api/package.json" 2>/dev/null | head -n1)

declare -A LABEL=(
  [cat]="cat (page-cache read)"
  [touchstone]="touchstone-cli inspect"
  [duckdb]="DuckDB ${DUCKDB_VERSION:-?} read_csv → table, 2 threads"
  [pandas]="pandas $PANDAS_VERSION read_csv + to_datetime"
  [sqlite]="sqlite3 $SQLITE_VERSION .import (in-memory)"
)
declare -A WALL=() RSS_KB=() ROWS_SEEN=() STATUS=()

warm_cache() { cat "$CSV" >/dev/null; }

# Print the row count a tool reported on stdout ("rows: N" or "N rows"), if any.
rows_from() {
  {
    sed -n -E 's/.*\<rows[[:space:]]*[:=]?[[:space:]]*([0-9][0-9,_]*).*/\1/Ip' "$1"
    sed -n -E 's/(^|.*[^0-9,_])([0-9][0-9,_]*)[[:space:]]+(data[[:space:]]+)?rows\>.*/\2/Ip' "$1"
  } | head -n1 | tr -d ',_'
}

# measure TOOL STDOUT_TARGET CMD...: run CMD $RUNS times under GNU time and
# keep the best wall time with the peak RSS of that same run.
measure() {
  local tool=$1 out=$2
  shift 2
  local i wall rss tfile="$WORK_DIR/logs/$tool.time"
  warm_cache
  for ((i = 1; i <= RUNS; i++)); do
    local log="$WORK_DIR/logs/$tool.$i.out" err="$WORK_DIR/logs/$tool.$i.err"
    [[ $out == /dev/null ]] || out=$log
    local t0=$EPOCHREALTIME
    if ! /usr/bin/time -f '%e %M' -o "$tfile" "$@" >"$out" 2>"$err"; then
      STATUS[$tool]="failed (see $err)"
      note "$tool run $i failed:"
      tail -n 5 "$err" >&2
      return 0
    fi
    local t1=$EPOCHREALTIME
    # GNU time's %e has 10 ms resolution, too coarse for `cat`: take the wall
    # time from bash's microsecond clock and the peak RSS (%M, KiB) from time.
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    read -r _ rss <"$tfile"
    note "$tool run $i/$RUNS: ${wall} s, $((rss / 1024)) MiB"
    if [[ -z ${WALL[$tool]:-} ]] || awk -v a="$wall" -v b="${WALL[$tool]}" 'BEGIN { exit !(a < b) }'; then
      WALL[$tool]=$wall
      RSS_KB[$tool]=$rss
      [[ $out == /dev/null ]] || ROWS_SEEN[$tool]=$(rows_from "$log")
    fi
  done
  STATUS[$tool]=ok
}

note "file: $CSV ($FILE_BYTES bytes, $ROWS rows); $RUNS runs per tool"

if wants cat; then
  measure cat /dev/null cat "$CSV"
fi
if wants touchstone; then
  if [[ -x $TS_BIN ]]; then
    measure touchstone log env TOUCHSTONE_PLUGIN_PATH="$BUILD_DIR/plugins" "$TS_BIN" inspect "$CSV"
  else
    STATUS[touchstone]="touchstone-cli not built"
    note "touchstone-cli not built ($TS_BIN missing)"
  fi
fi
if wants duckdb; then
  measure duckdb log node "$BENCH_DIR/ref-duckdb.mjs" "$CSV" "$WORK_DIR"
fi
if wants pandas; then
  measure pandas log /usr/bin/python3 "$BENCH_DIR/ref-pandas.py" "$CSV"
fi
if wants sqlite; then
  measure sqlite log bash "$BENCH_DIR/ref-sqlite.sh" "$CSV"
fi

# ---------------------------------------------------------------------------
# Report.

RESULTS="$WORK_DIR/results-$ROWS.md"

{
  echo "Touchstone benchmark: $ROWS rows, $FILE_BYTES bytes" \
    "($(awk -v b="$FILE_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB), best of $RUNS runs"
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
    "$(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo); touchstone build type: $BUILD_TYPE"
  echo
  echo "| tool | wall s | MB/s | peak RSS MB | RSS / file | rows loaded | touchstone speedup |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for tool in cat touchstone duckdb pandas sqlite; do
    wants "$tool" || continue
    if [[ ${STATUS[$tool]:-} != ok ]]; then
      echo "| ${LABEL[$tool]} | ${STATUS[$tool]:-not run} | | | | | |"
      continue
    fi
    wall=${WALL[$tool]}
    rss_bytes=$((RSS_KB[$tool] * 1024))
    rows_seen=${ROWS_SEEN[$tool]:-}
    if [[ $tool == cat ]]; then
      rows_cell="—"
    elif [[ -z $rows_seen ]]; then
      rows_cell="? (see logs)"
    elif [[ $rows_seen -eq $ROWS ]]; then
      rows_cell="$rows_seen ✓"
    else
      rows_cell="$rows_seen ✗ MISMATCH"
    fi
    if [[ ${STATUS[touchstone]:-} == ok ]]; then
      speed=$(awk -v a="$wall" -v b="${WALL[touchstone]}" 'BEGIN { printf (b > 0 ? "%.2f×" : "—"), a / b }')
    else
      speed="pending"
    fi
    awk -v label="${LABEL[$tool]}" -v wall="$wall" -v bytes="$FILE_BYTES" -v rss="$rss_bytes" \
      -v rows="$rows_cell" -v speed="$speed" 'BEGIN {
        mbs = wall > 0 ? sprintf("%.0f", bytes / 1e6 / wall) : "∞"
        printf "| %s | " (wall < 1 ? "%.3f" : "%.2f") " | %s | %.0f | %.2f× | %s | %s |\n", label, wall, mbs, rss / 1e6, rss / bytes, rows, speed
      }'
  done
  echo
  echo "MB = 10^6 bytes. Wall time of the best run (the file is in the page cache) and"
  echo "that run's peak RSS (GNU time %M);"
  echo "touchstone speedup = that tool's wall time / touchstone's (above 1: touchstone is faster)."
} | tee "$RESULTS"

note "results written to $RESULTS; logs in $WORK_DIR/logs"

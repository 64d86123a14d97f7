#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Benchmark `touchstone-cli score --csv` with the default playbook, end to end
# from the generated events file, against the same playbook in pandas
# (ref-score-pandas.py) and in DuckDB SQL (ref-score-duckdb.mjs), and check
# that all three give every customer the same score and band
# (check-scores.py). See bench/README.md, "Scoring with the default playbook".

set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/score.sh [--rows N] [--build-dir DIR] [--work-dir DIR] [options]

  --rows N         data rows in the generated CSV        (default 10000000)
  --file FILE      score this events CSV instead of a generated one
  --build-dir DIR  meson build directory                 (default ./build)
  --work-dir DIR   CSV, npm packages, logs, results      (default bench/.work)
  --runs N         runs per tool; the best wall time is reported (default 3)
  --seed N         generator seed                        (default 42)
  --tools LIST     comma-separated subset of: touchstone,duckdb,pandas
                   (default: all)
  --tolerance T    largest score difference accepted     (default 1e-9)
  --no-build       do not run `meson compile` on the build directory
  -h, --help       show this help

Default directories are relative to the repository root; given ones are
relative to the current directory.
EOF
}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$BENCH_DIR")

ROWS=10000000
FILE=""
BUILD_DIR="$ROOT_DIR/build"
WORK_DIR="$BENCH_DIR/.work"
RUNS=3
SEED=42
TOOLS="touchstone,duckdb,pandas"
TOLERANCE=1e-9
DO_BUILD=1
PLAYBOOK="$ROOT_DIR/data/playbook/default.json"

BENCH_NAME=score.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) need_arg "$@"; ROWS=$2; shift 2 ;;
    --file) need_arg "$@"; FILE=$(abspath "$2"); shift 2 ;;
    --build-dir) need_arg "$@"; BUILD_DIR=$(abspath "$2"); shift 2 ;;
    --work-dir) need_arg "$@"; WORK_DIR=$(abspath "$2"); shift 2 ;;
    --runs) need_arg "$@"; RUNS=$2; shift 2 ;;
    --seed) need_arg "$@"; SEED=$2; shift 2 ;;
    --tools) need_arg "$@"; TOOLS=$2; shift 2 ;;
    --tolerance) need_arg "$@"; TOLERANCE=$2; shift 2 ;;
    --no-build) DO_BUILD=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

[[ $ROWS =~ ^[1-9][0-9]*$ ]] || die "--rows must be a positive integer"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer"
[[ $SEED =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer"

parse_tools "$TOOLS" touchstone duckdb pandas

mkdir -p "$WORK_DIR/logs"

# ---------------------------------------------------------------------------
# Prerequisites, as in run.sh: Debian packages only when missing, DuckDB from npm.

missing=()
[[ -x /usr/bin/time ]] || missing+=(time)
command -v cc >/dev/null || missing+=(gcc)
/usr/bin/python3 -c 'import pandas' 2>/dev/null || missing+=(python3-pandas)  # also the checker's python
if wants duckdb; then
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
fi
install_missing "${missing[@]}"

# ---------------------------------------------------------------------------
# Build and data, as in run.sh.

build_tree

if [[ -n $FILE ]]; then
  [[ -f $FILE ]] || die "no such file: $FILE"
  CSV=$FILE
  ROWS=$(($(wc -l <"$CSV") - 1))   # gen-events' rows have no line breaks in fields
else
  events_csv
fi
FILE_BYTES=$(stat -c %s "$CSV")

# ---------------------------------------------------------------------------
# Measurement: every tool writes a row per customer to WORK/logs/score-TOOL.N.csv.

TS_BIN="$BUILD_DIR/src/cli/touchstone-cli"
PANDAS_VERSION=$(/usr/bin/python3 -c 'import pandas; print(pandas.__version__)' 2>/dev/null || echo "?")
DUCKDB_VERSION=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' \
  "$WORK_DIR/node_modules/@duckdb/node-api/package.json" 2>/dev/null | head -n1)

declare -A LABEL=(
  [touchstone]="touchstone-cli score --csv"
  [duckdb]="DuckDB ${DUCKDB_VERSION:-?} SQL over read_csv, 2 threads"
  [pandas]="pandas $PANDAS_VERSION read_csv + groupby"
)
declare -A WALL=() RSS_KB=() STATUS=() OUT=()

warm_cache() { cat "$CSV" >/dev/null; }

# run_once TOOL I CMD...: run CMD once under GNU time, "{OUT}" in CMD replaced
# by the run's output file, and keep the best wall time with the peak RSS of
# that same run. CMD's stdout goes to the run's log.
run_once() {
  local tool=$1 i=$2
  shift 2
  [[ -z ${STATUS[$tool]:-} || ${STATUS[$tool]} == ok ]] || return 0
  local wall rss tfile="$WORK_DIR/logs/score-$tool.time"
  local out="$WORK_DIR/logs/score-$tool.$i.csv"
  local log="$WORK_DIR/logs/score-$tool.$i.out" err="$WORK_DIR/logs/score-$tool.$i.err"
  local cmd=("${@//\{OUT\}/$out}")
  rm -f "$out"
  local t0=$EPOCHREALTIME
  if ! /usr/bin/time -f '%e %M' -o "$tfile" "${cmd[@]}" >"$log" 2>"$err"; then
    STATUS[$tool]="failed (see $err)"
    note "$tool run $i failed:"
    tail -n 5 "$err" >&2
    return 0
  fi
  local t1=$EPOCHREALTIME
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  read -r _ rss <"$tfile"
  note "$tool run $i/$RUNS: ${wall} s, $((rss / 1024)) MiB"
  if [[ -z ${WALL[$tool]:-} ]] || awk -v a="$wall" -v b="${WALL[$tool]}" 'BEGIN { exit !(a < b) }'; then
    WALL[$tool]=$wall
    RSS_KB[$tool]=$rss
  fi
  OUT[$tool]=$out
  STATUS[$tool]=ok
}

note "file: $CSV ($FILE_BYTES bytes, $ROWS rows); $RUNS runs per tool"

if wants touchstone && [[ ! -x $TS_BIN ]]; then
  STATUS[touchstone]="touchstone-cli not built"
  note "touchstone-cli not built ($TS_BIN missing)"
fi

# In rounds (each tool once, then again), so that a busy spell on a shared
# machine slows every tool rather than one.
warm_cache
for ((i = 1; i <= RUNS; i++)); do
  if wants touchstone; then
    # the binary directly; stdout is the CSV
    run_once touchstone "$i" bash -c 'exec env TOUCHSTONE_PLUGIN_PATH="$1" TOUCHSTONE_DATADIR="$2" "$3" score --csv "$4" >"$5"' \
      score "$BUILD_DIR/plugins" "$BUILD_DIR/data" "$TS_BIN" "$CSV" "{OUT}"
  fi
  if wants duckdb; then
    run_once duckdb "$i" node "$BENCH_DIR/ref-score-duckdb.mjs" "$CSV" "$PLAYBOOK" "{OUT}" "$WORK_DIR"
  fi
  if wants pandas; then
    run_once pandas "$i" /usr/bin/python3 "$BENCH_DIR/ref-score-pandas.py" "$CSV" "$PLAYBOOK" "{OUT}"
  fi
done

# ---------------------------------------------------------------------------
# Equality: the last run's output of each tool that ran, touchstone first.

outs=()
for tool in touchstone duckdb pandas; do
  [[ ${STATUS[$tool]:-} == ok ]] && outs+=("${OUT[$tool]}")
done
CUSTOMERS="?"
[[ ${#outs[@]} -ge 1 ]] && CUSTOMERS=$(($(wc -l <"${outs[0]}") - 1))
if [[ ${#outs[@]} -ge 2 ]]; then
  if /usr/bin/python3 "$BENCH_DIR/check-scores.py" --tolerance "$TOLERANCE" "${outs[@]}" \
    >"$WORK_DIR/logs/score-check.out" 2>&1; then
    CHECK="equal: every customer in every output, scores within $TOLERANCE, same bands"
  else
    CHECK="MISMATCH: $(tail -n1 "$WORK_DIR/logs/score-check.out")"
  fi
  cat "$WORK_DIR/logs/score-check.out" >&2
else
  CHECK="not checked (one tool)"
fi

# ---------------------------------------------------------------------------
# Report.

RESULTS="$WORK_DIR/score-results-$(basename "$CSV" .csv).md"

{
  echo "Scoring benchmark: $(basename "$CSV"), $ROWS rows, $CUSTOMERS customers, $FILE_BYTES bytes" \
    "($(awk -v b="$FILE_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB), best of $RUNS runs"
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
    "$(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo); touchstone build type: $BUILD_TYPE"
  echo
  echo "| tool | wall s | MB/s | peak RSS MB | RSS / file | touchstone speedup |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  for tool in touchstone duckdb pandas; do
    wants "$tool" || continue
    if [[ ${STATUS[$tool]:-} != ok ]]; then
      echo "| ${LABEL[$tool]} | ${STATUS[$tool]:-not run} | | | | |"
      continue
    fi
    wall=${WALL[$tool]}
    rss_bytes=$((RSS_KB[$tool] * 1024))
    if [[ ${STATUS[touchstone]:-} == ok ]]; then
      speed=$(awk -v a="$wall" -v b="${WALL[touchstone]}" 'BEGIN { printf (b > 0 ? "%.2f×" : "—"), a / b }')
    else
      speed="pending"
    fi
    awk -v label="${LABEL[$tool]}" -v wall="$wall" -v bytes="$FILE_BYTES" -v rss="$rss_bytes" \
      -v speed="$speed" 'BEGIN {
        printf "| %s | %.2f | %.0f | %.0f | %.2f× | %s |\n", label, wall, bytes / 1e6 / wall, rss / 1e6, rss / bytes, speed
      }'
  done
  echo
  echo "Equality: $CHECK."
  echo "MB = 10^6 bytes. Wall time of the best run (the file is in the page cache), end to end:"
  echo "start-up, reading the file, scoring and writing a CSV row per customer; that run's peak RSS"
  echo "(GNU time %M). touchstone speedup = that tool's wall time / touchstone's (above 1: touchstone is faster)."
} | tee "$RESULTS"

note "results written to $RESULTS; logs and outputs in $WORK_DIR/logs"
[[ $CHECK != MISMATCH* ]]

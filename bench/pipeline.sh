#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The whole pipeline on a company written by `touchstone-cli demo` (a
# Salesforce export, a Segment archive, an NPS survey): Touchstone's import,
# score, decide and outcomes, each timed with its peak memory, against SQLite
# and DuckDB loading the tables `touchstone-cli export-tables` writes and
# running the playbook `touchstone-cli export-sql` compiles for them, and
# against pandas reading the same exports (ref-pipeline-pandas.py); checks
# that every tool gives every customer the same score, band and route.
# See bench/README.md, "The whole pipeline".

set -euo pipefail

usage() {
  cat <<'USAGE'
usage: bench/pipeline.sh [--customers N] [--build-dir DIR] [--work-dir DIR] [options]

  --customers N            customers in the demo company          (default 1000000)
  --months M               months of history                      (default 2)
  --events-per-customer E  Segment calls a customer, about        (default 50)
  --seed S                 the demo's seed                        (default 1)
  --build-dir DIR          meson build directory                  (default ./build)
  --work-dir DIR           data, tables, npm packages, logs       (default bench/.work)
  --tools LIST             comma-separated subset of: touchstone,sqlite,duckdb,pandas
                           (default: all)
  --tolerance T            largest score difference accepted      (default 1e-9)
  --no-build               do not run `meson compile` on the build directory
  -h, --help               show this help

The demo's files are generated once into WORK/demo-N-mM-eE-sS/ and reused.
USAGE
}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$BENCH_DIR")

CUSTOMERS=1000000
MONTHS=2
PER_CUSTOMER=50
SEED=1
BUILD_DIR="$ROOT_DIR/build"
WORK_DIR="$BENCH_DIR/.work"
TOOLS="touchstone,sqlite,duckdb,pandas"
TOLERANCE=1e-9
DO_BUILD=1

BENCH_NAME=pipeline.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

while [[ $# -gt 0 ]]; do
  case $1 in
    --customers) need_arg "$@"; CUSTOMERS=$2; shift 2 ;;
    --months) need_arg "$@"; MONTHS=$2; shift 2 ;;
    --events-per-customer) need_arg "$@"; PER_CUSTOMER=$2; shift 2 ;;
    --seed) need_arg "$@"; SEED=$2; shift 2 ;;
    --build-dir) need_arg "$@"; BUILD_DIR=$(abspath "$2"); shift 2 ;;
    --work-dir) need_arg "$@"; WORK_DIR=$(abspath "$2"); shift 2 ;;
    --tools) need_arg "$@"; TOOLS=$2; shift 2 ;;
    --tolerance) need_arg "$@"; TOLERANCE=$2; shift 2 ;;
    --no-build) DO_BUILD=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

[[ $CUSTOMERS =~ ^[1-9][0-9]*$ ]] || die "--customers must be a positive integer"
[[ $MONTHS =~ ^[1-9][0-9]*$ ]] || die "--months must be a positive integer"
[[ $PER_CUSTOMER =~ ^[0-9]+$ ]] || die "--events-per-customer must be a non-negative integer"
[[ $SEED =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer"

parse_tools "$TOOLS" touchstone sqlite duckdb pandas
# the SQL engines read the tables Touchstone exports
mkdir -p "$WORK_DIR/logs"
LOGS="$WORK_DIR/logs"

# ---------------------------------------------------------------------------
# Prerequisites: Debian packages only when missing, DuckDB from npm.

missing=()
[[ -x /usr/bin/time ]] || missing+=(time)
command -v python3 >/dev/null || missing+=(python3)
wants pandas && ! /usr/bin/python3 -c 'import pandas' 2>/dev/null && missing+=(python3-pandas)
wants sqlite && ! command -v sqlite3 >/dev/null && missing+=(sqlite3)
if wants duckdb; then
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
fi
install_missing "${missing[@]}"

build_tree
TS_BIN="$BUILD_DIR/src/cli/touchstone-cli"
[[ -x $TS_BIN ]] || die "touchstone-cli not built ($TS_BIN missing): every tool needs it"
ts() { TOUCHSTONE_PLUGIN_PATH="$BUILD_DIR/plugins" TOUCHSTONE_DATADIR="$BUILD_DIR/data" "$TS_BIN" "$@"; }

# ---------------------------------------------------------------------------
# The data: written once, under a temporary name, then renamed.

NAME="demo-$CUSTOMERS-m$MONTHS-e$PER_CUSTOMER-s$SEED"
DATA="$WORK_DIR/$NAME"
if [[ ! -d $DATA ]]; then
  note "touchstone-cli demo: $CUSTOMERS customers, $MONTHS months, ~$PER_CUSTOMER calls each, into $DATA"
  rm -rf "$DATA.tmp"
  t0=$EPOCHREALTIME
  ts demo --out "$DATA.tmp" --customers "$CUSTOMERS" --months "$MONTHS" \
    --events-per-customer "$PER_CUSTOMER" --seed "$SEED" >"$LOGS/$NAME-demo.out"
  t1=$EPOCHREALTIME
  mv "$DATA.tmp" "$DATA"
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", b - a }' >"$DATA/.generated-seconds"
else
  note "reusing $DATA"
fi
FILES=("$DATA"/WE_*.ZIP "$DATA/segment-events.jsonl.gz" "$DATA/nps.csv")
DATA_BYTES=$(cat "${FILES[@]}" | wc -c)
# The workspace, as the bundled demo's (data/demo/demo.touchstone): the three
# exports, customers joined by e-mail, the default playbook
WORKSPACE="$DATA/bench.touchstone"
cat >"$WORKSPACE" <<JSON
{
  "touchstone": 1,
  "title": "Benchmark: $CUSTOMERS customers",
  "identity": "email",
  "sources": [
    { "path": "$(basename "${FILES[0]}")" },
    { "path": "segment-events.jsonl.gz" },
    { "path": "nps.csv" }
  ],
  "playbook": { "schema": 1 }
}
JSON

# ---------------------------------------------------------------------------
# Measurement: each step once (at this size a run takes minutes), under GNU
# time; WALL[step] in seconds, RSS[step] in kB.

declare -A WALL=() RSS=() FAILED=()

# measure STEP CMD...: stdout to LOGS/NAME-STEP.out, stderr to .err
measure() {
  local step=$1
  shift
  local tfile="$LOGS/$NAME-$step.time" out="$LOGS/$NAME-$step.out" err="$LOGS/$NAME-$step.err"
  note "$step: $*"
  local t0=$EPOCHREALTIME
  if ! /usr/bin/time -f '%M' -o "$tfile" "$@" >"$out" 2>"$err"; then
    FAILED[$step]=1
    note "$step failed:"
    tail -n 5 "$err" >&2
    return 0
  fi
  local t1=$EPOCHREALTIME
  WALL[$step]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  RSS[$step]=$(tail -n1 "$tfile")
  note "$step: ${WALL[$step]} s, $((RSS[$step] / 1024)) MiB"
}

cat "${FILES[@]}" >/dev/null   # in the page cache for everyone

TSENV=(env TOUCHSTONE_PLUGIN_PATH="$BUILD_DIR/plugins" TOUCHSTONE_DATADIR="$BUILD_DIR/data" "$TS_BIN")
TABLES="$WORK_DIR/$NAME-tables"

if wants touchstone; then
  # each command reads the files again: import, then the stage after it
  measure ts-import "${TSENV[@]}" inspect -q --json --workspace "$WORKSPACE"
  measure ts-score "${TSENV[@]}" score -q --csv --workspace "$WORKSPACE"
  measure ts-decide "${TSENV[@]}" decide -q --csv --workspace "$WORKSPACE"
  measure ts-outcomes "${TSENV[@]}" outcomes -q --csv --workspace "$WORKSPACE"
fi

EVENTS="?"
if [[ -s $LOGS/$NAME-ts-import.out ]]; then
  EVENTS=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(sum(s.get("rows", {}).get("events", 0) for s in d["sources"]))' "$LOGS/$NAME-ts-import.out")
fi

SQLITE_DIALECT="" DUCKDB_DIALECT=""
if wants sqlite || wants duckdb; then
  rm -rf "$TABLES"
  measure export-tables "${TSENV[@]}" export-tables -q --out "$TABLES" --workspace "$WORKSPACE"
  if ts export-sql --dialect sqlite --workspace "$WORKSPACE" --out "$WORK_DIR/$NAME-sqlite.sql" 2>"$LOGS/$NAME-export-sql-sqlite.err"; then
    SQLITE_DIALECT=sqlite
  fi
  # DuckDB runs its own dialect where this build compiles it
  if ts export-sql --dialect duckdb --workspace "$WORKSPACE" --out "$WORK_DIR/$NAME-duckdb.sql" 2>"$LOGS/$NAME-export-sql-duckdb.err"; then
    DUCKDB_DIALECT=duckdb
  else
    note "export-sql --dialect duckdb: $(head -n1 "$LOGS/$NAME-export-sql-duckdb.err")"
  fi
fi

if wants sqlite && [[ -z ${FAILED[export-tables]:-} ]]; then
  if [[ -n $SQLITE_DIALECT ]]; then
    measure sqlite-load "$BENCH_DIR/ref-pipeline-sqlite.sh" load "$TABLES" "$WORK_DIR/$NAME.sqlite"
    measure sqlite-query "$BENCH_DIR/ref-pipeline-sqlite.sh" query "$WORK_DIR/$NAME.sqlite" \
      "$WORK_DIR/$NAME-sqlite.sql" "$LOGS/$NAME-sqlite-scores.csv"
    rm -f "$WORK_DIR/$NAME.sqlite"
  else
    FAILED[sqlite-load]=1
  fi
fi

if wants duckdb && [[ -z ${FAILED[export-tables]:-} ]]; then
  if [[ -n $DUCKDB_DIALECT ]]; then
    measure duckdb node "$BENCH_DIR/ref-pipeline-duckdb.mjs" "$TABLES" "$WORK_DIR/$NAME-duckdb.sql" \
      "$LOGS/$NAME-duckdb-scores.csv" "$WORK_DIR"
  else
    FAILED[duckdb]="no duckdb dialect in this build"
  fi
fi

if wants pandas; then
  measure pandas /usr/bin/python3 "$BENCH_DIR/ref-pipeline-pandas.py" "$DATA" "$ROOT_DIR/data/playbook/default.json" \
    "$LOGS/$NAME-pandas-scores.csv"
fi

# ---------------------------------------------------------------------------
# Agreement: scores and bands (check-scores.py), then routes.

outs=()
[[ -s $LOGS/$NAME-ts-score.out ]] && outs+=("$LOGS/$NAME-ts-score.out")
[[ -s $LOGS/$NAME-sqlite-scores.csv && -n ${WALL[sqlite-query]:-} ]] && outs+=("$LOGS/$NAME-sqlite-scores.csv")
[[ -s $LOGS/$NAME-duckdb-scores.csv && -n ${WALL[duckdb]:-} ]] && outs+=("$LOGS/$NAME-duckdb-scores.csv")
[[ -s $LOGS/$NAME-pandas-scores.csv && -n ${WALL[pandas]:-} ]] && outs+=("$LOGS/$NAME-pandas-scores.csv")
CHECK="not checked (fewer than two outputs)"
if [[ ${#outs[@]} -ge 2 ]]; then
  if python3 "$BENCH_DIR/check-scores.py" --tolerance "$TOLERANCE" "${outs[@]}" >"$LOGS/$NAME-check.out" 2>&1; then
    CHECK="scores within $TOLERANCE and the same bands for every customer"
    if [[ -s $LOGS/$NAME-ts-decide.out ]]; then
      routes=("$LOGS/$NAME-ts-decide.out" "${outs[@]:1}")
      if python3 "$BENCH_DIR/check-scores.py" --routes "${routes[@]}" >>"$LOGS/$NAME-check.out" 2>&1; then
        CHECK="$CHECK, the same routes"
      else
        CHECK="MISMATCH: $(tail -n1 "$LOGS/$NAME-check.out")"
      fi
    fi
  else
    CHECK="MISMATCH: $(tail -n1 "$LOGS/$NAME-check.out")"
  fi
  cat "$LOGS/$NAME-check.out" >&2
fi

# ---------------------------------------------------------------------------
# Report.

RESULTS="$WORK_DIR/pipeline-results-$NAME.md"
secs() { [[ -n ${WALL[$1]:-} ]] && printf '%.2f' "${WALL[$1]}" || echo "—"; }
mb() { [[ -n ${RSS[$1]:-} ]] && awk -v k="${RSS[$1]}" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }' || echo "—"; }
sum() { awk 'BEGIN { s = 0; for (i = 1; i < ARGC; i++) { if (ARGV[i] == "") { print ""; exit } s += ARGV[i] } printf "%.2f", s }' "$@"; }
maxkb() { local m=0 k; for k in "$@"; do [[ -n $k && $k -gt $m ]] && m=$k; done; echo "$m"; }
per_event() { [[ $EVENTS =~ ^[0-9]+$ && $EVENTS -gt 0 && $1 -gt 0 ]] && awk -v k="$1" -v e="$EVENTS" 'BEGIN { printf "%.0f", k * 1024 / e }' || echo "—"; }

TS_TOTAL=${WALL[ts-outcomes]:-}
SQLITE_TOTAL="" DUCKDB_TOTAL=""
[[ -n ${WALL[sqlite-query]:-} ]] && SQLITE_TOTAL=$(sum "${WALL[export-tables]}" "${WALL[sqlite-load]}" "${WALL[sqlite-query]}")
[[ -n ${WALL[duckdb]:-} ]] && DUCKDB_TOTAL=$(sum "${WALL[export-tables]}" "${WALL[duckdb]}")
vs() { [[ -n $1 && -n $TS_TOTAL ]] && awk -v a="$1" -v b="$TS_TOTAL" 'BEGIN { printf "%.2f×", a / b }' || echo "—"; }
PANDAS_SPLIT=""
if [[ -n ${WALL[pandas]:-} ]]; then
  PANDAS_SPLIT=$(python3 -c 'import json, sys
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
print("%.2f %.2f %.2f" % (d["import"], d["score"], d["route"]))' "$LOGS/$NAME-pandas.out")
fi
DUCK_SPLIT=""
if [[ -n ${WALL[duckdb]:-} ]]; then
  DUCK_SPLIT=$(python3 -c 'import json, sys
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
print("%.2f %.2f" % (d["load"], d["query"]))' "$LOGS/$NAME-duckdb.out")
fi

{
  echo "Pipeline benchmark: $NAME — $CUSTOMERS customers, $EVENTS events, $DATA_BYTES bytes of exports" \
    "($(awk -v b="$DATA_BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB; generated in $(cat "$DATA/.generated-seconds" 2>/dev/null || echo "?") s)"
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
    "$(awk '/^MemTotal/ { printf "%.0f GiB RAM", $2 / 1048576 }' /proc/meminfo); touchstone build type: $BUILD_TYPE;" \
    "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| step | wall s | peak RSS MB | RSS bytes / event |"
  echo "| --- | ---: | ---: | ---: |"
  for step in ts-import ts-score ts-decide ts-outcomes export-tables sqlite-load sqlite-query duckdb pandas; do
    [[ -n ${WALL[$step]:-} || -n ${FAILED[$step]:-} ]] || continue
    case $step in
      ts-import) label="touchstone-cli inspect (import)" ;;
      ts-score) label="touchstone-cli score --csv (import + score)" ;;
      ts-decide) label="touchstone-cli decide --csv (import + score + decide)" ;;
      ts-outcomes) label="touchstone-cli outcomes --csv (import + score + decide + outcomes)" ;;
      export-tables) label="touchstone-cli export-tables (import + CSV tables, for the SQL engines)" ;;
      sqlite-load) label="SQLite $(sqlite3 --version | cut -d' ' -f1): load the tables" ;;
      sqlite-query) label="SQLite: export-sql --dialect $SQLITE_DIALECT (score, band, route)" ;;
      pandas) label="pandas $(/usr/bin/python3 -c 'import pandas; print(pandas.__version__)'): import $(echo "$PANDAS_SPLIT" | cut -d' ' -f1) s + score $(echo "$PANDAS_SPLIT" | cut -d' ' -f2) s + route $(echo "$PANDAS_SPLIT" | cut -d' ' -f3) s (+ start-up, output)" ;;
      duckdb) label="DuckDB (node, 2 threads): load $(echo "$DUCK_SPLIT" | cut -d' ' -f1) s + export-sql --dialect ${DUCKDB_DIALECT:-?} $(echo "$DUCK_SPLIT" | cut -d' ' -f2) s" ;;
    esac
    if [[ -n ${FAILED[$step]:-} ]]; then
      echo "| $label | failed or not run: ${FAILED[$step]} | | |"
    else
      echo "| $label | $(secs "$step") | $(mb "$step") | $(per_event "${RSS[$step]}") |"
    fi
  done
  echo
  echo "End to end, from the exports to every customer's score, band and route:"
  echo
  echo "| tool | wall s | peak RSS MB | RSS bytes / event | wall / touchstone's |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  if [[ -n $TS_TOTAL ]]; then
    k=$(maxkb "${RSS[ts-outcomes]:-0}")
    echo "| touchstone (outcomes: import, score, decide, outcomes in one run) | $(printf '%.2f' "$TS_TOTAL") | $(awk -v k="$k" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }') | $(per_event "$k") | 1.00× |"
  fi
  if [[ -n $SQLITE_TOTAL ]]; then
    k=$(maxkb "${RSS[export-tables]:-0}" "${RSS[sqlite-load]:-0}" "${RSS[sqlite-query]:-0}")
    echo "| SQLite (export-tables + load + query; no outcomes) | $SQLITE_TOTAL | $(awk -v k="$k" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }') | $(per_event "$k") | $(vs "$SQLITE_TOTAL") |"
  fi
  if [[ -n $DUCKDB_TOTAL ]]; then
    k=$(maxkb "${RSS[export-tables]:-0}" "${RSS[duckdb]:-0}")
    echo "| DuckDB (export-tables + load + query; no outcomes) | $DUCKDB_TOTAL | $(awk -v k="$k" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }') | $(per_event "$k") | $(vs "$DUCKDB_TOTAL") |"
  fi
  if [[ -n ${WALL[pandas]:-} ]]; then
    k=${RSS[pandas]}
    echo "| pandas (the exports, score, band, route; no guardrails, no outcomes) | $(printf '%.2f' "${WALL[pandas]}") | $(awk -v k="$k" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }') | $(per_event "$k") | $(vs "${WALL[pandas]}") |"
  fi
  echo
  echo "Agreement: $CHECK."
  echo "MB = 10^6 bytes; peak RSS is GNU time's %M of each process (the SQL rows: the largest of their steps)."
} | tee "$RESULTS"

note "results written to $RESULTS; logs and outputs in $LOGS"
[[ $CHECK != MISMATCH* ]]

# lib.sh — what the benchmark scripts share; sourced by run.sh and score.sh
# after they set BENCH_NAME, WORK_DIR, BUILD_DIR and DO_BUILD.
#
# SPDX-License-Identifier: GPL-3.0-or-later

# Pinned so that results are comparable between runs; override from the
# environment to try another release.
DUCKDB_NODE_API_VERSION=${DUCKDB_NODE_API_VERSION:-1.5.6-r.1}

die() { echo "$BENCH_NAME: $*" >&2; exit 1; }
note() { echo "==> $*" >&2; }

abspath() { [[ $1 == /* ]] && echo "$1" || echo "$PWD/$1"; }

need_arg() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs an argument"; }

# The tools asked for with --tools, each one of the allowed ones:
# parse_tools LIST ALLOWED...; then `wants TOOL`.
declare -A WANT=()
parse_tools() {
  local list=$1 t a ok
  shift
  IFS=',' read -r -a tool_list <<<"$list"
  for t in "${tool_list[@]}"; do
    ok=0
    for a in "$@"; do [[ $t == "$a" ]] && ok=1; done
    [[ $ok -eq 1 ]] || die "unknown tool in --tools: $t"
    WANT[$t]=1
  done
}
wants() { [[ -n ${WANT[$1]:-} ]]; }

# Debian packages only when missing (install_missing PACKAGE...), then
# DuckDB from npm into WORK_DIR when it is wanted.
install_missing() {
  if [[ $# -gt 0 ]]; then
    [[ $(id -u) -eq 0 ]] || die "missing packages (install as root): $*"
    note "installing $*"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
  fi
  if wants duckdb && [[ ! -f $WORK_DIR/node_modules/@duckdb/node-api/package.json ]]; then
    note "npm install @duckdb/node-api@$DUCKDB_NODE_API_VERSION into $WORK_DIR"
    npm install --prefix "$WORK_DIR" --no-audit --no-fund --loglevel=error \
      "@duckdb/node-api@$DUCKDB_NODE_API_VERSION" >&2
  fi
}

# Compiles the meson tree in BUILD_DIR (unless --no-build) and sets
# BUILD_TYPE from it.
build_tree() {
  BUILD_TYPE="unknown"
  if [[ -f $BUILD_DIR/build.ninja ]]; then
    if [[ $DO_BUILD -eq 1 ]]; then
      note "meson compile -C $BUILD_DIR"
      meson compile -C "$BUILD_DIR" >"$WORK_DIR/logs/meson-compile.log" 2>&1 ||
        note "WARNING: meson compile failed (see $WORK_DIR/logs/meson-compile.log);" \
          "existing binaries may be stale"
    fi
    BUILD_TYPE=$(meson introspect --buildoptions "$BUILD_DIR" 2>/dev/null |
      /usr/bin/python3 -c 'import json, sys
print(next((o["value"] for o in json.load(sys.stdin) if o["name"] == "buildtype"), "unknown"))' \
      2>/dev/null || echo unknown)
  fi
}

# The events CSV of ROWS rows and SEED, generated once (gen-events from the
# build, else compiled with cc), written under a temporary name and renamed
# so that an interrupted run never leaves a truncated file behind; sets CSV.
events_csv() {
  local gen="$BUILD_DIR/bench/gen-events"
  if [[ ! -x $gen || $gen -ot $BENCH_DIR/gen-events.c ]]; then
    gen="$WORK_DIR/gen-events"
    if [[ ! -x $gen || $gen -ot $BENCH_DIR/gen-events.c ]]; then
      note "building gen-events with cc (not found in $BUILD_DIR/bench)"
      cc -O2 -o "$gen" "$BENCH_DIR/gen-events.c"
    fi
  fi
  CSV="$WORK_DIR/events-$ROWS-s$SEED.csv"
  if [[ ! -f $CSV ]]; then
    note "generating $ROWS rows into $CSV"
    "$gen" "$ROWS" "$SEED" "$CSV.tmp"
    mv "$CSV.tmp" "$CSV"
  else
    note "reusing $CSV"
  fi
}

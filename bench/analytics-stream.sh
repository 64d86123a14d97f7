#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Streaming an analytics dump: `touchstone-cli inspect` on Segment-style
# NDJSON of growing size, to show that the analytics plugin reads in
# constant memory and that peak RSS grows only with what the dataset keeps.
# For each size it measures two files of that size, written by gen-segment.c:
#
#   segment  realistic calls (track, page, screen, identify; anonymous ids
#            stitched to users): memory grows with the rows kept
#   dup      one call written again and again: every line is read and
#            parsed, one row is kept; memory shows what reading costs
#
# See bench/README.md, "Streaming an analytics dump".

set -euo pipefail

usage() {
  cat <<'EOF'
usage: bench/analytics-stream.sh [--sizes LIST] [--build-dir DIR] [--work-dir DIR] [options]

  --sizes LIST     comma-separated file sizes, with an optional K, M or G suffix
                   (powers of 10)                      (default 100M,1G)
  --build-dir DIR  meson build directory               (default ./build)
  --work-dir DIR   generated files, logs, results      (default bench/.work)
  --seed N         generator seed                      (default 42)
  --cases LIST     comma-separated subset of: segment,dup (default: both)
  --keep           keep the generated files (they are removed after use)
  -h, --help       show this help
EOF
}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$BENCH_DIR")

SIZES="100M,1G"
BUILD_DIR="$ROOT_DIR/build"
WORK_DIR="$BENCH_DIR/.work"
SEED=42
CASES="segment,dup"
KEEP=0

die() { echo "analytics-stream.sh: $*" >&2; exit 1; }
note() { echo "==> $*" >&2; }
abspath() { [[ $1 == /* ]] && echo "$1" || echo "$PWD/$1"; }
need_arg() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs an argument"; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --sizes) need_arg "$@"; SIZES=$2; shift 2 ;;
    --build-dir) need_arg "$@"; BUILD_DIR=$(abspath "$2"); shift 2 ;;
    --work-dir) need_arg "$@"; WORK_DIR=$(abspath "$2"); shift 2 ;;
    --seed) need_arg "$@"; SEED=$2; shift 2 ;;
    --cases) need_arg "$@"; CASES=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

bytes_of() {
  local s=$1
  case $s in
    *K) echo $(( ${s%K} * 1000 )) ;;
    *M) echo $(( ${s%M} * 1000000 )) ;;
    *G) echo $(( ${s%G} * 1000000000 )) ;;
    *[0-9]) echo "$s" ;;
    *) die "bad size: $s" ;;
  esac
}

CLI="$BUILD_DIR/src/cli/touchstone-cli"
[[ -x $CLI ]] || die "$CLI is not built (meson setup $BUILD_DIR && ninja -C $BUILD_DIR)"
[[ -d $BUILD_DIR/plugins/analytics ]] || die "the analytics plugin is not built in $BUILD_DIR/plugins"

if [[ ! -x /usr/bin/time ]]; then
  note "installing GNU time"
  apt-get install -y time >/dev/null || die "GNU time (/usr/bin/time) is needed"
fi
command -v python3 >/dev/null || die "python3 is needed to read inspect's JSON"

mkdir -p "$WORK_DIR/logs"

GEN="$BUILD_DIR/bench/gen-segment"
if [[ ! -x $GEN ]]; then
  GEN="$WORK_DIR/gen-segment"
  if [[ ! -x $GEN || $BENCH_DIR/gen-segment.c -nt $GEN ]]; then
    note "building gen-segment into $WORK_DIR"
    cc -O2 -o "$GEN" "$BENCH_DIR/gen-segment.c"
  fi
fi

BUILD_TYPE=$(meson introspect --buildoptions "$BUILD_DIR" 2>/dev/null |
  python3 -c 'import json, sys; print([o["value"] for o in json.load(sys.stdin) if o["name"] == "buildtype"][0])' \
  2>/dev/null || true)

RESULTS="$WORK_DIR/analytics-stream-results.md"
{
  echo "Build: ${BUILD_TYPE:-unknown} ($BUILD_DIR); $(nproc) cores; $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo
  echo "| case | file MB | records | events kept | customers | dropped (dup / no id / unparseable) | wall s | MB/s | peak RSS MB | dataset MB |"
  echo "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
} > "$RESULTS"
cat "$RESULTS"

IFS=, read -r -a size_list <<< "$SIZES"
IFS=, read -r -a case_list <<< "$CASES"
for size in "${size_list[@]}"; do
  bytes=$(bytes_of "$size")
  for c in "${case_list[@]}"; do
    case $c in
      segment) flag="" ;;
      dup) flag="--duplicates" ;;
      *) die "unknown case: $c" ;;
    esac
    file="$WORK_DIR/$c-$size-s$SEED.ndjson"
    if [[ ! -f $file ]]; then
      note "generating $file"
      "$GEN" "$bytes" "$SEED" "$file" $flag
    fi
    cat "$file" > /dev/null   # into the page cache, as for every tool in run.sh
    log="$WORK_DIR/logs/inspect-$c-$size.json"
    note "inspect $file"
    /usr/bin/time -f '%e %M' -o "$WORK_DIR/logs/time-$c-$size" \
      env TOUCHSTONE_PLUGIN_PATH="$BUILD_DIR/plugins" "$CLI" inspect -q --json "$file" > "$log"
    read -r wall rss_kb < "$WORK_DIR/logs/time-$c-$size"
    python3 - "$log" "$file" "$c" "$wall" "$rss_kb" >> "$RESULTS" <<'EOF'
import json, os, sys
log, path, case, wall, rss_kb = sys.argv[1:]
d = json.load(open(log))
src = d["sources"][0]
size = os.path.getsize(path)
tables = d["tables"]
dr = src.get("dropped", {})
print("| %s | %.0f | %d | %d | %d | %d / %d / %d | %.2f | %.1f | %.0f | %.1f |" % (
    case, size / 1e6, src["records"], tables["events"]["rows"], tables["customers"]["rows"],
    dr.get("duplicate", 0), dr.get("no_identity", 0), dr.get("unparseable", 0),
    float(wall), size / 1e6 / max(float(wall), 0.01), int(rss_kb) * 1024 / 1e6,
    d.get("memory_bytes", 0) / 1e6))
EOF
    tail -n 1 "$RESULTS"
    [[ $KEEP == 1 ]] || rm -f "$file"
  done
done

note "results in $RESULTS"

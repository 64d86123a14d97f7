#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# tests/fuzz/run.sh [--seconds N] [NAME…]: builds the libFuzzer harnesses with
# clang, AddressSanitizer and UndefinedBehaviorSanitizer in their own build
# directory ($FUZZ_BUILDDIR, else _build-fuzz at the top of the tree) and runs
# each (or those named: analytics, csv, expr, playbook, salesforce) for N
# seconds, 60 unless given, one after the other on one core.  What a run
# finds is kept in the build directory's tests/fuzz/work-NAME/corpus for the
# next; a crash leaves its input in tests/fuzz/work-NAME/ and fails the run.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${FUZZ_BUILDDIR:-$top/_build-fuzz}
seconds=60
names=()

while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --seconds=*) seconds=${1#--seconds=}; shift ;;
    -h|--help) sed -n '3,11p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) names+=("$1"); shift ;;
  esac
done

if ! command -v clang >/dev/null || ! command -v clang++ >/dev/null; then
  echo "run.sh: clang and clang++ are needed (Debian: apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi

if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ meson setup "$build" "$top" -Dfuzzing=true -Dgui=false \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug >/dev/null
fi
meson compile -C "$build" >/dev/null

tests=()
for name in "${names[@]+"${names[@]}"}"; do
  tests+=("fuzz-$name")
done

FUZZ_SECONDS=$seconds meson test -C "$build" --suite fuzz --print-errorlogs \
  "${tests[@]+"${tests[@]}"}"

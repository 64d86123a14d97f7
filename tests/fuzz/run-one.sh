#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-one.sh HARNESS SEED-CORPUS WORK-DIR: runs a libFuzzer harness for
# $FUZZ_SECONDS seconds (60 unless set) on one core, from the seed corpus
# and what earlier runs in WORK-DIR found.  Fails on a crash, a leak,
# undefined behaviour, a timeout (10 s for one input) or more than 2 GB of
# memory; the input is left in WORK-DIR/crash-* (or leak-*, timeout-*, oom-*).
set -eu

harness=$1
seeds=$2
work=$3
seconds=${FUZZ_SECONDS:-60}

mkdir -p "$work/corpus"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

exec "$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$seeds"

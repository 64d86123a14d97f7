#!/bin/sh
# test-install.sh — an installed Touchstone needs no set-up: `meson install`
# into a staging folder (a prefix the build was not configured for), then the
# installed touchstone-cli, with no Touchstone variable in its environment,
# finds its library, its plugins, the bundled demo and its message catalogs,
# and reads the demo.
#
#   test-install.sh BUILDDIR
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
builddir=$1
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

meson install -C "$builddir" --no-rebuild --quiet --destdir "$stage" >/dev/null
cli=$(find "$stage" -path '*/bin/touchstone-cli' -type f | head -n 1)
if [ -z "$cli" ]; then
  echo "no bin/touchstone-cli under the staging folder" >&2
  exit 1
fi

# only what any shell has: no TOUCHSTONE_*, no LD_LIBRARY_PATH
out=$(env -i PATH=/usr/bin:/bin HOME="$stage" LC_ALL=C.UTF-8 "$cli" inspect --demo)
for want in "customers" "salesforce" "analytics" "nps.csv"; do
  if ! printf '%s\n' "$out" | grep -q "$want"; then
    echo "the installed touchstone-cli's report of the demo lacks “$want”:" >&2
    printf '%s\n' "$out" >&2
    exit 1
  fi
done
env -i PATH=/usr/bin:/bin HOME="$stage" LC_ALL=C.UTF-8 "$cli" score --demo --json >/dev/null

# the installed catalogs: under LANGUAGE=de the help is German
help=$(env -i PATH=/usr/bin:/bin HOME="$stage" LC_ALL=C.UTF-8 LANGUAGE=de "$cli" score --help)
if ! printf '%s\n' "$help" | grep -q "Bewertet jeden Kunden"; then
  echo "the installed touchstone-cli does not find its German catalog:" >&2
  printf '%s\n' "$help" >&2
  exit 1
fi
echo "ok: $cli reads the demo with its own plugins"

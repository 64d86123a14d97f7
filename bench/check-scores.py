#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that scorers agree: every customer in every file, the same score
# to within TOLERANCE, the same band, and the same raw value of every
# signal column (NAME_raw) the files share (empty = never, on both sides).
#
# Usage: /usr/bin/python3 bench/check-scores.py [--tolerance T] A.csv B.csv [C.csv …]
#        /usr/bin/python3 bench/check-scores.py --routes A.csv B.csv [C.csv …]
# Each file: a header with customer_id, score, band and optionally NAME_raw
# (or raw_NAME, as export-sql names them) columns (touchstone-cli score --csv
# writes more; they are ignored). A is compared with each of the others.
# With --routes, only the route column of each file is compared (touchstone-cli
# decide --csv against export-sql's rows). Prints one line per pair; exits 1
# at the first difference, naming the customer and both values.

import csv
import math
import sys


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        try:
            ic, isc, ib = header.index("customer_id"), header.index("score"), header.index("band")
        except ValueError:
            raise SystemExit(f"check-scores: {path}: needs customer_id, score and band columns")
        raw_cols = {h[: -len("_raw")]: i for i, h in enumerate(header) if h.endswith("_raw")}
        raw_cols.update({h[len("raw_"):]: i for i, h in enumerate(header) if h.startswith("raw_")})
        rows = {}
        for line, r in enumerate(reader, start=2):
            cid = r[ic]
            if cid in rows:
                raise SystemExit(f"check-scores: {path}:{line}: customer {cid} twice")
            raws = {k: (float(r[i]) if r[i] != "" else math.nan) for k, i in raw_cols.items()}
            rows[cid] = (float(r[isc]), r[ib], raws)
    return rows, set(raw_cols)


def same(a, b, tol):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= tol


def compare(pa, a, pb, b, signals, tol):
    missing = sorted(set(a) - set(b))
    extra = sorted(set(b) - set(a))
    if missing:
        return f"{len(missing)} customers of {pa} missing from {pb}, first {missing[0]}"
    if extra:
        return f"{len(extra)} customers of {pb} not in {pa}, first {extra[0]}"
    max_diff = 0.0
    for cid in sorted(a):
        sa, ba, ra = a[cid]
        sb, bb, rb = b[cid]
        if not same(sa, sb, tol):
            return f"customer {cid}: score {sa!r} in {pa}, {sb!r} in {pb} (difference {abs(sa - sb):.3g})"
        if ba != bb:
            return f"customer {cid}: band {ba} in {pa}, {bb} in {pb} (scores {sa!r}, {sb!r})"
        for s in signals:
            if not same(ra[s], rb[s], tol):
                return f"customer {cid}: {s}_raw {ra[s]!r} in {pa}, {rb[s]!r} in {pb}"
        max_diff = max(max_diff, abs(sa - sb))
    print(f"{pa} = {pb}: {len(a)} customers, scores within {max_diff:.3g}, same bands"
          + (f", same raw {', '.join(sorted(signals))}" if signals else ""))
    return None


def load_routes(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        try:
            ic, ir = header.index("customer_id"), header.index("route")
        except ValueError:
            raise SystemExit(f"check-scores: {path}: needs customer_id and route columns")
        return {r[ic]: r[ir] for r in reader}


def compare_routes(paths):
    first = load_routes(paths[0])
    for other in paths[1:]:
        rows = load_routes(other)
        if set(rows) != set(first):
            diff = sorted(set(rows) ^ set(first))
            print(f"check-scores: MISMATCH: {len(diff)} customers in only one of {paths[0]} and {other}, "
                  f"first {diff[0]}", file=sys.stderr)
            return 1
        for cid in sorted(first):
            if first[cid] != rows[cid]:
                print(f"check-scores: MISMATCH: customer {cid}: route {first[cid]} in {paths[0]}, "
                      f"{rows[cid]} in {other}", file=sys.stderr)
                return 1
        print(f"{paths[0]} = {other}: {len(first)} customers, same routes")
    return 0


def main() -> int:
    args = sys.argv[1:]
    if len(args) >= 3 and args[0] == "--routes":
        return compare_routes(args[1:])
    tol = 1e-9
    if len(args) >= 2 and args[0] == "--tolerance":
        tol = float(args[1])
        args = args[2:]
    if len(args) < 2:
        print("usage: check-scores.py [--tolerance T] A.csv B.csv [C.csv …]", file=sys.stderr)
        return 2
    first, first_signals = load(args[0])
    for other in args[1:]:
        rows, signals = load(other)
        problem = compare(args[0], first, other, rows, first_signals & signals, tol)
        if problem:
            print(f"check-scores: MISMATCH: {problem}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

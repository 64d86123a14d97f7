#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reference loader: pandas (Debian's python3-pandas, C parser).
# Loads the whole events CSV into a DataFrame, converts the timestamp column
# with to_datetime(utc=True) and prints the row count.
#
# Usage: /usr/bin/python3 bench/ref-pandas.py FILE.csv

import sys

import pandas as pd


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: ref-pandas.py FILE.csv", file=sys.stderr)
        return 2
    df = pd.read_csv(sys.argv[1])
    # No explicit format: pandas then takes its fast ISO 8601 path, which is
    # several times faster than the strptime path a format with a literal
    # "Z" would select in pandas 1.5.
    df["timestamp"] = pd.to_datetime(df["timestamp"], utc=True)
    assert str(df["timestamp"].dtype) == "datetime64[ns, UTC]", df.dtypes
    print(f"rows: {len(df)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

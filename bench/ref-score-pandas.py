#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reference scorer: pandas (Debian's python3-pandas). Scores every customer of
# an events CSV (customer_id,event,timestamp,…, as gen-events writes it) with
# the default playbook, data/playbook/default.json, written from the playbook's
# documented semantics (docs/playbook.md), not from the C code:
#
#   as of T = the midnight (UTC) after the latest event; only events strictly
#   before T are seen. Per customer and signal, the events in [T - window, T)
#   that pass the filter are measured, each weighing 0.5^(age / half_life) when
#   the signal decays: count (weighted), exists, sum, rate, recency (days since
#   the latest; none = "never", which normalises to 1). Normalised to 0..1 by
#   cap (raw / cap), log (log(1+raw) / log(1+cap)) or minmax, clamped. Score =
#   100 · Σ wᵢ·vᵢ / Σ wᵢ; the band is the last whose min the score reaches.
#   Signals over other tables (cases, responses) have no records in an events
#   file: their raw value is 0 (recency: never). Every customer id in the file
#   is scored; rows without a customer id or a readable time are skipped.
#
# Windows, half-lives, normalisation, weights and bands are read from the
# playbook file; filters are not parsed (that would be a second condition
# language): each event signal's filter must be one this script knows, or it
# stops. Vectorised: customer ids factorised to codes once, then per signal a
# mask over the columns and a grouped sum (np.bincount over the codes) or max.
#
# Usage: /usr/bin/python3 bench/ref-score-pandas.py FILE.csv PLAYBOOK.json OUT.csv
# Writes customer_id,score,band,<signal>_raw for every event signal to OUT.csv
# and prints the customers, the moment and the time each step took.

import json
import re
import sys
import time

import numpy as np
import pandas as pd

DAY_US = 86_400 * 1_000_000
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}

# The filters of the default playbook's event signals, as event-name sets.
KNOWN_FILTERS = {
    'name in ["login_failed", "error"]': ["login_failed", "error"],
    'name == "help_article_viewed"': ["help_article_viewed"],
    'name == "feature_used"': ["feature_used"],
    'name == "login"': ["login"],
}


def duration_us(text):
    if text is None:
        return 0
    m = re.fullmatch(r"(\d+)([smhdw])", text)
    if not m:
        raise SystemExit(f"ref-score-pandas: unsupported duration {text!r}")
    return int(m.group(1)) * UNITS[m.group(2)] * 1_000_000


def normalise(norm, raw):
    """raw: float array, NaN = never; returns values clamped to 0..1."""
    kind = norm["kind"]
    with np.errstate(divide="ignore", invalid="ignore"):
        if kind == "cap":
            v = raw / float(norm["cap"])
        elif kind == "log":
            v = np.log1p(np.maximum(raw, 0.0)) / np.log1p(float(norm["cap"]))
        elif kind == "minmax":
            lo, hi = float(norm["min"]), float(norm["max"])
            v = (raw - lo) / (hi - lo)
        else:
            raise SystemExit(f"ref-score-pandas: unknown normalisation {kind!r}")
    v = np.clip(v, 0.0, 1.0)
    return np.where(np.isnan(raw), 1.0, v)


def main() -> int:
    if len(sys.argv) != 4:
        print("usage: ref-score-pandas.py FILE.csv PLAYBOOK.json OUT.csv", file=sys.stderr)
        return 2
    path, playbook_path, out_path = sys.argv[1:]
    with open(playbook_path, encoding="utf-8") as f:
        playbook = json.load(f)

    t0 = time.perf_counter()
    # Only the columns the playbook reads, as text ("NA" is an id like any
    # other, an empty cell is empty).
    df = pd.read_csv(
        path,
        usecols=["customer_id", "event", "timestamp"],
        dtype=str,
        keep_default_na=False,
    )
    # No explicit format: pandas' fast ISO 8601 path (see ref-pandas.py).
    ts = pd.to_datetime(df["timestamp"], utc=True, errors="coerce")
    t1 = time.perf_counter()

    # a row without a customer id or a readable time is skipped (as the CSV
    # import does: it warns and reads on)
    keep = (df["customer_id"] != "").to_numpy() & ts.notna().to_numpy()
    codes, customer_ids = pd.factorize(df["customer_id"][keep])
    n_customers = len(customer_ids)
    event, event_names = pd.factorize(df["event"][keep])
    event_names = list(event_names)
    t_ns = ts.to_numpy(dtype="datetime64[ns]")[keep]
    valid = ~np.isnat(t_ns)
    t_us = np.where(valid, t_ns.view("int64") // 1000, np.iinfo(np.int64).min)
    latest = t_us[valid].max()
    as_of = (latest // DAY_US + 1) * DAY_US  # floor division: midnight after
    seen = valid & (t_us < as_of)

    signals = playbook["signals"]
    weights = playbook["score"]["weights"]
    total = 0.0
    for s in signals:  # the weights' sum, in the playbook's order
        total += float(weights.get(s["id"], 0))

    score = np.zeros(n_customers)
    raws = {}
    for s in signals:
        sid, measure = s["id"], s["measure"]
        w_s = float(weights.get(sid, 0))
        if s["table"] != "events":
            raw = np.full(n_customers, np.nan if measure == "recency" else 0.0)
        else:
            names = KNOWN_FILTERS.get(s.get("filter"))
            if names is None:
                raise SystemExit(f"ref-score-pandas: signal {sid}: filter {s.get('filter')!r} not implemented")
            wanted = [event_names.index(n) for n in names if n in event_names]
            window = duration_us(s.get("window"))
            half_life = duration_us(s.get("half_life"))
            mask = seen & np.isin(event, wanted)
            if window:
                mask &= t_us >= as_of - window
            c = codes[mask]
            age = (as_of - t_us[mask]).astype(np.float64)
            w = np.exp2(-age / float(half_life)) if half_life else np.ones(len(c))
            if measure == "count":
                raw = np.bincount(c, weights=w, minlength=n_customers)
            elif measure == "exists":
                raw = (np.bincount(c, minlength=n_customers) > 0).astype(np.float64)
            elif measure == "rate":
                raw = np.bincount(c, weights=w, minlength=n_customers) / (window / DAY_US)
            elif measure == "recency":
                last = pd.Series(t_us[mask]).groupby(c).max()
                raw = np.full(n_customers, np.nan)
                raw[last.index.to_numpy()] = (as_of - last.to_numpy()) / DAY_US
            else:
                # sum needs a numeric field; the default playbook has none
                raise SystemExit(f"ref-score-pandas: signal {sid}: measure {measure!r} not implemented")
            raws[sid] = raw
        value = normalise(s["normalise"], raw)
        score = score + 100.0 * w_s * value / total

    bands = playbook["score"]["bands"]
    mins = np.array([float(b["min"]) for b in bands])
    band_index = np.searchsorted(mins, score, side="right") - 1
    band = np.array([b["id"] for b in bands], dtype=object)[np.maximum(band_index, 0)]
    t2 = time.perf_counter()

    out = pd.DataFrame({"customer_id": customer_ids, "score": score, "band": band})
    for sid, raw in raws.items():
        out[f"{sid}_raw"] = raw
    out.to_csv(out_path, index=False)
    t3 = time.perf_counter()

    print(f"rows: {len(df)}")  # read, with or without a customer id
    print(f"customers: {n_customers}")
    print(f"as of: {pd.Timestamp(as_of, unit='us', tz='UTC').isoformat()}")
    print(f"read {t1 - t0:.2f} s, score {t2 - t1:.2f} s, write {t3 - t2:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

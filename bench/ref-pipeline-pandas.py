#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The pandas reference of bench/pipeline.sh: the same exports `touchstone-cli
# demo` writes, read and scored as the benchmark's workspace scores them —
# customers joined by e-mail, the default playbook (data/playbook/default.json)
# as of the midnight (UTC) after the latest record — written from the
# playbook's documented semantics (docs/playbook.md), not from the C code:
#
#   import   the Salesforce zip (Contact, Case, Task), the Segment archive
#            (identify calls for the e-mail, track calls for the events), the
#            NPS file; e-mail to the Contact's id for Segment users and answers
#   score    each signal (count with half-life, exists, count, log, recency),
#            normalised, weighted, the band
#   route    the playbook's routes in order, the first that holds
#
# Guardrails, decisions past the route and outcomes are not written here.
# Reads the signals, windows, weights and bands from the playbook file and
# stops on any construct it does not know. Prints the seconds of each step as
# JSON ({"import": s, "score": s, "route": s, "customers": n, "events": n}) and
# writes customer_id, score, band, route and raw_ID per signal to OUT.
#
# Usage: /usr/bin/python3 bench/ref-pipeline-pandas.py DEMO_DIR PLAYBOOK.json OUT.csv

import glob
import json
import math
import os
import re
import sys
import time
import zipfile

import numpy as np
import pandas as pd

DAY_US = 86400 * 1_000_000


def duration_us(text):
    m = re.fullmatch(r"(\d+)([dh])", text)
    if not m:
        raise SystemExit(f"ref-pipeline-pandas: unknown duration {text!r}")
    return int(m.group(1)) * (DAY_US if m.group(2) == "d" else 3600 * 1_000_000)


def to_us(series):
    """ISO 8601 UTC text to microseconds since the epoch (NaT: NaN)."""
    t = pd.to_datetime(series, utc=True)
    us = t.astype("int64") // 1000
    return us.where(t.notna())


def main():
    if len(sys.argv) != 4:
        print("usage: ref-pipeline-pandas.py DEMO_DIR PLAYBOOK.json OUT.csv", file=sys.stderr)
        return 2
    demo, playbook_path, out = sys.argv[1:]
    playbook = json.load(open(playbook_path, encoding="utf-8"))

    # ------------------------------------------------------------------ import
    t0 = time.monotonic()
    zip_path = glob.glob(os.path.join(demo, "WE_*.ZIP"))[0]
    with zipfile.ZipFile(zip_path) as z:
        contacts = pd.read_csv(z.open("Contact.csv"), usecols=["Id", "Email"], dtype=str)
        cases = pd.read_csv(z.open("Case.csv"), usecols=["ContactId", "Priority", "CreatedDate", "ClosedDate"],
                            dtype=str)
        tasks = pd.read_csv(z.open("Task.csv"), usecols=["WhoId", "CreatedDate"], dtype=str)
    # the workspace's identity is the e-mail: it names the customer
    contacts["customer"] = contacts["Email"].str.lower()
    customer_of_email = pd.Series(contacts["customer"].values, index=contacts["customer"].values)
    customer_of_contact = pd.Series(contacts["customer"].values, index=contacts["Id"].values)

    # the Segment archive: identify calls tie a user to an e-mail; track calls are events
    users, events = [], []
    for chunk in pd.read_json(os.path.join(demo, "segment-events.jsonl.gz"), lines=True, chunksize=500_000,
                              compression="gzip", dtype=False):
        ident = chunk[chunk["type"] == "identify"]
        if len(ident):
            users.append(pd.DataFrame({"user": ident["userId"].values,
                                       "email": [t.get("email") if isinstance(t, dict) else None
                                                 for t in ident["traits"]]}))
        track = chunk[(chunk["type"] == "track") & chunk["userId"].notna()]
        events.append(pd.DataFrame({"user": track["userId"].values, "name": track["event"].values,
                                    "at": track["timestamp"].values}))
    users = pd.concat(users).dropna().drop_duplicates("user")
    customer_of_user = pd.Series(customer_of_email.reindex(users["email"].str.lower()).values,
                                 index=users["user"].values)
    events = pd.concat(events, ignore_index=True)
    events["customer"] = customer_of_user.reindex(events["user"]).values
    events = events[events["customer"].notna()]
    events["at"] = to_us(events["at"])

    nps = pd.read_csv(os.path.join(demo, "nps.csv"), usecols=["email", "submitted_at", "nps"],
                      dtype={"email": str, "submitted_at": str})
    nps["customer"] = customer_of_email.reindex(nps["email"].str.lower()).values
    nps["at"] = to_us(nps["submitted_at"])

    cases["customer"] = customer_of_contact.reindex(cases["ContactId"]).values
    cases["opened"] = to_us(cases["CreatedDate"])
    cases["closed"] = to_us(cases["ClosedDate"])
    tasks["at"] = to_us(tasks["CreatedDate"])
    t1 = time.monotonic()

    # ------------------------------------------------------------------- score
    latest = max(events["at"].max(), cases["opened"].max(), tasks["at"].max(), nps["at"].max())
    as_of = (int(latest) // DAY_US + 1) * DAY_US
    customers = pd.Index(contacts["customer"].unique())
    tables = {
        "events": events.rename(columns={"at": "t"}),
        "cases": cases.rename(columns={"opened": "t"}),
        "responses": nps.rename(columns={"at": "t", "nps": "score"}),
    }

    def filtered(table, flt):
        df = tables[table]
        df = df[df["t"] < as_of]
        if flt is None:
            return df
        m = re.fullmatch(r'name in \[(.*)\]', flt) or re.fullmatch(r'name == (".*")', flt)
        if m:
            names = json.loads("[" + m.group(1) + "]")
            return df[df["name"].isin(names)]
        m = re.fullmatch(r'open and priority in \[(.*)\]', flt)
        if m and table == "cases":
            prios = json.loads("[" + m.group(1) + "]")
            still_open = df["closed"].isna() | (df["closed"] >= as_of)
            return df[still_open & df["Priority"].isin(prios)]
        m = re.fullmatch(r"score <= (\d+)", flt)
        if m and table == "responses":
            return df[df["score"] <= int(m.group(1))]
        raise SystemExit(f"ref-pipeline-pandas: unknown filter {flt!r}")

    raw, value = {}, {}
    for s in playbook["signals"]:
        df = filtered(s["table"], s.get("filter"))
        if "window" in s:
            df = df[df["t"] >= as_of - duration_us(s["window"])]
        measure = s["measure"]
        if measure == "count" and "half_life" in s:
            w = np.power(2.0, -(as_of - df["t"].to_numpy(dtype=float)) / duration_us(s["half_life"]))
            r = pd.Series(w, index=df.index).groupby(df["customer"]).sum()
        elif measure == "count":
            r = df.groupby("customer").size().astype(float)
        elif measure == "exists":
            r = df.groupby("customer").size().clip(upper=1).astype(float)
        elif measure == "recency":
            r = (as_of - df.groupby("customer")["t"].max()) / DAY_US
        else:
            raise SystemExit(f"ref-pipeline-pandas: unknown measure {measure!r}")
        r = r.reindex(customers)
        if measure != "recency":
            r = r.fillna(0.0)
        n = s["normalise"]
        if n["kind"] == "cap":
            v = (r / n["cap"]).clip(0, 1)
        elif n["kind"] == "log":
            v = (np.log1p(r.clip(lower=0)) / math.log1p(n["cap"])).clip(0, 1)
        elif n["kind"] == "minmax":
            v = ((r - n["min"]) / (n["max"] - n["min"])).clip(0, 1).fillna(1.0)
        else:
            raise SystemExit(f"ref-pipeline-pandas: unknown normalisation {n['kind']!r}")
        raw[s["id"]], value[s["id"]] = r, v

    weights = playbook["score"]["weights"]
    total = sum(weights.values())
    score = pd.Series(0.0, index=customers)
    for s in playbook["signals"]:
        score = score + 100.0 * weights.get(s["id"], 0.0) * value[s["id"]] / total
    band = pd.Series(playbook["score"]["bands"][0]["id"], index=customers)
    for b in playbook["score"]["bands"]:
        band[score >= b["min"]] = b["id"]
    t2 = time.monotonic()

    # ------------------------------------------------------------------- route
    def condition(text):
        """A route's condition, of comparisons of normalised values joined by and/or."""
        if text is None:
            return pd.Series(True, index=customers)
        for op, join in ((" or ", np.logical_or), (" and ", np.logical_and)):
            if op in text:
                parts = text.split(op)
                result = condition(parts[0])
                for p in parts[1:]:
                    result = join(result, condition(p))
                return result
        m = re.fullmatch(r'band == "(\w+)"', text)
        if m:
            return band == m.group(1)
        m = re.fullmatch(r"(\w+) (>=|<=|>|<|==) ([0-9.]+)", text)
        if m and m.group(1) in value:
            v, x = value[m.group(1)], float(m.group(3))
            return {">=": v >= x, "<=": v <= x, ">": v > x, "<": v < x, "==": v == x}[m.group(2)]
        raise SystemExit(f"ref-pipeline-pandas: unknown condition {text!r}")

    route = pd.Series(None, index=customers, dtype=object)
    for r in playbook["routes"]:
        holds = condition(r.get("when")) & condition(r.get("readiness"))
        route[route.isna() & holds] = r["id"]
    t3 = time.monotonic()

    result = pd.DataFrame({"customer_id": customers, "score": score.values, "band": band.values,
                           "route": route.values})
    for s in playbook["signals"]:
        result["raw_" + s["id"]] = raw[s["id"]].values
    result.sort_values("customer_id").to_csv(out, index=False, float_format="%.17g")
    print(json.dumps({"import": t1 - t0, "score": t2 - t1, "route": t3 - t2,
                      "customers": len(customers), "events": len(events)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the analytics-plugin fixtures in this folder, from the record shapes
# documented in shared/FORMATS.md (sections 3-7).  The outputs are committed;
# run this again only to change them (the bytes are deterministic: gzip and
# zip times are fixed).  tests/plugins/test-analytics-plugin.c checks the
# counts, times and ids written here: keep the two in step.

import gzip
import io
import json
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def line(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def write(name, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        for l in lines:
            f.write(l + "\n")


def gz(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def write_bytes(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def write_zip(name, entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for entry, data, method in entries:
            info = zipfile.ZipInfo(entry, date_time=(2024, 3, 2, 1, 0, 0))
            info.compress_type = method
            z.writestr(info, data)
    write_bytes(name, buf.getvalue())


# ---------------------------------------------------------------------------
# Segment (S3 archive lines): 17 records on 18 lines (line 13 is empty)

segment = [
    # 1 identify: traits to customers, anonymousId aliased to u_1
    line({"type": "identify", "messageId": "m-1", "userId": "u_1", "anonymousId": "anon-1",
          "traits": {"email": "ana@example.com", "firstName": "Ana", "lastName": "Souza", "plan": "pro",
                     "createdAt": "2023-01-02T09:00:00Z", "company": {"id": "acme", "name": "Acme"}},
          "timestamp": "2023-01-15T10:20:00.000Z"}),
    # 2 track, identified, web (analytics.js), revenue
    line({"type": "track", "messageId": "m-2", "userId": "u_1", "anonymousId": "anon-1",
          "event": "Order Completed", "properties": {"revenue": 49.9, "currency": "EUR", "items": ["a", "b"]},
          "context": {"library": {"name": "analytics.js", "version": "2.11.1"}},
          "timestamp": "2023-01-15T10:22:31.905Z", "receivedAt": "2023-01-15T10:22:32.101Z"}),
    # 3 track, userId null: anonymous, stitched to u_1; ios by device type
    line({"type": "track", "messageId": "m-3", "userId": None, "anonymousId": "anon-1",
          "event": "Pricing Viewed", "properties": {"tier": "pro"},
          "context": {"device": {"type": "ios"}}, "timestamp": "2023-01-15T10:21:00Z"}),
    # 4 page, userId "": anonymous, stitched to u_1
    line({"type": "page", "messageId": "ajs-next-3f2b", "userId": "", "anonymousId": "anon-1",
          "name": "Pricing", "category": "Docs",
          "properties": {"path": "/pricing", "url": "https://example.com/pricing"},
          "context": {"userAgent": "Mozilla/5.0"}, "timestamp": "2023-01-15T10:23:00.000Z"}),
    # 5 userId as a number; server library
    line({"type": "track", "messageId": "m-5", "userId": 5674864, "event": "Invoice Paid",
          "properties": {"value": 12}, "context": {"library": {"name": "analytics-node"}},
          "timestamp": "2023-01-16T08:00:00Z"}),
    # 6 never identified anywhere: dropped at finish as no_identity
    line({"type": "track", "messageId": "m-6", "anonymousId": "anon-never", "event": "Pricing Viewed",
          "timestamp": "2023-01-16T09:00:00Z"}),
    # 7 no id at all: no_identity (plugin)
    line({"type": "track", "messageId": "m-7", "userId": None, "anonymousId": "", "event": "Pricing Viewed",
          "timestamp": "2023-01-16T09:30:00Z"}),
    # 8 screen, android by os
    line({"type": "screen", "messageId": "m-8", "userId": "u_2", "name": "Home",
          "context": {"os": {"name": "Android", "version": "14"}}, "timestamp": "2023-01-17T07:00:00Z"}),
    # 9 not JSON: unparseable
    '{"type":"track","userId":"u_1",',
    # 10 unreadable time: unparseable at $.timestamp
    line({"type": "track", "messageId": "m-10", "userId": "u_1", "event": "Pricing Viewed",
          "timestamp": "yesterday"}),
    # 11 same messageId as line 2: duplicate
    line({"type": "track", "messageId": "m-2", "userId": "u_1", "anonymousId": "anon-1",
          "event": "Order Completed", "properties": {"revenue": 49.9},
          "timestamp": "2023-01-15T10:22:31.905Z"}),
    # 12 a Mixpanel record among Segment records: unparseable
    line({"event": "Signed up", "properties": {"time": 1602611311, "distinct_id": "x",
                                               "$insert_id": "hpuDqcvpltpCjBsebtxwadtEBDnFAdycabFb"}}),
    # 13 empty line: not a record
    "",
    # 14 group: u_1 belongs to account acme-corp
    line({"type": "group", "messageId": "m-14", "userId": "u_1", "groupId": "acme-corp",
          "traits": {"name": "Acme Corp"}, "timestamp": "2023-01-17T08:00:00Z"}),
    # 15 alias: anon-2 was u_2
    line({"type": "alias", "messageId": "m-15", "previousId": "anon-2", "userId": "u_2",
          "timestamp": "2023-01-17T08:30:00Z"}),
    # 16 anonymous, stitched to u_2 by the alias above
    line({"type": "track", "messageId": "m-16", "anonymousId": "anon-2", "event": "Trial Started",
          "originalTimestamp": "2023-01-17T08:10:00+01:00"}),
    # 17 identify with only an anonymousId: names no customer
    line({"type": "identify", "messageId": "m-17", "anonymousId": "anon-3", "traits": {"plan": "free"},
          "timestamp": "2023-01-17T09:00:00Z"}),
    # 18 track, userId a whole double
    line({"type": "track", "messageId": "m-18", "userId": 42.0, "event": "Invoice Paid",
          "timestamp": "2023-01-18T00:00:00Z"}),
]
write("segment.jsonl", segment)
# the S3 archive form: gzip, here as two members one after the other
data = ("\n".join(segment) + "\n").encode()
cut = data.index(b"\n", len(data) // 2) + 1
write_bytes("segment.jsonl.gz", gz(data[:cut]) + gz(data[cut:]))

# truncated: a larger gzip cut short
many = [line({"type": "track", "messageId": "t-%d" % i, "userId": "u_%d" % (i % 7),
              "event": "Report Exported", "properties": {"n": i, "pad": "x" * (i % 50)},
              "timestamp": "2023-02-01T00:%02d:%02dZ" % (i // 60 % 60, i % 60)}) for i in range(3000)]
whole = gz(("\n".join(many) + "\n").encode())
write_bytes("segment-truncated.jsonl.gz", whole[: len(whole) * 2 // 3])

# ---------------------------------------------------------------------------
# Mixpanel raw export: 11 records

mixpanel = [
    # 1 seconds; web
    line({"event": "Purchase", "properties": {"time": 1673778151, "distinct_id": "u_10",
          "$insert_id": "935d87b1-00cd-41b7-be34-b9d98dd08b42", "$os": "Mac OS X", "mp_lib": "web",
          "Item": "Coffee", "Amount": 5.0, "tags": ["promo", "new"], "mp_country_code": "DE",
          "mp_processing_time_ms": 1673778152000}}),
    # 2 milliseconds (by magnitude); iphone library
    line({"event": "App Opened", "properties": {"time": 1673778160123, "distinct_id": "u_10",
          "$insert_id": "ins-2", "mp_lib": "iphone"}}),
    # 3 the same $insert_id, name, distinct_id and time as line 1: duplicate
    line({"event": "Purchase", "properties": {"time": 1673778151, "distinct_id": "u_10",
          "$insert_id": "935d87b1-00cd-41b7-be34-b9d98dd08b42", "Item": "Coffee"}}),
    # 4 simplified ID merge: $user_id and $device_id: alias dev-9 -> u_11; server library
    line({"event": "Report Run", "properties": {"time": 1673780000, "distinct_id": "u_11",
          "$user_id": "u_11", "$device_id": "dev-9", "$insert_id": "ins-4", "mp_lib": "python"}}),
    # 5 anonymous ($device:), stitched to u_11; android by $os
    line({"event": "Login Page Viewed", "properties": {"time": 1673779000, "distinct_id": "$device:dev-9",
          "$device_id": "dev-9", "$insert_id": "ins-5", "$os": "Android"}}),
    # 6 original ID merge: $identify ties anon-mp to u_12 (an alias, not an event)
    line({"event": "$identify", "properties": {"time": 1673781000, "distinct_id": "u_12",
          "$anon_id": "anon-mp", "$identified_id": "u_12", "$insert_id": "ins-6"}}),
    # 7 anonymous, stitched to u_12
    line({"event": "Signup Started", "properties": {"time": 1673780900, "distinct_id": "$device:anon-mp",
          "$device_id": "anon-mp", "$insert_id": "ins-7"}}),
    # 8 time not a number: unparseable
    line({"event": "Purchase", "properties": {"time": "soon", "distinct_id": "u_10", "$insert_id": "ins-8"}}),
    # 9 no time: unparseable
    line({"event": "Purchase", "properties": {"distinct_id": "u_10", "$insert_id": "ins-9"}}),
    # 10 a float time in seconds; distinct_id a number
    line({"event": "Logout", "properties": {"time": 1673790000.5, "distinct_id": 77, "$insert_id": "ins-10"}}),
    # 11 same $insert_id as line 1 but another time: not a duplicate
    line({"event": "Purchase", "properties": {"time": 1673778999, "distinct_id": "u_10",
          "$insert_id": "935d87b1-00cd-41b7-be34-b9d98dd08b42"}}),
]
write("mixpanel.jsonl", mixpanel)

# ---------------------------------------------------------------------------
# Amplitude export: a zip of hourly gzipped files, `#` in names, hours unpadded

def amp(i, **kw):
    rec = {"$insert_id": "ins-a%d" % i, "uuid": "uuid-%d" % i, "amplitude_id": 2234540891, "app": 187520,
           "event_time": "2024-03-02 00:00:00.000000", "server_upload_time": "2024-03-02 00:00:01.000000",
           "session_id": 1709337600000, "event_properties": {}, "user_properties": {}, "platform": "Web",
           "sample_rate": None}
    rec.update(kw)
    return line(rec)

hour0 = [
    amp(1, event_type="Support Ticket Opened", user_id="u_97980", device_id="C8F9E604",
        event_time="2024-03-02 00:15:00.123456", event_properties={"channel": "chat", "$revenue": 3.5},
        user_properties={"email": "bo@example.org", "plan": "pro"}),
    amp(2, event_type="Page Viewed", user_id=None, device_id="C8F9E604",
        event_time="2024-03-02 00:10:00.000001", platform="iOS"),
    amp(3, event_type="Page Viewed", user_id=None, device_id="D-ghost",
        event_time="2024-03-02 00:11:00.000000"),
]
hour13a = [
    amp(4, event_type="Export Run", user_id="u_97980", device_id=None, platform=None, library="http/2.0",
        event_time="2024-03-02T13:05:00.5"),
    amp(5, event_type="Support Ticket Opened", user_id="u_97980", device_id="C8F9E604",
        event_time="2024-03-02 00:15:00.123456"),   # another $insert_id: not a duplicate
    # an empty user_properties snapshot first: the next one gives u_8's plan
    amp(7, event_type="Login", user_id="u_8", device_id="F-8", event_time="2024-03-02 13:00:00.000000"),
    amp(8, event_type="Logout", user_id="u_8", device_id="F-8", event_time="2024-03-02 13:30:00.000000",
        user_properties={"plan": "team"}),
]
hour13b = [
    amp(1, event_type="Support Ticket Opened", user_id="u_97980", device_id="C8F9E604",
        event_time="2024-03-02 00:15:00.123456"),   # $insert_id ins-a1 again: duplicate
    amp(6, event_type="Page Viewed", user_id="u_5", device_id="E-1", platform="Android",
        event_time="2024-03-02 13:59:59.999999", user_properties={"plan": "free"}),
    '{"event_type": "broken"',
]
def gzl(lines):
    return gz(("\n".join(lines) + "\n").encode())

write_zip("amplitude.zip", [
    ("374182/374182_2024-03-02_0#0.json.gz", gzl(hour0), zipfile.ZIP_STORED),
    ("374182/374182_2024-03-02_13#0.json.gz", gzl(hour13a), zipfile.ZIP_STORED),
    # one entry as two gzip members
    ("374182/374182_2024-03-02_13#1.json.gz", gzl(hour13b[:1]) + gzl(hour13b[1:]), zipfile.ZIP_DEFLATED),
    ("README.txt", b"not events\n", zipfile.ZIP_DEFLATED),
])

# a zip whose second entry climbs out with ../
write_zip("amplitude-slip.zip", [
    ("374182/374182_2024-03-02_0#0.json.gz", gzl(hour0), zipfile.ZIP_STORED),
    ("../../evil_2024-03-02_1#0.json.gz", gzl(hour13a), zipfile.ZIP_STORED),
])

# a zip whose entry holds a truncated gzip
big_hour = [amp(100 + i, event_type="Page Viewed", user_id="u_%d" % (i % 5), device_id="dev",
                event_properties={"i": i, "pad": "y" * (i % 40)}) for i in range(3000)]
whole = gzl(big_hour)
write_zip("amplitude-corrupt.zip", [
    ("374182/374182_2024-03-02_2#0.json.gz", whole[: len(whole) // 2], zipfile.ZIP_STORED),
])

# ---------------------------------------------------------------------------
# GA4 BigQuery export as JSON lines: INT64 as strings or numbers

def slot(v):
    d = {"string_value": None, "int_value": None, "float_value": None, "double_value": None}
    if isinstance(v, str) and v.startswith("int:"):
        d["int_value"] = v[4:]          # BigQuery's JSON export: INT64 as a string
    elif isinstance(v, str):
        d["string_value"] = v
    elif isinstance(v, int):
        d["int_value"] = v
    else:
        d["double_value"] = v
    return d

def params(**kw):
    return [{"key": k, "value": slot(v)} for k, v in kw.items()]

ga4 = [
    # 1 string µs, identified with a pseudo id: alias; web; value param
    line({"event_date": "20231005", "event_timestamp": "1696470452486466", "event_name": "purchase",
          "event_params": params(ga_session_id="int:1696470418", value=49.9, page_title="Checkout",
                                 engaged=1),
          "user_id": "u_97980", "user_pseudo_id": "1234567890.1696470418",
          "user_properties": [{"key": "plan", "value": dict(slot("pro"), set_timestamp_micros="1696470400000000")}],
          "platform": "WEB", "stream_id": "000"}),
    # 2 number µs, anonymous pseudo id: stitched to u_97980
    line({"event_date": "20231005", "event_timestamp": 1696470418000001, "event_name": "page_view",
          "event_params": params(page_location="https://example.com/"), "user_id": None,
          "user_pseudo_id": "1234567890.1696470418", "platform": "WEB"}),
    # 3 ios, event_value_in_usd
    line({"event_date": "20231006", "event_timestamp": "1696550000000000", "event_name": "in_app_purchase",
          "event_params": [], "user_id": "u_7", "user_pseudo_id": "ios-1", "platform": "IOS",
          "event_value_in_usd": 9.99}),
    # 4 android, never identified pseudo id: no_identity at finish
    line({"event_date": "20231006", "event_timestamp": "1696550000000001", "event_name": "screen_view",
          "user_pseudo_id": "droid-ghost", "platform": "ANDROID"}),
    # 5 event_timestamp not a number: unparseable
    line({"event_date": "20231006", "event_timestamp": "17:00", "event_name": "page_view",
          "user_pseudo_id": "x", "platform": "WEB"}),
]
write("ga4.jsonl", ga4)

# ---------------------------------------------------------------------------
# PostHog events export (JSON lines)

posthog = [
    # 1 anonymous: distinct_id is the device id; web
    line({"uuid": "0189c1e2-0001", "event": "$pageview", "distinct_id": "dev-ph",
          "timestamp": "2024-05-22T17:09:29.220000+00:00",
          "properties": {"$current_url": "https://example.com/pricing", "$device_id": "dev-ph",
                         "$lib": "web", "$browser": "Chrome"}}),
    # 2 $identify: dev-ph is u_30; $set traits
    line({"uuid": "0189c1e2-0002", "event": "$identify", "distinct_id": "u_30",
          "timestamp": "2024-05-22T17:10:00.000Z",
          "properties": {"$anon_distinct_id": "dev-ph", "$device_id": "dev-ph", "$lib": "web",
                         "$set": {"email": "cy@example.com", "name": "Cy", "plan": "team"}}}),
    # 3 properties as JSON text, Z suffix; ios library
    line({"uuid": "0189c1e2-0003", "event": "ticket created", "distinct_id": "u_30",
          "timestamp": "2024-05-22T17:12:03.004Z",
          "properties": "{\"priority\":\"high\",\"$lib\":\"posthog-ios\",\"$set\":{\"plan\":\"pro\"}}",
          "person_properties": "{}"}),
    # 4 server library
    line({"uuid": "0189c1e2-0004", "event": "invoice sent", "distinct_id": "u_31",
          "timestamp": "2024-05-23T08:00:00Z", "properties": {"$lib": "posthog-node", "amount": 120}}),
    # 5 the same uuid as line 4: duplicate
    line({"uuid": "0189c1e2-0004", "event": "invoice sent", "distinct_id": "u_31",
          "timestamp": "2024-05-23T08:00:00Z", "properties": {"$lib": "posthog-node"}}),
    # 6 properties text that is not JSON: unparseable
    line({"uuid": "0189c1e2-0006", "event": "x", "distinct_id": "u_31", "timestamp": "2024-05-23T08:00:00Z",
          "properties": "{oops"}),
]
write("posthog.jsonl", posthog)

# not an analytics export: JSON, but no tell-tale keys
write("other.json", [line({"id": 1, "name": "a"}), line({"id": 2, "name": "b"})])

// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reference scorer: DuckDB (embedded, via the @duckdb/node-api npm package),
// 2 threads, in-memory. Scores every customer of an events CSV (as gen-events
// writes it) with the default playbook, data/playbook/default.json, as one
// hand-written SQL query over read_csv of the file, and writes
// customer_id,score,band,<signal>_raw per customer to OUT.csv with COPY.
//
// The SQL spells out the default playbook (docs/playbook.md): as of T = the
// midnight (UTC) after the latest event, events strictly before T; friction
// and intent are decayed counts (0.5^(age / 7 days)) over 14 days, capped at
// 6 and 5; adoption a count over 30 days, log-normalised with cap 60; silence
// the days since the last login, minmax 0..60, "never" = 1. The case and
// survey signals (urgency, repeat_contact, detractor) have no records in an
// events file and add 0, but their weights count: score = 100 · Σ wᵢ·vᵢ / Σ wᵢ
// with Σ wᵢ = 1. Bands: calm from 0, attention from 30, urgent from 60.
// Before running, the script checks that the playbook file still says that
// (the parts the SQL encodes), so that a changed default stops it rather than
// letting it score something else.
//
// Usage: node bench/ref-score-duckdb.mjs FILE.csv PLAYBOOK.json OUT.csv MODULES_DIR
//   MODULES_DIR is the npm prefix holding node_modules/@duckdb/node-api
//   (bench/run.sh and bench/score.sh install it into their work directory).

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [file, playbookPath, out, modulesDir] = process.argv.slice(2);
if (!file || !playbookPath || !out || !modulesDir) {
  console.error('usage: node ref-score-duckdb.mjs FILE.csv PLAYBOOK.json OUT.csv MODULES_DIR');
  process.exit(2);
}

// What the SQL below encodes, in the playbook's own terms.
const ENCODED = {
  signals: [
    ['friction', 'events', 'name in ["login_failed", "error"]', 'count', '14d', '7d', 'cap', 6],
    ['urgency', 'cases', 'open and priority in ["High", "Urgent"]', 'exists', undefined, undefined, 'cap', 1],
    ['repeat_contact', 'cases', undefined, 'count', '30d', undefined, 'cap', 3],
    ['intent', 'events', 'name == "help_article_viewed"', 'count', '14d', '7d', 'cap', 5],
    ['detractor', 'responses', 'score <= 6', 'exists', '90d', undefined, 'cap', 1],
    ['adoption', 'events', 'name == "feature_used"', 'count', '30d', undefined, 'log', 60],
    ['silence', 'events', 'name == "login"', 'recency', undefined, undefined, 'minmax', [0, 60]],
  ],
  weights: { friction: 0.3, urgency: 0.25, repeat_contact: 0.15, intent: 0.15, detractor: 0.15 },
  bands: [['calm', 0], ['attention', 30], ['urgent', 60]],
};
const playbook = JSON.parse(readFileSync(playbookPath, 'utf8'));
const found = {
  signals: playbook.signals.map((s) => [s.id, s.table, s.filter, s.measure, s.window, s.half_life,
    s.normalise.kind, s.normalise.kind === 'minmax' ? [s.normalise.min, s.normalise.max] : s.normalise.cap]),
  weights: playbook.score.weights,
  bands: playbook.score.bands.map((b) => [b.id, b.min]),
};
if (JSON.stringify(found) !== JSON.stringify(ENCODED)) {
  console.error(`ref-score-duckdb: ${playbookPath} is not the playbook this SQL encodes:\n` +
    `  expected ${JSON.stringify(ENCODED)}\n  found    ${JSON.stringify(found)}`);
  process.exit(1);
}

const require = createRequire(path.resolve(modulesDir, 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const conn = await instance.connect();

const t0 = performance.now();
// The moment depends on the whole file, the windows on the moment: the three
// columns the playbook reads are materialised once, then aggregated per
// customer in one pass. Times as microseconds since the epoch.
const copied = await conn.runAndReadAll(`
  COPY (
    WITH e AS MATERIALIZED (
      SELECT customer_id, event, epoch_us("timestamp") AS t
      FROM read_csv(${sqlString(path.resolve(file))},
        header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
        columns = {
          'customer_id': 'VARCHAR', 'event': 'VARCHAR', 'timestamp': 'TIMESTAMP',
          'channel': 'VARCHAR', 'value': 'DOUBLE', 'properties': 'VARCHAR'
        })
      WHERE customer_id IS NOT NULL AND "timestamp" IS NOT NULL  -- rows the import skips
    ),
    moment AS (
      SELECT (max(t) // 86400000000 + 1) * 86400000000 AS as_of FROM e
    ),
    raw AS (
      SELECT customer_id,
        coalesce(sum(pow(2.0, -(as_of - t) / 604800000000.0))
                 FILTER (WHERE event IN ('login_failed', 'error')
                         AND t >= as_of - 14 * 86400000000 AND t < as_of), 0) AS friction_raw,
        coalesce(sum(pow(2.0, -(as_of - t) / 604800000000.0))
                 FILTER (WHERE event = 'help_article_viewed'
                         AND t >= as_of - 14 * 86400000000 AND t < as_of), 0) AS intent_raw,
        count(*) FILTER (WHERE event = 'feature_used'
                         AND t >= as_of - 30 * 86400000000 AND t < as_of)::DOUBLE AS adoption_raw,
        (as_of - max(t) FILTER (WHERE event = 'login' AND t < as_of)) / 86400000000.0 AS silence_raw
      FROM e, moment
      GROUP BY customer_id, as_of
    ),
    scored AS (
      SELECT *,
        100.0 * (0.3 * least(friction_raw / 6.0, 1.0)     -- friction
                 + 0.25 * 0.0                             -- urgency: no cases
                 + 0.15 * 0.0                             -- repeat_contact: no cases
                 + 0.15 * least(intent_raw / 5.0, 1.0)    -- intent
                 + 0.15 * 0.0)                            -- detractor: no responses
              / 1.0 AS score                              -- adoption, silence: weight 0
      FROM raw
    )
    SELECT customer_id, score,
      CASE WHEN score >= 60 THEN 'urgent' WHEN score >= 30 THEN 'attention' ELSE 'calm' END AS band,
      friction_raw, intent_raw, adoption_raw, silence_raw
    FROM scored
  ) TO ${sqlString(path.resolve(out))} (FORMAT csv, HEADER true)
`);
const t1 = performance.now();

// COPY answers with the number of rows it wrote
console.log(`customers: ${copied.getRows()[0][0]}`);
console.log(`read, score and write ${((t1 - t0) / 1000).toFixed(2)} s`);

conn.closeSync();
instance.closeSync();

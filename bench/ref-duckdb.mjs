// SPDX-License-Identifier: GPL-3.0-or-later
//
// Reference loader: DuckDB (embedded, via the @duckdb/node-api npm package).
// Loads the whole events CSV into an in-memory table with 2 threads, the
// timestamp column parsed as TIMESTAMP, and prints the row count.
//
// Usage: node bench/ref-duckdb.mjs FILE.csv MODULES_DIR
//   MODULES_DIR is the npm prefix holding node_modules/@duckdb/node-api
//   (bench/run.sh installs it into its work directory).

import { createRequire } from 'node:module';
import path from 'node:path';

const [file, modulesDir] = process.argv.slice(2);
if (!file || !modulesDir) {
  console.error('usage: node ref-duckdb.mjs FILE.csv MODULES_DIR');
  process.exit(2);
}

const require = createRequire(path.resolve(modulesDir, 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const conn = await instance.connect();

// Explicit column types instead of sniffing, so every run does the same
// work. No timestampformat: DuckDB's built-in ISO 8601 parser reads the
// '...T12:34:56Z' values directly and is faster than a strptime format.
await conn.run(`
  CREATE TABLE t AS
  SELECT * FROM read_csv(${sqlString(path.resolve(file))},
    header = true,
    delim = ',',
    quote = '"',
    escape = '"',
    auto_detect = false,
    columns = {
      'customer_id': 'VARCHAR',
      'event': 'VARCHAR',
      'timestamp': 'TIMESTAMP',
      'channel': 'VARCHAR',
      'value': 'DOUBLE',
      'properties': 'VARCHAR'
    })
`);

const reader = await conn.runAndReadAll('SELECT count(*) FROM t');
console.log(`rows: ${reader.getRows()[0][0]}`);

conn.closeSync();
instance.closeSync();

// SPDX-License-Identifier: GPL-3.0-or-later
//
// The warehouse path in DuckDB (embedded, via the @duckdb/node-api npm
// package): loads the tables `touchstone-cli export-tables` wrote into an
// in-memory database with 2 threads, then runs the playbook compiled by
// `touchstone-cli export-sql` and writes its rows (one per customer) as CSV.
// Prints the seconds each step took as JSON: {"load": s, "query": s, "rows": n}.
//
// Usage: node bench/ref-pipeline-duckdb.mjs TABLES_DIR SCRIPT.sql OUT.csv MODULES_DIR
//   MODULES_DIR is the npm prefix holding node_modules/@duckdb/node-api.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [tablesDir, scriptPath, outPath, modulesDir] = process.argv.slice(2);
if (!tablesDir || !scriptPath || !outPath || !modulesDir) {
  console.error('usage: node ref-pipeline-duckdb.mjs TABLES_DIR SCRIPT.sql OUT.csv MODULES_DIR');
  process.exit(2);
}

const require = createRequire(path.resolve(modulesDir, 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;
const now = () => Number(process.hrtime.bigint()) / 1e9;

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const conn = await instance.connect();

// The DDL as export-tables wrote it, then every table's CSV file: an empty
// field is null, a quoted empty field ("") an empty string, as
// docs/sql.md says of the files.
const t0 = now();
const schema = fs.readFileSync(path.join(tablesDir, 'schema.sql'), 'utf8');
await conn.run(schema);
const tables = [...schema.matchAll(/CREATE TABLE\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/g)].map((m) => m[1]);
if (tables.length === 0) {
  console.error(`${path.join(tablesDir, 'schema.sql')}: no CREATE TABLE`);
  process.exit(1);
}
for (const t of tables) {
  const file = path.join(tablesDir, `${t}.csv`);
  if (!fs.existsSync(file)) {
    console.error(`${file}: missing (schema.sql creates "${t}")`);
    process.exit(1);
  }
  await conn.run(`COPY "${t}" FROM ${sqlString(path.resolve(file))}
    (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', ALLOW_QUOTED_NULLS false)`);
}
const t1 = now();

// The compiled script is one query; COPY writes its rows.
const script = fs.readFileSync(scriptPath, 'utf8').trim().replace(/;\s*$/, '');
await conn.run(`COPY (\n${script}\n) TO ${sqlString(path.resolve(outPath))} (FORMAT csv, HEADER true)`);
const t2 = now();

const reader = await conn.runAndReadAll(`SELECT count(*) FROM read_csv(${sqlString(path.resolve(outPath))}, header = true)`);
const rows = Number(reader.getRows()[0][0]);
console.log(JSON.stringify({ load: t1 - t0, query: t2 - t1, rows }));

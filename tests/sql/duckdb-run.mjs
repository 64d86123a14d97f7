// SPDX-License-Identifier: GPL-3.0-or-later
//
// Runs Touchstone's playbook, compiled for DuckDB, over the tables of
// `touchstone-cli export-tables`: loads schema.sql and every CSV file into
// an in-memory DuckDB, then writes the rows of each script as CSV.
//
// Usage: node duckdb-run.mjs MODULES_DIR TABLES_DIR SCRIPT OUT.csv [SCRIPT OUT.csv]…
//   MODULES_DIR is the npm prefix holding node_modules/@duckdb/node-api
//   (tests/sql/install-engines installs it).

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [modulesDir, tablesDir, ...runs] = process.argv.slice(2);
if (!modulesDir || !tablesDir || runs.length === 0 || runs.length % 2 !== 0) {
  console.error('usage: node duckdb-run.mjs MODULES_DIR TABLES_DIR SCRIPT OUT.csv [SCRIPT OUT.csv]…');
  process.exit(2);
}

const require = createRequire(path.resolve(modulesDir, 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;
const tables = ['customers', 'events', 'cases', 'touches', 'responses', 'lists', 'zones'];

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const conn = await instance.connect();

await conn.run(fs.readFileSync(path.join(tablesDir, 'schema.sql'), 'utf8'));
for (const table of tables) {
  // an empty field is null, a quoted empty one an empty string
  await conn.run(`COPY "${table}" FROM ${sqlString(path.resolve(tablesDir, `${table}.csv`))}
                  (FORMAT csv, HEADER true, ALLOW_QUOTED_NULLS false)`);
}
for (let i = 0; i < runs.length; i += 2) {
  const script = fs.readFileSync(runs[i], 'utf8').trim().replace(/;$/, '');
  await conn.run(`COPY (${script}) TO ${sqlString(path.resolve(runs[i + 1]))} (FORMAT csv, HEADER true)`);
}

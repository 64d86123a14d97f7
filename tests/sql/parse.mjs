// SPDX-License-Identifier: GPL-3.0-or-later
//
// Parses Touchstone's playbook compiled for an engine the tests cannot
// run (Spark SQL, BigQuery) with node-sql-parser: every statement of each
// script must parse.  Prints each script's count of statements.
//
// Usage: node parse.mjs MODULES_DIR DATABASE SCRIPT…
//   DATABASE is node-sql-parser's: hive (the grammar of Spark SQL's
//   family), bigquery, …

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [modulesDir, database, ...scripts] = process.argv.slice(2);
if (!modulesDir || !database || scripts.length === 0) {
  console.error('usage: node parse.mjs MODULES_DIR DATABASE SCRIPT…');
  process.exit(2);
}

const require = createRequire(path.resolve(modulesDir, 'package.json'));
const { Parser } = require('node-sql-parser');
const parser = new Parser();

let failed = false;
for (const script of scripts) {
  try {
    const ast = parser.astify(fs.readFileSync(script, 'utf8'), { database });
    console.log(`${script}: ${Array.isArray(ast) ? ast.length : 1} statements parsed as ${database}`);
  } catch (e) {
    const where = e.location ? `:${e.location.start.line}:${e.location.start.column}` : '';
    console.error(`${script}${where}: ${e.message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseBenchArgs, type BenchSuite } from './lib/suite';

/**
 * `npm run bench [-- --rows 100000] [--only contacts] [--reuse [dir]]`: runs every suite in bench/suites/ in file-name order.
 * Suites print their own figures; nothing here is part of `npm test`.
 */
const args = parseBenchArgs(process.argv.slice(2));
const suitesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'suites');
const files = fs
  .readdirSync(suitesDir)
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => args.only === null || f.includes(args.only))
  .sort();
fs.mkdirSync(args.dataDir, { recursive: true });
console.log(`bench: ${files.length} suite(s), rows=${args.rows.toLocaleString('en')}, node ${process.version}, data in ${args.dataDir}`);
for (const file of files) {
  const suite = ((await import(pathToFileURL(path.join(suitesDir, file)).href)) as { default: BenchSuite }).default;
  console.log(`\n=== ${suite.name} (${file}) ===`);
  await suite.run(args);
}

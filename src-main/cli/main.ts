import { parseArgs } from 'node:util';
import { isProcedureName, procedures } from '../../src-shared/api';
import type { ApiErrorBody } from '../../src-shared/errors';
import { startCore } from '../bootstrap';
import { consoleLogger } from '../platform/logger';
import { defaultDataDir } from '../platform/paths';

const USAGE = `Usage: npm run cli -- [--data-dir DIR] <procedure> ['<json input>']

Calls one procedure of WA Desk and prints its result as JSON. Exits 1 with the error message on failure.
The data dir defaults to ${defaultDataDir()}.
Example: npm run cli -- channels.create '{"name":"Shop","phone":"0532 123 45 67","engine":"simulator"}'`;

function helpText(): string {
  const names = Object.entries(procedures).map(([name, def]) => `  ${name}${def.mutates ? '' : '  (read-only)'}`);
  return `${USAGE}\n\nProcedures:\n${names.join('\n')}\n`;
}

/** Turkish error text when the shell's locale is Turkish, English otherwise. */
function errorText(error: ApiErrorBody, env = process.env): string {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const message = locale.toLowerCase().startsWith('tr') ? error.messageTr : error.message;
  return `${message} [${error.code}${error.field ? `, field: ${error.field}` : ''}]`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(helpText());
    return 0;
  }
  const [name, json, ...extra] = positionals;
  if (name === undefined) {
    process.stderr.write(helpText());
    return 1;
  }
  if (extra.length > 0) {
    process.stderr.write(`Expected one JSON argument after the procedure name, got ${extra.length + 1}. Quote the JSON in single quotes.\n`);
    return 1;
  }
  if (!isProcedureName(name)) {
    process.stderr.write(`There is no procedure named "${name}". Run with --help to list them. [unknown_procedure]\n`);
    return 1;
  }
  let input: unknown;
  if (json !== undefined) {
    try {
      input = JSON.parse(json);
    } catch (err) {
      process.stderr.write(`The input is not valid JSON (${(err as Error).message}). Quote it in single quotes, e.g. '{"id": 1}'. [invalid_json]\n`);
      return 1;
    }
  }
  // No resume: a one-off command must not reconnect WhatsApp channels behind the running app's back.
  const core = await startCore({ dataDir: values['data-dir'] ?? defaultDataDir(), resume: false, log: consoleLogger('cli', true) });
  try {
    const result = await core.call(name, input);
    if (!result.ok) {
      process.stderr.write(`${errorText(result.error)}\n`);
      return 1;
    }
    process.stdout.write(`${JSON.stringify(result.value ?? null, null, 2)}\n`);
    return 0;
  } finally {
    await core.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);

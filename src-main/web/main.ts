import { runWebMode } from './run';

runWebMode(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`WA Desk web mode could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What every suite in bench/suites/ default-exports; `npm run bench` runs them in file-name order. */
export interface BenchSuite {
  name: string;
  run(args: BenchArgs): Promise<void>;
}

export interface BenchArgs {
  /** `--rows N`: the data size suites scale to (default one million). */
  rows: number;
  /** `--only text`: run the suites whose file name contains it. */
  only: string | null;
  /** Generated data and scratch databases (git-ignored). */
  dataDir: string;
  /** Every `--flag value` / `--flag` given, for suite-specific options. */
  flags: Record<string, string | true>;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) flags[key] = inline;
    else if (next !== undefined && !next.startsWith('--')) flags[key] = argv[++i]!;
    else flags[key] = true;
  }
  const rows = flags.rows === undefined ? 1_000_000 : Number(String(flags.rows).replace(/[_,]/g, ''));
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive whole number, got ${String(flags.rows)}`);
  return {
    rows,
    only: typeof flags.only === 'string' ? flags.only : null,
    dataDir: path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.data'),
    flags,
  };
}

/** Percentile of already-collected samples (nearest rank). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
export const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MB`;

/** Times an async or sync step. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

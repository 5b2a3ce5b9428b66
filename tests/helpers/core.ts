import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore, type AppCore } from '../../src-main/bootstrap';
import { ManualClock, type Clock } from '../../src-main/platform/clock';
import { silentLogger } from '../../src-main/platform/logger';
import { SimulatorGateway, type SimulatorOptions } from '../../src-main/whatsapp/simulator';
import type { InputOf, OutputOf, ProcedureName } from '../../src-shared/api';
import type { ApiErrorBody } from '../../src-shared/errors';

export function tempDir(prefix = 'wa-desk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestCore {
  core: AppCore;
  clock: ManualClock;
  dataDir: string;
  /** Calls a procedure and returns its value, failing the test with the error text otherwise. */
  ok<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  /** Calls a procedure that must fail and returns the error body. */
  err(name: string, input: unknown): Promise<ApiErrorBody>;
  close(): Promise<void>;
}

/** Builds the simulator for a channel; tests pass a subclass that misbehaves on purpose. */
export type SimulatorFactory = (opts: SimulatorOptions) => SimulatorGateway;

/** A real core on a fresh SQLite file in a temp dir, a manual clock and simulators with zero latency. */
export async function makeCore(
  opts: { dataDir?: string; clock?: ManualClock; simulator?: SimulatorFactory } = {},
): Promise<TestCore> {
  const dataDir = opts.dataDir ?? tempDir();
  const clock = opts.clock ?? new ManualClock();
  const simulator = opts.simulator ?? ((o: SimulatorOptions) => new SimulatorGateway(o));
  const core = await startCore({
    dataDir,
    clock,
    log: silentLogger,
    gatewayFactory: (t) =>
      simulator({ channelId: t.channelId, dir: t.sessionDir, clock: clock as Clock, pairingMs: 0, ackDelaysMs: { device: 0, read: 0 } }),
  });
  return {
    core,
    clock,
    dataDir,
    async ok(name, input) {
      const res = await core.call(name, input);
      if (!res.ok) throw new Error(`${name} failed: ${res.error.code} ${res.error.message}`);
      return res.value as never;
    },
    async err(name, input) {
      const res = await core.call(name, input);
      if (res.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(res.value)}`);
      return res.error;
    },
    close: () => core.close(),
  };
}

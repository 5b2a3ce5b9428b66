import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../src-main/platform/logger';
import { keepRunningOnStrayRejections } from '../../../src-main/platform/process-guards';

describe('keepRunningOnStrayRejections', () => {
  it('logs a stray rejection with its message instead of letting it end the process', () => {
    const logged: { msg: string; data?: Record<string, unknown> }[] = [];
    const log: Logger = { info() {}, warn() {}, error: (msg, data) => logged.push({ msg, data }) };
    const fakeProcess = new EventEmitter() as unknown as NodeJS.Process;
    keepRunningOnStrayRejections(log, fakeProcess);
    fakeProcess.emit('unhandledRejection', new Error('Protocol error: Target closed'), Promise.resolve());
    fakeProcess.emit('unhandledRejection', 'plain reason', Promise.resolve());
    expect(logged.map((l) => l.data?.error)).toEqual(['Protocol error: Target closed', 'plain reason']);
    expect(fakeProcess.listenerCount('unhandledRejection')).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { WriteTurns } from '../../../src-main/imports/write-turns';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Turns with an import running, as ImportsService has them while a writer thread works. */
function importing(): WriteTurns {
  const turns = new WriteTurns();
  turns.importStarted();
  return turns;
}

/** An app write handed in now, and whether it has run yet. */
function appWrite(turns: WriteTurns) {
  let ran = false;
  const write = turns.appTurn(() => {
    ran = true;
  });
  return { write, ran: () => ran };
}

describe('write turns between the app and an import', () => {
  it('without an import an app write runs as it is, touching nothing shared', async () => {
    const turns = new WriteTurns();
    const word = new Int32Array(turns.buffer);
    expect(await turns.appTurn(() => word[0])).toBe(0);
  });

  it("an app write runs at once when no import transaction is in progress, and waits (not blocking) for one that is", async () => {
    const turns = importing();
    expect(await turns.appTurn(() => 'now')).toBe('now');
    turns.beginImportWrite();
    const { write, ran } = appWrite(turns);
    await tick();
    expect(ran()).toBe(false);
    turns.endImportWrite();
    await write;
    expect(ran()).toBe(true);
  });

  it('the import side sees the announced app write and counts its own transactions', async () => {
    const turns = importing();
    const word = new Int32Array(turns.buffer);
    let release!: () => void;
    const held = turns.appTurn(() => new Promise<void>((resolve) => (release = resolve)));
    await tick();
    // An app write is waiting or running: a writer would block here rather than begin.
    expect(word[0]! >>> 16).toBe(1);
    release();
    await held;
    expect(word[0]).toBe(0);
    expect(turns.importWrite(() => word[0])).toBe(1);
    expect(word[0]).toBe(0);
  });

  it('an import write that never ends does not stop app writes for good', async () => {
    const turns = importing();
    turns.beginImportWrite();
    const { write, ran } = appWrite(turns);
    await tick();
    expect(ran()).toBe(false);
    await write;
    expect(ran()).toBe(true);
  }, 10_000);

  it('gateway events run at once without an import, and in order, in turns, while one runs', async () => {
    const errors: unknown[] = [];
    const turns = new WriteTurns(undefined, (err) => errors.push(err));
    const seen: string[] = [];
    turns.inOrder(() => seen.push('before'));
    expect(seen).toEqual(['before']);
    const ended = turns.importStarted();
    turns.beginImportWrite();
    turns.inOrder(() => seen.push('message'));
    turns.inOrder(() => {
      throw new Error('handler failed');
    });
    turns.inOrder(() => seen.push('ack'));
    await tick();
    expect(seen).toEqual(['before']);
    turns.endImportWrite();
    ended();
    ended();
    // Still draining: a new event queues behind the ones before it instead of overtaking them.
    turns.inOrder(() => seen.push('after'));
    await tick();
    await tick();
    expect(seen).toEqual(['before', 'message', 'ack', 'after']);
    expect(errors).toHaveLength(1);
    turns.inOrder(() => seen.push('sync again'));
    expect(seen.at(-1)).toBe('sync again');
  });
});

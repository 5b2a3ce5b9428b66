import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core';
import { addContacts, demoSetup, FAST, runUntil } from './helpers';

let t: TestCore;
afterEach(async () => t?.close());

describe('sending a campaign on a demo channel', () => {
  it('sends every part to every recipient once, skips the invalid number without charging', async () => {
    const s = await demoSetup();
    t = s.t;
    const { groupId } = await addContacts(t, s.channelId, 5, { invalid: [2] });
    const c = await t.ok('campaigns.create', {
      channelId: s.channelId,
      title: 'Spring sale',
      groupIds: [groupId],
      parts: [{ kind: 'text', text: 'Hi {{name}}' }, { kind: 'random_text', variants: ['A', 'B'] }],
      pacing: FAST,
    });
    expect(c.status).toBe('draft');
    expect(c.counts).toMatchObject({ total: 10, pending: 10 });
    await t.ok('campaigns.start', { id: c.id });
    const done = await runUntil(t, c.id, 'completed', 10_000);
    expect(done.status).toBe('completed');
    expect(done.counts).toMatchObject({ sent: 8, invalid_number: 2, pending: 0 });
    const delivered = await t.ok('simulator.delivered', { channelId: s.channelId, limit: 100 });
    expect(delivered).toHaveLength(8);
  });
});

import { makeCore, type TestCore } from '../../helpers/core';

/** A fresh core with one demo channel, the starting point of most directory tests. */
export async function channelCore(): Promise<{ t: TestCore; channelId: number }> {
  const t = await makeCore();
  const channelId = (await t.ok('channels.create', { name: 'Shop', phone: '05321234567', engine: 'simulator' })).id;
  return { t, channelId };
}

import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startCore, type AppCore } from '../../src-main/bootstrap';
import { silentLogger } from '../../src-main/platform/logger';
import type { GroupMembersPage } from '../../src-shared/api/groups';
import { contactsCsv } from '../lib/contacts-data';
import { ms, percentile, timed, type BenchArgs, type BenchSuite } from '../lib/suite';

/**
 * Customer groups at size: a group holding every other contact of the directory (100k members by default,
 * `--group-members N`), filled the way an import fills it, then its member list paged end to end and searched,
 * all through the API router. Target: any page in under 20 ms.
 */

const PAGE = 50;
const TARGET_MS = 20;

async function call<T = unknown>(core: AppCore, name: string, input: unknown): Promise<T> {
  const res = await core.call(name, input);
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.value as T;
}

/** Times every page of a listing until its end (or `maxPages`). */
async function pages(core: AppCore, input: Record<string, unknown>, maxPages = Number.POSITIVE_INFINITY) {
  const samples: number[] = [];
  let rows = 0;
  let cursor: string | undefined;
  do {
    const { value, ms: took } = await timed(() =>
      call<GroupMembersPage>(core, 'groups.members', { ...input, limit: PAGE, ...(cursor ? { cursor } : {}) }),
    );
    samples.push(took);
    rows += value.items.length;
    cursor = value.nextCursor ?? undefined;
  } while (cursor !== undefined && samples.length < maxPages);
  return { samples, rows };
}

function line(label: string, samples: number[], extra = ''): void {
  const p99 = percentile(samples, 99);
  const verdict = p99 < TARGET_MS ? 'ok' : `OVER ${TARGET_MS} ms`;
  console.log(
    `${label.padEnd(44)} pages=${String(samples.length).padStart(5)}  p50=${ms(percentile(samples, 50)).padStart(9)}  p99=${ms(p99).padStart(9)}  max=${ms(Math.max(...samples)).padStart(9)}  ${verdict}${extra}`,
  );
}

const suite: BenchSuite = {
  name: 'customer groups',
  async run(args: BenchArgs) {
    const members = Number(args.flags['group-members'] ?? 100_000);
    const contacts = members * 2;
    const dir = path.join(args.dataDir, 'groups');
    fs.rmSync(dir, { recursive: true, force: true });
    const core = await startCore({ dataDir: dir, log: silentLogger });
    try {
      const channel = await call<{ id: number }>(core, 'channels.create', { name: 'Bench', phone: '05321234567', engine: 'simulator' });
      await call(core, 'attributes.create', { key: 'city', label: 'Şehir', type: 'text' });
      const file = contactsCsv(args.dataDir, contacts);
      const imported = await timed(() =>
        call(core, 'contacts.import', {
          channelId: channel.id,
          path: file,
          hasHeader: true,
          mapping: { 'Ad Soyad': 'name', Telefon: 'phone', 'E-posta': 'email', Şehir: 'attr:city' },
          defaultCountry: 'TR',
          duplicatePolicy: 'skip',
        }),
      );
      const total = (await call<{ total: number }>(core, 'contacts.count', { channelId: channel.id })).total;
      console.log(`directory: ${total.toLocaleString('en')} contacts imported in ${ms(imported.ms)}`);

      const group = await call<{ id: number }>(core, 'groups.create', { channelId: channel.id, name: 'Half the directory' });
      const ids = (core.database.sqlite.prepare('SELECT id FROM contacts WHERE channel_id = ? AND id % 2 = 0').pluck().all(channel.id) as number[]);
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const added = await timed(() => core.groups.addMany(group.id, ids));
      loop.disable();
      console.log(
        `add ${ids.length.toLocaleString('en')} members (import path, 5k per transaction): ${ms(added.ms)}, longest main-thread stall ${ms(loop.max / 1e6)}`,
      );
      const optOut = core.database.sqlite.prepare('UPDATE contacts SET opted_out = 1 WHERE channel_id = ? AND id % 100 = 0');
      optOut.run(channel.id);

      const list = [];
      for (let i = 0; i < 50; i++) list.push((await timed(() => call(core, 'groups.list', { channelId: channel.id }))).ms);
      line('groups.list (member + opted-out counts)', list);

      line('members: every page, newest first', (await pages(core, { groupId: group.id })).samples);
      for (const query of ['ayşe', 'yılmaz', 'ISPARTA', '532', '0532 1', 'ş', 'ali k', 'gmail']) {
        const run = await pages(core, { groupId: group.id, query }, 200);
        line(`members: search ${JSON.stringify(query)}`, run.samples, `  rows=${run.rows}`);
      }

      const second = await call<{ id: number }>(core, 'groups.create', { channelId: channel.id, name: 'Search results' });
      const bySearch = await timed(() => call(core, 'groups.addSearchResults', { groupId: second.id, query: 'yılmaz' }));
      console.log(`addSearchResults "yılmaz": ${JSON.stringify(bySearch.value)} in ${ms(bySearch.ms)}`);

      const removed = await timed(() => call(core, 'groups.delete', { id: group.id }));
      console.log(`delete the ${ids.length.toLocaleString('en')}-member group: ${ms(removed.ms)}`);
    } finally {
      await core.close();
    }
  },
};

export default suite;

import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/platform/clock';
import type { CampaignProgress } from '../../../src-shared/api/campaigns';
import { tempDir, type TestCore } from '../../helpers/core';
import { addContacts, demoSetup, FAST, get, pngFile, runFor, runUntil } from './helpers';

let t: TestCore;
afterEach(async () => t?.close());

async function setup(opts: { ack?: boolean } = {}) {
  const s = await demoSetup({ clock: new ManualClock(), ack: opts.ack });
  t = s.t;
  return s;
}

/** The store's count columns agree with the units themselves. */
function countsConsistent(id: number) {
  const row = t.core.campaigns.store.row(id)!;
  const counts = t.core.campaigns.store.counts(row);
  const recount = t.core.campaigns.store.recount(id);
  for (const [state, n] of Object.entries(recount)) expect(counts[state as keyof typeof counts], state).toBe(n);
}

describe('creating a bulk message', () => {
  it('de-duplicates recipients from groups and picked contacts, counts the opted-out ones and skips them', async () => {
    const s = await setup();
    const a = await addContacts(t, s.channelId, 5, { group: 'A' });
    const b = await t.ok('groups.create', { channelId: s.channelId, name: 'B' });
    const members = (await t.ok('groups.members', { groupId: a.groupId, limit: 10 })).items;
    await t.ok('groups.addContacts', { groupId: b.id, contactIds: members.slice(0, 3).map((m) => m.id), phones: ['+905559998877'] });
    await t.ok('contacts.update', { id: members[0]!.id, optedOut: true });
    const c = await t.ok('campaigns.create', {
      channelId: s.channelId,
      title: 'Dedupe',
      groupIds: [a.groupId, b.id],
      contactIds: [members[1]!.id],
      parts: [{ kind: 'text', text: 'Hi' }, { kind: 'text', text: 'There' }],
      pacing: FAST,
    });
    expect(c).toMatchObject({ recipients: 6, optedOut: 1 });
    expect(c.counts).toMatchObject({ total: 12, pending: 10, skipped: 2 });
    expect(c.groups.map((g) => g.name)).toEqual(['A', 'B']);
    const preview = await t.ok('campaigns.preview', { campaignId: c.id });
    expect(preview).toMatchObject({ recipients: 6, optedOut: 1, messages: 10, costMinor: 100, enoughBalance: true });
    await t.ok('campaigns.start', { id: c.id });
    const done = await runUntil(t, c.id, 'completed', 10_000);
    expect(done.counts).toMatchObject({ sent: 10, skipped: 2 });
    const skipped = await t.ok('campaigns.recipients', { campaignId: c.id, state: 'skipped', limit: 10 });
    expect(skipped.items).toHaveLength(1);
    expect(skipped.items[0]!.parts.map((p) => p.failure)).toEqual(['opted_out', 'opted_out']);
    countsConsistent(c.id);
  });

  it('copies an image into the data dir, checked by its bytes and size', async () => {
    const s = await setup();
    const { groupId } = await addContacts(t, s.channelId, 1);
    const png = pngFile('kampanya görseli.png');
    const c = await t.ok('campaigns.create', { channelId: s.channelId, title: 'Img', groupIds: [groupId], parts: [{ kind: 'image', path: png, caption: 'Yeni' }] });
    const part = c.parts[0]!;
    expect(part.kind).toBe('image');
    if (part.kind !== 'image') return;
    expect(part.path.startsWith(path.join(t.dataDir, 'files', 'campaigns'))).toBe(true);
    expect(part).toMatchObject({ fileName: 'kampanya görseli.png', mime: 'image/png', caption: 'Yeni' });
    expect(fs.readFileSync(part.path)).toEqual(fs.readFileSync(png));

    const fake = path.join(tempDir(), 'fake.png');
    fs.writeFileSync(fake, 'not really a png');
    const notImage = await t.err('campaigns.create', { channelId: s.channelId, title: 'x', parts: [{ kind: 'image', path: fake }] });
    expect(notImage).toMatchObject({ code: 'image_type', field: 'parts.0.path' });
    expect(notImage.messageTr).toMatch(/JPEG/);
    const big = path.join(tempDir(), 'big.jpg');
    fs.writeFileSync(big, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024)]));
    expect((await t.err('campaigns.create', { channelId: s.channelId, title: 'x', parts: [{ kind: 'text', text: 'a' }, { kind: 'image', path: big }] })).field).toBe('parts.1.path');
    expect((await t.err('campaigns.create', { channelId: s.channelId, title: 'x', parts: [{ kind: 'image', path: '/no/such/file.png' }] })).code).toBe('image_missing');
  });

  it('refuses bad input with the field named, in both languages', async () => {
    const s = await setup();
    const other = await t.ok('channels.create', { name: 'Other', phone: '05327776655', engine: 'simulator' });
    const foreign = await addContacts(t, other.id, 1, { group: 'Foreign' });
    const base = { channelId: s.channelId, title: 'x', parts: [{ kind: 'text' as const, text: 'Hi' }] };
    const field = await t.err('campaigns.create', { ...base, parts: [{ kind: 'text', text: 'Hi {{colour}}' }] });
    expect(field).toMatchObject({ code: 'template_unknown_field', field: 'parts.0.text' });
    expect(field.messageTr).toMatch(/kişi alanı/);
    expect((await t.err('campaigns.create', { ...base, parts: [{ kind: 'random_text', variants: ['a', '{b'] }] })).field).toBe('parts.0.variants.1');
    expect((await t.err('campaigns.create', { ...base, groupIds: [foreign.groupId] })).field).toBe('groupIds.0');
    expect((await t.err('campaigns.create', { ...base, contactIds: [999_999] })).field).toBe('contactIds.0');
    expect((await t.err('campaigns.create', { ...base, scheduledAt: t.clock.now() - 1 })).code).toBe('schedule_in_past');
    expect((await t.err('campaigns.create', { ...base, parts: [{ kind: 'button', text: 'x' }] })).code).toBe('invalid_input');
    expect((await t.err('campaigns.create', { ...base, parts: [] })).code).toBe('invalid_input');
    expect((await t.err('campaigns.create', { ...base, title: '   ' })).code).toBe('invalid_input');
    const empty = await t.ok('campaigns.create', base);
    expect((await t.err('campaigns.start', { id: empty.id })).code).toBe('campaign_no_recipients');
  });

  it('will not start (or schedule) before the channel’s QR-mode warning is acknowledged, once', async () => {
    const s = await setup({ ack: false });
    const { groupId } = await addContacts(t, s.channelId, 1);
    const warning = await t.ok('campaigns.warning', { channelId: s.channelId });
    expect(warning.acknowledgedAt).toBeNull();
    expect(warning.text.en).toMatch(/Business API/);
    expect(warning.text.tr).toMatch(/Business API/);
    const c = await t.ok('campaigns.create', { channelId: s.channelId, title: 'W', groupIds: [groupId], parts: [{ kind: 'text', text: 'Hi' }], pacing: FAST });
    const refused = await t.err('campaigns.start', { id: c.id });
    expect(refused.code).toBe('warning_not_acknowledged');
    expect(refused.messageTr).toMatch(/uyarı/);
    expect((await t.err('campaigns.update', { id: c.id, scheduledAt: t.clock.now() + 60_000 })).code).toBe('warning_not_acknowledged');
    expect((await t.ok('campaigns.preview', { campaignId: c.id })).warningAcknowledged).toBe(false);
    const acked = await t.ok('campaigns.acknowledgeWarning', { channelId: s.channelId });
    expect(acked.acknowledgedAt).toBe(t.clock.now());
    t.clock.advance(1000);
    expect((await t.ok('campaigns.acknowledgeWarning', { channelId: s.channelId })).acknowledgedAt).toBe(acked.acknowledgedAt);
    expect((await t.ok('campaigns.start', { id: c.id })).status).toBe('sending');
  });
});

describe('preview', () => {
  it('renders a chosen recipient exactly as the send will, with cost against the balance and the duration', async () => {
    const s = await setup();
    await t.ok('attributes.create', { key: 'city', label: 'City', type: 'text' });
    const { groupId } = await addContacts(t, s.channelId, 6);
    const members = (await t.ok('groups.members', { groupId, limit: 10 })).items;
    await t.ok('contacts.update', { id: members[2]!.id, attributes: { city: 'İzmir' } });
    const textPart = { kind: 'text' as const, text: '{Merhaba|Selam|Hey} {{name}} from {{city|your town}}' };
    const variantsPart = { kind: 'random_text' as const, variants: ['V1 {{name}}', 'V2', 'V3', 'V4'] };
    const parts = [textPart, variantsPart];
    const form = await t.ok('campaigns.preview', { channelId: s.channelId, groupIds: [groupId], parts, pacing: { delayMinSec: 20, delayMaxSec: 40, window: null, pauseEvery: null } });
    expect(form).toMatchObject({ picksFinal: false, recipients: 6, messages: 12, costMinor: 120, balanceMinor: 1_000_000, enoughBalance: true, warningAcknowledged: true, demo: true });
    // Per recipient: the average delay (30 s), one gap between the parts (4 s), typing for the average template length.
    const avgLength = (textPart.text.length + variantsPart.variants.reduce((n, v) => n + v.length, 0) / 4) / 2;
    expect(form.estimatedMs).toBe(6 * (30_000 + 4000 + 2 * (1000 + 50 * avgLength)));
    const c = await t.ok('campaigns.create', { channelId: s.channelId, title: 'P', groupIds: [groupId], parts, pacing: FAST });
    const previews = new Map<number, (string | null)[]>();
    for (const m of members) {
      const p = await t.ok('campaigns.preview', { campaignId: c.id, contactId: m.id });
      expect(p.picksFinal).toBe(true);
      previews.set(m.id, p.parts.map((x) => x.text));
    }
    expect(previews.get(members[2]!.id)![0]).toMatch(/^(Merhaba|Selam|Hey) Person \d from İzmir$/);
    expect(previews.get(members[0]!.id)![0]).toMatch(/from your town$/);
    await t.ok('campaigns.start', { id: c.id });
    await runUntil(t, c.id, 'completed', 10_000);
    const sent = await t.ok('simulator.delivered', { channelId: s.channelId, limit: 100 });
    const page = await t.ok('campaigns.recipients', { campaignId: c.id, limit: 50 });
    for (const r of page.items) {
      const bodies = sent.filter((d) => d.to === r.phone).map((d) => d.body);
      expect(bodies).toEqual(previews.get(r.contactId!));
      expect(r.parts[1]!.variant).toBe(['V1', 'V2', 'V3', 'V4'].findIndex((v) => bodies[1]!.startsWith(v)));
    }
    const variants = new Set(page.items.map((r) => r.parts[1]!.variant));
    expect(variants.size).toBeGreaterThan(1);
    expect((await t.err('campaigns.preview', { campaignId: c.id, contactId: 999_999 })).code).toBe('recipient_not_found');
  });

  it('warns when the balance does not cover the cost', async () => {
    const s = await setup();
    await t.ok('wallet.adjust', { idempotencyKey: 'drain', amountMinor: -999_990, reason: 'drain' });
    const { groupId } = await addContacts(t, s.channelId, 3);
    const p = await t.ok('campaigns.preview', { channelId: s.channelId, groupIds: [groupId], parts: [{ kind: 'text', text: 'Hi' }, { kind: 'image', path: pngFile() }] });
    expect(p).toMatchObject({ costMinor: 3 * (10 + 25), balanceMinor: 10, enoughBalance: false });
    expect(p.parts[1]!.image?.fileName).toBe('promo.png');
  });
});

describe('controls', () => {
  it('pauses and resumes by hand, cancels the rest, duplicates as a new draft', async () => {
    const s = await setup();
    const { groupId } = await addContacts(t, s.channelId, 6);
    const c = await t.ok('campaigns.create', {
      channelId: s.channelId,
      title: 'Controls',
      description: 'Yaz kampanyası',
      groupIds: [groupId],
      parts: [{ kind: 'text', text: 'Hi' }],
      pacing: { delayMinSec: 10, delayMaxSec: 20, window: null, pauseEvery: null },
    });
    await t.ok('campaigns.start', { id: c.id });
    await runFor(t, 15_000);
    const paused = await t.ok('campaigns.pause', { id: c.id });
    expect(paused).toMatchObject({ status: 'paused', pauseReason: 'user' });
    const sentWhilePaused = paused.counts.sent;
    await runFor(t, 600_000);
    expect((await get(t, c.id)).counts.sent).toBe(sentWhilePaused);
    expect((await t.err('campaigns.update', { id: c.id, title: 'New' })).code).toBe('campaign_wrong_status');
    await t.ok('campaigns.resume', { id: c.id });
    await runFor(t, 25_000);
    const cancelled = await t.ok('campaigns.cancel', { id: c.id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.counts.pending).toBe(0);
    expect(cancelled.counts.sent + cancelled.counts.skipped).toBe(6);
    expect(cancelled.counts.skipped).toBeGreaterThan(0);
    await runFor(t, 600_000);
    expect((await get(t, c.id)).counts.sent).toBe(cancelled.counts.sent);
    expect((await t.err('campaigns.cancel', { id: c.id })).code).toBe('campaign_wrong_status');
    const copy = await t.ok('campaigns.duplicate', { id: c.id });
    expect(copy).toMatchObject({ status: 'draft', title: 'Controls', description: 'Yaz kampanyası', duplicatedFrom: c.id, recipients: 6 });
    expect(copy.counts).toMatchObject({ pending: 6, sent: 0 });
    expect(copy.parts).toEqual(cancelled.parts);
    countsConsistent(c.id);
    countsConsistent(copy.id);
  });

  it('sends the campaigns of a channel one at a time, in the order they were started', async () => {
    const s = await setup();
    const a = await addContacts(t, s.channelId, 3, { group: 'A' });
    const pacing = { delayMinSec: 5, delayMaxSec: 6, window: null, pauseEvery: null };
    const first = await t.ok('campaigns.create', { channelId: s.channelId, title: 'First', groupIds: [a.groupId], parts: [{ kind: 'text', text: 'one' }], pacing });
    const second = await t.ok('campaigns.create', { channelId: s.channelId, title: 'Second', groupIds: [a.groupId], parts: [{ kind: 'text', text: 'two' }], pacing });
    await t.ok('campaigns.start', { id: first.id });
    t.clock.advance(1);
    await t.ok('campaigns.start', { id: second.id });
    await runFor(t, 3000);
    expect((await get(t, second.id)).wait).toEqual({ reason: 'queued', until: null, behindCampaignId: first.id });
    await runUntil(t, second.id, 'completed', 120_000);
    const bodies = (await t.ok('simulator.delivered', { channelId: s.channelId, limit: 10 })).map((d) => d.body);
    expect(bodies).toEqual(['one', 'one', 'one', 'two', 'two', 'two']);
  });

  it('edits drafts only, remakes the recipient list when parts or recipients change, and schedules', async () => {
    const s = await setup();
    const a = await addContacts(t, s.channelId, 4, { group: 'A' });
    const c = await t.ok('campaigns.create', { channelId: s.channelId, title: 'Draft', groupIds: [a.groupId], parts: [{ kind: 'text', text: 'Hi' }], pacing: FAST });
    const edited = await t.ok('campaigns.update', {
      id: c.id,
      title: 'Draft 2',
      parts: [{ kind: 'text', text: 'Hi' }, { kind: 'text', text: 'Bye' }],
      contactIds: [(await t.ok('groups.members', { groupId: a.groupId, limit: 1 })).items[0]!.id],
      groupIds: [],
    });
    expect(edited).toMatchObject({ title: 'Draft 2', recipients: 1 });
    expect(edited.counts.total).toBe(2);
    const when = t.clock.now() + 3_600_000;
    const scheduled = await t.ok('campaigns.update', { id: c.id, scheduledAt: when });
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledAt: when });
    await runFor(t, 3_000_000);
    expect((await get(t, c.id)).status).toBe('scheduled');
    const done = await runUntil(t, c.id, 'completed', 1_000_000);
    expect(done.startedAt).toBe(when);
    expect(done.counts.sent).toBe(2);
  });

  it('tells a draft that its group was deleted, and leaves the group’s members out', async () => {
    const s = await setup();
    const a = await addContacts(t, s.channelId, 3, { group: 'Gone' });
    const b = await addContacts(t, s.channelId, 2, { group: 'Kept', from: 100 });
    const c = await t.ok('campaigns.create', { channelId: s.channelId, title: 'D', groupIds: [a.groupId, b.groupId], parts: [{ kind: 'text', text: 'Hi' }] });
    expect(c.recipients).toBe(5);
    expect(await t.ok('groups.delete', { id: a.groupId })).toEqual({ deleted: true, draftsAffected: 1 });
    await t.core.campaigns.settled();
    const told = await get(t, c.id);
    expect(told.groups).toEqual([
      { id: null, name: 'Gone', deleted: true },
      { id: b.groupId, name: 'Kept', deleted: false },
    ]);
    expect(told.notices[0]!.en).toMatch(/"Gone" was deleted/);
    expect(told.recipients).toBe(2);
  });
});

describe('results', () => {
  it('updates delivery from acks, pages per recipient, and exports formula-safe CSV and XLSX', async () => {
    const s = await setup();
    const group = await t.ok('groups.create', { channelId: s.channelId, name: 'Hostile' });
    await t.ok('groups.addContacts', {
      groupId: group.id,
      phones: [
        { phone: '+905321000001', name: '=HYPERLINK("http://evil","x")' },
        { phone: '+905321000002', name: 'Ayşe' },
        { phone: '+905321000000', name: 'Nowhere' },
      ],
    });
    const events: CampaignProgress[] = [];
    t.core.events.subscribe((name, payload) => {
      if (name === 'campaign.progress') events.push(payload as CampaignProgress);
    });
    const c = await t.ok('campaigns.create', { channelId: s.channelId, title: 'Acks', groupIds: [group.id], parts: [{ kind: 'text', text: 'Hi' }], pacing: FAST });
    await t.ok('campaigns.start', { id: c.id });
    const done = await runUntil(t, c.id, 'completed', 10_000);
    await runFor(t, 1000);
    expect((await get(t, c.id)).counts).toMatchObject({ sent: 2, invalid_number: 1, delivered: 2, read: 2 });
    expect(done.etaAt).toBeNull();
    expect(events.at(-1)).toMatchObject({ campaignId: c.id, status: 'completed' });
    expect(events.some((e) => e.status === 'sending')).toBe(true);

    const first = await t.ok('campaigns.recipients', { campaignId: c.id, limit: 2 });
    expect(first.items).toHaveLength(2);
    const rest = await t.ok('campaigns.recipients', { campaignId: c.id, limit: 2, cursor: first.nextCursor! });
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    const all = [...first.items, ...rest.items];
    expect(all.find((r) => r.name === 'Ayşe')!.parts[0]).toMatchObject({ state: 'sent', delivery: 'read', body: 'Hi' });
    const invalid = await t.ok('campaigns.recipients', { campaignId: c.id, state: 'invalid_number', limit: 10 });
    expect(invalid.items.map((r) => r.name)).toEqual(['Nowhere']);
    expect(invalid.items[0]!.parts[0]!.failureText?.en).toBe('The number is not on WhatsApp');
    expect((await t.err('campaigns.recipients', { campaignId: c.id, limit: 2, cursor: 'nonsense' })).code).toBe('bad_cursor');

    const csv = await t.ok('campaigns.export', { campaignId: c.id, format: 'csv' });
    expect(csv.rows).toBe(3);
    const text = fs.readFileSync(csv.path, 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(text).toContain('Not on WhatsApp');
    expect(csv.path.startsWith(path.join(t.dataDir, 'exports'))).toBe(true);
    const xlsx = await t.ok('campaigns.export', { campaignId: c.id, format: 'xlsx' });
    const sheet = XLSX.read(fs.readFileSync(xlsx.path)).Sheets['Results']!;
    const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 });
    expect(rows.flat()).toContain(`'=HYPERLINK("http://evil","x")`);
    expect(rows.flat().some((v) => typeof v === 'string' && v.startsWith('='))).toBe(false);
  });

  it('lists past sends newest first, filtered by title, description (Turkish-aware), status and date, in pages', async () => {
    const s = await setup();
    const { groupId } = await addContacts(t, s.channelId, 1);
    const make = async (title: string, description: string) => {
      t.clock.advance(60_000);
      return t.ok('campaigns.create', { channelId: s.channelId, title, description, groupIds: [groupId], parts: [{ kind: 'text', text: 'Hi' }], pacing: FAST });
    };
    const a = await make('Bahar İndirimi', 'ISPARTA şubesi');
    const b = await make('Yaz', 'Istanbul');
    const c = await make('Kış indirimi', 'ısparta');
    await t.ok('campaigns.start', { id: b.id });
    await runUntil(t, b.id, 'completed', 10_000);
    const ids = async (input: Record<string, unknown>) =>
      (await t.ok('campaigns.list', { channelId: s.channelId, ...input })).items.map((x) => x.id);
    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ title: 'indirimi' })).toEqual([c.id, a.id]);
    expect(await ids({ title: 'INDIRIM' })).toEqual([c.id, a.id]);
    expect(await ids({ description: 'Isparta' })).toEqual([c.id, a.id]);
    expect(await ids({ status: 'completed' })).toEqual([b.id]);
    expect(await ids({ status: ['draft'] })).toEqual([c.id, a.id]);
    expect(await ids({ from: b.createdAt, to: c.createdAt })).toEqual([b.id]);
    expect(await ids({ title: '%' })).toEqual([]);
    const page1 = await t.ok('campaigns.list', { channelId: s.channelId, limit: 2 });
    const page2 = await t.ok('campaigns.list', { channelId: s.channelId, limit: 2, cursor: page1.nextCursor! });
    expect([...page1.items, ...page2.items].map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    expect(page2.nextCursor).toBeNull();
  });
});

describe('opt-out replies', () => {
  it('STOP, DUR, İPTAL and configured words opt the contact out; its remaining parts are skipped before sending', async () => {
    const s = await setup();
    await t.ok('campaigns.settings.update', { optOutKeywords: ['istemiyorum', 'İstemiyorum'] });
    expect((await t.ok('campaigns.settings', {})).optOutKeywords).toEqual(['İstemiyorum']);
    const { groupId, phones } = await addContacts(t, s.channelId, 5);
    const c = await t.ok('campaigns.create', {
      channelId: s.channelId,
      title: 'Opt',
      groupIds: [groupId],
      parts: [{ kind: 'text', text: 'Hi' }],
      pacing: { delayMinSec: 10, delayMaxSec: 11, window: null, pauseEvery: null },
    });
    await t.ok('simulator.incoming', { channelId: s.channelId, from: phones[1]!, text: '  İptal! ' });
    await t.ok('simulator.incoming', { channelId: s.channelId, from: phones[2]!, text: 'ISTEMIYORUM' });
    await t.ok('simulator.incoming', { channelId: s.channelId, from: phones[3]!, text: 'please do not stop' });
    await t.ok('simulator.incoming', { channelId: s.channelId, from: phones[4]!, text: 'dur' });
    await t.ok('campaigns.start', { id: c.id });
    const done = await runUntil(t, c.id, 'completed', 600_000);
    expect(done.counts).toMatchObject({ sent: 2, skipped: 3 });
    const contacts = (await t.ok('groups.members', { groupId, limit: 10 })).items;
    const reason = (phone: string) => contacts.find((x) => x.phone === phone)!.optOutReason;
    expect(reason(phones[1]!)).toMatch(/^reply:/);
    expect(reason(phones[2]!)).toBe('reply:İSTEMİYORUM');
    expect(reason(phones[3]!)).toBeNull();
    expect((await t.err('campaigns.settings.update', { timeZone: 'Mars/Olympus' })).code).toBe('invalid_time_zone');
  });
});

import type Database from 'better-sqlite3';
import type { AttributeDef, AttributeType, AttributeValue, Contact, ContactPage, ContactSort, ContactSource } from '../../src-shared/api/contacts';
import { AppError, notFound } from '../../src-shared/errors';
import { parsePhone } from '../../src-shared/domain/phone';
import { foldText } from '../../src-shared/domain/text';
import type { DbHandle } from '../db/connection';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { Logger } from '../platform/logger';
import type { ChannelsService } from '../channels/service';
import type { GatewayManager } from '../whatsapp/manager';
import { GatewayError } from '../whatsapp/gateway';
import type { AttributesService } from './attributes';
import { ContactQueries, type RawPage } from './queries';
import { CONTACT_COLUMNS, FTS_DELETE, FTS_INSERT, parseAttributes, setSearchIndexMerging, toContact, type RawContactRow } from './rows';
import { indexKeysOf } from './search-text';
import { normaliseAttributeValue, normaliseEmail, normaliseName, phoneProblem, type ValueResult } from './values';

const CONTACT = { en: 'The contact', tr: 'Kişi' };
/** Rows per transaction when clearing a deleted attribute, so the UI never waits on a long write. */
const CLEANUP_CHUNK = 2000;
/** Replies that mean "stop messaging me", Turkish-folded. */
const OPT_OUT_WORDS = new Set(['stop', 'dur', 'iptal']);

export interface ContactsDeps {
  handle: DbHandle;
  clock: Clock;
  events: EventBus;
  log: Logger;
  channels: ChannelsService;
  gateways: GatewayManager;
  attributes: () => AttributesService;
}

interface Fields {
  phone: string;
  name: string | null;
  pushName: string | null;
  email: string | null;
  attributes: Record<string, AttributeValue>;
}

/** The contact directory of every channel: cards, their search index, keyset lists, and cards made from chats. */
export class ContactsService {
  private readonly sqlite: Database.Database;
  private readonly stmts = new Map<string, Database.Statement>();
  readonly queries: ContactQueries;

  constructor(private readonly deps: ContactsDeps) {
    this.sqlite = deps.handle.sqlite;
    setSearchIndexMerging(this.sqlite, true);
    this.queries = new ContactQueries(this.sqlite, () => deps.attributes().types());
  }

  /** Keeps a card for everyone each channel talks to; call once when the services are wired. */
  listenToGateways(): () => void {
    const offIn = this.deps.gateways.onGatewayEvent('message', (channelId, msg) =>
      this.safely(() => this.recordMessage(channelId, msg.from, 'incoming', msg.at, msg.pushName, msg.text)),
    );
    const offOut = this.deps.gateways.onGatewayEvent('outgoing', (channelId, msg) =>
      this.safely(() => this.recordMessage(channelId, msg.to, 'outgoing', msg.at, null, msg.text)),
    );
    return () => {
      offIn();
      offOut();
    };
  }

  get(id: number): Contact {
    return toContact(this.row(id));
  }

  row(id: number): RawContactRow {
    const row = this.stmt(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = ?`).get(id) as RawContactRow | undefined;
    if (!row) throw notFound(CONTACT, 'id');
    return row;
  }

  findByPhone(channelId: number, e164: string): RawContactRow | null {
    const row = this.stmt(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE channel_id = ? AND phone = ?`).get(channelId, e164);
    return (row as RawContactRow | undefined) ?? null;
  }

  create(input: {
    channelId: number;
    phone: string;
    name?: string | null;
    email?: string | null;
    attributes?: Record<string, string | number | null>;
  }): Contact {
    const channel = this.deps.channels.row(input.channelId);
    const phone = this.phoneOrThrow(input.phone, channel.defaultCountry);
    const defs = this.deps.attributes().byKey();
    const fields: Fields = {
      phone,
      name: input.name == null ? null : field('name', normaliseName(input.name)),
      pushName: null,
      email: input.email == null ? null : field('email', normaliseEmail(input.email)),
      attributes: this.mergeAttributes({}, input.attributes ?? {}, defs, channel.defaultCountry),
    };
    const existing = this.findByPhone(channel.id, phone);
    if (existing) throw contactExists(existing);
    const id = this.insert(channel.id, fields, 'manual', null, typesOf(defs));
    this.changed(channel.id);
    return this.get(id);
  }

  /** Cards for numbers that are not in the directory yet (groups adding typed numbers); existing ones are kept. */
  ensure(channelId: number, entries: { phone: string; name?: string | null }[], source: ContactSource = 'manual'): { ids: number[]; created: number } {
    const types = this.deps.attributes().types();
    let created = 0;
    const ids = this.sqlite.transaction(() =>
      entries.map((e) => {
        const existing = this.findByPhone(channelId, e.phone);
        if (existing) return existing.id;
        created += 1;
        const name = e.name == null ? null : field('name', normaliseName(e.name));
        return this.insert(channelId, { phone: e.phone, name, pushName: null, email: null, attributes: {} }, source, null, types);
      }),
    )();
    if (created > 0) this.changed(channelId);
    return { ids, created };
  }

  update(input: {
    id: number;
    phone?: string;
    name?: string | null;
    email?: string | null;
    attributes?: Record<string, string | number | null>;
    optedOut?: boolean;
    optOutReason?: string | null;
  }): Contact {
    const current = this.row(input.id);
    const channel = this.deps.channels.row(current.channelId);
    const defs = this.deps.attributes().byKey();
    const now = this.deps.clock.now();
    const fields: Fields = {
      phone: current.phone,
      name: current.name,
      pushName: current.pushName,
      email: current.email,
      attributes: parseAttributes(current.attributes),
    };
    if (input.phone !== undefined) {
      fields.phone = this.phoneOrThrow(input.phone, channel.defaultCountry);
      const clash = this.findByPhone(channel.id, fields.phone);
      if (clash && clash.id !== current.id) throw contactExists(clash);
    }
    if (input.name !== undefined) fields.name = input.name === null ? null : field('name', normaliseName(input.name));
    if (input.email !== undefined) fields.email = input.email === null ? null : field('email', normaliseEmail(input.email));
    if (input.attributes !== undefined) {
      fields.attributes = this.mergeAttributes(fields.attributes, input.attributes, defs, channel.defaultCountry);
    }
    let optedOut = current.optedOut === 1;
    let optedOutAt = current.optedOutAt;
    let optOutReason = current.optOutReason;
    if (input.optedOut !== undefined && input.optedOut !== optedOut) {
      optedOut = input.optedOut;
      optedOutAt = optedOut ? now : null;
      optOutReason = optedOut ? (input.optOutReason ?? 'manual') : null;
    } else if (input.optOutReason !== undefined && optedOut) {
      optOutReason = input.optOutReason ?? 'manual';
    }
    const keys = indexKeysOf(fields, typesOf(defs));
    this.sqlite.transaction(() => {
      this.stmt(
        `UPDATE contacts SET phone = ?, name = ?, email = ?, attributes = ?, sort_name = ?, opted_out = ?, opted_out_at = ?,
         opt_out_reason = ?, updated_at = ? WHERE id = ?`,
      ).run(
        fields.phone,
        fields.name,
        fields.email,
        JSON.stringify(fields.attributes),
        keys.sortName,
        optedOut ? 1 : 0,
        optedOutAt,
        optOutReason,
        now,
        current.id,
      );
      this.reindex(current.id, keys.search);
    })();
    this.changed(channel.id);
    return this.get(current.id);
  }

  delete(ids: number[]): { deleted: number } {
    const channelIds = new Set<number>();
    let deleted = 0;
    const find = this.stmt('SELECT channel_id AS channelId FROM contacts WHERE id = ?');
    const remove = this.stmt('DELETE FROM contacts WHERE id = ?');
    this.sqlite.transaction(() => {
      for (const id of new Set(ids)) {
        const row = find.get(id) as { channelId: number } | undefined;
        if (!row) continue;
        deleted += remove.run(id).changes;
        channelIds.add(row.channelId);
      }
    })();
    for (const id of channelIds) this.changed(id);
    return { deleted };
  }

  count(channelId: number): { total: number } {
    this.deps.channels.row(channelId);
    const { n } = this.stmt('SELECT count(*) AS n FROM contacts WHERE channel_id = ?').get(channelId) as { n: number };
    return { total: n };
  }

  list(input: { channelId: number; sort: ContactSort; limit: number; cursor?: string }): ContactPage {
    this.deps.channels.row(input.channelId);
    return toPage(this.queries.list(input));
  }

  search(input: { channelId: number; query: string; limit: number; cursor?: string }): ContactPage {
    this.deps.channels.row(input.channelId);
    return toPage(this.queries.search(input));
  }

  /** Sends a text through the contact's channel (the minimal compose until the inbox exists). */
  async sendMessage(contactId: number, text: string): Promise<{ messageId: string; at: number }> {
    const contact = this.row(contactId);
    if (contact.optedOut === 1) {
      throw new AppError('contact_opted_out', {
        en: 'This contact asked not to be messaged. Clear the opt-out on the card first if they agreed again.',
        tr: 'Bu kişi mesaj almak istemediğini bildirdi. Yeniden onay verdiyse önce karttaki engeli kaldırın.',
      });
    }
    const gateway = this.deps.gateways.gateway(contact.channelId);
    if (!gateway || gateway.state() !== 'ready') {
      throw new AppError('channel_not_connected', {
        en: "The channel is not connected to WhatsApp. Connect it (scan the QR code) and try again.",
        tr: 'Kanal WhatsApp’a bağlı değil. Bağlayın (QR kodu okutun) ve tekrar deneyin.',
      });
    }
    try {
      return await gateway.sendText(contact.phone, text);
    } catch (err) {
      if (err instanceof GatewayError) throw gatewayFailure(err);
      throw err;
    }
  }

  /**
   * Clears a deleted attribute's values in short transactions, yielding between them so the process serving the
   * UI stays responsive even with a million cards.
   */
  async removeAttributeValues(key: string, searchable: boolean): Promise<number> {
    const path = `$.${key}`;
    const select = this.stmt(
      `SELECT id, phone, name, push_name AS pushName, email, attributes FROM contacts WHERE id > ? ORDER BY id LIMIT ${CLEANUP_CHUNK}`,
    );
    const strip = this.stmt('UPDATE contacts SET attributes = json_remove(attributes, ?) WHERE id = ?');
    let removed = 0;
    let after = 0;
    for (;;) {
      const rows = select.all(after) as (Omit<Fields, 'attributes'> & { id: number; attributes: string })[];
      if (rows.length === 0) break;
      const types = searchable ? this.deps.attributes().types() : null;
      this.sqlite.transaction(() => {
        for (const row of rows) {
          const attributes = parseAttributes(row.attributes);
          if (!(key in attributes)) continue;
          removed += 1;
          strip.run(path, row.id);
          delete attributes[key];
          if (types) this.reindex(row.id, indexKeysOf({ ...row, attributes }, types).search);
        }
      })();
      after = rows[rows.length - 1]!.id;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return removed;
  }

  /** Upserts the card of someone the channel wrote to or heard from; a STOP/DUR/IPTAL reply opts them out. */
  recordMessage(channelId: number, phone: string, direction: 'incoming' | 'outgoing', at: number, pushName: string | null, text: string): void {
    if (!/^\+[1-9]\d{5,14}$/.test(phone)) return;
    const optOut = direction === 'incoming' && OPT_OUT_WORDS.has(foldText(text).replace(/[^a-z]/g, ''));
    const cleanPush = pushName === null ? null : normaliseName(pushName);
    const push = cleanPush?.ok ? cleanPush.value : null;
    const types = this.deps.attributes().types();
    const now = this.deps.clock.now();
    this.sqlite.transaction(() => {
      const existing = this.findByPhone(channelId, phone);
      if (!existing) {
        const id = this.insert(channelId, { phone, name: null, pushName: push, email: null, attributes: {} }, direction, at, types);
        if (optOut) this.optOut(id, at, text);
        return;
      }
      const newPush = push ?? existing.pushName;
      const keys = indexKeysOf({ ...existing, pushName: newPush, attributes: parseAttributes(existing.attributes) }, types);
      this.stmt(
        `UPDATE contacts SET last_message_at = max(coalesce(last_message_at, 0), ?), push_name = ?, sort_name = ?, updated_at = ? WHERE id = ?`,
      ).run(at, newPush, keys.sortName, now, existing.id);
      if (newPush !== existing.pushName) this.reindex(existing.id, keys.search);
      if (optOut && existing.optedOut === 0) this.optOut(existing.id, at, text);
    })();
    this.changed(channelId);
  }

  private optOut(id: number, at: number, text: string): void {
    const word = foldText(text).replace(/[^a-z]/g, '').toUpperCase();
    this.stmt('UPDATE contacts SET opted_out = 1, opted_out_at = ?, opt_out_reason = ? WHERE id = ?').run(at, `reply:${word}`, id);
  }

  private insert(
    channelId: number,
    f: Fields,
    source: ContactSource,
    lastMessageAt: number | null,
    types: ReadonlyMap<string, AttributeType>,
  ): number {
    const now = this.deps.clock.now();
    const keys = indexKeysOf(f, types);
    return this.sqlite.transaction(() => {
      const { lastInsertRowid } = this.stmt(
        `INSERT INTO contacts (channel_id, phone, name, push_name, email, attributes, source, sort_name, created_at, updated_at, last_message_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(channelId, f.phone, f.name, f.pushName, f.email, JSON.stringify(f.attributes), source, keys.sortName, now, now, lastMessageAt);
      const id = Number(lastInsertRowid);
      this.stmt(FTS_INSERT).run(id, keys.search);
      return id;
    })();
  }

  private reindex(id: number, search: string): void {
    this.stmt(FTS_DELETE).run(id);
    this.stmt(FTS_INSERT).run(id, search);
  }

  private mergeAttributes(
    current: Record<string, AttributeValue>,
    patch: Record<string, string | number | null>,
    defs: Map<string, AttributeDef>,
    defaultCountry: string,
  ): Record<string, AttributeValue> {
    const next = { ...current };
    for (const [key, raw] of Object.entries(patch)) {
      const def = defs.get(key);
      if (!def) {
        throw new AppError(
          'attribute_unknown',
          {
            en: `There is no attribute with the key "${key}". Create it under Visitor Profile Information first.`,
            tr: `"${key}" anahtarlı bir özellik yok. Önce Ziyaretçi Profil Bilgileri altında oluşturun.`,
          },
          { field: `attributes.${key}` },
        );
      }
      const value = field(`attributes.${key}`, normaliseAttributeValue(def, raw, { defaultCountry }));
      if (value === null) delete next[key];
      else next[key] = value;
    }
    return next;
  }

  private phoneOrThrow(raw: string, defaultCountry: string): string {
    const parsed = parsePhone(raw, defaultCountry);
    if (!parsed.ok) {
      const p = phoneProblem(parsed.problem);
      throw new AppError(p.code, p.text, { field: 'phone' });
    }
    return parsed.e164;
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (!s) this.stmts.set(sql, (s = this.sqlite.prepare(sql)));
    return s;
  }

  private changed(channelId: number): void {
    this.deps.events.emit('contacts.changed', { channelId });
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.deps.log.error('contact card update failed', { error: err instanceof Error ? err.stack : String(err) });
    }
  }
}

function toPage(p: RawPage): ContactPage {
  return { items: p.rows.map(toContact), nextCursor: p.nextCursor };
}

function typesOf(defs: Map<string, AttributeDef>): Map<string, AttributeType> {
  return new Map([...defs].map(([k, d]) => [k, d.type]));
}

function field<T>(name: string, result: ValueResult<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.code, result.text, { field: name });
}

function contactExists(existing: RawContactRow): AppError {
  const who = existing.name ?? existing.pushName ?? existing.phone;
  return new AppError(
    'contact_exists',
    {
      en: `${existing.phone} is already in the directory (${who}).`,
      tr: `${existing.phone} rehberde zaten kayıtlı (${who}).`,
    },
    { field: 'phone', details: { id: existing.id } },
  );
}

function gatewayFailure(err: GatewayError): AppError {
  switch (err.reason) {
    case 'invalid_number':
      return new AppError('not_on_whatsapp', {
        en: 'This number is not on WhatsApp.',
        tr: 'Bu numara WhatsApp’ta kayıtlı değil.',
      });
    case 'not_ready':
      return new AppError('channel_not_connected', {
        en: 'The channel is not connected to WhatsApp. Connect it and try again.',
        tr: 'Kanal WhatsApp’a bağlı değil. Bağlayın ve tekrar deneyin.',
      });
    case 'blocked':
      return new AppError('channel_blocked', {
        en: 'WhatsApp has blocked this number; messages cannot be sent.',
        tr: 'WhatsApp bu numarayı engelledi; mesaj gönderilemiyor.',
      });
    case 'timeout':
      return new AppError('send_unknown', {
        en: 'WhatsApp did not confirm the message in time; check the chat before sending it again.',
        tr: 'WhatsApp mesajı zamanında onaylamadı; tekrar göndermeden önce sohbeti kontrol edin.',
      });
    case 'send_failed':
      return new AppError('send_failed', {
        en: 'WhatsApp refused to send the message. Try again in a moment.',
        tr: 'WhatsApp mesajı göndermedi. Birazdan tekrar deneyin.',
      });
  }
}

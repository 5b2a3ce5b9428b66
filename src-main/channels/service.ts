import { eq } from 'drizzle-orm';
import path from 'node:path';
import type { Channel, Engine } from '../../src-shared/api/channels';
import { AppError, notFound } from '../../src-shared/errors';
import { formatPhone, parsePhone, PHONE_PROBLEM_TEXT } from '../../src-shared/domain/phone';
import { cleanName, foldText } from '../../src-shared/domain/text';
import type { Db } from '../db/connection';
import { channels } from '../db/schema';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { GatewayManager, GatewayTarget } from '../whatsapp/manager';

type Row = typeof channels.$inferSelect;

const CHANNEL = { en: 'The channel', tr: 'Kanal' };

export interface ChannelsDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  gateways: GatewayManager;
  sessionsDir: string;
}

export class ChannelsService {
  constructor(private readonly deps: ChannelsDeps) {}

  list(): Channel[] {
    return this.deps.db.select().from(channels).orderBy(channels.name).all().map((r) => this.toChannel(r));
  }

  get(id: number): Channel {
    return this.toChannel(this.row(id));
  }

  row(id: number): Row {
    const row = this.deps.db.select().from(channels).where(eq(channels.id, id)).get();
    if (!row) throw notFound(CHANNEL, 'id');
    return row;
  }

  create(input: { name: string; phone: string; engine: Engine; defaultCountry: string }): Channel {
    const now = this.deps.clock.now();
    const name = cleanName(input.name);
    const phone = normaliseChannelPhone(input.phone, input.defaultCountry);
    this.assertNameFree(name, null);
    const row = this.deps.db
      .insert(channels)
      .values({
        name,
        nameFold: foldText(name),
        phone,
        engine: input.engine,
        defaultCountry: input.defaultCountry,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    this.deps.events.emit('channels.changed', { channelId: row.id });
    return this.toChannel(row);
  }

  update(input: { id: number; name?: string; phone?: string; defaultCountry?: string }): Channel {
    const current = this.row(input.id);
    const patch: Partial<Row> = { updatedAt: this.deps.clock.now() };
    if (input.name !== undefined) {
      const name = cleanName(input.name);
      this.assertNameFree(name, current.id);
      patch.name = name;
      patch.nameFold = foldText(name);
    }
    if (input.defaultCountry !== undefined) patch.defaultCountry = input.defaultCountry;
    if (input.phone !== undefined) {
      patch.phone = normaliseChannelPhone(input.phone, input.defaultCountry ?? current.defaultCountry);
    }
    const row = this.deps.db.update(channels).set(patch).where(eq(channels.id, current.id)).returning().get();
    this.deps.events.emit('channels.changed', { channelId: row.id });
    return this.toChannel(row);
  }

  async delete(id: number): Promise<void> {
    this.row(id);
    await this.deps.gateways.remove(id);
    this.deps.db.delete(channels).where(eq(channels.id, id)).run();
    this.deps.events.emit('channels.changed', { channelId: id });
  }

  target(id: number): GatewayTarget {
    const row = this.row(id);
    return { channelId: row.id, engine: row.engine, sessionDir: path.join(this.deps.sessionsDir, String(row.id)) };
  }

  async connect(id: number) {
    this.setWanted(id, true);
    return this.deps.gateways.connect(this.target(id));
  }

  async disconnect(id: number) {
    this.setWanted(id, false);
    return this.deps.gateways.disconnect(this.row(id).id);
  }

  async logout(id: number) {
    this.setWanted(id, false);
    return this.deps.gateways.logout(this.target(id));
  }

  /** Reconnects the channels that were connected when the app last closed; their sessions need no new scan. */
  async resume(): Promise<void> {
    const wanted = this.deps.db.select().from(channels).where(eq(channels.wantConnected, true)).all();
    await Promise.all(wanted.map((r) => this.deps.gateways.connect(this.target(r.id))));
  }

  setConnectedPhone(id: number, phone: string | null): void {
    this.deps.db.update(channels).set({ connectedPhone: phone }).where(eq(channels.id, id)).run();
  }

  private setWanted(id: number, wanted: boolean): void {
    this.deps.db.update(channels).set({ wantConnected: wanted }).where(eq(channels.id, this.row(id).id)).run();
  }

  private assertNameFree(name: string, exceptId: number | null): void {
    const clash = this.deps.db.select({ id: channels.id }).from(channels).where(eq(channels.nameFold, foldText(name))).get();
    if (clash && clash.id !== exceptId) {
      throw new AppError(
        'name_taken',
        { en: `A channel named "${name}" already exists.`, tr: `"${name}" adında bir kanal zaten var.` },
        { field: 'name' },
      );
    }
  }

  private toChannel(row: Row): Channel {
    return {
      id: row.id,
      name: row.name,
      phone: row.phone,
      phoneDisplay: formatPhone(row.phone),
      engine: row.engine,
      demo: row.engine === 'simulator',
      defaultCountry: row.defaultCountry,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      connection: this.deps.gateways.connection(row.id),
    };
  }
}

/** A channel's number must be a mobile number WhatsApp can run on; the reason is given when it is not. */
export function normaliseChannelPhone(raw: string, defaultCountry: string): string {
  const parsed = parsePhone(raw, defaultCountry, { requireMobile: true });
  if (!parsed.ok) {
    throw new AppError(`phone_${parsed.problem}`, PHONE_PROBLEM_TEXT[parsed.problem], { field: 'phone' });
  }
  return parsed.e164;
}

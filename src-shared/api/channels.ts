import { z } from 'zod';
import { mutation, query } from './define';

export const ENGINES = ['wwebjs', 'simulator'] as const;
export type Engine = (typeof ENGINES)[number];

export const CONNECTION_STATES = [
  'disconnected',
  'starting',
  'qr',
  'authenticating',
  'ready',
  'offline',
  'browser_missing',
  'logged_out',
  'blocked',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface ChannelConnection {
  state: ConnectionState;
  /** The QR string WhatsApp issued last, while `state` is `qr`. */
  qr: string | null;
  /** A sentence for the user about why the state is what it is (offline, browser missing, number mismatch). */
  detail: string | null;
  detailTr: string | null;
  /** The number of the WhatsApp account that scanned, once known. */
  connectedPhone: string | null;
  /** True when the scanned account's number differs from the channel's phone number. */
  phoneMismatch: boolean;
  /** When the next automatic reconnect is due, if one is scheduled (ms since epoch). */
  retryAt: number | null;
  updatedAt: number;
}

export interface Channel {
  id: number;
  name: string;
  /** E.164, e.g. `+905321234567`. */
  phone: string;
  /** The same number as people read it, e.g. `+90 532 123 45 67`. */
  phoneDisplay: string;
  engine: Engine;
  /** Demo channels run on the simulator and are labelled as such everywhere. */
  demo: boolean;
  defaultCountry: string;
  createdAt: number;
  updatedAt: number;
  connection: ChannelConnection;
}

const id = z.number().int().positive();
export const channelName = z.string().transform((s) => s.replace(/\s+/g, ' ').trim()).pipe(
  z.string().min(1, 'required').max(60, 'max_60'),
);
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'country');

export const channelsProcedures = {
  'channels.list': query(z.object({}).strict().default({})).returns<Channel[]>(),
  'channels.get': query(z.object({ id }).strict()).returns<Channel>(),
  'channels.create': mutation(
    z
      .object({
        name: channelName,
        phone: z.string().max(40),
        engine: z.enum(ENGINES),
        defaultCountry: countryCode.default('TR'),
      })
      .strict(),
  ).returns<Channel>(),
  'channels.update': mutation(
    z
      .object({
        id,
        name: channelName.optional(),
        phone: z.string().max(40).optional(),
        defaultCountry: countryCode.optional(),
      })
      .strict(),
  ).returns<Channel>(),
  'channels.delete': mutation(z.object({ id }).strict()).returns<{ deleted: true }>(),
  'channels.connect': mutation(z.object({ id }).strict()).returns<ChannelConnection>(),
  'channels.disconnect': mutation(z.object({ id }).strict()).returns<ChannelConnection>(),
  'channels.logout': mutation(z.object({ id }).strict()).returns<ChannelConnection>(),
};

export interface Settings {
  /** Path of a Chrome, Edge or Chromium to drive instead of the one found on the machine. */
  browserPath: string | null;
  language: 'en' | 'tr';
}

export const settingsProcedures = {
  'settings.get': query(z.object({}).strict().default({})).returns<Settings & { detectedBrowserPath: string | null }>(),
  'settings.update': mutation(
    z
      .object({
        browserPath: z.string().max(1024).nullable().optional(),
        language: z.enum(['en', 'tr']).optional(),
      })
      .strict(),
  ).returns<Settings & { detectedBrowserPath: string | null }>(),
};

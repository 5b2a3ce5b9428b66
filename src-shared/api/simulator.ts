import { z } from 'zod';
import { mutation, query } from './define';

export interface DeliveredMessage {
  /** Unique per simulated send; the same (to, kind, body) twice is two deliveries. */
  id: string;
  to: string;
  kind: 'text' | 'image';
  body: string;
  /** The caller's own key for the message (campaign unit), so tests can find duplicates. */
  clientRef: string | null;
  at: number;
}

const channelId = z.number().int().positive();

export const simulatorProcedures = {
  /** The phone scans the current QR code. */
  'simulator.scan': mutation(
    z.object({ channelId, phone: z.string().max(40).optional() }).strict(),
  ).returns<{ scanned: true }>(),
  /** A customer writes to the channel. */
  'simulator.incoming': mutation(
    z.object({ channelId, from: z.string().min(1).max(40), text: z.string().min(1).max(4096), name: z.string().max(100).optional() }).strict(),
  ).returns<{ received: true; from: string }>(),
  /** What the simulated recipients actually received: the ground truth for tests. */
  'simulator.delivered': query(
    z.object({ channelId, limit: z.number().int().min(1).max(100000).default(1000) }).strict(),
  ).returns<DeliveredMessage[]>(),
  /** Injects a failure: the connection drops, the phone unlinks the device, or WhatsApp blocks the number. */
  'simulator.inject': mutation(
    z.object({ channelId, event: z.enum(['disconnect', 'logout', 'ban', 'page_reload']) }).strict(),
  ).returns<{ injected: true }>(),
};

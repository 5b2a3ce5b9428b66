import type { simulatorProcedures } from '../../src-shared/api/simulator';
import { AppError } from '../../src-shared/errors';
import { parsePhone, PHONE_PROBLEM_TEXT } from '../../src-shared/domain/phone';
import type { HandlerMap } from '../api/handler';
import type { Ctx } from '../api/context';
import { SimulatorGateway } from './simulator';

/** The simulator of a demo channel, or a clear error for a real one (these procedures never touch WhatsApp). */
function simulatorOf(ctx: Ctx, channelId: number): SimulatorGateway {
  const channel = ctx.services.channels.row(channelId);
  if (channel.engine !== 'simulator') {
    throw new AppError('not_a_demo_channel', {
      en: 'This is a real WhatsApp channel; simulator actions work on demo channels only.',
      tr: 'Bu gerçek bir WhatsApp kanalı; simülatör işlemleri yalnızca demo kanallarda çalışır.',
    });
  }
  const gateway = ctx.services.gateways.obtain(ctx.services.channels.target(channelId));
  if (!(gateway instanceof SimulatorGateway)) throw new Error('simulator channel without a simulator gateway');
  return gateway;
}

function phoneOrThrow(raw: string, country: string, field: string): string {
  const parsed = parsePhone(raw, country);
  if (!parsed.ok) throw new AppError(`phone_${parsed.problem}`, PHONE_PROBLEM_TEXT[parsed.problem], { field });
  return parsed.e164;
}

export const simulatorHandlers: HandlerMap<keyof typeof simulatorProcedures> = {
  'simulator.scan': (ctx, { channelId, phone }) => {
    const channel = ctx.services.channels.row(channelId);
    const sim = simulatorOf(ctx, channelId);
    if (sim.state() !== 'qr') {
      throw new AppError('no_qr', {
        en: 'There is no QR code to scan. Press Connect first and wait for the code.',
        tr: 'Okutulacak bir QR kodu yok. Önce Bağlan’a basın ve kodu bekleyin.',
      });
    }
    sim.scan(phone ? phoneOrThrow(phone, channel.defaultCountry, 'phone') : channel.phone);
    return { scanned: true as const };
  },
  'simulator.incoming': (ctx, { channelId, from, text, name }) => {
    const channel = ctx.services.channels.row(channelId);
    const sim = simulatorOf(ctx, channelId);
    if (sim.state() !== 'ready') {
      throw new AppError('not_connected', {
        en: 'The demo channel is not connected; connect it first.',
        tr: 'Demo kanal bağlı değil; önce bağlayın.',
      });
    }
    const e164 = phoneOrThrow(from, channel.defaultCountry, 'from');
    sim.receive(e164, text, name ?? null);
    return { received: true as const, from: e164 };
  },
  'simulator.delivered': (ctx, { channelId, limit }) => simulatorOf(ctx, channelId).delivered(limit),
  'simulator.inject': (ctx, { channelId, event }) => {
    simulatorOf(ctx, channelId).inject(event);
    return { injected: true as const };
  },
};

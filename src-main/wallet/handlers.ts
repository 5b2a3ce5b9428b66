import type { walletProcedures } from '../../src-shared/api/wallet';
import type { HandlerMap } from '../api/handler';

export const walletHandlers: HandlerMap<keyof typeof walletProcedures> = {
  'wallet.balance': (ctx) => ctx.services.wallet.balance(),
  'wallet.settings': (ctx) => ctx.services.wallet.getSettings(),
  'wallet.settings.update': (ctx, input) => ctx.services.wallet.updateSettings(input),
  'wallet.prices.set': (ctx, prices) => ctx.services.wallet.updateSettings({ prices }),
  'wallet.cards.list': (ctx) => ctx.services.wallet.listCards(),
  'wallet.cards.add': (ctx, input) => ctx.services.wallet.addCard(input),
  'wallet.cards.remove': (ctx, { id }) => {
    ctx.services.wallet.removeCard(id);
    return { removed: true };
  },
  'wallet.topUp': (ctx, input) => ctx.services.wallet.topUp(input),
  'wallet.charge': (ctx, input) => ctx.services.wallet.charge(input),
  'wallet.refund': (ctx, input) => ctx.services.wallet.refund(input),
  'wallet.adjust': (ctx, input) => ctx.services.wallet.adjust(input),
  'wallet.transactions': (ctx, input) => ctx.services.wallet.transactions(input),
  'wallet.totals': (ctx, input) => ctx.services.wallet.totals(input),
  'wallet.balanceSeries': (ctx, input) => ctx.services.wallet.balanceSeries(input),
  'wallet.export': (ctx, input) => ctx.services.wallet.exportTransactions(input),
  'wallet.statements': (ctx) => ctx.services.wallet.statements(),
  'wallet.statement': (ctx, { id }) => ctx.services.wallet.statement(id),
  'wallet.statements.export': (ctx, input) => ctx.services.wallet.exportStatement(input),
};

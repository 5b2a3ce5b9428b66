import type { OutputOf, ParsedInputOf, ProcedureName } from '../../src-shared/api';
import type { Ctx } from './context';

export type Handler<N extends ProcedureName> = (ctx: Ctx, input: ParsedInputOf<N>) => OutputOf<N> | Promise<OutputOf<N>>;

/** One feature's handlers, typed against its slice of the contract (`HandlerMap<'channels.list' | ...>`). */
export type HandlerMap<N extends ProcedureName> = { [K in N]: Handler<K> };

import type { z } from 'zod';

/**
 * A procedure is its zod input schema plus a phantom result type. Declaring both in one place lets the router
 * validate, the client type its calls and the CLI list names, without a second declaration drifting apart.
 */
export interface ProcedureDef<I extends z.ZodTypeAny, O> {
  readonly input: I;
  /** Type-level only; never read at run time. */
  readonly __output?: O;
  /** Procedures that change data; web mode and IPC treat them alike, the CLI prints them the same. */
  readonly mutates: boolean;
}

export const query = <I extends z.ZodTypeAny>(input: I) => ({
  returns: <O>(): ProcedureDef<I, O> => ({ input, mutates: false }),
});

export const mutation = <I extends z.ZodTypeAny>(input: I) => ({
  returns: <O>(): ProcedureDef<I, O> => ({ input, mutates: true }),
});

export type AnyProcedure = ProcedureDef<z.ZodTypeAny, unknown>;

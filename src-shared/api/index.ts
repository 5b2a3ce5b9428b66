import type { z } from 'zod';
import type { ProcedureDef } from './define';
import { channelsProcedures, settingsProcedures } from './channels';
import { simulatorProcedures } from './simulator';
import { attributesProcedures, contactsProcedures } from './contacts';
import { importsProcedures } from './imports';
import { groupsProcedures } from './groups';
import { walletProcedures } from './wallet';
import { testingProcedures } from './testing';
import { campaignsProcedures } from './campaigns';

/** Every procedure the app serves, declared once; the router, the client and the CLI all read this map. */
export const procedures = {
  ...channelsProcedures,
  ...settingsProcedures,
  ...simulatorProcedures,
  ...contactsProcedures,
  ...attributesProcedures,
  ...importsProcedures,
  ...groupsProcedures,
  ...walletProcedures,
  ...testingProcedures,
  ...campaignsProcedures,
};

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type InputOf<N extends ProcedureName> = z.input<Procedures[N]['input']>;
export type ParsedInputOf<N extends ProcedureName> = z.output<Procedures[N]['input']>;
export type OutputOf<N extends ProcedureName> = Procedures[N] extends ProcedureDef<z.ZodTypeAny, infer O> ? O : never;

export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(procedures, name);
}

export * from './events';
export type { Channel, ChannelConnection, ConnectionState, Engine, Settings } from './channels';
export type { DeliveredMessage } from './simulator';
export type * from './contacts';
export type * from './imports';
export type * from './campaigns';

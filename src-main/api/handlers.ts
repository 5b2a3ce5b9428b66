import type { ProcedureName } from '../../src-shared/api';
import type { HandlerMap } from './handler';
import { channelsHandlers } from '../channels/handlers';
import { settingsHandlers } from '../settings/handlers';
import { simulatorHandlers } from '../whatsapp/simulator-handlers';
import { attributesHandlers, contactsHandlers } from '../contacts/handlers';
import { importsHandlers } from '../imports/handlers';
import { groupsHandlers } from '../groups/handlers';
import { walletHandlers } from '../wallet/handlers';
import { testingHandlers } from '../testing/handlers';
import { campaignsHandlers } from '../campaigns/handlers';

/** Every feature's handlers; the type makes a missing or extra procedure a compile error. */
export const handlers: HandlerMap<ProcedureName> = {
  ...channelsHandlers,
  ...settingsHandlers,
  ...simulatorHandlers,
  ...contactsHandlers,
  ...attributesHandlers,
  ...importsHandlers,
  ...groupsHandlers,
  ...walletHandlers,
  ...testingHandlers,
  ...campaignsHandlers,
};

import path from 'node:path';
import { openDatabase, type DbHandle } from './db/connection';
import { ChannelsService } from './channels/service';
import { SettingsService } from './settings/service';
import type { Clock } from './platform/clock';
import { EventBus } from './platform/events';
import type { Logger } from './platform/logger';
import type { AppPaths } from './platform/paths';
import { GatewayManager, type GatewayFactory } from './whatsapp/manager';
import { SimulatorGateway } from './whatsapp/simulator';
import { createWwebjsGateway } from './whatsapp/wwebjs-gateway';
import { locateBrowser } from './whatsapp/browser-locator';
import { AttributesService } from './contacts/attributes';
import { ContactsService } from './contacts/service';
import { AppCheckpoints } from './imports/checkpointer';
import { ImportsService } from './imports/service';
import { WriteTurns } from './imports/write-turns';
import { GroupsService } from './groups/service';
import { WalletService } from './wallet/service';
import { CampaignsService } from './campaigns/service';

export interface Services {
  paths: AppPaths;
  database: DbHandle;
  settings: SettingsService;
  gateways: GatewayManager;
  channels: ChannelsService;
  contacts: ContactsService;
  attributes: AttributesService;
  imports: ImportsService;
  groups: GroupsService;
  wallet: WalletService;
  campaigns: CampaignsService;
  /** Turns at the write lock between the app's writes and an import's writer thread. */
  writeTurns: WriteTurns;
}

export interface ServiceDeps {
  paths: AppPaths;
  clock: Clock;
  log: Logger;
  events?: EventBus;
  /** Replaces the engines (tests pass a simulator with tiny delays). */
  gatewayFactory?: GatewayFactory;
}

/** Wires every feature service to its dependencies; the one place that knows the whole graph. */
export function createServices(deps: ServiceDeps): Services & { events: EventBus; close(): Promise<void> } {
  const events = deps.events ?? new EventBus();
  const database = openDatabase(deps.paths.dbFile, { migrationsDir: deps.paths.migrationsDir, now: deps.clock.now() });
  if (database.migration.applied.length > 0) deps.log.info('database migrated', database.migration);
  const settings = new SettingsService(database.db);
  const writeTurns = new WriteTurns(undefined, (err) =>
    deps.log.error('gateway event handler failed', { error: err instanceof Error ? err.stack : String(err) }),
  );
  const factory: GatewayFactory =
    deps.gatewayFactory ??
    ((target) =>
      target.engine === 'simulator'
        ? new SimulatorGateway({ channelId: target.channelId, dir: target.sessionDir, clock: deps.clock })
        : createWwebjsGateway({
            sessionDir: target.sessionDir,
            clock: deps.clock,
            log: deps.log,
            browserPath: () => locateBrowser(settings.get().browserPath),
          }));
  let channels: ChannelsService | null = null;
  const gateways = new GatewayManager({
    clock: deps.clock,
    events,
    log: deps.log,
    factory,
    sessionsDir: deps.paths.sessionsDir,
    channelPhone: (id) => channels?.row(id).phone ?? null,
    onConnectedPhone: (id, phone) => channels?.setConnectedPhone(id, phone),
    deliver: (handle) => writeTurns.inOrder(handle),
  });
  channels = new ChannelsService({
    db: database.db,
    clock: deps.clock,
    events,
    gateways,
    sessionsDir: path.join(deps.paths.sessionsDir),
  });
  const contacts: ContactsService = new ContactsService({
    handle: database,
    clock: deps.clock,
    events,
    log: deps.log,
    channels,
    gateways,
    attributes: () => attributes,
  });
  const attributes: AttributesService = new AttributesService({
    db: database.db,
    clock: deps.clock,
    removeValues: (key, searchable) => contacts.removeAttributeValues(key, searchable),
  });
  contacts.listenToGateways();
  const imports = new ImportsService({ paths: deps.paths, clock: deps.clock, events, log: deps.log, channels, attributes, settings, groups: () => groups.importHook(), appCheckpoints: new AppCheckpoints(database.sqlite), writeTurns });
  const groups = new GroupsService({ handle: database, clock: deps.clock, events, channels, contacts, attributeTypes: () => attributes.types() });
  const wallet = new WalletService({
    handle: database,
    clock: deps.clock,
    log: deps.log,
    events,
    files: { dataDir: deps.paths.dataDir, dbFile: deps.paths.dbFile, migrationsDir: deps.paths.migrationsDir },
    language: () => settings.get().language,
  });
  wallet.start();
  const campaigns = new CampaignsService({
    handle: database,
    clock: deps.clock,
    events,
    log: deps.log,
    paths: deps.paths,
    channels,
    gateways,
    contacts,
    groups,
    wallet,
    attributes: () => attributes,
    language: () => settings.get().language,
  });
  return {
    paths: deps.paths,
    database,
    settings,
    gateways,
    channels,
    contacts,
    attributes,
    imports,
    writeTurns,
    groups,
    wallet,
    campaigns,
    events,
    async close() {
      wallet.stop();
      await campaigns.stop();
      await imports.shutdown();
      await gateways.shutdown();
      database.close();
    },
  };
}

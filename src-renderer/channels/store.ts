import { create } from 'zustand';
import type { Channel, ChannelConnection, InputOf } from '../../src-shared/api';
import { api } from '../api/client';
import { toApiError, type ApiError } from '../api/errors';
import type { LoadStatus } from '../api/load-status';
import { mergeList, upsertChannel, withConnection } from './model';

interface ChannelsState {
  status: LoadStatus;
  error: ApiError | null;
  byId: Record<number, Channel>;
  /** The channel the user works in: the open channel page, or the one opened last. */
  currentId: number | null;

  load(): Promise<void>;
  refresh(id: number): Promise<void>;
  create(input: InputOf<'channels.create'>): Promise<Channel>;
  update(input: InputOf<'channels.update'>): Promise<Channel>;
  /** `beforeDrop` runs once the server deleted it, before the channel leaves the store (e.g. to leave its page). */
  remove(id: number, beforeDrop?: () => void): Promise<void>;
  connect(id: number): Promise<void>;
  disconnect(id: number): Promise<void>;
  logout(id: number): Promise<void>;
  simulateScan(id: number): Promise<void>;
  setCurrent(id: number | null): void;
}

export const useChannels = create<ChannelsState>((set, get) => {
  const applyConnection = (channelId: number, connection: ChannelConnection) =>
    set((s) => ({ byId: withConnection(s.byId, channelId, connection) }));
  const put = (channel: Channel) => set((s) => ({ byId: upsertChannel(s.byId, channel) }));
  const drop = (id: number) =>
    set((s) => {
      const { [id]: _gone, ...rest } = s.byId;
      return { byId: rest, currentId: s.currentId === id ? null : s.currentId };
    });

  return {
    status: 'idle',
    error: null,
    byId: {},
    currentId: null,

    async load() {
      if (get().status !== 'ready') set({ status: 'loading', error: null });
      try {
        const list = await api.call('channels.list');
        set((s) => {
          const byId = mergeList(s.byId, list);
          const currentId = s.currentId !== null && byId[s.currentId] ? s.currentId : null;
          return { status: 'ready', error: null, byId, currentId };
        });
      } catch (err) {
        // A failed background reload keeps showing what was loaded; only a first load shows the error page.
        if (get().status !== 'ready') set({ status: 'error', error: toApiError(err) });
      }
    },

    async refresh(id) {
      try {
        put(await api.call('channels.get', { id }));
      } catch (err) {
        if (toApiError(err).code === 'not_found') drop(id);
      }
    },

    async create(input) {
      const channel = await api.call('channels.create', input);
      put(channel);
      return channel;
    },

    async update(input) {
      const channel = await api.call('channels.update', input);
      put(channel);
      return channel;
    },

    async remove(id, beforeDrop) {
      await api.call('channels.delete', { id });
      beforeDrop?.();
      drop(id);
    },

    async connect(id) {
      applyConnection(id, await api.call('channels.connect', { id }));
    },

    async disconnect(id) {
      applyConnection(id, await api.call('channels.disconnect', { id }));
    },

    async logout(id) {
      applyConnection(id, await api.call('channels.logout', { id }));
    },

    async simulateScan(id) {
      await api.call('simulator.scan', { channelId: id });
    },

    setCurrent(id) {
      if (get().currentId !== id) set({ currentId: id });
    },
  };
});

/**
 * Keeps the store in step with the main process: connection states as they change, channels edited elsewhere
 * (another window, the CLI), and a full reload after the live event stream was down and may have missed some.
 */
export function startChannelsSync(): () => void {
  const store = useChannels.getState;
  let wasDown = false;
  const offs = [
    api.on('whatsapp.state', ({ channelId, connection }) =>
      useChannels.setState((s) => ({ byId: withConnection(s.byId, channelId, connection) })),
    ),
    api.on('channels.changed', ({ channelId }) => void (channelId === null ? store().load() : store().refresh(channelId))),
    api.onLiveStatus((status) => {
      if (status === 'closed') wasDown = true;
      if (status === 'open' && wasDown) {
        wasDown = false;
        void store().load();
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}

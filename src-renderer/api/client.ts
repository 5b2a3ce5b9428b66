import type { EventMap, EventName, InputOf, OutputOf, ProcedureName } from '../../src-shared/api';
import type { ApiResult } from '../../src-shared/errors';
import { ApiError } from './errors';
import type { LiveStatus } from './event-socket';
import { detectTransport, type Transport, type UploadedFile } from './transport';

export { ApiError, fieldErrors, toApiError } from './errors';
export type { LiveStatus } from './event-socket';
export type { UploadedFile } from './transport';

/** Procedures whose input has defaults for everything (`channels.list`) may be called without one. */
type InputArgs<N extends ProcedureName> = undefined extends InputOf<N> ? [input?: InputOf<N>] : [input: InputOf<N>];

export interface ApiClient {
  /** Resolves with the procedure's result or throws an ApiError with the server's bilingual error body. */
  call<N extends ProcedureName>(name: N, ...input: InputArgs<N>): Promise<OutputOf<N>>;
  /** Listens to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, cb: (payload: EventMap[E]) => void): () => void;
  /** Called now with the current state, then on every change of the live event stream. */
  onLiveStatus(cb: (status: LiveStatus) => void): () => void;
  /** Stores a file the user picked on the machine running WA Desk, for imports and image messages. */
  upload(file: File): Promise<UploadedFile>;
  /** Saves a file WA Desk produced (an export, a report of rejected rows) where the user wants it. */
  download(path: string, suggestedName: string): Promise<void>;
}

function unwrap<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function createApiClient(transport: () => Transport): ApiClient {
  return {
    async call(name, ...input) {
      return unwrap(await transport().call(name, input[0])) as never;
    },
    on(event, cb) {
      return transport().on(event, cb as (payload: unknown) => void);
    },
    onLiveStatus(cb) {
      return transport().onStatus(cb);
    },
    async upload(file) {
      return unwrap(await transport().upload(file));
    },
    async download(path, suggestedName) {
      unwrap(await transport().download(path, suggestedName));
    },
  };
}

let transport: Transport | null = null;

/** The app's one client; the transport is chosen on first use, when `window` is certain to be there. */
export const api: ApiClient = createApiClient(() => (transport ??= detectTransport()));

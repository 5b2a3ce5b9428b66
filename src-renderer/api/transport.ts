import type { ApiResult } from '../../src-shared/errors';
import { EventSocket, type LiveStatus, type SocketLike } from './event-socket';
import { BAD_RESPONSE_ERROR, NETWORK_ERROR } from './errors';

/** What web mode's `POST /upload` and the desktop's `files.upload` answer with. */
export interface UploadedFile {
  /** Absolute path on the machine running WA Desk: what import procedures take. */
  path: string;
  name: string;
  size: number;
}

/** What the Electron preload exposes as `window.waDesk` (src-main/app/preload.ts). */
export interface DesktopBridge {
  call(name: string, input: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    waDesk?: DesktopBridge;
  }
}

/** How calls and events travel; the client above it is the same for the desktop window and web mode. */
export interface Transport {
  call(name: string, input: unknown): Promise<ApiResult<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
  onStatus(cb: (status: LiveStatus) => void): () => void;
  upload(file: File): Promise<ApiResult<UploadedFile>>;
  download(path: string, suggestedName: string): Promise<ApiResult<unknown>>;
}

const network = <T>(): ApiResult<T> => ({ ok: false, error: NETWORK_ERROR });

function asResult<T>(body: unknown): ApiResult<T> {
  if (typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean') {
    return body as ApiResult<T>;
  }
  return { ok: false, error: BAD_RESPONSE_ERROR };
}

/** The desktop window: IPC through the preload. Events arrive over IPC, so live updates never drop. */
export function desktopTransport(bridge: DesktopBridge): Transport {
  const call = async <T>(name: string, input: unknown): Promise<ApiResult<T>> => {
    try {
      return asResult<T>(await bridge.call(name, input));
    } catch {
      return network<T>();
    }
  };
  return {
    call,
    on: (event, cb) => bridge.on(event, cb),
    onStatus(cb) {
      cb('open');
      return () => undefined;
    },
    async upload(file) {
      return call<UploadedFile>('files.upload', { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    },
    // A native save dialog (src-main/app/ipc.ts `files.download`); the page cannot pick a folder itself.
    download: (path, suggestedName) => call('files.download', { path, name: suggestedName }),
  };
}

export interface WebTransportDeps {
  fetch: typeof fetch;
  /** `location.origin` of the page, e.g. `http://127.0.0.1:4777`. */
  origin: string;
  createSocket: (url: string) => WebSocket;
  document: Document;
}

/**
 * Web mode: `POST /api/<name>` with the session cookie the start URL set, and one `/events` WebSocket on the same
 * origin. Non-2xx answers (401 without the token, 413 too large) still carry an `{ok:false, error}` body.
 */
export function webTransport(deps: WebTransportDeps): Transport {
  const events = new EventSocket({
    url: () => `${deps.origin.replace(/^http/, 'ws')}/events`,
    // The browser's WebSocket types its handlers with `this` and MessageEvent; SocketLike needs only `data`.
    create: (url) => deps.createSocket(url) as unknown as SocketLike,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });

  async function post<T>(url: string, body: BodyInit, contentType: string): Promise<ApiResult<T>> {
    let res: Response;
    try {
      res = await deps.fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': contentType },
        body,
      });
    } catch {
      return network<T>();
    }
    try {
      return asResult<T>(await res.json());
    } catch {
      return { ok: false, error: BAD_RESPONSE_ERROR };
    }
  }

  return {
    call: (name, input) => post(`/api/${encodeURIComponent(name)}`, JSON.stringify(input ?? {}), 'application/json'),
    on: (event, cb) => events.on(event, cb),
    onStatus: (cb) => {
      cb(events.status);
      return events.onStatus(cb);
    },
    upload: (file) =>
      post<UploadedFile>(`/upload?name=${encodeURIComponent(file.name)}`, file, file.type || 'application/octet-stream'),
    async download(path, suggestedName) {
      const link = deps.document.createElement('a');
      link.href = `/download?path=${encodeURIComponent(path)}&name=${encodeURIComponent(suggestedName)}`;
      link.download = suggestedName;
      link.rel = 'noopener';
      deps.document.body.appendChild(link);
      link.click();
      link.remove();
      return { ok: true, value: null };
    },
  };
}

/** The desktop bridge when the preload put one there, else web mode on this page's origin. */
export function detectTransport(): Transport {
  if (window.waDesk) return desktopTransport(window.waDesk);
  return webTransport({
    fetch: window.fetch.bind(window),
    origin: window.location.origin,
    createSocket: (url) => new WebSocket(url),
    document: window.document,
  });
}

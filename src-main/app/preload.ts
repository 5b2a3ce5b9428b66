import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from './ipc-channels';

/**
 * All the page ever gets: `waDesk.call(name, input)` resolving to `{ok, value}` / `{ok, error}`, and
 * `waDesk.on(event, cb)` returning an unsubscribe function. Besides the contract's procedures, `call` accepts
 * `files.upload {name, bytes}` and `files.download {path, name?}`, the desktop forms of web mode's file routes.
 */
contextBridge.exposeInMainWorld('waDesk', {
  call(name: string, input: unknown): Promise<unknown> {
    if (typeof name !== 'string') return Promise.reject(new TypeError('waDesk.call: name must be a string'));
    return ipcRenderer.invoke(CALL_CHANNEL, name, input);
  },
  on(event: string, cb: (payload: unknown) => void): () => void {
    if (typeof event !== 'string' || typeof cb !== 'function') throw new TypeError('waDesk.on(event: string, cb: function)');
    const listener = (_e: IpcRendererEvent, message: { event: string; payload: unknown }) => {
      if (message?.event === event) cb(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
});

import fs from 'node:fs';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { AppError, type ApiResult } from '../../src-shared/errors';
import type { AppCore } from '../bootstrap';
import { validationError } from '../api/router';
import { resolveDownload } from '../files/downloads';
import type { Logger } from '../platform/logger';
import { saveUpload, UPLOAD_LIMIT_BYTES, type UploadedFile } from '../files/uploads';
import { CALL_CHANNEL, EVENT_CHANNEL } from './ipc-channels';
import { isAppPageUrl } from './window-options';

/**
 * Transport-level procedures that only make sense in the desktop window: they stand in for web mode's
 * `POST /upload` (the page hands over the file's bytes) and `GET /download` (a native save dialog).
 */
const uploadInput = z.object({ name: z.string().min(1).max(255), bytes: z.instanceof(Uint8Array) }).strict();
const downloadInput = z.object({ path: z.string().min(1).max(4096), name: z.string().max(255).optional() }).strict();

type DesktopProcedure = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function parse<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

function desktopProcedures(core: AppCore): Record<string, DesktopProcedure> {
  return {
    'files.upload': async (_event, input): Promise<UploadedFile> => {
      const { name, bytes } = parse(uploadInput, input);
      return saveUpload(core.paths.dataDir, name, bytes, UPLOAD_LIMIT_BYTES);
    },
    'files.download': async (event, input): Promise<{ saved: boolean; path: string | null }> => {
      const { path, name } = parse(downloadInput, input);
      const file = resolveDownload(core.paths, path, name);
      const win = BrowserWindow.fromWebContents(event.sender);
      const options = { defaultPath: file.name };
      const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { saved: false, path: null };
      await fs.promises.copyFile(file.path, choice.filePath);
      return { saved: true, path: choice.filePath };
    },
  };
}

const refusedSender = new AppError('forbidden', {
  en: 'This page is not allowed to talk to WA Desk.',
  tr: 'Bu sayfanın WA Desk ile konuşmasına izin verilmiyor.',
});

/**
 * The one IPC entry: every call from the window comes through here, is checked to come from the app's own top
 * frame, and goes to the same router as web mode and the CLI. Events go to every window as `{event, payload}`.
 */
export function registerIpc(core: AppCore, log: Logger): () => void {
  const desktop = desktopProcedures(core);
  ipcMain.handle(CALL_CHANNEL, async (event, name: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppPageUrl(frame.url)) {
      log.warn('ipc call refused', { url: frame?.url ?? null });
      return { ok: false, error: refusedSender.toBody() };
    }
    const procedure = typeof name === 'string' && Object.hasOwn(desktop, name) ? desktop[name] : undefined;
    if (!procedure) return core.call(String(name), input);
    try {
      return { ok: true, value: await procedure(event, input) };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toBody() };
      log.error('desktop procedure failed', { procedure: name, error: err instanceof Error ? err.stack : String(err) });
      return { ok: false, error: new AppError('internal', { en: 'The file could not be saved.', tr: 'Dosya kaydedilemedi.' }).toBody() };
    }
  });
  const unsubscribe = core.events.subscribe((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, { event, payload });
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(CALL_CHANNEL);
  };
}

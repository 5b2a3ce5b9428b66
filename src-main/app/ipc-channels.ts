/** IPC channel names shared by the main process and the preload (kept apart so the preload bundle stays tiny). */
export const CALL_CHANNEL = 'wa-desk:call';
export const EVENT_CHANNEL = 'wa-desk:event';

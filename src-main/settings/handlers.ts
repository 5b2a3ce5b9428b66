import type { settingsProcedures } from '../../src-shared/api/channels';
import type { HandlerMap } from '../api/handler';
import { locateBrowser } from '../whatsapp/browser-locator';

export const settingsHandlers: HandlerMap<keyof typeof settingsProcedures> = {
  'settings.get': (ctx) => {
    const s = ctx.services.settings.get();
    return { ...s, detectedBrowserPath: locateBrowser(s.browserPath) };
  },
  'settings.update': (ctx, patch) => {
    const s = ctx.services.settings.update(patch);
    return { ...s, detectedBrowserPath: locateBrowser(s.browserPath) };
  },
};

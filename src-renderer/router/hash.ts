import { useSyncExternalStore } from 'react';
import { pathFromHash } from './match';

/**
 * Routes live in the URL hash (`#/channels/3/detail`): deep links work, reloads keep the page, and the desktop
 * window's file-less `app://` origin and web mode's single `/` serve the same index.html.
 */
function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function currentPath(): string {
  return pathFromHash(window.location.hash);
}

export function useRoutePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function href(path: string): string {
  return `#${path}`;
}

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) {
    window.history.replaceState(window.history.state, '', href(path));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    return;
  }
  window.location.hash = path;
}

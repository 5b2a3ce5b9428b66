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

/**
 * Changes the route now: the history entry is written and listeners hear about it in the same tick (setting
 * `location.hash` would tell them a task later), so a route change and a store update render together.
 */
export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (href(path) === window.location.hash) return;
  if (opts.replace) window.history.replaceState(window.history.state, '', href(path));
  else window.history.pushState(null, '', href(path));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { Channel } from '../../src-shared/api';

export const TOKEN = 'e2e-token';

/** Opens the start URL (which trades the token for the session cookie) and waits for the app to be up. */
export async function openApp(page: Page): Promise<void> {
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByTestId('brand')).toBeVisible();
}

/** Names unique per test run, so tests never depend on each other's channels or on their order. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** Calls a procedure over web mode with the page's session cookie, as the UI would. */
export async function call<T>(request: APIRequestContext, name: string, input: unknown = {}): Promise<T> {
  const res = await request.post(`/api/${name}`, { data: input });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${name} failed: ${body.error?.message}`);
  return body.value as T;
}

export async function createDemoChannel(request: APIRequestContext, name: string, phone = '+90 532 123 45 67'): Promise<Channel> {
  return call<Channel>(request, 'channels.create', { name, phone, engine: 'simulator', defaultCountry: 'TR' });
}

import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../../src-renderer/api/client';
import { fieldErrors, toApiError } from '../../../src-renderer/api/errors';
import { desktopTransport, webTransport, type DesktopBridge } from '../../../src-renderer/api/transport';
import type { Channel } from '../../../src-shared/api';

const phoneError = {
  code: 'phone_too_short',
  message: 'The phone number is too short.',
  messageTr: 'Telefon numarası çok kısa.',
  field: 'phone',
};

interface Sent {
  url: string;
  init: RequestInit;
}

function web(respond: (url: string, init: RequestInit) => Promise<Response> | Response) {
  const sent: Sent[] = [];
  const clicked: { href: string; download: string }[] = [];
  const document = {
    createElement: () => {
      const a = { href: '', download: '', rel: '', click: () => clicked.push({ href: a.href, download: a.download }), remove: () => undefined };
      return a;
    },
    body: { appendChild: () => undefined },
  } as unknown as Document;
  const transport = webTransport({
    fetch: (async (url: string, init: RequestInit) => {
      sent.push({ url, init });
      return respond(url, init);
    }) as typeof fetch,
    origin: 'http://127.0.0.1:4777',
    createSocket: () => {
      throw new Error('no sockets in this test');
    },
    document,
  });
  return { api: createApiClient(() => transport), sent, clicked };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('API client over web mode', () => {
  it('posts the input as JSON to /api/<name> with the session cookie and returns the value', async () => {
    const channel = { id: 3, name: 'Shop' } as Channel;
    const { api, sent } = web(() => json({ ok: true, value: channel }));
    await expect(api.call('channels.get', { id: 3 })).resolves.toEqual(channel);
    expect(sent[0]!.url).toBe('/api/channels.get');
    expect(sent[0]!.init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"id":3}' });
    expect((sent[0]!.init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('sends {} for procedures called without input', async () => {
    const { api, sent } = web(() => json({ ok: true, value: [] }));
    await api.call('channels.list');
    expect(sent[0]!.init.body).toBe('{}');
  });

  it('throws an ApiError carrying the server body, readable in both languages', async () => {
    const { api } = web(() => json({ ok: false, error: phoneError }));
    const err = await api.call('channels.update', { id: 1, phone: '12' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const apiErr = err as ApiError;
    expect(apiErr.body).toEqual(phoneError);
    expect(apiErr.code).toBe('phone_too_short');
    expect(apiErr.field).toBe('phone');
    expect(apiErr.text('en')).toBe('The phone number is too short.');
    expect(apiErr.text('tr')).toBe('Telefon numarası çok kısa.');
  });

  it('reads error bodies of non-2xx answers (401 without a session)', async () => {
    const unauthorized = { code: 'unauthorized', message: 'Needs the token.', messageTr: 'Anahtar gerekli.' };
    const { api } = web(() => json({ ok: false, error: unauthorized }, 401));
    await expect(api.call('channels.list')).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('turns an unreachable server and a non-JSON answer into errors a user can read', async () => {
    const down = web(() => Promise.reject(new TypeError('Failed to fetch')));
    const err = (await down.api.call('channels.list').catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('network');
    expect(err.text('tr')).toMatch(/ulaşılamıyor/);

    const html = web(() => new Response('<html>proxy error</html>', { status: 502 }));
    await expect(html.api.call('channels.list')).rejects.toMatchObject({ code: 'bad_response' });

    const odd = web(() => json({ value: 1 }));
    await expect(odd.api.call('channels.list')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('uploads the raw file to /upload with its name in the query', async () => {
    const saved = { path: '/data/uploads/x-kişiler.csv', name: 'kişiler.csv', size: 5 };
    const { api, sent } = web(() => json({ ok: true, value: saved }));
    const file = new File(['a;b\n'], 'kişiler.csv', { type: 'text/csv' });
    await expect(api.upload(file)).resolves.toEqual(saved);
    expect(sent[0]!.url).toBe(`/upload?name=${encodeURIComponent('kişiler.csv')}`);
    expect(sent[0]!.init.body).toBe(file);
    expect((sent[0]!.init.headers as Record<string, string>)['content-type']).toBe('text/csv');
  });

  it('downloads through a link to /download with the path and the suggested name', async () => {
    const { api, clicked } = web(() => json({ ok: true, value: null }));
    await api.download('/data/exports/a b.csv', 'rehber & liste.csv');
    expect(clicked).toEqual([
      {
        href: `/download?path=${encodeURIComponent('/data/exports/a b.csv')}&name=${encodeURIComponent('rehber & liste.csv')}`,
        download: 'rehber & liste.csv',
      },
    ]);
  });
});

describe('API client in the desktop window', () => {
  function desktop(answer: (name: string, input: unknown) => unknown) {
    const calls: { name: string; input: unknown }[] = [];
    const listeners: { event: string; cb: (p: unknown) => void }[] = [];
    const bridge: DesktopBridge = {
      call: async (name, input) => {
        calls.push({ name, input });
        return answer(name, input);
      },
      on: (event, cb) => {
        listeners.push({ event, cb });
        return () => listeners.splice(listeners.findIndex((l) => l.cb === cb), 1);
      },
    };
    return { api: createApiClient(() => desktopTransport(bridge)), calls, listeners };
  }

  it('calls through the preload bridge and unwraps results and errors alike', async () => {
    const ok = desktop(() => ({ ok: true, value: { scanned: true } }));
    await expect(ok.api.call('simulator.scan', { channelId: 2 })).resolves.toEqual({ scanned: true });
    expect(ok.calls).toEqual([{ name: 'simulator.scan', input: { channelId: 2 } }]);

    const bad = desktop(() => ({ ok: false, error: phoneError }));
    await expect(bad.api.call('channels.get', { id: 1 })).rejects.toMatchObject({ field: 'phone' });

    const broken = desktop(() => {
      throw new Error('IPC gone');
    });
    await expect(broken.api.call('channels.list')).rejects.toMatchObject({ code: 'network' });
  });

  it('uploads the file bytes with files.upload and saves downloads with files.download', async () => {
    const d = desktop((name) => ({ ok: true, value: name === 'files.upload' ? { path: '/p', name: 'a.csv', size: 3 } : { saved: true } }));
    await d.api.upload(new File(['abc'], 'a.csv'));
    await d.api.download('/data/exports/x.csv', 'x.csv');
    expect(d.calls[0]!.name).toBe('files.upload');
    const input = d.calls[0]!.input as { name: string; bytes: Uint8Array };
    expect(input.name).toBe('a.csv');
    expect([...input.bytes]).toEqual([97, 98, 99]);
    expect(d.calls[1]).toEqual({ name: 'files.download', input: { path: '/data/exports/x.csv', name: 'x.csv' } });
  });

  it('passes event subscriptions to the bridge and reports the live stream as always open', () => {
    const d = desktop(() => ({ ok: true, value: null }));
    const got: unknown[] = [];
    const off = d.api.on('channels.changed', (p) => got.push(p));
    d.listeners[0]!.cb({ channelId: 4 });
    expect(got).toEqual([{ channelId: 4 }]);
    off();
    expect(d.listeners).toHaveLength(0);
    const statuses: string[] = [];
    d.api.onLiveStatus((s) => statuses.push(s));
    expect(statuses).toEqual(['open']);
  });
});

describe('error helpers', () => {
  it('files an error under the field it names, or above the form when the form has no such field', () => {
    const err = new ApiError(phoneError);
    expect(Object.keys(fieldErrors(err, ['name', 'phone']))).toEqual(['phone']);
    expect(Object.keys(fieldErrors(err, ['name']))).toEqual(['']);
    expect(Object.keys(fieldErrors(new ApiError({ ...phoneError, field: 'parts.0.text' }), ['parts']))).toEqual(['parts']);
    expect(fieldErrors(null, ['phone'])).toEqual({});
  });

  it('wraps anything thrown into an ApiError with text in both languages', () => {
    const wrapped = toApiError(new Error('boom'));
    expect(wrapped.code).toBe('unexpected');
    expect(wrapped.text('en')).toContain('boom');
    expect(wrapped.text('tr')).toContain('boom');
    const same = new ApiError(phoneError);
    expect(toApiError(same)).toBe(same);
  });
});

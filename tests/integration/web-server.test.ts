import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../src-main/platform/logger';
import { startWebServer, type WebServer } from '../../src-main/web/server';
import { makeCore, tempDir, type TestCore } from '../helpers/core';

const TOKEN = 'test-token-0123456789';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = { ok: boolean; value?: unknown; error?: { code: string; message: string; messageTr: string } }>(): T;
}

describe('web mode server', () => {
  let t: TestCore;
  let server: WebServer;
  let rendererDir: string;
  let host: string;

  /** Plain http.request, because fetch will not let a test forge the Host header. */
  function request(
    method: string,
    urlPath: string,
    opts: { headers?: Record<string, string>; body?: string | Buffer | Buffer[]; auth?: boolean } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { host, ...(opts.auth === false ? {} : { authorization: `Bearer ${TOKEN}` }), ...opts.headers };
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method, path: urlPath, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
        });
      });
      req.on('error', reject);
      if (Array.isArray(opts.body)) {
        for (const chunk of opts.body) req.write(chunk);
        req.end();
      } else {
        req.end(opts.body);
      }
    });
  }

  const api = (name: string, input?: unknown, opts: Parameters<typeof request>[2] = {}) =>
    request('POST', `/api/${name}`, { ...opts, body: input === undefined ? undefined : JSON.stringify(input) });

  beforeAll(async () => {
    t = await makeCore();
    rendererDir = tempDir('wa-desk-renderer-');
    fs.mkdirSync(path.join(rendererDir, 'assets'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1a2b.js"></script>');
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app-1a2b.js'), 'console.log("wa desk")');
    server = await startWebServer({ core: t.core, port: 0, token: TOKEN, rendererDir, uploadLimitBytes: 64 * 1024, apiBodyLimitBytes: 32 * 1024, log: silentLogger });
    host = `127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.close();
    await t.close();
  });

  it('listens on a free port and names the start URL with the token', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.startUrl).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('refuses calls without the token, or with a wrong one, with 401 and a bilingual reason', async () => {
    const none = await api('channels.list', {}, { auth: false });
    expect(none.status).toBe(401);
    expect(none.json().error).toMatchObject({ code: 'unauthorized' });
    expect(none.json().error?.messageTr).toMatch(/anahtar/);
    const wrong = await api('channels.list', {}, { auth: false, headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const prefix = await api('channels.list', {}, { auth: false, headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}` } });
    expect(prefix.status).toBe(401);
    expect((await request('GET', '/', { auth: false })).status).toBe(401);
    expect((await request('GET', '/?token=wrong', { auth: false })).status).toBe(401);
  });

  it('serves the router with a Bearer token: values, typed errors, bad JSON, unknown procedures', async () => {
    const created = await api('channels.create', { name: 'Web shop', phone: '0532 123 45 67', engine: 'simulator' });
    expect(created.status).toBe(200);
    expect(created.json().value).toMatchObject({ name: 'Web shop', phone: '+905321234567', demo: true });

    const bad = await api('channels.create', { name: 'X', phone: '0532 12', engine: 'simulator' });
    expect(bad.status).toBe(200);
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'phone_too_short', field: 'phone' } });

    const notJson = await request('POST', '/api/channels.list', { body: '{"oops":' });
    expect(notJson.status).toBe(400);
    expect(notJson.json().error?.code).toBe('invalid_json');

    expect((await api('nope.nothing', {})).json().error?.code).toBe('unknown_procedure');
    expect((await api('channels.list')).json()).toMatchObject({ ok: true, value: [expect.objectContaining({ name: 'Web shop' })] });
    expect((await request('GET', '/api/channels.list')).status).toBe(405);
  });

  it('answers 413 to an API body over the limit, announced or streamed', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(40 * 1024) });
    const announced = await request('POST', '/api/channels.list', { body: big });
    expect(announced.status).toBe(413);
    expect(announced.json().error?.code).toBe('too_large');
    const streamed = await request('POST', '/api/channels.list', {
      headers: { 'transfer-encoding': 'chunked' },
      body: [Buffer.from(big.slice(0, 20_000)), Buffer.from(big.slice(20_000))],
    });
    expect(streamed.status).toBe(413);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin with 403, even with the token', async () => {
    const evilHost = await api('channels.list', {}, { headers: { host: `evil.com:${server.port}` } });
    expect(evilHost.status).toBe(403);
    expect(evilHost.json().error?.code).toBe('forbidden_host');
    expect((await api('channels.list', {}, { headers: { host: `127.0.0.1:${server.port + 1}` } })).status).toBe(403);
    expect((await request('GET', `/?token=${TOKEN}`, { auth: false, headers: { host: `evil.com:${server.port}` } })).status).toBe(403);

    const evilOrigin = await api('channels.list', {}, { headers: { origin: 'http://evil.com' } });
    expect(evilOrigin.status).toBe(403);
    expect(evilOrigin.json().error?.code).toBe('forbidden_origin');
    expect((await api('channels.list', {}, { headers: { origin: 'null' } })).status).toBe(403);
    expect((await api('channels.list', {}, { headers: { origin: `http://localhost:${server.port}` } })).status).toBe(200);
    expect((await api('channels.list', {}, { headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('trades the start URL token for an HttpOnly SameSite=Strict cookie that then authorizes calls', async () => {
    const start = await request('GET', `/?token=${TOKEN}`, { auth: false });
    expect(start.status).toBe(303);
    expect(start.headers.location).toBe('/');
    const setCookie = start.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0]!;

    const page = await request('GET', '/', { auth: false, headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const call = await api('channels.list', {}, { auth: false, headers: { cookie, origin: `http://127.0.0.1:${server.port}` } });
    expect(call.status).toBe(200);
    expect(call.json().ok).toBe(true);
    expect((await api('channels.list', {}, { auth: false, headers: { cookie: `${cookie}x` } })).status).toBe(401);
  });

  it('serves the built UI with content types, a strict CSP, SPA fallback and no way out of its folder', async () => {
    const index = await request('GET', '/');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port} ws://localhost:${server.port}`);
    expect(csp).not.toMatch(/unsafe-eval/);

    const js = await request('GET', '/assets/app-1a2b.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toContain('immutable');

    const route = await request('GET', '/channels/1/detail');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<div id="root">');
    expect((await request('GET', '/assets/missing.js')).status).toBe(404);
    for (const sneaky of ['/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd']) {
      const res = await request('GET', sneaky);
      expect(res.body, sneaky).not.toContain('root:');
    }
  });

  it('shows a clear 503 page when the UI is not built', async () => {
    const bare = await startWebServer({ core: t.core, port: 0, token: TOKEN, rendererDir: tempDir('wa-desk-empty-'), log: silentLogger });
    try {
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: bare.port, path: '/', headers: { authorization: `Bearer ${TOKEN}` } }, (r) => {
            let body = '';
            r.on('data', (c) => (body += c));
            r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
          })
          .on('error', reject);
      });
      expect(res.status).toBe(503);
      expect(res.body).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });

  it('forwards events over the WebSocket: connecting a demo channel streams whatsapp.state', async () => {
    const ch = (await api('channels.create', { name: 'WS demo', phone: '0532 765 43 21', engine: 'simulator' })).json<{ value: { id: number } }>().value;
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`, {
      headers: { authorization: `Bearer ${TOKEN}`, origin: `http://127.0.0.1:${server.port}` },
    });
    const messages: { event: string; payload: { channelId?: number; connection?: { state: string } } }[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

    await api('channels.connect', { id: ch.id });
    await api('simulator.scan', { channelId: ch.id });
    t.clock.advance(1);
    await expect.poll(() => messages.filter((m) => m.event === 'whatsapp.state' && m.payload.channelId === ch.id).map((m) => m.payload.connection?.state)).toEqual(
      expect.arrayContaining(['qr', 'ready']),
    );
    ws.close();
  });

  it('refuses WebSocket upgrades without the token, from a foreign Host or Origin, or on another path', async () => {
    const attempt = (urlPath: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}${urlPath}`, { headers });
        ws.once('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.once('open', () => {
          ws.close();
          resolve(101);
        });
        ws.once('error', reject);
      });
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect(await attempt('/events', {})).toBe(401);
    expect(await attempt('/events', { ...auth, host: `evil.com:${server.port}` })).toBe(403);
    expect(await attempt('/events', { ...auth, origin: 'http://evil.com' })).toBe(403);
    expect(await attempt('/other', auth)).toBe(404);
    expect(await attempt('/events', auth)).toBe(101);
  });

  it('saves uploads under the data dir with a sanitized name, and refuses oversize ones with 413', async () => {
    const content = 'name;phone\nAyşe;0532 123 45 67\n';
    const res = await request('POST', `/upload?name=${encodeURIComponent('../../Müşteriler listesi.csv')}`, { body: content });
    expect(res.status).toBe(200);
    const saved = res.json<{ ok: true; value: { path: string; name: string; size: number } }>().value;
    expect(saved.name).toBe('Müşteriler listesi.csv');
    expect(saved.size).toBe(Buffer.byteLength(content));
    expect(path.dirname(path.dirname(saved.path))).toBe(path.join(t.core.paths.dataDir, 'uploads'));
    expect(path.basename(saved.path)).toBe('Müşteriler listesi.csv');
    expect(fs.readFileSync(saved.path, 'utf8')).toBe(content);

    expect((await request('POST', '/upload?name=x.csv', { auth: false, body: 'a' })).status).toBe(401);

    const before = fs.readdirSync(path.join(t.core.paths.dataDir, 'uploads')).length;
    const announced = await request('POST', '/upload?name=big.csv', { body: Buffer.alloc(65 * 1024, 97) });
    expect(announced.status).toBe(413);
    expect(announced.json().error?.code).toBe('too_large');
    const streamed = await request('POST', '/upload?name=big.csv', {
      headers: { 'transfer-encoding': 'chunked' },
      body: [Buffer.alloc(40 * 1024, 97), Buffer.alloc(40 * 1024, 98)],
    });
    expect(streamed.status).toBe(413);
    expect(fs.readdirSync(path.join(t.core.paths.dataDir, 'uploads')).length).toBe(before);
  });

  it('downloads files inside the data dir only', async () => {
    const report = path.join(t.core.paths.reportsDir, 'rejected rows.csv');
    fs.writeFileSync(report, 'row,reason\n2,phone_too_short\n');
    const ok = await request('GET', `/download?path=${encodeURIComponent(report)}&name=${encodeURIComponent('Hatalı satırlar.csv')}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('row,reason\n2,phone_too_short\n');
    expect(ok.headers['content-disposition']).toMatch(/^attachment; filename="Hatal_ sat_rlar.csv"; filename\*=UTF-8''Hatal%C4%B1%20sat%C4%B1rlar.csv$/);

    const outside = tempDir('wa-desk-outside-');
    const secret = path.join(outside, 'secret.txt');
    fs.writeFileSync(secret, 'secret');
    const link = path.join(t.core.paths.reportsDir, 'link.txt');
    fs.symlinkSync(secret, link);
    for (const p of [secret, '/etc/passwd', `${t.core.paths.reportsDir}/../../${path.basename(outside)}/secret.txt`, link, 'relative.csv', t.core.paths.dataDir]) {
      const res = await request('GET', `/download?path=${encodeURIComponent(p)}`);
      expect(res.status, p).toBe(403);
      expect(res.body).not.toContain('secret');
    }
    const session = path.join(t.core.paths.sessionsDir, 'creds.json');
    fs.writeFileSync(session, '{}');
    expect((await request('GET', `/download?path=${encodeURIComponent(session)}`)).status).toBe(403);
    expect((await request('GET', `/download?path=${encodeURIComponent(path.join(t.core.paths.reportsDir, 'gone.csv'))}`)).status).toBe(404);
    expect((await request('GET', `/download?path=${encodeURIComponent(report)}`, { auth: false })).status).toBe(401);
  });
});

import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError, type ApiResult, type LocalizedText } from '../../src-shared/errors';
import type { AppCore } from '../bootstrap';
import { resolveDownload } from '../files/downloads';
import { saveUpload, tooLarge, UPLOAD_LIMIT_BYTES } from '../files/uploads';
import { contentSecurityPolicy } from '../platform/csp';
import { consoleLogger, type Logger } from '../platform/logger';
import { WebGuard, type GuardVerdict } from './guard';
import { resolveStatic } from './static';

export const API_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

export interface WebServerOptions {
  core: AppCore;
  /** 0 picks any free port. */
  port: number;
  token: string;
  /** Defaults to the core's `dist/renderer`. */
  rendererDir?: string;
  uploadLimitBytes?: number;
  apiBodyLimitBytes?: number;
  log?: Logger;
}

export interface WebServer {
  port: number;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The URL to open in a browser: it carries the token once and trades it for a session cookie. */
  startUrl: string;
  close(): Promise<void>;
}

const GUARD_TEXT: Record<Exclude<GuardVerdict, { ok: true }>['code'], LocalizedText> = {
  unauthorized: {
    en: 'This WA Desk server needs its access token. Open the start URL printed in the terminal, or send "Authorization: Bearer <token>".',
    tr: 'Bu WA Desk sunucusu erişim anahtarını istiyor. Terminalde yazan başlangıç adresini açın ya da "Authorization: Bearer <anahtar>" gönderin.',
  },
  forbidden_host: {
    en: 'Requests must be addressed to 127.0.0.1 or localhost on this port.',
    tr: 'İstekler bu porttaki 127.0.0.1 ya da localhost adresine yapılmalıdır.',
  },
  forbidden_origin: {
    en: 'Requests from other web sites are refused.',
    tr: 'Başka web sitelerinden gelen istekler reddedilir.',
  },
};

const STATUS_BY_CODE: Record<string, number> = {
  too_large: 413,
  invalid_json: 400,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
};

const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Web mode: the built UI, `POST /api/<procedure>`, `POST /upload`, `GET /download` and the `/events` WebSocket,
 * on 127.0.0.1 only, over the same router the desktop window uses.
 */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const { core, token } = opts;
  const log = opts.log ?? consoleLogger('web');
  const rendererDir = opts.rendererDir ?? core.paths.rendererDir;
  const uploadLimit = opts.uploadLimitBytes ?? UPLOAD_LIMIT_BYTES;
  const apiLimit = opts.apiBodyLimitBytes ?? API_BODY_LIMIT_BYTES;
  if (!token) throw new Error('web mode needs a non-empty token');

  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const alive = new WeakSet<WebSocket>();

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : opts.port);
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  const guard = new WebGuard(token, port);
  const csp = contentSecurityPolicy({ connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
    '/upload': async (req, res, url) => {
      if (req.method !== 'POST') return sendError(res, methodNotAllowed());
      if (Number(req.headers['content-length'] ?? 0) > uploadLimit) return sendError(res, tooLarge(uploadLimit));
      const saved = await saveUpload(core.paths.dataDir, url.searchParams.get('name') ?? '', req, uploadLimit);
      sendJson(res, 200, { ok: true, value: saved });
    },
    '/download': async (req, res, url) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, methodNotAllowed());
      const file = resolveDownload(core.paths, url.searchParams.get('path'), url.searchParams.get('name'));
      res.writeHead(200, {
        ...BASE_HEADERS,
        'Content-Type': 'application/octet-stream',
        'Content-Length': file.size,
        'Content-Disposition': contentDisposition(file.name),
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') return void res.end();
      await new Promise<void>((resolve, reject) => {
        fs.createReadStream(file.path).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
      });
    },
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return sendError(res, methodNotAllowed());
    if (Number(req.headers['content-length'] ?? 0) > apiLimit) return sendError(res, tooLarge(apiLimit));
    const raw = await readBody(req, apiLimit);
    let input: unknown;
    if (raw.length > 0) {
      try {
        input = JSON.parse(raw.toString('utf8'));
      } catch {
        return sendError(
          res,
          new AppError('invalid_json', {
            en: 'The request body is not valid JSON.',
            tr: 'İstek gövdesi geçerli bir JSON değil.',
          }),
        );
      }
    }
    sendJson(res, 200, await core.call(name, input));
  }

  function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, methodNotAllowed());
    const target = resolveStatic(rendererDir, url.pathname);
    if (target.kind === 'not_built') {
      return sendPage(res, 503, {
        en: 'The user interface is not built yet. Run "npm run build", then reload this page.',
        tr: 'Kullanıcı arayüzü henüz derlenmedi. "npm run build" komutunu çalıştırıp bu sayfayı yenileyin.',
      });
    }
    if (target.kind === 'not_found') {
      return sendPage(res, 404, { en: 'There is nothing at this address.', tr: 'Bu adreste bir şey yok.' });
    }
    const stat = fs.statSync(target.file);
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': target.contentType,
      'Content-Length': stat.size,
      'Content-Security-Policy': csp,
      'Cache-Control': target.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(target.file).pipe(res);
  }

  function sendPage(res: ServerResponse, status: number, text: LocalizedText): void {
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>WA Desk</title>
<style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}p{line-height:1.5}</style>
</head><body><h1>WA Desk</h1><p>${escapeHtml(text.en)}</p><p lang="tr">${escapeHtml(text.tr)}</p></body></html>`;
    res.writeHead(status, {
      ...BASE_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
      'Cache-Control': 'no-store',
    });
    res.end(body);
  }

  function refuse(req: IncomingMessage, res: ServerResponse, url: URL, verdict: Exclude<GuardVerdict, { ok: true }>): void {
    const wantsJson = url.pathname.startsWith('/api/') || url.pathname in routes;
    if (wantsJson) return sendError(res, new AppError(verdict.code, GUARD_TEXT[verdict.code]), verdict.status);
    sendPage(res, verdict.status, GUARD_TEXT[verdict.code]);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const verdict = guard.check(req);
    const startToken = url.pathname === '/' && req.method === 'GET' ? url.searchParams.get('token') : null;
    if (startToken !== null && (verdict.ok || verdict.code === 'unauthorized')) {
      if (!guard.tokenMatches(startToken)) return refuse(req, res, url, { ok: false, status: 401, code: 'unauthorized' });
      res.writeHead(303, { ...BASE_HEADERS, 'Set-Cookie': guard.sessionCookie(), Location: '/', 'Cache-Control': 'no-store' });
      return void res.end();
    }
    if (!verdict.ok) return refuse(req, res, url, verdict);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    const route = routes[url.pathname];
    if (route) return route(req, res, url);
    handleStatic(req, res, url);
  }

  server.on('request', (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (err instanceof AppError) return sendError(res, err);
      log.error('web request failed', { path: req.url, error: err instanceof Error ? err.stack : String(err) });
      sendError(res, internalError(), 500);
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/events') {
      return rejectUpgrade(socket, 404, new AppError('not_found', { en: 'Events are served at /events.', tr: 'Olaylar /events adresinde.' }));
    }
    const verdict = guard.check(req);
    if (!verdict.ok) return rejectUpgrade(socket, verdict.status, new AppError(verdict.code, GUARD_TEXT[verdict.code]));
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      ws.on('error', () => ws.terminate());
    });
  });

  const unsubscribe = core.events.subscribe((event, payload) => {
    if (wss.clients.size === 0) return;
    const message = JSON.stringify({ event, payload });
    for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  // A laptop that sleeps leaves half-open sockets behind; pinging finds them so the event fan-out stays small.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    port,
    origin,
    startUrl: `${origin}/?token=${encodeURIComponent(token)}`,
    async close() {
      unsubscribe();
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function methodNotAllowed(): AppError {
  return new AppError('method_not_allowed', {
    en: 'This address does not accept that kind of request.',
    tr: 'Bu adres bu tür bir isteği kabul etmiyor.',
  });
}

function internalError(): AppError {
  return new AppError('internal', {
    en: 'Something went wrong on our side. Your data is unchanged; please try again.',
    tr: 'Bizim tarafımızda bir sorun oluştu. Verileriniz değişmedi; lütfen tekrar deneyin.',
  });
}

function sendJson(res: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/**
 * Errors about the request itself (too large) are answered before its body is read; closing the connection
 * afterwards stops the client from streaming the rest of a body nobody will read.
 */
function sendError(res: ServerResponse, err: AppError, status = STATUS_BY_CODE[err.code] ?? 200): void {
  if (status === 413) res.setHeader('Connection', 'close');
  sendJson(res, status, { ok: false, error: err.toBody() });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function rejectUpgrade(socket: Duplex, status: 401 | 403 | 404, err: AppError): void {
  const body = JSON.stringify({ ok: false, error: err.toBody() });
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; code: 'unauthorized' | 'forbidden_host' | 'forbidden_origin' };

/** Equal-time comparison that also hides the length of the secret (both sides are hashed first). */
export function secretsEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return jar;
}

/**
 * The checks every web-mode request and WebSocket upgrade passes: the Host header names this server (so a
 * DNS-rebinding page on another name cannot talk to it), a browser's Origin is this server, and the caller holds
 * the per-run token, as a Bearer header or as the session cookie the start URL set.
 */
export class WebGuard {
  /** Cookies are shared by every port of a host, so the name carries the port to keep two instances apart. */
  readonly cookieName: string;
  private readonly sessionValue: string;
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;

  constructor(
    private readonly token: string,
    port: number,
  ) {
    this.cookieName = `wa_desk_session_${port}`;
    this.sessionValue = createHmac('sha256', token).update('wa-desk web session').digest('base64url');
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  }

  tokenMatches(candidate: string): boolean {
    return secretsEqual(candidate, this.token);
  }

  /** `Set-Cookie` value for a browser that opened the start URL. */
  sessionCookie(): string {
    return `${this.cookieName}=${this.sessionValue}; Path=/; HttpOnly; SameSite=Strict`;
  }

  check(req: IncomingMessage): GuardVerdict {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!this.hosts.has(host)) return { ok: false, status: 403, code: 'forbidden_host' };
    const origin = req.headers.origin;
    if (origin !== undefined && !this.origins.has(origin.toLowerCase())) return { ok: false, status: 403, code: 'forbidden_origin' };
    return this.authenticated(req) ? { ok: true } : { ok: false, status: 401, code: 'unauthorized' };
  }

  private authenticated(req: IncomingMessage): boolean {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
      return m !== null && this.tokenMatches(m[1]!);
    }
    const cookie = parseCookies(req.headers.cookie).get(this.cookieName);
    return cookie !== undefined && secretsEqual(cookie, this.sessionValue);
  }
}

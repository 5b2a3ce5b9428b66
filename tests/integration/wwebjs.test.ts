import dns from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../src-shared/api/channels';
import type { LocalizedText } from '../../src-shared/errors';
import { systemClock } from '../../src-main/platform/clock';
import { silentLogger } from '../../src-main/platform/logger';
import type { Gateway } from '../../src-main/whatsapp/gateway';
import { createWwebjsGateway, type WwebjsTimeouts } from '../../src-main/whatsapp/wwebjs-gateway';
import { TEXT } from '../../src-main/whatsapp/wwebjs/mapping';
import { tempDir } from '../helpers/core';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);

/** Live (not zombie) processes whose command line mentions `dir`: the browser and its helpers for one profile. */
function browserProcesses(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (cmdline.includes(dir) && state !== 'Z') pids.push(Number(entry));
    } catch {
      // The process ended while being looked at.
    }
  }
  return pids;
}

async function settledProcesses(dir: string, withinMs: number): Promise<number[]> {
  const until = Date.now() + withinMs;
  for (;;) {
    const left = browserProcesses(dir);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function record(gw: Gateway) {
  const t0 = Date.now();
  const states: { state: ConnectionState; detail: LocalizedText | null; ms: number }[] = [];
  gw.on('state', (state, detail) => states.push({ state, detail, ms: Date.now() - t0 }));
  return states;
}

async function canResolve(host: string): Promise<boolean> {
  try {
    await dns.lookup(host);
    return true;
  } catch {
    return false;
  }
}

/** Chromium on Linux honours the proxy variables; the proxy server itself decides what the "network" does. */
function withProxy(port: number): () => void {
  const saved = { https_proxy: process.env.https_proxy, HTTPS_PROXY: process.env.HTTPS_PROXY };
  process.env.https_proxy = process.env.HTTPS_PROXY = `http://127.0.0.1:${port}`;
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

describe.skipIf(!haveChromium)(`wwebjs engine against ${CHROMIUM} (skipped when absent: apt-get install -y chromium)`, () => {
  const dirs: string[] = [];
  let gateway: Gateway | null = null;

  const make = (timeouts: Partial<WwebjsTimeouts> = {}, browserPath: string | null = CHROMIUM) => {
    const dir = tempDir('wwebjs-it-');
    dirs.push(dir);
    gateway = createWwebjsGateway({ sessionDir: dir, clock: systemClock, log: silentLogger, browserPath: () => browserPath, timeouts });
    return { gw: gateway, dir };
  };

  afterEach(async () => {
    await gateway?.disconnect();
    gateway = null;
  });
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('without internet reaches offline within seconds with a sentence for the shop owner, leaving no browser behind', async () => {
    // This machine has no internet. Where WhatsApp does resolve (a CI runner with network), a proxy port that
    // refuses connections stands in for the missing network, so the same path is exercised.
    let restore = () => undefined as void;
    if (await canResolve('web.whatsapp.com')) {
      const refused = net.createServer();
      await new Promise<void>((r) => refused.listen(0, '127.0.0.1', r));
      const port = (refused.address() as net.AddressInfo).port;
      await new Promise<void>((r) => refused.close(() => r()));
      restore = withProxy(port);
    }
    try {
      const { gw, dir } = make();
      const states = record(gw);
      const started = Date.now();
      await gw.connect();
      const took = Date.now() - started;

      expect(gw.state()).toBe('offline');
      expect(states.map((s) => s.state)).toEqual(['starting', 'offline']);
      expect(states.at(-1)!.detail).toEqual(TEXT.offline);
      expect(TEXT.offline.en).toMatch(/internet/);
      expect(TEXT.offline.tr).toMatch(/internet/);
      expect(took).toBeLessThan(20_000);
      // The browser really ran: it created its profile inside the LocalAuth session dir.
      expect(fs.existsSync(path.join(dir, 'session', 'Local State'))).toBe(true);
      expect(await settledProcesses(dir, 5_000)).toEqual([]);
    } finally {
      restore();
    }
  }, 40_000);

  describe('when the network swallows connections without answering', () => {
    let blackhole: net.Server;
    const held: net.Socket[] = [];
    let restore: () => void;
    beforeAll(async () => {
      blackhole = net.createServer((socket) => held.push(socket));
      await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', r));
      restore = withProxy((blackhole.address() as net.AddressInfo).port);
    });
    afterAll(async () => {
      restore();
      for (const s of held) s.destroy();
      await new Promise<void>((r) => blackhole.close(() => r()));
    });

    it('gives up at the navigation deadline and kills the browser mid-navigation', async () => {
      const { gw, dir } = make({ navigationMs: 5_000 });
      const states = record(gw);
      await gw.connect();
      expect(states.at(-1)).toMatchObject({ state: 'offline', detail: TEXT.offline });
      expect(states.at(-1)!.ms).toBeGreaterThanOrEqual(5_000);
      expect(states.at(-1)!.ms).toBeLessThan(15_000);
      expect(await settledProcesses(dir, 5_000)).toEqual([]);
    }, 40_000);

    it('disconnect while the browser is still starting leaves no browser behind', async () => {
      const { gw, dir } = make();
      const connecting = gw.connect();
      await new Promise((r) => setTimeout(r, 300));
      await gw.disconnect();
      await connecting;
      expect(gw.state()).toBe('disconnected');
      // A launch that was still under way finishes after the disconnect; the session kills that browser itself.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(await settledProcesses(dir, 5_000)).toEqual([]);
    }, 40_000);
  });

  it('with a browser path that does not exist reaches browser_missing and starts nothing', async () => {
    const { gw, dir } = make({}, '/nonexistent/chrome');
    const states = record(gw);
    await gw.connect();
    expect(gw.state()).toBe('browser_missing');
    expect(states.at(-1)!.detail!.en).toContain('/nonexistent/chrome');
    expect(states.at(-1)!.detail!.tr).toContain('/nonexistent/chrome');
    expect(browserProcesses(dir)).toEqual([]);
  });

  it('with no browser found at all reaches browser_missing with the install hint', async () => {
    const { gw } = make({}, null);
    await gw.connect();
    expect(gw.state()).toBe('browser_missing');
  });
});

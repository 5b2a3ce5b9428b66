import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { procedures } from '../../src-shared/api';
import { makeCore, tempDir } from '../helpers/core';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** The CLI as a user runs it: a child process, its stdout, stderr and exit code. */
function cli(...args: string[]) {
  const res = spawnSync(TSX, ['src-main/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('CLI', { timeout: 90_000 }, () => {
  const dataDir = tempDir('wa-desk-cli-');

  it('creates a channel and prints it as JSON; the database is closed and the channel persists', () => {
    const created = cli('--data-dir', dataDir, 'channels.create', '{"name":"CLI shop","phone":"0532 123 45 67","engine":"simulator"}');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ name: 'CLI shop', phone: '+905321234567', demo: true });
    expect(created.stdout).toContain('\n  "name": "CLI shop"');

    const listed = cli('--data-dir', dataDir, 'channels.list');
    expect(listed.code).toBe(0);
    const channels = JSON.parse(listed.stdout) as { name: string; connection: { state: string } }[];
    expect(channels.map((c) => c.name)).toEqual(['CLI shop']);
    expect(channels[0]!.connection.state).toBe('disconnected');
  });

  it('does not reconnect channels that were connected when the app closed', async () => {
    const dir = tempDir('wa-desk-cli-resume-');
    const t = await makeCore({ dataDir: dir });
    const ch = await t.ok('channels.create', { name: 'Connected', phone: '0532 111 22 33', engine: 'simulator' });
    await t.ok('channels.connect', { id: ch.id });
    await t.ok('simulator.scan', { channelId: ch.id });
    t.clock.advance(1);
    expect((await t.ok('channels.get', { id: ch.id })).connection.state).toBe('ready');
    await t.close();

    const res = cli('--data-dir', dir, 'channels.get', JSON.stringify({ id: ch.id }));
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).connection.state).toBe('disconnected');
  });

  it('exits 1 with the reason on a bad phone number, printing nothing on stdout', () => {
    const res = cli('--data-dir', dataDir, 'channels.create', '{"name":"Bad","phone":"0532 12","engine":"simulator"}');
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/too short.*\[phone_too_short, field: phone\]/);
  });

  it('speaks Turkish when the locale is Turkish', () => {
    const res = spawnSync(TSX, ['src-main/cli/main.ts', '--data-dir', dataDir, 'channels.get', '{"id":999}'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'tr_TR.UTF-8' },
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/bulunamadı/);
  });

  it('explains malformed JSON, wrong input types and unknown procedures', () => {
    const json = cli('--data-dir', dataDir, 'channels.create', "{name: 'x'}");
    expect(json.code).toBe(1);
    expect(json.stderr).toMatch(/not valid JSON.*\[invalid_json\]/);

    const typed = cli('--data-dir', dataDir, 'channels.get', '{"id":"one"}');
    expect(typed.code).toBe(1);
    expect(typed.stderr).toMatch(/Invalid input \(id\).*\[invalid_input, field: id\]/);

    const unknown = cli('--data-dir', dataDir, 'channels.explode', '{}');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no procedure named "channels.explode".*--help/);
  });

  it('lists every procedure with --help, and prints usage with exit 1 when called without one', () => {
    const help = cli('--help');
    expect(help.code).toBe(0);
    for (const name of Object.keys(procedures)) expect(help.stdout).toContain(`  ${name}`);
    const bare = cli();
    expect(bare.code).toBe(1);
    expect(bare.stderr).toMatch(/^Usage: npm run cli/);
  });
});

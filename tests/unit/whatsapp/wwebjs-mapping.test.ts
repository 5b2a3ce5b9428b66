import { describe, expect, it } from 'vitest';
import {
  TEXT,
  ackLevel,
  classifyCallFailure,
  classifyStartFailure,
  disconnectOutcome,
  e164Digits,
  findSentVerdict,
  isPersonChat,
  messageText,
  phoneFromWid,
  socketOutcome,
} from '../../../src-main/whatsapp/wwebjs/mapping';

describe('wwebjs mapping', () => {
  it('maps every ack number WhatsApp uses, and nothing else', () => {
    expect([-1, 0, 1, 2, 3, 4].map(ackLevel)).toEqual(['error', 'pending', 'server', 'device', 'read', 'read']);
    expect(ackLevel(5)).toBeNull();
    expect(ackLevel(-2)).toBeNull();
  });

  it('maps disconnect reasons to the states the UI and the manager act on', () => {
    expect(disconnectOutcome('LOGOUT').state).toBe('logged_out');
    expect(disconnectOutcome('UNPAIRED').state).toBe('logged_out');
    expect(disconnectOutcome('UNPAIRED_IDLE').state).toBe('logged_out');
    expect(disconnectOutcome('TOS_BLOCK')).toEqual({ state: 'blocked', detail: TEXT.banned });
    expect(disconnectOutcome('SMB_TOS_BLOCK')).toEqual({ state: 'blocked', detail: TEXT.banned });
    expect(disconnectOutcome('CONFLICT')).toEqual({ state: 'blocked', detail: TEXT.conflict });
    expect(disconnectOutcome('PROXYBLOCK').state).toBe('offline');
    expect(disconnectOutcome('DEPRECATED_VERSION')).toEqual({ state: 'disconnected', detail: TEXT.outdated });
    expect(disconnectOutcome('Max qrcode retries reached')).toEqual({ state: 'disconnected', detail: TEXT.lost });
  });

  it('treats a socket timeout as offline and CONNECTED as ready, ignoring transitional states', () => {
    expect(socketOutcome('TIMEOUT')).toBe('offline');
    expect(socketOutcome('CONNECTED')).toBe('ready');
    for (const s of ['OPENING', 'PAIRING', 'UNLAUNCHED', 'CONFLICT']) expect(socketOutcome(s)).toBeNull();
  });

  it('reads E.164 numbers only from phone-number ids', () => {
    expect(phoneFromWid('905321234567@c.us')).toBe('+905321234567');
    expect(phoneFromWid('14155550123@s.whatsapp.net')).toBe('+14155550123');
    for (const id of ['123456789012345@lid', '905321234567-1600000000@g.us', 'status@broadcast', '@c.us', '', null, undefined]) {
      expect(phoneFromWid(id), String(id)).toBeNull();
    }
  });

  it('recognises one-to-one chats, not groups, status, broadcast lists or channels', () => {
    expect(isPersonChat('905321234567@c.us')).toBe(true);
    expect(isPersonChat('123456789012345@lid')).toBe(true);
    for (const id of ['120363025@g.us', 'status@broadcast', '1690000000@broadcast', '120363@newsletter', '']) {
      expect(isPersonChat(id), id).toBe(false);
    }
  });

  it('only looks up plausible E.164 numbers', () => {
    expect(e164Digits('+905321234567')).toBe('905321234567');
    for (const bad of ['905321234567', '+0532123', '+90 532 123 45 67', '+12345', '+1234567890123456', '']) {
      expect(e164Digits(bad), bad).toBeNull();
    }
  });

  it('keeps what a person sends and drops protocol noise', () => {
    expect(messageText('chat', 'Merhaba')).toBe('Merhaba');
    expect(messageText('chat', '')).toBe('');
    expect(messageText('image', 'price?')).toBe('price?');
    expect(messageText('image', '')).toBe('[image]');
    expect(messageText('ptt', '')).toBe('[ptt]');
    for (const t of ['e2e_notification', 'notification_template', 'protocol', 'gp2', 'call_log', 'revoked', 'ciphertext', 'reaction']) {
      expect(messageText(t, 'x'), t).toBeNull();
    }
  });

  it('classifies start failures: missing browser, no network, a locked profile, anything else', () => {
    const missing = classifyStartFailure(new Error('Browser was not found at the configured executablePath (/x/chrome)'), '/x/chrome');
    expect(missing.kind).toBe('browser_missing');
    expect(missing.detail.en).toContain('/x/chrome');
    expect(missing.detail.tr).toContain('/x/chrome');
    expect(classifyStartFailure(new Error('Failed to launch the browser process: spawn /tmp EACCES'), '/tmp').kind).toBe('browser_missing');
    for (const net of ['net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/', 'net::ERR_INTERNET_DISCONNECTED at https://web.whatsapp.com/']) {
      expect(classifyStartFailure(new Error(net), '/c')).toEqual({ kind: 'offline', detail: TEXT.offline });
    }
    expect(classifyStartFailure('auth timeout', '/c').kind).toBe('offline');
    expect(classifyStartFailure(new Error('The browser is already running for /s/session. Use a different `userDataDir`'), '/c')).toEqual({
      kind: 'disconnected',
      detail: TEXT.profileInUse,
    });
    expect(classifyStartFailure(new Error('something odd'), '/c')).toEqual({ kind: 'disconnected', detail: TEXT.startFailed });
  });

  it('turns a page reload or closed browser mid-call into an unknown outcome, not a failure', () => {
    expect(classifyCallFailure(new Error('Execution context was destroyed, most likely because of a navigation.'))).toBe('timeout');
    expect(classifyCallFailure(new Error('Protocol error (Runtime.callFunctionOn): Target closed'))).toBe('timeout');
    expect(classifyCallFailure(new Error('Runtime.callFunctionOn timed out.'))).toBe('timeout');
    expect(classifyCallFailure(new Error('Evaluation failed: invalid wid'))).toBe('invalid_number');
    expect(classifyCallFailure(new Error('Evaluation failed: TypeError: x is undefined'))).toBe('send_failed');
  });

  it('says sent only for a matching own message since the probe time, unknown when history does not reach back', () => {
    const since = 1_700_000_000_500;
    const probe = { body: 'Hello Ayşe', since };
    const at = (dSec: number) => Math.floor(since / 1000) * 1000 + dSec * 1000;
    // WhatsApp's timestamp is whole seconds, so the same second counts.
    expect(findSentVerdict([{ body: 'Hello Ayşe', at: at(0), ack: 1 }], probe, true)).toBe('sent');
    expect(findSentVerdict([{ body: 'Hello Ayşe', at: at(-600), ack: 3 }], probe, true)).toBe('not_sent');
    expect(findSentVerdict([{ body: 'Hello Ayse', at: at(5), ack: 1 }], probe, true)).toBe('not_sent');
    expect(findSentVerdict([{ body: 'Hello Ayşe', at: at(5), ack: -1 }], probe, true)).toBe('not_sent');
    expect(findSentVerdict([], probe, true)).toBe('not_sent');
    expect(findSentVerdict([{ body: 'other', at: at(5), ack: 1 }], probe, false)).toBe('unknown');
    expect(findSentVerdict([{ body: 'old', at: at(-60), ack: 3 }, { body: 'other', at: at(5), ack: 1 }], probe, false)).toBe('not_sent');
  });

  it('has every user-facing sentence in English and Turkish', () => {
    for (const [key, text] of Object.entries(TEXT)) {
      expect(text.en.length, key).toBeGreaterThan(20);
      expect(text.tr.length, key).toBeGreaterThan(20);
      expect(text.tr, key).not.toBe(text.en);
    }
  });
});

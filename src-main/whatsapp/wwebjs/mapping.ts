import type { ConnectionState } from '../../../src-shared/api/channels';
import type { LocalizedText } from '../../../src-shared/errors';
import type { AckLevel, GatewayError } from '../gateway';

/**
 * How whatsapp-web.js's vocabulary (socket states, disconnect reasons, ack numbers, chat ids, launch errors) maps
 * onto the Gateway's. Pure, so every mapping is tested without a browser.
 */

export const TEXT = {
  offline: {
    en: "Can't reach WhatsApp. Check that this computer is connected to the internet; we'll keep trying to connect.",
    tr: "WhatsApp'a ulaşılamıyor. Bu bilgisayarın internete bağlı olduğunu kontrol edin; bağlanmayı denemeye devam edeceğiz.",
  },
  slowStart: {
    en: "WhatsApp Web is taking too long to load. The internet connection may be slow or blocked; we'll try again shortly.",
    tr: "WhatsApp Web'in yüklenmesi çok uzun sürüyor. İnternet bağlantısı yavaş ya da engellenmiş olabilir; birazdan yeniden deneyeceğiz.",
  },
  proxyBlock: {
    en: "This network blocks WhatsApp (a proxy or firewall). Try another internet connection; we'll keep trying.",
    tr: 'Bu ağ WhatsApp\'ı engelliyor (proxy veya güvenlik duvarı). Başka bir internet bağlantısı deneyin; denemeye devam edeceğiz.',
  },
  connectionLost: {
    en: "The connection to WhatsApp dropped. Check the internet connection; we're reconnecting.",
    tr: 'WhatsApp bağlantısı koptu. İnternet bağlantısını kontrol edin; yeniden bağlanıyoruz.',
  },
  browserMissing: {
    en: 'No Chrome, Edge or Chromium was found on this computer. Install one of them, or set the browser\'s location in Settings.',
    tr: "Bu bilgisayarda Chrome, Edge veya Chromium bulunamadı. Bunlardan birini kurun ya da Ayarlar'dan tarayıcının konumunu belirtin.",
  },
  profileInUse: {
    en: "This channel's WhatsApp session is already open in another copy of the app. Close it there; we'll try again.",
    tr: 'Bu kanalın WhatsApp oturumu uygulamanın başka bir kopyasında zaten açık. Orada kapatın; yeniden deneyeceğiz.',
  },
  startFailed: {
    en: "WhatsApp Web did not start properly. We'll try again shortly.",
    tr: 'WhatsApp Web düzgün başlatılamadı. Birazdan yeniden deneyeceğiz.',
  },
  sessionBroken: {
    en: "WhatsApp Web stopped working in the hidden browser that runs it. We'll reconnect shortly.",
    tr: "WhatsApp Web, onu çalıştıran gizli tarayıcıda çalışmayı durdurdu. Birazdan yeniden bağlanacağız.",
  },
  unlinked: {
    en: 'This computer was unlinked from WhatsApp (Linked devices on the phone). Scan a new QR code to connect again.',
    tr: 'Bu bilgisayarın WhatsApp bağlantısı kaldırıldı (telefonda Bağlı cihazlar). Yeniden bağlanmak için yeni bir QR kodu okutun.',
  },
  loggedOut: {
    en: 'Logged out and the saved session deleted. Scan a new QR code to connect again.',
    tr: 'Oturum kapatıldı ve kayıtlı oturum silindi. Yeniden bağlanmak için yeni bir QR kodu okutun.',
  },
  banned: {
    en: 'WhatsApp has blocked this number for breaking its terms of service. Sending is stopped; contact WhatsApp support from the phone.',
    tr: 'WhatsApp bu numarayı hizmet koşullarını ihlal ettiği gerekçesiyle engelledi. Gönderim durduruldu; telefondan WhatsApp desteğine başvurun.',
  },
  conflict: {
    en: 'WhatsApp Web was opened with this session somewhere else. Close it there, then connect again here.',
    tr: 'Bu oturumla WhatsApp Web başka bir yerde açıldı. Orada kapatın, ardından burada yeniden bağlanın.',
  },
  outdated: {
    en: "WhatsApp Web asked for a newer version. If this keeps happening, update the app; we'll try again.",
    tr: 'WhatsApp Web daha yeni bir sürüm istedi. Bu tekrarlanırsa uygulamayı güncelleyin; yeniden deneyeceğiz.',
  },
  lost: {
    en: "The connection to WhatsApp was lost. We'll reconnect shortly.",
    tr: 'WhatsApp bağlantısı koptu. Birazdan yeniden bağlanacağız.',
  },
} satisfies Record<string, LocalizedText>;

export function browserUnusable(path: string): LocalizedText {
  return {
    en: `The browser at ${path} could not be started. Install Chrome, Edge or Chromium, or choose another browser in Settings.`,
    tr: `${path} konumundaki tarayıcı başlatılamadı. Chrome, Edge veya Chromium kurun ya da Ayarlar'dan başka bir tarayıcı seçin.`,
  };
}

export interface StateOutcome {
  state: ConnectionState;
  detail: LocalizedText;
}

/**
 * What a `disconnected` reason from whatsapp-web.js means for the channel. A conflict counts as `blocked`: the
 * manager would otherwise reconnect automatically and take the session back from the other window, which then
 * takes it back again.
 */
export function disconnectOutcome(reason: string): StateOutcome {
  switch (reason) {
    case 'LOGOUT':
    case 'UNPAIRED':
    case 'UNPAIRED_IDLE':
      return { state: 'logged_out', detail: TEXT.unlinked };
    case 'TOS_BLOCK':
    case 'SMB_TOS_BLOCK':
      return { state: 'blocked', detail: TEXT.banned };
    case 'CONFLICT':
      return { state: 'blocked', detail: TEXT.conflict };
    case 'PROXYBLOCK':
      return { state: 'offline', detail: TEXT.proxyBlock };
    case 'DEPRECATED_VERSION':
      return { state: 'disconnected', detail: TEXT.outdated };
    default:
      return { state: 'disconnected', detail: TEXT.lost };
  }
}

/**
 * What a socket state change (`change_state`) means while the session is up. WhatsApp Web reconnects its socket by
 * itself after TIMEOUT, so the channel shows `offline` meanwhile and `ready` again on CONNECTED; states that end the
 * session arrive as `disconnected` and are mapped by `disconnectOutcome`.
 */
export function socketOutcome(waState: string): 'ready' | 'offline' | null {
  if (waState === 'CONNECTED') return 'ready';
  if (waState === 'TIMEOUT') return 'offline';
  return null;
}

export function ackLevel(ack: number): AckLevel | null {
  switch (ack) {
    case -1:
      return 'error';
    case 0:
      return 'pending';
    case 1:
      return 'server';
    case 2:
      return 'device';
    case 3:
    case 4:
      return 'read';
    default:
      return null;
  }
}

/** E.164 for a phone-number WhatsApp id (`905321234567@c.us`); null for LIDs, groups and anything else. */
export function phoneFromWid(id: string | null | undefined): string | null {
  const m = /^(\d{6,15})@(c\.us|s\.whatsapp\.net)$/.exec(id ?? '');
  return m ? `+${m[1]}` : null;
}

/** A one-to-one chat with a person: a phone-number id or a LID, not a group, status, broadcast list or channel. */
export function isPersonChat(id: string | null | undefined): boolean {
  return /^\d+@(c\.us|lid)$/.test(id ?? '');
}

/** The digits WhatsApp looks a number up by, or null when `e164` is not a plausible E.164 number. */
export function e164Digits(e164: string): string | null {
  return /^\+[1-9]\d{6,14}$/.test(e164) ? e164.slice(1) : null;
}

/** Message kinds a person sends; notifications, protocol messages, reactions and call logs are not messages. */
const CONTENT_TYPES = new Set([
  'chat',
  'image',
  'video',
  'audio',
  'ptt',
  'document',
  'sticker',
  'location',
  'vcard',
  'multi_vcard',
  'poll_creation',
]);

/**
 * The text a message contributes to a conversation, or null for non-content messages. Media without a caption
 * become `[image]`, `[document]`..., so a customer's photo still shows up rather than as an empty bubble.
 */
export function messageText(type: string, body: string): string | null {
  if (!CONTENT_TYPES.has(type)) return null;
  if (body !== '' || type === 'chat') return body;
  return `[${type}]`;
}

export type StartFailure =
  | { kind: 'browser_missing'; detail: LocalizedText }
  | { kind: 'offline'; detail: LocalizedText }
  | { kind: 'disconnected'; detail: LocalizedText };

/**
 * Why `client.initialize()` failed. Network errors surface as `net::ERR_*` from the page navigation; a browser that
 * cannot be spawned as ENOENT/EACCES from puppeteer's launcher; the library's own 'auth timeout' means the page
 * loaded but WhatsApp's code never booted, which in practice is a connection that drops or filters traffic.
 */
export function classifyStartFailure(err: unknown, browserPath: string): StartFailure {
  const text = errorText(err);
  if (/ENOENT|EACCES|ENOEXEC|Failed to launch the browser process|spawn .* (ENOENT|EACCES)|Browser was not found/i.test(text)) {
    return { kind: 'browser_missing', detail: browserUnusable(browserPath) };
  }
  if (/already running for|SingletonLock|ProcessSingleton/i.test(text)) {
    return { kind: 'disconnected', detail: TEXT.profileInUse };
  }
  if (/net::ERR_|auth timeout|Navigation timeout/i.test(text)) {
    return { kind: 'offline', detail: TEXT.offline };
  }
  return { kind: 'disconnected', detail: TEXT.startFailed };
}

/**
 * Which GatewayError a failed WhatsApp call becomes. A page that reloads, navigates or closes mid-call leaves the
 * outcome unknown, which the caller must treat like a timeout (reconcile, never resend blindly).
 */
export function classifyCallFailure(err: unknown): GatewayError['reason'] {
  const text = errorText(err);
  if (/Execution context was destroyed|Target closed|Session closed|detached Frame|Protocol error|Navigating frame was detached|timed out/i.test(text)) {
    return 'timeout';
  }
  if (/invalid wid|not a valid|wid error|No LID for user/i.test(text)) return 'invalid_number';
  return 'send_failed';
}

export interface OwnMessage {
  body: string;
  /** ms since epoch (WhatsApp stores whole seconds). */
  at: number;
  ack: number;
}

/** Slack for WhatsApp's whole-second timestamps against a millisecond `since`. */
const TIMESTAMP_SLACK_MS = 2_000;

/**
 * Whether the app's own recent messages in a chat contain the probed one. `complete` says the list reaches back
 * before `since` (or is the whole chat); when it does not, a miss proves nothing and the answer is `unknown`.
 * A message WhatsApp marked as failed (ack -1) does not count as sent.
 */
export function findSentVerdict(
  messages: OwnMessage[],
  probe: { body: string; since: number },
  complete: boolean,
): 'sent' | 'not_sent' | 'unknown' {
  const from = probe.since - TIMESTAMP_SLACK_MS;
  if (messages.some((m) => m.at >= from && m.ack >= 0 && m.body === probe.body)) return 'sent';
  const reachesBack = complete || messages.some((m) => m.at < from);
  return reachesBack ? 'not_sent' : 'unknown';
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

import type { TFunction } from 'i18next';
import type { CampaignCounts, CampaignStatus, CampaignWait, UnitState } from '../../src-shared/api/campaigns';
import { formatDateTime } from '../contacts/util';

export const STATUS_COLOR: Record<CampaignStatus, string> = {
  draft: 'gray',
  scheduled: 'violet',
  sending: 'teal',
  paused: 'orange',
  completed: 'blue',
  cancelled: 'red',
};

export const UNIT_COLOR: Record<UnitState, string> = {
  pending: 'gray',
  sending: 'teal',
  sent: 'green',
  failed: 'red',
  invalid_number: 'orange',
  skipped: 'yellow',
  unknown: 'grape',
};

/** A length of time as people say it: "right away", "12 minutes", "3 h 5 min", "2 days 4 h". */
export function formatDuration(ms: number, t: TFunction): string {
  const minutes = Math.round(ms / 60_000);
  if (ms < 30_000) return t('bulk:duration.none');
  if (minutes < 60) return t('bulk:duration.minutes', { count: Math.max(1, minutes) });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('bulk:duration.hours', { h: hours, m: minutes % 60 });
  return t('bulk:duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** "23 s" / "4 minutes" from `now` until `until`. */
export function formatIn(until: number, now: number, t: TFunction): string {
  const ms = Math.max(0, until - now);
  if (ms < 60_000) return t('bulk:duration.seconds', { count: Math.ceil(ms / 1000) });
  return formatDuration(ms, t);
}

/** The sentence for what a sending campaign waits for right now. */
export function waitText(wait: CampaignWait, now: number, language: string, t: TFunction): string {
  const when = wait.until === null ? '' : formatDateTime(wait.until, language);
  const inText = wait.until === null ? '' : formatIn(wait.until, now, t);
  return t(`bulk:wait.${wait.reason}`, { when, in: inText });
}

/**
 * How far a campaign got: messages to send (skipped ones, opted out or cancelled, are not), those done either way
 * (sent, failed, not on WhatsApp, unknown), and that as a percentage for a progress bar.
 */
export function progressOf(counts: CampaignCounts): { sendable: number; done: number; percent: number } {
  const sendable = counts.total - counts.skipped;
  const done = sendable - counts.pending - counts.sending;
  return { sendable, done, percent: sendable > 0 ? (100 * done) / sendable : 0 };
}

import { CAMPAIGN_IMAGE_MAX_BYTES, type CampaignDetail, type PacingInput, type PartInput } from '../../src-shared/api/campaigns';

/** One part as the form edits it; `key` keeps React's identity stable while parts move. */
export type PartDraft =
  | { key: string; kind: 'text'; text: string }
  | { key: string; kind: 'random_text'; variants: string[] }
  | { key: string; kind: 'image'; path: string; fileName: string; caption: string };

export interface PacingDraft {
  delayMinSec: string;
  delayMaxSec: string;
  pauseEvery: string;
  pauseMinSec: string;
  pauseMaxSec: string;
  dailyCap: string;
  windowOn: boolean;
  start: string;
  end: string;
}

export interface ContactChoice {
  id: number;
  label: string;
}

export interface FormDraft {
  title: string;
  description: string;
  groupIds: string[];
  contacts: ContactChoice[];
  parts: PartDraft[];
  pacing: PacingDraft;
  scheduleOn: boolean;
  /** `datetime-local` text. */
  scheduledAt: string;
}

let nextKey = 1;
export const partKey = () => `p${nextKey++}`;

export const newPart = (kind: PartDraft['kind']): PartDraft =>
  kind === 'text'
    ? { key: partKey(), kind, text: '' }
    : kind === 'random_text'
      ? { key: partKey(), kind, variants: ['', ''] }
      : { key: partKey(), kind, path: '', fileName: '', caption: '' };

/** The safe defaults the server applies too: 20-45 s, a 5-15 min pause every 25, 09:00-20:00, warm-up cap. */
export const DEFAULT_PACING: PacingDraft = {
  delayMinSec: '20',
  delayMaxSec: '45',
  pauseEvery: '25',
  pauseMinSec: '300',
  pauseMaxSec: '900',
  dailyCap: '',
  windowOn: true,
  start: '09:00',
  end: '20:00',
};

/** A demo channel's simulator needs no protecting: no delays, no pauses, any hour, so a demo finishes at once. */
export const DEMO_PACING: PacingDraft = {
  delayMinSec: '0',
  delayMaxSec: '0',
  pauseEvery: '',
  pauseMinSec: '0',
  pauseMaxSec: '0',
  dailyCap: '',
  windowOn: false,
  start: '09:00',
  end: '20:00',
};

export const emptyDraft = (): FormDraft => ({
  title: '',
  description: '',
  groupIds: [],
  contacts: [],
  parts: [newPart('text')],
  pacing: { ...DEFAULT_PACING },
  scheduleOn: false,
  scheduledAt: '',
});

const num = (s: string): number | undefined => (s.trim() === '' || !Number.isFinite(Number(s)) ? undefined : Math.round(Number(s)));

/** The parts the server can take now: unfinished ones (an empty text, an image still uploading) are left out. */
export function partsInput(parts: PartDraft[]): PartInput[] {
  return parts.flatMap((p): PartInput[] => {
    if (p.kind === 'text') return p.text.trim() ? [{ kind: 'text', text: p.text }] : [];
    if (p.kind === 'random_text') {
      const variants = p.variants.filter((v) => v.trim());
      return variants.length >= 2 ? [{ kind: 'random_text', variants }] : [];
    }
    return p.path ? [{ kind: 'image', path: p.path, ...(p.caption.trim() ? { caption: p.caption } : {}) }] : [];
  });
}

/** Every part as written, for saving (the server names the first one that is not right). */
export function allPartsInput(parts: PartDraft[]): PartInput[] {
  return parts.map((p): PartInput => {
    if (p.kind === 'text') return { kind: 'text', text: p.text };
    if (p.kind === 'random_text') return { kind: 'random_text', variants: p.variants };
    return { kind: 'image', path: p.path, ...(p.caption.trim() ? { caption: p.caption } : {}) };
  });
}

export function pacingInput(p: PacingDraft): PacingInput {
  const out: PacingInput = { delayMinSec: num(p.delayMinSec) ?? 0, delayMaxSec: num(p.delayMaxSec) ?? 0 };
  const every = num(p.pauseEvery);
  out.pauseEvery = every === undefined || every === 0 ? null : every;
  const pMin = num(p.pauseMinSec);
  const pMax = num(p.pauseMaxSec);
  if (pMin !== undefined) out.pauseMinSec = pMin;
  if (pMax !== undefined) out.pauseMaxSec = pMax;
  out.dailyCap = num(p.dailyCap) ?? null;
  out.window = p.windowOn ? { start: p.start, end: p.end } : null;
  return out;
}

const localInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/** A saved campaign back in the form's shape. */
export function draftOf(c: CampaignDetail, contactLabel: (id: number) => string): FormDraft {
  const p = c.pacing;
  return {
    title: c.title,
    description: c.description ?? '',
    groupIds: c.groups.flatMap((g) => (g.id === null ? [] : [String(g.id)])),
    contacts: c.contactIds.map((id) => ({ id, label: contactLabel(id) })),
    parts: c.parts.map((part): PartDraft => {
      if (part.kind === 'text') return { key: partKey(), kind: 'text', text: part.text };
      if (part.kind === 'random_text') return { key: partKey(), kind: 'random_text', variants: part.variants };
      return { key: partKey(), kind: 'image', path: part.path, fileName: part.fileName, caption: part.caption ?? '' };
    }),
    pacing: {
      delayMinSec: String(p.delayMinSec),
      delayMaxSec: String(p.delayMaxSec),
      pauseEvery: p.pauseEvery === null ? '' : String(p.pauseEvery),
      pauseMinSec: String(p.pauseMinSec),
      pauseMaxSec: String(p.pauseMaxSec),
      dailyCap: p.dailyCap === null ? '' : String(p.dailyCap),
      windowOn: p.window !== null,
      start: p.window?.start ?? '09:00',
      end: p.window?.end ?? '20:00',
    },
    scheduleOn: c.scheduledAt !== null,
    scheduledAt: c.scheduledAt === null ? '' : localInput(c.scheduledAt),
  };
}

export const scheduledMs = (d: FormDraft): number | undefined => (d.scheduleOn && d.scheduledAt ? new Date(d.scheduledAt).getTime() : undefined);

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** What the browser can tell is wrong with a chosen image before uploading it; the server still checks the bytes. */
export function imageProblem(file: { type: string; size: number }): 'imageNotImage' | 'imageTooLarge' | 'imageEmpty' | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return 'imageNotImage';
  if (file.size === 0) return 'imageEmpty';
  if (file.size > CAMPAIGN_IMAGE_MAX_BYTES) return 'imageTooLarge';
  return null;
}

export type DraftAction = 'draft' | 'schedule' | 'start';

export interface DraftProblem {
  /** The field as the server names it (`title`, `parts.1.variants.0`), so one lookup shows either kind of error. */
  field: string;
  /** A `bulk:form.problems.*` key. */
  key: 'title' | 'recipients' | 'text' | 'variant' | 'image' | 'scheduledAt' | 'scheduledPast';
}

/**
 * What is missing before the form can be saved (a draft needs a title and finished parts) or sent (recipients too,
 * and a future time to schedule). Caught here so the user reads a sentence under the field, not the server's check.
 */
export function draftProblems(d: FormDraft, action: DraftAction, now: number): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (d.title.trim() === '') out.push({ field: 'title', key: 'title' });
  if (action !== 'draft' && d.groupIds.length === 0 && d.contacts.length === 0) out.push({ field: 'groupIds', key: 'recipients' });
  d.parts.forEach((p, i) => {
    if (p.kind === 'text' && p.text.trim() === '') out.push({ field: `parts.${i}.text`, key: 'text' });
    if (p.kind === 'random_text') {
      p.variants.forEach((v, j) => {
        if (v.trim() === '') out.push({ field: `parts.${i}.variants.${j}`, key: 'variant' });
      });
    }
    if (p.kind === 'image' && p.path === '') out.push({ field: `parts.${i}.path`, key: 'image' });
  });
  if (action === 'schedule') {
    const at = scheduledMs(d);
    if (at === undefined || Number.isNaN(at)) out.push({ field: 'scheduledAt', key: 'scheduledAt' });
    else if (at <= now) out.push({ field: 'scheduledAt', key: 'scheduledPast' });
  }
  return out;
}

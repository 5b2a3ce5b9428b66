import { describe, expect, it } from 'vitest';
import type { CampaignDetail } from '../../../src-shared/api/campaigns';
import { z } from 'zod';
import { CAMPAIGN_PARTS_MAX, pacingInput as pacingSchema, partInput } from '../../../src-shared/api/campaigns';
import {
  allPartsInput,
  DEFAULT_PACING,
  DEMO_PACING,
  draftOf,
  draftProblems,
  emptyDraft,
  imageProblem,
  newPart,
  pacingInput,
  partsInput,
  scheduledMs,
  type FormDraft,
  type PartDraft,
} from '../../../src-renderer/bulk/draft';

const text = (t: string): PartDraft => ({ ...newPart('text'), text: t }) as PartDraft;
const random = (...variants: string[]): PartDraft => ({ ...newPart('random_text'), variants }) as PartDraft;
const image = (path: string, caption = ''): PartDraft => ({ ...newPart('image'), path, fileName: 'sale.png', caption }) as PartDraft;

const draft = (patch: Partial<FormDraft> = {}): FormDraft => ({
  ...emptyDraft(),
  title: 'Spring sale',
  groupIds: ['4'],
  parts: [text('Hi {{name}}')],
  ...patch,
});

/** The contract's own check: what the form builds must pass what the server runs. */
const partsInputSchema = z.array(partInput).min(1).max(CAMPAIGN_PARTS_MAX);

const NOW = new Date('2026-03-10T12:00:00').getTime();

describe('the parts the live preview sends', () => {
  it('leaves out unfinished parts: an empty text, a random text with fewer than two written variants, an image not uploaded', () => {
    const parts = [text('  '), text('Hello'), random('A', ' '), random('A', '', 'B'), image(''), image('/data/uploads/a.png', '  ')];
    expect(partsInput(parts)).toEqual([
      { kind: 'text', text: 'Hello' },
      { kind: 'random_text', variants: ['A', 'B'] },
      { kind: 'image', path: '/data/uploads/a.png' },
    ]);
    expect(partsInputSchema.safeParse(partsInput(parts)).success).toBe(true);
  });

  it('saves every part as written, so the server names the one that is not right, at its own index', () => {
    const parts = [text(''), random('A', 'B'), image('/u/b.webp', 'Look {{name}}')];
    expect(allPartsInput(parts)).toEqual([
      { kind: 'text', text: '' },
      { kind: 'random_text', variants: ['A', 'B'] },
      { kind: 'image', path: '/u/b.webp', caption: 'Look {{name}}' },
    ]);
  });
});

describe('pacing from the form', () => {
  it('turns the safe defaults into what the server takes', () => {
    const out = pacingInput(DEFAULT_PACING);
    expect(out).toEqual({ delayMinSec: 20, delayMaxSec: 45, pauseEvery: 25, pauseMinSec: 300, pauseMaxSec: 900, dailyCap: null, window: { start: '09:00', end: '20:00' } });
    expect(pacingSchema.safeParse(out).success).toBe(true);
  });

  it('the demo preset sends without delays, pauses or window', () => {
    expect(pacingInput(DEMO_PACING)).toEqual({ delayMinSec: 0, delayMaxSec: 0, pauseEvery: null, pauseMinSec: 0, pauseMaxSec: 0, dailyCap: null, window: null });
  });

  it('empty fields mean "no pause" and "the warm-up cap"; decimals round; a set cap passes through', () => {
    const out = pacingInput({ ...DEFAULT_PACING, pauseEvery: '0', pauseMinSec: '', pauseMaxSec: '', dailyCap: '80', delayMinSec: '12.6' });
    expect(out.pauseEvery).toBeNull();
    expect(out).not.toHaveProperty('pauseMinSec');
    expect(out).not.toHaveProperty('pauseMaxSec');
    expect(out.dailyCap).toBe(80);
    expect(out.delayMinSec).toBe(13);
  });
});

describe('what must be fixed before saving or sending', () => {
  it('a complete form has no problem for any action', () => {
    const d = draft({ scheduleOn: true, scheduledAt: '2026-03-11T09:30' });
    for (const action of ['draft', 'start', 'schedule'] as const) expect(draftProblems(d, action, NOW)).toEqual([]);
  });

  it('names each empty field as the server would: title, text, each empty variant, a missing image', () => {
    const d = draft({ title: ' ', parts: [text(''), random('A', ' ', ''), image('')] });
    expect(draftProblems(d, 'draft', NOW)).toEqual([
      { field: 'title', key: 'title' },
      { field: 'parts.0.text', key: 'text' },
      { field: 'parts.1.variants.1', key: 'variant' },
      { field: 'parts.1.variants.2', key: 'variant' },
      { field: 'parts.2.path', key: 'image' },
    ]);
  });

  it('a draft may be saved without recipients; sending needs a group or a contact', () => {
    const d = draft({ groupIds: [], contacts: [] });
    expect(draftProblems(d, 'draft', NOW)).toEqual([]);
    expect(draftProblems(d, 'start', NOW)).toEqual([{ field: 'groupIds', key: 'recipients' }]);
    expect(draftProblems({ ...d, contacts: [{ id: 9, label: 'Ayşe' }] }, 'start', NOW)).toEqual([]);
  });

  it('scheduling needs a time, in the future', () => {
    expect(draftProblems(draft({ scheduleOn: true, scheduledAt: '' }), 'schedule', NOW)).toEqual([{ field: 'scheduledAt', key: 'scheduledAt' }]);
    expect(draftProblems(draft({ scheduleOn: true, scheduledAt: '2026-03-10T11:59' }), 'schedule', NOW)).toEqual([
      { field: 'scheduledAt', key: 'scheduledPast' },
    ]);
  });
});

describe('a chosen image, before upload', () => {
  it('takes JPEG, PNG and WebP up to 5 MB and refuses the rest', () => {
    expect(imageProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(imageProblem({ type: 'image/webp', size: 5 * 1024 * 1024 })).toBeNull();
    expect(imageProblem({ type: 'image/jpeg', size: 5 * 1024 * 1024 + 1 })).toBe('imageTooLarge');
    expect(imageProblem({ type: 'image/gif', size: 1000 })).toBe('imageNotImage');
    expect(imageProblem({ type: 'text/plain', size: 10 })).toBe('imageNotImage');
    expect(imageProblem({ type: 'image/png', size: 0 })).toBe('imageEmpty');
  });
});

describe('a saved campaign back in the form', () => {
  const saved = {
    title: 'Bahar',
    description: null,
    groups: [
      { id: 3, name: 'A', deleted: false },
      { id: null, name: 'Gone', deleted: true },
    ],
    contactIds: [7],
    parts: [
      { kind: 'text', text: 'Hi' },
      { kind: 'random_text', variants: ['A', 'B'] },
      { kind: 'image', path: '/files/campaigns/x.png', caption: null, fileName: 'sale.png', mime: 'image/png', size: 10 },
    ],
    pacing: { delayMinSec: 30, delayMaxSec: 60, pauseEvery: null, pauseMinSec: 0, pauseMaxSec: 0, dailyCap: 50, window: null },
    scheduledAt: new Date('2026-03-11T09:30').getTime(),
  } as unknown as CampaignDetail;

  it('keeps the live groups, the contacts, each part, the pacing and the schedule, and saves back to the same input', () => {
    const d = draftOf(saved, (id) => `#${id}`);
    expect(d.groupIds).toEqual(['3']);
    expect(d.contacts).toEqual([{ id: 7, label: '#7' }]);
    expect(d.parts.map((p) => p.kind)).toEqual(['text', 'random_text', 'image']);
    expect(new Set(d.parts.map((p) => p.key)).size).toBe(3);
    expect(allPartsInput(d.parts)).toEqual([
      { kind: 'text', text: 'Hi' },
      { kind: 'random_text', variants: ['A', 'B'] },
      { kind: 'image', path: '/files/campaigns/x.png' },
    ]);
    expect(pacingInput(d.pacing)).toEqual({ delayMinSec: 30, delayMaxSec: 60, pauseEvery: null, pauseMinSec: 0, pauseMaxSec: 0, dailyCap: 50, window: null });
    expect(d.scheduleOn).toBe(true);
    expect(d.scheduledAt).toBe('2026-03-11T09:30');
    expect(scheduledMs(d)).toBe(saved.scheduledAt);
  });
});

import { z } from 'zod';
import type { LocalizedText } from '../errors';
import { cleanName } from '../domain/text';
import type { Currency } from '../domain/money';
import { mutation, query } from './define';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** One recipient x one part. `sent`, `failed`, `invalid_number` and `skipped` are final; `unknown` waits for a decision. */
export const UNIT_STATES = ['pending', 'sending', 'sent', 'failed', 'invalid_number', 'skipped', 'unknown'] as const;
export type UnitState = (typeof UNIT_STATES)[number];

/** How far WhatsApp says a sent message got. */
export const DELIVERY_STATES = ['sent', 'delivered', 'read', 'error'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * Why a campaign is paused. `disconnected` and `insufficient_balance` clear by themselves (the campaign resumes
 * when the channel is back or the wallet is topped up); `user`, `blocked` and `failure_streak` wait for the user;
 * `unknown_outcomes` waits until every message whose outcome is unknown has been decided about.
 */
export const PAUSE_REASONS = ['user', 'disconnected', 'blocked', 'failure_streak', 'insufficient_balance', 'unknown_outcomes'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const SELF_CLEARING_PAUSES: readonly PauseReason[] = ['disconnected', 'insufficient_balance', 'unknown_outcomes'];

/** Why a sending campaign is not sending this very moment, and until when. */
export const WAIT_REASONS = ['queued', 'window', 'daily_cap', 'delay', 'long_pause', 'typing'] as const;
export type WaitReason = (typeof WAIT_REASONS)[number];

export const PART_KINDS = ['text', 'random_text', 'image'] as const;
export type PartKind = (typeof PART_KINDS)[number];

export const UNKNOWN_ACTIONS = ['resend', 'mark_sent', 'mark_failed'] as const;
export type UnknownAction = (typeof UNKNOWN_ACTIONS)[number];

export const CAMPAIGN_TITLE_MAX = 120;
export const CAMPAIGN_DESCRIPTION_MAX = 1000;
export const CAMPAIGN_PARTS_MAX = 10;
export const CAMPAIGN_TEXT_MAX = 4096;
export const CAMPAIGN_CAPTION_MAX = 1024;
export const CAMPAIGN_VARIANTS_MAX = 20;
export const CAMPAIGN_GROUPS_MAX = 50;
export const CAMPAIGN_CONTACTS_MAX = 10_000;
export const CAMPAIGN_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const CAMPAIGN_PAGE_MAX = 200;
export const OPT_OUT_KEYWORDS_MAX = 50;
export const OPT_OUT_KEYWORD_MAX_CHARS = 40;

export interface SendWindow {
  /** Local `HH:MM`; a window whose end is before its start runs over midnight. */
  start: string;
  end: string;
}

/** The pacing of a campaign, defaults filled in. */
export interface Pacing {
  delayMinSec: number;
  delayMaxSec: number;
  /** A longer pause after every this many recipients; null: none (demo channels only). */
  pauseEvery: number | null;
  pauseMinSec: number;
  pauseMaxSec: number;
  /** The most messages the channel sends a day while this campaign runs; null: the warm-up cap for the number's age. */
  dailyCap: number | null;
  /** Local send hours; null: any time. */
  window: SendWindow | null;
}

export type CampaignPart =
  | { kind: 'text'; text: string }
  | { kind: 'random_text'; variants: string[] }
  | { kind: 'image'; path: string; caption: string | null; fileName: string; mime: string; size: number };

export interface CampaignCounts {
  total: number;
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  invalid_number: number;
  skipped: number;
  unknown: number;
  /** Sent messages WhatsApp reports delivered to the phone (read ones included). */
  delivered: number;
  read: number;
}

export interface CampaignWait {
  reason: WaitReason;
  /** When the wait ends, if known (the window opens, the next day starts, the next message is due). */
  until: number | null;
  /** For `queued`: the campaign sending before this one. */
  behindCampaignId: number | null;
}

export interface CampaignSummary {
  id: number;
  channelId: number;
  title: string;
  description: string | null;
  status: CampaignStatus;
  pauseReason: PauseReason | null;
  /** The sentence about the pause (which connection state, how much the wallet lacks). */
  pauseDetail: LocalizedText | null;
  /** Recipients after de-duplication, the opted-out ones included. */
  recipients: number;
  /** Recipients skipped because they had opted out when the list was made. */
  optedOut: number;
  counts: CampaignCounts;
  scheduledAt: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CampaignAudienceGroup {
  /** Null once the group has been deleted. */
  id: number | null;
  name: string;
  deleted: boolean;
}

export interface CampaignDetail extends CampaignSummary {
  parts: CampaignPart[];
  pacing: Pacing;
  /** The daily cap in force for the channel today (the warm-up cap unless the campaign sets one). */
  effectiveDailyCap: number;
  groups: CampaignAudienceGroup[];
  contactIds: number[];
  /** When the recipient list was last made from the groups and contacts. */
  recipientsAt: number | null;
  wait: CampaignWait | null;
  /** Estimated time the campaign finishes, under the pacing, window and cap (sending campaigns). */
  etaAt: number | null;
  /** Things the user should know (a group deleted after the draft was saved). */
  notices: LocalizedText[];
  duplicatedFrom: number | null;
  demo: boolean;
}

export interface CampaignPage {
  items: CampaignSummary[];
  nextCursor: string | null;
}

export interface UnitResult {
  unitId: number;
  position: number;
  kind: PartKind;
  state: UnitState;
  delivery: DeliveryState | null;
  /** The text that went out (a caption for an image), once the unit was sent or tried. */
  body: string | null;
  /** The random-text variant used, 0-based. */
  variant: number | null;
  sentAt: number | null;
  /** A code (`opted_out`, `cancelled`, `not_on_whatsapp`, `send_failed`, `contact_deleted`, `empty_text`, ...). */
  failure: string | null;
  failureText: LocalizedText | null;
}

export interface RecipientResult {
  recipientId: number;
  contactId: number | null;
  phone: string;
  phoneDisplay: string;
  name: string | null;
  parts: UnitResult[];
}

export interface RecipientPage {
  items: RecipientResult[];
  nextCursor: string | null;
}

export interface PreviewPart {
  position: number;
  kind: PartKind;
  /** The text as this recipient gets it (an image's caption). */
  text: string | null;
  variant: number | null;
  image: { path: string; fileName: string } | null;
  /** Placeholders with neither a value nor a fallback for this recipient (they render empty). */
  missing: string[];
}

export interface CampaignPreview {
  recipient: { contactId: number; phone: string; phoneDisplay: string; name: string | null } | null;
  parts: PreviewPart[];
  /** True when the picks are the ones the send will make (a saved campaign); a new form gets one possible pick. */
  picksFinal: boolean;
  recipients: number;
  optedOut: number;
  /** The messages that would be charged: recipients to send to x parts. */
  messages: number;
  costMinor: number;
  balanceMinor: number;
  currency: Currency;
  enoughBalance: boolean;
  /** Estimated sending time under the pacing, window and daily cap (ms). */
  estimatedMs: number;
  pacing: Pacing;
  effectiveDailyCap: number;
  warningAcknowledged: boolean;
  demo: boolean;
}

export interface CampaignWarning {
  channelId: number;
  acknowledgedAt: number | null;
  text: LocalizedText;
}

export interface UnknownResolved {
  /** Units the action applied to. */
  units: number;
  campaign: CampaignDetail;
}

const id = z.number().int().positive();
const timestamp = z.number().int().min(0).max(8_640_000_000_000_000);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_hhmm');

export const campaignTitle = z
  .string()
  .transform(cleanName)
  .pipe(z.string().min(1, 'required').max(CAMPAIGN_TITLE_MAX, `max_${CAMPAIGN_TITLE_MAX}`));
export const campaignDescription = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().max(CAMPAIGN_DESCRIPTION_MAX))
  .transform((s) => (s === '' ? null : s));

const messageText = (max: number) =>
  z.string().max(max).refine((s) => s.trim() !== '', 'required');

export const partInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: messageText(CAMPAIGN_TEXT_MAX) }).strict(),
  z.object({ kind: z.literal('random_text'), variants: z.array(messageText(CAMPAIGN_TEXT_MAX)).min(2).max(CAMPAIGN_VARIANTS_MAX) }).strict(),
  z
    .object({
      kind: z.literal('image'),
      path: z.string().min(1).max(1024),
      caption: z
        .string()
        .max(CAMPAIGN_CAPTION_MAX)
        .transform((s) => (s.trim() === '' ? null : s))
        .nullable()
        .optional(),
    })
    .strict(),
]);
export type PartInput = z.input<typeof partInput>;

/**
 * The pacing a user asks for; whatever is left out takes the safe default. The bounds here are absolute; the
 * service applies the tighter ones of a real (non-demo) channel, whose number can be banned.
 */
export const pacingInput = z
  .object({
    delayMinSec: z.number().int().min(0).max(3600),
    delayMaxSec: z.number().int().min(0).max(3600),
    pauseEvery: z.number().int().min(1).max(10_000).nullable().optional(),
    pauseMinSec: z.number().int().min(0).max(7200).optional(),
    pauseMaxSec: z.number().int().min(0).max(7200).optional(),
    dailyCap: z.number().int().min(1).max(1_000_000).nullable().optional(),
    window: z
      .object({ start: hhmm, end: hhmm })
      .strict()
      .refine((w) => w.start !== w.end, { message: 'window_empty', path: ['end'] })
      .nullable()
      .optional(),
  })
  .strict()
  .refine((p) => p.delayMaxSec >= p.delayMinSec, { message: 'max_below_min', path: ['delayMaxSec'] })
  .refine((p) => p.pauseMaxSec === undefined || p.pauseMinSec === undefined || p.pauseMaxSec >= p.pauseMinSec, {
    message: 'max_below_min',
    path: ['pauseMaxSec'],
  });
export type PacingInput = z.input<typeof pacingInput>;

const groupIds = z.array(id).max(CAMPAIGN_GROUPS_MAX);
const contactIds = z.array(id).max(CAMPAIGN_CONTACTS_MAX);
const parts = z.array(partInput).min(1).max(CAMPAIGN_PARTS_MAX);

export const campaignCreateInput = z
  .object({
    channelId: id,
    title: campaignTitle,
    description: campaignDescription.optional(),
    groupIds: groupIds.optional(),
    contactIds: contactIds.optional(),
    parts,
    pacing: pacingInput.optional(),
    /** Send later: the campaign is `scheduled` and starts by itself then. */
    scheduledAt: timestamp.optional(),
  })
  .strict();
export type CampaignCreateInput = z.output<typeof campaignCreateInput>;

export const campaignUpdateInput = z
  .object({
    id,
    title: campaignTitle.optional(),
    description: campaignDescription.nullable().optional(),
    groupIds: groupIds.optional(),
    contactIds: contactIds.optional(),
    parts: parts.optional(),
    pacing: pacingInput.optional(),
    /** A time schedules the campaign; null takes a scheduled campaign back to a draft. */
    scheduledAt: timestamp.nullable().optional(),
  })
  .strict();
export type CampaignUpdateInput = z.output<typeof campaignUpdateInput>;

/** A saved campaign (`campaignId`), or the form of a new one (`channelId` with its recipients, parts and pacing). */
export const campaignPreviewInput = z
  .object({
    campaignId: id.optional(),
    channelId: id.optional(),
    groupIds: groupIds.optional(),
    contactIds: contactIds.optional(),
    parts: parts.optional(),
    pacing: pacingInput.optional(),
    /** The recipient to render for; the first one when left out. */
    contactId: id.optional(),
  })
  .strict()
  .refine((v) => v.campaignId !== undefined || v.channelId !== undefined, {
    message: 'Give campaignId or channelId.',
    path: ['campaignId'],
  });
export type CampaignPreviewInput = z.output<typeof campaignPreviewInput>;

export const campaignListInput = z
  .object({
    channelId: id,
    title: z.string().max(200).optional(),
    description: z.string().max(200).optional(),
    status: z.union([z.enum(CAMPAIGN_STATUSES), z.array(z.enum(CAMPAIGN_STATUSES)).min(1).max(CAMPAIGN_STATUSES.length)]).optional(),
    /** Created at or after (ms since epoch). */
    from: timestamp.optional(),
    /** Created before (ms since epoch). */
    to: timestamp.optional(),
    limit: z.number().int().min(1).max(CAMPAIGN_PAGE_MAX).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type CampaignListInput = z.output<typeof campaignListInput>;

export const campaignRecipientsInput = z
  .object({
    campaignId: id,
    /** Recipients with at least one part in this state. */
    state: z.enum(UNIT_STATES).optional(),
    limit: z.number().int().min(1).max(CAMPAIGN_PAGE_MAX).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type CampaignRecipientsInput = z.output<typeof campaignRecipientsInput>;

const byId = z.object({ id }).strict();

export const campaignsProcedures = {
  'campaigns.create': mutation(campaignCreateInput).returns<CampaignDetail>(),
  /** Drafts and scheduled campaigns only; a changed recipient list or parts remake the recipient list. */
  'campaigns.update': mutation(campaignUpdateInput).returns<CampaignDetail>(),
  'campaigns.preview': query(campaignPreviewInput).returns<CampaignPreview>(),
  /** Sends now (a draft or scheduled campaign), after the channel's warning has been acknowledged. */
  'campaigns.start': mutation(byId).returns<CampaignDetail>(),
  'campaigns.pause': mutation(byId).returns<CampaignDetail>(),
  'campaigns.resume': mutation(byId).returns<CampaignDetail>(),
  'campaigns.cancel': mutation(byId).returns<CampaignDetail>(),
  /** A new draft with the same title (marked as a copy), recipients, parts and pacing. */
  'campaigns.duplicate': mutation(byId).returns<CampaignDetail>(),
  /** Newest first; title and description match Turkish-aware substrings. */
  'campaigns.list': query(campaignListInput).returns<CampaignPage>(),
  'campaigns.get': query(byId).returns<CampaignDetail>(),
  'campaigns.recipients': query(campaignRecipientsInput).returns<RecipientPage>(),
  /** Per-recipient results to the data dir's `exports` folder; cells are formula-safe. */
  'campaigns.export': mutation(z.object({ campaignId: id, format: z.enum(['csv', 'xlsx']) }).strict()).returns<{
    path: string;
    rows: number;
    fileName: string;
  }>(),
  /** The QR-mode bulk-sending warning of a channel and whether it was acknowledged. */
  'campaigns.warning': query(z.object({ channelId: id }).strict()).returns<CampaignWarning>(),
  'campaigns.acknowledgeWarning': mutation(z.object({ channelId: id }).strict()).returns<CampaignWarning>(),
  /**
   * Decides about units whose outcome is unknown (the app stopped mid-send and the chat could not tell):
   * send them again, or record them as sent or failed (failed gives the charge back).
   */
  'campaigns.resolveUnknown': mutation(
    z.object({ campaignId: id, action: z.enum(UNKNOWN_ACTIONS), unitIds: z.array(id).min(1).max(10_000).optional() }).strict(),
  ).returns<UnknownResolved>(),
  'campaigns.settings': query(z.object({}).strict().default({})).returns<CampaignSettings>(),
  'campaigns.settings.update': mutation(
    z
      .object({
        /** An IANA zone (`Europe/Istanbul`) or an offset (`+03:00`); null goes back to the computer's own zone. */
        timeZone: z.string().trim().min(1).max(64).nullable().optional(),
        optOutKeywords: z.array(z.string().transform(cleanName).pipe(z.string().min(1).max(OPT_OUT_KEYWORD_MAX_CHARS))).max(OPT_OUT_KEYWORDS_MAX).optional(),
      })
      .strict(),
  ).returns<CampaignSettings>(),
};

export interface CampaignSettings {
  /** The zone send windows and daily caps are counted in. */
  timeZone: string;
  /** True when `timeZone` is the computer's own (nobody chose one). */
  timeZoneIsDefault: boolean;
  /** Replies that always opt a contact out (STOP, DUR, IPTAL, İPTAL). */
  builtInOptOutKeywords: string[];
  /** Further opt-out replies the business added. */
  optOutKeywords: string[];
}

/** The `campaign.progress` event: enough for a list row or the detail header to update without a fetch. */
export interface CampaignProgress {
  channelId: number;
  campaignId: number;
  status: CampaignStatus;
  pauseReason: PauseReason | null;
  counts: CampaignCounts;
  wait: CampaignWait | null;
  etaAt: number | null;
}

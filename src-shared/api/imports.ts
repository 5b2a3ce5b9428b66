import { z } from 'zod';
import { mutation, query } from './define';
import { ATTRIBUTE_KEY_RE, type AttributeValue } from './contacts';
import { countryCode } from './channels';

export const SEPARATORS = [',', ';', '\t'] as const;
export type Separator = (typeof SEPARATORS)[number];

/**
 * `utf-8-sig` is UTF-8 starting with a byte-order mark (what Excel writes for "CSV UTF-8"); `utf-16le` is what
 * Excel's "Unicode Text" writes (tab-separated, with a byte-order mark).
 */
export const ENCODINGS = ['utf-8', 'utf-8-sig', 'windows-1254', 'utf-16le'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export const DUPLICATE_POLICIES = ['skip', 'update', 'fill_empty'] as const;
/** What to do with a row whose phone is already in the channel: leave the contact, overwrite it, or only fill blanks. */
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];

/** `name`, `phone`, `email`, `attr:<key>` or `ignore`. */
export type MappingTarget = 'name' | 'phone' | 'email' | 'ignore' | `attr:${string}`;
/** Column name (as `ImportPreview.columns[].name` gives it) -> the field it fills. */
export type ImportMapping = Record<string, MappingTarget>;

export type FileKind = 'csv' | 'xlsx' | 'xls';

export interface ImportColumn {
  /** 0-based position in the file. */
  index: number;
  /** The header text, or `Column N` without a header; made unique (`Phone (2)`) when headers repeat. */
  name: string;
  /** A few non-empty values from the first rows. */
  samples: string[];
}

export type RowAction = 'create' | 'update' | 'skip' | 'reject';

export interface RowProblem {
  /** The contact field it is about: `phone`, `name`, `email`, `attr:<key>`, or `row` for the whole row. */
  field: string;
  /**
   * `phone_empty`, `phone_invalid`, `phone_too_short`, `phone_too_long`, `phone_unknown_country`,
   * `phone_precision_lost` (Excel showed it as 9.05321E+11: digits are gone), `email_invalid`,
   * `attr_invalid`, `choice_invalid`, `date_invalid`, `number_invalid`, `duplicate_in_file`,
   * `duplicate_existing`, `ragged_row`, `too_long`.
   */
  code: string;
  message: string;
  messageTr: string;
  /** `error` rejects the row; `info` only explains the action (a skipped duplicate, an extra cell). */
  severity: 'error' | 'info';
}

export interface PreviewRow {
  /** The row number a spreadsheet shows for it (the header is row 1 when there is one). */
  row: number;
  action: RowAction;
  /** The cells as read, one per column. */
  cells: string[];
  /** What will be saved (after normalising), when the row is not rejected. */
  contact: {
    phone: string | null;
    name: string | null;
    email: string | null;
    attributes: Record<string, AttributeValue>;
  };
  problems: RowProblem[];
}

export interface ImportCounts {
  /** Data rows read (empty lines are not counted). */
  total: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
}

export interface ImportPreview {
  jobId: string;
  file: { path: string; name: string; size: number; kind: FileKind };
  /** CSV only (null for spreadsheets): what was detected and what was used (the override, if given). */
  detectedSeparator: Separator | null;
  separator: Separator | null;
  detectedEncoding: Encoding | null;
  encoding: Encoding | null;
  /** Spreadsheets only (empty for CSV): every sheet, and the one read. */
  sheets: string[];
  sheet: string | null;
  hasHeader: boolean;
  columns: ImportColumn[];
  /** The mapping guessed from the header names (and attribute keys/labels). */
  guessedMapping: ImportMapping;
  /** The mapping the rows and counts below were computed with: the one given, else the guess. */
  mapping: ImportMapping;
  defaultCountry: string;
  duplicatePolicy: DuplicatePolicy;
  /** The first rows as they will be saved. */
  rows: PreviewRow[];
  /** What importing the whole file with this mapping would do now. */
  counts: ImportCounts;
  /** How many rows have each problem code, over the whole file. */
  problemCounts: Record<string, number>;
  /** Whether the mapping can be imported as is (a phone column is mapped, no field mapped twice). */
  mappingProblems: { code: string; message: string; messageTr: string }[];
}

export interface ImportResult {
  jobId: string;
  status: 'completed' | 'cancelled';
  counts: ImportCounts;
  /**
   * Rows are saved in chunks, in file order. After a cancel, every data row up to and including this row
   * number is saved (per the duplicate policy) and no row after it; null when nothing was saved.
   */
  savedThroughRow: number | null;
  /** CSV of rejected and skipped-duplicate rows with the reason for each; null when there were none. */
  reportPath: string | null;
  durationMs: number;
  /** With `groupId`: how many of the file's contacts joined the group and how many were in it already. */
  group: { groupId: number; added: number; alreadyMember: number } | null;
}

const mappingTarget = z.union([
  z.enum(['name', 'phone', 'email', 'ignore']),
  z.string().regex(new RegExp(`^attr:${ATTRIBUTE_KEY_RE.source.slice(1)}`), 'mapping_target'),
]) as z.ZodType<MappingTarget>;

/** A client-chosen id lets the UI cancel or follow a job before the call returns. */
const jobId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'job_id');

const fileSource = {
  channelId: z.number().int().positive(),
  /** Absolute path of the .csv / .xlsx / .xls file on this computer. */
  path: z.string().min(1).max(4096),
  hasHeader: z.boolean(),
  separator: z.enum(SEPARATORS).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  /** Sheet name for spreadsheets; the first sheet when omitted. */
  sheet: z.string().max(200).optional(),
  jobId: jobId.optional(),
};

export const importsProcedures = {
  /** Reads the whole file once (off the UI thread) to detect its format and count what an import would do. */
  'imports.preview': query(
    z
      .object({
        ...fileSource,
        mapping: z.record(z.string().max(200), mappingTarget).optional(),
        /** The channel's default country when omitted. */
        defaultCountry: countryCode.optional(),
        duplicatePolicy: z.enum(DUPLICATE_POLICIES).default('skip'),
        previewRows: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
  ).returns<ImportPreview>(),
  /** Imports the file off the UI thread, publishing `import.progress`; resolves when it is done or cancelled. */
  'contacts.import': mutation(
    z
      .object({
        ...fileSource,
        mapping: z.record(z.string().max(200), mappingTarget),
        defaultCountry: countryCode,
        duplicatePolicy: z.enum(DUPLICATE_POLICIES),
        /** Also add every imported contact to this customer group. */
        groupId: z.number().int().positive().optional(),
      })
      .strict(),
  ).returns<ImportResult>(),
  /** Stops a running preview or import; see `ImportResult.savedThroughRow` for what an import kept. */
  'imports.cancel': mutation(z.object({ jobId }).strict()).returns<{ cancelled: boolean }>(),
};

import type { DuplicatePolicy, Encoding, ImportMapping, Separator } from '../../../src-shared/api/imports';

/** Everything the user chooses in the wizard after picking the file; each change asks for a new preview. */
export interface ImportOptions {
  hasHeader: boolean;
  /** undefined: what the server detects. */
  separator: Separator | undefined;
  encoding: Encoding | undefined;
  sheet: string | undefined;
  /** undefined: the server's guess from the header names (reset whenever the columns may change). */
  mapping: ImportMapping | undefined;
  defaultCountry: string;
  duplicatePolicy: DuplicatePolicy;
}

export const PREVIEW_ROWS = 50;

/** A job id the client picks, so progress events and cancel can find a job before its call returns. */
export function newJobId(kind: 'preview' | 'import'): string {
  return `${kind}-${crypto.randomUUID()}`;
}

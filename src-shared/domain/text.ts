/**
 * Folds text for matching the way a Turkish user expects: every dotted/dotless i is the same letter, and
 * ş ğ ç ö ü match s g c o u. SQLite's NOCASE folds ASCII only and nothing maps `ı` to `i`, so search indexes
 * and uniqueness checks store this folded form instead.
 */
const TURKISH_MAP: Record<string, string> = {
  İ: 'i', I: 'i', ı: 'i', i: 'i',
  Ş: 's', ş: 's', Ğ: 'g', ğ: 'g', Ç: 'c', ç: 'c', Ö: 'o', ö: 'o', Ü: 'u', ü: 'u',
};

const SPECIAL = /[İIıiŞşĞğÇçÖöÜü]/g;

export function foldText(input: string): string {
  return input
    .replace(SPECIAL, (ch) => TURKISH_MAP[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Trims and collapses inner whitespace; the form names are stored in. */
export function cleanName(input: string): string {
  return input.replace(/\s+/g, ' ').trim();
}

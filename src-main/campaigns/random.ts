/**
 * Seeded randomness for the choices a campaign makes per recipient (which random-text variant, which spintax
 * option). The seed is derived from the campaign and the recipient, so the preview of a recipient and the real send
 * to them pick the same words, and a restart after a crash renders the same text again.
 */

/** FNV-1a over the UTF-16 code units: stable across runs and platforms, unlike any built-in hash. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny generator with a full 2^32 period, plenty for picking among a handful of options. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator for one part of one recipient's message in one campaign. */
export function choiceRandom(campaignId: number, contactId: number, position: number): () => number {
  return seededRandom(hash32(`campaign:${campaignId}|contact:${contactId}|part:${position}`));
}

/** A whole number in [min, max], both ends included. */
export function uniformInt(random: () => number, min: number, max: number): number {
  if (max <= min) return min;
  return min + Math.floor(random() * (max - min + 1));
}

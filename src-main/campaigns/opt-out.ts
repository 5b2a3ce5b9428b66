import { foldText } from '../../src-shared/domain/text';

/** Replies that always mean "stop messaging me" (English and Turkish), whatever the user adds. */
export const BUILT_IN_OPT_OUT = ['STOP', 'DUR', 'IPTAL', 'İPTAL'];

/** Folded, with punctuation and emoji at either end dropped: `Stop!`, ` iptal.` and `İPTAL 🙏` all match. */
export function foldReply(text: string): string {
  return foldText(text).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/**
 * The keyword a reply consists of, if it is an opt-out: the whole message (trimmed) must be the keyword, so
 * "don't stop sending" or "dur bakalım" do not opt anyone out.
 */
export function optOutKeyword(text: string, custom: readonly string[]): string | null {
  const reply = foldReply(text);
  if (reply === '') return null;
  for (const word of [...BUILT_IN_OPT_OUT, ...custom]) {
    if (foldReply(word) === reply) return word.toLocaleUpperCase('tr-TR');
  }
  return null;
}

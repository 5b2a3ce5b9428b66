/** A namespace's strings: nested objects of text, with i18next's `{{placeholders}}`. */
export interface Strings {
  [key: string]: string | Strings;
}

/** The same keys as `T`, each holding text: what the Turkish half of a namespace must look like. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

export interface FeatureStrings<T extends Strings = Strings> {
  en: T;
  tr: SameKeys<T>;
}

export const LANGUAGES = ['en', 'tr'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Declares a feature's namespace. The Turkish half is typed by the English one, so a key missing in either
 * language fails the type check instead of showing a raw key to a user.
 */
export function defineStrings<T extends Strings>(en: T, tr: SameKeys<T>): FeatureStrings<T> {
  return { en, tr };
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/errors';

/** Renders an ApiError in the language shown right now; a language switch re-renders it in the other one. */
export function useErrorText(): (err: ApiError | null | undefined) => string | undefined {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (err) => (err ? err.text(language) : undefined);
}

import type { Lang } from './messages';
import { ERROR_MESSAGES } from './messages/errors';

/** "Vietnamese text (English text)": the convention of every message the libraries write. */
const BILINGUAL = /^([\s\S]*\S)\s+\(([^()]+)\)\s*$/;

/**
 * One message in the page's language: the Vietnamese part, or the English in parentheses
 * (capitalised). A message without an English part is shown as it is.
 */
export function inLanguage(lang: Lang, message: string): string {
  const m = BILINGUAL.exec(message);
  if (!m) return message;
  if (lang === 'vi') return m[1];
  return m[2].charAt(0).toUpperCase() + m[2].slice(1);
}

/** The text of a domain error on a page: the code's entry in the table, else its own message split. */
export function errorText(lang: Lang, error: { code: string; message: string }): string {
  return ERROR_MESSAGES[error.code]?.[lang] ?? inLanguage(lang, error.message);
}

/** Field messages (validation, a taken SKU…) in the page's language. */
export function fieldErrorsIn(lang: Lang, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, inLanguage(lang, message)]));
}

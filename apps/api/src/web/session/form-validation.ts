import type { DomainError } from '@tradefloor/core';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { inLanguage } from '../i18n/error-text';
import type { Lang } from '../i18n/messages';

export type FieldErrors = Record<string, string>;

/**
 * Validates a posted form with the same DTO rules as the JSON API: drops the form's own fields
 * (`_csrf`, `_back`) and empty inputs (an empty text box means "not given"), then checks it like
 * {@link validateBody}.
 */
export async function validateForm<T extends object>(dto: new () => T, body: unknown, lang: Lang): Promise<{ value: T; errors: FieldErrors }> {
  const raw = { ...((body ?? {}) as Record<string, unknown>) };
  delete raw._csrf;
  delete raw._back;
  for (const [k, v] of Object.entries(raw)) {
    if (v === '') delete raw[k];
    else if (typeof v === 'string') raw[k] = v.normalize('NFC');
  }
  return validateBody(dto, raw, lang);
}

/**
 * Runs the API's class-validator DTO on a body a controller built from a form, reporting the first
 * message per field in the page's language; nested fields come under dotted names
 * ("address.communeCode"), which are the form's input names.
 */
export async function validateBody<T extends object>(dto: new () => T, body: Record<string, unknown>, lang: Lang): Promise<{ value: T; errors: FieldErrors }> {
  const value = plainToInstance(dto, body);
  const errors: FieldErrors = {};
  const collect = (list: ValidationError[], prefix: string) => {
    for (const e of list) {
      const name = prefix + e.property;
      const first = firstMessage(e.constraints);
      if (first && !errors[name]) errors[name] = inLanguage(lang, first);
      if (e.children?.length) collect(e.children, `${name}.`);
    }
  };
  collect(await validate(value, { whitelist: true, forbidNonWhitelisted: false }), '');
  return { value, errors };
}

/**
 * The message to show for a field: a type check (isInt, isUuid…) before bounds (min, max…), so
 * "ten" in a number field is told it is not a number rather than that it is too large.
 */
function firstMessage(constraints: Record<string, string> | undefined): string | undefined {
  const entries = Object.entries(constraints ?? {});
  return (entries.find(([k]) => /^is[A-Z]/.test(k)) ?? entries[0])?.[1];
}

/** Field errors carried by a domain error (validation, conflicts such as a taken SKU), in the page's language. */
export function domainFieldErrors(err: DomainError, lang: Lang): FieldErrors {
  return Object.fromEntries((err.details ?? []).map((d) => [d.field, inLanguage(lang, d.message)]));
}

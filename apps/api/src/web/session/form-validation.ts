import type { DomainError } from '@tradefloor/core';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { inLanguage } from '../i18n/error-text';
import type { Lang } from '../i18n/messages';

export type FieldErrors = Record<string, string>;

/**
 * Validates a posted form with the same DTO rules as the JSON API; returns the first message per
 * field, in the page's language.
 */
export async function validateForm<T extends object>(dto: new () => T, body: unknown, lang: Lang): Promise<{ value: T; errors: FieldErrors }> {
  const raw = { ...((body ?? {}) as Record<string, unknown>) };
  delete raw._csrf;
  delete raw._back;
  for (const [k, v] of Object.entries(raw)) {
    if (v === '') delete raw[k];
    else if (typeof v === 'string') raw[k] = v.normalize('NFC');
  }
  const value = plainToInstance(dto, raw);
  const errors: FieldErrors = {};
  const collect = (list: ValidationError[]) => {
    for (const e of list) {
      const first = Object.values(e.constraints ?? {})[0];
      if (first && !errors[e.property]) errors[e.property] = inLanguage(lang, first);
    }
  };
  collect(await validate(value, { whitelist: true, forbidNonWhitelisted: false }));
  return { value, errors };
}

/** Field errors carried by a domain error (validation, conflicts such as a taken SKU), in the page's language. */
export function domainFieldErrors(err: DomainError, lang: Lang): FieldErrors {
  return Object.fromEntries((err.details ?? []).map((d) => [d.field, inLanguage(lang, d.message)]));
}

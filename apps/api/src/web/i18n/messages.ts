import { ADMIN_MESSAGES } from './messages/admin';
import { BUSINESS_MESSAGES } from './messages/business';
import { CHANNEL_MESSAGES } from './messages/channels';
import { COMMON_MESSAGES } from './messages/common';
import { INQUIRY_MESSAGES } from './messages/inquiries';
import { LEGAL_MESSAGES } from './messages/legal';
import { OCOP_MESSAGES } from './messages/ocop';
import { ORDER_MESSAGES } from './messages/orders';
import { PAYMENT_MESSAGES } from './messages/payments';
import { REVIEW_MESSAGES } from './messages/reviews';
import { PRIVACY_MESSAGES } from './messages/privacy';
import { CONTENT_MESSAGES } from './messages/content';
import { SCREENING_MESSAGES } from './messages/screening';
import { SELLER_ACCOUNT_MESSAGES } from './messages/seller-accounts';
import { BREACH_MESSAGES } from './messages/breaches';
import { STORE_MESSAGES } from './messages/store';
import { TRACEABILITY_MESSAGES } from './messages/traceability';
import { TRUST_SAFETY_MESSAGES } from './messages/trust-safety';

export const LANGUAGES = ['vi', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/**
 * Every page area keeps its texts in its own file under messages/ (vi first, en beside it);
 * they are merged here so a key is checked at compile time wherever it is used.
 */
const MESSAGES = {
  ...COMMON_MESSAGES,
  ...ADMIN_MESSAGES,
  ...BUSINESS_MESSAGES,
  ...CHANNEL_MESSAGES,
  ...INQUIRY_MESSAGES,
  ...CONTENT_MESSAGES,
  ...STORE_MESSAGES,
  ...OCOP_MESSAGES,
  ...TRACEABILITY_MESSAGES,
  ...SCREENING_MESSAGES,
  ...TRUST_SAFETY_MESSAGES,
  ...SELLER_ACCOUNT_MESSAGES,
  ...BREACH_MESSAGES,
  ...LEGAL_MESSAGES,
  ...PRIVACY_MESSAGES,
  ...ORDER_MESSAGES,
  ...PAYMENT_MESSAGES,
  ...REVIEW_MESSAGES,
} as const;

export type MessageKey = keyof typeof MESSAGES;

export type Translate = (key: MessageKey) => string;

export function translator(lang: Lang): Translate {
  return (key) => MESSAGES[key][lang];
}

/** `?lang=` wins, then the `lang` cookie, then Vietnamese. */
export function pickLang(query: unknown, cookieHeader: string | undefined): Lang {
  const fromQuery = (query as { lang?: unknown } | undefined)?.lang;
  if (fromQuery === 'en' || fromQuery === 'vi') return fromQuery;
  const cookie = /(?:^|;\s*)lang=(vi|en)(?:;|$)/.exec(cookieHeader ?? '');
  return (cookie?.[1] as Lang | undefined) ?? 'vi';
}

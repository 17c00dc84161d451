import { CROCKFORD_ALPHABET, encodeAiValue, isValidLotCode, normalizeSerial, parseSerial } from '@tradefloor/traceability';

/** What a buyer typed or pasted into the stamp checker, and where it leads. */
export type StampInput =
  | { kind: 'empty' }
  /** A valid serial or stamp URL: the path of its verification page on this site. */
  | { kind: 'valid'; path: string }
  /** 14 well-formed symbols whose check symbol does not match: a typo or a forged code. */
  | { kind: 'badCheck' }
  | { kind: 'malformed' };

const SERIAL_SHAPE = new RegExp(`^[${CROCKFORD_ALPHABET}]{14}$`);
const SHORT_LINK = /^\/t\/([^/]+)\/?$/;
const DIGITAL_LINK = /^\/01\/(\d{8,14})\/10\/([^/]+)\/21\/([^/]+)\/?$/;

function classifySerial(candidate: string, path: (serial: string) => string): StampInput {
  const serial = parseSerial(candidate);
  if (serial) return { kind: 'valid', path: path(serial) };
  return SERIAL_SHAPE.test(normalizeSerial(candidate)) ? { kind: 'badCheck' } : { kind: 'malformed' };
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * Accepts a serial as printed (any case, hyphens or spaces, I/L/O read as 1/0) or a stamp URL
 * (`…/t/SERIAL` or a GS1 Digital Link `…/01/GTIN/10/LOT/21/SERIAL`, with or without the scheme).
 * Only the path is kept, so the checker never redirects to another site.
 */
export function interpretStampInput(raw: string): StampInput {
  const input = raw.trim();
  if (!input) return { kind: 'empty' };
  if (!input.includes('/')) return classifySerial(input, (s) => `/t/${s}`);
  let pathname: string;
  try {
    pathname = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input.replace(/^\/+/, '')}`).pathname;
  } catch {
    return { kind: 'malformed' };
  }
  const short = SHORT_LINK.exec(pathname);
  if (short) {
    const serial = decode(short[1]);
    return serial === null ? { kind: 'malformed' } : classifySerial(serial, (s) => `/t/${s}`);
  }
  const link = DIGITAL_LINK.exec(pathname);
  if (link) {
    const [lot, serial] = [decode(link[2]), decode(link[3])];
    if (lot === null || serial === null || !isValidLotCode(lot)) return { kind: 'malformed' };
    return classifySerial(serial, (s) => `/01/${link[1]}/10/${encodeAiValue(lot)}/21/${s}`);
  }
  return { kind: 'malformed' };
}

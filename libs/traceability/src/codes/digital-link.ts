/**
 * GS1 Digital Link URIs for stamps (GS1 Digital Link standard 1.x, uncompressed form):
 * `{origin}/01/{GTIN-14}/10/{lot}/21/{serial}`, or `{origin}/t/{serial}` for products without a GTIN.
 */

/** GS1 AI 10 (batch/lot) allows CSET 82, at most 20 characters. */
const CSET_82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

export function isValidLotCode(lot: string): boolean {
  return CSET_82.test(lot);
}

/** Percent-encodes everything outside RFC 3986 "unreserved", as GS1 Digital Link requires for AI values. */
export function encodeAiValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function stampUrl(origin: string, serial: string, gtin14: string | null, lotCode: string): string {
  return gtin14 ? `${origin}/01/${gtin14}/10/${encodeAiValue(lotCode)}/21/${serial}` : `${origin}/t/${serial}`;
}

/** The batch as a GS1 LGTIN (class-level identifier, used in EPCIS quantity lists). */
export function lgtinUri(gtin14: string, lotCode: string): string {
  return `https://id.gs1.org/01/${gtin14}/10/${encodeAiValue(lotCode)}`;
}

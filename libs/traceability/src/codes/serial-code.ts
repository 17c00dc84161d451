import { randomBytes } from 'node:crypto';

/**
 * Stamp serials: 13 random Crockford base32 symbols (65 bits from the OS CSPRNG) followed by one
 * check symbol from the same alphabet, so a serial is 14 characters that survive URLs, GS1 AI 21
 * (CSET 82) and being read aloud.
 *
 * Check symbol: Damm's algorithm over GF(32). The quasigroup x∘y = 2·x ⊕ y (multiplication in
 * GF(2⁵) modulo x⁵+x²+1) is totally anti-symmetric, so every single-symbol substitution and every
 * transposition of two adjacent different symbols — including the check symbol itself — changes
 * the result. The check symbol c makes the fold over all 14 symbols end at 0: c = 2·interim.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SERIAL_RANDOM_LENGTH = 13;
export const SERIAL_LENGTH = SERIAL_RANDOM_LENGTH + 1;

const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < CROCKFORD_ALPHABET.length; i++) VALUE[CROCKFORD_ALPHABET.charCodeAt(i)] = i;

/** Multiplication by 2 in GF(2⁵) with the primitive polynomial x⁵ + x² + 1 (0b100101). */
function times2(x: number): number {
  const y = x << 1;
  return y & 0x20 ? y ^ 0x25 : y;
}

function fold(values: ArrayLike<number>, length: number): number {
  let interim = 0;
  for (let i = 0; i < length; i++) interim = times2(interim) ^ values[i];
  return interim;
}

/** The check symbol for a string of Crockford symbols (already normalised). */
export function checkSymbol(body: string): string {
  const values = new Uint8Array(body.length);
  for (let i = 0; i < body.length; i++) {
    const v = VALUE[body.charCodeAt(i)] ?? -1;
    if (v < 0) throw new Error(`not a Crockford base32 symbol: ${body[i]}`);
    values[i] = v;
  }
  return CROCKFORD_ALPHABET[times2(fold(values, values.length))];
}

/**
 * Crockford's reading rules: case-insensitive, I and L read as 1, O as 0; hyphens and spaces
 * (used to group printed symbols) are ignored.
 */
export function normalizeSerial(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** The normalised serial when `input` is a well-formed serial whose check symbol matches, else null. */
export function parseSerial(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const serial = normalizeSerial(input);
  if (serial.length !== SERIAL_LENGTH) return null;
  let interim = 0;
  for (let i = 0; i < serial.length; i++) {
    const code = serial.charCodeAt(i);
    const v = code < 128 ? VALUE[code] : -1;
    if (v < 0) return null;
    interim = times2(interim) ^ v;
  }
  return interim === 0 ? serial : null;
}

/** `count` fresh serials. Each random symbol takes the low 5 bits of one random byte (256 = 8 × 32: no bias). */
export function generateSerials(count: number): string[] {
  const bytes = randomBytes(count * SERIAL_RANDOM_LENGTH);
  const out = new Array<string>(count);
  const values = new Uint8Array(SERIAL_RANDOM_LENGTH);
  for (let n = 0; n < count; n++) {
    let s = '';
    for (let i = 0; i < SERIAL_RANDOM_LENGTH; i++) {
      values[i] = bytes[n * SERIAL_RANDOM_LENGTH + i] & 31;
      s += CROCKFORD_ALPHABET[values[i]];
    }
    out[n] = s + CROCKFORD_ALPHABET[times2(fold(values, SERIAL_RANDOM_LENGTH))];
  }
  return out;
}

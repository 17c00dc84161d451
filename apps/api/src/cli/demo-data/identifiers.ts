import type { Prng } from './prng';

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/** Check digit of a Vietnamese tax code from its first nine digits; undefined when no valid code exists (r = 0). */
export function taxCodeCheckDigit(firstNine: string): number | undefined {
  const sum = TAX_WEIGHTS.reduce((acc, w, i) => acc + w * Number(firstNine[i]), 0);
  const r = sum % 11;
  if (r === 0) return undefined;
  return r === 10 ? 0 : 10 - r;
}

export function isValidTaxCode(code: string): boolean {
  const m = /^(\d{10})(?:-\d{3})?$/.exec(code);
  if (!m) return false;
  const check = taxCodeCheckDigit(m[1].slice(0, 9));
  return check !== undefined && check === Number(m[1][9]);
}

/**
 * A valid 10-digit tax code. Prefix 21 is the former Trà Vinh tax department's range, which is
 * what the province's enterprises registered before 2025 carry.
 */
export function generateTaxCode(rng: Prng, taken: Set<string>): string {
  for (;;) {
    const firstNine = `21${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
    const check = taxCodeCheckDigit(firstNine);
    if (check === undefined) continue;
    const code = `${firstNine}${check}`;
    if (taken.has(code)) continue;
    taken.add(code);
    return code;
  }
}

/** 12-digit personal ID (CCCD) used by households registered since July 2025; 084 = Trà Vinh. */
export function generatePersonalId(rng: Prng, taken: Set<string>): string {
  for (;;) {
    const century = rng.pick(['0', '1']); // gender/century digit: 0 male 1900s, 1 female 1900s
    const year = String(rng.int(55, 99));
    const id = `084${century}${year}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
    if (taken.has(id)) continue;
    taken.add(id);
    return id;
  }
}

const MOBILE_PREFIXES = [
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '056',
  '058',
  '070',
  '076',
  '077',
  '078',
  '079',
  '081',
  '082',
  '083',
  '084',
  '085',
  '086',
  '088',
  '089',
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
];

/** A 10-digit mobile number with a current carrier prefix. */
export function generateMobile(rng: Prng): string {
  return `${rng.pick(MOBILE_PREFIXES)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

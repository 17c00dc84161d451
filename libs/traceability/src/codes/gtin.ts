/** GS1 check digit: weights 3,1,3,… from the right over the digits before the check digit. */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  for (let i = digitsWithoutCheck.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) {
    sum += Number(digitsWithoutCheck[i]) * w;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for a GTIN-8/12/13/14 whose last digit is its check digit. */
export function isValidGtin(gtin: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return false;
  return gs1CheckDigit(gtin.slice(0, -1)) === Number(gtin[gtin.length - 1]);
}

/** The GTIN-14 form (left-padded with zeros) of a valid GTIN, or null when `gtin` is not valid. */
export function toGtin14(gtin: string | null | undefined): string | null {
  if (!gtin) return null;
  const trimmed = gtin.replace(/\s/g, '');
  return isValidGtin(trimmed) ? trimmed.padStart(14, '0') : null;
}

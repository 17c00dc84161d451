import { isValidGtin } from './gtin';

describe('isValidGtin', () => {
  it.each([
    ['8934588063053'], // GTIN-13, Vietnam prefix 893
    ['8936036020373'],
    ['4006381333931'],
    ['96385074'], // GTIN-8
    ['036000291452'], // GTIN-12 (UPC-A)
    ['10614141000415'], // GTIN-14
    ['00000000000000'],
  ])('accepts %s', (gtin) => expect(isValidGtin(gtin)).toBe(true));

  it.each([
    ['8934588063054'], // wrong check digit
    ['4006381333932'],
    ['96385075'],
    ['036000291453'],
    ['10614141000416'],
    ['893458806305'], // 12 digits, check fails
    ['89345880630'], // 11 digits: no such length
    ['893458806305X'],
    [' 8934588063053'],
    [''],
  ])('refuses %s', (gtin) => expect(isValidGtin(gtin)).toBe(false));

  it('refuses non-strings', () => {
    expect(isValidGtin(8934588063053)).toBe(false);
    expect(isValidGtin(null)).toBe(false);
  });
});

import { encodeAiValue, isValidLotCode, lgtinUri, stampUrl } from './digital-link';
import { gs1CheckDigit, isValidGtin, toGtin14 } from './gtin';

describe('GTIN and GS1 Digital Link', () => {
  it('computes GS1 check digits (GTIN-13 from GS1 Vietnam prefix 893, GTIN-8, GTIN-14)', () => {
    expect(gs1CheckDigit('893123456789')).toBe(7);
    expect(isValidGtin('8931234567897')).toBe(true);
    expect(isValidGtin('8931234567896')).toBe(false);
    expect(isValidGtin('96385074')).toBe(true);
    expect(isValidGtin('10614141000415')).toBe(true);
    expect(isValidGtin('10614141000416')).toBe(false);
    expect(isValidGtin('123')).toBe(false);
  });

  it('left-pads to GTIN-14, keeping a correct check digit, and refuses invalid GTINs', () => {
    expect(toGtin14('8931234567897')).toBe('08931234567897');
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(isValidGtin(toGtin14('8931234567897')!)).toBe(true);
    expect(toGtin14('8931234567896')).toBeNull();
    expect(toGtin14(null)).toBeNull();
  });

  it('restricts lot codes to GS1 AI 10 (CSET 82, ≤ 20 characters)', () => {
    expect(isValidLotCode('LOT-2025/01')).toBe(true);
    expect(isValidLotCode('a'.repeat(20))).toBe(true);
    expect(isValidLotCode('a'.repeat(21))).toBe(false);
    expect(isValidLotCode('LÔ 1')).toBe(false);
    expect(isValidLotCode('A#1')).toBe(false);
    expect(isValidLotCode('')).toBe(false);
  });

  it('percent-encodes AI values outside the unreserved set', () => {
    expect(encodeAiValue('AB-12.x_~')).toBe('AB-12.x_~');
    expect(encodeAiValue(`A/B%C!'()*&+?`)).toBe('A%2FB%25C%21%27%28%29%2A%26%2B%3F');
  });

  it('builds Digital Link stamp URLs, and /t/ URLs without a GTIN', () => {
    expect(stampUrl('https://trace.example.vn', 'ABC', '08931234567897', 'L/1')).toBe('https://trace.example.vn/01/08931234567897/10/L%2F1/21/ABC');
    expect(stampUrl('http://localhost:3000', 'ABC', null, 'L1')).toBe('http://localhost:3000/t/ABC');
    expect(lgtinUri('08931234567897', 'L1')).toBe('https://id.gs1.org/01/08931234567897/10/L1');
  });
});

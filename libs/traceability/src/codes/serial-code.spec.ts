import { CROCKFORD_ALPHABET, SERIAL_LENGTH, checkSymbol, generateSerials, normalizeSerial, parseSerial } from './serial-code';

describe('stamp serial codes', () => {
  const samples = generateSerials(300);

  it('generates 14-symbol Crockford serials that pass their own check', () => {
    for (const s of samples) {
      expect(s).toMatch(/^[0-9A-HJKMNP-TV-Z]{14}$/);
      expect(parseSerial(s)).toBe(s);
      expect(checkSymbol(s.slice(0, 13))).toBe(s[13]);
    }
    expect(new Set(generateSerials(20_000)).size).toBe(20_000);
  });

  it('rejects every single-symbol substitution, at every position including the check symbol', () => {
    let tried = 0;
    for (const s of samples) {
      for (let i = 0; i < SERIAL_LENGTH; i++) {
        for (const c of CROCKFORD_ALPHABET) {
          if (c === s[i]) continue;
          const typo = s.slice(0, i) + c + s.slice(i + 1);
          expect(parseSerial(typo)).toBeNull();
          tried++;
        }
      }
    }
    expect(tried).toBe(samples.length * SERIAL_LENGTH * 31);
  });

  it('rejects every transposition of two adjacent different symbols', () => {
    let tried = 0;
    for (const s of samples) {
      for (let i = 0; i < SERIAL_LENGTH - 1; i++) {
        if (s[i] === s[i + 1]) continue;
        const swapped = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
        expect(parseSerial(swapped)).toBeNull();
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(samples.length * 10);
  });

  it('rejects all adjacent swaps exhaustively for every pair of symbols at every position', () => {
    const base = samples[0];
    for (let i = 0; i < SERIAL_LENGTH - 1; i++) {
      for (const a of CROCKFORD_ALPHABET) {
        for (const b of CROCKFORD_ALPHABET) {
          if (a === b) continue;
          const body = (base.slice(0, i) + a + b + base.slice(i + 2)).slice(0, 13);
          const valid = i + 1 < 13 ? body + checkSymbol(body) : null;
          if (!valid) continue;
          const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
          expect(parseSerial(swapped)).toBeNull();
        }
      }
    }
  });

  it('reads serials the Crockford way: lower case, I/L as 1, O as 0, hyphens ignored', () => {
    const s = samples.find((x) => /[01]/.test(x)) ?? samples[0];
    const sloppy = s.toLowerCase().replace(/1/g, 'l').replace(/0/g, 'o');
    expect(normalizeSerial(sloppy)).toBe(s);
    expect(parseSerial(sloppy)).toBe(s);
    expect(parseSerial(`${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`)).toBe(s);
  });

  it('rejects wrong lengths, foreign symbols and absurd input', () => {
    expect(parseSerial('')).toBeNull();
    expect(parseSerial(samples[0].slice(0, 13))).toBeNull();
    expect(parseSerial(`${samples[0]}0`)).toBeNull();
    expect(parseSerial(`${samples[0].slice(0, 13)}U`)).toBeNull();
    expect(parseSerial(`${samples[0].slice(0, 12)}ạ${samples[0][13]}`)).toBeNull();
    expect(parseSerial('x'.repeat(10_000))).toBeNull();
  });
});

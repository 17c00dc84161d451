import { validate } from 'class-validator';
import { IsVietnameseMobile, isVietnameseMobile, normalizeVietnameseMobile } from './vietnam-validators';

describe('isVietnameseMobile', () => {
  // Prefixes from domain.md: 03x, 05(2|6|8|9), 07(0|6–9), 08(1–9), 09x.
  const valid = [
    ...Array.from({ length: 10 }, (_, d) => `03${d}1234567`),
    ...['2', '6', '8', '9'].map((d) => `05${d}1234567`),
    ...['0', '6', '7', '8', '9'].map((d) => `07${d}1234567`),
    ...Array.from({ length: 9 }, (_, i) => `08${i + 1}1234567`),
    ...Array.from({ length: 10 }, (_, d) => `09${d}1234567`),
  ];
  const invalidPrefixes = ['050', '051', '053', '054', '055', '057', '071', '072', '073', '074', '075', '080', '010', '020', '060', '001'];

  it.each(valid)('accepts %s', (n) => expect(isVietnameseMobile(n)).toBe(true));
  it.each(invalidPrefixes.map((p) => `${p}1234567`))('rejects prefix of %s', (n) => expect(isVietnameseMobile(n)).toBe(false));

  it('accepts +84 with 9 digits, and spaces, dots or dashes as separators', () => {
    expect(isVietnameseMobile('+84912345678')).toBe(true);
    expect(isVietnameseMobile('+84 912 345 678')).toBe(true);
    expect(isVietnameseMobile('0912.345.678')).toBe(true);
    expect(isVietnameseMobile('0912-345-678')).toBe(true);
  });

  it('rejects wrong lengths, other country codes and non-strings', () => {
    expect(isVietnameseMobile('091234567')).toBe(false);
    expect(isVietnameseMobile('09123456789')).toBe(false);
    expect(isVietnameseMobile('+8409123456789')).toBe(false);
    expect(isVietnameseMobile('+840912345678')).toBe(false);
    expect(isVietnameseMobile('84912345678')).toBe(false);
    expect(isVietnameseMobile('+85512345678')).toBe(false);
    expect(isVietnameseMobile('09123456a8')).toBe(false);
    expect(isVietnameseMobile('')).toBe(false);
    expect(isVietnameseMobile(912345678)).toBe(false);
    expect(isVietnameseMobile(undefined)).toBe(false);
  });
});

describe('normalizeVietnameseMobile', () => {
  it('gives the canonical 0XXXXXXXXX form', () => {
    expect(normalizeVietnameseMobile('+84 912 345 678')).toBe('0912345678');
    expect(normalizeVietnameseMobile('0912.345.678')).toBe('0912345678');
  });
});

describe('@IsVietnameseMobile', () => {
  class Dto {
    @IsVietnameseMobile() phone!: string;
  }
  it('reports a bilingual message', async () => {
    const dto = Object.assign(new Dto(), { phone: '0123456789' });
    const [error] = await validate(dto);
    expect(error.constraints).toEqual({ isVietnameseMobile: 'Số điện thoại di động Việt Nam không hợp lệ (invalid Vietnamese mobile number)' });
    expect(await validate(Object.assign(new Dto(), { phone: '0862345678' }))).toEqual([]);
  });
});

import { validate } from 'class-validator';
import { IsPlainText, isPlainText } from './plain-text';
import { IsVietnamesePersonalId, isValidPersonalId } from './personal-id';
import { IsVietnameseTaxCode, isValidTaxCode, normalizeTaxCode } from './tax-code';

describe('isValidTaxCode', () => {
  it.each(['0100233488', '0314409058', '0312687878', '0100233488-001', '0314409058-123'])('accepts %s', (code) => {
    expect(isValidTaxCode(code)).toBe(true);
  });

  it.each([
    ['0100233480', 'wrong check digit'],
    ['0100233487', 'wrong check digit'],
    ['010023348', 'nine digits'],
    ['01002334888', 'eleven digits'],
    ['0100233488-01', 'short branch'],
    ['0100233488-000', 'branch 000'],
    ['0100233488001', 'compact branch form (normalised before validation)'],
    ['01OO233488', 'letters'],
    ['', 'empty'],
  ])('refuses %s (%s)', (code) => {
    expect(isValidTaxCode(code)).toBe(false);
  });

  it('maps r = 10 to check digit 0 and refuses r = 0', () => {
    // Build nine-digit prefixes with a chosen remainder by brute force, then check both rules.
    const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    const remainder = (p: string) => weights.reduce((a, w, i) => a + w * Number(p[i]), 0) % 11;
    let r10: string | undefined;
    let r0: string | undefined;
    for (let n = 100_000_000; (!r10 || !r0) && n < 100_001_000; n++) {
      const p = String(n).padStart(9, '0');
      if (!r10 && remainder(p) === 10) r10 = p;
      if (!r0 && remainder(p) === 0) r0 = p;
    }
    expect(isValidTaxCode(`${r10}0`)).toBe(true);
    for (let d = 0; d <= 9; d++) expect(isValidTaxCode(`${r0}${d}`)).toBe(false);
  });

  it('normalises the compact 13-digit branch form', () => {
    expect(normalizeTaxCode('0100233488001')).toBe('0100233488-001');
    expect(normalizeTaxCode(' 0100 233 488 ')).toBe('0100233488');
  });
});

describe('isValidPersonalId', () => {
  it('accepts 12 digits with a province prefix and refuses anything else', () => {
    expect(isValidPersonalId('084190001234')).toBe(true);
    expect(isValidPersonalId('000190001234')).toBe(false);
    expect(isValidPersonalId('08419000123')).toBe(false);
    expect(isValidPersonalId('0841900012345')).toBe(false);
    expect(isValidPersonalId('08419000123a')).toBe(false);
    expect(isValidPersonalId(84190001234)).toBe(false);
  });
});

describe('isPlainText', () => {
  it('refuses markup and control characters but keeps ordinary punctuation', () => {
    expect(isPlainText('HTX Bưởi da xanh <Hùng Hòa> & Co. 5 > 3')).toBe(false);
    expect(isPlainText('Công ty TNHH A & B, số 5 > 3')).toBe(true);
    expect(isPlainText('<script>alert(1)</script>')).toBe(false);
    expect(isPlainText('a</b')).toBe(false);
    expect(isPlainText('dòng\u0000')).toBe(false);
  });
});

describe('decorators', () => {
  class Sample {
    @IsVietnameseTaxCode() taxCode = '';
    @IsVietnamesePersonalId() personalId = '';
    @IsPlainText() name = '';
  }

  it('report a field error with a Vietnamese and English message', async () => {
    const s = Object.assign(new Sample(), { taxCode: '0100233480', personalId: '12', name: '<b>x</b>' });
    const errors = await validate(s);
    expect(errors.map((e) => e.property).sort()).toEqual(['name', 'personalId', 'taxCode']);
    const tax = errors.find((e) => e.property === 'taxCode');
    expect(Object.values(tax!.constraints!)[0]).toMatch(/Mã số thuế.*\(invalid tax code\)/);
  });

  it('pass valid values', async () => {
    const s = Object.assign(new Sample(), { taxCode: '0312687878', personalId: '084190001234', name: 'HTX Dân Tiến' });
    expect(await validate(s)).toEqual([]);
  });
});

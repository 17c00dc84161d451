import { NAPAS_BANKS, napasBank } from './napas-banks';

describe('NAPAS bank list', () => {
  it('has unique 6-digit BINs and names', () => {
    expect(new Set(NAPAS_BANKS.map((b) => b.bin)).size).toBe(NAPAS_BANKS.length);
    expect(new Set(NAPAS_BANKS.map((b) => b.shortName)).size).toBe(NAPAS_BANKS.length);
    for (const b of NAPAS_BANKS) {
      expect(b.bin).toMatch(/^\d{6}$/);
      expect(b.name.normalize('NFC')).toBe(b.name);
    }
  });

  it('knows the large banks by BIN', () => {
    expect(napasBank('970436')?.shortName).toBe('Vietcombank');
    expect(napasBank('970415')?.shortName).toBe('VietinBank');
    expect(napasBank('970418')?.shortName).toBe('BIDV');
    expect(napasBank('970405')?.shortName).toBe('Agribank');
    expect(napasBank('970403')?.shortName).toBe('Sacombank');
    expect(napasBank('999999')).toBeUndefined();
  });
});

import { crc16CcittFalse, crc16Hex } from './crc16';
import { EmvFormatError, emvField, parseEmvFields } from './emv-tlv';
import { bankPrintedName, toEmvText } from './emv-text';
import { encodeVietQr, parseVietQr, validateVietQr, VietQrInputError, type VietQrInput } from './vietqr-payload';

/** Worked examples of the NAPAS specification and a public library, CRCs recomputed independently. */
const NAPAS_DYNAMIC_ACCOUNT =
  '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E';
const NAPAS_STATIC_CARD = '00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52';
const LIBRARY_DYNAMIC_VIETINBANK =
  '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';
/** NAPAS §6.1.1 as printed: account sub-tag length 12 before a 13-digit account (its table says 13), CRC F4E5 fitted to that. */
const NAPAS_611_MISPRINT = '00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5';
/** §6.1.1 encoded correctly. */
const NAPAS_611_CORRECT = '00020101021138570010A00000072701270006970403011300110123456780208QRIBFTTA53037045802VN63049E6F';

describe('CRC-16/CCITT-FALSE', () => {
  it('has the standard check value', () => {
    expect(crc16CcittFalse('123456789')).toBe(0x29b1);
    expect(crc16Hex('123456789')).toBe('29B1');
  });

  it('is computed over everything before the value, the literal 6304 included', () => {
    for (const [payload, crc] of [
      [NAPAS_DYNAMIC_ACCOUNT, '2E2E'],
      [NAPAS_STATIC_CARD, '4F52'],
      [LIBRARY_DYNAMIC_VIETINBANK, 'C15C'],
      [NAPAS_611_CORRECT, '9E6F'],
    ]) {
      expect(crc16Hex(payload.slice(0, -4))).toBe(crc);
      expect(payload.slice(-8, -4)).toBe('6304');
    }
  });

  it('pads to four upper-case digits', () => {
    expect(crc16Hex('')).toBe('FFFF');
    expect(crc16Hex('abc')).toMatch(/^[0-9A-F]{4}$/);
  });
});

describe('EMV data objects', () => {
  it('writes ID, two-digit length and value; refuses values over 99 characters', () => {
    expect(emvField('53', '704')).toBe('5303704');
    expect(emvField('62', '')).toBe('6200');
    expect(() => emvField('62', 'x'.repeat(100))).toThrow(EmvFormatError);
    expect(() => emvField('5', '1')).toThrow(EmvFormatError);
  });

  it('reads fields in order and refuses truncated or malformed ones', () => {
    expect(parseEmvFields('000201010212').map((f) => [f.id, f.value])).toEqual([
      ['00', '01'],
      ['01', '12'],
    ]);
    expect(() => parseEmvFields('0002010102')).toThrow(/declares 2 characters but only 0/);
    expect(() => parseEmvFields('0002010x12')).toThrow(EmvFormatError);
  });
});

describe('encodeVietQr: golden vectors', () => {
  it('reproduces NAPAS §6.1.3 (dynamic to account, 180000 VND, bill NPS6869) byte for byte', () => {
    expect(encodeVietQr({ bankBin: '970403', accountNumber: '0011012345678', amountVnd: 180000, billNumber: 'NPS6869', purpose: 'thanh toan don hang' })).toBe(
      NAPAS_DYNAMIC_ACCOUNT,
    );
  });

  it('reproduces NAPAS §6.1.2 (static to card)', () => {
    expect(encodeVietQr({ bankBin: '970403', accountNumber: '9704031101234567', target: 'card' })).toBe(NAPAS_STATIC_CARD);
  });

  it('reproduces the public VietinBank example (dynamic, 120000 VND, purpose only)', () => {
    expect(encodeVietQr({ bankBin: '970415', accountNumber: '0011001932418', amountVnd: 120000, purpose: 'ung ho lu lut' })).toBe(LIBRARY_DYNAMIC_VIETINBANK);
  });

  it('encodes §6.1.1 correctly (9E6F), not as the specification misprints it (F4E5)', () => {
    const encoded = encodeVietQr({ bankBin: '970403', accountNumber: '0011012345678', initiation: 'static' });
    expect(encoded).toBe(NAPAS_611_CORRECT);
    expect(encoded).not.toBe(NAPAS_611_MISPRINT);
  });

  it('folds Vietnamese in the purpose (đ → d) and cuts it to 25 characters at a word end', () => {
    const payload = encodeVietQr({ bankBin: '970436', accountNumber: '1234567890', amountVnd: 250000, purpose: 'Thanh toán đơn hàng TV-7K3M9Q-1 của chị Đào' });
    const purpose = parseVietQr(payload).purpose!;
    expect(purpose).toBe('Thanh toan don hang');
    expect(purpose.length).toBeLessThanOrEqual(25);
    expect(toEmvText('Đặc sản Trà Vinh: bưởi & dừa!', 25)).toBe('Dac san Tra Vinh: buoi');
    expect(toEmvText('TT TV-7K3M9Q-1', 25)).toBe('TT TV-7K3M9Q-1');
  });

  it('refuses what cannot be encoded, naming each field', () => {
    const bad = (input: Partial<VietQrInput>): string[] => {
      try {
        encodeVietQr({ bankBin: '970436', accountNumber: '1234567890', ...input });
      } catch (err) {
        expect(err).toBeInstanceOf(VietQrInputError);
        return (err as VietQrInputError).details.map((d) => d.field);
      }
      return [];
    };
    expect(bad({ bankBin: '97043' })).toEqual(['bankBin']);
    expect(bad({ accountNumber: '12345678901234567890' })).toEqual(['accountNumber']);
    expect(bad({ accountNumber: '123 456' })).toEqual(['accountNumber']);
    expect(bad({ amountVnd: 0 })).toEqual(['amountVnd']);
    expect(bad({ amountVnd: -5 })).toEqual(['amountVnd']);
    expect(bad({ amountVnd: 1.5 })).toEqual(['amountVnd']);
    expect(bad({ amountVnd: 10_000_000_000_000 })).toEqual(['amountVnd']);
    expect(bad({ amountVnd: 9_999_999_999_999 })).toEqual([]);
    expect(bad({ billNumber: 'x'.repeat(26) })).toEqual(['billNumber']);
    expect(bad({ billNumber: 'đơn-1' })).toEqual(['billNumber']);
    expect(bad({ purpose: '🙂🙂' })).toEqual(['purpose']);
    expect(bad({ bankBin: 'abc', amountVnd: 0 })).toEqual(['bankBin', 'amountVnd']);
  });

  it('folds an account holder name the way banks print it', () => {
    expect(bankPrintedName('  Nguyễn Thị   Đào ')).toBe('NGUYEN THI DAO');
    expect(bankPrintedName('Hợp tác xã Bưởi Hùng Hòa')).toBe('HOP TAC XA BUOI HUNG HOA');
  });
});

describe('parseVietQr', () => {
  it('reads the NAPAS dynamic example', () => {
    expect(parseVietQr(NAPAS_DYNAMIC_ACCOUNT)).toEqual({
      initiation: 'dynamic',
      bankBin: '970403',
      accountNumber: '0011012345678',
      target: 'account',
      currency: '704',
      amount: '180000',
      amountVnd: 180000,
      country: 'VN',
      billNumber: 'NPS6869',
      purpose: 'thanh toan don hang',
      additionalData: { '01': 'NPS6869', '08': 'thanh toan don hang' },
      crc: '2E2E',
    });
    expect(parseVietQr(NAPAS_STATIC_CARD)).toMatchObject({ initiation: 'static', target: 'card', accountNumber: '9704031101234567' });
  });

  it('rejects the §6.1.1 misprint: its CRC fits, its lengths do not', () => {
    const result = validateVietQr(NAPAS_611_MISPRINT);
    expect(result.valid).toBe(false);
    expect(result.valid === false && result.field).toMatch(/^38/);
  });

  it('rejects a wrong CRC and a changed character; reads a lower-case CRC', () => {
    expect(validateVietQr(NAPAS_DYNAMIC_ACCOUNT.slice(0, -4) + '2E2F')).toMatchObject({ valid: false, field: '63' });
    const tampered = NAPAS_DYNAMIC_ACCOUNT.replace('180000', '980000');
    expect(validateVietQr(tampered)).toMatchObject({ valid: false, field: '63' });
    expect(parseVietQr(NAPAS_DYNAMIC_ACCOUNT.slice(0, -4) + '2e2e').crc).toBe('2e2e');
  });

  it('checks each rule and names the data object', () => {
    const sign = (body: string) => body + '6304' + crc16Hex(body + '6304');
    // A Map keeps the IDs in insertion order (an object would put "38" before "00").
    const base = (over: Record<string, string>) => {
      const f = new Map([
        ['00', '01'],
        ['01', '12'],
        ['38', '0010A00000072701270006970403011300110123456780208QRIBFTTA'],
        ['53', '704'],
        ['54', '1000'],
        ['58', 'VN'],
      ]);
      for (const [id, v] of Object.entries(over)) f.set(id, v);
      return sign(
        [...f]
          .filter(([, v]) => v !== '')
          .map(([id, v]) => emvField(id, v))
          .join(''),
      );
    };
    expect(validateVietQr(base({})).valid).toBe(true);
    expect(validateVietQr(base({ '01': '22' }))).toMatchObject({ field: '01' });
    expect(validateVietQr(base({ '53': '840' }))).toMatchObject({ field: '53' });
    expect(validateVietQr(base({ '54': '0' }))).toMatchObject({ field: '54' });
    expect(validateVietQr(base({ '54': '1,000' }))).toMatchObject({ field: '54' });
    expect(validateVietQr(base({ '54': '12345678901234' }))).toMatchObject({ field: '54' });
    expect(validateVietQr(base({ '54': '1000.5' })).valid).toBe(true);
    expect(validateVietQr(base({ '58': 'VNM' }))).toMatchObject({ field: '58' });
    expect(validateVietQr(base({ '38': '0010A00000072801270006970403011300110123456780208QRIBFTTA' }))).toMatchObject({ field: '38.00' });
    expect(validateVietQr(base({ '38': '0010A00000072701270006970X03011300110123456780208QRIBFTTA' }))).toMatchObject({ field: '38.01.00' });
    expect(validateVietQr(base({ '38': '0010A00000072701270006970403011300110123456780208QRIBFTTX' }))).toMatchObject({ field: '38.02' });
    expect(validateVietQr(base({ '38': '' }))).toMatchObject({ field: '38' });
    expect(validateVietQr(base({ '62': emvField('08', 'x'.repeat(26)) }))).toMatchObject({ field: '62.08' });
    expect(validateVietQr(base({ '59': 'x'.repeat(26) }))).toMatchObject({ field: '59' });
    expect(validateVietQr('0102120002016304FFFF')).toMatchObject({ valid: false });
    expect(validateVietQr(NAPAS_DYNAMIC_ACCOUNT.slice(0, 40))).toMatchObject({ valid: false });
    expect(validateVietQr('')).toMatchObject({ valid: false, field: 'payload' });
  });
});

describe('encode → parse round trip (seeded random inputs)', () => {
  // mulberry32: a small seeded generator, so a failure is reproducible from the seed printed.
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const SEED = 20261203;
  const random = rng(SEED);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  const CODE = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
  const WORDS = ['Thanh toán', 'đơn hàng', 'Bưởi', 'Đặc sản', 'TT', 'cà phê', 'Trà Vinh', 'mua', 'số', 'x'];

  it(`holds for 2000 inputs (seed ${SEED})`, () => {
    for (let i = 0; i < 2000; i++) {
      const code = `TV-${Array.from({ length: 6 }, () => pick([...CODE])).join('')}${random() < 0.5 ? `-${int(1, 9)}` : ''}`;
      const input: VietQrInput = {
        bankBin: `9704${digits(2)}`,
        accountNumber: digits(int(6, 19)),
        amountVnd: random() < 0.9 ? int(1, random() < 0.5 ? 10_000_000 : 9_999_999_999_999) : undefined,
        billNumber: random() < 0.8 ? code : undefined,
        purpose: random() < 0.8 ? Array.from({ length: int(1, 8) }, () => pick(WORDS)).join(' ') : undefined,
        merchantName: random() < 0.3 ? 'HTX Nông nghiệp Hùng Hòa' : undefined,
        merchantCity: random() < 0.3 ? 'Trà Vinh' : undefined,
      };
      const payload = encodeVietQr(input);
      const data = parseVietQr(payload);
      expect(data.bankBin).toBe(input.bankBin);
      expect(data.accountNumber).toBe(input.accountNumber);
      expect(data.amountVnd).toBe(input.amountVnd);
      expect(data.initiation).toBe(input.amountVnd === undefined ? 'static' : 'dynamic');
      expect(data.billNumber).toBe(input.billNumber);
      if (input.purpose) {
        expect(data.purpose).toBe(toEmvText(input.purpose, 25));
        expect(data.purpose!.length).toBeLessThanOrEqual(25);
        expect(data.purpose).toMatch(/^[\x20-\x7e]+$/);
      } else expect(data.purpose).toBeUndefined();
      expect(data.crc).toMatch(/^[0-9A-F]{4}$/);
      expect(payload.length).toBeLessThanOrEqual(512);
    }
  });
});

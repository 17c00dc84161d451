import { foldVietnamese, normalizeStringsNfc, slugify } from './normalize';

describe('foldVietnamese', () => {
  it('removes tone and vowel marks and lower-cases', () => {
    expect(foldVietnamese('Bưởi Năm Roi Vĩnh Long')).toBe('buoi nam roi vinh long');
    expect(foldVietnamese('Cà phê Ơ Ư Ấ Ợ')).toBe('ca phe o u a o');
    expect(foldVietnamese('TRÀ VINH')).toBe('tra vinh');
  });

  it('turns đ and Đ into d', () => {
    expect(foldVietnamese('Đặc sản đồng bằng')).toBe('dac san dong bang');
    expect(foldVietnamese('ĐĐđđ')).toBe('dddd');
  });

  it('gives the same result for NFC and NFD input', () => {
    const nfc = 'Mật ong hoa dừa Đức Thành';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(foldVietnamese(nfd)).toBe(foldVietnamese(nfc));
    expect(foldVietnamese(nfd)).toBe('mat ong hoa dua duc thanh');
  });
});

describe('slugify', () => {
  it('makes ASCII slugs with single dashes', () => {
    expect(slugify('Kẹo dừa Bến Tre — loại 1 (500g)')).toBe('keo-dua-ben-tre-loai-1-500g');
    expect(slugify('  --Đường thốt nốt!!  ')).toBe('duong-thot-not');
    expect(slugify('Gạo ST25'.normalize('NFD'))).toBe('gao-st25');
  });

  it('cuts at maxLength without a trailing dash', () => {
    expect(slugify('Trà Vinh Vĩnh Long', 10)).toBe('tra-vinh-v');
    expect(slugify('Trà Vinh Vĩnh Long', 9)).toBe('tra-vinh');
  });

  it('gives an empty slug for text without letters or digits', () => {
    expect(slugify('!!! ---')).toBe('');
  });
});

describe('normalizeStringsNfc', () => {
  it('normalises strings nested in objects and arrays', () => {
    const nfd = 'Hợp tác xã'.normalize('NFD');
    const value = { name: nfd, tags: [nfd, 1], nested: { deep: nfd }, n: 5, none: null };
    normalizeStringsNfc(value);
    expect(value).toEqual({ name: 'Hợp tác xã', tags: ['Hợp tác xã', 1], nested: { deep: 'Hợp tác xã' }, n: 5, none: null });
    expect(normalizeStringsNfc(nfd)).toBe('Hợp tác xã');
  });
});

describe('normalizeStringsNfc on deep values', () => {
  it('walks 100,000 levels without overflowing the stack', () => {
    const nfd = 'Dừa'.normalize('NFD');
    let value: unknown = [nfd];
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(() => normalizeStringsNfc(value)).not.toThrow();
  });
});

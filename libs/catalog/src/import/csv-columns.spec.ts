import { mapHeaders, parseCertifications, parseVndAmount } from './csv-columns';

describe('CSV import columns', () => {
  it('matches Vietnamese and English headers whatever the case and diacritics', () => {
    const { columns, problems } = mapHeaders([
      'Tên sản phẩm',
      'MÃ SKU',
      'Gia (VND)',
      'đơn vị',
      'Tồn kho',
      'Danh mục',
      'Mã GTIN',
      'Mã xã/phường xuất xứ',
      'Mô tả',
      'Chứng nhận',
      'Ghi chú',
    ]);
    expect(problems).toEqual([]);
    expect([...columns.values()]).toEqual([
      'name',
      'sku',
      'priceVnd',
      'unit',
      'stockQuantity',
      'categorySlug',
      'gtin',
      'originCommuneCode',
      'description',
      'certifications',
    ]);
    expect(mapHeaders(['name', 'sku', 'priceVnd', 'unit', 'originCommuneCode', 'categoryId']).problems).toEqual([]);
  });

  it('reports missing and duplicate columns', () => {
    const { problems } = mapHeaders(['name', 'Tên sản phẩm', 'sku']);
    expect(problems.join(' ')).toMatch(/duplicate column/);
    expect(problems.join(' ')).toMatch(/missing column priceVnd/);
    expect(problems.join(' ')).toMatch(/categorySlug or categoryId/);
  });

  it('parses VND amounts with thousands separators', () => {
    expect(parseVndAmount('120.000')).toBe(120000);
    expect(parseVndAmount('1.250.000 đ')).toBe(1250000);
    expect(parseVndAmount('120,000')).toBe(120000);
    expect(parseVndAmount('85000')).toBe(85000);
    expect(parseVndAmount('12.5')).toBe('12.5');
    expect(parseVndAmount('abc')).toBe('abc');
  });

  it('parses certifications', () => {
    expect(parseCertifications('VietGAP; hữu cơ; khác: Halal')).toEqual([{ type: 'vietgap' }, { type: 'organic' }, { type: 'other', name: 'Halal' }]);
    expect(parseCertifications('')).toEqual([]);
  });
});

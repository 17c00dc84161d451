import { foldTerm, TermMatcher } from './term-matcher';

describe('TermMatcher', () => {
  const matcher = new TermMatcher([
    { term: 'ma túy', severity: 'prohibited' },
    { term: 'ma', severity: 'restricted' },
    { term: 'thuốc lá điện tử', severity: 'prohibited' },
    { term: 'ma túy đá tổng hợp', severity: 'restricted' },
    { term: 'rượu', severity: 'restricted' },
  ]);

  it('matches accent- and case-insensitively, multi-word terms across spaces and punctuation', () => {
    const found = matcher.match('Bán Ma Tuy và ma-tuý giá rẻ');
    expect(found.filter((m) => m.severity === 'prohibited').map((m) => m.text)).toEqual(['Ma Tuy', 'ma-tuý']);
    expect(found.find((m) => m.text === 'Ma Tuy')).toMatchObject({ term: 'ma túy', start: 4, end: 10 });
  });

  it('matches whole words only', () => {
    expect(matcher.match('Nước mắm mang về, mãng cầu, rượu')).toEqual([{ term: 'rượu', severity: 'restricted', start: 28, end: 32, text: 'rượu' }]);
    expect(matcher.match('mama tuy')).toEqual([]);
    expect(matcher.match('THUỐC LÁ ĐIỆN TỬ.')[0]).toMatchObject({ severity: 'prohibited', text: 'THUỐC LÁ ĐIỆN TỬ' });
  });

  it('finds a prohibited term inside a longer restricted one', () => {
    const found = matcher.match('ma túy đá tổng hợp');
    expect(found.map((m) => [m.severity, m.term])).toEqual([
      ['restricted', 'ma túy đá tổng hợp'],
      ['prohibited', 'ma túy'],
    ]);
  });

  it('keeps offsets right in decomposed (NFD) text', () => {
    const text = 'x ma túy'.normalize('NFD');
    const [m] = matcher.match(text).filter((f) => f.severity === 'prohibited');
    expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(m.text.normalize('NFC')).toBe('ma túy');
  });

  it('folds terms to their words', () => {
    expect(foldTerm('  Ma   Túy! ')).toBe('ma tuy');
    expect(foldTerm('%%')).toBe('');
    expect(new TermMatcher([]).match('anything')).toEqual([]);
  });
});

import { highlight } from './highlight';
import { parseQuery } from './query';
import { synonymExpansions } from './synonyms';
import { exactText, exactWord, foldedText, numberParts, wordsOf } from './vietnamese';

const exact = (w: string) => exactWord(wordsOf(w)[0]);

describe('Vietnamese search text', () => {
  it('folds marks and đ', () => {
    expect(foldedText('Đũa TRE, Dừa sáp!')).toBe('dua tre dua sap');
  });

  it('gives each diacritic variant its own exact token', () => {
    const tokens = ['dừa', 'dưa', 'dứa', 'đũa', 'dua'].map(exact);
    expect(tokens).toEqual(['duwaf', 'duwa', 'duwas', 'dduax', null]);
  });

  it('encodes old and new tone placement, NFC and NFD alike', () => {
    expect(exact('hoà')).toBe(exact('hòa'));
    expect(exact('thuý')).toBe(exact('thúy'));
    expect(exact('Bưởi'.normalize('NFD'))).toBe(exact('bưởi'));
  });

  it('keeps folded tokens next to exact ones in exact fields', () => {
    expect(exactText('Bưởi da xanh')).toBe('buoi buwowir da xanh');
  });

  it('splits letters from digits in names', () => {
    expect(numberParts('Gạo ST25 túi 500g')).toEqual(['st', '25', '500', 'g']);
  });

  it('parses queries into plain tokens only', () => {
    expect(parseQuery(`"dừa" -x OR 1=1; --`)).toEqual({
      folded: ['dua', 'x', 'or', '1', '1'],
      exact: ['duwaf', 'x', 'or', '1', '1'],
      hasMarks: true,
      prefixLast: true,
    });
    expect(parseQuery('thanh long ')?.prefixLast).toBe(false);
    expect(parseQuery('  "" ')).toBeNull();
  });

  it('expands synonyms on exact words only', () => {
    expect(synonymExpansions('Mứt dứa')).toEqual(['khóm', 'thơm']);
    expect(synonymExpansions('Kẹo dừa')).toEqual([]);
    expect(synonymExpansions('Gạo thơm')).toEqual([]);
    expect(synonymExpansions('Bắp nếp')).toEqual(['ngô']);
  });

  it('highlights after escaping', () => {
    expect(highlight('<i>Dừa</i> sáp', ['dua'], false)).toBe('&lt;i&gt;<mark>Dừa</mark>&lt;/i&gt; sáp');
    expect(highlight('Thanh long', ['thanh', 'l'], true)).toBe('<mark>Thanh</mark> <mark>long</mark>');
  });
});

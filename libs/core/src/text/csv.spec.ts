import { toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF and quotes only what needs quoting', () => {
    expect(
      toCsv([
        ['Ngày', 'Lượt'],
        ['2025-07-01', 3],
        ['a,b', 'say "hi"'],
      ]),
    ).toBe('\uFEFFNgày,Lượt\r\n2025-07-01,3\r\n"a,b","say ""hi"""\r\n');
  });
});

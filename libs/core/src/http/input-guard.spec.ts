import { MAX_JSON_DEPTH, checkAndNormalize, checkHeaders, checkRawUrl, jsonDepth, parseJsonBody } from './input-guard';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as { details?: Array<{ field: string }> }).details?.[0]?.field;
  }
  return undefined;
}

describe('input guard', () => {
  it('names the body field holding a control character or a lone surrogate', () => {
    expect(fieldOf(() => checkAndNormalize({ a: { b: ['ok', 'x\u0000'] } }, 'body'))).toBe('body.a.b[1]');
    expect(fieldOf(() => checkAndNormalize({ name: 'x\ud800' }, 'body'))).toBe('body.name');
    expect(fieldOf(() => checkAndNormalize({ text: 'dòng 1\r\n\tdòng 2' }, 'body'))).toBeUndefined();
  });

  it('NFC-normalises strings in place', () => {
    const value = { name: 'Hợp tác xã'.normalize('NFD') };
    checkAndNormalize(value, 'body');
    expect(value.name).toBe('Hợp tác xã');
  });

  it('treats an empty or blank JSON body as no body, refuses invalid UTF-8 and deep nesting', () => {
    expect(parseJsonBody(Buffer.alloc(0), JSON.parse)).toBeUndefined();
    expect(parseJsonBody(Buffer.from(' \n'), JSON.parse)).toBeUndefined();
    expect(fieldOf(() => parseJsonBody(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), JSON.parse))).toBe('body');
    expect(fieldOf(() => parseJsonBody(Buffer.from('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)), JSON.parse))).toBe('body');
    expect(parseJsonBody(Buffer.from('{"a":"[[[["}'), JSON.parse)).toEqual({ a: '[[[[' });
    expect(jsonDepth('{"a":"\\"[[[","b":[[1]]}')).toBe(3);
  });

  it('checks the percent-decoded path and query of the raw URL', () => {
    expect(fieldOf(() => checkRawUrl('/api/v1/enterprises?q=%00'))).toBe('query.q');
    expect(fieldOf(() => checkRawUrl('/api/v1/enterprises?q=%FF'))).toBe('query.q');
    expect(fieldOf(() => checkRawUrl('/api/v1/enterprises/%00'))).toBe('path');
    expect(fieldOf(() => checkRawUrl('/api/v1/enterprises/%C3'))).toBe('path');
    expect(fieldOf(() => checkRawUrl('/tim-kiem?q=d%E1%BB%ABa+s%C3%A1p'))).toBeUndefined();
  });

  it('checks header values', () => {
    expect(fieldOf(() => checkHeaders({ 'user-agent': 'a\u0001b' }))).toBe('headers.user-agent');
    expect(fieldOf(() => checkHeaders({ 'x-note': Buffer.from([0x61, 0xff]).toString('latin1') }))).toBe('headers.x-note');
    expect(fieldOf(() => checkHeaders({ 'x-note': Buffer.from('dừa', 'utf8').toString('latin1') }))).toBeUndefined();
  });
});

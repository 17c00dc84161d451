import { feedUrlProblem, isPrivateAddress } from './outbound-guard';
import { parsePeerPage } from './peer-page';

const item = (extra: Record<string, unknown> = {}, offers: Record<string, unknown> = {}) => ({
  identifier: 'p-1',
  dateModified: '2026-12-01T10:00:00.000000Z',
  status: 'live',
  item: { '@type': 'Product', name: 'Bánh pía', url: 'https://peer.example/p/1', offers: { price: 1000, priceCurrency: 'VND', ...offers }, ...extra },
});
const page = (elements: unknown[], rest: Record<string, unknown> = {}) =>
  JSON.stringify({ '@type': 'DataFeed', version: '1', dataFeedElement: elements, nextCursor: 'abc', hasMore: false, ...rest });

describe('parsePeerPage (open feed v1, read strictly)', () => {
  it('keeps a valid product and a tombstone', () => {
    const parsed = parsePeerPage(page([item(), { identifier: 'p-2', status: 'deleted' }]));
    expect(parsed).toMatchObject({ rejected: 0, nextCursor: 'abc', hasMore: false });
    expect(parsed.elements).toEqual([
      { kind: 'live', product: expect.objectContaining({ remoteId: 'p-1', name: 'Bánh pía', priceVnd: 1000, pageUrl: 'https://peer.example/p/1' }) },
      { kind: 'deleted', remoteId: 'p-2' },
    ]);
  });

  it.each([
    ['markup in a name', item({ name: '<b>Bánh</b> pía' })],
    ['a comment in a description', item({ description: 'ngon <!-- x -->' })],
    ['a javascript: page URL', item({ url: 'javascript:alert(1)' })],
    ['a data: image', item({ image: ['data:image/png;base64,AA'] })],
    ['credentials in a URL', item({ url: 'https://u:p@peer.example/p/1' })],
    ['a negative price', item({}, { price: -1 })],
    ['a fractional price', item({}, { price: 10.5 })],
    ['another currency', item({}, { priceCurrency: 'USD' })],
    ['a too long name', item({ name: 'x'.repeat(301) })],
    ['OCOP stars out of range', item({ hasCertification: [{ name: 'OCOP', certificationRating: { ratingValue: 6 } }] })],
    ['a bad identifier', { ...item(), identifier: '<x>' }],
    ['a control character', item({ name: 'Bánh\u0000pía' })],
  ])('skips and counts an item with %s', (_what, bad) => {
    const parsed = parsePeerPage(page([bad, { ...item(), identifier: 'ok' }]));
    expect(parsed.rejected).toBe(1);
    expect(parsed.elements.map((e) => (e.kind === 'live' ? e.product.remoteId : e.remoteId))).toEqual(['ok']);
  });

  it.each([
    ['malformed JSON', '{"@type":'],
    ['not a feed', JSON.stringify({ hello: 'world' })],
    ['another version', page([], { version: '2' })],
    ['too many elements', page(Array.from({ length: 1001 }, () => item()))],
    ['a bad cursor', page([], { nextCursor: 'a b' })],
    ['no hasMore', page([], { hasMore: undefined })],
  ])('refuses a whole page with %s', (_what, body) => {
    expect(() => parsePeerPage(body)).toThrow();
  });
});

describe('outbound guard (SSRF)', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.8',
    '172.20.1.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '224.0.0.1',
  ])('%s is private', (address) => expect(isPrivateAddress(address)).toBe(true));
  it.each(['8.8.8.8', '203.113.1.1', '2001:4860:4860::8888'])('%s is public', (address) => expect(isPrivateAddress(address)).toBe(false));
  it('accepts public http(s) feed URLs only', () => {
    expect(feedUrlProblem('https://san.cantho.example/open/v1/products', false)).toBeUndefined();
    expect(feedUrlProblem('http://127.0.0.1/feed', false)).toBeDefined();
    expect(feedUrlProblem('http://127.0.0.1/feed', true)).toBeUndefined();
    expect(feedUrlProblem('file:///etc/passwd', true)).toBeDefined();
  });
});

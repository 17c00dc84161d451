import { translator } from '../i18n/messages';
import { pager } from './pager';
import { doneMessage, queryChoice, queryPage, queryText } from './query';
import { bulletinUrl, enterpriseUrl, productInquiryUrl, productUrl, withQuery } from './urls';

describe('web kit', () => {
  it('encodes slugs in public addresses', () => {
    expect(productUrl('buoi-da-xanh')).toBe('/san-pham/buoi-da-xanh');
    expect(productUrl('a/b?c')).toBe('/san-pham/a%2Fb%3Fc');
    expect(productInquiryUrl('a b')).toBe('/san-pham/a%20b/hoi-mua');
    expect(enterpriseUrl('htx#1')).toBe('/doanh-nghiep/htx%231');
    expect(bulletinUrl('tin')).toBe('/tin-tuc/tin');
  });

  it('builds a list address without empty parameters and without page 1', () => {
    expect(withQuery('/tin-tuc', { q: 'bưởi', category: '', page: 1 })).toBe('/tin-tuc?q=b%C6%B0%E1%BB%9Fi');
    expect(withQuery('/tin-tuc', { q: undefined, page: 3 })).toBe('/tin-tuc?page=3');
    expect(withQuery('/tin-tuc', {})).toBe('/tin-tuc');
  });

  it('reads the query leniently: first of repeated values, bounded pages, known choices only', () => {
    expect(queryText({ q: ['  a ', 'b'] }, 'q')).toBe('a');
    expect(queryText({ q: 'x'.repeat(200) }, 'q', 10)).toHaveLength(10);
    expect(queryPage({ page: '0' })).toBe(1);
    expect(queryPage({ page: '2.5' })).toBe(1);
    expect(queryPage({ page: '7' })).toBe(7);
    expect(queryChoice({ status: 'draft' }, 'status', ['draft', 'published'] as const)).toBe('draft');
    expect(queryChoice({ status: '<x>' }, 'status', ['draft'] as const)).toBeUndefined();
    const t = translator('en');
    expect(doneMessage(t, { done: 'saved' }, { saved: 'biz.saved' })).toBe(t('biz.saved'));
    expect(doneMessage(t, { done: 'free text' }, { saved: 'biz.saved' })).toBeUndefined();
  });

  it('draws one pager: nothing for one page, previous/next and the current page marked', () => {
    const t = translator('vi');
    expect(String(pager(t, { page: 1, total: 5, pageSize: 10, href: (n) => `?page=${n}` }))).toBe('');
    const html = String(pager(t, { page: 2, total: 35, pageSize: 10, href: (n) => `/x?page=${n}` }));
    expect(html).toContain('<a href="/x?page=1" rel="prev">');
    expect(html).toContain('<a href="/x?page=3" rel="next">');
    expect(html).toContain('<a href="/x?page=2" aria-current="page"');
    expect(html).toContain('<a href="/x?page=4"');
    expect(html).not.toContain('page=5');
  });
});

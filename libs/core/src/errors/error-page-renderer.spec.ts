import type { FastifyRequest } from 'fastify';
import { wantsHtmlPage } from './error-page-renderer';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

function request(method: string, url: string, headers: Record<string, string> = {}): FastifyRequest {
  return { method, url, headers } as unknown as FastifyRequest;
}

describe('wantsHtmlPage', () => {
  it('is true for browsers opening a page and for browsers posting a form', () => {
    expect(wantsHtmlPage(request('GET', '/tim-kiem?q=buoi', { accept: BROWSER }))).toBe(true);
    expect(wantsHtmlPage(request('HEAD', '/', { accept: BROWSER }))).toBe(true);
    expect(wantsHtmlPage(request('POST', '/dang-nhap', { accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded' }))).toBe(true);
    expect(wantsHtmlPage(request('POST', '/quan-ly/san-pham/1/anh', { accept: BROWSER, 'content-type': 'multipart/form-data; boundary=x' }))).toBe(true);
  });

  it('is false for API clients, JSON bodies, other methods and machine paths', () => {
    expect(wantsHtmlPage(request('GET', '/tim-kiem'))).toBe(false);
    expect(wantsHtmlPage(request('GET', '/tim-kiem', { accept: 'application/json' }))).toBe(false);
    expect(wantsHtmlPage(request('GET', '/tim-kiem', { accept: '*/*' }))).toBe(false);
    expect(wantsHtmlPage(request('POST', '/dang-nhap', { accept: BROWSER, 'content-type': 'application/json' }))).toBe(false);
    expect(wantsHtmlPage(request('POST', '/dang-nhap', { accept: BROWSER }))).toBe(false);
    expect(wantsHtmlPage(request('POST', '/dang-nhap', { 'content-type': 'application/x-www-form-urlencoded' }))).toBe(false);
    expect(wantsHtmlPage(request('PUT', '/dang-nhap', { accept: BROWSER, 'content-type': 'application/x-www-form-urlencoded' }))).toBe(false);
    expect(wantsHtmlPage(request('POST', '/api/v1/products/1/images', { accept: BROWSER, 'content-type': 'multipart/form-data; boundary=x' }))).toBe(false);
    expect(wantsHtmlPage(request('GET', '/feeds/tin-tuc.xml', { accept: BROWSER }))).toBe(false);
  });
});

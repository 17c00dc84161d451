import { XSS_VECTORS, dangers } from '../../../../test/fixtures/xss-vectors';
import { richTextToPlain, sanitizeRichText } from './rich-text';

describe('sanitizeRichText', () => {
  it.each(XSS_VECTORS.map((v) => [v]))('neutralises %s', (vector) => {
    const out = sanitizeRichText(vector);
    expect(dangers(out)).toEqual([]);
    expect(out.toLowerCase()).not.toMatch(/<script|javascript:|vbscript:|onerror|onload|onclick/);
  });

  it('is not fooled by the vectors concatenated together', () => {
    const out = sanitizeRichText(XSS_VECTORS.join('\n'));
    expect(dangers(out)).toEqual([]);
  });

  it('keeps headings, paragraphs, lists, tables, images, links, captions and inline formatting', () => {
    const html = [
      '<h2>Kết quả năm 2022</h2>',
      '<p>Toàn tỉnh có <strong>184</strong> sản phẩm <em>OCOP</em>, xem <a href="https://travinhtrade.vn/ocop" title="OCOP">danh sách</a>.</p>',
      '<ul><li>9 sản phẩm tiềm năng 5 sao</li><li>38 sản phẩm 4 sao</li></ul>',
      '<ol start="2"><li>137 sản phẩm 3 sao</li></ol>',
      '<table><caption>Chủ thể OCOP</caption><thead><tr><th scope="col">Loại</th><th>Số lượng</th></tr></thead>',
      '<tbody><tr><td>Hộ kinh doanh</td><td colspan="1">72</td></tr></tbody></table>',
      '<figure><img src="https://cdn.example.vn/hop.jpg" alt="Đại biểu dự họp" width="640"><figcaption>Đại biểu dự họp</figcaption></figure>',
      '<p><img src="/uploads/bulletins/anh.jpg" alt="ảnh"></p>',
      '<blockquote>Đẩy mạnh hoạt động xúc tiến</blockquote>',
      '<p>Liên hệ: <a href="mailto:so@travinh.gov.vn">email</a>, <a href="tel:02943862345">điện thoại</a></p>',
    ].join('');
    expect(sanitizeRichText(html).replace(/ \/>/g, '>')).toBe(html);
  });

  it('keeps YouTube embeds and adds rel to links opening a new tab', () => {
    const embed = '<iframe src="https://www.youtube-nocookie.com/embed/abc123" width="560" height="315" allowfullscreen></iframe>';
    expect(sanitizeRichText(embed)).toContain('src="https://www.youtube-nocookie.com/embed/abc123"');
    const out = sanitizeRichText('<a href="https://shopee.vn" target="_blank" rel="opener">Shopee</a><a href="https://voso.vn" target="_top">Voso</a>');
    expect(out).toBe('<a href="https://shopee.vn" target="_blank" rel="noopener noreferrer nofollow">Shopee</a><a href="https://voso.vn">Voso</a>');
  });

  it('drops images that are neither http(s) nor site-relative', () => {
    expect(sanitizeRichText('<p><img src="anh.jpg"><img src="ftp://x/a.png"><img src="/a.png"></p>')).toBe('<p><img src="/a.png" /></p>');
  });

  it('accepts a configurable list of embed hosts', () => {
    const vimeo = '<iframe src="https://player.vimeo.com/embed/1"></iframe>';
    expect(sanitizeRichText(vimeo)).toBe('');
    expect(sanitizeRichText(vimeo, { embedHosts: ['player.vimeo.com'] })).toContain('player.vimeo.com');
    expect(sanitizeRichText('<iframe src="https://www.youtube.com/embed/x"></iframe>', { allowEmbeds: false })).toBe('');
  });

  it('extracts plain text', () => {
    expect(richTextToPlain('<p>Bưởi &amp; <b>dưa lưới</b></p><script>x()</script>')).toBe('Bưởi & dưa lưới');
  });
});

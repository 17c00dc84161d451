import { htmlToText } from './html-to-text';

describe('htmlToText', () => {
  it('keeps an escaped entity typed as text literal: &amp;lt; is the text "&lt;", not "<"', () => {
    expect(htmlToText('<p>Viết &amp;lt;b&amp;gt; để in đậm</p>')).toBe('Viết &lt;b&gt; để in đậm');
    expect(htmlToText('&amp;amp;')).toBe('&amp;');
  });

  it('decodes named and numeric entities once', () => {
    expect(htmlToText('<p>Giá &lt; 100.000đ &amp; &quot;ưu đãi&quot; &#39;mới&#39; &#x2014; &#8470;1</p>')).toBe('Giá < 100.000đ & "ưu đãi" \'mới\' — №1');
    expect(htmlToText('a&nbsp;b &unknown; &#0; &#xD800;')).toBe('a b &unknown; &#0; &#xD800;');
  });

  it('turns paragraphs into blank lines and <br> into line breaks', () => {
    expect(htmlToText('<p>Vườn bưởi 20 năm.</p><p>Giao hàng<br>tận nơi.</p>')).toBe('Vườn bưởi 20 năm.\n\nGiao hàng\ntận nơi.');
    expect(htmlToText('<h2>Đặc điểm</h2><ul><li>Ngọt</li><li>Ít hạt</li></ul><p>Hết.</p>')).toBe('Đặc điểm\n\nNgọt\nÍt hạt\n\nHết.');
  });

  it('drops inline tags without splitting words, and script or style content', () => {
    expect(htmlToText('<p>B<strong>ưở</strong>i <a href="/x">năm roi</a></p><script>alert(1)</script>')).toBe('Bưởi năm roi');
  });

  it('collapses spaces and keeps at most one blank line', () => {
    expect(htmlToText('  <p>  a   b  </p>\r\n\r\n\r\n<p>c</p>  ')).toBe('a b\n\nc');
    expect(htmlToText('')).toBe('');
  });
});

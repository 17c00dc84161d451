import { sanitizeDescription } from './sanitize-description';

describe('sanitizeDescription', () => {
  it('keeps basic formatting and Vietnamese text', () => {
    const html = '<p><strong>Bưởi da xanh</strong> <em>Hùng Hòa</em></p><ul><li>Gạo hữu cơ</li></ul>';
    expect(sanitizeDescription(html)).toBe(html);
  });

  it('drops scripts, styles, iframes and event handlers with their content', () => {
    const out = sanitizeDescription(
      '<p onclick="steal()">Xin chào</p><script>alert(1)</script><style>p{}</style><iframe src="https://x"></iframe><img src=x onerror=alert(1)>',
    );
    expect(out).toBe('<p>Xin chào</p>');
  });

  it('removes javascript: links and styles, keeps safe links', () => {
    expect(sanitizeDescription('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeDescription('<a href="https://travinh.gov.vn" style="color:red">Sở</a>')).toBe('<a href="https://travinh.gov.vn">Sở</a>');
  });

  it('returns an empty string when nothing visible is left', () => {
    expect(sanitizeDescription('<script>x</script>  <p> </p>')).toBe('');
  });

  it('escapes stray angle brackets in text', () => {
    expect(sanitizeDescription('5 < 6 & 7 > 3')).toBe('5 &lt; 6 &amp; 7 &gt; 3');
  });
});

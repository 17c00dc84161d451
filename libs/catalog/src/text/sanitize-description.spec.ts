import { sanitizeDescription } from './sanitize-description';

describe('sanitizeDescription', () => {
  it('keeps formatting and drops scripts, handlers and javascript: links', () => {
    const out = sanitizeDescription(
      '<p onclick="steal()">Bưởi <strong>da xanh</strong><script>alert(1)</script></p><img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><a href="https://travinh.gov.vn">ok</a>',
    );
    expect(out).toContain('<p>Bưởi <strong>da xanh</strong></p>');
    expect(out).not.toMatch(/script|onerror|onclick|javascript|<img/i);
    expect(out).toContain('href="https://travinh.gov.vn"');
  });

  it('normalises to NFC', () => {
    expect(sanitizeDescription('Bu\u031bo\u031b\u0309i')).toBe('Bưởi');
  });
});

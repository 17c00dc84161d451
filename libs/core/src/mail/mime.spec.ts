import { assertPlainAddress, buildMessage, dotStuff, encodeHeader } from './mime';

describe('mail encoding', () => {
  it('doubles a leading dot on every line and terminates the DATA payload', () => {
    expect(dotStuff('a\n.b\r\n..c\nd')).toBe('a\r\n..b\r\n...c\r\nd\r\n.\r\n');
  });

  it('encodes non-ASCII subjects as UTF-8 words of at most 75 characters without splitting a character', () => {
    const subject = 'Hỏi mua mới: Bưởi da xanh Hùng Hòa loại đặc biệt xuất khẩu — 50 kg';
    const encoded = encodeHeader(subject);
    const words = encoded.split('\r\n ');
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) {
      expect(w.length).toBeLessThanOrEqual(75);
      expect(w).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    }
    expect(words.map((w) => Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).join('')).toBe(subject);
    expect(encodeHeader('Plain subject')).toBe('Plain subject');
  });

  it('refuses addresses that could inject headers or SMTP commands', () => {
    expect(() => assertPlainAddress('a@b.vn\r\nBcc: x@y.z')).toThrow();
    expect(() => assertPlainAddress('a@b.vn>')).toThrow();
    expect(assertPlainAddress('htx@example.vn')).toBe('htx@example.vn');
  });

  it('builds a text/plain UTF-8 message with a base64 body', () => {
    const message = buildMessage({ from: 'f@x.vn', to: ['a@x.vn', 'b@x.vn'], subject: 'Chào', text: 'Xin chào\nbạn', date: new Date('2025-07-01T00:00:00Z') });
    const [head, body] = message.split('\r\n\r\n');
    expect(head).toContain('To: a@x.vn, b@x.vn');
    expect(head).toContain('Content-Type: text/plain; charset=UTF-8');
    expect(head).toContain('Date: Tue, 01 Jul 2025 00:00:00 +0000');
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe('Xin chào\r\nbạn');
  });
});

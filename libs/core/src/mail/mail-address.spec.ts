import { assertPlainAddress } from './mail-address';

describe('mail addresses', () => {
  it('refuses addresses that could inject headers or SMTP commands', () => {
    expect(() => assertPlainAddress('a@b.vn\r\nBcc: x@y.z')).toThrow();
    expect(() => assertPlainAddress('a@b.vn>')).toThrow();
    expect(() => assertPlainAddress('Tên <a@b.vn>')).toThrow();
    expect(assertPlainAddress('htx@example.vn')).toBe('htx@example.vn');
  });
});

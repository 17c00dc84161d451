import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(Buffer.alloc(32, 1).toString('base64'));

  it('round-trips and never contains the plaintext', () => {
    const sealed = box.seal('refresh-token-abc');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('refresh-token-abc');
    expect(box.open(sealed)).toBe('refresh-token-abc');
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  it('refuses tampered data and the wrong key', () => {
    const sealed = box.sealJson({ a: 1 });
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => box.open(tampered)).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 2).toString('base64')).open(sealed)).toThrow();
  });
});

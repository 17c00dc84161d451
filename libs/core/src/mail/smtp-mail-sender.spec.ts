import { isPermanentMailError, smtpOptions } from './smtp-mail-sender';

describe('SMTP options from SMTP_URL', () => {
  it('uses TLS from the start for smtps:// and decodes the credentials', () => {
    expect(smtpOptions('smtps://thong.bao:mat%20khau@mail.example.vn')).toMatchObject({
      host: 'mail.example.vn',
      port: 465,
      secure: true,
      requireTLS: false,
      auth: { user: 'thong.bao', pass: 'mat khau' },
    });
  });

  it('requires STARTTLS before sending credentials to a remote smtp:// relay, not to a loopback one', () => {
    expect(smtpOptions('smtp://u:p@mail.example.vn')).toMatchObject({ port: 587, secure: false, requireTLS: true });
    expect(smtpOptions('smtp://u:p@127.0.0.1:2525')).toMatchObject({ port: 2525, requireTLS: false });
    expect(smtpOptions('smtp://mail.example.vn:25')).toMatchObject({ requireTLS: false, auth: undefined });
  });

  it('treats only 5xx answers as permanent', () => {
    expect(isPermanentMailError(Object.assign(new Error('550 no such user'), { responseCode: 550 }))).toBe(true);
    expect(isPermanentMailError(Object.assign(new Error('451 try later'), { responseCode: 451 }))).toBe(false);
    expect(isPermanentMailError(new Error('connect ECONNREFUSED'))).toBe(false);
  });
});

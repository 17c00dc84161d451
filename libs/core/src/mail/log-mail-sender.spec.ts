import pino from 'pino';
import { Writable } from 'node:stream';
import { LogMailSender, maskAddress } from './log-mail-sender';

describe('LogMailSender', () => {
  it('masks the recipient at info level', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const sender = new LogMailSender(pino({ level: 'info' }, sink));
    await sender.send({ to: ['nguyen.van.a@example.vn'], subject: 'Xác minh email', text: 'Mã: 123456' });
    expect(lines.join('')).toContain('n***@example.vn');
    expect(lines.join('')).not.toContain('nguyen.van.a');
    expect(lines.join('')).not.toContain('123456'); // the body is for debug level only
    expect(maskAddress('not-an-address')).toBe('***');
  });
});

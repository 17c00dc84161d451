import { createServer, type AddressInfo, type Server } from 'node:net';

export interface ReceivedMail {
  auth: string | null;
  from: string;
  to: string[];
  /** The DATA payload with dot-stuffing undone, CRLF line ends. */
  data: string;
}

/** A tiny SMTP server (no TLS) that accepts AUTH PLAIN and records every message. */
export class FakeSmtpServer {
  readonly messages: ReceivedMail[] = [];
  private server?: Server;

  async start(): Promise<number> {
    this.server = createServer((socket) => {
      let buffer = '';
      let inData = false;
      let dataLines: string[] = [];
      let current: ReceivedMail = { auth: null, from: '', to: [], data: '' };
      const reply = (line: string) => socket.write(`${line}\r\n`);
      reply('220 fake.smtp ESMTP');
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        let end: number;
        while ((end = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              this.messages.push({ ...current, data: dataLines.join('\r\n') });
              current = { auth: current.auth, from: '', to: [], data: '' };
              reply('250 queued');
            } else dataLines.push(line.startsWith('..') ? line.slice(1) : line);
            continue;
          }
          const upper = line.toUpperCase();
          if (upper.startsWith('EHLO')) socket.write('250-fake.smtp\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n');
          else if (upper.startsWith('AUTH PLAIN ')) {
            current.auth = Buffer.from(line.slice(11), 'base64').toString('utf8');
            reply('235 ok');
          } else if (upper.startsWith('MAIL FROM:')) {
            // Parameters after the address (BODY=8BITMIME, SIZE=…) are not part of it.
            current.from = address(line.slice(10));
            reply('250 ok');
          } else if (upper.startsWith('RCPT TO:')) {
            current.to.push(address(line.slice(8)));
            reply('250 ok');
          } else if (upper === 'DATA') {
            inData = true;
            dataLines = [];
            reply('354 go ahead');
          } else if (upper === 'QUIT') {
            reply('221 bye');
            socket.end();
          } else reply('502 unknown');
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** `<a@b.vn> BODY=8BITMIME` → `a@b.vn`. */
function address(arg: string): string {
  return (arg.trim().split(/\s+/)[0] ?? '').replace(/[<>]/g, '');
}

/** Decodes an RFC 2047 header value made of =?UTF-8?B?…?= words. */
export function decodeHeader(value: string): string {
  // RFC 2047 §6.2: whitespace between two adjacent encoded-words is not part of the text.
  return value
    .replace(/\r\n /g, '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]+)\?=/gi, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

/** Subject and plain-text body (base64 as TradeFloor sends it) of a received message. */
export function readMail(mail: ReceivedMail): { subject: string; text: string } {
  const [head, body = ''] = mail.data.split('\r\n\r\n');
  const subject = decodeHeader(/^Subject: (.*(?:\r\n .*)*)/m.exec(head)?.[1] ?? '');
  return { subject, text: Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8') };
}

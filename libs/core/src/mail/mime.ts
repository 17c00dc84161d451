import { randomUUID } from 'node:crypto';

const CRLF = '\r\n';

/** RFC 2047 encoded-words for a header value; plain ASCII passes through unchanged. */
export function encodeHeader(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(clean) && !clean.includes('=?')) return clean;
  // Each word at most 75 characters: 45 bytes of UTF-8 → 60 base64 characters + 12 of framing.
  // Characters are never split across words (RFC 2047 §5).
  const words: string[] = [];
  let chunk = '';
  for (const ch of clean) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** Envelope and header addresses must be plain; anything that could inject a header or command is refused. */
export function assertPlainAddress(address: string): string {
  if (!/^[^\s<>()",;:@\\]+@[^\s<>()",;:@\\]+$/.test(address)) throw new Error(`Unsafe mail address: ${JSON.stringify(address)}`);
  return address;
}

export interface MimeInput {
  from: string;
  to: string[];
  subject: string;
  text: string;
  date: Date;
}

/** A single-part text/plain UTF-8 message (base64 body: safe whatever the server's 8BITMIME support). */
export function buildMessage(input: MimeInput): string {
  const domain = input.from.split('@')[1] ?? 'localhost';
  const body = Buffer.from(input.text.replace(/\r?\n/g, CRLF), 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, (line) => line + CRLF);
  const headers = [
    `From: ${assertPlainAddress(input.from)}`,
    `To: ${input.to.map(assertPlainAddress).join(', ')}`,
    `Subject: ${encodeHeader(input.subject)}`,
    `Date: ${input.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${randomUUID()}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
  ];
  return headers.join(CRLF) + CRLF + CRLF + body;
}

/** DATA payload: CRLF line ends, a leading "." doubled (RFC 5321 §4.5.2), then the "." terminator. */
export function dotStuff(message: string): string {
  const lines = message.replace(/\r?\n/g, CRLF).replace(/\r\n$/, '').split(CRLF);
  return lines.map((l) => (l.startsWith('.') ? `.${l}` : l)).join(CRLF) + `${CRLF}.${CRLF}`;
}

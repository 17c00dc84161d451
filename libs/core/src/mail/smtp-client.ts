import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface SmtpReply {
  code: number;
  lines: string[];
}

/** A reply the server gave with a 5xx code: retrying the same message will not help. */
export class SmtpPermanentError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmtpPermanentError';
  }
}

/** Collects server replies (multi-line "250-…" continued until "250 …") from one socket. */
class ReplyReader {
  private buffer = '';
  private current: string[] = [];
  private readonly replies: SmtpReply[] = [];
  private readonly waiters: Array<{ resolve: (r: SmtpReply) => void; reject: (e: Error) => void }> = [];
  private failure?: Error;
  private readonly onData = (chunk: Buffer) => this.push(chunk.toString('utf8'));
  private readonly onError = (err: Error) => this.fail(err);
  private readonly onClose = () => this.fail(new Error('SMTP connection closed'));

  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData).on('error', this.onError).on('close', this.onClose);
  }

  /** Stops reading this socket (before it is wrapped in TLS). */
  detach(): void {
    this.socket.off('data', this.onData).off('error', this.onError).off('close', this.onClose);
  }

  next(): Promise<SmtpReply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private push(text: string): void {
    this.buffer += text;
    let end: number;
    while ((end = this.buffer.indexOf('\r\n')) >= 0) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.current.push(line.slice(4));
      if (line[3] === '-') continue;
      const reply = { code: Number(line.slice(0, 3)) || 0, lines: this.current };
      this.current = [];
      const waiter = this.waiters.shift();
      if (waiter) waiter.resolve(reply);
      else this.replies.push(reply);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiters.splice(0)) w.reject(this.failure);
  }
}

export interface SmtpSendInput {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465 (TLS from the start). */
  url: string;
  from: string;
  to: string[];
  /** Complete message, already dot-stuffed and terminated by CRLF.CRLF. */
  data: string;
  timeoutMs?: number;
  /** Name announced in EHLO. */
  clientName?: string;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || (isIP(host) === 4 && host.startsWith('127.'));
}

/**
 * A minimal SMTP client (RFC 5321) over node:net/tls, enough to hand one message to a relay:
 * EHLO, STARTTLS when offered, AUTH PLAIN or LOGIN, MAIL FROM, RCPT TO, DATA, QUIT.
 * Credentials are never sent in clear text except to a loopback relay (local MTA, tests).
 */
export async function sendSmtp(input: SmtpSendInput): Promise<void> {
  const url = new URL(input.url);
  const implicitTls = url.protocol === 'smtps:';
  const host = url.hostname;
  const port = Number(url.port) || (implicitTls ? 465 : 587);
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const timeoutMs = input.timeoutMs ?? 30_000;
  const name = input.clientName ?? 'tradefloor.localhost';

  let socket: Socket = await open(() => (implicitTls ? tlsConnect({ host, port, servername: host }) : netConnect({ host, port })), implicitTls, timeoutMs);
  let reader = new ReplyReader(socket);
  let secure = implicitTls;

  const expect = async (codes: number[], what: string): Promise<SmtpReply> => {
    const reply = await reader.next();
    if (!codes.includes(reply.code)) {
      const text = `SMTP ${what} failed: ${reply.code} ${reply.lines.join(' ')}`;
      throw reply.code >= 500 ? new SmtpPermanentError(reply.code, text) : new Error(text);
    }
    return reply;
  };
  const command = (line: string, codes: number[], what = line.split(' ')[0]) => {
    socket.write(`${line}\r\n`);
    return expect(codes, what);
  };

  try {
    await expect([220], 'greeting');
    let ehlo = await command(`EHLO ${name}`, [250]);
    const has = (ext: string) => ehlo.lines.some((l) => l.toUpperCase().split(' ')[0] === ext);
    if (!secure && has('STARTTLS')) {
      await command('STARTTLS', [220]);
      reader.detach();
      const plain = socket;
      // The TLS layer reports the connection's errors from now on; this keeps a late one from being unhandled.
      plain.on('error', () => undefined);
      socket = await open(() => tlsConnect({ socket: plain, servername: host }), true, timeoutMs);
      reader = new ReplyReader(socket);
      secure = true;
      ehlo = await command(`EHLO ${name}`, [250]);
    }
    if (user) {
      if (!secure && !isLoopback(host)) throw new SmtpPermanentError(0, 'SMTP server offers no TLS: refusing to send credentials in clear text');
      const auth =
        ehlo.lines
          .find((l) => l.toUpperCase().startsWith('AUTH'))
          ?.toUpperCase()
          .split(/[ =]/) ?? [];
      if (auth.includes('PLAIN')) {
        await command(`AUTH PLAIN ${Buffer.from(`\0${user}\0${pass}`).toString('base64')}`, [235], 'AUTH');
      } else if (auth.includes('LOGIN')) {
        await command('AUTH LOGIN', [334], 'AUTH');
        await command(Buffer.from(user).toString('base64'), [334], 'AUTH');
        await command(Buffer.from(pass).toString('base64'), [235], 'AUTH');
      } else {
        throw new SmtpPermanentError(0, 'SMTP server offers neither AUTH PLAIN nor AUTH LOGIN');
      }
    }
    await command(`MAIL FROM:<${input.from}>`, [250], 'MAIL FROM');
    for (const rcpt of input.to) await command(`RCPT TO:<${rcpt}>`, [250, 251], 'RCPT TO');
    await command('DATA', [354]);
    socket.write(input.data);
    await expect([250], 'message');
    await command('QUIT', [221]).catch(() => undefined);
  } finally {
    socket.destroy();
  }
}

/** Resolves once the (TLS) connection is established; the socket then times out after `timeoutMs` idle. */
function open(create: () => Socket, tls: boolean, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = create();
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('SMTP timeout')));
    const ready = tls ? 'secureConnect' : 'connect';
    socket.once(ready, () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

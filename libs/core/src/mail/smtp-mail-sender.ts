import { isIP } from 'node:net';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { assertPlainAddress } from './mail-address';
import { MailSender, type MailMessage } from './mail-sender';

const TIMEOUT_MS = 30_000;

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || (isIP(host) === 4 && host.startsWith('127.'));
}

/**
 * nodemailer's SMTP options for SMTP_URL: `smtps://` is TLS from the start, `smtp://` upgrades with
 * STARTTLS when offered. Credentials are never sent in clear text except to a loopback relay (a
 * local MTA, the tests): elsewhere STARTTLS is required. One connection per message (notifications
 * are few), no file or URL access from message content.
 */
export function smtpOptions(url: string): SMTPTransport.Options {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const user = decodeURIComponent(parsed.username);
  return {
    host: parsed.hostname,
    port: Number(parsed.port) || (secure ? 465 : 587),
    secure,
    requireTLS: !secure && Boolean(user) && !isLoopback(parsed.hostname),
    auth: user ? { user, pass: decodeURIComponent(parsed.password) } : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/**
 * A refusal the server answered with a 5xx code (unknown recipient, rejected sender, failed
 * authentication): sending the same message again will not help, so the job dead-letters at once.
 * Anything else (timeouts, 4xx, a relay that is down) is retried by the job queue.
 */
export function isPermanentMailError(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** Sends through the relay named by SMTP_URL with nodemailer. */
export class SmtpMailSender extends MailSender {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    super();
    this.transport = createTransport(smtpOptions(url));
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: assertPlainAddress(this.from),
      to: message.to.map(assertPlainAddress),
      subject: message.subject,
      // Text in its canonical form (CRLF line ends, RFC 2046), base64: safe whatever the relay's
      // 8BITMIME support, Vietnamese intact, and a line starting with "." needs no care.
      text: message.text.replace(/\r?\n/g, '\r\n'),
      textEncoding: 'base64',
    });
  }
}

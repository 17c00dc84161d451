import type { Logger } from 'pino';
import { MailSender, type MailMessage } from './mail-sender';

/** `nguyen.van.a@example.vn` → `n***@example.vn`: enough to tell mails apart, not to contact anyone. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** Default without SMTP_URL: development and demo installations see what would have been sent. */
export class LogMailSender extends MailSender {
  constructor(private readonly logger: Logger) {
    super();
  }

  async send(message: MailMessage): Promise<void> {
    // Logs carry no personal data (PDP law): the recipient masked at info; the body (links, and
    // sometimes a buyer's contact details) only at debug, for a developer reading their own mail.
    const to = message.to.map(maskAddress);
    this.logger.info({ to, subject: message.subject }, 'mail not sent (SMTP_URL unset)');
    this.logger.debug({ text: message.text }, 'mail body');
  }
}

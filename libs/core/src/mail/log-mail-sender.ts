import type { Logger } from 'pino';
import { MailSender, type MailMessage } from './mail-sender';

/** Default without SMTP_URL: development and demo installations see what would have been sent. */
export class LogMailSender extends MailSender {
  constructor(private readonly logger: Logger) {
    super();
  }

  async send(message: MailMessage): Promise<void> {
    // Recipients and subject at info; the body (buyer contact details) only at debug.
    this.logger.info({ to: message.to, subject: message.subject }, 'mail not sent (SMTP_URL unset)');
    this.logger.debug({ text: message.text }, 'mail body');
  }
}

import type { Logger } from 'pino';
import type { ResolvedConfig } from '../runtime/infrastructure';
import { LogMailSender } from './log-mail-sender';
import type { MailSender } from './mail-sender';
import { SmtpMailSender } from './smtp-mail-sender';

/** SMTP when SMTP_URL is set, otherwise the message is only logged (development and demo installations). */
export function createMailSender(config: ResolvedConfig, logger: Logger): MailSender {
  return config.smtpUrl ? new SmtpMailSender(config.smtpUrl, config.mailFrom) : new LogMailSender(logger);
}

export { MailSender, type MailMessage } from './mail-sender';
export { LogMailSender } from './log-mail-sender';
export { SmtpMailSender } from './smtp-mail-sender';
export { SmtpPermanentError } from './smtp-client';
export { assertPlainAddress } from './mime';
export { createMailSender } from './create-mail-sender';

export { MailSender, type MailMessage } from './mail-sender';
export { LogMailSender } from './log-mail-sender';
export { SmtpMailSender, isPermanentMailError } from './smtp-mail-sender';
export { assertPlainAddress } from './mail-address';
export { createMailSender } from './create-mail-sender';

export interface MailMessage {
  to: string[];
  subject: string;
  /** Plain text body. */
  text: string;
}

/** Port for outgoing mail: SMTP when SMTP_URL is set, otherwise the message is only logged. */
export abstract class MailSender {
  abstract send(message: MailMessage): Promise<void>;
}

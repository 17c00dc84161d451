import { MailSender, type MailMessage } from './mail-sender';
import { buildMessage, dotStuff } from './mime';
import { sendSmtp } from './smtp-client';

/** Sends through the relay named by SMTP_URL, one connection per message (notifications are few). */
export class SmtpMailSender extends MailSender {
  constructor(
    private readonly url: string,
    private readonly from: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  async send(message: MailMessage): Promise<void> {
    const data = dotStuff(buildMessage({ from: this.from, to: message.to, subject: message.subject, text: message.text, date: this.now() }));
    await sendSmtp({ url: this.url, from: this.from, to: message.to, data, clientName: this.from.split('@')[1] });
  }
}

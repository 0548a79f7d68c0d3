import { createTransport } from 'nodemailer';

/** One e-mail as the send_email task hands it over. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Deterministic per delivery (<delivery-12@host>): a receiving server can recognise a repeat. */
  messageId: string;
  /** RFC 2369 / RFC 8058 one-click unsubscribe. */
  unsubscribeUrl: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** SMTP answered with a permanent refusal (5xx, e.g. an address that does not exist): retrying cannot help. */
export function isPermanentMailError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { responseCode, code } = error as { responseCode?: number; code?: string };
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode < 600;
  return code === 'EENVELOPE';
}

/**
 * nodemailer over SMTP_URL (smtp://user:pass@host:587, smtps://… for implicit TLS). Short timeouts: a
 * dead server fails the attempt quickly and the job queue retries it later with backoff.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }, { from });
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        headers: { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transport.close(),
  };
}

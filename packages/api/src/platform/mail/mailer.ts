import nodemailer from 'nodemailer';
import type { Logger } from '../logging/logger.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Mail through the SMTP server of SMTP_URL; without one, `configured` is false and the SPA shows links to copy. */
export interface Mailer {
  readonly configured: boolean;
  /** Sends or throws; never logs the address or the text (they may hold a link that signs someone in). */
  send(message: MailMessage): Promise<void>;
}

export const NO_MAILER: Mailer = {
  configured: false,
  async send() {
    throw new Error('no mail server is configured (SMTP_URL)');
  },
};

export function createMailer(smtpUrl: string | null, from: string, logger: Logger): Mailer {
  if (!smtpUrl) return NO_MAILER;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    configured: true,
    async send({ to, subject, text }) {
      try {
        await transport.sendMail({ from, to, subject, text });
        logger.info({ subject }, 'mail sent');
      } catch (error) {
        // Only the kind of failure: an SMTP server's message may quote the recipient's address.
        const { code, responseCode } = error as { code?: string; responseCode?: number };
        logger.warn({ subject, code, responseCode }, 'mail not sent');
        throw error;
      }
    },
  };
}

import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** False when SMTP_URL and MAIL_FROM are not set: e-mail is simply not offered. */
  readonly available: boolean;
  send(mail: Mail): Promise<void>;
}

export function createMailer(config: Config): Mailer {
  if (!config.smtp) {
    return {
      available: false,
      async send() {
        throw new Error('e-mail is not configured');
      },
    };
  }
  const transport = nodemailer.createTransport(config.smtp.url);
  const from = config.smtp.from;
  return {
    available: true,
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
      });
    },
  };
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

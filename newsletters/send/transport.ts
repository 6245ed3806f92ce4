// The SMTP transport: nodemailer, pooled, from SMTP_URL, with DKIM signing when a key is configured
// (the configuration reads DKIM_*: bot/server/config.ts).
import nodemailer from "nodemailer";
import type { Mailer, OutgoingMessage } from "./send-loop.ts";

export interface TransportOptions {
  /** smtp://user:pass@host:587 or smtps://… */
  smtpUrl: string;
  from: string;
  /** Connections kept open (4). */
  maxConnections: number;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
}

/** A pooled SMTP mailer; messages are signed with DKIM, List-Unsubscribe-Post included, when configured. */
export function createSmtpMailer(options: TransportOptions): Mailer {
  const transporter = nodemailer.createTransport(
    {
      url: options.smtpUrl,
      pool: true,
      maxConnections: options.maxConnections,
      maxMessages: 100,
      ...(options.dkim
        ? {
            dkim: {
              ...options.dkim,
              // RFC 8058: the one-click header must be covered by the signature.
              headerFieldNames: "from:to:subject:date:message-id:list-id:list-unsubscribe:list-unsubscribe-post",
            },
          }
        : {}),
    } as Parameters<typeof nodemailer.createTransport>[0],
  );
  return {
    async send(message: OutgoingMessage) {
      await transporter.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: message.messageId,
        headers: message.headers,
      });
    },
    close: () => transporter.close(),
  };
}

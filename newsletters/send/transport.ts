// The SMTP transport: nodemailer, pooled, from SMTP_URL, with DKIM signing when a key is configured.
import { readFileSync } from "node:fs";
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

/** Reads DKIM settings from the environment: DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY (PEM, or a path to it). */
export function dkimFromEnv(env: Record<string, string | undefined> = process.env): TransportOptions["dkim"] {
  const { DKIM_DOMAIN: domainName, DKIM_SELECTOR: keySelector, DKIM_PRIVATE_KEY: key } = env;
  if (!domainName || !keySelector || !key) return undefined;
  const privateKey = key.includes("BEGIN") ? key : readFileSync(key, "utf8");
  return { domainName, keySelector, privateKey };
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

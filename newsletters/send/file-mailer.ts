// Writes messages as .eml files instead of sending them: `newsletter send --dry-run`, and
// confirmation e-mails on a machine without SMTP_URL (so a local test of the form still works).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Mailer, OutgoingMessage } from "./send-loop.ts";

export function createFileMailer(dir: string, from: string): Mailer & { written: string[] } {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const written: string[] = [];
  return {
    written,
    async send(message: OutgoingMessage) {
      const info = await transporter.sendMail({ from, to: message.to, subject: message.subject, html: message.html, text: message.text, messageId: message.messageId, headers: message.headers });
      const name = `${message.messageId.replace(/[^A-Za-z0-9.@-]/g, "_")}.eml`;
      mkdirSync(dir, { recursive: true });
      const path = join(dir, name);
      writeFileSync(path, info.message as Buffer);
      written.push(path);
    },
    close: () => transporter.close(),
  };
}

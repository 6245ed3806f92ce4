// Writes messages as .eml files instead of sending them: `newsletter send --dry-run`, and
// confirmation e-mails on a machine without SMTP_URL (so a local test of the form still works).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import nodemailer from "nodemailer";
import type { Mailer, OutgoingMessage } from "./send-loop.ts";

/** Paths of the last messages written, for tests and dry-run reports: only these many are remembered (a long-running server writes without end). */
const KEEP_WRITTEN = 100;

/**
 * A mailer that writes each message as a .eml file in `dir` (resolved from the working directory
 * once, here: ORIENTEUR_MAIL_DIR sets it for the server). `written` holds the last 100 paths only.
 */
export function createFileMailer(dir: string, from: string): Mailer & { written: string[] } {
  dir = resolve(dir);
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
      if (written.length > KEEP_WRITTEN) written.splice(0, written.length - KEEP_WRITTEN);
    },
    close: () => transporter.close(),
  };
}

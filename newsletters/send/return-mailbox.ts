// Reads the list's return mailbox over IMAP (imapflow): delivery-status notifications count
// against the failed address (bounces.ts), unsubscribe mails sent through the `mailto:` of
// List-Unsubscribe unsubscribe the person their signed token names. Every message read is marked
// \Seen, so each is handled once; nothing about a message or an address is logged.
import { ImapFlow } from "imapflow";
import type { BounceBook } from "./bounces.ts";
import { readReturnedMail } from "./returned-mail.ts";

export interface MailboxSettings {
  host: string;
  port: number;
  /** imaps:// (TLS from the start); imap:// uses STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

export interface MailboxSummary {
  /** Messages read (and marked \Seen) this time. */
  read: number;
  /** Addresses set aside because of a delivery-status notification. */
  suppressed: number;
  /** Failures counted, not yet past their threshold (or reports of a delay). */
  counted: number;
  /** People unsubscribed by a valid unsubscribe mail. */
  unsubscribed: number;
  /** Messages that were neither (replies, spam, unsubscribe mails with a wrong token). */
  ignored: number;
}

/** Reads `imap://user:password@host:port/Mailbox` (ORIENTEUR_BOUNCE_IMAP_URL); a French error when it is wrong. */
export function mailboxFromUrl(url: string): MailboxSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`ORIENTEUR_BOUNCE_IMAP_URL n'est pas une adresse valide : écrivez par exemple imaps://retours%40example.org:motdepasse@imap.example.org:993/INBOX`);
  }
  if (parsed.protocol !== "imap:" && parsed.protocol !== "imaps:") {
    throw new Error(`ORIENTEUR_BOUNCE_IMAP_URL doit commencer par imap:// ou imaps:// (reçu : ${parsed.protocol}//…).`);
  }
  if (!parsed.username || !parsed.password) {
    throw new Error("ORIENTEUR_BOUNCE_IMAP_URL doit contenir l'utilisateur et le mot de passe de la boîte des retours : imaps://utilisateur:motdepasse@imap.example.org/INBOX (encodez « @ » en %40).");
  }
  const secure = parsed.protocol === "imaps:";
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(parsed.username),
    pass: decodeURIComponent(parsed.password),
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\/+/, "")) || "INBOX",
  };
}

/**
 * Handles every unread message of the return mailbox once.
 * @param unsubscribe unsubscribes the person a token names; false when the token is not valid.
 * @example
 * const summary = await processReturnMailbox(mailboxFromUrl(process.env.ORIENTEUR_BOUNCE_IMAP_URL!), bounces, (token) => service.unsubscribe(token).ok);
 */
export async function processReturnMailbox(settings: MailboxSettings, bounces: BounceBook, unsubscribe: (token: string) => boolean, now: () => number = Date.now): Promise<MailboxSummary> {
  const summary: MailboxSummary = { read: 0, suppressed: 0, counted: 0, unsubscribed: 0, ignored: 0 };
  const client = new ImapFlow({ host: settings.host, port: settings.port, secure: settings.secure, auth: { user: settings.user, pass: settings.pass }, logger: false });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      if (unseen.length === 0) return summary;
      // Fetch everything first: no other IMAP command may run while a fetch is being read.
      const messages = await client.fetchAll(unseen, { uid: true, source: true }, { uid: true });
      for (const message of messages) {
        if (!message.source) continue;
        const mail = await readReturnedMail(message.source);
        if (mail.kind === "dsn") {
          for (const recipient of mail.recipients) {
            const outcome = bounces.record(recipient, now());
            if (outcome === "suppressed") summary.suppressed++;
            else summary.counted++;
          }
        } else if (mail.kind === "unsubscribe" && unsubscribe(mail.token)) summary.unsubscribed++;
        else summary.ignored++;
        // Marked one by one: a crash half-way leaves only unread what was not handled.
        await client.messageFlagsAdd([message.uid], ["\\Seen"], { uid: true });
        summary.read++;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return summary;
}

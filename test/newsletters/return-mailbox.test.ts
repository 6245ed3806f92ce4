// The return mailbox, read over IMAP from a real Dovecot started by the test: delivery-status
// notifications (RFC 3464) set failing addresses aside past their threshold, and mails sent through
// the `mailto:` of List-Unsubscribe unsubscribe the person whose signed token they carry.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAbonnes } from "../../bot/cli/commands/abonnes.ts";
import { createBounceBook } from "../../newsletters/send/bounces.ts";
import { createFileMailer } from "../../newsletters/send/file-mailer.ts";
import { mailboxFromUrl, processReturnMailbox } from "../../newsletters/send/return-mailbox.ts";
import { runSend } from "../../newsletters/send/send-loop.ts";
import { createSmtpMailer } from "../../newsletters/send/transport.ts";
import { createSubscriptionService } from "../../newsletters/subscribe/service.ts";
import { startDovecot, type Dovecot } from "../peers/dovecot.ts";
import { startSmtpSink } from "../peers/smtp-sink.ts";
import { builderFor, openSending, SECRET, seedSubscribers } from "./fixtures/send-setup.ts";

let dovecot: Dovecot;
let dir: string;
beforeAll(async () => {
  dovecot = await startDovecot();
  dir = mkdtempSync(join(tmpdir(), "orienteur-retours-"));
}, 30_000);
afterAll(async () => {
  await dovecot?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A delivery-status notification as Postfix writes it. */
function dsn(recipient: string, action: string, status: string, diagnostic: string): string {
  return [
    "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)",
    "To: lettre@example.org",
    "Subject: Undelivered Mail Returned to Sender",
    "Date: Thu, 03 Dec 2026 10:00:00 +0100",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="limite"',
    "",
    "--limite",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "This is the mail system at host mx.example.net. I'm sorry to have to inform you that your message could not be delivered.",
    "",
    "--limite",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.net",
    "Arrival-Date: Thu,  3 Dec 2026 09:59:58 +0100 (CET)",
    "",
    `Final-Recipient: rfc822; ${recipient}`,
    `Original-Recipient: rfc822;${recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; ${diagnostic.replace(": ", ":\r\n    ")}`,
    "",
    "--limite",
    "Content-Type: text/rfc822-headers",
    "",
    "Message-ID: <lettre-12.1.abcdef@example.org>",
    "Subject: Lettre n° 12",
    "",
    "--limite--",
    "",
  ].join("\r\n");
}

const plainMail = (subject: string, body: string) =>
  [`From: Quelqu'un <quelquun@example.net>`, "To: desabonnement@example.org", `Subject: ${subject}`, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body, ""].join("\r\n");

async function deliverToMailbox(...messages: string[]): Promise<void> {
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.pass }, logger: false });
  await client.connect();
  for (const message of messages) await client.append("INBOX", message);
  await client.logout();
}

describe("the return mailbox", () => {
  it("sets aside hard bounces at once and soft ones past the threshold, unsubscribes by mail, and handles each message once", async () => {
    const sending = openSending(join(dir, "state.sqlite"));
    seedSubscribers(sending.store, 5);
    const { subscribers, deliveries } = sending;
    const idOf = (email: string) => subscribers.byEmail(email)!.id;
    // The mailto: of the List-Unsubscribe header of abonne4's newsletter, as their mail client uses it.
    const headers = builderFor("12", subscribers)({ issue: "12", subscriberId: idOf("abonne4@example.org"), email: "abonne4@example.org", edition: "", status: "a_envoyer", attempts: 0, nextAttemptAt: 0, lastError: null }).headers;
    const mailto = /<mailto:([^?]+)\?subject=([^>]+)>/.exec(headers["List-Unsubscribe"]!)!;
    const unsubscribeSubject = decodeURIComponent(mailto[2]!);
    expect(mailto[1]).toBe("desabonnement@example.org");

    await deliverToMailbox(
      dsn("abonne1@example.org", "failed", "5.1.1", "550 5.1.1 <abonne1@example.org>: Recipient address rejected: User unknown"),
      dsn("abonne2@example.org", "failed", "4.2.2", "452 4.2.2 Mailbox full"),
      dsn("abonne2@example.org", "failed", "4.2.2", "452 4.2.2 Mailbox full"),
      dsn("abonne3@example.org", "delayed", "4.4.1", "connect to mx.example.net: Connection timed out"),
      plainMail(unsubscribeSubject, "Envoyé depuis mon téléphone"),
      plainMail("desabonner lettre.faux.0.jeton-forge-par-quelquun", ""),
      plainMail("Merci pour la lettre", "Très utile, merci !"),
    );
    const service = createSubscriptionService(subscribers, createFileMailer(join(dir, "courriels"), "lettre@example.org"), () => {
      throw new Error("la base n'est pas nécessaire pour se désabonner");
    }, { secret: SECRET, baseUrl: "https://orienteur.example.org", listDomain: "example.org", confirmationTtlMs: 7 * 86_400_000, now: () => Date.now() });
    const bounces = createBounceBook(sending.store.db, deliveries, SECRET, { softLimit: 3 });
    const unsubscribe = (token: string) => service.unsubscribe(token).ok;
    const settings = mailboxFromUrl(dovecot.url);

    expect(await processReturnMailbox(settings, bounces, unsubscribe)).toEqual({ read: 7, suppressed: 1, counted: 3, unsubscribed: 1, ignored: 2 });
    expect(deliveries.suppressions().map((s) => s.email)).toEqual(["abonne1@example.org"]);
    expect(deliveries.suppressions()[0]!.reason).toBe("avis de non-remise définitif reçu (5.1.1, smtp; 550 5.1.1 <adresse>: Recipient address rejected: User unknown)");
    expect(subscribers.byEmail("abonne4@example.org")?.status).toBe("desabonne");
    expect(subscribers.byEmail("abonne5@example.org")?.status).toBe("confirme");

    // Everything read is marked: the next reading finds nothing new.
    expect(await processReturnMailbox(settings, bounces, unsubscribe)).toMatchObject({ read: 0 });

    // A third final soft bounce passes the threshold.
    await deliverToMailbox(dsn("abonne2@example.org", "failed", "4.2.2", "452 4.2.2 Mailbox full"));
    expect(await processReturnMailbox(settings, bounces, unsubscribe)).toMatchObject({ read: 1, suppressed: 1 });
    expect(deliveries.isSuppressed("abonne2@example.org")).toBe(true);
    expect(deliveries.suppressions().find((s) => s.email === "abonne2@example.org")?.reason).toContain("3 avis de non-remise temporaires reçus");

    // The next issue reaches only those who can and want to receive it.
    const sink = await startSmtpSink();
    const mailer = createSmtpMailer({ smtpUrl: sink.url, from: "lettre@example.org", maxConnections: 1 });
    deliveries.freeze("13", subscribers.confirmed().map((s) => ({ subscriberId: s.id, email: s.email, edition: "" })));
    await runSend("13", deliveries, builderFor("13", subscribers), mailer, { ratePerSecond: 500, stillSubscribed: (id) => subscribers.byId(id)?.status === "confirme" });
    mailer.close();
    await sink.close();
    expect(sink.received.map((m) => m.to).sort()).toEqual(["abonne3@example.org", "abonne5@example.org"]);
    sending.store.close();
  }, 30_000);

  it("explains a malformed mailbox address in French", () => {
    expect(() => mailboxFromUrl("pop3://a:b@example.org")).toThrow("ORIENTEUR_BOUNCE_IMAP_URL doit commencer par imap:// ou imaps://");
    expect(() => mailboxFromUrl("imaps://imap.example.org/INBOX")).toThrow("doit contenir l'utilisateur et le mot de passe");
    expect(mailboxFromUrl("imaps://retours%40example.org:secret@imap.example.org/Retours")).toEqual({ host: "imap.example.org", port: 993, secure: true, user: "retours@example.org", pass: "secret", mailbox: "Retours" });
  });

  it("reads the mailbox once from the command line and says what it did, naming nobody", async () => {
    const env = { ORIENTEUR_DB: join(dir, "cli.sqlite"), ORIENTEUR_SECRET: SECRET, ORIENTEUR_BOUNCE_IMAP_URL: dovecot.url };
    const run = async (environment: Record<string, string>) => {
      const out: string[] = [];
      const code = await runAbonnes(["retours"], {}, { out: (t) => out.push(t), err: (t) => out.push(t) }, { env: environment });
      return { code, text: out.join("\n") };
    };
    await deliverToMailbox(dsn("inconnu@example.org", "failed", "5.1.1", "550 5.1.1 User unknown"));
    const first = await run(env);
    expect(first).toMatchObject({ code: 0, text: expect.stringContaining("Boîte des retours lue : 1 message(s) ; 1 adresse(s) mise(s) de côté") });
    expect(first.text).not.toContain("inconnu@example.org");
    expect(await run(env)).toMatchObject({ code: 0, text: "Boîte des retours lue : aucun nouveau message." });
    const wrong = await run({ ...env, ORIENTEUR_BOUNCE_IMAP_URL: dovecot.url.replace(encodeURIComponent(dovecot.pass), "mauvais") });
    expect(wrong).toMatchObject({ code: 1, text: "La boîte des retours refuse l'utilisateur ou le mot de passe de ORIENTEUR_BOUNCE_IMAP_URL : vérifiez-les (encodez « @ » en %40)." });
  }, 30_000);
});

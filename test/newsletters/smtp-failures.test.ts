// SMTP failures read the way a mail server's queue reads them, against a real SMTP server on
// loopback: a refusal of the whole session (password, sender, network) pauses the send with the
// reason and blames no subscriber; greylisting is retried per recipient without pausing anyone.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runSend, type SendOptions } from "../../newsletters/send/send-loop.ts";
import { classifySmtpFailure } from "../../newsletters/send/smtp-errors.ts";
import { createSmtpMailer } from "../../newsletters/send/transport.ts";
import { startSmtpSink, type SmtpSinkOptions } from "../peers/smtp-sink.ts";
import { builderFor, openSending, seedSubscribers } from "./fixtures/send-setup.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FAST: Partial<SendOptions> = { ratePerSecond: 500, concurrency: 2, retryBaseMs: 20, maxWaitMs: 20_000, sessionRetryMs: 10 };

async function setup(count: number, sinkOptions: SmtpSinkOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), "orienteur-smtp-"));
  const sending = openSending(join(dir, "state.sqlite"));
  seedSubscribers(sending.store, count);
  const sink = await startSmtpSink(sinkOptions);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => sending.store.close(), () => sink.close());
  sending.deliveries.freeze("12", sending.subscribers.confirmed().map((s) => ({ subscriberId: s.id, email: s.email, edition: "" })));
  const send = (smtpUrl: string, options: Partial<SendOptions> = {}) => {
    const mailer = createSmtpMailer({ smtpUrl, from: "Orienteur <lettre@example.org>", maxConnections: 2 });
    cleanups.push(() => mailer.close());
    return runSend("12", sending.deliveries, builderFor("12", sending.subscribers), mailer, { ...FAST, ...options });
  };
  const withCredentials = (user: string, pass: string) => sink.url.replace("smtp://", `smtp://${user}:${pass}@`);
  return { ...sending, sink, send, withCredentials };
}

const everyone = (count: number) => Array.from({ length: count }, (_, i) => `abonne${i + 1}@example.org`).sort();

describe("a refusal of the whole SMTP session", () => {
  it("pauses on a wrong password (535) with the reason, suppresses nobody, and resumes once the password is right", async () => {
    const { sink, send, withCredentials, deliveries } = await setup(5, { auth: { user: "lettre", pass: "bon-mot-de-passe" } });
    const paused = await send(withCredentials("lettre", "mauvais"));
    expect(paused.paused).toMatch(/^Le serveur d'envoi refuse l'identifiant ou le mot de passe \(535 .*\) : vérifiez l'utilisateur et le mot de passe dans SMTP_URL\. Aucun abonné n'a été mis en cause\./);
    expect(deliveries.state("12")).toMatchObject({ state: "en_pause", reason: paused.paused });
    expect(deliveries.suppressions()).toEqual([]);
    expect(deliveries.counts("12")).toMatchObject({ echec_definitif: 0, echec_temporaire: 0, envoye: 0 });

    const resumed = await send(withCredentials("lettre", "bon-mot-de-passe"));
    expect(resumed).toMatchObject({ sent: 5, waiting: 0, permanentFailures: 0 });
    expect(sink.received.map((m) => m.to).sort()).toEqual(everyone(5));
  });

  it("pauses when the server refuses the sender (550 at MAIL FROM), names MAIL_FROM, and suppresses nobody", async () => {
    const { sink, send, deliveries } = await setup(5);
    sink.refuseSender(550);
    const paused = await send(sink.url);
    expect(paused.paused).toMatch(/^Le serveur d'envoi refuse l'expéditeur \(550 .*, à l'étape MAIL FROM\) : vérifiez MAIL_FROM/);
    expect(paused.permanentFailures).toBe(0);
    expect(deliveries.suppressions()).toEqual([]);
    expect(deliveries.counts("12").echec_definitif).toBe(0);

    sink.accept();
    expect(await send(sink.url)).toMatchObject({ sent: 5, waiting: 0 });
    expect(sink.received.map((m) => m.to).sort()).toEqual(everyone(5));
  });

  it("pauses when the relay refuses to relay (554 5.7.1 at RCPT TO) instead of blaming each recipient", async () => {
    const { sink, send, deliveries } = await setup(3, { refusalText: "5.7.1 Relaying denied" });
    for (const address of everyone(3)) sink.refuse(address, 554);
    const paused = await send(sink.url);
    expect(paused.paused).toMatch(/^Le serveur d'envoi refuse de relayer vers l'extérieur \(554 5\.7\.1 Relaying denied\)/);
    expect(deliveries.suppressions()).toEqual([]);
  });

  it("pauses when the server cannot be reached, saying so, and blames nobody", async () => {
    const { send, deliveries } = await setup(3);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const paused = await send(`smtp://127.0.0.1:${port}`, { maxSessionRetries: 2 });
    expect(paused.paused).toMatch(/^2 échecs de connexion de suite\. Le serveur d'envoi est injoignable ou ferme la connexion \(ECONNREFUSED/);
    expect(deliveries.suppressions()).toEqual([]);
    expect(deliveries.counts("12")).toMatchObject({ a_envoyer: 3, echec_definitif: 0 });
  });
});

describe("a refusal of one recipient", () => {
  it("retries greylisted recipients (451) with growing delays until all are delivered, without pausing", async () => {
    const { sink, send, deliveries } = await setup(6);
    for (const address of ["abonne2@example.org", "abonne4@example.org", "abonne5@example.org"]) sink.refuse(address, 451, 2);
    const report = await send(sink.url);
    expect(report.paused).toBeUndefined();
    expect(report).toMatchObject({ sent: 6, temporaryFailures: 6, permanentFailures: 0, waiting: 0 });
    expect(sink.received.map((m) => m.to).sort()).toEqual(everyone(6));
    expect(deliveries.suppressions()).toEqual([]);
    expect(deliveries.state("12")?.state).toBe("termine");
  });

  it("leaves greylisted recipients waiting with the right cause when their retry is due after this run", async () => {
    const { sink, send, deliveries } = await setup(3);
    sink.refuse("abonne3@example.org", 450);
    const report = await send(sink.url, { retryBaseMs: 60 * 60_000, maxWaitMs: 0 });
    expect(report).toMatchObject({ sent: 2, waiting: 1, temporaryFailures: 1 });
    expect(report.paused).toBeUndefined();
    expect(report.nextRetryAt).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(deliveries.state("12")?.state).toBe("en_cours");
  });

  it("suppresses an address whose server says it does not exist (550 5.1.1), and only that one", async () => {
    const { sink, send, deliveries } = await setup(3, { refusalText: "5.1.1 Mailbox unknown" });
    sink.refuse("abonne2@example.org", 550);
    expect(await send(sink.url)).toMatchObject({ sent: 2, permanentFailures: 1 });
    expect(deliveries.suppressions().map((s) => s.email)).toEqual(["abonne2@example.org"]);
    expect(deliveries.suppressions()[0]!.reason).toContain("adresse refusée définitivement par le serveur du destinataire (550 5.1.1 Mailbox unknown)");
  });

  it("fails a message refused for its content (550 5.7.1) without suppressing the address", async () => {
    const { sink, send, deliveries } = await setup(2, { refusalText: "5.7.1 Message rejected as spam" });
    sink.refuse("abonne1@example.org", 550);
    expect(await send(sink.url)).toMatchObject({ sent: 1, permanentFailures: 1 });
    expect(deliveries.suppressions()).toEqual([]);
  });
});

describe("failures nodemailer reports before any refusal", () => {
  it("blames the sender address, not the subscribers, when MAIL_FROM is malformed", () => {
    const failure = classifySmtpFailure({ code: "EENVELOPE", command: "API", message: 'Invalid sender "lettre@"' });
    expect(failure).toMatchObject({ scope: "session", permanent: true });
    expect(failure.reason).toContain("corrigez MAIL_FROM");
  });

  it("sets aside a malformed recipient address without pausing the others", () => {
    expect(classifySmtpFailure({ code: "EENVELOPE", command: "API", message: 'Invalid recipient "abonne@"' })).toMatchObject({ scope: "recipient", permanent: true, suppress: true });
  });

  it("pauses on a message larger than the server accepts, saying so", () => {
    const failure = classifySmtpFailure({ code: "EMESSAGE", command: "MAIL FROM", message: "Message size larger than allowed 10240" });
    expect(failure).toMatchObject({ scope: "session", permanent: true });
    expect(failure.reason).toMatch(/^La lettre dépasse la taille maximale que le serveur d'envoi accepte/);
  });
});

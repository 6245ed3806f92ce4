import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runSend } from "../../newsletters/send/send-loop.ts";
import { createSmtpMailer } from "../../newsletters/send/transport.ts";
import { startSmtpSink, type SmtpSink } from "../peers/smtp-sink.ts";
import { builderFor, openSending, seedSubscribers } from "./fixtures/send-setup.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(count: number) {
  const dir = mkdtempSync(join(tmpdir(), "orienteur-envoi-"));
  const path = join(dir, "state.sqlite");
  const sending = openSending(path);
  seedSubscribers(sending.store, count);
  const sink = await startSmtpSink();
  const mailer = createSmtpMailer({ smtpUrl: sink.url, from: "Orienteur <lettre@example.org>", maxConnections: 2 });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => sending.store.close(), () => sink.close(), () => mailer.close());
  const freeze = (issue: string) =>
    sending.deliveries.freeze(issue, sending.subscribers.confirmed().map((s) => ({ subscriberId: s.id, email: s.email, edition: "" })));
  const send = (issue: string, options = {}) =>
    runSend(issue, sending.deliveries, builderFor(issue, sending.subscribers), mailer, {
      ratePerSecond: 500,
      concurrency: 2,
      retryBaseMs: 50,
      maxWaitMs: 5000,
      sessionRetryMs: 10,
      stillSubscribed: (id) => sending.subscribers.byId(id)?.status === "confirme",
      ...options,
    });
  return { ...sending, sink, mailer, freeze, send, path };
}

const recipients = (sink: SmtpSink) => sink.received.map((m) => m.to).sort();

describe("sending an issue", () => {
  it("sends each subscriber one message with both parts, list headers and their own links", async () => {
    const { sink, freeze, send } = await setup(3);
    freeze("12");
    const report = await send("12");
    expect(report).toMatchObject({ sent: 3, permanentFailures: 0, waiting: 0 });
    expect(recipients(sink)).toEqual(["abonne1@example.org", "abonne2@example.org", "abonne3@example.org"]);
    const mails = await Promise.all([0, 1, 2].map((i) => sink.parse(i)));
    const links = new Set<string>();
    for (const mail of mails) {
      expect(mail.html).toContain("Contenu");
      expect(mail.text).toContain("Contenu");
      // mailparser groups the List-* headers under « list ».
      const list = mail.headers.get("list") as { id: { id: string }; unsubscribe: { url?: string; mail?: string }; "unsubscribe-post": { name: string } };
      expect(list.id.id).toBe("lettre.example.org");
      expect(list["unsubscribe-post"].name).toBe("List-Unsubscribe=One-Click");
      const unsubscribe = list.unsubscribe;
      expect(unsubscribe.url).toMatch(/^https:\/\/orienteur\.example\.org\/lettre\/desabonnement\?jeton=/);
      expect(unsubscribe.mail).toMatch(/^desabonnement@example\.org/);
      expect(mail.messageId).toMatch(/^<lettre-12\.\d+\.[0-9a-f]{16}@example\.org>$/);
      expect(mail.text).toContain(unsubscribe.url);
      links.add(unsubscribe.url!);
    }
    expect(links.size).toBe(3);
    expect(mails.find((m) => m.to && JSON.stringify(m.to).includes("abonne1"))!.text).toContain("Bonjour Prénom1,");
  });

  it("sends nothing new when the same issue is sent again", async () => {
    const { sink, freeze, send } = await setup(3);
    freeze("12");
    await send("12");
    expect(freeze("12")).toBe(false);
    expect(await send("12")).toMatchObject({ sent: 0, alreadyDone: true });
    expect(sink.received).toHaveLength(3);
  });

  it("retries a temporary refusal (4xx) and delivers once", async () => {
    const { sink, freeze, send, deliveries } = await setup(2);
    sink.refuse("abonne2@example.org", 451, 2);
    freeze("12");
    const report = await send("12");
    expect(report).toMatchObject({ sent: 2, temporaryFailures: 2, waiting: 0 });
    expect(recipients(sink)).toEqual(["abonne1@example.org", "abonne2@example.org"]);
    expect(deliveries.counts("12").envoye).toBe(2);
  });

  it("stops mail to an address refused permanently (5xx), in this issue and the next", async () => {
    const { sink, freeze, send, deliveries } = await setup(2);
    sink.refuse("abonne1@example.org", 550);
    freeze("12");
    expect(await send("12")).toMatchObject({ sent: 1, permanentFailures: 1 });
    expect(deliveries.isSuppressed("abonne1@example.org")).toBe(true);
    freeze("13");
    await send("13");
    expect(sink.received.map((m) => m.to)).toEqual(["abonne2@example.org", "abonne2@example.org"]);
  });

  it("pauses itself when the server keeps closing the session (421), says why, blames nobody, and resumes without duplicates", async () => {
    const { sink, freeze, send, deliveries } = await setup(6);
    sink.refuseAll(421);
    freeze("12");
    const paused = await send("12", { maxSessionRetries: 3 });
    expect(paused.paused).toMatch(/^3 échecs de connexion de suite\. Le serveur d'envoi est injoignable ou ferme la connexion \(421 .*\) : vérifiez l'adresse et le port de SMTP_URL/);
    expect(paused.paused).toContain("Aucun abonné n'a été mis en cause");
    expect(deliveries.state("12")?.state).toBe("en_pause");
    expect(deliveries.suppressions()).toEqual([]);
    expect(deliveries.counts("12")).toMatchObject({ echec_definitif: 0, a_envoyer: 6 });
    sink.accept();
    const resumed = await send("12", { retryBaseMs: 1 });
    expect(resumed.paused).toBeUndefined();
    expect(recipients(sink)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `abonne${i}@example.org`).sort());
  });

  it("loses nobody when killed in the middle of a send, and duplicates at most the messages in flight", async () => {
    const { sink, path, store } = await setup(300);
    store.close();
    const child = fileURLToPath(new URL("./fixtures/send-child.ts", import.meta.url));
    // A short lease, and a relaunch that waits for it: the killed run never releases its lease.
    const run = () => spawn(process.execPath, ["--import", "tsx", child, path, sink.url, JSON.stringify({ leaseMs: 1000, leaseWaitMs: 20_000 })], { stdio: ["ignore", "pipe", "pipe"] });

    const first = run();
    while (sink.received.length < 100) await new Promise((resolve) => setTimeout(resolve, 10));
    first.kill("SIGKILL");
    await new Promise((resolve) => first.on("close", resolve));
    const beforeResume = sink.received.length;
    expect(beforeResume).toBeLessThan(300);

    const second = run();
    let output = "";
    second.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await new Promise((resolve) => second.on("close", resolve));
    expect(JSON.parse(output)).toMatchObject({ waiting: 0, permanentFailures: 0 });

    const perRecipient = new Map<string, number>();
    for (const { to } of sink.received) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(perRecipient.size).toBe(300);
    const duplicates = [...perRecipient.values()].filter((n) => n > 1).length;
    // Four messages in flight at most when the process died.
    expect(duplicates).toBeLessThanOrEqual(4);
  }, 60_000);

  it("lets only one of two concurrent sends of an issue mail anyone, and says so in French", async () => {
    const { sink, path, store } = await setup(300);
    store.close();
    const child = fileURLToPath(new URL("./fixtures/send-child.ts", import.meta.url));
    const run = () => {
      const process_ = spawn(process.execPath, ["--import", "tsx", child, path, sink.url, JSON.stringify({ ratePerSecond: 60 })], { stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      process_.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      return new Promise<Record<string, unknown>>((resolve) => process_.on("close", () => resolve(JSON.parse(output))));
    };
    const first = run();
    while (sink.received.length < 20) await new Promise((resolve) => setTimeout(resolve, 10));
    // An editor (or a cron job) launches the same issue while the first run still works.
    const second = await run();
    expect(second.sent).toBe(0);
    expect(second.busy).toMatch(/^La lettre n° 12 est déjà en cours d'envoi par une autre commande \(depuis .*\)\. Rien n'a été envoyé par celle-ci/);
    expect(await first).toMatchObject({ waiting: 0, sent: 300 });
    const perRecipient = new Map<string, number>();
    for (const { to } of sink.received) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect(perRecipient.size).toBe(300);
    expect([...perRecipient.values()].filter((n) => n > 1)).toEqual([]);
  }, 60_000);

  it("resumes a send whose sender crashed once its lease has expired, and not before", async () => {
    const { sink, freeze, send, deliveries } = await setup(3);
    freeze("12");
    // A run killed with kill -9 left its lease behind.
    deliveries.leases.acquire("12", "autre-machine:4242:dead", 60_000, Date.now());
    const refused = await send("12");
    expect(refused.busy).toContain("relancez après");
    expect(sink.received).toHaveLength(0);
    const later = Date.now() + 61_000;
    const resumed = await send("12", { now: () => later });
    expect(resumed).toMatchObject({ sent: 3, waiting: 0 });
    expect(deliveries.leases.current("12")).toBeUndefined();
  });

  it("stops after the messages in flight when its server is stopping, and the next run sends the rest once", async () => {
    const { sink, freeze, send, deliveries } = await setup(10);
    freeze("12");
    const stopped = await send("12", { concurrency: 1, stopRequested: () => sink.received.length >= 3 });
    expect(stopped.sent).toBe(3);
    expect(stopped.waiting).toBe(7);
    expect(deliveries.state("12")?.state).toBe("en_cours");
    expect(deliveries.leases.current("12")).toBeUndefined();
    expect(await send("12")).toMatchObject({ sent: 7, waiting: 0 });
    expect(recipients(sink)).toEqual(Array.from({ length: 10 }, (_, i) => `abonne${i + 1}@example.org`).sort());
  });

  it("does not mail someone who unsubscribed after the audience was frozen", async () => {
    const { sink, freeze, send, subscribers, deliveries } = await setup(3);
    freeze("12");
    subscribers.unsubscribe(subscribers.byEmail("abonne2@example.org")!.id);
    const report = await send("12");
    expect(report).toMatchObject({ sent: 2, cancelled: 1, waiting: 0 });
    expect(recipients(sink)).toEqual(["abonne1@example.org", "abonne3@example.org"]);
    expect(deliveries.state("12")?.state).toBe("termine");
  });
});

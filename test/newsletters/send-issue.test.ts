// A send resumed later sends the issue as it was when the send began, and the archive shows that
// same issue, whatever changed in the file or the base in between. Real SQLite file and SMTP server.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../bot/store/store.ts";
import { composeIssueFile } from "../../newsletters/build.ts";
import { createDeliveryRepository } from "../../newsletters/send/deliveries.ts";
import { sendIssue } from "../../newsletters/send/send-issue.ts";
import { createSmtpMailer } from "../../newsletters/send/transport.ts";
import { createSubscriberRepository } from "../../newsletters/subscribers/repository.ts";
import { demoOrienteur } from "../helpers/bases.ts";
import { startSmtpSink } from "../peers/smtp-sink.ts";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("sending an issue in several runs", () => {
  it("sends the rest of the list the issue the first run sent, and publishes that one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orienteur-reprise-"));
    const store = openStore(join(dir, "state.sqlite"));
    const sink = await startSmtpSink();
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close(), () => sink.close());
    const subscribers = createSubscriberRepository(store.db);
    for (const email of ["une@example.org", "deux@example.org", "trois@example.org"]) subscribers.confirm(subscribers.request({ email, source: "web" }).id);
    const deliveries = createDeliveryRepository(store.db);
    const orienteur = await demoOrienteur();
    const archiveDir = join(dir, "lettres");
    const options = {
      message: { baseUrl: "https://orienteur.example.org", secret: "s".repeat(40), listDomain: "example.org" },
      archiveDir,
      now: new Date("2026-12-15T08:00:00Z"),
    };
    const run = async (titre: string, send = {}) => {
      const { model } = await composeIssueFile(fileURLToPath(new URL("../../newsletters/issues/2026-12.yaml", import.meta.url)), orienteur, { archiveDir, baseUrl: options.message.baseUrl });
      const mailer = createSmtpMailer({ smtpUrl: sink.url, from: "lettre@example.org", maxConnections: 1 });
      try {
        return await sendIssue({ ...model, titre }, orienteur, subscribers, deliveries, mailer, { ...options, send: { ratePerSecond: 500, concurrency: 1, ...send } });
      } finally {
        mailer.close();
      }
    };

    // One recipient's server greylists the first attempt: the first run ends with one message waiting.
    sink.refuse("deux@example.org", 451, 1);
    const first = await run("Titre du premier envoi", { retryBaseMs: 60_000, maxWaitMs: 0 });
    expect(first).toMatchObject({ sent: 2, waiting: 1, published: false });

    // Meanwhile the editor changed the title; the retry is resumed later.
    const later = Date.now() + 120_000;
    const resumed = await run("Titre changé après le début de l'envoi", { now: () => later });
    expect(resumed).toMatchObject({ sent: 1, waiting: 0, published: true, titre: "Titre du premier envoi" });
    const subjects = await Promise.all(sink.received.map(async (_, i) => (await sink.parse(i)).subject));
    expect(new Set(subjects)).toEqual(new Set(["Lettre n° 2 — Titre du premier envoi"]));
    expect(readFileSync(join(archiveDir, "2.html"), "utf8")).toContain("Titre du premier envoi");
  }, 30_000);
});

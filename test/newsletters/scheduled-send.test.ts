// Scheduled sends: an issue file carries a send time, an editor approves it, and the server's
// minute tick sends it then — once, to everyone, telling the editors — and never an issue nobody
// approved, nor one changed after approval. Real SQLite file, real SMTP server, real issue files.
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Answer } from "../../knowledge/answer/model.ts";
import { renderText } from "../../bot/render/text.ts";
import { openStore, type Store } from "../../bot/store/store.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { createApprovalRepository, fingerprintOf, parisTime } from "../../newsletters/send/approvals.ts";
import { createDeliveryRepository } from "../../newsletters/send/deliveries.ts";
import { runDueSends } from "../../newsletters/send/scheduled-sends.ts";
import { createSmtpMailer } from "../../newsletters/send/transport.ts";
import { createSubscriberRepository } from "../../newsletters/subscribers/repository.ts";
import { readConfig } from "../../bot/server/config.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { startServer } from "../../bot/server/start.ts";
import { DEMO_DIR, demoOrienteur } from "../helpers/bases.ts";
import { startSmtpSink, type SmtpSink } from "../peers/smtp-sink.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SEND_AT = "2026-12-15 09:00";

let dir: string;
let store: Store;
let sink: SmtpSink;
let issuePath: string;
let told: string[];
let orienteur: Orienteur;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "orienteur-programme-"));
  store = openStore(join(dir, "state.sqlite"));
  sink = await startSmtpSink();
  issuePath = join(dir, "2026-12.yaml");
  copyFileSync(join(ROOT, "newsletters/issues/2026-12.yaml"), issuePath);
  writeFileSync(issuePath, `${readFileSync(issuePath, "utf8")}envoi: ${SEND_AT}\n`);
  const subscribers = createSubscriberRepository(store.db);
  for (const email of ["une@example.org", "deux@example.org"]) subscribers.confirm(subscribers.request({ email, source: "web" }).id);
  told = [];
  orienteur = await demoOrienteur();
});
afterEach(async () => {
  store.close();
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

function tick(at: string) {
  return runDueSends({
    orienteur: () => orienteur,
    approvals: createApprovalRepository(store.db),
    subscribers: createSubscriberRepository(store.db),
    deliveries: createDeliveryRepository(store.db),
    createMailer: () => createSmtpMailer({ smtpUrl: sink.url, from: "lettre@example.org", maxConnections: 2 }),
    message: { baseUrl: "https://orienteur.example.org", secret: "s".repeat(40), listDomain: "example.org", unsubscribeMailbox: "desabonnement@example.org" },
    archiveDir: join(dir, "lettres"),
    notifyEditors: async (answer: Answer) => void told.push(renderText(answer)),
    send: { ratePerSecond: 500 },
    now: () => Date.parse(at),
  });
}

function approve(path = issuePath, sendAt = parisTime(SEND_AT)!) {
  createApprovalRepository(store.db).approve({ issue: "2", path, fingerprint: fingerprintOf(readFileSync(path)), sendAt, approvedBy: "marie" }, Date.parse("2026-12-10T10:00:00Z"));
}

describe("scheduled sends", () => {
  it("sends an approved issue at its time, once, and tells the editors", async () => {
    approve();
    expect(await tick("2026-12-15T07:59:00Z")).toEqual([]);
    expect(sink.received).toHaveLength(0);

    const [report] = await tick("2026-12-15T08:00:30Z");
    expect(report).toMatchObject({ numero: 2, sent: 2, published: true });
    expect(sink.received.map((m) => m.to).sort()).toEqual(["deux@example.org", "une@example.org"]);
    expect(told.join("\n")).toContain("Envoi programmé de la lettre n° 2 « Décembre : passer l'hiver sans laisser personne dehors » commencé");
    expect(told.join("\n")).toContain("Lettre n° 2 « Décembre : passer l'hiver sans laisser personne dehors » envoyée");
    expect(existsSync(join(dir, "lettres", "2.html"))).toBe(true);

    expect(await tick("2026-12-15T08:01:30Z")).toEqual([]);
    expect(await tick("2026-12-16T08:00:00Z")).toEqual([]);
    expect(sink.received).toHaveLength(2);
  });

  it("retries a greylisted recipient on later ticks, when due, without pausing or resending the others", async () => {
    sink.refuse("deux@example.org", 451, 1);
    approve();
    const [first] = await tick("2026-12-15T08:00:30Z");
    expect(first).toMatchObject({ sent: 1, waiting: 1, published: false });
    expect(first!.paused).toBeUndefined();
    expect(await tick("2026-12-15T08:01:30Z")).toEqual([]);
    const [second] = await tick("2026-12-15T08:06:00Z");
    expect(second).toMatchObject({ sent: 1, waiting: 0, published: true });
    expect(sink.received.map((m) => m.to).sort()).toEqual(["deux@example.org", "une@example.org"]);
    expect(told.filter((t) => t.includes("commencé"))).toHaveLength(1);
    expect(told.join("\n")).toContain("Lettre n° 2 « Décembre : passer l'hiver sans laisser personne dehors » envoyée");
  });

  it("is sent by the running server itself once approved and due", async () => {
    // Due a minute ago by the real clock: the server's first tick sends it.
    approve(issuePath, Date.now() - 60_000);
    store.close();
    const { config } = readConfig({ SMTP_URL: sink.url, ORIENTEUR_SECRET: "s".repeat(40), ORIENTEUR_DB: join(dir, "state.sqlite"), ORIENTEUR_PUBLIC_URL: "https://orienteur.example.org", ORIENTEUR_ARCHIVE_DIR: join(dir, "lettres") });
    const server = await startServer({ kb: DEMO_DIR, port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "silent" }), report: () => {} });
    try {
      const outcome = () => {
        const reader = openStore(join(dir, "state.sqlite"));
        try {
          return createApprovalRepository(reader.db).get("2")?.outcome;
        } finally {
          reader.close();
        }
      };
      while (!outcome()) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(outcome()).toBe("envoyée");
      expect(existsSync(join(dir, "lettres", "2.html"))).toBe(true);
      expect(sink.received.map((m) => m.to).sort()).toEqual(["deux@example.org", "une@example.org"]);
    } finally {
      await server.stop();
      store = openStore(join(dir, "state.sqlite"));
    }
  }, 60_000);

  it("never sends an issue nobody approved, even once its time has come", async () => {
    expect(await tick("2026-12-20T08:00:00Z")).toEqual([]);
    expect(sink.received).toHaveLength(0);
    expect(told).toEqual([]);
  });

  it("does not send an issue changed after its approval, and asks for a new approval", async () => {
    approve();
    writeFileSync(issuePath, readFileSync(issuePath, "utf8").replace("titre:", "# relu\ntitre:"));
    expect(await tick("2026-12-15T08:00:30Z")).toEqual([]);
    expect(sink.received).toHaveLength(0);
    expect(told.join("\n")).toContain("Lettre n° 2 non envoyée : fichier modifié après approbation");
    expect(told.join("\n")).toContain("approuvez-le à nouveau (orienteur newsletter approuver");
  });

  it("is approved, listed and withdrawn from the command line, with French errors", async () => {
    store.close();
    const cli = (args: string[]) =>
      new Promise<{ code: number; out: string }>((resolve) =>
        execFile(process.execPath, [join(ROOT, "bin/orienteur.mjs"), "newsletter", ...args, "--out", dir], { cwd: ROOT, env: { ...process.env, ORIENTEUR_DB: join(dir, "state.sqlite") }, timeout: 60_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
        ),
      );
    const approved = await cli(["approuver", issuePath]);
    expect(approved.out).toContain("✓ Lettre n° 2 approuvée : le serveur (npm start) l'enverra le mardi 15 décembre 2026 à 09:00 (heure de Paris), une seule fois");
    expect((await cli(["programmees"])).out).toMatch(/n° 2 — le mardi 15 décembre 2026 à 09:00, approuvée par /);
    expect((await cli(["retirer", issuePath])).out).toContain("✓ Approbation de la lettre n° 2 retirée");

    writeFileSync(issuePath, readFileSync(issuePath, "utf8").replace(`envoi: ${SEND_AT}`, "envoi: 2026-02-30 09:00"));
    expect(await cli(["approuver", issuePath])).toMatchObject({ code: 1, out: expect.stringContaining("« envoi: 2026-02-30 09:00 » n'est pas une date et une heure qui existent") });
    writeFileSync(issuePath, readFileSync(issuePath, "utf8").replace("envoi: 2026-02-30 09:00", "envoi: 2020-01-06 09:00"));
    expect(await cli(["approuver", issuePath])).toMatchObject({ code: 1, out: expect.stringContaining("est déjà passée : choisissez une heure à venir") });
    store = openStore(join(dir, "state.sqlite"));
  }, 60_000);
});

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../bot/store/store.ts";
import { createDeliveryRepository } from "../../newsletters/send/deliveries.ts";
import { createSubscriberRepository } from "../../newsletters/subscribers/repository.ts";
import { startSmtpSink, type SmtpSink } from "../peers/smtp-sink.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let sink: SmtpSink;
let dir: string;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, "bin/orienteur.mjs"), ...args],
      { cwd: ROOT, env: { ...process.env, ORIENTEUR_DB: join(dir, "state.sqlite"), ORIENTEUR_SECRET: "z".repeat(40), SMTP_URL: sink.url, ORIENTEUR_PUBLIC_URL: "https://orienteur.example.org", ORIENTEUR_SEND_RATE: "200" }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  dir = mkdtempSync(join(tmpdir(), "orienteur-envoi-cli-"));
  const store = openStore(join(dir, "state.sqlite"));
  const repo = createSubscriberRepository(store.db);
  for (const [email, territoire] of [
    ["clamecy@example.org", { type: "epci", code: "200067429" }],
    ["decize@example.org", { type: "epci", code: "200067700" }],
    ["partout@example.org", undefined],
  ] as const) {
    repo.confirm(repo.request({ email, territoire, source: "web" }).id);
  }
  repo.request({ email: "pas-confirme@example.org", source: "web" });
  store.close();
});

afterAll(async () => {
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("orienteur newsletter send", () => {
  it("writes every message to files with --dry-run and sends nothing", async () => {
    const result = await cli(["newsletter", "send", "newsletters/issues/2026-11.yaml", "--dry-run", "--out", dir]);
    expect(result.stdout).toContain("Essai à blanc : 3 message(s) écrits");
    expect(readdirSync(join(dir, "envois", "1"))).toHaveLength(3);
    expect(sink.received).toHaveLength(0);
    expect(existsSync(join(dir, "lettres"))).toBe(false);
  });

  it("sends one sample to a test address without touching the subscribers", async () => {
    const result = await cli(["newsletter", "send", "newsletters/issues/2026-11.yaml", "--test", "relecture@example.org", "--out", dir]);
    expect(result.stdout).toContain("envoyée pour essai à relecture@example.org");
    expect(sink.received.map((m) => m.to)).toEqual(["relecture@example.org"]);
    expect(existsSync(join(dir, "lettres"))).toBe(false);
  });

  it("sends once to each confirmed subscriber, in their territory's edition, and nothing new the second time", async () => {
    sink.received.length = 0;
    const first = await cli(["newsletter", "send", "newsletters/issues/2026-11.yaml", "--out", dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/3 envoyée\(s\) pendant cette exécution, 3 destinataire\(s\) en tout, 3 édition\(s\)/);
    expect(sink.received.map((m) => m.to).sort()).toEqual(["clamecy@example.org", "decize@example.org", "partout@example.org"]);
    // No return mailbox is configured here: the List-Unsubscribe header offers no mailto: that nobody would read.
    const list = (await sink.parse(0)).headers.get("list") as { unsubscribe: { url?: string; mail?: string } };
    expect(list.unsubscribe.url).toMatch(/^https:\/\/orienteur\.example\.org\/lettre\/desabonnement\?jeton=/);
    expect(list.unsubscribe.mail).toBeUndefined();
    // Sent to everyone: now, and only now, the issue is in the public archive and the feed.
    expect(first.stdout).toContain("La lettre est parvenue à tous : elle est publiée dans l'archive en ligne et le flux");
    expect(readFileSync(join(dir, "lettres", "feed.atom"), "utf8")).toContain("https://orienteur.example.org/lettres/1.html");
    const second = await cli(["newsletter", "send", "newsletters/issues/2026-11.yaml", "--out", dir]);
    expect(second.stdout).toContain("a déjà été envoyée à tous ses destinataires");
    expect(sink.received).toHaveLength(3);
    const rebuild = await cli(["newsletter", "build", "newsletters/issues/2026-11.yaml", "--out", dir]);
    expect(rebuild.code).toBe(1);
    expect(rebuild.stderr).toContain("La lettre n° 1 a déjà été envoyée (publiée le ");
  });

  it("refuses, in French, to send an issue another command is already sending", async () => {
    const store = openStore(join(dir, "state.sqlite"));
    createDeliveryRepository(store.db).leases.acquire("2", "autre-poste:1234:abcd", 60_000);
    store.close();
    const before = sink.received.length;
    const result = await cli(["newsletter", "send", "newsletters/issues/2026-12.yaml", "--out", dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("La lettre n° 2 est déjà en cours d'envoi par une autre commande");
    expect(result.stderr).toContain("Rien n'a été envoyé par celle-ci");
    expect(sink.received.length).toBe(before);
  });

  it("refuses a malformed test address in French", async () => {
    const result = await cli(["newsletter", "send", "newsletters/issues/2026-11.yaml", "--test", "pas-une-adresse"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("n'est pas une adresse e-mail valide");
  });
});

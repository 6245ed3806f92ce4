// Sending a campaign, closer up: e-mails are spaced by the configured interval (the waits asked
// for are recorded, never timed), a run cut short by a mail server that refuses for a while is
// finished by the next one without a second e-mail to anyone, and a token is bound to its service.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaignRepository } from "../../bot/campaigns/repository.ts";
import { launchCampaign, type CampaignContext } from "../../bot/campaigns/send.ts";
import { defaultCampaignSettings } from "../../bot/campaigns/settings.ts";
import { checkCampaignToken, signCampaignToken } from "../../bot/campaigns/token.ts";
import { openStore, type Store } from "../../bot/store/store.ts";
import { setUpCampaigns } from "../../bot/server/campaign-routes.ts";
import { readConfig } from "../../bot/server/config.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { main } from "../../bot/cli/main.ts";
import { createSmtpMailer } from "../../newsletters/send/transport.ts";
import { createFileMailer } from "../../newsletters/send/file-mailer.ts";
import { demoOrienteur } from "../helpers/bases.ts";
import { startSmtpSink, type SmtpSink } from "../peers/smtp-sink.ts";

const LAUNCH = Date.parse("2027-09-01T08:00:00Z");
const SECRET = "e".repeat(40);
const DAY = 24 * 60 * 60 * 1000;
let dir: string;
let store: Store;
let smtp: SmtpSink;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "orienteur-campagne-envoi-"));
  store = openStore(join(dir, "etat.sqlite"));
  smtp = await startSmtpSink();
});

afterAll(async () => {
  store.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

async function context(mailer: CampaignContext["mailer"], waits: number[]): Promise<CampaignContext> {
  return {
    orienteur: await demoOrienteur(),
    repository: createCampaignRepository(store.db),
    mailer,
    secret: SECRET,
    publicUrl: "https://annuaire.example.org",
    domain: "annuaire.example.org",
    settings: defaultCampaignSettings,
    now: () => LAUNCH,
    sleep: async (ms) => void waits.push(ms),
  };
}

describe("sending a campaign", () => {
  it("waits the configured interval between two e-mails (one every 2 s by default), never before the first", async () => {
    const waits: number[] = [];
    const mailer = createFileMailer(join(dir, "courriels"), "Annuaire <annuaire@example.org>");
    const report = await launchCampaign(await context(mailer, waits), { besoin: "soins-infirmiers-domicile" }, { dryRun: false });
    const sent = report.outcomes.filter((o) => !o.failure).length;
    expect(sent).toBeGreaterThan(1);
    expect(readdirSync(join(dir, "courriels"))).toHaveLength(sent);
    expect(waits).toEqual(Array.from({ length: sent - 1 }, () => 2000));
  });

  it("finishes a run cut short by a temporarily refusing server, without a second e-mail to anyone", async () => {
    const waits: number[] = [];
    const mailer = createSmtpMailer({ smtpUrl: smtp.url, from: "annuaire@example.org", maxConnections: 1 });
    try {
      smtp.refuse("repas@cias-hnvy.example.org", 451, 1);
      const first = await launchCampaign(await context(mailer, waits), { besoin: "portage-repas" }, { dryRun: false });
      const postponed = first.outcomes.filter((o) => o.failure);
      expect(postponed.map((o) => [o.request.serviceId, o.permanent])).toEqual([["portage-repas-haut-nivernais", false]]);
      const delivered = smtp.received.length;
      expect(delivered).toBe(first.outcomes.length - 1);

      const second = await launchCampaign(await context(mailer, waits), { besoin: "portage-repas" }, { dryRun: false });
      expect(second.outcomes.map((o) => o.request.serviceId)).toEqual(["portage-repas-haut-nivernais"]);
      expect(smtp.received.slice(delivered).map((m) => m.to)).toEqual(["repas@cias-hnvy.example.org"]);
      expect(new Set(smtp.received.map((m) => m.to)).size).toBe(smtp.received.length);

      const third = await launchCampaign(await context(mailer, waits), { besoin: "portage-repas" }, { dryRun: false });
      expect(third.outcomes).toEqual([]);
      expect(third.alreadyAsked).toHaveLength(first.outcomes.length);
    } finally {
      mailer.close();
    }
  });

  it("is reached through the orienteur command, with its own options", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await main(["campagne"], io)).toBe(2);
    expect(err.join("\n")).toContain("orienteur campagne lancer [--besoin <besoin>] [--territoire <lieu>]");
    process.env.ORIENTEUR_DB = join(dir, "cli.sqlite");
    try {
      expect(await main(["campagne", "lancer", "--besoin", "portage de repa", "--dry-run"], io)).toBe(2);
      expect(err.at(-1)).toContain("Besoin inconnu : « portage de repa ». Vouliez-vous dire « Portage de repas à domicile » ?");
      expect(await main(["campagne", "lancer", "--toutes"], io)).toBe(2);
      expect(err.at(-1)).toContain("Option non reconnue");
    } finally {
      delete process.env.ORIENTEUR_DB;
    }
  });

  it("lets the server send due reminders itself only when configured, hourly checked, on working hours", async () => {
    const memory = openStore(":memory:");
    const mailer = createSmtpMailer({ smtpUrl: smtp.url, from: "annuaire@example.org", maxConnections: 1 });
    try {
      const repository = createCampaignRepository(memory.db);
      const request = repository.addRequest({ campaign: "essai", serviceId: "portage-repas-chateau-chinon", email: "fourneaux.morvan@example.org", expiresAt: LAUNCH + 60 * DAY }, LAUNCH);
      repository.markSent(request.id, LAUNCH);
      let clock = LAUNCH;
      const orienteur = await demoOrienteur();
      const setUp = (env: Record<string, string>) =>
        setUpCampaigns({
          db: memory.db, secret: SECRET, kbDir: dir, orienteur: () => orienteur, feedback: createFeedbackRepository(memory.db), notifyEditors: async () => {},
          logger: createLogger({ level: "silent" }), maxBodyBytes: 65_536, mailer, publicUrl: "https://annuaire.example.org", domain: "annuaire.example.org", settings: readConfig(env).config.campaigns, now: () => clock,
        });
      const timers: { ms: number; work: () => unknown }[] = [];
      setUp({}).scheduleReminders((ms, work) => timers.push({ ms, work }));
      expect(timers).toEqual([]);

      setUp({ ORIENTEUR_CAMPAGNE_RELANCES_AUTO: "1" }).scheduleReminders((ms, work) => timers.push({ ms, work }));
      expect(timers.map((t) => t.ms)).toEqual([60 * 60 * 1000]);
      const before = smtp.received.length;
      clock = Date.parse("2027-09-19T10:00:00Z"); // a Sunday, 18 days after the e-mail
      await timers[0]!.work();
      expect(smtp.received.length).toBe(before);
      clock = Date.parse("2027-09-20T08:00:00Z"); // Monday, 10 h in Paris
      await timers[0]!.work();
      expect(smtp.received.slice(before).map((m) => m.to)).toEqual(["fourneaux.morvan@example.org"]);
      expect((await smtp.parse(before)).subject).toMatch(/^Rappel : les informations de « /);
      await timers[0]!.work();
      expect(smtp.received.length).toBe(before + 1);
    } finally {
      mailer.close();
      memory.close();
    }
  });

  it("binds a link to its request's service and expiry", () => {
    const token = signCampaignToken(SECRET, 7, "ssiad-clamecy", LAUNCH + 1000);
    expect(checkCampaignToken(SECRET, token, () => "ssiad-clamecy", LAUNCH)).toEqual({ ok: true, requestId: 7, expiresAt: LAUNCH + 1000 });
    expect(checkCampaignToken(SECRET, token, () => "ssiad-nevers", LAUNCH)).toEqual({ ok: false, reason: "forge" });
    expect(checkCampaignToken("f".repeat(40), token, () => "ssiad-clamecy", LAUNCH)).toEqual({ ok: false, reason: "forge" });
    expect(checkCampaignToken(SECRET, token.replace(/^7\./, "8."), () => "ssiad-clamecy", LAUNCH)).toEqual({ ok: false, reason: "forge" });
    expect(checkCampaignToken(SECRET, token, () => undefined, LAUNCH)).toEqual({ ok: false, reason: "forge" });
    expect(checkCampaignToken(SECRET, token, () => "ssiad-clamecy", LAUNCH + 2000)).toEqual({ ok: false, reason: "expire" });
  });
});

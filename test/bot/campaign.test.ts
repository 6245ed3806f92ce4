// An update campaign end to end: a copy of the demo base in a git repository, the real server
// watching it, a real SMTP server on loopback and a Telegram peer for the editors' room. The
// e-mail is received, its link followed; « Tout est juste » changes only the date bytes of the
// YAML, is committed, and the running server serves the new date; a correction becomes a field
// report and reaches the editors' room; forged and expired links are refused; `suivi` says who
// answered, who did not, which address was refused.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCampagne } from "../../bot/cli/commands/campagne.ts";
import { signCampaignToken } from "../../bot/campaigns/token.ts";
import { unansweredLines } from "../../bot/campaigns/follow-up.ts";
import { createCampaignRepository } from "../../bot/campaigns/repository.ts";
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { renderText } from "../../bot/render/text.ts";
import { monthlyStaleEntries } from "../../bot/server/editor-digests.ts";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { createOrienteur } from "../../knowledge/orienteur.ts";
import { createDeliveryRepository } from "../../newsletters/send/deliveries.ts";
import { readConfig } from "../../bot/server/config.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { startServer, type RunningServer } from "../../bot/server/start.ts";
import { openStore } from "../../bot/store/store.ts";
import { todayInParis } from "../../knowledge/checks/run.ts";
import { frenchDate } from "../../knowledge/text/dates.ts";
import { DEMO_DIR } from "../helpers/bases.ts";
import { waitFor } from "../helpers/wait.ts";
import { startSmtpSink, type SmtpSink } from "../peers/smtp-sink.ts";
import { TelegramPeer } from "../peers/telegram-peer.ts";

const EDITORS = -100777;
const SECRET = "c".repeat(40);
// A day when every portage-repas fiche of the demo base is due for a check (6 months).
const LAUNCH = Date.parse("2027-09-01T08:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const CONFIRMS = { id: "portage-repas-haut-nivernais", email: "repas@cias-hnvy.example.org", file: "services/autonomie/portage-repas-haut-nivernais.yaml" };
const CORRECTS = { id: "portage-repas-nevers-agglo", email: "portage-repas@cias-agglo-nevers.example.org" };
const SILENT = { id: "portage-repas-coeur-de-loire", email: "commandes@tables-valdeloire.example.org" };
const REFUSED = { id: "portage-repas-chateau-chinon", email: "fourneaux.morvan@example.org" };
const NO_ADDRESS = { id: "portage-repas-sud-nivernais", file: "services/autonomie/portage-repas-sud-nivernais.yaml" };

let dir: string;
let env: Record<string, string>;
let server: RunningServer;
let smtp: SmtpSink;
let telegram: TelegramPeer;

const git = (...args: string[]) => execFileSync("git", ["-C", dir, "-c", "user.name=Rédaction", "-c", "user.email=redaction@example.org", ...args], { encoding: "utf8" });

async function cli(args: string[], now = LAUNCH): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCampagne([...args, "--kb", dir], { out: (t) => out.push(t), err: (t) => err.push(t) }, { env, now: () => now });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The path of the campaign link in the e-mail sent to `to`. */
async function linkFor(to: string): Promise<string> {
  const index = smtp.received.findIndex((m) => m.to === to);
  expect(index).toBeGreaterThanOrEqual(0);
  const mail = await smtp.parse(index);
  const link = /https?:\/\/\S+?(\/campagne\/[A-Za-z0-9._-]+)/.exec(mail.text ?? "");
  expect(link).not.toBeNull();
  return link![1]!;
}

const get = (path: string) => fetch(`${server.url}${path}`);
/** A page's text with the HTML escapes of quotes undone, to compare with French sentences. */
const read = async (response: Response) => (await response.text()).replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
const post = (path: string, form: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "orienteur-campagne-"));
  cpSync(DEMO_DIR, dir, { recursive: true });
  // One service without any e-mail address: the report lists it « sans adresse ».
  const noAddress = join(dir, NO_ADDRESS.file);
  writeFileSync(noAddress, readFileSync(noAddress, "utf8").replace(/^courriel: .*\n/m, ""));
  git("init", "--quiet");
  git("add", ".");
  git("commit", "--quiet", "-m", "Base de départ");
  smtp = await startSmtpSink();
  telegram = await TelegramPeer.start();
  env = {
    ORIENTEUR_DB: join(dir, "..", `${dir.split("/").pop()}.sqlite`),
    ORIENTEUR_SECRET: SECRET,
    SMTP_URL: smtp.url,
    MAIL_FROM: "Annuaire de la Nièvre <annuaire@example.org>",
    ORIENTEUR_CAMPAGNE_INTERVALLE: "0",
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ORIENTEUR_EDITOR_ROOMS: `telegram:${EDITORS}`,
  };
  // The server reads the campaign settings from its configuration, as in production.
  const { config } = readConfig({ ...env, ORIENTEUR_CAMPAGNE_GIT: "1" });
  server = await startServer({ kb: dir, port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "silent" }), report: () => {} });
  await telegram.userSays({ text: "bonjour", direct: false, chat: { id: EDITORS, type: "supergroup", title: "Rédaction" } });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  await telegram?.close();
  rmSync(dir, { recursive: true, force: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${env.ORIENTEUR_DB}${suffix}`, { force: true });
});

describe("an update campaign", () => {
  it("refuses an unknown need or place in French, with the closest name", async () => {
    const need = await cli(["lancer", "--besoin", "portage de repa", "--dry-run"]);
    expect(need.code).toBe(2);
    expect(need.err).toContain("Besoin inconnu : « portage de repa ». Vouliez-vous dire « Portage de repas à domicile » ?");
    const place = await cli(["lancer", "--territoire", "Clamcyy", "--dry-run"]);
    expect(place.code).toBe(2);
    expect(place.err).toMatch(/Territoire inconnu : « Clamcyy »\. Vouliez-vous dire « Clamecy » \?/);
    expect(smtp.received).toHaveLength(0);
  });

  it("says what a dry run would send, sending and recording nothing", async () => {
    const dry = await cli(["lancer", "--besoin", "portage-repas", "--territoire", "Clamecy", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("aucun e-mail n'est envoyé");
    expect(dry.out).toContain(`(${CONFIRMS.id}) → ${CONFIRMS.email}`);
    expect(smtp.received).toHaveLength(0);
  });

  it("e-mails each due service a signed link once, lists the one without address and the refused one", async () => {
    smtp.refuse(REFUSED.email, 550);
    const first = await cli(["lancer", "--besoin", "portage-repas"]);
    expect(first.err).toBe("");
    expect(first.out).toContain("1 service(s) sans adresse");
    expect(first.out).toContain(NO_ADDRESS.id);
    expect(first.out).toMatch(new RegExp(`${REFUSED.id}\\) : adresse ${REFUSED.email} refusée \\(550`));
    expect(smtp.received.map((m) => m.to).sort()).toEqual([CONFIRMS.email, CORRECTS.email, SILENT.email].sort());

    const mail = await smtp.parse(smtp.received.findIndex((m) => m.to === CONFIRMS.email));
    expect(mail.subject).toBe("Les informations de « Portage de repas du Haut Nivernais - Val d'Yonne » sont-elles à jour ?");
    expect(mail.text).toContain("vérifiées pour la dernière fois le 17 mars 2026");
    expect(mail.text).toContain("« Tout est juste »");
    expect(mail.text).toMatch(/reste valable jusqu'au \d{1,2}(?:er)? \p{L}+ 2027\./u);
    expect(mail.text).toContain("Annuaire social et médico-social de la Nièvre");
    expect(mail.text).toContain("redaction@example.org");

    // Launched again: nobody gets a second e-mail.
    const again = await cli(["lancer", "--besoin", "portage-repas"]);
    expect(again.out).toContain("3 service(s) déjà sollicité(s)");
    expect(smtp.received).toHaveLength(3);
  });

  it("shows the fiche on the link, and a GET changes nothing", async () => {
    const path = await linkFor(CONFIRMS.email);
    const before = readFileSync(join(dir, CONFIRMS.file));
    const page = await get(path);
    expect(page.status).toBe(200);
    const html = await read(page);
    expect(html).toContain("Portage de repas du Haut Nivernais - Val d'Yonne");
    expect(html).toContain("vérifiées pour la dernière fois le 17 mars 2026");
    expect(html).toMatch(/<form method="post" action="\/campagne\/[^"]+\/confirmer">/);
    expect(html).toContain("Proposer une correction");
    expect(readFileSync(join(dir, CONFIRMS.file)).equals(before)).toBe(true);
  });

  it("refuses a forged link (403) and an expired one (410) with a French page", async () => {
    const path = await linkFor(CONFIRMS.email);
    const forged = path.slice(0, -1) + (path.endsWith("A") ? "B" : "A");
    const refused = await get(forged);
    expect(refused.status).toBe(403);
    expect(await read(refused)).toContain("Ce lien n'est pas valable");
    expect((await post(`${forged}/confirmer`)).status).toBe(403);
    const requestId = Number(/\/campagne\/(\d+)\./.exec(path)![1]);
    const expired = await get(`/campagne/${signCampaignToken(SECRET, requestId, CONFIRMS.id, Date.now() - DAY)}`);
    expect(expired.status).toBe(410);
    expect(await read(expired)).toContain("Ce lien a expiré");
  });

  it("« Tout est juste » changes only the date bytes, even after the file changed, commits it, and the running server serves the new date", async () => {
    const file = join(dir, CONFIRMS.file);
    // The editors changed the file since the e-mail left.
    writeFileSync(file, readFileSync(file, "utf8").replace("\n", "\n# Relu par la rédaction.\n"));
    git("commit", "--quiet", "-am", "Note de la rédaction");
    const before = readFileSync(file, "utf8").split("\n");
    const today = todayInParis();

    const answer = await post(`${await linkFor(CONFIRMS.email)}/confirmer`);
    expect(answer.status).toBe(200);
    expect(await read(answer)).toContain(`notée comme vérifiée le ${frenchDate(today)}`);

    const after = readFileSync(file, "utf8").split("\n");
    expect(after).toHaveLength(before.length);
    const changed = after.flatMap((line, i) => (line === before[i] ? [] : [i]));
    expect(changed).toHaveLength(1);
    expect(before[changed[0]!]).toBe("date_maj: 2026-03-17");
    expect(after[changed[0]!]).toBe(`date_maj: ${today}`);

    expect(git("log", "-1", "--format=%s").trim()).toBe(`Fiche ${CONFIRMS.id} confirmée par le service le ${frenchDate(today)}`);
    expect(git("show", "--name-only", "--format=", "HEAD").trim()).toBe(CONFIRMS.file);
    expect(git("status", "--porcelain").trim()).toBe("");

    // The hot reload swaps the base in: the page, built from the served base, shows the new date.
    const path = await linkFor(CONFIRMS.email);
    await waitFor(async () => (await (await get(path)).text()).includes(`vérifiées pour la dernière fois le ${frenchDate(today)}`), "the server to serve the new date", 20_000);
    // And the service's public page, what professionals read, says it too.
    const servicePage = await read(await get(`/services/${CONFIRMS.id}`));
    expect(servicePage).toContain(`Vérifiée le ${frenchDate(today)}`);
  });

  it("turns a correction into a field report with the diff, relayed to the editors' room", async () => {
    const path = await linkFor(CORRECTS.email);
    const form = await get(`${path}/corriger`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('name="telephone"');
    const phone = /name="telephone" type="tel" maxlength="40" value="([^"]*)"/.exec(html)![1]!;

    const nothing = await post(`${path}/corriger`, { telephone: phone });
    expect(nothing.status).toBe(400);
    expect(await read(nothing)).toContain("Vous n'avez rien modifié");

    const sent = await post(`${path}/corriger`, { telephone: "01 99 00 99 99", commentaire: "Nous livrons aussi le samedi." });
    expect(sent.status).toBe(200);
    expect(await read(sent)).toContain("Votre correction a été transmise");

    const store = openStore(env.ORIENTEUR_DB!);
    try {
      const reports = createFeedbackRepository(store.db).signalements().filter((r) => r.serviceId === CORRECTS.id);
      expect(reports).toHaveLength(1);
      expect(reports[0]!.platform).toBe("campagne");
      expect(reports[0]!.texte).toContain("Téléphone (telephone)");
      expect(reports[0]!.texte).toContain("Nous livrons aussi le samedi.");
    } finally {
      store.close();
    }
    await waitFor(() => telegram.sent().some((m) => m.room === String(EDITORS) && m.text.includes(CORRECTS.id)), "the editors' room to be told", 10_000);
    const notice = telegram.sent().find((m) => m.room === String(EDITORS) && m.text.includes(CORRECTS.id))!.text;
    expect(notice).toContain(`« ${phone} » → « 01 99 00 99 99 »`);
    expect(notice).toContain("Nous livrons aussi le samedi.");
  });

  it("reminds the silent service after the delay, at most twice, and never the others", async () => {
    expect((await cli(["relancer"], LAUNCH + 13 * DAY)).out).toContain("Aucune relance à envoyer.");
    const reminded = await cli(["relancer"], LAUNCH + 15 * DAY);
    expect(reminded.out).toContain("1 relance(s) envoyée(s).");
    expect(smtp.received.at(-1)!.to).toBe(SILENT.email);
    expect((await smtp.parse(smtp.received.length - 1)).subject).toMatch(/^Rappel : /);
    expect((await cli(["relancer"], LAUNCH + 20 * DAY)).out).toContain("Aucune relance à envoyer.");
    expect((await cli(["relancer"], LAUNCH + 30 * DAY)).out).toContain("1 relance(s) envoyée(s).");
    expect((await cli(["relancer"], LAUNCH + 45 * DAY)).out).toContain("Aucune relance à envoyer.");
    expect(smtp.received.filter((m) => m.to === SILENT.email)).toHaveLength(3);
  });

  it("follows up: who confirmed, who corrected, who did not answer, which address was refused", async () => {
    const { out, code } = await cli(["suivi", "--json"]);
    expect(code).toBe(0);
    const follow = JSON.parse(out) as Record<string, { service: string; courriel: string }[]>;
    expect(follow.confirmes!.map((r) => [r.service, r.courriel])).toEqual([[CONFIRMS.id, CONFIRMS.email]]);
    expect(follow.corriges!.map((r) => r.service)).toEqual([CORRECTS.id]);
    expect(follow.sans_reponse!.map((r) => r.service)).toEqual([SILENT.id]);
    expect(follow.adresses_refusees!.map((r) => [r.service, r.courriel])).toEqual([[REFUSED.id, REFUSED.email]]);
    // The editors' monthly list names the services that did not answer.
    const store = openStore(env.ORIENTEUR_DB!);
    try {
      const orienteur = createOrienteur(await loadKnowledge(dir));
      const monthly = renderText(monthlyStaleEntries(orienteur, new Date(), 30, unansweredLines(createCampaignRepository(store.db), orienteur)));
      expect(monthly).toContain("2 service(s) n'ont pas répondu à la campagne de mise à jour");
      expect(monthly).toContain(`(${SILENT.id}) — ${SILENT.email}`);
      expect(monthly).toMatch(new RegExp(`\\(${REFUSED.id}\\) — .* — adresse refusée \\(550`));
    } finally {
      store.close();
    }
    const text = (await cli(["suivi"])).out;
    expect(text).toContain("Confirmé (1) :");
    expect(text).toContain("Sans réponse (1) :");
    expect(text).toContain("Adresse refusée (1) :");
  });

  it("counts an address the newsletter's return mailbox found refused as refused", async () => {
    const store = openStore(env.ORIENTEUR_DB!);
    try {
      createDeliveryRepository(store.db).suppress(SILENT.email, "550 5.1.1 boîte inconnue (avis de non-remise)");
    } finally {
      store.close();
    }
    const follow = JSON.parse((await cli(["suivi", "--json"])).out) as Record<string, { service: string; erreur?: string }[]>;
    expect(follow.sans_reponse).toEqual([]);
    expect(follow.adresses_refusees!.find((r) => r.service === SILENT.id)?.erreur).toBe("refusée pour la lettre d'information : 550 5.1.1 boîte inconnue (avis de non-remise)");
  });

  it("does not ask a service that just confirmed in the next campaign", async () => {
    const next = await cli(["lancer", "--besoin", "portage-repas", "--territoire", "Clamecy", "--dry-run"], Date.now());
    expect(next.out).toContain("Aucun service à solliciter.");
    expect(next.out).toContain("1 service(s) à jour");
  });
});

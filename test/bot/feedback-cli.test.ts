// `orienteur signalements` and `orienteur besoins-non-couverts` over a real store file (ORIENTEUR_DB):
// the command functions with a recording terminal, and the real command as a child process as
// registered in bot/cli/main.ts.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseSince, runSignalements, runUnmetNeeds, type FeedbackOptions } from "../../bot/cli/commands/feedback.ts";
import { createFeedbackRepository } from "../../bot/feedback/repository.ts";
import { openStore } from "../../bot/store/store.ts";
import { DEMO_DIR } from "../helpers/bases.ts";
import { runCli } from "../helpers/cli.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const NOW = new Date("2026-11-20T10:00:00Z");
const DAY = 86_400_000;

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "orienteur-feedback-"));
  db = join(dir, "state.sqlite");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Fills the store file as the running server would have. */
function seed(): void {
  const store = openStore(db);
  const feedback = createFeedbackRepository(store.db);
  feedback.addSignalement({ platform: "telegram", room: null, serviceId: "ssiad-nevers", texte: "le numéro a changé, voir Mme Dupont au 06 12 34 56 78" }, NOW.getTime() - 2 * DAY);
  feedback.addSignalement({ platform: "matrix", room: "!editeurs:example.org", serviceId: "ccas-clamecy", texte: "fermé le vendredi après-midi" }, NOW.getTime() - DAY);
  const lormes = { type: "commune", code: "58145", nom: "Lormes" };
  feedback.recordUnmetNeed({ besoins: ["portage-repas"], termes: "portage repas", lieu: lormes, situation: "aucun-service-local" }, NOW.getTime() - DAY);
  feedback.recordUnmetNeed({ besoins: ["portage-repas"], termes: "repas chauds", lieu: lormes, situation: "aucun-service-local" }, NOW.getTime() - 2 * DAY);
  feedback.recordUnmetNeed({ besoins: [], termes: "ramonage cheminee", lieu: { type: "commune", code: "58095", nom: "Decize" }, situation: "besoin-inconnu" }, NOW.getTime() - 3 * DAY);
  feedback.recordUnmetNeed({ besoins: ["aide-a-domicile"], termes: "aide menagere", lieu: lormes, situation: "aucun-service-local" }, NOW.getTime() - 60 * DAY);
  store.close();
}

function terminal() {
  const io = { out: [] as string[], err: [] as string[] };
  return { io, recorder: { out: (text: string) => void io.out.push(text), err: (text: string) => void io.err.push(text) } };
}

const base: FeedbackOptions = { kb: DEMO_DIR };
const context = () => ({ env: { ORIENTEUR_DB: db }, now: NOW });

describe("orienteur signalements", () => {
  it("lists open reports with the service's name and how to close them", async () => {
    seed();
    const { io, recorder } = terminal();
    expect(await runSignalements([], base, recorder, context())).toBe(0);
    const text = io.out.join("\n");
    expect(text).toContain("2 signalements ouverts :");
    expect(text).toContain("n° 1 — 18/11/2026 11:00 — ssiad-nevers (telegram, message direct) — Service de soins infirmiers à domicile de Nevers");
    expect(text).toContain("  le numéro a changé, voir Mme [nom] au [téléphone]");
    expect(text).toContain("n° 2 — 19/11/2026 11:00 — ccas-clamecy (matrix, salon !editeurs:example.org)");
    expect(text).toContain('Pour en fermer un : orienteur signalements fermer <n°> [--note "ce qui a été fait"]');
  });

  it("closes a report with a note, scrubbed, and lists it with --tous only", async () => {
    seed();
    const { io, recorder } = terminal();
    expect(await runSignalements(["fermer", "1"], { ...base, note: "numéro corrigé, merci Mme Dupont" }, recorder, context())).toBe(0);
    expect(io.out.at(-1)).toBe("Signalement n° 1 fermé.");
    await runSignalements([], base, recorder, context());
    expect(io.out.at(-1)).toContain("1 signalement ouvert :");
    expect(io.out.at(-1)).not.toContain("n° 1 ");
    await runSignalements([], { ...base, tous: true }, recorder, context());
    expect(io.out.at(-1)).toContain("2 signalements :");
    expect(io.out.at(-1)).toContain("✓ fermé le 20/11/2026 11:00 : numéro corrigé, merci Mme [nom]");
  });

  it("gives stable JSON for scripts", async () => {
    seed();
    const { io, recorder } = terminal();
    await runSignalements([], { ...base, json: true }, recorder, context());
    const json = JSON.parse(io.out.join("")) as { signalements: Record<string, unknown>[] };
    expect(json.signalements[0]).toEqual({
      numero: 1,
      service: "ssiad-nevers",
      service_nom: "Service de soins infirmiers à domicile de Nevers",
      texte: "le numéro a changé, voir Mme [nom] au [téléphone]",
      plateforme: "telegram",
      salon: null,
      cree_le: "2026-11-18T10:00:00.000Z",
      ferme_le: null,
      note: null,
    });
  });

  it("explains an unknown number or a malformed command", async () => {
    seed();
    const { io, recorder } = terminal();
    expect(await runSignalements(["fermer", "99"], base, recorder, context())).toBe(1);
    expect(io.err.at(-1)).toBe("Aucun signalement n° 99. Signalements ouverts : 1, 2. La liste : orienteur signalements --tous");
    expect(await runSignalements(["fermer"], base, recorder, context())).toBe(2);
    expect(io.err.at(-1)).toContain("orienteur signalements fermer 12");
    expect(await runSignalements(["effacer"], base, recorder, context())).toBe(2);
    expect(io.err.at(-1)).toContain("Sous-commande inconnue « signalements effacer »");
  });

  it("says so when there is nothing to read, and creates the store where ORIENTEUR_DB says", async () => {
    const { io, recorder } = terminal();
    expect(await runSignalements([], base, recorder, context())).toBe(0);
    expect(io.out.at(-1)).toBe("Aucun signalement ouvert.");
    expect(readFileSync(db).length).toBeGreaterThan(0);
  });
});

describe("orienteur besoins-non-couverts", () => {
  it("groups the unmet needs of the period by need and place, with the need's label", async () => {
    seed();
    const { io, recorder } = terminal();
    expect(await runUnmetNeeds([], { ...base, depuis: "30j" }, recorder, context())).toBe(0);
    const text = io.out.join("\n");
    expect(text).toContain("Besoins non couverts depuis le 21/10/2026");
    expect(text).toContain("Portage de repas à domicile (portage-repas) : 2 fois");
    expect(text).toContain("• Lormes : 2 fois, la dernière le 19/11/2026 — aucun service local (portes d'entrée généralistes seulement) — mots : « portage repas », « repas chauds »");
    expect(text).toContain("Besoin non reconnu, « ramonage cheminee » : 1 fois");
    expect(text).toContain("• Decize : 1 fois");
    // Sixty days ago: outside the period.
    expect(text).not.toContain("aide-a-domicile");
  });

  it("reads --depuis as days, weeks, months or a date, and refuses anything else", async () => {
    const now = NOW.getTime();
    expect(parseSince("30j", now)).toBe(now - 30 * DAY);
    expect(parseSince("4s", now)).toBe(now - 28 * DAY);
    expect(parseSince("2 mois", now)).toBe(now - 60 * DAY);
    expect(parseSince("2026-01-31", now)).toBe(Date.parse("2026-01-31T00:00:00Z"));
    expect(parseSince("hier", now)).toBeUndefined();
    const { io, recorder } = terminal();
    expect(await runUnmetNeeds([], { ...base, depuis: "hier" }, recorder, context())).toBe(2);
    expect(io.err.at(-1)).toBe("--depuis « hier » n'est pas compris : écrivez un nombre de jours (30j), de semaines (4s), de mois (6m) ou une date (2026-01-31).");
  });

  it("gives the groups as JSON, the period widened to include older needs", async () => {
    seed();
    const { io, recorder } = terminal();
    await runUnmetNeeds([], { ...base, depuis: "90j", json: true }, recorder, context());
    const json = JSON.parse(io.out.join("")) as { depuis: string; groupes: { besoin: string | null; libelle: string | null; nombre: number; lieu: { nom: string } | null }[] };
    expect(json.depuis).toBe(new Date(NOW.getTime() - 90 * DAY).toISOString());
    expect(json.groupes.map((g) => [g.besoin, g.libelle, g.lieu?.nom, g.nombre])).toEqual([
      ["portage-repas", "Portage de repas à domicile", "Lormes", 2],
      ["aide-a-domicile", "Aide et accompagnement à domicile (SAAD)", "Lormes", 1],
      [null, null, "Decize", 1],
    ]);
  });
});

// The same commands for real, once bot/cli/main.ts dispatches them.


const run = (args: string[]) => runCli(args, { ORIENTEUR_DB: db });

describe("the orienteur command, as a child process", () => {
  it("lists, closes and reports from the store named by ORIENTEUR_DB", async () => {
    seed();
    const listed = await run(["signalements", "--json"]);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { signalements: unknown[] }).signalements).toHaveLength(2);
    const closed = await run(["signalements", "fermer", "2", "--note", "horaires corrigés"]);
    expect(closed).toMatchObject({ code: 0, stdout: "Signalement n° 2 fermé.\n" });
    const all = await run(["signalements", "--tous"]);
    expect(all.stdout).toContain("✓ fermé le");
    expect(all.stdout).toContain("horaires corrigés");
    const unmet = await run(["besoins-non-couverts", "--depuis", "3650j"]);
    expect(unmet.code).toBe(0);
    expect(unmet.stdout).toContain("Portage de repas à domicile (portage-repas)");
  });
});

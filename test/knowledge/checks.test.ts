// Quality checks (`orienteur kb check` beyond the schema), on test/fixtures/quality-base: a copy
// of the mini base where each file has known defects, described in its comments. Each check is
// asserted on the message an editor reads; the CLI runs for real as a child process.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../knowledge/base.ts";
import { scoreCompleteness } from "../../knowledge/checks/completeness.ts";
import { createLocator } from "../../knowledge/checks/locate.ts";
import { runQualityChecks, type CheckCode, type CodedProblem } from "../../knowledge/checks/run.ts";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { formatProblem } from "../../knowledge/load/problems.ts";
import { locate, type YamlFile } from "../../knowledge/load/read-yaml.ts";
import { KIND_NAMES, KINDS } from "../../knowledge/schema/index.ts";
import { DEMO_DIR } from "../helpers/bases.ts";
import { runCli } from "../helpers/cli.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const QUALITY_DIR = fileURLToPath(new URL("../fixtures/quality-base", import.meta.url));
const TODAY = "2026-11-23";

/** A throwaway copy of the quality base, with files added or replaced, and folders removed. */
function copyOfQualityBase(files: Record<string, string> = {}, remove: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), "orienteur-quality-"));
  cpSync(QUALITY_DIR, dir, { recursive: true });
  for (const path of remove) rmSync(join(dir, path), { recursive: true, force: true });
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
  copies.push(dir);
  return dir;
}
const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function checksOf(dir: string, today = TODAY): Promise<CodedProblem[]> {
  return runQualityChecks(await loadKnowledge(dir), undefined, { today });
}

const lines = (problems: readonly CodedProblem[], code: CheckCode) => problems.filter((p) => p.code === code).map(formatProblem);

const run = (args: string[]) => runCli(args);

// Two copies of existing services, to turn the quality base into a base with errors.
const SAME_NAME_AND_ZONE = `# Fictif. Le même service que portage-clamecy, saisi une deuxième fois.
id: portage-clamecy-copie
nom: PORTAGE de repas du clamecycois
description_falc: On apporte des repas chez vous, autour de Clamecy.
description: Livraison de repas au domicile des personnes âgées du Clamecycois.
besoins: [portage-repas]
publics: [personnes-agees]
zone_eligibilite: ["200067429"]
telephone: 01 99 00 10 21
date_maj: 2026-10-01
`;
const SAME_CONTACT_ZONE_AND_NEED = `# Fictif. Le même service que portage-clamecy, sous un autre nom.
id: repas-haut-nivernais
nom: Repas à domicile du Haut Nivernais
description_falc: Des repas livrés chez vous dans le Haut Nivernais.
description: Livraison de repas au domicile des personnes âgées, du lundi au vendredi.
besoins: [portage-repas]
publics: [personnes-agees]
zone_eligibilite: ["200067429"]
telephone: +33 1 99 00 10 01
date_maj: 2026-10-01
`;

describe("quality checks on the broken fixture base", () => {
  let problems: CodedProblem[];
  beforeAll(async () => {
    problems = await checksOf(QUALITY_DIR);
  });

  it("finds no error in a base whose defects are all worth a look but not wrong", () => {
    expect(problems.filter((p) => p.severity === "erreur")).toEqual([]);
    expect(problems.every((p) => p.severity === "avertissement" && p.line > 0 && p.column > 0)).toBe(true);
  });

  describe("stale entries", () => {
    it("warns about a service not checked within its own update frequency, and says how to mark it", () => {
      expect(lines(problems, "date-maj-ancienne")).toContain(
        "services/ssiad-clamecy.yaml:15:11 — champ « date_maj » : à vérifier : dernière mise à jour le 15 janvier 2025, il y a 22 mois (vérification attendue tous les 12 mois) ; marquez-la à jour avec `orienteur kb verifier ssiad-clamecy` après vérification",
      );
      expect(lines(problems, "date-maj-ancienne")).toContain(
        "services/aide-domicile-morvan.yaml:13:11 — champ « date_maj » : à vérifier : dernière mise à jour le 1er juillet 2026, il y a 4 mois (vérification attendue tous les 3 mois) ; marquez-la à jour avec `orienteur kb verifier aide-domicile-morvan` après vérification",
      );
    });

    it("uses 6 months when the service does not say, counting whole months", async () => {
      const stale = (found: CodedProblem[]) => found.filter((p) => p.code === "date-maj-ancienne" && p.file === "services/portage-clamecy.yaml").map(formatProblem);
      expect(stale(problems)).toEqual([]);
      expect(stale(await checksOf(QUALITY_DIR, "2027-02-28"))).toEqual([]);
      expect(stale(await checksOf(QUALITY_DIR, "2027-03-01"))).toEqual([
        "services/portage-clamecy.yaml:12:11 — champ « date_maj » : à vérifier : dernière mise à jour le 1er septembre 2026, il y a 6 mois ; marquez-la à jour avec `orienteur kb verifier portage-clamecy` après vérification",
      ]);
    });

    it("warns about a date in the future", () => {
      expect(lines(problems, "date-maj-future")).toEqual([
        "services/info-seniors.yaml:12:11 — champ « date_maj » : date de mise à jour dans le futur (1er janvier 2099) : indiquez la date de la dernière vérification, au format AAAA-MM-JJ",
      ]);
    });
  });

  describe("sigles missing from the glossary", () => {
    it("reports each unknown sigle once, where it first appears, listing every entry and field that uses it", () => {
      expect(lines(problems, "sigle-inconnu")).toContain(
        "services/ssiad-clamecy.yaml:4:6 — champ « nom » : sigle « SSIAD » absent du glossaire (faute de frappe pour « SAAD » ?), employé dans services/ssiad-clamecy.yaml (nom, sigle, description) ; pratiques/pratiques.yaml (resume) : ajoutez-le dans sigles/ avec sa forme longue et une définition, ou écrivez-le en toutes lettres",
      );
    });

    it("suggests the known sigle a typo may stand for", () => {
      expect(lines(problems, "sigle-inconnu")).toContain(
        "services/aide-domicile-morvan.yaml:8:14 — champ « description » : sigle « SAD » absent du glossaire (faute de frappe pour « SAAD » ?), employé dans services/aide-domicile-morvan.yaml (description) : ajoutez-le dans sigles/ avec sa forme longue et une définition, ou écrivez-le en toutes lettres",
      );
    });

    it("reads names, practices and agenda events too, and leaves known sigles alone", () => {
      const sigles = problems.filter((p) => p.code === "sigle-inconnu").map((p) => /sigle « (\w+) »/.exec(p.message)?.[1]);
      expect(sigles.sort()).toEqual(["CCAS", "ESA", "PFR", "SAD", "SSIAD"]);
      expect(lines(problems, "sigle-inconnu")).toContain(
        "agenda/agenda.yaml:4:16 — champ « description » : sigle « PFR » absent du glossaire, employé dans agenda/agenda.yaml (description) : ajoutez-le dans sigles/ avec sa forme longue et une définition, ou écrivez-le en toutes lettres",
      );
    });
  });

  describe("contacts", () => {
    it("warns about a premium-rate number", () => {
      expect(lines(problems, "telephone-surtaxe")).toEqual([
        "services/info-seniors.yaml:10:12 — champ « telephone » : numéro surtaxé (08 99 00 10 09) : l'appel coûte cher aux personnes orientées ; indiquez un numéro ordinaire ou gratuit si le service en a un",
      ]);
    });

    it("warns about a link in plain http://", () => {
      expect(lines(problems, "lien-http")).toEqual([
        "services/info-seniors.yaml:11:11 — champ « site_web » : adresse web non sécurisée (http://info-seniors.example.org) : indiquez-la en https:// si le site l'accepte",
      ]);
    });

    it("warns, without failing, when two services with different names and zones share an e-mail (case aside)", () => {
      expect(lines(problems, "contact-partage")).toEqual([
        "services/saad-nievre.yaml:10:11 — champ « courriel » : même courriel (saad@example.org) que « aide-domicile-morvan » (services/aide-domicile-morvan.yaml, ligne 5), enregistré sous le nom « Aide à domicile du Morvan » : vérifiez qu'il ne s'agit pas du même service, et que ce contact est le bon pour les deux",
      ]);
    });
  });

  describe("needs without a service somewhere", () => {
    it("lists, once per need, the territories where some commune has no service for it", () => {
      expect(lines(problems, "besoin-non-couvert")).toEqual([
        "besoins/besoins.yaml:1:7 — champ « id » : besoin « Portage de repas à domicile » sans service sur 1 territoire sur 1 : Territoire d'action sociale du Haut Nivernais (58 communes sur 84 sans service) ; ajoutez un service qui y répond, ou élargissez la zone d'un service existant",
        "besoins/besoins.yaml:13:7 — champ « id » : besoin « Premier accueil social » sans service sur 1 territoire sur 1 : Territoire d'action sociale du Haut Nivernais (aucun service) ; ajoutez un service qui y répond, ou élargissez la zone d'un service existant",
      ]);
    });

    it("leaves out needs communal by nature: those only a CCAS answers, and those that say `echelle: commune`", async () => {
      // Without info-seniors, only ccas-decize answers premier-accueil-social: every commune has its CCAS.
      const besoins = readFileSync(join(QUALITY_DIR, "besoins/besoins.yaml"), "utf8").replace("  libelle: Portage de repas à domicile\n", "  libelle: Portage de repas à domicile\n  echelle: commune\n");
      const found = await checksOf(copyOfQualityBase({ "besoins/besoins.yaml": besoins }, ["services/info-seniors.yaml"]));
      expect(lines(found, "besoin-non-couvert")).toEqual([]);
    });

    it("says when no service at all answers a need", () => {
      expect(lines(problems, "besoin-sans-service")).toEqual([
        "besoins/besoins.yaml:19:7 — champ « id » : aucun service de la base ne répond au besoin « Transport solidaire » : ajoutez-en un, ou retirez le besoin s'il ne sert plus",
      ]);
    });

    it("counts a need as covered when a département-wide service answers it, ignoring communes outside the base's départements", () => {
      // aide-a-domicile: saad-nievre covers the 58; the territory's 4 communes of the Yonne do not count.
      expect(problems.some((p) => p.code === "besoin-non-couvert" && p.message.includes("Aide à domicile"))).toBe(false);
    });

    it("uses the EPCI of the base's départements when the base defines no territory, and keeps the message short", async () => {
      const found = await checksOf(copyOfQualityBase({}, ["territoires"]));
      const portage = found.find((p) => p.code === "besoin-non-couvert" && p.message.includes("Portage de repas"));
      expect(portage?.message).toMatch(/^besoin « Portage de repas à domicile » sans service sur 12 territoires sur 13 : CA de Nevers \(aucun service\), .* et 4 autres ; ajoutez/);
      // The CC Haut Nivernais - Val d'Yonne is covered by portage-clamecy.
      expect(portage?.message).not.toContain("Haut Nivernais");
    });
  });

  describe("duplicate services (errors)", () => {
    it("fails on a service with the same name (case and accents aside) and the same zone, naming the other file", async () => {
      const found = await checksOf(copyOfQualityBase({ "services/portage-clamecy-copie.yaml": SAME_NAME_AND_ZONE }));
      expect(lines(found, "service-doublon")).toEqual([
        "services/portage-clamecy.yaml:3:6 — champ « nom » : doublon : même nom et même zone que « portage-clamecy-copie » (services/portage-clamecy-copie.yaml, ligne 2) ; fusionnez les deux fiches, ou distinguez-les par leur nom ou leur zone",
      ]);
      expect(found.find((p) => p.code === "service-doublon")?.severity).toBe("erreur");
    });

    it("fails on the same phone number, zone and need under another name, whatever the number's spelling", async () => {
      const found = await checksOf(copyOfQualityBase({ "services/repas-haut-nivernais.yaml": SAME_CONTACT_ZONE_AND_NEED }));
      expect(lines(found, "service-doublon")).toEqual([
        "services/repas-haut-nivernais.yaml:9:12 — champ « telephone » : doublon probable : même téléphone (+33 1 99 00 10 01), même zone et même besoin que « portage-clamecy » (services/portage-clamecy.yaml, ligne 2), enregistré sous le nom « Portage de repas du Clamecycois » ; s'il s'agit du même service, fusionnez les deux fiches",
      ]);
    });

    it("accepts the same name in another zone (one service per antenna)", async () => {
      const otherZone = SAME_NAME_AND_ZONE.replace('zone_eligibilite: ["200067429"]', 'zone_eligibilite: ["58095"]');
      const found = await checksOf(copyOfQualityBase({ "services/portage-clamecy-copie.yaml": otherZone }));
      expect(found.filter((p) => p.severity === "erreur")).toEqual([]);
    });
  });
});

describe("locating problems", () => {
  it("points at the same line and column as the YAML parser, for every field of every demo entry", async () => {
    const base = await loadKnowledge(DEMO_DIR);
    const locator = createLocator(base);
    const differences: string[] = [];
    const yamlFiles = new Map<string, YamlFile>();
    for (const kind of KIND_NAMES) {
      for (const entry of base[kind] as unknown as Record<string, unknown>[]) {
        const id = String(entry[KINDS[kind].key]);
        const ref = base.sources.get(`${kind}:${id}`)!;
        let yamlFile = yamlFiles.get(ref.file);
        if (!yamlFile) yamlFiles.set(ref.file, (yamlFile = { file: ref.file, source: readFileSync(join(base.dir, ref.file), "utf8"), isList: true, entries: [] }));
        for (const key of Object.keys(entry)) {
          const fast = locator.at(kind, id, [key]);
          const parsed = locate(yamlFile, ref.index, [key]);
          if (fast.line !== parsed.line || fast.column !== parsed.column) differences.push(`${ref.file} ${id} ${key}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });
});

describe("the demo base", () => {
  it("has no quality error", async () => {
    const found = await checksOf(DEMO_DIR);
    expect(found.filter((p) => p.severity === "erreur").map(formatProblem)).toEqual([]);
  });

  // How fast: `npm run bench`, section 5 (kb check on synthetic bases of 1 000 and 10 000 services).
  it("checks a base of 10 000 services and finds each stale one", async () => {
    // 10 000 services made of the demo's (same zones, texts and needs), pointing at the demo files.
    const demo = await loadKnowledge(DEMO_DIR);
    const services = Array.from({ length: 10_000 }, (_, n) => {
      const template = demo.services[n % demo.services.length]!;
      return { ...template, id: `${template.id}-${n}`, nom: `${template.nom} ${n}`, telephone: undefined, courriel: undefined };
    });
    const sources = new Map(demo.sources);
    for (const service of services) sources.set(`services:${service.id}`, demo.sources.get(`services:${service.id.replace(/-\d+$/, "")}`)!);
    const base: KnowledgeBase = { ...demo, services, sources };
    const found = runQualityChecks(base, undefined, { today: TODAY });
    expect(found.filter((p) => p.code === "date-maj-ancienne").length).toBeGreaterThan(1000);
  });
});

describe("orienteur kb check", () => {
  it("exits with 0 on a base with warnings only, printing them after the summary line", async () => {
    const { code, stdout } = await run(["kb", "check", "--kb", QUALITY_DIR]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ .*quality-base : base valide \(6 services, 4 besoins/);
    expect(stdout).toContain("! services/info-seniors.yaml:10:12 — champ « telephone » : numéro surtaxé (08 99 00 10 09)");
    expect(stdout).toMatch(/\n0 erreur, \d+ avertissements\.\n$/);
  });

  it("reports every problem with its stable code in --json", async () => {
    const { code, stdout } = await run(["kb", "check", "--json", "--kb", QUALITY_DIR]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { base: string; valide: boolean; erreurs: number; avertissements: number; problemes: Record<string, unknown>[] };
    expect(Object.keys(report)).toEqual(["base", "valide", "erreurs", "avertissements", "problemes", "completude"]);
    expect(report.valide).toBe(true);
    expect(report.erreurs).toBe(0);
    expect(report.avertissements).toBe(report.problemes.length);
    for (const problem of report.problemes) expect(Object.keys(problem)).toEqual(["severity", "file", "line", "column", "field", "message", "code"]);
    expect(new Set(report.problemes.map((p) => p.code))).toEqual(
      new Set(["date-maj-ancienne", "date-maj-future", "sigle-inconnu", "telephone-surtaxe", "lien-http", "contact-partage", "besoin-non-couvert", "besoin-sans-service"]),
    );
    expect(report.problemes).toContainEqual({
      severity: "avertissement",
      file: "services/info-seniors.yaml",
      line: 11,
      column: 11,
      field: "site_web",
      message: "adresse web non sécurisée (http://info-seniors.example.org) : indiquez-la en https:// si le site l'accepte",
      code: "lien-http",
    });
  });

  it("reports each service's completeness in --json, lowest first, with what is missing in French", async () => {
    const { stdout } = await run(["kb", "check", "--json", "--kb", QUALITY_DIR]);
    const { completude } = JSON.parse(stdout) as { completude: { moyenne: number; services: { id: string; file: string; score: number; manque: string[] }[] } };
    const scores = completude.services.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(completude.services).toHaveLength(6);
    // saad-nievre: an e-mail but no phone, no address, no referent, nothing on how to refer, a short description.
    expect(completude.services.find((s) => s.id === "saad-nievre")).toEqual({
      id: "saad-nievre",
      nom: "Aide à domicile de la Nièvre",
      file: "services/saad-nievre.yaml",
      score: expect.any(Number),
      manque: expect.arrayContaining(["téléphone", "comment orienter (mobilisation_precisions)", "adresse", "contact nommé (referent)", "coût (frais)"]),
    });
    expect(completude.services.find((s) => s.id === "saad-nievre")?.manque).not.toContain("courriel");
    expect(completude.moyenne).toBe(Math.round(scores.reduce((a, b) => a + b, 0) / scores.length));
  });

  it("sums completeness up in one line of the human report, naming the fiches to complete first", async () => {
    const { stdout } = await run(["kb", "check", "--kb", QUALITY_DIR]);
    expect(stdout.split("\n")[1]).toMatch(/^Complétude des fiches : \d+ % en moyenne sur 6 services\. À compléter d'abord : aide-domicile-morvan \(\d+ % ; manque : téléphone, comment orienter \(mobilisation_precisions\), .*\) ; saad-nievre \(\d+ %/);
  });

  it("exits with 1 on a duplicate, listing the error before the warnings", async () => {
    const dir = copyOfQualityBase({ "services/portage-clamecy-copie.yaml": SAME_NAME_AND_ZONE });
    const { code, stderr } = await run(["kb", "check", "--kb", dir]);
    expect(code).toBe(1);
    const printed = stderr.split("\n");
    expect(printed[1]).toBe(
      "✗ services/portage-clamecy.yaml:3:6 — champ « nom » : doublon : même nom et même zone que « portage-clamecy-copie » (services/portage-clamecy-copie.yaml, ligne 2) ; fusionnez les deux fiches, ou distinguez-les par leur nom ou leur zone",
    );
    expect(printed[2]).toMatch(/^! /);
    expect(stderr).toMatch(/\n1 erreur, \d+ avertissements\.\n$/);
  });

  it("reports an empty zone once, as the schema error it is, with its code", async () => {
    const dir = copyOfQualityBase({ "services/info-seniors.yaml": readFileSync(join(QUALITY_DIR, "services/info-seniors.yaml"), "utf8").replace(/^zone_eligibilite: .*\n/m, "") });
    const { code, stdout } = await run(["kb", "check", "--json", "--kb", dir]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { problemes: { code: string; file: string; message: string }[] };
    expect(report.problemes.filter((p) => p.code === "zone-vide")).toEqual([
      expect.objectContaining({ file: "services/info-seniors.yaml", message: "zone vide : renseignez `zone_eligibilite` (codes INSEE) ou `territoires`, sinon le service ne sera jamais proposé" }),
    ]);
    const text = await run(["kb", "check", "--kb", dir]);
    expect(text.stderr).toContain("Les contrôles de qualité (doublons, dates de mise à jour, sigles, couverture des besoins) seront faits une fois ces erreurs corrigées.");
  });

  it("accepts the demo base with zero errors (warnings allowed)", async () => {
    const { code, stdout } = await run(["kb", "check", "--json", "--kb", DEMO_DIR]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { erreurs: number }).erreurs).toBe(0);
  });
});

describe("completeness of a fiche", () => {
  it("gives full marks to a complete, recently checked service, and takes points for each gap", async () => {
    const base = await loadKnowledge(DEMO_DIR);
    const { services } = scoreCompleteness(base, { today: "2026-12-01" });
    const complete = services.find((s) => s.id === "siao-115-nievre");
    expect(complete).toMatchObject({ score: 100, manque: [] });
    // Two years later, every fiche has lost its « recent check » points.
    const later = scoreCompleteness(base, { today: "2028-10-01" }).services.find((s) => s.id === "siao-115-nievre");
    expect(later).toMatchObject({ score: 85, manque: ["vérification récente (date_maj)"] });
  });

  it("expects no address from a national line", async () => {
    const base = await loadKnowledge(DEMO_DIR);
    const line = scoreCompleteness(base, { today: "2026-12-01" }).services.find((s) => s.id === "allo-119");
    expect(line?.manque).not.toContain("adresse");
  });
});

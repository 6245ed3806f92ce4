// Exchange with data·inclusion, the national directory: export validated against the published
// v1 JSON Schema, import of fictional records (test/fixtures/data-inclusion) into real bases on
// disk, round trips, and the `kb import` / `kb export` commands.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../knowledge/base.ts";
import { exportDataInclusion } from "../../knowledge/exchange/data-inclusion/export.ts";
import { importDataInclusion, type ImportResult } from "../../knowledge/exchange/data-inclusion/import.ts";
import { falcFrom } from "../../knowledge/exchange/data-inclusion/map-values.ts";
import { slugify, type DiService } from "../../knowledge/exchange/data-inclusion/records.ts";
import { checkKnowledge, loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { runKbExchange } from "../../bot/cli/commands/kb-exchange.ts";
import type { CliIo } from "../../bot/cli/main.ts";
import { DEMO_DIR, MINI_DIR } from "../helpers/bases.ts";
import { runCli } from "../helpers/cli.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// A copy of the published schema travels with the tests, so they pass on any machine.
const SCHEMA_DIR = join(ROOT, "test/fixtures/data-inclusion-schema-v1");
const FIXTURES = join(ROOT, "test/fixtures/data-inclusion");
const SERVICES_JSON = join(FIXTURES, "services.json");
const STRUCTURES_JSON = join(FIXTURES, "structures.json");
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const fixtureServices = () => readJson(SERVICES_JSON) as DiService[];

let validateService: ValidateFunction;
let validateStructure: ValidateFunction;
let demo: KnowledgeBase;

beforeAll(async () => {
  // The schema files carry no `$schema`: they are written by pydantic for JSON Schema 2020-12
  // (`$defs`, `anyOf` with `null`). Strict mode refuses any keyword or `$ref` it cannot resolve.
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormatsModule.default(ajv);
  validateService = ajv.compile(readJson(join(SCHEMA_DIR, "service.json")) as object);
  validateStructure = ajv.compile(readJson(join(SCHEMA_DIR, "structure.json")) as object);
  demo = await loadKnowledge(DEMO_DIR);
});

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway copy of a base folder. */
function copyOf(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), "orienteur-exchange-"));
  temporary.push(copy);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

function errorsOf(validate: ValidateFunction, record: unknown): string[] {
  return validate(record) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

function importFixtures(base: KnowledgeBase = demo): ImportResult {
  return importDataInclusion(fixtureServices(), readJson(STRUCTURES_JSON), base, { fichier: "services.json", date: "2026-11-20" });
}

describe("export to data·inclusion", () => {
  it("writes every service and structure of the demo base valid against the v1 schema", () => {
    const { services, structures } = exportDataInclusion(demo);
    expect(services).toHaveLength(demo.services.length);
    const invalid = [
      ...services.map((s) => ({ id: s.id, errors: errorsOf(validateService, s) })),
      ...structures.map((s) => ({ id: s.id, errors: errorsOf(validateStructure, s) })),
    ].filter((r) => r.errors.length > 0);
    expect(invalid).toEqual([]);
  });

  it("is checked against the value lists the schema references through $defs", () => {
    const [first] = exportDataInclusion(demo).services;
    const wrong = { ...first, thematiques: ["sante--soins-a-domicile"], publics: ["retraites"], zone_eligibilite: ["5819"] };
    expect(errorsOf(validateService, wrong)).toEqual(
      expect.arrayContaining(["/thematiques/0 must be equal to one of the allowed values", "/publics/0 must be equal to one of the allowed values"]),
    );
    expect(errorsOf(validateService, { ...first, description: undefined })).toContain(" must have required property 'description'");
  });

  it("names every record after its source and links each service to one deduplicated structure", () => {
    const { services, structures } = exportDataInclusion(demo);
    const service = services.find((s) => s.id === "orienteur--ssiad-clamecy")!;
    expect(service).toMatchObject({ source: "orienteur", nom: demo.services.find((s) => s.id === "ssiad-clamecy")!.nom });
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
    expect(new Set(structures.map((s) => s.id)).size).toBe(structures.length);
    const structureIds = new Set(structures.map((s) => s.id));
    expect(services.filter((s) => !structureIds.has(s.structure_id))).toEqual([]);
    const names = new Set(demo.services.map((s) => slugify(s.structure ?? s.nom)));
    expect(structures).toHaveLength(names.size);
    expect(structures.find((s) => s.nom === "Mission locale de la Nièvre (fictive)")?.id).toBe("orienteur--mission-locale-de-la-nievre-fictive");
    expect(exportDataInclusion(demo, { source: "Réseau des CLIC" }).services[0]!.id).toMatch(/^reseau-des-clic--/);
  });

  it("takes thématiques from the needs when the service has none, and publics from the publics' data·inclusion mapping", () => {
    // Every demo service states its thématiques: take one and remove them.
    const { thematiques: _, ...portage } = demo.services.find((s) => s.id === "portage-repas-nevers-agglo")!;
    const [exported] = exportDataInclusion({ ...demo, services: [{ ...portage, besoins: ["portage-repas", "aide-a-domicile"] }] }).services;
    expect(exported!.thematiques).toEqual([
      "equipement-et-alimentation--alimentation",
      "famille--prise-en-charge-personne-dependante",
      "equipement-et-alimentation--aide-menagere",
    ]);

    const ssiad = exportDataInclusion(demo).services.find((s) => s.id === "orienteur--ssiad-clamecy")!;
    const publics = demo.services.find((s) => s.id === "ssiad-clamecy")!.publics;
    const expected = new Set(publics.flatMap((id) => demo.publics.find((p) => p.id === id)?.data_inclusion ?? []));
    expect(new Set(ssiad.publics)).toEqual(expected);
  });

  it("expands the base's territories into the codes they are written with", async () => {
    const service = demo.services.find((s) => (s.territoires?.length ?? 0) > 0)!;
    const exported = exportDataInclusion(demo).services.find((s) => s.id === `orienteur--${service.id}`)!;
    const codes = service.territoires!.flatMap((id) => demo.territoires.find((t) => t.id === id)!.zone);
    expect(exported.zone_eligibilite).toEqual(expect.arrayContaining([...(service.zone_eligibilite ?? []), ...codes]));
    expect(new Set(exported.zone_eligibilite).size).toBe(exported.zone_eligibilite!.length);
  });

  it("writes phone numbers in E.164 and opening hours as they are", () => {
    const exported = exportDataInclusion(demo).services.find((s) => s.id === "orienteur--epicerie-solidaire-nevers")!;
    const original = demo.services.find((s) => s.id === "epicerie-solidaire-nevers")!;
    expect(exported.telephone).toBe(`+33${original.telephone!.replace(/\s/g, "").slice(1)}`);
    expect(exported.horaires_accueil).toBe(original.horaires_accueil);
  });

  it("sets publics to null, not an empty list, when no public of the base has a data·inclusion mapping", async () => {
    const mini = await loadKnowledge(MINI_DIR);
    const { services, structures } = exportDataInclusion(mini);
    expect(services.map((s) => s.publics)).toEqual([null, null, null]);
    expect([...services.flatMap((s) => errorsOf(validateService, s)), ...structures.flatMap((s) => errorsOf(validateStructure, s))]).toEqual([]);
  });
});

describe("import from data·inclusion", () => {
  it("maps thématiques to the needs that fit them best", () => {
    const { imported } = importFixtures();
    const besoins = Object.fromEntries(imported.map((s) => [s.sourceId, s.service.besoins]));
    expect(besoins).toEqual({
      // Both thématiques are on « aide à domicile »; twelve other needs have only the second one.
      "annuaire-demo-58--SAAD:2026-0042": ["aide-a-domicile"],
      // « aide alimentaire » has only this thématique; « portage de repas » has one more.
      "annuaire-demo-58--epicerie-sociale-fourchambault": ["aide-alimentaire"],
      "annuaire-demo-58--ateliers-numeriques-clamecy": ["aide-numerique"],
      "annuaire-demo-58--point-conseil-budget": ["budget-surendettement"],
      // Two needs carry exactly `famille--soutien-aidants`: both are kept, for the editor to choose.
      "annuaire-demo-58--ligne-aidants": ["repit-aidants", "soutien-aidants"],
      "annuaire-demo-58--permanence-juridique-clamecy": ["acces-au-droit-justice"],
      // No need of the base, nor any concept of the lexicon, carries this thématique: one is proposed.
      "annuaire-demo-58--repair-cafe-morvan": ["developper-son-entreprise"],
    });
    for (const service of imported) expect(service.service.thematiques).toEqual(fixtureServices().find((f) => f.id === service.sourceId)!.thematiques!.filter((t) => !t.startsWith("acces-au-droit--")));
  });

  it("attaches every need that carries a thématique when asked to", () => {
    const result = importDataInclusion(fixtureServices().slice(0, 1), readJson(STRUCTURES_JSON), demo, { everyMatchingBesoin: true });
    const expected = demo.besoins
      .filter((b) => b.thematiques?.some((t) => t === "equipement-et-alimentation--aide-menagere" || t === "famille--prise-en-charge-personne-dependante"))
      .map((b) => b.id);
    expect(result.imported[0]!.service.besoins.sort()).toEqual(expected.sort());
    expect(result.imported[0]!.notes[0]).toMatch(/^la thématique « famille--prise-en-charge-personne-dependante » correspond à \d+ besoins/);
  });

  it("maps publics to the base's publics, « tous-publics » when there is none", () => {
    const publics = Object.fromEntries(importFixtures().imported.map((s) => [s.id, s.service.publics]));
    expect(publics["annuaire-demo-58-saad-2026-0042"]).toEqual(["personnes-agees", "personnes-handicapees"]);
    // `familles` goes to the public of that name, not to enfants and aidants which also map to it.
    expect(publics["annuaire-demo-58-epicerie-sociale-fourchambault"]).toEqual(["personnes-en-precarite", "familles"]);
    expect(publics["annuaire-demo-58-ligne-aidants"]).toEqual(["tous-publics"]);
  });

  it("keeps zone codes — EPCI, département, communes — and turns the country code 99100 into france", () => {
    const zones = Object.fromEntries(importFixtures().imported.map((s) => [s.id, s.service.zone_eligibilite]));
    expect(zones["annuaire-demo-58-saad-2026-0042"]).toEqual(["200067890"]);
    expect(zones["annuaire-demo-58-point-conseil-budget"]).toEqual(["58"]);
    expect(zones["annuaire-demo-58-epicerie-sociale-fourchambault"]).toEqual(["58117", "58160", "58303"]);
    expect(zones["annuaire-demo-58-ligne-aidants"]).toEqual(["france"]);
    expect(zones["annuaire-demo-58-permanence-juridique-clamecy"]).toEqual(["58079"]);
  });

  it("limits a service without zone to the commune of its address, and says so", () => {
    const [saad] = fixtureServices();
    const result = importDataInclusion([{ ...saad, zone_eligibilite: null }, { ...saad, id: "annuaire-demo-58--saad-yonne", zone_eligibilite: ["89"] }], readJson(STRUCTURES_JSON), demo, { date: "2026-11-20" });
    const [withoutZone, inYonne] = result.imported;
    expect(withoutZone!.service.zone_eligibilite).toEqual(["58062"]);
    expect(withoutZone!.notes).toContain("zone d'éligibilité absente : limitée à la commune de l'adresse (58062), à vérifier");
    expect(withoutZone!.yaml).toContain(
      "# Zone d'éligibilité absente de data·inclusion : limitée à la commune de l'adresse, à vérifier.\nzone_eligibilite:\n  - \"58062\" # Château-Chinon (Ville)\n",
    );
    expect(inYonne!.notes).toContain("la zone ne touche aucun des départements de la base (58) : le service ne sera proposé que pour des lieux hors base");
  });

  it("slugifies data·inclusion ids and keeps the date of last update", () => {
    const saad = importFixtures().imported.find((s) => s.sourceId === "annuaire-demo-58--SAAD:2026-0042")!;
    expect(saad.id).toBe("annuaire-demo-58-saad-2026-0042");
    expect(saad.service.date_maj).toBe("2026-10-02");
    const juridique = importFixtures().imported.find((s) => s.id === "annuaire-demo-58-permanence-juridique-clamecy")!;
    expect(juridique.service.date_maj).toBe("2026-09-03");
  });

  it("takes the structure's name and, when the service has none, its contacts and address", () => {
    const epicerie = importFixtures().imported.find((s) => s.id === "annuaire-demo-58-epicerie-sociale-fourchambault")!;
    expect(epicerie.service).toMatchObject({
      structure: "Épicerie sociale du Val de Loire (fictive)",
      telephone: "01 99 00 82 10",
      adresse: "12 rue Gambetta",
      code_insee: "58117",
    });
    expect(epicerie.notes).toContain("repris de la structure : telephone, courriel, adresse");
    // A line reached only by phone does not borrow the structure's street address.
    const ligne = importFixtures().imported.find((s) => s.id === "annuaire-demo-58-ligne-aidants")!;
    expect(ligne.service.adresse).toBeUndefined();
  });

  it("drafts the FALC summary from the first sentences, 300 characters at most", () => {
    for (const { service } of importFixtures().imported) {
      expect(service.description_falc.length).toBeLessThanOrEqual(300);
      expect(service.description.startsWith(service.description_falc.replace(/…$/, ""))).toBe(true);
    }
    expect(falcFrom("Premier accueil. Deuxième phrase assez longue pour compter. Troisième phrase.")).toBe(
      "Premier accueil. Deuxième phrase assez longue pour compter.",
    );
    expect(falcFrom(`**Aide** au logement : ${"très ".repeat(80)}long.`)).toMatch(/^Aide au logement : très très .*…$/);
    expect(falcFrom(`- Écoute.\n- Orientation vers les relais locaux.`)).toBe("Écoute. Orientation vers les relais locaux.");
  });

  it("reports, in French, the services it leaves out and what it drops", () => {
    const { report, rejected } = importFixtures();
    expect(rejected.map((r) => r.sourceId)).toEqual(["annuaire-demo-58--colis-urgence"]);
    expect(report).toMatch(/^Import data·inclusion depuis services\.json : 8 services lus, 7 importés, 1 non importé ; \d+ remarques sur des champs non repris ou transformés, détaillées ci-dessous\./);
    expect(report).toContain("  + developper-son-entreprise « Développer son entreprise » : proposé d'après la thématique, à compléter (1 service)");
    expect(report).toContain("✗ annuaire-demo-58--colis-urgence « Colis alimentaires d'urgence » : zone d'éligibilité absente ou faite de codes inconnus");
    for (const line of [
      "structure « annuaire-demo-58--point-justice-clamecy » absente du fichier des structures",
      "thématiques inconnues de data·inclusion v1, retirées : « acces-au-droit--aide-juridictionnelle »",
      "valeurs inconnues de « publics », retirées : « proches-aidants »",
      "codes de zone inconnus ou hors du Code officiel géographique en vigueur, retirés : « 58999 », « 58000 »",
      "téléphone « tél. 01 99 00 85 01 ou 01 99 00 85 02 » : seul le numéro 01 99 00 85 01 est repris",
      "adresse e-mail « permanence.juridique@example » invalide : retirée",
      "horaires « le premier mardi du mois, de 9h à 12h » retirés (horaires non compris : « premier », « mois » : non compris.",
      "type « permanence » inconnu : retiré",
      "valeurs inconnues de « modes_mobilisation », retirées : « prendre-rdv »",
      "adresse web « mairie-clamecy.example.org/rendez-vous » (lien_mobilisation) invalide : retirée",
      "champs sans équivalent, non repris : latitude, longitude",
      "Champs inconnus du schéma data·inclusion v1, ignorés : profils.",
    ]) {
      expect(report).toContain(line);
    }
  });

  it("creates a need missing from the base from the built-in lexicon, instead of refusing the service", () => {
    const result = importDataInclusion(readJson(join(FIXTURES, "ccas-et-creation.json")), undefined, demo, { fichier: "ccas-et-creation.json", date: "2026-11-20" });
    const creation = result.imported.find((s) => s.sourceId === "annuaire-demo-58--creation-activite-nevers");
    expect(creation?.service.besoins).toEqual(["creation-entreprise"]);
    expect(result.besoins.map((b) => ({ id: b.besoin.id, concept: b.concept, services: b.services }))).toEqual([
      { id: "creation-entreprise", concept: "creation-entreprise", services: ["annuaire-demo-58-creation-activite-nevers"] },
    ]);
    expect(result.besoins[0]!.besoin).toMatchObject({ libelle: "Création ou reprise d'entreprise, micro-entreprise", concepts: ["creation-entreprise"] });
    expect(result.besoins[0]!.yaml.split("\n")[0]).toBe("# Besoin créé à l'import data·inclusion le 2026-11-20 : à relire.");
    expect(result.report).toContain("  + creation-entreprise « Création ou reprise d'entreprise, micro-entreprise » : d'après le concept « creation-entreprise » du lexique intégré (1 service)");
  });

  it("makes a CCAS an entry point from its réseau porteur, takes the sigle from the name, and keeps lien_source and the structure's description", () => {
    const result = importDataInclusion(readJson(join(FIXTURES, "ccas-et-creation.json")), undefined, demo, { fichier: "ccas-et-creation.json", date: "2026-11-20" });
    const ccas = result.imported.find((s) => s.sourceId === "annuaire-demo-58--ccas-nevers-accueil")!;
    expect(ccas.service).toMatchObject({ sigle: "CCAS", point_entree: true, lien_source: "https://annuaire-demo-58.example.org/services/ccas-nevers-accueil" });
    expect(ccas.yaml).toContain("# Description de la structure dans data·inclusion : Le CCAS de Nevers anime l'action sociale de la commune.");
    // The structure's hours, written in French, are converted as the loader would.
    expect(ccas.service.horaires_accueil).toBe("Mo-Fr 08:30-12:00,13:30-17:00");
    expect(ccas.notes).toEqual(
      expect.arrayContaining([
        "`point_entree: true` déduit du réseau porteur de la structure (ccas-cias) : vérifiez qu'il s'agit bien d'un accueil généraliste qui oriente quel que soit le besoin",
        "sigle « CCAS » repris du nom du service",
        "« contact_nom_prenom » (C) non repris : trop court pour un nom (3 caractères au moins)",
        "de la structure, non repris : siret, accessibilite_lieu, lien_source (aucun champ équivalent dans la base) ; date_maj (la date de mise à jour du service compte)",
      ]),
    );
  });

  it("reports every field it drops or transforms: none is left out silently", () => {
    const records = [...fixtureServices(), ...(readJson(join(FIXTURES, "ccas-et-creation.json")) as { services: DiService[] }).services];
    const structures = [...(readJson(STRUCTURES_JSON) as object[]), ...(readJson(join(FIXTURES, "ccas-et-creation.json")) as { structures: object[] }).structures];
    const result = importDataInclusion(records, structures, demo, { fichier: "services.json", date: "2026-11-20" });
    // Where each data·inclusion field lands; `id`, `source` and `structure_id` make the identifier and the header.
    const target: Record<string, string> = { thematiques: "besoins", contact_nom_prenom: "referent" };
    // How the French notes name some fields.
    const SAID_AS: Record<string, string[]> = { telephone: ["téléphone "], courriel: ["adresse e-mail "], zone_eligibilite: ["codes de zone "], horaires_accueil: ["horaires « "] };
    const silent: string[] = [];
    for (const imported of result.imported) {
      const record = records.find((r) => r.id === imported.sourceId) as unknown as Record<string, unknown>;
      const entry = imported.service as unknown as Record<string, unknown>;
      for (const [field, value] of Object.entries(record)) {
        if (value === null || value === "" || (Array.isArray(value) && value.length === 0) || ["id", "source", "structure_id"].includes(field)) continue;
        const kept = entry[target[field] ?? field];
        const same = JSON.stringify(kept) === JSON.stringify(value);
        const words = [field, ...(SAID_AS[field] ?? [])];
        if (same || imported.notes.some((note) => words.some((word) => note.includes(word))) || result.general.some((g) => g.includes(field))) continue;
        if (kept !== undefined && ["besoins", "referent"].includes(target[field] ?? "")) continue;
        silent.push(`${imported.sourceId}: ${field}`);
      }
    }
    expect(silent).toEqual([]);
  });

  it("writes YAML files that say where they come from and pass the loader", async () => {
    const copy = copyOf(DEMO_DIR);
    const { imported } = importFixtures();
    const folder = join(copy, "services/import-data-inclusion");
    mkdirSync(folder);
    for (const service of imported) writeFileSync(join(folder, `${service.id}.yaml`), service.yaml);
    mkdirSync(join(copy, "besoins/import-data-inclusion"));
    for (const created of importFixtures().besoins) writeFileSync(join(copy, "besoins/import-data-inclusion", `${created.besoin.id}.yaml`), created.yaml);

    const { base, problems } = await checkKnowledge(copy);
    expect(problems.filter((p) => p.severity === "erreur")).toEqual([]);
    expect(problems.filter((p) => p.file.startsWith("services/import-data-inclusion/"))).toEqual([]);
    for (const service of imported) expect(base!.services.find((s) => s.id === service.id)).toEqual(service.service);

    const saad = readFileSync(join(folder, "annuaire-demo-58-saad-2026-0042.yaml"), "utf8");
    expect(saad.split("\n").slice(0, 2)).toEqual([
      "# Importé de data·inclusion le 2026-11-20 depuis services.json : à relire.",
      "# Identifiant data·inclusion : annuaire-demo-58--SAAD:2026-0042 (structure annuaire-demo-58--asso-morvan-domicile).",
    ]);
    expect(saad).toContain('  - "200067890" # CC Morvan Sommets et Grands Lacs\n');
    expect(saad).toContain("besoins: [aide-a-domicile]\n");
  });

  it("leaves alone a service the base already has", () => {
    const once = importFixtures();
    const first = once.imported[0]!;
    const sources = new Map(demo.sources);
    sources.set(`services:${first.id}`, { file: `services/import-data-inclusion/${first.id}.yaml`, index: 0 });
    const again = importFixtures({ ...demo, services: [...demo.services, first.service], sources });
    expect(again.imported.map((s) => s.id)).not.toContain(first.id);
    expect(again.report).toContain(
      `le service « ${first.id} » existe déjà dans la base (services/import-data-inclusion/${first.id}.yaml) : laissé tel quel. Pour le réimporter, supprimez ce fichier puis relancez l'import`,
    );
  });

  it("says so when the file is not a list of services", () => {
    const result = importDataInclusion({ count: 0 }, undefined, demo, { fichier: "page.json" });
    expect(result.fatal).toBe(
      "page.json : le fichier ne contient pas une liste de services data·inclusion (une liste JSON `[...]`, ou un objet avec `items` ou `services`)",
    );
  });
});

describe("round trips", () => {
  it("import → export keeps ids, names, zones and thématiques", () => {
    const { imported } = importFixtures();
    const base: KnowledgeBase = { ...demo, services: imported.map((s) => s.service), sources: new Map() };
    const exported = exportDataInclusion(base);
    expect(exported.services.flatMap((s) => errorsOf(validateService, s))).toEqual([]);
    for (const service of imported) {
      const original = fixtureServices().find((f) => f.id === service.sourceId)!;
      const back = exported.services.find((s) => s.id === `orienteur--${slugify(original.id)}`)!;
      expect(back.nom).toBe(original.nom);
      expect(back.thematiques).toEqual(original.thematiques!.filter((t) => !t.startsWith("acces-au-droit--")));
      const validCodes = original.zone_eligibilite!.filter((code) => !["58999", "58000"].includes(code)).map((code) => (code === "99100" ? "france" : code));
      expect(back.zone_eligibilite).toEqual(validCodes);
      expect(back.date_maj).toBe(original.date_maj.slice(0, 10));
    }
    // Imported again, our own export gives back the same identifiers.
    const reimported = importDataInclusion(exported.services, exported.structures, { ...demo, services: [], sources: new Map() });
    expect(reimported.imported.map((s) => s.id)).toEqual(imported.map((s) => s.id));
  });

  it("export → import brings every service of the demo base back under its own id", () => {
    const exported = exportDataInclusion(demo);
    const empty: KnowledgeBase = { ...demo, services: [], sources: new Map() };
    const result = importDataInclusion(exported, undefined, empty, { fichier: "export.json" });
    expect(result.rejected).toEqual([]);
    expect(result.imported.map((s) => s.id)).toEqual(demo.services.map((s) => s.id));
    for (const service of result.imported) {
      const original = demo.services.find((s) => s.id === service.id)!;
      expect(service.service.nom).toBe(original.nom);
      expect(service.service.structure).toBe(original.structure ?? original.nom);
      expect(new Set(service.service.thematiques)).toEqual(new Set(exported.services.find((s) => s.id === `orienteur--${original.id}`)!.thematiques));
    }
  });
});

/** Records what a command prints. */
function recordingIo(): CliIo & { output: () => string; errors: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (t) => out.push(t), err: (t) => err.push(t), output: () => out.join("\n"), errors: () => err.join("\n") };
}

/** The fixture base, with thématiques on its needs and data·inclusion publics: what an import needs. */
function miniBaseForImport(): string {
  const copy = copyOf(MINI_DIR);
  const besoins = readFileSync(join(copy, "besoins/besoins.yaml"), "utf8")
    .replace("    - repas à domicile\n", "    - repas à domicile\n  thematiques: [equipement-et-alimentation--alimentation]\n")
    .replace("    - auxiliaire de vie\n", "    - auxiliaire de vie\n  thematiques: [equipement-et-alimentation--aide-menagere, famille--prise-en-charge-personne-dependante]\n")
    .replace("    - assistante sociale\n", "    - assistante sociale\n  thematiques: [difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire]\n");
  writeFileSync(join(copy, "besoins/besoins.yaml"), besoins);
  writeFileSync(
    join(copy, "publics/publics.yaml"),
    "- id: tous-publics\n  libelle: Tous publics\n  data_inclusion: [tous-publics]\n- id: personnes-agees\n  libelle: Personnes âgées\n  age_min: 60\n  data_inclusion: [seniors]\n",
  );
  return copy;
}

describe("kb import / kb export data-inclusion", () => {
  it("writes one file per service into the base, prints the report and checks the base", async () => {
    const kb = miniBaseForImport();
    const io = recordingIo();
    const code = await runKbExchange(["import", "data-inclusion", SERVICES_JSON], { kb, structures: STRUCTURES_JSON }, io);
    expect(io.errors()).toBe("");
    expect(code).toBe(0);
    const files = readdirSync(join(kb, "services/import-data-inclusion")).sort();
    expect(files).toHaveLength(7);
    expect(io.output()).toContain("Import data·inclusion depuis services.json : 8 services lus, 7 importés, 1 non importé ;");
    expect(io.output()).toContain("7 fiches écrites dans services/import-data-inclusion/ : relisez-les, leur en-tête dit ce qui a été laissé de côté.");
    // The mini base has no need for these thématiques: they come from the built-in lexicon.
    expect(readdirSync(join(kb, "besoins/import-data-inclusion")).sort()).toEqual(["aide-numerique.yaml", "budget-surendettement.yaml", "developper-son-entreprise.yaml", "repit-aidants.yaml"]);
    expect(io.output()).toContain("4 besoins créés dans besoins/import-data-inclusion/ : relisez leur libellé, leur domaine et leurs synonymes.");
    expect(io.output()).toContain("✓ Base toujours valide avec les fiches importées.");
    const { base } = await checkKnowledge(kb);
    expect(base?.services).toHaveLength(10);
  });

  it("never overwrites a file already there, and says so", async () => {
    const kb = miniBaseForImport();
    const out = mkdtempSync(join(tmpdir(), "orienteur-import-"));
    temporary.push(out);
    const edited = join(out, "annuaire-demo-58-saad-2026-0042.yaml");
    writeFileSync(edited, "# Relu et corrigé à la main.\n");
    const io = recordingIo();
    expect(await runKbExchange(["import", "data-inclusion", SERVICES_JSON, STRUCTURES_JSON], { kb, out }, io)).toBe(0);
    expect(readFileSync(edited, "utf8")).toBe("# Relu et corrigé à la main.\n");
    expect(io.output()).toContain(`! ${edited} existe déjà : laissé tel quel. Supprimez-le puis relancez l'import pour le remplacer.`);
    expect(existsSync(join(out, "annuaire-demo-58-permanence-juridique-clamecy.yaml"))).toBe(true);
  });

  it("refuses to write into the demo base when no base is given", async () => {
    const saved = process.env.ORIENTEUR_KB;
    delete process.env.ORIENTEUR_KB;
    try {
      const io = recordingIo();
      expect(await runKbExchange(["import", "data-inclusion", SERVICES_JSON], {}, io)).toBe(2);
      expect(io.errors()).toContain("Sans --kb ni ORIENTEUR_KB, l'import écrirait dans la base de démonstration.");
    } finally {
      if (saved !== undefined) process.env.ORIENTEUR_KB = saved;
    }
  });

  it("explains a missing or unreadable file", async () => {
    const kb = miniBaseForImport();
    const broken = join(kb, "services.json");
    writeFileSync(broken, "[{ \"id\": ");
    const io = recordingIo();
    expect(await runKbExchange(["import", "data-inclusion", join(kb, "absent.json")], { kb }, io)).toBe(1);
    expect(await runKbExchange(["import", "data-inclusion", broken], { kb }, io)).toBe(1);
    expect(io.errors()).toContain(`Fichier introuvable : ${join(kb, "absent.json")}`);
    expect(io.errors()).toContain(`${broken} : JSON illisible (`);
    expect(await runKbExchange(["import", "csv", "x.csv"], { kb }, io)).toBe(2);
    expect(io.errors()).toContain("Format d'échange inconnu « csv » : seul « data-inclusion » est possible.");
  });

  it("prints the export as JSON, or writes services.json and structures.json into a folder", async () => {
    const io = recordingIo();
    expect(await runKbExchange(["export", "data-inclusion"], { kb: MINI_DIR }, io)).toBe(0);
    const printed = JSON.parse(io.output()) as { services: DiService[]; structures: unknown[] };
    expect(printed.services.map((s) => s.id)).toEqual(["orienteur--ccas-decize", "orienteur--portage-clamecy", "orienteur--saad-nievre"]);

    const out = mkdtempSync(join(tmpdir(), "orienteur-export-"));
    temporary.push(out);
    expect(await runKbExchange(["export", "data-inclusion"], { kb: DEMO_DIR, out }, recordingIo())).toBe(0);
    const services = readJson(join(out, "services.json")) as unknown[];
    const structures = readJson(join(out, "structures.json")) as unknown[];
    expect(services).toHaveLength(demo.services.length);
    expect([...services.flatMap((s) => errorsOf(validateService, s)), ...structures.flatMap((s) => errorsOf(validateStructure, s))]).toEqual([]);
  });
});

describe("orienteur kb import / export data-inclusion, as a child process", () => {
  const run = (args: string[]) => runCli(args);

  it("imports the fixtures into a copy of the fixture base, then exports it valid", async () => {
    const kb = miniBaseForImport();
    const imported = await run(["kb", "import", "data-inclusion", SERVICES_JSON, "--structures", STRUCTURES_JSON, "--kb", kb]);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("7 importés, 1 non importé");
    expect(readdirSync(join(kb, "services/import-data-inclusion"))).toHaveLength(7);

    const exported = await run(["kb", "export", "data-inclusion", "--kb", kb]);
    expect(exported.code).toBe(0);
    const { services, structures } = JSON.parse(exported.stdout) as { services: DiService[]; structures: unknown[] };
    expect(services.map((s) => s.id)).toContain("orienteur--annuaire-demo-58-saad-2026-0042");
    expect([...services.flatMap((s) => errorsOf(validateService, s)), ...structures.flatMap((s) => errorsOf(validateStructure, s))]).toEqual([]);
  });
});

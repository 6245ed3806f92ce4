import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkKnowledge, loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { formatProblem, KnowledgeBaseError } from "../../knowledge/load/problems.ts";
import { brokenCopy, DEMO_DIR, MINI_DIR } from "../helpers/bases.ts";

const SERVICE = (fields: string) => `# Fictif.
id: portage-clamecy
nom: Portage de repas du Clamecycois
description_falc: On apporte des repas chez vous, autour de Clamecy.
description: Livraison de repas au domicile des personnes âgées du Clamecycois.
besoins: [portage-repas]
publics: [personnes-agees]
telephone: 01 99 00 10 01
date_maj: 2026-09-01
${fields}`;

let cleanup = () => {};
afterEach(() => cleanup());

let demo: ReturnType<typeof loadKnowledge> | undefined;
/** The demo base read by the loader itself (not through the cache), once for the tests that only look at it. */
const demoBase = () => (demo ??= loadKnowledge(DEMO_DIR));

async function messagesFor(files: Record<string, string>): Promise<string[]> {
  const copy = brokenCopy(files);
  cleanup = copy.cleanup;
  const { base, problems } = await checkKnowledge(copy.dir);
  expect(base).toBeUndefined();
  return problems.filter((p) => p.severity === "erreur").map(formatProblem);
}

describe("loading a knowledge base", () => {
  it("loads the demo base with every kind the product needs", async () => {
    const base = await demoBase();
    expect(base.info.fictif).toBe(true);
    expect(base.services.length).toBeGreaterThanOrEqual(80);
    expect(base.besoins.length).toBeGreaterThanOrEqual(40);
    expect(base.sigles.length).toBeGreaterThanOrEqual(250);
    expect(base.pratiques.length).toBeGreaterThanOrEqual(10);
    expect(base.agenda.length).toBeGreaterThanOrEqual(10);
    expect(base.sigles.filter((s) => s.developpements.length > 1).length).toBeGreaterThanOrEqual(10);
  });

  it("keeps the demo base fictional: phone numbers in the fiction range, addresses under example.org", async () => {
    const base = await demoBase();
    const shortNumbers = /^(?:3977|119|115|3114|3919|3020)$/;
    for (const service of base.services) {
      if (service.telephone) expect(service.telephone, service.id).toMatch(new RegExp(`^01 99 00 \\d\\d \\d\\d$|${shortNumbers.source}`));
      if (service.courriel) expect(service.courriel, service.id).toMatch(/@(?:[\w-]+\.)*example\.org$/);
      if (service.site_web) expect(service.site_web, service.id).toMatch(/^https:\/\/(?:[\w-]+\.)*example\.org(?:\/|$)/);
    }
  });

  it("points at the file, line and field of a wrong zone code, and says what a valid one looks like", async () => {
    const messages = await messagesFor({ "services/portage-clamecy.yaml": SERVICE('zone_eligibilite: ["58999"]\n') });
    expect(messages).toEqual([
      "services/portage-clamecy.yaml:10:20 — champ « zone_eligibilite[0] » : « 58999 » n'est pas un code commune INSEE en vigueur (attention : le code postal n'est pas le code INSEE). Exemple valide : 58194 (Nevers)",
    ]);
  });

  it("suggests the closest need when an identifier is misspelt", async () => {
    const messages = await messagesFor({ "services/portage-clamecy.yaml": SERVICE('zone_eligibilite: ["58079"]\n').replace("[portage-repas]", "[portage-repa]") });
    expect(messages).toEqual(["services/portage-clamecy.yaml:6:11 — champ « besoins[0] » : « portage-repa » n'existe pas dans besoins/ ; vouliez-vous dire « portage-repas » ?"]);
  });

  it("lists every error of every file at once, not just the first", async () => {
    const messages = await messagesFor({
      "services/portage-clamecy.yaml": SERVICE('zone_eligibilite: ["58999"]\ntelehpone: 01 99 00 10 02\n'),
      "services/saad-nievre.yaml": "id: saad-nievre\nnom: SA\n",
      "besoins/casse.yaml": "- id: a\n  libelle: [oups\n",
    });
    expect(messages).toContain("services/portage-clamecy.yaml:11:1 — champ « telehpone » : champ inconnu : « telehpone » (faute de frappe ? la liste des champs est dans knowledge/README.md)");
    expect(messages).toContain("services/saad-nievre.yaml:2:6 — champ « nom » : texte trop court : au moins 3 caractères attendus");
    expect(messages.some((m) => m.startsWith("services/saad-nievre.yaml:1:1 — champ « description » : champ obligatoire manquant"))).toBe(true);
    expect(messages.some((m) => m.startsWith("besoins/casse.yaml:") && m.includes("YAML illisible"))).toBe(true);
    expect(messages.length).toBeGreaterThanOrEqual(6);
  });

  it("rejects an empty zone, since such a service would never be proposed", async () => {
    const messages = await messagesFor({ "services/portage-clamecy.yaml": SERVICE("") });
    expect(messages).toEqual([expect.stringContaining("zone vide : renseignez `zone_eligibilite` (codes INSEE) ou `territoires`")]);
  });

  it("names the other file when two services share an identifier", async () => {
    const messages = await messagesFor({ "services/copie.yaml": SERVICE('zone_eligibilite: ["58079"]\n') });
    expect(messages).toEqual(["services/portage-clamecy.yaml:2:5 — champ « id » : « portage-clamecy » est déjà utilisé par services/copie.yaml (ligne 2) ; chaque service doit avoir un identifiant unique"]);
  });

  it("explains enum values in French, with the accepted list", async () => {
    const messages = await messagesFor({ "services/portage-clamecy.yaml": SERVICE('zone_eligibilite: ["58079"]\nfrais: gratos\n') });
    expect(messages).toEqual(["services/portage-clamecy.yaml:11:8 — champ « frais » : valeur « gratos » non reconnue ; valeurs possibles : « gratuit », « payant »"]);
  });

  it("suggests the closest concept of the built-in lexicon when a need names one that does not exist", async () => {
    const besoins = "- id: portage-repas\n  libelle: Portage de repas à domicile\n  domaine: Autonomie\n  synonymes: [portage de repas]\n  concepts: [portage-repa]\n";
    const messages = await messagesFor({ "besoins/besoins.yaml": besoins });
    expect(messages.filter((m) => m.includes("concepts"))).toEqual([
      "besoins/besoins.yaml:5:14 — champ « concepts[0] » : « portage-repa » n'existe pas dans knowledge/lexique/besoins/ ; vouliez-vous dire « portage-repas » ?",
    ]);
  });

  it("rejects opening hours it cannot read, with the expected format in French", async () => {
    const messages = await messagesFor({ "services/portage-clamecy.yaml": SERVICE('zone_eligibilite: ["58079"]\nhoraires_accueil: "lundi au vendredi le matin"\n') });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^services\/portage-clamecy\.yaml:11:19 — champ « horaires_accueil » : horaires non compris : « le matin » ne dit pas à quelle heure .*« Mo-Fr 09:00-12:00 ».*« Mo-Fr 09:00-12:00,14:00-17:00 »$/);
  });

  it("says which sigle points to a service that does not exist", async () => {
    const messages = await messagesFor({
      "sigles/sigles.yaml": "- sigle: SAAD\n  developpements:\n    - forme_longue: Service d'aide à domicile\n      definition: Service qui envoie une aide à domicile.\n      services: [saad-nievr]\n",
    });
    expect(messages).toEqual(["sigles/sigles.yaml:5:18 — champ « developpements[0].services[0] » : le service « saad-nievr » n'existe pas ; vouliez-vous dire « saad-nievre » ?"]);
  });

  it("explains how to create a missing base.yaml", async () => {
    const copy = brokenCopy({});
    cleanup = copy.cleanup;
    rmSync(join(copy.dir, "base.yaml"));
    const error = await loadKnowledge(copy.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeBaseError);
    expect((error as Error).message).toContain("base.yaml : fichier manquant : créez base.yaml à la racine de la base");
  });

  it("reports a folder that does not exist instead of loading an empty base", async () => {
    const { base, problems } = await checkKnowledge(join(MINI_DIR, "nope"));
    expect(base).toBeUndefined();
    expect(problems[0]?.message).toBe("dossier introuvable : vérifiez le chemin passé à --kb ou ORIENTEUR_KB");
  });
});

describe("problem codes", () => {
  it("gives each problem its code where it is raised, whatever its French wording", async () => {
    const copy = brokenCopy({
      "services/portage-clamecy.yaml": SERVICE("zone_eligibilite: ['58079']\ncourriel: pas-une-adresse\nsite_web: example.org\ncouleur: bleu\n").replace("telephone: 01 99 00 10 01", "telephone: 'le standard'"),
      "services/autre.yaml": SERVICE("zone_eligibilite: ['99999']\n").replace("id: portage-clamecy", "id: autre").replace("besoins: [portage-repas]", "besoins: [portage-repsa]"),
    });
    cleanup = copy.cleanup;
    const { problems } = await checkKnowledge(copy.dir);
    const codes = new Set(problems.map((p) => p.code));
    for (const code of ["telephone-invalide", "courriel-invalide", "url-invalide", "champ-inconnu"] as const) expect(codes, code).toContain(code);
    expect(problems.every((p) => p.code !== undefined)).toBe(true);
  });
});

describe("editors' checks on zones and hours", () => {
  async function problemsFor(files: Record<string, string>) {
    const copy = brokenCopy(files);
    cleanup = copy.cleanup;
    return checkKnowledge(copy.dir);
  }

  it("warns when the comment beside a zone code names another commune, saying which commune each one is", async () => {
    const { base, problems } = await problemsFor({
      "services/portage-clamecy.yaml": SERVICE('zone_eligibilite:\n  - "58079" # Clamecy\n  - "58200" # Cosne-Cours-sur-Loire\n  - "58086" # Cosne\n'),
    });
    expect(base).toBeDefined();
    const warnings = problems.filter((p) => p.code === "zone-commentaire").map(formatProblem);
    expect(warnings).toEqual([
      "services/portage-clamecy.yaml:12:5 — champ « zone_eligibilite[1] » : le commentaire nomme Cosne-Cours-sur-Loire, mais « 58200 » est le code INSEE de Ouagne : Cosne-Cours-sur-Loire a le code INSEE « 58086 » ; 58200 est son code postal. Corrigez le code, ou le commentaire s'il s'agit bien de Ouagne",
    ]);
    expect(problems.find((p) => p.code === "zone-commentaire")?.severity).toBe("avertissement");
  });

  it("reads the comments of a partial zone's communes too", async () => {
    const { problems } = await problemsFor({
      "services/portage-clamecy.yaml": SERVICE('zone_eligibilite: ["58"]\nzone_partielle:\n  - commune: "58079" # Clamecy\n    precision: centre-ville\n  - commune: "58200" # Cosne-Cours-sur-Loire\n    precision: quartiers nord\n'),
    });
    expect(problems.filter((p) => p.code === "zone-commentaire").map((p) => `${p.line} ${p.field}`)).toEqual(["14 zone_partielle[1].commune"]);
  });

  it("accepts a comment naming the former commune a code stands for, or a commentary after the name", async () => {
    const { problems } = await problemsFor({
      "services/portage-clamecy.yaml": SERVICE('zone_eligibilite:\n  - "58086" # Cosne-Cours-sur-Loire (siège)\n  - "58079" # Clamecy - antenne\n  - "58194" # quartiers nord\n'),
    });
    expect(problems.filter((p) => p.code === "zone-commentaire")).toEqual([]);
  });

  it("names today's commune for a former commune's code, and the INSEE codes for a postal code", async () => {
    const messages = await messagesFor({ "services/portage-clamecy.yaml": SERVICE('zone_eligibilite: ["58091", "58000"]\n') });
    expect(messages).toEqual([
      "services/portage-clamecy.yaml:10:20 — champ « zone_eligibilite[0] » : « 58091 » est le code de Cours, ancienne commune qui fait aujourd'hui partie de Cosne-Cours-sur-Loire : écrivez le code de la commune actuelle, « 58086 » (Cosne-Cours-sur-Loire)",
      "services/portage-clamecy.yaml:10:29 — champ « zone_eligibilite[1] » : « 58000 » est un code postal, pas un code INSEE : écrivez le code INSEE de la commune, parmi « 58051 » (Challuy), « 58194 » (Nevers), « 58238 » (Saint-Éloi), « 58278 » (Sermoise-sur-Loire)",
    ]);
  });

  it("accepts opening hours written in French and converts them for the answers", async () => {
    const { base, problems } = await problemsFor({
      "services/portage-clamecy.yaml": SERVICE(
        'zone_eligibilite: ["58079"]\nhoraires_accueil: du lundi au vendredi de 9h à 12h et de 13h30 à 17h\nhoraires_telephone: "lundi, mercredi 14h-17h"\n',
      ),
    });
    expect(problems.filter((p) => p.file.startsWith("services/portage"))).toEqual([]);
    const service = base?.services.find((s) => s.id === "portage-clamecy");
    expect(service?.horaires_accueil).toBe("Mo-Fr 09:00-12:00,13:30-17:00");
    expect(service?.horaires_telephone).toBe("Mo,We 14:00-17:00");
  });

  it("refuses French hours without an hour, showing the equivalent opening_hours form, in French", async () => {
    const messages = await messagesFor({ "services/portage-clamecy.yaml": SERVICE('zone_eligibilite: ["58079"]\nhoraires_telephone: le mardi matin\n') });
    expect(messages).toEqual([
      "services/portage-clamecy.yaml:11:21 — champ « horaires_telephone » : horaires non compris : « matin » ne dit pas à quelle heure ; écrivez les heures (ex. « de 9h à 12h »). Au format opening_hours, cela s'écrirait par exemple « Tu 09:00-12:00 » ; écrivez par exemple « du lundi au vendredi de 9h à 12h et de 14h à 17h », ou au format opening_hours « Mo-Fr 09:00-12:00,14:00-17:00 »",
    ]);
  });

  it("explains a wrong opening_hours value in French, without the parser's English", async () => {
    const messages = await messagesFor({ "services/portage-clamecy.yaml": SERVICE('zone_eligibilite: ["58079"]\nhoraires_accueil: "Mo-Fr 25:00-26:00"\n') });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("horaires illisibles au format opening_hours (« Mo-Fr 25:00-26:00 ») : vérifiez les jours");
  });
});

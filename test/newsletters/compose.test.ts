// Compose: the issue file + the demo base → the issue model, without files or rendering.
import { describe, expect, it } from "vitest";
import { composeIssue } from "../../newsletters/compose/compose-issue.ts";
import { composeEdition } from "../../newsletters/compose/edition.ts";
import { plainOf, rich, richTextsOf, type IssueModel, type SectionKind, type ServiceItem } from "../../newsletters/compose/model.ts";
import { expandSiglesInIssue } from "../../newsletters/compose/sigles.ts";
import { issueSchema, type Issue } from "../../newsletters/issue-schema.ts";
import { demoOrienteur } from "../helpers/bases.ts";

/** The December demo issue, reduced to what a test needs. */
function december(fields: Partial<Issue> = {}): Issue {
  return issueSchema.parse({
    numero: 2,
    date: "2026-12-15",
    titre: "Décembre : passer l'hiver",
    editorial: "L'hiver est là. Le SIAO répond jour et nuit ; le SIAO coordonne les places.",
    ...fields,
  });
}

const ids = (model: IssueModel, kind: SectionKind) => model.sections.find((s) => s.kind === kind)?.items.map((i) => i.id) ?? [];

describe("composeIssue", () => {
  it("announces services created since the previous issue as new, and services checked since then as updated", async () => {
    const model = composeIssue(december(), await demoOrienteur(), { since: "2026-11-02" });
    // date_creation 11-12, 11-04, 11-03, 11-03 (newest first, then by name)
    expect(ids(model, "nouveaux_services")).toEqual(["auto-ecole-sociale-nevers", "transport-solidaire-haut-nivernais", "conseiller-numerique-decize", "halte-repit-decize"]);
    // date_maj 11-04, created long before
    expect(ids(model, "services_mis_a_jour")).toEqual(["siao-115-nievre"]);
  });

  it("never announces a service version or a practice that an earlier issue announced", async () => {
    const earlier = {
      services: [{ id: "halte-repit-decize", date_maj: "2026-11-03", statut: "nouveau" as const }],
      pratiques: ["maraude-mixte-sante-social-nevers"],
      evenements: [],
    };
    const model = composeIssue(december(), await demoOrienteur(), { since: "2026-11-02", alreadyAnnounced: [earlier] });
    expect(ids(model, "nouveaux_services")).not.toContain("halte-repit-decize");
    expect(ids(model, "pratiques")).not.toContain("maraude-mixte-sante-social-nevers");
    expect(model.annonces.services.map((s) => s.id)).not.toContain("halte-repit-decize");
  });

  it("announces a service again when its fiche has changed since it was announced", async () => {
    const earlier = { services: [{ id: "siao-115-nievre", date_maj: "2026-06-01", statut: "mis_a_jour" as const }], pratiques: [], evenements: [] };
    const model = composeIssue(december(), await demoOrienteur(), { since: "2026-11-02", alreadyAnnounced: [earlier] });
    expect(ids(model, "services_mis_a_jour")).toEqual(["siao-115-nievre"]);
  });

  it("lists the practices published after the previous issue's date, newest first", async () => {
    const model = composeIssue(december(), await demoOrienteur(), { since: "2026-11-02" });
    // 11-18, 11-12, 11-05; « protocole-impayes-bailleurs-nevers » (10-28) was in the window of the previous issue.
    expect(ids(model, "pratiques")).toEqual(["matinees-croisees-pmi-ecoles-cosne", "planning-partage-transport-solidaire-sud", "maraude-mixte-sante-social-nevers"]);
  });

  it("shows only the events of the coming weeks, soonest first", async () => {
    const model = composeIssue(december(), await demoOrienteur(), { since: "2026-11-02", agendaWeeks: 6 });
    // Not the 10 December meeting (past), not the 28 January training (seven weeks away).
    expect(ids(model, "agenda")).toEqual(["permanence-point-justice-clamecy-2026-12", "webinaire-rsa-2027", "permanence-mdph-chateau-chinon-2027-01"]);
    expect(model.agendaJusquau).toBe("2027-01-26");
  });

  it("lets the issue file widen the agenda and exclude an entry", async () => {
    const model = composeIssue(december({ agenda_semaines: 7, exclure: ["webinaire-rsa-2027", "siao-115-nievre"] }), await demoOrienteur(), { since: "2026-11-02" });
    expect(ids(model, "agenda")).toEqual(["permanence-point-justice-clamecy-2026-12", "permanence-mdph-chateau-chinon-2027-01", "matinee-information-preoccupante-2027-01"]);
    expect(model.sections.map((s) => s.kind)).not.toContain("services_mis_a_jour");
  });

  it("puts the services chosen by the editor « à la une », with their contact, even when they are not new", async () => {
    const model = composeIssue(december({ services: ["aide-chauffage-ccas-nevers"] }), await demoOrienteur(), { since: "2026-11-02" });
    const une = model.sections[0]!;
    expect(une.kind).toBe("a_la_une");
    expect(une.items).toHaveLength(1);
    expect(une.items[0]).toMatchObject({ id: "aide-chauffage-ccas-nevers", statut: "selection" });
    expect(une.items[0]!.contacts.map((c) => c.value)).toContain("01 99 00 77 79");
  });

  it("counts back from the issue date when there is no previous issue", async () => {
    const model = composeIssue(december(), await demoOrienteur());
    expect(model.depuis).toBe("2026-11-14");
  });

  it("gives every service, practice and event its contact", async () => {
    const model = composeIssue(december(), await demoOrienteur(), { since: "2026-11-02" });
    for (const item of model.sections.flatMap((s) => s.items)) expect(item.contacts.length, item.id).toBeGreaterThan(0);
  });

  it("expands each sigle at its first use in the whole issue, not in each section", async () => {
    const model = composeIssue(december(), await demoOrienteur(), { since: "2026-11-02" });
    // The editorial says SIAO twice, the SIAO service's fiche says it again: one expansion, the first.
    const spans = [...richTextsOf(model)].flat().filter((span) => /\bSIAO\b/.test(span.text));
    expect(spans.length).toBeGreaterThan(2);
    expect(spans[0]).toMatchObject({ text: "SIAO", abbr: "Service intégré d'accueil et d'orientation" });
    expect(spans.slice(1).every((span) => span.abbr === undefined)).toBe(true);
  });

  it("leaves sigles inside `code` as the editor typed them", async () => {
    const model = composeIssue(december({ editorial: "Tapez `SIAO` puis lisez : le SIAO répond." }), await demoOrienteur(), { since: "2026-11-02" });
    const spans = (model.sections.find((s) => s.kind === "editorial")!.blocks[0] as { text: { text: string; abbr?: string; code?: boolean }[] }).text;
    expect(spans.find((s) => s.code)).toEqual({ text: "SIAO", code: true });
    expect(spans.find((s) => s.abbr)?.text).toBe("SIAO");
  });

  it("turns the editor's Markdown into text runs and keeps typed HTML as text", async () => {
    const editorial = "Un **gras**, un [lien](https://example.org/a), un [piège](javascript:alert(1)) et <script>alert(1)</script>.";
    const model = composeIssue(december({ editorial }), await demoOrienteur(), { since: "2026-11-02" });
    const block = model.sections.find((s) => s.kind === "editorial")!.blocks[0]!;
    expect(block.type).toBe("paragraph");
    const spans = (block as { text: { text: string; href?: string; bold?: boolean }[] }).text;
    expect(spans).toContainEqual({ text: "gras", bold: true });
    expect(spans).toContainEqual({ text: "lien", href: "https://example.org/a" });
    expect(spans.find((s) => s.text === "piège")?.href).toBeUndefined();
    expect(plainOf(spans as never)).toContain("<script>alert(1)</script>");
  });
});

describe("composeEdition", () => {
  it("puts first the items whose zone covers the subscriber's territory, then the département-wide ones, then the rest", async () => {
    const orienteur = await demoOrienteur();
    const model = composeIssue(december({ agenda_semaines: 7 }), orienteur, { since: "2026-11-02" });
    const clamecy = composeEdition(model, { territoire: orienteur.places.resolve("58079") }, orienteur);
    // Transport solidaire covers Clamecy; the others are around Nevers and Decize.
    expect(ids(clamecy, "nouveaux_services")).toEqual(["transport-solidaire-haut-nivernais", "auto-ecole-sociale-nevers", "conseiller-numerique-decize", "halte-repit-decize"]);
    // Local (Haut Nivernais), then the two département-wide events by date, then the Morvan.
    expect(ids(clamecy, "agenda")).toEqual(["permanence-point-justice-clamecy-2026-12", "webinaire-rsa-2027", "matinee-information-preoccupante-2027-01", "permanence-mdph-chateau-chinon-2027-01"]);
    expect(clamecy.edition?.territoire).toEqual({ type: "commune", code: "58079", nom: "Clamecy" });
  });

  it("orders by the territory of the base's own territories too (an EPCI, a territoire d'action sociale)", async () => {
    const orienteur = await demoOrienteur();
    const model = composeIssue(december(), orienteur, { since: "2026-11-02" });
    const sud = composeEdition(model, { territoire: orienteur.places.resolve("tas-sud-nivernais") }, orienteur);
    // Both Decize services are local to the Sud Nivernais; the Nevers and Clamecy ones come after.
    expect(ids(sud, "nouveaux_services").slice(0, 2).sort()).toEqual(["conseiller-numerique-decize", "halte-repit-decize"]);
  });

  it("puts the chosen themes first within the same distance", async () => {
    const orienteur = await demoOrienteur();
    const model = composeIssue(december(), orienteur, { since: "2026-11-02" });
    const numerique = composeEdition(model, { themes: ["Numérique"] }, orienteur);
    expect(ids(numerique, "nouveaux_services")[0]).toBe("conseiller-numerique-decize");
  });

  it("expands sigles again at their first use in the edition's order, and leaves the issue unchanged", async () => {
    const orienteur = await demoOrienteur();
    const service = (id: string, commune: string, zone: string): ServiceItem => ({
      type: "service", id, nom: rich(`Soins à ${commune}`), resume: rich(`Le SSIAD de ${commune} passe chaque jour.`),
      contacts: [], statut: "nouveau", dateMaj: "2026-12-01", zone: [zone], themes: [],
    });
    const model = expandSiglesInIssue(
      {
        numero: 9, date: "2026-12-15", titre: "Essai", preheader: "Essai", base: { nom: "Démo", fictif: true }, depuis: "2026-11-01", agendaJusquau: "2027-01-26",
        sections: [{ kind: "nouveaux_services", titre: "Nouveaux services", blocks: [], items: [service("nevers", "Nevers", "58194"), service("clamecy", "Clamecy", "58079")] }],
        annonces: { services: [], pratiques: [], evenements: [] },
      },
      orienteur.glossary,
    );
    const before = JSON.stringify(model);
    const edition = composeEdition(model, { territoire: orienteur.places.resolve("58079") }, orienteur);
    expect(JSON.stringify(model)).toBe(before);
    const expandedIn = (m: IssueModel) => m.sections[0]!.items.filter((i) => i.type === "service" && i.resume.some((span) => span.abbr)).map((i) => i.id);
    expect(expandedIn(model)).toEqual(["nevers"]);
    expect(ids(edition, "nouveaux_services")).toEqual(["clamecy", "nevers"]);
    expect(expandedIn(edition)).toEqual(["clamecy"]);
  });
});

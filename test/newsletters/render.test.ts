// Render: issue model → subject, preheader, HTML (MJML, strict) and plain text; then personalize.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadIssue } from "../../newsletters/load-issue.ts";
import { composeIssue } from "../../newsletters/compose/compose-issue.ts";
import type { IssueModel } from "../../newsletters/compose/model.ts";
import { issueSchema } from "../../newsletters/issue-schema.ts";
import { createOrienteur, type Orienteur } from "../../knowledge/orienteur.ts";
import { personalize } from "../../newsletters/render/personalize.ts";
import { renderIssue, type RenderedIssue } from "../../newsletters/render/render-issue.ts";
import { wrap } from "../../newsletters/render/text.ts";
import { demoOrienteur } from "../helpers/bases.ts";

const DECEMBER = fileURLToPath(new URL("../../newsletters/issues/2026-12.yaml", import.meta.url));
const WEB_URL = "https://orienteur.example.org/lettres/2.html";
const RECIPIENT = { prenom: "Camille", lien_desinscription: "https://orienteur.example.org/d/abc", lien_preferences: "https://orienteur.example.org/p/abc" };

let orienteur: Orienteur;
let model: IssueModel;
let rendered: RenderedIssue;

beforeAll(async () => {
  orienteur = await demoOrienteur();
  const { issue } = await loadIssue(DECEMBER, orienteur);
  model = composeIssue(issue, orienteur, { since: "2026-11-02" });
  rendered = await renderIssue(model, { webUrl: WEB_URL, archiveUrl: "https://orienteur.example.org/lettres/" });
});

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
/** The text part with its line breaks undone, to search for a phrase that wrapping may have cut. */
const unwrapped = (text: string) => text.replace(/\s+/g, " ");

describe("renderIssue", () => {
  it("renders the demo issue through MJML's strict validation into a French, responsive HTML e-mail", () => {
    expect(rendered.html).toMatch(/^<!doctype html>/i);
    expect(rendered.html).toContain('<html lang="fr" dir="ltr"');
    expect(rendered.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(rendered.html).toMatch(/@media only screen and \(min-width:480px\)/);
    expect(rendered.subject).toBe("Lettre n° 2 — Décembre : passer l'hiver sans laisser personne dehors");
  });

  it("puts the preheader in the hidden preview text and the « Voir en ligne » link at the top", () => {
    expect(rendered.preheader.startsWith("L'hiver est là")).toBe(true);
    expect(rendered.html).toMatch(/<div style="display:none;[^"]*">L&#39;hiver est là/);
    expect(rendered.html).toMatch(new RegExp(`<a href="${WEB_URL}"[^>]*>Voir en ligne</a>`));
  });

  it("shows every section with its heading", () => {
    for (const section of model.sections) expect(rendered.html, section.kind).toMatch(new RegExp(`<h2[^>]*>${section.titre.replace("'", "&#39;")}</h2>`));
    expect(model.sections.map((s) => s.kind)).toEqual(["a_la_une", "editorial", "nouveaux_services", "services_mis_a_jour", "pratiques", "agenda", "astuce", "bon_a_savoir"]);
  });

  it("gives the contact of each service, practice and event, as links", () => {
    for (const item of model.sections.flatMap((s) => s.items)) {
      for (const contact of item.contacts) {
        expect(rendered.html, `${item.id} ${contact.label}`).toContain(contact.value.replace(/'/g, "&#39;"));
        expect(rendered.text, `${item.id} ${contact.label}`).toContain(`${contact.label} :`);
      }
    }
    expect(rendered.html).toMatch(/<a href="tel:\+33199008041"[^>]*>01 99 00 80 41<\/a>/);
    expect(rendered.html).toMatch(/<a href="mailto:tempsdunepause@memoire-partage58\.example\.org"/);
  });

  it("writes each sigle out at its first use, with an <abbr>", () => {
    expect(rendered.html).toContain('<abbr title="Service intégré d&#39;accueil et d&#39;orientation"');
    expect(count(rendered.html, "(Service intégré d&#39;accueil et d&#39;orientation)")).toBe(1);
    expect(count(unwrapped(rendered.text), "SIAO (Service intégré d'accueil et d'orientation)")).toBe(1);
  });

  it("leaves the placeholders for the unsubscribe and preferences links and the greeting", () => {
    expect(rendered.html).toMatch(/<a href="\{\{lien_desinscription\}\}"[^>]*>Se désinscrire<\/a>/);
    expect(rendered.html).toMatch(/<a href="\{\{lien_preferences\}\}"/);
    expect(rendered.html).toContain("Bonjour {{prenom}},");
    expect(rendered.text).toContain("Se désinscrire : {{lien_desinscription}}");
  });

  it("uses no image, so no alt text is missing and nothing is loaded from elsewhere", () => {
    expect(rendered.html).not.toMatch(/<img\b/i);
    expect(rendered.html).not.toMatch(/fonts\.googleapis/);
  });
});

describe("the plain-text part", () => {
  it("underlines the title and the section headings", () => {
    expect(rendered.text).toContain("Décembre : passer l'hiver sans laisser personne dehors\n======================================================\n");
    expect(rendered.text).toContain("NOUVEAUX SERVICES\n-----------------\n");
  });

  it("writes links out as addresses", () => {
    expect(rendered.text).toContain(`Version en ligne : ${WEB_URL}`);
    expect(rendered.text).toContain("Inscription :\n  https://agenda-solidarites58.example.org/webinaire-rsa-2027");
  });

  it("wraps lines at 72 characters, except an address that cannot be cut", () => {
    const long = rendered.text.split("\n").filter((line) => [...line].length > 72);
    expect(long.filter((line) => !/\S*:\/\/\S{40,}/.test(line))).toEqual([]);
  });

  it("never starts a line with French punctuation that belongs to the word before", () => {
    expect(rendered.text).not.toMatch(/\n\s*[:;!?»]\s/);
    expect(wrap("un mot : suite", 6)).toBe("un\nmot :\nsuite");
    expect(wrap("dit « oui » ici", 8)).toBe("dit\n« oui »\nici");
  });
});

/** The headings of the plain-text part, in the order the demo issue has them. */
const HEADINGS = ["À LA UNE", "ÉDITORIAL", "NOUVEAUX SERVICES", "FICHES MISES À JOUR", "BONNES PRATIQUES", "AGENDA DES PROCHAINES SEMAINES", "L'ASTUCE", "BON À SAVOIR"];

/** The text of one section, from its underlined heading to the next heading or the signature. */
function sectionText(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const ends = [...HEADINGS.map((h) => text.indexOf(`\n${h}\n`, start + 1)), text.indexOf("\n-- \n", start)].filter((i) => i > start);
  return text.slice(start, Math.min(...ends));
}

/** The first line of each « • » item of a section, unwrapped. */
function itemTitles(section: string): string[] {
  return section.split("\n• ").slice(1).map((item) => unwrapped(item.split("\n  ")[0]!).trim());
}

// What the December demo issue's text part says, as its reader meets it (it replaces a 272-line
// snapshot that hid these points among every wrapped line).
describe("the plain-text part, read from top to bottom", () => {
  it("opens with the base, the underlined title, number and date, the online link, the fictive-base warning, then the greeting", () => {
    const head = rendered.text.slice(0, rendered.text.indexOf("À LA UNE"));
    const order = ["La lettre d'Orienteur · Annuaire social et médico-social de la Nièvre", "Décembre : passer l'hiver sans laisser personne dehors\n=====", "Lettre n° 2 — 15 décembre 2026", `Version en ligne : ${WEB_URL}`, "/!\\ Base de démonstration fictive", "Bonjour {{prenom}},"];
    const positions = order.map((part) => head.indexOf(part));
    expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("gives the sections in the editor's order, each heading underlined", () => {
    const positions = HEADINGS.map((h) => rendered.text.indexOf(`\n${h}\n${"-".repeat([...h].length)}\n`));
    expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("lists the new services newest first, each with its badge, structure, commune and date, then how to refer and the contacts in a fixed order", () => {
    const section = sectionText(rendered.text, "NOUVEAUX SERVICES");
    expect(itemTitles(section)).toEqual(["Auto-école sociale de Nevers", "Transport solidaire « Roulons ensemble »", "Conseiller numérique du Sud Nivernais", "Halte-répit « Le Temps d'une pause »"]);
    expect(unwrapped(section)).toContain("[Nouveau] · Association Nièvre Mobilité Insertion (fictive) · Nevers · ajouté le 12 novembre 2026");
    const first = section.split("\n• ")[1]!;
    const fields = ["Pour orienter :", "Téléphone : 01 99 00 80 41", "Courriel : auto-ecole-sociale@nievre-mobilite.example.org", "Contact : Enseignante de la conduite", "Adresse : 45 route de Sermoise, 58000 Nevers", "Horaires : du lundi au vendredi, 9 h–12 h et 13 h 30–18 h"];
    const positions = fields.map((field) => first.indexOf(field));
    expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("marks an updated record with the date it was checked", () => {
    const section = unwrapped(sectionText(rendered.text, "FICHES MISES À JOUR"));
    expect(section).toContain("[Mis à jour] · Association Le Relais Nivernais (fictive) · Nevers · fiche vérifiée le 4 novembre 2026");
  });

  it("gives each practice its publication date, its partners and a contact", () => {
    const section = sectionText(rendered.text, "BONNES PRATIQUES");
    expect(itemTitles(section)).toHaveLength(3);
    for (const practice of section.split("\n• ").slice(1)) {
      const text = unwrapped(practice);
      expect(text).toMatch(/publiée le \d{1,2}(er)? \p{L}+ 2026/u);
      expect(text).toContain("Partenaires :");
      expect(text).toContain("Contact :");
    }
  });

  it("lists the events in date order, each with when, where, for whom and how to register", () => {
    const section = sectionText(rendered.text, "AGENDA DES PROCHAINES SEMAINES");
    const dates = [...unwrapped(section).matchAll(/Quand : \p{L}+ (\d{1,2}) (\p{L}+) (\d{4})/gu)].map((m) => `${m[3]} ${m[2]} ${m[1]!.padStart(2, "0")}`);
    expect(dates).toEqual(["2026 décembre 16", "2027 janvier 14", "2027 janvier 20", "2027 janvier 28"]);
    for (const event of section.split("\n• ").slice(1)) {
      for (const field of ["Quand :", "Où :", "Pour qui :", "Inscription :"]) expect(event, field).toContain(field);
    }
  });

  it("writes each sigle out at its first use only, in every section", () => {
    const text = unwrapped(rendered.text);
    expect(count(text, "CCAS (Centre communal d'action sociale)")).toBe(1);
    expect(count(text, "PMI (Protection maternelle et infantile)")).toBe(1);
    expect(text.indexOf("CCAS (Centre communal d'action sociale)")).toBeLessThan(text.indexOf("CCAS de Nevers"));
  });

  it("ends with a signature that says why it is received and how to leave, change preferences or read every issue", () => {
    const signature = rendered.text.slice(rendered.text.lastIndexOf("\n-- \n"));
    expect(unwrapped(signature)).toContain("Vous recevez cette lettre parce que vous êtes abonné·e à la lettre d'information de « Annuaire social et médico-social de la Nièvre (démonstration fictive) ».");
    expect(signature).toContain("Se désinscrire : {{lien_desinscription}}");
    expect(signature).toContain("Choisir mon territoire et mes thèmes : {{lien_preferences}}");
    expect(signature).toContain("Toutes les lettres : https://orienteur.example.org/lettres/");
  });
});

describe("hostile text from the base or the editor", () => {
  let hostile: RenderedIssue;

  beforeAll(async () => {
    const base = orienteur.base;
    const tampered = createOrienteur({
      ...base,
      services: base.services.map((s) =>
        s.id === "halte-repit-decize"
          ? { ...s, nom: `Halte <img src=x onerror=alert(1)> {{lien_desinscription}} "répit"`, site_web: "https://example.org/?a=1&b=<2>" }
          : s,
      ),
    });
    const issue = issueSchema.parse({
      numero: 3,
      date: "2026-12-15",
      titre: "Titre <b>piégé</b> & {{prenom}}",
      editorial: [
        "Un <script>alert(1)</script> dans l'éditorial, un [lien](javascript:alert(1)),",
        "un <a href=\"https://evil.example\">lien brut</a>, le texte {{lien_desinscription}} tapé à la main,",
        "et $' $& $1 qui doivent rester du texte.",
      ].join("\n"),
    });
    hostile = await renderIssue(composeIssue(issue, tampered, { since: "2026-11-02" }), { webUrl: WEB_URL });
  });

  it("escapes markup typed in the editorial and in a fiche", () => {
    expect(hostile.html).not.toMatch(/<script|<img|href="javascript|<a href="https:\/\/evil/i);
    expect(hostile.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(hostile.html).toContain("Halte &lt;img src=x onerror=alert(1)&gt;");
    expect(hostile.html).toContain('href="https://example.org/?a=1&amp;b=&lt;2&gt;"');
    expect(hostile.html).toContain("<title>Lettre n° 3 — Titre &lt;b&gt;piégé&lt;/b&gt; &amp; &#123;&#123;prenom}}</title>");
  });

  it("does not let a placeholder typed in the editorial or a fiche receive a recipient's link", () => {
    const mail = personalize(hostile, RECIPIENT);
    // Only the footer's own link: once in the HTML, once in the text.
    expect(count(mail.html, RECIPIENT.lien_desinscription)).toBe(1);
    expect(count(mail.text, RECIPIENT.lien_desinscription)).toBe(1);
    expect(mail.html).toContain("le texte &#123;&#123;lien_desinscription}} tapé à la main");
    // In the text part the braces stay visible; an invisible word joiner keeps them apart.
    expect(unwrapped(mail.text)).toContain("le texte {\u2060{\u2060lien_desinscription}} tapé");
    expect(unwrapped(mail.text).replace(/\u2060/g, "")).toContain("le texte {{lien_desinscription}} tapé");
  });

  it("keeps « $' » and « $& » as text", () => {
    expect(hostile.html).toContain("et $&#39; $&amp; $1 qui doivent rester du texte.");
    expect(unwrapped(personalize(hostile, RECIPIENT).text)).toContain("et $' $& $1 qui doivent rester du texte.");
  });
});

describe("personalize", () => {
  it("fills one recipient's values without changing the rendered edition, which serves every recipient", () => {
    const before = structuredClone(rendered);
    const a = personalize(rendered, RECIPIENT);
    const b = personalize(rendered, { prenom: "Dominique", lien_desinscription: "https://orienteur.example.org/d/xyz", lien_preferences: "https://orienteur.example.org/p/xyz" });
    expect(rendered).toEqual(before);
    expect(a.html).toContain("Bonjour Camille,");
    expect(b.html).toContain("Bonjour Dominique,");
    expect(a.html).toMatch(/<a href="https:\/\/orienteur\.example\.org\/d\/abc"[^>]*>Se désinscrire<\/a>/);
    expect(b.text).toContain("Se désinscrire : https://orienteur.example.org/d/xyz");
    expect(a.html).not.toMatch(/\{\{(?:prenom|lien_desinscription|lien_preferences)\}\}/);
    expect(a.text).not.toMatch(/\{\{(?:prenom|lien_desinscription|lien_preferences)\}\}/);
  });

  it("escapes values in the HTML part and keeps them as they are in the text part", () => {
    const mail = personalize(rendered, { ...RECIPIENT, prenom: `<b>Zoé</b> & "Léa" $' {{lien_preferences}}` });
    expect(mail.html).toContain("Bonjour &lt;b&gt;Zoé&lt;/b&gt; &amp; &quot;Léa&quot; $&#39; &#123;&#123;lien_preferences}},");
    expect(mail.text).toContain(`Bonjour <b>Zoé</b> & "Léa" $' {{lien_preferences}},`);
    // One pass: the placeholder inside the value was not filled in.
    expect(count(mail.text, RECIPIENT.lien_preferences)).toBe(1);
  });

  it("says « Bonjour, » when there is no first name", () => {
    const mail = personalize(rendered, { ...RECIPIENT, prenom: undefined });
    expect(mail.html).toContain("Bonjour,");
    expect(mail.text).toContain("\nBonjour,\n");
  });

  it("refuses a link that is not http(s)", () => {
    expect(() => personalize(rendered, { ...RECIPIENT, lien_desinscription: "javascript:alert(1)" })).toThrow(/lien_desinscription must be an http\(s\) address/);
  });
});

describe("the demo issue files", () => {
  it("are valid and refer only to entries of the demo base", async () => {
    for (const name of ["2026-11.yaml", "2026-12.yaml"]) {
      const path = fileURLToPath(new URL(`../../newsletters/issues/${name}`, import.meta.url));
      await expect(loadIssue(path, orienteur)).resolves.toBeDefined();
      expect(readFileSync(path, "utf8")).toMatch(/FICTIVE/);
    }
  });
});

// An editor writes « Les points différenciants » with sub-bullets, as sector newsletters do: the
// sub-bullets stay under their point in the HTML e-mail and in the text version.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeIssue } from "../../newsletters/compose/compose-issue.ts";
import { markdownToBlocks } from "../../newsletters/compose/markdown.ts";
import { loadIssue } from "../../newsletters/load-issue.ts";
import { renderIssue, type RenderedIssue } from "../../newsletters/render/render-issue.ts";
import { demoOrienteur } from "../helpers/bases.ts";

const EDITORIAL = `Les points différenciants :

- **Un seul interlocuteur** pour les professionnels
  - le DAC oriente vers le bon service
  - il suit la situation jusqu'au bout
- Une réponse **sous 48 heures**
  1. appel du coordinateur
  2. visite si besoin
- Aucun coût pour la personne
`;

let dir: string;
let rendered: RenderedIssue;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "orienteur-listes-"));
  const path = join(dir, "2026-12.yaml");
  writeFileSync(path, `numero: 5\ndate: 2026-12-15\ntitre: "Listes imbriquées"\neditorial: |\n${EDITORIAL.split("\n").map((l) => `  ${l}`).join("\n")}\n`);
  const orienteur = await demoOrienteur();
  const { issue } = await loadIssue(path, orienteur);
  rendered = await renderIssue(composeIssue(issue, orienteur, { since: "2026-12-01" }), { webUrl: "https://orienteur.example.org/lettres/5.html" });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("nested lists in the editorial", () => {
  it("keeps each sub-list under its point in the model", () => {
    const [, list] = markdownToBlocks(EDITORIAL);
    expect(list).toMatchObject({
      type: "list",
      ordered: false,
      items: [[{ text: "Un seul interlocuteur", bold: true }, { text: " pour les professionnels" }], [{ text: "Une réponse " }, { text: "sous 48 heures", bold: true }], [{ text: "Aucun coût pour la personne" }]],
      sublists: [
        { type: "list", ordered: false, items: [[{ text: "le DAC oriente vers le bon service" }], [{ text: "il suit la situation jusqu'au bout" }]] },
        { type: "list", ordered: true, items: [[{ text: "appel du coordinateur" }], [{ text: "visite si besoin" }]] },
        null,
      ],
    });
  });

  it("nests the sub-list inside its point in the HTML e-mail", () => {
    const html = rendered.html.replace(/\s+/g, " ");
    expect(html).toMatch(/<li[^>]*><strong>Un seul interlocuteur<\/strong> pour les professionnels ?<ul[^>]*> ?<li[^>]*>le <abbr[^>]*>DAC<\/abbr>[^<]* oriente vers le bon service<\/li> ?<li[^>]*>il suit la situation jusqu(&#39;|')au bout<\/li> ?<\/ul> ?<\/li>/);
    expect(html).toMatch(/sous 48 heures<\/strong> ?<ol[^>]*> ?<li[^>]*>appel du coordinateur<\/li>/);
  });

  it("indents the sub-bullets under their point in the text version", () => {
    const text = rendered.text;
    expect(text).toContain("• Un seul interlocuteur pour les professionnels\n  – le DAC");
    expect(text).toMatch(/\n {2}– il suit la situation jusqu'au bout\n• Une réponse sous 48 heures\n {2}1\. appel du coordinateur\n {2}2\. visite si besoin\n• Aucun coût pour la personne/);
  });
});

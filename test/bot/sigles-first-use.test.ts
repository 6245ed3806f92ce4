// « Every sigle in an answer is expanded at its first use »: also when that first use is in a
// contact line (a referent's function, an address) or on an agenda card (title, place, audience).
import { beforeAll, describe, expect, it } from "vitest";
import { agendaAnswer } from "../../bot/core/agenda.ts";
import { createConversation } from "../../bot/core/conversation.ts";
import { renderText } from "../../bot/render/text.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

/** Sigles of the glossary whose first appearance in `text` is not followed by its expansion. */
function unexplained(text: string): string[] {
  const missing: string[] = [];
  for (const match of text.matchAll(/(?<![\p{L}\p{N}-])[A-Z][A-Z0-9&]{1,9}(?![\p{L}\p{N}]|-[\p{L}\p{N}])/gu)) {
    const word = match[0];
    const info = orienteur.glossary.lookup(word);
    if (!info) continue;
    const first = text.search(new RegExp(`(?<![\\p{L}\\p{N}-])${word}(?![\\p{L}\\p{N}]|-[\\p{L}\\p{N}])`, "u"));
    if (first !== match.index) continue;
    const after = text.slice(first + word.length, first + word.length + 2);
    const before = text[first - 1];
    // « CAF (Caisse…) », or « CAF – Caisse… » inside parentheses, or « Aide à domicile (SAAD) ».
    if (after !== " (" && after !== " –" && !(before === "(" && text[first + word.length] === ")")) missing.push(word);
  }
  return missing;
}

describe("sigles at their first use", () => {
  it("writes out the sigles of the agenda cards (title, place, audience)", () => {
    const autumn = renderText(agendaAnswer(orienteur, undefined, "2026-01-01"));
    const winter = renderText(agendaAnswer(orienteur, undefined, "2027-01-01"));
    expect(autumn).toContain("SIAO (Service intégré d'accueil et d'orientation)");
    expect(winter).toMatch(/RSA \(/);
    expect(unexplained(autumn)).toEqual([]);
    expect(unexplained(winter)).toEqual([]);
  });

  for (const question of ["portage de repas à Clamecy", "expulsion locative à Nevers", "hébergement d'urgence à Nevers", "enfant de 2 ans avec un retard de développement à Nevers", "aide sociale à Decize"]) {
    it(`writes out every sigle of the answer to « ${question} », contact lines included`, () => {
      const { answer } = createConversation(orienteur).handle({ conversation: "t", text: question });
      expect(unexplained(renderText(answer))).toEqual([]);
    });
  }
});

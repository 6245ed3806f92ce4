// What a professional sees of the new reading: danger lines first, one group per need, the
// commune asked back for homonyms — through the conversation core and the plain-text renderer.
import { beforeAll, describe, expect, it } from "vitest";
import { createConversation } from "../../bot/core/conversation.ts";
import { renderText } from "../../bot/render/text.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

const ask = (text: string, conversation = "c1") => {
  const reply = createConversation(orienteur).handle({ conversation, text });
  return { reply, text: renderText(reply.answer) };
};

describe("danger first", () => {
  it("starts with the 3114 when someone says they no longer want to live, even with no place and no need read", () => {
    const { reply, text } = ask("mon voisin dit qu'il ne veut plus vivre");
    expect(reply.answer.blocks[0]).toMatchObject({ type: "note", tone: "warning" });
    expect(text.indexOf("3114")).toBeGreaterThanOrEqual(0);
    expect(text).not.toContain("Je n'ai pas reconnu le besoin");
  });

  it("gives the 3919 before the local services for a woman hit by her partner", () => {
    const { text } = ask("son mari la frappe, elle habite à Nevers");
    const line = text.indexOf("3919");
    expect(line).toBeGreaterThanOrEqual(0);
    expect(line).toBeLessThan(text.indexOf("Pourquoi"));
  });

  it("does not raise an alarm for end-of-life care at home", () => {
    const { reply } = ask("mon père a un cancer, il veut mourir chez lui à Decize, qui peut venir à la maison ?");
    expect(reply.orientation?.urgences ?? []).toEqual([]);
  });
});

describe("several needs", () => {
  it("answers each need with its own services", () => {
    const { reply, text } = ask("portage de repas et téléassistance pour ma mère à Clamecy");
    expect(reply.orientation?.groupes.map((g) => g.besoin.id).sort()).toEqual(["portage-repas", "teleassistance"]);
    for (const groupe of reply.orientation!.groupes) expect(groupe.resultats.length).toBeGreaterThan(0);
    expect(text).toContain("Pour « Portage de repas à domicile »");
  });
});

describe("homonyms", () => {
  it("asks which commune, naming the département, instead of choosing one", () => {
    const { text } = ask("aide à domicile à Montigny");
    expect(text).toContain("Montigny-aux-Amognes (58130, Nièvre)");
    expect(text).toContain("Montigny-en-Morvan");
  });
});

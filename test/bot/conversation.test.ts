import { beforeAll, describe, expect, it } from "vitest";
import { createConversation } from "../../bot/core/conversation.ts";
import { parseIntent } from "../../bot/core/intents.ts";
import { renderText } from "../../bot/render/text.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

describe("reading what a message asks for", () => {
  it.each([
    ["c'est quoi un DAC ?", "DAC"],
    ["C'est quoi le CPOM", "CPOM"],
    ["cest quoi un gcsms", "gcsms"],
    ["que veut dire SAAD ?", "SAAD"],
    ["qu'est-ce que c'est l'ESAT ?", "ESAT"],
    ["DAC ?", "DAC"],
    ["SESSAD c'est quoi ?", "SESSAD"],
  ])("reads « %s » as a question about the sigle %s", (message, sigle) => {
    expect(parseIntent(message)).toEqual({ kind: "command", command: "sigle", args: sigle, typed: false });
  });

  it("reads commands with either prefix and a bot name suffix", () => {
    expect(parseIntent("!sigle DAC", "!")).toEqual({ kind: "command", command: "sigle", args: "DAC", typed: true });
    expect(parseIntent("/orienter@OrienteurBot portage de repas à Clamecy")).toEqual({ kind: "command", command: "orienter", args: "portage de repas à Clamecy", typed: true });
    expect(parseIntent("/sigles Le DAC et le SSIAD")).toEqual({ kind: "command", command: "sigles", args: "Le DAC et le SSIAD", typed: true });
    expect(parseIntent("/aide")).toEqual({ kind: "command", command: "aide", args: "", typed: true });
    expect(parseIntent("/lieu Nevers")).toEqual({ kind: "command", command: "territoire", args: "Nevers", typed: true });
    expect(parseIntent("/frobnicate")).toEqual({ kind: "unknown-command", name: "frobnicate" });
  });

  it("reads a free question as an orientation request", () => {
    expect(parseIntent("portage de repas à Clamecy")).toEqual({ kind: "command", command: "orienter", args: "portage de repas à Clamecy", typed: false });
  });
});

describe("the conversation core, without any platform", () => {
  it("answers an orientation question with the services and how to reach them", () => {
    const reply = createConversation(orienteur).handle({ conversation: "c1", text: "portage de repas pour une personne âgée à Clamecy" });
    expect(reply.kind).toBe("orientation");
    const text = renderText(reply.answer);
    expect(text).toContain("Portage de repas du Haut Nivernais - Val d'Yonne");
    expect(text).toContain("Téléphone : 01 99 00 70 12");
    expect(text).toContain("Base de démonstration fictive");
  });

  it("understands « et à Decize ? » within the same conversation only", () => {
    const conversation = createConversation(orienteur);
    conversation.handle({ conversation: "room-a", text: "portage de repas à Clamecy" });
    const followUp = conversation.handle({ conversation: "room-a", text: "et à Decize ?" });
    expect(followUp.orientation?.resultats.map((r) => r.service.id)).toEqual(["portage-repas-sud-nivernais"]);
    expect(renderText(followUp.answer)).toContain("Je reprends votre besoin précédent : « Portage de repas à domicile »");
    const otherRoom = conversation.handle({ conversation: "room-b", text: "et à Decize ?" });
    expect(otherRoom.orientation?.situation).toBe("besoin-inconnu");
  });

  it("answers thanks with a word, not with the previous answer again, and keeps the conversation for what follows", () => {
    const conversation = createConversation(orienteur);
    conversation.handle({ conversation: "room-a", text: "portage de repas à Clamecy" });
    const thanks = conversation.handle({ conversation: "room-a", text: "ok merci, bonne journée !" });
    expect(thanks.kind).toBe("politesse");
    expect(thanks.orientation).toBeUndefined();
    expect(renderText(thanks.answer)).toContain("Avec plaisir");
    const followUp = conversation.handle({ conversation: "room-a", text: "et à Decize ?" });
    expect(followUp.orientation?.resultats.map((r) => r.service.id)).toEqual(["portage-repas-sud-nivernais"]);
  });

  it("reads « merci. et il aurait aussi besoin d'aide pour payer son loyer » as a question, not as thanks", () => {
    expect(parseIntent("merci. et il aurait aussi besoin d'aide pour payer son loyer")).toMatchObject({ kind: "command", command: "orienter" });
    expect(parseIntent("bonjour").kind).toBe("politeness");
  });

  it("forgets the context after the configured time", () => {
    let now = 0;
    const conversation = createConversation(orienteur, { contextTtlMs: 1000, now: () => now });
    conversation.handle({ conversation: "c", text: "portage de repas à Clamecy" });
    now = 2000;
    expect(conversation.handle({ conversation: "c", text: "et à Decize ?" }).orientation?.besoinsSource).toBeNull();
  });

  it("explains a sigle asked in plain words", () => {
    const reply = createConversation(orienteur).handle({ conversation: "c", text: "c'est quoi un DAC ?" });
    expect(reply.kind).toBe("sigle");
    expect(renderText(reply.answer)).toContain("Dispositif d'appui à la coordination");
  });

  it("says it does not know a sigle and suggests close ones", () => {
    const text = renderText(createConversation(orienteur).handle({ conversation: "c", text: "c'est quoi un SSAID ?" }).answer);
    expect(text).toContain("Je ne connais pas le sigle « SSAID ».");
    expect(text).toContain("« SSIAD »");
  });

  it("explains every sigle of a pasted text with no need in it", () => {
    const reply = createConversation(orienteur).handle({ conversation: "c", text: "Suite au CPOM, le GCSMS réunit le SAAD et le SSIAD." });
    expect(reply.kind).toBe("sigles");
    const text = renderText(reply.answer);
    for (const sigle of ["CPOM", "GCSMS", "SAAD", "SSIAD"]) expect(text).toContain(sigle);
  });

  it("answers an empty message with a hint, and a huge one without failing", () => {
    const conversation = createConversation(orienteur);
    expect(conversation.handle({ conversation: "c", text: "   " }).kind).toBe("vide");
    const huge = conversation.handle({ conversation: "c", text: `portage de repas à Clamecy ${"x".repeat(100_000)}` });
    expect(renderText(huge.answer)).toContain("Votre message est très long");
  });

  it.each(["\u0000\u0001", "🙂".repeat(500), "<<<>>>&&&", "' OR 1=1 --", "a".repeat(20_000), "é".repeat(3000), "\n\n\n", "{{constructor}}"])(
    "never throws on odd input (%#)",
    (text) => {
      expect(() => createConversation(orienteur).handle({ conversation: "c", text })).not.toThrow();
    },
  );
});

describe("memory held by conversations", () => {
  // 60 KB ids, as a hostile web client sent them: a new one for each question.
  const longId = (i: number) => `web:${String(i).padStart(6, "0")}${"x".repeat(60_000)}`;

  // Ten times the bound is enough to show it holds; the memory figure at 10 000 ids is the bench's (section 5c).
  it("keeps a bounded number of short keys under a stream of ten times as many new long ids", () => {
    let now = 0;
    const conversation = createConversation(orienteur, { maxConversations: 100, now: () => now });
    for (let i = 0; i < 1000; i++) {
      now += 10;
      // A place alone is remembered (cheap to answer); every tenth shares a phone, so the reminder is remembered too.
      conversation.handle({ conversation: longId(i), text: i % 10 === 0 ? "Clamecy 06 12 34 56 78" : "Clamecy" });
    }
    const held = conversation.memory();
    expect(held.contexts).toBeGreaterThan(0);
    expect(held.contexts).toBeLessThanOrEqual(100);
    expect(held.reminders).toBeLessThanOrEqual(100);
    // Keys are hashes, not the ids: at most 128 characters each.
    expect(held.keyChars).toBeLessThanOrEqual((held.contexts + held.reminders) * 128);
  });

  it("still follows up in a conversation with a long id", () => {
    const conversation = createConversation(orienteur);
    conversation.handle({ conversation: longId(1), text: "portage de repas à Clamecy" });
    expect(conversation.handle({ conversation: longId(1), text: "et à Decize ?" }).orientation?.besoinsSource).toBe("contexte");
    expect(conversation.handle({ conversation: longId(2), text: "et à Decize ?" }).orientation?.besoinsSource).not.toBe("contexte");
  });

  it("forgets every conversation after the context time, however few there are", () => {
    let now = 0;
    const conversation = createConversation(orienteur, { contextTtlMs: 1000, now: () => now });
    for (let i = 0; i < 50; i++) conversation.handle({ conversation: `c${i}`, text: "Clamecy, mon tél 06 12 34 56 78" });
    expect(conversation.memory()).toMatchObject({ contexts: 50, reminders: 50 });
    now = 5000;
    conversation.handle({ conversation: "other", text: "bonjour" });
    expect(conversation.memory()).toMatchObject({ contexts: 0, reminders: 0 });
  });
});

describe("choices the conversation offers", () => {
  it("shows five services when more match, says how many, and « plus » shows the next ones, once", () => {
    const conversation = createConversation(orienteur);
    const first = renderText(conversation.handle({ conversation: "c", text: "santé mentale à Nevers" }).answer);
    expect(first).toContain("6 services répondent à Nevers");
    expect(first).toContain("1. Voir le service suivant");
    expect(first).toContain("répondez « plus »");
    expect(first).not.toContain("SAMSAH");
    const next = renderText(conversation.handle({ conversation: "c", text: "plus" }).answer);
    expect(next).toContain("Service 6 sur 6 à Nevers");
    expect(next).toContain("SAMSAH");
    expect(renderText(conversation.handle({ conversation: "c", text: "plus" }).answer)).toContain("Je n'ai pas d'autres services à montrer");
  });

  it("forgets the services not shown once another question is asked", () => {
    const conversation = createConversation(orienteur);
    conversation.handle({ conversation: "c", text: "santé mentale à Nevers" });
    conversation.handle({ conversation: "c", text: "portage de repas à Clamecy" });
    expect(renderText(conversation.handle({ conversation: "c", text: "plus" }).answer)).toContain("Je n'ai pas d'autres services à montrer");
  });

  it("reads « 1 » under the more-results option as « plus »", () => {
    const conversation = createConversation(orienteur);
    conversation.handle({ conversation: "c", text: "santé mentale à Nevers" });
    expect(renderText(conversation.handle({ conversation: "c", text: "1" }).answer)).toContain("SAMSAH");
  });

  it("offers the next services of each need when it answers per need, and continues each one", () => {
    const conversation = createConversation(orienteur);
    const first = renderText(conversation.handle({ conversation: "c", text: "santé mentale et hébergement d'urgence à Nevers" }).answer);
    expect(first).toContain("1. Voir 3 autres services : Santé mentale et psychiatrie");
    expect(first).toContain("2. Voir 1 autre service : Hébergement d'urgence et mise à l'abri");
    const housing = renderText(conversation.handle({ conversation: "c", text: "2" }).answer);
    expect(housing).toContain("Pour « Hébergement d'urgence et mise à l'abri » : service 4 sur 4 à Nevers");
    // The need not continued yet is still offered, alone now.
    expect(housing).toContain("1. Voir 3 autres services : Santé mentale et psychiatrie");
    const mentalHealth = renderText(conversation.handle({ conversation: "c", text: "plus pour santé mentale" }).answer);
    expect(mentalHealth).toContain("Pour « Santé mentale et psychiatrie » : services 4 à 6 sur 6 à Nevers");
    expect(mentalHealth).toContain("SAMSAH");
  });

  it("asks which need when « plus » alone follows an answer where several needs have more", () => {
    const conversation = createConversation(orienteur);
    conversation.handle({ conversation: "c", text: "santé mentale et hébergement d'urgence à Nevers" });
    const asked = renderText(conversation.handle({ conversation: "c", text: "plus" }).answer);
    expect(asked).toContain("2. Voir 1 autre service : Hébergement d'urgence et mise à l'abri");
    expect(renderText(conversation.handle({ conversation: "c", text: "1" }).answer)).toContain("SAMSAH");
  });

  it("reads « plus pour » a need it did not show as a question", () => {
    expect(parseIntent("plus pour le logement")).toEqual({ kind: "more", need: "le logement" });
    const conversation = createConversation(orienteur);
    const reply = conversation.handle({ conversation: "c", text: "plus pour portage de repas à Clamecy" });
    expect(renderText(reply.answer)).toContain("Portage de repas du Haut Nivernais");
  });

  it("offers the needs that share a word with a question it did not understand, and « 2 » picks the second, keeping the place", () => {
    const conversation = createConversation(orienteur);
    const asked = renderText(conversation.handle({ conversation: "web:a", surface: "web", text: "aide à Nevers" }).answer);
    expect(asked).toContain("Je n'ai pas reconnu le besoin");
    expect(asked).toContain("2. Aide et accompagnement à domicile (SAAD)");
    expect(asked).toContain("Répondez par le numéro du besoin");
    const chosen = conversation.handle({ conversation: "web:a", surface: "web", text: "2" });
    expect(chosen.orientation?.besoins.map((b) => b.id)).toEqual(["aide-a-domicile"]);
    expect(chosen.orientation?.lieu?.nom).toBe("Nevers");
  });

  it("answers what the message's context says, without reading the text again", () => {
    const conversation = createConversation(orienteur);
    const context = conversation.read({ conversation: "c", text: "c'est quoi un DAC ?" });
    expect(context.intent).toEqual({ kind: "command", command: "sigle", args: "DAC", typed: false });
    // The text is ignored once a context is given: the context was the one reading of the message.
    const reply = conversation.handle({ conversation: "c", text: "portage de repas à Clamecy", context });
    expect(reply.kind).toBe("sigle");
  });

  it("shows help and hints with the surface's prefix: « ! » on Matrix, « / » elsewhere", () => {
    const conversation = createConversation(orienteur);
    expect(renderText(conversation.handle({ conversation: "m", surface: "matrix", text: "!aide" }).answer)).toContain("!territoire <commune>");
    expect(renderText(conversation.handle({ conversation: "m", surface: "matrix", text: "!frobnicate" }).answer)).toContain("Tapez !aide");
    expect(renderText(conversation.handle({ conversation: "w", surface: "web", text: "/aide" }).answer)).toContain("/territoire <commune>");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { tokenizeQuestion } from "../../knowledge/text/normalize.ts";
import { fileURLToPath } from "node:url";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { createOrienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

const detect = (question: string) => orienteur.places.detect(tokenizeQuestion(question))?.place;

describe("recognising places as professionals type them", () => {
  it.each([
    ["portage de repas à Clamecy", "58079"],
    ["portage de repas a clamecy", "58079"],
    ["aide à domicile à CLAMECY ?", "58079"],
    ["aide a domicile a clamcy", "58079"],
    ["Saint-Pierre-le-Moûtier", "58264"],
    ["st pierre le moutier", "58264"],
    ["ST-PIERRE-LE-MOUTIER", "58264"],
    ["saint pierre le moûtier", "58264"],
    ["le SAAD de Cosne", "58086"],
    ["à Cosne-Cours-sur-Loire", "58086"],
    ["cosne cours sur loire", "58086"],
    ["château-chinon", "58062"],
    ["chateau chinon", "58062"],
    ["à la charité", "58059"],
    ["la charite sur loire", "58059"],
    ["st benin d'azy", "58232"],
    ["st benin dazy", "58232"],
    ["saint honoré", "58246"],
    ["à varennes", "58303"],
    ["à luzi", "58149"],
    ["58640", "58303"],
    ["je suis à Nevers, la personne habite à Donzy", "58102"],
  ])("reads « %s » as commune %s", (question, code) => {
    const place = detect(question);
    expect(place?.type).toBe("commune");
    expect(place?.code).toBe(code);
  });

  it.each([
    ["dans la Nièvre", "departement", "58"],
    ["dans la nievre", "departement", "58"],
    ["dans le 58", "departement", "58"],
    ["sur la CC Haut Nivernais - Val d'Yonne", "epci", "200067429"],
    ["communauté de communes du sud nivernais", "epci", "200067700"],
    ["agglo de nevers", "epci", "245804406"],
    ["Territoire d'action sociale du Morvan", "territoire", "tas-morvan"],
  ])("reads « %s » as %s %s", (question, type, code) => {
    const place = detect(question);
    expect(place?.type).toBe(type);
    expect(place?.code).toBe(code);
  });

  it("reads a postal code shared by several communes as all of them, so no town's service is offered to its neighbours", () => {
    const place = detect("aide à domicile 58000");
    expect(place?.type).toBe("code_postal");
    expect(place?.communes).toEqual(expect.arrayContaining(["58194", "58051"]));
  });

  it("recognises a commune outside the base and marks it out of scope", () => {
    const place = detect("hébergement d'urgence à Lyon");
    expect(place?.code).toBe("69123");
    expect(place?.inScope).toBe(false);
  });

  it.each(["cours de cuisine", "perte de poil", "j'ai des maux de tête", "portage de repas", "aide à domicile pour ma mère", "un jeune de 19 ans"])(
    "finds no place in « %s »",
    (question) => {
      expect(detect(question)).toBeUndefined();
    },
  );

  it("takes a French word cut from a commune's name for the word, unless capitalised or right after « à »", () => {
    // La Maison-Dieu: « maison » is the house; Bû (Eure-et-Loir): « il a bu » is avoir.
    expect(orienteur.orient("mon fils a bu et il casse tout dans la maison, il menace son père").lieu).toBeNull();
    expect(detect("un ssiad à Maison-Dieu ?")?.code).toBe("58154");
  });

  it("reads a commune's usual short name of four letters (« Doué » for Doué-en-Anjou) before a namesake far away", async () => {
    const base49 = await loadKnowledge(fileURLToPath(new URL("../fixtures/base-49", import.meta.url)));
    const anjou = createOrienteur(base49);
    expect(anjou.orient("un ssiad à doué ?").lieu?.code).toBe("49125");
  });

  it("reads a former commune as the commune it merged into", () => {
    expect(detect("aide à domicile à Cours")?.code).toBe("58086");
  });

  it("resolves what a user gives as a default place: name, postal code, INSEE code", () => {
    expect(orienteur.places.resolve("Decize")?.code).toBe("58095");
    expect(orienteur.places.resolve("58640")?.code).toBe("58303");
    expect(orienteur.places.resolve("58095")?.code).toBe("58095");
    expect(orienteur.places.resolve("st pierre le moutier")?.code).toBe("58264");
    expect(orienteur.places.resolve("Xyzville")).toBeUndefined();
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

describe("explaining sigles", () => {
  it.each(["DAC", "dac", "D.A.C.", "Dac"])("finds DAC typed as « %s »", (typed) => {
    expect(orienteur.glossary.lookup(typed)?.developpements[0]?.forme_longue).toMatch(/^Dispositif d'appui à la coordination/);
  });

  it("finds a plural (« les EHPADs »)", () => {
    expect(orienteur.glossary.lookup("EHPADs")?.sigle).toBe("EHPAD");
  });

  it("links a sigle to the services of the base that carry it", () => {
    expect(orienteur.glossary.lookup("DAC")?.services).toContain("dac-nievre");
  });

  it("lists every meaning of an ambiguous sigle, the likeliest first", () => {
    const ass = orienteur.glossary.lookup("ASS")!;
    expect(ass.developpements.length).toBeGreaterThanOrEqual(2);
    expect(ass.developpements[0]?.forme_longue).toMatch(/^Assistant/);
  });

  it("puts first the meaning that fits the surrounding text", () => {
    const found = orienteur.glossary.findInText("Il touche l'ASS depuis la fin de ses droits au chômage, versée par France Travail.");
    expect(found.trouves.find((s) => s.sigle === "ASS")?.developpements[0]?.forme_longue).toMatch(/^Allocation de solidarité spécifique/);
  });

  it("suggests close sigles for a misspelt one", () => {
    expect(orienteur.glossary.lookup("SSAID")).toBeUndefined();
    expect(orienteur.glossary.suggest("SSAID")).toContain("SSIAD");
  });

  it("finds every sigle of a pasted text, in order, and the ones it does not know", () => {
    const found = orienteur.glossary.findInText("Réunion CPOM : le GCSMS, le SAAD et le DAC font le point avec l'EHPAD ; voir aussi le ZZQX.");
    expect(found.trouves.map((s) => s.sigle)).toEqual(["CPOM", "GCSMS", "SAAD", "DAC", "EHPAD"]);
    expect(found.inconnus).toEqual(["ZZQX"]);
  });

  it("does not read ordinary lowercase words as sigles", () => {
    const found = orienteur.glossary.findInText("il a pas de mas ni d'as, et son âme est triste");
    expect(found.trouves).toEqual([]);
  });

  it("never finds a sigle inside a French word (« une dame » is not « d'AME »)", () => {
    expect(orienteur.glossary.findInText("une dame de 80 ans").trouves).toEqual([]);
  });

  it("reads a short sigle typed as a word after a determiner (« contacter l'as du secteur »)", () => {
    expect(orienteur.glossary.findInText("contacter l'as du secteur").trouves.map((s) => s.sigle)).toEqual(["AS"]);
  });

  it("recognises known sigles written in title case (« l'Udaf », « l'Anap »)", () => {
    expect(orienteur.glossary.findInText("réunion avec l'Udaf et l'Anap").trouves.map((s) => s.sigle)).toEqual(["UDAF", "ANAP"]);
  });

  it("does not take a heading written in capitals for a list of unknown sigles", () => {
    expect(orienteur.glossary.findInText("URGENT PORTAGE DE REPAS POUR MONSIEUR A CLAMECY").inconnus).toEqual([]);
  });

  it("still reads a text full of sigles in capitals as sigles", () => {
    const found = orienteur.glossary.findInText("le CPOM, la MAS, le CLIC, la PASS et la MECS");
    expect(found.trouves.map((s) => s.sigle)).toEqual(["CPOM", "MAS", "CLIC", "PASS", "MECS"]);
  });

  it("knows the sector's sigles, management and cooperation included (at least 800)", () => {
    expect(orienteur.glossary.size).toBeGreaterThanOrEqual(800);
    for (const sigle of ["GPEC", "CSSCT", "EPRD", "GCSMS", "URIOPSS", "GRADeS", "IFSI", "BAPU", "MJC"]) expect(orienteur.glossary.lookup(sigle), sigle).toBeDefined();
  });
});

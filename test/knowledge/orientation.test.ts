import { beforeAll, describe, expect, it } from "vitest";
import { zoneCoversAll } from "../../knowledge/places/coverage.ts";
import { compileZone, communesOfZone } from "../../knowledge/places/coverage.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { fileURLToPath } from "node:url";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { createOrienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

const ids = (question: string, lieu?: string) => orienteur.orient({ question, lieu }).resultats.map((r) => r.service.id);

describe("ranking (golden questions on the demo base)", () => {
  it("answers the workshop question with the Clamecy meal service, for the reasons a social worker would give", () => {
    const answer = orienteur.orient("qui s'occupe du portage de repas pour une personne âgée à Clamecy ?");
    expect(answer.lieu).toMatchObject({ code: "58079", type: "commune" });
    expect(answer.besoins.map((b) => b.id)).toEqual(["portage-repas"]);
    expect(answer.publics.map((p) => p.id)).toContain("personnes-agees");
    // The only meal service of the Haut Nivernais; the Nevers and Decize ones do not cover Clamecy.
    expect(answer.resultats.map((r) => r.service.id)).toEqual(["portage-repas-haut-nivernais"]);
    expect(answer.resultats[0]!.raisons).toEqual([
      "répond au besoin « Portage de repas à domicile »",
      "s'adresse aux personnes âgées",
      "intervient à Clamecy",
    ]);
  });

  it("puts the service carrying the sigle of the question first (« le SAAD de Cosne »)", () => {
    // SAAD names the need (home help) and the service; the Cosne one covers Cosne, the others do not.
    expect(ids("le SAAD de Cosne")[0]).toBe("saad-coeur-de-loire");
  });

  it("ranks the local CSAPA above the département-wide harm-reduction service for « CSAPA à Cosne »", () => {
    expect(ids("CSAPA à Cosne").slice(0, 2)).toEqual(["csapa-cosne", "caarud-nievre"]);
  });

  it("puts the 115 first for emergency shelter, even typed « hebergement durgence » in a small commune", () => {
    // The SIAO is dedicated to emergency shelter and its keywords say « hébergement d'urgence »;
    // the CHRS also houses people, but for months, after a SIAO request.
    expect(ids("hebergement durgence a st benin dazy").slice(0, 2)).toEqual(["siao-115-nievre", "chrs-nevers"]);
  });

  it("sends a 19-year-old job seeker in Cosne to the mission locale antenna of Cosne", () => {
    const answer = orienteur.orient("jeune de 19 ans sans emploi a cosne");
    expect(answer.age).toBe(19);
    expect(answer.resultats[0]?.service.id).toBe("mission-locale-antenne-cosne");
  });
});

describe("understanding everyday French", () => {
  it.each([
    ["aide menagere a decize", "aide-a-domicile"],
    ["aide ménagère à Decize", "aide-a-domicile"],
    ["aide menagre a decize", "aide-a-domicile"],
    ["auxiliaire de vie decize", "aide-a-domicile"],
    ["on ne s'en sort plus à la maison, Decize", "aide-a-domicile"],
    ["protage de repas a decize", "portage-repas"],
    ["repas livrés à domicile à Decize", "portage-repas"],
    ["hebergment durgence a decize", "hebergement-urgence"],
    ["il dort dans sa voiture, Decize", "hebergement-urgence"],
    ["mon fils boit trop, on est a decize", "addictions"],
    ["ssiad a decize", "soins-infirmiers-domicile"],
  ])("reads « %s » as the need %s", (question, need) => {
    expect(orienteur.orient(question).besoins.map((b) => b.id)).toContain(need);
  });

  it("reads an age and the public it implies", () => {
    const answer = orienteur.orient("aide à domicile pour mon père de 85 ans à Nevers");
    expect(answer.age).toBe(85);
    expect(answer.publics.map((p) => p.id)).toContain("personnes-agees");
  });

  it("does not take « sans domicile » for home help, nor home help for homelessness", () => {
    expect(orienteur.orient("aide à domicile à Clamecy").publics.map((p) => p.id)).not.toContain("personnes-sans-domicile");
    expect(orienteur.orient("personne sans domicile à Nevers").publics.map((p) => p.id)).toContain("personnes-sans-domicile");
  });
});

describe("zone filtering", () => {
  const questions = [
    "portage de repas",
    "aide à domicile",
    "soins infirmiers à domicile",
    "accueil de jour alzheimer",
    "aide alimentaire",
    "mission locale",
    "CMP adulte",
    "France Services",
    "point conseil budget",
    "relais petite enfance",
  ];

  it("never proposes a service whose zone does not cover the commune asked about, anywhere in the Nièvre", () => {
    const geography = orienteur.geography;
    const communes = geography.communesOfDepartement("58");
    const territoryCommunes = new Map(orienteur.base.territoires.map((t) => [t.id, communesOfZone(geography, t.zone)]));
    let checked = 0;
    for (const code of communes.filter((_, i) => i % 3 === 0)) {
      for (const question of questions) {
        // The commune itself, not its code as text: « 58130 » is an INSEE code and also Guérigny's postal code.
        for (const result of orienteur.orient({ question, lieu: orienteur.places.commune(code), limit: 20 }).resultats) {
          const service = result.service;
          const zone = compileZone(geography, service.zone_eligibilite ?? [], (service.territoires ?? []).flatMap((t) => territoryCommunes.get(t) ?? []));
          expect(zoneCoversAll(geography, zone, [code]), `${service.id} proposé pour ${code}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("gives different local providers in different towns for the same need", () => {
    expect(ids("portage de repas à Clamecy")).toEqual(["portage-repas-haut-nivernais"]);
    expect(ids("portage de repas à Decize")).toEqual(["portage-repas-sud-nivernais"]);
    expect(ids("portage de repas à Nevers")).toEqual(["portage-repas-nevers-agglo"]);
  });

  it("for a postal code, only proposes services covering every commune that shares it", () => {
    const answer = orienteur.orient("portage de repas 58000");
    expect(answer.lieu?.type).toBe("code_postal");
    for (const result of answer.resultats) expect(result.service.id).not.toBe("ccas-nevers");
    expect(answer.remarques.join(" ")).toContain("Précisez la commune");
  });

  it("outside the base's territory, keeps only national services and says why", () => {
    const answer = orienteur.orient("violences conjugales à Lyon");
    expect(answer.situation).toBe("hors-territoire");
    expect(answer.resultats.map((r) => r.service.id)).toEqual(["violences-femmes-info-3919"]);
    expect(answer.remarques[0]).toBe("Lyon (Rhône) est hors du territoire de cette base (Nièvre) : seuls les services qui interviennent aussi là-bas sont proposés.");
  });
});

describe("asking back and saying no", () => {
  it("asks for the commune when the place matters and is missing, showing meanwhile only what covers the whole département", () => {
    const answer = orienteur.orient("hébergement d'urgence");
    expect(answer.situation).toBe("lieu-manquant");
    expect(answer.clarification).toMatch(/^Dans quelle commune vit la personne \?/);
    expect(answer.resultats.length).toBeGreaterThan(0);
    for (const result of answer.resultats) expect(result.raisons).toContain("couvre tout le département (Nièvre)");
  });

  it("answers « c'est quoi la différence entre le SSIAD et le SAAD ? » with the meanings, offering the commune rather than asking it", () => {
    const o = orienteur.orient("c'est quoi la difference entre le SSIAD et le SAAD ?");
    expect(o.expliqueSigles).toBe(true);
    expect(o.situation).toBe("ok");
    expect(o.sigles.map((s) => s.sigle)).toEqual(expect.arrayContaining(["SSIAD", "SAAD"]));
    expect(o.remarques.join(" ")).toMatch(/précisez sa commune/);
    // Asking about a service's hours is no question about a sigle's meaning: the commune is asked.
    expect(orienteur.orient("c'est quoi les horaires du SSIAD ?").situation).toBe("lieu-manquant");
  });

  it("does not ask for the commune when every answer is valid everywhere", () => {
    const answer = orienteur.orient("faire un dossier MDPH");
    expect(answer.clarification).toBeNull();
    expect(answer.resultats[0]?.service.id).toBe("mdph-nievre");
  });

  it("asks for the commune, rather than saying nothing exists, for « dans la Nièvre » when every provider is local", () => {
    const answer = orienteur.orient("portage de repas dans la Nièvre");
    expect(answer.situation).toBe("lieu-manquant");
  });

  it("says plainly when nothing local fits, and offers the general entry points that cover the place, flagged", () => {
    // The demo base has no accueil de jour in the Morvan, on purpose.
    const answer = orienteur.orient("accueil de jour alzheimer à Château-Chinon");
    expect(answer.situation).toBe("aucun-service-local");
    expect(answer.resultats.length).toBeGreaterThan(0);
    for (const result of answer.resultats) {
      expect(result.generaliste).toBe(true);
      expect(result.service.point_entree).toBe(true);
    }
    expect(answer.resultats.map((r) => r.service.id)).toContain("france-services-chateau-chinon");
  });

  it("asks for the need when it does not recognise one", () => {
    const answer = orienteur.orient("bonjour");
    expect(answer.situation).toBe("besoin-inconnu");
    expect(answer.resultats).toEqual([]);
    expect(answer.clarification).toMatch(/^Je n'ai pas reconnu le besoin/);
  });

  it("says what it understood when the base has no need for it, with the entry points of the place (téléassistance in a base without any)", async () => {
    const base49 = createOrienteur(await loadKnowledge(fileURLToPath(new URL("../fixtures/base-49", import.meta.url))));
    expect(base49.base.besoins.some((b) => b.id.includes("teleassistance"))).toBe(false);
    const answer = base49.orient("une téléassistance pour ma mère à Cholet");
    expect(answer.clarification).toMatch(/^J'ai compris : « Téléassistance.*». Cette base ne recense aucun service pour ce besoin/);
    expect(answer.resultats.length).toBeGreaterThan(0);
    for (const result of answer.resultats) expect(result.service.point_entree).toBe(true);
    // Without a commune, it says where to turn and asks for the commune.
    expect(base49.orient("une téléassistance pour ma mère").clarification).toMatch(/précisez sa commune/);
  });
});

describe("follow-up questions", () => {
  it("reuses the previous need for « et à Decize ? »", () => {
    const first = orienteur.orient("portage de repas à Clamecy");
    const second = orienteur.orient({ question: "et à Decize ?", contexte: first.contexte });
    expect(second.besoinsSource).toBe("contexte");
    expect(second.lieu?.code).toBe("58095");
    expect(second.resultats.map((r) => r.service.id)).toEqual(["portage-repas-sud-nivernais"]);
  });

  it("keeps the place when only the need changes", () => {
    const first = orienteur.orient("portage de repas à Clamecy");
    const second = orienteur.orient({ question: "et une aide ménagère ?", contexte: first.contexte });
    expect(second.lieu?.code).toBe("58079");
    expect(second.besoins.map((b) => b.id)).toEqual(["aide-a-domicile"]);
  });

  it("uses the default place of the room when the question names none", () => {
    const answer = orienteur.orient({ question: "portage de repas", lieu: "Decize" });
    expect(answer.lieuSource).toBe("defaut");
    expect(answer.resultats[0]?.service.id).toBe("portage-repas-sud-nivernais");
  });
});

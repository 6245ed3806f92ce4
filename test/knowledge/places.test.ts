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
    // « en » before a département's name, unless that name is a French word (« en somme »).
    ["aide a domicile en saone et loire", "departement", "71"],
    ["aide a domicile en Côte-d'Or", "departement", "21"],
    ["sur la CC Haut Nivernais - Val d'Yonne", "epci", "200067429"],
    ["communauté de communes du sud nivernais", "epci", "200067700"],
    // The base's editors list « agglo de Nevers » among their territory's names: their word wins over a spelling derived from the EPCI's.
    ["agglo de nevers", "territoire", "tas-nevers"],
    ["la CA de Nevers", "epci", "245804406"],
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

  it("recognises a big town outside the base by its short name (« à Cherbourg »)", () => {
    expect(detect("aide à domicile à Cherbourg")?.code).toBe("50129");
  });

  it("recognises a commune outside the base and marks it out of scope", () => {
    const place = detect("hébergement d'urgence à Lyon");
    expect(place?.code).toBe("69123");
    expect(place?.inScope).toBe(false);
  });

  it.each(["cours de cuisine", "perte de poil", "en somme il faut une aide", "j'ai des maux de tête", "portage de repas", "aide à domicile pour ma mère", "un jeune de 19 ans"])(
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

const FIXTURES = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

describe("reading places the way professionals write them (issue 8)", () => {
  let anjou: Orienteur;
  let calvados: Orienteur;
  beforeAll(async () => {
    anjou = createOrienteur(await loadKnowledge(FIXTURES("base-49")));
    calvados = createOrienteur(await loadKnowledge(FIXTURES("base-14-calvados")));
  });
  /** What the person is told: the place read, or the places asked back. */
  const read = (o: Orienteur, question: string) => {
    const orientation = o.orient({ question });
    return { place: orientation.lieu ? `${orientation.lieu.type === "commune" ? "" : `${orientation.lieu.type === "code_postal" ? "cp" : orientation.lieu.type}:`}${orientation.lieu.code}` : null, asked: orientation.lieuxPossibles.map((p) => p.code) };
  };

  it.each([
    // A typo in the first word of a longer name: the exact « nevers » or « bazois » after it must not win.
    ["portage de repas pour ma mere a coulange les nevers", "58088"],
    ["portage de repas pour ma mère qui habite chatilon en bazois", "58065"],
    ["aide a domicile coulange les nevers", "58088"],
    // A typo of the base's name beats a place outside it read in the same words (« sur loire » is not the Loire).
    ["besoin d'aide pour ma mere, cosnes sur loire", "58086"],
    ["aide a domicile la charitée", "58059"],
    ["aide a domicile à Tours", "37261"],
    ["aide a domicile a Saint-Étienne", "42218"],
    // « s/ » for « sur », glued to the next word.
    ["aide a domicile pouilly s/loire", "58215"],
    ["aide a domicile Pouilly s/ Loire", "58215"],
    ["aide a domicile pouilly/loire", "58215"],
    ["aide a domicile la charité/loire", "58059"],
    ["aide a domicile coulanges lez nevers", "58088"],
    // The other village of a merged name.
    ["portage de repas à Vauzelles pour ma mère", "58303"],
    ["aide a domicile, il habite les settons", "58180"],
    // A postal code typed with a space, and one that says which commune of a word-like name is meant.
    ["aide a domicile 58 000", "cp:58000"],
    ["aide a domicile la charite 58400", "58059"],
    // A name cut by the end of the message, past the words several communes share.
    ["portage de repas a varennes vauz", "58303"],
    ["aide a domicile montigny sur c", "58178"],
    ["aide a domicile a chateau chi", "58062"],
    // A surname after « Mme » is no place; a place said after it still counts.
    ["aide à domicile pour Mme Decize qui habite Imphy", "58134"],
    // « du dr, cosne », « un monsieur cosne »: a title used as a noun leaves the place after it.
    ["patiente qui n'a plus de generaliste depuis le depart en retraite du dr, cosne", "58086"],
    ["aide à domicile pour le fils de Mme Martin, Decize", "58095"],
    // « saint pierre de nevers » is no typo of Saint-Pierre-du-Mont: each word beside keeps its own budget.
    ["aide a domicile pour saint pierre de nevers", "58194"],
  ])("reads « %s » on the demo base as %s", (question, code) => {
    expect(read(orienteur, question).place).toBe(code);
  });

  it.each(["aide a domicile, elle habite rue de Clamecy", "aide a domicile, elle habite 3 avenue de Nevers"])("takes a street named after a town for a street: « %s »", (question) => {
    expect(read(orienteur, question).place).toBeNull();
  });

  it.each(["aide à domicile pour Mme Decize", "un rendez-vous avec monsieur Nevers pour le portage de repas", "aide a domicile pour Mr Clamecy"])(
    "takes a name after « Mme » or « monsieur » for a surname, not a place: « %s »",
    (question) => {
      expect(read(orienteur, question).place).toBeNull();
    },
  );

  it.each([
    ["portage de repas à Saint-Germain", ["58241", "58242"]],
    // Saint-Pierre-le-Moûtier is ten times bigger than Saint-Pierre-du-Mont, but the person may live in the small one.
    ["AVS pour une dame agee de saint pierre, 3 passages par jour", ["58263", "58264"]],
    ["portage repas a Varennes svp", ["58302", "58303"]],
  ])("asks which commune when an incomplete name fits several communes of the base: « %s »", (question, codes) => {
    expect(read(orienteur, question).asked.sort()).toEqual(codes);
  });

  it("asks « Moulins » back, naming Moulins-Engilbert of the base and Moulins in the Allier with their départements", () => {
    const orientation = orienteur.orient({ question: "portage de repas à Moulins" });
    expect(orientation.lieu).toBeNull();
    expect(orientation.clarification).toContain("Moulins-Engilbert (58290, Nièvre)");
    expect(orientation.clarification).toContain("Moulins (03000, Allier)");
  });

  it("reads « Doué » as Doué-en-Anjou, not as the much smaller Doue in Seine-et-Marne", () => {
    expect(read(anjou, "un ssiad à Doué ?").place).toBe("49125");
  });

  it("reads an everyday phrase cut from a name as the phrase, even after « à » or with an institution's capital", () => {
    for (const question of ["place en ehpad à la maison de retraite pour ma mère", "rendez-vous à la Maison des Solidarités pour un dossier RSA", "il dort dans les bois, hébergement d'urgence"]) {
      expect(read(question.includes("bois") ? anjou : orienteur, question)).toEqual({ place: null, asked: [] });
    }
    expect(read(orienteur, "un ssiad à La Maison-Dieu").place).toBe("58154");
  });

  it("resolves a former commune's short name to today's commune, and says so (« Aunay »)", () => {
    const orientation = calvados.orient({ question: "ssiad aunay" });
    expect(orientation.lieu?.code).toBe("14027");
    expect(orientation.remarques.join(" ")).toContain("Aunay-sur-Odon fait aujourd'hui partie de la commune de Les Monts d'Aunay");
  });

  it("asks back « Condé » on the Calvados base, naming its three communes", () => {
    expect(read(calvados, "a Condé une dame aurait besoin d'un ssiad").asked.sort()).toEqual(["14173", "14174", "14175"]);
  });

  it("names a former commune asked back with the commune it is part of today", () => {
    const orientation = anjou.orient({ question: "ma tante habite Saint-Georges, elle ne peut plus faire son ménage" });
    expect(orientation.clarification).toContain("Saint-Georges-des-Gardes, aujourd'hui Chemillé-en-Anjou");
  });

  it.each([
    ["aide a domicile agglo d'angers", "epci:244900015"],
    ["aide a domicile dans le saumurois", "epci:200071876"],
  ])("reads an agglomeration by its town or its country: « %s »", (question, code) => {
    expect(read(anjou, question).place).toBe(code);
  });

  it("reads a distinctive cut name as today's commune, not a former commune far away (« Chalonnes »)", () => {
    expect(read(anjou, "mes parents à Chalonnes : il faudrait du portage").place).toBe("49063");
  });

  it.each([
    ["ma tante habite Saint-Georges, elle ne peut plus faire son ménage", ["49283", "49092"]],
    ["qui aide pour les dossiers retraite à Saint-Lambert ?", ["49294", "49292"]],
  ])("asks back an incomplete name that a former commune also fits: « %s »", (question, codes) => {
    const { place, asked } = read(anjou, question);
    expect(place).toBeNull();
    expect(asked).toEqual(expect.arrayContaining(codes));
  });

  it.each([
    // A name cut short (« Saint-Barth ») that starts one commune's name only.
    ["ma mère vit à Saint-Barth, elle a besoin d'aide au ménage", "49267"],
    ["aide a domicile st barth", "49267"],
    ["plateforme de répit sur l'agglo du Choletais", "epci:200071678"],
    ["plateforme de répit agglo du choletais", "epci:200071678"],
  ])("reads « %s » on the Maine-et-Loire base as %s", (question, code) => {
    expect(read(anjou, question).place).toBe(code);
  });

  it.each([
    ["aide a domicile dans le pays d'auge", "territoire:tas-pays-d-auge"],
    ["aide a domicile dans le Bocage", "territoire:tas-bocage"],
    ["aide a domicile riva bella", null],
    // « Normandie » ends Vire Normandie but stands in other names too: no commune.
    ["aide a domicile en normandie", null],
    ["aide a domicile le molay littry", "14370"],
    ["aide a domicile, elle vit a littry", "14370"],
    ["aide a domicile pour Robert", null],
    // A first name outside the base is no town (La Madeleine, Nord); « à » before it makes it one.
    ["aide a domicile pour Madeleine", null],
    ["sa fille habite à La Madeleine, aide a domicile", "59368"],
  ])("reads a territory by its own name, and corrects no typo into a French word cut from a name: « %s »", (question, ref) => {
    expect(read(calvados, question).place).toBe(ref);
  });

  it.each([
    // A commune named with its postal code is that commune, not all the communes of the code.
    ["Epicerie sociale pour un habitant de Ifs 14123 ?", "14341"],
    ["Epicerie sociale, ifs 14123", "14341"],
    // « non, » answers a question: it does not deny the place after it.
    ["non, Falaise dans les Ardennes", "08164"],
    // The short name of a former commune (Aunay-sur-Odon, now Les Monts d'Aunay).
    ["ssiad aunay", "14027"],
  ])("reads « %s » on the Calvados base as %s", (question, code) => {
    expect(read(calvados, question).place).toBe(code);
  });

  it.each([
    ["elle habite Luzy et doit aller à Nevers pour sa dialyse, transport", "58149"],
    ["il vit a Imphy, il travaille a Nevers, aide au logement", "58134"],
    ["monsieur de Donzy doit aller a l'hopital a Nevers, transport accompagne", "58102"],
    ["une dame habitant Varzy, rdv à Clamecy pour son dossier, aide administrative", "58304"],
    ["portage de repas a Decize pour ma mere, je vis a Nevers", "58095"],
    ["je suis à Nevers, la personne habite à Donzy", "58102"],
  ])("reads where the person lives, not where they must go or work: « %s »", (question, code) => {
    expect(read(orienteur, question).place).toBe(code);
  });

  it.each([
    "la machine a laver est en panne, aide financiere",
    "elle sort de l'hopital en mars, aide a domicile",
    "rendez vous en avril pour le dossier apa",
    "il a mal au talon, besoin d'un podologue",
    "aide pour les fours et la cuisine",
  ])("reads the French word, not the commune named like it, in the middle of a sentence: « %s »", (question) => {
    expect(read(orienteur, question).place).toBeNull();
  });

  it.each([
    ["portage de repas a la machine", "58151"],
    ["portage de repas La Machine", "58151"],
    ["aide a domicile pour une dame habitant la machine", "58151"],
    ["ssiad fours", "58118"],
    ["un ssiad pour Talon ?", "58284"],
    ["portage de repas, elle habite mars sur allier", "58158"],
  ])("reads a commune named like a French word where it stands as a place: « %s »", (question, code) => {
    expect(read(orienteur, question).place).toBe(code);
  });

  it.each([
    ["ou trouver une formation pour les familles de malades parkinson, tas haut nivernais", "territoire:tas-haut-nivernais"],
    ["et sur la com com du haut nivernais val d'yonne ?", "epci:200067429"],
    ["mission locale dans le sud nivernais", "territoire:tas-sud-nivernais"],
  ])("reads « %s » as the base's territory or the EPCI it names", (question, ref) => {
    expect(read(orienteur, question).place).toBe(ref);
  });
});

// The reading stages, each alone: the French lexicon, the message reader, weighted phrases,
// sigles typed as words, and places (homonyms, former communes, names that are French words).
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { createOrienteur } from "../../knowledge/orienteur.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { getFrenchLexicon } from "../../knowledge/text/lexicon.ts";
import { createPhraseIndex } from "../../knowledge/understand/phrase-index.ts";
import { createSpeller, queryTokens } from "../../knowledge/understand/query-tokens.ts";
import { readMessage } from "../../knowledge/understand/read-message.ts";
import { getWordKeys } from "../../knowledge/understand/words.ts";
import { getBuiltinLexicon } from "../../knowledge/understand/builtin-lexicon.ts";
import { linkConcepts } from "../../knowledge/understand/link-concepts.ts";
import { createNeedReader } from "../../knowledge/understand/needs.ts";
import type { Besoin } from "../../knowledge/schema/index.ts";
import { demoOrienteur } from "../helpers/bases.ts";

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

describe("the French lexicon", () => {
  it("knows inflected forms and their lemmas", () => {
    const lexicon = getFrenchLexicon();
    expect(lexicon.isWord("fatiguees")).toBe(true);
    expect(lexicon.lemmas("pouvait")).toContain("pouvoir");
    expect(lexicon.lemmas("hospitalisee")).toContain("hospitaliser");
  });

  it("reads a form of a common verb as that verb only (« allait » never meets « allaitement »)", () => {
    const keys = getWordKeys();
    const shared = keys.keysOf("allait").filter((key) => keys.keysOf("allaitement").includes(key));
    expect(shared).toEqual([]);
    expect(orienteur.orient("un agriculteur a dit au maire qu'il allait se pendre dans sa grange, Saint-Révérien").besoins.map((b) => b.id)).not.toContain("pmi-grossesse-petite-enfance");
  });

  it("tells a typo from a word", () => {
    const lexicon = getFrenchLexicon();
    expect(lexicon.isWord("dame")).toBe(true);
    expect(lexicon.isWord("hebergment")).toBe(false);
  });
});

describe("reading a message", () => {
  const keys = getWordKeys();
  const sigles = new Set(["as", "ame", "ccas"]);
  const read = (text: string) => readMessage(text, keys, (folded) => sigles.has(folded));

  it("reads « l'as du secteur » and « une a.s. » as the sigle, « tu as » as the verb", () => {
    expect(read("contacter l'as du secteur").tokens.find((t) => t.folded === "as")?.sigleLike).toBe(true);
    expect(read("une a.s. du département").tokens.find((t) => t.raw === "a.s.")?.sigleLike).toBe(true);
    expect(read("tu as un numéro ?").tokens.find((t) => t.folded === "as")?.sigleLike).toBe(false);
  });

  it("never reads a French word as a sigle it contains (« dame » is not « d'AME »)", () => {
    const tokens = queryTokens(read("une dame de Nevers").tokens, { keys, speller: createSpeller([]), sigleMeaning: () => undefined });
    expect(tokens.flatMap((t) => t.keys.map((k) => k.key))).not.toContain("#ame");
  });

  it("does not take a heading written in capitals for sigles", () => {
    const message = read("URGENT PORTAGE DE REPAS POUR MONSIEUR");
    expect(message.shouting).toBe(true);
    expect(message.tokens.filter((t) => t.sigleLike)).toEqual([]);
  });

  it("expands chat abbreviations", () => {
    expect(read("qqn pr une pers").words).toEqual(["quelqu", "un", "pour", "une", "personne"]);
    // The sector's clipped words read as the whole word: « un ergo » is an ergothérapeute.
    expect(read("besoin d'un ergo et des educs").words).toEqual(["besoin", "d", "un", "ergotherapeute", "et", "des", "educateurs"]);
  });
});

describe("weighted phrases", () => {
  const keys = getWordKeys();
  const index = createPhraseIndex(
    [
      { owner: "adaptation", phrase: "ne peut plus monter son escalier" },
      { owner: "aide", phrase: "aide à domicile" },
      { owner: "sdf", phrase: "sans domicile fixe" },
      { owner: "vague", phrase: "aide" },
      { owner: "maison", phrase: "aide à la maison" },
    ],
    keys,
    { generic: new Set(["aide", "besoin", "pouvoir", "personne"]) },
  );
  const match = (text: string) => index.match(queryTokens(readMessage(text, keys).tokens, { keys, speller: createSpeller(index.words), sigleMeaning: () => undefined })).map((h) => h.owner);

  it("reads a situation written in other forms (« elle ne monte plus les escaliers »)", () => {
    expect(match("elle ne monte plus les escaliers")).toContain("adaptation");
  });

  it("reads « ne … plus » and « ne … jamais » as « ne … pas » in a phrase (« n'a plus de quoi manger »)", () => {
    expect(orienteur.orient("une famille n'a plus de quoi manger cette semaine, Nevers").besoins.map((b) => b.id)).toContain("aide-alimentaire");
  });

  it("never reads a phrase in part from an age or a duration (« un enfant de 10 ans » is no « carte de 10 ans »)", () => {
    expect(orienteur.orient("etablissement specialise pour un enfant de 10 ans avec deficience, secteur Corbigny").besoins.map((b) => b.id)).not.toContain("acces-aux-droits");
  });

  it("reads « un administré » as the person, not as paperwork (« aide administrative »)", () => {
    expect(orienteur.orient("bjr, un administré de Brinon voudrait une aide menagere 2h par semaine").besoins.map((b) => b.id)).toEqual(["aide-a-domicile"]);
  });

  it("never switches an owner on from a generic word alone", () => {
    expect(match("j'ai besoin d'aide pour une personne")).toEqual([]);
  });

  it("reads a phrase of generic words only when all of them are there (« aide à la maison »)", () => {
    expect(match("qqn pour aider ma mère à la maison")).toEqual(["maison"]);
    expect(match("une maison de retraite")).toEqual([]);
  });

  it("does not read « sans domicile » as home help", () => {
    expect(match("personne sans domicile")).not.toContain("aide");
  });
});

describe("places", () => {
  it("asks which commune when a name fits several communes of the base", () => {
    const answer = orienteur.orient("aide à domicile à Montigny");
    expect(answer.situation).toBe("lieu-ambigu");
    // Every Montigny of the base, the smallest too: the person may live in Montigny-sur-Canne.
    expect(answer.lieuxPossibles.map((p) => p.code).sort()).toEqual(["58176", "58177", "58178"]);
    expect(answer.clarification).toContain("Nièvre");
  });

  it("asks back an incomplete name even when one commune is much bigger, and completes it when the rest is typed", () => {
    expect(orienteur.orient("portage de repas à Varennes").situation).toBe("lieu-ambigu");
    expect(orienteur.orient("aide a dom sur st pierre le moutie").lieu?.code).toBe("58264");
    expect(orienteur.orient("ssiad chateau chinnon, dispo ?").lieu?.code).toBe("58062");
  });

  it("takes the town people mean when a namesake is much smaller (Château-Chinon Ville)", () => {
    expect(orienteur.orient("portage de repas à Château-Chinon").lieu?.code).toBe("58062");
  });

  it("reads « le département » said without a name as the base's own, and a named one as that one", () => {
    expect(orienteur.orient("sinon dans tout le département ?").lieu?.code).toBe("58");
    expect(orienteur.orient("portage de repas dans le département du Cher").lieu?.code).toBe("18");
  });

  it("reads a département number after a sigle (« le DAC 58 ») and no place at all in thanks", () => {
    expect(orienteur.orient("mail du DAC 58 ?").lieu?.code).toBe("58");
    expect(orienteur.orient("il a 58 ans, portage de repas à Clamecy").lieu?.code).toBe("58079");
    expect(orienteur.orient("ok merci, bonne journée").lieu).toBeNull();
  });

  it("takes where the person is, not the landmark given to find it (« Beuzeville, à côté de Honfleur »)", async () => {
    const calvados = createOrienteur(await loadKnowledge(fileURLToPath(new URL("../fixtures/base-14-calvados", import.meta.url))));
    expect(calvados.orient("ma mère habite Beuzeville, juste à côté de Honfleur, il y a un portage de repas ?").lieu?.code).toBe("27065");
    expect(calvados.orient("Habitante du Pin (près de Lisieux) cherche un service de repas livrés").lieu?.code).toBe("14504");
  });

  it("resolves a former commune to today's commune, and says so", () => {
    const answer = orienteur.orient("aide à domicile à Dompierre-sur-Héry");
    expect(answer.lieu?.code).toBe("58026");
    expect(answer.remarques.join(" ")).toContain("Dompierre-sur-Héry fait aujourd'hui partie de la commune");
  });

  it("reads a commune named without preposition, anywhere in the question", () => {
    expect(orienteur.orient("ccas decize").lieu?.code).toBe("58095");
    expect(orienteur.orient("la MDS de Cosne pour un monsieur").lieu?.code).toBe("58086");
  });

  it("forgives a typo in a commune name with no preposition before it", () => {
    expect(orienteur.orient("portage de repas clamcy").lieu?.code).toBe("58079");
  });

  it("never picks one of several communes far away without asking", () => {
    const answer = orienteur.orient("aide à domicile à Villeneuve");
    expect(answer.lieu).toBeNull();
    expect(answer.situation).toBe("lieu-ambigu");
  });
});

describe("follow-ups", () => {
  it("asks back, instead of answering the previous need again, when a follow-up names something not understood", () => {
    const first = orienteur.orient("portage de repas à Clamecy");
    const next = orienteur.orient({ question: "et pour ses lunettes ?", contexte: first.contexte });
    expect(next.situation).toBe("besoin-inconnu");
    expect(next.resultats).toEqual([]);
    expect(next.clarification).toContain("cette fois-ci");
    // Understood but absent from the base: said so, with the place's general entry points, never the meals again.
    const pet = orienteur.orient({ question: "et pour son chien ?", contexte: first.contexte });
    expect(pet.clarification).toMatch(/^J'ai compris : « Animaux de compagnie/);
    expect(pet.resultats.every((r) => r.generaliste)).toBe(true);
  });

  it("keeps the need when the follow-up asks the same help at another time (« et le week-end aussi ? »)", () => {
    const first = orienteur.orient("qqn a un contact pr une auxiliaire qui reste la nuit ? monsieur seul a imphy");
    const next = orienteur.orient({ question: "et le week end aussi ?", contexte: first.contexte });
    expect(next.besoins.map((b) => b.id)).toContain("aide-a-domicile");
    expect(next.situation).toBe("ok");
  });

  it("keeps the need when the follow-up only changes the place or the person", () => {
    const first = orienteur.orient("portage de repas à Clamecy");
    expect(orienteur.orient({ question: "et à Decize ?", contexte: first.contexte }).besoins.map((b) => b.id)).toEqual(["portage-repas"]);
    expect(orienteur.orient({ question: "et pour un monsieur de 90 ans", contexte: first.contexte }).besoins.map((b) => b.id)).toEqual(["portage-repas"]);
  });
});

describe("who is hurt", () => {
  const firstDanger = (question: string) => orienteur.orient(question).urgences[0]?.danger.danger;

  it("gives the 3977 when an older resident is hit by his son", () => {
    expect(firstDanger("un résident de l'EHPAD nous dit que son fils le frappe quand il rentre le week-end")).toBe("maltraitance");
  });

  it("gives the 119 when a child says his father hits him", () => {
    expect(firstDanger("un enfant de 7 ans dit que son père le tape")).toBe("enfant-en-danger");
  });

  it("gives the 3919 when a woman is hit by her partner, even with her children around", () => {
    expect(firstDanger("une femme avec 3 enfants fuit son mari violent qui la frappe")).toBe("violences-conjugales");
  });

  it("keeps the 3919 first when the children are witnesses (« devant les enfants »), the 119 when they are hurt", () => {
    expect(firstDanger("il la traite de moins que rien devant les enfants et contrôle tous ses comptes")).toBe("violences-conjugales");
    expect(firstDanger("il frappe les enfants quand il a bu, la mère n'ose rien dire")).toBe("enfant-en-danger");
  });

  it("gives the 3977 when an older person says her son hurts her (« mon fils », with her age, names who hurts, not a child)", () => {
    expect(firstDanger("mon fils me prend ma retraite et me crie dessus, j'ai 84 ans")).toBe("maltraitance");
  });
});

describe("several needs in one question", () => {
  it("gives each request its need, a request read for two needs taking one place only", () => {
    const ids = orienteur.orient("sortie d'hopital vendredi pour mr B. a guerigny : il faut qqn pour ses pansements et une aide pr la toilette").besoins.map((b) => b.id);
    expect(ids).toContain("soins-infirmiers-domicile");
    expect(ids).toContain("aide-a-domicile");
  });

  it("reads a second request from the words the first one left (« le ménage + un bip au cou »)", () => {
    const ids = orienteur.orient("dame 79 ans, seule, Luzy : il lui faudrait qqn pr le menage + un bip au cou").besoins.map((b) => b.id);
    expect(ids).toEqual(["aide-a-domicile", "teleassistance"]);
    // Context (who, where, alone) is no second request.
    expect(orienteur.orient("une dame seule de 79 ans à Luzy cherche quelqu'un pour le ménage").besoins.map((b) => b.id)).toEqual(["aide-a-domicile"]);
  });
});

describe("the built-in lexicon's files", () => {
  it("name each concept, status and danger once (a second entry with the same name would hide the first's phrases)", () => {
    const lexicon = getBuiltinLexicon();
    for (const ids of [lexicon.concepts.map((c) => c.concept), lexicon.statuts.map((s) => s.statut), lexicon.dangers.map((d) => d.danger)]) {
      expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    }
  });

  it("point only at concepts that exist (`proches` of a concept, `concepts` of a status)", () => {
    const lexicon = getBuiltinLexicon();
    const known = new Set(lexicon.concepts.map((c) => c.concept));
    const named = [...lexicon.concepts.flatMap((c) => c.proches ?? []), ...lexicon.statuts.flatMap((s) => s.concepts)];
    expect(named.filter((id) => !known.has(id))).toEqual([]);
  });
});

describe("linking the built-in lexicon to a base's needs", () => {
  it("gives a concept no need took to the one need of its data·inclusion category, and to none on a tie", () => {
    const need = (id: string, thematiques: string[]) => ({ id, libelle: id, domaine: "Test", synonymes: [], thematiques }) as unknown as Besoin;
    const lexicon = getBuiltinLexicon();
    const one = linkConcepts([need("numerique", ["numerique--realiser-des-demarches-administratives-avec-un-accompagnement"])], lexicon.concepts, getWordKeys(), lexicon.generic);
    expect(one.get("equipement-numerique")).toEqual(["numerique"]);
    const two = linkConcepts([need("a", ["numerique--x"]), need("b", ["numerique--y"])], lexicon.concepts, getWordKeys(), lexicon.generic);
    expect(two.get("equipement-numerique")).toBeUndefined();
  });

  it("sends a concept no need took to its closest neighbour a need took (`proches`), before any category guess", () => {
    const need = (id: string, libelle: string, thematiques: string[]) => ({ id, libelle, domaine: "Test", synonymes: [], thematiques }) as unknown as Besoin;
    const lexicon = getBuiltinLexicon();
    const links = linkConcepts(
      [need("handicap-enfant", "Accompagnement des enfants handicapés", ["famille--soutien-a-la-parentalite-et-a-leducation"]), need("soins", "Soins infirmiers à domicile", ["sante--acces-aux-soins"])],
      lexicon.concepts,
      getWordKeys(),
      lexicon.generic,
    );
    expect(links.get("autisme-tnd")).toEqual(["handicap-enfant"]);
  });
});

describe("who asks", () => {
  it("does not read the caller's own service as the need (« je suis au CCAS de Decize »)", () => {
    expect(orienteur.orient("je suis au CCAS de Decize, on cherche un portage de repas pour une dame").besoins.map((b) => b.id)).toEqual(["portage-repas"]);
    expect(orienteur.orient("bonjour, je suis nouvelle à la France services de Luzy").besoins).toEqual([]);
  });

  it("reads « on est à la rue » as a situation, not a workplace", () => {
    expect(orienteur.orient("on est à la rue ce soir avec mes enfants à Nevers").urgences[0]?.danger.danger).toBe("sans-abri");
  });

  it("still reads a service asked for (« le CCAS de Decize fait-il des secours ? »)", () => {
    expect(orienteur.orient("le CCAS de Decize fait-il des aides financières ?").besoins.length).toBeGreaterThan(0);
  });
});

describe("sigles typed in capitals", () => {
  it("reads « TS » as a sigle (tentative de suicide), not as the texting « ts » (tous)", () => {
    expect(orienteur.orient("il a fait une TS la semaine dernière, on a peur qu'il recommence").urgences[0]?.danger.danger).toBe("suicide");
    expect(orienteur.read("qqn pr aider ts les jours").tokens.map((t) => t.folded)).toContain("tous");
  });

  it("reads two lowercase letters as a sigle only after a determiner (« jean (at) gmail » is no accident du travail)", () => {
    expect(orienteur.orient("mme dupont, jean.dupont (at) gmail point com, veut des repas livrés à Lormes").besoins.map((b) => b.id)).toEqual(["portage-repas"]);
    expect(orienteur.read("contacter l'as du secteur").tokens.find((t) => t.folded === "as")?.sigleLike).toBe(true);
  });

  it("gives a sigle to the need that names it, before a need that only shares words of its meaning (« SESSAD » is no SSIAD)", () => {
    expect(orienteur.orient("un SESSAD à Nevers").besoins.map((b) => b.id)).toEqual(["accompagnement-enfant-handicap"]);
    // With no need naming it, the meaning still reads it.
    expect(orienteur.orient("Quels SSIAD interviennent à Nevers ?").besoins.map((b) => b.id)).toContain("soins-infirmiers-domicile");
  });
});

describe("a need described rather than named (signals)", () => {
  it("reads the need from two things said together", () => {
    expect(orienteur.orient("il faudrait trouver un établissement pour mon grand-père à Nevers").besoins.map((b) => b.id)).toContain("hebergement-personnes-agees");
    expect(orienteur.orient("elle boit deux bouteilles de vin par jour, qui peut la suivre à Decize ?").besoins.map((b) => b.id)).toEqual(["addictions"]);
    expect(orienteur.orient("il a eu un accident, il est paralysé, son employeur veut le licencier, Nevers").besoins.map((b) => b.id)).toContain("emploi-handicap");
  });

  it("reads « sans », « pas de » as part of the need, not as its denial", () => {
    expect(orienteur.orient("elle a trouvé un poste à l'usine mais il n'y a pas de bus le matin, Imphy").besoins.map((b) => b.id)).toEqual(["mobilite-permis"]);
  });

  it("lets the person's status say for whom, never what is asked", () => {
    // « élève seule ses deux enfants » is a status (parent isolé); its children still count for the signal.
    expect(orienteur.orient("une mère élève seule ses deux enfants, elle crie tout le temps et n'y arrive plus, Nevers").besoins.map((b) => b.id)).toEqual(["soutien-parentalite"]);
  });

  it("offers what a status usually calls for only when help is asked and nothing else is named", () => {
    expect(orienteur.orient("un accompagnement pour un chômeur de longue durée, Clamecy").besoins.map((b) => b.id)).toEqual(["insertion-emploi"]);
    // A status said alone asks nothing.
    expect(orienteur.orient("il est au RSA depuis 5 ans, à Cosne").besoins).toEqual([]);
    // Something named wins over the status.
    expect(orienteur.orient("une aide pour le loyer d'un chômeur de longue durée, Clamecy").besoins.map((b) => b.id)).not.toContain("insertion-emploi");
  });

  it("needs both things: one alone is no need", () => {
    expect(orienteur.orient("un établissement de Nevers organise une journée portes ouvertes").besoins.map((b) => b.id)).not.toContain("hebergement-personnes-agees");
  });

  it("reads a status as written, in its order (« a arrêté le lycée » is no sick leave)", () => {
    const reader = createNeedReader(orienteur.base, orienteur.glossary, getWordKeys());
    const statuses = (text: string) => reader.read(orienteur.read(text), new Set()).statuts.map((s) => s.statut);
    expect(statuses("notre fils de 20 ans ne fait rien depuis qu'il a arrêté le lycée")).toEqual([]);
    expect(statuses("elle est en arrêt maladie depuis trois semaines")).toEqual(["arret-maladie"]);
    // Being under a measure is a status; asking for one is a need.
    expect(statuses("monsieur sous curatelle qui voudrait passer son permis")).toEqual(["sous-curatelle"]);
    expect(statuses("il faudrait la mettre sous tutelle, elle signe tout")).toEqual([]);
    expect(orienteur.orient("il faudrait la mettre sous tutelle, elle signe tout, Nevers").besoins.map((b) => b.id)).toContain("protection-juridique-majeur");
    expect(orienteur.orient("monsieur sous curatelle qui voudrait passer son permis, Corbigny").besoins.map((b) => b.id)).not.toContain("protection-juridique-majeur");
    // « au » is a small word even where the lexicon does not list it.
    expect(statuses("un homme au RSA depuis 3 ans voudrait retravailler")).toEqual(["beneficiaire-rsa"]);
    // Living in an EHPAD says where the person is; a place in one is asked for.
    expect(statuses("ma mere est en EHPAD a nevers et elle voudrait voir un psychologue")).toEqual(["resident-etablissement"]);
    expect(orienteur.orient("ma mere est en EHPAD a nevers et elle voudrait voir un psychologue").besoins.map((b) => b.id)).not.toContain("hebergement-personnes-agees");
    expect(orienteur.orient("on cherche une place en EHPAD pour ma mère à Nevers").besoins.map((b) => b.id)).toContain("hebergement-personnes-agees");
    // « au rsa », even in lowercase, is a status; « droit au RSA » is the right asked about.
    expect(statuses("au rsa et enceinte, elle cherche un logement social")).toEqual(["beneficiaire-rsa"]);
    expect(statuses("jeune de 20 ans, pas droit au rsa, plus de logement")).toEqual([]);
  });
});

describe("a need guessed from its words", () => {
  it("reads a need from one word that only that need's phrases use, when no phrase is there", () => {
    expect(orienteur.orient("l'epicerie pas chere a nevers").besoins.map((b) => b.id)).toEqual(["aide-alimentaire"]);
  });

  it("offers two needs when the words point at both, well ahead of the rest", () => {
    const ids = orienteur.orient("mon oncle dépense tout son argent et signe tout ce qu'on lui présente, faut-il une mesure ? Nevers").besoins.map((b) => b.id);
    expect(ids).toContain("protection-juridique-majeur");
  });

  it("keeps a need a public names in the same words (« sans logement » is who the person is and what they need)", () => {
    expect(orienteur.orient("monsieur de 62 ans en sortie de psychiatrie, sans logement, sans revenus, a nevers").besoins.map((b) => b.id)).toContain("hebergement-urgence");
  });

  it("reads « mon père », « maman » as who is asked about, not as a parenting need", () => {
    const ids = (q: string) => orienteur.orient(q).besoins.map((b) => b.id);
    expect(ids("mon pere vit seul a Lormes, il ne voit personne et ne mange plus correctement")).not.toContain("soutien-parentalite");
    expect(ids("depuis qu'il est sorti de l'hopital papa ne peut plus se debrouiller seul chez lui, a Lormes")).not.toContain("soutien-parentalite");
    // A role said with an article keeps its meaning.
    expect(ids("un père seul avec ses enfants qui n'y arrive plus, Nevers")).toContain("soutien-parentalite");
  });

  it("never from a generic word alone", () => {
    expect(orienteur.orient("une maison pour mon pere a Decize").besoins).toEqual([]);
  });
});

describe("dangers described rather than named", () => {
  const firstDanger = (question: string) => orienteur.orient(question).urgences[0]?.danger.danger ?? "aucun";

  it("reads violence from what is seen and who did it, with the victim's line first", () => {
    expect(firstDanger("une femme est venue avec un bleu sur la joue, elle dit que c'est son conjoint, Luzy")).toBe("violences-conjugales");
    expect(firstDanger("nourrisson de 4 mois avec des fractures inexpliquées, je suspecte une maltraitance, Nevers")).toBe("enfant-en-danger");
    expect(firstDanger("la voisine entend le fils crier sur sa mère de 85 ans tous les soirs et la bousculer")).toBe("maltraitance");
  });

  it("reads a night without a roof, and a minor alone, from the words said together", () => {
    expect(firstDanger("un monsieur n'a plus de toit depuis hier soir, il dort où ce soir ?")).toBe("sans-abri");
    expect(firstDanger("gamin de 16 ans, les parents l'ont mis à la porte, il a dormi dans le hall de la gare, Clamecy")).toBe("enfant-en-danger");
  });

  it("sounds no alarm when the words are denied, long past, or the subject of a training", () => {
    expect(firstDanger("le couple se dispute devant les enfants, pas de violence physique signalée, Imphy")).toBe("aucun");
    expect(firstDanger("mon père a fait un AVC il y a 2 ans, il faut adapter la salle de bain, Nevers")).toBe("aucun");
    expect(firstDanger("formation sur les violences conjugales pour les agents du CCAS, Nevers")).toBe("aucun");
    expect(firstDanger("mamie a perdu sa carte bleue, elle est en EHPAD à Nevers")).toBe("aucun");
  });

  it("brings the local services of the danger as finally understood, even when no need was named", () => {
    const answer = orienteur.orient("la patiente m'a confié que son compagnon la menace avec un couteau quand il a bu, Decize");
    expect(answer.urgences.map((u) => u.danger.danger)).toEqual(["danger-immediat", "violences-conjugales"]);
    expect(answer.besoins.map((b) => b.id)).toContain("violences-conjugales");
  });

  it("never reads a word of a danger as a commune (« armés » is not Armes)", () => {
    const answer = orienteur.orient("des hommes armés sont entrés dans le foyer");
    expect(answer.urgences[0]?.danger.danger).toBe("danger-immediat");
    expect(answer.lieu).toBeNull();
  });

  it("keeps the conversation's danger first when an urgent follow-up comes, not when a calm one does", () => {
    const first = orienteur.orient("une femme victime de violences à Nevers, où peut-elle être écoutée ?");
    expect(first.urgences[0]?.danger.danger).toBe("violences-conjugales");
    const urgent = orienteur.orient({ question: "et pour un logement d'urgence ce soir ?", contexte: first.contexte });
    expect(urgent.urgences.map((u) => u.danger.danger)).toEqual(["violences-conjugales", "sans-abri"]);
    const calm = orienteur.orient({ question: "et pour trouver un logement ensuite ?", contexte: first.contexte });
    expect(calm.urgences).toEqual([]);
  });
});

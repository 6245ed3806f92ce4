// What a start reads back from the cache folders instead of computing it (issue 10): the built-in
// lexicon, the keys of words, the map of France. A cache must answer exactly what the computation
// would, and must not be reused once what it was computed from has changed.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { statStamp } from "../../knowledge/load/cache-files.ts";
import { getCachedWordKeys } from "../../knowledge/load/word-keys-cache.ts";
import { getGeography } from "../../knowledge/places/geography.ts";
import { getBuiltinLexicon, LEXIQUE_DIR } from "../../knowledge/understand/builtin-lexicon.ts";
import { readBuiltinLexicon } from "../../knowledge/understand/builtin-lexicon-schema.ts";
import { getWordKeys } from "../../knowledge/understand/words.ts";
import { createPhraseIndex } from "../../knowledge/understand/phrase-index.ts";
import { createSpeller, queryTokens } from "../../knowledge/understand/query-tokens.ts";
import { readMessage } from "../../knowledge/understand/read-message.ts";
import { compileSignals, readSignals } from "../../knowledge/understand/danger-signals.ts";
import { linkConcepts } from "../../knowledge/understand/link-concepts.ts";
import { loadKnowledgeCached } from "../../knowledge/load/base-cache.ts";
import { createPlaceIndex, type PlaceIndexOptions } from "../../knowledge/places/place-index.ts";
import { compiledStoreOf } from "../../knowledge/understand/compiled-store.ts";
import { foldText } from "../../knowledge/text/normalize.ts";

describe("caches read at start", () => {
  const folder = mkdtempSync(join(tmpdir(), "orienteur-stamp-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("no longer matches once a file it was computed from is edited, added or removed", () => {
    writeFileSync(join(folder, "dangers.yaml"), "- danger: a\n");
    const first = statStamp([folder]);
    expect(statStamp([folder])).toBe(first);
    writeFileSync(join(folder, "dangers.yaml"), "- danger: ab\n");
    const edited = statStamp([folder]);
    expect(edited).not.toBe(first);
    // Same size, new date: an editor's save of an identical-length line still counts.
    utimesSync(join(folder, "dangers.yaml"), new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(statStamp([folder])).not.toBe(edited);
    const dated = statStamp([folder]);
    writeFileSync(join(folder, "statuts.yaml"), "[]\n");
    expect(statStamp([folder])).not.toBe(dated);
    rmSync(join(folder, "statuts.yaml"));
    expect(statStamp([folder])).toBe(dated);
  });

  it("gives the built-in lexicon exactly as the YAML files and their schemas read it", () => {
    expect(getBuiltinLexicon()).toEqual(readBuiltinLexicon(LEXIQUE_DIR));
  });

  it("gives every word of the lexicon the keys the stems and lemmas give it", () => {
    const cached = getCachedWordKeys().keys;
    const computed = getWordKeys();
    const lexicon = getBuiltinLexicon();
    const phrases = [...lexicon.concepts.flatMap((c) => [c.libelle, ...c.expressions]), ...lexicon.dangers.flatMap((d) => d.expressions)];
    const words = new Set(phrases.flatMap((phrase) => foldText(phrase).split(" ")));
    for (const word of words) expect(cached.keysOf(word), word).toEqual(computed.keysOf(word));
  });

  it("reads a message with a phrase index read back from the cache exactly as with one compiled", () => {
    const lexicon = getBuiltinLexicon();
    const entries = lexicon.dangers.flatMap((d) => d.expressions.map((phrase) => ({ owner: d.danger, phrase })));
    const options = { generic: lexicon.generic, keepGrammar: true, partialCoverage: 0.75 };
    const computed = createPhraseIndex(entries, getWordKeys(), options);
    const cached = getCachedWordKeys().keys;
    // The first is compiled (or read back) and kept; the second is read back.
    createPhraseIndex(entries, cached, options);
    const readBack = createPhraseIndex(entries, cached, options);
    expect([...readBack.words]).toEqual([...computed.words]);
    const messages = [
      "il dit qu'il ne veut plus vivre et qu'il va en finir",
      "son compagnon la menace et surveille son téléphone, elle a peur de rentrer ce soir",
      "un enfant de 4 ans laissé seul, des bleus sur les bras",
      "mamie se fait voler sa pension par son neveu",
      "formation sur les violences faites aux enfants à Nevers",
    ];
    for (const text of messages) {
      const tokens = queryTokens(readMessage(text, cached).tokens, { keys: cached, speller: createSpeller(computed.words), sigleMeaning: () => undefined });
      expect(readBack.match(tokens), text).toEqual(computed.match(tokens));
      expect(readBack.vocabulary(tokens), text).toEqual(computed.vocabulary(tokens));
      expect(readBack.within(new Set(tokens.flatMap((t) => t.keys.map((k) => k.key)))), text).toEqual(computed.within(new Set(tokens.flatMap((t) => t.keys.map((k) => k.key)))));
    }
  });

  it("reads danger signals and links a base's needs to concepts the same from the cache as computed", async () => {
    const lexicon = getBuiltinLexicon();
    const cached = getCachedWordKeys().keys;
    compileSignals(lexicon.dangers, cached);
    const readBack = compileSignals(lexicon.dangers, cached);
    const computed = compileSignals(lexicon.dangers, getWordKeys());
    for (const text of ["il a un bleu sur la joue et c'est son conjoint", "un enfant de 13 ans dort dehors depuis 2 semaines", "pas de violence physique"]) {
      const tokens = queryTokens(readMessage(text, cached).tokens, { keys: cached, speller: createSpeller([]), sigleMeaning: () => undefined });
      expect(readSignals(readBack, tokens), text).toEqual(readSignals(computed, tokens));
    }
    const base = await loadKnowledgeCached(fileURLToPath(new URL("../../knowledge/demo-nievre", import.meta.url)));
    linkConcepts(base.besoins, lexicon.concepts, cached, lexicon.generic);
    expect(linkConcepts(base.besoins, lexicon.concepts, cached, lexicon.generic)).toEqual(linkConcepts(base.besoins, lexicon.concepts, getWordKeys(), lexicon.generic));
  });

  it("folds plain ASCII names and words as the full Unicode folding does", () => {
    const unicodeFold = (text: string) =>
      text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD").replace(/\p{M}+/gu, "").replace(/[’'`´‘]/g, " ").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    const texts = [...getGeography().communes.values()].map((c) => c.nom);
    texts.push("  L'Isle-Adam (Val-d'Oise) ", "SAINT-PIERRE--le`moutier!!", "3 rue du 8-Mai-1945", "", " - ", "CCAS/CIAS", "Œuvre", "Kelvin \u212A");
    for (const text of texts) expect(foldText(text), text).toBe(unicodeFold(text));
  });

  it("finds the same places with France's spellings read back as computed", () => {
    const keys = getCachedWordKeys().keys;
    const options: PlaceIndexOptions = { departements: ["58"], commonWords: new Set(["maison", "poil", "cours"]), isFrenchWord: keys.lexicon.isWord };
    const computed = createPlaceIndex(getGeography(), options);
    const stored = { ...options, store: compiledStoreOf(keys)! };
    createPlaceIndex(getGeography(), stored);
    const readBack = createPlaceIndex(getGeography(), stored);
    const questions = [
      "portage de repas a clamecy",
      "ccas decize",
      "aide a domicile a st pierre le moutier",
      "elle habite a cours",
      "hebergement a nevrs",
      "un logement a lyon",
      "58500",
      "pres de cosne pour un monsieur",
      "a saint germain",
      "perte de poil",
      "dans la maison",
      "a la charite sur loire",
    ];
    for (const question of questions) expect(readBack.detect(question.split(" ")), question).toEqual(computed.detect(question.split(" ")));
    expect(readBack.detect([{ folded: "a" }, { folded: "moulins", capitalised: true }])).toEqual(computed.detect([{ folded: "a" }, { folded: "moulins", capitalised: true }]));
    for (const typed of ["Clamecy", "58086", "Nièvre", "Paris", "200067965"]) expect(readBack.resolve(typed), typed).toEqual(computed.resolve(typed));
  });

  it("knows France from its compact table: communes, postal codes, EPCI, former communes", () => {
    const france = getGeography();
    expect(france.communes.get("58079")).toMatchObject({ nom: "Clamecy", departement: "58", codesPostaux: ["58500"] });
    expect(france.communesByPostalCode.get("58200")).toContain("58086");
    expect(france.epcis.get(france.communes.get("58194")!.epci!)?.membres).toContain("58194");
    expect(france.formerCommunes.some((f) => f.nom === "Cours" && f.parent === "58086")).toBe(true);
    expect(france.communesOfDepartement("58").length).toBeGreaterThan(300);
  });
});

// The entry point of the knowledge layer: a loaded base, indexed once, answering questions.
// Usable from a script with no server: `const o = createOrienteur(await loadKnowledge(dir))`.
import type { KnowledgeBase } from "./base.ts";
import { communesOfZone } from "./places/coverage.ts";
import { getCachedWordKeys } from "./load/word-keys-cache.ts";
import { getGeography, type Geography } from "./places/geography.ts";
import { createPlaceIndex, type PlaceIndex } from "./places/place-index.ts";
import { orient, orientRanked, type Orientation, type OrientationInput } from "./search/orient.ts";
import { createNeedReader } from "./understand/needs.ts";
import { compiledStoreOf } from "./understand/compiled-store.ts";
import { readMessage, type ReadMessage } from "./understand/read-message.ts";
import { createServiceIndex } from "./search/service-index.ts";
import { createBaseGlossary, lowercaseVocabulary } from "./sigles/base-glossary.ts";
import type { Glossary } from "./sigles/glossary.ts";
import type { Besoin, Public, Service } from "./schema/index.ts";
import { COMMON_WORDS } from "./text/common-words.ts";
import { STOP_WORDS } from "./text/stem.ts";

export interface Orienteur {
  base: KnowledgeBase;
  geography: Geography;
  places: PlaceIndex;
  glossary: Glossary;
  /** « Tout le département (Nièvre) » — how answers name the base's whole territory. */
  scopeName: string;
  service(id: string): Service | undefined;
  /** Answers one question; see {@link OrientationInput}. */
  orient(input: OrientationInput | string): Orientation;
  /** Reads and ranks a question once, for answers of several lengths: `orientRanked(input)(50)` is `orient({ ...input, limit: 50 })`. */
  orientRanked(input: OrientationInput): (limit?: number) => Orientation;
  /** Reads a message once; the result can be handed to `orient` as `lu`. */
  read(text: string): ReadMessage;
}

/**
 * Indexes a loaded base for answering questions.
 * @example
 * const orienteur = createOrienteur(await loadKnowledge("knowledge/demo-nievre"));
 * orienteur.orient("portage de repas pour une personne âgée à Clamecy").resultats[0]?.service.nom;
 */
export function createOrienteur(base: KnowledgeBase): Orienteur {
  const geography = getGeography();
  // The keys of the words already met by an earlier start are read back, not computed again.
  const cachedKeys = getCachedWordKeys();
  const keys = cachedKeys.keys;
  const vocabulary = lowercaseVocabulary(base);
  const commonWords = new Set([...COMMON_WORDS, ...STOP_WORDS, ...vocabulary]);
  const places = createPlaceIndex(geography, {
    departements: base.info.departements,
    territoires: base.territoires.map((t) => ({ id: t.id, nom: t.nom, synonymes: t.synonymes, communes: communesOfZone(geography, t.zone) })),
    commonWords,
    isFrenchWord: keys.lexicon.isWord,
    // France's spellings for this base, read back from an earlier start when nothing changed.
    store: compiledStoreOf(keys),
  });
  const glossary = createBaseGlossary(base, vocabulary);
  const needs = createNeedReader(base, glossary, keys);
  const isKnownSigle = (folded: string) => glossary.lookup(folded) !== undefined;
  const read = (text: string) => readMessage(text, keys, isKnownSigle);
  const services = createServiceIndex(geography, base.services, base.territoires, base.info.departements);
  cachedKeys.save();
  const names = base.info.departements.map((code) => geography.departements.get(code)?.nom ?? code);
  const scopeName = names.length === 1 ? `tout le département (${names[0]})` : `tous les départements de la base (${names.join(", ")})`;
  const deps = {
    geography,
    places,
    glossary,
    needs,
    read,
    services,
    besoinsById: new Map<string, Besoin>(base.besoins.map((b) => [b.id, b])),
    publicsById: new Map<string, Public>(base.publics.map((p) => [p.id, p])),
    scopeName,
    scopeLabel: names.join(", "),
  };
  return {
    base,
    geography,
    places,
    glossary,
    scopeName,
    service: (id) => services.byId.get(id)?.service,
    orient: (input) => orient(deps, typeof input === "string" ? { question: input } : input),
    orientRanked: (input) => orientRanked(deps, input),
    read,
  };
}

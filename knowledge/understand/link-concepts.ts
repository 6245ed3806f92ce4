// Which concepts of the built-in lexicon a base's needs take their everyday expressions from.
// An editor can say it (`concepts:` on the need); otherwise each concept goes to the need that
// fits it best, by wording (the need's libellé or synonyms hold one of the concept's
// expressions) and by data·inclusion thématiques — so a base imported from data·inclusion,
// with a libellé and a thématique per need, understands « ne peut plus faire ses courses ».
import type { Besoin } from "../schema/index.ts";
import type { NeedConcept } from "./builtin-lexicon.ts";
import { compiledStoreOf } from "./compiled-store.ts";
import { createPhraseIndex, type PhraseIndex } from "./phrase-index.ts";
import { foldText } from "../text/normalize.ts";
import type { WordKeys } from "./words.ts";

const MIN_FIT = 0.5;
/** Expressions of a concept compared with a base's wording: the first ones, that name it. */
const NAMING_EXPRESSIONS = 12;
/** The concepts' own index, built once per process (the built-in lexicon does not change). */
const conceptIndexes = new WeakMap<readonly NeedConcept[], PhraseIndex>();

/** Concept id → the base need ids that take its expressions. */
export function linkConcepts(besoins: readonly Besoin[], concepts: readonly NeedConcept[], keys: WordKeys, generic: ReadonlySet<string>): Map<string, string[]> {
  const store = compiledStoreOf(keys);
  if (!store) return computeLinks(besoins, concepts, keys, generic);
  // Everything the links are computed from (with the code and the word keys, which the store's key
  // holds): a start after the first reads them back instead of indexing the concepts again.
  const inputs = {
    besoins: besoins.map((b) => [b.id, b.libelle, b.synonymes, b.concepts ?? null, b.thematiques ?? null]),
    concepts: concepts.map((c) => [c.concept, c.libelle, c.expressions.slice(0, NAMING_EXPRESSIONS), c.thematiques, c.proches]),
    generic: [...generic],
  };
  return new Map(store.reuse("liens-concepts", inputs, () => [...computeLinks(besoins, concepts, keys, generic)]));
}

function computeLinks(besoins: readonly Besoin[], concepts: readonly NeedConcept[], keys: WordKeys, generic: ReadonlySet<string>): Map<string, string[]> {
  const links = new Map<string, string[]>();
  const link = (concept: string, need: string) => links.set(concept, [...(links.get(concept) ?? []), need]);
  const known = new Set(concepts.map((c) => c.concept));
  for (const besoin of besoins) for (const id of besoin.concepts ?? []) if (known.has(id)) link(id, besoin.id);

  const automatic = besoins.filter((b) => b.concepts === undefined);
  if (automatic.length === 0) return links;
  let index = conceptIndexes.get(concepts);
  if (!index) {
    index = createPhraseIndex(
      // A concept's libellé and first expressions name it; the situations after them describe it
      // and say little about which need of a base it is (and would cost start-up time).
      concepts.flatMap((c) => [c.libelle, ...c.expressions.slice(0, NAMING_EXPRESSIONS)].map((phrase) => ({ owner: c.concept, phrase }))),
      keys,
      { generic },
    );
    conceptIndexes.set(concepts, index);
  }
  const wording = new Map<string, Map<string, number>>();
  for (const besoin of automatic) {
    const scores = new Map<string, number>();
    // « Accès au droit et aide juridique » names two things: each part is read on its own.
    for (const phrase of [besoin.libelle, ...besoin.synonymes].flatMap((text) => text.split(/\s+et\s+|[,;/()]/u))) {
      const present = new Set<string>();
      let contentWords = 0;
      for (const raw of phrase.split(/[^\p{L}\p{N}]+/u)) {
        const word = foldText(raw).replace(/ /g, "");
        const sigle = /^[\p{Lu}\d&]{2,}$/u.test(raw);
        if (sigle) present.add(keys.sigleKey(word));
        for (const key of keys.keysOf(word)) present.add(key);
        if (sigle || keys.keysOf(word).length > 0) contentWords++;
      }
      // The concept must name most of the phrase: « Portage de repas à domicile » is portage de
      // repas, but « deuil après suicide » is not the concept « deuil ».
      for (const [owner, named] of index.within(present)) if (named * 2 > contentWords) scores.set(owner, 1);
    }
    wording.set(besoin.id, scores);
  }
  for (const concept of concepts) {
    let best = MIN_FIT - 1e-9;
    let chosen: string[] = [];
    for (const besoin of automatic) {
      const fit = (besoin.id === concept.concept ? 2 : 0) + (wording.get(besoin.id)?.get(concept.concept) ?? 0) + overlap(besoin.thematiques ?? [], concept.thematiques);
      if (fit > best + 1e-9) {
        best = fit;
        chosen = [besoin.id];
      } else if (Math.abs(fit - best) <= 1e-9 && chosen.length > 0) chosen.push(besoin.id);
    }
    for (const id of chosen) link(concept.concept, id);
  }
  // A concept no need took goes with its closest neighbour a need took (`proches`): the sector's
  // knowledge of who answers instead, surer than a category.
  for (const concept of concepts) {
    if (links.has(concept.concept)) continue;
    const neighbour = concept.proches.find((id) => links.has(id) && id !== concept.concept);
    if (neighbour) links.set(concept.concept, [...links.get(neighbour)!]);
  }
  // A concept no need took goes, by data·inclusion category (« numerique », « sante »…), to the one
  // need that shares its categories best: a base with one « Numérique » need understands « n'a pas
  // d'ordinateur » too. Ties link nothing: a guess between two needs would be noise.
  for (const concept of concepts) {
    if (links.has(concept.concept)) continue;
    let best = MIN_FIT - 1e-9;
    let chosen: string[] = [];
    for (const besoin of automatic) {
      const fit = overlap(categories(besoin.thematiques ?? []), categories(concept.thematiques));
      if (fit > best + 1e-9) {
        best = fit;
        chosen = [besoin.id];
      } else if (Math.abs(fit - best) <= 1e-9 && chosen.length > 0) chosen.push(besoin.id);
    }
    if (chosen.length === 1) link(concept.concept, chosen[0]!);
  }
  return links;
}

/** The data·inclusion categories of thématiques: « numerique--acceder-a-du-materiel » → « numerique ». */
function categories(thematiques: readonly string[]): string[] {
  return [...new Set(thematiques.map((t) => t.split("--")[0]!))];
}

/**
 * Share of thématiques in common (Jaccard), 0 when either side has none: a need « Alimentation »
 * takes the concepts filed under that thématique and at most one other. (Counting only the need's
 * side lets concepts filed under many thématiques flood loosely related needs: measured worse.)
 */
function overlap(need: readonly string[], concept: readonly string[]): number {
  if (need.length === 0 || concept.length === 0) return 0;
  const shared = need.filter((t) => concept.includes(t)).length;
  return shared / (need.length + concept.length - shared);
}

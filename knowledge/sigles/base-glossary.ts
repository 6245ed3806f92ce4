// The glossary of a loaded base, built the same way for the whole engine (createOrienteur) and for
// the commands that only explain sigles (`orienteur sigle`, `sigles`), which then need neither the
// map of France nor the services index.
import type { KnowledgeBase } from "../base.ts";
import { getFrenchLexicon } from "../text/lexicon.ts";
import { foldText } from "../text/normalize.ts";
import { createGlossary, type Glossary } from "./glossary.ts";

/**
 * The glossary of a base: its sigles, the services that carry them, and what tells a sigle typed
 * in lowercase from a word (the base's own lowercase vocabulary, the French lexicon).
 * @example
 * createBaseGlossary(base).lookup("dac")?.developpements[0]?.forme_longue;
 */
export function createBaseGlossary(base: KnowledgeBase, vocabulary: ReadonlySet<string> = lowercaseVocabulary(base)): Glossary {
  return createGlossary(base.sigles, base.services, { lowercaseVocabulary: vocabulary, isFrenchWord: getFrenchLexicon().isWord });
}

/** Words the base writes in lowercase (needs, publics, keywords): typed in lowercase, they are words, not sigles or places. */
export function lowercaseVocabulary(base: KnowledgeBase): Set<string> {
  const words = new Set<string>();
  const texts = [
    ...base.besoins.flatMap((b) => [b.libelle, ...b.synonymes]),
    ...base.publics.flatMap((p) => [p.libelle, ...p.synonymes]),
  ];
  for (const text of texts) {
    for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
      if (word.length > 1 && word === word.toLowerCase()) words.add(foldText(word));
    }
  }
  return words;
}

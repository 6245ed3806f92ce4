// The allow-list of the unmet-needs watch: the words Orienteur itself knows — the base's needs and
// publics (libellés, synonymes), its sigles, and the built-in lexicon (need, danger and status
// expressions, generic and equivalent words). A word of a question is kept only as the known word
// it meets (« livrés » → « livrer » if only « livrer » is known): what is stored is always a word
// of this list, never a word as typed. Surnames, e-mail parts and nicknames are simply not in it.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { getBuiltinLexicon } from "../../knowledge/understand/builtin-lexicon.ts";
import { getWordKeys } from "../../knowledge/understand/words.ts";
import { tokenize } from "../../knowledge/text/normalize.ts";
import { STOP_WORDS } from "../../knowledge/text/stem.ts";

export interface KnownWords {
  /** The known word a folded token stands for, or undefined when Orienteur does not know it. */
  canonical(token: string): string | undefined;
  /** How many words are known (for logs and tests). */
  size: number;
}

// One list per base: the base changes on hot reload, the built-in lexicon never does.
const cache = new WeakMap<object, KnownWords>();

/**
 * The words the base and the built-in lexicon know, cached per base.
 * @example knownWordsOf(orienteur).canonical("repas") // → "repas"; knownWordsOf(orienteur).canonical("dupont") // → undefined
 */
export function knownWordsOf(orienteur: Orienteur): KnownWords {
  let known = cache.get(orienteur.base);
  if (!known) {
    known = buildKnownWords(orienteur);
    cache.set(orienteur.base, known);
  }
  return known;
}

function buildKnownWords(orienteur: Orienteur): KnownWords {
  const lexicon = getBuiltinLexicon();
  const keys = getWordKeys();
  const texts: string[] = [
    ...orienteur.base.besoins.flatMap((b) => [b.libelle, ...b.synonymes]),
    ...orienteur.base.publics.flatMap((p) => [p.libelle, ...p.synonymes]),
    ...orienteur.base.sigles.map((s) => s.sigle),
    ...lexicon.concepts.flatMap((c) => [c.libelle, ...c.expressions]),
    ...lexicon.dangers.flatMap((d) => [d.libelle, ...d.expressions]),
    ...lexicon.statuts.flatMap((s) => [s.libelle, ...s.expressions]),
    ...lexicon.generic,
    ...lexicon.equivalents.flat(),
  ];
  const words = new Set<string>();
  for (const text of texts) {
    for (const word of tokenize(text)) if (word.length > 1 && !/\d/.test(word) && !STOP_WORDS.has(word)) words.add(word);
  }
  // A typed form meets a known word through its lemma or stem: the first known word of each key stands for it.
  const byKey = new Map<string, string>();
  for (const word of words) for (const key of keys.keysOf(word)) if (!byKey.has(key)) byKey.set(key, word);
  return {
    size: words.size,
    canonical(token) {
      if (words.has(token)) return token;
      for (const key of keys.keysOf(token)) {
        const word = byKey.get(key);
        if (word !== undefined) return word;
      }
      return undefined;
    },
  };
}

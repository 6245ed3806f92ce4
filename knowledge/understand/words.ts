// How one typed word is compared with the words of a phrase: by its lemmas and stems, so that
// « fatiguées », « pouvait », « hospitalisée » meet « fatigué », « pouvoir », « hospitalisation ».
// A word written as a sigle (« PASS », « CMP ») only meets a word read as a sigle.
import { getFrenchLexicon, type FrenchLexicon } from "../text/lexicon.ts";
import { getBuiltinLexicon } from "./builtin-lexicon.ts";
import { GRAMMAR_WORDS, stemWord } from "../text/stem.ts";

/** Keys of a sigle start with this mark, so that « PASS » never meets « passe ». */
const SIGLE_MARK = "#";

export interface WordKeys {
  /** Comparison keys of a folded word: its stem and its lemmas' stems. [] for a grammatical word. */
  keysOf(folded: string): readonly string[];
  /** The key of a folded word read as a sigle. */
  sigleKey(folded: string): string;
  lexicon: FrenchLexicon;
}

/**
 * Verbs so frequent that a form of theirs is theirs, whatever else the lexicon lists: « allait »
 * is aller, not allaiter; « suis » être, not suivre; « avions » avoir.
 */
const COMMON_VERBS = new Set(["aller", "etre", "avoir", "faire", "pouvoir", "vouloir", "devoir", "dire", "venir", "savoir", "voir", "prendre", "mettre", "falloir", "partir", "sortir", "tenir", "croire", "vivre"]);

/**
 * Words that name the person the message is about, whose stem another word of the sector shares:
 * « un administré » (a commune's resident, in a mayor's office) is no « aide administrative ».
 */
const PERSON_WORDS = new Set(["administre", "administree", "administres", "administrees"]);

let shared: WordKeys | undefined;

/**
 * Whether a lemma is the same word in another form. The Lefff pairs some nouns across genders
 * (« madame » → « monsieur »): a lemma is kept when it starts like the word, or when it is a verb
 * (« peut » → « pouvoir », « boit » → « boire »).
 */
function related(word: string, lemma: string): boolean {
  return word.slice(0, 2) === lemma.slice(0, 2) || /(?:er|ir|re|oir)$/.test(lemma);
}

/** The process-wide word keys (the lexicon is shared; keys are cached). */
export function getWordKeys(): WordKeys {
  shared ??= createWordKeys(getFrenchLexicon(), getBuiltinLexicon().equivalents);
  return shared;
}

/**
 * Word keys over a lexicon.
 * @param equivalents families of folded words that say the same thing, head first: every member also gets the head's key.
 */
function createWordKeys(lexicon: FrenchLexicon, equivalents: readonly (readonly string[])[] = []): WordKeys {
  const cache = new Map<string, readonly string[]>();
  const headOf = new Map<string, string>();
  // Families meet on the word and its lemmas, never on stems: « généraliste » and « général » share a stem.
  for (const family of equivalents) {
    const head = `~${family[0]!}`;
    for (const word of family) if (!headOf.has(word)) headOf.set(word, head);
  }
  return {
    lexicon,
    sigleKey: (folded) => SIGLE_MARK + folded,
    keysOf(folded) {
      let keys = cache.get(folded);
      if (keys) return keys;
      if (GRAMMAR_WORDS.has(folded) || PERSON_WORDS.has(folded) || folded === "") keys = [];
      else {
        // Two lemmas at most: a third reading is rare and only adds false meetings.
        // A word that is itself a headword keeps its own meaning: « violent » is the adjective, not
        // « ils violent »; « été » the season only when French has no better reading of it.
        const listed = lexicon.lemmas(folded);
        const common = listed.includes(folded) ? undefined : listed.find((lemma) => COMMON_VERBS.has(lemma) && !GRAMMAR_WORDS.has(lemma));
        const lemmas = common ? [common] : listed;
        // A form of a common verb is that verb only: the stem of « allait » is the stem of « allaitement ».
        const found = new Set(common ? [] : [stemWord(folded)]);
        if (!lemmas.includes(folded)) for (const lemma of lemmas.slice(0, 2)) if (!GRAMMAR_WORDS.has(lemma) && related(folded, lemma)) found.add(stemWord(lemma));
        for (const form of [folded, ...lemmas.slice(0, 2)]) {
          const head = headOf.get(form);
          if (head) found.add(head);
        }
        keys = [...found];
      }
      if (cache.size > 50_000) cache.clear();
      cache.set(folded, keys);
      return keys;
    },
  };
}

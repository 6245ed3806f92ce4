// Turns the read tokens into comparison keys, once per message for every phrase index: lemma
// stems for French words, a sigle key and its meaning's words for sigles, and — only for words
// French does not write — the elision typed without apostrophe (« durgence ») or the typo fixed
// towards a word the base or the lexicon uses (« hebergment »).
import { editDistance, typoBudget } from "../text/distance.ts";
import { GRAMMAR_WORDS } from "../text/stem.ts";
import { grammarKey } from "./phrase-index.ts";
import type { Token } from "./read-message.ts";
import type { WordKeys } from "./words.ts";

export interface QueryToken {
  position: number;
  folded: string;
  keys: { key: string; confidence: number }[];
}

export interface Speller {
  /** Known words at the smallest edit distance from an unknown one (all of them on a tie). */
  correct(word: string): string[];
  has(word: string): boolean;
}

/** A typo corrector over a vocabulary of folded words. */
export function createSpeller(vocabulary: Iterable<string>): Speller {
  const known = new Set<string>();
  const corrections = new Map<string, string[]>();
  const byLength = new Map<number, string[]>();
  for (const word of vocabulary) {
    if (known.has(word) || word.length < 4) continue;
    known.add(word);
    const bucket = byLength.get(word.length);
    if (bucket) bucket.push(word);
    else byLength.set(word.length, [word]);
  }
  return {
    has: (word) => known.has(word),
    correct(word) {
      const cached = corrections.get(word);
      if (cached) return cached;
      const found = closest(word);
      if (corrections.size > 5_000) corrections.clear();
      corrections.set(word, found);
      return found;
    },
  };

  function closest(word: string): string[] {
      const budget = typoBudget(word.length);
      if (budget === 0) return [];
      let best = budget + 1;
      let found: string[] = [];
      for (let length = word.length - budget; length <= word.length + budget; length++) {
        for (const candidate of byLength.get(length) ?? []) {
          // Cheap filter first: a typo rarely touches both of the first two letters.
          if (candidate[0] !== word[0] && candidate[1] !== word[1] && candidate[0] !== word[1]) continue;
          const distance = editDistance(word, candidate, Math.min(budget, best));
          if (distance < best) {
            best = distance;
            found = [candidate];
          } else if (distance === best && distance <= budget) found.push(candidate);
        }
      }
      return best <= budget ? found.slice(0, 4) : [];
  }
}

const ELISION = /^(?:d|l|j|m|n|s|t|qu)(?=[aeiouyh])(.{3,})$/;

export interface QueryOptions {
  keys: WordKeys;
  speller: Speller;
  /** Words of a sigle's likeliest meaning, for tokens read as sigles (« AAH » → allocation, adulte, handicapé). */
  sigleMeaning: (folded: string) => readonly string[] | undefined;
  /** Positions to leave out (the place's words). */
  skip?: ReadonlySet<number>;
}

/** Unknown words corrected per message at most: a pasted text of nonsense must not cost more. */
const MAX_CORRECTED = 40;

/** Comparison keys of every token of a message. */
export function queryTokens(tokens: readonly Token[], options: QueryOptions): QueryToken[] {
  const result: QueryToken[] = [];
  const seen = new Map<string, QueryToken["keys"]>();
  const budget = { corrections: MAX_CORRECTED };
  for (const token of tokens) {
    if (options.skip?.has(token.position)) continue;
    const memo = `${token.sigleLike ? "#" : ""}${token.french ? "" : "?"}${token.folded}`;
    let found = seen.get(memo);
    if (!found) {
      found = keysOfToken(token, options, budget);
      seen.set(memo, found);
    }
    if (found.length > 0) result.push({ position: token.position, folded: token.folded, keys: found });
  }
  return result;
}

function keysOfToken(token: Token, options: QueryOptions, budget: { corrections: number }): QueryToken["keys"] {
  const { keys, speller } = options;
  const found: { key: string; confidence: number }[] = [];
  const add = (key: string, confidence: number) => {
    if (!found.some((f) => f.key === key && f.confidence >= confidence)) found.push({ key, confidence });
  };
  const { folded } = token;
  if (token.sigleLike) {
    add(keys.sigleKey(folded), 1);
    const singular = folded.length > 3 && folded.endsWith("s") ? folded.slice(0, -1) : undefined;
    const meaning = options.sigleMeaning(folded) ?? (singular ? options.sigleMeaning(singular) : undefined);
    if (singular && meaning) add(keys.sigleKey(singular), 1);
    for (const word of meaning ?? []) for (const key of keys.keysOf(word)) add(key, 1);
  }
  // Small words the lexicon does not list as words (« au », « aux ») are still small words.
  if (token.french || GRAMMAR_WORDS.has(folded) || speller.has(folded) || /\d/.test(folded)) {
    const wordKeys = keys.keysOf(folded);
    for (const key of wordKeys) add(key, 1);
    // Grammatical words are kept as typed, for the phrases that need them (see keepGrammar).
    if (wordKeys.length === 0) add(grammarKey(folded), 1);
  } else if (!token.sigleLike) {
    const elided = ELISION.exec(folded)?.[1];
    if (elided && (keys.lexicon.isWord(elided) || speller.has(elided))) {
      for (const key of keys.keysOf(elided)) add(key, 1);
    } else {
      const corrections = budget.corrections-- > 0 ? speller.correct(folded) : [];
      for (const correction of corrections) for (const key of keys.keysOf(correction)) add(key, 0.75);
      if (corrections.length === 0) for (const key of keys.keysOf(folded)) add(key, 1);
    }
  }
  return found;
}

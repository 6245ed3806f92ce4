// Recognises phrases (a need's synonyms, a public's words) inside a free question, forgiving
// typos, glued elisions (« durgence »), plurals and verb forms. A phrase counts in full when all
// its meaningful words are there.
import { editDistance, typoBudget } from "../text/distance.ts";
import { foldText } from "../text/normalize.ts";
import { GRAMMAR_WORDS, stemWord } from "../text/stem.ts";

export interface PhraseHit {
  owner: string;
  /** 1 for a phrase fully present; less for a partial one. Longer full phrases score higher (up to 1.45). */
  score: number;
  phrase: string;
}

export interface PhraseMatcher {
  /** Best hit per owner, best first. */
  match(question: string): PhraseHit[];
}

interface Phrase {
  owner: string;
  text: string;
  stems: ReadonlySet<string>;
}

/** Indexes `(owner, phrase)` pairs; `match` returns the owners whose phrases appear in a question. */
export function createPhraseMatcher(entries: readonly { owner: string; phrase: string }[]): PhraseMatcher {
  const phrases: Phrase[] = [];
  const phrasesByStem = new Map<string, number[]>();
  /** Known folded words and their stem, bucketed by length for typo correction. */
  const wordsByLength = new Map<number, [string, string][]>();
  const knownWords = new Set<string>();

  for (const { owner, phrase } of entries) {
    const stems = new Set<string>();
    for (const word of foldText(phrase).split(" ")) {
      if (word === "" || GRAMMAR_WORDS.has(word)) continue;
      const stem = stemWord(word);
      stems.add(stem);
      if (!knownWords.has(word)) {
        knownWords.add(word);
        const bucket = wordsByLength.get(word.length) ?? [];
        bucket.push([word, stem]);
        wordsByLength.set(word.length, bucket);
      }
    }
    if (stems.size === 0) continue;
    const id = phrases.length;
    phrases.push({ owner, text: phrase, stems });
    for (const stem of stems) phrasesByStem.set(stem, [...(phrasesByStem.get(stem) ?? []), id]);
  }

  /** The stems a typed word stands for, with how sure we are (1 exact, 0.75 corrected: every equally close correction is kept). */
  function readWord(word: string): [string, number][] {
    const stem = stemWord(word);
    if (phrasesByStem.has(stem)) return [[stem, 1]];
    const elided = /^(?:d|l|j|m|n|s|t|qu)(?=[aeiouyh])(.{3,})$/.exec(word);
    if (elided && phrasesByStem.has(stemWord(elided[1]!))) return [[stemWord(elided[1]!), 1]];
    const budget = typoBudget(word.length);
    if (budget === 0) return [];
    let corrections: [string, number][] = [];
    let bestDistance = budget;
    for (let length = word.length - budget; length <= word.length + budget; length++) {
      for (const [known, knownStem] of wordsByLength.get(length) ?? []) {
        const distance = editDistance(word, known, bestDistance);
        if (distance < bestDistance) {
          bestDistance = distance;
          corrections = [];
        }
        if (distance === bestDistance) corrections.push([knownStem, 0.75]);
      }
    }
    return corrections;
  }

  return {
    match(question) {
      const found = new Map<string, number>();
      for (const word of foldText(question).split(" ")) {
        if (word === "" || GRAMMAR_WORDS.has(word)) continue;
        for (const [stem, confidence] of readWord(word)) if ((found.get(stem) ?? 0) < confidence) found.set(stem, confidence);
      }
      const weights = new Map<number, { weight: number; count: number }>();
      for (const [stem, confidence] of found) {
        for (const id of phrasesByStem.get(stem) ?? []) {
          const current = weights.get(id) ?? { weight: 0, count: 0 };
          weights.set(id, { weight: current.weight + confidence, count: current.count + 1 });
        }
      }
      const best = new Map<string, PhraseHit>();
      for (const [id, { weight, count }] of weights) {
        const phrase = phrases[id]!;
        const size = phrase.stems.size;
        const coverage = weight / size;
        let score: number;
        if (count === size) score = coverage * (1 + 0.15 * Math.min(3, size - 1));
        else if (size >= 2 && count >= 2) score = coverage * 0.7;
        else score = coverage * 0.35;
        const previous = best.get(phrase.owner);
        if (!previous || score > previous.score) best.set(phrase.owner, { owner: phrase.owner, score, phrase: phrase.text });
      }
      return [...best.values()].sort((a, b) => b.score - a.score);
    },
  };
}

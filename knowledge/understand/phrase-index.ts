// Finds phrases (a need's expressions, a danger's, a status's, a public's words) in a read
// message. A phrase counts in full when all its words are there, close together; in part when
// the words that carry its meaning are (« ne monte plus l'escalier » for « ne peut plus monter
// son escalier »). Words are weighted by how rare they are among the owners, so « domicile »
// weighs more than « aide », and a phrase of generic words alone never counts.
import { foldText } from "../text/normalize.ts";
import { compiledStoreOf } from "./compiled-store.ts";
import type { QueryToken } from "./query-tokens.ts";
import type { WordKeys } from "./words.ts";

export interface PhraseEntry {
  owner: string;
  phrase: string;
  /** Trust in the phrase's source: 1 for the base's own words, a little less for the built-in lexicon. */
  trust?: number;
}

export interface PhraseHit {
  owner: string;
  /** About 1 for a phrase fully present (up to 1.45 for long ones), less for a partial one. */
  score: number;
  phrase: string;
  full: boolean;
  /** Every word that carries meaning is there (only small or generic words are missing). */
  complete: boolean;
  /** Words of the phrase missing from the message. */
  missing: number;
  /** Token positions the phrase was read on. */
  positions: number[];
}

export interface PhraseIndex {
  /** Best hit per owner, best first. */
  match(tokens: readonly QueryToken[]): PhraseHit[];
  /** Folded words of every phrase: what typos are corrected towards. */
  words: ReadonlySet<string>;
  /**
   * Owners whose vocabulary the message's meaningful words belong to, phrases aside: the sum of
   * the rare words' weights, best first. For situations told in words no phrase put together.
   */
  vocabulary(tokens: readonly QueryToken[]): { owner: string; score: number; positions: number[]; phrases: number }[];
  /**
   * Owners with a phrase whose every word has one of these keys, order and distance aside (a cheap
   * full reading of a short text), each with the word count of its longest such phrase.
   */
  within(keys: ReadonlySet<string>): Map<string, number>;
}

export interface PhraseIndexOptions {
  /** Folded lemmas of generic words (« aide », « personne », « maison »): they weigh little and never carry a phrase. */
  generic: ReadonlySet<string>;
  /** Least share of a phrase's weight a partial reading must cover (0.7). */
  partialCoverage: number;
  /**
   * Keep grammatical words, matched as typed: danger is said with small words (« veut plus être
   * là », « en finir ») that carry the whole meaning.
   */
  keepGrammar: boolean;
}

const defaultPhraseIndexOptions: PhraseIndexOptions = { generic: new Set(), partialCoverage: 0.7, keepGrammar: false };

interface PhraseWord {
  keys: readonly string[];
  weight: number;
  carrying: boolean;
  /** Which word of meaning it belongs to: the parts of « week-end » share one; -1 for a figure or its unit. */
  unit: number;
}

interface Phrase {
  owner: string;
  text: string;
  words: PhraseWord[];
  totalWeight: number;
  trust: number;
  /** Made of generic words only: counts only in full. */
  allGeneric: boolean;
  /** One content word said with its small words (« est tombée chez elle »): counts only in full. */
  strict: boolean;
  /** Its small words kept as typed, by index and key: looked up in a message only once another word brought the phrase. */
  smallWords: readonly { index: number; key: string }[];
}

const GENERIC_FACTOR = 0.35;
/** Units said after a figure: « 10 ans », « 3 mois », « 2 h ». */
const MEASURES: ReadonlySet<string> = new Set(["an", "ans", "mois", "semaine", "semaines", "jour", "jours", "h", "heure", "heures", "euros", "eur"]);
/**
 * Small words never required even where small words count: elided letters chat drops (« n' »,
 * « l' »), and subject pronouns, which change with who tells the story (« il m'étrangle »,
 * « son mari l'a étranglée »).
 */
const ELIDED = new Set(["n", "l", "d", "j", "m", "s", "t", "c", "qu", "il", "elle", "ils", "elles", "je", "tu", "on", "nous", "vous"]);

const folds = new Map<string, string>();
/** A phrase word folded (« Hébergement » → « hebergement »); phrases repeat their words, so folds are kept. */
function foldWord(raw: string): string {
  let folded = folds.get(raw);
  if (folded === undefined) {
    folded = foldText(raw).replace(/ /g, "");
    if (folds.size > 100_000) folds.clear();
    folds.set(raw, folded);
  }
  return folded;
}

/** Keys of grammatical words kept as typed start with this mark. */
export const GRAMMAR_MARK = "=";

/**
 * Small words that say the same in a phrase meet on one key: « ne … plus » and « ne … jamais » lack
 * as « ne … pas » does (« n'a plus de quoi manger »), and « de », « du », « des », « d' » are one
 * preposition (« besoin d'aide », « besoin de l'aide »). Articles and possessives stay apart:
 * merged, they cost a danger in six (« il la frappe » is not « il le frappe »).
 */
const SAME_SMALL_WORD: ReadonlyMap<string, string> = new Map([["plus", "pas"], ["jamais", "pas"], ["du", "de"], ["des", "de"], ["d", "de"]]);

/** The key of a small word kept as typed. */
export function grammarKey(folded: string): string {
  return GRAMMAR_MARK + (SAME_SMALL_WORD.get(folded) ?? folded);
}

/**
 * A phrase index's tables as plain data: what indexing computes (every phrase word's keys and
 * weight, the slow part of building the engine), and what a start can read back from an earlier one.
 */
interface CompiledPhrases {
  phrases: Phrase[];
  /** Folded words of every phrase, in the order first met. */
  words: string[];
  /** How rare each key is among the owners: its weight when a message's vocabulary is read. */
  idf: [key: string, weight: number][];
  partialCoverage: number;
}

/** Indexes phrases; `match` returns the owners whose phrases a message holds. */
export function createPhraseIndex(entries: readonly PhraseEntry[], keys: WordKeys, options: Partial<PhraseIndexOptions> = {}): PhraseIndex {
  const settings = { ...defaultPhraseIndexOptions, ...options };
  const compile = () => compilePhrases(entries, keys, settings);
  // The same entries and settings compile to the same tables: when the keys have a store, an
  // earlier start's tables are read back (the store's key also holds the code and the lexicons).
  const store = compiledStoreOf(keys);
  const inputs = { entries, generic: [...settings.generic], partialCoverage: settings.partialCoverage, keepGrammar: settings.keepGrammar };
  return phraseIndexFrom(store ? store.reuse("phrases", inputs, compile) : compile());
}

/** Computes a phrase index's tables from its entries. */
function compilePhrases(entries: readonly PhraseEntry[], keys: WordKeys, settings: PhraseIndexOptions): CompiledPhrases {
  const genericKeys = new Set<string>();
  for (const word of settings.generic) for (const key of keys.keysOf(word)) genericKeys.add(key);

  const drafts: { owner: string; text: string; trust: number; words: { keys: readonly string[]; grammar: boolean; unit: number }[] }[] = [];
  const ownersByKey = new Map<string, Set<string>>();
  const words = new Set<string>();
  const owners = new Set<string>();
  for (const { owner, phrase, trust } of entries) {
    const phraseWords: { keys: readonly string[]; grammar: boolean; unit: number }[] = [];
    // A phrase that keeps one content word only (« ne marche plus », « est tombée chez elle ») is
    // said by its small words too: it is read with them, or « marche » alone would switch it on.
    const rawWords = phrase.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
    // A compound (« week-end ») is one word of meaning however many parts it has.
    const contentWords = phrase.split(/[\s'’]+/u).filter((piece) => piece.split(/[^\p{L}\p{N}]+/u).some((w) => w !== "" && keys.keysOf(foldWord(w)).length > 0)).length;
    const keepGrammar = settings.keepGrammar || (contentWords === 1 && rawWords.length > 1);
    // Word of meaning of each raw word: « jamais de week-end » has three words, two of meaning.
    const units = phrase.split(/[\s'’]+/u).flatMap((piece, unit) => piece.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "").map(() => unit));
    for (const [rawIndex, raw] of rawWords.entries()) {
      const folded = foldWord(raw);
      if (folded === "") continue;
      // A word written in capitals in a phrase is a sigle: it only meets a word read as one.
      const isSigle = raw.length >= 2 && /^[\p{Lu}\d&]+$/u.test(raw) && /\p{Lu}/u.test(raw);
      const grammar = !isSigle && keepGrammar && keys.keysOf(folded).length === 0 && !ELIDED.has(folded);
      const wordKeys = isSigle ? [keys.sigleKey(folded)] : grammar ? [grammarKey(folded)] : keys.keysOf(folded);
      if (wordKeys.length === 0) continue;
      // A figure and its unit (« 10 ans », « 3 mois ») say an age or a time, which many phrases share: they carry no meaning alone.
      const unitOfMeaning = /^\d+$/.test(folded) || MEASURES.has(folded) ? -1 : (units[rawIndex] ?? rawIndex);
      phraseWords.push({ keys: wordKeys, grammar, unit: unitOfMeaning });
      words.add(folded);
      for (const key of wordKeys) {
        const set = ownersByKey.get(key) ?? new Set<string>();
        set.add(owner);
        ownersByKey.set(key, set);
      }
    }
    if (phraseWords.length === 0) continue;
    owners.add(owner);
    drafts.push({ owner, text: phrase, trust: trust ?? 1, words: phraseWords });
  }

  const ownerCount = Math.max(owners.size, 2);
  const idf = (key: string) => Math.log(1 + ownerCount / (ownersByKey.get(key)?.size ?? 1));
  const phrases: Phrase[] = [];
  for (const draft of drafts) {
    const phraseWords = draft.words.map(({ keys: wordKeys, grammar, unit }) => {
      const carrying = !grammar && !wordKeys.some((key) => genericKeys.has(key));
      const weight = Math.max(...wordKeys.map(idf)) * (carrying ? 1 : GENERIC_FACTOR);
      return { keys: wordKeys, weight, carrying, unit };
    });
    // One generic word alone (« aide ») would switch its owner on for any question; two or more
    // together (« aider à la maison ») count, but only all of them, close together.
    const allGeneric = !phraseWords.some((w) => w.carrying);
    if (allGeneric && phraseWords.filter((w) => !w.keys[0]!.startsWith(GRAMMAR_MARK)).length < 2) continue;
    const strict = !settings.keepGrammar && draft.words.some((w) => w.grammar);
    const smallWords = phraseWords.flatMap((word, index) => (word.keys[0]!.startsWith(GRAMMAR_MARK) ? [{ index, key: word.keys[0]! }] : []));
    phrases.push({ owner: draft.owner, text: draft.text, words: phraseWords, totalWeight: phraseWords.reduce((sum, w) => sum + w.weight, 0), trust: draft.trust, allGeneric, strict, smallWords });
  }
  return { phrases, words: [...words], idf: [...ownersByKey.keys()].map((key) => [key, idf(key)]), partialCoverage: settings.partialCoverage };
}

/** A phrase index over its compiled tables; the lookups by key are made again here (cheap). */
function phraseIndexFrom(compiled: CompiledPhrases): PhraseIndex {
  const { phrases, partialCoverage } = compiled;
  const words: ReadonlySet<string> = new Set(compiled.words);
  const weights = new Map(compiled.idf);
  const idf = (key: string) => weights.get(key) ?? 0;
  const postings = new Map<string, [phrase: number, word: number][]>();
  phrases.forEach((phrase, id) => {
    phrase.words.forEach((word, index) => {
      for (const key of word.keys) {
        const list = postings.get(key);
        if (list) list.push([id, index]);
        else postings.set(key, [[id, index]]);
      }
    });
  });

  /** A message's words found per phrase id, filled and emptied by each `match` (one array for all, not a map per message). */
  const found: ({ word: number; position: number; confidence: number }[] | undefined)[] = new Array(phrases.length).fill(undefined);

  /** Owners of each carrying key, with how many of the owner's phrases use it. */
  const vocabularyOf = new Map<string, Map<string, number>>();
  for (const phrase of phrases) {
    for (const key of new Set(phrase.words.filter((w) => w.carrying).flatMap((w) => w.keys))) {
      const counts = vocabularyOf.get(key) ?? new Map<string, number>();
      counts.set(phrase.owner, (counts.get(phrase.owner) ?? 0) + 1);
      vocabularyOf.set(key, counts);
    }
  }

  return {
    words,
    within(present) {
      const counts = new Map<number, Set<number>>();
      for (const key of present) {
        for (const [phrase, word] of postings.get(key) ?? []) {
          const set = counts.get(phrase) ?? new Set<number>();
          set.add(word);
          counts.set(phrase, set);
        }
      }
      const owners = new Map<string, number>();
      for (const [id, matched] of counts) {
        const { owner, words: phraseWords } = phrases[id]!;
        if (matched.size === phraseWords.length) owners.set(owner, Math.max(owners.get(owner) ?? 0, phraseWords.length));
      }
      return owners;
    },
    vocabulary(tokens) {
      const scores = new Map<string, { score: number; positions: Set<number>; phrases: number }>();
      const seenKeys = new Set<string>();
      for (const token of tokens) {
        // A word counts once per owner, by its rarest key.
        const byOwner = new Map<string, { weight: number; phrases: number }>();
        for (const { key, confidence } of token.keys) {
          if (seenKeys.has(key)) continue;
          seenKeys.add(key);
          for (const [owner, phrases] of vocabularyOf.get(key) ?? []) {
            const known = byOwner.get(owner);
            byOwner.set(owner, { weight: Math.max(known?.weight ?? 0, idf(key) * confidence), phrases: Math.max(known?.phrases ?? 0, phrases) });
          }
        }
        for (const [owner, { weight, phrases }] of byOwner) {
          const entry = scores.get(owner) ?? { score: 0, positions: new Set<number>(), phrases: 0 };
          entry.score += weight;
          entry.positions.add(token.position);
          entry.phrases = Math.max(entry.phrases, phrases);
          scores.set(owner, entry);
        }
      }
      return [...scores.entries()].map(([owner, { score, positions, phrases }]) => ({ owner, score, positions: [...positions], phrases })).sort((a, b) => b.score - a.score);
    },
    match(tokens) {
      // Phrases in the order a word of the message first brought them, each with its words found.
      const touched: number[] = [];
      const add = (phrase: number, word: number, position: number, confidence: number) => {
        const list = found[phrase];
        const entry = { word, position, confidence };
        if (list) list.push(entry);
        else {
          found[phrase] = [entry];
          touched.push(phrase);
        }
      };
      // Small words are looked up only for the phrases a meaningful word already brought: « à à à… »
      // pasted two thousand times must not pair every « à » with every phrase that has one.
      const smallWords = new Map<string, number[]>();
      for (const token of tokens) {
        for (const { key, confidence } of token.keys) {
          if (key.startsWith(GRAMMAR_MARK)) {
            const list = smallWords.get(key);
            if (list) list.push(token.position);
            else smallWords.set(key, [token.position]);
            continue;
          }
          const list = postings.get(key);
          if (list) for (const [phrase, word] of list) add(phrase, word, token.position, confidence);
        }
      }
      // readPhrase sorts a phrase's words by position, keeping the order of those at one position.
      if (smallWords.size > 0) {
        for (const id of touched) {
          for (const { index, key } of phrases[id]!.smallWords) {
            const positions = smallWords.get(key);
            if (positions) for (const position of positions) found[id]!.push({ word: index, position, confidence: 1 });
          }
        }
      }
      const occurrences = touched.map((id) => [id, found[id]!] as const);
      // The table is the index's, reused by the next message: left empty.
      for (const id of touched) found[id] = undefined;
      const best = new Map<string, PhraseHit>();
      for (const [id, found] of occurrences) {
        const phrase = phrases[id]!;
        // Most candidates share one common word with the message: they can be neither read in full
        // nor in part (two words at least), and are passed over before any window is computed.
        const size = phrase.words.length;
        if (size > 1 && !hasTwoWords(found)) continue;
        const hit = readPhrase(phrase, found, partialCoverage);
        if (!hit) continue;
        const previous = best.get(hit.owner);
        if (!previous || hit.score > previous.score) best.set(hit.owner, hit);
      }
      return [...best.values()].sort((a, b) => b.score - a.score);
    },
  };
}

function hasTwoWords(found: readonly { word: number }[]): boolean {
  const first = found[0]!.word;
  return found.some((o) => o.word !== first);
}

/** Whether the phrase's words can be taken in the window in their own order (missing words skipped). */
function inOrder(size: number, window: readonly { word: number; position: number }[]): boolean {
  let last = -1;
  for (let word = 0; word < size; word++) {
    const positions = window.filter((o) => o.word === word).map((o) => o.position);
    if (positions.length === 0) continue;
    const next = positions.filter((p) => p >= last);
    if (next.length === 0) return false;
    last = Math.min(...next);
  }
  return true;
}

/** The best reading of one phrase from its words found in the message: the closest window holding the most weight. */
function readPhrase(phrase: Phrase, found: { word: number; position: number; confidence: number }[], partialCoverage: number): PhraseHit | undefined {
  const size = phrase.words.length;
  // Phrases read with their small words (danger) must be read nearly as written.
  const hasGrammar = phrase.words.some((w) => w.keys[0]?.startsWith(GRAMMAR_MARK));
  const maxSpan = size === 1 ? 0 : hasGrammar ? size + 1 : 2 * size + 1;
  found.sort((a, b) => a.position - b.position || b.confidence - a.confidence);
  // Two pointers over positions: the window [left, right] moves once across the occurrences, keeping
  // per phrase word its occurrences inside, so a long pasted text costs linear time. A word's
  // occurrences leave the window in the order they entered it: a queue per word (`first` is its head).
  const inside: number[][] = Array.from({ length: size }, () => []);
  const first: number[] = new Array<number>(size).fill(0);
  let weight = 0;
  const bestOf = (word: number) => {
    const queue = inside[word]!;
    let best = -Infinity;
    for (let i = first[word]!; i < queue.length; i++) best = Math.max(best, found[queue[i]!]!.confidence);
    return best;
  };
  const isInside = (word: number) => first[word]! < inside[word]!.length;
  let bestWeight = 0;
  let bestStart = 0;
  let bestEnd = 0;
  let left = 0;
  for (let right = 0; right < found.length; right++) {
    const entering = found[right]!;
    const before = isInside(entering.word) ? bestOf(entering.word) : 0;
    inside[entering.word]!.push(right);
    weight += (bestOf(entering.word) - before) * phrase.words[entering.word]!.weight;
    while (entering.position - found[left]!.position > maxSpan) {
      const leaving = found[left]!;
      const was = bestOf(leaving.word);
      first[leaving.word]!++;
      weight -= (was - (isInside(leaving.word) ? bestOf(leaving.word) : 0)) * phrase.words[leaving.word]!.weight;
      left++;
    }
    if (weight > bestWeight + 1e-9) {
      bestWeight = weight;
      bestStart = left;
      bestEnd = right + 1;
    }
  }
  const bestWindow = found.slice(bestStart, bestEnd);
  // Read with its small words, a phrase is read in its order too: « n'a plus de famille » is not
  // « une famille … n'a plus de quoi manger ».
  if (hasGrammar && !inOrder(phrase.words.length, bestWindow)) return undefined;
  const matched = new Set(bestWindow.map((o) => o.word));
  if (phrase.allGeneric ? matched.size < size : ![...matched].some((word) => phrase.words[word]!.carrying)) return undefined;
  const coverage = bestWeight / phrase.totalWeight;
  const positions = [...new Set(bestWindow.map((o) => o.position))];
  if (matched.size === size) {
    return { owner: phrase.owner, score: phrase.trust * coverage * (1 + 0.15 * Math.min(3, size - 1)), phrase: phrase.text, full: true, complete: true, missing: 0, positions };
  }
  // In part: three words or more, two words of meaning there (not the two halves of « week-end »), and most of the meaning.
  const matchedUnits = new Set([...matched].map((word) => phrase.words[word]!.unit).filter((unit) => unit >= 0)).size;
  if (!phrase.strict && size >= 3 && matchedUnits >= 2 && coverage >= partialCoverage) {
    const complete = phrase.words.every((word, index) => !word.carrying || matched.has(index));
    return { owner: phrase.owner, score: phrase.trust * (0.5 + 0.5 * coverage), phrase: phrase.text, full: false, complete, missing: size - matched.size, positions };
  }
  return undefined;
}

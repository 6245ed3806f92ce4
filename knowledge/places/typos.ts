// Typos in place names: a name typed with a letter wrong (« clamcy »), by ear (« imfy »), cut short
// (« Saint-Barth »), or with a typo in the words beside an exact one (« coulange les nevers »). Only the
// base's own spellings are corrected to; built once per base with the place index.
import { editDistance, typoBudget } from "../text/distance.ts";
import { GRAMMAR_WORDS } from "../text/stem.ts";
import { phoneticKey } from "./phonetic.ts";
import type { Place, PlaceMatch, PlaceToken } from "./place-index.ts";

/** A place a spelling stands for, and how it ranks among places of the same spelling. */
interface TypoTarget {
  place: Place;
  rank: number;
  formerName?: string;
}

interface TypoOptions {
  /** Words of everyday French and of the base's needs: never taken for a typo. */
  commonWords: ReadonlySet<string>;
  /** Whether a folded word is French (the lexicon). */
  isFrench: (folded: string) => boolean;
  /** Whether a place name is expected at `start` (after « à », a saint's name…): a typo is looked for there even in a French word. */
  startsName: (tokens: readonly PlaceToken[], words: readonly string[], start: number) => boolean;
  /** Whether the words at `start` cannot be a place (a surname after « Mme », a street). */
  notAPlace: (words: readonly string[], start: number) => boolean;
}

type RankedMatch = PlaceMatch & { rank: number };

interface TypoFinder {
  /** The place whose name the words come nearest to, outside the spans already `taken`. */
  nearest(tokens: readonly PlaceToken[], words: readonly string[], taken?: readonly PlaceMatch[]): PlaceMatch | undefined;
  /** A longer commune name around an exact `match`, with a typo in the words beside it (not before `floor`); the match itself otherwise. */
  widened(tokens: readonly PlaceToken[], words: readonly string[], match: RankedMatch, floor: number): RankedMatch;
}

/** Distinct word groups compared with place names for typos, per question. */
const MAX_FUZZY_TRIES = 60;

/** Builds the typo search over the base's spellings (four letters or more). */
export function createTypoFinder(targets: readonly [string, TypoTarget][], options: TypoOptions): TypoFinder {
  const { commonWords, isFrench } = options;
  /** Spellings by length without spaces: typos are compared with names of about the same length only. */
  const byLength = new Map<number, [string, TypoTarget][]>();
  /** Spellings by sound (« imfy » for Imphy), for names typed by ear. */
  const bySound = new Map<string, TypoTarget>();
  /** Commune names of several words, by their last and by their first word, for typos beside an exact word. */
  const byLastWord = new Map<string, [string[], TypoTarget][]>();
  const byFirstWord = new Map<string, [string[], TypoTarget][]>();
  for (const [spelling, target] of targets) {
    const letters = spelling.replace(/ /g, "").length;
    const bucket = byLength.get(letters);
    if (bucket) bucket.push([spelling, target]);
    else byLength.set(letters, [[spelling, target]]);
    const key = phoneticKey(spelling);
    const known = bySound.get(key);
    if (!known || target.rank > known.rank) bySound.set(key, target);
    const named = spelling.split(" ");
    if (target.place.type !== "commune" || named.length < 2) continue;
    for (const [map, word] of [[byLastWord, named.at(-1)!], [byFirstWord, named[0]!]] as const) {
      const list = map.get(word);
      if (list) list.push([named, target]);
      else map.set(word, [[named, target]]);
    }
  }
  /** A word French does not write (« clamcy »), nor one of the base's everyday words: where a typo may be. */
  const isForeign = (token: PlaceToken) => !(token.french ?? isFrench(token.folded)) && !commonWords.has(token.folded);

  /** Spellings in alphabetical order, for names cut short. */
  const sorted = [...targets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  /**
   * The one place whose name starts with these letters, cut inside a word (« Saint-Barth » for
   * Saint-Barthélemy-d'Anjou, a name cut by the end of the message). The cut word keeps four letters or more.
   */
  function cutShortIn(typed: string): TypoTarget | undefined {
    if (typed.length < 5 || typed.length - typed.lastIndexOf(" ") - 1 < 4) return undefined;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]![0] < typed) low = middle + 1;
      else high = middle;
    }
    let found: TypoTarget | undefined;
    for (let i = low; i < sorted.length && sorted[i]![0].startsWith(typed); i++) {
      const [spelling, target] = sorted[i]!;
      if (spelling.length === typed.length || spelling[typed.length] === " ") continue;
      if (found && found.place.code !== target.place.code) return undefined;
      found = target;
    }
    return found;
  }

  /**
   * Typos in a place name: where a name is expected (after « à », « sur », « de »…), or in a word French
   * does not write (« clamcy »), wherever it stands.
   */
  function nearest(tokens: readonly PlaceToken[], words: readonly string[], taken: readonly PlaceMatch[] = []): PlaceMatch | undefined {
    let best: (PlaceMatch & { distance: number; rank: number }) | undefined;
    // Each spelling is compared once, and a pasted text of nonsense stops after a bounded number of tries.
    const tried = new Set<string>();
    for (let start = 0; start < words.length && tried.size < MAX_FUZZY_TRIES; start++) {
      if (options.notAPlace(words, start)) continue;
      if (taken.some((m) => start < m.end && start >= m.start)) continue;
      // A name is looked for where one is expected, at a word French does not write, or at a French word
      // followed by one it does not (« chateau chinnon »), but not a grammatical one (« avenue de nevers »).
      const expected = options.startsName(tokens, words, start);
      if (!expected && !isForeign(tokens[start]!) && !(tokens[start + 1] && isForeign(tokens[start + 1]!) && !GRAMMAR_WORDS.has(words[start]!))) continue;
      for (let length = 1; length <= 4 && start + length <= words.length; length++) {
        if (taken.some((m) => start + length > m.start && start < m.end)) break;
        const typed = words.slice(start, start + length);
        if (length === 1 && (commonWords.has(typed[0]!) || isFrench(typed[0]!))) continue;
        // Words all of French are no typo, even after « à »: « à la maison de retraite » is not La Maison-Dieu.
        // A saint's name is a name whatever its words (« st sauge »).
        if (typed[0] !== "saint" && typed[0] !== "sainte" && !tokens.slice(start, start + length).some(isForeign)) continue;
        if (!expected && !isForeign(tokens[start]!) && length === 1) continue;
        const letters = typed.join("").length;
        const budget = letters === 4 ? 1 : typoBudget(letters);
        if (budget === 0) continue;
        const joined = typed.join(" ");
        if (tried.has(joined)) continue;
        tried.add(joined);
        // A word cut short is no word: only then is it looked for at the start of names.
        const cut = tokens[start + length - 1]!.french === false ? cutShortIn(joined) : undefined;
        if (cut && (!best || best.distance > 1)) best = { place: cut.place, start, end: start + length, distance: 1, rank: cut.rank };
        const heard = bySound.get(phoneticKey(joined));
        if (heard && (!best || best.distance > 0.5)) best = { place: heard.place, start, end: start + length, distance: 0.5, rank: heard.rank };
        for (let size = letters - budget; size <= letters + budget; size++) {
          for (const [spelling, target] of byLength.get(size) ?? []) {
            const distance = editDistance(joined, spelling, budget);
            if (distance > budget) continue;
            if (!best || distance < best.distance || (distance === best.distance && target.rank > best.rank)) {
              best = { place: target.place, start, end: start + length, distance, rank: target.rank };
            }
          }
        }
      }
    }
    return best && { place: best.place, start: best.start, end: best.end };
  }

  /**
   * « coulange les nevers » is Coulanges-lès-Nevers, not Nevers; « chatilon en bazois » is
   * Châtillon-en-Bazois, not the Bazois. Each word beside is compared with the name's word at its place,
   * and must be one French does not write nor a sigle (« ccas nevers » is not « ca nevers »).
   */
  function widened(tokens: readonly PlaceToken[], words: readonly string[], match: RankedMatch, floor: number): RankedMatch {
    let best: { start: number; end: number; distance: number; target: TypoTarget } | undefined;
    for (let before = 0; before <= 3; before++) {
      // Names of several words that end (or start) with the words matched: a handful, not every name of the base.
      const around = before > 0 ? byLastWord.get(words[match.end - 1]!) : byFirstWord.get(words[match.start]!);
      if (!around) continue;
      for (let after = before === 0 ? 1 : 0; after <= (before === 0 ? 3 : 0); after++) {
        const start = match.start - before;
        const end = match.end + after;
        if (start < floor || end > words.length) continue;
        const added = [...tokens.slice(start, match.start), ...tokens.slice(match.end, end)];
        if (added.some((t) => t.sigleLike === true) || !added.some((t) => t.french === false && !commonWords.has(t.folded))) continue;
        const typed = words.slice(start, end);
        const budget = typoBudget(typed.join("").length);
        for (const [named, target] of around) {
          if (named.length !== typed.length || named[0]![0] !== typed[0]![0]) continue;
          let distance = 0;
          for (let k = 0; k < typed.length && distance <= budget; k++) {
            const exact = start + k >= match.start && start + k < match.end;
            // Each word beside within its own budget: « de nevers » is not « du mont ».
            const wordBudget = typoBudget(named[k]!.length);
            const wordDistance = exact ? (typed[k] === named[k] ? 0 : budget + 1) : editDistance(typed[k]!, named[k]!, wordBudget);
            distance += wordDistance > wordBudget ? budget + 1 : wordDistance;
          }
          if (distance > 0 && distance <= budget && (!best || distance < best.distance)) best = { start, end, distance, target };
        }
      }
    }
    if (!best) return match;
    const { alternatives: _alternatives, formerName: _formerName, ...rest } = match;
    return { ...rest, place: best.target.place, start: best.start, end: best.end, rank: best.target.rank, ...(best.target.formerName ? { formerName: best.target.formerName } : {}) };
  }

  return { nearest, widened };
}

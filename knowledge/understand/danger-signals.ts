// Dangers and needs told by two things said together rather than by one phrase: « un bleu sur la
// joue … c'est son conjoint », « un établissement … elle perd la tête ». A signal is a few groups of
// words; it fires when the message holds a word of every group, close together. Phrases catch
// how people name a danger or a need, signals catch how they describe it.
import type { QueryToken } from "./query-tokens.ts";
import type { WordKeys } from "./words.ts";
import { GRAMMAR_MARK } from "./phrase-index.ts";
import { compiledStoreOf } from "./compiled-store.ts";
import { foldText } from "../text/normalize.ts";

/** Words of every group must stand within this many words of each other. */
const WINDOW = 14;
/** Occurrences of one group looked at: a pasted text repeating a word costs no more. */
const MAX_OCCURRENCES = 24;

/**
 * Words that say the message is about the subject, not about someone now (« formation sur les
 * violences faites aux enfants », « réunion du réseau maltraitance »): no danger is read then.
 */
const TOPIC_WORDS: ReadonlySet<string> = new Set(["formation", "formations", "sensibilisation", "colloque", "conference", "webinaire", "atelier", "ateliers", "reunion", "plaquette", "affiche", "campagne", "thematique", "module", "soiree", "organise", "organisons", "organiser", "forum", "debat", "exposition"]);

/** Whether the message is about a danger as a subject (a training, a meeting), not about someone. */
export function speaksAboutTheSubject(tokens: readonly { folded: string }[]): boolean {
  return tokens.some((t) => TOPIC_WORDS.has(t.folded));
}

/** A word said just before another denies it: « pas de violence physique », « sans coups ». */
const NEGATIONS = new Set(["pas", "sans", "aucun", "aucune", "jamais", "ni", "non"]);

/**
 * Ages and durations written in figures, named in a group by a mark: « @mineur » (« 13 ans »,
 * « 4 mois »), « @age » (« 85 ans »), « @longtemps » (« il y a 2 ans », « depuis 6 mois »).
 * Each reads the number at a position and the unit after it.
 */
const MARKS: Record<string, (number: number, unit: string, before: readonly string[]) => boolean> = {
  "@mineur": (n, unit) => (unit === "ans" || unit === "an" ? n < 18 : unit === "mois"),
  "@age": (n, unit) => (unit === "ans" || unit === "an") && n >= 60 && n <= 115,
  "@longtemps": (n, unit, [previous, second]) =>
    (previous === "depuis" || (previous === "a" && second === "y")) && (unit === "ans" || unit === "an" || unit === "mois" || (unit === "semaines" && n >= 2)),
};

interface DangerSignal {
  /** The danger or need concept the signal reads. */
  danger: string;
  /** Indexes of its groups in the compiled set. */
  groups: readonly number[];
}

export interface SignalHit {
  owner: string;
  positions: number[];
}

/** Signals ready to read: every group's alternatives indexed by the keys of their first word. */
export interface CompiledSignals {
  signals: readonly DangerSignal[];
  groupCount: number;
  byFirstKey: ReadonlyMap<string, readonly { group: number; words: readonly (ReadonlySet<string>)[] }[]>;
  marks: readonly { group: number; mark: string }[];
  /** The word keys the signals were compiled with: a word as typed meets them even when the speller read it otherwise. */
  keysOf: (folded: string) => readonly string[];
  /** Whether « pas », « sans »… just before a word deny it (dangers); for needs, « sans permis » is the need. */
  negations: boolean;
}

/**
 * Compiles the signals of the built-in dangers or need concepts.
 * @param signals per danger (or concept), its signals: each a list of groups, each group alternatives separated by « | ».
 * @param options.negations whether a negation just before a word denies it (true, for dangers).
 */
export function compileSignals(signals: readonly { danger: string; signaux: readonly (readonly string[])[] }[], keys: WordKeys, options: { negations?: boolean } = {}): CompiledSignals {
  // When the keys have a store, a start after the first reads the tables back (knowledge/understand/compiled-store.ts).
  const store = compiledStoreOf(keys);
  const tables = store ? store.reuse("signaux", signals, () => signalTables(signals, keys)) : signalTables(signals, keys);
  // Each alternative's words as sets, one object shared by every key its first word has.
  const alternatives = tables.alternatives.map(({ group, words }) => ({ group, words: words.map((wordKeys): ReadonlySet<string> => new Set(wordKeys)) }));
  const byFirstKey = new Map(tables.byFirstKey.map(([key, indexes]) => [key, indexes.map((index) => alternatives[index]!)]));
  return { signals: tables.signals, groupCount: tables.groupCount, byFirstKey, marks: tables.marks, keysOf: (folded) => keys.keysOf(folded), negations: options.negations ?? true };
}

/** Compiled signals as plain data: each alternative's words by their keys, and the alternatives by the keys of their first word. */
interface SignalTables {
  signals: DangerSignal[];
  groupCount: number;
  alternatives: { group: number; words: string[][] }[];
  byFirstKey: [key: string, alternatives: number[]][];
  marks: { group: number; mark: string }[];
}

function signalTables(signals: readonly { danger: string; signaux: readonly (readonly string[])[] }[], keys: WordKeys): SignalTables {
  const wordKeys = (word: string): string[] => {
    const found = keys.keysOf(word);
    return found.length > 0 ? [...found] : [GRAMMAR_MARK + word];
  };
  const alternatives: SignalTables["alternatives"] = [];
  const byFirstKey = new Map<string, number[]>();
  const marks: { group: number; mark: string }[] = [];
  let groupCount = 0;
  const compiled = signals.flatMap(({ danger, signaux }) =>
    signaux.map((groups) => ({
      danger,
      groups: groups.map((text) => {
        const group = groupCount++;
        for (const alternative of text.split("|")) {
          const trimmed = foldText(alternative).trim();
          if (alternative.trim().startsWith("@")) {
            const mark = `@${trimmed}`;
            if (!(mark in MARKS)) throw new Error(`Lexique intégré : marque inconnue « ${alternative.trim()} » (connues : ${Object.keys(MARKS).join(", ")}).`);
            marks.push({ group, mark });
            continue;
          }
          const words = trimmed.split(/[\s'’-]+/u).filter((w) => w !== "").map(wordKeys);
          if (words.length === 0) continue;
          const index = alternatives.push({ group, words }) - 1;
          for (const key of new Set(words[0]!)) {
            const list = byFirstKey.get(key);
            if (list) list.push(index);
            else byFirstKey.set(key, [index]);
          }
        }
        return group;
      }),
    })),
  );
  return { signals: compiled, groupCount, alternatives, byFirstKey: [...byFirstKey], marks };
}

/** The dangers (or concepts) whose signals the message holds, each with the positions it was read on. */
export function readSignals(compiled: CompiledSignals, tokens: readonly QueryToken[]): SignalHit[] {
  if (compiled.signals.length === 0) return [];
  const keysAt = new Map<number, Set<string>>();
  const denied = new Set<number>();
  for (const token of tokens) {
    if (compiled.negations && NEGATIONS.has(token.folded)) {
      denied.add(token.position + 1);
      denied.add(token.position + 2);
    }
    const set = keysAt.get(token.position) ?? new Set<string>();
    for (const { key } of token.keys) set.add(key);
    // « oeil » is not in the lexicon (it writes « œil »): the speller's reading must not hide the word typed.
    for (const key of compiled.keysOf(token.folded)) set.add(key);
    set.add(GRAMMAR_MARK + token.folded);
    keysAt.set(token.position, set);
  }
  const foldedAt = new Map(tokens.map((t) => [t.position, t.folded]));
  // Whether the words after an alternative's first one are said next; a plain loop, as it runs for
  // every alternative a word of the message may start (long pasted texts call it many times).
  const follows = (words: readonly (ReadonlySet<string>)[], start: number): boolean => {
    for (let offset = 1; offset < words.length; offset++) {
      const present = keysAt.get(start + offset);
      if (present === undefined) return false;
      let met = false;
      for (const key of present) {
        if (words[offset]!.has(key)) {
          met = true;
          break;
        }
      }
      if (!met) return false;
    }
    return true;
  };
  // One pass over the words: where each group is said (a bounded number of times). A message says
  // few of the many groups: a list is made for a group when it is first said, not for every group.
  const occurrences: ({ start: number; end: number }[] | undefined)[] = new Array(compiled.groupCount);
  const add = (group: number, start: number, length: number) => {
    const list = occurrences[group];
    if (!list) occurrences[group] = [{ start, end: start + length - 1 }];
    else if (list.length < MAX_OCCURRENCES && list.at(-1)?.start !== start) list.push({ start, end: start + length - 1 });
  };
  for (const start of [...keysAt.keys()].sort((a, b) => a - b)) {
    if (denied.has(start)) continue;
    for (const key of keysAt.get(start)!) for (const { group, words } of compiled.byFirstKey.get(key) ?? []) if (follows(words, start)) add(group, start, words.length);
    const figure = compiled.marks.length > 0 ? /^(\d{1,3})(ans?)?$/.exec(foldedAt.get(start)!) : null;
    if (figure) {
      const unit = figure[2] ?? foldedAt.get(start + 1) ?? "";
      const before = [foldedAt.get(start - 1) ?? "", foldedAt.get(start - 2) ?? ""];
      for (const { group, mark } of compiled.marks) if (MARKS[mark]!(Number(figure[1]), unit, before)) add(group, start, 1);
    }
  }
  const hits = new Map<string, SignalHit>();
  signals: for (const signal of compiled.signals) {
    if (hits.has(signal.danger)) continue;
    for (const group of signal.groups) if (!occurrences[group]) continue signals;
    const found = signal.groups.map((group) => occurrences[group]!);
    const chosen = closeTogether(found);
    if (chosen) hits.set(signal.danger, { owner: signal.danger, positions: chosen.flatMap(({ start, end }) => Array.from({ length: end - start + 1 }, (_, i) => start + i)) });
  }
  return [...hits.values()];
}

/** One occurrence per group, all within the window, anchored on each occurrence of the first group. */
function closeTogether(occurrences: readonly { start: number; end: number }[][]): { start: number; end: number }[] | undefined {
  for (const anchor of occurrences[0]!) {
    const chosen = [anchor];
    for (const found of occurrences.slice(1)) {
      const near = found.filter((o) => Math.abs(o.start - anchor.start) <= WINDOW).sort((a, b) => Math.abs(a.start - anchor.start) - Math.abs(b.start - anchor.start))[0];
      if (!near) break;
      chosen.push(near);
    }
    if (chosen.length === occurrences.length) return chosen;
  }
  return undefined;
}

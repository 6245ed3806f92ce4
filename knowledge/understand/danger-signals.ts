// Dangers told by two things said together rather than by one phrase: « un bleu sur la joue …
// c'est son conjoint », « n'a plus de toit … il dort où ce soir ». A signal is a few groups of
// words; it fires when the message holds a word of every group, close together. Phrases catch
// how people name a danger, signals catch how they describe it.
import type { QueryToken } from "./query-tokens.ts";
import type { WordKeys } from "./words.ts";
import { GRAMMAR_MARK } from "./phrase-index.ts";
import { foldText } from "../text/normalize.ts";

/** Words of every group must stand within this many words of each other. */
const WINDOW = 14;
/** Occurrences of one group looked at: a pasted text repeating a word costs no more. */
const MAX_OCCURRENCES = 24;

/**
 * Words that say the message is about the subject, not about someone now (« formation sur les
 * violences faites aux enfants », « réunion du réseau maltraitance »): no signal fires then.
 */
export const TOPIC_WORDS: ReadonlySet<string> = new Set(["formation", "formations", "sensibilisation", "colloque", "conference", "webinaire", "atelier", "ateliers", "reunion", "plaquette", "affiche", "campagne", "thematique", "module"]);

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

/** One alternative of a group: consecutive words, each met by one of its keys; or a mark. */
type Alternative = readonly (ReadonlySet<string>)[] | { mark: string };

export interface DangerSignal {
  danger: string;
  groups: readonly (readonly Alternative[])[];
}

export interface SignalHit {
  owner: string;
  positions: number[];
}

/**
 * Compiles the signals of the built-in dangers.
 * @param signals per danger, its signals: each a list of groups, each group alternatives separated by « | ».
 */
export function compileSignals(signals: readonly { danger: string; signaux: readonly (readonly string[])[] }[], keys: WordKeys): DangerSignal[] {
  const wordKeys = (word: string): ReadonlySet<string> => {
    const found = keys.keysOf(word);
    return new Set(found.length > 0 ? found : [GRAMMAR_MARK + word]);
  };
  return signals.flatMap(({ danger, signaux }) =>
    signaux.map((groups) => ({
      danger,
      groups: groups.map((group) =>
        group
          .split("|")
          .map((alternative): Alternative | undefined => {
            const trimmed = foldText(alternative).trim();
            if (alternative.trim().startsWith("@")) {
              const mark = `@${trimmed}`;
              if (!(mark in MARKS)) throw new Error(`Lexique intégré : marque inconnue « ${alternative.trim()} » (connues : ${Object.keys(MARKS).join(", ")}).`);
              return { mark };
            }
            const words = trimmed.split(/[\s'’-]+/u).filter((w) => w !== "");
            return words.length > 0 ? words.map(wordKeys) : undefined;
          })
          .filter((alternative): alternative is Alternative => alternative !== undefined),
      ),
    })),
  );
}

/** The dangers whose signals the message holds, each with the positions it was read on. */
export function readSignals(signals: readonly DangerSignal[], tokens: readonly QueryToken[]): SignalHit[] {
  if (signals.length === 0) return [];
  const keysAt = new Map<number, Set<string>>();
  const denied = new Set<number>();
  for (const token of tokens) {
    if (NEGATIONS.has(token.folded)) {
      denied.add(token.position + 1);
      denied.add(token.position + 2);
    }
    const set = keysAt.get(token.position) ?? new Set<string>();
    for (const { key } of token.keys) set.add(key);
    set.add(GRAMMAR_MARK + token.folded);
    keysAt.set(token.position, set);
  }
  const positions = [...keysAt.keys()].sort((a, b) => a - b);
  const foldedAt = new Map(tokens.map((t) => [t.position, t.folded]));
  const meets = (alternative: Alternative, start: number): boolean => {
    if ("mark" in alternative) {
      const figure = /^(\d{1,3})(ans?)?$/.exec(foldedAt.get(start) ?? "");
      if (!figure) return false;
      const unit = figure[2] ?? foldedAt.get(start + 1) ?? "";
      return MARKS[alternative.mark]!(Number(figure[1]), unit, [foldedAt.get(start - 1) ?? "", foldedAt.get(start - 2) ?? ""]);
    }
    return alternative.every((accepted, offset) => {
      const present = keysAt.get(start + offset);
      return present !== undefined && [...accepted].some((key) => present.has(key));
    });
  };
  const hits = new Map<string, SignalHit>();
  for (const signal of signals) {
    if (hits.has(signal.danger)) continue;
    const occurrences = signal.groups.map((group) => {
      const found: { start: number; end: number }[] = [];
      for (const start of positions) {
        if (denied.has(start)) continue;
        const alternative = group.find((alt) => meets(alt, start));
        if (alternative) found.push({ start, end: start + ("mark" in alternative ? 0 : alternative.length - 1) });
        if (found.length >= MAX_OCCURRENCES) break;
      }
      return found;
    });
    if (occurrences.some((found) => found.length === 0)) continue;
    const chosen = closeTogether(occurrences);
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

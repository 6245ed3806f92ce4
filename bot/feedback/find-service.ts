// Which service a field report is about: « signaler ssiad-nevers : … », « signaler SSIAD de Nevers : … »,
// or « signaler ssiad nevers le numéro a changé » with no separator. By id first, then by name with
// typos forgiven; when it stays unclear, the closest services are proposed.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Service } from "../../knowledge/schema/index.ts";
import { editDistance, typoBudget } from "../../knowledge/text/distance.ts";
import { foldText, tokenizeQuestion } from "../../knowledge/text/normalize.ts";
import { STOP_WORDS } from "../../knowledge/text/stem.ts";

export type ServiceLookup =
  | { kind: "found"; service: Service; texte: string }
  | { kind: "unknown"; typed: string; suggestions: Service[] }
  | { kind: "empty" };

const SEPARATOR = /\s*(?::|—|–|\s-\s)\s*/u;
const MAX_NAME_WORDS = 8;
const MAX_SUGGESTIONS = 3;
const FRENCH = new Intl.Collator("fr");

interface Candidate {
  service: Service;
  words: ReadonlySet<string>;
  /**
   * Short ways to name it (name with sigle, id words): the one a query covers best breaks ties, so that
   * « ccas nevers » is the CCAS of Nevers (id ccas-nevers), not « Aide au chauffage du CCAS de Nevers ».
   */
  names: readonly (readonly string[])[];
}

/**
 * Splits what follows `signaler` into the service and the report text.
 * @example findReportedService(orienteur, "ssiad-nevers : le numéro a changé") // → { kind: "found", service: …, texte: "le numéro a changé" }
 */
export function findReportedService(orienteur: Orienteur, typed: string): ServiceLookup {
  const rest = typed.trim();
  if (rest === "") return { kind: "empty" };
  // « <service> : <texte> »; a colon inside the report (« le numéro : … ») falls through to the word search.
  const separated = SEPARATOR.exec(rest);
  const named = separated && separated.index > 0 ? rest.slice(0, separated.index) : undefined;
  const texteAfter = separated ? rest.slice(separated.index + separated[0].length) : "";
  const words = rest.split(/\s+/);
  const namedById = named !== undefined ? byId(orienteur, named) : undefined;
  if (namedById) return { kind: "found", service: namedById, texte: texteAfter };
  const firstById = byId(orienteur, words[0]!);
  if (firstById) return { kind: "found", service: firstById, texte: words.slice(1).join(" ") };

  const matcher = createMatcher(indexOf(orienteur));
  if (named !== undefined) {
    const service = matcher.best(named);
    if (service) return { kind: "found", service, texte: texteAfter };
  }
  // No separator: the longest beginning that names one service is the name, the rest is the report.
  for (let count = Math.min(MAX_NAME_WORDS, words.length); count >= 1; count--) {
    const service = matcher.best(words.slice(0, count).join(" "));
    if (!service) continue;
    while (count > 1 && STOP_WORDS.has(foldText(words[count - 1]!))) count--;
    return { kind: "found", service, texte: words.slice(count).join(" ") };
  }
  const guess = named ?? words.slice(0, Math.min(3, words.length)).join(" ");
  return { kind: "unknown", typed: guess, suggestions: matcher.closest(guess) };
}

function byId(orienteur: Orienteur, typed: string): Service | undefined {
  const id = typed.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9-]*$/.test(id) ? orienteur.service(id) : undefined;
}

/** Services by word, built on the first report and kept while that base serves (a reload makes a new base). */
interface WordIndex {
  byWord: ReadonlyMap<string, readonly Candidate[]>;
}

const indexCache = new WeakMap<Orienteur, WordIndex>();

function indexOf(orienteur: Orienteur): WordIndex {
  let index = indexCache.get(orienteur);
  if (!index) {
    const byWord = new Map<string, Candidate[]>();
    for (const candidate of orienteur.base.services.map(candidateOf)) {
      for (const word of candidate.words) {
        const list = byWord.get(word);
        if (list) list.push(candidate);
        else byWord.set(word, [candidate]);
      }
    }
    index = { byWord };
    indexCache.set(orienteur, index);
  }
  return index;
}

function candidateOf(service: Service): Candidate {
  const names = [contentWords(`${service.nom} ${service.sigle ?? ""}`), contentWords(service.id.replace(/-/g, " "))];
  const words = new Set([...names.flat(), ...contentWords(`${service.commune ?? ""} ${service.structure ?? ""}`)]);
  return { service, words, names };
}

function contentWords(text: string): string[] {
  return tokenizeQuestion(text).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

function sameWord(typed: string, word: string): boolean {
  if (typed === word) return true;
  const budget = typoBudget(typed.length);
  return budget > 0 && editDistance(typed, word, budget) <= budget;
}

/** Name matching over every service; which services hold a typed word (typos forgiven) is looked up once per word. */
function createMatcher(index: WordIndex) {
  const holders = new Map<string, Set<Candidate>>();
  const holdersOf = (word: string): Set<Candidate> => {
    let found = holders.get(word);
    if (!found) {
      found = new Set(index.byWord.get(word));
      if (typoBudget(word.length) > 0) for (const [other, candidates] of index.byWord) if (sameWord(word, other)) for (const c of candidates) found.add(c);
      holders.set(word, found);
    }
    return found;
  };

  /** Every content word of the query found in the candidate: 0.5 plus half the best share of one of its names covered; 0 otherwise. */
  const fullScore = (query: readonly string[], candidate: Candidate): number => {
    if (query.length === 0 || !query.every((w) => holdersOf(w).has(candidate))) return 0;
    const coverage = (name: readonly string[]) => name.filter((w) => query.some((q) => sameWord(q, w))).length / Math.max(1, name.length);
    return 0.5 + 0.5 * Math.max(...candidate.names.map(coverage));
  };

  return {
    /** The one service `typed` names, when exactly one fits best. */
    best(typed: string): Service | undefined {
      const query = contentWords(typed);
      if (query.length === 0) return undefined;
      let top: Candidate | undefined;
      let topScore = 0;
      let tie = false;
      // Only services holding the rarest word can hold them all.
      const pool = query.map(holdersOf).sort((a, b) => a.size - b.size)[0]!;
      for (const candidate of pool) {
        const score = fullScore(query, candidate);
        if (score === 0) continue;
        if (score > topScore) {
          top = candidate;
          topScore = score;
          tie = false;
        } else if (score === topScore) tie = true;
      }
      return top && !tie ? top.service : undefined;
    },
    /** Up to three services closest to `typed`: those holding all its words first, then most of them. */
    closest(typed: string): Service[] {
      const query = contentWords(typed);
      if (query.length === 0) return [];
      const pool = new Set(query.flatMap((w) => [...holdersOf(w)]));
      return [...pool]
        .map((candidate) => {
          const found = query.filter((w) => holdersOf(w).has(candidate)).length;
          return { candidate, score: found === query.length ? fullScore(query, candidate) + 1 : found / query.length };
        })
        .filter((c) => c.score >= 0.5)
        .sort((a, b) => b.score - a.score || FRENCH.compare(a.candidate.service.nom, b.candidate.service.nom))
        .slice(0, MAX_SUGGESTIONS)
        .map((c) => c.candidate.service);
    },
  };
}

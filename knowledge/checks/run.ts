// Quality checks over a loaded base: what the schema cannot see (duplicates, stale entries,
// unknown sigles, needs left without a service somewhere). `checkBase` adds them to the
// loader's own problems for `orienteur kb check`.
import type { KnowledgeBase } from "../base.ts";
import { checkKnowledge } from "../load/load-knowledge.ts";
import type { Orienteur } from "../orienteur.ts";
import { getGeography } from "../places/geography.ts";
import { createGlossary } from "../sigles/glossary.ts";
import { codeOfLoadProblem, type CodedProblem } from "./codes.ts";
import { defaultQualityOptions, type CheckContext, type QualityCheck, type QualityOptions } from "./context.ts";
import { checkContacts } from "./contacts.ts";
import { checkCoverage } from "./coverage.ts";
import { checkDuplicates } from "./duplicates.ts";
import { checkPartialZones } from "./partial-zones.ts";
import { createLocator } from "./locate.ts";
import { checkUnknownSigles } from "./sigles.ts";
import { checkStaleDates } from "./stale.ts";

export { defaultQualityOptions, type QualityOptions } from "./context.ts";
export type { CheckCode, CodedProblem } from "./codes.ts";

/** Every quality check, in the order their problems are listed for one file. */
const QUALITY_CHECKS: readonly QualityCheck[] = [checkDuplicates, checkStaleDates, checkUnknownSigles, checkContacts, checkCoverage, checkPartialZones];

/** Today's date in Paris, `AAAA-MM-JJ`: the base's editors work on French time. */
export function todayInParis(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * Runs every quality check over a loaded base; pass the base's orienteur to reuse its glossary.
 * @example
 * const problems = runQualityChecks(base, undefined, { today: "2026-11-23" });
 * problems.filter((p) => p.code === "date-maj-ancienne").length;
 */
export function runQualityChecks(base: KnowledgeBase, orienteur?: Orienteur, options: Partial<QualityOptions> = {}): CodedProblem[] {
  const context: CheckContext = {
    base,
    geography: orienteur?.geography ?? getGeography(),
    glossary: orienteur?.glossary ?? createGlossary(base.sigles, base.services),
    locator: createLocator(base),
    options: { ...defaultQualityOptions, today: todayInParis(), ...options },
  };
  return sortProblems(QUALITY_CHECKS.flatMap((check) => check(context)));
}

export interface BaseCheck {
  /** The base, when the loader found no error (quality errors do not unset it). */
  base: KnowledgeBase | undefined;
  /** Loader and quality problems, each with its code, sorted by file and line. */
  problems: CodedProblem[];
  /** False when the loader's errors kept the quality checks from running. */
  qualityChecked: boolean;
}

/**
 * What `orienteur kb check` reports: the loader's problems (schema, references, opening hours),
 * then, if the base loads, the quality checks.
 */
export async function checkBase(dir: string, options: Partial<QualityOptions> = {}): Promise<BaseCheck> {
  const { base, problems } = await checkKnowledge(dir);
  const coded: CodedProblem[] = problems.map((problem) => ({ ...problem, code: codeOfLoadProblem(problem) }));
  if (!base) return { base, problems: coded, qualityChecked: false };
  return { base, problems: sortProblems([...coded, ...runQualityChecks(base, undefined, options)]), qualityChecked: true };
}

function sortProblems(problems: CodedProblem[]): CodedProblem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

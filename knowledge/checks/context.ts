// What every quality check receives, and how it builds a located problem.
import type { KnowledgeBase } from "../base.ts";
import { fieldName, type Severity } from "../load/problems.ts";
import type { Geography } from "../places/geography.ts";
import type { KindName } from "../schema/index.ts";
import type { Glossary } from "../sigles/glossary.ts";
import type { CodedProblem, QualityCode } from "./codes.ts";
import type { Locator } from "./locate.ts";

export interface QualityOptions {
  /** The day the check runs, `AAAA-MM-JJ` (today in Paris by default). */
  today: string;
  /** How often a service must be checked when it does not say (`frequence_maj_mois`). */
  defaultFrequencyMonths: number;
  /** How many places or territories a single message lists before « et N autres ». */
  listLimit: number;
}

export const defaultQualityOptions: Omit<QualityOptions, "today"> = {
  defaultFrequencyMonths: 6,
  listLimit: 8,
};

export interface CheckContext {
  base: KnowledgeBase;
  geography: Geography;
  glossary: Glossary;
  locator: Locator;
  options: QualityOptions;
}

/** One quality check: a small function from the base to its problems. */
export type QualityCheck = (context: CheckContext) => CodedProblem[];

/** A problem located on a field of an entry. */
export function problemAt(
  context: CheckContext,
  severity: Severity,
  code: QualityCode,
  kind: KindName,
  id: string,
  path: readonly (string | number)[],
  message: string,
): CodedProblem {
  const { file, line, column } = context.locator.at(kind, id, path);
  return { severity, file, line, column, field: fieldName(path), message, code };
}

/** « a, b, c et 4 autres » — keeps a message readable when a list is long. */
export function shortList(items: readonly string[], limit: number, separator = ", "): string {
  if (items.length <= limit) return items.join(separator);
  return `${items.slice(0, limit).join(separator)} et ${items.length - limit} autres`;
}

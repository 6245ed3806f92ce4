// Stable codes for every kind of problem `kb check` reports, so that a knowledge-base
// repository's CI can filter or count them (`--json`) without parsing French sentences.
import type { LoadCode, Problem, QualityCode } from "../load/problems.ts";

export type { QualityCode } from "../load/problems.ts";

export type CheckCode = QualityCode | LoadCode;

/** A problem with its stable code. */
export interface CodedProblem extends Problem {
  code: CheckCode;
}

/** The code of a problem: the one it was raised with, else `schema`. */
export function codeOfLoadProblem(problem: Problem): CheckCode {
  return problem.code ?? "schema";
}

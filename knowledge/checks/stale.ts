// Services not checked for longer than their update frequency (6 months unless
// `frequence_maj_mois` says otherwise). Avertissement: the entry may still be right, but an
// editor should call the service and then run `orienteur kb verifier <id>`.
// A `date_maj` in the future is an avertissement too: most likely a typo in the year, and it
// would keep the entry out of this check for years.
import type { CodedProblem } from "./codes.ts";
import { problemAt, type CheckContext } from "./context.ts";
import { checkMessages } from "./messages.ts";

/** Whole months from `from` to `to` (both `AAAA-MM-JJ`): 2026-03-17 → 2026-09-16 is 5, → 2026-09-17 is 6. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split("-").map(Number) as [number, number, number];
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

export function checkStaleDates(context: CheckContext): CodedProblem[] {
  const { today, defaultFrequencyMonths } = context.options;
  const problems: CodedProblem[] = [];
  for (const service of context.base.services) {
    if (service.date_maj > today) {
      problems.push(problemAt(context, "avertissement", "date-maj-future", "services", service.id, ["date_maj"], checkMessages.future(service.date_maj)));
      continue;
    }
    const months = monthsBetween(service.date_maj, today);
    if (months < (service.frequence_maj_mois ?? defaultFrequencyMonths)) continue;
    problems.push(
      problemAt(context, "avertissement", "date-maj-ancienne", "services", service.id, ["date_maj"], checkMessages.stale(service.id, service.date_maj, months, service.frequence_maj_mois)),
    );
  }
  return problems;
}

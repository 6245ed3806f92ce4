// The unmet-needs report as an answer: one paragraph per need, one line per place. The same answer
// is printed by `orienteur besoins-non-couverts` and can be posted weekly to the editors' rooms.
import { text, type Answer, type Block } from "../../knowledge/answer/model.ts";
import type { UnmetNeedGroup } from "./repository.ts";
import { feedbackTexts } from "./texts.ts";

export interface UnmetNeedsAnswerOptions {
  /** Start of the period (ms since epoch). */
  since: number;
  /** The label of a need id (« Portage de repas à domicile »), when the base is at hand. */
  labelOf?: (id: string) => string | undefined;
}

/**
 * The report of {@link FeedbackRepository.unmetNeedsReport} grouped by need, most frequent first.
 * @example renderText(unmetNeedsAnswer(feedback.unmetNeedsReport(since), { since, labelOf: (id) => besoins.get(id)?.libelle }))
 */
export function unmetNeedsAnswer(groups: readonly UnmetNeedGroup[], options: UnmetNeedsAnswerOptions): Answer {
  const t = feedbackTexts.unmet;
  if (groups.length === 0) return { blocks: [{ type: "paragraph", text: text(t.none(options.since)) }] };
  const byNeed = new Map<string, UnmetNeedGroup[]>();
  for (const group of groups) {
    const key = group.besoin ?? `?${group.termes[0] ?? ""}`;
    byNeed.set(key, [...(byNeed.get(key) ?? []), group]);
  }
  const needs = [...byNeed.values()]
    .map((places) => ({ places, count: places.reduce((sum, g) => sum + g.count, 0) }))
    .sort((a, b) => b.count - a.count);
  const blocks: Block[] = [
    { type: "title", text: text(t.title(options.since)) },
    { type: "paragraph", text: text(t.explain) },
  ];
  for (const { places, count } of needs) {
    const first = places[0]!;
    const heading = first.besoin
      ? t.need(options.labelOf?.(first.besoin) ?? first.besoin, first.besoin, count)
      : first.termes[0]
        ? t.unknownWords(first.termes[0], count)
        : `${t.unknownNeed} : ${count}`;
    blocks.push({ type: "paragraph", text: text(heading, { bold: true }) });
    blocks.push({
      type: "list",
      items: places.map((g) =>
        text(
          t.place(
            g.lieu?.nom ?? t.noPlace,
            g.count,
            g.last,
            g.situations.map((s) => feedbackTexts.situations[s] ?? s),
            g.besoin ? g.termes : [],
          ),
        ),
      ),
    });
  }
  return { blocks };
}

// « Sigles are expanded at their first use »: across the whole issue, in reading order. An edition
// reorders items, so expansion is undone and redone after ordering.
import type { Answer } from "../../knowledge/answer/model.ts";
import { expandSiglesInAnswer } from "../../knowledge/answer/expand-sigles.ts";
import type { Glossary } from "../../knowledge/sigles/glossary.ts";
import { richTextsOf, type IssueModel, type RichText } from "./model.ts";

/** Expands each sigle at its first use in the issue, in place. */
export function expandSiglesInIssue(model: IssueModel, glossary: Glossary): IssueModel {
  // Code the editor quoted (`SSIAD`) is shown as typed: only the runs between code runs are expanded.
  const pieces = [...richTextsOf(model)].map((text) => ({ text, segments: splitAtCode(text) }));
  const segments = pieces.flatMap((piece) => piece.segments.filter((segment) => !isCode(segment)));
  const answer: Answer = { blocks: segments.map((text) => ({ type: "paragraph", text })) };
  expandSiglesInAnswer(answer, glossary);
  for (const { text, segments } of pieces) text.splice(0, text.length, ...segments.flat());
  return model;
}

/** Removes every expansion, in place, merging the runs it split. */
export function collapseSiglesInIssue(model: IssueModel): IssueModel {
  for (const text of richTextsOf(model)) {
    const merged: RichText = [];
    for (const { abbr: _abbr, ...span } of text) {
      const last = merged.at(-1);
      if (last && last.bold === span.bold && last.italic === span.italic && last.code === span.code && last.href === span.href && last.abbr === undefined) last.text += span.text;
      else merged.push(span);
    }
    text.splice(0, text.length, ...merged);
  }
  return model;
}

/** Runs of ordinary text, each code run alone between them. */
function splitAtCode(text: RichText): RichText[] {
  const segments: RichText[] = [];
  let current: RichText = [];
  for (const span of text) {
    if (span.code) {
      if (current.length > 0) segments.push(current);
      segments.push([span]);
      current = [];
    } else current.push(span);
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

const isCode = (segment: RichText) => segment.length === 1 && segment[0]!.code === true;

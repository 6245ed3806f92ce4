// « Every sigle in an answer is expanded at its first use »: a pass over the finished answer,
// so no answer builder has to remember it.
import type { Glossary } from "../../knowledge/sigles/glossary.ts";
import { textsOf, type Answer, type Span, type Text } from "./answer.ts";

// A sigle stands alone: not inside a hyphenated compound (« SI-SIAO » is not « SI » then « SIAO »).
const WORD = /(?<![\p{L}\p{N}-])[A-Z][A-Z0-9&]{1,9}s?(?![\p{L}\p{N}]|-[\p{L}\p{N}])/gu;

/**
 * Writes out each sigle the first time it appears (« SSIAD (Service de soins infirmiers à domicile) »).
 * A sigle already in parentheses after its meaning (« Aide à domicile (SAAD) ») counts as explained.
 */
export function expandSiglesInAnswer(answer: Answer, glossary: Glossary, alreadyExplained: Iterable<string> = []): Answer {
  const seen = new Set(alreadyExplained);
  const context = [...textsOf(answer)].flatMap((t) => t.map((s) => s.text)).join(" ");
  for (const text of textsOf(answer)) {
    const expanded = expandText(text, glossary, seen, context);
    text.splice(0, text.length, ...expanded);
  }
  return answer;
}

function expandText(text: Text, glossary: Glossary, seen: Set<string>, context: string): Text {
  const result: Text = [];
  for (const span of text) {
    if (span.abbr || span.href) {
      result.push(span);
      continue;
    }
    let cursor = 0;
    for (const match of span.text.matchAll(WORD)) {
      const word = match[0];
      const start = match.index;
      // Cheap check first: most capitalised words are sigles already explained or not sigles at all.
      const known = glossary.lookup(word);
      if (!known || seen.has(known.sigle)) continue;
      const info = known.developpements.length > 1 ? glossary.lookup(word, context)! : known;
      seen.add(info.sigle);
      const inParentheses = span.text[start - 1] === "(" && span.text[start + word.length] === ")";
      if (inParentheses) continue;
      const meaning = info.developpements[0];
      if (!meaning) continue;
      if (start > cursor) result.push({ ...span, text: span.text.slice(cursor, start) });
      result.push({ ...span, text: word, abbr: meaning.forme_longue } satisfies Span);
      cursor = start + word.length;
    }
    if (cursor < span.text.length) result.push(cursor === 0 ? span : { ...span, text: span.text.slice(cursor) });
  }
  return result;
}

// « c'est quoi un SIAO ? », « quelle différence entre le SSIAD et le SAAD ? »: the question asks
// what a sigle means. Its answer is the meaning, which needs no commune; services may follow.
import type { Token } from "./read-message.ts";

/** How people ask what something means, as folded words; a sigle follows (after an article, maybe). */
const ASKS: readonly (readonly string[])[] = [
  ["c", "est", "quoi"], ["cest", "quoi"], ["c", "est", "koi"], ["c", "quoi"], ["ces", "quoi"],
  ["qu", "est", "ce", "que"], ["qu", "est", "ce", "qu"], ["que", "veut", "dire"], ["que", "signifie"], ["ca", "veut", "dire", "quoi"],
  ["difference", "entre"], ["signification", "de"], ["signification", "du"], ["definition", "de"], ["definition", "du"], ["kesako"], ["kezako"],
];
const ARTICLES = new Set(["un", "une", "le", "la", "les", "l", "des", "d", "du", "de", "ce", "cette"]);
/** Words that may stand between the question and the sigle: « qu'est-ce que c'est, le DAC ? ». */
const BETWEEN = new Set(["c", "est", "exactement", "au", "juste", "donc"]);

/** Whether the message asks what a sigle it names means: the sigle comes right after the asking words. */
export function asksMeaning(tokens: readonly Token[]): boolean {
  const words = tokens.map((t) => t.folded);
  for (let start = 0; start < words.length; start++) {
    const asking = ASKS.find((ask) => ask.every((word, i) => words[start + i] === word));
    if (!asking) continue;
    let index = start + asking.length;
    while (index < words.length && (BETWEEN.has(words[index]!) || ARTICLES.has(words[index]!))) index++;
    if (tokens[index]?.sigleLike) return true;
  }
  return false;
}

// Text folding shared by indexing and querying: whatever an editor wrote and whatever a
// professional typed in a hurry must land on the same tokens.
import { ABBREVIATIONS } from "./abbreviations.ts";

/** Text with no character outside ASCII. */
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Lowercases, removes accents and ligatures, and turns punctuation into spaces. `"Saint-Pierre-le-Moûtier"` → `"saint pierre le moutier"`. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Most words and names are plain ASCII: the same result without decomposing accents, in
  // about two thirds of the time (France's 35 000 commune names are folded at every start).
  if (ASCII_ONLY.test(lower)) return lower.replace(/[^a-z0-9]+/g, " ").trim();
  return lower
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[’'`´‘]/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Splits folded text into words. */
export function tokenize(text: string): string[] {
  const folded = foldText(text);
  return folded === "" ? [] : folded.split(" ");
}


/** Like {@link tokenize}, then expands chat abbreviations (`st` → `saint`, `qqn` → `quelqu un`). */
export function tokenizeQuestion(text: string): string[] {
  const tokens: string[] = [];
  for (const token of tokenize(text)) {
    const expanded = ABBREVIATIONS.get(token);
    if (expanded === undefined) tokens.push(token);
    else if (expanded !== "") tokens.push(...expanded.split(" "));
  }
  return tokens;
}

// Text folding shared by indexing and querying: whatever an editor wrote and whatever a
// professional typed in a hurry must land on the same tokens.
import { ABBREVIATIONS } from "./abbreviations.ts";

/** Lowercases, removes accents and ligatures, and turns punctuation into spaces. `"Saint-Pierre-le-Moûtier"` → `"saint pierre le moutier"`. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
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

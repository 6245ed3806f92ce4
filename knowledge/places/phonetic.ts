// A rough French sound key for place names, so that a name typed by ear meets the official one:
// « Fourchambeau » and « Fourchambault », « Imfy » and « Imphy », « Decise » and « Decize ».

/** Rewrites, in order, applied to a folded name. */
const RULES: readonly [RegExp, string][] = [
  [/ph/g, "f"],
  [/(?:eaux?|aux?|ault|aud|aut|ots?|od)(?= |$)/g, "o"],
  [/eau|au/g, "o"],
  [/qu|c(?=[aou])|ck|q/g, "k"],
  [/c(?=[eiy])/g, "s"],
  [/z/g, "s"],
  [/y/g, "i"],
  [/h/g, ""],
  [/(?:e?s|x|t|d)(?= |$)/g, ""],
  [/e(?= |$)/g, ""],
  [/(.)\1+/g, "$1"],
];

/** The sound key of a folded name. `phoneticKey("fourchambault") === phoneticKey("fourchambeau")`. */
export function phoneticKey(folded: string): string {
  let key = folded;
  for (const [pattern, replacement] of RULES) key = key.replace(pattern, replacement);
  return key;
}

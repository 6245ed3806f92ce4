// The spellings people use for places: official names, short forms (« Cosne » for
// Cosne-Cours-sur-Loire), « st » for « saint », elisions typed without apostrophe (« dazy »).
import { foldText } from "../text/normalize.ts";

/** Words that end the "main part" of a place name: « Saint-Pierre » in « Saint-Pierre-le-Moûtier ». */
const CONNECTORS = new Set(["sur", "sous", "les", "le", "la", "en", "de", "du", "des", "d", "aux", "pres", "l", "et", "lez"]);
const ARTICLES = new Set(["la", "le", "les", "l"]);

/** The folded official name, without a trailing parenthesis (« Château-Chinon (Ville) » → « chateau chinon »). */
export function foldPlaceName(name: string): string {
  return foldText(name.replace(/\s*\(.*\)\s*$/, ""));
}

/** Full spellings of a name that must match exactly: folded, with and without the parenthesis, elisions joined. */
export function exactSpellings(name: string): string[] {
  const spellings = new Set([foldText(name), foldPlaceName(name)]);
  for (const spelling of [...spellings]) {
    spellings.add(joinElisions(spelling));
    const words = spelling.split(" ");
    if (ARTICLES.has(words[0]!) && words.length > 1) spellings.add(words.slice(1).join(" "));
  }
  return [...spellings].filter((s) => s !== "");
}

/**
 * Short forms people use: the words before the first connector, when they are distinctive
 * enough (two words for « Saint-X », or one word of five letters or more).
 */
export function shortSpellings(name: string): string[] {
  const words = foldPlaceName(name).split(" ");
  const start = ARTICLES.has(words[0]!) ? 1 : 0;
  let end = start + 1;
  if (words[start] === "saint" || words[start] === "sainte") end++;
  while (end < words.length && !CONNECTORS.has(words[end]!)) end++;
  if (end >= words.length && end - start === 1) return [];
  const short = words.slice(start, end);
  // A cut name of three letters or fewer (« Bû ») is too often something else.
  const spellings = short.length === 1 && short[0]!.length < 4 ? [] : [short.join(" ")];
  if (start === 1 && spellings.length > 0) spellings.push(words.slice(0, end).join(" "));
  // « Cosne » for Cosne-Cours-sur-Loire: a first word of five letters or more is how locals say it.
  const first = words[start]!;
  if (short.length > 1 && first.length >= 5 && first !== "saint" && first !== "sainte") spellings.push(first);
  return spellings;
}

function joinElisions(spelling: string): string {
  return spelling.replace(/\b([dl]) (?=[a-z])/g, "$1");
}

/** Spellings of an EPCI name: « CC Haut Nivernais - Val d'Yonne » → « haut nivernais val d yonne », « cc haut nivernais », « haut nivernais »… */
export function epciSpellings(name: string): string[] {
  const folded = foldText(name);
  const match = /^(cc|ca|cu|communaute de communes|communaute d agglomeration|communaute urbaine|metropole)\s+(?:(?:de la|de l|des|du|de|d)\s+)?(.*)$/.exec(folded);
  if (!match) return [folded];
  const [, prefix, core] = match as unknown as [string, string, string];
  const spellings = new Set<string>([folded, `${prefix} ${core}`, joinElisions(core)]);
  const beforeDash = foldText(name.split(/\s+-\s+/)[0] ?? "").replace(/^(cc|ca|cu)\s+(?:(?:de la|de l|des|du|de|d)\s+)?/, "");
  spellings.add(beforeDash);
  const kind = prefix === "ca" || prefix === "communaute d agglomeration" ? "agglo" : "cc";
  for (const variant of [core, beforeDash]) {
    if (kind === "agglo") {
      for (const word of ["agglo", "agglomeration", "communaute d agglomeration"]) {
        spellings.add(`${word} de ${variant}`);
        spellings.add(`${word} ${variant}`);
      }
      spellings.add(`${variant} agglo`);
      spellings.add(`${variant} agglomeration`);
    } else {
      spellings.add(`cc ${variant}`);
      spellings.add(`communaute de communes ${variant}`);
      spellings.add(`communaute de communes du ${variant}`);
      spellings.add(`communaute de communes de ${variant}`);
    }
  }
  return [...spellings].filter((s) => s !== "");
}

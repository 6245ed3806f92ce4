// The spellings people use for places: official names, short forms (« Cosne » for
// Cosne-Cours-sur-Loire), « st » for « saint », elisions typed without apostrophe (« dazy »).
import { foldText } from "../text/normalize.ts";

/** Words that end the "main part" of a place name: « Saint-Pierre » in « Saint-Pierre-le-Moûtier ». */
const CONNECTORS = new Set(["sur", "sous", "les", "le", "la", "en", "de", "du", "des", "d", "aux", "pres", "l", "et", "lez"]);
const ARTICLES = new Set(["la", "le", "les", "l"]);

let lastName = "";
let lastFolded = "";

/** The folded official name, without a trailing parenthesis (« Château-Chinon (Ville) » → « chateau chinon »). */
function foldPlaceName(name: string): string {
  // Indexing asks for several spellings of one name in a row: it is folded once.
  if (name !== lastName) {
    lastFolded = foldText(name.replace(/\s*\(.*\)\s*$/, ""));
    lastName = name;
  }
  return lastFolded;
}

/** Full spellings of a name that must match exactly: folded, with and without the parenthesis, elisions joined. */
export function exactSpellings(name: string): string[] {
  // Without a parenthesis, the name folds as its main part does.
  const spellings = new Set([name.includes("(") ? foldText(name) : foldPlaceName(name), foldPlaceName(name)]);
  for (const spelling of [...spellings]) {
    spellings.add(joinElisions(spelling));
    const words = spelling.split(" ");
    if (ARTICLES.has(words[0]!) && words.length > 1) spellings.add(words.slice(1).join(" "));
  }
  return [...spellings].filter((s) => s !== "");
}

/**
 * Spellings of a name as typed in a hurry, matched for the base's communes only: « lez » for « lès »
 * (« Coulanges-lez-Nevers »), and « sur » left out as in « Pouilly/Loire », « La Charité/Loire ».
 */
export function hurriedSpellings(name: string): string[] {
  const spellings = new Set<string>();
  for (const spelling of exactSpellings(name)) {
    if (/ les /.test(spelling)) spellings.add(spelling.replace(/ les /g, " lez "));
    if (/ sur /.test(spelling)) spellings.add(spelling.replace(/ sur /g, " "));
  }
  return [...spellings];
}

/**
 * The last word of a name's main part, when it has two or more (« Vauzelles » of Varennes-Vauzelles,
 * « Engilbert » of Moulins-Engilbert, « Settons » of Montsauche-les-Settons): the other village of a
 * merged name. None for a saint's name (« Pierre » of Saint-Pierre-le-Moûtier).
 */
export function tailSpelling(name: string): string | undefined {
  const words = foldPlaceName(name).split(" ");
  const start = ARTICLES.has(words[0]!) ? 1 : 0;
  if (words[start] === "saint" || words[start] === "sainte") return undefined;
  let end = start + 1;
  while (end < words.length && !CONNECTORS.has(words[end]!)) end++;
  // « Montsauche-les-Settons »: an article inside the name leads to the other village's name.
  if (end - start === 1 && end + 2 === words.length && ARTICLES.has(words[end]!)) return words[end + 1];
  return end - start >= 2 ? words[end - 1] : undefined;
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
  // « Saint-Germain » for Saint-Germain-Chassenay as for Saint-Germain-des-Bois: both fit, so both are asked back.
  if ((first === "saint" || first === "sainte") && short.length > 2) spellings.push(short.slice(0, 2).join(" "));
  return spellings;
}

function joinElisions(spelling: string): string {
  return spelling.replace(/\b([dl]) (?=[a-z])/g, "$1");
}

const AGGLO_WORDS = ["agglo", "agglomeration", "communaute d agglomeration", "communaute d agglo", "ca"];
const CC_WORDS = ["cc", "cdc", "com com", "comcom", "communaute de communes"];
/** Articles people put between « agglo », « cc »… and the name (folded, with their space). */
const EPCI_ARTICLES = ["", "de ", "du ", "des ", "de la ", "d "];

/** Spellings of an EPCI name: « CC Haut Nivernais - Val d'Yonne » → « haut nivernais val d yonne », « cc haut nivernais », « haut nivernais »… */
export function epciSpellings(name: string): string[] {
  const parts = epciParts(name);
  if (!parts) return [foldText(name)];
  const { folded, prefix, core, beforeDash } = parts;
  return [...new Set([folded, `${prefix} ${core}`, core, joinElisions(core), beforeDash])].filter((s) => s !== "");
}

/**
 * How people say an EPCI's kind before its name: « agglo du Choletais », « com com du Haut Nivernais »,
 * « cdc Loire et Allier ». Many spellings, matched exactly only (typos are looked for in {@link epciSpellings}).
 */
export function epciSayings(name: string): string[] {
  const parts = epciParts(name);
  if (!parts) return [];
  const { prefix, core, beforeDash } = parts;
  // A communauté urbaine or a métropole is « l'agglo » too (« agglo d'Angers » for Angers Loire Métropole).
  const kind = prefix === "cc" || prefix === "communaute de communes" ? "cc" : "agglo";
  const words = kind === "agglo" ? [...AGGLO_WORDS, prefix] : CC_WORDS;
  // « CA Cholet Agglomération », « CA Saumur Val de Loire »: the town it is named after, and its country
  // (« l'agglo du Choletais », « le Saumurois »).
  const town = kind === "agglo" && core.includes(" ") ? core.split(" ")[0]! : undefined;
  const variants = town ? [core, beforeDash, town, `${town}ais`, `${town}ois`] : [core, beforeDash];
  const spellings = new Set<string>();
  for (const variant of variants) {
    if (variant === "") continue;
    for (const word of words) {
      for (const article of EPCI_ARTICLES) spellings.add(`${word} ${article}${variant}`);
    }
    if (kind === "agglo") {
      spellings.add(`${variant} agglo`);
      spellings.add(`${variant} agglomeration`);
    }
  }
  if (town) for (const country of [`${town}ais`, `${town}ois`]) spellings.add(country);
  return [...spellings];
}

/** An EPCI's name cut into its kind (« cc », « ca »…) and its own name, with and without what follows a dash. */
function epciParts(name: string): { folded: string; prefix: string; core: string; beforeDash: string } | undefined {
  const folded = foldText(name);
  const match = /^(cc|ca|cu|communaute de communes|communaute d agglomeration|communaute urbaine|metropole)\s+(?:(?:de la|de l|des|du|de|d)\s+)?(.*)$/.exec(folded);
  if (!match) return undefined;
  const [, prefix, core] = match as unknown as [string, string, string];
  const beforeDash = foldText(name.split(/\s+-\s+/)[0] ?? "").replace(/^(cc|ca|cu)\s+(?:(?:de la|de l|des|du|de|d)\s+)?/, "");
  return { folded, prefix, core, beforeDash };
}

/** Small words an acronym skips: « Territoire d'action sociale » → « tas ». */
const ACRONYM_SKIPS = new Set(["d", "de", "l", "la", "le", "et"]);

/**
 * The acronym forms of a territory's name, and the name without its kind: « Territoire d'action sociale
 * du Haut Nivernais » → « tas haut nivernais », « tas du haut nivernais », « haut nivernais ». None when
 * the name has no « du », « de »… after its kind.
 */
export function acronymSpellings(name: string): string[] {
  const words = foldText(name).split(" ");
  for (let cut = 2; cut < words.length - 1; cut++) {
    const article = words[cut] === "de" && words[cut + 1] === "la" ? "de la" : words[cut];
    if (!article || !["du", "de", "des", "d", "de la"].includes(article)) continue;
    const initials = words.slice(0, cut).filter((w) => !ACRONYM_SKIPS.has(w)).map((w) => w[0]).join("");
    const rest = words.slice(cut + article.split(" ").length).join(" ");
    if (initials.length < 2 || rest === "") return [];
    // « le Pays d'Auge », « dans le Bocage »: the territory's own name without its kind, too.
    return [`${initials} ${rest}`, `${initials} ${article} ${rest}`, joinElisions(`${initials} ${article} ${rest}`), rest, joinElisions(rest)];
  }
  return [];
}

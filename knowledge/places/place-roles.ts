// What a place named in a question is to the person: where they live, or where they must go or work;
// and names that only look like a place (a street named after a town).
// When several communes are named, the answer is for where the person lives (« elle habite Luzy et
// doit aller à Nevers pour sa dialyse »: the transport that serves Luzy).
import { GRAMMAR_WORDS } from "../text/stem.ts";

/** Words that send the person somewhere, a few words before « à X »: X is a destination. */
const GOING = new Set(["aller", "va", "vont", "vais", "allez", "aille", "rendre", "emmener", "amener", "conduire", "accompagner", "deplacer", "travail", "travaille", "travaillent", "travailler", "boulot", "rdv", "rendez"]);
/** Words right before a destination's name. */
const TOWARDS = new Set(["a", "au", "aux", "sur", "vers", "jusqu"]);
/** Words saying where someone lives, right before the name (or before « à » and the name). */
const LIVING = new Set(["habite", "habitent", "habitant", "habitante", "vit", "vivent", "reside", "resident", "residente", "domicilie", "domiciliee"]);
/** Who « vis », « habite » speak of when it is the writer, not the person helped: « je vis à Nevers ». */
const WRITER = new Set(["je", "j", "nous"]);
/** How far before a name a word that sends somewhere is looked for: « doit aller à l'hôpital à Nevers ». */
const GOING_REACH = 5;

/** Whether the name starting at `start` is where the person must go or works (« aller à Nevers », « travaille à Nevers »). */
function isDestination(words: readonly string[], start: number): boolean {
  if (start === 0 || !TOWARDS.has(words[start - 1]!)) return false;
  for (let i = start - 2; i >= Math.max(0, start - GOING_REACH); i--) {
    if (GOING.has(words[i]!)) return true;
    // Another place word closes the phrase: « il vit à Imphy » is not « aller … à Imphy ».
    if (LIVING.has(words[i]!)) return false;
  }
  return false;
}

/** Whether the name starting at `start` is said as where the person lives (« elle habite Luzy », « habitant à Varzy »), not the writer. */
function isResidence(words: readonly string[], start: number): boolean {
  const verb = start > 0 && LIVING.has(words[start - 1]!) ? start - 1 : start > 1 && TOWARDS.has(words[start - 1]!) && LIVING.has(words[start - 2]!) ? start - 2 : -1;
  return verb >= 0 && !(verb > 0 && WRITER.has(words[verb - 1]!));
}

/** Verbs by which the writer says where they are: « je vis à Nevers », « je suis à Nevers », « j'habite Cosne ». */
const WRITER_AT = new Set(["vis", "suis", "habite", "reside", "travaille"]);

/** Whether the name starting at `start` is where the writer is, not the person they write about (« …pour ma mère, je vis à Nevers »). */
function isWritersPlace(words: readonly string[], start: number): boolean {
  const verb = start > 0 && WRITER_AT.has(words[start - 1]!) ? start - 1 : start > 1 && TOWARDS.has(words[start - 1]!) && WRITER_AT.has(words[start - 2]!) ? start - 2 : -1;
  return verb > 0 && WRITER.has(words[verb - 1]!);
}

/**
 * Among several places named (in the order typed), the one the person is at: one said as where they
 * live wins; destinations and work places give way to any other; otherwise the last named, as people
 * write « le SAAD de Cosne pour une dame de Donzy ».
 */
export function whereThePersonIs<T extends { start: number }>(named: readonly T[], words: readonly string[]): T | undefined {
  const living = named.filter((m) => isResidence(words, m.start));
  if (living.length === 1) return living[0];
  const staying = named.filter((m) => !isDestination(words, m.start) && !isWritersPlace(words, m.start));
  return (staying.length > 0 ? staying : named).at(-1);
}

/** Words of a street's name: « rue de Clamecy », « avenue de Decize » are streets, wherever they are. */
const STREETS = new Set(["rue", "avenue", "av", "bd", "boulevard", "chemin", "route", "allee", "impasse", "quai", "faubourg", "fbg", "square", "cours"]);

/** Whether the name starting at `start` is part of a street's name (« 3 rue de Nevers », « avenue de la Charité »), or the street word itself (« rue » is also Rue, Somme). */
export function isStreetName(words: readonly string[], start: number): boolean {
  if (STREETS.has(words[start]!) && ["de", "du", "des", "d"].includes(words[start + 1] ?? "")) return true;
  let i = start - 1;
  if (words[i] === "la" || words[i] === "l") i--;
  return i > 0 && ["de", "du", "des", "d"].includes(words[i]!) && STREETS.has(words[i - 1]!);
}

/** Words before a surname: « Mme Decize », « monsieur Nevers » name a person, not a place. */
const CIVILITIES = new Set(["mme", "mmes", "madame", "mesdames", "mlle", "mademoiselle", "mr", "monsieur", "messieurs", "dr", "docteur"]);

/** Determiners before a noun (« de » is not one here: « le fils de Mme Decize » still names a person). */
export const NOUN_DETERMINERS: ReadonlySet<string> = new Set(["la", "le", "les", "l", "un", "une", "des", "du", "sa", "son", "ses", "ma", "mon", "mes", "ta", "ton", "tes", "notre", "votre", "nos", "vos", "leur", "leurs", "cette", "ce", "cet", "ces"]);

/** Whether the word at `index` follows « Mme », « monsieur »… used as a title: « un monsieur, Cosne » and « du dr, cosne » are nouns. */
export function afterCivility(words: readonly string[], index: number): boolean {
  return index > 0 && CIVILITIES.has(words[index - 1]!) && !(index > 1 && NOUN_DETERMINERS.has(words[index - 2]!));
}

/** Number words: « Trois heures de ménage » is a time, not Trois-Vèvres; no one names a commune by its number alone. Folded. */
const NUMBER_WORDS = new Set(["un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "vingt", "trente", "cent", "mille"]);
/** Words that open a noun's complement: « la Maison des solidarités », « Château de la Roche ». */
const COMPLEMENTS = new Set(["de", "des", "du", "d"]);
const ARTICLES = new Set(["la", "le", "les", "l"]);

/**
 * Whether an everyday phrase cut from a commune's name, typed with its capital, stands as that name:
 * not followed by a complement (« la Maison des solidarités », « Château de la Roche »), nor, after an
 * article, by another word of French (« la Maison départementale », « La Chapelle ardente »); never a
 * number (« Trois heures de ménage »). `french` says whether a word is French.
 */
export function everydayNameStands(words: readonly string[], start: number, end: number, french: (index: number) => boolean): boolean {
  if (end - start === 1 && NUMBER_WORDS.has(words[start]!)) return false;
  const next = words[end];
  if (next === undefined) return true;
  if (COMPLEMENTS.has(next)) return false;
  const articled = ARTICLES.has(words[start]!) || (start > 0 && ARTICLES.has(words[start - 1]!));
  return !(articled && french(end) && !GRAMMAR_WORDS.has(next));
}
/** Everyday nouns of places missing from the shared list of common words (« à la rivière », « à la campagne »). Folded. */
const EVERYDAY_PLACES = new Set(["riviere", "source", "sources", "campagne", "ferme", "cite", "plage", "colline", "prairie", "ecluse", "tour", "tours", "moulin", "mer"]);

/**
 * Whether a name cut from a commune's (« la maison » of La Maison-Dieu, « les bois » of Les Bois
 * d'Anjou, « trois » of Trois-Vèvres) is an everyday phrase: written in lowercase, it is the phrase
 * (« à la maison de retraite », « dans les bois »), and only a capital makes it the commune.
 */
export function isEverydayPhrase(spelling: string, commonWords: ReadonlySet<string>): boolean {
  const bare = spelling.replace(/^(?:la|le|les|l) (?=\S+$)/, "");
  return !bare.includes(" ") && (commonWords.has(bare) || NUMBER_WORDS.has(bare) || EVERYDAY_PLACES.has(bare));
}

// Finds and removes what identifies a person in a message (social security number, phone number,
// e-mail, birth date, street address, name) before anything is kept: field reports and unmet needs
// are stored scrubbed, never as typed. Place names, service names and sigles are never touched:
// the need and the commune are exactly what the editors want to read.
import { STOP_WORDS } from "../text/stem.ts";
import { COMMON_WORDS } from "../text/common-words.ts";
import { getFrenchLexicon } from "../text/lexicon.ts";
import { foldText } from "../text/normalize.ts";
import { detectionView, originalSpan } from "./detection-view.ts";
import { isValidNir } from "./nir.ts";
import {
  AGE,
  AMBIGUOUS_STREET_TYPES,
  ANY_FULL_DATE,
  BIRTH_DATE,
  CALLED,
  CUED_STREET,
  EMAIL,
  MARRIED_NAME,
  NAME_PAIR_AT_END,
  NIR,
  NIR_CUE,
  NOT_A_PERSON_BEFORE,
  NUMBERED_STREET,
  PHONE,
  STREET_NAME_STOPS,
  TITLED_LOWERCASE,
  TITLED_NAME,
  UNNUMBERED_STREET,
  WRITTEN_EMAIL,
} from "./patterns.ts";

export type PersonalDataKind = "nir" | "telephone" | "courriel" | "date_naissance" | "adresse" | "nom";

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** Span [start, end) in the text. */
  start: number;
  end: number;
}

/** What replaces each kind of personal data in a scrubbed text. */
const PERSONAL_DATA_TOKENS: Readonly<Record<PersonalDataKind, string>> = {
  nir: "[n° de sécurité sociale]",
  telephone: "[téléphone]",
  courriel: "[courriel]",
  date_naissance: "[date de naissance]",
  adresse: "[adresse]",
  nom: "[nom]",
};

/** How each kind is named in a sentence (« J'ai retiré : téléphone, nom. »). */
export const PERSONAL_DATA_LABELS: Readonly<Record<PersonalDataKind, string>> = {
  nir: "numéro de sécurité sociale",
  telephone: "téléphone",
  courriel: "courriel",
  date_naissance: "date de naissance",
  adresse: "adresse",
  nom: "nom",
};

/** When two findings overlap, the more certain one wins. */
const PRIORITY: Readonly<Record<PersonalDataKind, number>> = { courriel: 0, nir: 1, telephone: 2, date_naissance: 3, adresse: 4, nom: 5 };

/** Words that follow « s'appelle » without being a name (« on s'appelle demain »). */
const NOT_NAMES = new Set(["demain", "bientot", "ensuite", "apres", "plus", "tard", "ce", "ca", "cela", "quand", "comment", "comme"]);

/** Lowercase words after a title that are no French word yet no name either: sigles typed in lowercase. */
const LOWERCASE_SIGLES = new Set(["sdf", "rsa", "aah", "apa", "pch", "ald", "cmu", "css", "ame", "ase", "mdph", "ehpad", "ssiad", "saad", "ccas"]);

/** Functions named after a title (« M. le Préfet », « Madame La Directrice »): not a person's name. Folded. */
const FUNCTION_TITLES = new Set(
  "maire prefet prefete president presidente directeur directrice juge procureur procureure ministre depute deputee senateur senatrice cure abbe commissaire adjoint adjointe conseiller conseillere delegue deleguee chef responsable secretaire tresorier tresoriere administrateur administratrice medecin infirmier infirmiere".split(" "),
);

/**
 * Every piece of personal data in a text, in reading order, without overlaps.
 * @example findPersonalDataMatches("Mme Dupont, 06 12 34 56 78") // → [{ kind: "nom", start: 4, end: 10 }, { kind: "telephone", … }]
 */
export function findPersonalDataMatches(typed: string): PersonalDataMatch[] {
  // Patterns read the text with its disguises evened out (odd spaces, fullwidth digits, invisible characters);
  // the spans found are mapped back, so that the disguise goes with what it hid.
  const view = detectionView(typed);
  const text = view.text;
  const found: PersonalDataMatch[] = [
    ...emails(text),
    ...nirs(text),
    ...phones(text),
    ...birthDatesAndNames(text),
    ...addresses(text),
    ...titledNames(text),
    ...marriedNames(text),
    ...calledNames(text),
  ].map((match) => ({ ...match, ...originalSpan(view, match.start, match.end) }));
  found.sort((a, b) => a.start - b.start || PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - a.end);
  const kept: PersonalDataMatch[] = [];
  for (const match of found) {
    const last = kept.at(-1);
    if (last && match.start < last.end) {
      // Overlap: keep the more certain kind, widened to cover both.
      if (PRIORITY[match.kind] < PRIORITY[last.kind]) last.kind = match.kind;
      last.end = Math.max(last.end, match.end);
      continue;
    }
    kept.push({ ...match });
  }
  return kept;
}

/**
 * The kinds of personal data a text contains, each once, in reading order.
 * @example findPersonalData("Mme Dupont née le 12/03/1950 à Clamecy") // → ["nom", "date_naissance"]
 */
export function findPersonalData(text: string): PersonalDataKind[] {
  return [...new Set(findPersonalDataMatches(text).map((m) => m.kind))];
}

/**
 * The text with each piece of personal data replaced by a neutral token; the rest is left exactly as typed.
 * @example scrubPersonalData("Mme Dupont née le 12/03/1950, portage de repas à Clamecy")
 * // → "Mme [nom] née le [date de naissance], portage de repas à Clamecy"
 */
export function scrubPersonalData(text: string): string {
  let result = "";
  let at = 0;
  for (const match of findPersonalDataMatches(text)) {
    result += text.slice(at, match.start) + PERSONAL_DATA_TOKENS[match.kind];
    at = match.end;
  }
  return result + text.slice(at);
}

function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    yield match;
    if (match[0] === "") pattern.lastIndex++;
  }
}

/** Addresses as written, and disguised ones (« jean (at) gmail point com », « marie @ exemple . fr »). */
function emails(text: string): PersonalDataMatch[] {
  return [...matchesOf(EMAIL, text), ...matchesOf(WRITTEN_EMAIL, text)].map((m) => ({ kind: "courriel", start: m.index, end: m.index + m[0].length }));
}

/** NIR with a right key anywhere; with a wrong or missing key only after « sécu », « NIR »… (a typo is still a NIR). */
function nirs(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const m of matchesOf(NIR, text)) {
    const compact = m[0].replace(/[\s./-]/g, "");
    const cued = NIR_CUE.test(text.slice(Math.max(0, m.index - 60), m.index));
    if ((compact.length === 15 && isValidNir(compact)) || cued) found.push({ kind: "nir", start: m.index, end: m.index + m[0].length });
  }
  return found;
}

function phones(text: string): PersonalDataMatch[] {
  return [...matchesOf(PHONE, text)].map((m) => ({ kind: "telephone", start: m.index, end: m.index + m[0].trimEnd().length }));
}

/** Birth dates after « né le », « date de naissance »…; a first name and surname right before a birth date; a bare date right after such a pair. */
function birthDatesAndNames(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  const nameBefore = (at: number) => {
    const before = text.slice(Math.max(0, at - 80), at);
    const pair = NAME_PAIR_AT_END.exec(before);
    if (!pair?.groups?.name) return false;
    const pairStart = at - before.length + pair.index;
    if (NOT_A_PERSON_BEFORE.test(text.slice(Math.max(0, pairStart - 30), pairStart))) return false;
    found.push({ kind: "nom", start: pairStart, end: pairStart + pair.groups.name.length });
    return true;
  };
  // « Jean Dupont, 85 ans »: a capitalised pair before an age is a person, unless its first word is an
  // everyday one (« Mission Locale, 19 ans »).
  for (const m of matchesOf(AGE, text)) {
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    const first = NAME_PAIR_AT_END.exec(before)?.groups?.name?.split(/\s+/)[0];
    if (first && !isEverydayWord(foldText(first))) nameBefore(m.index);
  }
  for (const m of matchesOf(BIRTH_DATE, text)) {
    const date = m.groups!.date!;
    const start = m.index + m[0].length - date.length;
    found.push({ kind: "date_naissance", start, end: start + date.length });
    nameBefore(m.index);
  }
  const announced = new Set(found.filter((f) => f.kind === "date_naissance").map((f) => f.start));
  for (const m of matchesOf(ANY_FULL_DATE, text)) {
    // A date still to come is a meeting, not a birth (« Forum Jean Moulin, 12/03/2099 »).
    const year = /(\d{4})$/.exec(m[0])?.[1];
    if (announced.has(m.index) || (year !== undefined && Number(year) > new Date().getFullYear())) continue;
    if (nameBefore(m.index)) found.push({ kind: "date_naissance", start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** Whether a folded word is a grammar or everyday word (never a name by itself). */
function isEverydayWord(folded: string): boolean {
  return STOP_WORDS.has(folded) || COMMON_WORDS.has(folded) || NOT_NAMES.has(folded) || FUNCTION_TITLES.has(folded);
}

/**
 * Whether a lowercase word after a title or « née » is a name: it is when some part of it is no French
 * word (« dupont », « lebrun », « dupont-martin »). A surname that is also a word (« martin », « petit »)
 * is left: « Madame souhaite », « monsieur âgé » must stay readable.
 */
function isLowercaseName(word: string): boolean {
  const parts = foldText(word).split(" ").filter((part) => part.length > 1);
  if (parts.length === 0) return false;
  const lexicon = getFrenchLexicon();
  return parts.some((part) => !isEverydayWord(part) && !LOWERCASE_SIGLES.has(part) && !lexicon.isWord(part));
}

/** « Mme Dupont », « M. Jean DUPONT », « mme dupont »; never a function (« M. le Préfet », « Madame La Directrice »). */
function titledNames(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const m of matchesOf(TITLED_NAME, text)) {
    const name = m.groups!.name!;
    const words = foldText(name).split(" ");
    const head = ["le", "la"].includes(words[0]!) ? words[1] : words[0];
    if (head !== undefined && FUNCTION_TITLES.has(head)) continue;
    const start = m.index + m[0].length - name.length;
    found.push({ kind: "nom", start, end: start + name.length });
  }
  for (const m of matchesOf(TITLED_LOWERCASE, text)) {
    const name = m.groups!.name!;
    if (!isLowercaseName(name)) continue;
    const start = m.index + m[0].length - name.length;
    found.push({ kind: "nom", start, end: start + name.length });
  }
  return found;
}

/** « née Martin », « épouse Durand », « née dupont »: a capitalised word, or a lowercase one that is no French word. */
function marriedNames(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const m of matchesOf(MARRIED_NAME, text)) {
    const words = m.groups!.name!.split(/\s+/);
    const first = words[0]!;
    const capitalised = /^\p{Lu}/u.test(first);
    if (capitalised ? isEverydayWord(foldText(first)) : !isLowercaseName(first)) continue;
    const name = capitalised && words.length > 1 ? words.join(" ") : first;
    const start = m.index + m[0].length - m.groups!.name!.length;
    found.push({ kind: "nom", start, end: start + name.length });
  }
  return found;
}

/** « s'appelle Jean Dupont »: the first word is the name unless it is a grammar word; a second one joins when it is no everyday word. */
function calledNames(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  for (const m of matchesOf(CALLED, text)) {
    const words = m.groups!.name!.split(/\s+/);
    const isOrdinary = (word: string) => {
      const folded = foldText(word);
      return folded === "" || STOP_WORDS.has(folded) || COMMON_WORDS.has(folded) || NOT_NAMES.has(folded) || /^\d/.test(folded);
    };
    if (isOrdinary(words[0]!)) continue;
    // « nommé au poste », « nommée référente »: only a capitalised word counts after « nommé ».
    if (/^(?:pr[ée])?nomm/iu.test(m[0]) && !/^\p{Lu}/u.test(words[0]!)) continue;
    const name = words.length > 1 && !isOrdinary(words[1]!) ? words.join(" ") : words[0]!;
    const start = m.index + m[0].length - m.groups!.name!.length;
    found.push({ kind: "nom", start, end: start + name.length });
  }
  return found;
}

/** « 12 rue des Lilas », « habite rue … », « lieu-dit Les Granges »: the street part only, never the commune after it. */
function addresses(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  // Without a number or a cue (« rue des Lilas »), only a street type that is no everyday word, before a capitalised name.
  for (const [pattern, cued, bare] of [[NUMBERED_STREET, false, false], [CUED_STREET, true, false], [UNNUMBERED_STREET, false, true]] as const) {
    for (const m of matchesOf(pattern, text)) {
      const type = m.groups!.type!;
      const typeEnd = m.index + m[0].length;
      const typeStart = typeEnd - type.length;
      const nameEnd = streetNameEnd(text, typeEnd, bare || (AMBIGUOUS_STREET_TYPES.has(type.toLowerCase()) && !cued));
      if (nameEnd === undefined) continue;
      // The number belongs to the address; a cue word (« habite ») does not.
      const start = cued ? (/\d/.test(m[0]) ? m.index + m[0].search(/\d/) : typeStart) : m.index;
      found.push({ kind: "adresse", start, end: nameEnd });
    }
  }
  return found;
}

const PARTICLES = new Set(["de", "du", "des", "d", "la", "l"]);

/**
 * Where a street name that starts after `from` ends, or undefined when no name follows (« 3 places »,
 * « vit à la rue »). With `needsCapital`, the first real word must be capitalised (« 1 place en EHPAD »
 * is no address, « 1 place de la République » is).
 */
function streetNameEnd(text: string, from: number, needsCapital: boolean): number | undefined {
  const word = /^\s+([\p{L}\p{N}'’-]+)(\.(?=\s+\p{L}))?/u;
  let at = from;
  let end: number | undefined;
  let count = 0;
  let sawRealWord = false;
  while (count < 6) {
    const m = word.exec(text.slice(at));
    if (!m) break;
    const value = m[1]!;
    if (STREET_NAME_STOPS.has(value) || /^\d+$/.test(value)) break;
    const bare = value.replace(/^[dl]['’]/i, "");
    const isParticle = PARTICLES.has(foldText(value)) || bare === "";
    if (!isParticle) {
      if (!sawRealWord && needsCapital && !/^\p{Lu}/u.test(bare)) return undefined;
      sawRealWord = true;
    }
    // A dot ends the sentence after a long word; after « St », « Gal » it is an abbreviation.
    const sentenceEnd = m[2] !== undefined && value.length > 3;
    at += m[0].length - (sentenceEnd ? 1 : 0);
    if (!isParticle) end = at;
    count++;
    if (sentenceEnd) break;
  }
  return sawRealWord ? end : undefined;
}

// The sector's acronyms: look one up, or find every one in a pasted text, with all its
// meanings — the likeliest first, judged by the words around it when there are any.
import type { Developpement, Service, Sigle } from "../schema/index.ts";
import { editDistance } from "../text/distance.ts";
import { foldText } from "../text/normalize.ts";
import { isShouting } from "../text/shouting.ts";
import { contentStems } from "../text/stem.ts";

export interface SigleInfo {
  sigle: string;
  /** Meanings, likeliest first. */
  developpements: readonly Developpement[];
  /** Services of the base that carry this sigle or are listed under one of its meanings. */
  services: readonly string[];
}

export interface SiglesInText {
  /** Known sigles in order of first appearance. */
  trouves: SigleInfo[];
  /** Words that look like sigles (capitals, 2 to 8 letters) but are not in the glossary. */
  inconnus: string[];
}

export interface Glossary {
  /**
   * Looks up a sigle as typed (`dac`, `S.A.A.D.`, `EHPADs`); `context`, the words around it, puts its
   * likeliest meaning first. Give the stems of the words around (see sigleContext) when several sigles share the same words.
   */
  lookup(typed: string, context?: string | SigleContext): SigleInfo | undefined;
  /** Known sigles close to an unknown one (`SSAID` → `SSIAD`). */
  suggest(typed: string): string[];
  /** Every sigle in a text, plus the sigle-like words it does not know; `context` adds words that choose among meanings (the needs read). */
  findInText(text: string, context?: string): SiglesInText;
  size: number;
}

/** The words around sigles, stemmed once for all the sigles they surround. */
export interface SigleContext {
  readonly stems: ReadonlySet<string>;
}

/** Stems `text` once, to rank the meanings of several sigles against it. */
function sigleContext(text: string): SigleContext {
  return { stems: new Set(contentStems(text)) };
}

/** Capitalised words that look like sigles but are ordinary words or roman numerals. */
const NOT_SIGLES = new Set(["LE", "LA", "LES", "UN", "UNE", "DE", "DU", "DES", "ET", "OU", "EN", "AU", "AUX", "A", "JE", "IL", "ON", "NE", "PAS", "SI", "OK", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "URGENT", "SVP", "NB", "PS", "TEL", "MME", "MR", "RDV", "CV", "FAQ", "PDF", "SMS", "OUI", "NON"]);

/** Lowercase words that must not be read as sigles even though one exists (« âme », « pas », « le cas »). */
/** Determiners after which a short lowercase sigle that is also a word is read as a sigle (« l'as du secteur », « une as »). */
export const SIGLE_DETERMINERS: ReadonlySet<string> = new Set(["l", "la", "le", "les", "une", "un", "mon", "ma", "son", "sa", "notre", "votre", "leur", "du", "au", "des", "ton", "ta", "cette", "ce"]);

export const WORD_LIKE: ReadonlySet<string> = new Set(["ame", "pas", "cap", "mas", "ace", "art", "net", "pic", "bus", "ces", "sur", "mis", "non", "oui", "ami", "age", "aide", "ante", "ose", "pair", "ras", "cas", "dom", "lit", "pur", "ram", "son", "tas", "vie", "vue", "ecole", "mia", "anne", "ado"]);

export interface GlossaryOptions {
  /** Words the base writes in lowercase: a sigle typed in lowercase that is also one of these is read as the word. */
  lowercaseVocabulary: ReadonlySet<string>;
  /** Whether a folded word is French: « dame » typed in lowercase is a word, never « d'AME »; a heading in capitals is not a list of sigles. */
  isFrenchWord: (folded: string) => boolean;
}

const defaultGlossaryOptions: GlossaryOptions = { lowercaseVocabulary: new Set(), isFrenchWord: () => false };

/** Builds the glossary of a base. */
export function createGlossary(sigles: readonly Sigle[], services: readonly Service[], options: Partial<GlossaryOptions> = {}): Glossary {
  const { lowercaseVocabulary, isFrenchWord } = { ...defaultGlossaryOptions, ...options };
  const byKey = new Map<string, Sigle>();
  const servicesBySigle = new Map<string, string[]>();
  for (const service of services) {
    if (!service.sigle) continue;
    const key = keyOf(service.sigle);
    servicesBySigle.set(key, [...(servicesBySigle.get(key) ?? []), service.id]);
  }
  for (const sigle of sigles) {
    byKey.set(keyOf(sigle.sigle), sigle);
    for (const variant of sigle.variantes ?? []) if (!byKey.has(keyOf(variant))) byKey.set(keyOf(variant), sigle);
  }

  // Worked out once per sigle or meaning, not at every lookup: an answer looks up each of its sigles.
  const linkedServices = new Map<Sigle, readonly string[]>();
  const meaningStems = new Map<Developpement, readonly string[]>();
  function info(sigle: Sigle, context: string | SigleContext | undefined): SigleInfo {
    let linked = linkedServices.get(sigle);
    if (!linked) {
      const ids = new Set(servicesBySigle.get(keyOf(sigle.sigle)) ?? []);
      for (const d of sigle.developpements) for (const id of d.services ?? []) ids.add(id);
      linked = [...ids];
      linkedServices.set(sigle, linked);
    }
    return { sigle: sigle.sigle, developpements: rankMeanings(sigle.developpements, context), services: [...linked] };
  }

  /** Orders meanings by how many of their words the surrounding text shares; YAML order breaks ties. */
  function rankMeanings(developpements: readonly Developpement[], context: string | SigleContext | undefined): readonly Developpement[] {
    if (!context || developpements.length < 2) return developpements;
    const words = typeof context === "string" ? sigleContext(context).stems : context.stems;
    const scored = developpements.map((d, order) => {
      let stems = meaningStems.get(d);
      if (!stems) {
        stems = [...new Set(contentStems(`${d.forme_longue} ${d.definition} ${d.domaine ?? ""}`))];
        meaningStems.set(d, stems);
      }
      let overlap = 0;
      for (const stem of stems) if (words.has(stem)) overlap++;
      return { d, overlap, order };
    });
    return scored.sort((a, b) => b.overlap - a.overlap || a.order - b.order).map((s) => s.d);
  }

  function find(typed: string): Sigle | undefined {
    const key = keyOf(typed);
    return byKey.get(key) ?? (key.length > 2 && key.endsWith("s") ? byKey.get(key.slice(0, -1)) : undefined);
  }

  return {
    size: sigles.length,
    lookup(typed, context) {
      const sigle = find(typed);
      return sigle && info(sigle, context);
    },
    suggest(typed) {
      const key = keyOf(typed);
      const scored: [string, number][] = [];
      for (const sigle of sigles) {
        const distance = editDistance(key, keyOf(sigle.sigle), key.length <= 3 ? 1 : 2);
        if (distance <= (key.length <= 3 ? 1 : 2)) scored.push([sigle.sigle, distance]);
      }
      return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([s]) => s);
    },
    findInText(text, context) {
      const trouves = new Map<string, SigleInfo>();
      const inconnus = new Set<string>();
      const shouting = isShouting(text, (folded) => find(folded) !== undefined);
      // Stemmed once, and only when an ambiguous sigle is met.
      let around: SigleContext | undefined;
      const aroundText = context ? `${text} ${context}` : text;
      for (const match of text.matchAll(/(?<![\p{L}\p{N}])(?:[\p{L}\p{N}]\.){2,}|[\p{L}\p{N}][\p{L}\p{N}&-]*[\p{L}\p{N}]|\b\d{3}\b/gu)) {
        const word = match[0].replace(/['’]s$/i, "");
        const hyphenParts = word.includes("-") && !find(word) ? word.split("-") : [word];
        for (const part of hyphenParts) {
          const sigle = readAsSigle(part, shouting, text.slice(Math.max(0, (match.index ?? 0) - 8), match.index ?? 0));
          if (sigle) {
            if (!trouves.has(sigle.sigle)) trouves.set(sigle.sigle, info(sigle, sigle.developpements.length > 1 && aroundText ? (around ??= sigleContext(aroundText)) : undefined));
          } else if (looksLikeSigle(part) && !isFrenchWord(foldText(part)) && !(shouting && part.length > 5)) inconnus.add(part.replace(/\./g, ""));
        }
      }
      return { trouves: [...trouves.values()], inconnus: [...inconnus] };
    },
  };

  /** A word is a sigle when typed in capitals or with dots, or when French does not write it (« ccas », « Udaf »), or after « l' » / « une » for a short one (« l'as du secteur »). */
  function readAsSigle(word: string, shouting: boolean, before: string): Sigle | undefined {
    const sigle = find(word);
    if (!sigle) return undefined;
    const folded = foldText(word);
    const isUpper = word === word.toUpperCase() && /\p{L}/u.test(word);
    if (/^\d+$/.test(word) || word.includes(".")) return sigle;
    if (isUpper && !(shouting && isFrenchWord(folded))) return sigle;
    if (WORD_LIKE.has(folded) || lowercaseVocabulary.has(folded) || folded.length < 2) return undefined;
    if (isFrenchWord(folded)) return folded.length <= 3 && SIGLE_DETERMINERS.has(foldText(before).split(" ").at(-1) ?? "") ? sigle : undefined;
    if (folded.length < 3) return undefined;
    return sigle;
  }
}

function looksLikeSigle(word: string): boolean {
  const bare = word.replace(/\./g, "");
  return /^[A-Z][A-Z0-9&]{1,7}s?$/.test(bare) && /[A-Z].*[A-Z]/.test(bare) && !NOT_SIGLES.has(bare);
}

/** The lookup key of a sigle: folded, without dots, spaces or dashes. */
export function keyOf(sigle: string): string {
  // Most words are plain letters and digits, whose folding is lowercasing: no need for the six passes of foldText.
  if (PLAIN.test(sigle)) return sigle.toLowerCase();
  return foldText(sigle).replace(/ /g, "");
}

const PLAIN = /^[A-Za-z0-9]*$/;

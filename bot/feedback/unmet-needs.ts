// « Veille sociale des besoins »: which orientations count as an unmet need, and what is kept of
// them — the need ids, the known words that say the need, the place and the situation. Kept by
// allow-list: a word is stored only as a word the base or the built-in lexicon knows (known-words.ts),
// never as typed. Personal data and capitalised words mid-sentence are removed before, as a second guard.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Orientation } from "../../knowledge/search/orient.ts";
import { findPersonalDataMatches } from "../../knowledge/privacy/personal-data.ts";
import { foldText, tokenizeQuestion } from "../../knowledge/text/normalize.ts";
import { STOP_WORDS } from "../../knowledge/text/stem.ts";
import { knownWordsOf } from "./known-words.ts";
import type { FeedbackRepository, UnmetNeed } from "./repository.ts";

const MAX_TERMS = 12;
/** Words that announce personal data (« née le », « tél. », « s'appelle »): nothing about the need. Folded. */
const PERSONAL_CUES = new Set(
  "ne nee nes nees naissance ddn tel telephone portable mobile mail email courriel adresse habite domicilie domiciliee appelle nomme nommee prenomme prenommee nom prenom secu nir vitale numero".split(" "),
);

/**
 * The unmet need behind an orientation, or undefined when the base answered it. Unmet: the need was
 * not understood (and the question says something), no local service serves the place (only general
 * entry points were proposed), or no service of the base has the need at all.
 * @example unmetNeedOf(orienteur.orient("garde d'animaux pendant une hospitalisation à Nevers"), orienteur)
 * // → { besoins: [], termes: "garde hospitalisation", lieu: { type: "commune", code: "58194", nom: "Nevers" }, situation: "besoin-inconnu" }
 * // (words the base and the lexicon do not know, « animaux » here, are never kept)
 */
function unmetNeedOf(orientation: Orientation, orienteur: Orienteur): UnmetNeed | undefined {
  let situation: string;
  if (orientation.situation === "besoin-inconnu" || orientation.situation === "aucun-service-local") situation = orientation.situation;
  else if (orientation.situation === "ok" && orientation.besoins.length > 0 && orientation.resultats.length === 0) situation = "sans-resultat";
  else return undefined;
  const termes = needTerms(orientation.question, orienteur);
  const lieu = orientation.lieu;
  // A need said only in words Orienteur does not know is still a gap at a place (counted, words not
  // kept); with no known word and no place (« bonjour »), there is nothing to count.
  if (situation === "besoin-inconnu" && termes === "" && !lieu) return undefined;
  return {
    besoins: orientation.besoins.map((b) => b.id),
    termes,
    lieu: lieu ? { type: lieu.type, code: lieu.code, nom: lieu.nom } : null,
    situation,
  };
}

/** Records the orientation when it is an unmet need; returns what was recorded. */
export function recordUnmetNeed(repository: FeedbackRepository, orientation: Orientation, orienteur: Orienteur, now?: number): UnmetNeed | undefined {
  const need = unmetNeedOf(orientation, orienteur);
  if (need) repository.recordUnmetNeed(need, now);
  return need;
}

/**
 * The words of a question that say the need, each as the known word it meets (allow-list): personal
 * data, the place, filler words, numbers and capitalised words inside the sentence removed first;
 * folded (no accents, lowercase). A word Orienteur does not know is never kept.
 * @example needTerms("Mme dupont veut un portage de repas à Lormes", orienteur) // → "veut portage repas"
 */
function needTerms(question: string, orienteur: Orienteur): string {
  let blanked = question;
  for (const match of findPersonalDataMatches(question).reverse()) blanked = `${blanked.slice(0, match.start)} ${blanked.slice(match.end)}`;
  const tokens = tokenizeQuestion(blanked);
  const place = orienteur.places.detect(tokens);
  const rest = place ? [...tokens.slice(0, place.start), ...tokens.slice(place.end)] : tokens;
  const placeWords = new Set(place ? tokens.slice(place.start, place.end) : []);
  const capitalised = capitalisedWords(blanked, placeWords);
  const known = knownWordsOf(orienteur);
  const kept: string[] = [];
  for (const token of rest) {
    if (token.length < 2 || /\d/.test(token) || STOP_WORDS.has(token) || PERSONAL_CUES.has(token) || capitalised.has(token) || placeWords.has(token)) continue;
    const word = known.canonical(token);
    if (word === undefined || STOP_WORDS.has(word) || PERSONAL_CUES.has(word)) continue;
    if (!kept.includes(word)) kept.push(word);
    if (kept.length === MAX_TERMS) break;
  }
  return kept.join(" ");
}

/**
 * Folded words written with a capital inside a sentence (« pour Kevin à … »): likely a person. Sigles
 * (all capitals: « EHPAD ») and the first word of a sentence are kept.
 */
function capitalisedWords(text: string, placeWords: ReadonlySet<string>): Set<string> {
  const words = new Set<string>();
  const pattern = /(^|[.!?\n]\s*)?(\p{Lu}[\p{Ll}'’-]+)/gu;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[1] !== undefined) continue;
    const before = text[match.index - 1];
    if (before !== undefined && /[\p{L}\p{N}'’-]/u.test(before)) continue;
    for (const part of foldText(match[2]!).split(" ")) if (!placeWords.has(part)) words.add(part);
  }
  return words;
}

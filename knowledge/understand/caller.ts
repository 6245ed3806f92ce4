// Who is asking is not what is asked: « je suis au CCAS de Decize, on cherche un portage de repas »
// names the caller's own service first. The words of that service are set aside before needs are
// read, as the place words are.
import type { Token } from "./read-message.ts";

/** How people say where they work, as folded words: « je suis au », « ici la », « je travaille à la »… */
const INTRODUCTIONS: readonly (readonly string[])[] = [
  ["je", "suis", "au"], ["je", "suis", "a", "la"], ["je", "suis", "a", "l"], ["je", "suis", "aux"],
  ["je", "travaille", "au"], ["je", "travaille", "a", "la"], ["je", "travaille", "a", "l"], ["je", "travaille", "aux"],
  ["on", "est", "au"], ["on", "est", "a", "la"], ["on", "est", "a", "l"],
  ["nous", "sommes", "au"], ["nous", "sommes", "a", "la"], ["nous", "sommes", "a", "l"],
  ["ici", "le"], ["ici", "la"], ["ici", "l"],
  ["de", "la", "part", "du"], ["de", "la", "part", "de", "la"],
  ["je", "suis", "nouvelle", "a", "la"], ["je", "suis", "nouveau", "au"], ["je", "suis", "nouvelle", "au"], ["je", "suis", "nouveau", "a", "la"],
];
/** The service's name stops at its place (« de Decize ») or at the next clause. */
const STOPS = new Set(["de", "d", "du", "des", "sur", "a", "et", "on", "nous", "je", "j", "une", "un", "pour", "qui", "mais", "car", "avec"]);
const MAX_NAME_WORDS = 3;
/**
 * The caller's service starts with a sigle or one of these words; anything else after « on est à
 * la » is a situation (« on est à la rue »), not a workplace.
 */
const SERVICE_WORDS = new Set([
  "mairie", "ccas", "cias", "france", "maison", "centre", "hopital", "ehpad", "mds", "mission", "association", "asso", "point", "agence", "espace", "pole", "plateforme", "service", "departement", "conseil", "caf", "cpam", "msa", "udaf", "unite", "cabinet", "clinique", "permanence", "accueil", "secretariat", "direction", "antenne", "circonscription", "residence", "ssiad", "saad", "dac", "clic", "mdph", "pmi", "cmp", "csapa", "siao", "reseau", "equipe",
]);

/** Positions of the words naming the caller's own service, right after « je suis au », « ici la »… */
export function callerPositions(tokens: readonly Token[]): Set<number> {
  const words = tokens.map((t) => t.folded);
  const found = new Set<number>();
  for (let start = 0; start < words.length; start++) {
    const introduction = INTRODUCTIONS.find((intro) => intro.every((word, i) => words[start + i] === word));
    if (!introduction) continue;
    let index = start + introduction.length;
    const first = tokens[index];
    if (!first || !(first.sigleLike || SERVICE_WORDS.has(first.folded))) continue;
    for (let count = 0; count < MAX_NAME_WORDS && index < words.length && !STOPS.has(words[index]!); count++, index++) found.add(tokens[index]!.position);
  }
  return found;
}

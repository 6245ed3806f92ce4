// French stemming and stop words, so that « hébergements », « héberger » and « hebergement » meet.
import { stemmer } from "@orama/stemmers/french";
import { foldText } from "./normalize.ts";

/** Grammatical words: articles, prepositions, pronouns, auxiliaries. They never carry a need (« sans » does: « sans domicile »). Folded. */
export const GRAMMAR_WORDS: ReadonlySet<string> = new Set(
  (
    "a au aux avec ce ces cet cette c ca dans de des du d elle elles en et eux il ils je j l la le les leur leurs lui " +
    "ma mais me mes moi mon m ne n nos notre nous on ou par pas plus pour qu que qui s sa se ses son sur ta te tes toi ton tu " +
    "un une vos votre vous y est sont ete etre avoir ai as avons avez ont suis es sommes etes t " +
    "quel quelle quels quelles quoi comment quand combien pourquoi chez vers entre sous tres aussi " +
    "alors donc car si deja encore cela ceci celui celle ceux celles"
  ).split(" "),
);

/** Grammatical words plus the chat filler of a question (« bonjour, qui s'occupe de… »): dropped before full-text search. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...GRAMMAR_WORDS,
  ...(
    "sans meme fait faire peut peux pouvez tout tous toute toutes autre autres chaque moins bien " +
    "bonjour bonsoir salut merci svp stp hello coucou besoin cherche chercher trouver connaitre connais connaissez " +
    "savoir sais savez quelqu quelque chose personne personnes gens monsieur madame mr mme mlle " +
    "occupe occuper soccupe contacter contact appeler adresser orienter orientation ici bas " +
    "dispositif dispositifs service services structure structures aide aider aides"
  ).split(" "),
]);

const stemCache = new Map<string, string>();

/** Stems one folded word with the Snowball French stemmer (cached: the vocabulary of a base is small). */
export function stemWord(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = word.length <= 3 || /\d/.test(word) ? word : stemmer(word);
    // Snowball cuts some words to three letters, merging unrelated ones (« repas », « répit » → « rep »):
    // one more letter keeps them apart and still joins « logement » with « loger ».
    if (stem.length <= 3 && word.length > stem.length) stem = word.slice(0, stem.length + 1);
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/** Folds, drops stop words and stems: the terms an index stores for a text. */
export function contentStems(text: string, stopWords: ReadonlySet<string> = STOP_WORDS): string[] {
  const stems: string[] = [];
  for (const word of foldText(text).split(" ")) {
    if (word === "" || stopWords.has(word)) continue;
    stems.push(stemWord(word));
  }
  return stems;
}

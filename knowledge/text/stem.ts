// French stemming and stop words, so that « hébergements », « héberger » and « hebergement » meet.
import { stemmer } from "@orama/stemmers/french";
import { foldText } from "./normalize.ts";

/** Words too common to carry meaning in a question about a need. Folded (no accents). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a au aux avec ce ces cet cette c ca dans de des du d elle elles en et eux il ils je j l la le les leur leurs lui " +
    "ma mais me meme mes moi mon m ne n nos notre nous on ou par pas pour qu que qui s sa se ses son sur ta te tes toi ton tu " +
    "un une vos votre vous y est sont ete etre avoir ai as avons avez ont suis es sommes etes fait faire peut peux pouvez " +
    "quel quelle quels quelles quoi comment ou quand combien pourquoi chez vers entre sans sous tres plus moins bien aussi " +
    "alors donc car si deja encore tout tous toute toutes autre autres cela ceci celui celle ceux celles chaque " +
    "bonjour bonsoir salut merci svp stp hello coucho coucou besoin cherche chercher trouver connaitre connais connaissez " +
    "savoir sais savez quelqu quelque chose personne personnes gens monsieur madame mr mme m mlle " +
    "qui s occupe occupe occuper soccupe contacter contact appeler adresser orienter orientation s adresser " +
    "il y a t ici la bas svp dispositif dispositifs service services structure structures aide aider aides"
  ).split(" "),
);

const stemCache = new Map<string, string>();

/** Stems one folded word with the Snowball French stemmer (cached: the vocabulary of a base is small). */
export function stemWord(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = word.length <= 3 || /\d/.test(word) ? word : stemmer(word);
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/** Folds, drops stop words and stems: the terms an index stores for a text. */
export function contentStems(text: string): string[] {
  const stems: string[] = [];
  for (const word of foldText(text).split(" ")) {
    if (word === "" || STOP_WORDS.has(word)) continue;
    stems.push(stemWord(word));
  }
  return stems;
}

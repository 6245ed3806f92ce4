// When the bot does not recognise the need, the needs of the base that share a word with the
// question, offered as choices (« aide à Nevers » → aide à domicile, aide aux aidants…): picking
// one asks again with that need, the place kept by the conversation.
import type { Orienteur } from "../../../knowledge/orienteur.ts";
import { foldText } from "../../../knowledge/text/normalize.ts";
import { GRAMMAR_WORDS } from "../../../knowledge/text/stem.ts";
import type { Choice } from "../../../knowledge/answer/model.ts";

const MAX_CHOICES = 6;

/** Words of four letters or more, folded, without grammar words. « aide » is kept: it is what « aide à Nevers » asks. */
function contentWords(text: string): Set<string> {
  return new Set(foldText(text).split(/[^a-z0-9]+/).filter((w) => w.length >= 4 && !GRAMMAR_WORDS.has(w)));
}

/** Each need's words, read once per base (a hot reload brings a new Orienteur). */
const WORDS = new WeakMap<Orienteur, { besoin: Orienteur["base"]["besoins"][number]; words: Set<string> }[]>();

function needWords(orienteur: Orienteur) {
  let words = WORDS.get(orienteur);
  if (!words) {
    words = orienteur.base.besoins.map((besoin) => ({ besoin, words: contentWords([besoin.libelle, ...(besoin.synonymes ?? [])].join(" ")) }));
    WORDS.set(orienteur, words);
  }
  return words;
}

/**
 * The needs to offer, those sharing the most words with the question first; none when no word is shared.
 * @example needChoices("aide à Nevers", orienteur)[0] // → { label: "Aide et accompagnement à domicile (SAAD)", reply: "Aide et accompagnement à domicile (SAAD)" }
 */
export function needChoices(question: string, orienteur: Orienteur): Choice[] {
  const asked = contentWords(question);
  if (asked.size === 0) return [];
  const scored = needWords(orienteur)
    .map(({ besoin, words }, order) => {
      let score = 0;
      for (const word of asked) if (words.has(word)) score += 1;
      return { besoin, score, order };
    })
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, MAX_CHOICES).map(({ besoin }) => ({ label: besoin.libelle, reply: besoin.libelle }));
}

// Messages that only thank or greet (« merci ! », « ok merci, bonne journée »): they ask nothing,
// and a conversation must not answer its previous question again.
import { foldText } from "../text/normalize.ts";

const POLITENESS_WORDS = new Set([
  "merci", "mercii", "merciii", "thanks", "thx", "ok", "okay", "oki", "daccord", "accord", "super", "parfait", "top", "genial", "nickel", "cool", "bien", "tres", "beaucoup", "mille", "bonne", "journee", "soiree", "fin", "semaine", "au", "revoir", "a", "bientot", "plus", "bye", "bonjour", "bonsoir", "salut", "cordialement", "bisous", "vous", "toi", "pour", "tout", "c", "est", "note", "ca", "marche", "entendu", "oui", "la", "le", "l", "d", "de", "et", "encore", "infiniment",
]);
/** Words that carry the thanks or the greeting: a message needs one of them to be only polite. */
const POLITE_CORE = new Set(["merci", "mercii", "merciii", "thanks", "thx", "revoir", "bientot", "bye", "bonjour", "bonsoir", "salut", "cordialement", "bisous", "journee", "soiree", "parfait", "super", "genial", "nickel", "top", "note", "entendu"]);

/** Whether a message holds nothing but thanks, greetings and agreement (« merci, bonne journée ! »). */
export function isOnlyPoliteness(text: string): boolean {
  const words = foldText(text).split(/[^a-z0-9]+/).filter((w) => w !== "");
  return words.length > 0 && words.length <= 12 && words.every((w) => POLITENESS_WORDS.has(w)) && words.some((w) => POLITE_CORE.has(w));
}

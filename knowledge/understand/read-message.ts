// The first stage: a message read once into tokens that every later stage shares — the folded
// word, how it was typed (capitals, dots), whether French writes it, and whether it reads as a
// sigle here. Chat abbreviations (« pr », « qqn », « st ») are expanded on the way.
import { SIGLE_DETERMINERS, WORD_LIKE } from "../sigles/glossary.ts";
import { foldText } from "../text/normalize.ts";
import { ABBREVIATIONS } from "../text/abbreviations.ts";
import { isShouting } from "../text/shouting.ts";
import type { WordKeys } from "./words.ts";

export interface Token {
  /** Folded word (« hebergement »). */
  folded: string;
  /** As typed (« Hébergement »); shared by the words an abbreviation expands to. */
  raw: string;
  /** Position in the token list; words of one expanded abbreviation share it. */
  position: number;
  /** A word of French (lexicon) or a number. */
  french: boolean;
  /** Typed in capitals, with dots (« a.s. »), or otherwise to be read as a sigle. */
  sigleLike: boolean;
  /** Starts with a capital while the message is not written in capitals. */
  capitalised: boolean;
}

export interface ReadMessage {
  text: string;
  tokens: Token[];
  /** Folded words in order: what place detection and full-text search read. */
  words: string[];
  /** The message is mostly written in capitals: capitals then say nothing about sigles. */
  shouting: boolean;
}



/**
 * Reads a message into tokens.
 * @param isKnownSigle tells whether a folded word is a sigle of the glossary (« as » is, « dame » is not).
 */
export function readMessage(text: string, keys: WordKeys, isKnownSigle: (folded: string) => boolean = () => false): ReadMessage {
  const pieces = splitRaw(text);
  const shouting = isShouting(text, isKnownSigle);
  const tokens: Token[] = [];
  let position = 0;
  for (let i = 0; i < pieces.length; i++) {
    const raw = pieces[i]!;
    const dotted = /^(?:\p{L}\.){2,}$/u.test(raw);
    const folded = foldText(raw).replace(/ /g, "");
    if (folded === "") continue;
    const capitals = /^\p{Lu}[\p{Lu}\d&-]+$/u.test(raw);
    // Written in capitals, « TS » is a sigle (tentative de suicide), not the texting « ts » (tous).
    const typedAsSigle = capitals && (!shouting || isKnownSigle(folded));
    const expansion = dotted || typedAsSigle ? undefined : ABBREVIATIONS.get(folded);
    if (expansion === "") continue;
    const words = expansion ? expansion.split(" ") : [folded];
    const french = /^\d+$/.test(folded) || keys.lexicon.isWord(folded);
    const previous = tokens.at(-1)?.folded;
    // Two lowercase letters (« at » in « jean (at) gmail ») are a sigle only after a determiner, as below.
    const shortLowercase = folded.length <= 2 && !capitals;
    let sigleLike = dotted || (capitals && (!shouting || !french)) || (!french && isKnownSigle(folded) && (!shortLowercase || (previous !== undefined && SIGLE_DETERMINERS.has(previous))));
    // A short word that is also a sigle, right after a determiner: « contacter l'as du secteur ».
    if (!sigleLike && french && folded.length <= 3 && previous && SIGLE_DETERMINERS.has(previous) && isKnownSigle(folded) && !WORD_LIKE.has(folded)) sigleLike = true;
    const capitalised = !shouting && /^\p{Lu}/u.test(raw);
    for (const word of words) {
      tokens.push({ folded: word, raw, position, french: expansion ? true : french, sigleLike: expansion ? false : sigleLike, capitalised: expansion ? false : capitalised });
    }
    position++;
  }
  return { text, tokens, words: tokens.map((t) => t.folded), shouting };
}

/** Splits on anything but letters, digits and dots inside a dotted sigle; apostrophes split (« l'as » → « l », « as »). */
function splitRaw(text: string): string[] {
  const pieces: string[] = [];
  for (const match of text.matchAll(/(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+/gu)) pieces.push(match[0]);
  return pieces;
}

// Whether a message is written in capitals (« URGENT PORTAGE REPAS CLAMECY »): then capitals say
// nothing about sigles. A text full of sigles (« le CPOM, le GCSMS, la MAS… ») is not shouting.

/**
 * True when most words of three letters or more are in capitals and are not known sigles.
 * @param isKnownSigle tells whether a folded word is a sigle of the glossary.
 */
export function isShouting(text: string, isKnownSigle: (folded: string) => boolean): boolean {
  const words = text.match(/\p{L}{3,}/gu) ?? [];
  let capitals = 0;
  for (const word of words) {
    if (word !== word.toUpperCase()) continue;
    const folded = word.toLowerCase().normalize("NFD").replace(/\p{M}+/gu, "");
    if (!isKnownSigle(folded)) capitals++;
  }
  return capitals >= 3 && capitals >= 0.5 * words.length;
}

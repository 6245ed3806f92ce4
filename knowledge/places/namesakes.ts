// A name that starts one commune of the base and is, exactly, a commune elsewhere: « Moulins » on a
// Nièvre base is Moulins-Engilbert (58) or Moulins (03). The person is asked which one, each named with
// its département, rather than sent silently to either.
import type { Place } from "./place-index.ts";

/** How the index knows a spelling stands for a place. */
interface SpellingOf {
  place: Place;
  /** A cut name (« Moulins » of Moulins-Engilbert). */
  incomplete?: boolean;
  /** Set for a former commune. */
  formerName?: string;
  /** The short name of a big town outside the base (« Saint-Amand » of Saint-Amand-les-Eaux). */
  shortElsewhere?: boolean;
}

/** A namesake elsewhere is asked about when at least a third of the size of the base's commune. */
const COMPARABLE_RATIO = 3;

/**
 * The communes to ask about when a name cut from exactly one commune of the base is also the full name of
 * a commune outside the base's départements: the base's first, then the namesakes. A namesake much smaller
 * than the base's commune is not what people mean (« Doué » is Doué-en-Anjou, not Doue in Seine-et-Marne),
 * and when several communes of the base fit the name, those are what is asked (« Saint-Pierre » in the
 * Nièvre). Undefined when there is nothing to ask.
 * @example namesakesToAsk([moulinsEngilbert], entriesOf("moulins"), population) // [Moulins-Engilbert, Moulins (Allier)]
 */
export function namesakesToAsk(fitsInBase: readonly Place[], entries: readonly SpellingOf[], population: (code: string) => number): Place[] | undefined {
  if (fitsInBase.length !== 1) return undefined;
  const ours = fitsInBase[0]!;
  const elsewhere = new Map<string, Place>();
  for (const entry of entries) {
    const { place } = entry;
    if (entry.incomplete === true || entry.shortElsewhere === true || entry.formerName !== undefined || place.inScope || place.type !== "commune") continue;
    if (population(place.code) * COMPARABLE_RATIO >= population(ours.code)) elsewhere.set(place.code, place);
  }
  return elsewhere.size > 0 ? [ours, ...elsewhere.values()] : undefined;
}

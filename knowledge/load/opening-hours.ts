// Reads a service's hours (`horaires_accueil`, `horaires_telephone`): the OpenStreetMap
// `opening_hours` form as it is, or French as editors write it, converted. Every message is
// ours, in French: the opening_hours library's own texts are long, written for OpenStreetMap
// mappers, and not in French in every configuration, so they are never shown as they are.
import OpeningHours from "opening_hours";
import { frenchToOpeningHours } from "./french-hours.ts";

/** What a value of an hours field means for the loader. */
export interface HoursReading {
  /** The `opening_hours` form to keep (the value itself, or its conversion from French); undefined when unreadable. */
  openingHours: string | undefined;
  /** True when the value was French and has been converted. */
  converted: boolean;
  /** Why it cannot be read, in French, with the equivalent `opening_hours` form. */
  error: string | undefined;
  /** What the parser frowns upon in a readable value, in French. */
  warnings: string[];
}

/** The fields of a service that hold hours, read the same way. */
export const HOURS_FIELDS = ["horaires_accueil", "horaires_telephone"] as const;

const EXAMPLE = "écrivez par exemple « du lundi au vendredi de 9h à 12h et de 14h à 17h », ou au format opening_hours « Mo-Fr 09:00-12:00,14:00-17:00 »";

const cache = new Map<string, HoursReading>();

/**
 * Reads hours written either way; verdicts are cached, since a base repeats a few patterns.
 * @example
 * readHours("du lundi au vendredi de 9h à 12h").openingHours // "Mo-Fr 09:00-12:00"
 * readHours("le mardi matin").error // « « matin » ne dit pas à quelle heure … (au format opening_hours : « Tu 09:00-12:00 ») »
 */
export function readHours(value: string): HoursReading {
  let reading = cache.get(value);
  if (!reading) {
    reading = readUncached(value);
    cache.set(value, reading);
  }
  return reading;
}

function readUncached(value: string): HoursReading {
  const parsed = parseOpeningHours(value);
  if (parsed.ok && parsed.warnings.length === 0) return { openingHours: value, converted: false, error: undefined, warnings: [] };
  // The parser tolerates some French (« lundi 14h-17h ») with warnings: a clean conversion is better.
  const french = frenchToOpeningHours(value);
  if (french.ok) {
    const check = parseOpeningHours(french.openingHours);
    if (check.ok) return { openingHours: french.openingHours, converted: true, error: undefined, warnings: check.warnings };
  }
  if (parsed.ok) return { openingHours: value, converted: false, error: undefined, warnings: parsed.warnings };
  // A value in the opening_hours syntax (English day codes, colons) gets the parser's complaint, said generally.
  const looksLikeOsm = /\b(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)\b/.test(value) && !/[a-zà-ÿ]{4,}/.test(value.replace(/\b(?:off|closed|open)\b/g, ""));
  const error = looksLikeOsm || french.ok
    ? `horaires illisibles au format opening_hours (« ${value} ») : vérifiez les jours (Mo, Tu, We, Th, Fr, Sa, Su), les heures (09:00-12:00) et les séparateurs (« , » entre deux plages, « ; » entre deux règles) ; ${EXAMPLE}`
    : `horaires non compris : ${french.problem}. Au format opening_hours, cela s'écrirait par exemple « ${french.example} » ; ${EXAMPLE}`;
  return { openingHours: undefined, converted: false, error, warnings: [] };
}

function parseOpeningHours(value: string): { ok: true; warnings: string[] } | { ok: false } {
  try {
    const parsed = new OpeningHours(value, { address: { country_code: "fr", state: "" } } as never, { locale: "fr" } as never);
    const warnings = parsed.getWarnings();
    return { ok: true, warnings: warnings.length > 0 ? [warningText(value, warnings)] : [] };
  } catch {
    return { ok: false };
  }
}

/**
 * One French warning for what the parser frowns upon. Its details are kept only when they came
 * out in French (the library translates most of its texts, not all): English sentences are dropped.
 */
function warningText(value: string, warnings: readonly string[]): string {
  const details = new Set<string>();
  for (const warning of warnings) {
    const detail = /<--- \((.*)\)\s*$/s.exec(warning)?.[1]?.trim();
    if (detail !== undefined && /[éèàçù]/.test(detail) && !/\b(?:the|you|should|please)\b/i.test(detail)) details.add(detail.replace(/[.!\s]+$/, ""));
  }
  return `horaires lisibles mais à préciser (« ${value} »)${details.size > 0 ? ` : ${[...details].join(" ; ")}` : ""} ; en cas de doute, ${EXAMPLE}`;
}

// Value by value mapping of a data·inclusion record onto our fields: needs from thématiques,
// publics, zone codes, contacts, opening hours, the FALC draft. Each function keeps what our
// schema and loader accept and writes a French note for what it drops.
import type { KnowledgeBase } from "../../base.ts";
import { readHours } from "../../load/opening-hours.ts";
import { kindOfZoneCode, type Geography } from "../../places/geography.ts";
import { codeZoneSchema, urlSchema } from "../../schema/common.ts";
import { strings, toFrenchPhone } from "./records.ts";
import { IMPORT_TEXTS as T } from "./texts.ts";

/**
 * The base's needs for these thématiques. For each thématique, among the needs that carry it, only
 * the best fits are kept: those sharing the most thématiques with the service, then those with
 * the fewest others. A SSIAD (`sante--acces-aux-soins` + `famille--prise-en-charge-personne-dependante`)
 * lands on the need that has both, not on the thirteen needs that have the second one; an épicerie
 * (`…--alimentation`) on « aide alimentaire », not on « portage de repas » which also has `…dependante`.
 * On the demo base exported then imported back, this finds 60 % right needs (75 % of the original
 * ones) where keeping every match finds 25 % (91 %), with 5.5 needs per service. `everyMatch` keeps them all.
 */
export function besoinsFor(thematiques: readonly string[], base: KnowledgeBase, notes: string[], everyMatch = false): string[] {
  const wanted = new Set(thematiques);
  const chosen = new Set<string>();
  const unmatched: string[] = [];
  for (const thematique of thematiques) {
    const candidates = base.besoins.filter((b) => b.thematiques?.includes(thematique as never));
    if (candidates.length === 0) {
      unmatched.push(thematique);
      continue;
    }
    const shared = (b: (typeof candidates)[number]) => (b.thematiques ?? []).filter((t) => wanted.has(t)).length;
    const extra = (b: (typeof candidates)[number]) => (b.thematiques ?? []).length - shared(b);
    const mostShared = Math.max(...candidates.map(shared));
    const closest = candidates.filter((b) => shared(b) === mostShared);
    const fewestExtra = Math.min(...closest.map(extra));
    const kept = (everyMatch ? candidates : closest.filter((b) => extra(b) === fewestExtra)).map((b) => b.id);
    if (kept.length > 3 && kept.some((id) => !chosen.has(id))) notes.push(T.manyBesoins(thematique, kept));
    for (const id of kept) chosen.add(id);
  }
  if (unmatched.length > 0 && chosen.size > 0) notes.push(T.unmatchedThematiques(unmatched));
  return [...chosen];
}

/**
 * Our publics for data·inclusion publics: those whose `data_inclusion` holds the value, or only
 * the one named like it when there is one (`familles` → familles, not enfants and aidants too).
 */
export function publicsFor(values: readonly string[], base: KnowledgeBase, notes: string[]): string[] {
  const chosen = new Set<string>();
  const unmatched: string[] = [];
  for (const value of values) {
    const matching = base.publics.filter((p) => p.data_inclusion?.includes(value as never));
    const sameName = matching.filter((p) => p.id === value);
    const ours = sameName.length > 0 ? sameName : matching;
    if (ours.length === 0) unmatched.push(value);
    for (const p of ours) chosen.add(p.id);
  }
  if (unmatched.length > 0) notes.push(T.unmatchedPublics(unmatched));
  if (chosen.size > 0) return [...chosen];
  const fallback = base.publics.find((p) => p.id === "tous-publics") ?? base.publics.find((p) => p.data_inclusion?.includes("tous-publics"));
  if (!fallback) return [];
  if (values.length > 0 && !values.includes("tous-publics")) notes.push(T.publicsFallback(fallback.id));
  return [fallback.id];
}

/** Zone codes that exist today; `99100` (France, as a country code) becomes `france`. */
export function zoneCodes(values: readonly string[], geography: Geography, notes: string[]): string[] {
  const kept = new Set<string>();
  const unknown: string[] = [];
  for (const value of values) {
    const code = value === "99100" ? "france" : value;
    if (codeZoneSchema.safeParse(code).success && kindOfZoneCode(geography, code) !== undefined) kept.add(code);
    else unknown.push(value);
  }
  if (unknown.length > 0) notes.push(T.unknownZoneCodes(unknown));
  return [...kept];
}

/** True when the zone covers at least part of one of the base's départements. */
export function zoneTouches(zone: readonly string[], departements: readonly string[], geography: Geography): boolean {
  const wanted = new Set(departements);
  return zone.some((code) => {
    if (code === "france" || wanted.has(code)) return true;
    const commune = geography.communes.get(code);
    if (commune) return wanted.has(commune.departement);
    return (geography.epcis.get(code)?.membres ?? []).some((m) => wanted.has(geography.communes.get(m)?.departement ?? ""));
  });
}

export function zoneNames(zone: readonly string[], geography: Geography): Map<string, string> {
  const names = new Map<string, string>();
  for (const code of zone) {
    const nom = geography.communes.get(code)?.nom ?? geography.epcis.get(code)?.nom ?? geography.departements.get(code)?.nom;
    if (nom !== undefined) names.set(code, nom);
  }
  return names;
}

export function communeCode(value: string | undefined, geography: Geography, notes?: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d[\dAB]\d{3}$/.test(value) && geography.communes.has(value)) return value;
  notes?.push(T.badCodeInsee(value));
  return undefined;
}

/** A phone number our schema accepts; from a text holding several, the first one, said in the report. */
export function phone(value: string | undefined, notes: string[]): string | undefined {
  if (value === undefined) return undefined;
  const formatted = toFrenchPhone(value.replace("(0)", ""));
  if (formatted !== undefined) return formatted;
  const first = /(?:\+33|0)\s?[1-9](?:[\s.-]?\d{2}){4}/.exec(value)?.[0];
  const extracted = first === undefined ? undefined : toFrenchPhone(first);
  notes.push(extracted === undefined ? T.badPhone(value) : T.firstPhone(value, extracted));
  return extracted;
}

export function url(value: string | undefined, field: string, notes: string[]): string | undefined {
  return checked(value, (v) => urlSchema.safeParse(v).success, (v) => T.badUrl(field, v), notes);
}

export function checked(value: string | undefined, ok: (value: string) => boolean, message: (value: string) => string, notes: string[]): string | undefined {
  if (value === undefined || ok(value)) return value;
  notes.push(message(value));
  return undefined;
}

/**
 * Opening hours the loader accepts (warnings allowed, as in `kb check`), French ones converted to
 * the `opening_hours` form as the loader does; unreadable ones are dropped with the loader's reason.
 */
export function openingHours(value: string | undefined, notes: string[]): string | undefined {
  if (value === undefined) return undefined;
  const reading = readHours(value);
  if (reading.openingHours === undefined) notes.push(T.badHoraires(value, reading.error ?? ""));
  return reading.openingHours;
}

/** The values of a list field that belong to its value list; the others are reported. */
export function known(record: Record<string, unknown>, field: string, values: object, notes: string[]): string[] | undefined {
  const all = [...new Set(strings(record[field]))];
  const kept = all.filter((v) => Object.hasOwn(values, v));
  const unknown = all.filter((v) => !Object.hasOwn(values, v));
  if (unknown.length > 0) notes.push(T.unknownValues(field, unknown));
  return kept.length > 0 ? kept : undefined;
}

/**
 * A first draft of the FALC summary: the first sentence or two of the description, 300 characters
 * at most (20 at least, as the schema wants), without Markdown marks.
 */
export function falcFrom(description: string): string {
  const flat = description
    .replace(/^\s*(?:[-*•]|\d+[.)])\s+/gm, "")
    .replace(/[*_`#>]+/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  const sentences = flat.match(/[^.!?…]+(?:[.!?…]+|$)\s*/g) ?? [flat];
  let summary = "";
  for (const [index, sentence] of sentences.entries()) {
    if ((summary + sentence).trim().length > 300) break;
    summary += sentence;
    if (index >= 1 && summary.trim().length >= 20) break;
  }
  summary = summary.trim();
  if (summary.length < 20) summary = flat.length <= 300 ? flat : `${cutAtWord(flat, 299)}…`;
  return summary;
}

export function cutAtWord(value: string, max: number): string {
  const cut = value.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, "");
}

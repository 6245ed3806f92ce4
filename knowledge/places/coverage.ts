// Which communes a zone covers. A service is proposed for a place only if its zone covers
// every commune of that place: answering outside its territory is the one unforgivable error.
import type { Geography } from "./geography.ts";

/** A zone compiled for fast membership tests. */
export interface Zone {
  wholeCountry: boolean;
  departements: ReadonlySet<string>;
  communes: ReadonlySet<string>;
}

/**
 * Compiles zone codes (communes, EPCI, départements, `france`) plus communes of custom
 * territories into a {@link Zone}. EPCI are expanded into their member communes.
 */
export function compileZone(geography: Geography, codes: readonly string[], extraCommunes: Iterable<string> = []): Zone {
  let wholeCountry = false;
  const departements = new Set<string>();
  const communes = new Set<string>(extraCommunes);
  for (const code of codes) {
    if (code === "france" || code === "99100") wholeCountry = true;
    else if (geography.communes.has(code)) communes.add(code);
    else if (geography.departements.has(code)) departements.add(code);
    else for (const member of geography.epcis.get(code)?.membres ?? []) communes.add(member);
  }
  return { wholeCountry, departements, communes };
}

/** True when the zone covers this commune. */
export function zoneCoversCommune(geography: Geography, zone: Zone, communeCode: string): boolean {
  if (zone.wholeCountry || zone.communes.has(communeCode)) return true;
  const commune = geography.communes.get(communeCode);
  return commune !== undefined && zone.departements.has(commune.departement);
}

/** True when the zone covers every one of these communes (and there is at least one). */
export function zoneCoversAll(geography: Geography, zone: Zone, communeCodes: readonly string[]): boolean {
  if (communeCodes.length === 0) return false;
  if (zone.wholeCountry) return true;
  for (const code of communeCodes) if (!zoneCoversCommune(geography, zone, code)) return false;
  return true;
}

/** Expands zone codes into the list of commune codes they contain (for territories). */
export function communesOfZone(geography: Geography, codes: readonly string[]): string[] {
  const result = new Set<string>();
  for (const code of codes) {
    if (geography.communes.has(code)) result.add(code);
    else if (geography.departements.has(code)) for (const c of geography.communesOfDepartement(code)) result.add(c);
    else for (const member of geography.epcis.get(code)?.membres ?? []) result.add(member);
  }
  return [...result];
}

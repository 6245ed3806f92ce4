// Needs left without a service somewhere: for each need and each territory of the base (its
// territoires/, or else each EPCI of its départements), is there a commune where the bot would
// have nobody to propose? Avertissement: a gap may be real (no such service there), but editors
// should know it, and it is often a forgotten service or a zone written too narrowly.
// Needs communal by nature are left out: those that say `echelle: commune`, and those only CCAS
// or CIAS answer (every commune has its CCAS; a base lists only the ones it knows).
//
// A territory counts as covered when every one of its communes is covered by at least one
// service with that need — several local services may share it — since that is what the bot
// can answer for a person living there. One problem per need, listing its uncovered territories.
//
// Cost: one compiled zone per distinct zone (bases repeat a few zones thousands of times), then
// per need the union of its zones, then one set look-up per commune of the territories.
import { communesOfZone, compileZone, type Zone } from "../places/coverage.ts";
import type { Geography } from "../places/geography.ts";
import type { Service } from "../schema/index.ts";
import type { CodedProblem } from "./codes.ts";
import { problemAt, shortList, type CheckContext } from "./context.ts";
import { checkMessages } from "./messages.ts";

interface Area {
  nom: string;
  communes: readonly string[];
}

export function checkCoverage(context: CheckContext): CodedProblem[] {
  const { base, geography } = context;
  const areas = areasOf(context).filter((area) => area.communes.length > 0);
  const territoryCommunes = new Map(base.territoires.map((t) => [t.id, communesOfZone(geography, t.zone)]));

  const zones = new Map<string, Zone>();
  const zonesByNeed = new Map<string, Set<Zone>>();
  /** Needs some service answers that is not a CCAS or CIAS. */
  const beyondCommunes = new Set<string>();
  for (const service of base.services) {
    const zone = zoneOf(service, zones, geography, territoryCommunes);
    const communal = isCommunalService(service);
    for (const need of service.besoins) {
      let set = zonesByNeed.get(need);
      if (!set) zonesByNeed.set(need, (set = new Set()));
      set.add(zone);
      if (!communal) beyondCommunes.add(need);
    }
  }

  const problems: CodedProblem[] = [];
  for (const besoin of base.besoins) {
    const needZones = zonesByNeed.get(besoin.id);
    if (!needZones) {
      problems.push(problemAt(context, "avertissement", "besoin-sans-service", "besoins", besoin.id, ["id"], checkMessages.noService(besoin.libelle)));
      continue;
    }
    // Each commune answers it itself (its CCAS, its town hall): a commune without a service in the base is no gap.
    if (besoin.echelle === "commune" || !beyondCommunes.has(besoin.id)) continue;
    const union = unionOf(needZones);
    if (union.wholeCountry) continue;
    const gaps: string[] = [];
    for (const area of areas) {
      let uncovered = 0;
      for (const code of area.communes) {
        if (union.communes.has(code)) continue;
        const departement = geography.communes.get(code)?.departement;
        if (departement === undefined || !union.departements.has(departement)) uncovered++;
      }
      if (uncovered === 0) continue;
      gaps.push(checkMessages.gap(area.nom, uncovered, area.communes.length));
    }
    if (gaps.length === 0) continue;
    problems.push(
      problemAt(context, "avertissement", "besoin-non-couvert", "besoins", besoin.id, ["id"], checkMessages.uncovered(besoin.libelle, gaps.length, areas.length, shortList(gaps, context.options.listLimit))),
    );
  }
  return problems;
}

/** A CCAS or CIAS: every commune has one, so a base lists only those it knows (the directory's coverage page reads it too). */
export function isCommunalService(service: Service): boolean {
  return /^C[CI]AS$/.test(service.sigle ?? "") || /^(?:C[CI]AS|centre (?:inter)?communal d.action sociale)\b/i.test(service.nom);
}

/**
 * The base's own territories, or else the EPCI of its départements. Only their communes inside the
 * base's départements count: a communauté de communes straddling the border would otherwise show
 * every département-wide service as leaving a gap.
 */
function areasOf({ base, geography }: CheckContext): Area[] {
  const departements = new Set(base.info.departements);
  const inScope = (codes: readonly string[]) => codes.filter((code) => departements.has(geography.communes.get(code)?.departement ?? ""));
  if (base.territoires.length > 0) return base.territoires.map((t) => ({ nom: t.nom, communes: inScope(communesOfZone(geography, t.zone)) }));
  const areas: Area[] = [];
  for (const epci of geography.epcis.values()) {
    const communes = inScope(epci.membres);
    if (communes.length > 0) areas.push({ nom: epci.nom, communes });
  }
  return areas.sort((a, b) => a.nom.localeCompare(b.nom, "fr"));
}

/** The service's compiled zone, shared with every service written with the same codes. */
function zoneOf(service: Service, zones: Map<string, Zone>, geography: Geography, territoryCommunes: ReadonlyMap<string, readonly string[]>): Zone {
  const key = `${(service.zone_eligibilite ?? []).join(",")}|${(service.territoires ?? []).join(",")}`;
  let zone = zones.get(key);
  if (!zone) {
    zone = compileZone(geography, service.zone_eligibilite ?? [], (service.territoires ?? []).flatMap((id) => territoryCommunes.get(id) ?? []));
    zones.set(key, zone);
  }
  return zone;
}

function unionOf(zones: Iterable<Zone>): Zone {
  const departements = new Set<string>();
  const communes = new Set<string>();
  for (const zone of zones) {
    if (zone.wholeCountry) return { wholeCountry: true, departements, communes };
    for (const code of zone.departements) departements.add(code);
    for (const code of zone.communes) communes.add(code);
  }
  return { wholeCountry: false, departements, communes };
}

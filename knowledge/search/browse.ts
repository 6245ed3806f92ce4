// Browsing the base without a question: services per need and per place, where a service serves,
// how fresh its entry is, upcoming events, good practices, and the white zones of each need.
// Pure queries over a loaded base (no HTML here): the web directory pages render their results.
import { defaultQualityOptions } from "../checks/context.ts";
import { isCommunalService } from "../checks/coverage.ts";
import { monthsBetween } from "../checks/stale.ts";
import type { Orienteur } from "../orienteur.ts";
import { communesOfZone, compileZone, zoneCoversAll, zoneCoversCommune, type Zone } from "../places/coverage.ts";
import type { Place } from "../places/place-index.ts";
import type { Besoin, Evenement, Pratique, Service } from "../schema/index.ts";
import { foldText } from "../text/normalize.ts";

const FRENCH = new Intl.Collator("fr");

/** How recently a service was checked, against how often it should be. */
export interface Freshness {
  /** `date_maj`, AAAA-MM-JJ. */
  date: string;
  /** Whole months since then. */
  months: number;
  /** How often it should be checked (`frequence_maj_mois`, 6 by default). */
  frequencyMonths: number;
  /** False once the frequency has passed, or when the date is in the future (a typo to fix). */
  upToDate: boolean;
}

/**
 * The freshness of a service's entry on `today` (AAAA-MM-JJ), with the rule of `kb check`'s stale-date check.
 * @example serviceFreshness({ date_maj: "2026-01-10", … }, "2026-09-01").upToDate // → false (6 months by default)
 */
export function serviceFreshness(service: Pick<Service, "date_maj" | "frequence_maj_mois">, today: string, defaultFrequencyMonths = defaultQualityOptions.defaultFrequencyMonths): Freshness {
  const frequencyMonths = service.frequence_maj_mois ?? defaultFrequencyMonths;
  const months = Math.max(0, monthsBetween(service.date_maj, today));
  return { date: service.date_maj, months, frequencyMonths, upToDate: service.date_maj <= today && months < frequencyMonths };
}

const zoneCache = new WeakMap<Orienteur, Map<string, Zone>>();
/** A loaded service's zone, once looked up: a page lists thousands of services on a large base. */
const zoneOfService = new WeakMap<Service, Zone>();

/** The compiled zone of a service (codes and territories), shared by services written with the same zone; kept per loaded base. */
function serviceZone(orienteur: Orienteur, service: Service): Zone {
  const known = zoneOfService.get(service);
  if (known) return known;
  let zones = zoneCache.get(orienteur);
  if (!zones) zoneCache.set(orienteur, (zones = new Map()));
  const key = `${(service.zone_eligibilite ?? []).join(",")}|${(service.territoires ?? []).join(",")}`;
  let zone = zones.get(key);
  if (!zone) {
    const extra = (service.territoires ?? []).flatMap((id) => {
      const territoire = orienteur.base.territoires.find((t) => t.id === id);
      return territoire ? communesOfZone(orienteur.geography, territoire.zone) : [];
    });
    zone = compileZone(orienteur.geography, service.zone_eligibilite ?? [], extra);
    zones.set(key, zone);
  }
  zoneOfService.set(service, zone);
  return zone;
}

/** Where a service serves, by name, as its entry writes it (a département, an EPCI, communes, the base's territories). */
export interface ServiceArea {
  france: boolean;
  departements: string[];
  epcis: string[];
  communes: string[];
  territoires: string[];
}

/** Names of the places a service's zone lists; codes unknown to the official map are kept as they are. */
export function serviceArea(orienteur: Orienteur, service: Service): ServiceArea {
  const { geography } = orienteur;
  const area: ServiceArea = { france: false, departements: [], epcis: [], communes: [], territoires: [] };
  for (const code of service.zone_eligibilite ?? []) {
    if (code === "france" || code === "99100") area.france = true;
    else if (geography.communes.has(code)) area.communes.push(geography.communes.get(code)!.nom);
    else if (geography.departements.has(code)) area.departements.push(`${geography.departements.get(code)!.nom} (${code})`);
    else area.epcis.push(geography.epcis.get(code)?.nom ?? code);
  }
  for (const id of service.territoires ?? []) area.territoires.push(orienteur.base.territoires.find((t) => t.id === id)?.nom ?? id);
  area.communes.sort(FRENCH.compare);
  return area;
}

/** A need and how many services answer it. */
export interface NeedEntry {
  besoin: Besoin;
  count: number;
}

/** The needs of the base grouped by domain (« Aidants », « Santé »…), domains and needs in French alphabetical order. */
export function needsByDomain(orienteur: Orienteur): { domaine: string; besoins: NeedEntry[] }[] {
  const counts = new Map<string, number>();
  for (const service of orienteur.base.services) for (const id of service.besoins) counts.set(id, (counts.get(id) ?? 0) + 1);
  const domains = new Map<string, NeedEntry[]>();
  for (const besoin of orienteur.base.besoins) {
    const list = domains.get(besoin.domaine) ?? [];
    list.push({ besoin, count: counts.get(besoin.id) ?? 0 });
    domains.set(besoin.domaine, list);
  }
  return [...domains]
    .sort(([a], [b]) => FRENCH.compare(a, b))
    .map(([domaine, besoins]) => ({ domaine, besoins: besoins.sort((a, b) => FRENCH.compare(a.besoin.libelle, b.besoin.libelle)) }));
}

/** A service found for a place: `partiel` when it serves only some of the place's communes. */
export interface ServedService {
  service: Service;
  partiel: boolean;
}

/**
 * Services that serve a place, at least in part (« tout le portage de repas de la Nièvre » lists the
 * local services too), optionally for one need; those serving the whole place first, then by name.
 */
export function servicesServing(orienteur: Orienteur, place: Place | undefined, besoinId?: string): ServedService[] {
  const whole: ServedService[] = [];
  const partial: ServedService[] = [];
  // Walked in name order, so that no request sorts thousands of names again.
  for (const service of servicesByName(orienteur)) {
    if (besoinId !== undefined && !service.besoins.includes(besoinId)) continue;
    if (!place) {
      whole.push({ service, partiel: false });
      continue;
    }
    const zone = serviceZone(orienteur, service);
    if (zoneCoversAll(orienteur.geography, zone, place.communes)) whole.push({ service, partiel: false });
    else if (place.communes.some((code) => zoneCoversCommune(orienteur.geography, zone, code))) partial.push({ service, partiel: true });
  }
  return [...whole, ...partial];
}

const byNameCache = new WeakMap<Orienteur, readonly Service[]>();

/** The base's services in French alphabetical order of their names, sorted once per loaded base. */
function servicesByName(orienteur: Orienteur): readonly Service[] {
  let sorted = byNameCache.get(orienteur);
  if (!sorted) byNameCache.set(orienteur, (sorted = [...orienteur.base.services].sort((a, b) => FRENCH.compare(a.nom, b.nom))));
  return sorted;
}

/** Services serving a place, grouped by need (a service answering two needs is listed under both), needs in alphabetical order. */
export function servicesByNeed(orienteur: Orienteur, place: Place): { besoin: Besoin; services: ServedService[] }[] {
  // One pass over the services found, in their order: a large base finds thousands for a town.
  const byNeed = new Map<string, ServedService[]>();
  for (const served of servicesServing(orienteur, place)) {
    for (const id of served.service.besoins) {
      const list = byNeed.get(id);
      if (list) list.push(served);
      else byNeed.set(id, [served]);
    }
  }
  return [...orienteur.base.besoins]
    .sort((a, b) => FRENCH.compare(a.libelle, b.libelle))
    .filter((besoin) => byNeed.has(besoin.id))
    .map((besoin) => ({ besoin, services: byNeed.get(besoin.id)! }));
}

export type PlaceLookup = { kind: "found"; place: Place } | { kind: "choices"; places: Place[] } | { kind: "unknown" };

/**
 * A place as a person types it in a search form (« Clamecy », « 58500 », « Haut Nivernais »), with the
 * homonyms to choose from when the name is shared (« Montigny »).
 */
export function findPlace(orienteur: Orienteur, typed: string): PlaceLookup {
  const trimmed = typed.trim().slice(0, 120);
  if (trimmed === "") return { kind: "unknown" };
  // Read as « à <name> », as in a question: homonyms come back as alternatives to offer.
  const words = foldText(trimmed).split(" ").filter(Boolean);
  const match = orienteur.places.detect(["a", ...words]);
  if (match && match.start === 1 && match.end === words.length + 1) {
    const alternatives = match.alternatives ?? [];
    if (alternatives.length > 1) return { kind: "choices", places: alternatives };
    return { kind: "found", place: match.place };
  }
  const place = orienteur.places.resolve(trimmed);
  return place ? { kind: "found", place } : { kind: "unknown" };
}

/** Where an event is about: its zone, else its commune; none means the whole base. */
function eventConcerns(orienteur: Orienteur, event: Evenement, place: Place): boolean {
  const codes = event.zone ?? (event.code_insee ? [event.code_insee] : []);
  if (codes.length === 0) return true;
  const zone = compileZone(orienteur.geography, codes);
  return place.communes.some((code) => zoneCoversCommune(orienteur.geography, zone, code));
}

export interface EventFilter {
  /** Only events not over on this day (AAAA-MM-JJ); all when absent. */
  from?: string;
  place?: Place;
  /** A tag of the event (« aidants »), compared without accents or case. */
  theme?: string;
}

/** The agenda's events matching a filter, earliest first. */
export function eventsFor(orienteur: Orienteur, filter: EventFilter = {}): Evenement[] {
  const theme = filter.theme ? foldText(filter.theme) : "";
  return orienteur.base.agenda
    .filter((event) => !filter.from || (event.fin ?? event.debut).slice(0, 10) >= filter.from)
    .filter((event) => !filter.place || eventConcerns(orienteur, event, filter.place))
    .filter((event) => !theme || event.tags.some((tag) => foldText(tag) === theme))
    .sort((a, b) => a.debut.localeCompare(b.debut));
}

/** Every tag of the agenda, once, in alphabetical order: the themes a feed can be filtered by. */
export function agendaThemes(orienteur: Orienteur): string[] {
  const byKey = new Map<string, string>();
  for (const event of orienteur.base.agenda) for (const tag of event.tags) if (!byKey.has(foldText(tag))) byKey.set(foldText(tag), tag);
  return [...byKey.values()].sort(FRENCH.compare);
}

/** Good practices, newest first. */
export function practices(orienteur: Orienteur): Pratique[] {
  return [...orienteur.base.pratiques].sort((a, b) => b.date.localeCompare(a.date) || FRENCH.compare(a.titre, b.titre));
}

/** One white zone: an area of the base where some communes have no service for a need. */
export interface CoverageGap {
  besoin: Besoin;
  /** The EPCI (communauté de communes or d'agglomération). */
  zone: { nom: string; code: string };
  /** Names of the communes with no service for this need, alphabetical. */
  communes: string[];
  /** Communes of the area inside the base's départements. */
  total: number;
}

/**
 * For each need, the EPCI of the base's départements where at least one commune has no service with
 * that need, and those communes: `kb check`'s coverage warning, down to the commune. EPCI rather than
 * the base's own territories: every editor knows them, and they are finer. Needs where the place does
 * not matter (national lines) are left out, and, as in `kb check`, needs communal by nature: those
 * that say `echelle: commune`, and those answered only by CCAS or CIAS (every commune has one).
 */
export function coverageGaps(orienteur: Orienteur): readonly CoverageGap[] {
  let gaps = gapsCache.get(orienteur);
  if (!gaps) gapsCache.set(orienteur, (gaps = computeCoverageGaps(orienteur)));
  return gaps;
}

/** Computed once per loaded base (a reload makes a new one): the page is read often, the base changes rarely. */
const gapsCache = new WeakMap<Orienteur, readonly CoverageGap[]>();

function computeCoverageGaps(orienteur: Orienteur): CoverageGap[] {
  const { base, geography } = orienteur;
  const departements = new Set(base.info.departements);
  const inScope = (codes: readonly string[]) => codes.filter((code) => departements.has(geography.communes.get(code)?.departement ?? ""));
  const areas = [...geography.epcis.values()].map((e) => ({ nom: e.nom, code: e.code, communes: inScope(e.membres) })).filter((area) => area.communes.length > 0);
  const gaps: CoverageGap[] = [];
  for (const besoin of base.besoins) {
    if (besoin.lieu_indifferent || besoin.echelle === "commune") continue;
    const services = base.services.filter((s) => s.besoins.includes(besoin.id));
    if (services.length > 0 && services.every(isCommunalService)) continue;
    // One union of the need's zones, then one look-up per commune (not one per commune and service).
    const union = unionOf(services.map((s) => serviceZone(orienteur, s)));
    if (union.wholeCountry) continue;
    for (const area of areas) {
      const missing = area.communes.filter((code) => !zoneCoversCommune(geography, union, code));
      if (missing.length === 0) continue;
      gaps.push({ besoin, zone: { nom: area.nom, code: area.code }, communes: missing.map((code) => geography.communes.get(code)!.nom).sort(FRENCH.compare), total: area.communes.length });
    }
  }
  return gaps;
}

/** The zones of several services as one: a commune is covered when one of them covers it. */
function unionOf(zones: readonly Zone[]): Zone {
  const departements = new Set<string>();
  const communes = new Set<string>();
  for (const zone of new Set(zones)) {
    if (zone.wholeCountry) return { wholeCountry: true, departements, communes };
    for (const code of zone.departements) departements.add(code);
    for (const code of zone.communes) communes.add(code);
  }
  return { wholeCountry: false, departements, communes };
}

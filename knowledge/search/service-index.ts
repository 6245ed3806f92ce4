// Services compiled for answering fast: zone as sets, services grouped by need, and a
// full-text index over names, sigles and keywords for questions that name a service directly.
import MiniSearch from "minisearch";
import { compileZone, communesOfZone, type Zone } from "../places/coverage.ts";
import type { Geography } from "../places/geography.ts";
import type { Service, Territoire } from "../schema/index.ts";
import { typoBudget } from "../text/distance.ts";
import { foldText } from "../text/normalize.ts";
import { STOP_WORDS, stemWord } from "../text/stem.ts";

export interface IndexedService {
  service: Service;
  zone: Zone;
  /** True when the zone covers every commune of the base's départements. */
  coversWholeScope: boolean;
}

export interface TextHit {
  id: string;
  /** Relative to the best hit of the same query (0–1]. */
  relevance: number;
  /** True when the name, sigle or keywords matched, not only the description. */
  strong: boolean;
}

export interface ServiceIndex {
  byId: ReadonlyMap<string, IndexedService>;
  byNeed: ReadonlyMap<string, readonly IndexedService[]>;
  entryPoints: readonly IndexedService[];
  searchText(question: string): TextHit[];
}

const tokenize = (text: string) => foldText(text).split(" ");
const processTerm = (term: string) => (term === "" || STOP_WORDS.has(term) ? null : stemWord(term));

/** Compiles the services of a base. */
export function createServiceIndex(geography: Geography, services: readonly Service[], territoires: readonly Territoire[], scopeDepartements: readonly string[]): ServiceIndex {
  const territoryCommunes = new Map(territoires.map((t) => [t.id, communesOfZone(geography, t.zone)]));
  const scopeCommunes = scopeDepartements.flatMap((d) => geography.communesOfDepartement(d));
  const byId = new Map<string, IndexedService>();
  const byNeed = new Map<string, IndexedService[]>();
  const entryPoints: IndexedService[] = [];
  for (const service of services) {
    const extra = (service.territoires ?? []).flatMap((id) => territoryCommunes.get(id) ?? []);
    const zone = compileZone(geography, service.zone_eligibilite ?? [], extra);
    const coversWholeScope =
      zone.wholeCountry || scopeDepartements.every((d) => zone.departements.has(d)) || (zone.communes.size >= scopeCommunes.length && scopeCommunes.every((c) => zone.communes.has(c)));
    const indexed = { service, zone, coversWholeScope };
    byId.set(service.id, indexed);
    for (const need of service.besoins) {
      const list = byNeed.get(need);
      if (list) list.push(indexed);
      else byNeed.set(need, [indexed]);
    }
    if (service.point_entree) entryPoints.push(indexed);
  }

  const vocabulary = new Set<string>();
  const text = new MiniSearch<Service>({
    fields: ["nom", "sigle", "mots_cles", "structure", "description_falc"],
    extractField: (service, field) => {
      const value = (service as unknown as Record<string, unknown>)[field];
      return Array.isArray(value) ? value.join(" ") : typeof value === "string" ? value : "";
    },
    tokenize,
    processTerm: (term) => {
      const stem = processTerm(term);
      if (stem) vocabulary.add(stem);
      return stem;
    },
    searchOptions: {
      processTerm,
      boost: { nom: 2, sigle: 3, mots_cles: 1.5, structure: 1, description_falc: 0.4 },
      // Only unknown words are typos: a known word must not also match its neighbours.
      fuzzy: (term) => (vocabulary.has(term) ? false : typoBudget(term.length)),
      maxFuzzy: 2,
      combineWith: "OR",
    },
  });
  text.addAll(services);

  return {
    byId,
    byNeed,
    entryPoints,
    searchText(question) {
      const results = text.search(question);
      const top = results[0]?.score ?? 0;
      return results.slice(0, 50).map((result) => ({
        id: String(result.id),
        relevance: top > 0 ? result.score / top : 0,
        strong: Object.values(result.match).some((fields) => fields.some((f) => f === "nom" || f === "sigle" || f === "mots_cles")),
      }));
    },
  };
}

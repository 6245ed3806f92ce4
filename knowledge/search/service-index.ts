// Services compiled for answering fast: zone as sets, services grouped by need, and a
// full-text index over names, sigles and keywords for questions that name a service directly.
import MiniSearch from "minisearch";
import { compileZone, communesOfZone, type Zone } from "../places/coverage.ts";
import type { Geography } from "../places/geography.ts";
import type { Service, Territoire } from "../schema/index.ts";
import { typoBudget } from "../text/distance.ts";
import { foldText } from "../text/normalize.ts";
import { contentStems, STOP_WORDS, stemWord } from "../text/stem.ts";

export interface IndexedService {
  service: Service;
  zone: Zone;
  /** True when the zone covers every commune of the base's départements. */
  coversWholeScope: boolean;
  /** Stems of the name, sigle, keywords and structure: what makes a question name this service. */
  nameStems: ReadonlySet<string>;
}

interface TextHit {
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
  /** Full-text search over names, sigles and keywords: the fallback when no need is recognised. */
  searchText(question: string): TextHit[];
  /** Stems of a question as they appear in service names and keywords (« durgence » read as « urgence »). */
  nameStemsOf(question: string): Set<string>;
}

const TEXT_FIELDS = ["nom", "sigle", "mots_cles", "structure"] as const;
/** Words of a question the name search reads at most. */
const MAX_SEARCH_WORDS = 16;
type TextField = (typeof TEXT_FIELDS)[number];

function fieldText(service: Service, field: TextField): string {
  const value = service[field];
  return Array.isArray(value) ? value.join(" ") : (value ?? "");
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
  const fieldStems = new Map<string, Record<TextField, string[]>>();
  // Services of the same area share one compiled zone: a base repeats a few dozen zones thousands of times.
  const zones = new Map<string, { zone: Zone; coversWholeScope: boolean }>();
  const stemsOfText = new Map<string, string[]>();
  const stemsOf = (text: string) => {
    let stems = stemsOfText.get(text);
    if (!stems) stemsOfText.set(text, (stems = contentStems(text)));
    return stems;
  };
  for (const service of services) {
    const key = `${(service.zone_eligibilite ?? []).join(",")}|${(service.territoires ?? []).join(",")}`;
    let compiled = zones.get(key);
    if (!compiled) {
      const extra = (service.territoires ?? []).flatMap((id) => territoryCommunes.get(id) ?? []);
      const zone = compileZone(geography, service.zone_eligibilite ?? [], extra);
      const coversWholeScope =
        zone.wholeCountry || scopeDepartements.every((d) => zone.departements.has(d)) || (zone.communes.size >= scopeCommunes.length && scopeCommunes.every((c) => zone.communes.has(c)));
      compiled = { zone, coversWholeScope };
      zones.set(key, compiled);
    }
    const { zone, coversWholeScope } = compiled;
    // Folded and stemmed once per field, for both the name overlap and the full-text index; once per
    // distinct text too, as services repeat their structures, sigles and keywords.
    const stemsByField = Object.fromEntries(TEXT_FIELDS.map((field) => [field, stemsOf(fieldText(service, field))])) as Record<TextField, string[]>;
    const nameStems = new Set(TEXT_FIELDS.flatMap((field) => stemsByField[field]));
    fieldStems.set(service.id, stemsByField);
    const indexed = { service, zone, coversWholeScope, nameStems };
    byId.set(service.id, indexed);
    for (const need of service.besoins) {
      const list = byNeed.get(need);
      if (list) list.push(indexed);
      else byNeed.set(need, [indexed]);
    }
    if (service.point_entree) entryPoints.push(indexed);
  }

  // The full-text index answers only questions where no need was read: built on the first such
  // question, not at every start (a command that reads a need never pays for it).
  let textIndex: MiniSearch<Service> | undefined;
  const text = () => (textIndex ??= createTextIndex(services, fieldStems));

  const nameVocabulary = new Set<string>();
  for (const indexed of byId.values()) for (const stem of indexed.nameStems) nameVocabulary.add(stem);

  return {
    byId,
    byNeed,
    entryPoints,
    nameStemsOf(question) {
      const stems = new Set<string>();
      for (const word of foldText(question).split(" ")) {
        if (word === "" || STOP_WORDS.has(word)) continue;
        const stem = stemWord(word);
        // A chat elision typed without its apostrophe: « durgence » for « d'urgence ».
        const elided = /^(?:d|l|j|m|n|s|t|qu)(?=[aeiouyh])(.{3,})$/.exec(word)?.[1];
        stems.add(!nameVocabulary.has(stem) && elided && nameVocabulary.has(stemWord(elided)) ? stemWord(elided) : stem);
      }
      return stems;
    },
    searchText(question) {
      // A service name is a few words: the first distinct words of a long text are enough, and
      // fuzzy search over hundreds of words would block the server.
      const words = [...new Set(foldText(question).split(" ").filter((w) => w !== "" && !STOP_WORDS.has(w)))].slice(0, MAX_SEARCH_WORDS);
      const results = text().search(words.join(" "), { combineWith: "OR" });
      const top = results[0]?.score ?? 0;
      return results.slice(0, 50).map((result) => ({
        id: String(result.id),
        relevance: top > 0 ? result.score / top : 0,
        strong: Object.values(result.match).some((fields) => fields.some((f) => f === "nom" || f === "sigle" || f === "mots_cles")),
      }));
    },
  };
}

/** The full-text index over names, sigles, keywords and structures, from each service's stems (emptied once read). */
function createTextIndex(services: readonly Service[], fieldStems: Map<string, Record<TextField, string[]>>): MiniSearch<Service> {
  const vocabulary = new Set<string>();
  const text = new MiniSearch<Service>({
    // Names, sigles and keywords only: descriptions share too many words (« service… à domicile »)
    // to tell services apart, and would make every question scan thousands of postings.
    fields: [...TEXT_FIELDS],
    extractField: (service, field) => (field === "id" ? service.id : (fieldStems.get(service.id)?.[field as TextField]?.join(" ") ?? "")),
    tokenize: (stems) => stems.split(" "),
    processTerm: (stem) => {
      if (stem === "") return null;
      vocabulary.add(stem);
      return stem;
    },
    searchOptions: {
      tokenize,
      processTerm,
      boost: { nom: 2, sigle: 3, mots_cles: 1.5, structure: 1 },
      // Only unknown words are typos: a known word must not also match its neighbours.
      fuzzy: (term) => (vocabulary.has(term) ? false : typoBudget(term.length)),
      maxFuzzy: 2,
      combineWith: "OR",
    },
  });
  text.addAll(services);
  // Only needed while indexing; MiniSearch keeps `extractField`, and with it this map, alive.
  fieldStems.clear();
  return text;
}

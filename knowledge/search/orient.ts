// The orientation itself: from a free question (and what the conversation already knows) to
// the ranked services that serve that place, each with its reasons — or a question back.
import { zoneCoversAll, zoneCoversCommune } from "../places/coverage.ts";
import type { Geography } from "../places/geography.ts";
import type { Place, PlaceIndex } from "../places/place-index.ts";
import type { Besoin, Public, Service } from "../schema/index.ts";
import type { Glossary, SigleInfo } from "../sigles/glossary.ts";
import { keyOf } from "../sigles/glossary.ts";
import { tokenizeQuestion } from "../text/normalize.ts";
import type { PhraseMatcher } from "./phrase-matcher.ts";
import type { IndexedService, ServiceIndex } from "./service-index.ts";
import { wording } from "./wording.ts";

export type Situation = "ok" | "lieu-manquant" | "besoin-inconnu" | "aucun-service-local" | "hors-territoire";

/** What a conversation remembers between two questions, to understand « et à Decize ? ». */
export interface OrientationContext {
  besoins: string[];
  publics: string[];
  age?: number | undefined;
  lieu?: { type: Place["type"]; code: string } | undefined;
}

export interface OrientationInput {
  question: string;
  /** Default place (a room's territory, `--lieu`): a Place, or what a user typed. */
  lieu?: Place | string | undefined;
  contexte?: OrientationContext | undefined;
  /** How many services to return at most (5). */
  limit?: number;
}

export interface RankedService {
  service: Service;
  score: number;
  raisons: string[];
  /** A general entry point proposed because nothing more specific serves the place. */
  generaliste: boolean;
}

export interface Orientation {
  question: string;
  lieu: Place | null;
  /** Where the place came from: the question, the conversation, or the default. */
  lieuSource: "question" | "contexte" | "defaut" | null;
  besoins: Besoin[];
  besoinsSource: "question" | "contexte" | null;
  publics: Public[];
  age: number | null;
  resultats: RankedService[];
  sigles: SigleInfo[];
  /** Sigle-like words of the question the glossary does not know. */
  siglesInconnus: string[];
  situation: Situation;
  clarification: string | null;
  /** Short notes that qualify the answer (out of territory, partial coverage). */
  remarques: string[];
  contexte: OrientationContext;
}

export interface OrientDependencies {
  geography: Geography;
  places: PlaceIndex;
  glossary: Glossary;
  needs: PhraseMatcher;
  publics: PhraseMatcher;
  services: ServiceIndex;
  besoinsById: ReadonlyMap<string, Besoin>;
  publicsById: ReadonlyMap<string, Public>;
  /** « tout le département (Nièvre) » */
  scopeName: string;
  /** « Nièvre » */
  scopeLabel: string;
}

const NEED_THRESHOLD = 0.75;
/** One collator for every sort: `localeCompare(…, "fr")` builds a new one at each call. */
const FRENCH = new Intl.Collator("fr");
const MAX_NEEDS = 3;

/** Answers one question. Pure and synchronous: about a millisecond on a base of 10 000 services. */
export function orient(deps: OrientDependencies, input: OrientationInput): Orientation {
  const limit = input.limit ?? 5;
  const tokens = tokenizeQuestion(input.question);
  const { trouves: sigles, inconnus: siglesInconnus } = deps.glossary.findInText(input.question);

  const placeMatch = deps.places.detect(tokens);
  let lieu: Place | null = placeMatch?.place ?? null;
  let lieuSource: Orientation["lieuSource"] = lieu ? "question" : null;
  if (!lieu && input.contexte?.lieu) {
    lieu = deps.places.byRef(input.contexte.lieu.type, input.contexte.lieu.code) ?? null;
    if (lieu) lieuSource = "contexte";
  }
  if (!lieu && input.lieu !== undefined) {
    lieu = (typeof input.lieu === "string" ? deps.places.resolve(input.lieu) : input.lieu) ?? null;
    if (lieu) lieuSource = "defaut";
  }

  // Place words are taken out before looking for needs: « Saint-Honoré-les-Bains » is not a need for a bath.
  const withoutPlace = placeMatch ? [...tokens.slice(0, placeMatch.start), ...tokens.slice(placeMatch.end)] : tokens;
  const expansions = sigles.map((s) => s.developpements[0]?.forme_longue ?? "").join(" ");
  const needText = `${withoutPlace.join(" ")} ${expansions}`;

  const needHits = deps.needs.match(needText);
  const bestNeed = needHits[0]?.score ?? 0;
  let needStrength = new Map(
    needHits
      .filter((hit) => hit.score >= NEED_THRESHOLD && hit.score >= 0.6 * bestNeed && deps.besoinsById.has(hit.owner))
      .slice(0, MAX_NEEDS)
      .map((hit) => [hit.owner, hit.score]),
  );
  let besoinsSource: Orientation["besoinsSource"] = needStrength.size > 0 ? "question" : null;
  if (needStrength.size === 0 && input.contexte && input.contexte.besoins.length > 0) {
    needStrength = new Map(input.contexte.besoins.filter((id) => deps.besoinsById.has(id)).map((id) => [id, 1]));
    if (needStrength.size > 0) besoinsSource = "contexte";
  }
  const besoins = [...needStrength.keys()].map((id) => deps.besoinsById.get(id)!);

  let age = readAge(withoutPlace);
  const publicIds = new Set(deps.publics.match(withoutPlace.join(" ")).filter((hit) => hit.score >= 0.99).map((hit) => hit.owner));
  if (age !== null) for (const p of deps.publicsById.values()) if (p.age_min !== undefined && age >= p.age_min && (p.age_max === undefined || age <= p.age_max)) publicIds.add(p.id);
  if (publicIds.size === 0 && age === null && besoinsSource === "contexte" && input.contexte) {
    for (const id of input.contexte.publics) publicIds.add(id);
    age = input.contexte.age ?? null;
  }
  const publics = [...publicIds].map((id) => deps.publicsById.get(id)).filter((p): p is Public => p !== undefined);

  const questionStems = deps.services.nameStemsOf(withoutPlace.join(" "));
  const sigleKeys = new Set(sigles.map((s) => keyOf(s.sigle)));
  const sigleServices = new Set(sigles.flatMap((s) => s.services));

  const candidates = new Map<string, IndexedService>();
  for (const id of needStrength.keys()) for (const indexed of deps.services.byNeed.get(id) ?? []) candidates.set(indexed.service.id, indexed);
  // No need recognised: the question may name a service (« mission locale », « CSAPA »). Full-text
  // search is only run then; with a need, names are compared with the candidates alone (fast on 10 000 services).
  if (candidates.size === 0) {
    for (const hit of deps.services.searchText(withoutPlace.join(" "))) {
      if (hit.strong && hit.relevance >= 0.5) candidates.set(hit.id, deps.services.byId.get(hit.id)!);
    }
  }
  if (age !== null) {
    for (const [id, { service }] of candidates) {
      if ((service.age_min !== undefined && age < service.age_min) || (service.age_max !== undefined && age > service.age_max)) candidates.delete(id);
    }
  }

  const remarques: string[] = [];
  let situation: Situation = "ok";
  let clarification: string | null = null;
  let generaliste = false;
  let retained: IndexedService[] = [...candidates.values()];

  if (candidates.size === 0 && besoins.length === 0) {
    situation = "besoin-inconnu";
    clarification = wording.askNeed();
    retained = [];
  } else if (lieu) {
    const place = lieu;
    retained = retained.filter((c) => zoneCoversAll(deps.geography, c.zone, place.communes));
    if (!place.inScope) {
      situation = "hors-territoire";
      remarques.push(wording.outOfScope(place, deps.scopeLabel));
    } else if (place.type !== "commune" && retained.length < candidates.size && [...candidates.values()].some((c) => !c.coversWholeScope)) {
      remarques.push(wording.partialPlace(place));
    }
    const someCoverPart = () => [...candidates.values()].some((c) => place.communes.some((code) => zoneCoversCommune(deps.geography, c.zone, code)));
    if (retained.length === 0 && place.inScope && place.type !== "commune" && someCoverPart()) {
      // « dans la Nièvre » when every provider is local: the commune is what is missing, not a service.
      situation = "lieu-manquant";
      clarification = wording.askPlace(besoins.map((b) => b.libelle).join(", ") || "ce besoin");
      remarques.length = 0;
    } else if (retained.length === 0 && place.inScope) {
      situation = "aucun-service-local";
      generaliste = true;
      retained = deps.services.entryPoints.filter((c) => zoneCoversAll(deps.geography, c.zone, place.communes));
    }
  } else {
    const placeMatters = besoins.some((b) => !b.lieu_indifferent) && retained.some((c) => !c.coversWholeScope);
    if (placeMatters) {
      situation = "lieu-manquant";
      clarification = wording.askPlace(besoins.map((b) => b.libelle).join(", ") || "ce besoin");
      retained = retained.filter((c) => c.coversWholeScope);
    }
  }

  const resultats = retained
    .map((indexed) => rank(indexed))
    // On a tie, the service dedicated to fewer needs is the more specific answer.
    .sort((a, b) => b.score - a.score || a.service.besoins.length - b.service.besoins.length || FRENCH.compare(a.service.nom, b.service.nom))
    .slice(0, limit);

  return {
    question: input.question,
    lieu,
    lieuSource,
    besoins,
    besoinsSource,
    publics,
    age,
    resultats,
    sigles,
    siglesInconnus,
    situation,
    clarification,
    remarques,
    contexte: {
      besoins: besoins.map((b) => b.id),
      publics: publics.map((p) => p.id),
      age: age ?? undefined,
      lieu: lieu ? { type: lieu.type, code: lieu.code } : undefined,
    },
  };

  function rank(indexed: IndexedService): RankedService {
    const { service } = indexed;
    const raisons: string[] = [];
    let score = 0;
    if (generaliste) {
      raisons.push(wording.reasonEntryPoint());
    } else {
      const matchedNeeds = service.besoins.filter((id) => needStrength.has(id));
      const strength = Math.max(0, ...matchedNeeds.map((id) => needStrength.get(id)!));
      score += 0.55 * Math.min(1, strength / 1.3);
      for (const id of matchedNeeds) raisons.push(wording.reasonNeed(deps.besoinsById.get(id)!.libelle));
      const named = nameOverlapOf(questionStems, indexed);
      score += 0.15 * named;
      if (matchedNeeds.length === 0 && named > 0) raisons.push(wording.reasonName());
      if ((service.sigle && sigleKeys.has(keyOf(service.sigle))) || sigleServices.has(service.id)) {
        score += 0.15;
        raisons.push(wording.reasonSigle(service.sigle ?? sigles.find((s) => s.services.includes(service.id))!.sigle));
      }
    }
    if (publics.length > 0) {
      const shared = publics.filter((p) => service.publics.includes(p.id));
      if (shared.length > 0) {
        score += 0.1;
        raisons.push(wording.reasonPublic(shared[0]!.libelle));
      } else if (service.publics.includes("tous-publics")) {
        score += 0.04;
        raisons.push(wording.reasonAllPublics());
      } else score *= 0.7;
    }
    if (indexed.zone.wholeCountry) raisons.push(wording.reasonNational());
    else if (indexed.coversWholeScope) raisons.push(wording.reasonWholeScope(deps.scopeName));
    else if (lieu) {
      score += 0.05;
      raisons.push(wording.reasonZone(lieu));
    }
    if (generaliste) score = 0.3 + 0.05 * (indexed.coversWholeScope ? 0 : 1);
    return { service, score: Math.round(Math.min(1, score) * 1000) / 1000, raisons, generaliste };
  }
}

/** Share of the question's words found in a service's name, sigle or keywords (0–1). */
function nameOverlapOf(questionStems: ReadonlySet<string>, indexed: IndexedService): number {
  if (questionStems.size === 0) return 0;
  let shared = 0;
  for (const stem of questionStems) if (indexed.nameStems.has(stem)) shared++;
  return shared / questionStems.size;
}

/** « mon père de 85 ans », « un jeune de 19ans » → the age, when plausible. */
function readAge(tokens: readonly string[]): number | null {
  for (let i = 0; i < tokens.length; i++) {
    const match = /^(\d{1,3})(ans?)?$/.exec(tokens[i]!);
    if (!match) continue;
    if (match[2] || tokens[i + 1] === "ans" || tokens[i + 1] === "an") {
      const value = Number(match[1]);
      if (value <= 115) return value;
    }
  }
  return null;
}

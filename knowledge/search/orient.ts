// The orientation itself: from a free question (and what the conversation already knows) to
// the ranked services that serve that place, each with its reasons — or a question back.
import { zoneCoversAll, zoneCoversCommune, type Zone } from "../places/coverage.ts";
import type { Geography } from "../places/geography.ts";
import type { Place, PlaceIndex } from "../places/place-index.ts";
import type { Besoin, Public, Service } from "../schema/index.ts";
import type { Glossary, SigleInfo } from "../sigles/glossary.ts";
import { keyOf } from "../sigles/glossary.ts";
import { byPriority, DANGER_NEED, type DangerMatch, type NeedReader } from "../understand/needs.ts";
import { byVictim } from "../understand/victims.ts";
import { asksMeaning } from "../understand/asks-meaning.ts";
import { isOnlyPoliteness } from "../understand/politeness.ts";
import type { ReadMessage } from "../understand/read-message.ts";
import { partialZoneRemarks } from "./partial-zone.ts";
import type { IndexedService, ServiceIndex } from "./service-index.ts";
import { wording } from "./wording.ts";

type Situation = "ok" | "lieu-manquant" | "lieu-ambigu" | "besoin-inconnu" | "aucun-service-local" | "hors-territoire";

/** What a conversation remembers between two questions, to understand « et à Decize ? ». */
export interface OrientationContext {
  besoins: string[];
  publics: string[];
  age?: number | undefined;
  lieu?: { type: Place["type"]; code: string } | undefined;
  /** Dangers read earlier in the conversation: the situation has not changed with a follow-up. */
  dangers?: string[] | undefined;
}

export interface OrientationInput {
  question: string;
  /** The question already read (one parse per message): given by the conversation core. */
  lu?: ReadMessage | undefined;
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
  /** Dangers described, with the national lines the answer starts with (before any service). */
  urgences: DangerMatch[];
  /** With several needs: the services of each need, in the order of `besoins`. */
  groupes: { besoin: Besoin; resultats: RankedService[] }[];
  /** The communes the question's place can mean, when it must be asked which (homonyms). */
  lieuxPossibles: Place[];
  /** The question asks what its sigles mean (« c'est quoi un SIAO ? »): their meanings answer it first. */
  expliqueSigles: boolean;
}

export interface OrientDependencies {
  geography: Geography;
  places: PlaceIndex;
  glossary: Glossary;
  needs: NeedReader;
  /** Reads a message once (tokens, lemmas, sigles). */
  read: (text: string) => ReadMessage;
  services: ServiceIndex;
  besoinsById: ReadonlyMap<string, Besoin>;
  publicsById: ReadonlyMap<string, Public>;
  /** « tout le département (Nièvre) » */
  scopeName: string;
  /** « Nièvre » */
  scopeLabel: string;
}

/** Whether a message adds to what was asked before (« aussi », « en plus », « également »). */
function addsToBefore(words: readonly string[]): boolean {
  return words.some((w, i) => w === "aussi" || w === "egalement" || (w === "plus" && (words[i - 1] === "en" || words[i - 1] === "de")));
}

/** One collator for every sort: `localeCompare(…, "fr")` builds a new one at each call. */
const FRENCH = new Intl.Collator("fr");

/** Per services index, each service's place in the base's names in French order (see namePlacesOf). */
const NAME_PLACES = new WeakMap<ServiceIndex, ReadonlyMap<Service, number>>();

/**
 * Each service's place in the base's names sorted once in French order: ties between equal scores
 * are many on a large base, and the collator is slow to call at each. Names the collator finds equal
 * share a place, so comparing places orders as FRENCH.compare does.
 */
function namePlacesOf(services: ServiceIndex): ReadonlyMap<Service, number> {
  let places = NAME_PLACES.get(services);
  if (!places) {
    const sorted = [...services.byId.values()].map((indexed) => indexed.service).sort((a, b) => FRENCH.compare(a.nom, b.nom));
    const found = new Map<Service, number>();
    let place = 0;
    sorted.forEach((service, i) => {
      if (i > 0 && FRENCH.compare(sorted[i - 1]!.nom, service.nom) !== 0) place = i;
      found.set(service, place);
    });
    NAME_PLACES.set(services, (places = found));
  }
  return places;
}

/** A candidate as ranked: its score and what its order depends on; its reasons are written only if it is shown. */
interface Scored {
  indexed: IndexedService;
  score: number;
  /** How many needs the service answers: on a tie, the more specific first. */
  needs: number;
  /** Its name's place in French order (undefined only for a service outside the index). */
  namePlace: number | undefined;
  shown?: RankedService;
}

/**
 * zoneCoversAll for one list of communes, decided once per zone: services of the same area share
 * their compiled zone, so a large base has thousands of candidates but a few hundred zones.
 */
function coverageOf(geography: Geography, communes: readonly string[]): (zone: Zone) => boolean {
  const verdicts = new Map<Zone, boolean>();
  return (zone) => {
    let covers = verdicts.get(zone);
    if (covers === undefined) verdicts.set(zone, (covers = zoneCoversAll(geography, zone, communes)));
    return covers;
  };
}

/** Answers one question. Pure and synchronous: about a millisecond on a base of 10 000 services. */
export function orient(deps: OrientDependencies, input: OrientationInput): Orientation {
  return orientRanked(deps, input)();
}

/**
 * Reads and ranks a question once, for answers of several lengths: `orientRanked(deps, input)(50)`
 * is `orient(deps, { ...input, limit: 50 })`, and without a limit, `input.limit` (5). The conversation
 * shows a few services per need and keeps each need's longer list for « plus » from one reading.
 */
export function orientRanked(deps: OrientDependencies, input: OrientationInput): (limit?: number) => Orientation {
  const message = input.lu ?? deps.read(input.question);
  const tokens = message.tokens;

  // « merci, bonne journée » asks nothing and names no place, whatever commune « Bonne » may be;
  // it is not a follow-up asking the same again either, and leaves the conversation as it was.
  const polite = isOnlyPoliteness(input.question);

  // Stage: place. A commune named like a French word is looked for again once the needs are known.
  let placeMatch = polite ? undefined : deps.places.detect(tokens);
  const placePositions = (match: typeof placeMatch) =>
    new Set(match ? [[match.start, match.end] as const, ...(match.landmarks ?? [])].flatMap(([start, end]) => tokens.slice(start, end).map((t) => t.position)) : []);
  let reading = deps.needs.read(message, placePositions(placeMatch));
  if (!placeMatch && !polite) {
    const claimed = new Set([...reading.needs.flatMap((n) => n.positions), ...reading.dangerPositions]);
    const relaxed = new Set(tokens.map((t, index) => (claimed.has(t.position) ? -1 : index)).filter((index) => index >= 0));
    const loose = deps.places.detect(tokens, { relaxed });
    if (loose) {
      placeMatch = loose;
      reading = deps.needs.read(message, placePositions(loose));
    }
  }
  const lieuxPossibles = placeMatch?.alternatives ?? [];
  let lieu: Place | null = lieuxPossibles.length > 1 ? null : (placeMatch?.place ?? null);
  let lieuSource: Orientation["lieuSource"] = lieu ? "question" : null;
  if (!lieu && lieuxPossibles.length === 0 && input.contexte?.lieu) {
    lieu = deps.places.byRef(input.contexte.lieu.type, input.contexte.lieu.code) ?? null;
    if (lieu) lieuSource = "contexte";
  }
  if (!lieu && lieuxPossibles.length === 0 && input.lieu !== undefined) {
    lieu = (typeof input.lieu === "string" ? deps.places.resolve(input.lieu) : input.lieu) ?? null;
    if (lieu) lieuSource = "defaut";
  }

  // Stage: needs, publics, danger.
  let needStrength = new Map(reading.needs.filter((n) => deps.besoinsById.has(n.id)).map((n) => [n.id, n.score]));
  let besoinsSource: Orientation["besoinsSource"] = needStrength.size > 0 ? "question" : null;
  let urgences = reading.dangers;
  // « et pour un logement ce soir ? » after a question on violence is still about that woman and
  // still urgent: her line stays first. A calm follow-up (« et ensuite ? ») does not sound the alarm again.
  const earlier = (urgences.length === 0 ? [] : (input.contexte?.dangers ?? [])).filter((id) => !urgences.some((u) => u.danger.danger === id)).map((id) => deps.needs.danger(id));
  if (earlier.length > 0) urgences = byPriority([...urgences, ...earlier.filter((u): u is DangerMatch => u !== undefined)]);
  // A follow-up (« et à Decize ? ») keeps the need; one that asks something new that is not understood does not.
  // A new place is what a follow-up usually brings (« oups, je voulais dire Varzy »): words around it
  // are not a new request. Without a place, a word nothing understood is (« et pour son chien ? »).
  const asksSomethingNew = reading.unexplained.length > 0 && !placeMatch;
  if (needStrength.size === 0 && input.contexte && input.contexte.besoins.length > 0 && !asksSomethingNew && urgences.length === 0 && !polite) {
    needStrength = new Map(input.contexte.besoins.filter((id) => deps.besoinsById.has(id)).map((id) => [id, 1]));
    if (needStrength.size > 0) besoinsSource = "contexte";
  }
  // « et un foyer aussi » adds a need to the conversation's, it does not replace them.
  if (besoinsSource === "question" && input.contexte && addsToBefore(tokens.map((t) => t.folded))) {
    for (const id of input.contexte.besoins) if (deps.besoinsById.has(id) && !needStrength.has(id)) needStrength.set(id, 1);
  }
  const besoins = [...needStrength.keys()].map((id) => deps.besoinsById.get(id)!);
  // Sigles are read once the needs are known: « CAE » in a child-protection question is the PJJ centre.
  const { trouves: sigles, inconnus: siglesInconnus } = deps.glossary.findInText(input.question, besoins.map((b) => `${b.libelle} ${b.domaine} ${b.description ?? ""}`).join(" "));

  const placeWords = placePositions(placeMatch);
  const freeWords = tokens.filter((t) => !placeWords.has(t.position)).map((t) => t.folded);
  let age = readAge(freeWords);
  const publicIds = new Set(reading.publics.filter((id) => deps.publicsById.has(id)));
  if (age !== null) for (const p of deps.publicsById.values()) if (p.age_min !== undefined && age >= p.age_min && (p.age_max === undefined || age <= p.age_max)) publicIds.add(p.id);
  if (publicIds.size === 0 && age === null && besoinsSource === "contexte" && input.contexte) {
    for (const id of input.contexte.publics) publicIds.add(id);
    age = input.contexte.age ?? null;
  }
  const publics = [...publicIds].map((id) => deps.publicsById.get(id)).filter((p): p is Public => p !== undefined);

  urgences = byVictim(urgences, { age, publics, words: freeWords }, deps.needs);
  // Needs read through a danger follow the danger as finally understood (a child's 119 brings child
  // protection; a knife held by her partner, the 17 then the 3919, brings the violence services).
  if ((besoinsSource === "question" && reading.needs.some((n) => n.phrase.startsWith(DANGER_NEED))) || (besoinsSource === null && urgences.length > 0)) {
    const fromDangers = new Set(urgences.flatMap((u) => deps.needs.needsOfDanger(u.danger.danger)));
    const readDirectly = new Set(reading.needs.filter((n) => !n.phrase.startsWith(DANGER_NEED)).map((n) => n.id));
    for (const id of [...needStrength.keys()]) if (!fromDangers.has(id) && !readDirectly.has(id)) needStrength.delete(id);
    for (const id of fromDangers) if (deps.besoinsById.has(id) && !needStrength.has(id)) needStrength.set(id, 1);
    besoins.splice(0, besoins.length, ...[...needStrength.keys()].map((id) => deps.besoinsById.get(id)!));
    if (needStrength.size > 0) besoinsSource = "question";
  }
  urgences = urgences.filter((d) => d.lignes.length > 0);

  // Stage: candidates.
  const freeText = freeWords.join(" ");
  const questionStems = deps.services.nameStemsOf(freeText);
  const sigleKeys = new Set(sigles.map((s) => keyOf(s.sigle)));
  const sigleServices = new Set(sigles.flatMap((s) => s.services));

  // One entry per service (the index hands the same object for a service under each of its needs), in the order first met.
  const candidates = new Set<IndexedService>();
  for (const id of needStrength.keys()) for (const indexed of deps.services.byNeed.get(id) ?? []) candidates.add(indexed);
  // No need recognised: the question may name a service (« mission locale », « le CSAPA »). A word
  // of a service's name is not a need: the name must be what the question is about.
  if (candidates.size === 0 && !asksSomethingNewInFollowUp()) {
    for (const hit of deps.services.searchText(freeText)) {
      const indexed = deps.services.byId.get(hit.id)!;
      if (hit.strong && hit.relevance >= 0.5 && namesService(indexed)) candidates.add(indexed);
    }
  }
  if (age !== null) {
    for (const indexed of candidates) {
      const { service } = indexed;
      if ((service.age_min !== undefined && age < service.age_min) || (service.age_max !== undefined && age > service.age_max)) candidates.delete(indexed);
    }
  }

  const expliqueSigles = sigles.length > 0 && asksMeaning(tokens);
  const remarques: string[] = [];
  if (placeMatch?.formerName && lieu && lieuSource === "question") remarques.push(wording.formerCommune(placeMatch.formerName, lieu.nom));
  let situation: Situation = "ok";
  let clarification: string | null = null;
  let generaliste = false;
  let retained: IndexedService[] = [...candidates.values()];

  if (lieuxPossibles.length > 1) {
    situation = "lieu-ambigu";
    clarification = wording.askWhichPlace(lieuxPossibles.map((p) => placeLabel(deps.geography, p)));
    const covers = lieuxPossibles.map((p) => coverageOf(deps.geography, p.communes));
    retained = retained.filter((c) => covers.every((coversPlace) => coversPlace(c.zone)));
  } else if (candidates.size === 0 && besoins.length === 0) {
    situation = "besoin-inconnu";
    clarification = urgences.length > 0 ? null : besoinsSource === null && input.contexte?.besoins.length && asksSomethingNew ? wording.askNewNeed() : wording.askNeed();
    retained = [];
    // Understood, but no need of this base takes it (« téléassistance » where the base lists none):
    // said as such, with the general entry points of the place, who can orient the person.
    if (urgences.length === 0 && reading.withoutService.length > 0) {
      clarification = wording.noServiceForNeed(reading.withoutService, lieu);
      if (lieu) {
        const coversPlace = coverageOf(deps.geography, lieu.communes);
        generaliste = true;
        retained = deps.services.entryPoints.filter((c) => coversPlace(c.zone));
      }
    }
  } else if (lieu) {
    const place = lieu;
    const coversPlace = coverageOf(deps.geography, place.communes);
    retained = retained.filter((c) => coversPlace(c.zone));
    if (!place.inScope) {
      situation = "hors-territoire";
      remarques.push(wording.outOfScope(place, deps.scopeLabel));
    } else if (place.type !== "commune" && retained.length < candidates.size && someCandidate((c) => !c.coversWholeScope)) {
      remarques.push(wording.partialPlace(place));
    }
    const someCoverPart = () => someCandidate((c) => place.communes.some((code) => zoneCoversCommune(deps.geography, c.zone, code)));
    if (retained.length === 0 && place.inScope && place.type !== "commune" && someCoverPart()) {
      // « dans la Nièvre » when every provider is local: the commune is what is missing, not a service.
      situation = "lieu-manquant";
      clarification = wording.askPlace(besoins.map((b) => b.libelle).join(", ") || "ce besoin");
      remarques.length = 0;
    } else if (retained.length === 0 && place.inScope) {
      situation = "aucun-service-local";
      generaliste = true;
      retained = deps.services.entryPoints.filter((c) => coversPlace(c.zone));
    }
  } else {
    const placeMatters = besoins.some((b) => !b.lieu_indifferent) && retained.some((c) => !c.coversWholeScope);
    if (placeMatters && expliqueSigles) {
      // The meaning answers the question; the services that cover everywhere follow, and the commune is offered, not asked.
      retained = retained.filter((c) => c.coversWholeScope);
      remarques.push(wording.placeForLocalServices());
    } else if (placeMatters) {
      situation = "lieu-manquant";
      clarification = wording.askPlace(besoins.map((b) => b.libelle).join(", ") || "ce besoin");
      retained = retained.filter((c) => c.coversWholeScope);
    }
  }

  // Stage: ranking. Every candidate is scored; the reasons are written for the services shown only.
  const namePlaces = namePlacesOf(deps.services);
  const ranked: Scored[] = retained.map((indexed) => ({ indexed, score: scoreOf(indexed), needs: indexed.service.besoins.length, namePlace: namePlaces.get(indexed.service) }));
  // On a tie, the service dedicated to fewer needs is the more specific answer; then names in French order.
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      a.needs - b.needs ||
      (a.namePlace !== undefined && b.namePlace !== undefined ? a.namePlace - b.namePlace : FRENCH.compare(a.indexed.service.nom, b.indexed.service.nom)),
  );
  // One object per service shown, whatever the length asked: « plus » shows the same entries.
  const shown = (entry: Scored): RankedService =>
    (entry.shown ??= { service: entry.indexed.service, score: entry.score, raisons: reasonsOf(entry.indexed), generaliste });
  return (limit = input.limit ?? 5) => {
    const resultats = ranked.slice(0, limit).map(shown);
    // With several needs, each gets its own services: the first need must not crowd out the others.
    const groupes =
      besoins.length > 1 && !generaliste
        ? besoins.map((besoin) => ({
            besoin,
            resultats: firstOf(ranked, (r) => r.indexed.service.besoins.includes(besoin.id), Math.max(2, Math.ceil(limit / besoins.length))).map(shown),
          }))
        : [];

    const listed = groupes.length > 0 ? mergeGroups(groupes, limit) : resultats;
    return {
      question: input.question,
      lieu,
      lieuSource,
      besoins,
      besoinsSource,
      publics,
      age,
      resultats: listed,
      sigles,
      siglesInconnus,
      situation,
      clarification,
      remarques: [...remarques, ...partialZoneRemarks(listed, lieu, deps.geography)],
      contexte: polite && input.contexte ? input.contexte : {
        besoins: besoins.map((b) => b.id),
        publics: publics.map((p) => p.id),
        age: age ?? undefined,
        lieu: lieu ? { type: lieu.type, code: lieu.code } : undefined,
        dangers: urgences.length > 0 ? urgences.map((u) => u.danger.danger) : undefined,
      },
      urgences,
      groupes,
      lieuxPossibles: lieuxPossibles.length > 1 ? lieuxPossibles : [],
      expliqueSigles,
    };
  };

  function someCandidate(test: (indexed: IndexedService) => boolean): boolean {
    for (const indexed of candidates) if (test(indexed)) return true;
    return false;
  }

  function asksSomethingNewInFollowUp(): boolean {
    return Boolean(input.contexte?.besoins.length) && asksSomethingNew;
  }

  /** The question is about this service: its sigle is there, or most of the question's words are in its name. */
  function namesService(indexed: IndexedService): boolean {
    const { service } = indexed;
    if (service.sigle && sigleKeys.has(keyOf(service.sigle))) return true;
    if (sigleServices.has(service.id)) return true;
    if (questionStems.size === 0) return false;
    let shared = 0;
    for (const stem of questionStems) if (indexed.nameStems.has(stem)) shared++;
    return shared >= 2 || shared / questionStems.size >= 0.5;
  }

  /** The score of a candidate (0–1, three decimals), from its needs, name, sigle, publics and zone. */
  function scoreOf(indexed: IndexedService): number {
    const { service } = indexed;
    let score = 0;
    if (!generaliste) {
      let strength = 0;
      for (const id of service.besoins) {
        const need = needStrength.get(id);
        if (need !== undefined && need > strength) strength = need;
      }
      score += 0.55 * Math.min(1, strength / 1.3);
      score += 0.15 * nameOverlapOf(questionStems, indexed);
      if (namedBySigle(service)) score += 0.15;
    }
    if (publics.length > 0) {
      if (publics.some((p) => service.publics.includes(p.id))) score += 0.1;
      else if (service.publics.includes("tous-publics")) score += 0.04;
      else score *= 0.7;
    }
    if (!indexed.zone.wholeCountry && !indexed.coversWholeScope && lieu) score += 0.05;
    if (generaliste) score = 0.3 + 0.05 * (indexed.coversWholeScope ? 0 : 1);
    return Math.round(Math.min(1, score) * 1000) / 1000;
  }

  /** Why a candidate is proposed, in the order of what made its score (see scoreOf). */
  function reasonsOf(indexed: IndexedService): string[] {
    const { service } = indexed;
    const raisons: string[] = [];
    if (generaliste) {
      raisons.push(wording.reasonEntryPoint());
    } else {
      const matchedNeeds = service.besoins.filter((id) => needStrength.has(id));
      for (const id of matchedNeeds) raisons.push(wording.reasonNeed(deps.besoinsById.get(id)!.libelle));
      if (matchedNeeds.length === 0 && nameOverlapOf(questionStems, indexed) > 0) raisons.push(wording.reasonName());
      if (namedBySigle(service)) raisons.push(wording.reasonSigle(service.sigle ?? sigles.find((s) => s.services.includes(service.id))!.sigle));
    }
    if (publics.length > 0) {
      const shared = publics.filter((p) => service.publics.includes(p.id));
      if (shared.length > 0) raisons.push(wording.reasonPublic(shared[0]!.libelle));
      else if (service.publics.includes("tous-publics")) raisons.push(wording.reasonAllPublics());
    }
    if (indexed.zone.wholeCountry) raisons.push(wording.reasonNational());
    else if (indexed.coversWholeScope) raisons.push(wording.reasonWholeScope(deps.scopeName));
    else if (lieu) raisons.push(wording.reasonZone(lieu));
    return raisons;
  }

  /** The question names the service by its sigle, or by a sigle the glossary gives for it. */
  function namedBySigle(service: Service): boolean {
    return Boolean(service.sigle && sigleKeys.size > 0 && sigleKeys.has(keyOf(service.sigle))) || sigleServices.has(service.id);
  }
}

/** The first `count` entries that pass `test`, in order: a need's best among thousands of candidates, without filtering them all. */
function firstOf<T>(entries: readonly T[], test: (entry: T) => boolean, count: number): T[] {
  const found: T[] = [];
  for (const entry of entries) {
    if (found.length >= count) break;
    if (test(entry)) found.push(entry);
  }
  return found;
}

/** The services of several needs in one list: each need's best first, in turn, without repeats. */
function mergeGroups(groupes: readonly { resultats: readonly RankedService[] }[], limit: number): RankedService[] {
  const merged: RankedService[] = [];
  const seen = new Set<string>();
  const depth = Math.max(...groupes.map((g) => g.resultats.length));
  for (let i = 0; i < depth; i++) {
    for (const groupe of groupes) {
      const r = groupe.resultats[i];
      if (r && !seen.has(r.service.id)) {
        seen.add(r.service.id);
        merged.push(r);
      }
    }
  }
  return merged.slice(0, Math.max(limit, groupes.length * 2));
}

/** « Sainte-Colombe (58190, Nièvre) » — how a homonym is named when asking which one. */
function placeLabel(geography: Geography, place: Place): string {
  const commune = place.type === "commune" ? geography.communes.get(place.code) : undefined;
  if (!commune) return place.nom;
  const departement = geography.departements.get(commune.departement)?.nom ?? commune.departement;
  const name = place.nom.replace(/\s*\(.*\)$/, "");
  return `${name} (${[commune.codesPostaux[0], departement].filter(Boolean).join(", ")})`;
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

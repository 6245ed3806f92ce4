// Which services a campaign asks: those of a need and of a place (both optional), whose last check
// is older than their update frequency (`frequence_maj_mois`, the checks' default otherwise), and
// that did not answer a campaign within that period. Unknown needs or places get a French error
// with the closest names of the base.
import { defaultQualityOptions } from "../../knowledge/checks/run.ts";
import { monthsBetween } from "../../knowledge/checks/stale.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { compileZone, zoneCoversCommune } from "../../knowledge/places/coverage.ts";
import type { Place } from "../../knowledge/places/place-index.ts";
import type { Service } from "../../knowledge/schema/index.ts";
import { editDistance } from "../../knowledge/text/distance.ts";
import { foldText } from "../../knowledge/text/normalize.ts";
import { campaignTexts } from "./texts.ts";

export interface CampaignFilter {
  /** A need id or its label (« portage-repas », « portage de repas »). */
  besoin?: string | undefined;
  /** A commune, EPCI, département, postal code or territory of the base. */
  territoire?: string | undefined;
}

export interface Selection {
  /** Services to ask, each with the address the link goes to. */
  due: { service: Service; email: string }[];
  /** Due services with no e-mail address in the base: listed as « sans adresse ». */
  withoutEmail: Service[];
  /** Services checked or answered within their update frequency. */
  upToDate: Service[];
  /** How the filters were read, for the report (« Portage de repas à domicile », « Clamecy »). */
  besoinLabel?: string;
  placeName?: string;
}

/** A French error for the person who typed the filter. */
export class CampaignFilterError extends Error {
  override name = "CampaignFilterError";
}

/** The address a campaign e-mail goes to: the service's, else its referent's. */
function contactEmail(service: Service): string | undefined {
  return service.courriel ?? service.referent?.courriel;
}

/** Months between two checks of this service. */
export function frequencyMonths(service: Service): number {
  return service.frequence_maj_mois ?? defaultQualityOptions.defaultFrequencyMonths;
}

/**
 * Selects the services of a campaign.
 * @param lastAnswerAt when a service last answered a campaign (ms), so one that just corrected its fiche is not asked again.
 * @example selectServices(orienteur, { besoin: "portage-repas", territoire: "Clamecy" }, "2026-12-03", () => undefined)
 */
export function selectServices(orienteur: Orienteur, filter: CampaignFilter, today: string, lastAnswerAt: (serviceId: string) => number | undefined): Selection {
  const besoin = filter.besoin ? findNeed(orienteur, filter.besoin) : undefined;
  const place = filter.territoire ? findPlace(orienteur, filter.territoire) : undefined;
  const selection: Selection = { due: [], withoutEmail: [], upToDate: [] };
  if (besoin) selection.besoinLabel = besoin.libelle;
  if (place) selection.placeName = place.nom;
  const territoryCommunes = new Map(orienteur.base.territoires.map((t) => [t.id, compileZone(orienteur.geography, t.zone).communes]));
  for (const service of orienteur.base.services) {
    if (besoin && !service.besoins.includes(besoin.id)) continue;
    if (place && !touches(orienteur, service, place, territoryCommunes)) continue;
    const answered = lastAnswerAt(service.id);
    const answeredDay = answered === undefined ? undefined : new Date(answered).toISOString().slice(0, 10);
    const lastCheck = answeredDay && answeredDay > service.date_maj ? answeredDay : service.date_maj;
    if (monthsBetween(lastCheck, today) < frequencyMonths(service)) {
      selection.upToDate.push(service);
      continue;
    }
    const email = contactEmail(service);
    if (email) selection.due.push({ service, email });
    else selection.withoutEmail.push(service);
  }
  return selection;
}

/** True when the service intervenes somewhere in the place: « tout ce qui couvre Clamecy ». */
function touches(orienteur: Orienteur, service: Service, place: Place, territoryCommunes: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  const extra = (service.territoires ?? []).flatMap((id) => [...(territoryCommunes.get(id) ?? [])]);
  const zone = compileZone(orienteur.geography, service.zone_eligibilite ?? [], extra);
  return place.communes.some((code) => zoneCoversCommune(orienteur.geography, zone, code));
}

function findNeed(orienteur: Orienteur, typed: string) {
  const folded = foldText(typed);
  const besoins = orienteur.base.besoins;
  const found = besoins.find((b) => b.id === typed.trim() || foldText(b.libelle) === folded || b.synonymes.some((s) => foldText(s) === folded));
  if (found) return found;
  const names = besoins.flatMap((b) => [b.id, b.libelle]);
  throw new CampaignFilterError(campaignTexts.cli.unknownNeed(typed, closest(typed, names)));
}

function findPlace(orienteur: Orienteur, typed: string): Place {
  const place = orienteur.places.resolve(typed);
  if (place && (place.inScope || place.type === "territoire")) return place;
  const geography = orienteur.geography;
  const departements = new Set(orienteur.base.info.departements);
  const communes = [...geography.communes.values()].filter((c) => departements.has(c.departement));
  const inScope = new Set(communes.map((c) => c.code));
  const names = [
    ...orienteur.base.territoires.map((t) => t.nom),
    ...[...geography.epcis.values()].filter((e) => e.membres.some((m) => inScope.has(m))).map((e) => e.nom),
    ...communes.map((c) => c.nom),
  ];
  throw new CampaignFilterError(campaignTexts.cli.unknownPlace(typed, place && !place.inScope ? place.nom : undefined, closest(typed, names)));
}

/** The name closest to what was typed, compared without accents or case; undefined when none is near. */
function closest(typed: string, names: readonly string[]): string | undefined {
  const folded = foldText(typed);
  const budget = Math.max(2, Math.floor(folded.length / 3));
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const name of names) {
    const candidate = foldText(name);
    const distance = candidate.includes(folded) && folded.length >= 4 ? 1 : editDistance(folded, candidate, budget);
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return best;
}

// Editions: the same issue for a subscriber who chose a territory and themes. Nothing is removed;
// local items come first in each section, then items about the whole département, then the rest.
// Rendered once per edition, never once per subscriber.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { compileZone, zoneCoversCommune } from "../../knowledge/places/coverage.ts";
import type { Place } from "../../knowledge/places/place-index.ts";
import { foldText } from "../../knowledge/text/normalize.ts";
import type { IssueModel, Item } from "./model.ts";
import { collapseSiglesInIssue, expandSiglesInIssue } from "./sigles.ts";

export interface EditionChoice {
  /** A commune, EPCI, département or territory of the base (from `orienteur.places.resolve`). */
  territoire?: Place | undefined;
  /** Besoin ids or domaines (« soins-infirmiers-domicile », « Autonomie et vieillissement »), or tags. */
  themes?: readonly string[] | undefined;
}

/** Tiers of an item for a territory: lower comes first. */
const Tier = { Local: 0, Wide: 1, Elsewhere: 2 } as const;
type Tier = (typeof Tier)[keyof typeof Tier];

/**
 * The issue ordered for one edition: in each section, items whose zone covers part of the territory
 * come first (local ones before those covering the whole département or France), then items on
 * the chosen themes, each group keeping the issue's order. Sigles are expanded again in the new
 * reading order. The model given is not changed.
 * @example
 * const clamecy = composeEdition(model, { territoire: orienteur.places.resolve("245800447") }, orienteur);
 */
export function composeEdition(model: IssueModel, choice: EditionChoice, orienteur: Orienteur): IssueModel {
  const edition = collapseSiglesInIssue(structuredClone(model));
  const themes = new Set((choice.themes ?? []).map(foldText).filter(Boolean));
  const place = choice.territoire;
  const tiers = new Map<string, Tier>();
  const tierOf = (item: Item): Tier => {
    if (!place) return Tier.Wide;
    const key = item.zone.join(",");
    let tier = tiers.get(key);
    if (tier === undefined) {
      tier = territoryTier(item.zone, place, orienteur);
      tiers.set(key, tier);
    }
    return tier;
  };
  const onTheme = (item: Item) => (themes.size > 0 && item.themes.some((theme) => themes.has(theme)) ? 0 : 1);

  for (const section of edition.sections) {
    section.items = section.items
      .map((item, index) => ({ item, index, tier: tierOf(item), theme: onTheme(item) }))
      .sort((a, b) => a.tier - b.tier || a.theme - b.theme || a.index - b.index)
      .map((entry) => entry.item);
  }
  edition.edition = {
    ...(place ? { territoire: { type: place.type, code: place.code, nom: place.nom } } : {}),
    themes: [...(choice.themes ?? [])],
  };
  return expandSiglesInIssue(edition, orienteur.glossary);
}

function territoryTier(codes: readonly string[], place: Place, orienteur: Orienteur): Tier {
  if (codes.length === 0) return Tier.Wide;
  const zone = compileZone(orienteur.geography, codes);
  const touches = place.communes.some((commune) => zoneCoversCommune(orienteur.geography, zone, commune));
  if (!touches) return Tier.Elsewhere;
  return zone.wholeCountry || zone.departements.size > 0 ? Tier.Wide : Tier.Local;
}

// Turns what the knowledge layer found into answers (see answer.ts). Wording comes from texts.ts.
import { frenchMonth } from "../../knowledge/text/dates.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { placePhrase } from "../../knowledge/search/wording.ts";
import type { Orientation, RankedService } from "../../knowledge/search/orient.ts";
import type { SigleInfo, SiglesInText } from "../../knowledge/sigles/glossary.ts";
import type { Place } from "../../knowledge/places/place-index.ts";
import { text, type Answer, type Block, type Choice, type Definition, type ServiceCard } from "../../knowledge/answer/model.ts";
import { helpLines } from "./commands/catalog.ts";
import { expandSiglesInAnswer } from "../../knowledge/answer/expand-sigles.ts";
import { contactLines } from "../../knowledge/answer/contact-lines.ts";
import { texts } from "./texts.ts";

/** The answer to an orientation question; `matched` counts every service that matched when only the first ones are shown. */
export function orientationAnswer(orientation: Orientation, orienteur: Orienteur, matched = orientation.resultats.length): Answer {
  const blocks: Block[] = [];
  const where = orientation.lieu ? placePhrase(orientation.lieu) : null;
  const needs = orientation.besoins.map((b) => b.libelle).join(", ");

  // Danger first: the national line comes before anything local, even when the base has nothing here.
  if (orientation.urgences.length > 0) blocks.push(...dangerBlocks(orientation));
  if (orientation.besoinsSource === "contexte" && needs) blocks.push({ type: "paragraph", text: text(texts.followUpNeed(needs)) });
  // « c'est quoi un SIAO ? »: the meaning is the answer; services follow.
  if (orientation.expliqueSigles) blocks.push({ type: "definitions", items: orientation.sigles.map((info) => definition(info, orienteur)) });

  switch (orientation.situation) {
    case "besoin-inconnu":
      if (orientation.clarification) blocks.push({ type: "paragraph", text: text(orientation.clarification) });
      // Understood but not in the base: the general entry points of the place.
      if (orientation.resultats.length > 0) blocks.push({ type: "services", items: orientation.resultats.map((r) => serviceCard(r)) });
      break;
    case "lieu-ambigu":
      blocks.push({ type: "paragraph", text: text(orientation.clarification ?? "", { bold: true }) });
      if (orientation.lieuxPossibles.length > 1) {
        blocks.push({ type: "choices", items: placeChoices(orientation.lieuxPossibles, orienteur) });
      }
      break;
    case "lieu-manquant":
      blocks.push({ type: "paragraph", text: text(orientation.clarification ?? "", { bold: true }) });
      if (orientation.resultats.length > 0) {
        blocks.push({ type: "paragraph", text: text(texts.wholeScopeMeanwhile) });
        blocks.push({ type: "services", items: orientation.resultats.map((r) => serviceCard(r)) });
      }
      break;
    case "aucun-service-local":
      blocks.push({ type: "title", text: text(texts.noLocalTitle(needs, where ?? "")) });
      if (orientation.resultats.length > 0) {
        blocks.push({ type: "paragraph", text: text(texts.noLocalExplain) });
        blocks.push({ type: "services", items: orientation.resultats.map((r) => serviceCard(r)) });
      } else blocks.push({ type: "paragraph", text: text(texts.noLocalNothing) });
      break;
    default:
      if (orientation.resultats.length === 0) {
        blocks.push({ type: "paragraph", text: text(texts.outOfScopeNothing) });
      } else if (orientation.groupes.length > 1) {
        blocks.push({ type: "title", text: text(texts.servicesTitle(orientation.resultats.length, where)) });
        for (const groupe of orientation.groupes) {
          blocks.push({ type: "paragraph", text: text(texts.groupTitle(groupe.besoin.libelle, groupe.resultats.length), { bold: true }) });
          if (groupe.resultats.length > 0) blocks.push({ type: "services", items: groupe.resultats.map((r) => serviceCard(r)) });
        }
      } else {
        blocks.push({ type: "title", text: text(texts.servicesTitle(matched, where)) });
        blocks.push({ type: "services", items: orientation.resultats.map((r) => serviceCard(r)) });
      }
  }
  for (const remarque of orientation.remarques) blocks.push({ type: "note", tone: "info", text: text(remarque) });
  if (orienteur.base.info.fictif) blocks.push({ type: "note", tone: "warning", text: text(texts.fictionalBase) });
  return expandSiglesInAnswer({ blocks }, orienteur.glossary);
}

/**
 * The next services of an answer (« plus »): `shown` were shown before, `total` matched; `need`
 * names the need's group when the answer grouped its services per need.
 * @example moreServicesAnswer(next, 5, 12, place, orienteur) // title « Services 6 à 10 sur 12 à Nevers »
 */
export function moreServicesAnswer(page: readonly RankedService[], shown: number, total: number, lieu: Place | null, orienteur: Orienteur, need?: string): Answer {
  const where = lieu ? placePhrase(lieu) : null;
  const title = need ? texts.more.titleFor(need, shown + 1, shown + page.length, total, where) : texts.more.title(shown + 1, shown + page.length, total, where);
  const blocks: Block[] = [
    { type: "title", text: text(title) },
    { type: "services", items: page.map((r) => serviceCard(r)) },
  ];
  if (orienteur.base.info.fictif) blocks.push({ type: "note", tone: "warning", text: text(texts.fictionalBase) });
  return expandSiglesInAnswer({ blocks }, orienteur.glossary);
}

/** The homonyms to choose from; a name shared by two communes is told apart by its postal code. */
function placeChoices(places: readonly Place[], orienteur: Orienteur): Choice[] {
  return places.map((place) => {
    const postal = place.type === "commune" ? orienteur.geography.communes.get(place.code)?.codesPostaux[0] : undefined;
    const shared = places.some((other) => other !== place && other.nom === place.nom);
    const name = shared && postal ? `${place.nom} ${postal}` : place.nom;
    return { label: postal ? `${place.nom} (${postal})` : place.nom, reply: `à ${name}` };
  });
}

/** The national lines for the dangers the question describes, each line once, most fitting first. */
function dangerBlocks(orientation: Orientation): Block[] {
  const seen = new Set<string>();
  const items = [];
  for (const urgence of orientation.urgences) {
    for (const ligne of urgence.lignes) {
      if (seen.has(ligne.numero)) continue;
      seen.add(ligne.numero);
      items.push([{ text: texts.danger.line(ligne.numero, ligne.nom, ligne.quand), bold: true, href: `tel:${ligne.numero}` }]);
    }
  }
  const blocks: Block[] = [
    { type: "note", tone: "warning", text: text(texts.danger.title) },
    { type: "list", items },
  ];
  if (!orientation.lieu && orientation.besoins.length === 0) blocks.push({ type: "paragraph", text: text(texts.danger.askPlaceToo) });
  return blocks;
}

function serviceCard(ranked: RankedService): ServiceCard {
  const { service } = ranked;
  const card: ServiceCard = {
    id: service.id,
    nom: text(service.nom),
    generaliste: ranked.generaliste,
    resume: text(service.description_falc),
    raisons: ranked.raisons.map((r) => text(r)),
    contacts: contactLines(service),
  };
  if (service.mobilisation_precisions) card.orienter = text(service.mobilisation_precisions);
  // Every renderer links the service's page and says how fresh the entry is (issue 13).
  card.page = `/services/${encodeURIComponent(service.id)}`;
  card.verifiee = texts.checkedIn(frenchMonth(service.date_maj));
  return card;
}

/** The answer to « c'est quoi un DAC ? ». */
export function sigleAnswer(typed: string, info: SigleInfo | undefined, orienteur: Orienteur): Answer {
  if (typed.trim() === "") return { blocks: [{ type: "paragraph", text: text(texts.sigle.emptySigle) }] };
  if (!info) {
    const suggestions = orienteur.glossary.suggest(typed);
    const blocks: Block[] = [{ type: "paragraph", text: text(texts.sigle.unknown(typed.trim())) }];
    if (suggestions.length > 0) blocks.push({ type: "paragraph", text: text(texts.sigle.suggestions(suggestions)) });
    blocks.push({ type: "paragraph", text: text(texts.sigle.askEditors) });
    return { blocks };
  }
  const blocks: Block[] = [];
  if (info.developpements.length > 1) blocks.push({ type: "paragraph", text: text(texts.sigle.ambiguous(info.developpements.length)) });
  blocks.push({ type: "definitions", items: [definition(info, orienteur)] });
  return { blocks };
}

/** The answer to « sigles <texte> »: every sigle of a pasted text, and the unknown ones. */
export function siglesAnswer(found: SiglesInText, orienteur: Orienteur, pastedText: string): Answer {
  if (pastedText.trim() === "") return { blocks: [{ type: "paragraph", text: text(texts.sigle.emptyText) }] };
  const blocks: Block[] = [{ type: "title", text: text(texts.sigle.foundTitle(found.trouves.length)) }];
  if (found.trouves.length > 0) blocks.push({ type: "definitions", items: found.trouves.map((info) => definition(info, orienteur)) });
  if (found.inconnus.length > 0) blocks.push({ type: "note", tone: "info", text: text(texts.sigle.unknownInText(found.inconnus)) });
  return { blocks };
}

function definition(info: SigleInfo, orienteur: Orienteur): Definition {
  return {
    sigle: info.sigle,
    meanings: info.developpements.map((d) => ({ formeLongue: d.forme_longue, definition: d.definition, ...(d.domaine ? { domaine: d.domaine } : {}) })),
    services: info.services.map((id) => orienteur.service(id)?.nom).filter((n): n is string => n !== undefined),
  };
}

/** Where the help is read: a private chat (« conversation ») or a group room (« salon »), and whether the base is fictional. */
export interface HelpContext {
  direct?: boolean;
  fictional?: boolean;
}

/**
 * The help message, with examples; `prefix` is how commands start on the platform (`/`, `!`).
 * @example helpAnswer("!", { direct: true, fictional: true }) // lists « !orienter … », says « conversation », warns the base is fictional
 */
export function helpAnswer(prefix: string, context: HelpContext = {}): Answer {
  const blocks: Block[] = [
    { type: "title", text: text(texts.help.title) },
    { type: "paragraph", text: text(texts.help.intro) },
    { type: "list", items: texts.help.examples.map((e) => text(e)) },
    { type: "list", items: helpLines(prefix, context.direct).map((c) => text(c)) },
    { type: "note", tone: "info", text: text(texts.help.privacy) },
  ];
  if (context.fictional) blocks.push({ type: "note", tone: "warning", text: text(texts.fictionalBase) });
  return { blocks };
}

/** A one-paragraph answer. */
export function plainAnswer(message: string): Answer {
  return { blocks: [{ type: "paragraph", text: text(message) }] };
}

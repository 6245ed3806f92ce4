// The agenda command: upcoming events of the base near a room's territory.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { eventsFor } from "../../knowledge/search/browse.ts";
import type { Place } from "../../knowledge/places/place-index.ts";
import { placePhrase } from "../../knowledge/search/wording.ts";
import type { Evenement } from "../../knowledge/schema/index.ts";
import { text, type Answer, type EventCard } from "../../knowledge/answer/model.ts";
import { expandSiglesInAnswer } from "../../knowledge/answer/expand-sigles.ts";
import { describeWhen } from "../../knowledge/text/times.ts";
import { texts } from "./texts.ts";

/** Events starting from `today` (AAAA-MM-JJ), nearest first, that concern the place (or the whole base when none). */
function upcomingEvents(orienteur: Orienteur, place: Place | undefined, today: string, limit = 5): Evenement[] {
  // The same selection as the web agenda and its iCalendar feed.
  return eventsFor(orienteur, { from: today, ...(place ? { place } : {}) }).slice(0, limit);
}

export function agendaAnswer(orienteur: Orienteur, place: Place | undefined, today: string): Answer {
  const events = upcomingEvents(orienteur, place, today);
  if (events.length === 0) return { blocks: [{ type: "paragraph", text: text(texts.agenda.none) }] };
  const items: EventCard[] = events.map((event) => {
    const card: EventCard = {
      titre: event.titre,
      quand: describeWhen(event),
      ou: event.lieu ?? texts.agenda.online,
      public: event.public,
    };
    const how = event.inscription?.url ?? event.inscription?.courriel ?? event.inscription?.telephone;
    if (how) {
      const href = event.inscription?.url ?? (event.inscription?.courriel ? `mailto:${event.inscription.courriel}` : undefined);
      card.inscription = { kind: "site", label: texts.agenda.register, value: how, ...(href ? { href } : {}) };
    }
    return card;
  });
  return expandSiglesInAnswer({ blocks: [{ type: "title", text: text(texts.agenda.title(place ? placePhrase(place) : null)) }, { type: "events", items }] }, orienteur.glossary);
}

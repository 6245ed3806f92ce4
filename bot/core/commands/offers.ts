// What the bot offered in a conversation and is waiting for: options to pick by number (which
// commune? which need? more results), and the services it has not shown yet. Bounded and
// short-lived like the conversation's memory: an offer is used by the next message, once.
import type { RankedService } from "../../../knowledge/search/orient.ts";
import type { Place } from "../../../knowledge/places/place-index.ts";
import type { Choice } from "../../../knowledge/answer/model.ts";
import { keepRecent } from "../../../knowledge/util/bounded-map.ts";

/** Services that matched but were not shown yet, for « plus ». */
export interface MoreServices {
  /** The need they answer, when the answer grouped its services per need (« plus pour <besoin> »). */
  besoin?: string;
  rest: RankedService[];
  /** How many were shown before these, and how many matched in all. */
  shown: number;
  total: number;
  lieu: Place | null;
}

export interface Offers {
  /** Remembers the options an answer offers in a conversation. */
  offer(conversation: string, choices: readonly Choice[]): void;
  /** What a bare number (« 3 », « 3. ») picks among the options just offered; the offer is used by this message whatever it says. */
  pick(conversation: string, text: string): string | undefined;
  /** Keeps the services not shown yet: one list, or one per need of a grouped answer. */
  keepMore(conversation: string, more: readonly MoreServices[]): void;
  /** The services not shown yet, taken (shown once). */
  takeMore(conversation: string): readonly MoreServices[] | undefined;
}

const NUMBER = /^\s*(\d{1,2})\s*[.)]?\s*$/;

/** Creates the memory: entries older than `ttlMs` are ignored, and the oldest forgotten past `max`. */
export function createOffers(options: { ttlMs: number; max: number; now: () => number }): Offers {
  const choices = new Map<string, { items: readonly Choice[]; at: number }>();
  const more = new Map<string, { more: readonly MoreServices[]; at: number }>();
  const fresh = (at: number) => options.now() - at <= options.ttlMs;
  return {
    offer(conversation, items) {
      keepRecent(choices, conversation, { items, at: options.now() }, options.max);
    },
    pick(conversation, text) {
      const offer = choices.get(conversation);
      if (!offer) return undefined;
      choices.delete(conversation);
      const number = NUMBER.exec(text)?.[1];
      return number !== undefined && fresh(offer.at) ? offer.items[Number(number) - 1]?.reply : undefined;
    },
    keepMore(conversation, kept) {
      keepRecent(more, conversation, { more: kept, at: options.now() }, options.max);
    },
    takeMore(conversation) {
      const entry = more.get(conversation);
      more.delete(conversation);
      return entry && fresh(entry.at) ? entry.more : undefined;
    },
  };
}

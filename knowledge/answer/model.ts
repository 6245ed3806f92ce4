// The platform-neutral answer: what the bot says, as structure. Each platform renders it in
// one module of bot/render/; nothing else knows a platform's syntax or escaping.

/** A run of text. `abbr` carries the expansion of a sigle at its first use. */
export interface Span {
  text: string;
  bold?: boolean;
  href?: string;
  abbr?: string;
}

export type Text = Span[];

export interface ContactLine {
  kind: "telephone" | "courriel" | "site" | "adresse" | "horaires" | "referent";
  label: string;
  value: string;
  /** tel:, mailto: or https: link, when the value is one. */
  href?: string;
}

export interface ServiceCard {
  id: string;
  nom: Text;
  /** A general entry point proposed because nothing more specific serves the place. */
  generaliste: boolean;
  resume: Text;
  raisons: Text[];
  contacts: ContactLine[];
  /** How a professional refers someone (« fiche de liaison », « appel préalable »). */
  orienter?: Text;
  /**
   * The service's page on the web directory: its path (`/services/<id>`), made absolute with the public
   * address by {@link linkServicePages} for the chats; the web page keeps the path.
   */
  page?: string;
  /** How recently the entry was checked, said short (« vérifiée en mars 2026 »). */
  verifiee?: string;
}

export interface Definition {
  sigle: string;
  meanings: { formeLongue: string; definition: string; domaine?: string }[];
  /** Services of the base under this sigle, by name. */
  services: string[];
}

export interface EventCard {
  titre: string;
  quand: string;
  ou: string;
  public: string;
  inscription?: ContactLine;
}

/** One option offered when the bot asks back (which commune?): shown numbered; answering its number sends `reply`. */
export interface Choice {
  label: string;
  /** What answering this option means, as the user could have typed it (« à Montigny-sur-Canne »). */
  reply: string;
}

export type Block =
  | { type: "title"; text: Text }
  | { type: "paragraph"; text: Text }
  | { type: "note"; tone: "info" | "warning"; text: Text }
  | { type: "list"; items: Text[] }
  | { type: "services"; items: ServiceCard[] }
  | { type: "definitions"; items: Definition[] }
  | { type: "events"; items: EventCard[] }
  | { type: "choices"; items: Choice[] };

export interface Answer {
  blocks: Block[];
}

/** A plain text as a {@link Text}. */
export const text = (value: string, style: Omit<Span, "text"> = {}): Text => [{ text: value, ...style }];

/**
 * Makes every service card's page link absolute with the public address (ORIENTEUR_PUBLIC_URL): a chat
 * cannot open « /services/… ». Pages already absolute are left alone. Returns the same answer.
 * @example linkServicePages(answer, "https://orienteur.example.org") // card.page → "https://orienteur.example.org/services/ssiad-nevers"
 */
export function linkServicePages(answer: Answer, publicUrl: string): Answer {
  const base = publicUrl.replace(/\/+$/, "");
  for (const block of answer.blocks) {
    if (block.type !== "services") continue;
    for (const card of block.items) if (card.page?.startsWith("/")) card.page = `${base}${card.page}`;
  }
  return answer;
}

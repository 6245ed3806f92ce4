// The issue model: what one issue says, as plain data (JSON-serialisable, so the archive can keep
// it), with no HTML and no e-mail syntax. Compose builds it; render and archive read it.
import type { ContactLine, Span } from "../../knowledge/answer/model.ts";

/** A run of text; `abbr` carries the expansion of a sigle at its first use in the issue. */
export interface RichSpan extends Span {
  italic?: boolean;
  code?: boolean;
}

export type RichText = RichSpan[];

/**
 * A list; `sublists[i]`, when set, is the list written under item i (sub-bullets), rendered inside
 * that item. Null rather than undefined for an item without one, so the model stays JSON.
 */
export interface ListBlock {
  type: "list";
  ordered: boolean;
  items: RichText[];
  sublists?: (ListBlock | null)[];
}

/** A block of editorial text, parsed from the editor's Markdown. */
export type RichBlock =
  | { type: "paragraph"; text: RichText }
  | { type: "heading"; text: RichText }
  | ListBlock
  | { type: "quote"; paragraphs: RichText[] }
  | { type: "code"; text: string };

/** The items of a list and of its sub-lists, in reading order. */
export function* listTexts(list: ListBlock): Generator<RichText> {
  for (const [i, item] of list.items.entries()) {
    yield item;
    const sublist = list.sublists?.[i];
    if (sublist) yield* listTexts(sublist);
  }
}

export type { ContactLine };

/** Why a service is in the issue. */
export type ServiceStatus = "nouveau" | "mis_a_jour" | "selection";

interface Located {
  /** Zone codes (communes, EPCI, départements, `france`) the item concerns; empty when unknown. */
  zone: string[];
  /** Besoin ids and domaines, tags: what an edition's themes are matched against (folded). */
  themes: string[];
}

export interface ServiceItem extends Located {
  type: "service";
  id: string;
  nom: RichText;
  structure?: string;
  commune?: string;
  resume: RichText;
  contacts: ContactLine[];
  /** How a professional refers someone to it. */
  orienter?: RichText;
  statut: ServiceStatus;
  dateMaj: string;
  dateCreation?: string;
}

export interface PratiqueItem extends Located {
  type: "pratique";
  id: string;
  titre: RichText;
  resume: RichText;
  partenaires: string[];
  contacts: ContactLine[];
  date: string;
  /** Chosen by the editor rather than new since the previous issue. */
  selection: boolean;
}

export interface EventItem extends Located {
  type: "evenement";
  id: string;
  titre: RichText;
  description: RichText;
  /** « jeudi 10 décembre 2026, 9 h 30 – 12 h » */
  quand: string;
  /** Place, or « En ligne ». */
  ou: string;
  public: RichText;
  contacts: ContactLine[];
  debut: string;
}

export type Item = ServiceItem | PratiqueItem | EventItem;

export type SectionKind = "a_la_une" | "editorial" | "nouveaux_services" | "services_mis_a_jour" | "pratiques" | "agenda" | "astuce" | "bon_a_savoir";

export interface Section {
  kind: SectionKind;
  /** Heading of the section (« Nouveaux services »). */
  titre: string;
  /** Editorial text of the section, if any. */
  blocks: RichBlock[];
  /** A link under the text (« En savoir plus »). */
  lien?: { texte: string; href: string };
  items: Item[];
}

/** What an issue announced, recorded in the archive so a later issue never repeats it. */
export interface Announcements {
  services: { id: string; date_maj: string; statut: ServiceStatus }[];
  pratiques: string[];
  evenements: string[];
}

export interface IssueModel {
  numero: number;
  /** AAAA-MM-JJ */
  date: string;
  titre: string;
  preheader: string;
  base: { nom: string; fictif: boolean; contact?: string };
  /** Services and practices dated after this day (AAAA-MM-JJ) are new in this issue. */
  depuis: string;
  /** Last day of the agenda shown. */
  agendaJusquau: string;
  /** Set for an edition for a territory or themes. */
  edition?: { territoire?: { type: string; code: string; nom: string }; themes: string[] };
  sections: Section[];
  annonces: Announcements;
}

/** Every readable text of the model in reading order: sigle expansion walks it. Contacts are left out. */
export function* richTextsOf(model: IssueModel): Generator<RichText> {
  for (const section of model.sections) {
    for (const block of section.blocks) {
      if (block.type === "paragraph" || block.type === "heading") yield block.text;
      else if (block.type === "list") yield* listTexts(block);
      else if (block.type === "quote") yield* block.paragraphs;
    }
    for (const item of section.items) {
      if (item.type === "service") {
        yield item.nom;
        yield item.resume;
        if (item.orienter) yield item.orienter;
      } else if (item.type === "pratique") {
        yield item.titre;
        yield item.resume;
      } else {
        yield item.titre;
        yield item.description;
        yield item.public;
      }
    }
  }
}

/** A plain string as {@link RichText}. */
export const rich = (value: string): RichText => [{ text: value }];

/** The text of a {@link RichText} without markup or expansions. */
export const plainOf = (text: RichText): string => text.map((s) => s.text).join("");

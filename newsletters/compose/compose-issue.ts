// Compose: an issue file + the knowledge base → the issue model. Pure: no files, no clock; what
// earlier issues announced is passed in, so a test can compose an issue alone.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Issue } from "../issue-schema.ts";
import { eventItem, pratiqueItem, serviceItem } from "./items.ts";
import { markdownToBlocks } from "./markdown.ts";
import { plainOf, type Announcements, type IssueModel, type RichBlock, type Section, type SectionKind, type ServiceItem } from "./model.ts";
import { expandSiglesInIssue } from "./sigles.ts";
import { composeTexts as t } from "./texts.ts";

export interface ComposeOptions {
  /** Date of the previous issue (AAAA-MM-JJ): what is dated after it is new. The issue's own `depuis` wins. */
  since?: string | undefined;
  /** What earlier issues announced: a service version (id, date_maj) or a practice is never announced twice. */
  alreadyAnnounced: readonly Announcements[];
  /** Weeks of agenda shown after the issue date. The issue's own `agenda_semaines` wins. */
  agendaWeeks: number;
  /** With no previous issue, how many days back count as new. */
  firstIssueDays: number;
  /** Longest preheader derived from the editorial, in characters. */
  preheaderLength: number;
}

const defaultComposeOptions: ComposeOptions = { alreadyAnnounced: [], agendaWeeks: 6, firstIssueDays: 31, preheaderLength: 140 };

/**
 * Completes an issue from the knowledge base: services created or updated since the previous issue
 * (never the same version twice), practices published since then, events of the coming weeks.
 * @example
 * const model = composeIssue(issue, orienteur, { since: "2026-11-02", alreadyAnnounced: [previous.annonces] });
 */
export function composeIssue(issue: Issue, orienteur: Orienteur, options: Partial<ComposeOptions> = {}): IssueModel {
  const settings = { ...defaultComposeOptions, ...options };
  const since = issue.depuis ?? settings.since ?? addDays(issue.date, -settings.firstIssueDays);
  const until = addDays(issue.date, 7 * (issue.agenda_semaines ?? settings.agendaWeeks));
  const { base } = orienteur;
  const excluded = new Set(issue.exclure ?? []);
  const announcedServices = new Set(settings.alreadyAnnounced.flatMap((a) => a.services.map((s) => versionKey(s.id, s.date_maj))));
  const announcedPratiques = new Set(settings.alreadyAnnounced.flatMap((a) => a.pratiques));
  const inWindow = (date: string | undefined) => date !== undefined && date > since && date <= issue.date;

  const chosen = (issue.services ?? []).flatMap((id) => {
    const service = orienteur.service(id);
    return service ? [serviceItem(service, "selection", orienteur)] : [];
  });
  const taken = new Set(issue.services ?? []);
  const fresh = base.services.filter((s) => !taken.has(s.id) && !excluded.has(s.id) && !announcedServices.has(versionKey(s.id, s.date_maj)));
  const nouveaux = fresh
    .filter((s) => inWindow(s.date_creation))
    .map((s) => serviceItem(s, "nouveau", orienteur))
    .sort((a, b) => (b.dateCreation ?? "").localeCompare(a.dateCreation ?? "") || plainOf(a.nom).localeCompare(plainOf(b.nom), "fr"));
  const misAJour = fresh
    .filter((s) => !inWindow(s.date_creation) && inWindow(s.date_maj))
    .map((s) => serviceItem(s, "mis_a_jour", orienteur))
    .sort((a, b) => b.dateMaj.localeCompare(a.dateMaj) || plainOf(a.nom).localeCompare(plainOf(b.nom), "fr"));

  const chosenPratiques = (issue.pratiques ?? []).flatMap((id) => {
    const pratique = base.pratiques.find((p) => p.id === id);
    return pratique ? [pratiqueItem(pratique, true, orienteur)] : [];
  });
  const pratiques = [
    ...chosenPratiques,
    ...base.pratiques
      .filter((p) => inWindow(p.date) && !excluded.has(p.id) && !announcedPratiques.has(p.id) && !issue.pratiques?.includes(p.id))
      .sort((a, b) => b.date.localeCompare(a.date))
      .map((p) => pratiqueItem(p, false, orienteur)),
  ];

  const agenda = base.agenda
    .filter((e) => !excluded.has(e.id) && (e.fin ?? e.debut).slice(0, 10) >= issue.date && e.debut.slice(0, 10) <= until)
    .sort((a, b) => a.debut.localeCompare(b.debut))
    .map(eventItem);

  const sections: Section[] = [];
  const add = (kind: SectionKind, fill: Partial<Section>) => sections.push({ kind, titre: t.sections[kind], blocks: [], items: [], ...fill });
  if (issue.a_la_une || chosen.length > 0) {
    const blocks: RichBlock[] = issue.a_la_une ? [{ type: "heading", text: [{ text: issue.a_la_une.titre }] }, ...markdownToBlocks(issue.a_la_une.texte)] : [];
    const lien = issue.a_la_une?.lien ? { texte: issue.a_la_une.lien_texte ?? t.readMore, href: issue.a_la_une.lien } : undefined;
    add("a_la_une", { blocks, items: chosen, ...(lien ? { lien } : {}) });
  }
  add("editorial", { blocks: markdownToBlocks(issue.editorial) });
  if (nouveaux.length > 0) add("nouveaux_services", { items: nouveaux });
  if (misAJour.length > 0) add("services_mis_a_jour", { items: misAJour });
  if (pratiques.length > 0) add("pratiques", { items: pratiques });
  if (agenda.length > 0) add("agenda", { items: agenda });
  if (issue.astuce) add("astuce", { blocks: markdownToBlocks(issue.astuce) });
  if (issue.bon_a_savoir) add("bon_a_savoir", { blocks: markdownToBlocks(issue.bon_a_savoir) });

  const services = sections.flatMap((s) => s.items).filter((i): i is ServiceItem => i.type === "service");
  const model: IssueModel = {
    numero: issue.numero,
    date: issue.date,
    titre: issue.titre,
    preheader: issue.preheader ?? preheaderOf(sections, settings.preheaderLength),
    base: { nom: base.info.nom, fictif: base.info.fictif, ...(base.info.contact_editeurs ? { contact: base.info.contact_editeurs } : {}) },
    depuis: since,
    agendaJusquau: until,
    sections,
    annonces: {
      services: services.map((s) => ({ id: s.id, date_maj: s.dateMaj, statut: s.statut })),
      pratiques: pratiques.map((p) => p.id),
      evenements: agenda.map((e) => e.id),
    },
  };
  return expandSiglesInIssue(model, orienteur.glossary);
}

/** The key of one version of a service: announcing it once is enough. */
const versionKey = (id: string, dateMaj: string) => `${id}@${dateMaj}`;

/** `2026-12-15` + 7 → `2026-12-22`. */
function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** The start of the editorial, cut at a word: inboxes show it after the subject. */
function preheaderOf(sections: readonly Section[], max: number): string {
  const editorial = sections.find((s) => s.kind === "editorial");
  const words = (editorial?.blocks ?? [])
    .flatMap((b) => (b.type === "paragraph" || b.type === "heading" ? [plainOf(b.text)] : b.type === "list" ? b.items.map(plainOf) : []))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  if (words.length <= max) return words;
  const cut = words.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).replace(/[\s,;:.–-]+$/, "")}…`;
}

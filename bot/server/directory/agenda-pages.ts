// The agenda as a page (/agenda, filtered by territory and theme with a GET form), as an iCalendar
// feed (/agenda.ics, same filters) and one event to add to one's calendar (/agenda/<id>.ics); and
// the good practices as a page (/pratiques).
import type { Orienteur } from "../../../knowledge/orienteur.ts";
import type { Place } from "../../../knowledge/places/place-index.ts";
import type { Evenement } from "../../../knowledge/schema/index.ts";
import { agendaThemes, eventsFor, findPlace, practices } from "../../../knowledge/search/browse.ts";
import { escapeHtml, safeHref } from "../../../knowledge/text/html.ts";
import { icsCalendar, type IcsEvent } from "../../../knowledge/text/ics.ts";
import { describeWhen } from "../../../knowledge/text/times.ts";
import { directoryPage, link, notice } from "./layout.ts";
import { directoryTexts } from "./texts.ts";

const t = directoryTexts.agenda;

/** The filters of the agenda, read from the query (`territoire`, `theme`); an unknown territory is reported, not ignored. */
interface AgendaFilter {
  place?: Place;
  theme?: string;
  typedPlace: string;
  /** Set when the territory typed was not found or names several communes. */
  problem?: string;
}

/** Reads `?territoire=` and `?theme=`. */
function agendaFilter(orienteur: Orienteur, query: URLSearchParams): AgendaFilter {
  const typedPlace = (query.get("territoire") ?? "").slice(0, 120);
  const theme = (query.get("theme") ?? "").slice(0, 80).trim() || undefined;
  const filter: AgendaFilter = { typedPlace, ...(theme ? { theme } : {}) };
  if (!typedPlace.trim()) return filter;
  const found = findPlace(orienteur, typedPlace);
  if (found.kind === "found") filter.place = found.place;
  else if (found.kind === "choices") filter.problem = directoryTexts.needs.choosePlace(typedPlace.trim()) + " " + found.places.map((p) => p.nom).join(", ");
  else filter.problem = directoryTexts.needs.unknownPlace(typedPlace.trim());
  return filter;
}

/** The query string that gives the same filters (for the feed link). */
function filterQuery(filter: AgendaFilter): string {
  const params = new URLSearchParams();
  if (filter.place) params.set("territoire", filter.place.code);
  if (filter.theme) params.set("theme", filter.theme);
  const query = params.toString();
  return query ? `?${query}` : "";
}

function eventItem(event: Evenement): string {
  const rows = [`<dt>${escapeHtml(t.when)}</dt><dd>${escapeHtml(describeWhen(event))}</dd>`];
  const online = safeHref(event.lien_visio);
  rows.push(`<dt>${escapeHtml(t.where)}</dt><dd>${event.lieu ? escapeHtml(event.lieu) : online ? `<a href="${escapeHtml(online)}">${escapeHtml(t.online)}</a>` : escapeHtml(t.online)}</dd>`);
  rows.push(`<dt>${escapeHtml(t.forWhom)}</dt><dd>${escapeHtml(event.public)}</dd>`);
  const inscription = event.inscription;
  if (inscription && (inscription.url || inscription.courriel || inscription.telephone)) {
    const how = [
      inscription.url && safeHref(inscription.url) ? `<a href="${escapeHtml(inscription.url)}">${escapeHtml(inscription.url)}</a>` : "",
      inscription.courriel ? `<a href="mailto:${escapeHtml(inscription.courriel)}">${escapeHtml(inscription.courriel)}</a>` : "",
      inscription.telephone ? escapeHtml(inscription.telephone) : "",
      inscription.date_limite ? escapeHtml(t.deadline(inscription.date_limite)) : "",
      inscription.gratuit ? escapeHtml(t.free) : "",
    ].filter(Boolean);
    rows.push(`<dt>${escapeHtml(t.register)}</dt><dd>${how.join(" — ")}</dd>`);
  }
  const id = `evenement-${event.id}`;
  return `<li class="evenement"><article aria-labelledby="${escapeHtml(id)}"><h2 id="${escapeHtml(id)}">${escapeHtml(event.titre)}</h2><p>${escapeHtml(event.description)}</p><dl>${rows.join("")}</dl><p><a href="/agenda/${escapeHtml(encodeURIComponent(event.id))}.ics" download>${escapeHtml(t.addToCalendar)}<span class="cache"> ${escapeHtml(t.addToCalendarOf(event.titre))}</span></a></p></article></li>`;
}

/** /agenda: upcoming events from `today`, with the filter form and the feed's link. */
export function agendaPage(orienteur: Orienteur, query: URLSearchParams, today: string): string {
  const filter = agendaFilter(orienteur, query);
  const events = filter.problem ? [] : eventsFor(orienteur, { from: today, ...(filter.place ? { place: filter.place } : {}), ...(filter.theme ? { theme: filter.theme } : {}) });
  const themes = agendaThemes(orienteur)
    .map((theme) => `<option value="${escapeHtml(theme)}"${theme === filter.theme ? " selected" : ""}>${escapeHtml(theme)}</option>`)
    .join("");
  const feed = `/agenda.ics${filterQuery(filter)}`;
  const body = [
    `<p class="intro">${escapeHtml(t.intro)}</p>`,
    `<form method="get" action="/agenda" class="filtre" role="search">
  <label for="territoire">${escapeHtml(t.filterPlace)}</label>
  <input id="territoire" name="territoire" value="${escapeHtml(filter.typedPlace)}" maxlength="120" aria-describedby="territoire-aide">
  <p class="aide" id="territoire-aide">${escapeHtml(directoryTexts.needs.filterHint)}</p>
  <label for="theme">${escapeHtml(t.filterTheme)}</label>
  <select id="theme" name="theme"><option value="">${escapeHtml(t.anyTheme)}</option>${themes}</select>
  <div class="actions"><button type="submit">${escapeHtml(t.filterButton)}</button></div>
</form>`,
    filter.problem ? notice(filter.problem, "erreur") : "",
    `<p>${link(feed, t.feed)}</p><p class="aide">${escapeHtml(t.feedExplain)}</p>`,
    events.length === 0 ? `<p role="status">${escapeHtml(t.none)}</p>` : `<ul class="agenda-liste">${events.map(eventItem).join("\n")}</ul>`,
  ];
  return directoryPage({
    title: t.title,
    baseName: orienteur.base.info.nom,
    current: "agenda",
    body: body.filter(Boolean).join("\n"),
    head: `<link rel="alternate" type="text/calendar" title="${escapeHtml(t.calendarName(orienteur.base.info.nom))}" href="${escapeHtml(feed)}">`,
  });
}

/** An event as iCalendar; `host` makes its UID unique beyond this base. */
function icsEvent(event: Evenement, host: string): IcsEvent {
  const where = event.lieu ?? event.lien_visio;
  return {
    uid: `${event.id}@${host}`,
    start: event.debut.replace(" ", "T"),
    ...(event.fin ? { end: event.fin.replace(" ", "T") } : {}),
    summary: event.titre,
    description: [event.description, `${t.forWhom} : ${event.public}`].join("\n\n"),
    ...(where ? { location: where } : {}),
    ...(event.inscription?.url ?? event.lien_visio ? { url: event.inscription?.url ?? event.lien_visio } : {}),
    categories: event.tags,
  };
}

/** /agenda.ics: every event (past ones too: a subscribed calendar keeps them), filtered like the page. */
export function agendaFeed(orienteur: Orienteur, query: URLSearchParams, host: string, now: Date): { status: number; body: string } {
  const filter = agendaFilter(orienteur, query);
  if (filter.problem) return { status: 400, body: filter.problem };
  const events = eventsFor(orienteur, { ...(filter.place ? { place: filter.place } : {}), ...(filter.theme ? { theme: filter.theme } : {}) });
  return { status: 200, body: icsCalendar({ name: t.calendarName(orienteur.base.info.nom), now, events: events.map((e) => icsEvent(e, host)) }) };
}

/** /agenda/<id>.ics: one event, to add to one's calendar. */
export function eventIcs(orienteur: Orienteur, event: Evenement, host: string, now: Date): string {
  return icsCalendar({ name: event.titre, now, events: [icsEvent(event, host)] });
}

const p = directoryTexts.practices;

/** /pratiques: the good practices, newest first, each with its contact. */
export function practicesPage(orienteur: Orienteur): string {
  const items = practices(orienteur).map((pratique) => {
    const contact = [pratique.contact.fonction, pratique.contact.nom_prenom, pratique.contact.telephone, pratique.contact.courriel].filter(Boolean).join(" — ");
    const services = (pratique.services ?? [])
      .map((id) => orienteur.service(id))
      .filter((s) => s !== undefined)
      .map((s) => link(`/services/${encodeURIComponent(s.id)}`, s.nom));
    const more = safeHref(pratique.lien);
    const id = `pratique-${pratique.id}`;
    return `<li class="pratique"><article aria-labelledby="${escapeHtml(id)}"><h2 id="${escapeHtml(id)}">${escapeHtml(pratique.titre)}</h2><p>${escapeHtml(pratique.resume)}</p><dl><dt>${escapeHtml(p.partners)}</dt><dd>${escapeHtml(pratique.partenaires.join(", "))}</dd><dt>${escapeHtml(p.contact)}</dt><dd>${escapeHtml(contact)}</dd>${services.length ? `<dt>${escapeHtml(p.services)}</dt><dd>${services.join(", ")}</dd>` : ""}</dl><p class="aide">${escapeHtml(p.published(pratique.date))}${more ? ` — <a href="${escapeHtml(more)}">${escapeHtml(p.more)}</a>` : ""}</p></article></li>`;
  });
  const body = [`<p class="intro">${escapeHtml(p.intro)}</p>`, items.length ? `<ul class="pratiques">${items.join("\n")}</ul>` : `<p>${escapeHtml(p.none)}</p>`];
  return directoryPage({ title: p.title, baseName: orienteur.base.info.nom, current: "pratiques", body: body.join("\n") });
}

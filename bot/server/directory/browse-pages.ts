// Browsing pages: the needs with their everyday labels (/besoins), the services of one need filtered
// by a place typed in a GET form (/besoins/<id>?lieu=Nièvre), and everything that serves a place,
// grouped by need (/lieux?lieu=Clamecy, /communes/<code>). Homonyms are offered as links.
import type { Orienteur } from "../../../knowledge/orienteur.ts";
import type { Place } from "../../../knowledge/places/place-index.ts";
import type { Besoin } from "../../../knowledge/schema/index.ts";
import { findPlace, needsByDomain, servicesByNeed, servicesServing, serviceFreshness, type ServedService } from "../../../knowledge/search/browse.ts";
import { placePhrase } from "../../../knowledge/search/wording.ts";
import { frenchMonth } from "../../../knowledge/text/dates.ts";
import { escapeHtml } from "../../../knowledge/text/html.ts";
import { texts } from "../../core/texts.ts";
import { directoryPage, link, notice } from "./layout.ts";
import { directoryTexts } from "./texts.ts";

const t = directoryTexts;

/** /besoins: every need of the base by domain, with how many services answer it. */
export function needsPage(orienteur: Orienteur): string {
  const domains = needsByDomain(orienteur)
    .map(
      ({ domaine, besoins }) =>
        `<section class="bloc"><h2>${escapeHtml(domaine)}</h2><ul class="liste-besoins">${besoins
          .map(({ besoin, count }) => `<li>${link(`/besoins/${encodeURIComponent(besoin.id)}`, besoin.libelle)} <span class="compte">(${escapeHtml(t.needs.count(count))})</span></li>`)
          .join("")}</ul></section>`,
    )
    .join("\n");
  return directoryPage({ title: t.needs.title, baseName: orienteur.base.info.nom, current: "besoins", body: `<p class="intro">${escapeHtml(t.needs.intro)}</p>\n${domains}` });
}

/** One service in a list: its name linking to its page, its summary, how fresh it is. */
function serviceItem({ service, partiel }: ServedService, today: string): string {
  const fresh = serviceFreshness(service, today);
  const badge = partiel ? ` <span class="badge">${escapeHtml(t.needs.partial)}</span>` : "";
  // Said in words, not by colour alone.
  const said = texts.checkedIn(frenchMonth(service.date_maj)) + (fresh.upToDate ? "" : ` — ${t.service.toRecheck.toLowerCase()}`);
  const checked = `<span class="${fresh.upToDate ? "verifiee" : "verifiee a-reverifier"}">${escapeHtml(said)}</span>`;
  return `<li class="service"><h3>${link(`/services/${encodeURIComponent(service.id)}`, service.nom)}${badge}</h3><p>${escapeHtml(service.description_falc)}</p><p class="aide">${checked}</p></li>`;
}

/** What the place field of a form led to: a place, homonyms to choose from, or an error message. */
type PlaceOutcome = { place?: Place; html: string };

function readPlace(orienteur: Orienteur, typed: string, choiceHref: (place: Place) => string, communeCode?: string): PlaceOutcome {
  if (communeCode) {
    const place = orienteur.places.commune(communeCode);
    return place ? { place, html: "" } : { html: notice(t.notFound.commune(communeCode), "erreur") };
  }
  if (!typed.trim()) return { html: "" };
  const found = findPlace(orienteur, typed);
  if (found.kind === "found") return { place: found.place, html: "" };
  if (found.kind === "unknown") return { html: notice(t.needs.unknownPlace(typed.trim().slice(0, 120)), "erreur") };
  const choices = found.places.map((place) => {
    const postal = orienteur.geography.communes.get(place.code)?.codesPostaux[0];
    return `<li>${link(choiceHref(place), postal ? `${place.nom} (${postal})` : place.nom)}</li>`;
  });
  return { html: `<div class="choix-lieu" role="status"><p>${escapeHtml(t.needs.choosePlace(typed.trim().slice(0, 120)))}</p><ul>${choices.join("")}</ul></div>` };
}

function placeForm(action: string, value: string, label: string, button: string): string {
  return `<form method="get" action="${escapeHtml(action)}" class="filtre" role="search">
  <label for="lieu">${escapeHtml(label)}</label>
  <input id="lieu" name="lieu" value="${escapeHtml(value)}" maxlength="120" autocomplete="address-level2" aria-describedby="lieu-aide">
  <p class="aide" id="lieu-aide">${escapeHtml(t.needs.filterHint)}</p>
  <div class="actions"><button type="submit">${escapeHtml(button)}</button></div>
</form>`;
}

/** /besoins/<id>: the services of one need, in the whole base or filtered by a place. */
export function needPage(orienteur: Orienteur, besoin: Besoin, query: URLSearchParams, today: string): string {
  const typed = (query.get("lieu") ?? "").slice(0, 120);
  const base = `/besoins/${encodeURIComponent(besoin.id)}`;
  const outcome = readPlace(orienteur, typed, (place) => `${base}?commune=${encodeURIComponent(place.code)}`, query.get("commune") ?? undefined);
  const served = outcome.html && !outcome.place ? [] : servicesServing(orienteur, outcome.place, besoin.id);
  const summary = outcome.place ? t.needs.resultsIn(served.length, placePhrase(outcome.place)) : t.needs.resultsEverywhere(served.length);
  const shown = outcome.html && !outcome.place ? "" : `<p role="status">${escapeHtml(summary)}</p>`;
  const partialNote = served.some((s) => s.partiel) ? `<p class="aide">${escapeHtml(t.needs.partialExplain)}</p>` : "";
  // A large base lists thousands of services for a département: a page at a time.
  const pages = Math.max(1, Math.ceil(served.length / PAGE_SIZE));
  const pageNumber = Math.min(pages, Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1));
  const pageHref = (n: number) => {
    const params = new URLSearchParams();
    for (const name of ["lieu", "commune"]) if (query.get(name)) params.set(name, query.get(name)!.slice(0, 120));
    params.set("page", String(n));
    return `${base}?${params.toString()}`;
  };
  const body = [
    besoin.description ? `<p class="intro">${escapeHtml(besoin.description)}</p>` : "",
    placeForm(base, outcome.place && !typed ? outcome.place.nom : typed, t.needs.filterLabel, t.needs.filterButton),
    outcome.html,
    shown,
    partialNote,
    served.length > 0 ? `<ul class="services">${served.slice((pageNumber - 1) * PAGE_SIZE, pageNumber * PAGE_SIZE).map((s) => serviceItem(s, today)).join("\n")}</ul>` : "",
    pages > 1 ? pager(pageNumber, pages, pageHref) : "",
  ];
  return directoryPage({ title: besoin.libelle, baseName: orienteur.base.info.nom, current: "besoins", body: body.filter(Boolean).join("\n") });
}

/** Services per page of a need's list, and per need on a place's page (the rest is on the need's page). */
const PAGE_SIZE = 50;
const GROUP_SIZE = 10;

function pager(current: number, pages: number, href: (n: number) => string): string {
  const links = [
    current > 1 ? `<a href="${escapeHtml(href(current - 1))}" rel="prev">${escapeHtml(t.needs.previous)}</a>` : "",
    `<span>${escapeHtml(t.needs.pageOf(current, pages))}</span>`,
    current < pages ? `<a href="${escapeHtml(href(current + 1))}" rel="next">${escapeHtml(t.needs.next)}</a>` : "",
  ];
  return `<nav class="pages" aria-label="${escapeHtml(t.needs.pagesLabel)}">${links.filter(Boolean).join(" ")}</nav>`;
}

/** /lieux and /communes/<code>: everything that serves a place, grouped by need. */
export function placePage(orienteur: Orienteur, query: URLSearchParams, today: string, communeCode?: string): { status: number; html: string } {
  const typed = (query.get("lieu") ?? "").slice(0, 120);
  const outcome = readPlace(orienteur, typed, (place) => `/communes/${encodeURIComponent(place.code)}`, communeCode);
  const parts = [`<p class="intro">${escapeHtml(t.places.intro)}</p>`, placeForm("/lieux", outcome.place && !typed ? outcome.place.nom : typed, t.places.label, t.places.button), outcome.html];
  let title = t.places.title;
  if (outcome.place) {
    const where = placePhrase(outcome.place);
    title = t.places.heading(where);
    const groups = servicesByNeed(orienteur, outcome.place);
    if (groups.length === 0) parts.push(`<p role="status">${escapeHtml(t.places.none(where))}</p>`);
    for (const group of groups) {
      const id = `besoin-${group.besoin.id}`;
      const place = outcome.place;
      const all = `/besoins/${encodeURIComponent(group.besoin.id)}?${place.type === "commune" ? "commune" : "lieu"}=${encodeURIComponent(place.code)}`;
      const more = group.services.length > GROUP_SIZE ? `<p>${link(all, t.places.seeAll(group.services.length, group.besoin.libelle))}</p>` : "";
      parts.push(
        `<section class="bloc" aria-labelledby="${escapeHtml(id)}"><h2 id="${escapeHtml(id)}">${escapeHtml(group.besoin.libelle)}</h2><ul class="services">${group.services
          .slice(0, GROUP_SIZE)
          .map((s) => serviceItem(s, today))
          .join("\n")}</ul>${more}</section>`,
      );
    }
    if (groups.some((g) => g.services.some((s) => s.partiel))) parts.push(`<p class="aide">${escapeHtml(t.needs.partialExplain)}</p>`);
  }
  const status = communeCode && !outcome.place ? 404 : 200;
  return { status, html: directoryPage({ title, baseName: orienteur.base.info.nom, current: "lieux", body: parts.filter(Boolean).join("\n") }) };
}

// The page of one service (/services/<id>): the plain-language summary first, then who it is for,
// where it serves, how to reach it, access, cost, how to refer someone, the sigles of the page, and
// how fresh the entry is; a « Signaler une erreur » form at the end; schema.org data in the head.
import type { Orienteur } from "../../../knowledge/orienteur.ts";
import { FRAIS, MODES_MOBILISATION, PERSONNES_MOBILISATRICES } from "../../../knowledge/schema/data-inclusion.ts";
import type { Service } from "../../../knowledge/schema/index.ts";
import { serviceArea, serviceFreshness, type Freshness, type ServiceArea } from "../../../knowledge/search/browse.ts";
import { escapeHtml, safeHref } from "../../../knowledge/text/html.ts";
import { contactLines } from "../../../knowledge/answer/contact-lines.ts";
import { describeOpeningHours } from "../../../knowledge/text/times.ts";
import { directoryPage, link } from "./layout.ts";
import { directoryTexts } from "./texts.ts";

const t = directoryTexts.service;

/** What the report form shows after a try: a message, and the text typed when it was refused. */
export interface ReportState {
  notice?: string;
  typed?: string;
}

/** The complete page of a service, as seen on `today` (AAAA-MM-JJ). */
export function servicePage(orienteur: Orienteur, service: Service, today: string, report: ReportState = {}): string {
  const freshness = serviceFreshness(service, today);
  const area = serviceArea(orienteur, service);
  const sections = [
    header(service, freshness),
    section("pour-qui", t.forWhom, forWhom(orienteur, service)),
    section("ou", t.where, where(orienteur, service, area)),
    section("contact", t.contact, contact(service)),
    service.conditions_acces ? section("acces", t.access, `<p>${escapeHtml(service.conditions_acces)}</p>`) : "",
    service.frais || service.frais_precisions ? section("cout", t.cost, cost(service)) : "",
    refer(service),
    section("besoins", t.needs, needs(orienteur, service)),
    section("detail", t.description, `<p>${escapeHtml(service.description)}</p>`),
    sigles(orienteur, service),
    reportForm(service, report),
  ];
  return directoryPage({ title: service.nom, baseName: orienteur.base.info.nom, body: sections.filter(Boolean).join("\n"), jsonLd: serviceJsonLd(service, area) });
}

function section(id: string, title: string, body: string): string {
  return `<section class="bloc" aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(title)}</h2>${body}</section>`;
}

/** The FALC summary first, then who carries it and how fresh the entry is. */
function header(service: Service, freshness: Freshness): string {
  const badge = freshness.upToDate
    ? `<span class="fraicheur a-jour">${escapeHtml(t.upToDate)}</span>`
    : `<span class="fraicheur a-reverifier">${escapeHtml(t.toRecheck)}</span>`;
  const lines = [`<p class="falc">${escapeHtml(service.description_falc)}</p>`];
  if (service.structure) lines.push(`<p>${escapeHtml(t.structure)} : ${escapeHtml(service.structure)}${service.sigle ? ` (${escapeHtml(service.sigle)})` : ""}</p>`);
  lines.push(`<p class="verifiee">${badge} ${escapeHtml(t.checked(freshness.date))}</p>`);
  if (!freshness.upToDate) lines.push(`<p class="note note-warning">${escapeHtml(t.recheckExplain(freshness.frequencyMonths))}</p>`);
  return lines.join("");
}

function forWhom(orienteur: Orienteur, service: Service): string {
  const publics = service.publics.map((id) => orienteur.base.publics.find((p) => p.id === id)?.libelle ?? id);
  const parts = [`<ul>${publics.map((p) => `<li>${escapeHtml(p)}</li>`).join("")}</ul>`];
  if (service.age_min !== undefined || service.age_max !== undefined) parts.push(`<p>${escapeHtml(t.ages(service.age_min, service.age_max))}</p>`);
  if (service.publics_precisions) parts.push(`<p>${escapeHtml(service.publics_precisions)}</p>`);
  return parts.join("");
}

function where(orienteur: Orienteur, service: Service, area: ServiceArea): string {
  // Communes served only in part (« hameaux et écarts seulement »): the professional checks the address.
  const partial = (service.zone_partielle ?? []).map(
    ({ commune, precision }) => `<li>${escapeHtml(orienteur.geography.communes.get(commune)?.nom ?? commune)} : ${escapeHtml(precision)}</li>`,
  );
  const partialHtml = partial.length > 0 ? `<p>${escapeHtml(t.partly)}</p><ul>${partial.join("")}</ul>` : "";
  return whereCodes(area) + partialHtml;
}

function whereCodes(area: ServiceArea): string {
  if (area.france) return `<p>${escapeHtml(t.wholeCountry)}</p>`;
  const rows: [string, string[]][] = [
    [t.departements, area.departements],
    [t.territoires, area.territoires],
    [t.epcis, area.epcis],
    [t.communes, area.communes],
  ];
  return `<dl class="zone">${rows
    .filter(([, names]) => names.length > 0)
    .map(([label, names]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(names.join(", "))}</dd>`)
    .join("")}</dl>`;
}

/** The answers' own contact lines (phone, e-mail, named role, site, address, hours in French), as a list of terms. */
function contact(service: Service): string {
  const items = contactLines(service).map((line) => {
    const href = safeHref(line.href);
    const value = href ? `<a href="${escapeHtml(href)}">${escapeHtml(line.value)}</a>` : escapeHtml(line.value);
    return `<dt>${escapeHtml(line.label)}</dt><dd>${value}</dd>`;
  });
  if (service.horaires_telephone) items.push(`<dt>${escapeHtml(t.phoneHours)}</dt><dd>${escapeHtml(describeOpeningHours(service.horaires_telephone))}</dd>`);
  return `<dl class="coordonnees">${items.join("")}</dl>`;
}

function cost(service: Service): string {
  const label = service.frais ? FRAIS[service.frais] : "";
  return `<p>${escapeHtml([label, service.frais_precisions].filter(Boolean).join(" — "))}</p>`;
}

function refer(service: Service): string {
  const rows: string[] = [];
  if (service.modes_mobilisation?.length) rows.push(`<dt>${escapeHtml(t.referModes)}</dt><dd>${escapeHtml(service.modes_mobilisation.map((m) => MODES_MOBILISATION[m]).join(", "))}</dd>`);
  if (service.mobilisable_par?.length) rows.push(`<dt>${escapeHtml(t.referBy)}</dt><dd>${escapeHtml(service.mobilisable_par.map((m) => PERSONNES_MOBILISATRICES[m]).join(", "))}</dd>`);
  const href = safeHref(service.lien_mobilisation);
  if (href) rows.push(`<dt>${escapeHtml(t.referLink)}</dt><dd><a href="${escapeHtml(href)}">${escapeHtml(href)}</a></dd>`);
  const precisions = service.mobilisation_precisions ? `<p>${escapeHtml(service.mobilisation_precisions)}</p>` : "";
  if (rows.length === 0 && !precisions) return "";
  return section("orienter", t.refer, `${precisions}${rows.length ? `<dl>${rows.join("")}</dl>` : ""}`);
}

function needs(orienteur: Orienteur, service: Service): string {
  const items = service.besoins.map((id) => {
    const besoin = orienteur.base.besoins.find((b) => b.id === id);
    return `<li>${besoin ? link(`/besoins/${encodeURIComponent(id)}`, besoin.libelle) : escapeHtml(id)}</li>`;
  });
  return `<ul>${items.join("")}</ul>`;
}

/** The sigles written on the page, expanded: a professional new to the sector reads them here. */
function sigles(orienteur: Orienteur, service: Service): string {
  const pageText = [service.nom, service.sigle, service.structure, service.description_falc, service.description, service.conditions_acces, service.mobilisation_precisions, service.publics_precisions]
    .filter(Boolean)
    .join("\n");
  const found = orienteur.glossary.findInText(pageText).trouves;
  if (found.length === 0) return "";
  const items = found.map((info) => {
    const meanings = info.developpements.map((d) => `<dd><strong>${escapeHtml(d.forme_longue)}</strong> : ${escapeHtml(d.definition)}</dd>`).join("");
    return `<dt><abbr title="${escapeHtml(info.developpements[0]?.forme_longue ?? "")}">${escapeHtml(info.sigle)}</abbr></dt>${meanings}`;
  });
  return section("sigles", t.sigles, `<dl class="sigles">${items.join("")}</dl>`);
}

const r = directoryTexts.report;

function reportForm(service: Service, state: ReportState): string {
  return `<section class="bloc signaler" aria-labelledby="signaler">
<h2 id="signaler">${escapeHtml(r.title)}</h2>
${state.notice ?? ""}
<form method="post" action="/services/${escapeHtml(encodeURIComponent(service.id))}/signaler">
  <p>${escapeHtml(r.intro)}</p>
  <label for="texte">${escapeHtml(r.label)}</label>
  <textarea id="texte" name="texte" rows="4" maxlength="2000" required aria-describedby="texte-aide">${escapeHtml(state.typed ?? "")}</textarea>
  <p class="aide" id="texte-aide">${escapeHtml(r.hint)}</p>
  <div class="actions"><button type="submit">${escapeHtml(r.button)}</button></div>
</form>
</section>`;
}

/**
 * schema.org data: a Service (name, description, areaServed) whose provider, a LocalBusiness, has the
 * address, phone, e-mail and hours: Service itself has no such properties.
 */
function serviceJsonLd(service: Service, area: ServiceArea): Record<string, unknown> {
  const address =
    service.adresse || service.commune
      ? {
          "@type": "PostalAddress",
          ...(service.adresse ? { streetAddress: [service.adresse, service.complement_adresse].filter(Boolean).join(", ") } : {}),
          ...(service.code_postal ? { postalCode: service.code_postal } : {}),
          ...(service.commune ? { addressLocality: service.commune } : {}),
          addressCountry: "FR",
        }
      : undefined;
  const areaServed = area.france
    ? [{ "@type": "Country", name: "France" }]
    : [...area.departements, ...area.territoires, ...area.epcis, ...area.communes].map((name) => ({ "@type": "AdministrativeArea", name }));
  const provider = {
    "@type": "LocalBusiness",
    name: service.structure ?? service.nom,
    ...(service.telephone ? { telephone: service.telephone } : {}),
    ...(service.courriel ? { email: service.courriel } : {}),
    ...(service.site_web ? { url: service.site_web } : {}),
    ...(address ? { address } : {}),
    // OpenStreetMap's simple rules (« Mo-Fr 09:00-12:00 ») are schema.org's openingHours syntax.
    ...(service.horaires_accueil ? { openingHours: service.horaires_accueil.split(/\s*;\s*/).filter((rule) => rule !== "PH off") } : {}),
  };
  return {
    "@context": "https://schema.org",
    "@type": "Service",
    name: service.nom,
    ...(service.sigle ? { alternateName: service.sigle } : {}),
    description: service.description_falc,
    areaServed,
    provider,
  };
}

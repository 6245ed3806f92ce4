// One knowledge-base entry → one item of the issue, with its contact and the zone and themes
// editions order by.
import { telHref } from "../../knowledge/text/html.ts";
import { contactLines } from "../../knowledge/answer/contact-lines.ts";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Referent } from "../../knowledge/schema/common.ts";
import type { Evenement, Pratique, Service } from "../../knowledge/schema/index.ts";
import { foldText } from "../../knowledge/text/normalize.ts";
import { describeWhen } from "../../knowledge/text/times.ts";
import type { ContactLine, EventItem, PratiqueItem, ServiceItem, ServiceStatus } from "./model.ts";
import { rich } from "./model.ts";
import { composeTexts as t } from "./texts.ts";

import { frenchDate } from "../../knowledge/text/dates.ts";

export { frenchDate };

export function serviceItem(service: Service, statut: ServiceStatus, orienteur: Orienteur): ServiceItem {
  const item: ServiceItem = {
    type: "service",
    id: service.id,
    nom: rich(service.nom),
    resume: rich(service.description_falc),
    contacts: contactLines(service),
    statut,
    dateMaj: service.date_maj,
    zone: zoneCodes(orienteur, service.zone_eligibilite, service.territoires),
    themes: serviceThemes(service, orienteur),
  };
  if (service.structure) item.structure = service.structure;
  if (service.commune) item.commune = service.commune;
  if (service.mobilisation_precisions) item.orienter = rich(service.mobilisation_precisions);
  if (service.date_creation) item.dateCreation = service.date_creation;
  return item;
}

export function pratiqueItem(pratique: Pratique, selection: boolean, orienteur: Orienteur): PratiqueItem {
  const contacts = referentLines(pratique.contact);
  if (pratique.lien) contacts.push({ kind: "site", label: t.practiceLink, value: pratique.lien, href: pratique.lien });
  const services = (pratique.services ?? []).map((id) => orienteur.service(id)).filter((s): s is Service => s !== undefined);
  return {
    type: "pratique",
    id: pratique.id,
    titre: rich(pratique.titre),
    resume: rich(pratique.resume),
    partenaires: [...pratique.partenaires],
    contacts,
    date: pratique.date,
    selection,
    zone: zoneCodes(orienteur, pratique.zone, pratique.territoires),
    themes: fold([...pratique.tags, ...services.flatMap((s) => serviceThemes(s, orienteur))]),
  };
}

export function eventItem(event: Evenement): EventItem {
  const contacts: ContactLine[] = [];
  const inscription = event.inscription;
  const notes = [inscription?.date_limite ? t.registerBefore(frenchDate(inscription.date_limite)) : "", inscription?.gratuit ? t.free : ""].filter(Boolean).join(", ");
  if (inscription?.url) contacts.push({ kind: "site", label: t.register, value: inscription.url, href: inscription.url });
  if (inscription?.courriel) contacts.push({ kind: "courriel", label: t.contact.courriel, value: inscription.courriel, href: `mailto:${inscription.courriel}` });
  if (inscription?.telephone) contacts.push({ kind: "telephone", label: t.contact.telephone, value: inscription.telephone, href: `tel:${telHref(inscription.telephone)}` });
  if (notes) {
    const first = contacts[0];
    if (first && first.label === t.register) first.value = `${first.value} (${notes})`;
    else contacts.unshift({ kind: "referent", label: t.register, value: notes });
  }
  if (event.lien_visio) contacts.push({ kind: "site", label: t.onlineLink, value: event.lien_visio, href: event.lien_visio });
  return {
    type: "evenement",
    id: event.id,
    titre: rich(event.titre),
    description: rich(event.description),
    quand: describeSpan(event),
    ou: event.lieu ?? t.online,
    public: rich(event.public),
    contacts,
    debut: event.debut,
    zone: event.zone ? [...event.zone] : event.code_insee ? [event.code_insee] : [],
    themes: fold(event.tags),
  };
}

/** « jeudi 10 décembre 2026, 9 h 30 – 12 h », or « … au 12 décembre 2026 » over several days. */
function describeSpan(event: Evenement): string {
  const start = describeWhen(event);
  if (!event.fin) return start;
  const [day, time] = event.fin.split(/[T ]/) as [string, string | undefined];
  if (day === event.debut.slice(0, 10)) return time ? `${start}${t.until(hour(time))}` : start;
  return `${start}${t.untilDay(frenchDate(day))}`;
}

function hour(time: string): string {
  return time.replace(/^0?(\d+):(\d\d)$/, (_, h: string, m: string) => `${h} h${m === "00" ? "" : ` ${m}`}`);
}

function referentLines(referent: Referent): ContactLine[] {
  const lines: ContactLine[] = [{ kind: "referent", label: t.practiceContact, value: [referent.fonction, referent.nom_prenom].filter(Boolean).join(" — ") }];
  if (referent.telephone) lines.push({ kind: "telephone", label: t.contact.telephone, value: referent.telephone, href: `tel:${telHref(referent.telephone)}` });
  if (referent.courriel) lines.push({ kind: "courriel", label: t.contact.courriel, value: referent.courriel, href: `mailto:${referent.courriel}` });
  return lines;
}

/** Zone codes plus the codes of the base's own territories the entry names. */
function zoneCodes(orienteur: Orienteur, codes: readonly string[] | undefined, territoires: readonly string[] | undefined): string[] {
  const all = new Set(codes ?? []);
  for (const id of territoires ?? []) for (const code of orienteur.base.territoires.find((x) => x.id === id)?.zone ?? []) all.add(code);
  return [...all];
}

function serviceThemes(service: Service, orienteur: Orienteur): string[] {
  const besoins = service.besoins.map((id) => orienteur.base.besoins.find((b) => b.id === id));
  return fold([...service.besoins, ...besoins.map((b) => b?.domaine ?? ""), ...(service.thematiques ?? []), ...(service.mots_cles ?? [])]);
}

function fold(values: readonly string[]): string[] {
  return [...new Set(values.map(foldText).filter(Boolean))];
}

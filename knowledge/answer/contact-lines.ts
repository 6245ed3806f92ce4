// How to reach a service or join an event, as the answer model's contact lines: the same labels
// and order in a chat answer, a service's web page and the newsletter.
import type { Service } from "../schema/index.ts";
import { telHref } from "../text/html.ts";
import { describeOpeningHours } from "../text/times.ts";
import type { ContactLine } from "./model.ts";

/** The labels of contact lines, and the two words an event's card needs, in one place for every reader. */
export const contactTexts = {
  contact: {
    telephone: "Téléphone",
    courriel: "Courriel",
    site: "Site",
    adresse: "Adresse",
    horaires: "Horaires",
    horairesTelephone: "Au téléphone",
    referent: "Contact",
  },
  event: {
    online: "En ligne",
    register: "Inscription",
  },
};

/** How to reach a service, most direct first. */
export function contactLines(service: Service): ContactLine[] {
  const t = contactTexts.contact;
  const lines: ContactLine[] = [];
  if (service.telephone) lines.push({ kind: "telephone", label: t.telephone, value: service.telephone, href: `tel:${telHref(service.telephone)}` });
  if (service.courriel) lines.push({ kind: "courriel", label: t.courriel, value: service.courriel, href: `mailto:${service.courriel}` });
  if (service.referent) {
    const who = [service.referent.fonction, service.referent.nom_prenom].filter(Boolean).join(" — ");
    const how = [service.referent.telephone, service.referent.courriel].filter(Boolean).join(", ");
    lines.push({ kind: "referent", label: t.referent, value: how ? `${who} (${how})` : who });
  }
  if (service.site_web) lines.push({ kind: "site", label: t.site, value: service.site_web, href: service.site_web });
  const address = [service.adresse, service.complement_adresse, [service.code_postal, service.commune].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  if (address) lines.push({ kind: "adresse", label: t.adresse, value: address });
  if (service.horaires_accueil) lines.push({ kind: "horaires", label: t.horaires, value: describeOpeningHours(service.horaires_accueil) });
  if (service.horaires_telephone) lines.push({ kind: "horaires", label: t.horairesTelephone, value: describeOpeningHours(service.horaires_telephone) });
  return lines;
}

// Every sentence the compose step writes into an issue, in one place. Contact labels are those of
// the answer model, so a service reads the same in a chat answer and in the newsletter.
import { contactTexts } from "../../knowledge/answer/contact-lines.ts";
import type { SectionKind } from "./model.ts";

export const composeTexts = {
  sections: {
    a_la_une: "À la une",
    editorial: "Éditorial",
    nouveaux_services: "Nouveaux services",
    services_mis_a_jour: "Fiches mises à jour",
    pratiques: "Bonnes pratiques",
    agenda: "Agenda des prochaines semaines",
    astuce: "L'astuce",
    bon_a_savoir: "Bon à savoir",
  } satisfies Record<SectionKind, string>,
  readMore: "En savoir plus",
  contact: contactTexts.contact,
  online: contactTexts.event.online,
  register: contactTexts.event.register,
  registerBefore: (date: string) => `inscription avant le ${date}`,
  free: "gratuit",
  onlineLink: "Lien de connexion",
  practiceContact: "Contact",
  practiceLink: "En savoir plus",
  until: (time: string) => ` – ${time}`,
  untilDay: (day: string) => ` au ${day}`,
};

// Every sentence the e-mail and the web archive add around an issue, in one place.
import { frenchDate } from "../compose/items.ts";
import type { ServiceStatus } from "../compose/model.ts";

export const renderTexts = {
  subject: (numero: number, titre: string) => `Lettre n° ${numero} — ${titre}`,
  viewOnline: "Voir en ligne",
  viewOnlineText: (url: string) => `Version en ligne : ${url}`,
  masthead: "La lettre d'Orienteur",
  issueLine: (numero: number, date: string) => `Lettre n° ${numero} — ${frenchDate(date)}`,
  editionLine: (nom: string) => `Édition ${nom} : les informations de votre secteur d'abord.`,
  themesLine: (themes: readonly string[]) => `Vos thèmes : ${themes.join(", ")}.`,
  fictional: "Base de démonstration fictive : les services et les coordonnées sont inventés. Ne les utilisez pas pour orienter quelqu'un.",
  greeting: "Bonjour {{prenom}},",
  since: (date: string) => `Depuis le ${frenchDate(date)}`,
  status: {
    nouveau: "Nouveau",
    mis_a_jour: "Mis à jour",
    selection: "Sélection de la rédaction",
  } satisfies Record<ServiceStatus, string>,
  addedOn: (date: string) => `ajouté le ${frenchDate(date)}`,
  checkedOn: (date: string) => `fiche vérifiée le ${frenchDate(date)}`,
  publishedOn: (date: string) => `publiée le ${frenchDate(date)}`,
  partners: "Partenaires",
  refer: "Pour orienter",
  when: "Quand",
  where: "Où",
  forWhom: "Pour qui",
  footer: {
    why: (base: string) => `Vous recevez cette lettre parce que vous êtes abonné·e à la lettre d'information de « ${base} ».`,
    editors: "Une fiche à corriger ? Écrivez à la rédaction :",
    unsubscribe: "Se désinscrire",
    preferences: "Choisir mon territoire et mes thèmes",
    archive: "Toutes les lettres",
  },
  archive: {
    title: (base: string) => `Lettres d'information — ${base}`,
    intro: "Chaque lettre présente les nouveaux services de l'annuaire, les fiches mises à jour, des bonnes pratiques et l'agenda.",
    empty: "Aucune lettre n'a encore été publiée.",
    feed: "S'abonner au flux Atom",
    back: "Toutes les lettres",
    skip: "Aller au contenu",
    notFound: "Lettre introuvable.",
    issueLink: (numero: number, date: string, titre: string) => `n° ${numero} — ${frenchDate(date)} — ${titre}`,
    feedTitle: (base: string) => `Lettres d'information — ${base}`,
  },
};

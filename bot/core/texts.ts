// Every sentence the bot writes, in one place, so that wording can be reviewed as a whole (FALC spirit:
// short sentences, everyday words, one idea per sentence).
import { contactTexts } from "../../knowledge/answer/contact-lines.ts";
import type { CommandName } from "./commands/catalog.ts";

/**
 * What a user typed, as a sentence quotes it back: at most `max` characters, so that a huge message
 * is never echoed whole (one message would otherwise come back as many).
 * @example echo("x".repeat(500)) // → "xxx…x…" (80 characters)
 */
function echo(typed: string, max = 80): string {
  const flat = typed.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** « du salon » in a group room, « de cette conversation » in a private chat. */
const ofRoom = (direct: boolean) => (direct ? "de cette conversation" : "du salon");

export const texts = {
  /** Each command's help line (after its name and usage) and its entry in Telegram's « / » menu; the list itself is commands/catalog.ts. */
  commands: {
    orienter: { usage: "<besoin> [à <commune>]", help: () => "chercher un service", menu: "Trouver un service : le besoin et la commune" },
    sigle: { usage: "<SIGLE>", help: () => "expliquer un sigle", menu: "Expliquer un sigle, par exemple /sigle DAC" },
    sigles: { usage: "<texte>", help: () => "expliquer tous les sigles d'un texte", menu: "Expliquer tous les sigles d'un texte collé" },
    territoire: { usage: "<commune>", help: (direct: boolean) => `choisir la commune par défaut ${ofRoom(direct)}`, menu: "Choisir la commune par défaut du groupe" },
    agenda: { usage: "", help: (direct: boolean) => `les prochains rendez-vous près du territoire ${ofRoom(direct)}`, menu: "Les prochains rendez-vous près du territoire" },
    abonner: { usage: "<e-mail>", help: () => "recevoir la lettre d'information (un e-mail de confirmation suit)", menu: "Recevoir la lettre d'information (e-mail)" },
    signaler: {
      usage: "<service> : <ce qui ne va pas>",
      help: () => "signaler aux éditeurs une information périmée ou fausse",
      menu: "Signaler aux éditeurs une information à corriger",
    },
    aide: { usage: "", help: () => "ce message", menu: "Comment m'utiliser, avec des exemples" },
  } satisfies Record<CommandName, { usage: string; help: (direct: boolean) => string; menu: string }>,
  fictionalBase: "Base de démonstration fictive : les coordonnées sont inventées. Ne l'utilisez pas pour orienter quelqu'un.",
  servicesTitle: (count: number, where: string | null) =>
    `${count === 1 ? "Un service répond" : `${count} services répondent`}${where ? ` ${where}` : ""}`,
  noLocalTitle: (need: string, where: string) => `Aucun service de la base ne répond à « ${need} » ${where}`,
  noLocalExplain: "Voici les portes d'entrée généralistes qui couvrent ce lieu : elles peuvent évaluer la situation et trouver le bon interlocuteur.",
  noLocalNothing: "Aucune porte d'entrée généraliste de la base ne couvre ce lieu non plus. Contactez les éditeurs de la base pour signaler ce manque.",
  outOfScopeNothing: "Aucun service de la base ne couvre ce lieu.",
  wholeScopeMeanwhile: "En attendant, voici les services qui couvrent tout le territoire de la base :",
  followUpNeed: (need: string) => `(Je reprends votre besoin précédent : « ${need} ».)`,
  danger: {
    title: "Situation de danger : appelez d'abord",
    line: (numero: string, nom: string, quand: string | undefined) => `${numero} — ${nom}${quand ? ` (${quand})` : ""}`,
    askPlaceToo: "Pour voir aussi les services proches de la personne, donnez-moi sa commune.",
  },
  groupTitle: (need: string, count: number) => `Pour « ${need} » : ${count === 0 ? "aucun service ici" : count === 1 ? "un service" : `${count} services`}`,
  generalisteBadge: "Porte d'entrée généraliste",
  choicesHint: "Répondez par le numéro (par exemple « 2 ») ou par le nom de la commune.",
  needChoicesHint: "Répondez par le numéro du besoin (par exemple « 2 »), ou décrivez-le en quelques mots.",
  more: {
    choice: (count: number) => (count === 1 ? "Voir le service suivant" : `Voir les ${count} services suivants`),
    /** What picking the option means, as the user could type it. */
    typed: "plus",
    hint: (count: number) => `Pour ${count === 1 ? "le" : "les"} voir, répondez « plus » (ou « 1 »).`,
    title: (from: number, to: number, total: number, where: string | null) =>
      `${from === to ? `Service ${from}` : `Services ${from} à ${to}`} sur ${total}${where ? ` ${where}` : ""}`,
    none: "Je n'ai pas d'autres services à montrer pour cette question. Posez une nouvelle question : le besoin et la commune suffisent.",
    /** When an answer grouped its services per need: one option per need that has more. */
    choiceFor: (count: number, need: string) => (count === 1 ? `Voir 1 autre service : ${need}` : `Voir ${count} autres services : ${need}`),
    typedFor: (need: string) => `plus pour ${need}`,
    noneFor: (need: string) => `Je vous ai déjà montré tous les services pour « ${need} ». Répondez par le numéro d'un autre besoin, ou posez une nouvelle question.`,
    hintFor: "Pour les voir, répondez par le numéro (par exemple « 1 »), ou « plus pour » suivi du besoin.",
    titleFor: (need: string, from: number, to: number, total: number, where: string | null) =>
      `Pour « ${need} » : ${from === to ? `service ${from}` : `services ${from} à ${to}`} sur ${total}${where ? ` ${where}` : ""}`,
  },
  whyLabel: "Pourquoi",
  referLabel: "Pour orienter",
  /** The link to a service's page, and how fresh its entry is (« vérifiée en mars 2026 »). */
  pageLabel: "Fiche complète",
  /** Before « vérifiée en … » when no link can be shown. */
  pageShort: "Fiche",
  checkedIn: (month: string) => `vérifiée en ${month}`,
  sigle: {
    unknown: (typed: string) => `Je ne connais pas le sigle « ${echo(typed)} ».`,
    suggestions: (list: string[]) => `Vouliez-vous dire ${list.map((s) => `« ${s} »`).join(" ou ")} ?`,
    askEditors: "S'il manque au glossaire, signalez-le aux éditeurs de la base.",
    ambiguous: (count: number) => `Ce sigle a ${count} sens. Le plus courant est en premier.`,
    servicesHere: "Dans la base :",
    foundTitle: (count: number) => (count === 0 ? "Aucun sigle connu dans ce texte." : count === 1 ? "Un sigle trouvé dans ce texte" : `${count} sigles trouvés dans ce texte`),
    unknownInText: (list: string[]) => `Sigles inconnus du glossaire : ${list.join(", ")}.`,
    emptyText: "Collez le texte dont vous voulez expliquer les sigles, par exemple : sigles Le DAC et le SSIAD se coordonnent avec l'EHPAD.",
    emptySigle: "Quel sigle voulez-vous comprendre ? Par exemple : sigle DAC.",
  },
  help: {
    title: "Orienteur : qui s'occupe de ce besoin, ici ?",
    intro: "Décrivez le besoin et la commune en une phrase. Je vous donne les services qui couvrent ce lieu, pourquoi ils correspondent, et comment les joindre.",
    examples: [
      "portage de repas pour une personne âgée à Clamecy",
      "aide à domicile à st pierre le moutier",
      "hébergement d'urgence à Nevers",
      "c'est quoi un DAC ?",
    ],
    privacy: "Ne donnez pas le nom ni les coordonnées de la personne : le besoin et la commune suffisent.",
  },
  room: {
    // « salon » in a group room, « conversation » in a private chat.
    placeSet: (name: string, direct = false) => `C'est noté : dans ${direct ? "cette conversation" : "ce salon"}, une question sans commune portera sur ${name}.`,
    placeCleared: (direct = false) => `C'est noté : ${direct ? "cette conversation" : "ce salon"} n'a plus de commune par défaut.`,
    placeCurrent: (name: string, p: string, direct = false) => `Lieu par défaut de ${direct ? "cette conversation" : "ce salon"} : ${name}. Pour le changer : ${p}territoire <commune>.`,
    placeNone: (p: string, direct = false) => `${direct ? "Cette conversation" : "Ce salon"} n'a pas de commune par défaut. Pour en choisir une : ${p}territoire <commune>.`,
    placeUnknown: (typed: string) => `Je ne trouve pas « ${echo(typed)} ». Donnez un nom de commune, un code postal ou un code INSEE.`,
    placeForbidden: "Seuls les administrateurs du salon ou les éditeurs de la base peuvent changer sa commune par défaut.",
  },
  agenda: {
    title: (where: string | null) => `Prochains rendez-vous${where ? ` ${where}` : ""}`,
    none: "Aucun rendez-vous à venir dans l'agenda de la base pour ce territoire.",
    // Shared with the web agenda and the newsletter (knowledge/answer/contact-lines.ts).
    online: contactTexts.event.online,
    register: contactTexts.event.register,
  },
  feedback: {
    usage: (p: string) =>
      `Pour signaler une information à corriger : ${p}signaler <service> : <ce qui ne va pas>. Par exemple : ${p}signaler ssiad-nevers : le numéro de téléphone a changé.`,
    missingText: (name: string, id: string, p: string) => `Dites ce qui est à corriger pour « ${name} », par exemple : ${p}signaler ${id} : les horaires ont changé.`,
    unknownService: (typed: string) => `Je ne trouve pas le service « ${echo(typed)} » dans la base.`,
    suggestions: "Vouliez-vous dire :",
    suggestion: (name: string, id: string) => `${name} (${id})`,
    retry: (p: string, id: string) => `Reprenez avec le nom ou l'identifiant, par exemple : ${p}signaler ${id} : ce qui ne va pas.`,
    thanks: (number: number, name: string) => `Merci : votre signalement n° ${number} sur « ${name} » est enregistré et transmis aux éditeurs de la base.`,
    removed: (labels: string[]) => `Par précaution, je n'ai pas gardé ce qui pouvait identifier une personne (${labels.join(", ")}).`,
    editorsTitle: (number: number, name: string, id: string) => `Signalement n° ${number} : ${name} (${id})`,
    editorsFrom: (platform: string, room: string | null) => (room ? `Venu de ${platform}, salon ${room}.` : `Venu de ${platform}, en message direct.`),
    editorsClose: (number: number) => `Une fois corrigé : orienteur signalements fermer ${number} --note "ce qui a été fait"`,
    chatOnly: "La commande signaler s'utilise dans la messagerie où Orienteur est installé (Tchap, Slack, Telegram). Vous pouvez aussi écrire aux éditeurs de la base.",
  },
  privacyReminder:
    "Rappel : ne partagez pas d'informations qui identifient la personne (nom, date de naissance, numéro de sécurité sociale, téléphone, adresse) ; le besoin et la commune suffisent.",
  subscribeUnavailable: "La lettre d'information n'est pas disponible sur ce serveur.",
  subscribeUsage: (p: string) => `Indiquez votre adresse : ${p}abonner prenom.nom@example.org`,
  throttled: (seconds: number) =>
    `Vous envoyez beaucoup de messages en peu de temps : je n'ai pas lu ce message. Renvoyez-le dans ${seconds} secondes ; d'ici là, je ne lis pas les suivants.`,
  dropped: (count: number) => `Pendant la pause, je n'ai pas lu ${count === 1 ? "un message" : `${count} messages`} : renvoyez ceux qui attendent encore une réponse.`,
  attachmentOnly:
    "Je ne lis que le texte : les photos, fichiers, messages vocaux et autocollants ne me parviennent pas. Décrivez le besoin et la commune par écrit, par exemple : « portage de repas à Clamecy ».",
  attachmentIgnored: "J'ai lu le texte de votre message, pas la pièce jointe : je ne lis que le texte.",
  editNotRead: "Vous avez modifié votre message : je ne relis pas les messages modifiés. Envoyez la question corrigée dans un nouveau message.",
  thanks: "Avec plaisir. Posez une autre question quand vous voulez : le besoin et la commune suffisent.",
  greeting: "Bonjour ! Décrivez le besoin et la commune, par exemple : « portage de repas à Clamecy ».",
  emptyQuestion: "Votre message est vide. Décrivez le besoin et la commune, par exemple : « portage de repas à Clamecy ».",
  tooLong: (max: number) => `Votre message est très long : je n'en lis que les ${max} premiers caractères.`,
  internalError: "Désolé, une erreur m'empêche de répondre. Réessayez dans un instant ; si cela continue, prévenez l'équipe qui gère Orienteur.",
  unknownCommand: (name: string, p: string) => `Je ne connais pas la commande « ${p}${echo(name, 40)} ». Tapez ${p}aide pour la liste.`,
};

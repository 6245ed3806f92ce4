// Every sentence the bot writes, in one place, so that wording can be reviewed as a whole (FALC spirit:
// short sentences, everyday words, one idea per sentence).

export const texts = {
  fictionalBase: "Base de démonstration fictive : les coordonnées sont inventées. Ne l'utilisez pas pour orienter quelqu'un.",
  servicesTitle: (count: number, where: string | null) =>
    `${count === 1 ? "Un service répond" : `${count} services répondent`}${where ? ` ${where}` : ""}`,
  noLocalTitle: (need: string, where: string) => `Aucun service de la base ne répond à « ${need} » ${where}`,
  noLocalExplain: "Voici les portes d'entrée généralistes qui couvrent ce lieu : elles peuvent évaluer la situation et trouver le bon interlocuteur.",
  noLocalNothing: "Aucune porte d'entrée généraliste de la base ne couvre ce lieu non plus. Contactez les éditeurs de la base pour signaler ce manque.",
  outOfScopeNothing: "Aucun service de la base ne couvre ce lieu.",
  wholeScopeMeanwhile: "En attendant, voici les services qui couvrent tout le territoire de la base :",
  followUpNeed: (need: string) => `(Je reprends votre besoin précédent : « ${need} ».)`,
  generalisteBadge: "Porte d'entrée généraliste",
  whyLabel: "Pourquoi",
  referLabel: "Pour orienter",
  contact: {
    telephone: "Téléphone",
    courriel: "Courriel",
    site: "Site",
    adresse: "Adresse",
    horaires: "Horaires",
    referent: "Contact",
  },
  sigle: {
    unknown: (typed: string) => `Je ne connais pas le sigle « ${typed} ».`,
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
    commands: (p: string) => [
      `${p}orienter <besoin> [à <commune>] : chercher un service`,
      `${p}sigle <SIGLE> : expliquer un sigle`,
      `${p}sigles <texte> : expliquer tous les sigles d'un texte`,
      `${p}aide : ce message`,
    ],
    privacy: "Ne donnez pas le nom ni les coordonnées de la personne : le besoin et la commune suffisent.",
  },
  emptyQuestion: "Votre message est vide. Décrivez le besoin et la commune, par exemple : « portage de repas à Clamecy ».",
  tooLong: (max: number) => `Votre message est très long : je n'en lis que les ${max} premiers caractères.`,
  internalError: "Désolé, une erreur m'empêche de répondre. Réessayez dans un instant ; si cela continue, prévenez l'équipe qui gère Orienteur.",
  unknownCommand: (name: string, p: string) => `Je ne connais pas la commande « ${p}${name} ». Tapez ${p}aide pour la liste.`,
};

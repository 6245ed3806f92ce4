// French texts of subscription: e-mails and pages, in one place.

export const subscribeTexts = {
  confirmSubject: "Confirmez votre abonnement à la lettre d'Orienteur",
  confirmText: (link: string) =>
    [
      "Bonjour,",
      "",
      "Vous (ou quelqu'un avec votre adresse) avez demandé à recevoir la lettre d'information d'Orienteur : dispositifs, bonnes pratiques de coopération et agenda.",
      "",
      `Pour confirmer, ouvrez ce lien dans les 7 jours : ${link}`,
      "",
      "Si ce n'est pas vous, ignorez ce message : vous ne recevrez rien.",
    ].join("\n"),
  intro: "Une lettre périodique : nouveaux dispositifs, bonnes pratiques de coopération, agenda. Désabonnement en un clic.",
  requested: "Merci. Si l'adresse est valide, un e-mail de confirmation vient de lui être envoyé : cliquez sur le lien qu'il contient pour recevoir la lettre.",
  invalidEmail: "Cette adresse e-mail n'est pas valide. Exemple : prenom.nom@example.org.",
  confirmed: "C'est fait : votre abonnement est confirmé. Vous recevrez la prochaine lettre.",
  badLink: "Ce lien n'est pas valide, a déjà servi ou a expiré : rien n'a été fait. Vous pouvez refaire une demande d'abonnement sur la page de la lettre.",
  pageLinkInvalid:
    "Ce lien n'est plus valide (il vaut une heure) : rien n'a été fait. Rouvrez la page de préférences depuis le lien de votre dernière lettre, puis recommencez.",
  unsubscribeQuestion: "Voulez-vous vraiment vous désabonner de la lettre d'Orienteur ?",
  unsubscribed: "Vous êtes désabonné·e. Vous ne recevrez plus la lettre.",
  preferencesIntro: "Choisissez votre territoire et vos thèmes : les informations qui vous concernent viendront en premier dans chaque lettre.",
  preferencesSaved: "Vos préférences sont enregistrées.",
  dataHeading: "Vos données",
  unsubscribeLabel: "Ne plus recevoir la lettre :",
  eraseLabel: "Effacer toutes vos données (adresse, prénom, territoire, thèmes, historique des envois) :",
  eraseQuestion: "Voulez-vous vraiment effacer toutes vos données ? Vous ne recevrez plus la lettre, et cette action ne peut pas être annulée.",
  eraseConfirm: "Oui, tout effacer",
  eraseCancel: "Non, revenir à mes préférences",
  erased: "Toutes vos données ont été effacées.",
  unknownPlace: (typed: string) =>
    `Territoire introuvable : « ${typed.length > 60 ? `${typed.slice(0, 60)}…` : typed} ». Donnez un département (58), une communauté de communes ou une commune.`,
  crossSite: "Ce formulaire doit être envoyé depuis la page de la lettre d'Orienteur. Ouvrez la page /lettre et réessayez.",
  tooManyRequests: "Trop de demandes depuis votre connexion. Réessayez dans quelques minutes.",
  tooLarge: (maxBytes: number) => `Formulaire trop volumineux : ${Math.round(maxBytes / 1024)} Kio au plus. Rien n'a été enregistré.`,
  notFound: "Page introuvable.",
};

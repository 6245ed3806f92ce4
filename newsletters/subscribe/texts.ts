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
  requested: "Merci. Si l'adresse est valide, un e-mail de confirmation vient de lui être envoyé : cliquez sur le lien qu'il contient pour recevoir la lettre.",
  invalidEmail: "Cette adresse e-mail n'est pas valide. Exemple : prenom.nom@example.org.",
  confirmed: "C'est fait : votre abonnement est confirmé. Vous recevrez la prochaine lettre.",
  badLink: "Ce lien n'est pas valide ou a expiré. Vous pouvez refaire une demande d'abonnement.",
  unsubscribeQuestion: "Voulez-vous vraiment vous désabonner de la lettre d'Orienteur ?",
  unsubscribed: "Vous êtes désabonné·e. Vous ne recevrez plus la lettre.",
  preferencesSaved: "Vos préférences sont enregistrées.",
  erased: "Toutes vos données ont été effacées.",
  unknownPlace: (typed: string) => `Territoire introuvable : « ${typed} ». Donnez un département (58), une communauté de communes ou une commune.`,
};

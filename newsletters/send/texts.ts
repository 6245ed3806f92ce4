// Every sentence the sending side shows an editor (CLI, editors' rooms), in one place for review.

const time = (ms: number) => new Date(ms).toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" });

export const sendTexts = {
  busy: (issue: string, since: number, until: number) =>
    `La lettre n° ${issue} est déjà en cours d'envoi par une autre commande (depuis ${time(since)}). Rien n'a été envoyé par celle-ci, pour que personne ne reçoive la lettre deux fois. Si l'autre envoi a été interrompu, relancez après ${time(until)} : il reprendra où il s'est arrêté.`,
  leaseLost: (issue: string) =>
    `L'envoi de la lettre n° ${issue} a été repris par une autre commande pendant une longue interruption de celle-ci : cette commande s'arrête pour ne rien envoyer deux fois.`,
  cancelled: "désabonné ou adresse mise de côté après la préparation de l'envoi : rien n'a été envoyé",
  sessionPause: (times: number, reason: string) => `${times} échecs de connexion de suite. ${reason} Aucun abonné n'a été mis en cause : relancez la même commande une fois le serveur revenu, l'envoi reprendra où il s'est arrêté.`,
  refusalWave: (times: number, detail: string) =>
    `${times} adresses refusées de suite (dernier refus : ${detail}) : l'envoi est mis en pause par prudence, car un tel enchaînement vient souvent du serveur d'envoi et non des adresses. Vérifiez le serveur d'envoi (SMTP_URL), levez si besoin les adresses mises de côté à tort (orienteur abonnes suppressions), puis relancez la même commande.`,
  gaveUp: (attempts: number, detail: string) => `refus temporaire persistant après ${attempts} essais (${detail}) : abandon pour cette lettre, l'adresse reste abonnée`,
  nextRetry: (count: number, at: number) =>
    `${count} message(s) refusé(s) pour l'instant par le serveur du destinataire (liste grise, boîte pleine, serveur surchargé) : ce n'est pas une panne de votre serveur d'envoi. Prochain essai à partir de ${time(at)} : relancez la même commande après cette heure (le serveur le fait seul pour un envoi programmé).`,
};

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
  scheduled: {
    startedTitle: (numero: number, titre: string) => `Envoi programmé de la lettre n° ${numero} « ${titre} » commencé`,
    doneTitle: (numero: number, titre: string) => `Lettre n° ${numero} « ${titre} » envoyée`,
    done: (audience: number, failures: number, cancelled: number) =>
      `${audience} destinataire(s) ; ${failures} échec(s) définitif(s) ; ${cancelled} désabonné(s) entre-temps. Elle est publiée dans l'archive en ligne et le flux.`,
    pausedTitle: (numero: number) => `Envoi programmé de la lettre n° ${numero} en pause`,
    resume: (path: string) => `Une fois le problème réglé, relancez : orienteur newsletter send ${path} (l'envoi reprendra où il s'est arrêté).`,
    changedTitle: (issue: string) => `Lettre n° ${issue} non envoyée : fichier modifié après approbation`,
    changed: (path: string) => `Le fichier ${path} a changé depuis son approbation : relisez l'aperçu (orienteur newsletter build ${path}), puis approuvez-le à nouveau (orienteur newsletter approuver ${path}).`,
    missingTitle: (issue: string) => `Lettre n° ${issue} non envoyée : fichier introuvable`,
    missing: (path: string) => `Le fichier ${path} n'existe plus : approuvez à nouveau le bon fichier (orienteur newsletter approuver <fichier>).`,
    noSmtpTitle: (issue: string) => `Lettre n° ${issue} non envoyée : pas de serveur d'envoi`,
    noSmtp: "SMTP_URL n'est pas défini sur le serveur : définissez-le, redémarrez, puis approuvez à nouveau la lettre.",
    failedTitle: (issue: string) => `Envoi programmé de la lettre n° ${issue} impossible`,
  },
};

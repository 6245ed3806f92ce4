// The French help of the `orienteur` command.

export const CLI_HELP = `orienteur — qui s'occupe de ce besoin, ici ?

Utilisation :
  orienteur ask "<question>" [--lieu <commune ou code>] [--json]
      Trouve les services qui répondent à un besoin, là où vit la personne.
      ex. orienteur ask "portage de repas pour une personne âgée à Clamecy"
  orienteur sigle <SIGLE> [--json]          Explique un sigle (ex. orienteur sigle DAC).
  orienteur sigles "<texte>" [--json]       Explique tous les sigles d'un texte collé (ou lu sur l'entrée standard).
  orienteur chat                            Conversation dans le terminal.
  orienteur serve [--port 8080] [--host 127.0.0.1]
      Démarre le serveur (page web locale). C'est ce que lance « npm start ».
  orienteur newsletter build <numéro.yaml> [--out <dossier>]
      Complète la lettre depuis la base et écrit l'aperçu (HTML, texte, .eml) ; rien n'est publié.
  orienteur newsletter send <numéro.yaml> [--dry-run] [--test <adresse>]
      Envoie la lettre aux abonnés confirmés (SMTP_URL), une seule fois chacun, reprise possible ;
      une fois parvenue à tous, elle entre dans l'archive en ligne et le flux.
  orienteur newsletter publish <numéro.yaml>  Publie la lettre dans l'archive et le flux sans l'envoyer.
  orienteur newsletter approuver <numéro.yaml>
      Programme l'envoi à l'heure de son champ « envoi » : le serveur l'envoie alors, une seule fois.
  orienteur newsletter retirer <numéro.yaml>  Retire l'approbation ; « newsletter programmees » liste les envois en attente.
  orienteur abonnes suppressions [--json]   Adresses qui ne reçoivent plus la lettre, et pourquoi.
  orienteur abonnes lever <adresse>         Rend une adresse mise de côté à nouveau destinataire.
  orienteur abonnes retours                 Lit la boîte des retours (non-remises, désabonnements par courriel).
  orienteur kb check [--json]               Vérifie la base : erreurs et avertissements (doublons, dates, sigles,
                                            couverture), avec fichier, ligne et correction. --json pour une CI.
  orienteur kb verifier <id> [--date AAAA-MM-JJ]
      Marque un service comme vérifié (date_maj), sans toucher au reste du fichier.
  orienteur kb import data-inclusion <services.json> [--structures <structures.json>] [--out <dossier>]
      Transforme des fiches data·inclusion en fichiers YAML à relire (un par service).
  orienteur kb export data-inclusion [--out <fichier ou dossier>]
      Exporte la base au format data·inclusion v1 (JSON valide selon le schéma national).
  orienteur signalements [--tous] [--json]  Signalements venus du terrain (ouverts ; --tous : fermés aussi).
  orienteur signalements fermer <n°> [--note "…"]
      Ferme un signalement une fois la base corrigée.
  orienteur besoins-non-couverts [--depuis 30j] [--json]
      Questions restées sans réponse locale, par besoin et par territoire (30j, 4s, 6m ou une date).
  orienteur campagne lancer [--besoin <besoin>] [--territoire <lieu>] [--dry-run]
      Demande aux services à revérifier si leur fiche est juste (un e-mail avec un lien signé, sans compte).
  orienteur campagne relancer | suivi [--json]
      Rappels aux services sans réponse ; qui a confirmé, corrigé, pas répondu, quelles adresses sont refusées.
  orienteur kb schema [--out <dossier>]     Écrit le schéma JSON des fichiers YAML (complétion dans l'éditeur).

Options communes :
  --kb <dossier>   Base de connaissances à utiliser (sinon ORIENTEUR_KB, sinon la base de démonstration).
  --help, -h       Cette aide.

Codes de sortie : 0 succès, 1 base invalide ou erreur, 2 commande mal formée.`;

// Every French sentence of the Matrix adapter, in one place: the notice users read in encrypted
// rooms, and the start-up errors operators read (each names the variable and the fix).

export const matrixTexts = {
  encryptedRoom:
    "Ce salon est chiffré : je ne peux pas lire les messages. Invitez-moi dans un salon non chiffré ou écrivez-moi en message direct non chiffré.",
  missingHomeserver:
    "MATRIX_HOMESERVER_URL est vide : indiquez l'adresse du serveur Matrix du compte du bot, par exemple https://matrix.agent.tchap.gouv.fr.",
  missingToken:
    "MATRIX_ACCESS_TOKEN est vide : indiquez le jeton d'accès du compte Matrix du bot (Element : Paramètres → Aide et à propos → Avancé → Jeton d'accès).",
  tokenRefused: (server: string, status: number, errcode: string) =>
    `MATRIX_ACCESS_TOKEN est défini mais le serveur Matrix ${server} l'a refusé (${status} ${errcode}) : le jeton est invalide ou la session a été fermée. ` +
    "Ouvrez une session avec le compte du bot, copiez son jeton d'accès (Element : Paramètres → Aide et à propos → Avancé → Jeton d'accès) dans MATRIX_ACCESS_TOKEN, puis redémarrez.",
  unreachable: (server: string, reason: string) =>
    `Le serveur Matrix ${server} est injoignable (${reason}) : vérifiez MATRIX_HOMESERVER_URL (adresse du serveur, par exemple https://matrix.agent.tchap.gouv.fr) et l'accès réseau de la machine.`,
  notMatrix: (server: string, status: number | undefined) =>
    `${server} ne répond pas comme un serveur Matrix${status ? ` (${status})` : ""} : vérifiez MATRIX_HOMESERVER_URL (l'adresse du serveur, pas celle du client web), par exemple https://matrix.agent.tchap.gouv.fr.`,
  userMismatch: (configured: string, actual: string) =>
    `MATRIX_USER_ID vaut ${configured} mais MATRIX_ACCESS_TOKEN appartient au compte ${actual} : corrigez MATRIX_USER_ID ou laissez-le vide.`,
  syncFailed: (server: string, reason: string) =>
    `La première synchronisation avec le serveur Matrix ${server} a échoué (${reason}) : vérifiez MATRIX_HOMESERVER_URL et MATRIX_ACCESS_TOKEN, puis redémarrez.`,
  syncTimeout: (server: string, seconds: number) =>
    `Le serveur Matrix ${server} n'a pas terminé la première synchronisation en ${seconds} s : vérifiez MATRIX_HOMESERVER_URL et l'état du serveur, puis redémarrez.`,
  badBotPattern: (pattern: string) =>
    `L'option botUserPattern « ${pattern} » n'est pas une expression régulière valide : corrigez-la (par exemple « bot: » pour les comptes dont l'identifiant finit par « bot »).`,
};

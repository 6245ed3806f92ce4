// Every sentence the Slack adapter writes for operators (start-up failures), in one place.
// Each names the environment variable and the fix.

export const slackTexts = {
  botTokenMissing: "SLACK_BOT_TOKEN est vide : copiez le « Bot User OAuth Token » (xoxb-…) de la page « OAuth & Permissions » de l'application Slack.",
  modeMissing: "Ni SLACK_APP_TOKEN (mode Socket, conseillé) ni SLACK_SIGNING_SECRET (mode HTTP) n'est défini : définissez-en un pour recevoir les messages de Slack.",
  botTokenRefused: (code: string) =>
    `SLACK_BOT_TOKEN est défini mais Slack l'a refusé (${code}) : vérifiez le « Bot User OAuth Token » (xoxb-…) dans la page « OAuth & Permissions » de l'application, et réinstallez l'application dans l'espace de travail s'il a été révoqué.`,
  appTokenRefused: (code: string) =>
    `SLACK_APP_TOKEN est défini mais Slack l'a refusé (${code}) : créez un jeton d'application (xapp-…) avec la portée connections:write dans « Basic Information › App-Level Tokens », et activez le mode Socket de l'application.`,
  unreachable: (url: string, reason: string) =>
    `Slack est injoignable à ${url} (${reason}) : vérifiez l'accès réseau du serveur vers Slack (pare-feu, proxy) ou la valeur de SLACK_API_URL si elle est définie.`,
  socketTimeout: (seconds: number) =>
    `La connexion en mode Socket à Slack n'a pas abouti en ${seconds} s : vérifiez que le mode Socket est activé pour l'application, la valeur de SLACK_APP_TOKEN et l'accès réseau du serveur vers Slack.`,
  portUnavailable: (port: number, code: string) =>
    `Le mode HTTP de Slack ne peut pas écouter sur le port ${port} (${code}) : choisissez un autre SLACK_PORT ou libérez ce port.`,
};

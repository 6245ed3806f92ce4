// Every French sentence of the Telegram adapter, in one place: the start-up errors an operator
// reads. The « / » menu comes from the command list (bot/core/commands/catalog.ts).

export const telegramTexts = {
  tokenMissing: "TELEGRAM_BOT_TOKEN est vide : créez un bot auprès de @BotFather et copiez son jeton dans TELEGRAM_BOT_TOKEN.",
  tokenRefused: (status: number) => `TELEGRAM_BOT_TOKEN est défini mais Telegram l'a refusé (${status}) : vérifiez le jeton auprès de @BotFather.`,
  unreachable: (apiRoot: string, cause: string) =>
    apiRoot === "https://api.telegram.org"
      ? `Telegram est injoignable (${apiRoot} : ${cause}) : vérifiez l'accès du serveur à Internet (pare-feu, proxy), puis relancez Orienteur.`
      : `Le serveur Bot API ${apiRoot} est injoignable (${cause}) : vérifiez TELEGRAM_API_ROOT, ou retirez-le pour utiliser api.telegram.org.`,
  startRefused: (method: string, description: string) => `Telegram a refusé ${method} au démarrage (${description}) : vérifiez la configuration du bot auprès de @BotFather, puis relancez Orienteur.`,
  webhookSecretInvalid:
    "TELEGRAM_WEBHOOK_SECRET doit compter de 1 à 256 caractères parmi A-Z, a-z, 0-9, _ et - : choisissez un autre secret.",
  webhookPortTaken: (port: number) => `Le port ${port} du webhook Telegram est déjà utilisé : choisissez-en un autre avec TELEGRAM_WEBHOOK_PORT.`,
  webhookListenFailed: (port: number, cause: string) => `Le webhook Telegram n'a pas pu écouter sur le port ${port} (${cause}) : vérifiez TELEGRAM_WEBHOOK_PORT.`,
  webhookRefused: (url: string, description: string) =>
    `Telegram a refusé l'adresse de webhook ${url} (${description}) : TELEGRAM_WEBHOOK_URL doit être une adresse HTTPS publique ; sinon, retirez-la pour recevoir les messages par scrutation (long polling).`,
};

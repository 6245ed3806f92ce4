// Configuration from environment variables (documented in README and .env.example), read once
// here for the server and every command, then passed down: no other module reads the environment.
// A platform starts only when its credentials are set; a half-configured one is reported, in
// French, and skipped. Every unusable value is reported naming the variable and the fix.
import { readFileSync } from "node:fs";
import type { Platform } from "../core/contract.ts";
import { readCampaignSettings, type CampaignSettings } from "../campaigns/settings.ts";
import { CADENCES, type Cadence } from "../../newsletters/cadence.ts";
import type { BounceOptions } from "../../newsletters/send/bounces.ts";
import type { TransportOptions } from "../../newsletters/send/transport.ts";

interface TelegramConfig {
  token: string;
  apiRoot?: string;
  webhook?: { domain: string; path: string; secretToken: string; port: number };
}

interface SlackConfig {
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  port: number;
  /** Address the HTTP mode listens on (SLACK_HOST, 0.0.0.0: Slack must reach it, often through a proxy). */
  host: string;
  slackApiUrl?: string;
}

interface MatrixConfig {
  homeserverUrl: string;
  accessToken: string;
  userId?: string;
}

interface NewsletterConfig {
  /** Signs links in e-mails; generated and kept in the store when absent (with a warning). */
  secret?: string;
  /** Public address of the server, for links in e-mails. */
  publicUrl: string;
  smtpUrl?: string;
  from: string;
  archiveDir: string;
  /** Domain for List-Id and Message-ID. */
  listDomain: string;
  /** How often the server prepares the next draft; undefined = never. */
  cadence?: Cadence;
  draftsDir: string;
  /** Where e-mails are written as .eml files when SMTP_URL is not set (ORIENTEUR_MAIL_DIR). */
  mailDir: string;
  /** E-mails sent per second by `newsletter send` (ORIENTEUR_SEND_RATE, 10). */
  sendRate: number;
  /** The return mailbox (ORIENTEUR_BOUNCE_IMAP_URL) and its thresholds; undefined `imapUrl` = not read. */
  bounces: { imapUrl?: string; options: Partial<BounceOptions> };
  /** The List-Unsubscribe mailto: address, when the return mailbox is read. */
  unsubscribeMailbox?: string;
  /** DKIM signing of every e-mail (DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY: PEM or a file path). */
  dkim?: TransportOptions["dkim"];
  /** Set when DKIM variables are given but cannot be used: `newsletter send` then refuses to send unsigned. */
  dkimUnusable?: true;
}

/** pino's levels, from the quietest. */
const LOG_LEVELS = ["silent", "fatal", "error", "warn", "info", "debug", "trace"];

export interface Config {
  kb: string | undefined;
  /** LOG_LEVEL; undefined: the logger's default (info, silent under tests). */
  logLevel?: string;
  newsletter: NewsletterConfig;
  /** The update campaigns' delays and switches (ORIENTEUR_CAMPAGNE_…). */
  campaigns: CampaignSettings;
  /** `allowedHosts`: Host names accepted on a loopback address besides localhost (ORIENTEUR_ALLOWED_HOSTS). */
  web: { port: number; host: string; allowedHosts: string[]; maxPending?: number };
  db: string;
  editors: string[];
  allowedRooms: string[];
  allowedInviters: string[];
  /** Rooms that receive the digest of each issue once sent, as `platform:room`. */
  relayRooms: string[];
  /** Rooms of the editors (drafts, reload failures), as `platform:room`. */
  editorRooms: string[];
  telegram?: TelegramConfig;
  slack?: SlackConfig;
  matrix?: MatrixConfig;
}

export interface ConfigResult {
  config: Config;
  /** One French sentence per setting that could not be used, naming the variable and the fix. */
  problems: string[];
}

type Env = Record<string, string | undefined>;

/** Reads the configuration; never throws: unusable settings are reported and left out. */
export function readConfig(env: Env = process.env): ConfigResult {
  const problems: string[] = [];
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw === "" ? undefined : raw;
  };
  const port = (name: string, fallback: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (Number.isInteger(parsed) && parsed >= 0 && parsed <= 65535) return parsed;
    problems.push(`${name}=« ${raw} » n'est pas un port valide (nombre entre 1 et 65535) : la valeur par défaut ${fallback} est utilisée.`);
    return fallback;
  };
  const list = (name: string, platformPrefixed: boolean): string[] => {
    const items = (value(name) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (!platformPrefixed) return items;
    return items.filter((item) => {
      const ok = /^(matrix|slack|telegram):.+/.test(item);
      if (!ok) problems.push(`${name} : « ${item} » doit commencer par la plateforme, par ex. « matrix:@marie:example.org », « slack:U0123 » ou « telegram:123456 ». Entrée ignorée.`);
      return ok;
    });
  };
  const url = (name: string): string | undefined => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    if (/^https?:\/\/\S+$/.test(raw)) return raw.replace(/\/+$/, "");
    problems.push(`${name}=« ${raw} » n'est pas une adresse web (elle doit commencer par https://).`);
    return undefined;
  };

  const secret = value("ORIENTEUR_SECRET");
  if (secret !== undefined && secret.length < 32) problems.push("ORIENTEUR_SECRET est trop court : au moins 32 caractères aléatoires (ex. sortie de « openssl rand -hex 32 »). Un secret provisoire est utilisé.");
  const webPort = port("ORIENTEUR_PORT", port("PORT", 8080));
  const publicUrl = url("ORIENTEUR_PUBLIC_URL") ?? `http://localhost:${webPort}`;
  const smtpUrl = value("SMTP_URL");
  if (smtpUrl !== undefined && !/^smtps?:\/\/\S+$/.test(smtpUrl)) problems.push(`SMTP_URL=« ${smtpUrl} » doit ressembler à smtp://utilisateur:motdepasse@serveur:587 (ou smtps://…) : les e-mails sont écrits dans var/courriels à la place.`);
  const cadenceTyped = value("ORIENTEUR_LETTRE_CADENCE")?.toLowerCase();
  const cadence = cadenceTyped && cadenceTyped in CADENCES ? (cadenceTyped as Cadence) : undefined;
  if (cadenceTyped && !cadence && cadenceTyped !== "aucune") {
    problems.push(`ORIENTEUR_LETTRE_CADENCE=« ${cadenceTyped} » n'est pas reconnu : mensuelle, bimestrielle, trimestrielle ou aucune. Aucun brouillon automatique.`);
  }
  const maxPendingTyped = value("ORIENTEUR_MAX_PENDING");
  const maxPending = maxPendingTyped !== undefined && /^[1-9]\d{0,5}$/.test(maxPendingTyped) ? Number(maxPendingTyped) : undefined;
  if (maxPendingTyped !== undefined && maxPending === undefined) problems.push(`ORIENTEUR_MAX_PENDING=« ${maxPendingTyped} » n'est pas un nombre entier positif : la valeur par défaut 64 est utilisée.`);
  const sendRateTyped = value("ORIENTEUR_SEND_RATE");
  const sendRate = sendRateTyped === undefined ? 10 : Number(sendRateTyped);
  if (!(sendRate > 0 && Number.isFinite(sendRate))) problems.push(`ORIENTEUR_SEND_RATE=« ${sendRateTyped} » n'est pas un nombre positif d'e-mails par seconde : la valeur par défaut 10 est utilisée.`);
  const imapUrl = value("ORIENTEUR_BOUNCE_IMAP_URL");
  // The List-Unsubscribe mailto: is advertised only when the return mailbox is read.
  const unsubscribeMailbox = imapUrl ? (value("ORIENTEUR_UNSUBSCRIBE_MAILBOX") ?? `desabonnement@${new URL(publicUrl).hostname}`) : undefined;
  const bounceLimit = (name: string, fallback: number): number | undefined => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    if (/^[1-9]\d{0,2}$/.test(raw)) return Number(raw);
    problems.push(`${name}=« ${raw} » n'est pas un nombre entier d'au moins 1 : la valeur par défaut ${fallback} est utilisée.`);
    return undefined;
  };
  const softLimit = bounceLimit("ORIENTEUR_BOUNCE_SOFT_LIMIT", 3);
  const hardLimit = bounceLimit("ORIENTEUR_BOUNCE_HARD_LIMIT", 1);
  const logLevel = value("LOG_LEVEL")?.toLowerCase();
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL=« ${logLevel} » n'est pas un niveau connu : ${LOG_LEVELS.join(", ")}. Le niveau par défaut (info) est utilisé.`);
  const campaigns = readCampaignSettings(env);
  problems.push(...campaigns.problems);
  const problemsBeforeDkim = problems.length;
  const dkim = readDkim(value, problems);
  const dkimUnusable = problems.length > problemsBeforeDkim;
  const config: Config = {
    kb: value("ORIENTEUR_KB"),
    ...(logLevel !== undefined && LOG_LEVELS.includes(logLevel) ? { logLevel } : {}),
    campaigns: campaigns.settings,
    newsletter: {
      ...(secret !== undefined && secret.length >= 32 ? { secret } : {}),
      publicUrl,
      ...(smtpUrl !== undefined && /^smtps?:\/\/\S+$/.test(smtpUrl) ? { smtpUrl } : {}),
      from: value("MAIL_FROM") ?? "Orienteur <lettre@example.org>",
      archiveDir: value("ORIENTEUR_ARCHIVE_DIR") ?? "var/lettres",
      listDomain: new URL(publicUrl).hostname,
      draftsDir: value("ORIENTEUR_DRAFTS_DIR") ?? "var/brouillons",
      mailDir: value("ORIENTEUR_MAIL_DIR") ?? "var/courriels",
      sendRate: sendRate > 0 && Number.isFinite(sendRate) ? sendRate : 10,
      bounces: { ...(imapUrl !== undefined ? { imapUrl } : {}), options: { ...(softLimit ? { softLimit } : {}), ...(hardLimit ? { hardLimit } : {}) } },
      ...(unsubscribeMailbox !== undefined ? { unsubscribeMailbox } : {}),
      ...(dkim ? { dkim } : {}),
      ...(dkimUnusable ? { dkimUnusable: true as const } : {}),
      ...(cadence ? { cadence } : {}),
    },
    // The public address's name is accepted too: a proxy on the same machine passes it as Host.
    web: {
      port: webPort,
      host: value("ORIENTEUR_HOST") ?? "127.0.0.1",
      allowedHosts: [...list("ORIENTEUR_ALLOWED_HOSTS", false), new URL(publicUrl).hostname],
      ...(maxPending !== undefined ? { maxPending } : {}),
    },
    db: value("ORIENTEUR_DB") ?? "var/orienteur.sqlite",
    editors: list("ORIENTEUR_EDITORS", true),
    allowedRooms: list("ORIENTEUR_ALLOWED_ROOMS", true),
    allowedInviters: list("ORIENTEUR_ALLOWED_INVITERS", true),
    relayRooms: list("ORIENTEUR_RELAY_ROOMS", true),
    editorRooms: list("ORIENTEUR_EDITOR_ROOMS", true),
  };

  const telegramToken = value("TELEGRAM_BOT_TOKEN");
  if (telegramToken) {
    const telegram: TelegramConfig = { token: telegramToken };
    const apiRoot = url("TELEGRAM_API_ROOT");
    if (apiRoot) telegram.apiRoot = apiRoot;
    const webhookUrl = url("TELEGRAM_WEBHOOK_URL");
    if (webhookUrl) {
      const secret = value("TELEGRAM_WEBHOOK_SECRET");
      if (!secret || !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
        problems.push("TELEGRAM_WEBHOOK_URL est défini mais TELEGRAM_WEBHOOK_SECRET manque ou contient d'autres caractères que A-Z, a-z, 0-9, _ et - : le bot utilise la scrutation (long polling) à la place.");
      } else {
        const parsed = new URL(webhookUrl);
        telegram.webhook = { domain: `${parsed.protocol}//${parsed.host}`, path: parsed.pathname || "/telegram", secretToken: secret, port: port("TELEGRAM_WEBHOOK_PORT", 8443) };
      }
    }
    config.telegram = telegram;
  }

  const slackToken = value("SLACK_BOT_TOKEN");
  if (slackToken) {
    const appToken = value("SLACK_APP_TOKEN");
    const signingSecret = value("SLACK_SIGNING_SECRET");
    if (!appToken && !signingSecret) {
      problems.push("SLACK_BOT_TOKEN est défini mais ni SLACK_APP_TOKEN (mode Socket, conseillé) ni SLACK_SIGNING_SECRET (mode HTTP) : Slack n'est pas démarré.");
    } else if (appToken && !appToken.startsWith("xapp-")) {
      problems.push("SLACK_APP_TOKEN doit commencer par « xapp- » (jeton d'application au niveau de l'app, avec la portée connections:write) : Slack n'est pas démarré.");
    } else {
      const slack: SlackConfig = { botToken: slackToken, port: port("SLACK_PORT", 3000), host: value("SLACK_HOST") ?? "0.0.0.0" };
      if (appToken) slack.appToken = appToken;
      else if (signingSecret) slack.signingSecret = signingSecret;
      const apiUrl = url("SLACK_API_URL");
      if (apiUrl) slack.slackApiUrl = `${apiUrl}/`;
      config.slack = slack;
    }
  }

  const matrixToken = value("MATRIX_ACCESS_TOKEN");
  const homeserver = url("MATRIX_HOMESERVER_URL");
  if (matrixToken && homeserver) {
    const matrix: MatrixConfig = { homeserverUrl: homeserver, accessToken: matrixToken };
    const userId = value("MATRIX_USER_ID");
    if (userId) matrix.userId = userId;
    config.matrix = matrix;
  } else if (matrixToken || value("MATRIX_HOMESERVER_URL")) {
    problems.push("Matrix a besoin de MATRIX_HOMESERVER_URL (ex. https://matrix.agent.tchap.gouv.fr) et de MATRIX_ACCESS_TOKEN : l'un des deux manque ou est invalide, Matrix n'est pas démarré.");
  }
  return { config, problems };
}

/**
 * DKIM settings, the key given as PEM or as the path of a file holding it. All three variables or
 * none: a partial or unreadable setting is reported and e-mails leave unsigned.
 */
function readDkim(value: (name: string) => string | undefined, problems: string[]): TransportOptions["dkim"] {
  const [domainName, keySelector, key] = [value("DKIM_DOMAIN"), value("DKIM_SELECTOR"), value("DKIM_PRIVATE_KEY")];
  if (!domainName && !keySelector && !key) return undefined;
  if (!domainName || !keySelector || !key) {
    problems.push("DKIM_DOMAIN, DKIM_SELECTOR et DKIM_PRIVATE_KEY vont ensemble : définissez les trois (ex. DKIM_DOMAIN=example.org, DKIM_SELECTOR=orienteur, DKIM_PRIVATE_KEY=/etc/orienteur/dkim.pem) ou aucun. Les e-mails partent sans signature DKIM.");
    return undefined;
  }
  if (key.includes("BEGIN")) return { domainName, keySelector, privateKey: key };
  try {
    return { domainName, keySelector, privateKey: readFileSync(key, "utf8") };
  } catch (error) {
    problems.push(`DKIM_PRIVATE_KEY n'a pas pu être lu (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}) : donnez la clé PEM elle-même ou le chemin d'un fichier lisible. Les e-mails partent sans signature DKIM.`);
    return undefined;
  }
}

/** The platforms this configuration starts. */
export function configuredPlatforms(config: Config): Platform[] {
  return (["matrix", "slack", "telegram"] as const).filter((p) => config[p] !== undefined);
}

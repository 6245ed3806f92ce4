// Configuration from environment variables (documented in README and .env.example), read once
// here for the server and every command, then passed down: no other module reads the environment.
// The variables are checked by one zod schema (config/environment.ts), every unusable value
// reported at once in French, naming the variable and the fix, and replaced by its default; a
// platform starts only when its credentials are set (config/platforms.ts).
import type { Platform } from "../core/contract.ts";
import type { CampaignSettings } from "../campaigns/settings.ts";
import type { Cadence } from "../../newsletters/cadence.ts";
import type { BounceOptions } from "../../newsletters/send/bounces.ts";
import type { TransportOptions } from "../../newsletters/send/transport.ts";
import { dkimConfig } from "./config/dkim.ts";
import { readEnvironment } from "./config/environment.ts";
import { matrixConfig, slackConfig, telegramConfig, type MatrixConfig, type SlackConfig, type TelegramConfig } from "./config/platforms.ts";

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
  const { environment: e, problems, given } = readEnvironment(env);
  const webPort = e.ORIENTEUR_PORT ?? e.PORT;
  const publicUrl = e.ORIENTEUR_PUBLIC_URL ?? `http://localhost:${webPort}`;
  const publicHost = new URL(publicUrl).hostname;
  const { dkim, unusable: dkimUnusable } = dkimConfig(e, problems);
  const { ORIENTEUR_BOUNCE_SOFT_LIMIT: softLimit, ORIENTEUR_BOUNCE_HARD_LIMIT: hardLimit, ORIENTEUR_BOUNCE_IMAP_URL: imapUrl } = e;
  // The List-Unsubscribe mailto: is advertised only when the return mailbox is read.
  const unsubscribeMailbox = imapUrl ? (e.ORIENTEUR_UNSUBSCRIBE_MAILBOX ?? `desabonnement@${publicHost}`) : undefined;
  const config: Config = {
    kb: e.ORIENTEUR_KB,
    ...(e.LOG_LEVEL !== undefined ? { logLevel: e.LOG_LEVEL } : {}),
    campaigns: {
      linkDays: e.ORIENTEUR_CAMPAGNE_VALIDITE_JOURS,
      reminderDays: e.ORIENTEUR_CAMPAGNE_RELANCE_JOURS,
      maxReminders: e.ORIENTEUR_CAMPAGNE_RELANCES_MAX,
      intervalSeconds: e.ORIENTEUR_CAMPAGNE_INTERVALLE,
      git: e.ORIENTEUR_CAMPAGNE_GIT,
      autoReminders: e.ORIENTEUR_CAMPAGNE_RELANCES_AUTO,
    },
    newsletter: {
      ...(e.ORIENTEUR_SECRET !== undefined ? { secret: e.ORIENTEUR_SECRET } : {}),
      publicUrl,
      ...(e.SMTP_URL !== undefined ? { smtpUrl: e.SMTP_URL } : {}),
      from: e.MAIL_FROM,
      archiveDir: e.ORIENTEUR_ARCHIVE_DIR,
      listDomain: publicHost,
      draftsDir: e.ORIENTEUR_DRAFTS_DIR,
      mailDir: e.ORIENTEUR_MAIL_DIR,
      sendRate: e.ORIENTEUR_SEND_RATE,
      bounces: { ...(imapUrl !== undefined ? { imapUrl } : {}), options: { ...(softLimit ? { softLimit } : {}), ...(hardLimit ? { hardLimit } : {}) } },
      ...(unsubscribeMailbox !== undefined ? { unsubscribeMailbox } : {}),
      ...(dkim ? { dkim } : {}),
      ...(dkimUnusable ? { dkimUnusable } : {}),
      ...(e.ORIENTEUR_LETTRE_CADENCE ? { cadence: e.ORIENTEUR_LETTRE_CADENCE } : {}),
    },
    // The public address's name is accepted too: a proxy on the same machine passes it as Host.
    web: {
      port: webPort,
      host: e.ORIENTEUR_HOST,
      allowedHosts: [...e.ORIENTEUR_ALLOWED_HOSTS, publicHost],
      ...(e.ORIENTEUR_MAX_PENDING !== undefined ? { maxPending: e.ORIENTEUR_MAX_PENDING } : {}),
    },
    db: e.ORIENTEUR_DB,
    editors: e.ORIENTEUR_EDITORS,
    allowedRooms: e.ORIENTEUR_ALLOWED_ROOMS,
    allowedInviters: e.ORIENTEUR_ALLOWED_INVITERS,
    relayRooms: e.ORIENTEUR_RELAY_ROOMS,
    editorRooms: e.ORIENTEUR_EDITOR_ROOMS,
  };
  const telegram = telegramConfig(e, problems);
  if (telegram) config.telegram = telegram;
  const slack = slackConfig(e, problems);
  if (slack) config.slack = slack;
  const matrix = matrixConfig(e, given, problems);
  if (matrix) config.matrix = matrix;
  return { config, problems };
}

/** The platforms this configuration starts. */
export function configuredPlatforms(config: Config): Platform[] {
  return (["matrix", "slack", "telegram"] as const).filter((p) => config[p] !== undefined);
}

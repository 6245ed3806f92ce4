// Each chat platform's settings, from the checked environment. A platform starts only when its
// credentials are set; a half-configured one is reported, in French, and skipped.
import type { Environment } from "./environment.ts";
import { pairingTexts } from "./texts.ts";

export interface TelegramConfig {
  token: string;
  apiRoot?: string;
  webhook?: { domain: string; path: string; secretToken: string; port: number };
}

export interface SlackConfig {
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  port: number;
  /** Address the HTTP mode listens on (SLACK_HOST, 0.0.0.0: Slack must reach it, often through a proxy). */
  host: string;
  slackApiUrl?: string;
}

export interface MatrixConfig {
  homeserverUrl: string;
  accessToken: string;
  userId?: string;
}

/** Telegram when TELEGRAM_BOT_TOKEN is set; a webhook without a usable secret falls back on polling. */
export function telegramConfig(env: Environment, problems: string[]): TelegramConfig | undefined {
  if (!env.TELEGRAM_BOT_TOKEN) return undefined;
  const telegram: TelegramConfig = { token: env.TELEGRAM_BOT_TOKEN };
  if (env.TELEGRAM_API_ROOT) telegram.apiRoot = env.TELEGRAM_API_ROOT;
  if (env.TELEGRAM_WEBHOOK_URL) {
    const secret = env.TELEGRAM_WEBHOOK_SECRET;
    // Telegram sends the secret back in a header, which allows only these characters.
    if (!secret || !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      problems.push(pairingTexts.telegramWebhookSecret);
    } else {
      const parsed = new URL(env.TELEGRAM_WEBHOOK_URL);
      telegram.webhook = { domain: `${parsed.protocol}//${parsed.host}`, path: parsed.pathname || "/telegram", secretToken: secret, port: env.TELEGRAM_WEBHOOK_PORT };
    }
  }
  return telegram;
}

/** Slack when SLACK_BOT_TOKEN is set with one of its two modes: Socket (SLACK_APP_TOKEN) or HTTP (SLACK_SIGNING_SECRET). */
export function slackConfig(env: Environment, problems: string[]): SlackConfig | undefined {
  if (!env.SLACK_BOT_TOKEN) return undefined;
  const { SLACK_APP_TOKEN: appToken, SLACK_SIGNING_SECRET: signingSecret } = env;
  if (!appToken && !signingSecret) {
    problems.push(pairingTexts.slackMode);
    return undefined;
  }
  if (appToken && !appToken.startsWith("xapp-")) {
    problems.push(pairingTexts.slackAppToken);
    return undefined;
  }
  const slack: SlackConfig = { botToken: env.SLACK_BOT_TOKEN, port: env.SLACK_PORT, host: env.SLACK_HOST };
  if (appToken) slack.appToken = appToken;
  else if (signingSecret) slack.signingSecret = signingSecret;
  if (env.SLACK_API_URL) slack.slackApiUrl = `${env.SLACK_API_URL}/`;
  return slack;
}

/** Matrix when both its address and its token are usable; `given` tells a missing one from an invalid one. */
export function matrixConfig(env: Environment, given: ReadonlySet<string>, problems: string[]): MatrixConfig | undefined {
  if (env.MATRIX_ACCESS_TOKEN && env.MATRIX_HOMESERVER_URL) {
    return { homeserverUrl: env.MATRIX_HOMESERVER_URL, accessToken: env.MATRIX_ACCESS_TOKEN, ...(env.MATRIX_USER_ID ? { userId: env.MATRIX_USER_ID } : {}) };
  }
  if (given.has("MATRIX_ACCESS_TOKEN") || given.has("MATRIX_HOMESERVER_URL")) problems.push(pairingTexts.matrix);
  return undefined;
}

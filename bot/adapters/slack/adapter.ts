// The Slack adapter, on @slack/bolt: Socket Mode (no public URL, the default) or HTTP mode with
// signature verification. Translates events, app mentions and slash commands into
// IncomingMessage (translate.ts) and answers as Block Kit messages (bot/render/slack.ts), in the
// thread of the question. It never filters or decides: bot/core/bot.ts does.
import type { Server } from "node:http";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from "@slack/bolt";
import type { Answer } from "../../../knowledge/answer/model.ts";
import { renderSlack, SLACK_CHOICE_ACTION, type SlackMessage } from "../../render/slack.ts";
import type { Logger } from "../../core/logger.ts";
import type { Adapter, IncomingMessage } from "../../core/contract.ts";
import { createConversationMemory } from "../conversation-memory.ts";
import { createHttpFetch } from "../http-fetch.ts";
import { slackTexts } from "./texts.ts";
import { fromAction, fromCommand, fromEvent, messageRef, responseUrlOf, type BotIdentity, type SlackAction, type SlackCommand, type SlackMessageEvent } from "./translate.ts";
import { withRetries } from "../../../knowledge/util/retry.ts";

export interface SlackAdapterOptions {
  /** Bot User OAuth Token (xoxb-…): SLACK_BOT_TOKEN. */
  botToken: string;
  /** App-level token (xapp-…, scope connections:write): Socket Mode when set (SLACK_APP_TOKEN). */
  appToken?: string | undefined;
  /** Signing secret: HTTP mode, used when there is no app token (SLACK_SIGNING_SECRET). */
  signingSecret?: string | undefined;
  /** HTTP mode: where Slack's Events API requests arrive (SLACK_PORT). */
  port: number;
  host: string;
  path: string;
  /** Web API root, ending with `/` (a local peer in tests). */
  slackApiUrl: string;
  /** Reaction shown while an answer is prepared, removed once it is sent; "" for none. */
  typingReaction: string;
  /** Retries of a Web API call after a rate limit (waiting the Retry-After delay) or a network error. */
  retries: number;
  /** Time limit of one Web API request. */
  requestTimeoutMs: number;
  /** Socket Mode: how long start() waits for Slack's `hello`. */
  connectTimeoutMs: number;
}

const defaultSlackAdapterOptions: Omit<SlackAdapterOptions, "botToken"> = {
  port: 3000,
  host: "0.0.0.0",
  path: "/slack/events",
  slackApiUrl: "https://slack.com/api/",
  typingReaction: "hourglass_flowing_sand",
  retries: 3,
  requestTimeoutMs: 15_000,
  connectTimeoutMs: 30_000,
};

export interface SlackAdapterDependencies {
  logger: Logger;
}

export interface SlackAdapter extends Adapter {
  readonly platform: "slack";
  /** HTTP mode: the address the Events API endpoint listens on, once started. */
  address(): { host: string; port: number } | undefined;
}

interface Running {
  app: App;
  client: webApi.WebClient;
  bot: BotIdentity;
  socket?: SocketModeReceiver;
  server?: Server;
}

/** Bolt's logger on ours: no debug (it prints payloads), and only short SDK sentences, never contents. */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const fields = (args: unknown[]) => {
    const error = args.find((a): a is Error => a instanceof Error);
    const sentence = args.find((a): a is string => typeof a === "string");
    return { platform: "slack", sdk: sentence?.slice(0, 160), ...(error ? { err: { name: error.name, code: (error as { code?: string }).code } } : {}) };
  };
  return {
    debug: () => {},
    info: (...args: unknown[]) => logger.debug(fields(args), "slack sdk"),
    warn: (...args: unknown[]) => logger.warn(fields(args), "slack sdk"),
    error: (...args: unknown[]) => logger.error(fields(args), "slack sdk"),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** A start-up failure as a French sentence naming the variable to fix. */
function startError(error: unknown, variable: "SLACK_BOT_TOKEN" | "SLACK_APP_TOKEN", apiUrl: string): Error {
  const e = error as { code?: string; data?: { error?: string }; original?: Error; statusCode?: number };
  let message: string;
  if (e.code === webApi.ErrorCode.PlatformError) {
    const code = e.data?.error ?? "erreur inconnue";
    message = variable === "SLACK_BOT_TOKEN" ? slackTexts.botTokenRefused(code) : slackTexts.appTokenRefused(code);
  } else if (e.code === webApi.ErrorCode.HTTPError) {
    message = slackTexts.unreachable(apiUrl, `HTTP ${e.statusCode}`);
  } else {
    const original = e.original ?? (error as Error);
    const cause = original.cause as { code?: string; message?: string } | undefined;
    message = slackTexts.unreachable(apiUrl, cause?.code ?? cause?.message ?? original.message);
  }
  return new Error(message, { cause: error });
}

/**
 * Creates the Slack adapter; `options` are merged over {@link defaultSlackAdapterOptions}.
 * @example createSlackAdapter({ botToken: process.env.SLACK_BOT_TOKEN!, appToken: process.env.SLACK_APP_TOKEN }, { logger })
 */
export function createSlackAdapter(options: Partial<SlackAdapterOptions> & { botToken: string }, deps: SlackAdapterDependencies): SlackAdapter {
  const settings: SlackAdapterOptions = { ...defaultSlackAdapterOptions, ...options };
  if (!settings.slackApiUrl.endsWith("/")) settings.slackApiUrl += "/";
  const logger = deps.logger;
  const sdkLogger = boltLogger(logger);
  let running: Running | undefined;
  let stopped = true;
  /** Reactions being added, by message id, so the reply removes them once they are there. */
  const typing = new Map<string, Promise<boolean>>();
  /** Threads the bot answered in: a message there is a follow-up, even without a mention. */
  const conversations = createConversationMemory();
  /** One HTTP client (and its kept-alive connections) for the Web API calls: see http-fetch.ts. */
  const httpFetch = createHttpFetch();
  const answeredIn = (thread: string) => conversations.ofThread(thread) !== undefined;

  const clientOptions = () => ({
    slackApiUrl: settings.slackApiUrl,
    fetch: httpFetch.fetch,
    logger: sdkLogger,
    timeout: settings.requestTimeoutMs,
    // Honours 429 answers: waits the Retry-After delay, then retries (up to `retries` times).
    retryConfig: { retries: settings.retries, factor: 2, minTimeout: 100, maxTimeout: 2000 },
  });

  async function deliver(onMessage: (message: IncomingMessage) => Promise<void>, message: IncomingMessage | undefined): Promise<void> {
    if (!message || stopped) return;
    try {
      await onMessage(message);
    } catch (error) {
      logger.error({ platform: "slack", room: message.room, err: { name: (error as Error).name } }, "message handler failed");
    }
  }

  async function connect(onMessage: (message: IncomingMessage) => Promise<void>): Promise<Running> {
    if (!settings.botToken) throw new Error(slackTexts.botTokenMissing);
    if (!settings.appToken && !settings.signingSecret) throw new Error(slackTexts.modeMissing);
    const client = new webApi.WebClient(settings.botToken, clientOptions());
    let bot: BotIdentity;
    try {
      const auth = await client.auth.test();
      bot = { userId: auth.user_id ?? "", botId: auth.bot_id };
    } catch (error) {
      throw startError(error, "SLACK_BOT_TOKEN", settings.slackApiUrl);
    }

    const socket = settings.appToken
      ? new SocketModeReceiver({ appToken: settings.appToken, logger: sdkLogger, installerOptions: { clientOptions: clientOptions() } })
      : undefined;
    const receiver = socket ?? new HTTPReceiver({ signingSecret: settings.signingSecret!, endpoints: settings.path, logger: sdkLogger });
    const app = new App({
      token: settings.botToken,
      botId: bot.botId,
      botUserId: bot.userId,
      receiver,
      logger: sdkLogger,
      clientOptions: clientOptions(),
      // The engine decides about own and bots' messages: they are flagged, not dropped here.
      ignoreSelf: false,
      convoStore: false,
    });
    app.event("message", async ({ event }) => deliver(onMessage, fromEvent(event as SlackMessageEvent, bot, answeredIn)));
    app.event("app_mention", async ({ event }) => deliver(onMessage, fromEvent(event as SlackMessageEvent, bot, answeredIn)));
    app.command(/^\/.+/, async ({ command, ack }) => {
      await ack(); // within Slack's 3 s; the answer follows with chat.postMessage
      await deliver(onMessage, fromCommand(command as SlackCommand, bot));
    });
    app.action(SLACK_CHOICE_ACTION, async ({ body, ack }) => {
      await ack(); // within Slack's 3 s; the answer follows with chat.postMessage
      await deliver(onMessage, fromAction(body as SlackAction, SLACK_CHOICE_ACTION));
    });
    app.error(async (error) => {
      logger.error({ platform: "slack", err: { name: error.name, code: error.code } }, "slack listener failed");
    });

    if (socket) {
      // Bolt keeps reconnecting while the WebSocket fails: start() gives up after connectTimeoutMs.
      let timer: NodeJS.Timeout | undefined;
      const tooLong = new Error(slackTexts.socketTimeout(Math.round(settings.connectTimeoutMs / 1000)));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(tooLong), settings.connectTimeoutMs);
      });
      try {
        await Promise.race([app.start(), timeout]);
      } catch (error) {
        await socket.client.disconnect().catch(() => {});
        throw error === tooLong ? error : startError(error, "SLACK_APP_TOKEN", settings.slackApiUrl);
      } finally {
        clearTimeout(timer);
      }
      return { app, client, bot, socket };
    }
    try {
      const server = (await app.start({ port: settings.port, host: settings.host })) as Server;
      return { app, client, bot, server };
    } catch (error) {
      throw new Error(slackTexts.portUnavailable(settings.port, (error as { code?: string }).code ?? (error as Error).message), { cause: error });
    }
  }

  /** Posts one message; a slash command in a channel the bot has not joined is answered through its response_url. */
  async function send(client: webApi.WebClient, room: string, thread: string | undefined, message: SlackMessage, responseUrl?: string): Promise<string | undefined> {
    try {
      const posted = await client.chat.postMessage({
        channel: room,
        ...(thread ? { thread_ts: thread } : {}),
        text: message.text,
        blocks: message.blocks,
        link_names: false,
        unfurl_links: false,
        unfurl_media: false,
      });
      return posted.ts;
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (!responseUrl || (code !== "not_in_channel" && code !== "channel_not_found")) throw error;
      await respond(responseUrl, message);
      return undefined;
    }
  }

  /** POSTs to a slash command's response_url (visible to its author only), honouring 429 answers. */
  async function respond(url: string, message: SlackMessage): Promise<void> {
    const post = async () => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", text: message.text, blocks: message.blocks }),
        signal: AbortSignal.timeout(settings.requestTimeoutMs),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new ResponseUrlError(response.status, Number(response.headers.get("retry-after")));
    };
    await withRetries(post, {
      delayAfter: (error, failures) =>
        error instanceof ResponseUrlError && error.status === 429 && failures <= settings.retries && Number.isFinite(error.retryAfter) ? error.retryAfter * 1000 : undefined,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
  }

  async function removeTyping(client: webApi.WebClient, message: IncomingMessage): Promise<void> {
    const adding = typing.get(message.id);
    if (!adding) return;
    typing.delete(message.id);
    const ref = messageRef(message);
    if (!ref || !(await adding)) return;
    await client.reactions.remove({ channel: ref.channel, timestamp: ref.ts, name: settings.typingReaction }).catch(() => {});
  }

  function current(): Running {
    if (!running) throw new Error("Slack adapter not started");
    return running;
  }

  return {
    platform: "slack",

    async start(onMessage) {
      if (running) return;
      stopped = false;
      try {
        running = await connect(onMessage);
      } catch (error) {
        stopped = true;
        throw error;
      }
      logger.info({ platform: "slack", mode: running.socket ? "socket" : "http" }, "slack connected");
    },

    async reply(message, answer: Answer) {
      const { client } = current();
      try {
        const ids: string[] = [];
        for (const part of renderSlack(answer)) {
          const ts = await send(client, message.room, message.thread, part, responseUrlOf(message));
          if (ts) ids.push(`${message.room}:${ts}`);
        }
        if (message.thread && !message.isDirect) conversations.answered(message, ids, `${message.room}:${message.thread}`);
      } finally {
        await removeTyping(client, message);
      }
    },

    async post(room, answer) {
      const { client } = current();
      for (const part of renderSlack(answer)) await send(client, room, undefined, part);
    },

    async showTyping(message) {
      const ref = messageRef(message);
      if (!running || !ref || !settings.typingReaction || typing.has(message.id)) return;
      const adding = running.client.reactions
        .add({ channel: ref.channel, timestamp: ref.ts, name: settings.typingReaction })
        .then(() => true)
        .catch(() => false);
      typing.set(message.id, adding);
      await adding;
    },

    address() {
      const address = running?.server?.address();
      return address && typeof address === "object" ? { host: address.address, port: address.port } : undefined;
    },

    async stop() {
      stopped = true;
      const was = running;
      running = undefined;
      typing.clear();
      if (!was) return;
      if (was.socket) await was.socket.client.disconnect();
      if (was.server) {
        was.server.closeAllConnections();
        await was.app.stop().catch(() => {});
      }
      httpFetch.close();
      logger.info({ platform: "slack" }, "slack stopped");
    },
  };
}

/** A slash command's response_url refused the answer; `retryAfter` is its Retry-After header, in seconds. */
class ResponseUrlError extends Error {
  readonly status: number;
  readonly retryAfter: number;
  constructor(status: number, retryAfter: number) {
    super(`response_url answered HTTP ${status}`);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

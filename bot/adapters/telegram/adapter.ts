// The Telegram adapter, on telegraf: long polling by default, or a webhook checked by its secret
// token. It translates updates into IncomingMessage (translate.ts) and answers into HTML messages
// (bot/render/telegram.ts); it waits out Telegram's 429 answers and never lets one bad update
// stop the bot. It decides nothing: bot/core/bot.ts does.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Telegraf, TelegramError } from "telegraf";
import type { Answer } from "../../../knowledge/answer/model.ts";
import { CHOICE_DATA, renderTelegram, telegramKeyboard } from "../../render/telegram.ts";
import type { Logger } from "../../core/logger.ts";
import type { Adapter, IncomingMessage } from "../../core/contract.ts";
import { createConversationMemory } from "../conversation-memory.ts";
import { telegramMenu } from "../../core/commands/catalog.ts";
import { telegramTexts } from "./texts.ts";
import { fromButton, replyTarget, toIncomingMessage, type BotIdentity, type ReplyTarget, type TelegramCallback, type TelegramMessage } from "./translate.ts";
import { withRetries } from "../../../knowledge/util/retry.ts";

interface TelegramWebhookOptions {
  /** Public HTTPS domain Telegram posts to (`orienteur.example.org`). */
  domain: string;
  /** Path of the webhook on that domain (`/telegram`). */
  path: string;
  /** Sent back by Telegram in `X-Telegram-Bot-Api-Secret-Token`; 1–256 characters of A-Z a-z 0-9 _ -. */
  secretToken: string;
  /** Local port the webhook server listens on (behind the HTTPS reverse proxy); 0 picks a free one. */
  port: number;
  host?: string | undefined;
}

export interface TelegramAdapterOptions {
  /** The bot token from @BotFather (TELEGRAM_BOT_TOKEN). */
  token: string;
  /** Bot API server; a local peer in tests, or a self-hosted Bot API server. */
  apiRoot: string;
  /** Receive updates by webhook instead of long polling. */
  webhook?: TelegramWebhookOptions | undefined;
  /** How many times a send refused with 429 is retried, after the delay Telegram gives. */
  maxRetries: number;
  /** On stop, how long answers in flight may still take before their sends are abandoned. */
  stopGraceMs: number;
}

const defaultTelegramAdapterOptions: Omit<TelegramAdapterOptions, "token"> = {
  apiRoot: "https://api.telegram.org",
  webhook: undefined,
  maxRetries: 3,
  stopGraceMs: 10_000,
};

export interface TelegramAdapterDependencies {
  logger: Logger;
}

export interface TelegramAdapter extends Adapter {
  readonly platform: "telegram";
  /** Where the webhook server listens, once started in webhook mode. */
  webhookAddress(): AddressInfo | undefined;
}

/**
 * Creates the Telegram adapter; `options` are merged over {@link defaultTelegramAdapterOptions}.
 * @example createTelegramAdapter({ token: process.env.TELEGRAM_BOT_TOKEN! }, { logger })
 */
export function createTelegramAdapter(options: Partial<TelegramAdapterOptions> & { token: string }, deps: TelegramAdapterDependencies): TelegramAdapter {
  // An option given as undefined (an unset variable) keeps its default.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const settings = { ...defaultTelegramAdapterOptions, ...given } as TelegramAdapterOptions;
  const { logger } = deps;
  // webhookReply off: every call is a real request whose result and errors we see.
  const bot = new Telegraf(settings.token, { telegram: { apiRoot: settings.apiRoot, webhookReply: false } });
  const telegram = bot.telegram;
  /** Remembered answers and reply threads, so that a reply to an answer continues its conversation. */
  const conversations = createConversationMemory();
  const inFlight = new Set<Promise<void>>();
  const sleeps = new Set<{ timer: NodeJS.Timeout; wake: () => void }>();
  let identity: BotIdentity | undefined;
  let onMessage: ((message: IncomingMessage) => Promise<void>) | undefined;
  let polling: Promise<void> | undefined;
  let pollingSettled = false;
  let server: Server | undefined;
  let stopped = false;
  let abandoned = false;

  /** Waits `ms`, unless the adapter gives up on stop. */
  function sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const entry = {
        timer: setTimeout(() => {
          sleeps.delete(entry);
          resolve();
        }, ms),
        wake: () => reject(new Error("Telegram adapter stopped")),
      };
      sleeps.add(entry);
    });
  }

  /** A Bot API call, retried after Telegram's delay when it answers 429. */
  async function call<T>(method: string, request: () => Promise<T>): Promise<T> {
    const attempt = () => (abandoned ? Promise.reject(new Error("Telegram adapter stopped")) : request());
    return withRetries(attempt, {
      delayAfter(error, failures) {
        const retryAfter = error instanceof TelegramError && error.code === 429 ? (error.parameters?.retry_after ?? 1) : undefined;
        if (retryAfter === undefined || failures > settings.maxRetries) return undefined;
        logger.warn({ platform: "telegram", method, retryAfter, attempt: failures }, "rate limited, waiting");
        return retryAfter * 1000;
      },
      sleep,
    });
  }

  function target(message: IncomingMessage): ReplyTarget {
    const fromRaw = replyTarget((message.raw ?? {}) as TelegramMessage);
    if (fromRaw) return fromRaw;
    const split = message.id.lastIndexOf(":");
    return { chatId: Number(message.id.slice(0, split)), messageId: Number(message.id.slice(split + 1)) };
  }

  /** Sends an answer's chunks in order, its choices as buttons under the last one; returns the sent messages' ids. */
  async function send(chatId: number, answer: Answer, extra: (index: number) => Record<string, unknown>): Promise<number[]> {
    const ids: number[] = [];
    const chunks = renderTelegram(answer);
    const keyboard = telegramKeyboard(answer);
    for (const [index, html] of chunks.entries()) {
      const buttons = keyboard && index === chunks.length - 1 ? { reply_markup: keyboard } : {};
      const sent = await call("sendMessage", () =>
        telegram.sendMessage(chatId, html, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...extra(index), ...buttons }),
      );
      ids.push(sent.message_id);
    }
    return ids;
  }

  async function deliver(raw: TelegramMessage): Promise<void> {
    const translated = toIncomingMessage(raw, identity!, conversations.ofMessage, (thread) => conversations.ofThread(thread) !== undefined);
    if (translated) await hand(translated);
  }

  /** A choice button pressed: acknowledged at once (the client stops its spinner), then read as its number. */
  async function pressed(callback: TelegramCallback): Promise<void> {
    if (typeof callback.id === "string") {
      const id = callback.id;
      await call("answerCallbackQuery", () => telegram.answerCbQuery(id)).catch((error: unknown) => logger.warn({ platform: "telegram", err: errorSummary(error) }, "answerCallbackQuery failed"));
    }
    const translated = fromButton(callback, identity!, conversations.ofMessage, CHOICE_DATA);
    if (translated) await hand(translated);
  }

  async function hand(message: IncomingMessage): Promise<void> {
    if (stopped || !onMessage) return;
    // Not awaited: polling (or the webhook's 200) goes on while the engine answers.
    const work = onMessage(message).catch((error: unknown) => {
      logger.error({ platform: "telegram", room: message.room, err: errorSummary(error) }, "message handler failed");
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }

  bot.on("message", (ctx) => deliver(ctx.message as TelegramMessage));
  // An edit is delivered too: the engine says, once, that it does not read it again.
  bot.on("edited_message", (ctx) => deliver(ctx.editedMessage as TelegramMessage));
  bot.on("callback_query", (ctx) => pressed(ctx.callbackQuery as TelegramCallback));
  // One error boundary per update: log it (never its content) and keep polling.
  bot.catch((error, ctx) => {
    logger.error({ platform: "telegram", update: ctx.update?.update_id, err: errorSummary(error) }, "update failed");
  });

  async function connect(): Promise<BotIdentity> {
    if (settings.token.trim() === "") throw new Error(telegramTexts.tokenMissing);
    try {
      const me = await call("getMe", () => telegram.getMe());
      bot.botInfo = me;
      return { id: me.id, username: me.username };
    } catch (error) {
      throw startError("getMe", error);
    }
  }

  function startError(method: string, error: unknown): Error {
    if (error instanceof TelegramError) {
      if (error.code === 401 || error.code === 404) return new Error(telegramTexts.tokenRefused(error.code), { cause: error });
      return new Error(telegramTexts.startRefused(method, error.description), { cause: error });
    }
    const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).name ?? "erreur";
    return new Error(telegramTexts.unreachable(settings.apiRoot, cause), { cause: error });
  }

  async function registerCommands(): Promise<void> {
    try {
      await call("setMyCommands", () => telegram.setMyCommands(telegramMenu()));
    } catch (error) {
      // The menu is a convenience: the bot still answers without it.
      logger.warn({ platform: "telegram", err: errorSummary(error) }, "setMyCommands failed");
    }
  }

  async function startWebhook(webhook: TelegramWebhookOptions): Promise<void> {
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(webhook.secretToken)) throw new Error(telegramTexts.webhookSecretInvalid);
    const path = webhook.path.startsWith("/") ? webhook.path : `/${webhook.path}`;
    const callback = bot.webhookCallback(path, { secretToken: webhook.secretToken });
    const listening = createServer((req, res) => void callback(req, res));
    await new Promise<void>((resolve, reject) => {
      listening.once("error", (error: NodeJS.ErrnoException) =>
        reject(new Error(error.code === "EADDRINUSE" ? telegramTexts.webhookPortTaken(webhook.port) : telegramTexts.webhookListenFailed(webhook.port, error.code ?? error.message))),
      );
      listening.listen(webhook.port, webhook.host, resolve);
    });
    server = listening;
    const domain = webhook.domain.replace(/^https?:\/\//, "").replace(/\/+$/, "");
    const url = `https://${domain}${path}`;
    try {
      await call("setWebhook", () => telegram.setWebhook(url, { secret_token: webhook.secretToken, allowed_updates: [] }));
    } catch (error) {
      await closeServer();
      throw error instanceof TelegramError && error.code === 400 ? new Error(telegramTexts.webhookRefused(url, error.description), { cause: error }) : startError("setWebhook", error);
    }
  }

  async function closeServer(): Promise<void> {
    const open = server;
    server = undefined;
    if (!open) return;
    await new Promise<void>((resolve) => {
      open.close(() => resolve());
      open.closeAllConnections();
    });
  }

  return {
    platform: "telegram",
    async start(handler) {
      onMessage = handler;
      identity = await connect();
      await registerCommands();
      if (settings.webhook) {
        await startWebhook(settings.webhook);
        logger.info({ platform: "telegram", mode: "webhook" }, "connected");
        return;
      }
      // launch() also deletes any webhook left over, then polls until stop().
      polling = bot
        .launch({ allowedUpdates: [] })
        .catch((error: unknown) => logger.error({ platform: "telegram", err: errorSummary(error) }, "polling stopped"))
        .finally(() => (pollingSettled = true));
      logger.info({ platform: "telegram", mode: "polling" }, "connected");
    },

    async reply(message, answer) {
      const to = target(message);
      const sentIds = await send(to.chatId, answer, (index) => ({
        // The first chunk quotes the question; in a group every chunk does, so none gets lost in the flow.
        ...(index === 0 || !message.isDirect ? { reply_parameters: { message_id: to.messageId, allow_sending_without_reply: true } } : {}),
        ...(to.topicId !== undefined ? { message_thread_id: to.topicId } : {}),
      }));
      if (message.isDirect || to.topicId !== undefined) return;
      // The answer replies to the question: it opens (or joins) the question's reply thread.
      const thread = message.thread ?? message.id;
      conversations.answered({ ...message, thread }, sentIds.map((id) => `${to.chatId}:${id}`), thread);
    },

    async post(room, answer) {
      await send(Number(room), answer, () => ({}));
    },

    async isRoomAdmin(message) {
      // Asked by the engine only for a command that needs it (`/territoire <commune>` in a group).
      try {
        const member = await call("getChatMember", () => telegram.getChatMember(Number(message.room), Number(message.author.id)));
        return member.status === "creator" || member.status === "administrator";
      } catch (error) {
        logger.warn({ platform: "telegram", room: message.room, err: errorSummary(error) }, "getChatMember failed");
        return false;
      }
    },

    async showTyping(message) {
      const to = target(message);
      await call("sendChatAction", () => telegram.sendChatAction(to.chatId, "typing", to.topicId !== undefined ? { message_thread_id: to.topicId } : {}));
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      if (polling) {
        // launch() starts its polling loop only once deleteWebhook has answered: until then, bot.stop() throws.
        while (!pollingSettled && !stopTelegraf()) await new Promise((resolve) => setTimeout(resolve, 10));
        await polling;
      }
      await closeServer();
      // Answers in flight may finish (a 429 wait included), within a grace period.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => (grace = setTimeout(resolve, settings.stopGraceMs)))]);
      clearTimeout(grace);
      abandoned = true;
      for (const entry of sleeps) {
        clearTimeout(entry.timer);
        entry.wake();
      }
      sleeps.clear();
      await Promise.allSettled([...inFlight]);
      logger.info({ platform: "telegram" }, "stopped");
    },

    webhookAddress() {
      const address = server?.address();
      return address && typeof address === "object" ? address : undefined;
    },
  };

  function stopTelegraf(): boolean {
    try {
      bot.stop("orienteur stop");
      return true;
    } catch {
      return false;
    }
  }
}

/** What we log of an error: its kind and Telegram's status, never a message's content. */
function errorSummary(error: unknown): { name: string; code?: number | string | undefined; description?: string | undefined } {
  if (error instanceof TelegramError) return { name: "TelegramError", code: error.code, description: error.description };
  const err = error as NodeJS.ErrnoException;
  return { name: err?.name ?? "Error", code: err?.code };
}

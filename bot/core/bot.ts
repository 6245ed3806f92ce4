// The bot engine, shared by every platform: a router. It decides whether to answer (addressed, not
// a redelivery, not history, not a flood), builds the message's context once, hands a room command
// to its handler (commands/*.ts) and everything else to the conversation core, records unmet needs,
// and keeps one error boundary around each message. Adapters call `handle`; they never decide.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Place } from "../../knowledge/places/place-index.ts";
import type { Adapter, IncomingMessage, Platform } from "./contract.ts";
import type { BotState, Subscriptions } from "./state.ts";
import type { Logger } from "./logger.ts";
import type { FeedbackRepository } from "../feedback/repository.ts";
import { recordUnmetNeed } from "../feedback/unmet-needs.ts";
import { text, type Answer } from "../../knowledge/answer/model.ts";
import { plainAnswer } from "./build-answers.ts";
import { roomHandlers } from "./commands/handlers.ts";
import type { ChatContext, RoomEnvironment } from "./commands/types.ts";
import { chatConversation, type MessageContext } from "./context.ts";
import type { Conversation } from "./conversation.ts";
import { texts } from "./texts.ts";
import { keepRecent } from "../../knowledge/util/bounded-map.ts";

export interface BotOptions {
  /** Users who may change any room's settings, as `platform:userId`. */
  editors: readonly string[];
  /** Rooms the bot serves, as `platform:room`; empty means every room it is in. */
  allowedRooms: readonly string[];
  /** Who may invite the bot into a room, as `platform:userId`; empty means anyone. */
  allowedInviters: readonly string[];
  /** Per-user flood limit: at most `messages` within `perMs`. */
  rateLimit: { messages: number; perMs: number };
  /** Messages sent more than this before start-up are history, never answered. */
  startupGraceMs: number;
  /** Show a typing signal when an answer takes longer than this. */
  slowAnswerMs: number;
  /** Longer messages are cut before they are read (4 000 characters), as the conversation does. */
  maxLength: number;
  now: () => number;
  /** Sees each message's context once it is built (one per message answered): for logs and tests. */
  onContext?: ((context: MessageContext) => void) | undefined;
}

const defaultBotOptions: BotOptions = {
  editors: [],
  allowedRooms: [],
  allowedInviters: [],
  // A burst of 20, refilled at one every 3 s: someone trying commands every second or two never
  // meets it; a runaway script or a loop with another bot does, within seconds.
  rateLimit: { messages: 20, perMs: 60_000 },
  startupGraceMs: 5_000,
  slowAnswerMs: 400,
  maxLength: 4000,
  now: () => Date.now(),
};

type Outcome = "answered" | "not-addressed" | "own-or-bot" | "notice" | "duplicate" | "history" | "throttled" | "room-not-allowed" | "error";

export interface BotDependencies {
  orienteur: () => Orienteur;
  conversation: Conversation;
  store: BotState;
  logger: Logger;
  /** Newsletter subscriptions, for the `abonner` command. */
  subscriptions?: Subscriptions;
  /** Field reports and unmet needs. */
  feedback: FeedbackRepository;
  /** Posts to the editors' rooms (field reports); reports are still stored and listed by `orienteur signalements` without it. */
  notifyEditors?: (answer: Answer) => Promise<void>;
}

export interface Bot {
  /** Handles one incoming message from an adapter; never throws. Resolves to what was done. */
  handle(adapter: Adapter, message: IncomingMessage): Promise<Outcome>;
  /** Whether to accept an invitation from this user to this room. */
  mayJoin(platform: Platform, inviter: string, room: string): boolean;
  /** Answers in flight, to wait for on shutdown. */
  idle(): Promise<void>;
}

/** Creates the engine; `options` are merged over {@link defaultBotOptions}. */
export function createBot(deps: BotDependencies, options: Partial<BotOptions> = {}): Bot {
  const settings = { ...defaultBotOptions, ...options };
  const startedAt = settings.now();
  const buckets = new Map<string, { tokens: number; at: number; warned: boolean; dropped: number }>();
  const inFlight = new Set<Promise<unknown>>();

  function allowedRoom(platform: Platform, room: string): boolean {
    return settings.allowedRooms.length === 0 || settings.allowedRooms.includes(`${platform}:${room}`);
  }

  /**
   * Token bucket per user. The first refused message of a pause gets one warning saying when to
   * write again; the first message read after it says how many were not read.
   */
  function throttle(key: string): { verdict: "ok"; dropped: number } | { verdict: "warn"; seconds: number } | { verdict: "drop" } {
    const now = settings.now();
    const { messages, perMs } = settings.rateLimit;
    const bucket = buckets.get(key) ?? { tokens: messages, at: now, warned: false, dropped: 0 };
    bucket.tokens = Math.min(messages, bucket.tokens + ((now - bucket.at) * messages) / perMs);
    bucket.at = now;
    // The users heard from most recently are kept; a forgotten one starts again with a full bucket.
    keepRecent(buckets, key, bucket, 50_000);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      const dropped = bucket.dropped;
      bucket.warned = false;
      bucket.dropped = 0;
      return { verdict: "ok", dropped };
    }
    bucket.dropped += 1;
    if (bucket.warned) return { verdict: "drop" };
    bucket.warned = true;
    return { verdict: "warn", seconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * perMs) / messages / 1000)) };
  }

  function roomPlace(message: IncomingMessage): Place | undefined {
    const stored = deps.store.roomPlace(message.platform, message.room);
    return stored ? deps.orienteur().places.byRef(stored.type as Place["type"], stored.code) : undefined;
  }

  /** What a room command may use, for this message. */
  function environment(adapter: Adapter, message: IncomingMessage): RoomEnvironment {
    return {
      orienteur: deps.orienteur(),
      state: deps.store,
      feedback: deps.feedback,
      logger: deps.logger,
      subscriptions: deps.subscriptions,
      notifyEditors: deps.notifyEditors,
      editors: settings.editors,
      now: settings.now,
      roomPlace: () => roomPlace(message),
      isRoomAdmin: async () => message.author.isRoomAdmin ?? (adapter.isRoomAdmin ? await adapter.isRoomAdmin(message) : false),
    };
  }

  /** The conversation core's answer (a question, a sigle, help…); an unmet need is recorded, scrubbed. */
  function converse(context: ChatContext): Answer {
    const reply = deps.conversation.handle({ conversation: context.conversation, text: context.text, defaultPlace: roomPlace(context.message), context });
    if (reply.orientation) {
      try {
        recordUnmetNeed(deps.feedback, reply.orientation, deps.orienteur());
      } catch (error) {
        // Keeping a statistic must never cost the answer.
        deps.logger.warn({ platform: context.message.platform, err: { name: (error as Error).name, message: (error as Error).message } }, "unmet need not recorded");
      }
    }
    return reply.answer;
  }

  /** The answer to one message: what was not read is said; a room command goes to its handler, the rest to the conversation. */
  async function route(adapter: Adapter, context: ChatContext): Promise<Answer> {
    const { message, intent } = context;
    if (message.editOf !== undefined) return plainAnswer(texts.editNotRead);
    if (message.hasAttachment && message.text.trim() === "") return plainAnswer(texts.attachmentOnly);
    const handler = intent.kind === "command" ? roomHandlers[intent.command] : undefined;
    if (!handler || intent.kind !== "command") return converse(context);
    const answer = await handler(context, intent.args, environment(adapter, message));
    // The conversation says itself that it cut a long question; a command says it here.
    if (context.truncated) answer.blocks.unshift({ type: "note", tone: "info", text: text(texts.tooLong(settings.maxLength)) });
    return answer;
  }

  async function process(adapter: Adapter, message: IncomingMessage): Promise<Outcome> {
    if (message.author.isSelf || message.author.isBot) return "own-or-bot";
    if (message.isNotice) return "notice";
    if (!deps.store.markSeen(message.platform, message.id)) return "duplicate";
    // An edit is answered once per message, whatever the number of edits.
    if (message.editOf !== undefined && !deps.store.markSeen(message.platform, `edit:${message.editOf}`)) return "duplicate";
    if (message.sentAt < startedAt - settings.startupGraceMs) return "history";
    if (!(message.isDirect || message.mentionsBot || message.repliesToBot || message.inBotThread || message.isCommand)) return "not-addressed";
    if (!message.isDirect && !allowedRoom(message.platform, message.room)) return "room-not-allowed";

    const verdict = throttle(`${message.platform}:${message.author.id}`);
    if (verdict.verdict === "drop") return "throttled";
    if (verdict.verdict === "warn") {
      await adapter.reply(message, plainAnswer(texts.throttled(verdict.seconds)));
      return "throttled";
    }

    const typing = adapter.showTyping ? setTimeout(() => void adapter.showTyping!(message).catch(() => {}), settings.slowAnswerMs) : undefined;
    try {
      // The one parse of this message: the conversation reads a bare number as the option it offered.
      const context = { ...deps.conversation.read({ surface: message.platform, conversation: chatConversation(message), text: message.text, direct: message.isDirect }), message };
      settings.onContext?.(context);
      const answer = await route(adapter, context);
      if (message.hasAttachment && message.text.trim() !== "" && message.editOf === undefined) answer.blocks.push({ type: "note", tone: "info", text: text(texts.attachmentIgnored) });
      if (verdict.dropped > 0) answer.blocks.unshift({ type: "note", tone: "info", text: text(texts.dropped(verdict.dropped)) });
      await adapter.reply(message, answer);
    } finally {
      clearTimeout(typing);
    }
    return "answered";
  }

  return {
    async handle(adapter, message) {
      const started = settings.now();
      const work = process(adapter, message).catch(async (error: unknown) => {
        deps.logger.error({ platform: message.platform, room: message.room, err: { name: (error as Error).name, message: (error as Error).message } }, "message failed");
        try {
          await adapter.reply(message, plainAnswer(texts.internalError));
        } catch {
          // The platform is unreachable: nothing more to do for this message.
        }
        return "error" as const;
      });
      inFlight.add(work);
      const outcome = await work.finally(() => inFlight.delete(work));
      deps.logger.info({ platform: message.platform, room: message.room, outcome, ms: settings.now() - started }, "message");
      return outcome;
    },
    mayJoin(platform, inviter, room) {
      const inviterOk = settings.allowedInviters.length === 0 || settings.allowedInviters.includes(`${platform}:${inviter}`);
      return inviterOk && allowedRoom(platform, room);
    },
    async idle() {
      await Promise.allSettled([...inFlight]);
    },
  };
}

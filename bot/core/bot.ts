// The bot engine, shared by every platform: decides whether to answer (addressed, not a
// redelivery, not history, not a flood), answers room commands, takes field reports, records
// unmet needs, and keeps one error boundary around each message. Adapters call `handle`; they never decide.
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Place } from "../../knowledge/places/place-index.ts";
import { conversationId, type Adapter, type IncomingMessage, type Platform } from "./contract.ts";
import type { BotState, Subscriptions } from "./state.ts";
import type { Logger } from "./logger.ts";
import { findReportedService } from "../feedback/find-service.ts";
import type { FeedbackRepository } from "../feedback/repository.ts";
import { recordUnmetNeed } from "../feedback/unmet-needs.ts";
import { findPersonalData, PERSONAL_DATA_LABELS } from "../../knowledge/privacy/personal-data.ts";
import { agendaAnswer } from "./agenda.ts";
import { text, type Answer, type Block, type Choice } from "./answer.ts";
import { helpAnswer, plainAnswer } from "./build-answers.ts";
import type { Conversation } from "./conversation.ts";
import { parseIntent, type Intent } from "./intents.ts";
import { texts } from "./texts.ts";

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
}

export const defaultBotOptions: BotOptions = {
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

/** How long the options offered in a conversation can be picked by number (the conversation's memory: 30 minutes). */
const OFFER_TTL_MS = 30 * 60 * 1000;

export type Outcome = "answered" | "not-addressed" | "own-or-bot" | "notice" | "duplicate" | "history" | "throttled" | "room-not-allowed" | "error";

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
  const feedback = deps.feedback;
  /** Options the bot just offered in a conversation (which commune?), so that « 2 » picks the second. */
  const offered = new Map<string, { choices: Choice[]; at: number }>();

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
    buckets.set(key, bucket);
    if (buckets.size > 50_000) buckets.delete(buckets.keys().next().value!);
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

  async function subscribe(message: IncomingMessage, email: string, prefix: string): Promise<Answer> {
    if (!deps.subscriptions) return plainAnswer(texts.subscribeUnavailable);
    if (email.trim() === "") return plainAnswer(texts.subscribeUsage(prefix));
    const outcome = await deps.subscriptions.request(email, {}, message.platform);
    return plainAnswer(outcome.message);
  }

  /** `signaler <service> : <texte>`: stored scrubbed, acknowledged, and posted to the editors' rooms. */
  async function report(message: IncomingMessage, typed: string, prefix: string): Promise<Answer> {
    const orienteur = deps.orienteur();
    const lookup = findReportedService(orienteur, typed);
    if (lookup.kind === "empty") return plainAnswer(texts.feedback.usage(prefix));
    if (lookup.kind === "unknown") {
      const blocks: Block[] = [{ type: "paragraph", text: text(texts.feedback.unknownService(lookup.typed)) }];
      if (lookup.suggestions.length > 0) {
        blocks.push({ type: "paragraph", text: text(texts.feedback.suggestions) });
        blocks.push({ type: "list", items: lookup.suggestions.map((s) => text(texts.feedback.suggestion(s.nom, s.id))) });
      }
      blocks.push({ type: "paragraph", text: text(texts.feedback.retry(prefix, lookup.suggestions[0]?.id ?? "ssiad-nevers")) });
      return { blocks };
    }
    const { service } = lookup;
    if (lookup.texte.trim() === "") return plainAnswer(texts.feedback.missingText(service.nom, service.id, prefix));
    // A private chat's id names its author: only group rooms are kept.
    const saved = feedback.addSignalement({ platform: message.platform, room: message.isDirect ? null : message.room, serviceId: service.id, texte: lookup.texte });
    deps.logger.info({ platform: message.platform, signalement: saved.id, service: service.id }, "field report");
    if (deps.notifyEditors) {
      const notice: Answer = {
        blocks: [
          { type: "title", text: text(texts.feedback.editorsTitle(saved.id, service.nom, service.id)) },
          { type: "paragraph", text: text(saved.texte) },
          { type: "paragraph", text: text(texts.feedback.editorsFrom(saved.platform, saved.room)) },
          { type: "note", tone: "info", text: text(texts.feedback.editorsClose(saved.id)) },
        ],
      };
      // The report is stored: a failed post must not make the reporter think it was lost.
      await deps.notifyEditors(notice).catch((error: unknown) =>
        deps.logger.warn({ signalement: saved.id, err: { name: (error as Error).name, message: (error as Error).message } }, "editors not notified"),
      );
    }
    const removed = findPersonalData(lookup.texte);
    const blocks: Block[] = [{ type: "paragraph", text: text(texts.feedback.thanks(saved.id, service.nom)) }];
    if (removed.length > 0) blocks.push({ type: "note", tone: "info", text: text(texts.feedback.removed(removed.map((kind) => PERSONAL_DATA_LABELS[kind]))) });
    return { blocks };
  }

  const conversationKey = (message: IncomingMessage) => `${message.platform}:${message.room}:${conversationId(message)}`;

  /**
   * A bare number answering the options the bot just offered in this conversation, as what that
   * option means (« 3 » → « à Montigny-sur-Canne »); anything else as it is. An offer is used once.
   */
  function choose(message: IncomingMessage): IncomingMessage {
    const key = conversationKey(message);
    const offer = offered.get(key);
    if (!offer) return message;
    offered.delete(key);
    const number = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(message.text)?.[1];
    const choice = number !== undefined && settings.now() - offer.at <= OFFER_TTL_MS ? offer.choices[Number(number) - 1] : undefined;
    return choice ? { ...message, text: choice.reply } : message;
  }

  /** Remembers the options an answer offers, bounded like the conversations, and says they can be picked by number. */
  function offer(message: IncomingMessage, answer: Answer): void {
    const at = answer.blocks.findIndex((block) => block.type === "choices");
    const block = answer.blocks[at];
    if (block?.type !== "choices") return;
    answer.blocks.splice(at + 1, 0, { type: "paragraph", text: text(texts.choicesHint) });
    offered.set(conversationKey(message), { choices: block.items, at: settings.now() });
    if (offered.size > 10_000) offered.delete(offered.keys().next().value!);
  }

  /** An orientation question or a sigle: the conversation core answers; an unmet need is recorded, scrubbed. */
  function converse(message: IncomingMessage, prefix: string): Answer {
    const reply = deps.conversation.handle({
      conversation: conversationKey(message),
      text: message.text,
      defaultPlace: roomPlace(message),
      commandPrefix: prefix,
    });
    if (reply.orientation) {
      try {
        recordUnmetNeed(feedback, reply.orientation, deps.orienteur());
      } catch (error) {
        // Keeping a statistic must never cost the answer.
        deps.logger.warn({ platform: message.platform, err: { name: (error as Error).name, message: (error as Error).message } }, "unmet need not recorded");
      }
    }
    return reply.answer;
  }

  /** Lists the agenda near the room's default place. */
  function agenda(message: IncomingMessage): Answer {
    const today = new Date(settings.now()).toISOString().slice(0, 10);
    return agendaAnswer(deps.orienteur(), roomPlace(message), today);
  }

  /** Shows, sets or clears the room's default place (room admins, editors, or anyone in a direct chat). */
  function territory(message: IncomingMessage, typed: string, prefix: string): Answer {
    if (typed === "") {
      const current = roomPlace(message);
      return plainAnswer(current ? texts.room.placeCurrent(current.nom, prefix, message.isDirect) : texts.room.placeNone(prefix, message.isDirect));
    }
    const mayChange = message.isDirect || message.author.isRoomAdmin === true || settings.editors.includes(`${message.platform}:${message.author.id}`);
    if (!mayChange) return plainAnswer(texts.room.placeForbidden);
    if (/^(aucun|aucune|rien|effacer|supprimer)$/i.test(typed)) {
      deps.store.setRoomPlace(message.platform, message.room, undefined);
      return plainAnswer(texts.room.placeCleared(message.isDirect));
    }
    const place = deps.orienteur().places.resolve(typed);
    if (!place) return plainAnswer(texts.room.placeUnknown(typed));
    deps.store.setRoomPlace(message.platform, message.room, { type: place.type, code: place.code });
    return plainAnswer(texts.room.placeSet(place.nom, message.isDirect));
  }

  /** The answer to one message; `conversed` when the conversation core wrote it. */
  async function answerFor(message: IncomingMessage, intent: Intent, prefix: string): Promise<{ answer: Answer; conversed: boolean }> {
    const help = () => helpAnswer(prefix, { direct: message.isDirect, fictional: deps.orienteur().base.info.fictif });
    if (message.editOf !== undefined) return { answer: plainAnswer(texts.editNotRead), conversed: false };
    if (message.hasAttachment && message.text.trim() === "") return { answer: plainAnswer(texts.attachmentOnly), conversed: false };
    switch (intent.kind) {
      case "abonner":
        return { answer: await subscribe(message, intent.email, prefix), conversed: false };
      case "signaler":
        return { answer: await report(message, intent.text, prefix), conversed: false };
      case "agenda":
        return { answer: agenda(message), conversed: false };
      case "territoire":
        return { answer: territory(message, intent.lieu, prefix), conversed: false };
      case "aide":
        return { answer: help(), conversed: false };
      default:
        if (intent.kind === "orienter" && intent.question.trim() === "") return { answer: help(), conversed: false };
        return { answer: converse(message, prefix), conversed: true };
    }
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
      // Matrix clients keep « / » for themselves: commands start with « ! » there.
      const prefix = message.platform === "matrix" ? "!" : "/";
      // Room commands read at most maxLength characters, like questions (the conversation cuts those itself).
      const read = choose(message);
      const truncated = read.text.length > settings.maxLength;
      const intent = parseIntent(truncated ? read.text.slice(0, settings.maxLength) : read.text, prefix);
      const { answer, conversed } = await answerFor(read, intent, prefix);
      offer(read, answer);
      if (message.hasAttachment && message.text.trim() !== "" && message.editOf === undefined) answer.blocks.push({ type: "note", tone: "info", text: text(texts.attachmentIgnored) });
      // The conversation says itself that it cut a long question.
      if (truncated && !conversed) answer.blocks.unshift({ type: "note", tone: "info", text: text(texts.tooLong(settings.maxLength)) });
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

// The conversation core: a message comes in, an answer goes out. No platform code here:
// adapters translate their events into `handle()` calls and render the answer.
import { createHash } from "node:crypto";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Place } from "../../knowledge/places/place-index.ts";
import type { Orientation, OrientationContext } from "../../knowledge/search/orient.ts";
import { findPersonalData, type PersonalDataKind } from "../../knowledge/privacy/personal-data.ts";
import type { Answer } from "./answer.ts";
import { helpAnswer, orientationAnswer, plainAnswer, sigleAnswer, siglesAnswer } from "./build-answers.ts";
import { parseIntent } from "./intents.ts";
import { texts } from "./texts.ts";

export interface ConversationOptions {
  /** How long a conversation remembers the last need and place (30 minutes). */
  contextTtlMs: number;
  /** How many conversations are remembered at once (10 000); the oldest are forgotten first. */
  maxConversations: number;
  /** Longer messages are cut (4 000 characters). */
  maxLength: number;
  /** Longer conversation ids are kept as a hash of themselves (128 characters): memory never grows with an id's length. */
  maxIdLength: number;
  /** Command prefix shown in help (`/`). */
  commandPrefix: string;
  now: () => number;
}

export const defaultConversationOptions: ConversationOptions = {
  contextTtlMs: 30 * 60 * 1000,
  maxConversations: 10_000,
  maxLength: 4000,
  maxIdLength: 128,
  commandPrefix: "/",
  now: () => Date.now(),
};

export interface IncomingText {
  /** Identifies the conversation (room and thread): follow-ups are understood within it. */
  conversation: string;
  text: string;
  /** Default place of the room: a Place, or what a user typed (commune name, postal code). */
  defaultPlace?: Place | string | undefined;
  /** Command prefix of the platform the message came from (`!` on Matrix), shown in help and hints; default: the `commandPrefix` option. */
  commandPrefix?: string | undefined;
}

export type ReplyKind = "orientation" | "sigle" | "sigles" | "aide" | "vide" | "commande-inconnue" | "politesse";

export interface CoreReply {
  kind: ReplyKind;
  answer: Answer;
  /** The orientation behind the answer, for callers that need the data (JSON endpoint). */
  orientation?: Orientation;
  /** Kinds of personal data found in the message (the reminder is shown once per conversation). */
  personalData?: PersonalDataKind[];
}

export interface Conversation {
  handle(message: IncomingText): CoreReply;
  /** Forgets a conversation's context. */
  forget(conversation: string): void;
  /** Swaps the knowledge base (hot reload): contexts are kept. */
  setOrienteur(orienteur: Orienteur): void;
  /** What is held in memory right now (conversations remembered, their keys' total length): for tests and the bench. */
  memory(): { contexts: number; reminders: number; keyChars: number };
}

/**
 * The key a conversation is remembered under: the id itself, or a hash of it when it is longer than
 * `max` (a platform or a web client may send ids of any length).
 * @example conversationKey("web:" + "x".repeat(60_000), 128).length // → 47
 */
export function conversationKey(id: string, max: number): string {
  return id.length <= max ? id : `#${createHash("sha256").update(id).digest("base64url")}`;
}

/** Creates the conversation core over an indexed base. */
export function createConversation(orienteur: Orienteur, options: Partial<ConversationOptions> = {}): Conversation {
  const settings = { ...defaultConversationOptions, ...options };
  const contexts = new Map<string, { context: OrientationContext; at: number }>();
  /** Conversations already reminded not to share personal data, with their last message time. */
  const reminded = new Map<string, number>();
  let current = orienteur;

  /**
   * Forgets what is older than the context time, whatever the count. Both maps are kept in order of
   * last use (an entry is deleted and set again when used), so the expired ones are at the front.
   */
  function expire(now: number): void {
    for (const [key, entry] of contexts) {
      if (now - entry.at <= settings.contextTtlMs) break;
      contexts.delete(key);
    }
    for (const [key, at] of reminded) {
      if (now - at <= settings.contextTtlMs) break;
      reminded.delete(key);
    }
  }

  function contextOf(conversation: string): OrientationContext | undefined {
    const entry = contexts.get(conversation);
    if (!entry) return undefined;
    if (settings.now() - entry.at > settings.contextTtlMs) {
      contexts.delete(conversation);
      return undefined;
    }
    return entry.context;
  }

  function remember(conversation: string, context: OrientationContext): void {
    contexts.delete(conversation);
    contexts.set(conversation, { context, at: settings.now() });
    if (contexts.size > settings.maxConversations) contexts.delete(contexts.keys().next().value!);
  }

  /**
   * Whether to remind this conversation not to share personal data: the first time it shares some. A
   * conversation idle for longer than the context time starts afresh.
   */
  function remindOnce(conversation: string, sharesPersonalData: boolean): boolean {
    const now = settings.now();
    const last = reminded.get(conversation);
    const fresh = last === undefined || now - last > settings.contextTtlMs;
    if (!sharesPersonalData && last === undefined) return false;
    reminded.delete(conversation);
    if (!sharesPersonalData && fresh) return false;
    reminded.set(conversation, now);
    if (reminded.size > settings.maxConversations) reminded.delete(reminded.keys().next().value!);
    return sharesPersonalData && fresh;
  }

  function orientReply(conversation: string, question: string, defaultPlace: Place | string | undefined): CoreReply {
    const orientation = current.orient({ question, lu: current.read(question), lieu: defaultPlace, contexte: contextOf(conversation) });
    // A pasted text full of sigles, with no need or no place in it, is a request to explain them.
    const found = orientation.situation === "besoin-inconnu" || !orientation.lieu ? { trouves: orientation.sigles, inconnus: orientation.siglesInconnus } : undefined;
    if (found && orientation.besoinsSource !== "contexte" && orientation.urgences.length === 0) {
      const unknownNeed = orientation.situation === "besoin-inconnu";
      if ((unknownNeed && found.trouves.length >= 2) || found.trouves.length >= 3 || (unknownNeed && found.trouves.length === 1 && question.split(/\s+/).length <= 2)) {
        return found.trouves.length === 1
          ? { kind: "sigle", answer: sigleAnswer(found.trouves[0]!.sigle, found.trouves[0], current) }
          : { kind: "sigles", answer: siglesAnswer(found, current, question) };
      }
    }
    if (orientation.besoins.length > 0 || orientation.lieu || orientation.urgences.length > 0) remember(conversation, orientation.contexte);
    return { kind: "orientation", answer: orientationAnswer(orientation, current), orientation };
  }

  return {
    handle(incoming) {
      const message = { ...incoming, conversation: conversationKey(incoming.conversation, settings.maxIdLength) };
      expire(settings.now());
      let body = message.text ?? "";
      const truncated = body.length > settings.maxLength;
      if (truncated) body = body.slice(0, settings.maxLength);
      if (body.trim() === "") return { kind: "vide", answer: plainAnswer(texts.emptyQuestion) };
      const prefix = incoming.commandPrefix ?? settings.commandPrefix;
      const intent = parseIntent(body, prefix);
      let reply: CoreReply;
      switch (intent.kind) {
        case "aide":
          reply = { kind: "aide", answer: helpAnswer(prefix) };
          break;
        case "sigle":
          reply = { kind: "sigle", answer: sigleAnswer(intent.sigle, current.glossary.lookup(intent.sigle), current) };
          break;
        case "sigles":
          reply = { kind: "sigles", answer: siglesAnswer(current.glossary.findInText(intent.text), current, intent.text) };
          break;
        case "signaler":
          // Reports are stored by the bot engine (bot.ts), which has the store; elsewhere (web page, terminal) say where to report.
          reply = { kind: "aide", answer: plainAnswer(texts.feedback.chatOnly) };
          break;
        case "territoire":
        case "agenda":
        case "abonner":
          // Room commands need a room: the bot engine (bot.ts) answers them before reaching here.
          reply = { kind: "aide", answer: helpAnswer(prefix) };
          break;
        case "commande-inconnue":
          reply = { kind: "commande-inconnue", answer: plainAnswer(texts.unknownCommand(intent.name, prefix)) };
          break;
        case "politesse":
          reply = { kind: "politesse", answer: plainAnswer(intent.merci ? texts.thanks : texts.greeting) };
          break;
        case "orienter":
          reply = intent.question.trim() === "" ? { kind: "aide", answer: helpAnswer(prefix) } : orientReply(message.conversation, intent.question, message.defaultPlace);
          break;
      }
      if (truncated) reply.answer.blocks.unshift({ type: "note", tone: "info", text: [{ text: texts.tooLong(settings.maxLength) }] });
      // The question is answered anyway; the reminder comes first so that it is read, once per conversation.
      // An address given to subscribe is expected there, not a slip.
      const personal = intent.kind === "abonner" ? [] : findPersonalData(body);
      if (personal.length > 0) reply.personalData = personal;
      if (remindOnce(message.conversation, personal.length > 0)) reply.answer.blocks.unshift({ type: "note", tone: "warning", text: [{ text: texts.privacyReminder }] });
      return reply;
    },
    forget(conversation) {
      const key = conversationKey(conversation, settings.maxIdLength);
      contexts.delete(key);
      reminded.delete(key);
    },
    memory() {
      let keyChars = 0;
      for (const key of contexts.keys()) keyChars += key.length;
      for (const key of reminded.keys()) keyChars += key.length;
      return { contexts: contexts.size, reminders: reminded.size, keyChars };
    },
    setOrienteur(orienteur) {
      current = orienteur;
    },
  };
}

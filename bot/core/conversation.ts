// The conversation core: a message comes in, an answer goes out. No platform code here:
// adapters translate their events into `handle()` calls and render the answer.
import { createHash } from "node:crypto";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import type { Place } from "../../knowledge/places/place-index.ts";
import type { Orientation, OrientationContext } from "../../knowledge/search/orient.ts";
import { findPersonalData, type PersonalDataKind } from "../../knowledge/privacy/personal-data.ts";
import { text, type Answer, type Choice } from "../../knowledge/answer/model.ts";
import { helpAnswer, moreServicesAnswer, orientationAnswer, plainAnswer, sigleAnswer, siglesAnswer } from "./build-answers.ts";
import { commandScope } from "./commands/catalog.ts";
import { conversationHandlers } from "./commands/handlers.ts";
import { needChoices } from "./commands/need-choices.ts";
import { createOffers, type MoreServices } from "./commands/offers.ts";
import { createContext, type MessageContext, type Surface } from "./context.ts";
import { texts } from "./texts.ts";
import { foldText } from "../../knowledge/text/normalize.ts";
import { keepRecent } from "../../knowledge/util/bounded-map.ts";

/** A need's name without its parenthesis (« Hébergement d'urgence et mise à l'abri (115, SIAO) » → « Hébergement d'urgence et mise à l'abri »): short enough for a button. */
const needName = (libelle: string) => libelle.replace(/\s*\([^)]*\)\s*$/, "") || libelle;

export interface ConversationOptions {
  /** How long a conversation remembers the last need and place, and what it offered (30 minutes). */
  contextTtlMs: number;
  /** How many conversations are remembered at once (10 000); the oldest are forgotten first. */
  maxConversations: number;
  /** Longer messages are cut (4 000 characters). */
  maxLength: number;
  /** Longer conversation ids are kept as a hash of themselves (128 characters): memory never grows with an id's length. */
  maxIdLength: number;
  /** Services shown at once (5); « plus » shows the next ones. */
  pageSize: number;
  now: () => number;
}

export const defaultConversationOptions: ConversationOptions = {
  contextTtlMs: 30 * 60 * 1000,
  maxConversations: 10_000,
  maxLength: 4000,
  maxIdLength: 128,
  pageSize: 5,
  now: () => Date.now(),
};

/** How many services are ranked for one question, so that « plus » can show the next ones without asking again. */
const RANKED_AT_MOST = 50;

export interface IncomingText {
  /** Identifies the conversation (room and thread): follow-ups are understood within it. */
  conversation: string;
  text: string;
  /** Default place of the room: a Place, or what a user typed (commune name, postal code). */
  defaultPlace?: Place | string | undefined;
  /** Where the message was written (its command prefix: « ! » on Matrix); default: the terminal. */
  surface?: Surface | undefined;
  /** A private chat, the web page or the terminal (the default), rather than a group room. */
  direct?: boolean | undefined;
  /** The message's context, when the caller has already built it with {@link Conversation.read}: it is not read again. */
  context?: MessageContext | undefined;
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
  /** Builds a message's context (the one parse of the message), a bare number read as the option it picks. */
  read(message: IncomingText): MessageContext;
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
    keepRecent(contexts, conversation, { context, at: settings.now() }, settings.maxConversations);
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
    keepRecent(reminded, conversation, now, settings.maxConversations);
    return sharesPersonalData && fresh;
  }

  const offers = createOffers({ ttlMs: settings.contextTtlMs, max: settings.maxConversations, now: settings.now });

  /** Offers `choices` at the end of the answer, with the hint saying how to pick one. */
  function offerChoices(conversation: string, answer: Answer, choices: Choice[], hint: string): void {
    if (choices.length === 0) return;
    // Before the closing notes (fictional base…): the options follow what they continue.
    let at = answer.blocks.length;
    while (at > 0 && answer.blocks[at - 1]!.type === "note") at -= 1;
    answer.blocks.splice(at, 0, { type: "choices", items: choices }, { type: "paragraph", text: text(hint) });
    offers.offer(conversation, choices);
  }

  /** Keeps what was not shown and offers « plus »: one option, or one per need when the answer grouped its services per need. */
  function offerMore(conversation: string, answer: Answer, more: readonly MoreServices[]): void {
    const left = more.filter((m) => m.rest.length > 0);
    if (left.length === 0) return;
    // Every need is kept, so that « plus pour » a need already shown whole is told so.
    offers.keepMore(conversation, more);
    const grouped = left.filter((m): m is MoreServices & { besoin: string } => m.besoin !== undefined);
    if (grouped.length === 0) offerChoices(conversation, answer, [{ label: texts.more.choice(left[0]!.rest.length), reply: texts.more.typed }], texts.more.hint(left[0]!.rest.length));
    else offerChoices(conversation, answer, grouped.map((m) => ({ label: texts.more.choiceFor(m.rest.length, m.besoin), reply: texts.more.typedFor(m.besoin) })), texts.more.hintFor);
  }

  function orientReply(conversation: string, question: string, defaultPlace: Place | string | undefined): CoreReply {
    const input = { question, lu: current.read(question), lieu: defaultPlace, contexte: contextOf(conversation) };
    // Read and ranked once: the answer's page and the longer lists « plus » continues are cut from it.
    const atMost = current.orientRanked(input);
    let orientation = atMost(RANKED_AT_MOST);
    let more: MoreServices[];
    let matched = orientation.resultats.length;
    if (orientation.groupes.length > 0) {
      // Several needs: orient gives each need its own few services, and the answer shows them per
      // need; « plus » continues one need's list from the longer ranking.
      const ranked = orientation.groupes;
      orientation = atMost();
      matched = orientation.resultats.length;
      const perNeed = orientation.groupes.length > 1 && (orientation.situation === "ok" || orientation.situation === "hors-territoire");
      more = perNeed
        ? orientation.groupes.map((groupe) => {
            const whole = ranked.find((r) => r.besoin.id === groupe.besoin.id)?.resultats ?? groupe.resultats;
            return { besoin: needName(groupe.besoin.libelle), rest: whole.slice(groupe.resultats.length), shown: groupe.resultats.length, total: whole.length, lieu: orientation.lieu };
          })
        : [];
    } else {
      const all = orientation.resultats;
      if (all.length > settings.pageSize) orientation = { ...orientation, resultats: all.slice(0, settings.pageSize) };
      more = [{ rest: all.slice(settings.pageSize), shown: settings.pageSize, total: all.length, lieu: orientation.lieu }];
    }
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
    const answer = orientationAnswer(orientation, current, matched);
    const placeChoices = answer.blocks.find((block) => block.type === "choices");
    // One offer at a time: which commune, else which need, else more services.
    if (placeChoices?.type === "choices") {
      const at = answer.blocks.indexOf(placeChoices);
      answer.blocks.splice(at + 1, 0, { type: "paragraph", text: text(texts.choicesHint) });
      offers.offer(conversation, placeChoices.items);
    } else if (orientation.situation === "besoin-inconnu") {
      if (orientation.urgences.length === 0) offerChoices(conversation, answer, needChoices(question, current), texts.needChoicesHint);
    } else {
      offerMore(conversation, answer, more);
    }
    return { kind: "orientation", answer, orientation };
  }

  /**
   * « plus »: the next services of the conversation's last answer; « plus pour <besoin> »: of that
   * need's group. The other needs' lists are kept, so each can still be continued. Resolves to
   * undefined when `need` names none of the kept groups (the message is then a question).
   */
  function moreReply(conversation: string, need: string | undefined): CoreReply | undefined {
    const kept = offers.takeMore(conversation);
    const wanted = need === undefined ? undefined : foldText(need);
    const withRest = kept?.filter((m) => m.rest.length > 0) ?? [];
    const index = wanted === undefined ? (withRest.length === 1 ? kept!.indexOf(withRest[0]!) : -1) : (kept?.findIndex((m) => m.besoin !== undefined && foldText(m.besoin).includes(wanted)) ?? -1);
    if (need !== undefined && index < 0) return undefined;
    if (!kept || withRest.length === 0) return { kind: "aide", answer: plainAnswer(texts.more.none) };
    if (kept[index]?.rest.length === 0) {
      offers.keepMore(conversation, kept);
      return { kind: "aide", answer: plainAnswer(texts.more.noneFor(kept[index]!.besoin!)) };
    }
    if (index < 0) {
      // Several needs have more: say which ones, as the answer did.
      const answer: Answer = { blocks: [] };
      offerMore(conversation, answer, kept);
      return { kind: "aide", answer };
    }
    const more = kept[index]!;
    const page = more.rest.slice(0, settings.pageSize);
    const answer = moreServicesAnswer(page, more.shown, more.total, more.lieu, current, more.besoin);
    const next = { ...more, rest: more.rest.slice(page.length), shown: more.shown + page.length };
    offerMore(conversation, answer, kept.map((m, i) => (i === index ? next : m)));
    return { kind: "orientation", answer };
  }

  /** What a context asks for, answered; room commands are the engine's (bot.ts): elsewhere, say where they work. */
  function reply(context: MessageContext, defaultPlace: Place | string | undefined): CoreReply {
    const intent = context.intent;
    // « plus » continues the last answer only: any other message turns the page.
    if (intent.kind !== "more") offers.takeMore(context.conversation);
    else {
      const more = moreReply(context.conversation, intent.need);
      // « plus pour … » that names none of the needs shown is a question like any other.
      return more ?? orientReply(context.conversation, context.text, defaultPlace);
    }
    switch (intent.kind) {
      case "unknown-command":
        return { kind: "commande-inconnue", answer: plainAnswer(texts.unknownCommand(intent.name, context.prefix)) };
      case "politeness":
        return { kind: "politesse", answer: plainAnswer(intent.thanks ? texts.thanks : texts.greeting) };
      case "command": {
        if (commandScope(intent.command) === "room") {
          return intent.command === "signaler" ? { kind: "aide", answer: plainAnswer(texts.feedback.chatOnly) } : { kind: "aide", answer: helpAnswer(context.prefix, { direct: context.direct }) };
        }
        const handler = conversationHandlers[intent.command];
        if (handler) return { kind: intent.command === "aide" ? "aide" : intent.command === "sigles" ? "sigles" : "sigle", answer: handler(context, intent.args, current) };
        if (intent.args.trim() === "") return { kind: "aide", answer: helpAnswer(context.prefix, { direct: context.direct, fictional: current.base.info.fictif }) };
        return orientReply(context.conversation, intent.args, defaultPlace);
      }
    }
  }

  function read(incoming: IncomingText): MessageContext {
    const conversation = conversationKey(incoming.conversation, settings.maxIdLength);
    return createContext(
      { surface: incoming.surface ?? "terminal", conversation, text: incoming.text ?? "", direct: incoming.direct },
      { maxLength: settings.maxLength, pick: offers.pick },
    );
  }

  return {
    read,
    handle(incoming) {
      const context = incoming.context ?? read(incoming);
      expire(settings.now());
      if (context.text.trim() === "") return { kind: "vide", answer: plainAnswer(texts.emptyQuestion) };
      const answered = reply(context, incoming.defaultPlace);
      if (context.truncated) answered.answer.blocks.unshift({ type: "note", tone: "info", text: [{ text: texts.tooLong(settings.maxLength) }] });
      // The question is answered anyway; the reminder comes first so that it is read, once per conversation.
      // An address given to subscribe is expected there, not a slip.
      const personal = context.intent.kind === "command" && context.intent.command === "abonner" ? [] : findPersonalData(context.text);
      if (personal.length > 0) answered.personalData = personal;
      if (remindOnce(context.conversation, personal.length > 0)) answered.answer.blocks.unshift({ type: "note", tone: "warning", text: [{ text: texts.privacyReminder }] });
      return answered;
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

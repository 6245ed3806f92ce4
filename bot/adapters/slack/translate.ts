// Slack payloads → IncomingMessage. Pure functions: they fill the flags truthfully and never
// decide whether to answer (bot/core/bot.ts does). Only payloads that are not new messages
// (edits, deletions, joins) or are malformed are left out.
import { choiceMessage } from "../choice.ts";
import type { IncomingMessage } from "../../core/contract.ts";

/** The fields of a `message` or `app_mention` event that we read. */
export interface SlackMessageEvent {
  type: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  parent_user_id?: string;
  /** Files shared with the message (photos, documents, voice clips). */
  files?: unknown[];
  /** `message_changed`: the message as it now reads, and as it read before. */
  message?: SlackMessageEvent & { edited?: { ts?: string } };
  previous_message?: { text?: string };
}

/** The fields of a slash command payload that we read. */
export interface SlackCommand {
  command: string;
  text?: string;
  channel_id: string;
  channel_name?: string;
  user_id: string;
  trigger_id?: string;
  response_url?: string;
}

export interface BotIdentity {
  userId: string;
  botId?: string | undefined;
}

/** Message subtypes that are new messages someone wrote; the others (edits, joins…) are not. */
const NEW_MESSAGE_SUBTYPES = new Set([undefined, "bot_message", "me_message", "file_share", "thread_broadcast"]);

/**
 * Slack text → plain text: the bot's own mention removed, other mentions and links written as
 * people read them, entities decoded.
 * @example plainText("<@U0BOT> aide &amp; <!here>", "U0BOT") // → { text: "aide & @here", mentionsBot: true }
 */
export function plainText(text: string, botUserId: string): { text: string; mentionsBot: boolean } {
  let mentionsBot = false;
  const plain = text
    .replace(/<([^<>]*)>/g, (_, inner: string) => {
      const [target = "", label] = inner.split("|", 2);
      if (target === `@${botUserId}`) {
        mentionsBot = true;
        return "";
      }
      if (target.startsWith("@") || target.startsWith("#")) return label ? `${target[0]}${label}` : target;
      if (target.startsWith("!subteam^")) return label ?? "@groupe";
      if (target.startsWith("!date^")) return label ?? "";
      if (target.startsWith("!")) return `@${target.slice(1)}`;
      return label ?? target.replace(/^mailto:/, "");
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
  return { text: plain, mentionsBot };
}

/** Milliseconds since the epoch from a Slack `ts` ("1712345678.000100"). */
function sentAtOf(ts: string): number {
  return Math.round(Number(ts) * 1000);
}

/**
 * A `message` or `app_mention` event as an IncomingMessage, or undefined when it is not a new
 * message (an edit, a deletion, a join) or lacks a channel or timestamp.
 * @param answeredIn whether the bot answered in a thread (`channel:thread_ts`).
 */
export function fromEvent(event: SlackMessageEvent, bot: BotIdentity, answeredIn: (thread: string) => boolean = () => false): IncomingMessage | undefined {
  if (event.subtype === "message_changed") return fromEdit(event, bot, answeredIn);
  if (!event.channel || !event.ts || !NEW_MESSAGE_SUBTYPES.has(event.subtype)) return undefined;
  const isDirect = event.channel_type === "im";
  const { text, mentionsBot } = plainText(event.text ?? "", bot.userId);
  const isBot = event.bot_id !== undefined || event.subtype === "bot_message";
  const isSelf = (event.user !== undefined && event.user === bot.userId) || (event.bot_id !== undefined && event.bot_id === bot.botId);
  return {
    platform: "slack",
    id: `${event.channel}:${event.ts}`,
    room: event.channel,
    // In a channel every question opens its own thread (replies go there, follow-ups are read there);
    // a direct conversation is one flowing conversation unless the user starts a thread.
    thread: isDirect ? event.thread_ts : (event.thread_ts ?? event.ts),
    author: { id: event.user ?? event.bot_id ?? "inconnu", isBot, isSelf, isRoomAdmin: undefined },
    text,
    isDirect,
    mentionsBot: event.type === "app_mention" || mentionsBot,
    repliesToBot: event.parent_user_id !== undefined && event.parent_user_id === bot.userId,
    // A reply in a thread where the bot answered is a follow-up (Slack's parent_user_id names the thread's first author, not the bot).
    inBotThread: event.thread_ts !== undefined && answeredIn(`${event.channel}:${event.thread_ts}`),
    isCommand: false,
    hasAttachment: Array.isArray(event.files) && event.files.length > 0,
    isNotice: false,
    sentAt: sentAtOf(event.ts),
    raw: event,
  };
}

/**
 * A `message_changed` event whose text changed (not an unfurl or a reaction count): the edited
 * message, as it now reads, with `editOf` naming it; answers go to its thread.
 */
function fromEdit(event: SlackMessageEvent, bot: BotIdentity, answeredIn: (thread: string) => boolean): IncomingMessage | undefined {
  const edited = event.message;
  const editTs = edited?.edited?.ts;
  if (!event.channel || !edited?.ts || !editTs || edited.text === event.previous_message?.text) return undefined;
  const message = fromEvent({ ...edited, type: "message", subtype: undefined, channel: event.channel, channel_type: event.channel_type }, bot, answeredIn);
  if (!message) return undefined;
  return { ...message, id: `${message.id}:edit:${editTs}`, editOf: message.id, sentAt: sentAtOf(editTs), raw: { ...edited, channel: event.channel } };
}

/**
 * A slash command as an IncomingMessage: `/sigle` with text `DAC` becomes `/sigle DAC`.
 * Slash commands carry no timestamp: `sentAt` is when it arrived, the id its trigger.
 */
export function fromCommand(command: SlackCommand, bot: BotIdentity, now = Date.now()): IncomingMessage {
  const name = command.command.startsWith("/") ? command.command : `/${command.command}`;
  const args = plainText(command.text ?? "", bot.userId).text;
  return {
    platform: "slack",
    id: `${command.channel_id}:${command.trigger_id ?? `${command.user_id}-${now}`}`,
    room: command.channel_id,
    thread: undefined,
    author: { id: command.user_id, isBot: false, isSelf: false, isRoomAdmin: undefined },
    text: `${name} ${args}`.trim(),
    isDirect: command.channel_name === "directmessage" || command.channel_id.startsWith("D"),
    mentionsBot: false,
    repliesToBot: false,
    isCommand: true,
    isNotice: false,
    sentAt: now,
    raw: command,
  };
}

/** The channel and timestamp of the message an IncomingMessage came from, when it has one. */
export function messageRef(message: IncomingMessage): { channel: string; ts: string } | undefined {
  const raw = message.raw as SlackMessageEvent | undefined;
  return raw?.channel && raw.ts ? { channel: raw.channel, ts: raw.ts } : undefined;
}

/** The response_url of a slash command, when the message is one. */
export function responseUrlOf(message: IncomingMessage): string | undefined {
  const raw = message.raw as Partial<SlackCommand> | undefined;
  return message.isCommand && typeof raw?.response_url === "string" ? raw.response_url : undefined;
}

/** The fields of a block_actions payload (a button clicked under one of the bot's messages) that we read. */
export interface SlackAction {
  type?: string;
  user?: { id?: string };
  channel?: { id?: string; name?: string };
  message?: { ts?: string; thread_ts?: string };
  actions?: { action_id?: string; value?: string; action_ts?: string }[];
}

/**
 * A choice button clicked under one of the bot's messages, as the number it stands for (« 3 »), in
 * that message's thread; undefined for any other action or a malformed payload.
 * @param choiceAction the action_id of a choice button, with the number as first group.
 */
export function fromAction(payload: SlackAction, choiceAction: RegExp, now = Date.now()): IncomingMessage | undefined {
  const action = payload.actions?.[0];
  const number = action?.action_id ? choiceAction.exec(action.action_id)?.[1] : undefined;
  const channel = payload.channel?.id;
  const user = payload.user?.id;
  if (number === undefined || !channel || !user || !payload.message?.ts) return undefined;
  const isDirect = payload.channel?.name === "directmessage" || channel.startsWith("D");
  const pressed = {
    platform: "slack" as const,
    id: `${channel}:action:${action?.action_ts ?? now}`,
    room: channel,
    // The bot's question sits in the question's thread (in a channel); a direct conversation is one flow.
    thread: payload.message.thread_ts ?? (isDirect ? undefined : payload.message.ts),
    author: { id: user, isBot: false, isSelf: false, isRoomAdmin: undefined },
    isDirect,
    raw: payload,
  };
  return choiceMessage(pressed, number, now);
}

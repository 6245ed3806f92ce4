// Reads a Telegram `message` as an IncomingMessage: who wrote it, where, whether it addresses the
// bot (command at offset 0, @mention, reply to the bot), its thread. Pure. Tells the truth about
// the message and decides nothing: bot/core/bot.ts does.
import { choiceMessage } from "../choice.ts";
import type { IncomingMessage } from "../../core/contract.ts";

/** The bot's own account, from getMe. */
export interface BotIdentity {
  id: number;
  username: string;
}

/** The fields of a Telegram Message that we read; anything may be missing in a malformed update. */
interface TelegramEntity {
  type?: unknown;
  offset?: unknown;
  length?: unknown;
  user?: { id?: unknown };
}
interface TelegramUser {
  id?: unknown;
  is_bot?: unknown;
}
export interface TelegramMessage {
  message_id?: unknown;
  message_thread_id?: unknown;
  is_topic_message?: unknown;
  date?: unknown;
  chat?: { id?: unknown; type?: unknown };
  from?: TelegramUser;
  sender_chat?: { id?: unknown };
  text?: unknown;
  caption?: unknown;
  entities?: unknown;
  caption_entities?: unknown;
  reply_to_message?: { message_id?: unknown; from?: TelegramUser; forum_topic_created?: unknown };
  /** Set on an `edited_message`: when it was edited (seconds since the epoch). */
  edit_date?: unknown;
  photo?: unknown;
  document?: unknown;
  voice?: unknown;
  audio?: unknown;
  video?: unknown;
  video_note?: unknown;
  animation?: unknown;
  sticker?: unknown;
}

/** What a user can send besides text; the bot reads only the caption, if any. */
const ATTACHMENTS = ["photo", "document", "voice", "audio", "video", "video_note", "animation", "sticker"] as const;

/** Where an answer to a message goes. */
export interface ReplyTarget {
  chatId: number;
  messageId: number;
  /** Forum topic, when the message was written in one. */
  topicId?: number | undefined;
}

const isInteger = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value);

/** Answers to a message go to its chat, replying to it, in its forum topic if any. */
export function replyTarget(message: TelegramMessage): ReplyTarget | undefined {
  const chatId = message.chat?.id;
  if (!isInteger(chatId) || !isInteger(message.message_id)) return undefined;
  const topicId = message.is_topic_message === true && isInteger(message.message_thread_id) ? message.message_thread_id : undefined;
  return { chatId, messageId: message.message_id, topicId };
}

/**
 * Translates a Telegram message; undefined for a payload that is not a user message (service
 * messages, malformed updates). A photo, file, voice note or sticker is a message with an
 * attachment and its caption as text; an edited message (`edit_date`) names the message it edits.
 * @param threadOf the conversation a message of the bot belongs to (`chat:message_id` → thread),
 *   so that replying to the bot's answer continues the question's conversation.
 * @param answeredIn whether the bot answered in a reply thread (`chat:message_thread_id`), so that
 *   a message there is a follow-up even when it replies to someone else.
 */
export function toIncomingMessage(
  message: TelegramMessage,
  bot: BotIdentity,
  threadOf: (id: string) => string | undefined = () => undefined,
  answeredIn: (thread: string) => boolean = () => false,
): IncomingMessage | undefined {
  const target = replyTarget(message);
  const from = message.from;
  const hasAttachment = ATTACHMENTS.some((kind) => message[kind] !== undefined && message[kind] !== null);
  const body = typeof message.text === "string" ? message.text : typeof message.caption === "string" ? message.caption : hasAttachment ? "" : undefined;
  if (!target || !from || !isInteger(from.id) || body === undefined || !isInteger(message.date)) return undefined;
  const editedAt = isInteger(message.edit_date) ? message.edit_date : undefined;
  const entityList = Array.isArray(message.entities) ? message.entities : Array.isArray(message.caption_entities) ? message.caption_entities : [];
  const entities = (entityList as TelegramEntity[]).filter(
    (e): e is TelegramEntity & { offset: number; length: number } => isInteger(e?.offset) && isInteger(e.length) && e.offset >= 0 && e.offset + e.length <= body.length,
  );
  const chat = target.chatId;
  const isDirect = message.chat?.type === "private";
  const username = bot.username.toLowerCase();

  // What to cut out of the text: the bot's mentions, and the @botname of a command.
  const cuts: { offset: number; length: number }[] = [];
  let isCommand = false;
  const command = entities.find((e) => e.type === "bot_command" && e.offset === 0);
  if (command) {
    const at = body.slice(0, command.length).indexOf("@");
    isCommand = at < 0 || body.slice(at + 1, command.length).toLowerCase() === username;
    if (at >= 0 && isCommand) cuts.push({ offset: at, length: command.length - at });
  }
  let mentionsBot = false;
  for (const e of entities) {
    const ours =
      (e.type === "mention" && body.slice(e.offset, e.offset + e.length).toLowerCase() === `@${username}`) ||
      (e.type === "text_mention" && e.user?.id === bot.id);
    if (ours) {
      mentionsBot = true;
      cuts.push(e);
    }
  }
  let text = body;
  for (const cut of cuts.sort((a, b) => b.offset - a.offset)) text = text.slice(0, cut.offset) + text.slice(cut.offset + cut.length);
  if (mentionsBot) text = text.replace(/[ \t]{2,}/g, " ").replace(/^[\s,:;]+/, "");
  text = text.trim();

  // In a forum topic every message « replies » to the topic's first message: that is not a reply.
  const reply = message.reply_to_message && message.reply_to_message.forum_topic_created === undefined ? message.reply_to_message : undefined;
  const repliesToBot = reply?.from?.id === bot.id;

  let thread: string | undefined;
  let inBotThread = false;
  if (target.topicId !== undefined) thread = `${chat}:${target.topicId}`;
  else if (!isDirect && isInteger(message.message_thread_id)) {
    // A reply thread of a supergroup (not a forum topic, whose traffic is a room's): the bot's if it answered there.
    thread = `${chat}:${message.message_thread_id}`;
    inBotThread = answeredIn(thread);
  }
  else if (!isDirect && reply && isInteger(reply.message_id)) thread = threadOf(`${chat}:${reply.message_id}`) ?? `${chat}:${reply.message_id}`;

  // An anonymous group administrator writes as the group itself (from = @GroupAnonymousBot).
  const anonymousAdmin = !isDirect && message.sender_chat?.id === chat;
  const id = `${chat}:${target.messageId}`;
  return {
    platform: "telegram",
    id: editedAt === undefined ? id : `${id}:edit:${editedAt}`,
    editOf: editedAt === undefined ? undefined : id,
    hasAttachment,
    room: String(chat),
    thread,
    author: {
      id: String(from.id),
      isBot: from.is_bot === true && !anonymousAdmin,
      isSelf: from.id === bot.id,
      isRoomAdmin: isDirect ? false : anonymousAdmin ? true : undefined,
    },
    text,
    isDirect,
    mentionsBot,
    repliesToBot,
    inBotThread,
    isCommand,
    isNotice: false,
    sentAt: (editedAt ?? message.date) * 1000,
    raw: message,
  };
}

/** The fields of a `callback_query` (an inline button pressed) that we read. */
export interface TelegramCallback {
  id?: unknown;
  from?: TelegramUser;
  /** The bot's message that carries the button. */
  message?: TelegramMessage;
  data?: unknown;
}

/**
 * A choice button pressed under one of the bot's messages, as the number it stands for (« 3 »),
 * in the conversation of that message; undefined for any other button or a malformed update.
 * @param threadOf the conversation a message of the bot belongs to (`chat:message_id` → thread).
 * @param choiceData the callback data of a choice button, with the number as first group.
 */
export function fromButton(callback: TelegramCallback, bot: BotIdentity, threadOf: (id: string) => string | undefined, choiceData: RegExp, now = Date.now()): IncomingMessage | undefined {
  const number = typeof callback.data === "string" ? choiceData.exec(callback.data)?.[1] : undefined;
  const target = callback.message ? replyTarget(callback.message) : undefined;
  const from = callback.from;
  if (number === undefined || !target || typeof callback.id !== "string" || !from || !isInteger(from.id)) return undefined;
  const isDirect = callback.message?.chat?.type === "private";
  const key = `${target.chatId}:${target.messageId}`;
  const threadId = callback.message?.message_thread_id;
  const thread = isDirect ? undefined : (threadOf(key) ?? (isInteger(threadId) ? `${target.chatId}:${threadId}` : undefined));
  const pressed = {
    platform: "telegram" as const,
    id: `${target.chatId}:button:${callback.id}`,
    room: String(target.chatId),
    thread,
    author: { id: String(from.id), isBot: from.is_bot === true, isSelf: from.id === bot.id, isRoomAdmin: undefined },
    isDirect,
    raw: callback.message,
  };
  return choiceMessage(pressed, number, now);
}

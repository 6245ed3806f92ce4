// The narrow contract between the bot engine and each chat platform. An adapter only translates:
// platform events into IncomingMessage, Answer into platform messages. It never decides whether
// or what to answer: bot/core/bot.ts does.
import type { Answer } from "../../knowledge/answer/model.ts";

export type Platform = "matrix" | "slack" | "telegram";

export interface IncomingMessage {
  platform: Platform;
  /** Unique per platform and stable across redeliveries (Matrix event id, Slack `channel:ts`, Telegram `chat:message_id`). */
  id: string;
  /** Room, channel or chat. */
  room: string;
  /** Thread the message belongs to, if any (Matrix thread root, Slack thread_ts, Telegram thread or replied-to message). */
  thread?: string | undefined;
  /**
   * The conversation this message continues, when the platform's thread does not say it: a reply
   * to one of the bot's answers continues the question that answer belongs to (reply chains on
   * Matrix and Tchap, where threads are often disabled). See {@link conversationId}.
   */
  conversation?: string | undefined;
  author: {
    id: string;
    isBot: boolean;
    /** The bot itself. */
    isSelf: boolean;
    /** May change the room's settings (room admin, channel manager, chat administrator), when the platform tells. */
    isRoomAdmin?: boolean | undefined;
  };
  /** Plain text, with the mention of the bot removed. Commands keep their prefix (`/sigle DAC`, `!sigle DAC`); the engine reads it once, in bot/core/context.ts. */
  text: string;
  /** A one-to-one conversation with the bot. */
  isDirect: boolean;
  /** How the message addresses the bot in a group room. */
  mentionsBot: boolean;
  repliesToBot: boolean;
  /** Written in a thread where the bot has answered: a follow-up, even without a mention. */
  inBotThread?: boolean | undefined;
  /** Starts with the platform's command prefix (see `commandPrefix` in context.ts), or is a slash command: addressed even in a group room. */
  isCommand: boolean;
  /** The message carries a photo, a file, a voice note, a sticker… which the bot cannot read; `text` is its caption, if any. */
  hasAttachment?: boolean | undefined;
  /** An edit of an earlier message: that message's id (`id` is then the edit's own). */
  editOf?: string | undefined;
  /** Matrix notices and similar automated messages: never answered. */
  isNotice: boolean;
  /** When the platform says the message was sent (ms since epoch): history older than start-up is not answered. */
  sentAt: number;
  /** The platform payload, as an escape hatch for adapters; the engine never reads it. */
  raw?: unknown;
}

/**
 * The conversation a message belongs to within its room: what it continues, else its thread, else
 * (in a group room) the message itself, which opens a conversation; a direct chat is one conversation.
 * Adapters remember it for their answers, so that a reply to an answer continues it.
 * @example conversationId({ ...message, isDirect: false, thread: undefined, id: "$q" }) // → "$q"
 */
export function conversationId(message: Pick<IncomingMessage, "conversation" | "thread" | "isDirect" | "id">): string {
  return message.conversation ?? message.thread ?? (message.isDirect ? "" : message.id);
}

export interface Adapter {
  readonly platform: Platform;
  /** Connects and starts delivering messages; resolves once connected. */
  start(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void>;
  /** Answers a message, in its thread, split at the platform's limit. */
  reply(message: IncomingMessage, answer: Answer): Promise<void>;
  /** Posts to a room outside any conversation (newsletter relay, editors' room). */
  post?(room: string, answer: Answer): Promise<void>;
  /**
   * Whether the author administers the message's room, when the platform did not say it with the
   * message and it costs a request (Telegram's getChatMember): asked only by a command that needs it.
   */
  isRoomAdmin?(message: IncomingMessage): Promise<boolean>;
  /** Shows that an answer is being prepared (typing indicator or reaction). */
  showTyping?(message: IncomingMessage): Promise<void>;
  /** Stops taking messages; resolves when connections are closed. */
  stop(): Promise<void>;
}

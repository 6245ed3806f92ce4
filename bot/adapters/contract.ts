// The narrow contract between the bot engine and each chat platform. An adapter only translates:
// platform events into IncomingMessage, Answer into platform messages. It never decides whether
// or what to answer: bot/core/bot.ts does.
import type { Answer } from "../core/answer.ts";

export type Platform = "matrix" | "slack" | "telegram";

export interface IncomingMessage {
  platform: Platform;
  /** Unique per platform and stable across redeliveries (Matrix event id, Slack `channel:ts`, Telegram `chat:message_id`). */
  id: string;
  /** Room, channel or chat. */
  room: string;
  /** Thread the message belongs to, if any (Matrix thread root, Slack thread_ts, Telegram thread or replied-to message). */
  thread?: string | undefined;
  author: {
    id: string;
    isBot: boolean;
    /** The bot itself. */
    isSelf: boolean;
    /** May change the room's settings (room admin, channel manager, chat administrator), when the platform tells. */
    isRoomAdmin?: boolean | undefined;
  };
  /** Plain text, with the mention of the bot removed. Commands keep their prefix (`/sigle DAC`, `!sigle DAC`). */
  text: string;
  /** A one-to-one conversation with the bot. */
  isDirect: boolean;
  /** How the message addresses the bot in a group room. */
  mentionsBot: boolean;
  repliesToBot: boolean;
  isCommand: boolean;
  /** Matrix notices and similar automated messages: never answered. */
  isNotice: boolean;
  /** When the platform says the message was sent (ms since epoch): history older than start-up is not answered. */
  sentAt: number;
  /** The platform payload, as an escape hatch for adapters; the engine never reads it. */
  raw?: unknown;
}

export interface Adapter {
  readonly platform: Platform;
  /** Connects and starts delivering messages; resolves once connected. */
  start(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void>;
  /** Answers a message, in its thread, split at the platform's limit. */
  reply(message: IncomingMessage, answer: Answer): Promise<void>;
  /** Posts to a room outside any conversation (newsletter relay, editors' room). */
  post?(room: string, answer: Answer): Promise<void>;
  /** Shows that an answer is being prepared (typing indicator or reaction). */
  showTyping?(message: IncomingMessage): Promise<void>;
  /** Stops taking messages; resolves when connections are closed. */
  stop(): Promise<void>;
}

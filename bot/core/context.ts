// One context per message, built once (as grammY builds one `Context` per update): where the
// message comes from, which conversation it continues, whether it addresses the bot, the platform's
// command prefix, and what it asks for. The engine, the conversation core and the command handlers
// all read this object; nothing else parses a message's intent.
import { conversationId, type IncomingMessage, type Platform } from "./contract.ts";
import { parseIntent, type Intent } from "./intents.ts";

/** Where a message was written: a chat platform, the web page, or the terminal. */
export type Surface = Platform | "web" | "terminal";

/**
 * How commands start on a surface: « ! » on Matrix, where clients keep « / » for themselves; « / » elsewhere.
 * @example commandPrefix("matrix") // → "!"
 */
export function commandPrefix(surface: Surface): "!" | "/" {
  return surface === "matrix" ? "!" : "/";
}

export interface MessageContext {
  surface: Surface;
  /** The conversation the message belongs to (room and thread or reply chain, or the web page's id): follow-ups and numbered choices are understood within it. */
  conversation: string;
  /** A one-to-one conversation (a private chat, the web page, the terminal): help says « conversation », not « salon ». */
  direct: boolean;
  /** The platform's command prefix, shown in help and every hint. */
  prefix: "!" | "/";
  /** What the message is read as: the option a bare number picks (« 3 » → « à Montigny-sur-Canne »), else the text; at most `maxLength` characters. */
  text: string;
  /** The text was longer than `maxLength` and was cut. */
  truncated: boolean;
  /** The number typed (or button pressed) picked one of the options the bot offered. */
  picked: boolean;
  /** What the message asks for, parsed once from `text`. */
  intent: Intent;
  /** The chat message, on a chat platform (room, thread, author, how it addresses the bot). */
  message?: IncomingMessage | undefined;
}

export interface ContextInput {
  surface: Surface;
  conversation: string;
  text: string;
  direct?: boolean | undefined;
  message?: IncomingMessage | undefined;
}

export interface ContextOptions {
  /** Longer messages are cut before they are read (4 000 characters). */
  maxLength: number;
  /** The option a bare number picks in this conversation, if the bot just offered some; used once. */
  pick?: ((conversation: string, text: string) => string | undefined) | undefined;
}

/**
 * Builds a message's context: the one place a message is parsed.
 * @example createContext({ surface: "matrix", conversation: "matrix:!r:$q", text: "!aide" }, { maxLength: 4000 }).intent
 * // → { kind: "command", command: "aide", args: "", typed: true }
 */
export function createContext(input: ContextInput, options: ContextOptions): MessageContext {
  const prefix = commandPrefix(input.surface);
  const picked = options.pick?.(input.conversation, input.text);
  const whole = picked ?? input.text;
  const truncated = whole.length > options.maxLength;
  const text = truncated ? whole.slice(0, options.maxLength) : whole;
  return {
    surface: input.surface,
    conversation: input.conversation,
    direct: input.direct ?? true,
    prefix,
    text,
    truncated,
    picked: picked !== undefined,
    intent: parseIntent(text, prefix),
    message: input.message,
  };
}

/** The conversation key of a chat message: platform, room, and the thread or reply chain it continues. */
export function chatConversation(message: IncomingMessage): string {
  return `${message.platform}:${message.room}:${conversationId(message)}`;
}

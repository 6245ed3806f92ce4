// Which conversation each of the bot's messages belongs to, and which threads it answered in: so
// that a reply to an answer, or a message in a thread where the bot answered, continues the
// question's conversation without a new mention. In memory and bounded: after a restart, people
// mention the bot again.
import { conversationId, type IncomingMessage } from "../core/contract.ts";
import { keepRecent } from "../../knowledge/util/bounded-map.ts";

export interface ConversationMemory {
  /** Remembers that the bot answered `question` with the messages `sentIds`, in the thread `thread` if any. */
  answered(question: IncomingMessage, sentIds: readonly string[], thread?: string | undefined): void;
  /** The conversation a message of the bot belongs to. */
  ofMessage(id: string): string | undefined;
  /** The conversation of a thread the bot answered in. */
  ofThread(thread: string): string | undefined;
}

/** Creates the memory; the oldest entries are forgotten past `max` of each kind. */
export function createConversationMemory(max = 10_000): ConversationMemory {
  const messages = new Map<string, string>();
  const threads = new Map<string, string>();
  return {
    answered(question, sentIds, thread) {
      const conversation = conversationId(question);
      for (const id of sentIds) keepRecent(messages, id, conversation, max);
      if (thread !== undefined) keepRecent(threads, thread, conversation, max);
    },
    ofMessage: (id) => messages.get(id),
    ofThread: (thread) => threads.get(thread),
  };
}

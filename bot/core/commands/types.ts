// What a command handler is given. Conversation commands answer from the base alone (the same on a
// chat, the web page and the terminal); room commands need a chat room and the engine's state.
import type { Orienteur } from "../../../knowledge/orienteur.ts";
import type { Place } from "../../../knowledge/places/place-index.ts";
import type { Answer } from "../../../knowledge/answer/model.ts";
import type { IncomingMessage } from "../contract.ts";
import type { MessageContext } from "../context.ts";
import type { FeedbackRepository } from "../../feedback/repository.ts";
import type { Logger } from "../logger.ts";
import type { BotState, Subscriptions } from "../state.ts";

/** A conversation command: the base in, an answer out, synchronously. */
export type ConversationHandler = (context: MessageContext, args: string, orienteur: Orienteur) => Answer;

/** A chat message's context: the message is there. */
export type ChatContext = MessageContext & { message: IncomingMessage };

/** What the engine lends a room command. */
export interface RoomEnvironment {
  orienteur: Orienteur;
  state: BotState;
  feedback: FeedbackRepository;
  logger: Logger;
  subscriptions?: Subscriptions | undefined;
  notifyEditors?: ((answer: Answer) => Promise<void>) | undefined;
  /** Users who may change any room's settings, as `platform:userId`. */
  editors: readonly string[];
  now(): number;
  /** The room's default place, if one was chosen. */
  roomPlace(): Place | undefined;
  /** Whether the author administers the room: what the platform said with the message, else asked of it (only when a command needs it). */
  isRoomAdmin(): Promise<boolean>;
}

/** A room command: may wait on the store, the platform or the mail. */
export type RoomHandler = (context: ChatContext, args: string, env: RoomEnvironment) => Answer | Promise<Answer>;

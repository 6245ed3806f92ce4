// Each command's handler, by name. The engine (bot.ts) routes a room command here; the conversation
// core (conversation.ts) routes the others. « orienter » is the conversation itself.
import type { CommandName } from "./catalog.ts";
import { abonner } from "./abonner.ts";
import { agenda } from "./agenda.ts";
import { aide } from "./aide.ts";
import { sigle } from "./sigle.ts";
import { sigles } from "./sigles.ts";
import { signaler } from "./signaler.ts";
import { territoire } from "./territoire.ts";
import type { ConversationHandler, RoomHandler } from "./types.ts";

/** Commands answered from the base alone, everywhere. */
export const conversationHandlers: Partial<Record<CommandName, ConversationHandler>> = { aide, sigle, sigles };

/** Commands that need a chat room. */
export const roomHandlers: Partial<Record<CommandName, RoomHandler>> = { territoire, agenda, abonner, signaler };

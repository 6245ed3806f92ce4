// A choice button pressed (Slack actions, Telegram inline keyboard) is read as the number the user
// could have typed, answering the bot's message it sits under: one shape for every platform.
import type { IncomingMessage } from "../core/contract.ts";

/** Where the button was pressed and by whom, as the platform tells it. */
export type PressedButton = Pick<IncomingMessage, "platform" | "id" | "room" | "thread" | "author" | "isDirect" | "raw">;

/**
 * The press as an IncomingMessage whose text is the option's number (« 3 »): it replies to the bot,
 * so it is addressed in a group room too; the engine maps the number to the option it offered.
 */
export function choiceMessage(pressed: PressedButton, number: string, now: number): IncomingMessage {
  return { ...pressed, text: number, mentionsBot: false, repliesToBot: true, isCommand: false, isNotice: false, sentAt: now };
}

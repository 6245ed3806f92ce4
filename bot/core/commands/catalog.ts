// The one list of the bot's commands: the names and aliases the intent reader accepts, the help
// lines, Telegram's « / » menu and the Slack manifest's slash commands all come from it (a test
// checks the manifest). Adding a command: one entry here, its texts (texts.ts `commands`), and its
// handler (a file of this folder, listed in handlers.ts).
import { texts } from "../texts.ts";

/** Where a command is answered: by the conversation core (also on the web page and in the terminal), or only in a chat room. */
export type CommandScope = "conversation" | "room";

export const COMMANDS = [
  { name: "orienter", aliases: ["orienteur", "o"], scope: "conversation" },
  { name: "sigle", aliases: [], scope: "conversation" },
  { name: "sigles", aliases: [], scope: "conversation" },
  { name: "territoire", aliases: ["lieu"], scope: "room" },
  { name: "agenda", aliases: [], scope: "room" },
  { name: "abonner", aliases: ["abonnement"], scope: "room" },
  // Only with a prefix: « signaler une maltraitance à Nevers » is a question, not a report.
  { name: "signaler", aliases: ["signalement"], scope: "room" },
  { name: "aide", aliases: ["help", "start"], scope: "conversation" },
] as const satisfies readonly { name: string; aliases: readonly string[]; scope: CommandScope }[];

export type CommandName = (typeof COMMANDS)[number]["name"];

const BY_NAME = new Map<string, CommandName>(COMMANDS.flatMap((c) => [[c.name, c.name] as const, ...c.aliases.map((a) => [a, c.name] as const)]));

/** The command a typed name (folded, without prefix) stands for, aliases included. */
export function commandNamed(name: string): CommandName | undefined {
  return BY_NAME.get(name);
}

/** Whether a command is answered by the conversation core or needs a chat room. */
export function commandScope(name: CommandName): CommandScope {
  return COMMANDS.find((c) => c.name === name)!.scope;
}

/**
 * The help lines, one per command, with the platform's prefix; `direct` says « conversation » rather than « salon ».
 * @example helpLines("!")[0] // → "!orienter <besoin> [à <commune>] : chercher un service"
 */
export function helpLines(prefix: string, direct = false): string[] {
  return COMMANDS.map(({ name }) => {
    const { usage, help } = texts.commands[name];
    return `${prefix}${name}${usage ? ` ${usage}` : ""} : ${help(direct)}`;
  });
}

/** Telegram's « / » menu (setMyCommands): every command, help first, with a short description. */
export function telegramMenu(): { command: string; description: string }[] {
  const ordered = [...COMMANDS.filter((c) => c.name === "aide"), ...COMMANDS.filter((c) => c.name !== "aide")];
  return ordered.map(({ name }) => ({ command: name, description: texts.commands[name].menu }));
}

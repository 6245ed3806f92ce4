// What a message asks for: a command (typed with a prefix, or a natural question such as « c'est
// quoi un DAC ? »), more results, or politeness. Read once per message, by bot/core/context.ts.
import { foldText } from "../../knowledge/text/normalize.ts";
import { isOnlyPoliteness } from "../../knowledge/understand/politeness.ts";
import { commandNamed, type CommandName } from "./commands/catalog.ts";

export type Intent =
  /** A command; a free question is the command « orienter », « c'est quoi un DAC ? » the command « sigle ». `typed`: written with a prefix. */
  | { kind: "command"; command: CommandName; args: string; typed: boolean }
  | { kind: "unknown-command"; name: string }
  /** « plus », « encore », « la suite »: the next services of the previous answer; « plus pour aide alimentaire »: of that need's group. */
  | { kind: "more"; need?: string }
  | { kind: "politeness"; thanks: boolean };

/** « c'est quoi un DAC ? », « que veut dire CPOM », « DAC ? », « définition de GCSMS ». */
const SIGLE_QUESTION =
  /^(?:(?:c['’ ]?est quoi|c['’ ]?est koi|qu['’ ]?est[- ]ce que c['’ ]?est|que (?:veut dire|signifie)|ca veut dire quoi|(?:la )?signification (?:de |du |d['’ ])?|(?:la )?definition (?:de |du |d['’ ])?|kesako|kezako)\s+(?:un |une |le |la |les |l['’ ]|des |d['’ ])?)([\p{L}\p{N}.&'’-]{2,15})\s*(?:\?|\s)*$/iu;
const SIGLE_ALONE = /^\s*([A-Z][A-Z0-9.&-]{1,12})\s*\?+\s*$/u;
const ENDS_WITH_QUESTION_WORD = /^\s*([\p{L}\p{N}.&'’-]{2,15})\s*(?:c['’ ]?est quoi|ca veut dire quoi)\s*\??\s*$/iu;
/** « plus », « plus de résultats », « encore », « la suite », « autres services », « suivants ». */
const MORE = /^\s*(?:(?:voir |afficher )?(?:plus|encore|la suite|suite|suivants?|d['’ ]?autres|les autres|autres)(?: de (?:resultats|services))?(?: services| resultats)?\s*[.!?]*\s*$)/iu;
/** « plus pour aide alimentaire », « voir les autres services pour logement »: the next services of one need, when an answer grouped them per need. */
const MORE_FOR = /^\s*(?:voir |afficher )?(?:plus|encore|la suite|suite|suivants?|les autres|autres)(?: de (?:resultats|services))?(?: services| resultats)? pour (?:le besoin )?(?:«\s*)?(\S[^«»]*?)(?:\s*»)?\s*[.!?]*\s*$/iu;

/**
 * Reads a message. `prefix` is the platform's command prefix (`/` or `!`); both are accepted.
 * @example parseIntent("!sigle DAC", "!") // → { kind: "command", command: "sigle", args: "DAC", typed: true }
 */
export function parseIntent(message: string, prefix = "/"): Intent {
  const trimmed = message.trim();
  const commandMatch = /^([!/])([\p{L}]+)(?:@\S+)?(?:\s+([\s\S]*))?$/u.exec(trimmed);
  if (commandMatch && (commandMatch[1] === prefix || commandMatch[1] === "/" || commandMatch[1] === "!")) {
    const command = commandNamed(foldText(commandMatch[2]!));
    if (!command) return { kind: "unknown-command", name: commandMatch[2]! };
    return { kind: "command", command, args: (commandMatch[3] ?? "").trim(), typed: true };
  }
  const folded = trimmed.normalize("NFD").replace(/\p{M}+/gu, "");
  const sigle = SIGLE_QUESTION.exec(folded)?.[1] ?? SIGLE_ALONE.exec(trimmed)?.[1] ?? ENDS_WITH_QUESTION_WORD.exec(folded)?.[1];
  if (sigle) return { kind: "command", command: "sigle", args: originalSpelling(trimmed, sigle), typed: false };
  if (MORE.test(folded)) return { kind: "more" };
  const moreFor = MORE_FOR.exec(folded)?.[1];
  if (moreFor) return { kind: "more", need: moreFor };
  // « merci, bonne journée » asks nothing: answering the previous question again would be noise.
  if (isOnlyPoliteness(trimmed)) return { kind: "politeness", thanks: /merci|thanks|thx/.test(folded.toLowerCase()) };
  return { kind: "command", command: "orienter", args: trimmed, typed: false };
}

/** The word as the user typed it (with accents), found back in the message. */
function originalSpelling(message: string, foldedWord: string): string {
  const index = message.normalize("NFD").replace(/\p{M}+/gu, "").indexOf(foldedWord);
  return index >= 0 ? message.slice(index, index + foldedWord.length) : foldedWord;
}

// What a message asks for: a command, a sigle, or an orientation question.
import { foldText } from "../../knowledge/text/normalize.ts";
import { isOnlyPoliteness } from "../../knowledge/understand/politeness.ts";

export type Intent =
  | { kind: "aide" }
  | { kind: "orienter"; question: string }
  | { kind: "sigle"; sigle: string }
  | { kind: "sigles"; text: string }
  | { kind: "territoire"; lieu: string }
  | { kind: "agenda" }
  | { kind: "abonner"; email: string }
  | { kind: "signaler"; text: string }
  | { kind: "commande-inconnue"; name: string }
  | { kind: "politesse"; merci: boolean };

const COMMANDS: Record<string, Intent["kind"]> = {
  aide: "aide",
  help: "aide",
  start: "aide",
  orienter: "orienter",
  orienteur: "orienter",
  o: "orienter",
  sigle: "sigle",
  sigles: "sigles",
  territoire: "territoire",
  lieu: "territoire",
  agenda: "agenda",
  abonner: "abonner",
  abonnement: "abonner",
  // Only with a prefix: « signaler une maltraitance à Nevers » is a question, not a report.
  signaler: "signaler",
  signalement: "signaler",
};

/** « c'est quoi un DAC ? », « que veut dire CPOM », « DAC ? », « définition de GCSMS ». */
const SIGLE_QUESTION =
  /^(?:(?:c['’ ]?est quoi|c['’ ]?est koi|qu['’ ]?est[- ]ce que c['’ ]?est|que (?:veut dire|signifie)|ca veut dire quoi|(?:la )?signification (?:de |du |d['’ ])?|(?:la )?definition (?:de |du |d['’ ])?|kesako|kezako)\s+(?:un |une |le |la |les |l['’ ]|des |d['’ ])?)([\p{L}\p{N}.&'’-]{2,15})\s*(?:\?|\s)*$/iu;
const SIGLE_ALONE = /^\s*([A-Z][A-Z0-9.&-]{1,12})\s*\?+\s*$/u;
const ENDS_WITH_QUESTION_WORD = /^\s*([\p{L}\p{N}.&'’-]{2,15})\s*(?:c['’ ]?est quoi|ca veut dire quoi)\s*\??\s*$/iu;

/**
 * Reads a message. `prefix` is the platform's command prefix (`/` or `!`).
 * @example parseIntent("!sigle DAC", "!") // → { kind: "sigle", sigle: "DAC" }
 */
export function parseIntent(message: string, prefix = "/"): Intent {
  const trimmed = message.trim();
  const commandMatch = /^([!/])([\p{L}]+)(?:@\S+)?(?:\s+([\s\S]*))?$/u.exec(trimmed);
  if (commandMatch && (commandMatch[1] === prefix || commandMatch[1] === "/" || commandMatch[1] === "!")) {
    const name = foldText(commandMatch[2]!);
    const rest = (commandMatch[3] ?? "").trim();
    const kind = COMMANDS[name];
    switch (kind) {
      case "aide":
        return { kind: "aide" };
      case "orienter":
        return { kind: "orienter", question: rest };
      case "sigle":
        return { kind: "sigle", sigle: rest };
      case "sigles":
        return { kind: "sigles", text: rest };
      case "territoire":
        return { kind: "territoire", lieu: rest };
      case "agenda":
        return { kind: "agenda" };
      case "abonner":
        return { kind: "abonner", email: rest };
      case "signaler":
        return { kind: "signaler", text: rest };
      default:
        return { kind: "commande-inconnue", name: commandMatch[2]! };
    }
  }
  const folded = trimmed.normalize("NFD").replace(/\p{M}+/gu, "");
  const sigle = SIGLE_QUESTION.exec(folded)?.[1] ?? SIGLE_ALONE.exec(trimmed)?.[1] ?? ENDS_WITH_QUESTION_WORD.exec(folded)?.[1];
  if (sigle) return { kind: "sigle", sigle: originalSpelling(trimmed, sigle) };
  // « merci, bonne journée » asks nothing: answering the previous question again would be noise.
  if (isOnlyPoliteness(trimmed)) return { kind: "politesse", merci: /merci|thanks|thx/.test(folded.toLowerCase()) };
  return { kind: "orienter", question: trimmed };
}

/** The word as the user typed it (with accents), found back in the message. */
function originalSpelling(message: string, foldedWord: string): string {
  const index = message.normalize("NFD").replace(/\p{M}+/gu, "").indexOf(foldedWord);
  return index >= 0 ? message.slice(index, index + foldedWord.length) : foldedWord;
}

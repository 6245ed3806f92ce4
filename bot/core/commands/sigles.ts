// « sigles <texte> »: every sigle of a pasted text, and the unknown ones.
import { siglesAnswer } from "../build-answers.ts";
import type { ConversationHandler } from "./types.ts";

export const sigles: ConversationHandler = (_context, args, orienteur) => siglesAnswer(orienteur.glossary.findInText(args), orienteur, args);

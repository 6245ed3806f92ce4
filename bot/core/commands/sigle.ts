// « sigle DAC », or « c'est quoi un DAC ? »: the sigle's meanings, most likely first.
import { sigleAnswer } from "../build-answers.ts";
import type { ConversationHandler } from "./types.ts";

export const sigle: ConversationHandler = (_context, args, orienteur) => sigleAnswer(args, orienteur.glossary.lookup(args), orienteur);

// « aide »: what the bot does, its commands with the surface's prefix, and a warning when the base is fictional.
import { helpAnswer } from "../build-answers.ts";
import type { ConversationHandler } from "./types.ts";

export const aide: ConversationHandler = (context, _args, orienteur) =>
  helpAnswer(context.prefix, { direct: context.direct, fictional: orienteur.base.info.fictif });

// « abonner <e-mail> »: asks the newsletter for a confirmation e-mail (double opt-in).
import { plainAnswer } from "../build-answers.ts";
import { texts } from "../texts.ts";
import type { RoomHandler } from "./types.ts";

export const abonner: RoomHandler = async (context, args, env) => {
  if (!env.subscriptions) return plainAnswer(texts.subscribeUnavailable);
  if (args === "") return plainAnswer(texts.subscribeUsage(context.prefix));
  const outcome = await env.subscriptions.request(args, {}, context.message.platform);
  return plainAnswer(outcome.message);
};

// Memory of the conversation core under a stream of new, long conversation ids (a hostile web
// client sending a fresh 60 KB `conversation` with each question), in a fresh process. Prints one
// `CONVERSATIONS_RESULT {json}`.
//
//   node --expose-gc --import tsx bench/conversations-child.ts <base-dir> [count]
import { loadKnowledge } from "../knowledge/load/load-knowledge.ts";
import { createOrienteur } from "../knowledge/orienteur.ts";
import { createConversation } from "../bot/core/conversation.ts";
import { memoryNow } from "./measure.ts";

export const CONVERSATIONS_PREFIX = "CONVERSATIONS_RESULT ";

const [dir, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 10_000);
const orienteur = createOrienteur(await loadKnowledge(dir!));
const conversation = createConversation(orienteur);
conversation.handle({ conversation: "warm-up", text: "portage de repas à Clamecy" });
const before = await memoryNow();
const padding = "x".repeat(60_000);
for (let i = 0; i < count; i++) {
  // A new string each time, as a request body parsed afresh would give.
  conversation.handle({ conversation: `web:${i}:${padding}`.slice(0), text: i % 2 ? "portage de repas à Clamecy" : "aide à domicile à Decize, tél 06 12 34 56 78" });
}
const after = await memoryNow();
const held = conversation.memory?.() ?? { contexts: -1, reminders: -1, keyChars: -1 };
process.stdout.write(`${CONVERSATIONS_PREFIX}${JSON.stringify({ count, beforeMb: before.rssMb, afterMb: after.rssMb, held })}\n`);

// `orienteur chat`: the conversation core in a terminal, follow-ups included (« et à Decize ? »).
import { createInterface } from "node:readline/promises";
import { createConversation } from "../../core/conversation.ts";
import { renderText } from "../../render/text.ts";
import type { CliIo } from "../main.ts";
import { openOrienteur, type CommandOptions } from "./options.ts";

export async function runChat(options: CommandOptions, io: CliIo): Promise<number> {
  const orienteur = await openOrienteur(options);
  const conversation = createConversation(orienteur, { commandPrefix: "/" });
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  io.out(`Orienteur — ${orienteur.base.info.nom}\nDécrivez un besoin et une commune. /aide pour l'aide, « quitter » ou Ctrl-D pour sortir.\n`);
  try {
    for (;;) {
      let line: string;
      try {
        line = await rl.question("> ");
      } catch {
        break;
      }
      if (/^\s*(quitter|exit|quit)\s*$/i.test(line)) break;
      const reply = conversation.handle({ conversation: "terminal", text: line, defaultPlace: options.lieu });
      io.out(`\n${renderText(reply.answer)}\n`);
    }
  } finally {
    rl.close();
  }
  return 0;
}

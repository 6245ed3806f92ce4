// `orienteur chat`: the conversation core in a terminal, follow-ups included (« et à Decize ? »).
// Works typed by hand and piped (every line answered in order, end of input exits cleanly).
import { createInterface } from "node:readline";
import { createConversation } from "../../core/conversation.ts";
import { renderText } from "../../render/text.ts";
import type { CliIo } from "../main.ts";
import { openOrienteur, type CommandOptions } from "./options.ts";

export async function runChat(options: CommandOptions, io: CliIo): Promise<number> {
  const orienteur = await openOrienteur(options);
  const conversation = createConversation(orienteur);
  const interactive = Boolean(process.stdin.isTTY);
  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  rl.setPrompt("> ");
  io.out(`Orienteur — ${orienteur.base.info.nom}\nDécrivez un besoin et une commune. /aide pour l'aide, « quitter » ou Ctrl-D pour sortir.\n`);
  if (interactive) rl.prompt();
  for await (const line of rl) {
    if (/^\s*(quitter|exit|quit)\s*$/i.test(line)) break;
    if (line.trim() !== "") {
      const reply = conversation.handle({ conversation: "terminal", text: line, defaultPlace: options.lieu });
      io.out(`\n${renderText(reply.answer)}\n`);
    }
    if (interactive) rl.prompt();
  }
  rl.close();
  return 0;
}

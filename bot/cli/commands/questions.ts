// `orienteur ask`: one question in, one answer out (text or stable JSON), through the conversation core.
import { createConversation } from "../../core/conversation.ts";
import { renderText } from "../../render/text.ts";
import { orientationToJson, siglesToJson } from "../../core/json.ts";
import type { CliIo } from "../main.ts";
import { openOrienteur, type CommandOptions } from "./options.ts";

export async function runAsk(question: string, options: CommandOptions, io: CliIo): Promise<number> {
  if (question.trim() === "") {
    io.err('Posez une question entre guillemets, par exemple : orienteur ask "portage de repas à Clamecy"');
    return 2;
  }
  const orienteur = await openOrienteur(options);
  if (options.lieu !== undefined && !orienteur.places.resolve(options.lieu)) {
    io.err(`Lieu introuvable : « ${options.lieu} ». Donnez un nom de commune, un code postal, un code INSEE ou un nom d'EPCI.`);
    return 2;
  }
  // The same conversation core as the chats and the web page: « c'est quoi un DAC ? » is explained,
  // « merci » is thanked, whatever the entry point.
  const reply = createConversation(orienteur).handle({ conversation: "cli", text: question, defaultPlace: options.lieu });
  if (!options.json) io.out(renderText(reply.answer));
  else if (reply.orientation) io.out(JSON.stringify(orientationToJson(reply.orientation), null, 2));
  else if (reply.kind === "sigle" || reply.kind === "sigles") io.out(JSON.stringify(siglesToJson(orienteur.glossary.findInText(question)), null, 2));
  else io.out(JSON.stringify({ type: reply.kind, texte: renderText(reply.answer) }, null, 2));
  return 0;
}

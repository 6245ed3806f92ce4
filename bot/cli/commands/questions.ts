// `orienteur ask`, `sigle` and `sigles`: one question in, one answer out (text or stable JSON).
import { sigleAnswer, siglesAnswer } from "../../core/build-answers.ts";
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

export async function runSigle(sigle: string, options: CommandOptions, io: CliIo): Promise<number> {
  if (sigle.trim() === "") {
    io.err("Indiquez un sigle, par exemple : orienteur sigle DAC");
    return 2;
  }
  const orienteur = await openOrienteur(options);
  const info = orienteur.glossary.lookup(sigle);
  if (options.json) {
    io.out(JSON.stringify(siglesToJson({ trouves: info ? [info] : [], inconnus: info ? [] : [sigle.trim()] }, info ? [] : orienteur.glossary.suggest(sigle)), null, 2));
  } else io.out(renderText(sigleAnswer(sigle, info, orienteur)));
  return info ? 0 : 1;
}

export async function runSigles(typed: string, options: CommandOptions, io: CliIo): Promise<number> {
  // `pdftotext note.pdf - | orienteur sigles`: with no text given, the text piped in is read.
  const text = typed.trim() === "" ? ((await io.input?.()) ?? "") : typed;
  if (text.trim() === "") {
    io.err('Collez un texte entre guillemets, par exemple : orienteur sigles "Le DAC travaille avec le SSIAD."');
    return 2;
  }
  const orienteur = await openOrienteur(options);
  const found = orienteur.glossary.findInText(text);
  io.out(options.json ? JSON.stringify(siglesToJson(found), null, 2) : renderText(siglesAnswer(found, orienteur, text)));
  return 0;
}

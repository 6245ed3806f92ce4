// `orienteur sigle` and `sigles`: explain one sigle, or every sigle of a text (text or stable JSON),
// from the base's glossary alone.
import type { Orienteur } from "../../../knowledge/orienteur.ts";
import { createBaseGlossary } from "../../../knowledge/sigles/base-glossary.ts";
import { sigleAnswer, siglesAnswer } from "../../core/build-answers.ts";
import { siglesToJson } from "../../core/json.ts";
import { renderText } from "../../render/text.ts";
import type { CliIo } from "../main.ts";
import { openBase, type CommandOptions } from "./options.ts";

export async function runSigle(sigle: string, options: CommandOptions, io: CliIo): Promise<number> {
  if (sigle.trim() === "") {
    io.err("Indiquez un sigle, par exemple : orienteur sigle DAC");
    return 2;
  }
  const orienteur = await openGlossary(options);
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
  const orienteur = await openGlossary(options);
  const found = orienteur.glossary.findInText(text);
  io.out(options.json ? JSON.stringify(siglesToJson(found), null, 2) : renderText(siglesAnswer(found, orienteur, text)));
  return 0;
}

/**
 * What explaining sigles needs of the engine: the glossary and the services' names. Built from the
 * base alone: neither the map of France nor the services index is loaded (about a second saved).
 */
async function openGlossary(options: CommandOptions): Promise<Orienteur> {
  const base = await openBase(options);
  const services = new Map(base.services.map((service) => [service.id, service]));
  const view: Pick<Orienteur, "glossary" | "service"> = { glossary: createBaseGlossary(base), service: (id) => services.get(id) };
  // sigleAnswer and siglesAnswer take an Orienteur but read only these two members.
  return view as Orienteur;
}

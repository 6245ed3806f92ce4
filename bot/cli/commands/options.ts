// What every command shares: which base to load, and how to load it with readable errors.
import { fileURLToPath } from "node:url";
import { loadKnowledge } from "../../../knowledge/load/load-knowledge.ts";
import { createOrienteur, type Orienteur } from "../../../knowledge/orienteur.ts";

export interface CommandOptions {
  kb?: string | undefined;
  lieu?: string | undefined;
  json?: boolean | undefined;
  port?: string | undefined;
  host?: string | undefined;
  out?: string | undefined;
  dryRun?: boolean | undefined;
  test?: string | undefined;
  structures?: string | undefined;
  date?: string | undefined;
}

/** The demo base shipped with Orienteur. */
export const DEMO_KB = fileURLToPath(new URL("../../../knowledge/demo-nievre", import.meta.url));

/** `--kb`, then `ORIENTEUR_KB`, then the demo base. */
export function knowledgeDir(options: CommandOptions): string {
  return options.kb ?? process.env.ORIENTEUR_KB ?? DEMO_KB;
}

/** Loads and indexes the base; throws a French error listing every problem when it is invalid. */
export async function openOrienteur(options: CommandOptions): Promise<Orienteur> {
  return createOrienteur(await loadKnowledge(knowledgeDir(options)));
}

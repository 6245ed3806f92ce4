// What every command shares: which base to load, and how to load it with readable errors. The
// configuration's checking is not imported here (configOf is in command-config.ts): `sigle` does without it.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { KnowledgeBase } from "../../../knowledge/base.ts";
import { loadKnowledgeCached } from "../../../knowledge/load/base-cache.ts";
import type { Orienteur } from "../../../knowledge/orienteur.ts";
import type { Config } from "../../server/config.ts";

export interface CommandOptions {
  /** The configuration, read once by the CLI's entry (bot/cli/main.ts) from the environment. */
  config?: Config | undefined;
  /** What could not be used in it, in French; printed by the commands that use those settings. */
  configProblems?: readonly string[] | undefined;
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
  tous?: boolean | undefined;
  note?: string | undefined;
  depuis?: string | undefined;
}

/** The demo base shipped with Orienteur (its real folder, also when this runs from dist/, where it is linked). */
const DEMO_KB = realpathSync(fileURLToPath(new URL("../../../knowledge/demo-nievre", import.meta.url)));

/** `--kb`, then `ORIENTEUR_KB` (the configuration's `kb`), then the demo base. */
export function knowledgeDir(options: CommandOptions): string {
  return options.kb ?? options.config?.kb ?? DEMO_KB;
}

/**
 * Loads the base (from the cache when unchanged since the last command); throws a French error
 * listing every problem when it is invalid.
 */
export async function openBase(options: CommandOptions): Promise<KnowledgeBase> {
  return loadKnowledgeCached(knowledgeDir(options));
}

/** Loads and indexes the base; throws a French error listing every problem when it is invalid. */
export async function openOrienteur(options: CommandOptions): Promise<Orienteur> {
  // Imported here, not above: the sigle commands share this module and need none of the engine.
  const { createOrienteur } = await import("../../../knowledge/orienteur.ts");
  return createOrienteur(await openBase(options));
}

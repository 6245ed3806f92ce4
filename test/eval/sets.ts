// The labelled sets: `demo*/` run on the demo base (two labellers wrote a set each, blind to each
// other and to the engine); any other folder `<name>/` runs on the test base test/fixtures/<name>/
// (another département, with fictional services on real communes).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface EvalSet {
  folder: string;
  base: string;
}

const here = fileURLToPath(new URL(".", import.meta.url));

export const EVAL_SETS: readonly EvalSet[] = readdirSync(here, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(here, entry.name, "questions.yaml")))
  .map((entry) => ({
    folder: entry.name,
    base: entry.name.startsWith("demo") ? fileURLToPath(new URL("../../knowledge/demo-nievre", import.meta.url)) : fileURLToPath(new URL(`../fixtures/${entry.name}`, import.meta.url)),
  }));

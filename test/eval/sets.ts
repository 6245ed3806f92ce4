// The labelled sets: `demo/` runs on the demo base; any other folder `<name>/` runs on the test
// base test/fixtures/<name>/ (a second département, with fictional services on real communes).
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
    base: entry.name === "demo" ? fileURLToPath(new URL("../../knowledge/demo-nievre", import.meta.url)) : fileURLToPath(new URL(`../fixtures/${entry.name}`, import.meta.url)),
  }));

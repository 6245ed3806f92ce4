// Where Orienteur keeps what it computes once and reads back at every start (the compiled
// lexicon, loaded bases): node_modules/.cache/orienteur, beside the packages as build tools do
// (removed with them, never committed), then the system's temporary folder for read-only installs.
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folders to try, in order: the first that can be written is used, each is read. */
export function cacheFolders(): string[] {
  const folders = [join(tmpdir(), "orienteur-cache")];
  // Up from this module (in the sources or in dist/) to the node_modules that serves it.
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) {
      folders.unshift(join(dir, "node_modules", ".cache", "orienteur"));
      break;
    }
  }
  return folders;
}

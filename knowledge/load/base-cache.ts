// A loaded base kept on disk between two runs of a command, so that `orienteur sigle DAC` or
// `orienteur ask` do not parse and validate every YAML file again (over half a second on the demo
// base). Keyed by the content of the base's files and by the code and data that decide how they
// are read: any edit, to the base or to the loader, schemas or lexicon, makes a fresh load.
// Only valid bases are kept: an invalid one is loaded, and refused, every time.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import type { KnowledgeBase } from "../base.ts";
import { filesUnder, readCacheFile, statStamp, writeCacheFile } from "./cache-files.ts";

/** Bumped when what is stored changes shape. */
const FORMAT = 1;
/** Folders whose files decide what a base loads to (schemas, loader, the lexicon it checks against). */
const READERS = ["../schema", ".", "../lexique"].map((path) => fileURLToPath(new URL(path, import.meta.url)));

interface Stored {
  key: string;
  base: KnowledgeBase;
}

/**
 * `loadKnowledge`, read from the cache when the base and its readers have not changed since.
 * Throws the same errors as `loadKnowledge` for an invalid base.
 * @example
 * const base = await loadKnowledgeCached("knowledge/demo-nievre"); // ~20 ms the second time
 */
export async function loadKnowledgeCached(dir: string): Promise<KnowledgeBase> {
  const root = resolve(dir);
  const key = cacheKey(root);
  // One file per base and per copy of the code (sources, dist/), whose keys differ.
  const name = `base-${createHash("sha256").update(root).update(import.meta.url).digest("hex").slice(0, 16)}.v8`;
  const stored = readCacheFile(name, (bytes) => {
    const read = deserialize(bytes) as Stored;
    return read.key === key ? read.base : undefined;
  });
  if (stored) return stored;
  // Imported on a miss only: the YAML readers and the schemas take longer to load than the cache.
  const { loadKnowledge } = await import("./load-knowledge.ts");
  const base = await loadKnowledge(root);
  // The 32 bases loaded last are kept: tests load many copies of a base, each once.
  writeCacheFile(name, serialize({ key, base } satisfies Stored), { prefix: "base-", count: 32 });
  return base;
}

/** The content of every YAML file of the base, and the size and date of every file of its readers. */
function cacheKey(root: string): string {
  const hash = createHash("sha256").update(`${FORMAT}\n${process.version}\n`);
  // What the loader reads: YAML files, outside hidden folders (an editors' base may carry its .git).
  const yaml = filesUnder(root).filter((path) => /\.ya?ml$/.test(path) && !path.slice(root.length).includes("/."));
  for (const path of yaml) hash.update(`${path.slice(root.length)}\n`).update(readFileSync(path));
  // The communes a base is checked against come with this package: an update may drop some.
  const geography = createRequire(import.meta.url).resolve("@etalab/decoupage-administratif/package.json");
  hash.update(statStamp([...READERS, geography]));
  return hash.digest("hex");
}

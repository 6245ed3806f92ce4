// A store of compiled indexes (knowledge/understand/compiled-store.ts) in the cache folders: one
// JSON file per compiled table, named by a hash of its inputs and of the code and data that
// compile it. Indexing the built-in lexicon and a base's needs (thousands of phrases) is then
// read back at every start after the first, instead of computed again.
import { createHash } from "node:crypto";
import type { CompiledStore } from "../understand/compiled-store.ts";
import { readCacheFile, writeCacheFile } from "./cache-files.ts";

/** Bumped when the files change shape. */
const FORMAT = 1;
/** Files kept per family (as many as loaded bases, base-cache.ts): every base met (tests make many) has its own tables. */
const KEPT = 32;

interface Stored {
  key: string;
  value: unknown;
}

/**
 * A store whose files are keyed by `stamp` (what the compiling code and data are) and each value's inputs.
 * @example
 * attachCompiledStore(keys, createCompiledCache(readersStamp));
 */
export function createCompiledCache(stamp: string): CompiledStore {
  const keyOf = (family: string, inputs: unknown) => createHash("sha256").update(`${FORMAT}\n${stamp}\n${family}\n`).update(JSON.stringify(inputs)).digest("hex");
  // Two tables whose names share 20 hexadecimal digits are told apart by the whole key.
  const nameOf = (family: string, key: string) => `${family}-${key.slice(0, 20)}.json`;
  const store: CompiledStore = {
    read<T>(family: string, inputs: unknown): T | undefined {
      const key = keyOf(family, inputs);
      return readCacheFile(nameOf(family, key), (bytes) => {
        const read = JSON.parse(bytes.toString("utf8")) as Stored;
        return read.key === key ? (read.value as T) : undefined;
      });
    },
    keep(family: string, inputs: unknown, value: unknown): void {
      const key = keyOf(family, inputs);
      writeCacheFile(nameOf(family, key), JSON.stringify({ key, value } satisfies Stored), { prefix: `${family}-`, count: KEPT });
    },
    reuse<T>(family: string, inputs: unknown, compile: () => T): T {
      const stored = store.read<T>(family, inputs);
      if (stored !== undefined) return stored;
      const value = compile();
      store.keep(family, inputs, value);
      return value;
    },
  };
  return store;
}

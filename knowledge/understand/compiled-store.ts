// Where the tables an index compiles from reading data (a phrase index's words, keys and weights)
// can be kept between two starts of Orienteur, so that a command reads them back instead of
// computing them again. What is compiled depends on the word keys it was compiled with, so a store
// belongs to one `WordKeys` object: the process-wide cached keys carry one that reads and writes
// the cache folders (knowledge/load/compiled-cache.ts); any other keys (a test's) compile every time.
import type { WordKeys } from "./words.ts";

export interface CompiledStore {
  /**
   * The value `compile()` returns for these inputs, read back when an earlier start compiled the
   * same inputs with the same code; computed (and kept) otherwise. The value must survive JSON.
   * @param family a short name for the kind of tables (« phrases »), part of the file's name.
   * @param inputs everything the value depends on besides the code and the word keys, as JSON.
   */
  reuse<T>(family: string, inputs: unknown, compile: () => T): T;
  /** The value kept for these inputs by an earlier start, or undefined (then compute it and `keep` it). */
  read<T>(family: string, inputs: unknown): T | undefined;
  /** Keeps the value computed for these inputs, for the next start. */
  keep(family: string, inputs: unknown, value: unknown): void;
}

const stores = new WeakMap<WordKeys, CompiledStore>();

/** Gives `keys` a store: indexes compiled with these keys go through it. */
export function attachCompiledStore(keys: WordKeys, store: CompiledStore): void {
  stores.set(keys, store);
}

/** The store of these word keys, if they have one. */
export function compiledStoreOf(keys: WordKeys): CompiledStore | undefined {
  return stores.get(keys);
}

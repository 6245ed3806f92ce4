// Files Orienteur computes once and reads back at every start (a loaded base, the map of France),
// kept in the cache folders (knowledge/cache-folders.ts). Reading tries each folder; writing goes
// to the first that can be written, aside then renamed, so that two commands started together
// never read half a file. A cache that cannot be read or written is only slower, never an error.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cacheFolders } from "../cache-folders.ts";

let ignored = false;

/**
 * From now on, cache files are computed again as if missing (and still written): for the bench,
 * which measures a first start too. Call it before importing the engine (the built-in lexicon
 * reads its file when its module loads).
 */
export function ignoreCacheFiles(): void {
  ignored = true;
}

/**
 * The first cached file called `name` that `parse` accepts (it returns undefined, or throws, for a
 * stale or damaged one), or undefined.
 * @example
 * const table = readCacheFile("france.json", (bytes) => JSON.parse(bytes.toString("utf8")));
 */
export function readCacheFile<T>(name: string, parse: (bytes: Buffer) => T | undefined): T | undefined {
  if (ignored) return undefined;
  for (const folder of cacheFolders()) {
    try {
      const value = parse(readFileSync(join(folder, name)));
      if (value !== undefined) return value;
    } catch {
      // Not cached there, or unreadable: try the next folder.
    }
  }
  return undefined;
}

/**
 * Writes a cache file; false when no cache folder can be written (a read-only install).
 * @param keep files of one family (one per base: each test's copy of a base makes one) are pruned
 *   to the `count` most recently written, so that the folder does not grow without end.
 */
export function writeCacheFile(name: string, content: string | NodeJS.ArrayBufferView, keep?: { prefix: string; count: number }): boolean {
  for (const folder of cacheFolders()) {
    try {
      mkdirSync(folder, { recursive: true });
      const temporary = join(folder, `${name}.${process.pid}.tmp`);
      writeFileSync(temporary, content);
      renameSync(temporary, join(folder, name));
      if (keep) prune(folder, keep.prefix, keep.count);
      return true;
    } catch {
      // Read-only: try the next folder.
    }
  }
  return false;
}

/**
 * A fingerprint of files by size and date (not content: cheap enough for every start): every
 * file under each folder, or the file itself. A missing path counts as missing, not as an error.
 */
export function statStamp(paths: readonly string[]): string {
  const hash = createHash("sha256");
  for (const path of paths.flatMap(filesUnder)) {
    const { size, mtimeMs } = statSync(path);
    hash.update(`${path}\t${size}\t${mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** The files under a folder, sorted (the file itself for a file; none for a missing path). */
export function filesUnder(path: string): string[] {
  try {
    if (statSync(path).isFile()) return [path];
    return readdirSync(path, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch {
    return [];
  }
}

/** Removes the files of a family beyond the `count` most recently written (another process may be writing too: errors are ignored). */
function prune(folder: string, prefix: string, count: number): void {
  const family = readdirSync(folder)
    .filter((file) => file.startsWith(prefix) && !file.endsWith(".tmp"))
    .map((file) => {
      try {
        return { file, written: statSync(join(folder, file)).mtimeMs };
      } catch {
        return { file, written: 0 };
      }
    })
    .sort((a, b) => b.written - a.written);
  for (const { file } of family.slice(count)) rmSync(join(folder, file), { force: true });
}

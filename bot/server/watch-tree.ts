// Watches a folder tree for changes in a way that does not go stale. Node's recursive fs.watch on
// Linux follows files by inode: after an atomic save (write a temporary file, rename it over) the
// file it watched is gone and later saves are missed. Here every *directory* is watched on its own
// (a directory sees the names inside it change, whatever their inodes), the parent of the root is
// watched too (the root folder replaced by a rename, a symlink switched with `mv -T`), and the set
// of watched directories is rebuilt after every change. A periodic fingerprint of the files (see
// watch-base.ts) is the safety net for what no event reports.
import { createHash } from "node:crypto";
import { watch, type FSWatcher } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Logger } from "./logger.ts";

export interface TreeWatcher {
  /** Closes every watcher. */
  close(): void;
  /** Rebuilds the watchers now (the root may have been replaced); resolves once done. */
  rearm(reason: string): Promise<void>;
}

/** What a change is about: a knowledge file, or the tree's shape (folders, the root itself). */
export type TreeChange = "file" | "tree";

/**
 * Watches `root` and every folder under it; calls `onChange` for each raw event (callers debounce).
 * @example const tree = await watchTree("/srv/base-58", (kind) => schedule(kind), logger)
 */
export async function watchTree(root: string, onChange: (change: TreeChange) => void, logger: Logger): Promise<TreeWatcher> {
  const watchers = new Map<string, FSWatcher>();
  let armedRoot: { path: string; ino: number; dev: number } | undefined;
  let closed = false;
  let rearming: Promise<void> | undefined;

  const onEvent = (file: string | Buffer | null) => {
    const name = file === null ? "" : String(file);
    onChange(/\.ya?ml$/i.test(name) ? "file" : "tree");
  };

  function watchDir(dir: string): void {
    if (watchers.has(dir)) return;
    try {
      const watcher = watch(dir, (_event, file) => onEvent(file));
      // A watched folder removed or replaced: the tree's shape changed.
      watcher.on("error", () => {
        watcher.close();
        watchers.delete(dir);
        onChange("tree");
      });
      watchers.set(dir, watcher);
    } catch {
      // Gone between listing and watching: the next re-arm sees the tree as it is.
    }
  }

  /** Folders of the tree, the root first; symlinked folders inside are followed once. */
  async function directories(top: string): Promise<string[]> {
    const found: string[] = [];
    const seen = new Set<string>();
    const queue = [top];
    while (queue.length > 0) {
      const dir = queue.shift()!;
      const real = await realpath(dir).catch(() => undefined);
      if (!real || seen.has(real)) continue;
      seen.add(real);
      found.push(dir);
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path).then((s) => s.isDirectory(), () => false)))) queue.push(path);
      }
    }
    return found;
  }

  // The parent sees the root's name change: a folder renamed over it, a symlink switched.
  const parent = dirname(root);
  let parentWatcher: FSWatcher | undefined;
  try {
    parentWatcher = watch(parent, (_event, file) => {
      if (file === null || String(file) === basename(root)) onChange("tree");
    });
    parentWatcher.on("error", () => logger.warn({ outcome: "watch-parent-lost" }, "knowledge base parent folder no longer watched"));
  } catch (error) {
    logger.warn({ err: { name: (error as Error).name, code: (error as NodeJS.ErrnoException).code }, outcome: "watch-parent-failed" }, "knowledge base parent folder cannot be watched");
  }

  async function rearm(reason: string): Promise<void> {
    if (rearming) return rearming;
    rearming = (async () => {
      const real = await realpath(root).catch(() => undefined);
      const info = real ? await stat(real).catch(() => undefined) : undefined;
      if (closed) return;
      if (!real || !info?.isDirectory()) {
        for (const watcher of watchers.values()) watcher.close();
        watchers.clear();
        armedRoot = undefined;
        logger.warn({ outcome: "watch-root-missing", reason }, "knowledge base folder missing: watching its parent until it comes back");
        return;
      }
      const replaced = !armedRoot || armedRoot.path !== real || armedRoot.ino !== info.ino || armedRoot.dev !== info.dev;
      if (replaced) {
        // Another folder now: the old watchers report on a folder that is no longer the base.
        for (const watcher of watchers.values()) watcher.close();
        watchers.clear();
        armedRoot = { path: real, ino: info.ino, dev: info.dev };
      }
      const dirs = await directories(root);
      if (closed) return;
      const wanted = new Set(dirs);
      for (const [dir, watcher] of watchers) {
        if (!wanted.has(dir)) {
          watcher.close();
          watchers.delete(dir);
        }
      }
      const before = watchers.size;
      for (const dir of dirs) watchDir(dir);
      if (replaced || watchers.size !== before) logger.info({ directories: watchers.size, reason, rootReplaced: replaced, outcome: "watch-rearmed" }, "knowledge base watch re-armed");
    })();
    try {
      await rearming;
    } finally {
      rearming = undefined;
    }
  }

  await rearm("start");
  return {
    rearm,
    close() {
      closed = true;
      parentWatcher?.close();
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/**
 * A fingerprint of the knowledge files under `root` (paths, sizes, modification times, inodes):
 * cheap to compute (no file is read), and different after any save.
 */
export async function treeFingerprint(root: string): Promise<string> {
  const hash = createHash("sha256");
  hash.update(await realpath(root).catch(() => ""));
  const queue = [root];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const dir = queue.shift()!;
    const realDir = await realpath(dir).catch(() => undefined);
    if (!realDir || seen.has(realDir)) continue;
    seen.add(realDir);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      const info = await stat(path).catch(() => undefined);
      if (!info) continue;
      if (info.isDirectory()) queue.push(path);
      else if (/\.ya?ml$/i.test(entry.name)) hash.update(`\n${path}:${info.size}:${info.mtimeMs}:${info.ino}`);
    }
  }
  return hash.digest("base64url");
}

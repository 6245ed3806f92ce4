// The fingerprint of the TypeScript sources that dist/ is built from: every .ts file of the
// application folders with its size and modification time, and the build settings. The build
// writes it into dist/; `orienteur` runs dist/ only when the sources still have that fingerprint,
// so an edited file is never answered by yesterday's build (it runs through tsx instead).
// Plain JavaScript on purpose: it is read before anything is compiled.
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The folders compiled into dist/ (tsconfig.build.json's `include`). */
export const SOURCE_FOLDERS = ["bot", "knowledge", "newsletters"];
/** Files whose change changes what the build emits. */
const SETTINGS = ["tsconfig.json", "tsconfig.build.json"];
/** Where the build writes the fingerprint it was made from. */
export const STAMP_FILE = join("dist", ".source-stamp");

/**
 * Fingerprint of the sources under `root`: one line per .ts file (path, size, mtime), hashed.
 * About 250 `stat` calls: a few milliseconds, cheaper than one tsx start.
 */
export function sourceStamp(root) {
  const lines = [];
  for (const folder of SOURCE_FOLDERS) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
      const path = join(entry.parentPath, entry.name);
      const { size, mtimeMs } = statSync(path);
      lines.push(`${path.slice(root.length)}\t${size}\t${mtimeMs}`);
    }
  }
  for (const file of SETTINGS) {
    const { size, mtimeMs } = statSync(join(root, file));
    lines.push(`${file}\t${size}\t${mtimeMs}`);
  }
  lines.sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

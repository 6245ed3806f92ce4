// Test bases: the shipped demo base, and throwaway copies of the small fixture base to break.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadKnowledgeCached } from "../../knowledge/load/base-cache.ts";
import { createOrienteur, type Orienteur } from "../../knowledge/orienteur.ts";

export const DEMO_DIR = fileURLToPath(new URL("../../knowledge/demo-nievre", import.meta.url));
export const MINI_DIR = fileURLToPath(new URL("../fixtures/mini-base", import.meta.url));

let demo: Promise<Orienteur> | undefined;

/**
 * The demo base, loaded once per test file (once per worker for the unit tests, which share one),
 * through the commands' on-disk cache: the loader's own tests read the YAML themselves.
 */
export function demoOrienteur(): Promise<Orienteur> {
  demo ??= loadKnowledgeCached(DEMO_DIR).then(createOrienteur);
  return demo;
}

/** A fresh copy of the fixture base, with some files overwritten; removed by `cleanup()`. */
export function brokenCopy(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "orienteur-kb-"));
  cpSync(MINI_DIR, dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

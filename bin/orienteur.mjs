#!/usr/bin/env node
// Entry point of the `orienteur` command. Runs the JavaScript compiled in dist/ (`npm run build`,
// done by `npm install`) when it was built from the sources as they are now; otherwise runs the
// TypeScript sources through tsx, which is slower to start (about a second) but always current.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { STAMP_FILE, sourceStamp } from "./source-stamp.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function compiledIsCurrent() {
  try {
    return readFileSync(join(ROOT, STAMP_FILE), "utf8") === sourceStamp(ROOT);
  } catch {
    return false; // never built, or a source folder missing: the sources decide
  }
}

let main;
if (compiledIsCurrent()) {
  ({ main } = await import("../dist/bot/cli/main.js"));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../bot/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));

// `npm run build` (also run by `npm install`, through `prepare`): compiles the application to
// JavaScript in dist/ so that `orienteur` starts without a TypeScript loader, links the data files
// the code reads beside itself (web page assets, lexicon, demo base), and stamps the build with the
// sources' fingerprint. Without TypeScript installed (`npm install --omit=dev`) it builds nothing:
// `orienteur` then runs the sources through tsx, slower to start but identical.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, cpSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { SOURCE_FOLDERS, STAMP_FILE, sourceStamp } from "./source-stamp.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");

let tsc;
try {
  // The package's exports hide bin/: found from its package.json.
  tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
} catch {
  console.log("orienteur : TypeScript n'est pas installé, dist/ n'est pas construit ; la commande lira les sources (démarrage plus lent).");
  process.exit(0);
}

// Taken before compiling: a file edited during the build makes the stamp stale, never the reverse.
const stamp = sourceStamp(ROOT);
rmSync(DIST, { recursive: true, force: true });
// Type errors are the typecheck's business (npm test); the build emits the JavaScript regardless.
const build = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
if (build.error || !existsSync(join(DIST, "bot", "cli", "main.js"))) {
  process.stdout.write(build.stdout ?? "");
  console.error("orienteur : la compilation vers dist/ a échoué ; la commande lira les sources (démarrage plus lent).");
  process.exit(0);
}
if (build.status !== 0) console.log(`orienteur : dist/ construit malgré ${build.stdout.split("\n").filter((l) => l.includes("error TS")).length} erreur(s) de type (npm run typecheck les détaille).`);

for (const folder of SOURCE_FOLDERS) linkData(join(ROOT, folder));
writeFileSync(join(ROOT, STAMP_FILE), stamp);

/**
 * Mirrors into dist/ what is not TypeScript: a folder holding no .ts file at all (the demo base,
 * the lexicon, the web assets) becomes one link, any other file its own link.
 */
function linkData(folder) {
  const entries = readdirSync(folder, { withFileTypes: true });
  for (const entry of entries) {
    const source = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (holdsTypeScript(source)) linkData(source);
      else link(source);
    } else if (!entry.name.endsWith(".ts")) link(source);
  }
}

function holdsTypeScript(folder) {
  return readdirSync(folder, { recursive: true }).some((name) => String(name).endsWith(".ts"));
}

function link(source) {
  const target = join(DIST, relative(ROOT, source));
  mkdirSync(dirname(target), { recursive: true });
  try {
    symlinkSync(relative(dirname(target), source), target);
  } catch {
    // No symbolic links here (Windows without the right): a copy, refreshed at each build.
    cpSync(source, target, { recursive: true });
  }
}

// Summarises a V8 .cpuprofile: where the time goes, by function and by file, optionally only
// below one function (`--within orient`). Pairs with the benchmark's child:
//
//   BENCH_KEEP=1 npm run bench          # keeps the generated bases, prints their folder
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --expose-gc --import tsx bench/child.ts <base> [--queries 2000]
//   node --import tsx bench/profile-summary.ts /tmp/prof/<largest>.cpuprofile [--within orient] [--top 25]
//
// Node writes one profile per thread; the largest is the main thread (the other is tsx's loader).
// `--within` follows synchronous call stacks only: after an `await`, work no longer sits below
// the caller, so profile a load without it.
//
// tsx runs minified code (one line per module), so function positions are mapped back to the
// TypeScript line through the source maps tsx keeps in its cache (os.tmpdir()/tsx-<uid>).
import { readdir, readFile, stat } from "node:fs/promises";
import { SourceMap, type SourceMapPayload } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { formatTable } from "./measure.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Source maps of the TypeScript files tsx has transpiled, by absolute path. The cache keeps one
 * entry per version of a file and its maps carry no source text: the newest entry is taken,
 * which matches the file as it is now unless it was reverted to an older version.
 */
async function readTsxSourceMaps(): Promise<Map<string, SourceMap>> {
  const newest = new Map<string, { mtimeMs: number; payload: SourceMapPayload }>();
  const cacheDirs = (await readdir(tmpdir()).catch(() => [] as string[])).filter((name) => name.startsWith("tsx-"));
  for (const cacheDir of cacheDirs) {
    for (const name of await readdir(join(tmpdir(), cacheDir)).catch(() => [] as string[])) {
      try {
        const path = join(tmpdir(), cacheDir, name);
        const entry = JSON.parse(await readFile(path, "utf8")) as { map?: SourceMapPayload | string };
        const payload = typeof entry.map === "string" ? (JSON.parse(entry.map) as SourceMapPayload) : entry.map;
        const source = payload?.sources[0];
        if (!payload || !source?.startsWith(ROOT)) continue;
        const { mtimeMs } = await stat(path);
        if ((newest.get(source)?.mtimeMs ?? -1) < mtimeMs) newest.set(source, { mtimeMs, payload });
      } catch {
        // Not a transform entry, or one being written: skip it.
      }
    }
  }
  return new Map([...newest].map(([source, { payload }]) => [source, new SourceMap(payload)]));
}

const sourceMaps = await readTsxSourceMaps();

function where(node: ProfileNode): string {
  const { url, lineNumber, columnNumber } = node.callFrame;
  if (!url) return "(native)";
  if (!url.startsWith("file://")) return `${url}:${lineNumber + 1}`;
  const path = fileURLToPath(url);
  const original = sourceMaps.get(path)?.findEntry(lineNumber, columnNumber) as { originalLine?: number } | undefined;
  const line = original?.originalLine === undefined ? lineNumber + 1 : original.originalLine + 1;
  return `${relative(ROOT, path).replace(/^node_modules\//, "~")}:${line}`;
}

function fileOf(node: ProfileNode): string {
  return where(node).replace(/:\d+$/, "");
}

function nameOf(node: ProfileNode): string {
  return `${node.callFrame.functionName || "(anonymous)"}  ${where(node)}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const files = args.filter((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
  const within = option("--within");
  const top = Number(option("--top") ?? 25);
  if (files.length === 0) throw new Error("usage : node --import tsx bench/profile-summary.ts <fichier.cpuprofile> [--within fonction] [--top 25]");

  for (const file of files) {
    const profile = JSON.parse(await readFile(file, "utf8")) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    const perFile = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
      const stack: ProfileNode[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
      if (within && !stack.some((n) => n.callFrame.functionName === within)) return;
      const leaf = stack[0]!;
      if (leaf.callFrame.functionName === "(idle)" || leaf.callFrame.functionName === "(program)") return;
      total += ms;
      self.set(nameOf(leaf), (self.get(nameOf(leaf)) ?? 0) + ms);
      perFile.set(fileOf(leaf), (perFile.get(fileOf(leaf)) ?? 0) + ms);
      for (const name of new Set(stack.map(nameOf))) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    });

    const rows = (map: Map<string, number>, count: number) =>
      [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([name, ms]) => [`${ms.toFixed(0)} ms`, `${((100 * ms) / total).toFixed(1)} %`, name]);
    console.log(`\n${file}${within ? ` — only below ${within}()` : ""}: ${total.toFixed(0)} ms sampled\n`);
    console.log("Self time by function");
    console.log(formatTable([["self", "share", "function  file:line"], ...rows(self, top)]));
    console.log("\nSelf time by file");
    console.log(formatTable([["self", "share", "file"], ...rows(perFile, Math.min(top, 15))]));
    console.log("\nInclusive time (function and what it calls)");
    console.log(formatTable([["total", "share", "function  file:line"], ...rows(inclusive, top)]));
  }
}

await main();

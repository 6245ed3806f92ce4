// `npm run bench:commands`: how long the `orienteur` command takes to answer, as a whole process
// (node start, module loading, base loading, answer), for `--help`, `sigle DAC` and `ask`, with a
// warm cache (the base already loaded once) and a cold one (a base never seen: a copy of the demo
// base in a new folder). Each figure is the median of BENCH_RUNS runs (7), printed beside its
// target, for the compiled JavaScript (dist/, what `orienteur` runs after `npm install`) and for
// the TypeScript sources through tsx (what it runs when dist/ is missing or older than a source).
// It rebuilds dist/ first. BENCH_TEST_UNIT=1 also times `npm run test:unit`. Prints; never fails
// on a missed target.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatMs, formatTable, summarise, verdict, type Target } from "./measure.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEMO = join(ROOT, "knowledge", "demo-nievre");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const QUESTION = "portage de repas pour une personne âgée à Clamecy";

interface Case {
  label: string;
  args: string[];
  target: Target;
  /** A base never loaded before, for each run. */
  cold?: boolean;
}

const CASES: Case[] = [
  { label: "orienteur --help", args: ["--help"], target: { limit: 200, unit: "ms", label: "< 0.2 s" } },
  { label: "orienteur sigle DAC", args: ["sigle", "DAC"], target: { limit: 500, unit: "ms", label: "< 0.5 s" } },
  { label: "orienteur ask (warm cache)", args: ["ask", QUESTION], target: { limit: 800, unit: "ms", label: "< 0.8 s" } },
  { label: "orienteur ask (cold cache)", args: ["ask", QUESTION], target: { limit: 2000, unit: "ms", label: "< 2 s" }, cold: true },
];

/**
 * Loaded before the command: prints the process's CPU time (user + system, every thread) on exit.
 * Wall time counts the other processes of a loaded machine too; CPU time much less.
 */
const CPU_PRINTER = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nCPU_MS "+(u.user+u.system)/1000+"\\n")})`;

/** How each mode starts the command (after `-e`, « -- » keeps `--help` from being read as Node's own option). */
const MODES = {
  compiled: ["--import", CPU_PRINTER, join(ROOT, "bin", "orienteur.mjs")],
  "sources (tsx)": ["--import", CPU_PRINTER, "--import", "tsx", "--input-type=module", "-e", `const { main } = await import(${JSON.stringify(join(ROOT, "bot", "cli", "main.ts"))}); process.exitCode = await main(process.argv.slice(1));`, "--"],
} satisfies Record<string, string[]>;

/** Wall and CPU milliseconds of one run of the command; throws if it fails. */
function runOnce(start: string[], args: string[]): { ms: number; cpuMs: number } {
  const began = performance.now();
  const result = spawnSync(process.execPath, [...start, ...args], { cwd: ROOT, encoding: "utf8" });
  const ms = performance.now() - began;
  if (result.status !== 0) throw new Error(`orienteur ${args.join(" ")} failed (${result.status}):\n${result.stderr}`);
  return { ms, cpuMs: Number(/CPU_MS ([\d.]+)/.exec(result.stderr)?.[1] ?? NaN) };
}

function measure(start: string[], testCase: Case): { ms: number; cpuMs: number } {
  const durations: number[] = [];
  const cpu: number[] = [];
  // One run not counted: the base cache (warm cases) and the system's file cache are filled.
  for (let run = 0; run <= RUNS; run++) {
    let copy: string | undefined;
    const args = [...testCase.args];
    if (testCase.cold) {
      copy = mkdtempSync(join(tmpdir(), "orienteur-bench-base-"));
      cpSync(DEMO, copy, { recursive: true });
      args.push("--kb", copy);
    }
    try {
      const { ms, cpuMs } = runOnce(start, args);
      if (run > 0) {
        durations.push(ms);
        cpu.push(cpuMs);
      }
    } finally {
      if (copy) rmSync(copy, { recursive: true, force: true });
    }
  }
  return { ms: summarise(durations).p50, cpuMs: summarise(cpu).p50 };
}

const build = spawnSync(process.execPath, [join(ROOT, "bin", "build-dist.mjs")], { cwd: ROOT, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log(`\nThe orienteur command, whole process, median of ${RUNS} runs (BENCH_RUNS)\n`);
const rows: string[][] = [["command", ...Object.keys(MODES), "target"]];
for (const testCase of CASES) {
  const figures = Object.values(MODES).map((start) => measure(start, testCase));
  rows.push([testCase.label, ...figures.map((f) => `${formatMs(f.ms)} (CPU ${formatMs(f.cpuMs)})`), verdict(figures[0]!.ms, testCase.target)]);
}
console.log(formatTable(rows));
console.log("\nThe target is checked against the compiled figure: it is what `orienteur` runs after `npm install`.");
console.log("CPU: user + system time of the whole process, every thread (median); on a loaded machine wall time grows, CPU time much less.");

// With BENCH_TEST_UNIT=1: one run of `npm run test:unit` (the tests of pure modules), timed whole.
if (process.env.BENCH_TEST_UNIT === "1") {
  const began = performance.now();
  const unit = spawnSync("npm", ["run", "--silent", "test:unit"], { cwd: ROOT, encoding: "utf8" });
  const ms = performance.now() - began;
  console.log(`\nnpm run test:unit   ${formatMs(ms)}  ${verdict(ms, { limit: 30_000, unit: "ms", label: "< 30 s" })}${unit.status === 0 ? "" : `  (failed: exit ${unit.status})`}`);
}

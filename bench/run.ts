// `npm run bench`: how fast Orienteur loads, indexes and answers, on the demo base and on
// synthetic bases of 1 000 and 10 000 services. Every base is measured in a fresh child
// process (bench/child.ts) so that one measurement's heap and JIT state do not leak into
// the next. Prints figures with their targets (✓/✗); it never fails on a missed target.
//
// Knobs: BENCH_QUERIES (queries per base and method, 2000), BENCH_KEEP=1 keeps the generated
// bases in the temp folder (to profile them: node --cpu-prof --import tsx bench/child.ts <dir>).
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RESULT_PREFIX, type ChildResult } from "./child.ts";
import { formatLatency, formatMb, formatMs, formatTable, meets, timeAsync, verdict, type Latency, type Target } from "./measure.ts";
// Only the types: importing a child module would run it (it measures at top level, then exits).
import type { DeadlinesResult } from "./deadlines-child.ts";
import type { PlatformFigures } from "./platforms-child.ts";
import { countTurns } from "./questions.ts";
import { UNDERSTANDING_PREFIX, type UnderstandingResult } from "./understanding-child.ts";
import { generateServices, readMaterial, writeBase, type Layout, type WrittenBase } from "./synthetic-base.ts";
import { benchWebLoad } from "./web-load.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEMO_DIR = join(ROOT, "knowledge", "demo-nievre");
const CHILD = join(ROOT, "bench", "child.ts");
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2000);
const KEEP = process.env.BENCH_KEEP === "1";

const TARGETS = {
  loadIndex: { limit: 2000, unit: "ms", label: "< 2 s" },
  rss: { limit: 300, unit: "MB" },
  p99: { limit: 5, unit: "ms" },
} satisfies Record<string, Target>;

interface Measured {
  label: string;
  layout: string;
  files: number;
  result: ChildResult;
  wallMs: number;
}

/** Runs bench/child.ts on a base in a fresh Node process and returns what it printed. */
async function measureInChild(dir: string, queries: number): Promise<{ result: ChildResult; wallMs: number }> {
  const args = ["--expose-gc", "--import", "tsx", CHILD, dir, ...(queries > 0 ? ["--queries", String(queries)] : [])];
  const { ms, value } = await timeAsync(
    () =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolvePromise, reject) => {
        const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
      }),
  );
  const line = value.stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
  if (value.code !== 0 || !line) {
    throw new Error(`bench/child.ts failed on ${dir} (exit ${value.code}):\n${value.stderr.slice(-3000) || value.stdout.slice(-3000)}`);
  }
  return { result: JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult, wallMs: ms };
}

function printLoad(m: Measured): void {
  const r = m.result;
  const rows = [
    ["import modules", formatMs(r.importMs), "(tsx transpiling; not counted)"],
    ["geography", formatMs(r.geographyMs), "(map of France, once per process)"],
    ["loadKnowledge", formatMs(r.loadMs), ""],
    ["createOrienteur", formatMs(r.indexMs), ""],
    ["total load+index", formatMs(r.totalMs), `${verdict(r.totalMs, TARGETS.loadIndex)}  CPU ${formatMs(r.totalCpuMs)}`],
    ["first name search", formatMs(r.firstFallbackMs), "(the first question that reads no need builds the full-text index of service names; not in the total)"],
    ["RSS after load", formatMb(r.after.rssMb), `${verdict(r.after.rssMb, TARGETS.rss)}  before: ${formatMb(r.before.rssMb)}, peak: ${formatMb(r.peakRssMb)}`],
    ["heapUsed after load", formatMb(r.after.heapUsedMb), `before: ${formatMb(r.before.heapUsedMb)}`],
    ["child process wall", formatMs(m.wallMs), r.latency ? "(includes the query runs)" : ""],
    ...(r.directory
      ? [["directory pages", formatMs(r.directory.placePageMs), `(/lieux?lieu=Clamecy, median; /besoins/portage-repas?lieu=Nièvre ${formatMs(r.directory.needPageMs)}; /couverture first visit ${formatMs(r.directory.coverageFirstMs)}, then kept)`]]
      : []),
  ];
  for (const [name, value, note] of rows) console.log(`   ${name!.padEnd(20)} ${value!.padStart(9)}  ${note}`);
}

function printLatency(m: Measured): void {
  const q = m.result.latency;
  if (!q) return;
  console.log(`   ${q.queries} timed queries per method (${countTurns()} turns × ${q.queries / countTurns()} rounds, after warm-up)`);
  for (const [name, l] of [["orient()", q.orient], ["handle()", q.handle]] as const) {
    console.log(`   ${name.padEnd(10)} p50 ${formatLatency(l.p50)}   p99 ${formatLatency(l.p99)} ${verdict(l.p99, TARGETS.p99)}   max ${formatLatency(l.max)}   mean ${formatLatency(l.mean)}`);
  }
  const gc = (name: string, g: { count: number; totalMs: number; maxMs: number }) => `${name} ${g.count} pauses, ${formatMs(g.totalMs)} in all, longest ${formatMs(g.maxMs)}`;
  console.log(`   garbage collection while timing: ${gc("orient()", q.gc.orient)}; ${gc("handle()", q.gc.handle)}`);
  console.log(`   answers: ${Object.entries(q.situations).map(([k, n]) => `${k} ${n}`).join(", ")}`);
  console.log("   slowest turns (orient p50 / handle p50 / orient max):");
  for (const s of q.slowest) {
    console.log(`     ${formatLatency(s.orientP50)} / ${formatLatency(s.handleP50)} / ${formatLatency(s.orientMax)}  « ${s.question} » [${s.situation}]`);
  }
}

function printSummary(all: readonly Measured[]): void {
  const rows: string[][] = [["base", "services", "layout", "files", "load+index", "RSS", "heap", "orient p50/p99/max", "handle p50/p99/max"]];
  const latency = (l: ChildResult["latency"], key: "orient" | "handle") =>
    l ? `${l[key].p50.toFixed(2)}/${l[key].p99.toFixed(2)}/${l[key].max.toFixed(1)} ms ${meets(l[key].p99, TARGETS.p99) ? "✓" : "✗"}` : "—";
  for (const m of all) {
    const r = m.result;
    rows.push([
      m.label,
      String(r.services),
      m.layout,
      String(m.files),
      `${formatMs(r.totalMs)} ${meets(r.totalMs, TARGETS.loadIndex) ? "✓" : "✗"}`,
      `${formatMb(r.after.rssMb)} ${meets(r.after.rssMb, TARGETS.rss) ? "✓" : "✗"}`,
      formatMb(r.after.heapUsedMb),
      latency(r.latency, "orient"),
      latency(r.latency, "handle"),
    ]);
  }
  console.log(formatTable(rows));
  console.log(`Targets: load+index < 2 s, RSS after load < 300 MB, p99 < 5 ms (orient and handle). Load+index = geography + loadKnowledge + createOrienteur, in a fresh process.`);
}

/** Must match DEADLINES_PREFIX in bench/deadlines-child.ts. */
const DEADLINES_PREFIX = "DEADLINES_RESULT ";

async function main(): Promise<void> {
  const started = performance.now();
  console.log(`Orienteur benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${process.platform}`);
  const all: Measured[] = [];
  let editors: { checkMs: number; problems: number; swapMs: number } | undefined;

  console.log("\n1. Demo base (knowledge/demo-nievre)");
  const demo = await measureInChild(DEMO_DIR, QUERIES);
  const demoMeasured = { label: "demo", layout: "1 per file", files: demo.result.services, ...demo };
  all.push(demoMeasured);
  console.log(`   ${demo.result.services} services`);
  printLoad(demoMeasured);

  const tmp = await mkdtemp(join(tmpdir(), "orienteur-bench-"));
  try {
    console.log(`\n2. Synthetic bases (generated in ${tmp})`);
    const generated = await timeAsync(async () => {
      const material = await readMaterial(DEMO_DIR);
      const services = generateServices(material, 10_000);
      const bases: { label: string; layout: Layout; base: WrittenBase; queries: number }[] = [];
      const write = async (label: string, count: number, layout: Layout, queries: number) =>
        bases.push({ label, layout, queries, base: await writeBase(DEMO_DIR, join(tmp, `${label}-${layout}`), services.slice(0, count), layout) });
      await write("1k", 1_000, "lists", 0);
      await write("10k", 10_000, "lists", QUERIES);
      await write("10k", 10_000, "files", 0);
      return { material, bases };
    });
    const { material, bases } = generated.value;
    console.log(`   generated in ${formatMs(generated.ms)} from ${material.templates.length} demo services, ${material.besoins.length} besoins, ${material.communes.length} communes and ${material.epcis.length} EPCI of the 58, ${material.territoires.length} territoires`);

    for (const { label, layout, base, queries } of bases) {
      const layoutName = layout === "lists" ? "lists of 100" : "1 per file";
      console.log(`\n   ${label} services — ${layoutName}: ${base.serviceFiles} service files, ${(base.bytes / 2 ** 20).toFixed(1)} MB of YAML`);
      const measured = await measureInChild(base.dir, queries);
      const m = { label, layout: layoutName, files: base.serviceFiles, ...measured };
      all.push(m);
      printLoad(m);
      if (label === "10k" && layout === "lists") editors = await measureEditors(base.dir);
    }

    console.log("\n3. Query latency");
    for (const m of all.filter((x) => x.result.latency)) {
      console.log(`\n   ${m.label} base (${m.result.services} services, ${m.layout})`);
      printLatency(m);
    }
  } finally {
    if (KEEP) console.log(`\n(BENCH_KEEP=1: bases kept in ${tmp})`);
    else await rm(tmp, { recursive: true, force: true });
  }

  console.log("\n4. Summary\n");
  printSummary(all);

  if (editors) {
    console.log("\n5. Editors on the 10 000-service base (fresh process)\n");
    console.log(`   kb check (schema, references, quality checks)   ${formatMs(editors.checkMs)} (${editors.problems} problems found in the synthetic base)`);
    console.log(`   hot-reload swap (load aside, index, swap)        ${formatMs(editors.swapMs)}`);
  }

  await benchUnderstanding();
  await benchConversations();
  await benchWebLoad(ROOT, DEMO_DIR);
  await benchPlatforms();
  await benchDeadlines();
  await benchNewsletter();
  console.log(`\nBenchmark ran in ${formatMs(performance.now() - started)}.`);
}

/**
 * Runs a bench script in a fresh Node process (stderr shown as it comes) and returns the JSON it
 * printed after `prefix`, or undefined when it printed none.
 */
async function childResult<T>(script: string, args: string[], prefix: string, exposeGc = false): Promise<T | undefined> {
  const child = spawn(process.execPath, [...(exposeGc ? ["--expose-gc"] : []), "--import", "tsx", join(ROOT, "bench", script), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise((resolve) => child.on("close", resolve));
  const line = output.split("\n").find((l) => l.startsWith(prefix));
  return line ? (JSON.parse(line.slice(prefix.length)) as T) : undefined;
}

/** Section 5: kb check and hot-reload swap times on a base, in a fresh process. */
function measureEditors(dir: string): Promise<{ checkMs: number; problems: number; swapMs: number } | undefined> {
  return childResult("editors-child.ts", [dir], "EDITORS_RESULT ");
}

/** Section 7: newsletter render time, and send throughput beside a bare nodemailer loop. */
async function benchNewsletter(): Promise<void> {
  const recipients = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
  console.log(`\n7. Newsletter (render, then ${recipients} recipients to a local SMTP sink in another process, 4 connections)\n`);
  const r = await childResult<{ renderMs: number; personalizeMs: number; htmlKb: number; bare: number; engine: number; sent: number; peakRssMb: number }>("newsletter-child.ts", [String(recipients)], "NEWSLETTER_RESULT ");
  if (!r) {
    console.log("   (no result: see the errors above)");
    return;
  }
  const ratio = r.engine / r.bare;
  console.log(`   render of an issue (MJML, strict)   ${r.renderMs.toFixed(1)} ms (HTML ${r.htmlKb.toFixed(0)} KB) (< 1 s ${r.renderMs < 1000 ? "✓" : "✗"})`);
  console.log(`   one render personalised ×1 000      ${r.personalizeMs.toFixed(0)} ms (< 2 s ${r.personalizeMs < 2000 ? "✓" : "✗"})`);
  console.log(`   bare nodemailer loop                ${r.bare.toFixed(0)} messages/s`);
  console.log(`   sending engine (rows, links, headers, one-sender lease, recipients re-checked) ${r.engine.toFixed(0)} messages/s = ${ratio.toFixed(2)}× the bare loop (≥ 0.8× ${ratio >= 0.8 ? "✓" : "✗"}), ${r.sent} sent`);
  console.log(`   peak RSS of the sending process     ${r.peakRssMb.toFixed(0)} MB (< 300 MB ${r.peakRssMb < 300 ? "✓" : "✗"})`);
}

/** Section 6: end to end through each chat adapter and its local peer, in a fresh process. */
/** Section 5b: what reading French costs — lexicon start-up, ordinary, typo and long questions. */
async function benchUnderstanding(): Promise<void> {
  console.log("\n5b. Reading the question (demo base, fresh process)\n");
  const r = await childResult<UnderstandingResult>("understanding-child.ts", [DEMO_DIR], UNDERSTANDING_PREFIX, true);
  // The same with no cache file read: what the very first start on this code pays.
  const first = await childResult<UnderstandingResult>("understanding-child.ts", [DEMO_DIR, "--no-cache"], UNDERSTANDING_PREFIX, true);
  if (!r) {
    console.log("   (no result: see the errors above)");
    return;
  }
  const line = (label: string, l: Latency, target: number) => `   ${label.padEnd(34)} p50 ${formatLatency(l.p50)}   p99 ${formatLatency(l.p99)}   max ${formatLatency(l.max)} (p99 < ${target} ms ${l.p99 < target ? "✓" : "✗"})`;
  const cost = (u: UnderstandingResult) => u.lexiconMs + u.indexMs - u.indexWithoutLexiconMs;
  const cpuCost = (u: UnderstandingResult) => u.indexCpuMs - u.indexWithoutLexiconCpuMs;
  console.log(`   French lexicon (Lefff cache) load   ${formatMs(r.lexiconMs)}, RSS +${formatMb(r.lexiconRssMb)}`);
  console.log(`   index the demo base                 ${formatMs(r.indexMs)} (${formatMs(r.indexWithoutLexiconMs)} without the built-in needs lexicon)`);
  console.log(`   built-in lexicon's indexing cost    ${formatMs(cost(r))} with the Lefff load (CPU ${formatMs(cpuCost(r))} without it) (< 300 ms and 60 MB ${cost(r) < 300 && r.lexiconRssMb < 60 ? "✓" : "✗"})`);
  console.log("                                       a start after the first: word keys and the built-in lexicon read from the cache folders");
  if (first) console.log(`   the same on a first start           ${formatMs(cost(first))} (CPU ${formatMs(cpuCost(first))}): no cache file read, everything computed`);
  console.log(line("ordinary questions", r.ordinary, 5));
  console.log(line("questions with typos", r.typos, 5));
  console.log(line("long inputs (up to 4 000 characters)", r.long, 50));
}

/** Section 5c: RSS after 10 000 conversations with new 60 KB ids (ids are hashed, contexts expire). */
async function benchConversations(): Promise<void> {
  console.log("\n5c. Conversations with long ids (10 000 questions, each with a new 60 KB conversation id, fresh process)\n");
  const r = await childResult<{ count: number; beforeMb: number; afterMb: number; held: { contexts: number; reminders: number; keyChars: number } }>("conversations-child.ts", [DEMO_DIR], "CONVERSATIONS_RESULT ", true);
  if (!r) return void console.log("   (no result: see the errors above)");
  console.log(`   RSS before ${formatMb(r.beforeMb)}, after ${r.count} conversations ${formatMb(r.afterMb)} (+${formatMb(r.afterMb - r.beforeMb)}, < +50 MB ${r.afterMb - r.beforeMb < 50 ? "✓" : "✗"})`);
  console.log(`   held: ${r.held.contexts} contexts, ${r.held.reminders} reminders, ${r.held.keyChars} characters of keys`);
}

/** Section 6b: deadlines once asserted in tests (bench/deadlines-child.ts). */
async function benchDeadlines(): Promise<void> {
  console.log("\n6b. Deadlines (Slack acknowledgement, web server stop, process exit after Matrix, fresh process)\n");
  const r = await childResult<DeadlinesResult>("deadlines-child.ts", [], DEADLINES_PREFIX);
  if (!r) return void console.log("   (no result: see the errors above)");
  for (const [mode, l] of Object.entries(r.slackAck)) console.log(`   Slack slash command acknowledged (${mode.padEnd(6)})   p50 ${formatLatency(l.p50)}   max ${formatLatency(l.max)} (< 3 s ${l.max < 3000 ? "✓" : "✗"})`);
  console.log(`   web server stopped after the last answer   p50 ${formatLatency(r.webStopMs.p50)}   max ${formatLatency(r.webStopMs.max)} (< 1 s ${r.webStopMs.max < 1000 ? "✓" : "✗"})`);
  console.log(`   process using Matrix, from start to exit   ${formatMs(r.matrixExitMs)} (< 15 s ${r.matrixExitMs < 15_000 ? "✓" : "✗"})`);
}

async function benchPlatforms(): Promise<void> {
  console.log("\n6. Chat platforms (question injected at the local peer, in its own process → answer received by the peer)\n");
  const result = await childResult<{ figures: PlatformFigures[]; rssMb: number }>(
    "platforms-child.ts",
    [String(Number(process.env.BENCH_PLATFORM_QUESTIONS ?? 300))],
    "PLATFORMS_RESULT ",
    true,
  );
  if (!result) {
    console.log("   (no result: see the errors above)");
    return;
  }
  const { figures, rssMb } = result;
  const paced = figures[0];
  if (paced) console.log(`   ${paced.users} users at once, each reading the answer about ${(paced.thinkMs / 1000).toFixed(1)} s before the next question (random pauses); capacity: 8 users asking back at once\n`);
  for (const f of figures) {
    console.log(`   ${f.platform.padEnd(9)} ${String(f.answers).padStart(4)} answers at ${f.pacedPerSecond.toFixed(0).padStart(3)}/s   p50 ${f.p50.toFixed(1)} ms   p99 ${f.p99.toFixed(1)} ms (< 50 ms ${f.p99 < 50 ? "✓" : "✗"})   CPU ${f.cpuMsPerAnswer.toFixed(2)} ms per answer   capacity ${f.perSecond.toFixed(0).padStart(4)} answers/s`);
  }
  console.log(`   memory of the bot's process (engine, ${figures.length} adapters and their SDKs; each peer runs in a process of its own): RSS ${rssMb.toFixed(0)} MB`);
}

await main();

// One measurement in a fresh process: loads and indexes a base, reads memory, and optionally
// times the benchmark questions. Prints one `BENCH_RESULT {json}` line for bench/run.ts.
//
//   node --expose-gc --import tsx bench/child.ts <base-dir> [--queries 2000] [--warmup 300]
import { PerformanceObserver } from "node:perf_hooks";
import { memoryNow, peakRssMb, summarise, timeAsync, timeSync, type Latency, type Memory } from "./measure.ts";
import { DIALOGUES, countTurns } from "./questions.ts";

export const RESULT_PREFIX = "BENCH_RESULT ";

export interface TurnLatency {
  question: string;
  note: string;
  situation: string;
  orientP50: number;
  handleP50: number;
  orientMax: number;
}

/** Garbage-collection pauses seen while the queries were timed. */
export interface GcPauses {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface QueryResult {
  queries: number;
  orient: Latency;
  handle: Latency;
  gc: { orient: GcPauses; handle: GcPauses };
  /** Turns by situation (`ok`, `lieu-manquant`…) or reply kind (`sigle`), from one round. */
  situations: Record<string, number>;
  slowest: TurnLatency[];
}

export interface ChildResult {
  dir: string;
  services: number;
  /** Importing the knowledge and conversation modules (tsx transpiles them). */
  importMs: number;
  /** Building the map of France, once per process (loadKnowledge needs it). */
  geographyMs: number;
  loadMs: number;
  indexMs: number;
  /** geography + load + index: what a server pays at start before answering. */
  totalMs: number;
  /**
   * The first question that reads no need: it builds the services' full-text index (built on first
   * use since issue 10, so not in indexMs; measured after `after`, so not in its RSS either).
   */
  firstFallbackMs: number;
  /** CPU time (user + system, every thread) of geography + load + index: wall time counts other processes' load too. */
  totalCpuMs: number;
  before: Memory;
  after: Memory;
  peakRssMb: number;
  latency?: QueryResult;
  /** The web directory's heaviest pages on this base (issue 13). */
  directory?: DirectoryTimes;
}

export interface DirectoryTimes {
  /** White zones of every need, computed on the first visit of /couverture (then kept per loaded base). */
  coverageFirstMs: number;
  /** Median of 20 renders of /lieux?lieu=Clamecy and of /besoins/portage-repas?lieu=Nièvre. */
  placePageMs: number;
  needPageMs: number;
}

interface Options {
  dir: string;
  queries: number;
  warmup: number;
}

function readOptions(argv: readonly string[]): Options {
  const dir = argv.find((a, i) => !a.startsWith("--") && !argv[i - 1]?.startsWith("--"));
  if (!dir) throw new Error("usage : node --expose-gc --import tsx bench/child.ts <dossier-de-base> [--queries 2000] [--warmup 300]");
  const number = (name: string, fallback: number) => {
    const index = argv.indexOf(name);
    return index >= 0 ? Number(argv[index + 1]) : fallback;
  };
  return { dir, queries: number("--queries", 0), warmup: number("--warmup", 300) };
}

/** The directory pages a visitor waits for longest: coverage (first visit), a town's page, a need in the whole département. */
async function measureDirectory(engine: import("../knowledge/orienteur.ts").Orienteur): Promise<DirectoryTimes> {
  const { coverageGaps } = await import("../knowledge/search/browse.ts");
  const { placePage, needPage } = await import("../bot/server/directory/browse-pages.ts");
  const median = (fn: () => unknown) => {
    fn();
    const times = Array.from({ length: 20 }, () => timeSync(fn).ms).sort((a, b) => a - b);
    return times[10]!;
  };
  const need = engine.base.besoins.find((b) => b.id === "portage-repas") ?? engine.base.besoins[0]!;
  return {
    coverageFirstMs: timeSync(() => coverageGaps(engine)).ms,
    placePageMs: median(() => placePage(engine, new URLSearchParams("lieu=Clamecy"), "2026-12-03")),
    needPageMs: median(() => needPage(engine, need, new URLSearchParams("lieu=Nièvre"), "2026-12-03")),
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const before = await memoryNow();
  const imports = await timeAsync(async () => ({
    geography: await import("../knowledge/places/geography.ts"),
    load: await import("../knowledge/load/load-knowledge.ts"),
    orienteur: await import("../knowledge/orienteur.ts"),
    conversation: await import("../bot/core/conversation.ts"),
  }));
  const { geography, load, orienteur, conversation } = imports.value;

  const cpuBefore = process.cpuUsage();
  const geo = timeSync(() => geography.getGeography());
  const loaded = await timeAsync(() => load.loadKnowledge(options.dir));
  const indexed = timeSync(() => orienteur.createOrienteur(loaded.value));
  const cpuUsed = process.cpuUsage(cpuBefore);
  const after = await memoryNow();
  // A word no need has: the engine then searches the services' names, and builds that index.
  const firstFallback = timeSync(() => indexed.value.orient("xqzwvk"));

  const result: ChildResult = {
    dir: options.dir,
    services: loaded.value.services.length,
    importMs: imports.ms,
    geographyMs: geo.ms,
    loadMs: loaded.ms,
    indexMs: indexed.ms,
    totalMs: geo.ms + loaded.ms + indexed.ms,
    firstFallbackMs: firstFallback.ms,
    totalCpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    before,
    after,
    peakRssMb: peakRssMb(),
  };
  if (options.queries > 0) result.latency = await measureQueries(indexed.value, conversation.createConversation(indexed.value), options);
  result.directory = await measureDirectory(indexed.value);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

type Orienteur = import("../knowledge/orienteur.ts").Orienteur;
type Conversation = import("../bot/core/conversation.ts").Conversation;
type OrientationContext = import("../knowledge/search/orient.ts").OrientationContext;

/** Times every turn of every dialogue, round after round, through `orient()` and then through `handle()`. */
async function measureQueries(orienteur: Orienteur, conversation: Conversation, options: Options): Promise<QueryResult> {
  const turns = DIALOGUES.flatMap((dialogue) => dialogue.turns.map((question) => ({ question, note: dialogue.note })));
  const rounds = Math.max(1, Math.ceil(options.queries / countTurns()));
  const warmupRounds = Math.max(1, Math.ceil(options.warmup / countTurns()));
  let sink = 0;

  /** One round through orient(): follow-ups receive the previous turn's context, as the conversation core gives it. */
  const orientRound = (record: ((turn: number, ms: number, situation: string) => void) | undefined) => {
    let turn = 0;
    for (const dialogue of DIALOGUES) {
      let contexte: OrientationContext | undefined;
      for (const question of dialogue.turns) {
        const start = performance.now();
        const orientation = orienteur.orient({ question, lieu: dialogue.lieu, contexte });
        const ms = performance.now() - start;
        contexte = orientation.contexte;
        sink += orientation.resultats.length;
        record?.(turn++, ms, orientation.situation);
      }
    }
  };
  const handleRound = (record: ((turn: number, ms: number, kind: string) => void) | undefined) => {
    let turn = 0;
    DIALOGUES.forEach((dialogue, d) => {
      const room = `salon-${d}`;
      conversation.forget(room);
      for (const text of dialogue.turns) {
        const start = performance.now();
        const reply = conversation.handle({ conversation: room, text, defaultPlace: dialogue.lieu });
        const ms = performance.now() - start;
        sink += reply.answer.blocks.length;
        record?.(turn++, ms, reply.orientation?.situation ?? reply.kind);
      }
    });
  };

  const orientTimes = turns.map(() => [] as number[]);
  const handleTimes = turns.map(() => [] as number[]);
  const situations: Record<string, number> = {};
  const situationOf: string[] = [];

  for (let r = 0; r < warmupRounds; r++) orientRound(undefined);
  globalThis.gc?.();
  const orientGc = await watchGc(() => {
    for (let r = 0; r < rounds; r++) orientRound((turn, ms) => orientTimes[turn]!.push(ms));
  });

  for (let r = 0; r < warmupRounds; r++) handleRound(undefined);
  globalThis.gc?.();
  const handleGc = await watchGc(() => {
    for (let r = 0; r < rounds; r++) {
      handleRound((turn, ms, kind) => {
        handleTimes[turn]!.push(ms);
        if (r === 0) {
          situations[kind] = (situations[kind] ?? 0) + 1;
          situationOf[turn] = kind;
        }
      });
    }
  });
  if (sink < 0) console.log(sink);

  const slowest = turns
    .map((turn, i) => {
      const orient = summarise(orientTimes[i]!);
      return { question: turn.question, note: turn.note, situation: situationOf[i] ?? "", orientP50: orient.p50, orientMax: orient.max, handleP50: summarise(handleTimes[i]!).p50 };
    })
    .sort((a, b) => b.orientP50 - a.orientP50)
    .slice(0, 5);
  return {
    queries: rounds * turns.length,
    orient: summarise(orientTimes.flat()),
    handle: summarise(handleTimes.flat()),
    gc: { orient: orientGc, handle: handleGc },
    situations,
    slowest,
  };
}

/** Runs a synchronous block and returns the garbage-collection pauses it caused (entries arrive after it ends). */
async function watchGc(block: () => void): Promise<GcPauses> {
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ["gc"] });
  block();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { count: pauses.length, totalMs: pauses.reduce((sum, d) => sum + d, 0), maxMs: Math.max(0, ...pauses) };
}

if (process.argv[1]?.endsWith("child.ts")) {
  await main();
}

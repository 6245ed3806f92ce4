// The reading of a question, measured in a fresh process: what the French lexicon and the
// built-in needs lexicon add to start-up, and the latency of ordinary questions, questions full
// of typos, and long inputs up to the 4 000-character cap. Prints one `UNDERSTANDING_RESULT {json}`.
//
//   node --expose-gc --import tsx bench/understanding-child.ts <base-dir> [--no-cache]
//
// By default the engine reads what an earlier start on the same code left in the cache folders
// (word keys, the built-in lexicon, the map of France), as every start after the first does;
// --no-cache computes them all again, as the very first start does.
import { memoryNow, summarise, timeSync, type Latency } from "./measure.ts";
import { DIALOGUES } from "./questions.ts";

export const UNDERSTANDING_PREFIX = "UNDERSTANDING_RESULT ";

/** Questions with one or two typos in needs and communes, as typed on a phone. */
const TYPO_QUESTIONS = [
  "protage de repas a clamcy",
  "hebergment durgence a nevrs",
  "aide menagre pour ma mere a decise",
  "sooins infirmier a domicile a cosnes",
  "teleasistance pour mon pere a luzzy",
  "surendetement a fourchambaut",
  "dosier mdph pour mon fis a premerry",
  "accueuil de jour alzeimer a corbiny",
];

/** Long inputs: pasted reports, repeated text, letters without words, many communes. */
function longInputs(): string[] {
  const report = "Madame vit seule dans une maison sans chauffage, elle ne mange plus beaucoup et sa fille est épuisée. ";
  const communes = "Nevers Clamecy Decize Cosne Luzy Corbigny Varzy Donzy Tannay Lormes Imphy Prémery ";
  const letters = Array.from({ length: 4000 }, (_, i) => "azertyuiopqsdfghjklmwxcvbn"[(i * 7919) % 26]).join("");
  const words = Array.from({ length: 800 }, (_, i) => ["xqzt", "hebergment", "ssaid", "plop", "repaz"][i % 5]).join(" ");
  return [report.repeat(40).slice(0, 4000), communes.repeat(50).slice(0, 4000), letters, words.slice(0, 4000), "à ".repeat(2000), "a".repeat(4000)];
}

export interface UnderstandingResult {
  lexiconMs: number;
  lexiconRssMb: number;
  indexMs: number;
  /** CPU time of the same: wall time counts other processes' load too. */
  indexCpuMs: number;
  indexWithoutLexiconMs: number;
  indexWithoutLexiconCpuMs: number;
  /** Whether the cache files were read (false with --no-cache). */
  cached: boolean;
  ordinary: Latency;
  typos: Latency;
  long: Latency;
  longestMs: number;
}

function time(ask: (q: string) => void, questions: readonly string[], rounds: number): number[] {
  const durations: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const question of questions) {
      const started = performance.now();
      ask(question);
      durations.push(performance.now() - started);
    }
  }
  return durations;
}

/** Wall and CPU (user + system) milliseconds of a call. */
function timeCpu<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const cpu = process.cpuUsage();
  const { ms, value } = timeSync(fn);
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage : node --expose-gc --import tsx bench/understanding-child.ts <dossier-de-base> [--no-cache]");
  const cached = !process.argv.includes("--no-cache");
  if (!cached) (await import("../knowledge/load/cache-files.ts")).ignoreCacheFiles();
  const { getGeography } = await import("../knowledge/places/geography.ts");
  const { loadKnowledge } = await import("../knowledge/load/load-knowledge.ts");
  const { createOrienteur } = await import("../knowledge/orienteur.ts");
  const { getFrenchLexicon } = await import("../knowledge/text/lexicon.ts");
  getGeography();
  const base = await loadKnowledge(dir);
  const before = await memoryNow();
  const lexicon = timeSync(() => getFrenchLexicon().size);
  const after = await memoryNow();
  const indexed = timeCpu(() => createOrienteur(base));
  const withoutLexicon = timeCpu(() => createOrienteur({ ...base, info: { ...base.info, lexique: false } }));
  const orienteur = indexed.value;
  const ask = (question: string) => void orienteur.orient(question);
  const ordinary = DIALOGUES.flatMap((d) => d.turns);
  time(ask, [...ordinary, ...TYPO_QUESTIONS], 20);
  const long = longInputs();
  const longDurations = time(ask, long, 5);
  const result: UnderstandingResult = {
    lexiconMs: lexicon.ms,
    lexiconRssMb: after.rssMb - before.rssMb,
    indexMs: indexed.ms,
    indexCpuMs: indexed.cpuMs,
    indexWithoutLexiconMs: withoutLexicon.ms,
    indexWithoutLexiconCpuMs: withoutLexicon.cpuMs,
    cached,
    ordinary: summarise(time(ask, ordinary, 40)),
    typos: summarise(time(ask, TYPO_QUESTIONS, 100)),
    long: summarise(longDurations),
    longestMs: Math.max(...longDurations),
  };
  console.log(UNDERSTANDING_PREFIX + JSON.stringify(result));
}

if (process.argv[1]?.endsWith("understanding-child.ts")) await main();

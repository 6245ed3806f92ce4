// Child process of `npm run bench`, section 6: latency end to end through each chat adapter and
// its local peer (in a process of its own, see adapters/peer-process.ts) at a paced rate, CPU
// per answer and capacity (answers per second), then the memory of this process (engine and the
// three adapters with their SDKs). Prints one RESULT line of JSON.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadKnowledge } from "../knowledge/load/load-knowledge.ts";
import { createOrienteur, type Orienteur } from "../knowledge/orienteur.ts";
import type { AdapterBenchResult } from "./adapters/drive.ts";

export const PLATFORMS_PREFIX = "PLATFORMS_RESULT ";

/** One platform's figures: latency at a paced rate, CPU per answer, capacity (see adapters/drive.ts). */
export type PlatformFigures = AdapterBenchResult;

const count = Number(process.argv[2] ?? 300);
const orienteur = createOrienteur(await loadKnowledge(fileURLToPath(new URL("../knowledge/demo-nievre", import.meta.url))));
const benches: [string, string][] = [
  ["matrix", "benchMatrix"],
  ["slack", "benchSlack"],
  ["telegram", "benchTelegram"],
];
const figures: PlatformFigures[] = [];
for (const [file, name] of benches) {
  const path = new URL(`./adapters/${file}.ts`, import.meta.url);
  if (!existsSync(path)) continue;
  const module = (await import(path.href)) as Record<string, (o: Orienteur, n: number) => Promise<PlatformFigures>>;
  figures.push(await module[name]!(orienteur, count));
}
globalThis.gc?.();
const rssMb = process.memoryUsage().rss / 2 ** 20;
process.stdout.write(`${PLATFORMS_PREFIX}${JSON.stringify({ figures, rssMb })}\n`);
process.exit(0);

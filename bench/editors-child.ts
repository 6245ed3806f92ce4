// Child process of `npm run bench`, section 5: what editors wait for on a large base — a full
// `kb check` (schema, references and quality checks) and a hot-reload swap (load aside, index,
// swap), timed in a fresh process on the given base folder.
import { checkBase } from "../knowledge/checks/run.ts";
import { checkKnowledge } from "../knowledge/load/load-knowledge.ts";
import { createOrienteur } from "../knowledge/orienteur.ts";
import { getGeography } from "../knowledge/places/geography.ts";

export const EDITORS_PREFIX = "EDITORS_RESULT ";
const dir = process.argv[2]!;
getGeography();

let started = performance.now();
const { problems } = await checkBase(dir, { today: "2026-11-23" });
const checkMs = performance.now() - started;

// The watcher's work on a change: load and validate aside, index, then one assignment.
let current = createOrienteur((await checkKnowledge(dir)).base!);
started = performance.now();
const { base } = await checkKnowledge(dir);
const next = createOrienteur(base!);
current = next;
const swapMs = performance.now() - started;

process.stdout.write(`${EDITORS_PREFIX}${JSON.stringify({ checkMs, problems: problems.length, swapMs, services: current.base.services.length })}\n`);
process.exit(0);

// `npm run eval`: the understanding evaluation on every labelled set of test/eval/, tuning and
// held-out parts apart. `npm run eval -- --failures` also lists every miss (question ids only
// are stable; the questions are fictional and written for this set).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { createOrienteur } from "../../knowledge/orienteur.ts";
import { evaluate, formatReport, readQuestions } from "./evaluate.ts";
import { EVAL_SETS } from "./sets.ts";

const showFailures = process.argv.includes("--failures");
const onlyTuning = process.argv.includes("--tuning");
const root = fileURLToPath(new URL(".", import.meta.url));

for (const set of EVAL_SETS) {
  const orienteur = createOrienteur(await loadKnowledge(set.base));
  for (const part of onlyTuning ? ["questions"] : ["questions", "held-out"]) {
    const file = join(root, set.folder, `${part}.yaml`);
    if (!existsSync(file)) continue;
    const report = evaluate(orienteur, readQuestions(file));
    console.log(formatReport(`${set.folder}/${part}`, report));
    if (showFailures) for (const f of report.failures) console.log(`    ${f.id}: ${f.what}  « ${f.question} »`);
  }
}

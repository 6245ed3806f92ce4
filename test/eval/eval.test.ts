// Floors on the understanding evaluation (npm run eval): a change that reads French worse fails
// here. The floors sit a little under the figures measured when they were set (see the session
// notes); raise them when the engine improves, never lower them to let a change through.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { createOrienteur } from "../../knowledge/orienteur.ts";
import { evaluate, readQuestions, type EvalReport } from "./evaluate.ts";
import { EVAL_SETS } from "./sets.ts";

interface Floors {
  needRecall: number;
  needPrecision: number;
  placeAccuracy: number;
  top3Hit: number;
  dangerFirst: number;
}

/**
 * Per set, measured on tuning and held-out questions together. Place floors raised after the places
 * work of the fourth session (tuning and held-out together: demo 98.0 %, demo-b 99.1 %, base-49 99.5 %,
 * Calvados 100 %), about 3 points under.
 */
const FLOORS: Record<string, Floors> = {
  // Set 2026-12-03 (third session, end), tuning and held-out together: recall 87.1 %, precision 72.3 %,
  // place 97.2 %, top 3 92.3 %, danger first 92.5 %. Precision gave a little for recall: needs told
  // by signals and a second request guessed from leftover words.
  demo: { needRecall: 0.84, needPrecision: 0.69, placeAccuracy: 0.95, top3Hit: 0.89, dangerFirst: 0.87 },
  // Third session, end: 77.8 %, 68.0 %, 98.9 %, 85.0 %, 91.9 %.
  "demo-b": { needRecall: 0.75, needPrecision: 0.65, placeAccuracy: 0.96, top3Hit: 0.82, dangerFirst: 0.88 },
  // Third session, end: 94.5 %, 85.9 %, 97.1 %, 92.5 %, 94.4 %.
  "base-49": { needRecall: 0.91, needPrecision: 0.83, placeAccuracy: 0.96, top3Hit: 0.89, dangerFirst: 0.9 },
  // Third session, end: 89.3 %, 77.9 %, 99.0 %, 92.0 %, 95.5 %.
  "base-14-calvados": { needRecall: 0.86, needPrecision: 0.75, placeAccuracy: 0.97, top3Hit: 0.89, dangerFirst: 0.92 },
};

const root = fileURLToPath(new URL(".", import.meta.url));

describe("understanding evaluation", () => {
  for (const set of EVAL_SETS) {
    it(`reads the ${set.folder} questions at least as well as before, and never answers outside the zone`, async () => {
      const orienteur = createOrienteur(await loadKnowledge(set.base));
      const questions = ["questions", "held-out"].flatMap((part) => {
        try {
          return readQuestions(join(root, set.folder, `${part}.yaml`));
        } catch {
          return [];
        }
      });
      const report: EvalReport = evaluate(orienteur, questions);
      expect(report.outOfTerritory).toBe(0);
      // An emergency line where there is no danger wears trust out: at most one question in fifty.
      expect(report.falseAlarms).toBeLessThanOrEqual(Math.ceil(report.questions / 50));
      const floors = FLOORS[set.folder];
      expect(floors, `add floors for the set ${set.folder}`).toBeDefined();
      expect(report.needRecall).toBeGreaterThanOrEqual(floors!.needRecall);
      expect(report.needPrecision).toBeGreaterThanOrEqual(floors!.needPrecision);
      expect(report.placeAccuracy).toBeGreaterThanOrEqual(floors!.placeAccuracy);
      expect(report.top3Hit).toBeGreaterThanOrEqual(floors!.top3Hit);
      expect(report.dangerFirst).toBeGreaterThanOrEqual(floors!.dangerFirst);
    });
  }
});

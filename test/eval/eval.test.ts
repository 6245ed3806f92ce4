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

/** Per set, measured on tuning and held-out questions together. */
const FLOORS: Record<string, Floors> = {
  // Measured 2026-12-03 (second session): recall 75.8 %, precision 73.4 %, place 97.0 %, top 3 82.7 %, danger first 87.5 %.
  demo: { needRecall: 0.72, needPrecision: 0.7, placeAccuracy: 0.95, top3Hit: 0.79, dangerFirst: 0.84 },
  // Measured 2026-12-03 (second session): 56.4 %, 64.4 %, 98.4 %, 70.7 %, 91.9 %.
  "demo-b": { needRecall: 0.53, needPrecision: 0.61, placeAccuracy: 0.96, top3Hit: 0.67, dangerFirst: 0.88 },
  // Measured 2026-12-03 (second session): 83.9 %, 90.2 %, 96.1 %, 83.6 %, 94.4 %.
  "base-49": { needRecall: 0.8, needPrecision: 0.87, placeAccuracy: 0.93, top3Hit: 0.8, dangerFirst: 0.9 },
  // Measured 2026-12-03 (second session): 80.8 %, 82.4 %, 96.2 %, 84.1 %, 95.5 %.
  "base-14-calvados": { needRecall: 0.77, needPrecision: 0.79, placeAccuracy: 0.94, top3Hit: 0.81, dangerFirst: 0.92 },
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

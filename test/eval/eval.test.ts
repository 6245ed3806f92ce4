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
  // Measured 2026-12-03: recall 72.3 %, precision 71.4 %, place 97.0 %, top 3 79.7 %, danger first 70.0 %.
  demo: { needRecall: 0.69, needPrecision: 0.68, placeAccuracy: 0.95, top3Hit: 0.76, dangerFirst: 0.65 },
  // Measured 2026-12-03: 49.7 %, 61.1 %, 98.4 %, 64.9 %, 81.1 %.
  "demo-b": { needRecall: 0.46, needPrecision: 0.58, placeAccuracy: 0.96, top3Hit: 0.61, dangerFirst: 0.76 },
  // Measured 2026-12-03: 83.0 %, 89.8 %, 96.1 %, 83.6 %, 88.9 %.
  "base-49": { needRecall: 0.8, needPrecision: 0.86, placeAccuracy: 0.93, top3Hit: 0.8, dangerFirst: 0.85 },
  // Measured 2026-12-03: 79.2 %, 83.8 %, 96.2 %, 82.3 %, 81.8 %.
  "base-14-calvados": { needRecall: 0.76, needPrecision: 0.8, placeAccuracy: 0.94, top3Hit: 0.79, dangerFirst: 0.78 },
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

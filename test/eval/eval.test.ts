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
  // Set 2026-12-03 (fourth session, end), tuning and held-out together: recall 87.8 %, precision
  // 73.4 %, place 98.0 %, top 3 92.3 %, danger first 95.0 % (third session, end: 87.1, 72.3, 97.2,
  // 92.3, 92.5).
  demo: { needRecall: 0.85, needPrecision: 0.7, placeAccuracy: 0.95, top3Hit: 0.89, dangerFirst: 0.92 },
  // Fourth session, end: 82.4 %, 70.9 %, 99.1 %, 88.3 %, 97.3 % (third: 77.8, 68.0, 98.9, 85.0, 91.9).
  "demo-b": { needRecall: 0.79, needPrecision: 0.67, placeAccuracy: 0.96, top3Hit: 0.85, dangerFirst: 0.94 },
  // Fourth session, end: 95.4 %, 87.0 %, 99.5 %, 95.0 %, 94.4 % (third: 94.5, 85.9, 97.1, 92.5, 94.4).
  "base-49": { needRecall: 0.92, needPrecision: 0.84, placeAccuracy: 0.96, top3Hit: 0.92, dangerFirst: 0.9 },
  // Fourth session, end: 89.6 %, 79.7 %, 100 %, 92.9 %, 95.5 % (third: 89.3, 77.9, 99.0, 92.0, 95.5).
  "base-14-calvados": { needRecall: 0.86, needPrecision: 0.76, placeAccuracy: 0.97, top3Hit: 0.9, dangerFirst: 0.92 },
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

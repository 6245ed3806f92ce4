// Danger phrasings written by the team in four waves (test/knowledge/danger-probes.yaml): the line
// that answers first must be the one of the situation described, and nothing must sound for the
// ordinary questions among them. A floor, not 100 %: the probes were used to tune the lexicon, the
// held-out evaluation measures it.
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { Orienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";

interface Probe {
  danger: string;
  question: string;
}

const probes = load(readFileSync(new URL("./danger-probes.yaml", import.meta.url), "utf8")) as Probe[];

let orienteur: Orienteur;
beforeAll(async () => {
  orienteur = await demoOrienteur();
});

describe("danger probes", () => {
  it("puts the right national line first for at least 95 % of the probes, and never sounds for more than two ordinary questions", () => {
    const wrong = probes.filter((p) => (orienteur.orient(p.question).urgences[0]?.danger.danger ?? "aucun") !== p.danger);
    const falseAlarms = wrong.filter((p) => p.danger === "aucun");
    expect(probes.length).toBeGreaterThanOrEqual(150);
    expect(wrong.length / probes.length, wrong.map((p) => `${p.danger} ← ${p.question}`).join("\n")).toBeLessThanOrEqual(0.05);
    expect(falseAlarms.length).toBeLessThanOrEqual(2);
  });
});

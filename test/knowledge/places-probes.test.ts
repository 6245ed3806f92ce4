// Place phrasings written before the places were tuned (test/knowledge/place-probes.yaml), on the demo
// base and the two test bases: the place read, or the communes asked back, must be the ones a
// professional expects. Every probe must pass: each one is a rule of the issue, not a statistic.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledgeCached } from "../../knowledge/load/base-cache.ts";
import { createOrienteur, type Orienteur } from "../../knowledge/orienteur.ts";
import { demoOrienteur } from "../helpers/bases.ts";
import { placeRead, type PlaceProbe } from "./place-probe-reading.ts";

const probes = load(readFileSync(new URL("./place-probes.yaml", import.meta.url), "utf8")) as PlaceProbe[];

const bases = new Map<string, Orienteur>();
beforeAll(async () => {
  bases.set("demo", await demoOrienteur());
  for (const name of ["base-49", "base-14-calvados"]) {
    bases.set(name, createOrienteur(await loadKnowledgeCached(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)))));
  }
});

describe("place probes", () => {
  it("holds at least 80 probes on the three bases", () => {
    expect(probes.length).toBeGreaterThanOrEqual(80);
    expect(new Set(probes.map((p) => p.base))).toEqual(new Set(["demo", "base-49", "base-14-calvados"]));
  });

  it.each(probes.map((p) => [p.base, p.question, p] as const))("on %s, reads « %s » as labelled", (base, _question, probe) => {
    const read = placeRead(bases.get(base)!, probe.question);
    if (probe.demander) {
      expect(read.place).toBeNull();
      expect([...read.asked].sort()).toEqual([...probe.demander].sort());
    } else {
      expect(read.asked).toEqual([]);
      expect(read.place).toBe(probe.lieu ?? null);
    }
  });
});

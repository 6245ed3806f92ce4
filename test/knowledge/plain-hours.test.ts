// The loader keeps hours of the plain form without asking the opening_hours library: that is
// right only if the library would have kept them as they are, without a warning for the editor.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHours } from "../../knowledge/load/opening-hours.ts";
import { isPlainOpeningHours } from "../../knowledge/load/plain-hours.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/** What the library says of a value it keeps as it is, silently. */
const KEPT = (value: string) => ({ openingHours: value, converted: false, error: undefined, warnings: [] });

function hoursValuesUnder(dir: string, values = new Set<string>()): Set<string> {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hoursValuesUnder(path, values);
    else if (/\.ya?ml$/.test(name)) for (const match of readFileSync(path, "utf8").matchAll(/^\s*horaires_\w+:\s*["']?(.*?)["']?\s*$/gm)) values.add(match[1]!);
  }
  return values;
}

/** Plain rules as editors write them, drawn with a fixed seed: days in order, each once, ranges increasing. */
function plainValues(count: number): string[] {
  let seed = 58;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  const values: string[] = [];
  while (values.length < count) {
    const days = [...DAYS.keys()].filter(() => random() < 0.7);
    const rules: string[] = [];
    for (let k = 0; k < days.length; ) {
      const group = days.slice(k, (k += 1 + Math.floor(random() * (days.length - k))));
      const specs: string[] = [];
      for (let s = 0; s < group.length; ) {
        let e = s;
        while (e + 1 < group.length && group[e + 1] === group[e]! + 1 && random() < 0.8) e++;
        specs.push(e === s ? DAYS[group[s]!]! : `${DAYS[group[s]!]}-${DAYS[group[e]!]}`);
        s = e + 1;
      }
      const ranges: string[] = [];
      for (let end = 300 + Math.floor(random() * 8) * 15, r = 0; r < 1 + Math.floor(random() * 3); r++) {
        const start = end + Math.floor(random() * 4) * 15 + (r > 0 ? 1 : 0);
        end = start + 15 + Math.floor(random() * 40) * 15;
        if (end > 1440) break;
        ranges.push(`${time(start)}-${time(end)}`);
      }
      if (ranges.length > 0) rules.push(`${specs.join(",")} ${ranges.join(",")}`);
    }
    if (rules.length > 0) values.push(rules.join("; "));
  }
  return values;
}

describe("hours of the plain form", () => {
  it("are kept as they are by the opening_hours library too, without a warning", () => {
    const values = [...plainValues(400), "24/7", "Mo-Fr 09:00-12:00,13:30-17:00", "Tu,Th 14:00-24:00"];
    for (const value of values) {
      expect(isPlainOpeningHours(value), value).toBe(true);
      expect(readHours(value), value).toEqual(KEPT(value));
    }
  });

  it("agree with the library on every hours value written in the repository's bases", () => {
    const values = [...hoursValuesUnder(join(ROOT, "knowledge")), ...hoursValuesUnder(join(ROOT, "test"))];
    expect(values.filter(isPlainOpeningHours).length).toBeGreaterThan(20);
    for (const value of values.filter(isPlainOpeningHours)) expect(readHours(value), value).toEqual(KEPT(value));
  });

  it("leave to the library what it converts, warns about or refuses", () => {
    for (const value of [
      "du lundi au vendredi de 9h à 12h",
      "Mo-Fr 09:00-12:00; Mo 14:00-17:00",
      "Mo,Mo 09:00-12:00",
      "Fr-Mo 09:00-12:00",
      "Mo-Fr 14:00-17:00,09:00-12:00",
      "Mo-Fr 09:00-12:00,11:00-13:00",
      "Mo-Fr 22:00-02:00",
      "Mo-Fr 9:00-12:00",
      "Mo-Fr 09:00-12:00; PH off",
      "Mo-Fr 09:00-12:00;Sa 09:00-12:00",
      "Mo-Fr  09:00-12:00",
      "Jan-Jun Mo-Fr 09:00-12:00",
      "Mo-Fr 09:00-24:30",
    ]) {
      expect(isPlainOpeningHours(value), value).toBe(false);
    }
  });
});

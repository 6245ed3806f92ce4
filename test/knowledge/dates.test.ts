// One way to write a date in French for every part of Orienteur (the newsletter wrote « 1 décembre »,
// the checks « 1er décembre »).
import { describe, expect, it } from "vitest";
import { frenchDate as checksDate } from "../../knowledge/checks/messages.ts";
import { frenchDate as newsletterDate } from "../../newsletters/compose/items.ts";

describe("French dates", () => {
  it("writes the first of the month « 1er », the same in the checks and in the newsletter", () => {
    for (const frenchDate of [checksDate, newsletterDate]) {
      expect(frenchDate("2026-12-01")).toBe("1er décembre 2026");
      expect(frenchDate("2026-03-17T14:00")).toBe("17 mars 2026");
    }
  });
});

// Text helpers shared by the bot and the newsletter, each written once (knowledge/text): dates,
// control characters, phone links. The copies they replace had drifted apart.
import { describe, expect, it } from "vitest";
import { frenchDate as checksDate } from "../../knowledge/checks/messages.ts";
import { oneLine, stripControls } from "../../knowledge/text/control.ts";
import { telHref } from "../../knowledge/text/html.ts";
import { frenchDate as newsletterDate } from "../../newsletters/compose/items.ts";

describe("French dates", () => {
  it("writes the first of the month « 1er », the same in the checks and in the newsletter (it wrote « 1 décembre »)", () => {
    for (const frenchDate of [checksDate, newsletterDate]) {
      expect(frenchDate("2026-12-01")).toBe("1er décembre 2026");
      expect(frenchDate("2026-03-17T14:00")).toBe("17 mars 2026");
    }
  });
});

describe("control characters", () => {
  it("removes controls and bidi overrides but keeps line breaks, or puts everything on one line", () => {
    const typed = "Portage\u202e de repas\u0007\nà Clamecy";
    expect(stripControls(typed)).toBe("Portage de repas\nà Clamecy");
    expect(oneLine(typed)).toBe("Portage de repas à Clamecy");
  });
});

describe("phone links", () => {
  it("writes a French number in international form, and leaves a short number as it is", () => {
    expect(telHref("01 99 00 12 34")).toBe("+33199001234");
    expect(telHref("3114")).toBe("3114");
  });
});

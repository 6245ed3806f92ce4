// The web directory as a person sees it, in a real headless Chromium at phone (375 px) and desktop
// (1280 px) widths: landmarks, nothing covered and no sideways scrolling, the report form reached
// and sent with the keyboard alone, and an accessibility check (axe-core) with no serious or
// critical violation. Screenshots go to tmp/directory-*.png, to be looked at once by a person.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoOrienteur } from "../helpers/bases.ts";
import { accessibilityProblems, launchChromium, type TestBrowser } from "../helpers/browser.ts";
import { startDirectoryServer, type DirectoryServer } from "./directory-server.ts";

const WIDTHS = [375, 1280] as const;
const LAYOUT_CHECK = readFileSync(new URL("../helpers/layout-problems.js", import.meta.url), "utf8");
const SCREENSHOTS = fileURLToPath(new URL("../../tmp/", import.meta.url));

const PAGES = {
  service: "/services/portage-repas-coeur-de-loire",
  besoins: "/besoins",
  besoin: `/besoins/portage-repas?lieu=${encodeURIComponent("Nièvre")}`,
  lieu: "/lieux?lieu=Clamecy",
  homonymes: "/lieux?lieu=Montigny",
  agenda: "/agenda",
  pratiques: "/pratiques",
  couverture: "/couverture?tri=manque&ordre=desc",
} as const;

let server: DirectoryServer;
let browser: TestBrowser;

beforeAll(async () => {
  server = await startDirectoryServer(await demoOrienteur(), "2027-01-15");
  // The pages have no script of their own; JavaScript is on only to run axe-core, let in past the CSP.
  browser = await launchChromium({ bypassCSP: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width: number, path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: width < 500 ? 740 : 900 });
  await page.goto(`${server.url}${path}`);
  return page;
}

describe.each(WIDTHS)("directory pages at %i px", (width) => {
  it.each(Object.entries(PAGES))("shows %s with its landmarks, nothing covered, no sideways scroll, no serious accessibility violation", async (name, path) => {
    const page = await open(width, path);
    expect(await page.getByRole("banner").count()).toBe(1);
    expect(await page.getByRole("navigation", { name: "Annuaire" }).count()).toBe(1);
    expect(await page.getByRole("main").count()).toBe(1);
    expect(await page.getByRole("heading", { level: 1 }).count()).toBe(1);
    expect(await page.evaluate(LAYOUT_CHECK)).toEqual([]);
    expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `directory-${name}-${width}.png`), fullPage: true });
    await page.close();
  }, 60_000);

  it("reaches the report form with the keyboard alone and sends it", async () => {
    const page = await open(width, PAGES.service);
    // Tab from the top of the page until the report's text field has the focus.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = (await page.evaluate("document.activeElement?.id === 'texte'")) as boolean;
    }
    expect(reached).toBe(true);
    await page.keyboard.type(`Les horaires ont changé (${width} px).`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Envoyer le signalement");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    expect(await page.locator(".message[role=status]").first().textContent()).toMatch(/Merci : votre signalement n° \d+ est enregistré/);
    expect(server.feedback.signalements().some((s) => s.texte.includes(`(${width} px)`))).toBe(true);
    expect(await page.evaluate(LAYOUT_CHECK)).toEqual([]);
    await page.close();
  }, 60_000);

  it("leads from the question page to the directory", async () => {
    const page = await open(width, "/");
    expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, `directory-accueil-${width}.png`) });
    await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "par besoin" }).click()]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Besoins");
    await page.close();
  }, 60_000);

  it("filters a need by a typed place with the form", async () => {
    const page = await open(width, "/besoins/portage-repas");
    await page.fill("#lieu", "Clamecy");
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Filtrer" }).click()]);
    expect(page.url()).toContain("lieu=Clamecy");
    expect(await page.getByRole("link", { name: /Portage de repas/ }).count()).toBeGreaterThan(0);
    expect(await page.locator("main").textContent()).toContain("à Clamecy");
    await page.close();
  }, 60_000);
});

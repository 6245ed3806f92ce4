// The campaign pages as a service sees them, in a real headless Chromium at phone (375 px) and
// desktop (1280 px) widths, JavaScript off: the fiche and its two answers are visible and free,
// the correction form is usable, a forged link gets a French page, axe-core finds no serious
// accessibility violation, and « Tout est juste » works from the keyboard alone.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaignRepository } from "../../bot/campaigns/repository.ts";
import { signCampaignToken } from "../../bot/campaigns/token.ts";
import { readConfig } from "../../bot/server/config.ts";
import { createLogger } from "../../bot/server/logger.ts";
import { startServer, type RunningServer } from "../../bot/server/start.ts";
import { openStore } from "../../bot/store/store.ts";
import { todayInParis } from "../../knowledge/checks/run.ts";
import { MINI_DIR } from "../helpers/bases.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "../helpers/browser.ts";

const SECRET = "d".repeat(40);
const WIDTHS = [375, 1280] as const;
const SERVICE = "saad-nievre";
const LAYOUT_CHECK = readFileSync(new URL("../helpers/layout-problems.js", import.meta.url), "utf8");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/** Where screenshots go when SCREENSHOTS_DIR is set, to be looked at once by a person. */
const SHOTS = process.env.SCREENSHOTS_DIR;

let dir: string;
let db: string;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
/** Scripts on, for axe-core only: its checks wait on timers, which never fire with JavaScript off. */
let axeContext: BrowserContext;
/** One link per width: each width confirms once. */
const tokens = new Map<number, string>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed for the page tests: apt-get install chromium (or set CHROMIUM_PATH; looked for ${CHROMIUM}).`);
  dir = mkdtempSync(join(tmpdir(), "orienteur-campagne-pages-"));
  cpSync(MINI_DIR, join(dir, "base"), { recursive: true });
  db = join(dir, "etat.sqlite");
  const store = openStore(db);
  const repository = createCampaignRepository(store.db);
  for (const width of WIDTHS) {
    const request = repository.addRequest({ campaign: "essai", serviceId: SERVICE, email: "contact@saad.example.org", expiresAt: Date.now() + 86_400_000 });
    tokens.set(width, signCampaignToken(SECRET, request.id, SERVICE, request.expiresAt));
  }
  store.close();
  const { config } = readConfig({ ORIENTEUR_DB: db, ORIENTEUR_SECRET: SECRET });
  server = await startServer({ kb: join(dir, "base"), port: 0, host: "127.0.0.1", config, handleSignals: false, logger: createLogger({ level: "silent" }), report: () => {} });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  context = await browser.newContext({ javaScriptEnabled: false });
  axeContext = await browser.newContext();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(width: number, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: width < 500 ? 740 : 900 });
  await page.goto(`${server.url}${path}`);
  return page;
}

/** What a person would notice: a message or control hidden or covered, controls overlapping. */
const layoutProblems = (page: Page) => page.evaluate(LAYOUT_CHECK) as Promise<string[]>;

/** axe-core's serious and critical violations on the same address, as « rule: help (n elements) ». */
async function seriousViolations(shown: Page): Promise<string[]> {
  const page = await axeContext.newPage();
  await page.setViewportSize(shown.viewportSize()!);
  await page.goto(shown.url());
  const result = (await page.evaluate(`${AXE}\n;axe.run(document, { resultTypes: ["violations"] })`)) as { violations: { id: string; impact: string; help: string; nodes: unknown[] }[] };
  await page.close();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

async function shot(page: Page, name: string, width: number): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `campagne-${name}-${width}.png`), fullPage: true });
}

describe.each(WIDTHS)("campaign pages at %i px", (width) => {
  it("shows the fiche with « Tout est juste » and « Proposer une correction », nothing covered, no serious accessibility violation", async () => {
    const page = await open(width, `/campagne/${tokens.get(width)}`);
    expect(await page.locator("h2").first().textContent()).toContain("Aide à domicile de la Nièvre");
    expect(await page.getByRole("button", { name: "Tout est juste" }).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Proposer une correction" }).isVisible()).toBe(true);
    expect(await layoutProblems(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "fiche", width);
    await page.close();
  }, 30_000);

  it("shows the correction form with every field labelled and filled, nothing covered", async () => {
    const page = await open(width, `/campagne/${tokens.get(width)}/corriger`);
    expect(await page.getByLabel("Nom du service").inputValue()).toBe("Aide à domicile de la Nièvre");
    expect(await page.getByLabel("Téléphone").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Envoyer la correction" }).isVisible()).toBe(true);
    expect(await layoutProblems(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "correction", width);
    // Sent untouched, every field comes back equal to the base: nothing to report, the form says so.
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Envoyer la correction" }).click()]);
    expect(await page.locator(".message.erreur").textContent()).toContain("Vous n'avez rien modifié");
    expect(await page.getByLabel("Nom du service").inputValue()).toBe("Aide à domicile de la Nièvre");
    expect(await layoutProblems(page)).toEqual([]);
    await page.close();
  }, 30_000);

  it("refuses a forged link with a French page", async () => {
    const page = await open(width, `/campagne/${tokens.get(width)!.slice(0, -2)}xx`);
    expect(await page.locator(".message.erreur").textContent()).toContain("Ce lien n'est pas valable");
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, 30_000);

  it("confirms from the keyboard alone", async () => {
    const page = await open(width, `/campagne/${tokens.get(width)}`);
    // Tab through the page until « Tout est juste » has the focus, then press Enter.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate("document.activeElement && document.activeElement.textContent")) === "Tout est juste") break;
    }
    expect(await page.evaluate("document.activeElement.textContent")).toBe("Tout est juste");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    // The second width finds the fiche already confirmed today, and says so.
    expect(await page.locator(".message").textContent()).toMatch(/^Merci(?: !|, c'est déjà fait)/);
    expect(await layoutProblems(page)).toEqual([]);
    await shot(page, "merci", width);
    expect(readFileSync(join(dir, "base/services", `${SERVICE}.yaml`), "utf8")).toContain(`date_maj: ${todayInParis()}`);
    await page.close();
  }, 30_000);
});

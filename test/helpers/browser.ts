// Debian's Chromium for the page tests, through playwright-core: one throw-away profile per test
// file, the same flags everywhere, and axe-core's serious and critical findings in one place.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** The browser the page tests drive (CHROMIUM_PATH, else Debian's). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags for a quiet headless run on a CI machine: no sandbox, no GPU, nothing fetched behind our back. */
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts Chromium with a fresh profile; when missing, the error says how to install it.
 * @param options.javaScriptEnabled false for pages that must work without JavaScript.
 * @param options.bypassCSP true to let axe-core run past the pages' Content-Security-Policy.
 */
export async function launchChromium(options: { javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed for the page tests: apt-get install chromium (or set CHROMIUM_PATH; looked for ${CHROMIUM}).`);
  const profile = mkdtempSync(join(tmpdir(), "orienteur-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const AXE = readFileSync(fileURLToPath(import.meta.resolve("axe-core/axe.min.js")), "utf8");

/** Serious and critical violations axe-core finds on the page (WCAG 2.1 A and AA, best practices), as « rule: targets ». */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  // A string, run in the page: Node's tsconfig has no DOM types (as test/helpers/layout-problems.js).
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }).then((result) => result.violations)`,
  )) as { id: string; impact: string; nodes: { target: string[] }[] }[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

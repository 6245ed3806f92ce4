// The web page's conversation as a person uses it, in a real headless Chromium, with JavaScript on
// and off: the options the bot offers (which need? more services?) are buttons, and pressing one
// continues the conversation as typing its number would.
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../bot/server/config.ts";
import { startServer, type RunningServer } from "../../bot/server/start.ts";
import { launchChromium, type TestBrowser } from "../helpers/browser.ts";

const DEMO_DIR = fileURLToPath(new URL("../../knowledge/demo-nievre", import.meta.url));

let server: RunningServer;
let browser: TestBrowser;
let noScript: TestBrowser;

beforeAll(async () => {
  const { config } = readConfig({ ORIENTEUR_DB: ":memory:", ORIENTEUR_SECRET: "s".repeat(40) });
  server = await startServer({ kb: DEMO_DIR, port: 0, host: "127.0.0.1", handleSignals: false, config, report: () => {} });
  browser = await launchChromium();
  noScript = await launchChromium({ javaScriptEnabled: false });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await noScript?.close();
  await server?.stop();
});

/** Types a question and sends it; resolves once its answer is on the page. */
async function ask(page: Page, question: string): Promise<void> {
  const before = await page.locator("section.echange").count();
  await page.fill("#question", question);
  await page.click("button[type=submit]");
  await page.locator("section.echange").nth(before).locator(".reponse").waitFor({ timeout: 10_000 });
}

describe("choices on the web page", () => {
  it("shows the needs it offers as buttons, and pressing one answers for that need and the place asked", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await ask(page, "aide à Nevers");
    const option = page.getByRole("button", { name: "Aide et accompagnement à domicile (SAAD)" });
    await option.click();
    const answer = page.locator("section.echange").nth(1);
    await answer.locator(".reponse").waitFor({ timeout: 10_000 });
    expect(await answer.locator(".question").textContent()).toBe("2. Aide et accompagnement à domicile (SAAD)");
    expect(await answer.locator(".reponse").textContent()).toContain("Service d'aide à domicile de l'agglomération de Nevers");
    // The first answer's options are spent: one offer, one pick.
    expect(await option.isDisabled()).toBe(true);
    await page.close();
  });

  it("answers in the thread, without loading the page again, when an option of an answer the server rendered is pressed", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/?q=${encodeURIComponent("aide à Nevers")}`);
    await page.getByRole("button", { name: "Aide et accompagnement à domicile (SAAD)" }).click();
    const answer = page.locator("section.echange").nth(1);
    await answer.locator(".reponse").waitFor({ timeout: 10_000 });
    expect(await answer.locator(".question").textContent()).toBe("2. Aide et accompagnement à domicile (SAAD)");
    expect(await answer.locator(".reponse").textContent()).toContain("Service d'aide à domicile de l'agglomération de Nevers");
    expect(new URL(page.url()).searchParams.get("q")).toBe("aide à Nevers");
    await page.close();
  });

  it("answers « 2 » typed under a numbered question, and « plus » with the next services", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await ask(page, "aide à Nevers");
    await ask(page, "2");
    expect(await page.locator("section.echange").nth(1).locator(".reponse").textContent()).toContain("Service d'aide à domicile de l'agglomération de Nevers");
    await ask(page, "santé mentale à Nevers");
    expect(await page.locator("section.echange").nth(2).getByRole("button", { name: "Voir le service suivant" }).count()).toBe(1);
    await ask(page, "plus");
    expect(await page.locator("section.echange").nth(3).locator(".reponse").textContent()).toContain("SAMSAH");
    await page.close();
  });
});

describe("choices on the web page without JavaScript", () => {
  /** Submits the form as a browser without scripts does: the page comes back with the answer. */
  async function askPlainly(page: Page, question: string): Promise<void> {
    await page.fill("#question", question);
    await Promise.all([page.waitForURL(/[?&]q=/), page.click("#formulaire button[type=submit]")]);
  }

  it("shows the needs it offers as buttons of a form, and pressing one answers for that need and the place asked", async () => {
    const page = await noScript.context.newPage();
    await page.goto(server.url);
    await askPlainly(page, "aide à Nevers");
    const option = page.getByRole("button", { name: "Aide et accompagnement à domicile (SAAD)" });
    await Promise.all([page.waitForURL(/[?&]q=2(&|$)/), option.click()]);
    expect(await page.locator(".reponse").textContent()).toContain("Service d'aide à domicile de l'agglomération de Nevers");
    await page.close();
  });

  it("continues the conversation from one page to the next: more services, then a follow-up typed in the form", async () => {
    const page = await noScript.context.newPage();
    await page.goto(server.url);
    await askPlainly(page, "santé mentale à Nevers");
    await Promise.all([page.waitForURL(/[?&]q=1(&|$)/), page.getByRole("button", { name: "Voir le service suivant" }).click()]);
    expect(await page.locator(".reponse").textContent()).toContain("SAMSAH");
    await askPlainly(page, "et à Decize ?");
    const followUp = await page.locator(".reponse").textContent();
    expect(followUp).toContain("Je reprends votre besoin précédent");
    expect(followUp).toContain("Decize");
    await page.close();
  });
});

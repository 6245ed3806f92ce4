// The newsletter pages as a person sees them, in a real headless Chromium at phone (375 px) and
// desktop (1280 px) widths, JavaScript off (the pages must work without it): every message is
// visible, no control covers another, the territory reads as a name, erasure asks first.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signToken } from "../../newsletters/subscribers/tokens.ts";
import { launchChromium, type TestBrowser } from "../helpers/browser.ts";
import { form, startLettreServer, type LettreServer } from "../helpers/lettre.ts";
import { waitFor } from "../helpers/wait.ts";

const SECRET = "b".repeat(40);
const WIDTHS = [375, 1280] as const;
const LAYOUT_CHECK = readFileSync(new URL("../helpers/layout-problems.js", import.meta.url), "utf8");

let lettre: LettreServer;
let browser: TestBrowser;

beforeAll(async () => {
  lettre = await startLettreServer(SECRET);
  browser = await launchChromium({ javaScriptEnabled: false });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await lettre?.close();
});

/**
 * What a person would notice on the page: a message or control hidden under another element, two
 * controls overlapping, or a page wider than the screen. Each item is scrolled to first.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(LAYOUT_CHECK) as Promise<string[]>;
}

/** The text of the first element matching `selector`, once it is there (after a form was sent). */
async function textOf(page: Page, selector: string): Promise<string> {
  const element = page.locator(selector).first();
  await element.waitFor({ state: "visible", timeout: 10_000 });
  return (await element.textContent()) ?? "";
}

async function open(width: number, url: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: width < 500 ? 740 : 900 });
  await page.goto(url);
  return page;
}

/** A confirmed subscriber and the preferences link their newsletter carries. */
async function preferencesLink(email: string): Promise<string> {
  await fetch(`${lettre.server.url}/lettre/abonnement`, form({ courriel: email, prenom: "Camille", territoire: "Clamecy", themes: ["Santé", "Autonomie et vieillissement"] }));
  await waitFor(() => lettre.sink.received.some((m) => m.to === email), `the confirmation e-mail to ${email}`);
  const mail = await lettre.sink.parse(lettre.sink.received.map((m) => m.to).lastIndexOf(email));
  await fetch(lettre.local(mail.text!.match(/https:\/\/orienteur\.example\.org\/lettre\/confirmation\?jeton=\S+/)![0]), { method: "POST" });
  return `${lettre.server.url}/lettre/preferences?jeton=${encodeURIComponent(signToken(SECRET, "preferences", lettre.subscriber(email)!.id))}`;
}

describe.each(WIDTHS)("newsletter pages at %i px", (width) => {
  it("shows the intro and the form of /lettre, nothing covered", async () => {
    const page = await open(width, `${lettre.server.url}/lettre`);
    expect(await page.locator(".intro").isVisible()).toBe(true);
    expect(await layoutProblems(page)).toEqual([]);
    await page.close();
  }, 30_000);

  it("shows a server-side error above the form, which keeps what was typed", async () => {
    const page = await open(width, `${lettre.server.url}/lettre`);
    await page.fill("#courriel", `erreur-${width}@example.org`);
    await page.fill("#prenom", "Léa");
    await page.fill("#territoire", "Atlantide");
    await page.check('input[value="Santé"]');
    await page.click("button[type=submit]");
    expect(await textOf(page, ".message.erreur")).toContain("Territoire introuvable : « Atlantide »");
    expect(await page.inputValue("#courriel")).toBe(`erreur-${width}@example.org`);
    expect(await page.inputValue("#prenom")).toBe("Léa");
    expect(await page.inputValue("#territoire")).toBe("Atlantide");
    expect(await page.isChecked('input[value="Santé"]')).toBe(true);
    expect(await layoutProblems(page)).toEqual([]);
    await page.close();
  }, 30_000);

  it("shows the preferences with the territory's name, every button reachable", async () => {
    const page = await open(width, await preferencesLink(`prefs-${width}@example.org`));
    expect(await page.inputValue("#territoire")).toBe("Clamecy");
    expect(await page.isChecked('input[value="Santé"]')).toBe(true);
    expect(await page.getByRole("button", { name: "Me désabonner" }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Tout effacer" }).isVisible()).toBe(true);
    expect(await layoutProblems(page)).toEqual([]);

    await page.fill("#territoire", "Atlantide");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    expect(await textOf(page, ".message.erreur")).toContain("Territoire introuvable");
    expect(await page.inputValue("#territoire")).toBe("Atlantide");
    expect(await layoutProblems(page)).toEqual([]);
    await page.close();
  }, 30_000);

  it("asks before unsubscribing from a newsletter's link, then says it is done", async () => {
    const email = `depart-${width}@example.org`;
    await preferencesLink(email);
    const page = await open(width, `${lettre.server.url}/lettre/desabonnement?jeton=${encodeURIComponent(signToken(SECRET, "desabonner", lettre.subscriber(email)!.id))}`);
    expect(await textOf(page, "main form p")).toContain("Voulez-vous vraiment vous désabonner");
    expect(await layoutProblems(page)).toEqual([]);
    await page.getByRole("button", { name: "Me désabonner" }).click();
    expect(await textOf(page, ".message")).toContain("Vous êtes désabonné·e");
    expect(lettre.subscriber(email)?.status).toBe("desabonne");
    await page.close();
  }, 30_000);

  it("asks before erasing, then erases, without JavaScript", async () => {
    const email = `efface-${width}@example.org`;
    const page = await open(width, await preferencesLink(email));
    await page.getByRole("button", { name: "Tout effacer" }).click();
    expect(await textOf(page, "main form p")).toContain("Voulez-vous vraiment effacer toutes vos données ?");
    expect(lettre.subscriber(email)).toBeDefined();
    expect(await layoutProblems(page)).toEqual([]);
    await page.getByRole("button", { name: "Oui, tout effacer" }).click();
    expect(await textOf(page, ".message")).toContain("Toutes vos données ont été effacées");
    expect(lettre.subscriber(email)).toBeUndefined();
    expect(await layoutProblems(page)).toEqual([]);
    await page.close();
  }, 30_000);
});

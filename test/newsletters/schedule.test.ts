import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { renderText } from "../../bot/render/text.ts";
import { draftDue, prepareDraft } from "../../newsletters/schedule.ts";
import { demoOrienteur } from "../helpers/bases.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("scheduled drafts", () => {
  it("is due when the cadence has elapsed since the last issue, or when there is none", () => {
    expect(draftDue(undefined, "mensuelle", "2026-11-23")).toBe(true);
    expect(draftDue("2026-11-02", "mensuelle", "2026-11-23")).toBe(false);
    expect(draftDue("2026-11-02", "mensuelle", "2026-12-02")).toBe(true);
    expect(draftDue("2026-11-02", "trimestrielle", "2027-01-15")).toBe(false);
  });

  it("writes the next draft once, loadable as an issue, and tells the editors what it would announce", async () => {
    const orienteur = await demoOrienteur();
    const dir = mkdtempSync(join(tmpdir(), "orienteur-brouillon-"));
    dirs.push(dir);
    const options = { archiveDir: join(dir, "lettres"), draftsDir: join(dir, "brouillons"), cadence: "mensuelle" as const, today: "2026-11-23" };
    const draft = await prepareDraft(orienteur, options);
    expect(draft?.numero).toBe(1);
    expect(readFileSync(draft!.path, "utf8")).toContain('titre: "Lettre de novembre 2026"');
    const text = renderText(draft!.message);
    expect(text).toMatch(/Depuis la lettre précédente : \d+ nouveau\(x\) service\(s\)/);
    expect(text).toContain("Rien n'est envoyé sans vous.");
    expect(await prepareDraft(orienteur, options)).toBeUndefined();
  });
});

// A broken issue file: the editor reads a French message with the file, the line and the fix.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runNewsletter } from "../../bot/cli/commands/newsletter.ts";
import { IssueError, loadIssue } from "../../newsletters/load-issue.ts";
import { DEMO_DIR, demoOrienteur } from "../helpers/bases.ts";

const dir = mkdtempSync(join(tmpdir(), "orienteur-lettre-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function issueFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function errorOf(path: string, withBase = false): Promise<string> {
  try {
    await loadIssue(path, withBase ? await demoOrienteur() : undefined);
  } catch (error) {
    expect(error).toBeInstanceOf(IssueError);
    return (error as Error).message;
  }
  throw new Error("expected an IssueError");
}

const VALID = `numero: 2
date: 2026-12-15
titre: Lettre de décembre
editorial: |
  Un éditorial assez long pour être accepté.
`;

describe("loadIssue", () => {
  it("names the file, the line and the field of a date that does not exist", async () => {
    const path = issueFile("mauvaise-date.yaml", VALID.replace("2026-12-15", "2026-13-45"));
    expect(await errorOf(path)).toContain(`${path}:2:7 — champ « date » : cette date n'existe pas dans le calendrier`);
  });

  it("names a misspelt field and lists the possible ones", async () => {
    const path = issueFile("champ-inconnu.yaml", `${VALID}astuse: Une astuce pour tout le monde.\n`);
    expect(await errorOf(path)).toContain(`${path}:6:1 — champ « astuse » : champ inconnu : « astuse » (faute de frappe ?). Champs possibles : numero, date, titre`);
  });

  it("says which required field is missing", async () => {
    const path = issueFile("sans-titre.yaml", VALID.replace("titre: Lettre de décembre\n", ""));
    expect(await errorOf(path)).toContain("champ « titre » : champ obligatoire manquant : ajoutez-le (un texte attendu)");
  });

  it("points at the line of a YAML syntax error", async () => {
    const path = issueFile("syntaxe.yaml", `numero: 2\ndate: 2026-12-15\ntitre: "Lettre de décembre\neditorial: x\n`);
    expect(await errorOf(path)).toMatch(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+ : YAML illisible`));
  });

  it("names a service the base does not have", async () => {
    const path = issueFile("service-inconnu.yaml", `${VALID}services:\n  - halte-repit-decize\n  - ssiad-introuvable\n`);
    expect(await errorOf(path, true)).toContain(`${path}:8:5 — champ « services[1] » : le service « ssiad-introuvable » n'existe pas dans la base`);
  });

  it("refuses `depuis` after the issue's date", async () => {
    const path = issueFile("depuis.yaml", `${VALID}depuis: 2027-01-01\n`);
    expect(await errorOf(path)).toContain("champ « depuis » : `depuis` doit être avant la date de la lettre");
  });

  it("reads a valid file", async () => {
    const { issue } = await loadIssue(issueFile("valide.yaml", VALID), await demoOrienteur());
    expect(issue).toMatchObject({ numero: 2, date: "2026-12-15", titre: "Lettre de décembre" });
  });
});

describe("orienteur newsletter build", () => {
  it("exits with 1 and the French file:line error for a broken issue file", async () => {
    const path = issueFile("cli.yaml", VALID.replace("numero: 2", "numero: deux"));
    const out: string[] = [];
    const err: string[] = [];
    const code = await runNewsletter(["build", path], { kb: DEMO_DIR, out: join(dir, "var") }, { out: (t) => out.push(t), err: (t) => err.push(t) });
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join("\n")).toContain(`${path}:1:9 — champ « numero » : un nombre attendu, trouvé le texte « deux »`);
  });

  it("explains how to call it when the file is missing", async () => {
    const err: string[] = [];
    const code = await runNewsletter(["build"], { kb: DEMO_DIR }, { out: () => {}, err: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join("\n")).toContain("orienteur newsletter build newsletters/issues/2026-12.yaml");
  });
});

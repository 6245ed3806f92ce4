// `orienteur kb verifier <id>` (« marquer comme à jour »): the service's `date_maj` changes in
// its YAML file, and nothing else does — comments, quotes, folded text and blank lines stay.
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runQualityChecks, todayInParis } from "../../knowledge/checks/run.ts";
import { markVerified } from "../../knowledge/edit/mark-verified.ts";
import { loadKnowledge } from "../../knowledge/load/load-knowledge.ts";
import { runCli } from "../helpers/cli.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const QUALITY_DIR = fileURLToPath(new URL("../fixtures/quality-base", import.meta.url));
const TODAY = "2026-11-23";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A throwaway copy of the quality base, with service files added. */
function copyOfQualityBase(files: Record<string, string> = {}): string {
  dir = mkdtempSync(join(tmpdir(), "orienteur-verify-"));
  cpSync(QUALITY_DIR, dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
  return dir;
}

const read = (path: string) => readFileSync(join(dir, path), "utf8");

/** The lines that differ between two versions of a file with the same number of lines. */
function changedLines(before: string, after: string): { line: number; before: string; after: string }[] {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b.length).toBe(a.length);
  return a.flatMap((text, i) => (text === b[i] ? [] : [{ line: i + 1, before: text, after: b[i]! }]));
}

const run = (args: string[]) => runCli(args);

// Two services in one list file, in the styles editors use: quoted date, folded text, comments.
const LIST_FILE = `# Deux services fictifs dans un seul fichier.
- id: repas-morvan
  nom: Portage de repas du Morvan
  description_falc: On apporte des repas chez vous, dans le Morvan.
  description: >-
    Livraison de repas au domicile des personnes âgées,
    cinq jours sur sept.
  besoins: [portage-repas]
  publics: [personnes-agees]
  zone_eligibilite: ["200067890"]
  telephone: 01 99 00 10 31
  date_maj: "2026-01-02"   # vérifié par courriel

# Le second n'a jamais été vérifié.
- id: repas-bazois
  nom: Portage de repas du Bazois
  description_falc: On apporte des repas chez vous, dans le Bazois.
  description: Livraison de repas au domicile des personnes âgées du Bazois.
  besoins: [portage-repas]
  publics: [personnes-agees]
  zone_eligibilite: ["200067882"]
  telephone: 01 99 00 10 32
  mots_cles:
    - repas
    - livraison
`;

describe("marking a service as checked", () => {
  it("changes only the date on the date_maj line, keeping its comment and every other byte", async () => {
    copyOfQualityBase();
    const before = read("services/ssiad-clamecy.yaml");
    const edit = await markVerified(dir, "ssiad-clamecy", { date: "2026-11-20", today: TODAY });
    const after = read("services/ssiad-clamecy.yaml");
    expect(changedLines(before, after)).toEqual([{ line: 15, before: "date_maj: 2025-01-15 # à revoir", after: "date_maj: 2026-11-20 # à revoir" }]);
    expect(after).toContain("# Vérifié par téléphone auprès de l'infirmière coordinatrice.\n");
    expect(edit).toEqual({
      id: "ssiad-clamecy",
      file: "services/ssiad-clamecy.yaml",
      line: 15,
      before: "2025-01-15",
      after: "2026-11-20",
      lineBefore: "date_maj: 2025-01-15 # à revoir",
      lineAfter: "date_maj: 2026-11-20 # à revoir",
      changed: true,
    });
  });

  it("makes the stale warning go away", async () => {
    copyOfQualityBase();
    const stale = async () => runQualityChecks(await loadKnowledge(dir), undefined, { today: TODAY }).filter((p) => p.code === "date-maj-ancienne" && p.file === "services/ssiad-clamecy.yaml");
    expect(await stale()).toHaveLength(1);
    await markVerified(dir, "ssiad-clamecy", { today: TODAY });
    expect(await stale()).toEqual([]);
  });

  it("edits one entry of a list file, keeping its quotes and alignment, and leaves the other entries alone", async () => {
    copyOfQualityBase({ "services/repas.yaml": LIST_FILE });
    await markVerified(dir, "repas-morvan", { date: "2026-11-20", today: TODAY });
    expect(changedLines(LIST_FILE, read("services/repas.yaml"))).toEqual([
      { line: 12, before: '  date_maj: "2026-01-02"   # vérifié par courriel', after: '  date_maj: "2026-11-20"   # vérifié par courriel' },
    ]);
  });

  it("adds date_maj as the last field of an entry that has none, aligned with its other fields", async () => {
    copyOfQualityBase({ "services/repas.yaml": LIST_FILE });
    const edit = await markVerified(dir, "repas-bazois", { date: "2026-11-20", today: TODAY });
    expect(read("services/repas.yaml")).toBe(LIST_FILE.replace("    - livraison\n", "    - livraison\n  date_maj: 2026-11-20\n"));
    expect(edit).toMatchObject({ file: "services/repas.yaml", line: 26, before: undefined, lineBefore: undefined, lineAfter: "  date_maj: 2026-11-20" });
    // The base loads again: date_maj was the missing required field.
    expect((await loadKnowledge(dir)).services.find((s) => s.id === "repas-bazois")?.date_maj).toBe("2026-11-20");
  });

  it("adds date_maj to a one-service file with no final newline", async () => {
    const file = "# Fictif.\nid: repas-nevers\nnom: Portage de repas de Nevers\ndescription_falc: On apporte des repas chez vous, à Nevers.\ndescription: Livraison de repas au domicile des personnes âgées de Nevers.\nbesoins: [portage-repas]\npublics: [personnes-agees]\nzone_eligibilite: [\"58194\"]\ntelephone: 01 99 00 10 33";
    copyOfQualityBase({ "services/repas-nevers.yaml": file });
    await markVerified(dir, "repas-nevers", { date: "2026-11-20", today: TODAY });
    expect(read("services/repas-nevers.yaml")).toBe(`${file}\ndate_maj: 2026-11-20\n`);
  });

  it("writes nothing when the service is already marked on that date", async () => {
    copyOfQualityBase();
    const path = join(dir, "services/ssiad-clamecy.yaml");
    await markVerified(dir, "ssiad-clamecy", { date: "2026-11-20", today: TODAY });
    const written = statSync(path).mtimeMs;
    const again = await markVerified(dir, "ssiad-clamecy", { date: "2026-11-20", today: TODAY });
    expect(again.changed).toBe(false);
    expect(statSync(path).mtimeMs).toBe(written);
  });

  it("refuses an unknown service with the closest identifier, a date that does not exist, and a date in the future", async () => {
    copyOfQualityBase();
    await expect(markVerified(dir, "ssiad-clamcy", { today: TODAY })).rejects.toThrow("Aucun service « ssiad-clamcy » dans services/ ; vouliez-vous dire « ssiad-clamecy » ?");
    await expect(markVerified(dir, "ssiad-clamecy", { date: "2026-02-30", today: TODAY })).rejects.toThrow("Date « 2026-02-30 » invalide : écrivez-la au format AAAA-MM-JJ (ex. 2026-03-15).");
    await expect(markVerified(dir, "ssiad-clamecy", { date: "2026-12-01", today: TODAY })).rejects.toThrow(
      "La date 2026-12-01 est dans le futur : on marque à jour une fiche à la date où on l'a vérifiée.",
    );
  });
});

describe("orienteur kb verifier", () => {
  it("marks the service as checked today and prints the line before and after", async () => {
    copyOfQualityBase();
    const today = todayInParis();
    const { code, stdout } = await run(["kb", "verifier", "ssiad-clamecy", "--kb", dir]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `services/ssiad-clamecy.yaml:15 : « ssiad-clamecy » marqué comme à jour (date_maj 2025-01-15 → ${today}).\n  - date_maj: 2025-01-15 # à revoir\n  + date_maj: ${today} # à revoir\n`,
    );
    expect(read("services/ssiad-clamecy.yaml")).toContain(`\ndate_maj: ${today} # à revoir\n`);
  });

  it("takes the date of the check after the identifier", async () => {
    copyOfQualityBase();
    const { code, stdout } = await run(["kb", "verifier", "portage-clamecy", "2026-11-02", "--kb", dir]);
    expect(code).toBe(0);
    expect(stdout).toContain("services/portage-clamecy.yaml:12 : « portage-clamecy » marqué comme à jour (date_maj 2026-09-01 → 2026-11-02).");
  });

  it("takes --date AAAA-MM-JJ", async () => {
    copyOfQualityBase();
    const { code, stdout } = await run(["kb", "verifier", "portage-clamecy", "--date", "2026-11-03", "--kb", dir]);
    expect(code).toBe(0);
    expect(stdout).toContain("(date_maj 2026-09-01 → 2026-11-03)");
  });

  it("exits with 1 and suggests the closest identifier for an unknown service, changing no file", async () => {
    copyOfQualityBase();
    const before = read("services/ssiad-clamecy.yaml");
    const { code, stderr } = await run(["kb", "verifier", "ssiad-clamcy", "--kb", dir]);
    expect(code).toBe(1);
    expect(stderr).toBe("Aucun service « ssiad-clamcy » dans services/ ; vouliez-vous dire « ssiad-clamecy » ?\n");
    expect(read("services/ssiad-clamecy.yaml")).toBe(before);
  });
});

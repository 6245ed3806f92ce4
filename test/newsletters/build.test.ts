// Building issues for real: preview folder, sample e-mail, archive, and what each build announced.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runNewsletter } from "../../bot/cli/commands/newsletter.ts";
import { readAnnouncements } from "../../newsletters/archive/store.ts";
import { buildIssue, type BuildOptions } from "../../newsletters/build.ts";
import { DEMO_DIR, demoOrienteur } from "../helpers/bases.ts";

const ISSUES = fileURLToPath(new URL("../../newsletters/issues/", import.meta.url));

let dir: string;
let options: (numero: number) => BuildOptions;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "orienteur-build-"));
  options = (numero) => ({ archiveDir: join(dir, "lettres"), previewDir: join(dir, "apercu", String(numero)), baseUrl: "https://orienteur.example.org", now: new Date("2026-11-23T10:00:00Z") });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A demo issue file copied alone into a fresh folder, so its neighbour is not found. */
function copyIssue(name: string): string {
  const folder = join(dir, "issues");
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(ISSUES, name), join(folder, name));
  return join(folder, name);
}

const versions = (services: { id: string; date_maj: string }[]) => services.map((s) => `${s.id}@${s.date_maj}`);

describe("buildIssue", () => {
  it("writes the preview: HTML, text and a sample e-mail with both parts", async () => {
    const result = await buildIssue(join(ISSUES, "2026-12.yaml"), await demoOrienteur(), options(2));
    const preview = join(dir, "apercu", "2");
    expect(result.previewFiles).toEqual(["index.html", "index.txt", "exemple.eml"].map((f) => join(preview, f)));
    const html = readFileSync(join(preview, "index.html"), "utf8");
    expect(html).toContain("Bonjour Camille,");
    expect(html).not.toMatch(/\{\{(?:prenom|lien_desinscription|lien_preferences)\}\}/);

    const mail = await simpleParser(readFileSync(join(preview, "exemple.eml")));
    expect(mail.subject).toBe("Lettre n° 2 — Décembre : passer l'hiver sans laisser personne dehors");
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined).toBe("camille.exemple@example.org");
    expect(mail.text).toContain("NOUVEAUX SERVICES");
    expect(mail.text).toContain("Se désinscrire : https://example.org/lettre/desinscription?exemple");
    expect(mail.html).toContain('<html lang="fr"');
    expect(mail.html).toContain("Voir en ligne");
  });

  it("takes the previous issue's date from the archive, and the second build announces nothing the first did", async () => {
    const orienteur = await demoOrienteur();
    const first = await buildIssue(join(ISSUES, "2026-11.yaml"), orienteur, options(1));
    expect(first.since).toEqual({ date: "2026-10-02", from: "default" });
    // The December issue reaches back to October on purpose: the windows overlap.
    const overlapping = copyIssue("2026-12.yaml");
    writeFileSync(overlapping, `${readFileSync(overlapping, "utf8")}depuis: 2026-10-01\n`);
    const second = await buildIssue(overlapping, orienteur, options(2));

    const [one, two] = await readAnnouncements(join(dir, "lettres"));
    expect(one!.numero).toBe(1);
    expect(two!.numero).toBe(2);
    const already = new Set(versions(one!.services));
    // Only the editor's own choice « à la une » may come back.
    expect(versions(two!.services.filter((s) => s.statut !== "selection")).filter((v) => already.has(v))).toEqual([]);
    expect(two!.pratiques.filter((p) => one!.pratiques.includes(p))).toEqual([]);
    // …while it still announces what is new since October and was not in the first issue.
    expect(second.model.sections.find((s) => s.kind === "nouveaux_services")?.items.map((i) => i.id)).toContain("halte-repit-decize");
  });

  it("uses the first issue's date as « since the previous issue » once it is built", async () => {
    const orienteur = await demoOrienteur();
    await buildIssue(join(ISSUES, "2026-11.yaml"), orienteur, options(1));
    const second = await buildIssue(join(ISSUES, "2026-12.yaml"), orienteur, options(2));
    expect(second.since).toEqual({ date: "2026-11-02", from: "archive", numero: 1 });
    expect(second.model.depuis).toBe("2026-11-02");
  });

  it("finds the previous issue in the issue's folder when it was never built", async () => {
    const second = await buildIssue(join(ISSUES, "2026-12.yaml"), await demoOrienteur(), options(2));
    expect(second.since).toEqual({ date: "2026-11-02", from: "issue-folder", numero: 1 });
  });

  it("announces the same things when an issue is built again (its own record does not count)", async () => {
    const orienteur = await demoOrienteur();
    const once = await buildIssue(join(ISSUES, "2026-12.yaml"), orienteur, options(2));
    const twice = await buildIssue(join(ISSUES, "2026-12.yaml"), orienteur, options(2));
    expect(twice.model.annonces).toEqual(once.model.annonces);
    expect(await readAnnouncements(join(dir, "lettres"))).toHaveLength(1);
  });

  it("updates the archive: pages, index and feed", async () => {
    const orienteur = await demoOrienteur();
    await buildIssue(join(ISSUES, "2026-11.yaml"), orienteur, options(1));
    const second = await buildIssue(join(ISSUES, "2026-12.yaml"), orienteur, options(2));
    const archive = join(dir, "lettres");
    expect(second.archiveFiles.map((f) => f.slice(archive.length + 1)).sort()).toEqual(["1.html", "2.html", "feed.atom", "index.html", "style.css"]);
    expect(readFileSync(join(archive, "index.html"), "utf8")).toMatch(/href="2\.html"[\s\S]*href="1\.html"/);
    expect(second.rendered.html).toContain('href="https://orienteur.example.org/lettres/2.html"');
  });
});

describe("orienteur newsletter build", () => {
  it("builds into <out>/lettres and <out>/apercu/<numero> and says what it did, in French", async () => {
    const out: string[] = [];
    const code = await runNewsletter(["build", join(ISSUES, "2026-12.yaml")], { kb: DEMO_DIR, out: dir }, { out: (t) => out.push(t), err: (t) => out.push(t) }, new Date("2026-11-23T10:00:00Z"));
    expect(code).toBe(0);
    expect(out.join("\n")).toContain("✓ Lettre n° 2 construite : « Décembre : passer l'hiver sans laisser personne dehors »");
    expect(out.join("\n")).toContain("4 nouveaux services, 1 fiche mise à jour, 3 bonnes pratiques, 4 événements.");
    expect(existsSync(join(dir, "apercu", "2", "exemple.eml"))).toBe(true);
    expect(existsSync(join(dir, "lettres", "2", "announced.json"))).toBe(true);
  });
});

// Building issues for real: preview folder and sample e-mail; publishing: archive, feed and what
// each published issue announced. Building alone never publishes.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runNewsletter } from "../../bot/cli/commands/newsletter.ts";
import { publishIssue } from "../../newsletters/archive/publish.ts";
import { readAnnouncements } from "../../newsletters/archive/store.ts";
import { buildIssue, type BuildOptions } from "../../newsletters/build.ts";
import { DEMO_DIR, demoOrienteur } from "../helpers/bases.ts";
import { runCli } from "../helpers/cli.ts";

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

/** What sending does once an issue has reached everyone. */
const publish = (model: Parameters<typeof publishIssue>[1]) => publishIssue(join(dir, "lettres"), model, { baseUrl: "https://orienteur.example.org", now: new Date("2026-11-23T10:00:00Z") });

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

  it("takes the previous issue's date from the archive, and the second issue announces nothing the first (sent) one did", async () => {
    const orienteur = await demoOrienteur();
    const first = await buildIssue(join(ISSUES, "2026-11.yaml"), orienteur, options(1));
    expect(first.since).toEqual({ date: "2026-10-02", from: "default" });
    await publish(first.model);
    // The December issue reaches back to October on purpose: the windows overlap.
    const overlapping = copyIssue("2026-12.yaml");
    writeFileSync(overlapping, `${readFileSync(overlapping, "utf8")}depuis: 2026-10-01\n`);
    const second = await buildIssue(overlapping, orienteur, options(2));
    await publish(second.model);

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

  it("uses the first issue's date as « since the previous issue » once it is sent", async () => {
    const orienteur = await demoOrienteur();
    await publish((await buildIssue(join(ISSUES, "2026-11.yaml"), orienteur, options(1))).model);
    const second = await buildIssue(join(ISSUES, "2026-12.yaml"), orienteur, options(2));
    expect(second.since).toEqual({ date: "2026-11-02", from: "archive", numero: 1 });
    expect(second.model.depuis).toBe("2026-11-02");
  });

  it("finds the previous issue in the issue's folder when it was never built", async () => {
    const second = await buildIssue(join(ISSUES, "2026-12.yaml"), await demoOrienteur(), options(2));
    expect(second.since).toEqual({ date: "2026-11-02", from: "issue-folder", numero: 1 });
  });

  it("announces the same things when an issue is built again", async () => {
    const orienteur = await demoOrienteur();
    const once = await buildIssue(join(ISSUES, "2026-12.yaml"), orienteur, options(2));
    const twice = await buildIssue(join(ISSUES, "2026-12.yaml"), orienteur, options(2));
    expect(twice.model.annonces).toEqual(once.model.annonces);
  });

  it("leaves the public archive and feed alone, even for an issue dated in the future", async () => {
    const future = copyIssue("2026-12.yaml");
    writeFileSync(future, readFileSync(future, "utf8").replace(/^date: .*$/m, "date: 2099-01-15"));
    const built = await buildIssue(future, await demoOrienteur(), options(2));
    expect(built.model.date).toBe("2099-01-15");
    expect(existsSync(join(dir, "lettres"))).toBe(false);
    expect(await readAnnouncements(join(dir, "lettres"))).toEqual([]);
    expect(existsSync(join(dir, "apercu", "2", "index.html"))).toBe(true);
  });

  it("publishes into the archive: pages, index and feed", async () => {
    const orienteur = await demoOrienteur();
    await publish((await buildIssue(join(ISSUES, "2026-11.yaml"), orienteur, options(1))).model);
    const second = await buildIssue(join(ISSUES, "2026-12.yaml"), orienteur, options(2));
    const files = await publish(second.model);
    const archive = join(dir, "lettres");
    expect(files.map((f) => f.slice(archive.length + 1)).sort()).toEqual(["1.html", "2.html", "feed.atom", "index.html", "style.css"]);
    expect(readFileSync(join(archive, "index.html"), "utf8")).toMatch(/href="2\.html"[\s\S]*href="1\.html"/);
    expect(readFileSync(join(archive, "feed.atom"), "utf8")).toContain("https://orienteur.example.org/lettres/2.html");
    expect(second.rendered.html).toContain('href="https://orienteur.example.org/lettres/2.html"');
  });

  it("refuses, in French, to build again a number already sent", async () => {
    const orienteur = await demoOrienteur();
    await publish((await buildIssue(join(ISSUES, "2026-11.yaml"), orienteur, options(1))).model);
    await expect(buildIssue(join(ISSUES, "2026-11.yaml"), orienteur, options(1))).rejects.toThrow(
      /^La lettre n° 1 a déjà été envoyée \(publiée le 2026-11-23\) : elle ne peut pas être reconstruite.*donnez-lui le numéro 2 ou suivant\.$/,
    );
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
    expect(out.join("\n")).toContain("Rien n'est publié");
    expect(existsSync(join(dir, "lettres", "2"))).toBe(false);
  });

  it("publishes on demand with « newsletter publish », once, and then refuses to build that number again", async () => {
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const run = (sub: string) => runNewsletter([sub, join(ISSUES, "2026-12.yaml")], { kb: DEMO_DIR, out: dir }, io, new Date("2026-12-15T10:00:00Z"));
    expect(await run("publish")).toBe(0);
    expect(out.join("\n")).toContain("✓ Lettre n° 2 publiée dans l'archive en ligne et le flux");
    expect(readFileSync(join(dir, "lettres", "feed.atom"), "utf8")).toContain("/lettres/2.html");
    expect(await run("publish")).toBe(0);
    expect(out.join("\n")).toContain("La lettre n° 2 est déjà publiée");
    expect(await run("build")).toBe(1);
    expect(out.join("\n")).toContain("La lettre n° 2 a déjà été envoyée (publiée le 2026-12-15)");
  });
});

describe("the archive folder of the command line", () => {
  it("publishes into the archive the server serves (ORIENTEUR_ARCHIVE_DIR) when --out is not given", async () => {
    const archive = mkdtempSync(join(tmpdir(), "orienteur-archive-"));
    try {
      const result = await runCli(["newsletter", "publish", "newsletters/issues/2026-11.yaml"], { ORIENTEUR_ARCHIVE_DIR: archive, ORIENTEUR_PUBLIC_URL: "https://orienteur.example.org" });
      expect(result.code, result.stderr).toBe(0);
      expect(readdirSync(archive).length).toBeGreaterThan(0);
    } finally {
      rmSync(archive, { recursive: true, force: true });
    }
  });
});

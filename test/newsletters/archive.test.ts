// The web archive: index of issues, one page per issue, an Atom feed, and how the server serves them.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atomFeed } from "../../newsletters/archive/feed.ts";
import { archiveResponse } from "../../newsletters/archive/serve.ts";
import { readArchive, storeIssue, type ArchivedIssue } from "../../newsletters/archive/store.ts";
import { writeArchive } from "../../newsletters/archive/write-archive.ts";
import { composeIssue } from "../../newsletters/compose/compose-issue.ts";
import { issueSchema } from "../../newsletters/issue-schema.ts";
import { demoOrienteur } from "../helpers/bases.ts";

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

/** Parses XML strictly (well-formedness errors throw) into a small tree. sax comes with mjml's dependencies. */
async function parseXml(source: string): Promise<XmlElement> {
  const sax = (await import("sax" as string)) as { parser(strict: boolean, options: object): SaxParser };
  const parser = sax.parser(true, { xmlns: false });
  const root: XmlElement = { name: "#document", attributes: {}, text: "", children: [] };
  const stack = [root];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (node) => {
    const element = { name: node.name, attributes: node.attributes, text: "", children: [] };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (text) => void (stack.at(-1)!.text += text);
  parser.write(source).close();
  return root.children[0]!;
}

interface SaxParser {
  onerror: (error: Error) => void;
  onopentag: (node: { name: string; attributes: Record<string, string> }) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  write(source: string): SaxParser;
  close(): void;
}

const child = (element: XmlElement, name: string) => element.children.find((c) => c.name === name);

let dir: string;
let issues: ArchivedIssue[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "orienteur-lettres-"));
  const orienteur = await demoOrienteur();
  const first = composeIssue(issueSchema.parse({ numero: 1, date: "2026-11-02", titre: "Novembre & <les aidants>", editorial: "Premier éditorial de la lettre." }), orienteur);
  const second = composeIssue(issueSchema.parse({ numero: 2, date: "2026-12-15", titre: "Décembre : l'hiver", editorial: "Deuxième éditorial de la lettre." }), orienteur, { since: "2026-11-02" });
  await storeIssue(dir, { model: first, builtAt: "2026-11-02T08:00:00.000Z" });
  await storeIssue(dir, { model: second, builtAt: "2026-12-16T08:00:00.000Z" });
  issues = await readArchive(dir);
  await writeArchive(dir, issues, { baseUrl: "https://orienteur.example.org/" });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeArchive", () => {
  it("lists the issues, newest first, each linking to its page", () => {
    const index = readFileSync(join(dir, "index.html"), "utf8");
    expect(index).toContain('<html lang="fr">');
    const links = [...index.matchAll(/<a href="(\d+)\.html">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ["2", "n° 2 — 15 décembre 2026 — Décembre : l&#39;hiver"],
      ["1", "n° 1 — 2 novembre 2026 — Novembre &amp; &lt;les aidants&gt;"],
    ]);
    expect(index).toContain('<link rel="alternate" type="application/atom+xml"');
  });

  it("writes one accessible page per issue, with no inline style or script for the server's CSP", () => {
    const page = readFileSync(join(dir, "2.html"), "utf8");
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain("<h1>Décembre : l&#39;hiver</h1>");
    expect(page).toMatch(/<main id="contenu">/);
    expect(page).toMatch(/<section aria-labelledby="section-\d+" class="nouveaux_services">/);
    expect(page).toContain('<link rel="stylesheet" href="style.css">');
    expect(page).not.toMatch(/<script|<style|\sstyle="/);
    expect(readFileSync(join(dir, "style.css"), "utf8")).toContain("focus-visible");
  });

  it("writes an Atom feed that parses as XML, with one entry per issue", async () => {
    const feed = await parseXml(readFileSync(join(dir, "feed.atom"), "utf8"));
    expect(feed.name).toBe("feed");
    expect(feed.attributes.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(child(feed, "id")?.text).toBe("https://orienteur.example.org/lettres/");
    expect(child(feed, "title")?.text).toMatch(/^Lettres d'information — /);
    expect(child(feed, "updated")?.text).toBe("2026-12-16T08:00:00.000Z");
    expect(child(child(feed, "author")!, "name")?.text).toBeTruthy();
    const self = feed.children.find((c) => c.name === "link" && c.attributes.rel === "self");
    expect(self?.attributes.href).toBe("https://orienteur.example.org/lettres/feed.atom");

    const entries = feed.children.filter((c) => c.name === "entry");
    expect(entries.map((e) => child(e, "title")?.text)).toEqual(["Lettre n° 2 — Décembre : l'hiver", "Lettre n° 1 — Novembre & <les aidants>"]);
    for (const entry of entries) {
      const id = child(entry, "id")!.text;
      expect(id).toMatch(/^https:\/\/orienteur\.example\.org\/lettres\/\d\.html$/);
      expect(child(entry, "link")?.attributes).toMatchObject({ rel: "alternate", type: "text/html", href: id });
      expect(child(entry, "updated")?.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/);
      expect(child(entry, "content")?.attributes.type).toBe("html");
      expect(child(entry, "content")?.text).toContain("<h2 id=");
    }
  });

  it("never dates an entry's update before its publication", async () => {
    const early = issues.map((i) => ({ ...i, builtAt: "2026-10-01T00:00:00.000Z" }));
    const feed = await parseXml(atomFeed(early, { baseUrl: "https://orienteur.example.org", baseName: "Démo" }));
    for (const entry of feed.children.filter((c) => c.name === "entry")) {
      expect(Date.parse(child(entry, "updated")!.text)).toBeGreaterThanOrEqual(Date.parse(child(entry, "published")!.text));
    }
  });
});

describe("archiveResponse", () => {
  it("serves the index, the pages, the feed and the style sheet under /lettres/", async () => {
    expect(await archiveResponse(dir, "/lettres/")).toMatchObject({ status: 200, headers: { "content-type": "text/html; charset=utf-8" } });
    expect((await archiveResponse(dir, "/lettres/2.html"))?.body).toContain("Décembre");
    expect(await archiveResponse(dir, "/lettres/feed.atom")).toMatchObject({ status: 200, headers: { "content-type": "application/atom+xml; charset=utf-8" } });
    expect(await archiveResponse(dir, "/lettres/style.css")).toMatchObject({ status: 200 });
  });

  it("redirects /lettres to /lettres/ so the pages' relative links work", async () => {
    expect(await archiveResponse(dir, "/lettres")).toMatchObject({ status: 301, headers: { location: "/lettres/" } });
  });

  it("answers 404 for anything the archive does not write, and leaves other paths to the server", async () => {
    for (const path of ["/lettres/9.html", "/lettres/1/issue.json", "/lettres/../package.json", "/lettres/%2e%2e/package.json", "/lettres/index.htm"]) {
      expect((await archiveResponse(dir, path))?.status, path).toBe(404);
    }
    expect(await archiveResponse(dir, "/api/ask")).toBeUndefined();
  });
});

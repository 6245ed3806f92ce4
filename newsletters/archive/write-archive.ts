// Writes the web archive: index of issues, one page per issue, the Atom feed and the style sheet.
// The folder is served as-is under `/lettres/` (see serve.ts) or by any static web server.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { atomFeed } from "./feed.ts";
import { ARCHIVE_CSS, indexPageHtml, issuePageHtml } from "./pages.ts";
import type { ArchivedIssue } from "./store.ts";

export interface ArchiveOptions {
  /** Public address of the site, without `/lettres/` (ORIENTEUR_PUBLIC_URL). */
  baseUrl: string;
}

/**
 * Writes `index.html`, `<numero>.html` for each issue, `feed.atom` and `style.css` into `dir`.
 * Resolves to the paths written.
 * @example
 * await writeArchive("var/lettres", await readArchive("var/lettres"), { baseUrl: "http://localhost:8080" });
 */
export async function writeArchive(dir: string, issues: readonly ArchivedIssue[], options: ArchiveOptions): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const sorted = [...issues].sort((a, b) => b.model.numero - a.model.numero);
  const latest = sorted[0]?.model.base;
  const baseName = latest?.nom ?? "Orienteur";
  const files: [string, string][] = [
    ["index.html", indexPageHtml(sorted.map((i) => i.model), baseName, latest?.contact)],
    ["feed.atom", atomFeed(sorted, { baseUrl: options.baseUrl, baseName })],
    ["style.css", ARCHIVE_CSS],
    ...sorted.map(({ model }): [string, string] => [`${model.numero}.html`, issuePageHtml(model)]),
  ];
  await Promise.all(files.map(([name, content]) => writeFile(join(dir, name), content)));
  return files.map(([name]) => join(dir, name));
}

// Serves the archive folder under a path prefix (`/lettres/`), for the server of `npm start`.
// Only the names the archive writes are served: no path from the request reaches the file system.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { renderTexts } from "../render/texts.ts";

export interface ArchiveResponse {
  status: 200 | 301 | 404;
  headers: Record<string, string>;
  body: string;
}

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  css: "text/css; charset=utf-8",
};

/**
 * Answers a request for the archive, or resolves to undefined when the path is not under `prefix`.
 * @example
 * const answer = await archiveResponse("var/lettres", url.pathname);
 * if (answer) { response.writeHead(answer.status, answer.headers); response.end(answer.body); return; }
 */
export async function archiveResponse(archiveDir: string, pathname: string, prefix = "/lettres"): Promise<ArchiveResponse | undefined> {
  if (pathname === prefix) return { status: 301, headers: { location: `${prefix}/` }, body: "" };
  if (!pathname.startsWith(`${prefix}/`)) return undefined;
  const name = pathname.slice(prefix.length + 1) || "index.html";
  const match = /^(?:index\.html|\d{1,6}\.html|feed\.atom|style\.css)$/.exec(name);
  const notFound: ArchiveResponse = { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: `${renderTexts.archive.notFound}\n` };
  if (!match) return notFound;
  try {
    const body = await readFile(join(archiveDir, name), "utf8");
    const type = TYPES[name.slice(name.lastIndexOf(".") + 1)]!;
    return { status: 200, headers: { "content-type": type, "cache-control": "public, max-age=300" }, body };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return notFound;
    throw error;
  }
}

// Publishing: an issue enters the public archive and its feed when it has been sent (or when an
// editor publishes it explicitly), never when it is only built, tried or written to files. The
// archive folder therefore says which issues went out; a published number is never built again.
import type { IssueModel } from "../compose/model.ts";
import { readArchive, storeIssue, type ArchivedIssue } from "./store.ts";
import { writeArchive } from "./write-archive.ts";

export interface PublishOptions {
  /** Public address of the site (ORIENTEUR_PUBLIC_URL), without `/lettres/`. */
  baseUrl: string;
  /** Publication time: the Atom entry's `updated`. */
  now: Date;
}

/** The published issue of that number, or undefined when it was never sent nor published. */
export async function publishedIssue(archiveDir: string, numero: number): Promise<ArchivedIssue | undefined> {
  return (await readArchive(archiveDir)).find((archived) => archived.model.numero === numero);
}

/**
 * Adds an issue to the archive (its record, what it announced) and rewrites the pages and the feed.
 * Publishing the same issue again keeps its first publication date. Resolves to the files written.
 * @example
 * await publishIssue("var/lettres", model, { baseUrl: "https://orienteur.example.org", now: new Date() });
 */
export async function publishIssue(archiveDir: string, model: IssueModel, options: PublishOptions): Promise<string[]> {
  const earlier = await publishedIssue(archiveDir, model.numero);
  if (!earlier) await storeIssue(archiveDir, { model, builtAt: options.now.toISOString() });
  return writeArchive(archiveDir, await readArchive(archiveDir), { baseUrl: options.baseUrl });
}

// What the archive folder keeps about each built issue: its model (to regenerate the web pages
// and the feed) and what it announced (so no later issue announces the same thing again).
//   <archive>/<numero>/issue.json      the issue model and when it was built
//   <archive>/<numero>/announced.json  the services (id, date_maj), practices and events it announced
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Announcements, IssueModel } from "../compose/model.ts";

export interface ArchivedIssue {
  model: IssueModel;
  /** When the issue was built, ISO 8601 (the Atom entry's `updated`). */
  builtAt: string;
}

export interface AnnouncementRecord extends Announcements {
  numero: number;
  date: string;
  builtAt: string;
}

/** The web address of the archive and of one issue, under `/lettres/` of the public site. */
export function archiveUrls(baseUrl: string): { index: string; feed: string; issue: (numero: number) => string } {
  const index = `${baseUrl.replace(/\/+$/, "")}/lettres/`;
  return { index, feed: `${index}feed.atom`, issue: (numero) => `${index}${numero}.html` };
}

/** Records a built issue in the archive folder (replacing an earlier build of the same number). */
export async function storeIssue(dir: string, archived: ArchivedIssue): Promise<void> {
  const folder = join(dir, String(archived.model.numero));
  await mkdir(folder, { recursive: true });
  const record: AnnouncementRecord = { numero: archived.model.numero, date: archived.model.date, builtAt: archived.builtAt, ...archived.model.annonces };
  await writeFile(join(folder, "issue.json"), `${JSON.stringify(archived, null, 2)}\n`);
  await writeFile(join(folder, "announced.json"), `${JSON.stringify(record, null, 2)}\n`);
}

/** Every issue kept in the archive, newest number first. A missing folder is an empty archive. */
export async function readArchive(dir: string): Promise<ArchivedIssue[]> {
  const issues: ArchivedIssue[] = [];
  for (const numero of await issueNumbers(dir)) {
    const json = await readOptional(join(dir, String(numero), "issue.json"));
    if (json) issues.push(JSON.parse(json) as ArchivedIssue);
  }
  return issues.sort((a, b) => b.model.numero - a.model.numero);
}

/** What every archived issue announced, oldest first. */
export async function readAnnouncements(dir: string): Promise<AnnouncementRecord[]> {
  const records: AnnouncementRecord[] = [];
  for (const numero of await issueNumbers(dir)) {
    const json = await readOptional(join(dir, String(numero), "announced.json"));
    if (json) records.push(JSON.parse(json) as AnnouncementRecord);
  }
  return records.sort((a, b) => a.numero - b.numero);
}

async function issueNumbers(dir: string): Promise<number[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && /^\d+$/.test(e.name)).map((e) => Number(e.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

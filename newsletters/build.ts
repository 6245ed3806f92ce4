// `orienteur newsletter build <issue>`: reads the issue file, composes it against the base and what
// earlier (published) issues announced, renders it and writes a preview folder. It never touches
// the public archive: an issue is published when it is sent (archive/publish.ts).
import { readdir, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import MailComposer from "nodemailer/lib/mail-composer";
import type { Orienteur } from "../knowledge/orienteur.ts";
import { publishedIssue } from "./archive/publish.ts";
import { readAnnouncements, archiveUrls, type AnnouncementRecord } from "./archive/store.ts";
import { composeIssue } from "./compose/compose-issue.ts";
import type { IssueModel } from "./compose/model.ts";
import type { Issue } from "./issue-schema.ts";
import { loadIssue } from "./load-issue.ts";
import { personalize, type RecipientValues } from "./render/personalize.ts";
import { renderIssue, type RenderedIssue } from "./render/render-issue.ts";

export interface BuildOptions {
  /** Folder of the web archive and of what each published issue announced (`var/lettres`): read only. */
  archiveDir: string;
  /** Folder for this issue's preview (`var/apercu/<numero>`). */
  previewDir: string;
  /** Public address of the site (ORIENTEUR_PUBLIC_URL), e.g. `http://localhost:8080`. */
  baseUrl: string;
  /** Build time: the Atom entry's `updated` and the sample e-mail's date. */
  now: Date;
}

export interface BuildResult {
  model: IssueModel;
  /** The rendered issue, placeholders left in. */
  rendered: RenderedIssue;
  /** Date after which content counted as new, and the issue it came from (if any). */
  since: { date: string; from: "issue-file" | "archive" | "issue-folder" | "default"; numero?: number };
  previewFiles: string[];
}

export type ComposedIssue = Omit<BuildResult, "previewFiles">;

/** Thrown when an issue already sent (published) would be built again; the message is for the editor. */
export class PublishedIssueError extends Error {
  constructor(numero: number, publishedAt: string) {
    super(
      `La lettre n° ${numero} a déjà été envoyée (publiée le ${publishedAt.slice(0, 10)}) : elle ne peut pas être reconstruite, car l'archive doit rester ce que les abonnés ont reçu. Pour une nouvelle lettre, donnez-lui le numéro ${numero + 1} ou suivant.`,
    );
    this.name = "PublishedIssueError";
  }
}

/** The made-up recipient of the preview: realistic, and obviously not a real person. */
const PREVIEW_RECIPIENT = {
  name: "Camille Exemple",
  address: "camille.exemple@example.org",
  values: {
    prenom: "Camille",
    lien_desinscription: "https://example.org/lettre/desinscription?exemple",
    lien_preferences: "https://example.org/lettre/preferences?exemple",
  } satisfies RecipientValues,
};

/**
 * Builds one issue: compose, render and write the preview folder (`index.html`, `index.txt`,
 * `exemple.eml`). The public archive and feed are left alone. Throws an IssueError (French,
 * file:line) when the issue file is wrong, a PublishedIssueError when that number was already sent.
 * @example
 * await buildIssue("newsletters/issues/2026-12.yaml", orienteur, { archiveDir: "var/lettres", previewDir: "var/apercu/2", baseUrl: "http://localhost:8080", now: new Date() });
 */
export async function buildIssue(issuePath: string, orienteur: Orienteur, options: BuildOptions): Promise<BuildResult> {
  const composed = await composeIssueFile(issuePath, orienteur, options);
  const published = await publishedIssue(options.archiveDir, composed.model.numero);
  if (published) throw new PublishedIssueError(published.model.numero, published.builtAt);
  const previewFiles = await writePreview(options.previewDir, composed.rendered, composed.model, options.now);
  return { ...composed, previewFiles };
}

/** Composes and renders an issue file against the base and the published issues, writing nothing. */
export async function composeIssueFile(issuePath: string, orienteur: Orienteur, options: Pick<BuildOptions, "archiveDir" | "baseUrl">): Promise<ComposedIssue> {
  const { issue, path } = await loadIssue(issuePath, orienteur);
  const records = await readAnnouncements(options.archiveDir);
  const earlier = records.filter((r) => r.numero < issue.numero);
  const since = issue.depuis ? { date: issue.depuis, from: "issue-file" as const } : await previousIssueDate(issue, earlier, dirname(path));

  const model = composeIssue(issue, orienteur, { since: since?.date, alreadyAnnounced: earlier });
  const urls = archiveUrls(options.baseUrl);
  const rendered = await renderIssue(model, { webUrl: urls.issue(model.numero), archiveUrl: urls.index });
  return { model, rendered, since: since ?? { date: model.depuis, from: "default" } };
}

/** The date of the latest earlier issue: published ones first, else the other files of the issue's folder. */
async function previousIssueDate(issue: Issue, earlier: readonly AnnouncementRecord[], folder: string): Promise<BuildResult["since"] | undefined> {
  const built = latestBefore(earlier, issue.date);
  if (built) return { date: built.date, from: "archive", numero: built.numero };
  const siblings: { numero: number; date: string }[] = [];
  for (const name of (await readdir(folder)).filter((n) => /\.ya?ml$/i.test(n))) {
    try {
      const { issue: other } = await loadIssue(join(folder, name));
      if (other.numero < issue.numero) siblings.push(other);
    } catch {
      // A broken draft next to this issue is not this issue's problem.
    }
  }
  const written = latestBefore(siblings, issue.date);
  return written ? { date: written.date, from: "issue-folder", numero: written.numero } : undefined;
}

function latestBefore<T extends { numero: number; date: string }>(issues: readonly T[], date: string): T | undefined {
  return issues.filter((i) => i.date < date).sort((a, b) => a.date.localeCompare(b.date) || a.numero - b.numero).at(-1);
}

async function writePreview(dir: string, rendered: RenderedIssue, model: IssueModel, now: Date): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const sample = personalize(rendered, PREVIEW_RECIPIENT.values);
  const from = model.base.contact ?? "lettre@example.org";
  const eml = await new MailComposer({
    from: { name: model.base.nom, address: from },
    to: { name: PREVIEW_RECIPIENT.name, address: PREVIEW_RECIPIENT.address },
    subject: sample.subject,
    date: now,
    text: sample.text,
    html: sample.html,
  })
    .compile()
    .build();
  const files: [string, string | Buffer][] = [
    ["index.html", sample.html],
    ["index.txt", sample.text],
    ["exemple.eml", eml],
  ];
  await Promise.all(files.map(([name, content]) => writeFile(join(dir, name), content)));
  return files.map(([name]) => join(dir, name));
}

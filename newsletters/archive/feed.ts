// The archive as an Atom 1.0 feed (RFC 4287): one entry per issue, its content the web version.
import type { ArchivedIssue } from "./store.ts";
import { archiveUrls } from "./store.ts";
import { issueArticleHtml } from "./pages.ts";
import { renderTexts as t } from "../render/texts.ts";

/** Escapes text for XML content and attribute values. */
function xml(value: string): string {
  // XML 1.0 forbids these characters even escaped (tab, line feed and carriage return are allowed).
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/**
 * Builds the feed. `published` is an entry's date; `updated` is when it was built, or that date if built ahead of it.
 * @example
 * atomFeed(await readArchive("var/lettres"), { baseUrl: "https://orienteur.example.org", baseName: "Annuaire de la Nièvre" })
 */
export function atomFeed(issues: readonly ArchivedIssue[], options: { baseUrl: string; baseName: string }): string {
  const urls = archiveUrls(options.baseUrl);
  const sorted = [...issues].sort((a, b) => b.model.numero - a.model.numero);
  const updatedOf = ({ model, builtAt }: ArchivedIssue) => {
    // An issue built ahead of its date is not « updated » before it is published.
    const published = `${model.date}T00:00:00Z`;
    return Date.parse(builtAt) > Date.parse(published) ? new Date(builtAt).toISOString() : published;
  };
  const updated = sorted.map(updatedOf).sort().at(-1) ?? new Date(0).toISOString();
  const entries = sorted.map((archived) => {
    const { model } = archived;
    const url = urls.issue(model.numero);
    return `  <entry>
    <id>${xml(url)}</id>
    <title>${xml(t.subject(model.numero, model.titre))}</title>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <published>${model.date}T00:00:00Z</published>
    <updated>${xml(updatedOf(archived))}</updated>
    <summary>${xml(model.preheader)}</summary>
    <content type="html">${xml(issueArticleHtml(model))}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>${xml(urls.index)}</id>
  <title>${xml(t.archive.feedTitle(options.baseName))}</title>
  <updated>${xml(updated)}</updated>
  <author><name>${xml(options.baseName)}</name></author>
  <link rel="self" type="application/atom+xml" href="${xml(urls.feed)}"/>
  <link rel="alternate" type="text/html" href="${xml(urls.index)}"/>
${entries.join("\n")}
</feed>
`;
}
